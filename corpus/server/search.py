"""Word search on a shared archive: the local engine's query language and ranking, answered in PostgreSQL.

The tables (migration 002_search.sql):

- `sayso.passage_words`: one row per live passage, its words as a tsvector
  built by sayso from the local index's words (corpus.words, cut and folded by
  corpus.searchindex's tokeniser), so PostgreSQL's parser never cuts a word
  otherwise.  No word has its places (a repeated word has as many positions as
  it is found, for ranking); phrases and proximity are checked on the
  candidates' text, as the local engine checks them;
- `sayso.vocabulary`: every word and how many passages hold it, with a
  trigram index (pg_trgm) for near spellings and a pattern index for prefixes;
- `sayso.indexed`: which version of each document is indexed, in the order
  documents were indexed, with its passages, words and speakers.

They change inside the library's transaction (`add_document`,
`remove_document`), so a search sees a document whole or not at all.  New
words come in with their document; how many passages hold each word is
counted once per import (`save`, which the library calls after importing),
as the local index saves once per import.

How a query is answered (corpus.search describes the local engine; the rules
are the same, and where they can be, the same functions):

1. `corpus.query.parse_query` reads words, "phrases", -exclusions and facets.
2. Each word is expanded through the vocabulary: itself, the words within one
   or two edits (OSA, as `max_edits` allows), found through the trigram index
   with a similarity no such word can fall below (`near_spelling_search`),
   other forms of it (`corpus.search.other_form`), and for the word being
   typed its most frequent completions.  A word of the
   query may also name a speaker (`match_speaker_word`).
3. Candidates come from the GIN index (one bitmap per spelling, ORed per word
   and ANDed across words by the planner), the facets, phrases and
   exclusions applied in the same statement: passages holding every word in
   its most exact spellings, then in any spelling (or said by the speaker a
   word names), then all words but one, and so on, then one word, spelling by
   spelling; each set ranked by BM25 as SQL (each spelling's weight, what
   ts_rank says of how often it is found, the passage's length), or, for a
   set too large to rank whole, only its shortest passages (BM25 favours
   them).  About as many candidates as the local engine re-scores.
4. The candidates are scored in Python as locally: BM25 of each spelling
   weighted by how exact it is, then `corpus.search.sequence_scores` (words
   matched, exactness, adjacency, who said it); equal scores keep the order
   documents were indexed in.  Hits carry the spans of the matched words,
   found when first read, as local hits do.

A search reads one snapshot (a read-only repeatable-read transaction): a
document being re-imported or removed meanwhile is either wholly there or not.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import math
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sayso.corpus.document_ref import documents_like, documents_named, unmatched_lines
from sayso.corpus.errors import ArchiveNotReady, SaysoError
from sayso.corpus.fuzzy import osa_distance
from sayso.corpus.identity import name_key
from sayso.corpus.models import Document, Hit, Passage, PassageTable
from sayso.corpus.query import Query, facet_values, parse_query
from sayso.corpus.search import (
    _ALPHABET,
    COMMON_COMPLETION_SHARE,
    EXACT,
    FORMS_LOOKED_AT,
    FUZZY_1,
    FUZZY_2,
    FUZZY_PREFIX,
    K1,
    MAX_COMPLETIONS,
    MAX_OTHER_FORMS,
    OTHER_FORM,
    PREFIX,
    RESCORE,
    RESCORE_PHRASE,
    SHORT_PREFIX_BUDGET,
    SHORT_PREFIX_MIN,
    B,
    Highlight,
    _IndexHit,
    bm25_idf,
    bm25_norms,
    bm25_tf,
    forms_stem,
    match_speaker_word,
    max_edits,
    other_form,
    people_keys_named,
    phrase_only,
    sequence_scores,
    speaker_keys_named,
    speaker_word_table,
)
from sayso.corpus.server.pg import BULK_LOCK, Server, Session, copy_rows, statement
from sayso.corpus.server.words import lexeme, passage_words, search_words
from sayso.corpus.sources import SpeakerList, TagLookup, Warn
from sayso.corpus.words import fold

log = logging.getLogger(__name__)

#: The least trigram similarity one search for a word's spellings two edits away may go down to (lower, and
#: the index offers most of the vocabulary to check).
WIDE_ENOUGH = 0.18
_KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"
_PLAIN = re.compile(r"[a-z0-9]+")
#: The highest code point: `prefix || it` bounds every word beginning with `prefix` (a range scan).
_LAST_CHAR = "\U0010ffff"
#: Candidates re-scored, as a share of what the local engine re-scores (RESCORE).
EXTRA_CANDIDATES = 1.0
#: How a search's transaction is planned: its statements are answered from the indexes' bitmaps (the planner,
#: not knowing what a tsquery costs per row, would sometimes read every passage, or walk the passages in
#: length order testing each, instead); bitmaps of large candidate sets stay exact; no JIT compiling (tens of
#: milliseconds, for statements that take a few).
SEARCH_SETTINGS = {"enable_seqscan": "off", "enable_indexscan": "off", "work_mem": "32MB", "jit": "off"}
#: Spellings whose presence the SQL rank weighs (the heaviest; re-scoring weighs them all).
RANK_TERMS = 10
#: Candidate sets expected larger than this are not ranked whole: their shortest passages are (see
#: `ServerSearch._pick`), about SHORTEST_SHARE times as many as are wanted.
FULL_RANK_ROWS = 3000
SHORTEST_SHARE = 1.5
#: An import of at least this many files, and of at least as many as the archive holds, builds the word index
#: once at its end instead of keeping it up to date document by document (about half the work: see
#: migrations/003_bulk_import.sql).
BULK_MIN_FILES = 20
#: Passage lengths sampled to know where the shortest passages end (kept while the archive does not change).
LENGTH_SAMPLE = 2000


def _any_of(words: Iterable[str]) -> str:
    """A tsquery matching any of `words`."""
    return " | ".join(f"'{lexeme(w)}'" for w in words)


def _all_of(parts: Iterable[str]) -> str:
    return " & ".join(f"( {p} )" for p in parts)


def trigram_key(word: str) -> str | None:
    """What the trigram index holds for a word that is not lower-case ASCII letters and digits (None for one that
    is): each other character stands as one of those, chosen by its code point.

    pg_trgm cuts words at characters it does not count as letters, which depends on the database's locale
    (in the C locale, every non-ASCII letter): a key of one character per character keeps every word whole
    and its trigrams countable.  Two characters may share a stand-in, so a key finds a few words too
    many (the edit distance of the words themselves decides), never too few.
    """
    if _PLAIN.fullmatch(word):
        return None
    return "".join(ch if ch in _KEY_CHARS else _KEY_CHARS[ord(ch) % len(_KEY_CHARS)] for ch in word)


def _trigrams(word: str) -> int:
    """How many distinct trigrams pg_trgm takes from a word of lower-case ASCII letters and digits."""
    padded = f"  {word} "
    return len({padded[i : i + 3] for i in range(len(padded) - 2)})


def transpositions(word: str) -> set[str]:
    """`word` with two adjacent letters swapped, each way it can be."""
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1) if word[i] != word[i + 1]}


def similarity_floor(word: str, changed: int, longer: int) -> float:
    """The least trigram similarity (pg_trgm's) with `word` of a word at most `longer` letters longer that
    lost at most `changed` of its trigrams; 0 where nothing is known (then every word sharing a trigram
    is a candidate).

    A substitution or a deletion changes at most 3 of a word's trigrams (those holding the letter), an
    insertion 2 and a transposition 4: a word within k edits other than transpositions shares at least
    t - 3k of the t trigrams of `word`, and has at most len + longer + 1 of its own.  `word` is a trigram
    key (see `trigram_key`).
    """
    t = _trigrams(word)
    shared = t - changed
    if shared <= 0:
        return 0.0
    return shared / (t + len(word) + longer + 1 - shared) - 1e-6


def near_spelling_search(word: str, k: int) -> tuple[list[list[tuple[str, int, int, float]]], set[str]]:
    """How to find every word within `k` edits (OSA) of `word` through the trigram index: (groups of trigram
    searches for words (around: a trigram key, shortest, longest, least similarity), exact words to look up).

    A short word may share no trigram with a transposition of it, so transpositions (and for two edits,
    two of them) are looked up as words; any other word within reach lost at most 3 trigrams per edit.
    A transposition and another edit (at most 7 trigrams): in a long word, one search still has a useful
    floor (WIDE_ENOUGH); in a shorter one, the words one edit from each transposition (a group of searches of
    their own, at a higher similarity).  A three-letter word (no typos forgiven locally but a
    missing letter or a swap) is searched for the four-letter words one insertion away.
    """
    n = len(word)
    swapped = transpositions(word)
    key = trigram_key(word) or word
    if k == 0:
        return [[(key, 4, 4, similarity_floor(key, 2, 1))]], swapped
    exact = set(swapped)
    if k >= 2:
        for variant in swapped:
            exact |= transpositions(variant)
        if similarity_floor(key, 7, k) >= WIDE_ENOUGH:  # a long word: one search covers both cases
            return [[(key, n - k, n + k, similarity_floor(key, 7, k))]], exact - {word}
    groups = [[(key, n - k, n + k, similarity_floor(key, 3 * k, k))]]
    if k >= 2:
        keys = sorted(transpositions(key))
        groups.append([(variant, n - 1, n + 1, similarity_floor(variant, 3, 1)) for variant in keys])
    exact.discard(word)
    return [g for g in groups if g], exact


@dataclass
class _Expansion:
    """One query word's spellings in the vocabulary: word -> how much it counts, and each one's df."""

    word: str
    weights: dict[str, float] = field(default_factory=dict)
    df: dict[str, int] = field(default_factory=dict)
    #: the spellings the first pass scores (the local engine leaves very common completions out of it)
    scoring: dict[str, float] = field(default_factory=dict)
    #: the speakers whose names hold the word, and how exactly
    speakers: list[str] = field(default_factory=list)
    said: float = 0.0
    #: (the word being typed) re-scoring counts every word it begins, not only the spellings above
    all_completions: bool = False


@dataclass
class _Candidate:
    document: str
    idx: int
    speaker: str | None
    text: str
    start: float | None
    title: str
    order: tuple[int, int]


class ServerSearch:
    """The `WordIndex` of a library on an archive (see the module docstring)."""

    def __init__(
        self,
        server: Server,
        *,
        speakers: SpeakerList | None = None,
        tags: TagLookup | None = None,
        warn: Warn | None = None,
    ) -> None:
        self.server = server
        self.speakers = speakers
        self.tags = tags
        self.warn: Warn = warn or logging.getLogger(__name__).warning
        self._lock = threading.Lock()
        self._trgm_schema: str | None = None
        #: words the vocabulary is known to hold (so a document's import inserts only the new ones)
        self._known: set[str] | None = None
        #: documents this process indexed (committed) whose words are not counted in the vocabulary yet,
        #: and their words' passage counts: `save` adds them in one statement
        self._uncounted: set[str] = set()
        self._counts: Counter[str] = Counter()
        #: set when one of them was forgotten before `save` (then `save` counts from the table instead)
        self._counts_stale = False
        #: ((documents, last seq) of the archive, a sample of its passages' lengths, sorted), and the names its
        #: passages are under: read again when that stamp changes
        self._lengths: tuple[tuple[int, int], tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None
        self._speaker_names: tuple[tuple[int, int], list[str]] | None = None
        #: the stamp of the archive as this thread's search found it
        self._stamp = threading.local()

    # -- changing (inside the library's transaction) ---------------------------------------------
    #: each passage's search words, worked out by an import's parse workers (corpus.server.words)
    import_words: Callable[[Sequence[str]], Any] | None = staticmethod(search_words)
    #: (cut before the document's transaction, which then holds the archive's lock for less time)
    import_words_here = True
    #: (hits carry the titles the archive's search read with them, but the library asks its own)
    in_step: str | None = None

    def add_document(
        self, doc: Document, passages: list[Passage] | PassageTable, version: str = "", words: Any = None
    ) -> None:
        """Index a document's passages, replacing any earlier version (inside the caller's transaction).

        New words go into the vocabulary at once (so the document is found by them as soon as it is
        committed); how many passages hold each word is counted by `save`, for the whole import at once.
        `words` is `search_words` of the passages' texts if an import's parse worker made it already.
        """
        if isinstance(passages, PassageTable):
            texts: Sequence[str] = passages.texts
            speakers: Sequence[str | None] = passages.speakers
            indexes: Iterable[int] = range(len(passages))
        else:
            texts = [p.text for p in passages]
            speakers = [p.speaker for p in passages]
            indexes = [p.index for p in passages]
        if not (isinstance(words, tuple) and len(words) == 2 and len(words[0]) == len(texts)):
            words = search_words(texts)
        ready: list[tuple[int, str]] = words[0]
        counts: dict[str, int] = words[1]
        total = 0
        rows = 0

        def words_rows() -> Iterator[tuple[Any, ...]]:
            # Made as COPY sends them: the server takes in (and indexes) one batch while the next is made.
            nonlocal total, rows
            for (length, literal), speaker, idx in zip(ready, speakers, indexes):
                total += length
                rows += 1
                yield (doc.id, version, idx, speaker, length, literal)

        with self.server.write_cursor() as cur:
            known = self._known_words(cur)
            self._forget(cur, doc.id)
            copy_rows(
                cur,
                "COPY sayso.passage_words (document, version, idx, speaker, length, words) FROM STDIN",
                words_rows(),
            )
            new = sorted(counts.keys() - known)  # (a set difference in C: a document has thousands of words)
            if new:
                cur.execute(
                    "INSERT INTO sayso.vocabulary (word, key, df) SELECT w, k, 0 FROM unnest(%s::text[], %s::text[]) "
                    "AS t(w, k) ON CONFLICT (word) DO NOTHING",
                    (new, [trigram_key(w) for w in new]),
                )
            cur.execute(
                "INSERT INTO sayso.indexed (document, version, passages, words, speakers) VALUES (%s, %s, %s, %s, %s)",
                (doc.id, version, rows, total, sorted({s for s in speakers if s})),
            )

        def committed() -> None:
            with self._lock:
                if self._known is not None:
                    self._known.update(new)
                self._uncounted.add(doc.id)
                self._counts.update(counts)

        self.server.after_commit(committed)

    def _known_words(self, cur: Any) -> set[str]:
        with self._lock:
            if self._known is None:
                cur.execute("SELECT word FROM sayso.vocabulary")
                self._known = {r["word"] for r in cur.fetchall()}
            return self._known

    def remove_document(self, doc_id: str) -> None:
        """Forget a document's words (nothing happens if it is not indexed)."""
        with self.server.write_cursor() as cur:
            self._forget(cur, doc_id)

    def _forget(self, cur: Any, doc_id: str) -> None:
        """Drop a document's indexed passages, and its words from the vocabulary's counts if they were counted."""
        cur.execute("DELETE FROM sayso.indexed WHERE document = %s RETURNING counted", (doc_id,))
        row = cur.fetchone()
        if row is None:
            return
        if not row["counted"]:
            cur.execute("DELETE FROM sayso.passage_words WHERE document = %s", (doc_id,))
            if doc_id in self._uncounted:
                self.server.after_commit(self._stale_counts)
            return
        cur.execute(
            "WITH gone AS (DELETE FROM sayso.passage_words WHERE document = %s RETURNING words), "
            "counted AS (SELECT lexeme, count(*) AS n FROM gone, unnest(tsvector_to_array(gone.words)) AS lexeme "
            "WHERE left(lexeme, 1) <> ' ' GROUP BY lexeme) "
            "UPDATE sayso.vocabulary v SET df = v.df - c.n FROM counted c WHERE v.word = c.lexeme",
            (doc_id,),
        )

    def _stale_counts(self) -> None:
        with self._lock:
            self._counts_stale = True

    def save(self) -> None:
        """Count the words of the documents indexed since the last save in the vocabulary (one statement for a
        whole import), drop the words no passage holds any more; and index what the archive holds but the
        index lacks (documents imported before the archive had word search, or by a path that did not index
        them, or marked `stale`: indexed before Chinese and Japanese were cut in pairs of characters, schema 6),
        forgetting what it no longer holds.  The caller holds the library's lock."""
        with self.server.write_cursor() as cur:
            cur.execute(
                "SELECT f.document, f.version FROM sayso.files f "
                "LEFT JOIN sayso.indexed i ON i.document = f.document "
                "WHERE i.version IS DISTINCT FROM f.version OR i.stale"
            )
            stale = [(r["document"], r["version"]) for r in cur.fetchall()]
            cur.execute("SELECT document FROM sayso.indexed EXCEPT SELECT document FROM sayso.files")
            gone = [r["document"] for r in cur.fetchall()]
        for doc_id in gone:
            self.remove_document(doc_id)
        for doc_id, version in stale:
            with self.server.read() as cur:
                cur.execute(
                    "SELECT idx, speaker, text FROM sayso.passages WHERE document = %s AND version = %s ORDER BY idx",
                    (doc_id, version),
                )
                rows = cur.fetchall()
            passages = [Passage(f"{doc_id}:{r['idx']}", doc_id, r["idx"], r["speaker"], r["text"]) for r in rows]
            self.add_document(Document(id=doc_id, title="", kind="", source=""), passages, version)
        with self._lock:
            mine, counts, stale_counts = set(self._uncounted), self._counts, self._counts_stale
        with self.server.write_cursor() as cur:
            cur.execute("UPDATE sayso.indexed SET counted = true WHERE NOT counted RETURNING document")
            uncounted = {r["document"] for r in cur.fetchall()}
            if uncounted and uncounted == mine and not stale_counts:
                words = sorted(counts)
                cur.execute(
                    "INSERT INTO sayso.vocabulary AS v (word, key, df) "
                    "SELECT * FROM unnest(%s::text[], %s::text[], %s::integer[]) "
                    "ON CONFLICT (word) DO UPDATE SET df = v.df + excluded.df",
                    (words, [trigram_key(w) for w in words], [counts[w] for w in words]),
                )
            elif uncounted:
                # Documents another member indexed (or one forgotten since): counted from their passages.
                cur.execute(
                    "INSERT INTO sayso.vocabulary AS v (word, df) SELECT lexeme, count(*) FROM sayso.passage_words w, "
                    "unnest(tsvector_to_array(w.words)) AS lexeme WHERE w.document = ANY(%s) AND left(lexeme, 1) <> ' ' "
                    "GROUP BY lexeme "
                    "ON CONFLICT (word) DO UPDATE SET df = v.df + excluded.df",
                    (sorted(uncounted),),
                )
            cur.execute("DELETE FROM sayso.vocabulary WHERE df <= 0 RETURNING word")
            dropped = {r["word"] for r in cur.fetchall()}

        def committed() -> None:
            with self._lock:
                self._uncounted -= mine | uncounted
                if self._uncounted:  # (indexed meanwhile by another thread: counted from the table next time)
                    self._counts_stale = True
                else:
                    self._counts = Counter()
                    self._counts_stale = False
                if self._known is not None:
                    self._known -= dropped

        self.server.after_commit(committed)
        # (once this transaction is over: building the index waits for every transaction that wrote words)
        self.server.after_commit(self._restore_index)

    def merge(self, *, budget: int | None = None, lock_timeout: float | None = None) -> int:
        """(PostgreSQL keeps its own indexes: nothing to merge.)"""
        return 0

    @contextlib.contextmanager
    def bulk_import(self, files: int) -> Iterator[None]:
        """Around an import of `files` files (outside any transaction): one that at least doubles the archive
        (BULK_MIN_FILES or more, and as many as it holds) drops the GIN index on the passages' words and builds
        it again at the end, whatever ends the block (its two partitions' parts at once: `_build_word_index`).  Each document is still its own transaction, and found
        by searches as soon as it is committed (more slowly meanwhile).  The index is left alone if another
        member's bulk import is running, or if it cannot be dropped at once (searches holding it)."""
        if files < BULK_MIN_FILES:
            yield
            return
        with self.server.read() as cur:
            cur.execute("SELECT count(*) AS n FROM sayso.indexed")
            row = cur.fetchone()
        if files < int(row["n"] if row else 0):
            yield
            return
        with self.server.session_lock(BULK_LOCK) as session:
            suspended = False
            if session is not None:
                try:
                    suspended = bool(session.value("SELECT sayso.suspend_word_index()"))
                except SaysoError as exc:  # (an archive before schema 3, or searches holding the table)
                    log.info("word index kept during a bulk import: %s", exc)
            try:
                yield
            finally:
                if suspended and session is not None:
                    self._build_word_index(session)

    def _build_word_index(self, session: Session) -> None:
        """Build the word index: each partition's part at once in a session of its own (PostgreSQL builds a GIN
        index on one core), then the parts attached to the table's index by `restore_word_index`, which also
        builds any part still missing (the parts' sessions could not start, say): it alone is enough."""
        parts = int(session.value("SELECT count(*) FROM sayso.word_partitions()") or 0)
        if parts > 1:
            try:
                self.server.values_apart([("SELECT sayso.restore_word_index_part(%s)", (i,)) for i in range(parts)])
            except SaysoError as exc:
                log.info("the word index's parts were not built at once: %s", exc)
        session.value("SELECT sayso.restore_word_index()")

    def _restore_index(self) -> None:
        """Build the word index again if a bulk import that dropped it did not (killed), unless one is running."""
        try:
            with self.server.read() as cur:
                cur.execute("SELECT sayso.word_index_ready() AS ready")
                row = cur.fetchone()
            if row and row["ready"]:
                return
            with self.server.session_lock(BULK_LOCK) as session:
                if session is not None:
                    self._build_word_index(session)
        except SaysoError as exc:
            # (told: without the index every search of the archive reads the whole words table)
            self.warn(f"the archive's word index could not be built again, so its searches are slow: {exc}")

    # -- facets ---------------------------------------------------------------------------------
    def _groups(self) -> list[list[str]]:
        if self.speakers is None:
            return []
        return [[s.name, *s.aliases] for s in self.speakers()]

    def _index_speakers(self, cur: Any, stamp: tuple[int, int] | None = None) -> list[str]:
        """The names passages are indexed under (the local index's speaker list), kept while the archive's
        `stamp` (see `_stamp`) stays the same."""
        with self._lock:
            cached = self._speaker_names
        if stamp is None or cached is None or cached[0] != stamp:
            cur.execute("SELECT DISTINCT unnest(speakers) AS name FROM sayso.indexed")
            cached = (stamp or (-1, -1), sorted(str(r["name"]) for r in cur.fetchall()))
            with self._lock:
                self._speaker_names = cached
        return cached[1]

    @staticmethod
    def _documents(cur: Any) -> list[tuple[str, str, str]]:
        """(id, title, kind) of the indexed documents, in the order they were indexed."""
        cur.execute(
            "SELECT i.document AS id, coalesce(d.doc ->> 'title', '') AS title, coalesce(d.doc ->> 'kind', '') AS kind "
            "FROM sayso.indexed i LEFT JOIN sayso.documents d ON d.id = i.document ORDER BY i.seq"
        )
        return [(r["id"], r["title"], r["kind"]) for r in cur.fetchall()]

    def _speakers_named(self, value: str, names: list[str]) -> list[str]:
        folded = speaker_keys_named(value, self._groups(), names)
        return [n for n in names if name_key(n) in folded]

    @staticmethod
    def _documents_named(value: str, docs: list[tuple[str, str, str]]) -> list[str]:
        titles = [title for _, title, _ in docs]
        found = documents_named(value, [d for d, _, _ in docs], [(t,) for t in titles])
        return [docs[i][0] for i in (found or documents_like(value, titles, limit=1, cutoff=70))]

    def _facet_filter(self, cur: Any, facets: dict[str, list[str]]) -> tuple[list[str], list[Any]] | None:
        """SQL conditions on `w` (sayso.passage_words) for the facets, with their parameters; None when a
        facet matches nothing (so nothing is found)."""
        conditions: list[str] = []
        params: list[Any] = []
        names: list[str] | None = None
        docs: list[tuple[str, str, str]] | None = None

        def speaker_names() -> list[str]:
            nonlocal names
            if names is None:
                names = self._index_speakers(cur, getattr(self._stamp, "value", None))
            return names

        def documents() -> list[tuple[str, str, str]]:
            nonlocal docs
            if docs is None:
                docs = self._documents(cur)
            return docs

        if facets.get("speaker"):
            chosen: set[str] = set()
            for value in facets["speaker"]:
                chosen.update(self._speakers_named(value, speaker_names()))
            conditions.append("w.speaker = ANY(%s)")
            params.append(sorted(chosen))
        if facets.get("doc"):
            ids: set[str] = set()
            for value in facets["doc"]:
                ids.update(self._documents_named(value, documents()))
            conditions.append("w.document = ANY(%s)")
            params.append(sorted(ids))
        if facets.get("kind"):
            values = [fold(v) for v in facets["kind"]]
            kinds = {
                d
                for d, _, kind in documents()
                for k in [fold(kind)]
                if any(v and (k == v or k.startswith(v)) for v in values)
            }
            conditions.append("w.document = ANY(%s)")
            params.append(sorted(kinds))
        if facets.get("tag") and self.tags is not None:
            passages: set[str] = set()
            for tag in facets["tag"]:
                try:
                    passages |= set(self.tags(tag))
                except SaysoError as exc:
                    self.warn(f"tag:{tag} matches nothing: {exc}")
            pairs = [(d, i) for d, _, i in (p.rpartition(":") for p in passages) if d and i.isdigit()]
            conditions.append("(w.document, w.idx) IN (SELECT * FROM unnest(%s::text[], %s::integer[]))")
            params.extend([[d for d, _ in pairs], [int(i) for _, i in pairs]])
        for facet, attribute in (("role", "role"), ("from", "affiliation")):
            if facets.get(facet):
                folded: set[str] = set()
                people = list(self.speakers()) if self.speakers is not None else []
                for value in facets[facet]:
                    folded |= people_keys_named(attribute, value, people)
                conditions.append("w.speaker = ANY(%s)")
                params.append(sorted(n for n in speaker_names() if name_key(n) in folded))
        for param in params:
            if isinstance(param, list) and not param:
                return None
        return conditions, params

    def warm_up(self) -> None:
        """(Nothing to build ahead: the archive's search runs in PostgreSQL.)"""

    def unmatched_facets(self, query: str, *, speaker: str | None = None, doc: str | None = None) -> list[str]:
        """One line for each `speaker:` or `doc:` value that names nobody and nothing, with the closest
        names or titles (as the local index says it)."""
        speakers, docs = facet_values(query, speaker, doc)
        if not speakers and not docs:
            return []
        with self.server.read() as cur:
            index_names = self._index_speakers(cur)
            documents = self._documents(cur) if docs else []
        return unmatched_lines(
            [v for v in speakers if not self._speakers_named(v, index_names)],
            [v for v in docs if not self._documents_named(v, documents)],
            sorted({n for g in self._groups() for n in g} | set(index_names)),
            [t for _, t, _ in documents],
            unclosed=parse_query(query if isinstance(query, str) else "").unclosed,
        )

    # -- searching ----------------------------------------------------------------------------
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
        """Ranked hits for `query`, as the local engine ranks them (see the module docstring); never raises on
        odd input (a server that cannot be reached raises ServerUnavailable)."""
        q = parse_query(query if isinstance(query, str) else "")
        for name, value in (("speaker", speaker), ("doc", doc), ("kind", kind), ("tag", tag)):
            if value and value.strip():
                q.facets.setdefault(name, []).append(value.strip())
        if limit <= 0 or q.asks_nothing:
            return []
        with self.server.snapshot(SEARCH_SETTINGS) as cur:
            cur.execute(
                "SELECT count(*) AS n, coalesce(max(seq), 0) AS seq, coalesce(sum(passages), 0) AS p, "
                "coalesce(sum(words), 0) AS w FROM sayso.indexed"
            )
            row = cur.fetchone() or {"n": 0, "seq": 0, "p": 0, "w": 0}
            live_n, total_words = int(row["p"]), int(row["w"])
            if live_n == 0:
                return []
            # What is kept between searches (speakers' names, passage lengths) is kept while this is the same.
            self._stamp.value = (int(row["n"]), int(row["seq"]))
            facet_filter = self._facet_filter(cur, q.facets)
            if facet_filter is None:
                return []
            conditions, params = facet_filter
            must: list[str] = []
            for words in q.excluded:
                must.append("!( " + " & ".join(f"'{lexeme(w)}'" for w in words) + " )")
            for phrase in q.phrases:
                # Passages holding every word of the phrase; re-scoring keeps those holding them in a row.
                must.append(" & ".join(f"'{lexeme(w)}'" for w in phrase))
            if q.is_empty:
                return self._listed(cur, conditions, params, must, limit)
            return self._ranked(cur, q, conditions, params, must, limit, live_n, total_words / live_n)

    def _listed(self, cur: Any, conditions: list[str], params: list[Any], must: list[str], limit: int) -> list[Hit]:
        """Facets (and exclusions) alone: the first passages they allow, in the order documents were indexed."""
        where = list(conditions)
        args = list(params)
        if must:
            where.append("w.words @@ %s::tsquery")
            args.append(_all_of(must))
        cur.execute(
            "WITH c AS (SELECT w.document, w.version, w.idx, i.seq "
            "FROM (SELECT document, version, seq FROM sayso.indexed ORDER BY seq) i CROSS JOIN LATERAL "
            "(SELECT w.document, w.version, w.idx FROM sayso.passage_words w "
            "WHERE w.document = i.document AND w.version = i.version"
            + "".join(f" AND {c}" for c in where)
            + ") w ORDER BY i.seq, w.idx LIMIT %s) "
            "SELECT c.document, c.idx, p.speaker, p.text, p.t_start, coalesce(d.doc ->> 'title', '') AS title "
            "FROM c JOIN sayso.passages p ON p.document = c.document AND p.version = c.version AND p.idx = c.idx "
            "LEFT JOIN sayso.documents d ON d.id = c.document ORDER BY c.seq, c.idx",
            [*args, limit],
        )
        return [
            Hit(
                passage=f"{r['document']}:{r['idx']}",
                document=r["document"],
                speaker=r["speaker"],
                text=r["text"],
                score=0.0,
                spans=[],
                title=r["title"],
                index=r["idx"],
                start=r["t_start"],
            )
            for r in cur.fetchall()
        ]

    # -- expanding query words ------------------------------------------------------------------
    def _trgm(self, cur: Any) -> str:
        """The schema pg_trgm is installed in (its operators are qualified with it)."""
        if self._trgm_schema is None:
            cur.execute(
                "SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                "WHERE e.extname = 'pg_trgm'"
            )
            row = cur.fetchone()
            if row is None:
                raise ArchiveNotReady("the archive lacks pg_trgm: an admin migrates it", needs="migrate")
            self._trgm_schema = str(row["schema"])
        return self._trgm_schema

    def _expand(self, cur: Any, q: Query, words: list[str], last: str | None) -> list[_Expansion]:
        """Each query word's spellings in the vocabulary, as the local engine's `_expand` finds them."""
        expansions = [_Expansion(w) for w in words]
        in_text = set(q.words)
        # Near spellings: words sharing enough trigrams with the word (or one of its transpositions), of a
        # length within reach, and the transpositions themselves; each checked by its edit distance.
        fuzzy = [
            (e, max_edits(e.word)) for e in expansions if e.word in in_text and (max_edits(e.word) or len(e.word) == 3)
        ]
        plans = {e.word: near_spelling_search(e.word, k) for e, k in fuzzy}
        exact = set(words).union(*(found for _, found in plans.values()))
        cur.execute("SELECT word, df FROM sayso.vocabulary WHERE word = ANY(%s)", (sorted(exact),))
        known = {r["word"]: int(r["df"]) for r in cur.fetchall()}
        for e in expansions:
            if e.word in known:
                e.weights[e.word] = EXACT
                e.df[e.word] = known[e.word]
        near: dict[str, dict[str, int]] = {}
        for word, (groups, found) in plans.items():
            near[word] = {w: known[w] for w in found if w in known}
            for group in groups:
                near[word].update(self._trigram_search(cur, group))
        for e, k in fuzzy:
            for candidate, df in near.get(e.word, {}).items():
                if candidate == e.word or candidate in e.weights:
                    continue
                if k:
                    if abs(len(candidate) - len(e.word)) <= k:
                        d = osa_distance(e.word, candidate, score_cutoff=k)
                        if d <= k:
                            e.weights[candidate] = FUZZY_1 if d <= 1 else FUZZY_2
                            e.df[candidate] = df
                elif (len(candidate) == 4 or sorted(candidate) == sorted(e.word)) and osa_distance(
                    e.word, candidate, score_cutoff=1
                ) <= 1:
                    e.weights[candidate] = FUZZY_2
                    e.df[candidate] = df
        if last is not None:
            e = expansions[words.index(last)]
            for word, df in self._completions(cur, [last], MAX_COMPLETIONS)[last]:
                e.weights.setdefault(word, PREFIX)
                e.df.setdefault(word, df)
            if len(last) >= 4 and last not in known and len(e.weights) < 3:
                for word, df in self._fuzzy_completions(cur, last, 12):
                    e.weights.setdefault(word, FUZZY_PREFIX)
                    e.df.setdefault(word, df)
            # Re-scoring counts every word the last one begins as a prefix match, when there are more of them
            # than it has spellings (the local engine's rule).
            cur.execute(
                "SELECT count(*) AS n FROM sayso.vocabulary WHERE word ~>=~ %s AND word ~<~ %s AND word <> %s",
                (last, last + _LAST_CHAR, last),
            )
            row = cur.fetchone()
            e.all_completions = int(row["n"]) > len(e.weights) if row else False
        # Other forms of each word ("donating" for "donate"), as the local engine's `_other_forms` finds them.
        stems = {e.word: stem for e in expansions if (stem := forms_stem(e.word)) is not None}
        if stems:
            beginning = self._words_from(cur, sorted(set(stems.values())), FORMS_LOOKED_AT)
            for e in expansions:
                if e.word in stems:
                    forms = [(w, df) for w, df in beginning[stems[e.word]] if other_form(e.word, w)]
                    for word, df in forms[:MAX_OTHER_FORMS]:
                        e.weights.setdefault(word, OTHER_FORM)
                        e.df.setdefault(word, df)
        return expansions

    @staticmethod
    def _words_from(
        cur: Any, prefixes: list[str], limit: int, *, live_only: bool = True
    ) -> dict[str, list[tuple[str, int]]]:
        """For each prefix, the `limit` most frequent words beginning with it, itself among them (ties:
        alphabetical); `live_only`: words some live passage holds."""
        live = "AND v.df > 0 " if live_only else ""
        cur.execute(
            "SELECT p.prefix, c.word, c.df FROM unnest(%s::text[]) AS p(prefix) CROSS JOIN LATERAL "
            "(SELECT v.word, v.df FROM sayso.vocabulary v WHERE v.word ~>=~ p.prefix AND v.word ~<~ (p.prefix || %s) "
            f"AND left(v.word, length(p.prefix)) = p.prefix {live}"
            'ORDER BY v.df DESC, v.word COLLATE "C" LIMIT %s) c',
            (prefixes, _LAST_CHAR, limit),
        )
        found: dict[str, list[tuple[str, int]]] = {p: [] for p in prefixes}
        for r in cur.fetchall():
            found[r["prefix"]].append((r["word"], int(r["df"])))
        return found

    def _trigram_search(self, cur: Any, searches: list[tuple[str, int, int, float]]) -> dict[str, int]:
        """Vocabulary words (and their df) found by trigram searches (around, shortest, longest, least similarity),
        in one statement: the index's threshold is their lowest similarity."""
        schema = self._trgm(cur)
        cur.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", (str(max(min(s[3] for s in searches), 0.0)),)
        )
        if len(searches) == 1:
            around, shortest, longest, _ = searches[0]
            cur.execute(
                statement(
                    "SELECT word, df FROM sayso.vocabulary WHERE coalesce(key, word) OPERATOR({}.%%) %s "
                    "AND length(word) BETWEEN %s AND %s",
                    schema,
                ),
                (around, shortest, longest),
            )
        else:
            cur.execute(
                statement(
                    "SELECT v.word, v.df FROM unnest(%s::text[], %s::integer[], %s::integer[], %s::real[]) "
                    "AS q(around, lo, hi, floor) CROSS JOIN LATERAL (SELECT v.word, v.df FROM sayso.vocabulary v "
                    "WHERE coalesce(v.key, v.word) OPERATOR({}.%%) q.around AND length(v.word) BETWEEN q.lo AND q.hi "
                    "AND {}.similarity(coalesce(v.key, v.word), q.around) >= q.floor) v",
                    schema,
                    schema,
                ),
                tuple(list(column) for column in zip(*searches)),
            )
        return {r["word"]: int(r["df"]) for r in cur.fetchall()}

    @staticmethod
    def _completions(cur: Any, prefixes: list[str], limit: int) -> dict[str, list[tuple[str, int]]]:
        """For each prefix, its `limit` most frequent completions (ties: alphabetical), the prefix itself left
        out as the local engine leaves it out (after counting it among the `limit`)."""
        found = ServerSearch._words_from(cur, prefixes, limit, live_only=False)
        return {prefix: [(w, df) for w, df in words if w != prefix] for prefix, words in found.items()}

    def _fuzzy_completions(self, cur: Any, prefix: str, limit: int) -> list[tuple[str, int]]:
        """Words that begin with `prefix` give or take one typo (the local engine's `_fuzzy_completions`)."""
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
        ordered = sorted(v for v in variants if len(v) >= 3)
        completions = self._completions(cur, ordered, 4)
        found: list[tuple[str, int]] = []
        for variant in ordered:
            found.extend(completions[variant])
            if len(found) >= limit:
                break
        return found

    # -- ranking --------------------------------------------------------------------------------
    def _ranked(
        self,
        cur: Any,
        q: Query,
        conditions: list[str],
        params: list[Any],
        must: list[str],
        limit: int,
        live_n: int,
        avg_words: float,
    ) -> list[Hit]:
        words = q.all_words()
        last = q.words[-1] if q.prefix and q.words else None
        expansions = self._expand(cur, q, words, last)
        for e in expansions:
            if e.word not in q.words:  # a word of a phrase only: that word itself
                e.weights = {e.word: EXACT} if e.word in e.weights else {}
        # Who speaks: a query word may name the speaker rather than appear in the text.
        index_names = self._index_speakers(cur, getattr(self._stamp, "value", None))
        table = speaker_word_table(self._groups(), {name: i for i, name in enumerate(index_names)})
        for e in expansions:
            if e.word in q.words and len(e.word) >= 2:
                numbers, quality = match_speaker_word(
                    table, e.word, e.word == last, len(e.word) >= 5 and e.word in e.weights
                )
                e.speakers = [index_names[int(i)] for i in numbers]
                e.said = quality
        typed_short = last is not None and len(last) <= 2 and len(words) > 1
        scoring: list[_Expansion] = []
        for e in expansions:
            if typed_short and e.word == last:
                continue
            if e.speakers:
                e.scoring = dict(e.weights)
                scoring.append(e)
                continue
            if not e.weights:
                continue
            chosen = dict(e.weights)
            if e.word == last:
                rare = {w: v for w, v in chosen.items() if v != PREFIX or e.df[w] <= COMMON_COMPLETION_SHARE * live_n}
                if rare:
                    chosen = rare
                if len(e.word) <= 2:
                    chosen = self._within_budget(chosen, e.df, live_n)
            e.scoring = chosen
            scoring.append(e)
        if not scoring:
            return []
        k = RESCORE_PHRASE if q.phrases else RESCORE
        candidates = self._candidates(cur, scoring, conditions, params, must, limit, k, live_n, avg_words)
        if not candidates:
            return []
        return self._rescore(q, words, last, expansions, scoring, candidates, limit, live_n, avg_words)

    @staticmethod
    def _within_budget(chosen: dict[str, float], df: dict[str, int], live_n: int) -> dict[str, float]:
        """A one- or two-letter query alone: its most frequent completions up to SHORT_PREFIX_BUDGET of the
        passages (the local engine's `_within_budget`)."""
        terms = list(chosen)
        order = sorted(range(len(terms)), key=lambda i: -df[terms[i]])
        budget = max(SHORT_PREFIX_BUDGET * live_n, SHORT_PREFIX_MIN)
        kept = set()
        total = 0
        for rank, i in enumerate(order):
            total += df[terms[i]]
            if rank == 0 or total <= budget or chosen[terms[i]] == EXACT:
                kept.add(i)
        return {terms[i]: chosen[terms[i]] for i in sorted(kept)}

    def _candidates(
        self,
        cur: Any,
        scoring: list[_Expansion],
        conditions: list[str],
        params: list[Any],
        must: list[str],
        limit: int,
        k: int,
        live_n: int,
        avg_words: float,
    ) -> list[_Candidate]:
        """The passages to re-score, as the local engine's first pass would pick them: those holding every
        scoring word first, best first by BM25 (each spelling counted once, as most are); while fewer than
        `limit`, those holding all but one, and so on; passages holding one word alone come spelling by
        spelling, the rarest and most exact first, shortest passages first."""
        n = len(scoring)
        cap = int(k * EXTRA_CANDIDATES)
        norm = f"(1.0 + {K1} * (1.0 - {B} + {B} * w.length / {max(avg_words, 1.0):.6f}))"
        # Each word's condition: one of its spellings, or a turn of a speaker its names hold.
        word_sql: list[tuple[str, list[Any]]] = []
        share: list[float] = []
        # Each spelling (and speaker): (weight, condition, its BM25 part as SQL, their parameters, passages).
        terms: list[tuple[float, str, str, list[Any], int]] = []
        heaviest: list[float] = []  # each word's heaviest spelling (or speaker)
        for e in scoring:
            first = len(terms)
            parts: list[str] = []
            args: list[Any] = []
            if e.scoring:
                # One condition per spelling: the planner ORs and ANDs their bitmaps, much faster than
                # the index checking one long tsquery for every passage holding any of its words.
                parts.extend("w.words @@ %s::tsquery" for _ in e.scoring)
                args.extend(_any_of([t]) for t in e.scoring)
                idf = bm25_idf(np.array([max(e.df[t], 0) for t in e.scoring], np.float64), live_n)
                for (t, quality), weight in zip(e.scoring.items(), idf.tolist()):
                    # ts_rank of one word: 0.1 / 1.6449 times 1, 1.25, 1.36... as it is found 1, 2, 3... times.
                    tf = "ts_rank(w.words, %s::tsquery) * 16.4493406685"
                    terms.append((weight * quality, "w.words @@ %s::tsquery", tf, [_any_of([t])], max(e.df[t], 0)))
            if e.speakers:
                parts.append("w.speaker = ANY(%s)")
                args.append(e.speakers)
                terms.append(
                    (2.0 * e.said, "w.speaker = ANY(%s)", "(w.speaker = ANY(%s))::integer", [e.speakers], live_n)
                )
            word_sql.append(("(" + " OR ".join(parts) + ")", args))
            heaviest.append(max((t[0] for t in terms[first:]), default=0.0))
            held = sum(max(e.df[t], 0) for t in e.scoring) / live_n
            share.append(1.0 if e.speakers else min(1.0, held))
        terms.sort(key=lambda t: -t[0])
        # The first pass's BM25 as SQL: the weights of the spellings a passage holds over its length.
        ranked = terms[:RANK_TERMS]
        parts = [f"{weight:.6f} * {score}" for weight, _, score, _, _ in ranked]
        proxy_args = [a for _, _, _, args, _ in ranked for a in args]
        rest = [t for t in terms[RANK_TERMS:] if t[1] == "w.words @@ %s::tsquery"]
        if rest:  # the lighter spellings at their mean weight, in one ts_rank (which averages over its words)
            mean = sum(t[0] for t in rest) / len(rest)
            parts.append(f"{mean * len(rest):.6f} * ts_rank(w.words, %s::tsquery) * 16.4493406685")
            proxy_args.append(" | ".join(t[3][0] for t in rest))
        proxy = "(" + " + ".join(parts) + f") / {norm}"
        base = list(conditions)
        base_args = list(params)
        if must:
            base.append("w.words @@ %s::tsquery")
            base_args.append(_all_of(must))
        picked: list[tuple[str, str, int]] = []
        seen: set[tuple[str, int]] = set()
        # Every word in its most exact spellings first: what re-scoring puts first, and a set far smaller than
        # the one of every spelling when the words are common (whose shortest passages alone are ranked).
        best_where, best_args = list(base), list(base_args)
        best_shares, narrower = [], False
        for e, (sql, sql_args), held in zip(scoring, word_sql, share):
            top = max(e.scoring.values(), default=0.0)
            best = [t for t, quality in e.scoring.items() if quality == top]
            if e.speakers or len(best) == len(e.scoring):
                best_where.append(sql)
                best_args.extend(sql_args)
                best_shares.append(held)
            else:
                best_where.append("(" + " OR ".join("w.words @@ %s::tsquery" for _ in best) + ")")
                best_args.extend(_any_of([t]) for t in best)
                best_shares.append(min(1.0, sum(max(e.df[t], 0) for t in best) / live_n))
                narrower = True
        if narrower:
            picked += self._pick(cur, best_where, best_args, [(proxy, proxy_args)], cap, best_shares, live_n, seen)
        for level in range(n, 0 if n == 1 else 1, -1):
            # Holding `level` of the words: the heaviest words' sets first (those the first pass ranks first).
            before = len(picked) if level < n else 0
            subsets = sorted(itertools.combinations(range(n), level), key=lambda sub: -sum(heaviest[j] for j in sub))
            for subset in subsets:
                if len(picked) - before >= cap:
                    break
                where, args = list(base), list(base_args)
                where.extend(word_sql[j][0] for j in subset)
                args.extend(a for j in subset for a in word_sql[j][1])
                room = cap - (len(picked) - before)
                shares = [share[j] for j in subset]
                picked += self._pick(cur, where, args, [(proxy, proxy_args)], room, shares, live_n, seen)
            if len(picked) >= limit or n == 1:
                return self._texts(cur, picked)
        # Passages holding one word: spelling by spelling, the heaviest first (BM25 of one word).
        wanted = max(k, len(picked) + 3 * limit)
        for _, sql, score, args, df in terms:
            if len(picked) >= wanted:
                break
            keys = [(f"{score} / {norm}", args)]
            room = wanted - len(picked)
            picked += self._pick(cur, [*base, sql], [*base_args, *args], keys, room, [df / live_n], live_n, seen)
        return self._texts(cur, picked)

    def _pick(
        self,
        cur: Any,
        where: list[str],
        args: list[Any],
        keys: list[tuple[str, list[Any]]],
        cap: int,
        shares: list[float],
        live_n: int,
        seen: set[tuple[str, int]],
    ) -> list[tuple[str, str, int]]:
        """Up to `cap` passages (document, version, idx) not `seen` yet that `where` allows, best first by `keys`
        (SQL expressions, each with its parameters, compared in turn).

        `shares` are the shares of the passages holding each word `where` asks for: a set expected to be
        large is not ranked whole (ranking a passage costs several microseconds), only its shortest passages
        are (BM25 favours them), about SHORTEST_SHARE times `cap` of them as `_length_bound` expects, then
        (too few found) eight times as many, then every one."""
        columns = ", ".join(f"{expr} AS k{i}" for i, (expr, _) in enumerate(keys))
        key_args = [a for _, expr_args in keys for a in expr_args]
        order = ", ".join(f"k{i} DESC" for i in range(len(keys)))
        query = f"SELECT w.document, w.version, w.idx, {columns} FROM sayso.passage_words w WHERE " + " AND ".join(
            where
        )
        rows: list[dict[str, Any]] = []
        shortest = 0
        for wanted in (SHORTEST_SHARE * (cap + len(seen)), 8 * SHORTEST_SHARE * (cap + len(seen)), None):
            longest = self._length_bound(cur, shares, live_n, wanted) if wanted is not None else None
            # (`length + 0 > n`: the planner must not AND a bitmap of nearly every passage into the words' own.)
            if longest is None:
                cur.execute(
                    f"{query} AND w.length + 0 > %s ORDER BY {order} LIMIT %s",
                    [*key_args, *args, shortest, cap + len(seen)],
                )
                rows += cur.fetchall()
                break
            cur.execute(
                f"{query} AND w.length + 0 > %s AND w.length <= %s ORDER BY {order} LIMIT %s",
                [*key_args, *args, shortest, longest, cap + len(seen)],
            )
            rows += cur.fetchall()
            if sum((r["document"], r["idx"]) not in seen for r in rows) >= cap // 4:
                break
            shortest = longest
        found: list[tuple[str, str, int]] = []
        for r in rows:
            key = (r["document"], r["idx"])
            if key not in seen and len(found) < cap:
                seen.add(key)
                found.append((r["document"], r["version"], r["idx"]))
        return found

    def _length_bound(self, cur: Any, shares: list[float], live_n: int, wanted: float) -> int | None:
        """The passage length up to which about `wanted` passages hold every word of `shares` (the share of the
        passages holding each), or None when fewer than FULL_RANK_ROWS hold them all (rank them whole) or not
        that many are that short.

        A longer passage is likelier to hold a word: a word of share s is taken to be in a passage of L words
        with probability 1 - exp(-a L), a chosen so that its mean over the archive's lengths is s; a set's
        passages are counted over a sample of the archive's lengths."""
        lengths, rates, shares_at = self._lengths_sample(cur)
        if not len(lengths):
            return None
        held = np.ones(len(lengths))
        for share in shares:
            if share < 1.0:
                rate = float(np.interp(share, shares_at, rates))  # the rate whose mean share is `share`
                held *= -np.expm1(-rate * lengths)
        expected = np.cumsum(held) * (live_n / len(lengths))
        if expected[-1] <= FULL_RANK_ROWS:
            return None
        at = int(np.searchsorted(expected, wanted))
        return int(lengths[at]) if at < len(lengths) - 1 else None

    def _lengths_sample(self, cur: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """A sample of the archive's passage lengths, sorted, and for rates a from 1e-6 to 10 the mean share
        1 - exp(-a L) over them (kept while the archive's stamp is the same)."""
        stamp = getattr(self._stamp, "value", None)
        with self._lock:
            cached = self._lengths
        if stamp is None or cached is None or cached[0] != stamp:
            cur.execute("SELECT coalesce(sum(passages), 0) AS p FROM sayso.indexed")
            row = cur.fetchone() or {"p": 0}
            percent = min(100.0, 200.0 * LENGTH_SAMPLE / max(int(row["p"]), 1))
            cur.execute("SELECT length FROM sayso.passage_words TABLESAMPLE SYSTEM (%s)", (percent,))
            lengths = np.sort(np.fromiter((r["length"] for r in cur.fetchall()), np.float64))
            rates = np.geomspace(1e-6, 10.0, 400)
            shares_at = (
                np.array([np.mean(-np.expm1(-rate * lengths)) for rate in rates]) if len(lengths) else np.zeros(400)
            )
            cached = (stamp or (-1, -1), (lengths, rates, shares_at))
            with self._lock:
                self._lengths = cached
        return cached[1]

    @staticmethod
    def _texts(cur: Any, picked: list[tuple[str, str, int]]) -> list[_Candidate]:
        """The picked passages' text, speaker, time, title and place in the order documents were indexed."""
        if not picked:
            return []
        # (The passages by their whole key first: joined with the documents in one step, the planner looked
        # them up by document alone and filtered a document's every passage.)
        cur.execute(
            "WITH p AS MATERIALIZED (SELECT k.n, p.document, p.version, p.idx, p.speaker, p.text, p.t_start "
            "FROM unnest(%s::text[], %s::text[], %s::integer[]) WITH ORDINALITY AS k(document, version, idx, n) "
            "JOIN sayso.passages p ON p.document = k.document AND p.version = k.version AND p.idx = k.idx) "
            "SELECT p.document, p.idx, p.speaker, p.text, p.t_start, i.seq, coalesce(d.doc ->> 'title', '') AS title "
            "FROM p JOIN sayso.indexed i ON i.document = p.document AND i.version = p.version "
            "LEFT JOIN sayso.documents d ON d.id = p.document ORDER BY p.n",
            tuple(list(column) for column in zip(*picked)),
        )
        return [
            _Candidate(r["document"], r["idx"], r["speaker"], r["text"], r["t_start"], r["title"], (r["seq"], r["idx"]))
            for r in cur.fetchall()
        ]

    def _rescore(
        self,
        q: Query,
        words: list[str],
        last: str | None,
        expansions: list[_Expansion],
        scoring: list[_Expansion],
        candidates: list[_Candidate],
        limit: int,
        live_n: int,
        avg_words: float,
    ) -> list[Hit]:
        """Score the candidates as the local engine scores its own (BM25, then `sequence_scores`)."""
        word_lists = [passage_words(c.text) for c in candidates]
        flat = list(itertools.chain.from_iterable(word_lists))
        vocab = {w: i for i, w in enumerate(dict.fromkeys(flat))}  # the candidates' words, numbered
        lens = np.fromiter(map(len, word_lists), np.int64, len(word_lists))
        tokens = np.fromiter(map(vocab.__getitem__, flat), np.int64, len(flat))
        kc = len(candidates)
        # The first pass's score: BM25 of each scoring word's spellings, or the speaker it names.
        norm = bm25_norms(lens.astype(np.float32), avg_words)
        rel = np.zeros(kc, np.float64)
        for e in scoring:
            word_score = np.zeros(kc, np.float64)
            terms = [t for t in e.scoring if t in vocab]
            if terms:
                ids = np.array([vocab[t] for t in terms], np.int64)
                lut = np.full(len(vocab), -1, np.int64)
                lut[ids] = np.arange(len(ids))
                which = lut[tokens]
                owner = np.repeat(np.arange(kc), lens)
                held = which >= 0
                tf = np.zeros((kc, len(ids)), np.float32)
                np.add.at(tf, (owner[held], which[held]), 1.0)
                idf = bm25_idf(np.array([e.df[t] for t in terms], np.float64), live_n)
                quality = np.array([e.scoring[t] for t in terms], np.float32)
                weights = (idf * quality)[None, :] * bm25_tf(tf, norm[:, None])
                word_score = np.where(tf > 0, weights, 0).sum(axis=1, dtype=np.float64)
            if e.speakers:
                spoke = np.array([c.speaker in e.speakers for c in candidates])
                word_score = np.maximum(spoke * (2.0 * e.said), word_score)
            rel += word_score
        # The second pass: every spelling of each word, every word the one being typed begins.
        arrays: list[tuple[np.ndarray, np.ndarray]] = []
        by_speaker: list[tuple[np.ndarray | None, float]] = []
        for e in expansions:
            weights = {vocab[t]: v for t, v in e.weights.items() if t in vocab}
            if e.word == last and e.all_completions:
                for w, i in vocab.items():
                    if w != last and w.startswith(last) and weights.get(i, 0.0) < PREFIX:
                        weights[i] = PREFIX
            arrays.append(
                (
                    np.fromiter(weights.keys(), np.int64, len(weights)),
                    np.fromiter(weights.values(), np.float32, len(weights)),
                )
            )
            if e.speakers:
                by_speaker.append((np.array([c.speaker in e.speakers for c in candidates]), e.said))
            else:
                by_speaker.append((None, e.said))
        phrases = [[vocab.get(w, -1) for w in phrase] for phrase in q.phrases]
        scored = sequence_scores(arrays, max(len(vocab), 1), tokens, lens, rel, by_speaker, phrases)
        if scored is None:
            return []
        final, lut_word, lut_quality, best_possible = scored
        tie = np.argsort(
            np.array([c.order for c in candidates], dtype=[("seq", np.int64), ("idx", np.int64)]), kind="stable"
        )
        place = np.empty(kc, np.int64)
        place[tie] = np.arange(kc)
        order = np.lexsort((place, -final))
        order = order[final[order] >= 0][:limit]
        forward = {"tokens": tokens, "tok_off": np.concatenate([[0], np.cumsum(lens)])}
        vocab_words = list(vocab)
        highlight = Highlight(lut_word, lut_quality, tuple(map(tuple, phrases)), phrase_only(q, words))
        hits: list[Hit] = []
        for i in order.tolist():
            c = candidates[i]
            hit = _IndexHit(
                passage=f"{c.document}:{c.idx}",
                document=c.document,
                speaker=c.speaker,
                text=c.text,
                score=round(min(1.0, float(final[i]) / best_possible), 4),
                spans=[],
                title=c.title,
                index=c.idx,
                start=None if c.start is None or math.isnan(c.start) else c.start,
            )
            hit._spans = None  # found when first read
            hit._where = (forward, vocab_words, i, highlight)
            hits.append(hit)
        return hits
