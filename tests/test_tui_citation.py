"""The citation dialog: every citation field of a document, missing ones marked, a live preview, a locked save."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static
from tui_support import (
    HOSTILE_ID,
    HOSTILE_TITLE,
    INTERVIEW_ID,
    PANEL_ID,
    build_library,
    palette,
    private_copy,
    settle,
)

from sayso.corpus.export import export_quotes
from sayso.corpus.library import Library
from sayso.tui.app import SaysoApp
from sayso.tui.screens.citation_dialog import MISSING, CitationDialog
from sayso.tui.screens.main import MainScreen
from sayso.tui.screens.style_picker import StylePicker
from sayso.tui.widgets.documents import DocumentsPane
from sayso.tui.widgets.status_line import StatusLine


@pytest.fixture(scope="module")
def library_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("citation-lib")
    lib = build_library(folder)
    lib.quotes.add(INTERVIEW_ID, exact="Go ahead and do it.", note="advice")
    return folder


@pytest.fixture
def library(library_dir: Path, tmp_path: Path) -> Library:
    return private_copy(library_dir, tmp_path)


def library_json(library: Library) -> str:
    return library.store.library_path.read_text(encoding="utf-8")


async def open_on(app: SaysoApp, pilot, doc_id: str) -> CitationDialog:  # type: ignore[no-untyped-def]
    """Highlight `doc_id` in the Documents pane and press c."""
    await settle(app, pilot, 0.05)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    pane = screen.query_one(DocumentsPane)
    pane.highlighted = pane.index_of(doc_id)
    await pilot.pause()
    await pilot.press("c")
    await settle(app, pilot, 0.3)
    dialog = app.screen
    assert isinstance(dialog, CitationDialog)
    assert dialog.document.id == doc_id
    return dialog


def field(dialog: CitationDialog, name: str) -> Input:
    return dialog.query_one(f"#citation-{name}", Input)


def status(dialog: CitationDialog) -> str:
    return str(dialog.query_one("#citation-status", Static).render())


async def type_into(pilot, dialog: CitationDialog, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Focus the field, clear it and type `text` key by key, as a user would."""
    box = field(dialog, name)
    box.focus()
    await pilot.pause()
    box.value = ""
    await pilot.press(*text)
    await pilot.pause(0.3)
    await dialog.app.workers.wait_for_complete()
    await pilot.pause()


async def test_edit_date_and_publisher_then_save(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_on(app, pilot, INTERVIEW_ID)
        # The interview has no date, publisher, URL, event, place or host: each says so, none is invented.
        for name in ("date", "publisher", "url", "event", "place", "host"):
            assert field(dialog, name).value == ""
            assert field(dialog, name).placeholder == MISSING
            assert dialog.query_one(f"#citation-row-{name}").has_class("-missing")
        assert field(dialog, "title").value == "Interview with Grace"
        assert dialog.query_one("#citation-kind", Select).value == "interview"
        assert not dialog.query_one("#citation-row-title").has_class("-missing")
        # The preview cites it as the style does with no date: "n.d.", not a made-up year, and names what it lacks.
        assert "APA Style 7th edition" in dialog.preview_text and "n.d." in dialog.preview_text
        assert "Lacks: date, URL, publisher, host" in dialog.preview_text

        # tab moves from one field to the next, keyboard only.
        field(dialog, "title").focus()
        await pilot.press("tab")
        assert dialog.focused is dialog.query_one("#citation-kind", Select)
        await pilot.press("tab")
        assert dialog.focused is field(dialog, "date")
        await pilot.press("shift+tab")
        assert dialog.focused is dialog.query_one("#citation-kind", Select)

        await type_into(pilot, dialog, "date", "1952-05-06")
        await type_into(pilot, dialog, "publisher", "Computing Oral Histories")
        await type_into(pilot, dialog, "host", "Ada Lovelace")
        assert not dialog.query_one("#citation-row-date").has_class("-missing")
        assert "3 fields changed" in status(dialog)
        # The preview follows the typing: the year, the programme and the interviewer (APA's "(A. Lovelace, interviewer)").
        assert "1952" in dialog.preview_text and "Computing Oral Histories" in dialog.preview_text
        assert "A. Lovelace, interviewer" in dialog.preview_text
        # ctrl+y: any style, found by typing; the preview follows the style chosen (Chicago's "Interview by").
        await pilot.press("ctrl+y")
        picker = app.screen
        assert isinstance(picker, StylePicker)
        await pilot.press(*"chicago author")
        await pilot.pause(0.5)
        await settle(app, pilot, 0.1)
        assert picker.highlighted == "chicago-author-date"
        assert "Interview by Ada Lovelace" in picker.preview_text  # the fields as typed, not as saved
        await pilot.press("enter")
        await pilot.pause(0.3)
        await settle(app, pilot, 0.1)
        assert app.screen is dialog and dialog.style == "chicago"
        assert "Chicago Manual of Style" in dialog.preview_text and "Interview by Ada Lovelace" in dialog.preview_text

        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.05)
        main = app.screen
        assert isinstance(main, MainScreen)
        assert any("Citation saved: Interview with Grace" in str(n.message) for n in app.notices)
        # The screen's copy of the document is the saved one.
        assert main.document(INTERVIEW_ID).date == "1952-05-06"  # type: ignore[union-attr]

    # On disk: a library opened afresh holds the new fields, and only the changed ones are pinned as edits.
    fresh = Library.open(library.data_dir)
    doc = fresh.document(INTERVIEW_ID)
    assert (doc.date, doc.publisher, doc.host) == ("1952-05-06", "Computing Oral Histories", "Ada Lovelace")
    assert doc.title == "Interview with Grace" and doc.kind == "interview"
    assert set(fresh.store.edits(INTERVIEW_ID)) == {"date", "publisher", "host"}
    # The exports use them: CSL-JSON carries the date, programme and interviewer; Markdown's citation names them.
    items = json.loads(export_quotes("csl-json", fresh.quotes.list(), fresh))
    assert items[0]["issued"] == {"date-parts": [[1952, 5, 6]]}
    assert items[0]["publisher"] == "Computing Oral Histories"
    assert items[0]["interviewer"] == [{"family": "Lovelace", "given": "Ada"}]
    markdown = export_quotes("markdown", fresh.quotes.list(), fresh)
    assert "Citation: Hopper, G. (1952, May 6). *Interview with Grace* (A. Lovelace, interviewer)." in markdown


