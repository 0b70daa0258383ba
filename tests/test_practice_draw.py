"""Practice mode: stages chosen by area, kind, level, count and time; due questions drawn first."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import SHIPPED_STAGES, TEST_PACK, start_session
from tui_interview.domain.bank.pack import Pack, Question, load_pack
from tui_interview.domain.bank.stages import StageCatalog, StageSpec, load_stages
from tui_interview.domain.planning.draw import LoopPlan, draw_loop
from tui_interview.domain.planning.practice import (
    PracticeError,
    draw_due_first,
    loop_with_one_due,
    plan_practice,
    practice_stage,
)
from tui_interview.domain.sessions.store import SessionStore


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(TEST_PACK)


@pytest.fixture(scope="module")
def catalog() -> StageCatalog:
    return load_stages(SHIPPED_STAGES)


def keeps_rules(stage: StageSpec, questions: tuple[Question, ...]) -> bool:
    per_area = Counter(q.area for q in questions)
    cap = stage.draw.max_per_area
    return (
        len(questions) == stage.questions
        and len({q.id for q in questions}) == len(questions)
        and all(stage.draws(q) for q in questions)
        and len(per_area) >= stage.draw.min_areas
        and (cap is None or max(per_area.values()) <= cap)
    )


def ids(plan: LoopPlan) -> list[str]:
    return [q.id for stage in plan.stages for q in stage.questions]


def test_a_practice_stage_from_areas_kinds_levels_count_and_minutes(pack: Pack) -> None:
    stage = practice_stage(
        areas=["serving", "tracking"], kinds=["technical", "trends"], levels=["senior"], count=3, minutes=12
    )
    assert stage.id == "practice"
    assert stage.title == "Practice: serving · tracking · technical · trends · senior"
    assert (stage.interviewer.name, stage.interviewer.role) == ("Sam Okafor", "Practice partner")
    assert (stage.questions, stage.minutes) == (3, 12)
    questions = draw_due_first(pack, stage, seed=1)
    assert keeps_rules(stage, questions)
    assert {q.area for q in questions} <= {"serving", "tracking"}
    assert {q.kind for q in questions} <= {"technical", "trends"}


def test_without_a_time_the_stage_lasts_as_long_as_its_questions_suggest(pack: Pack) -> None:
    stage = practice_stage(kinds=["scenario"], count=2)
    assert stage.title == "Practice: scenario"
    plan = plan_practice(pack, stage, seed=4, time_from_questions=True)
    (stage_plan,) = plan.stages
    assert stage_plan.stage.minutes == sum(q.minutes for q in stage_plan.questions) == 20
    assert plan_practice(pack, stage, seed=4).stages[0].stage.minutes == stage.minutes  # no refit asked


def test_nothing_chosen_means_any_question(pack: Pack) -> None:
    stage = practice_stage()
    assert stage.title == "Practice: any question"
    assert stage.questions == 3
    assert keeps_rules(stage, draw_due_first(pack, stage, seed=9))


def test_a_stage_s_own_rules_and_time_carry_over(catalog: StageCatalog) -> None:
    technical = catalog.stages["technical"]
    stage = practice_stage(technical)
    assert stage.draw == technical.draw
    assert (stage.minutes, stage.questions) == (technical.minutes, technical.questions)
    assert stage.title == "Practice: Technical assessment"
    shorter = practice_stage(technical, count=2)
    assert (shorter.questions, shorter.minutes, shorter.draw.min_areas) == (2, 23, 2)  # 45 min * 2/4, rounded up


def test_narrowing_a_stage_to_one_area_relaxes_rules_that_could_no_longer_be_met(
    pack: Pack, catalog: StageCatalog
) -> None:
    technical = catalog.stages["technical"]
    stage = practice_stage(technical, areas=["serving"])
    assert stage.title == "Practice: serving"
    assert (stage.draw.min_areas, stage.draw.max_per_area) == (1, None)  # 4 questions from 1 area, cap 2: dropped
    two = practice_stage(technical, areas=["serving"], count=2)
    assert (two.draw.min_areas, two.draw.max_per_area) == (1, 2)  # the cap still fits
    questions = draw_due_first(pack, two, seed=2)
    assert [q.area for q in questions] == ["serving", "serving"]


def test_stage_size_is_capped_by_what_the_pack_has(pack: Pack) -> None:
    from tui_interview.domain.planning.draw import DrawError

    with pytest.raises(DrawError):
        draw_due_first(pack, practice_stage(areas=["serving"], kinds=["technical"], count=5), seed=1)


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ({"kinds": ["poetry"]}, "unknown kind 'poetry' (kinds: technical, scenario"),
        ({"levels": ["principal"]}, "unknown level 'principal' (levels: junior, mid, senior, staff)"),
        ({"count": 0}, "at least one question"),
        ({"minutes": 0}, "more than 0 minutes"),
        ({"areas": ["Not A Slug"]}, "invalid practice choice"),
    ],
)
def test_invalid_choices_are_refused_with_a_reason(choice: dict[str, object], message: str) -> None:
    with pytest.raises(PracticeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        practice_stage(**choice)  # type: ignore[arg-type]


def test_due_questions_that_fit_come_first_most_overdue_first(pack: Pack, catalog: StageCatalog) -> None:
    stage = practice_stage(catalog.stages["technical"])
    due = ["serving-technical-4", "behavioral-q1", "no-such-question", "pipelines-technical-1", "serving-tradeoff-3"]

    questions = draw_due_first(pack, stage, seed=5, due_ids=due)

    assert [q.id for q in questions[:3]] == ["serving-technical-4", "pipelines-technical-1", "serving-tradeoff-3"]
    assert questions[3].area == "tracking"  # the rules still want three areas
    assert keeps_rules(stage, questions)
    assert draw_due_first(pack, stage, seed=5, due_ids=due) == questions


def test_due_questions_never_break_the_per_area_rules(pack: Pack, catalog: StageCatalog) -> None:
    stage = practice_stage(catalog.stages["technical"])
    due = ["serving-technical-4", "serving-tradeoff-3", "pipelines-technical-1", "pipelines-debugging-2"]
    questions = draw_due_first(pack, stage, seed=5, due_ids=due)
    assert keeps_rules(stage, questions)
    assert [q.id for q in questions[:3]] == due[:3]
    assert "pipelines-debugging-2" not in [q.id for q in questions]


def test_with_nothing_due_the_draw_is_the_usual_one(pack: Pack, catalog: StageCatalog) -> None:
    stage = practice_stage(catalog.stages["technical"])
    penalties = {"serving-technical-4": 2, "tracking-trends-5": 1}
    usual = draw_loop(pack, [stage], seed=11, penalties=penalties).stages[0].questions
    assert draw_due_first(pack, stage, seed=11, penalties=penalties) == usual


def test_a_practice_plan_plays_like_any_other_stage(tmp_path: Path, pack: Pack) -> None:
    stage = practice_stage(areas=["serving"], kinds=["technical", "tradeoff"], count=2)
    plan = plan_practice(pack, stage, seed=1, due_ids=["serving-tradeoff-3"], time_from_questions=True)
    run = start_session(SessionStore(tmp_path), plan=plan, pack=pack, mode="practice")
    stage_run = run.stage()
    stage_run.start()
    assert stage_run.question.id == "serving-tradeoff-3"
    stage_run.submit("first answer")
    stage_run.submit("second answer")
    run.checkpoint()
    assert run.record.status == "finished"
    assert run.record.mode == "practice"
    assert run.record.stages[0].title == "Practice: serving · technical · tradeoff"
    assert run.record.stages[0].interviewer_name == "Sam Okafor"


def test_a_full_loop_brings_back_exactly_one_due_question(pack: Pack, catalog: StageCatalog) -> None:
    stages = catalog.loop_stages()
    penalties = {"recruiter-q1": 3, "serving-technical-4": 2}
    usual = draw_loop(pack, stages, seed=7, penalties=penalties)
    unseen = [q.id for q in pack.questions if q.id not in ids(usual)]
    due = [q for q in ["tracking-scenario-3", "pipelines-technical-1"] if q in unseen] + unseen

    plan = loop_with_one_due(pack, stages, seed=7, due_ids=due, penalties=penalties)

    brought_back = [q for q in ids(plan) if q in due]
    assert brought_back == [due[0]]
    assert len(ids(plan)) == len(set(ids(plan))) == len(ids(usual))
    assert sum(a != b for a, b in zip(ids(plan), ids(usual), strict=True)) == 1
    for stage_plan in plan.stages:
        assert keeps_rules(stage_plan.stage, stage_plan.questions)
    assert loop_with_one_due(pack, stages, seed=7, due_ids=due, penalties=penalties) == plan


def test_the_due_question_replaces_one_of_its_own_area_in_the_first_stage_it_fits(
    pack: Pack, catalog: StageCatalog
) -> None:
    stages = [catalog.stages["technical"], catalog.stages["scenario"]]
    usual = draw_loop(pack, stages, seed=7)
    due = next(q for q in pack.questions if stages[0].draws(q) and q.id not in ids(usual))

    plan = loop_with_one_due(pack, stages, seed=7, due_ids=[due.id])

    technical = plan.stages[0].questions
    assert due in technical
    replaced = next(q for q in usual.stages[0].questions if q not in technical)
    assert replaced.area == due.area
    assert plan.stages[1] == usual.stages[1]


def test_no_due_question_is_forced_where_none_fits(pack: Pack, catalog: StageCatalog) -> None:
    stages = [catalog.stages["technical"]]
    usual = draw_loop(pack, stages, seed=3)
    assert loop_with_one_due(pack, stages, seed=3, due_ids=["behavioral-q1", "gone"]) == usual
    already = ids(usual)[0]
    assert loop_with_one_due(pack, stages, seed=3, due_ids=[already, "pipelines-technical-1"]) == usual
