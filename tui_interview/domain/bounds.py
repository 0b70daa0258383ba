"""The range every number (and every string the grader reads) from a file must fall in, as pydantic types.

A number in a pack, stage or session file is finite, of the right type (``true`` is not a number and
``1.5`` is not a count) and within a range no real file comes near, so that nothing downstream ever
computes with ``inf``, ``nan``, ``1e308`` or a negative duration.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Final

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

MAX_QUESTION_MINUTES: Final = 120
"""A question's suggested time."""
MAX_STAGE_MINUTES: Final = 24 * 60
"""A stage's time: a day."""
MAX_STAGE_QUESTIONS: Final = 50
MAX_LOOP_STAGES: Final = 12
"""Stages in a loop (the shipped loop has 4)."""
MAX_TURNS: Final = 50
"""Exchanges after a first answer: scenario steps and a follow-up."""
MAX_PAUSES: Final = 1_000
MAX_TICKS: Final = 1_000
"""Points ticked or unticked for one answer."""
MAX_WEIGHT: Final = 100
"""A talking point's weight relative to the others (1 by default)."""
MAX_SECONDS: Final = 366 * 24 * 3600
"""Any duration or clock reading saved in a session: a year, far beyond any real stage or pause."""
MAX_POINT_TEXT: Final = 500
"""Characters in a talking point's text (the shipped pack's longest is under 200); the grader reads it."""
MAX_KEYWORD: Final = 100
"""Characters in one keyword (the shipped pack's longest is 32): keywords are short phrases."""
MAX_INDEX: Final = 10_000
"""An index into a question's talking points."""
MAX_SEED: Final = 2**63 - 1
"""Seeds are 64-bit integers, as TOML integers are."""
MAX_FORMAT: Final = 1_000
EARLIEST: Final = datetime(1970, 1, 2)
LATEST: Final = datetime(9999, 1, 1)
"""Dates saved in a session fall between these (naive or aware), so every conversion of them stays in range."""
ROUNDING_NOISE: Final = 0.01
"""Seconds slightly below zero that come from rounding a clock reading are read as zero."""


def _clamp_rounding_noise(value: object) -> object:
    if isinstance(value, float) and -ROUNDING_NOISE <= value < 0:
        return 0.0
    return value


def _in_date_range(value: datetime) -> datetime:
    naive = value.replace(tzinfo=None)
    if not EARLIEST <= naive <= LATEST:
        raise ValueError(f"date must be between {EARLIEST:%Y-%m-%d} and {LATEST:%Y-%m-%d}")
    return value


QuestionMinutes = Annotated[float, Field(strict=True, allow_inf_nan=False, gt=0, le=MAX_QUESTION_MINUTES)]
StageMinutes = Annotated[float, Field(strict=True, allow_inf_nan=False, gt=0, le=MAX_STAGE_MINUTES)]
StageQuestions = Annotated[int, Field(strict=True, ge=1, le=MAX_STAGE_QUESTIONS)]
Weight = Annotated[float, Field(strict=True, allow_inf_nan=False, gt=0, le=MAX_WEIGHT)]
Seconds = Annotated[
    float,
    BeforeValidator(_clamp_rounding_noise),
    Field(strict=True, allow_inf_nan=False, ge=0, le=MAX_SECONDS),
]
PointIndex = Annotated[int, Field(strict=True, ge=0, le=MAX_INDEX)]
Seed = Annotated[int, Field(strict=True, ge=-MAX_SEED, le=MAX_SEED)]
FormatVersion = Annotated[int, Field(strict=True, ge=1, le=MAX_FORMAT)]
Moment = Annotated[datetime, AfterValidator(_in_date_range)]
PointText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_POINT_TEXT)]
Keyword = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_KEYWORD)]
