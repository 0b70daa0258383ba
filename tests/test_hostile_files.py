"""Hostile and damaged files (issue 10, items 5-11 and 15-17): domain tests, no Textual.

Each test reproduces one item of the issue as the reliability review found it, and fails without its fix.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from tui_interview.cli import main
from tui_interview.domain.bank.pack import Pack, load_pack
from tui_interview.domain.bank.problems import PackError, StageError
from tui_interview.domain.bank.stages import load_stages
from tui_interview.domain.files import (
    DATA_FILE_LIMIT,
    MAX_NESTING,
    SESSION_FILE_LIMIT,
    FileTooLargeError,
    NotRegularFileError,
    TooDeeplyNestedError,
    nesting_depth_exceeds,
    parse_toml,
    read_regular_file,
)
from tui_interview.domain.formatting import escape_control_characters
from tui_interview.domain.history.index import HistoryIndex, HistoryView
from tui_interview.domain.history.spaced import build_review_state
from tui_interview.domain.planning.draw import draw_loop
from tui_interview.domain.reporting.html import report_html
from tui_interview.domain.reporting.markdown import report_markdown
from tui_interview.domain.reporting.report import build_report
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.run import LoopRun
from tui_interview.domain.sessions.store import SessionFileError, SessionStore, UnsafeSaveError

REPO = Path(__file__).parent.parent
TEST_PACK = Path(__file__).parent / "data" / "pack"
SHIPPED_STAGES = REPO / "stages"
DEEP = "x = " + "[" * 5000 + "]" * 5000 + "\n"
MIB = 1024 * 1024
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters other than tab and newline."""


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(TEST_PACK)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The data folder the CLI uses in these tests."""
    folder = tmp_path / "home"
    monkeypatch.setenv("TUI_INTERVIEW_HOME", str(folder))
    return folder


def new_session(store: SessionStore, pack: Pack, *, answer: str = "", day: int = 0) -> LoopRun:
    """A technical-stage session, started ``day`` days after a fixed date, its first answer typed and saved."""
    from datetime import datetime, timezone

    started = datetime(2026, 11, 26, 9, 30, tzinfo=timezone(timedelta(hours=1))) + timedelta(days=day)
    clock = FakeClock()
    spec = load_stages(SHIPPED_STAGES).stages["technical"]
    run = LoopRun.start_new(draw_loop(pack, [spec], seed=day), pack, SHIPPED_STAGES, store, clock, lambda: started)
    stage = run.stage()
    stage.start()
    clock.advance(30)
    stage.set_draft(answer)
    run.checkpoint()
    return run


def history(home: Path, pack: Pack) -> HistoryView:
    return HistoryIndex(home / "sessions", home / "cache" / "history.json", pack).load()


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def strict_json(text: str) -> Any:
    """``json.loads`` that refuses NaN and infinities, which are not JSON."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def finishes_within(seconds: float, work: Callable[[], object]) -> tuple[bool, object]:
    """Run ``work`` in a daemon thread; (whether it finished in time, its result or exception)."""
    outcome: list[object] = []

    def target() -> None:
        try:
            outcome.append(work())
        except Exception as error:  # the caller looks at it
            outcome.append(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    return not thread.is_alive(), outcome[0] if outcome else None


@pytest.fixture
def fifo() -> Iterator[Callable[[Path], Path]]:
    """Make FIFOs; at the end open each for writing once, so a reader stuck on one (before the fix) gets EOF."""
    made: list[Path] = []

    def make(path: Path) -> Path:
        os.mkfifo(path)
        made.append(path)
        return path

    yield make
    for path in made:
        with contextlib.suppress(OSError):
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need a POSIX system")
needs_symlinks = pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")


# 5. The file name is the session's identity ---------------------------------------------------------------


def test_a_session_whose_id_names_another_file_is_saved_back_to_its_own_file(tmp_path: Path, pack: Pack) -> None:
    store = SessionStore(tmp_path / "sessions")
    original = new_session(store, pack, answer="original words")
    source = original.record.source
    assert source is not None
    copy = store.folder / "x.toml"
    shutil.copy(source, copy)
    victim = store.folder / "20261201-201652-loop.toml"
    victim.write_text("this is corrupt and must not be overwritten\n", encoding="utf-8")
    edit(copy, f'id = "{original.record.id}"', 'id = "20261201-201652-loop"')
    before = source.read_bytes()

    record = store.load(copy)
    assert record.source == copy
    resumed = LoopRun.resume(record, pack, store, FakeClock(), lambda: record.updated_at)
    resumed.stage().start()
    resumed.stage().set_draft("typed after the resume")
    assert resumed.checkpoint() == copy

    assert victim.read_text(encoding="utf-8") == "this is corrupt and must not be overwritten\n"
    assert source.read_bytes() == before
    assert "typed after the resume" in copy.read_text(encoding="utf-8")
    assert sorted(p.name for p in store.folder.iterdir()) == sorted([source.name, copy.name, victim.name])


def test_a_renamed_session_is_saved_under_its_new_name_and_no_copy_stays_unfinished(tmp_path: Path, pack: Pack) -> None:
    store = SessionStore(tmp_path / "sessions")
    run = new_session(store, pack)
    assert run.record.source is not None
    renamed = run.record.source.rename(store.folder / "my interview.toml")
    record = store.load(renamed)
    record.status = "finished"
    assert store.save(record) == renamed
    assert [p.name for p in store.folder.iterdir()] == ["my interview.toml"]
    assert store.load(renamed).status == "finished"


def test_a_new_session_never_replaces_a_file_already_there(tmp_path: Path, pack: Pack) -> None:
    store = SessionStore(tmp_path / "sessions")
    run = new_session(store, pack)
    fresh = run.record.model_copy(deep=True)
    fresh._source = None  # a record that was never read from or saved to a file
    fresh.id = store.new_id(run.record.id)
    unreadable = store.path_for(fresh.id)
    unreadable.write_text("not a session = [", encoding="utf-8")
    with pytest.raises(UnsafeSaveError, match="already exists"):
        store.save(fresh)
    assert unreadable.read_text(encoding="utf-8") == "not a session = ["


# 6. Path traversal through the id ---------------------------------------------------------------------------


def test_an_id_that_is_not_one_the_app_makes_is_rejected_and_nothing_is_written_outside(
    tmp_path: Path, pack: Pack
) -> None:
    store = SessionStore(tmp_path / "home" / "sessions")
    run = new_session(store, pack)
    path = run.record.source
    assert path is not None
    edit(path, f'id = "{run.record.id}"', 'id = "../../escaped-20261201-201652-loop"')

    with pytest.raises(SessionFileError, match="field 'id'"):
        store.load(path)
    with pytest.raises(ValidationError):
        run.record.id = "../../escaped-20261201-201652-loop"
    with pytest.raises(ValueError, match="not a session id"):
        store.new_id("../../escaped")
    run.checkpoint()
    assert not list(tmp_path.rglob("escaped*"))


def test_a_session_read_from_outside_the_sessions_folder_is_never_written_there(tmp_path: Path, pack: Pack) -> None:
    store = SessionStore(tmp_path / "sessions")
    run = new_session(store, pack)
    assert run.record.source is not None
    outside = tmp_path / "pyproject.toml"
    shutil.copy(run.record.source, outside)
    before = outside.read_bytes()
    record = store.load(outside)
    record.status = "finished"
    with pytest.raises(UnsafeSaveError, match="outside the sessions folder") as caught:
        store.save(record)
    assert isinstance(caught.value, OSError)
    assert caught.value.strerror
    assert outside.read_bytes() == before


@needs_symlinks
def test_a_save_never_follows_a_symbolic_link_out_of_the_sessions_folder(tmp_path: Path, pack: Pack) -> None:
    store = SessionStore(tmp_path / "sessions")
    run = new_session(store, pack)
    assert run.record.source is not None
    target = tmp_path / "elsewhere.toml"
    shutil.copy(run.record.source, target)
    before = target.read_bytes()
    link = store.folder / "linked.toml"
    link.symlink_to(target)
    record = store.load(link)
    with pytest.raises(UnsafeSaveError, match="symbolic link"):
        store.save(record)
    assert link.is_symlink()
    assert target.read_bytes() == before


@needs_symlinks
def test_a_data_folder_that_is_itself_a_link_still_works(tmp_path: Path, pack: Pack) -> None:
    real = tmp_path / "real"
    (real / "sessions").mkdir(parents=True)
    (tmp_path / "linked").symlink_to(real)
    store = SessionStore(tmp_path / "linked" / "sessions")
    run = new_session(store, pack)
    assert [p.name for p in (real / "sessions").iterdir()] == [f"{run.record.id}.toml"]


# 7. Deeply nested TOML ----------------------------------------------------------------------------------------


def test_a_deeply_nested_session_file_is_listed_as_unreadable_not_a_crash(
    home: Path, pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    store = SessionStore(home / "sessions")
    new_session(store, pack)
    deep = store.folder / "d.toml"
    deep.write_text(DEEP, encoding="utf-8")

    with pytest.raises(SessionFileError, match="nested more than"):
        store.load(deep)
    view = history(home, pack)
    assert len(view.sessions) == 1
    [unreadable] = view.unreadable
    assert unreadable.path == deep
    assert "nested" in unreadable.reason

    code, out, err = run_cli(capsys, "--pack", str(TEST_PACK), "history", "--json")
    assert code == 0
    assert "Traceback" not in err
    assert strict_json(out)["unreadable"][0]["path"] == str(deep)
    code, out, err = run_cli(capsys, "--pack", str(TEST_PACK), "history")
    assert code == 0
    assert f"{deep}: " in out
    code, out, err = run_cli(capsys, "--pack", str(TEST_PACK), "report", "latest", "--include-unfinished")
    assert code == 0
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("file", "text"),
    [
        ("questions.toml", DEEP),
        ("questions.toml", "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"),
        ("pack.toml", DEEP),
    ],
    ids=["question-file-array", "question-file-inline-table", "pack-toml"],
)
def test_a_deeply_nested_pack_file_is_one_clean_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], file: str, text: str
) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(TEST_PACK, folder)
    path = folder / file
    path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(PackError) as caught:
        load_pack(folder)
    assert [str(p) for p in caught.value.problems if p.file == path] == [
        f"{path}: cannot be read: nested more than {MAX_NESTING} levels deep (arrays or inline tables)"
    ]
    code, _, err = run_cli(capsys, "bank", "validate", str(folder))
    assert code == 1
    assert "Traceback" not in err
    assert str(path) in err


