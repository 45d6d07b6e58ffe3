"""Quotes: the user's exact words with their notes and tags, kept durably beside the corpus.

    book = library.quotes
    q = book.add("davos panel", exact="open source is winning", note="key claim", tags=["open"])
    book.edit(q.id[:8], add_tags=["davos"]); book.undo(); book.redo()
    book.list(tag="open"); book.verify(); book.needs_review()

Quotes live in `<data>/quotes.json` (TinyDB format, table "quotes") with
rotating backups.  Every change is made under the library's write lock on a
fresh read of the file and saved atomically (temp file, fsync, rename, folder
fsync) before the method returns, so two sayso processes never lose each
other's quotes and an acknowledged quote survives a crash.  A damaged file is
never read as empty: it is set aside intact and DamagedFile offers the newest
good backup (`restore_backup`).

Each quote is anchored W3C-style (exact words, prefix/suffix, positions,
passage, speaker, timestamp, hash of the text); corpus.anchoring finds it again
when its document is re-imported.  A quote that cannot be placed confidently is
never deleted or moved: it is marked "needs review" with its stored words.
"""

from __future__ import annotations

import builtins
import contextlib
import hashlib
import json
import os
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sayso.corpus import anchoring, fuzzy
from sayso.corpus.errors import Ambiguous, DamagedFile, EditConflict, NotFound, SaysoError
from sayso.corpus.models import Document, Passage, Quote, document_text
from sayso.corpus.sources import DocumentSource, SpeakerResolver, WriteLock
from sayso.corpus.store import (
    DRAFTS_FILE,
    QUOTES_FILE,
    TINYDB_FILE,
    AtomicJSONStorage,
    NewerSchema,
    good_backups,
    judge,
    quotes_meta,
    read_json_file,
    restore_backup,
    start_empty,
)
from sayso.corpus.store import WriteLock as StoreLock
from sayso.corpus.words import fold

#: Status of a quote whose words are where its positions say.
ANCHORED = "anchored"
#: Status of a quote that could not be placed confidently after its document changed.
NEEDS_REVIEW = "needs review"
#: Rotating backups kept of quotes.json.
QUOTE_BACKUPS = 5
#: Seconds between starting a new backup slot (each save still refreshes the newest one).
BACKUP_INTERVAL = 60.0
#: Earlier versions kept per quote.
HISTORY_LIMIT = 50
#: Characters of stored history kept per quote (as JSON); the newest earlier version is always kept.
HISTORY_CHARS = 256_000
#: Why a history entry holds a version that was not applied (an edit made on an older revision).
CONFLICT_KEPT = "conflict: not applied, kept here"
#: Characters of a quote id shown to users; any unique prefix is accepted.
SHORT_ID = 8

#: Types of a quote row's fields (a row lacking an optional field takes the Quote default).
_ROW_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "document": (str,),
    "exact": (str,),
    "prefix": (str,),
    "suffix": (str,),
    "start": (int,),
    "end": (int,),
    "passage": (str, type(None)),
    "speaker": (str, type(None)),
    "timestamp": (int, float, type(None)),
    "text_hash": (str,),
    "note": (str,),
    "tags": (list,),
    "created": (str,),
    "modified": (str,),
    "status": (str,),
    "history": (list,),
    "review_reason": (str,),
    "detached": (bool,),
    "suggestion": (dict, type(None)),
    "revision": (int,),
    "created_by": (str,),
    "modified_by": (str,),
    "private": (bool,),
    "note_by": (str,),
    "tag_by": (dict,),
}
_REQUIRED = ("id", "document", "exact")

_SNAPSHOT_FIELDS = (
    "exact",
    "prefix",
    "suffix",
    "start",
    "end",
    "passage",
    "speaker",
    "timestamp",
    "text_hash",
    "note",
    "tags",
    "status",
    "review_reason",
    "detached",
    "modified",
    "modified_by",
    "private",
)


_last_stamp = datetime.min.replace(tzinfo=UTC)
_stamp_guard = threading.Lock()


def now_iso() -> str:
    """The current UTC time, ISO 8601 with microseconds, strictly increasing within a process.

    Quotes sort by their `created` stamp, so two made in the same microsecond
    still keep the order they were made in.
    """
    global _last_stamp
    with _stamp_guard:
        now = datetime.now(UTC)
        if now <= _last_stamp:
            now = _last_stamp + timedelta(microseconds=1)
        _last_stamp = now
    return now.isoformat(timespec="microseconds")


def local_user() -> str:
    """The login name changes on this machine are recorded under ("" when there is none)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def text_hash(text: str) -> str:
    """The hash a quote keeps of its document's text (same as Document.text_hash)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def short_id(quote: Quote) -> str:
    """The id prefix shown to users."""
    return quote.id[:SHORT_ID]


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags trimmed, without a leading '#', empty ones dropped, duplicates (ignoring case) removed."""
    seen: set[str] = set()
    out: list[str] = []
    for tag in tags:
        tag = " ".join(str(tag).split()).lstrip("#").strip()
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return out


def row_problem(row: Any) -> str | None:
    """Why a row of quotes.json is not a readable quote (None if it is)."""
    if not isinstance(row, dict):
        return "it is not a record"
    for name in _REQUIRED:
        if name not in row:
            return f"it has no {name!r}"
    for name, types in _ROW_TYPES.items():
        if name not in row:
            continue
        value = row[name]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            return f"its {name!r} is {type(value).__name__ if value is not None else 'null'}, not {types[0].__name__}"
    if not row["id"].strip() or not row["exact"]:
        return "its id or its words are empty"
    if not 0 <= row.get("start", 0) <= row.get("end", 0):
        return "its positions are out of order"
    if any(not isinstance(t, str) for t in row.get("tags", [])):
        return "its 'tags' hold something other than text"
    if any(not isinstance(h, dict) for h in row.get("history", [])):
        return "its 'history' holds something other than records"
    if row.get("status", ANCHORED) not in (ANCHORED, NEEDS_REVIEW):
        return f"its status {row['status']!r} is unknown"
    return None


def _quote(row: dict[str, Any]) -> Quote:
    """A Quote from a stored row, sharing no list or dict with it (rows may be cached).

    Its history holds every earlier version whole, though the file keeps only
    what changed (see `_stored`).
    """
    quote = Quote.from_dict(row)
    quote.tags = list(quote.tags)
    quote.tag_by = dict(quote.tag_by)
    quote.history = _expanded_history(quote)
    if quote.suggestion is not None:
        quote.suggestion = dict(quote.suggestion)
    return quote


def _fields(quote: Quote) -> dict[str, Any]:
    return {name: getattr(quote, name) for name in _SNAPSHOT_FIELDS}


def _expanded_history(quote: Quote) -> list[dict[str, Any]]:
    """`quote.history` with every entry whole: each stored entry holds only the fields that differ from
    the version after it (files from before that hold whole versions read the same way)."""
    later = _fields(quote)
    out: list[dict[str, Any]] = []
    for entry in reversed(quote.history):
        whole = {**later, **entry}
        whole["tags"] = list(whole.get("tags") or [])
        out.append(whole)
        later = {name: whole.get(name) for name in _SNAPSHOT_FIELDS}
    out.reverse()
    return out


def _stored(quote: Quote) -> dict[str, Any]:
    """The row saved for `quote`: each history entry keeps only the fields that differ from the version
    after it, and the oldest entries go beyond HISTORY_LIMIT versions or HISTORY_CHARS of JSON.

    A note edited on a 10 MB quote so adds the old note, not another 10 MB.
    """
    row = quote.to_dict()
    later = _fields(quote)
    kept: list[dict[str, Any]] = []
    size = 0
    for entry in reversed(quote.history[-HISTORY_LIMIT:]):
        whole = {**later, **entry}
        change = {k: v for k, v in entry.items() if k not in _SNAPSHOT_FIELDS}
        change.update({name: whole[name] for name in _SNAPSHOT_FIELDS if name in whole and whole[name] != later[name]})
        size += len(json.dumps(change, ensure_ascii=False))
        if kept and size > HISTORY_CHARS:
            break
        kept.append(change)
        later = {name: whole.get(name) for name in _SNAPSHOT_FIELDS}
    kept.reverse()
    row["history"] = kept
    return row


def _snapshot(quote: Quote, why: str) -> dict[str, Any]:
    """The fields of `quote` worth keeping in another version's history."""
    entry = {name: getattr(quote, name) for name in _SNAPSHOT_FIELDS}
    entry["tags"] = list(quote.tags)
    entry["replaced"] = now_iso()
    entry["why"] = why
    return entry


