"""Search: the one module that uses rapidfuzz.  (First version: a plain scan, to be replaced.)"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from corpus.models import Document, Hit, Passage

if TYPE_CHECKING:
    from corpus.library import Library


def fuzzy_choices(query: str, choices: list[str], limit: int = 5, cutoff: float = 60) -> list[int]:
    """Indexes of the `choices` that best match `query` (typo-tolerant), best first."""
    found = process.extract(query, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)
    return [index for _, _, index in found]


class SearchIndex:
    """Placeholder index: keeps nothing on disk and scans passages on each query."""

    def __init__(self, folder: Path, library: Library) -> None:
        self.folder = folder
        self.library = library

    @classmethod
    def open(cls, folder: Path, library: Library) -> SearchIndex:
        return cls(folder, library)

    def add_document(self, doc: Document, passages: list[Passage]) -> None:
        pass

    def remove_document(self, doc_id: str) -> None:
        pass

    def save(self) -> None:
        pass

    def search(self, query: str, *, limit: int = 10, speaker: str | None = None, doc: str | None = None,
               kind: str | None = None, tag: str | None = None) -> list[Hit]:
        hits: list[Hit] = []
        q = query.casefold()
        for d in self.library.documents():
            for p in self.library.passages(d.id):
                at = p.text.casefold().find(q)
                if at >= 0:
                    hits.append(Hit(p.id, d.id, p.speaker, p.text, 1.0, [[at, at + len(q)]], d.title, p.index, p.start))
        return hits[:limit]
