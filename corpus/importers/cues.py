"""Timed cues (WebVTT, SRT) to turns: speakers found, consecutive cues by one speaker merged."""

from __future__ import annotations

import html
import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace

from sayso.corpus.importers.grammar import handoffs, match_bracket, talking_rows, talking_stretch
from sayso.corpus.importers.names import (
    GENERIC_SPEAKER,
    Label,
    a_rooms_turns,
    display_name,
    is_name_like,
    is_stage_direction,
    match_label,
    name_key,
    names_a_meeting_room,
    uncased,
)
from sayso.corpus.models import ParsedPassage

_TAG = re.compile(
    r"</?(?:c|i|b|u|ruby|rt|lang|font|span|v)(?:[.\s][^<>]*)?>|<\d{1,2}:\d{2}(?::\d{2})?\.\d{3}>|<\d{2}:\d{2}\.\d{3}>",
    re.I,
)
_ASS = re.compile(r"\{\\[^{}]*\}")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?[ \t]+([^<>]+?)[ \t]*>", re.I)


@dataclass
class Cue:
    start: float | None
    end: float | None
    text: str  #: payload with line breaks, tags still in
    voice: str | None = None
    #: said by no one named, not by the speaker before (an ASS script's line without an actor where the
    #: others have one: a sign, a song, a caption)
    nobody: bool = False


@dataclass
class Segment:
    speaker: str | None
    text: str
    start: float | None
    end: float | None
    #: the cue opened with a dialogue dash ("- Who's there?"): someone else speaks
    dash: bool = False
    #: (see Cue.nobody)
    nobody: bool = False


#: A dialogue dash (or captions' ">>") opening a line, a space after it or not ("-¿Cómo lo lleva usted?").
#: (an em dash without a space is a narrator's sentence going on, "—lower than anyone remembered.")
#: A name in capitals in parentheses before the words, as Spanish and Catalan subtitles name who speaks: "(PERE)
#: Aquí hi havia la plaça.", "- (MARTA) Avi, jo només hi veig fang."
_PAREN_CAPS = re.compile(r"^(?:[-–—][ \t]*)?\((?P<name>[^()\d]{2,40})\)[ \t]+(?P<rest>\S.*)$")


#: ...and in full-width parentheses, as Japanese and Chinese captions do, the words right after them: "（美咲）ねえ".
_PAREN_FULL_WIDTH = re.compile(r"^(?:[-–—][ \t]*)?（(?P<name>[^（）\d]{1,20})）[ \t\u3000]*(?P<rest>\S.*)$")


#: A subtitle file's credits, a cue of their own at the start or the end: "Untertitel: Happy Scribe", "Subtitles by
#: the Amara.org community", "Sous-titrage : ST' 501", "Korrektur: L. Hoffmann".  No one says them.
_CREDIT_LINE = re.compile(
    r"^[\[(]?(?:subtitles?|subtitled|subtitling|captions?|captioning|closed captioning|untertitel(?:ung)?|"
    r"sous-titres?|sous-titrage|subt[ií]tulos?|subtitulado|sottotitoli|legendas?|legendagem|ondertiteling|napisy|"
    r"undertekster|undertexter|tekstitys|titulky|altyaz[ıi]|субтитры|korrektur|proofreading|proofread|"
    r"translation|translated|übersetzung|traduction|traducci[oó]n|transcription|transcribed|sync(?:ed)?|timing)"
    r"\b[^:]{0,25}(?::|\bby\b|\bvon\b|\bpar\b|\bpor\b|\bdi\b)",
    re.IGNORECASE,
)


def _credits(lines: list[str]) -> bool:
    """Whether a cue's lines are all credits (see _CREDIT_LINE)."""
    return bool(lines) and all(_CREDIT_LINE.match(line) for line in lines)


def _name_in_parentheses(line: str) -> Label | None:
    """The speaker a subtitle names in capitals in parentheses before the words, or None (a sound or an action
    in parentheses, "(Passes sobre terra seca)", "(LAUGHTER)", is no one)."""
    m = _PAREN_CAPS.match(line) or (_PAREN_FULL_WIDTH.match(line) if line[:1] in "（-–—" else None)
    if m is None:
        return None
    name = m.group("name").strip()
    if uncased(name) and len(name) <= 16 and len(name.split()) <= 3 and not is_stage_direction(name):
        # (a script without capitals, "(지영) 오빠, 아직 안 잤어?": a name only where such openings are the
        # captions' convention, see cues_to_passages)
        return Label(name, m.group("rest"), "bracket:uncased")
    if not name.isupper() or is_stage_direction(name) or not (is_name_like(name) or GENERIC_SPEAKER.match(name)):
        return None
    return Label(name, m.group("rest"), "bracket")


