"""Import benchmark: sayso's layout against the naive one-file TinyDB, measured in the same run.

    /work/venv/bin/python bench/bench_import.py --passages 100000

1. Generates labelled transcripts (bench.corpus_gen: English-like turns of
   20-150 words, 2-6 speakers per conversation, a few hundred turns per file).
2. Imports them as `sayso import` does (`Library.import_paths(parallel=True)`: parse, store, search index) and
   prints throughput in MB/s of input and passages/s.
3. Times opening the library as the first screen does:
   `Library.open` + `documents()` + `speakers()` (median of several runs),
   and re-importing one document (touches docs/<id>.json and library.json).
4. Baseline: stock TinyDB with its JSONStorage, every passage in one table of
   one file (inserted the usual way, `insert_multiple`), then one more
   `insert` and open + read (`TinyDB(path)`, `.all()`, documents and speakers
   derived from the passages).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tinydb import TinyDB
from tinydb.storages import JSONStorage

import sayso.corpus.library
from bench.corpus_gen import write_corpus
from sayso.corpus import Library


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def median_time(fn: Callable[[], Any], runs: int) -> float:
    return statistics.median(timed(fn)[0] for _ in range(runs))


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.1f} {unit}" if unit != "B" else f"{int(n)} B"
        n /= 1024
    return f"{n:.1f} GB"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def open_sayso(data: Path) -> tuple[int, int]:
    lib = Library.open(data)
    return len(lib.documents()), len(lib.speakers())


def open_baseline(path: Path) -> tuple[int, int]:
    db = TinyDB(path, storage=JSONStorage)
    rows = db.all()
    documents = Counter(r["document"] for r in rows)
    speakers = Counter(r["speaker"] for r in rows if r["speaker"])
    db.close()
    return len(documents), len(speakers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000, help="passages to generate (default 100,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=7, help="repetitions of the open measurements")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temp folder, removed)")
    args = parser.parse_args(argv)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="sayso-bench-import-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        src, data, baseline_path = work / "transcripts", work / "data", work / "baseline.json"
        for leftover in (src, data):
            shutil.rmtree(leftover, ignore_errors=True)
        baseline_path.unlink(missing_ok=True)

        gen_time, files = timed(lambda: write_corpus(src, args.passages, seed=args.seed))
        size = sum(f.stat().st_size for f in files)
        print(
            f"corpus: {args.passages:,} passages in {len(files):,} files, {human_bytes(size)} "
            f"(generated in {gen_time:.1f} s) in {work}"
        )

        # -- sayso ---------------------------------------------------------------------
        lib = Library.open(data)
        index_time = [0.0]
        index = lib.index
        add_document = index.add_document

        def timed_add(doc: Any, passages: Any, *rest: Any) -> None:
            t0 = time.perf_counter()
            add_document(doc, passages, *rest)
            index_time[0] += time.perf_counter() - t0

        index.add_document = timed_add  # type: ignore[method-assign]
        parse_time = [0.0]  # time the library waited for parsed files (parsing runs ahead in worker processes)
        real_prepare = sayso.corpus.library.prepare_all

        def timed_prepare(*args: Any, **kwargs: Any) -> Any:
            ready = real_prepare(*args, **kwargs)
            while True:
                t0 = time.perf_counter()
                try:
                    item = next(ready)
                except StopIteration:
                    return
                finally:
                    parse_time[0] += time.perf_counter() - t0
                yield item

        sayso.corpus.library.prepare_all = timed_prepare  # type: ignore[assignment]
        try:
            import_time, report = timed(lambda: lib.import_paths([src], parallel=True))
        finally:
            sayso.corpus.library.prepare_all = real_prepare  # type: ignore[assignment]
        if report.errors:
            print(f"import errors ({len(report.errors)}): {report.errors[:3]}")
        stored = sum(d.passages for d in lib.documents())
        library_json = (data / "library.json").stat().st_size
        docs_total = sum(p.stat().st_size for p in (data / "docs").glob("*.json"))
        print(
            f"\nsayso: imported {len(report.documents):,} documents, {stored:,} passages, "
            f"{len(lib.speakers())} speakers in {import_time:.1f} s: "
            f"{size / 1e6 / import_time:.2f} MB/s, {stored / import_time:,.0f} passages/s "
            f"(waiting for parsed files: {parse_time[0]:.1f} s, search index: {index_time[0]:.1f} s, "
            f"store and the rest: {import_time - parse_time[0] - index_time[0]:.1f} s)"
        )
        print(
            f"  files: library.json {human_bytes(library_json)}, docs/ {human_bytes(docs_total)} "
            f"in {len(files):,} files"
        )

        open_sayso(data)  # warm the OS cache, as for the baseline below
        sayso_open = median_time(lambda: open_sayso(data), args.runs)
        print(f"  open library (Library.open + documents() + speakers()): {ms(sayso_open)} (median of {args.runs})")

        one = files[len(files) // 2]
        reimport_lib = Library.open(data)
        reimport_time, doc = timed(lambda: reimport_lib.import_file(one))
        doc_path = reimport_lib.store.passages_path(doc.id)
        doc_file = doc_path.stat().st_size
        print(
            f"  re-import one document ({doc.passages} passages): {ms(reimport_time)}, writes "
            f"docs/{doc_path.name} ({human_bytes(doc_file)}) and library.json ({human_bytes(library_json)})"
        )

        # -- baseline: stock TinyDB, one file ------------------------------------------------
        rows = [p.to_dict() for d in lib.documents() for p in lib.passages(d.id)]
        db = TinyDB(baseline_path, storage=JSONStorage)
        fill_time, _ = timed(lambda: db.table("_default").insert_multiple(rows))
        extra = dict(rows[-1], id="extra:0", index=len(rows))
        insert_time, _ = timed(lambda: db.insert(extra))
        db.close()
        open_baseline(baseline_path)
        base_open = median_time(lambda: open_baseline(baseline_path), max(3, args.runs // 2))
        print(
            f"\nbaseline (stock TinyDB JSONStorage, every passage in one file, {human_bytes(baseline_path.stat().st_size)}):"
        )
        print(f"  insert all {len(rows):,} passages (insert_multiple): {fill_time:.1f} s")
        print(f"  one more insert: {ms(insert_time)}")
        print(f"  open + read (TinyDB(path).all(), documents and speakers derived): {ms(base_open)}")

        print("\nratios:")
        print(f"  sayso open is {base_open / sayso_open:,.0f}x faster than the one-file TinyDB baseline")
        print(
            f"  re-importing a whole document ({doc.passages} passages) is {insert_time / reimport_time:,.0f}x faster "
            f"than inserting one passage into the baseline"
        )
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
