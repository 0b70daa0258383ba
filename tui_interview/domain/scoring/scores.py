"""Scores for a session: per question, stage and competency area, the readiness band and what to practise.

The rules, which the report states:
- A question's coverage is the weighted share of its talking points covered by anything the candidate
  typed for it (first answer, scenario steps, follow-up), after the candidate's own ticks and unticks.
- Its score is that coverage; once the candidate rates the answer (1-4), the score is the mean of the
  coverage and the rating's value (missed 0, partial 0.4, solid 0.75, excellent 1).
- An answer a person judged (the interviewer, live; or the candidate's self-check after answering aloud) is
  covered as their ticks say, not as the grader reads it; an interviewer's ratings count as one rating, the
  mean of the dimensions' values (on the same 0-1 scale).
- Skipped and unreached questions score 0. Stage, area and overall scores are plain means of question scores.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Literal

from tui_interview.domain.bank.pack import Pack, Question
from tui_interview.domain.grading.grade import grade_texts
from tui_interview.domain.grading.judged import CachedVerdicts
from tui_interview.domain.grading.results import Evidence, Grade, Match, PointResult, PointStatus
from tui_interview.domain.scoring.readiness import RATING_VALUES, WEAK_BELOW, readiness_band
from tui_interview.domain.sessions.records import AnswerRecord, Judgement, SessionRecord
from tui_interview.domain.vocabulary import DIMENSIONS, JUDGED_BY_LABELS, Dimension, DimensionRating, JudgedBy

WEAKEST_AREAS = 3
PRACTICE_PER_AREA = 3

Decider = Literal["grader", "judge", "you", "interviewer", "self"]
"""Who made a call on a point: the grader, the judge, the candidate reviewing a typed answer ("you"), the
interviewer, or the candidate's self-check of an answer given aloud."""
OFFLINE_GRADER = JUDGED_BY_LABELS["grader"]


@dataclass(frozen=True)
class Quote:
    """Where a verdict's evidence is: ``texts[text][start:end] == quote``, ``text`` 0 for the first answer."""

    text: int
    start: int
    end: int
    quote: str


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
    """The candidate's call differs from the grader's."""
    matched: tuple[str, ...]
    rejected: tuple[str, ...]
    """Why keywords found in the answer earned no credit."""
    graded: PointStatus = "missed"
    """What the grader said: covered, possible or missed."""
    possible: bool = False
    """The grader said *possible* and the candidate has not confirmed or rejected it yet: never scored."""
    evidence: Quote | None = None
    """For a point the grader found covered or possible: the sentence that shows it."""
    reason: str | None = None
    """Why the grader did not credit it, when it says."""
    decided_by: Decider = "grader"
    """Who made the call that counts: the grader, the judge, or the candidate (ticked, unticked, confirmed or
    rejected it)."""

    @property
    def status(self) -> PointStatus:
        """What counts now: covered, possible (still to check) or missed."""
        return "covered" if self.covered else "possible" if self.possible else "missed"


@dataclass(frozen=True)
class RedFlagVerdict:
    """A known wrong claim the grader found in the answer, and the candidate's call on it."""

    index: int
    """Position in the question's ``red_flags``."""
    text: str
    why: str
    contradicts: int | None
    """The index of the point this claim contradicts (that point got no credit from the grader)."""
    evidence: Quote
    claimed: bool | None = None
    """The candidate's call: True they agree the answer claims it, False they say it does not, None not asked."""

    @property
    def decided_by(self) -> Decider:
        return "grader" if self.claimed is None else "you"


