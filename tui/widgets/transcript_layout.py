"""Lazy line layout of a transcript: which screen line shows which characters of which passage.

The reader never wraps a whole document.  Passages are grouped in chunks; a
chunk's height is first *estimated* from character counts (cheap, O(chunks) per
width) and only *measured* (words actually wrapped) when a chunk comes into
view or the cursor needs its position.  Measured chunks are cached per width, so
a resize re-estimates a few thousand numbers instead of re-wrapping the text.

Nothing here imports Textual: it is plain arithmetic over strings, testable alone.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from rich.cells import cell_len

from sayso.corpus.models import Passage
from sayso.corpus.safety import visible

#: Passages per chunk: small enough that measuring one is a fraction of a frame.
CHUNK_SIZE = 48

# Line kinds.
HEADING, HEADER, BODY, BLANK = 0, 1, 2, 3

_WORD = re.compile(r"\S+\s*|\s+")


class ShownText:
    """A passage's text made safe to show, with a map from original to shown offsets.

    `corpus.safety.visible` turns a control character into a stand-in which may
    be longer than one character (C1 and bidi controls become `<U+0085>`); spans
    from the corpus (sentences, search hits, quotes) count in the original text,
    so they go through `shown()` before use.  Tabs become one space.
    """

    __slots__ = ("_map", "text")

    def __init__(self, raw: str) -> None:
        shown = visible(raw).replace("\t", " ")
        if len(shown) == len(raw):
            self.text = shown
            self._map: list[int] | None = None
            return
        pieces: list[str] = []
        mapping: list[int] = []
        at = 0
        for ch in raw:
            mapping.append(at)
            piece = " " if ch == "\t" else visible(ch)
            pieces.append(piece)
            at += len(piece)
        mapping.append(at)
        self.text = "".join(pieces)
        self._map = mapping

    def shown(self, offset: int) -> int:
        """The shown-text offset of an original-text offset (clamped)."""
        if self._map is None:
            return max(0, min(offset, len(self.text)))
        return self._map[max(0, min(offset, len(self._map) - 1))]


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """`(start, end)` spans of `text` per screen line, greedy word wrap at `width` cells.

    Hard newlines start a new line; a word longer than the width is folded.
    Trailing spaces stay on the line they follow (they are cropped when drawn).
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        if not para:
            lines.append((pos, pos))
            pos += 1
            continue
        if para.isascii() and len(para) <= width:
            lines.append((pos, pos + len(para)))
            pos += len(para) + 1
            continue
        start = pos
        used = 0
        for match in _WORD.finditer(para):
            word = match.group()
            word_start = pos + match.start()
            bare = word.rstrip()
            if not bare:  # leading spaces of the paragraph
                used += len(word)
                continue
            need = len(bare) if bare.isascii() else cell_len(bare)
            if used and used + need > width:
                lines.append((start, word_start))
                start, used = word_start, 0
            while need > width:  # fold a word longer than the line
                cut, cells = 0, 0
                for ch in bare:
                    w = cell_len(ch)
                    if cells + w > width and cut:
                        break
                    cells += w
                    cut += 1
                lines.append((word_start, word_start + cut))
                word_start += cut
                bare = bare[cut:]
                start = word_start
                need = len(bare) if bare.isascii() else cell_len(bare)
            used += need + (len(word) - len(word.rstrip()))
        lines.append((start, pos + len(para)))
        pos += len(para) + 1
    return lines


@dataclass(frozen=True)
class Line:
    """One screen line: its kind, the passage index and the shown-text span it draws."""

    kind: int
    passage: int
    start: int = 0
    end: int = 0


