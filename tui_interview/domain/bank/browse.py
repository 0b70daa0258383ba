"""Studying a pack outside a session: its questions filtered by area, kind, level and words, and a question's sheet.

Words are compared the way the grader reads an answer ("pipelines" finds "pipeline", "artefact" finds
"artifact"): the caller passes the grader's normalising and stemming in (:class:`Wording`), since the pack sits
below the grader in the domain's layers. A word of the search matches a question when one of the question's words
has the same stem, or, while it is still being typed, starts with it. Every word must match (in any order,
anywhere in the question), and the questions where they match in the id or the prompt come before those where
they match in the points, and those before the model answer.

Stemming is the slow part (the shipped pack's 8,000 distinct words take most of a second), so the index keeps
the normalised words only and stems just the few that could share a search word's stem.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz, process, utils

from tui_interview.domain.bank.pack import Pack, Point, Question
from tui_interview.domain.vocabulary import KINDS, LEVELS


@dataclass(frozen=True)
class Wording:
    """How words are read: ``grading.word_forms.GRADER_WORDING`` reads them as the grader does."""

    words: Callable[[str], Iterable[str]]
    """The distinct normalised words of a text, in order."""
    stem: Callable[[str], str]
    """The stem of a normalised word."""


FIELD_WEIGHTS: Final[Mapping[str, int]] = {
    "id": 6,
    "prompt": 5,
    "tags": 4,
    "points": 3,
    "model answer": 1,
    "follow-ups and red flags": 1,
}
"""Where a search word is found, and how much that counts in the ranking: the id and prompt say what a question
is about; a model answer mentions many things in passing."""
PREFIX_SHARE: Final = 0.5
"""A word found only as the start of a longer one (still being typed) counts half as much as a whole word."""
SPREAD_BONUS: Final = 0.1
"""Among questions whose best fields weigh the same, each further field a word is found in ranks a little higher."""
COMMON_SHARE: Final = 0.5
"""A search word in more than this share of the pack's questions narrows nothing: it is left out of the search
("how", "the"), unless every word of the search is that common."""
CLOSE_IDS: Final = 3
CLOSE_ID_CUTOFF: Final = 60
"""rapidfuzz ``token_set_ratio`` (0-100) of two ids, their parts as words, from which an id is offered as what an
unknown one may have meant: "serving-canary-conversion-drop" finds the pack's canary questions (64)."""


@dataclass(frozen=True)
class QuestionFilter:
    """What the candidate wants to see: empty tuples and an empty text mean "any"."""

    areas: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    text: str = ""

    def admits(self, question: Question) -> bool:
        """Whether ``question`` is of a chosen area, kind and level (the text is not looked at)."""
        return (
            (not self.areas or question.area in self.areas)
            and (not self.kinds or question.kind in self.kinds)
            and (not self.levels or question.level in self.levels)
        )


@dataclass(frozen=True)
class Hit:
    """A question that passes the filter; with a text, how well it matches and where."""

    question: Question
    score: float = 0.0
    found_in: tuple[str, ...] = ()
    """The fields where the search words were found, in :data:`FIELD_WEIGHTS` order."""


def question_fields(question: Question) -> dict[str, str]:
    """The text of each searchable field of ``question``."""
    return {
        "id": question.id,
        "prompt": "\n".join([question.prompt, *(step.reveal for step in question.steps)]),
        "tags": "\n".join(question.tags),
        "points": "\n".join(point.text for point in question.all_points),
        "model answer": question.model_answer,
        "follow-ups and red flags": "\n".join(
            [*question.follow_ups, *(f"{flag.text}\n{flag.why}" for flag in question.red_flags)]
        ),
    }


FIELD_BITS: Final[Mapping[str, int]] = {name: 1 << number for number, name in enumerate(FIELD_WEIGHTS)}
Found = dict[int, int]
"""For each question (its number in :attr:`BankIndex.questions`): the fields holding a word, as bits of
:data:`FIELD_BITS`."""


