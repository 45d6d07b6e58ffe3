"""Quotes: the user's data.  (First version: a placeholder until the quotes issue lands.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.library import Library


class QuoteBook:
    def __init__(self, library: Library) -> None:
        self.library = library

    def reanchor_document(self, doc_id: str) -> None:
        pass
