"""``bank lint``: every authoring rule run over a loaded pack, each finding placed at its file and line.

The rules, in the order the summary lists them:

* keywords (:mod:`~tui_interview.domain.authoring.keywords`): ``common-keyword``, ``common-phrase``,
  ``duplicate-keyword``, ``echo-point``;
* trivial answers (:mod:`~tui_interview.domain.authoring.answers`): ``prompt-scores``, ``filler-scores``,
  ``keyword-list-scores``;
* across the pack (:mod:`~tui_interview.domain.authoring.similarity`): ``near-duplicate``;
* facts (:mod:`~tui_interview.domain.authoring.currency`): ``trends-without-fact``, ``dated-claim``;
* structure (:mod:`~tui_interview.domain.authoring.structure`): ``few-steps``, ``missing-red-flags``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Final

from tui_interview.domain.authoring import answers, currency, keywords, structure
from tui_interview.domain.authoring.findings import Finding, Issue, Rule, sorted_findings
from tui_interview.domain.authoring.similarity import MEANING_THRESHOLD, WORDING_THRESHOLD, SimilarPair, similar_pairs
from tui_interview.domain.authoring.source import QuestionSource, read_sources
from tui_interview.domain.bank.pack import Pack, Question
from tui_interview.domain.bank.stages import StageSpec

NEAR_DUPLICATE: Final = Rule(
    "near-duplicate",
    "warning",
    "merge the two questions, or give one another angle (a different decision, failure or constraint) so that one "
    "loop cannot ask the same thing twice",
)

RULES: Final = (
    keywords.COMMON_KEYWORD,
    keywords.COMMON_PHRASE,
    keywords.DUPLICATE_KEYWORD,
    keywords.ECHO_POINT,
    answers.PROMPT_SCORES,
    answers.FILLER_SCORES,
    answers.KEYWORD_LIST_SCORES,
    NEAR_DUPLICATE,
    currency.TRENDS_WITHOUT_FACT,
    currency.DATED_CLAIM,
    structure.FEW_STEPS,
    structure.MISSING_RED_FLAGS,
)


def lint_pack(pack: Pack, stages: Iterable[StageSpec] = ()) -> list[Finding]:
    """Every finding in ``pack``, sorted by file and line; ``stages`` decide which questions need red flags."""
    sources = read_sources(pack.folder)
    drawing = tuple(stages)
    found = [
        _place(question, issue, sources, pack.folder)
        for question in pack.questions
        for issue in question_issues(question, drawing)
    ]
    found += [_place(question, issue, sources, pack.folder) for question, issue in _near_duplicates(pack, sources)]
    return sorted_findings(found)


def question_issues(question: Question, stages: Sequence[StageSpec] = ()) -> Iterator[Issue]:
    """What the rules that look at one question at a time find in ``question``."""
    yield from keywords.keyword_issues(question)
    yield from answers.trivial_answer_issues(question)
    yield from currency.currency_issues(question)
    yield from structure.structure_issues(question, stages)


def _near_duplicates(pack: Pack, sources: Mapping[str, QuestionSource]) -> Iterator[tuple[Question, Issue]]:
    """Each near-duplicate pair, reported on the question that comes later in the pack's files."""
    for pair in similar_pairs(pack.questions):
        if pair.second.id in pack.overlapping.get(pair.first.id, ()):
            continue  # the author has reviewed the pair and declared the overlap: never drawn together
        first, second = sorted((pair.first, pair.second), key=lambda q: _position(q, sources))
        yield second, Issue(NEAR_DUPLICATE, "prompt", _near_duplicate_message(pair, first, sources))


def _near_duplicate_message(pair: SimilarPair, other: Question, sources: Mapping[str, QuestionSource]) -> str:
    where = _where(other, sources)
    if pair.by == "wording":
        similarity = f"wording similarity {pair.score:.0f} (from {WORDING_THRESHOLD})"
        return f"a rewording of question {other.id!r} ({where}): {similarity}"
    shared = ", ".join(repr(term) for term in pair.shared)
    return (
        f"asks what question {other.id!r} ({where}) asks: similarity in meaning {pair.score:.2f} "
        f"(from {MEANING_THRESHOLD:.2f}), sharing {shared}"
    )


def _position(question: Question, sources: Mapping[str, QuestionSource]) -> tuple[str, int]:
    source = sources.get(question.id)
    return (source.file.name, source.id_line) if source else ("", 0)


def _where(question: Question, sources: Mapping[str, QuestionSource]) -> str:
    source = sources.get(question.id)
    return f"{source.file.name}:{source.id_line}" if source else "its file"


def _place(question: Question, issue: Issue, sources: Mapping[str, QuestionSource], folder: Path) -> Finding:
    source = sources.get(question.id)
    return Finding(
        file=source.file if source else folder,
        line=source.line_of(issue.field, issue.needles) if source else None,
        question=question.id,
        field=issue.field,
        rule=issue.rule.code,
        severity=issue.severity or issue.rule.severity,
        message=issue.message,
        hint=issue.rule.hint,
    )
