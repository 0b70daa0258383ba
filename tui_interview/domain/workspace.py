"""The loaded pack, stages and session store, and the operations the CLI and the screens share.

The home screen builds a Workspace but needs none of its parts, so the modules behind them (pydantic
models, the grader) are imported where first used: together they cost ~150 ms of start-up
(benchmarks/startup.py).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tui_interview.domain.locations import sessions_dir
from tui_interview.domain.settings import Settings

if TYPE_CHECKING:
    from datetime import datetime

    from tui_interview.domain.bank.pack import Pack
    from tui_interview.domain.bank.stages import StageCatalog, StageSpec
    from tui_interview.domain.config import JudgeConfig
    from tui_interview.domain.grading.judged import CachedVerdicts
    from tui_interview.domain.history.index import HistoryIndex, HistoryView
    from tui_interview.domain.history.spaced import DueReviews, ReviewState
    from tui_interview.domain.planning.draw import LoopPlan, PlannedTarget
    from tui_interview.domain.reporting.preparation import ReportContext
    from tui_interview.domain.sessions.clock import Clock, WallClock
    from tui_interview.domain.sessions.records import SessionRecord
    from tui_interview.domain.sessions.run import LoopRun
    from tui_interview.domain.sessions.store import SessionStore
    from tui_interview.domain.settings import PracticeChoice
    from tui_interview.domain.stories.bank import Story, StoryBank
    from tui_interview.domain.targets.profile import Target
    from tui_interview.domain.vocabulary import Mode


@dataclass(frozen=True)
class JudgeSetup:
    """The optional LLM judge: how to ask it, where its verdicts are kept, or why it cannot be used."""

    config: JudgeConfig | None = None
    """None: no judge configured (or it cannot be used: see ``problem``)."""
    verdicts: CachedVerdicts | None = None
    problem: str | None = None
    """Why a judge the user set up cannot be used (a bad config.toml, httpx not installed)."""


class UnknownStageError(Exception):
    """A stage id that the stage folder does not define."""


@dataclass
class Workspace:
    """One pack, one stage catalog and one session folder, loaded once per process."""

    settings: Settings

    @cached_property
    def pack(self) -> Pack:
        """The pack in settings, validated; read through its cached copy when its files have not changed."""
        return self._load_pack(self.settings.pack_path)

    def _load_pack(self, folder: Path) -> Pack:
        from tui_interview.domain.bank.pack_cache import load_pack_cached
        from tui_interview.domain.locations import pack_cache_dir

        return load_pack_cached(folder, pack_cache_dir(self.settings.data_home))

    @cached_property
    def catalog(self) -> StageCatalog:
        from tui_interview.domain.bank.stages import load_stages

        return load_stages(self.settings.stages_path)

    def load_all(self) -> None:
        """Load the pack, then the stages, now rather than when first used.

        Raises :class:`DataFileError` listing every problem in whichever of the two is bad first, so the
        command line can report bad data on the terminal before it opens the UI.
        """
        _ = self.pack, self.catalog

    @cached_property
    def store(self) -> SessionStore:
        from tui_interview.domain.sessions.store import SessionStore

        return SessionStore(sessions_dir(self.settings.data_home))

    @cached_property
    def history(self) -> HistoryIndex:
        """Summaries of every saved session, cached so that history stays fast as it grows."""
        from tui_interview.domain.history.index import HistoryIndex, pack_fingerprint

        home = self.settings.data_home
        return HistoryIndex(
            sessions_dir(home),
            home / "cache" / "history.json",
            scoring=self._pack_or_none,
            fingerprint=pack_fingerprint(self.settings.pack_path),
        )

    @cached_property
    def judge(self) -> JudgeSetup:
        """The LLM judge the user configured in ``config.toml``, if it can be used, and why not when it cannot."""
        from tui_interview.domain.config import ConfigError, load_config
        from tui_interview.domain.grading.judge import judge_available
        from tui_interview.domain.grading.judged import CachedVerdicts
        from tui_interview.domain.locations import judge_cache_dir

        try:
            config = load_config().judge
        except ConfigError as error:
            return JudgeSetup(problem=f"{error} (grading stays offline)")
        if not config.configured or config.model is None:
            return JudgeSetup()
        missing = judge_available()
        if missing is not None:
            return JudgeSetup(problem=f"{missing} (grading stays offline)")
        return JudgeSetup(config, CachedVerdicts(config.model, judge_cache_dir(self.settings.data_home)))

    def review(self, view: HistoryView | None = None) -> ReviewState:
        """The spaced-review schedule of every question answered so far (from ``view`` if already loaded)."""
        from tui_interview.domain.history.spaced import build_review_state

        return build_review_state((view or self.history.load()).sessions)

    def due_ids(self, now: datetime, view: HistoryView | None = None) -> list[str]:
        """Questions due for review at ``now``, most overdue first (none when history is off)."""
        return self.review(view).due(now) if self.settings.use_history else []

    def due_reviews(self, now: datetime, view: HistoryView | None = None) -> DueReviews:
        """What is due for review at ``now``, with a note per question, or when the next review is (nothing
        when history is off)."""
        from tui_interview.domain.history.spaced import DueReviews

        return self.review(view).due_reviews(now) if self.settings.use_history else DueReviews()

    def _pack_or_none(self, record: SessionRecord) -> Pack | None:
        from tui_interview.domain.bank.problems import DataFileError

        try:
            return self.pack_for(record)
        except DataFileError:
            return None

    def _penalties(self, view: HistoryView) -> dict[str, int]:
        from tui_interview.domain.planning.draw import recency_penalties

        if not (self.settings.use_history and self.settings.recent_sessions):
            return {}
        recent = view.sessions[: self.settings.recent_sessions]
        return recency_penalties([[result.question_id for result in summary.questions] for summary in recent])

    def stage(self, stage_id: str) -> StageSpec:
        try:
            return self.catalog.stages[stage_id]
        except KeyError:
            known = ", ".join(sorted(self.catalog.stages))
            raise UnknownStageError(f"unknown stage {stage_id!r} (stages: {known})") from None

    def plan(self, seed: int | None = None, now: datetime | None = None) -> LoopPlan:
        """Draw the full loop with ``seed`` (default: settings, else a new one).

        It avoids questions seen in recent sessions and, given ``now``, may bring back one question due for
        review where it fits a stage's rules; with a level in settings, it is drawn for that level.
        """
        from tui_interview.domain.planning.practice import loop_with_one_due

        view = self.history.load()
        due = self.due_ids(now, view) if now is not None else []
        return loop_with_one_due(
            self.pack,
            self.catalog.loop_stages(),
            self._seed(seed),
            due_ids=due,
            penalties=self._penalties(view),
            target=self.loop_target(),
            level=self.settings.level,
        )

    def practice_plan(self, choice: PracticeChoice, seed: int | None = None, now: datetime | None = None) -> LoopPlan:
        """A one-stage practice plan for ``choice``: its exact questions, or a draw (due questions first when it
        asks for them)."""
        from tui_interview.domain.planning.practice import plan_practice, plan_questions, practice_stage

        if choice.story is not None:
            from tui_interview.domain.stories.drill import drill_plan

            return drill_plan(self.pack, self.stories(), choice, self._seed(seed))
        if choice.question_ids:
            return plan_questions(self.pack, choice, self._seed(seed))
        base = self.stage(choice.stage) if choice.stage else None
        narrowed = choice.areas or choice.kinds or choice.levels or choice.count is not None or choice.minutes
        if base is not None and not narrowed:
            stage = base  # a stage practised as it is: its own interviewer, time and rules
        else:
            stage = practice_stage(base, choice.areas, choice.kinds, choice.levels, choice.count, choice.minutes)
        view = self.history.load()
        due = self.due_reviews(now, view) if choice.due_first and now is not None else None
        return plan_practice(
            self.pack,
            stage,
            self._seed(seed),
            due_ids=due.ids if due else (),
            penalties=self._penalties(view),
            time_from_questions=base is None and choice.minutes is None,
            due_notes=due.notes if due else None,
            target=self.loop_target(),
        )

    # Preparation: the target company and the story bank ---------------------------------------------

    def target(self) -> Target | None:
        """The target to draw for: the one named in settings (``loop --target``), else the active one, else None.

        Raise :class:`~tui_interview.domain.targets.profile.TargetError` when it cannot be read."""
        from tui_interview.domain.targets.profile import active_target, load_target

        home = self.settings.data_home
        return load_target(home, self.settings.target) if self.settings.target else active_target(home)

    def loop_target(self) -> PlannedTarget | None:
        """:meth:`target` as the draw needs it: its id, its title, and the pack tags of its stack."""
        from tui_interview.domain.planning.draw import PlannedTarget
        from tui_interview.domain.targets.stack import stack_tags

        target = self.target()
        if target is None:
            return None
        tags = {tag for question in self.pack.questions for tag in question.tags}
        matched = frozenset(tag for tag in stack_tags(target.stack, tags).values() if tag)
        return PlannedTarget(target.id, target.title, matched)

    def stories(self) -> StoryBank:
        """The story bank of the data folder (empty when there is none); raise ``StoryError`` when it is bad."""
        from tui_interview.domain.locations import stories_file
        from tui_interview.domain.stories.bank import load_stories

        return load_stories(stories_file(self.settings.data_home))

    def report_context(self, record: SessionRecord) -> ReportContext:
        """The story bank and the target ``record`` was drawn for, for its report; what cannot be read is noted."""
        from tui_interview.domain.bank.problems import DataFileError
        from tui_interview.domain.reporting.preparation import ReportContext, drills_in
        from tui_interview.domain.targets.profile import load_target

        problems: list[str] = []
        stories: tuple[Story, ...] = ()
        target: Target | None = None
        try:
            stories = self.stories().stories
        except DataFileError as error:
            more = len(error.problems) - 1
            problems.append(f"{error.problems[0]}" + (f" (and {more} more: see stories check)" if more else ""))
        if record.target is not None:
            try:
                target = load_target(self.settings.data_home, record.target)
            except DataFileError as error:
                problems.append(str(error.problems[0]))
        return ReportContext(stories, record.target, target, tuple(problems), drills_in(record))

    def _seed(self, seed: int | None) -> int:
        from tui_interview.domain.planning.draw import new_seed

        chosen = seed if seed is not None else self.settings.seed
        return chosen if chosen is not None else new_seed()

    @property
    def locks_folder(self) -> Path:
        """Where the locks of the sessions open in a window are (see :mod:`~tui_interview.domain.sessions.lock`)."""
        from tui_interview.domain.sessions.lock import LOCKS_FOLDER

        return self.settings.data_home / LOCKS_FOLDER

    def open_elsewhere(self, session_path: Path) -> bool:
        """Whether another window is playing the session saved in ``session_path``."""
        from tui_interview.domain.sessions.lock import open_elsewhere

        return open_elsewhere(self.locks_folder, session_path)

    def start(
        self, plan: LoopPlan, clock: Clock, now: WallClock, mode: Mode = "loop", *, aloud: bool = False
    ) -> LoopRun:
        """A new session, saved once (or not: see ``LoopRun.save_error``) and locked to this window.

        ``aloud``: every stage is answered out loud (as a stage file's ``aloud`` option makes one stage).
        """
        from tui_interview.domain.sessions.lock import SessionInUseError, lock_session
        from tui_interview.domain.sessions.probing import MissedPointProber
        from tui_interview.domain.sessions.run import LoopRun

        run = LoopRun.start_new(
            plan, self.pack, self.catalog.folder, self.store, clock, now, mode, prober=MissedPointProber(), aloud=aloud
        )
        path = run.record.source or self.store.path_for(run.record.id)
        with contextlib.suppress(SessionInUseError):  # a new file: no other window can have it yet
            run.lock = lock_session(self.locks_folder, path)
        return run

    def pack_for(self, record: SessionRecord) -> Pack:
        """The pack ``record`` was drawn from: usually the loaded one."""
        if Path(record.pack_path).resolve() == Path(self.settings.pack_path).resolve():
            return self.pack
        return self._load_pack(Path(record.pack_path))

    def resume(self, record: SessionRecord, clock: Clock, now: WallClock) -> LoopRun:
        """Continue ``record`` with the pack it was drawn from, locked to this window.

        Raise ``ResumeError`` if another window is playing it.
        """
        from tui_interview.domain.sessions.lock import SessionInUseError, lock_session
        from tui_interview.domain.sessions.probing import MissedPointProber
        from tui_interview.domain.sessions.run import LoopRun, ResumeError

        path = record.source or self.store.path_for(record.id)
        try:
            lock = lock_session(self.locks_folder, path)
        except SessionInUseError as error:
            raise ResumeError(f"{error}; finish or quit it there first") from None
        try:
            run = LoopRun.resume(record, self.pack_for(record), self.store, clock, now, prober=MissedPointProber())
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        run.lock = lock
        return run
