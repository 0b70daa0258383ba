"""Past sessions, sortable, with progress over time and the questions that keep coming back."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tui_interview.domain.bank.pack import Question
from tui_interview.domain.formatting import format_mmss, percent
from tui_interview.domain.history.index import (
    SORT_KEYS,
    HistoryIndex,
    HistoryView,
    SessionSummary,
    SortKey,
    default_descending,
    sort_order_label,
)
from tui_interview.domain.history.spaced import ReviewState
from tui_interview.domain.vocabulary import MODE_TITLES
from tui_interview.domain.workspace import Workspace
from tui_interview.ui.rendering import pack_line
from tui_interview.ui.screens.dialogs import ConfirmDialog
from tui_interview.ui.widgets.score_trend import ScoreTrend, TrendRow

WEAK_SHOWN = 5
WEAK_PROMPT_PREVIEW = 70
"""A weak question is named by its prompt, cut to this many characters."""
COLUMNS: tuple[tuple[str, SortKey], ...] = (
    ("Started", "date"),
    ("Result", "score"),
    ("Time", "duration"),
    ("Session", "mode"),
)
"""The table's columns, and the sort key each stands for."""
SORTED_MARK = {True: " ▼", False: " ▲"}
"""After the sorted column's name: descending, ascending."""
MIN_SESSION_WIDTH = 12
"""The Session column is cut (with …) to fit the table, but never narrower than this."""


class SessionTable(DataTable[str | Text]):
    """The sessions, one per row. Home and End move the highlight to the first and last row (not sideways)."""

    BINDINGS = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]


