"""Is a word a real English word, and how common is it? From the frequency dictionary that ships with symspellpy.

symspellpy's wheel carries ``frequency_dictionary_en_82_765.txt``: 82,765 English words (the intersection of
the Google Books n-gram counts with SCOWL, so common misspellings are not in it), one ``word count`` pair per
line, most frequent first. The grader asks it two things:

* :func:`is_english_word`: typo tolerance may only match a word that is *not* a real word ("restarted" is a
  word, so it never stands for the keyword "restored"; "rollbak" is not, so it may stand for "rollback");
* :func:`is_common_word`: a one-word keyword that is among the :data:`COMMON_RANK` most frequent English words
  ("impact", "review", "minutes") is generic, weaker evidence on its own than "canary" or "p99".

The dictionary is read lazily, once, on the first question asked (about 50 ms); nothing is loaded at import,
so app start-up does not pay for it. Only the word list is needed, not SymSpell's correction index (building
that with ``SymSpell.load_dictionary`` takes about four times as long and is never used), so the file is read
directly from the installed package.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from typing import Final

DICTIONARY_PACKAGE: Final = "symspellpy"
DICTIONARY_FILE: Final = "frequency_dictionary_en_82_765.txt"

COMMON_RANK: Final = 5000
"""Words ranked above this (0 is the most frequent) are common: "impact" is 1282nd, "latency" 12806th."""


@cache
def _ranks() -> dict[str, int]:
    """Each dictionary word with its frequency rank (the file lists the most frequent first)."""
    text = resources.files(DICTIONARY_PACKAGE).joinpath(DICTIONARY_FILE).read_text(encoding="utf-8")
    ranks: dict[str, int] = {}
    for line in text.splitlines():
        word, _, _count = line.partition(" ")
        if word:
            ranks.setdefault(word, len(ranks))
    return ranks


@lru_cache(maxsize=65_536)
def word_rank(word: str) -> int | None:
    """The frequency rank of a lower-case ``word`` (0 for "the"), or None when it is not an English word."""
    return _ranks().get(word.lower())


def is_english_word(word: str) -> bool:
    """True when ``word`` (any case) is in the English dictionary."""
    return word_rank(word) is not None


_SUFFIXES: Final = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("es", ""),
    ("s", ""),
)


@lru_cache(maxsize=65_536)
def family_rank(word: str) -> int | None:
    """The best frequency rank among ``word`` and its likely base forms ("fixing" ranks as "fix" does), or None."""
    word = word.lower()
    ranks = [word_rank(word)]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            ranks.append(word_rank(word[: -len(suffix)] + replacement))
    found = [rank for rank in ranks if rank is not None]
    return min(found) if found else None


def is_common_word(word: str) -> bool:
    """True for one of the :data:`COMMON_RANK` most frequent English words, counting inflections as their base
    form ("fixing", "resolved")."""
    rank = family_rank(word)
    return rank is not None and rank < COMMON_RANK


def clear_cache() -> None:
    """Forget the loaded dictionary, for benchmarks measuring a cold start."""
    family_rank.cache_clear()
    word_rank.cache_clear()
    _ranks.cache_clear()
