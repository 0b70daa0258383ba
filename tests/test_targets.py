"""Target companies without a screen: profiles, the stack as pack tags, the weighted draw, tailoring, the report."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.helpers import REPO, SHIPPED_STAGES, START, played_session
from tui_interview.domain.bank.pack import Pack, load_pack
from tui_interview.domain.bank.stages import load_stages
from tui_interview.domain.grading.grade import grade_answer
from tui_interview.domain.locations import default_pack_dir, targets_dir
from tui_interview.domain.planning.draw import PlannedTarget, draw_loop
from tui_interview.domain.planning.practice import loop_with_one_due, plan_practice, practice_stage
from tui_interview.domain.reporting.preparation import ReportContext
from tui_interview.domain.reporting.report import build_report
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.settings import Settings
from tui_interview.domain.stories.bank import load_stories
from tui_interview.domain.targets.profile import (
    Note,
    Target,
    TargetError,
    active_id,
    active_target,
    load_target,
    load_targets,
    save_target,
    target_path,
    use_target,
)
from tui_interview.domain.targets.stack import stack_tags, tag_of
from tui_interview.domain.targets.tailoring import WHY_TAGS, is_why_question, tailoring
from tui_interview.domain.workspace import Workspace

FRESCO = Target(
    id="fresco",
    company="Fresco",
    product="A grocery delivery app: substitution suggestions at checkout and a delivery-time estimate.",
    ml_use="The delivery-time estimate is a gradient-boosted model retrained daily; substitutions come from a "
    "ranking model served in real time.",
    stack=["Kubernetes", "Dagster", "BigQuery", "KServe", "Weights & Biases"],
    role="Senior MLOps Engineer",
    level="senior",
    notes=[
        Note(
            text="Engineering blog: moving feature pipelines from cron to Dagster; late store data broke the "
            "nightly retrain.",
            source="https://fresco.example/blog/dagster",
        ),
        Note(text="Hiring for serving reliability while they migrate serving to KServe.", source="job description"),
    ],
)
RESEARCHED = (
    "I've used Fresco's app for grocery delivery for a year, and the substitution suggestions at checkout got me "
    "curious. Your engineering blog post on moving feature pipelines from cron to Dagster described late store "
    "data breaking the nightly retrain. At my last job I built freshness checks and a backfill job for a daily "
    "retrained demand model, so I have seen late data break retraining. You are migrating serving to KServe on "
    "Kubernetes, and I'd like to start on the pipeline reliability work."
)
GENERIC = (
    "I love your product and you have a great culture. You are an innovative company and an industry leader in "
    "cutting-edge AI. I am passionate about machine learning and I think I would be a great fit for the team."
)


@pytest.fixture
def shipped() -> Pack:
    return load_pack(default_pack_dir())


# Profiles ------------------------------------------------------------------------------------------------


def test_a_saved_target_reads_back_the_same(tmp_path: Path) -> None:
    path = save_target(tmp_path, FRESCO)
    assert path == targets_dir(tmp_path) / "fresco.toml"
    assert "id =" not in path.read_text(encoding="utf-8")  # the file name is the id
    assert load_target(tmp_path, "fresco") == FRESCO
    assert FRESCO.title == "Fresco · Senior MLOps Engineer (senior)"


def test_several_targets_one_active(tmp_path: Path) -> None:
    save_target(tmp_path, FRESCO)
    save_target(tmp_path, Target(id="acme", company="Acme"))
    assert active_target(tmp_path) is None
    use_target(tmp_path, "fresco")
    assert active_id(tmp_path) == "fresco"
    assert active_target(tmp_path) == FRESCO
    shelf = load_targets(tmp_path)
    assert [t.id for t in shelf.targets] == ["acme", "fresco"]
    assert shelf.active == "fresco"
    use_target(tmp_path, None)
    assert active_target(tmp_path) is None


def test_an_unknown_target_names_the_known_ones(tmp_path: Path) -> None:
    save_target(tmp_path, FRESCO)
    with pytest.raises(TargetError, match=r"no target 'acme' \(targets: fresco; add one with"):
        load_target(tmp_path, "acme")
    with pytest.raises(TargetError, match="no target 'acme'"):
        use_target(tmp_path, "acme")
    with pytest.raises(TargetError, match="is not a target id"):
        load_target(tmp_path, "../etc/passwd")


def test_an_existing_target_is_replaced_only_when_asked(tmp_path: Path) -> None:
    save_target(tmp_path, FRESCO)
    with pytest.raises(TargetError, match="exists already"):
        save_target(tmp_path, FRESCO)
    renamed = FRESCO.model_copy(update={"company": "Fresco Foods"})
    save_target(tmp_path, renamed, replace=True)
    assert load_target(tmp_path, "fresco").company == "Fresco Foods"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('company = "A"\nstak = ["x"]\n', "field 'stak': unknown field"),
        ('id = "other"\ncompany = "A"\n', "field 'id': the file name is the id ('acme'): remove this key"),
        ('product = "no company"\n', "field 'company': Field required"),
        ('company = "A"\nlevel = "principal"\n', "field 'level': Input should be"),
        ('company = "A"\n[[notes]]\nsource = "x"\n', "field 'notes.0.text': Field required"),
        ('company = "A"\nstack = "Kubernetes"\n', "field 'stack': Input should be a valid list"),
        ("company = [" * 300 + "]" * 300, "cannot be read: nested more than 100 levels deep"),
        ('company = "A\n', "line 1: TOML syntax error"),
    ],
)
def test_a_bad_target_file_gets_one_line_per_problem_and_is_not_overwritten(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = target_path(tmp_path, "acme")
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TargetError) as raised:
        load_target(tmp_path, "acme")
    assert expected in str(raised.value)
    with pytest.raises(TargetError, match="it is not overwritten"):
        save_target(tmp_path, Target(id="acme", company="Acme"), replace=True)
    assert path.read_text(encoding="utf-8") == text
    assert load_targets(tmp_path).problems  # listed, not fatal to the others


def test_markup_and_control_characters_in_a_profile_are_kept(tmp_path: Path) -> None:
    target = Target(id="x", company="[bold]Acme[/bold] \x1b[2J", notes=[Note(text="[red]ml[/red]")])
    save_target(tmp_path, target)
    assert load_target(tmp_path, "x") == target


def test_targets_are_written_only_in_the_targets_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    home.mkdir()
    targets_dir(home).symlink_to(elsewhere)
    with pytest.raises(TargetError, match="only in"):
        save_target(home, FRESCO)
    assert list(elsewhere.iterdir()) == []


def test_a_bad_active_file_means_no_active_target(tmp_path: Path) -> None:
    folder = targets_dir(tmp_path)
    folder.mkdir()
    (folder / "active.txt").write_text("Not An Id\n", encoding="utf-8")
    assert active_target(tmp_path) is None
    (folder / "active.txt").write_text("gone\n", encoding="utf-8")
    with pytest.raises(TargetError, match="no target 'gone'"):
        active_target(tmp_path)


# The stack as pack tags ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "tag"),
    [
        ("Kubernetes", "kubernetes"),
        ("K8s", "kubernetes"),
        ("Vertex AI", "vertex-ai"),
        ("Weights & Biases", "wandb"),
        ("GitHub Actions", "github-actions"),
        ("Apache Airflow", "airflow"),
        ("Amazon SageMaker", "sagemaker"),
    ],
)
def test_stack_items_match_the_shipped_pack_s_tags(shipped: Pack, item: str, tag: str) -> None:
    tags = {t for q in shipped.questions for t in q.tags}
    assert stack_tags([item], tags) == {item: tag}


def test_a_tool_no_question_is_tagged_with_matches_nothing(shipped: Pack) -> None:
    tags = {t for q in shipped.questions for t in q.tags}
    assert stack_tags(["Mainframe COBOL"], tags) == {"Mainframe COBOL": None}
    assert tag_of("Mainframe COBOL") == "mainframe-cobol"


# The draw ------------------------------------------------------------------------------------------------

TAGS = frozenset({"kubernetes", "dagster", "bigquery", "kserve", "wandb"})
TARGET = PlannedTarget("fresco", "Fresco", TAGS)


def _ids(plan: object) -> list[str]:
    return [q.id for stage in plan.stages for q in stage.questions]  # type: ignore[attr-defined]


def _tagged(shipped: Pack, plan: object) -> int:
    return sum(bool(TAGS & set(shipped.by_id[q].tags)) for q in _ids(plan))


def test_same_seed_and_target_draw_the_same_loop(shipped: Pack) -> None:
    stages = load_stages(SHIPPED_STAGES).loop_stages()
    for seed in (1, 7, 42):
        first = loop_with_one_due(shipped, stages, seed, target=TARGET)
        again = loop_with_one_due(shipped, stages, seed, target=TARGET)
        assert _ids(first) == _ids(again)
        assert first.target == TARGET
        assert first.as_json()["target"] == "fresco"


def test_without_a_target_the_draw_is_unchanged(shipped: Pack) -> None:
    stages = load_stages(SHIPPED_STAGES).loop_stages()
    assert _ids(draw_loop(shipped, stages, 3)) == _ids(draw_loop(shipped, stages, 3, target=None))
    assert _ids(draw_loop(shipped, stages, 3, target=PlannedTarget("x", "X"))) == _ids(draw_loop(shipped, stages, 3))


def test_the_target_s_stack_is_preferred(shipped: Pack) -> None:
    stages = load_stages(SHIPPED_STAGES).loop_stages()
    seeds = range(1, 41)
    plain = sum(_tagged(shipped, draw_loop(shipped, stages, seed)) for seed in seeds)
    targeted = sum(_tagged(shipped, draw_loop(shipped, stages, seed, target=TARGET)) for seed in seeds)
    assert targeted > 1.5 * plain


def test_practice_prefers_the_stack_too_and_deterministically(shipped: Pack) -> None:
    stage = practice_stage(kinds=["technical"], count=4)
    plans = [plan_practice(shipped, stage, seed, target=TARGET) for seed in (5, 5)]
    assert _ids(plans[0]) == _ids(plans[1])
    assert plans[0].target == TARGET


def test_the_workspace_draws_for_the_active_target_or_the_one_named(tmp_path: Path) -> None:
    save_target(tmp_path, FRESCO)
    save_target(tmp_path, Target(id="acme", company="Acme", stack=["Airflow"]))
    use_target(tmp_path, "fresco")
    workspace = Workspace(Settings(data_home=tmp_path, seed=9, use_history=False))
    loop = workspace.loop_target()
    assert loop is not None
    assert loop.tags == {"kubernetes", "dagster", "bigquery", "kserve", "wandb"}
    assert workspace.plan().target == loop
    named = Workspace(Settings(data_home=tmp_path, seed=9, use_history=False, target="acme"))
    assert named.plan().target == PlannedTarget("acme", "Acme", frozenset({"airflow"}))
    with pytest.raises(TargetError, match="no target 'nope'"):
        Workspace(Settings(data_home=tmp_path, target="nope")).plan()


# Tailoring -----------------------------------------------------------------------------------------------


def test_the_shipped_pack_tags_its_why_questions(shipped: Pack) -> None:
    why = sorted(q.id for q in shipped.questions if is_why_question(q))
    assert why == ["behavioral-why-this-company-and-role", "recruiter-why-this-company", "recruiter-why-this-role"]
    assert all(WHY_TAGS & set(shipped.by_id[q].tags) for q in why)


def test_a_researched_answer_refers_to_the_profile() -> None:
    found = tailoring(RESEARCHED, FRESCO)
    assert found.kinds == ("product", "ml_use", "stack", "notes")
    assert found.verdict == "tailored"
    assert found.score == 1.0
    assert "stack (Kubernetes, Dagster, KServe)" in found.label


def test_generic_praise_is_called_generic() -> None:
    found = tailoring(GENERIC, FRESCO)
    assert found.kinds == ()
    assert found.verdict == "generic"
    assert found.score == 0.0
    assert found.generic == (
        "love your product",
        "great culture",
        "innovative company",
        "industry leader",
        "cutting-edge",
    )
    assert found.label.startswith("generic ('love your product', 'great culture', ")


def test_an_answer_about_machine_learning_in_general_is_not_a_reference() -> None:
    answer = "I enjoy building machine learning platforms and data pipelines for production models and teams."
    assert tailoring(answer, FRESCO).verdict == "not tailored"


@pytest.mark.parametrize(
    "question_id", ["behavioral-why-this-company-and-role", "recruiter-why-this-company", "recruiter-why-this-role"]
)
def test_a_researched_answer_scores_above_a_generic_one(shipped: Pack, question_id: str) -> None:
    """Tailoring says so for every why-question; the pack's own points agree (or, for why-this-role, whose
    points are about the role rather than the company, do not disagree)."""
    question = shipped.by_id[question_id]
    assert tailoring(RESEARCHED, FRESCO).score > tailoring(GENERIC, FRESCO).score
    researched, generic = grade_answer(question, RESEARCHED), grade_answer(question, GENERIC)
    if "company" in question_id:
        assert researched.score > generic.score
        assert generic.red_flags
    else:
        assert researched.score >= generic.score


# The report ----------------------------------------------------------------------------------------------


def _report_lines(tmp_path: Path, answers: Iterable[str], context: ReportContext) -> list[str]:
    store = SessionStore(tmp_path / "sessions")
    run = played_session(store, answers, stages=["behavioral", "recruiter"], pack=load_pack(default_pack_dir()))
    report = build_report(run.record, run.pack, context=context)
    assert report.preparation is not None
    return report.preparation.lines()


def test_the_report_names_the_target_and_which_answers_were_tailored(tmp_path: Path) -> None:
    stories = load_stories(REPO / "tests" / "data" / "stories" / "stories.toml").stories
    lines = _report_lines(tmp_path, itertools.repeat(RESEARCHED, 40), ReportContext(stories, "fresco", FRESCO))
    assert lines[0] == "Target: Fresco · Senior MLOps Engineer (senior)"
    assert any(line.startswith("  Other answers that referred to Fresco: ") for line in lines)


def test_a_target_whose_profile_is_gone_is_still_named(tmp_path: Path) -> None:
    lines = _report_lines(tmp_path, ["An answer."] * 40, ReportContext((), "gone", None))
    assert lines[0] == "Target: gone (its profile cannot be read: tailoring not checked)"


def test_no_context_no_preparation_lines(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    run = played_session(store, ["An answer."] * 20, stages=["behavioral"])
    assert build_report(run.record, run.pack).preparation is None


def test_the_recorded_target_survives_saving(tmp_path: Path) -> None:
    save_target(tmp_path, FRESCO)
    use_target(tmp_path, "fresco")
    workspace = Workspace(Settings(data_home=tmp_path, seed=4, use_history=False))
    run = workspace.start(workspace.plan(), FakeClock(), lambda: START)
    record = workspace.store.load(run.checkpoint())
    assert record.target == "fresco"
    context = workspace.report_context(record)
    assert context.target == FRESCO
    assert context.problems == ()
    run.close()


def test_the_tailoring_lines_call_a_generic_why_answer_generic(shipped: Pack) -> None:
    from tui_interview.domain.reporting.preparation import preparation

    why = shipped.by_id["recruiter-why-this-company"]
    role = shipped.by_id["recruiter-why-this-role"]
    technical = next(q for q in shipped.questions if q.kind == "technical" and "kubernetes" in q.tags)
    answers = [
        ("Recruiter screen Q1", why, RESEARCHED),
        ("Recruiter screen Q2", role, GENERIC),
        ("Technical assessment Q1", technical, "I would run it on Kubernetes with a canary."),
    ]
    lines = preparation(answers, ReportContext((), "fresco", FRESCO)).lines()
    assert lines == [
        "Target: Fresco · Senior MLOps Engineer (senior)",
        "Tailoring: 1 of 2 why-this-company answers referred to Fresco:",
        "  Recruiter screen Q1: tailored: product, how it uses ML, stack (Kubernetes, Dagster, KServe), research notes",
        "  Recruiter screen Q2: generic ('love your product', 'great culture', 'innovative company', "
        "'industry leader', 'cutting-edge': praise that fits any company)",
        "  Other answers that referred to Fresco: Technical assessment Q1",
    ]
