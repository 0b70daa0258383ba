"""Study the pack: every question, filtered by area, kind, level and words, each opening to its sheet.

The list filters as the candidate types. Enter opens a question's sheet (prompt, talking points, scenario steps,
red flags, follow-ups, model answer, facts), to read outside a session; p starts a one-question practice of it.
Text from the pack is the pack's Markdown, rendered; nothing in it is read as Rich markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from tui_interview.domain.bank.browse import (
    BankIndex,
    Hit,
    QuestionFilter,
    QuestionSheet,
    SheetPoint,
    question_sheet,
)
from tui_interview.domain.bank.pack import Pack
from tui_interview.domain.formatting import minutes_label
from tui_interview.domain.grading.word_forms import GRADER_WORDING
from tui_interview.domain.reporting.labels import question_about_text
from tui_interview.domain.vocabulary import KINDS, LEVELS
from tui_interview.ui.rendering import pack_markdown
from tui_interview.ui.widgets.page_options import PageOptions

PRACTISE_KEY = "p"
FLAG_STYLE = "bold red"


class BrowseScreen(Screen[None]):
    """The pack's questions, with a filter bar; Enter opens a question's sheet."""

    CSS_PATH = "browse.tcss"
    HELP = (
        "Every question of the pack, to study outside a session. Type words to filter as you type: a question "
        "shows when it holds every word, in any order, in its id, prompt, talking points, tags, model answer, "
        "follow-ups or red flags, compared as the grader compares words (pipelines finds pipeline). Matches in "
        "the id or the prompt come first. The area, kind and level lists narrow it further.\n\n"
        "Keys: / goes to the words, Tab and Shift+Tab move between the words, the three lists and the questions "
        "(Enter or Space opens a list), ↓ in the words goes to the questions, ↑ ↓ move between questions (the "
        "page follows), PageUp / PageDown and Home / End scroll, Enter (in the words too) opens the highlighted "
        f"question's sheet, {PRACTISE_KEY} starts practice on the highlighted question, Esc goes back."
    )
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("slash", "search", "Search words"),
        Binding(PRACTISE_KEY, "practise", "Practise it"),
        Binding("down", "questions", "Questions", show=False),
    ]

    class Practise(Message):
        """Start a one-question practice of this question (from the list or from its sheet)."""

        def __init__(self, question_id: str) -> None:
            super().__init__()
            self.question_id = question_id

    choice: var[QuestionFilter] = var(QuestionFilter(), init=False)
    """What the filter bar asks for; the list follows."""
    words_ready: var[bool] = var(False, init=False)
    """The questions' words have been read (in a thread): a search by words can run."""

    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.pack = pack
        self.index = BankIndex(pack, GRADER_WORDING)
        self.hits: list[Hit] = list(self.index.search(QuestionFilter()))
        self._show_pending = False

    def compose(self) -> ComposeResult:
        pack = self.pack
        with Vertical(id="browse"):
            yield Static(Text(f"Study the pack · {pack.title}"), classes="screen-title")
            with Horizontal(id="browse-filters"):
                yield Input(placeholder="words to find…", id="browse-words", compact=True)
                yield _select("browse-area", "Any area", [(area.title, area.id) for area in pack.info.areas])
                yield _select("browse-kind", "Any kind", [(kind, kind) for kind in KINDS])
                yield _select("browse-level", "Any level", [(level, level) for level in LEVELS])
            yield Static(id="browse-count", classes="hint")
            with VerticalScroll(id="browse-page", can_focus=False):
                yield PageOptions(id="browse-questions")
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#browse-words", Input).focus()
        self.call_after_refresh(self.read_words)  # after the list shows: the thread would slow the first paint

    @work(thread=True, exclusive=True, group="browse-words", exit_on_error=False)
    def read_words(self) -> None:
        """Read every question's words off the UI thread (a quarter of a second for the shipped pack)."""
        self.index.prepare()
        self.app.call_from_thread(self._words_read)

    def _words_read(self) -> None:
        self.words_ready = True

    def watch_words_ready(self) -> None:
        if self.choice.text:
            self._show()

    def watch_choice(self) -> None:
        """Show the questions the filter admits, once for keys typed in a row (each change queued before the
        list is shown again is shown with it)."""
        if not self._show_pending:
            self._show_pending = True
            self.call_later(self._show)

    @on(Input.Changed, "#browse-words")
    def words_changed(self, event: Input.Changed) -> None:
        self.choice = replace(self.choice, text=event.value)

    @on(Input.Submitted, "#browse-words")
    def words_submitted(self) -> None:
        """Enter in the words opens the highlighted question (the best match): type, Enter, read."""
        question_id = self.highlighted_id
        if question_id is not None:
            self._open(question_id)

    @on(Select.Changed, "#browse-area")
    def area_changed(self, event: Select.Changed) -> None:
        self.choice = replace(self.choice, areas=_chosen(event))

    @on(Select.Changed, "#browse-kind")
    def kind_changed(self, event: Select.Changed) -> None:
        self.choice = replace(self.choice, kinds=_chosen(event))

    @on(Select.Changed, "#browse-level")
    def level_changed(self, event: Select.Changed) -> None:
        self.choice = replace(self.choice, levels=_chosen(event))

    def _show(self) -> None:
        """List the questions the filter admits, keeping the highlight on the same question if it still shows."""
        self._show_pending = False
        waiting = bool(self.choice.text) and not self.words_ready
        if not waiting:
            self.hits = self.index.search(self.choice)
        questions = self.query_one("#browse-questions", PageOptions)
        highlighted = self.highlighted_id
        questions.set_options([_question_option(hit, self.pack) for hit in self.hits])
        ids = [hit.question.id for hit in self.hits]
        questions.highlighted = ids.index(highlighted) if highlighted in ids else (0 if ids else None)
        self.query_one("#browse-count", Static).update(self._count_line(waiting))
        self.refresh_bindings()

    def _count_line(self, waiting: bool) -> Text:
        total = len(self.pack.questions)
        shown = len(self.hits)
        line = Text(f"{shown} of {total} questions" if shown != total else f"All {total} questions", style="bold")
        if waiting:
            line.append(" · reading the questions' words…")
        elif not shown:
            line.append(" · none matches: fewer words, or Any in the lists")
        else:
            line.append(f" · ↑↓ choose · Enter opens · {PRACTISE_KEY} practises it")
        return line

    @property
    def highlighted_id(self) -> str | None:
        questions = self.query_one("#browse-questions", PageOptions)
        index = questions.highlighted
        return self.hits[index].question.id if index is not None and index < len(self.hits) else None

    @on(OptionList.OptionSelected, "#browse-questions")
    def open_question(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option_id or "")

    def _open(self, question_id: str) -> None:
        question = self.pack.by_id.get(question_id)
        if question is not None:
            self.app.push_screen(QuestionSheetScreen(question_sheet(self.pack, question)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:  # noqa: ARG002
        """p acts on the highlighted question: offered while the list has the focus and a question is highlighted
        (in the words box, p is a letter typed)."""
        if action == "practise":
            return isinstance(self.focused, PageOptions) and self.highlighted_id is not None
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_practise(self) -> None:
        question_id = self.highlighted_id
        if question_id is not None:
            self.post_message(self.Practise(question_id))

    def action_search(self) -> None:
        self.query_one("#browse-words", Input).focus()

    def action_questions(self) -> None:
        questions = self.query_one("#browse-questions", PageOptions)
        if questions.option_count:
            questions.focus(scroll_visible=False)
            if questions.highlighted is None:
                questions.highlighted = 0

    def action_back(self) -> None:
        self.dismiss(None)


def _select(widget_id: str, prompt: str, options: Iterable[tuple[str, str]]) -> Select[str]:
    return Select([(Text(label), value) for label, value in options], prompt=prompt, id=widget_id, compact=True)


def _chosen(event: Select.Changed) -> tuple[str, ...]:
    """What a list of the filter bar admits: its value, or anything (the blank, "Any …")."""
    return () if event.value is Select.NULL else (str(event.value),)


def _question_option(hit: Hit, pack: Pack) -> Option:
    """Two lines, each cut to the width with "…" (by the list's CSS): the prompt, then what the question is
    (kind, area, level, minutes) and its id."""
    question = hit.question
    about = question_about_text(question.kind, pack.area_titles.get(question.area, question.area), question.level)
    prompt = " ".join(question.prompt.replace("`", "").split())
    details = f"{about} · {minutes_label(question.minutes)} · {question.id}"
    return Option(Content.assemble(prompt, "\n", (details, "dim")), id=question.id)


class QuestionSheetScreen(Screen[None]):
    """Everything the pack says about one question, scrolled from the keyboard; p practises it."""

    CSS_PATH = "browse.tcss"
    HELP = (
        "One question as the pack has it: the prompt, the talking points a strong answer covers (the grader "
        "looks for these; a weight above 1 counts more), each step a scenario adds, the red flags (wrong claims, "
        "with why they are wrong), the follow-ups to expect, the model answer and the facts it relies on.\n\n"
        "Keys: ↑ ↓ PageUp / PageDown Home / End scroll, "
        f"{PRACTISE_KEY} starts practice on this question (a one-question session, scored like any other), "
        "Esc goes back to the list."
    )
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding(PRACTISE_KEY, "practise", "Practise it"),
    ]

    def __init__(self, sheet: QuestionSheet) -> None:
        super().__init__()
        self.sheet = sheet

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="sheet"):
            yield Static(Text(f"Question · {self.sheet.id}"), classes="screen-title")
            yield Static(sheet_view(self.sheet), id="sheet-body")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sheet", VerticalScroll).focus()

    def action_practise(self) -> None:
        self.post_message(BrowseScreen.Practise(self.sheet.id))

    def action_back(self) -> None:
        self.dismiss(None)


