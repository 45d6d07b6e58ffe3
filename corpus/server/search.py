"""Search on a shared archive (being written)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sayso.corpus.errors import SaysoError
from sayso.corpus.models import Document, Hit, Passage, PassageTable, Speaker
from sayso.corpus.server.pg import Server


class ServerSearch:
    def __init__(
        self, server: Server, *, speakers: Callable[[], Iterable[Speaker]], tags: Callable[[str], set[str]]
    ) -> None:
        self.server = server
        self.speakers = speakers
        self.tags = tags

    def add_document(self, doc: Document, passages: list[Passage] | PassageTable, version: str) -> None:
        pass

    def remove_document(self, doc_id: str) -> None:
        pass

    def save(self) -> None:
        pass

    def search(self, query: str, limit: int = 10, **facets: Any) -> list[Hit]:
        raise SaysoError("search on a shared archive is not built yet")
