"""Seeded fuzzing of the file loaders: mutated packs, stages, session files and history caches.

Every mutant must either load or be refused with one of the project's own errors (``DataFileError`` and its
subclasses, ``SessionFileError``); nothing else may escape, and whatever loads must go on to draw, grade,
score and export without an exception and with finite numbers. A few mutants also go through the command
line (``bank validate``, ``history --json``) in-process, which must exit 0, 1 or 2 and print valid JSON.

Mutations: missing keys, wrong types, non-finite and absurd numbers, unknown keys, huge strings and lists,
deep nesting (arrays and inline tables), binary garbage, truncation, byte flips, NUL bytes, BOM, CRLF,
CR-only, UTF-16 and Latin-1, and odd file-system entries (folders, FIFOs, links, sparse huge files).
The run is seeded, so a failure names a mutant that can be replayed; it takes a few seconds.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tui_interview.cli import main
from tui_interview.domain.bank.pack import PACK_FILE, Pack, load_pack
from tui_interview.domain.bank.problems import DataFileError
from tui_interview.domain.bank.stages import StageCatalog, load_stages
from tui_interview.domain.files import SESSION_FILE_LIMIT
from tui_interview.domain.grading.grade import grade_answer
from tui_interview.domain.history.index import HistoryIndex
from tui_interview.domain.history.spaced import build_review_state
from tui_interview.domain.planning.draw import DrawError, draw_loop
from tui_interview.domain.planning.practice import PracticeError, fit_minutes
from tui_interview.domain.reporting.html import report_html
from tui_interview.domain.reporting.json import report_json
from tui_interview.domain.reporting.markdown import report_markdown
from tui_interview.domain.reporting.report import build_report
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.probing import MissedPointProber
from tui_interview.domain.sessions.run import LoopRun
from tui_interview.domain.sessions.store import SessionFileError, SessionStore

SEED = 20261201
REPO = Path(__file__).parent.parent
SHIPPED_PACK = REPO / "questions" / "mlops"
SHIPPED_STAGES = REPO / "stages"
PACK_MUTANTS = 120
STAGE_MUTANTS = 40
SESSION_MUTANTS = 100
CACHE_MUTANTS = 30
CLI_MUTANTS = 4
"""Mutants of each of the pack and the session also run through the command line."""

WRONG_VALUES: tuple[Any, ...] = (
    "",
    " ",
    "x",
    "../../escaped",
    "\x1b]0;pwned\x07\x00",
    0,
    -1,
    1.5,
    True,
    False,
    [],
    {},
    [1, "a"],
    {"a": 1},
    [[[]]],
    10**30,
    -(10**30),
    float("inf"),
    float("-inf"),
    float("nan"),
    1e308,
    -1e-300,
    datetime(1, 1, 1),
    datetime(9999, 12, 31, 23, 59, 59),
)
NUMBERS: tuple[Any, ...] = (float("inf"), float("-inf"), float("nan"), 1e308, -1.0, -0.0, 0, 10**30, True, 1e-320)


# Mutations ------------------------------------------------------------------------------------------------


def _slots(value: Any, slots: list[tuple[Any, Any]]) -> None:
    """Every (container, key or index) in a parsed TOML document, depth first."""
    if isinstance(value, dict):
        for key in list(value):
            slots.append((value, key))
            _slots(value[key], slots)
    elif isinstance(value, list):
        for index in range(len(value)):
            slots.append((value, index))
            _slots(value[index], slots)


def _numeric_slots(slots: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [(c, k) for c, k in slots if isinstance(c[k], int | float) and not isinstance(c[k], bool)]


def _dump(data: dict[str, Any]) -> bytes:
    return tomli_w.dumps(data, multiline_strings=True).encode("utf-8")


def data_mutation(rng: random.Random, text: bytes) -> tuple[str, bytes]:
    """Parse, change one thing in the data, write back."""
    data = tomllib.loads(text.decode("utf-8"))
    slots: list[tuple[Any, Any]] = []
    _slots(data, slots)
    kind = rng.choice(
        ["delete", "wrong-type", "non-finite", "unknown-key", "huge-string", "long-list", "duplicate", "empty-list"]
    )
    container, key = rng.choice(slots)
    if kind == "delete":
        del container[key]
    elif kind == "wrong-type":
        container[key] = rng.choice(WRONG_VALUES)
    elif kind == "non-finite":
        numeric = _numeric_slots(slots)
        container, key = rng.choice(numeric) if numeric else (container, key)
        container[key] = rng.choice(NUMBERS)
    elif kind == "unknown-key":
        tables = [c[k] for c, k in slots if isinstance(c[k], dict)] or [data]
        rng.choice(tables)["promt"] = "a typo"
    elif kind == "huge-string":
        strings = [(c, k) for c, k in slots if isinstance(c[k], str)] or [(container, key)]
        container, key = rng.choice(strings)
        container[key] = rng.choice(["word " * 20_000, "x" * 1_000_000, "\x00\x1b[2J" * 20_000])
    elif kind == "long-list":
        lists = [(c, k) for c, k in slots if isinstance(c[k], list) and c[k]] or [(container, key)]
        container, key = rng.choice(lists)
        items = container[key] if isinstance(container[key], list) and container[key] else ["x"]
        length = rng.choice([51, 1001, 5000 if len(text) < 100_000 else 1001])  # just past the caps, or far
        container[key] = (items * (length // len(items) + 1))[:length]
    elif kind == "duplicate":
        lists = [(c, k) for c, k in slots if isinstance(c[k], list) and c[k]] or [(container, key)]
        container, key = rng.choice(lists)
        if isinstance(container[key], list) and container[key]:
            container[key].append(container[key][0])
    else:
        lists = [(c, k) for c, k in slots if isinstance(c[k], list)] or [(container, key)]
        container, key = rng.choice(lists)
        container[key] = []
    return f"data:{kind}", _dump(data)


def text_mutation(rng: random.Random, text: bytes) -> tuple[str, bytes]:
    """Change the bytes of the file without parsing it."""
    kind = rng.choice(
        [
            "truncate",
            "flip-bytes",
            "garbage",
            "nul-bytes",
            "bom",
            "crlf",
            "cr-only",
            "utf-16",
            "latin-1",
            "deep-array",
            "deep-table",
            "deep-value",
            "empty",
            "whitespace",
            "doubled",
        ]
    )
    if kind == "truncate":
        return kind, text[: rng.randrange(len(text) + 1)]
    if kind == "flip-bytes":
        mutable = bytearray(text)
        for _ in range(rng.randint(1, 20)):
            mutable[rng.randrange(len(mutable))] = rng.randrange(256)
        return kind, bytes(mutable)
    if kind == "garbage":
        at = rng.randrange(len(text) + 1)
        return kind, text[:at] + rng.randbytes(rng.randint(1, 4096)) + text[at:]
    if kind == "nul-bytes":
        at = rng.randrange(len(text) + 1)
        return kind, text[:at] + b"\x00" * rng.randint(1, 8) + text[at:]
    if kind == "bom":
        return kind, b"\xef\xbb\xbf" + text
    if kind == "crlf":
        return kind, text.replace(b"\n", b"\r\n")
    if kind == "cr-only":
        return kind, text.replace(b"\n", b"\r")
    if kind == "utf-16":
        return kind, text.decode("utf-8").encode("utf-16")
    if kind == "latin-1":
        return kind, text.decode("utf-8").replace("e", "é").encode("latin-1", "replace")
    depth = rng.choice([50, 101, 600, 5000])
    if kind == "deep-array":
        return f"{kind}-{depth}", f"x = {'[' * depth}{']' * depth}\n".encode() + text
    if kind == "deep-table":
        return f"{kind}-{depth}", f"x = {'{a = ' * depth}1{'}' * depth}\n".encode() + text
    if kind == "deep-value":  # the first value of the file replaced by a deep array
        lines = text.split(b"\n")
        index = next((i for i, line in enumerate(lines) if b" = " in line), 0)
        key = lines[index].split(b" = ")[0] if b" = " in lines[index] else b"x"
        lines[index] = key + b" = " + b"[" * depth + b"]" * depth
        return f"{kind}-{depth}", b"\n".join(lines)
    if kind == "empty":
        return kind, b""
    if kind == "whitespace":
        return kind, b" \n\t\n"
    return kind, text + text


def mutate(rng: random.Random, text: bytes) -> tuple[str, bytes]:
    return data_mutation(rng, text) if rng.random() < 0.55 else text_mutation(rng, text)


FileSystemMutation = Callable[[Path, bytes], None]


def _as_folder(path: Path, _: bytes) -> None:
    path.mkdir()


def _as_fifo(path: Path, _: bytes) -> None:
    os.mkfifo(path)


def _as_dangling_link(path: Path, _: bytes) -> None:
    path.symlink_to(path.parent / "gone.toml")


def _as_link_loop(path: Path, _: bytes) -> None:
    path.symlink_to(path)


def _as_link_elsewhere(path: Path, text: bytes) -> None:
    target = path.parent.parent / f"outside-{path.name}"
    target.write_bytes(text)
    path.symlink_to(target)


def _as_sparse_huge(path: Path, _: bytes) -> None:
    with path.open("wb") as handle:
        handle.truncate(SESSION_FILE_LIMIT + 1)


FILE_SYSTEM_MUTATIONS: dict[str, FileSystemMutation] = (
    {}
    if os.name == "nt"
    else {
        "fs:folder": _as_folder,
        "fs:fifo": _as_fifo,
        "fs:dangling-link": _as_dangling_link,
        "fs:link-loop": _as_link_loop,
        "fs:link-elsewhere": _as_link_elsewhere,
        "fs:sparse-huge": _as_sparse_huge,
    }
)


def place(rng: random.Random, path: Path, text: bytes, fs_share: float = 0.06) -> str:
    """Write a mutant of ``text`` at ``path`` (or an odd file-system entry there); return what was done."""
    if FILE_SYSTEM_MUTATIONS and rng.random() < fs_share:
        name = rng.choice(sorted(FILE_SYSTEM_MUTATIONS))
        FILE_SYSTEM_MUTATIONS[name](path, text)
        return name
    kind, mutant = mutate(rng, text)
    path.write_bytes(mutant)
    return kind


def clear(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


# Checks ------------------------------------------------------------------------------------------------------


@dataclass
class Tally:
    """Mutations tried and handled, by kind; the failures with how to replay them."""

    tried: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def record(self, kind: str, outcome: str | None, failure: str | None = None) -> None:
        self.tried[kind] += 1
        if outcome == "refused" and not failure:
            self.refused[kind] += 1
        if failure:
            self.failures.append(f"{kind}: {failure}")

    @property
    def handled(self) -> int:
        return sum(self.tried.values()) - len(self.failures)

    def summary(self, name: str) -> str:
        total = sum(self.tried.values())
        refused = sum(self.refused.values())
        return f"{name}: {total} mutations tried, {self.handled} handled ({refused} refused cleanly, the rest loaded)"


def problems_failure(error: DataFileError) -> str | None:
    """Why the problems of a refused pack are not the usual one line per problem naming the file, if they are not."""
    if not error.problems:
        return "refused with no problem listed"
    unnamed = [str(p) for p in error.problems if not str(p).startswith(str(p.file))]
    return f"a problem not naming its file: {unnamed[0]}" if unnamed else None


def check_json(value: object) -> None:
    json.dumps(value, allow_nan=False)  # raises ValueError on NaN or infinity


def use_pack(pack: Pack, catalog: StageCatalog) -> None:
    """What the app does with a loaded pack: draw, time a practice stage, grade an answer."""
    try:
        plan = draw_loop(pack, catalog.loop_stages(), seed=1)
        for stage in plan.stages:
            assert math.isfinite(fit_minutes(stage.stage, stage.questions).minutes)
    except (DrawError, PracticeError):
        pass
    for question in pack.questions[:3]:
        grade = grade_answer(question, "I would check p99 latency, roll back the canary and compare features.")
        assert math.isfinite(grade.score)


def use_record(path: Path, pack: Pack) -> None:
    """What the app does with a loaded session: score it, build and export its report."""
    record = SessionStore(path.parent).load(path)
    report = build_report(record, pack)
    assert math.isfinite(report.scores.overall)
    report_markdown(report)
    report_html(report)
    check_json(report_json(record, report))


@pytest.fixture(scope="module")
def shipped() -> tuple[Pack, StageCatalog]:
    return load_pack(SHIPPED_PACK), load_stages(SHIPPED_STAGES)


@pytest.fixture(scope="module")
def session_text(tmp_path_factory: pytest.TempPathFactory, shipped: tuple[Pack, StageCatalog]) -> bytes:
    return played_session_text(tmp_path_factory.mktemp("played"), *shipped)


def played_session_text(folder: Path, pack: Pack, catalog: StageCatalog) -> bytes:
    """A full loop on the shipped pack, played to the middle: answers, follow-ups, a pause, ticks, a rating."""
    store = SessionStore(folder)
    clock = FakeClock()
    started = datetime(2026, 12, 1, 14, 30, tzinfo=timezone(timedelta(hours=1)))
    plan = draw_loop(pack, catalog.loop_stages(), seed=7)
    run = LoopRun.start_new(plan, pack, SHIPPED_STAGES, store, clock, lambda: started, prober=MissedPointProber())
    for _ in range(2):
        stage = run.stage()
        stage.start()
        for turn in range(12):
            clock.advance(40)
            if turn == 2:
                stage.pause()
                clock.advance(15)
                stage.resume()
            stage.submit("First I check p99 latency and error rate, then roll back the canary if it regresses.")
            if stage.finished:
                break
    run.record.stages[0].answers[0].ticked = [1]
    run.record.stages[0].answers[0].self_rating = 3
    return run.checkpoint().read_bytes()


# The fuzz tests ----------------------------------------------------------------------------------------------


def test_mutated_packs_load_or_fail_with_a_pack_error(tmp_path: Path, shipped: tuple[Pack, StageCatalog]) -> None:
    """Each mutant is pack.toml and one question file of the shipped pack, one of the two mutated."""
    rng = random.Random(SEED)
    _, catalog = shipped
    files = sorted(p.name for p in SHIPPED_PACK.glob("*.toml") if p.name != PACK_FILE)
    tally = Tally()
    for number in range(PACK_MUTANTS):
        folder = tmp_path / f"pack-{number}"
        folder.mkdir()
        question_file = rng.choice(files)
        shutil.copy(SHIPPED_PACK / PACK_FILE, folder / PACK_FILE)
        shutil.copy(SHIPPED_PACK / question_file, folder / question_file)
        target = folder / (PACK_FILE if rng.random() < 0.2 else question_file)
        original = target.read_bytes()
        target.unlink()
        kind = place(rng, target, original)
        try:
            pack = load_pack(folder)
        except DataFileError as error:
            tally.record(kind, "refused", problems_failure(error))
        except Exception as error:
            tally.record(kind, None, f"mutant {number} ({target.name}): {type(error).__name__}: {error}"[:300])
        else:
            try:
                use_pack(pack, catalog)
                tally.record(kind, "loaded")
            except Exception as error:
                tally.record(kind, None, f"mutant {number} loaded, then {type(error).__name__}: {error}"[:300])
        clear(target)
    print(tally.summary("packs"))
    assert not tally.failures, "\n".join(tally.failures)
    assert sum(tally.refused.values()) > PACK_MUTANTS // 2  # the mutations do reach the validator


def test_mutated_stage_files_load_or_fail_with_a_stage_error(tmp_path: Path) -> None:
    rng = random.Random(SEED + 1)
    tally = Tally()
    for number in range(STAGE_MUTANTS):
        folder = tmp_path / f"stages-{number}"
        shutil.copytree(SHIPPED_STAGES, folder)
        target = rng.choice(sorted(folder.glob("*.toml")))
        original = target.read_bytes()
        target.unlink()
        kind = place(rng, target, original)
        try:
            load_stages(folder)
            tally.record(kind, "loaded")
        except DataFileError:
            tally.record(kind, "refused")
        except Exception as error:
            tally.record(kind, None, f"mutant {number} ({target.name}): {type(error).__name__}: {error}"[:300])
        clear(target)
    print(tally.summary("stages"))
    assert not tally.failures, "\n".join(tally.failures)


def test_mutated_sessions_load_or_fail_with_a_session_file_error(
    tmp_path: Path, shipped: tuple[Pack, StageCatalog], session_text: bytes
) -> None:
    """Each mutant goes through the store, the report and exports when it loads, and the history index."""
    rng = random.Random(SEED + 2)
    pack, _ = shipped
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    good = sessions / "20261201-143000-loop.toml"
    good.write_bytes(session_text)
    index = HistoryIndex(sessions, tmp_path / "cache" / "history.json", pack)
    tally = Tally()
    for number in range(SESSION_MUTANTS):
        target = sessions / f"20261201-1431{number % 60:02d}-loop-{number + 2}.toml"
        kind = place(rng, target, session_text, fs_share=0.08)
        outcome: str | None = None
        try:
            use_record(target, pack)
            outcome = "loaded"
        except SessionFileError as error:
            outcome = "refused"
            if error.path != target or not error.reason:
                tally.record(kind, None, f"mutant {number}: a bad SessionFileError: {error!r}")
                outcome = None
        except Exception as error:
            tally.record(kind, None, f"mutant {number}: {type(error).__name__}: {error}"[:300])
        try:
            view = index.load()
            check_json(view.as_json())
            build_review_state(view.sessions).due(datetime(2027, 1, 1, tzinfo=UTC))
            keys = [s.key for s in view.sessions] + [u.key for u in view.unreadable]
            assert len(keys) == len(set(keys)) == 2
            listed = "loaded" if any(s.path == target for s in view.sessions) else "refused"
            if kind.startswith("fs:link") and outcome == "loaded":
                outcome = listed = "refused"  # read when named explicitly, never followed from the history
            assert outcome is None or listed == outcome, f"store said {outcome}, history said {listed}"
        except Exception as error:
            tally.record(kind, None, f"mutant {number} in the history: {type(error).__name__}: {error}"[:300])
            outcome = None
        if outcome is not None:
            tally.record(kind, outcome)
        clear(target)
    print(tally.summary("sessions"))
    assert good.read_bytes() == session_text
    assert not tally.failures, "\n".join(tally.failures)


def test_a_mutated_history_cache_is_ignored_or_used_never_fatal(
    tmp_path: Path, shipped: tuple[Pack, StageCatalog], session_text: bytes
) -> None:
    rng = random.Random(SEED + 3)
    pack, _ = shipped
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    (sessions / "20261201-143000-loop.toml").write_bytes(session_text)
    cache = tmp_path / "cache" / "history.json"
    expected = HistoryIndex(sessions, cache, pack).load().sessions
    original = cache.read_bytes()
    failures = []
    for number in range(CACHE_MUTANTS):
        data = json.loads(original)
        [entry] = data["files"].values()
        summary = entry["summary"]
        if number % 3 == 0:
            kind, mutant = text_mutation(rng, original)
        else:
            slots: list[tuple[Any, Any]] = []
            _slots(summary, slots)
            container, key = rng.choice(slots)
            container[key] = rng.choice([*WRONG_VALUES[:21], "2026-13-45", None])
            kind, mutant = "json:wrong-value", json.dumps(data, default=str).encode()
        cache.write_bytes(mutant)
        try:
            view = HistoryIndex(sessions, cache, pack).load()
            check_json(view.as_json())
            [summary] = view.sessions  # values that decode are trusted; numbers out of range are not
            assert summary.path == expected[0].path
            assert 0 <= summary.duration_seconds < math.inf
            assert all(0 <= score <= 1 for score in (summary.overall or 0, *summary.areas.values()))
        except Exception as error:
            failures.append(f"{kind} mutant {number}: {type(error).__name__}: {error}"[:300])
    print(f"history cache: {CACHE_MUTANTS} mutations tried, {CACHE_MUTANTS - len(failures)} handled")
    assert not failures, "\n".join(failures)


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse
        code = exit_.code if isinstance(exit_.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cli-home"
    (home / "sessions").mkdir(parents=True)
    monkeypatch.setenv("TUI_INTERVIEW_HOME", str(home))
    return home


def test_the_command_line_on_mutants_exits_0_1_or_2_without_a_traceback(
    tmp_path: Path, cli_home: Path, session_text: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(SEED + 4)
    files = sorted(p.name for p in SHIPPED_PACK.glob("*.toml") if p.name != PACK_FILE)
    runs = []
    for number in range(CLI_MUTANTS):
        folder = tmp_path / f"cli-pack-{number}"
        shutil.copytree(SHIPPED_PACK, folder)
        target = folder / rng.choice(files)
        text = target.read_bytes()
        target.unlink()
        if number == 0:  # the review's case: deep nesting at the top of a pack file
            target.write_bytes(b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n" + text)
        else:
            place(rng, target, text, fs_share=0.0)
        runs.append(_cli(capsys, "bank", "validate", str(folder)))
    sessions = cli_home / "sessions"
    (sessions / "20261201-143000-loop.toml").write_bytes(session_text)
    for number in range(CLI_MUTANTS):
        target = sessions / f"20261201-15000{number}-loop.toml"
        if number == 0:
            target.write_bytes(b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n")
        elif number == 1:
            target.write_bytes(session_text.replace(b"elapsed_seconds = ", b"elapsed_seconds = nan #", 1))
        else:
            place(rng, target, session_text, fs_share=0.0)
        code, out, err = _cli(capsys, "--pack", str(SHIPPED_PACK), "history", "--json")
        runs.append((code, out, err))
        listing = json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} in history --json"))
        assert len(listing["sessions"]) + len(listing["unreadable"]) == number + 2
        runs.append(_cli(capsys, "--pack", str(SHIPPED_PACK), "history"))
    assert all(code in (0, 1, 2) for code, _, _ in runs), [code for code, _, _ in runs]
    assert not any("Traceback" in out + err for _, out, err in runs)
    print(f"command line: {len(runs)} runs on mutants, exit codes {sorted(Counter(c for c, _, _ in runs).items())}")
