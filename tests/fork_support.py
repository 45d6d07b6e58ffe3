"""Forked writer processes for the durability tests: a child acknowledges each durable write on a pipe."""

from __future__ import annotations

import os
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


def read_lines(fd: int) -> list[str]:
    """Everything the child wrote until it closed its end (or died), as lines; closes `fd`."""
    chunks = []
    while True:
        data = os.read(fd, 65536)
        if not data:
            break
        chunks.append(data)
    os.close(fd)
    return b"".join(chunks).decode(errors="replace").splitlines()
