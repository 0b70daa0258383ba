"""The command line: plan, bank validate, bank stats, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import TEST_PACK
from tui_interview import __version__
from tui_interview.cli import main


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_is_identical_for_the_same_seed(capsys: pytest.CaptureFixture[str]) -> None:
    first = run_cli(capsys, "plan", "--seed", "42", "--pack", str(TEST_PACK))
    second = run_cli(capsys, "plan", "--seed", "42", "--pack", str(TEST_PACK))
    assert first == second
    assert first[0] == 0
    assert "seed 42" in first[1] and "4. Behavioral interview — 30 min, 4 questions" in first[1]


def test_plan_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "plan", "--seed", "9", "--pack", str(TEST_PACK), "--json")
    plan = json.loads(out)
    assert code == 0 and set(plan) == {"seed", "stages"} and plan["seed"] == 9
    assert [s["id"] for s in plan["stages"]] == ["recruiter", "technical", "scenario", "behavioral"]
    assert plan["stages"][1]["minutes"] == 45
    assert set(plan["stages"][0]["questions"][0]) == {"id", "area", "kind"}


def test_plan_on_the_shipped_pack_works_without_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "plan", "--seed", "1", "--json")
    assert code == 0 and len(json.loads(out)["stages"]) == 4


def test_bank_validate_exits_0_for_valid_and_1_for_invalid(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run_cli(capsys, "bank", "validate")[0] == 0
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "pack.toml").write_text((TEST_PACK / "pack.toml").read_text())
    (bad / "q.toml").write_text(
        (TEST_PACK / "questions.toml").read_text().replace('kind = "screen"', 'kind = "screeen"', 1)
    )
    code, out, err = run_cli(capsys, "bank", "validate", str(TEST_PACK), str(bad))
    assert code == 1
    assert "valid, pack 'testpack' with 20 questions" in out
    assert "invalid, 1 problem(s)" in err
    assert "q.toml: line 4: question 'recruiter-q1': field 'kind': Input should be" in err
    assert "Traceback" not in err


def test_bank_stats_counts_area_by_kind(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "bank", "stats", str(TEST_PACK), "--json")
    stats = json.loads(out)
    assert code == 0 and stats["total"] == 20
    assert stats["by_area_kind"]["recruiter"]["screen"] == 6
    assert stats["by_kind"]["scenario"] == 3
    text = run_cli(capsys, "bank", "stats", str(TEST_PACK))[1]
    assert "Pack testpack: 20 questions" in text and "levels:" in text


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["plan", "--seed", "many"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["bank"])
    assert caught.value.code == 2


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0 and __version__ in capsys.readouterr().out


def test_a_bad_pack_stops_loop_before_the_ui_opens(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "loop", "--pack", str(tmp_path / "nowhere"))
    assert code == 1 and "not a folder" in err


def test_practice_of_an_unknown_stage_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "practice", "onsite", "--pack", str(TEST_PACK))
    assert code == 1 and "unknown stage 'onsite'" in err
