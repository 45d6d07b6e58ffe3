"""CHAT transcripts (TalkBank's format: CHILDES, AphasiaBank and the other spoken-language corpora).

A CHAT file opens with `@UTF8` and `@Begin`, lists its participants in a header (`@Participants:	CHI Maya
Target_Child, MOT Jenna Mother`: a code, a name where the corpus gives one, a role), then writes each utterance
on a main tier under its speaker's code (`*MOT:	what did you do today ?`), going on over lines that open with a
tab, its time in the recording in milliseconds between two NAK characters at the end (`\x15241330_243020\x15`).
Dependent tiers under an utterance (`%com:` a comment, `%act:` an action, `%mor:` its morphology) annotate it.

Utterances go to the participant the header names for the code (their name, else their role: "Target Child"),
their words as the transcriber wrote them, CHAT's own marks included (`(.)` a pause, `[/]` a repetition): they
are the transcript.  The bullet becomes the utterance's time.  Comments, actions, situations and the header's
notes are kept as no one's; the tiers that code each word (morphology, grammar, phonology) are the corpus's
analysis, not words said or written, and are left out.
"""

from __future__ import annotations

import html
import re

from sayso.corpus.importers.cues import Cue

#: A main tier: a speaker's code (three letters or digits, by convention) and the utterance.
_MAIN = re.compile(r"^\*(?P<code>[A-Za-z0-9]{2,8}):[ \t]*(?P<said>.*)$")
#: A dependent tier or a header line: "%com:\tgreen stuff = guacamole", "@Situation:\tfamily dinner".
_TIER = re.compile(r"^(?P<mark>[%@])(?P<name>[A-Za-z][\w ]{0,30}?):?[ \t]+(?P<value>.*)$")
#: An utterance's time in the recording, at its end: between NAK characters as CHAT writes it, or bare as some
#: exports leave it ("241330_243020").
_BULLET = re.compile(r"[ \t]*(?:\x15(?P<a>\d+)_(?P<b>\d+)\x15|(?<=[ \t])(?P<c>\d+)_(?P<d>\d+))[ \t]*$")
#: Header lines that are the file's structure, not anything said about the recording.
_STRUCTURE = frozenset(
    {"utf8", "begin", "end", "id", "options", "languages", "participants", "font", "colorwords", "window", "pid",
     "new episode", "blank", "media"}
)  # fmt: skip
#: Dependent tiers that code each word of the utterance (morphology, grammar relations, phonology, a word tier):
#: the corpus's analysis of the words, not words.
_ANALYSIS = frozenset(
    {"mor", "gra", "pho", "mod", "xpho", "xmod", "wor", "xwor", "trn", "grt", "cnl", "ort", "xmor", "xgra", "cod",
     "xcod", "flo", "spa", "int", "fac"}
)  # fmt: skip


def looks_like_chat(text: str, suffix: str = "") -> bool:
    """Whether `text` is a CHAT transcript: its `@Begin` header near the top and utterances under codes."""
    head = text[:3000].lstrip("\ufeff")
    if not (head.startswith(("@UTF8", "@Begin")) or (suffix == ".cha" and "@Begin" in head)):
        return False
    return "@Participants:" in head and re.search(r"(?m)^\*[A-Za-z0-9]{2,8}:", text[:20000]) is not None


def _participants(value: str) -> dict[str, str]:
    """Who each code is: "CHI Maya Target_Child, MOT Jenna Mother, INV Investigator" -> {"CHI": "Maya", "MOT":
    "Jenna", "INV": "Investigator"} (the name where the header gives one, else the role, its underscores spaces)."""
    out: dict[str, str] = {}
    for entry in value.split(","):
        words = entry.split()
        if not words:
            continue
        code = words[0]
        name = " ".join(words[1:-1]).replace("_", " ") if len(words) >= 3 else ""
        role = words[-1].replace("_", " ") if len(words) >= 2 else ""
        out[code] = name or role or code
    return out


def _timed(said: str) -> tuple[str, float | None, float | None]:
    """An utterance without its bullet, and the bullet's start and end in seconds."""
    m = _BULLET.search(said)
    if m is None:
        return said.strip(), None, None
    a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
    start, end = int(a) / 1000.0, int(b) / 1000.0
    if end < start:
        return said.strip(), None, None  # (two numbers joined by an underscore that are no time)
    return said[: m.start()].strip(), start, end


def parse_chat(text: str) -> tuple[list[Cue], str | None]:
    """The cues of a CHAT transcript (each utterance under its participant), and its title (CHAT has none: the
    header's media name is a file's)."""
    lines: list[str] = []
    for raw in text.lstrip("\ufeff").split("\n"):
        line = raw.rstrip("\r")
        if line[:1] == "\t" and lines:
            lines[-1] += " " + line.strip()  # (a tier going on over a line that opens with a tab)
        elif line.strip():
            lines.append(line)
    who: dict[str, str] = {}
    cues: list[Cue] = []
    for line in lines:
        main = _MAIN.match(line)
        if main:
            said, start, end = _timed(main.group("said"))
            code = main.group("code")
            if said:
                cues.append(Cue(start, end, html.escape(said.replace("\x15", ""), quote=False), who.get(code, code)))
            continue
        if line[:1] == "@" and line[1:].strip().rstrip(":").casefold() in _STRUCTURE:
            continue  # ("@UTF8", "@Begin", "@End" alone on their lines)
        tier = _TIER.match(line)
        if tier is None:
            cues.append(Cue(None, None, html.escape(line.strip(), quote=False), None, nobody=True))
            continue
        name, value = tier.group("name").strip().casefold(), tier.group("value").strip()
        if tier.group("mark") == "@" and name == "participants":
            who = _participants(value)
        if (tier.group("mark") == "@" and name in _STRUCTURE) or (tier.group("mark") == "%" and name in _ANALYSIS):
            continue
        if value:
            # (a comment, an action, the situation: the transcriber's notes, as written, no one's words)
            note = f"{tier.group('mark')}{tier.group('name').strip()}: {value}"
            cues.append(Cue(None, None, html.escape(note, quote=False), None, nobody=True))
    return cues, None
