"""Quotes survive SIGKILL, concurrent sessions and damaged files (issue 5 and 7 durability promises).

Writers are forked children (no interpreter start per round) or real
subprocesses for the concurrency tests.  A child prints an ack line only after
QuoteBook returned, so every acknowledged quote must be on disk.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from fork_support import fork_writer, read_lines, wait_for_acks

from sayso.cli import main
from sayso.corpus.errors import DamagedFile
from sayso.corpus.library import Library
from sayso.corpus.models import Document, ParsedDocument, ParsedPassage

pytestmark = pytest.mark.slow

WORDS = [
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliet",
    "kilo",
    "lima",
    "mike",
    "november",
    "oscar",
    "papa",
]


def make_library(data: Path) -> tuple[Library, Document]:
    lib = Library.open(data)
    turns = [
        ParsedPassage(f"Speaker {i % 3}", " ".join(WORDS[(i + k) % len(WORDS)] for k in range(12)) + ".", float(i))
        for i in range(20)
    ]
    doc = lib.import_parsed(ParsedDocument("Durability talk", "panel", turns), source=str(data.parent / "talk.txt"))
    return lib, doc


def span(lib: Library, doc_id: str, k: int) -> tuple[int, int]:
    """A valid one-speaker span for the k-th quote (varies so quotes differ)."""
    p = lib.passages(doc_id)[k % 20]
    start = p.offset + (k % 5)
    return start, start + 20


def ids_on_disk(path: Path) -> list[str]:
    data = json.loads(path.read_bytes())
    return [row["id"] for row in data["quotes"].values()]


def test_sigkill_at_random_moments_200_times_keeps_every_acknowledged_quote(tmp_path: Path) -> None:
    data = tmp_path / "data"
    lib, doc = make_library(data)
    quotes_path = data / "quotes.json"
    rng = random.Random(5)
    acknowledged: list[str] = []
    awaited = 0
    for round_no in range(200):

        def writer(ack: int, round_no: int = round_no) -> None:
            book = Library.open(data).quotes
            for k in range(10_000):
                s, e = span(lib, doc.id, round_no + k)
                q = book.add_span(doc.id, s, e, note=f"round {round_no} quote {k}")
                os.write(ack, f"ack {q.id}\n".encode())

        pid, fd = fork_writer(writer)
        # Half the kills land mid-stream, after 1-3 acknowledged quotes, half maybe before any save; each
        # round waits for the writer's progress, never for a time, so a loaded machine does the same work.
        wait = rng.randint(1, 3) if round_no % 2 else 0
        already = wait_for_acks(fd, wait)
        awaited += wait
        time.sleep(rng.uniform(0, 0.04))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        lines = read_lines(fd, already)
        assert not [line for line in lines if line.startswith("error")], lines
        acknowledged += [line.split()[1] for line in lines if line.startswith("ack ") and len(line.split()[1]) == 32]
        if quotes_path.exists():
            present = ids_on_disk(quotes_path)  # parses: never a half-written file
            assert len(present) == len(set(present)), "duplicate quote ids"
            missing = set(acknowledged) - set(present)
            assert not missing, f"round {round_no}: lost acknowledged quotes {sorted(missing)[:3]}"
    assert len(acknowledged) >= awaited >= 100  # every waited-for quote was checked after the kills
    book = Library.open(data).quotes
    assert {q.id for q in book.list()} >= set(acknowledged)
    assert all(ok for _, ok, _ in book.verify())


WRITER = textwrap.dedent(
    """
    import sys
    from sayso.corpus.library import Library
    data, doc_id, name, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    lib = Library.open(data)
    book = lib.quotes
    passages = lib.passages(doc_id)
    for k in range(count):
        p = passages[k % len(passages)]
        q = book.add_span(doc_id, p.offset + k % 5, p.offset + k % 5 + 20, note=f"{name} {k}", tags=[name])
        print(q.id, flush=True)
    """
)


def test_two_processes_adding_500_quotes_each_end_with_1000(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _, doc = make_library(data)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data), doc.id, name, "500"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("left", "right")
    ]
    outputs = [p.communicate(timeout=240) for p in procs]
    for p, (_, err) in zip(procs, outputs):
        assert p.returncode == 0, err
    printed = [line for out, _ in outputs for line in out.split()]
    quotes = Library.open(data).quotes.list()
    assert len(quotes) == 1000
    assert len({q.id for q in quotes}) == 1000
    assert {q.id for q in quotes} == set(printed)
    assert {q.note for q in quotes} == {f"{n} {k}" for n in ("left", "right") for k in range(500)}


EDITOR = textwrap.dedent(
    """
    import sys
    from sayso.corpus.library import Library
    data, action, ids = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    book = Library.open(data).quotes
    for n, qid in enumerate(ids):
        if action == "edit":
            book.edit(qid, note=f"edited {qid[:6]}", add_tags=["edited"])
        else:
            book.remove(qid)
    """
)


def test_one_process_edits_while_another_deletes_other_quotes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    lib, doc = make_library(data)
    initial = []
    for k in range(240):
        s, e = span(lib, doc.id, k)
        initial.append(lib.quotes.add_span(doc.id, s, e, note=f"original {k}"))
    to_edit = [q.id for q in initial[0::2]]
    to_delete = [q.id for q in initial[1::2]]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", EDITOR, str(data), action, ",".join(ids)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for action, ids in (("edit", to_edit), ("delete", to_delete))
    ]
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
    # Both logs replayed on the initial quotes:
    expected = {}
    for q in initial:
        if q.id in to_delete:
            continue
        expected[q.id] = (q.exact, q.start, q.end, f"edited {q.id[:6]}", ["edited"], [q.note])
    final = Library.open(data).quotes.list()
    got = {q.id: (q.exact, q.start, q.end, q.note, q.tags, [h["note"] for h in q.history]) for q in final}
    assert got == expected


def damage(path: Path, kind: str) -> None:
    raw = path.read_bytes()
    if kind == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif kind == "zero-length":
        path.write_bytes(b"")
    elif kind == "nul-filled":
        path.write_bytes(b"\x00" * len(raw))
    elif kind == "invalid-json":
        path.write_bytes(b'{"quotes": {"1": {"id": "x", oops')
    elif kind == "not-quotes":
        path.write_bytes(b'{"quotes": {"1": "just a string"}}')
    # Valid JSON of the wrong shape: read as "no quotes" and overwritten before issue 11 item 4.
    elif kind == "empty-object":
        path.write_bytes(b"{}")
    elif kind == "other-table":
        path.write_bytes(b'{"notes": {"1": {"text": "my own notes"}}}')
    elif kind == "no-version":
        data = json.loads(raw)
        del data["meta"]
        path.write_bytes(json.dumps(data).encode())


KINDS = [
    "truncated",
    "zero-length",
    "nul-filled",
    "invalid-json",
    "not-quotes",
    "empty-object",
    "other-table",
    "no-version",
]


@pytest.mark.parametrize("kind", KINDS)
def test_damaged_quotes_file_is_set_aside_never_empty_and_backup_restores_identical_quotes(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    lib, doc = make_library(data)
    for k in range(5):
        s, e = span(lib, doc.id, k)
        lib.quotes.add_span(doc.id, s, e, note=f"quote {k}", tags=[f"t{k}"])
    saved = [q.to_dict() for q in lib.quotes.list()]
    lib.quotes.edit(lib.quotes.list()[0].id, note="last change")  # the backup holds `saved`
    path = data / "quotes.json"
    damage(path, kind)
    damaged_bytes = path.read_bytes()
    backups = {p.name: p.read_bytes() for p in data.glob("quotes.json.bak.*")}

    fresh = Library.open(data).quotes
    with pytest.raises(DamagedFile) as info:
        fresh.list()
    message = str(info.value)
    assert "damaged" in message and "quotes.json.bak.1" in message and "\n" not in message
    assert Path(info.value.moved_to or "").read_bytes() == damaged_bytes  # set aside intact
    assert info.value.backups and Path(info.value.backups[0]).name == "quotes.json.bak.1"
    # Never treated as empty, not even by the next session or a new quote.
    for book in (fresh, Library.open(data).quotes):
        with pytest.raises(DamagedFile):
            book.list()
        with pytest.raises(DamagedFile):
            s, e = span(lib, doc.id, 9)
            book.add_span(doc.id, s, e)
    assert not path.exists()
    assert {p.name: p.read_bytes() for p in data.glob("quotes.json.bak.*")} == backups  # no slot overwritten
    code = main(["--data", str(data), "quotes"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("sayso: error: ") and "damaged" in err and err.count("\n") == 1

    code = main(["--data", str(data), "quote", "restore-backup"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "restored 5 quote(s)" in out
    code = main(["--data", str(data), "quotes", "--json"])
    listed = json.loads(capsys.readouterr().out)
    for row in listed:
        row.pop("short_id")
        row.pop("title")
    assert listed == saved
    assert [q.to_dict() for q in Library.open(data).quotes.list()] == saved


def test_damaged_quotes_file_without_backup_can_only_start_empty_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    lib, doc = make_library(data)
    s, e = span(lib, doc.id, 0)
    lib.quotes.add_span(doc.id, s, e, note="only one")
    damage(data / "quotes.json", "truncated")
    with pytest.raises(DamagedFile, match="no good backup"):
        Library.open(data).quotes.list()
    with pytest.raises(DamagedFile):
        Library.open(data).quotes.list()
    assert main(["--data", str(data), "quote", "restore-backup"]) == 1
    capsys.readouterr()
    assert main(["--data", str(data), "quote", "restore-backup", "--empty"]) == 0
    assert Library.open(data).quotes.list() == []
    assert list(data.glob("quotes.json.damaged-*"))


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_draft_saved_from_a_hangup_or_term_handler(signum: int, tmp_path: Path) -> None:
    data = tmp_path / "data"
    Library.open(data)

    def editor(ack: int) -> None:
        book = Library.open(data).quotes
        typed = "a note being typed\nwhen the connection dropped"

        def save_and_exit(sig: int, frame: object) -> None:
            book.save_draft("quote:new:note", typed)
            os._exit(0)

        signal.signal(signum, save_and_exit)
        os.write(ack, b"ready\n")
        while True:
            time.sleep(0.01)

    pid, fd = fork_writer(editor)
    ready, _, _ = select.select([fd], [], [], 10.0)
    assert ready
    os.kill(pid, signum)
    _, status = os.waitpid(pid, 0)
    read_lines(fd)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert Library.open(data).quotes.drafts() == {"quote:new:note": "a note being typed\nwhen the connection dropped"}
