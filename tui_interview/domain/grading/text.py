"""Words of an answer as the grader sees them: normalised, stemmed, split into clauses and sentences.

British spellings and a few abbreviations map to one form ("artefact" and "artifact"), negative contractions
stem to ``not``, and "99th percentile" becomes one token ``p99``. Every other part of grading works on the
:class:`Token` list this module produces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Final, NamedTuple

import snowballstemmer

TRANSPARENT_WORDS: Final = frozenset({"a", "an", "the", "my", "our", "your", "their", "its", "his", "her"})


_NEGATORS: Final = frozenset(
    {"not", "no", "never", "without", "nor", "cannot", "neither", "skip", "skipped", "skipping"}
)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FUNCTION_WORDS: Final = _word_set(
    """
    a an the this that these those my our your their its his her i me we us you he she it they them
    is are was were be been being am have has had do does did will would should could can may might must shall
    to of in on at by for with from into onto about than over under after before between through during
    per via without within across against toward towards up out off down
    but so because if then when while since which who whom what where how why as not no never there here
    and or nor whenever unless although though whether until whereas
    """
)


_COMMON_VERBS: Final = _word_set(
    """
    use used using check checked look looked see saw make made get got put ran add added move moved
    keep kept start started stop need needed want wanted try tried go went take took give gave find found
    build built write wrote decide decided propose proposed lead led fix fixed change changed compare
    compared measure measured confirm confirmed verify verified switch switched send sent tell told ask asked
    know knew think thought say said show showed help helped mean means happen happened cause caused let
    turn turned pick picked read pull pulled push pushed call called return returned work worked learn
    learned plan planned agree agreed explain explained understand understood
    """
)


_BRITISH_WORDS: Final = {
    "artefact": "artifact",
    "artefacts": "artifacts",
    "catalogue": "catalog",
    "catalogues": "catalog",
    "programme": "program",
    "licence": "license",
    "defence": "defense",
    "grey": "gray",
    "judgement": "judgment",
    "cancelled": "canceled",
    "labelled": "labeled",
    "labelling": "labeling",
    "modelling": "modeling",
    "travelled": "traveled",
    "k8s": "kubernetes",
    "pct": "percent",
    "%": "percent",
    "cannot": "not",
}


_STEM_OVERRIDES: Final = {"alias": "alias", "analysis": "analys", "canvas": "canvas", "redis": "redis", "axis": "axis"}


_BRITISH_SUFFIXES: Final = (
    (re.compile(r"^(\w{3,})is(e|ed|es|ing|ation|ations|er|ers)$"), r"\1iz\2"),
    (re.compile(r"^(\w{2,})ys(e|ed|es|ing)$"), r"\1yz\2"),
    (re.compile(r"^(\w{3,})our(s|ed|ing|able)?$"), r"\1or\2"),
    (re.compile(r"^(\w{3,})tre(s)?$"), r"\1ter\2"),
)


WORD_RE: Final = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+[A-Za-z]*)*(?:['\u2019][A-Za-z]+)?|%")


_ORDINAL_RE: Final = re.compile(r"^(\d+(?:\.\d+)?)(?:st|nd|rd|th)?$")


LINE_BREAK: Final = r"\n[ \t]*(?=\n|[-*\u2022][ \t]|\d+[.)][ \t])"
"""A newline that ends a clause: before a blank line or a bullet, not a mere wrapped line."""


CLAUSE_BREAK_RE: Final = re.compile(r"[.,;:!?()\[\]{}]|\s[-\u2013\u2014]\s|[\u2013\u2014]|" + LINE_BREAK)


SENTENCE_END_RE: Final = re.compile(r"(?<=[.!?])\s+|\n[ \t]*\n")


_STEMMER: Final = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65_536)
def normalise_word(word: str) -> str:
    """Lower-case ``word`` and map British spellings and a few abbreviations to one form."""
    word = word.lower().replace("\u2019", "'")
    if word in _BRITISH_WORDS:
        return _BRITISH_WORDS[word]
    if not word.isalpha():
        return word
    for pattern, replacement in _BRITISH_SUFFIXES:
        if pattern.match(word):
            return pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=65_536)
def stem_word(word: str) -> str:
    """The stem of a normalised word; negative contractions stem to ``not`` and "I'd" to ``i``."""
    if "'" in word:
        base, _, suffix = word.partition("'")
        if suffix == "t" and base.endswith("n"):
            return "not"
        return stem_word(base)
    if word in _STEM_OVERRIDES:
        return _STEM_OVERRIDES[word]
    if not word.isalpha():
        return word
    return str(_STEMMER.stemWord(word))


def is_negator(word: str) -> bool:
    """True for "not", "never", "without", "don't" and the like (``word`` normalised)."""
    return word in _NEGATORS or word.endswith("n't")


def is_function_word(word: str) -> bool:
    """True for articles, pronouns, prepositions, auxiliaries and very common verbs (``word`` normalised)."""
    return word in _FUNCTION_WORDS or word in _COMMON_VERBS or "'" in word or is_negator(word)


class Token(NamedTuple):
    """One word of a text. A named tuple rather than a frozen dataclass: an answer makes hundreds, and a tuple
    is several times cheaper to build."""

    word: str
    """Normalised lower-case form."""
    stem: str
    start: int
    end: int
    clause: int
    transparent: bool
    """An article or possessive, skipped when matching phrases."""


def tokenise(text: str) -> list[Token]:
    """Split ``text`` into normalised, stemmed words with their character spans and clause numbers."""
    spans = [(normalise_word(m.group()), m.start(), m.end()) for m in WORD_RE.finditer(text)]
    spans = _merge_percentiles(spans)
    tokens: list[Token] = []
    clause = 0
    previous_end = 0
    for word, start, end in spans:
        if tokens and _breaks_clause(text, previous_end, start):
            clause += 1
        tokens.append(Token(word, stem_word(word), start, end, clause, word in TRANSPARENT_WORDS))
        previous_end = end
    return tokens


def _breaks_clause(text: str, gap_start: int, gap_end: int) -> bool:
    """Whether the characters between two words end a clause. Punctuation with no space around it joins the
    parts of one name ("torch.compile", "nvidia.com/gpu", "03:00", "5,500"); it ends nothing."""
    gap = text[gap_start:gap_end]
    if gap == " " or not any(character.isspace() for character in gap):
        return False
    return CLAUSE_BREAK_RE.search(text, gap_start, gap_end) is not None


def _merge_percentiles(spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Rewrite "99th percentile" (and "99 percentile") as one token ``p99``."""
    merged: list[tuple[str, int, int]] = []
    for word, start, end in spans:
        if word == "percentile" and merged:
            number = _ORDINAL_RE.match(merged[-1][0])
            if number:
                merged[-1] = (f"p{number.group(1)}", merged[-1][1], end)
                continue
        merged.append((word, start, end))
    return merged


@lru_cache(maxsize=16_384)
def keyword_tokens(keyword: str) -> tuple[Token, ...]:
    """The tokens a keyword is matched by: its words without articles and possessives (all of them if that is
    all it has)."""
    tokens = tokenise(keyword)
    content = tuple(token for token in tokens if not token.transparent)
    return content or tuple(tokens)


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text``: split after . ! ? and at blank lines."""
    start = 0
    for boundary in SENTENCE_END_RE.finditer(text):
        yield start, boundary.start()
        start = boundary.end()
    yield start, len(text)


def words_in(text: str) -> int:
    """The number of words in ``text`` as the candidate sees them counted: runs of non-space characters."""
    return len(text.split())
