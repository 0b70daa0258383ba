"""A session in progress: the stage clock, the current question and every state change the screens ask for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from tui_interview.domain.bank.pack import Pack, Question
from tui_interview.domain.planning.draw import LoopPlan, StagePlan
from tui_interview.domain.sessions.clock import Clock, Countdown, Pause, TimeState, WallClock
from tui_interview.domain.sessions.lock import SessionLock
from tui_interview.domain.sessions.records import (
    AnswerRecord,
    PauseRecord,
    SessionRecord,
    StageCallRecord,
    StageRecord,
    TurnRecord,
)
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.vocabulary import AnswerStatus, Mode, StageCall


class ResumeError(Exception):
    """A saved session can no longer be continued (its pack changed, for instance)."""


@dataclass(frozen=True)
class StageTally:
    """What a stage summary shows."""

    seconds_used: float
    limit_seconds: float
    answered: int
    """Questions answered, including those partly answered."""
    partly_answered: int
    """Of the answered questions, those with a scenario step skipped."""
    skipped: int
    time_up: int
    not_reached: int
    pauses: int


class Prober(Protocol):
    """Decides whether the interviewer follows up on an answer, and with what."""

    def follow_up(self, question: Question, texts: list[str]) -> FollowUp | None: ...


@dataclass(frozen=True)
class FollowUp:
    prompt: str
    point: int
    """Index in ``question.all_points`` of the missed point the follow-up probes."""


class StageRun:
    """One stage being played: the countdown, which question is showing, and the answers so far.

    A question may take several exchanges: the first answer, then each scenario step in turn, then at
    most one follow-up. Submitting moves to the next exchange, or to the next question after the last;
    skipping a scenario step moves on the same way (the next step is still revealed).
    """

    def __init__(
        self, record: StageRecord, questions: list[Question], clock: Clock, prober: Prober | None = None
    ) -> None:
        self.record = record
        self.questions = questions
        self.prober = None if record.aloud else prober
        """None when the candidate answers aloud: with nothing typed, there is nothing to follow up on."""
        self.countdown = Countdown(
            limit_seconds=record.minutes * 60,
            clock=clock,
            elapsed_before=record.elapsed_seconds,
            pauses=[Pause(p.at_seconds, p.duration_seconds) for p in record.pauses],
        )
        self.index = next((i for i, a in enumerate(record.answers) if a.status == "pending"), len(questions))

    @property
    def finished(self) -> bool:
        return self.record.status == "finished"

    @property
    def question(self) -> Question:
        return self.questions[self.index]

    @property
    def answer(self) -> AnswerRecord:
        return self.record.answers[self.index]

    @property
    def draft(self) -> str:
        """The text of the exchange being answered now."""
        turn = self.answer.active_turn
        return turn.answer if turn else self.answer.answer

    @property
    def number(self) -> int:
        """1-based number of the question showing."""
        return self.index + 1

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def step_number(self) -> int:
        """The number of the scenario step being answered: how many of the question's steps are shown (0 at first)."""
        return self.answer.steps_shown

    @property
    def part_number(self) -> int:
        """The part of a scenario being answered, counting the opening prompt as part 1."""
        return self.step_number + 1

    @property
    def parts(self) -> int:
        """How many parts the question has: the opening prompt and each scenario step."""
        return len(self.question.steps) + 1

    @property
    def time_state(self) -> TimeState:
        return self.countdown.state

    def start(self) -> None:
        """Start (or, after a resume, continue) the stage clock."""
        self.record.status = "running"
        self.countdown.start()
        self._show_current()

    def pause(self) -> None:
        self.countdown.pause()
        self.sync()

    def hold(self) -> None:
        """Stop the clock without recording a pause: practice feedback is not interview time."""
        self.countdown.pause(recorded=False)
        self.sync()

    def resume(self) -> None:
        self.countdown.resume()
        self.sync()

    def set_draft(self, text: str) -> None:
        if self.finished or self.index >= self.total:
            return
        turn = self.answer.active_turn
        if turn is not None:
            turn.answer = text
        else:
            self.answer.answer = text

    def submit(self, text: str) -> None:
        """Keep ``text`` for the current exchange and move to the next one."""
        if self.finished or self.index >= self.total:
            return
        self.set_draft(text)
        self.sync()
        self._go_on()

    def skip(self, text: str = "") -> None:
        """Skip what is being asked, keeping ``text``: at the first answer the whole question; in a scenario
        only the step showing (the next one is still revealed); a follow-up closes the question, answered."""
        if self.finished or self.index >= self.total:
            return
        self.set_draft(text)
        self.sync()
        turn = self.answer.active_turn
        if turn is None:
            self._close_current("skipped")
            return
        turn.skipped = True
        if turn.kind == "step":
            self._go_on()
        else:
            self._close_current("answered")

    def reveal_step(self) -> bool:
        """The interviewer reveals the question's next scenario step; False when every step is shown already."""
        if self.finished or self.index >= self.total or self.step_number >= len(self.question.steps):
            return False
        self.sync()
        self._go_on()
        return True

    def close_question(self) -> None:
        """The interviewer moves on: the question showing is answered (spoken), and the next one is shown."""
        if self.finished or self.index >= self.total:
            return
        self.sync()
        self._close_current("answered")

    def make_call(self, call: StageCall, why: str) -> None:
        """The interviewer's hire or no-hire call on the stage, with a sentence of why."""
        self.record.call = StageCallRecord(call=call, why=why)

    def check_time(self, draft: str) -> bool:
        """End the stage if its time is up, keeping ``draft``; return whether it ended."""
        if self.finished or not self.countdown.expired:
            return False
        if self.index < self.total:
            self.set_draft(draft)
            self.sync()
            self._close_current("time_up")
        for answer in self.record.answers[self.index :]:
            answer.status = "not_reached"
        self._finish()
        return True

    def sync(self) -> None:
        """Copy the live clock into the record, ready to be saved."""
        elapsed = self.countdown.elapsed
        self.record.elapsed_seconds = round(elapsed, 3)
        self.record.pauses = [
            PauseRecord(at_seconds=round(p.at_seconds, 3), duration_seconds=round(p.duration_seconds, 3))
            for p in self.countdown.pauses_so_far()
        ]
        if self.finished or self.index >= self.total or self.answer.shown_at is None:
            return
        self.answer.seconds = round(elapsed - self.answer.shown_at, 3)
        turn = self.answer.active_turn
        if turn is not None and turn.shown_at is not None:
            turn.seconds = round(elapsed - turn.shown_at, 3)

    def tally(self) -> StageTally:
        counts = self.record.counts()
        return StageTally(
            seconds_used=self.record.elapsed_seconds,
            limit_seconds=self.countdown.limit_seconds,
            answered=counts["answered"],
            partly_answered=sum(1 for answer in self.record.answers if answer.partly_answered),
            skipped=counts["skipped"],
            time_up=counts["time_up"],
            not_reached=counts["not_reached"],
            pauses=len(self.record.pauses),
        )

    def _go_on(self) -> None:
        """To the question's next exchange, or to the next question after its last."""
        next_turn = self._next_turn()
        if next_turn is not None:
            next_turn.shown_at = round(self.countdown.elapsed, 3)
            self.answer.turns.append(next_turn)
        else:
            self._close_current("answered")

    def _next_turn(self) -> TurnRecord | None:
        question, answer = self.question, self.answer
        steps_shown = self.step_number
        if steps_shown < len(question.steps):
            return TurnRecord(kind="step", prompt=question.steps[steps_shown].reveal)
        if self.prober is None or any(turn.kind == "follow_up" for turn in answer.turns):
            return None
        if answer.turns and answer.turns[-1].skipped:
            return None  # the candidate passed on the last step: the interviewer moves on
        if self.index > 0 and any(t.kind == "follow_up" for t in self.record.answers[self.index - 1].turns):
            return None  # not after every answer: never two questions running
        follow_up = self.prober.follow_up(question, answer.texts)
        if follow_up is None:
            return None
        return TurnRecord(kind="follow_up", prompt=follow_up.prompt, point=follow_up.point)

    def _close_current(self, status: AnswerStatus) -> None:
        self.answer.status = status
        self.index += 1
        if status == "time_up":
            return
        if self.index < self.total:
            self._show_current()
        else:
            self._finish()

    def _show_current(self) -> None:
        if self.index < self.total and self.answer.shown_at is None:
            self.answer.shown_at = round(self.countdown.elapsed, 3)

    def _finish(self) -> None:
        self.countdown.stop()
        self.sync()
        self.record.status = "finished"


