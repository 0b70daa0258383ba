"""The debrief model, and what it carries from the grader: possible points, evidence, red flags, who decided."""

from __future__ import annotations

import dataclasses
import itertools
import json
from pathlib import Path

from tests.helpers import TEST_PACK, played_session
from tui_interview.domain.bank.pack import Pack, Question, load_pack
from tui_interview.domain.reporting.debrief import Debrief
from tui_interview.domain.reporting.json import report_json
from tui_interview.domain.reporting.markdown import report_markdown
from tui_interview.domain.reporting.review import ReviewSession
from tui_interview.domain.scoring.scores import score_answer
from tui_interview.domain.sessions.records import AnswerRecord
from tui_interview.domain.sessions.store import SessionStore

HEDGED = "Maybe I would look at the p99, perhaps roll back."
"""Every point of the test pack's recruiter questions is only *possible* in this answer: it is hedged."""
FLAGGED = "I would look at the p99 and never roll back [bold]ever[/]."


def flagged_pack() -> Pack:
    """The test pack with a red flag on every question: claiming never to roll back contradicts point 2."""
    pack = load_pack(TEST_PACK)
    flag = {"text": "Never rolls back", "keywords": ["never roll back"], "why": "A bad model must be undone fast."}
    questions = tuple(
        Question.model_validate({**q.model_dump(), "red_flags": [{**flag, "contradicts": 2}]})
        if q.id.startswith("recruiter")
        else q
        for q in pack.questions
    )
    return dataclasses.replace(pack, questions=questions)


def session(tmp_path: Path, answer: str, pack: Pack | None = None) -> ReviewSession:
    store = SessionStore(tmp_path / "sessions")
    pack = pack or load_pack(TEST_PACK)
    loop = played_session(store, itertools.repeat(answer), stages=["recruiter"], pack=pack)
    return ReviewSession(loop.record, pack, store)


def test_a_possible_point_is_carried_with_its_evidence_and_is_not_scored() -> None:
    question = load_pack(TEST_PACK).by_id["recruiter-q1"]
    score = score_answer(question, AnswerRecord(question_id=question.id, prompt="", answer=HEDGED), "recruiter")
    point = score.points[0]
    assert (point.graded, point.status, point.possible, point.covered) == ("possible", "possible", True, False)
    assert point.evidence is not None
    assert point.evidence.quote == HEDGED
    assert HEDGED[point.evidence.start : point.evidence.end] == point.evidence.quote
    assert point.reason is not None
    assert point.reason.startswith("hedged")
    assert point.decided_by == "grader"
    assert score.coverage == 0
    assert len(score.possible) == 3


def test_red_flags_reach_the_score_with_why_and_quote() -> None:
    question = flagged_pack().by_id["recruiter-q1"]
    record = AnswerRecord(question_id=question.id, prompt="", answer=FLAGGED)
    score = score_answer(question, record, "recruiter")
    (flag,) = score.red_flags
    assert (flag.text, flag.why, flag.contradicts, flag.claimed, flag.decided_by) == (
        "Never rolls back",
        "A bad model must be undone fast.",
        2,
        None,
        "grader",
    )
    assert "never roll back" in flag.evidence.quote
    assert not score.points[2].covered
    record.set_flag(0, claimed=False)
    assert score_answer(question, record, "recruiter").red_flags[0].decided_by == "you"


def test_the_debrief_lists_possible_points_and_red_flags_with_the_sentence(tmp_path: Path) -> None:
    debrief = Debrief(session(tmp_path, HEDGED))
    items = debrief.items
    assert items
    assert all(item.kind == "point" and item.decision is None for item in items)
    first = items[0]
    assert (first.position, first.index, first.quote) == ((0, 0), 0, HEDGED)
    assert first.text == "Names a concrete first check"
    assert first.label == "Check this point"
    flagged = Debrief(session(tmp_path / "f", FLAGGED, flagged_pack()))
    flags = [item for item in flagged.items if item.kind == "red_flag"]
    assert flags
    assert flags[0].why == "A bad model must be undone fast."
    assert "[bold]ever" in flags[0].quote


