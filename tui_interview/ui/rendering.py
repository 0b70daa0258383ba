"""How text from a question pack (prompts, scenario reveals, model answers) is shown: as the Markdown it is written in.

Pack authors write `code`, bullets and fenced blocks (a manifest to fix); they are rendered, not shown as
backticks and dashes. Raw HTML is not interpreted: ``<pod-name>`` in a prompt stays on screen as written. Text the
candidate typed is never passed through here: it is shown exactly as typed.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from rich.markdown import Markdown
from rich.text import Text

_PARSER = MarkdownIt("commonmark", {"html": False}).enable("strikethrough").enable("table")
CODE_STYLE = "bold"
"""Inline code in a one-line preview (:func:`pack_line`), where a code background would look like a highlight."""


def pack_markdown(source: str) -> Markdown:
    """``source`` (Markdown from a pack file) as a renderable; HTML tags show literally."""
    rendered = Markdown("", code_theme="ansi_dark", hyperlinks=False)
    rendered.markup = source
    rendered.parsed = _PARSER.parse(source)
    return rendered


def pack_line(source: str, limit: int | None = None) -> Text:
    """``source`` (pack Markdown, such as a prompt) as one line for a list: code in its style, no backticks or
    emphasis marks; cut at ``limit`` characters with "…". HTML tags show literally, as in :func:`pack_markdown`."""
    line = Text()
    for block in _PARSER.parseInline(" ".join(source.split())):
        for token in block.children or ():
            if token.type == "code_inline":
                line.append(token.content, style=CODE_STYLE)
            elif token.type in ("softbreak", "hardbreak"):
                line.append(" ")
            elif token.type in ("text", "html_inline"):
                line.append(token.content)
            elif token.type == "image":
                line.append(token.content)  # its alt text
    if limit is not None and len(line) > limit:
        line = line[: limit - 1]
        line.rstrip()
        line.append("…")
    return line
