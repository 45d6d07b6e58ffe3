"""QuotesPane: every quote with its speaker, document, tags, note and date; filter, sort and act.

The filter box takes words (typo-tolerant) plus `tag:`, `#tag`, `speaker:`,
`doc:`, `by:` and `is:review`; `s` cycles the order and `b` picks whose quotes
are listed (a `by:` facet).  enter jumps to the quote in its
document, `e` edits the note, `t` the tags, `d` deletes (u undoes).  On a quote
needing review `r` takes the suggested place and `D` keeps it detached
(the main screen settles it); enter opens it for placing by hand.  When the
quotes come from more than one person (a shared archive), each row names who
made it and who changed it last (`alice→bob`); a private note is marked.  The
pane only posts messages; the screen fetches quotes and carries the actions out.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar, Self

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from sayso.corpus.models import Quote
from sayso.tui.widgets.pane_list import PaneList, plain
from sayso.tui.widgets.review import review_parts
from sayso.tui.widgets.safe_input import SafeInput

#: Orders `s` cycles through; "match" only while words are typed in the filter.
SORTS = ("newest", "oldest", "document", "speaker")


#: Characters of a person's name shown in a row.
NAME_CHARS = 20


def authors(quote: Quote) -> str:
    """Who made the quote and who changed it last, compactly: "alice", or "alice→bob" ("" when unknown)."""
    made, changed = quote.created_by[:NAME_CHARS], quote.modified_by[:NAME_CHARS]
    if changed and changed != made:
        return f"{made or '?'}→{changed}"
    return made


def quote_lines(quote: Quote, title: str, *, people: bool = False) -> tuple[Text, Text]:
    """The quoted words, then [who ·] [private note ·] speaker · document · #tags · note · date (review marked).

    With `people`, the detail line starts with who made and last changed the quote (`authors`).
    """
    first = Text(end="")
    if quote.status != "anchored":
        first.append("⚠ review ", style="bold")
    first.append_text(plain(f"\u201c{quote.exact}\u201d", style="italic"))
    parts = [quote.speaker or "no speaker", title or quote.document]
    if quote.private:
        parts.insert(0, "private note")
    if people and authors(quote):
        parts.insert(0, authors(quote))
    if quote.status != "anchored":
        parts[:0] = review_parts(quote)
    if quote.tags:
        parts.append(" ".join(f"#{t}" for t in quote.tags))
    if quote.note:
        parts.append(" ".join(quote.note.split()))
    parts.append(quote.created[:10])
    return first, plain("  " + " · ".join(parts), style="dim")


#: A `by:` facet in the filter line (its value bare or in double quotes).
_BY_FACET = re.compile(r'(?i)(?<!\S)by:(?:"[^"]*"?|\S*)')


def with_person(line: str, facet: str) -> str:
    """The filter `line` with its `by:` facets replaced by `facet` ("" drops them)."""
    kept = " ".join(_BY_FACET.sub(" ", line).split())
    return " ".join(part for part in (kept, facet) if part)


#: What the Quotes list says when quotes exist but the filter matches none.
NO_MATCH = "No quotes match this filter."


class QuoteList(PaneList):
    """The rows of the Quotes pane."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,o", "select", "Go to quote", id="quotes.jump"),
        Binding("e", "edit_note", "Edit note", id="quotes.edit"),
        # e edits here, so export (e everywhere else) is E: the pane that lists the quotes can send them out.
        Binding("E", "screen.export", "Export", id="quotes.export"),
        Binding("t", "edit_tags", "Tags", id="quotes.retag"),
        Binding("d,delete", "delete", "Delete", id="quotes.delete"),
        Binding("s", "sort", "Sort", id="quotes.sort"),
        Binding("b", "by_person", "By person", show=False, id="quotes.by_person"),
        Binding("f,slash", "filter", "Filter", show=False, id="quotes.filter"),
        Binding("y", "copy", "Copy", show=False, id="quotes.copy_row"),
        Binding("r", "accept_suggestion", "Re-attach to suggestion", show=False, id="quotes.review_accept"),
        Binding("D", "keep_detached", "Keep detached", show=False, id="quotes.review_detach"),
    ]

    empty_text = "No quotes yet: in the reader, v selects and m keeps a quote."

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.quotes: list[Quote] = []
        self.titles: dict[str, str] = {}
        self._lines: dict[int, tuple[Text, Text]] = {}
        #: rows name who made and changed each quote
        self.people = False

    def row_lines(self, index: int) -> tuple[Text, Text]:
        lines = self._lines.get(index)
        if lines is None:
            quote = self.quotes[index]
            lines = self._lines[index] = quote_lines(quote, self.titles.get(quote.document, ""), people=self.people)
        return lines

    def set_quotes(
        self, quotes: list[Quote], titles: dict[str, str], *, people: bool = False, want: str | None = None
    ) -> None:
        """List `quotes`, keeping the highlighted one highlighted (or `want`, a quote just kept, if listed)."""
        keep = self.highlighted_quote.id if self.highlighted_quote else None
        if want is not None and any(q.id == want for q in quotes):
            keep = want
        self.quotes = quotes
        self.titles = titles
        self.people = people
        self._lines.clear()
        ids = [q.id for q in quotes]
        self.set_row_count(len(quotes), ids.index(keep) if keep in ids else 0)

    @property
    def highlighted_quote(self) -> Quote | None:
        if self.highlighted is None or self.highlighted >= len(self.quotes):
            return None
        return self.quotes[self.highlighted]

    def watch_highlighted(self, value: int | None) -> None:
        super().watch_highlighted(value)
        self.post_message(QuotesPane.Highlighted(self.highlighted_quote))

    def _act(self, message: type[QuotesPane.QuoteAction]) -> None:
        quote = self.highlighted_quote
        if quote is not None:
            self.post_message(message(quote))

    def action_edit_note(self) -> None:
        self._act(QuotesPane.EditNote)

    def action_edit_tags(self) -> None:
        self._act(QuotesPane.EditTags)

    def action_delete(self) -> None:
        self._act(QuotesPane.Delete)

    def action_copy(self) -> None:
        self._act(QuotesPane.Copy)

    def action_accept_suggestion(self) -> None:
        self._act(QuotesPane.AcceptSuggestion)

    def action_keep_detached(self) -> None:
        self._act(QuotesPane.KeepDetached)

    def action_sort(self) -> None:
        pane = self.parent
        if isinstance(pane, QuotesPane):
            pane.cycle_sort()

    def action_filter(self) -> None:
        pane = self.parent
        if isinstance(pane, QuotesPane):
            pane.filter_input.focus()

    def action_by_person(self) -> None:
        """Choose whose quotes are listed (the screen offers the people who made or changed quotes)."""
        self.post_message(QuotesPane.PersonWanted())

    def on_pane_list_selected(self, event: PaneList.Selected) -> None:
        event.stop()
        if event.index < len(self.quotes):
            self.post_message(QuotesPane.GoTo(self.quotes[event.index]))


