"""PaneBar: the one-line tab strip naming the panes, the active one and the speaker lens."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Static

from sayso.tui.widgets.pane_list import plain

#: Pane ids in tab order, with the label shown for each.
PANES: tuple[tuple[str, str], ...] = (
    ("documents", "Documents"),
    ("speakers", "Speakers"),
    ("search", "Search"),
    ("reader", "Reader"),
    ("quotes", "Quotes"),
)


class PaneBar(Static):
    """Shows `1 Documents  2 Speakers  3 Search  4 Reader`, the active pane marked."""

    COMPONENT_CLASSES = {"pane-bar--active", "pane-bar--key", "pane-bar--lens"}

    class PaneClicked(Message):
        """A pane's name was clicked (the mouse is an extra: every pane also has its key)."""

        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.active = "documents"
        self.lens: str | None = None
        #: (first column, end column, pane) of each pane's name on the bar
        self._spans: list[tuple[int, int, str]] = []

    def set_state(self, active: str, lens: str | None) -> None:
        self.active = active
        self.lens = lens
        self.refresh_bar()

    def refresh_bar(self) -> None:
        bar = Text(" sayso ", style="bold", end="")
        self._spans = []
        for number, (pane, label) in enumerate(PANES, 1):
            bar.append(" ")
            start = len(bar)
            bar.append(str(number), style=self.get_component_rich_style("pane-bar--key", partial=True))
            style = self.get_component_rich_style("pane-bar--active", partial=True) if pane == self.active else ""
            bar.append(f" {label} ", style=style)
            self._spans.append((start, len(bar), pane))
        if self.lens:
            bar.append("  lens: ", style=self.get_component_rich_style("pane-bar--lens", partial=True))
            bar.append_text(plain(self.lens, style=self.get_component_rich_style("pane-bar--lens", partial=True)))
            bar.append(" (x clears)", style="dim")
        self.update(bar)

    def on_mount(self) -> None:
        self.refresh_bar()

    def on_click(self, event: events.Click) -> None:
        for start, end, pane in self._spans:
            if start <= event.x < end:
                event.stop()
                self.post_message(self.PaneClicked(pane))
                return

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self.refresh_bar()
