"""Where the shipped data and the user's own data live."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

HOME_VARIABLE = "TUI_INTERVIEW_HOME"
CONFIG_VARIABLE = "TUI_INTERVIEW_CONFIG"
_PACKAGE = Path(__file__).resolve().parent.parent


def data_home() -> Path:
    """The user's data folder: ``$TUI_INTERVIEW_HOME`` or platformdirs' user data dir."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("tui-interview", appauthor=False)


def config_file(environ: Mapping[str, str] | None = None) -> Path:
    """The user's settings file: ``$TUI_INTERVIEW_CONFIG`` or ``config.toml`` in platformdirs' user config dir."""
    override = (os.environ if environ is None else environ).get(CONFIG_VARIABLE)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path("tui-interview", appauthor=False) / "config.toml"


def sessions_dir(home: Path) -> Path:
    return home / "sessions"


def stories_file(home: Path) -> Path:
    """The candidate's STAR story bank (see ``stories.bank`` and docs/stories-and-targets.md)."""
    return home / "stories.toml"


def targets_dir(home: Path) -> Path:
    """The target companies, one TOML file each, and which one is active (see ``targets.profile``)."""
    return home / "targets"


def exports_dir(home: Path) -> Path:
    """Reports exported from the app's report screen, one file per session and format (``<session id>.md``)."""
    return home / "exports"


def cache_dir(home: Path) -> Path:
    """Files that can be deleted at any time and are rebuilt (the history index, pack copies, judge verdicts)."""
    return home / "cache"


def pack_cache_dir(home: Path) -> Path:
    """Validated copies of the packs loaded, one JSON file per pack folder (see ``bank.pack_cache``)."""
    return cache_dir(home) / "packs"


def judge_cache_dir(home: Path) -> Path:
    """Cached LLM-judge verdicts, one JSON file per question, answer and model."""
    return cache_dir(home) / "judge"


def _shipped(folder: str) -> Path:
    installed = _PACKAGE / "_data" / folder
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / folder  # a source checkout or an editable install


def shipped_questions_dir() -> Path:
    """The folder holding the packs that ship with the app (``questions/``)."""
    return _shipped("questions")


def shipped_stages_dir() -> Path:
    """The folder holding the default stage definitions (``stages/``)."""
    return _shipped("stages")


def default_pack_dir() -> Path:
    return shipped_questions_dir() / "mlops"


def shipped_pack_dirs() -> list[Path]:
    return sorted(p for p in shipped_questions_dir().iterdir() if (p / "pack.toml").is_file())
