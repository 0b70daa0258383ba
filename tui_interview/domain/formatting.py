"""Formatting figures for display.

Durations have one format everywhere (:func:`clock_label`): ``m:ss``, from an hour ``h:mm:ss``, whether
measured (time used, paused, spent on an answer) or counted down, and the limit they are set against. A length
that is planned in whole minutes and shown on its own (a stage's time in the plan, a question's suggested
time) reads ``45 min`` or ``1 h 15 min`` (:func:`minutes_label`).
"""

from __future__ import annotations

import json
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


def clock_label(seconds: float, *, round_up: bool = False) -> str:
    """The one format of a duration on screen and in exports: ``m:ss``, from an hour ``h:mm:ss``.

    ``0:31``, ``3:06``, ``20:00``, ``2:05:00``. Rounded to the nearest second, or up with ``round_up``
    (a countdown, so that ``0:00`` means the time is really up).
    """
    whole = int(-(-seconds // 1)) if round_up else round(seconds)
    hours, rest = divmod(max(whole, 0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def duration_label(seconds: float) -> str:
    """Time spent (on an answer, in pauses) in the clock format of :func:`clock_label`."""
    return clock_label(seconds)


def format_mmss(seconds: float) -> str:
    """Time used, time left and time limits in the clock format of :func:`clock_label`, rounded up."""
    return clock_label(seconds, round_up=True)


def reflow(text: str) -> str:
    """Join hard-wrapped lines into paragraphs; keep blank lines, list items (``- ``, ``* ``, ``1. ``) and
    fenced code blocks (lines between ````` ``` ````` or ``~~~`` fences stay exactly as written)."""
    paragraphs: list[str] = []
    current: list[str] = []
    fence = ""
    for raw in text.strip().splitlines():
        line = raw.strip()
        if fence or line.startswith(("```", "~~~")):
            if current:
                paragraphs.append(" ".join(current))
                current = []
            paragraphs.append(raw.rstrip() if fence else line)
            if not fence:
                fence = line[:3]
            elif line.startswith(fence) and not line.strip(fence[0]):
                fence = ""
            continue
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


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``count`` and ``noun`` agreeing: ``1 problem``, ``2 problems``, ``0 problems``; an irregular plural
    (``plural(2, "story", "stories")``) is given as ``plural_form``."""
    return f"{count} {noun if count == 1 else plural_form or noun + 's'}"


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


_RAW_IN_JSON: Final = re.compile("[\x7f-\x9f]")
"""DEL and the C1 controls, which ``json.dumps(ensure_ascii=False)`` leaves raw (it escapes C0 itself)."""


def json_text(value: object, *, indent: int | None = 2, ensure_ascii: bool = True) -> str:
    """``value`` as JSON that is always valid (no NaN) and holds no raw control character."""
    text = json.dumps(value, indent=indent, ensure_ascii=ensure_ascii, allow_nan=False)
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
