"""The story bank: the stories with their check and review dates, one story's editor, the coverage map, and the
choice of a question to drill a story on.

The screens show domain state (``domain.stories``) and send intent as messages: the app saves a story
(:class:`StoryEditScreen.Save`) and gives the list the bank as written. Every text from the file is shown
literally, its control characters made visible.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, SelectionList, Static, TextArea
from textual.widgets.option_list import Option

from tui_interview.domain.bank.pack import Question
from tui_interview.domain.formatting import escape_control_characters
from tui_interview.domain.grading.text import words_in
from tui_interview.domain.history.story_reviews import StoryDates
from tui_interview.domain.stories.bank import STORY_PARTS, Story, StoryBank
from tui_interview.domain.stories.check import StoryCheck, check_story, spoken_length
from tui_interview.domain.stories.coverage import SEED_COMPETENCIES, CoverageMap, behavioral_questions, coverage_map
from tui_interview.domain.stories.drill import drill_questions
from tui_interview.domain.vocabulary import COMPETENCIES

NEW_STORY = "new"
"""The id of the list's last option, which writes a new story."""
ADVISED = "coaches advise 5 to 7 stories"
PART_HINTS = {
    "situation": "where and when it happened, and what was at stake",
    "task": "what you were responsible for, or what the goal was",
    "action": "what you did yourself: 'I rolled back…', 'I wrote…'",
    "result": "how it ended, with a number",
    "reflection": "what you learned, or would do differently",
}


def literal(text: str, style: str = "") -> Text:
    """``text`` from the user's file, shown as written: markup not interpreted, control characters visible."""
    return Text(escape_control_characters(text), style=style)


def check_lines(check: StoryCheck) -> Text:
    """``✓ situation: there`` / ``✗ result: not written yet: …``, one line per item."""
    text = Text()
    for item in check.items:
        text.append("✓ " if item.passed else "✗ ", style="bold green" if item.passed else "bold red")
        text.append(f"{item.name}: ", style="bold")
        text.append(escape_control_characters(item.message) + "\n")
    return text


