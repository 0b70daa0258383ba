"""Session history at scale: 1,000 saved sessions, the summary index against reading every file.

Run: ``/work/venv/bin/python benchmarks/history_scale.py [--sessions 1000] [--repeats 5] [--keep]``

The script writes ``--sessions`` realistic session files into a temporary folder with ``SessionStore``:
about six in ten full loops (the shipped stages, 14 questions) and four in ten one-stage practice sessions,
drawn from the shipped ``questions/mlops`` pack, answers of ~80 words that mention some of each question's
keywords, scenario steps and follow-ups answered, some skips, time-ups, self-ratings and unfinished loops.
It then measures:

a. cold index build: ``HistoryIndex.load()`` with no cache (parses and scores every file, writes the cache);
b. warm ``HistoryIndex.load()`` from a new index object (the history screen's data). Target: well under 1 s;
c. ``view.as_json()`` + ``json.dumps`` (the ``history --json`` path): in-process (warm load included), and as
   a subprocess, from spawn to exit, of a tiny script that loads the warm index and prints the JSON. Target:
   <= 0.5 s. Baselines for the subprocess: ``python -c pass``, and the same script importing
   ``tui_interview.cli`` first (what the real command adds on top);
d. baseline: ``SessionStore.scan()`` of the same folder (pydantic parse of every file, no scores), and scan
   plus ``score_session`` of every record (the naive way to show scores).

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
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # a source checkout need not be installed

if TYPE_CHECKING:
    from tui_interview.domain.bank.pack import Pack, Question
    from tui_interview.domain.bank.stages import StageCatalog, StageSpec
    from tui_interview.domain.sessions.records import AnswerRecord, SessionRecord, StageRecord

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
import json, sys, time
sys.path.insert(0, sys.argv[3])
if sys.argv[4] == "cli":
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


# Generating sessions -------------------------------------------------------------------------------------


def answer_text(rng: random.Random, question: Question, share: float) -> str:
    """About 80 words: filler with one keyword from roughly ``share`` of the question's points."""
    words = [FILLER[(start + i) % len(FILLER)] for start in [rng.randrange(len(FILLER))] for i in range(70)]
    for point in question.points:
        if rng.random() < share:
            keyword = rng.choice(point.keywords)
            words.insert(rng.randrange(len(words)), f"I would use {keyword} here.")
    return " ".join(words)


def answer_record(rng: random.Random, question: Question, status: str) -> AnswerRecord:
    from tui_interview.domain.sessions.records import AnswerRecord, TurnRecord

    answer = AnswerRecord(question_id=question.id, prompt=question.prompt, status="pending")
    if status in ("answered", "time_up"):
        share = rng.choice((0.2, 0.5, 0.7, 0.9))
        answer.answer = answer_text(rng, question, share)
        answer.seconds = round(rng.uniform(60, question.minutes * 90), 1)
        answer.shown_at = 0.0
        turns = [
            TurnRecord(kind="step", prompt=step.reveal, answer=answer_text(rng, question, share))
            for step in question.steps
        ]
        if rng.random() < 0.3:
            prompt = question.follow_ups[0] if question.follow_ups else "Why?"
            turns.append(TurnRecord(kind="follow_up", prompt=prompt, answer=answer_text(rng, question, 0.5), point=0))
        answer.turns = turns
        if rng.random() < 0.3:
            answer.self_rating = rng.randint(1, 4)
    answer.status = status  # type: ignore[assignment]
    return answer


def stage_record(rng: random.Random, stage: StageSpec, questions: Sequence[Question], reached: bool) -> StageRecord:
    from tui_interview.domain.sessions.records import StageRecord

    statuses = []
    for index in range(len(questions)):
        if not reached:
            statuses.append("pending")
        elif index == len(questions) - 1 and rng.random() < 0.15:
            statuses.append("time_up")
        else:
            statuses.append("skipped" if rng.random() < 0.08 else "answered")
    answers = [answer_record(rng, q, s) for q, s in zip(questions, statuses, strict=True)]
    return StageRecord(
        stage_id=stage.id,
        title=stage.title,
        interviewer_name=stage.interviewer.name,
        interviewer_role=stage.interviewer.role,
        intro=stage.intro.strip(),
        minutes=stage.minutes,
        status="finished" if reached else "pending",
        elapsed_seconds=round(sum(a.seconds for a in answers), 1),
        answers=answers,
    )


