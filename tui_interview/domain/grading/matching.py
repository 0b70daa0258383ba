"""Finding a point's keywords in an answer: compiled keywords, the indexed answer and typo tolerance.

Keywords compare on word stems, as written or with two adjacent words joined ("roll back" and "rollback"),
with one extra word allowed between phrase words inside one clause. An answer word of six letters or more that
is not itself an English word (see :mod:`~tui_interview.domain.grading.english`) may differ from a keyword word
by one edit (two from nine letters), keeping the first letter: "rollbak" finds "rollback", but "restarted",
a real word, never stands for "restored". A contraction in a keyword stands for itself or its spelled-out
form ("I'm an" needs "I'm" or "I am", not any "I").

A wrong claim is worded in many orders ("streaming cuts total latency", "total latency is cut by streaming"), so
the keywords of a *loose* point (a red flag) also match when all their content words occur in one clause, in
any order, within a few words of each other.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from rapidfuzz import process
from rapidfuzz.distance import OSA

from tui_interview.domain.bank.pack import Point
from tui_interview.domain.grading import cues
from tui_interview.domain.grading.english import is_english_word
from tui_interview.domain.grading.results import Match
from tui_interview.domain.grading.text import (
    Token,
    is_function_word,
    is_negator,
    keyword_tokens,
    normalise_word,
    stem_word,
    tokenise,
)

MAX_GAP: Final = 1
"""Extra words allowed between two words of a keyword phrase."""

LOOSE_MIN_WORDS: Final = 3
"""Content words a keyword needs to match loosely: with two, the order is most of what it says ("retrain whenever
drift" is not "retraining on a drift trigger"). Quantifiers and judgements ("all", "always", "fine") must be
there too but do not count towards these."""

_LOOSE_OPTIONAL: Final = cues.COPULAS
"""The only words of a loose keyword (articles are never part of one) an answer may leave out or change: the
rest, prepositions and verbs included, carry the claim ("size jobs at 72" is not "size jobs below 72")."""

LOOSE_SLACK: Final = 3
"""Other words a loose keyword's content words may be spread among, beyond their own number."""


TYPO_CACHE_SIZE: Final = 50_000


_JOINABLE_SEPARATORS: Final = frozenset({"", " ", "-", "/", "_"})


@dataclass(frozen=True, slots=True)
class Keyword:
    text: str
    variants: tuple[tuple[str, ...], ...]
    """Stem sequences that count as this keyword: as written, and with each adjacent pair joined."""
    clause_steps: tuple[tuple[int, ...], ...] = ()
    """For each variant, each word's clause counted from the first word's: 0 throughout unless the keyword itself
    spans a clause break ("severity: warn"), which the answer must then have at the same place."""

    content: tuple[str, ...] = ()
    """The stems of its content words, for loose matching: empty when it has too few, or a negation
    (a negation in a wrong claim is part of what it claims), or spans a clause break."""

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(s for variant in self.variants for s in variant)


_CONTRACTION_EXPANSIONS: Final = {"m": "am", "re": "are", "s": "is", "d": "would", "ll": "will", "ve": "have"}


def _contraction(word: str) -> bool:
    """A pronoun or verb contraction that is not a negation ("I'm", "that's", "we'd"; not "don't")."""
    return "'" in word and stem_word(word) != "not"


def _keyword_stem(token: Token) -> str:
    """A contraction in a keyword stands for itself, not for its first word: "I'm an" needs "I'm", not "I"."""
    return token.word if _contraction(token.word) else token.stem


def _expanded(word: str) -> tuple[str, ...]:
    """ "I'm" as the stems of "I am", for a keyword to match the spelled-out form too."""
    base, _, suffix = word.partition("'")
    expansion = _CONTRACTION_EXPANSIONS.get(suffix)
    return (stem_word(base), stem_word(expansion)) if expansion else (word,)


@lru_cache(maxsize=16_384)
def compile_keyword(keyword: str) -> Keyword:
    words = keyword_tokens(keyword)
    stems = tuple(_keyword_stem(token) for token in words)
    variants = {
        stems,
        tuple(s for token in words for s in (_expanded(token.word) if _contraction(token.word) else (token.stem,))),
    }
    for i in range(len(words) - 1):
        if "'" in words[i].word or "'" in words[i + 1].word or words[i].clause != words[i + 1].clause:
            continue  # "that's" + "why" joined would stem to "that"; "key: value" is never one word
        joined = stem_word(normalise_word(words[i].word + words[i + 1].word))
        variants.add((*stems[:i], joined, *stems[i + 2 :]))
    variants.discard(())  # a keyword of punctuation only never matches
    ordered = tuple(sorted(variants, key=len, reverse=True))
    steps = tuple(token.clause - words[0].clause for token in words) if words else ()
    clause_steps = tuple(steps if variant == stems else tuple(0 for _ in variant) for variant in ordered)
    return Keyword(keyword, ordered, clause_steps, _content_stems(words))


def _content_stems(words: Sequence[Token]) -> tuple[str, ...]:
    if any(is_negator(token.word) for token in words) or len({token.clause for token in words}) > 1:
        return ()
    content = tuple(dict.fromkeys(token.stem for token in words if token.word not in _LOOSE_OPTIONAL))
    telling = {token.stem for token in words if not is_function_word(token.word) and token.word not in cues.EMPTY_WORDS}
    return content if len(telling) >= LOOSE_MIN_WORDS else ()


@dataclass(frozen=True, slots=True)
class CompiledPoint:
    text: str
    weight: float
    keywords: tuple[Keyword, ...]
    loose: bool = False
    """Whether its keywords also match in any order (see :data:`LOOSE_SLACK`)."""


@dataclass(frozen=True, slots=True)
class StemStarts:
    """The first letters of a set of stems, to rule out cheaply that a word stems to one of them.

    Snowball changes a word only at its end (and an apostrophe at its start), so a stem of four letters or more
    keeps its word's first three letters, and a shorter one its first two, unless the second is a "y" ("lying"
    stems to "lie"). Stemming is the costly step of matching; this check is exact, never a guess.
    """

    long: frozenset[str]
    """The first three letters of each stem of four letters or more."""
    short: frozenset[str]
    """The first two letters of each stem of three letters or fewer."""

    @classmethod
    def of(cls, stems: frozenset[str]) -> StemStarts:
        long = frozenset(stem[:3] for stem in stems if len(stem) >= 4)
        return cls(long, frozenset(stem[:2] for stem in stems if len(stem) <= 3))

    def admit(self, word: str) -> bool:
        """False only when the stem of ``word`` (normalised) can be none of the stems."""
        return word[:3] in self.long or word[:2] in self.short or word[1:2] == "y" or "'" in word


@dataclass(frozen=True, slots=True)
class Matcher:
    """Keywords of a list of points compiled once: stems, variants and the vocabulary typos are checked against."""

    points: tuple[CompiledPoint, ...]
    stems: frozenset[str]
    vocabulary: tuple[str, ...]
    """Keyword words and their stems, long enough for typo tolerance."""
    vocabulary_stems: tuple[str, ...]
    """The keyword stem each vocabulary entry stands for."""
    stem_starts: StemStarts = field(default_factory=lambda: StemStarts(frozenset(), frozenset()))
    """How the stems begin: two answer words joined are only stemmed if their stem could be one of them."""
    typo_cache: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict, compare=False)


