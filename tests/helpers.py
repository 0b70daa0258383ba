"""What the tests share besides fixtures: paths, a fixed start time, played sessions and Pilot steps.

Fixtures stay in ``conftest.py``; everything a test imports comes from here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Protocol

import pytest
from textual.pilot import Pilot

from tui_interview.cli import main
from tui_interview.domain.bank.pack import Pack, load_pack
from tui_interview.domain.bank.stages import load_stages
from tui_interview.domain.planning.draw import LoopPlan, draw_loop
from tui_interview.domain.sessions.clock import Clock, FakeClock
from tui_interview.domain.sessions.records import SessionRecord
from tui_interview.domain.sessions.run import LoopRun, Prober
from tui_interview.domain.sessions.store import SUFFIX, SessionFileError, SessionStore
from tui_interview.domain.settings import PracticeChoice, StartScreen
from tui_interview.domain.vocabulary import Mode
from tui_interview.ui.app import InterviewApp

TESTS = Path(__file__).parent
TEST_PACK = TESTS / "data" / "pack"
REPO = TESTS.parent
SHIPPED_STAGES = REPO / "stages"
START = datetime(2026, 11, 26, 9, 30, tzinfo=timezone(timedelta(hours=1)))
"""When every test session starts, unless a test says otherwise."""

SIZE = (80, 24)
"""The terminal size the Pilot flows run at."""

SnapCompare = Callable[..., bool]
"""The ``snap_compare`` fixture of pytest-textual-snapshot."""

# ---------------------------------------------------------------------------------------------------------
# The app, as the CLI builds it
# ---------------------------------------------------------------------------------------------------------


class AppMaker(Protocol):
    """The ``make_app`` fixture: the app on the test pack, a fake clock and a temporary data folder."""

    def __call__(
        self, *, start: StartScreen = "home", seed: int | None = 42, practice: PracticeChoice | None = None
    ) -> InterviewApp: ...


class FollowingWallClock:
    """A wall clock that starts at :data:`START` and moves with a :class:`FakeClock`."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock

    def __call__(self) -> datetime:
        return START + timedelta(seconds=self.clock.now)


# ---------------------------------------------------------------------------------------------------------
# Sessions played without the UI
# ---------------------------------------------------------------------------------------------------------


def start_session(
    store: SessionStore,
    *,
    seed: int = 5,
    stages: Sequence[str] | None = None,
    plan: LoopPlan | None = None,
    pack: Pack | None = None,
    clock: Clock | None = None,
    started: datetime = START,
    mode: Mode = "loop",
    prober: Prober | None = None,
) -> LoopRun:
    """A new session on the test pack and the shipped stages, saved once, its first stage not yet started.

    It draws the stages named in ``stages`` (default: the full loop) with ``seed``, unless ``plan`` is given.
    """
    if pack is None:
        pack = load_pack(TEST_PACK)
    if plan is None:
        catalog = load_stages(SHIPPED_STAGES)
        specs = catalog.loop_stages() if stages is None else [catalog.stages[stage_id] for stage_id in stages]
        plan = draw_loop(pack, specs, seed)
    return LoopRun.start_new(
        plan, pack, SHIPPED_STAGES, store, clock or FakeClock(), lambda: started, mode=mode, prober=prober
    )


def answer_questions(loop: LoopRun, clock: FakeClock, answers: Iterable[str], *, seconds_each: float = 90) -> Path:
    """Submit ``answers`` in order, stage after stage, each ``seconds_each`` after the last; save; return the file.

    Each answer goes to whatever the stage asks next: a question, a scenario step or a follow-up. It stops
    when the answers or the loop run out; ``itertools.repeat(text)`` answers everything.
    """
    texts = iter(answers)
    text = next(texts, None)
    while text is not None and not loop.finished:
        stage = loop.stage()
        stage.start()
        while text is not None and not stage.finished:
            clock.advance(seconds_each)
            stage.submit(text)
            text = next(texts, None)
    return loop.checkpoint()


def played_session(
    store: SessionStore,
    answers: Iterable[str],
    *,
    seconds_each: float = 90,
    seed: int = 5,
    stages: Sequence[str] | None = None,
    pack: Pack | None = None,
    clock: FakeClock | None = None,
    started: datetime = START,
) -> LoopRun:
    """A session (see :func:`start_session`) answered with ``answers`` (see :func:`answer_questions`) and saved."""
    clock = clock or FakeClock()
    loop = start_session(store, seed=seed, stages=stages, pack=pack, clock=clock, started=started)
    answer_questions(loop, clock, answers, seconds_each=seconds_each)
    return loop


@dataclass(frozen=True)
class SessionScan:
    """Every session file in a store, read."""

    sessions: list[SessionRecord]
    """Readable sessions, newest first."""
    unreadable: list[SessionFileError]


def scan_sessions(store: SessionStore) -> SessionScan:
    """Read every session file in ``store``, as the app would, without the history index and its cache."""
    sessions: list[SessionRecord] = []
    unreadable: list[SessionFileError] = []
    if store.folder.is_dir():
        for path in sorted(store.folder.glob(f"*{SUFFIX}")):
            try:
                sessions.append(store.load(path))
            except SessionFileError as error:
                unreadable.append(error)
    sessions.sort(key=lambda record: record.started_at, reverse=True)
    return SessionScan(sessions, unreadable)


# ---------------------------------------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``tui-interview *argv`` in-process: exit code, standard output, standard error."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------------------------------------------------
# Pilot
# ---------------------------------------------------------------------------------------------------------


def drive(app: InterviewApp, steps: Callable[[Pilot[int]], Awaitable[None]]) -> None:
    """Run ``app`` headless at :data:`SIZE` and take ``steps`` with its pilot (once the saved sessions are read)."""

    async def go() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await steps(pilot)

    asyncio.run(go())


READING_GROUPS = frozenset({"history"})
"""The worker groups that read saved sessions in a thread (at start-up, and on the History screen)."""


async def settle(pilot: Pilot[Any]) -> None:
    """Let the app settle: messages handled, and the saved sessions read by its worker threads."""
    app = pilot.app
    await pilot.pause()
    for _ in range(200):  # the start-up read begins after the first frame
        if getattr(app, "sessions_read", True):
            break
        await pilot.pause(0.01)
    reading = [worker for worker in app.workers if worker.group in READING_GROUPS and not worker.is_finished]
    if reading:
        await app.workers.wait_for_complete(reading)
        await pilot.pause()


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press ``keys``, then let the app settle (screens pushed, messages handled, sessions read)."""
    await pilot.press(*keys)
    await settle(pilot)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` key by key, as the candidate would."""
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])
