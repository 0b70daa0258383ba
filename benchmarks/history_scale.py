"""Session history at scale: 1,000 saved sessions, the summary index against reading every file.

Run: ``python benchmarks/history_scale.py [--sessions 1000] [--repeats 5] [--keep]``

The script plays ``--sessions`` sessions through the domain's own API (``LoopRun``, ``StageRun`` and the
interviewer's ``MissedPointProber``, on a clock it moves by hand) and saves them with ``SessionStore`` in a
temporary folder: about six in ten full loops (the shipped stages, 14 questions) and four in ten one-stage
practice sessions, drawn from the shipped MLOps pack; answers of ~80 words that mention some of each
exchange's keywords, every scenario step and follow-up answered, some skips, time-ups, self-ratings and
unfinished loops. It then measures:

a. cold index build: ``HistoryIndex.load()`` with no cache (parses and scores every file, writes the cache);
b. warm ``HistoryIndex.load()`` from a new index object (the history screen's data). Target: well under 1 s;
c. ``view.as_json()`` + ``json.dumps`` (the ``history --json`` path): in-process (warm load included), and as
   a subprocess, from spawn to exit, of a tiny script that loads the warm index and prints the JSON. Target:
   <= 0.5 s. Baselines for the subprocess: ``python -c pass``, and the same script importing
   ``tui_interview.cli`` first (what the real command adds on top);
d. baseline: reading every session file with ``SessionStore.load`` (pydantic parse of every file, no scores),
   and that plus ``score_session`` of every record (the naive way to show scores).

It prints figures and ratios and asserts nothing about time.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from tui_interview.domain.bank.pack import Pack, Point
    from tui_interview.domain.bank.stages import StageCatalog
    from tui_interview.domain.sessions.clock import FakeClock
    from tui_interview.domain.sessions.records import SessionRecord
    from tui_interview.domain.sessions.run import StageRun
    from tui_interview.domain.sessions.store import SessionStore

T = TypeVar("T")
SCREEN_TARGET = 1.0
JSON_TARGET = 0.5
FIRST_DAY = datetime(2025, 1, 6, 19, 0, tzinfo=timezone(timedelta(hours=1)))
FILLER_TEXT = (
    "In my last role we owned the platform end to end, so I would start from what the users actually feel "
    "and work backwards from there. I would write down the assumptions first, agree on a metric with the team, "
    "keep the change small enough to roll out gradually and make sure someone is on call while it happens. "
    "Afterwards I would review what we learned and turn it into a runbook so the next incident is shorter."
)
FILLER = FILLER_TEXT.split()

CHILD = """
import json, sys
if sys.argv[3] == "cli":
    import tui_interview.cli  # noqa: F401
from pathlib import Path
from tui_interview.domain.history.index import HistoryIndex

def pack_for(record):
    from tui_interview.domain.bank.pack import load_pack
    return load_pack(Path(record.pack_path))

view = HistoryIndex(Path(sys.argv[1]), Path(sys.argv[2]), pack_for).load()
sys.stdout.write(json.dumps(view.as_json()))
sys.stderr.write(f"sessions={len(view.sessions)} reparsed={len(view.reparsed)} pydantic={'pydantic' in sys.modules}")
"""


# Playing sessions ----------------------------------------------------------------------------------------


def answer_text(rng: random.Random, points: Sequence[Point], share: float) -> str:
    """About 80 words: filler with one keyword from roughly ``share`` of ``points``."""
    start = rng.randrange(len(FILLER))
    words = [FILLER[(start + i) % len(FILLER)] for i in range(70)]
    for point in points:
        if rng.random() < share:
            words.insert(rng.randrange(len(words)), f"I would use {rng.choice(point.keywords)} here.")
    return " ".join(words)


def exchange_points(stage: StageRun) -> Sequence[Point]:
    """The points the exchange showing now asks for: the question's, a scenario step's, or all (a follow-up)."""
    question, turn = stage.question, stage.answer.active_turn
    if turn is None:
        return question.points
    if turn.kind == "step":
        return question.steps[sum(1 for t in stage.answer.turns if t.kind == "step") - 1].points
    return question.all_points


def play_stage(rng: random.Random, stage: StageRun, clock: FakeClock) -> None:
    """Answer (or skip) every question in the stage's time, the last one sometimes running out of it."""
    stage.start()
    budget = stage.countdown.limit_seconds / stage.total
    time_up_on_last = rng.random() < 0.15
    while not stage.finished:
        question = stage.question
        exchanges = 1 + len(question.steps) + 1  # the first answer, each step, perhaps a follow-up
        if stage.number == stage.total and time_up_on_last:
            clock.advance(stage.countdown.remaining + 1)
            stage.check_time(answer_text(rng, exchange_points(stage), 0.5))
        elif stage.answer.active_turn is None and rng.random() < 0.08:
            clock.advance(rng.uniform(5, 30))
            stage.skip()
        else:
            clock.advance(rng.uniform(0.4, 0.9) * budget / exchanges)
            stage.submit(answer_text(rng, exchange_points(stage), rng.choice((0.2, 0.5, 0.7, 0.9))))
    for answer in stage.record.answers:
        if answer.status == "answered" and rng.random() < 0.3:
            answer.self_rating = rng.randint(1, 4)  # rated afterwards, in the question review


