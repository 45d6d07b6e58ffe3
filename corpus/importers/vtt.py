"""WebVTT: cues with `<v Name>` voices (closed or not), NOTE/STYLE/REGION blocks skipped."""

from __future__ import annotations

import re

from sayso.corpus.importers.cues import Cue
from sayso.corpus.importers.names import parse_time

_TIMING = re.compile(r"^\s*((?:\d+:)?\d{1,2}:\d{1,2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{1,2}[.,]\d{1,3})")


def parse_vtt(text: str) -> tuple[list[Cue], str | None, list[str]]:
    """Cues, a title (from the header line or a NOTE "title:"), and the NOTE texts."""
    blocks = re.split(r"\n[ \t]*\n", text.strip("\ufeff\n"))
    title: str | None = None
    notes: list[str] = []
    cues: list[Cue] = []
    if blocks and blocks[0].startswith("WEBVTT"):
        header = blocks[0].split("\n")
        after = header[0][6:].strip(" \t-–—:")
        if after:
            title = after
        for line in header[1:]:
            key, sep, value = line.partition(":")
            if sep and key.strip().casefold() == "title" and value.strip():
                title = value.strip()
        blocks = blocks[1:]
    for block in blocks:
        lines = list(block.split("\n"))
        while lines and not lines[0].strip():
            lines.pop(0)
        if not lines:
            continue
        first = lines[0].strip()
        if first.startswith("NOTE") and (len(first) == 4 or first[4] in " \t"):
            note = " ".join([first[4:].strip(), *[l.strip() for l in lines[1:]]]).strip()
            notes.append(note)
            m = re.match(r"(?i)^title\s*[:=]\s*(.+)$", note)
            if m and not title:
                title = m.group(1).strip()
            continue
        if first in {"STYLE", "REGION"} or first.startswith(("STYLE ", "REGION ", "::cue")):
            continue
        timing_at = next((i for i, l in enumerate(lines[:3]) if "-->" in l), None)
        if timing_at is None:
            # A cue continued after a blank line inside its payload: attach to the previous cue.
            if cues and not any(_TIMING.match(l) for l in lines):
                cues[-1].text += "\n" + "\n".join(lines)
            continue
        m = _TIMING.match(lines[timing_at])
        if not m:
            continue
        payload = "\n".join(lines[timing_at + 1 :])
        cues.append(Cue(parse_time(m.group(1)), parse_time(m.group(2)), payload))
    return cues, title, notes
