"""``tui-interview bank list|show|search``: the pack studied from the shell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.study_pack import CANARY, write_study_pack


@pytest.fixture
def study(tmp_path: Path) -> str:
    return str(write_study_pack(tmp_path / "study"))


@pytest.fixture(autouse=True)
def terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")


def test_list_prints_one_line_per_question_then_the_count(capsys: pytest.CaptureFixture[str], study: str) -> None:
    code, out, err = run_cli(capsys, "bank", "list", "--pack", study)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["pipelines-backfill-idempotent", "pipelines", "technical", "mid", "How"]
    assert [line.split()[0] for line in lines[:-1]] == [
        "pipelines-backfill-idempotent",
        "pipelines-feature-store-choice",
        "serving-shadow-traffic",
        CANARY,
        "serving-latency-debug",
    ]
    assert lines[-1] == "5 of 5 questions"
    assert all(len(line) <= 100 for line in lines)


def test_list_cuts_prompts_to_the_terminal_width(
    capsys: pytest.CaptureFixture[str], study: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "88")
    _, out, _ = run_cli(capsys, "bank", "list", "--pack", study, "--area", "serving")
    lines = out.splitlines()
    assert lines[1] == "serving-canary-rollback  serving  scenario   senior  A canary of the ranker model shows…"
    assert all(len(line) <= 88 for line in lines)
    assert "`" not in out  # Markdown's backticks are left out of the one-line prompts


def test_list_puts_prompts_below_when_the_columns_leave_them_too_little_room(
    capsys: pytest.CaptureFixture[str], study: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    _, out, _ = run_cli(capsys, "bank", "list", "--pack", study, "--area", "serving")
    lines = out.splitlines()
    assert lines[2:4] == [
        "serving-canary-rollback  serving  scenario   senior",
        "    A canary of the ranker model shows [bold]p99 latency[/]…",
    ]
    assert all(len(line) <= 60 for line in lines)


def test_list_into_a_pipe_cuts_nothing(
    capsys: pytest.CaptureFixture[str], study: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS")
    _, out, _ = run_cli(capsys, "bank", "list", "--pack", study)
    assert "A canary of the ranker model shows [bold]p99 latency[/] doubling. What do you do?" in out


def test_list_filters_by_area_kind_and_level_and_prints_json(capsys: pytest.CaptureFixture[str], study: str) -> None:
    code, out, _ = run_cli(
        capsys, "bank", "list", "--pack", study, "--area", "serving", "--level", "mid", "--level", "senior", "--json"
    )
    rows = json.loads(out)
    assert code == 0
    assert [(row["id"], row["kind"], row["level"]) for row in rows] == [
        ("serving-shadow-traffic", "technical", "mid"),
        (CANARY, "scenario", "senior"),
    ]


def test_an_unknown_area_is_a_usage_error_listing_the_areas(capsys: pytest.CaptureFixture[str], study: str) -> None:
    code, out, err = run_cli(capsys, "bank", "list", "--pack", study, "--area", "nosuch")
    assert (code, out) == (2, "")
    assert err.strip() == "tui-interview bank: error: unknown area 'nosuch' (areas: pipelines, serving)"


def test_an_unknown_kind_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str], study: str) -> None:
    with pytest.raises(SystemExit) as exited:
        run_cli(capsys, "bank", "search", "x", "--pack", study, "--kind", "nosuch")
    assert exited.value.code == 2
    assert "invalid choice: 'nosuch'" in capsys.readouterr().err


def test_search_ranks_id_and_prompt_matches_before_model_answers(
    capsys: pytest.CaptureFixture[str], study: str
) -> None:
    code, out, _ = run_cli(capsys, "bank", "search", "Pipelines", "--pack", study)
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()[:-1]] == [
        "pipelines-backfill-idempotent",
        "pipelines-feature-store-choice",
        "serving-shadow-traffic",
        "serving-latency-debug",
    ]
    assert out.splitlines()[-1] == "4 of 5 questions"


def test_search_json_says_where_the_words_were_found(capsys: pytest.CaptureFixture[str], study: str) -> None:
    _, out, _ = run_cli(capsys, "bank", "search", "rollback", "canary", "--pack", study, "--json")
    (row,) = json.loads(out)
    assert row["id"] == CANARY
    assert row["found_in"][:3] == ["id", "prompt", "tags"]


def test_search_with_no_match_says_so(capsys: pytest.CaptureFixture[str], study: str) -> None:
    code, out, _ = run_cli(capsys, "--pack", study, "bank", "search", "quantum", "annealing")
    assert (code, out.strip()) == (0, "No question matches (the pack has 5).")


def test_show_prints_the_whole_sheet_with_markup_shown_literally(
    capsys: pytest.CaptureFixture[str], study: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = run_cli(capsys, "bank", "show", CANARY, "--pack", study)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:3] == [CANARY, "scenario · Model serving · senior · 10 min", "Tags: canary, rollback"]
    assert lines[4] == "A canary of the ranker model shows [bold]p99 latency[/] doubling. What do you"  # `code`, markup
    for heading in ("Talking points", "Step 1 of 1: the interviewer adds", "Red flags (wrong claims)"):
        assert heading in lines
    assert "  • Compares the canary against the baseline (weight 2)" in lines
    assert "  • Suspects a memory leak or a bigger batch size" in lines
    assert "    Why it is wrong: A canary that is failing its gate is stopped, not widened:" in lines
    assert "    Costs the point: Rolls back before debugging" in lines
    assert "How would you make the rollback one step?" in out
    assert "Roll back with kubectl rollout undo, then find the cause." in out
    assert "  • Argo Rollouts supports automated canary analysis" in lines
    assert "    (argoproj.github.io/rollouts, as of 2026-11)" in lines
    assert all(len(line) <= 80 for line in lines)


def test_show_wraps_at_the_terminal_width(
    capsys: pytest.CaptureFixture[str], study: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    _, out, _ = run_cli(capsys, "bank", "show", CANARY, "--pack", study)
    assert all(len(line) <= 60 for line in out.splitlines())
    assert "  • Argo Rollouts supports automated canary analysis" in out.splitlines()
    monkeypatch.setenv("COLUMNS", "300")
    _, out, _ = run_cli(capsys, "bank", "show", CANARY, "--pack", study)
    assert max(len(line) for line in out.splitlines()) <= 100  # never wider than is comfortable to read


def test_show_an_unknown_id_exits_2_naming_it_and_close_ids(capsys: pytest.CaptureFixture[str], study: str) -> None:
    code, out, err = run_cli(capsys, "bank", "show", "serving-canary", "--pack", study)
    assert (code, out) == (2, "")
    assert err.startswith("tui-interview bank: error: unknown question 'serving-canary' in pack 'study'; did you mean ")
    assert CANARY in err
    code, _, err = run_cli(capsys, "bank", "show", "zzzz", "--pack", study)
    assert code == 2
    assert "bank search WORDS finds questions" in err


def test_control_characters_in_the_pack_are_shown_not_obeyed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    folder = write_study_pack(tmp_path / "study")
    questions = folder / "questions.toml"
    text = questions.read_text(encoding="utf-8")
    questions.write_text(text.replace("Where do you look first?", "Where do you look \\u001b[2J first?"), "utf-8")
    _, listed, _ = run_cli(capsys, "bank", "list", "--pack", str(folder))
    _, shown, _ = run_cli(capsys, "bank", "show", "serving-latency-debug", "--pack", str(folder))
    for out in (listed, shown):
        assert "\x1b" not in out
        assert "␛[2J" in out


def test_a_pack_that_does_not_load_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "bank", "list", "--pack", str(tmp_path / "missing"))
    assert code == 1
    assert "missing" in err
