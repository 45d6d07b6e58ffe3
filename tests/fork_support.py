"""Forked writer processes for the durability tests: a child acknowledges each durable write on a pipe."""

from __future__ import annotations

import os
import select
import time
from collections.abc import Callable


def fork_writer(body: Callable[[int], None]) -> tuple[int, int]:
    """Fork a child running `body(ack_fd)`; returns (pid, read end of its ack pipe).

    An exception in the child is written to the pipe as one `error ...` line
    and the child exits 1, so the parent sees it instead of a silent death.
    """
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        code = 0
        try:
            os.close(r)
            body(w)
        except BaseException as exc:  # noqa: BLE001
            os.write(w, f"error {type(exc).__name__}: {exc}\n".encode())
            code = 1
        finally:
            os._exit(code)
    os.close(w)
    return pid, r


def wait_for_acks(fd: int, count: int, timeout: float = 120.0) -> bytes:
    """Read the child's pipe until it has written `count` whole lines (or closed it); returns the bytes read.

    The wait is for the child's progress, not for a time: `timeout` only catches a child that hangs.
    Pass the bytes on to `read_lines`, since they are acknowledgements to check like the rest.
    """
    got = b""
    deadline = time.monotonic() + timeout
    while (lines := got.count(b"\n")) < count:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        assert ready, f"the writer acknowledged {lines} of {count} saves in {timeout:.0f} s"
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        got += chunk
    return got


def read_lines(fd: int, already: bytes = b"") -> list[str]:
    """Everything the child wrote until it closed its end (or died), after `already` read; closes `fd`."""
    chunks = [already]
    while True:
        data = os.read(fd, 65536)
        if not data:
            break
        chunks.append(data)
    os.close(fd)
    return b"".join(chunks).decode(errors="replace").splitlines()
