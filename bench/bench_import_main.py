"""The importing process's share of a folder import, alone: what `sayso import` reaches with cores to spare.

    .venv/bin/python bench/bench_import_main.py --passages 100000 [--profile]

A folder import parses in worker processes (corpus.importers.parallel) while
the importing process stores what they hand it: speakers, passages files,
library.json, the search index.  On a machine with few cores the workers'
parsing bounds the import (bench/bench_import.py measures the whole); with
cores enough, the importing process does.  This measures that process alone:

1. Generates the corpus bench/bench_import.py uses (bench.corpus_gen).
2. Prepares every file first, as the workers would (`prepare_file`), and
   reports that CPU time (the workers' share, spread over however many cores).
3. Times `Library.import_paths(parallel=True)` with those prepared files handed
   over as soon as asked, and prints passages/s, its split (search index,
   store and the rest) and, with --profile, the top of a cProfile of it.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sayso.corpus.library
from bench.corpus_gen import write_corpus
from sayso.corpus import Library
from sayso.corpus.importers.parallel import Prepared, prepare_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000, help="passages to generate (default 100,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile of the import")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="sayso-bench-import-main-"))
    try:
        src = work / "transcripts"
        files = write_corpus(src, args.passages, seed=args.seed)
        found = sayso.corpus.library._supported_files(src)
        t0 = time.process_time()
        prepared: dict[Path, Prepared] = {path: prepare_file(path) for path in found}
        prepare_cpu = time.process_time() - t0
        print(
            f"corpus: {args.passages:,} passages in {len(files):,} files; prepared (the workers' share) in "
            f"{prepare_cpu:.1f} s of CPU"
        )

        def handed_over(paths: Any, *rest: Any, **options: Any) -> Any:
            for path in paths:
                yield path, prepared[path]

        lib = Library.open(work / "data")
        index_time = [0.0]
        add_document = lib.index.add_document

        def timed_add(*add_args: Any) -> None:
            t = time.perf_counter()
            add_document(*add_args)
            index_time[0] += time.perf_counter() - t

        lib.index.add_document = timed_add  # type: ignore[method-assign]
        real_prepare_all = sayso.corpus.library.prepare_all
        sayso.corpus.library.prepare_all = handed_over  # type: ignore[assignment]
        profile = cProfile.Profile()
        try:
            c0, t0 = time.process_time(), time.perf_counter()
            if args.profile:
                profile.enable()
            report = lib.import_paths([src], parallel=True)
            profile.disable()
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        finally:
            sayso.corpus.library.prepare_all = real_prepare_all  # type: ignore[assignment]
        assert not report.errors, report.errors[:3]
        print(
            f"importing process: {report.passages:,} passages in {wall:.2f} s ({cpu:.2f} s of CPU): "
            f"{report.passages / wall:,.0f} passages/s (search index add_document: {index_time[0]:.2f} s, "
            f"store, index save and the rest: {wall - index_time[0]:.2f} s)"
        )
        if args.profile:
            print("(profiled: the times above include cProfile's overhead)")
            pstats.Stats(profile).sort_stats("tottime").print_stats(20)
            pstats.Stats(profile).sort_stats("cumtime").print_stats(25)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
