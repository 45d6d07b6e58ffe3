"""Visual-mode selection over a document's text: an anchor, a moving head, kept to one speaker.

Positions count in `document_text(passages)`, the text quotes are anchored in.
Motions follow vim's visual mode: the anchor stays where the selection began,
the head moves by word, sentence or turn, and `swap()` exchanges the ends.
Every result is clamped so a selection never runs across two speakers.
Nothing here imports Textual: the reader calls it and draws the result.
"""

from __future__ import annotations

from dataclasses import dataclass

from sayso.corpus import anchoring
from sayso.corpus.models import Passage, Quote, document_text, passage_index_at

#: Motion units accepted by `Selection.move`.
UNITS = ("word", "sentence", "passage")


@dataclass(frozen=True)
class Selection:
    """A selection `[start, end)` in document positions; `anchor` stays put, `head` moves."""

    anchor: int
    head: int
    #: where the selection began (its speaker is the one it keeps to)
    home: int

    @property
    def start(self) -> int:
        return min(self.anchor, self.head)

    @property
    def end(self) -> int:
        return max(self.anchor, self.head)

    def swap(self) -> Selection:
        """The same span with the moving end at the other side (vim's `o`)."""
        return Selection(self.head, self.anchor, self.home)


class SelectionText:
    """One document's text and passages, with the motions visual mode needs."""

    def __init__(self, passages: list[Passage]) -> None:
        self.passages = passages
        self.text = document_text(passages)

    # -- starting ----------------------------------------------------------------------------
    def sentence(self, passage: int, sentence: int) -> Selection:
        """A selection of sentence `sentence` of passage index `passage` (the reader's cursor)."""
        p = self.passages[passage]
        spans = p.sentences or [[0, len(p.text)]]
        a, b = spans[max(0, min(sentence, len(spans) - 1))]
        start, end = anchoring.trim_span(self.text, p.offset + a, p.offset + b)
        return self._clamped(Selection(start, max(end, start), start))

    def turn(self, pos: int) -> Selection:
        """The whole turn holding `pos` (the "take the whole turn" key)."""
        span = anchoring.passage_span_at(self.passages, pos) or (pos, pos)
        return Selection(span[0], span[1], span[0])

    def word(self, pos: int) -> Selection:
        """The word at (or just after) `pos`."""
        a, b = anchoring.word_span_at(self.text, pos)
        return self._clamped(Selection(a, b, a))

    # -- moving the head -----------------------------------------------------------------------
    def move(self, selection: Selection, unit: str, step: int) -> Selection:
        """Move the head one `unit` forward (`step` > 0) or back, then keep to one speaker."""
        head = selection.head
        text = self.text
        if unit == "word":
            if step > 0:
                head = self._next_word_start(head) if head < selection.anchor else anchoring.next_word_end(text, head)
            else:
                head = (
                    self._end_of_word_before(head)
                    if head > selection.anchor
                    else anchoring.previous_word_start(text, head)
                )
        elif unit in ("sentence", "passage"):
            head = self._boundary(selection, unit, step)
        else:
            raise ValueError(f"unknown unit {unit!r}; one of {UNITS}")
        if selection.head != selection.anchor and (selection.head - selection.anchor) * (head - selection.anchor) <= 0:
            return selection  # shrinking stops at the last word: a selection never collapses or flips
        return self._clamped(Selection(selection.anchor, head, selection.home))

    def _next_word_start(self, pos: int) -> int:
        """The start of the word after the one at `pos` (shrinking from the front by one word)."""
        text, i = self.text, pos
        while i < len(text) and not text[i].isspace():
            i += 1
        while i < len(text) and text[i].isspace():
            i += 1
        return i

    def _end_of_word_before(self, pos: int) -> int:
        """The end of the word before the last word ending at `pos` (shrinking by one word)."""
        text = self.text
        i = anchoring.previous_word_start(text, pos)
        while i > 0 and text[i - 1].isspace():
            i -= 1
        return i

    def _bounds(self, unit: str) -> tuple[list[int], list[int]]:
        """Sorted starts and ends of every sentence (or every turn), trimmed of spaces."""
        starts: set[int] = set()
        ends: set[int] = set()
        for p in self.passages:
            spans = [[0, len(p.text)]] if unit == "passage" else (p.sentences or [[0, len(p.text)]])
            for a, b in spans:
                s, e = anchoring.trim_span(self.text, p.offset + a, p.offset + b)
                starts.add(s)
                ends.add(e)
        return sorted(starts), sorted(ends)

    def _boundary(self, selection: Selection, unit: str, step: int) -> int:
        """The next sentence/turn end forward, or back: the previous end when shrinking, else start."""
        starts, ends = self._bounds(unit)
        head, anchor = selection.head, selection.anchor
        if step > 0:
            bounds = starts if head < anchor else ends
            return next((b for b in bounds if b > head), head)
        bounds = ends if head > anchor else starts
        return next((b for b in reversed(bounds) if b < head), head)

    # -- clamping -------------------------------------------------------------------------------
    def _clamped(self, selection: Selection) -> Selection:
        """Keep the span within the speaker where the selection began."""
        lo, hi = anchoring.keep_to_one_speaker(self.passages, selection.home, selection.start, selection.end)
        anchor = max(lo, min(selection.anchor, hi))
        head = max(lo, min(selection.head, hi))
        return Selection(anchor, head, selection.home)

    # -- reading ----------------------------------------------------------------------------------
    def words(self, selection: Selection) -> str:
        return self.text[selection.start : selection.end]

    def passage_index(self, pos: int) -> int:
        """The index of the passage holding `pos`."""
        return max(0, passage_index_at(self.passages, pos))

    def local_spans(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """`(passage index, start, end)` pieces of a document span, in each passage's own text."""
        pieces = []
        first = max(0, passage_index_at(self.passages, start))
        for i, p in enumerate(self.passages[first:], first):
            if p.offset >= end:
                break
            a, b = max(start, p.offset), min(end, p.offset + len(p.text))
            if a < b:
                pieces.append((i, a - p.offset, b - p.offset))
        return pieces

    def cursor_of(self, pos: int) -> tuple[int, int]:
        """Passage index and sentence index holding `pos` (where the reader's cursor should be)."""
        index = self.passage_index(pos)
        p = self.passages[index]
        local = pos - p.offset
        spans = p.sentences or [[0, len(p.text)]]
        sentence = next((k for k, (a, b) in enumerate(spans) if local < b), len(spans) - 1)
        return index, sentence

    def draft_quote(self, doc_id: str, start: int, end: int) -> Quote:
        """An unsaved Quote of `[start, end)` (to copy a selection with its citation)."""
        s, e = anchoring.trim_span(self.text, start, end)
        under = anchoring.passages_in_span(self.passages, s, e)
        prefix, suffix = anchoring.context(self.text, s, e)
        return Quote(
            id="",
            document=doc_id,
            exact=self.text[s:e],
            prefix=prefix,
            suffix=suffix,
            start=s,
            end=e,
            passage=under[0].id if under else None,
            speaker=under[0].speaker if under else None,
            timestamp=under[0].start if under else None,
        )
