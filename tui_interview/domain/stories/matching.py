"""Which prepared story a behavioral answer told, whether a loop told one story twice, and what fitted better.

An answer told a story when it shares enough of the story's content words (see
:mod:`~tui_interview.domain.stories.similarity`): at least :data:`MATCH_THRESHOLD` of the smaller of the two
word sets, and :data:`MIN_SHARED_WORDS` words at the least, so that two short texts sharing "model" and
"deploy" are not a match. When several stories pass, the closest is the one told.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from tui_interview.domain.bank.pack import Question
from tui_interview.domain.stories.bank import Story
from tui_interview.domain.stories.coverage import best_story, fit
from tui_interview.domain.stories.similarity import content_stems, overlap

MATCH_THRESHOLD: Final = 0.35
"""The overlap from which an answer retells a story. A retelling in other words scores 0.5 and more; an answer
about another event of the same kind (another incident, another disagreement) scored 0.2 to 0.3 in the tests."""
MIN_SHARED_WORDS: Final = 5


@dataclass(frozen=True)
class StoryMatch:
    """The story an answer told, how closely (0 to 1), and the content words they share (stems)."""

    story: Story
    score: float
    shared: frozenset[str]


@dataclass(frozen=True)
class StoryUse:
    """What a behavioral answer did with the bank: the story it told, a repeat, a better-fitting story."""

    label: str
    """Where the answer is, as the report says it ("Behavioral Q2")."""
    question: Question
    told: StoryMatch | None
    repeat_of: str | None = None
    """The label of an earlier answer of the same session that told the same story."""
    better: Story | None = None
    """A story whose competencies fit the question more closely than the one told (or, none told, one that fits)."""


def story_told(answer: str, stories: Sequence[Story]) -> StoryMatch | None:
    """The story of ``stories`` that ``answer`` retells, or None."""
    words = content_stems(answer)
    best: StoryMatch | None = None
    for story in stories:
        found = overlap(words, content_stems(story.title + "\n" + story.telling))
        if found.score < MATCH_THRESHOLD or len(found.shared) < MIN_SHARED_WORDS:
            continue
        if best is None or found.score > best.score:
            best = StoryMatch(story, found.score, found.shared)
    return best


def stories_told(answers: Sequence[tuple[str, Question, str]], stories: Sequence[Story]) -> tuple[StoryUse, ...]:
    """For each ``(label, question, answer text)`` of a session, in order, behavioral questions only: its story use."""
    uses: list[StoryUse] = []
    told_at: dict[str, str] = {}
    for label, question, text in answers:
        if question.kind != "behavioral" or not text.strip():
            continue
        told = story_told(text, stories)
        repeat_of = told_at.get(told.story.id) if told else None
        if told and repeat_of is None:
            told_at[told.story.id] = label
        uses.append(StoryUse(label, question, told, repeat_of, _better(question, told, stories)))
    return tuple(uses)


def _better(question: Question, told: StoryMatch | None, stories: Sequence[Story]) -> Story | None:
    best = best_story(question, stories)
    if best.story is None or best.fit is None:
        return None
    if told is None:
        return best.story
    if best.story.id == told.story.id:
        return None
    told_fit = fit(told.story, question)
    return best.story if told_fit is None or best.fit.by_competencies > told_fit.by_competencies else None
