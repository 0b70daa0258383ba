"""Past sessions: open a report, or resume one left unfinished."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from tui_interview.domain.formatting import format_mmss
from tui_interview.domain.session import SessionRecord
from tui_interview.domain.storage import SessionScan, SessionStore


class HistoryScreen(Screen[None]):
    """Every saved session, newest first."""

    CSS_PATH = "history.tcss"
    HELP = "Every session you have saved, newest first. Enter opens its report, or resumes it if unfinished."
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    class OpenSession(Message):
        def __init__(self, record: SessionRecord) -> None:
            super().__init__()
            self.record = record

    def __init__(self, store: SessionStore) -> None:
        super().__init__()
        self.store = store
        self.scan: SessionScan = store.scan()

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Static("History", classes="screen-title")
            yield Static(self._summary(), classes="hint")
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
            if self.scan.unreadable:
                lines = "\n".join(f"{error.path}: {error.reason}" for error in self.scan.unreadable)
                yield Static(Text(f"Unreadable session files (left untouched):\n{lines}"), id="history-unreadable")
        yield Footer()

    def _summary(self) -> str:
        count = len(self.scan.sessions)
        if not count:
            return "No sessions yet. Run a full loop or practise a stage from the home screen."
        return f"{count} session{'s' if count != 1 else ''} · Enter opens one · saved in {self.store.folder}"

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Started", "Mode", "Stages", "Status", "Time used", "Seed")
        for record in self.scan.sessions:
            table.add_row(
                f"{record.started_at:%Y-%m-%d %H:%M}",
                record.mode,
                Text(", ".join(stage.title for stage in record.stages)),
                "finished" if record.status == "finished" else "unfinished",
                format_mmss(sum(stage.elapsed_seconds for stage in record.stages)),
                str(record.seed),
                key=record.id,
            )
        table.focus()

    @on(DataTable.RowSelected, "#history-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        record = next(r for r in self.scan.sessions if r.id == event.row_key.value)
        self.post_message(self.OpenSession(record))
