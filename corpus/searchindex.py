"""The search index's data: compact numpy arrays, how they are built, and their file.

One committed index (`IndexData`) holds, for S passages ("slots") and V words:

- the forward index: every passage's word ids in order (`tokens`, `tok_off`),
  used to score proximity and phrases of the few hundred best candidates;
- the inverted index: for each word its passages and term frequencies
  (`term_start`, `post_slot`, `post_tf`), in CSR form;
- a typo index: SymSpell-style deletion neighbourhoods of each word's first
  seven letters, hashed (`del_key`, sorted, with `del_term`), so words within
  one or two edits of a query word are found with a binary search;
- per passage: its document, index, speaker, timestamp and UTF-8 text;
- the vocabulary (`vocab`, plus `vocab_order` for prefix lookups).

New documents wait in `Pending` until `commit` merges them (and drops removed
documents) into a new IndexData with a few vectorised passes.  The file is
one binary blob (a JSON header, then 64-byte-aligned arrays) read with mmap,
so opening a large index costs milliseconds and touches only what is used.
No rapidfuzz here (corpus.search owns it).
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import tempfile
import zlib
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from corpus.query import WORD_RE, normalize_word

FORMAT_VERSION = 1
MAGIC = b"SAYSOIX1"
#: Letters of a word that the typo index covers (SymSpell's prefix length).
TYPO_PREFIX = 7
#: Temp-file prefix shared with corpus.store, so a crash's leftovers are cleaned the same way.
TEMP_PREFIX = ".sayso-tmp-"
_EMPTY = -1
_ARRAYS = {
    "tokens": np.uint32, "tok_off": np.int64, "term_start": np.int64, "post_slot": np.uint32,
    "post_tf": np.uint8, "del_key": np.uint32, "del_term": np.uint32, "slot_doc": np.int32,
    "slot_index": np.int32, "slot_speaker": np.int32, "slot_start": np.float64,
    "text": np.uint8, "text_off": np.int64, "vocab": np.uint8, "vocab_order": np.int32,
}


class DamagedIndex(Exception):
    """The index file is missing pieces or inconsistent; the caller rebuilds it."""


def deletes(word: str, depth: int) -> set[str]:
    """`word` and every string made by deleting up to `depth` of its letters."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        following = set()
        for w in frontier:
            for i in range(len(w)):
                following.add(w[:i] + w[i + 1 :])
        found |= following
        frontier = following
    return found


def index_depth(word: str) -> int:
    """How many deletions of a vocabulary word the typo index stores."""
    n = len(word)
    return 2 if n >= 5 else 1 if n >= 3 else 0


def delete_keys(word: str, depth: int) -> list[int]:
    """Stable hashes of the deletion neighbourhood of `word`'s first TYPO_PREFIX letters."""
    return [zlib.crc32(d.encode("utf-8")) for d in deletes(word[:TYPO_PREFIX], depth)]


@dataclass
class DocEntry:
    """What the index keeps about one document."""

    id: str
    title: str
    kind: str
    text_hash: str
    first: int = 0
    count: int = 0
    #: passage ids when they do not follow "<doc id>:<index>"
    ids: list[str] | None = None

    def to_json(self) -> dict[str, Any]:
        data = {"id": self.id, "title": self.title, "kind": self.kind, "text_hash": self.text_hash,
                "first": self.first, "count": self.count}
        if self.ids is not None:
            data["ids"] = self.ids
        return data


@dataclass
class PendingDoc:
    """One document tokenised by add_document, waiting for commit."""

    entry: DocEntry
    tokens: np.ndarray
    lens: np.ndarray
    text: bytes
    text_lens: np.ndarray
    speakers: np.ndarray
    indexes: np.ndarray
    starts: np.ndarray


