"""What the CLI prints to a terminal: control characters are shown, never obeyed, and inputs are bounded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli

QUESTION = "serving-scn-registry-alias-rollback"
HOSTILE = "I would roll back \x1b]0;pwned\x07 the alias\x1b[31m, then \x9b2J debug \x7f it."


def test_grade_prints_escape_sequences_from_an_answer_as_visible_symbols(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(HOSTILE, encoding="utf-8")
    code, out, _ = run_cli(capsys, "grade", "--question", QUESTION, "--answer", str(answer))
    assert code == 0
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "\x9b" not in out
    assert "\x7f" not in out


def test_grade_json_escapes_every_control_character_and_stays_valid_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(HOSTILE, encoding="utf-8")
    code, out, _ = run_cli(capsys, "grade", "--json", "--question", QUESTION, "--answer", str(answer))
    assert code == 0
    assert not any((ord(char) < 0x20 and char not in "\n") or 0x7F <= ord(char) <= 0x9F for char in out)
    assert json.loads(out)["question"] == QUESTION


@pytest.mark.parametrize("source", ["/dev/zero", "/dev/null"])
def test_grade_refuses_an_answer_that_is_not_a_regular_file(capsys: pytest.CaptureFixture[str], source: str) -> None:
    code, out, err = run_cli(capsys, "grade", "--question", QUESTION, "--answer", source)
    assert code == 1
    assert out == ""
    assert "not a regular file" in err


def test_grade_refuses_an_answer_file_above_the_limit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(9 * 1024 * 1024)
    code, _, err = run_cli(capsys, "grade", "--question", QUESTION, "--answer", str(huge))
    assert code == 1
    assert "too large" in err or "limit" in err
