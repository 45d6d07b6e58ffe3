"""Team mode's guarantees on a real PostgreSQL server (a throwaway cluster: tests/pgcluster.py).

The same library logic runs over the archive as over a data folder, so an
import must give the same documents, passages and speakers; and the archive
must keep what the issue promises: nothing lost under concurrency or a server
restart, conflicts that keep both versions, access enforced by the server
(grants and row-level security), authorship the client cannot forge.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sayso.corpus.errors import EditConflict, SaysoError
from sayso.corpus.library import Library
from sayso.corpus.server.admin import grant, latest_version, migrate, schema_version
from sayso.corpus.server.pg import NotAllowed, Server, ServerUnavailable, describe, redact

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus" / "demo"
SHARED = ROOT.parent / "shared"

pytestmark = pytest.mark.timeout(300)


def _db(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def _member(pg_cluster, archive_url: str, name: str, role: str) -> str:  # type: ignore[no-untyped-def]
    """A login role with an archive role; its URL."""
    server = Server(archive_url)
    try:
        grant(server, name, role)
    finally:
        server.close()
    return str(pg_cluster.url(name, _db(archive_url)))


def _connect(url: str, folder: Path) -> Library:
    return Library.connect(url, data_dir=folder)


def _sql(url: str, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Plain SQL as the URL's role (what a member could do with psql)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(statement, params)  # type: ignore[arg-type]
        return list(cur.fetchall()) if cur.description else []


def _comparable(lib: Library) -> dict[str, object]:
    docs = {}
    for d in lib.documents():
        row = d.to_dict()
        for volatile in ("imported", "source", "media"):
            row.pop(volatile)
        passages = [p.to_dict() for p in lib.passages(d.id)]
        docs[d.id] = (row, passages, lib.dropped(d.id))
    speakers = sorted((s.name, tuple(s.aliases), s.passages, tuple(s.documents)) for s in lib.speakers())
    return {"documents": docs, "speakers": speakers}


# -- the same library over files and over an archive --------------------------------------------


def test_an_archive_imports_exactly_what_a_local_library_does(pg_cluster, archive_url, tmp_path):  # type: ignore[no-untyped-def]
    files = [DEMO]
    for name in ("debate-1960.txt", "oxide-debugging-odyssey.md", "voices-533.vtt", "hansard-fiji-2021-03-25.html"):
        if (SHARED / "realworld" / name).exists():
            files.append(SHARED / "realworld" / name)
    local = Library.open(tmp_path / "local")
    report_local = local.import_paths(files)
    editor = _member(pg_cluster, archive_url, "importer", "editor")
    shared = _connect(editor, tmp_path / "member")
    try:
        report = shared.import_paths(files)
        assert report.errors == report_local.errors == []
        # (the demo alone has about 40 passages; ../shared's documents, where they are beside the checkout, more)
        assert report.passages == report_local.passages > (100 if (SHARED / "realworld").is_dir() else 30)
        assert _comparable(shared) == _comparable(local)
        # Re-importing changes nothing, and the old passage versions are gone from the table.
        again = shared.import_paths(files)
        assert again.errors == []
        assert _comparable(shared) == _comparable(local)
        (live,) = _sql(archive_url, "SELECT count(*) FROM sayso.passages")[0]
        assert live == report.passages
        # Removing a document removes its passages and its speakers' counts.
        gone = shared.remove(shared.documents()[0].id)
        assert gone.id not in {d.id for d in shared.documents()}
        assert _sql(archive_url, "SELECT count(*) FROM sayso.passages WHERE document = %s", (gone.id,))[0][0] == 0
        assert all(gone.id not in s.counts for s in shared.speakers())
        # Who imported a document is recorded by the server.
        assert {r[0] for r in _sql(archive_url, "SELECT imported_by FROM sayso.documents")} == {"importer"}
    finally:
        shared.close()


def test_a_document_is_imported_whole_or_not_at_all(pg_cluster, archive_url, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]

    lib = _connect(_member(pg_cluster, archive_url, "carol", "editor"), tmp_path / "m")
    try:
        from sayso.corpus.server import search as server_search

        real = server_search.ServerSearch.add_document
        calls = {"n": 0}

        def failing(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            calls["n"] += 1
            if calls["n"] == 2:
                raise OSError("simulated failure after the passages were sent")
            return real(self, *args, **kwargs)

        monkeypatch.setattr(server_search.ServerSearch, "add_document", failing)
        files = sorted(p for p in DEMO.iterdir() if p.suffix in (".txt", ".md", ".vtt"))[:3]
        report = lib.import_paths(files)
        assert len(report.errors) == 1 and "simulated failure" in report.errors[0]
        assert len(report.documents) == 2
        kept = {d.id for d in lib.documents()}
        assert kept == {d.id for d in report.documents}
        # The failed document left no row anywhere: not its passages, not its speakers.
        assert {r[0] for r in _sql(archive_url, "SELECT DISTINCT document FROM sayso.passages")} == kept
        assert all(set(s.counts) <= kept for s in lib.speakers())
        assert set(lib.passage_versions()) == kept
    finally:
        lib.close()


def test_a_library_write_that_fails_leaves_nothing_to_the_next_write(pg_cluster, archive_url, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """The store hands out the objects of its last commit again rather than reading them back; a transaction that
    changed them in place and then failed must not pass its changes on to the next write."""
    url = _member(pg_cluster, archive_url, "cora", "editor")
    lib = _connect(url, tmp_path / "m")
    try:
        from sayso.corpus.server import store as server_store

        def failing(self, data):  # type: ignore[no-untyped-def]
            raise OSError("simulated failure as the library was written")

        files = sorted(p for p in DEMO.iterdir() if p.suffix in (".txt", ".md", ".vtt"))[:2]
        assert not lib.import_paths([files[0]]).errors
        doc = lib.documents()[0]
        monkeypatch.setattr(server_store.ServerStore, "write_library", failing)
        with pytest.raises(OSError, match="simulated failure"):
            lib.edit_document(doc.id, title="A title that was never saved", date="1999-01-01")
        monkeypatch.undo()
        lib.edit_document(doc.id, place="Suva")
        assert not lib.import_paths([files[1]]).errors
        fresh = _connect(url, tmp_path / "fresh")
        try:
            stored = fresh.document(doc.id)
            assert stored is not None
            assert (stored.title, stored.date, stored.place) == (doc.title, doc.date, "Suva")
            assert fresh.store.edits(doc.id) == {"place": "Suva"}
        finally:
            fresh.close()
    finally:
        lib.close()


def test_renaming_a_speaker_and_undoing_it_work_on_an_archive(pg_cluster, archive_url, tmp_path):  # type: ignore[no-untyped-def]
    lib = _connect(_member(pg_cluster, archive_url, "dana", "editor"), tmp_path / "m")
    try:
        lib.import_paths([DEMO])
        person = next(s for s in lib.speakers() if not s.unnamed)
        renamed = lib.edit_speaker(person.name, name="Renamed Person", role="Archivist")
        assert renamed.name == "Renamed Person"
        doc = renamed.documents[0]
        assert "Renamed Person" in {p.speaker for p in lib.passages(doc)}
        lib.people.undo()
        assert person.name in {p.speaker for p in lib.passages(doc)}
    finally:
        lib.close()


# Three short hearings (written for these tests) with a placeholder label in each: "Speaker 1" is another
# person in every document, so the library holds several speakers of that name.
_HEARINGS = {
    "a.txt": (
        "Ana Ruiz: We start with the budget this morning, as the chair asked.\n"
        "Speaker 1: The budget is late again, and the council knows why.\n"
        "Ana Ruiz: Why is it late this time?\n"
        "Speaker 1: Nobody signed it before the recess, so it waited.\n"
        "Ben Okafor: I can add that the clerk was away for two weeks.\n"
    ),
    "b.txt": (
        "Ben Okafor: The second hearing opens with the harbour plan.\n"
        "Speaker 1: The harbour plan floods the lower streets every spring.\n"
        "Ben Okafor: Is that in the engineers' report?\n"
        "Speaker 1: Page nine of it, in the appendix on tides.\n"
        "Cara Lind: We asked for that appendix twice.\n"
    ),
    "c.txt": (
        "Ana Ruiz: The third session is on the library's opening hours.\n"
        "Speaker 1: Evenings matter most to people who work days.\n"
        "Cara Lind: Then the evenings stay open.\n"
        "Ana Ruiz: Agreed, and the mornings close.\n"
    ),
}


def _hearings(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, text in _HEARINGS.items():
        (folder / name).write_text(text, encoding="utf-8")
        out[name] = folder / name
    return out


def _library_state(lib: Library) -> tuple[object, ...]:
    """Everything the library keeps beside the passages, in its order: documents, speakers (every field, in the
    library's order), the user's edits, and which documents have live passages."""
    docs = [d.to_dict() for d in lib.documents()]
    for row in docs:
        row.pop("imported")
    speakers = [s.to_dict() for s in lib.speakers()]
    edits = {d["id"]: lib.store.edits(str(d["id"])) for d in docs}
    return docs, speakers, edits, sorted(lib.passage_versions())


def test_every_library_write_reads_back_as_a_local_library_holds_it(pg_cluster, archive_url, tmp_path):  # type: ignore[no-untyped-def]
    """The archive keeps the library as rows per document and per speaker, writing only those that changed: after
    each kind of change (imports, naming a placeholder, a merge, an undo, edits, a re-import, a removal) a fresh
    connection reads exactly what a local library doing the same holds."""
    files = _hearings(tmp_path / "hearings")
    local = Library.open(tmp_path / "local")
    url = _member(pg_cluster, archive_url, "rowan", "editor")
    shared = _connect(url, tmp_path / "m")
    a, b = (str(local.import_paths([files[n]]).documents[0].id) for n in ("a.txt", "b.txt"))
    shared.import_paths([files["a.txt"]])
    shared.import_paths([files["b.txt"]])

    def changed_a(lib: Library) -> None:
        files["a.txt"].write_text(_HEARINGS["a.txt"] + "Dora Vale: One more thing on the budget.\n", encoding="utf-8")
        lib.import_paths([files["a.txt"]])

    steps = [
        ("a third document", lambda lib: lib.import_paths([files["c.txt"]])),
        ("a placeholder named", lambda lib: lib.people.rename(b, [("Speaker 1", "Dora Vale")])),
        ("two people merged", lambda lib: lib.edit_speaker("Cara Lind", name="Ana Ruiz")),
        ("a role and an alias", lambda lib: lib.edit_speaker("Ben Okafor", role="Clerk", add_aliases=["B. Okafor"])),
        ("the last change undone", lambda lib: lib.people.undo()),
        ("a document's citation edited", lambda lib: lib.edit_document(a, title="Budget hearing", place="Suva")),
        ("a changed document re-imported", changed_a),
        ("a document removed", lambda lib: lib.remove(b)),
    ]
    try:
        assert _library_state(shared) == _library_state(local)
        for what, step in steps:
            step(local)
            step(shared)
            fresh = _connect(url, tmp_path / "fresh")
            try:
                assert _library_state(fresh) == _library_state(local), what
            finally:
                fresh.close()
            assert _library_state(shared) == _library_state(local), what
        assert [s.name for s in local.speakers()].count("Speaker 1") == 2  # (the test's premise: a shared name)
    finally:
        shared.close()


def test_importing_a_document_rewrites_no_other_document_s_rows(pg_cluster, archive_url, tmp_path):  # type: ignore[no-untyped-def]
    """An import writes the rows of what it changes: its document, its live version, the speakers it has and
    where they speak; no row of another document (once one row held them all, rewritten by every import)."""
    files = _hearings(tmp_path / "hearings")
    lib = _connect(_member(pg_cluster, archive_url, "quinn", "editor"), tmp_path / "m")
    tables = {
        "documents": "id",
        "files": "document",
        "speaker_documents": "name || '/' || nth || '/' || document",
        "speakers": "name || '/' || nth",
    }

    def rows() -> dict[str, dict[str, str]]:
        return {
            table: dict(_sql(archive_url, f"SELECT {key}, xmin::text FROM sayso.{table}"))  # type: ignore[arg-type]
            for table, key in tables.items()
        }

    try:
        lib.import_paths([files["a.txt"], files["b.txt"]])
        before = rows()
        doc = lib.import_paths([files["c.txt"]]).documents[0]
        after = rows()
        rewritten = {t: {k for k, xmin in after[t].items() if before[t].get(k) not in (None, xmin)} for t in tables}
        added = {t: set(after[t]) - set(before[t]) for t in tables}
        assert added["documents"] == added["files"] == {doc.id}
        assert {k.rsplit("/", 1)[1] for k in added["speaker_documents"]} == {doc.id}
        # Cara Lind and Ana Ruiz speak in it (their totals change); Ben Okafor and the other documents' "Speaker 1"
        # do not, and nothing of the other two documents is written again.
        assert rewritten["speakers"] == {"Cara Lind/0", "Ana Ruiz/0"}
        assert rewritten["documents"] == rewritten["files"] == rewritten["speaker_documents"] == set()
        assert added["speakers"] == {"Speaker 1/2"}
    finally:
        lib.close()


def test_migration_4_moves_the_library_row_into_rows_losing_nothing(pg_cluster, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """An archive made before schema 4 kept the library in one row; after `sayso server migrate` the same library
    reads back from the new tables, the speakers of one name, their order and the user's edits included."""
    from psycopg.types.json import Jsonb

    from sayso.corpus.server import admin

    files = _hearings(tmp_path / "hearings")
    local = Library.open(tmp_path / "local")
    local.import_paths([files[n] for n in sorted(files)])
    b = local.documents()[1].id
    local.people.rename(b, [("Speaker 1", "Dora Vale")])
    local.edit_speaker("Ben Okafor", role="Clerk", add_aliases=["B. Okafor"])
    local.edit_document(local.documents()[0].id, title="Budget hearing")
    with local.store.lock.held():
        data = local.store.read_for_update()
    url = pg_cluster.create_database("before_schema_4")
    every = admin.migrations()
    monkeypatch.setattr(admin, "migrations", lambda: [m for m in every if m.version <= 3])
    server = Server(url)
    try:
        migrate(server, initial=True)
        # The library as schema 3 held it: one row, and a row per document.
        _sql(
            url,
            "UPDATE sayso.library SET speakers = %s, edits = %s, files = %s",
            (
                Jsonb([{k: v for k, v in s.to_dict().items() if k != "unnamed"} for s in data.speakers]),
                Jsonb(data.edits),
                Jsonb(data.files),
            ),
        )
        for seq, d in enumerate(data.documents, 1):
            _sql(url, "INSERT INTO sayso.documents (id, seq, doc) VALUES (%s, %s, %s)", (d.id, seq, Jsonb(d.to_dict())))
        monkeypatch.undo()
        assert [m.version for m in migrate(server)] == [m.version for m in every if m.version > 3]
    finally:
        server.close()
    migrated = _connect(url, tmp_path / "m")
    try:
        assert _library_state(migrated)[:3] == _library_state(local)[:3]
        assert migrated.passage_versions() == local.passage_versions()
    finally:
        migrated.close()


# -- nothing lost ------------------------------------------------------------------------------------

_WRITER = textwrap.dedent(
    """
    import json, os, sys, time
    from sayso.corpus.library import Library
    from sayso.corpus.errors import SaysoError
    url, folder, doc, count, tag, acks = sys.argv[1:7]
    lib = Library.connect(url, data_dir=folder)
    passages = lib.passages(doc)
    done = 0
    with open(acks, "a") as out:
        i = 0
        while done < int(count):
            p = passages[i % len(passages)]
            words = p.text.split()[: 3 + (i % 5)]
            i += 1
            try:
                q = lib.quotes.add(doc, " ".join(words), note=f"{tag} {done}", occurrence=1)
            except SaysoError as exc:
                if "restart" in sys.argv[7:]:
                    time.sleep(0.2)
                    continue
                raise
            # Acknowledged: the call returned, so the quote must survive anything from here on.
            out.write(q.id + "\\n"); out.flush(); os.fsync(out.fileno())
            done += 1
    lib.close()
    """
)


def _start_writer(url: str, folder: Path, doc: str, count: int, tag: str, acks: Path, *extra: str) -> subprocess.Popen:  # type: ignore[type-arg]
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, url, str(folder), doc, str(count), tag, str(acks), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_members_adding_500_quotes_each_end_with_1000(pg_cluster, archive_url, tmp_path):  # type: ignore[no-untyped-def]
    alice = _member(pg_cluster, archive_url, "alice", "editor")
    bob = _member(pg_cluster, archive_url, "bob", "editor")
    lib = _connect(alice, tmp_path / "a")
    try:
        lib.import_paths([DEMO])
        docs = [d.id for d in lib.documents() if d.passages >= 5]
        writers = [
            _start_writer(alice, tmp_path / "wa", docs[0], 500, "alice", tmp_path / "acks-a"),
            _start_writer(bob, tmp_path / "wb", docs[1], 500, "bob", tmp_path / "acks-b"),
        ]
        for w in writers:
            _, err = w.communicate(timeout=240)
            assert w.returncode == 0, err
        quotes = lib.quotes.list()
        assert len(quotes) == 1000
        assert {q.created_by for q in quotes} == {"alice", "bob"}
        assert len(lib.quotes.list(by="bob")) == 500
        acked = set((tmp_path / "acks-a").read_text().split()) | set((tmp_path / "acks-b").read_text().split())
        assert acked == {q.id for q in quotes}
    finally:
        lib.close()


def test_an_import_s_documents_do_not_wait_for_the_disk_one_by_one_but_are_on_it_when_it_returns(  # type: ignore[no-untyped-def]
    pg_cluster, archive_url, tmp_path, monkeypatch
):
    """Each document of an import is its own transaction, committed without waiting for the server's disk; the
    import returns only once the server has every one of them on disk.  Other writes wait at every commit."""
    from sayso.corpus.server.store import ServerStore

    files = _hearings(tmp_path / "hearings")
    lib = _connect(_member(pg_cluster, archive_url, "ivo", "editor"), tmp_path / "m")
    seen: list[tuple[str, str]] = []
    real = ServerStore.write_library

    def spying(self, data):  # type: ignore[no-untyped-def]
        with self.server.write_cursor() as cur:
            cur.execute("SELECT current_setting('synchronous_commit') AS s, pg_current_wal_insert_lsn()::text AS lsn")
            row = cur.fetchone()
            seen.append((row["s"], row["lsn"]))
        return real(self, data)

    monkeypatch.setattr(ServerStore, "write_library", spying)
    try:
        report = lib.import_paths(list(files.values()))
        assert len(report.documents) == 3 and len(seen) == 3
        assert {mode for mode, _ in seen} == {"off"}
        ((flushed,),) = _sql(archive_url, "SELECT pg_current_wal_flush_lsn() >= %s::pg_lsn", (seen[-1][1],))
        assert flushed
        lib.edit_document(report.documents[0].id, title="Budget hearing")
        assert seen[-1][0] == "on"
    finally:
        lib.close()


def test_a_server_restart_mid_stream_loses_no_acknowledged_write(pg_cluster, archive_url, tmp_path):  # type: ignore[no-untyped-def]
    editor = _member(pg_cluster, archive_url, "erin", "editor")
    lib = _connect(editor, tmp_path / "m")
    try:
        lib.import_paths([DEMO])
        doc = max(lib.documents(), key=lambda d: d.passages).id
        acks = tmp_path / "acks"
        acks.touch()
        writer = _start_writer(editor, tmp_path / "w", doc, 150, "erin", acks, "restart")
        deadline = time.monotonic() + 60
        while len(acks.read_text().split()) < 30 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(acks.read_text().split()) >= 30, writer.stderr.read() if writer.poll() is not None else ""
        pg_cluster.restart()  # mid-stream: the writer's transaction in flight is cut off
        _, err = writer.communicate(timeout=240)
        assert writer.returncode == 0, err
        acked = acks.read_text().split()
        assert len(acked) == 150
        quotes = lib.quotes.list()
        stored = {q.id for q in quotes}
        assert set(acked) <= stored
        # The one save in flight at the restart may have committed with its answer lost (the writer then made
        # another): at most that one more, and every quote whole, note and all.
        assert len(stored) - len(acked) <= 1
        assert all(q.note.startswith("erin ") and q.exact and q.revision == 1 for q in quotes)
    finally:
        lib.close()


def test_an_unreachable_archive_is_one_line_without_the_password(tmp_path):  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://member:s3cret-pw@127.0.0.1:{port}/archive?connect_timeout=2"
    started = time.monotonic()
    with pytest.raises(ServerUnavailable) as caught:
        Library.connect(url, data_dir=tmp_path / "m")
    assert time.monotonic() - started < 5  # said at once, not after the pool's retries
    message = str(caught.value)
    assert "s3cret" not in message and "\n" not in message
    assert f"member@127.0.0.1:{port}/archive" in message


def test_connection_strings_are_shown_without_passwords() -> None:
    assert redact("postgresql://ann:pw@db.example/arch") == "postgresql://ann:***@db.example/arch"
    assert redact("postgresql://db/arch?user=ann&password=pw&sslmode=require") == (
        "postgresql://db/arch?user=ann&password=***&sslmode=require"
    )
    assert redact("host=db password='p w' dbname=arch") == "host=db password=*** dbname=arch"
    assert "pw" not in describe("postgresql://ann:pw@db.example:6543/arch?sslmode=require")
    assert describe("postgresql://ann:pw@db.example:6543/arch") == "ann@db.example:6543/arch"


# -- conflicts ---------------------------------------------------------------------------------------


def test_two_people_editing_one_quote_lose_neither_version(pg_cluster, archive_url, tmp_path):  # type: ignore[no-untyped-def]
    alice = _connect(_member(pg_cluster, archive_url, "ann", "editor"), tmp_path / "a")
    bob = _connect(_member(pg_cluster, archive_url, "ben", "editor"), tmp_path / "b")
    try:
        alice.import_paths([DEMO])
        doc = alice.documents()[0]
        words = " ".join(alice.passages(doc.id)[0].text.split()[:4])
        quote = alice.quotes.add(doc.id, words, note="first note")
        seen_by_alice = alice.quotes.get(quote.id).revision
        seen_by_bob = bob.quotes.get(quote.id).revision
        assert seen_by_alice == seen_by_bob
        alice.quotes.edit(quote.id, note="alice's reading", expect=seen_by_alice)
        with pytest.raises(EditConflict) as caught:
            bob.quotes.edit(quote.id, note="bob's reading", expect=seen_by_bob)
        conflict = caught.value
        assert conflict.theirs.note == "alice's reading" and conflict.theirs.modified_by == "ann"  # type: ignore[attr-defined]
        assert conflict.mine.note == "bob's reading"  # type: ignore[attr-defined]
        stored = bob.quotes.get(quote.id)
        assert stored.note == "alice's reading"
        assert "bob's reading" in [h.get("note") for h in stored.history]
        # Bob chooses his: applied on the revision he has now seen; alice's is kept in the history.
        bob.quotes.edit(quote.id, note="bob's reading", expect=conflict.theirs.revision)  # type: ignore[attr-defined]
        final = alice.quotes.get(quote.id)
        assert final.note == "bob's reading" and final.modified_by == "ben" and final.created_by == "ann"
        assert {"first note", "alice's reading"} <= {h.get("note") for h in final.history}
    finally:
        alice.close()
        bob.close()


def test_a_conflict_is_found_on_a_local_library_too(tmp_path):  # type: ignore[no-untyped-def]
    one = Library.open(tmp_path / "lib")
    two = Library.open(tmp_path / "lib")
    one.import_paths([DEMO])
    doc = one.documents()[0]
    quote = one.quotes.add(doc.id, " ".join(one.passages(doc.id)[0].text.split()[:4]), note="a")
    assert quote.revision == 1 and quote.created_by
    one.quotes.edit(quote.id, note="from one", expect=1)
    with pytest.raises(EditConflict):
        two.quotes.edit(quote.id, note="from two", expect=1)
    assert "from two" in [h.get("note") for h in two.quotes.get(quote.id).history]
    assert two.quotes.get(quote.id).note == "from one"


# -- access is the server's ----------------------------------------------------------------------


def test_a_reader_is_refused_every_write_by_sayso_and_by_sql(pg_cluster, archive_url, tmp_path):  # type: ignore[no-untyped-def]
    editor = _connect(_member(pg_cluster, archive_url, "ed", "editor"), tmp_path / "e")
    reader_url = _member(pg_cluster, archive_url, "rita", "reader")
    reader = _connect(reader_url, tmp_path / "r")
    try:
        editor.import_paths([DEMO])
        doc = editor.documents()[0]
        words = " ".join(editor.passages(doc.id)[0].text.split()[:4])
        quote = editor.quotes.add(doc.id, words, note="shared note")
        before = _comparable(editor), [q.to_dict() for q in editor.quotes.list()]
        # Reading works.
        assert {d.id for d in reader.documents()} == {d.id for d in editor.documents()}
        assert reader.quotes.get(quote.id).note == "shared note"
        # Every write through sayso is refused by the server, in one line.
        refused = [
            lambda: reader.quotes.add(doc.id, words, note="x"),
            lambda: reader.quotes.edit(quote.id, note="x"),
            lambda: reader.quotes.remove(quote.id),
            lambda: reader.edit_document(doc.id, title="x"),
            lambda: reader.edit_speaker(reader.speakers()[0].name, role="x"),
            lambda: reader.remove(doc.id),
        ]
        for attempt in refused:
            with pytest.raises(NotAllowed) as caught:
                attempt()
            assert "\n" not in str(caught.value)
        with pytest.raises(NotAllowed):
            reader.import_paths([DEMO / "community-radio-night-shift.txt"])  # (not ../shared's: found everywhere)
        # And with SQL.
        for statement in (
            "INSERT INTO sayso.quotes (id, document, quote) VALUES ('x', 'y', '{}')",
            "UPDATE sayso.quotes SET quote = '{}'",
            "DELETE FROM sayso.passages",
            "UPDATE sayso.library SET generation = 0",
            "DELETE FROM sayso.speakers",
            "INSERT INTO sayso.notes (quote_id, body) VALUES ('" + quote.id + "', 'x')",
        ):
            with pytest.raises(Exception, match="permission denied"):
                _sql(reader_url, statement)
        assert (_comparable(editor), [q.to_dict() for q in editor.quotes.list()]) == before
    finally:
        editor.close()
        reader.close()


def test_a_private_note_is_invisible_to_another_member_even_through_sql(pg_cluster, archive_url, tmp_path):  # type: ignore[no-untyped-def]
    alice_url = _member(pg_cluster, archive_url, "priya", "editor")
    bob_url = _member(pg_cluster, archive_url, "omar", "admin")
    alice = _connect(alice_url, tmp_path / "a")
    bob = _connect(bob_url, tmp_path / "b")
    try:
        alice.import_paths([DEMO])
        doc = alice.documents()[0]
        words = " ".join(alice.passages(doc.id)[0].text.split()[:4])
        quote = alice.quotes.add(doc.id, words, note="shared first")
        alice.quotes.edit(quote.id, note="my private reading", private=True)
        mine = alice.quotes.get(quote.id)
        assert mine.note == "my private reading" and mine.private and mine.note_by == "priya"
        # Bob (even an admin) sees the quote, not the note: not in sayso, not in SQL, not in the history.
        theirs = bob.quotes.get(quote.id)
        assert theirs.note == "" and theirs.exact == mine.exact
        assert "my private reading" not in json.dumps(theirs.to_dict())
        assert _sql(bob_url, "SELECT body FROM sayso.notes") == []
        assert _sql(bob_url, "UPDATE sayso.notes SET body = 'x' RETURNING body") == []
        assert _sql(bob_url, "DELETE FROM sayso.notes RETURNING body") == []
        assert not any("private reading" in json.dumps(r) for r in _sql(bob_url, "SELECT quote FROM sayso.quotes"))
        # He cannot overwrite it through sayso either, nor remove it with its quote; alice's note is intact.
        with pytest.raises(NotAllowed):
            bob.quotes.edit(quote.id, note="bob's")
        with pytest.raises(NotAllowed, match="private to another member"):
            bob.quotes.remove(quote.id)
        with pytest.raises(Exception, match="foreign key"):
            _sql(bob_url, "DELETE FROM sayso.quotes")
        assert alice.quotes.get(quote.id).note == "my private reading"
        assert _sql(alice_url, "SELECT body FROM sayso.notes") == [("my private reading",)]
        # Shared again: everyone reads it; rewritten by bob, it is his note (he may make it private).
        alice.quotes.edit(quote.id, private=False)
        assert bob.quotes.get(quote.id).note == "my private reading"
        bob.quotes.edit(quote.id, note="bob's rewrite")
        assert alice.quotes.get(quote.id).note_by == "omar"
        bob.quotes.edit(quote.id, private=True)
        assert alice.quotes.get(quote.id).note == ""
        bob.quotes.edit(quote.id, private=False)
        # Her own private note goes with her quote when she removes it.
        other = alice.quotes.add(doc.id, words, note="mine only", occurrence=1)
        alice.quotes.edit(other.id, private=True)
        alice.quotes.remove(other.id)
        assert other.id not in {q.id for q in bob.quotes.list()}
    finally:
        alice.close()
        bob.close()


def test_who_made_a_change_is_set_by_the_server(pg_cluster, archive_url, tmp_path):  # type: ignore[no-untyped-def]
    mallory = _member(pg_cluster, archive_url, "mallory", "editor")
    _sql(
        mallory,
        "INSERT INTO sayso.quotes (id, document, quote, created_by, modified_by, revision) "
        "VALUES ('forged', 'd', '{}', 'alice', 'alice', 99)",
    )
    assert _sql(archive_url, "SELECT created_by, modified_by, revision FROM sayso.quotes WHERE id = 'forged'") == [
        ("mallory", "mallory", 1)
    ]
    _sql(mallory, "UPDATE sayso.quotes SET created_by = 'alice', revision = 7 WHERE id = 'forged'")
    assert _sql(archive_url, "SELECT created_by, revision FROM sayso.quotes WHERE id = 'forged'") == [("mallory", 1)]
    _sql(mallory, "UPDATE sayso.quotes SET quote = '{\"note\": 1}', revision = 7, modified_by = 'alice'")
    assert _sql(archive_url, "SELECT revision, modified_by FROM sayso.quotes WHERE id = 'forged'") == [(2, "mallory")]


# -- the schema ----------------------------------------------------------------------------------


def test_init_is_idempotent_and_an_archive_of_another_version_is_refused(pg_cluster, archive_url, tmp_path):  # type: ignore[no-untyped-def]
    server = Server(archive_url)
    try:
        assert migrate(server, initial=True) == []
        assert schema_version(server) == latest_version()
        _sql(archive_url, "UPDATE sayso.meta SET value = %s WHERE key = 'schema'", (str(latest_version() + 1),))
        with pytest.raises(SaysoError, match="newer than this sayso"):
            Library.connect(archive_url, data_dir=tmp_path / "m")
        empty = pg_cluster.create_database("emptydb")
        with pytest.raises(SaysoError, match="no sayso archive"):
            Library.connect(empty, data_dir=tmp_path / "m")
        with pytest.raises(SaysoError, match="no sayso archive"):
            migrate(Server(empty))
    finally:
        server.close()


def test_the_local_library_needs_no_server_module() -> None:
    """Without --server nothing of psycopg is imported (the local library stays as it was)."""
    code = (
        "import sys; from sayso.corpus.library import Library; import tempfile; "
        "lib = Library.open(tempfile.mkdtemp()); lib.documents(); lib.quotes.list(); "
        "print(any(m.startswith('psycopg') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ}, check=True)
    assert out.stdout.strip() == "False"


def test_a_draft_reopened_after_someone_changed_its_quote_saves_as_a_conflict(tmp_path):  # type: ignore[no-untyped-def]
    from sayso.corpus.drafts import Draft, NoteTarget, place_draft, save_draft

    lib = Library.open(tmp_path / "lib")
    lib.import_paths([DEMO])
    doc = lib.documents()[0]
    quote = lib.quotes.add(doc.id, " ".join(lib.passages(doc.id)[0].text.split()[:4]), note="v1")
    target = NoteTarget.of_quote(quote)
    save_draft(lib.quotes, target, "my draft", [])
    lib.quotes.edit(quote.id, note="someone else's")  # revision 2, while the draft waits
    ((key, row),) = lib.quotes.draft_rows().items()
    placed = place_draft(lib.quotes, lib.passages, Draft(key, "my draft", [], row.get("target") or {}))
    assert placed.target.quote is not None and placed.target.quote.revision == 1  # type: ignore[union-attr]
    assert "changed" in placed.notice  # type: ignore[union-attr]
    with pytest.raises(EditConflict):
        lib.quotes.edit(quote.id, note="my draft", expect=placed.target.quote.revision)  # type: ignore[union-attr]
    assert lib.quotes.get(quote.id).note == "someone else's"


def test_the_listener_s_resync_signal_is_the_one_the_app_knows() -> None:
    from sayso.corpus.server.pg import RESYNC
    from sayso.tui.quote_feed import RESYNC as APP_RESYNC

    assert RESYNC == APP_RESYNC
