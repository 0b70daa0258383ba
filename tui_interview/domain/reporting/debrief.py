"""The debrief before the report: what the grader was unsure of, for the candidate to decide.

After the last stage of a loop the candidate is asked, item by item, about every point the grader marked
*possible* and every red flag it found, each with the sentence in question. Confirming a possible point ticks
it (it counts), rejecting it leaves it missed; confirming a red flag agrees the answer makes that wrong claim,
rejecting it says it does not. Every call is recorded as the candidate's own (``decided_by = "you"``) and
saved at once through the :class:`ReviewSession`; the report is rebuilt after each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui_interview.domain.reporting.review import Position, ReviewSession

ItemKind = Literal["point", "red_flag"]
Decision = Literal["confirmed", "rejected"]


@dataclass(frozen=True)
class DebriefItem:
    """One thing to ask the candidate about."""

    kind: ItemKind
    position: Position
    """The question: (stage index, question index)."""
    index: int
    """The point's index in the question's points, or the red flag's in its ``red_flags``."""
    stage_title: str
    question_number: int
    prompt: str
    text: str
    """The talking point, or the wrong claim."""
    quote: str
    """The sentence in question, as the candidate typed it."""
    why: str | None
    """For a point, why the grader is unsure; for a red flag, why the claim is wrong."""
    decision: Decision | None
    """What the candidate said, None while undecided."""

    @property
    def label(self) -> str:
        """How the item is introduced: a point to check, or a possible wrong claim."""
        return "Check this point" if self.kind == "point" else "Possible wrong claim"


class Debrief:
    """The items of a session to ask about, and the candidate's calls on them."""

    def __init__(self, session: ReviewSession) -> None:
        self.session = session

    @property
    def items(self) -> list[DebriefItem]:
        """Every possible point and red flag of the session, question by question (points first), with the
        candidate's call so far. Decided items stay in the list, in the same place, so a call can be changed."""
        items: list[DebriefItem] = []
        report = self.session.report
        for position in self.session.positions():
            stage = report.stages[position[0]]
            question = stage.questions[position[1]]
            score = question.score
            if score is None:
                continue
            for point in score.points:
                if point.graded != "possible":
                    continue
                decision: Decision | None = None
                if point.decided_by == "you":
                    decision = "confirmed" if point.covered else "rejected"
                items.append(
                    DebriefItem(
                        kind="point",
                        index=point.index,
                        prompt=question.prompt,
                        text=point.text,
                        quote=point.evidence.quote if point.evidence else "",
                        why=point.reason,
                        decision=decision,
                        position=position,
                        stage_title=stage.title,
                        question_number=question.number,
                    )
                )
            for flag in score.red_flags:
                items.append(
                    DebriefItem(
                        kind="red_flag",
                        index=flag.index,
                        prompt=question.prompt,
                        text=flag.text,
                        quote=flag.evidence.quote,
                        why=flag.why,
                        decision=None if flag.claimed is None else "confirmed" if flag.claimed else "rejected",
                        position=position,
                        stage_title=stage.title,
                        question_number=question.number,
                    )
                )
        return items

    @property
    def pending(self) -> list[DebriefItem]:
        return [item for item in self.items if item.decision is None]

    def __bool__(self) -> bool:
        """Whether there is anything to ask about."""
        return bool(self.items)

    def confirm(self, item: DebriefItem) -> None:
        """The point was covered / the answer does make that claim; saved as the candidate's call."""
        self._decide(item, yes=True)

    def reject(self, item: DebriefItem) -> None:
        """The point was not covered / the answer does not make that claim; saved as the candidate's call."""
        self._decide(item, yes=False)

    def _decide(self, item: DebriefItem, *, yes: bool) -> None:
        if item.kind == "point":
            self.session.decide_point(item.position, item.index, covered=yes)
        else:
            self.session.decide_flag(item.position, item.index, claimed=yes)
