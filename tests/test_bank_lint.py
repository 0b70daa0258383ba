"""``bank lint``: each rule fires on a small pack written for it and stays quiet on a clean one; on the copy of
the 2026-12-01 pack it finds what the expert audit found; the command's exit codes, output and JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path

import pytest

from tests.helpers import SHIPPED_STAGES, TESTS, run_cli
from tui_interview.domain.authoring.currency import dated_claims
from tui_interview.domain.authoring.findings import Finding
from tui_interview.domain.authoring.lint import RULES, lint_pack
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.bank.stages import load_stages

AUDITED_PACK = TESTS / "data" / "pack-2026-12-01"

PACK_TOML = """\
id = "tiny"
title = "Tiny pack"
role = "MLOps Engineer"

[[areas]]
id = "serving"
title = "Serving"

[[areas]]
id = "pipelines"
title = "Pipelines"

[[areas]]
id = "behavioral"
title = "Behavioral"
"""

CLEAN = """\
[[questions]]
id = "serving-canary"
area = "serving"
kind = "technical"
level = "mid"
minutes = 5
prompt = "What does a canary release prove about a new model version, and what does it not prove?"
model_answer = "- Sends a small slice of traffic to the new version first."

[[questions.points]]
text = "Limits the blast radius by routing a small slice of traffic"
keywords = ["blast radius", "5% of traffic", "traffic slice"]

[[questions.points]]
text = "Compares error rate and p99 latency against the baseline"
keywords = ["p99 latency", "error budget", "baseline comparison"]

[[questions.red_flags]]
text = "Claims a clean canary proves model quality"
keywords = ["canary proves accuracy"]
why = "Labels arrive late; a canary shows errors and latency, not quality."
contradicts = 1

[[questions]]
id = "pipelines-backfill"
area = "pipelines"
kind = "technical"
level = "senior"
minutes = 6
prompt = "How would you backfill two years of features for a churn model without breaking the nightly job?"
model_answer = "- Partition by day and make each partition idempotent."

[[questions.points]]
text = "Makes each daily partition idempotent so reruns overwrite instead of appending"
keywords = ["idempotent", "overwrite the partition", "safe to rerun"]

[[questions.points]]
text = "Throttles the backfill so the nightly schedule keeps its slots"
keywords = ["separate pool", "concurrency limit", "throttle the backfill"]

[[questions.red_flags]]
text = "Appends each rerun to the table"
keywords = ["append every rerun"]
why = "Appending a rerun doubles that day's rows."
contradicts = 0
"""

FLAG = """
[[questions.red_flags]]
text = "Claims the opposite"
keywords = ["the opposite claim"]
why = "It is wrong."
"""


def question(
    question_id: str,
    points: Iterable[Iterable[str]],
    *,
    prompt: str = "How would you size the shared feature cache for the ranking service?",
    kind: str = "technical",
    area: str = "serving",
    extra: str = "",
    red_flag: bool = True,
    tail: str = "",
) -> str:
    """One ``[[questions]]`` block: its points' keywords, then ``tail`` (steps, facts) and a red flag."""
    lines = [
        "",
        "[[questions]]",
        f'id = "{question_id}"',
        f'area = "{area}"',
        f'kind = "{kind}"',
        'level = "mid"',
        "minutes = 5",
        f"prompt = {json.dumps(prompt)}",
        *([extra] if extra else []),
    ]
    for keywords in map(list, points):
        lines += ["", "[[questions.points]]", f"text = {json.dumps('Explains ' + keywords[0])}"]
        lines.append("keywords = [" + ", ".join(json.dumps(keyword) for keyword in keywords) + "]")
    return "\n".join(lines) + "\n" + tail + (FLAG if red_flag else "")


PackMaker = Callable[..., Path]


@pytest.fixture
def make_pack(tmp_path: Path) -> PackMaker:
    """A pack folder holding the clean questions and ``blocks``."""

    def make(*blocks: str) -> Path:
        folder = tmp_path / "pack"
        folder.mkdir(exist_ok=True)
        (folder / "pack.toml").write_text(PACK_TOML, encoding="utf-8")
        (folder / "questions.toml").write_text(CLEAN + "".join(blocks), encoding="utf-8")
        return folder

    return make


def lint(folder: Path, stages: Path | None = SHIPPED_STAGES) -> list[Finding]:
    drawing = load_stages(stages).stages.values() if stages else ()
    return lint_pack(load_pack(folder), drawing)


