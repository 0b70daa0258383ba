"""A list of options that is part of a scrolling page (a report's questions, a review's talking points).

A plain ``OptionList`` scrolls inside itself; placed in a page below a summary, it either nests a second
scrollbar or, grown to its content, lets the highlight move where nobody can see it. This one grows to its
content and keeps the highlight and the page together:

* moving the highlight (arrows) scrolls the *page* so the highlighted option is in view;
* PageUp / PageDown / Home / End scroll the page, and the highlight moves to an option that is in view, or
  clears when none is, so Enter never acts on an option the candidate cannot see.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.geometry import Region
from textual.widgets import OptionList


class PageOptions(OptionList):
    """An option list inside a scrolling page, whose highlight is always on screen (or cleared)."""

    DEFAULT_CSS = """
    PageOptions {
        height: auto;
        border: none;
        max-height: 1000000;  /* no cap: the page scrolls, the list grows */
        scrollbar-size-vertical: 0;
    }
    """
    BINDINGS = [
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "page_end(-1)", "Top", show=False),
        Binding("end", "page_end(1)", "Bottom", show=False),
    ]

    @property
    def page(self) -> ScrollableContainer | None:
        """The scrolling container this list is part of."""
        return next((node for node in self.ancestors if isinstance(node, ScrollableContainer)), None)

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll the page, not the list, so that the highlighted option shows."""
        page, region = self.page, self._option_region(self.highlighted)
        if page is None or region is None:
            super().scroll_to_highlight(top)
            return
        page.scroll_to_region(region, animate=False, immediate=True, top=top, force=True)

    def action_select(self) -> None:
        """Enter with nothing highlighted (the options are out of view) brings the first option into view."""
        if self.highlighted is None and self.option_count:
            self.highlighted = 0
            return
        super().action_select()

    def action_page(self, direction: int) -> None:
        page = self.page
        if page is None:  # not in a page: the list pages through itself
            self.action_cursor_down() if direction > 0 else self.action_cursor_up()
            return
        step = page.scrollable_content_region.height * direction
        page.scroll_to(y=page.scroll_y + step, animate=False, immediate=True, force=True)
        self.keep_highlight_in_view(prefer_last=direction > 0 and page.scroll_y >= page.max_scroll_y)

    def action_page_end(self, direction: int) -> None:
        page = self.page
        if page is None:
            super().action_last() if direction > 0 else super().action_first()
            return
        page.scroll_to(y=page.max_scroll_y if direction > 0 else 0, animate=False, immediate=True, force=True)
        self.keep_highlight_in_view(prefer_last=direction > 0)

    def keep_highlight_in_view(self, *, prefer_last: bool = False) -> None:
        """Leave the highlight where it is if it shows; else move it to the first option in view (the last one,
        at the bottom of the page), or clear it when no option is in view."""
        page = self.page
        if page is None or not self.option_count:
            return
        window = Region(0, round(page.scroll_y), page.size.width, page.scrollable_content_region.height)
        visible = [
            index
            for index in range(self.option_count)
            if (region := self._option_region(index)) is not None and window.contains_region(region)
        ]
        if self.highlighted in visible:
            return
        if not visible:
            self.highlighted = None
            return
        target = visible[-1] if prefer_last else visible[0]
        self.set_reactive(OptionList.highlighted, target)  # already in view: no scrolling to it
        self.refresh()

    def _option_region(self, index: int | None) -> Region | None:
        """Where option ``index`` sits in the page's scrollable area, or None."""
        page = self.page
        if index is None or page is None or not self.is_mounted:
            return None
        self._update_lines()
        line = self._index_to_line.get(index)
        if line is None:
            return None
        top = self.virtual_region.y + self.gutter.top + line
        return Region(0, top, page.size.width, self._heights[index])
