"""Target companies: the saved profiles with the active one marked, and one profile's form.

The screens show domain state (``domain.targets``) and send intent as messages: the app makes a target
active (:class:`TargetsScreen.Use`), validates and saves a profile (:class:`TargetEditScreen.Save`) with the
same rules and one-line messages as ``tui-interview target add``, and gives the list the shelf as written.
Every text from the files is shown literally, its control characters made visible.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from tui_interview.domain.targets.profile import Note, Target, TargetShelf
from tui_interview.domain.vocabulary import LEVELS
from tui_interview.ui.screens.stories import literal

NEW_TARGET = "+new"
"""The id of the list's last option, which adds a target (not a valid target id, so never a target's)."""
NOTE_SOURCE_SEPARATOR = " | "
"""Between a research note and its source, on one line of the form's notes."""
STACK_SEPARATOR = ","
FIELD_TITLES = {
    "target-id": "id",
    "target-company": "company",
    "target-role": "role",
    "target-stack": "stack",
}


def profile_text(target: Target) -> Text:
    """A target's profile as the details pane shows it, every text literal."""
    text = Text()
    for label, value in (("Product", target.product), ("How it uses ML", target.ml_use)):
        if value:
            text.append(f"{label}: ", style="bold")
            text.append_text(literal(value))
            text.append("\n")
    if target.stack:
        text.append("Stack: ", style="bold")
        text.append_text(literal(", ".join(target.stack)))
        text.append("\n")
    for note in target.notes:
        text.append("Note: ", style="bold")
        text.append_text(literal(note.text))
        if note.source:
            text.append_text(literal(f" (source: {note.source})", "dim"))
        text.append("\n")
    if not text:
        text.append("Nothing researched yet: Enter fills in its product, stack and notes.", style="dim")
    return text


def notes_as_lines(notes: Sequence[Note]) -> str:
    """The notes as the form edits them: one per line, the source after :data:`NOTE_SOURCE_SEPARATOR`."""
    return "\n".join(note.text + (NOTE_SOURCE_SEPARATOR + note.source if note.source else "") for note in notes)


def notes_from_lines(text: str) -> list[dict[str, str]]:
    """The form's notes lines as ``[[notes]]`` tables (a blank line is no note)."""
    notes = []
    for line in text.splitlines():
        if not line.strip():
            continue
        note, separator, source = line.rpartition(NOTE_SOURCE_SEPARATOR)
        notes.append({"text": note, "source": source} if separator else {"text": line})
    return notes


