"""The words the app and its files share, defined once and free of heavy imports (the CLI parser reads them).

Pack files, session files, the command line and the screens all use these exact spellings.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

Kind = Literal["technical", "scenario", "tradeoff", "trends", "debugging", "behavioral", "screen"]
Level = Literal["junior", "mid", "senior", "staff"]
KINDS: Final[tuple[Kind, ...]] = get_args(Kind)
LEVELS: Final[tuple[Level, ...]] = get_args(Level)

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

Mode = Literal["loop", "practice"]
AnswerStatus = Literal["pending", "answered", "skipped", "time_up", "not_reached"]
StageStatus = Literal["pending", "running", "finished"]
SessionStatus = Literal["in_progress", "finished"]
TurnKind = Literal["step", "follow_up"]
