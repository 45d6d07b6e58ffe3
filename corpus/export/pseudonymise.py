"""Exports that protect the people quoted: names replaced by pseudonyms, terms redacted, the output checked.

    protection = load_protection(Path("names.toml"), redact=["Acme"])
    export = export_library(library, quotes, "markdown", protection=protection)  # raises Leak

The map (`load_map`) is a TOML or CSV file.  TOML::

    redact = ["Facebook AI Research"]        # removed, shown as [redacted] (before any [table])

    [names]                                   # people: real name = pseudonym
    "Yann LeCun" = "P1"
    "Nick Thompson" = { pseudonym = "Moderator", aliases = ["Nicholas Thompson"], alone = ["Thompson"] }

    [terms]                                   # other words, replaced as written: places, organisations
    "Montreal" = "[City]"

CSV: one row per entry, `real,pseudonym[,kind]` (kind `name`, the default, `term` or `redact`; a first row
`real,pseudonym[,kind]` is a header).

How a name matches (`Protection`): whole words only, in any case, with or without accents ("Jose" is
"José"), the words of a name separated by spaces, hyphens, dots, underscores or commas ("Kai-Fu Lee",
"kai fu lee", "yann-lecun", "LeCun, Yann"), the longest match first.  A possessive keeps its ending
("LeCun's" -> "P1's").  A person is matched by their full name (given-family and family-given), their
aliases, and on its own by their family name ("Mr. LeCun", "Senator Blumenthal") and their given name
("Thanks, Yann"); `alone` lists the single words that stand for them instead (`alone = []` for none, for
a name that is also an ordinary word: "Will", "Young").  A word shared by several people alone
("Magliozzi" for Tom and Ray) becomes both their pseudonyms, "P1/P2".  Terms and redacted words match as
written (whole words, any case, accents optional).

What is replaced: in the quoted words and the documents' text a replacement is put in square brackets,
the mark of an editorial change ("[P1]"), and such a quote is marked `EDITED`; everywhere else (speakers,
notes, tags, titles, publishers, places, hosts, the citations' authors) it is the pseudonym as given.  A
URL or file path naming someone is left out (a changed address would point elsewhere).  Quote positions
move to the pseudonymised text, which the qdpx export writes as the documents' text.

`Protection.check` looks for every mapped name and term in what is written (each file inside a qdpx, and
Markdown and BibTeX with their escapes removed too) and raises `Leak`, one line naming the first found and
where, so the caller writes nothing.
"""

from __future__ import annotations

import csv
import html
import io
import re
import tomllib
import unicodedata
import zipfile
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from sayso.corpus.errors import SaysoError
from sayso.corpus.export.csl import parse_name, speaker_item, titled_surname
from sayso.corpus.export.entries import Entry, Sources
from sayso.corpus.models import PASSAGE_SEPARATOR, Document, Passage, Quote
from sayso.corpus.safety import visible

#: What a redacted term becomes, everywhere.
REDACTED = "[redacted]"
#: What an export says of a quote whose words had a name replaced (the replacement in [brackets]).
EDITED = "edited for anonymity"


class Leak(SaysoError):
    """An export that still holds a mapped name or a redacted term: nothing was written."""


class BadMap(SaysoError):
    """A pseudonym map that cannot be used (missing, unreadable, unparsable, empty, contradictory)."""


# -- folding: case and accents ----------------------------------------------------------------------

#: Letters NFKD does not take apart.
_EXTRA_FOLDS = {
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "æ": "ae",
    "œ": "oe",
    "ı": "i",
}


@lru_cache(maxsize=1 << 14)
def fold_char(ch: str) -> str:
    """One character without case or accents ("É" -> "e", "ß" -> "ss", a combining accent -> "")."""
    lower = ch.casefold()
    decomposed = unicodedata.normalize("NFKD", lower)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(_EXTRA_FOLDS.get(c, c) for c in plain)


def fold(text: str) -> str:
    """`text` without case or accents (see `fold_char`)."""
    return _Folded(text).folded


