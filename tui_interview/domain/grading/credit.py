"""Answer-level reasons to withhold credit: bare lists, bare-term answers and keyword stuffing.

* A sentence that opens with four or more short verbless items is a **bare list** ("Canary, shadow,
  blue-green, feature flags."): its items are name-dropped. A list after a lead-in clause ("I would watch p99,
  errors, throughput and saturation") is part of an answer and is not flagged. A list under a bare label
  ("Rollouts: canary, shadow, ...") is only flagged when such lists make up most of the answer, since notes
  are often written that way. A list of five or more items after a lead-in that reports having or using
  things ("In my team we use X, Y, Z, ...", "We had ...") is name-dropping too; "I'd use ..." is a plan.
* An answer of under 12 % function words (articles, pronouns, auxiliaries, "and", "or", ...) whose keywords are
  30 % of it is **bare terms**. "And" and "or" count as function words, so a correct two-term answer
  ("Data members (attributes) and member functions.") is not bare.
* An answer that names keywords of four or more points (not counting points it only negates or dismisses) with
  fewer than one word of its own per point (words that are not keywords, not function words, not content-free
  or vague and not the question's) **reads as a list of terms**: every point's credit is withheld and the
  answer is told to explain how or why. So does one that fires four or more points with the
  keywords strung together: two in five of its mentions followed or preceded by another with only a space
  between ("fixed schedule predictable drift trigger false alarms").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Final

from tui_interview.domain.grading import cues
from tui_interview.domain.grading.matching import IndexedAnswer
from tui_interview.domain.grading.text import (
    LINE_BREAK,
    WORD_RE,
    is_function_word,
    is_negator,
    normalise_word,
    sentence_spans,
)

BARE_ANSWER_FUNCTION_SHARE: Final = 0.12


BARE_ANSWER_KEYWORD_SHARE: Final = 0.3


LIST_MIN_ITEMS: Final = 4


LIST_MAX_ITEM_WORDS: Final = 4


ENUMERATION_MAX_ITEM_WORDS: Final = 6
"""In a sentence that is nothing but a list, items may be this long ("canary is not an experiment")."""


EXPERIENCE_LIST_MIN_ITEMS: Final = 3
"""A list after a lead-in reporting experience ("we use X, Y, ...") names things when it has more items than this."""


EXPERIENCE_LEAD_IN_MAX_WORDS: Final = 10


EXPERIENCE_COLON_MIN_ITEMS: Final = 3
"""After a colon ("Tools I know: ..."), this many bare terms and nothing else are a list of names."""


_EXPERIENCE_SUBJECTS: Final = frozenset({"i", "we", "i've", "we've", "i'm", "we're", "team", "company", "stack"})


_EXPERIENCE_VERBS: Final = frozenset(
    {
        "use", "used", "uses", "using", "have", "had", "has", "run", "ran", "tried", "worked", "know", "knew",
        "adopted", "deployed", "built", "included", "includes", "is", "was", "were", "are", "got", "ship", "shipped",
        "handled", "solved", "tackled", "relied", "employed", "utilized", "leveraged", "covered", "managed",
        "familiar", "comfortable", "experienced", "heard", "seen", "played", "touched", "exposure",
    }
)  # fmt: skip


_PLAN_WORDS: Final = frozenset(
    {"would", "i'd", "we'd", "will", "i'll", "we'll", "should", "could", "might", "can", "if", "to", "need", "let's"}
)


LONG_LIST_ITEMS: Final = 8


LONG_LIST_MEAN_WORDS: Final = 3
"""A sentence of :data:`LONG_LIST_ITEMS` or more items averaging this many words or fewer is a list, whatever
the items ("my lead, told me, I asked, I changed, ...")."""


LIST_BARE_SHARE: Final = 2 / 3
"""A sentence of short items is a list of terms when this share of them is bare."""


LIST_MIN_ANSWER_SHARE: Final = 0.5
"""Labelled lists ("Rollouts: a, b, c, d") are name-dropping only when lists hold this share of the answer."""


STUFFING_MIN_POINTS: Final = 4


STUFFING_OWN_WORDS_PER_POINT: Final = 1.0


ABUTTING_SHARE: Final = 0.4
"""Keywords strung together with nothing but a space between them ("drift trigger false alarms performance
trigger ...") are a list of terms when this share of an answer's mentions touch another one. Explained
answers put words of their own between the terms: in prose, even dense notes, under a third of the mentions
touch."""


STUFFING_NOTE: Final = "reads as a list of terms: explain how or why"


_PREPOSITIONS: Final = frozenset(
    {"to", "of", "in", "on", "at", "by", "for", "with", "from", "into", "over", "under", "per", "via", "up", "out"}
)


_CLAUSE_MARKERS: Final = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "my",
        "our",
        "your",
        "their",
        "its",
        "his",
        "her",
        "i",
        "me",
        "we",
        "us",
        "you",
        "he",
        "she",
        "it",
        "they",
        "them",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "should",
        "could",
        "can",
        "may",
        "might",
        "must",
        "shall",
    ]
)
"""Words that make an item a clause rather than a term."""


_LEAD_IN_WORDS: Final = frozenset(
    ["i", "we", "you", "they", "he", "she", "i'd", "we'd", "i'll", "we'll", "i'm", "we're", "you'd", "they'd"]
)
"""Subjects: an item holding one opens a clause the list belongs to ("I would watch p99, ...")."""


_ITEM_SPLIT_RE: Final = re.compile(r"[,;]|\b(?:and|or)\b|&|" + LINE_BREAK)


_BULLET_RE: Final = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class BareList:
    start: int
    end: int
    items: int


def bare_lists(text: str) -> list[BareList]:
    """Sentences that open with a run of four or more bare items ("Canary, shadow, blue-green, flags, ...").

    A lead-in clause ("I would watch p99, errors, throughput and saturation") means the list is part of an
    answer, so it is not flagged. A bare "label:" may come first ("Rollouts: canary, shadow, ..."); such
    labelled lists are only returned when lists hold at least :data:`LIST_MIN_ANSWER_SHARE` of the answer's
    words, while an unlabelled run of terms is name-dropping wherever it is.
    """
    unlabelled: list[BareList] = []
    labelled: list[BareList] = []
    for start, end in sentence_spans(text):
        bullet = _BULLET_RE.match(text, start, end)
        start = bullet.end() if bullet else start
        colon = text.find(":", start, end)
        label = colon >= 0 and _is_bare_item(text[start:colon])
        if label:
            start = colon + 1
        found = _enumeration(text, start, end)
        if found is None and colon >= 0 and not label:
            found = _listed_after_experience(text, start, colon, end)
        if found is not None:
            (labelled if label else unlabelled).append(found)
    lists = unlabelled + labelled
    listed = sum(len(WORD_RE.findall(text, bare.start, bare.end)) for bare in lists)
    if labelled and listed < LIST_MIN_ANSWER_SHARE * len(WORD_RE.findall(text)):
        return unlabelled
    return sorted(lists, key=lambda bare: bare.start)


def _enumeration(text: str, start: int, end: int) -> BareList | None:
    """The list of terms a sentence opens with, or that the whole sentence is.

    Either a run of at least :data:`LIST_MIN_ITEMS` bare items opens the sentence, or the sentence is nothing
    but short items (:data:`ENUMERATION_MAX_ITEM_WORDS` words or fewer), at least :data:`LIST_BARE_SHARE` of them
    terms (no pronoun, article, auxiliary or negation: "start date", "give notice"), or all of them
    fragments of three words or fewer on average with no subject, and the first no lead-in ("analogy,
    imagine, think of it, similar to, ...").
    """
    items = list(_items(text, start, end))
    run = list(itertools.takewhile(lambda span: _is_bare_item(text[span[0] : span[1]]), items))
    if len(items) >= LONG_LIST_ITEMS and sum(len(text[a:b].split()) for a, b in items) <= LONG_LIST_MEAN_WORDS * len(
        items
    ):
        return BareList(start, items[-1][1], len(items))  # eight or more fragments in one sentence
    if (
        len(items) >= LIST_MIN_ITEMS
        and all(len(text[a:b].split()) <= ENUMERATION_MAX_ITEM_WORDS for a, b in items)
        and not _is_lead_in(text[items[0][0] : items[0][1]])
        and (
            sum(_is_term(text[a:b]) for a, b in items) >= LIST_BARE_SHARE * len(items)
            or (
                sum(len(text[a:b].split()) for a, b in items) <= LONG_LIST_MEAN_WORDS * len(items)
                and not any(_is_lead_in(text[a:b]) for a, b in items)
            )
        )
    ):
        return BareList(start, items[-1][1], len(items))
    if (
        len(items) > EXPERIENCE_LIST_MIN_ITEMS
        and _is_experience_lead_in(text[items[0][0] : items[0][1]])
        and len(text[items[0][0] : items[0][1]].split()) <= EXPERIENCE_LEAD_IN_MAX_WORDS
        and all(len(text[a:b].split()) <= ENUMERATION_MAX_ITEM_WORDS for a, b in items[1:])
        and sum(_is_term(text[a:b]) for a, b in items[1:]) >= LIST_BARE_SHARE * (len(items) - 1)
    ):
        return BareList(start, items[-1][1], len(items))  # "We used Karpenter, Savings Plans, S3, ..."
    return BareList(start, run[-1][1], len(run)) if len(run) >= LIST_MIN_ITEMS else None


def _listed_after_experience(text: str, start: int, colon: int, end: int) -> BareList | None:
    """ "Tools I know: X, Y, Z", "What we ran: X, Y and Z": a lead-in reporting experience, a colon, and
    nothing after it but :data:`EXPERIENCE_COLON_MIN_ITEMS` or more bare terms."""
    if not _is_experience_lead_in(text[start:colon]):
        return None
    items = list(_items(text, colon + 1, end))
    if len(items) >= EXPERIENCE_COLON_MIN_ITEMS and all(_is_bare_item(text[a:b]) for a, b in items):
        return BareList(colon + 1, items[-1][1], len(items))
    return None


def _is_experience_lead_in(item: str) -> bool:
    """A lead-in that reports having or using things, not doing something here: "In my team we use X", "We
    had X", "I've worked with X". A modal ("I'd use", "we would run") makes it a plan instead."""
    words = _item_words(item)
    return (
        any(word in _EXPERIENCE_SUBJECTS for word in words)
        and any(word in _EXPERIENCE_VERBS for word in words)
        and not any(word in _PLAN_WORDS for word in words)
    )


def _item_words(item: str) -> list[str]:
    return [normalise_word(word) for word in WORD_RE.findall(item)]


def _is_term(item: str) -> bool:
    """A noun-phrase-like item: no pronoun, article, auxiliary, modal or negation (verbs allowed: "start date")."""
    return not any(word in _CLAUSE_MARKERS or is_negator(word) for word in _item_words(item))


def _is_lead_in(item: str) -> bool:
    """An item that opens a clause the list belongs to: "I would watch p99", "we check"."""
    return any(word in _LEAD_IN_WORDS for word in _item_words(item))


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
    return is_function_word(word) and word not in _PREPOSITIONS and word not in {"and", "or", "nor"}


def _function_share(answer: IndexedAnswer) -> float:
    """The share of the answer's words that are function words, "and" and "or" included."""
    words = [token.word for token in answer.tokens]
    return sum(is_function_word(word) for word in words) / len(words) if words else 1.0


def bare_answer_note(answer: IndexedAnswer, keyword_tokens: Collection[int]) -> str | None:
    """A note when the whole answer is bare terms (``keyword_tokens``: indexes of tokens inside matches)."""
    words = len(answer.tokens)
    if words < LIST_MIN_ITEMS or not keyword_tokens:
        return None
    share = _function_share(answer)
    if share < BARE_ANSWER_FUNCTION_SHARE and len(keyword_tokens) >= BARE_ANSWER_KEYWORD_SHARE * words:
        return f"answer is mostly bare terms: {words} words, {share:.0%} function words"
    return None


def own_words(answer: IndexedAnswer, keyword_tokens: Collection[int], echo: Collection[str]) -> int:
    """How many of the answer's words are its own: not inside a keyword match, not a function word, not
    content-free ("really", "approach") and not one of the question's words (stems in ``echo``)."""
    return sum(
        1
        for i, token in enumerate(answer.tokens)
        if i not in keyword_tokens
        and not token.transparent
        and not is_function_word(token.word)
        and token.word not in cues.EMPTY_WORDS
        and token.word not in cues.VAGUE_WORDS
        and token.stem not in echo
    )


def stuffing_note(answer: IndexedAnswer, fired_points: int, own: int, spans: Collection[tuple[int, int]]) -> str | None:
    """:data:`STUFFING_NOTE` when ``fired_points`` points rest on too few own words each, or on keywords strung
    together (``spans``: the first and last token of each mention; see the module's docstring)."""
    if fired_points < STUFFING_MIN_POINTS:
        return None
    if _abutting_share(answer, spans) >= ABUTTING_SHARE:
        return STUFFING_NOTE
    if own < STUFFING_OWN_WORDS_PER_POINT * fired_points:
        return STUFFING_NOTE
    return None


def _abutting_share(answer: IndexedAnswer, spans: Collection[tuple[int, int]]) -> float:
    """The share of the mentions ``spans`` that another mention follows or precedes with only spaces between."""
    distinct = set(spans)
    if not distinct:
        return 0.0
    text, tokens = answer.text, answer.tokens
    firsts = {first for first, _ in distinct}
    lasts = {last for _, last in distinct}

    def touches(before: int, after: int) -> bool:
        return text[tokens[before].end : tokens[after].start].isspace()

    abutting = sum(
        1
        for first, last in distinct
        if (last + 1 in firsts and touches(last, last + 1)) or (first - 1 in lasts and touches(first - 1, first))
    )
    return abutting / len(distinct)
