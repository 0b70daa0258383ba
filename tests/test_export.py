"""Report export: Markdown that reads well and keeps typed text literal, a safe standalone HTML page, JSON."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.helpers import TEST_PACK, start_session
from tui_interview.domain.bank.pack import Pack, load_pack
from tui_interview.domain.reporting.html import report_html
from tui_interview.domain.reporting.json import report_json
from tui_interview.domain.reporting.markdown import escape_markdown, report_markdown
from tui_interview.domain.reporting.report import SessionReport, build_report
from tui_interview.domain.scoring.readiness import SCORE_RULE
from tui_interview.domain.sessions.clock import FakeClock
from tui_interview.domain.sessions.records import SessionRecord
from tui_interview.domain.sessions.store import SessionStore

NASTY_ANSWER = (
    "First I would look at the p99 <script>alert(1)</script>\n"
    "*stars* and [bold]x[/] and | pipes | and `ticks` and ~~strike~~ and &amp; and a\\b\n"
    "\n"
    "# not a heading\n"
    "- not a list\n"
    "1. not numbered\n"
    "    indented, not code\n"
    "> not a quote"
)
SECOND_ANSWER = "Then I roll back; see [link](http://evil.example) and <b>bold</b> and _under_ ![img](x.png)"
STEP_ANSWER = "Training-serving skew from the null feature | checked"


def markdown_renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(html: str) -> str:
    """The text a browser shows, with line breaks and no-break spaces as plain spaces."""
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).replace("\u00a0", " ").split())


def section(text: str, start: str, end: str) -> str:
    """The part of ``text`` from ``start`` up to ``end``: one question or one stage of a report."""
    return text[text.index(start) : text.index(end)]


def make_session(tmp_path: Path) -> tuple[SessionRecord, Pack]:
    """A loop with a nasty first answer, a ticked and an unticked point, a rating, a skip and a scenario step."""
    pack = load_pack(TEST_PACK)
    clock = FakeClock()
    loop = start_session(SessionStore(tmp_path), seed=5, pack=pack, clock=clock)

    recruiter = loop.stage(0)
    recruiter.start()
    clock.advance(75)
    recruiter.submit(NASTY_ANSWER)
    clock.advance(30)
    recruiter.submit(SECOND_ANSWER)
    while not recruiter.finished:
        recruiter.skip()
    answers = loop.record.stages[0].answers
    answers[0].self_rating = 3
    answers[0].unticked = [0]  # the grader credited "look at"; the candidate says it was not a real first check
    answers[1].ticked = [1]  # no number in the answer; the candidate says one was given

    scenario = loop.stage(2)
    scenario.start()
    clock.advance(100)
    scenario.submit("I would compare the online and offline features first.")
    clock.advance(40)
    scenario.submit(STEP_ANSWER)
    loop.checkpoint()
    return loop.record, pack


@pytest.fixture
def session(tmp_path: Path) -> tuple[SessionRecord, Pack, SessionReport]:
    record, pack = make_session(tmp_path)
    return record, pack, build_report(record, pack)


@pytest.fixture
def markdown(session: tuple[SessionRecord, Pack, SessionReport]) -> str:
    return report_markdown(session[2])


def test_markdown_starts_with_the_summary(session: tuple[SessionRecord, Pack, SessionReport]) -> None:
    record, _, report = session
    markdown = report_markdown(report)
    first_line = markdown.splitlines()[0]
    assert first_line.startswith("# Interview report · Full loop · Test Pack · 2026-11-26 09:30 · seed 5")
    summary, first_stage = markdown.index("## Summary"), markdown.index("## 1. Recruiter screen")
    assert summary < markdown.index("### Stages") < markdown.index("### Areas") < first_stage
    assert markdown.index("### What to practise") < first_stage
    assert f"**Readiness: {report.scores.band}**" in markdown
    assert SCORE_RULE in markdown
    assert report.scores.band_rule in markdown
    assert "| # | Stage | Time used / limit | Answered | Skipped | Time up | Not reached | Score |" in markdown
    assert "| 1 | Recruiter screen | 1:45 / 20:00 | 2 | 2 | 0 | 0 |" in markdown
    assert re.search(r"\| ML pipeline design \| \d+ \| \d+% \| [█░]{10} \|", markdown)
    weakest = report.scores.practice[0]
    assert f"1. **{weakest.title}**" in markdown
    assert all(f"`{qid}`" in markdown for qid in weakest.question_ids)
    assert record.id in markdown


def test_typed_text_renders_literally(session: tuple[SessionRecord, Pack, SessionReport]) -> None:
    _, _, report = session
    html = markdown_renderer().render(report_markdown(report))
    text = visible_text(html)
    for line in [*NASTY_ANSWER.splitlines(), SECOND_ANSWER, STEP_ANSWER]:
        if line.strip():
            assert " ".join(line.split()) in text, line
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<em>stars</em>" not in html
    assert "<em>under</em>" not in html
    assert "<del>" not in html
    assert "<a " not in html
    assert "<img" not in html
    assert "<b>" not in html
    assert html.count("<h1>") == 1  # "# not a heading" stays text
    assert "<li>not a list" not in html
    assert "<code>ticks</code>" not in html


def test_multi_line_answers_are_blockquotes_that_keep_their_lines(markdown: str) -> None:
    assert "> First I would look at the p99 \\<script\\>alert(1)\\</script\\>\\\n" in markdown
    html = markdown_renderer().render(markdown)
    quote = section(html, "<blockquote>", "</blockquote>")
    assert "alert(1)&lt;/script&gt;<br />" in quote  # the line break is kept
    assert quote.count("<p>") == 2  # the blank line still separates paragraphs


@pytest.mark.parametrize(
    "text",
    [
        "*a* _b_ `c` [d](e) <f> | g | ~~h~~ &amp; &#65; \\ \\* \\\\",
        "# heading?",
        "- item?",
        "+ item?",
        "1. one?",
        "2) two?",
        "===",
        "---",
        "> quote?",
        "    code?",
        "\tcode?",
        "<div>block</div>",
        "[ref]: http://example.com",
        "<http://example.com>",
        "$x^2$ and #3",
    ],
)
def test_escaped_text_renders_as_typed(text: str) -> None:
    html = markdown_renderer().render(escape_markdown(text))
    assert html.startswith("<p>")
    assert html.count("<") == 2  # one paragraph, no other element
    assert visible_text(html) == " ".join(text.split())


def test_points_show_ticks_overrides_matches_and_rating(markdown: str) -> None:
    first = section(markdown, "### Q1 · `recruiter-q2`", "### Q2 ·")
    assert "- ✗ Names a concrete first check — **you unticked** it · matched `look at`" in first
    assert "- ✓ Gives a number to watch — matched `p99`" in first
    assert "**Your rating:** 3 of 4, solid · score = mean of coverage 33% and rating 0.75 = 54%" in first
    assert "answered · score 54%" in first
    assert "1:15 spent of 3 min suggested" in first
    assert "**Model answer**" in first
    assert "**Model answer**\n\n- First idea for recruiter-q2.\n- Second idea.\n" in first  # the pack's Markdown list
    second = section(markdown, "### Q2 ·", "### Q3 ·")
    assert "- ✓ Gives a number to watch — **you ticked** it (the grader found no evidence)" in second
    assert "- ✓ Says how to roll back — matched `rollback`, `roll back`" in second
    assert "- ✗ Names a concrete first check — decided by the grader\n" in second


def test_scenario_steps_show_what_the_interviewer_added(markdown: str) -> None:
    scenario = section(markdown, "## 3. Scenario round", "## 4.")
    assert "**Then the interviewer added** · 0:40" in scenario
    assert "A feature is 30% null online." in scenario
    assert f"> {escape_markdown(STEP_ANSWER)}" in scenario
    assert "- ✓ part 2: Names training-serving skew — matched `training-serving`, `skew`" in scenario


def test_html_is_one_standalone_page_without_scripts(session: tuple[SessionRecord, Pack, SessionReport]) -> None:
    _, _, report = session
    page = report_html(report)
    assert page.startswith("<!DOCTYPE html>")
    assert page.rstrip().endswith("</html>")
    assert "<style>" in page
    assert "<title>Interview report · Full loop · Test Pack" in page
    assert re.search(r"<script", page, re.IGNORECASE) is None
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    for external in ("href=", "src=", "<link", "@import", "url("):
        assert external not in page
    assert "<table>" in page
    assert "prefers-color-scheme" in page
    assert "[bold]x[/]" in visible_text(page)


def test_json_carries_the_record_and_every_score(session: tuple[SessionRecord, Pack, SessionReport]) -> None:
    record, _, report = session
    data = report_json(record, report)
    assert json.loads(json.dumps(data)) == data
    scores = data.pop("scores")
    assert SessionRecord.model_validate(data) == record  # the record itself is all there
    assert scores["overall"] == round(report.scores.overall, 4)
    assert scores["band"] == report.scores.band
    assert scores["band_rule"] == report.scores.band_rule
    assert [s["stage"] for s in scores["stages"]] == ["recruiter", "technical", "scenario", "behavioral"]
    assert {a["area"] for a in scores["areas"]} == {"recruiter", "pipelines", "serving", "tracking", "behavioral"}
    assert len(scores["questions"]) == len(record.question_ids)
    first = scores["questions"][0]
    assert (first["stage"], first["question_id"], first["self_rating"]) == ("recruiter", "recruiter-q2", 3)
    assert first["coverage"] == pytest.approx(1 / 3, abs=1e-4)
    assert first["score"] == pytest.approx(0.5417, abs=1e-4)
    assert [p["text"] for p in first["points"]] == [
        "Names a concrete first check",
        "Gives a number to watch",
        "Says how to roll back",
    ]
    unticked = first["points"][0]
    assert (unticked["covered"], unticked["detected"], unticked["overridden"]) == (False, True, True)
    assert unticked["matched"] == ["look at"]
    assert [p["question_ids"] for p in scores["practice"]] == [list(p.question_ids) for p in report.scores.practice]


def test_a_question_gone_from_the_pack_keeps_its_answer_without_a_score(tmp_path: Path) -> None:
    record, pack = make_session(tmp_path)
    smaller = replace(pack, questions=tuple(q for q in pack.questions if q.id != "recruiter-q2"))
    report = build_report(record, smaller)
    first = section(report_markdown(report), "### Q1 · `recruiter-q2`", "### Q2 ·")
    assert "no longer in the pack" in first
    assert "\\*stars\\*" in first
    assert "**Model answer**" not in first
    entry = report_json(record, report)["scores"]["questions"][0]
    assert entry["in_pack"] is False
    assert entry["score"] is None
    assert entry["points"] == []
    assert "<script" not in report_html(report)
