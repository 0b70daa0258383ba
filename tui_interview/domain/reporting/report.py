"""The end-of-session report as plain data: built from a session record and its pack."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from tui_interview.domain.bank.pack import Pack, Question
from tui_interview.domain.formatting import percent, plural, reflow
from tui_interview.domain.grading.delivery import Delivery, delivery
from tui_interview.domain.grading.judged import CachedVerdicts
from tui_interview.domain.grading.star import StarAnalysis, star_analysis
from tui_interview.domain.grading.text import words_in
from tui_interview.domain.reporting.preparation import Answered, Preparation, ReportContext, preparation
from tui_interview.domain.scoring.scores import PointVerdict, QuestionScore, SessionScores, score_session
from tui_interview.domain.sessions.records import AnswerRecord, SessionRecord, StageRecord
from tui_interview.domain.vocabulary import (
    DIMENSION_LABELS,
    DIMENSION_RATING_LABELS,
    DIMENSIONS,
    MODE_TITLES,
    STAGE_CALL_LABELS,
    Dimension,
    Mode,
    StageCall,
)

UNGRADED_STATUSES = frozenset({"skipped", "not_reached"})
"""Questions left without an answer: they count as 0 in the stage and area scores but show no score of their own."""

STATUS_LABELS = {
    "pending": "not finished",
    "answered": "answered",
    "skipped": "skipped",
    "time_up": "time up",
    "not_reached": "not reached",
}
PARTLY_ANSWERED: Final = "partly answered"
"""The status label of a question answered with a scenario step skipped."""
SKIPPED_LABEL: Final = "skipped"
"""What is shown for a question, scenario step or follow-up the candidate skipped (Ctrl+N) with nothing typed."""
NOT_SHOWN: Final = "not_shown"
"""The status of a missed point of a scenario step never revealed (time ran out first): it was never asked."""
NOT_SHOWN_NOTE: Final = "not shown: this part of the scenario was never revealed"


def part_label(step: int) -> str:
    """Scenario step ``step`` (1-based) as the candidate saw it numbered: the opening prompt is part 1."""
    return f"part {step + 1}"


@dataclass(frozen=True)
class StepReview:
    reveal: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class TurnReview:
    """A scenario step or follow-up as it happened: what the interviewer said and what was answered."""

    kind: str
    prompt: str
    answer: str
    seconds: float
    skipped: bool = False
    """The candidate skipped it (anything typed before is still in ``answer``)."""
    step: int | None = None
    """For a scenario step, its 1-based number (see :func:`part_label`)."""

    @property
    def notes(self) -> tuple[str, ...]:
        """What its heading adds: the part it was, and whether it was skipped."""
        part = (part_label(self.step),) if self.step is not None else ()
        return (*part, SKIPPED_LABEL) if self.skipped else part


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
    turns: tuple[TurnReview, ...] = ()
    score: QuestionScore | None = None
    """None when the question is no longer in the pack."""
    step_of_point: Mapping[int, int] = field(default_factory=dict)
    """Point index to the scenario step it belongs to (see ``Question.step_of_point``)."""
    delivery: Delivery | None = None
    star: StarAnalysis | None = None
    """Behavioral questions only: which parts of situation, task, action, result the answer has."""
    partly_answered: bool = False
    """Answered, with a scenario step skipped."""
    steps_shown: int = 0
    """How many of its scenario steps were revealed."""

    @property
    def status_label(self) -> str:
        return PARTLY_ANSWERED if self.partly_answered else STATUS_LABELS[self.status]

    @property
    def words_label(self) -> str:
        """The first answer's word count, saying so when later exchanges were typed too."""
        later = any(turn.answer.strip() for turn in self.turns)
        return plural(self.words, "word") + (" in the first answer" if later else "")

    def point_status(self, point: PointVerdict) -> str:
        """The point's status, or :data:`NOT_SHOWN` for a missed point of a step that was never revealed."""
        step = self.step_of_point.get(point.index)
        if point.status == "missed" and step is not None and step > self.steps_shown:
            return NOT_SHOWN
        return point.status

    @property
    def graded(self) -> bool:
        """Whether the question has a score worth showing: it is in the pack and was not skipped or left unreached."""
        return self.score is not None and self.status not in UNGRADED_STATUSES

    @property
    def score_label(self) -> str:
        """The score as shown: a percentage, or a dash saying why there is none ("— (skipped)")."""
        if self.score is None:
            return "—"
        return percent(self.score.score) if self.graded else f"— ({self.status_label})"


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
    score: float = 0.0
    call: StageCall | None = None
    """In an interview: the interviewer's hire or no-hire call on the stage (None: none made)."""
    call_why: str = ""
    aloud: bool = False
    """Answered out loud, each answer self-checked."""


@dataclass(frozen=True)
class SessionReport:
    session_id: str
    mode: Mode
    seed: int
    pack_title: str
    started_at: datetime
    finished: bool
    stages: tuple[StageReport, ...]
    scores: SessionScores
    preparation: Preparation | None = None
    """The target company, tailoring and stories told (see ``reporting.preparation``), when a context is given."""

    @property
    def seconds_used(self) -> float:
        return sum(stage.seconds_used for stage in self.stages)

    @property
    def judged_by_people(self) -> bool:
        """Whether any answer was judged by a person (the interviewer, or a self-check) rather than the grader."""
        return any(score.judged_by != "grader" for score in self.scores.questions.values())

    def dimension_means(self) -> tuple[tuple[Dimension, float, int], ...]:
        """The interviewer's mean rating (1-4) per dimension and how many answers were rated on it."""
        means = []
        for dimension in DIMENSIONS:
            values = [r for s in self.scores.questions.values() for name, r in s.ratings if name == dimension]
            if values:
                means.append((dimension, sum(values) / len(values), len(values)))
        return tuple(means)

    @property
    def limit_seconds(self) -> float:
        return sum(stage.limit_seconds for stage in self.stages)


