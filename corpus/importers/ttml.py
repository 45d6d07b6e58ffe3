"""Timed Text (TTML, and its older DFXP and EBU-TT forms): XML subtitles, as broadcasters and streaming services
deliver them.  Each `<p>` is a cue with its `begin` and `end`; who speaks is a `ttm:agent` on the paragraph (or on
a span in it, or on the division around it), whose `<ttm:name>` the head's metadata gives.  Cues without agents
keep their words, and labels in them are read as any subtitle's are."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from sayso.corpus.errors import ImportRefused
from sayso.corpus.importers.cues import Cue
from sayso.corpus.importers.names import parse_time

#: A TTML document's root: `<tt` in the W3C namespace (TTML 1 and 2, IMSC) or the draft's (DFXP's "ttaf1").
_ROOT = re.compile(r"<(?:\w+:)?tt\b[^>]*(?:www\.w3\.org/ns/ttml|www\.w3\.org/2006/(?:04|10)/ttaf1)", re.S)
#: Clock time with frames ("00:01:02:12") and offset time ("12.5s", "500ms", "1.2m", "90f", "3000t").
_FRAMES = re.compile(r"^(\d+):(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)$")
_OFFSET = re.compile(r"^(\d+(?:\.\d+)?)(h|m|s|ms|f|t)$")


def looks_like_ttml(head: str) -> bool:
    """Whether a file's first characters open a TTML document."""
    return bool(_ROOT.search(head[:3000]))


def _local(name: str) -> str:
    """An element's or attribute's name without its namespace."""
    return name.rsplit("}", 1)[-1]


def _attribute(element: ET.Element, name: str) -> str | None:
    """The value of the attribute `name` (any namespace) of `element`, if it has one."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


def _seconds(stamp: str | None, frame_rate: float, tick_rate: float) -> float | None:
    """Seconds in a TTML time expression, or None where there is none or it cannot be read."""
    if not stamp:
        return None
    stamp = stamp.strip()
    if m := _FRAMES.match(stamp):
        hours, minutes, seconds, frames = m.groups()
        return int(hours) * 3600 + int(minutes) * 60 + int(seconds) + float(frames) / frame_rate
    if m := _OFFSET.match(stamp):
        value, unit = float(m.group(1)), m.group(2)
        scale = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001, "f": 1 / frame_rate, "t": 1 / tick_rate}[unit]
        return value * scale
    try:
        return parse_time(stamp)
    except ValueError:
        return None


def _words(element: ET.Element) -> str:
    """A paragraph's words: its text and its spans', `<br/>` a line break, runs of spaces one."""
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if _local(child.tag) == "br":
                parts.append("\n")
            elif _local(child.tag) in ("span", "p"):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _rate(value: str | None, default: float) -> float | None:
    """A frame or tick rate as the document states it; None when it states one that cannot be read."""
    if value is None:
        return default
    try:
        rate = float(value)
    except ValueError:
        return None
    return rate if 0 < rate < 1e6 else None


def parse_ttml(text: str, name: str) -> tuple[list[Cue], str | None, list[str]]:
    """The paragraphs of a TTML document as cues, with the agents' names as their voices, its title, and what to
    warn of (times that could not be read); `name`, the file's, is for a refusal."""
    try:
        root = ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError as exc:
        raise ImportRefused(f"{name}: Timed Text (TTML) that is not well-formed XML ({exc})") from None
    warnings: list[str] = []
    stated = _rate(_attribute(root, "frameRate"), 30.0)
    if stated is None:
        warnings.append(
            f"the frame rate {_attribute(root, 'frameRate')!r} could not be read: 30 frames a second is assumed"
        )
    frame_rate = (stated or 30.0) * _multiplier(_attribute(root, "frameRateMultiplier"))
    tick_rate = _rate(_attribute(root, "tickRate"), frame_rate) or frame_rate
    unread: list[str] = []
    names: dict[str, str] = {}
    title: str | None = None
    for element in root.iter():
        tag = _local(element.tag)
        if tag == "agent" and (key := _attribute(element, "id")):
            spelled = [" ".join("".join(n.itertext()).split()) for n in element if _local(n.tag) == "name"]
            names[key] = next((n for n in spelled if n), key)
        elif tag == "title" and title is None and (found := " ".join("".join(element.itertext()).split())):
            title = found
    cues: list[Cue] = []
    body = next((e for e in root if _local(e.tag) == "body"), None)
    if body is None:
        return cues, title, warnings

    def seconds(element: ET.Element, which: str) -> float | None:
        stamp = _attribute(element, which)
        found = _seconds(stamp, frame_rate, tick_rate)
        if found is None and stamp and stamp.strip():
            unread.append(stamp.strip())
        return found

    def agent_of(element: ET.Element, inherited: str | None) -> str | None:
        own = _attribute(element, "agent")
        return own.split()[0] if own else inherited

    def visit(element: ET.Element, agent: str | None, offset: float) -> None:
        agent = agent_of(element, agent)
        begin = seconds(element, "begin")
        if _local(element.tag) == "p":
            words = _words(element)
            if not words:
                return
            # (a paragraph without an agent of its own may carry it on its first span)
            if agent is None:
                agent = next((a.split()[0] for s in element.iter() if (a := _attribute(s, "agent"))), None)
            start = None if begin is None else offset + begin
            end = seconds(element, "end")
            cues.append(
                Cue(start, None if end is None else offset + end, words, names.get(agent, agent) if agent else None)
            )
            return
        # (a division's begin shifts the times of the paragraphs in it)
        inner = offset + begin if begin is not None and _local(element.tag) == "div" else offset
        for child in element:
            visit(child, agent, inner)

    visit(body, None, 0.0)
    if unread:
        warnings.append(
            f"{len(unread)} time{'s' if len(unread) > 1 else ''} could not be read ({unread[0][:20]!r}"
            f"{', ...' if len(unread) > 1 else ''}): {'their' if len(unread) > 1 else 'its'} words are kept without it"
        )
    return cues, title, warnings


def _multiplier(value: str | None) -> float:
    """ttp:frameRateMultiplier ("1000 1001") as a number (1 where there is none or it cannot be read)."""
    if not value:
        return 1.0
    try:
        numerator, denominator = (float(n) for n in value.split())
        return numerator / denominator if denominator else 1.0
    except ValueError:
        return 1.0
