"""PaneList: the keyboard-first, virtualised list every side pane is built on.

Each row is a fixed two lines drawn on demand (Line API), so listing a
thousand documents or replacing a hundred search results costs nothing until
rows scroll into view; rows are cropped to the width with an ellipsis instead
of being measured and wrapped up front.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from sayso.corpus.safety import visible

#: Lines per row: a title line and a detail line.
ROW_HEIGHT = 2


def plain(text: str | None, *, style: str | Style = "") -> Text:
    """Untrusted text as a Rich Text: never parsed as markup, controls made visible, one line."""
    return Text(visible(text or "", keep_newlines=False).replace("\t", " "), style=style, end="")


class PaneList(ScrollView, can_focus=True, inherit_bindings=False):
    """A list of two-line rows with a highlighted one; subclasses implement `row_lines`."""

    COMPONENT_CLASSES = {"pane-list--highlight", "pane-list--empty"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor(1)", "Down", show=False, id="list.down"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="list.up"),
        Binding("g,home", "first", "First", show=False, id="list.first"),
        Binding("G,end", "last", "Last", show=False, id="list.last"),
        Binding("pagedown,ctrl+d", "page(1)", "Page down", show=False, id="list.page_down"),
        Binding("pageup,ctrl+u", "page(-1)", "Page up", show=False, id="list.page_up"),
    ]

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    class Selected(Message):
        """Enter was pressed on row `index`."""

        def __init__(self, pane: PaneList, index: int) -> None:
            super().__init__()
            self.pane = pane
            self.index = index

    #: Shown when the list is empty.
    empty_text = "Nothing here yet."

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.row_count = 0
        self._strips: OrderedDict[tuple[int, int, int, bool, bool], Strip] = OrderedDict()
        #: (base, highlighted row, empty text) styles; computing a widget's style walks the DOM,
        #: too slow to repeat for every line of every frame, so it is kept until the styles change.
        self._styles: tuple[Style, Style, Style] | None = None

    # -- contents --------------------------------------------------------------------
    def row_lines(self, index: int) -> tuple[Text, Text]:
        """The two lines of row `index` (override)."""
        raise NotImplementedError

    def set_row_count(self, count: int, highlighted: int | None = 0) -> None:
        """Show `count` rows (call after the data behind `row_lines` changed)."""
        self.row_count = count
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, max(1, count) * ROW_HEIGHT)
        self.highlighted = None if not count or highlighted is None else max(0, min(highlighted, count - 1))
        self.refresh()

    @property
    def option_count(self) -> int:
        return self.row_count

    # -- movement ----------------------------------------------------------------------
    def validate_highlighted(self, value: int | None) -> int | None:
        if value is None or not self.row_count:
            return None
        return max(0, min(value, self.row_count - 1))

    def watch_highlighted(self, value: int | None) -> None:
        self._strips.clear()
        self._keep_highlighted_in_view()
        self.refresh()

    def _keep_highlighted_in_view(self) -> None:
        """Scroll so the highlighted row shows; a hidden pane (no height yet) waits for its resize."""
        value = self.highlighted
        height = self.scrollable_content_region.height
        if value is None or not self.is_mounted or height <= 0:
            return
        top = value * ROW_HEIGHT
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True, force=True)
        elif top + ROW_HEIGHT > self.scroll_y + height:
            self.scroll_to(y=top + ROW_HEIGHT - height, animate=False, immediate=True, force=True)

    def action_cursor(self, step: int) -> None:
        if self.row_count:
            self.highlighted = (self.highlighted or 0) + step if self.highlighted is not None else 0

    def action_first(self) -> None:
        if self.row_count:
            self.highlighted = 0

    def action_last(self) -> None:
        if self.row_count:
            self.highlighted = self.row_count - 1

    def action_page(self, direction: int) -> None:
        if self.row_count:
            rows = max(1, self.scrollable_content_region.height // ROW_HEIGHT)
            self.highlighted = (self.highlighted or 0) + direction * rows

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        """A click highlights the row under the mouse, a double click opens it (the keys do the same)."""
        row = int(event.y + self.scroll_y) // ROW_HEIGHT
        if not 0 <= row < self.row_count:
            return
        event.stop()
        self.focus()
        self.highlighted = row
        if event.chain >= 2:
            self.action_select()

    # -- drawing -------------------------------------------------------------------------
    def on_resize(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, max(1, self.row_count) * ROW_HEIGHT)
        self._keep_highlighted_in_view()

    def on_focus(self) -> None:
        self._forget_drawing()
        self.refresh()

    def on_blur(self) -> None:
        self._forget_drawing()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_drawing()

    def _forget_drawing(self) -> None:
        self._strips.clear()
        self._styles = None

    def _row_styles(self) -> tuple[Style, Style, Style]:
        if self._styles is None:
            base = self.rich_style
            self._styles = (
                base,
                base + self.get_component_rich_style("pane-list--highlight", partial=True),
                base + self.get_component_rich_style("pane-list--empty", partial=True),
            )
        return self._styles

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base, _, empty = self._row_styles()
        absolute = int(self.scroll_y) + y
        if not self.row_count:
            if absolute == 0:
                text = Text(self.empty_text, end="")
                text.truncate(width, overflow="ellipsis")
                return Strip([Segment(text.plain, empty)]).extend_cell_length(width, base)
            return Strip.blank(width, base)
        index, line = divmod(absolute, ROW_HEIGHT)
        if index >= self.row_count:
            return Strip.blank(width, base)
        current = index == self.highlighted
        key = (index, line, width, current, self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._draw(index, line, width, current)
            self._strips[key] = strip
            if len(self._strips) > 400:
                self._strips.popitem(last=False)
        return strip

    def _draw(self, index: int, line: int, width: int, current: bool) -> Strip:
        plain_style, highlighted, _ = self._row_styles()
        base = highlighted if current else plain_style
        text = self.row_lines(index)[line].copy()
        text.truncate(max(1, width - 1), overflow="ellipsis")
        segments = [Segment("›" if current else " ", base)] + [
            Segment(seg.text, base + seg.style if seg.style else base) for seg in text.render(self.app.console, end="")
        ]
        return Strip(segments).crop(0, width).extend_cell_length(width, base)