def test_a_deeply_nested_stage_file_is_one_clean_problem(tmp_path: Path) -> None:
    folder = tmp_path / "stages"
    shutil.copytree(SHIPPED_STAGES, folder)
    (folder / "technical.toml").write_text(DEEP, encoding="utf-8")
    with pytest.raises(StageError, match="nested more than"):
        load_stages(folder)


def test_a_deeply_nested_or_non_finite_history_cache_is_rebuilt(home: Path, pack: Pack) -> None:
    store = SessionStore(home / "sessions")
    new_session(store, pack)
    cache = home / "cache" / "history.json"
    first = history(home, pack)
    for damage in ("[" * 100_000 + "]" * 100_000, '{"version": NaN}'):
        cache.write_text(damage, encoding="utf-8")
        view = history(home, pack)
        assert view.sessions == first.sessions
        assert len(view.reparsed) == 1
    data = strict_json(cache.read_text(encoding="utf-8"))
    [entry] = data["files"].values()
    entry["summary"]["duration_seconds"] = 1e400  # json.dumps writes Infinity
    entry["mtime_ns"] = 1e400
    cache.write_text(json.dumps(data), encoding="utf-8")
    view = history(home, pack)
    assert view.sessions == first.sessions
    assert len(view.reparsed) == 1


def test_the_nesting_pre_check_ignores_brackets_in_strings_and_comments() -> None:
    deep = "[" * (MAX_NESTING + 1)
    for text in (
        f'a = "{deep}"\n',
        f"a = '{deep}'\n",
        f'a = """\n{deep}\n"""\n',
        f"a = '''\n{deep}\n'''\n",
        f"# {deep}\n",
        f'a = "\\" {deep}"\n',
        "[[questions]]\n[[questions.points]]\nkeywords = [[1, 2], [3]]\n",
    ):
        assert not nesting_depth_exceeds(text), text
    assert nesting_depth_exceeds("x = " + "[" * (MAX_NESTING + 1))
    assert parse_toml('a = "[[[[["') == {"a": "[[[[["}
    with pytest.raises(TooDeeplyNestedError):
        parse_toml(DEEP, max_nesting=10_000)  # past the pre-check: the parser runs out of stack, caught


