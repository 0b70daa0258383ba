"""Review dates for stories: a story told well comes back later, one told badly (or not told when drilled) soon.

A story is reviewed each time it is **told**: a behavioral answer of any saved session (a loop, a practice, a
drill) that retells it (:func:`~tui_interview.domain.stories.matching.story_told`), rated by the rule questions
are rated by (:func:`~tui_interview.domain.history.spaced.rating_for`: the self-rating, else the answer's score;
a skip is Again). A **drill** whose answer did not tell the story drilled is a failed review of that story
(Again). The reviews are replayed oldest first, each session once, through the same FSRS scheduler as the
questions (:func:`~tui_interview.domain.history.spaced.replay`), so stories and questions follow one rule.

A story never told has no date: it is *not told yet*, and a first drill puts it on the schedule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fsrs import Card, Rating

from tui_interview.domain.bank.pack import Pack
from tui_interview.domain.history.index import SessionSummary
from tui_interview.domain.history.spaced import (
    ReviewResult,
    default_scheduler,
    due_in_words,
    in_review_order,
    rating_for,
    replay,
)
from tui_interview.domain.sessions.records import SessionRecord
from tui_interview.domain.sessions.store import SessionFileError
from tui_interview.domain.stories.bank import Story
from tui_interview.domain.stories.drill import drilled_story
from tui_interview.domain.stories.matching import story_told

NOT_TOLD = "not told yet"


@dataclass(frozen=True)
class StorySchedule:
    """Each told story's review card and its reviews (oldest first)."""

    cards: Mapping[str, Card]
    reviews: Mapping[str, tuple[ReviewResult, ...]]

    def due(self, now: datetime) -> tuple[str, ...]:
        """Ids of the stories due at ``now``, most overdue first (ties by id)."""
        moment = now.astimezone(UTC)
        return tuple(story_id for due, story_id in sorted((c.due, s) for s, c in self.cards.items()) if due <= moment)

    def is_due(self, story_id: str, now: datetime) -> bool:
        card = self.cards.get(story_id)
        return card is not None and card.due <= now.astimezone(UTC)

    def times_told(self, story_id: str) -> int:
        return len(self.reviews.get(story_id, ()))

    def when(self, story_id: str, now: datetime) -> str:
        """``due now``, ``next tomorrow (Thu 03 Dec)`` or ``not told yet``: when to tell the story again."""
        card = self.cards.get(story_id)
        if card is None:
            return NOT_TOLD
        if card.due <= now.astimezone(UTC):
            return "due now"
        return f"next {due_in_words(card.due, now)}"

    def offer(self, stories: Sequence[Story], now: datetime) -> str | None:
        """One line offering the due stories for a drill, or None when none is due."""
        titles = {story.id: story.title for story in stories}
        due = [titles[story_id] for story_id in self.due(now) if story_id in titles]
        if not due:
            return None
        more = f" and {len(due) - 1} more" if len(due) > 1 else ""
        return f"Due for a drill: '{due[0]}'{more}"


@dataclass(frozen=True)
class StoryDates:
    """What the Stories screen shows of the schedule at one moment: when each story is next told, what is due."""

    when: Mapping[str, str]
    """Per story id: :meth:`StorySchedule.when`."""
    due: tuple[str, ...]
    offer: str | None
    """The line offering the due stories for a drill (None: none is due)."""


def story_dates(schedule: StorySchedule, stories: Sequence[Story], now: datetime) -> StoryDates:
    """The schedule of ``stories`` as of ``now``."""
    return StoryDates(
        {story.id: schedule.when(story.id, now) for story in stories},
        tuple(story_id for story_id in schedule.due(now) if any(story.id == story_id for story in stories)),
        schedule.offer(stories, now),
    )


def story_schedule(tellings: Iterable[tuple[str, ReviewResult]]) -> StorySchedule:
    """The schedule of the stories in ``tellings`` (``(story id, review)``, in the order they happened)."""
    reviews: dict[str, list[ReviewResult]] = defaultdict(list)
    for story_id, review in tellings:
        reviews[story_id].append(review)
    scheduler = default_scheduler()
    cards = {
        story_id: replay(scheduler, number, reviews[story_id]) for number, story_id in enumerate(sorted(reviews), 1)
    }
    return StorySchedule(cards, {story_id: tuple(found) for story_id, found in reviews.items()})


def session_tellings(
    summary: SessionSummary, record: SessionRecord, pack: Pack, stories: Sequence[Story]
) -> list[tuple[str, ReviewResult]]:
    """The stories told in one saved session (``summary`` gives the scores, ``record`` the answers), in order."""
    at = summary.updated_at.astimezone(UTC)
    results = {result.question_id: result for result in summary.questions}
    tellings: list[tuple[str, ReviewResult]] = []
    for stage in record.stages:
        for answer in stage.answers:
            question = pack.by_id.get(answer.question_id)
            result = results.get(answer.question_id)
            if question is None or question.kind != "behavioral" or result is None:
                continue
            rating = rating_for(result.status, result.score, result.self_rating)
            if rating is None:
                continue
            skipped = result.status == "skipped"
            told = story_told("\n".join(answer.texts), stories)
            if told is not None:
                tellings.append((told.story.id, ReviewResult(at, summary.id, rating, result.score, skipped)))
            drilled = drilled_story(answer.note)
            if drilled is not None and (told is None or told.story.id != drilled):
                tellings.append((drilled, ReviewResult(at, summary.id, Rating.Again, result.score, skipped)))
    return tellings


def schedule_from_history(
    sessions: Iterable[SessionSummary],
    load: Callable[[Path], SessionRecord],
    pack: Pack,
    stories: Sequence[Story],
) -> StorySchedule:
    """The schedule of ``stories`` from every saved session that asked a behavioral question of ``pack``.

    Only those sessions are read (with ``load``); one that cannot be read any more is left out, as the history
    leaves it out.
    """
    tellings: list[tuple[str, ReviewResult]] = []
    if not stories:
        return story_schedule(())
    for summary in in_review_order(sessions):
        if not any(_behavioral(pack, result.question_id) for result in summary.questions):
            continue
        try:
            record = load(summary.path)
        except SessionFileError:
            continue
        tellings += session_tellings(summary, record, pack, stories)
    return story_schedule(tellings)


def _behavioral(pack: Pack, question_id: str) -> bool:
    question = pack.by_id.get(question_id)
    return question is not None and question.kind == "behavioral"
