"""Past sessions, sortable, with progress over time and the questions that keep coming back."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Sparkline, Static

from tui_interview.domain.formatting import format_mmss, percent
from tui_interview.domain.history.index import SORT_KEYS, HistoryIndex, HistoryView, SessionSummary, SortKey
from tui_interview.domain.history.spaced import ReviewState
from tui_interview.domain.workspace import Workspace
from tui_interview.ui.screens.dialogs import ConfirmDialog

TREND_MIN_POINTS = 1
WEAK_SHOWN = 5


class HistoryScreen(Screen[None]):
    """Every saved session, the score trend and chronically weak questions."""

    CSS_PATH = "history.tcss"
    HELP = (
        "Every session you have saved. Enter opens a finished session's report, or resumes an unfinished one. "
        "s changes the order (date, score, duration, mode), d deletes the highlighted session after asking. "
        "Progress shows your overall score and each area's score over time, oldest on the left. Questions "
        "you keep failing are listed with a suggestion; they come back in practice until they are strong."
    )
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("s", "sort", "Sort"),
        Binding("d", "delete", "Delete"),
    ]

    sort_key: var[SortKey] = var[SortKey]("date", init=False)
    """The order of the table; s moves to the next one and the table follows."""

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
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="history-details"):
                yield Static(Text("Progress (oldest → newest)", style="bold"), classes="history-heading")
                yield Vertical(id="history-trends")
                yield Static(id="history-weak")
                yield Static(id="history-unreadable")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Started", "Mode", "Score", "Band", "Time", "Stages")
        self.query_one("#history-hint", Static).update("Reading your sessions…")
        self.query_one("#history-weak", Static).display = False
        self.query_one("#history-unreadable", Static).display = False
        table.focus()
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

    def _fill_table(self) -> None:
        if self.view is None:
            return
        table = self.query_one(DataTable)
        table.clear()
        for summary in self.view.sorted_by(self.sort_key):
            table.add_row(
                f"{summary.started_at:%Y-%m-%d %H:%M}",
                summary.mode,
                percent(summary.overall) if summary.overall is not None else "—",
                summary.band or "—" if summary.finished else "unfinished",
                format_mmss(summary.duration_seconds),
                Text(_stages_label(summary)),
                key=summary.key,  # the file name: a copied file keeps its id
            )
        count = len(self.view.sessions)
        hint = self.query_one("#history-hint", Static)
        if not count:
            hint.update("No sessions yet. Run a full loop or practise from the home screen.")
        else:
            hint.update(f"{count} session{'s' if count != 1 else ''} · sorted by {self.sort_key} · Enter opens one")

    def _show_trends(self) -> None:
        assert self.view is not None
        trends = self.query_one("#history-trends", Vertical)
        rows = [("Overall", self.view.trend())]
        area_titles = self._area_titles()
        areas = sorted({area for summary in self.view.sessions for area in summary.areas})
        rows += [(area_titles.get(area, area), self.view.trend(area)) for area in areas]
        shown = [(label, points) for label, points in rows if len(points) >= TREND_MIN_POINTS]
        if not shown:
            trends.mount(Static("Scores appear here after your first finished session.", classes="hint"))
            return
        for label, points in shown:
            values = [score for _, score in points]
            trends.mount(
                Horizontal(
                    Static(Text(label), classes="trend-label"),
                    Sparkline(values, summary_function=max, classes="trend-line"),
                    Static(f"{percent(values[-1])}", classes="trend-last"),
                    classes="trend-row",
                )
            )

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
        text = Text("Keeps coming back\n", style="bold")
        for question_id in self.review.chronically_weak()[:WEAK_SHOWN]:
            text.append(f"• {question_id}: ", style="bold")
            text.append(self.review.suggestion(question_id) + "\n")
        weak_widget.update(text)

    def _show_unreadable(self) -> None:
        assert self.view is not None
        widget = self.query_one("#history-unreadable", Static)
        widget.display = bool(self.view.unreadable)
        lines = "\n".join(f"{item.path}: {item.reason}" for item in self.view.unreadable)
        widget.update(Text(f"Unreadable session files (left untouched):\n{lines}"))

    def _highlighted(self) -> SessionSummary | None:
        table = self.query_one(DataTable)
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
        self.sort_key = SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)]

    def watch_sort_key(self) -> None:
        self._fill_table()

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


def _stages_label(summary: SessionSummary) -> str:
    if len(summary.stages) > 1:
        return f"{len(summary.stages)} stages"
    return summary.stages[0] if summary.stages else ""
