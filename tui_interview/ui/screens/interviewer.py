"""A mock interview a peer runs: the prompt to read out, the talking points to tick while listening, and the rest.

The interviewer reads each question to the candidate, ticks the talking points as they hear them (1-9, or Space
on the list) and the red flags, asks the follow-ups (the one aimed at the heaviest point not heard yet comes
first), reveals a scenario's parts one by one, keeps notes and rates the answer 1-4 on each dimension. At the
end of a stage they make a hire or no-hire call with a sentence of why. Their ticks are the answer's score.

The session file is saved whenever the interviewer moves on (a question shown, a step revealed, a pause begun
or ended) so that a candidate view (``tui-interview follow``) can show the candidate what they should see.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static, TabbedContent, TabPane, TextArea
from textual.widgets.selection_list import Selection

from tui_interview.domain.formatting import reflow
from tui_interview.domain.reporting.labels import question_about_text
from tui_interview.domain.sessions.probing import follow_ups_to_ask
from tui_interview.domain.sessions.records import MAX_NOTES, MAX_WHY, Judgement
from tui_interview.domain.vocabulary import (
    DIMENSION_HINTS,
    DIMENSION_LABELS,
    DIMENSION_RATING_LABELS,
    DIMENSIONS,
    STAGE_CALL_LABELS,
    Dimension,
    StageCall,
)
from tui_interview.ui.screens.spoken_stage import SpokenStageScreen
from tui_interview.ui.widgets.question_view import QuestionView, RevealedPart
from tui_interview.ui.widgets.rating_row import RatingRow
from tui_interview.ui.widgets.stage_clock import AnswerClock, StageClock
from tui_interview.ui.widgets.tick_list import TickList

TICK_KEYS = 9
"""Talking points 1-9 are ticked with the number keys; any further ones on the list with Space."""
PANELS = {"f": "flags", "u": "follow-ups", "s": "scenario", "o": "notes", "r": "ratings"}
"""The key that opens each panel below the talking points."""


class InterviewerScreen(SpokenStageScreen):
    """One stage of a mock interview, seen by the interviewer."""

    CSS_PATH = "interviewer.tcss"
    AUTO_FOCUS = "#points"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    """A tall terminal shows more of the checklist and the question before anything scrolls."""
    HELP = (
        "You are the interviewer. Read the question out; tick each talking point as you hear it (1-9, or Space "
        "on the list) and each red flag (f opens them). The follow-ups (u) are in the order to ask them: the "
        "first aims at the heaviest point you have not ticked yet. A scenario comes in parts: s shows the next "
        "one, Ctrl+R reveals it to the candidate. o opens your notes (Esc leaves them), r the 1-4 ratings on "
        "each dimension (on a rating: 1-4, ← →, 0 clears). Ctrl+N moves to the next question, Ctrl+P pauses. "
        "When the stage ends you make a hire or no-hire call with a sentence of why. Your ticks are the score, "
        "and the report marks every judgement as yours. Everything is saved as you go: "
        "`tui-interview follow` in another terminal shows the candidate the question and the clock."
    )
    BINDINGS = [
        Binding("1", "tick(1)", "Tick", key_display="1-9"),
        *(Binding(str(n), f"tick({n})", show=False) for n in range(2, TICK_KEYS + 1)),
        Binding("ctrl+n", "next_question", "Next question"),
        Binding("ctrl+r", "reveal", "Reveal part"),
        Binding("ctrl+p", "pause", "Pause"),
        *(Binding(key, f"panel('{panel}')", panel.capitalize(), show=False) for key, panel in PANELS.items()),
        Binding("escape", "focus_points", "Points", show=False),
        Binding("ctrl+o", "open_parts", "Earlier parts", show=False),
    ]

    def compose(self) -> ComposeResult:
        record = self.stage.record
        with Horizontal(id="stage-bar"):
            yield Static(
                Text(f"{record.title} · stage {self.stage_index + 1}/{len(self.run.record.stages)}"),
                id="stage-title",
            )
            yield AnswerClock(id="answer-clock")
            yield StageClock(id="countdown")
        yield Static(id="question-meta")
        yield QuestionView(id="prompt-box")
        yield Static(id="points-title")
        yield TickList[int](id="points")
        with TabbedContent(id="panels"):
            with TabPane("Red flags (f)", id="flags"):
                yield Static("No red flags listed for this question.", id="no-flags")
                yield TickList[int](id="flag-list")
            with TabPane("Follow-ups (u)", id="follow-ups"):
                yield Static(id="follow-up-list")
            with TabPane("Scenario (s)", id="scenario"):
                yield Static(id="next-step")
            with TabPane("Notes (o)", id="notes"):
                yield TextArea(id="notes-box", soft_wrap=True)
            with TabPane("Ratings (r)", id="ratings"), Vertical():
                for dimension in DIMENSIONS:
                    yield RatingRow(
                        DIMENSION_LABELS[dimension],
                        DIMENSION_RATING_LABELS.items(),
                        hint=DIMENSION_HINTS[dimension],
                        id=f"rate-{dimension}",
                    )
        with Horizontal(id="status-bar"):
            yield Static(id="hint")
            yield Static(id="save-state")
        yield Footer()

    def on_mount(self) -> None:
        self._notes = self.query_one("#notes-box", TextArea)
        self._notes.cursor_blink = False
        self._notes_for: Judgement | None = None
        """The judgement the notes box shows, so that its text goes back to the right answer."""
        self.query_one("#hint", Static).update("the candidate sees the question with: tui-interview follow")
        # SpokenStageScreen.on_mount runs next: Textual calls each class's handler, this one first

    def start_notice(self) -> tuple[str, str]:
        stage = self.stage
        where = f"question {stage.number} of {stage.total}" if self.resumed else f"{stage.total} questions"
        return (
            f"You are the interviewer: {stage.record.title}",
            f"{where}, {round(stage.countdown.remaining / 60)} min on the clock. Read each question out and tick "
            "what you hear (1-9); Ctrl+R reveals a scenario's next part, Ctrl+N moves on, Ctrl+P pauses, F1 "
            "explains the rest. At the end of the stage you make a hire or no-hire call.\n\n"
            "The clock starts when you continue.",
        )

    # What the screen shows -------------------------------------------------------------------

    @property
    def judgement(self) -> Judgement:
        return self.stage.answer.judgement_by("interviewer")

    def show_question(self) -> None:
        stage, question = self.stage, self.stage.question
        area = self.run.pack.area_titles.get(question.area, question.area)
        about = question_about_text(question.kind, area, question.level, stage.record.title)
        self.query_one("#question-meta", Static).update(
            Text.assemble(
                (f"Question {stage.number} of {stage.total}", "bold"),
                f"  ·  {about}" if about else "",
                "  ·  you ask:",
            )
        )
        self.query_one(QuestionView).show(question.prompt, self._revealed_parts())
        self._show_points()
        self._show_flags()
        self._show_follow_ups()
        self._show_next_step()
        judgement = self.judgement
        if self._notes_for is not judgement:
            self._notes_for = judgement
            self._notes.load_text(judgement.notes)
        for dimension in DIMENSIONS:
            self.query_one(f"#rate-{dimension}", RatingRow).value = judgement.ratings.get(dimension)
        self.refresh_bindings()

    def _revealed_parts(self) -> tuple[RevealedPart, ...]:
        stage = self.stage
        steps = [turn for turn in stage.answer.turns if turn.kind == "step"]
        return tuple(
            RevealedPart(f"Part {number} of {stage.parts} · you add", turn.prompt)
            for number, turn in enumerate(steps, start=2)
        )

    def _shown_points(self) -> list[int]:
        """The talking points asked so far (the prompt's and the revealed steps'), by index: numbered 1, 2…"""
        step_of, shown = self.stage.question.step_of_point, self.stage.step_number
        return [i for i in range(len(self.stage.question.all_points)) if step_of.get(i, 0) <= shown]

    def _show_points(self) -> None:
        question, heard = self.stage.question, set(self.judgement.points)
        step_of = question.step_of_point
        points = self.query_one("#points", TickList)
        highlighted = points.highlighted
        selections = []
        for number, index in enumerate(self._shown_points(), start=1):
            point = question.all_points[index]
            label = Text(f"{number}. " if number <= TICK_KEYS else "   ")
            if index in step_of:
                label.append(f"part {step_of[index] + 1}: ", style="dim")
            label.append(point.text)
            if point.weight != 1:
                label.append(f"  weight {point.weight:g}", style="bold")
            selections.append(Selection(label, index, index in heard))
        points.clear_options()
        points.add_options(selections)
        points.highlighted = highlighted if highlighted is not None and highlighted < len(selections) else 0
        self._update_points_title()

    def _show_flags(self) -> None:
        flags, heard = self.stage.question.red_flags, set(self.judgement.flags)
        flag_list = self.query_one("#flag-list", TickList)
        flag_list.clear_options()
        flag_list.add_options(
            Selection(Text.assemble(flag.text, (f" — {flag.why}", "dim")), index, index in heard)
            for index, flag in enumerate(flags)
        )
        flag_list.highlighted = 0 if flags else None  # Space ticks the first at once
        flag_list.display = bool(flags)
        self.query_one("#no-flags").display = not flags
        pane = self.query_one(TabbedContent).get_tab("flags")
        pane.label = f"Red flags {len(heard)}/{len(flags)} (f)" if flags else "Red flags (f)"

    def _show_follow_ups(self) -> None:
        stage = self.stage
        suggestions = follow_ups_to_ask(stage.question, set(self.judgement.points), stage.step_number)
        text = Text()
        points = stage.question.all_points
        for number, suggestion in enumerate(suggestions, start=1):
            text.append(f"{number}. {reflow(suggestion.prompt)}\n")
            if suggestion.aimed_at is not None:
                text.append(f"   → probes, not heard yet: {points[suggestion.aimed_at].text}\n", style="dim")
        self.query_one("#follow-up-list", Static).update(text or Text("No follow-ups listed for this question."))

    def _show_next_step(self) -> None:
        stage = self.stage
        steps, shown = stage.question.steps, stage.step_number
        if not steps:
            line = Text("Not a scenario: the question has one part.")
        elif shown >= len(steps):
            line = Text(f"All {stage.parts} parts are revealed.")
        else:
            line = Text.assemble(
                (f"Part {shown + 2} of {stage.parts}, to reveal with Ctrl+R when the candidate is ready:\n", "bold"),
                reflow(steps[shown].reveal),
            )
        self.query_one("#next-step", Static).update(line)

    def check_action(self, action: str, _parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal":
            stage = self.stage
            return not stage.finished and stage.index < stage.total and stage.step_number < len(stage.question.steps)
        if action == "open_parts":
            return self.query_one(QuestionView).folds
        return True

    # The interviewer's judgement -------------------------------------------------------------

    @property
    def judging(self) -> bool:
        """A question is showing (not after the stage's last one)."""
        return not self.stage.finished and self.stage.index < self.stage.total

    @on(TickList.SelectedChanged, "#points")
    def points_ticked(self, event: TickList.SelectedChanged[int]) -> None:
        if not self.judging:
            return
        shown = set(self._shown_points())
        kept = [i for i in self.judgement.points if i not in shown]  # ticks of points not listed stay as they are
        self.judgement.points = sorted({*kept, *event.selection_list.selected})
        self._show_follow_ups()
        self._update_points_title()
        self.changed()

    def _update_points_title(self) -> None:
        """``2 of 4 heard · 45% of the weight``, and how many points the parts still to reveal hold."""
        question, heard, shown = self.stage.question, set(self.judgement.points), self._shown_points()
        points = question.all_points
        covered = sum(points[i].weight for i in heard if i < len(points))
        title = Text.assemble(
            ("Talking points", "bold"),
            f" · tick what you hear · {len(heard & set(shown))} of {len(shown)} heard, "
            f"{covered / sum(point.weight for point in points):.0%} of the weight",
        )
        if len(shown) < len(points):
            title.append(f" · {len(points) - len(shown)} more in later parts", style="dim")
        self.query_one("#points-title", Static).update(title)

    @on(TickList.SelectedChanged, "#flag-list")
    def flags_ticked(self, event: TickList.SelectedChanged[int]) -> None:
        if not self.judging:
            return
        self.judgement.flags = sorted(event.selection_list.selected)
        flags = self.stage.question.red_flags
        if flags:
            label = f"Red flags {len(self.judgement.flags)}/{len(flags)} (f)"
            self.query_one(TabbedContent).get_tab("flags").label = label
        self.changed()

    @on(RatingRow.Changed)
    def rated(self, event: RatingRow.Changed) -> None:
        dimension: Dimension = next(d for d in DIMENSIONS if event.row.id == f"rate-{d}")
        if self.judging and self.judgement.ratings.get(dimension) != event.value:
            self.judgement.rate(dimension, event.value)  # type: ignore[arg-type]  # the row offers 1-4 only
            self.changed()

    @on(TextArea.Changed, "#notes-box")
    def notes_typed(self) -> None:
        if len(self._notes.text) > MAX_NOTES:
            self.notify(f"Notes on one answer hold at most {MAX_NOTES:,} characters.", severity="warning")
        self.changed()

    def collect(self) -> None:
        if self._notes_for is not None:
            self._notes_for.notes = self._notes.text[:MAX_NOTES]

    def action_tick(self, number: int) -> None:
        if not self.judging:
            return
        points = self.query_one("#points", TickList)
        if number <= points.option_count:
            points.toggle(points.get_option_at_index(number - 1).value)

    # Moving on -------------------------------------------------------------------------------

    def action_next_question(self) -> None:
        self.move_on(self.stage.close_question)

    def action_reveal(self) -> None:
        if self.check_action("reveal", ()):
            self.move_on(self.stage.reveal_step)
            self.query_one(TabbedContent).active = "scenario"

    def action_panel(self, panel: str) -> None:
        self.query_one(TabbedContent).active = panel
        focus = {"flags": "#flag-list", "notes": "#notes-box", "ratings": f"#rate-{DIMENSIONS[0]}"}.get(panel)
        if focus is not None:
            self.query_one(focus).focus()

    def action_focus_points(self) -> None:
        self.query_one("#points").focus()

    def action_open_parts(self) -> None:
        view = self.query_one(QuestionView)
        view.all_open = not view.all_open

    def stage_over(self, *, time_up: bool) -> None:
        self.ask_for_call(time_up=time_up)

    @work(exclusive=True, group="stage-call")
    async def ask_for_call(self, *, time_up: bool) -> None:
        """The stage is over: the interviewer's hire or no-hire call, with a sentence of why, then the summary."""
        if self.ticker is not None:
            self.ticker.stop()
        call = await self.app.push_screen_wait(StageCallDialog(self.stage.record.title, time_up=time_up))
        if call is not None:
            self.stage.make_call(*call)
        self.end_stage(time_up=time_up)


class StageCallDialog(ModalScreen[tuple[StageCall, str] | None]):
    """Hire or no hire on a stage, with a sentence of why; Esc leaves the stage without a call."""

    CSS_PATH = "interviewer.tcss"
    BINDINGS = [Binding("escape", "no_call", "No call", show=False)]

    def __init__(self, stage_title: str, *, time_up: bool) -> None:
        super().__init__()
        self.stage_title = stage_title
        self.time_up = time_up

    def compose(self) -> ComposeResult:
        over = "Time is up" if self.time_up else "The stage is over"
        with Vertical(classes="dialog"):
            yield Static(f"{over}: your call on {self.stage_title}", classes="dialog-title", markup=False)
            yield Static("Hire or no hire? Say why in a sentence: it goes in the report the candidate gets.")
            yield Input(placeholder="Why, in a sentence", max_length=MAX_WHY, id="why")
            with Horizontal(classes="dialog-buttons"):
                yield Button("No call (Esc)", id="none")
                yield Button(STAGE_CALL_LABELS["no_hire"].capitalize(), id="no_hire", variant="error")
                yield Button(STAGE_CALL_LABELS["hire"].capitalize(), id="hire", variant="success")

    def on_mount(self) -> None:
        why = self.query_one("#why", Input)
        why.cursor_blink = False
        why.focus()

    @on(Input.Submitted, "#why")
    def to_buttons(self) -> None:
        self.query_one("#hire", Button).focus()

    @on(Button.Pressed)
    def decide(self, event: Button.Pressed) -> None:
        if event.button.id == "none":
            self.dismiss(None)
            return
        why = " ".join(self.query_one("#why", Input).value.split())
        if not why:
            self.notify("Say in a sentence why, first.", severity="warning")
            self.query_one("#why", Input).focus()
            return
        self.dismiss(("hire" if event.button.id == "hire" else "no_hire", why))

    def action_no_call(self) -> None:
        self.dismiss(None)
