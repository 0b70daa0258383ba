"""The scope of dismissal, negation, contrast, hedges, lists and stuffing: each rule tried with phrasings written
for these tests (not taken from any labelled answer), and the cases each rule must leave alone."""

from __future__ import annotations

from typing import Any

import pytest

from tui_interview.domain.bank.pack import Question
from tui_interview.domain.grading.claims import analyse
from tui_interview.domain.grading.credit import STUFFING_NOTE
from tui_interview.domain.grading.grade import grade_answer
from tui_interview.domain.grading.results import PointResult
from tui_interview.domain.grading.text import tokenise

PROMPT = "How would you release a new model version safely?"


def question(*points: dict[str, Any], prompt: str = PROMPT, flags: list[dict[str, Any]] | None = None) -> Question:
    return Question.model_validate(
        {
            "id": "scope-question",
            "area": "serving",
            "kind": "technical",
            "level": "mid",
            "minutes": 5,
            "prompt": prompt,
            "points": list(points),
            "red_flags": flags or [],
        }
    )


def point(text: str, *keywords: str) -> dict[str, Any]:
    return {"text": text, "keywords": list(keywords)}


CANARY = question(point("Limits the blast radius with a canary", "canary", "blast radius"))


def canary(answer: str) -> PointResult:
    return grade_answer(CANARY, answer).points[0]


# Dismissal reaches back over a long subject -----------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "The whole business of canary analysis and staged percentages is overblown for an internal tool.",
        "Setting up a canary with automated analysis would just slow the team down.",
        "Honestly, a canary on top of manual sign-off is more than we need here.",
        "I think the fuss about canary stages and traffic splits is exaggerated.",
    ],
)
def test_a_mention_inside_a_subject_the_clause_dismisses_earns_nothing(answer: str) -> None:
    result = canary(answer)
    assert result.status == "missed"
    assert "dismissed" in (result.reason or "")


@pytest.mark.parametrize(
    "answer",
    [
        "We keep every canary result in a table and the storage cost is negligible.",
        "I'd run a canary for two hours, and the extra latency it adds is negligible.",
    ],
)
def test_a_dismissal_of_another_subject_leaves_the_mention_alone(answer: str) -> None:
    assert canary(answer).status == "covered"


@pytest.mark.parametrize(
    "answer",
    [
        "A canary here is more fuss than it deserves.",
        "For a tool this small a canary is a formality.",
        "A canary stage would get in the way.",
        "Canaries are box ticking for a four-person team.",
    ],
)
def test_dismissive_words_of_everyday_english_dismiss(answer: str) -> None:
    assert canary(answer).status == "missed"


# Negation: a negated predicate, and double negatives --------------------------------------------------------


def test_a_subject_whose_predicate_denies_the_point_is_denied_with_it() -> None:
    result = canary("A canary doesn't shrink the blast radius at all in my experience.")
    assert result.status == "missed"
    assert any("said not to" in rejection.reason for rejection in result.rejected)


def test_a_negated_predicate_about_something_else_keeps_the_subject() -> None:
    assert canary("A canary doesn't catch every regression, so I'd watch it for a full day.").status == "covered"


@pytest.mark.parametrize(
    "answer",
    [
        "A canary is not optional for this service.",
        "For payments a canary is no longer optional.",
        "You can't go wrong with a canary at 5%.",
        "It never hurts to run a canary first.",
        "A canary isn't overkill here, it's the minimum.",
        "A canary is not a mistake even for small teams.",
        "Skipping the canary would be reckless.",
        "Going without a canary is asking for trouble.",
    ],
)
def test_a_negated_negative_affirms(answer: str) -> None:
    assert canary(answer).status == "covered"


@pytest.mark.parametrize(
    "answer",
    ["A canary is not needed here.", "Skipping the canary is fine for an internal tool.", "I would not use a canary."],
)
def test_a_plain_negation_still_negates(answer: str) -> None:
    assert canary(answer).status == "missed"


# "instead" replaces what came before, not its own clause -----------------------------------------------------


def test_a_trailing_instead_keeps_the_mention_of_its_own_clause() -> None:
    answer = "For the nightly job nobody is waiting, so I'd judge it by the canary instead."
    assert canary(answer).status == "covered"


