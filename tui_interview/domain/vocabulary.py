"""The words the app and its files share, defined once and free of heavy imports (the CLI parser reads them).

Pack files, session files, the command line and the screens all use these exact spellings.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

Kind = Literal["technical", "scenario", "tradeoff", "trends", "debugging", "behavioral", "screen"]
Level = Literal["junior", "mid", "senior", "staff"]
KINDS: Final[tuple[Kind, ...]] = get_args(Kind)
LEVELS: Final[tuple[Level, ...]] = get_args(Level)
UNLEVELLED_KINDS: Final[frozenset[Kind]] = frozenset({"screen"})
"""Kinds whose level means nothing (a recruiter screen's logistics answer fits every level): it is shown nowhere,
and a loop drawn for a level draws them as if at that level."""

Competency = Literal[
    "production-incident",
    "disagreement",
    "mistake-learning",
    "ambiguity",
    "influence-without-authority",
    "mentoring",
    "prioritisation",
    "stakeholder-communication",
    "technical-judgment",
    "collaboration",
]
"""What a behavioral question probes and a prepared story shows, in the pack and in the story bank."""
COMPETENCIES: Final[tuple[Competency, ...]] = get_args(Competency)

ReportFormat = Literal["md", "html", "json"]
REPORT_FORMATS: Final[tuple[ReportFormat, ...]] = get_args(ReportFormat)

Mode = Literal["loop", "practice", "interview"]
"""A full loop, a practice, or a mock interview a peer runs (``tui-interview interview``)."""
MODES: Final[tuple[Mode, ...]] = get_args(Mode)
MODE_TITLES: Final[dict[str, str]] = {"loop": "Full loop", "practice": "Practice", "interview": "Mock interview"}
"""How each kind of session is named in report titles and in History."""
AnswerStatus = Literal["pending", "answered", "skipped", "time_up", "not_reached"]
StageStatus = Literal["pending", "running", "finished"]
SessionStatus = Literal["in_progress", "finished"]
TurnKind = Literal["step", "follow_up"]

JudgedBy = Literal["grader", "interviewer", "self"]
"""Who judged an answer: the offline grader (typed answers), the interviewer ticking live (interview mode), or
the candidate's self-check after answering aloud."""
JUDGED_BY_LABELS: Final[dict[JudgedBy, str]] = {
    "grader": "offline grader",
    "interviewer": "interviewer's judgement",
    "self": "self-check",
}
"""How each judgement is marked in feedback, reports and exports."""

Dimension = Literal["technical", "problem_solving", "communication"]
"""What a structured interview rates on every answer."""
DIMENSIONS: Final[tuple[Dimension, ...]] = get_args(Dimension)
DIMENSION_LABELS: Final[dict[Dimension, str]] = {
    "technical": "Technical ability",
    "problem_solving": "Problem solving",
    "communication": "Communication",
}
DIMENSION_HINTS: Final[dict[Dimension, str]] = {
    "technical": "correct, precise, names tools and numbers",
    "problem_solving": "breaks the problem down, checks assumptions, weighs trade-offs",
    "communication": "structured, concise, easy to follow",
}
"""What the interviewer listens for on each dimension, shown beside its rating."""
DimensionRating = Literal[1, 2, 3, 4]
DIMENSION_RATINGS: Final[tuple[DimensionRating, ...]] = get_args(DimensionRating)
DIMENSION_RATING_LABELS: Final[dict[DimensionRating, str]] = {
    1: "strong no",
    2: "lean no",
    3: "lean yes",
    4: "strong yes",
}
"""The scale every dimension is rated on, as interview scorecards word it."""

StageCall = Literal["hire", "no_hire"]
"""The interviewer's call at the end of a stage."""
STAGE_CALL_LABELS: Final[dict[StageCall, str]] = {"hire": "hire", "no_hire": "no hire"}
