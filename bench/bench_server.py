"""Server search benchmark (issue 18): word search in PostgreSQL beside the local engine, on one corpus, in one run.

    .venv/bin/python bench/bench_server.py                              # 100k passages
    .venv/bin/python bench/bench_server.py --sizes 100000,1000000        # and 1M (long: the 1M import)
    .venv/bin/python bench/bench_server.py --corpus lexicon --queries 100

For each size, on the same generated transcripts and the same queries:

1. Corpus: bench/corpus_gen.py's labelled transcripts (--corpus labelled, the
   default: English-like turns over a few hundred words), or bench_search's
   80,000-word lexicon in the same layout (--corpus lexicon, bench_scale's
   `write_lexicon_corpus`), where the passage a query was taken from is close
   to unique, so recall@10 says how well typos are forgiven rather than how
   ties fall.  Generated once per --workdir and reused.
2. Import, each in a process of its own, both through `Library.import_paths`
   on the folder of files, parsing in worker processes as `sayso import`
   does (--serial: in the importing process): a local library (`Library.open`) and an archive
   on a throwaway PostgreSQL cluster (tests/pgcluster.py: a Unix socket,
   fsync on) reached with `Library.connect` as an editor, one transaction per
   document.  Passages/s on the import's wall time; the archive's size.  Then
   VACUUM ANALYZE (what autovacuum does after a bulk load; timed apart).
3. Queries: bench_scale's `worker_dump` reads the passages back from the local
   library and makes them with bench/search_corpus.py's `make_queries`: 2-4
   consecutive content words of a random passage, clean and with one typo
   (insert/delete/substitute/transpose) per word of 4+ letters.  Document ids
   come from the files' paths, so a passage has the same id in both.
4. Search, each engine in a process of its own, warmed by one query: every
   typo and clean query in full (`Library.search(q, limit=10)`), timed per
   query (p50/p95/max); recall@10 (the query's source passage among the 10
   hits) of typo and clean queries; and how often the archive's top 10 is the
   local engine's (same passages in the same order) or overlaps it.  Also
   per keystroke (every prefix of the first --keystroke-queries typo queries).

Floors (PASS/FAIL beside the archive's figures; sizes up to 100k are only
shown): p95 per query <= 150 ms at 1M; recall@10 of typo queries within 0.05
of the local engine's; import >= 5,000 passages/s.  The machine, its load
average and the server's settings are printed with the figures: the cores are
shared by client, server and (on a busy machine) other work.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))  # bench_scale, corpus_gen, search_corpus
sys.path.insert(0, str(ROOT / "tests"))  # pgcluster

import bench_scale  # noqa: E402
from bench_scale import median, ms_since, percentile, run_measured  # noqa: E402

ENGINES = ("local", "server")
#: role the benchmark imports and searches as (an editor of the archive)
MEMBER = "bench"


# -- workers (each runs in its own process) ------------------------------------------------------
def open_library(p: dict[str, Any]) -> Any:
    from sayso.corpus import Library

    if p["engine"] == "server":
        return Library.connect(p["url"], data_dir=p["data"])
    return Library.open(p["data"])


def worker_import(p: dict[str, Any]) -> dict[str, Any]:
    lib = open_library(p)
    t0 = time.perf_counter()
    report = lib.import_paths([p["transcripts"]], parallel=p["parallel"])
    seconds = time.perf_counter() - t0
    if report.errors:
        raise RuntimeError(f"import failed: {report.errors[:3]}")
    lib.close()
    return {
        "import_s": seconds,
        "passages": report.passages,
        "documents": len(report.documents),
        "import_rate": report.passages / seconds,
        "peak_rss_mb": bench_scale.peak_rss_self_mb(),
    }


def worker_search(p: dict[str, Any]) -> dict[str, Any]:
    lib = open_library(p)
    queries = json.loads(Path(p["queries"]).read_text())
    for q in queries[:5]:  # what the engine loads on first use, and the caches
        lib.search(q["clean"], limit=10)
    times: dict[str, list[float]] = {"typo": [], "clean": []}
    found: dict[str, list[list[str]]] = {"typo": [], "clean": []}
    recall = {"typo": 0, "clean": 0}
    for q in queries:
        for kind in ("typo", "clean"):
            t = time.perf_counter()
            hits = [h.passage for h in lib.search(q[kind], limit=10)]
            times[kind].append(ms_since(t))
            found[kind].append(hits)
            recall[kind] += q["id"] in hits
    keystrokes: list[float] = []
    for q in queries[: p["keystroke_queries"]]:
        text = q["typo"]
        for i in range(1, len(text) + 1):
            t = time.perf_counter()
            lib.search(text[:i], limit=10)
            keystrokes.append(ms_since(t))
    lib.close()
    both = times["typo"] + times["clean"]
    n = len(queries)
    return {
        "p50_ms": median(both),
        "p95_ms": percentile(both, 95),
        "max_ms": max(both),
        "typo_p50_ms": median(times["typo"]),
        "typo_p95_ms": percentile(times["typo"], 95),
        "clean_p50_ms": median(times["clean"]),
        "clean_p95_ms": percentile(times["clean"], 95),
        "keystroke_p50_ms": median(keystrokes),
        "keystroke_p95_ms": percentile(keystrokes, 95),
        "keystrokes": len(keystrokes),
        "recall_typo": recall["typo"] / n,
        "recall_clean": recall["clean"] / n,
        "queries": n,
        "hits": found,
        "peak_rss_mb": bench_scale.peak_rss_self_mb(),
    }


WORKERS = {"import": worker_import, "search": worker_search}


def run_worker(kind: str, **params: Any) -> dict[str, Any]:
    """One worker of this script in its own process: its JSON result (the process's wall time and peak RSS too)."""
    done = run_measured([sys.executable, str(Path(__file__).resolve()), "--worker", kind, json.dumps(params)])
    if done["rc"] != 0:
        sys.stderr.write(done["stderr"][-4000:])
        raise RuntimeError(f"worker {kind} failed (exit {done['rc']})")
    result: dict[str, Any] = json.loads(done["stdout"].strip().splitlines()[-1])
    result["process_peak_rss_mb"] = done["peak_rss_mb"]
    return result


# -- the archive ---------------------------------------------------------------------------------
def new_archive(cluster: Any, name: str) -> str:
    """A fresh archive database in `cluster` with the benchmark's member as an editor; the member's URL."""
    from sayso.corpus.server.admin import grant, migrate
    from sayso.corpus.server.pg import Server

    admin = cluster.create_database(name)
    server = Server(admin)
    try:
        migrate(server, initial=True)
        grant(server, MEMBER, "editor")
    finally:
        server.close()
    return str(cluster.url(MEMBER, name))


def vacuum(cluster: Any, name: str) -> float:
    t0 = time.perf_counter()
    cluster.sql("VACUUM (ANALYZE)", db=name)
    return time.perf_counter() - t0


def archive_facts(cluster: Any, name: str) -> dict[str, Any]:
    import psycopg

    with psycopg.connect(cluster.url(db=name), autocommit=True) as conn:
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()
        tables = conn.execute(
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'sayso' AND c.relkind = 'r' ORDER BY 2 DESC LIMIT 4"
        ).fetchall()
        words = conn.execute("SELECT count(*) FROM sayso.vocabulary").fetchone()
    return {
        "db_mb": (size[0] if size else 0) / 1e6,
        "tables": {name: round(bytes_ / 1e6, 1) for name, bytes_ in tables},
        "vocabulary": words[0] if words else 0,
    }


def server_facts(cluster: Any) -> str:
    import psycopg

    with psycopg.connect(cluster.url(), autocommit=True) as conn:
        version = conn.execute("SHOW server_version").fetchone()
        settings = [
            f"{name} {conn.execute(f'SHOW {name}').fetchone()[0]}"  # type: ignore[index]
            for name in ("shared_buffers", "work_mem", "fsync", "synchronous_commit")
        ]
    return f"PostgreSQL {version[0] if version else '?'} ({', '.join(settings)})"


# -- comparing and printing ----------------------------------------------------------------------
def agreement(local: dict[str, Any], server: dict[str, Any]) -> dict[str, float]:
    """How often the archive's top 10 is the local engine's, in order; and their mean overlap (shared / 10)."""
    same = 0
    overlap = 0.0
    total = 0
    for kind in ("typo", "clean"):
        for a, b in zip(local["hits"][kind], server["hits"][kind]):
            same += a == b
            overlap += len(set(a) & set(b)) / max(len(a), len(b), 1)
            total += 1
    return {"same_top10": same / max(total, 1), "overlap_top10": overlap / max(total, 1)}


ROWS: list[tuple[str, str, str]] = [
    ("import through Library.import_paths", "import_rate", "rate"),
    ("   wall time", "import_s", "s"),
    ("   then VACUUM ANALYZE", "vacuum_s", "s"),
    ("   on disk (archive: the database)", "disk_mb", "mb"),
    ("full query p50 (typo + clean)", "p50_ms", "ms"),
    ("full query p95", "p95_ms", "ms"),
    ("full query max", "max_ms", "ms"),
    ("   typo p50 / p95", "typo_split", ""),
    ("   clean p50 / p95", "clean_split", ""),
    ("per keystroke p50", "keystroke_p50_ms", "ms"),
    ("per keystroke p95", "keystroke_p95_ms", "ms"),
    ("recall@10 typo queries", "recall_typo", "recall"),
    ("recall@10 clean queries", "recall_clean", "recall"),
    ("top 10 = the local engine's, in order", "same_top10", "share"),
    ("top 10 overlap with the local engine's", "overlap_top10", "share"),
    ("search process peak RSS", "search_rss_mb", "mb"),
]


def floors(figures: dict[str, Any], size: int) -> dict[str, tuple[str, bool]]:
    """figure -> (the floor, met) for the archive."""
    server, local = figures["server"], figures["local"]
    found = {
        "import_rate": (">= 5,000 /s", server["import_rate"] >= 5000),
        "recall_typo": (
            f">= {local['recall_typo'] - 0.05:.3f} (local - 0.05)",
            server["recall_typo"] >= local["recall_typo"] - 0.05,
        ),
    }
    if size >= 1_000_000:
        found["p95_ms"] = ("<= 150 ms (1M)", server["p95_ms"] <= 150)
    return found


def _fmt(value: Any, kind: str) -> str:
    if value is None:
        return "-"
    if kind == "ms":
        return f"{value:,.1f} ms"
    if kind == "rate":
        return f"{value:,.0f} passages/s"
    if kind == "s":
        return f"{value:,.1f} s"
    if kind == "mb":
        return f"{value:,.0f} MB"
    if kind == "recall":
        return f"{value:.3f}"
    if kind == "share":
        return f"{value:.1%}"
    return str(value)


def render(figures: dict[str, Any], size: int) -> str:
    corpus = figures["corpus"]
    judged = floors(figures, size)
    lines = [
        f"== {size:,} passages requested: {corpus['passages']:,} imported in {corpus['documents']:,} documents "
        f"({corpus['files']:,} files, {corpus['mb']:.0f} MB; {figures['queries']} queries x typo + clean) =="
    ]
    cells = [["figure", "local", "server", "floor (server)", ""]]
    for label, key, kind in ROWS:
        row = [label]
        for engine in ENGINES:
            f = figures[engine]
            if key.endswith("_split"):
                part = key.removesuffix("_split")
                value = f"{f[part + '_p50_ms']:.1f} / {f[part + '_p95_ms']:.1f} ms"
            elif key in ("same_top10", "overlap_top10"):
                value = _fmt(figures["agreement"][key], kind) if engine == "server" else "-"
            else:
                value = _fmt(f.get(key), kind)
            row.append(value)
        floor = judged.get(key)
        row += [floor[0], "PASS" if floor[1] else "FAIL"] if floor else ["", ""]
        cells.append(row)
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))]
    for r in cells:
        lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    tables = ", ".join(f"{name} {mb:,.0f} MB" for name, mb in figures["server"]["tables"].items())
    lines.append(f"  archive: {tables}; {figures['server']['vocabulary']:,} words in the vocabulary")
    return "\n".join(lines)


