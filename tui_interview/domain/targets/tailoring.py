"""Whether an answer refers to the target company's context, or falls back on praise that fits any company.

The guides' advice for "why this company, why this role?": connect the answer to a specific problem the
company solves, and reference something concrete about its product, its stack or what its engineers have
published. So an answer is checked against the active target's profile:

* **stack**: a tool of the profile's stack named in the answer ("Dagster", "KServe");
* **product**, **how it uses ML**, **research notes**: at least :data:`REFERENCE_WORDS` distinctive words of
  that part of the profile used in the answer (words every ML answer uses, such as "model" or "data", do not
  count: :data:`COMMON_WORDS`);
* the company's name is noted, but naming the company is not research.

The score is the share of the profile's filled-in parts (product, ML use, stack, notes) the answer refers
to. Generic praise (:data:`GENERIC_PRAISE`) is found and named; an answer with praise and no reference is
*generic*. Questions that ask "why this company / why this role" carry one of :data:`WHY_TAGS` in the pack.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from tui_interview.domain.bank.pack import Question
from tui_interview.domain.grading.text import tokenise
from tui_interview.domain.stories.similarity import content_stems
from tui_interview.domain.targets.profile import Target

ReferenceKind = Literal["company", "product", "ml_use", "stack", "notes"]
Verdict = Literal["tailored", "partly tailored", "generic", "not tailored"]

WHY_TAGS: Final = frozenset({"company-fit", "target-research", "role-fit"})
"""The pack tags of "why this company / why this role" questions."""
RESEARCH_KINDS: Final[tuple[ReferenceKind, ...]] = ("product", "ml_use", "stack", "notes")
"""The parts of a profile that count as research when an answer refers to them."""
KIND_LABELS: Final[dict[ReferenceKind, str]] = {
    "company": "the company's name",
    "product": "product",
    "ml_use": "how it uses ML",
    "stack": "stack",
    "notes": "research notes",
}
REFERENCE_WORDS: Final = 2
"""Distinctive words of a part of the profile an answer must use to refer to it."""
TAILORED_KINDS: Final = 2
"""Parts of the profile an answer refers to from which it is tailored (or all of them, if fewer are filled in)."""
COMMON_WORDS: Final = content_stems(
    "model models data machine learning team teams product products company companies engineer engineers "
    "engineering platform platforms system systems work working build building role roles user users customer "
    "customers service services business scale production pipeline pipelines application applications"
)
"""Words any answer about ML work uses: sharing them with a profile is no reference to it."""
GENERIC_PRAISE: Final = (
    "great culture",
    "amazing culture",
    "innovative company",
    "industry leader",
    "leader in the industry",
    "cutting-edge",
    "cutting edge",
    "love your product",
    "love the product",
    "love your products",
    "great place to work",
    "amazing company",
    "great company",
    "great reputation",
    "world-class",
    "exciting company",
    "fast-growing company",
    "passionate about your mission",
    "best in class",
    "game changer",
    "game-changer",
)
"""Praise that fits every company: a sign the candidate did no research."""
_PRAISE_RE: Final = re.compile(
    r"\b(?:" + "|".join(re.escape(phrase) for phrase in GENERIC_PRAISE) + r")\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Reference:
    """One part of the profile an answer refers to, with the words of the answer that do."""

    kind: ReferenceKind
    item: str
    """The stack item or note referred to; for the other parts, the part's label."""
    words: tuple[str, ...]


