"""The user's settings file, ``config.toml``: the optional LLM judge (``[judge]``) and the theme (``[ui]``).

The file lives in the platform's user config folder (``~/.config/tui-interview/config.toml`` on Linux,
``~/Library/Application Support/tui-interview/config.toml`` on macOS, ``%LOCALAPPDATA%\\tui-interview\\config.toml``
on Windows) or wherever ``$TUI_INTERVIEW_CONFIG`` points; a missing file means defaults (no judge, Textual's
default theme). The app writes one thing in it: the theme picked in the app, as ``theme`` in ``[ui]``, a
line-level edit that keeps every other line (:mod:`~tui_interview.domain.ui_settings`, which also reads that
table at start-up without this module's pydantic). Every ``[judge]`` key can be overridden by an environment variable
(:data:`JUDGE_VARIABLES`). An API key is never stored here: ``api_key_env`` names the environment variable
that holds it, and the key is read from the environment only when a request is made.

A bad file raises :class:`ConfigError` (a :class:`~tui_interview.domain.bank.problems.DataFileError`), one
line per problem naming the file, the line and the field, as the pack loader does. Importing this module
costs pydantic's import (~50 ms), so load the config where it is first needed, not at start-up.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from tui_interview.domain.bank.problems import DataFileError, Problem, read_toml, validation_problems
from tui_interview.domain.locations import config_file
from tui_interview.domain.ui_settings import UI_TABLE, ui_table_problems

URL_VARIABLE = "TUI_INTERVIEW_JUDGE_URL"
MODEL_VARIABLE = "TUI_INTERVIEW_JUDGE_MODEL"
TIMEOUT_VARIABLE = "TUI_INTERVIEW_JUDGE_TIMEOUT"
API_KEY_ENV_VARIABLE = "TUI_INTERVIEW_JUDGE_API_KEY_ENV"

JUDGE_VARIABLES: Mapping[str, str] = {
    "base_url": URL_VARIABLE,
    "model": MODEL_VARIABLE,
    "timeout_seconds": TIMEOUT_VARIABLE,
    "api_key_env": API_KEY_ENV_VARIABLE,
}
"""Each ``[judge]`` key and the environment variable that overrides it."""

DEFAULT_TIMEOUT_SECONDS = 60.0

EXAMPLE_CONFIG = """\
# tui-interview settings. The app writes only the theme you pick (theme under [ui]); the rest is yours.

