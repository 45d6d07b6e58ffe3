"""Search by meaning, offline: a static sentence-embedding model shipped inside a PyPI package.

The model is wordllama's `l2_supercat` (Llama 2's token embeddings distilled into
256 dimensions; a passage is the mean of its tokens' vectors).  Its wheel ships
the weights and the tokenizer, so nothing is downloaded: this module reads them
from the installed package's folder itself (wordllama's own `load()` looks for
the tokenizer in a folder that does not exist and then asks the network), with
`tokenizers` and `safetensors`, never touching the Hugging Face hub.  It alone
imports the model's libraries (an import-linter contract).

Passage vectors live in `<index>/meaning/`: batch files of int8 vectors with a
scale per passage (`BYTES_PER_PASSAGE`), and `manifest.json` naming, per
document, its file, first row, passage count and the passages' version.  A
sync embeds the documents the library holds in another version (new or
re-imported), forgets removed ones, writes a new batch file, then swaps the
manifest atomically: a kill at any moment leaves the old manifest or the new
one, both complete.  A manifest of another model or format is rebuilt.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from sayso.corpus.store import atomic_write_bytes, atomic_write_chunks

if TYPE_CHECKING:
    from sayso.corpus.models import Hit
    from sayso.corpus.searchindex import IndexView

#: the wordllama configuration and its files inside the installed package
MODEL_CONFIG = "l2_supercat"
WEIGHTS_FILE = "weights/l2_supercat_256.safetensors"
TOKENIZER_FILE = "tokenizers/l2_supercat_tokenizer_config.json"
#: dimensions kept (the model is Matryoshka-trained: a prefix of its dimensions is a smaller model)
DIM = 256
#: on-disk layout of the vector files and manifest; bumping it rebuilds the vectors
FORMAT = 1
MANIFEST = "manifest.json"
MAGIC = b"SAYSOVEC1\n"
#: what a stored passage costs: one int8 per dimension, a float32 scale, an int32 passage number
BYTES_PER_PASSAGE = DIM + 4 + 4
#: passages embedded per batch (bounds the memory of the gathered token vectors)
BATCH = 256
#: a passage's tokens beyond this many are not embedded (the mean of 512 tokens already says what it is about)
MAX_TOKENS = 512
#: From this share of the rows allowed on, a query scans every row in place and sets the others aside after.
SCAN_ALL_SHARE = 0.75


class ModelMissing(Exception):
    """The embedding model's files are not installed (wordllama missing or a different version)."""


# -- the model --------------------------------------------------------------------------------------
def _package_folder() -> Path:
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing("the meaning-search model (the wordllama package) is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def model_id() -> str:
    """Names the model and its exact weights: the stored vectors are rebuilt when it changes."""
    folder = _package_folder()
    try:
        st = (folder / WEIGHTS_FILE).stat()
    except OSError as exc:
        raise ModelMissing(f"the meaning-search model's weights are missing: {exc}") from exc
    return f"wordllama/{MODEL_CONFIG}/{DIM}/{st.st_size}"


class Embedder:
    """Turns texts into unit vectors: the mean of their tokens' vectors, normalised."""

    def __init__(self, weights: np.ndarray, tokenizer: Any, name: str) -> None:
        self.weights = weights
        self.tokenizer = tokenizer
        self.name = name

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), DIM) float32 unit vectors (an all-zero row for a text with no tokens)."""
        out = np.zeros((len(texts), DIM), np.float32)
        weights = self.weights
        last = len(weights) - 1
        for lo in range(0, len(texts), BATCH):
            encodings = self.tokenizer.encode_batch(list(texts[lo : lo + BATCH]), add_special_tokens=False)
            for row, encoding in enumerate(encodings, lo):
                ids = np.array(encoding.ids[:MAX_TOKENS], np.int64)
                if len(ids):
                    # One passage at a time: its rows stay in cache (a batch's gathered rows would not).
                    out[row] = weights[np.clip(ids, 0, last, out=ids)].sum(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        out /= norms
        return out


_model: Embedder | None = None
_model_lock = threading.Lock()


def load_model() -> Embedder:
    """The embedding model, loaded once per process from the installed package, offline."""
    global _model
    with _model_lock:
        if _model is None:
            from safetensors import safe_open
            from tokenizers import Tokenizer

            folder = _package_folder()
            name = model_id()
            try:
                tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
                with safe_open(str(folder / WEIGHTS_FILE), framework="np", device="cpu") as handle:
                    weights = np.ascontiguousarray(handle.get_tensor("embedding.weight")[:, :DIM], np.float32)
            except (OSError, ValueError, RuntimeError) as exc:  # tokenizers raises Exception subclasses of its own
                raise ModelMissing(f"the meaning-search model could not be read: {exc}") from exc
            tokenizer.no_padding()
            tokenizer.no_truncation()
            _model = Embedder(weights, tokenizer, name)
        return _model


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 codes and a float32 scale per row: row ≈ codes * scale (symmetric, per passage)."""
    peak = np.abs(vectors).max(axis=1) if len(vectors) else np.zeros(0, np.float32)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    codes = np.clip(np.rint(vectors / scale[:, None]), -127, 127).astype(np.int8)
    return codes, scale


