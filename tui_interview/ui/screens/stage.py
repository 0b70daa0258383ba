"""A stage in progress: interviewer, question, answer box and countdown."""

from __future__ import annotations

import time
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from tui_interview.domain.formatting import format_mmss, reflow
from tui_interview.domain.grading.judged import CachedVerdicts
from tui_interview.domain.grading.text import words_in
from tui_interview.domain.reporting.labels import question_about_text
from tui_interview.domain.sessions.rescue import failure_reason
from tui_interview.domain.sessions.run import LoopRun, StageRun
from tui_interview.ui.screens.dialogs import NoticeDialog
from tui_interview.ui.widgets.answer_box import AnswerBox
from tui_interview.ui.widgets.question_view import QuestionView, RevealedPart
from tui_interview.ui.widgets.stage_clock import AnswerClock, StageClock

if TYPE_CHECKING:
    from tui_interview.domain.reporting.preparation import ReportContext

WORD_COUNT_DELAY = 0.3
"""The words are counted again once typing has paused this long (seconds), or every
:data:`WORD_COUNT_MAX_WAIT` seconds during a long run of typing: counting takes time in proportion to the
answer's length, so it must never run once per key."""
WORD_COUNT_MAX_WAIT = 2.0
INSTANT_COUNT_LIMIT = 20_000
"""Up to this many characters (a long answer), the words are counted at every change, at once: that costs
a fraction of a millisecond, so the count never lags for ordinary answers and a keystroke's cost stays
bounded whatever the length."""
QUESTION_SCROLL_LINES = 3
"""How far Ctrl+Up / Ctrl+Down scroll the question area."""


def checkpoint(screen: Screen[Any], run: LoopRun, *, kept: str) -> bool:
    """Save ``run``; at the first of a run of failed saves, say what is ``kept`` and that saving is retried."""
    failing_before = run.save_error is not None
    error = run.try_checkpoint()
    if error is not None and not failing_before:
        screen.notify(
            f"{failure_reason(error)}. {kept} and saving is retried every few seconds.",
            title="Not saved",
            severity="error",
            timeout=10,
            markup=False,
        )
    return error is None


class PausedScreen(ModalScreen[None]):
    """Covers the stage while the clock is stopped."""

    CSS_PATH = "paused.tcss"
    BINDINGS = [Binding("ctrl+p,enter,escape,space", "resume", "Resume")]

    def __init__(self, remaining: str) -> None:
        super().__init__()
        self.remaining = remaining

    def compose(self) -> ComposeResult:
        yield Static(
            f"Paused · {self.remaining} left on the stage clock\n\nPress Enter or Ctrl+P to carry on.",
            classes="dialog",
            id="paused",
        )

    def action_resume(self) -> None:
        self.dismiss(None)


