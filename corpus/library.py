"""The Library: the Python API behind the CLI and the app.

    lib = Library.open(data_dir)
    report = lib.import_paths(["talk.vtt", "panels/"])
    lib.documents(); lib.passages(doc_id); lib.speakers(); lib.search("opne wieghts")

Every method returns plain dataclasses from `corpus.models`.  Writers take the
store's lock, so several sayso processes can share one data folder.  User
mistakes (an unknown document, a binary file, a busy library) raise
`corpus.errors.SaysoError` subclasses whose message is one line.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sayso.corpus.document_ref import find_document
from sayso.corpus.errors import (
    Ambiguous,
    DamagedFile,
    DataFolderError,
    ImportRefused,
    LibraryBusy,
    NotAllowed,
    NotFound,
    SaveFailed,
    SaysoError,
    ServerUnavailable,
)
from sayso.corpus.identity import is_initials, is_placeholder, name_key
from sayso.corpus.instep import read_in_step
from sayso.corpus.media import find_media, normalise_media
from sayso.corpus.models import (
    KINDS,
    PASSAGE_SEPARATOR,
    Document,
    Hit,
    ParsedDocument,
    Passage,
    PassageTable,
    Speaker,
    document_text,
)
from sayso.corpus.people import LABELS_KEY, person_for_label, unique_aliases
from sayso.corpus.sentences import split_sentences
from sayso.corpus.store import DEFAULT_LOCK_TIMEOUT, LibraryData, PassageColumns, Store, passage_columns
from sayso.corpus.words import count_words

if TYPE_CHECKING:
    from sayso.corpus.importers.parallel import Prepared
    from sayso.corpus.meaning import MeaningIndex
    from sayso.corpus.people import People
    from sayso.corpus.quotes import QuoteBook
    from sayso.corpus.search import SearchIndex
    from sayso.corpus.server.pg import Server
    from sayso.corpus.sources import LibraryStore, WordIndex

#: Fields of a document the user may edit (`sayso doc edit`); edits survive a re-import.
#: `host` is whoever hosts, interviews or moderates.
EDITABLE_FIELDS = ("title", "kind", "date", "url", "publisher", "event", "place", "host", "media")

#: How a date may be written (`sayso doc edit --date`, the app's citation dialog).
DATE_FORMATS = 'YYYY, YYYY-MM or YYYY-MM-DD (also "March 5, 2024", "5 March 2024", "March 2024")'


def citation_kinds() -> tuple[str, ...]:
    """Kinds a user may give a document: sayso's own, then any CSL 1.0.2 item type (e.g. `article-newspaper`)."""
    from sayso.corpus.export.csl import CSL_TYPES

    return KINDS + tuple(sorted(CSL_TYPES - set(KINDS)))


def check_citation_field(name: str, value: str) -> str:
    """`value` tidied for the citation field `name` (whitespace collapsed); SaysoError with one line if unusable.

    The title cannot be empty; a kind must be one of `citation_kinds()`; a date
    must be readable as a date (see DATE_FORMATS).  Empty clears any other field.
    """
    value = " ".join(value.split())
    if name == "title" and not value:
        raise SaysoError("a document's title cannot be empty")
    if name == "kind" and value and value not in citation_kinds():
        raise SaysoError(f"unknown kind {value!r}; kinds: {', '.join(KINDS)} (or a CSL type such as article-newspaper)")
    if name == "date" and value:
        from sayso.corpus.export.csl import date_parts

        if date_parts(value) is None:
            raise SaysoError(f"cannot read the date {value!r}; write it as {DATE_FORMATS}")
    if name == "media" and value:
        return normalise_media(value)  # (a file's path made absolute: the app may run from elsewhere)
    return value


def default_data_dir() -> Path:
    """`$SAYSO_DATA`, else the platform's user data folder for sayso."""
    env = os.environ.get("SAYSO_DATA")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("sayso", appauthor=False))


class _RolledBack(Exception):
    """Raised inside an archive's transaction to roll it back (a failed document's import)."""


def archive_folder(url: str) -> str:
    """This member's local folder name for the archive at `url` (drafts): a hash of where it is, never the URL
    itself (which may hold a password)."""
    from sayso.corpus.server.pg import describe

    return "archive-" + hashlib.sha256(describe(url).encode("utf-8")).hexdigest()[:16]


#: Up to this many files, an import looks each one's remembered labels up alone (see `_remembered_labels`).
REMEMBERED_ONE_BY_ONE = 8


def document_id_for(source: Path) -> str:
    """A stable id from the file's absolute path, so re-importing updates in place."""
    return _id_of_resolved(Path(source).expanduser().resolve())


def _id_of_resolved(resolved: Path) -> str:
    return hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:10]


#: Kept under its old name for callers outside corpus (the citation dialog); the rule is corpus.identity's.
is_generic_label = is_placeholder


def _one_per_person(speakers: list[Speaker]) -> list[Speaker]:
    """`speakers` with those whose names share a key (corpus.identity.name_key) shown as one person.

    A library saved before names were compared without accents may hold "José
    Ruiz" and "Jose Ruiz" apart; search always took them for one, so they are
    listed as one here too, under the spelling with the most passages (the
    first on a tie), the other spellings as aliases.  Placeholders ("Unknown
    Speaker") and initials stay one person per document.
    """
    groups: dict[str, list[Speaker]] = {}
    for s in speakers:
        if not is_placeholder(s.name) and not is_initials(s.name) and name_key(s.name):
            groups.setdefault(name_key(s.name), []).append(s)
    merged: dict[int, Speaker | None] = {}
    for same in groups.values():
        if len(same) < 2:
            continue
        shown = max(same, key=lambda s: s.passages)  # the first of the most frequent
        person = Speaker(name=shown.name)
        known = {name_key(shown.name)}
        for s in same:
            for alias in [s.name, *s.aliases]:
                if name_key(alias) not in known:
                    known.add(name_key(alias))
                    person.aliases.append(alias)
            for doc_id, n in s.counts.items():
                person.counts[doc_id] = person.counts.get(doc_id, 0) + n
            person.passages += s.passages
            merged[id(s)] = None
        person.documents = sorted({d for s in same for d in (s.documents or s.counts)})
        merged[id(same[0])] = person
    if not merged:
        return speakers
    return [found for s in speakers if (found := merged.get(id(s), s)) is not None]


def _tidy_name(name: str) -> str:
    return " ".join(name.split())


