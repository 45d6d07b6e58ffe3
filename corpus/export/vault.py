"""Markdown for note vaults (Obsidian, or any folder of Markdown files): one file per document or per quote.

    files = vault_files(entries, "quote")                      # what would be written, by relative path
    report = write_vault(folder, entries, "quote", data_dir=lib.data_dir, known=all_quote_ids)

Each file starts with YAML frontmatter (`title`, `speakers`, `date`, `source`,
`url`, `tags`, `sayso`), every value a double-quoted string escaped as JSON
(valid YAML), so untrusted titles and names cannot break it.  Tags are made
valid Obsidian tags (`tag`): no spaces, `a/b` nested; the body carries them as
`#tags`.  Each quote links back to where it comes from with a `sayso://` URI
(`quote_uri`, `document_uri`) and, where the document has an absolute source
path, a `file://` link to the transcript; a quote's own file links to its
document's file with an ordinary relative Markdown link, which Obsidian and
plain Markdown both follow.

Layouts (`LAYOUTS`):

- `document`: `FOLDER/<title>-<id>.md` per document, holding its quotes.
- `quote`: `FOLDER/quotes/<speaker>-<words>-<id>.md` per quote, and per document
  `FOLDER/<title>-<id>.md` with a link to each of its quotes.

Updating in place: a file is found again by the `sayso` URI in its frontmatter,
so a renamed title keeps its file.  The quote blocks between sayso's markers
are replaced (`markdown.merge`) and everything else the user wrote is kept: text
around the blocks, blocks of quotes not in this export, and frontmatter keys
other than sayso's own (`SAYSO_KEYS`, whose values sayso owns).  A file that
would be written but is not sayso's (no `sayso` URI of that document or quote
in its frontmatter) is never touched: it is refused and reported.  A quote file
whose quote was deleted in sayso is left alone and reported (`VaultReport.orphans`).
Each file is written atomically, only when its content changes; nothing is ever
written into the data folder, nor outside the vault folder through a symlink.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Protocol
from urllib.parse import quote as percent
from urllib.parse import unquote

from sayso.corpus.errors import SaysoError
from sayso.corpus.export import markdown
from sayso.corpus.export.entries import Entry
from sayso.corpus.models import Document
from sayso.corpus.safety import visible
from sayso.corpus.store import atomic_write_bytes

#: One file per document (its quotes in it), or one file per quote (and per document, linking to them).
LAYOUTS = ("document", "quote")
DEFAULT_LAYOUT = "document"
#: The subfolder of the vault holding the quote files of the `quote` layout.
QUOTES_FOLDER = "quotes"
#: The frontmatter keys sayso writes and updates; any other key in a file is the user's and is kept.
SAYSO_KEYS = ("title", "kind", "speakers", "date", "source", "url", "tags", "sayso")
#: How much of a file is read to find the `sayso` URI in its frontmatter.
HEAD_BYTES = 8192

VAULT_NOTE = (
    "<!-- Exported by sayso. Blocks between sayso:quote markers and the frontmatter keys sayso writes are "
    "updated when you export into this folder again; write your own text and keys outside them. -->"
)

# Characters YAML (1.1 and 1.2) does not allow raw in a document: escaped in a double-quoted scalar.
_YAML_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_TOP_KEY = re.compile(r"""^(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^\s#'"][^:]*?))\s*:(?:\s|$)""")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_SLUG_LIMIT = 60


def layout_name(layout: str | None) -> str:
    """The layout the user typed (`LAYOUTS`); SaysoError for another."""
    key = (layout or DEFAULT_LAYOUT).strip().casefold()
    if key not in LAYOUTS:
        raise SaysoError(f"unknown vault layout {layout!r}; choose one of: {', '.join(LAYOUTS)}")
    return key


# -- links back -----------------------------------------------------------------------------------------


def document_uri(doc_id: str) -> str:
    """`sayso://document/DOC`: the document in a sayso library (`sayso show DOC` opens it)."""
    return f"sayso://document/{percent(doc_id, safe='')}"


def quote_uri(doc_id: str, quote_id: str) -> str:
    """`sayso://document/DOC/quote/QUOTE`: a quote in its document (`sayso quotes`, the app's Quotes pane)."""
    return f"{document_uri(doc_id)}/quote/{percent(quote_id, safe='')}"


def file_uri(source: str) -> str | None:
    """The transcript's `file://` URI, percent-encoded; None for a path that is not absolute (nothing to link)."""
    path = Path(source)
    if not source or not path.is_absolute() or visible(source, keep_newlines=False) != source:
        return None
    try:
        return path.as_uri()
    except ValueError:
        return None


# -- YAML, tags, file names -------------------------------------------------------------------------------


def yaml_string(text: str) -> str:
    """`text` on one line as a YAML double-quoted scalar (JSON escaping; control characters made visible)."""
    flat = visible(" ".join(_SURROGATE.sub("\ufffd", text).split()), keep_newlines=False)
    quoted = json.dumps(flat, ensure_ascii=False)
    return _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def tag(text: str) -> str:
    """`text` as a valid Obsidian tag (without `#`): spaces become `-`, `/` nests, other punctuation goes;
    a tag of digits only gets a leading `_`; "" when nothing is left."""
    flat = visible(text, keep_newlines=False).strip().lstrip("#")
    parts = []
    for part in flat.split("/"):
        joined = re.sub(r"-{2,}", "-", re.sub(r"[^\w\-]+", "-", part)).strip("-")
        if joined:
            parts.append(joined)
    name = "/".join(parts)
    if name and all(ch.isdigit() or ch == "/" for ch in name):
        name = "_" + name
    return name


def tags_of(names: Sequence[str]) -> list[str]:
    """Each name as an Obsidian tag (`tag`), once each (case aside), in order; empty ones left out."""
    seen: dict[str, str] = {}
    for name in names:
        t = tag(name)
        if t:
            seen.setdefault(t.casefold(), t)
    return list(seen.values())


def slug(text: str, fallback: str) -> str:
    """A readable, safe piece of a file name: letters and digits (any script) joined by `-`, lower case, at most
    60 characters; `fallback` when nothing is left.  No separators, dots, control characters or spaces."""
    flat = unicodedata.normalize("NFC", visible(text, keep_newlines=False)).casefold()
    words = "".join(ch if ch.isalnum() else " " for ch in flat).split()
    out = ""
    for w in words:
        nxt = f"{out}-{w}" if out else w
        if len(nxt) > _SLUG_LIMIT:
            break
        out = nxt
    if not out and words:
        out = words[0][:_SLUG_LIMIT]
    return out or fallback


def short_id(raw: str, length: int = 8) -> str:
    """The start of an id as it goes in a file name: ASCII letters and digits only."""
    clean = re.sub(r"[^a-z0-9]", "", raw.casefold())
    return clean[:length] or "x"


def safe_name(stem: str) -> str:
    """`stem` + `.md`, never a name Windows reserves (`con`, `nul`, `com1`...)."""
    if stem.split(".", 1)[0].casefold() in _WINDOWS_RESERVED:
        stem = "_" + stem
    return stem + ".md"


# -- frontmatter -----------------------------------------------------------------------------------------


def frontmatter(fields: Sequence[tuple[str, str | list[str] | None]]) -> str:
    """YAML frontmatter (`---` lines included) of `fields`: a string, a list of strings, or None (left out)."""
    lines = ["---"]
    for key, value in fields:
        if value is None:
            continue
        if isinstance(value, list):
            lines.append(f"{key}: []" if not value else f"{key}:")
            lines.extend(f"  - {yaml_string(v)}" for v in value)
        else:
            lines.append(f"{key}: {yaml_string(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def split_frontmatter(text: str) -> tuple[str | None, str]:
    """(the frontmatter's lines between the `---` lines, the rest), or (None, text) when it has none."""
    if not text.startswith("---\n") and not text.startswith("---\r\n"):
        return None, text
    lines = text.splitlines(keepends=True)
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n") in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1 :])
    return None, text


def _key_chunks(body: str) -> list[tuple[str | None, str]]:
    """The frontmatter's lines grouped by top-level key: (key, its lines); lines before any key under None."""
    chunks: list[tuple[str | None, str]] = []
    for line in body.splitlines(keepends=True):
        m = _TOP_KEY.match(line)
        if m and not line[:1].isspace():
            key = m.group(1) if m.group(1) is not None else m.group(2) if m.group(2) is not None else m.group(3)
            chunks.append((key.strip(), line))
        elif chunks:
            chunks[-1] = (chunks[-1][0], chunks[-1][1] + line)
        else:
            chunks.append((None, line))
    return chunks


def merge_frontmatter(existing: str, fresh: str) -> str:
    """`existing` frontmatter lines with sayso's keys (`SAYSO_KEYS`) as in `fresh`; the user's keys kept."""
    fresh_chunks = {k: v for k, v in _key_chunks(fresh) if k is not None}
    out: list[str] = []
    used: set[str] = set()
    for key, chunk in _key_chunks(existing):
        if key in SAYSO_KEYS:
            if key in fresh_chunks and key not in used:
                out.append(fresh_chunks[key])
                used.add(key)
            continue  # a key of sayso's that this export no longer has (a date removed): dropped
        out.append(chunk if chunk.endswith("\n") else chunk + "\n")
    out.extend(chunk for key, chunk in fresh_chunks.items() if key not in used)
    return "".join(out)


def sayso_uri_of(text: str) -> str | None:
    """The `sayso` URI in the frontmatter of a file starting with `text`, or None (not a file sayso wrote)."""
    body, _ = split_frontmatter(text)
    if body is None:
        return None
    for key, chunk in _key_chunks(body):
        if key == "sayso":
            value = chunk.split(":", 1)[1].strip()
            try:
                uri = json.loads(value)
            except ValueError:
                return None
            return uri if isinstance(uri, str) and uri.startswith("sayso://") else None
    return None


def merge_file(existing: str, fresh: str) -> str:
    """A vault file updated in place: sayso's frontmatter keys and quote blocks from `fresh`, the rest kept."""
    old_fm, old_body = split_frontmatter(existing)
    new_fm, new_body = split_frontmatter(fresh)
    if new_fm is None:
        raise SaysoError("a vault file without frontmatter")  # never: vault_files always writes it
    fm = new_fm if old_fm is None else merge_frontmatter(old_fm, new_fm)
    body = markdown.merge(old_body, new_body) if old_body.strip() else new_body
    return f"---\n{fm}---\n{body}"


# -- the files ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VaultFile:
    """One file of a vault export: where it goes (relative, `/`-separated), what it says, what it is."""

    path: str
    text: str
    uri: str
    #: The ids of the quotes it holds (one for a quote file; a document's quotes for a document file).
    quotes: tuple[str, ...] = ()


def _doc_key(entry: Entry) -> str:
    return entry.document.id if entry.document is not None else entry.quote.document


def _document_fields(
    doc: Document | None, doc_id: str, entries: Sequence[Entry], paths: bool
) -> list[tuple[str, str | list[str] | None]]:
    speakers = list(dict.fromkeys(e.speaker for e in entries if e.speaker))
    tags = tags_of([t for e in entries for t in e.quote.tags])
    return [
        ("title", doc.title if doc else f"Document {doc_id} (no longer in the library)"),
        ("kind", doc.kind if doc else None),
        ("speakers", speakers),
        ("date", doc.date if doc and doc.date else None),
        ("source", doc.source if doc and doc.source and paths else None),
        ("url", doc.url if doc and doc.url else None),
        ("tags", tags),
        ("sayso", document_uri(doc_id)),
    ]


def _links_line(entry: Entry, paths: bool, document_link: str | None) -> list[str]:
    """The block's lines naming the quote's tags as `#tags` and linking back to where it comes from."""
    lines = []
    tags = tags_of(entry.quote.tags)
    if tags:
        lines.append("- Tags: " + " ".join(f"#{t}" for t in tags))
    links = [f"[in sayso]({quote_uri(_doc_key(entry), entry.quote.id)})"]
    uri = file_uri(entry.document.source) if entry.document is not None and paths else None
    if uri:
        links.append(f"[transcript]({uri})")
    if document_link:
        links.insert(0, document_link)
    lines.append("- Source: " + " · ".join(links))
    return lines


def _block(entry: Entry, cite: str, paths: bool, document_link: str | None = None) -> str:
    """The quote's Markdown block (`markdown.render_entry`), its tags as `#tags`, and its links back."""
    untagged = replace(entry, quote=replace(entry.quote, tags=[]))
    block = markdown.render_entry(untagged, cite)
    head = block[: -len(markdown.CLOSE_MARKER)].rstrip("\n")
    return "\n".join([head, *_links_line(entry, paths, document_link), "", markdown.CLOSE_MARKER])


def _heading(text: str) -> str:
    return "# " + markdown.escape(" ".join(visible(text, keep_newlines=False).split()), line_starts=False)


def _relative(from_file: str, to_file: str) -> str:
    """A relative link from one vault file to another, percent-encoded where a Markdown link needs it."""
    start = PurePosixPath(from_file).parent
    rel = os.path.relpath(to_file, start.as_posix() or ".").replace(os.sep, "/")
    return percent(rel, safe="/-._~")


def default_paths(entries: Sequence[Entry], layout: str) -> dict[str, str]:
    """The file each document (and, in the `quote` layout, each quote) goes to in a new vault, by its URI.

    Names are a slug of the title (of the speaker and first words for a quote) and the start of the id,
    longer where two ids would share one."""
    layout = layout_name(layout)
    docs: dict[str, Entry] = {}
    for e in entries:
        docs.setdefault(_doc_key(e), e)
    wanted: list[tuple[str, str, str, str]] = []  # (uri, folder, readable part, id)
    for doc_id, e in docs.items():
        wanted.append((document_uri(doc_id), "", slug(e.title, "document"), doc_id))
    if layout == "quote":
        for e in entries:
            words = " ".join(e.quote.exact.split()[:6])
            readable = slug(f"{e.speaker or ''} {words}", "quote")
            wanted.append((quote_uri(_doc_key(e), e.quote.id), QUOTES_FOLDER + "/", readable, e.quote.id))
    out: dict[str, str] = {}
    for uri, folder, readable, raw in wanted:
        length = 8
        while True:
            name = folder + safe_name(f"{readable}-{short_id(raw, length)}")
            clash = any(p.casefold() == name.casefold() for p in out.values())
            if not clash or length >= 64:
                break
            length += 4
        out[uri] = name
    return out


def vault_files(
    entries: Sequence[Entry],
    layout: str = DEFAULT_LAYOUT,
    cite: str = markdown.DEFAULT_CITE,
    *,
    paths: dict[str, str] | None = None,
    source_paths: bool = True,
) -> list[VaultFile]:
    """The files of a vault export of these entries, fresh (as written into an empty folder).

    `paths` overrides where a document or quote goes, by URI (the files found in an existing vault);
    `source_paths=False` leaves the transcripts' paths out (for a pseudonymised export).
    """
    layout, cite = layout_name(layout), markdown.cite_form(cite)
    where = default_paths(entries, layout)
    where.update({uri: p for uri, p in (paths or {}).items() if uri in where})
    by_doc: dict[str, list[Entry]] = {}
    for e in entries:
        by_doc.setdefault(_doc_key(e), []).append(e)
    files = []
    for doc_id, doc_entries in by_doc.items():
        doc = doc_entries[0].document
        doc_path = where[document_uri(doc_id)]
        fields = _document_fields(doc, doc_id, doc_entries, source_paths)
        title = str(fields[0][1])
        blocks = []
        for e in doc_entries:
            if layout == "document":
                blocks.append(_block(e, cite, source_paths))
                continue
            quote_path = where[quote_uri(doc_id, e.quote.id)]
            blocks.append(_link_block(e, _relative(doc_path, quote_path)))
            link_text = markdown.escape(" ".join(title.split()), line_starts=False, link_text=True)
            back = f"[{link_text}]({_relative(quote_path, doc_path)})"
            files.append(_quote_file(e, doc_id, quote_path, cite, source_paths, back))
        text = frontmatter(fields) + "\n" + _heading(title) + "\n\n" + VAULT_NOTE + "\n\n" + "\n\n".join(blocks) + "\n"
        files.append(VaultFile(doc_path, text, document_uri(doc_id), tuple(e.quote.id for e in doc_entries)))
    # A lone surrogate (from a damaged source) cannot be written as UTF-8: it becomes U+FFFD, as decoding would make it.
    return sorted((replace(f, text=_SURROGATE.sub("\ufffd", f.text)) for f in files), key=lambda f: f.path)


def _link_block(entry: Entry, link: str) -> str:
    """A document file's line for one quote of the `quote` layout: its first words linking to its file."""
    words = entry.quote.exact.split()
    shown = " ".join(words[:12]) + (" \u2026" if len(words) > 12 else "")
    who = ", ".join(part for part in (entry.speaker or "", entry.locator) if part)
    line = f"- [\u201c{markdown.escape(shown, line_starts=False, link_text=True)}\u201d]({link})"
    if who:
        line += " \u2014 " + markdown.escape(visible(who, keep_newlines=False), line_starts=False)
    if entry.problem:
        line += f" {markdown.WARNING_SIGN}"
    return "\n".join([markdown.OPEN_MARKER.format(id=markdown.marker_id(entry.quote.id)), line, markdown.CLOSE_MARKER])


def _quote_file(entry: Entry, doc_id: str, path: str, cite: str, paths: bool, back: str) -> VaultFile:
    doc = entry.document
    uri = quote_uri(doc_id, entry.quote.id)
    fields: list[tuple[str, str | list[str] | None]] = [
        ("title", doc.title if doc else f"Document {doc_id} (no longer in the library)"),
        ("speakers", [entry.speaker] if entry.speaker else []),
        ("date", doc.date if doc and doc.date else None),
        ("source", doc.source if doc and doc.source and paths else None),
        ("url", doc.url if doc and doc.url else None),
        ("tags", tags_of(entry.quote.tags)),
        ("sayso", uri),
    ]
    heading = f"{entry.speaker or 'Unattributed'}: {' '.join(entry.quote.exact.split()[:8])}"
    if len(entry.quote.exact.split()) > 8:
        heading += " \u2026"
    text = (
        frontmatter(fields)
        + "\n"
        + _heading(heading)
        + "\n\n"
        + VAULT_NOTE
        + "\n\n"
        + _block(entry, cite, paths, document_link=back)
        + "\n"
    )
    return VaultFile(path, text, uri, (entry.quote.id,))


# -- writing -------------------------------------------------------------------------------------------------


@dataclass
class VaultReport:
    """What a vault export did, by path relative to the vault folder."""

    folder: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    #: Files left alone because sayso did not write them (or wrote them for another document or quote): (path, why).
    refused: list[tuple[str, str]] = field(default_factory=list)
    #: Quote files sayso wrote whose quote is no longer in sayso: left as they are.
    orphans: list[str] = field(default_factory=list)


class Check(Protocol):
    """A check of a file about to be written (`Protection.check`): raises to stop the export."""

    def __call__(self, fmt: str, content: str | bytes, *, file: str = "") -> None: ...


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:
        return False


def scan(folder: Path) -> dict[str, str]:
    """The files sayso wrote in a vault folder (and its `quotes/`), by the `sayso` URI in their frontmatter."""
    found: dict[str, str] = {}
    for sub in ("", QUOTES_FOLDER):
        where = folder / sub if sub else folder
        if not where.is_dir() or where.is_symlink():
            continue
        for path in sorted(where.iterdir()):
            if path.suffix.lower() != ".md" or path.is_symlink() or not path.is_file():
                continue
            try:
                with open(path, "rb") as handle:
                    head = handle.read(HEAD_BYTES).decode("utf-8", errors="replace")
            except OSError:
                continue
            uri = sayso_uri_of(head)
            if uri is not None:
                found.setdefault(uri, f"{sub}/{path.name}" if sub else path.name)
    return found


def write_vault(
    folder: Path,
    entries: Sequence[Entry],
    layout: str = DEFAULT_LAYOUT,
    cite: str = markdown.DEFAULT_CITE,
    *,
    data_dir: Path | None = None,
    known: Collection[str] | None = None,
    source_paths: bool = True,
    check: Check | None = None,
) -> VaultReport:
    """Export these entries into the vault `folder` (created if its parent exists), updating sayso's files in it.

    `known` are the ids of every quote sayso still has: a quote file of any other id is reported as an
    orphan.  `check(fmt, data, file=path)` is called on each file's bytes, with its path in the vault, before
    any is written (a pseudonymised export's leak check): an exception from it leaves every file unwritten.
    Raises SaysoError (nothing written) for a folder in the data folder or a path that is not a folder.
    """
    given = Path(folder)
    shown = visible(str(given), keep_newlines=False)
    root = Path(os.path.realpath(given))
    if data_dir is not None and _inside(str(root), os.path.realpath(data_dir)):
        raise SaysoError(
            f"{shown} is in sayso's data folder; exports never write there (choose a folder outside "
            f"{visible(str(data_dir), keep_newlines=False)})"
        )
    if root.exists() and not root.is_dir():
        raise SaysoError(f"{shown} is not a folder")
    if not root.parent.is_dir():
        raise SaysoError(f"folder {visible(str(root.parent), keep_newlines=False)} does not exist")
    existing = scan(root) if root.is_dir() else {}
    files = vault_files(entries, layout, cite, paths=existing, source_paths=source_paths)
    report = VaultReport(root)
    planned = [(f, data) for f in files if (data := _planned(root, f, report)) is not None]
    if check is not None:
        for f, data in planned:
            check("markdown", data, file=f.path)
    for f, data in planned:
        atomic_write_bytes(root / f.path, data, mode=0o666)  # creates quotes/ when needed
        report.written.append(f.path)
    if known is not None:
        known_ids = set(known)
        for uri, rel in sorted(existing.items(), key=lambda kv: kv[1]):
            parts = uri.split("/quote/", 1)
            if len(parts) == 2 and unquote(parts[1]) not in known_ids:
                report.orphans.append(rel)
    return report


def _planned(root: Path, f: VaultFile, report: VaultReport) -> bytes | None:
    """What file `f` is to hold (merged into the note already there); None, noted in `report`, to leave it."""
    target = root / f.path
    real = Path(os.path.realpath(target))
    if not _inside(str(real), str(root)) or real != target:
        report.refused.append((f.path, "it is a link, or leads out of the vault folder"))
        return None
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        report.refused.append((f.path, f"cannot use it: {exc.strerror or exc}"))
        return None
    text = f.text
    if st is not None:
        if not stat.S_ISREG(st.st_mode):
            report.refused.append((f.path, "not a regular file"))
            return None
        try:
            old = target.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            report.refused.append((f.path, "not UTF-8 text"))
            return None
        except OSError as exc:
            report.refused.append((f.path, f"cannot read it: {exc.strerror or exc}"))
            return None
        owner = sayso_uri_of(old)
        if owner != f.uri:
            why = "sayso did not write it" if owner is None else "sayso wrote it for another document or quote"
            report.refused.append((f.path, why))
            return None
        try:
            text = merge_file(old, f.text)
        except SaysoError as exc:
            report.refused.append((f.path, str(exc)))
            return None
        if text == old:
            report.unchanged.append(f.path)
            return None
    return text.encode("utf-8")
