"""What the candidate sees of a session run from another window: ``tui-interview follow``.

The interviewer's window saves the session file as the interview moves on: ``shown_at`` on the question it
shows, ``shown_at`` on each scenario step it reveals (and on a follow-up it asks), and the stage clock
(``elapsed_seconds`` and ``pauses``) at every save. This module reads such a record and keeps only what the
candidate may see: the stage and its interviewer, the question being asked with the parts revealed so far, and
the stage clock. Talking points, model answers, red flags, notes about past attempts and every judgement stay out.

Nothing here writes: a followed session is only ever read (see :func:`read_followed`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from pathlib import Path

from tui_interview.domain.files import SESSION_FILE_LIMIT, read_regular_file
from tui_interview.domain.sessions.clock import Countdown, TimeState
from tui_interview.domain.sessions.records import AnswerRecord, SessionRecord, StageRecord
from tui_interview.domain.sessions.store import SUFFIX, SessionFileError, SessionStore

IN_PROGRESS_MARK = b"in_progress"
"""Bytes every in-progress session file holds (its ``status``): files without them are not parsed by ``latest``."""
PAUSE_MATCH_SECONDS = 0.0005
"""A pause whose start is this close to the saved clock is still open: the clock has not moved since it began."""


class FollowState(Enum):
    """Where the followed interview stands."""

    WAITING = "waiting"
    """The first stage has not shown a question yet."""
    QUESTION = "question"
    """A question is being asked."""
    BETWEEN_STAGES = "between_stages"
    """A stage is over and the next has not started."""
    FINISHED = "finished"


@dataclass(frozen=True)
class RevealedPart:
    """A part of the question shown after its prompt: a scenario step, or a follow-up the interviewer asked."""

    title: str
    text: str


@dataclass(frozen=True)
class StageClock:
    """The stage clock as the last save left it, counting on from then while the stage runs."""

    limit_seconds: float
    elapsed_seconds: float
    """Seconds of the stage used when the file was saved."""
    saved_at: datetime
    running: bool
    """The clock was running when the file was saved (the stage in progress and not paused)."""

    def elapsed_at(self, now: datetime) -> float:
        """Seconds of the stage used at ``now``, capped at the limit."""
        since = max((_aware(now) - _aware(self.saved_at)).total_seconds(), 0.0) if self.running else 0.0
        return min(self.elapsed_seconds + since, self.limit_seconds)

    def remaining_at(self, now: datetime) -> float:
        return self._countdown(now).remaining

    def state_at(self, now: datetime) -> TimeState:
        """How urgent the time left is, by the stage screen's own thresholds."""
        return self._countdown(now).state

    def _countdown(self, now: datetime) -> Countdown:
        return Countdown(self.limit_seconds, clock=lambda: 0.0, elapsed_before=self.elapsed_at(now))


@dataclass(frozen=True)
class FollowView:
    """Everything the candidate view shows of one saved version of the session."""

    session_id: str
    state: FollowState
    stage_number: int
    """1-based number of the stage in progress, or the next one; the last one once finished."""
    stages: int
    stage_title: str
    interviewer_name: str
    interviewer_role: str
    intro: str
    """What the interviewer says to open the stage (shown while waiting for it)."""
    question_number: int = 0
    """1-based number of the question being asked; 0 when none is."""
    questions: int = 0
    prompt: str = ""
    parts: tuple[RevealedPart, ...] = ()
    clock: StageClock | None = None
    """None between stages and once finished."""
    paused: bool = False