# -- the stored vectors -----------------------------------------------------------------------------
class PassageSource(Protocol):
    """What a sync reads of the library (Library has these)."""

    def passage_versions(self) -> dict[str, str]: ...

    def passages_and_version(self, doc_id: str) -> tuple[Sequence[Any], str]: ...


@dataclass
class DocVectors:
    """Where one document's passage vectors are: `count` rows of `file` from `row`, for passages of `version`."""

    file: str
    row: int
    count: int
    version: str

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "count": self.count, "version": self.version}


@dataclass
class VectorFile:
    """One batch file, memory-mapped: int8 codes, scales and each row's passage number."""

    codes: np.ndarray
    scales: np.ndarray
    numbers: np.ndarray


def write_vectors(path: Path, codes: np.ndarray, scales: np.ndarray, numbers: np.ndarray) -> None:
    """A batch file: magic, a JSON header line, then the three arrays back to back (atomically, fsynced)."""
    header = json.dumps({"rows": len(codes), "dim": DIM}).encode("ascii") + b"\n"
    atomic_write_chunks(
        path,
        (
            MAGIC,
            header,
            np.ascontiguousarray(codes, np.int8).tobytes(),
            np.ascontiguousarray(scales, "<f4").tobytes(),
            np.ascontiguousarray(numbers, "<i4").tobytes(),
        ),
    )


def read_vectors(path: Path) -> VectorFile:
    raw = np.memmap(path, dtype=np.uint8, mode="r")
    if bytes(raw[: len(MAGIC)]) != MAGIC:
        raise ValueError(f"{path.name} is not a sayso vector file")
    end = int(np.flatnonzero(raw[len(MAGIC) : len(MAGIC) + 200] == 10)[0]) + len(MAGIC) + 1
    header = json.loads(bytes(raw[len(MAGIC) : end]))
    rows, dim = int(header["rows"]), int(header["dim"])
    if dim != DIM or len(raw) != end + rows * (dim + 8):
        raise ValueError(f"{path.name} is damaged (size does not match its header)")
    at = end + rows * dim
    codes = raw[end:at].view(np.int8).reshape(rows, dim)
    scales = raw[at : at + rows * 4].view("<f4")
    numbers = raw[at + rows * 4 : at + rows * 8].view("<i4")
    return VectorFile(codes, scales, numbers)


