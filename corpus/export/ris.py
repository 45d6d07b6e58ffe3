"""RIS export: one record per cited document, each quote from it a note (EndNote, Mendeley, Citavi, Zotero).

The fields come from the document's CSL item (`entries.document_items`), so
RIS says what CSL-JSON and BibTeX say:

- `TY` by CSL type (`RIS_TYPES`): a hearing is `HEAR`, a podcast (CSL
  `broadcast`) a sound recording `SOUND`, a video a motion picture `MPCT`, a
  web page `ELEC`, a blog post `BLOG`, a newspaper article `NEWS`.  A panel,
  talk or debate (CSL `speech`) and an interview are `GEN`: RIS has no type
  for a talk or a published interview (`PCOMM`, "personal communication", would
  keep an interview out of APA's reference list), so `M3` (type of work) names
  the kind: "panel", "interview".
- `AU` the speakers quoted ("Family, Given", "Family, Given, Suffix", a
  particle kept before the family name, an organisation's name whole); `A2`
  the host or interviewer, as the CSL item names them.
- `TI` title; `T2` the programme, site or paper (CSL `container-title`), else
  the event; `T3` the event when both are known; `PB` the publisher (a
  hearing's committee); `CY` the place; `PY` the year and `DA` the date
  (`YYYY/MM/DD`; a date sayso could not read is given as written in `DA`);
  `UR` the URL; `ID` the citation key (`sayso-…`, as in CSL-JSON and BibTeX);
  `KW` every tag of the quotes.
- One `N1` per quote: the exact words in quotation marks, the speaker, the
  timestamp and paragraph, the user's note and tags; a quote whose words are
  no longer in the document starts with "⚠ sayso: …".

Lines are `TAG  - value`, ending in CRLF as the RIS specification asks; a
record ends with `ER  - `.  Every value is on one line: a line break inside a
note becomes " / " (a title's or a name's becomes a space), since RIS readers
differ on continuation lines (rispy makes each one a separate note).  Control
characters are made visible.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sayso.corpus.export.csl import citation_key
from sayso.corpus.export.entries import Entry, document_items
from sayso.corpus.safety import visible

#: Line ending of every RIS line (the specification's CRLF).
EOL = "\r\n"

#: CSL item type -> RIS reference type (see the module docstring); anything else is `GEN`.
RIS_TYPES = {
    "hearing": "HEAR",
    "broadcast": "SOUND",
    "motion_picture": "MPCT",
    "webpage": "ELEC",
    "post": "BLOG",
    "post-weblog": "BLOG",
    "article-newspaper": "NEWS",
    "article-magazine": "MGZN",
    "article-journal": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "report": "RPRT",
    "thesis": "THES",
    "personal_communication": "PCOMM",
    "song": "SOUND",
    "bill": "BILL",
    "legislation": "STAT",
    "legal_case": "CASE",
    "map": "MAP",
    "dataset": "DATA",
    "software": "COMP",
    "paper-conference": "CPAPER",
}


def ris_type(item: dict[str, Any]) -> str:
    """The RIS `TY` of a CSL item."""
    return RIS_TYPES.get(str(item.get("type", "")), "GEN")


def one_line(text: str, *, breaks: str = " / ") -> str:
    """`text` as one RIS value: each line break (and any blank lines) as `breaks`, runs of spaces as one, controls visible."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return visible(breaks.join(line for line in lines if line), keep_newlines=False).strip()


def ris_name(name: dict[str, str]) -> str:
    """A CSL name as RIS writes it: "Family, Given[, Suffix]" (a particle before the family name), or a literal name."""
    if "literal" in name:
        return one_line(name["literal"], breaks=" ")
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    parts = [family] + [name[key] for key in ("given", "suffix") if name.get(key)]
    return one_line(", ".join(p for p in parts if p), breaks=" ")


