"""The application: owns the workspace and the session in progress, and moves between screens.

Screens send the user's intent as messages; the handlers below follow Textual's naming convention
(``on_<screen>_<message>``) so that the screens, and the domain modules behind them, are imported only
when first shown. The home screen alone is needed at start-up (benchmarks/startup.py measures it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from textual import work
from textual.app import App
from textual.binding import Binding

from tui_interview.domain.sessions.clock import Clock, WallClock
from tui_interview.domain.settings import PracticeChoice
from tui_interview.domain.workspace import Workspace
from tui_interview.ui.screens.home import HomeScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui_interview.domain.planning.draw import LoopPlan
    from tui_interview.domain.sessions.records import SessionRecord
    from tui_interview.domain.sessions.run import LoopRun
    from tui_interview.domain.vocabulary import Mode
    from tui_interview.ui.screens.history import HistoryScreen
    from tui_interview.ui.screens.overview import OverviewScreen
    from tui_interview.ui.screens.practice import PracticeScreen
    from tui_interview.ui.screens.stage import StageScreen

T = TypeVar("T")
DUE_PRACTICE_COUNT = 4
"""How many questions "Due for review" practises at once."""


class InterviewApp(App[int]):
    """tui-interview: rehearse an interview loop at the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "tui-interview"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
    ]

    def __init__(self, workspace: Workspace, *, clock: Clock, now: WallClock, tick_seconds: float) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = workspace.settings
        self.clock = clock
        self.now = now
        self.tick_seconds = tick_seconds
        self.run_in_progress: LoopRun | None = None

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
        if self.settings.start == "loop":
            self.open_overview()
        elif self.settings.start == "practice" and self.settings.practice:
            self.start_practice(self.settings.practice)
        else:
            self.call_after_refresh(self.after_first_frame)

    def after_first_frame(self) -> None:
        """Read the saved sessions once the home screen shows: offer to resume, count what is due."""
        view = self._guarded(self.workspace.history.load)
        if view is None:
            return
        if isinstance(self.screen, HomeScreen):
            self.screen.due_count = len(self._guarded(lambda: self.workspace.due_ids(self.now(), view)) or [])
        unfinished = next((s for s in view.sessions if s.status == "in_progress"), None)
        if unfinished is not None:
            record = self._guarded(lambda: self.workspace.store.load(unfinished.path))
            if record is not None:
                self.offer_resume(record)

    # Starting and resuming -------------------------------------------------------------------

    @work(exclusive=True, group="resume")
    async def offer_resume(self, record: SessionRecord) -> None:
        from tui_interview.ui.screens.dialogs import ConfirmDialog

        offer = ConfirmDialog(
            f"You have an unfinished {record.mode} from {record.started_at:%Y-%m-%d %H:%M}",
            f"It stopped at {_where_stopped(record)}. Resume where you left off, clock restored?",
            yes="Resume",
            no="Not now",
        )
        if await self.push_screen_wait(offer):
            self.resume(record)

    def open_overview(self) -> None:
        from tui_interview.ui.screens.overview import OverviewScreen

        plan = self._guarded(lambda: self.workspace.plan(now=self.now()))
        if plan is not None:
            self.push_screen(OverviewScreen(plan, self.workspace.catalog.loop.title))

    def open_practice_picker(self) -> None:
        from tui_interview.ui.screens.practice import PracticeScreen

        catalog = self._guarded(lambda: self.workspace.catalog)
        pack = self._guarded(lambda: self.workspace.pack)
        if catalog is not None and pack is not None:
            self.push_screen(PracticeScreen(list(catalog.stages.values()), pack))

    def start_practice(self, choice: PracticeChoice) -> None:
        plan = self._guarded(lambda: self.workspace.practice_plan(choice, now=self.now()))
        if plan is not None:
            self.start_run(plan, "practice")

    def start_run(self, plan: LoopPlan, mode: Mode) -> None:
        run = self._guarded(lambda: self.workspace.start(plan, self.clock, self.now, mode))
        if run is not None:
            self.run_in_progress = run
            self.play_current_stage()

    def resume(self, record: SessionRecord) -> None:
        run = self._guarded(lambda: self.workspace.resume(record, self.clock, self.now))
        if run is not None:
            self.run_in_progress = run
            self.play_current_stage(resumed=True)

    def _guarded(self, load: Callable[[], T]) -> T | None:
        """Run ``load``; show a problem with the user's data as a notification instead of failing."""
        from tui_interview.domain.bank.problems import DataFileError
        from tui_interview.domain.planning.draw import DrawError
        from tui_interview.domain.planning.practice import PracticeError
        from tui_interview.domain.sessions.run import ResumeError
        from tui_interview.domain.sessions.store import SessionFileError
        from tui_interview.domain.workspace import UnknownStageError

        try:
            return load()
        except (DataFileError, DrawError, UnknownStageError, ResumeError, SessionFileError, PracticeError) as error:
            self.notify(str(error), title="Cannot start", severity="error", timeout=15, markup=False)
            return None

    # Moving through a session ----------------------------------------------------------------

    def play_current_stage(self, resumed: bool = False) -> None:
        run = self.run_in_progress
        assert run is not None
        if run.finished:
            self.show_report()
            return
        from tui_interview.ui.screens.stage import StageScreen

        screen = StageScreen(
            run,
            run.stage_index,
            autosave_seconds=self.settings.autosave_seconds,
            tick_seconds=self.tick_seconds,
            resumed=resumed,
        )
        self._replace_top(screen)

    def on_overview_screen_start(self, event: OverviewScreen.Start) -> None:
        self.start_run(event.plan, "loop")

    def on_practice_screen_chosen(self, event: PracticeScreen.Chosen) -> None:
        self.start_practice(event.choice)

    def on_stage_screen_ended(self, event: StageScreen.Ended) -> None:
        from tui_interview.ui.screens.summary import SummaryScreen

        run = self.run_in_progress
        assert run is not None
        run.checkpoint()
        stage = run.stage(event.stage_index)
        following = run.record.stages[event.stage_index + 1 :]
        self._replace_top(
            SummaryScreen(
                stage.record,
                stage.tally(),
                number=event.stage_index + 1,
                count=len(run.record.stages),
                next_stage=following[0] if following else None,
            )
        )

    def on_summary_screen_continue(self) -> None:
        self.play_current_stage()

    def show_report(self) -> None:
        run = self.run_in_progress
        assert run is not None
        run.checkpoint()
        self.run_in_progress = None
        from tui_interview.ui.screens.report import ReportScreen

        self._replace_top(ReportScreen(run.record, run.pack, run.store))

    def on_home_screen_selected(self, event: HomeScreen.Selected) -> None:
        match event.choice:
            case "loop":
                self.open_overview()
            case "practice":
                self.open_practice_picker()
            case "history":
                self.open_history()
            case "due":
                self.start_practice(PracticeChoice(due_first=True, count=DUE_PRACTICE_COUNT))
            case "quit":
                self.exit(0)

    def open_history(self) -> None:
        from tui_interview.ui.screens.history import HistoryScreen

        view = self._guarded(self.workspace.history.load)
        if view is not None:
            review = self._guarded(lambda: self.workspace.review(view))
            self.push_screen(HistoryScreen(self.workspace, view, review))

    def on_history_screen_open_session(self, event: HistoryScreen.OpenSession) -> None:
        record = self._guarded(lambda: self.workspace.store.load(event.path))
        if record is None:
            return
        if record.status == "in_progress":
            self.resume(record)
            return
        from tui_interview.ui.screens.report import ReportScreen

        pack = self._guarded(lambda: self.workspace.pack_for(record))
        if pack is not None:
            self.push_screen(ReportScreen(record, pack, self.workspace.store))

    def _replace_top(self, screen: Screen[None]) -> None:
        if isinstance(self.screen, HomeScreen):
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    # Actions ---------------------------------------------------------------------------------

    def action_help(self) -> None:
        from tui_interview.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        from tui_interview.ui.screens.stage import StageScreen

        if isinstance(self.screen, StageScreen):
            self.confirm_quit(self.screen)
        else:
            self.exit(0)

    @work(exclusive=True, group="quit")
    async def confirm_quit(self, stage: StageScreen) -> None:
        """Quit during a stage only once the candidate confirms; the answer being typed is saved first."""
        from tui_interview.ui.screens.dialogs import ConfirmDialog

        question = ConfirmDialog(
            "Quit the interview?",
            "Everything you have typed is saved. Next time you start, you can resume here.",
            yes="Quit",
            no="Keep going",
        )
        if await self.push_screen_wait(question):
            stage.save_now()
            self.exit(0)


def _where_stopped(record: SessionRecord) -> str:
    stage = record.current_stage
    if stage is None:
        return "the end (the report is ready)"
    progress = stage.progress()
    minutes_left = int(progress.seconds_left // 60)
    return f"{stage.title}, question {progress.done + 1} of {progress.questions}, {minutes_left} min left"
