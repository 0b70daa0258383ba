"""Time for the interview: an injectable clock and the stage countdown built on it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

WallClock = Callable[[], datetime]
"""Returns the current date and time, for session records. Tests pass a fixed one."""

Clock = Callable[[], float]
"""Returns monotonic seconds. ``time.monotonic`` in the app; a :class:`FakeClock` in tests."""

WARNING_SHARE = 0.20
ALERT_SHARE = 0.05


def system_clock() -> float:
    return time.monotonic()


class FakeClock:
    """A clock that only moves when told to: for tests, snapshots and benchmarks, which all need one."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class TimeState(Enum):
    """How urgent the remaining time is; the stage screen styles the countdown from it."""

    NORMAL = "normal"
    WARNING = "warning"
    ALERT = "alert"
    EXPIRED = "expired"


@dataclass
class Pause:
    """A pause taken during a stage, located on the stage's own clock."""

    at_seconds: float
    duration_seconds: float = 0.0


@dataclass
class Countdown:
    """A stage's time budget. Paused time does not count; pauses are recorded."""

    limit_seconds: float
    clock: Clock
    elapsed_before: float = 0.0
    pauses: list[Pause] = field(default_factory=list)
    _started_at: float | None = None
    _paused_at: float | None = None
    _recording: bool = True

    def start(self) -> None:
        if self._started_at is None and self._paused_at is None:
            self._started_at = self.clock()

    @property
    def running(self) -> bool:
        return self._started_at is not None

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    @property
    def paused_by_candidate(self) -> bool:
        """A pause the candidate asked for is open (not a hold, such as practice feedback)."""
        return self._paused_at is not None and self._recording

    @property
    def elapsed(self) -> float:
        """Seconds of the budget used so far, capped at the limit."""
        running = self.clock() - self._started_at if self._started_at is not None else 0.0
        return min(self.elapsed_before + running, self.limit_seconds)

    @property
    def remaining(self) -> float:
        return max(self.limit_seconds - self.elapsed, 0.0)

    @property
    def expired(self) -> bool:
        return self.remaining <= 0

    @property
    def state(self) -> TimeState:
        remaining = self.remaining
        if remaining <= 0:
            return TimeState.EXPIRED
        if remaining <= self.limit_seconds * ALERT_SHARE:
            return TimeState.ALERT
        if remaining <= self.limit_seconds * WARNING_SHARE:
            return TimeState.WARNING
        return TimeState.NORMAL

    def pause(self, recorded: bool = True) -> None:
        """Stop the clock; ``recorded=False`` for holds that are not the candidate's pauses (feedback)."""
        if self._started_at is None:
            return
        self.elapsed_before = self.elapsed
        self._started_at = None
        self._paused_at = self.clock()
        self._recording = recorded
        if recorded:
            self.pauses.append(Pause(at_seconds=self.elapsed_before))

    def pauses_so_far(self) -> list[Pause]:
        """The recorded pauses, with one still open counted up to now: what a save should keep.

        If the app dies during a pause, the saved file then holds the pause's length up to the last save,
        not 0. The countdown's own list is not changed; :meth:`resume` adds the open pause's length.
        """
        if self._paused_at is None or not self._recording or not self.pauses:
            return list(self.pauses)
        *closed, last = self.pauses
        return [*closed, Pause(last.at_seconds, last.duration_seconds + self.clock() - self._paused_at)]

    def resume(self) -> None:
        if self._paused_at is None:
            return
        if self._recording:
            self.pauses[-1].duration_seconds += self.clock() - self._paused_at
        self._paused_at = None
        self._started_at = self.clock()

    def stop(self) -> None:
        """Freeze the budget used so far (the stage is over)."""
        if self._paused_at is not None:
            self.resume()
        self.elapsed_before = self.elapsed
        self._started_at = None
