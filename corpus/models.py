"""Plain dataclasses shared by every part of sayso.

Their fields are the JSON contract of the CLI (`sayso docs --json`, `sayso show`,
`sayso speakers`, `sayso search`, `sayso quotes`): `to_dict()` gives exactly what
the CLI prints, `from_dict()` reads what the store saved.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from typing import TYPE_CHECKING, Any, Self, cast, overload

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

#: Document kinds an importer may report.
KINDS = ("panel", "interview", "podcast", "article", "speaker page", "subtitles", "hearing", "debate", "talk", "script")

#: The separator placed between passages when a document's text is laid end to end.
#: Character positions of quotes (W3C TextPositionSelector) count in that text.
PASSAGE_SEPARATOR = "\n\n"


class _Record:
    """Mixin giving dataclasses a JSON-friendly round trip."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(cast("DataclassInstance", self))  # every _Record is a dataclass

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        try:
            # Fast path: a row saved by this version has exactly the fields.
            return cls(**data)
        except TypeError:
            names = _field_names(cast(type, cls))  # a class is hashable; mypy cannot see it for type[Self]
            return cls(**{k: v for k, v in data.items() if k in names})

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Self:
        """`from_dict` for a row no one else holds (just parsed or copied): the row becomes the record's fields.

        A row with exactly the record's fields is taken as it is, without a call
        of `__init__` (a library's 3,000 documents are built on every change);
        any other row goes through `from_dict`.  Like `from_dict`, it does not
        check the values' types.
        """
        if row.keys() == _field_names(cast(type, cls)):
            record = object.__new__(cls)
            record.__dict__.update(row)
            return record
        return cls.from_dict(row)


@cache
def _field_names(cls: type) -> frozenset[str]:
    """The field names of a dataclass, computed once (from_dict runs per passage on every load)."""
    return frozenset(f.name for f in fields(cls))


@dataclass
class Passage(_Record):
    """One turn (or one paragraph of an essay) in reading order.

    `offset` is where `text` starts in the document text (passages joined by
    PASSAGE_SEPARATOR); `sentences` are `[start, end]` character spans into `text`.
    """

    id: str
    document: str
    index: int
    speaker: str | None
    text: str
    start: float | None = None
    end: float | None = None
    offset: int = 0
    sentences: list[list[int]] = field(default_factory=list)
    heading: str | None = None


