"""Session history: one summary per saved session, kept in a JSON index so the history screen opens fast.

Reading 1,000 session files with pydantic and grading every answer takes seconds, so :class:`HistoryIndex`
keeps what the history screen, ``history --json`` and the spaced review need in a cache file. On each
:meth:`HistoryIndex.load` it lists the session folder, reuses the cached summary of every file whose
``(mtime_ns, size)`` is unchanged and parses and scores only new or changed files. The cache is versioned
JSON written atomically; a missing, corrupt or outdated cache is rebuilt, never trusted and never fatal.

Files that cannot be read back are listed as :class:`UnreadableSession` with the reason and left untouched.

The warm path (nothing changed) imports neither pydantic nor the grader: those are imported only when a
file has to be parsed, which keeps ``history --json`` quick from process start.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import stat
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from tui_interview.domain.bank.pack import Pack
    from tui_interview.domain.scoring.scores import SessionScores
    from tui_interview.domain.sessions.records import SessionRecord

    PackFor = Callable[[SessionRecord], Pack | None]
    """The pack a session was drawn from, or None when it cannot be loaded (the session is then unscored)."""

CACHE_VERSION = 1
SESSION_SUFFIX = ".toml"
SortKey = Literal["date", "score", "duration", "mode"]
SORT_KEYS: tuple[SortKey, ...] = ("date", "score", "duration", "mode")
SORT_ORDERS: Mapping[SortKey, tuple[str, str]] = {
    "date": ("newest first", "oldest first"),
    "score": ("best first", "worst first"),
    "duration": ("longest first", "shortest first"),
    "mode": ("practice first", "loops first"),
}
"""Each sort key's order in words: (descending, ascending)."""


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """What happened to one question of a session, enough for the spaced review."""

    question_id: str
    area: str | None
    """The question's area, or None when the pack no longer has the question."""
    score: float | None
    """The question score (see ``scoring``), or None when the session could not be scored."""
    self_rating: int | None
    status: str
    """The answer status: answered, time_up, skipped, not_reached or pending."""


@dataclass(frozen=True)
class SessionSummary:
    """One saved session as the history screen lists it."""

    id: str
    path: Path
    started_at: datetime
    updated_at: datetime
    mode: str
    status: str
    stages: tuple[str, ...]
    """Stage titles in order."""
    duration_seconds: float
    """Stage-clock time used, pauses excluded."""
    seed: int
    pack_id: str
    overall: float | None
    """Overall score from 0 to 1, or None when the session's pack could not be loaded."""
    band: str | None
    areas: Mapping[str, float] = field(default_factory=dict)
    """Score per competency area id."""
    questions: tuple[QuestionResult, ...] = ()

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    @property
    def key(self) -> str:
        """The session file's name: unique in the history, unlike :attr:`id` (a copied file keeps its id).

        Use it to tell sessions apart (a table's row key, :meth:`HistoryView.find`, :meth:`HistoryIndex.delete`).
        """
        return self.path.name

    def as_json(self) -> dict[str, object]:
        """The session as ``history --json`` prints it; every number is finite, so the JSON is valid."""
        return {
            "id": self.id,
            "path": _path_text(self.path),
            "date": self.started_at.isoformat(),
            "mode": self.mode,
            "status": self.status,
            "stages": list(self.stages),
            "duration_seconds": _rounded(self.duration_seconds, 1),
            "seed": self.seed,
            "pack_id": self.pack_id,
            "scores": {
                "overall": _rounded(self.overall),
                "band": self.band,
                "areas": {area: _rounded(score) for area, score in self.areas.items()},
            },
        }


@dataclass(frozen=True)
class UnreadableSession:
    """A session file that cannot be read back, and why. It is listed, never rewritten."""

    path: Path
    reason: str

    @property
    def key(self) -> str:
        """The file's name, unique in the history (see :attr:`SessionSummary.key`)."""
        return self.path.name

    def as_json(self) -> dict[str, str]:
        return {"path": _path_text(self.path), "reason": self.reason}


