"""TalkShareChart: a horizontal bar per speaker, their share of a document's talk.

Drawn with Rich text rather than a plotting library: at 80 columns a bar
chart needs every column for the bars and the names, and each bar is filled
with its speaker's pattern (tui.widgets.speaker_marks) so it reads with
NO_COLOR, where plotted colours would all look the same.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from sayso.corpus.safety import visible
from sayso.corpus.stats import DocumentStats, clock
from sayso.tui.widgets.speaker_marks import colour_slot, glyph, speaker_order
from sayso.tui.widgets.transcript import SPEAKER_STYLES

#: Widest a speaker's name is drawn beside their bar.
NAME_WIDTH = 20
#: At most this many bars; the rest are summed in one "others" line.
MAX_BARS = 12


class TalkShareChart(Widget):
    """Bars of each speaker's share of one document's talk (by time or words, as the figures say)."""

    COMPONENT_CLASSES = {
        "talk-share--label",
        "talk-share--dim",
        *{f"talk-share--speaker-{i}" for i in range(SPEAKER_STYLES)},
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.figures: DocumentStats | None = None

    def show(self, figures: DocumentStats | None) -> None:
        """Draw `figures`' speakers (None: nothing yet)."""
        self.figures = figures
        self.refresh(layout=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        figures = self.figures
        if figures is None or not figures.speakers:
            return 1
        return min(len(figures.speakers), MAX_BARS) + (1 if len(figures.speakers) > MAX_BARS else 0) + 1

    def render(self) -> Text:
        figures = self.figures
        if figures is None:
            return Text("…", style=self.get_component_rich_style("talk-share--dim"))
        if not figures.speakers:
            return Text(
                "No passage is attributed to a speaker.", style=self.get_component_rich_style("talk-share--dim")
            )
        slots = speaker_order(t.speaker for t in figures.timeline) or speaker_order(s.name for s in figures.speakers)
        width = self.size.width or 80
        name_width = min(NAME_WIDTH, max(len(s.name) for s in figures.speakers))
        figure_width = 13  # " 100% ~1:02:03"
        bar_width = max(4, width - name_width - figure_width - 3)
        top = max(s.share for s in figures.speakers) or 1.0
        label = self.get_component_rich_style("talk-share--label")
        dim = self.get_component_rich_style("talk-share--dim")
        lines = Text(no_wrap=True, overflow="ellipsis", end="")
        shown = figures.speakers[:MAX_BARS]
        for i, s in enumerate(shown):
            number = slots.get(s.name, i)
            name = visible(s.name, keep_newlines=False)
            name = name if len(name) <= name_width else name[: name_width - 1] + "…"
            cells = round(s.share / top * bar_width)
            if s.share > 0 and cells == 0:
                cells = 1
            lines.append(name.ljust(name_width), style=label)
            lines.append(" ")
            style = self.get_component_rich_style(f"talk-share--speaker-{colour_slot(number)}")
            lines.append(glyph(number) * cells, style=style)
            lines.append(" " * (bar_width - cells))
            when = ("~" if s.estimated else "") + clock(s.seconds)
            lines.append(f" {s.share:>4.0%} {when:>8}", style=label)
            lines.append("\n")
        rest = figures.speakers[MAX_BARS:]
        if rest:
            lines.append(f"{len(rest)} others: {sum(s.share for s in rest):.0%}\n", style=dim)
        basis = "of the talk time" if figures.share_basis == "time" else "of the words (not all of it is timed)"
        lines.append(f"share {basis}", style=dim)
        if figures.estimated:
            lines.append("; ~ estimated from words", style=dim)
        return lines