def of(findings: list[Finding], rule: str, question_id: str | None = None) -> list[Finding]:
    return [f for f in findings if f.rule == rule and (question_id is None or f.question == question_id)]


def lines_with(folder: Path, text: str) -> list[int]:
    lines = (folder / "questions.toml").read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, start=1) if text in line]


def line_with(folder: Path, text: str) -> int:
    return lines_with(folder, text)[0]


# The clean pack ------------------------------------------------------------------------------------------------


def test_a_clean_pack_has_no_findings(make_pack: PackMaker) -> None:
    assert lint(make_pack()) == []


# Keywords ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keyword", "matched"),
    [
        ("I'm an", "i'm"),
        ("models:/", "models"),
        ("A/B", "b"),
        ("$3", "3"),
        ("my change", "change"),
        ("here", None),
        ("percent", None),
        ("the team", "team"),
    ],
)
def test_a_keyword_that_is_or_shrinks_to_a_common_word_is_an_error(
    make_pack: PackMaker, keyword: str, matched: str | None
) -> None:
    folder = make_pack(question("serving-weak", [["feature cache hit rate", keyword]]))
    [finding] = of(lint(folder), "common-keyword", "serving-weak")
    assert finding.severity == "error"
    assert finding.field == "points.0.keywords.1"
    assert finding.line == line_with(folder, json.dumps(keyword))
    assert repr(keyword) in finding.message
    if matched is not None:
        assert f"is matched as {matched!r}" in finding.message


def test_keywords_made_only_of_function_words_or_of_core_words_are_found(make_pack: PackMaker) -> None:
    folder = make_pack(question("serving-weak", [["what I learned", "next time", "time travel", "cold start"]]))
    findings = lint(folder)
    assert [f.field for f in of(findings, "common-keyword", "serving-weak")] == ["points.0.keywords.0"]
    [phrase] = of(findings, "common-phrase", "serving-weak")
    assert (phrase.field, phrase.severity) == ("points.0.keywords.1", "warning")


def test_a_red_flag_keyword_is_checked_too(make_pack: PackMaker) -> None:
    flag = '\n[[questions.red_flags]]\ntext = "Says a vague thing"\nkeywords = ["impact"]\nwhy = "Vague."\n'
    folder = make_pack(question("serving-flagged", [["feature cache hit rate"]], red_flag=False, tail=flag))
    [finding] = of(lint(folder), "common-keyword", "serving-flagged")
    assert finding.field == "red_flags.0.keywords.0"


def test_the_same_keyword_in_two_points_is_an_error_and_one_inside_another_a_warning(make_pack: PackMaker) -> None:
    points = [["logical date", "KV cache"], ["logical dates", "ttl policy"], ["cache eviction", "cache"]]
    folder = make_pack(question("serving-dupes", points))
    findings = of(lint(folder), "duplicate-keyword", "serving-dupes")
    by_field = {f.field: f for f in findings}
    assert set(by_field) == {"points.1.keywords.0", "points.2.keywords.1"}
    assert by_field["points.1.keywords.0"].severity == "error"
    assert "points.0" in by_field["points.1.keywords.0"].message
    inside = by_field["points.2.keywords.1"]
    assert inside.severity == "warning"
    assert "'KV cache'" in inside.message


def test_a_scenario_step_repeating_a_keyword_of_the_question_s_points_is_found(make_pack: PackMaker) -> None:
    steps = (
        '\n[[questions.steps]]\nreveal = "The cache fills up within an hour."\n'
        '\n[[questions.steps.points]]\ntext = "Sizes the cache from the hit rate"\nkeywords = ["working set size"]\n'
        '\n[[questions.steps]]\nreveal = "Memory doubles after a deploy."\n'
        '\n[[questions.steps.points]]\ntext = "Checks the eviction policy"\nkeywords = ["eviction policy"]\n'
    )
    folder = make_pack(question("serving-scn", [["eviction policy"]], kind="scenario", tail=steps))
    [finding] = of(lint(folder), "duplicate-keyword", "serving-scn")
    assert finding.field == "steps.1.points.0.keywords.0"
    assert finding.line == lines_with(folder, '"eviction policy"')[1]


def test_a_point_whose_keywords_all_repeat_the_prompt_is_a_warning(make_pack: PackMaker) -> None:
    prompt = "Would you pick MIG, MPS or time-slicing to share one GPU between three models?"
    folder = make_pack(question("serving-echo", [["MIG", "MPS", "time-slicing"], ["memory isolation"]], prompt=prompt))
    [finding] = of(lint(folder), "echo-point", "serving-echo")
    assert (finding.field, finding.severity) == ("points.0.keywords", "warning")


