"""The command line: plan, bank validate, bank stats, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import TEST_PACK, run_cli
from tui_interview import __version__
from tui_interview.cli import main
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.locations import default_pack_dir


def test_plan_is_identical_for_the_same_seed(capsys: pytest.CaptureFixture[str]) -> None:
    first = run_cli(capsys, "plan", "--seed", "42", "--pack", str(TEST_PACK))
    second = run_cli(capsys, "plan", "--seed", "42", "--pack", str(TEST_PACK))
    assert first == second
    assert first[0] == 0
    assert "seed 42" in first[1]
    assert "4. Behavioral interview — 30 min, 4 questions" in first[1]


def test_plan_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "plan", "--seed", "9", "--pack", str(TEST_PACK), "--json")
    plan = json.loads(out)
    assert code == 0
    assert set(plan) == {"seed", "stages"}
    assert plan["seed"] == 9
    assert [s["id"] for s in plan["stages"]] == ["recruiter", "technical", "scenario", "behavioral"]
    assert plan["stages"][1]["minutes"] == 45
    assert set(plan["stages"][0]["questions"][0]) == {"id", "area", "kind"}


def test_plan_on_the_shipped_pack_works_without_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "plan", "--seed", "1", "--json")
    assert code == 0
    assert err == ""
    plan = json.loads(out)
    assert plan["seed"] == 1
    # The README's loop: four stages with their times and number of questions.
    assert [(s["id"], s["title"], s["minutes"], len(s["questions"])) for s in plan["stages"]] == [
        ("recruiter", "Recruiter screen", 20, 4),
        ("technical", "Technical assessment", 45, 4),
        ("scenario", "Scenario round", 30, 2),
        ("behavioral", "Behavioral interview", 30, 4),
    ]
    # Every question is one of the shipped MLOps pack's, with its area and kind, and none is asked twice.
    shipped = load_pack(default_pack_dir()).by_id
    questions = [q for s in plan["stages"] for q in s["questions"]]
    assert [(q["area"], q["kind"]) for q in questions] == [
        (shipped[q["id"]].area, shipped[q["id"]].kind) for q in questions
    ]
    assert len({q["id"] for q in questions}) == 14
    # Each stage asks what it is for.
    recruiter, technical, scenario, behavioral = ({q["kind"] for q in s["questions"]} for s in plan["stages"])
    assert recruiter == {"screen"}
    assert technical <= {"technical", "tradeoff", "trends", "debugging"}
    assert scenario == {"scenario"}
    assert behavioral == {"behavioral"}
    assert len({q["area"] for q in plan["stages"][1]["questions"]}) >= 3
    assert len({q["area"] for q in plan["stages"][2]["questions"]}) == 2
    assert run_cli(capsys, "plan", "--seed", "1", "--json")[1] == out  # same seed, same plan


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
    assert "invalid, 1 problem\n" in err
    assert "q.toml: line 4: question 'recruiter-q1': field 'kind': Input should be" in err
    assert "Traceback" not in err


def test_bank_stats_counts_area_by_kind(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "bank", "stats", str(TEST_PACK), "--json")
    stats = json.loads(out)
    assert code == 0
    assert stats["total"] == 20
    assert stats["by_area_kind"]["recruiter"]["screen"] == 6
    assert stats["by_kind"]["scenario"] == 3
    text = run_cli(capsys, "bank", "stats", str(TEST_PACK))[1]
    assert "Pack testpack: 20 questions" in text
    assert "levels:" in text


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["plan", "--seed", "many"])
    assert caught.value.code == 2
    assert "argument --seed: invalid int value: 'many'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["bank"])
    assert caught.value.code == 2
    assert "the following arguments are required: COMMAND" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_a_bad_pack_stops_loop_before_the_ui_opens(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "loop", "--pack", str(tmp_path / "nowhere"))
    assert code == 1
    assert "not a folder" in err


def test_practice_of_an_unknown_stage_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "practice", "onsite", "--pack", str(TEST_PACK))
    assert code == 2
    assert err == (
        "tui-interview practice: error: unknown stage 'onsite' (stages: behavioral, recruiter, scenario, technical)\n"
    )