# -- one size --------------------------------------------------------------------------------------
def run_size(args: argparse.Namespace, cluster: Any, size: int, root: Path) -> dict[str, Any]:
    folder = root / f"{args.corpus}-{size}-seed{args.seed}"
    transcripts = folder / "transcripts"
    folder.mkdir(parents=True, exist_ok=True)

    def log(message: str) -> None:
        print(f"  [{size:,}] {message}", file=sys.stderr, flush=True)

    stamp = folder / "corpus.json"
    if stamp.exists() and transcripts.is_dir():
        corpus = json.loads(stamp.read_text())
        log(f"corpus: reusing {corpus['files']} files")
    else:
        shutil.rmtree(transcripts, ignore_errors=True)
        log("corpus: generating")
        corpus = bench_scale.run_worker(
            "generate", folder=str(transcripts), size=size, seed=args.seed, corpus=args.corpus
        )
        stamp.write_text(json.dumps(corpus))
    figures: dict[str, Any] = {"corpus": {k: corpus[k] for k in ("files", "mb")}, "local": {}, "server": {}}
    local_data = folder / "local-data"
    member_data = folder / "member-data"
    for path in (local_data, member_data):
        shutil.rmtree(path, ignore_errors=True)
    name = f"archive_{args.corpus}_{size}"
    url = new_archive(cluster, name)
    engines = {
        "local": {"engine": "local", "data": str(local_data)},
        "server": {"engine": "server", "data": str(member_data), "url": url},
    }
    for engine, where in engines.items():
        log(f"{engine}: import")
        done = run_worker("import", transcripts=str(transcripts), parallel=not args.serial, **where)
        figures[engine].update({k: done[k] for k in ("import_s", "import_rate")})
        figures["corpus"].update(passages=done["passages"], documents=done["documents"])
    figures["local"]["disk_mb"] = bench_scale.folder_mb(local_data)
    log("server: VACUUM ANALYZE")
    figures["server"]["vacuum_s"] = vacuum(cluster, name)
    facts = archive_facts(cluster, name)
    figures["server"].update(disk_mb=facts["db_mb"], tables=facts["tables"], vocabulary=facts["vocabulary"])
    log("queries: reading the passages back from the local library")
    queries = folder / "queries.json"
    bench_scale.run_worker(
        "dump",
        data=str(local_data),
        out=str(folder / "passages.jsonl"),
        queries_out=str(queries),
        queries=args.queries,
        seed=args.seed,
    )
    figures["queries"] = args.queries
    for engine, where in engines.items():
        log(f"{engine}: search")
        found = run_worker("search", queries=str(queries), keystroke_queries=args.keystroke_queries, **where)
        found["search_rss_mb"] = found.pop("process_peak_rss_mb")
        figures[engine].update(found)
    figures["agreement"] = agreement(figures["local"], figures["server"])
    figures["floors"] = {k: {"floor": f, "pass": ok} for k, (f, ok) in floors(figures, size).items()}
    if not args.keep:
        cluster.sql(f'DROP DATABASE "{name}"')
        for path in (local_data, member_data):
            shutil.rmtree(path, ignore_errors=True)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000", help="corpus sizes in passages, comma-separated (default 100000)")
    parser.add_argument("--corpus", choices=("labelled", "lexicon"), default="labelled")
    parser.add_argument("--queries", type=int, default=200, help="queries per size (each typo and clean)")
    parser.add_argument("--keystroke-queries", type=int, default=20, help="typo queries also timed per keystroke")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--serial",
        action="store_true",
        help="parse in the importing process (default: in worker processes, as `sayso import` does)",
    )
    parser.add_argument("--workdir", help="keep corpora here (reused by later runs); default: a temp folder")
    parser.add_argument("--keep", action="store_true", help="keep the libraries and archives (with --workdir)")
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        kind, params = args.worker
        print(json.dumps(WORKERS[kind](json.loads(params))))
        return 0

    from pgcluster import Cluster, why_unavailable

    why = why_unavailable()
    if why:
        print(f"cannot start a PostgreSQL cluster: {why}", file=sys.stderr)
        return 1
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    root = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="sayso-bench-server-"))
    root.mkdir(parents=True, exist_ok=True)
    cluster = Cluster()
    report: dict[str, Any] = {"args": {k: v for k, v in vars(args).items() if k != "worker"}, "sizes": {}}
    try:
        info = bench_scale.machine()
        server = server_facts(cluster)
        report["machine"] = {**info, "server": server}
        print(
            f"machine: {info['cpu']}, {info['cores']} cores, {info['ram']} RAM; {info['os']}; "
            f"load average {info['load']}\nversions: Python {info['python']}, sayso {info['sayso']}; {server}, "
            "client and server on this machine over a Unix socket"
        )
        print(
            f"corpus: {args.corpus} (seed {args.seed}); {args.queries} queries per size of 2-4 content words from a "
            "random passage, clean and with one typo per word of 4+ letters\n",
            flush=True,
        )
        for size in sizes:
            started = time.perf_counter()
            figures = run_size(args, cluster, size, root)
            figures["seconds"] = time.perf_counter() - started
            figures["load"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
            report["sizes"][str(size)] = {
                k: v if k not in ENGINES else {n: x for n, x in v.items() if n != "hits"} for k, v in figures.items()
            }
            print(render(figures, size))
            print(
                f"  (this size took {figures['seconds']:.0f} s; load average after it {figures['load']})\n", flush=True
            )
    finally:
        cluster.close()
        if not args.workdir:
            shutil.rmtree(root, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, default=str))
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
