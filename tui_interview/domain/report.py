"""The end-of-session report as plain data: built from a session record and its pack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tui_interview.domain.bank import Pack, Question
from tui_interview.domain.formatting import reflow
from tui_interview.domain.session import AnswerRecord, SessionRecord, StageRecord

STATUS_LABELS = {
    "pending": "not finished",
    "answered": "answered",
    "skipped": "skipped",
    "time_up": "time up",
    "not_reached": "not reached",
}


@dataclass(frozen=True)
class StepReview:
    reveal: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class QuestionReport:
    number: int
    question_id: str
    prompt: str
    area: str
    area_title: str
    kind: str
    level: str
    status: str
    answer: str
    seconds: float
    suggested_minutes: float
    words: int
    points: tuple[str, ...]
    steps: tuple[StepReview, ...]
    follow_ups: tuple[str, ...]
    model_answer: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class PauseReport:
    at_seconds: float
    duration_seconds: float


@dataclass(frozen=True)
class StageReport:
    stage_id: str
    title: str
    interviewer: str
    limit_seconds: float
    seconds_used: float
    answered: int
    skipped: int
    time_up: int
    not_reached: int
    pauses: tuple[PauseReport, ...]
    questions: tuple[QuestionReport, ...]


@dataclass(frozen=True)
class SessionReport:
    session_id: str
    mode: str
    seed: int
    pack_title: str
    started_at: datetime
    finished: bool
    stages: tuple[StageReport, ...]

    @property
    def seconds_used(self) -> float:
        return sum(stage.seconds_used for stage in self.stages)

    @property
    def limit_seconds(self) -> float:
        return sum(stage.limit_seconds for stage in self.stages)


def build_report(record: SessionRecord, pack: Pack) -> SessionReport:
    """The report of ``record``; questions missing from ``pack`` keep their saved prompt and answer."""
    return SessionReport(
        session_id=record.id,
        mode=record.mode,
        seed=record.seed,
        pack_title=pack.title,
        started_at=record.started_at,
        finished=record.status == "finished",
        stages=tuple(_stage_report(stage, pack) for stage in record.stages),
    )


def _stage_report(stage: StageRecord, pack: Pack) -> StageReport:
    counts = stage.counts()
    return StageReport(
        stage_id=stage.stage_id,
        title=stage.title,
        interviewer=f"{stage.interviewer_name}, {stage.interviewer_role}",
        limit_seconds=stage.minutes * 60,
        seconds_used=stage.elapsed_seconds,
        answered=counts["answered"],
        skipped=counts["skipped"],
        time_up=counts["time_up"],
        not_reached=counts["not_reached"],
        pauses=tuple(PauseReport(p.at_seconds, p.duration_seconds) for p in stage.pauses),
        questions=tuple(
            _question_report(number, answer, pack.by_id.get(answer.question_id), pack)
            for number, answer in enumerate(stage.answers, start=1)
        ),
    )


def _question_report(number: int, answer: AnswerRecord, question: Question | None, pack: Pack) -> QuestionReport:
    return QuestionReport(
        number=number,
        question_id=answer.question_id,
        prompt=reflow(answer.prompt),
        area=question.area if question else "",
        area_title=pack.area_titles.get(question.area, question.area) if question else "",
        kind=question.kind if question else "",
        level=question.level if question else "",
        status=answer.status,
        answer=answer.answer,
        seconds=answer.seconds,
        suggested_minutes=question.minutes if question else 0.0,
        words=len(answer.answer.split()),
        points=tuple(p.text for p in question.points) if question else (),
        steps=tuple(StepReview(reflow(s.reveal), tuple(p.text for p in s.points)) for s in question.steps)
        if question
        else (),
        follow_ups=tuple(question.follow_ups) if question else (),
        model_answer=question.model_answer.strip() if question else "",
    )