@dataclass(frozen=True)
class HistoryView:
    """The result of :meth:`HistoryIndex.load`."""

    sessions: tuple[SessionSummary, ...]
    """Readable sessions, newest first."""
    unreadable: tuple[UnreadableSession, ...]
    reparsed: tuple[Path, ...] = ()
    """Files parsed during this load because the cache had nothing current for them."""

    def as_json(self) -> dict[str, object]:
        """What ``history --json`` prints: every session, newest first, and the unreadable files."""
        return {
            "sessions": [session.as_json() for session in self.sessions],
            "unreadable": [entry.as_json() for entry in self.unreadable],
        }

    def find(self, key: str) -> SessionSummary | None:
        """The session whose :attr:`~SessionSummary.key` (file name) is ``key``; else the newest with that id."""
        by_key = next((s for s in self.sessions if s.key == key), None)
        return by_key or next((s for s in self.sessions if s.id == key), None)

    def sorted_by(self, key: SortKey, descending: bool | None = None) -> list[SessionSummary]:
        """The sessions ordered for the history table; see :func:`sort_sessions`."""
        return sort_sessions(self.sessions, key, descending)

    def trend(self, area: str | None = None, include_unfinished: bool = False) -> list[tuple[datetime, float]]:
        """(start, score) points for a chart, oldest first: the overall score, or one area's score.

        Only finished sessions count unless ``include_unfinished``: an abandoned loop scores its unreached
        questions 0, which would drag the line down for no reason. Unscored sessions and sessions that
        asked nothing from ``area`` are left out.
        """
        points = []
        for session in sorted(self.sessions, key=_date_key):
            if not (session.finished or include_unfinished):
                continue
            score = session.overall if area is None else session.areas.get(area)
            if score is not None:
                points.append((session.started_at, score))
        return points


def default_descending(key: SortKey) -> bool:
    """Date, score and duration sort descending (newest, best, longest first) unless asked; mode ascending."""
    return key != "mode"


def sort_order_label(key: SortKey, descending: bool | None = None) -> str:
    """The order in words: ``newest first``, ``worst first``… (``descending`` None: the key's default)."""
    down, up = SORT_ORDERS[key]
    return down if (default_descending(key) if descending is None else descending) else up


def sort_sessions(
    sessions: Iterable[SessionSummary], key: SortKey, descending: bool | None = None
) -> list[SessionSummary]:
    """``sessions`` ordered by ``key``; ties (and unscored sessions, listed last by score) newest first.

    ``descending`` None sorts in the key's default order (see :func:`default_descending`).
    """
    if key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {key!r} (keys: {', '.join(SORT_KEYS)})")
    reverse = default_descending(key) if descending is None else descending
    ordered = sorted(sessions, key=_date_key, reverse=True)
    if key == "date":
        return ordered if reverse else ordered[::-1]
    if key == "score":
        scored = [s for s in ordered if s.overall is not None]
        scored.sort(key=lambda s: s.overall or 0.0, reverse=reverse)
        return scored + [s for s in ordered if s.overall is None]
    if key == "duration":
        return sorted(ordered, key=lambda s: s.duration_seconds, reverse=reverse)
    return sorted(ordered, key=lambda s: s.mode, reverse=reverse)


def _date_key(session: SessionSummary) -> tuple[float, str, str]:
    return session.started_at.timestamp(), session.id, session.key


def _rounded(value: float | None, digits: int = 3) -> float | None:
    """``value`` rounded, or None when it is None or not finite (JSON has no NaN or infinity)."""
    return None if value is None or not math.isfinite(value) else round(value, digits)


