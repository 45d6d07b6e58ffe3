"""Search: typo-tolerant, faceted, ranked (approximate matching through corpus.fuzzy).

How a query is answered (at 100k passages, a few milliseconds):

1. `corpus.query.parse_query` reads words, "phrases", -exclusions and facets.
2. Each query word is expanded to vocabulary words: itself, words within one
   edit (4-7 letters) or two (8 or more; a transposition is one edit) found
   through the deletion-neighbourhood index and checked with the OSA
   distance (corpus.fuzzy), and, for the word still being typed, the words it begins (and a
   few it begins with one typo).
3. Candidates: BM25 over the postings of those words, with each expansion
   weighted by how exact it is, and passages matching more of the query words
   first.
4. The best few hundred candidates are re-scored on their word sequence: how
   many query words they hold, how exactly, and how many query words stand
   next to each other in query order (phrase and proximity).  Ties keep
   document order.
5. Hits carry the text and the character spans of the matched words.

The index (see corpus.searchindex) lives in `<data>/index/`: a manifest naming
the current generation's file, replaced atomically on save.  Another process
saving a new generation is noticed on the next search, which reloads it.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import logging
import math
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from sayso.corpus.document_ref import documents_like, documents_named
from sayso.corpus.errors import LibraryBusy, SaysoError
from sayso.corpus.fuzzy import closest_word, fuzzy_choices, osa_distance
from sayso.corpus.identity import name_key
from sayso.corpus.models import Document, Hit, Passage
from sayso.corpus.query import Query, parse_query
from sayso.corpus.searchindex import (
    TYPO_PREFIX,
    DamagedIndex,
    DocEntry,
    IndexData,
    PendingDoc,
    Vocabulary,
    commit,
    deletes,
    hash_string,
    read_index,
    tokenise_document,
    write_index,
)
from sayso.corpus.sources import DocumentSource, SpeakerList, TagLookup, Warn, WriteLock
from sayso.corpus.store import atomic_write_bytes
from sayso.corpus.words import WORD_RE, fold, normalize_word, word_spans

MANIFEST = "manifest.json"
#: BM25 parameters.
K1, B = 1.2, 0.75
#: How much an expansion of a query word counts, by kind.
EXACT, PREFIX, FUZZY_1, FUZZY_2, FUZZY_PREFIX = 1.0, 0.8, 0.6, 0.4, 0.45
#: Credit for each query word that names the passage's speaker (a quarter of what a pair of adjacent
#: words gets): who said it weighs a little more than who is mentioned.
SAID = 4.0
#: Candidates re-scored on their word sequence.
RESCORE = 400
RESCORE_PHRASE = 4000
#: Most completions taken for the word being typed (the most frequent ones).
MAX_COMPLETIONS = 40
#: Completions in more than this share of passages ("the" for a typed "t") are left out of the
#: first, BM25 pass: their weight there is next to nothing, yet their postings are most of
#: the work of a one- or two-letter keystroke.  Re-scoring still counts and highlights them.
COMMON_COMPLETION_SHARE = 0.2
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def max_edits(word: str) -> int:
    """Typos tolerated in a query word: none up to 3 letters, one up to 7, then two."""
    n = len(word)
    return 0 if n <= 3 else 1 if n <= 7 else 2


class SearchIndex:
    """The persisted, incrementally updated search index of one library.

    It is given what it needs (see corpus.sources), never the Library:
    `documents` to build and check itself from, `speakers` for the names people
    go by, `tags` for the `tag:` facet, `lock` to save under and `warn` for a
    problem that must not stop searching (by default, logged).  Without
    `documents` it indexes only what `add_document` gives it.
    """

    def __init__(
        self,
        folder: Path,
        documents: DocumentSource | None = None,
        *,
        speakers: SpeakerList | None = None,
        tags: TagLookup | None = None,
        lock: WriteLock | None = None,
        warn: Warn | None = None,
    ) -> None:
        self.folder = Path(folder)
        self.source = documents
        self.speakers = speakers
        self.tags = tags
        self.write_lock = lock
        self.warn: Warn = warn or logging.getLogger(__name__).warning
        self.data = IndexData.empty()
        self.vocab = Vocabulary()
        self.speaker_numbers: dict[str, int] = {}
        self.pending: list[PendingDoc] = []
        self.removed: set[str] = set()
        self._pending_ids: set[str] = set()
        #: committed in memory but not yet written
        self._unsaved = False
        self.generation = 0
        self._signature: tuple[int, int, int] | None = None
        self._doc_numbers: dict[str, int] = {}
        self._derived: dict[str, Any] = {}
        self._expansions: OrderedDict[tuple[str, bool, bool], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        #: "loaded", "missing" or "damaged: why" (for `sayso where` and tests)
        self.state = "missing"
        #: the app searches from a worker thread while an import may be running in another
        self.lock = threading.RLock()

    # -- opening and saving -----------------------------------------------------------------
    @classmethod
    def open(
        cls,
        folder: Path,
        documents: DocumentSource | None = None,
        *,
        speakers: SpeakerList | None = None,
        tags: TagLookup | None = None,
        lock: WriteLock | None = None,
        warn: Warn | None = None,
    ) -> SearchIndex:
        """Load the persisted index (fast: the arrays are memory-mapped) and bring it up to date.

        A missing or damaged index is rebuilt from the documents' passages; one
        that disagrees with the documents is patched document by document.
        """
        index = cls(folder, documents, speakers=speakers, tags=tags, lock=lock, warn=warn)
        try:
            loaded = index._load()
        except DamagedIndex as exc:
            index.state = f"damaged: {exc}"
            loaded = False
        if not loaded:
            index.rebuild()
        else:
            index._sync_with_library()
        return index

    def _manifest_signature(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.folder / MANIFEST)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _load(self) -> bool:
        """Read the current generation; False when there is none yet."""
        for _attempt in range(3):
            signature = self._manifest_signature()
            if signature is None:
                return False
            try:
                manifest = json.loads((self.folder / MANIFEST).read_text("utf-8"))
                name = str(manifest["file"])
                generation = int(manifest["generation"])
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise DamagedIndex(f"manifest unreadable: {exc}") from None
            if "/" in name or name.startswith("."):
                raise DamagedIndex("manifest names a file outside the index folder")
            path = self.folder / name
            if not path.exists():
                continue  # a writer replaced it between our two reads: read the manifest again
            data = read_index(path)
            self._install(data, generation, signature)
            self.state = "loaded"
            return True
        raise DamagedIndex("manifest names a missing file")

    def _install(self, data: IndexData, generation: int, signature: tuple[int, int, int] | None) -> None:
        self.data = data
        self.generation = generation
        self._signature = signature
        self.vocab = Vocabulary(data.vocab_words)
        data.vocab_words = self.vocab.words
        self.speaker_numbers = {name: i for i, name in enumerate(data.speakers)}
        self._doc_numbers = {d.id: i for i, d in enumerate(data.docs)}
        self._derived = {}
        self._expansions.clear()

    def rebuild(self) -> None:
        """Index every passage of the library again, from nothing, and save."""
        self._install(IndexData.empty(), self.generation, self._signature)
        self.pending, self.removed, self._pending_ids = [], set(), set()
        for doc in self._library_documents() or []:
            self._index_from_library(doc)
        self._save_locked()

    def _index_from_library(self, doc: Document) -> None:
        """Index `doc` with the passages the library holds now, recording their version."""
        assert self.source is not None
        self.add_document(doc, *self.source.passages_and_version(doc.id))

    def _library_versions(self) -> dict[str, str]:
        if self.source is None:
            return {}
        try:
            return dict(self.source.passage_versions())
        except (SaysoError, OSError):  # a damaged library is reported by the library itself
            return {}

    def _library_documents(self) -> list[Document] | None:
        """The library's documents, or None when there is no source or it cannot be read now.

        None (not an empty list) keeps a damaged library.json from emptying the index:
        the library reports the damage itself.
        """
        if self.source is None:
            return None
        try:
            return list(self.source.documents())
        except (SaysoError, OSError):
            return None

    def _sync_with_library(self) -> None:
        """Patch the loaded index where the library changed behind its back (or a save was lost).

        A document is indexed again when its text hash or the version of its
        passages differs from the library's: after a killed import the index
        may hold the old version of a document library.json already lists new.
        """
        docs = self._library_documents()
        if docs is None:
            return
        wanted = {d.id: d for d in docs}
        versions = self._library_versions()
        changed = False
        for entry in list(self.data.docs):
            doc = wanted.get(entry.id)
            if (
                doc is None
                or (doc.text_hash and entry.text_hash and doc.text_hash != entry.text_hash)
                or versions.get(entry.id, "") != entry.version
            ):
                self.remove_document(entry.id)
                changed = True
            else:
                entry.title, entry.kind = doc.title, doc.kind
        for doc_id, doc in wanted.items():
            if doc_id not in self._doc_numbers or doc_id in self.removed:
                self._index_from_library(doc)
                changed = True
        if changed:
            self._save_locked()

    def _save_locked(self) -> None:
        """Save under the library's write lock when it is free at once; else stay in memory.

        Reading never waits for a writer: a search that patched a stale index answers
        from memory, and the index is saved by this or a later session's next write.
        A read-only folder must not stop searching either: the problem goes to `warn`.
        """
        lock = self.write_lock
        try:
            with lock.held(timeout=0) if lock is not None else contextlib.nullcontext():
                self.save()
        except LibraryBusy:
            return  # another sayso is writing; the patch stays in memory for this session
        except (SaysoError, OSError) as exc:
            self.warn(f"search index not saved: {exc}")

    def save(self) -> None:
        """Persist the index as a new generation (the caller holds the library's write lock)."""
        with self.lock:
            self._save()

    def _save(self) -> None:
        if not self.pending and not self.removed and not self._unsaved and self.state == "loaded":
            return
        self._commit()
        on_disk = 0
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            on_disk = int(json.loads((self.folder / MANIFEST).read_text("utf-8"))["generation"])
        generation = max(self.generation, on_disk) + 1
        name = f"index-{generation}.bin"
        write_index(self.folder / name, self.data, generation)
        manifest = {"format": 1, "generation": generation, "file": name, "passages": self.data.slots}
        atomic_write_bytes(self.folder / MANIFEST, json.dumps(manifest).encode("utf-8"))
        for old in self.folder.glob("index-*.bin"):
            if old.name != name:
                with contextlib.suppress(OSError):
                    old.unlink()
        self.generation = generation
        self._signature = self._manifest_signature()
        self.state = "loaded"
        self._unsaved = False

    def _refresh(self) -> None:
        """Before searching: fold in pending changes, or reload what another process saved."""
        if self.pending or self.removed:
            self._commit()
            return
        signature = self._manifest_signature()
        if signature is not None and signature != self._signature and not self._unsaved:
            try:
                self._load()
            except DamagedIndex:
                self._signature = signature  # keep serving what we have; the next writer rebuilds

    def _commit(self) -> None:
        if not self.pending and not self.removed:
            return
        data = commit(self.data, self.pending, self.removed, self.vocab, self.speaker_numbers)
        self.pending, self.removed, self._pending_ids = [], set(), set()
        self._unsaved = True
        self.data = data
        self._doc_numbers = {d.id: i for i, d in enumerate(data.docs)}
        self._derived = {}
        self._expansions.clear()

    # -- changing ---------------------------------------------------------------------------
    def add_document(self, doc: Document, passages: list[Passage], version: str = "") -> None:
        """Index a document's passages, replacing an earlier version of it.

        `version` names the passages' version in the library (see
        `Library.passages_and_version`), so a stale entry is noticed on opening.
        """
        with self.lock:
            self._add_document(doc, passages, version)

    def _add_document(self, doc: Document, passages: list[Passage], version: str) -> None:
        if not self.pending and not self.removed:
            self._refresh()
        self.remove_document(doc.id)
        entry = DocEntry(doc.id, doc.title, doc.kind, doc.text_hash or "", version=version)
        self.pending.append(tokenise_document(self.vocab, self.speaker_numbers, entry, passages))
        self._pending_ids.add(doc.id)

    def remove_document(self, doc_id: str) -> None:
        """Forget a document (nothing happens if it is not indexed)."""
        with self.lock:
            self._remove_document(doc_id)

    def _remove_document(self, doc_id: str) -> None:
        if any(p.entry.id == doc_id for p in self.pending[-1:]) or doc_id in self._pending_ids:
            self.pending = [p for p in self.pending if p.entry.id != doc_id]
            self._pending_ids.discard(doc_id)
        if doc_id in self._doc_numbers:
            self.removed.add(doc_id)

    # -- derived arrays, computed once per committed index ---------------------------------
    def _get(self, name: str) -> Any:
        found = self._derived.get(name)
        if found is not None:
            return found
        a = self.data.arrays
        if name == "df":
            found = np.diff(a["term_start"])
        elif name == "norm":
            lens = np.diff(a["tok_off"]).astype(np.float32)
            avg = float(lens.mean()) if len(lens) else 1.0
            found = (K1 * (1 - B + B * lens / max(avg, 1.0))).astype(np.float32)
        elif name == "sorted_words":
            words = self.vocab.words
            found = [words[i] for i in a["vocab_order"]]
        elif name == "kinds":
            found = np.array([fold(d.kind) for d in self.data.docs], dtype=object)
        self._derived[name] = found
        return found

    # -- expanding query words ------------------------------------------------------------
    def _fuzzy_terms(self, word: str, k: int) -> dict[int, int]:
        """Vocabulary words within `k` edits (OSA) of `word`: id -> distance."""
        a = self.data.arrays
        keys = np.array(sorted({hash_string(d) for d in deletes(word[:TYPO_PREFIX], k)}), np.uint32)
        lo = np.searchsorted(a["del_key"], keys, "left")
        hi = np.searchsorted(a["del_key"], keys, "right")
        found: dict[int, int] = {}
        words = self.vocab.words
        n = len(word)
        terms = [a["del_term"][i:j] for i, j in zip(lo.tolist(), hi.tolist()) if j > i]
        if not terms:
            return found
        for term_id in np.unique(np.concatenate(terms)).tolist():
            candidate = words[term_id]
            if abs(len(candidate) - n) > k or candidate == word:
                continue
            d = osa_distance(word, candidate, score_cutoff=k)
            if d <= k:
                found[term_id] = d
        return found

    def _completions(self, prefix: str, limit: int) -> list[int]:
        """Ids of the `limit` most frequent vocabulary words that start with `prefix` (not the word itself)."""
        found: list[int] = self._completion_ids(prefix, limit).tolist()
        return found

    def _completion_ids(self, prefix: str, limit: int | None) -> np.ndarray:
        """`_completions` as an array of int64, every one of them when `limit` is None."""
        words = self._get("sorted_words")
        lo = bisect.bisect_left(words, prefix)
        hi = bisect.bisect_left(words, prefix + "\U0010ffff", lo)
        if hi <= lo:
            return np.zeros(0, np.int64)
        ids = self.data.arrays["vocab_order"][lo:hi]
        df: np.ndarray = self._get("df")[ids]
        if limit is not None and len(ids) > limit:
            top = np.argpartition(-df, limit)[:limit]
            ids, df = ids[top], df[top]
        ids = ids[df > 0]
        exact = self.vocab.ids.get(prefix)
        if exact is not None:
            ids = ids[ids != exact]
        return ids.astype(np.int64)

    def _fuzzy_completions(self, prefix: str, limit: int) -> list[int]:
        """Words that begin with `prefix` give or take one typo (for the word being typed)."""
        words = self._get("sorted_words")
        variants: set[str] = set()
        n = len(prefix)
        for i in range(n):
            variants.add(prefix[:i] + prefix[i + 1 :])
            if i + 1 < n:
                variants.add(prefix[:i] + prefix[i + 1] + prefix[i] + prefix[i + 2 :])
            for ch in _ALPHABET:
                variants.add(prefix[:i] + ch + prefix[i + 1 :])
                variants.add(prefix[:i] + ch + prefix[i:])
        variants.discard(prefix)
        found: list[int] = []
        for variant in variants:
            if len(variant) < 3:
                continue
            lo = bisect.bisect_left(words, variant)
            if lo < len(words) and words[lo].startswith(variant):
                found.extend(self._completions(variant, 4))
                if len(found) >= limit:
                    break
        return found

    def _expand(self, word: str, prefix: bool) -> tuple[np.ndarray, np.ndarray]:
        """(word ids, how much each counts) for one query word."""
        key = (word, prefix, False)
        cached = self._expansions.get(key)
        if cached is not None:
            self._expansions.move_to_end(key)
            return cached
        df = self._get("df")
        weights: dict[int, float] = {}
        exact = self.vocab.ids.get(word)
        if exact is not None and exact < len(df) and df[exact] > 0:
            weights[exact] = EXACT
        k = max_edits(word)
        if k:
            for term_id, d in self._fuzzy_terms(word, k).items():
                if term_id < len(df) and df[term_id] > 0:
                    weights.setdefault(term_id, FUZZY_1 if d <= 1 else FUZZY_2)
        elif len(word) == 3:
            # A three-letter word may be a longer one missing a letter ("yng") or with two swapped:
            # weaker matches, but without them such queries find nothing.
            for term_id in self._fuzzy_terms(word, 1):
                candidate = self.vocab.words[term_id]
                if term_id < len(df) and df[term_id] > 0 and (len(candidate) == 4 or sorted(candidate) == sorted(word)):
                    weights.setdefault(term_id, FUZZY_2)
        if prefix:
            for term_id in self._completions(word, MAX_COMPLETIONS):
                weights.setdefault(term_id, PREFIX)
            if len(word) >= 4 and exact is None and len(weights) < 3:
                for term_id in self._fuzzy_completions(word, 12):
                    weights.setdefault(term_id, FUZZY_PREFIX)
        result = (
            np.fromiter(weights.keys(), np.int64, len(weights)),
            np.fromiter(weights.values(), np.float32, len(weights)),
        )
        self._expansions[key] = result
        if len(self._expansions) > 256:
            self._expansions.popitem(last=False)
        return result

    def _speakers_matching_word(self, word: str, prefix: bool) -> tuple[np.ndarray, float]:
        """Index speaker numbers whose name or alias holds `word` (typos forgiven), and how exactly.

        So "lecun open source" finds Yann LeCun saying "open source": a word
        of the query may name the speaker instead of appearing in the text.
        """
        table = self._derived.get("speaker_words")
        if table is None:
            table = {}
            groups: dict[str, set[str]] = {}
            for names in self._speaker_groups():
                for n in names:
                    groups.setdefault(name_key(n), set()).update(name_key(m) for m in names)
            for name, number in self.speaker_numbers.items():
                for full in groups.get(name_key(name), {name_key(name)}):
                    parts = full.split()
                    # "Kai-Fu Lee" answers to kai, fu, lee and kaifu.
                    for w in parts + ["".join(parts[i : i + 2]) for i in range(len(parts) - 1)]:
                        if len(w) >= 2:
                            table.setdefault(w, set()).add(number)
            self._derived["speaker_words"] = table
        if len(word) < 2:
            return np.zeros(0, np.int32), 0.0
        cache = self._derived.setdefault("speaker_word_cache", {})
        cached: tuple[np.ndarray, float] | None = cache.get((word, prefix))
        if cached is None:
            cached = cache[(word, prefix)] = self._match_speaker_word(table, word, prefix)
        return cached

    def _match_speaker_word(self, table: dict[str, set[int]], word: str, prefix: bool) -> tuple[np.ndarray, float]:
        found: set[int] = set(table.get(word, ()))
        quality = EXACT if found else 0.0
        # Typos in a name only for words long enough not to be mistaken for another word.
        k = max_edits(word) if len(word) >= 5 and word not in self.vocab.ids else 0
        if not found and (k or prefix):
            for name_word, numbers in table.items():
                if prefix and len(word) >= 3 and name_word.startswith(word):
                    found |= numbers
                    quality = max(quality, PREFIX)
                elif k and abs(len(name_word) - len(word)) <= k and osa_distance(word, name_word, score_cutoff=k) <= k:
                    found |= numbers
                    quality = max(quality, FUZZY_1)
        return np.array(sorted(found), np.int32), quality

    # -- facets -----------------------------------------------------------------------------
    def _speaker_numbers_for(self, value: str) -> set[int]:
        """Index speaker numbers of the speaker(s) `value` names (name or alias, fuzzy)."""
        groups = self._speaker_groups()
        known = {n for g in groups for n in g}
        groups.extend([name] for name in self.data.speakers if name not in known)
        key = name_key(value)
        if not key:
            return set()
        chosen = [g for g in groups if any(name_key(n) == key for n in g)]
        if not chosen:
            chosen = [g for g in groups if any(key in name_key(n) for n in g)]
        if not chosen:
            labels = [n for g in groups for n in g]
            owners = [i for i, g in enumerate(groups) for _ in g]
            best = fuzzy_choices(value, labels, limit=1, cutoff=70)
            chosen = [groups[owners[i]] for i in best]
        if not chosen and len(key) >= 3:
            # A misspelt first or last name alone ("pryia", "lceun", "nixn") is too short beside a
            # whole name for the match above: compare it with each word of every name.
            words = [(w, i) for i, g in enumerate(groups) for n in g for w in name_key(n).split() if len(w) >= 3]
            closest = closest_word(key, [w for w, _ in words]) if " " not in key else None
            chosen = [groups[words[closest][1]]] if closest is not None else []
        folded = {name_key(n) for g in chosen for n in g}
        return {i for name, i in self.speaker_numbers.items() if name_key(name) in folded}

    def _speaker_groups(self) -> list[list[str]]:
        """Each person's name and aliases, from the speaker list given (none without one)."""
        if self.speakers is None:
            return []
        return [[s.name, *s.aliases] for s in self.speakers()]

    def _doc_numbers_for(self, value: str) -> set[int]:
        """The documents a `doc:` value names (by corpus.document_ref's rule), else the one most like it."""
        docs = self.data.docs
        titles = [d.title for d in docs]
        found = documents_named(value, [d.id for d in docs], [(t,) for t in titles])
        return set(found or documents_like(value, titles, limit=1, cutoff=70))

    def _facet_mask(self, facets: dict[str, list[str]]) -> np.ndarray | None:
        """Passages the facets allow (None: all); an all-False mask when a facet matches nothing."""
        a = self.data.arrays
        mask: np.ndarray | None = None

        def narrow(allowed: np.ndarray) -> None:
            nonlocal mask
            mask = allowed if mask is None else mask & allowed

        if facets.get("speaker"):
            numbers: set[int] = set()
            for value in facets["speaker"]:
                numbers |= self._speaker_numbers_for(value)
            narrow(np.isin(a["slot_speaker"], np.array(sorted(numbers), np.int32)))
        if facets.get("doc"):
            numbers = set()
            for value in facets["doc"]:
                numbers |= self._doc_numbers_for(value)
            narrow(np.isin(a["slot_doc"], np.array(sorted(numbers), np.int32)))
        if facets.get("kind"):
            kinds = self._get("kinds")
            values = [fold(v) for v in facets["kind"]]
            numbers = {i for i, k in enumerate(kinds) if any(v and (k == v or k.startswith(v)) for v in values)}
            narrow(np.isin(a["slot_doc"], np.array(sorted(numbers), np.int32)))
        if facets.get("tag"):
            allowed = self._tag_mask(facets["tag"])
            if allowed is not None:
                narrow(allowed)
        return mask

    def _tag_mask(self, tags: list[str]) -> np.ndarray | None:
        """Passages holding a quote with one of `tags` (None: no tag lookup given, so all)."""
        if self.tags is None:
            return None
        ids: set[str] = set()
        for tag in tags:
            try:
                ids |= set(self.tags(tag))
            except SaysoError as exc:
                # A damaged quotes file: no passage is known to hold the tag (the library reports the damage).
                self.warn(f"tag:{tag} matches nothing: {exc}")
        allowed = np.zeros(self.data.slots, dtype=bool)
        for passage_id in ids:
            slot = self._slot_of(passage_id)
            if slot is not None:
                allowed[slot] = True
        return allowed

    def _slot_of(self, passage_id: str) -> int | None:
        doc_id, _, index = passage_id.rpartition(":")
        number = self._doc_numbers.get(doc_id)
        if number is None:
            return None
        entry = self.data.docs[number]
        if entry.ids is not None:
            with contextlib.suppress(ValueError):
                return entry.first + entry.ids.index(passage_id)
            return None
        indexes = self.data.arrays["slot_index"][entry.first : entry.first + entry.count]
        with contextlib.suppress(ValueError):
            found = np.flatnonzero(indexes == int(index))
            if len(found):
                return entry.first + int(found[0])
        return None

    def _containing(self, words: list[str]) -> np.ndarray:
        """Passages holding every one of `words` exactly."""
        a = self.data.arrays
        result = np.ones(self.data.slots, dtype=bool)
        for word in words:
            term = self.vocab.ids.get(word)
            has = np.zeros(self.data.slots, dtype=bool)
            if term is not None and term + 1 < len(a["term_start"]):
                has[a["post_slot"][a["term_start"][term] : a["term_start"][term + 1]]] = True
            result &= has
        return result

    def unmatched_facets(self, query: str, *, speaker: str | None = None, doc: str | None = None) -> list[str]:
        """One line for each `speaker:` or `doc:` value that names nobody and nothing, with the closest
        names or titles; so "no matches" can say why ("no speaker 'nobodyxyz'; closest: ...")."""
        with self.lock:
            self._refresh()
            facets = parse_query(query if isinstance(query, str) else "").facets
            speakers = [*facets.get("speaker", []), *([speaker.strip()] if speaker and speaker.strip() else [])]
            docs = [*facets.get("doc", []), *([doc.strip()] if doc and doc.strip() else [])]
            lines = []
            names = sorted({n for g in self._speaker_groups() for n in g} | set(self.data.speakers))
            for value in speakers:
                if not self._speaker_numbers_for(value):
                    near = [names[i] for i in fuzzy_choices(value, names, limit=3, cutoff=60)]
                    lines.append(f"no speaker {value!r}" + (f"; closest: {', '.join(near)}" if near else ""))
            titles = [d.title for d in self.data.docs]
            for value in docs:
                if not self._doc_numbers_for(value):
                    near = [titles[i] for i in documents_like(value, titles, limit=3, cutoff=60)]
                    lines.append(f"no document {value!r}" + (f"; closest: {', '.join(near)}" if near else ""))
            return lines

    # -- searching -------------------------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        speaker: str | None = None,
        doc: str | None = None,
        kind: str | None = None,
        tag: str | None = None,
    ) -> list[Hit]:
        """Ranked hits for `query` (see the module docstring); never raises on odd input."""
        with self.lock:
            return self._search(query, limit, speaker, doc, kind, tag)

    def _search(
        self, query: str, limit: int, speaker: str | None, doc: str | None, kind: str | None, tag: str | None
    ) -> list[Hit]:
        self._refresh()
        q = parse_query(query if isinstance(query, str) else "")
        for name, value in (("speaker", speaker), ("doc", doc), ("kind", kind), ("tag", tag)):
            if value and value.strip():
                q.facets.setdefault(name, []).append(value.strip())
        n = self.data.slots
        if n == 0 or limit <= 0:
            return []
        mask = self._facet_mask(q.facets)
        for words in q.excluded:
            outside = ~self._containing(words)
            mask = outside if mask is None else mask & outside
        for phrase in q.phrases:
            inside = self._containing(phrase)
            mask = inside if mask is None else mask & inside
        if q.is_empty:
            slots = np.flatnonzero(mask)[:limit] if mask is not None else np.arange(min(limit, n))
            return [self._hit(int(s), 0.0, None) for s in slots]
        return self._ranked(q, mask, limit)

    def _ranked(self, q: Query, mask: np.ndarray | None, limit: int) -> list[Hit]:
        a = self.data.arrays
        n = self.data.slots
        words = q.all_words()
        last = q.words[-1] if q.prefix and q.words else None
        expansions = []
        for word in words:
            in_phrase_only = word not in q.words
            terms, quality = self._expand(word, prefix=(word == last))
            if in_phrase_only:
                keep = self.vocab.ids.get(word)
                sel = terms == keep if keep is not None else np.zeros(len(terms), bool)
                terms, quality = terms[sel], quality[sel]
            expansions.append((terms, quality))
        # Stage 1: BM25 over the postings of every expansion; more query words matched ranks first.
        df = self._get("df")
        norm = self._get("norm")
        score = np.zeros(n, np.float64)
        count = np.zeros(n, np.int16)
        by_speaker: list[tuple[np.ndarray | None, float]] = []
        for word in words:
            numbers, named = (
                self._speakers_matching_word(word, prefix=(word == last))
                if word in q.words
                else (np.zeros(0, np.int32), 0.0)
            )
            by_speaker.append((np.isin(a["slot_speaker"], numbers) if len(numbers) else None, named))
        typed_short = last is not None and len(last) <= 2 and len(words) > 1
        stage_words = 0
        for word, (terms, quality), (spoke, spoke_quality) in zip(words, expansions, by_speaker):
            if typed_short and word == last:
                continue
            if spoke is not None:
                stage_words += 1
                word_score = spoke * (2.0 * spoke_quality)
                if len(terms):
                    word_score = np.maximum(word_score, self._word_scores(terms, quality, n, df, norm))
                score += word_score
                count += word_score > 0
                continue
            if not len(terms):
                continue
            stage_words += 1
            if word == last:
                rare = (quality != PREFIX) | (df[terms] <= COMMON_COMPLETION_SHARE * n)
                if rare.any():
                    terms, quality = terms[rare], quality[rare]
            word_score = self._word_scores(terms, quality, n, df, norm)
            score += word_score
            count += word_score > 0
        if not stage_words:
            return []
        key = count * 1000.0 + np.minimum(score, 999.0)
        if mask is not None:
            key[~mask] = 0
        matched = int(np.count_nonzero(key))
        if not matched:
            return []
        k = min(matched, RESCORE_PHRASE if q.phrases else RESCORE)
        candidates = np.argpartition(-key, k - 1)[:k] if k < n else np.arange(n)
        candidates = candidates[key[candidates] > 0]
        if last is not None:
            # Re-scoring may look at every word the last one begins, not only the most frequent.
            j = words.index(last)
            more = self._completion_ids(last, None)
            if len(more) > len(expansions[j][0]):
                expansions[j] = (
                    np.concatenate([expansions[j][0], more]),
                    np.concatenate([expansions[j][1], np.full(len(more), PREFIX, np.float32)]),
                )
        return self._rescore(q, words, expansions, candidates, score, limit, by_speaker)

    def _word_scores(
        self, terms: np.ndarray, quality: np.ndarray, n: int, df: np.ndarray, norm: np.ndarray
    ) -> np.ndarray:
        """BM25 of one query word for every passage: its expansions' postings, each weighted by how exact it is."""
        a = self.data.arrays
        starts = a["term_start"][terms]
        ends = a["term_start"][terms + 1]
        idf = np.log1p((n - df[terms] + 0.5) / (df[terms] + 0.5)).astype(np.float32)
        slots = np.concatenate([a["post_slot"][s:e] for s, e in zip(starts.tolist(), ends.tolist())])
        tf = np.concatenate([a["post_tf"][s:e] for s, e in zip(starts.tolist(), ends.tolist())]).astype(np.float32)
        weight = np.repeat(idf * quality, ends - starts) * (tf * (K1 + 1) / (tf + norm[slots]))
        return np.bincount(slots, weights=weight, minlength=n)

    def _rescore(
        self,
        q: Query,
        words: list[str],
        expansions: list[tuple[np.ndarray, np.ndarray]],
        candidates: np.ndarray,
        bm25: np.ndarray,
        limit: int,
        by_speaker: list[tuple[np.ndarray | None, float]],
    ) -> list[Hit]:
        """Order candidates by words matched, exactness, adjacency in query order, then BM25."""
        a = self.data.arrays
        v = len(self.vocab.words)
        nw = len(words)
        lut_word = np.full(v, -1, np.int16)
        lut_quality = np.zeros(v, np.float32)
        for j in range(nw - 1, -1, -1):
            terms, quality = expansions[j]
            better = quality > lut_quality[terms]
            lut_word[terms[better]] = j
            lut_quality[terms[better]] = quality[better]
        starts = a["tok_off"][candidates]
        lens = a["tok_off"][candidates + 1] - starts
        total = int(lens.sum())
        kc = len(candidates)
        if total == 0:
            return []
        begin = np.cumsum(lens) - lens
        positions = np.repeat(starts - begin, lens) + np.arange(total)
        tokens = a["tokens"][positions].astype(np.int64)
        owner = np.repeat(np.arange(kc), lens)
        wj = lut_word[tokens]
        quality = lut_quality[tokens]
        hit = wj >= 0
        best_flat = np.zeros(kc * nw, np.float32)
        np.maximum.at(best_flat, owner[hit] * nw + wj[hit], quality[hit])
        best = best_flat.reshape(kc, nw)
        said = np.zeros(kc, np.float32)  # query words naming the passage's speaker (by how exactly)
        naming = np.zeros(kc, np.int64)  # ...and how many
        for j, (spoke, spoke_quality) in enumerate(by_speaker):
            if spoke is not None:
                best[:, j] = np.maximum(best[:, j], spoke[candidates] * spoke_quality)
                said += spoke[candidates] * spoke_quality
                naming += spoke[candidates] & (spoke_quality > 0)
        words_matched = (best > 0).sum(axis=1)
        exactness = best.sum(axis=1)
        same = owner[:-1] == owner[1:]
        adjacent = same & (wj[:-1] >= 0) & (wj[1:] == wj[:-1] + 1)
        near = np.zeros(kc, np.int64)
        if nw > 1:
            adj = np.minimum(np.bincount(owner[:-1][adjacent], minlength=kc), nw - 1)
            gap_ok = (owner[:-2] == owner[2:]) & (wj[:-2] >= 0) & (wj[2:] == wj[:-2] + 1)
            gap = np.minimum(np.bincount(owner[:-2][gap_ok], minlength=kc), nw - 1)
            near = adj * 2 + gap
        ok = np.ones(kc, dtype=bool)
        for phrase in q.phrases:
            ids = [self.vocab.ids.get(w, -1) for w in phrase]
            m = len(ids)
            run = tokens[: total - m + 1] == ids[0] if total >= m else np.zeros(0, bool)
            for offset in range(1, m):
                run = (
                    run
                    & (tokens[offset : total - m + 1 + offset] == ids[offset])
                    & (owner[offset : total - m + 1 + offset] == owner[: total - m + 1])
                )
            has = np.zeros(kc, dtype=bool)
            has[owner[: total - m + 1][run]] = True
            ok &= has
        rel = bm25[candidates]
        top = float(rel.max()) if len(rel) else 1.0
        # Who said it against who is mentioned: the words of a speaker's name that the query
        # gives count as adjacent to each other, as they would in a mention of the name, and
        # each earns a little more, so "kai-fu lee open source" puts Kai-Fu Lee's own turns
        # above an introduction that names him beside those words, while a query whose words
        # all stand together in one passage ("yann eriksen mils") still finds that passage.
        near = near + 2 * np.maximum(naming - 1, 0)
        final = words_matched * 100.0 + exactness * 20.0 + near * 8.0 + said * SAID + 10.0 * rel / max(top, 1e-9)
        final[~ok] = -1.0
        order = np.lexsort((candidates, -final))
        order = order[final[order] >= 0][:limit]
        best_possible = nw * 100.0 + nw * 20.0 + max(nw - 1, 0) * 24.0 + 10.0
        return [
            self._hit(int(candidates[i]), round(min(1.0, float(final[i]) / best_possible), 4), (lut_word, lut_quality))
            for i in order
        ]

    def _hit(self, slot: int, score: float, highlight: tuple[np.ndarray, np.ndarray] | None) -> Hit:
        data = self.data
        entry = data.docs[int(data.arrays["slot_doc"][slot])]
        text = data.text_of(slot)
        speaker_no = int(data.arrays["slot_speaker"][slot])
        start = float(data.arrays["slot_start"][slot])
        hit = _IndexHit(
            passage=data.passage_id(slot),
            document=entry.id,
            speaker=data.speakers[speaker_no] if speaker_no >= 0 else None,
            text=text,
            score=score,
            spans=[],
            title=entry.title,
            index=int(data.arrays["slot_index"][slot]),
            start=None if math.isnan(start) else start,
        )
        if highlight is not None:
            hit._spans = None  # found when first read
            hit._where = (data.arrays, self.vocab.words, slot, *highlight)
        return hit


