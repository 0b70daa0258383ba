"""The application: owns the workspace and the session in progress, and moves between screens.

Screens send the user's intent as messages; the handlers below follow Textual's naming convention
(``on_<screen>_<message>``) so that the screens, and the domain modules behind them, are imported only
when first shown. The home screen alone is needed at start-up (benchmarks/startup.py measures it).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding

from tui_interview.domain.sessions.clock import Clock, WallClock
from tui_interview.domain.settings import PracticeChoice
from tui_interview.domain.ui_settings import UiSettings
from tui_interview.domain.workspace import Workspace
from tui_interview.ui.screens.home import HomeScreen

if TYPE_CHECKING:
    from textual import events
    from textual.driver import Driver
    from textual.screen import ModalScreen, Screen
    from textual.theme import Theme

    from tui_interview.domain.bank.pack import Pack, Question
    from tui_interview.domain.config import JudgeConfig
    from tui_interview.domain.history.index import HistoryIndex, HistoryView, SessionSummary
    from tui_interview.domain.history.spaced import DueReviews
    from tui_interview.domain.planning.draw import LoopPlan
    from tui_interview.domain.reporting.export import ExportFormat
    from tui_interview.domain.reporting.review import ReviewSession
    from tui_interview.domain.sessions.records import SessionRecord
    from tui_interview.domain.sessions.run import LoopRun
    from tui_interview.domain.sessions.store import SessionStore
    from tui_interview.domain.stories.bank import Story
    from tui_interview.domain.vocabulary import Mode
    from tui_interview.ui.screens.browse import BrowseScreen
    from tui_interview.ui.screens.debrief import DebriefScreen
    from tui_interview.ui.screens.history import HistoryScreen
    from tui_interview.ui.screens.overview import OverviewScreen
    from tui_interview.ui.screens.practice import PracticeScreen
    from tui_interview.ui.screens.report import ReportScreen
    from tui_interview.ui.screens.review import QuestionReviewScreen
    from tui_interview.ui.screens.spoken_stage import SpokenStageScreen
    from tui_interview.ui.screens.stage import StageScreen
    from tui_interview.ui.screens.stories import StoriesScreen, StoryEditScreen
    from tui_interview.ui.screens.targets import TargetEditScreen, TargetsScreen
    from tui_interview.ui.typing import TypedKeys

T = TypeVar("T")
DUE_PRACTICE_COUNT = 4
"""How many questions "Due for review" practises at once."""


class InterviewApp(App[int]):
    """tui-interview: rehearse an interview loop at the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "tui-interview"
    ENABLE_COMMAND_PALETTE = False
    """Textual's own Ctrl+P binding would be a priority one, taking Ctrl+P from the stage (where it pauses): the
    palette is bound below like any app key, so a screen's own Ctrl+P wins, and switched on in ``__init__``."""
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+p", "command_palette", "Commands", show=False),  # footers are full: F1 lists it
    ]

    def __init__(
        self,
        workspace: Workspace,
        *,
        clock: Clock,
        now: WallClock,
        tick_seconds: float,
        config_path: Path | None = None,
        ui: UiSettings | None = None,
    ) -> None:
        super().__init__()
        self.use_command_palette = True
        self.config_path = config_path
        """The settings file the theme picked is saved in; None: not saved."""
        self.ui = ui or UiSettings()
        """The ``[ui]`` table read at start-up: the theme to start with, or why it cannot be used."""
        self._theme_before_toggle: str | None = None
        self._saved_theme: str | None = None
        """The theme the settings file holds (or the default it means), so that only a change is written."""
        self._told_where_theme_is_saved = False
        self.workspace = workspace
        self.settings = workspace.settings
        self.clock = clock
        self.now = now
        self.tick_seconds = tick_seconds
        self.run_in_progress: LoopRun | None = None
        self.active_run: LoopRun | None = None
        """The session this window plays, or played last: its lock is held (and, if its last save failed, it
        is offered a rescue copy on quit) until another one starts."""
        self._exit_status: tuple[int, int, Text | None] = (0, 0, None)
        """What :meth:`quit_unsaved` exits with: result, return code and the message printed after the UI."""
        self.sessions_read = False
        """The saved sessions have been read after start-up (or need not be: the app started in a stage)."""
        self.judge_progress: dict[str, str] = {}
        """For each question the LLM judge is grading, or failed to grade: one line saying so."""
        self._judge_problem_told = False
        self._quit_question: ModalScreen[bool] | None = None
        """The "Quit the interview?" question, once asked: Ctrl+Q while it shows answers it with yes."""
        self.rescue_folders: list[Path] | None = None
        """Where a session that cannot be saved in the data folder is copied on quit, in order of preference
        (None: the default, ``rescue_folders(data_home)``, found when first needed)."""

    def on_mount(self) -> None:
        self._apply_start_theme()
        self.push_screen(HomeScreen())
        if self.settings.start == "loop":
            self.sessions_read = True
            self.open_overview()
        elif self.settings.start == "practice" and self.settings.practice:
            self.sessions_read = True
            self.start_practice(self.settings.practice)
        elif self.settings.start == "interview":
            self.sessions_read = True
            self.start_interview()
        else:
            self.call_after_refresh(self.after_first_frame)

    def get_driver_class(self) -> type[Driver]:
        """The platform's driver, sending typed keys in runs (see :mod:`tui_interview.ui.typing`)."""
        from tui_interview.ui.typing import with_typing_bursts

        return with_typing_bursts(super().get_driver_class())

    async def on_typed_keys(self, message: TypedKeys) -> None:
        """Keys typed in a row: into the answer box at once if it has the focus, else one by one as usual."""
        from tui_interview.ui.widgets.answer_box import AnswerBox

        keys = message.take()
        box = self.focused
        if len(keys) > 1 and isinstance(box, AnswerBox) and not box.read_only and not self._enter_has_priority(keys):
            self.app_focus = True
            box.type_text("".join("\n" if key.key == "enter" else key.character or "" for key in keys))
            return
        for key in keys:
            await self.on_event(key)

    def _enter_has_priority(self, keys: list[events.Key]) -> bool:
        """Whether an Enter among ``keys`` would run a priority binding rather than reach the focused box.

        (Printable keys never do: a focused text box takes them before any binding is looked at.)
        """
        if not any(key.key == "enter" for key in keys):
            return False
        active = self.screen.active_bindings.get("enter")
        return active is not None and active.binding.priority

    def on_unmount(self) -> None:
        """The app is closing (after its screens, which save what they hold): let other windows resume the session."""
        if self.active_run is not None:
            self.active_run.close()

    def after_first_frame(self) -> None:
        """Read the saved sessions once the home screen shows, in a thread: the home screen stays usable."""
        self.read_saved_sessions(self.workspace.history)

    @work(thread=True, exclusive=True, group="history")
    def read_saved_sessions(self, index: HistoryIndex) -> None:
        """Read every session (a thread worker): count the questions due, and find one to offer to resume."""
        problems: list[Exception] = []
        view = self._attempt(index.load, problems)
        due: DueReviews | None = None
        record: SessionRecord | None = None
        elsewhere: list[SessionSummary] = []
        if view is not None:
            due = self._attempt(lambda: self.workspace.due_reviews(self.now(), view), problems)
            record, elsewhere = self._unfinished(view, problems)
        self.call_from_thread(self._saved_sessions_read, due, record, elsewhere, problems)

    def on_home_screen_shown(self) -> None:
        """Back on the home screen: count the questions due again, as a session may have answered some."""
        if self.sessions_read:  # else the start-up read counts them
            self.recount_due(self.workspace.history)

    @work(thread=True, exclusive=True, group="history")
    def recount_due(self, index: HistoryIndex) -> None:
        """Count the questions due for review (a thread worker); a problem was told at start-up, not again."""
        problems: list[Exception] = []
        view = self._attempt(index.load, problems)
        due = self._attempt(lambda: self.workspace.due_reviews(self.now(), view), problems) if view else None
        self.call_from_thread(self._show_due, due)

    def _show_due(self, due: DueReviews | None) -> None:
        """The home screen offers the questions due, or says when the next review is."""
        home = next((screen for screen in self.screen_stack if isinstance(screen, HomeScreen)), None)
        if home is not None and due is not None:
            home.due_count = due.count
            home.next_review = due.next_review(self.now()) if due.next_due is not None else ""

    def _unfinished(
        self, view: HistoryView, problems: list[Exception]
    ) -> tuple[SessionRecord | None, list[SessionSummary]]:
        """The newest unfinished session no other window is playing, and those another window is playing."""
        elsewhere: list[SessionSummary] = []
        for summary in view.sessions:
            if summary.status != "in_progress":
                continue
            if self.workspace.open_elsewhere(summary.path):
                elsewhere.append(summary)
                continue
            record = self._attempt(partial(self.workspace.store.load, summary.path), problems)
            if record is not None:
                return record, elsewhere
        return None, elsewhere

    def _saved_sessions_read(
        self,
        due: DueReviews | None,
        record: SessionRecord | None,
        elsewhere: list[SessionSummary],
        problems: list[Exception],
    ) -> None:
        self.sessions_read = True
        for problem in problems:
            self._cannot_start(problem)
        self._show_due(due)
        if not isinstance(self.screen, HomeScreen):
            return  # the candidate has moved on meanwhile: no dialog over what they are doing
        for summary in elsewhere:
            self.notify(
                f"Your unfinished {summary.mode} from {summary.started_at:%Y-%m-%d %H:%M} is open in another "
                "tui-interview window. Finish or quit it there to resume it here.",
                title="Open in another window",
                timeout=15,
            )
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

    def start_practice(self, choice: PracticeChoice, *, over_current: bool = False) -> None:
        """Start practice; ``over_current``: on top of the screen showing, which Esc on its report comes back to."""
        plan = self._guarded(lambda: self.workspace.practice_plan(choice, now=self.now()))
        if plan is not None:
            self.start_run(plan, "practice", over_current=over_current, aloud=choice.aloud)

    def start_interview(self) -> None:
        """A mock interview: the full loop drawn as usual, run by a peer on the interviewer's screen."""
        plan = self._guarded(lambda: self.workspace.plan(now=self.now()))
        if plan is not None:
            self.start_run(plan, "interview")

    def start_run(self, plan: LoopPlan, mode: Mode, *, over_current: bool = False, aloud: bool = False) -> None:
        """Start ``plan``; ``aloud`` (or ``--aloud``): every stage is answered out loud and self-checked."""
        if self.active_run is not None:
            self.active_run.close()  # before a new one starts: one session per window
        aloud = (aloud or self.settings.aloud) and mode != "interview"
        run = self._guarded(lambda: self.workspace.start(plan, self.clock, self.now, mode, aloud=aloud))
        if run is not None:
            self._play(run, over_current=over_current)

    def resume(self, record: SessionRecord) -> None:
        if self.active_run is not None:
            self.active_run.close()
        run = self._guarded(lambda: self.workspace.resume(record, self.clock, self.now))
        if run is not None:
            self._play(run, resumed=True)

    def _play(self, run: LoopRun, resumed: bool = False, *, over_current: bool = False) -> None:
        self.run_in_progress = self.active_run = run
        if run.save_error is not None:
            self._say_not_saved(run.save_error)
        self.play_current_stage(resumed=resumed, over_current=over_current)

    def _checkpoint(self, run: LoopRun) -> None:
        """Save ``run``; a failure is kept in the run (and retried), never raised."""
        failing_before = run.save_error is not None
        error = run.try_checkpoint()
        if error is not None and not failing_before:
            self._say_not_saved(error)

    def _say_not_saved(self, error: OSError) -> None:
        from tui_interview.domain.sessions.rescue import failure_reason

        self.notify(
            f"{failure_reason(error)}. Your answers are kept here and saving is retried; if it still fails when "
            "you quit, a copy is written elsewhere.",
            title="Not saved",
            severity="error",
            timeout=10,
            markup=False,
        )

    def _guarded(self, load: Callable[[], T]) -> T | None:
        """Run ``load``; show a problem with the user's data as a notification instead of failing."""
        try:
            return load()
        except _data_errors() as error:
            self._cannot_start(error)
            return None

    @staticmethod
    def _attempt(load: Callable[[], T], problems: list[Exception]) -> T | None:
        """:meth:`_guarded` for a worker thread: the problem is kept in ``problems``, to be shown by the UI thread."""
        try:
            return load()
        except _data_errors() as error:
            problems.append(error)
            return None

    def _cannot_start(self, error: Exception) -> None:
        self.notify(str(error), title="Cannot start", severity="error", timeout=15, markup=False)

    # Moving through a session ----------------------------------------------------------------

    def play_current_stage(self, resumed: bool = False, *, over_current: bool = False) -> None:
        run = self.run_in_progress
        assert run is not None
        if run.finished:
            self.show_report()
            return
        spoken = self._spoken_stage_screen(run, resumed)  # an interview, or a stage answered aloud
        if spoken is not None:
            self.push_screen(spoken) if over_current else self._replace_top(spoken)
            return
        from tui_interview.ui.screens.stage import StageScreen

        screen = StageScreen(
            run,
            run.stage_index,
            autosave_seconds=self.settings.autosave_seconds,
            tick_seconds=self.tick_seconds,
            resumed=resumed,
            verdicts=self.workspace.judge.verdicts,
            context=self.workspace.report_context(run.record) if run.record.mode == "practice" else None,
        )
        if over_current:
            self.push_screen(screen)  # the summary and the report take its place, and Esc there comes back here
        else:
            self._replace_top(screen)

    def _spoken_stage_screen(self, run: LoopRun, resumed: bool) -> Screen[None] | None:
        """The interviewer's screen in an interview, the aloud screen for a stage answered aloud, else None."""
        if run.record.mode == "interview":
            from tui_interview.ui.screens.interviewer import InterviewerScreen

            kind: type[SpokenStageScreen] = InterviewerScreen
        elif run.record.stages[run.stage_index].aloud:
            from tui_interview.ui.screens.aloud import AloudScreen

            kind = AloudScreen
        else:
            return None
        autosave, tick = self.settings.autosave_seconds, self.tick_seconds
        return kind(run, run.stage_index, autosave_seconds=autosave, tick_seconds=tick, resumed=resumed)

    def on_overview_screen_start(self, event: OverviewScreen.Start) -> None:
        self.start_run(event.plan, "loop")

    def on_practice_screen_chosen(self, event: PracticeScreen.Chosen) -> None:
        self.start_practice(event.choice)

    def on_stage_screen_ended(self, event: StageScreen.Ended) -> None:
        from tui_interview.ui.screens.summary import SummaryScreen

        run = self.run_in_progress
        assert run is not None
        self._checkpoint(run)
        stage = run.stage(event.stage_index)
        following = run.record.stages[event.stage_index + 1 :]
        self._replace_top(
            SummaryScreen(
                stage.record,
                stage.tally(),
                number=event.stage_index + 1,
                count=len(run.record.stages),
                next_stage=following[0] if following else None,
                time_up=event.time_up,
                clock=self.clock,
            )
        )

    def on_stage_screen_answered(self, event: StageScreen.Answered) -> None:
        """An answer (or a scenario step's part of it) was handed in: the LLM judge grades it, if one is set up."""
        run = self.run_in_progress
        judge = self.workspace.judge
        if judge.problem is not None and not self._judge_problem_told:
            self._judge_problem_told = True
            self.notify(judge.problem, title="LLM judge", severity="warning", timeout=10, markup=False)
        if run is None or judge.config is None or judge.verdicts is None:
            return
        answer = run.record.stages[event.stage_index].answers[event.question_index]
        question = run.pack.by_id.get(answer.question_id)
        texts = [text for text in answer.texts if text.strip()]
        if question is None or not texts:
            return
        self.judge_progress[question.id] = f"LLM judge {judge.config.model}: checking this answer…"
        self.ask_judge(question, texts, judge.config, judge.verdicts.cache_dir)

    @work(thread=True, group="judge", exit_on_error=False)
    def ask_judge(self, question: Question, texts: list[str], config: JudgeConfig, cache_dir: Path) -> None:
        """Ask the judge about each text (cached verdicts are not asked again), off the UI thread."""
        from tui_interview.domain.grading.judge import judge_answer

        errors = [v.error for v in (judge_answer(question, t, config, cache_dir=cache_dir) for t in texts) if v.error]
        self.call_from_thread(self._judged, question.id, config.model or "", errors[0] if errors else None)

    def _judged(self, question_id: str, model: str, problem: str | None) -> None:
        from tui_interview.ui.messages import JudgeFinished

        if problem is None:
            self.judge_progress.pop(question_id, None)
        else:
            line = f"LLM judge {model} could not grade this answer ({problem}); the offline grade stands"
            self.judge_progress[question_id] = line
            self.notify(line, title="LLM judge", severity="warning", timeout=8, markup=False)
        for screen in self.screen_stack:
            screen.post_message(JudgeFinished(question_id))

    def on_summary_screen_continue(self) -> None:
        self.play_current_stage()

    def show_report(self) -> None:
        run = self.run_in_progress
        assert run is not None
        self._checkpoint(run)
        self.run_in_progress = None
        from tui_interview.ui.screens.report import ReportScreen

        session = self._review_session(run.record, run.pack, run.store)
        if run.record.mode == "loop":  # the candidate decides what the grader was unsure of, before the report
            from tui_interview.domain.reporting.debrief import Debrief
            from tui_interview.ui.screens.debrief import DebriefScreen

            if Debrief(session):
                self._replace_top(DebriefScreen(session))
                return
        self._replace_top(ReportScreen(session))

    def _review_session(self, record: SessionRecord, pack: Pack, store: SessionStore) -> ReviewSession:
        """The session under review, with the judge's cached verdicts and the stories and target it was played with."""
        from tui_interview.domain.reporting.review import ReviewSession

        verdicts = self.workspace.judge.verdicts
        return ReviewSession(record, pack, store, verdicts, self.workspace.report_context(record))

    def on_debrief_screen_done(self, event: DebriefScreen.Done) -> None:
        from tui_interview.ui.screens.report import ReportScreen

        self._replace_top(ReportScreen(event.session))

    def on_home_screen_selected(self, event: HomeScreen.Selected) -> None:
        match event.choice:
            case "loop":
                self.open_overview()
            case "practice":
                self.open_practice_picker()
            case "interview":
                self.start_interview()
            case "history":
                self.open_history()
            case "stories":
                self.open_stories()
            case "browse":
                self.open_browse()
            case "targets":
                self.open_targets()
            case "due":
                self.start_practice(PracticeChoice(due_first=True, count=DUE_PRACTICE_COUNT))
            case "quit":
                self.exit(0)

    def open_browse(self) -> None:
        """Study the pack: its questions, filtered and searched, each opening to its sheet."""
        from tui_interview.ui.screens.browse import BrowseScreen

        pack = self._guarded(lambda: self.workspace.pack)
        if pack is not None:
            self.push_screen(BrowseScreen(pack))

    def on_browse_screen_practise(self, event: BrowseScreen.Practise) -> None:
        """Practise the question being studied; Esc on its report comes back to the pack."""
        self.start_practice(PracticeChoice(question_ids=(event.question_id,)), over_current=True)

    def open_stories(self) -> None:
        """The story bank; a stories.toml that cannot be read is shown with its problems, never overwritten."""
        from tui_interview.domain.bank.problems import DataFileError
        from tui_interview.ui.screens.stories import StoriesScreen

        pack = self._guarded(lambda: self.workspace.pack)
        if pack is None:
            return
        try:
            bank, problems = self.workspace.stories(), []
        except DataFileError as error:
            bank, problems = None, [str(problem) for problem in error.problems]
        self.push_screen(StoriesScreen(bank, problems, pack.questions))  # its Shown message reads the dates

    def on_stories_screen_shown(self, event: StoriesScreen.Shown) -> None:
        """The story list shows (first, or again after a drill): read when each story is due."""
        pack = self._guarded(lambda: self.workspace.pack)
        if event.bank is not None and pack is not None:
            self.read_story_dates(event.bank.stories, pack)

    @work(thread=True, group="history")
    def read_story_dates(self, stories: Sequence[Story], pack: Pack) -> None:
        """When each story is next due for a drill, from the saved sessions (a thread worker, like the due count)."""
        from tui_interview.domain.history.story_reviews import schedule_from_history, story_dates
        from tui_interview.ui.screens.stories import StoriesScreen

        problems: list[Exception] = []
        view = self._attempt(self.workspace.history.load, problems)
        if view is None:
            return
        schedule = schedule_from_history(view.sessions, self.workspace.store.load, pack, stories)
        dates = story_dates(schedule, stories, self.now())
        for screen in self.screen_stack:
            if isinstance(screen, StoriesScreen):
                self.call_from_thread(setattr, screen, "dates", dates)

    def on_stories_screen_drill(self, event: StoriesScreen.Drill) -> None:
        """Tell a story for a question: a one-question practice whose feedback says whether the answer told it."""
        self.start_practice(PracticeChoice(question_ids=(event.question_id,), story=event.story_id), over_current=True)

    def open_targets(self) -> None:
        """The target companies; a target file that cannot be read is listed with its problems, never overwritten."""
        from tui_interview.domain.targets.profile import load_targets
        from tui_interview.ui.screens.targets import TargetsScreen

        try:
            shelf, problems = load_targets(self.settings.data_home), []
        except OSError as error:
            shelf, problems = None, [f"{self.settings.data_home}: {error.strerror or error}"]
        self.push_screen(TargetsScreen(shelf, problems))

    def on_targets_screen_use(self, event: TargetsScreen.Use) -> None:
        from tui_interview.domain.bank.problems import DataFileError
        from tui_interview.domain.targets.profile import use_target

        try:
            chosen = use_target(self.settings.data_home, event.target_id)
        except (DataFileError, OSError) as error:
            self.notify(str(error), title="Target not changed", severity="error", timeout=15, markup=False)
            return
        self._show_targets()
        self.notify(f"Active target: {chosen.title}" if chosen else "No active target", title="Target", markup=False)

    def on_target_edit_screen_save(self, event: TargetEditScreen.Save) -> None:
        """Validate and write the target as ``target add`` does; on success back to the list, else the form says why."""
        from tui_interview.domain.bank.problems import DataFileError
        from tui_interview.domain.targets.profile import add_target, target_from_fields
        from tui_interview.ui.screens.targets import TargetEditScreen

        home = self.settings.data_home
        try:
            target = target_from_fields(home, event.fields)
            active = add_target(home, target, replace=event.editing is not None)
        except (DataFileError, OSError) as error:
            lines = [str(p) for p in error.problems] if isinstance(error, DataFileError) else [str(error)]
            if isinstance(self.screen, TargetEditScreen):
                self.screen.problems = tuple(lines)  # the form stays open with the draft, saying why
            return
        self.pop_screen()
        self._show_targets()
        saved = f"Saved '{target.company}'" + (" · the active target" if active else "")
        self.notify(saved, title="Target", markup=False)

    def _show_targets(self) -> None:
        from tui_interview.domain.targets.profile import load_targets
        from tui_interview.ui.screens.targets import TargetsScreen

        for screen in self.screen_stack:
            if isinstance(screen, TargetsScreen):
                screen.shelf = load_targets(self.settings.data_home)

    def on_story_edit_screen_save(self, event: StoryEditScreen.Save) -> None:
        """Write the story; on success back to the list, else the editor stays open with the draft."""
        from tui_interview.domain.bank.problems import DataFileError
        from tui_interview.domain.stories.bank import save_story
        from tui_interview.ui.screens.stories import StoriesScreen

        try:
            bank = save_story(self.settings.data_home, event.story, event.replacing)
        except (DataFileError, OSError) as error:
            self.notify(str(error), title="Story not saved", severity="error", timeout=15, markup=False)
            return
        self.pop_screen()
        for screen in self.screen_stack:
            if isinstance(screen, StoriesScreen):
                screen.bank = bank
        self.notify(f"Saved '{event.story.title}'", title="Stories", markup=False)

    def open_history(self) -> None:
        from tui_interview.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.workspace))  # it reads the sessions in a thread, showing meanwhile

    def on_history_screen_open_session(self, event: HistoryScreen.OpenSession) -> None:
        """A finished session opens its report; for an unfinished one the candidate chooses (see below)."""
        record = self._guarded(lambda: self.workspace.store.load(event.path))
        if record is None:
            return
        if record.status == "in_progress":
            self.report_or_resume(record)
        else:
            self.show_saved_report(record)

    @work(exclusive=True, group="resume")
    async def report_or_resume(self, record: SessionRecord) -> None:
        """An unfinished session from History: read its report so far, resume it, or neither."""
        from tui_interview.ui.screens.dialogs import Answer, ChoiceDialog

        question = ChoiceDialog(
            f"Your unfinished {record.mode} from {record.started_at:%Y-%m-%d %H:%M}",
            f"It stopped at {_where_stopped(record)}. Read the report of what you answered so far, or resume "
            "where you left off, clock restored?",
            [Answer("report", "View report", "v"), Answer("resume", "Resume", "r")],
        )
        match await self.push_screen_wait(question):
            case "report":
                self.show_saved_report(record)
            case "resume":
                self.resume(record)

    def show_saved_report(self, record: SessionRecord) -> None:
        """The report of a saved session, finished or not (an unfinished one reports what was answered)."""
        from tui_interview.ui.screens.report import ReportScreen

        pack = self._guarded(lambda: self.workspace.pack_for(record))
        if pack is not None:
            self.push_screen(ReportScreen(self._review_session(record, pack, self.workspace.store)))

    def _replace_top(self, screen: Screen[None]) -> None:
        if isinstance(self.screen, HomeScreen):
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    # The report's actions --------------------------------------------------------------------

    def on_report_screen_practise_questions(self, event: ReportScreen.PractiseQuestions) -> None:
        """Practise exactly the questions the report suggests, in its order."""
        self.start_practice(PracticeChoice(question_ids=event.question_ids))

    def on_question_review_screen_retake(self, event: QuestionReviewScreen.Retake) -> None:
        """Answer a reviewed question again: a one-question practice of it, saved as a new session (the session
        under review is left as it is); its feedback compares the new answer with the previous one. Esc on the
        retake's report comes back to the review it started from."""
        self.start_practice(PracticeChoice(question_ids=(event.question_id,)), over_current=True)

    def on_report_screen_export_asked(self, event: ReportScreen.ExportAsked) -> None:
        self.choose_export(event.session)

    @work(exclusive=True, group="export")
    async def choose_export(self, session: ReviewSession) -> None:
        """Ask which format to write, then write it (Esc writes nothing)."""
        from tui_interview.domain.locations import exports_dir
        from tui_interview.ui.screens.export import ExportDialog

        dialog = ExportDialog(exports_dir(self.settings.data_home), session.record.id)
        chosen = await self.push_screen_wait(dialog)
        if chosen is not None:
            self.export_report(session, chosen)

    def export_report(self, session: ReviewSession, export_format: ExportFormat) -> None:
        """Write the report of ``session`` to the exports folder of the data folder; say where, or why not."""
        from tui_interview.domain.locations import exports_dir
        from tui_interview.domain.reporting.export import FORMAT_NAMES, write_export

        folder = exports_dir(self.settings.data_home)
        try:
            path = write_export(session.record, session.report, export_format, folder)
        except OSError as error:
            self.notify(
                f"Cannot write it in {folder}: {error.strerror or error}",
                title="Report not exported",
                severity="error",
                timeout=10,
                markup=False,
            )
            return
        self.notify(str(path), title=f"Report exported as {FORMAT_NAMES[export_format]}", timeout=10, markup=False)

    # The command palette and the theme ---------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The app's own commands for the palette (Ctrl+P); starting something is offered between sessions only."""
        if self.run_in_progress is None:
            yield SystemCommand("Full loop", "Start a full interview loop: its plan first", self.open_overview)
            yield SystemCommand(
                "Practice", "Start practice: a stage, or areas, kinds and a level", self.open_practice_picker
            )
            yield SystemCommand("History", "Past sessions and their reports", self.open_history)
            yield SystemCommand(
                "Study the pack", "Browse and search the questions, read model answers, practise one", self.open_browse
            )
            yield SystemCommand("Target", "Target companies: the active one, profiles, research", self.open_targets)
        yield from self._report_commands(screen)
        yield SystemCommand(
            "Toggle light / dark", "Switch to the theme's light or dark counterpart", self.action_toggle_dark
        )
        yield SystemCommand("Theme", "Pick a theme (saved in the settings file)", self.action_change_theme)
        yield SystemCommand("Keys", "This screen's keys and what it is for (F1)", self.action_help)
        yield SystemCommand("Quit", "Quit tui-interview (in a stage it asks first)", self.action_quit)

    def _report_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        report_module = sys.modules.get("tui_interview.ui.screens.report")  # imported once a report was shown
        if report_module is None or not isinstance(screen, report_module.ReportScreen):
            return
        from tui_interview.domain.locations import exports_dir
        from tui_interview.domain.reporting.export import EXPORT_FORMATS, FORMAT_NAMES, export_path

        for export_format in EXPORT_FORMATS:
            name = export_path(exports_dir(Path()), screen.session.record.id, export_format)
            yield SystemCommand(
                f"Export this report as {FORMAT_NAMES[export_format]}",
                f"Write {name} in your data folder",
                partial(self.export_report, screen.session, export_format),
            )
        if screen.practice_ids:
            yield SystemCommand(
                "Practise these questions", 'Practice on those under "Practise next" (p)', screen.action_practise
            )

    def _apply_start_theme(self) -> None:
        """The theme of the settings file, if it names one; then every theme picked is saved there."""
        theme, problem = self.ui.theme, self.ui.problem
        if theme is not None and theme not in self.available_themes:
            problem = (
                f"{self.config_path}: there is no theme {theme!r} (themes: {', '.join(sorted(self.available_themes))})"
            )
        elif theme is not None:
            self.theme = theme
        if problem is not None:
            self.notify(problem, title="Settings file", severity="warning", timeout=15, markup=False)
        self._saved_theme = self.theme
        self.theme_changed_signal.subscribe(self, self._save_theme)

    def _save_theme(self, theme: Theme) -> None:
        from tui_interview.domain.ui_settings import ConfigWriteError, save_theme

        if self.config_path is None or theme.name == self._saved_theme:
            return
        try:
            written = save_theme(self.config_path, theme.name)
        except ConfigWriteError as error:
            self.notify(str(error), title="Theme not saved", severity="warning", timeout=15, markup=False)
            return
        self._saved_theme = theme.name
        if not self._told_where_theme_is_saved:  # once a run: toggling back and forth needs no more notices
            self._told_where_theme_is_saved = True
            self.notify(f"Saved in {written}: the app starts with it.", title=f"Theme {theme.name}", markup=False)

    def action_toggle_dark(self) -> None:
        """The theme's light or dark counterpart; toggling twice comes back to the theme before."""
        from tui_interview.ui.themes import light_dark_counterpart

        themes = {name: theme.dark for name, theme in self.available_themes.items()}
        previous, self._theme_before_toggle = self._theme_before_toggle, self.theme
        self.theme = light_dark_counterpart(self.theme, themes, previous)

    # Actions ---------------------------------------------------------------------------------

    def action_help(self) -> None:
        """Help for the screen showing; over a stage, the stage clock stops while it is open (not a pause)."""
        from tui_interview.ui.screens.help import HelpScreen
        from tui_interview.ui.screens.spoken_stage import SpokenStageScreen
        from tui_interview.ui.screens.stage import StageScreen

        screen, underneath = self.screen, self.screen
        if isinstance(screen, HelpScreen):
            return
        if isinstance(screen, StageScreen | SpokenStageScreen) and screen.hold_clock():
            self.push_screen(HelpScreen(underneath), callback=lambda _: screen.release_clock())
        else:
            self.push_screen(HelpScreen(underneath))

    async def action_quit(self) -> None:
        """Quit; while a session is played (whatever covers its stage: feedback, help, a pause, a dialog), between
        stages, or with typed text not saved, only once the candidate confirms. Ctrl+Q on that question quits."""
        from tui_interview.ui.screens.spoken_stage import SpokenStageScreen
        from tui_interview.ui.screens.stage import StageScreen

        if self._quit_question is not None and self.screen is self._quit_question:
            self._quit_question.dismiss(True)
            return
        playing = (StageScreen, SpokenStageScreen)
        stage = next((screen for screen in reversed(self.screen_stack) if isinstance(screen, playing)), None)
        note = next((n for screen in reversed(self.screen_stack) if (n := getattr(screen, "quit_note", None))), None)
        if stage is not None:
            self.confirm_quit(stage)
        elif isinstance(note, str):  # between stages, or a screen holding typed text not saved yet
            self.confirm_quit_between_stages(note)
        elif unsaved := self._unsaved_sessions():
            self.quit_unsaved(unsaved)
        else:
            self.exit(0)

    def _unsaved_sessions(self) -> list[Unsaved]:
        """The sessions in this window whose last save failed: the one played, and any report being reviewed."""
        unsaved: list[Unsaved] = []
        run = self.active_run
        if run is not None and run.save_error is not None:
            unsaved.append(Unsaved(run.record, run.store, run.try_checkpoint))
        review = sys.modules.get("tui_interview.domain.reporting.review")  # imported only once a report was open
        if review is not None:
            for screen in self.screen_stack:
                session = getattr(screen, "session", None)
                if not isinstance(session, review.ReviewSession) or session.save_error is None:
                    continue
                if not any(item.record is session.record for item in unsaved):
                    unsaved.append(Unsaved(session.record, session.store, _retry_review_save(session)))
        return unsaved

    @work(exclusive=True, group="quit")
    async def confirm_quit(self, stage: StageScreen | SpokenStageScreen) -> None:
        """Quit during a stage only once the candidate confirms; the answer being typed is saved first.

        The stage clock stops while the question is open: deciding is not interview time (nor a pause).
        """
        from tui_interview.ui.screens.dialogs import ConfirmDialog

        held = stage.hold_clock()
        question = self._quit_question = ConfirmDialog(
            "Quit the interview?",
            "Everything you have typed is saved. Next time you start, you can resume here.",
            yes="Quit",
            no="Keep going",
        )
        if await self.push_screen_wait(question):
            if stage.save_now():
                self.exit(0)
                return
            assert stage.run.save_error is not None
            if await self._leave_unsaved(stage.run.record, stage.run.store, stage.run.save_error):
                return
        if held:
            stage.release_clock()

    @work(exclusive=True, group="quit")
    async def confirm_quit_between_stages(self, note: str) -> None:
        """Between stages (the work is saved either way), or on a screen whose ``quit_note`` says what quitting
        would lose, quit only once the candidate confirms, as during a stage."""
        from tui_interview.ui.screens.dialogs import ConfirmDialog

        title = "Quit the interview?" if self.run_in_progress is not None else "Quit tui-interview?"
        question = self._quit_question = ConfirmDialog(title, note, yes="Quit", no="Keep going")
        if await self.push_screen_wait(question):
            await self._quit_saving(self._unsaved_sessions())

    @work(exclusive=True, group="quit")
    async def quit_unsaved(self, unsaved: list[Unsaved]) -> None:
        """Quit from outside a stage while a session is not saved: try again, else write a copy elsewhere."""
        await self._quit_saving(unsaved)

    async def _quit_saving(self, unsaved: list[Unsaved]) -> None:
        """Quit, first trying again to save what is ``unsaved`` and, failing that, copying it elsewhere."""
        for item in unsaved:
            error = item.retry()
            if error is not None and not await self._leave_unsaved(item.record, item.store, error, exits=False):
                return  # the candidate stays, to try again later
        self.exit(*self._exit_status)

    async def _leave_unsaved(
        self, record: SessionRecord, store: SessionStore, error: OSError, *, exits: bool = True
    ) -> bool:
        """The session cannot be saved where it belongs: copy it elsewhere, say where, and quit (if ``exits``).

        If no folder takes a copy, the candidate chooses between quitting anyway and going on (False).
        """
        from tui_interview.domain.sessions.rescue import failure_reason, rescue_folders, write_rescue_copy
        from tui_interview.ui.screens.dialogs import ConfirmDialog, NoticeDialog

        reason = failure_reason(error)
        where = record.source or store.path_for(record.id)
        folders = self.rescue_folders if self.rescue_folders is not None else rescue_folders(self.settings.data_home)
        rescue = write_rescue_copy(record, folders)
        if rescue.path is not None:
            body = (
                f"It could not be saved in {where.parent}: {reason}.\n\nA copy is in\n{rescue.path}\n\n"
                f"Move it into {store.folder} to resume it there."
            )
            await self.push_screen_wait(NoticeDialog("Your session is saved elsewhere", body, button="Quit"))
            message = f"tui-interview: not saved in {where.parent} ({reason}); a copy is in {rescue.path}"
            self._quit_with(Text(message), exits)
            return True
        tried = "; ".join(f"{folder}: {why}" for folder, why in rescue.failures)
        body = (
            f"It could not be saved in {where.parent}: {reason}, nor anywhere else ({tried}).\n\n"
            "If you quit now, what was not saved is lost."
        )
        question = ConfirmDialog("Your session could not be saved", body, yes="Quit anyway", no="Keep going")
        if await self.push_screen_wait(question):
            self._quit_with(Text(f"tui-interview: the session could not be saved anywhere ({reason})"), exits)
            return True
        return False

    def _quit_with(self, message: Text, exits: bool) -> None:
        """Exit with status 1 and ``message`` printed after the screen is restored (now, or once ``exits``)."""
        self._exit_status = (1, 1, message)
        if exits:
            self.exit(*self._exit_status)


