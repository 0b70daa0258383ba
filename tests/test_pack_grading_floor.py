"""Whole-pack floors for the offline grader: answers without understanding score low on every shipped question,
and the STAR check and the talking points never contradict each other."""

from __future__ import annotations

from functools import cache

import pytest

from tui_interview.domain.authoring.answers import STAR_FILLERS, TRIVIAL_SCORE_LIMIT
from tui_interview.domain.bank.pack import Pack, Question, load_pack
from tui_interview.domain.grading.grade import grade_answer
from tui_interview.domain.grading.star import aspect_verdict, point_aspect, star_analysis
from tui_interview.domain.locations import default_pack_dir

FLOOR = TRIVIAL_SCORE_LIMIT


@cache
def shipped() -> Pack:
    return load_pack(default_pack_dir())


def questions() -> tuple[Question, ...]:
    return shipped().questions


def behavioral() -> tuple[Question, ...]:
    return tuple(q for q in questions() if q.kind == "behavioral")


def over_floor(answers: dict[str, str]) -> list[tuple[str, float]]:
    scores = ((qid, grade_answer(shipped().by_id[qid], text).score) for qid, text in answers.items())
    return [(qid, round(score, 2)) for qid, score in scores if score > FLOOR]


def test_every_question_s_own_prompt_as_the_answer_scores_at_most_the_floor() -> None:
    assert over_floor({q.id: q.prompt for q in questions()}) == []


def test_a_comma_separated_list_of_each_question_s_keywords_scores_at_most_the_floor() -> None:
    answers = {q.id: ", ".join(k for p in q.all_points for k in p.keywords) for q in questions()}
    assert over_floor(answers) == []


def test_the_keywords_as_one_sentence_per_point_still_read_as_lists() -> None:
    answers = {q.id: " ".join(", ".join(p.keywords) + "." for p in q.all_points) for q in questions()}
    assert over_floor(answers) == []


@pytest.mark.parametrize("filler", STAR_FILLERS)
def test_a_generic_star_filler_paragraph_scores_at_most_the_floor_on_every_behavioral_question(filler: str) -> None:
    assert len(behavioral()) >= 30
    assert over_floor({q.id: filler for q in behavioral()}) == []


def test_the_prompt_followed_by_the_keywords_scores_at_most_the_floor() -> None:
    answers = {q.id: q.prompt + "\n\n" + ", ".join(k for p in q.points for k in p.keywords) for q in questions()}
    assert over_floor(answers) == []


def test_no_model_answer_of_the_pack_reads_as_a_list_of_terms() -> None:
    stuffed = [q.id for q in questions() if q.model_answer and grade_answer(q, q.model_answer).notes]
    assert stuffed == []


# STAR and talking points agree --------------------------------------------------------------------------------


STORIES = (
    *STAR_FILLERS,
    "At my last job our fraud model started declining good payments on a Friday evening. I was on call. "
    "I rolled back the alias to the previous version and I wrote the postmortem. As a result, false declines "
    "dropped by 40% within 25 minutes and the issue hasn't recurred.",
    "We had a flaky Airflow DAG that failed every night. We looked at it together, we rewrote the sensors and "
    "we added retries. We were happy with it.",
    "I rewrote the feature pipeline in Spark and I moved the joins to point-in-time lookups. It took me three "
    "weeks of evenings.",
)


@pytest.mark.parametrize("story", STORIES)
def test_star_and_talking_points_never_contradict_each_other(story: str) -> None:
    star = star_analysis(story)
    checked = 0
    for question in behavioral():
        grade = grade_answer(question, story)
        for point, result in zip(question.all_points, grade.points, strict=True):
            aspect = point_aspect(point.text)
            if aspect is None:
                continue
            checked += 1
            verdict = aspect_verdict(aspect, story, star)
            if aspect == "measured_result":
                assert result.covered == star.measurable_result, (question.id, point.text)
            elif aspect == "result" and result.covered:
                assert "result" in star.present, (question.id, point.text)
            elif aspect == "own_actions" and result.covered:
                assert verdict.allows, (question.id, point.text)
                assert not (star.we_count > star.i_count and star.we_count >= 3)
    assert checked > 0


def test_a_measured_result_point_is_covered_by_the_figure_the_star_check_found() -> None:
    question = next(q for q in behavioral() if any(point_aspect(p.text) == "measured_result" for p in q.points))
    number = next(n for n, p in enumerate(question.all_points) if point_aspect(p.text) == "measured_result")
    story = STORIES[4]
    result = grade_answer(question, story).points[number]
    assert result.covered
    assert result.evidence is not None
    assert "40%" in result.evidence.text
    no_figure = "I spent 40 minutes reading the logs. In the end it was fixed and the team was relieved."
    assert star_analysis(no_figure).measurable_result is False
    missed = grade_answer(question, no_figure).points[number]
    assert not missed.covered
    assert missed.reason is not None
    assert "STAR check" in missed.reason
