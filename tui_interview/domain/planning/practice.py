"""Practice mode: one stage built from a stage's rules or from areas, kinds and levels chosen directly.

The practice stage is an ordinary :class:`StageSpec` (id ``practice``) so the usual draw and ``StageRun``
play it unchanged. Questions due for review (see ``review``) can be put first, and a full loop can bring
back one due question while still avoiding recently seen ones. Everything is deterministic for a given
seed and inputs.
"""

from __future__ import annotations

import difflib
import math
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from pydantic import ValidationError

from tui_interview.domain.bank.pack import Pack, Question
from tui_interview.domain.bank.stages import DrawRules, Interviewer, StageSpec
from tui_interview.domain.bounds import MAX_STAGE_MINUTES, MAX_STAGE_QUESTIONS
from tui_interview.domain.formatting import plural
from tui_interview.domain.planning.draw import LoopPlan, PlannedTarget, StagePlan, draw_loop, fill_stage, prefer_tagged
from tui_interview.domain.planning.levels import suits_level
from tui_interview.domain.settings import PracticeChoice
from tui_interview.domain.vocabulary import KINDS, LEVELS, Level

PRACTICE_ID = "practice"
PRACTICE_INTERVIEWER = Interviewer(name="Sam Okafor", role="Practice partner")
DEFAULT_COUNT = 3
MINUTES_PER_QUESTION = 5.0
"""Provisional time per question for a practice stage with no base stage, until its questions are drawn."""
ANY_QUESTION_TITLE = "Practice: any question"
DUE_TITLE = "Due for review"
"""The title of a practice of any question that brings questions due for review back."""


class PracticeError(ValueError):
    """A practice choice that cannot make a stage: an unknown question, kind or level, a count or time below one."""


def practice_stage(
    base: StageSpec | None = None,
    areas: Sequence[str] = (),
    kinds: Sequence[str] = (),
    levels: Sequence[str] = (),
    count: int | None = None,
    minutes: float | None = None,
) -> StageSpec:
    """A practice stage: ``base``'s rules, with any of ``areas``, ``kinds`` and ``levels`` chosen directly.

    An empty choice keeps the base stage's rule, or means "any" without a base. ``count`` defaults to the
    base stage's number of questions (else 3). ``minutes`` defaults to the base stage's time, scaled to
    ``count`` and rounded up, or without a base to 5 per question; :func:`plan_practice` can then set it to
    the drawn questions' suggested minutes. Raise :class:`PracticeError` on an invalid choice.
    """
    _check_choices(kinds, levels, count, minutes)
    questions = count if count is not None else (base.questions if base else DEFAULT_COUNT)
    try:
        return StageSpec(
            id=PRACTICE_ID,
            title=_title(base, areas, kinds, levels),
            interviewer=PRACTICE_INTERVIEWER,
            intro=_intro(base),
            minutes=minutes if minutes is not None else _default_minutes(base, questions),
            questions=questions,
            draw=_rules(base, areas, kinds, levels, questions),
        )
    except ValidationError as error:  # an area that is not a slug, for instance
        raise _invalid_choice(error) from None


def _invalid_choice(error: ValidationError) -> PracticeError:
    first = error.errors(include_url=False)[0]
    field = ".".join(str(part) for part in first["loc"])
    return PracticeError(f"invalid practice choice {field!r}: {first['msg']}")


def _check_choices(kinds: Sequence[str], levels: Sequence[str], count: int | None, minutes: float | None) -> None:
    if set(kinds) - set(KINDS):
        raise PracticeError(unknown_names("kind", kinds, KINDS))
    if set(levels) - set(LEVELS):
        raise PracticeError(unknown_names("level", levels, LEVELS))
    if count is not None and count < 1:
        raise PracticeError(f"practise at least one question (got {count})")
    if minutes is not None and not minutes > 0:
        raise PracticeError(f"practice time must be more than 0 minutes (got {minutes})")


def unknown_names(noun: str, given: Sequence[str], known: Sequence[str]) -> str:
    """``unknown area 'x' (areas: a, b)`` or ``unknown areas 'x', 'y' (areas: a, b)``: the ``given`` names not
    among the ``known`` ones, each once, then every known one."""
    unknown = [name for name in dict.fromkeys(given) if name not in known]
    named = noun if len(unknown) == 1 else f"{noun}s"
    return f"unknown {named} {', '.join(map(repr, unknown))} ({noun}s: {', '.join(known)})"