@dataclass(frozen=True)
class Unsaved:
    """A session whose last save failed: its record, where it belongs, and how to try saving it again."""

    record: SessionRecord
    store: SessionStore
    retry: Callable[[], OSError | None]


def _retry_review_save(session: ReviewSession) -> Callable[[], OSError | None]:
    def retry() -> OSError | None:
        session.save()
        return session.save_error

    return retry


def _data_errors() -> tuple[type[Exception], ...]:
    """The problems with the user's data that are shown as a notification rather than failing the app."""
    from tui_interview.domain.bank.problems import DataFileError
    from tui_interview.domain.planning.draw import DrawError
    from tui_interview.domain.planning.practice import PracticeError
    from tui_interview.domain.sessions.run import ResumeError
    from tui_interview.domain.sessions.store import SessionFileError
    from tui_interview.domain.workspace import UnknownStageError

    return (DataFileError, DrawError, UnknownStageError, ResumeError, SessionFileError, PracticeError)


def _where_stopped(record: SessionRecord) -> str:
    stage = record.current_stage
    if stage is None:
        return "the end (the report is ready)"
    progress = stage.progress()
    minutes_left = int(progress.seconds_left // 60)
    return f"{stage.title}, question {progress.done + 1} of {progress.questions}, {minutes_left} min left"