# Trivial answers -----------------------------------------------------------------------------------------------


def test_a_prompt_that_scores_as_its_own_answer_is_found(make_pack: PackMaker) -> None:
    prompt = "You were on call for the fraud model last night. Walk me through the first hour."
    folder = make_pack(question("serving-oncall", [["on call"], ["incident timeline"]], prompt=prompt))
    [finding] = of(lint(folder), "prompt-scores", "serving-oncall")
    assert finding.field == "prompt"
    assert "'on call'" in finding.message
    assert "0.50" in finding.message


def test_a_generic_technical_answer_that_scores_is_found(make_pack: PackMaker) -> None:
    folder = make_pack(question("serving-generic", [["best practices"], ["document everything"], ["cache warmup"]]))
    [finding] = of(lint(folder), "filler-scores", "serving-generic")
    assert "0.67" in finding.message
    assert "'best practices'" in finding.message


def test_a_generic_star_story_that_scores_on_a_behavioral_question_is_found(make_pack: PackMaker) -> None:
    points = [["stakeholders", "communicated"], ["as a result"], ["kubectl rollout undo"]]
    folder = make_pack(question("behavioral-vague", points, kind="behavioral", area="behavioral", red_flag=False))
    assert of(lint(folder), "filler-scores", "behavioral-vague")


def test_a_list_of_claim_keywords_that_scores_as_an_answer_is_found(make_pack: PackMaker) -> None:
    folder = make_pack(question("serving-claims", [["pin the version in the manifest"], ["restart the pods"]]))
    [finding] = of(lint(folder), "keyword-list-scores", "serving-claims")
    assert "1.00" in finding.message


# Near-duplicates -----------------------------------------------------------------------------------------------


def test_two_questions_on_one_topic_in_other_words_are_near_duplicates(make_pack: PackMaker) -> None:
    first = question(
        "serving-disaggregation",
        [["separate prefill pool"], ["kv transfer over rdma"]],
        prompt="Why would you split prefill and decode onto separate GPU pools for an LLM service?",
    )
    second = question(
        "pipelines-colocated",
        [["prefill decode split"], ["kv cache transfer cost"]],
        area="pipelines",
        prompt="When is running prefill and decode on the same GPUs better than disaggregating them?",
    )
    folder = make_pack(first, second)
    [finding] = of(lint(folder), "near-duplicate")
    assert (finding.question, finding.field) == ("pipelines-colocated", "prompt")
    assert "serving-disaggregation" in finding.message
    assert "'prefill'" in finding.message


def test_a_reworded_prompt_is_a_near_duplicate(make_pack: PackMaker) -> None:
    prompt = "How would you roll out a new ranking model to ten percent of the traffic first?"
    reworded = "How would you first roll out a new ranking model to ten percent of traffic?"
    first = question("serving-rollout", [["shadow traffic"]], prompt=prompt)
    second = question("serving-rollout-2", [["progressive delivery"]], prompt=reworded)
    [finding] = of(lint(make_pack(first, second)), "near-duplicate")
    assert finding.question == "serving-rollout-2"
    assert "a rewording of question 'serving-rollout'" in finding.message


def test_a_declared_overlap_is_not_reported(make_pack: PackMaker) -> None:
    prompt = "How would you roll out a new ranking model to ten percent of the traffic first?"
    reworded = "How would you first roll out a new ranking model to ten percent of traffic?"
    first = question("serving-rollout", [["shadow traffic"]], prompt=prompt, extra='overlaps = ["serving-rollout-2"]')
    second = question("serving-rollout-2", [["progressive delivery"]], prompt=reworded)
    assert of(lint(make_pack(first, second)), "near-duplicate") == []


# Facts ---------------------------------------------------------------------------------------------------------


FACT = '\n[[questions.facts]]\ntext = "DRA went GA"\nsource = "Kubernetes v1.34 release notes"\nas_of = "2025-08"\n'


