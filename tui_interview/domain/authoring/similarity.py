"""Near-duplicate questions: two prompts that ask the same thing, in other words or in the same ones.

Two measures, either of which flags a pair:

* **meaning**: TF-IDF cosine over the stemmed content words, and pairs of adjacent content words, of each
  question's prompt, point texts and tags, with inverse document frequencies computed over the pack. Two
  questions that share the rare terms of one topic ("prefill", "decode", "disaggregated") score high even when
  they are worded, framed and levelled differently; words every question uses weigh almost nothing.
* **wording**: rapidfuzz's ``token_sort_ratio`` of the two prompts, normalised as the grader normalises text,
  which catches a prompt reworded or reordered.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Final, Literal

from rapidfuzz import fuzz, process

from tui_interview.domain.bank.pack import Question
from tui_interview.domain.grading.text import is_function_word, tokenise

MEANING_THRESHOLD: Final = 0.22
"""TF-IDF cosine from which two questions are near-duplicates in meaning. On the 2026-12-01 pack (333 questions) it
finds 6 of the audit's 7 clusters (9 of their 11 pairs) and flags 14 other pairs, 4 of them overlaps the audit also
noted; the weakest cluster found scores 0.25. Finding the seventh (0.17) would flag 53 other pairs."""

WORDING_THRESHOLD: Final = 85
"""``token_sort_ratio`` (0 to 100) of two normalised prompts from which one is a rewording of the other: the same
words in a new order, or with a word or two swapped. Distinct questions of one pack stay below about 75."""

SHARED_TERMS_SHOWN: Final = 3

Vector = dict[str, float]


@dataclass(frozen=True)
class SimilarPair:
    """Two questions of a pack that ask the same thing; ``first`` comes first in the pack."""

    first: Question
    second: Question
    by: Literal["meaning", "wording"]
    score: float
    """The cosine (0 to 1) for meaning, the ratio (0 to 100) for wording."""
    shared: tuple[str, ...] = ()
    """For meaning: the terms that weigh most in the similarity, as written in the pack."""


def similar_pairs(questions: Sequence[Question]) -> list[SimilarPair]:
    """Every pair of ``questions`` that is a near-duplicate in wording or in meaning (wording reported first)."""
    reworded = {(first, second): score for first, second, score in _rewordings(questions)}
    pairs = [SimilarPair(questions[i], questions[j], "wording", score) for (i, j), score in reworded.items()]
    documents = _Documents(questions)
    for (i, j), score in documents.cosines().items():
        if score >= MEANING_THRESHOLD and (i, j) not in reworded:
            pairs.append(SimilarPair(questions[i], questions[j], "meaning", score, documents.shared(i, j)))
    return pairs


def sorted_prompt_words(question: Question) -> str:
    """The prompt's words as the grader reads them (no articles, possessives or punctuation), sorted: comparing
    two of these with ``fuzz.ratio`` is rapidfuzz's ``token_sort_ratio`` of the normalised prompts."""
    return " ".join(sorted(token.word for token in tokenise(question.prompt) if not token.transparent))


def _rewordings(questions: Sequence[Question]) -> Iterator[tuple[int, int, float]]:
    prompts = [sorted_prompt_words(question) for question in questions]
    for first, prompt in enumerate(prompts[:-1]):
        later = prompts[first + 1 :]
        for _, score, offset in process.extract(
            prompt, later, scorer=fuzz.ratio, processor=None, score_cutoff=WORDING_THRESHOLD, limit=None
        ):
            yield first, first + 1 + offset, score


class _Documents:
    """Each question as a TF-IDF vector of its terms, with the surface word of each stem for messages."""

    def __init__(self, questions: Sequence[Question]) -> None:
        self.spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
        counts = [Counter(self._terms(question)) for question in questions]
        frequency = Counter(term for count in counts for term in count)
        self.vectors = [_unit(_weights(count, frequency, len(counts))) for count in counts]

    def _terms(self, question: Question) -> list[str]:
        """Stems of the content words of each text, then each pair of adjacent ones."""
        texts = [question.prompt, *(point.text for point in question.all_points), *question.tags]
        terms: list[str] = []
        for text in texts:
            stems = []
            for token in tokenise(text):
                if token.transparent or is_function_word(token.word) or token.word.isdigit() or len(token.word) < 2:
                    continue
                self.spellings[token.stem][token.word] += 1
                stems.append(token.stem)
            terms += stems + [f"{a} {b}" for a, b in pairwise(stems)]
        return terms

    def cosines(self) -> dict[tuple[int, int], float]:
        """The cosine of every pair of questions sharing a term, summed term by term over who holds it."""
        holders: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
        for number, vector in enumerate(self.vectors):
            for term, weight in vector.items():
                holders[term].append((number, weight))
        sums: defaultdict[tuple[int, int], float] = defaultdict(float)
        for holding in holders.values():
            for position, (first, weight) in enumerate(holding):
                for second, other in holding[position + 1 :]:
                    sums[first, second] += weight * other
        return sums

    def shared(self, first: int, second: int) -> tuple[str, ...]:
        a, b = self.vectors[first], self.vectors[second]
        top = sorted(set(a) & set(b), key=lambda term: -a[term] * b[term])[:SHARED_TERMS_SHOWN]
        return tuple(" ".join(self._written(stem) for stem in term.split()) for term in top)

    def _written(self, stem: str) -> str:
        """The pack's most frequent spelling of ``stem``."""
        spelled = self.spellings.get(stem)
        return spelled.most_common(1)[0][0] if spelled else stem


def _weights(count: Counter[str], frequency: Counter[str], documents: int) -> Vector:
    """Sub-linear term frequency times smoothed inverse document frequency."""
    return {
        term: (1 + math.log(times)) * (math.log((1 + documents) / (1 + frequency[term])) + 1)
        for term, times in count.items()
    }


def _unit(vector: Vector) -> Vector:
    norm = math.sqrt(sum(weight * weight for weight in vector.values())) or 1.0
    return {term: weight / norm for term, weight in vector.items()}
