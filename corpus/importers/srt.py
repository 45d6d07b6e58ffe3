"""SubRip (.srt): numbered cues with `-->` timings; speakers from labels inside the cue text."""

from __future__ import annotations

import re

from sayso.corpus.importers.cues import Cue
from sayso.corpus.importers.names import parse_time

_TIMING = re.compile(r"^\s*(\d{1,2}:\d{2}:\d{2}(?:[,.]\d{1,3})?)\s*-->\s*(\d{1,2}:\d{2}:\d{2}(?:[,.]\d{1,3})?)")


def parse_srt(text: str) -> list[Cue]:
    """Cues of an SRT file; tolerant of missing numbers, dots for commas and stray blank lines."""
    cues: list[Cue] = []
    lines = text.strip("\ufeff\n").split("\n")
    i = 0
    n = len(lines)
    while i < n:
        m = _TIMING.match(lines[i])
        if not m:
            i += 1
            continue
        start, end = parse_time(m.group(1)), parse_time(m.group(2))
        i += 1
        payload: list[str] = []
        while i < n:
            line = lines[i]
            if not line.strip():
                # a blank line ends the cue unless the next line is neither a number nor a timing
                nxt = lines[i + 1] if i + 1 < n else ""
                if not nxt.strip() or nxt.strip().isdigit() or _TIMING.match(nxt):
                    break
                i += 1
                continue
            if line.strip().isdigit() and i + 1 < n and _TIMING.match(lines[i + 1]):
                break
            if _TIMING.match(line):
                break
            payload.append(line)
            i += 1
        cues.append(Cue(start, end, "\n".join(payload)))
    return cues
