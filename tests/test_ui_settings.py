"""The theme in config.toml's [ui] table: read, written without touching the rest of the file, toggled light or dark."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from tui_interview.domain.config import EXAMPLE_CONFIG, ConfigError, load_config
from tui_interview.domain.ui_settings import ConfigWriteError, UiSettings, read_ui_settings, save_theme
from tui_interview.ui.themes import light_dark_counterpart

USERS_FILE = """\
# My settings. Keep this comment.
[judge]
model = "qwen2.5:7b"   # the small one
base_url = "http://127.0.0.1:11434/v1"

[ui]
# the theme I like
theme = "nord"  # chosen in the app
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_a_missing_file_is_created_with_only_the_theme(tmp_path: Path) -> None:
    path = tmp_path / "folder" / "config.toml"
    assert read_ui_settings(path) == UiSettings()
    save_theme(path, "gruvbox")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# tui-interview settings")
    assert tomllib.loads(text) == {"ui": {"theme": "gruvbox"}}
    assert read_ui_settings(path) == UiSettings(theme="gruvbox")
    assert load_config(path, {}).found  # the whole file stays valid for the judge's loader


def test_the_theme_line_is_replaced_and_every_other_line_kept(tmp_path: Path) -> None:
    path = write(tmp_path, USERS_FILE)
    save_theme(path, "textual-light")
    assert path.read_text(encoding="utf-8") == USERS_FILE.replace('"nord"  #', '"textual-light"  #')


def test_a_ui_table_is_added_at_the_end_or_a_theme_under_its_header(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE_CONFIG)
    save_theme(path, "dracula")
    assert path.read_text(encoding="utf-8") == EXAMPLE_CONFIG.rstrip("\n") + '\n\n[ui]\ntheme = "dracula"\n'
    header_only = write(tmp_path, '[ui]\r\n\r\n[judge]\r\nmodel = "m"\r\n')
    save_theme(header_only, "nord")
    assert header_only.read_bytes() == b'[ui]\r\ntheme = "nord"\r\n\r\n[judge]\r\nmodel = "m"\r\n'


@pytest.mark.parametrize(
    "text",
    [
        'ui = { theme = "nord" }\n',  # an inline table cannot take a new line
        'ui.theme = "nord"\n',  # dotted keys: a [ui] header would define the table twice
        '[ui]\ntheme = """\nnord"""\n',  # a multi-line value
    ],
)
def test_a_file_that_cannot_be_edited_safely_is_left_alone(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigWriteError, match='write theme = "dracula" under \\[ui\\] yourself'):
        save_theme(path, "dracula")
    assert path.read_text(encoding="utf-8") == text


def test_a_file_that_does_not_parse_is_never_written(tmp_path: Path) -> None:
    path = write(tmp_path, "[judge\nmodel = 1\n")
    with pytest.raises(ConfigWriteError, match="not valid TOML"):
        save_theme(path, "nord")
    assert path.read_text(encoding="utf-8") == "[judge\nmodel = 1\n"
    assert read_ui_settings(path).problem is not None
    assert read_ui_settings(path).theme is None


def test_the_mode_is_kept_and_a_symbolic_link_followed(tmp_path: Path) -> None:
    target = write(tmp_path, USERS_FILE)
    os.chmod(target, 0o640)
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    assert save_theme(link, "monokai") == target.resolve()
    assert link.is_symlink()
    assert tomllib.loads(target.read_text(encoding="utf-8"))["ui"]["theme"] == "monokai"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_bad_ui_table_is_a_problem_not_a_theme(tmp_path: Path) -> None:
    path = write(tmp_path, "[ui]\ntheme = 3\ncolour = 'red'\n")
    settings = read_ui_settings(path)
    assert settings.theme is None
    assert settings.problem == f"{path}: field 'ui.theme': must be a theme's name, at most 100 characters"
    with pytest.raises(ConfigError) as caught:
        load_config(path, {})
    assert [str(problem) for problem in caught.value.problems] == [
        f"{path}: line 2: field 'ui.theme': must be a theme's name, at most 100 characters",
        f"{path}: line 3: field 'ui.colour': unknown setting (the [ui] table holds only theme)",
    ]


THEMES = {
    "textual-dark": True,
    "textual-light": False,
    "solarized-dark": True,
    "solarized-light": False,
    "catppuccin-mocha": True,
    "catppuccin-frappe": True,
    "catppuccin-latte": False,
    "nord": True,
}


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        ("textual-dark", None, "textual-light"),
        ("solarized-light", None, "solarized-dark"),
        ("catppuccin-frappe", None, "catppuccin-latte"),
        ("catppuccin-latte", None, "catppuccin-mocha"),  # the shortest sibling of the family
        ("catppuccin-latte", "catppuccin-frappe", "catppuccin-frappe"),  # toggling twice comes back
        ("nord", None, "textual-light"),  # no light sibling
        ("textual-light", "nord", "nord"),
    ],
)
def test_light_dark_keeps_the_family_and_comes_back(current: str, previous: str | None, expected: str) -> None:
    assert light_dark_counterpart(current, THEMES, previous) == expected