def _rules(
    base: StageSpec | None, areas: Sequence[str], kinds: Sequence[str], levels: Sequence[str], questions: int
) -> DrawRules:
    base_rules = base.draw if base else None
    chosen_areas = list(dict.fromkeys(areas)) or (list(base_rules.areas) if base_rules else [])
    reachable_areas = len(chosen_areas) or questions
    max_per_area = base_rules.max_per_area if base_rules else None
    if max_per_area is not None and max_per_area * reachable_areas < questions:
        max_per_area = None  # the chosen areas cannot fill the stage under the base stage's cap
    min_areas = min(base_rules.min_areas if base_rules else 1, reachable_areas, questions)
    return DrawRules.model_validate(
        {
            "kinds": list(dict.fromkeys(kinds)) or (list(base_rules.kinds) if base_rules else list(KINDS)),
            "areas": chosen_areas,
            "levels": list(dict.fromkeys(levels)) or (list(base_rules.levels) if base_rules else []),
            "max_per_area": max_per_area,
            "min_areas": max(min_areas, 1),
        }
    )


def _title(base: StageSpec | None, areas: Sequence[str], kinds: Sequence[str], levels: Sequence[str]) -> str:
    parts = list(dict.fromkeys([*areas, *kinds, *levels]))
    if parts:
        return "Practice: " + " · ".join(parts)
    return f"Practice: {base.title}" if base else ANY_QUESTION_TITLE


def _intro(base: StageSpec | None) -> str:
    focus = f" in the style of the {base.title.lower()}" if base else ""
    return (
        f"A practice round{focus}. The clock runs as in the real thing. Type each answer as you would say it "
        "in the room: after each one you see which talking points it covered, its score and the model answer."
    )


def _default_minutes(base: StageSpec | None, questions: int) -> float:
    if base is None:
        return questions * MINUTES_PER_QUESTION
    if questions == base.questions:
        return base.minutes
    return float(math.ceil(base.minutes * questions / base.questions))


def fit_minutes(stage: StageSpec, questions: Sequence[Question]) -> StageSpec:
    """``stage`` timed at its questions' suggested minutes added up and rounded up to a whole minute.

    At most :data:`~tui_interview.domain.bounds.MAX_STAGE_MINUTES`, the longest a stage may be."""
    total = math.ceil(sum(question.minutes for question in questions))
    return stage.model_copy(update={"minutes": float(min(max(total, 1), MAX_STAGE_MINUTES))})


# Drawing ----------------------------------------------------------------------------------------------------


def draw_due_first(
    pack: Pack,
    stage: StageSpec,
    seed: int,
    due_ids: Sequence[str] = (),
    penalties: Mapping[str, int] | None = None,
    preferred: frozenset[str] = frozenset(),
) -> tuple[Question, ...]:
    """``stage``'s questions: due ones that fit its rules first (in ``due_ids`` order, most overdue first),
    then the usual seeded draw (recently seen questions last) for the rest; no repeats.

    With no due questions this is exactly the draw a one-stage ``draw_loop`` with ``seed`` makes.
    Raise :class:`DrawError` when the pack cannot fill the stage.
    """
    rng = random.Random(seed)
    due = [pack.by_id[q] for q in dict.fromkeys(due_ids) if q in pack.by_id and stage.draws(pack.by_id[q])]
    due_set = {q.id for q in due}
    rest = [q for q in pack.questions if q.id not in due_set and stage.draws(q)]
    rng.shuffle(rest)
    rest = prefer_tagged(rest, preferred, rng)  # a target's stack, when one is chosen
    rest.sort(key=lambda q: (penalties or {}).get(q.id, 0))
    return fill_stage(pack, stage, due + rest)


def plan_practice(
    pack: Pack,
    stage: StageSpec,
    seed: int,
    due_ids: Sequence[str] = (),
    penalties: Mapping[str, int] | None = None,
    time_from_questions: bool = False,
    due_notes: Mapping[str, str] | None = None,
    target: PlannedTarget | None = None,
) -> LoopPlan:
    """A one-stage plan for practice mode, due questions first; with ``time_from_questions`` the stage is
    timed at the drawn questions' suggested minutes (for a practice stage chosen without a time).

    Each drawn due question carries its note from ``due_notes`` ("last time 17%"), and a
    practice of any question that brings due ones back is titled :data:`DUE_TITLE`."""
    questions = draw_due_first(pack, stage, seed, due_ids, penalties, target.tags if target else frozenset())
    if time_from_questions:
        stage = fit_minutes(stage, questions)
    if stage.title == ANY_QUESTION_TITLE and any(q.id in due_ids for q in questions):
        stage = stage.model_copy(update={"title": DUE_TITLE})
    notes = {q.id: (due_notes or {})[q.id] for q in questions if q.id in (due_notes or {})}
    return LoopPlan(seed=seed, pack_id=pack.id, stages=(StagePlan(stage, questions, notes),), target=target)


