"""Spaced review: questions answered badly come back soon, questions answered well come back later.

Every result of every saved session is replayed in time order through an FSRS scheduler (the ``fsrs``
package), giving one card per question id with the date it is next due.

The rules:

- A result is a question the candidate answered (``answered`` or ``time_up``) or skipped. Unreached and
  pending questions are not results. Its review time is the session's ``updated_at`` (its last save, when
  its last answers were given) in UTC; a naive time is read as local time. Results are replayed oldest
  first, ties broken by session id. A copy of a session file (same id, same last save) counts once.
- The rating is the candidate's self-rating when given: 1 missed → Again, 2 partial → Hard,
  3 solid → Good, 4 excellent → Easy. Otherwise it comes from the question score (talking-point coverage):
  below 0.40 Again (the "no hire" line), below 0.60 Hard (under the "hire" line), below 0.85 Good, else
  Easy (well above the 0.75 "strong hire" line). A skipped question is Again. An answer that could not be
  scored (its pack is gone) and has no self-rating is left out.
- The scheduler has no learning steps and no fuzz: interview questions are practised a session at a time,
  so intervals are whole days (at least one), and the same history always gives the same dates.
- A question is chronically weak when it failed (Again) at least 3 times and its latest result is still
  Again or Hard, or when its last 3 results all failed or scored below 0.40.
- What is due at a moment (:class:`DueReviews`): the due questions, each with a note saying how it went
  last time, or, when nothing is due, when the next question falls due.

Nothing here reads the wall clock: ``now`` is always passed in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from fsrs import Card, Rating, Scheduler

from tui_interview.domain.formatting import percent
from tui_interview.domain.scoring.readiness import HIRE_FROM, LEAN_NO_HIRE_FROM, WELL_ABOVE_FROM

if TYPE_CHECKING:
    from tui_interview.domain.bank.pack import Question
    from tui_interview.domain.history.index import QuestionResult, SessionSummary

AGAIN_BELOW = LEAN_NO_HIRE_FROM
HARD_BELOW = HIRE_FROM
GOOD_BELOW = WELL_ABOVE_FROM
SELF_RATINGS = {1: Rating.Again, 2: Rating.Hard, 3: Rating.Good, 4: Rating.Easy}
RESULT_STATUSES = frozenset({"answered", "time_up", "skipped"})
CHRONIC_FAILURES = 3
LOW_STREAK = 3
LOW_SCORE = AGAIN_BELOW
DUE_NOTE = "due for review"
"""What a due question says where it is shown when there is no score to give (see :meth:`ReviewState.due_note`)."""


def default_scheduler() -> Scheduler:
    """FSRS with day-sized intervals and no random fuzz (see the module docstring)."""
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def rating_for(status: str, score: float | None, self_rating: int | None) -> Rating | None:
    """The FSRS rating of one result, or None when it is not a result (see the module docstring)."""
    if status not in RESULT_STATUSES:
        return None
    if status == "skipped":
        return Rating.Again
    if self_rating is not None:
        return SELF_RATINGS[self_rating]
    if score is None:
        return None
    if score < AGAIN_BELOW:
        return Rating.Again
    if score < HARD_BELOW:
        return Rating.Hard
    return Rating.Good if score < GOOD_BELOW else Rating.Easy


@dataclass(frozen=True)
class ReviewResult:
    """One replayed result of a question."""

    at: datetime
    """Review time, UTC."""
    session_id: str
    rating: Rating
    score: float | None
    skipped: bool

    @property
    def low(self) -> bool:
        """Failed, or scored below :data:`LOW_SCORE`."""
        return self.rating == Rating.Again or (self.score is not None and self.score < LOW_SCORE)


@dataclass(frozen=True)
class ReviewState:
    """The review card and the results of every question the candidate has met."""

    cards: Mapping[str, Card]
    results: Mapping[str, tuple[ReviewResult, ...]]
    """Per question id, oldest first."""

    def due(self, now: datetime) -> list[str]:
        """Question ids due at ``now`` (timezone-aware), most overdue first; ties by id."""
        moment = _utc(now)
        due = [(card.due, question_id) for question_id, card in self.cards.items() if card.due <= moment]
        return [question_id for _, question_id in sorted(due)]

    def due_reviews(self, now: datetime) -> DueReviews:
        """What is due at ``now`` (timezone-aware): the due questions with their notes, or when the next one is."""
        due = self.due(now)
        moment = _utc(now)
        later = [card.due for card in self.cards.values() if card.due > moment]
        return DueReviews(
            ids=tuple(due),
            notes={question_id: self.due_note(question_id) for question_id in due},
            next_due=None if due or not later else min(later),
        )

    def due_note(self, question_id: str) -> str:
        """Shown with a due question: ``last time 17%``, ``skipped last time``, else ``due for review``."""
        results = self.results_for(question_id)
        last = results[-1] if results else None
        if last is not None and last.skipped:
            return "skipped last time"
        if last is None or last.score is None:
            return DUE_NOTE
        return f"last time {percent(last.score)}"

    def card(self, question_id: str) -> Card | None:
        """A copy of the question's FSRS card, or None if it has no results."""
        card = self.cards.get(question_id)
        return copy(card) if card is not None else None

    def results_for(self, question_id: str) -> tuple[ReviewResult, ...]:
        return self.results.get(question_id, ())

    def failures(self, question_id: str) -> int:
        """How many results of the question were rated Again (skips included)."""
        return sum(1 for result in self.results_for(question_id) if result.rating == Rating.Again)

    def is_chronically_weak(self, question_id: str) -> bool:
        """Failed at least 3 times and not yet answered well since, or its last 3 results were all low."""
        results = self.results_for(question_id)
        if not results:
            return False
        if self.failures(question_id) >= CHRONIC_FAILURES and results[-1].rating <= Rating.Hard:
            return True
        return len(results) >= LOW_STREAK and all(result.low for result in results[-LOW_STREAK:])

    def chronically_weak(self) -> list[str]:
        """Every chronically weak question id, most failures first; ties by id."""
        weak = [question_id for question_id in self.results if self.is_chronically_weak(question_id)]
        return sorted(weak, key=lambda question_id: (-self.failures(question_id), question_id))

    def suggestion(self, question_id: str, question: Question | None = None) -> str:
        """One line on what to do about the question; names its first talking points when ``question`` is given."""
        results = self.results_for(question_id)
        if not results:
            return "not answered yet; try it once to put it on the review schedule"
        if self.is_chronically_weak(question_id):
            return self._chronic_advice(question_id, question)
        last = results[-1]
        if last.skipped:
            return "skipped last time; give it a first attempt, even a rough one"
        card = self.cards[question_id]
        return {
            Rating.Again: "missed last time; re-read the model answer, then answer it again from memory",
            Rating.Hard: "partial last time; go over the talking points you missed and answer it again",
            Rating.Good: f"solid last time; a quick run-through on {card.due:%d %b} keeps it fresh",
            Rating.Easy: f"excellent last time; it comes back on {card.due:%d %b}",
        }[last.rating]

    def _chronic_advice(self, question_id: str, question: Question | None) -> str:
        failures = self.failures(question_id)
        if failures >= CHRONIC_FAILURES:
            lead = f"failed {failures} times"
        else:
            lead = f"scored under {LOW_SCORE:.0%} the last {LOW_STREAK} times"
        advice = f"{lead}; read the model answer and practise its first two talking points aloud"
        if question is not None:
            points = "; ".join(point.text for point in question.all_points[:2])
            advice += f" ({points})"
        return advice


