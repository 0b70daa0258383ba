"""Isolation for every test: no user data, no rendering-affecting environment, a fixed clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import SHIPPED_STAGES, TEST_PACK, AppMaker, FollowingWallClock
from tui_interview.app_factory import build_app
from tui_interview.domain.config import JUDGE_VARIABLES
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.settings import PracticeChoice, Settings, StartScreen
from tui_interview.ui.app import InterviewApp


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the developer's data, theme and colour settings out of every test."""
    home = tmp_path / "home"
    monkeypatch.setenv("TUI_INTERVIEW_HOME", str(home))
    monkeypatch.setenv("TUI_INTERVIEW_CONFIG", str(tmp_path / "no-config.toml"))  # no judge unless a test sets one
    for variable in JUDGE_VARIABLES.values():
        monkeypatch.delenv(variable, raising=False)
    for variable in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL", "TEXTUAL_DRIVER", "FORCE_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    return home


@pytest.fixture
def data_home(isolated_environment: Path) -> Path:
    return isolated_environment


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_app(fake_clock: FakeClock, data_home: Path) -> AppMaker:
    """Build the app exactly as the CLI does, on the test pack, a fake clock and a temp data folder."""

    def make(
        *, start: StartScreen = "home", seed: int | None = 42, practice: PracticeChoice | None = None
    ) -> InterviewApp:
        settings = Settings(
            pack_path=TEST_PACK,
            stages_path=SHIPPED_STAGES,
            data_home=data_home,
            seed=seed,
            use_history=False,
            start=start,
            practice=practice,
        )
        app = build_app(settings, clock=fake_clock, now=FollowingWallClock(fake_clock), tick_seconds=3600)
        app.animation_level = "none"
        return app

    return make
