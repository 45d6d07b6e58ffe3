"""Process-wide memory settings for the `sayso` command and app.

glibc's malloc serves a large block (above 128 KiB) with mmap and gives it back
to the system when freed, but it then raises that threshold to the size of
the block just freed, so later blocks of that size come from the heap and stay
in the process once freed.  An import makes and drops many such blocks (the
file's text, its lines, the index's working arrays), one after another: with
the moving threshold a 10 MB transcript's import peaked 10-20 MB higher, and
by how much depended on the order in which threads happened to free them.
Fixing the threshold keeps large blocks mapped only while they are used.
"""

from __future__ import annotations

import ctypes
import sys

#: glibc's mallopt parameter for the mmap threshold (malloc.h: M_MMAP_THRESHOLD).
M_MMAP_THRESHOLD = -3
#: glibc's default starting threshold, kept fixed.
MMAP_THRESHOLD = 128 * 1024


def keep_large_blocks_mapped() -> bool:
    """Fix the C allocator's mmap threshold where it is glibc's (Linux); whether it was set."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # no C library to ask, or one without mallopt
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))