@dataclass(frozen=True)
class DueReviews:
    """The questions due for review at a moment, or, when none is, when the next one falls due."""

    ids: tuple[str, ...] = ()
    """Due question ids, most overdue first."""
    notes: Mapping[str, str] = field(default_factory=dict)
    """Per due question id, the note shown with it (see :meth:`ReviewState.due_note`)."""
    next_due: datetime | None = None
    """When nothing is due: when the next question falls due (UTC); None when none is scheduled."""

    @property
    def count(self) -> int:
        return len(self.ids)

    def next_review(self, now: datetime) -> str:
        """When the next review is, in words, as of ``now`` (its time zone gives the date).

        ``3 questions are due for review now.``, ``Nothing due for review; next review tomorrow (Fri 27 Nov).``,
        or, with nothing answered yet, that questions come back once answered.
        """
        if self.ids:
            return f"{_questions(self.count)} due for review now."
        if self.next_due is None:
            return "Nothing due for review yet: the questions you answer come back on a schedule."
        return f"Nothing due for review; next review {due_in_words(self.next_due, now)}."


def due_in_words(due: datetime, now: datetime) -> str:
    """When ``due`` (after ``now``) is, in words, in ``now``'s time zone: ``tomorrow (Fri 27 Nov)``."""
    local_now = now if now.tzinfo else now.astimezone()  # a naive time is local time
    local_due = due.astimezone(local_now.tzinfo)
    days = (local_due.date() - local_now.date()).days
    when = {0: "later today", 1: "tomorrow"}.get(days, f"in {days} days")
    return f"{when} ({local_due:%a %d %b})"


def _questions(count: int) -> str:
    return "1 question is" if count == 1 else f"{count} questions are"


def build_review_state(history: Iterable[SessionSummary], scheduler: Scheduler | None = None) -> ReviewState:
    """Replay every result in ``history`` (any order) through ``scheduler`` (default: :func:`default_scheduler`)."""
    results = _results_by_question(history)
    scheduler = scheduler or default_scheduler()
    cards = {
        question_id: replay(scheduler, number, results[question_id])
        for number, question_id in enumerate(sorted(results), start=1)
    }
    return ReviewState(cards=cards, results=dict(results))


def in_review_order(history: Iterable[SessionSummary]) -> list[SessionSummary]:
    """The sessions of ``history`` in the order their results are replayed (see the module docstring), each once."""
    ordered: list[SessionSummary] = []
    seen: set[tuple[str, datetime]] = set()
    for session in sorted(history, key=lambda s: (_utc(s.updated_at), s.id, s.key)):
        at = _utc(session.updated_at)
        if (session.id, at) in seen:
            continue  # a copy of a session file (a backup): its results count once
        seen.add((session.id, at))
        ordered.append(session)
    return ordered


def _results_by_question(history: Iterable[SessionSummary]) -> dict[str, tuple[ReviewResult, ...]]:
    collected: dict[str, list[ReviewResult]] = defaultdict(list)
    for session in in_review_order(history):
        at = _utc(session.updated_at)
        for result in session.questions:
            review = _review(result, at, session.id)
            if review is not None:
                collected[result.question_id].append(review)
    return {question_id: tuple(reviews) for question_id, reviews in collected.items()}


def _review(result: QuestionResult, at: datetime, session_id: str) -> ReviewResult | None:
    rating = rating_for(result.status, result.score, result.self_rating)
    if rating is None:
        return None
    return ReviewResult(at, session_id, rating, result.score, skipped=result.status == "skipped")


def replay(scheduler: Scheduler, card_id: int, results: Sequence[ReviewResult]) -> Card:
    """The card after ``results`` (oldest first, at least one): the one rule questions and stories are scheduled by."""
    card = Card(card_id=card_id, due=results[0].at)
    for result in results:
        card, _ = scheduler.review_card(card, result.rating, review_datetime=result.at)
    return card


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
