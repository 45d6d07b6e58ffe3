"""QuoteStrip: the line under the reader that tells about the quote at hand.

It says what the reader is doing (the note and tags of the quote under the
cursor, the visual-mode keys, the quote being placed) and, while the Quotes
pane has focus, why the highlighted quote needs review.  On a shared archive
it also says whose the note is, and when it is private.  The screen tells it
what to show; it decides how.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from sayso.corpus.anchoring import one_line
from sayso.corpus.models import Quote
from sayso.corpus.safety import visible
from sayso.tui.widgets.quotes_pane import authors
from sayso.tui.widgets.review import placing_line, review_strip_line


def short(text: str, limit: int = 60) -> str:
    """`text` on one line, shortened, with control characters made visible (for notifications and the strip)."""
    return visible(one_line(text, limit), keep_newlines=False)


class QuoteStrip(Static):
    """One line under the reader; empty (and hidden by the stylesheet) when there is nothing to say."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="-empty", markup=False)
        #: showing a needing-review quote of the Quotes pane (instead of the reader's status)
        self.reviewing = False
        #: the library is a shared archive: say whose each note is
        self.team = False

    def show_reader(self, quote: Quote | None, selecting: str | None, placing: Quote | None) -> None:
        """The reader's status: `placing` a quote, `selecting` words, or the `quote` under the cursor."""
        line = Text(end="")
        if placing is not None:
            line = placing_line(placing, selecting)
        elif selecting is not None:
            words = len(selecting.split())
            line.append(" VISUAL ", style="bold reverse")
            line.append(f" {words} word{'s' if words != 1 else ''} ", style="bold")
            line.append(
                " m keep · a note · y copy · w/b word · j/k sentence · J/K turn · o other end · esc cancel", style="dim"
            )
        elif quote is not None:
            line.append("❝ ", style="bold")
            line.append(
                short(quote.note, 300) if quote.note else "quote (no note: a adds one)",
                style="" if quote.note else "dim italic",
            )
            if quote.tags:
                line.append("  " + " ".join(f"#{visible(t, keep_newlines=False)}" for t in quote.tags), style="bold")
            if self.team and authors(quote):
                line.append(f"  — {short(authors(quote), 50)}", style="dim")
            if quote.private:
                line.append(" (private)", style="dim")
        self.update(line)
        self.set_class(not line.plain, "-empty")
        self.set_class(placing is not None, "-review")

    def show_review(self, quote: Quote | None) -> bool:
        """Why `quote` needs review (None, or an anchored quote: stop).  True when the reader's status is wanted back."""
        if quote is not None and quote.status != "anchored":
            self.update(review_strip_line(quote))
            self.set_class(False, "-empty")
            self.add_class("-review")
            self.reviewing = True
            return False
        if self.reviewing:
            self.reviewing = False
            self.remove_class("-review")
            return True
        return False
