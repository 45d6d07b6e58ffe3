"""The one module that touches TinyDB: durable JSON files, a writer lock, the library layout.

Layout of a data folder (every file small, so one change rewrites one small file)::

    library.json        documents, speakers, the user's edits, and which passages file is each
                        document's (what the first screen needs)
    library.json.bak.N  rotating backups of library.json (it holds the user's edits)
    docs/<doc_id>.v<version>.json
                        the passages of one document (derived data: re-import recreates it),
                        as one TinyDB row of parallel columns (see Store.write_passages);
                        `docs/<doc_id>.json` in libraries of schema 1
    quotes.json         the user's quotes and notes (see corpus.quotes), with backups
    people-journal.json how to undo the latest changes to people (renames, merges, splits, roles)
    index/              the persisted search index (owned by corpus.search)
    .lock               serialises writers across processes

Every file is in TinyDB's format (``{"table": {"1": {...}, ...}}``), so
``TinyDB(path).table("documents").all()`` reads it.  Every save is atomic: the
new JSON goes to a temporary file in the same folder, is fsynced, renamed over
the old one, and the folder is fsynced.  A reader therefore always sees a
complete old or a complete new file, and "saved" means it survives a crash.

A document's passages file is never replaced in place: a new version is
written under a new name and goes live only when library.json, which names
it, is swapped in.  A writer killed at any moment therefore leaves each
document's record and passages at the old version or the new one, never a
mix; files no longer named are removed by the next writer (`write_library`).
New passages files are made durable together, not one by one: each is
written to a temporary file, and `write_library` first fsyncs every one
written since, renames them to their names and fsyncs docs/ once, then
saves library.json.  So a file under a passages file's name is always
complete and durable, and library.json never names one that is not.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import gc
import hashlib
import itertools
import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast, overload

import orjson
from tinydb.storages import Storage

from sayso.corpus import words
from sayso.corpus.errors import DamagedFile, DataFolderError, LibraryBusy, SaveFailed
from sayso.corpus.models import (
    PASSAGE_SEPARATOR,
    Document,
    JoinedTexts,
    ParsedPassage,
    Passage,
    PassageTable,
    Speaker,
)

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

#: Version of the layout and file formats; a library with a higher one is refused.
#: 2: passages files are versioned (`docs/<id>.v<version>.json`, named in library.json's "files" table).
SCHEMA_VERSION = 2
#: Version of a docs/<id>.json file, checked per file like SCHEMA_VERSION: 1 = one
#: TinyDB row per passage (still read), 2 = the passages as columns (written now).
PASSAGES_SCHEMA = 2
#: Temporary files are named `.sayso-tmp-<pid>-<random>` (see `temp_path`) so a cleaner can tell a live
#: writer's from a crash's.
TEMP_PREFIX = ".sayso-tmp-"
#: Seconds a temp file without an owner's pid in its name must lie untouched before it is cleaned.
UNOWNED_TEMP_AGE = 3600.0
#: How many rotating backups of library.json are kept.
LIBRARY_BACKUPS = 3
#: Default seconds a writer waits for another process before "library busy".
DEFAULT_LOCK_TIMEOUT = 10.0


def _reason(exc: OSError) -> str:
    """A short human reason for an OS error ("No space left on device")."""
    return exc.strerror or str(exc)


# -- atomic files ---------------------------------------------------------------


def _fsync(path: Path, flags: int) -> None:
    fd = os.open(path, os.O_RDONLY | flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    _fsync(folder, os.O_DIRECTORY)


def temp_path(folder: Path) -> Path:
    """A new temporary file name in `folder` carrying this process's pid, for every temp file sayso writes.

    `clean_orphaned_temp_files` removes it only once this process is gone.
    """
    return Path(folder) / f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(4).hex()}"


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace `path` with `data`: temp file, fsync, rename, fsync the folder (see `atomic_write_chunks`)."""
    atomic_write_chunks(path, (data,), mode)


def atomic_write_chunks(path: Path, chunks: Iterable[bytes], mode: int = 0o600) -> None:
    """Replace `path` with the concatenation of `chunks`: temp file, fsync, rename, fsync the folder.

    The chunks are written as they come, so a large file never has to be held whole in memory;
    an exception raised while producing them leaves the old file untouched, like a failed write.

    A replaced file keeps its permissions; a new one gets `mode` less the
    umask (private 0600 for sayso's own data, 0666 for files the user exports).

    On any failure before the rename the old file is untouched and the temp
    file is removed; SaveFailed says why in one line.  A failure of the final
    folder fsync also raises SaveFailed (the new version is in place but not
    known to be durable).
    """
    path = Path(path)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = temp_path(folder)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
    except OSError as exc:
        raise SaveFailed(f"cannot save {path.name} in {folder}: {_reason(exc)}") from None
    # A second name for the old version, so a failed folder fsync can put it back.
    second_name = temp_path(folder)
    previous: Path | None = second_name
    try:
        try:
            with contextlib.suppress(OSError):
                os.fchmod(fd, os.stat(path).st_mode & 0o777)
            for data in chunks:
                _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(path, second_name)
        except FileNotFoundError:
            previous = None
        os.replace(tmp, path)
    except BaseException as exc:
        for leftover in (tmp, previous):
            if leftover is not None:
                with contextlib.suppress(OSError):
                    os.unlink(leftover)
        if isinstance(exc, OSError):
            raise SaveFailed(f"cannot save {path.name}: {_reason(exc)}; the previous version is intact") from None
        raise
    try:
        fsync_dir(folder)
    except OSError as exc:
        # Not known to be durable: report failure and leave the old version in place,
        # so a caller that retries never applies its change twice.
        with contextlib.suppress(OSError):
            if previous is not None:
                os.replace(previous, path)
            else:
                os.unlink(path)
            fsync_dir(folder)
        raise SaveFailed(f"cannot save {path.name}: {_reason(exc)}; the previous version is intact") from None
    finally:
        if previous is not None:
            with contextlib.suppress(OSError):
                os.unlink(previous)


