"""Transcripts that a meeting system, a parliament's archive or a recording tool exports as XML of its own design:
a record a turn (`<wypowiedz><mowca>Teresa Głowacka</mowca><tekst>...</tekst></wypowiedz>`, `<segment
ucesnik="u3" pocetak="00:41:05"><tekst>...</tekst></segment>`), in whatever language its element names are.

No element's name is known in advance, so the document's own structure says which is which, as a table's rows do:
the records are the element that repeats most with words inside; each record's fields are its attributes and the
elements inside it; the words are the field whose values run longest; the speaker is a field of short values that
recur and change from record to record, either written as names or as codes that point at an element elsewhere
holding a name (a list of participants: `<ucesnik id="u3" ime="Ненад" prezime="Стојановић"/>`).  Where the field
names say so (`speaker`, `mówca`, `text`), as a table's header does, they are taken; where nothing fits, the file
is left to the reader of any markup.  Everything outside the records (a title, a sitting's header, `(Oklaski)`
between them) stays in its place as no one's words.
"""

from __future__ import annotations

import html
import itertools
import re
import xml.etree.ElementTree as ET
from collections import Counter

from sayso.corpus.importers.cues import Cue
from sayso.corpus.importers.elan import XML_PROLOGUE
from sayso.corpus.importers.grammar import mostly_talk, some_talk
from sayso.corpus.importers.names import is_full_name, is_name_like, parse_time
from sayso.corpus.importers.table import columns_of

#: Fewest records that make a transcript.
_MIN_RECORDS = 4
#: A field's value longer than this is words, not a name or a code.
_SHORT = 60
#: A time in a record's field: "00:41:05", "11:04", "0:03.250".
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?")
#: An attribute that names an element for others to point at.
_ID_ATTRS = ("id", "{http://www.w3.org/XML/1998/namespace}id", "xml:id", "key", "code", "ref")
#: Roots that are a web page, a feed or a document format read elsewhere: not a transcript's own design.
_NOT_RECORDS = {"html", "rss", "feed", "svg", "kml", "gpx", "plist", "urlset", "opml"}
#: A field naming a record's title in the languages such exports come in.
_TITLE = {"title", "titel", "titre", "titolo", "título", "titulo", "tytul", "tytuł", "naziv", "název", "otsikko",
          "заголовок", "название", "назив", "başlık", "tieu_de", "标题", "標題", "タイトル", "제목", "כותרת", "عنوان"}  # fmt: skip


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1] if isinstance(name, str) else ""