def session_record(number: int, pack: Pack, catalog: StageCatalog, store_ids: set[str]) -> SessionRecord:
    from tui_interview.domain.planning.draw import draw_loop
    from tui_interview.domain.planning.practice import practice_stage
    from tui_interview.domain.sessions.records import SessionRecord

    rng = random.Random(number)
    loop = rng.random() < 0.6
    stages = catalog.loop_stages() if loop else [practice_stage(rng.choice(catalog.loop_stages()), count=3)]
    plan = draw_loop(pack, stages, seed=number)
    reached = len(stages) if not loop or rng.random() > 0.05 else rng.randrange(1, len(stages))
    records = [stage_record(rng, p.stage, p.questions, i < reached) for i, p in enumerate(plan.stages)]
    started = FIRST_DAY + timedelta(days=number * 0.7, minutes=rng.randrange(600))
    mode = "loop" if loop else "practice"
    session_id = f"{started:%Y%m%d-%H%M%S}-{mode}"
    while session_id in store_ids:
        session_id += "-2"
    store_ids.add(session_id)
    return SessionRecord(
        id=session_id,
        mode=mode,
        seed=number,
        pack_id=pack.id,
        pack_path=str(pack.folder),
        stages_path=str(catalog.folder),
        started_at=started,
        updated_at=started + timedelta(minutes=20 * len(stages)),
        status="finished" if reached == len(stages) else "in_progress",
        stages=records,
    )


def write_sessions(folder: Path, count: int) -> tuple[Pack, int]:
    from tui_interview.domain.bank.pack import load_pack
    from tui_interview.domain.bank.stages import load_stages
    from tui_interview.domain.locations import default_pack_dir, shipped_stages_dir
    from tui_interview.domain.sessions.store import SessionStore

    pack = load_pack(default_pack_dir())
    catalog = load_stages(shipped_stages_dir())
    store = SessionStore(folder)
    ids: set[str] = set()
    for number in range(count):
        store.save(session_record(number, pack, catalog, ids))
    return pack, sum(path.stat().st_size for path in folder.glob("*.toml"))


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


def run(sessions: int, repeats: int, keep: bool) -> None:
    from tui_interview.domain.history.index import HistoryIndex
    from tui_interview.domain.scoring.scores import score_session
    from tui_interview.domain.sessions.store import SessionStore

    tmp = Path(tempfile.mkdtemp(prefix="tui-bench-history-"))
    folder, cache = tmp / "sessions", tmp / "history-index.json"
    try:
        generate, (pack, size) = timed(lambda: write_sessions(folder, sessions))
        print(f"{sessions} session files, {size / 1e6:.1f} MB, written in {generate:.1f} s ({folder})")

        def pack_for(record: SessionRecord) -> Pack:
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
        script = tmp / "history_json.py"
        script.write_text(CHILD, encoding="utf-8")
        child = [sys.executable, str(script), str(folder), str(cache), str(REPO)]
        spawned, out, err = spawn([*child, "history"], repeats)
        show("(c) same as a subprocess, spawn to exit", spawned, JSON_TARGET)
        print(f"    child: {err}; printed {len(out) / 1e6:.2f} MB of JSON")
        with_cli, _, _ = spawn([*child, "cli"], repeats)
        show("    ... importing tui_interview.cli first", with_cli, JSON_TARGET)
        bare, _, _ = spawn([sys.executable, "-c", "pass"], repeats)
        show("    baseline: python -c pass", bare)
        scan = repeat(lambda: SessionStore(folder).scan(), max(1, repeats // 2))
        show("(d) baseline: SessionStore.scan()", scan)
        naive, _ = timed(lambda: [score_session(r, pack) for r in SessionStore(folder).scan().sessions])
        show("(d) baseline: scan() + score_session each", [naive])
        print()
        print(f"scan / warm load: {statistics.median(scan) / statistics.median(warm):.0f}x")
        print(f"scan + score / warm load: {naive / statistics.median(warm):.0f}x")
        print(f"cold build / (scan + score): {cold / naive:.2f}")
        beyond_startup = statistics.median(spawned) - statistics.median(bare)
        print(f"subprocess JSON - python startup: {beyond_startup * 1000:.0f} ms")
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
    run(args.sessions, args.repeats, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
