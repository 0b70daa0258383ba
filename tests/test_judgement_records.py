"""Judgements people make, in session files: old files still load, the format says what a file needs, and hostile
values are refused with the field named."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomli_w

from tests.helpers import START, start_session
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.records import MAX_NOTES, MAX_WHY, SESSION_FORMAT, Judgement
from tui_interview.domain.sessions.store import SessionFileError, SessionStore

OLD_SESSION = """\
format = 1
id = "20261126-093000-loop"
mode = "loop"
seed = 5
pack_id = "testpack"
pack_path = "/somewhere/pack"
stages_path = "/somewhere/stages"
started_at = 2026-11-26T09:30:00+01:00
updated_at = 2026-11-26T09:40:00+01:00
status = "in_progress"

[[stages]]
stage_id = "recruiter"
title = "Recruiter screen"
interviewer_name = "Dana Whitfield"
interviewer_role = "Technical Recruiter"
minutes = 20.0
status = "running"
elapsed_seconds = 30.0

[[stages.answers]]
question_id = "recruiter-q1"
prompt = "Why this role?"
status = "answered"
answer = "Because I like pipelines."
seconds = 30.0
shown_at = 0.0
ticked = [1]
self_rating = 3
"""
"""A session saved before judgements, aloud stages and stage calls existed (format 1), by hand."""


def test_a_session_saved_before_judgements_existed_loads_as_judged_by_the_grader(tmp_path: Path) -> None:
    store = SessionStore(tmp_path)
    path = tmp_path / "20261126-093000-loop.toml"
    path.write_text(OLD_SESSION, encoding="utf-8")

    record = store.load(path)

    answer = record.stages[0].answers[0]
    assert answer.judged_by == "grader"
    assert answer.judgement is None
    assert record.stages[0].aloud is False
    assert record.stages[0].call is None
    assert record.required_format() == 1
    store.save(record)
    assert "format = 1\n" in path.read_text(encoding="utf-8")  # still readable by the versions before


def test_a_session_with_a_judgement_is_saved_as_format_2_and_a_newer_format_is_refused(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "sessions")
    run = start_session(store, stages=["recruiter"], mode="interview", clock=FakeClock())
    path = run.record.source
    assert path is not None
    assert f"format = {SESSION_FORMAT}\n" in path.read_text(encoding="utf-8")  # an interview needs format 2
    run.record.stages[0].answers[0].judgement_by("interviewer").toggle_point(0)
    store.save(run.record)
    assert store.load(path).stages[0].answers[0].judgement == Judgement(by="interviewer", points=[0])

    path.write_text(path.read_text(encoding="utf-8").replace("format = 2", "format = 3"), encoding="utf-8")
    with pytest.raises(SessionFileError, match=re.escape("written by a newer tui-interview (session format 3")):
        store.load(path)


def judged_session(tmp_path: Path, judgement: object, call: object = None) -> Path:
    """A saved session file whose first answer holds ``judgement`` (and its stage ``call``), as raw TOML values."""
    store = SessionStore(tmp_path / "sessions")
    run = start_session(store, stages=["recruiter"], mode="interview", clock=FakeClock(), started=START)
    path = run.record.source
    assert path is not None
    data = run.record.model_dump(mode="python", exclude_none=True)
    data["stages"][0]["answers"][0]["judgement"] = judgement
    if call is not None:
        data["stages"][0]["call"] = call
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("judgement", "call", "field", "reason"),
    [
        ({"by": "interviewer", "ratings": {"technical": 5}}, None, "judgement.ratings", "from 1 to 4, not 5"),
        ({"by": "interviewer", "ratings": {"technical": 0}}, None, "judgement.ratings", "from 1 to 4, not 0"),
        ({"by": "interviewer", "ratings": {"technical": True}}, None, "judgement.ratings", "not True"),
        ({"by": "interviewer", "ratings": {"technical": 2.5}}, None, "judgement.ratings", "not 2.5"),
        ({"by": "interviewer", "ratings": {"charisma": 3}}, None, "judgement.ratings", "unknown dimension 'charisma'"),
        ({"by": "interviewer", "notes": "x" * (MAX_NOTES + 1)}, None, "judgement.notes", "at most 4000 characters"),
        ({"by": "grader"}, None, "judgement.by", "'interviewer' or 'self'"),
        ({"by": "interviewer", "points": [-1]}, None, "judgement.points.0", "greater than or equal to 0"),
        ({"by": "interviewer", "surprise": 1}, None, "judgement.surprise", "Extra inputs"),
        ({"by": "interviewer"}, {"call": "maybe", "why": "unsure"}, "call.call", "'hire' or 'no_hire'"),
        ({"by": "interviewer"}, {"call": "hire", "why": "  "}, "call.why", "at least 1 character"),
        ({"by": "interviewer"}, {"call": "hire", "why": "y" * (MAX_WHY + 1)}, "call.why", "at most 500 characters"),
    ],
)
def test_hostile_judgements_are_refused_naming_the_field(
    tmp_path: Path, judgement: object, call: object, field: str, reason: str
) -> None:
    path = judged_session(tmp_path, judgement, call)
    prefix = "stages.0." if field.startswith("call") else "stages.0.answers.0."

    with pytest.raises(SessionFileError) as raised:
        SessionStore(tmp_path / "sessions").load(path)

    message = str(raised.value)
    assert f"field '{prefix}{field}'" in message
    assert reason in message
    assert "\n" not in message
