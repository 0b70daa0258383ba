"""Keystroke echo with a 200 KB answer in the box against an empty box, and a 200 KB paste without bracketed paste.

Run: ``python benchmarks/typing_latency.py [--size 200000] [--keys 150] [--rounds 3] [--paste-rounds 1]``

The real app is built as the command line builds it (``build_app``: system clock, the default 0.5 s tick
and 5 s autosave) on the shipped pack and stages, started straight into ``practice technical``, headless
at 80x24, with the interpreter running this script.

Keys reach the app the way a terminal's keys do: as ``Key`` events sent through the app's driver
(``Driver.send_message``, which the Linux driver's input thread calls for every key it reads). Headless,
the app composes every screen update as in a terminal and only skips writing it out; the script wraps the
app's ``_display`` to see each update, and so times a key from the moment it is sent to the first update
that shows it.

1. **Echo.** The same keystroke (an ``x`` at the end of the answer) in an empty box, then with a 200 KB
   answer in the box (prose in paragraphs, put there with one bracketed-paste event, the cursor at its
   end). ``--keys`` keys per case after 20 warm-up keys, each sent 15-45 ms (seeded, uniformly) after the
   last one was shown, so that each is echoed on its own and keys fall at every point of Textual's 60 Hz
   update schedule (with a fixed gap they keep meeting it at nearly the same phase, and the figures then
   measure that phase); ``--rounds`` rounds, each case in a new app. Reported: median, 95th percentile
   and max per case, and the ratio of the medians. Target: ratio <= 1.5.
2. **Paste.** The app runs in a child process on a pseudo-terminal, with the driver it gets in a real
   terminal (Linux: Textual's ``LinuxDriver``, reading 4 KB at a time in its input thread, plus the
   app's own ``TypingBursts``); 200 KB of the same prose is written to the terminal without
   bracketed-paste markers, newlines as carriage returns (the Enter key), as a terminal or multiplexer
   without bracketed paste sends a paste. Timed from the first byte written until the child, polling
   every 10 ms, sees every character in the box (and checks the text is exactly the paste). POSIX only.
   Target: <= 10 s.

Pilot's ``press`` is not used to deliver the keys: it waits for the app to go idle after each key, which
is not how keys arrive from a terminal and would measure Pilot rather than the app.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

ECHO_TARGET = 1.5
PASTE_TARGET_SECONDS = 10.0
WARM_UP_KEYS = 20
KEY_GAPS_SECONDS = (0.015, 0.045)
CHUNK = 4096
"""Bytes the Linux driver reads from the terminal at a time."""

WORDS = (
    "the model serving latency canary rollout feature store pipeline drift retrain metric dashboard alert "
    "on-call budget p99 rollback registry alias shadow traffic batch window schema change upstream join "
    "GPU memory sharding checkpoint evaluation offline online skew label delay backfill owner runbook"
)
VOCABULARY = WORDS.split()


def prose(size: int, seed: int = 1) -> str:
    """``size`` characters of answer-like text: sentences of these words, a blank line every ~100 words."""
    rnd = random.Random(seed)
    paragraphs, length = [], 0
    while length < size:
        words = [rnd.choice(VOCABULARY) for _ in range(rnd.randint(80, 120))]
        paragraph = " ".join(words).capitalize() + "."
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:size]


@dataclass(frozen=True)
class Echo:
    label: str
    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def p95(self) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class Watch:
    """Notes each screen update, and wakes a waiter once an update shows what it waits for."""

    def __init__(self, app: Any) -> None:
        self.condition: Callable[[], bool] | None = None
        self.seen = asyncio.Event()
        self.seen_at = 0.0
        display = app._display

        def watched(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None and self.condition is not None and self.condition():
                self.seen_at = time.perf_counter()
                self.condition = None
                self.seen.set()

        app._display = watched

    async def until(self, condition: Callable[[], bool], timeout: float = 600) -> float:
        """Wait for the first update after which ``condition`` holds; return when it came."""
        self.seen.clear()
        self.condition = condition
        await asyncio.wait_for(self.seen.wait(), timeout)
        return self.seen_at


def stage_app(data_home: Path) -> Any:
    from tui_interview.app_factory import build_app
    from tui_interview.domain.settings import PracticeChoice, Settings

    return build_app(Settings(start="practice", practice=PracticeChoice(stage="technical"), data_home=data_home))


async def on_stage(app: Any) -> Any:
    """The answer box, once the stage screen shows."""
    from tui_interview.ui.screens.stage import StageScreen

    deadline = time.monotonic() + 30
    while not (isinstance(app.screen, StageScreen) and app.screen.ticker is not None):
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the stage screen")
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)
    box = app.screen.answer_box
    box.cursor_blink = False  # its repaints would show up as updates, though they show no key
    return box


def run_headless(app: Any, steps: Callable[[Any], Awaitable[None]]) -> None:
    async def pilot(_pilot: object) -> None:
        try:
            await steps(app)
        finally:
            app.exit()

    autopilot: Callable[[Any], Awaitable[None]] = pilot
    asyncio.run(app.run_async(headless=True, size=(80, 24), auto_pilot=autopilot))


def _at(box: Any, location: tuple[int, int]) -> bool:
    return end_of(box) == location


def end_of(box: Any) -> tuple[int, int]:
    document = box.document
    last = document.line_count - 1
    return last, len(document[last])


async def type_keys(app: Any, box: Any, watch: Watch, count: int, seed: int = 0) -> list[float]:
    """Send ``count`` x keys one at a time; the time from sending each to the update showing it."""
    from textual import events

    gaps = random.Random(seed)
    times = []
    for _ in range(count):
        expected = end_of(box)[0], end_of(box)[1] + 1
        start = time.perf_counter()
        app._driver.send_message(events.Key("x", "x"))
        shown = await watch.until(partial(_at, box, expected))
        times.append(shown - start)
        await asyncio.sleep(gaps.uniform(*KEY_GAPS_SECONDS))
    return times


def measure_echo(size: int, keys: int, data_home: Path, seed: int = 0) -> Echo:
    from textual import events

    app = stage_app(data_home)
    result: list[float] = []

    async def steps(app: Any) -> None:
        box = await on_stage(app)
        watch = Watch(app)
        if size:
            text = prose(size)
            app._driver.send_message(events.Paste(text))
            await watch.until(lambda: box.document.line_count == text.count("\n") + 1 and end_of(box)[1] > 0)
            await asyncio.sleep(1.0)
        await type_keys(app, box, watch, WARM_UP_KEYS, seed)
        result.extend(await type_keys(app, box, watch, keys, seed + 1))
        assert box.text.endswith("x" * (WARM_UP_KEYS + keys))

    run_headless(app, steps)
    return Echo(f"{size:,} characters in the box" if size else "empty box", result)


def measure_paste(size: int, data_home: Path) -> tuple[float, int]:
    """Seconds until a ``size``-character paste without brackets is all in the box; and its length.

    The app runs in a child process on a pseudo-terminal, with the driver it has in a real terminal; the
    paste is written to the terminal 4 KB at a time, newlines as carriage returns (the Enter key).
    """
    import fcntl
    import pty
    import struct
    import subprocess
    import termios

    text = prose(size)
    data = text.replace("\n", "\r").encode("utf-8")
    master, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    report_read, report_write = os.pipe()
    command = [sys.executable, __file__, "--child-paste", str(size), "--home", str(data_home)]
    command += ["--report-fd", str(report_write)]
    child = subprocess.Popen(
        command,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        pass_fds=(report_write,),
        start_new_session=True,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"},
    )
    os.close(terminal)
    os.close(report_write)
    threading.Thread(target=_drain, args=(master,), daemon=True).start()  # what the terminal would show
    reports = os.fdopen(report_read, "r")
    try:
        if reports.readline().strip() != "ready":
            raise SystemExit("the app did not start in the terminal")
        start = time.perf_counter()
        for offset in range(0, len(data), CHUNK):
            _write_all(master, data[offset : offset + CHUNK])
        outcome = reports.readline().strip()
        elapsed = time.perf_counter() - start
        if outcome != "done":
            raise SystemExit(f"the paste did not arrive intact ({outcome or 'no report'})")
    finally:
        if child.poll() is None:
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
        reports.close()
    return elapsed, len(text)


def _write_all(descriptor: int, data: bytes) -> None:
    while data:
        data = data[os.write(descriptor, data) :]


def _drain(descriptor: int) -> None:
    try:
        while os.read(descriptor, 65536):
            pass
    except OSError:  # the child closed the terminal
        pass


def paste_child(size: int, data_home: Path, report_fd: int) -> int:
    """In the pseudo-terminal: run the app to its stage screen, say so, and say when the paste is all in."""
    from tui_interview.ui.screens.stage import StageScreen

    app = stage_app(data_home)
    text = prose(size)
    lines, last = text.count("\n") + 1, len(text) - text.rfind("\n") - 1
    report = os.fdopen(report_fd, "w", buffering=1)

    async def watch(_pilot: object) -> None:
        await on_stage(app)
        report.write("ready\n")
        while True:
            await asyncio.sleep(0.01)
            screen = app.screen
            if isinstance(screen, StageScreen) and end_of(screen.answer_box) == (lines - 1, last):
                report.write("done\n" if screen.answer_box.text == text else "garbled\n")
                app.exit()
                return

    autopilot: Callable[[Any], Awaitable[None]] = watch
    app.run(auto_pilot=autopilot)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=200_000, help="characters in the full box and in the paste")
    parser.add_argument("--keys", type=int, default=200, help="keys timed per case and round")
    parser.add_argument("--rounds", type=int, default=3, help="echo rounds (each case in a new app)")
    parser.add_argument("--paste-rounds", type=int, default=1, help="paste runs")
    parser.add_argument("--child-paste", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--report-fd", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_paste is not None:
        return paste_child(args.child_paste, args.home, args.report_fd)
    print(f"Python {sys.version.split()[0]} ({sys.executable}), headless 80x24, shipped pack, practice technical")

    empty: list[float] = []
    full: list[float] = []
    with tempfile.TemporaryDirectory(prefix="tui-bench-typing-") as tmp:
        for round_number in range(args.rounds):
            for size, into in ((0, empty), (args.size, full)):
                home = Path(tmp) / f"echo-{round_number}-{size}"
                echo = measure_echo(size, args.keys, home, seed=2 * round_number)
                into.extend(echo.seconds)
                print(
                    f"  round {round_number + 1}, {echo.label:<30} median {echo.median * 1000:6.2f} ms"
                    f"  p95 {echo.p95 * 1000:6.2f} ms  max {max(echo.seconds) * 1000:6.2f} ms"
                )
        pastes = [measure_paste(args.size, Path(tmp) / f"paste-{n}") for n in range(args.paste_rounds)]

    empty_echo, full_echo = Echo("empty box", empty), Echo(f"{args.size:,} characters", full)
    ratio = full_echo.median / empty_echo.median
    print("\nkeystroke echo (all rounds)")
    for echo in (empty_echo, full_echo):
        print(
            f"  {echo.label:<22} median {echo.median * 1000:6.2f} ms  p95 {echo.p95 * 1000:6.2f} ms"
            f"  max {max(echo.seconds) * 1000:6.2f} ms  ({len(echo.seconds)} keys)"
        )
    verdict = "meets" if ratio <= ECHO_TARGET else "MISSES"
    print(f"  ratio of medians {ratio:.2f}x -> {verdict} the target (<= {ECHO_TARGET}x)")

    print("\nnon-bracketed paste into a pseudo-terminal, read by the app's own driver")
    for seconds, length in pastes:
        verdict = "meets" if seconds <= PASTE_TARGET_SECONDS else "MISSES"
        rate = length / seconds / 1000
        print(f"  {length:,} characters in {seconds:.2f} s ({rate:.0f} k keys/s) -> {verdict} the target")
    print(f"  target: all of it in the box within {PASTE_TARGET_SECONDS:g} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
