"""Practice on exact questions: the plan holds exactly the questions named, in order, or says which id is unknown."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.helpers import SHIPPED_STAGES, TEST_PACK
from tui_interview.domain.bank.pack import Pack, load_pack
from tui_interview.domain.planning.practice import PracticeError, plan_questions
from tui_interview.domain.settings import PracticeChoice, Settings
from tui_interview.domain.workspace import Workspace

CHOSEN = ("serving-scenario-2", "recruiter-q3", "tracking-technical-6")


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(TEST_PACK)


def test_the_plan_holds_exactly_the_questions_named_in_order(pack: Pack) -> None:
    plan = plan_questions(pack, PracticeChoice(question_ids=CHOSEN), seed=7)
    [stage_plan] = plan.stages
    assert [question.id for question in stage_plan.questions] == list(CHOSEN)
    assert stage_plan.stage.questions == 3
    assert stage_plan.stage.title == "Practice: 3 chosen questions"
    suggested = sum(pack.by_id[question_id].minutes for question_id in CHOSEN)
    assert stage_plan.stage.minutes == math.ceil(suggested)
    assert all(stage_plan.stage.draws(question) for question in stage_plan.questions)
    assert plan.seed == 7


def test_a_repeated_id_is_practised_once_and_minutes_can_be_set(pack: Pack) -> None:
    choice = PracticeChoice(question_ids=("recruiter-q1", "recruiter-q1"), minutes=12)
    [stage_plan] = plan_questions(pack, choice, seed=1).stages
    assert [question.id for question in stage_plan.questions] == ["recruiter-q1"]
    assert stage_plan.stage.title == "Practice: 1 chosen question"
    assert stage_plan.stage.minutes == 12


def test_an_unknown_id_is_named_with_close_matches(pack: Pack) -> None:
    with pytest.raises(PracticeError) as caught:
        plan_questions(pack, PracticeChoice(question_ids=("recruiter-q1", "recruiter-q9")), seed=1)
    message = str(caught.value)
    assert message.startswith("unknown question 'recruiter-q9' in pack 'testpack'")
    assert "; did you mean recruiter-" in message


def test_exact_questions_cannot_be_combined_with_a_draw(pack: Pack) -> None:
    choice = PracticeChoice(question_ids=CHOSEN, areas=("serving",), due_first=True)
    with pytest.raises(PracticeError, match="cannot be combined with areas, due questions first"):
        plan_questions(pack, choice, seed=1)
    with pytest.raises(PracticeError, match="more than 0 minutes"):
        plan_questions(pack, PracticeChoice(question_ids=CHOSEN, minutes=0), seed=1)
    with pytest.raises(PracticeError, match="invalid practice choice 'minutes'"):
        plan_questions(pack, PracticeChoice(question_ids=CHOSEN, minutes=10_000), seed=1)


def test_the_workspace_plans_exact_questions_from_the_choice(tmp_path: Path) -> None:
    """The command line's ``practice --question ID ...`` is this choice: one field set."""
    workspace = Workspace(Settings(pack_path=TEST_PACK, stages_path=SHIPPED_STAGES, data_home=tmp_path, seed=3))
    plan = workspace.practice_plan(PracticeChoice(question_ids=CHOSEN))
    assert [question.id for question in plan.stages[0].questions] == list(CHOSEN)
    assert plan.seed == 3
