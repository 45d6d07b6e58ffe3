"""Quotes in the app: select by keys, keep, annotate, tag, undo, the Quotes pane, copy (OSC 52), drafts."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import (
    HOSTILE_ID,
    INTERVIEW_ID,
    PANEL_ID,
    build_library,
    private_copy,
    screen_text,
    settle,
)

from sayso.corpus.errors import SaysoError
from sayso.corpus.export import format_clipboard
from sayso.corpus.library import Library
from sayso.corpus.query import parse_quote_filter
from sayso.tui.app import SaysoApp
from sayso.tui.clipboard import CLIPBOARD_FILE, clipboard_plan
from sayso.tui.drafts import save_open_drafts
from sayso.tui.screens.main import MainScreen
from sayso.tui.screens.note_editor import NoteEditor
from sayso.tui.selection import SelectionText
from sayso.tui.widgets.quotes_pane import QuoteList, QuotesPane
from sayso.tui.widgets.tag_picker import TagPicker, suggest_tags


@pytest.fixture(scope="module")
def library_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("quotes-lib")
    build_library(folder)
    return folder


@pytest.fixture
def library(library_dir: Path, tmp_path: Path) -> Library:
    """A private copy per test: quote tests write."""
    return private_copy(library_dir, tmp_path)


async def open_at(app: SaysoApp, pilot, doc_id: str, passage: int = 0, sentence: int = 0) -> MainScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    screen.open_document(doc_id, passage, sentence)
    await settle(app, pilot)
    assert screen.reader.document is not None and screen.reader.document.id == doc_id
    return screen


def messages(app: SaysoApp) -> list[str]:
    return [str(n.message) for n in app.notices]


# -- pure helpers -------------------------------------------------------------------------------


async def quote_list(app: SaysoApp, pilot):  # type: ignore[no-untyped-def]
    """Wait for the first load, show the Quotes pane and return its list."""
    await settle(app, pilot)
    await pilot.press("5")
    await settle(app, pilot)
    return app.screen.query_one(QuotesPane).quote_list


def test_selection_motions_keep_to_one_speaker(library: Library) -> None:
    passages = library.passages(PANEL_ID)
    text = SelectionText(passages)
    sentence = text.sentence(1, 1)
    assert text.words(sentence) == "I think open weights matter because researchers can inspect them."
    assert text.words(text.move(sentence, "word", -1)) == "I think open weights matter because researchers can inspect"
    assert (
        text.words(text.move(sentence, "word", 1))
        == "I think open weights matter because researchers can inspect them. Closed"
    )
    longer = text.move(sentence, "sentence", 1)
    assert (
        text.words(longer)
        == "I think open weights matter because researchers can inspect them. Closed models hide their failures."
    )
    assert text.move(longer, "sentence", -1) == sentence
    # The next turn is Grace Hopper's: the selection stops at Alan Turing's last word.
    turn_end = text.move(longer, "passage", 1)
    assert text.words(turn_end).endswith("their failures.")
    assert "Compilers" not in text.words(text.move(turn_end, "passage", 1))
    # Shrinking never collapses the selection; `o` moves the other end.
    word = text.word(passages[1].offset)
    assert text.words(text.move(word, "word", -1)) == "Thank"
    assert (
        text.words(text.move(sentence.swap(), "word", -1))
        == "you. I think open weights matter because researchers can inspect them."
    )
    assert text.words(text.turn(passages[2].offset + 5)) == passages[2].text


def test_clipboard_plan_falls_back_to_a_file(tmp_path: Path) -> None:
    assert clipboard_plan(tmp_path, {"TERM": "xterm-256color"}).file is None
    assert clipboard_plan(tmp_path, {"TERM": "xterm-256color"}).osc52
    linux = clipboard_plan(tmp_path, {"TERM": "linux"})
    assert not linux.osc52 and linux.file == tmp_path / CLIPBOARD_FILE and "linux" in linux.reason
    assert not clipboard_plan(tmp_path, {"TERM": "xterm", "TERM_PROGRAM": "Apple_Terminal"}).osc52
    forced = clipboard_plan(tmp_path, {"TERM": "xterm", "SAYSO_CLIPBOARD_FILE": str(tmp_path / "c.txt")})
    assert forced.osc52 and forced.file == tmp_path / "c.txt"
    assert clipboard_plan(tmp_path, {"TERM": "xterm", "SAYSO_CLIPBOARD_FILE": "1"}).file == tmp_path / CLIPBOARD_FILE


def test_filter_line_and_tag_suggestions() -> None:
    parsed = parse_quote_filter('open data tag:climate speaker:"Ada Lovelace" doc:panel is:review')
    assert parsed.text == "open data" and parsed.tag == "climate" and parsed.speaker == "Ada Lovelace"
    assert parsed.doc == "panel" and parsed.status == "review"
    assert parse_quote_filter("#policy words").tag == "policy"
    assert parse_quote_filter('unclosed "quote').text  # never raises while typing
    known = ["climate", "policy", "open data", "climbing"]
    assert suggest_tags("cli", known, [])[:2] == ["climate", "climbing"]
    assert suggest_tags("cli", known, ["climate"]) == ["climbing"]
    assert "policy" in suggest_tags("polcy", known, [])  # a typo still finds it


# -- the reader ------------------------------------------------------------------------------------


async def test_select_by_sentence_and_word_then_keep_in_one_key(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = await open_at(app, pilot, PANEL_ID, 1, 1)
        reader = screen.reader
        await pilot.press("v")
        assert reader.selected_words() == "I think open weights matter because researchers can inspect them."
        assert reader.marks("selection")  # drawn highlighted
        strip = screen.query_one("#quote-strip")
        assert strip.display and "VISUAL" in str(strip.render())
        await pilot.press("b", "b")
        assert reader.selected_words() == "I think open weights matter because researchers can"
        await pilot.press("w")
        assert reader.selected_words() == "I think open weights matter because researchers can inspect"
        await pilot.press("right_parenthesis")  # to the end of this sentence, then of the next
        assert reader.selected_words() == "I think open weights matter because researchers can inspect them."
        await pilot.press("right_parenthesis")
        assert reader.selected_words().endswith("Closed models hide their failures.")
        await pilot.press("J", "J")  # a turn further would be Grace Hopper's: clamped
        assert "Compilers" not in reader.selected_words()
        await pilot.press("escape")
        assert reader.selection is None and not reader.marks("selection")
        assert screen.pane == "reader"  # escape cancelled the selection, not the reader
        await pilot.press("v", "q")  # `q` while selecting cancels the selection; it does not quit the app
        assert reader.selection is None and app.is_running and app.return_code is None
        await pilot.press("V")
        assert reader.selected_words() == library.passages(PANEL_ID)[1].text
        await pilot.press("escape", "k", "v", "b", "m")  # the cursor followed the selection: back one sentence
        await settle(app, pilot)
        quotes = library.quotes.list()
        assert [q.exact for q in quotes] == ["I think open weights matter because researchers can inspect"]
        assert quotes[0].speaker == "Alan Turing"
        assert any(m.startswith("Quote saved") for m in messages(app))
        assert [(m.passage, m.kind) for m in reader.marks("quote")] == [(1, "quote")]
        assert "quote (no note" in str(strip.render())
        # One key on a plain sentence keeps that sentence; again on it keeps no duplicate.
        await pilot.press("j", "m")
        await settle(app, pilot)
        assert {q.exact for q in library.quotes.list()} >= {"Closed models hide their failures."}
        await pilot.press("m")
        await settle(app, pilot)
        assert len(library.quotes.list()) == 2
        assert any(m.startswith("Already kept") for m in messages(app))
        await pilot.press("q")  # nothing selected: `q` quits, as everywhere
        await pilot.pause()
        assert app._exit


async def test_annotate_with_note_and_tags_then_undo_and_redo(library: Library) -> None:
    library.quotes.add(PANEL_ID, exact="Welcome to the panel.", tags=["climate", "policy"])
    library.quotes.undo_log.clear()
    app = SaysoApp(library)
    async with app.run_test(size=(110, 32)) as pilot:
        screen = await open_at(app, pilot, PANEL_ID, 2, 0)
        await pilot.press("v", "a")
        await settle(app, pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert editor.target.quote is None and editor.target.words.startswith("Compilers taught us")
        await pilot.press(*"first line", "enter", *"second line")
        await pilot.press("tab")
        picker = editor.query_one(TagPicker)
        assert app.focused is picker.input
        await pilot.press(*"clim", "enter")  # completes the existing tag
        await pilot.press(*"tools,")  # a comma takes a new tag as typed
        await pilot.press(*"xyz", "backspace", "backspace", "backspace", "backspace")  # empty box: drops "tools"
        await pilot.press(*"tools", "down", "enter")  # no existing match: the "new tag" offer
        assert picker.tags == ["climate", "tools"]
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, NoteEditor)
        saved = [q for q in library.quotes.list() if q.exact.startswith("Compilers")]
        assert len(saved) == 1
        assert saved[0].note == "first line\nsecond line" and saved[0].tags == ["climate", "tools"]
        strip = str(screen.query_one("#quote-strip").render())
        assert "first line" in strip and "#climate" in strip
        # Annotating the existing quote under the cursor edits it.
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, NoteEditor) and app.screen.target.quote is not None
        await pilot.press(*" edited", "ctrl+s")
        await settle(app, pilot)
        assert library.quotes.get(saved[0].id).note == "first line\nsecond line edited"
        await pilot.press("u")
        await settle(app, pilot)
        assert library.quotes.get(saved[0].id).note == "first line\nsecond line"
        assert any(m.startswith("Undone: edit quote") for m in messages(app))
        await pilot.press("u")
        await settle(app, pilot)
        assert not [q for q in library.quotes.list() if q.exact.startswith("Compilers")]
        assert not screen.reader.marks("quote") or all(m.passage != 2 for m in screen.reader.marks("quote"))
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert [q.note for q in library.quotes.list() if q.exact.startswith("Compilers")] == ["first line\nsecond line"]
        assert any(m.startswith("Redone: add quote") for m in messages(app))
        await pilot.press("u", "u", "u")
        await settle(app, pilot)
        assert any("Nothing to undo" in m for m in messages(app))


async def test_escape_in_the_note_editor_keeps_what_was_typed_as_a_draft(library: Library) -> None:
    """A user trial: escape, pressed to leave a mode as everywhere else in the app, threw away a note being typed.
    It keeps it as a draft now (R reopens it); an editor where nothing was typed just closes, saving nothing."""
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await open_at(app, pilot, INTERVIEW_ID, 1, 0)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert library.quotes.list() == [] and library.quotes.drafts() == {}
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.press(*"worth keeping", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert library.quotes.list() == []
        assert list(library.quotes.drafts().values()) == ["worth keeping"]
        assert any("kept as a draft" in m for m in messages(app))


# -- the Quotes pane -----------------------------------------------------------------------------------


async def test_quotes_pane_filter_sort_jump_edit_retag_delete(library: Library) -> None:
    book = library.quotes
    first = book.add(PANEL_ID, exact="Closed models hide their failures.", note="key claim", tags=["open"])
    book.add(INTERVIEW_ID, exact="Go ahead and do it.", tags=["advice"])
    review = book.add(PANEL_ID, exact="Let us end there.")
    book.keep_detached(review.id)
    book.undo_log.clear()
    app = SaysoApp(library)
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("5")
        await settle(app, pilot)
        pane = screen.query_one(QuotesPane)
        rows = pane.quote_list
        assert screen.pane == "quotes" and app.focused is rows
        assert rows.row_count == 3
        lines = [rows.row_lines(i) for i in range(3)]
        flagged = [first_line.plain for first_line, _ in lines if first_line.plain.startswith("⚠ review")]
        assert flagged == ["⚠ review \u201cLet us end there.\u201d"]
        detail = next(second.plain for first_line, second in lines if "Closed models" in first_line.plain)
        assert "Alan Turing · Panel on open models · #open · key claim · " in detail
        # Sort: newest first, then oldest, document, speaker.
        assert rows.quotes[0].exact == "Let us end there."
        await pilot.press("s")
        assert pane.sort == "oldest" and rows.quotes[0].id == first.id
        await pilot.press("s", "s")
        assert pane.sort == "speaker" and [q.speaker for q in rows.quotes] == [
            "Ada Lovelace",
            "Alan Turing",
            "Grace Hopper",
        ]
        # Filter by tag, then by fuzzy words.
        await pilot.press("f", *"tag:advice")
        await settle(app, pilot)
        assert [q.exact for q in rows.quotes] == ["Go ahead and do it."]
        pane.filter_input.value = "hide ther failures"
        await settle(app, pilot)
        assert [q.id for q in rows.quotes] == [first.id]
        await pilot.press("enter")  # from the filter to the list
        assert app.focused is rows
        await pilot.press("f", "escape", "j")  # escape leaves the filter too, as it leaves the search box
        assert app.focused is rows and pane.filter_input.value == "hide ther failures"
        # enter jumps to the quote in context, highlighted.
        await pilot.press("enter")
        await settle(app, pilot)
        reader = screen.reader
        assert screen.pane == "reader" and reader.document is not None and reader.document.id == PANEL_ID
        assert reader.passage == 1 and reader.sentence == 2  # "Thank you." · "I think …" · "Closed models …"
        assert [(m.passage, m.kind) for m in reader.marks("hit")] == [(1, "hit")]
        assert any("Closed models hide their failures." in line for line in screen_text(reader))
        await pilot.press("escape")  # back to where the jump came from
        assert screen.pane == "quotes"
        # e edits the note, t the tags.
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*" indeed", "ctrl+s")
        await settle(app, pilot)
        assert book.get(first.id).note == "key claim indeed"
        await pilot.press("t")
        await settle(app, pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor) and app.focused is editor.tag_picker.input
        await pilot.press("backspace", *"adv", "enter", "ctrl+s")
        await settle(app, pilot)
        assert book.get(first.id).tags == ["advice"]
        # d deletes, u brings it back.
        await pilot.press("d")
        await settle(app, pilot)
        assert first.id not in {q.id for q in book.list()}
        assert any(m.startswith("Deleted quote") for m in messages(app))
        await pilot.press("u")
        await settle(app, pilot)
        assert book.get(first.id).tags == ["advice"]


async def test_a_malformed_quote_row_hides_only_itself_in_the_quotes_pane(library: Library) -> None:
    """Issue 11 item 6: one bad row (no `exact`, `"tags": null`) made the pane say "No quotes yet"."""
    import json

    book = library.quotes
    keep = book.add(PANEL_ID, exact="Closed models hide their failures.", tags=["open"])
    broken = book.add(INTERVIEW_ID, exact="Go ahead and do it.")
    nulled = book.add(PANEL_ID, exact="Let us end there.")
    raw = json.loads(book.path.read_text())
    for row in raw["quotes"].values():
        if row["id"] == broken.id:
            del row["exact"]
        if row["id"] == nulled.id:
            row["tags"] = None
    book.path.write_text(json.dumps(raw))
    app = SaysoApp(library)
    async with app.run_test(size=(120, 32)) as pilot:
        rows = await quote_list(app, pilot)
        assert [q.id for q in rows.quotes] == [keep.id]
        warned = [str(n.message) for n in app.notices if n.severity == "warning"]
        assert len(warned) == 2 and all("\n" not in m for m in warned)
        assert any(broken.id[:8] in m and "'exact'" in m for m in warned)
        assert any(nulled.id[:8] in m and "'tags'" in m for m in warned)


async def test_quote_errors_are_one_line_notifications(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise SaysoError("the library is busy (another sayso is writing)")

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await open_at(app, pilot, PANEL_ID, 0, 0)
        monkeypatch.setattr(library.quotes, "add_span", refuse)
        await pilot.press("m")
        await settle(app, pilot)
        errors = [n for n in app.notices if n.severity == "error"]
        assert [str(n.message) for n in errors] == [
            "Cannot keep the quote: the library is busy (another sayso is writing)"
        ]
        monkeypatch.setattr(library.quotes, "undo", crash)
        await pilot.press("u")
        await settle(app, pilot)
        assert any("RuntimeError: disk on fire" in m for m in messages(app))
        assert app.is_running and isinstance(app.screen, MainScreen)


# -- copying -------------------------------------------------------------------------------------------


def copies_sent(app: SaysoApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app hands to the terminal's clipboard (OSC 52), recorded as it passes through copy_to_clipboard."""
    sent: list[str] = []
    original = app.copy_to_clipboard

    def record(text: str) -> None:
        sent.append(text)
        original(text)

    monkeypatch.setattr(app, "copy_to_clipboard", record)
    return sent


