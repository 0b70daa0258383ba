"""Session records: what is saved to disk while a loop runs and read back for resume and reports."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, field_validator

from tui_interview.domain.bounds import (
    MAX_LOOP_STAGES,
    MAX_PAUSES,
    MAX_POINT_TEXT,
    MAX_STAGE_QUESTIONS,
    MAX_TICKS,
    MAX_TURNS,
    FormatVersion,
    Moment,
    PointIndex,
    Seconds,
    Seed,
    StageMinutes,
)
from tui_interview.domain.vocabulary import (
    DIMENSION_LABELS,
    AnswerStatus,
    Dimension,
    DimensionRating,
    JudgedBy,
    Mode,
    SessionStatus,
    StageCall,
    StageStatus,
    TurnKind,
)

SESSION_FORMAT: Final = 2
"""The newest session format this version reads and writes. The rule: a file is saved with the oldest format that
can read it (:meth:`SessionRecord.required_format`), so a file without the fields a format added stays readable
by the versions before it; a file of a format newer than this is refused, saying so (see ``store.load``).
Format 2 added the judgements people make (:class:`Judgement`, :class:`StageCallRecord`) and ``aloud``."""
JUDGEMENT_FORMAT: Final = 2
MAX_NOTES: Final = 4_000
"""Characters in the notes on one answer: a page of notes, far beyond what anyone types during an interview."""
MAX_WHY: Final = 500
"""Characters in the sentence saying why a stage was a hire or a no hire."""
SESSION_ID_PATTERN: Final = r"^\d{8}-\d{6}-(loop|practice|interview)(-[1-9]\d{0,5})?$"
"""The ids the app gives sessions: start time and mode (``20261201-143005-loop``), and ``-2``, ``-3``… when
several start in the same second."""
_SESSION_ID_RE: Final = re.compile(SESSION_ID_PATTERN)

SessionId = Annotated[str, StringConstraints(pattern=SESSION_ID_PATTERN)]
FolderPath = Annotated[str, StringConstraints(max_length=4096, pattern=r"^[^\x00]*$")]
"""A folder path saved in a session: no NUL byte (no file system accepts one) and of sane length."""
TargetId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=100)]


def is_session_id(text: str) -> bool:
    """Whether ``text`` has the form of the ids the app gives sessions (see :data:`SESSION_ID_PATTERN`)."""
    return _SESSION_ID_RE.fullmatch(text) is not None


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class TurnRecord(_Record):
    """An exchange after the first answer: a scenario step revealing new information, or a follow-up."""

    kind: TurnKind
    prompt: str
    """The new information revealed, or the follow-up question asked."""
    answer: str = ""
    seconds: Seconds = 0.0
    shown_at: Seconds | None = None
    point: PointIndex | None = None
    """For a follow-up: the index (in the question's points) of the missed point it probes."""
    skipped: bool = False
    """The candidate skipped this exchange (Ctrl+N); anything typed before is kept in ``answer``. Sessions saved
    before this was recorded read as False."""


PersonalJudge = Literal["interviewer", "self"]
"""The people who judge an answer instead of the grader."""


class Judgement(_Record):
    """A person's judgement of one answer: the interviewer's, ticked live while listening, or the candidate's
    self-check after answering aloud. The talking points it ticks are what counts as covered."""

    by: PersonalJudge
    points: list[PointIndex] = Field(default=[], max_length=MAX_TICKS)
    """Talking points (by index in the question's points, scenario steps' included) heard in the answer."""
    flags: list[PointIndex] = Field(default=[], max_length=MAX_TICKS)
    """Red flags (by index in the question's ``red_flags``) heard in the answer."""
    notes: str = Field(default="", max_length=MAX_NOTES)
    ratings: dict[Dimension, DimensionRating] = {}
    """The interviewer's 1-4 rating on each dimension rated so far (see ``vocabulary.DIMENSIONS``)."""

    @field_validator("ratings", mode="before")
    @classmethod
    def _known_dimensions(cls, ratings: object) -> object:
        if isinstance(ratings, dict):
            unknown = [str(name) for name in ratings if name not in DIMENSION_LABELS]
            if unknown:
                known = ", ".join(DIMENSION_LABELS)
                raise ValueError(f"unknown dimension {unknown[0]!r} (dimensions: {known})")
            for name, rating in ratings.items():
                if type(rating) is not int or not 1 <= rating <= 4:
                    raise ValueError(f"rating of {name!r} must be a whole number from 1 to 4, not {rating!r}")
        return ratings

    def toggle_point(self, index: int) -> None:
        """Tick talking point ``index`` as heard, or untick it."""
        self.points = sorted(set(self.points) ^ {index})

    def toggle_flag(self, index: int) -> None:
        """Tick red flag ``index`` as heard, or untick it."""
        self.flags = sorted(set(self.flags) ^ {index})

    def rate(self, dimension: Dimension, rating: DimensionRating | None) -> None:
        """Rate ``dimension`` 1-4, or clear its rating (None)."""
        ratings = {name: value for name, value in self.ratings.items() if name != dimension}
        self.ratings = ratings if rating is None else {**ratings, dimension: rating}


class AnswerRecord(_Record):
    """One question of a stage and what the candidate did with it."""

    question_id: str
    prompt: str
    """A copy of the prompt, so the record stays readable if the pack changes."""
    note: str | None = Field(default=None, max_length=MAX_POINT_TEXT)
    """Shown with the question: for one due for review, how it went last time ("last time 17%"); None: none."""
    status: AnswerStatus = "pending"
    answer: str = ""
    """The first answer; later exchanges are in ``turns``."""
    seconds: Seconds = 0.0
    """Time spent on this question, turns included, on the stage clock (pauses excluded)."""
    shown_at: Seconds | None = None
    """Stage-clock seconds when the question was first shown."""
    turns: list[TurnRecord] = Field(default=[], max_length=MAX_TURNS)
    ticked: list[PointIndex] = Field(default=[], max_length=MAX_TICKS)
    """Points (by index) the candidate says they covered although the grader did not credit them (found no
    evidence, or only a weak signal it marked *possible*)."""
    unticked: list[PointIndex] = Field(default=[], max_length=MAX_TICKS)
    """Points (by index) the candidate says they did not really cover: ones the grader credited, or marked
    *possible* and the candidate rejected."""
    flags_confirmed: list[PointIndex] = Field(default=[], max_length=MAX_TICKS)
    """Red flags (by index in the question's ``red_flags``) the candidate agrees they claimed."""
    flags_rejected: list[PointIndex] = Field(default=[], max_length=MAX_TICKS)
    """Red flags (by index) the candidate says the answer does not claim."""
    self_rating: int | None = Field(default=None, strict=True, ge=1, le=4)
    """The candidate's own rating: 1 missed, 2 partial, 3 solid, 4 excellent."""
    judgement: Judgement | None = None
    """A person's judgement (the interviewer's, or an aloud self-check); None: the grader judges what was typed."""

    @property
    def judged_by(self) -> JudgedBy:
        """Who judges this answer: the grader unless a person does."""
        return self.judgement.by if self.judgement is not None else "grader"

    def judgement_by(self, by: PersonalJudge) -> Judgement:
        """The person's judgement of this answer, started empty the first time."""
        if self.judgement is None:
            self.judgement = Judgement(by=by)
        return self.judgement

    @property
    def active_turn(self) -> TurnRecord | None:
        """The exchange being answered now, or None while on the first answer."""
        return self.turns[-1] if self.turns and self.status == "pending" else None

    @property
    def steps_shown(self) -> int:
        """How many of the question's scenario steps were revealed."""
        return sum(1 for turn in self.turns if turn.kind == "step")

    @property
    def skipped_steps(self) -> list[int]:
        """The 1-based numbers of the scenario steps the candidate skipped."""
        steps = [turn for turn in self.turns if turn.kind == "step"]
        return [number for number, turn in enumerate(steps, start=1) if turn.skipped]

    @property
    def partly_answered(self) -> bool:
        """Answered, but with a scenario step skipped."""
        return self.status == "answered" and bool(self.skipped_steps)

    @property
    def texts(self) -> list[str]:
        """Everything the candidate typed for this question: the first answer, then each turn."""
        return [self.answer, *(turn.answer for turn in self.turns)]

    def covers(self, index: int, *, detected: bool) -> bool:
        """Whether point ``index`` counts: as the grader ``detected`` it, unless the candidate ticked or unticked it."""
        return (detected or index in self.ticked) and index not in self.unticked

    def set_point(self, index: int, *, covered: bool, detected: bool, asked: bool = False) -> None:
        """Record the candidate's call on point ``index``: ``covered`` or not, whatever the grader ``detected``.

        The inverse of :meth:`covers`: a tick is kept only where the grader found nothing and an untick only
        where it found something, so agreeing with the grader leaves no override behind. When the grader was
        unsure and ``asked`` the candidate (a *possible* point), the call is kept either way: a tick to confirm,
        an untick to reject, so it is the candidate's decision and is not asked again.
        """
        tick = covered and (asked or not detected)
        untick = not covered and (asked or detected)
        self.ticked = sorted((set(self.ticked) - {index}) | ({index} if tick else set()))
        self.unticked = sorted((set(self.unticked) - {index}) | ({index} if untick else set()))

    def decided(self, index: int) -> bool:
        """Whether the candidate has made the call on point ``index`` (ticked or unticked it)."""
        return index in self.ticked or index in self.unticked

    def set_flag(self, index: int, *, claimed: bool) -> None:
        """Record the candidate's call on red flag ``index``: the answer does make that claim, or does not."""
        self.flags_confirmed = sorted((set(self.flags_confirmed) - {index}) | ({index} if claimed else set()))
        self.flags_rejected = sorted((set(self.flags_rejected) - {index}) | (set() if claimed else {index}))

    def flag_call(self, index: int) -> bool | None:
        """The candidate's call on red flag ``index``: True claimed, False not claimed, None not decided."""
        if index in self.flags_confirmed:
            return True
        if index in self.flags_rejected:
            return False
        return None


class PauseRecord(_Record):
    at_seconds: Seconds
    """Stage-clock seconds when the pause began."""
    duration_seconds: Seconds = 0.0


class StageCallRecord(_Record):
    """The interviewer's call at the end of a stage, with a sentence of why."""

    call: StageCall
    why: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_WHY)]


