"""REFI-QDA project export (`.qdpx`): the quotes as a project for NVivo, ATLAS.ti, MAXQDA and QualCoder.

A `.qdpx` is a zip holding `project.qde` (QDA-XML 1.0, namespace
`urn:QDA-XML:project:1.0`, the REFI-QDA `Project-mrt2019.xsd`) and a `sources/`
folder.  What sayso puts in it:

- Each document a quote comes from is a `TextSource` whose plain text is
  `sources/GUID.txt` (`plainTextPath="internal://GUID.txt"`): sayso's text of
  the document (passages joined by a blank line), UTF-8 with a byte-order mark
  as QualCoder writes it (Windows tools then read it as UTF-8), LF line ends.
  Control characters are made visible (`safety.visible`), so the positions
  count in the text as written, not in sayso's.
- Each quote whose words are exactly at its place is a `PlainTextSelection`
  at its character positions in that text (zero-based, counted in Unicode
  code points after the byte-order mark, the end exclusive: the text's
  characters start to end are the quoted words), named by its words, its
  `Description` saying who and where, coded with its tags.
- Tags are `Code`s in the `CodeBook`; a tag `a/b` is code `b` inside code `a`.
- A quote's note is a `Note` (a memo) the selection refers to (`NoteRef`).  A
  quote whose words are no longer in the document at its place is not placed
  anywhere: it becomes a note saying so (with its words, note and tags),
  referred to by its document's source (by the project when the document is
  gone), so nothing misquoted is coded.
- Each speaker is a `Case` referring (`SelectionRef`) to a selection for each
  of their passages in the exported documents (and to a quote attributed to
  them inside someone else's passage).
- One `User`, the creator (`--creator`, else "sayso"), creates everything.

GUIDs are UUID 5s of sayso's ids (document, quote, passage, tag path, speaker
name, user), so exporting the same quotes again gives the same GUIDs and the
same `project.qde`; times come from the quotes (created, modified), not from
the clock.  `project.qde` is the zip's first file and its root says
`origin="sayso"`, which is how `made_by_sayso` knows a sayso export.  The XML
is built with ElementTree, which escapes it; untrusted names and notes have
their control characters made visible first.
"""

from __future__ import annotations

import io
import re
import struct
import uuid
import zipfile
import zlib
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from sayso.corpus.export.entries import Entry, Sources, format_timestamp
from sayso.corpus.export.w3c import timestamp
from sayso.corpus.models import PASSAGE_SEPARATOR, Document, Passage
from sayso.corpus.safety import visible

NS = "urn:QDA-XML:project:1.0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"
ORIGIN = "sayso"
PROJECT_FILE = "project.qde"
SOURCES_FOLDER = "sources/"
PROJECT_NAME = "sayso quotes"
#: What a plain-text source file starts with (UTF-8 byte-order mark); positions count after it.
BOM = "\ufeff"

_GUIDS = uuid.uuid5(uuid.NAMESPACE_URL, "urn:sayso:refi-qda")
# A superset of what `visible` replaces, plus what XML 1.0 cannot hold (surrogates, U+FFFE, U+FFFF).
_CANDIDATES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u2000-\u206f\ud800-\udfff\ufffe\uffff]")
_SIGNATURE = re.compile(rb'\A(?:\xef\xbb\xbf)?<\?xml[^>]*\?>\s*<Project\b[^>]*\sorigin="sayso"')
_EPOCH = (1980, 1, 1, 0, 0, 0)


def guid(kind: str, key: str) -> str:
    """The GUID of a thing in the project: the same for the same kind and sayso id in every export."""
    return str(uuid.uuid5(_GUIDS, f"{kind}:{key}")).upper()


def _q(tag: str) -> str:
    # Plain names: the root declares the namespace as its default (`xmlns`), which ElementTree cannot do
    # for a tree of qualified names that also has unqualified attributes without registering a global prefix.
    return tag


def _stand_in(ch: str) -> str:
    if "\ud800" <= ch <= "\udfff" or ch in "\ufffe\uffff":
        return "\ufffd"
    return visible(ch)


