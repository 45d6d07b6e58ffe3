"""A folder import makes its passages files durable a batch at a time, never at library.json's expense (issue 13).

Within one batch the passages files are written to temp files, then fsynced
together, renamed to their names and docs/ fsynced once, and only then is
library.json, which names them, written.  Two checks that this keeps the old
guarantee (after library.json names a passages file, that file is complete and
durable; nothing incomplete is ever under a passages file's name):

* a model of the disk's cache: every write, fsync and rename of a real import
  is traced, and at each moment library.json is put in place (and each moment a
  passages file gets its name) what it names must already be fsynced, and the
  rename that gave it its name fsynced too (a power cut keeps only that);
* real SIGKILLs, just before or after each file-system step of a folder import
  that takes several batches (new documents, then a re-import of them): after
  every kill, library.json names only passages files that are there and whole,
  and every file under a passages file's name is whole.
"""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fork_support import fork_writer, read_lines

import sayso.corpus.library as library_mod
from sayso.corpus.library import Library
from sayso.corpus.store import PASSAGES_FILE, TEMP_PREFIX, passages_owner, read_json_file

DOCS = 14


def write_folder(folder: Path, version: int) -> None:
    folder.mkdir(exist_ok=True)
    for i in range(DOCS):
        turns = [
            f"{['Ada Park', 'Ben Cho', 'Cy Diaz'][t % 3]}: round {version} turn {t} of talk {i}. More words here."
            for t in range(3 + (i + version) % 5)
        ]
        (folder / f"talk{i:02d}.txt").write_text("\n\n".join(turns) + "\n", encoding="utf-8")


