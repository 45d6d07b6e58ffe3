"""ShownWords: the words the reader showed, so a quote or a draft is only ever made from them.

The reader sends the selection's positions together with its exact words,
the characters around them and the hash of the text on screen.  Before a
quote is saved (or a draft reopened) the document's current text is checked:
unchanged, the positions stand; changed (re-imported by another sayso), the
words are looked for again by their exact characters only, never by a
similar-looking passage.  Pure: text in, positions out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from sayso.corpus import anchoring
from sayso.corpus.models import Quote
from sayso.corpus.quotes import QuoteBook, text_hash


@dataclass(frozen=True)
class ShownWords:
    """`[start, end)` of `doc_id` as the reader showed it: its `words`, context and the shown text's hash."""

    doc_id: str
    start: int
    end: int
    words: str
    prefix: str = ""
    suffix: str = ""
    #: sha256 of the document text the positions count in (empty: unknown, positions unchecked)
    text_hash: str = ""

    @classmethod
    def of(cls, doc_id: str, text: str, start: int, end: int, shown_hash: str) -> ShownWords:
        """The words `[start, end)` of `text` (the reader's text, whose hash is `shown_hash`)."""
        prefix, suffix = anchoring.context(text, start, end)
        return cls(doc_id, start, end, text[start:end], prefix, suffix, shown_hash)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, row: Any) -> ShownWords | None:
        """A ShownWords from a stored dict; None if the dict is not one."""
        if not isinstance(row, dict):
            return None
        try:
            shown = cls(
                str(row["doc_id"]),
                int(row["start"]),
                int(row["end"]),
                str(row["words"]),
                str(row.get("prefix", "")),
                str(row.get("suffix", "")),
                str(row.get("text_hash", "")),
            )
        except (KeyError, TypeError, ValueError):
            return None
        return shown


@dataclass(frozen=True)
class Placement:
    """Where `ShownWords` are in the current text: `span`, or None with `reason`; `moved` if the text changed."""

    span: tuple[int, int] | None
    moved: bool = False
    reason: str = ""


def place(shown: ShownWords, text: str) -> Placement:
    """Find `shown`'s words in the document's current `text` (exact characters only).

    Same text (by hash) and the same words at the positions: the positions
    stand.  Otherwise the exact words are looked for; several places are told
    apart by the words around them, and a tie is refused rather than guessed.
    """
    words = shown.words
    if not words.strip():
        return Placement(None, reason="no words were kept with it")
    if text[shown.start : shown.end] == words and (not shown.text_hash or text_hash(text) == shown.text_hash):
        return Placement((shown.start, shown.end))
    spans = anchoring.find_exact(text, words)
    if not spans:
        return Placement(None, moved=True, reason="its words are no longer in the document")
    if len(spans) == 1:
        return Placement(spans[0], moved=spans[0] != (shown.start, shown.end))
    ranked = sorted(
        ((anchoring.context_agreement(text, s, e, shown.prefix, shown.suffix), (s, e)) for s, e in spans),
        key=lambda item: (-item[0], abs(item[1][0] - shown.start)),
    )
    if ranked[0][0] - ranked[1][0] < 0.05:
        return Placement(
            None, moved=True, reason=f"its words now occur {len(spans)} times and the context cannot tell which"
        )
    best = ranked[0][1]
    return Placement(best, moved=best != (shown.start, shown.end))


@dataclass(frozen=True)
class KeptQuote:
    """What `keep_shown` did: the new `quote` (None when the words could not be placed) and where they were found."""

    quote: Quote | None
    placement: Placement


def keep_shown(
    book: QuoteBook, text_of: Callable[[str], str], shown: ShownWords, note: str = "", tags: list[str] | None = None
) -> KeptQuote:
    """A new quote of exactly the words `shown`, placed in the document's current text (`text_of(doc_id)`).

    Under the quote book's lock (so no re-import slips in between) the words are
    placed by `place`: unchanged text keeps the positions, a re-imported one is
    searched by the exact characters.  Words that cannot be placed save nothing.
    """
    with book.lock.held():
        placed = place(shown, text_of(shown.doc_id))
        quote = book.add_span(shown.doc_id, placed.span[0], placed.span[1], note, tags or []) if placed.span else None
    return KeptQuote(quote, placed)
