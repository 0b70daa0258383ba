"""Story drills and story review dates: tell story S for question Q, be told whether it was told, see when it is due."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from itertools import repeat
from pathlib import Path

import pytest
from fsrs import Rating
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tests.helpers import (
    SHIPPED_STAGES,
    START,
    TEST_PACK,
    AppMaker,
    answer_questions,
    drive,
    played_session,
    press,
    run_cli,
    start_session,
)
from tests.test_stories_flow import OUTAGE_RETOLD, STORIES, rendered
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.history.spaced import due_in_words, rating_for
from tui_interview.domain.history.story_reviews import NOT_TOLD, schedule_from_history, story_dates
from tui_interview.domain.locations import stories_file
from tui_interview.domain.planning.practice import PracticeError
from tui_interview.domain.reporting.export import report_text
from tui_interview.domain.reporting.report import build_report
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.settings import PracticeChoice, Settings
from tui_interview.domain.stories.bank import StoryError, load_stories
from tui_interview.domain.stories.drill import drill_plan, drilled_story
from tui_interview.domain.workspace import Workspace
from tui_interview.ui.screens.review import QuestionReviewScreen
from tui_interview.ui.screens.stage import StageScreen
from tui_interview.ui.screens.stories import DrillQuestionDialog, StoriesScreen
from tui_interview.ui.widgets.answer_box import AnswerBox

OTHER_ANSWER = "I think I would just talk to people and see what happens, nothing specific comes to mind."


@pytest.fixture
def with_stories(data_home: Path) -> Path:
    data_home.mkdir(parents=True, exist_ok=True)
    shutil.copy(STORIES, stories_file(data_home))
    return data_home


def workspace(home: Path) -> Workspace:
    return Workspace(Settings(pack_path=TEST_PACK, stages_path=SHIPPED_STAGES, data_home=home, use_history=False))


def played_drill(home: Path, story_id: str, answer: str, *, days_later: int = 0) -> None:
    """A drill of ``story_id`` answered with ``answer``, saved ``days_later`` days after :data:`START`."""
    pack = load_pack(TEST_PACK)
    plan = drill_plan(pack, load_stories(stories_file(home)), PracticeChoice(story=story_id), seed=1)
    clock = FakeClock()
    started = START + timedelta(days=days_later)
    run = start_session(SessionStore(home / "sessions"), plan=plan, clock=clock, started=started, mode="practice")
    answer_questions(run, clock, [answer])


@pytest.mark.usefixtures("with_stories")
def test_a_drill_from_the_stories_screen_says_whether_the_answer_told_the_story(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "s")
        assert isinstance(app.screen, StoriesScreen)
        await press(pilot, "t")  # the first story, checkout-outage, is highlighted
        dialog = app.screen
        assert isinstance(dialog, DrillQuestionDialog)
        questions = dialog.query_one("#drill-questions", OptionList)
        assert str(questions.get_option_at_index(0).prompt) == "Any behavioral question"  # no competencies: none fits
        assert questions.highlighted == 1
        await press(pilot, "enter")
        stage = app.screen
        assert isinstance(stage, StageScreen)
        meta = rendered(stage.query_one("#question-meta", Static))
        assert "Drill: tell your story 'The checkout ranking outage' (checkout-outage)" in meta
        stage.query_one(AnswerBox).text = OUTAGE_RETOLD
        await press(pilot, "ctrl+s")
        while isinstance(app.screen, StageScreen):  # the interviewer's follow-up: skipped
            await press(pilot, "ctrl+n")
        feedback = app.screen
        assert isinstance(feedback, QuestionReviewScreen)
        shown = rendered(feedback.query_one("#review-answer", Static))
        assert "Drill: this answer told 'The checkout ranking outage', the story drilled" in shown
        assert "Story check of 'The checkout ranking outage': ready (every item passes)" in shown
        assert "Story told: 'The checkout ranking outage'" in shown

    drive(app, steps)


def test_a_drill_that_tells_another_story_says_so_with_the_story_check(with_stories: Path) -> None:
    played_drill(with_stories, "sketch", OUTAGE_RETOLD)
    work = workspace(with_stories)
    record = work.store.load(next((with_stories / "sessions").glob("*.toml")))
    report = build_report(record, work.pack, None, work.report_context(record))
    assert report.preparation is not None
    lines = report.preparation.lines_for(record.question_ids[0])
    assert (
        lines[1]
        == "Drill: this answer did not tell 'A story still being written': it told 'The checkout ranking outage'"
    )
    assert lines[2].startswith("Story check of 'A story still being written': 0/8 checks; to work on:")
    assert "  ✗ result: not written yet" in "\n".join(lines)


def test_a_drill_is_refused_for_an_unknown_story_or_a_question_that_is_not_behavioral(with_stories: Path) -> None:
    pack = load_pack(TEST_PACK)
    bank = load_stories(stories_file(with_stories))
    with pytest.raises(StoryError, match="no story 'nope' to drill"):
        drill_plan(pack, bank, PracticeChoice(story="nope"), seed=1)
    with pytest.raises(PracticeError, match="is a screen question: a story is told for a behavioral one"):
        drill_plan(pack, bank, PracticeChoice(story="sketch", question_ids=("recruiter-q1",)), seed=1)
    with pytest.raises(PracticeError, match="cannot be combined with a count"):
        drill_plan(pack, bank, PracticeChoice(story="sketch", count=2), seed=1)
    assert drilled_story("last time 17%") is None


@pytest.mark.usefixtures("with_stories")
def test_practice_story_from_the_command_line_reports_bad_choices(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "--pack", str(TEST_PACK), "practice", "--story", "nope")
    assert code == 1
    assert "no story 'nope' to drill (stories: checkout-outage," in err
    code, _, err = run_cli(
        capsys, "--pack", str(TEST_PACK), "practice", "--story", "sketch", "--question", "recruiter-q1"
    )
    assert code == 2
    assert "a story is told for a behavioral one" in err


def test_stories_get_review_dates_from_drills_and_loop_tellings(with_stories: Path) -> None:
    played_drill(with_stories, "checkout-outage", OUTAGE_RETOLD)  # told: a review of it
    played_drill(with_stories, "sketch", OTHER_ANSWER, days_later=1)  # not told: a failed review of sketch
    work = workspace(with_stories)
    stories = work.stories().stories
    schedule = schedule_from_history(work.history.load().sessions, work.store.load, work.pack, stories)
    assert schedule.times_told("checkout-outage") == 1
    assert schedule.times_told("sketch") == 1
    on_the_day = START + timedelta(days=1, hours=2)
    dates = story_dates(schedule, stories, on_the_day)
    assert dates.when["mentoring-new-hire"] == NOT_TOLD
    assert schedule.reviews["sketch"][0].rating == Rating.Again  # a drill that did not tell it failed
    told = schedule.reviews["checkout-outage"][0]
    assert told.rating == rating_for("answered", told.score, None)  # rated as a question is: by the answer's score
    assert dates.when["sketch"] == f"next {due_in_words(schedule.cards['sketch'].due, on_the_day)}"
    later = max(card.due for card in schedule.cards.values()) + timedelta(minutes=1)
    assert story_dates(schedule, stories, later).due == ("checkout-outage", "sketch")  # most overdue first
    assert story_dates(schedule, stories, later).offer == "Due for a drill: 'The checkout ranking outage' and 1 more"


def test_a_loop_telling_counts_and_stories_list_shows_when_each_is_due(
    with_stories: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = SessionStore(with_stories / "sessions")
    played_session(store, [OUTAGE_RETOLD, *repeat("I don't know.", 3)], stages=["behavioral"])
    work = workspace(with_stories)
    schedule = schedule_from_history(work.history.load().sessions, work.store.load, work.pack, work.stories().stories)
    assert schedule.times_told("checkout-outage") == 1
    code, out, _ = run_cli(capsys, "--pack", str(TEST_PACK), "stories", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("checkout-outage")
    assert lines[0].endswith("· due now")  # the loop was days ago
    assert lines[1].endswith(f"· {NOT_TOLD}")
    assert (
        lines[-1] == "Due for a drill: 'The checkout ranking outage': drill it with "
        "`tui-interview practice --story checkout-outage`"
    )


def test_the_json_export_carries_the_preparation_lines(with_stories: Path) -> None:
    store = SessionStore(with_stories / "sessions")
    loop = played_session(store, [OUTAGE_RETOLD, OUTAGE_RETOLD, *repeat("I don't know.", 2)], stages=["behavioral"])
    work = workspace(with_stories)
    report = build_report(loop.record, work.pack, None, work.report_context(loop.record))
    data = json.loads(report_text(loop.record, report, "json"))
    preparation = data["scores"]["preparation"]
    assert preparation["format"] == 1
    assert preparation["bank_size"] == 6
    first, second = preparation["stories"][:2]
    assert first["told"]["story_id"] == "checkout-outage"
    assert second["repeat_of"] == first["label"]
    assert preparation["told_twice"] == ["checkout-outage"]
    assert "  Warning: 'The checkout ranking outage' told more than once in this session" in preparation["lines"]
    assert set(data) - {"scores"} <= set(loop.record.model_dump())  # the top level is still the record alone
