"""The answer box: a ``TextArea`` whose work per keystroke does not grow with the answer, and which holds at
most :data:`ANSWER_LIMIT` characters.

A paste from a terminal without bracketed paste arrives as one key event per character, hundreds of
thousands of them. A ``TextArea`` makes an edit of each (wrap, undo history, a ``Changed`` message, a
repaint), which costs about half a millisecond per key whatever the answer's length. So the box collects
the characters typed in a row and inserts them as one edit, as soon as the keys already waiting have been
handled: typing by hand still shows each key at once, and a flood of keys becomes a few edits. Anything
else that reaches the box (another key, a click, a paste), and reading :attr:`text`, inserts what is
waiting first, so nothing is ever out of order. A keystroke then repaints only the rows it can change.

What still grows: Textual re-wraps and re-renders the whole *line* (paragraph) being edited, so a single
paragraph of 200,000 characters without a line break costs ~160 ms a keystroke (``benchmarks/README.md``).

Why 250,000 characters: the longest stage is 45 minutes, and even typing without a break at 100 words a
minute gives about 27,000 characters, so the limit is nine times any answer that can be typed, and a large
pasted draft fits as well (the 200 KB paste of the reliability review, 33,618 words, fits whole). Above it,
text stops being an answer and starts costing: grading takes about a second per 200 KB, and a full loop
with every exchange at the limit (at most 36 exchanges in the shipped loop) is about 9 MB of text, which
must stay under the 16 MiB a session file may have to be read back. Text beyond the limit is not
inserted, and the box says so (:class:`AnswerBox.LimitReached`) instead of slowing down.
"""

from __future__ import annotations

from typing import ClassVar, Self

from textual import events
from textual.geometry import Offset, Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult, Location, WrappedDocument

ANSWER_LIMIT = 250_000
"""The most characters one answer (one exchange: a first answer, a scenario step, a follow-up) can hold."""


class CountedWrappedDocument(WrappedDocument):
    """Textual's wrapped document, its :attr:`height` found in constant time.

    ``WrappedDocument.height`` adds up the rows of every line, and ``TextArea`` asks for it for every row it
    paints and after every edit: with a 200 KB answer that is a quarter of the time a keystroke's repaint
    takes. The wrapped document keeps one entry per row in ``_offset_to_line_info`` (``wrap`` builds it and
    ``wrap_range`` keeps it in step), so its length is the height. Textual is pinned to one version;
    ``tests/test_typing_safety.py`` checks the two agree.
    """

    @property
    def height(self) -> int:
        return len(self._offset_to_line_info)


