"""The question being asked in a stage: its prompt, then every part the interviewer revealed since, piled up.

A scenario question comes in parts: the opening prompt is part 1, each scenario step adds one, and a
follow-up may come last. Everything shows while it fits; when it does not, earlier parts fold to a one-line
title so the newest one is in view, and then the prompt folds to its first line, above the scrolling area, so
the question never shows starting mid-sentence. Folded parts stay reachable: Ctrl+O opens them all (the stage
binds it) and the area scrolls from the keyboard.

Everything here comes from the question pack and is rendered as Markdown (see :mod:`tui_interview.ui.rendering`);
text the candidate typed is never shown here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Final

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Size
from textual.markup import escape
from textual.message import Message
from textual.reactive import var
from textual.widgets import Collapsible, Static

from tui_interview.ui.rendering import pack_markdown

FOLDED_SYMBOL: Final = "▶"
OPEN_SYMBOL: Final = "▼"


class FoldLevel(IntEnum):
    """How much of the question is folded to make the newest part fit: only as much as the space needs."""

    NONE = 0
    EARLIER_PARTS = 1
    """Every part but the newest is folded to its title."""
    PROMPT_TOO = 2
    """And the prompt to its first line."""


@dataclass(frozen=True)
class RevealedPart:
    """A part of the question after its opening prompt: a scenario step's new information, or a follow-up."""

    title: str
    """``Part 2 of 3 · Marcus adds`` or ``Marcus follows up``."""
    text: str
    """What the interviewer said, as Markdown from the pack."""
    skipped: bool = False
    """The candidate skipped it (Ctrl+N) and went on."""


def one_line(markdown: str) -> str:
    """``markdown`` as one line of plain text for a folded title (code marks dropped, lines joined)."""
    return " ".join(markdown.replace("`", "").split())


class PartView(Collapsible):
    """One revealed part: a title line, and the part itself when open."""

    DEFAULT_CSS = """
    PartView {
        height: auto;
        background: transparent;
        border-top: none;
        padding: 0;

        &:focus-within {
            background-tint: transparent 0%;
        }

        CollapsibleTitle {
            width: 1fr;
            padding: 0;
            text-wrap: nowrap;
            text-overflow: ellipsis;
            color: $text-muted;
            text-style: none;
        }

        Contents {
            padding: 0 0 0 2;
        }

        &.-newest {
            CollapsibleTitle {
                color: $text;
                text-style: bold;
            }

            Contents {
                border-left: thick $accent;
                padding: 0 0 0 1;
            }
        }
    }
    """

    def __init__(self, part: RevealedPart, *, collapsed: bool) -> None:
        self.part = part  # before the Collapsible sets ``collapsed``, which retitles the part
        super().__init__(
            Static(pack_markdown(part.text), classes="part-text"),
            title=self._title_for(part, collapsed),
            collapsed=collapsed,
            collapsed_symbol=FOLDED_SYMBOL,
            expanded_symbol=OPEN_SYMBOL,
        )

    @staticmethod
    def _title_for(part: RevealedPart, collapsed: bool) -> str:
        """The title as markup (the pack's words escaped): folded, it carries the part's text, cut to one line."""
        title = part.title + (" (skipped)" if part.skipped else "")
        return escape(f"{title}: {one_line(part.text)}" if collapsed else title)

    def on_mount(self) -> None:
        for title in self.query("CollapsibleTitle"):
            title.can_focus = False  # the answer box keeps the focus: keys typed never land on a title

    def watch_collapsed(self, collapsed: bool) -> None:
        self.title = self._title_for(self.part, collapsed)


class PromptLine(Static):
    """The opening prompt folded to its first line; a click opens every part."""

    DEFAULT_CSS = """
    PromptLine {
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        color: $text-muted;
    }
    """

    def on_click(self, event: events.Click) -> None:
        event.stop()
        view = next((node for node in self.ancestors if isinstance(node, QuestionView)), None)
        if view is not None:
            view.all_open = True


