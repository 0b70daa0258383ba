"""The end-of-session report: summary first, then every question, each opening to a full review."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import Initialize, var
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui_interview.domain.formatting import duration_label, format_mmss, minutes_label, percent
from tui_interview.domain.reporting.report import (
    QuestionReport,
    SessionReport,
    StageReport,
    interviewer_lines,
    report_title,
)
from tui_interview.domain.reporting.review import ReviewSession
from tui_interview.domain.scoring.readiness import SCORE_RULE, WEAK_BELOW
from tui_interview.domain.scoring.scores import PracticeSuggestion
from tui_interview.ui.messages import JudgeFinished
from tui_interview.ui.rendering import pack_line
from tui_interview.ui.screens.review import QuestionReviewScreen
from tui_interview.ui.widgets.page_options import PageOptions

BAR_WIDTH = 20
PROMPT_PREVIEW = 60
BAND_STYLES = {"strong hire": "bold green", "hire": "bold green", "lean no hire": "bold yellow", "no hire": "bold red"}


def score_bar(score: float, width: int = BAR_WIDTH) -> Text:
    filled = round(score * width)
    return Text.assemble(("█" * filled, "bold"), ("░" * (width - filled), "dim"), f" {percent(score)}")


class ReportScreen(Screen[None]):
    """The summary of a session and the list of its questions."""

    CSS_PATH = "report.tcss"
    HELP = (
        "Summary first: the readiness band and the rule behind it, each stage's time and score, each area's "
        "score, and what to practise next. Below, every question: Enter opens it to see your answer with the "
        "words that earned credit highlighted, each point covered (✓), to check (?) or missed (✗) with who "
        "decided it (grader, judge or you), red flags with why, and the model answer. There you can tick or "
        "untick points and rate your answer; scores update and are saved.\n\n"
        "Keys: ↑ ↓ move between questions (the page follows), Enter opens the one highlighted (or, when none is "
        "in view, brings the first into view), PageUp / PageDown scroll the page, Home / End go to its top and "
        'bottom, p starts practice on the questions under "Practise next", e exports the report (Markdown, '
        "HTML or JSON) to the exports folder in your data folder, Ctrl+P opens the commands, Esc or q closes "
        "the report.\n\n"
        f"How scores work: {SCORE_RULE}."
    )
    BINDINGS = [
        Binding("escape,q", "done", "Done"),
        Binding("p", "practise", "Practise these"),
        Binding("e", "export", "Export"),
    ]

    class PractiseQuestions(Message):
        """Start practice on exactly these questions (those under "Practise next")."""

        def __init__(self, question_ids: tuple[str, ...]) -> None:
            super().__init__()
            self.question_ids = question_ids

    class ExportAsked(Message):
        """The candidate wants this report in a file: the app asks which format and writes it."""

        def __init__(self, session: ReviewSession) -> None:
            super().__init__()
            self.session = session

    def _session_report(self) -> SessionReport:
        return self.session.report

    report: var[SessionReport] = var(Initialize(_session_report), init=False)
    """The report shown. It follows the session when the candidate comes back from a question's review."""

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session
        """Shared with the question reviews opened from here, where the candidate's changes are made."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="report"):
            yield Static(Text(self._title()), classes="screen-title")
            yield Static(id="report-summary")
            yield Static(Text("Questions — ↑↓ choose, Enter opens one", style="bold"), classes="report-heading")
            yield PageOptions(id="report-questions")
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        questions = self.query_one("#report-questions", PageOptions)
        questions.focus(scroll_visible=False)
        self.call_after_refresh(questions.keep_highlight_in_view)

    def on_screen_resume(self) -> None:
        self.report = self.session.report

    def on_judge_finished(self, message: JudgeFinished) -> None:
        """The judge graded one of this session's answers: scores follow."""
        if message.question_id in self.session.record.question_ids:
            self.session.rebuild()
            self.report = self.session.report

    def watch_report(self) -> None:
        self._show()

    def _show(self) -> None:
        self.query_one("#report-summary", Static).update(self._summary())
        self.refresh_bindings()  # whether there is something to practise may have changed
        questions = self.query_one("#report-questions", OptionList)
        highlighted = questions.highlighted
        questions.set_options(self._question_options())
        questions.highlighted = highlighted

    def _title(self) -> str:
        return report_title(self.report, heading="Report")

    def _summary(self) -> RenderableType:
        report, scores = self.report, self.report.scores
        band = Text.assemble(
            ("Readiness: ", "bold"),
            (scores.band, BAND_STYLES.get(scores.band, "bold")),
            f"  ·  overall {percent(scores.overall)}",
        )
        band.append(f"  ·  time {format_mmss(report.seconds_used)} of {format_mmss(report.limit_seconds)}")
        if not report.finished:
            band.append("  ·  unfinished", style="bold")
        rule = Text(f"Bands by overall score: {scores.band_rule}. F1 explains the scores.", style="dim")
        rule.append(f"\nScores: {scores.graded_by}.", style="dim")
        lines = report.preparation.lines() if report.preparation else []
        preparation = [Text(""), Text("\n".join(lines))] if lines else []  # no blank lines for nothing to say
        return Group(
            band,
            rule,
            Text(""),
            self._stage_table(),
            Text(""),
            self._area_table(),
            Text(""),
            self._practice(),
            *preparation,
            *([Text(""), Text("\n".join(interviewer_lines(report)))] if report.mode == "interview" else []),
        )

    def _stage_table(self) -> Table:
        table = Table(box=None, expand=True, padding=(0, 1), header_style="bold")
        table.add_column("Stage", ratio=3)
        table.add_column("Time", justify="right", no_wrap=True)
        table.add_column("Done", justify="right", no_wrap=True)
        table.add_column("Score", justify="right", no_wrap=True)
        table.add_column("Pauses", ratio=2)
        for stage in self.report.stages:
            done = f"{stage.answered + stage.time_up}/{len(stage.questions)}"
            table.add_row(
                Text(stage.title),
                f"{format_mmss(stage.seconds_used)}/{format_mmss(stage.limit_seconds)}",
                done,
                percent(stage.score),
                _pauses_label(stage),
            )
        return table

    def _area_table(self) -> Table:
        table = Table(box=None, padding=(0, 1), header_style="bold")
        table.add_column("Area")
        table.add_column("Score", no_wrap=True)
        table.add_column("Qs", justify="right")
        for area in self.report.scores.areas:
            table.add_row(Text(area.title), score_bar(area.score), str(area.questions))
        return table

    @property
    def practice_ids(self) -> tuple[str, ...]:
        """The questions under "Practise next", in the order shown: what ``p`` practises."""
        suggestions = self.report.scores.practice
        return tuple(dict.fromkeys(question_id for s in suggestions for question_id in s.question_ids))

    def _practice(self) -> Text:
        count = len(self.practice_ids)
        text = Text(no_wrap=True, overflow="ellipsis")  # one line per question, cut to the width with "…"
        text.append("Practise next", style="bold")
        if count:
            text.append(f"  ·  p practises {'this question' if count == 1 else f'these {count} questions'} now")
        if not self.report.scores.practice:
            text.append(f"\nEvery area scored {percent(WEAK_BELOW)} or more in this session.")
        for suggestion in self.report.scores.practice:
            self._append_suggestion(text, suggestion)
        return text

    def _append_suggestion(self, text: Text, suggestion: PracticeSuggestion) -> None:
        """An area and its score, then its questions' prompts indented under it."""
        text.append(f"\n  {suggestion.title} ({percent(suggestion.score)})")
        if not suggestion.question_ids:
            text.append("\n    no other questions in this area", style="dim")
        for question_id in suggestion.question_ids:
            question = self.session.pack.by_id.get(question_id)
            text.append("\n    • ")
            text.append(pack_line(question.prompt) if question else Text(f"{question_id} (no longer in the pack)"))

    def _question_options(self) -> list[Option]:
        options = []
        for s, stage in enumerate(self.report.stages):
            for question in stage.questions:
                options.append(Option(self._question_label(stage.title, question), id=f"{s}:{question.number - 1}"))
        return options

    @staticmethod
    def _question_label(stage_title: str, question: QuestionReport) -> Text:
        score = question.score
        covered = sum(p.covered for p in score.points) if score else 0
        total = len(score.points) if score else 0
        label = Text(f"{stage_title} Q{question.number}", style="bold")
        graded = f"{question.status_label} · {question.score_label} · {covered}/{total} points"
        label.append(
            f"  {graded if question.graded else question.score_label} · "
            f"{duration_label(question.seconds)} of {minutes_label(question.suggested_minutes)}"
        )
        if score and score.possible:
            label.append(f" · {len(score.possible)} to check", style="bold yellow")
        if score and score.red_flags:
            flags = len(score.red_flags)
            label.append(f" · {flags} red flag{'s' * (flags > 1)}", style="bold red")
        prompt = pack_line(question.prompt, PROMPT_PREVIEW)
        prompt.stylize("dim")
        label.append("\n")
        return label.append_text(prompt)

    @on(OptionList.OptionSelected, "#report-questions")
    def open_question(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is None:
            return
        stage_index, question_index = (int(part) for part in event.option_id.split(":"))
        self.app.push_screen(QuestionReviewScreen(self.session, (stage_index, question_index)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:  # noqa: ARG002
        """``p`` is offered only when there is something to practise."""
        return bool(self.practice_ids) if action == "practise" else True

    def action_practise(self) -> None:
        if self.practice_ids:
            self.post_message(self.PractiseQuestions(self.practice_ids))

    def action_export(self) -> None:
        self.post_message(self.ExportAsked(self.session))

    def action_done(self) -> None:
        self.app.pop_screen()


def _pauses_label(stage: StageReport) -> str:
    if not stage.pauses:
        return "none"
    paused = sum(p.duration_seconds for p in stage.pauses)
    return f"{len(stage.pauses)} ({duration_label(paused)})"