@dataclass
class Player:
    """Plays numbered sessions from the shipped pack and stages into one session folder."""

    pack: Pack
    catalog: StageCatalog
    store: SessionStore

    def play(self, number: int) -> None:
        from tui_interview.domain.planning.draw import draw_loop
        from tui_interview.domain.planning.practice import practice_stage
        from tui_interview.domain.sessions.clock import FakeClock
        from tui_interview.domain.sessions.probing import MissedPointProber
        from tui_interview.domain.sessions.run import LoopRun

        rng = random.Random(number)
        loop = rng.random() < 0.6
        loop_stages = self.catalog.loop_stages()
        stages = loop_stages if loop else [practice_stage(rng.choice(loop_stages), count=3)]
        plan = draw_loop(self.pack, stages, seed=number)
        reached = len(stages) if not loop or rng.random() > 0.05 else rng.randrange(1, len(stages))
        started = FIRST_DAY + timedelta(days=number * 0.7, minutes=rng.randrange(600))
        clock = FakeClock()
        run = LoopRun.start_new(
            plan,
            self.pack,
            self.catalog.folder,
            self.store,
            clock,
            lambda: started + timedelta(seconds=clock.now),
            mode="loop" if loop else "practice",
            prober=MissedPointProber(),
        )
        for _ in range(reached):
            play_stage(rng, run.stage(), clock)
            clock.advance(rng.uniform(30, 120))  # the break between stages
        run.checkpoint()


def write_sessions(folder: Path, count: int) -> tuple[Pack, int]:
    from tui_interview.domain.bank.pack import load_pack
    from tui_interview.domain.bank.stages import load_stages
    from tui_interview.domain.locations import default_pack_dir, shipped_stages_dir
    from tui_interview.domain.sessions.store import SessionStore

    player = Player(load_pack(default_pack_dir()), load_stages(shipped_stages_dir()), SessionStore(folder))
    for number in range(count):
        player.play(number)
    return player.pack, sum(path.stat().st_size for path in folder.glob("*.toml"))


def read_every_session(store: SessionStore) -> list[SessionRecord]:
    """The baseline the index replaces: parse every session file, newest first."""
    records = [store.load(path) for path in store.folder.glob("*.toml")]
    return sorted(records, key=lambda record: record.started_at, reverse=True)


# Timing --------------------------------------------------------------------------------------------------