class DiskCache:
    """What a power cut would keep: file contents fsynced since their last write, names fsynced in their folder."""

    def __init__(self, data: Path) -> None:
        self.library = str(data / "library.json")
        self.docs = str(data / "docs")
        self.fds: dict[int, str] = {}
        self.unsynced_data: set[str] = set()
        #: folder -> names created or renamed in it since its last fsync
        self.unsynced_names: dict[str, set[str]] = {}
        self.checked_libraries = 0
        self.named_passages = 0
        #: an fd's number is reused as soon as it is closed, by any thread (the
        #: import fsyncs in a thread): opening or closing one and updating `fds`
        #: happen as one step, or a close's bookkeeping can drop another
        #: thread's new file of the same number
        self.fd_lock = threading.Lock()

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real = {name: getattr(os, name) for name in ("open", "write", "fsync", "close", "replace", "rename", "link")}

        def traced_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            with self.fd_lock:
                fd = real["open"](path, flags, *args, **kwargs)
                self.fds[fd] = os.path.abspath(path)
            if flags & os.O_CREAT:
                self._named(self.fds[fd])
            return fd

        def traced_write(fd: int, data: Any) -> int:
            if fd in self.fds:
                self.unsynced_data.add(self.fds[fd])
            return real["write"](fd, data)  # type: ignore[no-any-return]

        def traced_fsync(fd: Any) -> None:
            real["fsync"](fd)
            path = self.fds.get(fd)
            if path is not None:
                self.unsynced_data.discard(path)
                self.unsynced_names.pop(path, None)  # (a folder's fsync makes its names durable)

        def traced_close(fd: int) -> None:
            with self.fd_lock:
                real["close"](fd)
                self.fds.pop(fd, None)

        def traced_rename(src: Any, dst: Any, *, _real: Callable[..., None] = real["replace"]) -> None:
            src, dst = os.path.abspath(src), os.path.abspath(dst)
            if dst == self.library:
                self.check_library(src)
            if os.path.dirname(dst) == self.docs and passages_owner(os.path.basename(dst)):
                assert src not in self.unsynced_data, f"{dst} got its name before its contents were fsynced"
                self.named_passages += 1
            _real(src, dst)
            if src in self.unsynced_data:
                self.unsynced_data.discard(src)
                self.unsynced_data.add(dst)
            else:
                self.unsynced_data.discard(dst)
            self._named(dst)

        def traced_link(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
            real["link"](src, dst, *args, **kwargs)
            self._named(os.path.abspath(dst))

        monkeypatch.setattr(os, "open", traced_open)
        monkeypatch.setattr(os, "write", traced_write)
        monkeypatch.setattr(os, "fsync", traced_fsync)
        monkeypatch.setattr(os, "close", traced_close)
        monkeypatch.setattr(os, "replace", traced_rename)
        monkeypatch.setattr(os, "rename", lambda src, dst: traced_rename(src, dst, _real=real["rename"]))
        monkeypatch.setattr(os, "link", traced_link)

    def _named(self, path: str) -> None:
        self.unsynced_names.setdefault(os.path.dirname(path), set()).add(os.path.basename(path))

    def check_library(self, new_version: str) -> None:
        """library.json is about to be replaced by `new_version`: all it names must survive a power cut."""
        assert new_version not in self.unsynced_data, "library.json's new version was not fsynced"
        files = json.loads(Path(new_version).read_text(encoding="utf-8")).get("files", {})
        for row in files.values():
            path = os.path.join(self.docs, row["file"])
            assert os.path.exists(path), f"library.json would name {row['file']}, which is not there"
            assert path not in self.unsynced_data, f"library.json would name {row['file']} before it is fsynced"
            assert row["file"] not in self.unsynced_names.get(self.docs, set()), (
                f"library.json would name {row['file']} before docs/ is fsynced after its rename"
            )
            data = read_json_file(Path(path), PASSAGES_FILE)
            assert data is not None and data["meta"]["1"]["document"] == row["document"]
        self.checked_libraries += 1


@pytest.mark.parametrize("batch_seconds", [1.0, 0.0005])
def test_library_json_only_ever_names_passages_files_a_power_cut_would_keep(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_seconds: float
) -> None:
    data, folder = tmp_path / "data", tmp_path / "talks"
    write_folder(folder, 0)
    monkeypatch.setattr(library_mod, "BATCH_SECONDS", batch_seconds)
    monkeypatch.setattr(library_mod, "BATCH_GAP", 0.0)
    lib = Library.open(data)
    lib.import_paths([folder])  # the library, its index and first passages files
    quoted = lib.documents()[3]
    lib.quotes.add(quoted.id, exact=lib.passages(quoted.id)[0].text[:20])  # written mid-batch (quotes re-anchor)
    disk = DiskCache(data)
    disk.install(monkeypatch)
    for version in (1, 2):
        write_folder(folder, version)
        report = Library.open(data).import_paths([folder])
        assert len(report.documents) == DOCS and not report.errors
    Library.open(data).import_file(folder / "talk05.txt")  # one file, outside a batch
    monkeypatch.undo()
    assert disk.named_passages == 2 * DOCS + 1
    assert disk.checked_libraries >= (3 if batch_seconds == 1.0 else DOCS)
    lib = Library.open(data)
    assert all("round 2" in lib.passages(d.id)[0].text for d in lib.documents())


#: The file-system calls a kill may land just before or after.
STEPS = ("replace", "rename", "fsync", "link", "unlink", "write", "open")


def wrap_steps(on_step: Callable[[int, bool], None]) -> None:
    """In the child: call on_step(n, after) around its n-th file-system call."""
    count = [0]
    for name in STEPS:
        real = getattr(os, name)

        def step(*args: Any, _real: Any = real, **kwargs: Any) -> Any:
            count[0] += 1
            n = count[0]
            on_step(n, False)
            result = _real(*args, **kwargs)
            on_step(n, True)
            return result

        setattr(os, name, step)


def check_named_files_whole(data: Path) -> int:
    """library.json names only passages files that are there and whole, and no passages file is cut short."""
    raw = read_json_file(data / "library.json") or {}
    docs = {row["id"]: row for row in (raw.get("documents") or {}).values()}
    files = {row["document"]: row["file"] for row in (raw.get("files") or {}).values()}
    assert set(files) == set(docs)
    for doc_id, name in files.items():
        passages = read_json_file(data / "docs" / name, PASSAGES_FILE)
        assert passages is not None, f"library.json names {name}, which is missing"
        assert passages["meta"]["1"]["passages"] == docs[doc_id]["passages"]
    for path in (data / "docs").iterdir():
        if not path.name.startswith(TEMP_PREFIX):
            assert read_json_file(path, PASSAGES_FILE) is not None  # (a damaged one would be set aside)
    assert not [p for p in (data / "docs").iterdir() if ".damaged" in p.name]
    lib = Library.open(data)
    for doc in lib.documents():
        assert len(lib.passages(doc.id)) == doc.passages
    return len(files)


def importer(data: Path, folder: Path, kill_at: int = 0, after: bool = False) -> Callable[[int], None]:
    """A child's body: import `folder` into `data` in batches of a few files, killed at step `kill_at` (0: never)."""

    def body(ack: int) -> None:
        library_mod.BATCH_SECONDS = 0.002  # several batches, each ending in its own library.json
        library_mod.BATCH_GAP = 0.0
        lib = Library.open(data)
        steps = [0]

        def on_step(n: int, is_after: bool) -> None:
            steps[0] = n
            if n == kill_at and is_after == after:
                os.kill(os.getpid(), signal.SIGKILL)

        wrap_steps(on_step)
        lib.import_paths([folder])
        os.write(ack, f"steps {steps[0]}\n".encode())

    return body


def run(body: Callable[[int], None]) -> tuple[bool, list[str]]:
    """Run `body` in a forked child; whether it was killed, and what it wrote."""
    pid, fd = fork_writer(body)
    _, status = os.waitpid(pid, 0)
    lines = read_lines(fd)
    assert not [line for line in lines if line.startswith("error")], lines
    return os.WIFSIGNALED(status), lines


def steps_of(body: Callable[[int], None]) -> int:
    killed, lines = run(body)
    assert not killed and lines and lines[-1].startswith("steps "), lines
    return int(lines[-1].split()[1])


@pytest.mark.slow
def test_a_killed_folder_import_never_leaves_library_json_naming_a_missing_or_partial_file(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    write_folder(folder, 0)
    killed = 0
    # New documents: each round starts from an empty library.
    total = steps_of(importer(tmp_path / "measure", folder))
    for n, k in enumerate(range(1, total + 1, max(1, total // 40))):
        data = tmp_path / f"new-{n}"
        Library.open(data)
        was_killed, _ = run(importer(data, folder, k, after=n % 2 == 1))
        killed += was_killed
        check_named_files_whole(data)
    # Re-imports: each round changes every document of one library.
    data = tmp_path / "data"
    Library.open(data).import_paths([folder])
    write_folder(folder, 1)
    total = steps_of(importer(data, folder))
    for n, k in enumerate(range(1, total + 1, max(1, total // 40))):
        write_folder(folder, 2 + n)
        was_killed, _ = run(importer(data, folder, k, after=n % 2 == 1))
        killed += was_killed
        check_named_files_whole(data)
    assert killed >= 60  # (every kill drawn among a whole import's steps lands, however fast the machine)
    write_folder(folder, 99)
    Library.open(data).import_paths([folder])
    assert check_named_files_whole(data) == DOCS
    assert len(list((data / "docs").iterdir())) == DOCS  # nothing a killed import left survives the next
