"""Pilot tests: drive the app by keys and assert on what it shows and where the cursor is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input
from tui_support import (
    HOSTILE_ID,
    INTERVIEW_ID,
    LONG_ID,
    PANEL_ID,
    build_library,
    palette,
    private_copy,
    screen_text,
)

from sayso.corpus.library import Library
from sayso.corpus.search import SearchIndex
from sayso.tui.app import SaysoApp
from sayso.tui.screens.help import HelpScreen
from sayso.tui.screens.main import MainScreen
from sayso.tui.widgets.documents import DocumentsPane
from sayso.tui.widgets.key_hints import KeyHints
from sayso.tui.widgets.quote_reader import QuoteReader
from sayso.tui.widgets.speakers import SpeakersPane
from sayso.tui.widgets.status_line import StatusLine

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def library_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tui-lib")
    build_library(folder, long_turns=3000)
    return folder


@pytest.fixture
def library(library_dir: Path, tmp_path: Path) -> Library:
    """A private copy per test, so tests that write (import) cannot affect each other."""
    return private_copy(library_dir, tmp_path)


async def ready(app: SaysoApp, pilot) -> MainScreen:  # type: ignore[no-untyped-def]
    """Wait for the first load and return the main screen."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def searched(app: SaysoApp, pilot, words: str) -> MainScreen:  # type: ignore[no-untyped-def]
    """Wait for the first load, type `/` and `words`, and wait for the results."""
    screen = await ready(app, pilot)
    await pilot.press("slash", *words)
    await settle(app, pilot)
    return screen


