"""The candidate's previous attempt at a question: the most recent earlier answer to it in the saved history.

"Earlier" means in a session that started before the one under review (another session, never a copy of the
same one). Only real answers count (answered, or cut off by time with something typed); a skip is not an
attempt. The earlier answer is scored against the question as the pack has it now, with the candidate's own
ticks and rating from then, so that both attempts are measured by the same points.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tui_interview.domain.bank.pack import Question
from tui_interview.domain.grading.judged import CachedVerdicts
from tui_interview.domain.history.index import HistoryView, SessionSummary
from tui_interview.domain.scoring.scores import QuestionScore, score_answer
from tui_interview.domain.sessions.records import AnswerRecord, SessionRecord, StageRecord
from tui_interview.domain.sessions.store import SessionFileError

ATTEMPT_STATUSES = frozenset({"answered", "time_up"})
"""Answer statuses that make an attempt (when something was typed)."""


@dataclass(frozen=True)
class PreviousAttempt:
    """An earlier answer to a question, and its score today."""

    session_id: str
    started_at: datetime
    """When the earlier session started."""
    score: QuestionScore


def previous_attempt(
    view: HistoryView,
    load: Callable[[Path], SessionRecord],
    question: Question,
    current: SessionRecord,
    verdicts: CachedVerdicts | None = None,
) -> PreviousAttempt | None:
    """The most recent answer to ``question`` in a session of ``view`` that started before ``current``, or None.

    ``load`` reads a session file (``SessionStore.load``); a file that cannot be read is passed over.
    """
    earlier = [s for s in view.sessions if s.id != current.id and _before(s.started_at, current.started_at)]
    for summary in sorted(earlier, key=lambda s: s.started_at.timestamp(), reverse=True):
        if not _answers(summary, question.id):
            continue
        try:
            record = load(summary.path)
        except (SessionFileError, OSError):
            continue
        found = _last_attempt(record, question.id)
        if found is not None:
            stage, answer = found
            score = score_answer(question, answer, stage.stage_id, verdicts)
            return PreviousAttempt(record.id, record.started_at, score)
    return None


def _before(moment: datetime, other: datetime) -> bool:
    return moment.timestamp() < other.timestamp()  # timestamps: safe whether or not the times carry a zone


def _answers(summary: SessionSummary, question_id: str) -> bool:
    return any(r.question_id == question_id and r.status in ATTEMPT_STATUSES for r in summary.questions)


def _last_attempt(record: SessionRecord, question_id: str) -> tuple[StageRecord, AnswerRecord] | None:
    attempts = [
        (stage, answer)
        for stage in record.stages
        for answer in stage.answers
        if answer.question_id == question_id
        and answer.status in ATTEMPT_STATUSES
        and any(text.strip() for text in answer.texts)
    ]
    return attempts[-1] if attempts else None
