"""The store's promises: atomic saves, clear failures, damage set aside, backups, schema, lock, layout."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from tinydb import TinyDB
from tinydb_support import open_db

from sayso.corpus import store as store_mod
from sayso.corpus.errors import DamagedFile, DataFolderError, LibraryBusy, SaveFailed
from sayso.corpus.library import Library
from sayso.corpus.models import ParsedDocument, ParsedPassage
from sayso.corpus.store import (
    TEMP_PREFIX,
    AtomicJSONStorage,
    WriteLock,
    atomic_write_bytes,
    backups_of,
    good_backups,
    restore_backup,
)

REPO = Path(__file__).resolve().parents[1]


def parsed(
    title: str, turns: list[tuple[str | None, str]], aliases: dict[str, list[str]] | None = None
) -> ParsedDocument:
    return ParsedDocument(
        title=title, kind="panel", passages=[ParsedPassage(s, t) for s, t in turns], speakers=aliases or {}
    )


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(TEMP_PREFIX + "*"))


# -- round trips ----------------------------------------------------------------


def test_open_db_round_trip_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    db = open_db(path)
    db.insert({"text": "Ünïcode — “quotes” \u202e and \x1b"})
    db.table("other").insert({"n": 1})
    again = open_db(path)
    assert again.all() == [{"text": "Ünïcode — “quotes” \u202e and \x1b"}]
    assert again.table("other").all() == [{"n": 1}]
    # Plain TinyDB reads the same file: the format is TinyDB's own.
    assert TinyDB(path).table("other").all() == [{"n": 1}]


def test_library_round_trip_in_tinydb_format(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "data")
    doc = lib.import_parsed(parsed("Panel", [("Ann Lee", "One. Two."), ("Bo Ray", "Three."), (None, "Four.")]), "p.txt")
    reopened = Library.open(tmp_path / "data")
    assert [d.to_dict() for d in reopened.documents()] == [doc.to_dict()]
    assert [(p.speaker, p.text) for p in reopened.passages(doc.id)] == [
        ("Ann Lee", "One. Two."),
        ("Bo Ray", "Three."),
        (None, "Four."),
    ]
    raw = TinyDB(tmp_path / "data" / "library.json")
    assert [r["id"] for r in raw.table("documents").all()] == [doc.id]
    assert raw.table("meta").all()[0]["schema"] == store_mod.SCHEMA_VERSION
    assert lib.store.schema_version() == store_mod.SCHEMA_VERSION


def test_library_json_stays_small_and_reimport_rewrites_only_small_files(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "data")
    docs = []
    for d in range(30):
        turns = [(f"Speaker {i % 4}", f"doc{d}word{i} " + "lorem ipsum dolor " * 10) for i in range(200)]
        docs.append(lib.import_parsed(parsed(f"Doc {d}", turns), f"doc{d}.txt"))
    library_json = (tmp_path / "data" / "library.json").read_text(encoding="utf-8")
    assert "doc7word13" not in library_json  # no passage text in the file the first screen reads
    assert len(library_json) < 60_000
    other = lib.store.passages_path(docs[3].id)
    before = os.stat(other)
    lib.import_parsed(parsed("Doc 5", [("Speaker 1", "changed text")]), "doc5.txt")
    after = os.stat(other)
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert [p.text for p in lib.passages(docs[5].id)] == ["changed text"]


# -- a save fails or the process dies part way --------------------------------------


class Crash(BaseException):
    """Stands for the process dying at this point (nothing after it runs)."""


STEPS = ["write", "fsync", "replace", "fsync_dir"]


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("failure", ["crash", "ENOSPC", "EIO"])
def test_failure_at_each_step_leaves_old_or_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, failure: str
) -> None:
    path = tmp_path / "library.json"
    old, new = b'{"t":{"1":{"v":"old"}}}', b'{"t":{"1":{"v":"new"}}}'
    atomic_write_bytes(path, old)

    def boom(*args: object, **kwargs: object) -> None:
        if failure == "crash":
            raise Crash()
        raise OSError(
            errno.ENOSPC if failure == "ENOSPC" else errno.EIO,
            os.strerror(errno.ENOSPC if failure == "ENOSPC" else errno.EIO),
        )

    if step == "write":
        monkeypatch.setattr(os, "write", boom)
    elif step == "fsync":
        monkeypatch.setattr(os, "fsync", boom)
    elif step == "replace":
        monkeypatch.setattr(os, "replace", boom)
    else:
        monkeypatch.setattr(store_mod, "fsync_dir", boom)
    expected = (Crash,) if failure == "crash" else (SaveFailed,)
    with pytest.raises(expected) as info:
        atomic_write_bytes(path, new)
    monkeypatch.undo()
    content = path.read_bytes()
    if step == "fsync_dir" and failure == "crash":
        assert content == new  # died after the rename: the new version, complete
    else:
        assert content == old  # the old version, untouched (a failed folder fsync is rolled back)
    assert temp_files(tmp_path) == []
    if failure != "crash":
        message = str(info.value)
        assert "\n" not in message
        assert ("No space left on device" if failure == "ENOSPC" else "Input/output error") in message
    json.loads(path.read_bytes())


@pytest.mark.parametrize("op", ["write", "fsync", "replace", "link"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_nth_operation_fails_during_a_tinydb_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, op: str, code: int
) -> None:
    """The n-th write/fsync/rename/link of a save (with backups) fails: clear error, file unchanged and readable."""
    path = tmp_path / "table.json"
    db = open_db(path, backups=3, backup_interval=0)
    for i in range(3):
        db.insert({"n": i})
    for n in range(1, 6):
        before = path.read_bytes()
        real = getattr(os, op)
        calls = {"n": 0}

        def failing(*args: object, _real=real, _calls=calls, _n=n, **kwargs: object) -> object:
            _calls["n"] += 1
            if _calls["n"] == _n:
                raise OSError(code, os.strerror(code))
            return _real(*args, **kwargs)

        monkeypatch.setattr(os, op, failing)
        try:
            open_db(path, backups=3, backup_interval=0).insert({"n": 100 + n})
            failed = False
        except SaveFailed as exc:
            failed = True
            assert os.strerror(code) in str(exc)
        finally:
            monkeypatch.undo()
        rows = open_db(path).all()
        if failed:
            assert path.read_bytes() == before
        else:
            assert {"n": 100 + n} in rows
        assert temp_files(tmp_path) == []
        for backup in backups_of(path):
            json.loads(backup.read_bytes())


def test_unwritable_folder_gives_save_failed(tmp_path: Path) -> None:
    target = tmp_path / "file-not-folder"
    target.write_text("x")
    with pytest.raises(SaveFailed):
        atomic_write_bytes(target / "library.json", b"{}")


# -- damaged files --------------------------------------------------------------------


def _damage(good: bytes) -> dict[str, bytes]:
    return {
        "zero-length": b"",
        "whitespace": b"  \n",
        "truncated": good[: len(good) // 2],
        "nul-filled": b"\x00" * len(good),
        "nul-tail": good[: len(good) // 2] + b"\x00" * (len(good) // 2),
        "garbage": os.urandom(200),
        "not-an-object": b"[1, 2, 3]",
        "wrong-shape": b'{"documents": [1]}',
        "bad-utf8": b'{"documents": {"1": {"title": "\xff\xfe"}}}',
        # Valid JSON, but not a complete library: read as "no documents" before issue 11 item 4.
        "empty-object": b"{}",
        "no-version": b'{"documents": {}, "speakers": {}}',
        "unknown-version": b'{"meta": {"1": {"schema": "one"}}, "documents": {}}',
        "row-without-title": _without_title(good),
    }


def _without_title(good: bytes) -> bytes:
    """`good` (a library.json) with its first document's title removed; `good` itself if it is not one."""
    try:
        data = json.loads(good)
        del next(iter(data["documents"].values()))["title"]
    except (ValueError, KeyError, StopIteration):
        return good
    return json.dumps(data).encode()