_DASH = re.compile(r"^(?:(?:[-–—]|>>)\s+|-(?=[¿¡\"«“„]|[^\W\d_]))")
#: Unnamed speech is cut into passages of about a paragraph: after this many words at a sentence end,
PARAGRAPH_WORDS = 80
#: at a pause of this many seconds once a passage has a few sentences,
PAUSE_SECONDS = 2.0
#: and at any cue boundary past this many words (auto-captions have no sentence ends).
MAX_WORDS = 200


def _paragraph_break(current: ParsedPassage, seg: Segment, last_end: float | None) -> bool:
    """Whether unnamed speech starts a new passage before `seg` (named turns stay whole)."""
    if current.speaker is not None:
        return False
    if seg.dash:
        return True
    words = len(current.text.split())
    ended = current.text.rstrip().endswith((".", "?", "!", "…", '."', '?"', ".”", "?”"))
    if words >= PARAGRAPH_WORDS and ended:
        return True
    if (
        words >= 30
        and ended
        and seg.start is not None
        and last_end is not None
        and seg.start - last_end >= PAUSE_SECONDS
    ):
        return True
    return words >= MAX_WORDS


def strip_tags(text: str) -> str:
    """Cue text without styling tags and timestamps, entities decoded."""
    return html.unescape(_ASS.sub("", _TAG.sub("", text)))


def _voice_segments(cue: Cue) -> list[tuple[str | None, str]]:
    """Split one cue payload at `<v Name>` spans (closed or not)."""
    payload = cue.text
    parts: list[tuple[str | None, str]] = []
    pos = 0
    current: str | None = cue.voice
    for m in _VOICE.finditer(payload):
        before = payload[pos : m.start()]
        if before.strip():
            parts.append((current, before))
        current = m.group(1).strip()
        pos = m.end()
    rest = payload[pos:]
    if rest.strip() or not parts:
        parts.append((current, rest))
    return parts


def _rolling_captions(cues: list[Cue]) -> bool:
    """True for auto-captions (YouTube) where most cues start with the previous cue's last line."""
    repeats = 0
    last = None
    for cue in cues:
        lines = [l for l in (strip_tags(x).strip() for x in cue.text.split("\n")) if l]
        if lines and last is not None and lines[0] == last:
            repeats += 1
        if lines:
            last = lines[-1]
    return len(cues) >= 4 and repeats >= 0.3 * len(cues)


def _names_over_cues(cues: list[Cue]) -> set[str]:
    """The first lines of cues that are a speaker's name over the words (Teams: "Hannah Becker", then what
    she said): where most cues of two lines or more open with a name-like line, and names recur."""
    firsts = []
    for cue in cues:
        lines = [l.strip() for l in strip_tags(cue.text).split("\n") if l.strip()]
        if len(lines) >= 2:
            firsts.append(lines[0])
    named = [f for f in firsts if len(f) <= 48 and f[-1] not in ".,;:!?…" and is_name_like(f)]
    counts: dict[str, int] = {}
    for f in named:
        counts[f] = counts.get(f, 0) + 1
    if len(named) < 0.6 * max(len(firsts), 1) or not any(n >= 2 for n in counts.values()):
        return set()
    return set(counts)


#: A cue's opening in a label's shape, whatever the name looks like: up to six words, no sentence's end in them,
#: a colon and the words ("Conference Room 4B: ...", "Tomislav's iPhone: ...").
_LOOSE_OPENING = re.compile(r"^([^\s:：][^:：.!?…]{0,47}?)[ \t]*[:：][ \t]+(\S.*)$")


def _loose_opening(line: str) -> tuple[str, str] | None:
    m = _LOOSE_OPENING.match(line)
    if m is None or len(m.group(1).split()) > 6 or "http" in m.group(1):
        return None
    return m.group(1).strip(), m.group(2)


