"""Quotes on a shared archive: `QuoteBook`'s logic, its rows in `sayso.quotes` and `sayso.notes`.

Every change is still a read-modify-write under a lock, as locally; the lock is
a transaction holding the quotes' advisory lock, and the write sends only the
rows that changed.  Each UPDATE names the revision it read (`WHERE revision =`),
and the server raises the revision on every change and records who made it, so
no client can forge authorship or overwrite a change it did not see.

A quote's note is a row of `sayso.notes`, private to its author or shared
(row-level security: another member's private note is not even read).  Notes
never travel in the quote row or its history, which every member reads; a
note's earlier versions are kept in the note row's own history.
"""

from __future__ import annotations

import builtins
import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sayso.corpus.errors import SaysoError
from sayso.corpus.quotes import QuoteBook, _Rows, now_iso, row_problem
from sayso.corpus.server.pg import QUOTES_LOCK, NotAllowed, Server, ServerLock, json_value
from sayso.corpus.sources import DocumentSource, SpeakerResolver

#: Fields of a quote row that live in columns or in the note row, not in `sayso.quotes.quote`.
_NOT_IN_QUOTE = ("note", "private", "note_by", "revision", "created_by", "modified_by")


def _quote_part(row: dict[str, Any]) -> dict[str, Any]:
    """The part of a quote row every member reads: no note, and no earlier note in its history if the note
    is private now (a shared note's earlier versions were shared too)."""
    out = {k: v for k, v in row.items() if k not in _NOT_IN_QUOTE}
    if row.get("private"):
        out["history"] = [{k: v for k, v in entry.items() if k != "note"} for entry in row.get("history", [])]
    return out


