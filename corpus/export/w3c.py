"""W3C Web Annotation export: an AnnotationCollection whose first page holds one annotation per quote.

Each annotation targets a SpecificResource: its `source` is the document's URL
when it has a usable one, else a `file:` URI of the imported file, else
`urn:sayso:document:ID`; its selectors are a TextQuoteSelector (exact,
prefix, suffix) and a TextPositionSelector (start, end).  Positions count in
sayso's text of the document (passages joined by a blank line), which is what
sayso re-anchors against; the quote selector is what other tools should use
on the original.

Bodies: the note as a TextualBody with purpose `commenting`, each tag as a
TextualBody with purpose `tagging`.  A quote whose words no longer match the
document gets one more TextualBody with purpose `assessing` saying so.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote as percent_encode

from sayso.corpus.export.entries import Entry
from sayso.corpus.safety import safe_json

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
GENERATOR = {"type": "Software", "name": "sayso"}

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`\x00-\x1f\x7f-\x9f]+$")


def _urn(kind: str, value: str) -> str:
    return f"urn:sayso:{kind}:{percent_encode(value, safe='')}"


def source_uri(entry: Entry) -> str:
    """The address the annotation targets (see the module docstring)."""
    doc = entry.document
    if doc is None:
        return _urn("document", entry.quote.document)
    url = (doc.url or "").strip()
    if url and _URI.match(url) and url.split(":", 1)[0].lower() in ("http", "https"):
        return url
    source = doc.source or ""
    if PurePosixPath(source).is_absolute():
        return "file://" + percent_encode(source, safe="/")
    if PureWindowsPath(source).is_absolute():
        return PureWindowsPath(source).as_uri()
    return _urn("document", doc.id)


def timestamp(value: str) -> str | None:
    """An xsd:dateTime in UTC (`2024-03-05T10:00:00Z`), or None for an empty or unreadable value."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)  # sayso records times in UTC
    return parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def annotation(entry: Entry, creator: dict[str, Any]) -> dict[str, Any]:
    """One quote as a Web Annotation."""
    q = entry.quote
    bodies: list[dict[str, Any]] = []
    if q.note.strip():
        bodies.append({"type": "TextualBody", "value": q.note, "format": "text/plain", "purpose": "commenting"})
    for tag in q.tags:
        bodies.append({"type": "TextualBody", "value": tag, "purpose": "tagging"})
    if entry.problem:
        bodies.append(
            {
                "type": "TextualBody",
                "value": f"\u26a0 sayso: {entry.problem}; check these words against the document before using them",
                "format": "text/plain",
                "purpose": "assessing",
            }
        )
    if entry.edited:
        bodies.append(
            {
                "type": "TextualBody",
                "value": f"sayso: {entry.edited}: [brackets] mark the words replaced",
                "format": "text/plain",
                "purpose": "describing",
            }
        )
    quote_selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": q.exact}
    if q.prefix:
        quote_selector["prefix"] = q.prefix
    if q.suffix:
        quote_selector["suffix"] = q.suffix
    target: dict[str, Any] = {
        "type": "SpecificResource",
        "source": source_uri(entry),
        "selector": [quote_selector, {"type": "TextPositionSelector", "start": q.start, "end": q.end}],
    }
    anno: dict[str, Any] = {
        "@context": CONTEXT,
        "id": _urn("quote", q.id),
        "type": "Annotation",
        "motivation": "commenting" if q.note.strip() else ("tagging" if q.tags else "highlighting"),
        "creator": creator,
        "generator": GENERATOR,
    }
    for name, value in (("created", q.created), ("modified", q.modified)):
        when = timestamp(value)
        if when:
            anno[name] = when
    if bodies:
        anno["body"] = bodies
    anno["target"] = target
    return anno


def collection(
    entries: Sequence[Entry], *, creator: str | None = None, label: str = "Quotes exported from sayso"
) -> dict[str, Any]:
    """The AnnotationCollection, its single page embedded as `first`.

    Its id is derived from the quote ids so the same selection exports to the
    same collection.  `creator` names the person who made the quotes; without
    it the creator is sayso itself.
    """
    agent = {"type": "Person", "name": creator} if creator else dict(GENERATOR)
    digest = hashlib.sha1("\n".join(e.quote.id for e in entries).encode("utf-8")).hexdigest()[:16]
    collection_id = f"urn:sayso:export:{digest}"
    items = [annotation(e, agent) for e in entries]
    result: dict[str, Any] = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
    }
    if items:
        result["first"] = {
            "@context": CONTEXT,
            "id": f"{collection_id}:page:1",
            "type": "AnnotationPage",
            "partOf": {"id": collection_id, "label": label, "total": len(items)},
            "startIndex": 0,
            "items": items,
        }
    return result


def render(entries: Sequence[Entry], *, creator: str | None = None) -> str:
    """The collection as JSON-LD text, control characters escaped."""
    return safe_json(collection(entries, creator=creator), indent=2) + "\n"
