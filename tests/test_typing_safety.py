"""Typed answers land where the candidate means them to (issue 10, items 1, 2, 3 and 14), driven with Pilot.

- After a resume the cursor is at the end of the restored draft.
- Typing through time-up does not leak into the next stage: the summary says "Time's up", ignores every key
  for a second on the session clock, and is left only with Enter.
- The quit dialog and the help screen stop the stage clock without recording a pause.
- A keystroke neither copies nor recounts the whole answer, and an answer is capped with a notice.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Static
from textual.widgets.text_area import Document

from tests.helpers import AppMaker, drive, press, settle, type_text
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.settings import PracticeChoice
from tui_interview.ui.app import InterviewApp
from tui_interview.ui.screens import stage as stage_module
from tui_interview.ui.screens.dialogs import ConfirmDialog, NoticeDialog
from tui_interview.ui.screens.help import HelpScreen
from tui_interview.ui.screens.history import HistoryScreen
from tui_interview.ui.screens.stage import StageScreen
from tui_interview.ui.screens.summary import TIME_UP_HOLD_SECONDS, SummaryScreen
from tui_interview.ui.typing import TypingBursts, with_typing_bursts
from tui_interview.ui.widgets.answer_box import ANSWER_LIMIT, AnswerBox


def current_stage(pilot: Pilot[int]) -> StageScreen:
    screen = pilot.app.screen
    assert isinstance(screen, StageScreen)
    return screen


def test_after_a_resume_typing_goes_on_at_the_end_of_the_draft(make_app: AppMaker, fake_clock: FakeClock) -> None:
    first = make_app(start="loop")

    async def quit_midway(pilot: Pilot[int]) -> None:
        await press(pilot, "enter")
        fake_clock.advance(30)
        await type_text(pilot, "first line")
        await press(pilot, "enter")  # a new line in the answer
        await type_text(pilot, "second")
        await press(pilot, "ctrl+q")
        await press(pilot, "y")

    drive(first, quit_midway)
    second = make_app()

    async def resume(pilot: Pilot[int]) -> None:
        assert isinstance(second.screen, ConfirmDialog)
        await press(pilot, "y")
        assert isinstance(second.screen, NoticeDialog)
        await press(pilot, "enter")
        screen = current_stage(pilot)
        assert screen.answer_box.cursor_location == (1, len("second"))
        await type_text(pilot, " and more")
        assert screen.answer_box.text == "first line\nsecond and more"
        screen.save_now()
        assert screen.stage.answer.answer == "first line\nsecond and more"

    drive(second, resume)


def test_typing_through_time_up_does_not_reach_the_next_stage(make_app: AppMaker, fake_clock: FakeClock) -> None:
    app = make_app(start="loop")

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "enter")
        screen = current_stage(pilot)
        await type_text(pilot, "the answer")
        fake_clock.advance(20 * 60)
        screen.tick()
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        banner = summary.query_one("#time-up", Static)
        assert "Time's up" in str(banner.content)
        await type_text(pilot, " goes on and on")  # the candidate did not see the screen change
        await press(pilot, "enter", "question_mark", "f1")
        assert app.screen is summary  # every key is ignored for a moment, Enter and help too
        fake_clock.advance(TIME_UP_HOLD_SECONDS)
        await press(pilot, "space")
        assert app.screen is summary  # and Space never leaves the summary
        await press(pilot, "enter")
        following = current_stage(pilot)
        assert following.stage_index == 1
        assert following.answer_box.text == ""
        assert summary.record.answers[0].answer == "the answer"
        assert summary.record.answers[0].status == "time_up"

    drive(app, steps)


def test_a_summary_after_the_last_answer_continues_at_once_with_enter(make_app: AppMaker) -> None:
    app = make_app(start="loop")

    async def steps(pilot: Pilot[int]) -> None:
        await press(pilot, "enter")
        for _ in range(4):
            await press(pilot, "ctrl+n")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert not summary.query("#time-up")
        await press(pilot, "space")
        assert app.screen is summary
        await press(pilot, "enter")
        assert current_stage(pilot).stage_index == 1

    drive(app, steps)


def test_the_quit_dialog_stops_the_clock_without_recording_a_pause(make_app: AppMaker, fake_clock: FakeClock) -> None:
    app = make_app(start="practice", practice=PracticeChoice(stage="behavioral"))

    async def steps(pilot: Pilot[int]) -> None:
        screen = current_stage(pilot)
        fake_clock.advance(30)
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        fake_clock.advance(200)  # deciding whether to quit
        await press(pilot, "n")
        assert current_stage(pilot) is screen
        assert screen.stage.countdown.elapsed == 30
        assert screen.stage.countdown.running
        fake_clock.advance(10)
        assert screen.stage.countdown.elapsed == 40
        assert screen.stage.record.pauses == []

    drive(app, steps)


def test_quitting_saves_the_clock_as_it_was_when_the_question_came(make_app: AppMaker, fake_clock: FakeClock) -> None:
    first = make_app(start="practice", practice=PracticeChoice(stage="behavioral"))

    async def quit_slowly(pilot: Pilot[int]) -> None:
        fake_clock.advance(30)
        await press(pilot, "ctrl+q")
        fake_clock.advance(120)
        await press(pilot, "y")

    drive(first, quit_slowly)
    second = make_app()

    async def resume(pilot: Pilot[int]) -> None:
        await press(pilot, "y", "enter")
        screen = current_stage(pilot)
        assert screen.stage.countdown.elapsed == 30
        assert screen.stage.record.pauses == []

    drive(second, resume)


def test_help_stops_the_stage_clock_too(make_app: AppMaker, fake_clock: FakeClock) -> None:
    app = make_app(start="practice", practice=PracticeChoice(stage="behavioral"))

    async def steps(pilot: Pilot[int]) -> None:
        screen = current_stage(pilot)
        fake_clock.advance(30)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        fake_clock.advance(90)
        await press(pilot, "escape")
        assert current_stage(pilot) is screen
        assert screen.stage.countdown.elapsed == 30
        assert screen.stage.record.pauses == []
        fake_clock.advance(5)
        assert screen.stage.countdown.elapsed == 35

    drive(app, steps)


def test_a_keystroke_neither_copies_nor_recounts_the_answer(
    make_app: AppMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(start="practice", practice=PracticeChoice(stage="behavioral"))
    reads = {"text": 0, "counts": 0}
    text_property = Document.__dict__["text"]
    assert isinstance(text_property, property)
    text_of = text_property.fget
    assert text_of is not None

    def counted_text(document: Document) -> str:
        reads["text"] += 1
        text: str = text_of(document)
        return text

    def counted_words(text: str) -> int:
        reads["counts"] += 1
        return len(text.split())

    async def steps(pilot: Pilot[int]) -> None:
        screen = current_stage(pilot)
        assert screen.autosaver is not None
        screen.autosaver.pause()  # a save reads the answer, once every few seconds: not what is counted here
        screen.answer_box.load_text("word " * 20_000)
        screen.answer_box.move_cursor(screen.answer_box.document.end)
        await pilot.pause()
        monkeypatch.setattr(Document, "text", property(counted_text))
        monkeypatch.setattr(stage_module, "words_in", counted_words)
        monkeypatch.setattr(stage_module, "WORD_COUNT_DELAY", 3600)  # Pilot types slowly: keep the timer out
        await type_text(pilot, "and ten more")
        await pilot.pause()
        assert reads == {"text": 0, "counts": 0}  # before the fix: several of each per key
        screen.count_words()  # what the timer does WORD_COUNT_DELAY after a change
        assert reads == {"text": 1, "counts": 1}
        assert screen.word_count == 20_003
        assert str(screen.query_one("#word-count", Static).content) == "20003 words"

    drive(app, steps)


def test_an_answer_is_capped_with_a_notice(make_app: AppMaker, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ANSWER_LIMIT == 250_000  # documented in the README and in ui/widgets/answer_box.py
    monkeypatch.setattr(AnswerBox, "LIMIT", 12)
    app = make_app(start="practice", practice=PracticeChoice(stage="behavioral"))

    async def steps(pilot: Pilot[int]) -> None:
        screen = current_stage(pilot)
        await type_text(pilot, "0123456789abcdef")
        assert screen.answer_box.text == "0123456789ab"
        notices = [n for n in app._notifications if "at most 12 characters" in n.message]
        assert len(notices) == 1
        await press(pilot, "backspace", "backspace")
        await type_text(pilot, "XYZ")
        assert screen.answer_box.text == "0123456789XY"
        await press(pilot, "backspace", "backspace", "backspace")
        screen.answer_box.post_message(events.Paste("PQRS"))  # a bracketed paste is capped the same way
        await pilot.pause()
        assert screen.answer_box.text == "012345678PQR"

    drive(app, steps)


def key(name: str) -> events.Key:
    """A key as the driver's parser makes it: ``a``, ``space``, ``enter``, ``backspace``."""
    characters = {"space": " ", "enter": "\r"}
    return events.Key(name, characters.get(name, name if len(name) == 1 else None))


