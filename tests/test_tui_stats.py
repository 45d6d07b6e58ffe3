"""The statistics view (S) and the timeline strip above the reader, driven with Pilot, plus snapshots.

The library is tests/tui_support's fixed one (a timed three-person panel), so
the pictures depend on the app only.  Snapshots: the strip and the talk-share
chart at 80x24 and 120x40, and with NO_COLOR, where the speakers are told
apart by their patterns.
"""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest
from rich.console import Console
from tui_support import PANEL, PANEL_ID, build_library, palette, settle

from sayso.corpus.stats import stats_of_passages
from sayso.tui.app import SaysoApp
from sayso.tui.screens.main import MainScreen
from sayso.tui.screens.stats import StatsScreen
from sayso.tui.widgets.speaker_marks import glyph
from sayso.tui.widgets.talk_share import TalkShareChart
from sayso.tui.widgets.timeline import MARKER, TimelineStrip


@pytest.fixture(scope="module")
def library_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stats-app") / "lib"
    build_library(folder)
    return folder


@pytest.fixture
def app(library_dir: Path) -> SaysoApp:
    from sayso.corpus.library import Library

    return SaysoApp(Library.open(library_dir))


async def open_panel(app: SaysoApp, pilot, passage: int = 0) -> MainScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    screen.open_document(PANEL_ID, passage)
    await settle(app, pilot)
    return screen


def strip_rows(strip: TimelineStrip) -> list[str]:
    """The strip as the terminal shows it: its two rows of plain text."""
    console = Console(width=strip.size.width, no_color=True, record=True, file=io.StringIO())
    console.print(strip.render(), end="")
    return console.export_text().splitlines()


def turns_of_panel() -> list[str]:
    return [speaker for speaker, _ in itertools.groupby(p.speaker for p in PANEL if p.speaker)]


# -- the timeline strip ------------------------------------------------------------------------------


