"""Interviewer mode: a peer runs the interview, ticks what they hear, rates, decides; the report says it is theirs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from tests.helpers import AppMaker, drive, press, run_cli, type_text
from tests.interviewing import INTERVIEW_PACK, ROLLOUT, SPIKE, interview_app, start_stage
from tests.scenarios import screen_rows
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.locations import exports_dir
from tui_interview.domain.reporting.html import report_html
from tui_interview.domain.reporting.markdown import report_markdown
from tui_interview.domain.reporting.report import build_report
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.probing import follow_ups_to_ask
from tui_interview.domain.sessions.records import SessionRecord
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.settings import StartScreen
from tui_interview.ui.screens.dialogs import ConfirmDialog
from tui_interview.ui.screens.interviewer import InterviewerScreen, StageCallDialog
from tui_interview.ui.screens.report import ReportScreen
from tui_interview.ui.screens.summary import SummaryScreen

# The follow-up to ask first -----------------------------------------------------------------------------------


def test_the_follow_up_aimed_at_the_heaviest_point_not_heard_comes_first() -> None:
    question = load_pack(INTERVIEW_PACK).question(ROLLOUT)  # points weigh 1, 2 and 3: rollback is the heaviest
    watch, rollback, sign_off = question.follow_ups

    nothing_heard = follow_ups_to_ask(question, heard=set(), steps_shown=0)
    assert [s.prompt for s in nothing_heard] == [rollback, watch, sign_off]  # then the rest in the pack's order
    assert nothing_heard[0].aimed_at == 2
    assert [s.aimed_at for s in nothing_heard[1:]] == [None, None]

    rollback_heard = follow_ups_to_ask(question, heard={2}, steps_shown=0)
    assert [s.prompt for s in rollback_heard] == [watch, rollback, sign_off]
    assert rollback_heard[0].aimed_at == 1

    everything_heard = follow_ups_to_ask(question, heard={0, 1, 2}, steps_shown=0)
    assert [s.prompt for s in everything_heard] == [watch, rollback, sign_off]
    assert all(s.aimed_at is None for s in everything_heard)


def test_points_of_a_step_not_revealed_yet_are_not_aimed_at() -> None:
    question = load_pack(INTERVIEW_PACK).question(SPIKE)  # point 0 in the prompt, point 1 in its one step

    assert follow_ups_to_ask(question, heard={0}, steps_shown=0)[0].aimed_at is None
    assert follow_ups_to_ask(question, heard={0}, steps_shown=1)[0].aimed_at == 1


# A whole interview in the app ----------------------------------------------------------------------------------


def saved(data_home: Path) -> SessionRecord:
    """The one session in the data folder, as the file holds it now."""
    [path] = (data_home / "sessions").glob("*.toml")
    return SessionStore(data_home / "sessions").load(path)


def interviewer(pilot: Pilot[Any]) -> InterviewerScreen:
    screen = pilot.app.screen
    assert isinstance(screen, InterviewerScreen)
    return screen


def test_an_interviewer_runs_a_stage_and_every_judgement_in_the_report_and_export_is_theirs(
    data_home: Path, fake_clock: FakeClock
) -> None:
    app = interview_app(data_home, fake_clock)

    async def steps(pilot: Pilot[Any]) -> None:
        await start_stage(pilot, ROLLOUT, SPIKE)
        await press(pilot, "enter")  # "You are the interviewer": the clock starts
        screen = interviewer(pilot)
        first = saved(data_home).stages[0]
        assert first.answers[0].shown_at == 0.0
        assert first.answers[0].status == "pending"
        assert first.status == "running"

        fake_clock.advance(40)
        await press(pilot, "3")  # the rollback point, heard
        assert screen.judgement.points == [2]
        await press(pilot, "u")
        rows = "\n".join(screen_rows(app))
        assert "1. Which numbers would you watch" in rows  # the heaviest point not heard is now the numbers one
        await press(pilot, "f", "down", "space")  # the second red flag, heard
        assert screen.judgement.flags == [1]
        await press(pilot, "r", "3", "tab", "4", "tab", "2")
        assert screen.judgement.ratings == {"technical": 3, "problem_solving": 4, "communication": 2}
        await press(pilot, "o")
        await type_text(pilot, "Clear on rollback [bold]x[/]")
        await press(pilot, "escape")

        fake_clock.advance(50)
        await press(pilot, "ctrl+n")  # the next question: saved at once, for a candidate view
        stage = saved(data_home).stages[0]
        done, showing = stage.answers
        assert done.status == "answered"
        assert done.seconds == 90.0
        assert done.judged_by == "interviewer"
        assert done.judgement is not None
        assert done.judgement.notes == "Clear on rollback [bold]x[/]"
        assert showing.status == "pending"
        assert showing.shown_at == 90.0
        assert showing.turns == []
        assert stage.elapsed_seconds == 90.0

        await press(pilot, "1")
        fake_clock.advance(20)
        await press(pilot, "ctrl+r")  # the scenario's next part, revealed: saved at once
        [step] = saved(data_home).stages[0].answers[1].turns
        assert step.kind == "step"
        assert step.shown_at == 110.0
        assert "2. part 2: Rolls back the new version" in "\n".join(screen_rows(app))
        await press(pilot, "2")

        fake_clock.advance(30)
        await press(pilot, "ctrl+n")  # the last question: the stage is over, the interviewer makes the call
        assert isinstance(app.screen, StageCallDialog)
        await type_text(pilot, "Rolls back before debugging")
        await press(pilot, "enter", "enter")  # to the Hire button, and press it
        assert isinstance(app.screen, SummaryScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, ReportScreen)
        rows = "\n".join(screen_rows(app))
        assert "interviewer's judgement" in rows
        assert "Call on Technical assessment: hire: Rolls back before debugging" in rows
        await press(pilot, "e", "m")

    drive(app, steps)

    record = saved(data_home)
    assert record.mode == "interview"
    assert record.status == "finished"
    assert record.format == 2
    stage = record.stages[0]
    assert stage.call is not None
    assert stage.call.call == "hire"
    assert [answer.judgement.points for answer in stage.answers if answer.judgement] == [[2], [0, 1]]

    report = build_report(record, load_pack(INTERVIEW_PACK))
    rollout, spike = report.stages[0].questions
    assert rollout.score is not None
    assert rollout.score.judged_by == "interviewer"
    assert rollout.score.coverage == pytest.approx(3 / 6)  # the rollback point weighs 3 of 6
    assert rollout.score.score == pytest.approx((0.5 + (0.75 + 1.0 + 0.4) / 3) / 2)  # with the ratings' mean
    assert spike.score is not None
    assert spike.score.coverage == 1.0
    assert report.scores.graded_by == "interviewer's judgement"

    [export] = exports_dir(data_home).glob("*.md")
    markdown = export.read_text(encoding="utf-8")
    assert markdown == report_markdown(report)
    assert "Mock interview" in markdown.splitlines()[0]
    assert "decided by the interviewer" in markdown
    assert "decided by the grader" not in markdown
    assert "**Talking points** · 1 of 3 covered · coverage 50% · interviewer's judgement" in markdown
    assert "*(answered aloud; what follows is the interviewer's judgement)*" in markdown
    assert "- ⚠ Has no way back — Without a rollback" in markdown  # the red flag heard
    assert "Technical ability 3 of 4, lean yes · Problem solving 4 of 4, strong yes" in markdown
    assert "| Communication | 2.0 | 1 | lean no |" in markdown  # the ratings per dimension, in the summary
    assert "- Technical assessment: **hire** — Rolls back before debugging" in markdown
    assert "> Clear on rollback \\[bold\\]x\\[/\\]" in markdown  # the notes, shown literally
    assert "Delivery" not in markdown  # nothing typed: no word counts or pace
    assert "Interviewer&#x27;s notes" in report_html(report) or "Interviewer's notes" in report_html(report)


@pytest.mark.parametrize(("start", "keys"), [("interview", ()), ("home", ("i",))])
def test_an_interview_starts_from_the_command_line_and_from_home(
    make_app: AppMaker, data_home: Path, start: StartScreen, keys: tuple[str, ...]
) -> None:
    app = make_app(start=start)

    async def steps(pilot: Pilot[Any]) -> None:
        await press(pilot, *keys, "enter")
        assert isinstance(pilot.app.screen, InterviewerScreen)
        assert "stage 1/4" in screen_rows(pilot.app)[0]

    drive(app, steps)
    assert saved(data_home).id.endswith("-interview")


def test_history_lists_an_interview_as_one(data_home: Path, fake_clock: FakeClock, capsys: Any) -> None:
    app = interview_app(data_home, fake_clock)

    async def steps(pilot: Pilot[Any]) -> None:
        await start_stage(pilot, ROLLOUT)
        await press(pilot, "enter", "1", "ctrl+n", "escape")  # the call left for later (Esc: no call)
        await press(pilot, "enter")
        await press(pilot, "escape")  # the report closes: home
        await press(pilot, "h")
        assert "Mock interview · Technical assess" in "\n".join(screen_rows(pilot.app))

    drive(app, steps)
    code, out, _ = run_cli(capsys, "--pack", str(INTERVIEW_PACK), "history")
    assert code == 0
    assert "interview" in out
    assert "no call made" in report_markdown(build_report(saved(data_home), load_pack(INTERVIEW_PACK)))


def test_the_notes_box_keeps_typed_markup_literally(data_home: Path, fake_clock: FakeClock) -> None:
    app = interview_app(data_home, fake_clock)

    async def steps(pilot: Pilot[Any]) -> None:
        await start_stage(pilot, ROLLOUT)
        await press(pilot, "enter", "o")
        await type_text(pilot, "[red]not red[/]")
        assert interviewer(pilot).query_one("#notes-box", TextArea).text == "[red]not red[/]"

    drive(app, steps)


def test_an_interview_quit_midway_resumes_on_the_interviewers_screen_with_the_ticks_kept(
    make_app: AppMaker, fake_clock: FakeClock
) -> None:
    first = make_app(start="interview")

    async def quit_midway(pilot: Pilot[Any]) -> None:
        await press(pilot, "enter")
        fake_clock.advance(30)
        await press(pilot, "1", "ctrl+n", "2")
        fake_clock.advance(15)
        await press(pilot, "ctrl+q")
        assert isinstance(first.screen, ConfirmDialog)
        await press(pilot, "y")

    drive(first, quit_midway)
    assert first.return_code == 0

    fake_clock.advance(3600)  # the app is closed: not interview time
    second = make_app()

    async def resume(pilot: Pilot[Any]) -> None:
        assert isinstance(second.screen, ConfirmDialog)
        assert "unfinished interview" in "\n".join(screen_rows(second))
        await press(pilot, "y", "enter")
        screen = interviewer(pilot)
        assert screen.stage.number == 2
        assert screen.stage.countdown.elapsed == 45
        assert screen.judgement.points == [1]  # the tick on question 2, saved when quitting
        assert screen.stage.record.answers[0].judgement is not None
        assert screen.stage.record.answers[0].judgement.points == [0]

    drive(second, resume)