def _openings_in_the_labels_shape(cues: list[Cue]) -> set[tuple[str, str]]:
    """Where nine in ten cues open with a speaker's label ("Deepa Nair: ...", as a meeting tool writes its
    captions) or in its shape, the openings of the others in the same shape whose name comes back ("Conference
    Room 4B: ...", a device's "Tomislav's iPhone: ..."): the document's own convention says they are speakers,
    whatever they look like.  (name, words) pairs, as `_loose_opening` reads them; none where the cues do not
    keep to labels."""
    firsts = []
    for cue in cues:
        if cue.voice is not None or _VOICE.search(cue.text):
            continue
        lines = [l for l in (strip_tags(x).strip() for x in cue.text.split("\n")) if l]
        if lines:
            firsts.append(lines[0])
    labelled = 0
    others: list[tuple[str, str]] = []
    for first in firsts:
        label = match_label(first)
        if label is not None and label.said and label.form != "semicolon":
            labelled += 1
        elif (opening := _loose_opening(first)) is not None:
            others.append(opening)
    if labelled < 4:
        return set()
    names = Counter(name for name, _ in others)
    shaped = {opening for opening in others if names[opening[0]] >= 2}
    # (nine in ten of the cues open so, the labels read and these: the document's own convention)
    return shaped if labelled + len(shaped) >= 0.9 * len(firsts) else set()


