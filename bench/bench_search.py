"""Search benchmark: sayso's index against whole-passage rapidfuzz and fzf, on generated corpora.

    python bench/bench_search.py --sizes 10000,100000,1000000 --queries 200

For each size it generates a corpus (bench/search_corpus.py) and 2-4 word
queries with one typo per word of 4+ letters, then, each engine in its own
process so memory figures do not mix:

- sayso: index build (add_document for every document, then save), index
  open from the persisted files, per-keystroke latency (every prefix of every
  typo query, as typed), recall@10 of typo and clean queries, resident memory;
- rapidfuzz `process.extract` with `fuzz.partial_ratio` over every passage
  (lowercased), timed on full queries (a sample at the largest sizes);
- `fzf --filter` over a file of one passage per line, where fzf is installed.

Recall@10: the passage the query was taken from is among the first 10 hits.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB, from /proc."""
    status = _status()
    return status.get("VmRSS", 0.0), status.get("VmHWM", 0.0)


def _status() -> dict[str, float]:
    found: dict[str, float] = {}
    with open("/proc/self/status") as handle:
        for line in handle:
            name, _, rest = line.partition(":")
            if rest.strip().endswith("kB"):
                found[name] = int(rest.split()[0]) / 1024
    return found


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


# -- workers (each runs in its own process) ------------------------------------------------------
def worker_build(size: int, folder: Path, queries: int, seed: int) -> dict[str, object]:
    from search_corpus import generate_passages, make_queries

    from sayso.corpus.models import Document, Passage
    from sayso.corpus.search import SearchIndex

    t0 = time.perf_counter()
    generated = generate_passages(size, seed)
    gen_seconds = time.perf_counter() - t0
    qs = make_queries(generated, queries, seed + 6)
    (folder / "queries.json").write_text(json.dumps(qs))
    with open(folder / "passages.tsv", "w", encoding="utf-8") as handle:
        for slot, p in enumerate(generated):
            handle.write(f"{slot}\t{p.text}\n")
    index_dir = folder / "index"
    shutil.rmtree(index_dir, ignore_errors=True)
    # Measure the index's own memory: the peak above what the generated corpus already holds.
    before = rss_mb()[0]
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        pass
    t0 = time.perf_counter()
    index = SearchIndex.open(index_dir)
    for start in range(0, size, 100):
        # Documents of 100 passages, made as the Library would hand them over.
        chunk = generated[start : start + 100]
        doc_id = f"d{chunk[0].doc:07d}"
        passages = [
            Passage(id=f"{doc_id}:{p.index}", document=doc_id, index=p.index, speaker=p.speaker, text=p.text)
            for p in chunk
        ]
        index.add_document(Document(id=doc_id, title=f"Session {chunk[0].doc}", kind="panel", source=""), passages)
    t_added = time.perf_counter() - t0
    index.save()
    build = time.perf_counter() - t0
    build_peak = rss_mb()[1] - before
    size_on_disk = sum(f.stat().st_size for f in index_dir.iterdir())
    return {
        "generate_s": gen_seconds,
        "build_s": build,
        "tokenise_s": t_added,
        "passages_per_s": size / build,
        "index_mb": size_on_disk / 1e6,
        "build_peak_rss_mb": build_peak,
    }


def _slot_of(passage_id: str) -> int:
    doc, _, index = passage_id.partition(":")
    return int(doc[1:]) * 100 + int(index)


def worker_sayso(folder: Path) -> dict[str, object]:
    from sayso.corpus.search import SearchIndex

    qs = json.loads((folder / "queries.json").read_text())
    t0 = time.perf_counter()
    index = SearchIndex.open(folder / "index")
    open_ms = (time.perf_counter() - t0) * 1000
    rss_open = rss_mb()[0]
    latencies: list[float] = []
    for q in qs:
        text = q["typo"]
        for i in range(1, len(text) + 1):
            t = time.perf_counter()
            index.search(text[:i], limit=10)
            latencies.append((time.perf_counter() - t) * 1000)
    full: list[float] = []
    found = {"typo": 0, "clean": 0}
    for q in qs:
        for kind in ("typo", "clean"):
            t = time.perf_counter()
            hits = index.search(q[kind], limit=10)
            full.append((time.perf_counter() - t) * 1000)
            if any(_slot_of(h.passage) == q["slot"] for h in hits):
                found[kind] += 1
    current, peak = rss_mb()
    status = _status()
    return {
        "rss_anon_mb": status.get("RssAnon", 0.0),
        "rss_file_mb": status.get("RssFile", 0.0),
        "open_ms": open_ms,
        "p50_ms": statistics.median(latencies),
        "p95_ms": percentile(latencies, 95),
        "keystrokes": len(latencies),
        "full_p50_ms": statistics.median(full),
        "recall_typo": found["typo"] / len(qs),
        "recall_clean": found["clean"] / len(qs),
        "rss_open_mb": rss_open,
        "rss_mb": current,
        "peak_rss_mb": peak,
    }


