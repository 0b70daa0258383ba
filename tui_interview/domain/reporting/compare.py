"""Two attempts at one question, point by point: what the later one added, kept, dropped and still misses.

Both scores must come from the same question of the same pack (see
:func:`~tui_interview.domain.history.attempts.previous_attempt`), so that point ``i`` is the same point in both.
A point counts as covered as the scores say, after the candidate's own ticks; a point still to check ("?") is
not covered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from tui_interview.domain.scoring.scores import QuestionScore

Change = Literal["added", "kept", "dropped", "missing"]

CHANGE_LABELS: Final[dict[Change, str]] = {
    "added": "added",
    "kept": "kept",
    "dropped": "dropped",  # covered last time, not now
    "missing": "still missing",
}
"""What each change is called wherever a comparison is shown."""


@dataclass(frozen=True)
class PointChange:
    """One talking point in the earlier and the later attempt."""

    index: int
    text: str
    before: bool
    """Covered in the earlier attempt."""
    now: bool
    """Covered in the later attempt."""

    @property
    def change(self) -> Change:
        if self.now:
            return "kept" if self.before else "added"
        return "dropped" if self.before else "missing"

    @property
    def label(self) -> str:
        return CHANGE_LABELS[self.change]


@dataclass(frozen=True)
class AttemptComparison:
    """The later attempt at a question against the earlier one, point by point, in the question's order."""

    points: tuple[PointChange, ...]
    coverage_before: float
    coverage_now: float

    def of(self, change: Change) -> tuple[PointChange, ...]:
        """The points with ``change``, in the question's order."""
        return tuple(point for point in self.points if point.change == change)

    @property
    def summary(self) -> str:
        """One line: coverage then and now, and how many points were added, dropped and are still missing."""
        counts = [f"{len(self.of(change))} {CHANGE_LABELS[change]}" for change in ("added", "dropped", "missing")]
        return f"coverage {self.coverage_before:.0%} → {self.coverage_now:.0%}: " + ", ".join(counts)


def compare_attempts(before: QuestionScore, now: QuestionScore) -> AttemptComparison:
    """``now`` against ``before``, point by point. Raise ValueError if they are not scores of the same points."""
    if before.question_id != now.question_id or len(before.points) != len(now.points):
        raise ValueError(f"cannot compare {before.question_id!r} with {now.question_id!r}: not the same points")
    points = tuple(
        PointChange(index=new.index, text=new.text, before=old.covered, now=new.covered)
        for old, new in zip(before.points, now.points, strict=True)
    )
    return AttemptComparison(points, coverage_before=before.coverage, coverage_now=now.coverage)
