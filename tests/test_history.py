"""Session history: the summary index, its cache, unreadable files, deleting, trends and sorting."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import pytest

from tests.helpers import START, TEST_PACK, played_session
from tui_interview.domain.bank.pack import Pack, load_pack
from tui_interview.domain.history.index import CACHE_VERSION, HistoryIndex, SessionSummary, sort_sessions
from tui_interview.domain.sessions.records import SessionRecord
from tui_interview.domain.sessions.store import SessionStore

GOOD = "My first check is the error rate and p99; if it regresses I roll back at once."
POOR = "I am not sure what I would do here."


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(TEST_PACK)


def save_session(store: SessionStore, pack: Pack, day: int, texts: Sequence[str], stage: str = "technical") -> Path:
    """A one-stage session started ``day`` days after START, answering its questions with ``texts`` in order."""
    run = played_session(store, texts, seed=day, stages=[stage], pack=pack, started=START + timedelta(days=day))
    return store.path_for(run.record.id)


def make_index(tmp_path: Path, pack: Pack, calls: list[str] | None = None) -> HistoryIndex:
    def pack_for(record: SessionRecord) -> Pack:
        if calls is not None:
            calls.append(record.id)
        return pack

    return HistoryIndex(tmp_path / "sessions", tmp_path / "cache" / "history.json", pack_for)


def test_sessions_are_listed_newest_first_with_their_scores(tmp_path: Path, pack: Pack) -> None:
    store = SessionStore(tmp_path / "sessions")
    save_session(store, pack, 0, [POOR] * 4)
    save_session(store, pack, 2, [GOOD] * 4)
    save_session(store, pack, 1, [GOOD, POOR])

    view = make_index(tmp_path, pack).load()

    assert [s.started_at for s in view.sessions] == [START + timedelta(days=d) for d in (2, 1, 0)]
    best, partial, worst = view.sessions
    assert best.overall == pytest.approx(1.0)
    assert best.band == "strong hire"
    assert best.status == "finished"
    assert worst.overall == pytest.approx(0.0)
    assert partial.status == "in_progress"
    assert partial.duration_seconds == pytest.approx(180)
    assert partial.stages == ("Technical assessment",)
    assert set(best.areas) == {q.area for q in pack.questions if q.id in {r.question_id for r in best.questions}}
    assert [r.status for r in partial.questions] == ["answered", "answered", "pending", "pending"]


def test_unchanged_files_come_from_the_cache_and_changed_ones_are_read_again(tmp_path: Path, pack: Pack) -> None:
    store = SessionStore(tmp_path / "sessions")
    kept = save_session(store, pack, 0, [POOR] * 4)
    changed = save_session(store, pack, 1, [POOR] * 4)
    calls: list[str] = []
    assert len(make_index(tmp_path, pack, calls).load().reparsed) == 2
    # Tamper with the cached score of the file that will not change: if it is reused, the tampered value shows.
    cache = tmp_path / "cache" / "history.json"
    data = json.loads(cache.read_text())
    data["files"][kept.name]["summary"]["overall"] = 0.123
    cache.write_text(json.dumps(data))
    record = store.load(changed)
    record.stages[0].answers[0].self_rating = 4
    store.save(record)
    os.utime(changed, ns=(changed.stat().st_atime_ns, changed.stat().st_mtime_ns + 1_000_000))

    calls.clear()
    view = make_index(tmp_path, pack, calls).load()

    assert view.reparsed == (changed,)
    assert calls == [record.id]
    by_path = {s.path: s for s in view.sessions}
    assert by_path[kept].overall == 0.123
    assert by_path[changed].questions[0].self_rating == 4
    assert make_index(tmp_path, pack).load().reparsed == ()


def test_a_corrupt_or_outdated_cache_is_rebuilt_without_complaint(tmp_path: Path, pack: Pack) -> None:
    store = SessionStore(tmp_path / "sessions")
    save_session(store, pack, 0, [GOOD] * 4)
    cache = tmp_path / "cache" / "history.json"
    first = make_index(tmp_path, pack).load()
    for damage in (b"{not json", b"[]", json.dumps({"version": CACHE_VERSION + 1, "files": {}}).encode(), b"\xff"):
        cache.write_bytes(damage)
        view = make_index(tmp_path, pack).load()
        assert len(view.reparsed) == 1
        assert view.sessions == first.sessions
    data = json.loads(cache.read_text())
    assert data["version"] == CACHE_VERSION
    other_pack = HistoryIndex(tmp_path / "sessions", cache, pack, fingerprint="edited pack")
    assert len(other_pack.load().reparsed) == 1


def test_corrupt_and_hand_edited_session_files_are_listed_as_unreadable_and_left_alone(
    tmp_path: Path, pack: Pack
) -> None:
    store = SessionStore(tmp_path / "sessions")
    good = save_session(store, pack, 0, [GOOD] * 4)
    broken = good.with_name("20260101-000000-loop.toml")
    broken.write_text('id = "x"\nstages = [', encoding="utf-8")
    edited = good.with_name("20260102-000000-loop.toml")
    edited.write_text(good.read_text().replace("seed = 0", 'seed = "zero"'), encoding="utf-8")
    before = broken.read_bytes(), edited.read_bytes()

    for _ in range(2):  # the second load reads the verdicts from the cache
        view = make_index(tmp_path, pack).load()
        assert [s.path for s in view.sessions] == [good]
        reasons = {entry.path: entry.reason for entry in view.unreadable}
        assert reasons[broken].startswith("unreadable:")
        assert "field 'seed'" in reasons[edited]
    assert (broken.read_bytes(), edited.read_bytes()) == before
    assert view.as_json()["unreadable"] == [{"path": str(p), "reason": reasons[p]} for p in (broken, edited)]


def test_delete_removes_one_session_file_and_its_entry(tmp_path: Path, pack: Pack) -> None:
    store = SessionStore(tmp_path / "sessions")
    paths = [save_session(store, pack, day, [GOOD] * 4) for day in range(3)]
    index = make_index(tmp_path, pack)
    doomed = index.load().sessions[1]

    assert index.delete(doomed.id) == doomed.path

    assert sorted(p.name for p in (tmp_path / "sessions").iterdir()) == sorted(
        p.name for p in paths if p != doomed.path
    )
    assert doomed.id not in [s.id for s in index.load().sessions]
    fresh = make_index(tmp_path, pack).load()
    assert len(fresh.sessions) == 2
    assert fresh.reparsed == ()
    with pytest.raises(KeyError):
        index.delete(doomed.id)


def test_a_file_removed_outside_the_app_drops_out(tmp_path: Path, pack: Pack) -> None:
    store = SessionStore(tmp_path / "sessions")
    first = save_session(store, pack, 0, [GOOD] * 4)
    second = save_session(store, pack, 1, [GOOD] * 4)
    index = make_index(tmp_path, pack)
    index.load()
    first.unlink()
    assert [s.path for s in index.load().sessions] == [second]
    assert len(make_index(tmp_path, pack).load().sessions) == 1


def test_trend_runs_oldest_first_over_finished_sessions(tmp_path: Path, pack: Pack) -> None:
    store = SessionStore(tmp_path / "sessions")
    save_session(store, pack, 3, [GOOD] * 4)
    save_session(store, pack, 1, [POOR] * 4)
    save_session(store, pack, 2, [GOOD, GOOD, POOR, POOR])
    save_session(store, pack, 4, [GOOD])  # unfinished: left out by default
    view = make_index(tmp_path, pack).load()

    trend = view.trend()
    assert [when for when, _ in trend] == [START + timedelta(days=d) for d in (1, 2, 3)]
    assert [score for _, score in trend] == pytest.approx([0.0, 0.5, 1.0])
    assert len(view.trend(include_unfinished=True)) == 4
    area = view.sessions[0].questions[0].area
    assert area is not None
    area_trend = view.trend(area)
    assert all(0.0 <= score <= 1.0 for _, score in area_trend)
    assert [when for when, _ in area_trend] == sorted(when for when, _ in area_trend)
    assert view.trend("no-such-area") == []


def test_json_lists_what_the_history_command_prints(tmp_path: Path, pack: Pack) -> None:
    store = SessionStore(tmp_path / "sessions")
    path = save_session(store, pack, 0, [GOOD] * 4)
    data = json.loads(json.dumps(make_index(tmp_path, pack).load().as_json()))
    (session,) = data["sessions"]
    assert session["path"] == str(path)
    assert session["id"] == path.stem
    assert session["date"] == START.isoformat()
    assert session["mode"] == "loop"
    assert session["stages"] == ["Technical assessment"]
    assert session["scores"]["overall"] == 1.0
    assert session["scores"]["band"] == "strong hire"
    assert session["duration_seconds"] == 360.0
    assert data["unreadable"] == []


def test_sorting_for_the_history_table(tmp_path: Path, pack: Pack) -> None:
    store = SessionStore(tmp_path / "sessions")
    save_session(store, pack, 0, [GOOD] * 4)
    save_session(store, pack, 1, [POOR] * 4)
    save_session(store, pack, 2, [GOOD, POOR], stage="scenario")
    view = make_index(tmp_path, pack).load()
    days = {s.id: (s.started_at - START).days for s in view.sessions}

    assert [days[s.id] for s in view.sorted_by("date")] == [2, 1, 0]
    assert [days[s.id] for s in view.sorted_by("date", descending=False)] == [0, 1, 2]
    assert [days[s.id] for s in view.sorted_by("score")] == [0, 2, 1]
    assert [days[s.id] for s in view.sorted_by("duration")] == [1, 0, 2]
    assert [days[s.id] for s in sort_sessions(view.sessions, "duration", descending=False)] == [2, 1, 0]
    assert all(isinstance(s, SessionSummary) for s in view.sorted_by("mode"))
    with pytest.raises(ValueError, match="unknown sort key 'colour'"):
        view.sorted_by("colour")  # type: ignore[arg-type]


def test_an_unscored_session_still_lists(tmp_path: Path, pack: Pack) -> None:
    store = SessionStore(tmp_path / "sessions")
    save_session(store, pack, 0, [GOOD] * 4)
    view = HistoryIndex(tmp_path / "sessions", tmp_path / "history.json", lambda _record: None).load()
    (session,) = view.sessions
    assert session.overall is None
    assert session.band is None
    assert view.trend() == []
    assert view.as_json()["sessions"][0]["scores"]["overall"] is None  # type: ignore[index]
