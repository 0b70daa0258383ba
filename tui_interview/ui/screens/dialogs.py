"""Small modal dialogs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static
from textual.widgets.button import ButtonVariant

DialogResult = TypeVar("DialogResult")


class _Dialog(ModalScreen[DialogResult]):
    """A title, a message and a row of buttons, the last of them focused. Subclasses say which buttons."""

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.body, markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield from self.buttons()

    def buttons(self) -> Iterable[Button]:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.query(Button).last().focus()


class ConfirmDialog(_Dialog[bool]):
    """A yes/no question. Enter or y confirms, Escape or n declines."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n,escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, title: str, body: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(title, body)
        self.yes_label = yes
        self.no_label = no

    def buttons(self) -> Iterable[Button]:
        yield Button(f"{self.no_label} (n)", id="no")
        yield Button(f"{self.yes_label} (y)", id="yes", variant="primary")

    @on(Button.Pressed)
    def answer_with_button(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class NoticeDialog(_Dialog[None]):
    """A message that waits for Enter, Space or Escape."""

    BINDINGS = [Binding("enter,space,escape", "close", "Continue", show=False)]

    def __init__(self, title: str, body: str, button: str = "Continue") -> None:
        super().__init__(title, body)
        self.button = button

    def buttons(self) -> Iterable[Button]:
        yield Button(f"{self.button} (Enter)", id="ok", variant="primary")

    @on(Button.Pressed)
    def action_close(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class Answer:
    """One answer a :class:`ChoiceDialog` offers: what it returns, its button's label and its key."""

    value: str
    label: str
    key: str


class ChoiceDialog(_Dialog[str | None]):
    """A question with several answers, one button each after a Cancel button; the last answer is focused.

    Each answer's key picks it too; Escape (or Cancel) closes the dialog with None.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, title: str, body: str, answers: Sequence[Answer]) -> None:
        super().__init__(title, body)
        self.answers = tuple(answers)

    def buttons(self) -> Iterable[Button]:
        yield Button("Cancel (Esc)", id="cancel")
        for index, answer in enumerate(self.answers):
            variant: ButtonVariant = "primary" if index == len(self.answers) - 1 else "default"
            yield Button(f"{answer.label} ({answer.key})", id=f"answer-{answer.value}", variant=variant)

    def on_key(self, event: events.Key) -> None:
        chosen = next((answer for answer in self.answers if answer.key == event.key), None)
        if chosen is not None:
            event.stop()
            self.dismiss(chosen.value)

    @on(Button.Pressed)
    def answer_with_button(self, event: Button.Pressed) -> None:
        self.dismiss(next((a.value for a in self.answers if event.button.id == f"answer-{a.value}"), None))

    def action_cancel(self) -> None:
        self.dismiss(None)
