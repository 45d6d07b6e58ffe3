"""TimelineStrip: who spoke when across the whole open document, in one row above the reader.

Each column stands for an equal stretch of the document (of time when every
turn is timed, else of words) and is drawn in the colour and pattern of the
speaker talking at its middle (tui.widgets.speaker_marks), so it reads in 16
colours and with NO_COLOR.  The reader's place is marked.  A second row is
the legend.  The strip never reads the library: the screen hands it the
document's figures and the reader's passage, and a click posts `Jump`.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from sayso.corpus.safety import visible
from sayso.corpus.stats import DocumentStats, TimelineTurn
from sayso.tui.widgets.speaker_marks import NOBODY_GLYPH, colour_slot, glyph, speaker_order
from sayso.tui.widgets.transcript import SPEAKER_STYLES

#: The glyph marking the reader's place.
MARKER = "┃"


class TimelineStrip(Widget):
    """One row of who spoke when (plus a legend row), the reader's place marked."""

    COMPONENT_CLASSES = {
        "timeline--marker",
        "timeline--nobody",
        "timeline--legend",
        *{f"timeline--speaker-{i}" for i in range(SPEAKER_STYLES)},
    }

    class Jump(Message):
        """The user clicked the strip: go to `passage`."""

        def __init__(self, passage: int) -> None:
            super().__init__()
            self.passage = passage

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.figures: DocumentStats | None = None
        self.turns: list[TimelineTurn] = []
        self._firsts: list[int] = []
        self._starts: list[float] = []
        #: each speaker's number in order of first appearance (their colour slot and fill come from it)
        self.slots: dict[str, int] = {}
        #: the reader's passage
        self.passage = 0

    # -- state -----------------------------------------------------------------------------
    def show(self, figures: DocumentStats | None) -> None:
        """Draw `figures`' timeline (None: hide the strip)."""
        self.figures = figures
        self.turns = list(figures.timeline) if figures is not None else []
        self._firsts = [t.passage for t in self.turns]
        self._starts = [t.start for t in self.turns]
        self.slots = speaker_order(t.speaker for t in self.turns)
        self.display = bool(self.turns)
        self.refresh()

    def set_position(self, passage: int) -> None:
        """Mark the reader's `passage`."""
        if passage != self.passage:
            self.passage = passage
            self.refresh()

    @property
    def length(self) -> float:
        """The length of the document on the strip's axis (seconds or words)."""
        return self.turns[-1].end if self.turns else 0.0

    def position_of(self, passage: int) -> float:
        """Where `passage` starts on the axis: its turn's start, plus its share of the turn's passages."""
        if not self.turns:
            return 0.0
        i = max(0, bisect_right(self._firsts, passage) - 1)
        turn = self.turns[i]
        within = min(max(passage - turn.passage, 0), turn.passages) / max(turn.passages, 1)
        return turn.start + (turn.end - turn.start) * within

    def passage_at(self, position: float) -> int:
        """The first passage of the turn at `position` on the axis (clamped to the document)."""
        if not self.turns:
            return 0
        i = max(0, bisect_right(self._starts, position) - 1)
        return self.turns[i].passage

    def fraction(self) -> float:
        """How far through the document the reader is, 0..1."""
        return self.position_of(self.passage) / self.length if self.length else 0.0

    def marker_column(self, width: int) -> int:
        return min(width - 1, int(self.fraction() * width))

    def turn_after(self, passage: int, direction: int) -> int | None:
        """The first passage of the next (direction 1) or previous (-1) turn with another speaker, or None."""
        if not self.turns:
            return None
        i = max(0, bisect_right(self._firsts, passage) - 1)
        if direction < 0 and passage > self.turns[i].passage:
            return self.turns[i].passage
        j = i + direction
        return self.turns[j].passage if 0 <= j < len(self.turns) else None

    # -- drawing ---------------------------------------------------------------------------
    def speaker_columns(self, width: int) -> list[str | None]:
        """The speaker drawn in each of `width` columns (the one talking at the column's middle)."""
        length = self.length
        if not self.turns or width <= 0 or length <= 0:
            return [None] * max(width, 0)
        columns: list[str | None] = []
        for col in range(width):
            middle = (col + 0.5) * length / width
            i = max(0, bisect_right(self._starts, middle) - 1)
            columns.append(self.turns[i].speaker)
        return columns

    def render(self) -> Text:
        width = self.size.width
        text = Text(no_wrap=True, overflow="crop", end="")
        if not self.turns or width <= 0:
            return text
        marker = self.marker_column(width)
        for col, speaker in enumerate(self.speaker_columns(width)):
            if col == marker:
                text.append(MARKER, style=self.get_component_rich_style("timeline--marker"))
            elif speaker is None:
                text.append(NOBODY_GLYPH, style=self.get_component_rich_style("timeline--nobody"))
            else:
                number = self.slots.get(speaker, 0)
                text.append(
                    glyph(number), style=self.get_component_rich_style(f"timeline--speaker-{colour_slot(number)}")
                )
        text.append("\n")
        text.append_text(self.legend(width))
        return text

    def legend(self, width: int) -> Text:
        """The speakers, most talk first, each after their pattern; cut to `width` with …."""
        figures = self.figures
        legend = Text(no_wrap=True, overflow="ellipsis", end="")
        if figures is None:
            return legend
        base = self.get_component_rich_style("timeline--legend")
        axis = "time" if figures.timeline_basis == "time" else "words"
        legend.append(f"{self.fraction():>4.0%} by {axis} ", style=base)
        for s in figures.speakers:
            number = self.slots.get(s.name, 0)
            legend.append(
                glyph(number), style=self.get_component_rich_style(f"timeline--speaker-{colour_slot(number)}")
            )
            legend.append(f" {visible(s.name, keep_newlines=False)}  ", style=base)
        legend.truncate(width, overflow="ellipsis")
        return legend

    def on_click(self, event: events.Click) -> None:
        if self.turns and self.size.width:
            self.post_message(self.Jump(self.passage_at((event.x + 0.5) * self.length / self.size.width)))
