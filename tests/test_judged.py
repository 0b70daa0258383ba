"""Merging the offline grade with the LLM judge's verdict: the judge decides unless the offline rules veto it."""

from __future__ import annotations

from typing import Any

import pytest

from tui_interview.domain.bank.pack import Question
from tui_interview.domain.grading.grade import grade_answer, grade_json
from tui_interview.domain.grading.judge import JudgeStatus, JudgeVerdict, PointVerdict, RedFlagVerdict
from tui_interview.domain.grading.judged import JudgedGrade, judged_json, merge_verdict, offline_only

MODEL = "tiny-judge:1b"

QUESTION = Question.model_validate(
    {
        "id": "serving-canary-drop",
        "area": "serving",
        "kind": "technical",
        "level": "mid",
        "minutes": 5,
        "prompt": "Conversion in a canary dropped. What do you do?",
        "points": [
            {
                "text": "Stops the rollout and sets a rollback criterion",
                "keywords": ["pause the rollout", "rollback criterion"],
            },
            {"text": "Compares online features with training", "keywords": ["feature distributions"]},
            {"text": "Rolls back by moving the registry alias", "keywords": ["registry alias"]},
        ],
        "red_flags": [
            {
                "text": "Widen the canary to get significance faster",
                "keywords": ["widen the canary"],
                "why": "more users see the bad model",
            },
            {
                "text": "Offline NDCG proves the model is better",
                "keywords": ["ndcg proves"],
                "why": "offline metrics miss online effects",
                "contradicts": 1,
            },
        ],
    }
)

NEGATED = (
    "I would not pause the rollout. I'd compare the feature distributions between training and serving, "
    "feature by feature, to find the skew."
)
PARAPHRASE = (
    "I would freeze the rollout right away. Then I'd move the registry alias back to the old version so the "
    "rollback is instant."
)


def said(answer: str, status: JudgeStatus, quote: str = "", reason: str = "judged", index: int = 0) -> PointVerdict:
    """A verdict on one point as the judge module makes it: a quote located in the answer, or none."""
    if not quote:
        return PointVerdict(index, status, reason=reason)
    start = answer.index(quote)
    return PointVerdict(index, status, quote, start, start + len(quote), reason)


def verdict(*points: PointVerdict, red_flags: tuple[RedFlagVerdict, ...] = ()) -> JudgeVerdict:
    return JudgeVerdict(MODEL, tuple(replace_index(point, n) for n, point in enumerate(points)), red_flags)


def replace_index(point: PointVerdict, index: int) -> PointVerdict:
    return PointVerdict(index, point.status, point.quote, point.start, point.end, point.reason, point.discarded_quote)


def merged(answer: str, judged: JudgeVerdict) -> JudgedGrade:
    return merge_verdict(QUESTION, answer, grade_answer(QUESTION, answer), judged)


# The judge decides ---------------------------------------------------------------------------------------


def test_the_judge_credits_a_paraphrase_the_keywords_missed() -> None:
    quote = "I would freeze the rollout right away."
    result = merged(
        PARAPHRASE,
        verdict(
            said(PARAPHRASE, "covered", quote, "stops the rollout in other words"),
            said(PARAPHRASE, "missed", reason="no feature comparison"),
            said(PARAPHRASE, "covered", "move the registry alias back to the old version"),
        ),
    )
    first, second, third = result.grade.points
    assert result.offline.points[0].status == "missed"
    assert first.status == "covered"
    assert first.decided_by == "judge"
    assert first.evidence is not None
    assert PARAPHRASE[first.evidence.start : first.evidence.end] == first.evidence.text == quote
    assert first.reason == "stops the rollout in other words"
    assert second.status == "missed"
    assert second.decided_by == "judge"
    assert third.status == "covered"
    assert third.decided_by == "judge"
    assert third.matched_keywords == ("registry alias",)  # offline matches kept for highlighting
    assert result.graded_by == "judge"
    assert result.judge_error is None
    assert result.grade.score == pytest.approx(2 / 3)
    assert "LLM judge tiny-judge:1b" in result.graded_by_text


