"""Offline grading of a typed answer against a question's talking points.

Each :class:`~tui_interview.domain.bank.pack.Point` lists keywords that signal it. An answer covers a point when
one of those keywords appears in it, compared on word stems so inflections match ("rolled back" and "rollback",
"canaries" and "canary"), with these allowances:

* phrase variants: hyphen, space, slash or joined ("training-serving skew", "roll back" and "rollback"), one
  extra word between phrase words, articles and possessives ignored ("move the alias back" and
  "move my champion alias back"), British spellings ("-ise", "-our") and "99th percentile" written "p99";
* typos: words of six letters or more may differ by one edit (two from nine letters), keeping the first letter.

A keyword found in the answer still earns no credit when

* it is negated a few words before it in the same clause ("I would not use a canary", "never roll back",
  "without a canary", "instead of a canary"; two negations cancel, "if it doesn't fit" is a condition, and
  "but", "and", "so", "because" start a new clause) or dismissed right after it ("seeds don't matter",
  "X isn't needed", "X is overkill"). When the point's own text negates the keyword ("an out-of-time split
  instead of a random split") a negated mention is what the point asks for, so it is not checked;
* it is name-dropped in a bare list: a sentence that opens with four or more short items, none with a verb,
  pronoun, article or negation ("Canary, shadow, blue-green, feature flags."), in an answer that is mostly
  such lists;
* the whole answer is bare terms: under 12 % function words while keywords make up 30 % or more of it.

Every decision is explainable: a :class:`Grade` keeps, per point, the accepted matches with character offsets
into the original answer (for highlighting) and the rejected ones with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from tui_interview.domain.bank.pack import Point, Question
from tui_interview.domain.grading.credit import bare_answer_note, bare_lists, negation_reason, rejection_reason
from tui_interview.domain.grading.matching import (
    CompiledPoint,
    Found,
    PointKey,
    all_matches,
    compile_keyword,
    compile_points,
    index_answer,
    point_key,
)
from tui_interview.domain.grading.results import Grade, Match, PointResult, Rejection
from tui_interview.domain.grading.text import normalise_word, stem_word


@lru_cache(maxsize=1024)
def _keywords_negated_in_points(key: PointKey) -> frozenset[tuple[int, str]]:
    """(point number, keyword) pairs whose point text itself negates the keyword ("instead of a random split").

    For those a negated mention in the answer is what the point asks for, so negation is not checked.
    """
    matcher = compile_points(key)
    negated: set[tuple[int, str]] = set()
    for number, point in enumerate(matcher.points):
        indexed = index_answer(point.text, matcher)
        for found in all_matches(matcher, indexed):
            if found.point == number and negation_reason(indexed, found):
                negated.add((number, found.keyword.text))
    return frozenset(negated)


def grade_answer(question: Question, answer: str, points: Sequence[Point] | None = None) -> Grade:
    """Decide, for each talking point, whether ``answer`` covers it, and explain every decision.

    ``points`` defaults to ``question.all_points``: the question's points, then each scenario step's points.
    The score is the weighted share of points covered (see :attr:`Grade.score`).
    """
    chosen = list(question.all_points if points is None else points)
    key = point_key(chosen)
    matcher = compile_points(key)
    indexed = index_answer(answer, matcher)
    found = list(all_matches(matcher, indexed))
    bare_note = bare_answer_note(indexed, found)
    negated_in_point = _keywords_negated_in_points(key)
    lists = bare_lists(answer) if found else []

    def reason(item: Found) -> str | None:
        return bare_note or rejection_reason(indexed, item, lists, negated_in_point)

    results = tuple(
        _point_result(number, point, [item for item in found if item.point == number], reason)
        for number, point in enumerate(matcher.points)
    )
    return Grade(question.id, results, (bare_note,) if bare_note else ())


def _point_result(
    number: int, point: CompiledPoint, found: list[Found], reason: Callable[[Found], str | None]
) -> PointResult:
    accepted: list[Match] = []
    rejected: list[Rejection] = []
    for item in sorted(found, key=lambda item: item.match.start):
        why = reason(item)
        if why:
            rejected.append(Rejection(item.match, why))
        else:
            accepted.append(item.match)
    return PointResult(number, point.text, point.weight, bool(accepted), tuple(accepted), tuple(rejected))


def grade_texts(question: Question, texts: Sequence[str]) -> list[Grade]:
    """Grade each non-empty text typed for ``question``; an empty text gets an empty grade."""
    return [grade_answer(question, text) if text.strip() else Grade(question.id, ()) for text in texts]


def grade_json(question: Question, grade: Grade) -> dict[str, Any]:
    """A JSON-ready summary: question id, coverage from 0 to 1, and each point in pack order."""
    return {
        "question": question.id,
        "coverage": round(grade.score, 4),
        "points": [
            {"text": point.text, "covered": point.covered, "matched": list(point.matched_keywords)}
            for point in grade.points
        ],
    }


def clear_caches() -> None:
    """Forget compiled keywords and cached stems, for benchmarks measuring a cold start."""
    for cached in (_keywords_negated_in_points, compile_points, compile_keyword, stem_word, normalise_word):
        cached.cache_clear()
