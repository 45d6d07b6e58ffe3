"""The app on a shared archive (issue 18): other members' quotes arrive live, the Quotes pane filters by person,
a conflicting note edit shows both versions, and a save the archive cannot take keeps the note as a draft.

Each test runs the app (Pilot) as one member of a fresh archive on the session's throwaway PostgreSQL
cluster; other members act through their own `Library.connect` (a subprocess where it matters that they
are another process).  The unreachable-server test stops a cluster of its own, so the others are not disturbed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from tui_support import INTERVIEW, INTERVIEW_ID, PANEL, PANEL_ID, settle

from sayso.corpus.library import Library
from sayso.corpus.models import ParsedDocument, Quote
from sayso.tui.app import SaysoApp
from sayso.tui.quote_feed import QuoteChange, parse_change, summarise
from sayso.tui.screens.conflict_dialog import ConflictDialog
from sayso.tui.screens.main import MainScreen
from sayso.tui.screens.note_editor import NoteEditor
from sayso.tui.screens.person_filter import PersonFilter

REPO = Path(__file__).resolve().parents[1]
#: Members of the test archives (roles are cluster-wide: named so that no other test module's roles collide).
ALICE, BOB, CAROL = "tui_alice", "tui_bob", "tui_carol"


def database_of(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def make_archive(cluster: object, url: str, folder: Path) -> None:
    """Alice and Bob edit, Carol reads; Alice imported the panel and the interview."""
    from sayso.corpus.server.admin import grant
    from sayso.corpus.server.pg import Server

    server = Server(url)
    try:
        grant(server, ALICE, "editor")
        grant(server, BOB, "editor")
        grant(server, CAROL, "reader")
    finally:
        server.close()
    lib = Library.connect(cluster.url(ALICE, database_of(url)), data_dir=folder)  # type: ignore[attr-defined]
    try:
        lib.import_parsed(
            ParsedDocument(title="Panel on open models", kind="panel", passages=PANEL, date="2024-01-18"),
            source="fixtures/panel.txt",
            doc_id=PANEL_ID,
            content_hash="panel",
        )
        lib.import_parsed(
            ParsedDocument(title="Interview with Grace", kind="interview", passages=INTERVIEW),
            source="fixtures/interview.txt",
            doc_id=INTERVIEW_ID,
            content_hash="interview",
        )
    finally:
        lib.close()


@pytest.fixture
def archive(pg_cluster: object, archive_url: str, tmp_path: Path) -> Iterator[Callable[[str], Library]]:
    """`member(name)`: a Library of the fresh archive connected as `name`, each with a local folder of its own."""
    make_archive(pg_cluster, archive_url, tmp_path / "setup")
    opened: list[Library] = []

    def member(name: str) -> Library:
        lib = Library.connect(pg_cluster.url(name, database_of(archive_url)), data_dir=tmp_path / name)  # type: ignore[attr-defined]
        opened.append(lib)
        return lib

    member.url = lambda name: pg_cluster.url(name, database_of(archive_url))  # type: ignore[attr-defined]
    yield member
    for lib in opened:
        lib.close()


def listening(url: str) -> bool:
    """Whether some connection to the archive at `url` listens for quote changes (the app's feed)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'"
        ).fetchone()
    return bool(row and row[0])