def ris_date(issued: dict[str, Any] | None) -> tuple[str, str]:
    """(`PY`, `DA`) of a CSL date: the year and `YYYY/MM/DD` (as far as known), or no year and the date as written."""
    if not issued:
        return "", ""
    if "date-parts" in issued:
        parts = [int(p) for p in issued["date-parts"][0]]
        if not parts:
            return "", ""
        return f"{parts[0]:04d}", "/".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])
    return "", one_line(str(issued.get("literal", "")), breaks=" ")


def quote_note(entry: Entry) -> str:
    """One quote as the text of an `N1` note (see the module docstring)."""
    q = entry.quote
    who = ", ".join(part for part in (entry.speaker or "", entry.place) if part)
    parts = []
    if entry.problem:
        parts.append(f"\u26a0 sayso: {entry.problem}; check these words against the document before using them")
    parts.append(f"\u201c{q.exact}\u201d" + (f" \u2014 {who}" if who else ""))
    if entry.edited:
        parts.append(f"{entry.edited.capitalize()}: [brackets] mark the words replaced")
    if q.note.strip():
        parts.append(f"Note: {q.note.strip()}")
    if q.tags:
        parts.append("Tags: " + ", ".join(q.tags))
    return " \u00b7 ".join(one_line(p) for p in parts)


def record(item: dict[str, Any], entries: Sequence[Entry]) -> list[tuple[str, str]]:
    """The (tag, value) lines of one document's record, without its `ER` line; values already on one line."""
    fields: list[tuple[str, str]] = [("TY", ris_type(item)), ("ID", str(item["id"]))]
    fields += [("AU", ris_name(n)) for n in item.get("author", [])]
    for role in ("interviewer", "host"):
        fields += [("A2", ris_name(n)) for n in item.get(role, [])]
    if item.get("title"):
        fields.append(("TI", one_line(item["title"], breaks=" ")))
    container, event = item.get("container-title"), item.get("event")
    if container or event:
        fields.append(("T2", one_line(str(container or event), breaks=" ")))
    if container and event:
        fields.append(("T3", one_line(event, breaks=" ")))
    document = entries[0].document if entries else None
    if document is not None and document.kind and document.kind.strip():
        fields.append(("M3", one_line(document.kind, breaks=" ")))
    year, date = ris_date(item.get("issued"))
    if year:
        fields.append(("PY", year))
    if date:
        fields.append(("DA", date))
    for publisher in ("publisher", "authority"):
        if item.get(publisher):
            fields.append(("PB", one_line(item[publisher], breaks=" ")))
    place = item.get("event-place") or item.get("publisher-place")
    if place:
        fields.append(("CY", one_line(place, breaks=" ")))
    if item.get("URL"):
        fields.append(("UR", "".join(visible(item["URL"], keep_newlines=False).split())))
    tags = dict.fromkeys(tag for e in entries for tag in e.quote.tags)
    fields += [("KW", one_line(tag, breaks=" ")) for tag in tags]
    fields += [("N1", quote_note(e)) for e in entries]
    return [(tag, value) for tag, value in fields if value]


def document_record_item(entries: Sequence[Entry]) -> dict[str, Any]:
    """The CSL item of one document's record: `document_items` of its entries, as one item even if they are
    split (one per speaker), its authors every speaker quoted, its ID the document's citation key."""
    items = document_items(entries)
    item = dict(items[0])
    authors = [name for each in items for name in each.get("author", [])]
    unique = [dict(pairs) for pairs in dict.fromkeys(tuple(sorted(n.items())) for n in authors)]
    if unique:
        item["author"] = unique
    document = entries[0].document
    if document is not None:
        item["id"] = citation_key(document)
    return item


def render(entries: Sequence[Entry]) -> str:
    """The .ris text: one record per cited document, in the order the documents are first quoted."""
    by_document: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.document is not None:
            by_document.setdefault(entry.document.id, []).append(entry)
    blocks = []
    for document_entries in by_document.values():
        item = document_record_item(document_entries)
        lines = [f"{tag}  - {value}" for tag, value in record(item, document_entries)]
        lines.append("ER  - ")
        blocks.append(EOL.join(lines) + EOL)
    return EOL.join(blocks)
