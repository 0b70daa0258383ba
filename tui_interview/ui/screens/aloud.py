"""A stage answered out loud: the clock runs while the candidate speaks, then they check themselves.

The candidate reads the question, answers it aloud with the suggested time in view and presses Ctrl+S when done
(in a scenario, each part in turn). Then a self-check: the talking points ("did you say…?"), the red flags ("did
you claim…?"), the model answer, a self-rating 1-4 and a few notes if they like. The ticks are the answer's
score, marked "self-check" wherever it is shown. Speech is not recorded or transcribed.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea
from textual.widgets.selection_list import Selection

from tui_interview.domain.bank.pack import Question
from tui_interview.domain.formatting import duration_label, minutes_label, percent
from tui_interview.domain.reporting.labels import question_about_text
from tui_interview.domain.scoring.readiness import RATING_LABELS
from tui_interview.domain.scoring.scores import score_answer
from tui_interview.domain.sessions.records import MAX_NOTES, AnswerRecord, Judgement
from tui_interview.domain.vocabulary import JUDGED_BY_LABELS
from tui_interview.ui.rendering import pack_line, pack_markdown
from tui_interview.ui.screens.spoken_stage import SpokenStageScreen
from tui_interview.ui.widgets.question_view import QuestionView, RevealedPart
from tui_interview.ui.widgets.rating_row import RatingRow
from tui_interview.ui.widgets.stage_clock import AnswerClock, StageClock
from tui_interview.ui.widgets.tick_list import TickList

SELF_CHECK = JUDGED_BY_LABELS["self"]
PROMPT_LINE = 76
"""Characters of the prompt shown above the self-check, on one line."""


class AloudScreen(SpokenStageScreen):
    """One stage answered out loud, question by question, each followed by a self-check."""

    CSS_PATH = "aloud.tcss"
    HELP = (
        "Answer out loud, as you would in the room: the clock runs while you speak, and the time suggested for the "
        "question is at the top. Press Ctrl+S when you are done; in a scenario the next part follows, and after "
        "the last one comes the self-check: tick each talking point you did say (1-9 or Space) and each red flag "
        "you did claim, read the model answer, rate yourself 1-4 and add a note if you like; Ctrl+S carries on. "
        "The clock stops during the self-check. Your ticks are the score, marked 'self-check' in the report. "
        "Ctrl+N skips the question (or the part showing), Ctrl+P pauses."
    )
    BINDINGS = [
        Binding("ctrl+s", "done", "Done speaking"),
        Binding("ctrl+n", "skip", "Skip"),
        Binding("ctrl+p", "pause", "Pause"),
        Binding("ctrl+o", "open_parts", "Earlier parts", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Horizontal(id="stage-bar"):
            yield Static(Text(f"{self.stage.record.title} · aloud"), id="stage-title")
            yield AnswerClock(id="answer-clock")
            yield StageClock(id="countdown")
        yield Static(Text(f"{self.stage.record.interviewer_name}, {self.stage.record.interviewer_role}"), id="who")
        yield Static(id="question-meta")
        yield QuestionView(id="prompt-box")
        yield Static(id="aloud-hint")
        with Horizontal(id="status-bar"):
            yield Static(id="spacer")
            yield Static(id="save-state")
        yield Footer()

    def show_question(self) -> None:
        stage, question = self.stage, self.stage.question
        area = self.run.pack.area_titles.get(question.area, question.area)
        about = question_about_text(question.kind, area, question.level, stage.record.title)
        self.query_one("#question-meta", Static).update(
            Text.assemble(
                (f"Question {stage.number} of {stage.total}", "bold"),
                f"  ·  {about}" if about else "",
            )
        )
        speaker = stage.record.interviewer_name
        steps = [turn for turn in stage.answer.turns if turn.kind == "step"]
        parts = tuple(
            RevealedPart(f"Part {number} of {stage.parts} · {speaker} adds", turn.prompt, skipped=turn.skipped)
            for number, turn in enumerate(steps, start=2)
        )
        self.query_one(QuestionView).show(question.prompt, parts)
        more = stage.part_number < stage.parts
        then = "the next part follows" if more else "then check yourself against the talking points"
        self.query_one("#aloud-hint", Static).update(
            Text.assemble(
                ("Answer out loud now", "bold"),
                f": about {minutes_label(question.minutes)} suggested, the clock is running.\n",
                ("Ctrl+S", "bold"),
                f" when you are done: {then}.",
            )
        )

    def action_done(self) -> None:
        if self.stage.finished or self.stage.index >= self.stage.total:
            return
        closing = self.stage.index
        self.stage.submit("")
        self._after(closing)

    def action_skip(self) -> None:
        if self.stage.finished or self.stage.index >= self.stage.total:
            return
        closing = self.stage.index
        self.stage.skip("")
        self._after(closing)

    def _after(self, closing: int) -> None:
        """Save; check the answer just closed (unless it was skipped), else show the next part."""
        answer = self.stage.record.answers[closing]
        if self.stage.index > closing and answer.status != "skipped":
            self.check_answer(closing, then_end=self.stage.finished, time_up=False)
            return
        self.save_now()
        if self.stage.finished:
            self.end_stage(time_up=False)
        else:
            self.show_question()
            self.tick()

    def stage_over(self, *, time_up: bool) -> None:
        if time_up:
            spoken = next((i for i, a in enumerate(self.stage.record.answers) if a.status == "time_up"), None)
            if spoken is not None:
                self.check_answer(spoken, then_end=True, time_up=True)
                return
        self.end_stage(time_up=time_up)

    @work(exclusive=True, group="self-check")
    async def check_answer(self, index: int, *, then_end: bool, time_up: bool) -> None:
        """The self-check of answer ``index`` (the clock held meanwhile), then the next question or the stage's end."""
        held = self.hold_clock()
        answer = self.stage.record.answers[index]
        self.save_now()
        check = SelfCheckScreen(self.stage.questions[index], answer, self.stage.record.stage_id, time_up=time_up)
        result = await self.app.push_screen_wait(check)
        answer.judgement = result.judgement
        answer.self_rating = result.rating
        self.save_now()
        if held:
            self.stage.resume()
        if then_end or self.stage.finished:
            self.end_stage(time_up=time_up)
        else:
            self.show_question()
            self.tick()

    def action_open_parts(self) -> None:
        view = self.query_one(QuestionView)
        view.all_open = not view.all_open