async def test_y_copies_the_quote_with_its_citation_through_osc52(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("SAYSO_CLIPBOARD_FILE", raising=False)
    monkeypatch.delenv("SAYSO_CLIPBOARD", raising=False)
    quote = library.quotes.add(PANEL_ID, exact="Closed models hide their failures.", note="n")
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await open_at(app, pilot, PANEL_ID, 1, 2)
        written = copies_sent(app, monkeypatch)
        await pilot.press("y")
        await settle(app, pilot)
        expected = format_clipboard(quote, library.document(PANEL_ID), passages=library.passages(PANEL_ID))
        assert written == [expected]
        assert app.clipboard == expected
        assert expected.startswith(
            "\u201cClosed models hide their failures.\u201d\n\u2014 Alan Turing, Panel on open models"
        )
        assert "2024" in expected  # the formatted citation, with the panel's date
        assert any(
            m.startswith("Copied \u201cClosed models hide their failures.\u201d with its citation (OSC 52)")
            for m in messages(app)
        )
        assert not (library.data_dir / CLIPBOARD_FILE).exists()
        # Without a quote under the cursor, y copies the sentence (or the selection).
        written.clear()
        await pilot.press("k", "v", "b", "y")
        await settle(app, pilot)
        [payload] = written
        assert payload.startswith(
            "\u201cI think open weights matter because researchers can inspect\u201d\n\u2014 Alan Turing"
        )


async def test_y_copies_in_the_config_files_style_and_locale(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("SAYSO_CLIPBOARD_FILE", raising=False)
    monkeypatch.delenv("SAYSO_CLIPBOARD", raising=False)
    quote = library.quotes.add(PANEL_ID, exact="Closed models hide their failures.", note="n")
    app = SaysoApp(library, export_style="chicago-notes", export_locale="de-DE")
    async with app.run_test(size=(110, 30)) as pilot:
        await open_at(app, pilot, PANEL_ID, 1, 2)
        written = copies_sent(app, monkeypatch)
        await pilot.press("y")
        await settle(app, pilot)
        passages = library.passages(PANEL_ID)
        expected = format_clipboard(
            quote, library.document(PANEL_ID), "chicago-notes", passages=passages, locale="de-DE"
        )
        assert written == [expected]
        assert "Alan Turing, \u201ePanel on Open Models\u201c" in expected  # Chicago's note, German quotation marks


async def test_copy_falls_back_to_a_file_where_the_terminal_cannot(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("SAYSO_CLIPBOARD_FILE", raising=False)
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await open_at(app, pilot, HOSTILE_ID, 0, 0)
        written = copies_sent(app, monkeypatch)
        await pilot.press("y")
        await settle(app, pilot)
        target = library.data_dir / CLIPBOARD_FILE
        text = target.read_text(encoding="utf-8")
        assert text.startswith("\u201c[bold]not bold[/bold]")
        assert not any(ord(c) < 32 and c != "\n" for c in text) and "\x1b" not in text and "\u202e" not in text
        assert written == []  # the Linux console has no OSC 52
        assert any(f"to {target}" in m and "TERM=linux" in m for m in messages(app))


# -- drafts ---------------------------------------------------------------------------------------------


async def test_hangup_saves_the_open_note_and_next_start_reopens_it(library: Library) -> None:
    existing = library.quotes.add(INTERVIEW_ID, exact="Computers reward curiosity.", note="old")
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await open_at(app, pilot, INTERVIEW_ID, 3, 2)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*" and new", "tab", *"keep,")
        assert save_open_drafts(app) == 1  # what SIGHUP/SIGTERM run before exiting
    drafts = library.quotes.drafts()
    assert drafts[f"quote:{existing.id}"] == "old and new"
    assert drafts[f"quote:{existing.id}#tags"] == "keep"
    assert library.quotes.get(existing.id).note == "old"  # a draft, not a saved note

    again = SaysoApp(Library.open(library.data_dir))
    async with again.run_test(size=(110, 30)) as pilot:
        await settle(again, pilot)
        assert any("1 unsaved note from last time" in m for m in messages(again))
        await pilot.press("R")
        await settle(again, pilot)
        editor = again.screen
        assert isinstance(editor, NoteEditor)
        assert editor.text_area.text == "old and new" and editor.tag_picker.tags == ["keep"]
        await pilot.press("ctrl+s")
        await settle(again, pilot)
        book = again.library.quotes
        assert book.get(existing.id).note == "old and new" and book.get(existing.id).tags == ["keep"]
        assert book.drafts() == {}


async def test_draft_of_a_new_quote_reopens_on_its_words(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await open_at(app, pilot, PANEL_ID, 4, 1)
        await pilot.press("v", "a")
        await settle(app, pilot)
        await pilot.press(*"unsaved thought")
        assert save_open_drafts(app) == 1
    [(key, text)] = library.quotes.drafts().items()
    assert key.startswith(f"new:{PANEL_ID}:") and text == "unsaved thought"
    again = SaysoApp(Library.open(library.data_dir))
    async with again.run_test(size=(110, 30)) as pilot:
        await settle(again, pilot)
        await pilot.press("R")
        await settle(again, pilot)
        editor = again.screen
        assert (
            isinstance(editor, NoteEditor) and editor.target.words == "The question is whether secrecy makes us safer."
        )
        await pilot.press("ctrl+s")
        await settle(again, pilot)
        [quote] = again.library.quotes.list()
        assert quote.exact == "The question is whether secrecy makes us safer." and quote.note == "unsaved thought"


async def test_palette_reaches_quotes_and_export(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(app, pilot)
        from sayso.tui.commands import SaysoCommands

        names = [name for name, _, _ in SaysoCommands(app.screen).actions()]
        assert {
            "Show quotes",
            "Export quotes…",
            "Undo quote action",
            "Redo quote action",
            "Reopen unsaved notes",
        } <= set(names)
        assert isinstance(app.screen.query_one("#quote-list"), QuoteList)


async def test_a_note_being_typed_is_kept_as_a_draft_after_a_pause(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sayso.tui.screens.note_editor as note_editor

    monkeypatch.setattr(note_editor, "AUTOSAVE_DELAY", 0.05)
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await open_at(app, pilot, PANEL_ID, 0, 0)
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.press(*"half a thought")
        await pilot.pause(0.2)
        await settle(app, pilot)
        assert list(library.quotes.drafts().values()) == ["half a thought"]  # even a SIGKILL now loses little
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert library.quotes.drafts() == {}  # saved: the draft is gone
        assert [q.note for q in library.quotes.list()] == ["half a thought"]


# -- messages up: what the widgets ask and what the quote jobs answer ------------------------------------


async def test_quote_work_is_asked_and_answered_by_typed_messages(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`m` posts Keep and the job answers QuoteKept; the Quotes pane posts one message class per action;
    a job that raises answers JobFailed, never a traceback."""
    from sayso.tui.jobs import JobFailed
    from sayso.tui.messages import QuoteDeleted, QuoteKept, QuotesListed, QuoteUndone, ReaderQuotesRead
    from sayso.tui.widgets.quote_reader import QuoteReader

    posted: list[object] = []
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30), message_hook=posted.append) as pilot:
        await open_at(app, pilot, PANEL_ID, 1, 2)
        await pilot.press("m")
        await settle(app, pilot)
        [keep] = {id(m): m for m in posted if isinstance(m, QuoteReader.Keep)}.values()
        assert keep.shown.words == "Closed models hide their failures."
        kept = [m for m in posted if isinstance(m, QuoteKept)]
        assert kept and kept[0].quote.exact == "Closed models hide their failures."
        assert any(isinstance(m, ReaderQuotesRead) and [q.id for q in m.quotes] == [kept[0].quote.id] for m in posted)
        await pilot.press("5")
        await settle(app, pilot)
        assert any(isinstance(m, QuotesListed) and len(m.quotes) == 1 for m in posted)
        await pilot.press("d")
        await settle(app, pilot)
        actions = {id(m): m for m in posted if isinstance(m, QuotesPane.QuoteAction)}.values()
        assert [type(m) for m in actions] == [QuotesPane.Delete]
        assert any(isinstance(m, QuoteDeleted) and m.quote.id == kept[0].quote.id for m in posted)
        await pilot.press("u")
        await settle(app, pilot)
        assert any(isinstance(m, QuoteUndone) and m.which == "undo" and m.label for m in posted)

        def crash() -> None:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(library.quotes, "redo", crash)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        failed = [m for m in posted if isinstance(m, JobFailed)]
        assert failed and (failed[0].what, failed[0].error) == ("Cannot redo", "RuntimeError: disk on fire")
        assert app.is_running


# -- user trial: another sayso's imports show up -----------------------------------------------------------------


async def test_a_document_imported_by_another_sayso_appears_in_the_running_app(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """library.json is watched like quotes.json: the Documents list, the Quotes pane and enter follow an import."""
    import sayso.tui.screens.main as main
    from sayso.corpus.models import ParsedDocument, ParsedPassage
    from sayso.tui.widgets.documents import DocumentsPane

    monkeypatch.setattr(main, "QUOTES_WATCH_INTERVAL", 0.1)
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        documents = screen.query_one(DocumentsPane)
        documents.highlighted = 1
        kept = documents.highlighted_id
        other = Library.open(library.data_dir)  # `sayso import` in another terminal
        other.import_parsed(
            ParsedDocument(
                title="Lecture on compilers",
                kind="lecture",
                passages=[ParsedPassage("Grace", "Compilers are kind.", None)],
            ),
            source="fixtures/lecture.txt",
            doc_id="lecture05",
            content_hash="lecture",
        )
        other.quotes.add("lecture05", exact="Compilers are kind.")
        await settle(app, pilot, 0.3)
        await settle(app, pilot, 0.3)
        assert "lecture05" in [d.id for d in documents.shown]
        assert documents.highlighted_id == kept
        await pilot.press("5")
        await settle(app, pilot)
        pane = screen.quotes_pane
        [row] = [i for i, q in enumerate(pane.quote_list.quotes) if q.document == "lecture05"]
        assert "Lecture on compilers" in pane.quote_list.row_lines(row)[1].plain
        pane.quote_list.focus()
        pane.quote_list.highlighted = row
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.reader.document is not None and screen.reader.document.id == "lecture05"
        assert not [n for n in app.notices if n.severity == "error"]


async def test_a_filter_matching_no_quote_says_so_not_how_to_keep_a_first_one(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("5")
        await settle(app, pilot)
        quote_list = screen.quotes_pane.quote_list
        assert quote_list.quotes == [] and "No quotes yet" in "".join(screen_text(quote_list))
        library.quotes.add(INTERVIEW_ID, exact="Computers reward curiosity.")
        screen.quotes_pane.filter_input.value = "is:review"
        await settle(app, pilot)
        assert quote_list.quotes == []
        shown = "".join(screen_text(quote_list))
        assert "No quotes match this filter" in shown and "No quotes yet" not in shown


async def test_a_quote_just_kept_is_the_one_highlighted_in_the_quotes_pane(library: Library) -> None:
    """A user trial kept a quote and found the Quotes pane still on an older one; the new one is highlighted."""
    book = library.quotes
    book.add(PANEL_ID, exact="Closed models hide their failures.")
    book.add(INTERVIEW_ID, exact="Go ahead and do it.")
    app = SaysoApp(library)
    async with app.run_test(size=(120, 32)) as pilot:
        rows = await quote_list(app, pilot)
        await pilot.press("j")  # on the older of the two
        assert (
            rows.highlighted_quote is not None and rows.highlighted_quote.exact == "Closed models hide their failures."
        )
        screen = await open_at(app, pilot, PANEL_ID, 0, 0)
        await pilot.press("m")  # keep the sentence under the cursor
        await settle(app, pilot)
        kept = max(book.list(), key=lambda q: q.created)
        assert kept.exact.startswith("Welcome to the panel.")
        await pilot.press("5")
        await settle(app, pilot)
        assert screen.pane == "quotes" and rows.highlighted_quote is not None and rows.highlighted_quote.id == kept.id


async def test_a_document_removed_by_another_sayso_leaves_the_reader(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sayso rm` in another terminal while the document is open: the reader no longer shows words the library
    has not got (a user trial found them still there, to be quoted), and says why."""
    import sayso.tui.screens.main as main

    monkeypatch.setattr(main, "QUOTES_WATCH_INTERVAL", 0.1)
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = await open_at(app, pilot, PANEL_ID, 1, 0)
        assert screen.reader.document is not None
        Library.open(library.data_dir).remove(PANEL_ID)
        await settle(app, pilot, 0.3)
        await settle(app, pilot, 0.3)
        assert screen.reader.document is None and screen.reader.passages == []
        assert screen.pane == "documents"
        assert any("was removed from the library" in m for m in messages(app))
        await pilot.press("4", "m")  # the reader, and keep: nothing to keep, and no error
        await settle(app, pilot)
        assert library.quotes.list() == []
        assert not [n for n in app.notices if n.severity == "error"]