def write_temp_chunks(folder: Path, chunks: Iterable[bytes], what: str, mode: int = 0o600) -> Path:
    """Write the concatenation of `chunks` to a new temp file in `folder` (not fsynced); returns its path.

    The first half of `atomic_write_chunks`, for files made durable later and together
    (see `make_durable`).  On any failure the temp file is removed and SaveFailed (naming
    `what`) raised; an exception raised while producing the chunks also removes it.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = temp_path(folder)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
    except OSError as exc:
        raise SaveFailed(f"cannot save {what} in {folder}: {_reason(exc)}") from None
    try:
        try:
            for data in chunks:
                _write_all(fd, data)
        finally:
            os.close(fd)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise SaveFailed(f"cannot save {what}: {_reason(exc)}") from None
        raise
    return tmp


def fsync_file(path: Path) -> None:
    """Fsync the file at `path` (its data reaches the disk; its name is the folder's business)."""
    _fsync(path, os.O_CLOEXEC)


def make_durable(
    folder: Path, renames: Sequence[tuple[Path, Path]], under_way: Sequence[Future[None] | None] = ()
) -> None:
    """Fsync each temp file of `renames` (temp, name), rename it to its name, then fsync `folder` once.

    `under_way` holds, in the same order, fsyncs of the temp files already
    started (`fsync_file` in another thread): each is waited for rather than
    done again.  Every name in `folder` thus holds a complete file that survives
    a crash by the time this returns; until then none of them exists.  On a
    failure before a rename the temp files are removed; after one, the files
    already renamed are removed too, so nothing not known to be durable stays
    under its name.  SaveFailed says why in one line.
    """
    done: list[Path] = []
    try:
        for i, (tmp, _) in enumerate(renames):
            started = under_way[i] if i < len(under_way) else None
            if started is not None:
                started.result()
            else:
                fsync_file(tmp)
        for tmp, name in renames:
            os.replace(tmp, name)
            done.append(name)
        if renames:
            fsync_dir(folder)
    except BaseException as exc:
        for tmp, name in renames:
            with contextlib.suppress(OSError):
                os.unlink(name if name in done else tmp)
        if isinstance(exc, OSError):
            raise SaveFailed(f"cannot save {len(renames)} passages files in {folder}: {_reason(exc)}") from None
        raise


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_orphaned_temp_files(folder: Path) -> int:
    """Remove temp files whose writer process is gone (a crash's leftovers); returns how many.

    A temp file of a live process (another sayso saving right now) is left
    alone.  One whose name carries no pid (not written by `temp_path`) has no
    known owner: it is removed only after UNOWNED_TEMP_AGE seconds untouched.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.startswith(TEMP_PREFIX):
            continue
        pid_text, dash, _ = entry.name[len(TEMP_PREFIX) :].partition("-")
        pid = int(pid_text) if pid_text.isdigit() and dash else 0
        if pid == os.getpid() or (pid and _pid_alive(pid)):
            continue
        if not pid:
            try:
                if time.time() - entry.stat(follow_symlinks=False).st_mtime < UNOWNED_TEMP_AGE:
                    continue
            except OSError:
                continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed += 1
    return removed


# -- damage, set-aside and backups ------------------------------------------------


def parse_data_file(raw: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """Parse a sayso/TinyDB JSON file once: `(data, None)` if sound, `(None, why)` if damaged."""
    if not raw.strip():
        return None, "it is empty"
    if raw.strip(b"\x00 \t\r\n") == b"":
        return None, "it holds only NUL bytes"
    if b"\x00" in raw:
        return None, "it holds NUL bytes (overwritten or cut short by a crash)"
    try:
        data = _loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None, "it is not valid JSON (truncated or overwritten)"
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        return None, "it is not a sayso data file"
    return data, None


# -- what a complete file of each kind holds ------------------------------------------


@dataclass(frozen=True)
class FileKind:
    """What a complete sayso file of one kind holds: checked on every read, backup and restore.

    `schema` is the newest version this sayso reads (None: a plain TinyDB file
    without a version); a newer one is refused ("upgrade sayso"), never rewritten.
    `marker` is the `kind` its meta row must name, `tables` the tables it must
    have, `legacy` a table whose presence makes a file without a meta row an
    early version 1.  `rows` checks the rows further and says why they do not fit.
    """

    name: str
    schema: int | None = None
    marker: str | None = None
    tables: tuple[str, ...] = ()
    legacy: str | None = None
    rows: Callable[[dict[str, Any], int], str | None] | None = None
    empty: Callable[[], dict[str, Any]] = dict


class NewerSchema(DataFolderError):
    """A data file written by a newer sayso: refused and left untouched."""


def _meta_row(data: dict[str, Any]) -> dict[str, Any] | None:
    table = data.get("meta")
    if not isinstance(table, dict) or len(table) != 1:
        return None
    row = next(iter(table.values()))
    return row if isinstance(row, dict) else None


def check_kind(data: dict[str, Any], kind: FileKind, path: Path | None = None) -> str | None:
    """Why parsed `data` is not a complete file of `kind` (None if it is).

    Raises NewerSchema (naming `path`) for a version newer than this sayso reads.
    """
    if kind.schema is None:
        return None
    if "meta" not in data and kind.legacy is not None and kind.legacy in data:
        version = 1
    else:
        meta = _meta_row(data)
        if meta is None:
            return f"it is not a sayso {kind.name} (no version row)"
        if kind.marker is not None and meta.get("kind") != kind.marker:
            return f"it is not a sayso {kind.name} (it says it is {meta.get('kind')!r})"
        stated = meta.get("schema")
        if not isinstance(stated, int) or isinstance(stated, bool) or stated < 1:
            return f"it is not a sayso {kind.name} (unknown version {stated!r})"
        version = stated
        if version > kind.schema:
            where = path if path is not None else f"this {kind.name}"
            raise NewerSchema(
                f"{where} was written by a newer sayso (schema {version}; this sayso reads {kind.schema}): upgrade sayso"
            )
    missing = [t for t in kind.tables if t not in data]
    if missing:
        return f"it is not a complete sayso {kind.name} (no {missing[0]!r} table)"
    if kind.rows is not None:
        return kind.rows(data, version)
    return None


def _rows_have(data: dict[str, Any], table: str, fields: tuple[str, ...], types: tuple[type, ...]) -> str | None:
    for key, row in (data.get(table) or {}).items():
        if not isinstance(row, dict):
            return f"row {key} of its {table} table is not a record"
        for name, want in zip(fields, types):
            if not isinstance(row.get(name), want):
                return f"row {key} of its {table} table has no valid {name!r}"
    return None


def _library_rows(data: dict[str, Any], version: int) -> str | None:
    return (
        _rows_have(data, "documents", ("id", "title", "kind", "source"), (str, str, str, str))
        or _rows_have(data, "speakers", ("name",), (str,))
        or _rows_have(data, "edits", ("document", "fields"), (str, dict))
        or _rows_have(data, "files", ("document", "file"), (str, str))
    )


def _passages_rows(data: dict[str, Any], version: int) -> str | None:
    table = "columns" if version >= 2 else "passages"
    if table not in data:
        return f"it is not a complete sayso passages file (no {table!r} table)"
    return None


#: A plain TinyDB file (only its shape is checked).
TINYDB_FILE = FileKind("data file")
#: library.json.
LIBRARY_FILE = FileKind(
    "library",
    schema=SCHEMA_VERSION,
    tables=("meta", "documents"),
    rows=_library_rows,
    empty=lambda: LibraryData().to_json(),
)
#: Version of quotes.json; a newer one is refused.
QUOTES_SCHEMA = 1
#: quotes.json (its rows are checked one by one by corpus.quotes).
QUOTES_FILE = FileKind(
    "quotes file",
    schema=QUOTES_SCHEMA,
    marker="sayso quotes",
    tables=("meta", "quotes"),
    empty=lambda: {"meta": {"1": quotes_meta()}, "quotes": {}},
)
#: drafts.json (files from before it had a version row hold just the drafts table).
DRAFTS_FILE = FileKind(
    "drafts file",
    schema=1,
    marker="sayso drafts",
    tables=("drafts",),
    legacy="drafts",
    empty=lambda: {"meta": {"1": {"schema": 1, "kind": "sayso drafts"}}, "drafts": {}},
)
#: docs/<id>.json (schema 1 files from the first versions have no meta row).
PASSAGES_FILE = FileKind("passages file", schema=PASSAGES_SCHEMA, legacy="passages", rows=_passages_rows)
#: people-journal.json: how to take back the latest changes to people (corpus.people), newest last.
PEOPLE_JOURNAL_FILE = FileKind(
    "people journal",
    schema=1,
    marker="sayso people journal",
    tables=("meta", "entries"),
    empty=lambda: {"meta": {"1": {"schema": 1, "kind": "sayso people journal"}}, "entries": {}},
)
#: How many changes to people can be taken back, newest first.
PEOPLE_JOURNAL_ENTRIES = 30

_KINDS_BY_NAME = {
    "library.json": LIBRARY_FILE,
    "quotes.json": QUOTES_FILE,
    "drafts.json": DRAFTS_FILE,
    "people-journal.json": PEOPLE_JOURNAL_FILE,
}


def quotes_meta() -> dict[str, Any]:
    """The meta row quotes.json is written with."""
    return {"schema": QUOTES_SCHEMA, "kind": QUOTES_FILE.marker}


def kind_of(path: Path) -> FileKind:
    """The kind of a data folder's file, by its name (any other file is a plain TinyDB file)."""
    path = Path(path)
    if path.name in _KINDS_BY_NAME:
        return _KINDS_BY_NAME[path.name]
    if path.parent.name == "docs" and path.suffix == ".json":
        return PASSAGES_FILE
    return TINYDB_FILE


def judge(raw: bytes, kind: FileKind, path: Path | None = None) -> tuple[dict[str, Any] | None, str | None]:
    """Parse and check a file's bytes: `(data, None)` if it is a complete `kind` file, `(None, why)` if not.

    Raises NewerSchema for a version newer than this sayso reads.
    """
    data, reason = parse_data_file(raw)
    if data is None:
        return None, reason
    reason = check_kind(data, kind, path)
    return (None, reason) if reason else (data, None)


#: Files this process read or wrote and found complete, by path: (device, inode, size, mtime).
#: A backup links the current file only if it is one of these or passes the check again.
_verified: dict[str, tuple[int, int, int, int]] = {}
_verified_guard = threading.Lock()


#: library.json as `write_library` writes it opens with its meta row: `{"meta":{"1":{"schema":2,"generation":38}}`
_GENERATION_HEAD = re.compile(rb'\{"meta":\{"1":\{"schema":\d+,"generation":(\d+)\}\}')
_HEAD_BYTES = 128


def _cache_key(st: os.stat_result) -> tuple[int, int, int, int]:
    """What identifies one version of library.json for a reader's cache (it is only ever replaced, never
    changed in place)."""
    return (st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size)


def _stat_key(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _remember_verified(path: Path, st: os.stat_result | None) -> None:
    with _verified_guard:
        if st is None:
            _verified.pop(os.path.abspath(path), None)
        else:
            _verified[os.path.abspath(path)] = _stat_key(st)


def _was_verified(path: Path, st: os.stat_result) -> bool:
    with _verified_guard:
        return _verified.get(os.path.abspath(path)) == _stat_key(st)


def damage_reason(raw: bytes, kind: FileKind = TINYDB_FILE) -> str | None:
    """Why `raw` is not a complete `kind` file (a plain TinyDB file by default), or None if it is."""
    try:
        return judge(raw, kind)[1]
    except NewerSchema as exc:
        return str(exc)


def set_aside(path: Path, reason: str = "") -> Path:
    """Move a damaged file out of the way, intact, and return where it went."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        n += 1
    os.replace(path, target)
    with contextlib.suppress(OSError):
        fsync_dir(path.parent)
    return target


def _backup_path(path: Path, n: int) -> Path:
    return path.with_name(f"{path.name}.bak.{n}")


def backups_of(path: Path) -> list[Path]:
    """Rotating backups of `path` (`<name>.bak.N`), newest (lowest N) first."""
    path = Path(path)
    prefix = path.name + ".bak."
    found: list[tuple[int, Path]] = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            suffix = entry.name[len(prefix) :]
            if entry.name.startswith(prefix) and suffix.isdigit():
                found.append((int(suffix), Path(entry.path)))
    return [p for _, p in sorted(found)]


def good_backups(path: Path, kind: FileKind | None = None) -> list[Path]:
    """The backups of `path` that are complete files of its kind, newest first: the first is the one to offer."""
    kind = kind or kind_of(path)
    good = []
    for backup in backups_of(path):
        try:
            if damage_reason(backup.read_bytes(), kind) is None:
                good.append(backup)
        except OSError:
            continue
    return good


def restore_backup(path: Path, backup: Path | None = None, kind: FileKind | None = None) -> Path:
    """Put `backup` (default: the newest good one) back as `path`, atomically.

    The current file, if any, is kept beside it as `<name>.before-restore-<time>`
    so restoring never loses anything.  Raises DamagedFile if the backup itself
    is not a complete file of `path`'s kind (or there is none), NewerSchema if
    a newer sayso wrote it.
    """
    path = Path(path)
    kind = kind or kind_of(path)
    if backup is None:
        offered = good_backups(path, kind)
        if not offered:
            raise DamagedFile(f"no good backup of {path.name} to restore", path=str(path), recovery="empty")
        backup = offered[0]
    backup = Path(backup)
    try:
        raw = backup.read_bytes()
    except OSError as exc:
        raise DamagedFile(f"cannot read backup {backup.name}: {_reason(exc)}", path=str(path)) from None
    reason = judge(raw, kind, backup)[1]
    if reason:
        raise DamagedFile(f"backup {backup.name} cannot be restored: {reason}", path=str(path))
    if path.exists():
        stamp = time.strftime("%Y%m%d-%H%M%S")
        keep = path.with_name(f"{path.name}.before-restore-{stamp}")
        n = 1
        while keep.exists():
            keep = path.with_name(f"{path.name}.before-restore-{stamp}-{n}")
            n += 1
        try:
            os.link(path, keep)
        except OSError:
            atomic_write_bytes(keep, path.read_bytes())
    atomic_write_bytes(path, raw)
    with contextlib.suppress(OSError):
        _remember_verified(path, os.stat(path))
    return path


def set_aside_copies(path: Path) -> list[Path]:
    """Damaged versions of `path` that were moved aside (`<name>.damaged-*`), newest first."""
    prefix = path.name + ".damaged-"
    found: list[Path] = []
    with contextlib.suppress(OSError):
        found = [Path(e.path) for e in os.scandir(path.parent) if e.name.startswith(prefix)]
    return sorted(found, key=lambda p: p.name, reverse=True)


def _recovery(path: Path, offered: list[str]) -> tuple[str, str]:
    """How a damaged `path` can be brought back: the end of its error line, and DamagedFile.recovery."""
    if path.parent.name == "docs":
        return "; import its source file again to rebuild it", "reimport"
    if offered:
        return f"; newest good backup: {Path(offered[0]).name}", "backup"
    return "; no good backup", "empty"


def read_json_file(path: Path, kind: FileKind | None = None) -> dict[str, Any] | None:
    """A data file's JSON, or None if it never existed.

    A file that is not a complete file of its kind (`kind`, by default known
    by its name: see `kind_of`) is damaged, whatever the reason (cut short,
    not JSON, valid JSON of another shape): it is moved aside intact and
    DamagedFile raised (naming the newest good backup).  While a set-aside
    copy exists and nothing replaced the file, reading keeps raising
    DamagedFile: a damaged file is never silently treated as empty, not even
    on the next start.  A file of a newer schema raises NewerSchema and is
    left untouched.
    """
    path = Path(path)
    kind = kind or kind_of(path)
    try:
        with open(path, "rb") as handle:
            st = os.fstat(handle.fileno())
            raw = handle.read()
    except FileNotFoundError:
        earlier = set_aside_copies(path)
        if earlier:
            offered = [str(p) for p in good_backups(path, kind)]
            hint, recovery = _recovery(path, offered)
            raise DamagedFile(
                f"{path.name} was damaged and set aside as {earlier[0].name}{hint}",
                path=str(path),
                moved_to=str(earlier[0]),
                backups=offered,
                recovery=recovery,
            ) from None
        return None
    except IsADirectoryError:
        raise DataFolderError(f"{path} is a folder, not a sayso data file") from None
    except OSError as exc:
        raise DataFolderError(f"cannot read {path}: {_reason(exc)}") from None
    data, reason = judge(raw, kind, path)
    if data is None:
        raise _set_aside_damaged(path, reason or "it is damaged", kind)
    _remember_verified(path, st)
    return data


def _set_aside_damaged(path: Path, reason: str, kind: FileKind | None = None) -> DamagedFile:
    """Move the damaged `path` aside intact; the DamagedFile to raise (naming the newest good backup)."""
    _remember_verified(path, None)
    moved = set_aside(path, reason)
    offered = [str(p) for p in good_backups(path, kind)]
    hint, recovery = _recovery(path, offered)
    return DamagedFile(
        f"{path.name} is damaged ({reason}); set aside intact as {moved.name}{hint}",
        path=str(path),
        moved_to=str(moved),
        backups=offered,
        recovery=recovery,
    )


def start_empty(path: Path, kind: FileKind | None = None) -> None:
    """Give up on a damaged file: write an empty but complete one (the set-aside copy stays where it is)."""
    path = Path(path)
    kind = kind or kind_of(path)
    atomic_write_bytes(path, encode_json(kind.empty()))
    with contextlib.suppress(OSError):
        _remember_verified(path, os.stat(path))


def _loads(raw: bytes) -> Any:
    """JSON from a file's bytes: orjson, and the standard library for what orjson refuses.

    orjson parses a large library.json in about two thirds of the time, but it
    refuses some of what the files sayso has always read hold: `NaN` and
    `Infinity`, escaped lone surrogates.  Such a file is read as before; only
    what neither accepts is not JSON.  (An integer beyond 64 bits, which sayso
    never writes, is read by orjson as a float.)  The collector is paused
    meanwhile (see `_gc_paused`): a large file is tens of thousands of new dicts.
    """
    with _gc_paused():
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            return json.loads(raw.decode("utf-8"))


def _dumps(data: Any) -> str:
    """Compact JSON text, as `encode_json` writes it (orjson, or the standard library for what orjson cannot)."""
    try:
        return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS).decode("utf-8")
    except (TypeError, orjson.JSONEncodeError):
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def encode_json(data: dict[str, Any]) -> bytes:
    """A data file's bytes: compact UTF-8 JSON, as `_dumps` gives it, by orjson (ten times faster on a large file).

    What orjson cannot encode and the standard library can (an integer beyond 64
    bits) is encoded by the standard library, as before.  A float NaN or
    infinity, which the standard library wrote as `NaN` (not JSON), is written
    as `null`: a time that is not a number is no time.
    """
    try:
        return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)
    except (TypeError, orjson.JSONEncodeError):
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class AtomicJSONStorage(Storage):
    """TinyDB storage that reads the whole file and replaces it atomically on write.

    A file that is not a complete file of its `kind` (by default known by its
    name, see `kind_of`) is never read as empty: reading it moves it aside and
    raises DamagedFile.  With `backups` > 0 the version being replaced is kept
    as `<name>.bak.1` and older ones shift up to `.bak.<backups>`; a new slot
    is only started when `.bak.1` is older than `backup_interval` seconds, so a
    burst of saves keeps the previous version without pushing out older ones.
    Only a version that passes the same check becomes a backup, and only a
    complete file of its kind is written.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        backups: int = 0,
        backup_interval: float = 60.0,
        kind: FileKind | None = None,
    ) -> None:
        self.path = Path(path)
        self.backups = backups
        self.backup_interval = backup_interval
        self.kind = kind or kind_of(self.path)
        #: the bytes of the last `write`
        self.written = b""

    def read(self) -> dict[str, Any] | None:
        return read_json_file(self.path, self.kind)

    def write(self, data: dict[str, Any]) -> None:
        """Check `data`, keep a backup, replace the file atomically (the bytes written are kept as `written`)."""
        reason = check_kind(data, self.kind, self.path)
        if reason:
            raise SaveFailed(f"cannot save {self.path.name}: {reason} (a bug in sayso); the previous version is intact")
        payload = encode_json(data)
        if self.backups:
            self._keep_backup()
        atomic_write_bytes(self.path, payload)
        with contextlib.suppress(OSError):
            _remember_verified(self.path, os.stat(self.path))
        self.written = payload

    def _current_is_complete(self, st: os.stat_result) -> None:
        """Check the version about to become a backup; a damaged one is set aside and DamagedFile raised."""
        if _was_verified(self.path, st):
            return
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            raise SaveFailed(f"cannot keep a backup of {self.path.name}: {_reason(exc)}") from None
        data, reason = judge(raw, self.kind, self.path)
        if data is None:
            raise _set_aside_damaged(self.path, reason or "it is damaged", self.kind)

    def _keep_backup(self) -> None:
        """Hard-link the current version as .bak.1 (it is never modified in place, only replaced).

        The current version must pass the same check as a read: a file that
        does not (replaced behind sayso's back since it was read) is set aside
        intact and DamagedFile raised, so no backup slot is ever filled with it.
        """
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise SaveFailed(f"cannot keep a backup of {self.path.name}: {_reason(exc)}") from None
        self._current_is_complete(st)
        newest = _backup_path(self.path, 1)
        try:
            shift = time.time() - newest.stat().st_mtime >= self.backup_interval
        except FileNotFoundError:
            shift = True
        try:
            if shift:
                for n in range(self.backups - 1, 0, -1):
                    older = _backup_path(self.path, n)
                    if older.exists():
                        os.replace(older, _backup_path(self.path, n + 1))
            tmp = temp_path(self.path.parent)
            try:
                os.link(self.path, tmp)
                os.replace(tmp, newest)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                atomic_write_bytes(newest, self.path.read_bytes())
            # A fresh slot gets the time of the backup, not of the version it holds.
            if shift:
                with contextlib.suppress(OSError):
                    os.utime(newest)
        except OSError as exc:
            raise SaveFailed(f"cannot keep a backup of {self.path.name}: {_reason(exc)}") from None

    def close(self) -> None:
        pass


# -- the writer lock ------------------------------------------------------------


class _ProcessSide:
    """Per-process state of one lock file: which thread holds it, how deep, the flock fd."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.owner: int | None = None
        self.depth = 0
        self.fd: int | None = None


_SIDES: dict[str, _ProcessSide] = {}
_SIDES_GUARD = threading.Lock()


def _forget_locks_after_fork() -> None:
    # A forked child does not hold its parent's lock, whatever the parent's state.
    global _SIDES, _SIDES_GUARD
    _SIDES = {}
    _SIDES_GUARD = threading.Lock()


os.register_at_fork(after_in_child=_forget_locks_after_fork)


class WriteLock:
    """An exclusive advisory lock on `<data>/.lock`, shared by every sayso process.

    The kernel drops a flock when its holder dies, so a lock left by a dead
    process never blocks.  A live holder past `timeout` raises LibraryBusy
    (never a hang).  Re-entrant for the thread that holds it; other threads of
    the same process wait like other processes do.  The holder's pid is written
    into the file so "library busy" can say who.
    """

    def __init__(
        self, path: Path, timeout: float = DEFAULT_LOCK_TIMEOUT, on_acquire: Callable[[], None] | None = None
    ) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.on_acquire = on_acquire

    def _side(self) -> _ProcessSide:
        key = os.path.abspath(self.path)
        with _SIDES_GUARD:
            return _SIDES.setdefault(key, _ProcessSide())

    @property
    def is_held(self) -> bool:
        """Whether the calling thread holds the lock."""
        return self._side().owner == threading.get_ident()

    def holder(self) -> int | None:
        """The pid written by the current (or last) holder, if readable."""
        try:
            text = self.path.read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None

    def _busy(self) -> LibraryBusy:
        pid = self.holder()
        who = f"sayso process {pid}" if pid and pid != os.getpid() else "another sayso process"
        return LibraryBusy(f"library busy: {who} is writing to {self.path.parent}; try again in a moment")

    @contextlib.contextmanager
    def held(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the lock for the `with` block; LibraryBusy after `timeout` seconds of waiting."""
        side = self._side()
        me = threading.get_ident()
        wait = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + wait
        with side.cond:
            if side.owner == me:
                side.depth += 1
                reentered = True
            else:
                reentered = False
                while side.owner is not None:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise LibraryBusy("library busy: another task of this sayso is writing; try again")
                    side.cond.wait(remaining)
                side.owner = me
        if reentered:
            try:
                yield
            finally:
                with side.cond:
                    side.depth -= 1
            return
        try:
            fd = self._flock(deadline)
        except BaseException:
            with side.cond:
                side.owner = None
                side.cond.notify()
            raise
        side.fd, side.depth = fd, 1
        try:
            if self.on_acquire is not None:
                self.on_acquire()
            yield
        finally:
            with side.cond:
                side.depth = 0
                side.fd = None
                with contextlib.suppress(OSError):
                    fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
                side.owner = None
                side.cond.notify()

    def _flock(self, deadline: float) -> int:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise DataFolderError(
                    f"cannot change anything in {self.path.parent}: the data folder is read-only ({_reason(exc)}); "
                    "reading still works"
                ) from None
            raise DataFolderError(f"cannot lock {self.path.parent}: {_reason(exc)}") from None
        delay = 0.005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    os.close(fd)
                    raise DataFolderError(f"cannot lock {self.path.parent}: {_reason(exc)}") from None
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise self._busy() from None
                time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
                delay = min(delay * 2, 0.02)  # often enough to catch the gap a folder import leaves
        with contextlib.suppress(OSError):
            # Fixed width, so no truncate (a metadata change, slow on some disks) is needed.
            os.pwrite(fd, f"{os.getpid():>12}\n".encode("ascii"), 0)
        return fd


# -- the library layout -------------------------------------------------------------


def _rows(table: dict[str, Any] | None) -> list[dict[str, Any]]:
    """A TinyDB table's rows in id order."""
    if not table:
        return []
    return [table[k] for k in sorted(table, key=lambda k: int(k) if k.isdigit() else 0)]


def _fresh(cls: Any, row: dict[str, Any]) -> Any:
    """A dataclass from a cached row, with its own copies of list and dict fields."""
    return cls.from_row(
        {k: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v) for k, v in row.items()}
    )


