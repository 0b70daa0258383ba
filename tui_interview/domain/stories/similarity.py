"""How much two texts say the same thing: the content words they share, compared as the grader reads words.

Each text becomes the set of stems of its content words (articles, pronouns, prepositions, auxiliaries and
the commonest verbs left out; numbers kept, they are what a story is remembered by), through the grader's
own tokeniser, so British and American spellings, plurals and tenses meet. Two sets are compared with the
overlap coefficient: the share of the smaller set found in the larger, so a short retelling of a long
story still scores high.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from tui_interview.domain.grading.text import is_function_word, tokenise

MIN_WORD_LENGTH: Final = 3
"""Shorter words (``up``, ``ok``, ``db``) say little about which story it is; numbers are kept whatever their length."""


@dataclass(frozen=True)
class Overlap:
    """The content stems two texts share and the overlap coefficient (0 to 1)."""

    score: float
    shared: frozenset[str]


@lru_cache(maxsize=4_096)
def content_stems(text: str) -> frozenset[str]:
    """The stems of the content words of ``text``."""
    return frozenset(
        token.stem
        for token in tokenise(text)
        if not token.transparent
        and not is_function_word(token.word)
        and (len(token.word) >= MIN_WORD_LENGTH or token.word.isdigit())
    )


def overlap(first: frozenset[str], second: frozenset[str]) -> Overlap:
    """The overlap coefficient of two stem sets: shared stems over the size of the smaller set (0 if one is empty)."""
    if not first or not second:
        return Overlap(0.0, frozenset())
    shared = first & second
    return Overlap(len(shared) / min(len(first), len(second)), shared)
