"""What every export format starts from: each quote checked against the current text, located and cited.

`prepare(quotes, sources, style)` gives one `Entry` per quote.  An entry says
whether the quote still matches the document's text exactly (`problem` is
empty) or why it must be flagged, where it is (timestamp or paragraph), who
said it, and its formatted citation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sayso.corpus.export.cite import format_reference
from sayso.corpus.export.csl import citation_key, document_item
from sayso.corpus.models import Document, Passage, Quote, document_text, passage_at

if TYPE_CHECKING:
    from sayso.corpus.sources import DocumentSource

#: What an export says about a quote whose words are no longer in the document at its place.
TEXT_CHANGED = "text changed since quoted"
DOCUMENT_MISSING = "document no longer in the library"
DETACHED = "text changed since quoted; kept detached, these words are no longer in the document"


@dataclass
class Sources:
    """The documents and passages exports read, by document id (a plain snapshot, no store access)."""

    documents: dict[str, Document]
    passages: dict[str, list[Passage]] = field(default_factory=dict)
    _texts: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def from_library(cls, library: DocumentSource, quotes: Iterable[Quote]) -> Sources:
        """The documents the quotes come from, read once from the library."""
        wanted = {q.document for q in quotes}
        docs = {d.id: d for d in library.documents() if d.id in wanted}
        return cls(docs, {doc_id: library.passages(doc_id) for doc_id in docs})

    @classmethod
    def of(cls, documents: Iterable[Document], passages: dict[str, list[Passage]]) -> Sources:
        """Sources from documents and each one's passages (tests and callers without a Library)."""
        return cls({d.id: d for d in documents}, dict(passages))

    def text(self, doc_id: str) -> str | None:
        """The document's text as quote positions count in it, or None for an unknown document."""
        if doc_id not in self.passages:
            return None
        if doc_id not in self._texts:
            self._texts[doc_id] = document_text(self.passages[doc_id])
        return self._texts[doc_id]


@dataclass
class Entry:
    """One quote ready to export."""

    quote: Quote
    document: Document | None
    speaker: str | None
    paragraph: int | None
    timestamp: float | None
    problem: str
    citation: str
    item: dict[str, Any] | None

    @property
    def verified(self) -> bool:
        """Whether the quoted words are exactly what the document says at the quote's place."""
        return not self.problem

    @property
    def key(self) -> str:
        """The citation key of the quote's document (`[@key]` for pandoc), empty if the document is gone."""
        return citation_key(self.document) if self.document else ""

    @property
    def locator(self) -> str:
        """Where the words are: `h:mm:ss` when timed, else `¶ N` (the passage number), else empty."""
        if self.timestamp is not None:
            return format_timestamp(self.timestamp)
        return self.paragraph_label

    @property
    def paragraph_label(self) -> str:
        return f"¶ {self.paragraph}" if self.paragraph is not None else ""

    @property
    def title(self) -> str:
        return self.document.title if self.document else ""


def format_timestamp(seconds: float) -> str:
    """`h:mm:ss` for a position in a recording (seconds rounded down)."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def check_quote(quote: Quote, text: str | None) -> str:
    """Why the quote cannot go out as verified, or "" when its words are exactly at its place."""
    if text is None:
        return DOCUMENT_MISSING
    if not (0 <= quote.start <= quote.end <= len(text)) or text[quote.start : quote.end] != quote.exact:
        return DETACHED if getattr(quote, "detached", False) else TEXT_CHANGED
    if quote.status and quote.status != "anchored":
        reason = getattr(quote, "review_reason", "")
        return f"quote {quote.status}" + (f": {reason}" if reason else "")
    return ""


def _passage_of(passages: Sequence[Passage], quote: Quote) -> Passage | None:
    """The passage the quote names, else the one holding where it starts."""
    if quote.passage:
        for p in passages:
            if p.id == quote.passage:
                return p
    return passage_at(passages, quote.start)


def prepare_one(quote: Quote, sources: Sources, style: str) -> Entry:
    """Check, locate and cite one quote."""
    doc = sources.documents.get(quote.document)
    text = sources.text(quote.document) if doc else None
    problem = check_quote(quote, text)
    passage = _passage_of(sources.passages.get(quote.document, []), quote) if doc else None
    speaker = quote.speaker or (passage.speaker if passage else None)
    timestamp = quote.timestamp if quote.timestamp is not None else (passage.start if passage else None)
    item = document_item(doc, [speaker] if speaker else []) if doc else None
    citation = format_reference(item, style) if item else ""
    return Entry(
        quote=quote,
        document=doc,
        speaker=speaker,
        paragraph=passage.index + 1 if passage else None,
        timestamp=timestamp,
        problem=problem,
        citation=citation,
        item=item,
    )


def prepare(quotes: Iterable[Quote], sources: Sources, style: str) -> list[Entry]:
    """One entry per quote, in the order given."""
    return [prepare_one(q, sources, style) for q in quotes]


def document_items(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    """One CSL item per cited document, its authors the speakers quoted from it (first quoted first)."""
    speakers: dict[str, dict[str, None]] = {}
    docs: dict[str, Document] = {}
    for entry in entries:
        if entry.document is None:
            continue
        docs.setdefault(entry.document.id, entry.document)
        names = speakers.setdefault(entry.document.id, {})
        if entry.speaker:
            names.setdefault(entry.speaker, None)
    return [document_item(doc, list(speakers[doc_id])) for doc_id, doc in docs.items()]