def _path_text(path: Path) -> str:
    """``path`` as text that can always be printed: bytes that are not UTF-8 in a file name are escaped."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def summarize(record: SessionRecord, scores: SessionScores | None, path: Path) -> SessionSummary:
    """The summary of ``record`` (saved at ``path``) with its ``scores``; None scores leave it unscored."""
    results = []
    for s, stage in enumerate(record.stages):
        for q, answer in enumerate(stage.answers):
            score = scores.questions.get((s, q)) if scores is not None else None
            results.append(
                QuestionResult(
                    question_id=answer.question_id,
                    area=score.area if score is not None else None,
                    score=score.score if score is not None else None,
                    self_rating=answer.self_rating,
                    status=answer.status,
                )
            )
    return SessionSummary(
        id=record.id,
        path=path,
        started_at=record.started_at,
        updated_at=record.updated_at,
        mode=record.mode,
        status=record.status,
        stages=tuple(stage.title for stage in record.stages),
        duration_seconds=sum(stage.elapsed_seconds for stage in record.stages),
        seed=record.seed,
        pack_id=record.pack_id,
        overall=scores.overall if scores is not None else None,
        band=scores.band if scores is not None else None,
        areas={area.area: area.score for area in scores.areas} if scores is not None else {},
        questions=tuple(results),
    )


# The cache ------------------------------------------------------------------------------------------------

Entry = SessionSummary | UnreadableSession
Stamp = tuple[int, int]
"""(mtime_ns, size) of a session file when it was read."""


@dataclass
class _Cached:
    stamp: Stamp
    entry: Entry


def _encode(stamp: Stamp, entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {"mtime_ns": stamp[0], "size": stamp[1]}
    if isinstance(entry, UnreadableSession):
        data["unreadable"] = entry.reason
        return data
    data["summary"] = {
        "id": entry.id,
        "started_at": entry.started_at.isoformat(),
        "updated_at": entry.updated_at.isoformat(),
        "mode": entry.mode,
        "status": entry.status,
        "stages": list(entry.stages),
        "duration_seconds": entry.duration_seconds,
        "seed": entry.seed,
        "pack_id": entry.pack_id,
        "overall": entry.overall,
        "band": entry.band,
        "areas": dict(entry.areas),
        "questions": [[r.question_id, r.area, r.score, r.self_rating, r.status] for r in entry.questions],
    }
    return data


def _decode(path: Path, data: Any) -> _Cached:
    """One cache entry; raises KeyError, TypeError, ValueError or IndexError on anything malformed."""
    stamp = (int(data["mtime_ns"]), int(data["size"]))
    if "unreadable" in data:
        return _Cached(stamp, UnreadableSession(path, str(data["unreadable"])))
    raw = data["summary"]
    summary = SessionSummary(
        id=str(raw["id"]),
        path=path,
        started_at=datetime.fromisoformat(raw["started_at"]),
        updated_at=datetime.fromisoformat(raw["updated_at"]),
        mode=str(raw["mode"]),
        status=str(raw["status"]),
        stages=tuple(str(title) for title in raw["stages"]),
        duration_seconds=float(raw["duration_seconds"]),
        seed=int(raw["seed"]),
        pack_id=str(raw["pack_id"]),
        overall=_optional_float(raw["overall"]),
        band=None if raw["band"] is None else str(raw["band"]),
        areas={str(area): float(score) for area, score in raw["areas"].items()},
        questions=tuple(_decode_result(item) for item in raw["questions"]),
    )
    _check_summary(summary)
    return _Cached(stamp, summary)


def _check_summary(summary: SessionSummary) -> None:
    """Raise ValueError if a cached summary holds a number or date no session file could give."""
    from tui_interview.domain.bounds import EARLIEST, LATEST, MAX_SEED

    for moment in (summary.started_at, summary.updated_at):
        if not EARLIEST <= moment.replace(tzinfo=None) <= LATEST:
            raise ValueError("date out of range")
    if not (math.isfinite(summary.duration_seconds) and summary.duration_seconds >= 0):
        raise ValueError("duration out of range")
    if not -MAX_SEED <= summary.seed <= MAX_SEED:
        raise ValueError("seed out of range")
    scores = [summary.overall, *summary.areas.values(), *(r.score for r in summary.questions)]
    if any(score is not None and not 0 <= score <= 1 for score in scores):  # also false for NaN
        raise ValueError("score out of range")
    if any(r.self_rating is not None and not 1 <= r.self_rating <= 4 for r in summary.questions):
        raise ValueError("self-rating out of range")


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} in the history cache")


def _decode_result(item: Sequence[Any]) -> QuestionResult:
    question_id, area, score, rating, status = item
    return QuestionResult(
        question_id=str(question_id),
        area=None if area is None else str(area),
        score=_optional_float(score),
        self_rating=None if rating is None else int(rating),
        status=str(status),
    )


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def pack_fingerprint(folder: Path) -> str:
    """A cheap fingerprint of a pack folder (file names, sizes, mtimes) for :class:`HistoryIndex`.

    Cached scores depend on the pack's talking points; pass this as ``fingerprint`` so an edited pack
    re-scores the history. It reads no file contents.
    """
    parts = []
    try:
        for entry in os.scandir(folder):
            if entry.name.endswith(".toml"):
                stat = entry.stat()
                parts.append(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")
    except OSError:
        return ""
    return "|".join(sorted(parts))


class HistoryIndex:
    """The saved sessions in ``sessions_folder``, summarised and cached in ``cache_path``.

    ``scoring`` is the pack to score sessions with, or a ``pack_for(record)`` callable returning the pack a
    session was drawn from (None when it cannot be loaded, leaving the session unscored). The callable is
    called only for files that have to be parsed, so a lazily loaded pack is never loaded on a warm start.
    ``fingerprint`` identifies what the cached scores depend on (see :func:`pack_fingerprint`); a cache
    written under another fingerprint is ignored.
    """

    def __init__(
        self,
        sessions_folder: Path,
        cache_path: Path,
        scoring: Pack | PackFor | None = None,
        fingerprint: str = "",
    ) -> None:
        self.folder = Path(sessions_folder)
        self.cache_path = Path(cache_path)
        self.scoring = scoring
        self.fingerprint = fingerprint
        self._entries: dict[str, _Cached] | None = None
        self._lock = threading.RLock()

    def load(self) -> HistoryView:
        """Every session file, from the cache where current; new and changed files are parsed and scored.

        Safe to call from a worker thread (calls are serialised), so a screen can load the history without
        blocking; it never raises for a bad file or cache: bad files are listed as unreadable.
        """
        with self._lock:
            cached = self._entries if self._entries is not None else self._read_cache()
            files = self._list_files()
            entries: dict[str, _Cached] = {}
            reparsed: list[Path] = []
            for name, stamp in files.items():
                previous = cached.get(name)
                if previous is not None and previous.stamp == stamp:
                    entries[name] = previous
                else:
                    path = self.folder / name
                    entries[name] = _Cached(stamp, self._parse(path))
                    reparsed.append(path)
            if reparsed or entries.keys() != cached.keys():
                self._write_cache(entries)
            self._entries = entries
            return _view(entries.values(), reparsed)

    def delete(self, key: str) -> Path:
        """Remove the session file named ``key`` (see :attr:`SessionSummary.key`) and its cache entry.

        A session id is accepted too when exactly one session has it. Raise KeyError if no readable
        session matches. The caller confirms with the user first. Unreadable files are never deleted.
        """
        with self._lock:
            if self._entries is None:
                self.load()
            assert self._entries is not None
            readable = {n: c.entry for n, c in self._entries.items() if isinstance(c.entry, SessionSummary)}
            if key in readable:
                name = key
            else:
                with_id = [n for n, summary in readable.items() if summary.id == key]
                if len(with_id) != 1:
                    raise KeyError(key)
                name = with_id[0]
            path = self.folder / name
            path.unlink(missing_ok=True)
            del self._entries[name]
            self._write_cache(self._entries)
            return path

    # Files ----------------------------------------------------------------------------------------------

    def _list_files(self) -> dict[str, Stamp]:
        """Every ``*.toml`` entry of the folder (links, folders and other odd entries included, so that
        they are listed as unreadable), with the ``(mtime_ns, size)`` of the entry itself."""
        files: dict[str, Stamp] = {}
        try:
            scan = list(os.scandir(self.folder))
        except OSError:
            return files
        for entry in scan:
            if not entry.name.endswith(SESSION_SUFFIX) or entry.name.startswith("."):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # removed between listing and stat
            files[entry.name] = (info.st_mtime_ns, info.st_size)
        return files

    def _parse(self, path: Path) -> Entry:
        """The summary of the session in ``path``, or why it cannot be read. Never raises."""
        from tui_interview.domain.files import kind_of
        from tui_interview.domain.scoring.scores import score_session
        from tui_interview.domain.sessions.store import SessionFileError, SessionStore

        try:
            mode = os.lstat(path).st_mode
        except OSError as error:
            return UnreadableSession(path, f"unreadable: {error.strerror or error}")
        if stat.S_ISLNK(mode):
            link = "a dangling symbolic link" if not path.exists() else "a symbolic link"
            return UnreadableSession(path, f"{link}; sessions are read only from regular files, never through links")
        if not stat.S_ISREG(mode):
            return UnreadableSession(path, f"not a session file: {kind_of(mode)}")
        try:
            record = SessionStore(self.folder).load(path)
        except SessionFileError as error:
            return UnreadableSession(path, error.reason)
        pack = self._pack_for(record)
        return summarize(record, score_session(record, pack) if pack is not None else None, path)

    def _pack_for(self, record: SessionRecord) -> Pack | None:
        if self.scoring is None or not callable(self.scoring):
            return self.scoring
        return self.scoring(record)

    # Cache ----------------------------------------------------------------------------------------------

    def _read_cache(self) -> dict[str, _Cached]:
        """The cached entries; empty when the cache is missing, corrupt, or of another version or fingerprint."""
        from tui_interview.domain.files import CACHE_FILE_LIMIT, read_regular_file

        try:
            data = json.loads(read_regular_file(self.cache_path, CACHE_FILE_LIMIT), parse_constant=_no_constants)
        except (OSError, ValueError, RecursionError):
            return {}
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return {}
        if data.get("fingerprint") != self.fingerprint or not isinstance(data.get("files"), dict):
            return {}
        entries: dict[str, _Cached] = {}
        for name, raw in data["files"].items():
            try:
                entries[str(name)] = _decode(self.folder / str(name), raw)
            except (KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError, RecursionError):
                continue  # a damaged entry: the file is parsed again
        return entries

    def _write_cache(self, entries: Mapping[str, _Cached]) -> None:
        from tui_interview.domain.files import write_atomically

        data = {
            "version": CACHE_VERSION,
            "fingerprint": self.fingerprint,
            "files": {name: _encode(cached.stamp, cached.entry) for name, cached in sorted(entries.items())},
        }
        if self.cache_path.parent.is_symlink():
            return  # never write through a link out of the data folder
        with contextlib.suppress(OSError, ValueError):  # a read-only data folder: only slower next time
            text = json.dumps(data, separators=(",", ":"), allow_nan=False)
            write_atomically(self.cache_path, text.encode("utf-8"))


def _view(entries: Iterable[_Cached], reparsed: Sequence[Path]) -> HistoryView:
    sessions = [c.entry for c in entries if isinstance(c.entry, SessionSummary)]
    unreadable = [c.entry for c in entries if isinstance(c.entry, UnreadableSession)]
    return HistoryView(
        sessions=tuple(sorted(sessions, key=_date_key, reverse=True)),
        unreadable=tuple(sorted(unreadable, key=lambda u: u.path.name)),
        reparsed=tuple(reparsed),
    )
