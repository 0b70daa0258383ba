"""Stage definitions and the seeded draw of questions."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import SHIPPED_STAGES, TEST_PACK
from tui_interview.domain.bank.pack import Pack, load_pack
from tui_interview.domain.bank.problems import StageError
from tui_interview.domain.bank.stages import StageSpec, load_stages
from tui_interview.domain.planning.draw import DrawError, draw_loop, recency_penalties


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(TEST_PACK)


@pytest.fixture(scope="module")
def stages() -> list[StageSpec]:
    return load_stages(SHIPPED_STAGES).loop_stages()


def test_the_default_loop_has_the_four_stages_with_their_budgets(stages: list[StageSpec]) -> None:
    summary = [(s.id, s.minutes, s.questions) for s in stages]
    assert summary == [("recruiter", 20, 4), ("technical", 45, 4), ("scenario", 30, 2), ("behavioral", 30, 4)]


def test_the_same_seed_draws_the_same_loop(pack: Pack, stages: list[StageSpec]) -> None:
    assert draw_loop(pack, stages, 7).as_json() == draw_loop(pack, stages, 7).as_json()


def test_different_seeds_draw_different_loops(pack: Pack, stages: list[StageSpec]) -> None:
    drawn = {str(draw_loop(pack, stages, seed).as_json()["stages"]) for seed in range(10)}
    assert len(drawn) == 10  # ten seeds, ten loops
    one, two = draw_loop(pack, stages, 1), draw_loop(pack, stages, 2)
    for first, second in zip(one.stages, two.stages, strict=True):
        # another seed asks other questions in every stage, not the same ones in another order
        assert {q.id for q in first.questions} != {q.id for q in second.questions}, first.stage.id


@pytest.mark.parametrize("seed", range(25))
def test_every_draw_follows_the_stage_rules_and_never_repeats(pack: Pack, stages: list[StageSpec], seed: int) -> None:
    plan = draw_loop(pack, stages, seed)
    ids = [q.id for sp in plan.stages for q in sp.questions]
    assert len(ids) == len(set(ids)) == 14
    for stage_plan in plan.stages:
        rules = stage_plan.stage.draw
        assert len(stage_plan.questions) == stage_plan.stage.questions
        assert all(q.kind in rules.kinds for q in stage_plan.questions)
        per_area = Counter(q.area for q in stage_plan.questions)
        assert len(per_area) >= rules.min_areas
        if rules.max_per_area:
            assert max(per_area.values()) <= rules.max_per_area
    technical = plan.stages[1]
    assert len({q.area for q in technical.questions}) >= 3


def test_recently_seen_questions_are_drawn_last(pack: Pack, stages: list[StageSpec]) -> None:
    first = draw_loop(pack, stages, 3)
    seen = [q.id for sp in first.stages for q in sp.questions]
    second = draw_loop(pack, stages, 3, recency_penalties([seen]))
    recruiter_ids = {q.id for q in second.stages[0].questions}
    # six recruiter questions exist and four were seen: the two unseen ones must come first
    unseen = {q.id for q in pack.questions if q.kind == "screen"} - set(seen)
    assert unseen <= recruiter_ids


def test_a_pack_too_small_for_a_stage_is_a_clear_error(pack: Pack, stages: list[StageSpec]) -> None:
    behavioral = stages[3].model_copy(update={"questions": 9})
    with pytest.raises(DrawError, match="stage 'behavioral' needs 9 questions of kinds behavioral"):
        draw_loop(pack, [behavioral], 1)


def test_a_loop_naming_an_unknown_stage_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "stages"
    folder.mkdir()
    for path in SHIPPED_STAGES.glob("*.toml"):
        (folder / path.name).write_text(path.read_text())
    (folder / "loop.toml").write_text('stages = ["recruiter", "onsite"]\n')
    with pytest.raises(StageError) as caught:
        load_stages(folder)
    [problem] = caught.value.problems
    assert "loop.toml: field 'stages': unknown stage 'onsite' (stages found: behavioral, recruiter" in str(problem)


def test_a_broken_stage_file_is_not_also_reported_as_unknown_in_the_loop(tmp_path: Path) -> None:
    folder = tmp_path / "stages"
    folder.mkdir()
    for path in SHIPPED_STAGES.glob("*.toml"):
        (folder / path.name).write_text(path.read_text())
    (folder / "scenario.toml").write_text("extra = 1\n" + (SHIPPED_STAGES / "scenario.toml").read_text())
    with pytest.raises(StageError) as caught:
        load_stages(folder)
    assert [str(p).split("/")[-1] for p in caught.value.problems] == [
        "scenario.toml: field 'extra': unknown field (check the spelling)"
    ]


def test_a_stage_that_cannot_be_filled_names_undeclared_areas(pack: Pack, stages: list[StageSpec]) -> None:
    rules = stages[1].draw.model_copy(update={"areas": ["pipline", "serving"]})
    technical = stages[1].model_copy(update={"draw": rules})
    with pytest.raises(DrawError, match="pack 'testpack' declares no area pipline"):
        draw_loop(pack, [technical], 1)