@dataclass(frozen=True)
class HeardFlag:
    """A red flag a person heard in a spoken answer (the interviewer, or the candidate's self-check)."""

    index: int
    """Position in the question's ``red_flags``."""
    text: str
    why: str


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
    red_flags: tuple[RedFlagVerdict, ...] = ()
    """Wrong claims found, each once (in the question's ``red_flags`` order), including any the candidate rejected."""
    judged_by: JudgedBy = "grader"
    """Who judged the answer: the grader, or the person whose ticks decide (see :data:`JUDGED_BY_LABELS`)."""
    heard_flags: tuple[HeardFlag, ...] = ()
    """Red flags the person judging heard, in the question's ``red_flags`` order."""
    judge_notes: str = ""
    """The interviewer's notes on the answer, or the candidate's own after answering aloud."""
    ratings: tuple[tuple[Dimension, DimensionRating], ...] = ()
    """The interviewer's 1-4 rating per dimension, in ``DIMENSIONS`` order (only those rated)."""

    @property
    def judged_label(self) -> str:
        """How the judgement is marked: "offline grader", "interviewer's judgement" or "self-check"."""
        return JUDGED_BY_LABELS[self.judged_by]

    @property
    def rating_value(self) -> float | None:
        """What the rating is worth (0-1): the candidate's self-rating, else the mean of the interviewer's; None."""
        if self.self_rating is not None:
            return RATING_VALUES[self.self_rating]
        if self.ratings:
            return fmean(RATING_VALUES[rating] for _, rating in self.ratings)
        return None

    @property
    def possible(self) -> tuple[PointVerdict, ...]:
        """Points still to check: the grader was unsure and the candidate has not said."""
        return tuple(p for p in self.points if p.possible)

    @property
    def coverage(self) -> float:
        total = sum(p.weight for p in self.points)
        return sum(p.weight for p in self.points if p.covered) / total if total else 0.0

    @property
    def score(self) -> float:
        if not self.answered:
            return 0.0
        rating = self.rating_value
        return self.coverage if rating is None else (self.coverage + rating) / 2

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
    graded_by: str = OFFLINE_GRADER
    """Which grader produced the scores: the offline grader, or it "with judge MODEL"."""


def score_answer(
    question: Question, answer: AnswerRecord, stage_id: str, verdicts: CachedVerdicts | None = None
) -> QuestionScore:
    """The verdict on every point of ``question`` from everything typed for it, with the candidate's own calls.

    With ``verdicts``, each text's offline grade is merged with the judge's cached verdict on it, if any. An
    answer a person judged is covered as their ticks say (see :func:`_judged_answer`).
    """
    if answer.judgement is not None:
        return _judged_answer(question, answer, stage_id, answer.judgement)
    grades = grade_texts(question, answer.texts, asked=[None, *(turn.prompt for turn in answer.turns)])
    if verdicts is not None:
        grades = [verdicts.final_grade(question, text, grade) for text, grade in zip(answer.texts, grades, strict=True)]
    point_verdicts = []
    for index, point in enumerate(question.all_points):
        results = [(n, g.points[index]) for n, g in enumerate(grades) if g.points]
        graded, shown = _strongest(results)
        detected = graded == "covered"
        covered = answer.covers(index, detected=detected)
        decided = answer.decided(index)
        point_verdicts.append(
            PointVerdict(
                index=index,
                text=point.text,
                weight=point.weight,
                detected=detected,
                covered=covered,
                overridden=covered != detected,
                matched=tuple(dict.fromkeys(k for _, r in results for k in r.matched_keywords)),
                rejected=tuple(dict.fromkeys(reason for _, r in results for reason in r.reasons)),
                graded=graded,
                possible=graded == "possible" and not decided,
                evidence=_quote(shown[0], shown[1].evidence) if shown else None,
                reason=shown[1].reason if shown else None,
                decided_by="you" if decided and (covered != detected or graded == "possible") else _decider(shown),
            )
        )
    return QuestionScore(
        question_id=question.id,
        area=question.area,
        stage_id=stage_id,
        points=tuple(point_verdicts),
        matches=tuple(tuple(m for p in g.points for m in p.matches) for g in grades),
        notes=tuple(dict.fromkeys(note for g in grades for note in g.notes)),
        self_rating=answer.self_rating,
        answered=answer.status in ("answered", "time_up") and any(t.strip() for t in answer.texts),
        red_flags=_red_flags(grades, answer),
    )


