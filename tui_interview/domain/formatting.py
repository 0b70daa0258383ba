"""Formatting figures for display."""

from __future__ import annotations

import re
from typing import Final


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


_CONTROL_RE: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _control_picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, the Control Pictures block
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # a C1 control (0x80-0x9f): no picture, the replacement character


def escape_control_characters(text: str) -> str:
    """``text`` safe to write to a terminal or an export: control characters shown, never obeyed.

    Line endings become ``\\n`` (CRLF and a lone CR alike) and tabs stay; every other C0 control, DEL and
    every C1 control is replaced by a visible stand-in (ESC by ``␛``, NUL by ``␀``, C1 by ``�``), so text from
    a pack or an answer can never send an escape sequence (colours, titles, OSC links, cursor moves).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_RE.sub(_control_picture, text)
