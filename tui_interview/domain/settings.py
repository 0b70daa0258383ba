"""Launch settings shared by the command line, the app factory and the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tui_interview.domain.locations import data_home, default_pack_dir, shipped_stages_dir

StartScreen = Literal["home", "loop", "practice"]


class Settings(BaseModel):
    """Everything that decides what the app loads and where it saves."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pack_path: Path = Field(default_factory=default_pack_dir)
    """The question pack folder (holding pack.toml). Default: the shipped MLOps pack."""

    stages_path: Path = Field(default_factory=shipped_stages_dir)
    """The folder of stage definitions and loop.toml. Default: the shipped stages."""

    data_home: Path = Field(default_factory=data_home)
    """Where sessions are saved. Default: $TUI_INTERVIEW_HOME, else the platform's user data folder."""

    seed: int | None = None
    """Seed for the question draw; None picks one and records it in the session."""

    use_history: bool = True
    """Prefer questions not seen in recent sessions when drawing."""

    start: StartScreen = "home"
    """The first screen: the home menu, straight into a full loop, or one stage's practice."""

    practice_stage: str | None = None
    """The stage id to practise when ``start`` is "practice"."""

    autosave_seconds: float = Field(default=5.0, gt=0)
    """How often a draft answer is saved while typing."""

    recent_sessions: int = Field(default=5, ge=0)
    """How many recent sessions the draw avoids repeating questions from."""
