"""Time to build and render the report of a full loop: domain report, exports and the report screen.

Run: ``python benchmarks/report_render.py``

A full loop on the shipped pack (seed 7, 14 questions) is answered with ~300-word answers, then timed:
``build_report`` (grades every answer, scores, delivery, STAR), the Markdown and HTML exports, and the
report screen in a headless app from push to its first refresh. The screen's baseline, in the same run,
is pushing an empty screen. Target: the report of a full loop rendered in <= 200 ms.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui_interview.domain.bank.pack import Pack
    from tui_interview.domain.sessions.records import SessionRecord
    from tui_interview.domain.sessions.store import SessionStore

TARGET_MS = 200.0
ROUNDS = 7
ANSWER = (
    "First I would check the p99 latency and the error rate, then roll back by moving the registry alias to "
    "the previous version while I compare feature distributions between training and serving. I decided to "
    "add a data validation gate and a canary with an explicit rollback criterion, and as a result the error "
    "rate dropped by 40 percent within a week."
)


def answer_text(words: int = 300) -> str:
    vocabulary = ANSWER.split()
    return " ".join(vocabulary[i % len(vocabulary)] for i in range(words))


def answered_session(folder: Path) -> tuple[SessionRecord, Pack, SessionStore]:
    from tui_interview.domain.bank.pack import load_pack
    from tui_interview.domain.bank.stages import load_stages
    from tui_interview.domain.locations import default_pack_dir, shipped_stages_dir
    from tui_interview.domain.planning.draw import draw_loop
    from tui_interview.domain.sessions.clock import FakeClock
    from tui_interview.domain.sessions.run import LoopRun
    from tui_interview.domain.sessions.store import SessionStore

    pack = load_pack(default_pack_dir())
    stages = load_stages(shipped_stages_dir())
    plan = draw_loop(pack, stages.loop_stages(), seed=7)
    clock = FakeClock()
    store = SessionStore(folder)
    loop = LoopRun.start_new(plan, pack, stages.folder, store, clock, lambda: datetime(2026, 11, 26, tzinfo=UTC))
    while not loop.finished:
        stage = loop.stage()
        stage.start()
        while not stage.finished:
            clock.advance(120)
            stage.submit(answer_text())
    loop.checkpoint()
    return loop.record, pack, store


def median_ms(work: Callable[[], object]) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


async def screen_ms(record: SessionRecord, pack: Pack, store: SessionStore) -> tuple[float, float]:
    from textual.app import App
    from textual.screen import Screen

    from tui_interview.domain.reporting.review import ReviewSession
    from tui_interview.ui.screens.report import ReportScreen

    class Host(App[None]):
        pass

    app = Host()
    app.animation_level = "none"
    report_times: list[float] = []
    empty_times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(ROUNDS):
            start = time.perf_counter()
            await app.push_screen(ReportScreen(ReviewSession(record, pack, store)))
            await pilot.pause()
            report_times.append((time.perf_counter() - start) * 1000)
            await app.pop_screen()
            start = time.perf_counter()
            await app.push_screen(Screen())
            await pilot.pause()
            empty_times.append((time.perf_counter() - start) * 1000)
            await app.pop_screen()
    return statistics.median(report_times), statistics.median(empty_times)


def main() -> None:
    from tui_interview.domain.reporting.html import report_html
    from tui_interview.domain.reporting.markdown import report_markdown
    from tui_interview.domain.reporting.report import build_report

    with tempfile.TemporaryDirectory() as folder:
        record, pack, store = answered_session(Path(folder))
        report = build_report(record, pack)
        build = median_ms(lambda: build_report(record, pack))
        markdown = median_ms(lambda: report_markdown(report))
        html = median_ms(lambda: report_html(report))
        screen, empty = asyncio.run(screen_ms(record, pack, store))
    print(f"Full loop of 14 answers of 300 words, median of {ROUNDS} (target: rendered <= {TARGET_MS:.0f} ms)")
    print(f"  build_report (grading, scores, delivery, STAR)  {build:7.1f} ms")
    print(f"  Markdown export                                 {markdown:7.1f} ms")
    print(f"  HTML export                                     {html:7.1f} ms")
    print(f"  report screen, push to first refresh            {screen:7.1f} ms", end="")
    print(f"  ({screen / empty:.1f}x an empty screen, {empty:.1f} ms)")
    verdict = "meets" if screen <= TARGET_MS else "misses"
    print(f"Report screen {verdict} the {TARGET_MS:.0f} ms target.")


if __name__ == "__main__":
    main()
