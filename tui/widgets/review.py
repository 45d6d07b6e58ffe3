"""What the app says about a quote that needs review: why, and where re-anchoring would put it.

Plain strings and Rich `Text` only: the stored and suggested words come from
documents and are untrusted, so they are made visible (corpus.safety.visible)
and never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text

from sayso.corpus.anchoring import one_line
from sayso.corpus.models import Quote
from sayso.corpus.safety import visible

#: Characters of suggested words shown in a row or the strip.
SUGGESTION_CHARS = 60


def review_reason(quote: Quote) -> str:
    """Why `quote` needs review (or that the user kept it detached), on one line."""
    if quote.detached:
        return "kept detached"
    return one_line(quote.review_reason or "its words moved", 120)


def suggested_words(quote: Quote, limit: int = SUGGESTION_CHARS) -> str | None:
    """The words at the suggested place, shortened to one line, or None when there is no suggestion."""
    if not quote.suggestion:
        return None
    return one_line(str(quote.suggestion.get("exact", "")), limit)


def review_parts(quote: Quote) -> list[str]:
    """The review details that lead a needing-review row's detail line (raw text: the row makes it visible)."""
    parts = [review_reason(quote)]
    words = suggested_words(quote)
    parts.append(f"r: \u201c{words}\u201d" if words is not None else "no suggestion: enter, then v and r")
    return parts


def placing_line(quote: Quote, selecting: str | None) -> Text:
    """The strip under the reader while `quote` is being placed again (plain text, never markup)."""
    line = Text(end="")
    line.append(" PLACING ", style="bold reverse")
    line.append(" \u201c" + visible(one_line(quote.exact, 48), keep_newlines=False) + "\u201d ", style="italic")
    if selecting is not None:
        words = len(selecting.split())
        line.append(f" {words} word{'s' if words != 1 else ''} selected ", style="bold")
        line.append(" r re-attach to the selection · w/b word · j/k sentence · esc cancel", style="dim")
    else:
        line.append(" v select the new words, r re-attach (sentence here) · ", style="dim")
        line.append(visible(review_reason(quote), keep_newlines=False), style="dim")
    return line


def review_strip_line(quote: Quote) -> Text:
    """The strip while a needing-review quote is highlighted in the Quotes pane: why, where, and the keys."""
    line = Text(end="")
    line.append("⚠ review ", style="bold")
    line.append(visible(review_reason(quote), keep_newlines=False), style="dim")
    words = suggested_words(quote)
    if words is not None:
        line.append(" · suggested: ", style="dim")
        line.append("\u201c" + visible(words, keep_newlines=False) + "\u201d", style="italic")
        line.append(" · r re-attach there", style="dim")
    line.append(
        " · enter place by hand · D keep detached" if not quote.detached else " · enter place by hand", style="dim"
    )
    return line
