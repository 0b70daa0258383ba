"""The help screen (F1 or ?): what the screen underneath is for and its keys."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

GENERAL = (
    "tui-interview rehearses an interview loop: recruiter screen, technical assessment, scenario round and "
    "behavioral interview. Each stage has its own interviewer and countdown. Everything you type is saved every "
    "few seconds and after every answer, so a closed terminal loses at most a few seconds. Questions you "
    "answered poorly come back on a review schedule: when some are due, the home menu offers them (d). "
    "Study the pack (b) lets you read any question, its talking points and model answer outside a session."
)
CLOSE_HINT = "Esc or F1 to close"

KEY_NAMES = {"question_mark": "?", "escape": "Esc", "enter": "Enter", "space": "Space"}


def _key_label(keys: str) -> str:
    labels = []
    for key in keys.split(","):
        key = key.strip()
        if key in KEY_NAMES:
            labels.append(KEY_NAMES[key])
        elif key.startswith("ctrl+"):
            labels.append("Ctrl+" + key.removeprefix("ctrl+").capitalize())  # Ctrl+S, Ctrl+Up
        else:
            labels.append(key.upper() if key.startswith("f") and key[1:].isdigit() else key)
    return " / ".join(labels)


def bindings_table(screen: Screen[object]) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold")
    table.add_column()
    seen: set[str] = set()
    for binding in [*getattr(screen, "BINDINGS", []), *getattr(screen.app, "BINDINGS", [])]:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        names = {binding.description, *(key.strip() for key in binding.key.split(","))}
        if names & seen:
            continue  # said already, or a key the screen binds, which hides the app's (Ctrl+P pauses a stage)
        seen.update(names)
        table.add_row(_key_label(binding.key), Text(binding.description))
    table.add_row("Tab / Shift+Tab", "Move between parts of the screen")
    return table


class HelpScreen(ModalScreen[None]):
    """Keys and a short guide for the screen it was opened from."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,f1,q,question_mark", "close", "Close")]

    def __init__(self, underneath: Screen[object]) -> None:
        super().__init__()
        self.underneath = underneath

    def compose(self) -> ComposeResult:
        guide = getattr(self.underneath, "HELP", "")
        with VerticalScroll(classes="dialog", id="help") as dialog:  # a long help scrolls inside its frame
            dialog.border_subtitle = CLOSE_HINT  # on the frame: always in view, however long the help
            yield Static("Help", classes="dialog-title")
            yield Static(Text(guide or GENERAL))
            yield Static(Text("\nKeys", style="bold"))
            yield Static(bindings_table(self.underneath))

    def action_close(self) -> None:
        self.dismiss(None)
