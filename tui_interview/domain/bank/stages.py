"""Stage definitions (one TOML file per stage) and the loop file that orders them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from tui_interview.domain.bank.pack import Question, Slug
from tui_interview.domain.bank.problems import Problem, StageError, read_toml, validate_model
from tui_interview.domain.bounds import MAX_LOOP_STAGES, MAX_STAGE_QUESTIONS, StageMinutes, StageQuestions
from tui_interview.domain.vocabulary import Kind, Level

LOOP_FILE = "loop.toml"
M = TypeVar("M", bound=BaseModel)
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Interviewer(_Strict):
    """Who runs the stage."""

    name: Text
    role: Text


class DrawRules(_Strict):
    """Which questions a stage may draw."""

    kinds: list[Kind] = Field(min_length=1)
    """Question kinds the stage asks."""
    areas: list[Slug] = []
    """Areas to draw from; empty means any area."""
    levels: list[Level] = []
    """Levels to draw from; empty means any level."""
    max_per_area: int | None = Field(default=None, strict=True, ge=1, le=MAX_STAGE_QUESTIONS)
    """At most this many questions from one area."""
    min_areas: int = Field(default=1, strict=True, ge=1, le=MAX_STAGE_QUESTIONS)
    """At least this many different areas among the questions."""


class StageSpec(_Strict):
    """One interview stage: who asks, for how long, and what."""

    id: Slug
    title: Text
    interviewer: Interviewer
    intro: Text
    minutes: StageMinutes
    questions: StageQuestions
    draw: DrawRules
    aloud: bool = Field(default=False, strict=True)
    """The candidate answers out loud, then checks themselves against the talking points (no typing)."""

    @model_validator(mode="after")
    def _areas_reachable(self) -> StageSpec:
        if self.draw.min_areas > self.questions:
            raise ValueError(f"draw.min_areas ({self.draw.min_areas}) is more than questions ({self.questions})")
        return self

    def draws(self, question: Question) -> bool:
        """True when the stage may draw ``question``: its kind, area and level are among those ``draw`` allows."""
        rules = self.draw
        return (
            question.kind in rules.kinds
            and (not rules.areas or question.area in rules.areas)
            and (not rules.levels or question.level in rules.levels)
        )


class LoopSpec(_Strict):
    """The default order of stages in a full loop."""

    title: Text = "Full interview loop"
    stages: list[Slug] = Field(min_length=1, max_length=MAX_LOOP_STAGES)


@dataclass(frozen=True)
class StageCatalog:
    """Every stage found in a folder plus the loop order."""

    stages: dict[str, StageSpec]
    loop: LoopSpec
    folder: Path

    def loop_stages(self) -> list[StageSpec]:
        return [self.stages[stage_id] for stage_id in self.loop.stages]


def load_stages(folder: Path) -> StageCatalog:
    """Load every ``*.toml`` stage in ``folder`` and its ``loop.toml``; raise :class:`StageError`."""
    folder = Path(folder)
    if not folder.is_dir():
        raise StageError([Problem(folder, "not a folder of stage definitions")])
    problems: list[Problem] = []
    stages: dict[str, StageSpec] = {}
    files: dict[str, Path] = {}
    for path in sorted(folder.glob("*.toml")):
        if path.name == LOOP_FILE:
            continue
        stage = _load_model(path, StageSpec, problems)
        if stage is None:
            continue
        if stage.id in stages:
            problems.append(Problem(path, f"duplicate stage id, first defined in {files[stage.id].name}", field="id"))
            continue
        stages[stage.id] = stage
        files[stage.id] = path
    all_stages_loaded = not problems
    loop = _load_loop(folder / LOOP_FILE, stages, problems, check_ids=all_stages_loaded)
    if problems or loop is None:
        raise StageError(problems)
    return StageCatalog(stages=stages, loop=loop, folder=folder)


def _load_loop(path: Path, stages: dict[str, StageSpec], problems: list[Problem], check_ids: bool) -> LoopSpec | None:
    if not path.exists():
        problems.append(Problem(path, "missing loop.toml (it lists the stages of a full loop in order)"))
        return None
    loop = _load_model(path, LoopSpec, problems)
    if loop is None or not check_ids:  # a stage file that failed to load would show up as "unknown"
        return loop
    for stage_id in loop.stages:
        if stage_id not in stages:
            known = ", ".join(sorted(stages)) or "none"
            problems.append(Problem(path, f"unknown stage {stage_id!r} (stages found: {known})", field="stages"))
    return loop


def _load_model(path: Path, model: type[M], problems: list[Problem]) -> M | None:
    data = read_toml(path, problems)
    if data is None:
        return None
    return validate_model(model, data, path, problems)
