"""The pack's Markdown in the exports: rendered (bullets, code, fenced blocks) but never raw HTML or links, while
what the candidate typed stays literal text that cannot add structure."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.helpers import TEST_PACK, start_session
from tests.test_export import visible_text
from tui_interview.domain.bank.pack import Pack, load_pack
from tui_interview.domain.planning.practice import plan_questions
from tui_interview.domain.reporting.html import report_html
from tui_interview.domain.reporting.markdown import escape_markdown, report_markdown
from tui_interview.domain.reporting.report import SessionReport, build_report
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.store import SessionStore
from tui_interview.domain.settings import PracticeChoice

QUESTION = "pipelines-technical-1"
PROMPT = """Look at this `DataLoader` setup and say what <b>you</b> would change:

```python
loader = DataLoader(ds, num_workers=0)  # <b>slow</b>
```
"""
MODEL_ANSWER = """- Raise `num_workers` towards the cores per GPU.
- Turn on <b>pin_memory</b>; see [the docs](https://example.com/docs).
- Measure first:

```bash
py-spy top --pid 1 <pid>
```"""
ANSWER = "[bold]I would[/bold] raise the workers\n# heading\n<script>alert(1)</script> and 6.5 per cent"


@pytest.fixture
def report(tmp_path: Path) -> SessionReport:
    pack = load_pack(TEST_PACK)
    question = pack.by_id[QUESTION].model_copy(update={"prompt": PROMPT, "model_answer": MODEL_ANSWER})
    pack = replace(pack, questions=tuple(question if q.id == QUESTION else q for q in pack.questions))
    clock = FakeClock()
    plan = plan_questions(pack, PracticeChoice(question_ids=(QUESTION,)), seed=1)
    run = start_session(SessionStore(tmp_path), plan=plan, pack=pack, clock=clock, mode="practice")
    stage = run.stage()
    stage.start()
    clock.advance(60)
    stage.submit(ANSWER)
    while not stage.finished:
        stage.skip()
    run.checkpoint()
    return build_report(run.record, pack)


def html_of(markdown: str) -> str:
    html: str = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    return html


def test_the_markdown_export_keeps_the_packs_markdown_as_markdown(report: SessionReport) -> None:
    markdown = report_markdown(report)
    assert "- Raise `num_workers` towards the cores per GPU.\n" in markdown  # not "\- Raise \`num_workers\`…\"
    assert "\\-" not in markdown.split("**Model answer**")[1]
    assert "```python\nloader = DataLoader(ds, num_workers=0)  # <b>slow</b>\n```" in markdown  # code kept as is
    assert "Look at this `DataLoader` setup and say what \\<b>you\\</b> would change:" in markdown
    assert "Turn on \\<b>pin_memory\\</b>" in markdown  # raw HTML outside code shows as written


def test_the_candidates_answer_is_still_escaped(report: SessionReport) -> None:
    markdown = report_markdown(report)
    assert f"> {escape_markdown('[bold]I would[/bold] raise the workers')}\\" in markdown
    assert "> \\# heading\\" in markdown
    assert "> \\<script\\>alert(1)\\</script\\> and 6.5 per cent" in markdown
    html = html_of(markdown)
    assert html.count("<h1>") == 1  # the report's title only
    assert "<script" not in html
    assert "[bold]I would[/bold]" in visible_text(html)


@pytest.mark.parametrize("text", ["6.5 filler words", "2026 was a year", "3)is fine", "-5 degrees", "+1 here"])
def test_numbers_and_signs_that_start_no_list_are_not_escaped(text: str) -> None:
    assert escape_markdown(text) == text
    assert visible_text(html_of(text)) == text


def test_the_html_export_renders_lists_and_code_but_no_html_or_links(report: SessionReport) -> None:
    page = report_html(report)
    model = page[page.index("<strong>Model answer</strong>") :]
    assert "<ul>\n<li>Raise <code>num_workers</code> towards the cores per GPU.</li>" in model
    assert '<pre><code class="language-bash">py-spy top --pid 1 &lt;pid&gt;\n</code></pre>' in model
    code = '<pre><code class="language-python">loader = DataLoader(ds, num_workers=0)  # &lt;b&gt;slow&lt;/b&gt;'
    assert code in page
    assert "<b>" not in page
    assert "&lt;b&gt;pin_memory&lt;/b&gt;" in model
    assert "[the docs](https://example.com/docs)" in visible_text(model)  # shown, not a link
    for external in ("href=", "src=", "<a ", "<img"):
        assert external not in page
    assert "default-src 'none'" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page


def test_an_unclosed_fence_in_the_pack_cannot_swallow_the_report(tmp_path: Path) -> None:
    pack = load_pack(TEST_PACK)
    broken = pack.by_id[QUESTION].model_copy(update={"model_answer": "Try this:\n\n```bash\nrm -rf /tmp/x"})
    pack = replace(pack, questions=tuple(broken if q.id == QUESTION else q for q in pack.questions))
    run = start_session(
        SessionStore(tmp_path),
        plan=plan_questions(pack, PracticeChoice(question_ids=(QUESTION, "tracking-technical-6")), seed=1),
        pack=pack,
        mode="practice",
    )
    page = report_html(build_report(run.record, pack))
    assert page.count("<h3>Q") == 2  # the second question's heading is still a heading, not code
    assert '<code class="language-bash">rm -rf /tmp/x\n</code></pre>' in page


def test_recruiter_questions_show_no_level_and_no_repeated_name(tmp_path: Path) -> None:
    pack: Pack = load_pack(TEST_PACK)
    run = start_session(
        SessionStore(tmp_path),
        plan=plan_questions(pack, PracticeChoice(question_ids=("recruiter-q1", "behavioral-q1", QUESTION)), seed=1),
        pack=pack,
        mode="practice",
    )
    markdown = report_markdown(build_report(run.record, pack))
    assert "\n\nRecruiter screen · time " in markdown  # not "screen · Recruiter screen · mid"
    assert f"\n\nBehavioral · {pack.by_id['behavioral-q1'].level} · time " in markdown
    assert "behavioral · Behavioral" not in markdown
    assert f"\n\ntechnical · {pack.area_titles['pipelines']} · " in markdown


def test_the_area_is_not_repeated_under_a_stage_of_the_same_name(tmp_path: Path) -> None:
    pack = load_pack(TEST_PACK)
    run = start_session(SessionStore(tmp_path), stages=["recruiter"], pack=pack)
    markdown = report_markdown(build_report(run.record, pack))
    stage = markdown[markdown.index("## 1. Recruiter screen") :]
    assert "\n\ntime 0:00 spent of 3 min suggested · " in stage  # neither "screen", "Recruiter screen" nor a level
    assert "Recruiter screen · time" not in stage
