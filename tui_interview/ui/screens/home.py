"""The home screen: the four things a candidate can do."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

Choice = Literal["loop", "practice", "history", "quit"]

MENU: list[tuple[Choice, str, str]] = [
    ("loop", "Full loop", "every stage in order, then a report"),
    ("practice", "Practice a stage", "one stage on its own"),
    ("history", "History", "past sessions and their reports"),
    ("quit", "Quit", ""),
]


class HomeScreen(Screen[None]):
    """Full loop · Practice a stage · History · Quit."""

    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("l", "choose('loop')", "Full loop"),
        Binding("p", "choose('practice')", "Practice"),
        Binding("h", "choose('history')", "History"),
        Binding("q", "choose('quit')", "Quit", show=False),
    ]

    class Selected(Message):
        def __init__(self, choice: Choice) -> None:
            super().__init__()
            self.choice = choice

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static("tui-interview", id="home-title")
            yield Static("Rehearse an interview loop alone, offline, at the keyboard.", id="home-tagline")
            yield OptionList(*(self._option(choice, title, hint) for choice, title, hint in MENU), id="home-menu")
            yield Static("↑↓ to move · Enter to choose · F1 for help", classes="hint")
        yield Footer()

    @staticmethod
    def _option(choice: Choice, title: str, hint: str) -> Option:
        label = f"{title:<18} {hint}" if hint else title
        return Option(label, id=choice)

    @on(OptionList.OptionSelected, "#home-menu")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.action_choose(event.option_id)

    def action_choose(self, choice: str) -> None:
        self.post_message(self.Selected(choice))  # type: ignore[arg-type]  # ids come from MENU
