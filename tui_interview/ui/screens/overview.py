"""The loop overview: the stages ahead, who runs them, how long they take."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui_interview.domain.formatting import minutes_label
from tui_interview.domain.planning.draw import LoopPlan


class OverviewScreen(Screen[None]):
    """Shows the drawn loop; Enter starts it."""

    CSS_PATH = "overview.tcss"
    HELP = (
        "The loop ahead: each stage is timed separately and run by its own interviewer. "
        "The seed identifies this draw: `tui-interview loop --seed N` draws the same questions again."
    )
    BINDINGS = [
        Binding("enter", "start", "Start the loop", priority=True),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    class Start(Message):
        def __init__(self, plan: LoopPlan) -> None:
            super().__init__()
            self.plan = plan

    def __init__(self, plan: LoopPlan, title: str) -> None:
        super().__init__()
        self.plan = plan
        self.loop_title = title

    def compose(self) -> ComposeResult:
        total = sum(stage_plan.stage.minutes for stage_plan in self.plan.stages)
        level = f" · for {self.plan.level} level" if self.plan.level else ""
        with Vertical(id="overview"):
            yield Static(Text(self.loop_title), classes="screen-title")
            yield Static(
                Text(f"{len(self.plan.stages)} stages · {minutes_label(total)} in all · seed {self.plan.seed}{level}"),
                classes="hint",
            )
            if self.plan.target is not None:
                yield Static(Text(f"Target: {self.plan.target.label}"), id="overview-target", classes="hint")
            yield Static(self._table(), id="overview-table")
            yield Static(
                "Each stage starts its own countdown. Pause with Ctrl+P if you are interrupted.",
                classes="hint",
            )
            yield Static("Press Enter to start the first stage, Esc to go back.", id="overview-start")
        yield Footer()

    def _table(self) -> Table:
        table = Table(expand=True, box=None, padding=(0, 1), header_style="bold")
        table.add_column("#", width=2)
        table.add_column("Stage", ratio=3)
        table.add_column("Interviewer", ratio=4)
        table.add_column("Time", justify="right", width=7)
        table.add_column("Qs", justify="right", width=3)
        for number, stage_plan in enumerate(self.plan.stages, start=1):
            stage = stage_plan.stage
            interviewer = Text(stage.interviewer.name)
            interviewer.append(f"\n{stage.interviewer.role}", style="dim")
            table.add_row(
                str(number), Text(stage.title), interviewer, minutes_label(stage.minutes), str(stage.questions)
            )
        return table

    def action_start(self) -> None:
        self.post_message(self.Start(self.plan))
