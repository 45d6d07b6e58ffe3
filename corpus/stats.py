"""Who spoke how much: turns, words, talk time and share of the talk, per document and per person.

Figures come from the library's public reading API (`Library.documents`,
`passages`, `speakers`); nothing here writes.  A document's passages are
turned into columns once (words, start, end, speaker code) and every figure
is a numpy sum over them, so a library of 100k passages costs the reading of
its passages files and little more.  A document's columns are cached by the
version of its passages file, so asking again after an edit elsewhere rereads
only what changed.

Definitions (the README repeats them):

* a *turn* is a run of consecutive passages by one speaker (a long statement
  cut into several passages is still one turn);
* *words* are whitespace-separated words, as `Document.words` counts them;
* *talk time* of a passage is its own recorded end minus its start; without an
  end, the next timed passage's start minus its start; without either, it is
  estimated from its words at `WORDS_PER_MINUTE` and the figure is marked
  `estimated`;
* *share* of the talk is by time when every attributed passage counted is
  timed (`share_basis == "time"`), else by words (`"words"`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from sayso.corpus.identity import name_key
from sayso.corpus.models import Document, Passage, Speaker
from sayso.corpus.words import count_words

if TYPE_CHECKING:
    from sayso.corpus.library import Library

#: The speaking rate used to estimate talk time from words where a passage has no timestamps.
WORDS_PER_MINUTE = 150

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Appearance:
    """A document a person appears in, for first and last appearance."""

    document: str
    title: str
    date: str | None


@dataclass(slots=True)
class PersonStats:
    """One person's figures in one document or across the corpus."""

    name: str
    turns: int = 0
    passages: int = 0
    words: int = 0
    #: talk time in seconds (measured where timestamps allow, else estimated)
    seconds: float = 0.0
    #: the part of `seconds` estimated from words
    estimated_seconds: float = 0.0
    #: share of the talk (0..1) among the people counted, by the basis its owner states
    share: float = 0.0
    #: the longest turn: its words, talk time, and where it starts (document id, passage index)
    longest_turn_words: int = 0
    longest_turn_seconds: float = 0.0
    longest_turn_document: str = ""
    longest_turn_passage: int = 0
    documents: int = 0
    #: the earliest and latest dated documents they appear in (None when none is dated)
    first: Appearance | None = None
    last: Appearance | None = None

    @property
    def estimated(self) -> bool:
        """Whether any of the talk time is estimated from words."""
        return self.estimated_seconds > 0

    def to_dict(self) -> dict[str, Any]:
        data = _rounded(asdict(self))
        data["estimated"] = self.estimated
        return data


def _rounded(data: dict[str, Any]) -> dict[str, Any]:
    """Figures for JSON: seconds and shares to 3 decimals (261.68, not 261.67999999999995)."""
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in data.items()}


@dataclass(slots=True)
class DocumentStats:
    """One document's figures: totals, and each speaker's (largest share first)."""

    document: str
    title: str
    date: str | None
    passages: int
    turns: int
    words: int
    seconds: float
    estimated_seconds: float
    #: "time" or "words": what the speakers' shares are shares of
    share_basis: str
    #: words and seconds of passages attributed to no one (titles, stage directions)
    unattributed_words: int
    unattributed_seconds: float
    speakers: list[PersonStats] = field(default_factory=list)
    #: the whole document laid out for a timeline: each turn's speaker (None: no one), first passage,
    #: and where it starts and ends on the document's time axis (seconds, or words when untimed)
    timeline: list[TimelineTurn] = field(default_factory=list)
    #: what the timeline's axis counts: "time" or "words"
    timeline_basis: str = "words"

    @property
    def estimated(self) -> bool:
        return self.estimated_seconds > 0

    def to_dict(self) -> dict[str, Any]:
        data = _rounded({k: v for k, v in asdict(self).items() if k not in ("speakers", "timeline")})
        data["estimated"] = self.estimated
        data["speakers"] = [s.to_dict() for s in self.speakers]
        return data


@dataclass(frozen=True, slots=True)
class TimelineTurn:
    """One turn on a document's timeline."""

    speaker: str | None
    passage: int
    passages: int
    start: float
    end: float


