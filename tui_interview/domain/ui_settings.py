"""The ``[ui]`` table of ``config.toml``: the theme picked in the app, read at start-up and written back.

Reading needs no pydantic (start-up reads it before the first screen; ``config.load_config`` validates the
whole file later, with :func:`ui_table_problems` for this table). Writing changes the ``theme`` line of the
``[ui]`` table and nothing else, so the user's comments, order and other tables stay as they were:

* a file that does not exist is created with a short comment and ``[ui]`` written by ``tomli_w``;
* in an existing file the ``theme = …`` line of ``[ui]`` is replaced (a comment after it kept), or added under
  the ``[ui]`` header, or a ``[ui]`` table is appended at the end;
* the result must parse to exactly the old settings with the new theme, or nothing is written (a file that
  does not parse, ``ui`` written as an inline table or dotted keys, a multi-line value…): the error says
  what to write by hand;
* the file is replaced atomically (:func:`~tui_interview.domain.files.write_atomically`), keeping its mode; a
  symbolic link (a dotfiles folder) is followed, so the link stays and its target changes.

Only the theme's name is written: never a secret, never anything read from the environment.
"""

from __future__ import annotations

import copy
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import tomli_w

from tui_interview.domain.files import (
    DATA_FILE_LIMIT,
    TooDeeplyNestedError,
    UnsafeFileError,
    parse_toml,
    read_regular_file,
    write_atomically,
)

UI_TABLE: Final = "ui"
THEME_KEY: Final = "theme"
MAX_THEME_NAME: Final = 100
BOM: Final = "\ufeff"
NEW_FILE_HEADER: Final = (
    '# tui-interview settings (see the README, "Settings"). The app writes only the theme under [ui],\n'
    "# when you pick one (Ctrl+P); everything else here is yours.\n\n"
)

_UI_HEADER: Final = re.compile(r"""^\s*\[\s*(ui|"ui"|'ui')\s*\]\s*(#.*)?$""")
_ANY_HEADER: Final = re.compile(r"^\s*\[")
_THEME_LINE: Final = re.compile(
    r"""^(?P<key>\s*(?:theme|"theme"|'theme')\s*=\s*)(?P<value>"(?:[^"\\\n]|\\.)*"|'[^'\n]*')(?P<rest>\s*(?:#.*)?)$"""
)
_THEME_KEY_LINE: Final = re.compile(r"""^\s*(?:theme|"theme"|'theme')\s*=""")


class ConfigWriteError(Exception):
    """The settings file cannot be read, parsed, safely edited or written; the message says why (and what to do)."""


@dataclass(frozen=True)
class UiSettings:
    """What the ``[ui]`` table says, or why it cannot be used (the app then keeps its defaults)."""

    theme: str | None = None
    """The theme's name (light or dark is part of it); None: Textual's default."""
    problem: str | None = None


def ui_table_problems(table: object) -> list[tuple[str, str]]:
    """What is wrong with the ``[ui]`` table, as (field, message) pairs; none when it is usable."""
    if not isinstance(table, dict):
        return [(UI_TABLE, "must be a table ([ui])")]
    problems = [(f"{UI_TABLE}.{key}", "unknown setting (the [ui] table holds only theme)") for key in table]
    problems = [problem for problem in problems if problem[0] != f"{UI_TABLE}.{THEME_KEY}"]
    theme = table.get(THEME_KEY)
    if theme is not None and not _usable_name(theme):
        problems.insert(0, (f"{UI_TABLE}.{THEME_KEY}", f"must be a theme's name, at most {MAX_THEME_NAME} characters"))
    return problems


def _usable_name(name: object) -> bool:
    return isinstance(name, str) and 0 < len(name.strip()) <= MAX_THEME_NAME and name.isprintable()


def read_ui_settings(path: Path) -> UiSettings:
    """The ``[ui]`` table of ``path``: defaults when the file does not exist, the problem when it is unusable."""
    try:
        text = _read_text(path)
        data = {} if text is None else _parse(path, text)
    except ConfigWriteError as error:
        return UiSettings(problem=str(error))
    table = data.get(UI_TABLE, {})
    problems = ui_table_problems(table)
    if problems:
        field, message = problems[0]
        return UiSettings(problem=f"{path}: field '{field}': {message}")
    return UiSettings(theme=table.get(THEME_KEY))