PointKey = tuple[tuple[str, tuple[str, ...], float], ...]


def point_key(points: Sequence[Point]) -> PointKey:
    return tuple((point.text, tuple(point.keywords), point.weight) for point in points)


@lru_cache(maxsize=1024)
def compile_points(key: PointKey, loose_from: int | None = None) -> Matcher:
    """The matcher for ``key``'s points; those from index ``loose_from`` on are loose (red flags)."""
    compiled = tuple(
        CompiledPoint(
            text, weight, tuple(compile_keyword(k) for k in keywords), loose_from is not None and n >= loose_from
        )
        for n, (text, keywords, weight) in enumerate(key)
    )
    keywords = [keyword for point in compiled for keyword in point.keywords]
    stems = frozenset(stem for keyword in keywords for stem in keyword.stems)
    vocabulary: dict[str, str] = {}
    for keyword in keywords:
        for token in keyword_tokens(keyword.text):
            if _typo_candidate(token.word):
                vocabulary.setdefault(token.word, token.stem)
                vocabulary.setdefault(token.stem, token.stem)
    return Matcher(compiled, stems, tuple(vocabulary), tuple(vocabulary.values()), StemStarts.of(stems))


def _typo_candidate(word: str) -> bool:
    return len(word) >= 6 and word.isalpha()


def _typo_limit(word: str) -> int:
    return 2 if len(word) >= 9 else 1


_Occurrence = tuple[int, int, bool]
"""First and last content position of a stem's occurrence, and whether it was a typo match."""


@dataclass(slots=True)
class IndexedAnswer:
    text: str
    tokens: list[Token]
    content: list[int]
    """Token indexes of non-transparent tokens; phrase matching walks these positions."""
    index: dict[str, list[_Occurrence]]

    def clause(self, position: int) -> int:
        return self.tokens[self.content[position]].clause

    def span(self, first: int, last: int) -> tuple[int, int]:
        return self.tokens[self.content[first]].start, self.tokens[self.content[last]].end


def index_answer(text: str, matcher: Matcher) -> IndexedAnswer:
    tokens = tokenise(text)
    content = [i for i, token in enumerate(tokens) if not token.transparent]
    index: dict[str, list[_Occurrence]] = {}
    for position, token_index in enumerate(content):
        token = tokens[token_index]
        index.setdefault(token.stem, []).append((position, position, False))
        if token.word != token.stem and _contraction(token.word):
            index.setdefault(token.word, []).append((position, position, False))
        for typo_stem in _typo_matches(token.word, token.stem, matcher):
            index.setdefault(typo_stem, []).append((position, position, True))
        following = tokens[content[position + 1]] if position + 1 < len(content) else None
        joined = _joined_stem(text, token, following, matcher.stem_starts)
        if joined in matcher.stems:
            index.setdefault(joined, []).append((position, position + 1, False))
    return IndexedAnswer(text, tokens, content, index)


