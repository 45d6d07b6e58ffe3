"""Pilot tests for people in the app (issue 16): naming a document's "Speaker 1" with a preview of their
turns, editing a person's role and affiliation, and undoing from the Speakers pane."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_people import whisperx

from sayso.corpus.library import Library
from sayso.tui.app import SaysoApp
from sayso.tui.screens.main import MainScreen
from sayso.tui.screens.person_dialog import PersonDialog
from sayso.tui.widgets.speakers import SpeakersPane


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library.open(tmp_path / "data")
    lib.import_paths([whisperx(tmp_path / "oxide-show.json")])
    other = tmp_path / "known.json"
    whisperx(other, [("SPEAKER_00", "Adam here, hello."), ("SPEAKER_01", "And Bryan.")])
    doc = lib.import_paths([other]).documents[0]
    lib.people.rename(doc.id, [("Speaker 1", "Adam Leventhal"), ("Speaker 2", "Bryan Cantrill")])
    return lib


async def settle(app: SaysoApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def pick(pane: SpeakersPane, name: str, doc_id: str | None = None) -> None:
    pane.highlighted = next(
        i for i, s in enumerate(pane.speakers) if s.name == name and (doc_id is None or doc_id in s.documents)
    )


async def test_naming_speaker_1_shows_their_first_turns_completes_known_people_and_undoes(library: Library) -> None:
    show = next(d for d in library.documents() if d.title.lower().startswith("oxide"))
    quote = library.quotes.add(show.id, "silent corruption gets caught")
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_document(show.id)
        await settle(app, pilot)
        await pilot.press("2")
        pane = screen.query_one(SpeakersPane)
        row = next(s for s in pane.speakers if s.name == "Speaker 1" and show.id in s.documents)
        assert "unnamed" in pane.row_lines(pane.speakers.index(row))[0].plain
        pick(pane, "Speaker 1", show.id)
        await pilot.press("e")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, PersonDialog)
        preview = str(dialog.query_one("#person-preview").render())
        assert "debugging kernels" in preview and "storage pipeline" in preview  # Speaker 1's first turns
        assert "DTrace" not in preview  # not Speaker 2's
        await pilot.press(*"Bryan C")
        await pilot.press("right")  # takes the completion from known people
        assert dialog.query_one("#person-name").value == "Bryan Cantrill"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert [p.speaker for p in library.passages(show.id)][:2] == ["Bryan Cantrill", "Speaker 2"]
        assert library.quotes.get(quote.id).speaker == "Bryan Cantrill"
        assert screen.reader.current is not None
        assert any(p.speaker == "Bryan Cantrill" for p in screen.reader.passages)
        assert "Bryan Cantrill" in [s.name for s in pane.speakers]
        assert pane.speakers[pane.highlighted or 0].name == "Bryan Cantrill"  # the highlight follows the person
        assert library.speaker("Bryan Cantrill").documents == sorted(d.id for d in library.documents())

        # u in the Speakers pane takes it back: passages, quote, the reader.
        pane.focus()
        await pilot.press("u")
        await settle(app, pilot)
        assert library.passages(show.id)[0].speaker == "Speaker 1"
        assert library.quotes.get(quote.id).speaker == "Speaker 1"
        assert screen.reader.passages[0].speaker == "Speaker 1"


async def test_editing_a_persons_role_and_affiliation(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("2")
        pane = screen.query_one(SpeakersPane)
        pick(pane, "Adam Leventhal")
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, PersonDialog)
        await pilot.press("tab", *"Engineer", "tab", *"Sun Microsystems", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        adam = library.speaker("Adam Leventhal")
        assert (adam.role, adam.affiliation) == ("Engineer", "Sun Microsystems")
        row = pane.speakers.index(next(s for s in pane.speakers if s.name == "Adam Leventhal"))
        assert "Engineer, Sun Microsystems" in pane.row_lines(row)[1].plain
        assert pane.highlighted == row
        assert {h.speaker for h in library.search("role:engineer", limit=20)} == {"Adam Leventhal"}
        # escape leaves the dialog without writing
        await pilot.press("e", "tab", "ctrl+u", *"Nobody", "escape")
        await settle(app, pilot)
        assert library.speaker("Adam Leventhal").role == "Engineer"


async def test_the_highlight_stays_on_the_person_when_the_list_changes(library: Library) -> None:
    """A rename can reorder the list or merge two people; the highlight follows the person, not the row number."""
    from sayso.corpus.models import Speaker

    app = SaysoApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        pane = app.screen.query_one(SpeakersPane)
        ada = Speaker("Ada Park", passages=5, documents=["d1"], counts={"d1": 5})
        ben = Speaker("Ben Cho", passages=3, documents=["d1"], counts={"d1": 3})
        one = Speaker("Speaker 1", passages=2, documents=["d2"], counts={"d2": 2})
        pane.show_speakers([ada, ben, one])
        pane.highlighted = 2
        renamed = Speaker("Zoe Quinn", passages=2, documents=["d2"], counts={"d2": 2})
        pane.show_speakers([renamed, ada, ben])  # renamed, and listed first
        assert pane.speakers[pane.highlighted or 0].name == "Zoe Quinn"
        merged = Speaker("Ada Park", passages=7, documents=["d1", "d2"], counts={"d1": 5, "d2": 2})
        pane.show_speakers([ben, merged])  # then merged into Ada Park
        assert pane.speakers[pane.highlighted or 0].name == "Ada Park"
        pane.show_speakers([merged, ben])  # and moved: by name
        assert pane.speakers[pane.highlighted or 0].name == "Ada Park"


async def test_two_documents_speaker_3_are_told_apart_and_naming_one_keeps_the_highlight(library: Library) -> None:
    """A user trial: two rows read "Speaker 3 unnamed" with nothing to tell which document each speaks in, and
    naming one moved the highlight to the other "Speaker 3"."""
    from sayso.corpus.models import Speaker

    app = SaysoApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        pane = app.screen.query_one(SpeakersPane)
        oxide = Speaker("Speaker 3", passages=4, documents=["d1"], counts={"d1": 4}, unnamed=True)
        voices = Speaker("Speaker 3", passages=2, documents=["d2"], counts={"d2": 2}, unnamed=True)
        pane.show_speakers([oxide, voices], titles={"d1": "Oxide and Friends", "d2": "Voices 533"})
        assert "in Oxide and Friends" in pane.row_lines(0)[1].plain
        assert "in Voices 533" in pane.row_lines(1)[1].plain
        pane.highlighted = 0
        named = Speaker("Dave Pacheco", passages=4, documents=["d1"], counts={"d1": 4})
        pane.show_speakers([voices, named])
        assert pane.speakers[pane.highlighted or 0].name == "Dave Pacheco"
