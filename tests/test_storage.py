"""Session files: TOML round trip, atomic writes, and corrupt files that never crash or get overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import scan_sessions, start_session
from tui_interview.domain.files import write_atomically
from tui_interview.domain.sessions.store import SessionStore


def test_a_session_survives_a_round_trip_including_markup_and_quotes(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    loop = start_session(store)
    loop.stage().start()
    loop.stage().submit("I said [bold]\"canary\"[/]\nthen 'rolled back' \\ done")
    path = loop.checkpoint()
    assert path.read_text(encoding="utf-8").count("[[stages]]") == 4
    assert store.load(path) == loop.record


def test_saving_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    loop = start_session(store)
    for _ in range(3):
        loop.checkpoint()
    assert [p.name for p in tmp_path.iterdir()] == [f"{loop.record.id}.toml"]


def test_corrupt_and_hand_edited_files_are_listed_as_unreadable_and_left_alone(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    good = start_session(store).record
    broken = tmp_path / "20260101-000000-loop.toml"
    broken.write_text('id = "x"\nstages = [', encoding="utf-8")
    edited = tmp_path / "20260102-000000-loop.toml"
    edited.write_text(store.path_for(good.id).read_text().replace("seed = 5", 'seed = "five"'), encoding="utf-8")
    before = broken.read_bytes(), edited.read_bytes()

    scan = scan_sessions(store)
    assert [s.id for s in scan.sessions] == [good.id]
    reasons = {error.path.name: error.reason for error in scan.unreadable}
    assert reasons[broken.name].startswith("unreadable:")
    assert "field 'seed'" in reasons[edited.name]
    assert (broken.read_bytes(), edited.read_bytes()) == before


def test_session_ids_stay_unique_within_a_second(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    ids = {start_session(store).record.id for _ in range(3)}
    assert len(ids) == 3


def test_a_failed_save_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(OSError, match="taken"):
        write_atomically(target, b"data")
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]