@dataclass(slots=True)
class CorpusStats:
    """The whole library's figures: totals and each person's (largest share first)."""

    documents: int
    passages: int
    turns: int
    words: int
    seconds: float
    estimated_seconds: float
    share_basis: str
    people: list[PersonStats] = field(default_factory=list)

    @property
    def estimated(self) -> bool:
        return self.estimated_seconds > 0

    def to_dict(self) -> dict[str, Any]:
        data = _rounded({k: v for k, v in asdict(self).items() if k != "people"})
        data["estimated"] = self.estimated
        data["people"] = [p.to_dict() for p in self.people]
        return data


# -- one document as columns ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Columns:
    """A document's passages reduced to what statistics need, one entry per passage."""

    #: speaker names in order of first appearance; codes index them, -1 is no one
    names: tuple[str, ...]
    codes: Ints
    words: Ints
    seconds: Floats
    #: whether each passage's seconds are estimated from words
    estimated: npt.NDArray[np.bool_]
    #: each passage's start on the timeline's axis (seconds when every passage has a start, else words)
    axis: Floats
    axis_basis: str


def _columns(passages: Sequence[Passage]) -> _Columns:
    n = len(passages)
    names: dict[str, int] = {}
    codes = np.fromiter(
        (-1 if p.speaker is None else names.setdefault(p.speaker, len(names)) for p in passages), np.int64, n
    )
    words = np.fromiter((count_words(p.text) for p in passages), np.int64, n)
    starts = np.fromiter((np.nan if p.start is None else p.start for p in passages), np.float64, n)
    ends = np.fromiter((np.nan if p.end is None else p.end for p in passages), np.float64, n)
    # The next timed passage's start, for passages without an end of their own.
    following = np.full(n, np.nan)
    if n > 1:
        later = starts[1:].copy()
        # back-fill: each slot takes the first non-NaN start at or after it
        idx = np.where(np.isnan(later), n - 1, np.arange(n - 1))
        idx = np.minimum.accumulate(idx[::-1])[::-1]
        padded = np.append(later, np.nan)
        following[:-1] = padded[idx]
    with np.errstate(invalid="ignore"):
        own = ends - starts
        own[~(own >= 0)] = np.nan
        until_next = following - starts
        until_next[~(until_next >= 0)] = np.nan
    seconds = np.where(np.isnan(own), until_next, own)
    estimated = np.isnan(seconds)
    seconds[estimated] = words[estimated] * 60.0 / WORDS_PER_MINUTE
    # The timeline runs on time when every passage has a start, in order (the last one's length may
    # be estimated); otherwise on words.
    timed = n > 0 and not np.isnan(starts).any() and bool(np.all(np.diff(starts) >= 0))
    if timed:
        first = float(np.nanmin(starts))
        axis = starts - first
    else:
        axis = np.concatenate(([0.0], np.cumsum(words[:-1], dtype=np.float64))) if n else np.zeros(0)
    return _Columns(tuple(names), codes, words, seconds, estimated, axis, "time" if timed else "words")


_CACHE: OrderedDict[tuple[str, str, str], _Columns] = OrderedDict()
_CACHE_LOCK = threading.Lock()
#: Documents whose columns are kept between calls (a few hundred bytes per passage each).
CACHE_SIZE = 2048


def _document_columns(lib: Library, doc_id: str) -> _Columns:
    """The columns of `doc_id`, from the cache when its passages file has not changed."""
    version = lib.passage_versions().get(doc_id, "")
    key = (str(lib.data_dir), doc_id, version)
    if version:
        with _CACHE_LOCK:
            found = _CACHE.get(key)
            if found is not None:
                _CACHE.move_to_end(key)
                return found
    columns = _columns(lib.passages(doc_id))
    if version:
        with _CACHE_LOCK:
            _CACHE[key] = columns
            while len(_CACHE) > CACHE_SIZE:
                _CACHE.popitem(last=False)
    return columns


# -- figures ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Turns:
    """The turns of one document: each one's speaker code, first passage, words and seconds."""

    codes: Ints
    first: Ints
    counts: Ints
    words: Ints
    seconds: Floats