def _passages_of(doc_id: str, columns: PassageColumns, canonical: dict[str, str]) -> PassageTable:
    """The passages of `columns` under the library's names for their speakers (`canonical`), for the
    passages file and the index: columns, not a Passage object each (a 10 MB transcript's took 9 MB)."""
    names: dict[str | None, str | None] = {None: None, "": None}
    names.update(canonical.items())
    return PassageTable(doc_id, columns.texts, [names[speaker] for speaker in columns.speakers], columns.starts)


def _passages_with_sentences(doc_id: str, parsed: ParsedDocument, canonical: dict[str, str]) -> list[Passage]:
    """The passages of `parsed` under the library's names for their speakers, sentences and all."""
    passages: list[Passage] = []
    offset = 0
    for i, pp in enumerate(parsed.passages):
        passages.append(
            Passage(
                id=f"{doc_id}:{i}",
                document=doc_id,
                index=i,
                speaker=canonical.get(pp.speaker) if pp.speaker else None,
                text=pp.text,
                start=pp.start,
                end=pp.end,
                offset=offset,
                sentences=pp.sentences if pp.sentences is not None else split_sentences(pp.text),
                heading=pp.heading,
            )
        )
        offset += len(pp.text) + len(PASSAGE_SEPARATOR)
    return passages


def _text_hash(passages: list[Passage]) -> str:
    """The sha256 of document_text(passages), a passage at a time (joining the text would hold it twice more)."""
    digest = hashlib.sha256()
    separator = PASSAGE_SEPARATOR.encode("utf-8")
    for i, p in enumerate(passages):
        if i:
            digest.update(separator)
        digest.update(p.text.encode("utf-8"))
    return digest.hexdigest()


@dataclass
class ImportReport:
    """What `import_paths` did, for the CLI summary and the app's notification."""

    documents: list[Document] = field(default_factory=list)
    passages: int = 0
    speakers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: quotes on the imported documents that need review (their exact words were not found again)
    review: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": [d.to_dict() for d in self.documents],
            "passages": self.passages,
            "speakers": self.speakers,
            "warnings": self.warnings,
            "errors": self.errors,
            "review": self.review,
        }

    def review_line(self) -> str | None:
        """A line such as "3 quotes need review: ..." when the import left quotes needing review, else None."""
        if not self.review:
            return None
        many = self.review != 1
        return (
            f"{self.review} quote{'s' if many else ''} need{'' if many else 's'} review: "
            f"{'their' if many else 'its'} exact words are no longer in the text"
        )


#: Files a folder of transcripts often also holds that describe the folder and are no transcript.
_FOLDER_NOTES = {
    "readme",
    "sources",
    "license",
    "licence",
    "copying",
    "changelog",
    "changes",
    "contributing",
    "authors",
    "notice",
    "history",
    "todo",
}


def _supported_files(folder: Path, skipped: list[Path] | None = None) -> list[Path]:
    """Every supported file under `folder`, skipping hidden files and folders; symlinked folders are not followed.

    A folder's own notes (README.md, SOURCES.md, LICENSE.txt...) are left out and, with
    `skipped`, listed there so the import can say so; named on their own they import as asked.
    """
    from sayso.corpus.importers import SUPPORTED_SUFFIXES
    from sayso.corpus.importers.elan import looks_like_eaf
    from sayso.corpus.importers.tei import looks_like_tei
    from sayso.corpus.importers.ttml import looks_like_ttml

    def timed_text(path: Path) -> bool:
        """An .xml file that is Timed Text subtitles (TTML is often delivered so), an ELAN file or TEI of speech
        (corpora deliver them so); other XML is left out."""
        try:
            with path.open("rb") as handle:
                head = handle.read(65536).decode("utf-8", "replace")
        except OSError:
            return False
        return looks_like_ttml(head[:3000]) or looks_like_eaf(head[:3000]) or looks_like_tei(head)

    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            suffix = path.suffix.lower()
            if (
                not name.startswith(".")
                and (suffix in SUPPORTED_SUFFIXES or (suffix == ".xml" and timed_text(path)))
                and path.is_file()
            ):
                if path.stem.casefold() in _FOLDER_NOTES:
                    if skipped is not None:
                        skipped.append(path)
                    continue
                found.append(path)
    return found


#: A multi-file import writes library.json about this often (and at its end), holding the
#: library lock for about this long at a time...
BATCH_SECONDS = 1.0
#: ...then leaves it free this long, so a session waiting to save (which polls the lock at
#: least every 20 ms, store.WriteLock) gets in before the next batch takes it again.
BATCH_GAP = 0.03


