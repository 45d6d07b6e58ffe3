"""Search: typo-tolerant, faceted, ranked (approximate matching through corpus.fuzzy).

How a query is answered (at 100k passages, a few milliseconds):

1. `corpus.query.parse_query` reads words, "phrases", -exclusions and facets.
2. Each query word is expanded to vocabulary words: itself, words within one
   edit (4-7 letters) or two (8 or more; a transposition is one edit) found
   through the deletion-neighbourhood index and checked with the OSA
   distance (corpus.fuzzy), other forms of it sharing most of its beginning ("donating"
   for "donate", `other_form`), and, for the word still being typed, the words it begins
   (and a few it begins with one typo).
3. Candidates: BM25 over the postings of those words, with each expansion
   weighted by how exact it is, and passages matching more of the query words
   first.
4. The best few hundred candidates are re-scored on their word sequence: how
   many query words they hold, how exactly, and how close query words next
   to each other in the query stand in query order: side by side most, then
   with one, two or three words between (the small words a query leaves out).
   Ties keep document order.
5. Hits carry the text and the character spans of the matched words.

The index (see corpus.searchindex) lives in `<data>/index/`: a manifest naming
the current generation's file, replaced atomically on save.  Another process
saving a new generation is noticed on the next search, which reloads it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from sayso.corpus import searchindex
from sayso.corpus.document_ref import documents_like, documents_named, unmatched_lines
from sayso.corpus.errors import LibraryBusy, SaysoError
from sayso.corpus.fuzzy import closest_word, fuzzy_choices, holding_closest_word, osa_distance
from sayso.corpus.identity import name_key
from sayso.corpus.instep import InStep, read_in_step, write_in_step
from sayso.corpus.models import Document, Hit, Passage, PassageTable, Speaker
from sayso.corpus.query import Query, facet_values, parse_query
from sayso.corpus.searchindex import (
    TYPO_PREFIX,
    DamagedIndex,
    DocEntry,
    IndexView,
    LiveSegment,
    PendingDoc,
    Segment,
    VocabChunk,
    Vocabulary,
    build_segment,
    build_vocab_chunk,
    deletes,
    distinct,
    hash_string,
    merge_segments,
    merge_vocab_chunks,
    new_file_name,
    plan_merge,
    read_segment,
    read_vocab,
    remap_segment,
    stale_files,
    tokenise_document,
    write_segment,
    write_vocab,
)
from sayso.corpus.sources import DocumentSource, SpeakerList, TagLookup, Warn, WriteLock
from sayso.corpus.store import atomic_write_bytes
from sayso.corpus.words import WORD_RE, fold, has_unspaced, normalize_word, word_spans
from sayso.corpus.words import tokens as text_tokens

MANIFEST = "manifest.json"
#: (title, done, total): a long rebuild's progress
Progress = Callable[[str, int, int], None]
#: 2: segments, vocabulary chunks and tombstones (format 1 named one whole-index file); 3: Chinese and
#: Japanese cut into pairs of characters (corpus.words), so an index of format 2 holds their sentences whole.
MANIFEST_FORMAT = 3
#: Merges a save makes at once, in live passages (bigger ones wait for `SearchIndex.merge`, which the
#: app runs in the background): a fraction of a second.
INLINE_MERGE = 50_000
#: BM25 parameters.
K1, B = 1.2, 0.75
#: How much an expansion of a query word counts, by kind.
EXACT, PREFIX, FUZZY_1, FUZZY_2, FUZZY_PREFIX = 1.0, 0.8, 0.6, 0.4, 0.45
#: ...and another form of the word ("donating" for "donate", "attack" for "attacking": see `other_forms`).
OTHER_FORM = 0.35
#: Most other forms taken for one query word (the most frequent).
MAX_OTHER_FORMS = 12
#: Words beginning with a query word's stem looked at for its other forms (the most frequent).
FORMS_LOOKED_AT = 300
#: Credit for each query word that names the passage's speaker (a quarter of what a pair of adjacent
#: words gets): who said it weighs a little more than who is mentioned.
SAID = 4.0
#: Candidates re-scored on their word sequence.
RESCORE = 400
#: Farthest apart (in words) two query words still earn for standing near each other.
PROXIMITY = 4
RESCORE_PHRASE = 4000
#: Most completions taken for the word being typed (the most frequent ones).
MAX_COMPLETIONS = 40
#: Completions in more than this share of passages ("the" for a typed "t") are left out of the
#: first, BM25 pass: their weight there is next to nothing, yet their postings are most of
#: the work of a one- or two-letter keystroke.  Re-scoring still counts and highlights them.
COMMON_COMPLETION_SHARE = 0.2
#: Share of the passages the completions of a one- or two-letter query alone may reach in the first pass.
SHORT_PREFIX_BUDGET = 0.02
#: ...but never fewer passages than this (a small library takes every completion).
SHORT_PREFIX_MIN = 1000
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


_WRITING: set[str] = set()
_WRITING_LOCK = threading.Lock()


def _writing(add: str | None = None, done: set[str] | None = None) -> set[str]:
    """Index files this process is writing and has not listed yet, across all its indexes (clean-ups leave them)."""
    with _WRITING_LOCK:
        if add is not None:
            _WRITING.add(add)
        if done:
            _WRITING.difference_update(done)
        return set(_WRITING)


def max_edits(word: str) -> int:
    """Typos tolerated in a query word: none up to 3 letters, one up to 7, then two."""
    n = len(word)
    return 0 if n <= 3 else 1 if n <= 7 else 2


def forms_stem(word: str) -> str | None:
    """What every other form of `word` begins with (see `other_form`), or None for a word too short to have them."""
    if len(word) < 5 or not word.isalpha():
        return None
    return word[: max(5, len(word) - (5 if len(word) >= 12 else 4))]


def other_form(word: str, candidate: str) -> bool:
    """Whether `candidate` may be another form of `word`, whatever the language, as long as it inflects by endings:
    both share a beginning of five letters or more, the shorter adds two letters at most after it and the two
    together four (five after seven shared): "donate" and "donating" ("e" and "ing"), "attacking" and "attack",
    "gallery" and "galleries", "галерея" and "галереи".  No dictionary, so some strangers pass ("chance" and
    "chancellor"), which is why such a form counts for little (OTHER_FORM); "supposed" and "support" differ by
    too much ("sed" and "rt"), as do "donate" and "donald"."""
    if candidate == word or not candidate.isalpha():
        return False
    shared = 0
    for a, b in zip(word, candidate):
        if a != b:
            break
        shared += 1
    endings = len(word) + len(candidate) - 2 * shared
    return shared >= 5 and min(len(word), len(candidate)) - shared <= 2 and endings <= (5 if shared >= 7 else 4)


def bm25_idf(df: np.ndarray, live_n: int) -> np.ndarray:
    """BM25's inverse document frequency of words held by `df` of `live_n` passages."""
    return np.log1p((live_n - df + 0.5) / (df + 0.5)).astype(np.float32)


def bm25_norms(lens: np.ndarray, avg: float) -> np.ndarray:
    """BM25's length normalisation of passages of `lens` words, where a passage has `avg` words on average."""
    return (K1 * (1 - B + B * lens / max(avg, 1.0))).astype(np.float32)


class DocFreq:
    """How many live passages hold each word (BM25's document frequency), indexed like the array of them
    (`df[term_id]`, `df[term_ids]`, `len(df)`) but counted only for the words asked about, and kept: a first
    search of a large index asks about a few words, not its whole vocabulary.  Asked about many at once (a
    short prefix's completions), it counts the whole vocabulary in one pass instead."""

    #: Asked about more than this share of the vocabulary's words not yet counted: count them all.
    WHOLE_SHARE = 0.02

    def __init__(self, view: IndexView) -> None:
        self.view = view
        self.size = view.vocab_size
        self._known = np.full(self.size, -1, np.int64)
        self._whole = False

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, terms: Any) -> Any:
        if self._whole:
            return self._known[terms]
        if isinstance(terms, (int, np.integer)):
            value = int(self._known[terms])
            if value < 0:
                value = int(self.view.df_of(np.array([terms], np.int64))[0])
                self._known[terms] = value
            return value
        terms = np.asarray(terms, np.int64)
        found = self._known[terms]
        missing = found < 0
        if missing.any():
            unknown = distinct(terms[missing])
            if len(unknown) > self.WHOLE_SHARE * self.size:
                self._known = self.view.df(self.size)
                self._whole = True
                return self._known[terms]
            self._known[unknown] = self.view.df_of(unknown)
            found = self._known[terms]
        return found


class Norms:
    """BM25's length normalisation of every slot (`bm25_norms`), indexed like the array of them but worked out
    for the slots asked about only (a search reads the postings of a few words, not every passage)."""

    def __init__(self, view: IndexView, avg: float) -> None:
        self.view = view
        self.avg = avg

    def __getitem__(self, slots: Any) -> np.ndarray:
        return bm25_norms(self.view.lengths_of(slots).astype(np.float32), self.avg)


def bm25_tf(tf: np.ndarray, norm: np.ndarray) -> np.ndarray:
    """BM25's saturated term frequency of a word found `tf` times in passages of normalisation `norm`."""
    saturated: np.ndarray = tf * (K1 + 1) / (tf + norm)
    return saturated


