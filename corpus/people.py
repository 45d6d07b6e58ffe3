"""People across the library: naming a document's unnamed speakers, merging and splitting people, and undo.

A document's labels ("Speaker 1", "SPEAKER_00" shown as "Speaker 1", "Unknown
Speaker") are one person per document until the user names them.  Naming a
label in a document moves its turns to a person (a new one, or someone already
known: that merges them); the choice is the user's data, kept in library.json's
edits for the document under "speakers" as `{label: {"person", "passages"}}`,
so a re-import names the label again (`person_for_label`), and the passages the
label covered are the provenance a wrong merge is split back out by.

Every change to people (a rename, merge, split, role or affiliation) is written
with a journal entry holding what it replaced (people-journal.json, see
corpus.store), so `undo` puts back the people, the documents' passages and the
quotes' speakers as they were, also after a restart.  An undo is refused when
the library changed since in another way (an import): it would put back a
state that no longer fits.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from sayso.corpus.document_ref import find_document
from sayso.corpus.errors import Ambiguous, NotFound, SaysoError
from sayso.corpus.identity import is_placeholder, name_key
from sayso.corpus.models import Document, Passage, Speaker

if TYPE_CHECKING:
    from sayso.corpus.quotes import QuoteBook
    from sayso.corpus.sources import LibraryStore, WordIndex
    from sayso.corpus.store import LibraryData


class SplitNeedsName(SaysoError):
    """A split of turns the document itself gave under the person's name: who they are must be said."""


class Library(Protocol):
    """What People needs of corpus.library.Library (named here: the library imports this module)."""

    store: LibraryStore

    @property
    def quotes(self) -> QuoteBook: ...
    @property
    def index(self) -> WordIndex: ...
    def _save_index(self) -> None: ...
    def document(self, ref: str) -> Document: ...
    def speaker(self, ref: str, doc: str | None = None) -> Speaker: ...
    def passages(self, doc_id: str) -> list[Passage]: ...
    @classmethod
    def _resolve_speaker_in(cls, ref: str, speakers: list[Speaker], doc: Document) -> Speaker: ...
    @staticmethod
    def _resolve_speaker(ref: str, speakers: list[Speaker], documents: list[Document] | None = None) -> Speaker: ...


#: The key of a document's edits that holds the user's names for its labels.
LABELS_KEY = "speakers"


def tidy_name(name: str) -> str:
    return " ".join(name.split())


def labels_of(data: LibraryData, doc_id: str) -> dict[str, dict[str, Any]]:
    """The user's names for one document's labels: {label: {"person", "passages"}} (a live dict)."""
    edits = data.edits.setdefault(doc_id, {})
    found = edits.get(LABELS_KEY)
    if not isinstance(found, dict):
        found = edits[LABELS_KEY] = {}
    return found


def person_for_label(named: dict[str, Any], label: str) -> str | None:
    """The person the user named for `label` in a document (`named` is its labels map), else None."""
    key = name_key(label)
    for given, entry in named.items():
        if name_key(given) == key and isinstance(entry, dict) and isinstance(entry.get("person"), str):
            return str(entry["person"])
    return None


@dataclass
class PeopleChange:
    """What a change to people did: one line to show, and the people as they are now."""

    description: str
    speakers: list[Speaker] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "change": self.description,
            "speakers": [s.to_dict() for s in self.speakers],
            "documents": self.documents,
        }


