"""A note, in the index folder, that the search index and library.json were last found in step.

Opening a library of a million passages and answering its first search spent
a third of its time on library.json (3 MB): parsing it to check it on
opening, then comparing the index with it document by document.  Neither is
needed while both are exactly the files that were last compared.  After a
comparison finds them in step, the index writes this note: which version of
library.json it compared (its identity on disk, which changes whenever it is
replaced: it is never written in place), which manifest, and the little a
search needs from library.json besides: each person's names, and the titles
and kinds changed since their documents were indexed.

It is a cache, never the truth: a missing, damaged or stale note costs only
the checks it would have saved, and any change to either file makes it stale.
Only this module reads or writes it; it imports nothing heavy, so that opening
a library can consult it before deciding to parse library.json.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sayso.corpus.store import SCHEMA_VERSION, temp_path

NOTE = "in-step.json"
#: bumped when the note's fields change; the library schema is part of it too (a note a sayso of another
#: schema wrote is not trusted: that sayso's library.json may not be one this sayso can read)
FORMAT = f"1/{SCHEMA_VERSION}"
#: the modules whose rules make what the note holds: reading library.json's rows and speakers (store,
#: models), one person per name (library, identity), and what the index compares with it (search)
_RULES = ("store.py", "models.py", "library.py", "identity.py", "search.py", "instep.py")


@functools.cache
def code_stamp() -> str:
    """This sayso's code that makes the note (sizes and times of `_RULES`): a note another version of it wrote,
    an upgrade's or a checkout's, is not trusted, even with the library and the index unchanged."""
    here = Path(__file__).resolve().parent
    parts = []
    for name in _RULES:
        try:
            st = os.stat(here / name)
        except OSError:
            return ""  # (not trusted: rather compare than guess)
        parts.append(f"{st.st_size}.{st.st_mtime_ns}")
    return "/".join(parts)


@dataclass(frozen=True)
class InStep:
    """What the note says (see the module)."""

    #: library.json's identity when compared (Store.fingerprint)
    library: str
    #: the manifest's generation, epoch and identity when compared
    manifest: tuple[Any, ...]
    #: each person's name and aliases, as the search's speaker list gave them
    speakers: list[list[str]] = field(default_factory=list)
    #: document id -> [title, kind], where library.json has others than the index's segments
    retitled: dict[str, list[str]] = field(default_factory=dict)


def read_in_step(folder: Path) -> InStep | None:
    """The note in the index folder `folder`; None when there is none or it cannot be used."""
    try:
        raw = json.loads((Path(folder) / NOTE).read_bytes())
        if raw["format"] != FORMAT or not raw["code"] or raw["code"] != code_stamp():
            return None
        library, manifest, speakers, retitled = raw["library"], raw["manifest"], raw["speakers"], raw["retitled"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not (
        isinstance(library, str)
        and library
        and isinstance(manifest, list)
        and all(isinstance(v, (int, str)) for v in manifest)
        and isinstance(speakers, list)
        and all(isinstance(g, list) and g and all(isinstance(n, str) for n in g) for g in speakers)
        and isinstance(retitled, dict)
        and all(isinstance(v, list) and len(v) == 2 and all(isinstance(t, str) for t in v) for v in retitled.values())
    ):
        return None
    return InStep(library, tuple(manifest), speakers, retitled)


def write_in_step(folder: Path, note: InStep) -> None:
    """Write the note, whole or not at all (best effort: a folder that cannot be written to only keeps the
    checks).  Not flushed to the disk: after a power cut an empty note is as good as none."""
    raw = {
        "format": FORMAT,
        "code": code_stamp(),
        "library": note.library,
        "manifest": list(note.manifest),
        "speakers": note.speakers,
        "retitled": note.retitled,
    }
    tmp = temp_path(Path(folder))
    try:
        # Private, as every file sayso keeps is: it holds people's names and the titles given.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(json.dumps(raw, ensure_ascii=False).encode("utf-8"))
        os.replace(tmp, Path(folder) / NOTE)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