def speaker_word_table(groups: list[list[str]], speaker_numbers: Mapping[str, int]) -> dict[str, set[int]]:
    """Each word of the speakers' names and aliases -> the numbers of the speakers (`speaker_numbers`: name ->
    number) it names, so a query word may name who speaks; `groups` are each person's name and aliases."""
    table: dict[str, set[int]] = {}
    keys: dict[str, set[str]] = {}
    for names in groups:
        for n in names:
            keys.setdefault(name_key(n), set()).update(name_key(m) for m in names)
    for name, number in speaker_numbers.items():
        for full in keys.get(name_key(name), {name_key(name)}):
            parts = full.split()
            # "Kai-Fu Lee" answers to kai, fu, lee and kaifu.
            for w in parts + ["".join(parts[i : i + 2]) for i in range(len(parts) - 1)]:
                if len(w) >= 2:
                    table.setdefault(w, set()).add(number)
    return table


def match_speaker_word(
    table: dict[str, set[int]], word: str, prefix: bool, in_vocabulary: bool
) -> tuple[np.ndarray, float]:
    """The speaker numbers of `table` (see `speaker_word_table`) whose names hold `word`, and how exactly;
    typos are forgiven only in a word of 5+ letters that no passage holds (`in_vocabulary`)."""
    found: set[int] = set(table.get(word, ()))
    quality = EXACT if found else 0.0
    # Typos in a name only for words long enough not to be mistaken for another word.
    k = max_edits(word) if len(word) >= 5 and not in_vocabulary else 0
    if not found and (k or prefix):
        for name_word, numbers in table.items():
            if prefix and len(word) >= 3 and name_word.startswith(word):
                found |= numbers
                quality = max(quality, PREFIX)
            elif k and abs(len(name_word) - len(word)) <= k and osa_distance(word, name_word, score_cutoff=k) <= k:
                found |= numbers
                quality = max(quality, FUZZY_1)
    return np.array(sorted(found), np.int32), quality


def speaker_keys_named(value: str, groups: list[list[str]], names: Iterable[str]) -> set[str]:
    """The folded names (corpus.identity.name_key) of the speaker(s) a `speaker:` value names: each
    person's name and aliases (`groups`) and the other `names` passages go by, matched exactly, in part,
    fuzzily, else by the closest word of a name."""
    known = {n for g in groups for n in g}
    groups = [*groups, *([name] for name in names if name not in known)]
    key = name_key(value)
    if not key:
        return set()
    chosen = [g for g in groups if any(name_key(n) == key for n in g)]
    if not chosen:
        chosen = [g for g in groups if any(key in name_key(n) for n in g)]
    if not chosen and len(key) >= 3 and " " not in key:
        # A misspelt first or last name alone ("pryia", "lceun", "nixn", "kenedy") is compared with each word of
        # every name, and names everyone whose name holds the closest word: "kenedy" is Senator Kennedy, Justice
        # Kennedy and Michael Kennedy, not whichever whole name happens to score best.
        chosen = [
            groups[i] for i in holding_closest_word(key, [[w for n in g for w in name_key(n).split()] for g in groups])
        ]
    if not chosen:
        labels = [n for g in groups for n in g]
        owners = [i for i, g in enumerate(groups) for _ in g]
        best = fuzzy_choices(value, labels, limit=1, cutoff=70)
        chosen = [groups[owners[i]] for i in best]
    return {name_key(n) for g in chosen for n in g}


def people_keys_named(attribute: str, value: str, speakers: Iterable[Speaker]) -> set[str]:
    """The folded names of the people whose `attribute` (role, affiliation) `value` names: a value matches
    a part of the attribute ("senator" finds "U.S. Senator"), else the closest attribute, else the closest
    word of one (typos forgiven as in `speaker:`)."""
    people = [s for s in speakers if getattr(s, attribute, None)]
    given = [str(getattr(s, attribute)) for s in people]
    key = name_key(value)
    if not key or not people:
        return set()
    chosen = [s for s, v in zip(people, given) if key in name_key(v)]
    if not chosen:
        chosen = [people[i] for i in fuzzy_choices(value, given, limit=len(given), cutoff=75)]
    if not chosen and len(key) >= 3 and " " not in key:
        words = [(w, i) for i, v in enumerate(given) for w in name_key(v).split() if len(w) >= 3]
        closest = closest_word(key, [w for w, _ in words])
        if closest is not None:
            wanted = given[words[closest][1]]
            chosen = [s for s, v in zip(people, given) if v == wanted]
    return {name_key(n) for s in chosen for n in [s.name, *s.aliases]}


def _closeness(
    at: np.ndarray, owner: np.ndarray, wj: np.ndarray, quality: np.ndarray, kc: int, nw: int
) -> tuple[np.ndarray, np.ndarray]:
    """How close each candidate holds the query's words that stand next to each other in the query, in
    query order: (its credit, how many pairs stand side by side exactly as typed).

    Side by side earns 2 a time and one word between 1 a time (each counted up to the query's pairs);
    two or three words between earn 2/3 and 1/2 once a pair, where the pair does not stand closer (the
    small words a query leaves out: "budget cuts schools" for "budget cuts to our schools").  `at` are
    the positions of the query's words among the candidates' tokens, `owner` and `wj` each token's
    candidate and query word (-1: none), `quality` how exactly it matches.
    """
    word, whose, exactly = wj[at], owner[at], quality[at] >= 1.0
    side_by_side: list[np.ndarray] = []
    one_between: list[np.ndarray] = []
    typed: list[np.ndarray] = []
    far = np.zeros(kc * nw, np.float64)
    close = np.zeros(kc * nw, bool)
    # (only the query's words are looked at, a few of the candidates' tokens; two of them at most PROXIMITY
    # apart have at most PROXIMITY - 1 of them between)
    for m in range(1, min(PROXIMITY, len(at) - 1) + 1):
        apart = at[m:] - at[:-m]
        pair = (apart <= PROXIMITY) & (whose[m:] == whose[:-m]) & (word[m:] == word[:-m] + 1)
        if not pair.any():
            continue
        apart, first, slot = apart[pair], whose[:-m][pair], whose[:-m][pair] * nw + word[:-m][pair]
        one = apart == 1
        side_by_side.append(first[one])
        typed.append(first[one & exactly[:-m][pair] & exactly[m:][pair]])
        one_between.append(first[apart == 2])
        close[slot[apart <= 2]] = True
        np.maximum.at(far, slot[apart > 2], 2.0 / apart[apart > 2])
    far[close] = 0.0

    def counted(owners: list[np.ndarray]) -> np.ndarray:
        if not owners:
            return np.zeros(kc, np.int64)
        return np.minimum(np.bincount(np.concatenate(owners), minlength=kc), nw - 1)

    # Words standing together exactly as typed break a tie with a near spelling standing together:
    # "machine guns" over a shorter "machine gun fire" that holds "guns" elsewhere.
    near = counted(side_by_side) * 2 + counted(one_between) + far.reshape(kc, nw).sum(axis=1)
    return near, counted(typed)