class _Folded:
    """A text folded for matching, and where each folded position came from in the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Break points: from folded position breaks_f[k] on, positions map to breaks_o[k] (+ the distance
        # when not fixed: a character folded to several maps them all to itself).
        self._f: list[int] = []
        self._o: list[int] = []
        self._fixed: list[bool] = []
        if text.isascii():
            self.folded = text.lower()
            return
        table: dict[int, str] = {}
        uneven: list[str] = []
        for ch in set(text):
            folded = fold_char(ch)
            if folded != ch:
                table[ord(ch)] = folded
            if len(folded) != 1:
                uneven.append(ch)
        self.folded = text.translate(table)
        if not uneven:
            return
        delta = 0
        for m in re.finditer("[" + "".join(re.escape(c) for c in sorted(uneven)) + "]", text):
            i, size = m.start(), len(fold_char(m.group()))
            start = i + delta
            self._f.append(start)
            self._o.append(i)
            self._fixed.append(True)
            self._f.append(start + size)
            self._o.append(i + 1)
            self._fixed.append(False)
            delta += size - 1

    def original(self, pos: int) -> int:
        """The position in the text of folded position `pos`."""
        k = bisect_right(self._f, pos) - 1
        if k < 0:
            return pos
        return self._o[k] if self._fixed[k] else self._o[k] + (pos - self._f[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The text's span of the folded span [start, end), with any accents after its last letter."""
        s = self.original(start)
        e = self.original(end - 1) + 1 if end > start else s
        while e < len(self.text) and not fold_char(self.text[e]) and not self.text[e].isspace():
            e += 1
        return s, e


# -- the map ------------------------------------------------------------------------------------

#: What may separate the words of a name: spaces (never a blank line), hyphens, dots, underscores, commas,
#: apostrophes.
_SEP_CHARS = "\\s\\-_.,'\u2019\u2010-\u2015\u00b7"
_SEP = rf"(?:(?!\n\n)[{_SEP_CHARS}]){{1,3}}"
_SEP_ONLY = re.compile(rf"[{_SEP_CHARS}]+")
_SEP_STRIP = " \t\n\r\f\v-_.,'\u2019\u2010\u2011\u2012\u2013\u2014\u2015\u00b7\u00a0"
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Person:
    """One `[names]` entry: a real name, its pseudonym, other names for them, the words that stand alone."""

    real: str
    pseudonym: str
    aliases: tuple[str, ...] = ()
    #: The single words that stand for them on their own; None: their family and given names.
    alone: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Rule:
    """One form matched: its words, what replaces it, and whom or what it stands for (in messages)."""

    form: str
    replacement: str
    real: str

    @property
    def quoted(self) -> str:
        """The replacement inside quoted words: in [brackets], the mark of an editorial change."""
        r = self.replacement
        return r if r.startswith("[") and r.endswith("]") else f"[{r}]"


@dataclass(frozen=True)
class Edit:
    """One replacement made in a text: the span replaced and the span of its replacement."""

    start: int
    end: int
    new_start: int
    new_end: int


@dataclass
class PseudonymMap:
    """What a map file says: people, terms (as written -> replacement), and terms to redact."""

    people: list[Person] = field(default_factory=list)
    terms: dict[str, str] = field(default_factory=dict)
    redact: list[str] = field(default_factory=list)
    origin: str = "the pseudonym map"

    def empty(self) -> bool:
        return not (self.people or self.terms or self.redact)


def _shown(text: str) -> str:
    return visible(" ".join(text.split()), keep_newlines=False)


def _text(value: object, what: str, origin: str) -> str:
    """A string from the map: one line, no control character, some letters or digits."""
    if not isinstance(value, str):
        raise BadMap(f"{origin}: {what} must be text, not {type(value).__name__}")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in value):
        raise BadMap(f"{origin}: {what} {_shown(value)!r} holds a control character")
    clean = " ".join(value.split())
    if not clean:
        raise BadMap(f"{origin}: {what} is empty")
    return clean


