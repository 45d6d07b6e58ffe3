"""The Library: the Python API behind the CLI and the app.

    lib = Library.open(data_dir)
    report = lib.import_paths(["talk.vtt", "panels/"])
    lib.documents(); lib.passages(doc_id); lib.speakers(); lib.search("opne wieghts")

Every method returns plain dataclasses from `corpus.models`.  Writers take the
store's lock, so several sayso processes can share one data folder.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.errors import Ambiguous, ImportRefused, NotFound, SaysoError
from corpus.importers import SUPPORTED_SUFFIXES, parse_path
from corpus.models import Document, Hit, ParsedDocument, Passage, Speaker, document_text, PASSAGE_SEPARATOR
from corpus.sentences import split_sentences
from corpus.store import Store

if TYPE_CHECKING:
    from corpus.quotes import QuoteBook
    from corpus.search import SearchIndex

#: Fields of a document the user may edit (`sayso doc edit`).
EDITABLE_FIELDS = ("title", "kind", "date", "url", "publisher", "event", "place")


def default_data_dir() -> Path:
    """`$SAYSO_DATA`, else the platform's user data folder for sayso."""
    env = os.environ.get("SAYSO_DATA")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("sayso", appauthor=False))


def document_id_for(source: Path) -> str:
    """A stable id from the file's absolute path, so re-importing updates in place."""
    resolved = str(source.expanduser().resolve())
    return hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:10]


def _name_key(name: str) -> str:
    return re.sub(r"[^\w]+", " ", name.casefold()).strip()


@dataclass
class ImportReport:
    """What `import_paths` did, for the CLI summary and the app's notification."""

    documents: list[Document] = field(default_factory=list)
    passages: int = 0
    speakers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": [d.to_dict() for d in self.documents],
            "passages": self.passages,
            "speakers": self.speakers,
            "warnings": self.warnings,
            "errors": self.errors,
        }