class Vocabulary:
    """Words and their ids; grows as documents are added and never shrinks."""

    def __init__(self, words: list[str] | None = None) -> None:
        self.words: list[str] = words or []
        self.ids: dict[str, int] = {w: i for i, w in enumerate(self.words)}
        #: surface form found by WORD_RE (lowercased when ASCII) -> word id or _EMPTY
        self.surface: dict[str, int] = {}

    def id_for_surface(self, token: str) -> int:
        word = normalize_word(token)
        if not word:
            found = _EMPTY
        else:
            found = self.ids.get(word, -2)
            if found == -2:
                found = len(self.words)
                self.words.append(word)
                self.ids[word] = found
        self.surface[token] = found
        return found

    def encode(self, text: str) -> list[int]:
        """Word ids of `text` in order."""
        raw = WORD_RE.findall(text.lower() if text.isascii() else text)
        surface = self.surface
        ids = list(map(surface.get, raw))
        if None in ids:
            ids = [self.id_for_surface(tok) if i is None else i for tok, i in zip(raw, ids)]
        if _EMPTY in ids:
            ids = [i for i in ids if i != _EMPTY]
        return ids  # type: ignore[return-value]


@dataclass
class IndexData:
    """One committed, immutable index (arrays may be read-only views of the mmapped file)."""

    docs: list[DocEntry] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    arrays: dict[str, np.ndarray] = field(default_factory=dict)
    vocab_words: list[str] = field(default_factory=list)
    #: how many vocabulary words the typo index covers
    typo_upto: int = 0

    @classmethod
    def empty(cls) -> IndexData:
        data = cls()
        for name, dtype in _ARRAYS.items():
            data.arrays[name] = np.zeros(0, dtype=dtype)
        data.arrays["tok_off"] = np.zeros(1, np.int64)
        data.arrays["text_off"] = np.zeros(1, np.int64)
        data.arrays["term_start"] = np.zeros(1, np.int64)
        return data

    def __getattr__(self, name: str) -> np.ndarray:
        arrays = self.__dict__.get("arrays")
        if arrays is not None and name in arrays:
            return arrays[name]
        raise AttributeError(name)

    @property
    def slots(self) -> int:
        return len(self.arrays["slot_doc"])

    def text_of(self, slot: int) -> str:
        off = self.arrays["text_off"]
        return self.arrays["text"][int(off[slot]) : int(off[slot + 1])].tobytes().decode("utf-8", "surrogatepass")

    def passage_id(self, slot: int) -> str:
        entry = self.docs[int(self.arrays["slot_doc"][slot])]
        index = int(self.arrays["slot_index"][slot])
        if entry.ids is not None:
            return entry.ids[slot - entry.first]
        return f"{entry.id}:{index}"


def tokenise_document(vocab: Vocabulary, speakers: dict[str, int], entry: DocEntry, passages: list[Any]) -> PendingDoc:
    """Turn one document's passages into arrays (the only per-passage Python work of indexing)."""
    tokens = array("I")
    lens = array("q")
    texts: list[bytes] = []
    text_lens = array("q")
    spk = array("i")
    idx = array("i")
    starts = array("d")
    ids: list[str] = []
    regular = True
    nan = float("nan")
    encode = vocab.encode
    for p in passages:
        word_ids = encode(p.text)
        tokens.extend(word_ids)
        lens.append(len(word_ids))
        raw = p.text.encode("utf-8", "surrogatepass")
        texts.append(raw)
        text_lens.append(len(raw))
        name = p.speaker
        if name:
            number = speakers.get(name)
            if number is None:
                number = speakers[name] = len(speakers)
            spk.append(number)
        else:
            spk.append(-1)
        idx.append(p.index)
        starts.append(nan if p.start is None else float(p.start))
        ids.append(p.id)
        if regular and p.id != f"{entry.id}:{p.index}":
            regular = False
    entry.count = len(ids)
    entry.ids = None if regular else ids
    return PendingDoc(
        entry=entry,
        tokens=np.frombuffer(tokens, dtype=np.uint32).copy() if tokens else np.zeros(0, np.uint32),
        lens=np.frombuffer(lens, dtype=np.int64).copy() if lens else np.zeros(0, np.int64),
        text=b"".join(texts),
        text_lens=np.frombuffer(text_lens, dtype=np.int64).copy() if text_lens else np.zeros(0, np.int64),
        speakers=np.frombuffer(spk, dtype=np.int32).copy() if spk else np.zeros(0, np.int32),
        indexes=np.frombuffer(idx, dtype=np.int32).copy() if idx else np.zeros(0, np.int32),
        starts=np.frombuffer(starts, dtype=np.float64).copy() if starts else np.zeros(0, np.float64),
    )