async def until(pilot, predicate: Callable[[], bool], timeout: float = 15.0) -> bool:  # type: ignore[no-untyped-def]
    """Let the app run until `predicate()` holds (or `timeout` seconds pass)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        await pilot.pause(0.1)
    return predicate()


def notices(app: SaysoApp) -> list[str]:
    return [str(n.message) for n in app.notices]


def listed(app: SaysoApp) -> list[Quote]:
    screen = app.screen_stack[1] if len(app.screen_stack) > 1 else app.screen
    assert isinstance(screen, MainScreen)
    return screen.quotes_pane.quote_list.quotes


# -- the feed, without the app ----------------------------------------------------------------------------------


def test_a_notification_is_read_as_untrusted_and_a_burst_is_told_in_one_line() -> None:
    assert parse_change('{"op": "insert", "id": "abc", "by": "bob"}') == QuoteChange("insert", "abc", "bob")
    for payload in ("", "not json", "[1]", '{"op": "drop table", "id": "x", "by": "bob"}', '{"op": "insert"}'):
        assert parse_change(payload) is None
    burst = [QuoteChange("insert", f"q{i}", "bob") for i in range(40)]
    burst += [QuoteChange("update", "q1", "bob"), QuoteChange("delete", "z", "carol"), QuoteChange("insert", "m", "me")]
    assert summarise(burst, "me") == "bob added 39 quotes and changed a quote · carol removed a quote"
    assert summarise([QuoteChange("insert", "m", "me")], "me") == ""
    hostile = summarise([QuoteChange("insert", "x", "[red]eve\x1b]0;PWNED\x07" + "e" * 100)], "me")
    assert "\x1b" not in hostile and "\x07" not in hostile and len(hostile) < 80


def test_the_person_filter_is_the_filter_lines_by_facet() -> None:
    from sayso.corpus.query import parse_quote_filter
    from sayso.tui.screens.person_filter import by_facet
    from sayso.tui.widgets.quotes_pane import with_person

    assert parse_quote_filter("open by:me #policy").by == "me"
    assert parse_quote_filter('by:"Ada L" by:bob').list_kwargs()["by"] == "bob"  # the last typed counts
    assert with_person('open by:"Ada L" #policy', by_facet("bob")) == "open #policy by:bob"
    assert with_person("open by:bob", by_facet("")) == "open"
    assert by_facet("Ada Lovelace") == 'by:"Ada Lovelace"' and by_facet("me") == "by:me"
    assert with_person("nearby:x", "") == "nearby:x"  # only a facet at the start of a word


# -- live quotes --------------------------------------------------------------------------------------------------


ADD_AS_BOB = """
import sys
from sayso.corpus.library import Library
lib = Library.connect(sys.argv[1], data_dir=sys.argv[2])
q = lib.quotes.add(sys.argv[3], exact=sys.argv[4], note="bob's reading")
print(q.id)
lib.close()
"""


async def test_a_quote_another_member_adds_arrives_without_a_restart(archive, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    alice = archive(ALICE)
    mine = alice.quotes.add(PANEL_ID, exact="Closed models hide their failures.")
    app = SaysoApp(alice)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        assert [q.id for q in listed(app)] == [mine.id]
        assert await until(pilot, lambda: listening(archive.url(ALICE)))
        added = subprocess.run(
            [sys.executable, "-c", ADD_AS_BOB, archive.url(BOB), str(tmp_path / "bob"), PANEL_ID, "I doubt it does."],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=REPO,
        )
        assert added.returncode == 0, added.stderr
        bobs = added.stdout.strip()
        assert await until(pilot, lambda: bobs in [q.id for q in listed(app)])
        row = next(q for q in listed(app) if q.id == bobs)
        assert row.created_by == BOB and row.note == "bob's reading"
        assert await until(pilot, lambda: any(f"{BOB} added a quote" in n for n in notices(app)))
        # The row names who made it (the archive's rows always do); the reader's marks know it too.
        screen = app.screen
        assert isinstance(screen, MainScreen)
        index = [q.id for q in listed(app)].index(bobs)
        assert BOB in screen.quotes_pane.quote_list.row_lines(index)[1].plain
        screen.open_document(PANEL_ID, 4)
        await settle(app, pilot)
        assert await until(pilot, lambda: bobs in {q.id for q in screen.reader.quotes})
        # Alice's own change is refreshed but not announced.
        count = len(app.notices)
        alice.quotes.edit(mine.id, note="mine")
        await pilot.pause(1.5)
        assert not any(ALICE in n for n in notices(app)[count:])
    assert not screen.quote_feed.running  # the listener ended with the app


async def test_a_notice_names_whom_the_archive_recorded_not_the_payload(archive) -> None:  # type: ignore[no-untyped-def]
    """Any member may NOTIFY on the channel: a notification naming someone else for a real quote is told under
    the name the server recorded; one about a quote that is not there, or removing one that is, is dropped."""
    import json as json_

    import psycopg

    alice = archive(ALICE)
    bob = archive(BOB)
    bobs = bob.quotes.add(PANEL_ID, exact="Closed models hide their failures.")
    app = SaysoApp(alice)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert await until(pilot, lambda: listening(archive.url(ALICE)))
        with psycopg.connect(archive.url(CAROL), autocommit=True) as conn:
            for op, quote_id in (("update", bobs.id), ("insert", "no-such-quote"), ("delete", bobs.id)):
                payload = json_.dumps({"op": op, "id": quote_id, "by": "mallory"})
                conn.execute("SELECT pg_notify('sayso_quotes', %s)", (payload,))
        assert await until(pilot, lambda: any("changed a quote" in n for n in notices(app)))
        await pilot.pause(1.0)
        told = [n for n in notices(app) if "quote" in n]
        assert told and all("mallory" not in n for n in told), told
        assert any(f"{BOB} changed a quote" in n for n in told), told
        assert not any("removed" in n or "added" in n for n in told), told


async def test_a_burst_of_quotes_is_taken_in_a_few_refreshes(archive) -> None:  # type: ignore[no-untyped-def]
    """500 quotes committed at once by another member: a handful of list refreshes, one notice, all listed."""
    import psycopg

    alice = archive(ALICE)
    seed = alice.quotes.add(INTERVIEW_ID, exact="Computers reward curiosity.")
    refreshes: list[object] = []
    from sayso.tui.messages import QuotesListed

    def hook(message: object) -> None:
        if isinstance(message, QuotesListed):
            refreshes.append(message)

    app = SaysoApp(alice)
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        assert await until(pilot, lambda: listening(archive.url(ALICE)))
        refreshes.clear()
        with psycopg.connect(archive.url(BOB)) as conn:  # one transaction: 500 notifications at its commit
            conn.execute(
                "INSERT INTO sayso.quotes (id, document, quote) "
                "SELECT md5(i::text), q.document, jsonb_set(q.quote, '{id}', to_jsonb(md5(i::text))) "
                "FROM sayso.quotes q, generate_series(1, 500) i WHERE q.id = %s",
                (seed.id,),
            )
        assert await until(pilot, lambda: len(listed(app)) == 501, timeout=30)
        await pilot.pause(1.0)
        assert len(refreshes) <= 6, len(refreshes)
        told = [n for n in notices(app) if BOB in n]
        assert told == [f"{BOB} added 500 quotes"]


# -- the person filter ---------------------------------------------------------------------------------------------


async def test_the_quotes_pane_filters_by_person(archive) -> None:  # type: ignore[no-untyped-def]
    alice, bob = archive(ALICE), archive(BOB)
    a = alice.quotes.add(PANEL_ID, exact="Closed models hide their failures.")
    b = bob.quotes.add(PANEL_ID, exact="I doubt it does.")
    changed = bob.quotes.edit(a.id, tags=["bob-read"])  # made by Alice, last changed by Bob
    app = SaysoApp(alice)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        assert {q.id for q in listed(app)} == {a.id, b.id}
        screen = app.screen
        assert isinstance(screen, MainScreen)
        rows = {q.id: screen.quotes_pane.quote_list.row_lines(i)[1].plain for i, q in enumerate(listed(app))}
        assert f"{ALICE}→{BOB}" in rows[changed.id] and f"  {BOB} ·" in rows[b.id]
        await pilot.press("b")
        await settle(app, pilot)
        picker = app.screen
        assert isinstance(picker, PersonFilter)
        assert picker.values[:2] == ["", "me"] and BOB in picker.values
        await pilot.press(*"bob", "enter")
        await settle(app, pilot)
        assert screen.quotes_pane.line == f"by:{BOB}"
        assert {q.id for q in listed(app)} == {a.id, b.id}  # Bob made one and changed the other
        await pilot.press("b")
        await settle(app, pilot)
        await pilot.press(*"me", "enter")  # "Me" is offered first
        await settle(app, pilot)
        assert screen.quotes_pane.line == "by:me"
        assert [q.id for q in listed(app)] == [a.id]
        await pilot.press("b")
        await settle(app, pilot)
        assert app.screen.values[app.screen.query_one("OptionList").highlighted] == "me"  # the current choice
        await pilot.press("up", "enter")  # Everyone
        await settle(app, pilot)
        assert screen.quotes_pane.line == "" and len(listed(app)) == 2


# -- conflicts ----------------------------------------------------------------------------------------------------


async def test_a_conflicting_edit_shows_both_versions_and_keeping_mine_keeps_both_in_history(archive) -> None:  # type: ignore[no-untyped-def]
    alice, bob = archive(ALICE), archive(BOB)
    quote = alice.quotes.add(PANEL_ID, exact="Closed models hide their failures.", note="first")
    app = SaysoApp(alice)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor) and editor.expect == quote.revision
        await pilot.press(*" and alice's second thought")
        bob.quotes.edit(quote.id, note="bob rewrote it")  # meanwhile, in Bob's sayso
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        assert dialog.theirs.note == "bob rewrote it" and dialog.theirs.modified_by == BOB
        assert dialog.mine.note == "first and alice's second thought"
        shown = " ".join(str(w.render()) for w in dialog.query("Static"))
        assert BOB in shown and "bob rewrote it" in shown and "alice's second thought" in shown
        # Nothing is lost meanwhile: the typed note is a draft, the quote's history holds it.
        assert alice.quotes.drafts()[f"quote:{quote.id}"] == "first and alice's second thought"
        await pilot.press("m")  # keep mine
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
    stored = bob.quotes.get(quote.id)
    assert stored.note == "first and alice's second thought" and stored.modified_by == ALICE
    notes = [entry.get("note") for entry in stored.history]
    assert "bob rewrote it" in notes and "first" in notes
    assert alice.quotes.drafts() == {}


async def test_going_back_to_editing_after_a_conflict_keeps_the_text_and_saves_on_their_revision(archive) -> None:  # type: ignore[no-untyped-def]
    alice, bob = archive(ALICE), archive(BOB)
    quote = alice.quotes.add(PANEL_ID, exact="Closed models hide their failures.", note="first")
    app = SaysoApp(alice)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        await pilot.press(*" (alice)")
        bob.quotes.edit(quote.id, note="bob's")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("escape")  # back to editing
        await settle(app, pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor) and editor.text_area.text == "first (alice)"
        assert "ctrl+s saves yours" in editor.error_line
        await pilot.press("ctrl+a", *"merged: bob's + ")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
    assert bob.quotes.get(quote.id).note == "merged: bob's + first (alice)"


# -- private notes -------------------------------------------------------------------------------------------------


async def test_a_note_made_private_is_marked_and_hidden_from_other_members(archive) -> None:  # type: ignore[no-untyped-def]
    alice, bob = archive(ALICE), archive(BOB)
    quote = alice.quotes.add(PANEL_ID, exact="Closed models hide their failures.")
    app = SaysoApp(alice)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor) and editor.can_share and not editor.private
        await pilot.press(*"only for me", "ctrl+o", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        await settle(app, pilot)
        [row] = listed(app)
        assert row.private and row.note == "only for me"
        screen = app.screen
        assert f"  {ALICE} · private note · Alan Turing" in screen.quotes_pane.quote_list.row_lines(0)[1].plain
    assert alice.quotes.get(quote.id).private
    assert bob.quotes.get(quote.id).note == ""  # row-level security: Bob never reads it


# -- failures ------------------------------------------------------------------------------------------------------


async def test_a_readers_refused_save_says_so_and_keeps_the_note(archive) -> None:  # type: ignore[no-untyped-def]
    alice, carol = archive(ALICE), archive(CAROL)
    quote = alice.quotes.add(PANEL_ID, exact="Closed models hide their failures.", note="alice's")
    app = SaysoApp(carol)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        await pilot.press(*" and carol's")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert "your role cannot change quotes" in editor.error_line and "kept as a draft" in editor.error_line
        assert carol.quotes.drafts()[f"quote:{quote.id}"] == "alice's and carol's"
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("d")  # deleting is refused the same way: one line, no traceback
        await settle(app, pilot)
        assert any("Cannot delete the quote: your role cannot change quotes" in n for n in notices(app))
    assert alice.quotes.get(quote.id).note == "alice's"


async def test_an_unreachable_archive_at_save_keeps_the_note_as_a_draft(tmp_path: Path) -> None:
    from pgcluster import Cluster, why_unavailable

    if why_unavailable():
        pytest.skip(why_unavailable())
    from sayso.corpus.server.admin import migrate
    from sayso.corpus.server.pg import Server

    cluster = Cluster()
    try:
        url = cluster.create_database("lonely")
        server = Server(url)
        try:
            migrate(server, initial=True)
        finally:
            server.close()
        make_archive(cluster, url, tmp_path / "setup")
        alice = Library.connect(cluster.url(ALICE, "lonely"), data_dir=tmp_path / "alice")
        quote = alice.quotes.add(PANEL_ID, exact="Closed models hide their failures.", note="first")
        app = SaysoApp(alice)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            await pilot.press("5")
            await settle(app, pilot)
            await pilot.press("e")
            await settle(app, pilot)
            editor = app.screen
            assert isinstance(editor, NoteEditor)
            main = app.screen_stack[1]
            assert isinstance(main, MainScreen) and main.quote_feed.running
            await pilot.press(*" typed while the server went away")
            cluster.stop()
            await pilot.press("ctrl+s")  # (the archive's pool waits its connect timeout before giving up)
            await settle(app, pilot)
            assert app.screen is editor
            assert "Not saved" in editor.error_line and "cannot reach the archive" in editor.error_line
            assert "kept as a draft" in editor.error_line
            assert alice.quotes.drafts()[f"quote:{quote.id}"] == "first typed while the server went away"
            started = time.monotonic()
        assert time.monotonic() - started < 5  # the app quits promptly, listener and all
        assert not main.quote_feed.running
        cluster.start()
        assert alice.quotes.get(quote.id).note == "first"
        alice.close()
    finally:
        cluster.close()