def test_the_judge_can_withdraw_credit_the_keywords_gave() -> None:
    result = merged(
        PARAPHRASE,
        verdict(
            said(PARAPHRASE, "covered", "I would freeze the rollout right away."),
            said(PARAPHRASE, "missed"),
            said(PARAPHRASE, "missed", reason="moving an alias is not explained"),
        ),
    )
    third = result.grade.points[2]
    assert result.offline.points[2].status == "covered"
    assert third.status == "missed"
    assert third.decided_by == "judge"
    assert third.matches == ()
    assert third.evidence is None
    assert [r.match.keyword for r in third.rejected] == ["registry alias"]
    assert third.rejected[0].reason == "moving an alias is not explained"


# The offline rules veto ----------------------------------------------------------------------------------


def test_judge_credit_for_a_negated_mention_is_vetoed() -> None:
    result = merged(
        NEGATED,
        verdict(
            said(NEGATED, "covered", "I would not pause the rollout.", "mentions pausing the rollout"),
            said(NEGATED, "covered", "compare the feature distributions between training and serving"),
            said(NEGATED, "missed"),
        ),
    )
    first, second, _ = result.grade.points
    assert first.status == "missed"
    assert first.decided_by == "grader"
    assert first.reason == "negated: 'not pause the rollout' (overrules the judge, which said covered)"
    assert first.evidence is None
    assert second.status == "covered"
    assert second.decided_by == "judge"
    assert result.grade.score == pytest.approx(1 / 3)


def test_a_possible_from_the_judge_on_a_rejected_mention_is_vetoed_too() -> None:
    result = merged(
        NEGATED,
        verdict(said(NEGATED, "possible", "not pause the rollout"), said(NEGATED, "missed"), said(NEGATED, "missed")),
    )
    assert result.grade.points[0].status == "missed"
    assert result.grade.points[0].decided_by == "grader"


def test_a_wrong_claim_that_contradicts_a_point_leaves_it_missed_whatever_the_judge_says() -> None:
    answer = "Offline NDCG proves the model is better. I'd compare feature distributions of the two."
    result = merged(
        answer,
        verdict(
            said(answer, "missed"), said(answer, "covered", "I'd compare feature distributions"), said(answer, "missed")
        ),
    )
    second = result.grade.points[1]
    assert second.status == "missed"
    assert second.decided_by == "grader"
    assert second.reason is not None
    assert second.reason.startswith("contradicted by a wrong claim")


def test_a_red_flag_only_the_judge_found_withdraws_the_point_it_contradicts() -> None:
    answer = "I'd compare feature distributions of the two. The offline ranking gain settles it for me."
    quote = "The offline ranking gain settles it for me."
    start = answer.index(quote)
    flag = RedFlagVerdict(1, quote, start, start + len(quote), "claims offline metrics decide")
    result = merged(
        answer,
        verdict(
            said(answer, "missed"),
            said(answer, "covered", "I'd compare feature distributions"),
            said(answer, "missed"),
            red_flags=(flag,),
        ),
    )
    assert result.offline.red_flags == ()
    [found] = result.grade.red_flags
    assert found.index == 1
    assert found.why == "offline metrics miss online effects"
    assert found.evidence.text == quote
    assert result.flags_found_by == ("judge",)
    second = result.grade.points[1]
    assert second.status == "missed"
    assert second.decided_by == "judge"
    assert second.reason == f"contradicted by a wrong claim: {quote!r} (Offline NDCG proves the model is better)"


def test_red_flags_are_the_union_of_both_each_once_and_only_with_a_real_quote() -> None:
    answer = "Offline NDCG proves the model is better, so I would widen the canary to get significance faster."
    quote = "widen the canary"
    start = answer.index(quote)
    flags = (
        RedFlagVerdict(0, quote, start, start + len(quote)),  # the offline grader found it too
        RedFlagVerdict(1, "a quote that is not there", 0, 25),  # offsets that do not hold the quote
    )
    result = merged(answer, verdict(*[said(answer, "missed")] * 3, red_flags=flags))
    assert [flag.index for flag in result.grade.red_flags] == [0, 1]
    assert result.flags_found_by == ("both", "grader")


# No evidence, no credit -------------------------------------------------------------------------------------


