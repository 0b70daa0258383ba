"""Plain-text lines describing an answer's delivery and, for behavioral answers, its STAR structure.

Shared by the report screen and the exports so both say the same thing.
"""

from __future__ import annotations

from tui_interview.domain.formatting import plural
from tui_interview.domain.grading.delivery import Delivery
from tui_interview.domain.grading.star import StarAnalysis

STAR_NAMES = {"situation": "situation", "task": "task", "action": "your actions", "result": "result"}


def delivery_lines(delivery: Delivery) -> list[str]:
    """Words, pace, filler and hedge rates and time against the suggestion, then the grader's notes."""
    words = plural(delivery.words, "word")
    figures = [f"{words} in all ({delivery.counted})" if delivery.later_parts else words]
    if delivery.words_per_minute is not None:
        figures.append(f"{delivery.words_per_minute:.0f} words/min")
    figures.append(f"fillers {delivery.filler_per_100:.1f} per 100 words")
    figures.append(f"hedges {delivery.hedge_per_100:.1f} per 100 words")
    figures.append(f"time {delivery.time_ratio:.0%} of the suggested")
    return ["Delivery: " + ", ".join(figures) + f" ({delivery.outcome.replace('_', ' ')})", *delivery.notes]


def times(count: int) -> str:
    """How often, in words: "once", "twice", "3 times" (and "0 times")."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def star_lines(star: StarAnalysis) -> list[str]:
    """Which STAR parts are there, which are missing, I against we, and whether the result is measurable."""
    present = ", ".join(STAR_NAMES.get(part, part) for part in star.present) or "none"
    lines = [f"STAR: has {present}"]
    if star.missing:
        lines[0] += "; missing " + ", ".join(STAR_NAMES.get(part, part) for part in star.missing)
    lines.append(f'"I" {times(star.i_count)}, "we" {times(star.we_count)}')
    lines.append(
        "Result is measurable: " + ", ".join(star.result_figures)
        if star.measurable_result
        else "Result has no figure: add a number (time saved, error rate, cost, users)"
    )
    return [*lines, *star.notes]


def how_said_lines(delivery: Delivery | None, star: StarAnalysis | None) -> list[str]:
    """The delivery lines, then the STAR lines; none for an answer with nothing typed (skipped, not reached):
    there is nothing to say of how nothing was said."""
    if delivery is None or not delivery.words:
        return []
    return [*delivery_lines(delivery), *(star_lines(star) if star else [])]