class _Journal:
    """What a change replaced, gathered before each part of it changes (see the module)."""

    def __init__(self, lib: Library, data: LibraryData) -> None:
        self.lib = lib
        self.generation = data.generation
        self.speakers = [s.to_dict() for s in data.speakers]
        self.labels = {d: copy.deepcopy(e[LABELS_KEY]) for d, e in data.edits.items() if e.get(LABELS_KEY)}
        self.docs: dict[str, dict[str, Any]] = {}

    def touch(self, document: Document, passages: Sequence[Passage]) -> None:
        """Remember a document's speakers, its passages' speakers and its quotes' speakers before they change."""
        if document.id in self.docs:
            return
        self.docs[document.id] = {
            "speakers": list(document.speakers),
            "host": document.host,
            "passages": [p.speaker for p in passages],
            "quotes": {q.id: q.speaker for q in self.lib.quotes.quotes_for_document(document.id)},
        }

    def entry(self, description: str, generation: int) -> dict[str, Any]:
        return {
            "change": description,
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "before": self.generation,
            "generation": generation,
            "speakers": self.speakers,
            "labels": self.labels,
            "documents": self.docs,
        }


def unique_aliases(person: Speaker) -> None:
    """The person's aliases without repeats or their own display name (`name_key` equal), in order."""
    seen = {name_key(person.name)}
    unique = []
    for alias in person.aliases:
        if name_key(alias) not in seen:
            seen.add(name_key(alias))
            unique.append(alias)
    person.aliases = unique


def _tally(data: LibraryData) -> None:
    for s in data.speakers:
        s.passages = sum(s.counts.values())
        s.documents = sorted(s.counts)
    data.speakers = [s for s in data.speakers if s.passages]


def find_person(data: LibraryData, name: str, document: Document, *, besides: Speaker | None = None) -> Speaker | None:
    """The person `name` names for turns of `document`: by name, else alias; None for someone new.

    A placeholder ("Speaker 2") names only this document's own.  Ambiguous when
    the name or alias is several people's, or a part of several people's names
    (say the full name).
    """
    key = name_key(name)
    others = [s for s in data.speakers if s is not besides]
    if is_placeholder(name):
        others = [s for s in others if document.id in s.counts]
    named = [s for s in others if name_key(s.name) == key]
    if not named:
        named = [s for s in others if key in {name_key(a) for a in s.aliases}]
    if len(named) > 1:
        raise Ambiguous(
            f"{name!r} is the name of {len(named)} people ({', '.join(s.name for s in named[:5])}); "
            "give one a different name or role first"
        )
    if named:
        return named[0]
    if not is_placeholder(name):
        partial = [s for s in others if not is_placeholder(s.name) and key in name_key(s.name).split(" ")]
        if len(partial) > 1:
            raise Ambiguous(f"{name!r} could be {', '.join(s.name for s in partial[:5])}: give the full name")
    return None


def move_turns(
    data: LibraryData,
    document: Document,
    passages: list[Passage],
    source: Speaker,
    new_name: str,
    indices: Iterable[int] | None = None,
    *,
    in_place: bool = True,
) -> Speaker:
    """Give `source`'s turns in `document` (all of them, or the passages `indices`) to the person `new_name`.

    The person is someone known (the turns merge into theirs) or new; when the
    turns are all `source` ever said and the name is nobody's, `source` is just
    renamed (keeping role and affiliation; a real old name becomes an alias).
    The labels map of the document records which labels now go to whom.
    """
    new_name = tidy_name(new_name)
    if not new_name:
        raise SaysoError("a speaker's name cannot be empty")
    moving = sorted(set(indices)) if indices is not None else [p.index for p in passages if p.speaker == source.name]
    if not moving:
        raise NotFound(f"{source.name} has no turns in {document.id} {document.title!r}")
    target = find_person(data, new_name, document, besides=source)
    before = source.name
    whole = set(source.counts) == {document.id} and len(moving) == source.counts.get(document.id, 0)
    if target is None and whole and in_place:
        if not is_placeholder(before) and name_key(before) != name_key(new_name):
            source.aliases.append(before)
        source.name = new_name
        unique_aliases(source)
        target = source
    elif target is None:
        target = Speaker(name=new_name)
        data.speakers.append(target)
    if target is not source:
        left = source.counts.get(document.id, 0) - len(moving)
        if left > 0:
            source.counts[document.id] = left
        else:
            source.counts.pop(document.id, None)
        target.counts[document.id] = target.counts.get(document.id, 0) + len(moving)
    at = set(moving)
    for p in passages:
        if p.index in at:
            p.speaker = target.name
    # The labels map: labels whose passages moved now go to the target; the rest of the moved
    # passages came under the source's name, which is then the label recorded for them.
    named = labels_of(data, document.id)
    covered: set[int] = set()
    for entry in named.values():
        mine = set(entry.get("passages") or []) & at
        if mine:
            entry["person"] = target.name
            covered |= mine
    rest = at - covered
    if rest:
        entry = named.setdefault(before, {"person": target.name, "passages": []})
        entry["person"] = target.name
        entry["passages"] = sorted(set(entry.get("passages") or []) | rest)
    document.speakers = list(dict.fromkeys(p.speaker for p in passages if p.speaker))
    if document.host and before != target.name and before not in document.speakers:
        document.host = "; ".join(target.name if n == before else n for n in document.host.split("; "))
    _tally(data)
    return target