class LoopRun:
    """A whole session: its stages in order, saved through a :class:`SessionStore`."""

    def __init__(
        self,
        record: SessionRecord,
        pack: Pack,
        store: SessionStore,
        clock: Clock,
        now: WallClock,
        prober: Prober | None = None,
    ) -> None:
        self.prober = None if record.mode == "interview" else prober
        """None in an interview: the interviewer chooses the follow-ups (see ``probing.follow_ups_to_ask``)."""
        self.record = record
        self.pack = pack
        self.store = store
        self.clock = clock
        self.now = now
        self._stage_runs: dict[int, StageRun] = {}
        self.save_error: OSError | None = None
        """Why the last save failed (a full disk, a read-only folder), or None. Unsaved changes stay in the record."""
        self.lock: SessionLock | None = None
        """The lock on the session file while this window plays it (see :mod:`.lock`), if one could be taken."""

    @classmethod
    def start_new(
        cls,
        plan: LoopPlan,
        pack: Pack,
        stages_path: Path,
        store: SessionStore,
        clock: Clock,
        now: WallClock,
        mode: Mode = "loop",
        prober: Prober | None = None,
        aloud: bool = False,
    ) -> LoopRun:
        """A new session of ``plan``, saved once; ``aloud`` makes every stage aloud, as a stage file's option does."""
        started = now()
        record = SessionRecord(
            id=store.new_id(f"{started:%Y%m%d-%H%M%S}-{mode}"),
            mode=mode,
            seed=plan.seed,
            pack_id=pack.id,
            pack_path=str(pack.folder),
            stages_path=str(stages_path),
            started_at=started,
            updated_at=started,
            target=plan.target.id if plan.target else None,
            stages=[_stage_record(stage_plan, aloud) for stage_plan in plan.stages],
        )
        run = cls(record, pack, store, clock, now, prober)
        run.try_checkpoint()  # a folder that cannot be written must not stop the interview: see save_error
        return run

    @classmethod
    def resume(
        cls,
        record: SessionRecord,
        pack: Pack,
        store: SessionStore,
        clock: Clock,
        now: WallClock,
        prober: Prober | None = None,
    ) -> LoopRun:
        missing = [qid for qid in record.question_ids if qid not in pack.by_id]
        if missing:
            raise ResumeError(
                f"session {record.id} uses question(s) no longer in pack {pack.id!r}: {', '.join(missing)}"
            )
        return cls(record, pack, store, clock, now, prober)

    @property
    def stage_index(self) -> int:
        return self.record.current_stage_index

    @property
    def finished(self) -> bool:
        return self.stage_index >= len(self.record.stages)

    def stage(self, index: int | None = None) -> StageRun:
        """The run of stage ``index`` (default: the current one), created once and kept."""
        index = self.stage_index if index is None else index
        if index not in self._stage_runs:
            record = self.record.stages[index]
            questions = [self.pack.question(a.question_id) for a in record.answers]
            self._stage_runs[index] = StageRun(record, questions, self.clock, self.prober)
        return self._stage_runs[index]

    def checkpoint(self) -> Path:
        """Save the session as it stands now."""
        for run in self._stage_runs.values():
            if not run.finished:
                run.sync()
        if self.finished:
            self.record.status = "finished"
        self.record.updated_at = self.now()
        try:
            path = self.store.save(self.record)
        except OSError as error:
            self.save_error = error
            raise
        self.save_error = None
        return path

    def try_checkpoint(self) -> OSError | None:
        """Save like :meth:`checkpoint`, but keep a failure in :attr:`save_error` instead of raising it.

        The session stays whole in memory and the next call tries again; returns the error, or None once saved.
        """
        try:
            self.checkpoint()
        except OSError as error:
            return error
        return None

    def close(self) -> None:
        """This window is done with the session: let another one resume it."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def _stage_record(stage_plan: StagePlan, aloud: bool) -> StageRecord:
    stage, questions, notes = stage_plan.stage, stage_plan.questions, stage_plan.notes
    return StageRecord(
        stage_id=stage.id,
        title=stage.title,
        interviewer_name=stage.interviewer.name,
        interviewer_role=stage.interviewer.role,
        intro=stage.intro.strip(),
        minutes=stage.minutes,
        answers=[AnswerRecord(question_id=q.id, prompt=q.prompt, note=notes.get(q.id)) for q in questions],
        aloud=aloud or stage.aloud,
    )
