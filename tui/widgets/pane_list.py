"""PaneList: the keyboard-first option list every side pane is built on."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList

from corpus.safety import visible


def plain(text: str | None, *, style: str = "") -> Text:
    """Untrusted text as a Rich Text: never parsed as markup, controls made visible, one line."""
    return Text(visible(text or "", keep_newlines=False).replace("\t", " "), style=style, end="")


class PaneList(OptionList):
    """An OptionList with vim-style movement; prompts are always `Text`, never markup strings."""

    BINDINGS: list[BindingType] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "First", show=False, id="list.first"),
        Binding("G", "last", "Last", show=False, id="list.last"),
        Binding("ctrl+d", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("ctrl+u", "page_up", "Page up", show=False, id="list.page_up"),
    ]
