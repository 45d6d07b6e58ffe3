"""The library's store on a PostgreSQL archive: what `corpus.store.Store` does with files, in tables.

The library's logic (importing, merging speakers, naming people, re-anchoring)
runs unchanged above it: it takes `lock.held()`, reads a `LibraryData` with
`read_for_update`, changes it and hands it to `write_library`.  Here the lock
is a transaction holding an advisory lock, `read_for_update` reads the tables
on that transaction, and `write_library` writes only the rows that changed
(a document, its live version, its edits, a speaker and where they speak)
before the transaction commits at the end of the outermost `held()`.  A
failure anywhere rolls the whole change back: an import is all of a document
or none of it.  Nothing written per import grows with the archive.

Passages are rows of `sayso.passages`, one set per version of a document;
the version `sayso.files` names is the live one, and `write_library` deletes
the others, in the same transaction.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
from collections.abc import Iterable, Iterator
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
class _Rows:
    """The library's rows as committed (or as this transaction read them): what `write_library` compares with,
    to write only what changed.  Its values are its own copies, never the objects handed to a caller."""

    #: document id -> the document's row
    docs: dict[str, dict[str, Any]]
    #: document id -> its live passages version
    files: dict[str, str]
    #: document id -> the user's edits to it (none empty)
    edits: dict[str, dict[str, Any]]
    #: (speaker name, which of that name) -> their row, with `counts` and `documents`, in the library's order
    speakers: dict[tuple[str, int], dict[str, Any]]

    def copy(self) -> _Rows:
        # (rows are replaced whole when written, never changed in place: a shallow copy of each table will do)
        return _Rows(dict(self.docs), dict(self.files), dict(self.edits), dict(self.speakers))


def _read_rows(cur: Any) -> tuple[int, _Rows]:
    """The library's generation and rows, read on `cur`."""
    cur.execute("SELECT generation FROM sayso.library")
    generation = int((cur.fetchone() or {"generation": 0})["generation"])
    cur.execute("SELECT doc FROM sayso.documents ORDER BY seq")
    docs = {d["id"]: d for d in (r["doc"] for r in cur.fetchall())}
    cur.execute("SELECT document, version FROM sayso.files")
    files = {r["document"]: r["version"] for r in cur.fetchall()}
    cur.execute("SELECT document, edits FROM sayso.edits")
    edits = {r["document"]: r["edits"] for r in cur.fetchall() if isinstance(r["edits"], dict) and r["edits"]}
    cur.execute("SELECT name, nth, speaker FROM sayso.speakers ORDER BY pos, name, nth")
    speakers: dict[tuple[str, int], dict[str, Any]] = {}
    for r in cur.fetchall():
        row = dict(r["speaker"]) if isinstance(r["speaker"], dict) else {}
        row["name"] = r["name"]
        row["counts"], row["documents"] = {}, []
        speakers[r["name"], r["nth"]] = row
    cur.execute("SELECT name, nth, document, passages, listed FROM sayso.speaker_documents ORDER BY document")
    for r in cur.fetchall():
        held = speakers.get((r["name"], r["nth"]))
        if held is None:
            continue
        if r["passages"] is not None:
            held["counts"][r["document"]] = r["passages"]
        if r["listed"]:
            held["documents"].append(r["document"])
    return generation, _Rows(docs, files, edits, speakers)


def _speaker_places(old: dict[str, Any] | None, new: dict[str, Any]) -> list[tuple[str, int | None, bool]]:
    """The (document, passages, listed) rows of `sayso.speaker_documents` that differ between a speaker's old
    and new row (passages None and listed False: the row goes)."""
    old_counts: dict[str, Any] = old["counts"] if old else {}
    old_docs: list[str] = old["documents"] if old else []
    counts: dict[str, Any] = new.get("counts") or {}
    docs: list[str] = new.get("documents") or []
    changed = {d for d, _ in counts.items() ^ old_counts.items()}
    listed = set(docs)
    if docs != old_docs:
        changed |= listed ^ set(old_docs)
    return [(d, counts.get(d), d in listed) for d in sorted(changed)]


def _as_columns(rows: list[tuple[Any, ...]]) -> tuple[list[Any], ...]:
    """Rows as one list per column: the arrays an `unnest(...)` statement writes them from, in one statement."""
    return tuple(list(column) for column in zip(*rows))