class QuestionView(Vertical):
    """The prompt and the parts revealed so far; the newest part is open and scrolled into view.

    The folded prompt line stays above the scrolling area, so the question's first line is always on screen.
    """

    DEFAULT_CSS = """
    QuestionView {
        height: auto;
        padding: 0 1;

        PromptLine {
            display: none;
        }

        &.-prompt-folded {
            PromptLine {
                display: block;
            }

            #prompt {
                display: none;
            }

            #parts {
                margin-top: 0;
            }
        }

        #question-scroll {
            height: auto;
            max-height: 45vh;
        }

        #parts {
            height: auto;
            margin-top: 1;

            &.-empty {
                display: none;
            }
        }
    }
    """

    all_open: var[bool] = var(False, init=False)
    """Every part open, the prompt too, scrolling as needed (Ctrl+O); else folded as much as the space needs."""

    class Fitted(Message):
        """The view has laid out what it shows: whether it can scroll may have changed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._prompt = ""
        self._parts: tuple[RevealedPart, ...] = ()
        self._level = FoldLevel.NONE
        self._fitted_for = Size(0, 0)
        self.fitting = False
        """A layout is under way: folding takes a refresh per level, and :class:`Fitted` comes at the end."""

    def compose(self) -> ComposeResult:
        yield PromptLine(id="prompt-line")
        with VerticalScroll(id="question-scroll", can_focus=False):
            yield Static(id="prompt")
            yield Vertical(id="parts", classes="-empty")

    @property
    def parts(self) -> tuple[RevealedPart, ...]:
        return self._parts

    @property
    def scroller(self) -> VerticalScroll:
        return self.query_one("#question-scroll", VerticalScroll)

    @property
    def folds(self) -> bool:
        """Whether Ctrl+O has something to do: parts are folded, or all were opened and can fold again."""
        return self.all_open or self._level > FoldLevel.NONE

    @property
    def can_scroll(self) -> bool:
        return self.scroller.max_scroll_y > 0

    def show(self, prompt: str, parts: tuple[RevealedPart, ...]) -> None:
        """Show ``prompt`` and the ``parts`` revealed after it; a new prompt starts again at the top, all unfolded."""
        if prompt != self._prompt:
            self._prompt, self._parts = prompt, ()
            self.query_one("#prompt", Static).update(pack_markdown(prompt))
            self.query_one(PromptLine).update(escape(f"{FOLDED_SYMBOL} Part 1 · {one_line(prompt)}"))
            self.query_one("#parts", Vertical).remove_children()
            self._fold(FoldLevel.NONE)
            self.set_reactive(QuestionView.all_open, False)
            self.scroller.scroll_home(animate=False, immediate=True)
            self.fitting = True
            self.call_after_refresh(self._fitted)
        if parts == self._parts:
            return
        container = self.query_one("#parts", Vertical)
        shown = self._parts
        self._parts = parts
        container.set_class(not parts, "-empty")
        if parts[: len(shown)] != shown:  # not the same question's parts plus new ones: start again
            container.remove_children()
            shown = ()
        container.mount(*(PartView(part, collapsed=False) for part in parts[len(shown) :]))
        self.fitting = True
        self.call_after_refresh(self._refit)

    def watch_all_open(self) -> None:
        self.fitting = True
        self.call_after_refresh(self._refit)

    def on_resize(self) -> None:
        """A new terminal size fits more or less: fold again (changes of this view's own height are not one)."""
        if self._parts and self.app.size != self._fitted_for and not self.fitting:
            self.fitting = True
            self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        """Lay the parts out again from everything open, folding only as much as the space needs."""
        self._fitted_for = self.app.size
        self._fold(FoldLevel.NONE)
        self.call_after_refresh(self._fit)

    def _fold(self, level: FoldLevel) -> None:
        self._level = level
        views = list(self.query(PartView))
        for number, view in enumerate(views, start=1):
            newest = number == len(views)
            view.set_class(newest, "-newest")
            view.collapsed = not newest and level >= FoldLevel.EARLIER_PARTS
        self.set_class(level >= FoldLevel.PROMPT_TOO, "-prompt-folded")

    def _fit(self) -> None:
        """Fold one level more while everything cannot fit (unless all are open), then show the newest part."""
        views = list(self.query(PartView))
        scroller = self.scroller
        if views and not self.all_open and scroller.max_scroll_y > 0 and self._level < FoldLevel.PROMPT_TOO:
            self._fold(FoldLevel(self._level + 1))
            self.call_after_refresh(self._fit)
            return
        if views:
            newest = views[-1]
            too_tall = newest.outer_size.height > scroller.size.height  # then show where it starts
            scroller.scroll_to_widget(newest, animate=False, immediate=True, top=too_tall)
        self._fitted()

    def _fitted(self) -> None:
        self.fitting = False
        self.post_message(self.Fitted())

    def scroll_lines(self, lines: int) -> None:
        """Scroll the question by ``lines`` (negative: up), from the keyboard while the answer box keeps the focus."""
        self.scroller.scroll_relative(y=lines, animate=False, immediate=True)
