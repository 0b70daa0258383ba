"""The session report as JSON: the saved record plus everything computed from it, under ``scores``, including
the preparation lines (target, tailoring, stories told, drills) under ``scores.preparation``.

Keys are only ever added, so a reader of an older export keeps working (the top level stays exactly the saved
record); ``preparation.format`` is bumped if the meaning of one of its keys ever changes.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from tui_interview.domain.reporting.preparation import Preparation, TailoredAnswer
from tui_interview.domain.reporting.report import QuestionReport, SessionReport, StageReport
from tui_interview.domain.scoring.readiness import SCORE_RULE
from tui_interview.domain.scoring.scores import PointVerdict, Quote, RedFlagVerdict
from tui_interview.domain.sessions.records import SessionRecord
from tui_interview.domain.stories.check import StoryCheck
from tui_interview.domain.stories.drill import DrillOutcome
from tui_interview.domain.stories.matching import StoryUse

PREPARATION_FORMAT = 1
"""The version of the ``preparation`` object of a JSON report."""


def report_json(record: SessionRecord, report: SessionReport) -> dict[str, Any]:
    """The saved record as JSON plus everything computed from it, under ``scores``."""
    scores = report.scores
    data = record.model_dump(mode="json")
    data["scores"] = {
        "rule": SCORE_RULE,
        "graded_by": scores.graded_by,
        "overall": round(scores.overall, 4),
        "band": scores.band,
        "band_rule": scores.band_rule,
        "stages": [
            {"stage": stage.stage_id, "title": stage.title, "score": round(stage.score, 4)} for stage in report.stages
        ],
        "areas": [
            {"area": area.area, "title": area.title, "score": round(area.score, 4), "questions": area.questions}
            for area in scores.areas
        ],
        "questions": [
            _question_json(stage, question, record.stages[s].answers[question.number - 1].self_rating)
            for s, stage in enumerate(report.stages)
            for question in stage.questions
        ],
        "practice": [
            {
                "area": suggestion.area,
                "title": suggestion.title,
                "score": round(suggestion.score, 4),
                "question_ids": list(suggestion.question_ids),
            }
            for suggestion in scores.practice
        ],
    }
    data["scores"]["preparation"] = preparation_json(report.preparation) if report.preparation is not None else None
    return data


def preparation_json(preparation: Preparation) -> dict[str, Any]:
    """The report's preparation lines as data: the target, each tailored answer, each story told, each drill."""
    target = preparation.target
    return {
        "format": PREPARATION_FORMAT,
        "target_id": preparation.target_id,
        "target": (
            {"company": target.company, "role": target.role, "level": target.level, "title": target.title}
            if target is not None
            else None
        ),
        "tailoring": [_tailored_json(answer) for answer in preparation.tailoring],
        "bank_size": preparation.bank_size,
        "stories": [_story_use_json(use, preparation.drills.get(use.question.id)) for use in preparation.stories],
        "told_twice": sorted({use.told.story.id for use in preparation.repeats if use.told}),
        "lines": preparation.lines(),
        "problems": list(preparation.problems),
    }


def _tailored_json(answer: TailoredAnswer) -> dict[str, Any]:
    tailoring = answer.tailoring
    return {
        "label": answer.label,
        "question_id": answer.question_id,
        "why_question": answer.why,
        "verdict": tailoring.verdict,
        "score": round(tailoring.score, 4),
        "label_text": tailoring.label,
        "references": [
            {"kind": reference.kind, "item": reference.item, "words": list(reference.words)}
            for reference in tailoring.references
        ],
        "generic_praise": list(tailoring.generic),
    }


def _story_use_json(use: StoryUse, drill: DrillOutcome | None) -> dict[str, Any]:
    told = use.told
    return {
        "label": use.label,
        "question_id": use.question.id,
        "told": (
            {
                "story_id": told.story.id,
                "title": told.story.title,
                "score": round(told.score, 4),
                "shared_words": sorted(told.shared),
            }
            if told is not None
            else None
        ),
        "repeat_of": use.repeat_of,
        "better": {"story_id": use.better.id, "title": use.better.title} if use.better is not None else None,
        "drill": _drill_json(drill) if drill is not None else None,
    }


def _drill_json(drill: DrillOutcome) -> dict[str, Any]:
    check = drill.check
    return {
        "story_id": drill.story_id,
        "in_bank": drill.story is not None,
        "told_it": drill.told_it,
        "check": _check_json(check) if check is not None else None,
    }


def _check_json(check: StoryCheck) -> dict[str, Any]:
    return {
        "ready": check.ready,
        "passed": check.passed,
        "items": [{"name": item.name, "passed": item.passed, "message": item.message} for item in check.items],
        "words": check.length.words,
    }


def _question_json(stage: StageReport, question: QuestionReport, self_rating: int | None) -> dict[str, Any]:
    score = question.score
    entry: dict[str, Any] = {
        "stage": stage.stage_id,
        "number": question.number,
        "question_id": question.question_id,
        "status": question.status,
        "status_label": question.status_label,
        "steps_shown": question.steps_shown,
        "in_pack": score is not None,
        "coverage": round(score.coverage, 4) if score else None,
        "score": round(score.score, 4) if score else None,
        "self_rating": self_rating,
        "points": [_point_json(point) for point in score.points] if score else [],
        "notes": list(score.notes) if score else [],
        "red_flags": [_flag_json(flag) for flag in score.red_flags] if score else [],
    }
    entry.update(_delivery_json(question))
    return entry


def _point_json(point: PointVerdict) -> dict[str, Any]:
    return {
        "text": point.text,
        "weight": point.weight,
        "covered": point.covered,
        "detected": point.detected,
        "overridden": point.overridden,
        "status": point.status,
        "graded": point.graded,
        "possible": point.possible,
        "decided_by": point.decided_by,
        "evidence": _quote_json(point.evidence),
        "reason": point.reason,
        "matched": list(point.matched),
        "rejected": list(point.rejected),
    }


def _quote_json(quote: Quote | None) -> dict[str, Any] | None:
    if quote is None:
        return None
    return {"text_index": quote.text, "start": quote.start, "end": quote.end, "text": quote.quote}


def _flag_json(flag: RedFlagVerdict) -> dict[str, Any]:
    return {
        "text": flag.text,
        "why": flag.why,
        "contradicts": flag.contradicts,
        "evidence": _quote_json(flag.evidence),
        "claimed": flag.claimed,
        "decided_by": flag.decided_by,
    }


def _delivery_json(question: QuestionReport) -> dict[str, Any]:
    """The JSON counterpart of the Markdown report's delivery lines."""
    entry: dict[str, Any] = {}
    if question.delivery:
        entry["delivery"] = _json_ready(dataclasses.asdict(question.delivery))
    if question.star:
        star = dataclasses.asdict(question.star)
        star.pop("cues", None)
        entry["star"] = _json_ready(star)
    return entry


def _json_ready(value: dict[str, Any]) -> dict[str, Any]:
    """Tuples become lists, as they would after a round trip through JSON."""
    converted: dict[str, Any] = json.loads(json.dumps(value))
    return converted