def safe_text(text: str) -> tuple[str, list[int], list[int]]:
    """`text` with control characters made visible, and how positions move: (text, at, shift).

    `at` are the positions in `text` of the characters replaced, `shift` how
    far everything after each has moved (cumulative); see `moved`.
    """
    pieces: list[str] = []
    at: list[int] = []
    shift: list[int] = []
    last = extra = 0
    for m in _CANDIDATES.finditer(text):
        ch = m.group()
        rep = _stand_in(ch)
        if rep == ch:
            continue
        pieces += [text[last : m.start()], rep]
        last = m.end()
        extra += len(rep) - 1
        at.append(m.start())
        shift.append(extra)
    pieces.append(text[last:])
    return "".join(pieces), at, shift


def moved(pos: int, at: list[int], shift: list[int]) -> int:
    """Where position `pos` of the original text is in the safe text (`safe_text`)."""
    before = bisect_left(at, pos)  # replacements strictly before pos
    return pos + (shift[before - 1] if before else 0)


def xml_text(text: str, *, one_line: bool = False) -> str:
    """Untrusted text for an XML attribute or element: controls visible, XML-invalid characters replaced."""
    if one_line:
        text = " ".join(text.split())
    return safe_text(text)[0]


def _label(text: str, limit: int = 80) -> str:
    flat = xml_text(text, one_line=True)
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "\u2026"


def tag_path(tag: str) -> list[str]:
    """The code path of a tag: `a/b` -> ["a", "b"] (empty parts dropped)."""
    return [part.strip() for part in tag.split("/") if part.strip()]


@dataclass
class _Code:
    name: str
    path: str
    children: dict[str, _Code] = field(default_factory=dict)


@dataclass
class SourceFile:
    """One document as a plain-text source: its zip path, title and what was placed in it."""

    path: str
    title: str
    passages: int
    quotes: int


