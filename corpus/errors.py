"""Errors a user can cause. Each carries one line that the CLI and the app show as is."""

from __future__ import annotations


class SaysoError(Exception):
    """A user-facing failure: the message is one clear line, never a traceback."""


class ImportRefused(SaysoError):
    """A file that cannot be imported (binary, empty, unreadable)."""


class NotFound(SaysoError):
    """A document, speaker or quote that the user named does not exist."""


class Ambiguous(SaysoError):
    """A name or quote that matches more than one thing; the message lists them."""


class LibraryBusy(SaysoError):
    """Another live sayso process holds the write lock for too long."""


class DamagedFile(SaysoError):
    """A data file that does not parse; it has been set aside, never treated as empty."""

    def __init__(self, message: str, *, moved_to: str | None = None, backups: list[str] | None = None) -> None:
        super().__init__(message)
        self.moved_to = moved_to
        self.backups = backups or []
