"""The command line's choices: unknown areas, kinds, levels, stages and questions are usage errors that list what
there is; report latest, -o FILE and --format; practice --due with nothing due; loop and plan --level;
practice --question; bank stats in 80 columns, and counts that agree with their nouns."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from itertools import repeat
from pathlib import Path

import pytest

from tests.helpers import TEST_PACK, played_session, run_cli
from tui_interview.cli import main
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.formatting import plural
from tui_interview.domain.locations import default_pack_dir, sessions_dir
from tui_interview.domain.planning.practice import DUE_TITLE
from tui_interview.domain.sessions.records import SessionRecord
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.vocabulary import KINDS, LEVELS
from tui_interview.domain.workspace import Workspace

SHIPPED_AREAS = "pipelines, serving, tracking, infrastructure, llmops, behavioral, recruiter"
SHIPPED_STAGES = "behavioral, recruiter, scenario, technical"
TEST_AREAS = ", ".join(load_pack(TEST_PACK).area_titles)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Workspace]:
    """The workspaces the UI would have opened on: the UI itself is not started."""
    workspaces: list[Workspace] = []

    def run_app(workspace: Workspace) -> int:
        workspaces.append(workspace)
        return 0

    monkeypatch.setattr("tui_interview.app_factory.run_app", run_app)
    return workspaces


def usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The message of a usage error argparse itself raises (exit status 2)."""
    with pytest.raises(SystemExit) as caught:
        main(list(argv))
    assert caught.value.code == 2
    return capsys.readouterr().err


def help_text(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as caught:
        main([*argv, "--help"])
    assert caught.value.code == 0
    return " ".join(capsys.readouterr().out.split())  # the help's own line breaks do not matter


# Unknown choices --------------------------------------------------------------------------------------------


def test_an_unknown_area_is_a_usage_error_listing_the_packs_areas(
    capsys: pytest.CaptureFixture[str], opened: list[Workspace]
) -> None:
    code, out, err = run_cli(capsys, "practice", "--area", "nosuch")
    assert (code, out) == (2, "")
    assert err == f"tui-interview practice: error: unknown area 'nosuch' (areas: {SHIPPED_AREAS})\n"
    code, _, err = run_cli(
        capsys, "practice", "--pack", str(TEST_PACK), "--area", "x", "--area", "serving", "--area", "y"
    )
    assert code == 2
    assert err == f"tui-interview practice: error: unknown areas 'x', 'y' (areas: {TEST_AREAS})\n"
    assert opened == []


def test_an_unknown_stage_kind_or_level_is_a_usage_error_listing_the_valid_ones(
    capsys: pytest.CaptureFixture[str], opened: list[Workspace]
) -> None:
    code, _, err = run_cli(capsys, "practice", "serving")
    assert code == 2
    assert err == f"tui-interview practice: error: unknown stage 'serving' (stages: {SHIPPED_STAGES})\n"
    assert f"invalid choice: 'poetry' (choose from {', '.join(map(repr, KINDS))})" in usage_error(
        capsys, "practice", "--kind", "poetry"
    )
    for command in ("practice", "loop", "plan"):
        err = usage_error(capsys, command, "--level", "principal")
        assert f"argument --level: invalid choice: 'principal' (choose from {', '.join(map(repr, LEVELS))})" in err
    assert opened == []


def test_help_lists_the_valid_values(capsys: pytest.CaptureFixture[str]) -> None:
    practice = help_text(capsys, "practice")
    assert f"the shipped stages: {SHIPPED_STAGES}" in practice
    assert f"the shipped pack's: {SHIPPED_AREAS}" in practice
    assert f"a kind (repeatable): {', '.join(KINDS)}" in practice
    assert "only questions of this level: junior, mid, senior, staff" in practice
    for command in ("loop", "plan"):
        assert "draw the loop for this level, one of junior, mid, senior, staff" in help_text(capsys, command)


# practice --question ----------------------------------------------------------------------------------------


def test_practice_of_chosen_questions_opens_on_exactly_those(
    capsys: pytest.CaptureFixture[str], opened: list[Workspace]
) -> None:
    code, out, err = run_cli(
        capsys, "practice", "--pack", str(TEST_PACK), "--question", "serving-tradeoff-3", "recruiter-q2"
    )
    assert (code, out, err) == (0, "", "")
    [workspace] = opened
    choice = workspace.settings.practice
    assert choice is not None
    [stage] = workspace.practice_plan(choice).stages
    assert [q.id for q in stage.questions] == ["serving-tradeoff-3", "recruiter-q2"]
    assert stage.stage.title == "Practice: 2 chosen questions"


def test_an_unknown_question_is_a_usage_error_naming_it_with_close_ids(
    capsys: pytest.CaptureFixture[str], opened: list[Workspace]
) -> None:
    code, _, err = run_cli(capsys, "practice", "--question", "recruiter-travel", "serving-canary-conversion-drop")
    assert code == 2
    assert err.startswith(
        "tui-interview practice: error: unknown question 'serving-canary-conversion-drop' in pack 'mlops'; "
        "did you mean serving-"
    )
    assert "canary" in err.split("did you mean")[1]
    code, _, err = run_cli(capsys, "practice", "--question", "recruiter-travel", "--count", "2")
    assert code == 2
    assert "exact questions are practised as they are: they cannot be combined with a count" in err
    assert opened == []


# practice --due ---------------------------------------------------------------------------------------------


def save_recruiter_session(data_home: Path, started: datetime) -> None:
    """A recruiter screen on the test pack, every question answered (about 67% each)."""
    played_session(
        SessionStore(sessions_dir(data_home)), repeat("First I look at the p99."), stages=["recruiter"], started=started
    )


def test_practice_due_with_nothing_due_says_when_the_next_review_is_and_starts_nothing(
    capsys: pytest.CaptureFixture[str], opened: list[Workspace], data_home: Path
) -> None:
    code, out, err = run_cli(capsys, "practice", "--pack", str(TEST_PACK), "--due")
    assert (code, err) == (0, "")
    assert out.startswith("Nothing due for review yet: the questions you answer come back on a schedule.")
    save_recruiter_session(data_home, datetime.now(UTC))
    code, out, err = run_cli(capsys, "practice", "--pack", str(TEST_PACK), "--due", "--count", "2")
    assert (code, err) == (0, "")
    assert out.startswith("Nothing due for review; next review ")
    assert out.endswith("Nothing started; leave out --due to practise other questions.\n")
    assert opened == []


def test_practice_due_opens_a_review_of_the_due_questions(
    capsys: pytest.CaptureFixture[str], opened: list[Workspace], data_home: Path
) -> None:
    save_recruiter_session(data_home, datetime.now(UTC) - timedelta(days=60))
    code, out, err = run_cli(capsys, "practice", "--pack", str(TEST_PACK), "--due", "--kind", "technical")
    assert (code, err) == (0, "")
    assert out.startswith("4 questions are due for review now.\nNone of them fits this choice")
    assert opened == []
    assert run_cli(capsys, "practice", "--pack", str(TEST_PACK), "--due", "--count", "2") == (0, "", "")
    [workspace] = opened
    assert workspace.settings.practice is not None
    [stage] = workspace.practice_plan(workspace.settings.practice, now=datetime.now(UTC)).stages
    assert stage.stage.title == DUE_TITLE
    assert set(stage.notes.values()) == {"last time 67%"}


def test_practice_due_without_history_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "practice", "--due", "--no-history")
    assert code == 2
    assert (
        err == "tui-interview practice: error: --due brings back questions from past sessions: leave out --no-history\n"
    )