def timed(work: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def repeat(work: Callable[[], object], repeats: int) -> list[float]:
    return [timed(work)[0] for _ in range(repeats)]


def spawn(arguments: Sequence[str], repeats: int) -> tuple[list[float], str, str]:
    subprocess.run(arguments, capture_output=True, check=True)  # warm-up: OS caches, .pyc files
    times, out, err = [], "", ""
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run(arguments, capture_output=True, check=True, text=True)
        times.append(time.perf_counter() - start)
        out, err = done.stdout, done.stderr
    return times, out, err


def show(label: str, times: Sequence[float], target: float | None = None) -> None:
    line = f"{label:<50} best {min(times) * 1000:>8.1f} ms   median {statistics.median(times) * 1000:>8.1f} ms"
    if target is not None:
        verdict = "meets" if statistics.median(times) <= target else "MISSES"
        line += f"   target <= {target * 1000:.0f} ms: {verdict}"
    print(line)


# Measuring -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    cold: float
    warm: list[float]
    spawned: list[float]
    bare: list[float]
    read_all: list[float]
    read_and_score: float


def measure_index(folder: Path, cache: Path, pack: Pack, repeats: int) -> tuple[float, list[float]]:
    """(a) and (b): the cold build, then warm loads, then a warm load after one new session."""
    from tui_interview.domain.history.index import HistoryIndex

    def pack_for(_record: SessionRecord) -> Pack:
        return pack

    cold, view = timed(lambda: HistoryIndex(folder, cache, pack_for).load())
    print(f"cache file: {cache.stat().st_size / 1e6:.2f} MB; {len(view.sessions)} sessions")
    print()
    show("(a) cold index build (parse + score + write)", [cold])
    warm = repeat(lambda: HistoryIndex(folder, cache, pack_for).load(), repeats)
    show("(b) warm HistoryIndex.load() [history screen]", warm, SCREEN_TARGET)
    newest = max(folder.glob("*.toml"))
    shutil.copyfile(newest, folder / f"{newest.stem}-copy.toml")
    one_new, _ = timed(lambda: HistoryIndex(folder, cache, pack_for).load())
    show("(b) warm load after one new session", [one_new], SCREEN_TARGET)
    as_json = repeat(lambda: json.dumps(HistoryIndex(folder, cache, pack_for).load().as_json()), repeats)
    show("(c) warm load + as_json + json.dumps, in-process", as_json)
    return cold, warm


def measure_subprocess(tmp: Path, folder: Path, cache: Path, repeats: int) -> tuple[list[float], list[float]]:
    """(c) as a subprocess, with and without the CLI's imports, against a bare interpreter."""
    script = tmp / "history_json.py"
    script.write_text(CHILD, encoding="utf-8")
    child = [sys.executable, str(script), str(folder), str(cache)]
    spawned, out, err = spawn([*child, "history"], repeats)
    show("(c) same as a subprocess, spawn to exit", spawned, JSON_TARGET)
    print(f"    child: {err}; printed {len(out) / 1e6:.2f} MB of JSON")
    with_cli, _, _ = spawn([*child, "cli"], repeats)
    show("    ... importing tui_interview.cli first", with_cli, JSON_TARGET)
    bare, _, _ = spawn([sys.executable, "-c", "pass"], repeats)
    show("    baseline: python -c pass", bare)
    return spawned, bare


def measure_baseline(folder: Path, pack: Pack, repeats: int) -> tuple[list[float], float]:
    """(d): what showing the history costs without the index."""
    from tui_interview.domain.scoring.scores import score_session
    from tui_interview.domain.sessions.store import SessionStore

    store = SessionStore(folder)
    read_all = repeat(lambda: read_every_session(store), max(1, repeats // 2))
    show("(d) baseline: SessionStore.load of every file", read_all)
    naive, _ = timed(lambda: [score_session(record, pack) for record in read_every_session(store)])
    show("(d) baseline: load + score_session each", [naive])
    return read_all, naive


def report_ratios(figures: Figures) -> None:
    warm = statistics.median(figures.warm)
    print()
    print(f"load every file / warm load: {statistics.median(figures.read_all) / warm:.0f}x")
    print(f"load + score / warm load: {figures.read_and_score / warm:.0f}x")
    print(f"cold build / (load + score): {figures.cold / figures.read_and_score:.2f}")
    beyond_startup = statistics.median(figures.spawned) - statistics.median(figures.bare)
    print(f"subprocess JSON - python startup: {beyond_startup * 1000:.0f} ms")


def run(sessions: int, repeats: int, *, keep: bool) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="tui-bench-history-"))
    folder, cache = tmp / "sessions", tmp / "history-index.json"
    try:
        generate, (pack, size) = timed(lambda: write_sessions(folder, sessions))
        print(f"{sessions} session files, {size / 1e6:.1f} MB, played and written in {generate:.1f} s ({folder})")
        cold, warm = measure_index(folder, cache, pack, repeats)
        spawned, bare = measure_subprocess(tmp, folder, cache, repeats)
        read_all, read_and_score = measure_baseline(folder, pack, repeats)
        report_ratios(Figures(cold, warm, spawned, bare, read_all, read_and_score))
    finally:
        if keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    run(args.sessions, args.repeats, keep=args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
