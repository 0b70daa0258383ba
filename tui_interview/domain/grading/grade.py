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

import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Final

import snowballstemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from tui_interview.domain.bank.pack import Point, Question

__all__ = [
    "READINESS_RULE",
    "Grade",
    "Match",
    "PointResult",
    "Rejection",
    "clear_caches",
    "grade_answer",
    "grade_json",
    "readiness_band",
]

# ---------------------------------------------------------------------------------------------------------
# Result types
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Match:
    """One place a keyword was found: ``answer[start:end] == text``."""

    keyword: str
    text: str
    start: int
    end: int
    fuzzy: bool = False
    """True when at least one word matched only through typo tolerance."""


@dataclass(frozen=True, slots=True)
class Rejection:
    """A keyword found in the answer that earned no credit, and why."""

    match: Match
    reason: str


@dataclass(frozen=True, slots=True)
class PointResult:
    """The verdict on one talking point."""

    index: int
    """Position in the points graded (``question.all_points`` by default)."""
    text: str
    weight: float
    covered: bool
    matches: tuple[Match, ...]
    """Matches that earned credit, in answer order."""
    rejected: tuple[Rejection, ...]
    """Matches that earned no credit, in answer order, each with its reason."""

    @property
    def matched_keywords(self) -> tuple[str, ...]:
        """The distinct keywords that earned credit, in the order they first appear in the answer."""
        return tuple(dict.fromkeys(match.keyword for match in self.matches))

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why each rejected keyword earned no credit, one string per rejection."""
        return tuple(rejection.reason for rejection in self.rejected)


@dataclass(frozen=True, slots=True)
class Grade:
    """Talking-point coverage of one answer."""

    question_id: str
    points: tuple[PointResult, ...]
    notes: tuple[str, ...] = ()
    """Answer-level remarks, such as the answer being a bare list of terms."""

    @property
    def total_weight(self) -> float:
        return sum(point.weight for point in self.points)

    @property
    def covered_weight(self) -> float:
        return sum(point.weight for point in self.points if point.covered)

    @property
    def score(self) -> float:
        """The weighted share of points covered, from 0 to 1."""
        total = self.total_weight
        return self.covered_weight / total if total else 0.0

    @property
    def covered(self) -> tuple[PointResult, ...]:
        return tuple(point for point in self.points if point.covered)

    @property
    def missed(self) -> tuple[PointResult, ...]:
        return tuple(point for point in self.points if not point.covered)


# ---------------------------------------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------------------------------------

MAX_GAP: Final = 1
"""Extra words allowed between two words of a keyword phrase."""
NEGATION_WINDOW: Final = 6
"""Words looked at before a match for a negation (articles not counted)."""
OR_EXTENSION: Final = 3
BARE_ANSWER_FUNCTION_SHARE: Final = 0.12
BARE_ANSWER_KEYWORD_SHARE: Final = 0.3
LIST_MIN_ITEMS: Final = 4
LIST_MAX_ITEM_WORDS: Final = 4
LIST_MIN_ANSWER_SHARE: Final = 0.5
TYPO_CACHE_SIZE: Final = 50_000

_TRANSPARENT: Final = frozenset({"a", "an", "the", "my", "our", "your", "their", "its", "his", "her"})
_NEGATORS: Final = frozenset(
    {"not", "no", "never", "without", "nor", "cannot", "neither", "skip", "skipped", "skipping"}
)
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


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FUNCTION_WORDS: Final = _word_set(
    """
    a an the this that these those my our your their its his her i me we us you he she it they them
    is are was were be been being am have has had do does did will would should could can may might must shall
    to of in on at by for with from into onto about than over under after before between through during
    per via without within across against toward towards up out off down
    but so because if then when while since which who whom what where how why as not no never there here
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

