"""The candidate view as an app of its own (``tui-interview follow``): one read-only screen, nothing else.

Not a mode of the main app: from a second terminal, or a browser (``tui-interview serve follow``), the candidate
must not reach the home screen, the history or the reports, and nothing here takes a session's lock.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from tui_interview.domain.sessions.clock import WallClock
from tui_interview.domain.ui_settings import UiSettings
from tui_interview.ui.screens.follow import FollowScreen


class FollowApp(App[int]):
    """Follow the session saved in ``path``, as the interviewer's window saves it."""

    CSS_PATH = "app.tcss"
    TITLE = "tui-interview follow"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, path: Path, *, now: WallClock, ui: UiSettings | None = None) -> None:
        super().__init__()
        self.path = path
        self.now = now
        self.ui = ui or UiSettings()

    def on_mount(self) -> None:
        theme = self.ui.theme
        if theme is not None and theme in self.available_themes:  # the theme the main app uses; never saved here
            self.theme = theme
        self.push_screen(FollowScreen(self.path, self.now))
