"""The candidate view: a read-only screen following a session that another window runs (``tui-interview follow``).

It shows what :mod:`tui_interview.domain.sessions.follow` keeps of the session file (the stage and its
interviewer, the question asked and its revealed parts, the stage clock) and reads the file again whenever it
changes. The writer replaces the file atomically (a new file renamed over the old), so the folder is watched and
changes are filtered by the file's name: watching the file itself would lose it at the first save.

Nothing is ever written: not the session file, not its lock, not the history cache.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime
from pathlib import Path
from typing import Final

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from tui_interview.domain.formatting import reflow
from tui_interview.domain.sessions.clock import WallClock
from tui_interview.domain.sessions.follow import FollowState, FollowView, read_followed
from tui_interview.domain.sessions.store import SessionFileError
from tui_interview.ui.widgets.question_view import QuestionView, RevealedPart
from tui_interview.ui.widgets.stage_clock import StageClock

TICK_SECONDS: Final = 1.0
"""The countdown shows whole seconds: one tick a second is all it needs, and only while the clock runs."""
WATCH_STEP_MS: Final = 100
"""How long the file must stay quiet before it is read (a save is one rename; this groups a burst of them)."""
WATCH_DEBOUNCE_MS: Final = 1_000
"""The longest a burst of changes delays a read."""
RETRY_SECONDS: Final = 2.0
"""How soon to watch again when the folder cannot be watched (it was removed, say)."""


class FollowScreen(Screen[None]):
    """What the candidate sees of the interview in progress, updated as the interviewer's window saves it."""

    CSS_PATH = "follow.tcss"
    BINDINGS = [
        Binding("up", "scroll_question(-1)", "Scroll", show=False),
        Binding("down", "scroll_question(1)", "Scroll", show=False),
        Binding("ctrl+o", "open_parts", "Open all parts"),
    ]

    view: var[FollowView | None] = var(None, init=False)
    """The candidate's view of the last version of the file that could be read; None before the first."""
    problem: var[str | None] = var(None, init=False)
    """Why the file cannot be read now (missing, damaged), or None."""

    def __init__(self, path: Path, now: WallClock) -> None:
        super().__init__()
        self.path = path
        self.now = now
        self.read_at: datetime | None = None
        """When the view was last read from the file."""
        self.ticker: Timer | None = None
        self.ticking = False
        """The clock is counting on, so the ticker runs; else it is paused and nothing wakes the screen."""
        self.stop_watching = asyncio.Event()

    def compose(self) -> ComposeResult:
        with Horizontal(id="follow-bar"):
            yield Static(id="follow-stage", markup=False)
            yield Static("paused", id="follow-paused", markup=False)
            yield StageClock(id="follow-clock")
        yield Static(id="follow-interviewer", markup=False)
        with Vertical(id="follow-body"):
            yield Static(id="follow-message", markup=False)
            yield Static(id="follow-question-number", markup=False)
            yield QuestionView(id="follow-question")
        yield Static(id="follow-source", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.ticker = self.set_interval(TICK_SECONDS, self.tick, pause=True)
        self._show_view(None)
        self._show_source()
        self.watch_session()

    def on_unmount(self) -> None:
        self.stop_watching.set()  # the watcher's thread sees it within WATCH_STEP_MS and the worker ends

    # Reading the file ------------------------------------------------------------------------------------

    @work(exclusive=True, group="follow")
    async def watch_session(self) -> None:
        """Read the file, then again after each change to it, until the screen goes away."""
        from watchfiles import awatch  # only the follow view needs it

        name = self.path.name
        while not self.stop_watching.is_set():
            await self.reload()
            try:
                async for _ in awatch(
                    self.path.parent,
                    watch_filter=lambda _change, changed: Path(changed).name == name,
                    debounce=WATCH_DEBOUNCE_MS,
                    step=WATCH_STEP_MS,
                    stop_event=self.stop_watching,
                    recursive=False,
                ):
                    await self.reload()
            except OSError as error:
                self.problem = f"cannot watch {self.path.parent}: {error.strerror or error}"
            if not self.stop_watching.is_set():
                await self._wait_to_retry()

    async def _wait_to_retry(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stop_watching.wait(), RETRY_SECONDS)

    async def reload(self) -> None:
        """Read the file again (in a thread); keep the last good view when it cannot be read, and say why."""
        try:
            view = await asyncio.to_thread(read_followed, self.path)
        except SessionFileError as error:
            self.problem = error.reason
            return
        self.read_at = self.now()
        self.view = view
        self.problem = None
        self._show_source()

    # What the screen shows ----------------------------------------------------------------------------------

    def watch_view(self, view: FollowView | None) -> None:
        self._show_view(view)

    def watch_problem(self) -> None:
        self._show_message(self.view)
        self._show_source()

    def _show_view(self, view: FollowView | None) -> None:
        stage = self.query_one("#follow-stage", Static)
        interviewer = self.query_one("#follow-interviewer", Static)
        if view is None:
            stage.update("tui-interview follow")
            interviewer.update("")
        else:
            stage.update(f"Stage {view.stage_number} of {view.stages} · {view.stage_title}")
            interviewer.update(f"with {view.interviewer_name}, {view.interviewer_role}")
        asking = view is not None and view.state is FollowState.QUESTION
        number = self.query_one("#follow-question-number", Static)
        number.display = asking
        question = self.query_one(QuestionView)
        question.display = asking
        if view is not None and asking:
            number.update(Text(f"Question {view.question_number} of {view.questions}", style="bold"))
            question.show(view.prompt, tuple(RevealedPart(part.title, part.text) for part in view.parts))
        self.query_one("#follow-paused", Static).display = view is not None and view.paused
        self._show_message(view)
        self._show_clock(view)

    def _show_message(self, view: FollowView | None) -> None:
        """The state in a sentence where no question shows, and any problem reading the file."""
        lines = [] if view is None else _state_lines(view)
        if self.problem is not None:
            kept = "Showing the last version read; w" if view is not None else "W"
            lines.insert(0, f"{self.path.name}: {self.problem}. {kept}atching for it to be saved again.")
        message = self.query_one("#follow-message", Static)
        message.update("\n\n".join(lines))
        message.display = bool(lines)
        message.set_class(self.problem is not None, "-problem")

    def _show_clock(self, view: FollowView | None) -> None:
        clock = self.query_one("#follow-clock", StageClock)
        clock.display = view is not None and view.clock is not None
        self.ticking = view is not None and view.clock is not None and view.clock.running
        if self.ticker is not None:
            if self.ticking:
                self.ticker.resume()
            else:
                self.ticker.pause()
        self.tick()

    def tick(self) -> None:
        """Show the time left on the stage clock (it repaints only when the whole seconds change)."""
        view = self.view
        if view is None or view.clock is None:
            return
        now = self.now()
        clock = self.query_one("#follow-clock", StageClock)
        clock.remaining = view.clock.remaining_at(now)
        clock.state = view.clock.state_at(now)

    def _show_source(self) -> None:
        read = f" · read {self.read_at:%H:%M:%S}" if self.read_at is not None else ""
        self.query_one("#follow-source", Static).update(f"Following {self.path.name} (read-only){read}")

    # Keys ------------------------------------------------------------------------------------------------

    def check_action(self, action: str, _parameters: tuple[object, ...]) -> bool | None:
        """Ctrl+O is offered only when a question shows with parts to open or fold again."""
        if action == "open_parts":
            question = self.query_one(QuestionView)
            return question.display and question.folds
        return True

    @on(QuestionView.Fitted)
    def show_question_keys(self) -> None:
        self.refresh_bindings()

    def action_scroll_question(self, lines: int) -> None:
        self.query_one(QuestionView).scroll_lines(lines)

    def action_open_parts(self) -> None:
        view = self.query_one(QuestionView)
        view.all_open = not view.all_open


def _state_lines(view: FollowView) -> list[str]:
    """What to say where no question shows: waiting for the first one, between stages, at the end."""
    name = view.interviewer_name
    intro = [reflow(view.intro)] if view.intro else []
    if view.state is FollowState.WAITING:
        return [f"Waiting for {name} to ask the first question.", *intro]
    if view.state is FollowState.BETWEEN_STAGES:
        return [f"Stage {view.stage_number - 1} is over. The next stage starts when {name} is ready.", *intro]
    if view.state is FollowState.FINISHED:
        return ["The interview is over. Thank you!"]
    return []