class BankIndex:
    """A pack's questions with their words, read once, to filter and search as the candidate types."""

    def __init__(self, pack: Pack, wording: Wording) -> None:
        self.pack = pack
        self.wording = wording
        area_order = {area.id: number for number, area in enumerate(pack.info.areas)}
        kind_order = {kind: number for number, kind in enumerate(KINDS)}
        level_order = {level: number for number, level in enumerate(LEVELS)}
        self.questions: tuple[Question, ...] = tuple(
            sorted(
                pack.questions,
                key=lambda q: (area_order.get(q.area, len(area_order)), kind_order[q.kind], level_order[q.level], q.id),
            )
        )
        """Every question in the order a list shows them: by area (as the pack declares them), kind, level, id."""
        self._words: _WordPostings | None = None

    def prepare(self) -> None:
        """Read the words of every question (a quarter of a second for 400 questions); the first search does it
        if nothing did before."""
        if self._words is None:
            self._words = _WordPostings(self.questions, self.wording)

    def search(self, choice: QuestionFilter) -> list[Hit]:
        """The questions ``choice`` admits; with a text, only those holding every word of it, best matches first
        (ties in list order). Always the same result for the same pack and filter."""
        admitted = [number for number, question in enumerate(self.questions) if choice.admits(question)]
        terms = list(dict.fromkeys(self.wording.words(choice.text)))
        if not terms:
            return [Hit(self.questions[number]) for number in admitted]
        words = self._postings()
        matches = _narrowing([words.matches(term) for term in terms], COMMON_SHARE * len(self.questions))
        ranked: list[tuple[float, int, Hit]] = []
        for number in admitted:
            found = [match[number] for match in matches if number in match]
            if len(found) < len(matches):
                continue
            bits = 0
            for _, fields in found:
                bits |= fields
            score = sum(best + SPREAD_BONUS * (_field_count(fields) - 1) for best, fields in found)
            ranked.append((-score, number, Hit(self.questions[number], score, _field_names(bits))))
        return [hit for _, _, hit in sorted(ranked, key=lambda item: item[:2])]

    def _postings(self) -> _WordPostings:
        self.prepare()
        assert self._words is not None
        return self._words


Matches = dict[int, tuple[float, int]]
"""For each question a search word matches: how well, and in which fields (bits of :data:`FIELD_BITS`)."""


def _narrowing(matches: list[Matches], limit: float) -> list[Matches]:
    """Leave out the search words more than ``limit`` questions hold, unless every word is that common."""
    narrowing = [match for match in matches if len(match) <= limit]
    return narrowing or matches


class _WordPostings:
    """Where each normalised word of a pack's questions is found: in which questions, and in which fields."""

    def __init__(self, questions: Sequence[Question], wording: Wording) -> None:
        self._stem = wording.stem
        by_word: dict[str, Found] = {}
        for number, question in enumerate(questions):
            for name, text in question_fields(question).items():
                bit = FIELD_BITS[name]
                for word in wording.words(text):
                    found = by_word.setdefault(word, {})
                    found[number] = found.get(number, 0) | bit
        self._by_word = by_word
        self._sorted_words = sorted(by_word)

    def matches(self, word: str) -> Matches:
        """The questions one search word matches: how well (its best field's weight) and in which fields.

        A word of the question with the same stem is a whole match; one that only starts with the search word
        (still being typed: "pipel") counts :data:`PREFIX_SHARE` as much. A word can share the stem only if it
        starts with the stem less its last letter (stemming changes the end of a word: "policy", "policies"
        and "polici"), so only those words are stemmed."""
        stem = self._stem(word)
        whole = {candidate for candidate in self._words_starting(stem[:-1] or stem) if self._stem(candidate) == stem}
        matches: Matches = {}
        for candidate in sorted(whole | set(self._words_starting(word))):
            share = 1.0 if candidate in whole else PREFIX_SHARE
            for number, fields in self._by_word[candidate].items():
                score, bits = matches.get(number, (0.0, 0))
                matches[number] = (max(score, _best_weight(fields) * share), bits | fields)
        return matches

    def _words_starting(self, prefix: str) -> Iterable[str]:
        """The pack's words that start with ``prefix`` (``prefix`` itself included), in order."""
        words = self._sorted_words
        for index in range(bisect_left(words, prefix), len(words)):
            if not words[index].startswith(prefix):
                break
            yield words[index]


