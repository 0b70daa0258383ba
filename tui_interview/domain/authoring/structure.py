"""What a question needs to be drawn and reviewed well: a scenario unfolds in steps; a drawn question has red flags."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final

from tui_interview.domain.authoring.findings import Issue, Rule
from tui_interview.domain.bank.pack import Question
from tui_interview.domain.bank.stages import StageSpec
from tui_interview.domain.formatting import plural
from tui_interview.domain.vocabulary import Kind

MIN_SCENARIO_STEPS: Final = 2
"""A scenario needs at least this many reveals to unfold; with one it is a long technical question."""

RED_FLAGS_OPTIONAL: Final[frozenset[Kind]] = frozenset({"behavioral", "screen"})
"""Kinds whose answers are stories and preferences, not claims that can be wrong, so red flags are optional."""

FEW_STEPS: Final = Rule(
    "few-steps",
    "error",
    f"add [[questions.steps]] until there are {MIN_SCENARIO_STEPS}: each reveal a new fact that changes the "
    "picture, with points of its own",
)
MISSING_RED_FLAGS: Final = Rule(
    "missing-red-flags",
    "warning",
    "add a [[questions.red_flags]] entry: a common misconception as a candidate would state it, its keywords, "
    "why it is wrong and the point it contradicts",
)


def structure_issues(question: Question, stages: Sequence[StageSpec]) -> Iterator[Issue]:
    """Too few scenario steps, and no red flags on a question that one of ``stages`` draws."""
    if question.kind == "scenario" and len(question.steps) < MIN_SCENARIO_STEPS:
        message = (
            f"a scenario with {plural(len(question.steps), 'step')}: it needs at least {MIN_SCENARIO_STEPS} reveals"
            " to unfold"
        )
        yield Issue(FEW_STEPS, "steps", message)
    drawing = [stage.id for stage in stages if stage.draws(question)]
    if drawing and not question.red_flags and question.kind not in RED_FLAGS_OPTIONAL:
        stage_names = ", ".join(repr(stage_id) for stage_id in drawing)
        message = (
            f"no red flags, though stage {stage_names} draws this question: a wrong claim made with the right "
            "words still earns its points"
        )
        yield Issue(MISSING_RED_FLAGS, "red_flags", message)
