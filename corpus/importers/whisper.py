"""Whisper and WhisperX JSON: timed segments, with diarised speakers in WhisperX.

Whisper (`verbose_json`) gives `segments` with `start`, `end` and `text`;
WhisperX adds a `speaker` ("SPEAKER_00") per segment and per word, and a
segment can hold words of two speakers.  Diarisation labels are anonymous:
they become per-document placeholders ("Speaker 1"), which the user can
rename.

Meeting and transcription tools export other shapes of the same thing: a list
of utterances, each with its words, its speaker and its time, under a key of
their own (Fireflies' "sentences" with "speaker_name" and "startTime",
AssemblyAI's "utterances", Rev's "monologues" of "elements").  Such a list is
read too, and so are the answers of speech-to-text services (Amazon's, Google's,
Azure's, Deepgram's, Speechmatics' and IBM's: see `speech_api`).  Any other JSON
is refused: it is data, not a transcript.
"""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

from sayso.corpus.errors import ImportRefused
from sayso.corpus.importers.cues import Cue
from sayso.corpus.importers.names import parse_time
from sayso.corpus.importers.speech_api import amazon_transcribe, answer_cues, number


def parse_whisper(text: str, name: str) -> tuple[list[Cue], str | None, list[str], list[str]]:
    """Cues from Whisper/WhisperX JSON (a speaker per cue where diarised), or a tool's list of utterances, the
    title the JSON gives (a meeting tool's "title"), if any, the tool's remarks on its speakers (see `_remarks`),
    and what sayso itself doubts of them (see `_fewer_voices_than_people`); ImportRefused for other JSON."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"{name}: looks like JSON but is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    cues, title = _cues_of(data, name)
    doubts = [doubt] if (doubt := _fewer_voices_than_people(data, cues)) is not None else []
    return cues, title, _remarks(data), doubts


def _fewer_voices_than_people(data: Any, cues: list[Cue]) -> str | None:
    """Where the file lists who took part (a meeting's "attendees", three people) and its segments carry fewer
    voices, each a code rather than a name ("A", "B"): a voice may be two people, which the file does not say."""
    voices = {cue.voice for cue in cues if cue.voice}
    if not voices or any(len(v) > 3 and not _CODE_VOICE.fullmatch(v) for v in voices):
        return None  # (named voices, or none: nothing to weigh)
    holders = [data] if isinstance(data, dict) else []
    holders += [v for h in holders for v in h.values() if isinstance(v, dict)][:20]
    for holder in holders:
        for key in _PEOPLE_KEYS:
            listed = holder.get(key)
            if isinstance(listed, list) and len(listed) > len(voices) >= 1 and len(listed) <= 50:
                shown = ", ".join(sorted(voices))
                return (
                    f"the file lists {len(listed)} people under {key!r} but its segments carry {len(voices)} "
                    f"voice{'s' if len(voices) > 1 else ''} ({shown}): a voice may be more than one person"
                )
    return None


#: A tool's code for an unnamed voice: "spk_0", "SPEAKER_01", "Speaker 2".
_CODE_VOICE = re.compile(r"(?i:spk|speaker|sprecher|voice|talker)[ _-]?\d{1,2}")


#: Keys under which a tool leaves its remarks on the speakers (not a title's or a show's notes).
_REMARK_KEYS = re.compile(r"warn|diari[sz]|quality|qa_|flag|review_note|speaker_note", re.I)


def _remarks(data: Any) -> list[str]:
    """The strings under a JSON transcript's remark keys (a tool's warnings: "speaker assignment may be
    unreliable"), outside its segments' and words' lists, at most 200 of them."""
    found: list[str] = []

    def walk(value: object, remark: bool) -> None:
        if len(found) >= 200:
            return
        if isinstance(value, str) and remark:
            found.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, remark or _REMARK_KEYS.search(str(key)) is not None)
        elif isinstance(value, list) and not any(isinstance(item, dict) for item in value[:3]):
            for item in value:  # (a list of segments or words is what was said, not remarks)
                walk(item, remark)

    walk(data, False)
    return found


