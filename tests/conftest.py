"""Isolation for every test: no user data, no rendering-affecting environment, a fixed clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tui_interview.app_factory import build_app
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.settings import Settings
from tui_interview.ui.app import InterviewApp

TESTS = Path(__file__).parent
TEST_PACK = TESTS / "data" / "pack"
REPO = TESTS.parent
SHIPPED_STAGES = REPO / "stages"
START = datetime(2026, 11, 26, 9, 30, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the developer's data, theme and colour settings out of every test."""
    home = tmp_path / "home"
    monkeypatch.setenv("TUI_INTERVIEW_HOME", str(home))
    for variable in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL", "TEXTUAL_DRIVER", "FORCE_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    return home


@pytest.fixture
def data_home(isolated_environment: Path) -> Path:
    return isolated_environment


class WallClock:
    """A wall clock that moves with a :class:`FakeClock`."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock

    def __call__(self) -> datetime:
        return START + timedelta(seconds=self.clock.now)


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


AppMaker = Callable[..., InterviewApp]


@pytest.fixture
def make_app(fake_clock: FakeClock, data_home: Path) -> Iterator[AppMaker]:
    """Build the app exactly as the CLI does, on the test pack, a fake clock and a temp data folder."""

    def make(**overrides: object) -> InterviewApp:
        values: dict[str, object] = {
            "pack_path": TEST_PACK,
            "stages_path": SHIPPED_STAGES,
            "data_home": data_home,
            "seed": 42,
            "use_history": False,
        }
        values.update(overrides)
        app = build_app(Settings(**values), clock=fake_clock, now=WallClock(fake_clock), tick_seconds=3600)
        app.animation_level = "none"
        return app

    yield make