def _best_weight(bits: int) -> int:
    return max(FIELD_WEIGHTS[name] for name, bit in FIELD_BITS.items() if bits & bit)


def _field_count(bits: int) -> int:
    return bin(bits).count("1")


def _field_names(bits: int) -> tuple[str, ...]:
    return tuple(name for name, bit in FIELD_BITS.items() if bits & bit)


def close_ids(pack: Pack, question_id: str, limit: int = CLOSE_IDS) -> list[str]:
    """The ids of ``pack`` most like ``question_id``, best first: what a mistyped id may have meant."""
    ids = [question.id for question in pack.questions]
    found = process.extract(
        question_id,
        ids,
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=CLOSE_ID_CUTOFF,
    )
    return [choice for choice, _score, _index in sorted(found, key=lambda item: (-item[1], item[0]))]


# The question sheet -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetPoint:
    """A talking point and its weight in the question's score."""

    text: str
    weight: float

    @property
    def weight_label(self) -> str:
        """``weight 2`` for a point that counts more (or less) than the others; empty for the usual weight 1."""
        return "" if self.weight == 1 else f"weight {self.weight:g}"


@dataclass(frozen=True)
class SheetStep:
    """What the interviewer adds at one step of a scenario, and what to say about it."""

    number: int
    reveal: str
    points: tuple[SheetPoint, ...]


@dataclass(frozen=True)
class SheetFlag:
    """A known wrong claim, why it is wrong, and the point it costs (if it contradicts one)."""

    text: str
    why: str
    contradicts: str | None


@dataclass(frozen=True)
class SheetFact:
    text: str
    source: str
    as_of: str


@dataclass(frozen=True)
class QuestionSheet:
    """Everything the pack says about one question, to read outside a session (the CLI and the browse screen
    both show this). Prompt, reveals, follow-ups and model answer are the pack's Markdown, as written."""

    id: str
    area: str
    area_title: str
    kind: str
    level: str
    minutes: float
    prompt: str
    points: tuple[SheetPoint, ...]
    steps: tuple[SheetStep, ...]
    red_flags: tuple[SheetFlag, ...]
    follow_ups: tuple[str, ...]
    model_answer: str
    facts: tuple[SheetFact, ...]
    tags: tuple[str, ...]
    as_of: str | None


def question_sheet(pack: Pack, question: Question) -> QuestionSheet:
    """The sheet of ``question``, a question of ``pack``."""
    every_point = question.all_points
    return QuestionSheet(
        id=question.id,
        area=question.area,
        area_title=pack.area_titles.get(question.area, question.area),
        kind=question.kind,
        level=question.level,
        minutes=question.minutes,
        prompt=question.prompt,
        points=_points(question.points),
        steps=tuple(
            SheetStep(number, step.reveal, _points(step.points)) for number, step in enumerate(question.steps, 1)
        ),
        red_flags=tuple(
            SheetFlag(
                flag.text,
                flag.why,
                every_point[flag.contradicts].text
                if flag.contradicts is not None and flag.contradicts < len(every_point)
                else None,
            )
            for flag in question.red_flags
        ),
        follow_ups=tuple(question.follow_ups),
        model_answer=question.model_answer.strip(),
        facts=tuple(SheetFact(fact.text, fact.source, fact.as_of) for fact in question.facts),
        tags=tuple(question.tags),
        as_of=question.as_of,
    )


def _points(points: Sequence[Point]) -> tuple[SheetPoint, ...]:
    return tuple(SheetPoint(point.text, point.weight) for point in points)
