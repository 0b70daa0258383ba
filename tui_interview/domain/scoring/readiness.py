"""Every score threshold, defined once, and the rule sentences shown to users, generated from them.

Scores are talking-point coverage from 0 to 1, which real interviewers do not expect to be complete: a strong
answer hits three points in four (0.75), a solid one most of them (0.60). Below 0.40 more than half the
material an interviewer listens for is missing, which in a debrief reads as "no hire". The keyword grader also
under-credits paraphrases (see ``benchmarks/grading_eval.py``), so the bands are set lower than an
interviewer's own tick-box share would be rather than higher.
"""

from __future__ import annotations

from typing import Final

from tui_interview.domain.formatting import percent

STRONG_HIRE_FROM: Final = 0.75
HIRE_FROM: Final = 0.60
LEAN_NO_HIRE_FROM: Final = 0.40
WELL_ABOVE_FROM: Final = 0.85
"""Well above the strong-hire line: the spaced review schedules such an answer as easy."""

READINESS_BANDS: Final = (
    (STRONG_HIRE_FROM, "strong hire"),
    (HIRE_FROM, "hire"),
    (LEAN_NO_HIRE_FROM, "lean no hire"),
)
BELOW_ALL_BANDS: Final = "no hire"
READINESS_RULE: Final = ", ".join(f"≥ {percent(threshold)} {name}" for threshold, name in READINESS_BANDS) + (
    f", else {BELOW_ALL_BANDS}"
)
"""In percent, as every score is shown: ``≥ 75% strong hire, ≥ 60% hire, ≥ 40% lean no hire, else no hire``."""

WEAK_BELOW: Final = STRONG_HIRE_FROM
"""Areas and questions scoring below the strong-hire line are worth practising."""

RATING_LABELS: Final = {1: "missed", 2: "partial", 3: "solid", 4: "excellent"}
RATING_VALUES: Final = {1: 0.0, 2: 0.4, 3: STRONG_HIRE_FROM, 4: 1.0}
"""What a self-rating (1-4) is worth as a score."""
SCORE_RULE: Final = (
    "question score = weighted share of talking points covered (after your ticks); with a self-rating, "
    "the mean of that and the rating ("
    + ", ".join(f"{RATING_LABELS[rating]} {percent(value)}" for rating, value in RATING_VALUES.items())
    + "); skipped or unreached = 0%; stage, area and overall = mean of question scores"
)
JUDGED_SCORE_RULE: Final = (
    "an answer judged by a person (the interviewer, or your self-check after answering aloud) covers the talking "
    "points they ticked; the interviewer's ratings (1-4 per dimension) count as one rating, the mean of their values"
)
"""Added to :data:`SCORE_RULE` wherever a person judged an answer."""


def readiness_band(overall: float) -> tuple[str, str]:
    """The hiring band for an overall score from 0 to 1, and the rule that produced it."""
    if not 0.0 <= overall <= 1.0:
        raise ValueError(f"overall score must be between 0 and 1, got {overall!r}")
    band = next((name for threshold, name in READINESS_BANDS if overall >= threshold), BELOW_ALL_BANDS)
    return band, READINESS_RULE
