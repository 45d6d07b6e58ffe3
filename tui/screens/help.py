"""HelpScreen: the keys that work right now, generated from the live bindings of the focused pane."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

#: Where each binding owner is described in the help table.
_SECTION_NAMES = {
    "TranscriptView": "Reader",
    "QuoteReader": "Reader",
    "QuoteList": "Quotes",
    "TagInput": "Tags",
    "DocumentsPane": "Documents",
    "SpeakersPane": "Speakers",
    "HitList": "Search results",
    "SearchPane": "Search",
    "Input": "Query box",
    "MainScreen": "Everywhere",
    "SaysoApp": "Everywhere",
}


#: Inherited actions that mean nothing in sayso (no horizontal scrolling anywhere).
_HIDDEN_ACTIONS = {"scroll_left", "scroll_right", "page_left", "page_right"}


def _section(node: DOMNode) -> str:
    return _SECTION_NAMES.get(type(node).__name__, type(node).__name__)


def help_table(bindings: dict[str, ActiveBinding], key_display: Callable[[Binding], str]) -> Table:
    """A table of key → description, grouped by where the binding lives (innermost first)."""
    grouped: dict[str, dict[tuple[str, str], list[str]]] = {}
    for key, active in bindings.items():
        binding = active.binding
        if not binding.description or not active.enabled or binding.action in _HIDDEN_ACTIONS:
            continue
        rows = grouped.setdefault(_section(active.node), {})
        keys = rows.setdefault((binding.action, binding.tooltip or binding.description), [])
        shown = key_display(Binding(key, binding.action, binding.description))
        if shown not in keys:
            keys.append(shown)
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    for section, entries in grouped.items():
        table.add_row(Text(section, style="underline"), "")
        for (_, description), keys in entries.items():
            table.add_row(Text(" ".join(keys)), Text(description))
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    """A modal listing the keys of the focused pane, then the screen-wide and app-wide ones."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close"),
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="help.down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="help.up"),
    ]

    def __init__(self, bindings: dict[str, ActiveBinding], focused: Widget | None) -> None:
        super().__init__()
        self.bindings = bindings
        self.focused_name = _section(focused) if focused is not None else "Everywhere"

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(Text(f"Keys in {self.focused_name}", style="bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(help_table(self.bindings, self.app.get_key_display), id="help-table")
            yield Static(Text("escape closes · ctrl+p finds any action", style="dim"), id="help-hint")

    def action_scroll_down(self) -> None:
        self.query_one("#help-body").scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#help-body").scroll_up(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
