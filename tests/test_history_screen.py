"""The history screen and its trend chart, and the history and practice commands."""

from __future__ import annotations

import json
from datetime import timedelta
from itertools import repeat
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.helpers import START, TEST_PACK, AppMaker, SnapCompare, played_session, press
from tui_interview.cli import main
from tui_interview.domain.bank.pack import load_pack
from tui_interview.domain.sessions.store import SessionStore

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
    for week, answer in enumerate(ANSWERS):
        played_session(store, repeat(answer), seed=week, pack=pack, started=START + timedelta(days=7 * week))


def test_history_screen_with_trend(snap_compare: SnapCompare, make_app: AppMaker, data_home: Path) -> None:
    save_sessions(data_home)

    async def steps(pilot: Pilot[Any]) -> None:
        await press(pilot, "h")

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=steps)


def test_history_json_lists_every_session_with_scores(data_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save_sessions(data_home)
    (data_home / "sessions" / "20200101-000000-loop.toml").write_text("broken = [", encoding="utf-8")
    assert main(["--pack", str(TEST_PACK), "history", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    overall = [s["scores"]["overall"] for s in reversed(listing["sessions"])]
    assert len(overall) == 4
    assert overall == sorted(overall)
    assert overall[-1] > overall[0]
    assert listing["sessions"][0]["mode"] == "loop"
    assert len(listing["sessions"][0]["stages"]) == 4
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
    assert caught.value.code == 2
    assert "must be at least 1" in capsys.readouterr().err