@dataclass(frozen=True)
class SelfCheck:
    judgement: Judgement
    rating: int | None


class SelfCheckScreen(ModalScreen[SelfCheck]):
    """Did you say…? The talking points and red flags to tick, the model answer, a self-rating and notes."""

    CSS_PATH = "aloud.tcss"
    BINDINGS = [
        Binding("ctrl+s", "finish", "Carry on"),
        Binding("escape", "finish", "Carry on", show=False),
        *(Binding(str(n), f"tick({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, question: Question, answer: AnswerRecord, stage_id: str, *, time_up: bool) -> None:
        super().__init__()
        self.question = question
        self.answer = answer
        self.stage_id = stage_id
        self.time_up = time_up
        before = answer.judgement
        self.judgement = before.model_copy(deep=True) if before else Judgement(by="self")
        self.rating = answer.self_rating

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="self-check"):
            over = "Time is up. " if self.time_up else ""
            spoke = (
                f"You spoke for {duration_label(self.answer.seconds)}; {minutes_label(self.question.minutes)} suggested"
            )
            yield Static(Text.assemble(pack_line(self.question.prompt, PROMPT_LINE), (f"\n{spoke}.", "dim")))
            yield Static(
                Text.assemble((f"{over}Self-check: did you say…?", "bold"), "  (1-9 or Space ticks, Tab moves on)"),
                id="said-title",
            )
            yield TickList[int](*self._point_selections(), id="said")
            if self.question.red_flags:
                yield Static(Text("Did you claim… (red flags: tick any you said)?", style="bold"), id="claimed-title")
                yield TickList[int](*self._flag_selections(), id="claimed")
            yield RatingRow("Your rating", RATING_LABELS.items(), value=self.rating, id="self-rating")
            yield Static(id="self-score")
            yield Static(Text("Model answer", style="bold"), id="model-title")
            yield Static(pack_markdown(self.question.model_answer or "*(no model answer in the pack)*"), id="model")
            yield Static(Text("Notes (optional)", style="bold"))
            yield TextArea(self.judgement.notes, id="self-notes", soft_wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#self-notes", TextArea).cursor_blink = False
        for tick_list in self.query(TickList):
            tick_list.highlighted = 0 if tick_list.option_count else None  # Space ticks the first at once
        self.query_one("#said").focus()
        self._show_score()

    def _shown_points(self) -> list[int]:
        step_of, shown = self.question.step_of_point, self.answer.steps_shown
        return [i for i in range(len(self.question.all_points)) if step_of.get(i, 0) <= shown]

    def _point_selections(self) -> list[Selection[int]]:
        heard, step_of = set(self.judgement.points), self.question.step_of_point
        selections = []
        for number, index in enumerate(self._shown_points(), start=1):
            label = Text(f"{number}. " if number < 10 else "   ")
            if index in step_of:
                label.append(f"part {step_of[index] + 1}: ", style="dim")
            label.append(self.question.all_points[index].text)
            selections.append(Selection(label, index, index in heard))
        return selections

    def _flag_selections(self) -> list[Selection[int]]:
        claimed = set(self.judgement.flags)
        return [
            Selection(Text.assemble(flag.text, (f" — {flag.why}", "dim")), index, index in claimed)
            for index, flag in enumerate(self.question.red_flags)
        ]

    @on(TickList.SelectedChanged, "#said")
    def said(self, event: TickList.SelectedChanged[int]) -> None:
        self.judgement.points = sorted(event.selection_list.selected)
        self._show_score()

    @on(TickList.SelectedChanged, "#claimed")
    def claimed(self, event: TickList.SelectedChanged[int]) -> None:
        self.judgement.flags = sorted(event.selection_list.selected)

    @on(RatingRow.Changed, "#self-rating")
    def rated(self, event: RatingRow.Changed) -> None:
        self.rating = event.value
        self._show_score()

    def _show_score(self) -> None:
        """The score the self-check gives, as the report will show it, marked as a self-check."""
        answer = self.answer.model_copy(update={"judgement": self.judgement, "self_rating": self.rating})
        score = score_answer(self.question, answer, self.stage_id)
        covered = sum(1 for point in score.points if point.covered)
        line = Text(f"{SELF_CHECK}: {covered} of {len(score.points)} points, coverage {percent(score.coverage)}")
        if self.rating is not None:
            line.append(f" · rated {RATING_LABELS[self.rating]}")
        line.append(" · score ")
        line.append(percent(score.score), style="bold")
        self.query_one("#self-score", Static).update(Group(line))

    def action_tick(self, number: int) -> None:
        said = self.query_one("#said", TickList)
        if number <= said.option_count:
            said.toggle(said.get_option_at_index(number - 1).value)

    def action_finish(self) -> None:
        self.judgement.notes = self.query_one("#self-notes", TextArea).text[:MAX_NOTES]
        self.dismiss(SelfCheck(self.judgement, self.rating))
