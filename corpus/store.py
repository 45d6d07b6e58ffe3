"""The one module that touches TinyDB: durable JSON files, a writer lock, the library layout.

Layout of a data folder (every file small, so one change rewrites one small file)::

    library.json        documents and speakers (what the first screen needs)
    docs/<doc_id>.json  the passages of one document
    quotes.json         the user's quotes and notes (see corpus.quotes), with backups
    index/              the persisted search index (owned by corpus.search)
    .lock               serialises writers across processes

Every save is atomic: the new JSON goes to a temporary file in the same folder,
is fsynced, renamed over the old one, and the folder is fsynced.  A reader
therefore always sees a complete old or a complete new file.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from corpus.errors import DamagedFile, LibraryBusy
from corpus.models import Document, Passage, Speaker

SCHEMA_VERSION = 1
TEMP_PREFIX = ".sayso-tmp-"


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data`: temp file, fsync, rename, fsync the folder.

    On any failure the old file is untouched and the temp file is removed.
    """
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)


def clean_orphaned_temp_files(folder: Path) -> int:
    """Remove temp files a crashed writer left behind; returns how many."""
    removed = 0
    if not folder.is_dir():
        return 0
    for tmp in folder.glob(TEMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed += 1
    return removed


def _looks_damaged(raw: bytes) -> str | None:
    """Why `raw` is not a sound TinyDB JSON file, or None if it is."""
    if not raw:
        return "it is empty"
    if raw.strip(b"\x00") == b"":
        return "it holds only NUL bytes"
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return "it is not valid JSON (truncated or overwritten)"
    if not isinstance(data, dict):
        return "it is not a sayso data file"
    return None


def set_aside(path: Path, reason: str) -> Path:
    """Move a damaged file out of the way, intact, and return where it went."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        n += 1
    os.replace(path, target)
    fsync_dir(path.parent)
    return target


def backups_of(path: Path) -> list[Path]:
    """Rotating backups of `path`, newest first."""
    found = sorted(path.parent.glob(path.name + ".bak.*"), key=lambda p: p.stat().st_mtime, reverse=True)
    return found


class AtomicJSONStorage(Storage):
    """TinyDB storage that reads the whole file and replaces it atomically on write.

    A damaged file is never read as empty: opening it raises DamagedFile after
    moving it aside.  With `backups` > 0 the previous good version is kept as
    `<name>.bak.N` (rotating) before each write.
    """

    def __init__(self, path: str | os.PathLike[str], backups: int = 0) -> None:
        self.path = Path(path)
        self.backups = backups
        self._last_backup = 0.0

    def read(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        reason = _looks_damaged(raw)
        if reason:
            moved = set_aside(self.path, reason)
            found = [str(p) for p in backups_of(self.path)]
            hint = f"; newest backup: {found[0]}" if found else "; no backup found"
            raise DamagedFile(
                f"{self.path.name} is damaged ({reason}); set aside as {moved.name}{hint}",
                moved_to=str(moved),
                backups=found,
            )
        return json.loads(raw.decode("utf-8"))

    def write(self, data: dict[str, Any]) -> None:
        if self.backups and self.path.exists():
            self._rotate_backups()
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        atomic_write_bytes(self.path, payload)

    def _rotate_backups(self) -> None:
        """Keep `backups` copies, the newest as .bak.1; at most one rotation per second."""
        now = time.monotonic()
        if now - self._last_backup < 1.0:
            return
        self._last_backup = now
        for n in range(self.backups - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.bak.{n}")
            if older.exists():
                os.replace(older, self.path.with_name(f"{self.path.name}.bak.{n + 1}"))
        shutil.copy2(self.path, self.path.with_name(f"{self.path.name}.bak.1"))

    def close(self) -> None:
        pass


def open_db(path: Path, backups: int = 0) -> TinyDB:
    """A TinyDB over an atomic JSON file (created on first write)."""
    return TinyDB(path, storage=AtomicJSONStorage, backups=backups)


class WriteLock:
    """An exclusive advisory lock on `<data>/.lock`, shared by every sayso process.

    The kernel drops a flock when its holder dies, so a lock left by a dead
    process never blocks.  A live holder past `timeout` raises LibraryBusy.
    Re-entrant within one process.
    """

    def __init__(self, path: Path, timeout: float = 10.0) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LibraryBusy(
                        "library busy: another sayso process is writing; try again in a moment"
                    ) from None
                time.sleep(0.01)
        self._fd, self._depth = fd, 1
        try:
            yield
        finally:
            self._depth = 0
            self._fd = None
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


class Store:
    """The library's files in one data folder.  Nothing is opened at import time."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.docs_dir = self.data_dir / "docs"
        self.index_dir = self.data_dir / "index"
        self.lock = WriteLock(self.data_dir / ".lock")
        self._library_path = self.data_dir / "library.json"
        self._cache: dict[str, Any] | None = None
        self._cache_mtime: float | None = None

    # -- opening -----------------------------------------------------------
    def prepare(self) -> None:
        """Create the folder, clean a crash's leftovers, check the schema version."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.docs_dir.mkdir(exist_ok=True)
        clean_orphaned_temp_files(self.data_dir)
        clean_orphaned_temp_files(self.docs_dir)

    def _library(self) -> TinyDB:
        return open_db(self._library_path)

    def _library_data(self) -> dict[str, Any]:
        """library.json as a dict, re-read only when the file changed on disk."""
        try:
            mtime = self._library_path.stat().st_mtime_ns
        except FileNotFoundError:
            return {}
        if self._cache is None or self._cache_mtime != mtime:
            self._cache = AtomicJSONStorage(self._library_path).read() or {}
            self._cache_mtime = mtime
        return self._cache

    def schema_version(self) -> int | None:
        meta = self._library_data().get("meta", {})
        for row in meta.values():
            return int(row.get("schema", 0))
        return None

    # -- documents ---------------------------------------------------------
    def documents(self) -> list[Document]:
        rows = self._library_data().get("documents", {})
        return [Document.from_dict(row) for row in rows.values()]

    def speakers(self) -> list[Speaker]:
        rows = self._library_data().get("speakers", {})
        return [Speaker.from_dict(row) for row in rows.values()]

    def passages(self, doc_id: str) -> list[Passage]:
        path = self.docs_dir / f"{doc_id}.json"
        data = AtomicJSONStorage(path).read() or {}
        rows = data.get("passages", {})
        ordered = sorted(rows.values(), key=lambda r: r["index"])
        return [Passage.from_dict(row) for row in ordered]

    def save_document(self, document: Document, passages: list[Passage], speakers: list[Speaker]) -> None:
        """Write one document's passages, then its record and the speaker table.

        Caller holds the lock.  The passages file lands first, so a crash in
        between leaves an unlisted passages file, never a listed document
        without passages.
        """
        rows = {str(i + 1): p.to_dict() for i, p in enumerate(passages)}
        AtomicJSONStorage(self.docs_dir / f"{document.id}.json").write({"passages": rows})
        self._write_library(upsert_doc=document, speakers=speakers)

    def remove_document(self, doc_id: str, speakers: list[Speaker]) -> None:
        self._write_library(remove_doc=doc_id, speakers=speakers)
        with contextlib.suppress(FileNotFoundError):
            (self.docs_dir / f"{doc_id}.json").unlink()
            fsync_dir(self.docs_dir)

    def update_document(self, document: Document) -> None:
        self._write_library(upsert_doc=document)

    def _write_library(
        self,
        upsert_doc: Document | None = None,
        remove_doc: str | None = None,
        speakers: list[Speaker] | None = None,
    ) -> None:
        data = dict(AtomicJSONStorage(self._library_path).read() or {})
        docs = dict(data.get("documents", {}))
        if remove_doc is not None:
            docs = {k: v for k, v in docs.items() if v.get("id") != remove_doc}
        if upsert_doc is not None:
            key = next((k for k, v in docs.items() if v.get("id") == upsert_doc.id), None)
            if key is None:
                key = str(max((int(k) for k in docs), default=0) + 1)
            docs[key] = upsert_doc.to_dict()
        data["documents"] = docs
        if speakers is not None:
            data["speakers"] = {str(i + 1): s.to_dict() for i, s in enumerate(speakers)}
        data["meta"] = {"1": {"schema": SCHEMA_VERSION}}
        AtomicJSONStorage(self._library_path).write(data)
        self._cache = None