class StageScreen(Screen[None]):
    """One stage: answer each question before the stage clock runs out."""

    CSS_PATH = "stage.tcss"
    AUTO_FOCUS = "#answer"
    HELP = (
        "Type your answer as you would say it aloud. Ctrl+S submits it and moves on; Ctrl+N skips the question, "
        "keeping what you typed. In a scenario's later parts Ctrl+N skips only the part showing, and the next "
        "part still comes. Earlier parts fold to one line when space is short: Ctrl+O opens them all, Ctrl+Up / "
        "Ctrl+Down scroll the question. The stage clock turns yellow at 20% of the time left and red at 5%; when "
        "it runs out, your answer is kept and marked 'time up'. Ctrl+P pauses (pauses appear in the report). "
        "While this help or the quit question is open the clock is stopped (not counted as a pause). "
        "Your draft is saved every few seconds."
    )
    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit"),
        Binding("ctrl+n", "skip", "Skip"),
        Binding("ctrl+p", "pause", "Pause"),
        Binding("ctrl+up", "scroll_question(-1)", "Scroll", key_display="^↑↓", tooltip="Ctrl+Up / Ctrl+Down"),
        Binding("ctrl+down", "scroll_question(1)", "Scroll down", show=False),
        Binding("ctrl+o", "open_parts", "Earlier parts"),
    ]

    word_count: var[int] = var(0)
    """Words in the answer box, shown under it."""
    saved_at: var[datetime | None] = var(None, init=False)
    """When the session was last saved, shown under the answer box."""

    class Ended(Message):
        """The stage is over: every question done, or time up."""

        def __init__(self, stage_index: int, *, time_up: bool = False) -> None:
            super().__init__()
            self.stage_index = stage_index
            self.time_up = time_up
            """The stage clock ran out (rather than the last question being answered or skipped)."""

    class Answered(Message):
        """Text was handed in for a question (its answer, or a scenario step's part of it), to be graded."""

        def __init__(self, stage_index: int, question_index: int) -> None:
            super().__init__()
            self.stage_index = stage_index
            self.question_index = question_index

    def __init__(
        self,
        run: LoopRun,
        stage_index: int,
        *,
        autosave_seconds: float,
        tick_seconds: float,
        resumed: bool,
        verdicts: CachedVerdicts | None = None,
        context: ReportContext | None = None,
    ) -> None:
        super().__init__()
        self.run = run
        self.verdicts = verdicts
        """The LLM judge's verdicts, for practice feedback (None: offline grading only)."""
        self.context = context
        """The story bank and target, for practice feedback's preparation lines (None: no such lines)."""
        self.stage_index = stage_index
        self.stage: StageRun = run.stage(stage_index)
        self.autosave_seconds = autosave_seconds
        self.tick_seconds = tick_seconds
        self.resumed = resumed
        self.unsaved = False
        self.in_feedback = False
        """Practice feedback is showing, or about to: keys that reach the stage meanwhile are ignored."""
        self.ticker: Timer | None = None
        self.autosaver: Timer | None = None
        self._word_timer: Timer | None = None
        self._word_timer_set_at = 0.0
        self._box: AnswerBox | None = None

    def compose(self) -> ComposeResult:
        record = self.stage.record
        count = len(self.run.record.stages)
        with Horizontal(id="stage-bar"):
            title = record.title
            if self.run.record.mode == "loop":
                title += f" · stage {self.stage_index + 1} of {count}"
            elif not title.startswith("Practice"):
                title += " · practice"
            yield Static(Text(title), id="stage-title")
            yield AnswerClock(id="answer-clock")
            yield StageClock(id="countdown")
        yield Static(Text(f"{record.interviewer_name}, {record.interviewer_role}"), id="interviewer")
        yield Static(id="intro")
        yield Static(id="question-meta")
        yield QuestionView(id="prompt-box")
        yield AnswerBox(id="answer", placeholder="Type your answer here…")
        with Horizontal(id="answer-bar"):
            yield Static(id="word-count")
            yield Static(id="save-state")
        yield Footer()

    def on_mount(self) -> None:
        self._box = self.answer_box
        self._show_question()
        if self.run.save_error is not None:  # an earlier save failed: say so, and retry at the next autosave
            self.unsaved = True
            self._show_save_state()
        self.ticker = self.set_interval(self.tick_seconds, self.tick)
        self.autosaver = self.set_interval(self.autosave_seconds, self.autosave)
        if self.resumed:
            self.ticker.pause()
            self.app.push_screen(
                NoticeDialog(
                    f"Resuming: {self.stage.record.title}",
                    f"Question {self.stage.number} of {self.stage.total}, "
                    f"{format_mmss(self.stage.countdown.remaining)} left."
                    f"{' Your draft is restored.' if self.stage.draft.strip() else ''}\n"
                    "The clock starts when you continue.",
                ),
                callback=lambda _: self._begin(),
            )
        else:
            self._begin()

    def _begin(self) -> None:
        self.stage.start()
        if self.ticker is not None:
            self.ticker.resume()
        self.tick()

    # What the screen shows -------------------------------------------------------------------

    @property
    def answer_box(self) -> AnswerBox:
        return self.query_one("#answer", AnswerBox)

    def _show_question(self) -> None:
        stage, question = self.stage, self.stage.question
        area = self.run.pack.area_titles.get(question.area, question.area)
        about = question_about_text(question.kind, area, question.level, stage.record.title)
        self.query_one("#question-meta", Static).update(
            Text.assemble(
                (f"Question {stage.number} of {stage.total}", "bold"),
                f"  ·  {about}" if about else "",
                f"  ·  {stage.answer.note}" if stage.answer.note else "",  # why it came back: "last time 17%"
            )
        )
        self.query_one(QuestionView).show(question.prompt, self._revealed_parts())
        intro = self.query_one("#intro", Static)
        intro.display = stage.index == 0 and not stage.answer.answer and bool(stage.record.intro)
        intro.update(Text(reflow(stage.record.intro)))
        box = self.answer_box
        box.load_text(stage.draft)
        box.move_cursor(box.document.end)  # a restored draft goes on where it stopped
        box.focus()
        self.word_count = words_in(stage.draft)
        self._show_time()

    def _revealed_parts(self) -> tuple[RevealedPart, ...]:
        """What the interviewer added after the prompt so far, numbered as parts (the prompt is part 1)."""
        stage, speaker = self.stage, self.stage.record.interviewer_name
        parts: list[RevealedPart] = []
        part = 1
        for turn in stage.answer.turns:
            if turn.kind == "step":
                part += 1
                title = f"Part {part} of {stage.parts} · {speaker} adds"
            else:
                title = f"{speaker} follows up"
            parts.append(RevealedPart(title, turn.prompt, skipped=turn.skipped))
        return tuple(parts)

    @on(QuestionView.Fitted)
    def show_question_keys(self) -> None:
        """Scrolling and opening the parts are offered only when there is something to scroll or open."""
        self.refresh_bindings()

    def check_action(self, action: str, _parameters: tuple[object, ...]) -> bool | None:
        if action == "scroll_question":
            return self.query_one(QuestionView).can_scroll
        if action == "open_parts":
            return self.query_one(QuestionView).folds
        return True

    def _show_time(self) -> None:
        """Set both clocks from the stage clock; each repaints only when what it shows changes."""
        stage, countdown = self.stage, self.stage.countdown
        stage_clock = self.query_one(StageClock)
        stage_clock.state = stage.time_state
        stage_clock.remaining = countdown.remaining
        if stage.index < stage.total and stage.answer.shown_at is not None:
            answer_clock = self.query_one(AnswerClock)
            answer_clock.suggested_minutes = stage.question.minutes
            answer_clock.spent = countdown.elapsed - stage.answer.shown_at

    def watch_word_count(self, words: int) -> None:
        self.query_one("#word-count", Static).update(f"{words} word{'s' if words != 1 else ''}")

    def watch_saved_at(self) -> None:
        self._show_save_state()

    def _show_save_state(self) -> None:
        """``draft saved 14:53:38``, or ``not saved: <reason>`` in the alert style while saving fails."""
        label = self.query_one("#save-state", Static)
        error = self.run.save_error
        label.set_class(error is not None, "-alert")
        if error is not None:
            label.update(Text(f"not saved: {failure_reason(error)}"))
        elif self.saved_at is not None:
            label.update(f"draft saved {self.saved_at:%H:%M:%S}")
        else:
            label.update("")

    # Clock and saving ------------------------------------------------------------------------

    def tick(self) -> None:
        """Refresh the countdown; end the stage when time is up (unless a dialog is open)."""
        self._show_time()
        expired = self.stage.countdown.expired  # the answer is read only then: reading it copies all of it
        if self.is_current and expired and self.stage.check_time(self.answer_box.text):
            # No notice here: the summary that follows says time ran out, and a notice would outlive it.
            self.answer_box.read_only = True  # keys still being typed land nowhere
            self._end(time_up=True)

    def hold_clock(self) -> bool:
        """Stop the stage clock while a dialog covers the stage; it is not a pause and is not recorded.

        Return whether the clock was running (and so is now held): only then call :meth:`release_clock`.
        """
        if self.stage.finished or not self.stage.countdown.running:
            return False
        self.stage.hold()
        self._show_time()
        return True

    def release_clock(self) -> None:
        self.stage.resume()
        self.tick()

    def autosave(self) -> None:
        """Save what changed; during a pause, save anyway, so that a pause cut short by a crash keeps its length."""
        if self.unsaved or self.stage.countdown.paused_by_candidate:
            self.save_now()

    def save_now(self) -> bool:
        """Save the session with the answer box's text as the current draft; False if the save failed."""
        if not self.in_feedback:  # during feedback the box still shows the answer just submitted
            self.stage.set_draft(self.answer_box.text)
        return self._save()

    def _save(self) -> bool:
        """Save the session. If that fails, keep everything in memory, say so, and try again at the next autosave."""
        saved = checkpoint(self, self.run, kept="Your answers are kept here")
        self.unsaved = not saved
        if saved:
            self.saved_at = self.run.now()
        self._show_save_state()
        return saved

    @on(AnswerBox.Changed, "#answer")
    def keep_draft(self) -> None:
        """Note the change; the draft is read from the box when it is saved, the words counted a moment later.

        Nothing here reads the whole answer: a keystroke costs the same in an empty box and a full one.
        """
        if self.in_feedback:
            return
        self.unsaved = True
        if self.answer_box.length_bound <= INSTANT_COUNT_LIMIT:
            self.count_words()
        elif self._word_timer is None:
            self._word_timer = self.set_timer(WORD_COUNT_DELAY, self.count_words)
            self._word_timer_set_at = time.monotonic()
        elif time.monotonic() - self._word_timer_set_at < WORD_COUNT_MAX_WAIT:
            self._word_timer.reset()  # still typing: count once the typing pauses
        intro = self.query_one("#intro", Static)
        if intro.display and self.answer_box.has_text:
            intro.display = False

    def count_words(self) -> None:
        """Count the words in the box now: at each change of a short answer, else once typing pauses."""
        if self._word_timer is not None:
            self._word_timer.stop()
            self._word_timer = None
        self.word_count = words_in(self.answer_box.text)

    @on(AnswerBox.LimitReached, "#answer")
    def say_limit_reached(self, event: AnswerBox.LimitReached) -> None:
        self.notify(
            f"An answer holds at most {event.limit:,} characters; the rest was not added.",
            title="Answer too long",
            severity="warning",
            timeout=10,
        )

    # Actions ---------------------------------------------------------------------------------

    def action_submit(self) -> None:
        if self.in_feedback:
            return
        text = self.answer_box.text
        if not text.strip():
            self.notify("Type an answer first, or press Ctrl+N to skip.", severity="warning")
            return
        closing = self.stage.index
        self.stage.submit(text)
        self.post_message(self.Answered(self.stage_index, closing))
        self._after_answer(closing)

    def action_skip(self) -> None:
        if self.in_feedback:
            return
        closing = self.stage.index
        text = self.answer_box.text
        self.stage.skip(text)
        if text.strip() and self.stage.record.answers[closing].status != "skipped":
            self.post_message(self.Answered(self.stage_index, closing))  # a skipped part's words still count
        self._after_answer(closing)

    def action_pause(self) -> None:
        if self.in_feedback:
            return
        self.stage.pause()
        self.save_now()
        self.app.push_screen(PausedScreen(format_mmss(self.stage.countdown.remaining)), callback=self._unpause)

    def action_scroll_question(self, direction: int) -> None:
        self.query_one(QuestionView).scroll_lines(direction * QUESTION_SCROLL_LINES)

    def action_open_parts(self) -> None:
        """Open every part of the question, or fold the earlier ones again."""
        view = self.query_one(QuestionView)
        view.all_open = not view.all_open

    def _unpause(self, _: None = None) -> None:
        self.stage.resume()
        self.tick()

    def _after_answer(self, closing: int) -> None:
        self._save()
        question_closed = self.stage.index > closing
        if question_closed and self.run.record.mode == "practice":
            self.in_feedback = True
            running = not self.stage.finished
            if running:
                self.stage.hold()  # at once, not when the feedback shows: reading it is not interview time
            self.give_feedback(closing, resume_clock=running)
        else:
            self._go_on()

    @work(exclusive=True, group="feedback")
    async def give_feedback(self, question_index: int, *, resume_clock: bool) -> None:
        """Practice mode: show what the answer covered and missed, then go on to the next question."""
        from tui_interview.domain.reporting.review import ReviewSession
        from tui_interview.ui.screens.review import QuestionReviewScreen

        session = ReviewSession(self.run.record, self.run.pack, self.run.store, self.verdicts, self.context)
        feedback = QuestionReviewScreen(session, (self.stage_index, question_index), feedback=True)
        await self.app.push_screen_wait(feedback)
        if resume_clock:
            self.stage.resume()
        self.in_feedback = False
        self._go_on()

    def _go_on(self) -> None:
        if self.stage.finished:
            self._end()
        else:
            self._show_question()

    def _end(self, *, time_up: bool = False) -> None:
        if self.ticker is not None:
            self.ticker.stop()
        self.unsaved = False
        self.post_message(self.Ended(self.stage_index, time_up=time_up))

    def on_unmount(self) -> None:
        if self.unsaved:
            if self._box is not None and not self.in_feedback:
                self.stage.set_draft(self._box.text)
            self.run.try_checkpoint()
