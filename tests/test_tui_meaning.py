"""Meaning search in the app (issue 17), driven with Pilot over the demo corpus.

ctrl+g in the search pane blends meaning hits into the query's word hits and
marks those found only by meaning; typing again returns to word search; L lists
the passages most like the reader's turn; results of a search overtaken by a
newer one are dropped; a missing model is one notification, not a traceback.
The demo corpus has a passage in which "sailors apologised": the query
"mariners saying sorry in their notes" shares no content word with it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from tui_support import settle

from sayso.corpus.library import Library
from sayso.corpus.meaning import ModelMissing
from sayso.tui.app import SaysoApp
from sayso.tui.screens.main import MainScreen
from sayso.tui.widgets.search import MEANING_TAG

DEMO = Path(__file__).resolve().parent.parent / "corpus" / "demo"
PARAPHRASE = "mariners saying sorry in their notes"
TARGET = "sailors apologised"


@pytest.fixture(scope="module")
def library_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("meaning-app") / "lib"
    library = Library.open(folder)
    library.import_paths(sorted(p for p in DEMO.iterdir() if p.suffix in (".txt", ".vtt", ".md")))
    return folder


@pytest.fixture
def library(library_dir: Path) -> Library:
    return Library.open(library_dir)


def status_of(screen: MainScreen) -> str:
    return str(screen.query_one("#search-status").render())


def row_text(screen: MainScreen, index: int) -> str:
    _head, context = screen.search_pane.results.row_lines(index)
    return context.plain


async def searched(app: SaysoApp, pilot: Any, query: str) -> MainScreen:
    """The main screen after typing `query` into the search box (word search)."""
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    await pilot.press("slash")
    screen.search_pane.query_input.value = query
    await settle(app, pilot)
    return screen


async def test_meaning_key_blends_and_marks_meaning_only_hits(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await searched(app, pilot, PARAPHRASE)
        pane = screen.search_pane
        assert pane.hits and not any(TARGET in h.text for h in pane.hits)  # word search cannot find it
        assert "meaning" not in status_of(screen)

        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert "words + meaning" in status_of(screen)
        target = next(i for i, h in enumerate(pane.hits) if TARGET in h.text)
        assert pane.hits[target].match == "meaning"
        assert row_text(screen, target).strip().startswith(MEANING_TAG)
        words = [i for i, h in enumerate(pane.hits) if h.match != "meaning"]
        assert words and all(MEANING_TAG not in row_text(screen, i) for i in words)

        # Typing again returns to word search: the blend was for the query it was asked for.
        await pilot.press("s")
        await settle(app, pilot)
        assert pane.shown_query == PARAPHRASE + "s"
        assert "meaning" not in status_of(screen)
        assert pane.hits and all(h.match == "words" for h in pane.hits)
        assert not any(TARGET in h.text for h in pane.hits)


async def test_more_like_this_from_the_reader(library: Library) -> None:
    passage = next(p for d in library.documents() for p in library.passages(d.id) if TARGET in p.text)
    app = SaysoApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_document(passage.document, passage.index)
        await settle(app, pilot)
        assert screen.pane == "reader" and screen.reader.passage == passage.index

        await pilot.press("L")
        await settle(app, pilot)
        pane = screen.search_pane
        assert screen.pane == "search"
        assert pane.hits and passage.id not in [h.passage for h in pane.hits]
        assert {h.document for h in pane.hits} != {passage.document}  # across the corpus, by anyone
        assert all(h.match == "meaning" for h in pane.hits)
        assert row_text(screen, 0).strip().startswith(MEANING_TAG)
        assert "passages like “How often sailors" in status_of(screen)

        await pilot.press("j", "enter")
        await settle(app, pilot)
        chosen = pane.hits[1]
        assert screen.pane == "reader"
        assert screen.reader.document is not None and screen.reader.document.id == chosen.document
        assert screen.reader.passage == chosen.index


async def test_a_newer_keystroke_wins_over_a_slow_meaning_search(library: Library, monkeypatch: Any) -> None:
    gate = threading.Event()
    search = library.search

    def slow_meaning(query: str, *args: Any, meaning: bool = False, **kwargs: Any) -> Any:
        if meaning:
            gate.wait(10)  # the first meaning search of a big library: seconds
        return search(query, *args, meaning=meaning, **kwargs)

    monkeypatch.setattr(library, "search", slow_meaning)
    app = SaysoApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await searched(app, pilot, PARAPHRASE)
        pane = screen.search_pane
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert "words + meaning" in status_of(screen) and "…" in status_of(screen)  # says it is working
        await pilot.press("backspace")  # typing while the meaning search runs: word search answers at once
        for _ in range(5):
            await pilot.pause(0.02)
        assert pane.shown_query == PARAPHRASE[:-1]
        gate.set()  # now the older meaning search finishes: its results are stale
        await settle(app, pilot)
        assert pane.shown_query == PARAPHRASE[:-1]
        assert "meaning" not in status_of(screen)
        assert all(h.match == "words" for h in pane.hits)


async def test_a_missing_model_is_one_line_and_search_stays_usable(library: Library, monkeypatch: Any) -> None:
    search = library.search

    def no_model(query: str, *args: Any, meaning: bool = False, **kwargs: Any) -> Any:
        if meaning:
            raise ModelMissing("the meaning-search model (the wordllama package) is not installed")
        return search(query, *args, **kwargs)

    monkeypatch.setattr(library, "search", no_model)
    app = SaysoApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await searched(app, pilot, PARAPHRASE)
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        said = [n.message for n in app._notifications]
        assert said == ["Meaning search unavailable: the meaning-search model (the wordllama package) is not installed"]
        assert "results" in status_of(screen) and "meaning" not in status_of(screen)
        assert screen.search_pane.hits
        await pilot.press("backspace")
        await settle(app, pilot)
        assert screen.search_pane.shown_query == PARAPHRASE[:-1]