# 8. Two files with the same id -------------------------------------------------------------------------------


def test_two_files_with_the_same_id_have_distinct_keys_and_break_nothing(
    home: Path, pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    store = SessionStore(home / "sessions")
    run = new_session(store, pack, answer="First I look at p99")
    source = run.record.source
    assert source is not None
    backup = shutil.copy(source, store.folder / "s-backup.toml")

    view = history(home, pack)
    assert [s.id for s in view.sessions] == [run.record.id] * 2
    assert sorted(s.key for s in view.sessions) == sorted([source.name, "s-backup.toml"])
    assert not view.unreadable
    for summary in view.sessions:
        assert view.find(summary.key) is summary
    assert len(view.sorted_by("score")) == 2
    assert len(view.trend(include_unfinished=True)) == 2
    state = build_review_state(view.sessions)
    assert all(len(results) == 1 for results in state.results.values())  # the copy counts once

    code, out, _err = run_cli(capsys, "--pack", str(TEST_PACK), "history", "--json")
    assert code == 0
    assert len(strict_json(out)["sessions"]) == 2

    index = HistoryIndex(home / "sessions", home / "cache" / "history.json", pack)
    with pytest.raises(KeyError):
        index.delete(run.record.id)  # ambiguous: two files have it
    assert index.delete("s-backup.toml") == backup
    assert source.exists()
    assert not Path(backup).exists()
    assert index.delete(run.record.id) == source  # unique again


# 9. Numbers out of range -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("elapsed_seconds = 30.0", "elapsed_seconds = nan", "stages.0.elapsed_seconds"),
        ("elapsed_seconds = 30.0", "elapsed_seconds = inf", "stages.0.elapsed_seconds"),
        ("elapsed_seconds = 30.0", "elapsed_seconds = -5000.0", "stages.0.elapsed_seconds"),
        ("elapsed_seconds = 30.0", "elapsed_seconds = 1e300", "stages.0.elapsed_seconds"),
        ("elapsed_seconds = 30.0", "elapsed_seconds = true", "stages.0.elapsed_seconds"),
        ("minutes = 45.0", "minutes = 1e308", "stages.0.minutes"),
        ("\nseconds = 30.0", "\nseconds = -inf", "stages.0.answers.0.seconds"),
        ("seed = 0", "seed = 99999999999999999999999", "seed"),
        ("format = 1", "format = true", "format"),
        ("shown_at = 0.0", "shown_at = nan", "stages.0.answers.0.shown_at"),
    ],
)
def test_a_number_out_of_range_makes_the_file_unreadable_with_the_field_named(
    home: Path, pack: Pack, capsys: pytest.CaptureFixture[str], old: str, new: str, field: str
) -> None:
    store = SessionStore(home / "sessions")
    run = new_session(store, pack)
    path = run.record.source
    assert path is not None
    edit(path, old, new)

    with pytest.raises(SessionFileError, match=re.escape(f"field {field!r}")):
        store.load(path)
    [unreadable] = history(home, pack).unreadable
    assert field in unreadable.reason
    code, out, err = run_cli(capsys, "--pack", str(TEST_PACK), "history")
    assert code == 0
    assert "Traceback" not in err
    assert "unreadable" in out
    code, out, err = run_cli(capsys, "--pack", str(TEST_PACK), "history", "--json")
    assert code == 0
    assert strict_json(out)["unreadable"][0]["reason"] == unreadable.reason


