"""CPU used by an idle stage screen while its countdown runs, against an idle bare Textual app.

Run: ``python benchmarks/idle_cpu.py [--seconds N] [--settle N] [--size 80x24]``

The real app is built as the command line builds it (``build_app``: system clock, default tick
interval) on the shipped pack and stages, started straight into ``practice technical``, headless at
80x24. Once the stage screen is up and has settled, the process CPU time (user + system, all threads)
is sampled over ``--seconds`` of wall time with nothing happening. The same is done for a bare
Textual app showing one Static. A third run, the stage screen with its countdown timer paused,
separates the cost of the countdown from that of the screen's other timers (the cursor blink).
A fourth run is ``tui-interview follow`` (the candidate's read-only view) on the session file the
running stage saved, watching it with watchfiles while nothing changes.
Target: the stage screen and the follow view each use < 2% of one core.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TARGET_PERCENT = 2.0


@dataclass(frozen=True)
class Sample:
    label: str
    wall: float
    cpu: float

    @property
    def percent(self) -> float:
        return 100 * self.cpu / self.wall


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def sample_idle(label: str, seconds: float) -> Sample:
    wall, cpu = time.perf_counter(), cpu_seconds()
    await asyncio.sleep(seconds)
    return Sample(label, time.perf_counter() - wall, cpu_seconds() - cpu)


async def wait_for(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the screen")
        await asyncio.sleep(0.05)


@dataclass(frozen=True)
class Plan:
    seconds: float
    settle: float
    size: tuple[int, int]


def run_idle(app: Any, label: str, ready: Callable[[], bool], plan: Plan) -> Sample:
    """Run ``app`` headless, wait until ``ready``, let it settle, then sample it idle."""
    samples: list[Sample] = []

    async def pilot(_pilot: object) -> None:
        await wait_for(ready)
        await asyncio.sleep(plan.settle)
        samples.append(await sample_idle(label, plan.seconds))
        app.exit()

    autopilot: Callable[[Any], Awaitable[None]] = pilot
    asyncio.run(app.run_async(headless=True, size=plan.size, auto_pilot=autopilot))
    return samples[0]


def bare_app() -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hi")

    return Bare()


def stage_app(data_home: Path) -> Any:
    from tui_interview.app_factory import build_app
    from tui_interview.domain.settings import PracticeChoice, Settings

    return build_app(Settings(start="practice", practice=PracticeChoice(stage="technical"), data_home=data_home))


def on_stage(app: Any) -> bool:
    from tui_interview.ui.screens.stage import StageScreen

    return isinstance(app.screen, StageScreen) and app.screen.ticker is not None


def pause_countdown_when_ready(app: Any) -> Callable[[], bool]:
    def ready() -> bool:
        if not on_stage(app):
            return False
        app.screen.ticker.pause()
        return True

    return ready


def follow_app(data_home: Path) -> Any:
    from tui_interview.app_factory import build_follow_app

    [session] = sorted((data_home / "sessions").rglob("*.toml"))
    return build_follow_app(session, config_path=data_home / "config.toml")


def on_follow(app: Any) -> bool:
    from tui_interview.ui.screens.follow import FollowScreen

    return isinstance(app.screen, FollowScreen)


def measure(plan: Plan) -> list[Sample]:
    with tempfile.TemporaryDirectory(prefix="tui-bench-idle-") as tmp:
        bare = bare_app()
        running = stage_app(Path(tmp) / "running")
        paused = stage_app(Path(tmp) / "paused")
        return [
            run_idle(bare, "bare Textual app", lambda: bool(bare.is_running), plan),
            run_idle(running, "stage screen, countdown running", lambda: on_stage(running), plan),
            run_idle(paused, "stage screen, countdown paused", pause_countdown_when_ready(paused), plan),
            run_idle(follow := follow_app(Path(tmp) / "running"), "follow view", lambda: on_follow(follow), plan),
        ]


def report(samples: list[Sample]) -> None:
    print(f"{'idle for':<34} {'wall':>7} {'cpu':>8} {'% of one core':>14}")
    for sample in samples:
        print(f"{sample.label:<34} {sample.wall:>6.1f}s {sample.cpu * 1000:>6.0f}ms {sample.percent:>13.2f}%")
    stage = samples[1]
    verdict = "meets" if stage.percent < TARGET_PERCENT else "MISSES"
    print(f"\ntarget: stage screen < {TARGET_PERCENT:.0f}% of one core -> {stage.percent:.2f}% {verdict} the target")
    follow = samples[3]
    verdict = "meets" if follow.percent < TARGET_PERCENT else "MISSES"
    print(f"target: follow view < {TARGET_PERCENT:.0f}% of one core -> {follow.percent:.2f}% {verdict} the target")
    extra = (stage.cpu / stage.wall - samples[0].cpu / samples[0].wall) * 1000
    print(f"stage screen - bare app: {extra:.1f} ms of CPU per second of idle wall time")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="idle time sampled per app")
    parser.add_argument("--settle", type=float, default=2.0, help="wait before sampling")
    parser.add_argument("--size", default="80x24", help="terminal size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))
    plan = Plan(args.seconds, args.settle, (width, height))
    print(f"Idle CPU over {plan.seconds:g} s per app (after {plan.settle:g} s to settle), headless {args.size}")
    report(measure(plan))
    return 0


if __name__ == "__main__":
    sys.exit(main())
