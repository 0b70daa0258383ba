"""A session's report as text in a format, and as a file in the data folder's ``exports/``.

The one place a report becomes Markdown, a standalone HTML page or JSON with the full record: the command line's
``report`` and the report screen's export both go through :func:`report_text`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Final, Literal

from tui_interview.domain.files import write_atomically
from tui_interview.domain.formatting import json_text
from tui_interview.domain.reporting.html import report_html
from tui_interview.domain.reporting.json import report_json
from tui_interview.domain.reporting.markdown import report_markdown
from tui_interview.domain.reporting.report import SessionReport
from tui_interview.domain.sessions.records import SessionRecord

ExportFormat = Literal["md", "html", "json"]
EXPORT_FORMATS: Final[tuple[ExportFormat, ...]] = ("md", "html", "json")
FORMAT_NAMES: Final[Mapping[ExportFormat, str]] = {"md": "Markdown", "html": "HTML", "json": "JSON"}
SUFFIXES: Final[Mapping[ExportFormat, str]] = {"md": ".md", "html": ".html", "json": ".json"}


def report_text(record: SessionRecord, report: SessionReport, export_format: ExportFormat) -> str:
    """``report`` (of ``record``) as Markdown, one standalone HTML page, or JSON holding the saved record too."""
    if export_format == "html":
        return report_html(report)
    if export_format == "json":
        return json_text(report_json(record, report), ensure_ascii=False) + "\n"
    return report_markdown(report)


def export_path(folder: Path, session_id: str, export_format: ExportFormat) -> Path:
    """Where the export of session ``session_id`` goes in ``folder``: ``<id>.md``, ``<id>.html`` or ``<id>.json``."""
    return folder / f"{session_id}{SUFFIXES[export_format]}"


def write_export(record: SessionRecord, report: SessionReport, export_format: ExportFormat, folder: Path) -> Path:
    """Write ``report`` to :func:`export_path` in ``folder`` (created if needed), atomically; return the path.

    An earlier export of the same session in the same format is replaced: it is the same report, older. The file
    is readable by its owner only, like the sessions it is made from. Raise ``OSError`` when it cannot be written.
    """
    path = export_path(folder, record.id, export_format)
    write_atomically(path, report_text(record, report, export_format).encode("utf-8"))
    return path