# loop and plan --level --------------------------------------------------------------------------------------


def test_plan_level_prints_the_loop_drawn_for_that_level(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "plan", "--seed", "42", "--level", "senior", "--json")
    plan = json.loads(out)
    assert code == 0
    assert plan["level"] == "senior"
    shipped = load_pack(default_pack_dir()).by_id
    levels = {q["level"] for stage in plan["stages"] for q in stage["questions"] if stage["id"] != "recruiter"}
    assert levels == {"senior"}
    assert all(shipped[q["id"]].level == q["level"] for stage in plan["stages"] for q in stage["questions"])
    assert run_cli(capsys, "plan", "--seed", "42", "--level", "senior", "--json")[1] == out
    text = run_cli(capsys, "plan", "--seed", "42", "--level", "senior")[1]
    assert "Level: senior (questions at that level first, then adjacent levels)" in text.splitlines()[1]


@pytest.mark.parametrize("command", ["loop", "interview"])
def test_loop_level_draws_the_loop_the_plan_prints(
    capsys: pytest.CaptureFixture[str], opened: list[Workspace], command: str
) -> None:
    assert run_cli(capsys, command, "--seed", "42", "--level", "staff") == (0, "", "")
    [workspace] = opened
    assert workspace.settings.level == "staff"
    plan = workspace.plan()
    assert {q.level for stage in plan.stages[1:] for q in stage.questions} == {"staff"}
    printed = json.loads(run_cli(capsys, "plan", "--seed", "42", "--level", "staff", "--json")[1])
    assert [q.id for stage in plan.stages for q in stage.questions] == [
        q["id"] for stage in printed["stages"] for q in stage["questions"]
    ]


# report latest, -o and --format -----------------------------------------------------------------------------


def save_loop(data_home: Path, hours_later: int, *, finished: bool) -> SessionRecord:
    """A full loop on the test pack, started ``hours_later`` hours after the first; finished or abandoned."""
    store = SessionStore(sessions_dir(data_home))
    started = datetime(2026, 11, 26, 9, 30, tzinfo=UTC) + timedelta(hours=hours_later)
    loop = played_session(store, ["I would check the p99 first."], seconds_each=30, started=started)
    while finished and not loop.finished:
        stage = loop.stage()
        stage.start()
        while not stage.finished:
            stage.skip()
    loop.checkpoint()
    return loop.record


