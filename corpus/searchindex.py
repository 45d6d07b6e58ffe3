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

import bisect
import contextlib
import itertools
import json
import mmap
import os
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from sayso.corpus.models import JoinedTexts, PassageTable
from sayso.corpus.store import TEMP_PREFIX as STORE_TEMP_PREFIX
from sayso.corpus.store import _pid_alive, temp_path, text_runs
from sayso.corpus.words import words_of

#: 3: upper-case possessives ("ADA'S") are indexed as the query side reads them.
#: 4: segments (an older index is rebuilt once).
FORMAT_VERSION = 4
SEGMENT_MAGIC = b"SAYSOSG4"
VOCAB_MAGIC = b"SAYSOVC4"
#: Letters of a word that the typo index covers (SymSpell's prefix length).
TYPO_PREFIX = 7
#: Temp-file prefix shared with corpus.store, so a crash's leftovers are cleaned the same way.
TEMP_PREFIX = STORE_TEMP_PREFIX
#: Words per batch when building postings (bounds the memory an import of a million passages needs).
POSTINGS_CHUNK = 250_000
#: New vocabulary words whose typo keys are made at a time (bounds the memory of a commit that adds many).
TYPO_CHUNK = 10_000
#: Words of pending documents at which a writer writes them out as a segment (bounds a large import's memory).
FLUSH_TOKENS = 8_000_000
#: Segments merge MERGE_FACTOR at a time, adjacent ones of one size level (see plan_merge).
MERGE_FACTOR = 10
#: Passages of the smallest size level.
MIN_LEVEL_SIZE = 100
#: Largest merge (in live passages): bigger segments stay as they are.
MAX_MERGE = 300_000
#: Share of tombstoned passages at which a segment is rewritten without them.
DELETED_SHARE = 0.3
#: More segments than this (sizes that do not tier) merge anyway, the smallest adjacent pair first.
MAX_SEGMENTS = 40
_SEGMENT_ARRAYS = {
    "tokens": np.uint32,
    "tok_off": np.int64,
    "post_term": np.uint32,
    "term_start": np.int64,
    "post_slot": np.uint32,
    "post_tf": np.uint8,
    "slot_doc": np.int32,
    "slot_index": np.int32,
    "slot_speaker": np.int32,
    "slot_start": np.float64,
    "text": np.uint8,
    "text_off": np.int64,
}
_VOCAB_ARRAYS = {"words": np.uint8, "del_key": np.uint32, "del_term": np.uint32, "order": np.uint32}


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


#: P**-1 and P**-2 modulo 2**64 (see typo_keys)
_INVERSE = np.uint64(pow(1099511628211, -1, 1 << 64))
_INVERSE_2 = np.uint64(pow(1099511628211, -2, 1 << 64))


def _finish_hash(h: np.ndarray) -> np.ndarray:
    """The stable 32-bit hash of strings of up to TYPO_PREFIX letters from their sums `h` of letter code
    * P**place (modulo 2**64; `hash_string` is the same for one string); `h` is used up."""
    h ^= h >> np.uint64(29)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(32)
    return (h & np.uint64(0xFFFFFFFF)).astype(np.uint32)


_MASK64 = (1 << 64) - 1
_POWERS_INT = [int(p) for p in _POWERS]


def hash_string(text: str) -> int:
    """The typo index's hash of one short string (see `_finish_hash`), in plain Python (faster than numpy for a
    query's few words)."""
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
    lengths = np.minimum(np.fromiter((len(w) for w in words), np.int64, len(words)), TYPO_PREFIX)
    depth = np.asarray(depths, dtype=np.int64)
    # The hash of the letters kept is sum(letter * P**place) over their places after the deletion, so it is
    # made from prefix sums of the word's own sum (modulo 2**64, where P, odd, has an inverse): the part
    # before the first letter deleted as it is, the parts after each deleted letter moved down a place.
    before = np.zeros((len(words), TYPO_PREFIX + 1), np.uint64)  # before[:, c]: letters 0..c-1, in place
    np.cumsum(codes.astype(np.uint64) * _POWERS, axis=1, out=before[:, 1:])
    whole = before[:, TYPO_PREFIX]
    keys: list[np.ndarray] = []
    rows: list[np.ndarray] = []
    for drop in _DROPPED:
        real_drops = np.zeros(len(words), np.int64)
        for d in drop:
            real_drops += lengths > d
        ok = (real_drops <= depth) & (depth >= 0)
        if drop and not ok.any():
            continue
        which = np.flatnonzero(ok)
        if not drop:
            h = whole[which]
        elif len(drop) == 1:
            (d,) = drop
            h = before[which, d] + (whole[which] - before[which, d + 1]) * _INVERSE
        else:
            d, e = drop
            h = (
                before[which, d]
                + (before[which, e] - before[which, d + 1]) * _INVERSE
                + (whole[which] - before[which, e + 1]) * _INVERSE_2
            )
        keys.append(_finish_hash(h))
        rows.append(which)
    return np.concatenate(keys), np.concatenate(rows)


@dataclass(slots=True)
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
    #: the passages' text end to end, UTF-8; or the ASCII string itself (its bytes: see `tokenise_document`)
    text: bytes | bytearray | str
    text_lens: np.ndarray
    speakers: np.ndarray
    indexes: np.ndarray
    starts: np.ndarray


class Vocabulary:
    """Words and their ids; grows as documents are added and never shrinks.

    Writers also map token hashes (see `hash_tokens`) to ids, vectorised: a
    sorted array for the bulk of the vocabulary, plus a small sorted array of
    the words added since (merged into as words are added, folded into the
    bulk once it reaches RECENT_FOLD words).
    """

    #: Words added before the recent ones are folded into the bulk (a copy of the bulk: rare enough).
    RECENT_FOLD = 8192

    def __init__(self, words: list[str] | None = None) -> None:
        self.words: list[str] = words or []
        self.ids: dict[str, int] = dict(zip(self.words, range(len(self.words))))
        self._sorted_hashes: np.ndarray | None = None
        self._sorted_ids = np.zeros(0, np.int64)
        self._recent_hashes = np.zeros(0, np.uint64)
        self._recent_ids = np.zeros(0, np.int64)

    def _ensure_hashes(self) -> np.ndarray:
        if self._sorted_hashes is None:
            hashes = hash_tokens(" ".join(self.words).encode("utf-8"))[0] if self.words else np.zeros(0, np.uint64)
            order = np.argsort(hashes)
            self._sorted_hashes, self._sorted_ids = hashes[order], order.astype(np.int64)
            self._recent_hashes, self._recent_ids = np.zeros(0, np.uint64), np.zeros(0, np.int64)
        return self._sorted_hashes

    def lookup(self, hashes: np.ndarray) -> np.ndarray:
        """Word ids of token hashes, -1 where the word is new."""
        found = _map_sorted(self._ensure_hashes(), self._sorted_ids, hashes)
        if len(self._recent_hashes):
            missing = np.flatnonzero(found < 0)
            if len(missing):
                found[missing] = _map_sorted(self._recent_hashes, self._recent_ids, hashes[missing])
        return found

    def truncate(self, size: int) -> None:
        """Forget the words from id `size` on (added in memory but never saved)."""
        if len(self.words) <= size:
            return
        for word in self.words[size:]:
            del self.ids[word]
        del self.words[size:]
        self._sorted_hashes = None

    def extend(self, words: list[str]) -> None:
        """Add words known to be new, in order (ids follow on)."""
        for word in words:
            self.ids[word] = len(self.words)
            self.words.append(word)
        if words:
            self._sorted_hashes = None

    def add(self, word: str, token_hash: int) -> int:
        """The id of `word` (whose tokens hash to `token_hash`), added if new."""
        return int(self.add_many([word], np.array([token_hash], np.uint64))[0])

    def add_many(self, words: list[str], hashes: np.ndarray) -> np.ndarray:
        """The ids of `words` (whose tokens hash to `hashes`, distinct ones, not yet looked up), each added if new,
        in order."""
        ids = np.empty(len(words), np.int64)
        for i, word in enumerate(words):
            found = self.ids.get(word)
            if found is None:
                found = self.ids[word] = len(self.words)
                self.words.append(word)
            ids[i] = found
        bulk = self._ensure_hashes()
        order = np.argsort(hashes)
        self._recent_hashes, self._recent_ids = _merged(
            self._recent_hashes, self._recent_ids, hashes[order], ids[order]
        )
        if len(self._recent_hashes) >= self.RECENT_FOLD:
            self._sorted_hashes, self._sorted_ids = _merged(
                bulk, self._sorted_ids, self._recent_hashes, self._recent_ids
            )
            self._recent_hashes, self._recent_ids = np.zeros(0, np.uint64), np.zeros(0, np.int64)
        return ids


