"""Screenplays in Fountain (and Fountain-like plain text): who says each line of dialogue.

A character cue is a line in capitals (or forced with `@`) after a blank line,
with dialogue directly below; extensions such as `(V.O.)` or `(CONT'D)` and the
dual-dialogue `^` are not part of the name.  Parentheticals stay in the
speaker's passage.  Scene headings (`INT.`/`EXT.`, or forced with `.`),
transitions (`CUT TO:`) and action belong to no speaker and are kept as
passages of their own.  The title page gives the title; notes (`[[...]]`),
boneyard (`/* ... */`), synopses (`= ...`) and sections (`# ...`) are not
part of the script's text and are recorded as left out.
"""

from __future__ import annotations

import re

from sayso.corpus.conventions import Convention
from sayso.corpus.importers.layout import Stripped
from sayso.corpus.models import ParsedDocument, ParsedPassage

_TITLE_KEY = re.compile(
    r"^(title|credit|author|authors|source|draft date|date|contact|copyright|notes|revision)\s*:", re.I
)
_SCENE = re.compile(r"^(?:(?:INT|EXT|EST|INT\.?/EXT|I/E)[.\s]|\.(?!\.)\S)", re.I)
_TRANSITION = re.compile(r"^(?:[A-Z0-9 .'’-]+ TO:|FADE (?:IN|OUT)[:.]|FADE TO BLACK\.?)$|^>(?!.*<\s*$)")
_CUE = re.compile(r"^(?P<forced>@)?(?P<name>[^\W_a-z][^a-z()\n]*?[^\s^])\s*(?P<ext>(?:\([^()]*\)\s*)*)\^?$")
_NOTE = re.compile(r"\[\[.*?\]\]", re.S)
_BONEYARD = re.compile(r"/\*.*?\*/", re.S)


def looks_like_screenplay(text: str, suffix: str) -> bool:
    """A .fountain file, or text with scene headings and character cues (at the margin, or indented to their
    columns as a screenplay printed to text has them)."""
    if suffix in {".fountain", ".spmd"}:
        return True
    head = text[:20000]
    if "INT" not in head and "EXT" not in head and "I/E" not in head:
        return False  # (no scene heading: most text, not read for cues)
    scenes = len(re.findall(r"(?m)^[ \t]*(?:INT|EXT|INT\./EXT|I/E)\.?\s+\S", head))
    if scenes < 2:
        return False
    cues = len(re.findall(r"(?m)^\n?[ \t]*[A-Z][A-Z .'’-]{1,30}(?: \([A-Z.' ]+\))?\n[ \t]*\S", head))
    return scenes >= 2 and cues >= 4


def parse_screenplay(text: str, file_title: str | None) -> ParsedDocument:
    dropped: list[Stripped] = []
    for pattern, reason in ((_BONEYARD, "boneyard (commented out)"), (_NOTE, "note")):
        for found in pattern.finditer(text):
            dropped.append(Stripped(reason, " ".join(found.group(0).split())))
        text = pattern.sub("", text)
    lines = text.split("\n")
    title, start = _title_page(lines, dropped)
    passages: list[ParsedPassage] = []
    speakers: dict[str, list[str]] = {}
    heading: str | None = None
    i = start
    n = len(lines)
    cues = 0
    while i < n:
        line = lines[i].rstrip()
        s = line.strip()
        if not s:
            i += 1
            continue
        prev_blank = i == start or not lines[i - 1].strip()
        nxt = lines[i + 1].strip() if i + 1 < n else ""
        if s.startswith("#"):
            dropped.append(Stripped("section heading", s.lstrip("# ")))
            i += 1
            continue
        if s.startswith("=") and not s.startswith("==="):
            dropped.append(Stripped("synopsis", s.lstrip("= ")))
            i += 1
            continue
        if prev_blank and _SCENE.match(s):
            scene = s[1:] if s.startswith(".") else s
            heading = scene
            passages.append(ParsedPassage(speaker=None, text=scene, heading=None))
            i += 1
            continue
        if prev_blank and _TRANSITION.match(s):
            passages.append(ParsedPassage(speaker=None, text=s.lstrip("> ").strip(), heading=heading))
            i += 1
            continue
        m = _CUE.match(s)
        if prev_blank and not nxt and m:
            # A cue whose parenthetical was pushed down by blank lines still opens dialogue.
            k = i + 1
            while k < n and k <= i + 4 and not lines[k].strip():
                k += 1
            if k < n and lines[k].strip().startswith("("):
                del lines[i + 1 : k]
                n = len(lines)
                nxt = lines[i + 1].strip()
        if prev_blank and nxt and m and (m.group("forced") or sum(c.isalpha() for c in m.group("name")) >= 2):
            name = _display(m.group("name"))
            if m.group("ext").strip():
                dropped.append(Stripped("character cue extension", m.group("ext").strip()))
            cues += 1
            body: list[str] = []
            i += 1
            while i < n and lines[i].strip():
                body.append(lines[i].strip())
                i += 1
            speakers.setdefault(name, [])
            passages.append(ParsedPassage(speaker=name, text="\n".join(body), heading=heading))
            continue
        # Action: a paragraph up to the next blank line.
        body = []
        while i < n and lines[i].strip():
            body.append(lines[i].strip().lstrip("!"))
            i += 1
        passages.append(ParsedPassage(speaker=None, text=" ".join(body), heading=heading))
    passages = [p for p in passages if p.text.strip()]
    return ParsedDocument(
        title=title or file_title or "Screenplay",
        kind="script",
        passages=passages,
        speakers=speakers,
        convention=Convention(
            "screenplay", "screenplay: character cue in capitals, dialogue below", cues, 1.0 if cues else 0.0
        ).to_dict(),
        dropped=[d.to_dict() for d in dropped],
    )


def _display(cue: str) -> str:
    """`DICK STEEL` -> "Dick Steel"; names written in mixed case after @ stay as written."""
    name = " ".join(cue.lstrip("@").split())
    if name.isupper():
        return " ".join(w.capitalize() if not re.fullmatch(r"(?:[A-Z]\.)+", w) else w for w in name.split())
    return name


def _title_page(lines: list[str], dropped: list[Stripped]) -> tuple[str | None, int]:
    """The title from a Fountain title page, and the line where the script starts."""
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines) or not _TITLE_KEY.match(lines[i].strip()):
        return None, 0
    title: str | None = None
    key = ""
    while i < len(lines) and lines[i].strip():
        raw = lines[i]
        m = _TITLE_KEY.match(raw.strip())
        if m and not raw[:1].isspace():
            key = m.group(1).casefold()
            value = raw.strip()[m.end() :].strip()
        else:
            value = raw.strip()
        value = re.sub(r"[*_]+", "", value).strip()
        if value:
            dropped.append(Stripped("title page", f"{key.capitalize()}: {value}" if key else value))
            if key == "title":
                title = f"{title} {value}" if title else value
        i += 1
    return title, i
