"""The history screen and its trend chart, and the history and practice commands."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import SHIPPED_STAGES, START, TEST_PACK, AppMaker
from tui_interview.cli import main
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.bank.stages import load_stages
from tui_interview.domain.planning.draw import draw_loop
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.run import LoopRun
from tui_interview.domain.sessions.store import SessionStore

SnapCompare = Callable[..., bool]
# Answers that cover more talking points as the weeks go by: the trend should rise.
ANSWERS = [
    "I am not sure.",
    "I would look at it first.",
    "First I look at the p99.",
    "First I look at p99 and roll back.",
]


def save_sessions(data_home: Path) -> None:
    pack = load_pack(TEST_PACK)
    store = SessionStore(data_home / "sessions")
    stages = load_stages(SHIPPED_STAGES).loop_stages()
    for week, answer in enumerate(ANSWERS):
        clock = FakeClock()
        started = START + timedelta(days=7 * week)
        plan = draw_loop(pack, stages, seed=week)
        loop = LoopRun.start_new(plan, pack, SHIPPED_STAGES, store, clock, lambda started=started: started)
        while not loop.finished:
            stage = loop.stage()
            stage.start()
            while not stage.finished:
                clock.advance(90)
                stage.submit(answer)
        loop.checkpoint()


def test_history_screen_with_trend(snap_compare: SnapCompare, make_app: AppMaker, data_home: Path) -> None:
    save_sessions(data_home)

    async def steps(pilot: Pilot[Any]) -> None:
        await pilot.press("h")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=steps)


def test_history_json_lists_every_session_with_scores(data_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save_sessions(data_home)
    (data_home / "sessions" / "20200101-000000-loop.toml").write_text("broken = [", encoding="utf-8")
    assert main(["--pack", str(TEST_PACK), "history", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    overall = [s["scores"]["overall"] for s in reversed(listing["sessions"])]
    assert len(overall) == 4 and overall == sorted(overall) and overall[-1] > overall[0]
    assert listing["sessions"][0]["mode"] == "loop" and len(listing["sessions"][0]["stages"]) == 4
    [unreadable] = listing["unreadable"]
    assert unreadable["path"].endswith("20200101-000000-loop.toml")


def test_history_text_says_when_there_is_nothing_yet(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    assert "No sessions yet." in capsys.readouterr().out


def test_practice_with_a_choice_no_question_fits_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["practice", "--area", "recruiter", "--kind", "debugging", "--pack", str(TEST_PACK)])
    assert code == 1
    assert "stage 'practice' needs" in capsys.readouterr().err


def test_practice_options_are_checked_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["practice", "--count", "0"])
    assert caught.value.code == 2 and "must be at least 1" in capsys.readouterr().err
