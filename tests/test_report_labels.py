"""How a report labels each question: a skipped or unreached question shows a dash saying why, not "0% · 1/3 points"."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import TEST_PACK, start_session
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.reporting.markdown import report_markdown
from tui_interview.domain.reporting.report import build_report
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.store import SessionStore


def test_skipped_and_unreached_questions_show_a_dash_with_why(tmp_path: Path) -> None:
    clock = FakeClock()
    loop = start_session(SessionStore(tmp_path), stages=["recruiter"], clock=clock)
    stage = loop.stage()
    stage.start()
    clock.advance(60)
    stage.submit("First I look at the p99, then I roll back.")
    while stage.answer.active_turn is not None:
        stage.skip("")
    stage.skip("I would roll back")  # typed, then skipped: kept but not graded
    record = loop.record
    report = build_report(record, load_pack(TEST_PACK))
    first, second, *_ = report.stages[0].questions
    assert first.graded
    assert first.score_label.endswith("%")
    assert (second.graded, second.score_label) == (False, "— (skipped)")
    markdown = report_markdown(report)
    assert "· skipped · score — (skipped)" in markdown