def test_a_hallucinated_quote_earns_no_credit() -> None:
    # judge.py turns a covered verdict with a made-up quote into possible, without a quote
    made_up = PointVerdict(0, "possible", reason="stops the rollout", discarded_quote="I would halt the canary")
    result = merged(PARAPHRASE, verdict(made_up, said(PARAPHRASE, "missed"), said(PARAPHRASE, "missed")))
    first = result.grade.points[0]
    assert first.status == "possible"
    assert not first.covered
    assert first.evidence is None
    assert first.reason == "the judge's quote is not in the answer: 'I would halt the canary'; stops the rollout"
    assert result.grade.score == 0


def test_a_covered_verdict_whose_offsets_do_not_hold_its_quote_is_only_possible() -> None:
    # as a tampered cache file could say: the quote is not at the offsets given
    tampered = PointVerdict(0, "covered", "I would halt the canary", 0, 23, "stops the rollout")
    result = merged(PARAPHRASE, verdict(tampered, said(PARAPHRASE, "missed"), said(PARAPHRASE, "missed")))
    assert result.grade.points[0].status == "possible"
    assert result.grade.points[0].evidence is None


# The judge failed -----------------------------------------------------------------------------------------


def test_when_the_judge_errs_the_offline_grade_stands_with_a_note() -> None:
    offline = grade_answer(QUESTION, NEGATED)
    result = merge_verdict(QUESTION, NEGATED, offline, JudgeVerdict(MODEL, error="the judge did not answer in 5 s"))
    assert result.grade.points == offline.points
    assert all(point.decided_by == "grader" for point in result.grade.points)
    assert (
        result.grade.notes[-1]
        == "the LLM judge could not be used (the judge did not answer in 5 s); the offline grade stands"
    )
    assert result.graded_by == "grader"
    assert result.judge_error == "the judge did not answer in 5 s"
    assert result.graded_by_text == "offline grader (the LLM judge could not be used)"


def test_a_verdict_that_does_not_fit_the_question_is_not_merged() -> None:
    offline = grade_answer(QUESTION, PARAPHRASE)
    result = merge_verdict(QUESTION, PARAPHRASE, offline, verdict(said(PARAPHRASE, "covered", "freeze the rollout")))
    assert result.grade.points == offline.points
    assert result.graded_by == "grader"
    assert result.judge_error == "the verdict has 1 point(s) for 3"


def test_without_a_verdict_the_offline_grade_is_final() -> None:
    offline = grade_answer(QUESTION, PARAPHRASE)
    result = merge_verdict(QUESTION, PARAPHRASE, offline, None)
    assert result == offline_only(offline)
    assert result.grade is offline
    assert result.graded_by_text == "offline grader"


# JSON ----------------------------------------------------------------------------------------------------


def test_judged_json_is_grade_json_plus_who_decided() -> None:
    answer = "Offline NDCG proves the model is better. I would freeze the rollout right away."
    result = merged(
        answer,
        verdict(said(answer, "covered", "I would freeze the rollout right away."), *[said(answer, "missed")] * 2),
    )
    data: dict[str, Any] = judged_json(QUESTION, result)
    plain = grade_json(QUESTION, result.grade)
    assert set(data) - set(plain) == {"graded_by", "judge"}
    assert all(data[key] == plain[key] for key in ("question", "coverage", "notes"))
    assert data["graded_by"] == "judge"
    assert data["judge"] == {"model": MODEL, "cached": False, "error": None, "offline_coverage": 0.0}
    assert [p["decided_by"] for p in data["points"]] == ["judge", "grader", "judge"]
    assert [p["status"] for p in data["points"]] == ["covered", "missed", "missed"]
    assert data["red_flags"][0]["found_by"] == "grader"
    assert all(set(p) - set(q) == {"decided_by"} for p, q in zip(data["points"], plain["points"], strict=True))
    assert all(set(f) - set(g) == {"found_by"} for f, g in zip(data["red_flags"], plain["red_flags"], strict=True))

    offline_data = judged_json(QUESTION, offline_only(grade_answer(QUESTION, answer)))
    assert offline_data["graded_by"] == "grader"
    assert offline_data["judge"] is None
