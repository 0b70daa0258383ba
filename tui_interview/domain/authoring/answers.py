"""Answers that show nothing must score nothing: the question's own prompt, generic filler, a bare keyword list.

Each is graded with the offline grader (:func:`~tui_interview.domain.grading.grade.grade_answer`); a score above
:data:`TRIVIAL_SCORE_LIMIT` means the keywords credit an answer that does not make the points.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from tui_interview.domain.authoring.fields import point_fields
from tui_interview.domain.authoring.findings import Issue, Rule
from tui_interview.domain.bank.pack import Question
from tui_interview.domain.grading.grade import grade_answer
from tui_interview.domain.grading.results import Grade, PointResult
from tui_interview.domain.vocabulary import Kind

TRIVIAL_SCORE_LIMIT: Final = 0.25
"""The most an answer that shows no understanding may score on any question."""

STAR_FILLERS: Final = (
    "In my previous role I faced a challenging situation where a project was at risk. My task was to resolve it. "
    "I took ownership, communicated with all the stakeholders and worked closely with the team to implement a "
    "solution. As a result, the project was delivered successfully and everyone was happy. I learned a lot from "
    "this experience about communication and teamwork.",
    "At my last company we had a difficult problem with a deadline coming up. I was responsible for fixing it. "
    "I analysed the situation, I proposed a plan, I aligned everyone and I drove the execution. In the end we "
    "improved things by 30% and the customers were satisfied. Looking back, I would communicate even earlier.",
    "Situation: a critical system had issues. Task: I needed to make it better. Action: I investigated, "
    "collaborated with my manager and other teams, and made changes. Result: it worked out well and we saved a "
    "lot of time, about 20 hours a week.",
    "There was a time when things were not going well on my team. I stepped up, listened to everyone, "
    "prioritised what mattered most and kept people informed. We got through it together and the outcome was "
    "positive. Since then I always make sure to over-communicate and stay calm under pressure.",
)
"""Content-free stories in STAR shape, the same for every behavioral question."""

SCREEN_FILLERS: Final = (
    "I'm really passionate about this field and I think I would be a great fit. I'm a hard worker, a fast learner "
    "and a team player, and I'm excited about the opportunity to grow with your company, bring my experience to "
    "the team and take on new challenges. I'm open and flexible about the details.",
)
"""Generic recruiter-screen praise and enthusiasm that names nothing about the candidate or the company."""

TECHNICAL_FILLERS: Final = (
    "I would start by understanding the requirements and the constraints. Then I would monitor it closely, test "
    "it properly and follow best practices, making sure it is scalable, reliable and secure. I would also "
    "document everything, communicate with the team and keep improving it over time based on the metrics.",
)
"""An answer that would fit any technical question, and so answers none."""

PROMPT_SCORES: Final = Rule(
    "prompt-scores",
    "error",
    "the points credited by the prompt's own words need keywords that add what the prompt does not say",
)
FILLER_SCORES: Final = Rule(
    "filler-scores",
    "error",
    "replace generic keywords on the credited points with the specific claim, name or figure a real answer has",
)
KEYWORD_LIST_SCORES: Final = Rule(
    "keyword-list-scores",
    "error",
    "prefer keywords that are claims ('restart the pods') over bare terms that a list of names can match",
)


def fillers_for(kind: Kind) -> tuple[str, ...]:
    """The generic answers tried on a question of ``kind``."""
    if kind == "behavioral":
        return STAR_FILLERS
    if kind == "screen":
        return SCREEN_FILLERS
    return TECHNICAL_FILLERS


def keyword_list(question: Question) -> str:
    """Every keyword of the question's points, comma-separated, as a candidate reciting terms would type them."""
    return ", ".join(keyword for point in question.all_points for keyword in point.keywords)


def trivial_answer_issues(question: Question) -> Iterator[Issue]:
    """The prompt, the best-scoring generic filler and the keyword list, each when it scores above the limit."""
    prompt = grade_answer(question, question.prompt)
    if prompt.score > TRIVIAL_SCORE_LIMIT:
        yield _issue(PROMPT_SCORES, "prompt", "the question's own prompt, given as the answer,", question, prompt)
    filler, text = max(((grade_answer(question, text), text) for text in fillers_for(question.kind)), key=_score)
    if filler.score > TRIVIAL_SCORE_LIMIT:
        what = f"a generic {question.kind} answer that says nothing about this question ({_opening(text)!r})"
        yield _issue(FILLER_SCORES, "points", what, question, filler)
    listed = grade_answer(question, keyword_list(question))
    if listed.score > TRIVIAL_SCORE_LIMIT:
        yield _issue(KEYWORD_LIST_SCORES, "points", "a bare comma-separated list of its keywords", question, listed)


def _score(graded: tuple[Grade, str]) -> float:
    return graded[0].score


def _opening(text: str) -> str:
    return " ".join(text.split()[:6]) + " ..."


def _credited_by(point: PointResult) -> str:
    keywords = ", ".join(repr(keyword) for keyword in point.matched_keywords)
    return keywords or "the STAR check"


def _issue(rule: Rule, field: str, what: str, question: Question, grade: Grade) -> Issue:
    fields = point_fields(question)
    credited = "; ".join(f"{fields[point.index]} by {_credited_by(point)}" for point in grade.covered)
    message = f"{what} scores {grade.score:.2f} (limit {TRIVIAL_SCORE_LIMIT:.2f}): credited {credited}"
    return Issue(rule, field, message)
