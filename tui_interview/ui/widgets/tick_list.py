"""A selection list whose rows read ``[x] ticked`` or ``[ ] not ticked``, in plain text as well as in colour.

Textual's :class:`SelectionList` draws the same ``▐X▌`` button on every row and tells ticked from unticked by
colour alone, which is lost without colour (and in a screen reader or a copied screen).
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import SelectionList

T = TypeVar("T")

TICKED = "[x]"
UNTICKED = "[ ]"
BUTTON_WIDTH = 3
"""Cells of the button SelectionList draws before each prompt (``▐X▌``), replaced by the marks above."""


class TickList(SelectionList[T]):
    """A :class:`SelectionList` marking each row ``[x]`` or ``[ ]``; Space ticks the highlighted row."""

    DEFAULT_CSS = """
    TickList {
        & > .tick-list--ticked {
            color: $text-success;
            text-style: bold;
        }

        & > .tick-list--unticked {
            color: $text-muted;
        }
    }
    """
    COMPONENT_CLASSES = {"tick-list--ticked", "tick-list--unticked"}

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        index = self.scroll_offset.y + y
        if not 0 <= index < self.option_count or line.cell_length < BUTTON_WIDTH:
            return line
        ticked = self.get_option_at_index(index).value in self.selected
        prompt = line.crop(BUTTON_WIDTH)
        row_style = next(iter(prompt), Segment("")).style or Style()
        component = "tick-list--ticked" if ticked else "tick-list--unticked"
        mark_style = self.get_component_rich_style(component, partial=True)
        mark = Segment(TICKED if ticked else UNTICKED, row_style + mark_style + Style(meta={"option": index}))
        return Strip([mark, *prompt], line.cell_length)
