"""Scores over time on a fixed 0-100% scale: one row per area, every name in full, the values beside.

A row with several scores draws one column per session (the oldest on the left), each as tall as its score
against a track that stands for 100%, then ``first → latest``. A row with a single score draws a bar as long
as that score. Unlike a sparkline, which stretches its series between its own minimum and maximum, nothing
here fills the row unless the score is 100%.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from tui_interview.domain.formatting import bar, percent

HEIGHTS = " ▁▂▃▄▅▆▇█"
"""A column's block for 0, 1/8 … 8/8 of the scale."""
MAX_COLUMN_WIDTH = 4
"""Cells per session in a multi-session row, when there is room; one cell each when the sessions are many."""
MAX_CHART_WIDTH = 40
"""The chart's cells at most, so that the values stay beside it on a wide screen."""
BAR_WIDTH = 20
"""A single score's bar, when there is room: 5% a cell."""
VALUE_WIDTH = len("100% → 100%")
GAP = 2
MIN_LABEL = 12
MIN_CHART = 10


@dataclass(frozen=True)
class TrendRow:
    """One line of the chart: what it measures and its scores from 0 to 1, oldest first."""

    label: str
    scores: tuple[float, ...]


class ScoreTrend(Widget):
    """Scores per session on a fixed 0-100% scale, one labelled row per area (see the module docstring)."""

    DEFAULT_CSS = """
    ScoreTrend {
        height: auto;
        padding: 0 1;

        & > .score-trend--track {
            background: $panel;
            color: $accent;
        }

        & > .score-trend--value {
            text-style: bold;
        }
    }
    """
    COMPONENT_CLASSES = {"score-trend--track", "score-trend--value"}

    rows: reactive[tuple[TrendRow, ...]] = reactive((), layout=True)

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.content_size.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:  # noqa: ARG002
        return len(self._lines(width))

    def _lines(self, width: int) -> list[Text]:
        if not self.rows:
            return []
        longest = max(len(row.label) for row in self.rows)
        label_width = max(MIN_LABEL, min(longest, width - VALUE_WIDTH - MIN_CHART - 2 * GAP))
        needed = max(len(row.scores) * MAX_COLUMN_WIDTH if len(row.scores) > 1 else BAR_WIDTH for row in self.rows)
        room = max(width - label_width - VALUE_WIDTH - 2 * GAP, MAX_COLUMN_WIDTH)
        chart_width = min(room, needed, MAX_CHART_WIDTH)
        lines: list[Text] = []
        for row in self.rows:
            label_lines = textwrap.wrap(row.label, label_width) or [""]  # wrapped, never cut
            first = Text(label_lines[0].ljust(label_width + GAP))
            first.append_text(self._chart(row.scores, chart_width))
            first.append(" " * GAP)
            first.append(self._value(row.scores), self.get_component_rich_style("score-trend--value"))
            lines.append(first)
            lines += [Text(more) for more in label_lines[1:]]
        return lines

    def _chart(self, scores: tuple[float, ...], width: int) -> Text:
        track = self.get_component_rich_style("score-trend--track")
        if len(scores) == 1:
            return Text(bar(scores[0], width), style=track)
        column_width = max(1, min(MAX_COLUMN_WIDTH, width // len(scores)))
        shown = scores[-(width // column_width) :]  # the latest sessions that fit
        columns = "".join(HEIGHTS[round(max(0.0, min(score, 1.0)) * 8)] * column_width for score in shown)
        return Text.assemble((columns, track), " " * (width - len(columns)))

    @staticmethod
    def _value(scores: tuple[float, ...]) -> str:
        if len(scores) == 1:
            return percent(scores[0]).rjust(len("100%"))
        return f"{percent(scores[0]):>4} → {percent(scores[-1])}"
