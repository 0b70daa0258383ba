"""The LLM judge in the app: asked in a worker after each answer, never blocking; its verdict shown with who decided."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.helpers import AppMaker, drive, press, type_text
from tests.judge_server import MODEL, JudgeServer, Scripted, completion, running_judge_server
from tui_interview.domain.settings import PracticeChoice
from tui_interview.ui.screens.report import ReportScreen
from tui_interview.ui.screens.review import QuestionReviewScreen
from tui_interview.ui.screens.stage import StageScreen

ANSWER = "I would roll back"


def first_point_only(body: dict[str, Any]) -> Scripted:
    """A judge that credits the first point with the whole answer as its quote, and finds the rest missed."""
    prompt = body["messages"][1]["content"]
    answer = prompt.split("<<<ANSWER\n", 1)[1].rsplit("\nANSWER>>>", 1)[0]
    count = body["response_format"]["json_schema"]["schema"]["properties"]["points"]["minItems"]
    points = [{"id": "p1", "status": "covered", "quote": answer, "reason": "a first check"}]
    points += [{"id": f"p{n}", "status": "missed", "quote": "", "reason": "not said"} for n in range(2, count + 1)]
    return Scripted(completion(json.dumps({"points": points, "red_flags": []})))


@pytest.fixture
def judge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[JudgeServer]:
    """A loopback judge named in the config file the app reads."""
    with running_judge_server() as server:
        config = tmp_path / "judge-config.toml"
        config.write_text(f'[judge]\nbase_url = "{server.base_url}"\nmodel = "{MODEL}"\ntimeout_seconds = 5\n')
        monkeypatch.setenv("TUI_INTERVIEW_CONFIG", str(config))
        yield server


async def judged(pilot: Pilot[int]) -> None:
    """Wait for the judge's workers (not the feedback's, which waits for the candidate) and the screens' updates."""
    judging = [worker for worker in pilot.app.workers if worker.group == "judge"]
    if judging:  # finished workers leave the list (and an empty list would mean "wait for every worker")
        await pilot.app.workers.wait_for_complete(judging)
    await pilot.pause()


def feedback_screen(pilot: Pilot[int]) -> QuestionReviewScreen:
    screen = pilot.app.screen
    assert isinstance(screen, QuestionReviewScreen)
    return screen


def rating_line(screen: QuestionReviewScreen) -> str:
    return str(screen.query_one("#review-rating").render())


async def answer_first_question(pilot: Pilot[int]) -> None:
    assert isinstance(pilot.app.screen, StageScreen)
    await type_text(pilot, ANSWER)
    await press(pilot, "ctrl+s")
    await press(pilot, "ctrl+n")  # skip the follow-up: the question is answered and feedback shows


def test_practice_feedback_shows_the_judge_s_verdict_once_it_arrives(make_app: AppMaker, judge: JudgeServer) -> None:
    judge.chat = first_point_only
    app = make_app(start="practice", practice=PracticeChoice(kinds=("screen",), count=2))

    async def steps(pilot: Pilot[int]) -> None:
        await answer_first_question(pilot)
        await judged(pilot)
        screen = feedback_screen(pilot)
        score = screen.question.score
        assert score is not None
        assert [p.decided_by for p in score.points] == ["judge", "judge", "judge"]
        assert [p.covered for p in score.points] == [True, False, False]  # the judge overrules "roll back"
        assert f"Graded by the offline grader with judge {MODEL}" in rating_line(screen)
        assert len(judge.chat_requests) == 1

    drive(app, steps)


def test_a_slow_judge_never_holds_up_the_feedback(make_app: AppMaker, judge: JudgeServer) -> None:
    judge.chat = Scripted(completion("{}"), delay=30)  # released when the server shuts down
    app = make_app(start="practice", practice=PracticeChoice(kinds=("screen",), count=2))

    async def steps(pilot: Pilot[int]) -> None:
        await answer_first_question(pilot)
        screen = feedback_screen(pilot)  # shown at once, graded offline
        assert screen.question.score is not None
        assert screen.question.score.points[2].covered
        assert f"LLM judge {MODEL}: checking this answer…" in rating_line(screen)
        judge.release.set()
        await judged(pilot)

    drive(app, steps)


def test_when_the_judge_fails_the_offline_grade_stands_and_the_screen_says_so(
    make_app: AppMaker, judge: JudgeServer
) -> None:
    judge.chat = Scripted({"error": "boom"}, status=500)
    app = make_app(start="practice", practice=PracticeChoice(kinds=("screen",), count=2))

    async def steps(pilot: Pilot[int]) -> None:
        await answer_first_question(pilot)
        await judged(pilot)
        screen = feedback_screen(pilot)
        assert screen.question.score is not None
        assert [p.decided_by for p in screen.question.score.points] == ["grader"] * 3
        assert screen.question.score.points[2].covered
        line = rating_line(screen)
        assert f"LLM judge {MODEL} could not grade this answer" in line
        assert "the offline grade stands" in line
        assert any("could not grade" in str(n.message) for n in app._notifications)

    drive(app, steps)


def test_the_report_reads_cached_verdicts_and_names_the_judge(make_app: AppMaker, judge: JudgeServer) -> None:
    judge.chat = first_point_only
    app = make_app(start="practice", practice=PracticeChoice(kinds=("screen",), count=1))

    async def steps(pilot: Pilot[int]) -> None:
        await answer_first_question(pilot)
        await judged(pilot)
        await press(pilot, "escape")  # leave the feedback: the one-question stage is over
        await press(pilot, "enter")  # past the summary, to the report
        report = pilot.app.screen
        assert isinstance(report, ReportScreen)
        assert report.report.scores.graded_by == f"offline grader with judge {MODEL}"
        assert len(judge.chat_requests) == 1  # the report asked nothing: it read the cache

    drive(app, steps)


def test_without_a_judge_nothing_is_asked_and_nothing_is_said(make_app: AppMaker) -> None:
    app = make_app(start="practice", practice=PracticeChoice(kinds=("screen",), count=2))

    async def steps(pilot: Pilot[int]) -> None:
        await answer_first_question(pilot)
        screen = feedback_screen(pilot)
        assert "judge" not in rating_line(screen)
        assert app.judge_progress == {}  # nothing was sent to a judge, nothing is pending

    drive(app, steps)
