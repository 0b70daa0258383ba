"""Session records: what is saved to disk while a loop runs and read back for resume and reports."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from tui_interview.domain.vocabulary import AnswerStatus, Mode, SessionStatus, StageStatus, TurnKind

SESSION_FORMAT = 1


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class TurnRecord(_Record):
    """An exchange after the first answer: a scenario step revealing new information, or a follow-up."""

    kind: TurnKind
    prompt: str
    """The new information revealed, or the follow-up question asked."""
    answer: str = ""
    seconds: float = 0.0
    shown_at: float | None = None
    point: int | None = None
    """For a follow-up: the index (in the question's points) of the missed point it probes."""


class AnswerRecord(_Record):
    """One question of a stage and what the candidate did with it."""

    question_id: str
    prompt: str
    """A copy of the prompt, so the record stays readable if the pack changes."""
    status: AnswerStatus = "pending"
    answer: str = ""
    """The first answer; later exchanges are in ``turns``."""
    seconds: float = 0.0
    """Time spent on this question, turns included, on the stage clock (pauses excluded)."""
    shown_at: float | None = None
    """Stage-clock seconds when the question was first shown."""
    turns: list[TurnRecord] = []
    ticked: list[int] = []
    """Points (by index) the candidate says they covered although the grader found no evidence."""
    unticked: list[int] = []
    """Points (by index) the grader credited that the candidate says they did not really cover."""
    self_rating: int | None = Field(default=None, ge=1, le=4)
    """The candidate's own rating: 1 missed, 2 partial, 3 solid, 4 excellent."""

    @property
    def active_turn(self) -> TurnRecord | None:
        """The exchange being answered now, or None while on the first answer."""
        return self.turns[-1] if self.turns and self.status == "pending" else None

    @property
    def texts(self) -> list[str]:
        """Everything the candidate typed for this question: the first answer, then each turn."""
        return [self.answer, *(turn.answer for turn in self.turns)]


class PauseRecord(_Record):
    at_seconds: float
    """Stage-clock seconds when the pause began."""
    duration_seconds: float = 0.0


class StageRecord(_Record):
    stage_id: str
    title: str
    interviewer_name: str
    interviewer_role: str
    intro: str = ""
    minutes: float
    status: StageStatus = "pending"
    elapsed_seconds: float = 0.0
    pauses: list[PauseRecord] = []
    answers: list[AnswerRecord] = Field(min_length=1)

    def counts(self) -> Counter[str]:
        return Counter(answer.status for answer in self.answers)


class SessionRecord(_Record):
    """A whole session. Saved as TOML after every answer and every few seconds while typing."""

    format: int = SESSION_FORMAT
    id: str
    mode: Mode = "loop"
    seed: int
    pack_id: str
    pack_path: str
    stages_path: str
    started_at: datetime
    updated_at: datetime
    status: SessionStatus = "in_progress"
    stages: list[StageRecord] = Field(min_length=1)

    @property
    def question_ids(self) -> list[str]:
        return [answer.question_id for stage in self.stages for answer in stage.answers]

    @property
    def current_stage_index(self) -> int:
        """The first stage not finished (``len(stages)`` once all are)."""
        return next((i for i, s in enumerate(self.stages) if s.status != "finished"), len(self.stages))