class StageRecord(_Record):
    stage_id: str
    title: str
    interviewer_name: str
    interviewer_role: str
    intro: str = ""
    minutes: StageMinutes
    status: StageStatus = "pending"
    elapsed_seconds: Seconds = 0.0
    pauses: list[PauseRecord] = Field(default=[], max_length=MAX_PAUSES)
    answers: list[AnswerRecord] = Field(min_length=1, max_length=MAX_STAGE_QUESTIONS)
    aloud: bool = False
    """The candidate answers out loud and checks themselves after each answer (see the stage option ``aloud``)."""
    call: StageCallRecord | None = None
    """In an interview: the interviewer's hire or no-hire call once the stage is over."""

    def counts(self) -> Counter[str]:
        return Counter(answer.status for answer in self.answers)

    def progress(self) -> StageProgress:
        """How far the stage got: questions done (answered, skipped or closed by the clock) and time left."""
        return StageProgress(
            done=sum(1 for answer in self.answers if answer.status != "pending"),
            questions=len(self.answers),
            seconds_left=max(self.minutes * 60 - self.elapsed_seconds, 0),
        )


@dataclass(frozen=True)
class StageProgress:
    """Where a stage stands, for an offer to resume it."""

    done: int
    """Questions no longer pending."""
    questions: int
    seconds_left: float


