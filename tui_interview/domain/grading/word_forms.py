"""Words as the grader reads them, for searching a pack (see :mod:`tui_interview.domain.bank.browse`).

The pack sits below the grader in the domain's layers, so the browse module is handed :data:`GRADER_WORDING`
rather than importing the grader: a search then finds "pipeline" for "pipelines" and "artifact" for "artefact",
as grading does.
"""

from __future__ import annotations

from typing import Final

from tui_interview.domain.bank.browse import Wording
from tui_interview.domain.grading.text import WORD_RE, normalise_word, stem_word


def normalised_words(text: str) -> list[str]:
    """The distinct words of ``text`` in order, normalised as the grader normalises them."""
    return list(dict.fromkeys(normalise_word(word) for word in dict.fromkeys(WORD_RE.findall(text))))


GRADER_WORDING: Final = Wording(words=normalised_words, stem=stem_word)
