"""StatsScreen: who spoke how much in the open document (with a talk-share chart) and in the library.

The document's figures come with it when the main screen has them (the
timeline strip's); the library's are worked out in a thread worker that
posts `CorpusStatsReady`, so the screen opens at once on any library.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from sayso.corpus.errors import SaysoError
from sayso.corpus.library import Library
from sayso.corpus.safety import visible
from sayso.corpus.stats import WORDS_PER_MINUTE, CorpusStats, DocumentStats, PersonStats, clock, corpus_stats, percent
from sayso.tui.messages import CorpusStatsReady, StatsUnavailable
from sayso.tui.widgets.talk_share import TalkShareChart

#: People listed in the library's table (the CLI lists everyone).
CORPUS_ROWS = 30


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _talk(seconds: float, estimated: bool) -> str:
    return ("~" if estimated else "") + clock(seconds)


def people_table(people: list[PersonStats], *, corpus: bool, narrow: bool = False) -> Table:
    """A table of people's figures; names are plain Text, never markup.

    `narrow` (a dialog under 100 columns): shorter names and headers, first and last appearance by year.
    """
    table = Table(box=None, padding=(0, 0, 0, 1), show_edge=False, header_style="bold")
    table.add_column("person", no_wrap=True, overflow="ellipsis", max_width=16 if narrow else 36)
    for name in ("turns", "words", "talk", "share", "max" if narrow else "longest"):
        table.add_column(name, justify="right", no_wrap=True)
    if corpus:
        table.add_column("docs", justify="right", no_wrap=True)
        table.add_column("years" if narrow else "first–last", no_wrap=True)
    for p in people:
        row: list[Text | str] = [
            Text(visible(p.name, keep_newlines=False)),
            f"{p.turns:,}",
            f"{p.words:,}",
            _talk(p.seconds, p.estimated),
            percent(p.share),
            f"{p.longest_turn_words:,}w",
        ]
        if corpus:
            first = p.first.date if p.first and p.first.date else "-"
            last = p.last.date if p.last and p.last.date else "-"
            if narrow:
                first, last = first[:4], last[:4]
            row += [str(p.documents), Text(visible(first if first == last else f"{first}–{last}"))]
        table.add_row(*row)
    return table


def document_summary(figures: DocumentStats) -> Text:
    line = Text(visible(figures.title, keep_newlines=False), style="bold", no_wrap=True, overflow="ellipsis")
    line.append(
        f"\n{_plural(figures.turns, 'turn')} · {figures.words:,} words · "
        f"{_talk(figures.seconds, figures.estimated)} talk · {_plural(len(figures.speakers), 'speaker')}"
    )
    return line


def corpus_summary(totals: CorpusStats) -> Text:
    line = Text("Library", style="bold")
    line.append(
        f"\n{_plural(totals.documents, 'document')} · {_plural(totals.turns, 'turn')} · {totals.words:,} words · "
        f"{_talk(totals.seconds, totals.estimated)} talk · {len(totals.people):,} {'person' if len(totals.people) == 1 else 'people'}"
    )
    basis = "of the talk time" if totals.share_basis == "time" else "of the words"
    line.append(f"\nshares {basis}", style="dim")
    if totals.estimated:
        line.append(f"; ~ estimated at {WORDS_PER_MINUTE} words a minute", style="dim")
    return line


class StatsScreen(ModalScreen[None]):
    """The open document's figures and chart, then the library's figures per person."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,S", "dismiss", "Close statistics", id="stats.close"),
        Binding("j,down", "scroll(1)", "Scroll down", show=False, id="stats.down"),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False, id="stats.up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="stats.page_down"),
        Binding("pageup,b", "page(-1)", "Page up", show=False, id="stats.page_up"),
        Binding("g,home", "edge(-1)", "Top", show=False, id="stats.top"),
        Binding("G,end", "edge(1)", "Bottom", show=False, id="stats.bottom"),
    ]

    def __init__(self, library: Library, figures: DocumentStats | None) -> None:
        super().__init__()
        self.library = library
        self.figures = figures
        self.totals: CorpusStats | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="stats-box"):
            yield Static(Text("Statistics", style="bold"), id="stats-title")
            with VerticalScroll(id="stats-body"):
                if self.figures is not None:
                    yield Static(document_summary(self.figures), id="stats-doc-summary")
                    chart = TalkShareChart(id="stats-chart")
                    chart.figures = self.figures
                    yield chart
                    yield Static(people_table(self.figures.speakers, corpus=False), id="stats-doc-table")
                else:
                    yield Static(Text("No document is open: open one to see its chart.", style="dim"))
                yield Static(Text("Library: counting…", style="dim"), id="stats-corpus-summary")
                yield Static("", id="stats-corpus-table")
            yield Static(Text("escape closes · j/k scroll · ~ estimated from words", style="dim"), id="stats-hint")

    def on_mount(self) -> None:
        self.count_library()

    @work(thread=True, exclusive=True, group="stats")
    def count_library(self) -> None:
        """Work out the library's figures off the UI thread."""
        try:
            totals, _ = corpus_stats(self.library)
        except SaysoError as exc:
            self.post_message(StatsUnavailable(str(exc)))
            return
        self.post_message(CorpusStatsReady(totals))

    @on(CorpusStatsReady)
    def _corpus_ready(self, event: CorpusStatsReady) -> None:
        self.totals = event.totals
        self.query_one("#stats-corpus-summary", Static).update(corpus_summary(event.totals))
        people = event.totals.people
        table = people_table(people[:CORPUS_ROWS], corpus=True, narrow=self.size.width < 100)
        if len(people) > CORPUS_ROWS:
            table.caption = f"and {len(people) - CORPUS_ROWS} more (sayso stats lists everyone)"
        self.query_one("#stats-corpus-table", Static).update(table)

    @on(StatsUnavailable)
    def _unavailable(self, event: StatsUnavailable) -> None:
        self.query_one("#stats-corpus-summary", Static).update(
            Text(f"Library: cannot count ({visible(event.error, keep_newlines=False)})", style="dim")
        )

    def action_scroll(self, lines: int) -> None:
        body = self.query_one("#stats-body", VerticalScroll)
        body.scroll_relative(y=lines, animate=False)

    def action_page(self, pages: int) -> None:
        body = self.query_one("#stats-body", VerticalScroll)
        body.scroll_relative(y=pages * max(1, body.size.height - 1), animate=False)

    def action_edge(self, end: int) -> None:
        body = self.query_one("#stats-body", VerticalScroll)
        if end > 0:
            body.scroll_end(animate=False)
        else:
            body.scroll_home(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
