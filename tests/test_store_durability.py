"""Durability under real process death, real concurrency and a real disk-full condition.

Writers run in forked children (fast to start, no interpreter boot per round):
they print an ack line only after a save returned, so every acknowledged
write must be on disk, exactly once, whatever moment the child was killed at.
"""

from __future__ import annotations

import json
import os
import random
import resource
import select
import signal
import time
from pathlib import Path

import pytest
from fork_support import fork_writer, read_lines, wait_for_acks
from tinydb_support import open_db

from sayso.corpus.errors import SaveFailed
from sayso.corpus.library import Library
from sayso.corpus.models import ParsedDocument, ParsedPassage
from sayso.corpus.store import TEMP_PREFIX, WriteLock, clean_orphaned_temp_files

pytestmark = pytest.mark.slow


def wait_first_line(fd: int, timeout: float = 10.0) -> bytes:
    ready, _, _ = select.select([fd], [], [], timeout)
    assert ready, "writer never acknowledged a save"
    return os.read(fd, 64)


def acked(lines: list[str]) -> list[int]:
    assert not [line for line in lines if line.startswith("error")], lines
    # A line cut by the kill is not an ack.
    return [int(line.split()[1]) for line in lines if line.startswith("ack ") and line.split()[1].isdigit()]


def test_sigkill_at_random_moments_200_times_loses_no_acknowledged_write(tmp_path: Path) -> None:
    path = tmp_path / "table.json"
    rng = random.Random(7)
    acknowledged: list[int] = []
    awaited = 0
    for round_no in range(200):
        base = round_no * 100_000

        def writer(ack: int, base: int = base) -> None:
            clean_orphaned_temp_files(tmp_path)
            db = open_db(path, backups=2, backup_interval=0)
            lock = WriteLock(tmp_path / ".lock")
            for k in range(100_000):
                with lock.held():
                    db.insert({"n": base + k, "text": "x" * 200})
                os.write(ack, f"ack {base + k}\n".encode())

        pid, fd = fork_writer(writer)
        # Half the kills land mid-stream, after 1-3 acknowledged saves, half possibly before the first
        # save; each round waits for the writer's progress, never for a time, so the work is the same
        # on a fast and a loaded machine.
        wait = rng.randint(1, 3) if round_no % 2 else 0
        already = wait_for_acks(fd, wait)
        awaited += wait
        time.sleep(rng.uniform(0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        acknowledged += acked(read_lines(fd, already))

        # After every kill: the file parses and holds every acknowledged write, once.
        rows = json.loads(path.read_bytes())["_default"].values() if path.exists() else []
        present = [r["n"] for r in rows]
        assert len(present) == len(set(present)), "duplicate rows"
        missing = set(acknowledged) - set(present)
        assert not missing, f"round {round_no}: lost acknowledged writes {sorted(missing)[:5]}"
    assert len(acknowledged) >= awaited >= 100  # every waited-for save was checked after the kills
    clean_orphaned_temp_files(tmp_path)
    assert not list(tmp_path.glob(TEMP_PREFIX + "*"))


def test_sigkill_during_library_imports_keeps_every_acknowledged_document(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Library.open(data)
    acknowledged: list[int] = []
    rng = random.Random(11)
    for round_no in range(40):
        base = round_no * 1000

        def importer(ack: int, base: int = base) -> None:
            lib = Library.open(data)
            for k in range(1000):
                n = base + k
                turns = [ParsedPassage(f"Speaker {i % 3}", f"document {n} turn {i} words words.") for i in range(30)]
                lib.import_parsed(ParsedDocument(f"Doc {n}", "panel", turns), f"doc-{n}.txt")
                os.write(ack, f"ack {n}\n".encode())

        pid, fd = fork_writer(importer)
        wait_first_line(fd)
        time.sleep(rng.uniform(0, 0.05))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        acknowledged += acked(read_lines(fd))
    lib = Library.open(data)
    docs = {d.title: d for d in lib.documents()}
    assert len(docs) == len(lib.documents())
    for n in acknowledged:
        doc = docs[f"Doc {n}"]
        assert len(lib.passages(doc.id)) == 30
    # Speaker totals agree with the documents listed.
    total = sum(s.passages for s in lib.speakers())
    assert total == sum(d.passages for d in lib.documents())
    assert not list(data.rglob(TEMP_PREFIX + "*"))


def test_two_processes_writing_through_the_lock_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "table.json"

    def writer(ack: int, who: int) -> None:
        db = open_db(path, backups=2)
        lock = WriteLock(tmp_path / ".lock", timeout=30)
        for k in range(300):
            with lock.held():
                db.insert({"who": who, "k": k})
        os.write(ack, b"done\n")

    children = [fork_writer(lambda ack, who=who: writer(ack, who)) for who in (1, 2)]
    for pid, fd in children:
        assert read_lines(fd) == ["done"]
        _, status = os.waitpid(pid, 0)
        assert status == 0
    rows = open_db(path).all()
    assert len(rows) == 600
    assert {(r["who"], r["k"]) for r in rows} == {(w, k) for w in (1, 2) for k in range(300)}


def test_two_processes_importing_at_once_lose_no_document(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Library.open(data)

    def importer(ack: int, who: int) -> None:
        lib = Library.open(data, lock_timeout=30)
        for k in range(25):
            turns = [ParsedPassage("Shared Person", f"{who}-{k} a."), ParsedPassage(f"Own {who}", "b.")]
            lib.import_parsed(ParsedDocument(f"P{who} D{k}", "panel", turns), f"p{who}-d{k}.txt")
        os.write(ack, b"done\n")

    children = [fork_writer(lambda ack, who=who: importer(ack, who)) for who in (1, 2)]
    for pid, fd in children:
        assert read_lines(fd) == ["done"]
        os.waitpid(pid, 0)
    lib = Library.open(data)
    assert len(lib.documents()) == 50
    speakers = {s.name: s for s in lib.speakers()}
    assert speakers["Shared Person"].passages == 50
    assert len(speakers["Shared Person"].documents) == 50
    assert speakers["Own 1"].passages == speakers["Own 2"].passages == 25


def test_real_disk_full_through_a_file_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "table.json"
    db = open_db(path)
    for i in range(20):
        db.insert({"n": i, "text": "y" * 100})
    before = path.read_bytes()

    def writer(ack: int) -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        limit = len(before) + 500
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        try:
            open_db(path).insert({"n": 99, "text": "z" * 5000})
        except SaveFailed as exc:
            os.write(ack, f"failed {exc}\n".encode())
        else:
            os.write(ack, b"saved\n")

    pid, fd = fork_writer(writer)
    lines = read_lines(fd)
    os.waitpid(pid, 0)
    assert len(lines) == 1 and lines[0].startswith("failed "), lines
    assert "File too large" in lines[0] and "previous version is intact" in lines[0]
    assert path.read_bytes() == before
    assert len(open_db(path).all()) == 20
    assert not list(tmp_path.glob(TEMP_PREFIX + "*"))
