"""Whether an answer "may be thin" rests on what it says, not on the clock; word counts say what they count."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.helpers import played_session
from tui_interview.domain.grading.delivery import THIN_CONTENT_WORDS_PER_MINUTE, delivery, thin_limit
from tui_interview.domain.grading.star import star_analysis
from tui_interview.domain.grading.text import words_in
from tui_interview.domain.reporting.feedback import delivery_lines, star_lines, times
from tui_interview.domain.reporting.report import build_report
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.vocabulary import TurnKind

FIRST_PART = (
    "I would start by checking whether the drop lines up with the release: compare conversion per model version "
    "on the dashboard, then look at the feature pipeline for that day. If the new model is the cause I roll back "
    "through the registry alias, keep the old version serving, and open an incident so that the team knows. "
    "Then I compare the offline metrics with what we see online."
)
SECOND_PART = (
    "A feature that is 30% null online but never null in training is training-serving skew: the online join "
    "misses late rows. I would backfill the feature store, add a null-rate alert per feature, and block the "
    "rollout until the rate matches the training data again, with a shadow test before any new release."
)


def thin(notes: tuple[str, ...]) -> bool:
    return any("may be thin" in note for note in notes)


def test_a_129_word_two_part_answer_typed_fast_is_not_thin() -> None:
    """The review's case: 129 words in two parts, typed in a tenth of the suggested time."""
    answer = f"{FIRST_PART}\n{SECOND_PART}"
    assert words_in(answer) > 100
    figures = delivery(answer, seconds=54, suggested_minutes=10, status="answered", later_parts=["step"])
    assert figures.time_ratio < 0.1
    assert not thin(figures.notes)


def test_an_answer_with_few_content_words_for_the_question_size_is_thin_however_long_it_took() -> None:
    answer = "I think I would look at it and then we would see what it is and fix it."
    figures = delivery(answer, seconds=600, suggested_minutes=10, status="answered")
    assert figures.content_words < thin_limit(10)
    note = next(note for note in figures.notes if "may be thin" in note)
    assert f"Only {figures.content_words} content words" in note
    assert f"a question of 10 minutes calls for at least {thin_limit(10)}" in note


def test_the_thin_line_grows_with_the_question_and_is_defined_once() -> None:
    assert thin_limit(5) == pytest.approx(5 * THIN_CONTENT_WORDS_PER_MINUTE)
    assert thin_limit(2) < thin_limit(5) < thin_limit(12)
    words = " ".join(f"metric{i}" for i in range(thin_limit(5)))
    assert not thin(delivery(words, seconds=10, suggested_minutes=5, status="answered").notes)
    fewer = " ".join(f"metric{i}" for i in range(thin_limit(5) - 1))
    assert thin(delivery(fewer, seconds=10, suggested_minutes=5, status="answered").notes)


@pytest.mark.parametrize("status", ["skipped", "time_up", "not_reached"])
def test_only_answered_questions_are_called_thin(status: str) -> None:
    assert not thin(delivery("Roll back.", seconds=5, suggested_minutes=5, status=status).notes)


def test_delivery_counts_words_as_the_answer_box_does() -> None:
    answer = "p99 at 1,200 rps — roll-back via `alias` (no rebuild)"
    assert delivery(answer, seconds=30, suggested_minutes=5, status="answered").words == words_in(answer)


@pytest.mark.parametrize(
    ("later_parts", "counted"),
    [
        ([], "the first answer"),
        (["follow_up"], "the first answer and its follow-up"),
        (["step", "step"], "the first answer and 2 scenario steps"),
        (["step", "follow_up"], "the first answer, its scenario step and its follow-up"),
    ],
)
def test_the_delivery_line_says_what_its_word_count_counts(later_parts: list[TurnKind], counted: str) -> None:
    figures = delivery("Roll back first. " * 20, 60, 5, "answered", later_parts=later_parts)
    assert figures.counted == counted
    line = delivery_lines(figures)[0]
    assert line.startswith(f"Delivery: 60 words in all ({counted})," if later_parts else "Delivery: 60 words,")


def test_the_report_word_counts_agree_and_say_which_part_they_count(tmp_path: Path) -> None:
    loop = played_session(SessionStore(tmp_path), itertools.repeat(FIRST_PART), stages=["scenario"])
    question = build_report(loop.record, loop.pack).stages[0].questions[0]
    assert question.turns, "the test pack's scenario has a step"
    assert question.words_label == f"{words_in(FIRST_PART)} words in the first answer"
    assert question.delivery is not None
    assert question.delivery.words == sum(words_in(text) for text in loop.record.stages[0].answers[0].texts)
    assert "in all (the first answer and its scenario step)" in delivery_lines(question.delivery)[0]


@pytest.mark.parametrize(("count", "said"), [(0, "0 times"), (1, "once"), (2, "twice"), (3, "3 times")])
def test_how_often_reads_as_english(count: int, said: str) -> None:
    assert times(count) == said


def test_the_star_line_says_once_not_1_times() -> None:
    lines = star_lines(star_analysis("I fixed the pipeline. We shipped it and we measured a 20% drop in errors."))
    assert '"I" once, "we" twice' in lines