def test_a_trends_question_without_a_fact_is_an_error_and_one_with_a_fact_is_not(make_pack: PackMaker) -> None:
    prompt = "Dynamic Resource Allocation went GA in Kubernetes 1.34 in 2025. What changes for GPU requests?"
    bare = question("serving-tr-dra", [["resource claim"]], kind="trends", prompt=prompt)
    sourced = question("serving-tr-dra-2", [["device class"]], kind="trends", prompt=prompt + " Now.", tail=FACT)
    findings = lint(make_pack(bare, sourced))
    [finding] = of(findings, "trends-without-fact")
    assert (finding.question, finding.field, finding.severity) == ("serving-tr-dra", "facts", "error")
    assert "'GA in Kubernetes 1.34'" in finding.message
    assert "'in 2025'" in finding.message
    assert not of(findings, "dated-claim")


def test_a_dated_claim_in_a_question_without_facts_is_a_warning_at_its_line(make_pack: PackMaker) -> None:
    extra = 'model_answer = """\n- TorchServe has been in limited maintenance\n  since early 2025.\n"""'
    folder = make_pack(question("serving-servers", [["triton"]], extra=extra))
    [finding] = of(lint(folder), "dated-claim", "serving-servers")
    assert (finding.field, finding.severity) == ("model_answer", "warning")
    assert finding.line == line_with(folder, "since early 2025")


def test_a_dated_claim_that_no_fact_of_the_question_dates_is_found(make_pack: PackMaker) -> None:
    prompt = "DRA went GA in Kubernetes 1.34, and partitionable devices reached beta in 1.36. What now?"
    folder = make_pack(question("serving-tr-dra", [["resource claim"]], kind="trends", prompt=prompt, tail=FACT))
    [finding] = of(lint(folder), "dated-claim", "serving-tr-dra")
    assert finding.field == "prompt"
    assert "'beta in 1.36'" in finding.message
    assert "1.34" not in finding.message


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("Serverless GPUs grew a lot in 2025-2026.", ["in 2025"]),
        ("its hosted service shut down in March 2026 (that team", ["in March 2026"]),
        ("Registry stages were deprecated in MLflow 2.9 (late 2023).", ["deprecated in MLflow 2.9", "late 2023"]),
        ("stages have been deprecated since 2.9; use aliases", ["deprecated since 2.9"]),
        ("Stages are gone as of MLflow 3.0.", ["as of MLflow 3.0"]),
        ("MLflow deprecated registry stages in MLflow 2.9. How do you", ["in MLflow 2.9"]),
        ("It slows down in 1.5 seconds from 0.9 to 0.7", []),
        ("On 10 March 2026 you deploy a new DAG", []),
        ("The run with logical date 2026-03-04 starts at midnight", []),
        ("`start_date=datetime(2026, 1, 1)` and `outputs/2026-03-14/`", []),
        ("key STAFF-7F3K-2026 for VIP", []),
        ("(Bergstra and Bengio, 2012)", []),
        ("max_model_len of 2048 tokens", []),
        ("AUC fell from 0.86 to 0.80", []),
    ],
)
def test_dated_claims_are_points_in_time_not_dates_that_are_data(text: str, claims: list[str]) -> None:
    assert dated_claims(text) == claims


# Structure -----------------------------------------------------------------------------------------------------


def test_a_scenario_with_one_step_is_an_error(make_pack: PackMaker) -> None:
    step = '\n[[questions.steps]]\nreveal = "The cache is full."\n\n[[questions.steps.points]]\ntext = "Evicts"\n'
    step += 'keywords = ["lru eviction"]\n'
    folder = make_pack(question("serving-short-scn", [["cache hit rate"]], kind="scenario", tail=step))
    [finding] = of(lint(folder), "few-steps", "serving-short-scn")
    assert (finding.field, finding.severity) == ("steps", "error")


def test_red_flags_are_needed_where_a_stage_draws_the_question_but_not_on_behavioral_ones(
    make_pack: PackMaker, tmp_path: Path
) -> None:
    technical = question("serving-no-flags", [["feature cache hit rate"]], red_flag=False)
    story = question(
        "behavioral-no-flags", [["kubectl rollout undo"]], kind="behavioral", area="behavioral", red_flag=False
    )
    folder = make_pack(technical, story)
    [finding] = of(lint(folder), "missing-red-flags")
    assert (finding.question, finding.field, finding.severity) == ("serving-no-flags", "red_flags", "warning")
    assert "'technical'" in finding.message
    own_stages = tmp_path / "stages"
    own_stages.mkdir()
    (own_stages / "loop.toml").write_text('stages = ["story"]\n', encoding="utf-8")
    (own_stages / "story.toml").write_text(
        'id = "story"\ntitle = "Stories"\nintro = "Tell me."\nminutes = 10\nquestions = 1\n'
        '[interviewer]\nname = "Ann"\nrole = "Manager"\n[draw]\nkinds = ["behavioral"]\n',
        encoding="utf-8",
    )
    assert not of(lint(folder, own_stages), "missing-red-flags")
    assert not of(lint(folder, None), "missing-red-flags")