def _plain(record: Any) -> dict[str, Any]:
    """A record's fields for JSON, without `dataclasses.asdict`'s deep copies (the rows are encoded at once).

    Models hold only strings, numbers, lists and dicts, so the encoder needs nothing more.
    """
    return dict(vars(record))


def _table(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(i + 1): row for i, row in enumerate(rows)}


def _first_places(docs: list[Document]) -> dict[str, int]:
    places: dict[str, int] = {}
    for i, d in enumerate(docs):
        places.setdefault(d.id, i)
    return places


@dataclass
class LibraryData:
    """library.json in memory: what a writer changes under the lock, then saves at once."""

    #: (added and removed with `upsert` and `remove`, which keep an index of it: a document put in its place
    #: by hand must keep the id of the one it replaces)
    documents: list[Document] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    #: document id -> the citation fields the user edited (they win over a re-import), and under
    #: "speakers" the people the user named for this document's labels: {label: {"person", "passages"}}
    #: (corpus.library applies them again when the document is re-imported)
    edits: dict[str, dict[str, Any]] = field(default_factory=dict)
    generation: int = 0
    #: document id -> the name of its live passages file in docs/ (absent: `<id>.json`, schema 1)
    files: dict[str, str] = field(default_factory=dict)
    #: the only documents this change adds, replaces or edits, when its writer knows them all (an import's
    #: batch): a store may then compare only these with what it read (None: any document may have changed)
    only_documents: set[str] | None = field(default=None, compare=False)

    #: document id -> its place in `documents`, for the list object it was made from (a folder import
    #: upserts thousands of documents: scanning the list for each was quadratic)
    _places: tuple[list[Document], dict[str, int]] | None = field(default=None, init=False, repr=False, compare=False)
    #: text hash -> the ids of the documents with that text (see `same_text`), for the list object and length
    _by_text: tuple[list[Document], int, dict[str, list[str]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def _place(self, doc_id: str) -> int | None:
        """Where the (first) document `doc_id` is in `documents`, or None."""
        docs = self.documents
        places = self._places[1] if self._places is not None and self._places[0] is docs else None
        if (
            places is None
            or len(places) != len(docs)
            or (
                docs and places.get(docs[-1].id) != len(docs) - 1  # (one removed by hand, another appended)
            )
        ):
            places = _first_places(docs)
            self._places = (docs, places)
        i = places.get(doc_id)
        if i is not None and (i >= len(docs) or docs[i].id != doc_id):  # (the list was changed in place)
            places = _first_places(docs)
            self._places = (docs, places)
            i = places.get(doc_id)
        return i

    def document(self, doc_id: str) -> Document | None:
        i = self._place(doc_id)
        return self.documents[i] if i is not None else None

    def same_text(self, text_hash: str, doc_id: str) -> Document | None:
        """Another document than `doc_id` whose text is the one `text_hash` stands for (the same file imported
        from two places), or None."""
        docs = self.documents
        cached = self._by_text
        if cached is None or cached[0] is not docs or cached[1] != len(docs):
            table: dict[str, list[str]] = {}
            for d in docs:
                if d.text_hash:
                    table.setdefault(d.text_hash, []).append(d.id)
            self._by_text = cached = (docs, len(docs), table)
        for other in cached[2].get(text_hash, []):
            if other != doc_id and (found := self.document(other)) is not None and found.text_hash == text_hash:
                return found
        return None

    def upsert(self, doc: Document) -> None:
        if self._by_text is not None and doc.text_hash:
            self._by_text[2].setdefault(doc.text_hash, []).append(doc.id)
            if self._by_text[0] is self.documents and self._place(doc.id) is None:
                self._by_text = (self.documents, len(self.documents) + 1, self._by_text[2])
        i = self._place(doc.id)
        if i is not None:
            self.documents[i] = doc
            return
        assert self._places is not None
        self._places[1][doc.id] = len(self.documents)
        self.documents.append(doc)

    def remove(self, doc_id: str) -> None:
        self.documents = [d for d in self.documents if d.id != doc_id]
        self.edits.pop(doc_id, None)
        self.files.pop(doc_id, None)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LibraryData:
        meta = next(iter(_rows(data.get("meta"))), {})
        return cls(
            # (`data` is this copy's own: its rows become the records)
            documents=[Document.from_row(r) for r in _rows(data.get("documents"))],
            speakers=[Speaker.from_row(r) for r in _rows(data.get("speakers"))],
            edits={r["document"]: dict(r.get("fields", {})) for r in _rows(data.get("edits")) if "document" in r},
            generation=int(meta.get("generation", 0)),
            files=_files_table(data),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "meta": {"1": {"schema": SCHEMA_VERSION, "generation": self.generation}},
            "documents": _table([_plain(d) for d in self.documents]),
            "speakers": _table([_plain(s) for s in self.speakers]),
            "edits": _table([{"document": k, "fields": v} for k, v in self.edits.items() if v]),
            "files": _table([{"document": k, "file": v} for k, v in self.files.items()]),
        }


def _files_table(data: dict[str, Any]) -> dict[str, str]:
    """library.json's "files" table: document id -> the name of its live passages file."""
    return {r["document"]: r["file"] for r in _rows(data.get("files")) if "document" in r and "file" in r}


#: A versioned passages file: `<doc id>.v<8 hex digits>.json`.
_VERSIONED = re.compile(r"(?P<doc>.+)\.v[0-9a-f]{8}\.json")


def passages_owner(name: str) -> str | None:
    """The document id a file name in docs/ holds the passages of (None: not a passages file)."""
    if name.startswith(".") or not name.endswith(".json"):
        return None
    found = _VERSIONED.fullmatch(name)
    return found.group("doc") if found else name[: -len(".json")]


def _check_schema(path: Path, data: dict[str, Any], supported: int = SCHEMA_VERSION) -> int:
    """The file's schema version; DataFolderError if it is newer than `supported` or unknown."""
    meta = next(iter(_rows(data.get("meta"))), {})
    try:
        version = int(meta.get("schema", 1))
    except (TypeError, ValueError):
        version = -1
    if version > supported:
        raise NewerSchema(
            f"{path} was written by a newer sayso (schema {version}; this sayso reads {supported}): upgrade sayso"
        )
    if version < 1:
        raise DataFolderError(f"{path} has an unknown schema version {meta.get('schema')!r}")
    return version


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a big load allocates only acyclic objects.

    Decoding a large passages file creates hundreds of thousands of lists,
    strings and dataclasses, each allocation counting towards a collection that
    walks every live object (the search index included): measured, that more
    than doubled the time to open a 25,000-turn document.  Nested and
    concurrent pauses count, so the collector is back on when the last ends.
    """
    global _gc_pauses
    with _gc_lock:
        if _gc_pauses == 0:
            was_enabled = gc.isenabled()
            gc.disable()
            _gc_state["enabled"] = was_enabled
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_state["enabled"]:
                gc.enable()


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_state = {"enabled": True}


#: The columns of a schema-2 passages file, in the order they are written.
PASSAGE_COLUMNS = ("speaker", "text", "start", "end", "sentences", "heading")
#: Passages encoded per piece of a passages file (`_passage_columns_json`).
_COLUMN_CHUNK = 4096


def _fits_columns(doc_id: str, passages: list[Passage]) -> bool:
    """True if the passages fit the compact column form.

    What loading derives is left out: `id` (`<doc>:<index>`), `document`,
    `index` (the position) and `offset` (the running sum of text lengths and
    separators); each sentence list is flattened to `[s0, e0, s1, e1, ...]`.
    Passages where any of that does not hold are saved row by row instead, so
    a load always gives back exactly what was saved.
    """
    offset = 0
    gap = len(PASSAGE_SEPARATOR)
    for i, p in enumerate(passages):
        if p.id != f"{doc_id}:{i}" or p.document != doc_id or p.index != i or p.offset != offset:
            return False
        if any(len(span) != 2 for span in p.sentences):
            return False
        offset += len(p.text) + gap
    return True


def _column(passages: list[Passage], name: str) -> list[Any]:
    if name == "sentences":
        return [[n for span in p.sentences for n in span] for p in passages]
    return [getattr(p, name) for p in passages]


def _passage_columns_json(passages: list[Passage]) -> Iterator[str]:
    """The JSON of `{name: [value per passage], ...}` for PASSAGE_COLUMNS, in pieces of _COLUMN_CHUNK passages.

    Byte for byte what `encode_json` gives for the whole object, without building its lists or one string
    of the whole file (for a 50 MB transcript those held ~130 MB more at the import's peak).
    """
    yield "{"
    for k, name in enumerate(PASSAGE_COLUMNS):
        yield ("," if k else "") + _dumps(name) + ":["
        for lo in range(0, len(passages), _COLUMN_CHUNK):
            yield ("," if lo else "") + _dumps(_column(passages[lo : lo + _COLUMN_CHUNK], name))[1:-1]
        yield "]"
    yield "}"


def _column_json(name: str, values: Sequence[Any]) -> Iterator[str]:
    """`"name":[...]` for one column, in pieces of _COLUMN_CHUNK values (what `_passage_columns_json` writes)."""
    yield _dumps(name) + ":["
    for lo in range(0, len(values), _COLUMN_CHUNK):
        yield ("," if lo else "") + _dumps(values[lo : lo + _COLUMN_CHUNK])[1:-1]
    yield "]"


@dataclass
class PassageColumns:
    """One document's passages as the columns of its passages file, most of the file encoded ahead.

    What a folder import works out for each file in a worker process
    (corpus.importers.parallel), with the parse: the importing process then only
    adds the speaker column (the library's names for the speakers are known only
    under its lock) and writes the bytes.  Made by `passage_columns`; the file
    `Store.write_passages` writes from it is byte for byte the one it writes
    from the passages themselves.
    """

    #: each passage's speaker as the document names it
    speakers: list[str | None]
    #: (a JoinedTexts once made by passage_columns)
    texts: Sequence[str]
    starts: list[float | None]
    ends: list[float | None]
    headings: list[str | None]
    #: the file's JSON after the speaker column (`,"text":[...],...,"heading":[...]}`), UTF-8, in pieces
    rest: list[bytes]
    #: sha256 of the document text (the passages joined by PASSAGE_SEPARATOR): Document.text_hash
    text_hash: str
    #: the passages' whitespace-separated words: Document.words
    words: int


#: ASCII bytes to b" " (whitespace as str.split sees it: \t \n \v \f \r, \x1c-\x1f and space) or b"x"
_WORD_OR_SPACE = bytes(32 if c in (9, 10, 11, 12, 13, 28, 29, 30, 31, 32) else 120 for c in range(256))


#: Characters of passages counted at a time by `count_words` (what it copies at once).
_COUNT_CHUNK = 1 << 16


def text_runs(texts: Sequence[str], size: int) -> list[tuple[int, int]]:
    """Consecutive runs (lo, hi) of `texts` holding about `size` characters each: a run ends with the text that
    brings it to `size`.  At least one run, empty for no texts."""
    runs = []
    lo, held = 0, 0
    for i, length in enumerate(texts.lengths() if isinstance(texts, JoinedTexts) else map(len, texts)):
        held += length + 1
        if held >= size:
            runs.append((lo, i + 1))
            lo, held = i + 1, 0
    if lo < len(texts) or not runs:
        runs.append((lo, len(texts)))
    return runs


def count_words(texts: Sequence[str]) -> int:
    """How many words `texts` hold (corpus.words.count_words: whitespace-separated, and each character of
    Chinese and Japanese), without making them: ASCII passages' bytes are mapped to space or not and the word
    starts counted, about _COUNT_CHUNK characters at a time."""
    total = 0
    for lo, hi in text_runs(texts, _COUNT_CHUNK):
        joined = "\n".join(texts[lo:hi])
        if joined.isascii():
            marks = joined.encode("ascii").translate(_WORD_OR_SPACE)
            total += marks.count(b" x") + marks.startswith(b"x")
        else:
            total += sum(map(words.count_words, texts[lo:hi]))
    return total


class _SentenceSpans(Sequence[list[int]]):
    """Each passage's sentence spans flattened to [s0, e0, s1, e1, ...] (`given` where worked out ahead, else
    split from its text), made when a slice of them is asked for (by `_column_json`, a chunk at a time): made
    all at once, their lists and numbers took about as much memory as the text."""

    def __init__(
        self, texts: Sequence[str], given: list[list[int] | None], split: Callable[[str], list[list[int]]]
    ) -> None:
        self._texts, self._given, self._split = texts, given, split

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, i: int) -> list[int]: ...
    @overload
    def __getitem__(self, i: slice) -> list[list[int]]: ...
    def __getitem__(self, i: int | slice) -> list[int] | list[list[int]]:
        if isinstance(i, slice):
            return [self._flat(k) for k in range(*i.indices(len(self)))]
        return self._flat(i)

    def _flat(self, i: int) -> list[int]:
        given = self._given[i]
        return given if given is not None else [n for a, b in self._split(self._texts[i]) for n in (a, b)]


def passage_columns(
    passages: Sequence[ParsedPassage], split: Callable[[str], list[list[int]]], *, use_up: bool = False
) -> PassageColumns | None:
    """`passages` as PassageColumns, their sentences split by `split` where not worked out ahead.

    None when a sentence span is not a (start, end) pair: such passages do not
    fit the column form and are stored row by row (`Store.write_passages`).
    With `use_up` (a list of passages its caller lets go of) the list is
    emptied once their texts are joined, when the columns are made: the
    passages' own strings are then let go before the passages file's bytes are
    encoded, rather than held beside them and the joined text.
    """
    try:
        # Flattened to [s0, e0, s1, e1, ...]; unpacking checks that every span is a pair.
        given = [None if p.sentences is None else [n for a, b in p.sentences for n in (a, b)] for p in passages]
    except (TypeError, ValueError):
        return None
    texts = [p.text for p in passages]
    starts = [p.start for p in passages]
    ends = [p.end for p in passages]
    headings = [p.heading for p in passages]
    speakers = [p.speaker for p in passages]
    # The hash of the document text, a passage at a time (joining it would hold the text twice more).
    digest = hashlib.sha256()
    separator = PASSAGE_SEPARATOR.encode("utf-8")
    for i, text in enumerate(texts):
        if i:
            digest.update(separator)
        digest.update(text.encode("utf-8"))
    words = count_words(texts)
    joined = JoinedTexts(texts)
    del texts  # (what is let go: see JoinedTexts)
    if use_up and isinstance(passages, list):
        passages.clear()
    rest: list[bytes] = []
    for name, values in (
        ("text", joined),
        ("start", starts),
        ("end", ends),
        ("sentences", _SentenceSpans(joined, given, split)),
        ("heading", headings),
    ):
        rest.append(b",")
        rest.extend(piece.encode("utf-8") for piece in _column_json(name, values))
    rest.append(b"}")
    return PassageColumns(
        speakers=speakers,
        texts=joined,
        starts=starts,
        ends=ends,
        headings=headings,
        rest=rest,
        text_hash=digest.hexdigest(),
        words=words,
    )


def _passages_from_columns(doc_id: str, columns: dict[str, Any]) -> list[Passage]:
    """The passages of a schema-2 file; ValueError, TypeError or KeyError if its columns do not fit together."""
    text = columns["text"]
    names = ("speaker", "start", "end", "sentences", "heading")
    cols = [columns[name] for name in names]
    if not isinstance(text, list) or any(not isinstance(c, list) or len(c) != len(text) for c in cols):
        raise ValueError("its passage columns differ in length")
    gap = len(PASSAGE_SEPARATOR)
    prefix = f"{doc_id}:"
    out: list[Passage] = []
    append = out.append
    offset = 0
    for i, (t, speaker, start, end, flat, heading) in enumerate(zip(text, *cols)):
        pairs = iter(flat)
        append(
            Passage(
                prefix + str(i),
                doc_id,
                i,
                speaker,
                t,
                start,
                end,
                offset,
                [list(pair) for pair in zip(pairs, pairs)],
                heading,
            )
        )
        offset += len(t) + gap
    return out


class Store:
    """The library's files in one data folder.  Nothing is opened at import time.

    Readers need no lock (files are replaced atomically).  Writers call
    `read_for_update` / `write_library` / `save_passages` inside `with store.lock.held():`, which
    re-reads library.json fresh so no other process's write is lost.
    """

    def __init__(self, data_dir: Path, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.data_dir = Path(data_dir)
        self.docs_dir = self.data_dir / "docs"
        self.index_dir = self.data_dir / "index"
        self.library_path = self.data_dir / "library.json"
        self.quotes_path = self.data_dir / "quotes.json"
        self.lock = WriteLock(self.data_dir / ".lock", timeout=lock_timeout, on_acquire=self.forget_cache)
        #: library.json as last parsed, with the key of the file it came from (one tuple: threads read it whole)
        self._cache: tuple[tuple[int, int, int, int], dict[str, Any]] | None = None
        #: the bytes this store last wrote to library.json and that file's key: a read that finds the file
        #: unchanged parses them rather than reading and checking the file again (see `write_library`)
        self._written: tuple[tuple[int, int, int, int], bytes] | None = None
        self._titles: tuple[dict[str, Any], dict[str, str]] | None = None
        self._files: tuple[dict[str, Any], dict[str, str]] | None = None
        #: passages files written but not yet durable under their names: (temp file, name, its fsync under way),
        #: see `write_passages`
        self._unflushed: list[tuple[Path, Path, Future[None] | None]] = []
        self._unflushed_names: set[str] = set()
        #: the thread inside `passages_together`, whose passages files wait for `write_library`,
        #: and the thread that fsyncs them meanwhile
        self._together: int | None = None
        self._syncer: ThreadPoolExecutor | None = None

    # -- opening -----------------------------------------------------------
    def prepare(self, trusted: str | None = None) -> None:
        """Create the folder, clean a crash's leftovers, check library.json and its schema.

        A folder that exists but cannot be written to (read-only media, another
        user's folder) still opens for reading: `docs`, `show`, `search` and
        `quotes` work, and a write says why it cannot be made when it is tried.
        Raises DataFolderError for an unusable folder or a newer schema and
        DamagedFile (after setting the file aside) for a damaged library.json.

        `trusted` is a `fingerprint` of library.json that a sayso of this schema
        read whole and found sound (corpus.instep): while it is still the file
        on disk, it is not parsed again here, only when something reads it.
        """
        if self.data_dir.exists() and not self.data_dir.is_dir():
            raise DataFolderError(f"data folder {self.data_dir} is a file, not a folder")
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataFolderError(f"cannot use data folder {self.data_dir}: {_reason(exc)}") from None
        if not os.access(self.data_dir, os.R_OK | os.X_OK):
            raise DataFolderError(f"cannot use data folder {self.data_dir}: it is not readable")
        with contextlib.suppress(OSError):  # a read-only folder without docs/ simply has no documents yet
            self.docs_dir.mkdir(exist_ok=True)
        for folder in (self.data_dir, self.docs_dir, self.index_dir):
            clean_orphaned_temp_files(folder)
        if trusted is None or self.fingerprint() != trusted:
            self._raw()

    def fingerprint(self) -> str | None:
        """Which version of library.json is on disk, without parsing it (None: none, or one it cannot tell).

        Its identity (inode, times, size: it is only ever replaced whole, never
        written in place) and the generation its first line carries (bumped by
        every write): inodes are reused and a file system's times may be
        coarse, so two writes apart can share an identity, never a generation.
        """
        try:
            with open(self.library_path, "rb") as handle:
                st = os.fstat(handle.fileno())
                head = handle.read(_HEAD_BYTES)
        except OSError:
            return None
        found = _GENERATION_HEAD.match(head)
        if found is None:
            return None
        return "-".join(map(str, _cache_key(st))) + f"-g{int(found.group(1))}"

    def forget_cache(self) -> None:
        """Drop the in-memory library.json so the next read sees the disk (called on taking the lock)."""
        self._cache = None
        self._written = None

    def _raw(self) -> dict[str, Any]:
        """library.json as parsed JSON, re-read only when the file on disk was replaced.

        Readers build fresh dataclasses from these rows (cheap shallow copies),
        so nothing a caller changes can leak back into the cache.
        """
        try:
            st = os.stat(self.library_path)
        except FileNotFoundError:
            self.forget_cache()
            read_json_file(self.library_path)  # raises if a damaged library.json was set aside
            return {}
        except OSError as exc:
            raise DataFolderError(f"cannot read {self.library_path}: {_reason(exc)}") from None
        key = _cache_key(st)
        cached = self._cache  # (read once, key and data together: another thread may replace or forget it)
        if cached is not None and cached[0] == key:
            return cached[1]
        written = self._written
        if written is not None and written[0] == key:
            # What this store wrote (checked before it was written): parsed from memory.
            data = cast("dict[str, Any]", _loads(written[1]))
        else:
            data = read_json_file(self.library_path, LIBRARY_FILE) or {}
            _check_schema(self.library_path, data)
        self._cache = (key, data)
        self._written = None
        return data

    def generation(self) -> int:
        """A counter bumped by every write of library.json (cheap change detection)."""
        meta = next(iter(_rows(self._raw().get("meta"))), {})
        return int(meta.get("generation", 0))

    def schema_version(self) -> int | None:
        if not self.library_path.exists():
            return None
        meta = next(iter(_rows(self._raw().get("meta"))), {})
        return int(meta["schema"]) if "schema" in meta else None

    # -- reading -------------------------------------------------------------
    def documents(self) -> list[Document]:
        return [_fresh(Document, row) for row in _rows(self._raw().get("documents"))]

    def document_facts(self) -> list[tuple[str, str, str, str]]:
        """(id, text hash, title, kind) of every document, in import order, without building the documents (a
        search index checks them on opening: building 3,000 documents cost more than the search)."""
        return [
            (r["id"], r.get("text_hash") or "", r.get("title") or "", r.get("kind") or "")
            for r in _rows(self._raw().get("documents"))
        ]

    def titles(self) -> dict[str, str]:
        """Each document's current title by id, without building the documents (search asks on every keystroke)."""
        raw = self._raw()
        if self._titles is None or self._titles[0] is not raw:
            self._titles = (raw, {r["id"]: r.get("title", "") for r in (raw.get("documents") or {}).values()})
        return self._titles[1]

    def document(self, doc_id: str) -> Document | None:
        row = next((r for r in _rows(self._raw().get("documents")) if r.get("id") == doc_id), None)
        return _fresh(Document, row) if row is not None else None

    def speakers(self) -> list[Speaker]:
        return [_fresh(Speaker, row) for row in _rows(self._raw().get("speakers"))]

    def edits(self, doc_id: str) -> dict[str, Any]:
        row = next((r for r in _rows(self._raw().get("edits")) if r.get("document") == doc_id), None)
        return dict(row.get("fields", {})) if row else {}

    def passage_files(self) -> dict[str, str]:
        """Each document's live passages file name by id, as library.json names them (schema 1 documents absent)."""
        raw = self._raw()
        if self._files is None or self._files[0] is not raw:
            self._files = (raw, _files_table(raw))
        return self._files[1]

    def passages_path(self, doc_id: str) -> Path:
        """The live passages file of `doc_id`: the one library.json names, else the schema-1 `docs/<id>.json`."""
        if not doc_id or "/" in doc_id or doc_id.startswith("."):
            raise DataFolderError(f"bad document id {doc_id!r}")
        return self.docs_dir / (self.passage_files().get(doc_id) or f"{doc_id}.json")

    def has_passages(self, doc_id: str) -> bool:
        """Whether any passages file of `doc_id` is there to read (a library.json put back from a backup may list
        a document removed since)."""
        return self.passages_path(doc_id).exists() or bool(self._files_of(doc_id))

    def passages(self, doc_id: str) -> list[Passage]:
        """One document's passages in reading order (DamagedFile if its file is damaged)."""
        return self.passages_and_version(doc_id)[0]

    def _live_passages_file(self, doc_id: str) -> tuple[Path, dict[str, Any] | None]:
        """The live passages file of `doc_id` and its JSON (None: no file).

        A writer may replace the document (and remove the file library.json
        named a moment ago) between the two reads: then library.json is read
        again.  A listed document whose named file is gone (library.json put
        back from a backup) falls back to the newest passages file it has.
        """
        path = self.passages_path(doc_id)
        data = read_json_file(path, PASSAGES_FILE)
        if data is None:
            self.forget_cache()
            again = self.passages_path(doc_id)
            if again != path:
                path, data = again, read_json_file(again, PASSAGES_FILE)
        if data is None:
            found = self._files_of(doc_id)
            if found:
                path = max(found, key=lambda p: p.stat().st_mtime_ns if p.exists() else 0)
                data = read_json_file(path, PASSAGES_FILE)
        return path, data

    def _files_of(self, doc_id: str) -> list[Path]:
        """Every passages file in docs/ that belongs to `doc_id`, live or not."""
        with contextlib.suppress(OSError):
            return [Path(e.path) for e in os.scandir(self.docs_dir) if passages_owner(e.name) == doc_id]
        return []

    def passages_and_version(self, doc_id: str) -> tuple[list[Passage], str]:
        """One document's passages and the name of the file they came from (the version the index records).

        Reads both layouts of a passages file: columns (schema 2, written now)
        and one row per passage (schema 1, written by earlier versions).
        """
        with _gc_paused():
            path, found = self._live_passages_file(doc_id)
            version = path.name if found is not None and path.name != f"{doc_id}.json" else ""
            data = found or {}
            schema = _check_schema(path, data, PASSAGES_SCHEMA) if "meta" in data else 1
            if schema < 2:
                rows = sorted(_rows(data.get("passages")), key=lambda r: r["index"])
                return [Passage.from_dict(row) for row in rows], version
            try:
                passages = _passages_from_columns(doc_id, next(iter(_rows(data["columns"]))))
                if next(iter(_rows(data["meta"])))["passages"] == len(passages):
                    return passages, version
            except (KeyError, TypeError, ValueError, StopIteration):
                pass
            reason = "its passage columns are incomplete or do not fit together"
        raise _set_aside_damaged(path, reason)

    # -- writing (caller holds the lock) --------------------------------------------
    def read_for_update(self) -> LibraryData:
        """A fresh, private copy of library.json to change and pass to `write_library`."""
        self.forget_cache()
        if not self.library_path.exists():
            read_json_file(self.library_path)  # raises if a damaged library.json was set aside
            return LibraryData()
        data = read_json_file(self.library_path, LIBRARY_FILE) or {}
        _check_schema(self.library_path, data)
        with _gc_paused():
            return LibraryData.from_json(data)

    def write_library(self, data: LibraryData) -> None:
        """Save library.json (keeping rotating backups), then remove passages files it no longer names.

        The caller holds the lock, so every passages file not named here is a
        replaced version or a killed writer's, never one about to go live.
        """
        self.flush_passages()  # before library.json names them
        data.generation += 1
        storage = AtomicJSONStorage(self.library_path, backups=LIBRARY_BACKUPS, backup_interval=60.0, kind=LIBRARY_FILE)
        with _gc_paused():  # (thousands of new rows: see `_gc_paused`)
            rows = data.to_json()
        storage.write(rows)
        self.forget_cache()
        with contextlib.suppress(OSError):
            # (the caller holds the lock: no other writer can have replaced the file since)
            self._written = (_cache_key(os.stat(self.library_path)), storage.written)
        self._remove_unnamed_passages(data)

    def _remove_unnamed_passages(self, data: LibraryData) -> None:
        """Delete the passages files in docs/ that `data` (just saved) does not name.

        A listed document whose named file is missing (library.json put back
        from a backup) keeps its newest file, which reading falls back to.
        """
        try:
            entries = list(os.scandir(self.docs_dir))
        except OSError:
            return
        by_doc: dict[str, list[os.DirEntry[str]]] = {}
        live_names = set(data.files.values())
        present: set[str] = set()  # (live files seen: most of them, and the name alone says they stay)
        for entry in entries:
            if entry.name in live_names:
                present.add(entry.name)
                continue
            owner = passages_owner(entry.name)
            if owner is not None:
                by_doc.setdefault(owner, []).append(entry)
        listed = {d.id for d in data.documents}
        for doc_id, found in by_doc.items():
            live = data.files.get(doc_id) or f"{doc_id}.json"
            keep = {live} if doc_id in listed or doc_id in data.files else set()
            if doc_id in listed and live not in present and live not in {e.name for e in found}:
                with contextlib.suppress(OSError):
                    keep = {max(found, key=lambda e: e.stat().st_mtime_ns).name}
            for entry in found:
                if entry.name not in keep:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)

    # -- the people journal (caller holds the lock) ------------------------------------
    @property
    def people_journal_path(self) -> Path:
        return self.data_dir / "people-journal.json"

    def people_journal(self) -> list[dict[str, Any]]:
        """The undo journal of changes to people, oldest first (a damaged one is set aside: DamagedFile)."""
        data = read_json_file(self.people_journal_path, PEOPLE_JOURNAL_FILE) or {}
        return [r for r in _rows(data.get("entries")) if isinstance(r, dict)]

    def write_people_journal(self, entries: list[dict[str, Any]]) -> None:
        """Save the journal's newest PEOPLE_JOURNAL_ENTRIES entries atomically, keeping a backup."""
        kept = entries[-PEOPLE_JOURNAL_ENTRIES:]
        AtomicJSONStorage(self.people_journal_path, backups=2, kind=PEOPLE_JOURNAL_FILE).write(
            {**PEOPLE_JOURNAL_FILE.empty(), "entries": _table(kept)}
        )

    def dropped(self, doc_id: str) -> list[dict[str, str]]:
        """What the importer left out of this document's passages ({"reason", "text"} each)."""
        data = self._live_passages_file(doc_id)[1] or {}
        rows = next(iter(_rows(data.get("dropped"))), {}) if data.get("dropped") else {}
        items = rows.get("items", []) if isinstance(rows, dict) else []
        return [i for i in items if isinstance(i, dict)]

    def write_passages(
        self,
        doc_id: str,
        passages: list[Passage] | PassageTable,
        dropped: list[dict[str, str]] | None = None,
        columns: PassageColumns | None = None,
    ) -> str:
        """Write a new version of one document's passages file; returns its name, for `LibraryData.files`.

        The file is not live until library.json naming it is written
        (`write_library`): the version it replaces stays readable till then.
        Within `passages_together` it is not under its name yet either: it is
        written to a temp file, and `write_library` makes it and every other one
        written since durable together (`flush_passages`) before library.json
        names them, which saves an fsync of the file and of docs/ per document.
        The passages are stored as columns (`{"columns": {"1": {"text": [...],
        ...}}}`, still a TinyDB file): far fewer JSON objects than a row per
        passage, so opening a long document decodes in a fraction of the time.
        `columns`, the same passages as `passage_columns` gives them (laid out
        as the library lays them out: ids `<doc_id>:<i>`, offsets of the document
        text), has most of the file encoded already; the speakers come from `passages` (which may then be
        a PassageTable).
        """
        if not doc_id or "/" in doc_id or doc_id.startswith("."):
            raise DataFolderError(f"bad document id {doc_id!r}")
        while True:
            name = f"{doc_id}.v{os.urandom(4).hex()}.json"
            if name not in self._unflushed_names and not (self.docs_dir / name).exists():
                break
        tail = _dumps({"dropped": {"1": {"items": dropped}}})[1:] if dropped else "}"
        meta = {"meta": {"1": {"schema": PASSAGES_SCHEMA, "document": doc_id, "passages": len(passages)}}}
        chunks: Iterator[bytes]
        if columns is not None:
            if len(columns.texts) != len(passages):
                raise ValueError("the columns are not of these passages")
            speakers = list(passages.speakers) if isinstance(passages, PassageTable) else [p.speaker for p in passages]
            # {"meta":…,"columns":{"1":{"speaker":[…],"text":[…],…}},"dropped":…}
            chunks = itertools.chain(
                (
                    piece.encode("utf-8")
                    for piece in itertools.chain(
                        (_dumps(meta)[:-1] + ',"columns":{"1":{',), _column_json("speaker", speakers)
                    )
                ),
                columns.rest,
                (("}" + ("," + tail if dropped else tail)).encode("utf-8"),),
            )
        elif isinstance(passages, PassageTable):
            raise ValueError("a PassageTable is written from its PassageColumns")
        elif _fits_columns(doc_id, passages):
            # {"meta":…,"columns":{"1":{…}},"dropped":…}, written a piece at a time.
            pieces: Iterator[str] = itertools.chain(
                (_dumps(meta)[:-1] + ',"columns":{"1":',),
                _passage_columns_json(passages),
                ("}" + ("," + tail if dropped else tail),),
            )
            chunks = (piece.encode("utf-8") for piece in pieces)
        else:
            rows = {"meta": {"1": {"schema": 1, "document": doc_id}}, "passages": _table([_plain(p) for p in passages])}
            chunks = iter(((_dumps(rows)[:-1] + ("," + tail if dropped else tail)).encode("utf-8"),))
        if self._together is not None and self._together == threading.get_ident():
            tmp = write_temp_chunks(self.docs_dir, chunks, name)
            # Its fsync starts now, in the background, while the import goes on with the next document.
            syncing = self._syncer.submit(fsync_file, tmp) if self._syncer is not None else None
            self._unflushed.append((tmp, self.docs_dir / name, syncing))
            self._unflushed_names.add(name)
        else:
            atomic_write_chunks(self.docs_dir / name, chunks)
        return name

    @contextlib.contextmanager
    def passages_together(self) -> Iterator[None]:
        """Passages files this thread writes in the block are made durable together, by `write_library`.

        (A folder import's batch: one fsync of docs/ per batch rather than one
        per document, and each file's own fsync done by a thread meanwhile.)
        Those written after the last `write_library` of the block are removed
        at its end: nothing names them.
        """
        if self._together is not None:
            raise RuntimeError("passages_together is not re-entrant")
        from concurrent.futures import ThreadPoolExecutor

        self._together = threading.get_ident()
        self._syncer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sayso-fsync")
        try:
            yield
        finally:
            self._together = None
            syncer, self._syncer = self._syncer, None
            self.discard_passages()
            syncer.shutdown(wait=True)

    def flush_passages(self) -> None:
        """Make every passages file written since the last flush durable under its name (see `make_durable`).

        `write_library` does this first, so library.json never names a passages
        file that is not complete and durable.  SaveFailed if it cannot be done
        (the files are then removed: none of them is named by library.json yet).
        """
        if self._unflushed:
            pending, self._unflushed = self._unflushed, []
            self._unflushed_names.clear()
            make_durable(self.docs_dir, [(tmp, name) for tmp, name, _ in pending], [f for _, _, f in pending])

    def discard_passages(self) -> None:
        """Remove the passages files written since the last flush (nothing will name them)."""
        pending, self._unflushed = self._unflushed, []
        self._unflushed_names.clear()
        for tmp, _, _ in pending:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    def save_passages(self, doc_id: str, passages: list[Passage], dropped: list[dict[str, str]] | None = None) -> None:
        """Write one document's passages and make them live at once (library.json names the new file)."""
        with self.lock.held():
            name = self.write_passages(doc_id, passages, dropped)
            data = self.read_for_update()
            data.files[doc_id] = name
            self.write_library(data)

    def remove_document(self, data: LibraryData, doc_id: str) -> None:
        """Drop a document from `data` (fresh from `read_for_update`) and save it; its passages files go with it."""
        with self.lock.held():
            data.remove(doc_id)
            self.write_library(data)
