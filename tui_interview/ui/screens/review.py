"""One question of a report, in full: the answer with its evidence, the points, the model answer.

The candidate has the last word here: Space ticks or unticks a point, 1-4 rates the answer.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui_interview.domain.formatting import duration_label, minutes_label, percent
from tui_interview.domain.grading.results import Match
from tui_interview.domain.reporting.feedback import delivery_lines, star_lines
from tui_interview.domain.reporting.report import QuestionReport
from tui_interview.domain.reporting.review import Position, ReviewSession
from tui_interview.domain.scoring.readiness import RATING_LABELS
from tui_interview.domain.scoring.scores import PointVerdict
from tui_interview.domain.sessions.records import AnswerRecord

EVIDENCE_STYLE = "bold underline"


def highlighted(text: str, matches: tuple[Match, ...]) -> Text:
    """``text`` with every span that earned credit emphasised."""
    rendered = Text(text)
    for match in matches:
        rendered.stylize(EVIDENCE_STYLE, match.start, match.end)
    return rendered


class QuestionReviewScreen(Screen[None]):
    """A question's full review; changes are saved and the report's scores follow."""

    CSS_PATH = "review.tcss"
    HELP = (
        "Your answer, with the words that earned credit underlined. Points the grader found are ticked. "
        "You have the last word: Enter or Space ticks or unticks the highlighted point, keys 1-4 rate your answer "
        "(missed, partial, solid, excellent) and 0 clears the rating. Scores update and are saved."
    )
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("space", "toggle_highlighted", "Tick/untick"),
        Binding("1", "rate(1)", "Missed", show=False),
        Binding("2", "rate(2)", "Partial", show=False),
        Binding("3", "rate(3)", "Solid", show=False),
        Binding("4", "rate(4)", "Excellent", show=False),
        Binding("0", "rate(0)", "Clear rating", show=False),
        Binding("n", "move(1)", "Next"),
        Binding("p", "move(-1)", "Previous"),
    ]

    position: var[Position] = var((0, 0), init=False)
    """The question shown; n and p move it."""

    def __init__(self, session: ReviewSession, position: Position, *, feedback: bool = False) -> None:
        super().__init__()
        self.session = session
        self.feedback = feedback
        """Practice feedback right after an answer: Enter or Esc carries on; no moving between questions."""
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
            yield Static(Text("Talking points — Enter or Space ticks/unticks, 1-4 rates your answer", style="bold"))
            yield OptionList(id="review-points")
            yield Static(id="review-rating")
            yield Static(id="review-reference")
        yield Footer()

    def on_mount(self) -> None:
        self.show()
        self.query_one("#review-points", OptionList).focus(scroll_visible=False)

    def watch_position(self) -> None:
        self.show()

    def show(self) -> None:
        question = self.question
        stage = self.session.report.stages[self.position[0]]
        title = f"{stage.title} · Q{question.number} of {len(stage.questions)} · {question.status_label}"
        if self.feedback:
            title = f"Feedback · {title} · Esc: next question"
        self.query_one("#review-title", Static).update(Text(title))
        self.query_one("#review-answer", Static).update(self._answer_view())
        self._show_points()
        self._show_rating()
        self.query_one("#review-reference", Static).update(self._reference())
        self.query_one("#review", VerticalScroll).scroll_home(animate=False)

    def _answer_view(self) -> RenderableType:
        question, score = self.question, self.question.score
        matches = score.matches if score else ()
        suggested = minutes_label(question.suggested_minutes)
        figures = f"{duration_label(question.seconds)} of {suggested} · {question.words} words"
        parts: list[RenderableType] = [
            Text(f"{question.kind} · {question.area_title} · {question.level}", style="dim"),
            Text(question.prompt),
            _heading("Your answer", figures),
            _typed(question.answer, matches[0] if matches else ()),
        ]
        for number, turn in enumerate(question.turns, start=1):
            said = "The interviewer added" if turn.kind == "step" else "The interviewer followed up"
            parts += [
                _heading(said, duration_label(turn.seconds)),
                Text(turn.prompt, style="italic"),
                _typed(turn.answer, matches[number] if number < len(matches) else ()),
            ]
        if score and score.notes:
            parts.append(Text("\n" + "\n".join(score.notes), style="yellow"))
        feedback = delivery_lines(question.delivery) if question.delivery else []
        feedback += star_lines(question.star) if question.star else []
        if feedback:
            parts += [_heading("How you said it"), Text("\n".join(f"• {line}" for line in feedback))]
        return Group(*parts)

    def _show_points(self) -> None:
        points = self.query_one("#review-points", OptionList)
        highlighted_point = points.highlighted
        score = self.question.score
        points.set_options([Option(_point_label(p), id=str(p.index)) for p in score.points] if score else [])
        if score and score.points:
            points.highlighted = min(highlighted_point or 0, len(score.points) - 1)

    def _show_rating(self) -> None:
        score = self.question.score
        rating = self.answer.self_rating
        text = Text("Your rating: ", style="bold")
        text.append(f"{RATING_LABELS[rating]} ({rating})" if rating else "none yet (press 1-4)")
        if score is not None:
            text.append(f"  ·  coverage {percent(score.coverage)}  ·  score {percent(score.score)}")
        self.query_one("#review-rating", Static).update(text)

    def _reference(self) -> RenderableType:
        question = self.question
        parts: list[RenderableType] = []
        if question.follow_ups:
            parts += [_heading("Follow-ups to expect"), Text("\n".join(f"• {f}" for f in question.follow_ups))]
        if question.model_answer:
            parts += [_heading("Model answer"), Text(question.model_answer)]
        return Group(*parts)

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

    def action_rate(self, rating: int) -> None:
        self.session.rate(self.position, rating or None)
        self._show_scores()

    def _show_scores(self) -> None:
        self._show_points()
        self._show_rating()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (self.feedback and action == "move")

    def action_move(self, step: int) -> None:
        position = self.session.step(self.position, step)
        if position is not None:
            self.position = position

    def action_back(self) -> None:
        self.dismiss(None)


def _heading(title: str, detail: str = "") -> Text:
    text = Text(f"\n{title}", style="bold")
    if detail:
        text.append(f"  {detail}", style="dim")
    return text


def _typed(text: str, matches: tuple[Match, ...]) -> Text:
    if not text.strip():
        return Text("(nothing typed)", style="dim")
    return highlighted(text, matches)


def _point_label(point: PointVerdict) -> Text:
    label = Text("✓ " if point.covered else "✗ ", style="bold green" if point.covered else "bold red")
    label.append(point.text)
    if point.matched:
        label.append(f"  ({', '.join(point.matched)})", style="dim")
    elif point.rejected:
        label.append(f"  ({'; '.join(point.rejected)})", style="dim yellow")
    if point.overridden:
        label.append("  your call", style="italic")
    return label