class _IndexHit(Hit):
    """A hit whose `spans` are worked out the first time they are read.

    A result list shows a screenful of a hundred hits, so finding the matched
    words of the rest would be wasted on every keystroke; what a caller reads
    (the screen's visible rows, or every hit for --json) is found on demand,
    from the index data the search used.
    """

    _where: tuple[dict[str, np.ndarray], Any, int, np.ndarray, np.ndarray] | None = None
    _spans: list[list[int]] | None = None

    @property
    def spans(self) -> list[list[int]]:
        if self._spans is None:
            self._spans = _matched_spans(*self._where, self.text) if self._where is not None else []
            self._where = None
        return self._spans

    @spans.setter
    def spans(self, value: list[list[int]] | None) -> None:
        self._spans = value


def _matched_spans(
    arrays: dict[str, np.ndarray], words: Any, slot: int, lut_word: np.ndarray, lut_quality: np.ndarray, text: str
) -> list[list[int]]:
    """Character spans of the passage's words that matched a query word (the best match of each word).

    The forward index holds the passage's words in text order, one per
    WORD_RE match (matches that normalise to nothing aside), so the matched
    positions come from the ids and the offsets from one regex pass over the
    text up to the last matched word.
    """
    tokens = arrays["tokens"][int(arrays["tok_off"][slot]) : int(arrays["tok_off"][slot + 1])]
    # For each query word, only its best match here: "aid" found as itself is highlighted,
    # not also "paid" (a one-letter variant that counts only where nothing better is there).
    which = lut_word[tokens]
    quality = lut_quality[tokens]
    matched = which >= 0
    best = np.zeros(int(which.max()) + 1 if matched.any() else 1, np.float32)
    np.maximum.at(best, which[matched], quality[matched])
    picked = np.flatnonzero(matched & (quality >= best[np.maximum(which, 0)] - 1e-6))
    if not len(picked):
        return []
    wanted_at = picked.tolist()
    matches: Iterable[re.Match[str]] = WORD_RE.finditer(text)
    if "_" in text:  # rare: skip the tokens that normalise to nothing, as indexing did
        matches = (m for m in matches if "_" not in m.group() or normalize_word(m.group()))
    spans = [m.span() for m in islice(matches, wanted_at[-1] + 1)]
    if len(spans) == wanted_at[-1] + 1 and all(
        normalize_word(text[spans[k][0] : spans[k][1]]) == words[int(tokens[k])] for k in wanted_at
    ):
        return [list(spans[k]) for k in wanted_at]
    # The text and the forward index disagree (should not happen): match the words themselves.
    wanted = {words[int(t)] for t in tokens[picked]}
    return [[s, e] for s, e, w in word_spans(text) if w in wanted]
