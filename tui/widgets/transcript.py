"""TranscriptView: the reader, a Line API ScrollView over one document.

Lines are produced on demand by `TranscriptLayout` (lazy wrapping, chunked) and
drawn as Strips through a small LRU cache, so opening a 200,000-line
transcript costs the same as a short one and a resize re-estimates instead of
re-wrapping.  The view keeps two cursors, the current passage and the current
sentence inside it, and draws *marks*: spans of passage text with a named
style (search hits, quotes, a selection), which is how quote selection plugs in.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from sayso.corpus.models import Document, Passage
from sayso.corpus.safety import visible
from sayso.tui.widgets.transcript_layout import (
    BLANK,
    BODY,
    HEADER,
    HEADING,
    Line,
    TranscriptLayout,
)

GUTTER = 2
SPEAKER_STYLES = 6


def format_time(seconds: float | None) -> str:
    """`[h:mm:ss]` or `[m:ss]` for a timestamp in seconds, empty when unknown."""
    if seconds is None:
        return ""
    total = int(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"[{h}:{m:02d}:{s:02d}]" if h else f"[{m}:{s:02d}]"


@dataclass(frozen=True)
class Mark:
    """A styled span of one passage's original text: `kind` names a `transcript--<kind>` style."""

    passage: int
    start: int
    end: int
    kind: str = "hit"


