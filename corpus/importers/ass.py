"""Advanced SubStation Alpha (.ass) and SubStation Alpha (.ssa) subtitles: the `[Events]` section's Dialogue
lines, each with its start, end, the actor in its Name field (Aegisub's "Actor") and its text."""

from __future__ import annotations

import re

from sayso.corpus.importers.cues import Cue
from sayso.corpus.importers.names import parse_time

#: The fields every Dialogue line has when its section gives no Format line (the v4+ order).
_DEFAULT_FORMAT = ["layer", "start", "end", "style", "name", "marginl", "marginr", "marginv", "effect", "text"]
_SECTION = re.compile(r"^\s*\[(?P<name>[^\]]+)\]\s*$")
#: Override blocks ("{\i1}", "{\pos(960,100)}") and the script's own line breaks and hard spaces.
_OVERRIDE = re.compile(r"\{[^}]*\}")
_BREAK = re.compile(r"\\[Nn]")


def looks_like_ass(head: str) -> bool:
    """Whether a file's first characters are a SubStation script's: a `[Script Info]` section first."""
    return head.lstrip("\ufeff \t\n").lower().startswith("[script info]")


def parse_ass(text: str) -> tuple[list[Cue], str | None]:
    """The Dialogue events of an ASS or SSA script as cues (Comment events are not said; the Name field is the
    speaker where the script gives one), and the script's Title."""
    section = ""
    fields = _DEFAULT_FORMAT
    title: str | None = None
    cues: list[Cue] = []
    for raw in text.split("\n"):
        line = raw.strip()
        header = _SECTION.match(line)
        if header:
            section = header.group("name").strip().casefold()
            continue
        kind, colon, value = line.partition(":")
        if not colon:
            continue
        kind = kind.strip().casefold()
        if section == "script info" and kind == "title" and value.strip():
            title = value.strip()
        if section != "events":
            continue
        if kind == "format":
            fields = [f.strip().casefold() for f in value.split(",")]
            continue
        if kind != "dialogue" or "text" not in fields:
            continue
        # the text is the last field and may hold commas of its own
        parts = value.lstrip().split(",", len(fields) - 1)
        if len(parts) < len(fields):
            parts = [""] * (len(fields) - 1) + [value.strip()]  # (fields missing: its words kept, no time or actor)
        event = dict(zip(fields, parts))
        words = _BREAK.sub("\n", _OVERRIDE.sub("", event["text"])).replace("\\h", " ").strip()
        if not words:
            continue
        start: float | None
        end: float | None
        try:
            start, end = parse_time(event.get("start", "").strip()), parse_time(event.get("end", "").strip())
        except ValueError:
            start = end = None
        actor = (event.get("name") or event.get("actor") or "").strip()
        cues.append(Cue(start, end, words, actor or None))
    # Where most lines name their actor, one without is no one's (a sign, a song), not the actor's before.
    if sum(1 for cue in cues if cue.voice) * 2 >= len(cues):
        for cue in cues:
            cue.nobody = cue.voice is None
    return cues, title