@dataclass
class Project:
    """What the .qdpx holds: `project.qde`, the source files, and counts for the summary."""

    qde: bytes
    files: dict[str, bytes]
    sources: list[SourceFile]
    codes: int
    tags: list[str]
    cases: dict[str, int]
    notes: int
    placed: int
    unplaced: int
    date_time: tuple[int, int, int, int, int, int] = _EPOCH

    def archive(self) -> bytes:
        """The .qdpx bytes: `project.qde` first (see `made_by_sayso`), then `sources/` and its files."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            zf.writestr(_member(PROJECT_FILE, self.date_time), self.qde)
            folder = _member(SOURCES_FOLDER, self.date_time)
            folder.external_attr = (0o40755 << 16) | 0x10
            folder.compress_type = zipfile.ZIP_STORED
            zf.writestr(folder, b"")
            for name, data in self.files.items():
                zf.writestr(_member(name, self.date_time), data)
        return buffer.getvalue()

    def summary(self) -> str:
        """What the zip holds, in words: the preview of a binary export."""
        lines = [
            "REFI-QDA project (.qdpx): a zip file for NVivo, ATLAS.ti, MAXQDA and QualCoder.",
            "",
            f"{PROJECT_FILE}",
            f"  {self.placed} quote{_s(self.placed)} as coded selections in {len(self.sources)} source{_s(len(self.sources))}",
        ]
        if self.tags:
            lines.append(
                f"  {self.codes} code{_s(self.codes)} from {len(self.tags)} tag{_s(len(self.tags))} "
                "(a/b: code b inside code a): " + ", ".join(self.tags)
            )
        if self.cases:
            named = ", ".join(f"{name} ({n} passage{_s(n)})" for name, n in self.cases.items())
            lines.append(f"  {len(self.cases)} case{_s(len(self.cases))} (speakers): {named}")
        lines.append(f"  {self.notes} note{_s(self.notes)}")
        lines.append(SOURCES_FOLDER)
        for source in self.sources:
            lines.append(
                f"  {source.path.removeprefix(SOURCES_FOLDER)}  {source.title} "
                f"({source.passages} passage{_s(source.passages)}, {source.quotes} quote{_s(source.quotes)})"
            )
        if self.unplaced:
            lines.append(
                f"\u26a0 {self.unplaced} quote{_s(self.unplaced)} not placed: the words are no longer in the "
                "document at their place; kept as notes"
            )
        return visible("\n".join(lines)) + "\n"


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _member(name: str, date_time: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _date_time(stamps: list[str]) -> tuple[int, int, int, int, int, int]:
    if not stamps:
        return _EPOCH
    newest = max(stamps)  # all `YYYY-MM-DDTHH:MM:SSZ`
    parts = (newest[0:4], newest[5:7], newest[8:10], newest[11:13], newest[14:16], newest[17:19])
    y, mo, d, h, mi, s = (int(p) for p in parts)
    return (y, mo, d, h, mi, s) if y >= 1980 else _EPOCH


def _placed(entry: Entry, text: str) -> bool:
    q = entry.quote
    return bool(q.exact) and 0 <= q.start < q.end <= len(text) and text[q.start : q.end] == q.exact


def _where(entry: Entry) -> str:
    return ", ".join(part for part in (entry.speaker or "", entry.place) if part)


def _times(element: ET.Element, user: str, created: str, modified: str = "") -> None:
    element.set("creatingUser", user)
    when = timestamp(created)
    if when:
        element.set("creationDateTime", when)
    changed = timestamp(modified)
    if changed:
        element.set("modifyingUser", user)
        element.set("modifiedDateTime", changed)


def _add_codes(parent: ET.Element, codes: dict[str, _Code]) -> None:
    for key in sorted(codes, key=lambda k: (k.casefold(), k)):
        code = codes[key]
        element = ET.SubElement(
            parent, _q("Code"), guid=guid("code", code.path), name=xml_text(code.name, one_line=True), isCodable="true"
        )
        _add_codes(element, code.children)


def build(entries: Sequence[Entry], sources: Sources, *, creator: str | None = None) -> Project:
    """The project for `entries` (prepared from `sources`): see the module docstring."""
    user_name = " ".join((creator or "").split()) or "sayso"
    user = guid("user", user_name)

    documents: dict[str, Document] = {}
    by_document: dict[str, list[Entry]] = {}
    orphans: list[Entry] = []
    for entry in entries:
        if entry.document is None:
            orphans.append(entry)
            continue
        documents.setdefault(entry.document.id, entry.document)
        by_document.setdefault(entry.document.id, []).append(entry)

    codes: dict[str, _Code] = {}
    all_codes: dict[str, None] = {}
    tags: dict[str, None] = {}
    for entry in entries:
        for tag in entry.quote.tags:
            level, path = codes, []
            for part in tag_path(tag):
                path.append(part)
                key = "/".join(path)
                level = level.setdefault(part, _Code(part, key)).children
                all_codes.setdefault(key, None)
            if path:
                tags.setdefault("/".join(path), None)

    stamps = [t for e in entries for t in (timestamp(e.quote.created), timestamp(e.quote.modified)) if t]
    root = ET.Element(_q("Project"))
    root.set("xmlns", NS)
    root.set("xmlns:xsi", XSI)
    root.set("origin", ORIGIN)
    root.set("name", PROJECT_NAME)
    root.set("creatingUserGUID", user)
    if stamps:
        root.set("creationDateTime", min(stamps))
        root.set("modifyingUserGUID", user)
        root.set("modifiedDateTime", max(stamps))
    root.set("xsi:schemaLocation", SCHEMA_LOCATION)
    users = ET.SubElement(root, _q("Users"))
    ET.SubElement(users, _q("User"), guid=user, name=xml_text(user_name, one_line=True))
    if codes:
        _add_codes(ET.SubElement(ET.SubElement(root, _q("CodeBook")), _q("Codes")), codes)
    cases_element = ET.SubElement(root, _q("Cases"))
    sources_element = ET.SubElement(root, _q("Sources"))
    notes: list[ET.Element] = []
    project_notes: list[str] = []
    case_refs: dict[str, list[str]] = {}
    case_passages: dict[str, int] = {}
    files: dict[str, bytes] = {}
    source_files: list[SourceFile] = []
    placed = unplaced = 0

    def note(entry: Entry, *, lost: bool) -> str:
        q = entry.quote
        note_guid = guid("note", q.id)
        element = ET.Element(_q("Note"), guid=note_guid, name=_label(("\u26a0 " if lost else "") + q.exact))
        _times(element, user, q.created, q.modified)
        if lost:
            parts = [f"\u26a0 sayso: {entry.problem}; this quote is not placed in the document."]
            who = _where(entry)
            parts.append(f"\u201c{q.exact}\u201d" + (f" \u2014 {who}" if who else ""))
            if q.note.strip():
                parts.append(f"Note: {q.note.strip()}")
            if q.tags:
                parts.append("Tags: " + ", ".join(q.tags))
            content = "\n\n".join(parts)
        else:
            content = q.note.strip()
        ET.SubElement(element, _q("PlainTextContent")).text = xml_text(content)
        notes.append(element)
        return note_guid

    for doc_id, doc in documents.items():
        raw = sources.text(doc_id) or ""
        written, at, shift = safe_text(raw)
        source_guid = guid("document", doc_id)
        file_path = f"{SOURCES_FOLDER}{source_guid}.txt"
        files[file_path] = (BOM + written).encode("utf-8")
        source = ET.SubElement(
            sources_element,
            _q("TextSource"),
            guid=source_guid,
            name=xml_text(doc.title or doc_id, one_line=True),
            plainTextPath=f"internal://{source_guid}.txt",
            creatingUser=user,
        )
        about = ", ".join(
            xml_text(part, one_line=True)
            for part in (doc.kind, doc.date, doc.publisher, doc.url)
            if part and part.strip()
        )
        if about:
            ET.SubElement(source, _q("Description")).text = about
        passages: list[Passage] = sources.passages.get(doc_id, [])
        spans: list[tuple[Passage, int, int]] = []
        offset = 0
        for passage in passages:
            spans.append((passage, offset, offset + len(passage.text)))
            offset += len(passage.text) + len(PASSAGE_SEPARATOR)
        lost_refs: list[str] = []
        quotes_here = 0
        for entry in by_document[doc_id]:
            q = entry.quote
            if not _placed(entry, raw):
                unplaced += 1
                lost_refs.append(note(entry, lost=True))
                continue
            placed += 1
            quotes_here += 1
            selection_guid = guid("quote", q.id)
            selection = ET.SubElement(
                source,
                _q("PlainTextSelection"),
                guid=selection_guid,
                name=_label(q.exact),
                startPosition=str(moved(q.start, at, shift)),
                endPosition=str(moved(q.end, at, shift)),
            )
            _times(selection, user, q.created, q.modified)
            description = _where(entry)
            if entry.problem:
                description = (description + " \u00b7 " if description else "") + f"\u26a0 sayso: {entry.problem}"
            if entry.edited:
                description = (description + " \u00b7 " if description else "") + f"sayso: {entry.edited}"
            if description:
                ET.SubElement(selection, _q("Description")).text = xml_text(description, one_line=True)
            for tag in dict.fromkeys("/".join(tag_path(t)) for t in q.tags):
                if not tag:
                    continue
                coding = ET.SubElement(selection, _q("Coding"), guid=guid("coding", f"{q.id}:{tag}"))
                _times(coding, user, q.created)
                ET.SubElement(coding, _q("CodeRef"), targetGUID=guid("code", tag))
            if q.note.strip():
                ET.SubElement(selection, _q("NoteRef"), targetGUID=note(entry, lost=False))
            holder = next((p for p, start, end in spans if start <= q.start < end + len(PASSAGE_SEPARATOR)), None)
            if entry.speaker and (holder is None or holder.speaker != entry.speaker):
                case_refs.setdefault(entry.speaker, []).append(selection_guid)
        for passage, start, end in spans:
            if not (passage.speaker and passage.speaker.strip()):
                continue
            passage_guid = guid("passage", passage.id)
            name = f"{passage.speaker}, \u00b6 {passage.index + 1}"
            if passage.start is not None:
                name += f", {format_timestamp(passage.start)}"
            ET.SubElement(
                source,
                _q("PlainTextSelection"),
                guid=passage_guid,
                name=_label(name),
                startPosition=str(moved(start, at, shift)),
                endPosition=str(moved(end, at, shift)),
                creatingUser=user,
            )
            case_refs.setdefault(passage.speaker, []).append(passage_guid)
            case_passages[passage.speaker] = case_passages.get(passage.speaker, 0) + 1
        for ref in lost_refs:
            ET.SubElement(source, _q("NoteRef"), targetGUID=ref)
        source_files.append(SourceFile(file_path, doc.title or doc_id, len(passages), quotes_here))

    for entry in orphans:
        unplaced += 1
        project_notes.append(note(entry, lost=True))

    for speaker in sorted(case_refs, key=lambda s: (s.casefold(), s)):
        case = ET.SubElement(
            cases_element, _q("Case"), guid=guid("case", speaker), name=xml_text(speaker, one_line=True)
        )
        for ref in dict.fromkeys(case_refs[speaker]):
            ET.SubElement(case, _q("SelectionRef"), targetGUID=ref)
    if not len(cases_element):
        root.remove(cases_element)
    if not len(sources_element):
        root.remove(sources_element)
    if notes:
        ET.SubElement(root, _q("Notes")).extend(notes)
    ET.SubElement(root, _q("Description")).text = (
        f"Quotes exported from sayso: {len(entries)} quote{_s(len(entries))} "
        f"from {len(documents)} document{_s(len(documents))}."
    )
    for ref in project_notes:
        ET.SubElement(root, _q("NoteRef"), targetGUID=ref)

    ET.indent(root, space="  ")
    qde = ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
    return Project(
        qde=qde,
        files=files,
        sources=source_files,
        codes=len(all_codes),
        tags=[xml_text(t, one_line=True) for t in sorted(tags, key=lambda k: (k.casefold(), k))],
        cases={
            xml_text(s, one_line=True): case_passages.get(s, 0)
            for s in sorted(case_refs, key=lambda s: (s.casefold(), s))
        },
        notes=len(notes),
        placed=placed,
        unplaced=unplaced,
        date_time=_date_time(stamps),
    )


def render(entries: Sequence[Entry], sources: Sources, *, creator: str | None = None) -> bytes:
    """The .qdpx file's bytes."""
    return build(entries, sources, creator=creator).archive()