class HistoryScreen(Screen[None]):
    """Every saved session, the score trend and chronically weak questions."""

    CSS_PATH = "history.tcss"
    HELP = (
        "Every session you have saved. Enter opens the highlighted session's report; for an unfinished one "
        "you choose between its report so far and resuming it. s changes the order (date, score, duration, "
        "mode), r reverses it; the sorted column is marked ▼ (descending) or ▲ (ascending). d deletes the "
        "highlighted session after asking. Progress shows your overall score and each area's score per "
        "finished session, oldest on the left, on a fixed 0-100% scale. Questions you keep failing are listed "
        "with a suggestion; they come back in practice until they are strong."
    )
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("s", "sort", "Sort"),
        Binding("r", "reverse", "Reverse"),
        Binding("d", "delete", "Delete"),
    ]

    sort_key: var[SortKey] = var[SortKey]("date", init=False)
    """The order of the table; s moves to the next one and the table follows."""
    descending: var[bool] = var(True, init=False)
    """The direction of the order: each key starts in its usual one (newest, best, longest first); r flips it."""

    class OpenSession(Message):
        def __init__(self, summary: SessionSummary) -> None:
            super().__init__()
            self.summary = summary
            self.path = summary.path

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.view: HistoryView | None = None
        """The sessions, once read: a thread reads them (:meth:`read_history`) while the screen shows."""
        self.review: ReviewState | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Static("History", classes="screen-title")
            yield Static(id="history-hint", classes="hint")
            yield SessionTable(id="history-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="history-details"):
                yield Static(id="history-progress", classes="history-heading")
                yield ScoreTrend(id="history-trends")
                yield Static(id="history-weak")
                yield Static(id="history-unreadable")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#history-hint", Static).update("Reading your sessions…")
        self.query_one("#history-weak", Static).display = False
        self.query_one("#history-unreadable", Static).display = False
        self.query_one(SessionTable).focus()
        self.read_history(self.workspace.history)

    @work(thread=True, exclusive=True, group="history")
    def read_history(self, index: HistoryIndex) -> None:
        """Read the sessions and their review schedule in a thread: a large history never blocks the screen."""
        view = index.load()
        try:
            review: ReviewState | None = self.workspace.review(view)
        except Exception:  # a broken schedule must not hide the history: it is shown without the weak questions
            review = None
        self.app.call_from_thread(self._history_read, view, review)

    def _history_read(self, view: HistoryView, review: ReviewState | None) -> None:
        first = self.view is None
        self.view, self.review = view, review
        self._fill_table()
        if first:
            self._show_trends()
            self._show_weak()
        self._show_unreadable()

    # The table ------------------------------------------------------------------------------

    def _fill_table(self) -> None:
        """List the sessions in the chosen order, the highlight staying on the session it was on."""
        if self.view is None:
            return
        table = self.query_one(SessionTable)
        highlighted = self._highlighted()
        rows = [(summary.key, _cells(summary)) for summary in self.view.sorted_by(self.sort_key, self.descending)]
        table.clear(columns=True)
        for (label, key), width in zip(COLUMNS, self._column_widths(rows), strict=True):
            mark = SORTED_MARK[self.descending] if key == self.sort_key else ""
            table.add_column(Text(label + mark, style="bold" if mark else ""), key=label, width=width)
        for row_key, cells in rows:
            *fixed, session = cells
            table.add_row(*fixed, Text(session, no_wrap=True, overflow="ellipsis"), key=row_key)
        if highlighted is not None and highlighted.key in table.rows:
            table.move_cursor(row=table.get_row_index(highlighted.key), animate=False)
        self._show_count()

    def _column_widths(self, rows: Sequence[tuple[str, Sequence[str]]]) -> list[int | None]:
        """Each column fits its content, but the Session column (the last) only what is left of the table's width."""
        mark = len(SORTED_MARK[True])
        widths = [max([len(name) + mark, *(len(cells[i]) for _, cells in rows)]) for i, (name, _) in enumerate(COLUMNS)]
        table = self.query_one(SessionTable)
        padding = 2 * table.cell_padding
        space = table.size.width - table.styles.scrollbar_size_vertical - sum(w + padding for w in widths[:-1])
        if table.size.width == 0 or space - padding >= widths[-1]:
            return [*widths[:-1], None]  # not laid out yet, or everything fits
        return [*widths[:-1], max(space - padding, MIN_SESSION_WIDTH)]

    def on_resize(self) -> None:
        self.call_after_refresh(self._fill_table)  # the Session column takes what the others leave

    def _show_count(self) -> None:
        assert self.view is not None
        count = len(self.view.sessions)
        hint = self.query_one("#history-hint", Static)
        if not count:
            hint.update("No sessions yet. Run a full loop or practise from the home screen.")
            return
        order = sort_order_label(self.sort_key, self.descending)
        hint.update(
            f"{count} session{'s' if count != 1 else ''} · sorted by {self.sort_key}, {order} · Enter opens one"
        )

    def _highlighted(self) -> SessionSummary | None:
        table = self.query_one(SessionTable)
        if not table.row_count or self.view is None:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.view.find(key) if key else None

    @on(DataTable.RowSelected, "#history-table")
    def open_session(self, event: DataTable.RowSelected) -> None:
        if self.view is None:
            return
        summary = self.view.find(event.row_key.value) if event.row_key.value else None
        if summary is not None:
            self.post_message(self.OpenSession(summary))

    def action_sort(self) -> None:
        key = SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)]
        self.set_reactive(HistoryScreen.descending, default_descending(key))
        self.sort_key = key

    def action_reverse(self) -> None:
        self.descending = not self.descending

    def watch_sort_key(self) -> None:
        self._fill_table()

    def watch_descending(self) -> None:
        self._fill_table()

    # Progress and weak questions ---------------------------------------------------------------

    def _show_trends(self) -> None:
        assert self.view is not None
        rows = [TrendRow("Overall", tuple(score for _, score in self.view.trend()))]
        area_titles = self._area_titles()
        areas = sorted({area for summary in self.view.sessions for area in summary.areas})
        for area in areas:
            rows.append(TrendRow(area_titles.get(area, area), tuple(score for _, score in self.view.trend(area))))
        shown = tuple(row for row in rows if row.scores)
        self.query_one("#history-progress", Static).update(_progress_heading(len(rows[0].scores)))
        self.query_one(ScoreTrend).rows = shown

    def _area_titles(self) -> dict[str, str]:
        try:
            return dict(self.workspace.pack.area_titles)
        except Exception:  # a broken pack must not hide the history: fall back to area ids
            return {}

    def _show_weak(self) -> None:
        weak_widget = self.query_one("#history-weak", Static)
        if self.review is None or not self.review.chronically_weak():
            weak_widget.display = False
            return
        weak_widget.display = True
        questions = self._questions()
        text = Text("Keeps coming back\n", style="bold")
        for question_id in self.review.chronically_weak()[:WEAK_SHOWN]:
            question = questions.get(question_id)
            text.append("• ")
            text.append_text(pack_line(question.prompt, WEAK_PROMPT_PREVIEW) if question else Text(question_id))
            text.append(f"\n  {self.review.suggestion(question_id, question)}\n", style="dim")
        weak_widget.update(text)

    def _questions(self) -> dict[str, Question]:
        try:
            return dict(self.workspace.pack.by_id)
        except Exception:  # a broken pack must not hide the history: fall back to question ids
            return {}

    def _show_unreadable(self) -> None:
        assert self.view is not None
        widget = self.query_one("#history-unreadable", Static)
        widget.display = bool(self.view.unreadable)
        lines = "\n".join(f"{item.path}: {item.reason}" for item in self.view.unreadable)
        widget.update(Text(f"Unreadable session files (left untouched):\n{lines}"))

    # Deleting ---------------------------------------------------------------------------------

    def action_delete(self) -> None:
        summary = self._highlighted()
        if summary is not None:
            self.confirm_delete(summary)

    @work(exclusive=True, group="delete")
    async def confirm_delete(self, summary: SessionSummary) -> None:
        """Delete the session's file once the candidate confirms, and list the sessions again."""
        question = ConfirmDialog(
            "Delete this session?",
            f"{summary.started_at:%Y-%m-%d %H:%M} {summary.mode}, {', '.join(summary.stages)}.\n"
            f"The file {summary.path} is removed for good.",
            yes="Delete",
            no="Keep",
        )
        if await self.app.push_screen_wait(question):
            self.workspace.history.delete(summary.key)
            self.notify(f"Deleted {summary.path.name}")
            self.read_history(self.workspace.history)


