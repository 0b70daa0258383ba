"""The end-of-session report: per stage and per question, for self-review."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Collapsible, Footer, Static

from tui_interview.domain.formatting import duration_label, format_mmss, minutes_label
from tui_interview.domain.report import QuestionReport, SessionReport, StageReport

PROMPT_PREVIEW = 48


class ReportScreen(Screen[None]):
    """Summary first, then one collapsible section per question."""

    CSS_PATH = "report.tcss"
    HELP = (
        "Your session, stage by stage. Tab moves between questions and Enter opens one: your answer, the "
        "talking points a strong answer covers, the follow-ups an interviewer might ask and a model answer. "
        "The seed draws the same questions again: tui-interview loop --seed N."
    )
    BINDINGS = [
        Binding("escape,q", "done", "Done"),
        Binding("e", "expand_all", "Expand all"),
        Binding("c", "collapse_all", "Collapse all"),
    ]

    def __init__(self, report: SessionReport, saved_to: Path) -> None:
        super().__init__()
        self.report = report
        self.saved_to = saved_to

    def compose(self) -> ComposeResult:
        report = self.report
        with VerticalScroll(id="report"):
            yield Static(Text(self._title()), classes="screen-title")
            yield Static(self._totals(), id="report-totals")
            yield Static(self._stage_table(), id="report-stages")
            for stage in report.stages:
                yield Static(Text(f"{stage.title} — {stage.interviewer}"), classes="report-stage-title")
                for question in stage.questions:
                    with Collapsible(title=escape(self._question_title(question)), collapsed=True):
                        yield Static(self._question_body(question), classes="report-question")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#report", VerticalScroll).focus()

    def _title(self) -> str:
        report = self.report
        kind = "Full loop" if report.mode == "loop" else "Practice"
        return f"Report · {kind} · {report.pack_title} · {report.started_at:%Y-%m-%d %H:%M} · seed {report.seed}"

    def _totals(self) -> Text:
        report = self.report
        questions = [q for stage in report.stages for q in stage.questions]
        counts = {
            label: sum(1 for q in questions if q.status_label == label)
            for label in ("answered", "skipped", "time up", "not reached")
        }
        text = Text(f"Time used {format_mmss(report.seconds_used)} of {format_mmss(report.limit_seconds)}  ·  ")
        text.append("  ·  ".join(f"{count} {label}" for label, count in counts.items()))
        if not report.finished:
            text.append("  ·  unfinished", style="bold")
        text.append(f"\nSaved as {self.saved_to.name} in your sessions folder", style="dim")
        return text

    def _stage_table(self) -> Table:
        table = Table(box=None, expand=True, padding=(0, 1), header_style="bold")
        table.add_column("Stage", ratio=3)
        table.add_column("Time", justify="right", no_wrap=True)
        table.add_column("Ans", justify="right")
        table.add_column("Skip", justify="right")
        table.add_column("Up", justify="right")
        table.add_column("N/R", justify="right")
        table.add_column("Pauses", ratio=2)
        for stage in self.report.stages:
            table.add_row(
                Text(stage.title),
                f"{format_mmss(stage.seconds_used)}/{format_mmss(stage.limit_seconds)}",
                str(stage.answered),
                str(stage.skipped),
                str(stage.time_up),
                str(stage.not_reached),
                _pauses_label(stage),
            )
        return table

    @staticmethod
    def _question_title(question: QuestionReport) -> str:
        prompt = " ".join(question.prompt.split())
        if len(prompt) > PROMPT_PREVIEW:
            prompt = prompt[: PROMPT_PREVIEW - 1].rstrip() + "…"
        return (
            f"Q{question.number} {question.status_label} · {duration_label(question.seconds)}"
            f" of {minutes_label(question.suggested_minutes)} · {question.words} words — {prompt}"
        )

    @staticmethod
    def _question_body(question: QuestionReport) -> RenderableType:
        parts: list[RenderableType] = [
            _section("Question", f"{question.kind} · {question.area_title} · {question.level}"),
            Text(question.prompt),
            _section("Your answer", f"{question.status_label}, {question.words} words"),
            Text(question.answer.strip() or "(nothing typed)", style="" if question.answer.strip() else "dim"),
            _section("Talking points a strong answer covers"),
            _bullets(question.points),
        ]
        for number, step in enumerate(question.steps, start=1):
            parts += [_section(f"Then the interviewer reveals ({number})"), Text(step.reveal), _bullets(step.points)]
        if question.follow_ups:
            parts += [_section("Follow-ups to expect"), _bullets(question.follow_ups)]
        if question.model_answer:
            parts += [_section("Model answer"), Text(question.model_answer)]
        return Group(*parts)

    def action_done(self) -> None:
        self.app.pop_screen()

    def action_expand_all(self) -> None:
        for section in self.query(Collapsible):
            section.collapsed = False

    def action_collapse_all(self) -> None:
        for section in self.query(Collapsible):
            section.collapsed = True


def _pauses_label(stage: StageReport) -> str:
    if not stage.pauses:
        return "none"
    return ", ".join(f"at {format_mmss(p.at_seconds)} for {duration_label(p.duration_seconds)}" for p in stage.pauses)


def _section(title: str, detail: str = "") -> Text:
    text = Text(f"\n{title}", style="bold")
    if detail:
        text.append(f"  {detail}", style="dim")
    return text


def _bullets(items: tuple[str, ...]) -> Text:
    return Text("\n".join(f"• {item}" for item in items))
