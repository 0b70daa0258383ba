"""Scores for a session: per question, stage and competency area, the readiness band and what to practise.

The rules, which the report states:
- A question's coverage is the weighted share of its talking points covered by anything the candidate
  typed for it (first answer, scenario steps, follow-up), after the candidate's own ticks and unticks.
- Its score is that coverage; once the candidate rates the answer (1-4), the score is the mean of the
  coverage and the rating's value (missed 0, partial 0.4, solid 0.75, excellent 1).
- Skipped and unreached questions score 0. Stage, area and overall scores are plain means of question scores.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean

from tui_interview.domain.bank.pack import Pack, Question
from tui_interview.domain.grading.grade import grade_texts
from tui_interview.domain.grading.results import Match
from tui_interview.domain.scoring.readiness import RATING_VALUES, WEAK_BELOW, readiness_band
from tui_interview.domain.sessions.records import AnswerRecord, SessionRecord

WEAKEST_AREAS = 3
PRACTICE_PER_AREA = 3


@dataclass(frozen=True)
class PointVerdict:
    """One talking point after grading and the candidate's own say."""

    index: int
    text: str
    weight: float
    detected: bool
    """What the grader found."""
    covered: bool
    """What counts: the grader's verdict unless the candidate ticked or unticked it."""
    overridden: bool
    matched: tuple[str, ...]
    rejected: tuple[str, ...]
    """Why keywords found in the answer earned no credit."""


@dataclass(frozen=True)
class QuestionScore:
    question_id: str
    area: str
    stage_id: str
    points: tuple[PointVerdict, ...]
    matches: tuple[tuple[Match, ...], ...]
    """Per text typed (first answer, then each turn): the matches that earned credit, for highlighting."""
    notes: tuple[str, ...]
    self_rating: int | None
    answered: bool

    @property
    def coverage(self) -> float:
        total = sum(p.weight for p in self.points)
        return sum(p.weight for p in self.points if p.covered) / total if total else 0.0

    @property
    def score(self) -> float:
        if not self.answered:
            return 0.0
        if self.self_rating is None:
            return self.coverage
        return (self.coverage + RATING_VALUES[self.self_rating]) / 2

    @property
    def missed(self) -> tuple[PointVerdict, ...]:
        return tuple(p for p in self.points if not p.covered)


@dataclass(frozen=True)
class AreaScore:
    area: str
    title: str
    score: float
    questions: int


@dataclass(frozen=True)
class PracticeSuggestion:
    area: str
    title: str
    score: float
    question_ids: tuple[str, ...]
    """Weak questions from this session first, then unseen questions of the same area."""


@dataclass(frozen=True)
class SessionScores:
    questions: dict[tuple[int, int], QuestionScore]
    """Keyed by (stage index, question index)."""
    stages: tuple[float, ...]
    areas: tuple[AreaScore, ...]
    overall: float
    band: str
    band_rule: str
    practice: tuple[PracticeSuggestion, ...]


def score_answer(question: Question, answer: AnswerRecord, stage_id: str) -> QuestionScore:
    grades = grade_texts(question, answer.texts, asked=[None, *(turn.prompt for turn in answer.turns)])
    verdicts = []
    for index, point in enumerate(question.all_points):
        results = [g.points[index] for g in grades if g.points]
        detected = any(r.covered for r in results)
        covered = answer.covers(index, detected=detected)
        verdicts.append(
            PointVerdict(
                index=index,
                text=point.text,
                weight=point.weight,
                detected=detected,
                covered=covered,
                overridden=covered != detected,
                matched=tuple(dict.fromkeys(k for r in results for k in r.matched_keywords)),
                rejected=tuple(dict.fromkeys(reason for r in results for reason in r.reasons)),
            )
        )
    return QuestionScore(
        question_id=question.id,
        area=question.area,
        stage_id=stage_id,
        points=tuple(verdicts),
        matches=tuple(tuple(m for p in g.points for m in p.matches) for g in grades),
        notes=tuple(dict.fromkeys(note for g in grades for note in g.notes)),
        self_rating=answer.self_rating,
        answered=answer.status in ("answered", "time_up") and any(t.strip() for t in answer.texts),
    )


def score_session(record: SessionRecord, pack: Pack) -> SessionScores:
    """Grade every answer of ``record``; questions missing from ``pack`` are left out of the scores."""
    questions: dict[tuple[int, int], QuestionScore] = {}
    for s, stage in enumerate(record.stages):
        for q, answer in enumerate(stage.answers):
            question = pack.by_id.get(answer.question_id)
            if question is not None:
                questions[(s, q)] = score_answer(question, answer, stage.stage_id)
    stage_scores = tuple(
        _mean(score.score for (s, _), score in questions.items() if s == index) for index in range(len(record.stages))
    )
    areas = _area_scores(questions.values(), pack)
    overall = _mean(score.score for score in questions.values())
    band, rule = readiness_band(overall)
    practice = _practice(areas, questions.values(), pack, seen=set(record.question_ids))
    return SessionScores(questions, stage_scores, areas, overall, band, rule, practice)


def _mean(values: Iterable[float]) -> float:
    collected = list(values)
    return fmean(collected) if collected else 0.0


def _area_scores(scores: Iterable[QuestionScore], pack: Pack) -> tuple[AreaScore, ...]:
    by_area: dict[str, list[float]] = defaultdict(list)
    for score in scores:
        by_area[score.area].append(score.score)
    order = [area.id for area in pack.info.areas]
    return tuple(
        AreaScore(area, pack.area_titles.get(area, area), fmean(values), len(values))
        for area, values in sorted(by_area.items(), key=lambda item: order.index(item[0]) if item[0] in order else 99)
    )


def _practice(
    areas: Sequence[AreaScore], scores: Iterable[QuestionScore], pack: Pack, seen: set[str]
) -> tuple[PracticeSuggestion, ...]:
    weak_areas = [area for area in areas if area.score < WEAK_BELOW]
    weakest = sorted(weak_areas, key=lambda a: (a.score, a.area))[:WEAKEST_AREAS]
    by_area: dict[str, list[QuestionScore]] = defaultdict(list)
    for score in scores:
        by_area[score.area].append(score)
    suggestions = []
    for area in weakest:
        weak = [s.question_id for s in sorted(by_area[area.area], key=lambda s: s.score) if s.score < WEAK_BELOW]
        fresh = [q.id for q in pack.questions if q.area == area.area and q.id not in seen]
        picks = (weak + fresh)[:PRACTICE_PER_AREA]
        suggestions.append(PracticeSuggestion(area.area, area.title, area.score, tuple(picks)))
    return tuple(suggestions)
