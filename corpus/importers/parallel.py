"""Preparing many files for import at once: parsed and split into sentences in worker processes.

Parsing is most of an import's work and each file is independent, so a folder
import parses ahead in a small pool of processes (one per spare core) while
the library stores the files already parsed, in the order given.  With one
core, a handful of files, or a caller that did not ask for workers, it all
happens in this process, as it is used.
Workers ignore Ctrl+C (the importing process decides what an interrupt stops)
and write nothing to the terminal they inherit.

Workers never outlive the importing process, whatever ends it (SIGKILL
included): a watchdog thread in each worker exits the worker as soon as its
parent is gone.  With the workers gone, multiprocessing's resource tracker
sees its pipe closed and exits too; it is started with /dev/null as its
stderr, so it never holds the caller's stderr open.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import resource_tracker
from pathlib import Path
from typing import Any, cast

from sayso.corpus.errors import ImportRefused
from sayso.corpus.importers import OwnedText, decode_raw, parse_decoded
from sayso.corpus.models import ParsedDocument
from sayso.corpus.sentences import split_sentences
from sayso.corpus.store import PassageColumns, passage_columns

#: Fewer files than this are parsed in this process: starting workers would cost more.
PARALLEL_MIN_FILES = 8
#: Files parsed ahead: at most this many per worker, and beyond one per worker only while the files handed out
#: and not yet taken hold AHEAD_BYTES in all, so memory stays bounded on a big folder (a file's result is a few
#: times its size) while the workers go on parsing through the importing process's pauses (writing a segment
#: of the index takes it a few tenths of a second, which three files a worker did not cover).
AHEAD_PER_WORKER = 16
AHEAD_BYTES = 16 << 20
#: Seconds between a worker's checks that the importing process is still there.
PARENT_POLL = 0.2


@dataclass
class Prepared:
    """One file ready to store: its parsed document, its passages as columns, and the hash of its bytes.

    `columns` holds the passages (sentences split, most of the passages file
    encoded: see corpus.store.PassageColumns) and `parsed.passages` is then
    empty, so a worker hands the importing process a few lists and bytes
    rather than an object per passage and per sentence.  Passages that do not
    fit the column form stay in `parsed.passages`, sentences included, and
    `columns` is None.
    """

    parsed: ParsedDocument
    content_hash: str
    columns: PassageColumns | None = None
    #: what the caller's `extra` worked out from the passages' texts (with columns only), else None
    extra: Any = None


def prepare_file(
    path: str | os.PathLike[str],
    encoding: str | None = None,
    labels: str | None = None,
    extra: Callable[[Sequence[str]], Any] | None = None,
) -> Prepared:
    """Read, parse, sentence-split and encode one file; ImportRefused (one line) for what cannot be imported.

    `extra` (a module-level function: it is sent to workers by name) is applied to the passages' texts too
    (an archive's search words: corpus.server.words), so that the importing process need not."""
    path = Path(path)
    if not path.is_file():
        raise ImportRefused(f"{path}: no such file" if not path.exists() else f"{path}: not a regular file")
    raw = path.read_bytes()
    content_hash = hashlib.sha256(raw).hexdigest()
    text, used, warnings = decode_raw(raw, path, encoding)
    del raw  # (the bytes are as big as the file and not needed while its text is parsed)
    owned = OwnedText(text)
    del text  # (nor is the text once split into lines: see OwnedText)
    parsed = parse_decoded(owned, used, warnings, path, labels)
    columns = passage_columns(parsed.passages, split_sentences, use_up=True) if parsed.passages else None
    if columns is not None:
        parsed.passages = []
    else:
        for passage in parsed.passages:
            passage.sentences = split_sentences(passage.text)
    made = extra(columns.texts) if extra is not None and columns is not None else None
    return Prepared(parsed, content_hash, columns, made)


def _quiet_worker(parent: int) -> None:
    """Worker set-up: ignore Ctrl+C, write nowhere, and exit when `parent` (the importing process) is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    if os.getppid() != parent:
        os._exit(1)  # it died while this worker was starting
    threading.Thread(target=_exit_with_parent, args=(parent,), name="sayso-parent-watch", daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """Exit this worker at once when it is no longer `parent`'s child (the parent died, however killed).

    A dead parent's children are re-parented (to init or a subreaper), so
    polling getppid notices any death; unlike PR_SET_PDEATHSIG it does not
    fire when merely the thread that started the pool ends.
    """
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


class _StderrForTracker:
    """sys.stderr as resource_tracker.ensure_running sees it: writes go to stderr, but its fd is /dev/null."""

    def __init__(self, real: object, fd: int) -> None:
        self._real = real
        self._fd = fd

    def fileno(self) -> int:
        return self._fd

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)


_tracker_guard = threading.Lock()


def _start_tracker_quietly() -> None:
    """Start multiprocessing's resource tracker (if not running) with /dev/null as its stderr.

    The tracker is handed `sys.stderr.fileno()`; given the caller's stderr it
    would keep that pipe open for as long as it runs, so a script reading
    sayso's stderr waits for the tracker too.
    """
    with _tracker_guard:
        devnull = os.open(os.devnull, os.O_WRONLY)
        real = sys.stderr
        try:
            sys.stderr = _StderrForTracker(real, devnull)
            resource_tracker.ensure_running()
        finally:
            sys.stderr = real
            os.close(devnull)


def workers_for(count: int) -> int:
    """Worker processes for `count` files: none for a few files or a single core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if count < PARALLEL_MIN_FILES or cores < 2:
        return 0
    return min(cores, 4)


def start_method() -> str:
    """How workers are started: "fork" on Linux when this process runs no thread but the caller's, else "spawn".

    A forked worker starts in milliseconds with the code already loaded (a
    spawned one imports it all again: a third of a second, on cores the
    import needs).  But a fork copies the locks other threads hold, so with
    any other thread running (the app, a database pool) workers are spawned,
    which is safe from any thread.
    """
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"  # (not on macOS, where forking after its system frameworks are loaded is unsafe)
    return "spawn"


def prepare_all(
    paths: Sequence[Path],
    encoding: str | None = None,
    *,
    parallel: bool = False,
    labels: Mapping[Path, str] | None = None,
    extra: Callable[[Sequence[str]], Any] | None = None,
    extra_here: bool = True,
) -> Generator[tuple[Path, Prepared | Exception], None, None]:
    """Each path with its Prepared file or the exception preparing it raised, in the order given.

    `parallel` allows worker processes (see `start_method`).  A spawned worker
    imports the program's main module again, so only programs whose main
    module is import-safe (`if __name__ == "__main__":`) may ask: sayso's
    command and app do; a library caller opts in knowingly.  The workers start
    at once, not at the first file asked for, so that they get going while the
    caller makes ready; closing the generator stops them.  `extra` (see
    `prepare_file`) is worked out by the workers, and for a file prepared in
    this process only if `extra_here`.
    """
    ready = _prepare_all(paths, encoding, parallel, labels, extra, extra_in_process=extra if extra_here else None)
    next(ready)  # (runs up to the workers' start)
    return cast("Generator[tuple[Path, Prepared | Exception], None, None]", ready)


def _size(path: str | os.PathLike[str]) -> int:
    """The size of the file at `path` (0 if it cannot be read: preparing it will say why)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _prepare_all(
    paths: Sequence[Path],
    encoding: str | None,
    parallel: bool,
    labels: Mapping[Path, str] | None,
    extra: Callable[[Sequence[str]], Any] | None,
    extra_in_process: Callable[[Sequence[str]], Any] | None,
) -> Generator[tuple[Path, Prepared | Exception] | None, None, None]:
    """`prepare_all`'s work, after a first None once the workers (if any) are started."""
    workers = workers_for(len(paths)) if parallel else 0
    method = start_method()
    pool = _new_pool(workers, method)
    if pool is None:
        yield None
        yield from _in_process(paths, encoding, labels, extra_in_process)
        return
    with pool:
        _widen_result_pipe(pool)
        ahead: deque[tuple[Path, Future[Prepared], int]] = deque()  # (each file with its size)
        in_flight = 0  # (the sizes of the files in `ahead`)
        queued = 0
        done = 0
        started = False
        try:
            while done < len(paths):
                while (
                    queued < len(paths)
                    and len(ahead) < workers * AHEAD_PER_WORKER
                    and (len(ahead) < workers or in_flight < AHEAD_BYTES)
                ):
                    # (a forked worker would copy every page the collector touches: the objects there are now
                    # are left out of collections, here and in the workers, while they start)
                    frozen = method == "fork" and queued == 0
                    if frozen:
                        gc.freeze()
                    try:
                        future = pool.submit(
                            prepare_file, str(paths[queued]), encoding, (labels or {}).get(paths[queued]), extra
                        )
                    except Exception:  # noqa: BLE001  workers cannot start here (no real stderr, no fds...)
                        if not ahead:
                            _stop_workers(pool)
                        break
                    finally:
                        if frozen:
                            gc.unfreeze()
                    size = _size(paths[queued])
                    ahead.append((paths[queued], future, size))
                    in_flight += size
                    queued += 1
                if not started:  # (the first files are handed out: the workers are on their way)
                    started = True
                    yield None
                if not ahead:
                    break  # nothing could be handed to a worker: finish in this process
                path, future, size = ahead.popleft()
                in_flight -= size
                try:
                    yield path, future.result()
                except BrokenProcessPool:
                    break  # a worker died (out of memory?): finish in this process
                except Exception as exc:  # noqa: BLE001  (reported for that file; the others go on)
                    yield path, exc
                done += 1
        finally:
            for _, future, _ in ahead:
                future.cancel()
    if done < len(paths):
        yield from _in_process(paths[done:], encoding, labels, extra_in_process)


def _new_pool(workers: int, method: str) -> ProcessPoolExecutor | None:
    """A pool of `workers` processes started by `method`, or None (no workers wanted, or no pipes to be had)."""
    if workers == 0:
        return None
    if method == "spawn":  # (a forked worker's fds are the caller's: the tracker is not needed to free them)
        try:
            _start_tracker_quietly()
        except Exception:  # noqa: BLE001, S110
            pass
    try:
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context(method),
            initializer=_quiet_worker,
            initargs=(os.getpid(),),
        )
    except Exception:  # noqa: BLE001  (out of file descriptors: the files are prepared in this process)
        return None


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the workers a pool started before it failed to start the rest.

    A pool that forks starts all its workers on the first submit; when one of
    the forks fails (no memory, a process limit), those already started are
    known to no thread that would ever stop them, and would keep this process
    from exiting.  (The pool's process table is not public: without it, nothing
    is done.)
    """
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.terminate()


#: Bytes the pipe bringing the workers' results back may hold (Linux's default limit for a process).
RESULT_PIPE_BYTES = 1 << 20


def _widen_result_pipe(pool: ProcessPoolExecutor) -> None:
    """Let the pipe the workers' results come back through hold a whole file's result, where the system allows.

    multiprocessing reads a message with one os.read of all that is left of
    it, into a new buffer of that size, with the GIL held while it is made; a
    300 KB result came through a 64 KiB pipe in five reads, and the importing
    process's own work waited behind them.  (The pool's queue is not public:
    without it, or without F_SETPIPE_SZ, nothing changes.)
    """
    setter = getattr(fcntl, "F_SETPIPE_SZ", None)
    reader = getattr(getattr(pool, "_result_queue", None), "_reader", None)
    if setter is None or reader is None:
        return
    with contextlib.suppress(OSError, ValueError):
        fcntl.fcntl(reader.fileno(), setter, RESULT_PIPE_BYTES)


def _in_process(
    paths: Sequence[Path],
    encoding: str | None,
    labels: Mapping[Path, str] | None = None,
    extra: Callable[[Sequence[str]], Any] | None = None,
) -> Iterator[tuple[Path, Prepared | Exception]]:
    for path in paths:
        try:
            yield path, prepare_file(path, encoding, (labels or {}).get(path), extra)
        except Exception as exc:  # noqa: BLE001
            yield path, exc
