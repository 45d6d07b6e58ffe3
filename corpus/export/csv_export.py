"""CSV export: one row per quote, RFC 4180 (comma-separated, CRLF line ends, quotes doubled).

Cells are made safe for spreadsheets: control characters from documents are
made visible, and a cell that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return gets a leading apostrophe so no spreadsheet runs it as a
formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from sayso.corpus.export.entries import Entry, format_timestamp
from sayso.corpus.safety import visible

COLUMNS = (
    "id",
    "document",
    "title",
    "speaker",
    "timestamp",
    "locator",
    "exact",
    "note",
    "tags",
    "status",
    "citation",
    "recording",
)
#: What the status column says for a quote whose words are exactly at its place.
STATUS_OK = "verified"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """One cell: text made visible, formula starts neutralised."""
    text = visible("" if value is None else str(value))
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def row(entry: Entry) -> list[str]:
    q = entry.quote
    values = (
        q.id,
        q.document,
        entry.title,
        entry.speaker or "",
        format_timestamp(entry.timestamp) if entry.timestamp is not None else "",
        entry.paragraph_label,
        q.exact,
        q.note,
        "; ".join(q.tags),
        "; ".join(s for s in (entry.problem, entry.edited) if s) or STATUS_OK,
        entry.citation,
        entry.moment_link,
    )
    return [cell(v) for v in values]


def render(entries: Sequence[Entry]) -> str:
    """The CSV text, header row first."""
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for entry in entries:
        writer.writerow(row(entry))
    return out.getvalue()
