"""Skipping inside a scenario (Ctrl+N skips the part showing, not the rest), and how the report calls it."""

from __future__ import annotations

import json
from pathlib import Path

import tomli_w

from tests.helpers import SHIPPED_STAGES, start_session
from tests.scenarios import RERANKER, SCENARIO_PACK, SPOT
from tui_interview.domain.bank.pack import Question, load_pack
from tui_interview.domain.bank.stages import load_stages
from tui_interview.domain.planning.draw import LoopPlan, StagePlan
from tui_interview.domain.reporting.json import report_json
from tui_interview.domain.reporting.markdown import report_markdown
from tui_interview.domain.reporting.report import NOT_SHOWN, PARTLY_ANSWERED, QuestionReport, build_report
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.run import FollowUp, LoopRun, Prober, StageRun
from tui_interview.domain.sessions.store import SessionStore


def scenario_loop(store: SessionStore, clock: FakeClock, *question_ids: str, prober: Prober | None = None) -> LoopRun:
    """A one-stage loop of the scenario round on exactly ``question_ids``."""
    pack = load_pack(SCENARIO_PACK)
    stage = load_stages(SHIPPED_STAGES).stages["scenario"]
    plan = LoopPlan(seed=3, pack_id=pack.id, stages=(StagePlan(stage, tuple(pack.question(q) for q in question_ids)),))
    return start_session(store, plan=plan, pack=pack, clock=clock, prober=prober)


def started(tmp_path: Path, *question_ids: str) -> tuple[LoopRun, StageRun, FakeClock]:
    clock = FakeClock()
    loop = scenario_loop(SessionStore(tmp_path), clock, *question_ids)
    stage = loop.stage()
    stage.start()
    return loop, stage, clock


def question_report(loop: LoopRun, number: int = 1) -> QuestionReport:
    return build_report(loop.record, loop.pack).stages[0].questions[number - 1]


def test_skipping_a_step_reveals_the_next_one_and_the_question_stays_open(tmp_path: Path) -> None:
    _, stage, _ = started(tmp_path, RERANKER, SPOT)
    stage.submit("I would load test at four times the traffic.")
    assert (stage.part_number, stage.parts) == (2, 3)
    stage.skip("half a thought")
    assert stage.number == 1, "the question goes on"
    assert stage.part_number == 3
    turns = stage.answer.turns
    assert [(t.kind, t.skipped, t.answer) for t in turns] == [("step", True, "half a thought"), ("step", False, "")]
    assert turns[1].prompt == stage.question.steps[1].reveal


def test_a_question_with_a_skipped_step_is_answered_but_partly(tmp_path: Path) -> None:
    _, stage, _ = started(tmp_path, RERANKER, SPOT)
    stage.submit("Load test first.")
    stage.skip()
    stage.submit("Raise max_batch_size and move tokenisation off the request thread.")
    answer = stage.record.answers[0]
    assert stage.number == 2
    assert answer.status == "answered"
    assert (answer.partly_answered, answer.skipped_steps, answer.steps_shown) == (True, [1], 2)
    tally = stage.tally()
    assert (tally.answered, tally.partly_answered, tally.skipped) == (1, 1, 0)


def test_skipping_the_last_step_closes_the_question_without_a_follow_up(tmp_path: Path) -> None:
    class AlwaysProbe:
        def follow_up(self, _question: Question, _texts: list[str]) -> FollowUp | None:
            return FollowUp(prompt="And then?", point=0)

    clock = FakeClock()
    loop = scenario_loop(SessionStore(tmp_path), clock, SPOT, RERANKER, prober=AlwaysProbe())
    stage = loop.stage()
    stage.start()
    stage.submit("Checkpoint and resume.")
    stage.submit("Checkpoint every few hundred steps.")
    stage.skip()
    assert stage.number == 2, "no follow-up after a part the candidate passed on"
    assert [t.kind for t in stage.record.answers[0].turns] == ["step", "step"]


