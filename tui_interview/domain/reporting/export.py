"""Kept while callers move to the per-format modules: markdown, html, json."""

from tui_interview.domain.reporting.html import report_html
from tui_interview.domain.reporting.json import report_json
from tui_interview.domain.reporting.markdown import escape_markdown, report_markdown
from tui_interview.domain.reporting.report import report_title

__all__ = ["escape_markdown", "report_html", "report_json", "report_markdown", "report_title"]
