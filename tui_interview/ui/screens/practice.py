"""Setting up a practice session: a stage's rules, or areas, kinds and level chosen directly."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.validation import Integer, Number
from textual.widgets import Button, Footer, Input, Label, Select, Static
from textual.widgets.selection_list import Selection

from tui_interview.domain.bank.pack import Pack
from tui_interview.domain.bank.stages import StageSpec
from tui_interview.domain.formatting import minutes_label
from tui_interview.domain.settings import PracticeChoice
from tui_interview.domain.vocabulary import KINDS, LEVELS
from tui_interview.ui.widgets.tick_list import TickList

DUE_FIRST = "due-first"
ALOUD = "aloud"


class PracticeScreen(Screen[None]):
    """Choose what to practise; Ctrl+S (or the Start button) starts with a fresh draw."""

    CSS_PATH = "practice.tcss"
    AUTO_FOCUS = "#practice-stage"
    HELP = (
        "Practise with a stage's rules, or choose areas, kinds and a level yourself (leave a list empty for "
        "any; [x] marks a ticked row). Set how many questions and, if you like, how many minutes (empty: the "
        "questions' suggested time). 'Due questions first' brings back "
        "questions your review schedule says are due; 'Answer out loud' has you speak each answer, then "
        "tick what you said. After each answer you see what you covered and missed, "
        "the model answer, and can rate yourself 1-4."
    )
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+s", "start", "Start"),
    ]

    class Chosen(Message):
        def __init__(self, choice: PracticeChoice) -> None:
            super().__init__()
            self.choice = choice

    def __init__(self, stages: list[StageSpec], pack: Pack) -> None:
        super().__init__()
        self.stages = stages
        self.pack = pack

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="practice"):  # it fits 80x24; the page scrolls only in a smaller terminal
            yield Static("Practice", classes="screen-title")
            yield Static("Tab moves between fields · Space ticks · Ctrl+S starts · Esc goes back", classes="hint")
            with Horizontal(id="practice-stage-row"):
                yield Label("Stage rules", classes="inline-label")
                yield Select(
                    [(self._stage_label(stage), stage.id) for stage in self.stages],
                    prompt="None: choose below",
                    id="practice-stage",
                )
            with Horizontal(id="practice-lists"):
                with Vertical(classes="field", id="practice-areas-field"):
                    yield Label("Areas (none ticked: any)")
                    yield TickList[str](
                        *(Selection(Text(area.title), area.id) for area in self.pack.info.areas),
                        id="practice-areas",
                    )
                with Vertical(classes="field", id="practice-kinds-field"):
                    yield Label("Kinds (none: any)")
                    yield TickList[str](*(Selection[str](kind, kind) for kind in KINDS), id="practice-kinds")
            with Horizontal(id="practice-numbers"):
                with Vertical(classes="field"):
                    yield Label("Level")
                    yield Select([(level, level) for level in LEVELS], prompt="Any", id="practice-level")
                with Vertical(classes="field", id="practice-count-field"):
                    yield Label("Questions")
                    yield Input("3", id="practice-count", validators=[Integer(minimum=1, maximum=20)])
                with Vertical(classes="field"):
                    yield Label("Minutes (empty: auto)")
                    yield Input(id="practice-minutes", validators=[Number(minimum=1, maximum=240)])
            with Horizontal(id="practice-actions"):
                yield TickList[str](Selection[str]("Due questions first", DUE_FIRST), id="practice-due")
                yield TickList[str](Selection[str]("Answer out loud", ALOUD), id="practice-aloud")
                yield Button("Start practice (Ctrl+S)", id="practice-start", variant="primary")
        yield Footer()

    @staticmethod
    def _stage_label(stage: StageSpec) -> str:
        return f"{stage.title}: {stage.questions} questions, {minutes_label(stage.minutes)}"

    @on(Select.Changed, "#practice-stage")
    def suggest_count(self, event: Select.Changed) -> None:
        stage = next((s for s in self.stages if s.id == event.value), None)
        count = self.query_one("#practice-count", Input)
        count.value = str(stage.questions) if stage else "3"

    @on(Button.Pressed, "#practice-start")
    def action_start(self) -> None:
        choice = self.choice()
        if choice is not None:
            self.post_message(self.Chosen(choice))

    def choice(self) -> PracticeChoice | None:
        """What the form says, or None (with a notification) when a number is not valid."""
        count_input = self.query_one("#practice-count", Input)
        minutes_input = self.query_one("#practice-minutes", Input)
        for field in (count_input, minutes_input):
            if field.value.strip() and not field.validate(field.value).is_valid:  # type: ignore[union-attr]
                self.notify(f"Check the value {field.value!r}.", severity="error")
                field.focus()
                return None
        stage = self.query_one("#practice-stage", Select).value
        level = self.query_one("#practice-level", Select).value
        return PracticeChoice(
            stage=stage if isinstance(stage, str) else None,
            areas=tuple(self.query_one("#practice-areas", TickList).selected),
            kinds=tuple(self.query_one("#practice-kinds", TickList).selected),
            levels=(level,) if isinstance(level, str) else (),
            count=int(count_input.value) if count_input.value.strip() else None,
            minutes=float(minutes_input.value) if minutes_input.value.strip() else None,
            due_first=DUE_FIRST in self.query_one("#practice-due", TickList).selected,
            aloud=ALOUD in self.query_one("#practice-aloud", TickList).selected,
        )