def test_dates_out_of_range_and_rounding_noise(tmp_path: Path, pack: Pack) -> None:
    store = SessionStore(tmp_path / "sessions")
    run = new_session(store, pack)
    path = run.record.source
    assert path is not None
    text = path.read_text(encoding="utf-8")
    edit(path, "elapsed_seconds = 30.0", "elapsed_seconds = -0.0004")
    assert store.load(path).stages[0].elapsed_seconds == 0.0  # a clock rounding, read as zero
    path.write_text(re.sub(r"started_at = .*", "started_at = 9999-12-31T23:00:00-05:00", text), encoding="utf-8")
    with pytest.raises(SessionFileError, match="field 'started_at'"):
        store.load(path)


def test_history_json_is_valid_even_when_a_cached_number_is_not_finite(
    home: Path, pack: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    store = SessionStore(home / "sessions")
    new_session(store, pack)
    assert run_cli(capsys, "--pack", str(TEST_PACK), "history", "--json")[0] == 0  # writes the cache
    cache = home / "cache" / "history.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    [entry] = data["files"].values()
    entry["summary"]["duration_seconds"] = float("nan")
    cache.write_text(json.dumps(data), encoding="utf-8")  # NaN written by something other than the app
    code, out, _err = run_cli(capsys, "--pack", str(TEST_PACK), "history", "--json")
    assert code == 0
    assert "NaN" not in out
    [session] = strict_json(out)["sessions"]
    assert session["duration_seconds"] == 30.0
    assert "NaN" not in cache.read_text(encoding="utf-8")


# 10. Huge session files --------------------------------------------------------------------------------------


def test_a_session_file_above_the_limit_is_listed_as_too_large_without_being_read(home: Path, pack: Pack) -> None:
    store = SessionStore(home / "sessions")
    new_session(store, pack)
    huge = store.folder / "huge.toml"
    with huge.open("wb") as handle:  # sparse: 17 MB on paper, nothing on disk
        handle.truncate(SESSION_FILE_LIMIT + MIB)
    started = time.perf_counter()
    view = history(home, pack)
    assert time.perf_counter() - started < 5
    assert len(view.sessions) == 1
    [unreadable] = view.unreadable
    assert unreadable.path == huge
    assert unreadable.reason == "too large to read: 17.0 MB (the limit is 16.0 MB)"
    with pytest.raises(SessionFileError, match="too large"):
        store.load(huge)


def test_the_history_can_be_loaded_from_worker_threads(home: Path, pack: Pack) -> None:
    store = SessionStore(home / "sessions")
    for day in range(3):
        new_session(store, pack, day=day)
    index = HistoryIndex(home / "sessions", home / "cache" / "history.json", pack)
    views: list[HistoryView] = []
    threads = [threading.Thread(target=lambda: views.append(index.load())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(views) == 4
    assert all(v.sessions == views[0].sessions for v in views)
    assert len(views[0].sessions) == 3


# 11. Links, folders and other odd entries in sessions/ ------------------------------------------------------


@needs_symlinks
@needs_fifo
def test_links_folders_and_fifos_in_the_sessions_folder_are_listed_as_unreadable(
    home: Path, pack: Pack, fifo: Callable[[Path], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    store = SessionStore(home / "sessions")
    run = new_session(store, pack)
    assert run.record.source is not None
    folder = store.folder
    (folder / "to-a-session.toml").symlink_to(run.record.source)
    (folder / "dangling.toml").symlink_to(folder / "gone.toml")
    (folder / "to-a-folder.toml").symlink_to(home)
    (folder / "folder.toml").mkdir()
    fifo(folder / "pipe.toml")

    ok, result = finishes_within(10, lambda: history(home, pack))
    assert ok, "reading the history blocked on a FIFO"
    assert isinstance(result, HistoryView)
    assert [s.path for s in result.sessions] == [run.record.source]
    reasons = {u.path.name: u.reason for u in result.unreadable}
    assert reasons["to-a-session.toml"].startswith("a symbolic link;")
    assert reasons["to-a-folder.toml"].startswith("a symbolic link;")
    assert reasons["dangling.toml"].startswith("a dangling symbolic link;")
    assert reasons["folder.toml"] == "not a session file: a folder"
    assert reasons["pipe.toml"] == "not a session file: a FIFO (named pipe)"
    code, out, _ = run_cli(capsys, "--pack", str(TEST_PACK), "history", "--json")
    assert code == 0
    assert len(strict_json(out)["unreadable"]) == 5


@needs_symlinks
def test_a_dangling_link_takes_its_name_for_new_sessions(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    (tmp_path / "20261126-093000-loop.toml").symlink_to(tmp_path / "nowhere")
    assert store.new_id("20261126-093000-loop") == "20261126-093000-loop-2"


# 15. Bad numbers in packs and stages -----------------------------------------------------------------------

KEYWORDS = 'keywords = ["first check", "look at", "inspect"]'
"""The keywords of the first talking point of the test pack's first question."""


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("minutes = 3", "minutes = inf", "minutes"),
        ("minutes = 3", "minutes = nan", "minutes"),
        ("minutes = 3", "minutes = 1e308", "minutes"),
        ("minutes = 3", "minutes = 99999999999999999999999", "minutes"),
        ("minutes = 3", "minutes = true", "minutes"),
        ("minutes = 3", "minutes = -1", "minutes"),
        (KEYWORDS, f"{KEYWORDS}\nweight = inf", "weight"),
        (KEYWORDS, f"{KEYWORDS}\nweight = 1e308", "weight"),
        (KEYWORDS, f"{KEYWORDS}\nweight = true", "weight"),
        (KEYWORDS, f"{KEYWORDS}\nweight = 0", "weight"),
    ],
)
def test_the_pack_validator_rejects_non_finite_boolean_and_absurd_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, field: str
) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(TEST_PACK, folder)
    path = folder / "questions.toml"
    edit(path, old, new)
    with pytest.raises(PackError) as caught:
        load_pack(folder)
    [problem] = caught.value.problems
    assert problem.file == path
    assert problem.question == "recruiter-q1"
    assert problem.field is not None
    assert problem.field.split(".")[-1] == field
    assert str(problem).startswith(f"{path}: line 4: question 'recruiter-q1': field '{problem.field}': ")
    code, _, err = run_cli(capsys, "bank", "validate", str(folder))
    assert code == 1
    assert "Traceback" not in err
    assert f"field '{problem.field}'" in err


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("minutes = 45", "minutes = inf", "minutes"),
        ("minutes = 45", "minutes = 1e308", "minutes"),
        ("minutes = 45", "minutes = true", "minutes"),
        ("questions = 4", "questions = true", "questions"),
        ("questions = 4", "questions = 99999999999999999999999", "questions"),
        ("max_per_area = 2", "max_per_area = 2.5", "draw.max_per_area"),
    ],
)
def test_the_stage_validator_rejects_non_finite_boolean_and_absurd_numbers(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    folder = tmp_path / "stages"
    shutil.copytree(SHIPPED_STAGES, folder)
    edit(folder / "technical.toml", old, new)
    with pytest.raises(StageError) as caught:
        load_stages(folder)
    assert [p.field for p in caught.value.problems] == [field]


# 16. Regular files only, with a size limit ------------------------------------------------------------------


@needs_fifo
def test_a_fifo_in_a_pack_folder_is_reported_not_waited_on(
    tmp_path: Path, fifo: Callable[[Path], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(TEST_PACK, folder)
    pipe = fifo(folder / "serving-scenario.toml")

    ok, result = finishes_within(10, lambda: load_pack(folder))
    assert ok, "load_pack blocked on a FIFO"
    assert isinstance(result, PackError)
    assert [str(p) for p in result.problems] == [f"{pipe}: cannot be read: not a regular file (a FIFO (named pipe))"]
    code, _, err = run_cli(capsys, "bank", "validate", str(folder))
    assert code == 1
    assert "FIFO" in err


@needs_fifo
def test_a_fifo_given_as_a_session_is_reported_not_waited_on(tmp_path: Path, fifo: Callable[[Path], Path]) -> None:
    pipe = fifo(tmp_path / "pipe.toml")
    ok, result = finishes_within(10, lambda: SessionStore(tmp_path).load(pipe))
    assert ok, "SessionStore.load blocked on a FIFO"
    assert isinstance(result, SessionFileError)
    assert "not a regular file" in result.reason


@pytest.mark.skipif(not Path("/dev/zero").exists() or os.name == "nt", reason="needs /dev/zero and rlimits")
def test_dev_zero_is_refused_not_read_without_limit(tmp_path: Path) -> None:
    # In a child process with 1 GB of address space, so that reading without limit fails fast and harmlessly.
    script = (
        "import resource, sys; from pathlib import Path\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from tui_interview.domain.sessions.store import SessionFileError, SessionStore\n"
        "try:\n"
        "    SessionStore(Path(sys.argv[1])).load(Path('/dev/zero'))\n"
        "except SessionFileError as error:\n"
        "    print(error.reason)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=60, cwd=REPO
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout == "unreadable: not a regular file (a character device)\n"
    with pytest.raises(NotRegularFileError, match="character device"):
        read_regular_file(Path("/dev/zero"), 1024)


def test_folders_and_huge_files_are_refused_before_reading(tmp_path: Path) -> None:
    with pytest.raises(NotRegularFileError, match="folder"):
        read_regular_file(tmp_path, 1024)
    big = tmp_path / "big.toml"
    with big.open("wb") as handle:
        handle.truncate(DATA_FILE_LIMIT + 1)
    with pytest.raises(FileTooLargeError):
        read_regular_file(big, DATA_FILE_LIMIT)
    folder = tmp_path / "pack"
    shutil.copytree(TEST_PACK, folder)
    shutil.move(big, folder / "big.toml")
    with pytest.raises(PackError, match=r"big.toml: cannot be read: too large: 8.0 MB \(the limit is 8.0 MB\)"):
        load_pack(folder)
    assert read_regular_file(folder / "pack.toml", DATA_FILE_LIMIT) == (TEST_PACK / "pack.toml").read_bytes()


def test_a_pack_toml_that_is_a_folder_is_named_as_such(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(TEST_PACK, folder)
    (folder / "pack.toml").unlink()
    (folder / "pack.toml").mkdir()
    with pytest.raises(PackError, match="not a regular file"):
        load_pack(folder)


# 17. Control characters in exports --------------------------------------------------------------------------


def test_the_sanitiser_shows_control_characters_and_keeps_newlines_and_tabs() -> None:
    assert escape_control_characters("a\tb\nc") == "a\tb\nc"
    assert escape_control_characters("a\r\nb\rc") == "a\nb\nc"
    assert escape_control_characters("\x1b]0;pwned\x07 \x00 \x7f \x9b31m") == "␛]0;pwned␇ ␀ ␡ \ufffd31m"
    assert escape_control_characters("[bold] <b> 日本 🎉") == "[bold] <b> 日本 🎉"


def test_markdown_and_html_exports_never_hold_raw_control_characters(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(TEST_PACK, folder)
    questions = folder / "questions.toml"
    text = questions.read_text(encoding="utf-8")
    questions.write_text(text.replace('prompt = """', 'prompt = """\\u001b]0;pwned\\u0007 \\u0000 '), encoding="utf-8")
    pack = load_pack(folder)
    assert any("\x1b" in q.prompt for q in pack.questions)
    store = SessionStore(tmp_path / "sessions")
    run = new_session(store, pack, answer="I said \x1b[31mred\x1b[0m and \x00 and \x9b2J and\ttab\r\nnext")
    report = build_report(run.record, pack)

    markdown = report_markdown(report)
    page = report_html(report)
    for export in (markdown, page):
        assert not CONTROL_RE.search(export), CONTROL_RE.findall(export)
        assert "␛" in export
        assert "␀" in export
        assert "\t" in export
    assert "␛\\[31mred" in markdown  # shown, and still Markdown-escaped


def test_point_texts_and_keywords_the_grader_could_choke_on_are_rejected(tmp_path: Path) -> None:
    # Found by the fuzz test: a 300 KB point text made grading one answer take over ten minutes.
    folder = tmp_path / "pack"
    shutil.copytree(TEST_PACK, folder)
    path = folder / "questions.toml"
    edit(path, 'text = "Names a concrete first check"', f'text = "{"word " * 60_000}"')
    edit(path, KEYWORDS, 'keywords = ["' + "x" * 101 + '"]')
    with pytest.raises(PackError) as caught:
        load_pack(folder)
    assert sorted(str(p.field) for p in caught.value.problems) == ["points.0.keywords.0", "points.0.text"]


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("[[stages]]", "[[stages]]", "stages"),
        ("[[stages.answers]]", "[[stages.answers]]", "stages.0.answers"),
        ("\nticked = [", "\nticked = [" + "0, " * 1001, "stages.0.answers.0.ticked"),
    ],
    ids=["13-stages", "51-answers", "1001-ticks"],
)
def test_session_lists_longer_than_any_real_session_are_rejected(
    tmp_path: Path, pack: Pack, old: str, new: str, field: str
) -> None:
    store = SessionStore(tmp_path / "sessions")
    run = new_session(store, pack)
    run.record.stages[0].answers[0].ticked = [0]
    path = store.save(run.record)
    text = path.read_text(encoding="utf-8")
    if old == new:  # repeat the block starting at ``old`` until the list is over its cap
        start = text.index(old)
        end = text.find("\n[[stages]]", start + 1) if old == "[[stages]]" else text.find("\n[[stages.answers]]", start)
        block = text[start : end + 1] if end > 0 else text[start:] + "\n"
        copies = 13 if old == "[[stages]]" else 51
        text = text[:start] + block * copies + text[start + len(block) :]
    else:
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SessionFileError, match=re.escape(f"field {field!r}")):
        store.load(path)