def cues_to_passages(cues: list[Cue]) -> tuple[list[ParsedPassage], dict[str, list[str]]]:
    """Turns from cues: voices or in-text labels name the speaker; unnamed cues continue the last one."""
    segments: list[Segment] = []
    label_counts: dict[str, int] = {}
    capitals: set[str] = set()  # labels written in capitals
    # (voice, line, cue, label name or None, text after the label)
    raw: list[tuple[str | None, str, Cue, str | None, str]] = []
    rolling = _rolling_captions(cues)
    named_lines = _names_over_cues(cues)
    shaped = _openings_in_the_labels_shape(cues)
    previous_last = ""
    for at, cue in enumerate(cues):
        # (credits stand in a cue of their own at the start or the end, never between the turns)
        edge = at < 2 or at >= len(cues) - 2
        for voice, payload in _voice_segments(cue):
            lines = [strip_tags(line).strip() for line in payload.split("\n")]
            lines = [l for l in lines if l]
            if rolling and lines and lines[0] == previous_last:
                lines = lines[1:]  # auto-captions repeat the previous cue's last line
            if lines:
                previous_last = lines[-1]
            if voice is None and named_lines and len(lines) >= 2 and lines[0] in named_lines:
                voice, lines = lines[0], lines[1:]  # Teams: the speaker's name on the cue's first line
            if voice is None and cue.nobody:
                # (a cue its file says is no one's, a system's notice or a table's note: its words are read as they
                # stand, never for a label, "[自动通知] 工单状态...")
                raw.extend((None, line, cue, None, line) for line in lines)
                continue
            if voice is None and edge and _credits(lines):
                cue = replace(cue, nobody=True)  # the file's credits: no one's words, not the last speaker's
                raw.extend((None, line, cue, None, line) for line in lines)
                continue
            for at, line in enumerate(lines):
                label = (
                    (match_label(line) or match_bracket(_DASH.sub("", line)) or _name_in_parentheses(line))
                    if voice is None
                    else None
                )
                if label is None and voice is None and at == 0 and (opening := _loose_opening(line)) in shaped:
                    assert opening is not None
                    label = Label(opening[0], opening[1], "plain")
                if label is not None and label.form != "semicolon":
                    name = display_name(label.raw)
                    key = name_key(name)
                    label_counts[key] = label_counts.get(key, 0) + 1
                    if label.raw.isupper():
                        capitals.add(key)
                    raw.append((voice, line, cue, name, label.rest))
                else:
                    raw.append((voice, line, cue, None, line))
    # Names in parentheses in a script without capitals are the captions' convention only where they open a third
    # of the lines or more, three of them at most making most of those (else a sound's or an action's, "(웃음)")
    uncased_at = {
        n: name_key(labelled)
        for n, (_, line, _, labelled, _) in enumerate(raw)
        if labelled and line.lstrip("-–— ").startswith("(") and uncased(labelled)
    }
    if uncased_at and (
        len(uncased_at) < 0.3 * len(raw)
        or sum(c for _, c in Counter(uncased_at.values()).most_common(3)) < 0.6 * len(uncased_at)
    ):
        for n in uncased_at:
            voice, line, cue, _, _ = raw[n]
            raw[n] = (voice, line, cue, None, line)
    for voice, line, cue, labelled, rest in raw:
        # In-text labels count when they recur; a one-off "Note:" is just words.
        if labelled is not None and label_counts.get(name_key(labelled), 0) < 2:
            # a one-off label counts beside recurring ones when it is a dialogue dash or a full name, or is
            # written in capitals as they are ("JOHN: Out." beside "MARY:")
            others = [k for k, n in label_counts.items() if n >= 2 and k != name_key(labelled)]
            head = (
                line.split(")", 1)[0].lstrip("-–— (")  # (a subtitle's "(NARRADORA) ...")
                if line.lstrip("-–— ").startswith("(")
                else line.split(":", 1)[0]
                if ":" in line
                else line.split("]", 1)[0]
            )
            caps = head.isupper() and all(k in capitals for k in others)
            # ("Kuroda:" or "[Kuroda-sensei]" once beside recurring "Haruto:" and "Mizuki:", in the same case)
            # (but "Action item: I'll open a ticket" on a cue's second line is no one's name)
            same_case = not head.isupper() and not any(k in capitals for k in others) and is_name_like(labelled)
            if not (
                others
                and (
                    line.startswith(("-", "–", "—", ">>"))
                    or (len(labelled.split()) >= 2 and is_name_like(labelled))
                    or caps
                    or same_case
                )
            ):
                labelled, rest = None, line
        text = rest if labelled is not None else line
        dash = False
        if voice is None:
            dash = bool(_DASH.match(text))
            text = _DASH.sub("", text)
        speaker = display_name(voice) if voice else labelled
        segments.append(Segment(speaker, text, cue.start, cue.end, dash, cue.nobody))
    passages: list[ParsedPassage] = []
    current: ParsedPassage | None = None
    last_speaker: str | None = None
    last_end: float | None = None
    before: Segment | None = None
    for seg in segments:
        speaker = seg.speaker if seg.speaker is not None or seg.nobody else last_speaker
        if (
            seg.dash
            and seg.speaker is None
            and before is not None
            and before.speaker is not None
            and seg.start is not None
            and (before.start, before.end) == (seg.start, seg.end)
        ):
            # a dash in the caption that has just named someone marks another voice ("- [MARTHA] I'll look at
            # her." / "- Fine. I'll fix it."): no one named, never the one named (see dashes_naming_no_one)
            speaker = None
        before = seg
        if current is not None and speaker == current.speaker and not _paragraph_break(current, seg, last_end):
            if seg.text:
                current.text = _join(current.text, seg.text)
            if seg.end is not None:
                current.end = seg.end
        else:
            if current is not None and current.text.strip():
                passages.append(current)
            current = ParsedPassage(speaker=speaker, text=seg.text, start=seg.start, end=seg.end)
        last_speaker = speaker
        last_end = seg.end if seg.end is not None else last_end
    if current is not None and current.text.strip():
        passages.append(current)
    speakers: dict[str, list[str]] = {p.speaker: [] for p in passages if p.speaker}
    return passages, speakers


def dashes_naming_no_one(cues: list[Cue]) -> int:
    """How many caption lines open with a dash, subtitles' mark for another voice, after a line of the same caption
    that names its speaker, and name no one themselves ("- [MARTHA] I'll look at her." / "- Fine."): read as no
    one's (cues_to_passages), and to be said."""
    count = 0
    for cue in cues:
        if cue.voice is not None:
            continue
        lines = [strip_tags(line).strip() for line in cue.text.split("\n") if strip_tags(line).strip()]
        named = False
        for line in lines:
            bare = _DASH.sub("", line)
            if match_label(bare) or match_bracket(bare) or _name_in_parentheses(line):
                named = True  # (with a dash or without: "[MARTHA] ..." then "- Fine.")
            elif named and _DASH.match(line):
                count += 1
    return count


def _join(a: str, b: str) -> str:
    if not a:
        return b
    if not b:
        return a
    if a.endswith(" ") or b.startswith(" "):
        return a + b
    return a + " " + b


