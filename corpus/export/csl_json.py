"""CSL-JSON export (CSL 1.0.2), for Zotero, pandoc and other reference managers.

One item per document and speaker quoted (`entries.cited_items`): each
speaker is the author of their own words, so pandoc cites each quote to the
person who said it.  The ids are the keys the Markdown and BibTeX exports use.
"""

from __future__ import annotations

from collections.abc import Sequence

from sayso.corpus.export.entries import Entry, cited_items
from sayso.corpus.safety import safe_json


def render(entries: Sequence[Entry]) -> str:
    """A JSON array of CSL items, control characters escaped."""
    return safe_json(cited_items(entries), indent=2) + "\n"
