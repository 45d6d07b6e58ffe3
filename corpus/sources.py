"""What search and quotes need from the rest of the library, as small interfaces.

`SearchIndex` and `QuoteBook` never hold the `Library`: they are given these
collaborators when they are made, and `Library` is the one place that
assembles them.  A script or benchmark can pass its own (or none).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import Protocol

from sayso.corpus.models import Document, Passage, Speaker


class DocumentSource(Protocol):
    """The library's documents and their passages, as read now."""

    def documents(self) -> list[Document]:
        """Every document, in import order."""
        ...

    def document(self, ref: str) -> Document:
        """A document by id, id prefix or title; NotFound or Ambiguous otherwise."""
        ...

    def passages(self, doc_id: str) -> list[Passage]:
        """One document's passages in reading order."""
        ...

    def passages_and_version(self, doc_id: str) -> tuple[list[Passage], str]:
        """One document's passages and the version of its passages file."""
        ...

    def passage_versions(self) -> dict[str, str]:
        """The live version of each document's passages, by document id."""
        ...


class WriteLock(Protocol):
    """The data folder's write lock (corpus.store.WriteLock): held while a file is written."""

    def held(self, timeout: float | None = None) -> AbstractContextManager[object]:
        """Hold the lock for the `with` block (re-entrant within a thread); LibraryBusy after `timeout`
        seconds of waiting (the lock's own timeout when None)."""
        ...


#: Every speaker of the library with their aliases (search matches a query word or a
#: `speaker:` facet against all the names a person goes by).
SpeakerList = Callable[[], Iterable[Speaker]]

#: The speaker a user's reference names (name or alias); NotFound or Ambiguous otherwise.
SpeakerResolver = Callable[[str], Speaker]

#: Ids of the passages holding a quote with the given tag (search's `tag:` facet).
TagLookup = Callable[[str], set[str]]

#: Where a component reports a problem that is no error of the caller's (an index that
#: could not be saved); the library keeps them for the CLI or the app to show.
Warn = Callable[[str], None]
