"""Drawing a loop's questions: seeded, never repeating, following each stage's rules."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tui_interview.domain.bank.pack import Pack, Question
from tui_interview.domain.bank.stages import StageSpec
from tui_interview.domain.formatting import plural
from tui_interview.domain.planning.levels import draw_for_level
from tui_interview.domain.vocabulary import Level


class DrawError(Exception):
    """The pack has too few questions to satisfy a stage's rules."""


@dataclass(frozen=True)
class StagePlan:
    stage: StageSpec
    questions: tuple[Question, ...]
    notes: Mapping[str, str] = field(default_factory=dict)
    """Per question id, a note shown with the question: for one due for review, "last time 17%"."""


PREFERRED_WEIGHT = 3.0
"""How much likelier a question tagged with the target's stack is to be drawn than one that is not."""


@dataclass(frozen=True)
class PlannedTarget:
    """The target company a loop is drawn for: its id, how to show it, and the question tags it prefers."""

    id: str
    title: str
    tags: frozenset[str] = frozenset()
    """Pack tags of the target's stack; questions tagged with one are drawn :data:`PREFERRED_WEIGHT` times as often."""

    @property
    def label(self) -> str:
        """``Acme · Senior MLOps Engineer · preferring questions tagged airflow, kubernetes``."""
        return self.title + (f" · preferring questions tagged {', '.join(sorted(self.tags))}" if self.tags else "")


@dataclass(frozen=True)
class LoopPlan:
    seed: int
    pack_id: str
    stages: tuple[StagePlan, ...]
    target: PlannedTarget | None = None
    level: Level | None = None
    """The level the loop was drawn for (see :mod:`~tui_interview.domain.planning.levels`); None: any level."""

    def as_json(self) -> dict[str, object]:
        return {
            "seed": self.seed,
            **({"target": self.target.id} if self.target else {}),
            **({"level": self.level} if self.level else {}),
            "stages": [
                {
                    "id": plan.stage.id,
                    "title": plan.stage.title,
                    "minutes": _number(plan.stage.minutes),
                    "questions": [
                        {"id": q.id, "area": q.area, "kind": q.kind, **({"level": q.level} if self.level else {})}
                        for q in plan.questions
                    ],
                }
                for plan in self.stages
            ],
        }


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def new_seed() -> int:
    """A seed for a loop the user did not give one for; short enough to read out and retype."""
    return random.SystemRandom().randrange(1, 1_000_000)


def recency_penalties(recent_sessions: Sequence[Iterable[str]]) -> dict[str, int]:
    """Penalty per question id from recent sessions, newest first: seen more recently weighs more."""
    penalties: dict[str, int] = {}
    depth = len(recent_sessions)
    for age, question_ids in enumerate(recent_sessions):
        for question_id in question_ids:
            penalties[question_id] = max(penalties.get(question_id, 0), depth - age)
    return penalties


def draw_loop(
    pack: Pack,
    stages: Sequence[StageSpec],
    seed: int,
    penalties: Mapping[str, int] | None = None,
    target: PlannedTarget | None = None,
    level: Level | None = None,
) -> LoopPlan:
    """Draw every stage in order from one ``random.Random(seed)``; raise :class:`DrawError`.

    With a ``target``, questions tagged with its stack are preferred (see :func:`prefer_tagged`); with a
    ``level``, questions at that level, then adjacent ones (see :mod:`~tui_interview.domain.planning.levels`)."""
    rng = random.Random(seed)
    used: set[str] = set()
    plans = []
    preferred = target.tags if target else frozenset()
    for stage in stages:
        chosen = draw_stage(pack, stage, rng, used, penalties or {}, preferred, level)
        used.update(q.id for q in chosen)
        used.update(other for q in chosen for other in pack.overlapping.get(q.id, ()))
        plans.append(StagePlan(stage, chosen))
    return LoopPlan(seed=seed, pack_id=pack.id, stages=tuple(plans), target=target, level=level)


