"""ReviewActions: settling quotes that need review, without leaving the app (a mixin of MainScreen).

A quote whose document changed too much to re-anchor it is never moved
silently.  From the Quotes pane the user accepts the suggested place (`r`),
keeps it detached (`D`), or opens the document at the suggested (else stored)
place; there the reader is "placing" the quote with the suggested words
selected, and `r` re-attaches it to the selection: the suggested words unless
the user changed the selection, never the sentence under the cursor.  Every
change runs through the serial quote worker of QuoteActions, is announced only
once on disk, and is undoable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.css.query import NoMatches
from textual.widgets import Static

from corpus.models import Hit, Passage, Quote, document_text
from corpus.quotes import short_id
from tui.selection import Selection
from tui.widgets.quote_reader import QuoteReader
from tui.widgets.quotes_pane import QuotesPane
from tui.widgets.review import review_strip_line

if TYPE_CHECKING:
    from corpus.library import Library


def passages_text_at(passages: list[Passage], start: int, end: int) -> str:
    """The document text `[start, end)` of `passages` (quote positions count in it)."""
    return document_text(passages)[start:end]


class ReviewActions:
    """Accept a suggestion, keep detached, or place by hand: the needs-review workflow of MainScreen."""

    library: Library
    app: Any

    def settle_quote(self, action: str, quote: Quote) -> None:
        """Carry out `action` ("accept" or "detach") on a quote needing review."""
        from tui.screens.quote_actions import short

        if quote.status == "anchored":
            self._say(f"Quote {short_id(quote)} is anchored: nothing to review")  # type: ignore[attr-defined]
            return
        book = self.library.quotes
        if action == "accept":
            if not quote.suggestion:
                self._say("No suggested place for this quote: enter opens its document, "  # type: ignore[attr-defined]
                          "v selects the new words and r re-attaches", severity="warning")
                return

            def accepted(done: Quote) -> None:
                self._stop_placing(done.id)
                self._say(f"Re-attached \u201c{short(done.exact, 40)}\u201d to the suggested place (u undoes)")  # type: ignore[attr-defined]
                self.quotes_changed()  # type: ignore[attr-defined]

            self.quote_job("Cannot re-attach the quote", lambda: book.accept_suggestion(quote.id), accepted)  # type: ignore[attr-defined]
            return
        if quote.detached:
            self._say(f"Quote {short_id(quote)} is already kept detached")  # type: ignore[attr-defined]
            return

        def detached(done: Quote) -> None:
            self._stop_placing(done.id)
            self._say(f"Kept \u201c{short(done.exact, 40)}\u201d detached: its words stay, unplaced (u undoes)")  # type: ignore[attr-defined]
            self.quotes_changed()  # type: ignore[attr-defined]

        self.quote_job("Cannot keep the quote detached", lambda: book.keep_detached(quote.id), detached)  # type: ignore[attr-defined]

    def _stop_placing(self, quote_id: str) -> None:
        """The reader stops placing `quote_id` once it is settled some other way."""
        reader = self._reader()  # type: ignore[attr-defined]
        if reader is not None and reader.placing is not None and reader.placing.id == quote_id:
            reader.set_placing(None)

    def place_quote(self, quote: Quote) -> None:
        """Open the quote's document at its suggested (else stored) place, with the reader placing it.

        The suggested words start out selected, so `r` re-attaches the quote to
        exactly them (v, w/b and j/k change the selection first).
        """
        if not any(d.id == quote.document for d in self.documents):  # type: ignore[attr-defined]
            self._failed("Cannot open the quote", "its document is no longer in the library")  # type: ignore[attr-defined]
            return
        if quote.suggestion:
            start, end = int(quote.suggestion["start"]), int(quote.suggestion["end"])
        else:
            start, end = quote.start, quote.end

        def located(passages: list[Passage]) -> None:
            size = passages[-1].offset + len(passages[-1].text) if passages else 0
            a, b = max(0, min(start, size)), max(0, min(end, size))
            index = next((i for i, p in enumerate(passages) if p.offset <= a < p.offset + len(p.text) + 2), len(passages) - 1)
            p = passages[index] if passages else None
            spans = [[max(0, a - p.offset), min(len(p.text), b - p.offset)]] if p is not None and b > a else []
            hit = Hit(passage=p.id if p else "", document=quote.document, speaker=quote.speaker, text=p.text if p else "",
                      score=1.0, spans=[s for s in spans if s[1] > s[0]], title=self._title(quote.document),  # type: ignore[attr-defined]
                      index=max(0, index))
            self._return_to = ("quotes", None)
            # Shown at once from these passages (not reloaded in a worker), so the selection below sticks.
            self._passages[quote.document] = passages  # type: ignore[attr-defined]
            self.open_document(quote.document, max(0, index), hit=hit)  # type: ignore[attr-defined]
            reader = self._reader()  # type: ignore[attr-defined]
            suggested = (quote.suggestion is not None and b > a and reader is not None and reader.document is not None
                         and reader.document.id == quote.document
                         and passages_text_at(reader.passages, a, b) == str(quote.suggestion.get("exact", "")))
            if reader is not None:
                reader.set_placing(quote)
                if suggested:
                    reader._set_selection(Selection(a, b, a))  # noqa: SLF001 - the reader has no public setter
            if suggested:
                where = "the suggested words are selected: r re-attaches to them, v/w/b/j/k change the selection"
            elif quote.suggestion:
                where = "the suggested place is marked; v selects the new words, r re-attaches them"
            else:
                where = "no suggestion; its old place is shown; v selects the new words, r re-attaches them"
            self._say(f"Placing quote {short_id(quote)}: {where} (u undoes)", title="Needs review")  # type: ignore[attr-defined]

        self.quote_job("Cannot open the quote", lambda: self.library.passages(quote.document), located)  # type: ignore[attr-defined]

    # -- the strip under the reader ----------------------------------------------------------------------
    def on_quotes_pane_highlighted(self, event: QuotesPane.Highlighted) -> None:
        """While the Quotes pane has focus, the strip tells why the highlighted quote needs review."""
        pane = self._pane()  # type: ignore[attr-defined]
        if pane is None or not pane.quote_list.has_focus:
            return
        self._show_review_strip(event.quote)

    def _show_review_strip(self, quote: Quote | None) -> None:
        try:
            strip = self.query_one("#quote-strip", Static)  # type: ignore[attr-defined]
        except NoMatches:
            return
        if quote is not None and quote.status != "anchored":
            strip.update(review_strip_line(quote))
            strip.set_class(False, "-empty")
            strip.add_class("-review")
            self._review_strip = True
            return
        if getattr(self, "_review_strip", False):
            self._review_strip = False
            strip.remove_class("-review")
            reader = self._reader()  # type: ignore[attr-defined]
            if reader is not None:
                reader.refresh_status()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # MainScreen's own handler runs too (Textual calls the handlers of every class in the MRO).
        pane = self._pane()  # type: ignore[attr-defined]
        focused = pane is not None and event.widget is pane.quote_list
        self._show_review_strip(pane.quote_list.highlighted_quote if focused else None)  # type: ignore[union-attr]

    def on_quote_reader_reattach(self, event: QuoteReader.Reattach) -> None:
        from tui.screens.quote_actions import short

        quote = event.quote
        book = self.library.quotes

        def reattached(done: Quote) -> None:
            self._stop_placing(done.id)
            self._say(f"Re-attached quote {short_id(done)} to \u201c{short(done.exact, 40)}\u201d (u undoes)")  # type: ignore[attr-defined]
            self.quotes_changed()  # type: ignore[attr-defined]

        self.quote_job("Cannot re-attach the quote",  # type: ignore[attr-defined]
                       lambda: book.reattach(quote.id, event.start, event.end), reattached)

    # -- palette entries (tui.commands) -----------------------------------------------------------------
    def action_review_quotes(self) -> None:
        """Show the Quotes pane filtered to the quotes needing review."""
        self.action_show_pane("quotes")  # type: ignore[attr-defined]
        pane = self._pane()  # type: ignore[attr-defined]
        if pane is not None:
            pane.filter_input.value = "is:review"
            pane.quote_list.focus()

    def action_review_settle(self, action: str) -> None:
        """Accept the suggestion for (or keep detached) the quote highlighted in the Quotes pane."""
        pane = self._pane()  # type: ignore[attr-defined]
        quote = pane.quote_list.highlighted_quote if pane is not None else None
        if quote is None:
            self._say("Highlight a quote needing review in the Quotes pane first (5, then is:review)")  # type: ignore[attr-defined]
            return
        self.settle_quote(action, quote)