def _turns(c: _Columns) -> _Turns:
    n = len(c.codes)
    if n == 0:
        empty = np.zeros(0, np.int64)
        return _Turns(empty, empty, empty, empty, np.zeros(0))
    starts = np.flatnonzero(np.concatenate(([True], c.codes[1:] != c.codes[:-1])))
    ids = np.cumsum(np.concatenate(([1], (c.codes[1:] != c.codes[:-1]).astype(np.int64)))) - 1
    k = len(starts)
    return _Turns(
        codes=c.codes[starts],
        first=starts.astype(np.int64),
        counts=np.bincount(ids, minlength=k).astype(np.int64),
        words=np.bincount(ids, weights=c.words, minlength=k).astype(np.int64),
        seconds=np.bincount(ids, weights=c.seconds, minlength=k).astype(np.float64),
    )


def _speaker_figures(doc: Document, c: _Columns, t: _Turns) -> list[PersonStats]:
    """Each speaker's figures in one document (share left at 0: the caller knows the basis)."""
    k = len(c.names)
    if k == 0:
        return []
    spoken = c.codes >= 0
    codes = c.codes[spoken]
    passages = np.bincount(codes, minlength=k)
    words = np.bincount(codes, weights=c.words[spoken], minlength=k)
    seconds = np.bincount(codes, weights=c.seconds[spoken], minlength=k)
    guessed = np.bincount(codes, weights=np.where(c.estimated, c.seconds, 0.0)[spoken], minlength=k)
    said = t.codes >= 0
    turns = np.bincount(t.codes[said], minlength=k)
    # The longest turn of each speaker: sort turns by (speaker, words), take each speaker's last.
    order = np.lexsort((-t.first[said], t.words[said], t.codes[said]))
    tc = t.codes[said][order]
    last_of_each = np.flatnonzero(np.concatenate((tc[1:] != tc[:-1], [True]))) if len(tc) else np.zeros(0, np.int64)
    longest: dict[int, int] = {int(tc[i]): int(np.flatnonzero(said)[order[i]]) for i in last_of_each}
    appearance = Appearance(doc.id, doc.title, doc.date)
    people = []
    for code, name in enumerate(c.names):
        best = longest.get(code)
        people.append(
            PersonStats(
                name=name,
                turns=int(turns[code]),
                passages=int(passages[code]),
                words=int(words[code]),
                seconds=float(seconds[code]),
                estimated_seconds=float(guessed[code]),
                longest_turn_words=int(t.words[best]) if best is not None else 0,
                longest_turn_seconds=float(t.seconds[best]) if best is not None else 0.0,
                longest_turn_document=doc.id,
                longest_turn_passage=int(t.first[best]) if best is not None else 0,
                documents=1,
                first=appearance if doc.date else None,
                last=appearance if doc.date else None,
            )
        )
    return people


def _share(people: Sequence[PersonStats]) -> str:
    """Set each person's share of the talk, by time when none of theirs is estimated, else by words."""
    basis = "time" if people and not any(p.estimated for p in people) else "words"
    total = sum(p.seconds if basis == "time" else p.words for p in people)
    for p in people:
        p.share = (p.seconds if basis == "time" else p.words) / total if total else 0.0
    return basis


def _by_share(people: list[PersonStats]) -> list[PersonStats]:
    return sorted(people, key=lambda p: (-p.share, -p.words, p.name.casefold()))


def document_stats(lib: Library, doc: Document, *, timeline: bool = True) -> DocumentStats:
    """The figures of one document, its speakers largest share first, with its timeline unless told not."""
    return _document_stats(doc, _document_columns(lib, doc.id), timeline=timeline)


def stats_of_passages(doc: Document, passages: Sequence[Passage]) -> DocumentStats:
    """The figures of one document from passages already read (the app has them open)."""
    return _document_stats(doc, _columns(passages))