class TranscriptView(ScrollView, can_focus=True, inherit_bindings=False):
    """The open document, drawn line by line with a passage and a sentence cursor."""

    COMPONENT_CLASSES = {
        "transcript--heading",
        "transcript--timestamp",
        "transcript--cursor",
        "transcript--sentence",
        "transcript--dim",
        "transcript--hit",
        "transcript--quote",
        "transcript--selection",
        "transcript--empty",
        *{f"transcript--speaker-{i}" for i in range(SPEAKER_STYLES)},
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "j,down,right_parenthesis",
            "next_sentence",
            "Sentence",
            key_display="j/k",
            id="reader.next_sentence",
            tooltip="Next sentence",
        ),
        Binding(
            "k,up,left_parenthesis", "previous_sentence", "Previous sentence", show=False, id="reader.previous_sentence"
        ),
        Binding(
            "J,right_square_bracket,ctrl+down",
            "next_passage",
            "Turn",
            key_display="J/K",
            id="reader.next_passage",
            tooltip="Next turn",
        ),
        Binding(
            "K,left_square_bracket,ctrl+up",
            "previous_passage",
            "Previous turn",
            show=False,
            id="reader.previous_passage",
        ),
        Binding("g,home", "first", "Start", show=False, id="reader.first"),
        Binding("G,end", "last", "End", show=False, id="reader.last"),
        Binding("pagedown,ctrl+d,space", "page(1)", "Page down", show=False, id="reader.page_down"),
        Binding("pageup,ctrl+u,b", "page(-1)", "Page up", show=False, id="reader.page_up"),
        Binding("ctrl+e", "scroll_lines(1)", "Scroll down", show=False, id="reader.scroll_down"),
        Binding("ctrl+y", "scroll_lines(-1)", "Scroll up", show=False, id="reader.scroll_up"),
    ]

    class CursorMoved(Message):
        """The passage or sentence cursor moved (only the latest one matters)."""

        def __init__(self, view: TranscriptView, passage: int, sentence: int) -> None:
            super().__init__()
            self.view = view
            self.passage = passage
            self.sentence = sentence

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, TranscriptView.CursorMoved)

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.document: Document | None = None
        self.passages: list[Passage] = []
        self.layout_: TranscriptLayout = TranscriptLayout([])
        self.passage = 0
        self.sentence = 0
        self.lens: str | None = None
        self._marks: dict[int, list[Mark]] = {}
        self._speaker_slot: dict[str, int] = {}
        self._strips: OrderedDict[tuple[object, ...], Strip] = OrderedDict()
        self._style_epoch = 0
        self._shown_height = 0  # viewport height the cursor was last placed for (0 while hidden)

    # -- loading and state -----------------------------------------------------
    def load(self, document: Document, passages: list[Passage], *, passage: int = 0, sentence: int = 0) -> None:
        """Show `document`, with the cursor on `passage`/`sentence` (clamped)."""
        self.document = document
        self.passages = passages
        self.layout_ = TranscriptLayout(passages)
        self._marks = {}
        self._speaker_slot = {}
        for p in passages:
            if p.speaker and p.speaker not in self._speaker_slot:
                self._speaker_slot[p.speaker] = len(self._speaker_slot) % SPEAKER_STYLES
        self._forget_strips()
        self._apply_width()
        self.move_to(passage, sentence, center=True)
        # The cursor was just placed for this height (0 while hidden): the next resize keeps its row
        # rather than centring again, however that resize and this load happened to be ordered.
        self._shown_height = self.scrollable_content_region.height
        self.refresh_bindings()  # actions that need an open document are now available

    def unload(self) -> None:
        """Show no document (the open one is gone from the library)."""
        self.document = None
        self.passages = []
        self.layout_ = TranscriptLayout([])
        self._marks = {}
        self._speaker_slot = {}
        self.passage = self.sentence = 0
        self._forget_strips()
        self._apply_width()
        self.refresh()
        self.refresh_bindings()

    @property
    def current(self) -> Passage | None:
        """The passage under the cursor, if a document is open."""
        return self.passages[self.passage] if self.passages else None

    def sentence_spans(self, index: int) -> list[list[int]]:
        """Sentence spans of passage `index` (the whole text when it has none)."""
        p = self.passages[index]
        return p.sentences or [[0, len(p.text)]]

    @property
    def sentence_span(self) -> tuple[int, int]:
        """Original-text span of the current sentence in the current passage."""
        if not self.passages:
            return (0, 0)
        spans = self.sentence_spans(self.passage)
        a, b = spans[min(self.sentence, len(spans) - 1)]
        return a, b

    def set_lens(self, speaker: str | None) -> None:
        """Dim every turn not by `speaker` (None shows everyone) and move by that speaker's turns."""
        self.lens = speaker
        self._forget_strips()
        self.refresh()

    def set_marks(self, marks: list[Mark], kinds: set[str] | None = None) -> None:
        """Replace the marks of the given `kinds` (all kinds when None) with `marks`."""
        kept: dict[int, list[Mark]] = {}
        for index, existing in self._marks.items():
            rest = [m for m in existing if kinds is not None and m.kind not in kinds]
            if rest:
                kept[index] = rest
        for mark in marks:
            kept.setdefault(mark.passage, []).append(mark)
        self._marks = kept
        self._forget_strips()
        self.refresh()

    def marks(self, kind: str | None = None) -> list[Mark]:
        """The current marks, optionally of one kind."""
        return [m for ms in self._marks.values() for m in ms if kind is None or m.kind == kind]

    # -- cursor movement -------------------------------------------------------
    def _in_lens(self, index: int) -> bool:
        return self.lens is None or self.passages[index].speaker == self.lens

    def move_to(self, passage: int, sentence: int = 0, *, center: bool = False, turn: bool = False) -> None:
        """Put the cursor on `passage`/`sentence` and scroll it into view (`turn`: a move by whole turns, which
        brings a turn below the view to its top rather than just into it)."""
        if not self.passages:
            self.refresh()
            return
        self.passage = max(0, min(passage, len(self.passages) - 1))
        spans = self.sentence_spans(self.passage)
        self.sentence = max(0, min(sentence, len(spans) - 1))
        self._forget_strips()
        self._scroll_to_cursor(center=center, turn=turn)
        self.refresh()
        self.post_message(self.CursorMoved(self, self.passage, self.sentence))

    def _step_passage(self, start: int, step: int) -> int | None:
        index = start + step
        while 0 <= index < len(self.passages):
            if self._in_lens(index):
                return index
            index += step
        return None

    def action_next_sentence(self) -> None:
        if not self.passages:
            return
        if self._in_lens(self.passage) and self.sentence + 1 < len(self.sentence_spans(self.passage)):
            self.move_to(self.passage, self.sentence + 1)
        elif (index := self._step_passage(self.passage, 1)) is not None:
            self.move_to(index, 0)

    def action_previous_sentence(self) -> None:
        if not self.passages:
            return
        if self._in_lens(self.passage) and self.sentence > 0:
            self.move_to(self.passage, self.sentence - 1)
        elif (index := self._step_passage(self.passage, -1)) is not None:
            self.move_to(index, len(self.sentence_spans(index)) - 1)

    def action_next_passage(self) -> None:
        if self.passages and (index := self._step_passage(self.passage, 1)) is not None:
            self.move_to(index, 0, turn=True)

    def action_previous_passage(self) -> None:
        if self.passages and (index := self._step_passage(self.passage, -1)) is not None:
            self.move_to(index, 0, turn=True)

    def action_first(self) -> None:
        if self.passages:
            index = 0 if self._in_lens(0) else self._step_passage(0, 1)
            self.move_to(index or 0, 0)

    def action_last(self) -> None:
        if self.passages:
            last = len(self.passages) - 1
            index = last if self._in_lens(last) else self._step_passage(last, -1)
            self.move_to(last if index is None else index, 0)

    def action_page(self, direction: int) -> None:
        """Scroll a page and put the cursor on the first turn starting in view."""
        if not self.passages:
            return
        page = max(1, self.scrollable_content_region.height - 2)
        target = max(0, min(self.scroll_y + direction * page, self.max_scroll_y))
        self.scroll_to(y=target, animate=False, immediate=True, force=True)
        self._settle()
        line = self.layout_.line_at(int(self.scroll_y) + (1 if direction > 0 else 0))
        if line is not None:
            index = (
                line.passage
                if self._in_lens(line.passage)
                else (self._step_passage(line.passage, direction) or line.passage)
            )
            self.passage, self.sentence = index, 0
            self._forget_strips()
            self.refresh()
            self.post_message(self.CursorMoved(self, self.passage, self.sentence))

    def action_scroll_lines(self, count: int) -> None:
        self.scroll_to(y=self.scroll_y + count, animate=False, immediate=True, force=True)

    # -- geometry ----------------------------------------------------------------
    def _text_width(self) -> int:
        return max(8, self.scrollable_content_region.width - GUTTER - 1)

    def _apply_width(self) -> None:
        self.layout_.set_width(self._text_width())
        self._update_virtual_size()

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.layout_.height)

    def _settle(self) -> None:
        """Measure the chunks in view, keeping the top visible line on the same text."""
        layout = self.layout_
        if not self.passages:
            return
        for _ in range(8):
            top = int(self.scroll_y)
            first = layout.chunk_at(top)
            last = layout.chunk_at(top + self.size.height + 1)
            changed = False
            for chunk in range(first, last + 1):
                if layout.is_exact(chunk):
                    continue
                chunk_top = layout.chunk_start(chunk)
                delta = layout.measure(chunk)
                if delta:
                    changed = True
                    if chunk_top + layout._heights[chunk] - delta <= top:  # wholly above the view
                        self.scroll_to(y=max(0, top + delta), animate=False, immediate=True, force=True)
            if not changed:
                break
            self._update_virtual_size()

    def _scroll_to_cursor(self, *, center: bool = False, turn: bool = False) -> None:
        """Scroll the cursor's sentence into view: centred (a third down) when `center`, the start of its turn at
        the top when `turn` and the turn is below, else as little as it takes.  Either way, where the lines
        from the turn's start (its speaker's name) to the sentence fit in the view, they are all shown."""
        if not self.passages:
            return
        shown = self.layout_.shown_text(self.passage)
        a, b = self.sentence_span
        first, last = self.layout_.span_rows(self.passage, shown.shown(a), shown.shown(b))
        self._update_virtual_size()
        height = max(1, self.scrollable_content_region.height)
        top = self.layout_.passage_top(self.passage)
        if self.passage == 0 and self.sentence == 0:
            first = 0
        elif self.sentence == 0:
            first = min(first, top)
        if center:
            target = max(0, first - height // 3)
            if top < target and last <= top + height - 2:
                target = max(0, top - 1)  # (who is speaking stays in view, above the sentence)
        elif first < self.scroll_y:
            target = max(0, first - 1)
        elif last >= self.scroll_y + height:
            target = max(0, first - 1) if turn else max(0, min(first - 1, last - height + 2))
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True, force=True)

    def on_resize(self) -> None:
        if not self.passages:
            self._update_virtual_size()
            return
        cursor_row = self.layout_.passage_top(self.passage) - int(self.scroll_y)
        self._forget_strips()
        self._apply_width()
        if not 0 <= cursor_row < self._shown_height:
            # The cursor was not in view (e.g. the document was opened while the
            # reader was hidden and had no size): bring it into view now.
            self._shown_height = self.scrollable_content_region.height
            self._scroll_to_cursor(center=True)
            return
        self._shown_height = self.scrollable_content_region.height
        top = self.layout_.passage_top(self.passage)
        self.scroll_to(y=max(0, top - max(0, cursor_row)), animate=False, immediate=True, force=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_strips()

    # -- drawing ---------------------------------------------------------------------
    def _forget_strips(self) -> None:
        self._strips.clear()
        self._style_epoch += 1

    def render_lines(self, crop: Region) -> list[Strip]:
        self._settle()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self.passages:
            if y == 1:
                text = "  No document open: pick one in Documents (1) or Search (/)."
                return Strip(
                    [Segment(text[:width], self.get_component_rich_style("transcript--empty"))]
                ).extend_cell_length(width, base)
            return Strip.blank(width, base)
        absolute = int(self.scroll_y) + y
        line = self.layout_.line_at(absolute)
        if line is None:
            return Strip.blank(width, base)
        key = (width, line)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._draw(line, width, base)
            self._strips[key] = strip
            if len(self._strips) > 512:
                self._strips.popitem(last=False)
        else:
            self._strips.move_to_end(key)
        return strip

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _draw(self, line: Line, width: int, base: Style) -> Strip:
        index = line.passage
        passage = self.passages[index]
        current = index == self.passage
        dim = not self._in_lens(index)
        segments: list[Segment] = []
        gutter_style = base + self._style("transcript--cursor")
        segments.append(Segment("▌ " if current and line.kind != BLANK else "  ", gutter_style if current else base))
        text_base = base + self._style("transcript--dim") if dim else base
        if line.kind == HEADING:
            heading = self.layout_.headings[index] or ""
            segments.append(
                Segment(heading[line.start : line.end].rstrip(), text_base + self._style("transcript--heading"))
            )
        elif line.kind == HEADER:
            if passage.speaker:
                slot = self._speaker_slot.get(passage.speaker, 0)
                name = visible(passage.speaker, keep_newlines=False)
                name_style = (
                    text_base + Style(bold=True) if dim else text_base + self._style(f"transcript--speaker-{slot}")
                )
                segments.append(Segment(name, name_style))
            stamp = format_time(passage.start)
            if stamp:
                segments.append(
                    Segment((" " if passage.speaker else "") + stamp, text_base + self._style("transcript--timestamp"))
                )
        elif line.kind == BODY:
            segments.extend(self._body_segments(index, line.start, line.end, text_base, current and not dim))
        strip = Strip(segments).crop(0, width)
        return strip.extend_cell_length(width, base)

    def _body_segments(self, index: int, start: int, end: int, base: Style, current: bool) -> list[Segment]:
        shown = self.layout_.shown_text(index)
        text = shown.text
        while end > start and text[end - 1] == " ":
            end -= 1
        overlays: list[tuple[int, int, Style]] = []
        if current:
            a, b = self.sentence_span
            overlays.append((shown.shown(a), shown.shown(b), self._style("transcript--sentence")))
        for mark in self._marks.get(index, ()):
            overlays.append((shown.shown(mark.start), shown.shown(mark.end), self._style(f"transcript--{mark.kind}")))
        cuts = {start, end}
        for a, b, _ in overlays:
            if start < a < end:
                cuts.add(a)
            if start < b < end:
                cuts.add(b)
        points = sorted(cuts)
        segments = []
        for a, b in itertools.pairwise(points):
            style = base
            for oa, ob, overlay in overlays:
                if oa <= a and b <= ob:
                    style = style + overlay
            segments.append(Segment(text[a:b], style))
        return segments
