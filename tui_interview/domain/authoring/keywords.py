"""Keyword rules: keywords that any answer contains, one keyword covering two points, points shown only by echo.

Every rule looks at a keyword the way the grader matches it (:func:`~tui_interview.domain.grading.text.keyword_tokens`):
articles and possessives dropped, punctuation gone, words normalised and stemmed. So ``models:/`` is the word
"models", ``A/B`` is the letter "b", ``$3`` is "3" and ``my change`` is "change".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from tui_interview.domain.authoring.fields import point_fields, point_label
from tui_interview.domain.authoring.findings import Issue, Rule
from tui_interview.domain.authoring.source import toml_literals
from tui_interview.domain.bank.pack import Question
from tui_interview.domain.grading import cues, english
from tui_interview.domain.grading.grade import echo_stems
from tui_interview.domain.grading.matching import Keyword, compile_keyword
from tui_interview.domain.grading.text import is_function_word, keyword_tokens

VERY_COMMON_RANK: Final = 2000
"""A one-word keyword among this many most frequent English words turns up in answers that do not make the point.
"team" ranks 423rd, "impact" 1,283rd, "latency" 12,807th. 47 of the 50 words the pack audit called very common
(Zipf 5 and above in wordfreq) rank within 2,000 in symspellpy's dictionary, the other three within 2,300."""

CORE_RANK: Final = 200
"""A phrase made only of the 200 most frequent English words ("next time", "at the time", "I now") says nothing
specific, however its words are combined."""

SHORT_NUMBER_DIGITS: Final = 2
"""A keyword that is only a number this short ("3", "40") is found in any answer quoting a small figure."""

COMMON_KEYWORD: Final = Rule(
    "common-keyword",
    "error",
    "replace it with a 2-4 word phrase that only an answer making the point would contain: the tool, setting, "
    "figure or claim itself",
)
COMMON_PHRASE: Final = Rule(
    "common-phrase",
    "warning",
    "add the specific word the point is about, or replace the phrase with one naming the tool, setting or figure",
)
DUPLICATE_KEYWORD: Final = Rule(
    "duplicate-keyword",
    "error",
    "keep the keyword on the point it proves and give the other point a phrase of its own",
)
ECHO_POINT: Final = Rule(
    "echo-point",
    "warning",
    "add keywords a candidate would use to explain the point in their own words, beyond the prompt's terms",
)


def keyword_issues(question: Question) -> Iterator[Issue]:
    """Common keywords and phrases, keywords shared by two points, and points shown only by the prompt's words."""
    for field, keyword in _all_keywords(question):
        issue = _common_issue(field, keyword)
        if issue is not None:
            yield issue
    yield from _duplicate_issues(question)
    yield from _echo_issues(question)


def _all_keywords(question: Question) -> Iterator[tuple[str, str]]:
    """(field, keyword) for every keyword of the points, the steps' points and the red flags."""
    for field, point in zip(point_fields(question), question.all_points, strict=True):
        for number, keyword in enumerate(point.keywords):
            yield f"{field}.keywords.{number}", keyword
    for flag_number, flag in enumerate(question.red_flags):
        for number, keyword in enumerate(flag.keywords):
            yield f"red_flags.{flag_number}.keywords.{number}", keyword


def matched_words(keyword: str) -> tuple[str, ...]:
    """The words the grader looks for: normalised, without articles, possessives and punctuation."""
    return tuple(token.word for token in keyword_tokens(keyword))


def _rank(word: str) -> int | None:
    """0 for a function word; the word's frequency rank (inflections as their base form); None for a non-word."""
    if is_function_word(word):
        return 0
    return english.family_rank(word) if word.isalpha() else None


def _core(word: str) -> bool:
    """Among the :data:`CORE_RANK` most frequent English words (a contraction counts as its first word)."""
    rank = english.family_rank(word.partition("'")[0]) if word.replace("'", "").isalpha() else None
    return rank is not None and rank < CORE_RANK


def why_common(word: str) -> str | None:
    """Why one word, standing alone, is found in answers that do not make a point; None when it is specific."""
    rank = _rank(word)
    if rank == 0:
        return "a word the grader counts as naming nothing (a function word or a common verb)"
    if word.isdigit() and len(word) <= SHORT_NUMBER_DIGITS:
        return "a bare small number"
    if len(word) == 1:
        return "a single character"
    if word in cues.VAGUE_WORDS:
        return "a vague workplace word"
    if rank is not None and rank < VERY_COMMON_RANK:
        return f"one of the {VERY_COMMON_RANK:,} most common English words (rank {rank + 1:,})"
    return None


def _common_issue(field: str, keyword: str) -> Issue | None:
    words = matched_words(keyword)
    if not words:
        return None
    shown = " ".join(words)
    subject = f"keyword {keyword!r}" + (" is" if shown == keyword.lower().strip() else f" is matched as {shown!r}:")
    needles = toml_literals(keyword)
    if len(words) == 1:
        reason = why_common(words[0])
        message = f"{subject} {reason}, found in answers that do not make the point"
        return Issue(COMMON_KEYWORD, field, message, needles) if reason else None
    if all(is_function_word(word) for word in words):
        message = f"{subject} made only of function words and common verbs, found in nearly any answer"
        return Issue(COMMON_KEYWORD, field, message, needles)
    if all(_core(word) for word in words):
        message = f"{subject} made only of very common words, so it names nothing the point is about"
        return Issue(COMMON_PHRASE, field, message, needles)
    return None


