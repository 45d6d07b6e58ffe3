"""A TinyDB handle over sayso's atomic JSON storage, for the store's durability tests.

sayso itself reads and writes its files through corpus.store (never TinyDB
tables); these tests drive `AtomicJSONStorage` and the writer lock through
ordinary TinyDB inserts, from several processes at once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from sayso.corpus.store import AtomicJSONStorage


class SharedTable(Table):
    """A table another process may write to between two calls (under the writer lock).

    Stock TinyDB remembers the next document id and caches query results in
    the Table object, which goes stale when another process saves; this table
    recomputes the next id from the file on every insert and keeps no cache.
    """

    default_query_cache_capacity = 0

    def insert(self, document: Mapping[str, Any]) -> int:
        self._next_id = None
        return super().insert(document)

    def insert_multiple(self, documents: Iterable[Mapping[str, Any]]) -> list[int]:
        self._next_id = None
        return super().insert_multiple(documents)


class SharedTinyDB(TinyDB):
    """TinyDB whose tables are SharedTables."""

    table_class = SharedTable


def open_db(path: str | os.PathLike[str], backups: int = 0, backup_interval: float = 60.0) -> TinyDB:
    """A TinyDB over an atomic JSON file (created on first write), with `backups` rotating copies."""
    return SharedTinyDB(Path(path), storage=AtomicJSONStorage, backups=backups, backup_interval=backup_interval)