def follow_view(record: SessionRecord) -> FollowView:
    """The candidate's view of ``record``: the question being asked, its revealed parts and the stage clock."""
    index = record.current_stage_index
    if record.status == "finished" or index >= len(record.stages):
        return _stage_view(record, len(record.stages) - 1, FollowState.FINISHED)
    stage = record.stages[index]
    if stage.status != "running":
        return _stage_view(record, index, FollowState.WAITING if index == 0 else FollowState.BETWEEN_STAGES)
    paused = _paused(stage)
    clock = StageClock(stage.minutes * 60, stage.elapsed_seconds, record.updated_at, running=not paused)
    current = _question_asked(stage)
    if current is None:
        return _stage_view(record, index, FollowState.WAITING, clock=clock, paused=paused)
    number, answer = current
    base = _stage_view(record, index, FollowState.QUESTION, clock=clock, paused=paused)
    parts = _revealed(answer, stage.interviewer_name)
    return replace(base, question_number=number, questions=len(stage.answers), prompt=answer.prompt, parts=parts)


def _stage_view(
    record: SessionRecord, index: int, state: FollowState, *, clock: StageClock | None = None, paused: bool = False
) -> FollowView:
    stage = record.stages[index]
    return FollowView(
        session_id=record.id,
        state=state,
        stage_number=index + 1,
        stages=len(record.stages),
        stage_title=stage.title,
        interviewer_name=stage.interviewer_name,
        interviewer_role=stage.interviewer_role,
        intro=stage.intro,
        clock=clock,
        paused=paused,
    )


def _question_asked(stage: StageRecord) -> tuple[int, AnswerRecord] | None:
    """The question shown and not yet closed, with its 1-based number."""
    return next(
        (
            (number, answer)
            for number, answer in enumerate(stage.answers, start=1)
            if answer.shown_at is not None and answer.status == "pending"
        ),
        None,
    )


def _revealed(answer: AnswerRecord, speaker: str) -> tuple[RevealedPart, ...]:
    """The scenario steps revealed and the follow-ups asked, in order, titled as the stage screen titles them
    (without the number of parts to come); a turn not shown yet stays hidden."""
    parts: list[RevealedPart] = []
    part = 1
    for turn in answer.turns:
        if turn.shown_at is None:
            continue
        if turn.kind == "step":
            part += 1
            parts.append(RevealedPart(f"Part {part} · {speaker} adds", turn.prompt))
        else:
            parts.append(RevealedPart(f"{speaker} follows up", turn.prompt))
    return tuple(parts)


def _paused(stage: StageRecord) -> bool:
    """Whether the stage was paused when saved: its last pause began where the clock still stands.

    A session saved at the very moment its pause ended reads the same, so a resume shows from the first save after it.
    """
    if not stage.pauses:
        return False
    return abs(stage.pauses[-1].at_seconds - stage.elapsed_seconds) <= PAUSE_MATCH_SECONDS


def _aware(moment: datetime) -> datetime:
    """``moment`` with a time zone (a naive one is read as local time, as the app saves it)."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def read_followed(path: Path) -> FollowView:
    """Read the session file ``path`` (never writing it) and return the candidate's view of it.

    Raise :class:`SessionFileError` naming why it cannot be read (missing, unreadable, not a session).
    """
    return follow_view(SessionStore(path.parent).load(path))


def latest_in_progress(folder: Path) -> Path | None:
    """The session file in ``folder`` of the newest session still in progress, or None when there is none.

    Files that do not even mention the in-progress status are skipped unparsed, so a folder of a thousand
    finished sessions costs a read of each, not a parse; a file that cannot be read is skipped.
    """
    store = SessionStore(folder)
    newest: tuple[datetime, str, Path] | None = None
    for path in _session_files(folder):
        try:
            if IN_PROGRESS_MARK not in read_regular_file(path, SESSION_FILE_LIMIT):
                continue
            record = store.load(path)
        except (OSError, SessionFileError):
            continue
        if record.status != "in_progress":
            continue
        key = (_aware(record.started_at), path.name, path)
        if newest is None or key[:2] > newest[:2]:
            newest = key
    return newest[2] if newest is not None else None


def _session_files(folder: Path) -> list[Path]:
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [folder / name for name in names if name.endswith(SUFFIX) and not name.startswith(".")]
