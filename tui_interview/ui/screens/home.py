"""The home screen: the four things a candidate can do."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

Choice = Literal["loop", "practice", "due", "history", "quit"]

MENU: list[tuple[Choice, str, str]] = [
    ("loop", "Full loop", "every stage in order, then a report"),
    ("practice", "Practice", "a stage, or areas and kinds you pick"),
    ("history", "History", "past sessions and their reports"),
    ("quit", "Quit", ""),
]


class HomeScreen(Screen[None]):
    """Full loop · Practice a stage · History · Quit."""

    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("l", "choose('loop')", "Full loop"),
        Binding("p", "choose('practice')", "Practice"),
        Binding("d", "choose('due')", "Due", show=False),
        Binding("h", "choose('history')", "History"),
        Binding("q", "choose('quit')", "Quit", show=False),
    ]

    due_count: var[int] = var(0, init=False)
    """Questions due for review, known once the saved sessions have been read; the menu offers them if any."""

    class Selected(Message):
        def __init__(self, choice: Choice) -> None:
            super().__init__()
            self.choice = choice

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static("tui-interview", id="home-title")
            yield Static("Rehearse an interview loop alone, offline, at the keyboard.", id="home-tagline")
            yield OptionList(*self._options(), id="home-menu")
            yield Static("↑↓ to move · Enter to choose · F1 for help", classes="hint")
        yield Footer()

    @staticmethod
    def _option(choice: Choice, title: str, hint: str) -> Option:
        label = f"{title:<20} {hint}" if hint else title
        return Option(label, id=choice)

    def watch_due_count(self) -> None:
        menu = self.query_one("#home-menu", OptionList)
        highlighted = menu.highlighted
        menu.set_options(self._options())
        menu.highlighted = highlighted

    def _options(self) -> list[Option]:
        entries = list(MENU)
        if self.due_count:
            entries.insert(2, ("due", f"Due for review ({self.due_count})", "weak questions coming back"))
        return [self._option(choice, title, hint) for choice, title, hint in entries]

    @on(OptionList.OptionSelected, "#home-menu")
    def choose_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.action_choose(event.option_id)

    def action_choose(self, choice: str) -> None:
        self.post_message(self.Selected(choice))  # type: ignore[arg-type]  # ids come from MENU