class TargetsScreen(Screen[None]):
    """The saved targets, the active one marked; Enter edits, u makes one active, n adds one."""

    CSS_PATH = "targets.tcss"
    HELP = (
        "The companies you are interviewing with, one file each in targets/ in the data folder. With one active, "
        "a loop prefers questions on its stack, the loop overview and the report name it, and 'why this company' "
        "answers are checked for references to its product, stack and notes.\n\n"
        "Keys: ↑ ↓ choose a target, Enter edits it (or adds one on '+ New target'), u makes it the active target "
        "(u on the active one: no active target), n adds a target, Esc goes back."
    )
    BINDINGS = [
        Binding("u", "use", "Make active"),
        Binding("n", "new", "New target"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    shelf: var[TargetShelf | None] = var(None, init=False)
    """The targets as last read or written (None: the targets folder cannot be read; see ``problems``)."""

    class Use(Message):
        """Make ``target_id`` the active target (None: no active target)."""

        def __init__(self, target_id: str | None) -> None:
            super().__init__()
            self.target_id = target_id

    def __init__(self, shelf: TargetShelf | None, problems: Sequence[str] = ()) -> None:
        super().__init__()
        self.set_reactive(TargetsScreen.shelf, shelf)
        self.problems = tuple(problems)

    def compose(self) -> ComposeResult:
        with Vertical(id="targets"):
            yield Static(Text("Target · the companies you interview with"), classes="screen-title")
            yield Static(id="targets-active", classes="hint")
            yield OptionList(id="targets-list")
            yield VerticalScroll(Static(id="targets-profile"), id="targets-profile-scroll")
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#targets-list", OptionList).focus()

    def watch_shelf(self) -> None:
        self._show()

    @property
    def targets(self) -> tuple[Target, ...]:
        return self.shelf.targets if self.shelf else ()

    def _show(self) -> None:
        listing = self.query_one("#targets-list", OptionList)
        highlighted = listing.highlighted
        listing.set_options(self._options())
        listing.highlighted = min(highlighted or 0, listing.option_count - 1) if listing.option_count else None
        self.query_one("#targets-active", Static).update(self._active_line())
        self._show_profile(listing.highlighted)

    def _active(self) -> Target | None:
        active = self.shelf.active if self.shelf else None
        return next((target for target in self.targets if target.id == active), None)

    def _active_line(self) -> Text:
        active = self._active()
        if active is not None:
            return Text.assemble(("Active: ", "bold"), literal(active.title), " · loops are drawn for it")
        if self.shelf is not None and self.shelf.active is not None:
            return Text(f"The active target {self.shelf.active!r} cannot be read: see below", style="bold red")
        return Text("No active target: loops draw from the whole pack. Choose one and press u.")

    def _options(self) -> list[Option]:
        options = []
        active = self.shelf.active if self.shelf else None
        for target in self.targets:
            label = Text("* " if target.id == active else "  ", style="bold green")
            label.append(f"{target.id}  ", style="bold")
            label.append_text(literal(target.title))
            options.append(Option(label, id=target.id))
        options.append(Option(Text("+ New target", style="bold"), id=NEW_TARGET))
        return options

    @on(OptionList.OptionHighlighted, "#targets-list")
    def highlight(self, event: OptionList.OptionHighlighted) -> None:
        self._show_profile(event.option_index)

    def _show_profile(self, index: int | None) -> None:
        details = self.query_one("#targets-profile", Static)
        problems = [*self.problems, *(str(problem) for problem in (self.shelf.problems if self.shelf else ()))]
        shown = Text()
        if index is not None and index < len(self.targets):
            shown.append_text(profile_text(self.targets[index]))
        elif self.shelf is not None:
            shown.append("Enter adds a target: the company, its product, how it uses ML, its stack, the role, ")
            shown.append("and your research notes with their sources.")
        if problems:
            shown.append("\n\nCannot be read (not changed here; fix the file first):\n", style="bold red")
            shown.append_text(literal("\n".join(problems)))
        details.update(shown)

    def _highlighted(self) -> Target | None:
        index = self.query_one("#targets-list", OptionList).highlighted
        return self.targets[index] if index is not None and index < len(self.targets) else None

    @on(OptionList.OptionSelected, "#targets-list")
    def edit_selected(self, event: OptionList.OptionSelected) -> None:
        if self.shelf is not None:
            target = next((target for target in self.targets if target.id == event.option_id), None)
            self.app.push_screen(TargetEditScreen(target))

    def action_new(self) -> None:
        if self.shelf is not None:
            self.app.push_screen(TargetEditScreen(None))

    def action_use(self) -> None:
        target = self._highlighted()
        if target is not None:
            self.post_message(self.Use(None if self.shelf and self.shelf.active == target.id else target.id))


class TargetEditScreen(Screen[None]):
    """One target's profile: company, product, how it uses ML, stack, role, level, research notes."""

    CSS_PATH = "targets.tcss"
    HELP = (
        "Write down what you found out about the company. The stack is a list of tools separated by commas, as a "
        "job description writes them ('Kubernetes, Dagster, Weights & Biases'); questions tagged with them are "
        "drawn more often. Research notes: one per line, with its source after ' | ' (a link, a talk, 'job "
        "description'). Tab moves between fields; Ctrl+S saves, Esc goes back without saving."
    )
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Back"),
    ]

    problems: var[tuple[str, ...]] = var((), init=False)
    """Why the last save was refused, one line each (as ``tui-interview target add`` prints them)."""

    class Save(Message):
        """Validate and save the profile ``fields`` (``editing``: the id of the target edited; None: a new one)."""

        def __init__(self, fields: dict[str, object], editing: str | None) -> None:
            super().__init__()
            self.fields = fields
            self.editing = editing

    def __init__(self, target: Target | None) -> None:
        super().__init__()
        self.target = target
        """The target being edited as last saved; None for a new one."""

    def compose(self) -> ComposeResult:
        target = self.target
        with VerticalScroll(id="target-edit"):
            yield Static(Text(f"Edit target · {target.id}" if target else "New target"), classes="screen-title")
            with Horizontal(classes="target-row"):
                yield Input(
                    target.id if target else "",
                    placeholder="id: lowercase-with-hyphens (its file name)",
                    id="target-id",
                    disabled=target is not None,
                )
                yield Input(target.company if target else "", placeholder="company", id="target-company")
            with Horizontal(classes="target-row"):
                yield Input(target.role if target else "", placeholder="role applied for", id="target-role")
                yield Select[str](
                    [(level, level) for level in LEVELS],
                    value=target.level if target is not None and target.level is not None else Select.NULL,
                    prompt="level",
                    id="target-level",
                )
            yield Static(Text("Product · what it makes, for whom"), classes="target-label")
            yield self._area(target.product if target else "", "target-product")
            yield Static(Text("How it uses ML · which models drive which parts of the product"), classes="target-label")
            yield self._area(target.ml_use if target else "", "target-ml-use")
            yield Static(Text("Stack · tools and platforms, separated by commas"), classes="target-label")
            yield Input(
                ", ".join(target.stack) if target else "",
                placeholder="Kubernetes, Dagster, BigQuery",
                id="target-stack",
            )
            yield Static(Text("Research notes · one per line; its source after ' | '"), classes="target-label")
            yield self._area(notes_as_lines(target.notes) if target else "", "target-notes")
        yield Static(id="target-problems")
        yield Footer()

    @staticmethod
    def _area(text: str, widget_id: str) -> TextArea:
        area = TextArea(text, id=widget_id, soft_wrap=True)
        area.show_line_numbers = False
        return area

    def on_mount(self) -> None:
        for widget_id, title in FIELD_TITLES.items():
            self.query_one(f"#{widget_id}").border_title = title  # the field's name, once a value hides its placeholder
        self.query_one("#target-problems", Static).display = False
        self.query_one("#target-company" if self.target else "#target-id", Input).focus()

    def watch_problems(self) -> None:
        line = self.query_one("#target-problems", Static)
        line.display = bool(self.problems)
        line.update(literal("\n".join(self.problems), "bold"))

    def draft(self) -> dict[str, object]:
        """The profile as typed, in the fields of a target file (validated by the app, as the CLI does)."""
        level = self.query_one("#target-level", Select).value
        stack = self.query_one("#target-stack", Input).value.split(STACK_SEPARATOR)
        return {
            "id": self.query_one("#target-id", Input).value.strip(),
            "company": self.query_one("#target-company", Input).value,
            "product": self.query_one("#target-product", TextArea).text,
            "ml_use": self.query_one("#target-ml-use", TextArea).text,
            "stack": [item.strip() for item in stack if item.strip()],
            "role": self.query_one("#target-role", Input).value,
            "level": level if isinstance(level, str) else None,
            "notes": notes_from_lines(self.query_one("#target-notes", TextArea).text),
        }

    def action_save(self) -> None:
        self.post_message(self.Save(self.draft(), self.target.id if self.target else None))

    @work(exclusive=True, group="leave-target")
    async def action_cancel(self) -> None:
        """Back to the list; with changes not saved, only once the candidate confirms."""
        from tui_interview.ui.screens.dialogs import ConfirmDialog

        if self._changed():
            leave = ConfirmDialog(
                "Leave without saving?", "Your changes to this target are lost.", yes="Leave", no="Stay"
            )
            if not await self.app.push_screen_wait(leave):
                return
        self.app.pop_screen()

    @property
    def quit_note(self) -> str | None:
        """What quitting now would lose, for the question Ctrl+Q asks (None: nothing, so it does not ask)."""
        return "Your changes to this target are not saved: quitting now loses them." if self._changed() else None

    def _changed(self) -> bool:
        draft = _comparable(self.draft())
        if self.target is None:
            return any(value for value in draft.values())
        saved = self.target.model_dump()
        saved["notes"] = notes_from_lines(notes_as_lines(self.target.notes))
        return draft != _comparable(saved)


def _comparable(fields: dict[str, object]) -> dict[str, object]:
    return {key: value.strip() if isinstance(value, str) else value for key, value in fields.items()}
