"""A killed folder import leaves no process behind (issue 11 item 12).

`sayso import FOLDER` parses in worker processes; killed (SIGKILL included),
its workers and multiprocessing's resource tracker kept running with parent
1, and the tracker held the caller's stderr open, so a calling script never
finished.  Workers are forked when the importing process runs one thread
(the command) and spawned otherwise (a program with other threads, e.g. a
database pool's): both ways are killed here.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from sayso.corpus.importers.parallel import workers_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(workers_for(1000) == 0, reason="one core: a folder import starts no workers"),
]


def make_folder(folder: Path, count: int = 400) -> Path:
    folder.mkdir()
    for i in range(count):
        turns = "".join(
            f"Speaker {k % 3}: Sentence {k} of file {i} says something about archives and their keepers. "
            f"Another sentence follows it here, number {k}.\n\n"
            for k in range(60)
        )
        (folder / f"talk-{i:04d}.txt").write_text(f"Talk {i}\n\n{turns}", encoding="utf-8")
    return folder


def descendants_once_workers_run(proc: psutil.Process, timeout: float = 30.0) -> list[psutil.Process]:
    """The import's child processes, once its parsing workers have started."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = proc.children(recursive=True)
        workers = [p for p in found if "resource_tracker" not in " ".join(_cmdline(p))]
        if len(workers) >= 2:
            time.sleep(0.3)  # let it get going: some files parsed, some queued
            return proc.children(recursive=True)
        time.sleep(0.02)
    raise AssertionError("the import never started its workers")


def _cmdline(p: psutil.Process) -> list[str]:
    try:
        return p.cmdline()
    except psutil.Error:
        return []


#: `sayso import FOLDER` from a program running another thread: its workers are spawned
WITH_A_THREAD = (
    "import sys, threading; threading.Thread(target=threading.Event().wait, daemon=True).start(); "
    "from sayso.cli import main; sys.argv = ['sayso', 'import', sys.argv[1]]; sys.exit(main())"
)


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
@pytest.mark.parametrize("started", ["fork", "spawn"])
def test_killing_a_folder_import_leaves_no_worker_nor_tracker_running(
    tmp_path: Path, signum: int, started: str
) -> None:
    folder = make_folder(tmp_path / "talks")
    env = {**os.environ, "SAYSO_DATA": str(tmp_path / "data")}
    command = ["-m", "sayso", "import", str(folder)] if started == "fork" else ["-c", WITH_A_THREAD, str(folder)]
    importer = subprocess.Popen(
        [sys.executable, *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    try:
        children = descendants_once_workers_run(psutil.Process(importer.pid))
        spawned = ["spawn_main" in " ".join(_cmdline(p)) for p in children]
        tracker = ["resource_tracker" in " ".join(_cmdline(p)) for p in children]
        if started == "spawn":  # (and the tracker that spawned workers need)
            assert sum(spawned) >= 2 and any(tracker), [_cmdline(p) for p in children]
        else:  # (a forked worker runs the importing command's own code: no tracker is needed)
            assert not any(spawned) and not any(tracker), [_cmdline(p) for p in children]
        os.kill(importer.pid, signum)
        importer.wait(timeout=10)
        _gone, alive = psutil.wait_procs(children, timeout=5)
        assert not alive, [(p.pid, _cmdline(p)) for p in alive]
        # Nobody holds the caller's stderr any more: reading it comes to its end.
        assert importer.stderr is not None
        assert reaches_end(importer.stderr.fileno(), timeout=5), "something still holds the caller's stderr"
    finally:
        try:
            os.killpg(importer.pid, signal.SIGKILL)  # whatever is left of its session, if the test failed
        except ProcessLookupError:
            pass


def reaches_end(fd: int, timeout: float) -> bool:
    """Whether the pipe `fd` reads to its end (every writer closed it) within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if ready and os.read(fd, 65536) == b"":
            return True
    return False


#: A folder import whose second fork fails (no memory, a process limit): one worker is already running
FORK_FAILS = """
import os, sys
from pathlib import Path
import sayso.corpus.importers.parallel as parallel
parallel.workers_for = lambda count: 2
real_fork, forks = os.fork, []
def failing_fork():
    forks.append(1)
    if len(forks) == 2:
        raise BlockingIOError(11, "Resource temporarily unavailable")
    return real_fork()
os.fork = failing_fork
assert parallel.start_method() == "fork"
ready = parallel.prepare_all(sorted(Path(sys.argv[1]).glob("*.txt")), parallel=True)
print(sum(1 for _, prepared in ready if not isinstance(prepared, Exception)), len(forks))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_a_fork_that_fails_leaves_the_import_to_this_process_and_no_worker_behind(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "talks", count=8)
    done = subprocess.run([sys.executable, "-c", FORK_FAILS, str(folder)], capture_output=True, text=True, timeout=30)
    # Every file prepared (here, once the pool could not start), and the process exits: the worker the
    # first fork started is stopped, where it kept the process from exiting.
    assert done.returncode == 0 and done.stdout.split() == ["8", "2"], done.stderr[-2000:]


def test_an_import_that_fails_before_its_first_file_stops_its_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sayso.corpus import Library

    folder = make_folder(tmp_path / "talks", count=20)
    lib = Library.open(tmp_path / "data")

    def refused(files: int) -> None:
        raise RuntimeError("the index cannot take an import now")

    monkeypatch.setattr(type(lib.index), "bulk_import", lambda self, files: refused(files))
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    with pytest.raises(RuntimeError, match="cannot take an import") as failed:
        lib.import_paths([folder], parallel=True)  # (its workers started with the import)
    # (the traceback, kept as a caller may keep it, holds the import's frame: its workers must not wait for that
    # to be collected)
    left = [p for p in psutil.Process().children(recursive=True) if p.pid not in before]
    _gone, alive = psutil.wait_procs(left, timeout=10)
    assert not alive, [(p.pid, _cmdline(p)) for p in alive]
    assert failed.tb is not None


@pytest.mark.parametrize("kind", ["small files", "big files"])
def test_files_parsed_ahead_are_many_when_small_and_few_when_big(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """Workers parse ahead of the importing process (through its pauses to write the index) as many small files
    as AHEAD_PER_WORKER allows, but big ones only while those handed out hold AHEAD_BYTES: one per worker."""
    from concurrent.futures import ProcessPoolExecutor

    from sayso.corpus.importers import parallel

    folder = tmp_path / "talks"
    folder.mkdir()
    big = kind == "big files"
    turn = "Ada Park: " + "Archives keep what people said, word for word. " * (40_000 if big else 4) + "\n\n"
    for i in range(10 if big else 40):
        (folder / f"talk-{i:02d}.txt").write_text(f"Talk {i}\n\n" + turn * 2, encoding="utf-8")
    paths = sorted(folder.iterdir())
    handed: list[int] = []

    class Counting(ProcessPoolExecutor):
        def submit(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            handed.append(1)
            return super().submit(*args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Counting)
    monkeypatch.setattr(parallel, "AHEAD_PER_WORKER", 4)
    monkeypatch.setattr(parallel, "AHEAD_BYTES", 5 << 20)  # (a big file here is 3.8 MB)
    workers = parallel.workers_for(len(paths))
    most = 0
    taken = 0
    for path, prepared in parallel.prepare_all(paths, parallel=True):
        assert path == paths[taken]  # (in the order given)
        assert not isinstance(prepared, Exception), prepared
        most = max(most, len(handed) - taken)  # handed to the workers and not yet taken, this one included
        taken += 1
    assert taken == len(paths) and len(handed) == len(paths)
    assert most == (workers if big else workers * 4)