def _document_stats(doc: Document, c: _Columns, *, timeline: bool = True) -> DocumentStats:
    t = _turns(c)
    people = _speaker_figures(doc, c, t)
    basis = _share(people)
    nobody = c.codes < 0
    axis_end = float(c.axis[-1] + (c.seconds[-1] if c.axis_basis == "time" else c.words[-1])) if len(c.axis) else 0.0
    edges: list[float] = (np.append(c.axis[t.first], axis_end) if len(t.first) else np.zeros(1)).tolist()
    turns = (
        [
            TimelineTurn(
                speaker=c.names[code] if code >= 0 else None,
                passage=first,
                passages=count,
                start=edges[i],
                end=max(edges[i + 1], edges[i]),
            )
            for i, (code, first, count) in enumerate(
                zip(t.codes.tolist(), t.first.tolist(), t.counts.tolist(), strict=True)
            )
        ]
        if timeline
        else []
    )
    return DocumentStats(
        document=doc.id,
        title=doc.title,
        date=doc.date,
        passages=len(c.codes),
        turns=int((t.codes >= 0).sum()),
        words=int(c.words.sum()),
        seconds=float(c.seconds.sum()),
        estimated_seconds=float(c.seconds[c.estimated].sum()),
        share_basis=basis,
        unattributed_words=int(c.words[nobody].sum()),
        unattributed_seconds=float(c.seconds[nobody].sum()),
        speakers=_by_share(people),
        timeline=turns,
        timeline_basis=c.axis_basis,
    )


def _people_lookup(speakers: Sequence[Speaker]) -> dict[tuple[str, str], int]:
    """(document id, name key) -> the index of the person in `speakers` who speaks under that name there."""
    lookup: dict[tuple[str, str], int] = {}
    for i, s in enumerate(speakers):
        keys = [name_key(n) for n in [s.name, *s.aliases]]
        for doc_id in {*s.documents, *s.counts}:
            for key in keys:
                lookup.setdefault((doc_id, key), i)
    return lookup


def _date_key(date: str | None) -> str:
    return date or ""


def corpus_stats(
    lib: Library,
    documents: Sequence[Document] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[CorpusStats, list[DocumentStats]]:
    """The whole library's figures per person, and each document's, read through `lib`.

    A person is one entry of `lib.speakers()` (a placeholder such as "Speaker 1"
    is a different person in each document); `progress(done, total)` is called
    after each document.
    """
    docs = list(lib.documents() if documents is None else documents)
    speakers = lib.speakers()
    lookup = _people_lookup(speakers)
    per_doc: list[DocumentStats] = []
    people: dict[int | str, PersonStats] = {}
    for done, doc in enumerate(docs, 1):
        figures = document_stats(lib, doc, timeline=False)
        per_doc.append(figures)
        for s in figures.speakers:
            found = lookup.get((doc.id, name_key(s.name)))
            key: int | str = found if found is not None else f"{doc.id}\0{s.name}"
            name = speakers[found].name if found is not None else s.name
            _add(people.setdefault(key, PersonStats(name=name)), s)
        if progress is not None:
            progress(done, len(docs))
    everyone = list(people.values())
    basis = _share(everyone)
    totals = CorpusStats(
        documents=len(docs),
        passages=sum(d.passages for d in per_doc),
        turns=sum(d.turns for d in per_doc),
        words=sum(d.words for d in per_doc),
        seconds=sum(d.seconds for d in per_doc),
        estimated_seconds=sum(d.estimated_seconds for d in per_doc),
        share_basis=basis,
        people=_by_share(everyone),
    )
    return totals, per_doc


def _add(total: PersonStats, part: PersonStats) -> None:
    """Fold one document's figures for a person into their corpus figures."""
    total.turns += part.turns
    total.passages += part.passages
    total.words += part.words
    total.seconds += part.seconds
    total.estimated_seconds += part.estimated_seconds
    total.documents += part.documents
    if part.longest_turn_words > total.longest_turn_words:
        total.longest_turn_words = part.longest_turn_words
        total.longest_turn_seconds = part.longest_turn_seconds
        total.longest_turn_document = part.longest_turn_document
        total.longest_turn_passage = part.longest_turn_passage
    if part.first is not None and (total.first is None or _date_key(part.first.date) < _date_key(total.first.date)):
        total.first = part.first
    if part.last is not None and (total.last is None or _date_key(part.last.date) >= _date_key(total.last.date)):
        total.last = part.last


def percent(share: float) -> str:
    """A share as a whole percentage, "<1%" for one that rounds to nothing (everyone in a large library
    showed "0%")."""
    shown = f"{share:.0%}"
    return "<1%" if share > 0 and shown == "0%" else shown


def clock(seconds: float) -> str:
    """`seconds` as h:mm:ss (m:ss under an hour)."""
    whole = round(seconds)
    h, m, s = whole // 3600, whole % 3600 // 60, whole % 60
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