@pytest.mark.parametrize("kind", list(_damage(b"0123456789" * 20)))
def test_damaged_library_is_set_aside_never_opened_empty(tmp_path: Path, kind: str) -> None:
    data = tmp_path / "data"
    lib = Library.open(data)
    first = lib.import_parsed(parsed("First", [("Ann", "Hello.")]), "first.txt")
    time.sleep(0.01)
    lib.import_parsed(parsed("Second", [("Bo", "Hi.")]), "second.txt")
    path = data / "library.json"
    damaged = _damage(path.read_bytes())[kind]
    path.write_bytes(damaged)
    backups = {p.name: p.read_bytes() for p in backups_of(path)}

    with pytest.raises(DamagedFile) as info:
        Library.open(data)
    err = info.value
    assert "\n" not in str(err) and "library.json" in str(err)
    assert err.moved_to and Path(err.moved_to).read_bytes() == damaged  # set aside intact
    assert not path.exists()  # nothing written in its place
    assert err.backups and Path(err.backups[0]).name == "library.json.bak.1"
    assert err.recovery == "backup" and "newest good backup: library.json.bak.1" in str(err)
    assert "`sayso" not in str(err)  # the library names no command: the CLI adds its advice from `recovery`

    # The next start refuses too: never opened as empty.
    with pytest.raises(DamagedFile):
        Library.open(data)
    with pytest.raises(DamagedFile):
        Library(data).import_parsed(parsed("Third", [("Cy", "Yo.")]), "third.txt")
    assert Path(err.moved_to).read_bytes() == damaged
    assert {p.name: p.read_bytes() for p in backups_of(path)} == backups  # no backup slot overwritten

    backup = json.loads(Path(err.backups[0]).read_bytes())
    restore_backup(path, Path(err.backups[0]))
    restored = Library.open(data)
    assert [d.id for d in restored.documents()] == [r["id"] for r in backup["documents"].values()]
    assert [d.id for d in restored.documents()] == [first.id]


