"""The one place the app is built (for the command line, the tests and the snapshots) and run in the terminal."""

from __future__ import annotations

from datetime import datetime

from tui_interview.domain.sessions.clock import Clock, WallClock, system_clock
from tui_interview.domain.settings import Settings
from tui_interview.domain.workspace import Workspace
from tui_interview.ui.app import InterviewApp


def local_now() -> datetime:
    return datetime.now().astimezone()


def build_app(
    settings: Settings | None = None,
    *,
    workspace: Workspace | None = None,
    clock: Clock = system_clock,
    now: WallClock = local_now,
    tick_seconds: float = 0.5,
) -> InterviewApp:
    """The app for ``settings`` (or an already loaded ``workspace``). Tests pass a fake ``clock`` and ``now``."""
    workspace = workspace or Workspace(settings or Settings())
    return InterviewApp(workspace, clock=clock, now=now, tick_seconds=tick_seconds)


def run_app(workspace: Workspace) -> int:
    """Build the app for ``workspace``, run it in this terminal until it quits, and return its exit status."""
    app = build_app(workspace=workspace)
    app.run()
    return app.return_code or 0
