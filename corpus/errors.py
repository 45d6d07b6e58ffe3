"""Errors a user can cause. Each carries one line that the CLI and the app show as is.

The line says what went wrong in the library's terms, never which command to
run next: errors carry structured fields (what was not found, which file is
damaged and how it can be recovered) from which a front end adds its own
advice (the CLI names its commands, see sayso.cli.advice).
"""

from __future__ import annotations

from typing import Any


class SaysoError(Exception):
    """A user-facing failure: the message is one clear line, never a traceback."""


class ImportRefused(SaysoError):
    """A file that cannot be imported (binary, empty, unreadable)."""


class NotFound(SaysoError):
    """A document, speaker or quote that the user named does not exist.

    `what` is "document", "speaker" or "quote" when the error is about finding
    one of those by a reference (`ref`), so a front end can point at its list.
    """

    def __init__(self, message: str, *, what: str = "", ref: str = "") -> None:
        super().__init__(message)
        self.what = what
        self.ref = ref


class Ambiguous(SaysoError):
    """A name or quote that matches more than one thing; the message lists them.

    `candidates` lists them as records when a front end can offer a choice (the
    places of a quote's words: occurrence, start, end, speaker, passage, context).
    `narrow_by` says what tells them apart, for a front end to ask for: "place"
    (which occurrence, or the words right before or after it) or "document"
    (a speaker label that is a different person in each document).
    """

    def __init__(self, message: str, *, candidates: list[dict[str, Any]] | None = None, narrow_by: str = "") -> None:
        super().__init__(message)
        self.candidates = candidates or []
        self.narrow_by = narrow_by


class NotReplaced(SaysoError):
    """An existing file an export would replace but does not, since sayso did not write it (`path`)."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path


class UnusableFile(SaysoError):
    """A file an export cannot write to (a folder, or Markdown that is not UTF-8 text to update): `path`."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path


class LibraryBusy(SaysoError):
    """Another live sayso process holds the write lock for too long."""


class SaveFailed(SaysoError):
    """A save that did not happen (disk full, I/O error, no permission); the previous file is intact."""


class DataFolderError(SaysoError):
    """The data folder cannot be used (it is a file, unwritable, or written by a newer sayso)."""


class DamagedFile(SaysoError):
    """A data file that does not parse; it has been set aside, never treated as empty.

    `moved_to` is where the damaged file now lies (intact), `backups` the
    rotating backups that parse, newest first: the first is what to offer.
    `recovery` says what brings the file back: "backup" (restore the newest
    good backup), "empty" (no good backup: start an empty file), "reimport"
    (import the document's source again) or "" (nothing to offer).
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        moved_to: str | None = None,
        backups: list[str] | None = None,
        recovery: str = "",
    ) -> None:
        super().__init__(message)
        self.path = path
        self.moved_to = moved_to
        self.backups = backups or []
        self.recovery = recovery


class EditConflict(SaysoError):
    """An edit made on an older revision of a quote than the one stored (someone else changed it meanwhile).

    Nothing was overwritten: `theirs` is the quote as stored now and `mine` the
    version this edit would have made; `mine` is also kept in the quote's
    history, so neither is lost.  Apply it again on `theirs.revision` to keep it.
    """

    def __init__(self, message: str, *, theirs: object, mine: object) -> None:
        super().__init__(message)
        self.theirs = theirs
        self.mine = mine


class ServerError(SaysoError):
    """A shared archive refused or failed a request (one line, never a password in it)."""


class ServerUnavailable(ServerError):
    """The archive's server cannot be reached (down, restarting, wrong address): nothing was saved."""


class NotAllowed(ServerError):
    """The archive's grants or row-level security refused this for the connected role."""


class ArchiveNotReady(ServerError):
    """The database holds no archive yet (`needs` "init"), or one of an older schema (`needs` "migrate")."""

    def __init__(self, message: str, *, needs: str) -> None:
        super().__init__(message)
        self.needs = needs
