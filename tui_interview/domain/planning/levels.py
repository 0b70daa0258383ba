"""Drawing for a target level (``loop --level senior``): the one rule for which questions suit a level.

A question's *distance* from the target is how many steps apart their levels are in :data:`LEVELS`
(junior, mid, senior, staff), and 0 for a kind whose level means nothing (a recruiter screen question: the
same logistics answer fits every level). A stage drawn for a level takes its questions

1. at the target level (or of a level-free kind) first,
2. then at an adjacent level (:data:`NEAR`), only where the exact level cannot fill the stage under its rules,
3. and from farther levels only when the exact and adjacent ones together cannot fill it.

The rule only orders and narrows the candidates the seeded draw already shuffled: the same seed and level
give the same loop, and a loop drawn without a level is the draw as it was before levels existed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final, TypeVar

from tui_interview.domain.bank.pack import Question
from tui_interview.domain.vocabulary import LEVELS, UNLEVELLED_KINDS, Level

NEAR: Final = 1
"""The farthest a question's level may be from the target while a stage can be filled without going farther."""

Drawn = TypeVar("Drawn")


def level_distance(question: Question, target: Level) -> int:
    """How many levels ``question`` is from ``target``: 0 at the target or for a level-free kind, up to 3."""
    if question.kind in UNLEVELLED_KINDS:
        return 0
    return abs(LEVELS.index(question.level) - LEVELS.index(target))


def suits_level(question: Question, target: Level) -> bool:
    """Whether ``question`` is at most :data:`NEAR` levels from ``target``: what a loop for that level asks."""
    return level_distance(question, target) <= NEAR


def draw_for_level(
    candidates: Sequence[Question],
    target: Level | None,
    pick: Callable[[list[Question]], Drawn | None],
) -> Drawn | None:
    """``pick`` (a stage's draw from candidates in order) applied to ``candidates`` ordered for ``target``.

    The candidates keep their order within a level distance (the seeded shuffle, recently seen ones last) and
    come nearest first. ``pick`` is first given only the questions that :func:`suits_level`, then, if it
    returns None (they cannot fill the stage), every candidate. Without a target, ``pick`` gets ``candidates``
    as they are.
    """
    if target is None:
        return pick(list(candidates))
    ordered = sorted(candidates, key=lambda question: level_distance(question, target))  # stable
    near = [question for question in ordered if suits_level(question, target)]
    chosen = pick(near) if len(near) < len(ordered) else None
    return chosen if chosen is not None else pick(ordered)
