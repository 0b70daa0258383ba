"""The clocks in a stage's top bar: the stage countdown, and the time spent on the question showing.

Both repaint only when what they show changes (ticks come twice a second) and never re-lay out the bar:
each keeps its value in the units it shows, so an unchanged display is an unchanged reactive.
"""

from __future__ import annotations

import math

from textual.reactive import reactive
from textual.widget import Widget

from tui_interview.domain.formatting import duration_label, format_mmss, minutes_label
from tui_interview.domain.sessions.clock import TimeState


class StageClock(Widget):
    """``12:34 left`` on the stage clock: yellow from 20% of the stage's time left, red from 5%."""

    DEFAULT_CSS = """
    StageClock {
        width: 14;
        height: 1;
        text-align: right;
        text-style: bold;
        padding: 0 1;
        background: $panel;

        &.-warning {
            background: $warning-muted;
            color: $text-warning;
        }

        &.-alert {
            background: $error;
            color: $text;
            text-style: bold;
        }
    }
    """

    remaining: reactive[float] = reactive(0.0)
    """Seconds left, in whole seconds rounded up as shown: ``00:00`` means time is really up."""
    state: reactive[TimeState] = reactive(TimeState.NORMAL)

    def validate_remaining(self, seconds: float) -> float:
        return float(math.ceil(seconds))

    def watch_state(self, state: TimeState) -> None:
        self.set_class(state is TimeState.WARNING, "-warning")
        self.set_class(state in (TimeState.ALERT, TimeState.EXPIRED), "-alert")

    def render(self) -> str:
        return f"{format_mmss(self.remaining)} left"


class AnswerClock(Widget):
    """``this answer 2:05 / 6 min``: time on the question showing against its suggested time; blank before."""

    DEFAULT_CSS = """
    AnswerClock {
        width: 28;
        height: 1;
        text-align: right;
        padding: 0 1;
        color: $text-muted;
    }
    """

    spent: reactive[float | None] = reactive(None)
    """Seconds on the question, in whole seconds as shown; None until it is first shown."""
    suggested_minutes: reactive[float] = reactive(0.0)

    def validate_spent(self, seconds: float | None) -> float | None:
        return None if seconds is None else float(round(seconds))

    def render(self) -> str:
        if self.spent is None:
            return ""
        return f"this answer {duration_label(self.spent)} / {minutes_label(self.suggested_minutes)}"