def _push_history(quote: Quote, earlier: Quote, why: str) -> None:
    quote.history = [*earlier.history, _snapshot(earlier, why)][-HISTORY_LIMIT:]


# -- undo -------------------------------------------------------------------------------


@dataclass
class UndoStep:
    """One quote action and how to take it back and do it again."""

    label: str
    undo: Callable[[], Any]
    redo: Callable[[], Any]


class UndoLog:
    """Undo and redo for the quote actions of this session.

    Each action records its inverse; `undo()` runs the latest inverse and makes
    the action redoable, `redo()` does it again.  A new action clears the redo
    list.  Undo and redo are themselves saved durably like any other change.
    """

    def __init__(self, limit: int = 500) -> None:
        self.limit = limit
        self._done: list[UndoStep] = []
        self._undone: list[UndoStep] = []
        self._guard = threading.RLock()

    def record(self, label: str, undo: Callable[[], Any], redo: Callable[[], Any]) -> None:
        with self._guard:
            self._done.append(UndoStep(label, undo, redo))
            del self._done[: -self.limit]
            self._undone.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def peek_undo(self) -> str | None:
        """What `undo()` would take back, for a menu or a message."""
        return self._done[-1].label if self._done else None

    def undo(self) -> str | None:
        """Take back the latest action; returns its label, or None if there is nothing to undo.

        If the inverse fails (the quote was removed meanwhile by another
        process), the step is dropped and the error raised.
        """
        with self._guard:
            if not self._done:
                return None
            step = self._done.pop()
            step.undo()
            self._undone.append(step)
            return step.label

    def redo(self) -> str | None:
        """Do again the latest undone action; returns its label, or None."""
        with self._guard:
            if not self._undone:
                return None
            step = self._undone.pop()
            step.redo()
            self._done.append(step)
            return step.label

    def clear(self) -> None:
        with self._guard:
            self._done.clear()
            self._undone.clear()


class _Rows(dict[str, dict[str, Any]]):
    """Quote rows by id, read fresh under the lock; `unchanged` skips the save."""

    unchanged = False


# -- the book ------------------------------------------------------------------------------


@dataclass
class ReanchorReport:
    """What `reanchor_document` did to the quotes of one document."""

    kept: int = 0
    moved: int = 0
    reworded: int = 0
    review: int = 0
    #: the quotes file was damaged, so nothing was re-anchored
    damaged: bool = False