@dataclass(frozen=True)
class Tailoring:
    """How an answer refers to the target company's context."""

    references: tuple[Reference, ...]
    generic: tuple[str, ...]
    """Generic praise found, as written in the answer."""
    available: tuple[ReferenceKind, ...]
    """The research parts the profile has filled in."""

    @property
    def kinds(self) -> tuple[ReferenceKind, ...]:
        """The research parts referred to, in :data:`RESEARCH_KINDS` order."""
        found = {reference.kind for reference in self.references}
        return tuple(kind for kind in RESEARCH_KINDS if kind in found)

    @property
    def score(self) -> float:
        """The share of the profile's research parts the answer refers to, 0 to 1."""
        return len(self.kinds) / len(self.available) if self.available else 0.0

    @property
    def verdict(self) -> Verdict:
        if not self.kinds:
            return "generic" if self.generic else "not tailored"
        return "tailored" if len(self.kinds) >= min(TAILORED_KINDS, len(self.available)) else "partly tailored"

    @property
    def label(self) -> str:
        """``tailored: product, stack (Dagster, KServe)`` or ``generic: 'great culture'``, for one line."""
        parts = [self._kind_label(kind) for kind in self.kinds]
        text = f"{self.verdict}: {', '.join(parts)}" if parts else self.verdict
        if self.generic:
            praise = ", ".join(f"'{phrase}'" for phrase in self.generic)
            text += f" · generic praise {praise}" if parts else f" ({praise}: praise that fits any company)"
        return text

    def _kind_label(self, kind: ReferenceKind) -> str:
        if kind != "stack":
            return KIND_LABELS[kind]
        items = [reference.item for reference in self.references if reference.kind == "stack"]
        return f"stack ({', '.join(items)})"


def is_why_question(question: Question) -> bool:
    """Whether ``question`` asks why this company or this role (it carries one of :data:`WHY_TAGS`)."""
    return not WHY_TAGS.isdisjoint(question.tags)


def tailoring(answer: str, target: Target) -> Tailoring:
    """How ``answer`` refers to ``target``'s product, use of ML, stack and research notes."""
    tokens = tokenise(answer)
    stems = {token.stem for token in tokens}
    words_of: dict[str, str] = {}
    for token in tokens:
        words_of.setdefault(token.stem, answer[token.start : token.end])
    references = [*_named(target.company, "company", target.company, stems, words_of)]
    references += [ref for item in target.stack for ref in _named(item, "stack", item, stems, words_of)]
    answer_content = content_stems(answer) - COMMON_WORDS - content_stems(target.company)
    for kind, item, text in _research_texts(target):
        shared = (content_stems(text) - COMMON_WORDS - content_stems(target.company)) & answer_content
        if len(shared) >= REFERENCE_WORDS:
            references.append(Reference(kind, item, tuple(sorted(words_of[stem] for stem in shared))))
    generic = tuple(dict.fromkeys(found.group() for found in _PRAISE_RE.finditer(answer)))
    return Tailoring(tuple(references), generic, _available(target))


def _named(name: str, kind: ReferenceKind, item: str, stems: set[str], words_of: dict[str, str]) -> list[Reference]:
    """A reference when every word of ``name`` (a tool, the company) is in the answer."""
    name_stems = [token.stem for token in tokenise(name) if not token.transparent]
    if name_stems and all(stem in stems for stem in name_stems):
        return [Reference(kind, item, tuple(words_of[stem] for stem in name_stems))]
    return []


def _research_texts(target: Target) -> list[tuple[ReferenceKind, str, str]]:
    texts: list[tuple[ReferenceKind, str, str]] = []
    if target.product:
        texts.append(("product", KIND_LABELS["product"], target.product))
    if target.ml_use:
        texts.append(("ml_use", KIND_LABELS["ml_use"], target.ml_use))
    texts += [("notes", note.text, note.text) for note in target.notes]
    return texts


def _available(target: Target) -> tuple[ReferenceKind, ...]:
    filled = {"product": bool(target.product), "ml_use": bool(target.ml_use), "stack": bool(target.stack)}
    filled["notes"] = bool(target.notes)
    return tuple(kind for kind in RESEARCH_KINDS if filled[kind])


def referring_answers(
    answers: Sequence[tuple[str, Question, str]], target: Target
) -> tuple[tuple[str, Question, Tailoring], ...]:
    """For each ``(label, question, text)`` answered, its tailoring (why-questions and any other that refers)."""
    checked = []
    for label, question, text in answers:
        if not text.strip():
            continue
        found = tailoring(text, target)
        if is_why_question(question) or found.kinds:
            checked.append((label, question, found))
    return tuple(checked)