class Library:
    """A data folder of imported documents, their speakers, the search index and quotes."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir).expanduser()
        self.store = Store(self.data_dir)
        self._index: SearchIndex | None = None
        self._quotes: QuoteBook | None = None

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None) -> Library:
        """Open (creating if needed) the library in `data_dir` or the default folder."""
        lib = cls(Path(data_dir) if data_dir is not None else default_data_dir())
        try:
            lib.store.prepare()
        except OSError as exc:
            raise SaysoError(f"cannot use data folder {lib.data_dir}: {exc.strerror or exc}") from None
        return lib

    # -- reading ------------------------------------------------------------
    def documents(self) -> list[Document]:
        """Every document, in import order."""
        return self.store.documents()

    def document(self, ref: str) -> Document:
        """Find a document by id, id prefix, exact title or a unique part of its title or source."""
        docs = self.documents()
        ref_key = ref.strip()
        for doc in docs:
            if doc.id == ref_key:
                return doc
        by_prefix = [d for d in docs if d.id.startswith(ref_key)] if len(ref_key) >= 4 else []
        if len(by_prefix) == 1:
            return by_prefix[0]
        folded = ref_key.casefold()
        exact = [d for d in docs if d.title.casefold() == folded or d.source == ref_key]
        if len(exact) == 1:
            return exact[0]
        partial = [d for d in docs if folded in d.title.casefold() or folded in d.source.casefold()]
        if len(partial) == 1:
            return partial[0]
        candidates = partial or exact
        if not candidates:
            from corpus.search import fuzzy_choices

            candidates = [docs[i] for i in fuzzy_choices(ref_key, [d.title for d in docs], limit=3)]
            if len(candidates) == 1:
                return candidates[0]
        if candidates:
            listed = "; ".join(f"{d.id} {d.title!r}" for d in candidates[:5])
            raise Ambiguous(f"document {ref!r} matches several: {listed} (use the id)")
        raise NotFound(f"no document matches {ref!r} (see `sayso docs`)")

    def passages(self, doc_id: str) -> list[Passage]:
        """The passages of one document in reading order."""
        return self.store.passages(doc_id)

    def text(self, doc_id: str) -> str:
        """The document text that quote positions count in."""
        return document_text(self.passages(doc_id))

    def speakers(self) -> list[Speaker]:
        """Every speaker across the library, most passages first."""
        return sorted(self.store.speakers(), key=lambda s: (-s.passages, s.name.casefold()))

    def speaker(self, ref: str) -> Speaker:
        """Find a speaker by name or alias (case-insensitive, then a unique part of it)."""
        speakers = self.speakers()
        key = _name_key(ref)
        for s in speakers:
            if key in {_name_key(n) for n in [s.name, *s.aliases]}:
                return s
        partial = [s for s in speakers if any(key in _name_key(n) for n in [s.name, *s.aliases])]
        if len(partial) == 1:
            return partial[0]
        if partial:
            raise Ambiguous(f"speaker {ref!r} matches several: {', '.join(s.name for s in partial[:6])}")
        raise NotFound(f"no speaker matches {ref!r} (see `sayso speakers`)")

    # -- importing ----------------------------------------------------------
    def import_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        progress: Callable[[str, int, int], None] | None = None,
    ) -> ImportReport:
        """Import files and folders (every supported file inside, recursively).

        A file that cannot be imported is reported in `errors` and changes
        nothing; the others still import.  `progress(name, done, total)` is
        called after each file.
        """
        files: list[Path] = []
        report = ImportReport()
        for raw in paths:
            path = Path(raw).expanduser()
            if path.is_dir():
                found = sorted(
                    p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                )
                if not found:
                    report.errors.append(f"{raw}: no supported files in this folder")
                files.extend(found)
            elif path.is_file():
                files.append(path)
            elif path.exists():
                report.errors.append(f"{raw}: not a regular file")
            else:
                report.errors.append(f"{raw}: no such file or folder")
        speakers_seen: dict[str, None] = {}
        for done, path in enumerate(files, 1):
            try:
                doc = self.import_file(path)
            except SaysoError as exc:
                report.errors.append(str(exc))
            except OSError as exc:
                report.errors.append(f"{path}: {exc.strerror or exc}")
            else:
                report.documents.append(doc)
                report.passages += doc.passages
                report.warnings.extend(f"{path}: {w}" for w in doc.warnings)
                speakers_seen.update(dict.fromkeys(doc.speakers))
            if progress:
                progress(str(path), done, len(files))
        report.speakers = list(speakers_seen)
        if report.documents:
            self._save_index()
        return report

    def import_file(self, path: Path, source: str | None = None) -> Document:
        """Parse one file and store it, replacing the document from the same path."""
        parsed = parse_path(path)
        if not parsed.passages:
            raise ImportRefused(f"{path}: no readable text found")
        raw = path.read_bytes()
        doc_id = document_id_for(path)
        return self._store_parsed(doc_id, source or str(path), parsed, hashlib.sha256(raw).hexdigest())

    def _store_parsed(self, doc_id: str, source: str, parsed: ParsedDocument, content_hash: str) -> Document:
        passages: list[Passage] = []
        offset = 0
        for i, pp in enumerate(parsed.passages):
            passages.append(
                Passage(
                    id=f"{doc_id}:{i}",
                    document=doc_id,
                    index=i,
                    speaker=pp.speaker,
                    text=pp.text,
                    start=pp.start,
                    end=pp.end,
                    offset=offset,
                    sentences=split_sentences(pp.text),
                    heading=pp.heading,
                )
            )
            offset += len(pp.text) + len(PASSAGE_SEPARATOR)
        text = document_text(passages)
        names = list(dict.fromkeys(p.speaker for p in passages if p.speaker))
        with self.store.lock.held():
            old = next((d for d in self.store.documents() if d.id == doc_id), None)
            doc = Document(
                id=doc_id,
                title=parsed.title,
                kind=parsed.kind,
                source=source,
                content_hash=content_hash,
                text_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                date=parsed.date,
                url=parsed.url,
                speakers=names,
                passages=len(passages),
                words=len(text.split()),
                encoding=parsed.encoding,
                warnings=list(parsed.warnings),
                imported=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            )
            if old is not None:
                # The user's edits to citation fields survive a re-import.
                for name in ("publisher", "event", "place"):
                    setattr(doc, name, getattr(old, name))
            counts: dict[str, int] = {}
            for p in passages:
                if p.speaker:
                    counts[p.speaker] = counts.get(p.speaker, 0) + 1
            speakers = self._merge_speakers(doc_id, counts, parsed.speakers)
            self.store.save_document(doc, passages, speakers)
            self.index.add_document(doc, passages)
            if old is not None:
                self.quotes.reanchor_document(doc_id)
        return doc

    def _merge_speakers(
        self, doc_id: str, counts: dict[str, int], aliases: dict[str, list[str]]
    ) -> list[Speaker]:
        """The speaker table with this document's contribution replaced."""
        table: dict[str, Speaker] = {}
        for s in self.store.speakers():
            s.counts.pop(doc_id, None)
            table[_name_key(s.name)] = s
        alias_owner = {_name_key(a): k for k, s in table.items() for a in s.aliases}
        for name, n in counts.items():
            key = _name_key(name)
            doc_aliases = aliases.get(name, [])
            owner = key if key in table else alias_owner.get(key)
            if owner is None:
                owner = next((alias_owner[_name_key(a)] for a in doc_aliases if _name_key(a) in alias_owner), None)
            if owner is None:
                owner = next((_name_key(a) for a in doc_aliases if _name_key(a) in table), None)
            if owner is None:
                table[key] = Speaker(name=name)
                owner = key
            s = table[owner]
            for a in [name, *doc_aliases]:
                if _name_key(a) != _name_key(s.name) and a not in s.aliases:
                    s.aliases.append(a)
            s.counts[doc_id] = s.counts.get(doc_id, 0) + n
        result = []
        for s in table.values():
            s.passages = sum(s.counts.values())
            s.documents = sorted(s.counts)
            if s.passages:
                result.append(s)
        return result

    def remove(self, ref: str) -> Document:
        """Remove a document from the library (its quotes stay, flagged for review)."""
        doc = self.document(ref)
        with self.store.lock.held():
            speakers = self._merge_speakers(doc.id, {}, {})
            self.store.remove_document(doc.id, speakers)
            self.index.remove_document(doc.id)
            self._save_index()
        return doc

    def edit_document(self, ref: str, **changes: str | None) -> Document:
        """Change citation fields of a document (title, kind, date, url, publisher, event, place)."""
        unknown = set(changes) - set(EDITABLE_FIELDS)
        if unknown:
            raise SaysoError(f"cannot edit {', '.join(sorted(unknown))}; editable: {', '.join(EDITABLE_FIELDS)}")
        with self.store.lock.held():
            doc = self.document(ref)
            for name, value in changes.items():
                if value is not None:
                    setattr(doc, name, value.strip() or None if name != "title" else value.strip() or doc.title)
            self.store.update_document(doc)
        return doc

    # -- search and quotes ---------------------------------------------------
    @property
    def index(self) -> SearchIndex:
        """The persisted search index, opened on first use."""
        if self._index is None:
            from corpus.search import SearchIndex

            self._index = SearchIndex.open(self.store.index_dir, self)
        return self._index

    def _save_index(self) -> None:
        if self._index is not None:
            with self.store.lock.held():
                self._index.save()

    def search(
        self,
        query: str,
        limit: int = 10,
        speaker: str | None = None,
        doc: str | None = None,
        kind: str | None = None,
        tag: str | None = None,
    ) -> list[Hit]:
        """Typo-tolerant ranked search; facets may also be written inline (`speaker:lecun`)."""
        return self.index.search(query, limit=limit, speaker=speaker, doc=doc, kind=kind, tag=tag)

    @property
    def quotes(self) -> QuoteBook:
        """The user's quotes, in their own durable file beside the corpus."""
        if self._quotes is None:
            from corpus.quotes import QuoteBook

            self._quotes = QuoteBook(self)
        return self._quotes

    def speaker_names(self) -> Sequence[str]:
        return [s.name for s in self.speakers()]
