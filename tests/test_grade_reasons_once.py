"""`tui-interview grade` says each reason a point earned no credit once, however many keywords gave it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import TEST_PACK, run_cli
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.grading.grade import grade_texts

NEGATED = "I would look at the p99, but I would not roll back."


def test_the_grader_gives_the_same_reason_twice_for_one_negated_phrase() -> None:
    """The case behind the fix: "rollback" and "roll back" both match, and both are negated by the same words."""
    question = load_pack(TEST_PACK).by_id["recruiter-q1"]
    [grade] = grade_texts(question, [NEGATED])
    assert grade.points[2].reasons == ("negated: 'not roll back'", "negated: 'not roll back'")


def test_grade_prints_each_reason_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(NEGATED, encoding="utf-8")
    code, out, _ = run_cli(
        capsys, "grade", "--pack", str(TEST_PACK), "--question", "recruiter-q1", "--answer", str(answer)
    )
    assert code == 0
    lines = out.splitlines()
    assert lines.count("    not credited: negated: 'not roll back'") == 1
    assert not any(line.strip().startswith("why:") and "not roll back" in line for line in lines)
    assert lines[0] == "recruiter-q1 — Recruiter screen"  # no level and no repeated "screen" for a recruiter question
