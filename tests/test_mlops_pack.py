"""The shipped MLOps pack cannot silently shrink or lose balance, and stays clean under ``bank lint --strict``."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.helpers import SHIPPED_STAGES, run_cli
from tui_interview.domain.bank.pack import Pack, Question, load_pack
from tui_interview.domain.bank.stages import load_stages
from tui_interview.domain.locations import default_pack_dir
from tui_interview.domain.planning.draw import draw_loop
from tui_interview.domain.vocabulary import Kind

TECHNICAL_AREAS = ("pipelines", "serving", "tracking", "infrastructure", "llmops")
TECHNICAL_KINDS: tuple[Kind, ...] = ("technical", "scenario", "tradeoff", "trends", "debugging")


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(default_pack_dir())


def test_every_technical_area_has_ten_questions_of_every_kind(pack: Pack) -> None:
    cells = Counter((q.area, q.kind) for q in pack.questions)
    thin = {
        cell: cells[cell] for cell in [(a, k) for a in TECHNICAL_AREAS for k in TECHNICAL_KINDS] if cells[cell] < 10
    }
    assert not thin


def test_pack_size_and_behavioral_and_recruiter_minimums(pack: Pack) -> None:
    by_area = Counter(q.area for q in pack.questions)
    assert len(pack.questions) >= 300
    assert by_area["behavioral"] >= 30
    assert by_area["recruiter"] >= 20
    assert {q.kind for q in pack.questions if q.area == "behavioral"} == {"behavioral"}
    assert {q.kind for q in pack.questions if q.area == "recruiter"} == {"screen"}


def test_each_level_is_at_least_15_percent_of_technical_questions(pack: Pack) -> None:
    technical = [q for q in pack.questions if q.area in TECHNICAL_AREAS]
    levels = Counter(q.level for q in technical)
    assert {level: levels[level] / len(technical) >= 0.15 for level in levels} == dict.fromkeys(levels, True)
    assert len(levels) == 4


def content_problems(question: Question) -> list[str]:
    problems = []
    if not 3 <= len(question.points) <= 6:
        problems.append(f"{len(question.points)} talking points")
    problems += [f"point {p.text!r} has {len(p.keywords)} keywords" for p in question.all_points if len(p.keywords) < 3]
    if not 1 <= len(question.follow_ups) <= 3:
        problems.append(f"{len(question.follow_ups)} follow-ups")
    bullets = [line for line in question.model_answer.splitlines() if line.strip().startswith("- ")]
    if not 4 <= len(bullets) <= 8:
        problems.append(f"model answer of {len(bullets)} bullets")
    if question.kind == "scenario" and not 2 <= len(question.steps) <= 4:
        problems.append(f"scenario in {len(question.steps)} steps")
    if question.kind == "trends" and not question.as_of:
        problems.append("trends question without as_of")
    return problems


def test_every_question_meets_the_content_rules(pack: Pack) -> None:
    failing = {q.id: content_problems(q) for q in pack.questions if content_problems(q)}
    assert not failing


def test_salary_figures_are_kept_as_dated_sourced_data(pack: Pack) -> None:
    facts = [f for q in pack.questions if q.area == "recruiter" for f in q.facts]
    assert any("$" in f.text and f.source and f.as_of.startswith("2026") for f in facts)


def test_the_shipped_pack_is_lint_clean_under_strict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "bank", "lint", "--strict")
    assert (code, err) == (0, ""), out
    assert out.strip() == "no findings in 1 pack"


def test_the_pack_has_hands_on_exercises_in_every_technical_area(pack: Pack) -> None:
    hands_on = Counter(q.area for q in pack.questions if "hands-on" in q.tags)
    assert sum(hands_on.values()) >= 20
    assert all(hands_on[area] >= 4 for area in TECHNICAL_AREAS)


def test_declared_overlaps_are_never_drawn_into_one_loop(pack: Pack) -> None:
    catalog = load_stages(SHIPPED_STAGES)
    assert pack.overlapping  # the shipped pack declares some
    for seed in range(40):
        plan = draw_loop(pack, catalog.loop_stages(), seed)
        drawn = {q.id for stage in plan.stages for q in stage.questions}
        assert not [(a, b) for a in drawn for b in pack.overlapping.get(a, ()) if b in drawn]