_WORD_RE: Final = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+[A-Za-z]*)*(?:['\u2019][A-Za-z]+)?|%")
_ORDINAL_RE: Final = re.compile(r"^(\d+(?:\.\d+)?)(?:st|nd|rd|th)?$")
_LINE_BREAK: Final = r"\n[ \t]*(?=\n|[-*\u2022][ \t]|\d+[.)][ \t])"
"""A newline that ends a clause: before a blank line or a bullet, not a mere wrapped line."""
_CLAUSE_BREAK_RE: Final = re.compile(r"[.,;:!?()\[\]{}]|\s[-\u2013\u2014]\s|[\u2013\u2014]|" + _LINE_BREAK)
_JOINABLE_SEPARATORS: Final = frozenset({"", " ", "-", "/", "_"})
_SENTENCE_END_RE: Final = re.compile(r"(?<=[.!?])\s+|\n[ \t]*\n")
_ITEM_SPLIT_RE: Final = re.compile(r"[,;]|\b(?:and|or)\b|&|" + _LINE_BREAK)
_BULLET_RE: Final = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+", re.MULTILINE)

_STEMMER: Final = snowballstemmer.stemmer("english")


# ---------------------------------------------------------------------------------------------------------
# Words and stems
# ---------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=65_536)
def _normalise(word: str) -> str:
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
def _stem(word: str) -> str:
    """The stem of a normalised word; negative contractions stem to ``not`` and "I'd" to ``i``."""
    if "'" in word:
        base, _, suffix = word.partition("'")
        if suffix == "t" and base.endswith("n"):
            return "not"
        return _stem(base)
    if word in _STEM_OVERRIDES:
        return _STEM_OVERRIDES[word]
    if not word.isalpha():
        return word
    return str(_STEMMER.stemWord(word))


def _is_negator(word: str) -> bool:
    """True for "not", "never", "without", "don't" and the like (``word`` normalised)."""
    return word in _NEGATORS or word.endswith("n't")


def _is_function_word(word: str) -> bool:
    """True for articles, pronouns, prepositions, auxiliaries and very common verbs (``word`` normalised)."""
    return word in _FUNCTION_WORDS or word in _COMMON_VERBS or "'" in word or _is_negator(word)


# ---------------------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    word: str
    """Normalised lower-case form."""
    stem: str
    start: int
    end: int
    clause: int
    transparent: bool
    """An article or possessive, skipped when matching phrases."""


def _tokenise(text: str) -> list[_Token]:
    """Split ``text`` into normalised, stemmed words with their character spans and clause numbers."""
    spans = [(_normalise(m.group()), m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    spans = _merge_percentiles(spans)
    tokens: list[_Token] = []
    clause = 0
    previous_end = 0
    for word, start, end in spans:
        if tokens and _CLAUSE_BREAK_RE.search(text, previous_end, start):
            clause += 1
        tokens.append(_Token(word, _stem(word), start, end, clause, word in _TRANSPARENT))
        previous_end = end
    return tokens


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


def _keyword_words(keyword: str) -> list[_Token]:
    tokens = _tokenise(keyword)
    content = [token for token in tokens if not token.transparent]
    return content or tokens


# ---------------------------------------------------------------------------------------------------------
# Compiled keywords
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Keyword:
    text: str
    variants: tuple[tuple[str, ...], ...]
    """Stem sequences that count as this keyword: as written, and with each adjacent pair joined."""

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(s for variant in self.variants for s in variant)


@lru_cache(maxsize=16_384)
def _compile_keyword(keyword: str) -> _Keyword:
    words = _keyword_words(keyword)
    stems = tuple(token.stem for token in words)
    variants = {stems}
    for i in range(len(words) - 1):
        joined = _stem(_normalise(words[i].word + words[i + 1].word))
        variants.add((*stems[:i], joined, *stems[i + 2 :]))
    variants.discard(())  # a keyword of punctuation only never matches
    return _Keyword(keyword, tuple(sorted(variants, key=len, reverse=True)))


@dataclass(frozen=True, slots=True)
class _CompiledPoint:
    text: str
    weight: float
    keywords: tuple[_Keyword, ...]


@dataclass(frozen=True, slots=True)
class _Matcher:
    """Keywords of a list of points compiled once: stems, variants and the vocabulary typos are checked against."""

    points: tuple[_CompiledPoint, ...]
    stems: frozenset[str]
    vocabulary: tuple[str, ...]
    """Keyword words and their stems, long enough for typo tolerance."""
    vocabulary_stems: tuple[str, ...]
    """The keyword stem each vocabulary entry stands for."""
    negated_in_point: frozenset[tuple[int, str]] = frozenset()
    """(point number, keyword) pairs whose point text itself negates the keyword ("instead of a random split")."""
    typo_cache: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict, compare=False)


_PointKey = tuple[tuple[str, tuple[str, ...], float], ...]


def _point_key(points: Sequence[Point]) -> _PointKey:
    return tuple((point.text, tuple(point.keywords), point.weight) for point in points)


@lru_cache(maxsize=1024)
def _matcher(key: _PointKey) -> _Matcher:
    compiled = tuple(
        _CompiledPoint(text, weight, tuple(_compile_keyword(k) for k in keywords)) for text, keywords, weight in key
    )
    keywords = [keyword for point in compiled for keyword in point.keywords]
    stems = frozenset(stem for keyword in keywords for stem in keyword.stems)
    vocabulary: dict[str, str] = {}
    for keyword in keywords:
        for token in _keyword_words(keyword.text):
            if _typo_candidate(token.word):
                vocabulary.setdefault(token.word, token.stem)
                vocabulary.setdefault(token.stem, token.stem)
    matcher = _Matcher(compiled, stems, tuple(vocabulary), tuple(vocabulary.values()))
    return replace(matcher, negated_in_point=_keywords_negated_in_points(matcher))


def _keywords_negated_in_points(matcher: _Matcher) -> frozenset[tuple[int, str]]:
    """Keywords a point's own text mentions negatively: for those a negated mention in the answer is expected."""
    negated: set[tuple[int, str]] = set()
    for number, point in enumerate(matcher.points):
        indexed = _index_answer(point.text, matcher)
        for found in _all_matches(matcher, indexed):
            if found.point == number and _negation_reason(indexed, found):
                negated.add((number, found.keyword.text))
    return frozenset(negated)


def _typo_candidate(word: str) -> bool:
    return len(word) >= 6 and word.isalpha()


def _typo_limit(word: str) -> int:
    return 2 if len(word) >= 9 else 1


# ---------------------------------------------------------------------------------------------------------
# The answer, indexed
# ---------------------------------------------------------------------------------------------------------

_Occurrence = tuple[int, int, bool]
"""First and last content position of a stem's occurrence, and whether it was a typo match."""


@dataclass(slots=True)
class _Answer:
    text: str
    tokens: list[_Token]
    content: list[int]
    """Token indexes of non-transparent tokens; phrase matching walks these positions."""
    index: dict[str, list[_Occurrence]]

    def clause(self, position: int) -> int:
        return self.tokens[self.content[position]].clause

    def span(self, first: int, last: int) -> tuple[int, int]:
        return self.tokens[self.content[first]].start, self.tokens[self.content[last]].end


def _index_answer(text: str, matcher: _Matcher) -> _Answer:
    tokens = _tokenise(text)
    content = [i for i, token in enumerate(tokens) if not token.transparent]
    index: dict[str, list[_Occurrence]] = {}
    for position, token_index in enumerate(content):
        token = tokens[token_index]
        index.setdefault(token.stem, []).append((position, position, False))
        for typo_stem in _typo_matches(token.word, token.stem, matcher):
            index.setdefault(typo_stem, []).append((position, position, True))
        following = tokens[content[position + 1]] if position + 1 < len(content) else None
        joined = _joined_stem(text, token, following)
        if joined in matcher.stems:
            index.setdefault(joined, []).append((position, position + 1, False))
    return _Answer(text, tokens, content, index)


def _joined_stem(text: str, token: _Token, following: _Token | None) -> str | None:
    """The stem of two adjacent words written as one ("roll back" -> "rollback"), if they may be joined."""
    if following is None or following.clause != token.clause:
        return None
    if text[token.end : following.start] not in _JOINABLE_SEPARATORS:
        return None
    return _stem(_normalise(token.word + following.word))


def _typo_matches(word: str, word_stem: str, matcher: _Matcher) -> frozenset[str]:
    """Keyword stems this answer word may be a typo of (one edit, two from nine letters, same first letter)."""
    if word_stem in matcher.stems or not _typo_candidate(word):
        return frozenset()
    key = (word, word_stem)
    if key not in matcher.typo_cache:
        if len(matcher.typo_cache) > TYPO_CACHE_SIZE:
            matcher.typo_cache.clear()
        matcher.typo_cache[key] = frozenset(
            matcher.vocabulary_stems[position]
            for query in {word, word_stem}
            for choice, _, position in process.extract(
                query, matcher.vocabulary, scorer=OSA.distance, score_cutoff=_typo_limit(query), limit=None
            )
            if choice[0] == query[0] and abs(len(choice) - len(query)) <= _typo_limit(query)
        )
    return matcher.typo_cache[key]


def _find(variant: tuple[str, ...], answer: _Answer) -> Iterator[tuple[int, int, bool]]:
    """Every place the stem sequence ``variant`` occurs, allowing :data:`MAX_GAP` extra words in between."""
    for first, end, fuzzy in answer.index.get(variant[0], ()):
        clause = answer.clause(first)
        found = True
        for word_stem in variant[1:]:
            following = next(
                (
                    occurrence
                    for occurrence in answer.index.get(word_stem, ())
                    if end < occurrence[0] <= end + 1 + MAX_GAP and answer.clause(occurrence[0]) == clause
                ),
                None,
            )
            if following is None:
                found = False
                break
            end, fuzzy = following[1], fuzzy or following[2]
        if found:
            yield first, end, fuzzy


def _keyword_matches(keyword: _Keyword, answer: _Answer) -> list[tuple[int, int, bool]]:
    """Non-overlapping occurrences of any variant of ``keyword``, longest variants first."""
    taken: set[int] = set()
    found: list[tuple[int, int, bool]] = []
    for variant in keyword.variants:
        for first, last, fuzzy in _find(variant, answer):
            positions = set(range(first, last + 1))
            if positions & taken:
                continue
            taken |= positions
            found.append((first, last, fuzzy))
    return sorted(found)


# ---------------------------------------------------------------------------------------------------------
# Credit checks: negation, bare lists, bare answers
# ---------------------------------------------------------------------------------------------------------


def _negation_before(answer: _Answer, token_index: int) -> int | None:
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


def _negation_inside(answer: _Answer, found: _Found) -> bool:
    """True when a gap word inside the match is a negation the keyword itself lacks ("I didn't roll back")."""
    keyword_stems = found.keyword.stems
    return any(
        _negates(answer.tokens, i) and answer.tokens[i].stem not in keyword_stems
        for i in range(found.first_token + 1, found.last_token)
    )


def _negates(tokens: list[_Token], i: int) -> bool:
    if not _is_negator(tokens[i].word):
        return False
    if i + 1 < len(tokens) and tokens[i + 1].word in _NOT_NEGATING_NEXT:
        return False
    earlier = tokens[max(0, i - 2) : i]
    return not any(token.word in _CONDITIONALS and token.clause == tokens[i].clause for token in earlier)


def _dismissal_after(answer: _Answer, token_index: int) -> int | None:
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
        if word in _COPULAS and following and _is_negator(tokens[following[0]].word):
            return following[0]
        if word in _COPULAS:
            dismissive = [j for j in following if tokens[j].word in _DISMISSIVE_ADJECTIVES]
            if dismissive:
                return dismissive[0]
        if _is_negator(word):
            dismissive = [j for j in following if tokens[j].word in _DISMISSIVE_VERBS]
            if dismissive:
                return dismissive[0]
    return None


@dataclass(frozen=True, slots=True)
class _BareList:
    start: int
    end: int
    items: int


def _bare_lists(text: str) -> list[_BareList]:
    """Sentences that open with a run of four or more bare items ("Canary, shadow, blue-green, flags, ...").

    A bare "label:" may come first ("Rollouts: canary, shadow, ..."); a lead-in clause ("I would watch p99,
    errors, throughput and saturation") means the list is part of an answer, so it is not flagged. Lists are
    only returned when they hold at least :data:`LIST_MIN_ANSWER_SHARE` of the answer's words: one list of
    criteria inside an explained answer is note-taking, an answer that is mostly lists is name-dropping.
    """
    lists: list[_BareList] = []
    for start, end in sentence_spans(text):
        bullet = _BULLET_RE.match(text, start, end)
        start = bullet.end() if bullet else start
        colon = text.find(":", start, end)
        if colon >= 0 and _is_bare_item(text[start:colon]):
            start = colon + 1
        run = list(itertools.takewhile(lambda span: _is_bare_item(text[span[0] : span[1]]), _items(text, start, end)))
        if len(run) >= LIST_MIN_ITEMS:
            lists.append(_BareList(start, run[-1][1], len(run)))
    listed = sum(len(_WORD_RE.findall(text, bare.start, bare.end)) for bare in lists)
    return lists if listed >= LIST_MIN_ANSWER_SHARE * len(_WORD_RE.findall(text)) else []


def _items(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the list items between ``start`` and ``end``, split at commas, semicolons, "and", "or"."""
    for separator in _ITEM_SPLIT_RE.finditer(text, start, end):
        if _WORD_RE.search(text, start, separator.start()):
            yield start, separator.start()
        start = separator.end()
    if _WORD_RE.search(text, start, end):
        yield start, end


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text``: split after . ! ? and at blank lines."""
    start = 0
    for boundary in _SENTENCE_END_RE.finditer(text):
        yield start, boundary.start()
        start = boundary.end()
    yield start, len(text)


def _is_bare_item(item: str) -> bool:
    """A term rather than a clause: one to four words (a hyphenated compound counts as one), none of them a
    pronoun, article, auxiliary, common verb or negation. Prepositions are allowed ("proof of concept")."""
    pieces = item.split()
    if not 0 < len(pieces) <= LIST_MAX_ITEM_WORDS:
        return False
    words = [_normalise(word) for piece in pieces for word in _WORD_RE.findall(piece) if not _is_compound(piece)]
    return not any(_is_clause_word(word) for word in words)


def _is_compound(piece: str) -> bool:
    return len(_WORD_RE.findall(piece)) > 1


def _is_clause_word(word: str) -> bool:
    return _is_function_word(word) and word not in _PREPOSITIONS


def _function_share(answer: _Answer) -> float:
    words = [token.word for token in answer.tokens if token.word not in {"and", "or"}]
    return sum(_is_function_word(word) for word in words) / len(words) if words else 1.0


# ---------------------------------------------------------------------------------------------------------
# Grading
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    point: int
    keyword: _Keyword
    match: Match
    first_token: int
    last_token: int


def grade_answer(question: Question, answer: str, points: Sequence[Point] | None = None) -> Grade:
    """Decide, for each talking point, whether ``answer`` covers it, and explain every decision.

    ``points`` defaults to ``question.all_points``: the question's points, then each scenario step's points.
    The score is the weighted share of points covered (see :attr:`Grade.score`).
    """
    chosen = list(question.all_points if points is None else points)
    matcher = _matcher(_point_key(chosen))
    indexed = _index_answer(answer, matcher)
    found = list(_all_matches(matcher, indexed))
    bare_answer_note = _bare_answer_note(indexed, found)
    lists = _bare_lists(answer) if found else []

    def reason(item: _Found) -> str | None:
        return bare_answer_note or _rejection_reason(indexed, item, lists, matcher.negated_in_point)

    results = tuple(
        _point_result(number, point, [item for item in found if item.point == number], reason)
        for number, point in enumerate(matcher.points)
    )
    return Grade(question.id, results, (bare_answer_note,) if bare_answer_note else ())


def _point_result(
    number: int, point: _CompiledPoint, found: list[_Found], reason: Callable[[_Found], str | None]
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


def _all_matches(matcher: _Matcher, answer: _Answer) -> Iterator[_Found]:
    for number, point in enumerate(matcher.points):
        for keyword in point.keywords:
            for first, last, fuzzy in _keyword_matches(keyword, answer):
                start, end = answer.span(first, last)
                match = Match(keyword.text, answer.text[start:end], start, end, fuzzy)
                yield _Found(number, keyword, match, answer.content[first], answer.content[last])


def _rejection_reason(
    answer: _Answer, found: _Found, lists: list[_BareList], negated_in_point: frozenset[tuple[int, str]]
) -> str | None:
    if (found.point, found.keyword.text) not in negated_in_point:
        negation = _negation_reason(answer, found)
        if negation:
            return negation
    for bare in lists:
        if bare.start <= found.match.start < bare.end:
            return f"name-dropped in a list of {bare.items} bare terms"
    return None


def _negation_reason(answer: _Answer, found: _Found) -> str | None:
    if _negation_inside(answer, found):
        return f"negated: {found.match.text!r}"
    negation = _negation_before(answer, found.first_token)
    if negation is not None:
        return f"negated: {answer.text[answer.tokens[negation].start : found.match.end]!r}"
    dismissal = _dismissal_after(answer, found.last_token)
    if dismissal is not None:
        return f"negated: {answer.text[found.match.start : answer.tokens[dismissal].end]!r}"
    return None


def _bare_answer_note(answer: _Answer, found: list[_Found]) -> str | None:
    words = len(answer.tokens)
    if words < LIST_MIN_ITEMS or not found:
        return None
    share = _function_share(answer)
    keyword_tokens = {i for f in found for i in range(f.first_token, f.last_token + 1)}
    if share < BARE_ANSWER_FUNCTION_SHARE and len(keyword_tokens) >= BARE_ANSWER_KEYWORD_SHARE * words:
        return f"answer is mostly bare terms: {words} words, {share:.0%} function words"
    return None


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


# ---------------------------------------------------------------------------------------------------------
# Readiness
# ---------------------------------------------------------------------------------------------------------

READINESS_BANDS: Final = ((0.75, "strong hire"), (0.60, "hire"), (0.40, "lean no hire"))
READINESS_RULE: Final = "≥ 0.75 strong hire, ≥ 0.60 hire, ≥ 0.40 lean no hire, else no hire"


def readiness_band(overall: float) -> tuple[str, str]:
    """The hiring band for an overall score from 0 to 1, and the rule that produced it.

    The score is talking-point coverage, which real interviewers do not expect to be complete: a strong
    answer hits three points in four (0.75), a solid one most of them (0.60). Below 0.40 more than half the
    material an interviewer listens for is missing, which in a debrief reads as "no hire". The keyword
    grader also under-credits paraphrases (see ``benchmarks/grading_eval.py``), so the bands are set lower
    than an interviewer's own tick-box share would be rather than higher.
    """
    if not 0.0 <= overall <= 1.0:
        raise ValueError(f"overall score must be between 0 and 1, got {overall!r}")
    band = next((name for threshold, name in READINESS_BANDS if overall >= threshold), "no hire")
    return band, READINESS_RULE


def clear_caches() -> None:
    """Forget compiled keywords and cached stems, for benchmarks measuring a cold start."""
    for cached in (_matcher, _compile_keyword, _stem, _normalise):
        cached.cache_clear()