class SessionRecord(_Record):
    """A whole session. Saved as TOML after every answer and every few seconds while typing."""

    format: FormatVersion = SESSION_FORMAT
    id: SessionId
    """The id the app gave the session. Its file name is its identity: see :attr:`source`."""
    mode: Mode = "loop"
    seed: Seed
    pack_id: str
    pack_path: FolderPath
    stages_path: FolderPath
    started_at: Moment
    updated_at: Moment
    status: SessionStatus = "in_progress"
    target: TargetId | None = None
    """The target company the loop was drawn for (the id of its profile in the data folder), if any."""
    stages: list[StageRecord] = Field(min_length=1, max_length=MAX_LOOP_STAGES)

    _source: Path | None = PrivateAttr(default=None)

    @property
    def source(self) -> Path | None:
        """The file this record was read from or last saved to; it is always saved back there.

        None for a session not saved yet. Set only by the session store.
        """
        return self._source

    def __eq__(self, other: object) -> bool:
        """Records are equal when their saved content is: where each was read from is not part of it."""
        if not isinstance(other, SessionRecord):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def required_format(self) -> int:
        """The oldest session format that can read this record: 1 unless it holds what format 2 added."""
        added = self.mode == "interview" or any(
            stage.aloud or stage.call is not None or any(answer.judgement is not None for answer in stage.answers)
            for stage in self.stages
        )
        return JUDGEMENT_FORMAT if added else 1

    @property
    def question_ids(self) -> list[str]:
        return [answer.question_id for stage in self.stages for answer in stage.answers]

    @property
    def current_stage_index(self) -> int:
        """The first stage not finished (``len(stages)`` once all are)."""
        return next((i for i, s in enumerate(self.stages) if s.status != "finished"), len(self.stages))

    @property
    def current_stage(self) -> StageRecord | None:
        """The first stage not finished, or None once all are."""
        index = self.current_stage_index
        return self.stages[index] if index < len(self.stages) else None