async def test_new_title_shows_in_documents_pane_and_reader(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(app, pilot, 0.05)
        main = app.screen
        assert isinstance(main, MainScreen)
        main.open_document(PANEL_ID)
        await settle(app, pilot, 0.05)
        # From the reader, ctrl+p "Edit citation…" opens the dialog on the open document.
        await palette(app, pilot, "Edit citation…")
        await settle(app, pilot, 0.3)
        dialog = app.screen
        assert isinstance(dialog, CitationDialog) and dialog.document.id == PANEL_ID
        await type_into(pilot, dialog, "title", "Open models panel, Davos")
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.05)
        assert app.screen is main
        title = str(main.query_one("#reader-title", StatusLine).render())
        assert "Open models panel," in title  # (shortened as need be: the place and the speaker always show)
        pane = main.query_one(DocumentsPane)
        row = pane.index_of(PANEL_ID)
        assert pane.row_lines(row)[0].plain == "Open models panel, Davos"
    assert Library.open(library.data_dir).document(PANEL_ID).title == "Open models panel, Davos"


async def test_escape_discards_and_writes_nothing(library: Library) -> None:
    before = library_json(library)
    app = SaysoApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_on(app, pilot, PANEL_ID)
        await type_into(pilot, dialog, "publisher", "Nobody's Press")
        await type_into(pilot, dialog, "title", "A title never saved")
        await pilot.press("escape")
        await settle(app, pilot, 0.05)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.document(PANEL_ID).title == "Panel on open models"  # type: ignore[union-attr]
    assert library_json(library) == before
    assert Library.open(library.data_dir).document(PANEL_ID).publisher is None


async def test_bad_date_is_refused_with_the_accepted_formats(library: Library) -> None:
    before = library_json(library)
    app = SaysoApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_on(app, pilot, PANEL_ID)
        assert field(dialog, "date").value == "2024-01-18"
        await type_into(pilot, dialog, "publisher", "World Forum")
        await type_into(pilot, dialog, "date", "2024-13-45")
        message = status(dialog)
        assert "cannot read the date '2024-13-45'" in message and "YYYY-MM-DD" in message
        assert dialog.query_one("#citation-status").has_class("-error")
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.05)
        assert app.screen is dialog  # still open, nothing saved, not even the good publisher
        assert "cannot read the date" in status(dialog)
        assert library_json(library) == before
        # Fixed, it saves.
        await type_into(pilot, dialog, "date", "March 2024")
        assert not dialog.query_one("#citation-status").has_class("-error")
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.05)
        assert isinstance(app.screen, MainScreen)
    doc = Library.open(library.data_dir).document(PANEL_ID)
    assert (doc.date, doc.publisher) == ("March 2024", "World Forum")


async def test_kind_select_and_an_empty_title_is_refused(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_on(app, pilot, INTERVIEW_ID)
        await type_into(pilot, dialog, "title", " ")
        assert "title cannot be empty" in status(dialog)
        await type_into(pilot, dialog, "title", "Grace Hopper, 1952")
        dialog.query_one("#citation-kind", Select).value = "podcast"
        await type_into(pilot, dialog, "host", "Ada Lovelace")
        assert "CSL type broadcast; host exported as host" in dialog.preview_text
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.05)
        assert isinstance(app.screen, MainScreen)
    doc = Library.open(library.data_dir).document(INTERVIEW_ID)
    assert (doc.title, doc.kind, doc.host) == ("Grace Hopper, 1952", "podcast", "Ada Lovelace")