class MeaningIndex:
    """The passage vectors of one library, kept in step with its documents (see the module docstring)."""

    def __init__(self, folder: Path, warn: Callable[[str], None] | None = None) -> None:
        self.folder = Path(folder)
        self.warn = warn
        self.docs: dict[str, DocVectors] = {}
        self.model = ""
        self._files: dict[str, VectorFile] = {}
        self._signature: tuple[int, int] | None = None
        self._matrix: tuple[np.ndarray, np.ndarray, list[str], np.ndarray] | None = None
        self.lock = threading.RLock()

    # -- reading ------------------------------------------------------------------------------
    def in_use(self) -> bool:
        """Whether this library has meaning vectors (meaning search has been used): imports keep them in step."""
        return (self.folder / MANIFEST).is_file()

    def _manifest_signature(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.folder / MANIFEST)
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def load(self) -> None:
        """Read the manifest (again, if another process changed it); a missing or damaged one is empty."""
        signature = self._manifest_signature()
        if signature is not None and signature == self._signature:
            return
        docs: dict[str, DocVectors] = {}
        model = ""
        if signature is not None:
            try:
                manifest = json.loads((self.folder / MANIFEST).read_text("utf-8"))
                if int(manifest.get("format", 0)) == FORMAT:
                    model = str(manifest["model"])
                    docs = {k: DocVectors(**v) for k, v in manifest["docs"].items()}
            except (OSError, ValueError, KeyError, TypeError) as exc:
                self._say(f"meaning vectors unreadable, rebuilding them: {exc}")
        self.docs, self.model, self._signature, self._matrix = docs, model, signature, None

    def _file(self, name: str) -> VectorFile:
        found = self._files.get(name)
        if found is None:
            found = self._files[name] = read_vectors(self.folder / name)
        return found

    def stale(self, source: PassageSource, model: str) -> tuple[list[str], list[str]]:
        """(documents to embed, documents to drop) for the vectors to match `source` and `model`."""
        self.load()
        versions = source.passage_versions()
        if self.model != model:
            return sorted(versions), sorted(self.docs)
        embed = [d for d, v in versions.items() if d not in self.docs or self.docs[d].version != v]
        drop = [d for d in self.docs if d not in versions]
        return embed, drop

    # -- writing ------------------------------------------------------------------------------
    def sync(self, source: PassageSource, embedder: Embedder | None = None) -> int:
        """Embed what the library holds that the vectors lack, drop what it no longer holds; passages embedded.

        The caller holds the library's write lock (two writers would each list only their own batch).
        """
        with self.lock:
            model = load_model() if embedder is None else embedder
            embed, drop = self.stale(source, model.name)
            if not embed and not drop:
                return 0
            docs = {} if self.model != model.name else dict(self.docs)
            for doc_id in drop:
                docs.pop(doc_id, None)
            codes: list[np.ndarray] = []
            scales: list[np.ndarray] = []
            numbers: list[np.ndarray] = []
            row = 0
            name = f"vec-{os.getpid()}-{os.urandom(6).hex()}.bin"
            for doc_id in embed:
                passages, version = source.passages_and_version(doc_id)
                vectors = model.embed([p.text for p in passages])
                c, s = quantise(vectors)
                codes.append(c)
                scales.append(s)
                numbers.append(np.array([p.index for p in passages], np.int32))
                docs[doc_id] = DocVectors(name, row, len(passages), version)
                row += len(passages)
            self.folder.mkdir(parents=True, exist_ok=True)
            if row:
                write_vectors(
                    self.folder / name,
                    np.concatenate(codes) if codes else np.zeros((0, DIM), np.int8),
                    np.concatenate(scales),
                    np.concatenate(numbers),
                )
            else:
                docs = {k: v for k, v in docs.items() if v.file != name}
            docs = self._compacted(docs)
            manifest = {
                "format": FORMAT,
                "model": model.name,
                "dim": DIM,
                "docs": {k: v.to_json() for k, v in docs.items()},
            }
            atomic_write_bytes(self.folder / MANIFEST, json.dumps(manifest).encode("utf-8"))
            self._remove_unlisted({v.file for v in docs.values()})
            self.docs, self.model, self._matrix = docs, model.name, None
            self._signature = self._manifest_signature()
            return row

    def _compacted(self, docs: dict[str, DocVectors]) -> dict[str, DocVectors]:
        """When most rows of the files are dead, the live ones rewritten into one file (returns the new places)."""
        listed = {v.file for v in docs.values()}
        rows = 0
        for name in listed:
            with contextlib.suppress(OSError, ValueError):
                rows += len(self._file(name).scales)
        live = sum(v.count for v in docs.values())
        if len(listed) <= 1 or rows <= 2 * live + 1000:
            return docs
        name = f"vec-{os.getpid()}-{os.urandom(6).hex()}.bin"
        parts = [(self._file(v.file), v) for v in docs.values()]
        write_vectors(
            self.folder / name,
            np.concatenate([f.codes[v.row : v.row + v.count] for f, v in parts]),
            np.concatenate([f.scales[v.row : v.row + v.count] for f, v in parts]),
            np.concatenate([f.numbers[v.row : v.row + v.count] for f, v in parts]),
        )
        moved: dict[str, DocVectors] = {}
        row = 0
        for doc_id, v in docs.items():
            moved[doc_id] = DocVectors(name, row, v.count, v.version)
            row += v.count
        return moved

    def _remove_unlisted(self, listed: set[str]) -> None:
        for path in self.folder.glob("vec-*.bin"):
            if path.name not in listed:
                with contextlib.suppress(OSError):
                    path.unlink()
                self._files.pop(path.name, None)

    # -- searching ----------------------------------------------------------------------------
    def matrix(self) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
        """Every stored vector as one array: (int8 codes, scales, each row's document id, passage number)."""
        with self.lock:
            self.load()
            if self._matrix is None:
                codes, scales, numbers, owners = [], [], [], []
                for doc_id, v in self.docs.items():
                    try:
                        f = self._file(v.file)
                    except (OSError, ValueError) as exc:
                        # Kept in place as zero vectors (never found), so rows stay in step with `docs`.
                        self._say(f"meaning vectors of a document unreadable: {exc}")
                        f = VectorFile(
                            np.zeros((v.row + v.count, DIM), np.int8),
                            np.zeros(v.row + v.count, np.float32),
                            np.zeros(v.row + v.count, np.int32),
                        )
                    codes.append(f.codes[v.row : v.row + v.count])
                    scales.append(f.scales[v.row : v.row + v.count])
                    numbers.append(f.numbers[v.row : v.row + v.count])
                    owners.extend([doc_id] * v.count)
                self._matrix = (
                    np.concatenate(codes) if codes else np.zeros((0, DIM), np.int8),
                    np.concatenate(scales) if scales else np.zeros(0, np.float32),
                    owners,
                    np.concatenate(numbers) if numbers else np.zeros(0, np.int32),
                )
            return self._matrix

    def _say(self, message: str) -> None:
        if self.warn is not None:
            self.warn(message)