def sheet_view(sheet: QuestionSheet) -> RenderableType:
    """The sheet as one renderable: pack Markdown rendered, every other text shown literally."""
    about = question_about_text(sheet.kind, sheet.area_title, sheet.level)
    parts: list[RenderableType] = [
        Text(" · ".join(part for part in (about, minutes_label(sheet.minutes)) if part), style="dim"),
        pack_markdown(sheet.prompt),
        _heading("Talking points", "what a strong answer covers"),
        _points(sheet.points),
    ]
    for step in sheet.steps:
        parts += [_heading(f"Step {step.number} of {len(sheet.steps)}", "the interviewer adds")]
        parts += [pack_markdown(step.reveal), _points(step.points)]
    if sheet.red_flags:
        parts += [_heading("Red flags", "wrong claims, and why"), _flags(sheet)]
    if sheet.follow_ups:
        follow_ups = "\n".join(f"- {' '.join(text.split())}" for text in sheet.follow_ups)
        parts += [_heading("Follow-ups to expect"), pack_markdown(follow_ups)]
    if sheet.model_answer:
        parts += [_heading("Model answer"), pack_markdown(sheet.model_answer)]
    if sheet.facts:
        parts += [_heading("Facts", f"checked {sheet.as_of}" if sheet.as_of else ""), _facts(sheet)]
    if sheet.tags:
        parts.append(Text(f"\nTags: {', '.join(sheet.tags)}", style="dim"))
    return Group(*parts)