def _offsets(lengths: np.ndarray) -> np.ndarray:
    out = np.zeros(len(lengths) + 1, np.int64)
    np.cumsum(lengths, out=out[1:])
    return out


def _postings_of(tokens: np.ndarray, lens: np.ndarray, first_slot: int) -> np.ndarray:
    """Sorted keys term<<40 | slot<<8 | tf for a run of passages, built in chunks to bound memory."""
    out: list[np.ndarray] = []
    chunk = 4_000_000
    offsets = _offsets(lens)
    slot = 0
    n = len(lens)
    while slot < n:
        end = int(np.searchsorted(offsets, offsets[slot] + chunk, side="right")) - 1
        end = max(end, slot + 1)
        end = min(end, n)
        lo, hi = int(offsets[slot]), int(offsets[end])
        if hi > lo:
            slots = np.repeat(np.arange(first_slot + slot, first_slot + end, dtype=np.uint64), lens[slot:end])
            keys = (tokens[lo:hi].astype(np.uint64) << np.uint64(32)) | slots
            uniq, counts = np.unique(keys, return_counts=True)
            terms = uniq >> np.uint64(32)
            slots_u = uniq & np.uint64(0xFFFFFFFF)
            tf = np.minimum(counts, 255).astype(np.uint64)
            out.append((terms << np.uint64(40)) | (slots_u << np.uint64(8)) | tf)
        slot = end
    if not out:
        return np.zeros(0, np.uint64)
    return np.concatenate(out)