def _map_sorted(keys: np.ndarray, values: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """values[i] where keys[i] (sorted) equals each hash, else -1."""
    found = np.full(len(hashes), -1, np.int64)
    pos, hit = _find_sorted(keys, hashes)
    found[hit] = values[pos]
    return found


def _merged(
    keys: np.ndarray, values: np.ndarray, more_keys: np.ndarray, more_values: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Sorted `keys` (with their `values`) and sorted `more_keys` (with theirs) as one sorted pair: a merge, no sort."""
    at = np.searchsorted(keys, more_keys)
    return np.insert(keys, at, more_keys), np.insert(values, at, more_values)


@dataclass
class Segment:
    """An immutable run of documents' passages: forward index, inverted index and passage data.

    Word ids are the library-wide vocabulary's (see VocabChunk), so segments
    merge without translating words; speaker and document numbers are the
    segment's own (`speakers`, `docs`).  Postings are kept for the words the
    segment holds only (`post_term`, sorted, with `term_start` in CSR form).
    """

    docs: list[DocEntry] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    arrays: dict[str, np.ndarray] = field(default_factory=dict)
    #: derived values worth keeping while the segment lives (it never changes)
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def empty(cls) -> Segment:
        seg = cls()
        for name, dtype in _SEGMENT_ARRAYS.items():
            seg.arrays[name] = np.zeros(0, dtype=dtype)
        for name in ("tok_off", "text_off", "term_start"):
            seg.arrays[name] = np.zeros(1, np.int64)
        return seg

    def __getattr__(self, name: str) -> np.ndarray:
        arrays: dict[str, np.ndarray] | None = self.__dict__.get("arrays")
        if arrays is not None and name in arrays:
            return arrays[name]
        raise AttributeError(name)

    @property
    def slots(self) -> int:
        return len(self.arrays["slot_doc"])

    @property
    def doc_ids(self) -> frozenset[str]:
        found: frozenset[str] | None = self.cache.get("doc_ids")
        if found is None:
            found = self.cache["doc_ids"] = frozenset(d.id for d in self.docs)
        return found

    def text_of(self, slot: int) -> str:
        off = self.arrays["text_off"]
        return self.arrays["text"][int(off[slot]) : int(off[slot + 1])].tobytes().decode("utf-8", "surrogatepass")

    def passage_id(self, slot: int) -> str:
        entry = self.docs[int(self.arrays["slot_doc"][slot])]
        if entry.ids is not None:
            return entry.ids[slot - entry.first]
        return f"{entry.id}:{int(self.arrays['slot_index'][slot])}"

    def count_of(self, ids: frozenset[str]) -> int:
        """How many passages the documents `ids` have here."""
        counts: dict[str, int] | None = self.cache.get("counts")
        if counts is None:
            counts = self.cache["counts"] = {d.id: d.count for d in self.docs}
        return sum(counts.get(i, 0) for i in ids)

    def live_mask(self, deleted: frozenset[str]) -> np.ndarray | None:
        """Which slots belong to documents not in `deleted` (None: all of them)."""
        if not deleted:
            return None
        dead = [d for d in self.docs if d.id in deleted]
        if not dead:
            return None
        key = ("live", deleted)
        found: np.ndarray | None = self.cache.get(key)
        if found is None:
            found = np.ones(self.slots, dtype=bool)
            for entry in dead:
                found[entry.first : entry.first + entry.count] = False
            # One set of tombstones at a time: what was derived for an older one goes.
            self.cache = {k: v for k, v in self.cache.items() if not isinstance(k, tuple)}
            self.cache[key] = found
        return found

    def dead_df(self, deleted: frozenset[str], live: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(word ids, how many deleted passages hold each): what tombstones take off the document frequencies."""
        key = ("dead_df", deleted)
        found: tuple[np.ndarray, np.ndarray] | None = self.cache.get(key)
        if found is None:
            a = self.arrays
            dead = ~live[a["post_slot"]]
            terms = np.repeat(a["post_term"], np.diff(a["term_start"]))[dead]
            found = self.cache[key] = _unique_counts(terms)
        return found


@dataclass
class VocabChunk:
    """Words `lo`..`lo + len(words)` of the library's vocabulary, with their typo keys and sorted order.

    The vocabulary only grows (a word keeps its id while the index lives), so
    each save that meets new words adds one chunk, and chunks merge like
    segments.  `del_key`/`del_term` are the typo index of these words (global
    ids), `order` their ids sorted by word (for prefix lookups).
    """

    lo: int = 0
    words: list[str] = field(default_factory=list)
    arrays: dict[str, np.ndarray] = field(default_factory=dict)
    #: its file, once written
    name: str = ""
    #: its words in sorted order, once a warm index asked (see `find`)
    _sorted: list[str] | None = field(default=None, repr=False)

    @property
    def hi(self) -> int:
        return self.lo + len(self.words)

    def find(self, text: str, *, after: bool = False, keep: bool = False) -> int:
        """Where `text` goes in these words' sorted order (`bisect_left`, or `bisect_right` if `after`).

        A first search looks up a few words: a binary search through `order`, without a sorted list of
        every word.  Searches per keystroke look up hundreds (a typed prefix's near spellings): with `keep`
        the sorted list is made once and kept."""
        if keep and self._sorted is None:
            local = self.arrays["order"].astype(np.int64) - self.lo
            self._sorted = np.array(self.words, dtype=object)[local].tolist() if self.words else []
        if self._sorted is not None:
            return (bisect.bisect_right if after else bisect.bisect_left)(self._sorted, text)
        order, words, lo = self.arrays["order"], self.words, self.lo
        low, high = 0, len(order)
        while low < high:
            mid = (low + high) // 2
            word = words[int(order[mid]) - lo]
            if word < text or (after and word == text):
                low = mid + 1
            else:
                high = mid
        return low

    def word_at(self, at: int) -> str:
        """The word at place `at` of the sorted order."""
        if self._sorted is not None:
            return self._sorted[at]
        return self.words[int(self.arrays["order"][at]) - self.lo]

    def word_id(self, word: str, *, keep: bool = False) -> int | None:
        at = self.find(word, keep=keep)
        if at < len(self.words) and self.word_at(at) == word:
            return int(self.arrays["order"][at])
        return None


@dataclass
class LiveSegment:
    """A segment as a manifest lists it: its file (None while only in memory) and its tombstones."""

    seg: Segment
    name: str | None = None
    deleted: frozenset[str] = frozenset()
    #: named by the manifest the index was loaded from or last saved
    listed: bool = False

    @property
    def live_passages(self) -> int:
        return self.seg.slots - self.seg.count_of(self.deleted) if self.deleted else self.seg.slots


#: ASCII fast path: lowercase letters and digits stay, apostrophes and underscores go, the rest splits words.
_ASCII_TABLE = bytes(c + 32 if 65 <= c <= 90 else c if (48 <= c <= 57 or 97 <= c <= 122) else 32 for c in range(256))
_NUMBER_SEPARATOR = re.compile(r"\d[.,:]\d")
_ASCII_POSSESSIVE = re.compile(r"'[sS]\b")  # "ADA'S" too: the query side folds case first


def _has_number_separator(text: str, ascii_bytes: bytes | None) -> bool:
    """Whether `text` (`ascii_bytes`: the same, where it is ASCII) has a digit, "." "," or ":" and a digit."""
    if ascii_bytes is None:
        return _NUMBER_SEPARATOR.search(text) is not None
    b = np.frombuffer(ascii_bytes, np.uint8)
    if len(b) < 3:
        return False
    digit = (b >= 48) & (b <= 57)  # (vectorised: the regex took 0.5 ms for 64 KiB)
    if not digit.any():
        return False
    separator = (b == 46) | (b == 44) | (b == 58)
    return bool((digit[:-2] & separator[1:-1] & digit[2:]).any())


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
TOKENISE_CHUNK = 1 << 16
#: Bytes hashed at a time by hash_tokens: its working arrays (8 bytes per byte) stay under glibc's mmap
#: threshold at any setting (see sayso.memory), so they come from the heap and are used again piece after
#: piece rather than mapped and page-faulted afresh (a third of a folder import's page faults)
HASH_CHUNK = 1 << 13


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P**j and P**-j modulo 2**64 for j < n (grown on demand; hash_tokens keeps n near HASH_CHUNK)."""
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


def _token_end(b: np.ndarray, at: int) -> int:
    """Just past the first separator at or after `at` (len(b): none), looked for a window at a time, doubling:
    a token longer than a piece costs what it holds, not what the rest of `b` does."""
    step = HASH_CHUNK
    while at < len(b):
        window = b[at : at + step]
        found = np.flatnonzero((window == 32) | (window == 10))
        if len(found):
            return at + int(found[0]) + 1
        at += len(window)
        step *= 2
    return len(b)


def hash_tokens(buf: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(64-bit hash, start, end) of every space- or newline-separated token of `buf`, vectorised.

    A token's hash depends only on its bytes, so `buf` is hashed in pieces of
    about HASH_CHUNK bytes cut at separators: the working arrays stay small
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
        hi = min(lo + HASH_CHUNK, n)
        if hi < n:
            # Cut after the last separator of the window, or (one token longer than it) at the next one.
            window = b[lo:hi]
            cut = np.flatnonzero((window == 32) | (window == 10))
            hi = lo + int(cut[-1]) + 1 if len(cut) else _token_end(b, hi)
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


def _passage_runs(texts: Sequence[str]) -> list[tuple[int, int]]:
    """Consecutive runs of passages holding about TOKENISE_CHUNK characters each (at least one passage)."""
    return text_runs(texts, TOKENISE_CHUNK)


@dataclass
class RunWords:
    """The words of a run of passages (see `_passage_runs`), worked out without the vocabulary.

    An import's parse workers make these (`document_words`), so that the
    importing process only looks up each distinct word once and maps the
    tokens through it.
    """

    #: the run: passages lo to hi of the document
    lo: int
    hi: int
    #: the run's distinct token hashes (see `hash_tokens`), sorted
    hashes: np.ndarray
    #: their words, in the same order, UTF-8, joined by spaces
    words: bytes
    #: each token of the run as its position in `hashes`
    inverse: np.ndarray
    #: tokens per passage
    lens: np.ndarray


def _run_words(texts: Sequence[str], lo: int, hi: int) -> RunWords:
    run = texts[lo:hi]
    joined = "\n".join(run)
    ascii_bytes = joined.encode("ascii") if joined.isascii() else None
    plain = not _has_number_separator(joined, ascii_bytes)
    buf = b"\n".join([_words_line(t, plain) for t in run])
    hashes, starts, ends = hash_tokens(buf)
    if not len(hashes):
        return RunWords(lo, hi, np.zeros(0, np.uint64), b"", np.zeros(0, np.uint32), np.zeros(hi - lo, np.int64))
    # The passage of each word: how many line breaks come before it.
    breaks = np.flatnonzero(np.frombuffer(buf, np.uint8) == 10)
    lens = np.bincount(np.searchsorted(breaks, starts), minlength=hi - lo).astype(np.int64)
    # Distinct hashes and each token's place among them (np.unique's stable sort, which its first
    # occurrences need, is not: any occurrence of a hash spells its word).
    order = np.argsort(hashes)
    ordered = hashes[order]
    new = np.empty(len(ordered), bool)
    new[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    inverse = np.empty(len(ordered), np.uint32)
    inverse[order] = np.cumsum(new, dtype=np.uint32) - 1
    return RunWords(lo, hi, ordered[new], _spelled_out(buf, starts, ends, order[new]), inverse, lens)


def _spelled_out(buf: bytes, starts: np.ndarray, ends: np.ndarray, which: np.ndarray) -> bytes:
    """The tokens `which` of `buf` (at `starts`/`ends`) joined by spaces, in that order: their bytes gathered
    at once rather than sliced one by one."""
    first = starts[which]
    sizes = ends[which] - first
    at = np.cumsum(sizes + 1) - (sizes + 1)  # where each word goes, one byte for the space after it
    # Each output byte's place in `buf`: a word's own bytes, then the byte after it, overwritten by the space.
    source = np.arange(int(sizes.sum()) + len(sizes)) - np.repeat(at - first, sizes + 1)
    out = np.frombuffer(buf + b" ", np.uint8)[source]
    out[at + sizes] = 32
    spelled: bytes = out[:-1].tobytes()
    return spelled


def document_words(texts: Sequence[str]) -> list[RunWords]:
    """A document's words, run by run, for `tokenise_document(words=)`: what needs no vocabulary."""
    return [_run_words(texts, lo, hi) for lo, hi in _passage_runs(texts)]


def _spelled(words: bytes, which: np.ndarray) -> list[str]:
    """The words at places `which` (sorted) of `words` (UTF-8, joined by spaces), without splitting the rest."""
    cuts = np.flatnonzero(np.frombuffer(words, np.uint8) == 32)
    starts = np.concatenate([np.zeros(1, np.int64), cuts + 1])[which].tolist()
    ends = np.concatenate([cuts, np.full(1, len(words), np.int64)])[which].tolist()
    return [words[s:e].decode("utf-8") for s, e in zip(starts, ends)]


def _tokenise_run(
    vocab: Vocabulary, texts: Sequence[str], words: RunWords, with_text: bool = True
) -> tuple[np.ndarray, bytes, np.ndarray]:
    """(word ids, UTF-8 text, text bytes per passage) of a run of passages whose `words` are worked out
    (the text empty unless `with_text`: the caller has it)."""
    # Each distinct word is looked up once (nearly all are known after the first documents);
    # the new ones are added in the order of their hashes.
    ids = vocab.lookup(words.hashes)
    missing = np.flatnonzero(ids < 0)
    if len(missing):
        ids[missing] = vocab.add_many(_spelled(words.words, missing), words.hashes[missing])
    tokens = ids[words.inverse].astype(np.uint32) if len(words.inverse) else np.zeros(0, np.uint32)
    joined = "".join(texts)
    if joined.isascii():
        raw = joined.encode("ascii") if with_text else b""
        text_lens = np.fromiter((len(t) for t in texts), np.int64, len(texts))
    else:
        encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
        raw = b"".join(encoded)
        text_lens = np.fromiter((len(e) for e in encoded), np.int64, len(encoded))
    return tokens, raw, text_lens


def tokenise_document(
    vocab: Vocabulary,
    speakers: dict[str, int],
    entry: DocEntry,
    passages: list[Any] | PassageTable,
    words: list[RunWords] | None = None,
) -> PendingDoc:
    """Turn one document's passages into arrays, with as little per-passage Python work as possible.

    The passages go in runs of about TOKENISE_CHUNK characters, so the working
    arrays stay small; what is kept grows in compact buffers (4 bytes a word,
    the UTF-8 text) rather than being joined at the end.  `words`, the
    passages' `document_words` if already worked out (by a parse worker), are
    used when they are of these passages' runs.
    """
    table, rows = (passages, []) if isinstance(passages, PassageTable) else (None, passages)
    texts = table.texts if table is not None else [p.text for p in rows]  # (JoinedTexts slice on demand)
    n = len(texts)
    tokens = array("I")
    text = bytearray()
    # Passages joined already and all ASCII (most transcripts): their string is their UTF-8 text, kept as it
    # is (shared with the passages, until the segment is built) rather than copied beside it a run at a time.
    ascii_whole = texts.whole if isinstance(texts, JoinedTexts) and texts.whole.isascii() else None
    lens = np.zeros(n, np.int64)
    text_lens = np.zeros(n, np.int64)
    runs = _passage_runs(texts)
    if words is None or [(w.lo, w.hi) for w in words] != runs:
        words = None
    for run, (lo, hi) in enumerate(runs):
        run_words = words[run] if words is not None else _run_words(texts, lo, hi)
        run_tokens, raw, run_text_lens = _tokenise_run(vocab, texts[lo:hi], run_words, ascii_whole is None)
        tokens.frombytes(run_tokens.tobytes())
        if ascii_whole is None:
            text += raw
        lens[lo:hi] = run_words.lens
        text_lens[lo:hi] = run_text_lens
    del texts
    spk = []
    for name in table.speakers if table is not None else (p.speaker for p in rows):
        if not name:
            spk.append(-1)
            continue
        number = speakers.get(name)
        if number is None:
            number = speakers[name] = len(speakers)
        spk.append(number)
    nan = float("nan")
    if table is not None:  # (laid out as the library lays passages out: ids <document>:<i>)
        indexes: Sequence[int] = range(n)
        times = [nan if start is None else float(start) for start in table.starts]
        entry.ids = None
    else:
        indexes = [p.index for p in rows]
        times = [nan if p.start is None else float(p.start) for p in rows]
        ids_list = [p.id for p in rows]
        prefix = entry.id + ":"
        regular = all(pid == prefix + str(i) for pid, i in zip(ids_list, indexes))
        entry.ids = None if regular else ids_list
    entry.count = n
    return PendingDoc(
        entry=entry,
        tokens=np.frombuffer(tokens, np.uint32) if len(tokens) else np.zeros(0, np.uint32),
        lens=lens,
        text=text if ascii_whole is None else ascii_whole,
        text_lens=text_lens,
        speakers=np.array(spk, dtype=np.int32),
        indexes=np.fromiter(indexes, np.int32, n),
        starts=np.array(times, dtype=np.float64),
    )


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values, as np.unique gives them: np.unique itself imports numpy.ma on its first
    call (25 ms of a cold search), to ask whether the array is masked."""
    ordered: np.ndarray = np.sort(values)
    if len(ordered) < 2:
        return ordered
    found: np.ndarray = ordered[np.concatenate([[True], ordered[1:] != ordered[:-1]])]
    return found


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
    parts = len(out)
    if parts == 1:
        return out[0]
    # (the chunks moved into one array a chunk at a time, each let go once moved: all of them and their
    # concatenation at once held the postings twice)
    keys = np.empty(sum(len(part) for part in out), np.uint64)
    at = 0
    out.reverse()
    while out:
        part = out.pop()
        keys[at : at + len(part)] = part
        at += len(part)
        del part
    # each chunk is sorted by word; the whole must be too (a stable sort merges sorted runs: several times
    # quicker here than quicksort, with the same result, keys being whole numbers)
    keys.sort(kind="stable")
    return keys


def _split_postings(keys: np.ndarray) -> dict[str, np.ndarray]:
    """Sorted keys term<<40 | slot<<8 | tf as the CSR arrays of a segment; `keys` is used up (shifted in place,
    so that no array as big as it is made beside it: they are 8 bytes a posting)."""
    tf = keys.astype(np.uint8)  # (the low 8 bits)
    keys >>= np.uint64(8)
    slots = keys.astype(np.uint32)  # (the next 32)
    keys >>= np.uint64(32)
    terms = keys
    starts = np.flatnonzero(np.concatenate([[True], terms[1:] != terms[:-1]])) if len(terms) else np.zeros(0, np.int64)
    return {
        "post_term": terms[starts].astype(np.uint32),
        "term_start": np.append(starts, len(terms)).astype(np.int64),
        "post_slot": slots,
        "post_tf": tf,
    }


def _text_bytes(pending: PendingDoc) -> np.ndarray:
    """A pending document's text as bytes (made from its ASCII string, then let go: see `tokenise_document`)."""
    if isinstance(pending.text, str):
        pending.text = pending.text.encode("ascii")
    return np.frombuffer(pending.text, np.uint8)


def build_segment(pending: list[PendingDoc], speaker_numbers: dict[str, int]) -> Segment:
    """A new segment of the `pending` documents (their speaker numbers are `speaker_numbers`')."""
    names = sorted(speaker_numbers, key=speaker_numbers.__getitem__)
    docs = []
    first = 0
    for p in pending:
        entry = p.entry
        docs.append(
            DocEntry(entry.id, entry.title, entry.kind, entry.text_hash, first, entry.count, entry.ids, entry.version)
        )
        first += entry.count
    spk = np.concatenate([p.speakers for p in pending]) if pending else np.zeros(0, np.int32)
    known = spk >= 0
    used = distinct(spk[known])
    local = np.full(len(spk), -1, np.int32)
    local[known] = np.searchsorted(used, spk[known])
    lens = np.concatenate([p.lens for p in pending]) if pending else np.zeros(0, np.int64)
    text_lens = np.concatenate([p.text_lens for p in pending]) if pending else np.zeros(0, np.int64)
    tokens = _joined([p.tokens for p in pending], np.uint32) if pending else np.zeros(0, np.uint32)
    text = _joined([_text_bytes(p) for p in pending], np.uint8) if pending else np.zeros(0, np.uint8)
    seg = Segment(docs=docs, speakers=[names[i] for i in used.tolist()])
    seg.arrays = {
        "tokens": tokens,
        "tok_off": _offsets(lens),
        **_split_postings(_postings_of(tokens, lens, 0)),
        "slot_doc": np.concatenate(
            [np.full(p.entry.count, i, np.int32) for i, p in enumerate(pending)] or [np.zeros(0, np.int32)]
        ),
        "slot_index": np.concatenate([p.indexes for p in pending]).astype(np.int32)
        if pending
        else np.zeros(0, np.int32),
        "slot_speaker": local,
        "slot_start": np.concatenate([p.starts for p in pending]).astype(np.float64)
        if pending
        else np.zeros(0, np.float64),
        "text": text,
        "text_off": _offsets(text_lens),
    }
    return seg


def merge_segments(parts: list[tuple[Segment, frozenset[str]]]) -> Segment:
    """One segment holding the live documents of `parts`, in their order (tombstoned documents are dropped)."""
    docs: list[DocEntry] = []
    speakers: dict[str, int] = {}
    columns: dict[str, list[np.ndarray]] = {k: [] for k in ("tokens", "text", "slot_doc", "slot_index")}
    columns.update({k: [] for k in ("slot_speaker", "slot_start", "lens", "text_lens", "keys")})
    base = 0
    for seg, deleted in parts:
        a = seg.arrays
        live = seg.live_mask(deleted)
        keep = live if live is not None else np.ones(seg.slots, dtype=bool)
        doc_map = np.full(max(len(seg.docs), 1), -1, np.int32)
        for number, entry in enumerate(seg.docs):
            if entry.id in deleted:
                continue
            doc_map[number] = len(docs)
            docs.append(
                DocEntry(entry.id, entry.title, entry.kind, entry.text_hash, 0, entry.count, entry.ids, entry.version)
            )
        speaker_map = np.array([speakers.setdefault(n, len(speakers)) for n in seg.speakers] + [-1], np.int32)
        lens = np.diff(a["tok_off"])
        text_lens = np.diff(a["text_off"])
        columns["slot_doc"].append(doc_map[a["slot_doc"][keep]])
        columns["slot_index"].append(a["slot_index"][keep])
        columns["slot_speaker"].append(speaker_map[a["slot_speaker"][keep]])  # -1 stays -1 (the last entry)
        columns["slot_start"].append(a["slot_start"][keep])
        columns["lens"].append(lens[keep])
        columns["text_lens"].append(text_lens[keep])
        columns["tokens"].append(a["tokens"] if live is None else a["tokens"][np.repeat(keep, lens)])
        columns["text"].append(a["text"] if live is None else a["text"][np.repeat(keep, text_lens)])
        terms = np.repeat(a["post_term"].astype(np.uint64), np.diff(a["term_start"]))
        slots = a["post_slot"].astype(np.int64)
        tf = a["post_tf"].astype(np.uint64)
        if live is not None:
            alive = keep[slots]
            renumber = np.cumsum(keep) - 1
            terms, slots, tf = terms[alive], renumber[slots[alive]], tf[alive]
        columns["keys"].append((terms << np.uint64(40)) | ((slots + base).astype(np.uint64) << np.uint64(8)) | tf)
        base += int(keep.sum())
    first = 0
    for entry in docs:
        entry.first = first
        first += entry.count
    keys = np.concatenate(columns["keys"]) if parts else np.zeros(0, np.uint64)
    if len(parts) > 1:
        keys.sort(kind="stable")  # (each part's keys are sorted: see `_postings_of`)
    merged = Segment(docs=docs, speakers=sorted(speakers, key=speakers.__getitem__))
    if not parts:
        return Segment.empty()
    merged.arrays = {
        "tokens": _joined(columns["tokens"], np.uint32),
        "tok_off": _offsets(np.concatenate(columns["lens"])),
        **_split_postings(keys),
        "slot_doc": np.concatenate(columns["slot_doc"]).astype(np.int32),
        "slot_index": np.concatenate(columns["slot_index"]).astype(np.int32),
        "slot_speaker": np.concatenate(columns["slot_speaker"]).astype(np.int32),
        "slot_start": np.concatenate(columns["slot_start"]).astype(np.float64),
        "text": _joined(columns["text"], np.uint8),
        "text_off": _offsets(np.concatenate(columns["text_lens"])),
    }
    return merged


def remap_segment(seg: Segment, old_words: list[str], vocab: Vocabulary) -> Segment:
    """`seg` with its word ids translated from `old_words` into `vocab` (which gains any word it lacks).

    Needed when another process saved a vocabulary of its own meanwhile: the
    words are the same, their ids may not be.
    """
    used = distinct(seg.arrays["tokens"]).tolist()
    mapping = {}
    for term in used:
        word = old_words[term]
        found = vocab.ids.get(word)
        mapping[term] = found if found is not None else vocab.add(word, hash_string_full(word))
    if all(mapping[t] == t for t in used):
        return seg
    table = np.zeros(max(used) + 1 if used else 1, np.uint32)
    for term, new in mapping.items():
        table[term] = new
    a = seg.arrays
    tokens = table[a["tokens"]]
    lens = np.diff(a["tok_off"])
    out = Segment(docs=[DocEntry(**d.to_json()) for d in seg.docs], speakers=list(seg.speakers))
    out.arrays = dict(a)
    out.arrays["tokens"] = tokens
    out.arrays.update(_split_postings(_postings_of(tokens, lens, 0)))
    return out


def hash_string_full(word: str) -> int:
    """The token hash `hash_tokens` gives `word` (the writers' vocabulary lookup key)."""
    return int(hash_tokens(word.encode("utf-8"))[0][0])


def build_vocab_chunk(words: list[str], lo: int) -> VocabChunk:
    """The chunk of vocabulary words `lo`.. (`words`), with their typo keys and sorted order."""
    parts = []
    # A few thousand words at a time: each word has up to 29 keys, and their working arrays add up.
    for at in range(0, len(words), TYPO_CHUNK):
        batch = words[at : at + TYPO_CHUNK]
        depths = [index_depth(len(w)) if len(w) >= 3 else -1 for w in batch]
        keys, rows = typo_keys(batch, depths)
        parts.append((keys.astype(np.uint64) << np.uint64(32)) | (rows + lo + at).astype(np.uint64))
    combined = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
    return _vocab_chunk(words, lo, combined)


def _vocab_chunk(words: list[str], lo: int, combined: np.ndarray) -> VocabChunk:
    combined.sort()
    if len(combined):
        combined = combined[np.concatenate([[True], combined[1:] != combined[:-1]])]
    order = np.array(sorted(range(len(words)), key=words.__getitem__), dtype=np.int64) + lo
    chunk = VocabChunk(lo=lo, words=words)
    chunk.arrays = {
        "del_key": (combined >> np.uint64(32)).astype(np.uint32),
        "del_term": (combined & np.uint64(0xFFFFFFFF)).astype(np.uint32),
        "order": order.astype(np.uint32),
    }
    return chunk


def merge_vocab_chunks(chunks: list[VocabChunk]) -> VocabChunk:
    """One chunk of consecutive chunks' words (their typo keys are reused, not made again)."""
    words = [w for c in chunks for w in c.words]
    combined = np.concatenate(
        [
            (c.arrays["del_key"].astype(np.uint64) << np.uint64(32)) | c.arrays["del_term"].astype(np.uint64)
            for c in chunks
        ]
    )
    return _vocab_chunk(words, chunks[0].lo, combined)


# -- the files ---------------------------------------------------------------------------------
def new_file_name(kind: str) -> str:
    """A fresh file name for a segment or vocabulary chunk, carrying this process's pid (see `stale_files`)."""
    return f"{kind}-{os.getpid()}-{os.urandom(6).hex()}.bin"


def stale_files(folder: Path, listed: set[str], mine: set[str], *, others_only: bool = False) -> list[Path]:
    """Index files the manifest does not list and no live writer is about to list.

    A file another live sayso wrote may be a merge about to be swapped in, so
    it stays, as do this process's files in `mine`; files of older index
    formats (`index-*.bin`) always go.  With `others_only`, only the files of
    processes that are gone (safe without holding the library's lock).
    """
    stale = []
    for path in folder.glob("*.bin"):
        name = path.name
        if name in listed or name in mine:
            continue
        kind, _, rest = name.partition("-")
        pid_text = rest.partition("-")[0]
        if kind in ("seg", "vocab") and pid_text.isdigit():
            pid = int(pid_text)
            if (pid != os.getpid() and _pid_alive(pid)) or (others_only and pid == os.getpid()):
                continue
        elif kind != "index" or others_only:
            continue
        stale.append(path)
    return stale


def _write_blob(
    path: Path, magic: bytes, header: dict[str, Any], arrays: dict[str, np.ndarray], spec: dict[str, Any]
) -> None:
    """Write a JSON header and 64-byte-aligned arrays to `path` atomically (temp file, fsync, rename)."""
    layout: dict[str, list[Any]] = {}
    offset = 0
    ready = {}
    for name, dtype in spec.items():
        arr = np.ascontiguousarray(arrays[name], dtype=dtype)
        offset = (offset + 63) // 64 * 64
        ready[name] = arr
        layout[name] = [np.dtype(dtype).str, offset, int(arr.size)]
        offset += arr.nbytes
    header = {"format": FORMAT_VERSION, **header, "arrays": layout}
    head = json.dumps(header, ensure_ascii=False).encode("utf-8")
    start = (16 + len(head) + 63) // 64 * 64
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(folder)  # named with this process's pid: another sayso's clean-up leaves it alone
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(magic + len(head).to_bytes(8, "little") + head)
            handle.write(b"\0" * (start - 16 - len(head)))
            pos = 0
            for name, arr in ready.items():
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


def _read_blob(path: Path, magic: bytes, spec: dict[str, Any]) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Map a file `_write_blob` wrote; raises DamagedIndex when it is not whole."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size < 16:
                raise DamagedIndex(f"{path.name}: too short")
            mm = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except FileNotFoundError:
        raise  # a merge or a save replaced it: the caller reads the manifest again
    except (OSError, ValueError) as exc:
        raise DamagedIndex(f"cannot read {path.name}: {exc}") from None
    try:
        if mm[:8] != magic:
            raise DamagedIndex(f"{path.name}: not a sayso index file")
        header_len = int.from_bytes(mm[8:16], "little")
        if header_len > size - 16:
            raise DamagedIndex(f"{path.name}: header truncated")
        header = json.loads(bytes(mm[16 : 16 + header_len]).decode("utf-8"))
        if header.get("format") != FORMAT_VERSION:
            raise DamagedIndex(f"{path.name}: written by another version")
        start = (16 + header_len + 63) // 64 * 64
        arrays = {}
        for name, dtype in spec.items():
            dtype_str, offset, count = header["arrays"][name]
            dt = np.dtype(dtype)
            if np.dtype(dtype_str) != dt:
                raise DamagedIndex(f"{path.name}: array {name} has the wrong type")
            at = start + int(offset)
            if at + int(count) * dt.itemsize > size:
                raise DamagedIndex(f"{path.name}: truncated")
            arrays[name] = np.frombuffer(mm, dtype=dt, count=int(count), offset=at)
        return header, arrays
    except DamagedIndex:
        raise
    except (KeyError, TypeError, ValueError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DamagedIndex(f"{path.name}: header damaged: {exc}") from None


def write_segment(path: Path, seg: Segment) -> None:
    # One row per document (a list, not an object: a large index's headers parse faster).
    rows = [[d.id, d.title, d.kind, d.text_hash, d.first, d.count, d.ids, d.version] for d in seg.docs]
    header = {"kind": "segment", "docs": rows, "speakers": seg.speakers}
    _write_blob(path, SEGMENT_MAGIC, header, seg.arrays, _SEGMENT_ARRAYS)


def read_segment(path: Path) -> Segment:
    header, arrays = _read_blob(path, SEGMENT_MAGIC, _SEGMENT_ARRAYS)
    try:
        rows = header["docs"]
        if not all(isinstance(r, list) and len(r) == 8 and isinstance(r[5], int) for r in rows):
            raise TypeError("documents are not rows")
        seg = Segment(docs=[DocEntry(*row) for row in rows], speakers=list(header["speakers"]), arrays=arrays)
    except (KeyError, TypeError) as exc:
        raise DamagedIndex(f"{path.name}: header damaged: {exc}") from None
    a = seg.arrays
    s = len(a["slot_doc"])
    ok = (
        all(len(a[k]) == s for k in ("slot_index", "slot_speaker", "slot_start"))
        and len(a["tok_off"]) == s + 1
        and len(a["text_off"]) == s + 1
        and int(a["tok_off"][-1]) == len(a["tokens"])
        and int(a["text_off"][-1]) == len(a["text"])
        and len(a["term_start"]) == len(a["post_term"]) + 1
        and int(a["term_start"][-1]) == len(a["post_slot"])
        and len(a["post_tf"]) == len(a["post_slot"])
        and sum(d.count for d in seg.docs) == s
    )
    if not ok:
        raise DamagedIndex(f"{path.name}: arrays disagree")
    return seg


def write_vocab(path: Path, chunk: VocabChunk) -> None:
    arrays = dict(chunk.arrays)
    arrays["words"] = np.frombuffer("\n".join(chunk.words).encode("utf-8"), np.uint8)
    _write_blob(path, VOCAB_MAGIC, {"kind": "vocab", "lo": chunk.lo, "count": len(chunk.words)}, arrays, _VOCAB_ARRAYS)
    chunk.name = path.name


def read_vocab(path: Path) -> VocabChunk:
    header, arrays = _read_blob(path, VOCAB_MAGIC, _VOCAB_ARRAYS)
    blob = arrays.pop("words")
    try:
        words = blob.tobytes().decode("utf-8").split("\n") if len(blob) else []
        lo, count = int(header["lo"]), int(header["count"])
    except (KeyError, TypeError, ValueError, UnicodeDecodeError) as exc:
        raise DamagedIndex(f"{path.name}: vocabulary damaged: {exc}") from None
    if len(words) != count or len(arrays["order"]) != count or len(arrays["del_key"]) != len(arrays["del_term"]):
        raise DamagedIndex(f"{path.name}: vocabulary damaged")
    return VocabChunk(lo=lo, words=words, arrays=arrays, name=path.name)


class WordTable:
    """The words of consecutive vocabulary chunks, by id."""

    def __init__(self, chunks: list[VocabChunk]) -> None:
        self.chunks = chunks
        self._los = [c.lo for c in chunks]
        self._size = chunks[-1].hi if chunks else 0

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, word_id: int) -> str:
        if len(self.chunks) == 1:
            return self.chunks[0].words[word_id]
        chunk = self.chunks[bisect.bisect_right(self._los, word_id) - 1]
        return chunk.words[word_id - chunk.lo]


def _find_sorted(keys: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of `wanted` is in the sorted array `keys` (of the same dtype): (the places, and the positions in
    `wanted` of those found), in `wanted`'s order."""
    if not len(keys):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    pos = np.searchsorted(keys, wanted)
    inside = np.flatnonzero(pos < len(keys))
    found = inside[keys[pos[inside]] == wanted[inside]]
    return pos[found], found


class IndexView:
    """Vocabulary chunks and live segments, searched as one run of passage slots.

    Slots are numbered segment after segment, in the manifest's order, which
    is the order documents were indexed in: ranking ties keep that order.  A
    tombstoned document's slots stay in place, masked out (`live`), until a
    merge drops them; the document frequencies and the average passage length
    count live passages only, so ranking is what one fresh index would give.
    """

    def __init__(self, chunks: list[VocabChunk], segments: list[LiveSegment]) -> None:
        self.chunks = chunks
        self.segments = segments
        self.bases = _offsets(np.array([ls.seg.slots for ls in segments], np.int64))
        self._base_list: list[int] = self.bases.tolist()
        #: every slot, live or not (the length of per-slot arrays)
        self.slots = int(self.bases[-1])
        # Which documents each segment holds dead: its tombstones, and (never so unless something went
        # wrong) a document live in a later segment too, which wins.
        seen: set[str] = set()
        dead_sets: list[frozenset[str]] = []
        for ls in reversed(segments):
            ids = ls.seg.doc_ids - ls.deleted if ls.deleted else ls.seg.doc_ids
            if seen.isdisjoint(ids):
                dead_sets.append(ls.deleted & ls.seg.doc_ids if ls.deleted else frozenset())
            else:
                dead_sets.append(frozenset((ls.deleted & ls.seg.doc_ids) | (ids & seen)))
            seen |= ids
        self._dead: list[frozenset[str]] = dead_sets[::-1]
        speakers: dict[str, int] = {}
        self._speaker_maps: list[np.ndarray] = []
        for ls in segments:
            self._speaker_maps.append(
                np.array([speakers.setdefault(n, len(speakers)) for n in ls.seg.speakers] + [-1], np.int32)
            )
        self.speakers = sorted(speakers, key=speakers.__getitem__)
        self.speaker_numbers = speakers
        self.live_slots = sum(
            ls.seg.slots - ls.seg.count_of(dead) if dead else ls.seg.slots for ls, dead in zip(segments, self._dead)
        )
        self._documents: tuple[list[DocEntry], dict[str, int], list[np.ndarray]] | None = None
        self._cache: dict[str, Any] = {}
        #: set once this view has answered a search: from then on, arrays over the whole index are built and
        #: kept (a search per keystroke reads them faster); before, a first search reads only what it needs
        self.warm = False
        #: set while `prepare_warm` runs for this view (in another thread): searches stay cold meanwhile
        self.warming = False
        #: searches this view has answered
        self.searches = 0

    def _lay_out_documents(self) -> tuple[list[DocEntry], dict[str, int], list[np.ndarray]]:
        """The live documents with their (global) first slot, their numbers by id, and per segment
        each of its documents' global number (-1: dead).  Made when first asked for: opening a large
        index or adding a document to it should not touch every document."""
        if self._documents is None:
            docs: list[DocEntry] = []
            doc_maps = []
            for k, (ls, dead) in enumerate(zip(self.segments, self._dead)):
                base = self._base_list[k]
                doc_map = np.full(len(ls.seg.docs) + 1, -1, np.int32)
                for number, entry in enumerate(ls.seg.docs):
                    if entry.id not in dead:
                        doc_map[number] = len(docs)
                        docs.append(
                            DocEntry(
                                entry.id,
                                entry.title,
                                entry.kind,
                                entry.text_hash,
                                base + entry.first,
                                entry.count,
                                entry.ids,
                                entry.version,
                            )
                        )
                doc_maps.append(doc_map)
            self._documents = (docs, {d.id: i for i, d in enumerate(docs)}, doc_maps)
        return self._documents

    def holds(self, doc_id: str) -> bool:
        """Whether a live document has this id (without laying out every document)."""
        return any(doc_id in ls.seg.doc_ids and doc_id not in dead for ls, dead in zip(self.segments, self._dead))

    @property
    def docs(self) -> list[DocEntry]:
        """The live documents, in slot order."""
        return self._lay_out_documents()[0]

    @property
    def doc_numbers(self) -> dict[str, int]:
        """Each live document's number in `docs`."""
        return self._lay_out_documents()[1]

    @property
    def vocab_size(self) -> int:
        return self.chunks[-1].hi if self.chunks else 0

    @property
    def words(self) -> WordTable:
        """Every word by its id (a sequence over the chunks)."""
        table: WordTable = self._joined("words", lambda: WordTable(self.chunks))
        return table

    def word_id(self, word: str) -> int | None:
        """The id of `word`, None when no chunk holds it."""
        for chunk in self.chunks:
            found = chunk.word_id(word, keep=self.warm)
            if found is not None:
                return found
        return None

    # -- per-slot arrays over the whole index ----------------------------------------------
    def _joined(self, name: str, make: Any) -> Any:
        found = self._cache.get(name)
        if found is None:
            found = self._cache[name] = make()
        return found

    def live(self) -> np.ndarray | None:
        """Which slots hold a live passage (None: every one)."""

        def make() -> np.ndarray | bool:
            if self.live_slots == self.slots:
                return False
            parts = []
            for ls, dead in zip(self.segments, self._dead):
                mask = ls.seg.live_mask(dead)
                parts.append(mask if mask is not None else np.ones(ls.seg.slots, dtype=bool))
            return np.concatenate(parts)

        found = self._joined("live", make)
        return None if found is False else np.asarray(found)

    def slot_doc(self) -> np.ndarray:
        """The (global) document number of every slot; -1 for a tombstoned one."""
        return np.asarray(
            self._joined(
                "slot_doc",
                lambda: np.concatenate(
                    [m[ls.seg.arrays["slot_doc"]] for m, ls in zip(self._lay_out_documents()[2], self.segments)]
                    or [np.zeros(0, np.int32)]
                ),
            )
        )

    def slot_speaker(self) -> np.ndarray:
        """The (global) speaker number of every slot; -1 where none was named."""
        return np.asarray(
            self._joined(
                "slot_speaker",
                lambda: np.concatenate(
                    [m[ls.seg.arrays["slot_speaker"]] for m, ls in zip(self._speaker_maps, self.segments)]
                    or [np.zeros(0, np.int32)]
                ),
            )
        )

    def speaker_of(self, slot: int) -> int:
        """The (global) speaker number of one slot (-1: none named), without `slot_speaker`'s array of them all."""
        k = bisect.bisect_right(self._base_list, slot) - 1
        return int(self._speaker_maps[k][self.segments[k].seg.arrays["slot_speaker"][slot - self._base_list[k]]])

    def prepare_warm(self) -> None:
        """Build what a warm view reads (every word's `df`, every slot's length, the postings directory,
        each vocabulary chunk's sorted words), ahead of the search that would otherwise build it."""
        self.df(self.vocab_size)
        self.lengths()
        self._directory()
        for chunk in self.chunks:
            chunk.find("", keep=True)

    def lengths(self) -> np.ndarray:
        """Words in every slot's passage."""
        return np.asarray(
            self._joined(
                "lengths",
                lambda: np.concatenate(
                    [np.diff(ls.seg.arrays["tok_off"]) for ls in self.segments] or [np.zeros(0, np.int64)]
                ),
            )
        )

    def lengths_of(self, slots: np.ndarray) -> np.ndarray:
        """`lengths()[slots]`, read from each segment's offsets when `slots` come segment by segment (as
        `postings` gives them), without the array over every slot."""
        slots = np.asarray(slots, np.int64)
        if len(self.segments) == 1:
            off = self.segments[0].seg.arrays["tok_off"]
            one: np.ndarray = off[slots + 1] - off[slots]
            return one
        owner = np.searchsorted(self.bases, slots, "right") - 1
        if len(owner) > 1 and bool((owner[1:] < owner[:-1]).any()):
            every: np.ndarray = self.lengths()[slots]
            return every
        cuts = np.searchsorted(owner, np.arange(len(self.segments) + 1)).tolist()
        out = np.empty(len(slots), np.int64)
        for k, ls in enumerate(self.segments):
            lo, hi = cuts[k], cuts[k + 1]
            if hi > lo:
                local = slots[lo:hi] - self._base_list[k]
                off = ls.seg.arrays["tok_off"]
                out[lo:hi] = off[local + 1] - off[local]
        return out

    def average_length(self) -> float:
        """Words per live passage, on average (1.0 for an empty index), counted exactly (as the archive counts it:
        corpus.server.search), so that an index before and after a merge ranks alike to the last bit."""
        if self.live_slots == self.slots:
            total = sum(int(ls.seg.arrays["tok_off"][-1]) for ls in self.segments)
            return total / self.slots if self.slots else 1.0
        live = self.live()
        lens = self.lengths()
        alive = lens if live is None else lens[live]
        return int(alive.sum()) / len(alive) if len(alive) else 1.0

    def df(self, size: int) -> np.ndarray:
        """How many live passages hold each of the first `size` words."""
        cached: np.ndarray | None = self._cache.get("df")
        if cached is not None and len(cached) == size:
            return cached
        df = np.zeros(size, np.int64)
        for ls, dead in zip(self.segments, self._dead):
            a = ls.seg.arrays
            terms = a["post_term"]
            within = terms < size
            df[terms[within]] += np.diff(a["term_start"])[within]
            live = ls.seg.live_mask(dead)
            if live is not None:
                dead_terms, counts = ls.seg.dead_df(dead, live)
                within = dead_terms < size
                df[dead_terms[within]] -= counts[within]
        self._cache["df"] = df
        return df

    def df_of(self, terms: np.ndarray) -> np.ndarray:
        """`df` of the words `terms` alone: each segment's postings directory searched for them, so that a first
        search of a large index does not count every word of every segment (`df`) for the few it needs."""
        terms = np.asarray(terms, np.int64)
        out = np.zeros(len(terms), np.int64)
        if not len(terms):
            return out
        wanted = terms.astype(np.uint32)
        for ls, dead in zip(self.segments, self._dead):
            a = ls.seg.arrays
            pos, found = _find_sorted(a["post_term"], wanted)
            if len(found):
                starts = a["term_start"]
                out[found] += starts[pos + 1] - starts[pos]
            live = ls.seg.live_mask(dead) if dead else None
            if live is not None:
                dead_terms, counts = ls.seg.dead_df(dead, live)
                pos, found = _find_sorted(dead_terms.astype(np.uint32), wanted)
                if len(found):
                    out[found] -= counts[pos]
        return out

    # -- reaching into segments -------------------------------------------------------------
    def locate(self, slot: int) -> tuple[Segment, int]:
        """The segment holding a slot and the slot's number within it."""
        k = bisect.bisect_right(self._base_list, slot) - 1
        return self.segments[k].seg, slot - self._base_list[k]

    def postings(self, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every posting of `terms`: (slot, term frequency, position of its word in `terms`).

        Segment by segment, and in each the postings come word by word (in
        `terms`' order), each word's in slot order.  Until the index is `warm`
        each segment is searched in place; then through one directory of every
        segment's words (built once: a lookup per query rather than one per
        segment, which is what a search per keystroke wants).
        """
        if not self.warm:
            return self._postings_in_place(terms)
        terms = np.asarray(terms, np.int64)
        keys, starts, ends, owners = self._directory()
        if not len(terms) or not len(keys):
            return np.zeros(0, np.int64), np.zeros(0, np.uint8), np.zeros(0, np.int64)
        wanted = (
            (np.arange(len(self.segments), dtype=np.uint64)[:, None] << np.uint64(32))
            | terms.astype(np.uint64)[None, :]
        ).ravel()
        pos = np.searchsorted(keys, wanted)
        inside = pos < len(keys)
        hit = np.flatnonzero(inside)
        hit = hit[keys[pos[hit]] == wanted[hit]]
        if not len(hit):
            return np.zeros(0, np.int64), np.zeros(0, np.uint8), np.zeros(0, np.int64)
        at = pos[hit]
        lo, hi, seg_of = starts[at], ends[at], owners[at]
        counts = hi - lo
        segments = [ls.seg.arrays for ls in self.segments]
        # Slices copied end to end: less work than an index array and a gather, even for many pieces.
        pieces = list(zip(seg_of.tolist(), lo.tolist(), hi.tolist()))
        slots = np.concatenate([segments[k]["post_slot"][i:j] for k, i, j in pieces]).astype(np.int64)
        tfs = np.concatenate([segments[k]["post_tf"][i:j] for k, i, j in pieces])
        if len(self.segments) > 1:
            slots += np.repeat(self.bases[seg_of], counts)
        which = np.repeat(hit % len(terms), counts)
        return slots, tfs, which

    def _directory(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every segment's words in one sorted array (segment << 32 | word id), with where each
        word's postings lie in its segment: one lookup finds a query's words in all segments."""
        found = self._cache.get("directory")
        if found is None:
            keys, starts, ends, owners = [], [], [], []
            for k, ls in enumerate(self.segments):
                a = ls.seg.arrays
                keys.append(a["post_term"].astype(np.uint64) | np.uint64(k << 32))
                starts.append(a["term_start"][:-1])
                ends.append(a["term_start"][1:])
                owners.append(np.full(len(a["post_term"]), k, np.int32))
            if keys:
                found = (np.concatenate(keys), np.concatenate(starts), np.concatenate(ends), np.concatenate(owners))
            else:
                found = (np.zeros(0, np.uint64), np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int32))
            self._cache["directory"] = found
        return found

    def _postings_in_place(self, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`postings` by searching each segment's sorted words where they lie (memory-mapped): nothing is built
        over the whole index first, so a first search costs what it reads."""
        terms = np.asarray(terms, np.int64)
        empty = (np.zeros(0, np.int64), np.zeros(0, np.uint8), np.zeros(0, np.int64))
        if not len(terms):
            return empty
        wanted = terms.astype(np.uint32)
        slot_parts: list[np.ndarray] = []
        tf_parts: list[np.ndarray] = []
        which_parts: list[np.ndarray] = []
        for k, ls in enumerate(self.segments):
            a = ls.seg.arrays
            pos, found = _find_sorted(a["post_term"], wanted)
            if not len(found):
                continue
            starts = a["term_start"]
            lo, hi = starts[pos], starts[pos + 1]
            counts = hi - lo
            # Slices copied end to end: less work than an index array and a gather, even for many pieces.
            pieces = list(zip(lo.tolist(), hi.tolist()))
            post_slot, post_tf = a["post_slot"], a["post_tf"]
            slots = np.concatenate([post_slot[i:j] for i, j in pieces]).astype(np.int64)
            if k:
                slots += self._base_list[k]
            slot_parts.append(slots)
            tf_parts.append(np.concatenate([post_tf[i:j] for i, j in pieces]))
            which_parts.append(np.repeat(found, counts))
        if not slot_parts:
            return empty
        if len(slot_parts) == 1:
            return slot_parts[0], tf_parts[0], which_parts[0]
        return np.concatenate(slot_parts), np.concatenate(tf_parts), np.concatenate(which_parts)

    def tokens_of(self, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(word ids of the passages in `slots`, end to end; how many words each has), for sorted `slots`.

        Sorted slots come segment by segment: each segment's run is read from its own offsets (no array
        over every slot of the index is made for a few candidates)."""
        slots = np.asarray(slots, np.int64)
        cuts = np.searchsorted(slots, self.bases).tolist()
        token_parts: list[np.ndarray] = []
        len_parts: list[np.ndarray] = []
        for k, ls in enumerate(self.segments):
            lo, hi = cuts[k], cuts[k + 1]
            if hi <= lo:
                continue
            local = slots[lo:hi] - self._base_list[k]
            off = ls.seg.arrays["tok_off"]
            starts, ends = off[local], off[local + 1]
            lens = ends - starts
            total = int(lens.sum())
            positions = np.repeat(starts - (np.cumsum(lens) - lens), lens) + np.arange(total)
            token_parts.append(ls.seg.arrays["tokens"][positions].astype(np.int64))
            len_parts.append(lens)
        if not token_parts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        if len(token_parts) == 1:
            return token_parts[0], len_parts[0]
        return np.concatenate(token_parts), np.concatenate(len_parts)

    def typo_terms(self, keys: np.ndarray) -> np.ndarray:
        """Word ids sharing one of the hashed deletion `keys` (unique)."""
        found: list[np.ndarray] = []
        for chunk in self.chunks:
            dk = chunk.arrays["del_key"]
            lo = np.searchsorted(dk, keys, "left")
            hi = np.searchsorted(dk, keys, "right")
            dt = chunk.arrays["del_term"]
            found.extend(dt[i:j] for i, j in zip(lo.tolist(), hi.tolist()) if j > i)
        if not found:
            return np.zeros(0, np.int64)
        return distinct(np.concatenate(found)).astype(np.int64)

    def words_from(self, prefix: str) -> np.ndarray:
        """Ids of every word beginning with `prefix`."""
        found = []
        for chunk in self.chunks:
            lo = chunk.find(prefix, keep=self.warm)
            hi = chunk.find(prefix + "\U0010ffff", keep=self.warm)
            if hi > lo:
                found.append(chunk.arrays["order"][lo:hi])
        if not found:
            return np.zeros(0, np.int64)
        return np.concatenate(found).astype(np.int64)

    def has_word_from(self, prefix: str) -> bool:
        for chunk in self.chunks:
            lo = chunk.find(prefix, keep=self.warm)
            if lo < len(chunk.words) and chunk.word_at(lo).startswith(prefix):
                return True
        return False

    def slot_of(self, passage_id: str) -> int | None:
        """The slot of a live passage, by its id."""
        doc_id, _, index = passage_id.rpartition(":")
        number = self.doc_numbers.get(doc_id)
        if number is None:
            return None
        entry = self.docs[number]
        if entry.ids is not None:
            with contextlib.suppress(ValueError):
                return entry.first + entry.ids.index(passage_id)
            return None
        seg, local = self.locate(entry.first)
        indexes = seg.arrays["slot_index"][local : local + entry.count]
        with contextlib.suppress(ValueError):
            found = np.flatnonzero(indexes == int(index))
            if len(found):
                return entry.first + int(found[0])
        return None


def plan_merge(sizes: list[int], live: list[int], limit: int) -> tuple[int, int] | None:
    """The next merge by the size-tiered policy: a run [i, j) of adjacent segments, or None.

    Segments are levelled by size (MERGE_FACTOR times bigger, one level up);
    MERGE_FACTOR adjacent segments of one level merge into one of the next, so
    a library of N passages has about MERGE_FACTOR * log(N) segments.  A
    segment mostly tombstoned is rewritten alone; an empty one goes.  Only
    adjacent segments merge, so document order (and ranking ties) never change.
    Merges over `limit` (live passages, or words for vocabulary chunks) are not planned.
    """
    for i, (size, alive) in enumerate(zip(sizes, live)):
        if alive == 0 or (size >= 200 and alive < size * (1 - DELETED_SHARE) and alive <= limit):
            return i, i + 1
    levels = [_level(n) for n in live]
    for i in range(len(live) - MERGE_FACTOR + 1):
        window = levels[i : i + MERGE_FACTOR]
        if len(set(window)) == 1 and sum(live[i : i + MERGE_FACTOR]) <= limit:
            return i, i + MERGE_FACTOR
    if len(live) > MAX_SEGMENTS:
        # Too many for any rule above (sizes that do not tier): merge the smallest adjacent pair that fits.
        pairs = sorted(range(len(live) - 1), key=lambda i: live[i] + live[i + 1])
        for i in pairs:
            if live[i] + live[i + 1] <= limit:
                return i, i + 2
    return None


def _level(n: int) -> int:
    level = 0
    while n >= MIN_LEVEL_SIZE * MERGE_FACTOR ** (level + 1):
        level += 1
    return level