@pytest.fixture
def finished_then_abandoned(data_home: Path) -> tuple[SessionRecord, SessionRecord]:
    """A finished loop, then a newer one quit after one answer."""
    return save_loop(data_home, 0, finished=True), save_loop(data_home, 1, finished=False)


def test_report_latest_is_the_newest_finished_session(
    capsys: pytest.CaptureFixture[str], finished_then_abandoned: tuple[SessionRecord, SessionRecord]
) -> None:
    finished, abandoned = finished_then_abandoned
    code, out, _ = run_cli(capsys, "report", "latest", "--format", "json")
    assert code == 0
    assert json.loads(out)["id"] == finished.id
    code, out, _ = run_cli(capsys, "report", "latest", "--include-unfinished", "--format", "json")
    assert json.loads(out)["id"] == abandoned.id


def test_report_latest_with_only_unfinished_sessions_says_so(
    capsys: pytest.CaptureFixture[str], data_home: Path
) -> None:
    abandoned = save_loop(data_home, 0, finished=False)
    code, out, err = run_cli(capsys, "report")
    assert (code, out) == (1, "")
    assert err == (
        f"no finished session in {sessions_dir(data_home)} (1 unfinished session, the newest {abandoned.id}); "
        f"report it with: tui-interview report {abandoned.id}, or the newest of any status with --include-unfinished\n"
    )
    assert run_cli(capsys, "report", "--include-unfinished")[0] == 0


@pytest.mark.parametrize("name", ["report.pdf", "report"])
def test_an_output_file_whose_suffix_names_no_format_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    code, out, err = run_cli(capsys, "report", "latest", "-o", str(target))  # no sessions: the usage comes first
    suffix = "suffix '.pdf'" if name.endswith(".pdf") else "no suffix"
    assert (code, out) == (2, "")
    assert err == (
        f"tui-interview report: error: cannot tell which format to write to {target} ({suffix}): "
        "name it .md, .markdown, .html, .htm, .json, or give --format md|html|json\n"
    )
    assert not target.exists()


ReadAs = Callable[[str], bool]
IS_JSON: ReadAs = lambda text: text.startswith("{")  # noqa: E731
IS_HTML: ReadAs = lambda text: text.lstrip().lower().startswith("<!doctype html")  # noqa: E731
IS_MARKDOWN: ReadAs = lambda text: text.startswith("# Interview report")  # noqa: E731


@pytest.mark.parametrize(
    ("name", "options", "is_format"),
    [
        ("report.pdf", ["--format", "md"], IS_MARKDOWN),
        ("notes.markdown", [], IS_MARKDOWN),
        ("page.HTM", [], IS_HTML),
        ("report.html", ["--format", "json"], IS_JSON),  # --format decides, whatever the suffix says
    ],
)
def test_the_format_is_the_one_given_else_the_suffix(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    finished_then_abandoned: tuple[SessionRecord, SessionRecord],
    name: str,
    options: list[str],
    is_format: ReadAs,
) -> None:
    target = tmp_path / name
    code, out, _ = run_cli(capsys, "report", "-o", str(target), *options)
    assert code == 0
    assert out == f"Wrote the report of session {finished_then_abandoned[0].id} to {target}\n"
    assert is_format(target.read_text(encoding="utf-8"))


# bank stats and counts --------------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 120])
def test_bank_stats_fits_the_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = run_cli(capsys, "bank", "stats")
    lines = out.splitlines()
    assert code == 0
    assert max(map(len, lines)) <= columns
    assert lines[0] == "Pack mlops: 405 questions"
    total = next(line for line in lines if line.startswith("total"))
    assert total.split() == ["total", "70", "67", "69", "65", "69", "41", "24", "405"]
    if columns == 80:
        assert lines[2].split() == [
            "area",
            "tech",
            "scenario",
            "tradeoff",
            "trends",
            "debug",
            "behav",
            "screen",
            "total",
        ]
        assert "tech = technical, debug = debugging, behav = behavioral" in lines
    else:
        assert lines[2].split() == ["area", *KINDS, "total"]


def test_counts_agree_with_their_nouns(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert [plural(n, "problem") for n in (0, 1, 2)] == ["0 problems", "1 problem", "2 problems"]
    assert plural(1, "story", "stories") == "1 story"
    assert plural(3, "story", "stories") == "3 stories"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "pack.toml").write_text((TEST_PACK / "pack.toml").read_text())
    (bad / "q.toml").write_text((TEST_PACK / "questions.toml").read_text().replace('kind = "screen"', 'kind = "x"', 2))
    code, _, err = run_cli(capsys, "bank", "validate", str(bad))
    assert code == 1
    assert err.startswith(f"{bad}: invalid, 2 problems\n")
    everything = run_cli(capsys, "bank", "validate", str(TEST_PACK), str(bad))
    assert "(s)" not in everything[1] + everything[2]
