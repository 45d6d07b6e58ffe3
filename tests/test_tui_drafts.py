"""Notes are never lost and quotes are only ever made from the words on screen (issue 11 items 1-3 and "Also").

A failed note save keeps the editor open with the error and the text as a
draft; `R` re-anchors a draft by its exact words and never deletes one it
cannot place; a re-import by another sayso never makes `m` quote words the
user did not see; a damaged drafts.json is reported; a quote removed
elsewhere leaves the note strip.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from tui_support import (
    INTERVIEW_ID,
    PANEL,
    PANEL_ID,
    build_library,
    private_copy,
    settle,
)

from sayso.corpus.library import Library
from sayso.corpus.models import ParsedDocument, ParsedPassage
from sayso.corpus.shown_words import ShownWords, place
from sayso.tui.app import SaysoApp
from sayso.tui.drafts import save_open_drafts
from sayso.tui.screens.draft_dialog import DraftDialog
from sayso.tui.screens.main import MainScreen
from sayso.tui.screens.note_editor import NoteEditor

#: The sentence the tests quote (passage 4, sentence 1 of the panel).
SENTENCE = "The question is whether secrecy makes us safer."


@pytest.fixture(scope="module")
def library_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drafts-lib")
    build_library(folder, hostile=False)
    return folder


@pytest.fixture
def library(library_dir: Path, tmp_path: Path) -> Library:
    return private_copy(library_dir, tmp_path)


def messages(app: SaysoApp) -> list[str]:
    return [str(n.message) for n in app.notices]


async def open_at(app: SaysoApp, pilot, doc_id: str, passage: int = 0, sentence: int = 0) -> MainScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    screen.open_document(doc_id, passage, sentence)
    await settle(app, pilot)
    return screen


def reimport_panel(data_dir: Path, passages: list[ParsedPassage]) -> None:
    """Another sayso re-imports the panel with changed text."""
    Library.open(data_dir).import_parsed(
        ParsedDocument(title="Panel on open models", kind="panel", passages=passages, date="2024-01-18"),
        source="fixtures/panel.txt",
        doc_id=PANEL_ID,
        content_hash="panel-changed",
    )


#: The panel with a correction inserted first: every position after it shifts.
CORRECTED = [ParsedPassage("Editor", "Correction added. Good evening, this transcript was corrected.", None), *PANEL]
#: The panel with the quoted sentence reworded.
REWORDED = [
    p
    if SENTENCE not in p.text
    else ParsedPassage(p.speaker, p.text.replace(SENTENCE, "Does secrecy make us safer?"), p.start)
    for p in PANEL
]


def test_shown_words_are_placed_again_by_their_exact_characters_only() -> None:
    old = "Alpha one. The same words. Beta two. The same words. Gamma."
    start = old.rindex("The same words.")
    shown = ShownWords.of("doc", old, start, start + len("The same words."), "hash-of-old")
    new = "Inserted first. " + old
    assert place(shown, new).span == (start + 16, start + 16 + len("The same words.")) and place(shown, new).moved
    gone = place(shown, old.replace("same words", "same wordz"))
    assert gone.span is None and "no longer in the document" in gone.reason
    tie = place(ShownWords("doc", 0, 3, "abc", "", "", "x"), "zz abc zz abc zz")
    assert tie.span is None and "occur 2 times" in tie.reason
    assert ShownWords.from_dict(shown.to_dict()) == shown and ShownWords.from_dict({"doc_id": "x"}) is None


def test_a_draft_keeps_the_words_it_is_for(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "data")
    lib.quotes.save_draft("new:doc:1:5", "a note", target={"doc_id": "doc", "words": "abcd"})
    lib.quotes.save_draft("new:doc:1:5", "a longer note")  # typing on keeps the target
    assert lib.quotes.draft_rows()["new:doc:1:5"]["target"] == {"doc_id": "doc", "words": "abcd"}
    assert lib.quotes.drafts() == {"new:doc:1:5": "a longer note"}


# -- item 1: a failed save keeps the note ---------------------------------------------------------------------


async def test_a_note_whose_save_fails_stays_in_the_open_editor_and_as_a_draft(library: Library) -> None:
    """The library busy past the lock timeout: the editor stays open with the error; nothing typed is lost."""
    existing = library.quotes.add(INTERVIEW_ID, exact="Computers reward curiosity.", note="old")
    library.store.lock.timeout = 0.3
    holding, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:  # another writer holding the library past the timeout
        with library.store.lock.held():
            holding.set()
            release.wait(20)

    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await open_at(app, pilot, INTERVIEW_ID, 3, 2)
        await pilot.press("a")
        await settle(app, pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        await pilot.press(*" and a long thought")
        holder = threading.Thread(target=hold_the_lock)
        holder.start()
        try:
            assert holding.wait(5)
            await pilot.press("ctrl+s")
            await settle(app, pilot, 0.5)
            assert app.screen is editor  # still open, with the text and the reason
            assert editor.text_area.text == "old and a long thought"
            assert "Not saved" in editor.error_line and "busy" in editor.error_line
            assert library.quotes.drafts()[f"quote:{existing.id}"] == "old and a long thought"
            assert library.quotes.get(existing.id).note == "old"
        finally:
            release.set()
            holder.join()
        # Escape after a failed save closes but keeps the draft; R brings it back; ctrl+s then saves it.
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert library.quotes.drafts()[f"quote:{existing.id}"] == "old and a long thought"
        await pilot.press("R")
        await settle(app, pilot)
        assert isinstance(app.screen, NoteEditor) and app.screen.text_area.text == "old and a long thought"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert library.quotes.get(existing.id).note == "old and a long thought"
        assert library.quotes.drafts() == {}


async def test_a_note_for_a_quote_deleted_elsewhere_is_kept_with_a_new_quote_of_its_words(library: Library) -> None:
    existing = library.quotes.add(INTERVIEW_ID, exact="Computers reward curiosity.", note="old")
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await open_at(app, pilot, INTERVIEW_ID, 3, 2)
        await pilot.press("a")
        await settle(app, pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        await pilot.press(*" but typed on")
        Library.open(library.data_dir).quotes.remove(existing.id)  # `sayso quote rm` in another terminal
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is editor and editor.text_area.text == "old but typed on"
        assert "deleted" in editor.error_line and editor.target.quote is None
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        [quote] = library.quotes.list()
        assert quote.exact == "Computers reward curiosity." and quote.note == "old but typed on"
        assert library.quotes.drafts() == {}


# -- item 2: drafts are never deleted unasked, never put on other words --------------------------------------------


async def save_a_new_quote_draft(library: Library, text: str) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await open_at(app, pilot, PANEL_ID, 4, 1)
        await pilot.press("v", "a")
        await settle(app, pilot)
        assert isinstance(app.screen, NoteEditor) and app.screen.target.words == SENTENCE
        await pilot.press(*text)
        assert save_open_drafts(app) == 1


async def test_a_restored_draft_finds_its_words_again_after_a_reimport(library: Library) -> None:
    await save_a_new_quote_draft(library, "about secrecy")
    reimport_panel(library.data_dir, CORRECTED)
    again = SaysoApp(Library.open(library.data_dir))
    async with again.run_test(size=(110, 30)) as pilot:
        await settle(again, pilot)
        await pilot.press("R")
        await settle(again, pilot)
        editor = again.screen
        assert isinstance(editor, NoteEditor)
        assert editor.target.words == SENTENCE  # not the characters now at the old positions
        await pilot.press("ctrl+s")
        await settle(again, pilot)
        [quote] = again.library.quotes.list()
        assert quote.exact == SENTENCE and quote.note == "about secrecy"
        assert again.library.quotes.drafts() == {}
        assert all(ok for _, ok, _ in again.library.quotes.verify())


async def test_a_draft_whose_words_are_gone_is_shown_and_kept_until_the_user_chooses(library: Library) -> None:
    await save_a_new_quote_draft(library, "about secrecy")
    reimport_panel(library.data_dir, REWORDED)
    again = SaysoApp(Library.open(library.data_dir))
    async with again.run_test(size=(110, 30)) as pilot:
        await settle(again, pilot)
        await pilot.press("R")
        await settle(again, pilot)
        dialog = again.screen
        assert isinstance(dialog, DraftDialog)
        assert dialog.draft.text == "about secrecy" and dialog.draft.words == SENTENCE
        assert "no longer in the document" in dialog.draft.reason
        await pilot.press("escape")  # keep for later: still there
        await settle(again, pilot)
        assert list(again.library.quotes.drafts().values()) == ["about secrecy"]
        await pilot.press("R")
        await settle(again, pilot)
        assert isinstance(again.screen, DraftDialog)
        await pilot.press("d")  # keep it as a detached quote with its note
        await settle(again, pilot)
        [quote] = again.library.quotes.list()
        assert quote.exact == SENTENCE and quote.note == "about secrecy" and quote.detached
        assert quote.status == "needs review"
        assert again.library.quotes.drafts() == {}


async def test_a_draft_is_not_deleted_when_its_quote_cannot_be_read(library: Library) -> None:
    existing = library.quotes.add(INTERVIEW_ID, exact="Computers reward curiosity.", note="old")
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await open_at(app, pilot, INTERVIEW_ID, 3, 2)
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.press(*" plus more")
        assert save_open_drafts(app) == 1
    library.quotes.path.write_text('{"meta": {"1": ', encoding="utf-8")  # quotes.json damaged
    again = SaysoApp(Library.open(library.data_dir))
    async with again.run_test(size=(110, 30)) as pilot:
        await settle(again, pilot)
        await pilot.press("R")
        await settle(again, pilot)
        dialog = again.screen
        assert isinstance(dialog, DraftDialog) and dialog.draft.text == "old plus more"
        await pilot.press("x")  # discarding asks twice
        await settle(again, pilot)
        assert again.screen is dialog
        await pilot.press("escape")
        await settle(again, pilot)
        await pilot.press("escape")
        await settle(again, pilot)
    assert Library.open(library.data_dir).quotes.drafts()[f"quote:{existing.id}"] == "old plus more"


async def test_a_damaged_drafts_file_is_set_aside_with_a_message(library: Library) -> None:
    drafts = library.quotes.drafts_path
    drafts.write_bytes(b'{"drafts": {"1": {"key": "new:x:1:2", "text": "half')
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(app, pilot)
        errors = [str(n.message) for n in app.notices if n.severity == "error"]
        assert any("drafts.json" in m and "set aside" in m for m in errors), errors
    [kept] = list(drafts.parent.glob("drafts.json.unreadable-*"))
    assert kept.read_bytes().endswith(b'"half')


# -- item 3: a quote is made from the words on screen -----------------------------------------------------


async def test_m_after_a_reimport_elsewhere_quotes_the_words_on_screen(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = await open_at(app, pilot, PANEL_ID, 4, 1)
        reimport_panel(library.data_dir, CORRECTED)  # another sayso, while the old text is on screen
        await pilot.press("m")
        await settle(app, pilot)
        [quote] = library.quotes.list()
        assert quote.exact == SENTENCE
        assert all(ok for _, ok, _ in library.quotes.verify())
        assert screen.reader.passages[0].text.startswith("Correction added.")  # the reader was reloaded
        assert any("re-imported" in m for m in messages(app))


async def test_m_refuses_in_one_line_when_the_words_on_screen_are_gone(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = await open_at(app, pilot, PANEL_ID, 4, 1)
        reimport_panel(library.data_dir, REWORDED)
        await pilot.press("m")
        await settle(app, pilot)
        assert library.quotes.list() == []
        errors = [str(n.message) for n in app.notices if n.severity == "error"]
        assert len(errors) == 1 and "\n" not in errors[0] and "changed since it was shown" in errors[0]
        assert "Does secrecy make us safer?" in screen.reader.passages[4].text  # reloaded


# -- the note strip follows quotes.json -------------------------------------------------------------------


async def test_the_note_strip_forgets_a_quote_removed_elsewhere(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sayso.tui.screens.main as main

    monkeypatch.setattr(main, "QUOTES_WATCH_INTERVAL", 0.1)
    existing = library.quotes.add(INTERVIEW_ID, exact="Computers reward curiosity.", note="a note to forget")
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = await open_at(app, pilot, INTERVIEW_ID, 3, 2)
        strip = screen.query_one("#quote-strip")
        assert "a note to forget" in str(strip.render())
        Library.open(library.data_dir).quotes.remove(existing.id)  # `sayso quote rm` elsewhere
        await settle(app, pilot, 0.4)
        assert "a note to forget" not in str(strip.render())
        assert screen.reader.quotes == []


# -- user trial: quitting and escape keep notes ------------------------------------------------------------------


@pytest.mark.parametrize("how", ["ctrl+q", "palette", "exit"])
async def test_quitting_with_the_note_editor_open_keeps_the_note_as_a_draft(library: Library, how: str) -> None:
    """ctrl+q, the palette's quit or app.exit while a note is being typed: the note is a draft, not lost."""
    from tui_support import palette

    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await open_at(app, pilot, PANEL_ID, 4, 1)
        await pilot.press("v", "a")
        await settle(app, pilot)
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"typed before quitting")
        if how == "ctrl+q":
            await pilot.press("ctrl+q")
        elif how == "palette":
            await palette(app, pilot, "quit")
            await pilot.pause()
            await pilot.press("enter")
        else:
            app.exit()
        await pilot.pause()
        assert app._exit
    assert list(library.quotes.drafts().values()) == ["typed before quitting"]


