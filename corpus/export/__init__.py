"""Exports: quotes leave sayso cited, verified and safe to paste.  Pure functions: models in, text out.

    text = export_quotes("markdown", quotes, library, style="apa")
    text = export_quotes("csl-json", quotes, Sources.of(documents, passages))

Every format re-checks each quote against the document's current text and
flags any whose words are no longer exactly there (`entries.check_quote`).
Formats: markdown, csl-json, w3c, csv, bibtex, ris, qdpx (`FORMATS`).  A
binary format (`BINARY`: qdpx, a zip) has a readable summary as its text and
its file's bytes apart (`Export.content`, `export_bytes`).  Citation styles:
any CSL style by id or `.csl` file, in any locale citeproc-py ships
(`cite.style_info`, `cite.locale_name`); `cite.STYLES` are the short names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sayso.corpus.errors import SaysoError
from sayso.corpus.export import bibtex, csl_json, csv_export, markdown, qdpx, ris, w3c
from sayso.corpus.export.cite import (
    DEFAULT_STYLE,
    STYLES,
    format_in_text,
    format_reference,
    locale_name,
    style_name,
)
from sayso.corpus.export.entries import Entry, Sources, check_quote, cite_entries, locate, prepare, prepare_one
from sayso.corpus.export.markdown import CITE_FORMS, DEFAULT_CITE
from sayso.corpus.export.pseudonymise import Leak, Protection, load_protection
from sayso.corpus.models import Document, Passage, Quote
from sayso.corpus.safety import visible

if TYPE_CHECKING:
    from sayso.corpus.sources import DocumentSource

__all__ = [
    "BINARY",
    "CITE_FORMS",
    "DEFAULT_CITE",
    "DEFAULT_STYLE",
    "FORMATS",
    "STYLES",
    "SUFFIXES",
    "Entry",
    "Export",
    "Leak",
    "NothingToExport",
    "Protection",
    "Sources",
    "check_quote",
    "export_bytes",
    "export_entries",
    "export_library",
    "export_quotes",
    "format_clipboard",
    "format_in_text",
    "format_reference",
    "load_protection",
    "prepare",
]

Renderer = Callable[..., str]

#: Format name -> (renderer of prepared entries, usual file ending, one-line description).
FORMATS: dict[str, tuple[Renderer, str, str]] = {
    "markdown": (markdown.render, ".md", "blockquotes with speaker, place, note, tags and citation"),
    "csl-json": (csl_json.render, ".json", "CSL-JSON items, one per document and speaker quoted (Zotero, pandoc)"),
    "w3c": (w3c.render, ".jsonld", "W3C Web Annotation collection (JSON-LD)"),
    "csv": (csv_export.render, ".csv", "one row per quote"),
    "bibtex": (bibtex.render, ".bib", "BibTeX entries, one per document and speaker quoted"),
    "ris": (ris.render, ".ris", "RIS records, one per cited document, quotes as notes (EndNote, Mendeley, Citavi)"),
    "qdpx": (qdpx.summary, ".qdpx", "REFI-QDA project, a zip (NVivo, ATLAS.ti, MAXQDA, QualCoder)"),
}
#: Formats whose file is binary, by name: (entries, sources, creator=) -> (readable summary, file bytes).
BINARY: dict[str, Callable[..., tuple[str, bytes]]] = {"qdpx": qdpx.summary_and_archive}
#: Formats that show the italics of a citation (a title set in italics by its style): cited a second time for them.
STYLED = frozenset({"markdown"})
#: File endings that name a format when `--format` is left out.
SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".csv": "csv",
    ".bib": "bibtex",
    ".ris": "ris",
    ".qdpx": "qdpx",
    ".jsonld": "w3c",
    ".json": "csl-json",  # the ending FORMATS (and the app's export dialog) give CSL-JSON
}


def format_name(fmt: str) -> str:
    """The canonical format name; SaysoError for one sayso does not write."""
    key = fmt.strip().casefold()
    key = {
        "md": "markdown",
        "csl": "csl-json",
        "csljson": "csl-json",
        "json": "csl-json",
        "bib": "bibtex",
        "web-annotation": "w3c",
        "jsonld": "w3c",
        "refi-qda": "qdpx",
        "refi": "qdpx",
    }.get(key, key)
    if key not in FORMATS:
        raise SaysoError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return key


def _sources(where: DocumentSource | Sources, quotes: Sequence[Quote]) -> Sources:
    if isinstance(where, Sources):
        return where
    return Sources.from_library(where, quotes)


class NothingToExport(SaysoError):
    """No quote matches the filters: nothing is exported (each front end says what to try instead)."""

    def __init__(self) -> None:
        super().__init__("no quotes match; nothing exported")


@dataclass(frozen=True)
class Export:
    """An export of the library's quotes: its `text`, and the `entries` it was made from.

    For a binary format (`BINARY`) `text` is a readable summary of the file
    and `data` the file's bytes; `content` is what goes into the file.
    """

    fmt: str
    style: str
    text: str
    entries: list[Entry]
    data: bytes | None = None
    #: The citations' locale (None: the style's own).
    locale: str | None = None
    #: The names replaced and terms redacted (`pseudonymise`), None for an export as it is; `write_export`
    #: checks the file it writes with it.
    protection: Protection | None = None

    @property
    def binary(self) -> bool:
        """Whether the file is binary (a zip): `text` only describes it."""
        return self.data is not None

    @property
    def content(self) -> str | bytes:
        """What is written to the file: the text, or a binary format's bytes."""
        return self.data if self.data is not None else self.text

    @property
    def flagged(self) -> list[Entry]:
        """The quotes marked in the export: their words are no longer exactly in the document."""
        return [e for e in self.entries if e.problem]

    @property
    def edited(self) -> list[Entry]:
        """The quotes whose words had a name replaced (in [brackets]): edited for anonymity, not drifted."""
        return [e for e in self.entries if e.edited]