def test_damaged_passages_file_is_set_aside_and_reimport_rebuilds(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "data")
    doc = lib.import_parsed(parsed("Doc", [("Ann", "Hello.")]), "doc.txt")
    path = lib.store.passages_path(doc.id)
    path.write_bytes(b"\x00" * 50)
    with pytest.raises(DamagedFile, match="import its source file again"):
        lib.passages(doc.id)
    with pytest.raises(DamagedFile):
        lib.passages(doc.id)
    lib.import_parsed(parsed("Doc", [("Ann", "Hello.")]), "doc.txt")
    assert [p.text for p in lib.passages(doc.id)] == ["Hello."]


def test_damaged_file_offers_newest_good_backup(tmp_path: Path) -> None:
    path = tmp_path / "table.json"
    db = open_db(path, backups=3, backup_interval=0)
    for i in range(4):
        db.insert({"n": i})
    good = good_backups(path)
    assert [p.name for p in good] == ["table.json.bak.1", "table.json.bak.2", "table.json.bak.3"]
    # Damage the newest backup too: the offer skips it.
    good[0].write_bytes(b"{")
    path.write_bytes(b"")
    with pytest.raises(DamagedFile) as info:
        open_db(path, backups=3).all()
    assert Path(info.value.backups[0]).name == "table.json.bak.2"
    restore_backup(path)
    assert open_db(path).all() == [{"n": 0}, {"n": 1}]
    with pytest.raises(DamagedFile):
        restore_backup(path, good[0])  # a damaged backup is never restored


