"""Parsing benchmark: this checkout's importers against a named earlier revision's, on the same files, in one run.

    .venv/bin/python bench/bench_parse.py --passages 100000 --baseline 23e80b1

Parsing is the part of an import that infers each document's convention
(corpus.importers); storing and indexing are measured by bench_import.py.
The baseline revision is checked out into a temporary git worktree and each
side parses every generated file (bench.corpus_gen, `Name: words` transcripts)
in its own fresh process, one core each in turn, best of `--repeat` runs.
Printed: files, passages, seconds, passages/s for both, and the change.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus_gen import write_corpus  # noqa: E402

#: Runs in a child process with the code under test first on sys.path.
_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from sayso.corpus.importers import parse_path
files = json.loads(Path(sys.argv[2]).read_text())
best = None
for _ in range(int(sys.argv[3])):
    started = time.perf_counter()
    passages = sum(len(parse_path(Path(f)).passages) for f in files)
    took = time.perf_counter() - started
    best = took if best is None else min(best, took)
print(json.dumps({"seconds": best, "passages": passages}))
"""


def measure(code_root: Path, files_list: Path, repeat: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(code_root), str(files_list), str(repeat)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument(
        "--baseline", default="23e80b1", help="git revision to compare with (default: before inference)"
    )
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sayso-bench-parse-") as tmp:
        tmpdir = Path(tmp)
        files = write_corpus(tmpdir / "corpus", args.passages, seed=1)
        listing = tmpdir / "files.json"
        listing.write_text(json.dumps([str(f) for f in files]))
        worktree = tmpdir / "baseline"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(worktree), args.baseline],
            check=True,
            capture_output=True,
        )
        try:
            base = measure(worktree, listing, args.repeat)
            mine = measure(ROOT, listing, args.repeat)
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)], capture_output=True
            )
    print(f"{len(files)} files, generated {args.passages} passages (bench.corpus_gen, seed 1), best of {args.repeat}")
    for name, r in ((f"baseline {args.baseline}", base), ("this checkout", mine)):
        print(
            f"  {name:<22} {r['passages']:>8.0f} passages  {r['seconds']:7.2f} s  "
            f"{r['passages'] / r['seconds']:>9,.0f} passages/s"
        )
    change = (mine["passages"] / mine["seconds"]) / (base["passages"] / base["seconds"]) - 1
    print(f"  parsing throughput change: {change:+.0%}")


if __name__ == "__main__":
    main()