# The audited pack ----------------------------------------------------------------------------------------------


CLUSTERS = (
    ("infrastructure-dra-vs-device-plugin", "serving-tr-dra-gpu-requests"),
    ("serving-mlflow-aliases-replace-stages", "serving-tr-mlflow-registry-modern", "tracking-trend-mlflow3-upgrade"),
    ("infrastructure-mig-mps-timeslicing", "serving-to-gpu-sharing-multi-model"),
    (
        "llmops-prefill-decode-disaggregation",
        "serving-tr-disaggregated-serving",
        "llmops-tradeoff-disaggregated-vs-colocated",
    ),
    ("llmops-trends-fp8-fp4-inference", "serving-tr-low-precision-fp8-fp4"),
    ("serving-tr-serverless-gpu", "infrastructure-serverless-gpu-platforms"),
    ("llmops-trends-kv-cache-as-infrastructure", "serving-tr-inference-gateway"),
)
"""The audit's seven near-duplicate clusters (§8.3)."""


@pytest.fixture(scope="module")
def audited() -> list[Finding]:
    return lint_pack(load_pack(AUDITED_PACK), load_stages(SHIPPED_STAGES).stages.values())


def keyword_finding(findings: list[Finding], question_id: str, keyword: str) -> Finding:
    return next(f for f in of(findings, "common-keyword", question_id) if f.message.startswith(f"keyword {keyword!r}"))


@pytest.mark.parametrize(
    ("question_id", "keyword"),
    [
        ("recruiter-tell-me-about-yourself", "I'm an"),
        ("recruiter-why-leaving", "here"),
        ("tracking-debug-mlflow3-model-uri", "models:/"),
        ("serving-mlflow-aliases-replace-stages", "models:/"),
        ("llmops-scenario-kv-aware-routing-fleet", "A/B"),
        ("llmops-tradeoff-eval-effort-allocation", "A/B"),
        ("pipelines-retrain-triggers-demand", "$3"),
        ("behavioral-mistake-shipped-bug", "my change"),
        ("behavioral-mentor-difficult-feedback", "the team"),
    ],
)
def test_the_audited_pack_s_collapsing_keywords_are_found(
    audited: list[Finding], question_id: str, keyword: str
) -> None:
    finding = keyword_finding(audited, question_id, keyword)
    assert finding.severity == "error"
    assert finding.line is not None
    line = (finding.file.read_text(encoding="utf-8").splitlines())[finding.line - 1]
    assert json.dumps(keyword) in line


def test_the_audited_pack_s_duplicate_keywords_across_points_are_found(audited: list[Finding]) -> None:
    exact = [f for f in of(audited, "duplicate-keyword") if f.severity == "error"]
    assert len(exact) >= 75  # the audit counted 82 pairs in 47 questions
    rerun = of(exact, "duplicate-keyword", "pipelines-rerun-failed-days")
    logical_date = [f.field for f in rerun if "'logical date'" in f.message]
    assert logical_date == ["points.2.keywords.0", "steps.0.points.0.keywords.3"]  # one mention fires three points
    assert len(of(exact, "duplicate-keyword", "infrastructure-70b-full-finetune-fit")) >= 5


def test_the_audited_pack_s_trends_questions_without_facts_are_found(audited: list[Finding]) -> None:
    without = {f.question for f in of(audited, "trends-without-fact")}
    assert len(without) == 45  # 55 trends questions, 10 with facts
    audited_claims = {
        "serving-tr-kserve-2026",
        "serving-tr-disaggregated-serving",
        "tracking-trend-vendor-consolidation",
    }
    assert audited_claims <= without
    assert "infrastructure-dra-vs-device-plugin" not in without  # it has a fact (DRA GA in 1.34)


def test_the_audited_pack_s_near_duplicate_clusters_are_found(audited: list[Finding]) -> None:
    flagged = {frozenset((f.question, _other(f))) for f in of(audited, "near-duplicate")}
    found = [cluster for cluster in CLUSTERS if any(frozenset(pair) in flagged for pair in combinations(cluster, 2))]
    assert len(found) >= 5, found
    in_clusters = {frozenset(pair) for cluster in CLUSTERS for pair in combinations(cluster, 2)}
    assert len(flagged - in_clusters) <= 20  # other pairs flagged: topic overlaps worth a look, not noise