def summary(entries: Sequence[Entry], sources: Sources, *, creator: str | None = None) -> str:
    """What the .qdpx of `entries` holds, as text (a binary export's preview)."""
    return build(entries, sources, creator=creator).summary()


def summary_and_archive(entries: Sequence[Entry], sources: Sources, *, creator: str | None = None) -> tuple[str, bytes]:
    """The summary and the file's bytes of one build."""
    project = build(entries, sources, creator=creator)
    return project.summary(), project.archive()


def made_by_sayso(head: bytes) -> bool:
    """Whether a file starting with `head` is a .qdpx sayso wrote: a zip whose first file is a `project.qde`
    whose root says `origin="sayso"` (stored or deflated; only the head is read)."""
    if len(head) < 30 or not head.startswith(b"PK\x03\x04"):
        return False
    (method,) = struct.unpack_from("<H", head, 8)
    name_length, extra_length = struct.unpack_from("<HH", head, 26)
    if head[30 : 30 + name_length] != PROJECT_FILE.encode("ascii"):
        return False
    data = head[30 + name_length + extra_length :]
    if method == zipfile.ZIP_DEFLATED:
        try:
            data = zlib.decompressobj(-zlib.MAX_WBITS).decompress(data, 8192)
        except zlib.error:
            return False
    elif method != zipfile.ZIP_STORED:
        return False
    return _SIGNATURE.match(data) is not None