async def settle(app: SaysoApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def reading(app: SaysoApp, pilot, doc_id: str) -> tuple[MainScreen, QuoteReader]:  # type: ignore[no-untyped-def]
    """Wait for the first load, open `doc_id` in the reader and return the main screen and the reader."""
    screen = await ready(app, pilot)
    screen.open_document(doc_id)
    await settle(app, pilot)
    return screen, screen.reader


def highlight_document(screen: MainScreen, doc_id: str) -> None:
    pane = screen.query_one(DocumentsPane)
    pane.highlighted = pane.index_of(doc_id)


async def test_documents_listed_and_open_with_enter(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        pane = screen.query_one(DocumentsPane)
        assert pane.option_count == 4
        assert app.focused is pane
        highlight_document(screen, PANEL_ID)
        await pilot.press("enter")
        await settle(app, pilot)
        reader = screen.reader
        assert reader.document is not None and reader.document.id == PANEL_ID
        assert screen.pane == "reader" and app.focused is reader
        lines = screen_text(reader)
        assert any("Opening" in line for line in lines)  # heading
        assert any("Ada Lovelace [0:00]" in line for line in lines)  # speaker with timestamp
        assert any("Alan Turing [0:12]" in line for line in lines)
        assert lines[0].startswith("▌")  # current passage marked in the gutter


async def test_the_search_index_is_warmed_before_the_first_keystroke(library: Library) -> None:
    """Loading the library also builds what searches per keystroke read (SearchIndex.warm_up): at a million
    passages the second search of a session paid 50-140 ms for it."""
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        index = library.index
        assert isinstance(index, SearchIndex) and index.view.warm and index.view.searches == 0


async def test_an_index_that_cannot_be_warmed_still_searches_and_says_nothing_is_wrong(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_memory(self: SearchIndex) -> None:
        raise MemoryError

    monkeypatch.setattr(SearchIndex, "warm_up", no_memory)
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        assert "unavailable" not in screen.search_pane.query_one("#search-status", StatusLine).text.plain
        await pilot.press("slash", *"compilres")
        await settle(app, pilot)
        assert screen.search_pane.hits and "Compilers" in screen.search_pane.hits[0].text


async def test_sentence_and_passage_cursor(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        _, reader = await reading(app, pilot, PANEL_ID)
        assert (reader.passage, reader.sentence) == (0, 0)
        await pilot.press("j")
        assert (reader.passage, reader.sentence) == (0, 1)
        await pilot.press("j")  # past the last sentence of turn 0: next turn
        assert (reader.passage, reader.sentence) == (1, 0)
        await pilot.press("k")
        assert (reader.passage, reader.sentence) == (0, 1)
        await pilot.press("J", "J")
        assert (reader.passage, reader.sentence) == (2, 0)
        await pilot.press("right_parenthesis")
        assert reader.sentence == 1
        await pilot.press("K")
        assert reader.passage == 1
        await pilot.press("G")
        assert reader.passage == len(reader.passages) - 1
        await pilot.press("g")
        assert reader.passage == 0
        a, b = reader.sentence_span
        assert reader.passages[0].text[a:b].startswith("Welcome to the panel.")


async def test_the_next_turn_comes_to_the_top_and_the_header_names_who_speaks(library: Library) -> None:
    """A user trial at 80x24: J left the next turn at the bottom of the screen (its name and two lines), and a
    hit deep in a long turn opened with the speaker's name scrolled off the top, nowhere else on screen."""
    app = SaysoApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, reader = await reading(app, pilot, LONG_ID)
        header = screen.query_one("#reader-title", StatusLine)
        assert "Speaker One" in str(header.render())
        for turn in range(1, 9):
            await pilot.press("J")
            await pilot.pause()
            speaker = reader.passages[turn].speaker
            assert speaker is not None and speaker in str(header.render())
        rows = screen_text(reader)
        at = next(i for i, row in enumerate(rows) if "Turn number 8." in row)
        assert at <= 2, rows  # (the turn moved to is shown from its start, not just brought into view)
        await pilot.press("K")  # and back up: the turn above at the top too
        await pilot.pause()
        rows = screen_text(reader)
        assert next(i for i, row in enumerate(rows) if "Turn number 7." in row) <= 2, rows


async def test_long_document_opens_scrolls_and_jumps_back(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        _, reader = await reading(app, pilot, LONG_ID)
        assert len(reader.passages) == 3000
        # Lazily laid out: opening measured only a few chunks, not the whole text.
        measured = sum(reader.layout_.is_exact(c) for c in range(reader.layout_.chunks))
        assert measured <= 3
        await pilot.press("G")
        await pilot.pause()
        assert reader.passage == 2999
        assert any("Turn number 2999." in line for line in screen_text(reader))
        await pilot.press("pageup")
        await pilot.pause()
        assert reader.passage < 2999
        before_jump = reader.passage
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert reader.passage == 0  # back to where we were before G
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert reader.passage == before_jump  # forward again to where ctrl+o was pressed
        # Resizing keeps the cursor's turn on screen without re-wrapping everything.
        await pilot.resize_terminal(70, 24)
        await pilot.pause()
        assert any(f"Turn number {before_jump}." in line for line in screen_text(reader))
        measured = sum(reader.layout_.is_exact(c) for c in range(reader.layout_.chunks))
        assert measured <= 3


async def test_escape_always_leaves_the_search_box(library: Library) -> None:
    """A user trial: escape in an empty search box (no results, no lens) did nothing, so the keys typed next
    ('1G') went into the query."""
    app = SaysoApp(library)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("slash")
        await settle(app, pilot)
        assert screen.search_pane.query_input.has_focus
        await pilot.press("escape")
        await settle(app, pilot)
        assert not screen.search_pane.query_input.has_focus and screen.pane != "search"
        await pilot.press("1", "G")
        assert screen.search_pane.query_input.value == ""


async def test_search_opens_hit_and_escape_returns_to_results(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await searched(app, pilot, "weights")
        search = screen.search_pane
        assert search.hits, "no results for a word the library contains"
        assert all("weight" in hit.text.lower() for hit in search.hits[:2])
        for _ in range(100):  # the results of the last keystroke are shown (they reset the highlight)
            if search.shown_query == search.query_input.value:
                break
            await pilot.pause(0.02)
        await pilot.press("ctrl+n", "up", "down")  # through the hits, without leaving the query box
        assert app.focused is search.query_input
        assert search.results.highlighted == 1
        chosen = search.results.highlighted
        hit = search.hits[chosen]
        await pilot.press("enter")  # opens the highlighted hit, as in fzf
        await settle(app, pilot)
        reader = screen.reader
        assert reader.document is not None and reader.document.id == hit.document
        assert reader.passages[reader.passage].id == hit.passage
        assert {(m.start, m.end) for m in reader.marks("hit")} == {tuple(s) for s in hit.spans}
        await pilot.press("escape")
        await pilot.pause()
        assert screen.pane == "search" and app.focused is search.results
        assert search.results.highlighted == chosen
        # Escape from the results goes back to what was being read (a user trial: it stayed on the results).
        await pilot.press("escape")
        await pilot.pause()
        assert screen.pane == "reader" and reader.document.id == hit.document
        screen.action_show_pane("search")
        search.results.focus()
        await pilot.pause()
        # n from the reader opens the next hit.
        screen.action_show_pane("reader")
        await pilot.press("n")
        await settle(app, pilot)
        assert search.results.highlighted == (chosen + 1) % len(search.hits)


async def test_search_with_a_typo_finds_and_opens(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("slash", *"compilres")
        await settle(app, pilot)
        search = screen.search_pane
        assert search.hits and "Compilers" in search.hits[0].text
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert screen.reader.current is not None and "Compilers" in screen.reader.current.text


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_a_burst_typed_after_slash_goes_to_the_search_box(library: Library, size: tuple[int, int]) -> None:
    """`/compilres` arriving in one read (a fast typist, a slow SSH link): every key after `/` is typed into
    the query box, none is taken as a key of the pane that had focus (`p` played, `i` opened a dialog)."""
    from textual import events

    app = SaysoApp(library)
    async with app.run_test(size=size) as pilot:
        screen = await ready(app, pilot)
        for key, char in [("slash", "/"), *[(c, c) for c in "spamtris"]]:
            app.post_message(events.Key(key, char))
        await settle(app, pilot)
        assert screen.search_pane.query_input.value == "spamtris"
        assert app.screen is screen and app.focused is screen.search_pane.query_input


async def test_a_key_typed_right_after_escape_in_the_query_box_is_a_key(library: Library) -> None:
    """Escape then `j` in one read: escape leaves the query box and `j` moves in the results; it is not typed
    into the query (a user trial found the query growing a `j`)."""
    from textual import events

    app = SaysoApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await searched(app, pilot, "models")
        search = screen.search_pane
        assert len(search.hits) >= 2 and search.results.highlighted == 0
        for key, char in [("escape", None), ("j", "j")]:
            app.post_message(events.Key(key, char))
        await settle(app, pilot)
        assert search.query_input.value == "models"
        assert app.focused is search.results and search.results.highlighted == 1


async def test_slash_in_the_quotes_list_still_filters_the_quotes(library: Library) -> None:
    """`/` opens the search box from any pane, except where the pane has a use of its own for it: the Quotes
    list filters with it (a review found the search box taking it there)."""
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        await pilot.press("slash")
        await settle(app, pilot)
        assert app.focused is not None and app.focused.id == "quotes-filter"
        assert screen.search_pane.query_input.value == ""


async def test_speaker_lens_narrows_reader_documents_and_search(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("2")
        speakers = screen.query_one(SpeakersPane)
        assert app.focused is speakers
        speakers.highlighted = [s.name for s in speakers.speakers].index("Grace Hopper")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.lens == "Grace Hopper"
        docs = screen.query_one(DocumentsPane)
        assert {d.id for d in docs.shown} == {PANEL_ID, INTERVIEW_ID}
        screen.open_document(INTERVIEW_ID)
        await settle(app, pilot)
        reader = screen.reader
        assert reader.lens == "Grace Hopper"
        # Turn movement skips other speakers; the cursor lands on Grace's turns only.
        await pilot.press("g")
        assert reader.current is not None and reader.current.speaker == "Grace Hopper"
        await pilot.press("J")
        assert reader.current.speaker == "Grace Hopper" and reader.passage == 3
        await pilot.press("slash", *"computer")
        await settle(app, pilot)
        assert "lens: Grace Hopper" in str(screen.search_pane.query_one("#search-status").render())
        assert all(hit.speaker == "Grace Hopper" for hit in screen.search_pane.hits)
        await pilot.press("escape")  # leaves the query box
        await pilot.press("escape")  # clears the lens
        await pilot.pause()
        assert screen.lens is None and reader.lens is None
        # A speaker: that names no one says so, with the closest names, as `sayso search` does; and a quote
        # left open, which swallowed the words after it, is pointed at.
        screen.search_pane.query_input.value = "computer speaker:zzyzx"
        await settle(app, pilot)
        status = str(screen.search_pane.query_one("#search-status").render())
        assert screen.search_pane.hits == [] and status == "0 results: no speaker 'zzyzx'"
        screen.search_pane.query_input.value = 'computer speaker:"Grace Hopper computer'
        await settle(app, pilot)
        status = str(screen.search_pane.query_one("#search-status").render())
        assert screen.search_pane.hits and status.endswith('· a quote (") is not closed')
        assert docs.option_count == 4


async def test_wide_terminals_show_documents_speakers_and_search_beside_the_reader(library: Library) -> None:
    """From 140 columns the mission is on screen at once: who is in the library, what is searched, what is
    read; Quotes takes Search's place while in use.  Below that, one side pane at a time, as before."""
    app = SaysoApp(library)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await ready(app, pilot)
        assert screen.has_class("wide")

        def shown() -> set[str]:
            return {n for n in ("documents", "speakers", "search", "quotes") if screen.query_one(f"#{n}").display}

        assert shown() == {"documents", "speakers", "search"}
        await pilot.press("slash", *"weights")
        await settle(app, pilot)
        await pilot.press("enter")  # opens the first hit; every pane stays in view
        await settle(app, pilot)
        reader = screen.reader
        assert reader.document is not None and shown() == {"documents", "speakers", "search"}
        documents = screen.query_one(DocumentsPane)
        assert documents.highlighted_id == reader.document.id, "the Documents list follows the opened document"
        side = screen.query_one("#sidebar").region
        assert reader.region.x >= side.right and reader.region.width >= 50
        for name in ("documents", "speakers", "search"):
            region = screen.query_one(f"#{name}").region
            assert region.width >= 20 and region.height >= 8, (name, region)
        await pilot.press("5")
        await pilot.pause()
        assert shown() == {"documents", "speakers", "quotes"} and screen.pane == "quotes"
        quotes, speakers = screen.query_one("#quotes").region, screen.query_one("#speakers").region
        assert quotes.height >= 16 and quotes.x > speakers.right - 1, (quotes, speakers)  # Search's place
        await pilot.press("3")
        await pilot.pause()
        assert shown() == {"documents", "speakers", "search"}
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert not screen.has_class("wide") and shown() == {"search"}
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        assert shown() == {"documents", "speakers", "search"}


async def test_layout_adapts_to_80x24_60x20_and_too_small(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(app, pilot)
        assert screen.has_class("narrow")
        sidebar, reader_box = screen.query_one("#sidebar"), screen.query_one("#reader")
        assert sidebar.display and not reader_box.display  # tabs: one pane at a time
        highlight_document(screen, PANEL_ID)
        await pilot.press("enter")
        await settle(app, pilot)
        assert reader_box.display and not sidebar.display
        assert reader_box.size.width == 80
        lines = screen_text(screen.reader)
        assert any("Welcome to the panel." in line for line in lines)
        for pane in ("documents", "speakers", "search", "reader"):  # every pane reachable by tab
            assert screen.pane == ("reader" if pane == "documents" else screen.pane)
        seen = []
        for _ in range(5):
            await pilot.press("tab")
            seen.append(screen.pane)
        assert seen == ["quotes", "documents", "speakers", "search", "reader"]
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert screen.has_class("narrow") and not screen.has_class("too-small")
        assert screen.reader.size.width <= 60 and screen.reader.size.height >= 10
        assert any("Welcome" in line for line in screen_text(screen.reader))
        await pilot.resize_terminal(38, 9)
        await pilot.pause()
        assert screen.has_class("too-small")
        message = screen.query_one("#too-small")
        assert message.display and "too small" in str(message.render())
        assert not screen.query_one("#body").display
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert not screen.has_class("too-small") and not screen.has_class("narrow")
        assert sidebar.display and reader_box.display  # side by side again
        # A user trial: after the too-small screen no pane had focus, so j/G did nothing until 4.
        await settle(app, pilot)
        assert app.focused is not None and screen.pane == "reader" and app.focused is screen.reader


async def test_help_lists_live_bindings_of_focused_pane(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        screen.open_document(PANEL_ID)
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.focused_name == "Reader"
        table = app.screen.query_one("#help-table").render()
        rendered = "\n".join(
            line.text
            for line in app.screen.query_one("#help-table").render_lines(
                app.screen.query_one("#help-table").region.reset_offset
            )
        )
        assert "Next sentence" in rendered and "Next turn" in rendered and "Jump back" in rendered
        assert table is not None
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_command_palette_opens_document_and_reaches_actions(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        await palette(app, pilot, "Open document: Interview")
        await settle(app, pilot)
        assert app.screen is screen
        assert screen.reader.document is not None and screen.reader.document.id == INTERVIEW_ID
        await palette(app, pilot, "Theme: sayso-light")
        await pilot.pause()
        assert app.theme == "sayso-light"
        await pilot.press("ctrl+t")
        assert app.theme == "sayso-dark"


async def test_untrusted_text_is_shown_literally(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await ready(app, pilot)
        docs = screen.query_one(DocumentsPane)
        title, _ = docs.row_lines(docs.index_of(HOSTILE_ID))
        assert "[bold]Hostile[/bold] [@click=app.quit]title␛]0;PWNED␇" in title.plain
        assert any("[bold]Hostile[/bold]" in line for line in screen_text(docs))
        screen.open_document(HOSTILE_ID)
        await settle(app, pilot)
        text = "\n".join(screen_text(screen.reader))
        assert "[red]Mallory[/red]" in text
        assert "[bold]not bold[/bold] [@click=app.quit]click[/]" in text
        assert "␛[31mred" in text and "<U+009B>31m" in text and "<U+202E>evil" in text
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
        title = str(screen.query_one("#reader-title").render())
        # (a long title is shortened to leave room for the place and the speaker, both plain text too)
        assert "[bold]Hostile[/" in title and "\x1b" not in title
        assert "[red]Mallory[/red]" in title
        # Clicking is not needed, but a literal [@click] must never run an action either.
        assert app.is_running
        await pilot.press("2")
        assert any("[red]Mallory[/red]" in line for line in screen_text(screen.query_one(SpeakersPane)))


async def test_import_dialog_imports_seeds_with_progress(library: Library, tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not found beside the repository")
    from sayso.tui.screens.import_dialog import ImportDialog, PathSuggester

    suggestion = await PathSuggester().get_suggestion(str(SEEDS.parent) + "/se")
    assert suggestion == str(SEEDS) + "/"
    app = SaysoApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)
        dialog = app.screen
        await pilot.press(*str(SEEDS), "enter")
        await settle(app, pilot)
        await pilot.pause(0.2)
        assert dialog.report is not None and len(dialog.report.documents) == len(list(SEEDS.iterdir()))
        assert dialog.query_one("#import-progress").progress == len(dialog.report.documents)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen
        assert screen.query_one(DocumentsPane).option_count == 4 + len(dialog.report.documents)


async def open_import_dialog(app: SaysoApp, pilot) -> Any:  # type: ignore[no-untyped-def]
    """The import dialog, opened with `i` on the main screen."""
    from sayso.tui.screens.import_dialog import ImportDialog

    await ready(app, pilot)
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(app.screen, ImportDialog)
    return app.screen


async def test_import_dialog_reads_a_file_in_the_encoding_given(library: Library, tmp_path: Path) -> None:
    """A file the import read as a guess (not UTF-8) is imported again in the encoding the user gives; a name
    that is no encoding is said in the dialog and nothing is imported."""
    source = tmp_path / "koi8.txt"
    source.write_bytes("Анна Петрова: Привет, это проверка.\n\nБорис Иванов: Да, слышу.\n".encode("koi8-r"))
    app = SaysoApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_import_dialog(app, pilot)
        await pilot.press(*str(source), "tab", *"no-such-codec", "enter")
        await settle(app, pilot)
        assert "unknown encoding 'no-such-codec'" in str(dialog.query_one("#import-status").render())
        assert dialog.report is None
        dialog.query_one("#import-encoding", Input).value = "koi8-r"
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.pause(0.2)
        assert dialog.report is not None and not dialog.report.errors
        (doc,) = dialog.report.documents
        assert doc.encoding == "koi8-r" and not doc.warnings
        assert [p.text for p in library.passages(doc.id)][:1] == ["Привет, это проверка."]
        assert library.document(doc.id).speakers == ["Анна Петрова", "Борис Иванов"]


async def test_import_dialog_states_the_speaker_labels_of_a_folder(library: Library, tmp_path: Path) -> None:
    """A folder of transcripts in a convention sayso does not know is imported with the pattern the user gives
    (each document remembers it); a pattern that cannot be used is said in the dialog and nothing is imported."""
    folder = tmp_path / "odd"
    folder.mkdir()
    for n in range(2):
        lines = [f"<<P{i % 3}>> 00:{i:02d} words number {i} of file {n}" for i in range(9)]
        (folder / f"odd{n}.txt").write_text("\n".join(lines), "utf-8")
    app = SaysoApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_import_dialog(app, pilot)
        dialog.query_one("#import-path", Input).value = str(folder)
        dialog.query_one("#import-labels", Input).value = "{text}"
        dialog.query_one("#import-labels", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert "needs {speaker}" in str(dialog.query_one("#import-status").render()) and dialog.report is None
        dialog.query_one("#import-labels", Input).value = "<<{speaker}>> {time} {text}"
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.pause(0.2)
        assert dialog.report is not None and not dialog.report.errors and len(dialog.report.documents) == 2
        for doc in dialog.report.documents:
            assert doc.speakers == ["P0", "P1", "P2"] and doc.labels == "<<{speaker}>> {time} {text}"


async def test_export_key_opens_the_export_dialog(library: Library) -> None:
    from sayso.tui.screens.export_dialog import ExportDialog

    app = SaysoApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)  # the dialog itself: tests/test_tui_export.py


async def test_seeds_library_opens_every_document(tmp_path: Path) -> None:
    """On the real seeds (whatever the importers make of them), every document opens and draws."""
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not found beside the repository")
    lib = Library.open(tmp_path / "seeds")
    lib.import_paths([SEEDS])
    app = SaysoApp(lib)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        for doc in lib.documents():
            screen.open_document(doc.id)
            await settle(app, pilot)
            assert screen.reader.document is not None and screen.reader.document.id == doc.id
            assert any(line.strip() for line in screen_text(screen.reader))
            await pilot.press("G", "g", "j")


async def test_widgets_post_messages_and_the_screen_acts_on_them(library: Library) -> None:
    """Messages up, calls down: the panes post what the user chose; the screen does the work."""
    from sayso.tui.widgets.search import SearchPane
    from sayso.tui.widgets.transcript import TranscriptView

    posted: list[object] = []
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36), message_hook=posted.append) as pilot:
        screen = await ready(app, pilot)
        highlight_document(screen, INTERVIEW_ID)
        await pilot.press("enter")
        await settle(app, pilot)
        opened = [m for m in posted if isinstance(m, DocumentsPane.OpenDocument)]
        assert len({id(m) for m in opened}) == 1 and opened[0].doc_id == INTERVIEW_ID  # one message, seen as it bubbles
        await pilot.press("j")
        moved = [m for m in posted if isinstance(m, TranscriptView.CursorMoved)]
        assert moved and (moved[-1].passage, moved[-1].sentence) == (1, 0)  # turn 0 has one sentence
        await pilot.press("slash", *"harvard")
        await settle(app, pilot)
        queries = [m.query for m in posted if isinstance(m, SearchPane.QueryChanged)]
        assert queries[-1] == "harvard"
        assert screen.search_pane.shown_query == "harvard"  # only the latest query's results are shown
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        chosen = [m for m in posted if isinstance(m, SearchPane.HitChosen)]
        assert chosen and chosen[-1].hit.document == INTERVIEW_ID
        await pilot.press("2", "enter")
        lens = [m for m in posted if isinstance(m, SpeakersPane.LensChosen)]
        assert lens and screen.lens == lens[-1].name


async def test_fast_typing_searches_only_what_is_needed(library: Library) -> None:
    """A burst of keys while a search runs collapses to the latest query; the results match it."""
    calls: list[str] = []
    original = library.search

    def slow_search(query: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(query)
        import time as _time

        _time.sleep(0.05)
        return original(query, *args, **kwargs)  # type: ignore[arg-type]

    library.search = slow_search  # type: ignore[method-assign]
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("slash")
        from textual import events

        for char in "compilers":  # as fast as a terminal delivers a paste or a fast typist
            app.post_message(events.Key(char, char))
        await settle(app, pilot)
        await pilot.pause(0.2)
        await settle(app, pilot)
        assert screen.search_pane.shown_query == "compilers"
        assert calls[-1] == "compilers"
        assert len(calls) < len("compilers")  # stale prefixes were skipped, not queued


async def test_typing_holds_the_echo_only_until_results_or_the_hold_ends(library: Library) -> None:
    """The query box holds painting so a keystroke and its results share a frame; it must never hold for good."""
    import threading

    from sayso.tui.widgets.search import ECHO_HOLD

    gate = threading.Event()
    original = library.search

    def gated_search(query: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if query == "slow":
            gate.wait(5)
        if query == "broken":
            raise RuntimeError("index gone")
        return original(query, *args, **kwargs)  # type: ignore[arg-type]

    library.search = gated_search  # type: ignore[method-assign]
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("slash")
        # A fast search: the hold ends with its results, the screen paints both.
        await pilot.press(*"compilers")
        await settle(app, pilot)
        assert not screen.search_pane.holding_paint and screen.search_pane.shown_query == "compilers"
        # A search slower than the hold: the echo is painted after ECHO_HOLD, results later.
        screen.search_pane.query_input.value = "slow"
        await pilot.pause(ECHO_HOLD)
        for _ in range(100):  # the hold's timer, however late a loaded machine runs it
            if not screen.search_pane.holding_paint:
                break
            await pilot.pause(0.02)
        assert not screen.search_pane.holding_paint
        assert screen.search_pane.shown_query != "slow"  # released while the search is still held at the gate
        gate.set()
        await settle(app, pilot)
        assert screen.search_pane.shown_query == "slow"
        # A search that fails: the hold ends too, and the failure is said.
        screen.search_pane.query_input.value = "broken"
        await pilot.pause(ECHO_HOLD * 4)
        await settle(app, pilot)
        assert not screen.search_pane.holding_paint
        assert "search failed: index gone" in screen.search_pane.query_one("#search-status", StatusLine).text.plain


async def test_key_hints_follow_the_focused_pane_and_its_state(library: Library) -> None:
    """The footer names the keys of the focused pane, including ones that depend on state."""
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        hints = screen.query_one(KeyHints)

        def shown() -> list[str]:
            return [description for _key, description, _enabled in hints.hints]

        assert "Open" in shown() and "Select" not in shown()
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Select" in shown() and "Keep quote" in shown() and "Open" not in shown()
        await pilot.press("v")
        await settle(app, pilot)
        assert "Back" not in shown()  # in visual mode escape cancels the selection instead
        await pilot.press("escape")
        await settle(app, pilot)
        assert "Back" in shown()
        line = hints.render().plain
        assert line.startswith("j/k Sentence") and line.endswith("\u258f^p palette") and len(line) == 120


async def test_narrow_open_deep_in_a_document_shows_the_cursor(library: Library) -> None:
    """At 80x24 the reader is hidden until opened; the first open still scrolls to the cursor."""
    app = SaysoApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(app, pilot)
        assert not screen.query_one("#reader").display
        screen.open_document(LONG_ID, 2000)
        await settle(app, pilot)
        lines = screen_text(screen.reader)
        assert any("Turn number 2000." in line for line in lines)
        assert any(line.startswith("▌") for line in lines)  # the cursor's gutter mark is on screen
        await pilot.press("1")
        screen.open_document(INTERVIEW_ID, 3)
        await settle(app, pilot)
        assert any("Go ahead and do it." in line for line in screen_text(screen.reader))


async def test_triple_click_on_the_search_status_selects_without_crashing(library: Library) -> None:
    """Textual's text selection calls `widget.query("*")` on the pane: it must still be DOMNode.query."""
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("slash", *"weights")
        await settle(app, pilot)
        assert await pilot.click("#search-status", times=3)
        await settle(app, pilot)
        assert app.is_running and app.screen is screen
        assert screen.search_pane.shown_query == "weights"


async def test_workers_answer_with_typed_result_messages(library: Library) -> None:
    """The library, a document and a search come back as LibraryLoaded, DocumentLoaded and SearchDone/SearchFailed."""
    from sayso.tui.messages import DocumentLoaded, LibraryLoaded, SearchDone, SearchFailed

    original = library.search

    def search(query: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if query == "broken":
            raise RuntimeError("index gone")
        return original(query, *args, **kwargs)  # type: ignore[arg-type]

    library.search = search  # type: ignore[method-assign]
    posted: list[object] = []
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36), message_hook=posted.append) as pilot:
        screen = await ready(app, pilot)
        loaded = [m for m in posted if isinstance(m, LibraryLoaded)]
        assert loaded and {PANEL_ID, INTERVIEW_ID} <= {d.id for d in loaded[0].documents}
        assert {s.name for s in loaded[0].speakers} >= {"Ada Lovelace", "Grace Hopper"}
        screen.open_document(INTERVIEW_ID, 1)
        await settle(app, pilot)
        opened = [m for m in posted if isinstance(m, DocumentLoaded)]
        assert opened and opened[-1].document.id == INTERVIEW_ID and opened[-1].destination.passage == 1
        assert len(opened[-1].passages) == 4
        await pilot.press("slash", *"harvard")
        await settle(app, pilot)
        done = [m for m in posted if isinstance(m, SearchDone)]
        assert done[-1].query == "harvard" and done[-1].hits[0].document == INTERVIEW_ID
        screen.search_pane.query_input.value = "broken"
        await settle(app, pilot)
        failed = [m for m in posted if isinstance(m, SearchFailed)]
        assert failed and (failed[-1].query, failed[-1].error) == ("broken", "index gone")


async def test_the_mouse_is_an_extra_clicks_select_double_clicks_open_tabs_switch(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        documents = screen.query_one(DocumentsPane)
        assert documents.option_count >= 2
        region = documents.region
        await pilot.click(DocumentsPane, offset=(3, 2))  # the second row (two lines each)
        assert documents.highlighted == 1 and app.focused is documents
        assert screen.reader.document is None
        await pilot.click(DocumentsPane, offset=(3, 2), times=2)
        await settle(app, pilot)
        assert screen.reader.document is not None and screen.reader.document.id == documents.shown[1].id
        bar = screen.query_one("#pane-bar")
        text = str(bar.render())
        await pilot.click("#pane-bar", offset=(text.index("Speakers"), 0))
        await pilot.pause()
        assert screen.pane == "speakers"
        assert region.width > 0


async def test_the_mouse_wheel_scrolls_a_long_list(tmp_path: Path) -> None:
    from textual import events

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(30):
        (folder / f"talk{i:02}.txt").write_text(f"Ada Park: Talk number {i}.\n", "utf-8")
    library = Library.open(tmp_path / "data")
    library.import_paths([folder])
    app = SaysoApp(library)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await ready(app, pilot)
        documents = screen.query_one(DocumentsPane)
        assert documents.option_count == 30 and documents.scroll_y == 0
        for _ in range(3):
            documents.post_message(events.MouseScrollDown(documents, 2, 2, 0, 1, 0, False, False, False))
        await pilot.pause(0.3)
        assert documents.scroll_y > 0, "the wheel did not scroll the list"


async def test_a_long_title_is_shortened_so_the_place_in_the_document_always_shows(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    title = "Open Models, Open Archives: Who Keeps the Record of What Was Said, and for How Long"
    (folder / "t.txt").write_text(f"{title}\n\nAda Park: First turn. Second sentence.\n\nBen Cho: Reply.\n", "utf-8")
    library = Library.open(tmp_path / "data")
    library.import_paths([folder])
    app = SaysoApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        screen.open_document(library.documents()[0].id)
        await settle(app, pilot)
        header = str(screen.query_one("#reader-title", StatusLine).render())
        assert "¶ 1/" in header and "sentence 1/2" in header and "…" in header


def test_speaker_pane_counts_passages_and_says_so() -> None:
    """The pane counts a speaker's passages, so it says "passages": `sayso stats` counts turns (runs of passages)."""
    from sayso.corpus.models import Speaker
    from sayso.tui.widgets.speakers import speaker_lines

    _, details = speaker_lines(Speaker(name="Ada", passages=241, documents=["d1", "d2"]), None)
    assert details.plain.strip() == "241 passages · 2 documents"
    _, one = speaker_lines(Speaker(name="Ada", passages=1, documents=["d1"]), None)
    assert one.plain.strip() == "1 passage · 1 document"


async def test_a_dialog_opening_takes_away_earlier_information_notices_but_not_warnings(library: Library) -> None:
    """A user trial at 80x24: "Quote saved" sat over the note dialog's title; the export notice over Help."""
    app = SaysoApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        app.notify("Quote saved")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Quote saved"]
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert list(app._notifications) == []
        await pilot.press("escape")
        await pilot.pause()
        app.notify("Could not save", severity="error")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Could not save"]  # (an error is not taken away)
        # A dialog closing over another (revealing it) takes nothing away: only one opening does.
        app.clear_notifications()
        app.push_screen(HelpScreen(app.screen.active_bindings, None))
        await pilot.pause()
        app.notify("Exported 3 quotes")
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Exported 3 quotes"]


async def test_documents_of_the_same_title_name_their_files(tmp_path: Path) -> None:
    """A user trial: the House and Senate Congressional Records of one day share a title, and the pane cut both
    to the same words even at 200 columns."""
    from library_support import import_records_of_one_title

    library = Library.open(tmp_path / "data")
    import_records_of_one_title(library)
    app = SaysoApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        docs = screen.query_one(DocumentsPane)
        details = {docs.shown[i].source: docs.row_lines(i)[1].plain for i in range(len(docs.shown))}
        assert details["/records/crec-house.htm"].startswith("  hearing · crec-house.htm · ")
        assert details["/records/crec-senate.htm"].startswith("  hearing · crec-senate.htm · ")
        assert "other.htm" not in details["/records/other.htm"]  # (a title of its own needs no file name)
