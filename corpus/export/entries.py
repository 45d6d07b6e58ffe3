"""What every export format starts from: each quote checked against the current text, located and cited.

`prepare(quotes, sources, style, locale)` gives one `Entry` per quote.  An
entry says whether the quote still matches the document's text exactly
(`problem` is empty) or why it must be flagged, where it is (timestamp or
paragraph), who said it, the item it is cited as (its document and speaker),
its formatted citation, and what the style would print that sayso lacks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from sayso.corpus.export.cite import DEFAULT_STYLE, printed_fields, render_items
from sayso.corpus.export.csl import csl_type, document_item, host_names, host_role, speaker_item
from sayso.corpus.media import moment_link
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
    #: what the register says of a speaker, by name: "Role, Affiliation" (`sayso speaker edit --role`)
    people: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_library(cls, library: DocumentSource, quotes: Iterable[Quote]) -> Sources:
        """The documents the quotes come from, read once from the library, and what it says of their speakers."""
        wanted = {q.document for q in quotes}
        docs = {d.id: d for d in library.documents() if d.id in wanted}
        speakers = getattr(library, "speakers", None)  # (a plain DocumentSource has no register of people)
        people = {s.name: s.about for s in (speakers() if callable(speakers) else []) if s.about}
        return cls(docs, {doc_id: library.passages(doc_id) for doc_id in docs}, people=people)

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
    #: The quote's formatted citation: a note style's note, else its reference-list entry (`cite.Cited.text`).
    citation: str
    #: The CSL-JSON item it is cited as: its document and speaker (`csl.speaker_item`).
    item: dict[str, Any] | None
    #: The in-text citation ("(LeCun, 2024)", "[1]"), or a note style's note.
    in_text: str = ""
    #: Fields the style prints that the document (or quote) lacks: left out, never invented (`citation_gaps`).
    gaps: tuple[str, ...] = ()
    #: Why the style could not cite this quote at all ("" when it could).
    cite_error: str = ""
    #: `pseudonymise.EDITED` when names in the quoted words were replaced (in [brackets]), else "".
    edited: str = ""
    #: the speaker's role and affiliation from the register of people ("Senator, Connecticut"), else ""
    about: str = ""
    #: the runs of `citation` its style sets in italics, where the format shows them (`cite_entries(styled=True)`)
    italics: tuple[tuple[str, int], ...] = ()

    @property
    def verified(self) -> bool:
        """Whether the quoted words are exactly what the document says at the quote's place."""
        return not self.problem

    @property
    def key(self) -> str:
        """The citation key of the quote's item (`[@key]` for pandoc), empty if the document is gone."""
        return str(self.item["id"]) if self.item else ""

    @property
    def citation_warning(self) -> str:
        """What is wrong with the citation, in one line ("" when nothing): shown beside it, never put in it."""
        if self.cite_error:
            return self.cite_error
        if self.document is not None and not self.citation:
            return "this style cites nothing for it"
        if self.gaps:
            return f"the citation lacks {', '.join(self.gaps)}, which the style prints (sayso has none)"
        return ""

    @property
    def locator(self) -> str:
        """Where the words are: `h:mm:ss` when timed, else `¶ N` (the passage number), else empty."""
        if self.timestamp is not None:
            return format_timestamp(self.timestamp)
        return self.paragraph_label

    @property
    def place(self) -> str:
        """Where the words are, in full: `h:mm:ss (¶ N)` when timed, else `¶ N`, else empty."""
        if self.timestamp is None:
            return self.paragraph_label
        stamp = format_timestamp(self.timestamp)
        return f"{stamp} ({self.paragraph_label})" if self.paragraph is not None else stamp

    @property
    def moment_link(self) -> str:
        """A link to the quote's moment in the document's recording ("" without a recording or a timestamp)."""
        if self.document is None or not self.document.media or self.timestamp is None:
            return ""
        return moment_link(self.document.media, self.timestamp)

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


def _locate(quote: Quote, sources: Sources) -> Entry:
    """Check and locate one quote; its citation is filled in by `cite_entries`."""
    doc = sources.documents.get(quote.document)
    text = sources.text(quote.document) if doc else None
    problem = check_quote(quote, text)
    passage = _passage_of(sources.passages.get(quote.document, []), quote) if doc else None
    speaker = quote.speaker or (passage.speaker if passage else None)
    timestamp = quote.timestamp if quote.timestamp is not None else (passage.start if passage else None)
    return Entry(
        quote=quote,
        document=doc,
        speaker=speaker,
        paragraph=passage.index + 1 if passage else None,
        timestamp=timestamp,
        problem=problem,
        citation="",
        item=speaker_item(doc, speaker) if doc else None,
        about=sources.people.get(speaker, "") if speaker else "",
    )