@pytest.mark.parametrize(
    "answer",
    [
        "Teams usually start with a canary; I'd ship behind a feature flag instead.",
        "Most teams go with a canary. I'd push to everyone and roll back instead.",
    ],
)
def test_a_trailing_instead_still_replaces_what_others_do(answer: str) -> None:
    assert canary(answer).status != "covered"


def test_a_dotted_name_does_not_end_a_sentence() -> None:
    text = "Set hydra.job.chdir to false. Then rerun it."
    assert len(analyse(text, tokenise(text)).sentences) == 2


# Attribution and hedges ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "A lot of advice says start with a canary.",
        "The textbook fix is a canary, but I find that overblown.",
        "The documented fixes are a canary or a shadow.",
    ],
)
def test_what_the_books_say_is_not_the_candidate_s_claim(answer: str) -> None:
    assert canary(answer).status != "covered"


@pytest.mark.parametrize(
    "answer",
    [
        "My gut says a canary, but I could be off.",
        "Not too sure, but a canary maybe.",
        "A canary, I think, but don't quote me.",
        "I reckon a canary might help.",
    ],
)
def test_hedged_mentions_are_only_possible(answer: str) -> None:
    assert canary(answer).status == "possible"


def test_a_hypothesis_to_check_is_a_claim() -> None:
    assert canary("My guess is the canary stage, so I'd check its logs first.").status == "covered"


# Lists of names ---------------------------------------------------------------------------------------------


FIVE = question(
    point("Canary", "canary"),
    point("Shadow", "shadow traffic"),
    point("Flags", "feature flags"),
    point("Rollback", "automated rollback"),
    point("Budget", "error budget"),
)


@pytest.mark.parametrize(
    "answer",
    [
        "Tools I know: canary, shadow traffic, feature flags.",
        "We had a canary, shadow traffic, feature flags and an error budget.",
        "I'm familiar with canary stages, shadow traffic, feature flags and error budgets.",
    ],
)
def test_a_list_of_names_after_a_report_of_experience_earns_nothing(answer: str) -> None:
    assert grade_answer(FIVE, answer).score == 0


def test_a_plan_introduced_by_a_colon_is_an_answer() -> None:
    grade = grade_answer(FIVE, "I'd check three things: the canary, the error budget and the automated rollback.")
    assert [p.text for p in grade.covered] == ["Canary", "Rollback", "Budget"]


@pytest.mark.parametrize(
    "answer",
    [
        "canary shadow traffic feature flags automated rollback error budget",
        "Rollout plan canary shadow traffic then feature flags automated rollback error budget burn.",
    ],
)
def test_keywords_strung_together_read_as_a_list_of_terms(answer: str) -> None:
    grade = grade_answer(FIVE, answer)
    assert grade.score == 0
    assert STUFFING_NOTE in grade.notes


def test_points_the_answer_only_negates_do_not_count_as_stuffing() -> None:
    answer = "I wouldn't bother with a canary, no shadow traffic, no feature flags and no error budget."
    assert STUFFING_NOTE not in grade_answer(FIVE, answer).notes


# Echo --------------------------------------------------------------------------------------------------------


def test_repeating_a_word_of_one_s_own_does_not_outweigh_the_prompt_s_words() -> None:
    retrain = question(
        point("Schedule: simple and predictable", "fixed schedule"),
        prompt="Should the team retrain on a fixed schedule or when a drift monitor fires?",
    )
    answer = "On one hand there is the fixed schedule, on the other hand there is the drift monitor."
    assert not grade_answer(retrain, answer).points[0].covered


# Red flags ---------------------------------------------------------------------------------------------------


def test_a_red_flag_worded_with_a_negation_is_found_even_in_the_prompt_s_words() -> None:
    asking = question(
        point("Asks about the team", "team"),
        prompt="Do you have any questions for me?",
        flags=[
            {
                "text": "Has no questions",
                "keywords": ["no questions for you"],
                "why": "Asking shows interest and helps the candidate decide.",
            }
        ],
    )
    assert [flag.text for flag in grade_answer(asking, "No questions for you, thanks.").red_flags] == [
        "Has no questions"
    ]
    assert grade_answer(asking, "If I had no questions for you, I'd say so.").red_flags == ()
