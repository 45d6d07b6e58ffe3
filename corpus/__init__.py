"""sayso's headless library: models, importers, the store, search, anchoring and export.

This package never imports Textual, Rich or `tui`; scripts and benchmarks use it directly::

    from corpus import Library
    lib = Library.open("~/transcripts-data")
    lib.import_paths(["panel.txt"])
    for hit in lib.search("lecun opne wieghts"):
        print(hit.speaker, hit.text)
"""

from __future__ import annotations

from corpus.errors import Ambiguous, DamagedFile, ImportRefused, LibraryBusy, NotFound, SaysoError
from corpus.library import ImportReport, Library
from corpus.models import Document, Passage, Speaker

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
