"""The debrief after the last stage of a loop, before the report: the candidate decides what the grader could not.

Each item is a talking point the grader marked *possible* or a red flag it found, with the sentence in question
shown literally. ``y`` confirms and ``n`` rejects the highlighted item (saved at once, as the candidate's call),
the arrows move, Enter or ``s`` goes on to the report.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui_interview.domain.reporting.debrief import Debrief, DebriefItem
from tui_interview.domain.reporting.review import ReviewSession

QUOTE_LIMIT = 240
"""Longer sentences are cut, with an ellipsis; the full answer is in the report."""
DECISION_MARKS = {None: ("• ", "bold yellow"), "confirmed": ("✓ ", "bold green"), "rejected": ("✗ ", "bold red")}


class DebriefScreen(Screen[None]):
    """What the grader was unsure of, for the candidate to confirm or reject before the report."""

    CSS_PATH = "debrief.tcss"
    HELP = (
        "Before your report: the points the grader was unsure of (marked possible: not scored until you say so) "
        "and the wrong claims it thinks it found, each with the sentence in question. y confirms the "
        "highlighted one (you covered the point; you did make that claim), n rejects it. Your call is saved at "
        "once and the report shows it as decided by you. Up and down move; Enter or s goes to the report, "
        "leaving anything undecided as the grader left it (a possible point stays unscored)."
    )
    BINDINGS = [
        Binding("y", "decide(1)", "Confirm"),
        Binding("n", "decide(0)", "Reject"),
        Binding("enter,s", "done", "Skip to report", priority=True),
    ]

    class Done(Message):
        """The candidate is ready for the report of ``session``."""

        def __init__(self, session: ReviewSession) -> None:
            super().__init__()
            self.session = session

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session
        self.debrief = Debrief(session)

    def compose(self) -> ComposeResult:
        with Vertical(id="debrief"):
            yield Static(id="debrief-title", classes="screen-title")
            yield Static(
                Text(
                    "The grader was unsure about these. Is it right? y yes, n no; arrows move.",
                    style="dim",
                ),
                id="debrief-intro",
            )
            yield OptionList(id="debrief-items")
            yield Static(Text("Enter or s: skip to the report (undecided items stay as they are)"), id="debrief-skip")
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#debrief-items", OptionList).focus(scroll_visible=False)

    def _show(self) -> None:
        items = self.debrief.items
        pending = sum(1 for item in items if item.decision is None)
        title = f"Debrief · before your report · {pending} of {len(items)} to decide"
        self.query_one("#debrief-title", Static).update(Text(title))
        options = self.query_one("#debrief-items", OptionList)
        highlighted = options.highlighted
        options.set_options([Option(_item_label(item), id=str(n)) for n, item in enumerate(items)])
        if items:
            options.highlighted = min(highlighted or 0, len(items) - 1)

    def action_decide(self, yes: int) -> None:
        options = self.query_one("#debrief-items", OptionList)
        items = self.debrief.items
        index = options.highlighted
        if index is None or index >= len(items):
            return
        item = items[index]
        if yes:
            self.debrief.confirm(item)
        else:
            self.debrief.reject(item)
        self._show()
        following = next((n for n, it in enumerate(self.debrief.items) if n > index and it.decision is None), None)
        if following is not None:
            options.highlighted = following

    def action_done(self) -> None:
        self.post_message(self.Done(self.session))


def _item_label(item: DebriefItem) -> Text:
    mark, style = DECISION_MARKS[item.decision]
    label = Text(mark, style=style)
    label.append(f"{item.stage_title} Q{item.question_number} · ", style="bold")
    label.append(f"{item.label}: ", style="bold red" if item.kind == "red_flag" else "bold yellow")
    label.append(item.text)
    if item.decision is not None:
        label.append(f"  ({_decision_words(item)})", style="italic")
    quote = " ".join(item.quote.split())
    if len(quote) > QUOTE_LIMIT:
        quote = quote[: QUOTE_LIMIT - 1].rstrip() + "…"
    label.append(f"\n  You said: “{quote}”" if quote else "\n  (no sentence quoted)", style="")
    if item.why:
        label.append(f"\n  {'Why it is wrong' if item.kind == 'red_flag' else 'Why unsure'}: {item.why}", style="dim")
    return label


def _decision_words(item: DebriefItem) -> str:
    if item.kind == "point":
        return "you covered it" if item.decision == "confirmed" else "you did not cover it"
    return "you claimed it" if item.decision == "confirmed" else "not what you said"
