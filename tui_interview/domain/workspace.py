"""The loaded pack, stages and session store, and the operations the CLI and the screens share.

The home screen builds a Workspace but needs none of its parts, so the modules behind them (pydantic
models, the grader) are imported where first used: together they cost ~150 ms of start-up
(benchmarks/startup.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tui_interview.domain.locations import sessions_dir
from tui_interview.domain.settings import Settings

if TYPE_CHECKING:
    from tui_interview.domain.bank import Pack
    from tui_interview.domain.clock import Clock, WallClock
    from tui_interview.domain.draw import LoopPlan
    from tui_interview.domain.run import LoopRun
    from tui_interview.domain.session import Mode, SessionRecord
    from tui_interview.domain.stages import StageCatalog, StageSpec
    from tui_interview.domain.storage import SessionStore


class UnknownStageError(Exception):
    """A stage id that the stage folder does not define."""


@dataclass
class Workspace:
    """One pack, one stage catalog and one session folder, loaded once per process."""

    settings: Settings

    @cached_property
    def pack(self) -> Pack:
        from tui_interview.domain.bank import load_pack

        return load_pack(self.settings.pack_path)

    @cached_property
    def catalog(self) -> StageCatalog:
        from tui_interview.domain.stages import load_stages

        return load_stages(self.settings.stages_path)

    @cached_property
    def store(self) -> SessionStore:
        from tui_interview.domain.storage import SessionStore

        return SessionStore(sessions_dir(self.settings.data_home))

    def stage(self, stage_id: str) -> StageSpec:
        try:
            return self.catalog.stages[stage_id]
        except KeyError:
            known = ", ".join(sorted(self.catalog.stages))
            raise UnknownStageError(f"unknown stage {stage_id!r} (stages: {known})") from None

    def plan(self, stages: list[StageSpec] | None = None, seed: int | None = None) -> LoopPlan:
        """Draw ``stages`` (default: the full loop) with ``seed`` (default: settings, else a new one)."""
        from tui_interview.domain.draw import draw_loop, new_seed, recency_penalties

        seed = seed if seed is not None else self.settings.seed
        penalties: dict[str, int] = {}
        if self.settings.use_history and self.settings.recent_sessions:
            penalties = recency_penalties(self.store.recent_question_ids(self.settings.recent_sessions))
        return draw_loop(
            self.pack,
            stages if stages is not None else self.catalog.loop_stages(),
            seed if seed is not None else new_seed(),
            penalties,
        )

    def start(self, plan: LoopPlan, clock: Clock, now: WallClock, mode: Mode = "loop") -> LoopRun:
        from tui_interview.domain.probing import MissedPointProber
        from tui_interview.domain.run import LoopRun

        return LoopRun.start_new(
            plan, self.pack, self.catalog.folder, self.store, clock, now, mode, prober=MissedPointProber()
        )

    def pack_for(self, record: SessionRecord) -> Pack:
        """The pack ``record`` was drawn from: usually the loaded one."""
        from tui_interview.domain.bank import load_pack

        if Path(record.pack_path).resolve() == Path(self.settings.pack_path).resolve():
            return self.pack
        return load_pack(Path(record.pack_path))

    def resume(self, record: SessionRecord, clock: Clock, now: WallClock) -> LoopRun:
        """Continue ``record`` with the pack it was drawn from."""
        from tui_interview.domain.probing import MissedPointProber
        from tui_interview.domain.run import LoopRun

        return LoopRun.resume(record, self.pack_for(record), self.store, clock, now, prober=MissedPointProber())