async def test_quitting_with_an_untouched_note_editor_leaves_no_draft(library: Library) -> None:
    existing = library.quotes.add(INTERVIEW_ID, exact="Computers reward curiosity.", note="old")
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await open_at(app, pilot, INTERVIEW_ID, 3, 2)
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, NoteEditor) and app.screen.target.quote is not None
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert library.quotes.drafts() == {} and library.quotes.get(existing.id).note == "old"


async def test_escape_in_a_reopened_draft_keeps_it_and_only_ctrl_g_twice_discards_it(library: Library) -> None:
    """Quotes pane, e, type, ctrl+l, R, esc: the draft stays (and a toast says so); ctrl+g asks before discarding."""
    existing = library.quotes.add(INTERVIEW_ID, exact="Computers reward curiosity.", note="old")
    key = f"quote:{existing.id}"
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        app.screen.quotes_pane.quote_list.focus()
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*" and more", "ctrl+l")
        await settle(app, pilot)
        assert library.quotes.drafts() == {key: "old and more"}
        await pilot.press("R")
        await settle(app, pilot)
        assert isinstance(app.screen, NoteEditor) and app.screen.text_area.text == "old and more"
        app.notices.clear()
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert library.quotes.drafts() == {key: "old and more"}
        assert any("kept as a draft" in m for m in messages(app))
        await pilot.press("R")
        await settle(app, pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert app.screen is editor and library.quotes.drafts() == {key: "old and more"}
        await pilot.press("ctrl+g")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert library.quotes.drafts() == {} and library.quotes.get(existing.id).note == "old"
        assert "Draft discarded" in messages(app)