class TranscriptLayout:
    """Maps screen lines to passages for one document at one width, measuring lazily."""

    def __init__(self, passages: list[Passage]) -> None:
        self.passages = passages
        self.shown: list[ShownText | None] = [None] * len(passages)
        # A section heading is shown once, above the first passage under it (not above every one).
        self.headings: list[str | None] = [
            visible(p.heading, keep_newlines=False)
            if p.heading and (i == 0 or p.heading != passages[i - 1].heading)
            else None
            for i, p in enumerate(passages)
        ]
        self.show_header = [
            bool(p.speaker or p.start is not None)
            and (i == 0 or p.start is not None or p.speaker != passages[i - 1].speaker or self.headings[i] is not None)
            for i, p in enumerate(passages)
        ]
        n_chunks = max(1, math.ceil(len(passages) / CHUNK_SIZE))
        # Width-independent per-chunk statistics for estimates.
        self._chunk_chars = [0] * n_chunks
        self._chunk_fixed = [0] * n_chunks
        for i, p in enumerate(passages):
            c = i // CHUNK_SIZE
            self._chunk_chars[c] += len(p.text)
            self._chunk_fixed[c] += 1 + self.show_header[i] + p.text.count("\n") + (2 if self.headings[i] else 0)
        self.width = 0
        self._measured: dict[int, dict[int, list[list[Line]]]] = {}  # width -> chunk -> lines per passage
        self._heights: list[int] = [0] * n_chunks
        self._exact: list[bool] = [False] * n_chunks
        self._starts: list[int] = [0]
        self._dirty = True

    # -- sizes ---------------------------------------------------------------
    @property
    def chunks(self) -> int:
        return len(self._heights)

    def set_width(self, width: int) -> None:
        """Switch to `width`: reuse chunks measured at it before, estimate the rest."""
        width = max(8, width)
        if width == self.width:
            return
        self.width = width
        measured = self._measured.setdefault(width, {})
        if len(self._measured) > 3:  # keep the last few widths only
            for old in [w for w in self._measured if w != width][: len(self._measured) - 3]:
                del self._measured[old]
        for c in range(self.chunks):
            if c in measured:
                self._heights[c] = sum(len(lines) for lines in measured[c])
                self._exact[c] = True
            else:
                per_line = max(1.0, width * 0.88)
                self._heights[c] = self._chunk_fixed[c] + math.ceil(self._chunk_chars[c] / per_line)
                self._exact[c] = False
        self._dirty = True

    def _refresh_starts(self) -> None:
        if self._dirty:
            self._starts = [0, *accumulate(self._heights)]
            self._dirty = False

    @property
    def height(self) -> int:
        self._refresh_starts()
        return self._starts[-1]

    def chunk_start(self, chunk: int) -> int:
        self._refresh_starts()
        return self._starts[chunk]

    def chunk_at(self, y: int) -> int:
        """The chunk showing absolute line `y` (by current estimates)."""
        self._refresh_starts()
        return max(0, min(self.chunks - 1, bisect_right(self._starts, y) - 1))

    def is_exact(self, chunk: int) -> bool:
        return self._exact[chunk]

    # -- measuring -----------------------------------------------------------
    def shown_text(self, index: int) -> ShownText:
        shown = self.shown[index]
        if shown is None:
            shown = self.shown[index] = ShownText(self.passages[index].text)
        return shown

    def measure(self, chunk: int) -> int:
        """Wrap `chunk` at the current width; returns how much its height changed."""
        measured = self._measured.setdefault(self.width, {})
        if chunk in measured:
            return 0
        first = chunk * CHUNK_SIZE
        per_passage: list[list[Line]] = []
        for i in range(first, min(first + CHUNK_SIZE, len(self.passages))):
            per_passage.append(self._passage_lines(i))
        measured[chunk] = per_passage
        height = sum(len(lines) for lines in per_passage)
        delta = height - self._heights[chunk]
        self._heights[chunk] = height
        self._exact[chunk] = True
        if delta:
            self._dirty = True
        return delta

    def _passage_lines(self, i: int) -> list[Line]:
        body_width = self.width
        lines: list[Line] = []
        heading = self.headings[i]
        if heading:
            for a, b in wrap_offsets(heading, body_width):
                lines.append(Line(HEADING, i, a, b))
            lines.append(Line(BLANK, i))
        if self.show_header[i]:
            lines.append(Line(HEADER, i))
        shown = self.shown_text(i)
        for a, b in wrap_offsets(shown.text, body_width):
            lines.append(Line(BODY, i, a, b))
        lines.append(Line(BLANK, i))
        return lines

    def chunk_lines(self, chunk: int) -> list[list[Line]]:
        self.measure(chunk)
        return self._measured[self.width][chunk]

    def line_at(self, y: int) -> Line | None:
        """The line at absolute `y`, measuring its chunk if needed (call `settle` first for stable offsets)."""
        if y < 0 or y >= self.height:
            return None
        chunk = self.chunk_at(y)
        offset = y - self.chunk_start(chunk)
        for lines in self.chunk_lines(chunk):
            if offset < len(lines):
                return lines[offset]
            offset -= len(lines)
        return None

    def passage_top(self, index: int) -> int:
        """Absolute line where passage `index` starts (its chunk is measured)."""
        chunk = index // CHUNK_SIZE
        lines = self.chunk_lines(chunk)
        top = self.chunk_start(chunk)
        for k in range(index - chunk * CHUNK_SIZE):
            top += len(lines[k])
        return top

    def passage_lines(self, index: int) -> list[Line]:
        chunk = index // CHUNK_SIZE
        return self.chunk_lines(chunk)[index - chunk * CHUNK_SIZE]

    def span_rows(self, index: int, start: int, end: int) -> tuple[int, int]:
        """First and last absolute line showing shown-text span `[start, end)` of passage `index`."""
        top = self.passage_top(index)
        rows = [
            top + k
            for k, line in enumerate(self.passage_lines(index))
            if line.kind == BODY and line.start < max(end, start + 1) and line.end >= start
        ]
        if not rows:
            return top, top
        return rows[0], rows[-1]
