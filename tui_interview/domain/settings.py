"""Launch settings shared by the command line, the app factory and the tests.

A plain dataclass rather than a pydantic model: it is built on every start, before the home screen,
and pydantic costs ~70 ms to import (benchmarks/startup.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tui_interview.domain.locations import data_home, default_pack_dir, shipped_stages_dir
from tui_interview.domain.vocabulary import LEVELS, Level

StartScreen = Literal["home", "loop", "practice", "interview"]
START_SCREENS: tuple[StartScreen, ...] = ("home", "loop", "practice", "interview")


@dataclass(frozen=True)
class PracticeChoice:
    """What to practise: exact questions, a stage's rules, or areas, kinds and levels chosen directly."""

    question_ids: tuple[str, ...] = ()
    """Exactly these questions, in this order (only ``minutes`` may go with them); empty: draw by the rest."""
    stage: str | None = None
    """A stage id whose rules to use; None chooses by the filters below alone."""
    areas: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    count: int | None = None
    """How many questions; None: the stage's number, else 3."""
    minutes: float | None = None
    """How long; None: the stage's time, else the questions' suggested minutes."""
    due_first: bool = False
    """Draw questions due for review first."""
    aloud: bool = False
    """Answer out loud, then check yourself against the talking points (nothing typed)."""
    story: str | None = None
    """A story drill: the id of the story (in the story bank) to tell for the one question chosen (or, with none
    chosen, the question it fits best); see ``domain.stories.drill``."""


@dataclass(frozen=True)
class Settings:
    """Everything that decides what the app loads and where it saves."""

    pack_path: Path = field(default_factory=default_pack_dir)
    """The question pack folder (holding pack.toml). Default: the shipped MLOps pack."""

    stages_path: Path = field(default_factory=shipped_stages_dir)
    """The folder of stage definitions and loop.toml. Default: the shipped stages."""

    data_home: Path = field(default_factory=data_home)
    """Where sessions are saved. Default: $TUI_INTERVIEW_HOME, else the platform's user data folder."""

    seed: int | None = None
    """Seed for the question draw; None picks one and records it in the session."""

    target: str | None = None
    """The target company (its id in the data folder) to draw for; None: the active target, if any."""

    level: Level | None = None
    """The level a full loop is drawn for: questions at it first, then adjacent ones (``planning.levels``);
    None: any level."""

    use_history: bool = True
    """Prefer questions not seen in recent sessions when drawing."""

    start: StartScreen = "home"
    """The first screen: the home menu, straight into a full loop, or one stage's practice."""

    practice: PracticeChoice | None = None
    """What to practise when ``start`` is "practice"."""

    aloud: bool = False
    """Every session this window starts is answered out loud (``--aloud``), as a stage file's ``aloud`` makes one."""

    autosave_seconds: float = 5.0
    """How often a draft answer is saved while typing."""

    recent_sessions: int = 5
    """How many recent sessions the draw avoids repeating questions from."""

    def __post_init__(self) -> None:
        for name in ("pack_path", "stages_path", "data_home"):
            object.__setattr__(self, name, Path(getattr(self, name)))
        if self.start not in START_SCREENS:
            raise ValueError(f"start must be one of {', '.join(START_SCREENS)}, not {self.start!r}")
        if self.level is not None and self.level not in LEVELS:
            raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {self.level!r}")
        if self.autosave_seconds <= 0:
            raise ValueError("autosave_seconds must be positive")
        if self.recent_sessions < 0:
            raise ValueError("recent_sessions must not be negative")
