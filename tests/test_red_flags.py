"""Red flags: known wrong claims in the pack format, validated by the models, found only when asserted, and
withholding credit from the point they contradict."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from tui_interview.domain.bank.pack import Question, load_pack
from tui_interview.domain.bank.problems import PackError
from tui_interview.domain.grading.grade import grade_answer, grade_json
from tui_interview.domain.locations import default_pack_dir

PACK_TOML = (
    'id = "rf"\ntitle = "Red flags"\nrole = "MLOps Engineer"\n\n[[areas]]\nid = "pipelines"\ntitle = "Pipelines"\n'
)


def retrain_question(**flag: Any) -> Question:
    red_flag: dict[str, Any] = {
        "text": "Retrains automatically on every drift alert",
        "keywords": ["retrain on every alert", "retrain whenever drift"],
        "why": "Drift often leaves accuracy unchanged; retraining on broken data makes things worse.",
        "contradicts": 1,
    }
    red_flag.update(flag)
    return Question.model_validate(
        {
            "id": "pipelines-retrain-policy",
            "area": "pipelines",
            "kind": "tradeoff",
            "level": "mid",
            "minutes": 6,
            "prompt": "A two-person team owns a categorisation model. How should they decide when to retrain?",
            "points": [
                {
                    "text": "Compares against the champion before promoting",
                    "keywords": ["champion", "beat the current"],
                },
                {"text": "Treats drift as an alert to investigate", "keywords": ["alert only", "investigate first"]},
            ],
            "red_flags": [red_flag],
        }
    )


QUESTION = retrain_question()


# The format ---------------------------------------------------------------------------------------------------


def test_a_red_flag_needs_text_keywords_and_why_and_nothing_else() -> None:
    assert QUESTION.red_flags[0].contradicts == 1
    with pytest.raises(ValidationError, match="keywords"):
        retrain_question(keywords=[])
    with pytest.raises(ValidationError, match="why"):
        retrain_question(why="")
    with pytest.raises(ValidationError, match="severity"):
        retrain_question(severity="high")
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        retrain_question(contradicts=-1)
    assert retrain_question(contradicts=None).red_flags[0].contradicts is None


def test_contradicts_must_name_one_of_the_question_s_points(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"red_flags\.0\.contradicts is 2, but the question's points are"):
        retrain_question(contradicts=2)
    (tmp_path / "pack.toml").write_text(PACK_TOML, encoding="utf-8")
    (tmp_path / "pipelines.toml").write_text(
        """[[questions]]
id = "pipelines-retrain"
area = "pipelines"
kind = "tradeoff"
level = "mid"
minutes = 5
prompt = "When should a model be retrained?"

[[questions.points]]
text = "Gates every retrain"
keywords = ["validation gate"]