class JoinedTexts(Sequence[str]):
    """A document's passage texts held as one string and where each ends, read as a sequence of strings.

    A parse makes each passage's text as a string of its own, amid the many
    short-lived objects of reading the document; those strings then pin the
    memory of everything made beside them until the last is let go.  Joined
    into one string once the parse is done, the texts take their own size,
    and the memory of the parse is given back before the search index is
    built.  Each text (or run of texts) is sliced out when asked for.
    """

    __slots__ = ("_ends", "_text")

    def __init__(self, texts: Sequence[str]) -> None:
        self._text = "".join(texts)
        ends = array("q", [0])
        at = 0
        for text in texts:
            at += len(text)
            ends.append(at)
        self._ends = ends

    def __len__(self) -> int:
        return len(self._ends) - 1

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        ends, text = self._ends, self._text
        if isinstance(i, slice):
            return [text[ends[k] : ends[k + 1]] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("passage text index out of range")
        return text[ends[i] : ends[i + 1]]

    @property
    def whole(self) -> str:
        """All the texts end to end (no separator), as held."""
        return self._text

    def lengths(self) -> Iterator[int]:
        """Each text's length, without making the texts."""
        ends = self._ends
        return (ends[k + 1] - ends[k] for k in range(len(self)))


@dataclass(frozen=True, slots=True)
class PassageTable:
    """One document's passages as columns: what the search index and the passages file read of them.

    A large import hands its passages on in this form rather than as a Passage
    object each (which cost as much memory again as their text).  The passages
    are laid out as the library lays them out: passage `i` has the id
    `<document>:<i>` and the index `i`.
    """

    document: str
    texts: Sequence[str]
    #: each passage's speaker under the library's name for them
    speakers: Sequence[str | None]
    starts: Sequence[float | None]

    def __len__(self) -> int:
        return len(self.texts)


@dataclass
class Document(_Record):
    """One imported source file and its citation metadata."""

    id: str
    title: str
    kind: str
    source: str
    content_hash: str = ""
    text_hash: str = ""
    date: str | None = None
    url: str | None = None
    speakers: list[str] = field(default_factory=list)
    passages: int = 0
    words: int = 0
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    imported: str = ""
    publisher: str | None = None
    event: str | None = None
    place: str | None = None
    #: who hosts, interviews or moderates (CSL `interviewer` of an interview, `host` of a broadcast);
    #: None when unknown.  Libraries saved before this field existed load with None.
    host: str | None = None
    #: how speakers were found: {"shape", "description", "turns", "confidence"[, "pattern"][, "doubted"]} (see
    #: corpus.importers.grammar); None for documents imported before conventions were recorded
    convention: dict[str, Any] | None = None
    #: the --labels pattern the user gave for this document, reused on re-import
    labels: str | None = None
    #: how many pieces of source text were left out of the passages (`sayso show DOC --dropped` lists them)
    dropped: int = 0
    #: the recording: an http(s) URL or a file's absolute path (`sayso doc edit --media`; a media file
    #: beside the transcript with the same name is found at import); None when there is none
    media: str | None = None


@dataclass
class Speaker(_Record):
    """A person across the library, with every name they go by, and what the user said they are."""

    name: str
    aliases: list[str] = field(default_factory=list)
    passages: int = 0
    documents: list[str] = field(default_factory=list)
    #: passages per document id, so re-importing one document updates the totals
    counts: dict[str, int] = field(default_factory=dict)
    #: what they are ("Senator", "Host of Oxide and Friends"); the user's, a `role:` search facet
    role: str | None = None
    #: whom or where they are from ("Connecticut", "Oxide Computer"); the user's, a `from:` search facet
    affiliation: str | None = None
    #: a placeholder the document gave ("Speaker 1", "Unknown Speaker"), not a person's name: one person
    #: per document until the user names them (set when listed; see corpus.identity.is_placeholder)
    unnamed: bool = False

    @property
    def about(self) -> str:
        """Who they are, as attributions show it: "Senator, Connecticut" ("" when neither is known)."""
        return ", ".join(part for part in (self.role, self.affiliation) if part)


@dataclass
class ParsedPassage:
    """What an importer yields for one passage, before the library gives it ids."""

    speaker: str | None
    text: str
    start: float | None = None
    end: float | None = None
    heading: str | None = None
    #: sentence spans, when worked out ahead (a folder import does that in worker processes)
    sentences: list[list[int]] | None = None


@dataclass
class ParsedDocument:
    """What an importer makes of one file: passages plus what it learned about it."""

    title: str
    kind: str
    passages: list[ParsedPassage]
    #: full speaker name -> other names used for them in this document (initials, short forms)
    speakers: dict[str, list[str]] = field(default_factory=dict)
    date: str | None = None
    url: str | None = None
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    #: whom the document names as host, interviewer or moderator ("; " between several)
    host: str | None = None
    #: the labelling convention applied: {"shape", "description", "turns", "confidence"[, "pattern"][, "doubted"]}
    convention: dict[str, Any] | None = None
    #: source text left out of the passages: [{"reason", "text"}]
    dropped: list[dict[str, str]] = field(default_factory=list)


def document_text(passages: list[Passage]) -> str:
    """The document's text as quotes count positions in it."""
    return PASSAGE_SEPARATOR.join(p.text for p in passages)


def passage_index_at(passages: Sequence[Passage], pos: int) -> int:
    """The index of the passage holding position `pos` of the document text, or -1 when there are none.

    A position in the separator after a passage belongs to that passage; one
    before the text belongs to the first and one past the end to the last.
    """
    if not passages:
        return -1
    return max(0, bisect_right(passages, pos, key=_offset) - 1)


def passage_at(passages: Sequence[Passage], pos: int) -> Passage | None:
    """The passage holding position `pos` of the document text (see `passage_index_at`)."""
    index = passage_index_at(passages, pos)
    return passages[index] if index >= 0 else None


def _offset(passage: Passage) -> int:
    return passage.offset


@dataclass
class Hit(_Record):
    """One search result: the passage, who said it, where, how well it matched.

    `spans` are `[start, end]` character offsets into `text` of the matched words.
    """

    passage: str
    document: str
    speaker: str | None
    text: str
    score: float
    spans: list[list[int]] = field(default_factory=list)
    title: str = ""
    index: int = 0
    start: float | None = None
    #: how it was found: "words", "meaning" (only by meaning search) or "both"
    match: str = "words"


@dataclass
class Quote(_Record):
    """The user's quote: exact words anchored W3C-style, plus their note and tags.

    `start`/`end` are character positions in the document text (see
    `document_text`); `prefix`/`suffix` are the words around it, used with the
    speaker and timestamp to re-anchor the quote when the document changes.
    `status` is "anchored" or "needs review".
    """

    id: str
    document: str
    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int = 0
    end: int = 0
    passage: str | None = None
    speaker: str | None = None
    timestamp: float | None = None
    text_hash: str = ""
    note: str = ""
    tags: list[str] = field(default_factory=list)
    created: str = ""
    modified: str = ""
    status: str = "anchored"
    history: list[dict[str, Any]] = field(default_factory=list)
    #: why a quote needs review (empty when anchored)
    review_reason: str = ""
    #: the user chose to keep this quote detached (its words kept, no place in the text)
    detached: bool = False
    #: for a quote needing review: the best place found, {"start", "end", "exact", "confidence"}
    suggestion: dict[str, Any] | None = None
    #: rises by one with every change: an edit made on an older revision is a conflict (QuoteBook.edit's `expect`)
    revision: int = 0
    #: who made the quote and who last changed it (the login name locally; the server role on an archive)
    created_by: str = ""
    modified_by: str = ""
    #: on a shared archive: the note is seen only by its author (`note_by`); locally every note is the user's own
    private: bool = False
    note_by: str = ""
    #: who put each tag on: {tag: name}
    tag_by: dict[str, str] = field(default_factory=dict)