def loop_with_one_due(
    pack: Pack,
    stages: Sequence[StageSpec],
    seed: int,
    due_ids: Sequence[str] = (),
    penalties: Mapping[str, int] | None = None,
    target: PlannedTarget | None = None,
    level: Level | None = None,
) -> LoopPlan:
    """The usual seeded loop (avoiding recently seen questions), with at most ONE due question brought back.

    The most overdue due question that fits some stage replaces one drawn question of the first stage whose
    rules it fits, keeping ``max_per_area`` and ``min_areas``: a question of its own area if there is one,
    else the last question whose removal keeps the rules. If the draw already holds a due question, or no
    due question fits anywhere, the plan is the plain draw. Raise :class:`DrawError` like ``draw_loop``.
    For a ``level``, only a due question that suits it (see :func:`~.levels.suits_level`) is brought back.
    """
    plan = draw_loop(pack, stages, seed, penalties, target, level)
    drawn = {q.id for stage_plan in plan.stages for q in stage_plan.questions}
    if drawn & set(due_ids):
        return plan
    for question_id in dict.fromkeys(due_ids):
        question = pack.by_id.get(question_id)
        if question is None or pack.overlapping.get(question_id, frozenset()) & drawn:
            continue  # gone from the pack, or on a topic the loop already asks about
        if level is not None and not suits_level(question, level):
            continue
        for index, stage_plan in enumerate(plan.stages):
            swapped = _swap_in(stage_plan, question)
            if swapped is not None:
                plans = (*plan.stages[:index], swapped, *plan.stages[index + 1 :])
                return replace(plan, stages=plans)
    return plan


def _swap_in(stage_plan: StagePlan, question: Question) -> StagePlan | None:
    """``stage_plan`` with ``question`` in place of one of its questions, or None if it cannot fit."""
    stage = stage_plan.stage
    if not stage.draws(question):
        return None
    drawn = list(stage_plan.questions)
    same_area = [i for i, q in enumerate(drawn) if q.area == question.area]
    order = same_area[::-1] + [i for i in reversed(range(len(drawn))) if i not in same_area]
    for slot in order:
        candidate = [*drawn[:slot], question, *drawn[slot + 1 :]]
        if _keeps_rules(stage, candidate):
            return StagePlan(stage, tuple(candidate))
    return None


def _keeps_rules(stage: StageSpec, questions: Sequence[Question]) -> bool:
    per_area = Counter(q.area for q in questions)
    cap = stage.draw.max_per_area
    return len(per_area) >= stage.draw.min_areas and (cap is None or max(per_area.values()) <= cap)


# Exact questions --------------------------------------------------------------------------------------------


def plan_questions(pack: Pack, choice: PracticeChoice, seed: int) -> LoopPlan:
    """A one-stage practice plan of exactly ``choice.question_ids``, in that order (a repeated id once).

    Timed at ``choice.minutes``, else at the questions' suggested minutes. Raise :class:`PracticeError` for an
    id the pack does not hold (naming it, with close matches), or when the choice also narrows a draw.
    """
    _check_exact_choice(choice)
    question_ids = list(dict.fromkeys(choice.question_ids))
    if len(question_ids) > MAX_STAGE_QUESTIONS:
        raise PracticeError(f"practise at most {MAX_STAGE_QUESTIONS} questions at once (got {len(question_ids)})")
    questions = tuple(_known_question(pack, question_id) for question_id in question_ids)
    count = len(questions)
    try:
        stage = StageSpec(
            id=PRACTICE_ID,
            title=f"Practice: {plural(count, 'chosen question')}",
            interviewer=PRACTICE_INTERVIEWER,
            intro=_intro(None),
            minutes=choice.minutes if choice.minutes is not None else MINUTES_PER_QUESTION,
            questions=count,
            draw=DrawRules(kinds=list(dict.fromkeys(question.kind for question in questions))),
        )
    except ValidationError as error:  # more minutes than a stage may last, for instance
        raise _invalid_choice(error) from None
    if choice.minutes is None:
        stage = fit_minutes(stage, questions)
    return LoopPlan(seed=seed, pack_id=pack.id, stages=(StagePlan(stage, questions),))


def _check_exact_choice(choice: PracticeChoice) -> None:
    if not choice.question_ids:
        raise PracticeError("name at least one question to practise")
    narrowing = {
        "a stage": choice.stage is not None,
        "areas": bool(choice.areas),
        "kinds": bool(choice.kinds),
        "levels": bool(choice.levels),
        "a count": choice.count is not None,
        "due questions first": choice.due_first,
    }
    if any(narrowing.values()):
        chosen = ", ".join(name for name, given in narrowing.items() if given)
        raise PracticeError(f"exact questions are practised as they are: they cannot be combined with {chosen}")
    _check_choices((), (), None, choice.minutes)


def _known_question(pack: Pack, question_id: str) -> Question:
    question = pack.by_id.get(question_id)
    if question is not None:
        return question
    close = difflib.get_close_matches(question_id, list(pack.by_id), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise PracticeError(f"unknown question {question_id!r} in pack {pack.id!r}{hint}")
