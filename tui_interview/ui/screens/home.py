"""The home screen: the four things a candidate can do, and the questions due for review when there are some."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

Choice = Literal["loop", "practice", "interview", "due", "browse", "history", "stories", "targets", "quit"]

MENU: list[tuple[Choice, str, str]] = [
    ("loop", "Full loop", "every stage in order, then a report"),
    ("practice", "Practice", "a stage, or areas and kinds you pick"),
    ("interview", "Mock interview", "a peer runs the loop: ticks what you say, rates, decides"),
    ("browse", "Study the pack", "read questions, points and model answers"),
    ("history", "History", "past sessions and their reports"),
    ("stories", "Stories", "STAR stories, and the questions they fit"),
    ("targets", "Target", "your target companies, one active"),
    ("quit", "Quit", ""),
]
DUE_HINT = "weak questions coming back"
LABEL_WIDTH = 20
"""The menu's label column; the descriptions wrap in their own column, never under the labels."""


@dataclass(frozen=True)
class MenuEntry:
    """A line of the menu: its label, and its description wrapping in a column of its own."""

    title: str
    hint: str

    def __rich__(self) -> Table:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=LABEL_WIDTH, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(self.title), Text(self.hint))
        return grid

    def __str__(self) -> str:
        return f"{self.title}  {self.hint}".rstrip()


class HomeScreen(Screen[None]):
    """Full loop · Practice a stage · Due for review (when any is) · History · Quit."""

    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("l", "choose('loop')", "Full loop"),
        Binding("p", "choose('practice')", "Practice"),
        Binding("i", "choose('interview')", "Mock interview", show=False),
        Binding("d", "choose('due')", "Review due"),
        Binding("b", "choose('browse')", "Study the pack", show=False),  # the footer is full at 80 columns
        Binding("h", "choose('history')", "History"),
        Binding("s", "choose('stories')", "Stories"),
        Binding("t", "choose('targets')", "Target"),
        Binding("q", "choose('quit')", "Quit", show=False),
    ]

    due_count: var[int] = var(0, init=False)
    """Questions due for review, known once the saved sessions have been read; the menu and footer offer them."""
    next_review: var[str] = var("", init=False)
    """When nothing is due: when the next review is, in words (empty: nothing scheduled, or not read yet)."""

    class Selected(Message):
        def __init__(self, choice: Choice) -> None:
            super().__init__()
            self.choice = choice

    class Shown(Message):
        """The home screen is showing again (after a session, History…): what is due may have changed."""

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static("tui-interview", id="home-title")
            yield Static("Rehearse an interview loop alone, offline, at the keyboard.", id="home-tagline")
            yield OptionList(*self._options(), id="home-menu")
            yield Static(id="home-next-review", classes="hint")
            yield Static("↑↓ to move · Enter to choose · F1 for help", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#home-next-review", Static).display = False

    def on_screen_resume(self) -> None:
        self.post_message(self.Shown())

    @staticmethod
    def _option(choice: Choice, title: str, hint: str) -> Option:
        return Option(MenuEntry(title, hint), id=choice)

    def watch_due_count(self) -> None:
        menu = self.query_one("#home-menu", OptionList)
        highlighted = menu.highlighted
        menu.set_options(self._options())
        menu.highlighted = highlighted
        self.refresh_bindings()  # d shows in the footer only while something is due
        self._show_next_review()

    def watch_next_review(self) -> None:
        self._show_next_review()

    def _show_next_review(self) -> None:
        line = self.query_one("#home-next-review", Static)
        line.display = bool(self.next_review) and not self.due_count
        line.update(Text(self.next_review))

    def _options(self) -> list[Option]:
        entries = list(MENU)
        if self.due_count:
            entries.insert(2, ("due", f"Due for review ({self.due_count})", DUE_HINT))
        return [self._option(choice, title, hint) for choice, title, hint in entries]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``d`` (Due for review) is shown and works only while questions are due."""
        if action == "choose" and parameters == ("due",):
            return self.due_count > 0
        return True

    @on(OptionList.OptionSelected, "#home-menu")
    def choose_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.action_choose(event.option_id)

    def action_choose(self, choice: str) -> None:
        self.post_message(self.Selected(choice))  # type: ignore[arg-type]  # ids come from MENU