def test_restore_keeps_the_current_file(tmp_path: Path) -> None:
    path = tmp_path / "table.json"
    db = open_db(path, backups=2, backup_interval=0)
    db.insert({"n": 1})
    db.insert({"n": 2})
    current = path.read_bytes()
    restore_backup(path)
    assert open_db(path).all() == [{"n": 1}]
    kept = list(tmp_path.glob("table.json.before-restore-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == current


def test_backups_rotate_by_interval(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    versions = []
    db = open_db(path, backups=3, backup_interval=0)
    for i in range(5):
        db.insert({"n": i})
        versions.append(path.read_bytes())
    assert [p.read_bytes() for p in backups_of(path)] == [versions[3], versions[2], versions[1]]
    # Within the interval, only .bak.1 follows (the previous version), older slots stay.
    slow = AtomicJSONStorage(path, backups=3, backup_interval=3600)
    slow.write({"_default": {"1": {"n": "x"}}})
    assert [p.read_bytes() for p in backups_of(path)] == [versions[4], versions[2], versions[1]]


# -- schema and leftovers --------------------------------------------------------------


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Library.open(data).import_parsed(parsed("Doc", [("Ann", "Hi.")]), "d.txt")
    raw = json.loads((data / "library.json").read_text())
    raw["meta"]["1"]["schema"] = store_mod.SCHEMA_VERSION + 1
    (data / "library.json").write_text(json.dumps(raw))
    with pytest.raises(DataFolderError, match="newer sayso"):
        Library.open(data)
    assert (data / "library.json").exists()  # refused, not touched


def test_newer_quotes_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    lib = Library.open(data)
    doc = lib.import_parsed(parsed("Doc", [("Ann", "Hello there, world.")]), "d.txt")
    lib.quotes.add(doc.id, "Hello there")
    lib.quotes.add(doc.id, "world")
    path = data / "quotes.json"
    raw = json.loads(path.read_text())
    raw["meta"]["1"]["schema"] = store_mod.QUOTES_SCHEMA + 1
    raw["meta"]["1"]["new field"] = {"only a newer sayso": "knows this"}
    newer = json.dumps(raw).encode()
    path.write_bytes(newer)
    backups = {p.name: p.read_bytes() for p in backups_of(path)}

    book = Library.open(data).quotes
    for attempt in (book.list, lambda: book.add(doc.id, "world"), lambda: book.start_empty()):
        with pytest.raises(DataFolderError, match=r"newer sayso .*upgrade sayso") as info:
            attempt()
        assert "\n" not in str(info.value)
    assert path.read_bytes() == newer  # refused, never rewritten as the old schema
    assert not list(data.glob("quotes.json.damaged-*"))
    assert {p.name: p.read_bytes() for p in backups_of(path)} == backups
    # A re-import does not rewrite it either (its quotes are left to the newer sayso).
    lib.import_parsed(parsed("Doc", [("Ann", "Hello there, world!")]), "d.txt")
    assert path.read_bytes() == newer


def test_a_backup_is_never_replaced_by_a_file_that_fails_the_check(tmp_path: Path) -> None:
    """A quotes.json replaced behind sayso's back after it was read is set aside, not linked as the newest backup."""
    path = tmp_path / "quotes.json"
    storage = AtomicJSONStorage(path, backups=3, backup_interval=3600)
    good = {"meta": {"1": {"schema": 1, "kind": "sayso quotes"}}, "quotes": {}}
    storage.write(good)
    storage.write({**good, "quotes": {"1": {"id": "a", "document": "d", "exact": "x"}}})
    assert storage.read() is not None
    newest = path.with_name("quotes.json.bak.1")
    before = newest.read_bytes()
    for wrong in (b"{}", b'{"notes": {"1": {"text": "mine"}}}'):
        path.write_bytes(wrong)
        with pytest.raises(DamagedFile) as info:
            storage.write(good)
        assert newest.read_bytes() == before
        assert Path(info.value.moved_to or "").read_bytes() == wrong
        assert not path.exists()
        # A backup of the wrong shape is never offered nor restored.
        newest.with_name("quotes.json.bak.3").write_bytes(wrong)
        assert [p.name for p in good_backups(path)] == ["quotes.json.bak.1"]
        with pytest.raises(DamagedFile, match="cannot be restored"):
            restore_backup(path, newest.with_name("quotes.json.bak.3"))
        restore_backup(path)
        assert storage.read() == json.loads(before)


def test_starting_empty_writes_a_complete_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Library.open(data).import_parsed(parsed("Doc", [("Ann", "Hi.")]), "d.txt")
    (data / "library.json").write_bytes(b"{}")
    with pytest.raises(DamagedFile):
        Library.open(data)
    store_mod.start_empty(data / "library.json")
    assert Library.open(data).documents() == []
    Library.open(data).import_parsed(parsed("Doc", [("Ann", "Hi.")]), "d.txt")


def test_orphaned_temp_files_are_cleaned_but_live_ones_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Library.open(data)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = data / f"{TEMP_PREFIX}junk"
    orphans = [
        data / f"{TEMP_PREFIX}{dead_pid}-ab12",
        data / "docs" / f"{TEMP_PREFIX}{dead_pid}-cd34",
        data / "index" / f"{TEMP_PREFIX}{dead_pid}-9f",
        stale,
    ]
    live = data / f"{TEMP_PREFIX}{os.getppid()}-ef56"
    # A name without an owner's pid is only cleaned once nobody has written it for an hour.
    unowned_recent = data / "index" / f"{TEMP_PREFIX}x1y2z3"
    for p in [*orphans, live, unowned_recent]:
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(b"partial")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    Library.open(data)
    assert [p.exists() for p in orphans] == [False, False, False, False]
    assert live.exists() and unowned_recent.exists()


def test_another_sayso_starting_up_keeps_a_live_imports_index_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11 item 13: index temp files had no owner pid, so `sayso docs` elsewhere deleted a live import's."""
    data = tmp_path / "data"
    lib = Library.open(data)
    real_replace = os.replace
    started: list[str] = []

    def another_sayso_starts_first(src: object, dst: object) -> None:
        if Path(str(dst)).parent == data / "index" and Path(str(src)).name.startswith(TEMP_PREFIX):
            done = subprocess.run(
                [sys.executable, "-m", "sayso", "--data", str(data), "docs"], capture_output=True, text=True, cwd=REPO
            )
            assert done.returncode == 0, done.stderr
            started.append(Path(str(src)).name)
        real_replace(src, dst)  # type: ignore[arg-type]

    doc = lib.import_parsed(parsed("Doc", [("Ann", "Searchable words here.")]), "doc.txt")
    monkeypatch.setattr(os, "replace", another_sayso_starts_first)
    with lib.store.lock.held():
        lib.index.save()  # what an import does after each batch
    monkeypatch.undo()
    assert started and all(name.startswith(f"{TEMP_PREFIX}{os.getpid()}-") for name in started)  # named with its owner
    assert [h.passage for h in Library.open(data).search("searchable")] == [f"{doc.id}:0"]


def test_bad_data_folder(tmp_path: Path) -> None:
    a_file = tmp_path / "f"
    a_file.write_text("x")
    with pytest.raises(DataFolderError, match="is a file"):
        Library.open(a_file)
    with pytest.raises(DataFolderError):
        Library.open(a_file / "sub")


# -- the writer lock ---------------------------------------------------------------------

HOLDER = """
import sys, time
from pathlib import Path
from sayso.corpus.store import WriteLock
lock = WriteLock(Path(sys.argv[1]))
with lock.held():
    print("held", flush=True)
    time.sleep(60)
"""


def _start_holder(lock_path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock_path)], stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_lock_is_reentrant_and_threads_wait(tmp_path: Path) -> None:
    lock = WriteLock(tmp_path / ".lock", timeout=0.2)
    with lock.held():
        with lock.held():
            assert lock.is_held
        assert lock.is_held
        errors: list[BaseException] = []

        def other() -> None:
            try:
                with lock.held():
                    pass
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)

        t = threading.Thread(target=other)
        t.start()
        t.join(5)
        assert errors and isinstance(errors[0], LibraryBusy)
    assert not lock.is_held
    # Two WriteLock objects on one file in one process share it (no self-deadlock).
    with WriteLock(tmp_path / ".lock", timeout=0.2).held(), WriteLock(tmp_path / ".lock", timeout=0.2).held():
        pass


def test_live_holder_gives_library_busy_quickly(tmp_path: Path) -> None:
    proc = _start_holder(tmp_path / ".lock")
    try:
        lib = Library.open(tmp_path, lock_timeout=0.3)  # opening needs no lock
        t0 = time.monotonic()
        with pytest.raises(LibraryBusy, match="library busy") as info:
            lib.import_parsed(parsed("Doc", [("Ann", "Hi.")]), "d.txt")
        assert time.monotonic() - t0 < 2.0
        assert str(proc.pid) in str(info.value)
        assert lib.documents() == []  # reading still works while busy
    finally:
        proc.kill()
        proc.wait()


def test_lock_of_a_killed_holder_does_not_block(tmp_path: Path) -> None:
    proc = _start_holder(tmp_path / ".lock")
    proc.kill()  # SIGKILL: no cleanup runs in the holder
    proc.wait()
    t0 = time.monotonic()
    with WriteLock(tmp_path / ".lock", timeout=2.0).held():
        pass
    assert time.monotonic() - t0 < 0.5


def test_opening_and_listing_reads_only_library_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first screen's data (documents, speakers) never touches the per-document passage files."""
    data = tmp_path / "data"
    lib = Library.open(data)
    for d in range(40):
        lib.import_parsed(
            parsed(f"Doc {d}", [(["Ann Lee", "Bo Ray", "Cy Dee", "Di Eve", "Ed Fox"][d % 5], "words " * 50)] * 50),
            f"d{d}.txt",
        )
    read: list[str] = []
    real = store_mod.read_json_file

    def spy(path: Path, *kind: object) -> object:
        read.append(Path(path).name)
        return real(path, *kind)

    monkeypatch.setattr(store_mod, "read_json_file", spy)
    t0 = time.perf_counter()
    fresh = Library.open(data)
    docs, speakers = fresh.documents(), fresh.speakers()
    elapsed = time.perf_counter() - t0
    assert len(docs) == 40 and len(speakers) == 5
    assert read == ["library.json"]
    assert elapsed < 0.5


@pytest.mark.parametrize("dropped", [None, [{"line": "x\u00e9", "reason": "chrome"}]])
@pytest.mark.parametrize("compact", [True, False])
def test_a_passages_file_written_in_pieces_is_the_json_of_the_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dropped: list[dict[str, str]] | None, compact: bool
) -> None:
    """The passages file is written a few thousand passages at a time (issue 11, memory): byte for byte
    what encoding the whole payload at once gives, with and without dropped lines, in both layouts."""
    from sayso.corpus.models import PASSAGE_SEPARATOR, Passage

    monkeypatch.setattr(store_mod, "_COLUMN_CHUNK", 3)
    passages, offset = [], 0
    for i in range(10):
        text = f'Passage {i} \u201cquoted\u201d \u00e9t\u00e9 \U0001f600 \\ "q"' * (i % 3 + 1)
        passages.append(
            Passage(
                id=f"d:{i}",
                document="d",
                index=i,
                speaker=None if i % 4 == 0 else f"Speaker {i % 3}",
                text=text,
                start=None if i % 2 else i * 1.5,
                end=None if i % 2 else i * 1.5 + 0.25,
                offset=offset if compact or i < 5 else offset + 1,
                sentences=[] if i == 3 else [[0, 8], [9, len(text)]],
                heading="Part 1" if i == 0 else None,
            )
        )
        offset += len(text) + len(PASSAGE_SEPARATOR)
    store = store_mod.Store(tmp_path)
    store.prepare()
    name = store.write_passages("d", passages, dropped)
    if compact:
        columns = {
            "speaker": [p.speaker for p in passages],
            "text": [p.text for p in passages],
            "start": [p.start for p in passages],
            "end": [p.end for p in passages],
            "sentences": [[n for span in p.sentences for n in span] for p in passages],
            "heading": [p.heading for p in passages],
        }
        payload: dict[str, object] = {
            "meta": {"1": {"schema": store_mod.PASSAGES_SCHEMA, "document": "d", "passages": 10}},
            "columns": {"1": columns},
        }
    else:
        payload = {
            "meta": {"1": {"schema": 1, "document": "d"}},
            "passages": store_mod._table([store_mod._plain(p) for p in passages]),
        }
    if dropped:
        payload["dropped"] = {"1": {"items": dropped}}
    assert (store.docs_dir / name).read_bytes() == store_mod.encode_json(payload)
    if compact:
        assert store_mod._passages_from_columns("d", columns) == passages