def sequence_scores(
    expansions: list[tuple[np.ndarray, np.ndarray]],
    vocab_size: int,
    tokens: np.ndarray,
    lens: np.ndarray,
    rel: np.ndarray,
    by_speaker: list[tuple[np.ndarray | None, float]],
    phrases: list[list[int]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float] | None:
    """Re-score candidates on their word sequence: words matched, exactness, adjacency in query order, then BM25.

    `expansions` are, for each query word, (word ids, how much each counts) in a vocabulary of
    `vocab_size` words; `tokens` the candidates' word ids in text order, `lens` how many each has; `rel`
    their BM25; `by_speaker`, for each query word, which candidates are turns of a speaker it names (and
    how exactly); `phrases` the word ids of each phrase (-1: a word no passage holds), which a candidate
    must hold.  Returns (each candidate's score, -1 where a phrase is missing; each word id's query word
    or -1; how much it counts; the best score possible), or None when the candidates hold no words.
    """
    nw = len(expansions)
    lut_word = np.full(vocab_size, -1, np.int16)
    lut_quality = np.zeros(vocab_size, np.float32)
    for j in range(nw - 1, -1, -1):
        terms, quality = expansions[j]
        better = quality > lut_quality[terms]
        lut_word[terms[better]] = j
        lut_quality[terms[better]] = quality[better]
    total = int(lens.sum())
    kc = len(lens)
    if total == 0:
        return None
    owner = np.repeat(np.arange(kc), lens)
    wj = lut_word[tokens]
    quality = lut_quality[tokens]
    hit = wj >= 0
    best_flat = np.zeros(kc * nw, np.float32)
    np.maximum.at(best_flat, owner[hit] * nw + wj[hit], quality[hit])
    best = best_flat.reshape(kc, nw)
    said = np.zeros(kc, np.float32)  # query words naming the passage's speaker (by how exactly)
    naming = np.zeros(kc, np.int64)  # ...and how many
    naming_exactly = np.zeros(kc, np.int64)  # ...and how many as typed
    for j, (spoke, spoke_quality) in enumerate(by_speaker):
        if spoke is not None:
            best[:, j] = np.maximum(best[:, j], spoke * spoke_quality)
            said += spoke * spoke_quality
            naming += spoke & (spoke_quality > 0)
            naming_exactly += spoke & (spoke_quality >= 1.0)
    words_matched = (best > 0).sum(axis=1)
    exactness = best.sum(axis=1)
    near = np.zeros(kc, np.float64)
    as_typed = np.zeros(kc, np.int64)
    if nw > 1:
        near, as_typed = _closeness(np.flatnonzero(hit), owner, wj, quality, kc, nw)
    ok = np.ones(kc, dtype=bool)
    for ids in phrases:
        m = len(ids)
        has = np.zeros(kc, dtype=bool)
        if total >= m:
            # (a run within one passage: owner only grows, so its first and last word's owner are the same)
            run = phrase_starts(tokens, ids) & (owner[: total - m + 1] == owner[m - 1 :])
            has[owner[: total - m + 1][run]] = True
        ok &= has
    top = float(rel.max()) if len(rel) else 1.0
    # Who said it against who is mentioned: the words of a speaker's name that the query
    # gives count as adjacent to each other, as they would in a mention of the name, and
    # each earns a little more, so "kai-fu lee open source" puts Kai-Fu Lee's own turns
    # above an introduction that names him beside those words, while a query whose words
    # all stand together in one passage ("yann eriksen mils") still finds that passage.
    near = near + 2 * np.maximum(naming - 1, 0)
    as_typed = as_typed + np.maximum(naming_exactly - 1, 0)  # (and, spelled as typed, as a mention would)
    final = (
        words_matched * 100.0
        + exactness * 20.0
        + near * 8.0
        + as_typed * 10.0
        + said * SAID
        + 10.0 * rel / max(top, 1e-9)
    )
    final[~ok] = -1.0
    best_possible = nw * 100.0 + nw * 20.0 + max(nw - 1, 0) * 34.0 + 10.0
    return final, lut_word, lut_quality, best_possible


class SearchIndex:
    """The persisted, incrementally updated search index of one library.

    It is given what it needs (see corpus.sources), never the Library:
    `documents` to build and check itself from, `speakers` for the names people
    go by, `tags` for the `tag:` facet, `lock` to save under and `warn` for a
    problem that must not stop searching (by default, logged).  Without
    `documents` it indexes only what `add_document` gives it.

    On disk (`folder`): immutable segment files, vocabulary chunk files and
    `manifest.json` naming the live ones and each segment's tombstones (the
    documents removed or indexed again since it was written).  Saving writes
    only what is new, then swaps the manifest atomically; `merge` combines
    segments in the background; a reader always sees one whole manifest.
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
        progress: Progress | None = None,
    ) -> None:
        self.folder = Path(folder)
        #: told (title, done, total) after each document a rebuild indexes
        self.progress = progress
        self.source = documents
        self.speakers = speakers
        self.tags = tags
        self.write_lock = lock
        self.warn: Warn = warn or logging.getLogger(__name__).warning
        self.view = IndexView([], [])
        #: the writers' vocabulary (word -> id, token hashes), built from the chunks when first needed
        self._vocab: Vocabulary | None = Vocabulary()
        #: the writer's speaker numbers (tokenise_document's); segments keep names
        self.speaker_numbers: dict[str, int] = {}
        self.pending: list[PendingDoc] = []
        self._pending_tokens = 0
        self.removed: set[str] = set()
        self._pending_ids: set[str] = set()
        #: documents removed since the last save (replayed if another process saved meanwhile)
        self._unsaved_removed: set[str] = set()
        #: committed in memory but not yet written
        self._unsaved = False
        #: set by rebuild: the next save replaces whatever is on disk
        self._fresh = False
        self.generation = 0
        #: a rebuild starts a new epoch: word ids of another epoch mean other words
        self.epoch = ""
        #: vocabulary words the loaded (or last saved) manifest holds
        self._disk_vocab = 0
        self._signature: tuple[int, int, int] | None = None
        self._files: dict[str, Segment | VocabChunk] = {}
        self._derived: dict[Any, Any] = {}
        self._expansions: OrderedDict[tuple[str, bool, bool], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        #: "loaded", "missing" or "damaged: why" (for `sayso where` and tests)
        self.state = "missing"
        #: the library fingerprint whose titles and kinds the documents' entries carry (see WordIndex)
        self.in_step: str | None = None
        #: the note that the index and the library were last found in step (corpus.instep), when it applies
        self._note: InStep | None = None
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
        progress: Progress | None = None,
    ) -> SearchIndex:
        """Load the persisted index (fast: the arrays are memory-mapped) and bring it up to date.

        A missing, damaged or older-format index is rebuilt from the documents'
        passages; one that disagrees with the documents is patched document by document.
        """
        index = cls(folder, documents, speakers=speakers, tags=tags, lock=lock, warn=warn, progress=progress)
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

    @property
    def vocab(self) -> Vocabulary:
        """The writers' vocabulary: every word of the index (saved or not) and its id."""
        if self._vocab is None:
            self._vocab = Vocabulary([w for chunk in self.view.chunks if chunk.name for w in chunk.words])
        return self._vocab

    @property
    def data(self) -> IndexView:
        """What searches read now (pending changes folded in)."""
        with self.lock:
            self._commit()
            return self.view

    def _manifest_signature(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.folder / MANIFEST)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _read_manifest(self) -> dict[str, Any] | None:
        """The manifest on disk; None when there is none; DamagedIndex when unreadable or of an older format."""
        try:
            raw = (self.folder / MANIFEST).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise DamagedIndex(f"manifest unreadable: {exc}") from None
        try:
            manifest = json.loads(raw.decode("utf-8"))
            if manifest.get("format") != MANIFEST_FORMAT:
                raise DamagedIndex("index of an older format")
            int(manifest["generation"])
            str(manifest["epoch"])
            for item in [*manifest["vocab"], *manifest["segments"]]:
                name = str(item["file"])
                if "/" in name or "\\" in name or name.startswith(".") or not name.endswith(".bin"):
                    raise DamagedIndex("manifest names a file outside the index folder")
            return dict(manifest)
        except DamagedIndex:
            raise
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise DamagedIndex(f"manifest unreadable: {exc}") from None

    def _open_file(self, name: str, vocab: bool) -> Segment | VocabChunk:
        found = self._files.get(name)
        if found is None:
            path = self.folder / name
            found = read_vocab(path) if vocab else read_segment(path)
        return found

    def _load(self) -> bool:
        """Read the current manifest and what it names; False when there is none yet."""
        for _attempt in range(3):
            signature = self._manifest_signature()
            manifest = self._read_manifest()
            if manifest is None:
                return False
            try:
                self._install(manifest, signature)
            except FileNotFoundError:
                continue  # a writer replaced a file between our reads: read the manifest again
            self.state = "loaded"
            listed = {str(i["file"]) for i in [*manifest["vocab"], *manifest["segments"]]}
            for path in stale_files(self.folder, listed, _writing(), others_only=True):
                with contextlib.suppress(OSError):
                    path.unlink()  # a killed writer's or merge's file: no live process will list it
            return True
        raise DamagedIndex("manifest names a missing file")

    def _install(self, manifest: dict[str, Any], signature: tuple[int, int, int] | None) -> None:
        """Make `manifest` what searches read (files already open are reused: they never change)."""
        files: dict[str, Segment | VocabChunk] = {}
        chunks: list[VocabChunk] = []
        for item in manifest["vocab"]:
            name = str(item["file"])
            chunk = self._open_file(name, vocab=True)
            assert isinstance(chunk, VocabChunk)
            if chunk.lo != (chunks[-1].hi if chunks else 0):
                raise DamagedIndex("vocabulary chunks do not follow each other")
            files[name] = chunk
            chunks.append(chunk)
        segments: list[LiveSegment] = []
        for item in manifest["segments"]:
            name = str(item["file"])
            seg = self._open_file(name, vocab=False)
            assert isinstance(seg, Segment)
            files[name] = seg
            segments.append(LiveSegment(seg, name, frozenset(map(str, item.get("deleted", []))), listed=True))
        size = chunks[-1].hi if chunks else 0
        for ls in segments:
            tokens = ls.seg.arrays["post_term"]
            if len(tokens) and int(tokens[-1]) >= size:
                raise DamagedIndex("a segment uses words the vocabulary lacks")
        epoch = str(manifest["epoch"])
        if self._vocab is not None and epoch == self.epoch and self._disk_vocab <= size and not self._unsaved:
            # Same words, same ids: keep what is loaded and add the words saved since.
            self._vocab.truncate(self._disk_vocab)
            for chunk in chunks:
                if chunk.hi > self._disk_vocab:
                    self._vocab.extend(chunk.words[max(0, self._disk_vocab - chunk.lo) :])
        else:
            self._vocab = None  # built when a document is next added: searching needs only the chunks
        self._files = files
        self.view = IndexView(chunks, segments)
        self.generation = int(manifest["generation"])
        self.epoch = epoch
        self._disk_vocab = size
        self._signature = signature
        self.speaker_numbers = dict(self.view.speaker_numbers)
        self._derived = {}
        self._expansions.clear()
        self.in_step = None

    def rebuild(self) -> None:
        """Index every passage of the library again, from nothing, and save."""
        self.view = IndexView([], [])
        self._vocab = Vocabulary()
        self.speaker_numbers = {}
        self.in_step = None
        self.epoch = os.urandom(8).hex()
        self._disk_vocab = 0
        self._files = {}
        self._fresh = True
        self._derived = {}
        self._expansions.clear()
        self.pending, self.removed, self._pending_ids, self._pending_tokens = [], set(), set(), 0
        self._unsaved_removed = set()
        documents = self._library_documents() or []
        for done, doc in enumerate(documents, 1):
            self._index_from_library(doc)
            if self.progress is not None:
                self.progress(doc.title, done, len(documents))
        self._unsaved = True
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
        if self.source is None:
            return
        fingerprint = self._library_fingerprint()
        note = read_in_step(self.folder) if fingerprint is not None else None
        if note is not None and note.library == fingerprint and note.manifest == self._manifest_id():
            # Both are the files last found in step: nothing to compare (corpus.instep).
            self._retitle(note.retitled)
            self._note, self.in_step = note, fingerprint
            return
        try:
            facts = self.source.document_facts()
        except (SaysoError, OSError):  # (None, not nothing: a damaged library.json must not empty the index)
            return
        wanted = {doc_id: (text_hash, title, kind) for doc_id, text_hash, title, kind in facts}
        versions = self._library_versions()
        changed = False
        retitled: dict[str, list[str]] = {}
        for entry in list(self.view.docs):
            fact = wanted.get(entry.id)
            if (
                fact is None
                or (fact[0] and entry.text_hash and fact[0] != entry.text_hash)
                or versions.get(entry.id, "") != entry.version
            ):
                self.remove_document(entry.id)
                changed = True
            elif (entry.title, entry.kind) != (fact[1], fact[2]):
                retitled[entry.id] = [fact[1], fact[2]]
        self._retitle(retitled)
        missing = [doc_id for doc_id in wanted if doc_id not in self.view.doc_numbers or doc_id in self.removed]
        if missing:
            # (only now are documents built: the library's own, once)
            by_id = {d.id: d for d in self._library_documents() or []}
            for doc_id in missing:
                if doc_id in by_id:
                    self._index_from_library(by_id[doc_id])
                    changed = True
        if changed:
            self._save_locked()
        elif fingerprint is not None:
            groups = self._speaker_groups()
            if self._library_fingerprint() == fingerprint:  # (library.json not replaced while it was read)
                self.in_step = fingerprint
                manifest = self._manifest_id()
                if manifest is not None:
                    write_in_step(self.folder, InStep(fingerprint, manifest, groups, retitled))

    def _retitle(self, retitled: dict[str, list[str]]) -> None:
        """Give documents the titles and kinds the library has now (`doc edit`), where they differ from the
        ones they were indexed with: in the segments (hits read them) and in the laid-out documents."""
        if not retitled:
            return
        for entries in [ls.seg.docs for ls in self.view.segments] + [self.view.docs]:
            for entry in entries:
                if entry.id in retitled:
                    entry.title, entry.kind = retitled[entry.id]

    def _library_fingerprint(self) -> str | None:
        if self.source is None:
            return None
        try:
            return self.source.fingerprint()
        except (SaysoError, OSError):
            return None

    def _manifest_id(self) -> tuple[Any, ...] | None:
        """The loaded manifest: its generation, epoch and identity on disk (None when none is loaded)."""
        if self._signature is None:
            return None
        return (self.generation, self.epoch, *self._signature)

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
        """Persist what changed as a new generation (the caller holds the library's write lock).

        Only new segments and new words are written: what a save costs grows
        with the documents added, not with the library.
        """
        with self.lock:
            self._save()
        try:
            self._merge_rounds(INLINE_MERGE, lock_timeout=0)
        except (OSError, SaysoError, DamagedIndex) as exc:
            # The save is done and whole; a merge that could not be made now is made by a later one.
            self.warn(f"search index segments not merged: {exc}")

    def _save(self) -> None:
        if not self.pending and not self.removed and not self._unsaved and self.state == "loaded":
            return
        self._commit()
        if not self.epoch:
            self.epoch = os.urandom(8).hex()
        try:
            manifest = self._read_manifest()
        except DamagedIndex:
            manifest = None
        if manifest is not None and not self._fresh and self.state == "loaded":
            if int(manifest["generation"]) != self.generation or str(manifest["epoch"]) != self.epoch:
                try:
                    self._rebase(manifest)
                except (DamagedIndex, FileNotFoundError):
                    # What another process saved cannot be read whole: this process's complete view is
                    # saved instead (files gone from under it are written again below).
                    self._unsaved, self._fresh = True, True
        on_disk = int(manifest["generation"]) if manifest is not None else 0
        view = self.view
        segments = []
        for ls in view.segments:
            if ls.name is None or not ls.listed:
                if ls.live_passages == 0:
                    continue  # wholly replaced before it was ever listed
            if ls.name is None or not (self.folder / ls.name).exists():
                # New, or (overwriting another's save) merged away meanwhile: still mapped, so written again.
                ls = self._write_segment(ls)
            segments.append(ls)
        chunks = self._with_new_words(view.chunks)
        for chunk in chunks:
            if not chunk.name or not (self.folder / chunk.name).exists():
                name = new_file_name("vocab")
                _writing(add=name)
                write_vocab(self.folder / name, chunk)
                self._files[name] = chunk
        names_of_chunks = [c.name for c in chunks]
        generation = max(self.generation, on_disk) + 1
        self._write_manifest(generation, names_of_chunks, segments)
        self.view = IndexView(chunks, [LiveSegment(ls.seg, ls.name, ls.deleted, listed=True) for ls in segments])
        self.generation = generation
        self._disk_vocab = chunks[-1].hi if chunks else 0
        self._signature = self._manifest_signature()
        self.state = "loaded"
        self._unsaved = False
        self._fresh = False
        self._unsaved_removed = set()
        self._derived = {}
        self._expansions.clear()

    def _with_new_words(self, chunks: list[VocabChunk]) -> list[VocabChunk]:
        """The saved chunks of `chunks`, and one (not yet saved) of the words added since."""
        saved = [c for c in chunks if c.name]
        size = saved[-1].hi if saved else 0
        if self._vocab is not None and len(self._vocab.words) > size:
            new = self._vocab.words[size:]
            # A save right after a commit: the commit's chunk of the same words (its typo keys took a
            # fifth of a second for 80,000 new words, all on one core at the end of an import).
            ready = next((c for c in chunks if not c.name and c.lo == size and c.words == new), None)
            saved.append(ready if ready is not None else build_vocab_chunk(new, size))
        return saved

    def _write_segment(self, ls: LiveSegment) -> LiveSegment:
        """Write an in-memory segment to its file and read it back mapped (its heap memory goes)."""
        name = new_file_name("seg")
        _writing(add=name)
        write_segment(self.folder / name, ls.seg)
        seg = read_segment(self.folder / name)
        self._files[name] = seg
        return LiveSegment(seg, name, ls.deleted, listed=False)

    def _write_manifest(self, generation: int, chunks: list[str], segments: list[LiveSegment]) -> None:
        live = sum(ls.live_passages for ls in segments)
        manifest = {
            "format": MANIFEST_FORMAT,
            "generation": generation,
            "epoch": self.epoch,
            "passages": live,
            "vocab": [{"file": name} for name in chunks],
            "segments": [
                {"file": ls.name, "passages": ls.seg.slots, "live": ls.live_passages, "deleted": sorted(ls.deleted)}
                for ls in segments
            ],
        }
        atomic_write_bytes(self.folder / MANIFEST, json.dumps(manifest, ensure_ascii=False).encode("utf-8"))
        listed = set(chunks) | {str(ls.name) for ls in segments}
        _writing(done=listed)
        for path in stale_files(self.folder, listed, _writing()):
            with contextlib.suppress(OSError):
                path.unlink()
            self._files.pop(path.name, None)

    def _rebase(self, manifest: dict[str, Any]) -> None:
        """Another process saved since this one loaded: put this one's unsaved changes on top of its save.

        This process's new segments go after the segments on disk (their words
        translated to the vocabulary on disk), and every document they hold or
        this process removed is tombstoned in the segments on disk.
        """
        mine = [ls for ls in self.view.segments if not ls.listed]
        old_words = list(self.vocab.words)
        kill = set(self._unsaved_removed)
        for ls in mine:
            kill |= {d.id for d in ls.seg.docs if d.id not in ls.deleted}
        self._unsaved = False  # so _install may keep the vocabulary it shares with the disk
        self._install(manifest, self._manifest_signature())
        segments = [
            LiveSegment(ls.seg, ls.name, ls.deleted | (kill & ls.seg.doc_ids), listed=True) for ls in self.view.segments
        ]
        for ls in mine:
            seg = remap_segment(ls.seg, old_words, self.vocab)
            segments.append(LiveSegment(seg, ls.name if seg is ls.seg else None, ls.deleted, listed=False))
        for name, value in self.view.speaker_numbers.items():
            self.speaker_numbers.setdefault(name, value)
        self.view = IndexView(self._with_new_words(self.view.chunks), segments)
        self._unsaved = True

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

    def _commit(self, words: bool = True) -> None:
        """Fold pending documents into a new in-memory segment and removals into tombstones
        (and, unless `words` is False, new words into an in-memory vocabulary chunk)."""
        if not self.pending and not self.removed:
            return
        kill = set(self.removed) | {p.entry.id for p in self.pending}
        segments = [
            LiveSegment(ls.seg, ls.name, ls.deleted | (kill & ls.seg.doc_ids), ls.listed)
            if kill & ls.seg.doc_ids
            else ls
            for ls in self.view.segments
        ]
        if self.pending:
            segments.append(LiveSegment(build_segment(self.pending, self.speaker_numbers)))
        self._unsaved_removed |= self.removed
        self.pending, self.removed, self._pending_ids, self._pending_tokens = [], set(), set(), 0
        self._unsaved = True
        self.view = IndexView(self._with_new_words(self.view.chunks) if words else self.view.chunks, segments)
        self._derived = {}
        self._expansions.clear()

    def _flush(self) -> None:
        """Write the pending documents out as a segment (not yet listed): a large import's memory stays bounded."""
        self._commit(words=False)
        self.view = IndexView(
            self.view.chunks,
            [self._write_segment(ls) if ls.name is None else ls for ls in self.view.segments],
        )

    # -- changing ---------------------------------------------------------------------------
    #: each document's words, worked out ahead by the parse workers (tokenise_document's `words`)
    import_words: Callable[[Sequence[str]], Any] | None = staticmethod(searchindex.document_words)
    #: (in the importing process the index cuts the words itself, a run at a time: all of a document's at
    #: once, beside its passages, held another copy of the file)
    import_words_here = False

    def add_document(
        self, doc: Document, passages: list[Passage] | PassageTable, version: str = "", words: Any = None
    ) -> None:
        """Index a document's passages (Passages, or their columns), replacing an earlier version of it.

        `version` names the passages' version in the library (see
        `Library.passages_and_version`), so a stale entry is noticed on opening.
        """
        with self.lock:
            self._add_document(doc, passages, version, words)

    def _add_document(
        self, doc: Document, passages: list[Passage] | PassageTable, version: str, words: Any = None
    ) -> None:
        if not self.pending and not self.removed:
            self._refresh()
        self.remove_document(doc.id)
        entry = DocEntry(doc.id, doc.title, doc.kind, doc.text_hash or "", version=version)
        pending = tokenise_document(self.vocab, self.speaker_numbers, entry, passages, words)
        self.pending.append(pending)
        self._pending_ids.add(doc.id)
        self._pending_tokens += len(pending.tokens) + len(pending.text) // 4
        if self._pending_tokens >= searchindex.FLUSH_TOKENS:
            self._flush()

    def remove_document(self, doc_id: str) -> None:
        """Forget a document (nothing happens if it is not indexed)."""
        with self.lock:
            self._remove_document(doc_id)

    def _remove_document(self, doc_id: str) -> None:
        if doc_id in self._pending_ids:
            self.pending = [p for p in self.pending if p.entry.id != doc_id]
            self._pending_ids.discard(doc_id)
        if self.view.holds(doc_id):
            self.removed.add(doc_id)

    # -- merging ----------------------------------------------------------------------------
    def bulk_import(self, files: int) -> contextlib.AbstractContextManager[None]:
        """(Nothing to prepare: a big import writes segments of its own, merged later.)"""
        return contextlib.nullcontext()

    def merge(self, *, budget: int | None = None, lock_timeout: float | None = None) -> int:
        """Merge segments and vocabulary chunks by the size-tiered policy (see plan_merge); how many merges.

        The merged file is built and written without holding any lock, so
        searches (here and in other processes) and imports go on meanwhile;
        only the manifest swap takes the library's write lock.  A merge whose
        segments changed meanwhile (another merge took them) is dropped.  A
        kill at any moment leaves either the old manifest or the new one, each
        complete.  `budget` caps one merge's size (live passages; a tenth of
        it in words for vocabulary chunks).
        """
        with self.lock:
            if self.pending or self.removed or self._unsaved:
                self._save_locked()
                if self._unsaved:
                    return 0
        return self._merge_rounds(budget, lock_timeout)

    def _merge_rounds(self, budget: int | None, lock_timeout: float | None) -> int:
        done = 0
        for _round in range(100):
            with self.lock:
                if self.pending or self.removed or self._unsaved:
                    return done
                try:
                    manifest = self._read_manifest()
                except DamagedIndex:
                    return done
                if manifest is None:
                    return done
            try:
                merged = self._merge_once(manifest, budget, lock_timeout)
            except LibraryBusy:
                return done  # another sayso is writing: the next save or merge goes on from here
            if merged is None:
                return done
            done += merged  # False: another process changed those segments first; plan again
        return done

    def _merge_once(self, manifest: dict[str, Any], budget: int | None, lock_timeout: float | None) -> bool | None:
        """One merge: True when made, False when another process got there first, None when none is due."""
        items = manifest["segments"]
        limit = min(searchindex.MAX_MERGE, budget) if budget is not None else searchindex.MAX_MERGE
        span = plan_merge([int(i["passages"]) for i in items], [int(i["live"]) for i in items], limit)
        vocab_span = None
        if span is None:
            counts = []
            for item in manifest["vocab"]:
                try:
                    chunk = self._open_file(str(item["file"]), vocab=True)
                except (DamagedIndex, FileNotFoundError):
                    return False
                assert isinstance(chunk, VocabChunk)
                counts.append(len(chunk.words))
            vocab_limit = budget * 10 if budget is not None else 1 << 40
            vocab_span = plan_merge(counts, counts, vocab_limit)
            if vocab_span is None:
                return None
        kind = "seg" if span is not None else "vocab"
        lo, hi = span if span is not None else vocab_span  # type: ignore[misc]
        sources = [str(i["file"]) for i in (items if kind == "seg" else manifest["vocab"])[lo:hi]]
        snapshot = [frozenset(map(str, i.get("deleted", []))) for i in items[lo:hi]] if kind == "seg" else []
        name = new_file_name(kind)
        _writing(add=name)
        try:
            try:
                opened = [self._open_file(s, vocab=kind == "vocab") for s in sources]
            except (DamagedIndex, FileNotFoundError):
                return False
            merged: Segment | VocabChunk
            if kind == "seg":
                merged = merge_segments([(s, d) for s, d in zip(opened, snapshot) if isinstance(s, Segment)])
                if merged.slots:
                    write_segment(self.folder / name, merged)
                    merged = read_segment(self.folder / name)  # mapped: the merge's heap memory goes
            else:
                merged = merge_vocab_chunks([c for c in opened if isinstance(c, VocabChunk)])
                write_vocab(self.folder / name, merged)
                merged = read_vocab(self.folder / name)
            swapped = False
            try:
                swapped = self._swap(kind, sources, snapshot, name, merged, lock_timeout)
            finally:
                if not swapped:
                    with contextlib.suppress(OSError):
                        (self.folder / name).unlink()
            return swapped
        finally:
            _writing(done={name})

    def _swap(
        self,
        kind: str,
        sources: list[str],
        snapshot: list[frozenset[str]],
        name: str,
        merged: Segment | VocabChunk,
        lock_timeout: float | None,
    ) -> bool:
        """List the merged file in place of its sources, if they are still listed as they were."""
        lock = self.write_lock
        held = lock.held(timeout=lock_timeout) if lock is not None else contextlib.nullcontext()
        with held, self.lock:
            try:
                manifest = self._read_manifest()
                if manifest is None:
                    return False
                listed = [str(i["file"]) for i in manifest["segments" if kind == "seg" else "vocab"]]
                at = next((i for i in range(len(listed)) if listed[i : i + len(sources)] == sources), None)
                if at is None:
                    return False  # another merge took these: ours is not needed
                chunks = [str(i["file"]) for i in manifest["vocab"]]
                segments = [
                    LiveSegment(seg, str(i["file"]), frozenset(map(str, i.get("deleted", []))), listed=True)
                    for i in manifest["segments"]
                    for seg in [self._open_file(str(i["file"]), vocab=False)]
                    if isinstance(seg, Segment)
                ]
            except (DamagedIndex, FileNotFoundError):
                return False
            self._files[name] = merged
            if kind == "seg":
                assert isinstance(merged, Segment)
                # Documents tombstoned since the merge began are tombstoned in the merged segment.
                since: set[str] = set()
                for ls, before in zip(segments[at : at + len(sources)], snapshot):
                    since |= ls.deleted - before
                replacement = (
                    [LiveSegment(merged, name, frozenset(since & merged.doc_ids), listed=True)] if merged.slots else []
                )
                segments[at : at + len(sources)] = replacement
            else:
                chunks[at : at + len(sources)] = [name]
            generation = int(manifest["generation"]) + 1
            self._write_manifest(generation, chunks, segments)
            if not (self.pending or self.removed or self._unsaved):
                with contextlib.suppress(DamagedIndex):
                    self._load()
            return True

    # -- derived arrays, computed once per committed index ---------------------------------
    def _get(self, name: str) -> Any:
        found = self._derived.get(name)
        if found is not None:
            return found
        view = self.view
        if name == "df":
            # (the first search of an index counts the words it asks about; later ones, every word at once)
            found = view.df(view.vocab_size) if view.warm else DocFreq(view)
        elif name == "norm":
            avg = view.average_length()
            found = bm25_norms(view.lengths().astype(np.float32), avg) if view.warm else Norms(view, avg)
        elif name == "kinds":
            found = np.array([fold(d.kind) for d in view.docs], dtype=object)
        self._derived[name] = found
        return found

    # -- expanding query words ------------------------------------------------------------
    def _fuzzy_terms(self, word: str, k: int) -> dict[int, int]:
        """Vocabulary words within `k` edits (OSA) of `word`: id -> distance."""
        keys = np.array(sorted({hash_string(d) for d in deletes(word[:TYPO_PREFIX], k)}), np.uint32)
        found: dict[int, int] = {}
        words = self.view.words
        n = len(word)
        for term_id in self.view.typo_terms(keys).tolist():
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
        ids = self.view.words_from(prefix)
        if not len(ids):
            return np.zeros(0, np.int64)
        df: np.ndarray = self._get("df")[ids]
        if limit is not None and len(ids) > limit:
            # The most frequent, ties going to the first in alphabetical order: which words a prefix
            # completes to must not depend on the order the library met them (their ids).
            kth = np.partition(df, len(df) - limit)[len(df) - limit]
            above = np.flatnonzero(df > kth)
            tied = np.flatnonzero(df == kth)
            if len(above) + len(tied) > limit:
                words = self.view.words
                tied = np.array(sorted(tied.tolist(), key=lambda i: words[int(ids[i])])[: limit - len(above)], np.int64)
            top = np.concatenate([above, tied])
            ids, df = ids[top], df[top]
        ids = ids[df > 0]
        exact = self.view.word_id(prefix)
        if exact is not None:
            ids = ids[ids != exact]
        return ids.astype(np.int64)

    def _fuzzy_completions(self, prefix: str, limit: int) -> list[int]:
        """Words that begin with `prefix` give or take one typo (for the word being typed)."""
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
        for variant in sorted(variants):  # in a set's order, which completions are kept would vary by run
            if len(variant) < 3:
                continue
            if self.view.has_word_from(variant):
                found.extend(self._completions(variant, 4))
                if len(found) >= limit:
                    break
        return found

    def _other_forms(self, word: str) -> list[int]:
        """Ids of words that may be another form of `word` (see `other_form`), the most frequent first."""
        stem = forms_stem(word)
        if stem is None:
            return []
        ids = self.view.words_from(stem)
        df: np.ndarray = self._get("df")[ids] if len(ids) else np.zeros(0, np.int64)
        ids, df = ids[df > 0], df[df > 0]
        if len(ids) > FORMS_LOOKED_AT:
            # (a common stem: the most frequent words beginning with it, all those as frequent as the last kept)
            kth = np.partition(df, len(df) - FORMS_LOOKED_AT)[len(df) - FORMS_LOOKED_AT]
            ids, df = ids[df >= kth], df[df >= kth]
        words = self.view.words
        # The most frequent first, ties in alphabetical order: which forms count must not depend on the order the
        # library met the words (their ids).
        ranked = sorted(zip((-df).tolist(), (words[int(i)] for i in ids), ids.tolist()))[:FORMS_LOOKED_AT]
        return [i for _, w, i in ranked if other_form(word, w)][:MAX_OTHER_FORMS]

    def _live_id(self, word: str) -> int | None:
        """The id of `word` if a live passage holds it (the vocabulary keeps words of removed documents)."""
        found = self.view.word_id(word)
        if found is None:
            return None
        df = self._get("df")
        return found if found < len(df) and df[found] > 0 else None

    @staticmethod
    def _alive(df: DocFreq | np.ndarray, terms: Iterable[int]) -> set[int]:
        """Which of `terms` a live passage holds (their frequencies asked for at once)."""
        ids = np.fromiter((t for t in terms if t < len(df)), np.int64)
        return set(ids[df[ids] > 0].tolist()) if len(ids) else set()

    def _expand(self, word: str, prefix: bool) -> tuple[np.ndarray, np.ndarray]:
        """(word ids, how much each counts) for one query word."""
        key = (word, prefix, False)
        cached = self._expansions.get(key)
        if cached is not None:
            self._expansions.move_to_end(key)
            return cached
        df = self._get("df")
        weights: dict[int, float] = {}
        exact = self._live_id(word)
        if exact is not None:
            weights[exact] = EXACT
        k = max_edits(word)
        if k:
            near = self._fuzzy_terms(word, k)
            alive = self._alive(df, near)
            for term_id, d in near.items():
                if term_id in alive:
                    weights.setdefault(term_id, FUZZY_1 if d <= 1 else FUZZY_2)
        elif len(word) == 3:
            # A three-letter word may be a longer one missing a letter ("yng") or with two swapped:
            # weaker matches, but without them such queries find nothing.
            near = self._fuzzy_terms(word, 1)
            alive = self._alive(df, near)
            for term_id in near:
                candidate = self.view.words[term_id]
                if term_id in alive and (len(candidate) == 4 or sorted(candidate) == sorted(word)):
                    weights.setdefault(term_id, FUZZY_2)
        if prefix:
            for term_id in self._completions(word, MAX_COMPLETIONS):
                weights.setdefault(term_id, PREFIX)
            if len(word) >= 4 and exact is None and len(weights) < 3:
                for term_id in self._fuzzy_completions(word, 12):
                    weights.setdefault(term_id, FUZZY_PREFIX)
        for term_id in self._other_forms(word):
            weights.setdefault(term_id, OTHER_FORM)
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
            table = self._derived["speaker_words"] = speaker_word_table(
                self._speaker_groups(), self.view.speaker_numbers
            )
        if len(word) < 2:
            return np.zeros(0, np.int32), 0.0
        cache = self._derived.setdefault("speaker_word_cache", {})
        cached: tuple[np.ndarray, float] | None = cache.get((word, prefix))
        if cached is None:
            in_vocabulary = len(word) >= 5 and self._live_id(word) is not None
            cached = cache[(word, prefix)] = match_speaker_word(table, word, prefix, in_vocabulary)
        return cached

    # -- facets -----------------------------------------------------------------------------
    def _speaker_numbers_for(self, value: str) -> set[int]:
        """Index speaker numbers of the speaker(s) `value` names (name or alias, fuzzy)."""
        folded = speaker_keys_named(value, self._speaker_groups(), self.view.speakers)
        return {i for name, i in self.view.speaker_numbers.items() if name_key(name) in folded}

    def _speaker_groups(self) -> list[list[str]]:
        """Each person's name and aliases, from the speaker list given (none without one).

        While library.json is the one the index was last found in step with, from that note.
        """
        if self.speakers is None:
            return []
        note = self._note
        if note is not None and self._library_fingerprint() == note.library:
            return [list(group) for group in note.speakers]
        return [[s.name, *s.aliases] for s in self.speakers()]

    def _doc_numbers_for(self, value: str) -> set[int]:
        """The documents a `doc:` value names (by corpus.document_ref's rule), else the one most like it."""
        docs = self.view.docs
        titles = [d.title for d in docs]
        found = documents_named(value, [d.id for d in docs], [(t,) for t in titles])
        return set(found or documents_like(value, titles, limit=1, cutoff=70))

    def _facet_mask(self, facets: dict[str, list[str]]) -> np.ndarray | None:
        """Passages the facets allow (None: all); an all-False mask when a facet matches nothing."""
        view = self.view
        mask: np.ndarray | None = None

        def narrow(allowed: np.ndarray) -> None:
            nonlocal mask
            mask = allowed if mask is None else mask & allowed

        if facets.get("speaker"):
            numbers: set[int] = set()
            for value in facets["speaker"]:
                numbers |= self._speaker_numbers_for(value)
            narrow(np.isin(view.slot_speaker(), np.array(sorted(numbers), np.int32)))
        if facets.get("doc"):
            numbers = set()
            for value in facets["doc"]:
                numbers |= self._doc_numbers_for(value)
            narrow(np.isin(view.slot_doc(), np.array(sorted(numbers), np.int32)))
        if facets.get("kind"):
            kinds = self._get("kinds")
            values = [fold(v) for v in facets["kind"]]
            numbers = {i for i, k in enumerate(kinds) if any(v and (k == v or k.startswith(v)) for v in values)}
            narrow(np.isin(view.slot_doc(), np.array(sorted(numbers), np.int32)))
        if facets.get("tag"):
            allowed = self._tag_mask(facets["tag"])
            if allowed is not None:
                narrow(allowed)
        for facet, attribute in (("role", "role"), ("from", "affiliation")):
            if facets.get(facet):
                numbers = set()
                for value in facets[facet]:
                    numbers |= self._people_numbers_for(attribute, value)
                narrow(np.isin(view.slot_speaker(), np.array(sorted(numbers), np.int32)))
        return mask

    def _people_numbers_for(self, attribute: str, value: str) -> set[int]:
        """Index speaker numbers of the people whose `attribute` (role, affiliation) `value` names
        (see `people_keys_named`)."""
        folded = people_keys_named(attribute, value, self.speakers() if self.speakers is not None else [])
        return {i for name, i in self.view.speaker_numbers.items() if name_key(name) in folded}

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
        allowed = np.zeros(self.view.slots, dtype=bool)
        for passage_id in ids:
            slot = self.view.slot_of(passage_id)
            if slot is not None:
                allowed[slot] = True
        return allowed

    def _containing(self, words: list[str]) -> np.ndarray:
        """Passages holding every one of `words` exactly."""
        view = self.view
        result = np.ones(view.slots, dtype=bool)
        for word in words:
            term = self.view.word_id(word)
            has = np.zeros(view.slots, dtype=bool)
            if term is not None:
                has[view.postings(np.array([term]))[0]] = True
            result &= has
        return result

    def warm_up(self) -> None:
        """Build the arrays over the whole index that searches per keystroke read (see IndexView.warm) now,
        rather than in the second search, which they made 50-140 ms slower at a million passages.

        For a caller with time to spare before searches come (the app, in a worker, once the library is
        read): searches meanwhile are answered as a first search is, without waiting for it.
        """
        with self.lock:
            self._refresh()
            view = self.view
            if view.warm or view.warming or not view.live_slots:
                return
            view.warming = True
        try:
            view.prepare_warm()
            df = view.df(view.vocab_size)
            norm = bm25_norms(view.lengths().astype(np.float32), view.average_length())
        finally:
            view.warming = False
        with self.lock:
            if self.view is view and not view.warm:
                view.warm = True
                self._derived["df"], self._derived["norm"] = df, norm

    def unmatched_facets(self, query: str, *, speaker: str | None = None, doc: str | None = None) -> list[str]:
        """One line for each `speaker:` or `doc:` value that names nobody and nothing, with the closest
        names or titles; so "no matches" can say why ("no speaker 'nobodyxyz'; closest: ...")."""
        with self.lock:
            self._refresh()
            speakers, docs = facet_values(query, speaker, doc)
            names = sorted({n for g in self._speaker_groups() for n in g} | set(self.view.speakers))
            return unmatched_lines(
                [v for v in speakers if not self._speaker_numbers_for(v)],
                [v for v in docs if not self._doc_numbers_for(v)],
                names,
                [d.title for d in self.view.docs],
                unclosed=parse_query(query if isinstance(query, str) else "").unclosed,
            )

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
        view = self.view
        if view.live_slots == 0 or limit <= 0 or q.asks_nothing:
            return []
        if view.searches and not view.warm and not view.warming:
            # A second search: from now on the arrays over the whole index (see IndexView.warm).
            view.warm = True
            self._derived.pop("df", None)
            self._derived.pop("norm", None)
        view.searches += 1
        mask = self._facet_mask(q.facets)
        live = view.live()
        if live is not None:
            mask = live if mask is None else mask & live
        for words in q.excluded:
            outside = ~self._containing(words)
            mask = outside if mask is None else mask & outside
        for phrase in q.phrases:
            inside = self._containing(phrase)
            mask = inside if mask is None else mask & inside
        if q.is_empty:
            slots = np.flatnonzero(mask)[:limit] if mask is not None else np.arange(min(limit, view.slots))
            return [self._hit(int(s), 0.0, None) for s in slots]
        return self._ranked(q, mask, limit)

    def meaning_scope(
        self,
        query: str,
        *,
        speaker: str | None = None,
        doc: str | None = None,
        kind: str | None = None,
        tag: str | None = None,
    ) -> tuple[str, np.ndarray | None, IndexView]:
        """For meaning search (corpus.meaning): the query's words, the slots its facets and exclusions allow
        (None: all live ones), and the view those slots are of."""
        with self.lock:
            self._refresh()
            q = parse_query(query if isinstance(query, str) else "")
            for name, value in (("speaker", speaker), ("doc", doc), ("kind", kind), ("tag", tag)):
                if value and value.strip():
                    q.facets.setdefault(name, []).append(value.strip())
            mask = self._facet_mask(q.facets)
            live = self.view.live()
            if live is not None:
                mask = live if mask is None else mask & live
            for words in q.excluded:
                outside = ~self._containing(words)
                mask = outside if mask is None else mask & outside
            return " ".join(q.all_words()), mask, self.view

    def meaning_hit(self, view: IndexView, slot: int, score: float) -> Hit:
        """The hit of `slot` in `view` (from `meaning_scope`), found by meaning."""
        with self.lock:
            current, self.view = self.view, view
            try:
                hit = self._hit(slot, score, None)
            finally:
                self.view = current
        hit.match = "meaning"
        return hit

    def _ranked(self, q: Query, mask: np.ndarray | None, limit: int) -> list[Hit]:
        view = self.view
        n = view.slots
        live_n = view.live_slots
        words = q.all_words()
        last = q.words[-1] if q.prefix and q.words else None
        expansions = []
        for word in words:
            in_phrase_only = word not in q.words
            terms, quality = self._expand(word, prefix=(word == last))
            if in_phrase_only:
                keep = self.view.word_id(word)
                sel = terms == keep if keep is not None else np.zeros(len(terms), bool)
                terms, quality = terms[sel], quality[sel]
            expansions.append((terms, quality))
        # Stage 1: BM25 over the postings of every expansion; more query words matched ranks first.
        df = self._get("df")
        norm = self._get("norm")
        by_speaker: list[tuple[np.ndarray | None, float]] = []
        for word in words:
            numbers, named = (
                self._speakers_matching_word(word, prefix=(word == last))
                if word in q.words
                else (np.zeros(0, np.int32), 0.0)
            )
            by_speaker.append((self._speaker_slots(numbers) if len(numbers) else None, named))
        typed_short = last is not None and len(last) <= 2 and len(words) > 1
        # Each scoring word's postings as (slot, weight), or the passages of a speaker it names.
        scoring: list[tuple[tuple[np.ndarray, np.ndarray] | None, np.ndarray | None, float]] = []
        for word, (terms, quality), (spoke, spoke_quality) in zip(words, expansions, by_speaker):
            if typed_short and word == last:
                continue
            if spoke is not None:
                found = self._word_postings(terms, quality, live_n, df, norm) if len(terms) else None
                scoring.append((found, spoke, spoke_quality))
                continue
            if not len(terms):
                continue
            if word == last:
                rare = (quality != PREFIX) | (df[terms] <= COMMON_COMPLETION_SHARE * live_n)
                if rare.any():
                    terms, quality = terms[rare], quality[rare]
                if len(word) <= 2:
                    terms, quality = self._within_budget(terms, quality, df, live_n)
            scoring.append((self._word_postings(terms, quality, live_n, df, norm), None, 0.0))
        if not scoring:
            return []
        # Scores are kept only for the passages some word reaches (and the facets allow): at a million
        # passages, arrays over every slot cost more in memory traffic than the scoring itself.
        touched = np.zeros(n, dtype=bool)
        for found, spoke, _ in scoring:
            if found is not None:
                touched[found[0]] = True
            if spoke is not None:
                touched |= spoke
        if mask is not None:
            touched &= mask
        universe = np.flatnonzero(touched)
        m = len(universe)
        if not m:
            return []
        # Each slot's place in the universe; postings of passages left out (by the facets) go to a last,
        # extra place that is then dropped.
        at = np.full(n, m, np.int32)
        at[universe] = np.arange(m, dtype=np.int32)
        score = np.zeros(m, np.float64)
        count = np.zeros(m, np.int16)
        for found, spoke, spoke_quality in scoring:
            bm25 = np.bincount(at[found[0]], weights=found[1], minlength=m + 1)[:m] if found is not None else None
            if spoke is not None:
                word_score: np.ndarray = spoke[universe] * (2.0 * spoke_quality)
                if bm25 is not None:
                    word_score = np.maximum(word_score, bm25)
            else:
                assert bm25 is not None
                word_score = bm25
            score += word_score
            count += word_score > 0
        key = count * 1000.0 + np.minimum(score, 999.0)
        matched = np.flatnonzero(key)
        if not len(matched):
            return []
        k = min(len(matched), RESCORE_PHRASE if q.phrases else RESCORE)
        # The best k among the matched passages, in slot order: the order segments are read in.
        picked = np.sort(matched[np.argpartition(-key[matched], k - 1)[:k]]) if k < len(matched) else matched
        candidates = universe[picked]
        if last is not None:
            # Re-scoring may look at every word the last one begins, not only the most frequent.
            j = words.index(last)
            more = self._completion_ids(last, None)
            if len(more) > len(expansions[j][0]):
                expansions[j] = (
                    np.concatenate([expansions[j][0], more]),
                    np.concatenate([expansions[j][1], np.full(len(more), PREFIX, np.float32)]),
                )
        spoken = [(spoke[candidates] if spoke is not None else None, quality) for spoke, quality in by_speaker]
        return self._rescore(q, words, expansions, candidates, score[picked], limit, spoken)

    @staticmethod
    def _within_budget(
        terms: np.ndarray, quality: np.ndarray, df: DocFreq | np.ndarray, live_n: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """For a query of one or two letters alone, the first pass takes its most frequent completions only
        up to SHORT_PREFIX_BUDGET of the passages: "s" alone would otherwise score a third of a large
        library for ten results (re-scoring still counts every completion)."""
        order = np.argsort(-df[terms], kind="stable")
        within = np.cumsum(df[terms][order]) <= max(SHORT_PREFIX_BUDGET * live_n, SHORT_PREFIX_MIN)
        within[0] = True
        within |= quality[order] == EXACT  # the word itself always counts
        keep = np.sort(order[within])
        return terms[keep], quality[keep]

    def _speaker_slots(self, numbers: np.ndarray) -> np.ndarray:
        """Which slots are turns of the speakers `numbers` (kept for the index's life: typing repeats them)."""
        key = ("speaker_slots", tuple(numbers.tolist()))
        found = self._derived.get(key)
        if found is None:
            found = self._derived[key] = np.isin(self.view.slot_speaker(), numbers)
        return found

    def _word_postings(
        self, terms: np.ndarray, quality: np.ndarray, live_n: int, df: DocFreq | np.ndarray, norm: Norms | np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """(slot, BM25 weight) of every posting of one query word's expansions, each weighted by how exact it is.

        `live_n` passages are live (the idf's N).
        """
        idf = bm25_idf(df[terms], live_n)
        slots, tf_raw, which = self.view.postings(terms)
        tf = tf_raw.astype(np.float32)
        return slots, (idf * quality)[which] * bm25_tf(tf, norm[slots])

    def _rescore(
        self,
        q: Query,
        words: list[str],
        expansions: list[tuple[np.ndarray, np.ndarray]],
        candidates: np.ndarray,
        rel: np.ndarray,
        limit: int,
        by_speaker: list[tuple[np.ndarray | None, float]],
    ) -> list[Hit]:
        """Order candidates by words matched, exactness, adjacency in query order, then BM25 (see `sequence_scores`).

        `rel` holds the candidates' BM25 and `by_speaker`, for each query word, which candidates are
        turns of a speaker it names."""
        tokens, lens = self.view.tokens_of(candidates)
        phrases = [[-1 if i is None else i for i in (self.view.word_id(w) for w in phrase)] for phrase in q.phrases]
        scored = sequence_scores(expansions, self.view.vocab_size, tokens, lens, rel, by_speaker, phrases)
        if scored is None:
            return []
        final, lut_word, lut_quality, best_possible = scored
        order = np.lexsort((candidates, -final))
        order = order[final[order] >= 0][:limit]
        highlight = Highlight(lut_word, lut_quality, tuple(map(tuple, phrases)), phrase_only(q, words))
        return [
            self._hit(int(candidates[i]), round(min(1.0, float(final[i]) / best_possible), 4), highlight) for i in order
        ]

    def _hit(self, slot: int, score: float, highlight: Highlight | None) -> Hit:
        view = self.view
        seg, local = view.locate(slot)
        entry = seg.docs[int(seg.arrays["slot_doc"][local])]
        text = seg.text_of(local)
        speaker_no = view.speaker_of(slot)
        start = float(seg.arrays["slot_start"][local])
        hit = _IndexHit(
            passage=seg.passage_id(local),
            document=entry.id,
            speaker=view.speakers[speaker_no] if speaker_no >= 0 else None,
            text=text,
            score=score,
            spans=[],
            title=entry.title,
            index=int(seg.arrays["slot_index"][local]),
            start=None if math.isnan(start) else start,
        )
        if highlight is not None:
            hit._spans = None  # found when first read
            hit._where = (seg.arrays, view.words, local, highlight)
        return hit


class _IndexHit(Hit):
    """A hit whose `spans` are worked out the first time they are read.

    A result list shows a screenful of a hundred hits, so finding the matched
    words of the rest would be wasted on every keystroke; what a caller reads
    (the screen's visible rows, or every hit for --json) is found on demand,
    from the index data the search used.
    """

    _where: tuple[dict[str, np.ndarray], Any, int, Highlight] | None = None
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


@dataclass(frozen=True)
class Highlight:
    """What finds a hit's matched words: each word id's query word (-1: none) and how well it matches
    (sequence_scores' tables), each phrase's word ids in order (as exactly as a search requires them), and
    the query words asked for only in phrases, which are highlighted only where their phrase stands."""

    lut_word: np.ndarray
    lut_quality: np.ndarray
    phrases: tuple[tuple[int, ...], ...] = ()
    phrase_only: frozenset[int] = frozenset()


def phrase_only(q: Query, words: list[str]) -> frozenset[int]:
    """For Highlight: the positions in `words` (the query's words, q.all_words()) of the words that appear in
    phrases only."""
    loose = set(q.words)
    return frozenset(j for j, w in enumerate(words) if w not in loose)


def phrase_starts(tokens: np.ndarray, ids: Sequence[int]) -> np.ndarray:
    """For each place a run of len(ids) tokens can start, whether the run is `ids` exactly (needs
    len(tokens) >= len(ids) >= 1)."""
    m = len(ids)
    run: np.ndarray = tokens[: len(tokens) - m + 1] == ids[0]
    for offset in range(1, m):
        run &= tokens[offset : len(tokens) - m + 1 + offset] == ids[offset]
    return run


def _phrase_places(tokens: np.ndarray, phrases: tuple[tuple[int, ...], ...]) -> np.ndarray:
    """Token positions that are part of an occurrence of one of `phrases` (word ids, exactly)."""
    inside = np.zeros(len(tokens), bool)
    for phrase in phrases:
        if not phrase or len(phrase) > len(tokens) or min(phrase) < 0:
            continue
        starts = np.flatnonzero(phrase_starts(tokens, phrase))
        for i in range(len(phrase)):
            inside[starts + i] = True
    return inside


def _matched_spans(
    arrays: dict[str, np.ndarray], words: Any, slot: int, highlight: Highlight, text: str
) -> list[list[int]]:
    """Character spans of the passage's words that matched a query word (the best match of each word), and
    of its phrases where they stand (not every "the" of "the models that work").

    The forward index holds the passage's words in text order, one per
    token of corpus.words (tokens that normalise to nothing aside), so the matched
    positions come from the ids and the offsets from one regex pass over the
    text up to the last matched word.
    """
    tokens = arrays["tokens"][int(arrays["tok_off"][slot]) : int(arrays["tok_off"][slot + 1])]
    # For each query word, only its best match here: "aid" found as itself is highlighted,
    # not also "paid" (a one-letter variant that counts only where nothing better is there).
    which = highlight.lut_word[tokens]
    quality = highlight.lut_quality[tokens]
    matched = which >= 0
    in_phrases = _phrase_places(tokens, highlight.phrases) if highlight.phrases else None
    if in_phrases is not None and highlight.phrase_only:
        # A word asked for only inside a phrase counts where the phrase stands, and only there.
        alone = np.isin(which, np.fromiter(highlight.phrase_only, np.int64)) & ~in_phrases
        matched &= ~alone
        which = np.where(matched, which, -1)
    best = np.zeros(int(which.max()) + 1 if matched.any() else 1, np.float32)
    np.maximum.at(best, which[matched], quality[matched])
    picked = np.flatnonzero(matched & (quality >= best[np.maximum(which, 0)] - 1e-6))
    if in_phrases is not None:
        # Every occurrence of a phrase, not only the best-matching word of each of its words.
        picked = np.union1d(picked, np.flatnonzero(in_phrases))
    if not len(picked):
        return []
    wanted_at = picked.tolist()
    unspaced = has_unspaced(text)
    if unspaced:
        # Chinese or Japanese: tokens are overlapping pairs of characters, whose spans are merged below.
        cut = ((s, e) for s, e, t in text_tokens(text) if normalize_word(t))
        spans = list(islice(cut, wanted_at[-1] + 1))
    else:
        matches: Iterable[re.Match[str]] = WORD_RE.finditer(text)
        if "_" in text:  # rare: skip the tokens that normalise to nothing, as indexing did
            matches = (m for m in matches if "_" not in m.group() or normalize_word(m.group()))
        spans = [m.span() for m in islice(matches, wanted_at[-1] + 1)]
    if len(spans) == wanted_at[-1] + 1 and all(
        normalize_word(text[spans[k][0] : spans[k][1]]) == words[int(tokens[k])] for k in wanted_at
    ):
        found = [list(spans[k]) for k in wanted_at]
    else:
        # The text and the forward index disagree (should not happen): match the words themselves.
        wanted = {words[int(t)] for t in tokens[picked]}
        found = [[s, e] for s, e, w in word_spans(text) if w in wanted]
    return merge_spans(found) if unspaced else found


def merge_spans(spans: list[list[int]]) -> list[list[int]]:
    """`spans` (in text order) with those that overlap or touch made one: the pairs "赤字" and "字で" of
    a Chinese or Japanese match are highlighted as one "赤字で", not twice."""
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