def _cues_of(data: Any, name: str) -> tuple[list[Cue], str | None]:
    """parse_whisper's cues and title, from the JSON read."""
    segments = data.get("segments") if isinstance(data, dict) else data if isinstance(data, list) else None
    if (
        isinstance(data, list)
        and not any(isinstance(s, dict) and ("start" in s or "end" in s) for s in data[:20])
        and (said := _utterances(data)) is not None
    ):
        return said, _title_of(data)  # (a list of messages with their authors, no times: Slack's export, not Whisper's)
    if (said := _podcast_index(data)) is not None:
        return said, _title_of(data)
    if (
        not isinstance(segments, list)
        or not segments
        or not all(isinstance(s, dict) and isinstance(s.get("text", s.get("words")), (str, list)) for s in segments)
    ):
        said = amazon_transcribe(data)
        if said is not None:
            return said, None
        said = _utterances(data)
        if said is None:
            said = answer_cues(data)
            if said is not None:
                return said, None
            raise ImportRefused(
                f"{name}: JSON that is not a transcript sayso knows (Whisper's or WhisperX's \"segments\", a speech "
                "service's answer (Amazon, Google, Azure, Deepgram, Speechmatics, IBM), or a list of utterances "
                "each with its text and speaker, as meeting tools and chat exports give them)"
            )
        return said, _title_of(data)
    cues: list[Cue] = []
    names = _speaker_names(data)  # (a tool's segments under ids, "S1", that its list of speakers names)
    for segment in segments:
        start, end = number(segment.get("start")), number(segment.get("end"))
        speaker = segment.get("speaker") if isinstance(segment.get("speaker"), str) else None
        speaker = names.get(speaker.strip(), speaker) if speaker is not None else None
        words = segment.get("words") if isinstance(segment.get("words"), list) else []
        spoken = [w for w in words if isinstance(w, dict) and isinstance(w.get("word"), str)]
        speakers = {w.get("speaker") for w in spoken if isinstance(w.get("speaker"), str)}
        if len(speakers) > 1:
            # The segment spans a change of speaker: split it where the words' speakers change.
            cues.extend(_split_by_word_speaker(spoken, speaker, start, end, names))
            continue
        body = segment.get("text")
        if not isinstance(body, str):
            body = " ".join(w["word"].strip() for w in spoken)
        if body.strip():
            cues.append(Cue(start, end, body.strip(), speaker))
    return cues, _title_of(data)