def cite_entries(
    entries: Sequence[Entry], style: str = DEFAULT_STYLE, locale: str | None = None, *, styled: bool = False
) -> None:
    """Fill in each entry's citation: all cited together, so a numeric style numbers them in one sequence.

    `styled` finds each citation's italic runs too (`Entry.italics`), for a format that shows them."""
    items = cited_items(entries)
    rendered = {
        str(item["id"]): cited
        for item, cited in zip(items, render_items(items, style, locale, styled=styled), strict=True)
    }
    for entry in entries:
        if entry.item is None or entry.document is None:
            continue
        cited = rendered[str(entry.item["id"])]
        entry.citation, entry.in_text, entry.cite_error = cited.text, cited.in_text, cited.error
        entry.italics = cited.italics
        entry.gaps = () if cited.error else citation_gaps(entry.document, entry.speaker, style, locale)


def prepare_one(quote: Quote, sources: Sources, style: str = DEFAULT_STYLE, locale: str | None = None) -> Entry:
    """Check, locate and cite one quote (cited on its own: a numeric style gives it [1])."""
    return prepare([quote], sources, style, locale)[0]


def prepare(
    quotes: Iterable[Quote],
    sources: Sources,
    style: str = DEFAULT_STYLE,
    locale: str | None = None,
    *,
    styled: bool = False,
) -> list[Entry]:
    """One entry per quote, in the order given, cited in `style` (and `locale`: None for the style's own);
    `styled`: with each citation's italic runs (`cite_entries`)."""
    entries = locate(quotes, sources)
    cite_entries(entries, style, locale, styled=styled)
    return entries


def locate(quotes: Iterable[Quote], sources: Sources) -> list[Entry]:
    """One entry per quote, checked against its document and located, not yet cited (`cite_entries`)."""
    return [_locate(q, sources) for q in quotes]


def cited_items(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    """One CSL item per document and speaker quoted (`csl.speaker_item`), in the order first quoted."""
    items: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if entry.item is not None:
            items.setdefault(str(entry.item["id"]), entry.item)
    return list(items.values())


def document_items(entries: Iterable[Entry]) -> list[dict[str, Any]]:
    """One CSL item per cited document, its authors every speaker quoted from it (first quoted first).

    Kept for formats that give one record per document; citations use `cited_items`,
    where each speaker's words are their own item.
    """
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


# -- what a style would print that sayso lacks ---------------------------------------------------------

#: The citation fields sayso keeps, in the order a warning names them, with a stand-in value for each
#: (`citation_gaps`): distinctive words no style prints on its own.
_MARKS = {
    "speaker": ("Zqxgiven Zqxspeaker", "zqxspeaker"),
    "title": ("Zqxtitle", "zqxtitle"),
    "date": ("1111", "1111"),
    "URL": ("https://zqx.invalid/zqxurl", "zqxurl"),
    "publisher": ("Zqxpublisher", "zqxpublisher"),
    "event": ("Zqxevent", "zqxevent"),
    "place": ("Zqxplace", "zqxplace"),
    "host": ("Zqxgiven Zqxhost", "zqxhost"),
}
#: Document fields of the warnings' names.
_FIELDS = {"title": "title", "date": "date", "URL": "url", "publisher": "publisher", "event": "event", "place": "place"}
#: What identifies a source (who, what, when, where to find it): an export says when a style prints one sayso
#: lacks.  The rest (publisher, event, place, host) describe it further; the citation dialog names those too.
SOURCE_FIELDS = ("speaker", "title", "date", "URL")
CITATION_FIELDS = tuple(_MARKS)


def citation_gaps(
    doc: Document,
    speaker: str | None,
    style: str = DEFAULT_STYLE,
    locale: str | None = None,
    fields: Sequence[str] = SOURCE_FIELDS,
) -> tuple[str, ...]:
    """Which of `fields` `style` would print in this quote's citation that sayso does not have.

    Asked of the style itself, never of a list kept here: the item is cited
    again with a stand-in value in each missing field, and every stand-in that
    comes out is a field the style prints.  The citation itself leaves them
    out (or says "n.d.", as the style does); exports name them beside it.
    By default only what identifies the source (`SOURCE_FIELDS`): most styles
    print an event or a place whenever there is one, which is no gap for a
    blog post.  The event is tried on its own, since having one can change
    where a place goes and what a recording is cited as.
    """
    missing = [name for name, attr in _FIELDS.items() if not (getattr(doc, attr) or "").strip()]
    if not speaker or not speaker.strip():
        missing.append("speaker")
    if host_role(doc) and not host_names(doc.host):
        missing.append("host")
    missing = [name for name in missing if name in fields]
    if not missing:
        return ()

    def printed(fields: list[str]) -> list[str]:
        if not fields:
            return []
        changes: dict[str, Any] = {_FIELDS[f]: _MARKS[f][0] for f in fields if f in _FIELDS}
        if "host" in fields:
            changes["host"] = _MARKS["host"][0]
        probe = replace(doc, **changes)
        if csl_type(probe) != csl_type(doc):
            return []
        who = _MARKS["speaker"][0] if "speaker" in fields else speaker
        return printed_fields(speaker_item(probe, who), {f: _MARKS[f][1] for f in fields}, style, locale)

    found = set(printed([f for f in missing if f != "event"]))
    if "event" in missing:
        found.update(printed(["event"]))
    return tuple(name for name in _MARKS if name in found)