def send_from_terminal(app: InterviewApp, keys: list[events.Key]) -> None:
    """Hand ``keys`` to the app's driver as its input thread does, all before the app can take any."""
    driver = app._driver
    assert driver is not None
    for event in keys:
        driver.process_message(event)


def test_keys_typed_in_a_row_reach_the_box_together_and_in_order(make_app: AppMaker) -> None:
    assert issubclass(make_app().get_driver_class(), TypingBursts)
    app = make_app(start="practice", practice=PracticeChoice(stage="behavioral"))

    async def steps(pilot: Pilot[int]) -> None:
        screen = current_stage(pilot)
        driver = app._driver
        assert driver is not None
        driver.__class__ = with_typing_bursts(type(driver))  # what a real terminal's driver has
        flushes = 0
        box = screen.answer_box
        flush = box.flush_typing

        def counted_flush() -> None:
            nonlocal flushes
            flushes += bool(box._typed)
            flush()

        box.flush_typing = counted_flush  # type: ignore[method-assign]
        typed = [key(c) for c in "abc"] + [key("backspace")] + [key(c) for c in "de"] + [key("enter"), key("f")]
        send_from_terminal(app, typed)
        await pilot.pause()
        assert screen.answer_box.text == "abde\nf"
        assert flushes == 2  # "abc" as one edit, then "de", Enter and "f" as another
        send_from_terminal(app, [key("g")])  # a key on its own, as a person types
        await pilot.pause()
        assert screen.answer_box.text == "abde\nfg"

    drive(app, steps)