def test_confirm_ticks_a_possible_point_and_reject_keeps_it_missed_both_as_yours(tmp_path: Path) -> None:
    review = session(tmp_path, HEDGED)
    debrief = Debrief(review)
    first, second = debrief.items[:2]
    debrief.confirm(first)
    debrief.reject(second)
    points = review.question((0, 0)).score.points  # type: ignore[union-attr]
    assert (points[0].covered, points[0].possible, points[0].decided_by) == (True, False, "you")
    assert (points[1].covered, points[1].possible, points[1].decided_by) == (False, False, "you")
    assert points[2].possible
    assert points[2].decided_by == "grader"
    assert [item.decision for item in debrief.items[:3]] == ["confirmed", "rejected", None]
    assert len(debrief.pending) == len(debrief.items) - 2
    saved = SessionStore(tmp_path / "sessions").load(review.record.source)  # type: ignore[arg-type]
    assert (saved.stages[0].answers[0].ticked, saved.stages[0].answers[0].unticked) == ([0], [1])
    debrief.reject(debrief.items[0])  # a call can be changed
    assert not review.question((0, 0)).score.points[0].covered  # type: ignore[union-attr]


def test_red_flag_calls_are_saved(tmp_path: Path) -> None:
    review = session(tmp_path, FLAGGED, flagged_pack())
    debrief = Debrief(review)
    flag = next(item for item in debrief.items if item.kind == "red_flag")
    debrief.reject(flag)
    assert review.answer(flag.position).flags_rejected == [0]
    again = next(item for item in debrief.items if item.kind == "red_flag")
    assert again.decision == "rejected"
    debrief.confirm(again)
    assert review.answer(flag.position).flags_confirmed == [0]
    assert review.answer(flag.position).flags_rejected == []


def test_nothing_to_ask_when_the_grader_is_sure(tmp_path: Path) -> None:
    assert not Debrief(session(tmp_path, "First I look at the p99 and roll back."))


def test_exports_say_who_decided_and_which_grader_scored(tmp_path: Path) -> None:
    review = session(tmp_path, HEDGED)
    debrief = Debrief(review)
    debrief.confirm(debrief.items[0])
    markdown = report_markdown(review.report)
    assert "- Scores: offline grader" in markdown
    assert "· 2 to check (not scored until you confirm)" in markdown
    assert "- ✓ Names a concrete first check — **you confirmed** it (the grader was unsure)" in markdown
    assert "decided by you" in markdown
    assert "- ? Gives a number to watch — **check this**: possible, not scored until you confirm it" in markdown
    assert "evidence: “Maybe I would look at the p99, perhaps roll back.”" in markdown
    data = json.loads(json.dumps(report_json(review.record, review.report)))
    assert data["scores"]["graded_by"] == "offline grader"
    first, second = data["scores"]["questions"][0]["points"][:2]
    assert (first["status"], first["decided_by"], first["graded"]) == ("covered", "you", "possible")
    assert (second["status"], second["possible"], second["decided_by"]) == ("possible", True, "grader")
    assert second["evidence"] == {"text_index": 0, "start": 0, "end": len(HEDGED), "text": HEDGED}


def test_exports_show_red_flags_with_why(tmp_path: Path) -> None:
    review = session(tmp_path, FLAGGED, flagged_pack())
    markdown = report_markdown(review.report)
    assert "**Red flags**" in markdown
    assert "- ⚠ Never rolls back — A bad model must be undone fast. · said: “" in markdown
    assert "\\[bold\\]ever\\[/\\]" in markdown
    flags = report_json(review.record, review.report)["scores"]["questions"][0]["red_flags"]
    assert flags[0]["why"] == "A bad model must be undone fast."
    assert flags[0]["decided_by"] == "grader"
