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
        if raw["format"] != FORMAT:
            return None
        note = InStep(
            library=str(raw["library"]),
            manifest=tuple(raw["manifest"]),
            speakers=[[str(n) for n in group] for group in raw["speakers"]],
            retitled={str(k): [str(v[0]), str(v[1])] for k, v in raw["retitled"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None
    return note if note.library else None


def write_in_step(folder: Path, note: InStep) -> None:
    """Write the note, whole or not at all (best effort: a folder that cannot be written to only keeps the
    checks).  Not flushed to the disk: after a power cut an empty note is as good as none."""
    raw = {
        "format": FORMAT,
        "library": note.library,
        "manifest": list(note.manifest),
        "speakers": note.speakers,
        "retitled": note.retitled,
    }
    tmp = temp_path(Path(folder))
    try:
        tmp.write_bytes(json.dumps(raw, ensure_ascii=False).encode("utf-8"))
        os.replace(tmp, Path(folder) / NOTE)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
