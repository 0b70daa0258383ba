"""The application: owns the workspace and the session in progress, and moves between screens."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import on
from textual.app import App
from textual.binding import Binding

from tui_interview.domain.clock import Clock
from tui_interview.domain.draw import DrawError, LoopPlan
from tui_interview.domain.problems import DataFileError
from tui_interview.domain.run import LoopRun, ResumeError, WallClock
from tui_interview.domain.session import Mode, SessionRecord
from tui_interview.domain.workspace import UnknownStageError, Workspace
from tui_interview.ui.screens.dialogs import ConfirmDialog
from tui_interview.ui.screens.help import HelpScreen
from tui_interview.ui.screens.history import HistoryScreen
from tui_interview.ui.screens.home import HomeScreen
from tui_interview.ui.screens.overview import OverviewScreen
from tui_interview.ui.screens.practice import PracticeScreen
from tui_interview.ui.screens.report import ReportScreen
from tui_interview.ui.screens.stage import StageScreen
from tui_interview.ui.screens.summary import SummaryScreen

T = TypeVar("T")
LOAD_ERRORS = (DataFileError, DrawError, UnknownStageError, ResumeError)


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
        elif self.settings.start == "practice" and self.settings.practice_stage:
            self.start_practice(self.settings.practice_stage)
        else:
            self.offer_resume()

    # Starting and resuming -------------------------------------------------------------------

    def offer_resume(self) -> None:
        record = self.workspace.store.latest_unfinished()
        if record is None:
            return
        where = _where_stopped(record)
        self.push_screen(
            ConfirmDialog(
                f"You have an unfinished {record.mode} from {record.started_at:%Y-%m-%d %H:%M}",
                f"It stopped at {where}. Resume where you left off, clock restored?",
                yes="Resume",
                no="Not now",
            ),
            callback=lambda yes: self.resume(record) if yes else None,
        )

    def open_overview(self) -> None:
        plan = self._guarded(self.workspace.plan)
        if plan is not None:
            self.push_screen(OverviewScreen(plan, self.workspace.catalog.loop.title))

    def open_practice_picker(self) -> None:
        catalog = self._guarded(lambda: self.workspace.catalog)
        if catalog is not None:
            self.push_screen(PracticeScreen(list(catalog.stages.values())))

    def start_practice(self, stage_id: str) -> None:
        plan = self._guarded(lambda: self.workspace.plan([self.workspace.stage(stage_id)]))
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
        try:
            return load()
        except LOAD_ERRORS as error:
            self.notify(str(error), title="Cannot start", severity="error", timeout=15, markup=False)
            return None

    # Moving through a session ----------------------------------------------------------------

    def play_current_stage(self, resumed: bool = False) -> None:
        run = self.run_in_progress
        assert run is not None
        if run.finished:
            self.show_report()
            return
        screen = StageScreen(
            run,
            run.stage_index,
            autosave_seconds=self.settings.autosave_seconds,
            tick_seconds=self.tick_seconds,
            resumed=resumed,
        )
        self._replace_top(screen)

    @on(OverviewScreen.Start)
    def _start_loop(self, event: OverviewScreen.Start) -> None:
        self.start_run(event.plan, "loop")

    @on(PracticeScreen.Chosen)
    def _start_chosen_practice(self, event: PracticeScreen.Chosen) -> None:
        self.start_practice(event.stage_id)

    @on(StageScreen.Ended)
    def _stage_ended(self, event: StageScreen.Ended) -> None:
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

    @on(SummaryScreen.Continue)
    def _continue(self) -> None:
        self.play_current_stage()

    def show_report(self) -> None:
        run = self.run_in_progress
        assert run is not None
        run.checkpoint()
        self.run_in_progress = None
        self._replace_top(ReportScreen(run.record, run.pack, run.store))

    @on(HomeScreen.Selected)
    def _home_choice(self, event: HomeScreen.Selected) -> None:
        match event.choice:
            case "loop":
                self.open_overview()
            case "practice":
                self.open_practice_picker()
            case "history":
                self.push_screen(HistoryScreen(self.workspace.store))
            case "quit":
                self.exit(0)

    @on(HistoryScreen.OpenSession)
    def _open_session(self, event: HistoryScreen.OpenSession) -> None:
        record = event.record
        if record.status == "in_progress":
            self.resume(record)
            return
        pack = self._guarded(lambda: self.workspace.pack_for(record))
        if pack is not None:
            self.push_screen(ReportScreen(record, pack, self.workspace.store))

    def _replace_top(self, screen: StageScreen | SummaryScreen | ReportScreen) -> None:
        if isinstance(self.screen, HomeScreen):
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    # Actions ---------------------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        screen = self.screen
        if not isinstance(screen, StageScreen):
            self.exit(0)
            return

        def leave(confirmed: bool | None) -> None:
            if confirmed:
                screen.save_now()
                self.exit(0)

        self.push_screen(
            ConfirmDialog(
                "Quit the interview?",
                "Everything you have typed is saved. Next time you start, you can resume here.",
                yes="Quit",
                no="Keep going",
            ),
            callback=leave,
        )


def _where_stopped(record: SessionRecord) -> str:
    index = record.current_stage_index
    if index >= len(record.stages):
        return "the end (the report is ready)"
    stage = record.stages[index]
    answered = sum(1 for answer in stage.answers if answer.status != "pending")
    left = max(stage.minutes * 60 - stage.elapsed_seconds, 0)
    return f"{stage.title}, question {answered + 1} of {len(stage.answers)}, {int(left // 60)} min left"
