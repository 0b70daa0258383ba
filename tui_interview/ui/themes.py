"""Light or dark: the counterpart of a theme, so that "Toggle light / dark" keeps its family where it has one."""

from __future__ import annotations

from collections.abc import Mapping

FALLBACK = {True: "textual-light", False: "textual-dark"}
"""The counterpart of a theme with no light (or dark) sibling, by whether the theme is dark."""
FAMILY_PREFIX = 4
"""Names sharing at least this many leading characters are one family (``solarized-``, ``catppuccin-``)."""


def light_dark_counterpart(current: str, themes: Mapping[str, bool], previous: str | None = None) -> str:
    """The theme to switch to from ``current`` (``themes``: every theme's name and whether it is dark).

    ``previous``, the theme before the last switch, wins when it is of the other kind (toggling twice comes
    back); else the sibling of the other kind whose name shares the longest beginning with ``current``
    (``solarized-dark`` and ``solarized-light``, ``catppuccin-mocha`` and ``catppuccin-latte``); else
    Textual's own light or dark theme.
    """
    dark = themes.get(current, True)
    others = sorted(name for name, is_dark in themes.items() if is_dark != dark)
    if previous in others:
        return previous
    best = max(others, key=lambda name: (_shared_start(name, current), -len(name)), default=None)
    if best is not None and _shared_start(best, current) >= FAMILY_PREFIX:
        return best
    return FALLBACK[dark]


def _shared_start(first: str, second: str) -> int:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length