def commit(base: IndexData, pending: list[PendingDoc], removed: set[str], vocab: Vocabulary,
           speakers: dict[str, int]) -> IndexData:
    """A new IndexData: `base` without the `removed` documents, plus the `pending` ones."""
    a = base.arrays
    base_slots = base.slots
    keep = np.ones(base_slots, dtype=bool)
    kept_docs: list[DocEntry] = []
    doc_map = np.full(max(len(base.docs), 1), -1, dtype=np.int32)
    for number, entry in enumerate(base.docs):
        if entry.id in removed:
            keep[entry.first : entry.first + entry.count] = False
        else:
            doc_map[number] = len(kept_docs)
            kept_docs.append(DocEntry(entry.id, entry.title, entry.kind, entry.text_hash, 0, entry.count, entry.ids))
    all_kept = bool(keep.all())
    base_lens = np.diff(a["tok_off"])
    base_text_lens = np.diff(a["text_off"])

    def pick(values: np.ndarray) -> np.ndarray:
        return values if all_kept else values[keep]

    docs = kept_docs + [p.entry for p in pending]
    first = 0
    for entry in docs:
        entry.first = first
        first += entry.count
    new_doc_numbers = [np.full(p.entry.count, len(kept_docs) + i, np.int32) for i, p in enumerate(pending)]
    slot_doc = np.concatenate([doc_map[a["slot_doc"]][keep] if base_slots else np.zeros(0, np.int32), *new_doc_numbers])
    slot_index = np.concatenate([pick(a["slot_index"]), *[p.indexes for p in pending]])
    slot_speaker = np.concatenate([pick(a["slot_speaker"]), *[p.speakers for p in pending]])
    slot_start = np.concatenate([pick(a["slot_start"]), *[p.starts for p in pending]])
    lens = np.concatenate([pick(base_lens), *[p.lens for p in pending]])
    text_lens = np.concatenate([pick(base_text_lens), *[p.text_lens for p in pending]])
    if all_kept:
        base_tokens = a["tokens"]
        base_text = a["text"]
    else:
        base_tokens = a["tokens"][np.repeat(keep, base_lens)]
        base_text = a["text"][np.repeat(keep, base_text_lens)]
    tokens = np.concatenate([base_tokens, *[p.tokens for p in pending]]).astype(np.uint32, copy=False)
    text = np.concatenate([base_text, *[np.frombuffer(p.text, np.uint8) for p in pending]])

    # Postings: the kept base postings (renumbered) merged with the new passages'.
    kept_slots = int(keep.sum())
    parts: list[np.ndarray] = []
    if base_slots and len(a["post_slot"]):
        v_base = len(a["term_start"]) - 1
        terms = np.repeat(np.arange(v_base, dtype=np.uint64), np.diff(a["term_start"]))
        slots = a["post_slot"].astype(np.int64)
        tf = a["post_tf"].astype(np.uint64)
        if not all_kept:
            alive = keep[slots]
            renumber = np.cumsum(keep) - 1
            terms, slots, tf = terms[alive], renumber[slots[alive]], tf[alive]
        parts.append((terms << np.uint64(40)) | (slots.astype(np.uint64) << np.uint64(8)) | tf)
    if pending:
        new_tokens = tokens[len(base_tokens):]
        parts.append(_postings_of(new_tokens, lens[kept_slots:], kept_slots))
    keys = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
    if len(parts) > 1:
        keys.sort()
    v = len(vocab.words)
    post_terms = (keys >> np.uint64(40)).astype(np.int64)
    post_slot = ((keys >> np.uint64(8)) & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    post_tf = (keys & np.uint64(0xFF)).astype(np.uint8)
    del keys
    term_start = _offsets(np.bincount(post_terms, minlength=v)) if v else np.zeros(1, np.int64)
    del post_terms

    # Typo index: deletion neighbourhoods of the words added since the last commit.
    typo_upto = base.typo_upto
    del_key, del_term = a["del_key"], a["del_term"]
    if v > typo_upto:
        new_keys = array("I")
        new_terms = array("I")
        for term_id in range(typo_upto, v):
            word = vocab.words[term_id]
            depth = index_depth(word)
            if depth == 0 and len(word) < 3:
                continue
            ks = delete_keys(word, depth)
            new_keys.extend(ks)
            new_terms.extend([term_id] * len(ks))
        combined = np.concatenate([
            (del_key.astype(np.uint64) << np.uint64(32)) | del_term.astype(np.uint64),
            (np.frombuffer(new_keys, np.uint32).astype(np.uint64) << np.uint64(32))
            | np.frombuffer(new_terms, np.uint32).astype(np.uint64),
        ]) if new_keys else (del_key.astype(np.uint64) << np.uint64(32)) | del_term.astype(np.uint64)
        combined.sort()
        del_key = (combined >> np.uint64(32)).astype(np.uint32)
        del_term = (combined & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        typo_upto = v
        vocab_order = np.array(sorted(range(v), key=vocab.words.__getitem__), dtype=np.int32)
    else:
        vocab_order = a["vocab_order"]

    data = IndexData(docs=docs, speakers=sorted(speakers, key=speakers.__getitem__), vocab_words=vocab.words,
                     typo_upto=typo_upto)
    data.arrays = {
        "tokens": tokens, "tok_off": _offsets(lens), "term_start": term_start, "post_slot": post_slot,
        "post_tf": post_tf, "del_key": del_key, "del_term": del_term, "slot_doc": slot_doc.astype(np.int32),
        "slot_index": slot_index.astype(np.int32), "slot_speaker": slot_speaker.astype(np.int32),
        "slot_start": slot_start.astype(np.float64), "text": text, "text_off": _offsets(text_lens),
        "vocab_order": vocab_order,
    }
    return data


# -- the file ----------------------------------------------------------------------------------
def write_index(path: Path, data: IndexData, generation: int) -> None:
    """Write `data` to `path` atomically (temp file, fsync, rename); the caller then updates the manifest."""
    vocab_blob = np.frombuffer("\n".join(data.vocab_words).encode("utf-8"), np.uint8)
    arrays = dict(data.arrays)
    arrays["vocab"] = vocab_blob
    layout: dict[str, list[Any]] = {}
    offset = 0
    for name, arr in arrays.items():
        offset = (offset + 63) // 64 * 64
        arr = np.ascontiguousarray(arr, dtype=_ARRAYS[name])
        arrays[name] = arr
        layout[name] = [np.dtype(_ARRAYS[name]).str, offset, int(arr.size)]
        offset += arr.nbytes
    header = json.dumps({
        "format": FORMAT_VERSION,
        "generation": generation,
        "vocab_words": len(data.vocab_words),
        "typo_upto": data.typo_upto,
        "docs": [d.to_json() for d in data.docs],
        "speakers": data.speakers,
        "arrays": layout,
    }, ensure_ascii=False).encode("utf-8")
    start = (16 + len(header) + 63) // 64 * 64
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(MAGIC + len(header).to_bytes(8, "little") + header)
            handle.write(b"\0" * (start - 16 - len(header)))
            pos = 0
            for name, arr in arrays.items():
                at = layout[name][1]
                if at > pos:
                    handle.write(b"\0" * (at - pos))
                    pos = at
                handle.write(memoryview(arr).cast("B"))
                pos += arr.nbytes
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_index(path: Path) -> IndexData:
    """Map the index file at `path`; raises DamagedIndex when it is not whole and consistent."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size < 16:
                raise DamagedIndex("index file too short")
            mm = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as exc:
        raise DamagedIndex(f"cannot read index: {exc}") from None
    try:
        if mm[:8] != MAGIC:
            raise DamagedIndex("not a sayso index file")
        header_len = int.from_bytes(mm[8:16], "little")
        if header_len > size - 16:
            raise DamagedIndex("index header truncated")
        header = json.loads(bytes(mm[16 : 16 + header_len]).decode("utf-8"))
        if header.get("format") != FORMAT_VERSION:
            raise DamagedIndex("index written by another version")
        start = (16 + header_len + 63) // 64 * 64
        data = IndexData()
        for name, dtype in _ARRAYS.items():
            dtype_str, offset, count = header["arrays"][name]
            dt = np.dtype(dtype)
            if np.dtype(dtype_str) != dt:
                raise DamagedIndex(f"index array {name} has the wrong type")
            at = start + int(offset)
            if at + int(count) * dt.itemsize > size:
                raise DamagedIndex("index file truncated")
            data.arrays[name] = np.frombuffer(mm, dtype=dt, count=int(count), offset=at)
        blob = data.arrays.pop("vocab")
        words = blob.tobytes().decode("utf-8").split("\n") if len(blob) else []
        if len(words) != header["vocab_words"]:
            raise DamagedIndex("index vocabulary damaged")
        data.vocab_words = words
        data.typo_upto = int(header["typo_upto"])
        data.docs = [DocEntry(**d) for d in header["docs"]]
        data.speakers = list(header["speakers"])
        _check(data)
        return data
    except DamagedIndex:
        raise
    except (KeyError, TypeError, ValueError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DamagedIndex(f"index header damaged: {exc}") from None


def _check(data: IndexData) -> None:
    """Cheap consistency checks (sizes agree), so a damaged file is rebuilt rather than trusted."""
    a = data.arrays
    s = len(a["slot_doc"])
    v = len(data.vocab_words)
    ok = (
        len(a["slot_index"]) == s and len(a["slot_speaker"]) == s and len(a["slot_start"]) == s
        and len(a["tok_off"]) == s + 1 and len(a["text_off"]) == s + 1
        and int(a["tok_off"][-1]) == len(a["tokens"]) and int(a["text_off"][-1]) == len(a["text"])
        and len(a["term_start"]) == v + 1 and int(a["term_start"][-1]) == len(a["post_slot"])
        and len(a["post_tf"]) == len(a["post_slot"]) and len(a["del_key"]) == len(a["del_term"])
        and len(a["vocab_order"]) == v and sum(d.count for d in data.docs) == s
        and data.typo_upto <= v
    )
    if not ok:
        raise DamagedIndex("index arrays disagree")
