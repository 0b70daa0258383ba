"""Formatting figures for display."""

from __future__ import annotations


def minutes_label(minutes: float) -> str:
    """``45 min`` or ``1 h 15 min``."""
    whole = round(minutes)
    hours, rest = divmod(whole, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    if hours:
        return f"{hours} h"
    return f"{whole} min"


def duration_label(seconds: float) -> str:
    """``m:ss`` for durations such as time spent on an answer."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def format_mmss(seconds: float) -> str:
    """``mm:ss`` (``h:mm:ss`` from an hour), rounding up so that 00:00 means time is really up."""
    whole = int(-(-seconds // 1))
    hours, rest = divmod(whole, 3600)
    if hours:
        return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
    return f"{rest // 60:02d}:{rest % 60:02d}"


def reflow(text: str) -> str:
    """Join hard-wrapped lines into paragraphs; keep blank lines and list items (``- ``, ``* ``, ``1. ``)."""
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in text.strip().splitlines():
        line = raw.strip()
        starts_item = line[:2] in ("- ", "* ") or (line[:1].isdigit() and ". " in line[:4])
        if not line or starts_item:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            if not line:
                paragraphs.append("")
                continue
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs)


def percent(value: float) -> str:
    """A share from 0 to 1 as a whole percentage: ``0.456`` is ``46%``."""
    return f"{value:.0%}"


def bar(value: float, width: int = 10) -> str:
    """A share from 0 to 1 as a bar of ``width`` cells, filled ``█`` and empty ``░``."""
    filled = max(0, min(width, round(value * width)))
    return "█" * filled + "░" * (width - filled)
