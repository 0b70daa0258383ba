"""When a keyword found in an answer earns no credit: negated, dismissed, name-dropped in a list, or bare.

A negation counts in the same clause within a few words before the match (two cancel; a condition is not a
negation); a dismissal right after it ("X isn't needed", "X is overkill"). A sentence that opens with four or
more short verbless items is a bare list when such lists make up most of the answer, and an answer of under
12 % function words whose keywords are 30 % of it is bare terms.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from tui_interview.domain.grading.matching import Found, IndexedAnswer
from tui_interview.domain.grading.text import (
    LINE_BREAK,
    WORD_RE,
    Token,
    is_function_word,
    is_negator,
    normalise_word,
    sentence_spans,
)

NEGATION_WINDOW: Final = 6
"""Words looked at before a match for a negation (articles not counted)."""


OR_EXTENSION: Final = 3


BARE_ANSWER_FUNCTION_SHARE: Final = 0.12


BARE_ANSWER_KEYWORD_SHARE: Final = 0.3


LIST_MIN_ITEMS: Final = 4


LIST_MAX_ITEM_WORDS: Final = 4


LIST_MIN_ANSWER_SHARE: Final = 0.5


_NEGATION_PAIRS: Final = frozenset({("instead", "of"), ("rather", "than")})


_NOT_NEGATING_NEXT: Final = frozenset({"only", "just", "merely", "necessarily", "least"})


_CONDITIONALS: Final = frozenset({"if", "unless", "whether", "when"})


_SCOPE_BREAKS: Final = frozenset(
    {"and", "but", "so", "because", "although", "though", "whereas", "while", "which", "then", "yet", "since"}
)
"""Words that start a new clause for negation scope ("no isolation and suffers noisy neighbours")."""


_COPULAS: Final = frozenset({"is", "are", "was", "were", "be", "isn't", "aren't", "wasn't", "weren't"})


_DISMISSIVE_VERBS: Final = frozenset({"help", "helps", "matter", "matters", "apply", "applies", "work", "works"})


_DISMISSIVE_ADJECTIVES: Final = frozenset({"overkill", "unnecessary", "irrelevant", "pointless", "useless"})


_PREPOSITIONS: Final = frozenset(
    {"to", "of", "in", "on", "at", "by", "for", "with", "from", "into", "over", "under", "per", "via", "up", "out"}
)


_ITEM_SPLIT_RE: Final = re.compile(r"[,;]|\b(?:and|or)\b|&|" + LINE_BREAK)


_BULLET_RE: Final = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+", re.MULTILINE)


def _negation_before(answer: IndexedAnswer, token_index: int) -> int | None:
    """Token index of the negation governing the word at ``token_index``, if an odd number of them precede it.

    The look-back covers :data:`NEGATION_WINDOW` words of the same clause, plus a few more for each "or"/"nor"
    on the way, so "don't need overlap or any parent document" negates both.
    """
    tokens = answer.tokens
    clause = tokens[token_index].clause
    negations: list[int] = []
    budget = NEGATION_WINDOW
    i = token_index - 1
    while i >= 0 and tokens[i].clause == clause and budget > 0 and tokens[i].word not in _SCOPE_BREAKS:
        token = tokens[i]
        budget -= not token.transparent
        if token.word in {"or", "nor"}:
            budget += OR_EXTENSION
        if _negates(tokens, i):
            negations.append(i)
        elif i > 0 and (tokens[i - 1].word, token.word) in _NEGATION_PAIRS:
            negations.append(i - 1)
            i -= 1
        i -= 1
    return negations[-1] if len(negations) % 2 == 1 else None


def _negation_inside(answer: IndexedAnswer, found: Found) -> bool:
    """True when a gap word inside the match is a negation the keyword itself lacks ("I didn't roll back")."""
    keyword_stems = found.keyword.stems
    return any(
        _negates(answer.tokens, i) and answer.tokens[i].stem not in keyword_stems
        for i in range(found.first_token + 1, found.last_token)
    )


def _negates(tokens: list[Token], i: int) -> bool:
    if not is_negator(tokens[i].word):
        return False
    if i + 1 < len(tokens) and tokens[i + 1].word in _NOT_NEGATING_NEXT:
        return False
    earlier = tokens[max(0, i - 2) : i]
    return not any(token.word in _CONDITIONALS and token.clause == tokens[i].clause for token in earlier)


def _dismissal_after(answer: IndexedAnswer, token_index: int) -> int | None:
    """Token index ending a dismissal right after a match ("... isn't needed", "... won't help", "... is overkill")."""
    tokens = answer.tokens
    clause = tokens[token_index].clause
    window = list(
        itertools.takewhile(
            lambda i: tokens[i].clause == clause and tokens[i].word not in _SCOPE_BREAKS,
            range(token_index + 1, min(len(tokens), token_index + 4)),
        )
    )
    for n, i in enumerate(window):
        word = tokens[i].word
        following = window[n + 1 : n + 3]
        if word in _COPULAS and word.endswith("n't"):
            return i
        if word in _COPULAS and following and is_negator(tokens[following[0]].word):
            return following[0]
        if word in _COPULAS:
            dismissive = [j for j in following if tokens[j].word in _DISMISSIVE_ADJECTIVES]
            if dismissive:
                return dismissive[0]
        if is_negator(word):
            dismissive = [j for j in following if tokens[j].word in _DISMISSIVE_VERBS]
            if dismissive:
                return dismissive[0]
    return None


@dataclass(frozen=True, slots=True)
class BareList:
    start: int
    end: int
    items: int


def bare_lists(text: str) -> list[BareList]:
    """Sentences that open with a run of four or more bare items ("Canary, shadow, blue-green, flags, ...").

    A bare "label:" may come first ("Rollouts: canary, shadow, ..."); a lead-in clause ("I would watch p99,
    errors, throughput and saturation") means the list is part of an answer, so it is not flagged. Lists are
    only returned when they hold at least :data:`LIST_MIN_ANSWER_SHARE` of the answer's words: one list of
    criteria inside an explained answer is note-taking, an answer that is mostly lists is name-dropping.
    """
    lists: list[BareList] = []
    for start, end in sentence_spans(text):
        bullet = _BULLET_RE.match(text, start, end)
        start = bullet.end() if bullet else start
        colon = text.find(":", start, end)
        if colon >= 0 and _is_bare_item(text[start:colon]):
            start = colon + 1
        run = list(itertools.takewhile(lambda span: _is_bare_item(text[span[0] : span[1]]), _items(text, start, end)))
        if len(run) >= LIST_MIN_ITEMS:
            lists.append(BareList(start, run[-1][1], len(run)))
    listed = sum(len(WORD_RE.findall(text, bare.start, bare.end)) for bare in lists)
    return lists if listed >= LIST_MIN_ANSWER_SHARE * len(WORD_RE.findall(text)) else []


def _items(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the list items between ``start`` and ``end``, split at commas, semicolons, "and", "or"."""
    for separator in _ITEM_SPLIT_RE.finditer(text, start, end):
        if WORD_RE.search(text, start, separator.start()):
            yield start, separator.start()
        start = separator.end()
    if WORD_RE.search(text, start, end):
        yield start, end


def _is_bare_item(item: str) -> bool:
    """A term rather than a clause: one to four words (a hyphenated compound counts as one), none of them a
    pronoun, article, auxiliary, common verb or negation. Prepositions are allowed ("proof of concept")."""
    pieces = item.split()
    if not 0 < len(pieces) <= LIST_MAX_ITEM_WORDS:
        return False
    words = [normalise_word(word) for piece in pieces for word in WORD_RE.findall(piece) if not _is_compound(piece)]
    return not any(_is_clause_word(word) for word in words)


def _is_compound(piece: str) -> bool:
    return len(WORD_RE.findall(piece)) > 1


def _is_clause_word(word: str) -> bool:
    return is_function_word(word) and word not in _PREPOSITIONS


def _function_share(answer: IndexedAnswer) -> float:
    words = [token.word for token in answer.tokens if token.word not in {"and", "or"}]
    return sum(is_function_word(word) for word in words) / len(words) if words else 1.0


def rejection_reason(
    answer: IndexedAnswer, found: Found, lists: list[BareList], negated_in_point: frozenset[tuple[int, str]]
) -> str | None:
    if (found.point, found.keyword.text) not in negated_in_point:
        negation = negation_reason(answer, found)
        if negation:
            return negation
    for bare in lists:
        if bare.start <= found.match.start < bare.end:
            return f"name-dropped in a list of {bare.items} bare terms"
    return None


def negation_reason(answer: IndexedAnswer, found: Found) -> str | None:
    if _negation_inside(answer, found):
        return f"negated: {found.match.text!r}"
    negation = _negation_before(answer, found.first_token)
    if negation is not None:
        return f"negated: {answer.text[answer.tokens[negation].start : found.match.end]!r}"
    dismissal = _dismissal_after(answer, found.last_token)
    if dismissal is not None:
        return f"negated: {answer.text[found.match.start : answer.tokens[dismissal].end]!r}"
    return None


def bare_answer_note(answer: IndexedAnswer, found: list[Found]) -> str | None:
    words = len(answer.tokens)
    if words < LIST_MIN_ITEMS or not found:
        return None
    share = _function_share(answer)
    keyword_tokens = {i for f in found for i in range(f.first_token, f.last_token + 1)}
    if share < BARE_ANSWER_FUNCTION_SHARE and len(keyword_tokens) >= BARE_ANSWER_KEYWORD_SHARE * words:
        return f"answer is mostly bare terms: {words} words, {share:.0%} function words"
    return None
