"""How an answer was delivered: length, filler and hedge words, and time used against the suggestion.

Figures are per 100 words so short and long answers compare. The word lists are short on purpose:
"like" is left out of the fillers because in written answers it is far more often a preposition ("a tool
like k6") than a filler.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Final, Literal, get_args

__all__ = ["FILLER_PHRASES", "HEDGE_PHRASES", "OUTCOMES", "Delivery", "Outcome", "delivery"]

Outcome = Literal["answered", "skipped", "time_up", "not_reached"]
OUTCOMES: Final[tuple[str, ...]] = get_args(Outcome)

FILLER_PHRASES: Final = (
    "um", "umm", "uh", "uhh", "er", "erm", "basically", "you know", "kind of", "sort of", "actually", "literally",
)  # fmt: skip
HEDGE_PHRASES: Final = ("maybe", "i think", "probably", "i guess", "might", "perhaps", "not sure")

FILLER_LIMIT_PER_100: Final = 3.0
HEDGE_LIMIT_PER_100: Final = 3.0
OVERTIME_RATIO: Final = 1.2
SHORT_RATIO: Final = 0.4

_WORD_RE: Final = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*")
_STATUS_TO_OUTCOME: Final[dict[str, Outcome]] = {
    "answered": "answered",
    "skipped": "skipped",
    "time_up": "time_up",
    "not_reached": "not_reached",
    "pending": "not_reached",
}


@dataclass(frozen=True, slots=True)
class Delivery:
    """Delivery figures for one answer."""

    outcome: Outcome
    words: int
    fillers: int
    hedges: int
    filler_per_100: float
    hedge_per_100: float
    filler_counts: tuple[tuple[str, int], ...]
    """Each filler phrase used, with its count, most frequent first."""
    hedge_counts: tuple[tuple[str, int], ...]
    seconds: float
    suggested_seconds: float
    time_ratio: float
    """Time used divided by the suggested time: 1.0 is exactly on time."""
    words_per_minute: float | None
    """Typing pace; None when no time was recorded."""
    notes: tuple[str, ...]


def delivery(answer: str, seconds: float, suggested_minutes: float, status: str) -> Delivery:
    """Measure the delivery of ``answer``, typed in ``seconds`` against ``suggested_minutes``.

    ``status`` is the answer's record status (see ``tui_interview.domain.sessions.records.AnswerStatus``); a question
    still ``pending`` when the loop ended counts as ``not_reached``.
    """
    if status not in _STATUS_TO_OUTCOME:
        raise ValueError(f"unknown answer status {status!r} (expected one of {', '.join(_STATUS_TO_OUTCOME)})")
    if suggested_minutes <= 0 or seconds < 0:
        raise ValueError("suggested_minutes must be positive and seconds must not be negative")
    words = [word.lower().replace("\u2019", "'") for word in _WORD_RE.findall(answer)]
    fillers = _phrase_counts(words, FILLER_PHRASES)
    hedges = _phrase_counts(words, HEDGE_PHRASES)
    suggested = suggested_minutes * 60
    outcome = _STATUS_TO_OUTCOME[status]
    result = Delivery(
        outcome=outcome,
        words=len(words),
        fillers=fillers.total(),
        hedges=hedges.total(),
        filler_per_100=_per_100(fillers.total(), len(words)),
        hedge_per_100=_per_100(hedges.total(), len(words)),
        filler_counts=tuple(fillers.most_common()),
        hedge_counts=tuple(hedges.most_common()),
        seconds=seconds,
        suggested_seconds=suggested,
        time_ratio=seconds / suggested,
        words_per_minute=len(words) / (seconds / 60) if seconds > 0 else None,
        notes=(),
    )
    return _with_notes(result)


def _phrase_counts(words: list[str], phrases: tuple[str, ...]) -> Counter[str]:
    """How often each phrase occurs as a run of whole words."""
    counts: Counter[str] = Counter()
    for phrase in phrases:
        parts = phrase.split()
        size = len(parts)
        found = sum(words[i : i + size] == parts for i in range(len(words) - size + 1))
        if found:
            counts[phrase] = found
    return counts


def _per_100(count: int, words: int) -> float:
    return 100 * count / words if words else 0.0


def _with_notes(figures: Delivery) -> Delivery:
    notes: list[str] = []
    if figures.outcome == "skipped":
        notes.append("Skipped.")
    elif figures.outcome == "time_up":
        notes.append("Time ran out before the answer was submitted.")
    elif figures.outcome == "not_reached":
        notes.append("Not reached before the stage ended.")
    if figures.filler_per_100 > FILLER_LIMIT_PER_100:
        notes.append(
            f"{figures.filler_per_100:.1f} filler words per 100 words (aim for under {FILLER_LIMIT_PER_100:g})."
        )
    if figures.hedge_per_100 > HEDGE_LIMIT_PER_100:
        notes.append(f"{figures.hedge_per_100:.1f} hedges per 100 words: state what you would do, then the caveat.")
    if figures.time_ratio > OVERTIME_RATIO:
        notes.append(f"Used {figures.time_ratio:.0%} of the suggested time: practise a shorter version.")
    elif figures.outcome == "answered" and figures.time_ratio < SHORT_RATIO:
        notes.append(f"Used only {figures.time_ratio:.0%} of the suggested time: the answer may be thin.")
    return replace(figures, notes=tuple(notes))