def _judged_answer(question: Question, answer: AnswerRecord, stage_id: str, judgement: Judgement) -> QuestionScore:
    """The score of an answer a person judged: the points they ticked are covered, the others missed."""
    by = judgement.by
    points = tuple(
        PointVerdict(
            index=index,
            text=point.text,
            weight=point.weight,
            detected=index in judgement.points,
            covered=index in judgement.points,
            overridden=False,
            matched=(),
            rejected=(),
            graded="covered" if index in judgement.points else "missed",
            decided_by=by,
        )
        for index, point in enumerate(question.all_points)
    )
    flags = question.red_flags
    return QuestionScore(
        question_id=question.id,
        area=question.area,
        stage_id=stage_id,
        points=points,
        matches=tuple(() for _ in answer.texts),
        notes=(),
        self_rating=answer.self_rating,
        answered=answer.status in ("answered", "time_up"),
        judged_by=by,
        heard_flags=tuple(HeardFlag(i, flags[i].text, flags[i].why) for i in judgement.flags if i < len(flags)),
        judge_notes=judgement.notes,
        ratings=tuple((name, judgement.ratings[name]) for name in DIMENSIONS if name in judgement.ratings),
    )


_RANK: dict[PointStatus, int] = {"covered": 2, "possible": 1, "missed": 0}


def _strongest(results: list[tuple[int, PointResult]]) -> tuple[PointStatus, tuple[int, PointResult] | None]:
    """The best status any text earned, and the first result with it (None when every text missed)."""
    best: tuple[int, PointResult] | None = None
    for n, result in results:
        if best is None or _RANK[result.status] > _RANK[best[1].status]:
            best = (n, result)
    if best is None or best[1].status == "missed":
        missed_with_reason = next(((n, r) for n, r in results if r.reason), None)
        return "missed", missed_with_reason
    return best[1].status, best


def _quote(text: int, evidence: Evidence | None) -> Quote | None:
    return Quote(text, evidence.start, evidence.end, evidence.text) if evidence else None


def _decider(shown: tuple[int, PointResult] | None) -> Decider:
    return shown[1].decided_by if shown and shown[1].decided_by != "you" else "grader"


def _red_flags(grades: list[Grade], answer: AnswerRecord) -> tuple[RedFlagVerdict, ...]:
    found: dict[int, RedFlagVerdict] = {}
    for n, grade in enumerate(grades):
        for flag in grade.red_flags:
            if flag.index not in found:
                evidence = Quote(n, flag.evidence.start, flag.evidence.end, flag.evidence.text)
                found[flag.index] = RedFlagVerdict(
                    flag.index, flag.text, flag.why, flag.contradicts, evidence, answer.flag_call(flag.index)
                )
    return tuple(found[index] for index in sorted(found))


def graded_by(scores: Iterable[QuestionScore], judge_model: str | None = None) -> str:
    """Who produced ``scores``: the offline grader, or it "with judge MODEL" when the judge decided any; the
    interviewer's judgement or the self-check where people judged the answers ("self-check and offline grader")."""
    collected = list(scores)
    people = [JUDGED_BY_LABELS[by] for by in dict.fromkeys(s.judged_by for s in collected if s.judged_by != "grader")]
    graded = [score for score in collected if score.judged_by == "grader"]
    if people and not graded:
        return " and ".join(people)
    grader = OFFLINE_GRADER
    if any(p.decided_by == "judge" for score in graded for p in score.points):
        grader = f"{OFFLINE_GRADER} with judge {judge_model}" if judge_model else f"{OFFLINE_GRADER} with judge"
    return " and ".join([*people, grader])


def score_session(record: SessionRecord, pack: Pack, verdicts: CachedVerdicts | None = None) -> SessionScores:
    """Grade every answer of ``record``; questions missing from ``pack`` are left out of the scores.

    ``verdicts``: the LLM judge's cached verdicts to merge in (see :func:`score_answer`).
    """
    questions: dict[tuple[int, int], QuestionScore] = {}
    for s, stage in enumerate(record.stages):
        for q, answer in enumerate(stage.answers):
            question = pack.by_id.get(answer.question_id)
            if question is not None:
                questions[(s, q)] = score_answer(question, answer, stage.stage_id, verdicts)
    stage_scores = tuple(
        _mean(score.score for (s, _), score in questions.items() if s == index) for index in range(len(record.stages))
    )
    areas = _area_scores(questions.values(), pack)
    overall = _mean(score.score for score in questions.values())
    band, rule = readiness_band(overall)
    practice = _practice(areas, questions.values(), pack, seen=set(record.question_ids))
    return SessionScores(
        questions,
        stage_scores,
        areas,
        overall,
        band,
        rule,
        practice,
        graded_by=graded_by(questions.values(), verdicts.model if verdicts else None),
    )


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