class Library:
    """A data folder of imported documents, their speakers, the search index and quotes."""

    def __init__(
        self, data_dir: Path, lock_timeout: float = DEFAULT_LOCK_TIMEOUT, *, server: Server | None = None
    ) -> None:
        self.data_dir = Path(data_dir).expanduser()
        #: the shared archive this library is (corpus.server), or None for the local library in `data_dir`
        self.server = server
        self.store: LibraryStore
        if server is None:
            self.store = Store(self.data_dir, lock_timeout=lock_timeout)
        else:
            from sayso.corpus.server.store import ServerStore

            self.store = ServerStore(server, self.data_dir, lock_timeout=lock_timeout)
        self._index: WordIndex | None = None
        self._meaning: MeaningIndex | None = None
        #: told (title, done, total) while the search index is rebuilt (the CLI shows a bar)
        self.index_progress: Callable[[str, int, int], None] | None = None
        self._quotes: QuoteBook | None = None
        #: library.json in memory while a multi-file import holds the lock (see `_import_batch`),
        #: with the thread that owns it and whether it has changes not yet written.
        self._batch: LibraryData | None = None
        self._batch_owner: int | None = None
        #: recordings found in each folder during a folder import (see media.find_media)
        self._media_listings: dict[Path, dict[str, str]] = {}
        self._batch_dirty = False
        #: a document of the batch failed (on an archive the batch's transaction is then rolled back)
        self._batch_failed = False
        #: lines for `problems()`: what went wrong without failing the call (the CLI prints them)
        self._problems: list[str] = []

    @classmethod
    def open(
        cls, data_dir: str | os.PathLike[str] | None = None, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT
    ) -> Library:
        """Open (creating if needed) the library in `data_dir` or the default folder.

        Raises DataFolderError (unusable folder, newer schema) or DamagedFile
        (library.json damaged: set aside, newest good backup named).
        """
        lib = cls(Path(data_dir) if data_dir is not None else default_data_dir(), lock_timeout=lock_timeout)
        # library.json is not parsed again when it is the one the search index was last found in step with.
        note = read_in_step(lib.store.index_dir)
        lib.store.prepare(trusted=note.library if note is not None else None)
        return lib

    @classmethod
    def connect(
        cls, url: str, data_dir: str | os.PathLike[str] | None = None, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT
    ) -> Library:
        """Open the shared archive at `url` (a libpq connection string; corpus.server).

        `data_dir` is this member's local folder (drafts); by default one per archive under the data folder.
        Raises ServerUnavailable (cannot connect) or SaysoError (no archive there, or another schema).
        """
        from sayso.corpus.server.pg import Server

        server = Server(url)
        local = Path(data_dir) if data_dir is not None else default_data_dir() / "archives" / archive_folder(url)
        lib = cls(local, lock_timeout=lock_timeout, server=server)
        try:
            lib.store.prepare()
        except BaseException:
            server.close()
            raise
        return lib

    def close(self) -> None:
        """Let go of the archive's connections (a local library holds none)."""
        if self.server is not None:
            self.server.close()

    @property
    def where(self) -> str:
        """Where this library lives, fit to show: its folder, or the archive's address without a password."""
        if self.server is None:
            return str(self.data_dir)
        from sayso.corpus.server.pg import describe

        return describe(self.server.url)

    # -- reading ------------------------------------------------------------
    def documents(self) -> list[Document]:
        """Every document, in import order."""
        return self.store.documents()

    def document_facts(self) -> list[tuple[str, str, str, str]]:
        """(id, text hash, title, kind) of every document, in import order, without building the documents."""
        return self.store.document_facts()

    def fingerprint(self) -> str | None:
        """Which version of the library's facts is on disk now (corpus.instep); None on an archive."""
        return self.store.fingerprint()

    def document(self, ref: str) -> Document:
        """Find a document by id, id prefix, exact title or source, or a unique part of its title or source."""
        return find_document(ref, self.documents())

    def dropped(self, ref: str) -> list[dict[str, str]]:
        """What the import of a document left out of its passages, with reasons (`sayso show --dropped`)."""
        return self.store.dropped(self.document(ref).id)

    def passages(self, doc_id: str) -> list[Passage]:
        """The passages of one document in reading order."""
        return self.store.passages(doc_id)

    def passages_and_version(self, doc_id: str) -> tuple[list[Passage], str]:
        """The passages of one document and the version they are (the search index records it)."""
        return self.store.passages_and_version(doc_id)

    def passage_versions(self) -> dict[str, str]:
        """The live version of each document's passages, by id ("" for a library of schema 1)."""
        return self.store.passage_files()

    def text(self, doc_id: str) -> str:
        """The document text that quote positions count in."""
        return document_text(self.passages(doc_id))

    def speakers(self) -> list[Speaker]:
        """Every speaker across the library, most passages first; placeholders ("Speaker 1") marked `unnamed`."""
        people = sorted(_one_per_person(self.store.speakers()), key=lambda s: (-s.passages, s.name.casefold()))
        for s in people:
            s.unnamed = is_placeholder(s.name)
        return people

    @property
    def people(self) -> People:
        """Naming a document's unnamed speakers, merging and splitting people, roles, and undo (corpus.people)."""
        from sayso.corpus.people import People

        return People(self)

    def speaker(self, ref: str, doc: str | None = None) -> Speaker:
        """Find a speaker by name or alias (case and punctuation ignored), then by a unique part of it.

        `doc` (an id, id prefix or title) picks among the speakers of one
        document: "Unknown Speaker" or "Interviewer" is a different person in
        each document, so without it such a name is ambiguous.
        """
        speakers = self.speakers()
        if doc is not None:
            return self._resolve_speaker_in(ref, speakers, find_document(doc, self.documents()))
        return self._resolve_speaker(ref, speakers, self.documents())

    @classmethod
    def _resolve_speaker_in(cls, ref: str, speakers: list[Speaker], doc: Document) -> Speaker:
        """The speaker `ref` among those speaking in `doc`."""
        here = [s for s in speakers if doc.id in s.counts or doc.id in s.documents]
        try:
            return cls._resolve_speaker(ref, here)
        except NotFound:
            raise NotFound(
                f"no speaker matches {ref!r} in {doc.id} {doc.title!r}"
                + (f" (its speakers: {', '.join(s.name for s in here[:8])})" if here else " (it has no speakers)")
            ) from None

    @staticmethod
    def _resolve_speaker(ref: str, speakers: list[Speaker], documents: list[Document] | None = None) -> Speaker:
        key = name_key(ref)
        if not key:
            raise NotFound("no speaker named", what="speaker", ref=ref)
        by_name = [s for s in speakers if name_key(s.name) == key]
        if len(by_name) == 1:
            return by_name[0]
        if len(by_name) > 1:
            # The same label in several documents ("Unknown Speaker", "Interviewer"): one person per document.
            titles = {d.id: d.title for d in documents or []}
            places = [d for s in by_name for d in (s.documents or sorted(s.counts))]
            listed = "; ".join(f"{d} {titles[d]!r}" if d in titles else d for d in places[:5])
            raise Ambiguous(
                f"speaker {ref!r} is a different person in each of {len(places)} documents: "
                f"{listed}{' …' if len(places) > 5 else ''}",
                candidates=[{"document": d, "title": titles.get(d)} for d in places],
                narrow_by="document",
            )
        by_alias = [s for s in speakers if key in {name_key(a) for a in s.aliases}]
        if len(by_alias) == 1:
            return by_alias[0]
        if len(by_alias) > 1:
            raise Ambiguous(f"speaker {ref!r} is an alias of several: {', '.join(s.name for s in by_alias[:6])}")
        partial = [s for s in speakers if any(key in name_key(n) for n in [s.name, *s.aliases])]
        if len(partial) == 1:
            return partial[0]
        if partial:
            raise Ambiguous(f"speaker {ref!r} matches several: {', '.join(s.name for s in partial[:6])}")
        raise NotFound(f"no speaker matches {ref!r}", what="speaker", ref=ref)

    # -- importing ----------------------------------------------------------
    def import_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        progress: Callable[[str, int, int], None] | None = None,
        encoding: str | None = None,
        parallel: bool = False,
        labels: str | None = None,
    ) -> ImportReport:
        """Import files and folders (every supported file inside, recursively).

        `encoding` names the files' encoding when it cannot be detected (e.g. "latin-1").
        `labels` states the speaker convention (see corpus.importers.grammar.compile_pattern);
        it is remembered for each document and used again when it is re-imported without one.
        `parallel` lets spare cores parse ahead in worker processes (see
        corpus.importers.parallel: the calling program's main module must be
        import-safe); the result is the same either way.

        A file that cannot be imported is reported in `errors` and changes
        nothing; the others still import.  `progress(name, done, total)` is
        called after each file.  LibraryBusy and DamagedFile stop the import.
        """
        # (the importers are loaded when first needed: opening a library to read or search never needs them)
        from sayso.corpus.importers import SUPPORTED_SUFFIXES
        from sayso.corpus.importers.parallel import prepare_all

        files: list[Path] = []
        report = ImportReport()
        for raw in paths:
            path = Path(raw).expanduser()
            try:
                if path.is_dir():
                    notes: list[Path] = []
                    found = _supported_files(path, notes)
                    report.warnings.extend(
                        f"{note}: skipped, a folder's notes rather than a transcript (import it by name to include it)"
                        for note in notes
                    )
                    if not found:
                        report.errors.append(
                            f"{raw}: no supported files in this folder ({', '.join(SUPPORTED_SUFFIXES)})"
                        )
                    files.extend(found)
                elif path.is_file():
                    files.append(path)
                elif path.exists():
                    report.errors.append(f"{raw}: not a regular file")
                else:
                    report.errors.append(f"{raw}: no such file or folder")
            except OSError as exc:
                report.errors.append(f"{raw}: {exc.strerror or exc}")
        # (each file resolved once, here: it is a few system calls a path component)
        ids: dict[Path, str] = {}
        seen: set[Path] = set()
        unique = []
        for path in files:
            resolved = path.resolve()
            if resolved not in seen:
                seen.add(resolved)
                unique.append(path)
                ids[path] = _id_of_resolved(resolved)
        speakers_seen: dict[str, None] = {}
        # Files are parsed ahead (in worker processes where there are spare cores), in order.
        given = dict.fromkeys(unique, labels) if labels else self._remembered_labels(unique, ids)
        # (an archive's search words are made beside the parse: corpus.server.words)
        index = self.index
        ready = prepare_all(
            unique,
            encoding,
            parallel=parallel,
            labels=given,
            extra=index.import_words,
            extra_here=index.import_words_here,
        )
        self._media_listings = {}
        # (on an archive, each document's transaction commits without waiting for the disk; the import returns
        # once the server has all of them on it)
        together = self.server.durable_together() if self.server is not None else contextlib.nullcontext()
        # (the workers are already parsing: whatever fails before or during the import stops them)
        with contextlib.closing(ready), together, self.index.bulk_import(len(unique)):
            self._import_all(unique, ids, ready, given, labels, report, speakers_seen, progress)
        return report

    def _import_all(
        self,
        unique: list[Path],
        ids: dict[Path, str],
        ready: Generator[tuple[Path, Prepared | Exception], None, None],
        given: dict[Path, str],
        labels: str | None,
        report: ImportReport,
        speakers_seen: dict[str, None],
        progress: Callable[[str, int, int], None] | None,
    ) -> None:
        """`import_paths`'s work on the files found (`ids`: their document ids), parsed ahead by `ready`."""
        try:
            done = 0
            while done < len(unique):
                # Files go in batches of about BATCH_SECONDS under one hold of the lock, with
                # library.json written once per batch: rewriting it after every file made
                # importing thousands of files quadratic, and releasing the lock between
                # batches lets another sayso session get its saves in.
                # On a shared archive each document is its own transaction (all of it or none), so that
                # other members' quotes are not held up behind a long import.
                batch_seconds = BATCH_SECONDS if self.server is None else 0.0
                told: tuple[str, int] | None = None
                with self._import_batch():
                    started, first = time.monotonic(), done
                    while done < len(unique) and (done == first or time.monotonic() - started < batch_seconds):
                        path, prepared = next(ready)
                        done += 1
                        try:
                            if isinstance(prepared, Exception):
                                raise prepared
                            doc = self._import_prepared(
                                path, prepared, labels=given.get(path), report=report, doc_id=ids[path]
                            )
                            # (its passages' text, as big as the file, must not outlive it into the index's save)
                            del prepared
                        except (LibraryBusy, DamagedFile, DataFolderError, SaveFailed, ServerUnavailable, NotAllowed):
                            raise  # the library itself cannot take the import: stop and say why
                        except SaysoError as exc:
                            report.errors.append(str(exc))
                            self._batch_failed = True
                        except OSError as exc:
                            report.errors.append(f"{path}: {exc.strerror or exc}")
                            self._batch_failed = True
                        except Exception as exc:  # noqa: BLE001
                            self._batch_failed = True
                            # An importer failure on one odd file must not abort the others or print a traceback.
                            report.errors.append(
                                f"{path}: could not be read as a transcript ({type(exc).__name__}: {exc})"
                            )
                        else:
                            report.documents.append(doc)
                            report.passages += doc.passages
                            report.warnings.extend(f"{path}: {w}" for w in doc.warnings)
                            speakers_seen.update(dict.fromkeys(doc.speakers))
                        if progress and self.server is None:
                            progress(str(path), done, len(unique))
                        elif progress:
                            told = (str(path), done)  # said once its transaction is over (below)
                # (an archive's document is said done once committed: however long the caller takes over it,
                # no lock of the archive is held meanwhile)
                if progress and told is not None:
                    progress(told[0], told[1], len(unique))
                if done < len(unique) and self.server is None:
                    time.sleep(BATCH_GAP)
        finally:
            ready.close()
            self._media_listings = {}
            report.speakers = list(speakers_seen)
            if report.documents:
                self._save_index()

    @contextlib.contextmanager
    def _import_batch(self) -> Iterator[None]:
        """Hold the lock and keep library.json in memory for the imports in this block; written once at its end.

        Each document's passages file is written as it is imported, to a temp
        file; at the end of the block they are all fsynced, renamed to their
        names and docs/ fsynced once, and only then is library.json, which
        names them, written (see `Store.write_passages`).  If the block fails,
        what was imported so far is still written before the error goes on.
        """
        with contextlib.suppress(_RolledBack), self.store.lock.held(), self.store.passages_together():
            self._batch = self.store.read_for_update()
            # (nothing in an import's batch changes a document but the ones it imports: `_import` names them)
            self._batch.only_documents = set()
            self._batch_owner = threading.get_ident()
            self._batch_dirty = False
            self._batch_failed = False
            try:
                yield
            except BaseException:
                with contextlib.suppress(Exception):  # the first error is the one to report
                    self._end_batch()
                raise
            else:
                if self._batch_failed and self.server is not None:
                    # On an archive a batch is one document, in one transaction: a document that failed
                    # half-way is rolled back whole (its passages, speakers and quote changes).
                    self._batch, self._batch_owner, self._batch_dirty = None, None, False
                    raise _RolledBack
                self._end_batch()

    def _end_batch(self) -> None:
        data, dirty = self._batch, self._batch_dirty
        self._batch, self._batch_owner, self._batch_dirty = None, None, False
        if data is not None and dirty:
            self.store.write_library(data)  # (which first makes the batch's passages files durable)

    def import_file(
        self,
        path: str | os.PathLike[str],
        source: str | None = None,
        encoding: str | None = None,
        labels: str | None = None,
        doc_id: str | None = None,
    ) -> Document:
        """Parse one file (in `encoding` if given) and store it, replacing the document from the same path.

        `labels` states the speaker convention; without it (None), one given on an earlier import is
        used again; an empty string forgets it and lets the convention be inferred again.  `doc_id`
        stores it as that document instead (a file that moved: its quotes and edits stay with it).
        """
        from sayso.corpus.importers.parallel import prepare_file

        path = Path(path)
        if labels is None:
            labels = self._remembered_labels([path]).get(path)
        labels = labels or None
        doc = self._import_prepared(path, prepare_file(path, encoding, labels), source, labels, doc_id=doc_id)
        if self.server is not None:
            # An archive's word counts are brought up to date by a save (a local index keeps the document in
            # memory and saves it with the next write): without it, BM25 read the new words as held by none.
            self._save_index()
        return doc

    def _remembered_labels(self, paths: list[Path], ids: dict[Path, str] | None = None) -> dict[Path, str]:
        """The --labels pattern each file's document was last imported with (`ids`: the paths' document ids,
        if known)."""

        def id_of(path: Path) -> str:
            return ids[path] if ids is not None else document_id_for(path)

        if len(paths) <= REMEMBERED_ONE_BY_ONE:  # (a file or a few: building every document cost more than the import)
            found = {path: self.store.document(id_of(path)) for path in paths}
            return {path: doc.labels for path, doc in found.items() if doc is not None and doc.labels}
        docs = {d.id: d for d in self.store.documents()}
        out: dict[Path, str] = {}
        for path in paths:
            doc = docs.get(id_of(path))
            if doc is not None and doc.labels:
                out[path] = doc.labels
        return out

    def _import_prepared(
        self,
        path: Path,
        prepared: Prepared,
        source: str | None = None,
        labels: str | None = None,
        report: ImportReport | None = None,
        doc_id: str | None = None,
    ) -> Document:
        if prepared.columns is None:  # (passages that do not fit the column form)
            return self.import_parsed(
                prepared.parsed,
                source=source or str(path),
                doc_id=doc_id or document_id_for(path),
                content_hash=prepared.content_hash,
                labels=labels,
                report=report,
            )
        return self._import(
            prepared.parsed,
            prepared.columns,
            source or str(path),
            doc_id or document_id_for(path),
            prepared.content_hash,
            labels,
            report,
            index_words=prepared.extra,
        )

    def import_parsed(
        self,
        parsed: ParsedDocument,
        source: str,
        doc_id: str | None = None,
        content_hash: str | None = None,
        labels: str | None = None,
        report: ImportReport | None = None,
    ) -> Document:
        """Store an already parsed document (scripts and tests; `import_file` uses it).

        Re-importing the same `doc_id` replaces its passages in place, keeps
        the citation fields the user edited, and re-anchors quotes on it
        (counting in `report.review` those that need review).
        """
        columns = passage_columns(parsed.passages, split_sentences) if parsed.passages else None
        return self._import(parsed, columns, source, doc_id, content_hash, labels, report)

    def _import(
        self,
        parsed: ParsedDocument,
        columns: PassageColumns | None,
        source: str,
        doc_id: str | None = None,
        content_hash: str | None = None,
        labels: str | None = None,
        report: ImportReport | None = None,
        index_words: Any = None,
    ) -> Document:
        """`import_parsed` with the passages as `columns` (then `parsed.passages` is not read), if they fit them.

        A folder import's worker processes make the columns with the parse
        (corpus.importers.parallel), so that here only what needs the library
        is done: the speakers' names, the passages file's speaker column and
        its writing, and the search index.
        """
        speakers_of = columns.speakers if columns is not None else [pp.speaker for pp in parsed.passages]
        if not speakers_of:
            raise ImportRefused(f"{source}: no readable text found")
        doc_id = doc_id or document_id_for(Path(source))
        # Each speaker's passages, in the order they first speak (a Counter counts in C).
        counts: dict[str, int] = {name: n for name, n in Counter(speakers_of).items() if name}
        with self.store.lock.held():
            # Open (or build) the index before this document is on disk, so that a
            # first import indexes it once, not once in the rebuild and again below.
            index = self.index
            batch = self._batch if self._batch_owner == threading.get_ident() else None
            listings = self._media_listings if batch is not None else None  # (one folder read per folder import)
            data = batch if batch is not None else self.store.read_for_update()
            # In a batch, library.json is written later: a failure below (a full disk) must not leave
            # this document's speakers merged into what the batch writes for the files before it.
            undo: list[Callable[[], None]] | None = [] if batch is not None else None
            canonical = self._merge_named(data, doc_id, counts, parsed.speakers, speakers_of, undo)
            try:
                passages: list[Passage] | PassageTable
                if columns is not None:
                    passages = _passages_of(doc_id, columns, canonical)
                    text_hash, words = columns.text_hash, columns.words
                else:
                    passages = _passages_with_sentences(doc_id, parsed, canonical)
                    text_hash, words = _text_hash(passages), sum(count_words(p.text) for p in passages)
                doc = Document(
                    id=doc_id,
                    title=parsed.title,
                    kind=parsed.kind,
                    source=source,
                    content_hash=content_hash or text_hash,
                    text_hash=text_hash,
                    date=parsed.date,
                    url=parsed.url,
                    # The document's own word for who hosts, under the names the library uses.
                    host="; ".join(canonical.get(n, n) for n in parsed.host.split("; ")) if parsed.host else None,
                    speakers=list(dict.fromkeys(canonical[name] for name in counts)),
                    passages=len(passages),
                    words=words,
                    encoding=parsed.encoding,
                    warnings=list(parsed.warnings),
                    imported=datetime.now(UTC).isoformat(timespec="seconds"),
                    convention=parsed.convention,
                    labels=labels,
                    dropped=len(parsed.dropped),
                    media=str(beside) if (beside := find_media(Path(source), listings)) is not None else None,
                )
                twin = data.same_text(text_hash, doc_id)
                if twin is not None:
                    # (the same transcript saved in two folders: both are kept, and the user is told)
                    doc.warnings.append(
                        f"the same text as \u201c{twin.title}\u201d ({twin.id}), imported from {twin.source}"
                    )
                # The user's edits to citation fields win over what the importer found.
                for name, value in data.edits.get(doc_id, {}).items():
                    if name in EDITABLE_FIELDS:
                        setattr(doc, name, value)
                # A new version of the passages, live only once library.json naming it is written.
                version = self.store.write_passages(doc_id, passages, parsed.dropped, columns)
                if columns is not None:
                    columns.rest = []  # written: the bytes (as big as the file) are not needed any more
                data.files[doc_id] = version
                data.upsert(doc)
                if data.only_documents is not None:
                    data.only_documents.add(doc_id)
            except BaseException:
                for step in undo or ():
                    step()
                raise
            quoted = batch is None or self.quotes.refers_to(doc_id)
            if quoted:
                # Re-anchoring reads the document list from disk, so it must be current.
                self.store.write_library(data)
                self._batch_dirty = False
            else:
                self._batch_dirty = True
            index.add_document(doc, passages, version, index_words if columns is not None else None)
            # Also for a new document: quotes left by a removed one come back with it.
            # (in a batch, a document no quote refers to has none to re-anchor: its check is spared)
            reanchored = self.quotes.reanchor_document(doc_id) if quoted else None
            if report is not None and reanchored is not None:
                report.review += reanchored.review
        return doc

    @classmethod
    def _merge_named(
        cls,
        data: LibraryData,
        doc_id: str,
        counts: dict[str, int],
        aliases: dict[str, list[str]],
        labels: Sequence[str | None],
        undo: list[Callable[[], None]] | None = None,
    ) -> dict[str, str]:
        """`_merge_speakers` with the people the user named for this document's labels (corpus.people).

        A label the user named ("Speaker 1" -> "Bryan Cantrill") counts as that
        person; the passages each named label covers are recorded again, as the
        provenance a split reads.
        """
        named = (data.edits.get(doc_id) or {}).get(LABELS_KEY)
        if not isinstance(named, dict) or not named:
            return cls._merge_speakers(data, doc_id, counts, aliases, undo)
        person = {label: person_for_label(named, label) or label for label in counts}
        people: dict[str, int] = {}
        for label, n in counts.items():
            people[person[label]] = people.get(person[label], 0) + n
        their_aliases = {label: a for label, a in aliases.items() if person.get(label, label) == label}
        canonical = cls._merge_speakers(data, doc_id, people, their_aliases, undo)
        keys = {name_key(given): entry for given, entry in named.items() if isinstance(entry, dict)}
        for entry in keys.values():
            entry["passages"] = []
        for i, raw in enumerate(labels):
            covering = keys.get(name_key(raw)) if raw else None
            if covering is not None:
                covering["passages"].append(i)
        return {label: canonical[person[label]] for label in counts}

    @staticmethod
    def _merge_speakers(
        data: LibraryData,
        doc_id: str,
        counts: dict[str, int],
        aliases: dict[str, list[str]],
        undo: list[Callable[[], None]] | None = None,
    ) -> dict[str, str]:
        """Replace this document's contribution to `data.speakers`; returns name in document -> display name.

        A name joins an existing speaker when it equals their name or one of
        their aliases, or when one of the document's aliases for it does;
        initials (`NT`) alone never join people across documents.  With
        `undo`, a step that puts `data.speakers` back as it was is appended to it.
        """
        table = data.speakers
        before = list(table) if undo is not None else []
        saved: dict[int, tuple[Speaker, dict[str, int], list[str], int, list[str]]] = {}

        def keep(s: Speaker) -> None:
            if undo is not None and id(s) not in saved:
                saved[id(s)] = (s, dict(s.counts), list(s.aliases), s.passages, list(s.documents))

        # Everyone this document touched, before and after: only their totals change.
        touched: list[Speaker] = []
        for s in table:
            if doc_id in s.counts:
                keep(s)
                del s.counts[doc_id]
                touched.append(s)
        # Name and alias lookups built once per document, not a scan of every speaker per name
        # (an import of thousands of files, each with new guests, was quadratic in them).
        by_name: dict[str, list[Speaker]] = {}
        by_alias: dict[str, list[Speaker]] = {}
        for s in table:
            by_name.setdefault(name_key(s.name), []).append(s)
            for key in {name_key(a) for a in s.aliases}:
                by_alias.setdefault(key, []).append(s)

        def owner_of(name: str, *, initials_ok: bool) -> Speaker | None:
            key = name_key(name)
            if not key or (is_initials(name) and not initials_ok):
                return None
            named = by_name.get(key, [])
            if is_placeholder(name):
                # "Unknown Speaker" or "Moderator" in two documents is two people:
                # join only this document's own, never another document's name or alias.
                own = [s for s in named if not s.counts]
                return own[0] if own else None
            if named:
                return named[0]
            aliased = by_alias.get(key, [])
            return aliased[0] if len(aliased) == 1 else None

        canonical: dict[str, str] = {}
        for name, n in counts.items():
            doc_aliases = [a for a in aliases.get(name, []) if a and name_key(a)]
            owner = owner_of(name, initials_ok=False)
            if owner is None:
                owner = next((o for a in doc_aliases if (o := owner_of(a, initials_ok=False))), None)
            if owner is None:
                owner = Speaker(name=_tidy_name(name) or name)
                table.append(owner)
                by_name.setdefault(name_key(owner.name), []).append(owner)
            keep(owner)
            known = {name_key(owner.name), *(name_key(a) for a in owner.aliases)}
            for alias in [name, *doc_aliases]:
                key = name_key(alias)
                if key and key not in known:
                    owner.aliases.append(_tidy_name(alias))
                    known.add(key)
                    by_alias.setdefault(key, []).append(owner)
            owner.counts[doc_id] = owner.counts.get(doc_id, 0) + n
            canonical[name] = owner.name
            touched.append(owner)
        for s in touched:
            s.passages = sum(s.counts.values())
            s.documents = sorted(s.counts)
        data.speakers = [s for s in table if s.passages]
        if undo is not None:

            def restore() -> None:
                for s, old_counts, old_aliases, old_passages, old_documents in saved.values():
                    s.counts, s.aliases, s.passages, s.documents = old_counts, old_aliases, old_passages, old_documents
                data.speakers = before

            undo.append(restore)
        return canonical

    # -- changing -----------------------------------------------------------
    def remove(self, ref: str) -> Document:
        """Remove a document from the library (its quotes stay, flagged for review)."""
        with self.store.lock.held():
            data = self.store.read_for_update()
            doc = find_document(ref, data.documents)
            self._merge_speakers(data, doc.id, {}, {})
            self.store.remove_document(data, doc.id)
            self.index.remove_document(doc.id)
            self._save_index()
            self.quotes.reanchor_document(doc.id)  # its quotes stay, flagged for review
        return doc

    def edit_document(self, ref: str, **changes: str | None) -> Document:
        """Change citation fields of a document (title, kind, date, url, publisher, event, place, host) or its
        recording (media: a file or an http(s) URL).

        An empty string clears a field (the title cannot be cleared).  Every
        value is checked before anything is written (`check_citation_field`),
        so a bad date changes nothing.  Edits are remembered and survive
        re-importing the file.
        """
        unknown = set(changes) - set(EDITABLE_FIELDS)
        if unknown:
            raise SaysoError(f"cannot edit {', '.join(sorted(unknown))}; editable: {', '.join(EDITABLE_FIELDS)}")
        checked = {name: check_citation_field(name, value) for name, value in changes.items() if value is not None}
        with self.store.lock.held():
            data = self.store.read_for_update()
            doc = find_document(ref, data.documents)
            edits = data.edits.setdefault(doc.id, {})
            for name, value in checked.items():
                setattr(doc, name, value or None)
                edits[name] = value or None
            data.upsert(doc)
            self.store.write_library(data)
        return doc

    def edit_speaker(
        self,
        ref: str,
        name: str | None = None,
        add_aliases: Iterable[str] = (),
        remove_aliases: Iterable[str] = (),
        doc: str | None = None,
        role: str | None = None,
        affiliation: str | None = None,
    ) -> Speaker:
        """Rename a speaker, add or remove aliases, set their role or affiliation; renames reach every
        document's passages and quotes.  Undoable with `people.undo()`.

        Renaming to the name (or an alias) of another speaker merges the two.
        The old name becomes an alias, so re-importing a document keeps the new
        name.  An alias already used by another speaker is refused.  `doc`
        picks the speaker among one document's (needed for labels such as
        "Unknown Speaker" that are a different person in each document); naming
        such a label is `people.rename` (remembered for the document's re-imports).
        An empty role or affiliation clears it.
        """
        from sayso.corpus.people import _Journal

        if name is not None and doc is not None and is_placeholder(self.speaker(ref, doc=doc).name):
            named = self.people.rename(doc, [(ref, name)]).speakers[0]
            if not (list(add_aliases) or list(remove_aliases) or role is not None or affiliation is not None):
                return named
            ref, name = named.name, None
        with self.store.lock.held():
            data = self.store.read_for_update()
            journal = _Journal(self, data)
            if doc is not None:
                speaker = self._resolve_speaker_in(ref, data.speakers, find_document(doc, data.documents))
            else:
                speaker = self._resolve_speaker(ref, data.speakers, data.documents)
            per_document = is_placeholder(speaker.name)
            target = speaker
            old_names = {speaker.name}
            if name is not None:
                new = _tidy_name(name)
                if not new:
                    raise SaysoError("a speaker's name cannot be empty")
                key = name_key(new)
                other = next(
                    (
                        s
                        for s in data.speakers
                        if s is not speaker
                        and key in {name_key(s.name), *(name_key(a) for a in s.aliases)}
                        # "Host" in another document is someone else: never merge strangers by a role label
                        and not (is_placeholder(new) and not set(s.counts) & set(speaker.counts))
                    ),
                    None,
                )
                if other is not None:
                    old_names.add(other.name)
                    for alias in [other.name, speaker.name, *speaker.aliases]:
                        if alias not in other.aliases:
                            other.aliases.append(alias)
                    for doc_id, n in speaker.counts.items():
                        other.counts[doc_id] = other.counts.get(doc_id, 0) + n
                    data.speakers = [s for s in data.speakers if s is not speaker]
                    target = other
                elif name_key(speaker.name) != key and speaker.name not in speaker.aliases:
                    speaker.aliases.append(speaker.name)
                target.name = new
            for alias in add_aliases:
                alias = _tidy_name(alias)
                key = name_key(alias)
                if not key:
                    continue
                owner = next(
                    (
                        s
                        for s in data.speakers
                        if s is not target and key in {name_key(s.name), *(name_key(a) for a in s.aliases)}
                    ),
                    None,
                )
                if owner is not None:
                    raise SaysoError(
                        f"{alias!r} already names {owner.name}; to merge them, rename one to the other's name"
                    )
                if key not in {name_key(a) for a in target.aliases}:
                    target.aliases.append(alias)
            for alias in remove_aliases:
                key = name_key(alias)
                kept = [a for a in target.aliases if name_key(a) != key]
                if len(kept) == len(target.aliases):
                    raise NotFound(f"{target.name} has no alias {alias!r}")
                target.aliases = kept
            unique_aliases(target)  # (the display name is never also listed as an alias)
            target.passages = sum(target.counts.values())
            target.documents = sorted(target.counts)
            if role is not None:
                target.role = _tidy_name(role) or None
            if affiliation is not None:
                target.affiliation = _tidy_name(affiliation) or None
            renamed = old_names - {target.name}
            changed: dict[str, list[Passage]] = {}
            if renamed:
                for doc_id in target.documents:
                    document = data.document(doc_id)
                    if document is None:
                        continue
                    passages = self.store.passages(doc_id)
                    journal.touch(document, passages)
                    for p in passages:
                        if p.speaker in renamed:
                            p.speaker = target.name
                    document.speakers = list(
                        dict.fromkeys(target.name if n in renamed else n for n in document.speakers)
                    )
                    changed[doc_id] = passages
            what = [f"{', '.join(sorted(renamed))} → {target.name}"] if renamed else []
            what += [f"alias {a}" for a in add_aliases] + [f"no alias {a}" for a in remove_aliases]
            what += [f"role {target.role or '(none)'}"] if role is not None else []
            what += [f"affiliation {target.affiliation or '(none)'}"] if affiliation is not None else []
            self.people._commit(data, journal, changed, f"{target.name}: {'; '.join(what) or 'unchanged'}")
            if changed:
                for old in renamed:
                    # Quotes on removed documents (no passages to follow) follow the name.
                    if per_document or is_placeholder(old):
                        # Quotes of the same label in other documents belong to other people.
                        self.quotes.rename_speaker(old, target.name, documents=set(target.documents))
                    else:
                        self.quotes.rename_speaker(old, target.name)
        target.unnamed = is_placeholder(target.name)
        return Speaker.from_dict(target.to_dict())

    # -- search and quotes ---------------------------------------------------
    @property
    def index(self) -> WordIndex:
        """The persisted search index, opened on first use."""
        if self._index is None and self.server is not None:
            from sayso.corpus.server.search import ServerSearch

            self._index = ServerSearch(
                self.server, speakers=self.speakers, tags=self._passages_with_tag, warn=self._problems.append
            )
        if self._index is None:
            self._index = self._local_index()
        return self._index

    def _local_index(self) -> SearchIndex:
        """The local search index (meaning search reads its passages table); SaysoError on an archive."""
        from sayso.corpus.search import SearchIndex

        if self.server is not None:
            raise SaysoError("search by meaning works on a local library; a shared archive has word search only")
        if isinstance(self._index, SearchIndex):
            return self._index
        index = SearchIndex.open(
            self.store.index_dir,
            self,
            speakers=self.speakers,
            tags=self._passages_with_tag,
            lock=self.store.lock,
            warn=self._problems.append,
            progress=self.index_progress,
        )
        self._index = index
        return index

    def _save_index(self) -> None:
        if self._index is not None:
            with self.store.lock.held():
                self._index.save()
                # Embedding costs as much as the rest of an import (an import of 100k passages took 18 s instead
                # of 8): the vectors are kept in step only once meaning search has been used (its first search
                # builds them), not in every library.
                if self.server is None and self.meaning.in_use():
                    self._sync_meaning()

    @property
    def meaning(self) -> MeaningIndex:
        """The passages' meaning vectors (corpus.meaning), in the index folder."""
        if self._meaning is None:
            from sayso.corpus.meaning import MeaningIndex

            self._meaning = MeaningIndex(self.store.index_dir / "meaning", warn=self._problems.append)
        return self._meaning

    def _sync_meaning(self) -> None:
        """Embed new or re-imported documents' passages and drop removed ones (the caller holds the lock).

        Meaning search is an extra: a model that cannot be loaded is reported, never stops an import.
        """
        from sayso.corpus.meaning import ModelMissing

        try:
            self.meaning.sync(self)
        except (ModelMissing, OSError, SaysoError, ValueError) as exc:
            self._problems.append(f"meaning vectors not updated: {exc}")

    def search(
        self,
        query: str,
        limit: int = 10,
        speaker: str | None = None,
        doc: str | None = None,
        kind: str | None = None,
        tag: str | None = None,
        meaning: bool = False,
    ) -> list[Hit]:
        """Typo-tolerant ranked search; facets may also be written inline (`speaker:lecun`).

        With `meaning`, passages close in meaning are blended in by reciprocal rank (corpus.meaning);
        each hit's `match` says whether words, meaning or both found it.
        """
        hits = self.index.search(query, limit=limit, speaker=speaker, doc=doc, kind=kind, tag=tag)
        if meaning:
            hits = self._blend_meaning(query, hits, limit, speaker=speaker, doc=doc, kind=kind, tag=tag)
        if hits and (self.server is not None or self.index.in_step != self.fingerprint()):
            # The index keeps titles from when it indexed a document; `doc edit` may have changed them
            # (unless the index has just been found in step with this very library.json).
            titles = self.store.titles()
            for hit in hits:
                hit.title = titles.get(hit.document, hit.title)
        return hits

    def _blend_meaning(
        self,
        query: str,
        hits: list[Hit],
        limit: int,
        *,
        speaker: str | None,
        doc: str | None,
        kind: str | None,
        tag: str | None,
    ) -> list[Hit]:
        from sayso.corpus import meaning

        vectors = self._meaning_ready()
        facets = {"speaker": speaker, "doc": doc, "kind": kind, "tag": tag}
        found = meaning.search_meaning(
            self._local_index(), vectors, query, limit=max(limit, 50), speaker=speaker, doc=doc, kind=kind, tag=tag
        )
        words = self.index.search(query, limit=max(limit, 50), **facets) if len(hits) >= limit else hits
        return meaning.blend(words, found, limit)

    def _meaning_ready(self) -> MeaningIndex:
        """The meaning vectors, brought up to date first where they are behind the library (the first meaning
        search of a library, an import by an older sayso, a changed model) if no other sayso is writing;
        else searched as they are."""
        from sayso.corpus import meaning

        if self.server is not None:
            raise SaysoError("search by meaning works on a local library; a shared archive has word search only")
        vectors = self.meaning
        embed, drop = vectors.stale(self, meaning.model_id())
        if embed or drop:
            with contextlib.suppress(LibraryBusy), self.store.lock.held(timeout=0):
                self._sync_meaning()
        return vectors

    def similar(self, passage_id: str, limit: int = 10) -> list[Hit]:
        """More like this: the passages closest in meaning to one passage, by anyone, itself left out."""
        from sayso.corpus import meaning

        doc_id = passage_id.rpartition(":")[0]
        text = next((p.text for p in self.passages(doc_id) if p.id == passage_id), "")
        # The passage's words as plain words: no quotes, exclusions or facets of the query grammar.
        words = " ".join(w.strip('"-').replace(":", " ") for w in text.split())
        found = (
            meaning.search_meaning(self._local_index(), self._meaning_ready(), words, limit=limit + 1)
            if words.strip()
            else []
        )
        return [h for h in found if h.passage != passage_id][:limit]

    @property
    def quotes(self) -> QuoteBook:
        """The user's quotes, in their own durable file beside the corpus."""
        if self._quotes is None and self.server is not None:
            from sayso.corpus.server.quotes import ServerQuoteBook

            self._quotes = ServerQuoteBook(self.server, self.data_dir, self, speaker=self.speaker)
        if self._quotes is None:
            from sayso.corpus.quotes import QuoteBook

            self._quotes = QuoteBook(self.data_dir, self.store.lock, self, speaker=self.speaker)
        return self._quotes

    def _passages_with_tag(self, tag: str) -> set[str]:
        return self.quotes.passages_with_tag(tag)

    def problems(self) -> list[str]:
        """One line per problem that was no error of the caller's (an index not saved), since last asked."""
        lines, self._problems[:] = list(self._problems), []
        return lines

    def speaker_names(self) -> Sequence[str]:
        return [s.name for s in self.speakers()]