def _joined_stem(text: str, token: Token, following: Token | None, starts: StemStarts) -> str | None:
    """The stem of two adjacent words written as one ("roll back" -> "rollback"), if they may be joined and it
    may be one of the keyword stems, which begin as ``starts`` says."""
    if following is None or following.clause != token.clause:
        return None
    if text[token.end : following.start] not in _JOINABLE_SEPARATORS:
        return None
    word = normalise_word(token.word + following.word)
    return stem_word(word) if starts.admit(word) else None


def _typo_matches(word: str, word_stem: str, matcher: Matcher) -> frozenset[str]:
    """Keyword stems this answer word may be a typo of (one edit, two from nine letters, same first letter).

    Only a word that is not itself an English word may be a typo: a real word is what the candidate meant.
    """
    if word_stem in matcher.stems or not _typo_candidate(word):
        return frozenset()
    key = (word, word_stem)
    if key in matcher.typo_cache:
        return matcher.typo_cache[key]
    if len(matcher.typo_cache) > TYPO_CACHE_SIZE:
        matcher.typo_cache.clear()
    found: frozenset[str] = frozenset()
    if not is_english_word(word):
        found = frozenset(
            matcher.vocabulary_stems[position]
            for query in {word, word_stem}
            for choice, _, position in process.extract(
                query, matcher.vocabulary, scorer=OSA.distance, score_cutoff=_typo_limit(query), limit=None
            )
            if choice[0] == query[0] and abs(len(choice) - len(query)) <= _typo_limit(query)
        )
    matcher.typo_cache[key] = found
    return found


def _find(
    variant: tuple[str, ...], clause_steps: tuple[int, ...], answer: IndexedAnswer
) -> Iterator[tuple[int, int, bool]]:
    """Every place the stem sequence ``variant`` occurs, allowing :data:`MAX_GAP` extra words in between, each
    word ``clause_steps`` clauses after the first (0: the same clause)."""
    for first, end, fuzzy in answer.index.get(variant[0], ()):
        clause = answer.clause(first)
        found = True
        for word_stem, step in zip(variant[1:], clause_steps[1:], strict=True):
            following = next(
                (
                    occurrence
                    for occurrence in answer.index.get(word_stem, ())
                    if end < occurrence[0] <= end + 1 + MAX_GAP and answer.clause(occurrence[0]) == clause + step
                ),
                None,
            )
            if following is None:
                found = False
                break
            end, fuzzy = following[1], fuzzy or following[2]
        if found:
            yield first, end, fuzzy


def _find_loose(stems: tuple[str, ...], answer: IndexedAnswer) -> Iterator[tuple[int, int, bool]]:
    """Every place all of ``stems`` occur in one clause, in any order, spread over at most their number plus
    :data:`LOOSE_SLACK` words."""
    occurrences = [answer.index.get(stem, []) for stem in stems]
    if not all(occurrences):
        return
    reach = len(stems) + LOOSE_SLACK
    for first, end, fuzzy in occurrences[0]:
        clause = answer.clause(first)
        low, high = first, end
        for others in occurrences[1:]:
            near = [o for o in others if answer.clause(o[0]) == clause and abs(o[0] - first) < reach]
            if not near:
                break
            nearest = min(near, key=lambda o: abs(o[0] - first))
            low, high, fuzzy = min(low, nearest[0]), max(high, nearest[1]), fuzzy or nearest[2]
        else:
            if high - low < reach:
                yield low, high, fuzzy


def _keyword_matches(keyword: Keyword, answer: IndexedAnswer, loose: bool = False) -> list[tuple[int, int, bool]]:
    """Non-overlapping occurrences of any variant of ``keyword``, longest variants first, then (``loose``) of
    its content words in any order."""
    taken: set[int] = set()
    found: list[tuple[int, int, bool]] = []
    steps = keyword.clause_steps or tuple(tuple(0 for _ in variant) for variant in keyword.variants)
    searches = [
        _find(variant, clause_steps, answer) for variant, clause_steps in zip(keyword.variants, steps, strict=True)
    ]
    if loose and keyword.content:
        searches.append(_find_loose(keyword.content, answer))
    for search in searches:
        for first, last, fuzzy in search:
            positions = set(range(first, last + 1))
            if positions & taken:
                continue
            taken |= positions
            found.append((first, last, fuzzy))
    return sorted(found)


@dataclass(frozen=True, slots=True)
class Found:
    point: int
    keyword: Keyword
    match: Match
    first_token: int
    last_token: int


def all_matches(matcher: Matcher, answer: IndexedAnswer) -> Iterator[Found]:
    for number, point in enumerate(matcher.points):
        for keyword in point.keywords:
            for first, last, fuzzy in _keyword_matches(keyword, answer, point.loose):
                start, end = answer.span(first, last)
                match = Match(keyword.text, answer.text[start:end], start, end, fuzzy)
                yield Found(number, keyword, match, answer.content[first], answer.content[last])