class StoriesScreen(Screen[None]):
    """Each story with its check; Enter edits the story highlighted, n writes a new one, c shows the coverage map."""

    CSS_PATH = "stories.tcss"
    HELP = (
        "Your STAR stories, kept in stories.toml in the data folder. Each is checked as the behavioral grader "
        "would see it told: every STAR part present and written out, your own actions ('I', not only 'we'), a "
        "result with a number, a reflection, and about two minutes spoken.\n\n"
        "Each story comes back for a drill on a schedule, like questions: told well (in a loop, a practice or a "
        "drill) it comes back later, told badly soon; the list says when.\n\n"
        "Keys: ↑ ↓ choose a story, Enter edits it (or writes a new one on '+ New story'), t drills it (tell it for "
        "a question you choose: one it fits best, or any behavioral question), n writes a new story, c opens the "
        "coverage map (which competencies have no story, which story fits which question), Esc goes back."
    )
    BINDINGS = [
        Binding("t", "drill", "Drill"),
        Binding("n", "new", "New story"),
        Binding("c", "coverage", "Coverage map"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    bank: var[StoryBank | None] = var(None, init=False)
    """The bank as last read or written; None when stories.toml cannot be read (see ``problems``)."""
    dates: var[StoryDates | None] = var(None, init=False)
    """When each story is next due for a drill, once the saved sessions have been read (None: not yet)."""

    class Shown(Message):
        """The list shows (first, or again after a drill): when the stories of ``bank`` are due may have changed."""

        def __init__(self, bank: StoryBank | None) -> None:
            super().__init__()
            self.bank = bank

    class Drill(Message):
        """Drill the story ``story_id``: tell it for the question ``question_id``, graded, with feedback."""

        def __init__(self, story_id: str, question_id: str) -> None:
            super().__init__()
            self.story_id = story_id
            self.question_id = question_id

    def __init__(self, bank: StoryBank | None, problems: Sequence[str], questions: Sequence[Question]) -> None:
        super().__init__()
        self.set_reactive(StoriesScreen.bank, bank)
        self.problems = tuple(problems)
        self.questions = tuple(questions)

    def compose(self) -> ComposeResult:
        with Vertical(id="stories"):
            yield Static(Text("Stories · your STAR story bank"), classes="screen-title")
            yield Static(id="stories-summary", classes="hint")
            yield OptionList(id="stories-list")
            yield VerticalScroll(Static(id="stories-check"), id="stories-check-scroll")
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#stories-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.post_message(self.Shown(self.bank))

    def watch_bank(self) -> None:
        self._show()

    def watch_dates(self) -> None:
        self._show()

    def _show(self) -> None:
        listing = self.query_one("#stories-list", OptionList)
        highlighted = listing.highlighted
        listing.set_options(self._options())
        listing.highlighted = min(highlighted or 0, listing.option_count - 1) if listing.option_count else None
        self.query_one("#stories-summary", Static).update(self._summary())
        self._show_check(listing.highlighted)

    def _summary(self) -> Text:
        if self.bank is None:
            return Text("stories.toml cannot be read, so it is not changed here: fix it first", style="bold red")
        checks = [check_story(story) for story in self.bank.stories]
        summary = Text(f"{len(checks)} stories · {sum(c.ready for c in checks)} ready · {ADVISED}")
        missing = coverage_map(self.bank.stories, self.questions).missing_seed
        if missing:
            summary.append(f"\nNo story yet for: {', '.join(missing)}", style="bold yellow")
        if self.dates is not None and self.dates.offer:
            summary.append("\n")
            summary.append_text(literal(f"{self.dates.offer}: highlight it and press t", "bold"))
        return summary

    def _options(self) -> list[Option]:
        if self.bank is None:
            return []
        options = []
        for story in self.bank.stories:
            check = check_story(story)
            label = Text(f"{check.label:<11} ", style="green" if check.ready else "yellow")
            label.append_text(literal(story.title))
            when = self.dates.when.get(story.id) if self.dates is not None else None
            if when:
                due = self.dates is not None and story.id in self.dates.due
                label.append(f" · {when}", style="bold yellow" if due else "dim")
            options.append(Option(label, id=story.id))
        options.append(Option(Text("+ New story", style="bold"), id=NEW_STORY))
        return options

    @on(OptionList.OptionHighlighted, "#stories-list")
    def highlight(self, event: OptionList.OptionHighlighted) -> None:
        self._show_check(event.option_index)

    def _show_check(self, index: int | None) -> None:
        details = self.query_one("#stories-check", Static)
        if self.bank is None:
            details.update(literal("\n".join(self.problems)))
            return
        stories = self.bank.stories
        if index is None or index >= len(stories):
            details.update(Text("Enter writes a new story: one field per STAR part, with a live word count."))
            return
        story = stories[index]
        competencies = literal(", ".join(story.competencies) or "no competencies", "dim")
        details.update(Text.assemble(competencies, "\n", check_lines(check_story(story))))

    @on(OptionList.OptionSelected, "#stories-list")
    def edit_selected(self, event: OptionList.OptionSelected) -> None:
        if self.bank is None:
            return
        story = self.bank.by_id.get(event.option_id or "")
        self.app.push_screen(StoryEditScreen(story))

    def action_new(self) -> None:
        if self.bank is not None:
            self.app.push_screen(StoryEditScreen(None))

    def action_coverage(self) -> None:
        if self.bank is not None:
            self.app.push_screen(CoverageScreen(coverage_map(self.bank.stories, self.questions)))

    @work(exclusive=True, group="drill")
    async def action_drill(self) -> None:
        """Choose the question to tell the highlighted story for, then drill it."""
        index = self.query_one("#stories-list", OptionList).highlighted
        if self.bank is None or index is None or index >= len(self.bank.stories):
            self.notify("Highlight a story to drill first.", title="Drill", markup=False)
            return
        story = self.bank.stories[index]
        best = drill_questions(story, self.bank.stories, self.questions)
        chosen = await self.app.push_screen_wait(DrillQuestionDialog(story, best, behavioral_questions(self.questions)))
        if chosen is not None:
            self.post_message(self.Drill(story.id, chosen))


class DrillQuestionDialog(ModalScreen[str | None]):
    """Which question to tell a story for: those it fits best (from the coverage map), then any behavioral one."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = """
    DrillQuestionDialog {
        #drill-dialog {
            width: 90;
            max-width: 95%;
            height: auto;
            max-height: 90%;
            border: thick $accent;
            background: $surface;
            padding: 1 2;
        }

        #drill-questions {
            height: auto;
            max-height: 16;
            border: none;
        }
    }
    """

    def __init__(self, story: Story, best: Sequence[Question], behavioral: Sequence[Question]) -> None:
        super().__init__()
        self.story = story
        self.best = tuple(best)
        self.others = tuple(question for question in behavioral if question not in self.best)

    def compose(self) -> ComposeResult:
        with Vertical(id="drill-dialog"):
            yield Static(literal(f"Drill '{self.story.title}': tell it for which question?"), classes="dialog-title")
            yield OptionList(*self._options(), id="drill-questions")
            yield Static(Text("Enter drills it · Esc cancels"), classes="hint")

    def _options(self) -> list[Option]:
        options: list[Option] = []
        sections = (("It fits these best (coverage map)", self.best), ("Any behavioral question", self.others))
        for heading, questions in sections:
            if not questions:
                continue
            options.append(Option(Text(heading, style="bold"), disabled=True))
            options += [Option(_question_label(question), id=question.id) for question in questions]
        if not options:
            options.append(Option(Text("The pack has no behavioral question.", style="dim"), disabled=True))
        return options

    def on_mount(self) -> None:
        listing = self.query_one("#drill-questions", OptionList)
        listing.focus()
        listing.highlighted = next(
            (i for i in range(listing.option_count) if not listing.get_option_at_index(i).disabled), None
        )

    @on(OptionList.OptionSelected, "#drill-questions")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)


PROMPT_PREVIEW = 120
"""Characters of a question's prompt shown in the drill's list of questions: about two lines."""


def _question_label(question: Question) -> Text:
    """``behavioral-q2  Tell me about a time you disagreed…``: the id, then the start of the prompt."""
    prompt = " ".join(question.prompt.split())
    if len(prompt) > PROMPT_PREVIEW:
        prompt = prompt[:PROMPT_PREVIEW].rsplit(" ", 1)[0] + "…"
    label = Text(f"{question.id}  ", style="bold")
    label.append_text(literal(prompt))
    return label


class StoryEditScreen(Screen[None]):
    """One story: its id, title and competencies, one field per STAR part, with the words and the spoken length."""

    CSS_PATH = "stories.tcss"
    HELP = (
        "Write the story as you would tell it: one field per STAR part, then what you learned. The line at the "
        "bottom counts the words and says how long the story takes to tell at a calm pace; aim for about two "
        "minutes. Tab moves between fields; Ctrl+S saves (the story's check is on the Stories screen), Esc goes "
        "back without saving."
    )
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Back"),
    ]

    words: var[int] = var(0, init=False)
    """Words in the story as told: every part, updated as the candidate types."""

    class Save(Message):
        """Save ``story`` in place of the story ``replacing`` (None: a new story)."""

        def __init__(self, story: Story, replacing: str | None) -> None:
            super().__init__()
            self.story = story
            self.replacing = replacing

    def __init__(self, story: Story | None) -> None:
        super().__init__()
        self.story = story
        """The story being edited as last saved; None for a new one."""

    def compose(self) -> ComposeResult:
        story = self.story
        heading = f"Edit story · {story.id}" if story else "New story"
        with VerticalScroll(id="story-edit"):
            yield Static(Text(heading), classes="screen-title")
            with Horizontal(id="story-names"):
                yield Input(story.id if story else "", placeholder="id: lowercase-with-hyphens", id="story-id")
                yield Input(story.title if story else "", placeholder="title", id="story-title")
            for part in STORY_PARTS:
                yield Static(self._part_label(part, story.part(part) if story else ""), id=f"label-{part}")
                area = TextArea(story.part(part) if story else "", id=f"part-{part}", soft_wrap=True)
                area.show_line_numbers = False
                yield area
            yield Static(Text("Figures (separate with ;)"), classes="story-label")
            yield Input(
                "; ".join(story.figures) if story else "", placeholder="p99 from 900 ms to 180 ms", id="story-figures"
            )
            yield Static(Text("Competencies it shows"), classes="story-label")
            chosen = set(story.competencies) if story else set()
            yield SelectionList[str](*((c, c, c in chosen) for c in COMPETENCIES), id="story-competencies")
        yield Static(id="story-length")
        yield Footer()

    def on_mount(self) -> None:
        self.words = words_in(self._telling())
        self._show_length()
        self.query_one("#story-title" if self.story else "#story-id", Input).focus()

    @staticmethod
    def _part_label(part: str, text: str) -> Text:
        label = Text(f"{part.capitalize()} ", style="bold")
        label.append(f"· {words_in(text)} words · {PART_HINTS[part]}", style="dim")
        return label

    @on(TextArea.Changed)
    def part_changed(self, event: TextArea.Changed) -> None:
        part = (event.text_area.id or "").removeprefix("part-")
        if part in STORY_PARTS:
            self.query_one(f"#label-{part}", Static).update(self._part_label(part, event.text_area.text))
        self.words = words_in(self._telling())

    def watch_words(self) -> None:
        self._show_length()

    def _show_length(self) -> None:
        length = spoken_length(self._telling())
        style = "green" if length.verdict == "about right" else "yellow"
        self.query_one("#story-length", Static).update(Text.assemble((f"{length.verdict}: ", style), length.label))

    def _telling(self) -> str:
        texts = (self.query_one(f"#part-{part}", TextArea).text.strip() for part in STORY_PARTS)
        return "\n\n".join(text for text in texts if text)

    def _draft(self) -> dict[str, object]:
        figures = self.query_one("#story-figures", Input).value.split(";")
        return {
            "id": self.query_one("#story-id", Input).value.strip(),
            "title": self.query_one("#story-title", Input).value,
            **{part: self.query_one(f"#part-{part}", TextArea).text for part in STORY_PARTS},
            "figures": [figure.strip() for figure in figures if figure.strip()],
            "competencies": list(self.query_one("#story-competencies", SelectionList).selected),
        }

    def action_save(self) -> None:
        try:
            story = Story.model_validate(self._draft())
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(map(str, item['loc']))}: {item['msg']}" for item in error.errors(include_url=False)
            )
            self.notify(problems, title="Not saved", severity="error", markup=False)
            return
        self.post_message(self.Save(story, self.story.id if self.story else None))

    @work(exclusive=True, group="leave-story")
    async def action_cancel(self) -> None:
        """Back to the list; with changes not saved, only once the candidate confirms."""
        from tui_interview.ui.screens.dialogs import ConfirmDialog

        if self._changed():
            leave = ConfirmDialog(
                "Leave without saving?", "Your changes to this story are lost.", yes="Leave", no="Stay"
            )
            if not await self.app.push_screen_wait(leave):
                return
        self.app.pop_screen()

    @property
    def quit_note(self) -> str | None:
        """What quitting now would lose, for the question Ctrl+Q asks (None: nothing, so it does not ask)."""
        return "Your changes to this story are not saved: quitting now loses them." if self._changed() else None

    def _changed(self) -> bool:
        draft = _comparable(self._draft())
        if self.story is None:
            return any(value for key, value in draft.items() if key != "competencies")
        return draft != _comparable(self.story.model_dump())


def _comparable(fields: dict[str, object]) -> dict[str, object]:
    return {key: value.strip() if isinstance(value, str) else value for key, value in fields.items()}


class CoverageScreen(Screen[None]):
    """Which competencies the bank has stories for, which stories are stretched, and the best story per question."""

    CSS_PATH = "stories.tcss"
    HELP = (
        "The coverage map: each competency the pack's behavioral questions probe, how many questions probe it and "
        "which of your stories show it. The three every bank needs (technical judgment, collaboration, learning "
        "from failure) are marked ★ and flagged when missing. A story that is the best fit for too many questions "
        "is stretched: write another. Below, the story that fits each question best. Esc goes back."
    )
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, coverage: CoverageMap) -> None:
        super().__init__()
        self.coverage = coverage

    def compose(self) -> ComposeResult:
        coverage = self.coverage
        with VerticalScroll(id="coverage"):
            yield Static(
                Text(f"Coverage map · {len(coverage.loads)} stories · {len(coverage.fits)} behavioral questions"),
                classes="screen-title",
            )
            yield Static(self._warnings(), id="coverage-warnings", classes="hint")
            yield Static(self._competency_table(), id="coverage-competencies")
            yield Static(Text("Best story per question", style="bold"), classes="coverage-heading")
            yield Static(self._fits_table(), id="coverage-fits")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#coverage", VerticalScroll).focus()

    def _warnings(self) -> Text:
        coverage = self.coverage
        text = Text()
        if coverage.missing_seed:
            text.append(f"Missing: {', '.join(coverage.missing_seed)}: prepare these first\n", style="bold red")
        for load in coverage.stretched:
            text.append("Stretched: ", style="bold yellow")
            text.append_text(literal(f"'{load.story.title}' is the best fit for {len(load.questions)} questions\n"))
        if coverage.unfitted:
            text.append(f"{len(coverage.unfitted)} questions have no story that fits")
        return text if text else Text("Every competency has a story and no story is stretched.")

    def _competency_table(self) -> Table:
        table = Table(box=None, expand=True, padding=(0, 1), header_style="bold")
        table.add_column("Competency", no_wrap=True)
        table.add_column("Qs", justify="right", no_wrap=True)
        table.add_column("Stories", ratio=1)
        for item in self.coverage.competencies:
            name = Text(("★ " if item.competency in SEED_COMPETENCIES else "  ") + item.competency)
            stories = literal(", ".join(item.stories)) if item.stories else Text("no story", style="bold red")
            table.add_row(name, str(item.questions), stories)
        return table

    def _fits_table(self) -> Table:
        table = Table(box=None, expand=True, padding=(0, 1), show_header=False)
        table.add_column("Question", ratio=1)
        table.add_column("Story", ratio=1)
        for fit in self.coverage.fits:
            story = literal(fit.story.title) if fit.story else Text("— no story fits", style="dim")
            check = check_story(fit.story) if fit.story else None
            if check is not None and not check.ready:
                story.append(f" ({check.passed}/{len(check.items)})", style="yellow")
            table.add_row(Text(fit.question.id), story)
        return table
