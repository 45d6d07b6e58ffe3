"""CSL-JSON export: one item per cited document (CSL 1.0.2), for Zotero, pandoc and other reference managers."""

from __future__ import annotations

from collections.abc import Sequence

from sayso.corpus.export.entries import Entry, document_items
from sayso.corpus.safety import safe_json


def render(entries: Sequence[Entry]) -> str:
    """A JSON array of CSL items, control characters escaped."""
    return safe_json(document_items(entries), indent=2) + "\n"
