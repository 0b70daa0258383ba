"""How text from a question pack (prompts, scenario reveals, model answers) is shown: as the Markdown it is written in.

Pack authors write `code`, bullets and fenced blocks (a manifest to fix); they are rendered, not shown as
backticks and dashes. Raw HTML is not interpreted: ``<pod-name>`` in a prompt stays on screen as written. Text the
candidate typed is never passed through here: it is shown exactly as typed.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from rich.markdown import Markdown

_PARSER = MarkdownIt("commonmark", {"html": False}).enable("strikethrough").enable("table")


def pack_markdown(source: str) -> Markdown:
    """``source`` (Markdown from a pack file) as a renderable; HTML tags show literally."""
    rendered = Markdown("", code_theme="ansi_dark", hyperlinks=False)
    rendered.markup = source
    rendered.parsed = _PARSER.parse(source)
    return rendered
