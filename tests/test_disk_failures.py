"""A save that fails never crashes the app nor loses text (issue 10, item 12).

A full disk is simulated by making the store's write raise ``OSError(ENOSPC)``; a data folder that is a
file is real. (A read-only folder cannot be made for root, who runs the tests here; its ``EACCES`` takes
the same path as ``ENOSPC``.)
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tests.helpers import AppMaker, drive, press, run_cli, scan_sessions, type_text
from tui_interview.domain import files as files_module
from tui_interview.domain.sessions import store as store_module
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.rescue import RESCUE_PREFIX, write_rescue_copy
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.settings import PracticeChoice
from tui_interview.ui.screens.dialogs import ConfirmDialog, NoticeDialog
from tui_interview.ui.screens.review import QuestionReviewScreen
from tui_interview.ui.screens.stage import StageScreen

BEHAVIORAL = PracticeChoice(stage="behavioral")


class FullDisk:
    """Stands in for ``write_atomically`` while the disk is full: every write fails, nothing is written."""

    def __init__(self) -> None:
        self.full = True
        self.calls = 0
        self.original = files_module.write_atomically

    def __call__(self, path: Path, data: bytes) -> None:
        self.calls += 1
        if self.full:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        self.original(path, data)


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> FullDisk:
    disk = FullDisk()
    monkeypatch.setattr(store_module, "write_atomically", disk)
    return disk


def save_state(screen: StageScreen) -> Static:
    return screen.query_one("#save-state", Static)


def test_a_full_disk_shows_not_saved_keeps_the_text_and_retries(
    make_app: AppMaker, full_disk: FullDisk, data_home: Path
) -> None:
    app = make_app(start="practice", practice=BEHAVIORAL)

    async def steps(pilot: Pilot[int]) -> None:
        screen = app.screen
        assert isinstance(screen, StageScreen)
        state = save_state(screen)
        assert str(state.content) == "not saved: No space left on device"  # the first save, at the start
        assert state.has_class("-alert")
        await type_text(pilot, "typed while the disk is full")
        calls = full_disk.calls
        screen.autosave()
        assert full_disk.calls == calls + 1  # it tried again
        assert screen.unsaved
        assert screen.answer_box.text == "typed while the disk is full"
        assert screen.stage.draft == "typed while the disk is full"  # and keeps it in memory
        assert any(n.title == "Not saved" for n in app._notifications)

        full_disk.full = False  # room again
        screen.autosave()
        assert not screen.unsaved
        assert not state.has_class("-alert")
        assert str(state.content).startswith("draft saved ")
        [saved] = scan_sessions(SessionStore(data_home / "sessions")).sessions
        assert saved.stages[0].answers[0].answer == "typed while the disk is full"

    drive(app, steps)


@pytest.mark.usefixtures("full_disk")
def test_quitting_while_saves_fail_writes_a_copy_elsewhere_and_says_where(
    make_app: AppMaker, tmp_path: Path, data_home: Path, fake_clock: FakeClock
) -> None:
    app = make_app(start="practice", practice=BEHAVIORAL)
    rescue = tmp_path / "rescue"
    rescue.mkdir()

    async def steps(pilot: Pilot[int]) -> None:
        app.rescue_folders = [tmp_path / "not-a-folder.txt", rescue]
        (tmp_path / "not-a-folder.txt").write_text("", encoding="utf-8")
        fake_clock.advance(30)
        await type_text(pilot, "not lost")
        await press(pilot, "ctrl+q")
        await press(pilot, "y")
        notice = app.screen
        assert isinstance(notice, NoticeDialog)
        [copy] = rescue.glob(f"{RESCUE_PREFIX}*.toml")
        assert str(copy) in notice.body
        assert "No space left on device" in notice.body
        await press(pilot, "enter")

    drive(app, steps)
    assert app.return_code == 1
    assert not list((data_home / "sessions").glob("*.toml"))
    [copy] = rescue.glob(f"{RESCUE_PREFIX}*.toml")
    assert (copy.stat().st_mode & 0o777) == 0o600
    record = SessionStore(copy.parent).load(copy)  # an ordinary session file: it resumes once moved back
    assert record.stages[0].answers[0].answer == "not lost"
    assert record.stages[0].elapsed_seconds == 30


@pytest.mark.usefixtures("full_disk")
def test_when_no_copy_can_be_written_the_candidate_may_keep_going(make_app: AppMaker, tmp_path: Path) -> None:
    app = make_app(start="practice", practice=BEHAVIORAL)
    nowhere = tmp_path / "a-file"
    nowhere.write_text("", encoding="utf-8")

    async def steps(pilot: Pilot[int]) -> None:
        app.rescue_folders = [nowhere]
        await type_text(pilot, "still here")
        await press(pilot, "ctrl+q", "y")
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        assert "could not be saved" in question.title_text
        await press(pilot, "n")  # keep going
        screen = app.screen
        assert isinstance(screen, StageScreen)
        assert screen.answer_box.text == "still here"
        assert screen.stage.countdown.running
        await press(pilot, "ctrl+q", "y", "y")  # quit anyway

    drive(app, steps)
    assert app.return_code == 1


def test_a_data_folder_that_is_a_file_does_not_crash_the_loop(make_app: AppMaker, data_home: Path) -> None:
    data_home.parent.mkdir(parents=True, exist_ok=True)
    data_home.write_text("not a folder", encoding="utf-8")
    app = make_app(start="loop")

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, StageScreen)
        assert str(save_state(screen).content) == "not saved: Not a directory"
        await type_text(pilot, "kept")
        screen.autosave()
        assert screen.answer_box.text == "kept"

    drive(app, steps)
    assert data_home.read_text(encoding="utf-8") == "not a folder"


def test_a_failed_save_at_the_end_of_a_stage_is_retried_in_the_next(
    make_app: AppMaker, full_disk: FullDisk, data_home: Path
) -> None:
    app = make_app(start="loop")

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "enter")
        for _ in range(4):
            await press(pilot, "ctrl+n")
        await press(pilot, "enter")  # the summary; every save so far failed
        screen = app.screen
        assert isinstance(screen, StageScreen)
        assert screen.stage_index == 1
        assert str(save_state(screen).content) == "not saved: No space left on device"
        full_disk.full = False
        screen.autosave()
        [saved] = scan_sessions(SessionStore(data_home / "sessions")).sessions
        assert [a.status for a in saved.stages[0].answers] == ["skipped"] * 4

    drive(app, steps)


def test_the_rescue_copy_goes_to_the_first_folder_that_takes_it(tmp_path: Path) -> None:
    from tests.helpers import start_session

    loop = start_session(SessionStore(tmp_path / "sessions"))
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    result = write_rescue_copy(loop.record, [blocked, tmp_path / "missing", tmp_path])
    assert result.path is not None
    assert result.path.parent == tmp_path
    assert [folder for folder, _ in result.failures] == [blocked, tmp_path / "missing"]
    nothing = write_rescue_copy(loop.record, [blocked])
    assert nothing.path is None
    assert nothing.failures == ((blocked, "Not a directory"),)


def test_the_command_line_still_reports_a_data_folder_that_is_a_file_cleanly(
    data_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_home.parent.mkdir(parents=True, exist_ok=True)
    data_home.write_text("not a folder", encoding="utf-8")
    code, out, err = run_cli(capsys, "history")
    assert code == 0
    assert "No sessions yet." in out
    assert "Traceback" not in err
    code, _, err = run_cli(capsys, "report", "latest")
    assert code == 1
    assert "Traceback" not in err


def test_a_review_choice_that_cannot_be_saved_is_kept_and_rescued_on_quit(
    make_app: AppMaker, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fake_clock: FakeClock
) -> None:
    app = make_app(start="practice", practice=BEHAVIORAL)
    rescue = tmp_path / "rescue"
    rescue.mkdir()
    kept: dict[str, object] = {}

    async def steps(pilot: Pilot[int]) -> None:
        app.rescue_folders = [rescue]
        fake_clock.advance(30)
        await type_text(pilot, "I led the migration and we cut the cost by a third")
        await press(pilot, "ctrl+s")  # practice feedback on the answer
        review = app.screen
        assert isinstance(review, QuestionReviewScreen)
        monkeypatch.setattr(store_module, "write_atomically", FullDisk())  # the disk fills up now
        await press(pilot, "down", "space")  # the candidate's call on a point: saving it fails
        assert any(n.title == "Not saved" for n in app._notifications)
        kept.update(review.answer.model_dump())
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)  # quitting in the middle of a practice asks first
        await press(pilot, "y")
        assert isinstance(app.screen, NoticeDialog)
        await press(pilot, "enter")

    drive(app, steps)
    assert app.return_code == 1
    [copy] = rescue.glob(f"{RESCUE_PREFIX}*.toml")
    answer = SessionStore(copy.parent).load(copy).stages[0].answers[0]
    assert answer.model_dump() == kept