def _text_of(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def looks_like_xml(text: str) -> bool:
    """Whether `text` opens as an XML document whose root is not a web page's."""
    prologue = XML_PROLOGUE.match(text[:3000])
    at = prologue.end() if prologue else 0
    m = re.compile(r"<([\w.:-]+)").match(text, at)
    return (
        m is not None
        and _local(m.group(1).split(":")[-1]).casefold() not in _NOT_RECORDS
        and (text.lstrip("\ufeff \t\r\n").startswith("<?xml") or (prologue is not None and at > 0))
    )


def _fields(record: ET.Element) -> dict[str, str]:
    """A record's fields: its attributes, each element inside it by its name (its attributes as "name@attr"), and
    its own words outside them as "#text"."""
    out: dict[str, str] = {}
    for key, value in record.attrib.items():
        out["@" + _local(key)] = value.strip()
    own = (record.text or "").strip()
    for child in record:
        tag = _local(child.tag)
        # (a tag that comes again, a turn's sentences or a speech's lines one after another, is one field)
        out[tag] = f"{out[tag]} {_text_of(child)}" if tag in out else _text_of(child)
        for key, value in child.attrib.items():
            out.setdefault(f"{tag}@{_local(key)}", value.strip())
        own += " " + (child.tail or "").strip()
    if own.strip():
        # (the record's own words, the words of what is marked up inside them too: "do <miejsce>Wrocławia</miejsce>")
        out["#text"] = _text_of(record)
    return out


def _people(root: ET.Element) -> dict[str, str]:
    """Each element's id to the name it holds (a participants list's entries): its words where they are a name,
    else its fields' values that are one word each and read as a name's parts ("Ненад", "Стојановић"), joined."""
    out: dict[str, str] = {}
    for element in root.iter():
        ident = next((element.get(a) for a in _ID_ATTRS if element.get(a)), None)
        if not ident:
            continue
        own = _text_of(element) if len(element) == 0 else ""
        if own and is_name_like(own):
            out[ident] = own
            continue
        named = [
            v.strip()
            for k, v in element.attrib.items()
            if k not in _ID_ATTRS and "name" in _local(k).casefold() and v.strip() and is_name_like(v.strip())
        ]
        if not named:
            # (a given name and a surname, the first two such values: not the office after them, "uloga=Председник")
            named = [
                v.strip()
                for k, v in element.attrib.items()
                if k not in _ID_ATTRS and len(v.split()) == 1 and v[:1].isupper() and not any(c.isdigit() for c in v)
            ][:2]
        if not named:
            named = [_text_of(c) for c in element if len(_text_of(c).split()) == 1 and _text_of(c)[:1].isupper()]
        joined = " ".join(named)
        if joined and len(named) <= 4 and is_name_like(joined):
            out[ident] = joined
    return out


def _records(root: ET.Element) -> list[list[ET.Element]]:
    """The elements that repeat with words inside them, by their name and their parent's, the most repeated first
    (a turn's paragraphs outnumber the turns: each is tried)."""
    counts: Counter[tuple[str, str]] = Counter()
    parent_of = {child: parent for parent in root.iter() for child in parent}
    for element in root.iter():
        parent = parent_of.get(element)
        if (element.text or "").strip() or len(element):
            counts[(_local(parent.tag) if parent is not None else "", _local(element.tag))] += 1
    out: list[list[ET.Element]] = []
    for (parent_tag, tag), n in counts.most_common(8):
        if n < _MIN_RECORDS:
            break
        found = [
            e
            for e in root.iter()
            if _local(e.tag) == tag and _local(getattr(parent_of.get(e), "tag", "")) == parent_tag
        ]
        # (words in them, three on average: a chat's "a ty?" among longer turns too)
        if sum(len(_text_of(e).split()) for e in found) >= 3 * len(found):
            out.append(found)
    return out


def _speaker_field(
    fields: list[dict[str, str]], said_key: str, people: dict[str, str], named: str | None
) -> str | None:
    """The field that says who speaks: one the field names say (`named`), else one of short values that recur,
    change from record to record and are names or point at one."""
    if named is not None:
        return named
    keys = [k for k in dict.fromkeys(itertools.chain.from_iterable(fields)) if k != said_key]
    best: tuple[float, str] | None = None
    for key in keys:
        values = [f.get(key, "") for f in fields]
        if sum(1 for v in values if v) < 0.8 * len(values) or any(len(v) > _SHORT for v in values):
            continue
        present = [v for v in values if v]
        distinct = Counter(present)
        if len(distinct) < 2 or len(distinct) > max(2, len(present) // 2) or distinct.most_common(1)[0][1] < 2:
            continue
        if all(_TIME.fullmatch(v) or v.isdigit() for v in present):
            continue
        changes = sum(1 for a, b in itertools.pairwise(present) if a != b)
        # (and they speak again after another has: a catalogue's authors, sorted, do not come back)
        returns, seen = 0, set()
        for previous, v in zip(["", *present], present, strict=False):
            returns += v != previous and v in seen
            seen.add(v)
        if changes < 0.3 * (len(present) - 1) or returns < 2:
            continue
        resolved = sum(1 for v in distinct if v in people or is_name_like(v))
        # (a person's name before the office beside it: "Teresa Głowacka", not "Wicemarszałek"; and people's names,
        # or codes a list of people explains, not a region's, a brand's, a journal's or a style's: "Bayern", "Bosch")
        full = sum(1 for v in distinct if (v in people and " " in people[v]) or (" " in v and is_full_name(v)))
        if resolved < 0.8 * len(distinct) or full < 0.5 * len(distinct):
            continue
        score = changes / max(1, len(present) - 1) + resolved / len(distinct) + full / len(distinct)
        if best is None or score > best[0]:
            best = (score, key)
    return best[1] if best else None


def _said_field(fields: list[dict[str, str]]) -> str | None:
    """The field whose values run longest: the words."""
    lengths: Counter[str] = Counter()
    for f in fields:
        for key, value in f.items():
            lengths[key] += len(value.split())
    if not lengths:
        return None
    key, total = lengths.most_common(1)[0]
    return key if total >= 3 * len(fields) else None


def _time_fields(fields: list[dict[str, str]], named: dict[str, int], keys: list[str]) -> tuple[str | None, str | None]:
    """The fields of each record's start and end: as the field names say, else the first two whose values are all
    times, the second at or after the first."""
    start = keys[named["start"]] if "start" in named else None
    end = keys[named["end"]] if "end" in named else None
    if start is None:
        timed = [k for k in keys if all(_TIME.fullmatch(f.get(k, "")) for f in fields)]
        start = timed[0] if timed else None
        if end is None and len(timed) > 1:
            end = timed[1]
    return start, end


def _seconds(value: str | None) -> float | None:
    if value and _TIME.fullmatch(value):
        return parse_time(value.replace(",", "."))
    return None


def read_xml_records(text: str) -> tuple[list[Cue], str | None] | None:
    """The turns of a transcript in XML of its own design, and its title; None where `text` is not one (no
    element repeats with words and a speaker in it), for the reader of any markup."""
    try:
        root = ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError:
        return None
    people = _people(root)
    found = None
    for records in _records(root):
        fields = [_fields(r) for r in records]
        keys = list(dict.fromkeys(itertools.chain.from_iterable(fields)))
        # (the field names, bare, as a table's header: "mowca", "tekst", "speaker", "start")
        named = columns_of([k.rsplit("@", 1)[-1].lstrip("@#") for k in keys]) or {}
        said_key = keys[named["text"]] if "text" in named else _said_field(fields)
        if said_key is None:
            continue
        who_key = _speaker_field(fields, said_key, people, keys[named["speaker"]] if "speaker" in named else None)
        if who_key is None or who_key == said_key:
            continue
        said = [f.get(said_key, "") for f in fields]
        # (a configuration's help texts, a catalogue's descriptions, a survey's comments: nobody talking; where the
        # field names say which is the speaker, or its codes point at a list of people, a few turns that talk do)
        pointed = all(f.get(who_key, "") in people for f in fields if f.get(who_key))
        if not (some_talk(said) if "speaker" in named or pointed else mostly_talk(said)):
            continue
        found = records, fields, keys, named, said_key, who_key
        break
    if found is None:
        return None
    records, fields, keys, named, said_key, who_key = found
    start_key, end_key = _time_fields(fields, named, keys)
    title = next((_text_of(e) for e in root.iter() if _local(e.tag).casefold() in _TITLE and _text_of(e)), None)
    cues: list[Cue] = []
    index = {id(r): f for r, f in zip(records, fields, strict=True)}
    inside = {id(e) for r in records for e in r.iter()}
    listed = {id(e) for e in root.iter() if next((e.get(a) for a in _ID_ATTRS if e.get(a)), None) in people}

    def walk(element: ET.Element) -> None:
        for child in element:
            if id(child) in index:
                f = index[id(child)]
                words = f.get(said_key, "")
                value = f.get(who_key, "")
                if said_key == "#text" and "@" not in who_key and value and words.startswith(value):
                    words = words[len(value) :].lstrip(" :")  # (the speaker's element before the words)
                who = people.get(value, value) or None
                if words:
                    cues.append(
                        Cue(
                            _seconds(f.get(start_key or "")),
                            _seconds(f.get(end_key or "")),
                            html.escape(words, quote=False),
                            who,
                        )
                    )
            elif id(child) not in inside and id(child) not in listed:
                own = " ".join((child.text or "").split())
                if own:
                    cues.append(Cue(None, None, html.escape(own, quote=False), None, nobody=True))
                walk(child)

    walk(root)
    if not any(cue.voice for cue in cues):
        return None
    return cues, title


def xml_as_lines(text: str) -> str | None:
    """The words of XML that holds no records of turns, each element's on a line of its own (an element of words
    and marks inside them, "<p>... <xref>1</xref> ...</p>", on one line; a record of fields on one, its fields
    apart): read as markup, a catalogue's fields ran
    into each other ("EcologyLindqvist S"), since its elements are none of a web page's.  None where the text is
    not well-formed XML."""
    try:
        root = ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError:
        return None
    lines: list[str] = []

    def walk(element: ET.Element) -> None:
        mixed = bool((element.text or "").strip()) or any((child.tail or "").strip() for child in element)
        if mixed or len(element) == 0:
            if words := _text_of(element):
                lines.append(words)
            return
        if all(len(child) == 0 for child in element):
            # (a record of fields, a book's author and its blurb: one line, its fields apart, as a table's row)
            if fields := [words for child in element if (words := _text_of(child))]:
                lines.append(" · ".join(fields))
            return
        for child in element:
            walk(child)

    walk(root)
    return "\n\n".join(lines)
