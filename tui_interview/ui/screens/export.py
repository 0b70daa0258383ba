"""The export dialog of the report screen: which format to write, and where the file goes."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui_interview.domain.reporting.export import EXPORT_FORMATS, FORMAT_NAMES, SUFFIXES, ExportFormat, export_path

KEYS: dict[ExportFormat, str] = {"md": "m", "html": "h", "json": "j"}
WHAT: dict[ExportFormat, str] = {
    "md": "to read or keep in notes",
    "html": "one standalone page, light or dark",
    "json": "the full record and every score",
}


class ExportDialog(ModalScreen[ExportFormat | None]):
    """Choose Markdown, HTML or JSON (a key or Enter); Esc cancels. Dismissed with the format chosen."""

    DEFAULT_CSS = """
    ExportDialog {
        #export-formats {
            height: auto;
            border: none;
            margin-top: 1;
        }
    }
    """
    BINDINGS = [
        *(
            Binding(key, f"choose('{export_format}')", FORMAT_NAMES[export_format])
            for export_format, key in KEYS.items()
        ),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, folder: Path, session_id: str) -> None:
        super().__init__()
        self.folder = folder
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export"):
            yield Static("Export this report", classes="dialog-title")
            first, *others = (export_path(self.folder, self.session_id, f) for f in EXPORT_FORMATS)
            also = " or ".join(path.suffix for path in others)
            yield Static(Text(f"Writes {first} (or {also}); an earlier export there is replaced."))
            yield OptionList(*map(self._option, EXPORT_FORMATS), id="export-formats")
            yield Static(f"Enter or {' / '.join(KEYS.values())} to write · Esc to cancel", classes="hint")

    @staticmethod
    def _option(export_format: ExportFormat) -> Option:
        name = f"{FORMAT_NAMES[export_format]} ({SUFFIXES[export_format]})"
        label = Text.assemble(
            (f"{KEYS[export_format]}  {name:<17}", "bold"),
            WHAT[export_format],
        )
        return Option(label, id=export_format)

    def on_mount(self) -> None:
        self.query_one("#export-formats", OptionList).focus()

    @on(OptionList.OptionSelected, "#export-formats")
    def choose_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(event.option_id or "")

    def action_choose(self, export_format: str) -> None:
        chosen = next((known for known in EXPORT_FORMATS if known == export_format), None)
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
