"""Drafts of notes: what is kept while a note is typed, and how a draft finds its words again.

A draft is a note not yet saved with its quote: the note editor keeps one a
moment after typing stops, on a failed save, on ctrl+l and on a hangup.  It is
stored in the quote book (`QuoteBook.save_draft`) under a key naming what it
is for, with the words it was typed for.  This module is the one owner of
those keys: the app names a `NoteTarget`, never a key string.

Reopening a draft never guesses: its quote, or its exact words in the
document's current text, or else a `StrandedDraft` for the user to decide.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sayso.corpus.errors import NotFound, SaysoError
from sayso.corpus.models import Passage, Quote, document_text
from sayso.corpus.quotes import QuoteBook, text_hash
from sayso.corpus.shown_words import ShownWords, place

#: Suffix of the key that holds a draft's tags (comma separated) beside its note.
_TAGS_SUFFIX = "#tags"
#: Held while a draft is written or cleared, so a late autosave never outlives the saved note.
_DRAFTS = threading.Lock()


@dataclass(frozen=True)
class NoteTarget:
    """What a note is for: an existing `quote`, or a new quote of the words `shown`."""

    shown: ShownWords
    quote: Quote | None = None

    @classmethod
    def of_quote(cls, quote: Quote) -> NoteTarget:
        """The note of a saved quote (its stored words and context)."""
        shown = ShownWords(
            quote.document, quote.start, quote.end, quote.exact, quote.prefix, quote.suffix, quote.text_hash
        )
        return cls(shown, quote)

    @property
    def doc_id(self) -> str:
        return self.shown.doc_id

    @property
    def start(self) -> int:
        return self.shown.start

    @property
    def end(self) -> int:
        return self.shown.end

    @property
    def words(self) -> str:
        return self.shown.words

    @property
    def key(self) -> str:
        """The draft key: `quote:<id>` or `new:<doc>:<start>:<end>`."""
        if self.quote is not None:
            return f"quote:{self.quote.id}"
        return f"new:{self.doc_id}:{self.start}:{self.end}"

    def to_dict(self) -> dict[str, object]:
        """What a draft keeps of its target: the words with their context, and the quote's id if any."""
        if self.quote is None:
            return {**self.shown.to_dict(), "quote": None}
        # (the revision the note was begun on: reopened later, its save is a conflict if the quote changed since)
        return {**self.shown.to_dict(), "quote": self.quote.id, "revision": self.quote.revision}


@dataclass(frozen=True)
class Draft:
    """A stored draft: its `key`, note `text`, `tags` and the `target` dict it was saved with ({} if none)."""

    key: str
    text: str
    tags: list[str] = field(default_factory=list)
    target: dict[str, Any] = field(default_factory=dict)

    @property
    def quote_id(self) -> str | None:
        """The id of the quote the draft annotates (None for a draft of a new quote)."""
        kind, _, rest = self.key.partition(":")
        if kind != "quote":
            return None
        return str(self.target.get("quote") or rest)


@dataclass(frozen=True)
class PlacedDraft:
    """A draft whose note has a place again: `target`, with a `notice` when it moved or lost its quote."""

    draft: Draft
    target: NoteTarget
    notice: str = ""


@dataclass(frozen=True)
class StrandedDraft:
    """A draft (`key`, `text`, `tags`) that cannot be placed, `reason` saying why; `target` as it was stored."""

    key: str
    text: str
    reason: str
    tags: list[str] = field(default_factory=list)
    target: dict[str, object] = field(default_factory=dict)

    @property
    def words(self) -> str:
        """The words the note was for ("" when the draft kept none)."""
        words = self.target.get("words", "")
        return words if isinstance(words, str) else ""


def save_draft(book: QuoteBook, target: NoteTarget, note: str, tags: list[str]) -> None:
    """Keep `note` and `tags` as the draft of `target`, with the words it is for."""
    key = target.key
    with _DRAFTS:
        book.save_draft(key, note, target=target.to_dict())
        if tags:
            book.save_draft(key + _TAGS_SUFFIX, ",".join(tags))
        else:
            book.clear_draft(key + _TAGS_SUFFIX)


def clear_drafts(book: QuoteBook, keys: Iterable[str]) -> None:
    """Forget the drafts `keys` (and their tags): the note was saved or discarded."""
    with _DRAFTS:
        for key in keys:
            book.clear_draft(key)
            book.clear_draft(key + _TAGS_SUFFIX)


def pending_drafts(book: QuoteBook) -> list[Draft]:
    """Every stored draft of a note, oldest key first, each with its tags."""
    rows = book.draft_rows()
    drafts = []
    for key, row in rows.items():
        if key.endswith(_TAGS_SUFFIX):
            continue
        tags = [t for t in str(rows.get(key + _TAGS_SUFFIX, {}).get("text", "")).split(",") if t.strip()]
        stored = row.get("target")
        drafts.append(Draft(key, str(row.get("text", "")), tags, dict(stored) if isinstance(stored, dict) else {}))
    return drafts


def place_draft(
    book: QuoteBook, passages_of: Callable[[str], list[Passage]], draft: Draft
) -> PlacedDraft | StrandedDraft:
    """Where `draft`'s note goes now: its quote, or its words found again exactly in the current text.

    Nothing is guessed: a draft whose quote or words cannot be found is
    returned as a StrandedDraft for the user to decide; it is never deleted here.
    """
    shown = ShownWords.from_dict(draft.target)

    def stranded(reason: str) -> StrandedDraft:
        return StrandedDraft(draft.key, draft.text, reason, list(draft.tags), dict(draft.target))

    notice = ""
    quote_id = draft.quote_id
    if quote_id is not None:
        try:
            quote = book.get(quote_id)
            begun_on = draft.target.get("revision")
            if isinstance(begun_on, int) and not isinstance(begun_on, bool) and begun_on != quote.revision:
                # Changed since the note was begun (by someone else, or elsewhere): the editor saves on the
                # revision the note was written on, so the save shows both versions instead of overwriting.
                changed = dataclasses.replace(quote, revision=begun_on)
                who = f" by {quote.modified_by}" if quote.modified_by else ""
                return PlacedDraft(
                    draft,
                    NoteTarget.of_quote(changed),
                    f"The quote was changed{who} since this note was begun: saving shows both versions",
                )
            return PlacedDraft(draft, NoteTarget.of_quote(quote))
        except NotFound:
            if shown is None:
                return stranded("its quote was deleted, and this draft kept no words to place it by")
            notice = "Its quote was deleted: ctrl+s keeps the note with a new quote of the same words"
        except SaysoError as exc:
            return stranded(f"its quote cannot be read: {exc}")
    if shown is None:
        return stranded("this draft was saved by an older sayso without its words, so its place cannot be checked")
    try:
        current = document_text(passages_of(shown.doc_id))
    except SaysoError as exc:
        return stranded(f"its document cannot be read: {exc}")
    placed = place(shown, current)
    if placed.span is None:
        return stranded(f"the document changed since the note was begun: {placed.reason}")
    if placed.moved:
        notice = notice or "The document was re-imported since: the note is on the same words in the new text"
    target = NoteTarget(ShownWords.of(shown.doc_id, current, placed.span[0], placed.span[1], text_hash(current)))
    return PlacedDraft(draft, target, notice)


def keep_stranded(book: QuoteBook, draft: StrandedDraft) -> Quote:
    """Keep a draft that cannot be placed as a detached quote with its note, and forget the draft."""
    quote = book.keep_draft_detached(draft.target, draft.text, draft.tags, f"kept from a draft: {draft.reason}")
    clear_drafts(book, [draft.key])
    return quote
