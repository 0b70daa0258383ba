"""One thing rated 1-4 on a labelled scale, in one line: ``Technical ability  1 strong no  2 lean no  [3 lean yes]…``.

Focused, the keys 1-4 rate, ← → step, 0 or Backspace clears. The level chosen reads ``[3 lean yes]`` in plain text
as well as highlighted, so it is not told by colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

TITLE_WIDTH = 18
"""The column the title takes ("Problem solving" and a margin), so that the scales of several rows line up."""


class RatingRow(Widget, can_focus=True):
    """A title and a 1-4 scale; ``value`` is the level chosen, None until one is."""

    DEFAULT_CSS = """
    RatingRow {
        height: 1;
        padding: 0 1;

        &:focus {
            background: $boost;
        }

        & > .rating-row--chosen {
            background: $accent;
            color: $text;
            text-style: bold;
        }

        & > .rating-row--title {
            text-style: bold;
        }
    }
    """
    COMPONENT_CLASSES = {"rating-row--chosen", "rating-row--title"}
    BINDINGS = [
        *(Binding(str(level), f"rate({level})", show=False) for level in range(1, 5)),
        Binding("0,backspace,delete", "rate(0)", "Clear", show=False),
        Binding("left", "step(-1)", show=False),
        Binding("right", "step(1)", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        """The rating changed (None: cleared)."""

        def __init__(self, row: RatingRow, value: int | None) -> None:
            super().__init__()
            self.row = row
            self.value = value

        @property
        def control(self) -> RatingRow:
            return self.row

    def __init__(
        self,
        title: str,
        labels: Iterable[tuple[int, str]],
        *,
        value: int | None = None,
        hint: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.title = title
        self.labels = dict(labels)
        self.hint = hint
        """What to listen for, shown after the scale where the row is wide enough (else as its tooltip)."""
        self.tooltip = hint or None
        self.set_reactive(RatingRow.value, value)

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(self.title.ljust(TITLE_WIDTH), style=self.get_component_rich_style("rating-row--title"))
        chosen = self.get_component_rich_style("rating-row--chosen")
        for level, label in self.labels.items():
            if level == self.value:
                text.append(f"[{level} {label}]", style=chosen)
            else:
                text.append(f" {level} {label} ")
            text.append(" ")
        if self.hint and text.cell_len + 1 + len(self.hint) <= self.content_size.width:
            text.append(f" {self.hint}", style="dim")
        return text

    def action_rate(self, level: int) -> None:
        self.value = level or None

    def action_step(self, by: int) -> None:
        levels = sorted(self.labels)
        current = self.value if self.value is not None else (levels[0] - 1 if by > 0 else levels[-1] + 1)
        self.value = min(max(current + by, levels[0]), levels[-1])

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))
