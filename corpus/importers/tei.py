"""TEI XML transcriptions of speech (the Text Encoding Initiative's guidelines, chapter 8, and its drama module):
how spoken corpora, parliamentary corpora (ParlaMint) and digital editions of interviews and plays are published.

Utterances are `<u who="#ROS">...</u>`, the `who` pointing at a person the header lists (`<person xml:id="ROS">
<persName>Rosanna Ferrero</persName></person>`); a play's or a record's speeches are `<sp who="#ROS">` with a
`<speaker>` heading and paragraphs.  Each becomes a cue under the person's name (the header's, else the speaker
heading, else the id as written).  Within an utterance a pause is an ellipsis, a vocal or kinesic event or an incident
is its description in parentheses, a gap is "[…]"; events between utterances are no one's.  The title is the
header's first `<title>`.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from sayso.corpus.errors import ImportRefused
from sayso.corpus.importers.cues import Cue
from sayso.corpus.importers.elan import XML_PROLOGUE
from sayso.corpus.importers.names import display_name, is_full_name, split_role

_ROOT = re.compile(r"<TEI(?:\.2)?[\s>]")
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: Events described rather than transcribed: a laugh, a gesture, the phone ringing.
_EVENTS = frozenset({"vocal", "kinesic", "incident", "event"})
#: Blocks of the text's own words, whatever they quote: no one's.
_BLOCKS = frozenset({"p", "ab", "quote", "list", "lg", "l", "head", "opener", "closer", "item", "table", "egXML"})
#: The namespace of examples of TEI markup inside a TEI document (a manual's).
_EXAMPLES = "{http://www.tei-c.org/ns/Examples}"
#: What a header's or a text's front matter holds that is nobody's words (read elsewhere, or not at all).
_SKIPPED = frozenset({"teiHeader", "fw"})


def looks_like_tei(text: str) -> bool:
    """Whether `text` is a TEI document of speech: its root near the top, utterances (`<u>`) or speeches (`<sp>`)
    in it (TEI prose is read as any markup is)."""
    prologue = XML_PROLOGUE.match(text[:3000])
    return (
        _ROOT.match(text, prologue.end() if prologue else 0) is not None
        and re.search(r"<(?:\w+:)?(?:u|sp)[\s>]", text) is not None
    )


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1] if isinstance(name, str) else ""


def _words(element: ET.Element) -> str:
    """What `element` says, its pauses as ellipses, its events described in parentheses, a gap as "[…]"."""
    parts: list[str] = [element.text or ""]
    for child in element:
        tag = _local(child.tag)
        if tag in _EVENTS or tag == "note":
            desc = " ".join("".join(child.itertext()).split())
            parts.append(f" {desc} " if desc[:1] in "([" else f" ({desc}) " if desc else " ")
        elif tag == "gap":
            parts.append(" […] ")
        elif tag == "pause":
            parts.append(" … ")
        elif tag not in _SKIPPED:
            parts.append(_words(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _people(root: ET.Element) -> dict[str, str]:
    """Each person's id to their name, as the header's list of people gives them."""
    out: dict[str, str] = {}
    for element in root.iter():
        if _local(element.tag) != "person" or not element.get(_XML_ID):
            continue
        name = next((e for e in element if _local(e.tag) in ("persName", "name")), None)
        if name is not None:
            # (its parts each a word of their own: "<forename>Jan</forename><surname>Horák</surname>" is "Jan Horák",
            # not "JanHorák")
            pieces = [name.text or ""]
            for part in name:
                pieces += ["".join(part.itertext()), part.tail or ""]
            written = re.sub(r"-\s+", "-", " ".join(" ".join(pieces).split()))
            if written:
                out[element.get(_XML_ID, "")] = written
    return out


def _who(value: str | None, people: dict[str, str]) -> str | None:
    """The person a `who` attribute points at ("#ROS", "ROS", "#ROS #GIA" for two at once)."""
    ids = [v.lstrip("#").split(":")[-1] for v in (value or "").split()]
    names = [people.get(i, i) for i in ids if i]
    return " and ".join(names) if names else None


def parse_tei(text: str, name: str) -> tuple[list[Cue], str | None] | None:
    """The utterances of a TEI document as cues under their speakers, and its title, or None where no speech
    stands between its divisions (a letters edition quoting a play); `name`, the file's, is for a refusal."""
    try:
        root = ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError as exc:
        raise ImportRefused(f"{name}: a TEI document that is not well-formed XML ({exc})") from None
    people = _people(root)
    title = None
    for element in root.iter():
        if _local(element.tag) == "title":
            title = " ".join("".join(element.itertext()).split()) or None
            break
    body = next((e for e in root.iter() if _local(e.tag) == "text"), None)
    cues: list[Cue] = []
    heard: list[str] = []  # (the name a record's speaker note gives the next utterance: ParlaMint's)

    def speech_in(element: ET.Element) -> bool:
        return any(_local(e.tag) in ("u", "sp") for e in element.iter())

    def walk(element: ET.Element) -> None:
        for child in element:
            tag = _local(child.tag)
            if tag in _SKIPPED:
                continue
            if tag == "u":
                said = _words(child)
                who = _who(child.get("who"), people)
                if heard and (who is None or who not in people.values()):
                    who = heard[-1]  # (the speaker note's name, where the header does not name the id)
                heard.clear()
                if said:
                    cues.append(Cue(None, None, html.escape(said, quote=False), who))
            elif tag == "note" and child.get("type") == "speaker":
                # a record's note naming who speaks next, "Cllr Robert Dunn:" (ParlaMint writes one before each
                # speech): the utterance's speaker where its id says less
                written = " ".join("".join(child.itertext()).split()).rstrip(":：").strip()
                if written:
                    name, role = split_role(written)
                    # (the person after an office: "The Mayor (Cllr Helen Marsh)")
                    heard.append(role if role and is_full_name(role) and not is_full_name(name) else name)
            elif tag == "sp":
                heading = next((e for e in child if _local(e.tag) == "speaker"), None)
                named = " ".join("".join(heading.itertext()).split()).rstrip(".:") if heading is not None else ""
                who = _who(child.get("who"), people) if child.get("who") else None
                if named and (who is None or who.lstrip("#") not in people.values()):
                    # (a play's heading, its stop or colon not the name's: "HAMM.", "Lady Macbeth:"; it names the
                    # speaker better than an id the header does not explain)
                    who = display_name(named)
                paragraphs = [_words(e) for e in child if _local(e.tag) not in ("speaker", "stage")]
                for said in filter(None, paragraphs):
                    cues.append(Cue(None, None, html.escape(said, quote=False), who))
            elif tag in _EVENTS or tag in ("stage", "note"):
                # (an event, a stage direction, a record's note between the turns: "(Applause)", "The vote ...")
                desc = " ".join("".join(child.itertext()).split())
                if desc:
                    shown = desc if desc[:1] in "([" else f"({desc})"
                    cues.append(Cue(None, None, html.escape(shown, quote=False), None, nobody=True))
            elif tag in _BLOCKS or not speech_in(child) or child.tag.startswith(_EXAMPLES):
                # (a paragraph, a list, verse, a letter's opening, an example of markup: no one's words, even
                # with a speech quoted inside; what is said is <u> and <sp> between them)
                said = _words(child)
                if said:
                    cues.append(Cue(None, None, html.escape(said, quote=False), None, nobody=True))
            else:
                walk(child)

    walk(body if body is not None else root)
    if not any(cue.voice for cue in cues):
        return None  # (no speech at the level of the text's divisions: read as any markup is)
    return cues, title