class People:
    """Changes to people in a library, each undoable (Library.people)."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib

    # -- reading ----------------------------------------------------------------------------
    def first_turns(self, ref: str, doc: str, limit: int = 3) -> list[Passage]:
        """The first `limit` turns of speaker `ref` in document `doc`: what naming them shows first."""
        document = self.lib.document(doc)
        speaker = self.lib.speaker(ref, doc=document.id)
        return [p for p in self.lib.passages(document.id) if p.speaker == speaker.name][:limit]

    def history(self) -> list[str]:
        """What `undo` would take back, newest first."""
        return [str(e.get("change", "")) for e in reversed(self.lib.store.people_journal())]

    # -- changing ---------------------------------------------------------------------------
    def join_last(self, count: int, description: str) -> None:
        """Make the latest `count` changes one, undone together (a dialog that renames and sets a role in one
        save); nothing happens unless they followed one another with nothing else changing the library between."""
        if count < 2:
            return
        lib = self.lib
        with lib.store.lock.held():
            entries = lib.store.people_journal()
            if len(entries) < count:
                return
            last = entries[-count:]
            if any(a.get("generation") != b.get("before") for a, b in itertools.pairwise(last)):
                return
            documents: dict[str, Any] = {}
            for entry in reversed(last):  # each document as it was before the first of them touched it
                documents.update(entry.get("documents") or {})
            joined = dict(last[0], change=description, generation=last[-1].get("generation"), documents=documents)
            lib.store.write_people_journal([*entries[:-count], joined])

    def rename(self, doc: str, renames: Sequence[tuple[str, str]]) -> PeopleChange:
        """Name labels of one document: each `(label, name)` gives that label's turns to the person `name`.

        Every label is found before anything changes, so one unknown label changes nothing.
        """
        if not renames:
            raise SaysoError('nothing to rename: give LABEL=NAME, e.g. "Speaker 1=Bryan Cantrill"')
        lib = self.lib
        with lib.store.lock.held():
            data = lib.store.read_for_update()
            document = find_document(doc, data.documents)
            sources = [(lib._resolve_speaker_in(label, data.speakers, document), name) for label, name in renames]
            for source, name in sources:
                if not tidy_name(name):
                    raise SaysoError(f"a name for {source.name!r} cannot be empty")
            journal = _Journal(lib, data)
            passages = lib.store.passages(document.id)
            journal.touch(document, passages)
            moved = [(source.name, move_turns(data, document, passages, source, name)) for source, name in sources]
            description = f"in {document.title}: " + ", ".join(f"{old} → {new.name}" for old, new in moved)
            self._commit(data, journal, {document.id: passages}, "rename " + description)
            return PeopleChange("renamed " + description, [self._fresh(t) for _, t in moved], [document.id])

    def split(
        self, ref: str, doc: str | None = None, label: str | None = None, name: str | None = None
    ) -> PeopleChange:
        """Take turns back out of person `ref`: those of `doc`, or those that came under `label`.

        Turns that came under a label the user named go back to that label (or
        to `name`); turns that came under the person's own name in `doc` need
        `name`, the person they are.
        """
        if doc is None and label is None:
            raise SaysoError("say which turns to split out: those of a document, or those that came under a label")
        lib = self.lib
        with lib.store.lock.held():
            data = lib.store.read_for_update()
            documents = [find_document(doc, data.documents)] if doc is not None else None
            person = (
                lib._resolve_speaker_in(ref, data.speakers, documents[0])
                if documents
                else lib._resolve_speaker(ref, data.speakers, data.documents)
            )
            if documents is None:
                documents = [d for d in data.documents if d.id in person.counts]
            journal = _Journal(lib, data)
            changed: dict[str, list[Passage]] = {}
            moved: list[tuple[str, str, Speaker]] = []
            for document in documents:
                named = labels_of(data, document.id)
                passages = lib.store.passages(document.id)
                mine = {p.index for p in passages if p.speaker == person.name}
                entries = [
                    (given, entry)
                    for given, entry in named.items()
                    if (label is None or name_key(given) == name_key(label)) and set(entry.get("passages") or []) & mine
                ]
                own = mine - {i for _, e in entries for i in e.get("passages") or []}
                if not entries and (label is not None or not own):
                    continue
                if label is None and own and name is None:
                    raise SplitNeedsName(
                        f"{person.name}'s turns in {document.title!r} came under that name from the document: "
                        "say who they are"
                    )
                journal.touch(document, passages)
                changed[document.id] = passages
                for given, entry in entries:
                    indices = sorted(set(entry["passages"]) & mine)
                    source = self._person_named(data, person.name, document)
                    target = move_turns(data, document, passages, source, name or given, indices, in_place=False)
                    if name_key(target.name) == name_key(given):
                        named.pop(given, None)  # back to what the document says: nothing left to remember
                    moved.append((document.title, given, target))
                if label is None and own and name is not None:
                    source = self._person_named(data, person.name, document)
                    target = move_turns(data, document, passages, source, name, sorted(own), in_place=False)
                    moved.append((document.title, person.name, target))
            if not moved:
                where = f" under {label!r}" if label else ""
                raise NotFound(f"{person.name} has no turns{where} to split out" + (f" in {doc}" if doc else ""))
            description = f"split {person.name}: " + ", ".join(f"{t.name} in {title}" for title, _, t in moved)
            self._commit(data, journal, changed, description)
            return PeopleChange(description, [self._fresh(t) for _, _, t in moved], list(changed))

    def describe(self, ref: str, doc: str | None, role: str | None, affiliation: str | None) -> PeopleChange:
        """Set a person's role and/or affiliation (an empty value clears it)."""
        lib = self.lib
        with lib.store.lock.held():
            data = lib.store.read_for_update()
            if doc is not None:
                person = lib._resolve_speaker_in(ref, data.speakers, find_document(doc, data.documents))
            else:
                person = lib._resolve_speaker(ref, data.speakers, data.documents)
            journal = _Journal(lib, data)
            if role is not None:
                person.role = tidy_name(role) or None
            if affiliation is not None:
                person.affiliation = tidy_name(affiliation) or None
            what = ", ".join(
                f"{n} {v!r}" if v else f"no {n}"
                for n, v, given in (("role", person.role, role), ("affiliation", person.affiliation, affiliation))
                if given is not None
            )
            description = f"describe {person.name}: {what}"
            self._commit(data, journal, {}, description)
            return PeopleChange(description, [self._fresh(person)], [])

    def undo(self) -> str:
        """Take back the latest change to people; returns what was undone.  SaysoError when nothing can be."""
        lib = self.lib
        with lib.store.lock.held():
            entries = lib.store.people_journal()
            if not entries:
                raise SaysoError("nothing to undo: no change to people is recorded")
            last = entries[-1]
            data = lib.store.read_for_update()
            if data.generation != last.get("generation"):
                raise SaysoError(
                    f"cannot undo {last.get('change')!r}: the library changed since (an import or an edit); "
                    "change it back by hand"
                )
            data.speakers = [Speaker.from_dict(dict(r)) for r in last.get("speakers", [])]
            labels = last.get("labels") or {}
            for doc_id in set(data.edits) | set(labels):
                edits = data.edits.setdefault(doc_id, {})
                if labels.get(doc_id):
                    edits[LABELS_KEY] = labels[doc_id]
                else:
                    edits.pop(LABELS_KEY, None)
            changed: dict[str, list[Passage]] = {}
            quotes: dict[str, str | None] = {}
            for doc_id, before in (last.get("documents") or {}).items():
                document = data.document(doc_id)
                if document is None:
                    continue
                passages = lib.store.passages(doc_id)
                speakers = before.get("passages") or []
                if len(speakers) != len(passages):
                    raise SaysoError(f"cannot undo {last.get('change')!r}: {document.title!r} was re-imported since")
                for p, speaker in zip(passages, speakers):
                    p.speaker = speaker
                document.speakers = list(before.get("speakers") or [])
                document.host = before.get("host")
                changed[doc_id] = passages
                quotes.update(before.get("quotes") or {})
                # quotes made since on these documents follow their passage's restored speaker
                by_id = {p.id: p.speaker for p in passages}
                for q in lib.quotes.quotes_for_document(doc_id):
                    if q.id not in quotes and q.passage in by_id:
                        quotes[q.id] = by_id[q.passage]
            self._write(data, changed)
            if quotes:
                lib.quotes.set_speakers(quotes)
            rest = entries[:-1]
            if rest and rest[-1].get("generation") == last.get("before"):
                rest[-1]["generation"] = data.generation  # the library is as that change left it
            lib.store.write_people_journal(rest)
            return str(last.get("change", ""))

    # -- helpers ----------------------------------------------------------------------------
    @staticmethod
    def _person_named(data: LibraryData, name: str, document: Document) -> Speaker:
        found = [s for s in data.speakers if s.name == name and document.id in s.counts]
        if not found:
            raise NotFound(f"no speaker {name!r} in {document.title!r}")
        return found[0]

    def _fresh(self, speaker: Speaker) -> Speaker:
        out = Speaker.from_dict(speaker.to_dict())
        out.unnamed = is_placeholder(out.name)
        return out

    def _write(self, data: LibraryData, changed: dict[str, list[Passage]]) -> None:
        """Save the changed passages, library.json and the index (the caller holds the lock)."""
        lib = self.lib
        store = lib.store
        for doc_id, passages in changed.items():
            data.files[doc_id] = store.write_passages(doc_id, passages, store.dropped(doc_id))
        store.write_library(data)
        for doc_id, passages in changed.items():
            document = data.document(doc_id)
            if document is not None:
                lib.index.add_document(document, passages, data.files[doc_id])
        if changed:
            lib._save_index()

    def _commit(
        self, data: LibraryData, journal: _Journal, changed: dict[str, list[Passage]], description: str
    ) -> None:
        """Save a change, make the quotes follow their passages, and journal what it replaced."""
        self._write(data, changed)
        follow: dict[str, str | None] = {}
        for doc_id, passages in changed.items():
            by_id = {p.id: p.speaker for p in passages}
            renamed = {
                old: new
                for old, new in zip(journal.docs[doc_id]["passages"], (p.speaker for p in passages))
                if old != new
            }
            for q in self.lib.quotes.quotes_for_document(doc_id):
                if q.passage in by_id:
                    follow[q.id] = by_id[q.passage]
                elif q.speaker in renamed:
                    follow[q.id] = renamed[q.speaker]
        if follow:
            self.lib.quotes.set_speakers(follow)
        entries = self.lib.store.people_journal()
        entries.append(journal.entry(description, data.generation))
        self.lib.store.write_people_journal(entries)
