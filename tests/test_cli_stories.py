"""``tui-interview stories …``, ``tui-interview target …`` and ``--target`` on the command line."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, run_cli
from tui_interview.domain.locations import stories_file, targets_dir
from tui_interview.domain.stories.bank import load_stories
from tui_interview.domain.targets.profile import active_id, load_target

STORIES = REPO / "tests" / "data" / "stories" / "stories.toml"


@pytest.fixture
def with_stories(data_home: Path) -> Path:
    data_home.mkdir(parents=True, exist_ok=True)
    shutil.copy(STORIES, stories_file(data_home))
    return data_home


def test_list_says_how_to_start_when_there_are_no_stories(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "stories", "list")
    assert code == 0
    assert out.startswith("No stories yet: write 5 to 7 with `tui-interview stories edit ID`")


@pytest.mark.usefixtures("with_stories")
def test_list_shows_each_story_with_its_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "stories", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["checkout-outage", "ready"]
    assert "sketch" in lines[5]
    assert "0/8 checks" in lines[5]
    assert lines[-1] == "6 stories, 2 ready (coaches advise 5 to 7)."
    code, out, _ = run_cli(capsys, "stories", "list", "--json")
    assert json.loads(out)[0] == {
        "id": "checkout-outage",
        "title": "The checkout ranking outage",
        "ready": True,
        "checks": "8/8",
        "words": 229,
        "competencies": ["production-incident", "stakeholder-communication"],
        "next_drill": "not told yet",
        "due": False,
    }


@pytest.mark.usefixtures("with_stories")
def test_show_prints_every_part_and_the_check(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "stories", "show", "leaky-validation-split")
    assert code == 0
    assert out.startswith("The leaky validation split  (leaky-validation-split)\nCompetencies: mistake-learning")
    assert "Reflection:\nMy mistake was trusting a result" in out
    assert "  ✗ measurable result: the result has no figure: add a number; your figures: AUC 0.91" in out
    code, _, err = run_cli(capsys, "stories", "show", "nope")
    assert code == 1
    assert "no story 'nope' (stories: checkout-outage, " in err


@pytest.mark.usefixtures("with_stories")
def test_check_ends_with_the_coverage_map(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "stories", "check")
    assert code == 0
    assert "Coverage of the pack's behavioral questions:" in out
    assert "  behavioral-incident-worst-ml-outage: checkout-outage" in out
    assert run_cli(capsys, "stories", "check", "--strict")[0] == 1
    assert run_cli(capsys, "stories", "check", "checkout-outage", "--strict")[0] == 0


def test_check_flags_the_seed_three_when_missing(capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(capsys, "stories", "edit", "outage", "--title", "Outage", "--competency", "production-incident")
    _, out, _ = run_cli(capsys, "stories", "check")
    assert "Missing: technical-judgment, collaboration, mistake-learning (every bank should show" in out
    assert "technical-judgment" in out
    assert "NO STORY (one of the three to prepare first)" in out


def test_a_bad_file_is_reported_one_line_per_problem(capsys: pytest.CaptureFixture[str], data_home: Path) -> None:
    data_home.mkdir(parents=True)
    stories_file(data_home).write_text('[[stories]]\nid = "a"\ntitle = "\\u001b]0;pwned\\u0007"\nsituaton = "x"\n')
    for command in (["list"], ["check"], ["edit", "a", "--action", "I fixed it."]):
        code, out, err = run_cli(capsys, "stories", *command)
        assert code == 1
        assert "line 2: story 'a': field 'situaton': unknown field (check the spelling)" in err
        assert "\x1b" not in err + out
    assert "situaton" in stories_file(data_home).read_text()  # never overwritten


def test_edit_sets_fields_and_reads_text_from_stdin(
    capsys: pytest.CaptureFixture[str], data_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run_cli(capsys, "stories", "edit", "migration", "--title", "The [bold]migration[/bold]")
    assert (code, out) == (0, "Added migration: 0/8 checks\n")
    monkeypatch.setattr(sys, "stdin", _Stdin("I wrote the migration plan and I ran the pilot myself.\n"))
    code, out, _ = run_cli(capsys, "stories", "edit", "migration", "--action", "-", "--figure", "30% cheaper")
    assert out == "Updated migration: 1/8 checks\n"
    story = load_stories(stories_file(data_home)).by_id["migration"]
    assert story.title == "The [bold]migration[/bold]"
    assert story.action == "I wrote the migration plan and I ran the pilot myself."
    assert story.figures == ["30% cheaper"]
    code, _, err = run_cli(capsys, "stories", "edit", "Bad Id", "--title", "x")
    assert code == 1
    assert "field 'id': String should match pattern" in err


class _Stdin:
    def __init__(self, text: str) -> None:
        self.text = text

    def read(self) -> str:
        return self.text


def test_edit_opens_the_editor_and_checks_the_file_after(
    capsys: pytest.CaptureFixture[str], data_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "path.write_text(path.read_text().replace('A new story: give it a title', 'Edited'))\n"
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {editor}")
    code, out, _ = run_cli(capsys, "stories", "edit", "fresh")
    assert code == 0
    assert out.endswith("1 story, 0 ready\n")
    assert load_stories(stories_file(data_home)).by_id["fresh"].title == "Edited"


def test_edit_without_an_editor_says_what_to_do(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    code, _, err = run_cli(capsys, "stories", "edit")
    assert code == 1
    assert err.startswith("Set $EDITOR (or $VISUAL) to edit")


def test_target_add_list_use_show(capsys: pytest.CaptureFixture[str], data_home: Path) -> None:
    code, out, _ = run_cli(
        capsys,
        *("target", "add", "fresco", "--company", "Fresco", "--role", "Senior MLOps Engineer", "--level", "senior"),
        *("--stack", "Kubernetes", "--stack", "Apache Airflow", "--stack", "COBOL"),
        *("--note", "Blog: cron to Dagster", "--source", "https://fresco.example/blog", "--note", "Uses KServe"),
    )
    assert code == 0
    assert out.endswith("; it is the active target\n")
    target = load_target(data_home, "fresco")
    assert [(n.text, n.source) for n in target.notes] == [
        ("Blog: cron to Dagster", "https://fresco.example/blog"),
        ("Uses KServe", ""),
    ]
    run_cli(capsys, "target", "add", "acme", "--company", "Acme")
    assert active_id(data_home) == "fresco"  # only the first one added becomes active
    _, out, _ = run_cli(capsys, "target", "list")
    assert out == "  acme  Acme\n* fresco  Fresco · Senior MLOps Engineer (senior)\n"
    _, out, _ = run_cli(capsys, "target", "show")
    assert "  Kubernetes: tag kubernetes, " in out
    assert "  Apache Airflow: tag airflow, " in out
    assert "  COBOL: no question tagged with it" in out
    assert run_cli(capsys, "target", "use", "acme")[1] == "Active target: Acme (acme)\n"
    assert run_cli(capsys, "target", "use", "--none")[1] == "No active target.\n"
    code, _, err = run_cli(capsys, "target", "show")
    assert code == 1
    assert "no active target" in err


def test_target_add_refuses_a_clash_and_bad_fields(capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(capsys, "target", "add", "acme", "--company", "Acme")
    code, _, err = run_cli(capsys, "target", "add", "acme", "--company", "Acme 2")
    assert code == 1
    assert "exists already (replace it with --replace)" in err
    assert run_cli(capsys, "target", "add", "acme", "--company", "Acme 2", "--replace")[0] == 0
    code, _, err = run_cli(capsys, "target", "add", "Bad", "--company", "x")
    assert code == 1
    assert "field 'id'" in err
    with pytest.raises(SystemExit):
        run_cli(capsys, "target", "add", "x", "--company", "x", "--source", "nowhere")


def test_a_bad_target_file_is_listed_and_stops_a_loop(capsys: pytest.CaptureFixture[str], data_home: Path) -> None:
    targets_dir(data_home).mkdir(parents=True)
    (targets_dir(data_home) / "acme.toml").write_text('company = "Acme"\nstak = []\n')
    code, _, err = run_cli(capsys, "target", "list")
    assert code == 1
    assert "acme.toml: field 'stak': unknown field (check the spelling)" in err
    code, _, err = run_cli(capsys, "loop", "--target", "acme")
    assert code == 1
    assert "field 'stak'" in err


def test_plan_with_a_target_prefers_its_stack(capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(capsys, "target", "add", "fresco", "--company", "Fresco", "--stack", "Kubernetes")
    code, out, _ = run_cli(capsys, "plan", "--seed", "3", "--target", "fresco", "--json")
    assert code == 0
    assert json.loads(out)["target"] == "fresco"
    _, text, _ = run_cli(capsys, "plan", "--seed", "3")
    assert text.splitlines()[1] == "Target: Fresco · preferring questions tagged kubernetes"
    code, _, err = run_cli(capsys, "loop", "--target", "nope")
    assert code == 1
    assert "no target 'nope' (targets: fresco;" in err


def test_the_exported_report_names_the_target_and_the_stories_told(
    capsys: pytest.CaptureFixture[str], with_stories: Path
) -> None:
    from itertools import repeat

    from tests.helpers import START, answer_questions
    from tui_interview.domain.sessions.clock import FakeClock
    from tui_interview.domain.settings import Settings
    from tui_interview.domain.workspace import Workspace

    run_cli(capsys, "target", "add", "fresco", "--company", "Fresco", "--stack", "Kubernetes", "--product", "x")
    workspace = Workspace(Settings(data_home=with_stories, seed=11, use_history=False))
    clock = FakeClock()
    run = workspace.start(workspace.plan(), clock, lambda: START)
    retold = "I rolled back the feature store deploy when the checkout ranking service timed out on a Friday."
    answer_questions(run, clock, repeat(retold + " On Kubernetes, checkout ranking recovered in 18 minutes."))
    run.close()
    code, out, _ = run_cli(capsys, "report", "latest")
    assert code == 0
    assert out.splitlines()[0].endswith(" · for Fresco")
    assert "### Preparation\n\n- Target: Fresco\n" in out
    assert "- Stories told:\n  - Behavioral interview Q1: 'The checkout ranking outage'" in out
    assert "told more than once in this session" in out
