"""Offline grading of typed answers: talking-point coverage, STAR structure, delivery and readiness bands."""

from __future__ import annotations

from typing import Any

import pytest

from tui_interview.domain.bank.pack import Question
from tui_interview.domain.grading.delivery import delivery
from tui_interview.domain.grading.grade import grade_answer, grade_json
from tui_interview.domain.grading.results import Grade, PointResult
from tui_interview.domain.grading.star import star_analysis
from tui_interview.domain.scoring.readiness import readiness_band


def make_question(*points: dict[str, Any], steps: list[list[dict[str, Any]]] | None = None) -> Question:
    data: dict[str, Any] = {
        "id": "test-question",
        "area": "serving",
        "kind": "scenario" if steps else "technical",
        "level": "mid",
        "minutes": 5,
        "prompt": "How would you release a new model version?",
        "points": list(points),
    }
    if steps:
        data["steps"] = [{"reveal": f"Step {n}", "points": step} for n, step in enumerate(steps, start=1)]
    return Question.model_validate(data)


def point(text: str, *keywords: str, weight: float = 1.0) -> dict[str, Any]:
    return {"text": text, "keywords": list(keywords), "weight": weight}


def one_point(*keywords: str) -> Question:
    return make_question(point("The point", *keywords))


def verdict(keywords: tuple[str, ...], answer: str) -> PointResult:
    return grade_answer(one_point(*keywords), answer).points[0]


# Matching ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keyword", "answer"),
    [
        ("roll back", "I rolled back the alias to version 11."),
        ("rollback", "First we roll back, then we debug."),
        ("roll back", "A quick rollback would fix it."),
        ("canary", "Two canaries run next to the stable fleet."),
        ("blue-green", "A blue green deployment doubles capacity."),
        ("training-serving skew", "That is training serving skew."),
        ("training-serving skew", "Classic training/serving skew from two code paths."),
        ("post-mortem", "We wrote a postmortem the next day."),
        ("move the alias back", "I would move the champion alias back."),
        ("normalize", "We normalise inputs in the same transform."),
    ],
)
def test_inflections_and_phrase_variants_earn_credit(keyword: str, answer: str) -> None:
    assert verdict((keyword,), answer).covered


@pytest.mark.parametrize(
    ("keyword", "answer"),
    [
        ("move the alias back", "Move the alias somewhere far away and then back."),
        ("roll back", "We rolled the dice and came back later."),
        ("canary", "A can of worms."),
    ],
)
def test_words_too_far_apart_or_different_words_earn_no_credit(keyword: str, answer: str) -> None:
    assert not verdict((keyword,), answer).covered


@pytest.mark.parametrize("answer", ["Our P99 is 80 ms.", "The 99th percentile is 80 ms.", "p99 latency is fine."])
def test_percentiles_are_normalised(answer: str) -> None:
    assert verdict(("p99",), answer).covered
    assert verdict(("99th percentile",), answer).covered


@pytest.mark.parametrize(
    ("keyword", "answer"),
    [
        ("rollback", "Do a rollbak first."),
        ("prometheus", "Scrape it with promethues."),
        ("fragmentation", "That is fragmantation in the allocator."),
        ("incident channel", "Post in the incident channnel."),
    ],
)
def test_small_typos_in_long_words_earn_credit_and_are_flagged(keyword: str, answer: str) -> None:
    result = verdict((keyword,), answer)
    assert result.covered
    assert result.matches[0].fuzzy


@pytest.mark.parametrize(
    ("keyword", "answer"),
    [
        ("canary", "Use a canry."),  # a typo in a short word is not forgiven
        ("rollback", "Fallback to rules."),  # a different first letter is a different word
        ("version 11", "Version 12 is broken."),  # numbers must match exactly
    ],
)
def test_typo_tolerance_keeps_precision(keyword: str, answer: str) -> None:
    assert not verdict((keyword,), answer).covered


# Negation and name-dropping -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "quoted"),
    [
        ("I would not use a canary here.", "not use a canary"),
        ("I'd never roll back without asking.", "never roll back"),
        ("Ship it without a canary.", "without a canary"),
        ("Use blue-green instead of a canary.", "instead of a canary"),
        ("We don't need a feature store or a canary for this.", "don't need a feature store or a canary"),
        ("I didn't roll back.", "didn't roll back"),
    ],
)
def test_negated_mentions_earn_no_credit_and_say_why(answer: str, quoted: str) -> None:
    result = verdict(("canary", "roll back"), answer)
    assert not result.covered
    assert any(reason.startswith("negated:") and quoted in reason for reason in result.reasons), result.reasons


@pytest.mark.parametrize(
    "answer",
    [
        "I would never ship a model without a canary.",  # two negations cancel out
        "Not only a canary but also a shadow run.",
        "If it does not fit, a canary on one node pool is enough.",  # the negation belongs to the condition
    ],
)
def test_negation_lookalikes_still_earn_credit(answer: str) -> None:
    assert verdict(("canary",), answer).covered