def _cells(summary: SessionSummary) -> tuple[str, str, str, str]:
    """Started, Result, Time and Session, as the table shows them."""
    score = percent(summary.overall) if summary.overall is not None else "—"
    result = f"{score} {summary.band or ''}".rstrip() if summary.finished else f"{score} unfinished"
    return f"{summary.started_at:%Y-%m-%d %H:%M}", result, format_mmss(summary.duration_seconds), _session(summary)


def _session(summary: SessionSummary) -> str:
    """``Full loop · 4 stages``, or a practice's title (``Practice: serving``, ``Recruiter screen · practice``)."""
    if summary.mode in ("loop", "interview"):
        kind, count = MODE_TITLES[summary.mode], len(summary.stages)
        return f"{kind} · {count} stages" if count != 1 else f"{kind} · {summary.stages[0]}"
    title = ", ".join(summary.stages)
    return title if title.startswith("Practice") else f"{title} · practice"


def _progress_heading(sessions: int) -> Text:
    """What the chart below shows, and that one session is not yet a trend."""
    heading = Text("Progress", style="bold")
    if sessions == 0:
        return heading.append(" · scores appear here after your first finished session", style="not bold")
    if sessions == 1:
        return heading.append(" · one finished session so far (a trend needs two), 0-100% scale", style="not bold")
    return heading.append(f" · {sessions} finished sessions, oldest → newest, 0-100% scale", style="not bold")