class ServerQuoteBook(QuoteBook):
    """`QuoteBook` over an archive (see the module docstring)."""

    def __init__(self, server: Server, data_dir: Path, documents: DocumentSource, *, speaker: SpeakerResolver) -> None:
        super().__init__(data_dir, ServerLock(server, QUOTES_LOCK), documents, speaker=speaker)
        self.server = server
        self.user = server.user
        self._stamp: tuple[Any, ...] | None = None

    def changed_by(self, quote_id: str) -> str | None:
        """Who last changed quote `quote_id`, as the server recorded it; None if there is no such quote."""
        with self.server.read() as cur:
            cur.execute("SELECT modified_by FROM sayso.quotes WHERE id = %s", (quote_id,))
            row = cur.fetchone()
        return str(row["modified_by"]) if row else None

    # -- the rows ----------------------------------------------------------------------------------
    def _read_rows(self) -> dict[str, dict[str, Any]]:
        with self.server.read() as cur:
            cur.execute(
                "SELECT q.quote, q.revision, q.created_by, q.modified_by, n.body, n.private, n.author "
                "FROM sayso.quotes q LEFT JOIN sayso.notes n ON n.quote_id = q.id"
            )
            found = cur.fetchall()
        self._unreadable = []
        rows: dict[str, dict[str, Any]] = {}
        for r in found:
            row = dict(r["quote"])
            row.update(
                revision=int(r["revision"]),
                created_by=r["created_by"],
                modified_by=r["modified_by"],
                note=r["body"] or "",
                private=bool(r["private"]),
                note_by=r["author"] or "",
            )
            why = row_problem(row)
            if why is not None:
                self._unreadable.append((str(row.get("id", "?"))[:8], row, why))
                continue
            rows[row["id"]] = row
        return rows

    def _rows(self) -> dict[str, dict[str, Any]]:
        """The rows for reading, read again only when a quote or note changed (one small query if not)."""
        with self.server.read() as cur:
            cur.execute(
                "SELECT (SELECT count(*) FROM sayso.quotes) AS n, (SELECT max(touched_at) FROM sayso.quotes) AS q, "
                "(SELECT count(*) FROM sayso.notes) AS m, (SELECT max(modified_at) FROM sayso.notes) AS t"
            )
            row = cur.fetchone() or {}
        stamp = (row.get("n"), row.get("q"), row.get("m"), row.get("t"))
        if self._cache is None or stamp != self._stamp or self.lock.is_held:
            self._cache = self._read_rows()
            self._stamp = stamp
        return self._cache

    def _write_rows(self, rows: dict[str, dict[str, Any]]) -> None:
        raise SaysoError("quotes on a shared archive are written a row at a time")

    @contextlib.contextmanager
    def _writing(self) -> Iterator[_Rows]:
        with self.lock.held():
            rows = _Rows(self._read_rows())
            before = {qid: json.dumps(row, sort_keys=True) for qid, row in rows.items()}
            revisions = {qid: row["revision"] for qid, row in rows.items()}
            notes_before = {qid: (row["note"], row["private"]) for qid, row in rows.items()}
            yield rows
            if rows.unchanged:
                return
            with self.server.write_cursor() as cur:
                gone = [qid for qid in before if qid not in rows]
                if gone:
                    # The notes this member may see go first; another member's private note stays and stops the
                    # removal (the foreign key sees it though row-level security hides it).
                    cur.execute("DELETE FROM sayso.notes WHERE quote_id = ANY(%s)", (gone,))
                    try:
                        cur.execute("DELETE FROM sayso.quotes WHERE id = ANY(%s)", (gone,))
                    except Exception as exc:
                        if getattr(exc, "sqlstate", "") == "23503":
                            raise NotAllowed(
                                f"quote {gone[0][:8]} holds a note private to another member: only they can remove it"
                            ) from None
                        raise
                for qid, row in rows.items():
                    if before.get(qid) == json.dumps(row, sort_keys=True):
                        continue
                    shared = _quote_part(row)
                    if qid not in before:
                        cur.execute(
                            "INSERT INTO sayso.quotes (id, document, quote) VALUES (%s, %s, %s)",
                            (qid, row["document"], json_value(shared)),
                        )
                    else:
                        cur.execute(
                            "UPDATE sayso.quotes SET document = %s, quote = %s WHERE id = %s AND revision = %s",
                            (row["document"], json_value(shared), qid, revisions[qid]),
                        )
                        if cur.rowcount != 1:
                            raise SaysoError(f"quote {qid[:8]} changed on the server meanwhile; nothing was saved")
                    known = len(json.loads(before[qid])["history"]) if qid in before else 0
                    self._write_note(cur, qid, row, notes_before.get(qid), known)
        self._cache = None

    def _write_note(
        self, cur: Any, qid: str, row: dict[str, Any], was: tuple[str, bool] | None, known_history: int
    ) -> None:
        """Save the note of one quote row if it changed; a private note's earlier text (and any version kept
        from a conflict) goes to the note's own history, which only its author reads."""
        note, private = row.get("note", ""), bool(row.get("private", False))
        # Notes of versions this change pushed into the quote's history (an earlier note, a conflicting one).
        earlier = [
            {"note": entry["note"], "why": entry.get("why", ""), "replaced": entry.get("replaced", now_iso())}
            for entry in row.get("history", [])[known_history:]
            if "note" in entry and private
        ]
        if was == (note, private) and not earlier:
            return
        if was is None and not note and not private:
            return
        try:
            cur.execute(
                "INSERT INTO sayso.notes (quote_id, body, private, history) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (quote_id) DO UPDATE SET body = EXCLUDED.body, private = EXCLUDED.private, "
                "history = sayso.notes.history || EXCLUDED.history",
                (qid, note, private, json_value(earlier)),
            )
        except Exception as exc:
            if getattr(exc, "sqlstate", "") == "42501":
                raise NotAllowed(
                    f"quote {qid[:8]} has a note private to another member: it cannot be changed by you"
                ) from None
            raise

    # -- what a file-backed book offers and an archive does not -------------------------------------
    def backups(self) -> builtins.list[tuple[Path, int]]:
        return []

    def restore_backup(self, path: Any = None) -> builtins.list[Any]:
        raise SaysoError("a shared archive's quotes are backed up on the server (pg_dump), not in files")

    def start_empty(self) -> None:
        raise SaysoError("a shared archive's quotes cannot be emptied from sayso")