def test_the_audited_pack_s_generic_screen_answers_and_unsourced_dates_are_found(audited: list[Finding]) -> None:
    assert {"recruiter-why-this-company", "recruiter-tell-me-about-yourself"} <= {
        f.question for f in of(audited, "filler-scores")
    }
    assert "tracking-consolidate-four-trackers" in {f.question for f in of(audited, "dated-claim")}


def _other(finding: Finding) -> str:
    match = re.search(r"question '([a-z0-9-]+)' \(", finding.message)
    assert match is not None
    return match.group(1)


# The command ---------------------------------------------------------------------------------------------------


LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+): question '[^']+': field '[^']+': (error|warning)\[[a-z-]+\]: .+ \(hint: .+\)$"
)


def test_findings_print_one_line_each_sorted_by_file_and_line_then_a_summary(
    make_pack: PackMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_pack(question("serving-weak", [["models:/", "percent"], ["models:/"]], red_flag=False))
    code, out, err = run_cli(capsys, "bank", "lint", str(folder))
    *lines, summary = out.splitlines()
    assert (code, err) == (0, "")
    assert lines
    assert all(LINE.match(line) for line in lines), lines
    positions = [(m["file"], int(m["line"])) for m in map(LINE.match, lines) if m]
    assert positions == sorted(positions)
    assert summary.startswith(f"{len(lines)} findings in 1 pack (")
    assert "common-keyword 3" in summary
    assert "duplicate-keyword 1" in summary
    assert "missing-red-flags 1" in summary


def test_strict_exits_1_while_any_finding_remains_and_0_on_a_clean_pack(
    make_pack: PackMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "bank", "lint", "--strict", str(make_pack())) == (0, "no findings in 1 pack\n", "")
    weak = make_pack(question("serving-weak", [["percent"]]))
    assert run_cli(capsys, "bank", "lint", str(weak))[0] == 0
    assert run_cli(capsys, "bank", "lint", str(weak), "--strict")[0] == 1


def test_json_is_an_array_of_findings(make_pack: PackMaker, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_pack(question("serving-weak", [["percent"]]))
    code, out, _ = run_cli(capsys, "bank", "lint", "--json", str(folder))
    findings = json.loads(out)
    assert code == 0
    assert findings == [
        {
            "file": str(folder / "questions.toml"),
            "line": line_with(folder, '["percent"]'),
            "question": "serving-weak",
            "field": "points.0.keywords.0",
            "rule": "common-keyword",
            "severity": "error",
            "message": findings[0]["message"],
            "hint": findings[0]["hint"],
        }
    ]
    assert "'percent'" in findings[0]["message"]
    assert json.loads(run_cli(capsys, "bank", "lint", "--json", str(make_pack()))[1]) == []


def test_a_pack_that_does_not_load_prints_its_problems_and_exits_1(
    make_pack: PackMaker, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "pack.toml").write_text(PACK_TOML, encoding="utf-8")
    (broken / "questions.toml").write_text('[[questions]]\nid = "x"\npromt = "typo"\n', encoding="utf-8")
    code, out, err = run_cli(capsys, "bank", "lint", str(broken), str(make_pack()))
    assert code == 1
    assert err.startswith(f"{broken}: invalid, ")
    assert f"{broken / 'questions.toml'}: line 2: question 'x': field 'promt': unknown field" in err
    assert out == "no findings in 2 packs\n"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_cli(capsys, "bank", "lint", "--no-such-option")
    assert exit_info.value.code == 2


def test_a_missing_stages_folder_is_reported(make_pack: PackMaker, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "bank", "lint", "--stages", "/no/such/stages", str(make_pack()))
    assert code == 1
    assert "not a folder of stage definitions" in err


def test_the_output_cannot_drive_the_terminal(make_pack: PackMaker, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_pack(question("serving-escape", [["\x1b]0;pwned\x07here"]]))
    code, out, _ = run_cli(capsys, "bank", "lint", str(folder))
    assert code == 0
    assert "\x1b" not in out
    assert "\x07" not in out


def test_every_rule_has_a_documented_section() -> None:
    docs = (TESTS.parent / "docs" / "question-format.md").read_text(encoding="utf-8")
    assert [rule.code for rule in RULES if f"`{rule.code}`" not in docs] == []
