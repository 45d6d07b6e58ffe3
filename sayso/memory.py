"""Process-wide memory settings for the `sayso` command and app: one for importing, one for reading.

glibc's malloc serves a large block (above 128 KiB) with mmap and gives it back
to the system when freed, but it then raises that threshold to the size of
the block just freed, so later blocks of that size come from the heap and stay
in the process once freed.

Importing: an import makes and drops many such blocks (the file's text, its
lines, the index's working arrays), one after another.  With the moving
threshold a 10 MB transcript's import peaked 10-20 MB higher, and by how much
depended on the order in which threads happened to free them; with the
threshold fixed at 128 KiB every block above it is mapped afresh and each of
its pages faulted in, which cost a folder import a fifth of its time in the
kernel (350,000 faults for 100,000 passages).  So for importing the threshold
is fixed at 4 MB: the working arrays of parsing and indexing a run of passages
come from the heap and are used again; only the few larger blocks (a whole
document's text, a segment's arrays) are mapped, and given back when freed.
Free memory at the heap's top is given back past 1 MB, and the heap grows 1 MB
at a time: with 8 MB and 4 MB, a 10 MB transcript's import peaked 3-5 MB
higher (5.1x the file beyond a one-line import, over the 5x goal), varying
from run to run.  The price is about 4% of a folder import's time (`sayso
import` of the 100k-passage benchmark corpus, 3.6 s against 3.8 s, timed
alternately); 2 MB and 2 MB cost about as much and peak at 4.8x.

Reading (the app, `sayso search`): every search makes working arrays of up to
a few MB at a million passages and drops them.  Mapped afresh each time, each
page of each array is a page fault, and on the 2-core VM sayso is measured on
a fault costs microseconds: with the threshold fixed at 128 KiB a keystroke's
search took p95 16 ms at 1M passages instead of 9 ms, and the first search of
a process twice as long.  So for reading, blocks up to 32 MB come from the
heap and are used again once freed, the heap grows 32 MB at a time rather than
a page at a time, and up to 64 MB of it kept free is not given back.

The app runs with the reading settings throughout, so a file imported from it
peaks somewhat higher than with `sayso import` (10-20 MB for a 10 MB
transcript), and it may keep up to 64 MB free for its next searches.
"""

from __future__ import annotations

import ctypes
import sys

#: glibc's mallopt parameters (malloc.h).
M_TRIM_THRESHOLD = -1
M_TOP_PAD = -2
M_MMAP_THRESHOLD = -3
#: for importing: (parameter, value)
IMPORTING = ((M_MMAP_THRESHOLD, 4 << 20), (M_TRIM_THRESHOLD, 1 << 20), (M_TOP_PAD, 1 << 20))
#: for reading: (parameter, value)
READING = ((M_MMAP_THRESHOLD, 32 << 20), (M_TRIM_THRESHOLD, 64 << 20), (M_TOP_PAD, 32 << 20))


def _mallopt(settings: tuple[tuple[int, int], ...]) -> bool:
    """Set glibc malloc's `settings` where the C library is glibc (Linux); whether all were set."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # no C library to ask, or one without mallopt
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    done = [bool(mallopt(param, value)) for param, value in settings]  # every one, even after a refusal
    return all(done)


def keep_large_blocks_mapped() -> bool:
    """For importing: map only blocks above a fixed 4 MB threshold (see the module); whether it was set."""
    return _mallopt(IMPORTING)


def reuse_blocks_for_reading() -> bool:
    """For reading and searching: serve working arrays from a heap kept for them (see the module); whether
    it was set."""
    return _mallopt(READING)