def test_keys_in_a_row_outside_the_answer_box_work_one_by_one(make_app: AppMaker) -> None:
    app = make_app()

    async def steps(pilot: Pilot[int]) -> None:
        driver = app._driver
        assert driver is not None
        driver.__class__ = with_typing_bursts(type(driver))
        send_from_terminal(app, [key("z"), key("h")])  # z does nothing on the home screen, h opens History
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)

    drive(app, steps)


def test_a_keystroke_repaints_every_row_it_changes(make_app: AppMaker) -> None:
    """Only the rows a keystroke can change are repainted: the screen must equal a full repaint after each."""
    app = make_app(start="practice", practice=PracticeChoice(stage="behavioral"))
    paragraph = " ".join(f"word{n}" for n in range(120))

    async def steps(pilot: Pilot[int]) -> None:
        screen = current_stage(pilot)
        box = screen.answer_box
        box.cursor_blink = False
        if screen.autosaver is not None:
            screen.autosaver.stop()  # a save landing between the two screenshots would change the status line
        box.load_text(f"{paragraph}\n\n{paragraph}\n\n{paragraph}")
        for location, typed in [
            ((2, 40), "inserted words that push the rest of the line down "),  # in the middle: rows move
            ((4, 0), "x"),  # at the start of a line
            ((4, 27), " "),  # a space that may pull part of a word up a row
            ((4, len(paragraph) + 51), "tail"),  # past the end: the cursor is clamped to the end
        ]:
            box.move_cursor(location)
            await pilot.pause()
            await type_text(pilot, typed)
            screen.count_words()  # now, not after the typing pause, which may fall between the two screenshots
            await pilot.pause()
            shown = app.export_screenshot()
            box.refresh()  # everything painted again from the text
            await pilot.pause()
            assert app.export_screenshot() == shown, f"a row was left stale after typing at {location}"
            document = box.wrapped_document
            assert document.height == sum(len(offsets) + 1 for offsets in document._wrap_offsets)
        # A space one letter into the first word of a row, where that letter fits on the row before: it moves up.
        offsets = box.wrapped_document.get_offsets(0)
        sections = box.wrapped_document.get_sections(0)
        width = box.wrap_width
        row = next(r for r in range(1, len(sections)) if len(sections[r - 1].rstrip()) + 2 <= width)
        rows_before = list(sections)
        box.move_cursor((0, offsets[row - 1] + 1))
        box.scroll_home(animate=False)  # the row before in view
        await pilot.pause()
        await type_text(pilot, " ")
        screen.count_words()
        await pilot.pause()
        assert box.wrapped_document.get_sections(0)[row - 1] != rows_before[row - 1]  # the row before changed
        shown = app.export_screenshot()
        box.refresh()
        await pilot.pause()
        assert app.export_screenshot() == shown, "the row before the insert was left stale"

    drive(app, steps)