def _podcast_index(data: Any) -> list[Cue] | None:
    """Cues of a podcast's transcript in the Podcast Index's JSON (podcast:transcript, application/json):
    {"version": ..., "segments": [{"speaker", "startTime", "endTime", "body"}, ...]}, or None.  Each segment is
    a few seconds of speech: a conference programme's talks under "speaker" and "body", an hour each, are not."""
    segments = data.get("segments") if isinstance(data, dict) else None
    if not isinstance(segments, list) or len(segments) < 2 or not all(isinstance(s, dict) for s in segments):
        return None
    if not all(isinstance(s.get("body"), str) and "text" not in s for s in segments):
        return None
    starts = [number(s.get("startTime")) for s in segments]
    ends = [number(s.get("endTime")) for s in segments]
    if any(t is None for t in starts + ends):
        return None
    lengths = sorted(float(e) - float(b) for b, e in zip(starts, ends) if b is not None and e is not None)
    if lengths[len(lengths) // 2] > 120 or lengths[0] < 0:
        return None  # (talks or slots of a programme, not what someone says at a time)
    return [
        Cue(b, e, s["body"].strip(), s["speaker"].strip() if isinstance(s.get("speaker"), str) else None)
        for s, b, e in zip(segments, starts, ends)
        if s["body"].strip()
    ]


def _title_of(data: Any) -> str | None:
    """The title a JSON gives itself (a meeting tool's, a podcast app's "title"), on one line, if any."""
    for _ in range(3):
        # (an API's answer wraps the transcript: {"data": {"transcript": {"title": ...}}})
        if isinstance(data, dict) and "title" not in data and len(data) == 1:
            data = next(iter(data.values()))
    title = data.get("title") if isinstance(data, dict) else None
    if title is None and isinstance(data, dict) and isinstance(data.get("messages"), list):
        title = data.get("name")  # a chat export's: the group's or the person's name
    return (" ".join(title.split())[:200] or None) if isinstance(title, str) else None


def _split_by_word_speaker(
    words: list[dict[str, Any]], speaker: str | None, start: float | None, end: float | None, names: dict[str, str]
) -> list[Cue]:
    cues: list[Cue] = []
    current: list[str] = []
    who = speaker
    first: float | None = start
    last: float | None = None
    for word in words:
        w_speaker = names.get(word["speaker"], word["speaker"]) if isinstance(word.get("speaker"), str) else who
        if current and w_speaker != who:
            cues.append(Cue(first, last, " ".join(current), who))
            current, first = [], number(word.get("start"))
        who = w_speaker
        current.append(word["word"].strip())
        last = number(word.get("end")) or last
    if current:
        cues.append(Cue(first, end if end is not None else last, " ".join(current), who))
    return [c for c in cues if c.text.strip()]


#: What an utterance's words, speaker and times are called in meeting and transcription tools' JSON.
_TEXT_KEYS = ("text", "sentence", "raw_sentence", "transcript", "utterance", "body", "message", "content")
#: (and a message's author or sender, as support tickets and chat exports name them, often as an object: "from":
#: {"name": "小林", "role": "agent"}, Discord's "author": {"name": ..., "nickname": ...})
_SPEAKER_KEYS = (
    "speaker_name", "speakerName", "speaker", "speaker_label", "speakerLabel", "participant", "from", "author",
    "sender", "sender_name",
)  # fmt: skip
#: Keys that point at an entry of the JSON's own list of speakers ("speakers": [{"id": "A", "name": ...}]).
_SPEAKER_ID_KEYS = ("speaker_id", "speakerId", "participant_id", "participantId")
#: Keys of a person object's name, the shown one first.
_PERSON_NAME_KEYS = ("nickname", "display_name", "displayName", "name", "username", "real_name")
#: When a message was sent, as tickets and chat exports say it.
_SENT_KEYS = (
    "sent_at",
    "created_at",
    "createdAt",
    "timestamp",
    "timestamp_ms",
    "time",
    "date",
    "ts",
    "datetime",
    "start",
)
_START_KEYS = ("start", "start_time", "startTime", "begin", "start_ms", "startMs", "offset")
_END_KEYS = ("end", "end_time", "endTime", "end_ms", "endMs")


def _oldest_first(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A chat export's messages in the order they were sent: Facebook Messenger's export lists the newest first
    ("timestamp_ms" falling), and writes its text as UTF-8 read as Latin-1 ("KÃ¤rnten" for "Kärnten"), which is
    mended where it reads back as UTF-8."""
    stamps = [t for i in items if isinstance(t := i.get("timestamp_ms"), int) and not isinstance(t, bool)]
    if len(items) < 2 or len(stamps) != len(items):
        return items
    if all(a >= b for a, b in itertools.pairwise(stamps)) and stamps[0] > stamps[-1]:
        items = items[::-1]
    mended = []
    for item in items:
        fixed = dict(item)
        for key in ("sender_name", "content"):
            value = item.get(key)
            if isinstance(value, str) and any("\u00c0" <= c <= "\u00ff" for c in value):
                try:
                    fixed[key] = value.encode("latin-1").decode("utf-8")
                except (UnicodeEncodeError, UnicodeDecodeError):
                    pass
        mended.append(fixed)
    return mended


def _utterances(data: Any) -> list[Cue] | None:
    """Cues from a list of utterances under one of the JSON's keys, or a few levels down (an API's answer:
    Fireflies' "data" / "transcript" / "sentences"), or None.  Nearer lists are tried first."""
    lists: list[Any] = []
    if isinstance(data, dict):
        level = [data]
        for _ in range(3):
            values = [value for holder in level for value in holder.values()]
            lists.extend(values)
            level = [value for value in values if isinstance(value, dict)][:50]
    else:
        lists.append(data)
    names = _speaker_names(data)
    for items in lists:
        if not isinstance(items, list) or len(items) < 2 or not all(isinstance(i, dict) for i in items):
            continue
        # (a chat export's notices, Telegram's "type": "service" ("created the group", "joined"), are no one's words)
        # (and Slack's: "subtype": "channel_join", "channel_topic", ...)
        items = [
            i
            for i in items
            if i.get("type") != "service" and not str(i.get("subtype") or "").endswith(_NOTICE_SUBTYPES)
        ]
        if sum(1 for i in items if "from" in i and "to" in i) >= 0.5 * len(items):
            continue  # ("from" beside "to" is a route or a range, a timetable's, not a chat message's sender)
        items = _oldest_first(items)
        known = {**_profile_names(items), **names}
        texts = [_named_mentions(_text_of(i), known) for i in items]
        # (each utterance has its words and who says them or when: a list of settings' "name" and "value", or of
        # posts' "content", is no transcript)
        said = sum(
            1
            for i, t in zip(items, texts)
            if t
            and (
                any(k in i for k in (*_SPEAKER_KEYS, *_SPEAKER_ID_KEYS))
                or _first_number(i, _START_KEYS) is not None
                or _profile_name(i)
                or i.get("user") in known
            )
        )
        if said < 0.8 * len(items):
            continue
        messages = all(
            any(k in i for k in ("body", "message", "content")) and not any(k in i for k in _TEXT_KEYS[:5])
            for i in items[:5]
        )
        if messages and (
            any("title" in i for i in items[:5])
            or (
                sum(1 for i in items if any(k in i for k in _SENT_KEYS)) < 0.8 * len(items)
                # (unless the utterances point at the JSON's own list of people: a podcast editor's "participantId":
                # "p1" beside its "body" and "startTime")
                and sum(1 for i in items if _points_at(i, names)) < 0.8 * len(items)
            )
        ):
            # (a message's "body", "message" or "content" is a message only where each says when it was sent and
            # none is titled: a catalogue's "author" and "body", a commit log's "author" and "message" are not talk)
            continue
        starts = [_first_number(i, _START_KEYS) for i in items]
        ends = [_first_number(i, _END_KEYS) for i in items]
        in_ms = any(k in i for i in items[:1] for k in ("start_ms", "startMs", "end_ms", "endMs")) or (
            all(s is None or float(s).is_integer() for s in starts) and max((s or 0.0) for s in starts) > 36_000
        )
        scale = 0.001 if in_ms else 1.0
        by_channel = _channel_speakers(items, known)
        cues = []
        for item, text, start, end in zip(items, texts, starts, ends):
            if not text:
                continue
            cues.append(
                Cue(
                    None if start is None else start * scale,
                    None if end is None else end * scale,
                    text,
                    by_channel.get(id(item)) or _speaker_of(item, known),
                    nobody=_from_the_system(item),
                )
            )
        return cues or None
    return None


#: Keys that name an utterance's speaker beside a number.
_NAMING_KEYS = ("speaker_name", "speakerName", "user", "user_name", "username", "author", "name", "from", "sender")


def _channel_speakers(items: list[dict[str, Any]], names: dict[str, str]) -> dict[int, str]:
    """Who says each utterance of a recording transcribed channel by channel (Deepgram's multichannel answer, a
    call centre's agent on one channel and the customer on the other), by the item's id(): each channel numbers its
    own speakers from 0, so speaker 0 of channel 0 and speaker 0 of channel 1 are two people ("Channel 1",
    "Channel 2", or "Channel 1, speaker 2" where a channel has several).  Empty where the utterances are not
    numbered by channel, or the speakers are named."""

    def number(value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    if not all(number(i.get("channel")) and number(i.get("speaker")) for i in items):
        return {}  # (every utterance numbered by channel and by speaker, a speaker never an object or a name)
    if any(k in i for i in items for k in (*_NAMING_KEYS, *_SPEAKER_ID_KEYS)) or any(
        str(i["speaker"]) in names for i in items
    ):
        return {}  # (speakers named beside their numbers, by the JSON or its list of speakers: as they are)
    pairs: list[tuple[int, int]] = [(int(i["channel"]), int(i["speaker"])) for i in items]
    per_channel: dict[int, set[int]] = {}
    for c, s in pairs:
        per_channel.setdefault(c, set()).add(s)
    if sorted(per_channel) != list(range(len(per_channel))) or len(per_channel) < 2 or len(per_channel) > 8:
        return {}  # (a recording's channels run 0, 1...: a chat app's channel ids, "101", are no such thing)
    if any(0 not in speakers for speakers in per_channel.values()):
        return {}  # (each channel numbers its own speakers from 0; numbers running on across them are one count)
    return {
        id(i): f"Channel {c + 1}" if len(per_channel[c]) == 1 else f"Channel {c + 1}, speaker {s + 1}"
        for i, (c, s) in zip(items, pairs)
    }


def _text_of(item: dict[str, Any]) -> str:
    for key in _TEXT_KEYS:
        if isinstance(item.get(key), str) and item[key].strip():
            return str(item[key]).strip()
        if isinstance(item.get(key), list) and item[key]:
            # Telegram's text with formatting: pieces of plain text and of marked-up text ({"type": "bold", ...})
            # (a piece without text, a sticker's or a poll's, adds nothing; the message keeps the rest)
            pieces = [p if isinstance(p, str) else p.get("text") if isinstance(p, dict) else None for p in item[key]]
            joined = "".join(p for p in pieces if isinstance(p, str))
            if joined.strip():
                return " ".join(joined.split())
    elements = item.get("elements")
    if isinstance(elements, list):  # Rev's monologues: elements of words and punctuation
        parts = [e.get("value") for e in elements if isinstance(e, dict)]
        joined = "".join(p for p in parts if isinstance(p, str))
        return " ".join(joined.split())
    return ""


def _points_at(item: dict[str, Any], names: dict[str, str]) -> bool:
    """Whether an utterance's speaker is an id of the JSON's own list of people."""
    return any(
        isinstance(v := item.get(k), (str, int)) and str(v) in names for k in (*_SPEAKER_ID_KEYS, *_SPEAKER_KEYS)
    )


#: A time written as a clock: "00:00:03.120", "1:02:03,5", "12:31".
_CLOCK = re.compile(r"^(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?$")


def _first_number(item: dict[str, Any], keys: tuple[str, ...]) -> float | None:
    for key in keys:
        if key in item and (found := number(item[key])) is not None:
            return found
        if isinstance(value := item.get(key), str) and _CLOCK.match(value.strip()):
            return parse_time(value.strip())  # (a podcast editor's "startTime": "00:00:03.120")
    return None


#: Where a JSON lists who speaks, each with an id its utterances point at: "speakers", a podcast editor's
#: "participants", a meeting's "attendees"...
#: (not a play's "cast": its entries name the actors, and the lines are the parts')
_PEOPLE_KEYS = ("speakers", "participants", "people", "persons", "attendees", "members", "voices")
#: An entry's id, which the utterances give ("speaker": "spk_0", "participantId": "p1").
_ENTRY_ID_KEYS = ("id", "label", "speaker", "speaker_id", "speakerId", "key", "code", "tag", "participant_id")
#: An entry's name for people, the fullest first.
_ENTRY_NAME_KEYS = ("name", "display_name", "displayName", "full_name", "fullName", "real_name", "realName")


def _speaker_names(data: Any) -> dict[str, str]:
    """A JSON's own list of speakers by id ("speakers": [{"id": 0, "name": "Sanne de Vries"}], "participants":
    [{"id": "p1", "name": ...}], "speakers": [{"label": "spk_0", "display_name": ...}]), at its top or a level
    down ("metadata": {"speakers": ...}), if it has one."""
    holders = [data] if isinstance(data, dict) else []
    holders += [v for h in holders for v in h.values() if isinstance(v, dict)][:20]
    for holder in holders:
        for key in _PEOPLE_KEYS:
            listed = holder.get(key)
            if not isinstance(listed, list):
                continue
            found: dict[str, str] = {}
            for entry in listed:
                if not isinstance(entry, dict):
                    continue
                name = next(
                    (v.strip() for k in _ENTRY_NAME_KEYS if isinstance(v := entry.get(k), str) and v.strip()), None
                )
                ident = next(
                    (
                        v
                        for k in _ENTRY_ID_KEYS
                        if isinstance(v := entry.get(k), (str, int)) and not isinstance(v, bool)
                    ),
                    None,
                )
                if name is not None and ident is not None and str(ident) != name:
                    found[str(ident)] = name
            if found:
                return found
    return {}


#: A chat export's mention of someone by id: Slack's "<@U03DIMST3>".
_MENTION = re.compile(r"<@([A-Z0-9]{6,15})>")


def _named_mentions(text: str, names: dict[str, str]) -> str:
    """`text` with each mention of someone by id by the name the export gives that id, if any ("@Δημήτρης")."""
    if "<@" not in text:
        return text
    return _MENTION.sub(lambda m: "@" + names.get(m.group(1), m.group(1)), text)


#: Slack's notices among its messages: someone joined or left, the topic or the purpose changed.
_NOTICE_SUBTYPES = ("_join", "_leave", "_topic", "_purpose", "_name", "_archive", "_unarchive")


def _profile_name(item: dict[str, Any]) -> str | None:
    """The name a chat export gives a message's author in a profile beside it (Slack's "user_profile":
    "real_name", else "display_name"), or its bot's "username"."""
    profile = item.get("user_profile")
    if isinstance(profile, dict):
        for key in ("real_name", "display_name", "name"):
            value = profile.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
    value = item.get("username") or item.get("user_name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _profile_names(items: list[dict[str, Any]]) -> dict[str, str]:
    """Authors' ids ("user": "U05ELKAR2") to the names their profiles give, from the messages that carry one: a
    message without its profile goes by the name another gives the same id."""
    names: dict[str, str] = {}
    for item in items:
        who, name = item.get("user"), _profile_name(item)
        if isinstance(who, str) and name and who not in names:
            names[who] = name
    return names


def _from_the_system(item: dict[str, Any]) -> bool:
    """Whether a message's author is the system it was written in (a role or type "system"), not a person."""
    return any(
        isinstance(value := item.get(key), dict)
        and str(value.get("role") or value.get("type") or "").casefold() in ("system", "automation")
        for key in _SPEAKER_KEYS
    )


def _speaker_of(item: dict[str, Any], names: dict[str, str]) -> str | None:
    if (profiled := _profile_name(item)) is not None:
        return profiled
    for key in _SPEAKER_ID_KEYS:
        # (an id the JSON's list of speakers names, beside a number of its own: "speaker": 0, "speaker_id": "A")
        if isinstance(value := item.get(key), (str, int)) and not isinstance(value, bool) and str(value) in names:
            return names[str(value)]
    if isinstance(who := item.get("user"), str) and who in names:
        return names[who]
    for key in _SPEAKER_KEYS:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return names.get(value.strip(), value.strip())
        if isinstance(value, int) and not isinstance(value, bool):
            return names.get(str(value), f"Speaker {value + 1}")
        if isinstance(value, dict):
            if _from_the_system(item):
                return None  # (a ticket system's own notices: "[自动通知] 工单状态..." are no one's words)
            shown = next(
                (v.strip() for k in _PERSON_NAME_KEYS if isinstance(v := value.get(k), str) and v.strip()), None
            )
            if shown is not None:
                return shown
    for key in ("speaker_id", "speakerId"):
        if key in item and str(item[key]) in names:
            return names[str(item[key])]
    return None