[judge]
# An optional local LLM judge: any OpenAI-compatible chat-completions endpoint. Leave base_url or
# model unset (the default) and grading stays offline.
# base_url: the API root, requests go to {base_url}/chat/completions and {base_url}/models.
#   Ollama: "http://127.0.0.1:11434/v1"   llama.cpp server: "http://127.0.0.1:8080/v1"
#   vLLM: "http://127.0.0.1:8000/v1"      LM Studio: "http://127.0.0.1:1234/v1"
# base_url = "http://127.0.0.1:11434/v1"
# model: the model name the server knows (see `GET {base_url}/models`).
# model = "qwen2.5:7b-instruct"
# timeout_seconds: how long to wait for one answer's verdict before the offline grade stands.
# timeout_seconds = 60
# api_key_env: the NAME of the environment variable that holds an API key, if the server wants one.
#   Never put the key itself in this file.
# api_key_env = "OPENAI_API_KEY"
"""
"""A documented ``config.toml``, every setting commented out; valid as it is."""

_ENV_NAME = r"^[A-Za-z_][A-Za-z0-9_]*$"
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class _JudgeTable(_Strict):
    base_url: Text | None = None
    model: Text | None = None
    timeout_seconds: float = Field(default=DEFAULT_TIMEOUT_SECONDS, gt=0, le=3600)
    api_key_env: str | None = None

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, url: str | None) -> str | None:
        if url is None:
            return None
        if not re.match(r"^https?://[^/\s]+", url) or any(c.isspace() for c in url):
            raise ValueError('must be an http:// or https:// address such as "http://127.0.0.1:11434/v1"')
        return url.rstrip("/")

    @field_validator("api_key_env")
    @classmethod
    def _variable_name(cls, name: str | None) -> str | None:
        # The message never repeats the value: it may be a key pasted by mistake.
        if name is not None and not re.match(_ENV_NAME, name):
            raise ValueError(
                "must be the name of the environment variable that holds the key (like OPENAI_API_KEY), "
                "not the key itself"
            )
        return name


class _ConfigFile(_Strict):
    judge: _JudgeTable = _JudgeTable()
    ui: dict[str, Any] = {}
    """Checked by :func:`~tui_interview.domain.ui_settings.ui_table_problems`, the one definition of that table."""


class ConfigError(DataFileError):
    """The settings file, or an environment variable overriding it, is invalid."""


@dataclass(frozen=True)
class JudgeConfig:
    """Where the optional LLM judge is and how to talk to it. Holds no secret."""

    base_url: str | None = None
    """The API root of an OpenAI-compatible server, without a trailing slash (usually ending in ``/v1``)."""
    model: str | None = None
    """The model name to request."""
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    """How long to wait for a reply."""
    api_key_env: str | None = None
    """The name of the environment variable holding an API key; None sends no key."""

    def __post_init__(self) -> None:
        if self.base_url is not None:
            object.__setattr__(self, "base_url", self.base_url.rstrip("/"))
        if self.timeout_seconds <= 0:
            raise ValueError("timeout_seconds must be positive")

    @property
    def configured(self) -> bool:
        """True when both an endpoint and a model are set, so the judge can be asked."""
        return bool(self.base_url and self.model)

    def api_key(self, environ: Mapping[str, str] | None = None) -> str | None:
        """The key from the environment variable named by ``api_key_env`` (None when unset or empty)."""
        if not self.api_key_env:
            return None
        return (os.environ if environ is None else environ).get(self.api_key_env) or None


@dataclass(frozen=True)
class AppConfig:
    """Everything read from the settings file and the environment."""

    path: Path
    """The file that was looked for."""
    found: bool = False
    """Whether that file exists (a missing file means defaults)."""
    judge: JudgeConfig = field(default_factory=JudgeConfig)
    overridden: tuple[str, ...] = ()
    """The ``[judge]`` keys whose value came from an environment variable."""


def load_config(path: Path | None = None, environ: Mapping[str, str] | None = None) -> AppConfig:
    """Read ``path`` (default :func:`~tui_interview.domain.locations.config_file`) and apply the environment.

    Raises :class:`ConfigError` listing every problem; a missing file is not a problem.
    """
    environ = os.environ if environ is None else environ
    path = Path(path) if path is not None else config_file(environ)
    problems: list[Problem] = []
    found = path.is_file()
    data: dict[str, Any] = {}
    if found:
        read = read_toml(path, problems)
        if read is None:
            raise ConfigError(problems)
        data = read
    table = data.get("judge", {})
    if not isinstance(table, dict):
        raise ConfigError(
            [Problem(path, "must be a table ([judge])", line=_line_of(path, None, "judge"), field="judge")]
        )
    try:
        _ConfigFile.model_validate(data)
    except ValidationError as error:
        for problem in validation_problems(path, error):
            problems.append(_located(path, problem.message, problem.field))
        raise ConfigError(problems) from None
    for field_name, message in ui_table_problems(data.get(UI_TABLE, {})):
        problems.append(_located(path, message, field_name))
    if problems:
        raise ConfigError(problems)

    merged = dict(table)
    overridden: list[str] = []
    for key, variable in JUDGE_VARIABLES.items():
        value = environ.get(variable, "").strip()
        if value:
            merged[key] = _from_environment(key, value)
            overridden.append(key)
    try:
        judge = _JudgeTable.model_validate(merged)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            key = str(item["loc"][0]) if item["loc"] else ""
            variable = JUDGE_VARIABLES.get(key, "")
            problems.append(Problem(path, f"from ${variable}: {item['msg']}", field=f"judge.{key}"))
        raise ConfigError(problems) from None
    return AppConfig(
        path=path,
        found=found,
        judge=JudgeConfig(judge.base_url, judge.model, judge.timeout_seconds, judge.api_key_env),
        overridden=tuple(overridden),
    )


def _located(path: Path, message: str, field_name: str | None) -> Problem:
    """A problem with ``field_name`` (``table.key`` or a top-level name), with the line it is on."""
    parts = (field_name or "").split(".")
    line = _line_of(path, parts[0] if len(parts) > 1 else None, parts[-1]) if field_name else None
    return Problem(path, message, line=line, field=field_name)


def _from_environment(key: str, value: str) -> object:
    if key != "timeout_seconds":
        return value
    try:
        return float(value)
    except ValueError:
        return value  # strict validation reports it as "not a valid number"


def _line_of(path: Path, table: str | None, key: str) -> int | None:
    """The line of ``key = ...`` inside ``[table]`` (top level when None), or of the header ``[key]``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    header = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\"'-]+)\s*\]")
    assignment = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    current: str | None = None
    for number, text in enumerate(lines, start=1):
        match = header.match(text)
        if match:
            current = match.group(1).strip("\"'")
            if table is None and current == key:
                return number
            continue
        if current == table and assignment.match(text):
            return number
    return None