class QuoteBook:
    """The user's quotes in `<data>/quotes.json`: create, find, edit, remove, undo, re-anchor, verify."""

    def __init__(self, data_dir: Path, lock: WriteLock, documents: DocumentSource, *, speaker: SpeakerResolver) -> None:
        """Quotes of the library in `data_dir`, changed under its write `lock`.

        `documents` gives the texts quotes are anchored in; `speaker` resolves a
        name or alias for the `speaker` filter.  The Library assembles these.
        """
        self.source = documents
        self.resolve_speaker = speaker
        self._lock = lock
        self.path = Path(data_dir) / "quotes.json"
        self.drafts_path = Path(data_dir) / "drafts.json"
        self._storage = AtomicJSONStorage(
            self.path, backups=QUOTE_BACKUPS, backup_interval=BACKUP_INTERVAL, kind=QUOTES_FILE
        )
        self._drafts_lock = StoreLock(Path(data_dir) / ".drafts.lock", timeout=3.0)
        self.undo_log = UndoLog()
        #: who makes the changes: recorded as `created_by` / `modified_by` of the quotes they touch
        self.user = local_user()
        self._cache: dict[str, dict[str, Any]] | None = None
        self._cache_key: tuple[int, int, int, int] | None = None
        #: rows of the last read that are not readable quotes: (id or row number, row, why)
        self._unreadable: builtins.list[tuple[str, Any, str]] = []
        #: one line per row this session set aside in the rejected-rows file, not yet reported
        self._set_aside: builtins.list[str] = []

    # -- the file ----------------------------------------------------------------------
    @property
    def lock(self) -> WriteLock:
        """The data folder's write lock, held for every read-modify-write of quotes.json."""
        return self._lock

    @property
    def rejected_path(self) -> Path:
        """Where rows of quotes.json that are not readable quotes are kept (`quotes.rejected.json`)."""
        return self.path.with_name("quotes.rejected.json")

    def _read_rows(self) -> dict[str, dict[str, Any]]:
        """quotes.json's readable quotes as {id: row}; DamagedFile (file set aside) if it is not a quotes file.

        NewerSchema (file untouched) if a newer sayso wrote it.  A row that is
        not a readable quote (a field missing or of the wrong type, a second row
        with the same id) is left out and remembered for `problems()`; the next
        save moves it to the rejected-rows file instead of carrying it along.
        """
        data = read_json_file(self.path, QUOTES_FILE)
        self._unreadable = []
        if data is None:
            return {}
        rows: dict[str, dict[str, Any]] = {}
        for key, row in data.get("quotes", {}).items():
            why = row_problem(row)
            if why is None and row["id"] in rows:
                why = "another row has the same id"
            if why is not None:
                qid = row.get("id") if isinstance(row, dict) else None
                name = qid[:SHORT_ID] if isinstance(qid, str) and qid.strip() else f"in row {key}"
                self._unreadable.append((name, row, why))
                continue
            rows[row["id"]] = row
        return rows

    def problems(self) -> builtins.list[str]:
        """One line per unreadable quote row: those left out of the last read, then those set aside since last asked."""
        lines = [
            f"quote {name} in {self.path.name} cannot be read ({why}): left out; the next save moves it to "
            f"{self.rejected_path.name}"
            for name, _, why in self._unreadable
        ]
        lines += self._set_aside
        self._set_aside = []
        return lines

    def _keep_rejected(self, unreadable: builtins.list[tuple[str, Any, str]]) -> None:
        """Add unreadable rows to the rejected-rows file (durably, before quotes.json is saved without them)."""
        try:
            kept = read_json_file(self.rejected_path, TINYDB_FILE) or {}
        except DamagedFile:
            kept = {}  # the damaged copy is set aside intact; start a new one
        table = dict(kept.get("rejected", {}))
        known = [entry.get("row") for entry in table.values() if isinstance(entry, dict)]
        for _name, row, why in unreadable:
            if row not in known:
                table[str(len(table) + 1)] = {"row": row, "why": why, "from": self.path.name, "rejected": now_iso()}
        AtomicJSONStorage(self.rejected_path, kind=TINYDB_FILE).write({"rejected": table})
        self._set_aside += [
            f"quote {name} in {self.path.name} could not be read ({why}); set aside in {self.rejected_path.name}"
            for name, _, why in unreadable
        ]

    def _rows(self) -> dict[str, dict[str, Any]]:
        """The rows for reading, re-parsed only when the file on disk was replaced."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            self._cache = None
            return self._read_rows()
        key = (st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size)
        if self._cache is None or key != self._cache_key:
            self._cache = self._read_rows()
            self._cache_key = key
        return self._cache

    def _write_rows(self, rows: dict[str, dict[str, Any]]) -> None:
        ordered = sorted(rows.values(), key=lambda r: (r.get("created", ""), r["id"]))
        data = {
            "meta": {"1": quotes_meta()},
            "quotes": {str(i + 1): row for i, row in enumerate(ordered)},
        }
        self._storage.write(data)
        self._cache = None

    @contextlib.contextmanager
    def _writing(self) -> Iterator[_Rows]:
        """Read-modify-write under the library's lock: change the yielded rows, saved on exit.

        The body sets `rows.unchanged = True` when it changed nothing, to skip the save.
        """
        with self.lock.held():
            rows = _Rows(self._read_rows())
            unreadable = self._unreadable
            yield rows
            if not rows.unchanged:
                if unreadable:
                    self._keep_rejected(unreadable)
                self._write_rows(rows)
                self._unreadable = []

    def _all(self) -> list[Quote]:
        return [_quote(row) for row in self._rows().values()]

    # -- documents -----------------------------------------------------------------------
    def _document_text(self, doc_id: str) -> tuple[list[Passage], str]:
        passages = self.source.passages(doc_id)
        return passages, document_text(passages)

    # -- creating --------------------------------------------------------------------------
    def add(
        self,
        doc_ref: str,
        exact: str,
        prefix: str | None = None,
        suffix: str | None = None,
        note: str = "",
        tags: Iterable[str] = (),
        occurrence: int | None = None,
        *,
        record: bool = True,
    ) -> Quote:
        """Quote `exact` words of a document (spacing, quote marks and case may differ).

        Several places with these words: narrow them with `prefix`/`suffix`
        (words right before/after) or pick the `occurrence`-th (1-based);
        otherwise Ambiguous lists the candidates.  The stored `exact` is the
        document's own characters.
        """
        doc, passage = self._document_or_passage(doc_ref)
        passages, text = self._document_text(doc.id)
        words = exact.strip()
        if not words:
            raise SaysoError("give the exact words to quote")
        lo, hi, where = 0, len(text), repr(doc.title)
        if passage is not None:
            # A passage id (as search prints it): the words within that turn.
            turn = next((p for p in passages if p.index == passage), None)
            if turn is None:
                raise NotFound(f"{doc.title!r} has no passage {passage + 1}", what="document", ref=doc_ref)
            lo, hi, where = turn.offset, turn.offset + len(turn.text), f"passage {passage + 1} of {doc.title!r}"
        spans = [(s, e) for s, e in anchoring.find_exact(text, words) if lo <= s and e <= hi] or [
            (s, e) for s, e in anchoring.find_folded(text, words) if lo <= s and e <= hi
        ]
        if not spans:
            elsewhere = anchoring.find_exact(text, words) or anchoring.find_folded(text, words)
            under = anchoring.passages_in_span(passages, *elsewhere[0]) if elsewhere else []
            hint = f" (they are in passage {under[0].index + 1})" if under else self._closest_hint(text[lo:hi], words)
            raise NotFound(f"{anchoring.one_line(words)!r} is not in {where}{hint}")
        total = len(spans)
        if prefix and prefix.strip():
            want = anchoring.folded(prefix)
            spans = [
                (s, e) for s, e in spans if anchoring.folded(text[max(0, s - 3 * len(prefix) - 16) : s]).endswith(want)
            ]
        if suffix and suffix.strip():
            want = anchoring.folded(suffix)
            spans = [(s, e) for s, e in spans if anchoring.folded(text[e : e + 3 * len(suffix) + 16]).startswith(want)]
        if not spans:
            raise NotFound(
                f"{anchoring.one_line(words)!r} occurs {total} time(s) in {where} but never with those "
                "words right before or after it"
            )
        if occurrence is not None:
            if not 1 <= occurrence <= len(spans):
                raise SaysoError(f"there is no occurrence {occurrence}: the words occur {len(spans)} time(s)")
            spans = [spans[occurrence - 1]]
        if len(spans) > 1:
            raise self._ambiguous(doc.title, words, text, passages, spans)
        start, end = spans[0]
        return self._create(doc.id, passages, text, start, end, note, tags, record)

    def _document_or_passage(self, ref: str) -> tuple[Document, int | None]:
        """The document `ref` names, and the passage's index when it is a passage id (`<document>:<index>`, as
        `sayso search` prints it) rather than a document's id, title or source."""
        try:
            return self.source.document(ref), None
        except NotFound as missing:
            doc_ref, colon, index = ref.rpartition(":")
            if not (colon and doc_ref and index.isascii() and index.isdigit()):
                raise
            try:
                return self.source.document(doc_ref), int(index)
            except NotFound:
                raise missing from None

    def _closest_hint(self, text: str, words: str) -> str:
        for _, s, e in anchoring._fuzzy_spans(text, words)[:1]:
            s, e = anchoring.snap_to_words(text, s, e)
            if fuzzy.similarity(anchoring.folded(words), anchoring.folded(text[s:e])) >= 0.7:
                return f"; closest: {anchoring.one_line(text[s:e])!r}"
        return " (the words must appear in the text; check spelling)"

    def _ambiguous(
        self, title: str, words: str, text: str, passages: list[Passage], spans: list[tuple[int, int]]
    ) -> Ambiguous:
        listed = []
        candidates = []
        for n, (s, e) in enumerate(spans, 1):
            before, after = anchoring.context(text, s, e, 30)
            under = anchoring.passages_in_span(passages, s, e)
            who = under[0].speaker if under and under[0].speaker else "no speaker"
            where = f"passage {under[0].index + 1}" if under else ""
            flat_before, flat_after = " ".join(f"{before}|".split())[:-1], " ".join(f"|{after}".split())[1:]
            shown = f"…{flat_before[-30:]}[{anchoring.one_line(text[s:e], 40)}]{flat_after[:30]}…"
            candidates.append(
                {
                    "occurrence": n,
                    "start": s,
                    "end": e,
                    "speaker": under[0].speaker if under else None,
                    "passage": under[0].id if under else None,
                    "context": shown,
                }
            )
            if n <= 5:
                listed.append(f"#{n} {who}, {where}: {shown}")
        more = f"; and {len(spans) - 5} more" if len(spans) > 5 else ""
        return Ambiguous(
            f"{anchoring.one_line(words, 40)!r} occurs {len(spans)} times in {title!r}: " + "; ".join(listed) + more,
            candidates=candidates,
            narrow_by="place",
        )

    def add_span(
        self, doc_id: str, start: int, end: int, note: str = "", tags: Iterable[str] = (), *, record: bool = True
    ) -> Quote:
        """Quote the characters `[start, end)` of a document's text (a selection in the reader)."""
        doc = self.source.document(doc_id)
        passages, text = self._document_text(doc.id)
        return self._create(doc.id, passages, text, start, end, note, tags, record)

    def _placement(self, passages: list[Passage], text: str, start: int, end: int) -> dict[str, Any]:
        """The anchor fields for `[start, end)`, checked: inside the text, some words, one speaker."""
        if not (0 <= start < end <= len(text)):
            raise SaysoError(f"selection {start}-{end} is outside the document (0-{len(text)})")
        s, e = anchoring.trim_span(text, start, end)
        if s >= e:
            raise SaysoError("the selection holds no words")
        speakers = anchoring.speakers_in_span(passages, s, e)
        if len(speakers) > 1:
            names = " and ".join(sp or "no speaker" for sp in speakers[:3])
            raise SaysoError(f"a quote keeps to one speaker; this one runs across {names}")
        under = anchoring.passages_in_span(passages, s, e)
        prefix, suffix = anchoring.context(text, s, e)
        return {
            "exact": text[s:e],
            "prefix": prefix,
            "suffix": suffix,
            "start": s,
            "end": e,
            "passage": under[0].id if under else None,
            "speaker": under[0].speaker if under else None,
            "timestamp": under[0].start if under else None,
            "text_hash": text_hash(text),
        }

    def _create(
        self,
        doc_id: str,
        passages: list[Passage],
        text: str,
        start: int,
        end: int,
        note: str,
        tags: Iterable[str],
        record: bool,
    ) -> Quote:
        stamp = now_iso()
        quote = Quote(
            id=uuid.uuid4().hex,
            document=doc_id,
            note=note or "",
            tags=clean_tags(tags),
            created=stamp,
            modified=stamp,
            revision=1,
            created_by=self.user,
            modified_by=self.user,
            tag_by=dict.fromkeys(clean_tags(tags), self.user) if self.user else {},
            status=ANCHORED,
            **self._placement(passages, text, start, end),
        )
        with self._writing() as rows:
            rows[quote.id] = _stored(quote)
        if record:
            self.undo_log.record(
                f"add quote {short_id(quote)}",
                undo=lambda: self.remove(quote.id, record=False),
                redo=lambda: self.restore(quote, record=False),
            )
        return quote

    # -- reading ----------------------------------------------------------------------------
    def get(self, ref: str) -> Quote:
        """A quote by id or unique id prefix."""
        key = ref.strip().lower()
        if not key:
            raise NotFound("give a quote id", what="quote", ref=ref)
        rows = self._rows()
        if key in rows:
            return _quote(rows[key])
        found = [row for qid, row in rows.items() if qid.startswith(key)]
        if len(found) == 1:
            return _quote(found[0])
        if found:
            listed = ", ".join(row["id"][: max(SHORT_ID, len(key) + 2)] for row in found[:6])
            raise Ambiguous(f"quote id {ref!r} matches several: {listed} (give more characters)")
        raise NotFound(f"no quote with id {ref!r}", what="quote", ref=ref)

    def list(
        self,
        tag: str | None = None,
        speaker: str | None = None,
        doc: str | None = None,
        status: str | None = None,
        text: str | None = None,
        exclude: Iterable[str] | None = None,
        by: str | None = None,
    ) -> builtins.list[Quote]:
        """Quotes matching every filter given, oldest first (best match first with `text`).

        `by` is who made or last changed them ("me": the user of this book; case ignored).

        `doc` is a document reference (or the id of a removed document);
        `speaker` a name or alias; `status` "anchored" or "needs review";
        `text` a typo-tolerant filter over the words, note, tags and speaker;
        `exclude` words or phrases none of those may hold (whole words, folded).
        """
        quotes = self._all()
        unwanted = [f" {fold(e)} " for e in exclude or () if fold(e)]
        if unwanted:
            quotes = [q for q in quotes if not any(e in f" {fold(f)} " for f in self._fields(q) for e in unwanted)]
        if doc:
            wanted_docs = self._doc_ids(doc, quotes)
            quotes = [q for q in quotes if q.document in wanted_docs]
        if speaker:
            names = self._speaker_names(speaker, quotes)
            quotes = [q for q in quotes if q.speaker and q.speaker.casefold() in names]
        if tag:
            # (the tag, or where no quote has it, the tags it begins: "agri" for "agriculture", as typed)
            want = tag.lstrip("#").strip().casefold()
            if not any(t.casefold() == want for q in quotes for t in q.tags):
                quotes = [q for q in quotes if any(t.casefold().startswith(want) for t in q.tags)]
            else:
                quotes = [q for q in quotes if any(t.casefold() == want for t in q.tags)]
        if by and by.strip():
            who = (self.user if by.strip().casefold() == "me" else by.strip()).casefold()
            quotes = [
                q for q in quotes if who in (q.created_by.casefold(), q.modified_by.casefold(), q.note_by.casefold())
            ]
        if status:
            want = NEEDS_REVIEW if status.strip().casefold() in ("review", "needs review", "needs-review") else status
            quotes = [q for q in quotes if q.status == want]
        quotes.sort(key=lambda q: (q.created, q.id))
        if text and text.strip():
            scored = [(self._text_score(q, text), q) for q in quotes]
            quotes = [q for score, q in sorted(scored, key=lambda sq: -sq[0]) if score >= 0.8]
        return quotes

    def _doc_ids(self, ref: str, quotes: builtins.list[Quote]) -> set[str]:
        try:
            return {self.source.document(ref).id}
        except NotFound:
            found = {q.document for q in quotes if q.document.startswith(ref.strip())}
            if found:
                return found
            raise

    def _speaker_names(self, ref: str, quotes: Iterable[Quote] = ()) -> set[str]:
        try:
            found = self.resolve_speaker(ref)
            return {n.casefold() for n in [found.name, *found.aliases]}
        except NotFound:
            # a misspelt first or last name ("nixn"): the quotes' speakers whose names hold the closest word, as
            # search's `speaker:` forgives it
            key = fold(ref)
            spoken = sorted({q.speaker for q in quotes if q.speaker})
            if len(key) >= 3 and " " not in key:
                held = fuzzy.holding_closest_word(key, [fold(name).split() for name in spoken])
                if held:
                    return {spoken[i].casefold() for i in held}
            return {ref.strip().casefold()}
        except Ambiguous as exc:
            if exc.narrow_by != "document":
                raise
            # A label that is a different person in each document ("Interviewer"): the label in every
            # document, which a `doc` filter narrows.
            return {ref.strip().casefold()}

    @staticmethod
    def _fields(quote: Quote) -> builtins.list[str]:
        """What the text filter reads of a quote: its words, note, tags and speaker."""
        return [quote.exact, quote.note, " ".join(quote.tags), quote.speaker or ""]

    @classmethod
    def _text_score(cls, quote: Quote, query: str) -> float:
        want = anchoring.folded(query)
        fields = cls._fields(quote)
        best = 0.0
        for value in fields:
            have = anchoring.folded(value)
            if not have:
                continue
            if want in have:
                return 1.0
            if len(want) >= 3:
                best = max(best, fuzzy.partial_similarity(want, have))
        return best

    def people(self) -> builtins.list[str]:
        """Everyone who made or changed a quote, most quotes first (the Quotes pane's person filter)."""
        counts: Counter[str] = Counter()
        for q in self._all():
            counts.update({name for name in (q.created_by, q.modified_by) if name})
        return [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))]

    def tags(self) -> builtins.list[str]:
        """Every tag in use, most used first (then alphabetically)."""
        counts: Counter[str] = Counter()
        spelling: dict[str, str] = {}
        for q in self._all():
            for t in q.tags:
                counts[t.casefold()] += 1
                spelling.setdefault(t.casefold(), t)
        return [spelling[k] for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def quotes_for_document(self, doc_id: str) -> builtins.list[Quote]:
        """One document's quotes in reading order (for marking them in the reader)."""
        return sorted((q for q in self._all() if q.document == doc_id), key=lambda q: (q.start, q.end))

    def quotes_at(self, doc_id: str, pos: int) -> builtins.list[Quote]:
        """Anchored quotes covering document position `pos` (the reader shows their notes)."""
        return [q for q in self.quotes_for_document(doc_id) if q.status == ANCHORED and q.start <= pos < q.end]

    def passages_with_tag(self, tag: str) -> set[str]:
        """Ids of the passages holding a quote tagged `tag` (search's `tag:` facet)."""
        want = tag.lstrip("#").strip().casefold()
        return {q.passage for q in self._all() if q.passage and any(t.casefold() == want for t in q.tags)}

    def needs_review(self) -> builtins.list[Quote]:
        """Quotes that could not be placed after their document changed, minus those kept detached."""
        return [q for q in self.list(status=NEEDS_REVIEW) if not q.detached]

    def verify(self) -> builtins.list[tuple[Quote, bool, str]]:
        """Re-check every quote's exact words against its document's current text.

        Returns (quote, ok, message) for each quote; `ok` is False when the
        words at the stored positions are not the quote's words.
        """
        results: builtins.list[tuple[Quote, bool, str]] = []
        texts: dict[str, str | None] = {}
        known = {d.id for d in self.source.documents()}
        for q in sorted(self._all(), key=lambda q: (q.document, q.start)):
            if q.document not in texts:
                texts[q.document] = self._document_text(q.document)[1] if q.document in known else None
            text = texts[q.document]
            if text is None:
                results.append((q, False, "its document is no longer in the library"))
                continue
            actual = text[q.start : q.end]
            if actual == q.exact:
                note = f"ok; marked for review: {q.review_reason}" if q.status == NEEDS_REVIEW else "ok"
                results.append((q, True, note))
                continue
            elsewhere = anchoring.find_exact(text, q.exact)
            where = (
                f"; the words are still found at {elsewhere[0][0]}" if elsewhere else "; the words are not in the text"
            )
            results.append(
                (q, False, f"the text at {q.start}-{q.end} now reads {anchoring.one_line(actual, 50)!r}{where}")
            )
        return results

    # -- changing --------------------------------------------------------------------------------
    def _update(
        self, quote_id: str, change: Callable[[Quote], None], why: str, expect: int | None = None
    ) -> tuple[Quote, Quote]:
        """Apply `change` to the freshest version of a quote; the earlier version goes to history.

        With `expect` (the revision the change was made on), a quote changed since is a conflict:
        nothing is overwritten, the version `change` would have made is kept in the quote's history,
        and EditConflict says what each holds.
        """
        conflict: tuple[Quote, Quote] | None = None
        with self._writing() as rows:
            row = rows.get(quote_id)
            if row is None:
                raise NotFound(f"quote {quote_id[:SHORT_ID]} no longer exists (removed elsewhere?)")
            before = _quote(row)
            after = _quote(row)
            after.tags = list(after.tags)
            change(after)
            after.modified_by = self.user
            if expect is not None and before.revision != expect:
                if _snapshot(after, why) | {"replaced": ""} == _snapshot(before, why) | {"replaced": ""}:
                    rows.unchanged = True  # (the same change was made by them: nothing to keep apart)
                    return before, before
                kept = _quote(row)
                kept.history = [*before.history, _snapshot(after, CONFLICT_KEPT)][-HISTORY_LIMIT:]
                rows[quote_id] = _stored(kept)
                conflict = (before, after)
            elif _snapshot(after, why) | {"replaced": ""} != _snapshot(before, why) | {"replaced": ""}:
                after.modified = now_iso()
                after.revision = before.revision + 1
                _push_history(after, before, why)
                rows[quote_id] = _stored(after)
            else:
                rows.unchanged = True
        if conflict is not None:
            # Theirs as they left it; its history now also holds mine.
            theirs, mine = self.get(quote_id), conflict[1]
            who = f" by {theirs.modified_by}" if theirs.modified_by else ""
            raise EditConflict(
                f"quote {quote_id[:SHORT_ID]} was changed{who} at {theirs.modified[:19].replace('T', ' ')} "
                f"(revision {theirs.revision}) after you read it (revision {expect}): nothing was overwritten; "
                "your version is kept in its history",
                theirs=theirs,
                mine=mine,
            )
        return before, after

    def edit(
        self,
        ref: str,
        note: str | None = None,
        tags: Iterable[str] | None = None,
        add_tags: Iterable[str] = (),
        remove_tags: Iterable[str] = (),
        *,
        record: bool = True,
        expect: int | None = None,
        private: bool | None = None,
    ) -> Quote:
        """Change a quote's note and tags (set `tags`, or `add_tags` / `remove_tags`).

        `expect` is the revision the user saw: if the quote changed since, EditConflict (nothing lost).
        `private` makes the note private to its author or shares it (on a shared archive).
        """
        quote_id = self.get(ref).id
        new_tags = None if tags is None else clean_tags(tags)
        adding = clean_tags(add_tags)
        removing = {t.casefold() for t in clean_tags(remove_tags)}

        def change(q: Quote) -> None:
            had = {t.casefold() for t in q.tags}
            if note is not None:
                q.note = note
            if new_tags is not None:
                q.tags = list(new_tags)
            q.tags = clean_tags([*q.tags, *adding])
            q.tags = [t for t in q.tags if t.casefold() not in removing]
            if private is not None:
                q.private = private
            # Who put each tag on (kept for the tags it still has).
            q.tag_by = {t: by for t, by in q.tag_by.items() if t in q.tags}
            for t in q.tags:
                if t.casefold() not in had and self.user:
                    q.tag_by[t] = self.user

        before, after = self._update(quote_id, change, "edit", expect)
        if record and (before.note, before.tags) != (after.note, after.tags):
            self.undo_log.record(
                f"edit quote {short_id(after)}",
                undo=lambda: self.edit(quote_id, note=before.note, tags=before.tags, record=False),
                redo=lambda: self.edit(quote_id, note=after.note, tags=after.tags, record=False),
            )
        return after

    def remove(self, ref: str, *, record: bool = True) -> Quote:
        """Delete a quote; returns it (give it to `restore` to bring it back)."""
        quote_id = self.get(ref).id
        with self._writing() as rows:
            row = rows.pop(quote_id, None)
            if row is None:
                raise NotFound(f"quote {quote_id[:SHORT_ID]} no longer exists (removed elsewhere?)")
        removed = _quote(row)
        if record:
            self.undo_log.record(
                f"delete quote {short_id(removed)}",
                undo=lambda: self.restore(removed, record=False),
                redo=lambda: self.remove(quote_id, record=False),
            )
        return removed

    def restore(self, quote: Quote, *, record: bool = True) -> Quote:
        """Put `quote` back as it was (undo of a delete); if it exists, it replaces it (history kept)."""
        restored = Quote.from_dict(quote.to_dict())
        with self._writing() as rows:
            current = rows.get(quote.id)
            if current is not None:
                earlier = _quote(current)
                _push_history(restored, earlier, "restore")
                restored.modified = now_iso()
            rows[quote.id] = _stored(restored)
        if record:
            if current is None:
                self.undo_log.record(
                    f"restore quote {short_id(restored)}",
                    undo=lambda: self.remove(restored.id, record=False),
                    redo=lambda: self.restore(restored, record=False),
                )
            else:
                self.undo_log.record(
                    f"restore quote {short_id(restored)}",
                    undo=lambda: self.restore(earlier, record=False),
                    redo=lambda: self.restore(restored, record=False),
                )
        return restored

    def reattach(self, ref: str, start: int, end: int, *, record: bool = True) -> Quote:
        """Anchor a quote needing review to `[start, end)` of its document's current text."""
        quote = self.get(ref)
        if quote.document not in {d.id for d in self.source.documents()}:
            raise SaysoError("its document is no longer in the library; import it again first")
        passages, text = self._document_text(quote.document)
        placement = self._placement(passages, text, start, end)

        def change(q: Quote) -> None:
            for name, value in placement.items():
                setattr(q, name, value)
            q.status, q.review_reason, q.detached, q.suggestion = ANCHORED, "", False, None

        before, after = self._update(quote.id, change, "re-attached")
        self._record_replace("re-attach", before, after, record)
        return after

    def accept_suggestion(self, ref: str, *, record: bool = True) -> Quote:
        """Re-attach a quote needing review to the suggested words re-anchoring found (and showed the user).

        If the document changed again since, the suggested words are looked
        for where they now are; they are never swapped for other words.
        """
        quote = self.get(ref)
        if not quote.suggestion:
            raise SaysoError(
                f"quote {short_id(quote)} has no suggested place; re-attach it by hand or keep it detached"
            )
        start, end = int(quote.suggestion["start"]), int(quote.suggestion["end"])
        words = str(quote.suggestion.get("exact", ""))
        if quote.document in {d.id for d in self.source.documents()}:
            text = self._document_text(quote.document)[1]
            if words and text[start:end] != words:
                found = anchoring.find_exact(text, words)
                if len(found) != 1:
                    raise SaysoError(
                        f"the suggested words of quote {short_id(quote)} are no longer in the document "
                        "as suggested; place it by hand"
                    )
                start, end = found[0]
        return self.reattach(quote.id, start, end, record=record)

    def keep_detached(self, ref: str, *, record: bool = True) -> Quote:
        """Keep a quote needing review as it is, without a place in the text (its words stay)."""
        quote = self.get(ref)

        def change(q: Quote) -> None:
            q.detached = True
            if q.status != NEEDS_REVIEW:
                q.status = NEEDS_REVIEW
                q.review_reason = q.review_reason or "kept detached by the user"

        before, after = self._update(quote.id, change, "kept detached")
        self._record_replace("keep detached", before, after, record)
        return after

    def _record_replace(self, label: str, before: Quote, after: Quote, record: bool) -> None:
        if record:
            self.undo_log.record(
                f"{label} quote {short_id(after)}",
                undo=lambda: self.restore(before, record=False),
                redo=lambda: self.restore(after, record=False),
            )

    def rename_speaker(self, old: str, new: str, documents: Collection[str] | None = None) -> int:
        """Follow a speaker rename (Library.edit_speaker), only on quotes of `documents` if given; returns how many changed."""
        changed = 0
        with self._writing() as rows:
            for row in rows.values():
                if row.get("speaker") == old and (documents is None or row.get("document") in documents):
                    row["speaker"] = new
                    changed += 1
            rows.unchanged = not changed
        return changed

    def set_speakers(self, speakers: dict[str, str | None]) -> int:
        """Give quotes (by id) the speaker named, as a change to people (corpus.people) or its undo decides;
        returns how many changed.  Only the speaker changes: words, note, tags and place stay."""
        changed = 0
        with self._writing() as rows:
            for row in rows.values():
                quote_id = row.get("id")
                if quote_id in speakers and row.get("speaker") != speakers[quote_id]:
                    row["speaker"] = speakers[quote_id]
                    changed += 1
            rows.unchanged = not changed
        return changed

    # -- undo -----------------------------------------------------------------------------------
    def undo(self) -> str | None:
        """Take back this session's latest quote action; returns what was undone, or None."""
        return self.undo_log.undo()

    def redo(self) -> str | None:
        """Do again the latest undone quote action; returns what was redone, or None."""
        return self.undo_log.redo()

    # -- re-anchoring -----------------------------------------------------------------------------
    def refers_to(self, doc_id: str) -> bool:
        """Whether any quote is on `doc_id` (False when the quotes file is damaged: re-anchoring skips it then)."""
        if not os.path.exists(self.path):
            return False  # (no quotes yet, or a damaged file set aside: the same answer, without reading the folder)
        try:
            return any(row.get("document") == doc_id for row in self._rows().values())
        except (DamagedFile, NewerSchema):
            return False

    def reanchor_document(self, doc_id: str) -> ReanchorReport:
        """Find the quotes of a re-imported (or removed) document again in its current text.

        A quote whose exact words are found again (whitespace aside) and placed
        confidently moves to its new position quietly.  Every other quote is
        marked "needs review" with its stored words and positions untouched and
        the closest place as a suggestion: it is never moved onto other words.
        Quotes kept detached are left alone.
        """
        report = ReanchorReport()
        try:
            if not any(row.get("document") == doc_id for row in self._rows().values()):
                return report
        except (DamagedFile, NewerSchema):
            # A damaged quotes file must not block importing; `restore_backup` re-anchors stale quotes.
            # One a newer sayso wrote is left to that sayso.
            report.damaged = True
            return report
        with self.lock.held():
            present = doc_id in {d.id for d in self.source.documents()}
            passages, text = self._document_text(doc_id) if present else ([], "")
            current_hash = text_hash(text)
            with self._writing() as rows:
                untouched = {k: json.loads(json.dumps(v)) for k, v in rows.items() if v.get("document") == doc_id}
                for qid, row in list(rows.items()):
                    if row.get("document") != doc_id:
                        continue
                    quote = _quote(row)
                    if quote.detached:
                        continue
                    if not present:
                        if quote.status != NEEDS_REVIEW:
                            earlier = _quote(row)
                            quote.status, quote.review_reason = (
                                NEEDS_REVIEW,
                                "its document was removed from the library",
                            )
                            _push_history(quote, earlier, "document removed")
                            rows[qid] = _stored(quote)
                        report.review += 1
                        continue
                    outcome = self._reanchor_one(quote, passages, text, current_hash)
                    setattr(report, outcome, getattr(report, outcome) + 1)
                    rows[qid] = _stored(quote)
                rows.unchanged = all(rows.get(k) == v for k, v in untouched.items())
        return report

    def _reanchor_one(self, quote: Quote, passages: builtins.list[Passage], text: str, current_hash: str) -> str:
        """Re-anchor `quote` in place; returns "kept", "moved", "reworded" or "review"."""
        if (
            quote.text_hash == current_hash
            and text[quote.start : quote.end] == quote.exact
            and quote.status == ANCHORED
        ):
            under = anchoring.passages_in_span(passages, quote.start, quote.end)
            if under and under[0].speaker == quote.speaker:
                return "kept"
        earlier = Quote.from_dict(quote.to_dict())
        hints = anchoring.AnchorHints(
            exact=quote.exact,
            prefix=quote.prefix,
            suffix=quote.suffix,
            start=quote.start,
            end=quote.end,
            speaker=quote.speaker,
            timestamp=quote.timestamp,
        )
        found = anchoring.relocate(text, passages, hints)
        if found.placed is None:
            quote.status = NEEDS_REVIEW
            quote.review_reason = found.reason
            sug = found.suggestion
            quote.suggestion = (
                None
                if sug is None
                else {
                    "start": sug.start,
                    "end": sug.end,
                    "exact": sug.exact,
                    "confidence": round(sug.confidence, 3),
                }
            )
            if (earlier.status, earlier.review_reason) != (quote.status, quote.review_reason):
                _push_history(quote, earlier, "needs review after re-import")
            return "review"
        place = found.placed
        if not anchoring.same_words(place.exact, quote.exact):
            # The words a user quoted are theirs: never moved onto other words, not even a comma apart.
            quote.status = NEEDS_REVIEW
            quote.review_reason = (
                f"its exact words are no longer in the document (closest: {place.method} match, "
                f"{place.words:.0%} alike)"
            )
            quote.suggestion = {
                "start": place.start,
                "end": place.end,
                "exact": place.exact,
                "confidence": round(place.confidence, 3),
            }
            if (earlier.status, earlier.review_reason) != (quote.status, quote.review_reason):
                _push_history(quote, earlier, "needs review after re-import")
            return "review"
        prefix, suffix = anchoring.context(text, place.start, place.end)
        under = anchoring.passages_in_span(passages, place.start, place.end)
        quote.exact = place.exact
        quote.start, quote.end, quote.prefix, quote.suffix = place.start, place.end, prefix, suffix
        quote.passage = under[0].id if under else None
        quote.speaker = under[0].speaker if under else quote.speaker
        quote.timestamp = under[0].start if under else None
        quote.text_hash = current_hash
        quote.status, quote.review_reason, quote.suggestion = ANCHORED, "", None
        reworded = earlier.exact != quote.exact
        if reworded or earlier.speaker != quote.speaker or earlier.status != ANCHORED:
            why = f"re-anchored ({place.method} match, {place.confidence:.0%} confident)"
            if reworded:
                why += ": the words changed"
            _push_history(quote, earlier, why)
            quote.modified = now_iso()
        if reworded:
            return "reworded"
        return "kept" if (earlier.start, earlier.end) == (quote.start, quote.end) else "moved"

    def reanchor_stale(self) -> ReanchorReport:
        """Re-anchor every quote whose document text changed since it was anchored (e.g. after a restore)."""
        total = ReanchorReport()
        hashes = {d.id: d.text_hash for d in self.source.documents()}
        stale = {
            q.document
            for q in self._all()
            if not q.detached
            and (q.document not in hashes or q.text_hash != hashes[q.document] or q.status != ANCHORED)
        }
        for doc_id in sorted(stale):
            part = self.reanchor_document(doc_id)
            for name in ("kept", "moved", "reworded", "review"):
                setattr(total, name, getattr(total, name) + getattr(part, name))
        return total

    # -- damage and backups ---------------------------------------------------------------------------
    def backups(self) -> builtins.list[tuple[Path, int]]:
        """Good backups of quotes.json, newest first, with how many readable quotes each holds."""
        out = []
        for path in good_backups(self.path, QUOTES_FILE):
            try:
                table = (read_json_file(path, QUOTES_FILE) or {}).get("quotes", {})
            except SaysoError:
                continue
            out.append((path, sum(row_problem(row) is None for row in table.values())))
        return out

    def restore_backup(self, path: str | os.PathLike[str] | None = None) -> builtins.list[Quote]:
        """Make a backup (default: the newest good one) the quotes file again; returns its quotes.

        The current quotes.json, if any, is kept beside it, so nothing is lost.
        Quotes on documents that changed since are re-anchored.
        """
        with self.lock.held():
            if path is not None:
                backup = Path(path)
                try:
                    raw = backup.read_bytes()
                except OSError as exc:
                    raise SaysoError(f"cannot read {backup}: {exc.strerror or exc}") from None
                reason = judge(raw, QUOTES_FILE, backup)[1]
                if reason:
                    raise DamagedFile(f"{backup.name} cannot be restored: {reason}", path=str(self.path))
            else:
                offered = self.backups()
                if not offered:
                    raise DamagedFile(
                        f"no good backup of {self.path.name} to restore",
                        path=str(self.path),
                        recovery="empty",
                    )
                backup = offered[0][0]
            restore_backup(self.path, backup, QUOTES_FILE)
            self._cache = None
            quotes = self._all()
        with contextlib.suppress(SaysoError):
            # Quotes on documents re-imported since the backup are re-anchored now if the library is
            # readable; otherwise `verify` will show them and the next re-import re-anchors them.
            self.reanchor_stale()
        return quotes

    def start_empty(self) -> None:
        """After damage with no good backup: start a new, empty quotes file (set-aside copies stay)."""
        with self.lock.held():
            if self.path.exists():
                try:
                    read_json_file(self.path, QUOTES_FILE)
                except DamagedFile:
                    pass
                else:
                    raise SaysoError(f"{self.path.name} is not damaged; nothing to start afresh from")
            start_empty(self.path, QUOTES_FILE)
            self._cache = None

    # -- drafts -------------------------------------------------------------------------------------------
    def save_draft(self, key: str, text: str, target: dict[str, Any] | None = None) -> None:
        """Keep an unfinished note durably, with what it is for (`target`: the words, their context, a quote id).

        The app calls this while a note is typed, when its save fails and on
        hangup/SIGTERM.  A draft is removed only by `clear_draft`, that is when
        the user saves or discards it.
        """
        with self._drafts_lock.held():
            drafts = self._read_drafts()
            row: dict[str, Any] = {"key": key, "text": text, "saved": now_iso()}
            if target is not None:
                row["target"] = target
            elif isinstance(drafts.get(key, {}).get("target"), dict):
                row["target"] = drafts[key]["target"]
            drafts[key] = row
            self._write_drafts(drafts)

    def drafts(self) -> dict[str, str]:
        """Saved drafts: key -> text."""
        return {key: row["text"] for key, row in self.draft_rows().items()}

    def draft_rows(self) -> dict[str, dict[str, Any]]:
        """Saved drafts: key -> {"key", "text", "saved", and "target" when it was saved with one}."""
        return {key: row for key, row in self._read_drafts().items() if isinstance(row.get("text"), str)}

    def draft_problems(self) -> builtins.list[str]:
        """One line per damaged drafts file set aside since last asked (its drafts are in the set-aside copy)."""
        lines: builtins.list[str] = getattr(self, "_drafts_damage", [])
        self._drafts_damage: builtins.list[str] = []
        return lines

    def clear_draft(self, key: str) -> None:
        with self._drafts_lock.held():
            drafts = self._read_drafts()
            if drafts.pop(key, None) is not None:
                self._write_drafts(drafts)

    def keep_draft_detached(self, target: dict[str, Any], note: str, tags: Iterable[str], reason: str) -> Quote:
        """Keep a draft whose words cannot be placed as a detached quote: its words and note, no place in the text."""
        stamp = now_iso()
        quote = Quote(
            id=uuid.uuid4().hex,
            document=str(target.get("doc_id", "")),
            exact=str(target.get("words", "")),
            prefix=str(target.get("prefix", "")),
            suffix=str(target.get("suffix", "")),
            start=int(target.get("start", 0) or 0),
            end=int(target.get("end", 0) or 0),
            text_hash=str(target.get("text_hash", "")),
            note=note,
            tags=clean_tags(tags),
            created=stamp,
            modified=stamp,
            revision=1,
            created_by=self.user,
            modified_by=self.user,
            tag_by=dict.fromkeys(clean_tags(tags), self.user) if self.user else {},
            status=NEEDS_REVIEW,
            review_reason=reason,
            detached=True,
        )
        if not quote.exact.strip():
            raise SaysoError("the draft keeps no words to quote; copy its text instead")
        return self.restore(quote)

    def _read_drafts(self) -> dict[str, dict[str, Any]]:
        try:
            data = read_json_file(self.drafts_path, DRAFTS_FILE) or {}
        except DamagedFile as exc:
            # The damaged copy is set aside intact (renamed, so reading does not keep failing: a new
            # draft must still be saved) and the damage is reported once through draft_problems().
            from sayso.corpus.store import set_aside_copies

            kept = []
            for copy in set_aside_copies(self.drafts_path):
                renamed = copy.with_name(copy.name.replace(".damaged-", ".unreadable-"))
                with contextlib.suppress(OSError):
                    copy.rename(renamed)
                    kept.append(renamed.name)
            why = str(exc).split(";")[0]
            where = f"; set aside intact as {kept[0]} (its notes are in it)" if kept else ""
            self._drafts_damage = [*getattr(self, "_drafts_damage", []), f"{why}{where}"]
            return {}
        rows = data.get("drafts", {})
        return {row["key"]: row for row in rows.values() if isinstance(row, dict) and "key" in row}

    def _write_drafts(self, drafts: dict[str, dict[str, Any]]) -> None:
        table = {str(i + 1): row for i, row in enumerate(drafts.values())}
        AtomicJSONStorage(self.drafts_path, kind=DRAFTS_FILE).write({**DRAFTS_FILE.empty(), "drafts": table})
