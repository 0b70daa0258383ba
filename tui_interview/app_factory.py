"""The one place the app is built (for the command line, the tests and the snapshots) and run in the terminal."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tui_interview.domain.locations import config_file
from tui_interview.domain.sessions.clock import Clock, WallClock, system_clock
from tui_interview.domain.settings import Settings
from tui_interview.domain.ui_settings import UiSettings, read_ui_settings
from tui_interview.domain.workspace import Workspace
from tui_interview.ui.app import InterviewApp

if TYPE_CHECKING:
    from tui_interview.ui.follow_app import FollowApp


def local_now() -> datetime:
    return datetime.now().astimezone()


def build_app(
    settings: Settings | None = None,
    *,
    workspace: Workspace | None = None,
    clock: Clock = system_clock,
    now: WallClock = local_now,
    tick_seconds: float = 0.5,
    config_path: Path | None = None,
) -> InterviewApp:
    """The app for ``settings`` (or an already loaded ``workspace``). Tests pass a fake ``clock`` and ``now``.

    It starts with the theme of the settings file (``config_path``, default :func:`config_file`) unless
    ``$TEXTUAL_THEME`` asks for one for this run, and saves there any theme picked in the app.
    """
    workspace = workspace or Workspace(settings or Settings())
    config_path = config_path or config_file()
    ui = read_ui_settings(config_path)
    if os.environ.get("TEXTUAL_THEME"):
        ui = UiSettings(problem=ui.problem)
    return InterviewApp(workspace, clock=clock, now=now, tick_seconds=tick_seconds, config_path=config_path, ui=ui)


def run_app(workspace: Workspace) -> int:
    """Build the app for ``workspace``, run it in this terminal until it quits, and return its exit status."""
    app = build_app(workspace=workspace)
    app.run()
    return app.return_code or 0


def build_follow_app(session_path: Path, *, now: WallClock = local_now, config_path: Path | None = None) -> FollowApp:
    """The read-only candidate view of the session saved in ``session_path``, in the settings file's theme."""
    from tui_interview.ui.follow_app import FollowApp

    return FollowApp(session_path, now=now, ui=read_ui_settings(config_path or config_file()))


def run_follow(session_path: Path) -> int:
    """Follow the session in ``session_path`` in this terminal until the candidate quits; return the exit status."""
    app = build_follow_app(session_path)
    app.run()
    return app.return_code or 0