def _duplicate_issues(question: Question) -> Iterator[Issue]:
    """A keyword of a point that an earlier point also has, or that contains or lies inside one of its keywords."""
    fields = point_fields(question)
    compiled = [[compile_keyword(keyword) for keyword in point.keywords] for point in question.all_points]
    runs = _RunIndex(compiled)
    for later, point_keywords in enumerate(compiled):
        for number, keyword in enumerate(point_keywords):
            overlap = runs.earlier_overlap(later, keyword)
            if overlap is not None:
                yield _duplicate_issue(question, f"{fields[later]}.keywords.{number}", keyword.text, overlap)


Relation = Literal["equals", "contains", "inside"]
"""How a keyword overlaps another: it equals it, contains it (saying this one says it too) or lies inside it."""


@dataclass(frozen=True)
class _Overlap:
    """An earlier point's keyword that fires with this one."""

    point: int
    keyword: str
    relation: Relation


class _RunIndex:
    """Which keywords of a question's points hold each run of consecutive stems, as a whole or inside them."""

    def __init__(self, compiled: Sequence[Sequence[Keyword]]) -> None:
        self.whole: dict[tuple[str, ...], list[tuple[int, Keyword]]] = {}
        self.inside: dict[tuple[str, ...], list[tuple[int, Keyword]]] = {}
        for point, keywords in enumerate(compiled):
            for keyword in keywords:
                for variant in keyword.variants:
                    self.whole.setdefault(variant, []).append((point, keyword))
                    for run in _proper_runs(variant):
                        self.inside.setdefault(run, []).append((point, keyword))

    def earlier_overlap(self, point: int, keyword: Keyword) -> _Overlap | None:
        """The earliest point before ``point`` with a keyword equal to ``keyword`` (preferred), else one that
        ``keyword`` contains or lies inside, by the stems the grader matches."""
        variants = keyword.variants
        candidates: tuple[tuple[Relation, list[tuple[int, Keyword]]], ...] = (
            ("equals", [hit for variant in variants for hit in self.whole.get(variant, ())]),
            ("contains", [hit for v in variants for run in _proper_runs(v) for hit in self.whole.get(run, ())]),
            ("inside", [hit for variant in variants for hit in self.inside.get(variant, ())]),
        )
        for relation, hits in candidates:
            earlier = [hit for hit in hits if hit[0] < point]
            if earlier:
                first, other = min(earlier, key=lambda hit: hit[0])
                return _Overlap(first, other.text, relation)
        return None


def _proper_runs(variant: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """Every run of consecutive stems of ``variant`` shorter than the whole."""
    size = len(variant)
    for length in range(1, size):
        for start in range(size - length + 1):
            yield variant[start : start + length]


def _duplicate_issue(question: Question, field: str, keyword: str, overlap: _Overlap) -> Issue:
    label = point_label(question, overlap.point)
    other = overlap.keyword
    needles = toml_literals(keyword)
    if overlap.relation == "equals":
        same = "is also a keyword of" if other.lower() == keyword.lower() else f"matches {other!r} of"
        message = f"keyword {keyword!r} {same} {label}: one mention covers both points"
        return Issue(DUPLICATE_KEYWORD, field, message, needles)
    longer = keyword if overlap.relation == "contains" else other
    verb = "contains" if overlap.relation == "contains" else "lies inside"
    message = f"keyword {keyword!r} {verb} keyword {other!r} of {label}: saying {longer!r} covers both points"
    return Issue(DUPLICATE_KEYWORD, field, message, needles, severity="warning")


def _echo_issues(question: Question) -> Iterator[Issue]:
    """Points none of whose keywords adds a word to what the candidate was told (the prompt, the reveals so far)."""
    reveals = [step.reveal for step in question.steps]
    for index, (field, point) in enumerate(zip(point_fields(question), question.all_points, strict=True)):
        told = echo_stems((question.prompt, *reveals[: question.step_of_point.get(index, 0)]))
        if all(_keyword_stems(keyword) <= told for keyword in point.keywords):
            shown = ", ".join(repr(keyword) for keyword in point.keywords)
            message = (
                f"every keyword of this point repeats words the candidate was given ({shown}): an answer shows "
                "it only by echoing the question"
            )
            yield Issue(ECHO_POINT, f"{field}.keywords", message)


def _keyword_stems(keyword: str) -> frozenset[str]:
    """The keyword's content stems, as the grader compares them with the prompt's words."""
    tokens = keyword_tokens(keyword)
    content = [token.stem for token in tokens if not is_function_word(token.word)]
    return frozenset(content or [token.stem for token in tokens])
