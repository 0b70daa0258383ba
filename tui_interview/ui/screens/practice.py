"""Choosing one stage to practise on its own."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui_interview.domain.formatting import minutes_label
from tui_interview.domain.stages import StageSpec


class PracticeScreen(Screen[None]):
    """A list of stages; Enter starts the chosen one with a fresh draw."""

    CSS_PATH = "practice.tcss"
    HELP = "Practise one stage alone: the same interviewer, countdown and kinds of question as in a full loop."
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    class Chosen(Message):
        def __init__(self, stage_id: str) -> None:
            super().__init__()
            self.stage_id = stage_id

    def __init__(self, stages: list[StageSpec]) -> None:
        super().__init__()
        self.stages = stages

    def compose(self) -> ComposeResult:
        with Vertical(id="practice"):
            yield Static("Practice a stage", classes="screen-title")
            yield Static("Choose a stage and press Enter. Esc goes back.", classes="hint")
            yield OptionList(*(self._option(stage) for stage in self.stages), id="practice-stages")
        yield Footer()

    @staticmethod
    def _option(stage: StageSpec) -> Option:
        label = Text(stage.title, style="bold")
        label.append(f"\n{stage.questions} questions · {minutes_label(stage.minutes)} · ", style="dim")
        label.append(", ".join(stage.draw.kinds), style="dim")
        label.append(f"\nwith {stage.interviewer.name}, {stage.interviewer.role}", style="dim")
        return Option(label, id=stage.id)

    @on(OptionList.OptionSelected, "#practice-stages")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.post_message(self.Chosen(event.option_id))
