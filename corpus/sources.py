"""What search and quotes need from the rest of the library, as small interfaces.

`SearchIndex` and `QuoteBook` never hold the `Library`: they are given these
collaborators when they are made, and `Library` is the one place that
assembles them.  A script or benchmark can pass its own (or none).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sayso.corpus.models import Document, Hit, Passage, PassageTable, Speaker

if TYPE_CHECKING:
    from sayso.corpus.store import LibraryData, PassageColumns


class DocumentSource(Protocol):
    """The library's documents and their passages, as read now."""

    def documents(self) -> list[Document]:
        """Every document, in import order."""
        ...

    def document(self, ref: str) -> Document:
        """A document by id, id prefix or title; NotFound or Ambiguous otherwise."""
        ...

    def document_facts(self) -> list[tuple[str, str, str, str]]:
        """(id, text hash, title, kind) of every document, in import order, without building the documents."""
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

    def fingerprint(self) -> str | None:
        """Which version of all of the above is on disk now (the same one means nothing changed), or None
        when that cannot be told cheaply."""
        ...


class WriteLock(Protocol):
    """The data folder's write lock (corpus.store.WriteLock), or an archive's (corpus.server.pg.ServerLock):
    held while a change is written."""

    @property
    def timeout(self) -> float:
        """Seconds `held()` waits by default."""
        ...

    @property
    def is_held(self) -> bool:
        """True while this thread holds it."""
        ...

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


class LibraryStore(Protocol):
    """Where a library keeps its documents, speakers and passages: files in a data folder
    (corpus.store.Store) or a shared archive's tables (corpus.server.store.ServerStore).

    Writers call `read_for_update`, change the `LibraryData` and hand it to
    `write_library`, all inside `with lock.held():`; nothing is written before then.
    """

    data_dir: Path
    index_dir: Path
    docs_dir: Path
    library_path: Path
    quotes_path: Path

    @property
    def lock(self) -> WriteLock: ...
    def prepare(self, trusted: str | None = None) -> None: ...
    def fingerprint(self) -> str | None: ...
    def has_passages(self, doc_id: str) -> bool: ...
    def forget_cache(self) -> None: ...
    def generation(self) -> int: ...
    def documents(self) -> list[Document]: ...
    def titles(self) -> dict[str, str]: ...
    def document_facts(self) -> list[tuple[str, str, str, str]]: ...
    def document(self, doc_id: str) -> Document | None: ...
    def speakers(self) -> list[Speaker]: ...
    def edits(self, doc_id: str) -> dict[str, Any]: ...
    def passage_files(self) -> dict[str, str]: ...
    def passages(self, doc_id: str) -> list[Passage]: ...
    def passages_and_version(self, doc_id: str) -> tuple[list[Passage], str]: ...
    def dropped(self, doc_id: str) -> list[dict[str, str]]: ...
    def read_for_update(self) -> LibraryData: ...
    def write_library(self, data: LibraryData) -> None: ...
    def write_passages(
        self,
        doc_id: str,
        passages: list[Passage] | PassageTable,
        dropped: list[dict[str, str]] | None = None,
        columns: PassageColumns | None = None,
    ) -> str: ...
    def passages_together(self) -> AbstractContextManager[None]: ...
    def flush_passages(self) -> None: ...
    def discard_passages(self) -> None: ...
    def save_passages(
        self, doc_id: str, passages: list[Passage], dropped: list[dict[str, str]] | None = None
    ) -> None: ...
    def remove_document(self, data: LibraryData, doc_id: str) -> None: ...
    @property
    def people_journal_path(self) -> Path: ...
    def people_journal(self) -> list[dict[str, Any]]: ...
    def write_people_journal(self, entries: list[dict[str, Any]]) -> None: ...


class WordIndex(Protocol):
    """The word search a library keeps in step with its documents: the local segments (corpus.search) or
    the archive's tables (corpus.server.search).  Changes are made inside the store's lock."""

    #: what an import's parse workers may work out ahead for `add_document(words=)` from a document's passage
    #: texts (a module-level function, sent to them by name), or None
    import_words: Callable[[Sequence[str]], Any] | None
    #: whether `import_words` is worth working out ahead also for a file parsed in the importing process
    import_words_here: bool
    #: the DocumentSource.fingerprint whose document titles and kinds its hits are known to carry, or None
    in_step: str | None

    def add_document(
        self, doc: Document, passages: list[Passage] | PassageTable, version: str = "", words: Any = None
    ) -> None: ...
    def remove_document(self, doc_id: str) -> None: ...
    def save(self) -> None: ...
    def merge(self, *, budget: int | None = None, lock_timeout: float | None = None) -> int: ...
    def bulk_import(self, files: int) -> AbstractContextManager[None]: ...
    def unmatched_facets(self, query: str, *, speaker: str | None = None, doc: str | None = None) -> list[str]: ...
    def warm_up(self) -> None: ...
    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        speaker: str | None = None,
        doc: str | None = None,
        kind: str | None = None,
        tag: str | None = None,
    ) -> list[Hit]: ...