@dataclasses.dataclass
class _Committed:
    """What a store's last commit wrote: the library's generation, its objects, and its rows."""

    generation: int
    data: LibraryData
    rows: _Rows


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
        #: the library as last read for reading (its generation: None, to be read again)
        self._generation: int | None = None
        self._rows = _Rows({}, {}, {}, {})
        #: the rows `read_for_update` read, to write only what changed (None: no read since the last write)
        self._read: _Rows | None = None
        #: the library as this store last committed it: `read_for_update` hands it out again while nobody else
        #: has written
        self._committed: _Committed | None = None
        #: what the importer left out of each document written since the last `write_library`
        self._pending_dropped: dict[str, list[dict[str, str]]] = {}

    # -- opening ---------------------------------------------------------------------
    def fingerprint(self) -> str | None:
        """(An archive's facts are not one file: there is no cheap fingerprint of them.)"""
        return None

    def has_passages(self, doc_id: str) -> bool:
        """(An archive's document and its passages are written in one transaction.)"""
        return True

    def prepare(self, trusted: str | None = None) -> None:
        from sayso.corpus.server.admin import check_version

        check_version(self.server)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataFolderError(f"cannot use the local folder {self.data_dir}: {exc.strerror or exc}") from None

    def forget_cache(self) -> None:
        self._generation = None

    def _fresh(self) -> None:
        """Reload the library's rows when another writer changed them (one small query if not)."""
        with self.server.read() as cur:
            cur.execute("SELECT generation FROM sayso.library")
            row = cur.fetchone()
            generation = int(row["generation"]) if row else 0
            if generation == self._generation:
                return
        # (read together, as of one moment: another member may be writing meanwhile)
        with self.server.snapshot() as cur:
            generation, self._rows = _read_rows(cur)
        self._generation = generation

    def generation(self) -> int:
        self._fresh()
        return self._generation or 0

    def schema_version(self) -> int | None:
        from sayso.corpus.server.admin import schema_version

        return schema_version(self.server)

    # -- reading -----------------------------------------------------------------------
    def documents(self) -> list[Document]:
        self._fresh()
        return [Document.from_dict(_copied(row)) for row in self._rows.docs.values()]

    def document_facts(self) -> list[tuple[str, str, str, str]]:
        self._fresh()
        return [
            (r["id"], r.get("text_hash") or "", r.get("title") or "", r.get("kind") or "")
            for r in self._rows.docs.values()
        ]

    def titles(self) -> dict[str, str]:
        self._fresh()
        return {doc_id: row.get("title", "") for doc_id, row in self._rows.docs.items()}

    def document(self, doc_id: str) -> Document | None:
        self._fresh()
        row = self._rows.docs.get(doc_id)
        return Document.from_dict(_copied(row)) if row is not None else None

    def speakers(self) -> list[Speaker]:
        self._fresh()
        return [Speaker.from_dict(_copied(row)) for row in self._rows.speakers.values()]

    def edits(self, doc_id: str) -> dict[str, Any]:
        self._fresh()
        return copy.deepcopy(self._rows.edits.get(doc_id, {}))

    def passage_files(self) -> dict[str, str]:
        self._fresh()
        return dict(self._rows.files)

    def passages(self, doc_id: str) -> list[Passage]:
        return self.passages_and_version(doc_id)[0]

    def passages_and_version(self, doc_id: str) -> tuple[list[Passage], str]:
        # (one snapshot: a version read, then replaced and deleted by another member's import before its
        # passages were, read as none)
        with self.server.snapshot() as cur:
            cur.execute("SELECT version AS v FROM sayso.files WHERE document = %s", (doc_id,))
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
                self._read = committed.rows.copy()
                return LibraryData(
                    documents=list(committed.data.documents),
                    speakers=list(committed.data.speakers),
                    edits=dict(committed.data.edits),
                    generation=generation,
                    files=dict(committed.data.files),
                )
            generation, rows = _read_rows(cur)
        self._read = rows
        return LibraryData(
            documents=[Document.from_dict(_copied(d)) for d in rows.docs.values()],
            speakers=[Speaker.from_dict(_copied(s)) for s in rows.speakers.values()],
            edits=copy.deepcopy(rows.edits),
            generation=generation,
            files=dict(rows.files),
        )

    def write_library(self, data: LibraryData) -> None:
        """Write the rows that changed in `data` since `read_for_update`, and drop passages no version names."""
        data.generation += 1
        # (pipelined: the statements go together, not each waiting for the one before it)
        with self.server.write_cursor() as cur, cur.connection.pipeline():
            before = self._read
            if before is None:  # (not read in this transaction: compare with the archive as it is)
                _, before = _read_rows(cur)
            after = before.copy()
            gone = self._write_documents(cur, data, before, after)
            self._write_files(cur, data, before, after, gone)
            self._write_edits(cur, data, before, after)
            speakers_written = self._write_speakers(cur, data, before, after)
            cur.execute(
                "UPDATE sayso.library SET generation = %s, changed_by = current_user, changed_at = now()",
                (data.generation,),
            )
        self._read = None
        self._generation = None
        self._committed = None
        # Kept for the next transaction: what this one did not change as it is, and fresh copies of everything
        # it wrote (the caller keeps, and may go on changing, the objects it handed in).
        kept = [
            d if after.docs.get(d.id) is before.docs.get(d.id) else Document.from_dict(_copied(after.docs[d.id]))
            for d in data.documents
        ]
        speakers = [
            Speaker.from_dict(_copied(row)) if fresh else s
            for s, fresh, row in zip(data.speakers, speakers_written, after.speakers.values(), strict=True)
        ]
        written = _Committed(
            data.generation,
            LibraryData(kept, speakers, copy.deepcopy(data.edits), data.generation, dict(data.files)),
            after,
        )
        self.server.after_commit(lambda: setattr(self, "_committed", written))

    def _write_documents(self, cur: Any, data: LibraryData, before: _Rows, after: _Rows) -> list[str]:
        """The documents' rows that changed; returns the ids of those removed."""
        docs = {d.id: d for d in data.documents}
        gone = [doc_id for doc_id in before.docs if doc_id not in docs]
        if gone:
            cur.execute("DELETE FROM sayso.documents WHERE id = ANY(%s)", (gone,))
            for doc_id in gone:
                del after.docs[doc_id]
        looked_at: Iterable[str] = docs
        if data.only_documents is not None:
            # (an import's batch named what it changed: comparing every document cost a few ms per import)
            named = data.only_documents | self._pending_dropped.keys() | (docs.keys() - before.docs.keys())
            looked_at = [doc_id for doc_id in docs if doc_id in named]  # (in the library's order: new ones' seq)
        for doc_id in looked_at:
            doc = docs[doc_id]
            dropped = self._pending_dropped.pop(doc_id, None)
            # (compared as it is, not copied first: this runs for every document of the archive at every write)
            if dropped is None and before.docs.get(doc_id) == getattr(doc, "__dict__", None):
                continue
            row = _plain(doc)
            if dropped is None and before.docs.get(doc_id) == row:
                continue
            if doc_id in before.docs:
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
            after.docs[doc_id] = _copied(row)
        return gone

    def _write_files(self, cur: Any, data: LibraryData, before: _Rows, after: _Rows, gone: list[str]) -> None:
        """The live versions that changed, and the passages of versions nothing names any more (replaced or
        removed documents': only theirs are looked at, by the primary key)."""
        changed = {d for d, _ in data.files.items() ^ before.files.items()}
        if not changed and not gone:
            return
        removed = sorted(d for d in changed if d not in data.files)
        if removed:
            cur.execute("DELETE FROM sayso.files WHERE document = ANY(%s)", (removed,))
        named = sorted(d for d in changed if d in data.files)
        if named:
            cur.execute(
                "INSERT INTO sayso.files AS f (document, version) SELECT * FROM unnest(%s::text[], %s::text[]) "
                "ON CONFLICT (document) DO UPDATE SET version = excluded.version",
                (named, [data.files[d] for d in named]),
            )
        after.files = dict(data.files)
        touched = sorted(changed | set(gone))
        cur.executemany(
            "DELETE FROM sayso.passages WHERE document = %s AND version IS DISTINCT FROM %s",
            [(d, data.files.get(d)) for d in touched],
        )

    def _write_edits(self, cur: Any, data: LibraryData, before: _Rows, after: _Rows) -> None:
        edits = {k: v for k, v in data.edits.items() if v}
        if edits == before.edits:
            return
        removed = [d for d in before.edits if d not in edits]
        if removed:
            cur.execute("DELETE FROM sayso.edits WHERE document = ANY(%s)", (removed,))
            for d in removed:
                del after.edits[d]
        for doc_id, value in edits.items():
            if before.edits.get(doc_id) == value:
                continue
            cur.execute(
                "INSERT INTO sayso.edits AS e (document, edits) VALUES (%s, %s) "
                "ON CONFLICT (document) DO UPDATE SET edits = excluded.edits",
                (doc_id, json_value(value)),
            )
            after.edits[doc_id] = copy.deepcopy(value)

    def _write_speakers(self, cur: Any, data: LibraryData, before: _Rows, after: _Rows) -> list[bool]:
        """The speakers' rows and places that changed, and their order if it did; returns for each speaker of
        `data` whether it was written."""
        rows: dict[tuple[str, int], dict[str, Any]] = {}
        seen: dict[str, int] = {}
        for s in data.speakers:
            nth = seen[s.name] = seen.get(s.name, -1) + 1
            rows[s.name, nth] = _plain(s)
        gone = [key for key in before.speakers if key not in rows]
        if gone:
            names, nths = [k[0] for k in gone], [k[1] for k in gone]
            cur.execute(
                "DELETE FROM sayso.speaker_documents d USING unnest(%s::text[], %s::integer[]) AS t(name, nth) "
                "WHERE d.name = t.name AND d.nth = t.nth",
                (names, nths),
            )
            cur.execute(
                "DELETE FROM sayso.speakers d USING unnest(%s::text[], %s::integer[]) AS t(name, nth) "
                "WHERE d.name = t.name AND d.nth = t.nth",
                (names, nths),
            )
            for key in gone:
                del after.speakers[key]
        # Their order: kept as it was, with newcomers after everyone else, is the usual case (an import);
        # anything else (a merge, a rename) numbers everyone again.
        old_order = [key for key in before.speakers if key in rows]
        order = list(rows)
        renumber = order[: len(old_order)] != old_order
        top = 0
        if not renumber and len(order) > len(old_order):
            cur.execute("SELECT COALESCE(max(pos), 0) AS top FROM sayso.speakers")
            top = int((cur.fetchone() or {"top": 0})["top"])
        written: list[bool] = []
        places: list[tuple[str, int, str, int | None, bool]] = []
        own_rows: list[tuple[str, int, int, str]] = []
        for pos, (key, row) in enumerate(rows.items()):
            old = before.speakers.get(key)
            if old is not None and old == row:
                written.append(False)
                continue
            own = {k: v for k, v in row.items() if k not in ("name", "counts", "documents")}
            if old is None or own != {k: v for k, v in old.items() if k not in ("name", "counts", "documents")}:
                own_rows.append((*key, pos + 1 if renumber else top + pos + 1, json.dumps(own)))
            places.extend((*key, *place) for place in _speaker_places(old, row))
            after.speakers[key] = _copied(row)
            written.append(True)
        if own_rows:
            cur.execute(
                "INSERT INTO sayso.speakers AS s (name, nth, pos, speaker) "
                "SELECT * FROM unnest(%s::text[], %s::integer[], %s::bigint[], %s::jsonb[]) "
                "ON CONFLICT (name, nth) DO UPDATE SET speaker = excluded.speaker",
                _as_columns(own_rows),
            )
        drop = [p for p in places if p[3] is None and not p[4]]
        if drop:
            cur.execute(
                "DELETE FROM sayso.speaker_documents d USING unnest(%s::text[], %s::integer[], %s::text[]) "
                "AS t(name, nth, document) WHERE d.name = t.name AND d.nth = t.nth AND d.document = t.document",
                _as_columns([p[:3] for p in drop]),
            )
        keep = [p for p in places if p[3] is not None or p[4]]
        if keep:
            cur.execute(
                "INSERT INTO sayso.speaker_documents AS d (name, nth, document, passages, listed) "
                "SELECT * FROM unnest(%s::text[], %s::integer[], %s::text[], %s::integer[], %s::boolean[]) "
                "ON CONFLICT (name, nth, document) DO UPDATE SET passages = excluded.passages, listed = excluded.listed",
                _as_columns(keep),
            )
        if renumber:
            cur.execute(
                "UPDATE sayso.speakers s SET pos = t.pos "
                "FROM unnest(%s::text[], %s::integer[], %s::bigint[]) AS t(name, nth, pos) "
                "WHERE s.name = t.name AND s.nth = t.nth",
                ([k[0] for k in order], [k[1] for k in order], list(range(1, len(order) + 1))),
            )
        # (the rows kept for the next transaction in the library's order)
        after.speakers = {key: after.speakers[key] for key in order}
        return written

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
