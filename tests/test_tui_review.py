"""Settling quotes that need review inside the app: accept the suggestion, keep detached, place by hand, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import PANEL, PANEL_ID, build_library, private_copy, settle

from sayso.corpus.library import Library
from sayso.corpus.models import ParsedDocument, ParsedPassage, Quote
from sayso.tui.app import SaysoApp
from sayso.tui.screens.main import MainScreen
from sayso.tui.widgets.quotes_pane import QuoteList, QuotesPane
from sayso.tui.widgets.review import placing_line, review_parts

SUGGESTED = "I think open weights matter because researchers can inspect them."
REMOVED = "Compilers taught us that tools spread when people can read them."
REWORDED = "The question is whether secrecy makes us safer."


@pytest.fixture(scope="module")
def library_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("review-lib")
    build_library(folder, hostile=False)
    return folder


def reimport_changed(library: Library) -> tuple[Quote, Quote, Quote]:
    """Quote three sentences, then re-import the panel with them rewritten or gone: all three need review."""
    book = library.quotes
    quotes = tuple(book.add(PANEL_ID, exact=words) for words in (SUGGESTED, REMOVED, REWORDED))
    changed = list(PANEL)
    changed[1] = ParsedPassage(
        "Alan Turing",
        "Thank you. I believe open weights are important since scientists may "
        "inspect them. Closed models hide their failures.",
        12.5,
    )
    changed[2] = ParsedPassage("Grace Hopper", "The same is true for models.", 31.0)
    changed[4] = ParsedPassage(
        "Alan Turing", "Every powerful tool can be misused. Is secrecy safer? I doubt it does.", 64.0
    )
    library.import_parsed(
        ParsedDocument(title="Panel on open models", kind="panel", passages=changed, date="2024-01-18"),
        source="fixtures/panel.txt",
        doc_id=PANEL_ID,
        content_hash="panel-v2",
    )
    book.undo_log.clear()
    return quotes  # type: ignore[return-value]


@pytest.fixture
def library(library_dir: Path, tmp_path: Path) -> Library:
    return private_copy(library_dir, tmp_path)


def messages(app: SaysoApp) -> list[str]:
    return [str(n.message) for n in app.notices]


def highlight(rows: QuoteList, quote_id: str) -> None:
    rows.highlighted = [q.id for q in rows.quotes].index(quote_id)


def test_review_details_are_plain_text(library: Library) -> None:
    suggested, removed, _ = reimport_changed(library)
    book = library.quotes
    first = book.get(suggested.id)
    assert first.status == "needs review" and first.suggestion
    parts = review_parts(first)
    assert parts[0] == first.review_reason and parts[1].startswith("r: \u201cI believe open weights")
    assert review_parts(book.get(removed.id))[1].startswith("no suggestion")
    hostile = Quote.from_dict({**first.to_dict(), "exact": "[bold]x\x1b[31m", "review_reason": "[red]why\x07"})
    line = placing_line(hostile, None)
    assert "\x1b" not in line.plain and "\x07" not in line.plain and "[bold]x" in line.plain
    assert not line.spans or all(span.style for span in line.spans)


async def test_settle_quotes_needing_review_in_the_app(library: Library) -> None:
    suggested, removed, reworded = reimport_changed(library)
    book = library.quotes
    assert {q.id for q in book.needs_review()} == {suggested.id, removed.id, reworded.id}
    app = SaysoApp(library)
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("5")
        await settle(app, pilot)
        pane = screen.query_one(QuotesPane)
        rows = pane.quote_list
        await pilot.press("f", *"is:review", "enter")
        await settle(app, pilot)
        assert {q.id for q in rows.quotes} == {suggested.id, removed.id, reworded.id}
        assert app.focused is rows
        # The keys are live bindings with ids, so ? lists them.
        ids = {b.binding.id for b in screen.active_bindings.values() if b.enabled}
        assert {"quotes.review_accept", "quotes.review_detach"} <= ids and "quotes.reattach_here" not in ids
        # The row says why, and which words the suggestion would take.
        index = [q.id for q in rows.quotes].index(suggested.id)
        first_line, detail = rows.row_lines(index)
        assert first_line.plain.startswith("⚠ review")
        assert "closest match" in detail.plain and "r: \u201cI believe open weights are important" in detail.plain

        # r accepts the suggested place; the strip under the reader says why and where first.
        highlight(rows, suggested.id)
        await settle(app, pilot)
        strip = str(screen.query_one("#quote-strip").render())
        assert strip.startswith("⚠ review its words changed too much") and "suggested: “I believe open weights" in strip
        await pilot.press("r")
        await settle(app, pilot)
        accepted = book.get(suggested.id)
        assert accepted.status == "anchored" and not accepted.suggestion
        assert library.text(PANEL_ID)[accepted.start : accepted.end] == accepted.exact
        assert accepted.exact.startswith("I believe open weights are important")
        assert any(m.startswith("Re-attached") for m in messages(app))
        assert suggested.id not in {q.id for q in rows.quotes}  # the is:review list follows

        # r on a quote without a suggestion says what to do instead and changes nothing.
        highlight(rows, removed.id)
        await pilot.press("r")
        await settle(app, pilot)
        assert book.get(removed.id).status == "needs review"
        assert any(m.startswith("No suggested place") for m in messages(app))

        # D keeps it detached.
        await pilot.press("D")
        await settle(app, pilot)
        kept = book.get(removed.id)
        assert kept.detached and kept.exact == REMOVED and kept.status == "needs review"
        assert "kept detached" in rows.row_lines([q.id for q in rows.quotes].index(removed.id))[1].plain

        # u takes the detach back; ctrl+r does it again.
        await pilot.press("u")
        await settle(app, pilot)
        assert not book.get(removed.id).detached
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert book.get(removed.id).detached

        # enter opens the document for placing by hand: v selects the new words, r re-attaches.
        highlight(rows, reworded.id)
        await pilot.press("enter")
        await settle(app, pilot)
        reader = screen.reader
        assert screen.pane == "reader" and reader.document is not None and reader.document.id == PANEL_ID
        assert reader.placing is not None and reader.placing.id == reworded.id
        assert any(b.binding.id == "quotes.reattach_here" and b.enabled for b in screen.active_bindings.values())
        strip = str(screen.query_one("#quote-strip").render())
        assert (
            "PLACING" in strip and "The question is whether secrecy" in strip and "no longer in the document" in strip
        )
        reader.move_to(4, 1)
        await pilot.press("v")
        await settle(app, pilot)
        assert reader.selected_words() == "Is secrecy safer?"
        await pilot.press("r")
        await settle(app, pilot)
        placed = book.get(reworded.id)
        assert placed.status == "anchored" and placed.exact == "Is secrecy safer?"
        assert library.text(PANEL_ID)[placed.start : placed.end] == placed.exact
        assert reader.placing is None and placed.id in {q.id for q in reader.quotes}

        # u undoes the re-attach: the quote needs review again, with its old words.
        await pilot.press("u")
        await settle(app, pilot)
        again = book.get(reworded.id)
        assert again.status == "needs review" and again.exact == REWORDED
        assert reworded.id not in {q.id for q in reader.quotes}


async def test_palette_actions_list_and_settle_review(library: Library) -> None:
    suggested, _, _ = reimport_changed(library)
    book = library.quotes
    app = SaysoApp(library)
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.run_action("review_quotes")
        await settle(app, pilot)
        pane = screen.query_one(QuotesPane)
        assert screen.pane == "quotes" and pane.line == "is:review" and len(pane.quote_list.quotes) == 3
        highlight(pane.quote_list, suggested.id)
        await screen.run_action("review_settle('accept')")
        await settle(app, pilot)
        assert book.get(suggested.id).status == "anchored"
        await pilot.press("u")
        await settle(app, pilot)
        assert book.get(suggested.id).status == "needs review"


async def test_placing_a_quote_with_a_suggestion_reattaches_to_the_suggested_words(library: Library) -> None:
    """Issue 11 item 9b: r while placing took the sentence under the cursor, not the suggested words marked."""
    book = library.quotes
    # Part of a sentence, so the suggested words differ from the sentence the cursor lands in.
    suggested = book.add(PANEL_ID, exact="open weights matter because researchers can inspect them")
    reimport_changed(library)
    offered = book.get(suggested.id).suggestion
    assert offered and offered["exact"].startswith("open weights are important"), offered
    app = SaysoApp(library)
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("5")
        await settle(app, pilot)
        rows = screen.query_one(QuotesPane).quote_list
        await pilot.press("f", *"is:review", "enter")
        await settle(app, pilot)
        highlight(rows, suggested.id)
        await pilot.press("enter")
        await settle(app, pilot)
        reader = screen.reader
        assert reader.placing is not None and reader.placing.id == suggested.id
        assert reader.selected_words() == offered["exact"]
        await pilot.press("r")
        await settle(app, pilot)
        placed = book.get(suggested.id)
        assert placed.status == "anchored" and placed.exact == offered["exact"]
        assert (placed.start, placed.end) == (offered["start"], offered["end"])
        assert library.text(PANEL_ID)[placed.start : placed.end] == placed.exact