[[questions.red_flags]]
text = "Retrains on every alert"
keywords = ["retrain on every alert"]
why = "Drift does not always hurt accuracy."
contradicts = 4
""",
        encoding="utf-8",
    )
    with pytest.raises(PackError) as raised:
        load_pack(tmp_path)
    [problem] = raised.value.problems
    assert problem.question == "pipelines-retrain"
    assert problem.field == "red_flags"
    assert "red_flags.0.contradicts is 4, but the question's points are numbered 0 to 0" in problem.message


TECHNICAL_AREAS = ("pipelines", "serving", "tracking", "infrastructure", "llmops")


def test_every_technical_question_of_the_shipped_pack_has_red_flags_its_model_answer_never_raises() -> None:
    pack = load_pack(default_pack_dir())
    technical = [q for q in pack.questions if q.area in TECHNICAL_AREAS]
    assert len(technical) >= 275
    assert [q.id for q in technical if not q.red_flags] == []
    raised = [q.id for q in pack.questions if q.model_answer and grade_answer(q, q.model_answer).red_flags]
    assert raised == []


# Found only when asserted -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "I would retrain on every alert, so the model always sees fresh data.",
        "Just retrain on every alert and move on.",
        "Retrain whenever drift fires, automatically, and ship it.",
        "The simplest policy: retrain on every alert.",
    ],
)
def test_an_asserted_wrong_claim_is_found_and_quoted(answer: str) -> None:
    grade = grade_answer(QUESTION, answer)
    [flag] = grade.red_flags
    assert flag.index == 0
    assert flag.why.startswith("Drift often")
    assert answer[flag.match.start : flag.match.end] == flag.match.text
    assert answer[flag.evidence.start : flag.evidence.end] == flag.evidence.text
    assert flag.contradicts == 1


@pytest.mark.parametrize(
    "answer",
    [
        "You should NOT retrain on every alert.",
        "Never retrain on every alert; investigate first.",
        "I wouldn't retrain whenever drift shows up.",
        "Don't retrain on every alert: treat drift as an alert only.",
        "To avoid a retrain on every alert, add a cooldown.",
        "Instead of a retrain on every alert, compare with the champion.",
        "If you retrain on every alert, you burn compute and can ship a worse model.",
        "Should we retrain on every alert? No.",
        "Maybe retrain whenever drift shows up, I guess.",
        "Some teams retrain on every alert, but for two people I'd start with a schedule and a gate.",
        "You'd think you should retrain on every alert, but drift often does not hurt accuracy.",
        "Retraining on every alert is overkill here.",
        "Retraining on every alert is a myth of MLOps blogs.",
        "Retrain on every alert, retrain whenever drift, champion, alert only.",
        "It looks like you should retrain on every alert, but drift often leaves accuracy alone.",
        "At first glance you should retrain on every alert, but the alerts are mostly noise.",
    ],
)
def test_a_negated_hedged_asked_attributed_or_dismissed_wrong_claim_is_not_found(answer: str) -> None:
    assert grade_answer(QUESTION, answer).red_flags == ()


STREAMING = retrain_question(
    text="Claims streaming shortens the total generation time",
    keywords=["streaming reduces total latency", "retrain on all alerts"],
    why="Streaming changes when tokens are seen, not how long generation takes.",
    contradicts=None,
)


@pytest.mark.parametrize(
    "answer",
    [
        "Total latency is reduced by streaming.",
        "With streaming the total latency is reduced a lot.",
        "Streaming the tokens reduces the total latency for users.",
    ],
)
def test_a_wrong_claim_of_three_words_or_more_is_found_in_any_word_order(answer: str) -> None:
    [flag] = grade_answer(STREAMING, answer).red_flags
    assert answer[flag.match.start : flag.match.end] == flag.match.text


@pytest.mark.parametrize(
    "answer",
    [
        "Streaming does not reduce the total latency; it only shows the first token sooner.",
        "Total latency stays the same with streaming, which reduces perceived wait only.",
        "Streaming reduces perceived wait. The total latency is the same.",  # not in one clause
        "Retrain on the alerts you have checked.",  # "all" is the claim: it must be there too
    ],
)
def test_word_order_is_free_but_the_words_must_share_a_clause_and_stay_unnegated(answer: str) -> None:
    assert grade_answer(STREAMING, answer).red_flags == ()


def test_a_red_flag_takes_the_credit_of_the_point_it_contradicts() -> None:
    answer = "Treat drift as an alert only, investigate first; then again I would retrain on every alert anyway."
    grade = grade_answer(QUESTION, answer)
    assert grade.red_flags
    contradicted = grade.points[1]
    assert contradicted.status == "missed"
    assert contradicted.reason is not None
    assert contradicted.reason.startswith("contradicted by a wrong claim")
    assert contradicted.rejected
    assert grade_answer(QUESTION, "Treat drift as an alert only and investigate first.").points[1].covered


def test_a_red_flag_without_contradicts_only_reports_the_claim() -> None:
    question = retrain_question(contradicts=None)
    grade = grade_answer(question, "I'd retrain on every alert. It must beat the champion on a holdout set.")
    assert [flag.contradicts for flag in grade.red_flags] == [None]
    assert grade.points[0].covered


def test_a_point_s_keyword_inside_a_wrong_claim_earns_nothing_for_any_point() -> None:
    question = retrain_question(keywords=["retrain until it beats the champion"], contradicts=None)
    grade = grade_answer(question, "Just retrain until it beats the champion, however long that takes.")
    assert grade.red_flags
    champion = grade.points[0]
    assert not champion.covered
    assert champion.rejected[0].reason.startswith("part of a wrong claim")


def test_not_before_a_word_of_the_wrong_claim_denies_it() -> None:
    question = retrain_question(keywords=["deleting from the table is enough"], contradicts=None)
    assert grade_answer(question, "Deleting from the table is enough.").red_flags
    for answer in ("Deleting from the table is not enough.", "Deleting from the table isn't enough, snapshots stay."):
        assert grade_answer(question, answer).red_flags == (), answer


def test_red_flags_map_to_the_points_graded() -> None:
    answer = "Investigate first, then I'd retrain on every alert."
    only_second = grade_answer(QUESTION, answer, points=QUESTION.all_points[1:])
    assert [flag.contradicts for flag in only_second.red_flags] == [0]
    only_first = grade_answer(QUESTION, answer, points=QUESTION.all_points[:1])
    assert [flag.contradicts for flag in only_first.red_flags] == [None]


def test_grade_json_lists_red_flags_and_notes() -> None:
    grade = grade_answer(QUESTION, "I would retrain on every alert.")
    summary = grade_json(QUESTION, grade)
    [flag] = summary["red_flags"]
    assert flag["text"] == "Retrains automatically on every drift alert"
    assert flag["contradicts"] == 1
    assert flag["matched"] == "retrain on every alert"
    assert flag["evidence"]["text"] == "I would retrain on every alert."
    assert summary["notes"] == []


# The shipped red flags -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question_id", "wrong", "right"),
    [
        (
            "serving-latency-percentiles-measurement",
            "I'd just average the p99 of each pod to get the fleet p99.",
            "You can't take the average of percentiles; sum the histogram buckets by le first.",
        ),
        (
            "infrastructure-ddp-mechanics",
            "DDP shards the model across the 16 GPUs so each holds a slice.",
            "DDP doesn't shard anything: each rank has a full replica; FSDP shards the parameters.",
        ),
        (
            "tracking-trend-llm-inference-determinism",
            "Temperature 0 is deterministic, so the diffs must be a bug in our harness.",
            "People assume greedy decoding is deterministic; under dynamic batching it is not.",
        ),
        (
            "serving-scn-registry-alias-rollback",
            "I'd keep version 12 serving and debug it live to find the bug fast.",
            "I would not debug it in production; I'd move the alias back to version 11 first.",
        ),
        (
            "pipelines-tradeoff-schedule-vs-drift-retrain",
            "I would retrain on every alert from the drift monitor to keep it fresh.",
            "You should not retrain on every alert: drift is an alert only, investigate first.",
        ),
    ],
)
def test_shipped_red_flags_fire_on_the_wrong_claim_only(question_id: str, wrong: str, right: str) -> None:
    question = load_pack(default_pack_dir()).by_id[question_id]
    found = grade_answer(question, wrong).red_flags
    assert found
    contradicted = found[0].contradicts
    if contradicted is not None:
        assert not grade_answer(question, wrong).points[contradicted].covered
    assert grade_answer(question, right).red_flags == ()