def test_a_new_clause_ends_the_negation() -> None:
    assert verdict(("canary",), "I don't like shadow runs, but a canary is a must.").covered
    assert verdict(("canary",), "There is no shadow here and a canary covers it.").covered


def test_a_keyword_the_point_itself_negates_may_be_negated_in_the_answer() -> None:
    question = make_question(point("Validates out of time instead of a random split", "out-of-time", "random split"))
    assert grade_answer(question, "Never use a random split for churn.").points[0].covered


def test_a_dismissal_after_the_keyword_earns_no_credit() -> None:
    result = verdict(("random seed", "seeds"), "Seeds don't really matter for a churn model.")
    assert not result.covered
    assert result.reasons == ('negated: "Seeds don\'t really matter"',)


def test_a_bare_list_of_buzzwords_earns_no_credit() -> None:
    question = make_question(point("Shadow", "shadow"), point("Canary", "canary"), point("Flags", "feature flags"))
    answer = "It depends on the team. Shadow, canary, blue-green, feature flags, rollback."
    grade = grade_answer(question, answer)
    assert grade.score == 0
    assert all(p.reasons == ("name-dropped in a list of 5 bare terms",) for p in grade.points)


def test_a_list_with_a_lead_in_clause_is_an_answer() -> None:
    answer = "I would watch p99 latency, error rate, throughput and GPU utilisation on the canary."
    assert verdict(("error rate",), answer).covered


def test_an_answer_made_of_bare_terms_earns_no_credit() -> None:
    question = make_question(point("Shadow", "shadow traffic"), point("Canary", "canary"))
    grade = grade_answer(question, "Canary. Shadow traffic. Guardrails. Rollback.")
    assert grade.score == 0
    assert grade.notes
    assert grade.notes[0].startswith("answer is mostly bare terms")


# Scores, offsets and JSON ---------------------------------------------------------------------------


def test_score_is_the_weighted_share_of_points_covered() -> None:
    question = make_question(
        point("Mitigates first", "roll back", weight=3), point("Communicates", "incident channel", weight=1)
    )
    assert grade_answer(question, "I would roll back first.").score == pytest.approx(0.75)
    assert grade_answer(question, "I'd post in the incident channel.").score == pytest.approx(0.25)
    assert grade_answer(question, "No idea.").score == 0


def test_match_offsets_point_at_the_original_text() -> None:
    answer = "First, We ROLLED   Back to v11; then the Canaries ran."
    grade = grade_answer(make_question(point("Rollback", "roll back"), point("Canary", "canary")), answer)
    spans = [(m.keyword, answer[m.start : m.end], m.text) for p in grade.points for m in p.matches]
    assert spans == [("roll back", "ROLLED   Back", "ROLLED   Back"), ("canary", "Canaries", "Canaries")]


def test_default_points_include_scenario_steps_in_pack_order() -> None:
    question = make_question(
        point("Correlates", "stack trace"),
        steps=[[point("Restarts", "rollout restart")], [point("Signature", "schema mismatch")]],
    )
    grade = grade_answer(question, "Check the stack trace, then a rollout restart.")
    assert [p.text for p in grade.points] == ["Correlates", "Restarts", "Signature"]
    assert [p.covered for p in grade.points] == [True, True, False]
    only_steps = grade_answer(question, "It is a schema mismatch.", points=question.steps[1].points)
    assert [(p.index, p.covered) for p in only_steps.points] == [(0, True)]


def test_grade_json_shape() -> None:
    question = make_question(
        point("Mitigates first", "roll back", "revert"), steps=[[point("Communicates", "incident channel")]]
    )
    grade = grade_answer(question, "Revert first, then roll back the config too.")
    evidence = {"start": 0, "end": 44, "text": "Revert first, then roll back the config too."}
    assert grade_json(question, grade) == {
        "question": "test-question",
        "coverage": 0.5,
        "points": [
            {
                "text": "Mitigates first",
                "covered": True,
                "matched": ["revert", "roll back"],
                "status": "covered",
                "evidence": evidence,
                "reason": None,
            },
            {
                "text": "Communicates",
                "covered": False,
                "matched": [],
                "status": "missed",
                "evidence": None,
                "reason": None,
            },
        ],
        "notes": [],
        "red_flags": [],
    }


def test_grading_is_repeatable_and_returns_a_grade() -> None:
    question = one_point("canary")
    first = grade_answer(question, "Start with a canary.")
    assert isinstance(first, Grade)
    assert grade_answer(question, "Start with a canary.") == first


# STAR --------------------------------------------------------------------------------------------------

STAR_COMPLETE = (
    "At my last job we had a fraud model that declined good payments. I was on call. "
    "I rolled back the alias and I wrote the postmortem. As a result, false declines dropped by 40% "
    "within 25 minutes."
)