def draw_stage(
    pack: Pack,
    stage: StageSpec,
    rng: random.Random,
    used: set[str],
    penalties: Mapping[str, int],
    preferred: frozenset[str] = frozenset(),
    level: Level | None = None,
) -> tuple[Question, ...]:
    candidates = [q for q in pack.questions if q.id not in used and stage.draws(q)]
    rng.shuffle(candidates)
    candidates = prefer_tagged(candidates, preferred, rng)
    candidates.sort(key=lambda q: penalties.get(q.id, 0))  # stable: shuffled order within a penalty
    return fill_stage(pack, stage, candidates, level)


def fill_stage(
    pack: Pack, stage: StageSpec, candidates: Sequence[Question], level: Level | None = None
) -> tuple[Question, ...]:
    """``stage``'s questions taken from ``candidates`` in order under its rules (for ``level``, nearest
    levels first: see :func:`~tui_interview.domain.planning.levels.draw_for_level`); raise :class:`DrawError`
    when they cannot fill it."""
    chosen = draw_for_level(candidates, level, lambda ordered: _filled(stage, ordered, pack.overlapping))
    if chosen is None:
        raise DrawError(_shortage(stage, candidates, pack))
    return tuple(chosen)


def _filled(
    stage: StageSpec, candidates: list[Question], overlapping: Mapping[str, frozenset[str]]
) -> list[Question] | None:
    """The questions :func:`_pick` takes from ``candidates``, or None when they do not fill ``stage``."""
    chosen = _pick(stage, candidates, overlapping)
    full = len(chosen) == stage.questions and len({q.area for q in chosen}) >= stage.draw.min_areas
    return chosen if full else None


def prefer_tagged(questions: list[Question], preferred: frozenset[str], rng: random.Random) -> list[Question]:
    """``questions`` (already shuffled) in a weighted random order: one tagged with a ``preferred`` tag comes
    earlier as if it were :data:`PREFERRED_WEIGHT` questions (Efraimidis-Spirakis keys ``u ** (1 / weight)``).

    With no preferred tags the order is left as it is and ``rng`` is not used, so a loop without a target is
    the same draw as before targets existed.
    """
    if not preferred:
        return questions
    weights = [PREFERRED_WEIGHT if preferred.intersection(q.tags) else 1.0 for q in questions]
    keys = {q.id: rng.random() ** (1 / weight) for q, weight in zip(questions, weights, strict=True)}
    return sorted(questions, key=lambda q: -keys[q.id])


def _pick(stage: StageSpec, candidates: list[Question], overlapping: Mapping[str, frozenset[str]]) -> list[Question]:
    rules = stage.draw
    per_area: Counter[str] = Counter()
    chosen: list[Question] = []
    excluded: set[str] = set()
    for question in candidates:
        if len(chosen) == stage.questions:
            break
        if question.id in excluded:
            continue  # on a topic a question already chosen covers
        if rules.max_per_area is not None and per_area[question.area] >= rules.max_per_area:
            continue
        slots_after = stage.questions - len(chosen) - 1
        new_area = question.area not in per_area
        if len(per_area) + int(new_area) + slots_after < rules.min_areas:
            continue  # taking it would leave too few slots to reach the required number of areas
        chosen.append(question)
        excluded |= overlapping.get(question.id, frozenset())
        per_area[question.area] += 1
    return chosen


def _shortage(stage: StageSpec, candidates: Sequence[Question], pack: Pack) -> str:
    areas = sorted({q.area for q in candidates})
    undeclared = sorted(set(stage.draw.areas) - set(pack.area_titles))
    note = f" (pack {pack.id!r} declares no area {', '.join(undeclared)})" if undeclared else ""
    return (
        f"stage {stage.id!r} needs {plural(stage.questions, 'question')} of kinds {', '.join(stage.draw.kinds)}"
        f" from at least {plural(stage.draw.min_areas, 'area')}; the pack has"
        f" {plural(len(candidates), 'unused matching question')} in {plural(len(areas), 'area')}{note}"
    )
