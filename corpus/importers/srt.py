"""SubRip (.srt) and YouTube's SubViewer (.sbv) captions: timed cues, speakers from labels inside the cue text."""

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


#: An .sbv caption's timing line: its start and its end, a comma between ("0:00:05.500,0:00:12.000").
SBV_TIMING = re.compile(r"^[ \t]*(\d{1,2}:\d{2}:\d{2}\.\d{1,3}),(\d{1,2}:\d{2}:\d{2}\.\d{1,3})[ \t]*$", re.M)


def parse_sbv(text: str) -> list[Cue]:
    """Cues of YouTube's .sbv captions: a timing line, then the caption's lines up to the next timing (blank
    lines between captions, or missing, change nothing)."""
    cues: list[Cue] = []
    timings = list(SBV_TIMING.finditer(text))
    for m, after in zip(timings, [*timings[1:], None]):
        body = text[m.end() : after.start() if after is not None else len(text)]
        payload = "\n".join(line for line in body.strip("\n").split("\n")).strip()
        cues.append(Cue(parse_time(m.group(1)), parse_time(m.group(2)), payload))
    return cues