def test_skipping_at_the_first_answer_still_skips_the_whole_question(tmp_path: Path) -> None:
    loop, stage, _ = started(tmp_path, RERANKER, SPOT)
    stage.skip()
    answer = stage.record.answers[0]
    assert (answer.status, answer.turns, stage.number) == ("skipped", [], 2)
    section = report_markdown(build_report(loop.record, loop.pack)).split("### Q1")[1].split("### Q2")[0]
    assert "**Your answer**\n\n*(skipped)*" in section
    assert "(nothing typed)" not in section


def test_a_skipped_step_survives_saving_and_old_session_files_still_load(tmp_path: Path) -> None:
    loop, stage, _ = started(tmp_path, RERANKER, SPOT)
    stage.submit("Load test first.")
    stage.skip()
    path = loop.checkpoint()
    store = SessionStore(tmp_path)
    assert store.load(path).stages[0].answers[0].turns[0].skipped is True
    old = loop.record.model_dump(mode="python", exclude_none=True)
    for answer in old["stages"][0]["answers"]:
        for turn in answer["turns"]:
            del turn["skipped"]  # as saved before skips were recorded
    old_path = tmp_path / "20261126-093000-loop-2.toml"
    old_path.write_text(tomli_w.dumps(old | {"id": "20261126-093000-loop-2"}, multiline_strings=True))
    turn = store.load(old_path).stages[0].answers[0].turns[0]
    assert turn.skipped is False


def test_the_report_calls_a_skipped_step_skipped_and_the_question_partly_answered(tmp_path: Path) -> None:
    loop, stage, _ = started(tmp_path, RERANKER, SPOT)
    stage.submit("Load test first.")
    stage.skip()
    stage.submit("Raise max_batch_size.")
    question = question_report(loop)
    assert question.status_label == PARTLY_ANSWERED
    assert [turn.notes for turn in question.turns] == [("part 2", "skipped"), ("part 3",)]
    markdown = report_markdown(build_report(loop.record, loop.pack))
    section = markdown.split("### Q1")[1].split("### Q2")[0]
    assert "partly answered" in section.splitlines()[0]
    assert "**Then the interviewer added** · 0:00 · part 2 · skipped" in section
    assert "*(skipped)*" in section
    assert "(nothing typed)" not in section
    assert "1 answered" in markdown, "partly answered questions still count as answered in the totals"
    entry = report_json(loop.record, build_report(loop.record, loop.pack))["scores"]["questions"][0]
    assert (entry["status"], entry["status_label"]) == ("answered", PARTLY_ANSWERED)
    assert json.dumps(entry)


def test_points_of_a_step_never_revealed_are_not_shown_rather_than_missed(tmp_path: Path) -> None:
    loop, stage, clock = started(tmp_path, RERANKER, SPOT)
    stage.submit("Load test first.")
    clock.advance(31 * 60)
    assert stage.check_time("Batching, I think.")
    question = question_report(loop)
    assert question.status == "time_up"
    assert question.score is not None
    statuses = {question.step_of_point.get(p.index): question.point_status(p) for p in question.score.points}
    assert statuses[2] == NOT_SHOWN, "part 3 was never revealed"
    assert statuses[1] != NOT_SHOWN, "part 2 was"
    section = report_markdown(build_report(loop.record, loop.pack)).split("### Q1")[1].split("### Q2")[0]
    assert "- ○ part 3: Raises the batch size" in section
    assert "✗ part 3" not in section
    assert "not shown: this part of the scenario was never revealed" in section


def test_an_old_session_that_dropped_the_remaining_steps_marks_them_not_shown(tmp_path: Path) -> None:
    """Before this fix Ctrl+N at step 2 closed the question: step 3 was never revealed, yet showed as missed."""
    loop, stage, _ = started(tmp_path, RERANKER, SPOT)
    stage.submit("Load test first.")
    answer = stage.answer
    stage.skip()
    answer.turns = answer.turns[:1]  # as the old app left it: the step being answered, nothing after it
    answer.turns[0].skipped = False
    answer.status = "answered"
    question = question_report(loop)
    assert question.score is not None
    last_step_points = [p for p in question.score.points if question.step_of_point.get(p.index) == 2]
    assert {question.point_status(p) for p in last_step_points} == {NOT_SHOWN}
