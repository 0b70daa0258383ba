"""What the stages answered out loud share: the stage clock and its ticks, pauses, autosave and the stage's end.

Two screens build on it: the interviewer's (a peer runs the interview and judges it live, see
:mod:`.interviewer`) and the candidate's own when answering aloud (see :mod:`.aloud`). Nothing is typed as an
answer in either, so the answer box and word count of the typed stage (:mod:`.stage`) are not here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from tui_interview.domain.formatting import format_mmss
from tui_interview.domain.sessions.rescue import failure_reason
from tui_interview.domain.sessions.run import LoopRun, StageRun
from tui_interview.ui.screens.dialogs import NoticeDialog
from tui_interview.ui.screens.stage import PausedScreen, StageScreen, checkpoint
from tui_interview.ui.widgets.stage_clock import AnswerClock, StageClock


class SpokenStageScreen(Screen[None]):
    """A stage whose answers are spoken: the clocks, pausing, saving, and telling the app when it is over.

    Subclasses compose a ``StageClock``, an ``AnswerClock`` and a ``#save-state`` label, show the question in
    :meth:`show_question`, copy what their widgets hold into the record in :meth:`collect`, and may do something
    before the stage ends in :meth:`stage_over` (which must call :meth:`end_stage`).
    """

    saved_at: var[datetime | None] = var(None, init=False)
    """When the session was last saved, shown in ``#save-state``."""

    def __init__(
        self, run: LoopRun, stage_index: int, *, autosave_seconds: float, tick_seconds: float, resumed: bool
    ) -> None:
        super().__init__()
        self.run = run
        self.stage_index = stage_index
        self.stage: StageRun = run.stage(stage_index)
        self.autosave_seconds = autosave_seconds
        self.tick_seconds = tick_seconds
        self.resumed = resumed
        self.unsaved = False
        """Something changed since the last save (a tick, a rating, a note): the next autosave writes it."""
        self.ticker: Timer | None = None
        self.autosaver: Timer | None = None

    # Hooks for the screens built on this one -------------------------------------------------

    def show_question(self) -> None:
        """Show the question the stage is on (and its revealed scenario steps)."""

    def collect(self) -> None:
        """Copy what the widgets hold (notes being typed) into the record, ready to be saved."""

    def start_notice(self) -> tuple[str, str] | None:
        """The title and text of a notice shown before the clock starts, or None to start at once."""
        if not self.resumed:
            return None
        stage = self.stage
        return (
            f"Resuming: {stage.record.title}",
            f"Question {stage.number} of {stage.total}, {format_mmss(stage.countdown.remaining)} left.\n"
            "The clock starts when you continue.",
        )

    def stage_over(self, *, time_up: bool) -> None:
        """The stage has just finished (every question done, or time up): by default, say so at once."""
        self.end_stage(time_up=time_up)

    # The clock -------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.show_question()
        self.show_time()  # the time there is, before the clock starts
        if self.run.save_error is not None:
            self.unsaved = True
            self._show_save_state()
        self.ticker = self.set_interval(self.tick_seconds, self.tick)
        self.autosaver = self.set_interval(self.autosave_seconds, self.autosave)
        notice = self.start_notice()
        if notice is None:
            self._begin()
            return
        self.ticker.pause()
        self.app.push_screen(NoticeDialog(*notice), callback=lambda _: self._begin())

    def _begin(self) -> None:
        self.stage.start()
        if self.ticker is not None:
            self.ticker.resume()
        self.save_now()  # the question is showing and the clock running: a candidate view follows from here
        self.tick()

    def show_time(self) -> None:
        stage, countdown = self.stage, self.stage.countdown
        stage_clock = self.query_one(StageClock)
        stage_clock.state = stage.time_state
        stage_clock.remaining = countdown.remaining
        if stage.index < stage.total and stage.answer.shown_at is not None:
            answer_clock = self.query_one(AnswerClock)
            answer_clock.suggested_minutes = stage.question.minutes
            answer_clock.spent = countdown.elapsed - stage.answer.shown_at

    def tick(self) -> None:
        """Refresh the clocks; end the stage when time is up (unless a dialog covers it)."""
        self.show_time()
        if self.is_current and self.stage.countdown.expired and not self.stage.finished:
            self.collect()
            if self.stage.check_time(""):
                self.stage_over(time_up=True)

    def hold_clock(self) -> bool:
        """Stop the stage clock while a dialog covers the stage (not a pause); True if it was running."""
        if self.stage.finished or not self.stage.countdown.running:
            return False
        self.stage.hold()
        self.show_time()
        return True

    def release_clock(self) -> None:
        self.stage.resume()
        self.tick()

    def action_pause(self) -> None:
        if self.stage.finished or not self.stage.countdown.running:
            return
        self.stage.pause()
        self.save_now()
        self.app.push_screen(PausedScreen(format_mmss(self.stage.countdown.remaining)), callback=self._unpause)

    def _unpause(self, _: None = None) -> None:
        self.stage.resume()
        self.save_now()  # the pause's length and the running clock, for a candidate view
        self.tick()

    # Saving ----------------------------------------------------------------------------------

    def changed(self) -> None:
        """Something the next autosave should write has changed."""
        self.unsaved = True

    def autosave(self) -> None:
        """Save what changed; during a pause, save anyway, so that a pause cut short by a crash keeps its length."""
        if self.unsaved or self.stage.countdown.paused_by_candidate:
            self.save_now()

    def save_now(self) -> bool:
        """Save the session with what the widgets hold; False if the save failed (it is retried)."""
        self.collect()
        saved = checkpoint(self, self.run, kept="Everything is kept here")
        self.unsaved = not saved
        if saved:
            self.saved_at = self.run.now()
        self._show_save_state()
        return saved

    def watch_saved_at(self) -> None:
        self._show_save_state()

    def _show_save_state(self) -> None:
        label = self.query_one("#save-state", Static)
        error = self.run.save_error
        label.set_class(error is not None, "-alert")
        if error is not None:
            label.update(f"not saved: {failure_reason(error)}")
        elif self.saved_at is not None:
            label.update(f"saved {self.saved_at:%H:%M:%S}")

    # Moving on -------------------------------------------------------------------------------

    def move_on(self, move: Callable[[], object]) -> None:
        """Do ``move`` (show the next question, reveal a step), save at once, and show where the stage is."""
        self.collect()
        move()
        self.save_now()
        if self.stage.finished:
            self.stage_over(time_up=False)
        else:
            self.show_question()
            self.tick()

    def end_stage(self, *, time_up: bool) -> None:
        if self.ticker is not None:
            self.ticker.stop()
        self.save_now()
        self.post_message(StageScreen.Ended(self.stage_index, time_up=time_up))

    def on_unmount(self) -> None:
        if self.unsaved:
            self.collect()
            self.run.try_checkpoint()
