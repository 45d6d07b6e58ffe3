"""Where the reader is and how it got there: the jump list, the way back, the documents kept in memory.

Plain Python, no Textual: the main screen asks these objects what to do and
shows the answer, so every rule here is tested without running the app
(tests/test_tui_navigation.py).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from sayso.corpus.models import Hit, Passage, Quote, passage_index_at

#: A cursor move longer than this many turns is recorded in the jump list.
JUMP_DISTANCE = 10
#: Documents whose passages stay in memory, so jumping back is instant.
CACHED_DOCUMENTS = 4


@dataclass(frozen=True)
class Position:
    """A place in the library the jump list can return to."""

    doc_id: str
    passage: int
    sentence: int


@dataclass(frozen=True)
class ReturnTo:
    """Where escape leaves the reader for: a pane, and the row to highlight there (None: leave it)."""

    pane: str = "documents"
    row: int | None = None


class JumpList:
    """Vim's jump list: opening a document or a long cursor move records where the reader was.

    `back` and `forward` walk the list; recording after going back drops the
    positions ahead, as in vim.  The reader's cursor is tracked through
    `moved`, which records a jump when the cursor went further than
    JUMP_DISTANCE turns in one move.
    """

    def __init__(self) -> None:
        self.positions: list[Position] = []
        #: Index of the position `forward` returns to; len(positions) when at the newest.
        self.at = 0
        #: Where the cursor was last seen (None before a document is shown).
        self.last: Position | None = None

    def push(self, position: Position) -> None:
        """Record `position` as a place to come back to."""
        del self.positions[self.at :]
        if not self.positions or self.positions[-1] != position:
            self.positions.append(position)
        self.at = len(self.positions)

    def record(self, current: Position | None) -> None:
        """About to jump away from `current` (None: nothing is open)."""
        if current is not None:
            self.push(current)

    def moved(self, position: Position, *, jumping: bool = False) -> None:
        """The cursor is at `position` now; a long move (not one of our own jumps) is recorded."""
        last = self.last
        if (
            not jumping
            and last is not None
            and last.doc_id == position.doc_id
            and abs(last.passage - position.passage) > JUMP_DISTANCE
        ):
            self.push(last)
        self.last = position

    def back(self, current: Position | None) -> Position | None:
        """Where ctrl+o goes from `current`; None when there is nowhere to go."""
        if self.at == len(self.positions):
            if current is not None and (not self.positions or self.positions[-1] != current):
                self.positions.append(current)
            self.at = len(self.positions) - 1
        if self.at <= 0:
            return None
        self.at -= 1
        return self.positions[self.at]

    def forward(self) -> Position | None:
        """Where ctrl+n goes (undoing a jump back); None when there is nowhere to go."""
        if self.at + 1 >= len(self.positions):
            return None
        self.at += 1
        return self.positions[self.at]


class PassageCache:
    """The passages of the last few documents shown, newest last (at most CACHED_DOCUMENTS)."""

    def __init__(self, size: int = CACHED_DOCUMENTS) -> None:
        self.size = size
        self._documents: OrderedDict[str, list[Passage]] = OrderedDict()

    def get(self, doc_id: str) -> list[Passage] | None:
        return self._documents.get(doc_id)

    def put(self, doc_id: str, passages: list[Passage]) -> None:
        """Keep `passages` as `doc_id`'s, forgetting the least recently shown document beyond `size`."""
        self._documents[doc_id] = passages
        self._documents.move_to_end(doc_id)
        while len(self._documents) > self.size:
            self._documents.popitem(last=False)

    def forget(self, doc_id: str) -> None:
        self._documents.pop(doc_id, None)

    def clear(self) -> None:
        self._documents.clear()

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._documents


def _distinct_words(text: str, spans: list[tuple[int, int]]) -> int:
    return len({text[a:b].casefold() for a, b in spans})


def densest_match(text: str, spans: list[list[int]] | list[tuple[int, int]], width: int) -> int:
    """Where the best match of a hit begins: the start of the run of matched words, at most `width`
    characters long, that holds the most different query words (the earliest such run).

    A hit's spans mark every good match of each query word; the first of them may be a lone common
    word ("open") far from where all the words stand together ("magic open research").
    """
    ordered = sorted((int(a), int(b)) for a, b in spans if b > a)
    if not ordered:
        return 0
    best, best_count = ordered[0][0], 0
    j = 0
    for i, (a, _) in enumerate(ordered):
        j = max(j, i)
        while j + 1 < len(ordered) and ordered[j + 1][1] - a <= width:
            j += 1
        count = _distinct_words(text, ordered[i : j + 1])
        if count > best_count:
            best, best_count = a, count
    return best


def hit_position(passages: list[Passage], hit: Hit) -> tuple[int, int]:
    """The passage index of `hit` and the sentence holding most of its different matched words
    (the earliest such sentence)."""
    index = hit.index
    if not (0 <= index < len(passages) and passages[index].id == hit.passage):
        index = next((i for i, p in enumerate(passages) if p.id == hit.passage), max(0, min(index, len(passages) - 1)))
    sentences = passages[index].sentences if passages else []
    spans = [(int(a), int(b)) for a, b in hit.spans if b > a]
    if not spans or not sentences:
        first = min((a for a, _ in spans), default=0)
        return index, next((k for k, (a, b) in enumerate(sentences) if a <= first < b), 0)
    text = passages[index].text
    counts = [_distinct_words(text, [s for s in spans if a <= s[0] < b]) for a, b in sentences]
    best = max(counts)
    return index, counts.index(best) if best else 0


def span_hit(passages: list[Passage], quote: Quote, start: int, end: int, title: str) -> Hit:
    """A search-hit-like mark for `[start, end)` of the document text, in the passage that holds `start`.

    Positions past the end are pulled in; an empty span marks nothing but
    still opens the passage.
    """
    size = passages[-1].offset + len(passages[-1].text) if passages else 0
    a, b = max(0, min(start, size)), max(0, min(end, size))
    index = passage_index_at(passages, a)
    p = passages[index] if index >= 0 else None
    spans = [[max(0, a - p.offset), min(len(p.text), b - p.offset)]] if p is not None and b > a else []
    return Hit(
        passage=p.id if p else "",
        document=quote.document,
        speaker=quote.speaker,
        text=p.text if p else "",
        score=1.0,
        spans=[s for s in spans if s[1] > s[0]],
        title=title,
        index=max(0, index),
    )