def similarities(
    query: np.ndarray, codes: np.ndarray, scales: np.ndarray, rows: np.ndarray | None = None
) -> np.ndarray:
    """Cosine similarity of a unit `query` with each stored row (or only `rows`), a block at a time."""
    take = np.arange(len(codes)) if rows is None else rows
    out = np.empty(len(take), np.float32)
    step = 16384
    for lo in range(0, len(take), step):
        part = take[lo : lo + step]
        block = codes[part] if rows is not None else codes[lo : lo + step]
        out[lo : lo + len(part)] = (block.astype(np.float32) @ query) * scales[part]
    return out


def top(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the `k` highest scores, best first (ties keep the earlier position)."""
    if len(scores) <= k:
        return np.argsort(-scores, kind="stable")
    part = np.argpartition(-scores, k)[:k]
    return part[np.argsort(-scores[part], kind="stable")]


def rrf(rankings: Iterable[Sequence[str]], k: int = 60) -> dict[str, float]:
    """Reciprocal-rank fusion: each key's sum of 1 / (k + rank) over the rankings it appears in."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, key in enumerate(ranking, 1):
            fused[key] = fused.get(key, 0.0) + 1.0 / (k + rank)
    return fused


# -- searching the library by meaning ----------------------------------------------------------------
class MeaningScope(Protocol):
    """What meaning search reads of the word index (SearchIndex has these)."""

    def meaning_scope(
        self,
        query: str,
        *,
        speaker: str | None = ...,
        doc: str | None = ...,
        kind: str | None = ...,
        tag: str | None = ...,
    ) -> tuple[str, np.ndarray | None, IndexView]: ...

    def meaning_hit(self, view: IndexView, slot: int, score: float) -> Hit: ...


def row_slots(vectors: MeaningIndex, view: IndexView) -> np.ndarray:
    """Each stored vector's slot in the word index's `view` (-1: its document is not indexed in that version)."""
    owners = vectors.matrix()[2]
    slots = np.full(len(owners), -1, np.int64)
    at = 0
    numbering = view.doc_numbers
    for doc_id, dv in vectors.docs.items():
        number = numbering.get(doc_id)
        if number is not None:
            entry = view.docs[number]
            if entry.version == dv.version and entry.count == dv.count:
                slots[at : at + dv.count] = entry.first + np.arange(dv.count)
        at += dv.count
    return slots


def search_meaning(
    index: MeaningScope,
    vectors: MeaningIndex,
    query: str,
    *,
    limit: int = 10,
    speaker: str | None = None,
    doc: str | None = None,
    kind: str | None = None,
    tag: str | None = None,
    embedder: Embedder | None = None,
) -> list[Hit]:
    """The passages closest in meaning to the query's words, within what its facets allow (best first)."""
    words, mask, view = index.meaning_scope(query, speaker=speaker, doc=doc, kind=kind, tag=tag)
    if not words.strip() or limit <= 0:
        return []
    codes, scales, _, _ = vectors.matrix()
    slots = row_slots(vectors, view)
    allowed = slots >= 0
    if mask is not None:
        allowed &= mask[np.clip(slots, 0, max(len(mask) - 1, 0))] if len(mask) else False
    rows = np.flatnonzero(allowed)
    if not len(rows):
        return []
    model = load_model() if embedder is None else embedder
    q = model.embed([words])[0]
    if not q.any():
        return []
    if len(rows) >= SCAN_ALL_SHARE * len(codes):
        # Most rows allowed (no facet, or a broad one): every row scanned where it lies and the others set
        # aside after, which is faster than gathering the allowed ones (1M passages: about a fifth).
        every = similarities(q, codes, scales)
        every[~allowed] = -np.inf
        best = top(every, min(limit, len(rows)))
        return [index.meaning_hit(view, int(slots[i]), float(every[i])) for i in best]
    scores = similarities(q, codes, scales, rows)
    best = top(scores, limit)
    return [index.meaning_hit(view, int(slots[rows[i]]), float(scores[i])) for i in best]


def blend(word_hits: list[Hit], meaning_hits: list[Hit], limit: int) -> list[Hit]:
    """Word and meaning hits fused by reciprocal rank, each marked with how it was found.

    A passage both searches found sums both ranks' shares, and ties go to the word
    ranking, so an exact quote (word search's first hit) stays first.
    """
    fused = rrf([[h.passage for h in word_hits], [h.passage for h in meaning_hits]])
    by_id: dict[str, Hit] = {}
    word_rank = {h.passage: i for i, h in enumerate(word_hits)}
    meaning_ids = {h.passage for h in meaning_hits}
    for h in word_hits:
        h.match = "both" if h.passage in meaning_ids else "words"
        by_id[h.passage] = h
    for h in meaning_hits:
        if h.passage not in by_id:
            h.match = "meaning"
            by_id[h.passage] = h
    order = sorted(by_id, key=lambda pid: (-fused[pid], word_rank.get(pid, len(word_rank))))
    hits = []
    for pid in order[:limit]:
        hit = by_id[pid]
        hit.score = fused[pid]
        hits.append(hit)
    return hits
