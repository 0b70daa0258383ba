"""How an answer was delivered: length, filler and hedge words, and time used against the suggestion.

Figures are per 100 words so short and long answers compare. The word lists are short on purpose:
"like" is left out of the fillers because in written answers it is far more often a preposition ("a tool
like k6") than a filler.

Whether an answer is thin rests on what it says, never on the clock (answers typed fast are not thin): see
:func:`thin_limit`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final, Literal, get_args

from tui_interview.domain.grading.text import is_function_word, words_in
from tui_interview.domain.vocabulary import TurnKind

__all__ = [
    "FILLER_PHRASES",
    "HEDGE_PHRASES",
    "OUTCOMES",
    "THIN_CONTENT_WORDS_PER_MINUTE",
    "Delivery",
    "Outcome",
    "delivery",
    "thin_limit",
]

Outcome = Literal["answered", "skipped", "time_up", "not_reached"]
OUTCOMES: Final[tuple[str, ...]] = get_args(Outcome)

FILLER_PHRASES: Final = (
    "um", "umm", "uh", "uhh", "er", "erm", "basically", "you know", "kind of", "sort of", "actually", "literally",
)  # fmt: skip
HEDGE_PHRASES: Final = ("maybe", "i think", "probably", "i guess", "might", "perhaps", "not sure")

FILLER_LIMIT_PER_100: Final = 3.0
HEDGE_LIMIT_PER_100: Final = 3.0
OVERTIME_RATIO: Final = 1.2
THIN_CONTENT_WORDS_PER_MINUTE: Final = 3.0
"""An answer with fewer content words than this per suggested minute may be thin: 15 for a 5-minute question,
30 for a 10-minute scenario. The pack's model answers carry 12 to 20 a minute; a 129-word two-part answer about
60, far above the line."""

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
    """Words as the answer box counts them (runs of non-space characters), in everything typed for the question."""
    content_words: int
    """Words that carry content: not articles, pronouns, auxiliaries, very common verbs, fillers or hedges."""
    later_parts: tuple[TurnKind, ...]
    """The exchanges after the first answer that the figures include (scenario steps, a follow-up)."""
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

    @property
    def counted(self) -> str:
        """What the figures count: "the first answer", or "the first answer and 2 scenario steps" and so on."""
        steps = self.later_parts.count("step")
        follow_ups = self.later_parts.count("follow_up")
        parts = ["the first answer", _count_label(steps, "scenario step"), _count_label(follow_ups, "follow-up")]
        named = [part for part in parts if part]
        return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def _count_label(count: int, noun: str) -> str:
    if count == 0:
        return ""
    return f"its {noun}" if count == 1 else f"{count} {noun}s"


def thin_limit(suggested_minutes: float) -> int:
    """The fewest content words an answer to a question of ``suggested_minutes`` should have not to be thin."""
    return math.ceil(THIN_CONTENT_WORDS_PER_MINUTE * suggested_minutes)


def delivery(
    answer: str, seconds: float, suggested_minutes: float, status: str, *, later_parts: Sequence[TurnKind] = ()
) -> Delivery:
    """Measure the delivery of ``answer``, typed in ``seconds`` against ``suggested_minutes``.

    ``status`` is the answer's record status (see ``tui_interview.domain.sessions.records.AnswerStatus``); a question
    still ``pending`` when the loop ended counts as ``not_reached``. ``answer`` holds everything typed for the
    question; ``later_parts`` says which exchanges after the first answer it includes.
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
    count = words_in(answer)
    result = Delivery(
        outcome=outcome,
        words=count,
        content_words=_content_words(words),
        later_parts=tuple(later_parts),
        fillers=fillers.total(),
        hedges=hedges.total(),
        filler_per_100=_per_100(fillers.total(), count),
        hedge_per_100=_per_100(hedges.total(), count),
        filler_counts=tuple(fillers.most_common()),
        hedge_counts=tuple(hedges.most_common()),
        seconds=seconds,
        suggested_seconds=suggested,
        time_ratio=seconds / suggested,
        words_per_minute=count / (seconds / 60) if seconds > 0 else None,
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


_NOT_CONTENT: Final = frozenset(word for phrase in (*FILLER_PHRASES, *HEDGE_PHRASES) for word in phrase.split())


def _content_words(words: list[str]) -> int:
    return sum(1 for word in words if not is_function_word(word) and word not in _NOT_CONTENT)


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
    limit = thin_limit(figures.suggested_seconds / 60)
    if figures.outcome == "answered" and figures.content_words < limit:
        notes.append(
            f"Only {figures.content_words} content words (not counting words like 'the', 'is' or 'we'); a "
            f"question of {figures.suggested_seconds / 60:g} minutes calls for at least {limit}, so the answer may "
            "be thin. Say what you would check, do and measure."
        )
    return replace(figures, notes=tuple(notes))