def unnamed_speakers(cues: list[Cue], passages: list[ParsedPassage]) -> str | None:
    """What to warn of when captions name no one, or one name only, and yet several people speak (None
    otherwise): cues holding two people's lines, each opened by a dash or ">>" (subtitles' mark for a change of
    speaker), a guest's and a host's words to each other ("thanks for having me", "great question") in an
    automatic caption track, or replies and questions under one room's name."""
    named = {p.speaker for p in passages if p.speaker}
    if len(named) >= 2 and (answering := _answers_itself(cues)) is not None:
        who, count = answering
        return (
            f"{count} captions under {who!r} answer the caption before, also under {who!r} ('Can I jump in?', "
            "'Sure, but...'): one name for several people (a room's microphone, or a speech tool's mistake?), read "
            "as one speaker"
        )
    rooms = Counter(p.speaker for p in passages if p.speaker and names_a_meeting_room(p.speaker))
    if rooms and len(named) >= 2 and (room := rooms.most_common(1)[0])[1] >= 3:
        # Teams and Zoom name a meeting room's device, not the people in it: "Sala Madrid-3 (Sala de reuniones)"
        return a_rooms_turns(*room)
    if len(named) == 1 and len(cues) >= 8:
        # one name over every cue (a room's microphone, "Boardroom-4F: ..."), and the cues talk to each other
        who = named.pop()
        said = [" ".join(strip_tags(cue.text).split()).partition(":")[2].strip() or cue.text for cue in cues]
        if talking_rows(said):
            return (
                f"every caption is {who!r}'s (one microphone or room?), but they read like several people talking "
                "to each other (replies, questions): all are read as one speaker"
            )
        return None
    if named:
        return None
    changes = 0
    for cue in cues:
        lines = [l.strip() for l in strip_tags(cue.text).split("\n") if l.strip()]
        changes += sum(1 for l in lines if _DASH.match(l))
    if changes >= 4:
        return (
            f"{changes} caption lines open with a dash or '>>', the subtitles' mark for a change of speaker, but no "
            "one is named: read without speakers"
        )
    rows = [" ".join(strip_tags(cue.text).split()) for cue in cues]
    if (
        handoffs(" ".join(p.text for p in passages)) >= 2
        or talking_rows([r for r in rows if r])
        or talking_stretch(rows)
    ):
        return (
            "the captions read like a conversation (people answering, asking and greeting each other), but no "
            "one is named: read without speakers"
        )
    return None


def _answers_itself(cues: list[Cue]) -> tuple[str, int] | None:
    """A name whose captions answer its own captions just before, twice or more (a question, then a reply, both
    under "DEN-Conf-Room-4B:"): (the name, how many), or None.  One person goes on under their name; they do not
    reply to themselves."""
    said: list[tuple[str | None, str]] = []
    for cue in cues:
        text = " ".join(strip_tags(cue.text).split())
        label = match_label(text) if cue.voice is None else None
        who = cue.voice or (display_name(label.raw) if label is not None and label.said else None)
        said.append((who, label.rest if label is not None and cue.voice is None else text))
    counts: dict[str, int] = {}
    for (a, _), (b, then) in itertools.pairwise(said):
        if a is not None and a == b and _ANSWERS.match(then):
            counts[a] = counts.get(a, 0) + 1
    if not counts:
        return None
    who, count = max(counts.items(), key=lambda item: item[1])
    return (who, count) if count >= 2 else None


#: How someone answers or breaks into another's turn: "Sure, but...", "Yes.", "Can I jump in?", "I disagree".
_ANSWERS = re.compile(
    r"^(?:yes|yeah|yep|no|nope|sure|exactly|absolutely|agreed|i agree|i disagree|fair enough|good point|"
    r"that's (?:true|right|fair|not)|can i (?:jump|come) in|sorry,? can i|if i (?:may|can) (?:jump|come) in|"
    r"let me push back|"
    # (a guest's thanks for the invitation, a host's delight at an answer: "Thanks for having me", "I love that")
    r"thanks?(?: you)?(?: so much)? for having me|(?:that's|that is) (?:a )?(?:great|good) question|"
    r"(?:that's|that is) (?:so )?funny|i love that)\b",
    re.I,
)