def worker_partial_ratio(folder: Path, sample: int) -> dict[str, object]:
    from rapidfuzz import fuzz, process

    qs = json.loads((folder / "queries.json").read_text())[:sample]
    t0 = time.perf_counter()
    texts = []
    with open(folder / "passages.tsv", encoding="utf-8") as handle:
        for line in handle:
            texts.append(line.rstrip("\n").split("\t", 1)[1].lower())
    load_s = time.perf_counter() - t0
    times: list[float] = []
    found = {"typo": 0, "clean": 0}
    for q in qs:
        for kind in ("typo", "clean"):
            t = time.perf_counter()
            hits = process.extract(q[kind], texts, scorer=fuzz.partial_ratio, limit=10)
            times.append((time.perf_counter() - t) * 1000)
            if any(index == q["slot"] for _, _, index in hits):
                found[kind] += 1
    current, peak = rss_mb()
    return {
        "queries": len(qs),
        "load_s": load_s,
        "p50_ms": statistics.median(times),
        "p95_ms": percentile(times, 95),
        "recall_typo": found["typo"] / len(qs),
        "recall_clean": found["clean"] / len(qs),
        "rss_mb": current,
        "peak_rss_mb": peak,
    }


def worker_fzf(folder: Path, sample: int) -> dict[str, object]:
    fzf = shutil.which("fzf")
    if not fzf:
        return {"skipped": "fzf not installed (apt-get install fzf)"}
    qs = json.loads((folder / "queries.json").read_text())[:sample]
    times: list[float] = []
    found = {"typo": 0, "clean": 0}
    for q in qs:
        for kind in ("typo", "clean"):
            with open(folder / "passages.tsv", "rb") as stdin:
                t = time.perf_counter()
                proc = subprocess.Popen(
                    [fzf, "--filter", q[kind], "--delimiter", "\t", "--nth", "2.."],
                    stdin=stdin,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
                out, _ = proc.communicate()
                times.append((time.perf_counter() - t) * 1000)
            lines = out.split(b"\n", 10)[:10]
            slots = {int(line.split(b"\t", 1)[0]) for line in lines if line}
            if q["slot"] in slots:
                found[kind] += 1
    import resource

    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "queries": len(qs),
        "p50_ms": statistics.median(times),
        "p95_ms": percentile(times, 95),
        "recall_typo": found["typo"] / len(qs),
        "recall_clean": found["clean"] / len(qs),
        "peak_rss_mb": peak_kb / 1024,
    }


