"""A killed re-import leaves each document whole: `docs`, `show` and `search` agree on its old or its new version.

An importer in a forked child re-imports a folder of changed documents and is
SIGKILLed.  Most rounds the child kills itself just before or just after its
k-th file-system step (a write, fsync, rename, link or unlink), with k drawn
from the steps a whole re-import takes, so every moment of the import is hit
whatever the speed of the machine; a few rounds are killed from outside after
a random delay.  After every kill a fresh reader checks each document: its
listed passage count and text hash are those of the passages `show` prints,
the passages are the old or the new version, and search finds exactly that
version's words.  The verdict depends only on what is on disk, never on how
many kills landed in time.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import signal
import time
from pathlib import Path

import pytest
from fork_support import fork_writer, read_lines

from sayso.corpus.library import Library
from sayso.corpus.models import document_text

pytestmark = pytest.mark.slow

DOCS = 8
#: The file-system calls a kill may land just before or after.
STEPS = ("replace", "rename", "fsync", "link", "unlink", "write")


def marker(version: int, i: int) -> str:
    """A word only `version` of document `i` holds, many typos away from every other (search is typo-tolerant)."""
    digest = hashlib.sha256(f"{version}-{i}".encode()).hexdigest()
    return "".join(chr(ord("a") + int(c, 16)) for c in digest[:12])


def write_version(folder: Path, version: int) -> None:
    """Every document of the folder at `version`: its own words and its own number of turns."""
    for i in range(DOCS):
        turns = [f"Ada Park: {marker(version, i)} opens round {version} of document {i}."]
        turns += [
            f"Ben Cho: turn {t} of {marker(version, i)}, answered at length." for t in range(1 + (version + i) % 3)
        ]
        (folder / f"doc{i}.txt").write_text("\n\n".join(turns) + "\n", encoding="utf-8")


def version_of(text: str) -> int:
    found = re.search(r"round (\d+)", text)
    assert found, text
    return int(found.group(1))


def kill_at_step(k: int, after: bool) -> None:
    """In the child: SIGKILL this process just before (or after) its k-th file-system step."""
    count = [0]

    def wrap(name: str) -> None:
        real = getattr(os, name)

        def step(*args: object, **kwargs: object) -> object:
            count[0] += 1
            if count[0] == k and not after:
                os.kill(os.getpid(), signal.SIGKILL)
            result = real(*args, **kwargs)
            if count[0] == k and after:
                os.kill(os.getpid(), signal.SIGKILL)
            return result

        setattr(os, name, step)

    for name in STEPS:
        wrap(name)


def count_steps() -> list[int]:
    """In the child: count file-system steps (reported at the end)."""
    count = [0]
    for name in STEPS:
        real = getattr(os, name)

        def step(*args: object, _real: object = real, **kwargs: object) -> object:
            count[0] += 1
            return _real(*args, **kwargs)  # type: ignore[operator]

        setattr(os, name, step)
    return count


def check_agreement(data: Path, folder: Path, before: dict[int, int], new: int) -> dict[int, int]:
    """A fresh reader's view of each document is whole, at its version before the import or `new`."""
    lib = Library.open(data)
    docs = {Path(d.source).name: d for d in lib.documents()}
    seen: dict[int, int] = {}
    for i in range(DOCS):
        doc = docs[f"doc{i}.txt"]
        passages = lib.passages(doc.id)  # what `sayso show` prints
        text = document_text(passages)
        assert len(passages) == doc.passages, (
            f"doc{i}: `docs` says {doc.passages} passages, `show` prints {len(passages)}"
        )
        assert hashlib.sha256(text.encode()).hexdigest() == doc.text_hash, f"doc{i}: listed hash is not of its text"
        version = version_of(passages[0].text)
        assert version in (before[i], new), f"doc{i}: version {version}, neither old {before[i]} nor new {new}"
        assert all(marker(version, i) in p.text for p in passages), f"doc{i}: passages of two versions"
        seen[i] = version
    for i, version in seen.items():
        doc = docs[f"doc{i}.txt"]
        texts = [p.text for p in lib.passages(doc.id)]
        hits = [h for h in lib.search(marker(version, i), limit=50) if h.document == doc.id]
        assert sorted(h.text for h in hits) == sorted(texts), f"doc{i}: search disagrees with show"
        for other in {before[i], new} - {version}:
            stale = [h for h in lib.search(marker(other, i), limit=50) if h.document == doc.id]
            assert not stale, f"doc{i}: search still finds version {other}"
    return seen


def test_killed_reimport_leaves_docs_show_and_search_agreeing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    folder = tmp_path / "talks"
    folder.mkdir()
    write_version(folder, 0)
    lib = Library.open(data)
    lib.import_paths([folder])
    versions = dict.fromkeys(range(DOCS), 0)

    # How many file-system steps one whole re-import takes (a kill point is drawn among them).
    write_version(folder, 1)

    def measured(ack: int) -> None:
        count = count_steps()
        Library.open(data).import_paths([folder])
        os.write(ack, f"steps {count[0]}\n".encode())

    pid, fd = fork_writer(measured)
    lines = read_lines(fd)
    os.waitpid(pid, 0)
    assert lines and lines[-1].startswith("steps "), lines
    total = int(lines[-1].split()[1])
    versions = check_agreement(data, folder, versions, 1)
    assert set(versions.values()) == {1}

    rng = random.Random(2024)
    killed = 0
    for round_no in range(2, 42):
        write_version(folder, round_no)
        outside = round_no % 5 == 0
        k, after = rng.randint(1, total), rng.random() < 0.5

        def importer(ack: int, k: int = k, after: bool = after, outside: bool = outside) -> None:
            reader = Library.open(data)
            if not outside:
                kill_at_step(k, after)
            os.write(ack, b"start\n")
            reader.import_paths([folder])
            os.write(ack, b"done\n")

        pid, fd = fork_writer(importer)
        if outside:
            os.read(fd, 6)
            time.sleep(rng.uniform(0, 0.05))
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        lines = read_lines(fd)
        assert not [line for line in lines if line.startswith("error")], lines
        if os.WIFSIGNALED(status):
            killed += 1
        versions = check_agreement(data, folder, versions, round_no)

    # The kills drawn among the steps of a re-import all land (independent of the machine's speed).
    assert killed >= 32
    # Nothing a killed import left behind survives the next complete one.
    write_version(folder, 99)
    Library.open(data).import_paths([folder])
    assert set(check_agreement(data, folder, versions, 99).values()) == {99}
    listed = {d.id for d in Library.open(data).documents()}
    leftovers = [p.name for p in (data / "docs").iterdir() if not any(p.name.startswith(i) for i in listed)]
    assert not leftovers
    assert len(list((data / "docs").iterdir())) == DOCS
