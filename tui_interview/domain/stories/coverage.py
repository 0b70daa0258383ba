"""The coverage map: which competencies the bank has stories for, and which story fits each behavioral question.

A story fits a question when they share a competency (behavioral questions carry ``competencies`` in the
pack; stories carry them in ``stories.toml``). Among the stories that fit, the best is the one that shares the
most of the question's competencies, then the one whose competencies match the question's most closely
(Jaccard: of two stories showing what the question asks, the one that claims less besides), then the one whose
words are closest to the question's, then the first in the bank.

The map says which competencies have no story (the three the interview guides insist on are flagged:
:data:`SEED_COMPETENCIES`), which story is the best fit for which questions, and which story is stretched:
the best fit for so many questions that one story would be told for most of the round.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from tui_interview.domain.bank.pack import Question
from tui_interview.domain.stories.bank import Story
from tui_interview.domain.stories.similarity import content_stems, overlap
from tui_interview.domain.vocabulary import COMPETENCIES, Competency

SEED_COMPETENCIES: Final[tuple[Competency, ...]] = ("technical-judgment", "collaboration", "mistake-learning")
"""What every prepared set of stories should show, in the guides' words: technical judgment, collaboration and
learning from failure."""
STRETCHED_SHARE: Final = 0.4
"""A story that is the best fit for more than this share of the questions the bank covers is stretched."""
STRETCHED_MINIMUM: Final = 4
"""…and for at least this many questions: two or three questions are no stretch."""


@dataclass(frozen=True)
class Fit:
    """How well one story fits one question: shared competencies first, then shared words."""

    shared: tuple[Competency, ...]
    closeness: float
    """Jaccard of the two competency sets, 0 to 1."""
    wording: float
    """The overlap of the story's words with the question's prompt, 0 to 1."""

    @property
    def by_competencies(self) -> tuple[int, float]:
        """How well the competencies fit: how many are shared, then how closely the two sets match."""
        return (len(self.shared), self.closeness)

    @property
    def rank(self) -> tuple[int, float, float]:
        return (*self.by_competencies, self.wording)


@dataclass(frozen=True)
class QuestionFit:
    """The best story for one behavioral question, or None when no story shares a competency with it."""

    question: Question
    story: Story | None
    fit: Fit | None


@dataclass(frozen=True)
class CompetencyCoverage:
    competency: Competency
    stories: tuple[str, ...]
    """Ids of the stories that show it."""
    questions: int
    """Behavioral questions of the pack that probe it."""

    @property
    def missing(self) -> bool:
        return not self.stories

    @property
    def seed(self) -> bool:
        """One of :data:`SEED_COMPETENCIES`."""
        return self.competency in SEED_COMPETENCIES


@dataclass(frozen=True)
class StoryLoad:
    """The questions a story is the best fit for."""

    story: Story
    questions: tuple[str, ...]
    stretched: bool


@dataclass(frozen=True)
class CoverageMap:
    competencies: tuple[CompetencyCoverage, ...]
    """Every competency of the vocabulary, in its order."""
    fits: tuple[QuestionFit, ...]
    """Every behavioral question, in pack order."""
    loads: tuple[StoryLoad, ...]
    """Every story, in bank order."""

    @property
    def missing(self) -> tuple[CompetencyCoverage, ...]:
        return tuple(item for item in self.competencies if item.missing)

    @property
    def missing_seed(self) -> tuple[Competency, ...]:
        missing = {item.competency for item in self.missing}
        return tuple(competency for competency in SEED_COMPETENCIES if competency in missing)

    @property
    def stretched(self) -> tuple[StoryLoad, ...]:
        return tuple(load for load in self.loads if load.stretched)

    @property
    def unfitted(self) -> tuple[Question, ...]:
        """Behavioral questions no story fits."""
        return tuple(fit.question for fit in self.fits if fit.story is None)


def fit(story: Story, question: Question) -> Fit | None:
    """How well ``story`` fits ``question``; None when they share no competency."""
    shared = tuple(c for c in question.competencies if c in story.competencies)
    if not shared:
        return None
    union = set(question.competencies) | set(story.competencies)
    wording = overlap(content_stems(story.title + "\n" + story.telling), content_stems(question.prompt)).score
    return Fit(shared, len(shared) / len(union), wording)


def best_story(question: Question, stories: Sequence[Story]) -> QuestionFit:
    """The story of ``stories`` that fits ``question`` best (the first of equals), or none."""
    best: tuple[Story, Fit] | None = None
    for story in stories:
        found = fit(story, question)
        if found is not None and (best is None or found.rank > best[1].rank):
            best = (story, found)
    return QuestionFit(question, best[0] if best else None, best[1] if best else None)


def behavioral_questions(questions: Sequence[Question]) -> tuple[Question, ...]:
    return tuple(question for question in questions if question.kind == "behavioral")


def coverage_map(stories: Sequence[Story], questions: Sequence[Question]) -> CoverageMap:
    """The map of ``stories`` over the behavioral questions among ``questions`` (a pack's, in its order)."""
    behavioral = behavioral_questions(questions)
    fits = tuple(best_story(question, stories) for question in behavioral)
    covered = sum(item.story is not None for item in fits)
    competencies = tuple(
        CompetencyCoverage(
            competency,
            tuple(story.id for story in stories if competency in story.competencies),
            sum(competency in question.competencies for question in behavioral),
        )
        for competency in COMPETENCIES
    )
    loads = []
    for story in stories:
        best_for = tuple(item.question.id for item in fits if item.story is not None and item.story.id == story.id)
        stretched = len(best_for) >= STRETCHED_MINIMUM and len(best_for) > STRETCHED_SHARE * covered
        loads.append(StoryLoad(story, best_for, stretched))
    return CoverageMap(competencies, fits, tuple(loads))