# -- orchestration -------------------------------------------------------------------------------
def run_worker(*args: str) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", *args], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"worker {args[0]} failed")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = platform.processor() or ""
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with open("/proc/meminfo") as handle:
        mem = f"{int(handle.readline().split()[1]) / 1024 / 1024:.0f} GB RAM"
    import numpy
    import rapidfuzz

    return (
        f"{cpu}, {os.cpu_count()} cores, {mem}; Python {platform.python_version()}, "
        f"numpy {numpy.__version__}, rapidfuzz {rapidfuzz.__version__}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="corpus sizes in passages, comma-separated")
    parser.add_argument("--queries", type=int, default=200, help="queries per corpus")
    parser.add_argument(
        "--baseline-queries",
        type=int,
        default=0,
        help="queries timed for the baselines (default: all up to 10k passages, 100 up to 100k, 20 beyond)",
    )
    parser.add_argument(
        "--fzf-queries",
        type=int,
        default=0,
        help="queries timed for fzf, seconds each at 100k+ (default: 50 up to 10k passages, 20 up to 100k, 4 beyond)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", default=None, help="where corpora and indexes go (default: a temp folder)")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        kind, *rest = args.worker
        if kind == "build":
            result = worker_build(int(rest[0]), Path(rest[1]), int(rest[2]), int(rest[3]))
        elif kind == "sayso":
            result = worker_sayso(Path(rest[0]))
        elif kind == "partial_ratio":
            result = worker_partial_ratio(Path(rest[0]), int(rest[1]))
        else:
            result = worker_fzf(Path(rest[0]), int(rest[1]))
        print(json.dumps(result))
        return

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    root = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="sayso-bench-"))
    print(f"machine: {machine()}")
    print(
        f"queries: {args.queries} per corpus, 2-4 consecutive content words from a random passage, "
        "one typo (insert/delete/substitute/transpose) per word of 4+ letters; latency = every prefix as typed"
    )
    print(flush=True)
    for size in sizes:
        folder = root / str(size)
        folder.mkdir(parents=True, exist_ok=True)
        build = run_worker("build", str(size), str(folder), str(args.queries), str(args.seed))
        sayso = run_worker("sayso", str(folder))
        sample = args.baseline_queries or (
            args.queries if size <= 10_000 else min(100 if size <= 100_000 else 20, args.queries)
        )
        fzf_sample = args.fzf_queries or min(args.queries, 50 if size <= 10_000 else 20 if size <= 100_000 else 4)
        print(f"== {size:,} passages ==")
        print(
            f"  sayso index: build {build['build_s']:.1f} s ({build['passages_per_s']:,.0f} passages/s, "
            f"of which tokenising {build['tokenise_s']:.1f} s), {build['index_mb']:.0f} MB on disk, "
            f"indexing used at most {build['build_peak_rss_mb']:.0f} MB beyond the generated corpus"
        )
        print(
            f"  sayso search: open {sayso['open_ms']:.1f} ms; per keystroke p50 {sayso['p50_ms']:.2f} ms, "
            f"p95 {sayso['p95_ms']:.2f} ms ({sayso['keystrokes']} keystrokes); full query p50 "
            f"{sayso['full_p50_ms']:.2f} ms"
        )
        print(
            f"               recall@10 typo {sayso['recall_typo']:.3f}, clean {sayso['recall_clean']:.3f}; "
            f"RSS after open {sayso['rss_open_mb']:.0f} MB, after queries {sayso['rss_mb']:.0f} MB "
            f"(peak {sayso['peak_rss_mb']:.0f} MB; {sayso['rss_anon_mb']:.0f} MB private, "
            f"{sayso['rss_file_mb']:.0f} MB mapped index pages)",
            flush=True,
        )
        if args.no_baselines:
            continue
        pr = run_worker("partial_ratio", str(folder), str(sample))
        print(
            f"  rapidfuzz partial_ratio ({pr['queries']} queries x typo+clean, full queries): p50 {pr['p50_ms']:.0f} ms, "
            f"p95 {pr['p95_ms']:.0f} ms; recall@10 typo {pr['recall_typo']:.3f}, clean {pr['recall_clean']:.3f}; "
            f"RSS {pr['rss_mb']:.0f} MB",
            flush=True,
        )
        fz = run_worker("fzf", str(folder), str(fzf_sample))
        if "skipped" in fz:
            print(f"  fzf: skipped, {fz['skipped']}")
        else:
            print(
                f"  fzf --filter ({fz['queries']} queries x typo+clean, full queries): p50 {fz['p50_ms']:.0f} ms, "
                f"p95 {fz['p95_ms']:.0f} ms; recall@10 typo {fz['recall_typo']:.3f}, clean {fz['recall_clean']:.3f}; "
                f"peak RSS {fz['peak_rss_mb']:.0f} MB"
            )
        ratio = pr["p50_ms"] / max(sayso["full_p50_ms"], 1e-6)
        line = f"  vs partial_ratio: sayso full query {ratio:,.0f}x faster (p50), per keystroke {pr['p50_ms'] / max(sayso['p50_ms'], 1e-6):,.0f}x"
        if "skipped" not in fz:
            line += f"; fzf {pr['p50_ms'] / max(fz['p50_ms'], 1e-6):.1f}x the speed of partial_ratio"
        print(line)
        print(flush=True)
    if not args.workdir:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
