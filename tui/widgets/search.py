"""SearchPane: a query box over live ranked results, each with its keyword in context."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

from sayso.corpus.models import Hit
from sayso.tui.navigation import densest_match
from sayso.tui.widgets.pane_list import PaneList, plain
from sayso.tui.widgets.safe_input import SafeInput
from sayso.tui.widgets.status_line import StatusLine
from sayso.tui.widgets.transcript import format_time

#: Characters of context shown before the first matched word.
CONTEXT_BEFORE = 24
#: Characters shown in the keyword-in-context line.
CONTEXT_LENGTH = 160
#: How long the screen may wait, after a keystroke changed the query, for that query's results,
#: so that the typed character and its results are painted in one frame.  Otherwise the echo
#: takes a frame of its own and the results wait for the next one (Textual leaves one to two
#: frame intervals between frames).  A slower search lets the echo through when this passes.
ECHO_HOLD = 0.015


def kwic(hit: Hit) -> Text:
    """The hit's text around its best match (see `densest_match`), matched words highlighted, on one logical line."""
    text = hit.text
    spans = sorted((max(0, a), min(len(text), b)) for a, b in hit.spans if b > a) or [(0, 0)]
    # Around the place where most of the query's words stand together, not merely the first match.
    focus = densest_match(text, spans, CONTEXT_LENGTH - CONTEXT_BEFORE)
    start = max(0, focus - CONTEXT_BEFORE)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < focus else start
    end = min(len(text), start + CONTEXT_LENGTH)
    line = Text("…" if start else "", style="dim", end="")
    cursor = start
    for a, b in spans:
        if a >= end or b <= cursor:
            continue
        a = max(a, cursor)
        line.append_text(plain(text[cursor:a].replace("\n", " ")))
        line.append_text(plain(text[a : min(b, end)].replace("\n", " "), style="bold reverse"))
        cursor = min(b, end)
    line.append_text(plain(text[cursor:end].replace("\n", " ")))
    if end < len(text):
        line.append("…", style="dim")
    return line


#: The tag that starts the second line of a hit found only by meaning (no word of the query is in it).
MEANING_TAG = "≈ by meaning"


def hit_lines(hit: Hit, meaning_style: Style | str = "italic") -> tuple[Text, Text]:
    """Speaker, document and time on the first line; the keyword in context below.

    A hit found only by meaning says so at the start of its second line, in `meaning_style`.
    """
    head = plain(hit.speaker or "(no speaker)", style="bold")
    head.append(" · ", style="dim")
    head.append_text(plain(hit.title, style="italic"))
    stamp = format_time(hit.start)
    if stamp:
        head.append(" " + stamp, style="dim")
    context = Text("  ", end="")
    if hit.match == "meaning":
        context.append(MEANING_TAG, style=meaning_style)
        context.append(" ")
    context.append_text(kwic(hit))
    return head, context


class HitList(PaneList):
    """Search results, two lines each; enter opens one in the reader."""

    COMPONENT_CLASSES = {"hit-list--meaning"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,o", "select", "Open hit", id="search.open"),
        Binding("n", "cursor(1)", "Next hit", show=False, id="search.next"),
        Binding("N", "cursor(-1)", "Prev hit", show=False, id="search.previous"),
    ]

    empty_text = "No results."

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.hits: list[Hit] = []
        self._lines: dict[int, tuple[Text, Text]] = {}

    def show(self, hits: list[Hit]) -> None:
        self.hits = hits
        self._lines.clear()
        self.set_row_count(len(hits), 0)

    def row_lines(self, index: int) -> tuple[Text, Text]:
        lines = self._lines.get(index)
        if lines is None:
            style = self.get_component_rich_style("hit-list--meaning", partial=True)
            lines = self._lines[index] = hit_lines(self.hits[index], style)
        return lines

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()  # the meaning tag's style is in them (a theme change restyles it)


class SearchPane(Vertical):
    """Query box, a one-line status and the result list.  Posts `QueryChanged` and `HitChosen`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # In the query box, as in fzf: the arrows move through the hits and enter opens one.
        Binding("down,ctrl+n", "move(1)", "Next hit", show=False, id="search.results"),
        Binding("up,ctrl+p", "move(-1)", "Previous hit", show=False, id="search.results.up"),
        Binding(
            "ctrl+g",
            "meaning",
            "By meaning",
            id="search.meaning",
            tooltip="Blend in passages close in meaning to the query (typing again returns to word search)",
        ),
    ]

    class QueryChanged(Message):
        """The query text changed; only the latest one matters."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SearchPane.QueryChanged)

    class MeaningRequested(Message):
        """The user asked for meaning results for the query in the box."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class HitChosen(Message):
        """The user opened a result."""

        def __init__(self, hit: Hit, index: int) -> None:
            super().__init__()
            self.hit = hit
            self.index = index

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.hits: list[Hit] = []
        #: The query whose results are listed (not `query`: that is DOMNode.query()).
        self.shown_query = ""
        self._held: AbstractContextManager[None] | None = None
        self._hold_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield SafeInput(placeholder="search (typos ok)", id="query")
        yield StatusLine(id="search-status")
        yield HitList(id="hits")

    def on_mount(self) -> None:
        # A watcher runs as the value changes, before the screen can paint the echo.
        self.watch(self.query_input, "value", self._hold_paint, init=False)

    def on_unmount(self) -> None:
        self._release_paint()

    def _hold_paint(self, _value: str) -> None:
        """Hold painting until this query's results are shown, or ECHO_HOLD passes."""
        if self._held is None:
            self._held = self.app.batch_update()
            self._held.__enter__()
            self._hold_timer = self.set_timer(ECHO_HOLD, self._release_paint, name="echo-hold")

    def _release_paint(self) -> None:
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        if self._held is not None:
            held, self._held = self._held, None
            held.__exit__(None, None, None)

    @property
    def holding_paint(self) -> bool:
        """Whether painting is held for the latest keystroke's results (see ECHO_HOLD)."""
        return self._held is not None

    @property
    def query_input(self) -> Input:
        return self.query_one("#query", Input)

    @property
    def results(self) -> HitList:
        return self.query_one("#hits", HitList)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.QueryChanged(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """enter in the query box opens the highlighted hit."""
        event.stop()
        index = self.results.highlighted
        if self.hits and index is not None:
            self.post_message(self.HitChosen(self.hits[index], index))

    def action_move(self, step: int) -> None:
        """Move the highlight through the hits; focus stays in the query box."""
        self.results.action_cursor(step)

    def action_meaning(self) -> None:
        """Ask for the query's meaning results to be blended in."""
        self.post_message(self.MeaningRequested(self.query_input.value))

    def action_focus_results(self) -> None:
        if self.hits:
            self.results.focus()

    def show_hits(self, query: str, hits: list[Hit], status: str) -> None:
        """Replace the results with `hits` for `query`."""
        self.shown_query = query
        self.hits = hits
        self.results.show(hits)
        self.set_status(status)
        if query == self.query_input.value:
            self._release_paint()

    def set_status(self, status: str) -> None:
        self.query_one("#search-status", StatusLine).update(plain(status))

    def on_pane_list_selected(self, event: PaneList.Selected) -> None:
        event.stop()
        self.post_message(self.HitChosen(self.hits[event.index], event.index))