class AnswerBox(TextArea):
    """The candidate's answer: typed keys inserted in batches, capped at :attr:`LIMIT` characters."""

    LIMIT: ClassVar[int] = ANSWER_LIMIT

    class Typed(Message, bubble=False):
        """Characters typed in a row (see :mod:`tui_interview.ui.typing`), in the box's queue after earlier keys."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class LimitReached(Message):
        """Typed or pasted text was cut off at the box's limit."""

        def __init__(self, box: AnswerBox, limit: int) -> None:
            super().__init__()
            self.box = box
            self.limit = limit

        @property
        def control(self) -> AnswerBox:
            return self.box

    def __init__(self, *, id: str | None = None, placeholder: str = "") -> None:
        self._typed: list[str] = []
        self._flush_posted = False
        self._length_bound = 0
        """At least the length of the text: only when an insert might pass the limit is the length counted."""
        self._at_limit = False
        self._painting = False
        self._holding_refresh = False
        self._refresh_wanted = False
        super().__init__(id=id, soft_wrap=True, show_line_numbers=False, placeholder=placeholder)

    # Keys typed in a row become one edit -----------------------------------------------------------

    async def _on_key(self, event: events.Key) -> None:
        if self.read_only or not (event.is_printable or event.key == "enter"):
            self.flush_typing()
            if not self.read_only and await self._run_own_binding(event):
                return
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        self._restart_blink()
        self._typed.append("\n" if event.key == "enter" else event.character or "")
        if not self._flush_posted:
            self._flush_posted = True
            self.call_later(self.flush_typing)  # after the keys already waiting for the box

    def type_text(self, text: str) -> None:
        """Type ``text`` as if each character were a key, after whatever was sent to the box before it."""
        self.post_message(self.Typed(text))

    def _on_answer_box_typed(self, message: Typed) -> None:
        if self.read_only:
            return
        self._restart_blink()
        self._typed.append(message.text)
        if not self._flush_posted:
            self._flush_posted = True
            self.call_later(self.flush_typing)

    async def _run_own_binding(self, event: events.Key) -> bool:
        """Run the box's own binding for ``event`` (Backspace, the arrows…) now, in order with the typing.

        Left to Textual, a binding runs once the key has bubbled up to the app, by which time keys typed
        after it may already be in the box: Backspace would then delete the wrong character. The box's
        own bindings come first for a focused box anyway, so running them here changes nothing else.
        """
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return True
        return False

    async def on_event(self, event: events.Event) -> None:
        if self._typed and not isinstance(event, events.Key):
            self.flush_typing()  # a click, a paste, a focus change: what was typed before it goes in first
        await super().on_event(event)

    def flush_typing(self) -> None:
        """Insert the characters typed and not yet inserted, at the cursor, as one edit.

        Only the rows the edit can change are repainted (see :meth:`_repaint_after`), not the whole box.
        """
        self._flush_posted = False
        if not self._typed:
            return
        insert = "".join(self._typed)
        self._typed.clear()
        start, end = self.selection
        before = self._layout_before(min(start, end)) if "\n" not in insert else None
        self._refresh_wanted = False
        self._holding_refresh = True
        try:
            self._replace_via_keyboard(insert, start, end)
        finally:
            self._holding_refresh = False
        if self._refresh_wanted:
            self._repaint_after(before)

    def _layout_before(self, top: Location) -> tuple[int, int, Offset] | None:
        """What an insert at ``top`` on one line may change: (its row, the box's height in rows, the scroll)."""
        if not self.has_text:
            return None  # the placeholder goes: repaint it all
        return self.wrapped_document.location_to_offset(top).y, self.wrapped_document.height, self.scroll_offset

    def _repaint_after(self, before: tuple[int, int, Offset] | None) -> None:
        """Repaint after an insert within one line: from the row before the insert to the end of its line.

        Wrapping is greedy, so an insert can move words down from its row, or pull the start of its row up
        onto the row before, but cannot change any row further up; and as long as the line keeps its
        number of rows (the box's height is unchanged), no row below the line moves. Anything else (a new
        row, a scroll, the placeholder, several lines) repaints the whole box.
        """
        if before is None:
            super().refresh()
            return
        row, height, scroll = before
        line, _ = self.selection.end
        if self.wrapped_document.height != height or self.scroll_offset != scroll:
            super().refresh()
            return
        last = self.wrapped_document.location_to_offset((line, len(self.document[line]))).y
        first = max(row - 1, 0)
        self.refresh_lines(first, last - first + 1)

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if self._holding_refresh and not regions and repaint and not layout and not recompose:
            self._refresh_wanted = True  # typed keys going in: flush_typing repaints only what changed
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    @property
    def text(self) -> str:
        """The whole answer, including keys typed a moment ago."""
        if self._painting:
            return " " if self.has_text else ""  # see render_line
        self.flush_typing()
        return self.document.text

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)

    def render_line(self, y: int) -> Strip:
        # TextArea.render_line asks ``not self.text`` for every row it paints (to show the placeholder in an
        # empty box), which would join the whole answer once per row; while painting, ``text`` answers that
        # question without the join (and never inserts typed keys in the middle of a repaint).
        self._painting = True
        try:
            return super().render_line(y)
        finally:
            self._painting = False

    @property  # the attribute TextArea assigns, a property here so that its class can be swapped
    def wrapped_document(self) -> WrappedDocument:
        return self._wrapped_document

    @wrapped_document.setter
    def wrapped_document(self, document: WrappedDocument) -> None:
        if type(document) is WrappedDocument:
            document.__class__ = CountedWrappedDocument
        self._wrapped_document = document

    @property
    def length_bound(self) -> int:
        """At least the number of characters in the box (exact after a load or near the limit), found at once."""
        return self._length_bound + sum(map(len, self._typed))

    @property
    def has_text(self) -> bool:
        """Whether the box holds any text, found without reading all of it."""
        document = self.document
        return document.line_count > 1 or bool(document[0])

    # The limit -------------------------------------------------------------------------------------

    def _replace_via_keyboard(self, insert: str, start: Location, end: Location) -> EditResult | None:
        """Typing and pasting: insert no more than fits under :attr:`LIMIT`."""
        if self.read_only:
            return None
        if self._length_bound + len(insert) > self.LIMIT:
            length = self._count_length()
            room = self.LIMIT - (length - len(self.get_text_range(start, end)))
            if len(insert) > room:
                insert = insert[: max(room, 0)]
                if not self._at_limit:
                    self.post_message(self.LimitReached(self, self.LIMIT))
                self._at_limit = True
                if not insert and start == end:
                    return None
            else:
                self._at_limit = False
        else:
            self._at_limit = False
        return super()._replace_via_keyboard(insert, start, end)

    def edit(self, edit: Edit) -> EditResult:
        self._length_bound += len(edit.text)
        return super().edit(edit)

    def load_text(self, text: str) -> None:
        self._typed.clear()
        self._length_bound = len(text)
        self._at_limit = False
        super().load_text(text)

    def undo(self) -> None:
        super().undo()
        self._count_length()  # an undo may put back text that no edit() counted

    def redo(self) -> None:
        super().redo()
        self._count_length()

    def _count_length(self) -> int:
        """The exact length of the text (time in proportion to the number of lines, so only near the limit)."""
        document = self.document
        length = sum(len(line) for line in document.lines) + (document.line_count - 1) * len(document.newline)
        self._length_bound = length
        return length
