"""The stage clock across a crash (issue 10, items 3 and 4): domain tests on a fake clock.

- A pause still open when the app dies is saved with its length up to the last save, not 0.
- A hold (a dialog over the stage) stops the clock and records no pause.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.helpers import AppMaker, drive, press, scan_sessions, start_session
from tui_interview.domain.sessions.clock import Countdown, FakeClock
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.settings import PracticeChoice
from tui_interview.ui.screens.stage import PausedScreen, StageScreen


def test_an_open_pause_counts_up_to_now_without_changing_the_countdown() -> None:
    clock = FakeClock()
    countdown = Countdown(limit_seconds=600, clock=clock)
    countdown.start()
    clock.advance(60)
    countdown.pause()
    clock.advance(45)
    assert [(p.at_seconds, p.duration_seconds) for p in countdown.pauses_so_far()] == [(60, 45)]
    assert countdown.pauses[0].duration_seconds == 0  # counted once, when it ends
    clock.advance(15)
    countdown.resume()
    assert [(p.at_seconds, p.duration_seconds) for p in countdown.pauses] == [(60, 60)]
    assert countdown.pauses_so_far() == countdown.pauses


def test_a_pause_open_at_a_crash_is_saved_with_its_length_up_to_the_last_save(tmp_path: Path) -> None:
    clock = FakeClock()
    store = SessionStore(tmp_path / "sessions")
    loop = start_session(store, clock=clock)
    stage = loop.stage()
    stage.start()
    clock.advance(100)
    stage.pause()
    loop.checkpoint()
    clock.advance(40)
    path = loop.checkpoint()  # the last save before the app is killed
    clock.advance(500)  # killed: this never reaches the file

    saved = store.load(path).stages[0]
    assert [(p.at_seconds, p.duration_seconds) for p in saved.pauses] == [(100, 40)]
    assert saved.elapsed_seconds == 100

    resumed = loop.resume(store.load(path), loop.pack, store, clock, loop.now).stage()
    resumed.start()
    clock.advance(10)
    assert resumed.countdown.elapsed == 110  # the pause did not eat into the stage's time


def test_a_hold_stops_the_clock_and_records_nothing(tmp_path: Path) -> None:
    clock = FakeClock()
    loop = start_session(SessionStore(tmp_path / "sessions"), clock=clock)
    stage = loop.stage()
    stage.start()
    clock.advance(20)
    stage.hold()
    clock.advance(300)
    loop.checkpoint()
    assert stage.record.pauses == []
    assert stage.record.elapsed_seconds == 20
    stage.resume()
    clock.advance(5)
    assert stage.countdown.elapsed == 25


def test_the_stage_screen_saves_during_a_pause(make_app: AppMaker, fake_clock: FakeClock, data_home: Path) -> None:
    app = make_app(start="practice", practice=PracticeChoice(stage="behavioral"))

    async def steps(pilot: Pilot[int]) -> None:
        screen = app.screen
        assert isinstance(screen, StageScreen)
        fake_clock.advance(30)
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, PausedScreen)
        fake_clock.advance(90)
        screen.autosave()  # the autosave timer goes on under the pause screen
        [saved] = scan_sessions(SessionStore(data_home / "sessions")).sessions
        assert [(p.at_seconds, p.duration_seconds) for p in saved.stages[0].pauses] == [(30, 90)]

    drive(app, steps)