def build_report(
    record: SessionRecord, pack: Pack, verdicts: CachedVerdicts | None = None, context: ReportContext | None = None
) -> SessionReport:
    """The report of ``record``; questions missing from ``pack`` keep their saved prompt and answer.

    ``verdicts``: the LLM judge's cached verdicts, merged into the scores when given. ``context``: the story
    bank and the target profile, for the report's preparation lines.
    """
    scores = score_session(record, pack, verdicts)
    return SessionReport(
        session_id=record.id,
        mode=record.mode,
        seed=record.seed,
        pack_title=pack.title,
        started_at=record.started_at,
        finished=record.status == "finished",
        stages=tuple(_stage_report(index, stage, pack, scores) for index, stage in enumerate(record.stages)),
        scores=scores,
        preparation=preparation(_answered(record, pack), context) if context is not None else None,
    )


def _answered(record: SessionRecord, pack: Pack) -> list[Answered]:
    """Every question of ``record`` still in ``pack``, labelled as the report lists it ("Behavioral Q2")."""
    return [
        (f"{stage.title} Q{number}", pack.by_id[answer.question_id], "\n".join(answer.texts))
        for stage in record.stages
        for number, answer in enumerate(stage.answers, start=1)
        if answer.question_id in pack.by_id
    ]


def _stage_report(index: int, stage: StageRecord, pack: Pack, scores: SessionScores) -> StageReport:
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
            _question_report(
                number, answer, pack.by_id.get(answer.question_id), pack, scores.questions.get((index, number - 1))
            )
            for number, answer in enumerate(stage.answers, start=1)
        ),
        score=scores.stages[index],
        call=stage.call.call if stage.call else None,
        call_why=stage.call.why if stage.call else "",
        aloud=stage.aloud,
    )


def _question_report(
    number: int, answer: AnswerRecord, question: Question | None, pack: Pack, score: QuestionScore | None
) -> QuestionReport:
    typed = "\n".join(answer.texts)
    spoken = answer.judgement is not None  # nothing typed to measure: no delivery figures, no STAR analysis
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
        words=words_in(answer.answer),
        points=tuple(p.text for p in question.points) if question else (),
        steps=tuple(StepReview(reflow(s.reveal), tuple(p.text for p in s.points)) for s in question.steps)
        if question
        else (),
        follow_ups=tuple(question.follow_ups) if question else (),
        model_answer=question.model_answer.strip() if question else "",
        turns=_turn_reviews(answer),
        score=score,
        step_of_point=question.step_of_point if question else {},
        delivery=delivery(
            typed,
            answer.seconds,
            question.minutes,
            answer.status,
            later_parts=[turn.kind for turn in answer.turns if turn.answer.strip()],
        )
        if question and not spoken
        else None,
        star=star_analysis(typed) if question and question.kind == "behavioral" and not spoken else None,
        partly_answered=answer.partly_answered,
        steps_shown=answer.steps_shown,
    )


def _turn_reviews(answer: AnswerRecord) -> tuple[TurnReview, ...]:
    reviews: list[TurnReview] = []
    steps = 0
    for turn in answer.turns:
        steps += turn.kind == "step"
        step = steps if turn.kind == "step" else None
        reviews.append(TurnReview(turn.kind, reflow(turn.prompt), turn.answer, turn.seconds, turn.skipped, step))
    return tuple(reviews)


def report_title(report: SessionReport, heading: str = "Interview report") -> str:
    """Plain text: ``heading``, mode, pack, date and seed, and the target company when there is one."""
    kind = MODE_TITLES[report.mode]
    title = f"{heading} · {kind} · {report.pack_title} · {report.started_at:%Y-%m-%d %H:%M} · seed {report.seed}"
    preparation = report.preparation
    if preparation is None or preparation.target_id is None:
        return title
    return f"{title} · for {preparation.target.company if preparation.target else preparation.target_id}"


def rating_word(mean: float) -> str:
    """The scale's word for a mean 1-4 rating, at the nearest level (halfway rounds up): 3.4 is "lean yes"."""
    level = min(DIMENSION_RATING_LABELS, key=lambda level: (abs(level - mean), -level))
    return DIMENSION_RATING_LABELS[level]


def call_line(stage: StageReport) -> str:
    """The interviewer's call on ``stage`` in plain text: ``hire: clear on rollbacks``, or that none was made."""
    return f"{STAGE_CALL_LABELS[stage.call]}: {stage.call_why}" if stage.call else "no call made"


def interviewer_lines(report: SessionReport) -> list[str]:
    """An interview's ratings per dimension and the calls on each stage, as plain lines (empty otherwise)."""
    if report.mode != "interview":
        return []
    ratings = [
        f"{DIMENSION_LABELS[name]} {mean:.1f} of 4 ({rating_word(mean)}) over {count} answer{'s' * (count != 1)}"
        for name, mean, count in report.dimension_means()
    ] or ["no answer was rated"]
    calls = [f"{stage.title}: {call_line(stage)}" for stage in report.stages]
    return ["The interviewer's ratings: " + "; ".join(ratings), *(f"Call on {line}" for line in calls)]