async def test_untrusted_title_is_shown_literally_and_not_rewritten(library: Library) -> None:
    before = library_json(library)
    app = SaysoApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_on(app, pilot, HOSTILE_ID)
        shown = field(dialog, "title").value
        assert "\x1b" not in shown and "\x07" not in shown and "[bold]Hostile[/bold]" in shown
        heading = str(dialog.query_one("#citation-heading", Static).render())
        assert "[bold]Hostile[/bold]" in heading and "\x1b" not in heading
        assert "\x1b" not in dialog.preview_text
        # Nothing changed: ctrl+s closes without rewriting the title as its visible form.
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.05)
        assert isinstance(app.screen, MainScreen)
    assert library_json(library) == before
    assert Library.open(library.data_dir).document(HOSTILE_ID).title == HOSTILE_TITLE


async def test_dialog_fits_80x24_with_every_field_reachable(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_on(app, pilot, PANEL_ID)
        box = dialog.query_one("#citation-box")
        assert box.region.height <= 24 and box.region.width <= 80
        for name in ("title", "date", "url", "publisher", "event", "place", "host"):
            widget = field(dialog, name)
            widget.focus()
            await pilot.pause()
            # Focused fields are scrolled into the visible part of the dialog.
            assert dialog.query_one("#citation-body").region.contains_region(widget.region), name
        for hint in ("#citation-status", "#citation-hint"):
            assert box.region.contains_region(dialog.query_one(hint).region)


async def test_details_say_how_speakers_were_found_and_warn_when_unsure(library: Library, tmp_path: Path) -> None:
    sure = tmp_path / "sure.txt"
    sure.write_text("Ada Park: Hello there.\n\nBen Cho: Hi.\n\nAda Park: Shall we start?\n", encoding="utf-8")
    unsure = tmp_path / "unsure.txt"
    unsure.write_text("\n".join(f"<<P{i % 3}>> 00:{i:02d} words number {i} here" for i in range(20)), encoding="utf-8")
    sure_id, unsure_id = library.import_file(sure).id, library.import_file(unsure).id
    app = SaysoApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_on(app, pilot, sure_id)
        # The documents list says which documents' speakers are uncertain, before anyone opens their details.
        main = next(s for s in app.screen_stack if isinstance(s, MainScreen))
        pane = main.query_one(DocumentsPane)
        rows = {d.id: str(pane.row_lines(i)[1]) for i, d in enumerate(pane.shown)}
        assert "speakers uncertain" in rows[unsure_id] and "speakers uncertain" not in rows[sure_id]
        line = dialog.query_one("#citation-speakers", Static)
        assert str(line.render()) == "speakers: label then text on the same line (Name: text), 3 turns, confidence 100%"
        assert not line.has_class("-uncertain")
        await pilot.press("escape")
        await settle(app, pilot, 0.1)
        dialog = await open_on(app, pilot, unsure_id)
        line = dialog.query_one("#citation-speakers", Static)
        # (the app's own way to state the convention, right below; no command-line flag)
        assert "uncertain" in str(line.render()) and "state it in Speaker labels below" in str(line.render())
        assert "--" not in str(line.render())
        assert line.has_class("-uncertain")


async def test_stating_the_speaker_labels_in_the_details_reimports_the_document(
    library: Library, tmp_path: Path
) -> None:
    source = tmp_path / "odd.txt"
    source.write_text("\n".join(f"<<P{i % 3}>> 00:{i:02d} words number {i} here" for i in range(20)), encoding="utf-8")
    doc_id = library.import_file(source).id
    assert not library.document(doc_id).speakers
    app = SaysoApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_on(app, pilot, doc_id)
        # A pattern without {speaker} is refused in the status line, nothing is saved.
        await type_into(pilot, dialog, "labels", "{text}")
        assert "needs {speaker}" in status(dialog) and "--labels" not in status(dialog)
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.2)
        assert app.screen is dialog and library.document(doc_id).labels is None
        await type_into(pilot, dialog, "labels", "<<{speaker}>> {time} {text}")
        assert "re-imports" in status(dialog)
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.5)
        await app.workers.wait_for_complete()
        await settle(app, pilot, 0.3)
        assert not isinstance(app.screen, CitationDialog)
        doc = library.document(doc_id)
        assert doc.labels == "<<{speaker}>> {time} {text}" and set(doc.speakers) == {"P0", "P1", "P2"}
        assert doc.convention and doc.convention["shape"] == "pattern"
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert next(d for d in screen.documents if d.id == doc_id).labels == doc.labels
        # Emptying the field forgets the pattern: the convention is inferred again.
        dialog = await open_on(app, pilot, doc_id)
        assert field(dialog, "labels").value == "<<{speaker}>> {time} {text}"
        await type_into(pilot, dialog, "labels", "")
        await pilot.press("ctrl+s")
        await settle(app, pilot, 0.5)
        await app.workers.wait_for_complete()
        assert library.document(doc_id).labels is None and not library.document(doc_id).speakers
