"""The library's store on a PostgreSQL archive: what `corpus.store.Store` does with files, in tables.

The library's logic (importing, merging speakers, naming people, re-anchoring)
runs unchanged above it: it takes `lock.held()`, reads a `LibraryData` with
`read_for_update`, changes it and hands it to `write_library`.  Here the lock
is a transaction holding an advisory lock, `read_for_update` reads the tables
on that transaction, and `write_library` writes only what changed (documents
by row; speakers, edits and live versions as one row) before the transaction
commits at the end of the outermost `held()`.  A failure anywhere rolls the
whole change back: an import is all of a document or none of it.

Passages are rows of `sayso.passages`, one set per version of a document;
the version `sayso.library.files` names is the live one, and `write_library`
deletes the others, in the same transaction.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sayso.corpus.errors import DataFolderError
from sayso.corpus.models import PASSAGE_SEPARATOR, Document, Passage, PassageTable, Speaker
from sayso.corpus.server.pg import LIBRARY_LOCK, Server, ServerLock, copy_rows, json_value
from sayso.corpus.store import LibraryData, PassageColumns

#: Passage-file format facts the library's `store.generation()` users expect.
PEOPLE_JOURNAL_ENTRIES = 200


#: each record class's stored field names
_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(record: Any) -> dict[str, Any]:
    """A record's fields as the archive stores them, for writing and comparing: its lists are the record's own
    (`asdict` copied every document's on every import, a cost growing with the archive)."""
    if not hasattr(record, "to_dict"):
        plain: dict[str, Any] = record
        return plain
    names = _FIELDS.get(type(record))
    if names is None:
        names = _FIELDS[type(record)] = tuple(f.name for f in dataclasses.fields(record) if f.name != "unnamed")
    attrs = getattr(record, "__dict__", None)
    if attrs is not None and len(attrs) == len(names) + ("unnamed" in attrs):
        # (its fields and nothing else: copied at C speed, a cost paid for every document per import)
        plain = dict(attrs)
        plain.pop("unnamed", None)
        return plain
    return {name: getattr(record, name) for name in names}


def _copied(row: dict[str, Any]) -> dict[str, Any]:
    """`row` with its lists and dicts copied (a stored row's values are one level deep)."""
    return {k: list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v for k, v in row.items()}


def _columns_sentences(columns: PassageColumns) -> list[list[list[int]]]:
    """The sentence spans a PassageColumns holds only encoded (in `rest`), as [[start, end], ...] per passage."""
    raw = b"".join(columns.rest)
    decoded = json.loads(b"{" + raw[1:])
    flat = decoded["sentences"]
    out = []
    for spans in flat:
        pairs = iter(spans)
        out.append([list(pair) for pair in zip(pairs, pairs)])
    return out


@dataclasses.dataclass
class _Committed:
    """What a store's last commit wrote: the library's generation, its objects, and every document's row."""

    generation: int
    data: LibraryData
    rows: dict[str, dict[str, Any]]


class ServerStore:
    """`corpus.store.Store`'s interface over an archive (see the module docstring)."""

    def __init__(self, server: Server, data_dir: Path, lock_timeout: float = 30.0) -> None:
        self.server = server
        #: this member's local folder (drafts, the meaning vectors): the archive itself is on the server
        self.data_dir = Path(data_dir)
        self.index_dir = self.data_dir / "index"
        self.docs_dir = self.data_dir / "docs"
        self.library_path = self.data_dir / "library.json"
        self.quotes_path = self.data_dir / "quotes.json"
        self.lock = ServerLock(server, LIBRARY_LOCK, lock_timeout)
        self._generation: int | None = None
        self._docs: list[dict[str, Any]] = []
        self._state: dict[str, Any] = {}
        #: the rows `read_for_update` read, to write only what changed
        self._read_docs: dict[str, dict[str, Any]] = {}
        #: the live versions `read_for_update` read (None: no read since the last write)
        self._read_files: dict[str, str] | None = None
        #: the library as this store last committed it: `read_for_update` hands it out again while nobody else
        #: has written
        self._committed: _Committed | None = None
        #: what the importer left out of each document written since the last `write_library`
        self._pending_dropped: dict[str, list[dict[str, str]]] = {}

    # -- opening ---------------------------------------------------------------------
    def prepare(self) -> None:
        from sayso.corpus.server.admin import check_version

        check_version(self.server)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataFolderError(f"cannot use the local folder {self.data_dir}: {exc.strerror or exc}") from None

    def forget_cache(self) -> None:
        self._generation = None

    def _fresh(self) -> None:
        """Reload documents and the library row when another writer changed them (one small query if not)."""
        with self.server.read() as cur:
            cur.execute("SELECT generation FROM sayso.library")
            row = cur.fetchone()
            generation = int(row["generation"]) if row else 0
            if generation == self._generation:
                return
            cur.execute("SELECT generation, speakers, edits, files FROM sayso.library")
            self._state = dict(cur.fetchone() or {"generation": 0, "speakers": [], "edits": {}, "files": {}})
            cur.execute("SELECT doc FROM sayso.documents ORDER BY seq")
            self._docs = [r["doc"] for r in cur.fetchall()]
        self._generation = generation

    def generation(self) -> int:
        self._fresh()
        return int(self._state.get("generation", 0))

    def schema_version(self) -> int | None:
        from sayso.corpus.server.admin import schema_version

        return schema_version(self.server)

    # -- reading -----------------------------------------------------------------------
    def documents(self) -> list[Document]:
        self._fresh()
        return [Document.from_dict(dict(row)) for row in self._docs]

    def document_facts(self) -> list[tuple[str, str, str, str]]:
        self._fresh()
        return [(r["id"], r.get("text_hash") or "", r.get("title") or "", r.get("kind") or "") for r in self._docs]

    def titles(self) -> dict[str, str]:
        self._fresh()
        return {row["id"]: row.get("title", "") for row in self._docs}

    def document(self, doc_id: str) -> Document | None:
        self._fresh()
        row = next((r for r in self._docs if r.get("id") == doc_id), None)
        return Document.from_dict(dict(row)) if row is not None else None

    def speakers(self) -> list[Speaker]:
        self._fresh()
        return [Speaker.from_dict(dict(row)) for row in self._state.get("speakers", [])]

    def edits(self, doc_id: str) -> dict[str, Any]:
        self._fresh()
        return dict(self._state.get("edits", {}).get(doc_id, {}))

    def passage_files(self) -> dict[str, str]:
        self._fresh()
        return dict(self._state.get("files", {}))

    def passages(self, doc_id: str) -> list[Passage]:
        return self.passages_and_version(doc_id)[0]

    def passages_and_version(self, doc_id: str) -> tuple[list[Passage], str]:
        with self.server.read() as cur:
            cur.execute("SELECT files -> %s AS v FROM sayso.library", (doc_id,))
            row = cur.fetchone()
            version = row["v"] if row and row["v"] else ""
            if not version:
                return [], ""
            cur.execute(
                'SELECT idx, speaker, text, t_start, t_end, "offset", sentences, heading FROM sayso.passages '
                "WHERE document = %s AND version = %s ORDER BY idx",
                (doc_id, version),
            )
            rows = cur.fetchall()
        prefix = f"{doc_id}:"
        return [
            Passage(
                prefix + str(r["idx"]),
                doc_id,
                r["idx"],
                r["speaker"],
                r["text"],
                r["t_start"],
                r["t_end"],
                r["offset"],
                r["sentences"] or [],
                r["heading"],
            )
            for r in rows
        ], version

    def dropped(self, doc_id: str) -> list[dict[str, str]]:
        with self.server.read() as cur:
            cur.execute("SELECT dropped FROM sayso.documents WHERE id = %s", (doc_id,))
            row = cur.fetchone()
        items = row["dropped"] if row else []
        return [i for i in items if isinstance(i, dict)]

    # -- writing (the caller holds the lock: one transaction) ------------------------------------
    def read_for_update(self) -> LibraryData:
        """The library as committed, for one transaction to change and `write_library`.

        While nobody else has written since this store's last commit, the objects that commit wrote are handed
        out again rather than read and rebuilt (rebuilding every document per imported document made an
        import into a big archive quadratic); handed out, they are forgotten until a write of them commits, so
        a transaction that rolls back leaves nothing half-changed to reuse."""
        self._pending_dropped.clear()
        committed, self._committed = self._committed, None
        with self.server.write_cursor() as cur:
            cur.execute("SELECT generation FROM sayso.library")
            generation = int((cur.fetchone() or {"generation": 0})["generation"])
            if committed is not None and committed.generation == generation:
                self._read_docs = dict(committed.rows)
                self._read_files = dict(committed.data.files)
                return LibraryData(
                    documents=list(committed.data.documents),
                    speakers=list(committed.data.speakers),
                    edits=dict(committed.data.edits),
                    generation=generation,
                    files=dict(committed.data.files),
                )
            cur.execute("SELECT generation, speakers, edits, files FROM sayso.library")
            state = cur.fetchone() or {}
            cur.execute("SELECT doc FROM sayso.documents ORDER BY seq")
            docs = [r["doc"] for r in cur.fetchall()]
        self._read_docs = {d["id"]: d for d in docs}
        self._read_files = dict(state.get("files") or {})
        return LibraryData(
            documents=[Document.from_dict(_copied(d)) for d in docs],
            speakers=[Speaker.from_dict(dict(s)) for s in state.get("speakers", [])],
            edits={k: dict(v) for k, v in (state.get("edits") or {}).items()},
            generation=int(state.get("generation", 0)),
            files=dict(state.get("files") or {}),
        )

    def write_library(self, data: LibraryData) -> None:
        """Write what changed in `data` since `read_for_update`, and drop passages no version names."""
        data.generation += 1
        docs = {d.id: _plain(d) for d in data.documents}
        speakers = [_plain(s) for s in data.speakers]
        changed: set[str] = set()
        with self.server.write_cursor() as cur:
            gone = [doc_id for doc_id in self._read_docs if doc_id not in docs]
            if gone:
                cur.execute("DELETE FROM sayso.documents WHERE id = ANY(%s)", (gone,))
            for doc_id, row in docs.items():
                dropped = self._pending_dropped.pop(doc_id, None)
                if dropped is None and self._read_docs.get(doc_id) == row:
                    continue
                if doc_id in self._read_docs:
                    cur.execute(
                        "UPDATE sayso.documents SET doc = %s, dropped = COALESCE(%s, dropped) WHERE id = %s",
                        (json_value(row), json_value(dropped) if dropped is not None else None, doc_id),
                    )
                else:
                    cur.execute(
                        "INSERT INTO sayso.documents (id, seq, doc, dropped) VALUES "
                        "(%s, (SELECT COALESCE(max(seq), 0) + 1 FROM sayso.documents), %s, %s)",
                        (doc_id, json_value(row), json_value(dropped or [])),
                    )
                self._read_docs[doc_id] = _copied(row)
                changed.add(doc_id)
            cur.execute(
                "UPDATE sayso.library SET generation = %s, speakers = %s, edits = %s, files = %s, "
                "changed_by = current_user, changed_at = now()",
                (
                    data.generation,
                    json_value(speakers),
                    json_value({k: v for k, v in data.edits.items() if v}),
                    json_value(data.files),
                ),
            )
            # Versions nothing names any more: replaced or removed documents' passages.  Only the documents
            # whose version changed are looked at (by the primary key): the whole table was read per import.
            before = self._read_files
            if before is None:
                cur.execute(
                    "DELETE FROM sayso.passages p WHERE NOT EXISTS (SELECT 1 FROM sayso.library l "
                    "WHERE l.files ->> p.document = p.version)"
                )
            elif touched := sorted(
                {d for d in [*before, *data.files] if before.get(d) != data.files.get(d)} | set(gone)
            ):
                # (the live versions as parameters: `l.files ->> p.document` read the archive's whole list of
                # files again for every passage row)
                cur.executemany(
                    "DELETE FROM sayso.passages WHERE document = %s AND version IS DISTINCT FROM %s",
                    [(d, data.files.get(d)) for d in touched],
                )
        for doc_id in gone:
            self._read_docs.pop(doc_id, None)
        self._read_files = None
        self._generation = None
        self._committed = None
        # Kept for the next transaction: the documents this one did not change as they are, and fresh copies of
        # everything it wrote (the caller keeps, and may go on changing, the objects it handed in).
        kept = [
            d if d.id not in changed else Document.from_dict(_copied(self._read_docs[d.id])) for d in data.documents
        ]
        written = _Committed(
            data.generation,
            LibraryData(
                kept,
                [Speaker.from_dict(_copied(s)) for s in speakers],
                {k: dict(v) for k, v in data.edits.items()},
                data.generation,
                dict(data.files),
            ),
            dict(self._read_docs),
        )
        self.server.after_commit(lambda: setattr(self, "_committed", written))

    def write_passages(
        self,
        doc_id: str,
        passages: list[Passage] | PassageTable,
        dropped: list[dict[str, str]] | None = None,
        columns: PassageColumns | None = None,
    ) -> str:
        """COPY a new version of one document's passages in; live once `write_library` names it."""
        if not doc_id or "/" in doc_id or doc_id.startswith("."):
            raise DataFolderError(f"bad document id {doc_id!r}")
        version = f"{doc_id}.v{os.urandom(4).hex()}"
        gap = len(PASSAGE_SEPARATOR)
        rows: Iterator[tuple[Any, ...]]
        if isinstance(passages, PassageTable):
            if columns is None:
                raise ValueError("a PassageTable is written from its PassageColumns")
            sentences = _columns_sentences(columns)

            def from_columns() -> Iterator[tuple[Any, ...]]:
                offset = 0
                for i, text in enumerate(passages.texts):
                    yield (
                        doc_id,
                        version,
                        i,
                        passages.speakers[i],
                        text,
                        columns.starts[i],
                        columns.ends[i],
                        offset,
                        json.dumps(sentences[i]),
                        columns.headings[i],
                    )
                    offset += len(text) + gap

            rows = from_columns()
        else:
            rows = (
                (
                    doc_id,
                    version,
                    p.index,
                    p.speaker,
                    p.text,
                    p.start,
                    p.end,
                    p.offset,
                    json.dumps(p.sentences),
                    p.heading,
                )
                for p in passages
            )
        self._pending_dropped[doc_id] = list(dropped or [])
        with self.server.write_cursor() as cur:
            copy_rows(
                cur,
                'COPY sayso.passages (document, version, idx, speaker, text, t_start, t_end, "offset", sentences, '
                "heading) FROM STDIN",
                rows,
            )
        return version

    def passages_together(self) -> Any:
        import contextlib

        return contextlib.nullcontext()

    def flush_passages(self) -> None:
        """(Nothing to flush: passages are rows of the same transaction.)"""

    def discard_passages(self) -> None:
        """(A failed transaction rolls its passages back.)"""
        self._pending_dropped.clear()

    def save_passages(self, doc_id: str, passages: list[Passage], dropped: list[dict[str, str]] | None = None) -> None:
        with self.lock.held():
            version = self.write_passages(doc_id, passages, dropped)
            data = self.read_for_update()
            data.files[doc_id] = version
            self.write_library(data)

    def remove_document(self, data: LibraryData, doc_id: str) -> None:
        with self.lock.held():
            data.remove(doc_id)
            self.write_library(data)

    # -- the people journal ---------------------------------------------------------------------------
    @property
    def people_journal_path(self) -> Path:
        return self.data_dir / "people-journal (on the server)"

    def people_journal(self) -> list[dict[str, Any]]:
        with self.server.read() as cur:
            cur.execute("SELECT entry FROM sayso.people_journal ORDER BY seq")
            return [r["entry"] for r in cur.fetchall() if isinstance(r["entry"], dict)]

    def write_people_journal(self, entries: list[dict[str, Any]]) -> None:
        kept = entries[-PEOPLE_JOURNAL_ENTRIES:]
        with self.lock.held(), self.server.write_cursor() as cur:
            cur.execute("DELETE FROM sayso.people_journal")
            for entry in kept:
                cur.execute("INSERT INTO sayso.people_journal (entry) VALUES (%s)", (json_value(entry),))
