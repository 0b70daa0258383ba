"""The session report as JSON: the saved record plus everything computed from it, under ``scores``."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from tui_interview.domain.reporting.report import QuestionReport, SessionReport, StageReport
from tui_interview.domain.scoring.readiness import SCORE_RULE
from tui_interview.domain.scoring.scores import PointVerdict, Quote, RedFlagVerdict
from tui_interview.domain.sessions.records import SessionRecord


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
    return data


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
