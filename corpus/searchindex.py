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
No rapidfuzz here (corpus.fuzzy owns it).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import mmap
import os
import re
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from sayso.corpus.store import TEMP_PREFIX as STORE_TEMP_PREFIX
from sayso.corpus.store import temp_path
from sayso.corpus.words import words_of

#: 3: upper-case possessives ("ADA'S") are indexed as the query side reads them; older indexes are rebuilt.
FORMAT_VERSION = 3
MAGIC = b"SAYSOIX1"
#: Letters of a word that the typo index covers (SymSpell's prefix length).
TYPO_PREFIX = 7
#: Temp-file prefix shared with corpus.store, so a crash's leftovers are cleaned the same way.
TEMP_PREFIX = STORE_TEMP_PREFIX
#: Words per batch when building postings (bounds the memory an import of a million passages needs).
POSTINGS_CHUNK = 1_000_000
#: New vocabulary words whose typo keys are made at a time (bounds the memory of a commit that adds many).
TYPO_CHUNK = 10_000
_ARRAYS = {
    "tokens": np.uint32,
    "tok_off": np.int64,
    "term_start": np.int64,
    "post_slot": np.uint32,
    "post_tf": np.uint8,
    "del_key": np.uint32,
    "del_term": np.uint32,
    "slot_doc": np.int32,
    "slot_index": np.int32,
    "slot_speaker": np.int32,
    "slot_start": np.float64,
    "text": np.uint8,
    "text_off": np.int64,
    "vocab": np.uint8,
    "vocab_order": np.int32,
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


def index_depth(length: int) -> int:
    """How many deletions of a vocabulary word of `length` letters the typo index stores."""
    return 2 if length >= 5 else 1 if length >= 3 else 0


#: Every way of deleting 0, 1 or 2 of TYPO_PREFIX letters: the columns kept, in order.
_PATTERNS = [
    tuple(c for c in range(TYPO_PREFIX) if c not in drop)
    for size in range(3)
    for drop in itertools.combinations(range(TYPO_PREFIX), size)
]
_DROPPED = [tuple(sorted(set(range(TYPO_PREFIX)) - set(keep))) for keep in _PATTERNS]
_POWERS = np.array([pow(1099511628211, i, 1 << 64) for i in range(TYPO_PREFIX)], dtype=np.uint64)


def _hash_rows(codes: np.ndarray) -> np.ndarray:
    """A stable 32-bit hash of each row of character codes (zero codes are padding)."""
    h = np.zeros(len(codes), dtype=np.uint64)
    for c in range(codes.shape[1]):
        h += codes[:, c] * _POWERS[c]
    h ^= h >> np.uint64(29)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(32)
    return (h & np.uint64(0xFFFFFFFF)).astype(np.uint32)


_MASK64 = (1 << 64) - 1
_POWERS_INT = [int(p) for p in _POWERS]


def hash_string(text: str) -> int:
    """`_hash_rows` for one short string, in plain Python (faster than numpy for a query's few words)."""
    h = 0
    for ch, power in zip(text, _POWERS_INT):
        h = (h + ord(ch) * power) & _MASK64
    h ^= h >> 29
    h = (h * 0xBF58476D1CE4E5B9) & _MASK64
    h ^= h >> 32
    return h & 0xFFFFFFFF


def typo_keys(words: list[str], depths: list[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Hashed deletion neighbourhoods of many words at once: (keys, row of the word each belongs to).

    The neighbourhood of a word is every string made by deleting up to its
    depth of letters from its first TYPO_PREFIX letters (SymSpell); a query
    word's neighbourhood is hashed the same way, so a shared key means "maybe
    within reach", which the caller then checks with a real edit distance.
    """
    if not words:
        return np.zeros(0, np.uint32), np.zeros(0, np.int64)
    padded = "".join(w[:TYPO_PREFIX].ljust(TYPO_PREFIX, "\0") for w in words)
    codes = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).reshape(len(words), TYPO_PREFIX)
    codes = codes.astype(np.uint64)
    lengths = np.minimum(np.fromiter((len(w) for w in words), np.int64, len(words)), TYPO_PREFIX)
    depth = np.asarray(depths, dtype=np.int64)
    keys: list[np.ndarray] = []
    rows: list[np.ndarray] = []
    zero = np.zeros((len(words), 1), np.uint64)
    for keep, drop in zip(_PATTERNS, _DROPPED):
        real_drops = np.zeros(len(words), np.int64)
        for d in drop:
            real_drops += lengths > d
        ok = (real_drops <= depth) & (depth >= 0)
        if drop and not ok.any():
            continue
        kept = codes[:, list(keep)] if keep else zero
        which = np.flatnonzero(ok)
        keys.append(_hash_rows(kept[which]))
        rows.append(which)
    return np.concatenate(keys), np.concatenate(rows)


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
    #: the version of the document's passages indexed (its passages file, see corpus.store);
    #: one that differs from the library's is indexed again
    version: str = ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "text_hash": self.text_hash,
            "first": self.first,
            "count": self.count,
        }
        if self.ids is not None:
            data["ids"] = self.ids
        if self.version:
            data["version"] = self.version
        return data


@dataclass
class PendingDoc:
    """One document tokenised by add_document, waiting for commit."""

    entry: DocEntry
    tokens: np.ndarray
    lens: np.ndarray
    text: bytes | bytearray
    text_lens: np.ndarray
    speakers: np.ndarray
    indexes: np.ndarray
    starts: np.ndarray


class Vocabulary:
    """Words and their ids; grows as documents are added and never shrinks.

    Writers also map token hashes (see `hash_tokens`) to ids: a sorted array
    for the bulk of the vocabulary, searched vectorised, plus a dict of the
    words added since it was last sorted.
    """

    def __init__(self, words: list[str] | None = None) -> None:
        self.words: list[str] = words or []
        self.ids: dict[str, int] = dict(zip(self.words, range(len(self.words))))
        self._sorted_hashes: np.ndarray | None = None
        self._sorted_ids = np.zeros(0, np.int64)
        self._recent: dict[int, int] = {}

    def _ensure_hashes(self) -> None:
        if self._sorted_hashes is None:
            hashes = hash_tokens(" ".join(self.words).encode("utf-8"))[0] if self.words else np.zeros(0, np.uint64)
            order = np.argsort(hashes)
            self._sorted_hashes, self._sorted_ids = hashes[order], order.astype(np.int64)
            self._recent = {}

    def lookup(self, hashes: np.ndarray) -> np.ndarray:
        """Word ids of token hashes, -1 where the word is new."""
        self._ensure_hashes()
        known = self._sorted_hashes
        assert known is not None
        found = np.full(len(hashes), -1, np.int64)
        if len(known):
            pos = np.minimum(np.searchsorted(known, hashes), len(known) - 1)
            hit = known[pos] == hashes
            found[hit] = self._sorted_ids[pos[hit]]
        if self._recent:
            for i in np.flatnonzero(found < 0).tolist():
                found[i] = self._recent.get(int(hashes[i]), -1)
        return found

    def add(self, word: str, token_hash: int) -> int:
        found = self.ids.get(word)
        if found is None:
            found = len(self.words)
            self.words.append(word)
            self.ids[word] = found
        self._ensure_hashes()
        self._recent[token_hash] = found
        if len(self._recent) > 20_000:
            extra = np.fromiter(self._recent.keys(), np.uint64, len(self._recent))
            ids = np.fromiter(self._recent.values(), np.int64, len(self._recent))
            hashes = np.concatenate([self._sorted_hashes, extra])
            order = np.argsort(hashes)
            self._sorted_hashes, self._sorted_ids = hashes[order], np.concatenate([self._sorted_ids, ids])[order]
            self._recent = {}
        return found


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
        arrays: dict[str, np.ndarray] | None = self.__dict__.get("arrays")
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


#: ASCII fast path: lowercase letters and digits stay, apostrophes and underscores go, the rest splits words.
_ASCII_TABLE = bytes(c + 32 if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122) else 32 for c in range(256))
_NUMBER_SEPARATOR = re.compile(r"\d[.,:]\d")
_ASCII_POSSESSIVE = re.compile(r"'[sS]\b")  # "ADA'S" too: the query side folds case first
_DIGITS = bytes(range(48, 58))
_NOT_DIGITS = bytes(c for c in range(256) if c not in _DIGITS)


def _words_line(text: str, plain: bool = False) -> bytes:
    """The normalised words of one passage, space-separated.

    Plain ASCII passages (most of them) take a fast path with bytes.translate
    that yields exactly what WORD_RE + normalize_word would.
    """
    if text.isascii() and (plain or not _NUMBER_SEPARATOR.search(text)):
        if "'" in text:
            if "''" in text:
                text = text.replace("''", " ")
            source = text
            text = _ASCII_POSSESSIVE.sub(
                lambda m: "" if m.start() and source[m.start() - 1].isalnum() else m.group(), text
            )
        return text.encode("ascii").translate(_ASCII_TABLE, b"'_")
    return " ".join(words_of(text)).encode("utf-8")


_P = 1099511628211
_POW: np.ndarray = np.ones(1, np.uint64)
_IPOW: np.ndarray = np.ones(1, np.uint64)
#: Bytes hashed at a time by hash_tokens, and about as many bytes of passage text tokenised at a time by
#: tokenise_document: the index build's working arrays (8 bytes per byte of text) grow with this, not the document.
TOKENISE_CHUNK = 1 << 18


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P**j and P**-j modulo 2**64 for j < n (grown on demand; hash_tokens keeps n near TOKENISE_CHUNK)."""
    global _POW, _IPOW
    if len(_POW) < n:
        size = max(n, 2 * len(_POW), 1 << 16)
        _POW = np.cumprod(np.full(size, _P, np.uint64))
        _POW = np.concatenate([np.ones(1, np.uint64), _POW[:-1]])
        _IPOW = np.cumprod(np.full(size, pow(_P, -1, 1 << 64), np.uint64))
        _IPOW = np.concatenate([np.ones(1, np.uint64), _IPOW[:-1]])
    return _POW, _IPOW


def _hash_piece(b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """hash_tokens for a piece of bytes that starts and ends at a token boundary."""
    n = len(b)
    sep = (b == 32) | (b == 10)
    word = ~sep
    before = np.empty(n, bool)
    before[0] = True
    before[1:] = sep[:-1]
    after = np.empty(n, bool)
    after[-1] = True
    after[:-1] = sep[1:]
    del sep
    starts = np.flatnonzero(word & before)
    ends = np.flatnonzero(word & after) + 1
    del word, before, after
    pw, ipw = _powers(n + 1)
    prefix = np.zeros(n + 1, np.uint64)
    np.cumsum(b.astype(np.uint64) * pw[:n], out=prefix[1:])
    h = (prefix[ends] - prefix[starts]) * ipw[starts]
    del prefix
    h ^= (ends - starts).astype(np.uint64) << np.uint64(57)
    h ^= h >> np.uint64(31)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(29)
    return h, starts, ends


def hash_tokens(buf: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(64-bit hash, start, end) of every space- or newline-separated token of `buf`, vectorised.

    A token's hash depends only on its bytes, so `buf` is hashed in pieces of
    about TOKENISE_CHUNK bytes cut at separators: the working arrays stay small
    whatever the size of `buf`.
    """
    b = np.frombuffer(buf, np.uint8)
    n = len(b)
    if n == 0:
        empty = np.zeros(0, np.int64)
        return np.zeros(0, np.uint64), empty, empty
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    lo = 0
    while lo < n:
        hi = min(lo + TOKENISE_CHUNK, n)
        if hi < n:
            # Cut after the last separator of the window, or (one token longer than it) at the next one.
            window = b[lo:hi]
            cut = np.flatnonzero((window == 32) | (window == 10))
            if len(cut):
                hi = lo + int(cut[-1]) + 1
            else:
                rest = b[hi:]
                following = np.flatnonzero((rest == 32) | (rest == 10))
                hi = hi + int(following[0]) + 1 if len(following) else n
        h, starts, ends = _hash_piece(b[lo:hi])
        parts.append((h, starts + lo, ends + lo))
        lo = hi
    if len(parts) == 1:
        return parts[0]
    return (
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        np.concatenate([p[2] for p in parts]),
    )


def _passage_runs(texts: list[str]) -> list[tuple[int, int]]:
    """Consecutive runs of passages holding about TOKENISE_CHUNK characters each (at least one passage)."""
    runs = []
    lo, size = 0, 0
    for i, text in enumerate(texts):
        size += len(text) + 1
        if size >= TOKENISE_CHUNK:
            runs.append((lo, i + 1))
            lo, size = i + 1, 0
    if lo < len(texts) or not runs:
        runs.append((lo, len(texts)))
    return runs


def _tokenise_run(vocab: Vocabulary, texts: list[str]) -> tuple[np.ndarray, np.ndarray, bytes, np.ndarray]:
    """(word ids, words per passage, UTF-8 text, text bytes per passage) of a few passages."""
    n = len(texts)
    joined = "\n".join(texts)
    plain = (joined.isascii() and not joined.encode("ascii").translate(None, _NOT_DIGITS)) or not (
        _NUMBER_SEPARATOR.search(joined)
    )
    buf = b"\n".join([_words_line(t, plain) for t in texts])
    hashes, starts, ends = hash_tokens(buf)
    if len(hashes):
        # The passage of each word: how many line breaks come before it.
        breaks = np.flatnonzero(np.frombuffer(buf, np.uint8) == 10)
        lens = np.bincount(np.searchsorted(breaks, starts), minlength=n)
        distinct, first, inverse = np.unique(hashes, return_index=True, return_inverse=True)
        found = vocab.lookup(distinct)
        for i in np.flatnonzero(found < 0).tolist():
            at = int(first[i])
            word = buf[int(starts[at]) : int(ends[at])].decode("utf-8")
            found[i] = vocab.add(word, int(distinct[i]))
        tokens = found.astype(np.uint32)[inverse.reshape(-1)]
    else:
        lens = np.zeros(n, np.int64)
        tokens = np.zeros(0, np.uint32)
    if joined.isascii():
        raw = "".join(texts).encode("ascii")
        text_lens = np.fromiter((len(t) for t in texts), np.int64, n)
    else:
        encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
        raw = b"".join(encoded)
        text_lens = np.fromiter((len(e) for e in encoded), np.int64, n)
    return tokens, lens.astype(np.int64), raw, text_lens


def tokenise_document(vocab: Vocabulary, speakers: dict[str, int], entry: DocEntry, passages: list[Any]) -> PendingDoc:
    """Turn one document's passages into arrays, with as little per-passage Python work as possible.

    The passages go in runs of about TOKENISE_CHUNK characters, so the working
    arrays stay small; what is kept grows in compact buffers (4 bytes a word,
    the UTF-8 text) rather than being joined at the end.
    """
    texts = [p.text for p in passages]
    n = len(texts)
    tokens = array("I")
    text = bytearray()
    lens = np.zeros(n, np.int64)
    text_lens = np.zeros(n, np.int64)
    for lo, hi in _passage_runs(texts):
        run_tokens, run_lens, raw, run_text_lens = _tokenise_run(vocab, texts[lo:hi])
        tokens.frombytes(run_tokens.astype(np.uint32, copy=False).tobytes())
        text += raw
        lens[lo:hi] = run_lens
        text_lens[lo:hi] = run_text_lens
    del texts
    spk = []
    for p in passages:
        name = p.speaker
        if not name:
            spk.append(-1)
            continue
        number = speakers.get(name)
        if number is None:
            number = speakers[name] = len(speakers)
        spk.append(number)
    indexes = [p.index for p in passages]
    nan = float("nan")
    times = [nan if p.start is None else float(p.start) for p in passages]
    ids_list = [p.id for p in passages]
    prefix = entry.id + ":"
    regular = all(pid == prefix + str(i) for pid, i in zip(ids_list, indexes))
    entry.count = n
    entry.ids = None if regular else ids_list
    return PendingDoc(
        entry=entry,
        tokens=np.frombuffer(tokens, np.uint32) if len(tokens) else np.zeros(0, np.uint32),
        lens=lens,
        text=text,
        text_lens=text_lens,
        speakers=np.array(spk, dtype=np.int32),
        indexes=np.array(indexes, dtype=np.int32),
        starts=np.array(times, dtype=np.float64),
    )


def _unique_counts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and how often each occurs (a sort, which beats hashing here)."""
    ordered = np.sort(values)
    if not len(ordered):
        return ordered, np.zeros(0, np.int64)
    starts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))
    counts = np.diff(np.append(starts, len(ordered)))
    return ordered[starts], counts


def _joined(parts: list[np.ndarray], dtype: Any) -> np.ndarray:
    """The parts end to end; the one non-empty part itself when there is only one (a first import's
    words and text are not copied again)."""
    filled = [part for part in parts if len(part)]
    if len(filled) == 1:
        return filled[0].astype(dtype, copy=False)
    return np.concatenate(parts).astype(dtype, copy=False)


def _offsets(lengths: np.ndarray) -> np.ndarray:
    out = np.zeros(len(lengths) + 1, np.int64)
    np.cumsum(lengths, out=out[1:])
    return out


def _postings_of(tokens: np.ndarray, lens: np.ndarray, first_slot: int) -> np.ndarray:
    """Sorted keys term<<40 | slot<<8 | tf for a run of passages, built in chunks to bound memory."""
    out: list[np.ndarray] = []
    chunk = POSTINGS_CHUNK
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
            uniq, counts = _unique_counts(keys)
            terms = uniq >> np.uint64(32)
            slots_u = uniq & np.uint64(0xFFFFFFFF)
            tf = np.minimum(counts, 255).astype(np.uint64)
            out.append((terms << np.uint64(40)) | (slots_u << np.uint64(8)) | tf)
        slot = end
    if not out:
        return np.zeros(0, np.uint64)
    keys = np.concatenate(out)
    if len(out) > 1:
        keys.sort()  # each chunk is sorted by word; the whole must be too
    return keys


def commit(
    base: IndexData, pending: list[PendingDoc], removed: set[str], vocab: Vocabulary, speakers: dict[str, int]
) -> IndexData:
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
            kept_docs.append(
                DocEntry(entry.id, entry.title, entry.kind, entry.text_hash, 0, entry.count, entry.ids, entry.version)
            )
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
    tokens = _joined([base_tokens, *[p.tokens for p in pending]], np.uint32)
    text = _joined([base_text, *[np.frombuffer(p.text, np.uint8) for p in pending]], np.uint8)

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
        new_tokens = tokens[len(base_tokens) :]
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
        parts = [(del_key.astype(np.uint64) << np.uint64(32)) | del_term.astype(np.uint64)]
        # A few thousand words at a time: each word has up to 29 keys, and their working arrays add up.
        for lo in range(typo_upto, v, TYPO_CHUNK):
            new_words = vocab.words[lo : min(lo + TYPO_CHUNK, v)]
            depths = [index_depth(len(w)) if len(w) >= 3 else -1 for w in new_words]
            keys_new, rows_new = typo_keys(new_words, depths)
            parts.append((keys_new.astype(np.uint64) << np.uint64(32)) | (rows_new + lo).astype(np.uint64))
        combined = np.concatenate(parts)
        del parts
        combined.sort()
        if len(combined):
            combined = combined[np.concatenate([[True], combined[1:] != combined[:-1]])]
        del_key = (combined >> np.uint64(32)).astype(np.uint32)
        del_term = (combined & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        typo_upto = v
        vocab_order = np.array(sorted(range(v), key=vocab.words.__getitem__), dtype=np.int32)
    else:
        vocab_order = a["vocab_order"]

    data = IndexData(
        docs=docs, speakers=sorted(speakers, key=speakers.__getitem__), vocab_words=vocab.words, typo_upto=typo_upto
    )
    data.arrays = {
        "tokens": tokens,
        "tok_off": _offsets(lens),
        "term_start": term_start,
        "post_slot": post_slot,
        "post_tf": post_tf,
        "del_key": del_key,
        "del_term": del_term,
        "slot_doc": slot_doc.astype(np.int32),
        "slot_index": slot_index.astype(np.int32),
        "slot_speaker": slot_speaker.astype(np.int32),
        "slot_start": slot_start.astype(np.float64),
        "text": text,
        "text_off": _offsets(text_lens),
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
    header = json.dumps(
        {
            "format": FORMAT_VERSION,
            "generation": generation,
            "vocab_words": len(data.vocab_words),
            "typo_upto": data.typo_upto,
            "docs": [d.to_json() for d in data.docs],
            "speakers": data.speakers,
            "arrays": layout,
        },
        ensure_ascii=False,
    ).encode("utf-8")
    start = (16 + len(header) + 63) // 64 * 64
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(folder)  # named with this process's pid: another sayso's clean-up leaves it alone
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
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
                handle.write(arr.data.cast("B"))
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
        len(a["slot_index"]) == s
        and len(a["slot_speaker"]) == s
        and len(a["slot_start"]) == s
        and len(a["tok_off"]) == s + 1
        and len(a["text_off"]) == s + 1
        and int(a["tok_off"][-1]) == len(a["tokens"])
        and int(a["text_off"][-1]) == len(a["text"])
        and len(a["term_start"]) == v + 1
        and int(a["term_start"][-1]) == len(a["post_slot"])
        and len(a["post_tf"]) == len(a["post_slot"])
        and len(a["del_key"]) == len(a["del_term"])
        and len(a["vocab_order"]) == v
        and sum(d.count for d in data.docs) == s
        and data.typo_upto <= v
    )
    if not ok:
        raise DamagedIndex("index arrays disagree")
