"""What the grader says about one answer: matches, rejections and the verdict per talking point."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Match:
    """One place a keyword was found: ``answer[start:end] == text``."""

    keyword: str
    text: str
    start: int
    end: int
    fuzzy: bool = False
    """True when at least one word matched only through typo tolerance."""


@dataclass(frozen=True, slots=True)
class Rejection:
    """A keyword found in the answer that earned no credit, and why."""

    match: Match
    reason: str


@dataclass(frozen=True, slots=True)
class PointResult:
    """The verdict on one talking point."""

    index: int
    """Position in the points graded (``question.all_points`` by default)."""
    text: str
    weight: float
    covered: bool
    matches: tuple[Match, ...]
    """Matches that earned credit, in answer order."""
    rejected: tuple[Rejection, ...]
    """Matches that earned no credit, in answer order, each with its reason."""

    @property
    def matched_keywords(self) -> tuple[str, ...]:
        """The distinct keywords that earned credit, in the order they first appear in the answer."""
        return tuple(dict.fromkeys(match.keyword for match in self.matches))

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why each rejected keyword earned no credit, one string per rejection."""
        return tuple(rejection.reason for rejection in self.rejected)


@dataclass(frozen=True, slots=True)
class Grade:
    """Talking-point coverage of one answer."""

    question_id: str
    points: tuple[PointResult, ...]
    notes: tuple[str, ...] = ()
    """Answer-level remarks, such as the answer being a bare list of terms."""

    @property
    def total_weight(self) -> float:
        return sum(point.weight for point in self.points)

    @property
    def covered_weight(self) -> float:
        return sum(point.weight for point in self.points if point.covered)

    @property
    def score(self) -> float:
        """The weighted share of points covered, from 0 to 1."""
        total = self.total_weight
        return self.covered_weight / total if total else 0.0

    @property
    def covered(self) -> tuple[PointResult, ...]:
        return tuple(point for point in self.points if point.covered)

    @property
    def missed(self) -> tuple[PointResult, ...]:
        return tuple(point for point in self.points if not point.covered)