async def test_the_strip_shows_every_turn_and_marks_the_readers_place(app: SaysoApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_panel(app, pilot)
        strip = screen.query_one(TimelineStrip)
        assert strip.display and strip.figures is not None and strip.figures.document == PANEL_ID
        # One turn per run of one speaker, in the document's order, by time (the panel is timed).
        assert [t.speaker for t in strip.turns] == turns_of_panel()
        assert strip.figures.timeline_basis == "time"
        width = strip.size.width
        columns = strip.speaker_columns(width)
        assert set(columns) == {"Ada Lovelace", "Alan Turing", "Grace Hopper"}
        # A column is drawn for who speaks at its time: Alan's first turn runs 12.5 s to 31 s of 120+ s.
        length = strip.length
        assert columns[int(20 / length * width)] == "Alan Turing"
        rows = strip_rows(strip)
        assert rows[0][0] == MARKER and len(rows[0]) == width
        assert "Ada Lovelace" in rows[1] and "Alan Turing" in rows[1]

        # The marker follows the reader: J moves a turn, the strip's passage and column with it.
        before = strip.marker_column(width)
        await pilot.press("J", "J")
        await pilot.pause()
        assert screen.reader.passage == 2 and strip.passage == 2
        assert strip.marker_column(width) > before
        assert strip_rows(strip)[0].index(MARKER) == strip.marker_column(width)
        assert strip.marker_column(width) == int(31.0 / length * width)  # Grace starts at 31 s


async def test_curly_brackets_jump_a_tenth_along_the_timeline(app: SaysoApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_panel(app, pilot)
        strip = screen.query_one(TimelineStrip)
        reader = screen.reader
        assert reader.passage == 0
        await pilot.press("right_curly_bracket")
        await settle(app, pilot)
        # A tenth of the panel (~12.7 s) on from 0 s is Alan's first turn, at 12.5 s.
        assert reader.passage == 1 and strip.passage == 1
        positions = [reader.passage]
        for _ in range(12):
            await pilot.press("right_curly_bracket")
            await settle(app, pilot)
            positions.append(reader.passage)
        assert positions == sorted(positions) and positions[-1] == len(PANEL) - 1
        await pilot.press("left_curly_bracket")
        await settle(app, pilot)
        assert reader.passage < len(PANEL) - 1
        # ctrl+o comes back from a timeline jump, like any other jump.
        here = reader.passage
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert reader.passage != here


async def test_a_click_on_the_strip_moves_the_reader(app: SaysoApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_panel(app, pilot)
        strip = screen.query_one(TimelineStrip)
        await pilot.click(TimelineStrip, offset=(strip.size.width - 2, 0))
        await settle(app, pilot)
        assert screen.reader.passage == len(PANEL) - 1


async def test_speakers_are_told_apart_without_colour(app: SaysoApp, monkeypatch: pytest.MonkeyPatch) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_panel(app, pilot)
        strip = screen.query_one(TimelineStrip)
        row, legend = strip_rows(strip)
        # Each speaker's own glyph in the row, and the legend says whose glyph it is.
        for name, number in strip.slots.items():
            assert glyph(number) in row
            assert f"{glyph(number)} {name}" in legend
        assert len({glyph(n) for n in strip.slots.values()}) == 3


# -- the statistics view -----------------------------------------------------------------------------


async def test_S_opens_the_statistics_of_the_document_and_the_library(app: SaysoApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_panel(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        figures = stats_of_passages(screen.reader.document, screen.reader.passages)  # type: ignore[arg-type]
        chart = stats.query_one(TalkShareChart)
        assert chart.figures is not None
        assert [s.name for s in chart.figures.speakers] == [s.name for s in figures.speakers]
        # The chart's text: a bar per speaker, longest first, with their share.
        console = Console(width=chart.size.width, no_color=True, record=True, file=io.StringIO())
        console.print(chart.render())
        lines = console.export_text().splitlines()
        for line, person in zip(lines, figures.speakers, strict=False):
            assert line.startswith(person.name) and f"{person.share:.0%}" in line
        bars = [line.count(glyph(chart_slot(stats, p.name))) for line, p in zip(lines, figures.speakers, strict=False)]
        assert bars == sorted(bars, reverse=True) and bars[0] > bars[-1] > 0
        # The library's figures arrive from the worker.
        assert stats.totals is not None and stats.totals.documents == len(app.library.documents())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_G_and_g_reach_the_bottom_and_top_of_the_statistics(app: SaysoApp) -> None:
    """As in the reader (a user trial: G did nothing there)."""
    async with app.run_test(size=(80, 24)) as pilot:
        await open_panel(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        body = stats.query_one("#stats-body")
        assert body.max_scroll_y > 0  # (at 80x24 the figures are longer than the dialog)
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0


def chart_slot(stats: StatsScreen, name: str) -> int:
    from sayso.tui.widgets.speaker_marks import speaker_order

    assert stats.figures is not None
    return speaker_order(t.speaker for t in stats.figures.timeline)[name]


async def test_statistics_are_in_the_palette_and_the_help(app: SaysoApp) -> None:
    async with app.run_test(size=(100, 34)) as pilot:
        await open_panel(app, pilot)
        await palette(app, pilot, "statistics")
        await settle(app, pilot)
        assert isinstance(app.screen, StatsScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        from sayso.tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        descriptions = " ".join(str(b.binding.description) for b in app.screen.bindings.values())
        assert "Statistics" in descriptions and "Timeline: a tenth on" in descriptions


async def test_without_a_document_the_statistics_show_the_library(app: SaysoApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        assert isinstance(app.screen, StatsScreen)
        assert app.screen.figures is None and app.screen.totals is not None
        assert not app.screen.query(TalkShareChart)


# -- snapshots ---------------------------------------------------------------------------------------


def _open_then(*keys: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_panel(pilot.app, pilot, 2)
        if keys:
            await pilot.press(*keys)
            await settle(pilot.app, pilot)

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_timeline_strip(snap_compare, app: SaysoApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=size, run_before=_open_then())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_snapshot_talk_share_chart(snap_compare, app: SaysoApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=size, run_before=_open_then("S"))


def test_snapshot_no_color(snap_compare, library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from sayso.corpus.library import Library

    monkeypatch.setenv("NO_COLOR", "1")
    app = SaysoApp(Library.open(library_dir))
    assert app.no_color
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open_then("S"))