def test_star_finds_all_parts_and_a_measurable_result() -> None:
    analysis = star_analysis(STAR_COMPLETE)
    assert analysis.present == ("situation", "task", "action", "result")
    assert analysis.missing == ()
    assert analysis.measurable_result
    assert "40%" in analysis.result_figures
    for cue in analysis.cues:
        assert STAR_COMPLETE[cue.start : cue.end] == cue.text


def test_star_reports_a_missing_result() -> None:
    analysis = star_analysis("At my last job we had a flaky pipeline. I was asked to fix it. I rewrote the DAG.")
    assert analysis.missing == ("result",)
    assert not analysis.measurable_result
    assert any(note.startswith("No result") for note in analysis.notes)


def test_star_flags_a_result_without_a_figure() -> None:
    analysis = star_analysis("I built a feature store. As a result, the team was much happier.")
    assert "result" in analysis.present
    assert not analysis.measurable_result
    assert any("no figure" in note for note in analysis.notes)


def test_star_counts_we_against_i() -> None:
    analysis = star_analysis("We found the bug, we're proud of it, we fixed it and I reviewed it. We'd do it again.")
    assert (analysis.i_count, analysis.we_count) == (1, 4)
    assert any("'we' (4) outnumbers 'I' (1)" in note for note in analysis.notes)


# Delivery ----------------------------------------------------------------------------------------------


def test_delivery_counts_fillers_and_hedges_per_100_words() -> None:
    answer = "Um, I think we basically roll back, you know. " + "Then we check the logs and metrics. " * 4
    figures = delivery(answer, seconds=150, suggested_minutes=5, status="answered")
    assert figures.words == 37
    assert figures.fillers == 3
    assert figures.filler_per_100 == pytest.approx(300 / 37)
    assert dict(figures.filler_counts) == {"um": 1, "basically": 1, "you know": 1}
    assert figures.hedges == 1
    assert figures.time_ratio == pytest.approx(0.5)
    assert figures.words_per_minute == pytest.approx(37 / 2.5)
    assert figures.outcome == "answered"
    assert any("filler words per 100 words" in note for note in figures.notes)


@pytest.mark.parametrize(
    ("status", "outcome"),
    [("answered", "answered"), ("skipped", "skipped"), ("time_up", "time_up"), ("pending", "not_reached")],
)
def test_delivery_outcome_follows_the_answer_status(status: str, outcome: str) -> None:
    assert delivery("", seconds=0, suggested_minutes=5, status=status).outcome == outcome


def test_delivery_flags_overtime_and_rejects_unknown_status() -> None:
    figures = delivery("A long answer.", seconds=420, suggested_minutes=5, status="answered")
    assert figures.time_ratio == pytest.approx(1.4)
    assert any("140%" in note for note in figures.notes)
    with pytest.raises(ValueError, match="unknown answer status"):
        delivery("text", seconds=1, suggested_minutes=5, status="done")


# Readiness ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overall", "band"),
    [
        (1.0, "strong hire"),
        (0.75, "strong hire"),
        (0.7499, "hire"),
        (0.60, "hire"),
        (0.5999, "lean no hire"),
        (0.40, "lean no hire"),
        (0.3999, "no hire"),
        (0.0, "no hire"),
    ],
)
def test_readiness_band_thresholds(overall: float, band: str) -> None:
    found, rule = readiness_band(overall)
    assert found == band
    assert rule == "≥ 75% strong hire, ≥ 60% hire, ≥ 40% lean no hire, else no hire"


def test_readiness_band_rejects_scores_outside_zero_to_one() -> None:
    with pytest.raises(ValueError, match=r"overall score must be between 0 and 1, got 1\.2"):
        readiness_band(1.2)


# Keywords that are names, paths and config lines ------------------------------------------------------------


@pytest.mark.parametrize(
    ("keyword", "answer"),
    [
        ("torch.compile", "I would wrap the model in torch.compile so that the kernels get fused."),
        ("nvidia.com/gpu", "Request the GPU with nvidia.com/gpu: 1 in the limits so the scheduler places the pod."),
        ("dvc.yaml", "I would declare each stage in dvc.yaml with its deps and outs so reruns are cached."),
        ("03:00", "I would move the job to 03:00 UTC, after the upstream export has landed."),
        ("severity: warn", "labels:\n  severity: warn\nso that it files a ticket instead of paging at night."),
    ],
)
def test_a_keyword_written_with_dots_or_colons_matches_the_same_text_in_an_answer(keyword: str, answer: str) -> None:
    question = make_question({"text": "Uses the right setting", "keywords": [keyword]})
    assert grade_answer(question, answer).points[0].status == "covered"


def test_a_keyword_across_a_clause_break_needs_the_same_break_in_the_answer() -> None:
    question = make_question({"text": "Makes the alert a warning", "keywords": ["severity: warn"]})
    answer = "Set the severity warn label on it, so that nobody is paged at night."
    assert grade_answer(question, answer).points[0].status == "missed"
