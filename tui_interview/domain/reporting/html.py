"""The session report as one standalone HTML page: the Markdown report rendered by markdown-it, in a template
with inline CSS and no scripts or external assets.

The pack's Markdown (code spans, lists, fenced code in hands-on questions) is rendered; nothing else gets through:
raw HTML is disabled (so every text is escaped), and links, images and link definitions are not rendered at all,
so the page never points anywhere and shows a link as the text it was written as. The Content-Security-Policy
forbids everything but the inline stylesheet all the same.
"""

from __future__ import annotations

import html
from typing import Final

from tui_interview.domain.formatting import escape_control_characters
from tui_interview.domain.reporting.markdown import report_markdown
from tui_interview.domain.reporting.report import SessionReport, report_title

_CSS: Final = """
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0;
  --soft: #f6f8fa; --accent: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --soft: #151b23; --accent: #4493f8; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.55 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; line-height: 1.25; margin-top: 0; }
h2 { font-size: 1.35rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; margin-top: 2.5rem; }
h3 { font-size: 1.08rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--line); padding: .35rem .7rem; }
th { background: var(--soft); }
tr:nth-child(even) td { background: var(--soft); }
blockquote { margin: .5rem 0 1rem; padding: .2rem 1rem; border-left: .25rem solid var(--accent);
  background: var(--soft); }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft);
  padding: .1em .35em; border-radius: 4px; }
ul, ol { padding-left: 1.6rem; }
li { margin: .2rem 0; }
pre { background: var(--soft); padding: .6rem .8rem; border-radius: 6px; overflow-x: auto; }
pre code { background: none; padding: 0; }
@media print { main { max-width: none; } h2 { break-before: page; } }
"""

_PAGE: Final = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<main>
{body}</main>
</body>
</html>
"""


def report_html(report: SessionReport) -> str:
    """One standalone page: the Markdown report rendered with raw HTML and links disabled, inline CSS, no scripts."""
    from markdown_it import MarkdownIt  # only the HTML export needs it

    renderer = (
        MarkdownIt("commonmark", {"html": False})
        .enable(["table", "strikethrough"])
        .disable(["link", "image", "autolink", "reference"])
    )
    body = renderer.render(report_markdown(report))
    page = _PAGE.format(title=html.escape(report_title(report)), css=_CSS.strip(), body=body)
    return escape_control_characters(page)  # the Markdown is already clean; the title may not be
