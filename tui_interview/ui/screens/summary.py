"""Between stages: how the stage went, and what comes next."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui_interview.domain.formatting import duration_label, format_mmss, minutes_label
from tui_interview.domain.sessions.clock import Clock, system_clock
from tui_interview.domain.sessions.records import StageRecord
from tui_interview.domain.sessions.run import StageTally

TIME_UP_HOLD_SECONDS = 1.0
"""After time ran out, keys are ignored this long: the candidate may still be typing when the summary comes."""


class SummaryScreen(Screen[None]):
    """A short stage summary; Enter (only Enter: Space is typed too often) continues to the next stage or the report.

    When the stage ended because time ran out, it says so and ignores every key for
    :data:`TIME_UP_HOLD_SECONDS` on the session clock, so the rest of a sentence typed through the end of
    the stage cannot leave the summary unseen.
    """

    CSS_PATH = "summary.tcss"
    HELP = (
        "The stage is over. Your answers are saved. Press Enter to go on. Ctrl+Q asks before quitting; your work "
        "is saved either way. A question counts as partly answered when you skipped one of its scenario parts."
    )
    BINDINGS = [Binding("enter", "continue", "Continue", priority=True)]

    class Continue(Message):
        """The candidate is ready for what comes next."""

    def __init__(
        self,
        record: StageRecord,
        tally: StageTally,
        *,
        number: int,
        count: int,
        next_stage: StageRecord | None,
        time_up: bool = False,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__()
        self.record = record
        self.tally = tally
        self.number = number
        self.count = count
        self.next_stage = next_stage
        self.time_up = time_up
        self.clock = clock
        self.shown_at = clock()

    @property
    def holding(self) -> bool:
        """Keys are still being ignored (time ran out a moment ago)."""
        return self.time_up and self.clock() - self.shown_at < TIME_UP_HOLD_SECONDS

    def compose(self) -> ComposeResult:
        with Vertical(id="summary"):
            if self.time_up:
                yield Static(Text("Time's up. Your answer was kept as it stood."), id="time-up")
            yield Static(Text(self._title()), classes="screen-title")
            yield Static(self._figures(), id="summary-figures")
            yield Static(self._next_text(), id="summary-next")
        yield Footer()

    def _title(self) -> str:
        how = "ended: time ran out" if self.time_up else "complete"
        return f"Stage {self.number} of {self.count} {how} · {self.record.title}"

    @property
    def quit_note(self) -> str:
        """What quitting here means, for the question Ctrl+Q asks."""
        if self.next_stage is None:
            return "Everything you typed is saved, and the report is in History whenever you want it."
        return "Everything you typed is saved. Next time you start, you can resume with the next stage."

    def _figures(self) -> Table:
        tally = self.tally
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
        table.add_column(style="bold")
        table.add_column()
        table.add_row("Time used", f"{format_mmss(tally.seconds_used)} of {format_mmss(tally.limit_seconds)}")
        partly = f" ({tally.partly_answered} partly: a scenario part skipped)" if tally.partly_answered else ""
        table.add_row("Answered", f"{tally.answered}{partly}")
        table.add_row("Skipped", str(tally.skipped))
        table.add_row("Time up", str(tally.time_up))
        table.add_row("Not reached", str(tally.not_reached))
        paused = sum(p.duration_seconds for p in self.record.pauses)
        table.add_row("Pauses", f"{tally.pauses} ({duration_label(paused)} in all)" if tally.pauses else "none")
        return table

    def _next_text(self) -> Text:
        following = self.next_stage
        if following is None:
            return Text("That was the last stage. Press Enter to see your report.", style="bold")
        text = Text("Next: ", style="bold")
        text.append(f"{following.title} with {following.interviewer_name}, {following.interviewer_role}")
        text.append(f" — {minutes_label(following.minutes)}, {len(following.answers)} questions.")
        text.append("\nPress Enter when you are ready.", style="bold")
        return text

    def on_mount(self) -> None:
        self.shown_at = self.clock()

    def on_key(self, event: events.Key) -> None:
        if self.holding:  # not even F1 or ?: the candidate was typing an answer
            event.stop()
            event.prevent_default()

    def action_continue(self) -> None:
        if not self.holding:
            self.post_message(self.Continue())
