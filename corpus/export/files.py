"""Writing an export to a file, for `sayso export -o` and the app's export dialog.

An export never lands in the data folder (it would replace the user's
quotes or library with a citation file), never replaces a file sayso did
not write unless the caller forces it, is written atomically (temp file,
fsync, rename), and goes through a symlink to the file it points at
instead of replacing the link.  Markdown into an existing file is the one
update in place: `markdown.merge` keeps everything outside sayso's quote
blocks, so it needs no force.  A binary format (qdpx) is written as the
bytes it is given, never as text.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from sayso.corpus.errors import NotReplaced, SaysoError, UnusableFile
from sayso.corpus.export import BINARY, csv_export, markdown, qdpx
from sayso.corpus.safety import visible
from sayso.corpus.store import atomic_write_bytes

if TYPE_CHECKING:
    from sayso.corpus.export.pseudonymise import Protection

#: How much of an existing file is read to tell whether sayso wrote it.
SIGNATURE_BYTES = 4096

# What each format sayso writes starts with.
_SIGNATURES = (
    re.compile(r"\A% Exported by sayso\n"),  # BibTeX
    re.compile(r"\A" + re.escape(",".join(csv_export.COLUMNS)) + r"\r?\n"),  # CSV header
    re.compile(r'\A\[\s*\{\s*"id": "sayso-'),  # CSL-JSON items
    re.compile(r'\A\{\s*"@context": "[^"]*",\s*"id": "urn:sayso:export:'),  # W3C collection
    re.compile(r"\A" + re.escape(markdown.HEADER.split("\n", 1)[0]) + r"\n\n<!-- Exported by sayso\."),  # Markdown
    re.compile(r"\ATY  - [A-Z0-9]+\r?\nID  - sayso-"),  # RIS: the first record, its ID a sayso citation key
)


def made_by_sayso(head: bytes) -> bool:
    """Whether a file starting with `head` is an export sayso wrote (in any of its formats)."""
    if qdpx.made_by_sayso(head):  # a zip: its first file's XML says so
        return True
    text = head.decode("utf-8", errors="replace")
    return any(sig.match(text) for sig in _SIGNATURES)


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:
        return False


def write_export(
    path: Path,
    fmt: str,
    text: str | bytes,
    *,
    data_dir: Path | None = None,
    force: bool = False,
    protection: Protection | None = None,
) -> Path:
    """Write the export `text` (format `fmt`; bytes for a binary format, `Export.content`) to `path`; returns the
    file actually written.

    Refused with one line (nothing written): a path in the data folder
    `data_dir` (its own files, or a symlink to one), a folder, a
    non-regular file, and an existing file that is not a sayso export unless
    `force`.  Markdown merges into an existing file (see `markdown.merge`).
    With a `protection` (`Export.protection`) the bytes about to be written,
    merged ones included, are checked for mapped names first: a leak raises
    `pseudonymise.Leak` and the file is left as it was.
    """
    if isinstance(text, bytes) != (fmt in BINARY):
        wanted = "binary: give its bytes (Export.content)" if fmt in BINARY else "text, not bytes"
        raise SaysoError(f"the {fmt} export is {wanted}; nothing written")
    given = Path(path)
    shown = visible(str(given), keep_newlines=False)
    target = Path(os.path.realpath(given))  # a symlink is followed to the file it points at
    if data_dir is not None and _inside(str(target), os.path.realpath(data_dir)):
        raise SaysoError(
            f"{shown} is in sayso's data folder; exports never write there (choose a file outside {visible(str(data_dir))})"
        )
    if target.is_dir():
        raise UnusableFile(f"{shown} is a folder, not a file", path=str(target))
    if not target.parent.is_dir():
        raise SaysoError(f"folder {visible(str(target.parent))} does not exist")
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise SaysoError(f"cannot use {shown}: {exc.strerror or exc}") from None
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            raise SaysoError(f"{shown} is not a regular file; not writing over it")
        try:
            existing = target.read_bytes() if fmt == "markdown" else _head(target)
        except OSError as exc:
            raise SaysoError(f"cannot read {shown}: {exc.strerror or exc}") from None
        if fmt == "markdown" and isinstance(text, str):
            try:
                old = existing.decode("utf-8")
            except UnicodeDecodeError:
                raise UnusableFile(f"{shown} is not UTF-8 text; not updating it", path=str(target)) from None
            try:
                text = markdown.merge(old, text)
            except SaysoError as exc:
                raise SaysoError(f"{shown}: {exc}; not updating it") from None
        elif not force and not made_by_sayso(existing):
            raise NotReplaced(f"{shown} exists and is not a sayso export; not replacing it", path=str(target))
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    if protection is not None:
        protection.check(fmt, data)
    atomic_write_bytes(target, data, mode=0o666)  # an export is an ordinary user file
    return target


def _head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(SIGNATURE_BYTES)
