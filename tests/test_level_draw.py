"""A loop drawn for a target level: that level first, adjacent levels only to fill a stage, farther ones only when
those run out; recruiter questions fit any level; the same seed and level always give the same loop."""

from __future__ import annotations

from collections import Counter

import pytest

from tui_interview.domain.bank.pack import Pack, load_pack
from tui_interview.domain.bank.stages import DrawRules, Interviewer, StageCatalog, StageSpec, load_stages
from tui_interview.domain.locations import default_pack_dir, shipped_stages_dir
from tui_interview.domain.planning.draw import LoopPlan, draw_loop, fill_stage
from tui_interview.domain.planning.levels import level_distance, suits_level
from tui_interview.domain.planning.practice import loop_with_one_due
from tui_interview.domain.settings import Settings
from tui_interview.domain.vocabulary import LEVELS, UNLEVELLED_KINDS, Level


@pytest.fixture(scope="module")
def shipped() -> Pack:
    return load_pack(default_pack_dir())


@pytest.fixture(scope="module")
def catalog() -> StageCatalog:
    return load_stages(shipped_stages_dir())


def levels_asked(plan: LoopPlan) -> list[str]:
    """The levels of the drawn questions whose level means something."""
    return [q.level for stage in plan.stages for q in stage.questions if q.kind not in UNLEVELLED_KINDS]


def serving_scenarios(shipped: Pack) -> Pack:
    """The shipped pack's serving scenarios only, without declared overlaps (so every one of them can be drawn)."""
    questions = tuple(
        q.model_copy(update={"overlaps": []}) for q in shipped.questions if (q.area, q.kind) == ("serving", "scenario")
    )
    return Pack(shipped.info, questions, shipped.folder)


def scenario_stage(count: int) -> StageSpec:
    return StageSpec(
        id="serving-scenarios",
        title="Serving scenarios",
        interviewer=Interviewer(name="Sam", role="Interviewer"),
        intro="Scenarios.",
        minutes=30,
        questions=count,
        draw=DrawRules(kinds=["scenario"], areas=["serving"]),
    )


@pytest.mark.parametrize("level", LEVELS)
def test_a_loop_for_a_level_asks_only_that_level_when_the_pack_has_enough(
    shipped: Pack, catalog: StageCatalog, level: Level
) -> None:
    for seed in range(1, 21):
        plan = draw_loop(shipped, catalog.loop_stages(), seed, level=level)
        assert set(levels_asked(plan)) == {level}, seed
        assert plan.level == level
        assert [len(stage.questions) for stage in plan.stages] == [s.questions for s in catalog.loop_stages()]


def test_without_a_level_one_loop_mixes_levels(shipped: Pack, catalog: StageCatalog) -> None:
    plan = draw_loop(shipped, catalog.loop_stages(), 42)
    assert plan.level is None
    assert len(set(levels_asked(plan))) > 1  # what the review saw: junior next to staff


def test_the_same_seed_and_level_give_the_same_loop(shipped: Pack, catalog: StageCatalog) -> None:
    def ids(seed: int, level: Level | None) -> list[str]:
        plan = draw_loop(shipped, catalog.loop_stages(), seed, level=level)
        return [q.id for stage in plan.stages for q in stage.questions]

    assert ids(7, "senior") == ids(7, "senior")
    assert ids(7, "senior") != ids(8, "senior")
    assert ids(7, "senior") != ids(7, "junior")


def test_recruiter_questions_fit_every_level_and_are_drawn_as_without_one(shipped: Pack, catalog: StageCatalog) -> None:
    recruiter = [catalog.stages["recruiter"]]
    without = draw_loop(shipped, recruiter, 5).stages[0].questions
    for level in LEVELS:
        assert draw_loop(shipped, recruiter, 5, level=level).stages[0].questions == without
        assert all(level_distance(q, level) == 0 for q in without)


def test_adjacent_levels_fill_a_stage_only_once_the_level_runs_out(shipped: Pack) -> None:
    pack = serving_scenarios(shipped)
    available = Counter(q.level for q in pack.questions)
    exact = available["staff"]
    enough = fill_stage(pack, scenario_stage(exact), pack.questions, "staff")
    assert Counter(q.level for q in enough) == {"staff": exact}
    short = fill_stage(pack, scenario_stage(exact + 2), pack.questions, "staff")
    assert Counter(q.level for q in short) == {"staff": exact, "senior": 2}


def test_farther_levels_only_when_the_level_and_its_neighbours_cannot_fill_the_stage(shipped: Pack) -> None:
    pack = serving_scenarios(shipped)
    available = Counter(q.level for q in pack.questions)
    near = available["staff"] + available["senior"]
    chosen = fill_stage(pack, scenario_stage(near + 1), pack.questions, "staff")
    assert Counter(q.level for q in chosen) == {"staff": available["staff"], "senior": available["senior"], "mid": 1}
    assert all(suits_level(q, "mid") for q in fill_stage(pack, scenario_stage(near), pack.questions, "mid"))


def test_a_due_question_far_from_the_level_is_not_brought_back(shipped: Pack, catalog: StageCatalog) -> None:
    junior = next(q for q in shipped.questions if q.kind == "technical" and q.level == "junior")
    for_junior = loop_with_one_due(shipped, catalog.loop_stages(), 3, due_ids=[junior.id], level="junior")
    for_staff = loop_with_one_due(shipped, catalog.loop_stages(), 3, due_ids=[junior.id], level="staff")
    assert junior.id in {q.id for stage in for_junior.stages for q in stage.questions}
    assert junior.id not in {q.id for stage in for_staff.stages for q in stage.questions}
    assert set(levels_asked(for_staff)) == {"staff"}


def test_settings_refuse_a_level_that_does_not_exist() -> None:
    with pytest.raises(ValueError, match="level must be one of junior, mid, senior, staff, not 'principal'"):
        Settings(level="principal")  # type: ignore[arg-type]
