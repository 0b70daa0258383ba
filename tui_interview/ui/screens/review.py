"""One question of a report, in full: the answer with its evidence, the points, the model answer.

The candidate has the last word here: Space ticks or unticks a point, y / n confirm or reject a point the
grader marked possible ("check this"), 1-4 rates the answer. From a report, r retakes the question (the app
starts a one-question practice); whenever an earlier answer to the question is in the history, the review shows
point by point what this attempt added and what is still missing. c and m copy the answer and the model answer.

Text from the pack (prompt, reveals, follow-ups, model answer) is rendered as Markdown; what the candidate typed
is shown exactly as typed.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui_interview.domain.formatting import duration_label, minutes_label, percent
from tui_interview.domain.grading.results import Match
from tui_interview.domain.grading.text import words_in
from tui_interview.domain.history.attempts import PreviousAttempt
from tui_interview.domain.reporting.compare import AttemptComparison, Change, compare_attempts
from tui_interview.domain.reporting.feedback import how_said_lines
from tui_interview.domain.reporting.labels import question_about_text
from tui_interview.domain.reporting.report import NOT_SHOWN, NOT_SHOWN_NOTE, SKIPPED_LABEL, QuestionReport
from tui_interview.domain.reporting.review import Position, ReviewSession
from tui_interview.domain.scoring.readiness import RATING_LABELS
from tui_interview.domain.scoring.scores import PointVerdict, QuestionScore, Quote
from tui_interview.domain.sessions.records import AnswerRecord
from tui_interview.ui.messages import JudgeFinished
from tui_interview.ui.rendering import pack_markdown
from tui_interview.ui.widgets.page_options import PageOptions

EVIDENCE_STYLE = "bold underline"
SENTENCE_STYLE = "underline"
"""The sentence that shows a covered point."""
POSSIBLE_STYLE = "underline yellow"
"""The sentence behind a point to check."""
FLAG_STYLE = "underline red"
"""The sentence that makes a wrong claim."""
MARKS = {
    "covered": ("✓ ", "bold green"),
    "possible": ("? ", "bold yellow"),
    "missed": ("✗ ", "bold red"),
    NOT_SHOWN: ("○ ", "dim"),
}
DECIDERS = {"grader": "grader", "judge": "judge", "you": "you", "interviewer": "interviewer", "self": "self-check"}
CARRY_ON = "Continue"
"""What Esc does in practice feedback (back to the stage): the footer and the title say the same."""
CHANGE_MARKS: dict[Change, tuple[str, str]] = {
    "added": ("+ ", "bold green"),
    "kept": ("✓ ", "green"),
    "dropped": ("- ", "bold yellow"),
    "missing": ("✗ ", "bold red"),
}
"""How each point of a comparison with the previous attempt is marked."""


def highlighted(text: str, matches: tuple[Match, ...], quotes: tuple[tuple[Quote, str], ...] = ()) -> Text:
    """``text`` with every span that earned credit emphasised and each evidence sentence underlined."""
    rendered = Text(text)
    for quote, style in quotes:
        rendered.stylize(style, quote.start, quote.end)
    for match in matches:
        rendered.stylize(EVIDENCE_STYLE, match.start, match.end)
    return rendered


def evidence_quotes(score: QuestionScore | None, text: int) -> tuple[tuple[Quote, str], ...]:
    """The evidence sentences in typed text number ``text`` (0 the first answer), each with its style."""
    if score is None:
        return ()
    quotes: list[tuple[Quote, str]] = []
    for point in score.points:
        if point.evidence is not None and point.evidence.text == text and point.graded != "missed":
            quotes.append((point.evidence, SENTENCE_STYLE if point.covered else POSSIBLE_STYLE))
    quotes += [(flag.evidence, FLAG_STYLE) for flag in score.red_flags if flag.evidence.text == text]
    return tuple(quotes)


class QuestionReviewScreen(Screen[None]):
    """A question's full review; changes are saved and the report's scores follow."""

    CSS_PATH = "review.tcss"
    HELP = (
        "Your answer, with the words that earned credit underlined. Points the grader found are ticked. "
        "You have the last word: Enter or Space ticks or unticks the highlighted point, keys 1-4 rate your answer "
        "(missed, partial, solid, excellent) and 0 clears the rating. A point marked ? is one the grader is "
        "unsure of (check this): it is not scored until you confirm it with y, or reject it with n (in a report "
        "review n moves to the next question, so use Space there). Each point says who decided it: grader, "
        "judge or you. Red flags are wrong claims the grader found, with why they are wrong. "
        'Scores update and are saved. When you have answered the question before, "Since your previous '
        'attempt" shows point by point what this answer added, what it dropped (covered last time, not now) '
        "and what is still missing.\n\n"
        "Keys: ↑ ↓ move between the talking points (the page follows; the first press brings them into view), "
        "PageUp / PageDown scroll the page, Home / End go to its top and bottom, n / p the next or previous "
        "question, r retakes this question (a one-question practice, saved as a new session; this one stays as "
        "it is), c copies your answer and m the model answer to the clipboard (through the terminal, which must "
        "allow it), Esc goes back (in practice feedback, Esc continues)."
    )
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("escape", "carry_on", CARRY_ON),  # practice feedback: back to the stage (see check_action)
        Binding("space", "toggle_highlighted", "Tick"),  # "Tick/untick" would push "f1 Help" off 80 columns
        Binding("y", "decide(1)", "Confirm"),
        Binding("n", "decide(0)", "Reject"),
        Binding("1", "rate(1)", "Missed", show=False),
        Binding("2", "rate(2)", "Partial", show=False),
        Binding("3", "rate(3)", "Solid", show=False),
        Binding("4", "rate(4)", "Excellent", show=False),
        Binding("0", "rate(0)", "Clear rating", show=False),
        Binding("n", "move(1)", "Next"),
        Binding("p", "move(-1)", "Prev"),
        Binding("r", "retake", "Retake"),
        Binding("c", "copy_answer", "Copy answer", show=False),
        Binding("m", "copy_model_answer", "Copy model answer", show=False),
    ]

    class Retake(Message):
        """The candidate wants to answer this question again: the app starts a one-question practice of it."""

        def __init__(self, question_id: str) -> None:
            super().__init__()
            self.question_id = question_id

    position: var[Position] = var((0, 0), init=False)
    """The question shown; n and p move it."""

    def __init__(self, session: ReviewSession, position: Position, *, feedback: bool = False) -> None:
        super().__init__()
        self.session = session
        self.feedback = feedback
        """Practice feedback right after an answer: Enter or Esc carries on; no moving between questions."""
        self._reported_error: OSError | None = session.save_error
        self._previous: dict[str, PreviousAttempt | None] = {}
        """Per question id: the previous attempt found in the history (None: there is none), once looked up."""
        self.set_reactive(QuestionReviewScreen.position, position)

    @property
    def question(self) -> QuestionReport:
        return self.session.question(self.position)

    @property
    def answer(self) -> AnswerRecord:
        return self.session.answer(self.position)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="review"):
            yield Static(id="review-title", classes="screen-title")
            yield Static(id="review-answer")
            yield Static(
                Text("Talking points — Enter or Space ticks/unticks, 1-4 rates your answer", style="bold"),
                id="review-points-heading",
            )
            yield PageOptions(id="review-points")
            yield Static(id="review-compare")
            yield Static(id="review-flags")
            yield Static(id="review-rating")
            yield Static(id="review-reference")
        yield Footer()

    def on_mount(self) -> None:
        self.show()
        self.query_one("#review-points", PageOptions).focus(scroll_visible=False)

    def watch_position(self) -> None:
        self.show()

    def show(self) -> None:
        question = self.question
        stage = self.session.report.stages[self.position[0]]
        title = f"{stage.title} · Q{question.number} of {len(stage.questions)} · {question.status_label}"
        if self.feedback:
            title = f"Feedback · Esc: {CARRY_ON.lower()} · {title}"  # the hint first: a long title wraps after it
        self.query_one("#review-title", Static).update(Text(title))
        self.query_one("#review-answer", Static).update(self._answer_view())
        self._show_points()
        self._show_rating()
        self._show_comparison()
        if question.question_id not in self._previous:
            self.find_previous_attempt(question.question_id)
        self.query_one("#review-reference", Static).update(self._reference())
        self.query_one("#review", VerticalScroll).scroll_home(animate=False, immediate=True)
        self.call_after_refresh(self.query_one("#review-points", PageOptions).keep_highlight_in_view)

    def _answer_view(self) -> RenderableType:
        question, score = self.question, self.question.score
        matches = score.matches if score else ()
        suggested = minutes_label(question.suggested_minutes)
        figures = f"{duration_label(question.seconds)} of {suggested} · {question.words_label}"
        stage_title = self.session.report.stages[self.position[0]].title
        about = question_about_text(question.kind, question.area_title, question.level, stage_title)
        parts: list[RenderableType] = [
            *([Text(about, style="dim")] if about else []),
            pack_markdown(question.prompt),
            _heading("Your answer", f"{figures} · c copies it"),
            _typed(
                question.answer,
                matches[0] if matches else (),
                evidence_quotes(score, 0),
                skipped=question.status == "skipped",
            ),
        ]
        for number, turn in enumerate(question.turns, start=1):
            said = "The interviewer added" if turn.kind == "step" else "The interviewer followed up"
            parts += [
                _heading(said, " · ".join([duration_label(turn.seconds), *turn.notes])),
                pack_markdown(turn.prompt),
                _typed(
                    turn.answer,
                    matches[number] if number < len(matches) else (),
                    evidence_quotes(score, number),
                    skipped=turn.skipped,
                ),
            ]
        if score and score.notes:
            parts.append(Text("\n" + "\n".join(score.notes), style="yellow"))
        feedback = how_said_lines(question.delivery, question.star)
        preparation = self.session.report.preparation
        feedback += preparation.lines_for(question.question_id) if preparation else []  # stories told, drill, tailoring
        if feedback:
            parts += [_heading("How you said it"), Text("\n".join(f"• {line}" for line in feedback))]
        return Group(*parts)

    def _show_points(self) -> None:
        points = self.query_one("#review-points", OptionList)
        highlighted_point = points.highlighted
        score = self.question.score
        question = self.question
        points.set_options(
            [Option(_point_label(p, question.point_status(p)), id=str(p.index)) for p in score.points] if score else []
        )
        if score and score.points and highlighted_point is not None:
            points.highlighted = min(highlighted_point, len(score.points) - 1)
        flags = self.query_one("#review-flags", Static)
        flags.update(_flags_view(score))
        flags.display = bool(score and score.red_flags)

    def _show_rating(self) -> None:
        score = self.question.score
        rating = self.answer.self_rating
        text = Text("Your rating: ", style="bold")
        text.append(f"{RATING_LABELS[rating]} ({rating})" if rating else "none yet (press 1-4)")
        if score is not None and self.question.graded:
            text.append(f"  ·  coverage {percent(score.coverage)}  ·  score {percent(score.score)}")
        elif score is not None:
            text.append(f"  ·  score {self.question.score_label}: not graded")
        judge_line = self._judge_line()
        if judge_line:
            text.append(f"\n{judge_line}", style="dim")
        self.query_one("#review-rating", Static).update(text)

    def _judge_line(self) -> str | None:
        """Whether the LLM judge is still grading this answer, could not, or which grader made the calls."""
        if self.session.verdicts is None:
            return None
        progress: dict[str, str] = getattr(self.app, "judge_progress", {})
        waiting = progress.get(self.question.question_id)
        score = self.question.score
        if waiting is not None:
            return waiting
        judged = score is not None and any(point.decided_by == "judge" for point in score.points)
        return f"Graded by the offline grader with judge {self.session.verdicts.model}" if judged else None

    def on_judge_finished(self, message: JudgeFinished) -> None:
        """The judge graded an answer: when it is this one, show its verdict (the page does not move)."""
        if message.question_id != self.question.question_id:
            return
        self.session.rebuild()
        self.query_one("#review-answer", Static).update(self._answer_view())
        self._show_scores()

    def _reference(self) -> RenderableType:
        question = self.question
        parts: list[RenderableType] = []
        if question.follow_ups:
            follow_ups = "\n".join(f"- {' '.join(follow_up.split())}" for follow_up in question.follow_ups)
            parts += [_heading("Follow-ups to expect"), pack_markdown(follow_ups)]
        if question.model_answer:
            parts += [_heading("Model answer", "m copies it"), pack_markdown(question.model_answer)]
        return Group(*parts)

    # The previous attempt -----------------------------------------------------------------------------------

    @work(thread=True, group="history", exit_on_error=False)
    def find_previous_attempt(self, question_id: str) -> None:
        """Look for the most recent earlier answer to the question in the history (a thread: it reads files)."""
        from tui_interview.domain.history.attempts import previous_attempt
        from tui_interview.domain.workspace import Workspace

        workspace = getattr(self.app, "workspace", None)
        question = self.session.pack.by_id.get(question_id)
        if not isinstance(workspace, Workspace) or question is None:
            return
        found = previous_attempt(
            workspace.history.load(), self.session.store.load, question, self.session.record, self.session.verdicts
        )
        self.app.call_from_thread(self._previous_found, question_id, found)

    def _previous_found(self, question_id: str, attempt: PreviousAttempt | None) -> None:
        self._previous[question_id] = attempt
        if self.is_attached and question_id == self.question.question_id:  # not closed meanwhile
            self._show_comparison()

    @property
    def comparison(self) -> AttemptComparison | None:
        """This answer against the previous attempt at the question, or None (no earlier answer, or not graded)."""
        question = self.question
        attempt = self._previous.get(question.question_id)
        if attempt is None or question.score is None or not question.graded:
            return None
        try:
            return compare_attempts(attempt.score, question.score)
        except ValueError:
            return None

    def _show_comparison(self) -> None:
        view = self.query_one("#review-compare", Static)
        comparison = self.comparison
        attempt = self._previous.get(self.question.question_id)
        view.display = comparison is not None
        if comparison is not None and attempt is not None:
            view.update(_comparison_view(attempt, comparison))

    @on(OptionList.OptionSelected, "#review-points")
    def toggle_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is not None:
            self.toggle_point(int(event.option_id))

    def action_toggle_highlighted(self) -> None:
        highlighted_point = self.query_one("#review-points", OptionList).highlighted
        if highlighted_point is not None:
            self.toggle_point(highlighted_point)

    def toggle_point(self, index: int) -> None:
        """Flip whether point ``index`` counts as covered, as the candidate's call; scores follow."""
        self.session.toggle_point(self.position, index)
        self._show_scores()

    def action_decide(self, covered: int) -> None:
        """y / n on the highlighted point: confirm (it counts) or reject (it does not), as the candidate's call."""
        highlighted_point = self.query_one("#review-points", OptionList).highlighted
        if highlighted_point is not None:
            self.session.decide_point(self.position, highlighted_point, covered=bool(covered))
            self._show_scores()

    def action_rate(self, rating: int) -> None:
        self.session.rate(self.position, rating or None)
        self._show_scores()

    def _show_scores(self) -> None:
        self._show_points()
        self._show_rating()
        self._show_comparison()
        error = self.session.save_error
        if error is not None and error is not self._reported_error:
            self.notify(
                f"{error.strerror or error}. Your choices are kept and saved with the next save.",
                title="Not saved",
                severity="error",
                markup=False,
            )
        self._reported_error = error

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move", "back", "retake"):
            return not self.feedback  # practice feedback carries on to the stage; a retake starts from a report
        if action == "carry_on":
            return self.feedback
        if action == "decide" and parameters == (0,):
            return self.feedback  # n rejects in practice feedback; in a report review it moves on
        return True

    def action_move(self, step: int) -> None:
        position = self.session.step(self.position, step)
        if position is not None:
            self.position = position

    def action_back(self) -> None:
        self.dismiss(None)

    def action_carry_on(self) -> None:
        self.dismiss(None)

    def action_retake(self) -> None:
        """Ask the app for a one-question practice of this question (it must still be in the pack)."""
        if self.question.score is None:
            self.notify("This question is no longer in the pack, so it cannot be retaken.", severity="warning")
            return
        self.post_message(self.Retake(self.question.question_id))

    def action_copy_answer(self) -> None:
        """Everything typed for this question (the answer, then any answers to the interviewer's additions)."""
        question = self.question
        typed = [text.strip() for text in (question.answer, *(turn.answer for turn in question.turns)) if text.strip()]
        if not typed:
            self.notify("Nothing was typed for this question, so there is nothing to copy.", severity="warning")
            return
        self.app.copy_to_clipboard("\n\n".join(typed))
        parts = "your answer" if len(typed) == 1 else f"your {len(typed)} answers to this question"
        words = sum(words_in(text) for text in typed)
        self.notify(f"Copied {parts} ({words} words) to the clipboard.", title="Copied", markup=False)

    def action_copy_model_answer(self) -> None:
        model_answer = self.question.model_answer
        if not model_answer:
            self.notify("This question has no model answer to copy.", severity="warning")
            return
        self.app.copy_to_clipboard(model_answer)
        self.notify("Copied the model answer (Markdown) to the clipboard.", title="Copied", markup=False)