def _heading(title: str, detail: str = "") -> Text:
    text = Text(f"\n{title}", style="bold")
    if detail:
        text.append(f"  {detail}", style="dim")
    return text


def _points(points: Iterable[SheetPoint]) -> Table:
    rows = []
    for point in points:
        text = Text(point.text)
        if point.weight_label:
            text.append(f"  ({point.weight_label})", style="bold")
        rows.append((Text("•"), text))
    return _hanging(rows)


def _flags(sheet: QuestionSheet) -> Table:
    rows = []
    for flag in sheet.red_flags:
        rows.append((Text("⚠", style=FLAG_STYLE), Text(flag.text, style="bold")))
        rows.append((Text(""), Text(f"Why it is wrong: {flag.why}")))
        if flag.contradicts:
            rows.append((Text(""), Text(f"Costs the point: {flag.contradicts}", style="dim")))
    return _hanging(rows)


def _facts(sheet: QuestionSheet) -> Table:
    rows = []
    for fact in sheet.facts:
        text = Text(fact.text)
        text.append(f"  {fact.source}, as of {fact.as_of}", style="dim")
        rows.append((Text("•"), text))
    return _hanging(rows)


def _hanging(rows: Iterable[tuple[Text, Text]]) -> Table:
    """Marked lines whose text wraps under itself, not under the mark."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for mark, text in rows:
        grid.add_row(mark, text)
    return grid
