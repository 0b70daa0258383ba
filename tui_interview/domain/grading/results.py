"""What the grader says about one answer: matches, rejections, evidence and the verdict per talking point."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, get_args

PointStatus = Literal["covered", "possible", "missed"]
POINT_STATUSES: Final[tuple[PointStatus, ...]] = get_args(PointStatus)


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
class Evidence:
    """The sentence (or, for a very long sentence, the clause) that shows a verdict: ``answer[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class PointResult:
    """The verdict on one talking point.

    ``status`` is one of three outcomes: *covered* (a claim shows it; ``evidence`` quotes the sentence),
    *possible* (only a weaker signal: a hedged mention, one generic word, the question's own words with little
    else; ``evidence`` quotes it and ``reason`` says why it is not credited; never scored until the candidate
    confirms it) or *missed* (``reason`` says why, when keywords were found but earned nothing).
    """

    index: int
    """Position in the points graded (``question.all_points`` by default)."""
    text: str
    weight: float
    matches: tuple[Match, ...]
    """Matches that earned credit, in answer order."""
    rejected: tuple[Rejection, ...]
    """Matches that earned no credit (including the weak signals of a *possible* point), in answer order."""
    status: PointStatus = "missed"
    evidence: Evidence | None = None
    """For a covered or possible point: where the answer shows it."""
    reason: str | None = None
    """For a possible point, or a missed one whose keywords were rejected: why it is not credited."""
    decided_by: Literal["grader", "judge", "you"] = "grader"
    """Who made this call: the offline grader, the LLM judge, or the candidate confirming it."""

    @property
    def covered(self) -> bool:
        """True only for a covered point; a *possible* one does not count until confirmed."""
        return self.status == "covered"

    @property
    def possible(self) -> bool:
        return self.status == "possible"

    @property
    def matched_keywords(self) -> tuple[str, ...]:
        """The distinct keywords that earned credit, in the order they first appear in the answer."""
        return tuple(dict.fromkeys(match.keyword for match in self.matches))

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why each rejected keyword earned no credit, one string per rejection."""
        return tuple(rejection.reason for rejection in self.rejected)


@dataclass(frozen=True, slots=True)
class RedFlagFound:
    """A known wrong claim the answer makes (see ``[[questions.red_flags]]`` in the pack format)."""

    index: int
    """Position in ``question.red_flags``."""
    text: str
    why: str
    contradicts: int | None
    """The index, in the points graded, of the point this claim contradicts (that point gets no credit)."""
    match: Match
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Grade:
    """Talking-point coverage of one answer, and the wrong claims it makes."""

    question_id: str
    points: tuple[PointResult, ...]
    notes: tuple[str, ...] = ()
    """Answer-level remarks, such as the answer being a bare list of terms."""
    red_flags: tuple[RedFlagFound, ...] = ()

    @property
    def total_weight(self) -> float:
        return sum(point.weight for point in self.points)

    @property
    def covered_weight(self) -> float:
        return sum(point.weight for point in self.points if point.covered)

    @property
    def score(self) -> float:
        """The weighted share of points covered, from 0 to 1 (possible points count as not covered)."""
        total = self.total_weight
        return self.covered_weight / total if total else 0.0

    @property
    def covered(self) -> tuple[PointResult, ...]:
        return tuple(point for point in self.points if point.covered)

    @property
    def possible(self) -> tuple[PointResult, ...]:
        return tuple(point for point in self.points if point.possible)

    @property
    def missed(self) -> tuple[PointResult, ...]:
        """Every point not covered, the possible ones included."""
        return tuple(point for point in self.points if not point.covered)
