"""Bringing library.json or quotes.json back from a backup: the one restore both front ends call.

`sayso restore` and `sayso quote restore-backup` (and any future app dialog)
list, restore and start afresh through these functions, under the library's
write lock.  The current file is always kept beside a restored one, and damaged
copies are never deleted (corpus.store).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sayso.corpus.errors import SaysoError
from sayso.corpus.store import (
    backups_of,
    damage_reason,
    restore_backup,
    set_aside_copies,
    start_empty,
)

if TYPE_CHECKING:
    from sayso.corpus.library import Library

#: The files that can be brought back from a backup.
RESTORABLE = ("library", "quotes")


@dataclass(frozen=True)
class BackupState:
    """One backup file: whether it is a complete file, and if not, why (`problem`)."""

    path: Path
    good: bool
    problem: str | None = None


@dataclass(frozen=True)
class Backups:
    """The backups of `file`, newest first, and the damaged copies of it that were set aside."""

    file: Path
    backups: list[BackupState] = field(default_factory=list)
    set_aside: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Restored:
    """`file` was restored from `backup` (None: the newest good one); `quotes` it holds when it is quotes.json.

    `without_passages`: (title, source) of each document the restored library.json lists whose passages
    are gone (removed or replaced after that backup was made): it is listed with no text until its source
    is imported again.
    """

    file: Path
    backup: Path | None
    quotes: int | None = None
    without_passages: list[tuple[str, str]] = field(default_factory=list)


def restorable_path(library: Library, what: str) -> Path:
    """The file `what` ("library" or "quotes") names."""
    if what not in RESTORABLE:
        raise SaysoError(f"cannot restore {what!r}; choose one of: {', '.join(RESTORABLE)}")
    return library.store.library_path if what == "library" else library.store.quotes_path


def list_backups(library: Library, what: str) -> Backups:
    """Every backup of `what`, each judged whole or damaged, and the set-aside damaged copies."""
    path = restorable_path(library, what)
    with library.store.lock.held():
        states = []
        for backup in backups_of(path):
            try:
                reason = damage_reason(backup.read_bytes())
            except OSError as exc:
                reason = exc.strerror or str(exc)
            states.append(BackupState(backup, reason is None, reason))
        return Backups(path, states, set_aside_copies(path))


def restore(library: Library, what: str, backup: Path | None = None) -> Restored:
    """Make `backup` (default: the newest good one) the file `what` again; quotes are re-anchored as they come back."""
    path = restorable_path(library, what)
    without: list[tuple[str, str]] = []
    with library.store.lock.held():
        count = None
        if what == "quotes":
            count = len(library.quotes.restore_backup(backup))  # also re-anchors quotes on documents changed since
        else:
            restore_backup(path, backup)
        library.store.forget_cache()
        if what == "library":
            without = [(d.title, d.source) for d in library.documents() if not library.store.has_passages(d.id)]
    return Restored(path, backup, count, without)


def start_afresh(library: Library, what: str) -> Path:
    """Give up on a damaged `what`: an empty, complete file takes its place (the damaged copies stay)."""
    path = restorable_path(library, what)
    with library.store.lock.held():
        if what == "quotes":
            library.quotes.start_empty()  # refuses when quotes.json is not damaged
        else:
            start_empty(path)
    return path
