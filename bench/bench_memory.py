"""Memory benchmark: peak resident memory of `sayso import` and of parsing alone, as a multiple of the file.

    .venv/bin/python bench/bench_memory.py --transcript-mb 50 --line-mb 10

Generates a labelled transcript (turns of a few sentences) and one line of lower-case sentences, then
runs, each in a fresh child process so that `getrusage(RUSAGE_CHILDREN).ru_maxrss` is its own peak:
`parse_path` alone (the importers' share), and `sayso --data TMP import FILE` (parse, passage files,
search index).  The goal (issue 11) is an import under 5x the file's size.

Measured on the 2-core development machine (issue 11); the last column is what the file adds to a
one-line import (the interpreter, numpy and sayso's code, about 50 MB), which is what the 5x goal and
tests/test_large_docs.py hold:

    file                      sayso import (first)   (index fix)     (issue 11)   (now)    beyond a one-line import
    50 MB transcript          ~2.3 GB (46x)          ~460 MB (9x)    272 MB       260 MB   210 MB (4.2x)
    10 MB lower-case line     ~540 MB (54x)          ~190 MB (19x)    86 MB        89 MB    39 MB (3.9x)

("now": the passages' texts joined once parsed, so the parse's memory goes back before the index is built,
and the importing malloc settings keeping 1 MB free rather than 8; see sayso/memory.py.)

What it took to get there: the index build tokenised a whole document at once (~2 GB for the 50 MB
transcript); it now goes a run of passages at a time.  The parser let go of nothing: the text was held
beside its lines and its passages, a long line's words were made into one list (110 MB for a 10 MB
line, in three places), a name cache kept a whole line alive; now the text goes once split into lines
(OwnedText) and long lines are read a piece at a time.  The passages went to the index as one object
each (9 MB per 10 MB of text); now as columns.  And glibc's moving mmap threshold kept freed large
blocks in the heap, so the peak varied by 12 MB from run to run; sayso fixes it (sayso/memory.py).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

WORDS = [
    "the",
    "archive",
    "model",
    "open",
    "weights",
    "record",
    "library",
    "people",
    "question",
    "answer",
    "time",
    "words",
    "history",
    "reader",
]


def transcript(path: Path, size: int) -> None:
    """About `size` bytes of `Name: sentences` turns, one paragraph each."""
    rng = random.Random(1)
    speakers = ("Ada Park", "Ben Cho", "Cy Lee", "Di Moss")
    with path.open("w", encoding="utf-8") as out:
        out.write("Big panel\n\n")
        written, turn = 0, 0
        while written < size:
            sentences = " ".join(
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))).capitalize() + "."
                for _ in range(rng.randint(2, 8))
            )
            line = f"{speakers[turn % 4]}: {sentences}\n\n"
            out.write(line)
            written += len(line)
            turn += 1


def lower_case_line(path: Path, size: int) -> None:
    """About `size` bytes on one line, every sentence starting in lower case."""
    rng = random.Random(2)
    with path.open("w", encoding="utf-8") as out:
        written = 0
        while written < size:
            sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))) + ". "
            out.write(sentence)
            written += len(sentence)
        out.write("\n")


def peak_of(argv: list[str]) -> int:
    """Peak RSS in bytes of one child process (run alone, so the maximum is its own)."""
    code = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True)
    return int(done.stdout) * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--transcript-mb", type=float, default=50)
    parser.add_argument("--line-mb", type=float, default=10)
    args = parser.parse_args()
    parse = (
        "import sys; from pathlib import Path; from corpus.importers import parse_path; parse_path(Path(sys.argv[1]))"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = [
            (folder / "transcript.txt", transcript, args.transcript_mb),
            (folder / "line.txt", lower_case_line, args.line_mb),
        ]
        small = folder / "one-line.txt"
        small.write_text("Ada Park: One line.\n", encoding="utf-8")
        idle = peak_of([sys.executable, "-m", "sayso", "--data", str(folder / "data-small"), "import", str(small)])
        print(f"a one-line import (the interpreter, numpy, sayso's code): {idle / 1e6:.0f} MB")
        print(f"{'file':<16}{'MB':>8}{'parse only':>16}{'sayso import':>18}{'beyond a one-line import':>28}")
        for path, make, mb in files:
            make(path, int(mb * 1_000_000))
            size = path.stat().st_size
            parsed = peak_of([sys.executable, "-c", parse, str(path)])
            imported = peak_of(
                [sys.executable, "-m", "sayso", "--data", str(folder / f"data-{path.stem}"), "import", str(path)]
            )
            print(
                f"{path.name:<16}{size / 1e6:>8.1f}{parsed / 1e6:>10.0f} MB {parsed / size:>3.0f}x"
                f"{imported / 1e6:>11.0f} MB {imported / size:>3.0f}x"
                f"{(imported - idle) / 1e6:>19.0f} MB {(imported - idle) / size:>4.1f}x"
            )


if __name__ == "__main__":
    main()
