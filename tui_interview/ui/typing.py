"""Keys typed faster than one at a time: runs of typed keys travel from the terminal to the app together.

A terminal without bracketed paste (or a multiplexer, or a typing tool) sends a paste as keystrokes, one
per character. Textual's driver reads the terminal 4 KB at a time in its input thread and posts every key
to the app as its own message; each costs some 150 µs on the app's side (a task, the app's queue, the
binding chain, forwarding to the focused widget), so a 200 KB paste took over half a minute even once the
answer box did nothing per key. :class:`TypingBursts` is mixed into the app's driver (see
``InterviewApp.get_driver_class``) and gathers the typed keys (printable ones and Enter) that arrive while
the app has not yet taken the previous ones into one :class:`TypedKeys` message.

Keys keep their order with everything else: any other event closes the run before it is sent, so the app
sees the run first; and a run of one key, which is what a person typing makes, is handled exactly as the
key alone would be. The app hands a run to the answer box when the box has the focus, as one message in
the box's own queue (so after any key sent to it before), and otherwise replays the keys one by one.
"""

from __future__ import annotations

import threading
from typing import ClassVar

from textual import events
from textual.driver import Driver
from textual.message import Message


def is_typed(key: events.Key) -> bool:
    """A key that types a character into a text box: printable, or Enter."""
    return key.is_printable or key.key == "enter"


class TypedKeys(Message, bubble=False):
    """Keys typed in a row, sent by the driver's input thread and taken by the app (see :meth:`take`)."""

    def __init__(self, first: events.Key) -> None:
        super().__init__()
        self._keys = [first]
        self._taken = False
        self._lock = threading.Lock()

    def add(self, key: events.Key) -> bool:
        """Add ``key`` to the run, unless the app has taken it already (then False: start another)."""
        with self._lock:
            if self._taken:
                return False
            self._keys.append(key)
            return True

    def take(self) -> list[events.Key]:
        """The keys of the run; none can be added after this."""
        with self._lock:
            self._taken = True
            return list(self._keys)


class TypingBursts(Driver):
    """Mixed into a driver class (before it): typed keys go to the app in runs, see the module's docstring.

    ``process_message`` is what a driver's input thread calls for every event it reads from the terminal.
    """

    _runs_lock: ClassVar[threading.Lock] = threading.Lock()
    _run: TypedKeys | None = None

    def process_message(self, message: Message) -> None:
        if isinstance(message, events.Key) and is_typed(message):
            message.set_sender(self._app)
            with self._runs_lock:
                if self._run is not None and self._run.add(message):
                    return
                self._run = run = TypedKeys(message)
            run.set_sender(self._app)
            self.send_message(run)
            return
        with self._runs_lock:
            self._run = None  # anything else ends the run: it reaches the app after the keys before it
        super().process_message(message)


def with_typing_bursts(driver_class: type[Driver]) -> type[Driver]:
    """``driver_class`` with :class:`TypingBursts` mixed in."""
    if issubclass(driver_class, TypingBursts):
        return driver_class
    return type(f"Typing{driver_class.__name__}", (TypingBursts, driver_class), {})