def export_library(
    documents: DocumentSource,
    quotes: Sequence[Quote],
    fmt: str,
    style: str = DEFAULT_STYLE,
    *,
    creator: str | None = None,
    locale: str | None = None,
    cite: str = DEFAULT_CITE,
    protection: Protection | None = None,
) -> Export:
    """The one export pipeline of the CLI and the app: the chosen quotes prepared, checked and rendered.

    `quotes` are the ones the user selected (`QuoteBook.list` with their filters), `documents`
    the library they come from; `locale` the citations' (None: the style's own), `cite` how
    Markdown cites each quote (`markdown.CITE_FORMS`).  With a `protection` (`--pseudonymise`,
    `--redact`) each quote is checked against its document as it is, then names are replaced in the
    entries and documents before they are cited and rendered, and the result is checked: Leak (one
    line) if a mapped name is still in it.  Raises NothingToExport when there are none, SaysoError
    for an unknown format, style or locale.
    """
    name, style, locale = format_name(fmt), style_name(style), locale_name(locale)
    if not quotes:
        raise NothingToExport
    sources = Sources.from_library(documents, quotes)
    styled = name in STYLED
    if protection is None:
        entries = prepare(quotes, sources, style, locale, styled=styled)
    else:
        entries, sources = protection.apply(locate(quotes, sources), sources)
        cite_entries(entries, style, locale, styled=styled)
    if name in BINARY:
        text, data = BINARY[name](entries, sources, creator=creator)
        result = Export(name, style, text, entries, data, locale, protection)
    else:
        text = export_entries(name, entries, creator=creator, cite=cite)
        result = Export(name, style, text, entries, locale=locale, protection=protection)
    if protection is not None:
        protection.check(name, result.content)
        if result.binary:
            protection.check(name, result.text)  # the preview
    return result


def export_entries(fmt: str, entries: Sequence[Entry], **options: Any) -> str:
    """Render already prepared entries (lets a caller report flagged quotes without preparing twice).

    A binary format gives its summary and needs `sources=` (the documents'
    text); its file is `export_bytes`.
    """
    name = format_name(fmt)
    renderer = FORMATS[name][0]
    if name in BINARY:
        return renderer(entries, _needed_sources(name, options), creator=options.get("creator"))
    if name == "w3c":
        return renderer(entries, creator=options.get("creator"))
    if name == "markdown":
        return renderer(entries, cite=options.get("cite") or DEFAULT_CITE)
    return renderer(entries)


def export_bytes(fmt: str, entries: Sequence[Entry], **options: Any) -> bytes:
    """The file's content for prepared entries: a text format's text in UTF-8, a binary format's bytes."""
    name = format_name(fmt)
    if name in BINARY:
        return BINARY[name](entries, _needed_sources(name, options), creator=options.get("creator"))[1]
    return export_entries(name, entries, **options).encode("utf-8")


def _needed_sources(name: str, options: dict[str, Any]) -> Sources:
    sources = options.get("sources")
    if not isinstance(sources, Sources):
        raise SaysoError(f"the {name} export needs the documents' text (sources=)")
    return sources


def export_quotes(
    fmt: str,
    quotes: Iterable[Quote],
    where: DocumentSource | Sources,
    *,
    style: str = DEFAULT_STYLE,
    creator: str | None = None,
    locale: str | None = None,
    cite: str = DEFAULT_CITE,
) -> str:
    """The export of `quotes` in format `fmt`, each checked against the current text of its document.

    `where` is the Library (documents are read from it once) or a `Sources`
    snapshot.  `style` and `locale` pick how citations are formatted, `cite`
    how Markdown cites each quote; `creator` names the annotator in the W3C
    export (the user of a qdpx).
    A binary format (qdpx) gives its summary: `export_bytes` gives the file.
    """
    quote_list = list(quotes)
    sources = _sources(where, quote_list)
    entries = prepare(quote_list, sources, style_name(style), locale_name(locale), styled=format_name(fmt) in STYLED)
    return export_entries(fmt, entries, creator=creator, sources=sources, cite=cite)


def format_clipboard(
    quote: Quote,
    document: Document | None,
    style: str = DEFAULT_STYLE,
    *,
    passages: Sequence[Passage] | None = None,
    locale: str | None = None,
    people: dict[str, str] | None = None,
) -> str:
    """The quote with who said it, where, and its citation: plain text for the clipboard (OSC 52).

    `people` is what the register says of speakers (`Sources.people`: name -> "Role, Affiliation").

    With the document's `passages` the quote is checked against the current
    text and located (timestamp or paragraph); a quote that no longer matches
    is marked.  Control characters are made visible: the result is safe to
    send through a terminal escape sequence.
    """
    docs = [document] if document is not None else []
    sources = Sources.of(docs, {document.id: list(passages)} if document is not None and passages is not None else {})
    sources.people = dict(people or {})
    entry = prepare_one(quote, sources, style_name(style), locale_name(locale))
    if document is not None and passages is None:
        # Nothing to check the words against: only the quote's own status can flag it.
        entry.problem = f"quote {quote.status}" if quote.status and quote.status != "anchored" else ""
    who = ", ".join(
        part
        for part in (
            (entry.speaker or "") + (f" ({entry.about})" if entry.speaker and entry.about else ""),
            document.title if document is not None else "",
            entry.locator,
        )
        if part
    )
    lines = [f"\u201c{quote.exact}\u201d"]
    if who:
        lines.append(f"\u2014 {who}")
    if entry.problem:
        lines.append(f"\u26a0 {entry.problem}")
    if entry.citation:
        lines.append(entry.citation)
    return visible("\n".join(lines))
