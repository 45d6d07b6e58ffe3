"""sayso's headless library: models, importers, the store, search, anchoring and export.

This package never imports Textual, Rich or a front end (`sayso.tui`, `sayso.cli`); scripts and benchmarks use it directly::

    from sayso.corpus import Library
    lib = Library.open("~/transcripts-data")
    lib.import_paths(["panel.txt"])
    for hit in lib.search("lecun opne wieghts"):
        print(hit.speaker, hit.text)

The names below are loaded on first use, so `import sayso.corpus` (and `import
sayso.corpus.models`, which runs this file first) loads neither the store nor TinyDB.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sayso.corpus.errors import Ambiguous, DamagedFile, ImportRefused, LibraryBusy, NotFound, SaysoError
    from sayso.corpus.library import ImportReport, Library
    from sayso.corpus.models import Document, Passage, Speaker

#: Exported name -> the module that defines it.
_EXPORTS = {
    "Ambiguous": ".errors",
    "DamagedFile": ".errors",
    "ImportRefused": ".errors",
    "LibraryBusy": ".errors",
    "NotFound": ".errors",
    "SaysoError": ".errors",
    "ImportReport": ".library",
    "Library": ".library",
    "Document": ".models",
    "Passage": ".models",
    "Speaker": ".models",
}

__all__ = [
    "Ambiguous",
    "DamagedFile",
    "Document",
    "ImportRefused",
    "ImportReport",
    "Library",
    "LibraryBusy",
    "NotFound",
    "Passage",
    "SaysoError",
    "Speaker",
]
assert sorted(__all__) == sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Load an exported name from its module the first time it is asked for."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