def _heading(title: str, detail: str = "") -> Text:
    text = Text(f"\n{title}", style="bold")
    if detail:
        text.append(f"  {detail}", style="dim")
    return text


def _typed(
    text: str, matches: tuple[Match, ...], quotes: tuple[tuple[Quote, str], ...] = (), *, skipped: bool = False
) -> Text:
    if not text.strip():
        return Text(f"({SKIPPED_LABEL})" if skipped else "(nothing typed)", style="dim")
    return highlighted(text, matches, quotes)


def _point_label(point: PointVerdict, status: str) -> Text:
    mark, style = MARKS[status]
    label = Text(mark, style=style)
    label.append(point.text)
    if status == NOT_SHOWN:
        label.append(f"  ({NOT_SHOWN_NOTE})", style="dim")
    elif point.possible:
        label.append("  check this: y confirms, n rejects", style="bold yellow")
        if point.reason:
            label.append(f"  ({point.reason})", style="dim yellow")
    elif point.matched:
        label.append(f"  ({', '.join(point.matched)})", style="dim")
    elif point.rejected:
        label.append(f"  ({'; '.join(point.rejected)})", style="dim yellow")
    label.append(f"  · {DECIDERS[point.decided_by]}", style="italic" if point.decided_by == "you" else "dim")
    return label


def _comparison_view(attempt: PreviousAttempt, comparison: AttemptComparison) -> Text:
    """Since the previous attempt: when it was, coverage then and now, then every point and what changed."""
    text = Text("Since your previous attempt", style="bold")
    text.append(f"  {attempt.started_at:%Y-%m-%d %H:%M} · {comparison.summary}", style="dim")
    for point in comparison.points:
        mark, style = CHANGE_MARKS[point.change]
        text.append("\n")
        text.append(mark + point.label, style=style)
        text.append(f": {point.text}", style="dim" if point.change == "kept" else "")
    return text


def _flags_view(score: QuestionScore | None) -> Text:
    """The wrong claims found, each with why it is wrong, what was said and the candidate's call."""
    text = Text()
    for flag in score.red_flags if score else ():
        if text:
            text.append("\n")
        text.append("⚠ Red flag: ", style="bold red")
        text.append(flag.text)
        text.append(f"\n  Why it is wrong: {flag.why}", style="")
        text.append(f"\n  You said: “{flag.evidence.quote}”", style="dim")
        if flag.claimed is not None:
            text.append("\n  you: " + ("confirmed" if flag.claimed else "rejected, not what you said"), style="italic")
    return text
