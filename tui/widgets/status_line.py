"""StatusLine: one line of text that repaints without asking the screen to re-lay out.

`Static.update` requests a layout pass (its size might change); a status line's
size never does, so updating it on every keystroke or cursor move stays cheap.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class StatusLine(Widget):
    """A fixed one-line widget showing a Rich `Text` (never markup)."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
    }
    """

    def __init__(self, text: Text | None = None, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text or Text("")

    @property
    def text(self) -> Text:
        return self._text

    def update(self, text: Text) -> None:
        """Show `text`; repaint only when it changed."""
        if text == self._text or (
            text.plain == self._text.plain and text.spans == self._text.spans and text.style == self._text.style
        ):
            return
        self._text = text
        self.refresh()

    def render(self) -> Text:
        return self._text