def _words(text: str, what: str, origin: str) -> str:
    clean = _text(text, what, origin)
    if not _WORD.search(fold(clean)):
        raise BadMap(f"{origin}: {what} {_shown(clean)!r} has no letters or digits")
    return clean


def load_map(path: Path) -> PseudonymMap:
    """Read a map file (`.toml` or `.csv`, see the module docstring); BadMap with one line for a bad one."""
    origin = f"pseudonym map {_shown(str(path))}"
    suffix = path.suffix.casefold()
    if suffix not in (".toml", ".csv"):
        raise BadMap(f"{origin}: give a .toml or .csv file")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BadMap(f"{origin}: no such file") from None
    except IsADirectoryError:
        raise BadMap(f"{origin} is a folder, not a file") from None
    except OSError as exc:
        raise BadMap(f"cannot read {origin}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadMap(f"{origin} is not UTF-8 text") from None
    mapping = _from_toml(text, origin) if suffix == ".toml" else _from_csv(text, origin)
    if mapping.empty():
        raise BadMap(f"{origin} maps no names (see `[names]` in README's export section)")
    return mapping


def _from_toml(text: str, origin: str) -> PseudonymMap:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadMap(f"{origin} is not valid TOML: {exc}") from None
    unknown = set(data) - {"names", "terms", "redact"}
    if unknown:
        raise BadMap(
            f"{origin}: unknown entry {sorted(unknown)[0]!r}; a map has [names], [terms] and redact = [...] "
            "(before the first [table])"
        )
    mapping = PseudonymMap(origin=origin)
    names = data.get("names", {})
    if not isinstance(names, dict):
        raise BadMap(f'{origin}: names must be a table: [names] then "Real Name" = "P1" lines')
    for real, value in names.items():
        real = _words(real, "the name", origin)
        if isinstance(value, dict):
            extra = set(value) - {"pseudonym", "aliases", "alone"}
            if extra:
                raise BadMap(f"{origin}: {real!r} has unknown key {sorted(extra)[0]!r} (pseudonym, aliases, alone)")
            if "pseudonym" not in value:
                raise BadMap(f"{origin}: {real!r} has no pseudonym")
            pseudonym = _words(value["pseudonym"], f"the pseudonym of {real!r}", origin)
            aliases = tuple(_words(a, f"an alias of {real!r}", origin) for a in _list(value.get("aliases", []), origin))
            alone = (
                tuple(_words(a, f"an alone word of {real!r}", origin) for a in _list(value["alone"], origin))
                if "alone" in value
                else None
            )
            mapping.people.append(Person(real, pseudonym, aliases, alone))
        else:
            mapping.people.append(Person(real, _words(value, f"the pseudonym of {real!r}", origin)))
    terms = data.get("terms", {})
    if not isinstance(terms, dict):
        raise BadMap(f'{origin}: terms must be a table: [terms] then "Montreal" = "[City]" lines')
    for term, value in terms.items():
        if isinstance(value, list) and term == "redact":
            raise BadMap(f"{origin}: put redact = [...] before the first [table] (it is read as a term here)")
        mapping.terms[_words(term, "the term", origin)] = _words(value, f"the replacement of {term!r}", origin)
    mapping.redact = [_words(t, "a redacted term", origin) for t in _list(data.get("redact", []), origin)]
    return mapping


def _list(value: object, origin: str) -> list[Any]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise BadMap(f'{origin}: expected a list of names in ["…", "…"], not {type(value).__name__}')
    return value


def _from_csv(text: str, origin: str) -> PseudonymMap:
    mapping = PseudonymMap(origin=origin)
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise BadMap(f"{origin} is not valid CSV: {exc}") from None
    for number, row in enumerate(rows, 1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if number == 1 and [c.casefold() for c in cells[:2]] == ["real", "pseudonym"]:
            continue  # the header
        where = f"{origin}, line {number}"
        if len(cells) < 2 or len(cells) > 3:
            raise BadMap(f"{where}: expected real,pseudonym[,kind], found {len(cells)} column(s)")
        kind = (cells[2] if len(cells) == 3 else "").casefold() or "name"
        if kind == "redact":
            mapping.redact.append(_words(cells[0], "a redacted term", where))
        elif kind == "term":
            mapping.terms[_words(cells[0], "the term", where)] = _words(cells[1], "the replacement", where)
        elif kind == "name":
            real = _words(cells[0], "the name", where)
            mapping.people.append(Person(real, _words(cells[1], f"the pseudonym of {real!r}", where)))
        else:
            raise BadMap(f"{where}: unknown kind {_shown(cells[2])!r} (name, term or redact)")
    return mapping


def redact_terms(values: Iterable[str]) -> list[str]:
    """The terms of `--redact` options: each a term, or `@FILE` for a file of them, one a line (`#` comments)."""
    terms: list[str] = []
    for value in values:
        if value.startswith("@") and len(value) > 1:
            path = Path(value[1:]).expanduser()
            origin = f"redact list {_shown(str(path))}"
            try:
                lines = path.read_text(encoding="utf-8-sig").splitlines()
            except FileNotFoundError:
                raise BadMap(f"{origin}: no such file") from None
            except UnicodeDecodeError:
                raise BadMap(f"{origin} is not UTF-8 text") from None
            except OSError as exc:
                raise BadMap(f"cannot read {origin}: {exc.strerror or exc}") from None
            found = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
            if not found:
                raise BadMap(f"{origin} lists no terms")
            terms += [_words(t, "a redacted term", origin) for t in found]
        else:
            terms.append(_words(value, "a redacted term", "--redact"))
    return terms


def load_protection(map_path: Path | None = None, redact: Iterable[str] = ()) -> Protection | None:
    """The protection of `--pseudonymise MAP` and `--redact TERM|@FILE`; None when neither is given."""
    terms = redact_terms(redact)
    if map_path is None and not terms:
        return None
    mapping = load_map(map_path) if map_path is not None else PseudonymMap(origin="--redact")
    mapping.redact += terms
    return Protection.of(mapping)


# -- matching -------------------------------------------------------------------------------------


def _core(form: str) -> str:
    """`form` folded, without separators at its ends."""
    return fold(form).strip(_SEP_STRIP)


def _key(form: str) -> str:
    """How forms compare: folded, each run of separators one space ("kai fu lee", "c++")."""
    return _SEP_ONLY.sub(" ", _core(form))


def _pattern(form: str) -> str:
    """A regex for `form` in folded text: its words, each gap of separators any separators, other characters as
    they are ("C++")."""
    core = _core(form)
    parts: list[str] = []
    last = 0
    for m in _WORD.finditer(core):
        gap = core[last : m.start()]
        if gap:
            parts.append(_SEP if parts and _SEP_ONLY.fullmatch(gap) else re.escape(gap))
        parts.append(re.escape(m.group()))
        last = m.end()
    parts.append(re.escape(core[last:]))
    return "".join(parts)


def _initials_only(form: str) -> bool:
    words = _WORD.findall(fold(form))
    return not words or all(len(w) < 2 for w in words)


def _full_forms(person: Person) -> list[str]:
    """A person's full name as written, both ways round (given family, family given), without titles."""
    forms = [person.real]
    parts = parse_name(person.real)
    if "given" in parts:
        family = " ".join(p for p in (parts.get("non-dropping-particle"), parts["family"]) if p)
        forms += [f"{parts['given']} {family}", f"{family} {parts['given']}"]
    return forms


def _alone_forms(person: Person) -> list[str]:
    """The single words that stand for a person on their own (see the module docstring)."""
    if person.alone is not None:
        return list(person.alone)
    parts = parse_name(person.real)
    if "given" not in parts:
        surname = titled_surname(person.real)  # "Senator Kennedy": "Kennedy" alone, as in "Senator John F. Kennedy"
        if surname is None and "family" in parts:  # "Mr. King of Iowa": King
            surname = " ".join(p for p in (parts.get("non-dropping-particle"), parts["family"]) if p)
        return [surname] if surname and not _initials_only(surname) else []
    forms = [parts["family"], parts["given"]]
    if parts.get("non-dropping-particle"):
        forms.append(f"{parts['non-dropping-particle']} {parts['family']}")
    given_words = parts["given"].split()
    if len(given_words) > 1:
        forms.append(given_words[0])
    return [f for f in forms if not _initials_only(f)]


class Protection:
    """Replaces mapped names and redacted terms in text, and checks a written export for any left.

    Built from a `PseudonymMap` (`Protection.of`); see the module docstring for the rules.
    """

    def __init__(self, rules: Sequence[Rule], origin: str = "the pseudonym map") -> None:
        self.rules = list(rules)
        self.origin = origin
        ordered = sorted(range(len(self.rules)), key=lambda i: (-len(_key(self.rules[i].form)), i))
        body = "|".join(f"(?P<r{i}>{_pattern(self.rules[i].form)})" for i in ordered)
        # Only a word starting with a letter some form starts with is tried against them all.
        firsts = "".join(sorted({_key(rule.form)[:1] for rule in self.rules} - {""}))
        self._regex = re.compile(rf"(?<![^\W_])(?=[{re.escape(firsts)}])(?:{body})(?![^\W_])") if body else None

    @classmethod
    def of(cls, mapping: PseudonymMap) -> Protection:
        """The protection a map asks for; BadMap when the map contradicts itself."""
        origin = mapping.origin
        explicit: dict[str, Rule] = {}

        def add(form: str, replacement: str, real: str) -> None:
            key = _key(form)
            old = explicit.get(key)
            if old is not None and old.replacement != replacement:
                raise BadMap(
                    f"{origin}: {_shown(form)!r} is given twice, as {_shown(old.replacement)!r} and "
                    f"{_shown(replacement)!r} ({_shown(old.real)}; {_shown(real)})"
                )
            explicit.setdefault(key, Rule(form, replacement, real))

        for term in mapping.redact:
            add(term, REDACTED, term)
        for person in mapping.people:
            for form in [*_full_forms(person), *person.aliases]:
                add(form, person.pseudonym, person.real)
        for term, replacement in mapping.terms.items():
            add(term, replacement, term)
        shared: dict[str, list[Person]] = {}
        forms: dict[str, str] = {}
        for person in mapping.people:
            for form in _alone_forms(person):
                key = _key(form)
                if key in explicit:
                    continue
                owners = shared.setdefault(key, [])
                if person not in owners:
                    owners.append(person)
                forms.setdefault(key, form)
        rules = list(explicit.values())
        for key, owners in shared.items():
            pseudonyms = list(dict.fromkeys(p.pseudonym for p in owners))
            rules.append(Rule(forms[key], "/".join(pseudonyms), " or ".join(p.real for p in owners)))
        protection = cls(rules, origin)
        for rule in rules:
            hit = protection.first(rule.replacement)
            if hit is not None and rule.replacement != REDACTED:
                raise BadMap(
                    f"{origin}: {_shown(rule.replacement)!r}, which replaces {_shown(rule.real)!r}, is itself a name "
                    f"the map replaces ({_shown(hit[0].real)})"
                )
            if hit is not None:
                raise BadMap(f"{origin}: {_shown(hit[0].real)!r} cannot be mapped: it is in the marker {REDACTED}")
        return protection

    # -- replacing --------------------------------------------------------------------------------

    def _matches(self, text: str) -> Iterable[tuple[Rule, int, int]]:
        if self._regex is None or not text:
            return
        folded = _Folded(text)
        last = 0
        for m in self._regex.finditer(folded.folded):
            s, e = folded.span(m.start(), m.end())
            if s < last:
                continue
            last = e
            yield self.rules[int(str(m.lastgroup)[1:])], s, e

    def first(self, text: str) -> tuple[Rule, int, int] | None:
        """The first mapped name or term in `text`: (its rule, start, end), or None."""
        return next(iter(self._matches(text)), None)

    def edits(self, text: str, *, quoted: bool = False) -> tuple[str, list[Edit]]:
        """`text` with every match replaced (in [brackets] when `quoted`), and the edits made, in order."""
        pieces: list[str] = []
        edits: list[Edit] = []
        last = shift = 0
        for rule, s, e in self._matches(text):
            new = rule.quoted if quoted else rule.replacement
            pieces += [text[last:s], new]
            edits.append(Edit(s, e, s + shift, s + shift + len(new)))
            shift += len(new) - (e - s)
            last = e
        if not edits:
            return text, []
        pieces.append(text[last:])
        return "".join(pieces), edits

    def replace(self, text: str, *, quoted: bool = False) -> str:
        """`text` with every mapped name and term replaced (in [brackets] when `quoted`: words someone said)."""
        return self.edits(text, quoted=quoted)[0]

    def _maybe(self, text: str | None) -> str | None:
        return None if text is None else self.replace(text)

    # -- the export's entries ---------------------------------------------------------------------

    def document(self, doc: Document) -> Document:
        """`doc` with its citation fields pseudonymised; a URL or file path naming someone left out."""
        return replace(
            doc,
            title=self.replace(doc.title),
            kind=self.replace(doc.kind),
            source="" if self.first(doc.source or "") else doc.source,
            url=None if self.first(doc.url or "") else doc.url,
            media=None if self.first(doc.media or "") else doc.media,
            speakers=[self.replace(s) for s in doc.speakers],
            publisher=self._maybe(doc.publisher),
            event=self._maybe(doc.event),
            place=self._maybe(doc.place),
            host=self._maybe(doc.host),
            date=self._maybe(doc.date),
            warnings=[self.replace(w) for w in doc.warnings],
            labels=None,
            convention=None,
        )

    def passages(self, passages: Sequence[Passage]) -> tuple[list[Passage], Moves]:
        """The passages with names replaced in [brackets] in their text, and how the document's text moved.

        The document's text is matched at once (a name never runs across the blank line between passages).
        """
        text = PASSAGE_SEPARATOR.join(p.text for p in passages)
        new_text, edits = self.edits(text, quoted=True)
        moves = Moves(edits)
        result: list[Passage] = []
        offset = 0
        names: dict[str | None, str | None] = {}  # a speaker's name, replaced once
        for p in passages:
            start, end = moves.start(offset), moves.end(offset + len(p.text))
            changed = bool(edits) and new_text[start:end] != p.text
            result.append(
                replace(
                    p,
                    text=new_text[start:end] if changed else p.text,
                    speaker=names[p.speaker]
                    if p.speaker in names
                    else names.setdefault(p.speaker, self._maybe(p.speaker)),
                    heading=self._maybe(p.heading),
                    offset=start,
                    sentences=[] if changed else p.sentences,
                )
            )
            offset += len(p.text) + len(PASSAGE_SEPARATOR)
        return result, moves

    def apply(self, entries: Sequence[Entry], sources: Sources) -> tuple[list[Entry], Sources]:
        """The entries (checked against the documents as they are) and their sources, pseudonymised.

        Run before citing (`entries.cite_entries`), so citations name the pseudonyms.  A quote whose words
        are at its place takes the pseudonymised text there (its positions moved to it), so a qdpx
        selection still slices its words; one whose words changed has them pseudonymised on their own.
        """
        documents: dict[str, Document] = {}
        texts: dict[str, list[Passage]] = {}
        moves: dict[str, Moves] = {}
        for doc_id, doc in sources.documents.items():
            documents[doc_id] = self.document(doc)
            texts[doc_id], moves[doc_id] = self.passages(sources.passages.get(doc_id, []))
        protected = Sources(documents, texts)
        result = [self._entry(entry, sources, protected, moves) for entry in entries]
        return result, protected

    def _entry(self, entry: Entry, sources: Sources, protected: Sources, moves: dict[str, Moves]) -> Entry:
        q = entry.quote
        text = sources.text(q.document) if entry.document is not None else None
        new_text = protected.text(q.document) if text is not None else None
        start, end = q.start, q.end
        if text is not None and new_text is not None:
            edits = moves.get(q.document, Moves([]))
            start, end = edits.start(q.start), edits.end(q.end)
            at_place = 0 <= q.start <= q.end <= len(text) and text[q.start : q.end] == q.exact
            exact = new_text[start:end] if at_place else self.replace(q.exact, quoted=True)
            before, after = q.start - len(q.prefix), q.end + len(q.suffix)
            prefix = (
                new_text[edits.start(before) : start]
                if at_place and before >= 0 and text[before : q.start] == q.prefix
                else self.replace(q.prefix, quoted=True)
            )
            suffix = (
                new_text[end : edits.end(after)]
                if at_place and after <= len(text) and text[q.end : after] == q.suffix
                else self.replace(q.suffix, quoted=True)
            )
        else:
            exact = self.replace(q.exact, quoted=True)
            prefix, suffix = self.replace(q.prefix, quoted=True), self.replace(q.suffix, quoted=True)
        quote = Quote(
            id=q.id,
            document=q.document,
            exact=exact,
            prefix=prefix,
            suffix=suffix,
            start=start,
            end=end,
            passage=q.passage,
            speaker=self._maybe(q.speaker),
            timestamp=q.timestamp,
            text_hash=q.text_hash,
            note=self.replace(q.note),
            tags=[self.replace(t) for t in q.tags],
            created=q.created,
            modified=q.modified,
            status=q.status,
            review_reason=self.replace(q.review_reason),
            detached=q.detached,
        )
        document = protected.documents.get(q.document) if entry.document is not None else None
        speaker = self._maybe(entry.speaker)
        return replace(
            entry,
            quote=quote,
            document=document,
            speaker=speaker,
            problem=self.replace(entry.problem),
            item=speaker_item(document, speaker) if document is not None else None,
            citation="",
            in_text="",
            gaps=(),
            cite_error="",
            edited=EDITED if exact != q.exact else "",
            about=self.replace(entry.about),
        )

    # -- checking what is written -----------------------------------------------------------------

    def check(self, fmt: str, content: str | bytes, *, file: str = "") -> None:
        """Raise Leak (one line: what, where) if the export `content` in format `fmt` holds a mapped name.

        `file` names the content's file where an export writes several (a vault's note, by its path there).
        """
        for part, text in _parts(fmt, content):
            for view in _views(fmt, part, text):
                found = self.first(view)
                if found is not None:
                    rule, start, end = found
                    where = _where(fmt, part, view, start)
                    if file:
                        where = f"{_shown(file)}, {where}"
                    raise Leak(
                        f"not exported: the {fmt} export would still name {_shown(rule.real)!r} "
                        f"({_shown(view[start:end])!r}, {where}); nothing written"
                    )


class Moves:
    """Where positions of a text are after its `edits` (in order, as `Protection.edits` gives them)."""

    def __init__(self, edits: Sequence[Edit]) -> None:
        self.edits = list(edits)
        self._starts = [e.start for e in self.edits]

    def start(self, pos: int) -> int:
        """Where position `pos`, a span's start, is now: a start inside a replaced name goes to its start."""
        k = bisect_right(self._starts, pos) - 1
        if k < 0:
            return pos
        edit = self.edits[k]
        if pos < edit.end:
            return edit.new_start
        return pos + edit.new_end - edit.end

    def end(self, pos: int) -> int:
        """Where position `pos`, a span's end, is now: an end inside a replaced name goes to its end."""
        k = bisect_left(self._starts, pos) - 1
        if k < 0:
            return pos
        edit = self.edits[k]
        if pos <= edit.end:
            return edit.new_end
        return pos + edit.new_end - edit.end


# -- where a leak is ----------------------------------------------------------------------------------


def _parts(fmt: str, content: str | bytes) -> list[tuple[str, str]]:
    """The texts of an export: a qdpx's files by name, else the one text."""
    if isinstance(content, str):
        return [("", content)]
    if fmt != "qdpx":
        return [("", content.decode("utf-8", errors="replace"))]
    parts = []
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        for name in zf.namelist():
            parts.append((name, zf.read(name).decode("utf-8", errors="replace")))
    return parts


_ESCAPES = re.compile(r"\\(?=[^\w\s])|[{}]|\\text\w+\{\}")


def _views(fmt: str, part: str, text: str) -> list[str]:
    """`text`, and as a reader sees it: Markdown's and LaTeX's escapes and braces, XML's entities undone.

    Each view keeps the text's lines, so a leak's line number is the same in all.
    """
    views = [text]
    if fmt in ("markdown", "bibtex"):
        views.append(_ESCAPES.sub("", text))
    elif part.endswith(".qde"):
        views.append(html.unescape(text))
    elif fmt in ("csl-json", "w3c"):
        views.append(re.sub(r'\\u([0-9a-fA-F]{4})|\\(["\\/])', _json_char, text))
    return views


def _json_char(m: re.Match[str]) -> str:
    if m.group(2):
        return m.group(2)
    ch = chr(int(m.group(1), 16))
    return " " if ch == "\n" else ch


def _where(fmt: str, part: str, text: str, pos: int) -> str:
    """Where `pos` is, in words: the file inside a zip, the line, and the field there."""
    line_no = text.count("\n", 0, pos) + 1
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    before = line[: pos - line_start]
    name = _field(fmt, part, text[:line_start], line, before)
    place = f"{part}, line {line_no}" if part else f"line {line_no}"
    return f"{place}, {name}" if name else place


def _field(fmt: str, part: str, earlier: str, line: str, before: str) -> str:
    if part.endswith(".qde"):
        attribute = re.search(r'(\w+)="[^"]*$', before)
        element = re.findall(r"<(\w+)", earlier + before)
        tag = element[-1] if element else ""
        return f"{tag} {attribute.group(1)}" if attribute else tag
    if part:
        return "source text"
    if fmt in ("csl-json", "w3c"):
        keys = re.findall(r'"([^"\\]+)":', before) or re.findall(r'"([^"\\]+)":', earlier[-400:])
        return f"field {keys[-1]}" if keys else ""
    if fmt == "ris":
        return f"field {line[:2]}" if re.match(r"[A-Z][A-Z0-9]  - ", line) else ""
    if fmt == "bibtex":
        key = re.match(r"\s*(\w+) = \{", line)
        return f"field {key.group(1)}" if key else ("entry key" if line.startswith("@") else "")
    if fmt == "csv":
        return _csv_field(earlier + line, len(earlier) + len(before))
    if fmt == "markdown":
        inside = earlier.rfind("<!-- sayso:quote ") > earlier.rfind("<!-- /sayso:quote -->")
        if not inside:
            return "outside sayso's quotes (text already in the file)"
        if line.startswith("> \u2014"):
            return "speaker and title"
        if line.startswith(">"):
            return "quoted words"
        label = re.match(r"- ([A-Za-z ]+):", line)
        return label.group(1).lower() if label else ""
    return ""


def _csv_field(text: str, pos: int) -> str:
    """The column of position `pos` of a CSV text (its header the first row)."""
    try:
        rows = list(csv.reader(io.StringIO(text[:pos] + "\x00", newline="")))
    except csv.Error:
        return ""
    if not rows or len(rows) < 2:
        return "header"
    header = next(csv.reader(io.StringIO(text.split("\n", 1)[0])), [])
    column = len(rows[-1]) - 1
    return f"row {len(rows) - 1}, column {header[column]}" if column < len(header) else f"row {len(rows) - 1}"