class QuotesPane(Vertical):
    """Filter box, status line and the list of quotes."""

    class FilterChanged(Message):
        """The filter line changed (or the pane wants its quotes again)."""

        def __init__(self, line: str) -> None:
            super().__init__()
            self.line = line

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, QuotesPane.FilterChanged)

    class Highlighted(Message):
        """The highlighted row changed (the screen shows a needing-review quote's details)."""

        def __init__(self, quote: Quote | None) -> None:
            super().__init__()
            self.quote = quote

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, QuotesPane.Highlighted)

    class PersonWanted(Message):
        """The user wants to choose whose quotes are listed (`b`)."""

    class QuoteAction(Message):
        """The user asked for something to be done to `quote` (each subclass names one action)."""

        def __init__(self, quote: Quote) -> None:
            super().__init__()
            self.quote = quote

    class GoTo(QuoteAction):
        """Open the quote's document at its words (a quote needing review: to place it by hand)."""

    class EditNote(QuoteAction):
        """Edit the quote's note."""

    class EditTags(QuoteAction):
        """Edit the quote's tags."""

    class Delete(QuoteAction):
        """Delete the quote (u undoes)."""

    class Copy(QuoteAction):
        """Copy the quote with its citation."""

    class AcceptSuggestion(QuoteAction):
        """Re-attach a quote needing review to its suggested place."""

    class KeepDetached(QuoteAction):
        """Keep a quote needing review detached: its words stay, unplaced."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sort = "newest"
        self._quotes: list[Quote] = []
        self._titles: dict[str, str] = {}
        self._matching = False
        #: a quote just kept, to highlight when the list next holds it
        self._wanted: str | None = None
        #: the library is a shared archive: rows always name who made and changed each quote
        self.team = False

    def compose(self) -> ComposeResult:
        yield SafeInput(placeholder="filter: words  tag:T  speaker:S  doc:D  by:P  is:review", id="quotes-filter")
        yield Static("", id="quotes-status", markup=False)
        yield QuoteList(id="quote-list")

    @property
    def filter_input(self) -> Input:
        return self.query_one("#quotes-filter", Input)

    @property
    def quote_list(self) -> QuoteList:
        return self.query_one(QuoteList)

    @property
    def line(self) -> str:
        return self.filter_input.value

    def set_person(self, facet: str) -> None:
        """Filter by the `by:` `facet` given ("" lists everyone's quotes again); the list is fetched anew."""
        self.filter_input.value = with_person(self.line, facet)

    def focus(self, scroll_visible: bool = True) -> Self:
        """Focus the list (the filter when there is nothing to list yet)."""
        self.quote_list.focus(scroll_visible)
        return self

    def on_show(self) -> None:
        """Fetch the quotes afresh whenever the pane comes into view."""
        self.post_message(self.FilterChanged(self.line))

    @on(Input.Changed, "#quotes-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.FilterChanged(event.value))

    @on(Input.Submitted, "#quotes-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.quote_list.focus()

    def highlight_when_listed(self, quote_id: str) -> None:
        """Highlight quote `quote_id` (just kept) when a list holding it next arrives, not the one highlighted."""
        self._wanted = quote_id

    def show_quotes(
        self, quotes: list[Quote], titles: dict[str, str], *, matching: bool, error: str = "", any_quotes: bool = True
    ) -> None:
        """List `quotes` (best match first when `matching`), sorted by the chosen order.

        With none listed, the list says the filter matched none, or (`any_quotes` false) how to keep a first quote.
        """
        self.quote_list.empty_text = QuoteList.empty_text if not any_quotes else NO_MATCH
        self._quotes, self._titles, self._matching = quotes, titles, matching
        self._redraw(error)

    def cycle_sort(self) -> None:
        order = (("match",) if self._matching else ()) + SORTS
        self.sort = order[(order.index(self.sort) + 1) % len(order)] if self.sort in order else order[0]
        self._redraw()

    def _sorted(self) -> list[Quote]:
        quotes = list(self._quotes)
        if self.sort == "match" and self._matching:
            return quotes
        if self.sort == "newest":
            quotes.sort(key=lambda q: (q.created, q.id), reverse=True)
        elif self.sort == "oldest":
            quotes.sort(key=lambda q: (q.created, q.id))
        elif self.sort == "document":
            quotes.sort(key=lambda q: (self._titles.get(q.document, q.document).casefold(), q.start))
        elif self.sort == "speaker":
            quotes.sort(key=lambda q: ((q.speaker or "").casefold(), q.created))
        return quotes

    def _redraw(self, error: str = "") -> None:
        if self.sort == "match" and not self._matching:
            self.sort = "newest"
        quotes = self._sorted()
        people = self.team or len({name for q in quotes for name in (q.created_by, q.modified_by) if name}) > 1
        self.quote_list.set_quotes(quotes, self._titles, people=people, want=self._wanted)
        if self._wanted is not None and any(q.id == self._wanted for q in quotes):
            self._wanted = None
        review = sum(1 for q in quotes if q.status != "anchored")
        status = f"{len(quotes)} quote{'s' if len(quotes) != 1 else ''} · sort: {self.sort} (s)"
        if review:
            status += f" · {review} need review"
        if error:
            status = error
        self.query_one("#quotes-status", Static).update(plain(status, style="dim"))