def save_theme(path: Path, theme: str) -> Path:
    """Set ``theme`` in the ``[ui]`` table of ``path`` (created if missing); return the file written.

    Raise :class:`ConfigWriteError` when the file cannot be read, parsed or safely edited, or written.
    """
    if not _usable_name(theme):
        raise ConfigWriteError(f"{theme!r} is not a theme's name")
    target = path.resolve()
    old = _read_text(target)
    if old is None:
        new, expected = NEW_FILE_HEADER + tomli_w.dumps({UI_TABLE: {THEME_KEY: theme}}), {}
    else:
        expected = _parse(path, old)
        if not isinstance(expected.get(UI_TABLE, {}), dict):
            raise ConfigWriteError(f"{path}: ui must be a table ([ui])")
        bom = BOM if old.startswith(BOM) else ""
        new = bom + _with_theme(old.removeprefix(BOM), theme)
    expected = copy.deepcopy(expected)
    expected.setdefault(UI_TABLE, {})[THEME_KEY] = theme
    if _parse_or_none(new) != expected:
        raise ConfigWriteError(
            f"{path}: the theme could not be saved without touching the rest of the file; "
            f"write {THEME_KEY} = {_toml_string(theme)} under [{UI_TABLE}] yourself"
        )
    _write_keeping_mode(target, new)
    return target


def _read_text(path: Path) -> str | None:
    """The text of ``path``, None if it does not exist; :class:`ConfigWriteError` if it cannot be read."""
    try:
        raw = read_regular_file(path, DATA_FILE_LIMIT)
    except FileNotFoundError:
        return None
    except UnsafeFileError as error:
        raise ConfigWriteError(f"{path} cannot be read: {error.reason}") from None
    except OSError as error:
        raise ConfigWriteError(f"{path} cannot be read: {error.strerror or error}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigWriteError(f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8") from None


def _parse(path: Path, text: str) -> dict[str, Any]:
    try:
        return parse_toml(text.removeprefix(BOM))
    except (tomllib.TOMLDecodeError, TooDeeplyNestedError) as error:
        raise ConfigWriteError(f"{path}: not valid TOML ({error})") from None


def _parse_or_none(text: str) -> dict[str, Any] | None:
    try:
        return parse_toml(text.removeprefix(BOM))
    except (tomllib.TOMLDecodeError, TooDeeplyNestedError):
        return None


def _toml_string(value: str) -> str:
    return tomli_w.dumps({THEME_KEY: value}).split("=", 1)[1].strip()


def _with_theme(text: str, theme: str) -> str:
    """``text`` with ``theme`` set in its ``[ui]`` table, every other line as it was."""
    newline = "\r\n" if "\r\n" in text else "\n"
    assignment = f"{THEME_KEY} = {_toml_string(theme)}"
    lines = text.splitlines(keepends=True)
    header = next((i for i, line in enumerate(lines) if _UI_HEADER.match(line.rstrip("\r\n"))), None)
    if header is None:
        body = text.rstrip("\r\n")
        gap = newline * 2 if body.strip() else ""
        return f"{body}{gap}[{UI_TABLE}]{newline}{assignment}{newline}"
    end = next((i for i in range(header + 1, len(lines)) if _ANY_HEADER.match(lines[i])), len(lines))
    for index in range(header + 1, end):
        line = lines[index]
        if not _THEME_KEY_LINE.match(line):
            continue
        ending = line[len(line.rstrip("\r\n")) :]
        match = _THEME_LINE.match(line.rstrip("\r\n"))
        kept = f"{match['key']}{_toml_string(theme)}{match['rest']}" if match else assignment
        lines[index] = kept + ending
        return "".join(lines)
    if not lines[header].endswith("\n"):
        lines[header] += newline
    lines.insert(header + 1, assignment + newline)
    return "".join(lines)


def _write_keeping_mode(path: Path, text: str) -> None:
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
        write_atomically(path, text.encode("utf-8"))
        if mode is not None:
            path.chmod(mode)
    except OSError as error:
        raise ConfigWriteError(f"{path} cannot be written: {error.strerror or error}") from None
