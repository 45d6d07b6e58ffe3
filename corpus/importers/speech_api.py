"""The JSON answers of cloud speech-to-text services, read as timed cues with their speakers.

People send a recording to a service and keep the JSON it answers with.  Each
service words its answer its own way, but they all hold the same things: the
words (one by one, or as sentences or paragraphs), when each is said, and,
where the service told voices apart, an anonymous speaker ("1", "S2", "spk_0")
or a channel of the recording.  Read here:

- Amazon Transcribe: "results" with its "items" (a word, or a punctuation mark after one), and who says them in
  "speaker_labels", "channel_labels", a "speaker_label" on each word, or whole "audio_segments";
- Google Cloud Speech-to-Text: "results", each with its best alternative's "transcript" and "words"; with
  diarisation each word has a "speakerTag" (v1) or "speakerLabel" (v2), and the v1 answer's last result
  repeats every word of the recording with its speaker;
- Microsoft Azure's batch transcription: "recognizedPhrases", each with its "nBest" (the best first), its time
  in ticks of 100 ns or as an ISO 8601 duration, and a "speaker" or "channel";
- Deepgram: "results" / "channels" / "alternatives", read by paragraphs (each with its speaker), else by words
  (each with its speaker), else as the channel's transcript (its "utterances", where asked for, are read as
  a list of utterances before this module is tried);
- Speechmatics (json-v2): "results", a list of words and punctuation marks with their "alternatives", the
  speaker ("S1"; "UU" where it could not tell) and the end of each sentence marked;
- IBM Watson Speech to Text: "results" with each alternative's "timestamps" ([word, start, end]) and the
  answer's "speaker_labels" (from, to, speaker).

Speakers become placeholders as people read them ("Speaker 1"), numbered from one however the service counts;
channels likewise ("Channel 1"), where no speakers were told apart and the recording has more than one.
A cue is a sentence, or a stretch of one speaker's words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import Any

from sayso.corpus.importers.cues import Cue


def number(value: Any) -> float | None:
    """A finite number from a JSON value (a number, or a string of one), else None."""
    try:
        found = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return found if math.isfinite(found) else None  # (JSON's 1e400 or NaN is no time)


def answer_cues(data: Any) -> list[Cue] | None:
    """Cues from a speech service's JSON answer, or None where `data` is in none of their shapes (Amazon
    Transcribe's aside: `amazon_transcribe`, tried before a list of utterances is looked for)."""
    for reader in _READERS:
        found = reader(data)
        if found:
            return found
    return None


# -- words to cues ---------------------------------------------------------------------------------------------
#: A word that ends a sentence: its last mark, closing quotes and brackets aside.
_SENTENCE_END = re.compile(r"[.?!…。？！][\"'”’»)\]]*$")


class _Words:
    """Words in the order said, closed into cues at a change of speaker and at the end of a sentence."""

    def __init__(self) -> None:
        self.cues: list[Cue] = []
        self.words: list[str] = []
        self.speaker: str | None = None
        self.unknown = False
        self.first: float | None = None
        self.last: float | None = None

    def add(
        self, word: str, start: float | None, end: float | None, speaker: str | None, unknown: bool = False
    ) -> None:
        word = word.strip()
        if not word:
            return
        if self.words and (speaker != self.speaker or unknown != self.unknown):
            self.close()
        if not self.words:
            self.first, self.speaker, self.unknown = start, speaker, unknown
        self.words.append(word)
        self.last = end if end is not None else self.last
        if _SENTENCE_END.search(word):
            self.close()

    def attach(self, mark: str, end: float | None = None, sentence_end: bool | None = None) -> None:
        """A punctuation mark after the last word."""
        mark = mark.strip()
        if not mark:
            return
        if not self.words:
            if self.cues:
                self.cues[-1].text += mark
            return
        self.words[-1] += mark
        self.last = end if end is not None else self.last
        if sentence_end if sentence_end is not None else _SENTENCE_END.search(mark):
            self.close()

    def close(self) -> None:
        if self.words:
            self.cues.append(Cue(self.first, self.last, " ".join(self.words), self.speaker, nobody=self.unknown))
            self.words = []

    def done(self) -> list[Cue]:
        self.close()
        return self.cues


def _numbered(kind: str, ids: Iterable[Any]) -> dict[str, str]:
    """The ids a service gives speakers (or channels) to "Speaker 1", "Speaker 2"...: by their own number,
    counted from one (a service that counts from zero gets one added to each), else in the order met."""
    seen = list(dict.fromkeys(str(i).strip() for i in ids if i is not None and str(i).strip()))
    digits = {i: int(m.group(1)) for i in seen if (m := re.fullmatch(r"(?:[A-Za-z]{1,3}[_ -]?)?(\d{1,4})", i))}
    if seen and len(digits) == len(seen) and len(set(digits.values())) == len(seen):
        shift = 1 if min(digits.values()) == 0 else 0
        return {i: f"{kind} {digits[i] + shift}" for i in seen}
    return {i: f"{kind} {n}" for n, i in enumerate(seen, 1)}


def _by_start(cues: list[Cue]) -> list[Cue]:
    """Cues of several channels in the order said (a cue without a time keeps its place after the one before)."""
    keyed: list[tuple[float, int, Cue]] = []
    at = 0.0
    for n, cue in enumerate(cues):
        at = cue.start if cue.start is not None else at
        keyed.append((at, n, cue))
    return [cue for _, _, cue in sorted(keyed, key=lambda k: (k[0], k[1]))]


# -- Amazon Transcribe -----------------------------------------------------------------------------------------
def amazon_transcribe(data: Any) -> list[Cue] | None:
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, dict) or not isinstance(results.get("items"), list):
        return None
    stretches = results.get("audio_segments")
    if isinstance(stretches, list) and stretches and all(isinstance(s, dict) for s in stretches):
        whole = [
            Cue(number(s.get("start_time")), number(s.get("end_time")), text, _aws_speaker(s))
            for s in stretches
            if isinstance(text := s.get("transcript"), str) and text.strip()
        ]
        if whole:
            return whole
    by_start: dict[str, str] = {}
    for kind, key in (("speaker_labels", "segments"), ("channel_labels", "channels")):
        holder = results.get(kind)
        for stretch in holder.get(key, []) if isinstance(holder, dict) else []:
            if not isinstance(stretch, dict) or not isinstance(stretch.get("items"), list):
                continue
            for word in stretch["items"]:
                who = _aws_speaker(word) if isinstance(word, dict) else None
                who = who or _aws_speaker(stretch)
                if isinstance(word, dict) and who is not None:
                    by_start.setdefault(str(word.get("start_time")), who)
    words = _Words()
    speaker: str | None = None
    for item in results["items"]:
        if not isinstance(item, dict):
            continue
        content = _best(item).get("content")
        if not isinstance(content, str) or not content.strip():
            continue
        if item.get("type") == "punctuation":
            words.attach(content)
            continue
        speaker = _aws_speaker(item) or by_start.get(str(item.get("start_time"))) or speaker
        words.add(content, number(item.get("start_time")), number(item.get("end_time")), speaker)
    return words.done() or None


def _aws_speaker(item: dict[str, Any]) -> str | None:
    for key in ("speaker_label", "channel_label"):
        if isinstance(item.get(key), str) and item[key].strip():
            return str(item[key]).strip()
    return None


def _best(item: dict[str, Any]) -> dict[str, Any]:
    """An item's best alternative (the first), or {}."""
    alternatives = item.get("alternatives")
    best = alternatives[0] if isinstance(alternatives, list) and alternatives else None
    return best if isinstance(best, dict) else {}


# -- Google Cloud Speech-to-Text ---------------------------------------------------------------------------------
def _google(data: Any) -> list[Cue] | None:
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list) or not results or not all(isinstance(r, dict) for r in results):
        return None
    if not any(isinstance(r.get("alternatives"), list) for r in results):
        return None
    best = [_best(r) for r in results]
    if not any(isinstance(b.get("transcript"), str) or isinstance(b.get("words"), list) for b in best):
        return None
    # (the results whose words carry speakers, every word of them: one the service left untagged is no one's,
    # kept, not dropped)
    tagged = [
        said
        for b in best
        if isinstance(b.get("words"), list)
        and (said := [w for w in b["words"] if isinstance(w, dict)])
        and any(_google_speaker(w) is not None for w in said)
    ]
    if tagged:
        # v1 repeats every word of the recording, each with its speaker, in its last result; v2 labels each
        # result's own words.
        first_times = [_google_time(t[0], "start") for t in tagged]
        words = tagged[-1] if len(tagged) > 1 and first_times[-1] == first_times[0] else [w for t in tagged for w in t]
        names = _numbered("Speaker", (_google_speaker(w) for w in words))  # (None left out)
        stream = _Words()
        for w in words:
            text = w.get("word")
            if isinstance(text, str):
                who = _google_speaker(w)
                start, end = _google_time(w, "start"), _google_time(w, "end")
                stream.add(text, start, end, names.get(str(who)), unknown=who is None)
        return stream.done() or None
    channels = {r.get("channelTag", r.get("channel_tag")) for r in results} - {None}
    channel_names = _numbered("Channel", sorted(channels, key=str)) if len(channels) > 1 else {}
    cues: list[Cue] = []
    previous_end: float | None = 0.0
    for result, b in zip(results, best):
        text = b.get("transcript")
        end = _google_time(result, "resultEnd")
        if isinstance(text, str) and text.strip():
            words = [w for w in b.get("words") or [] if isinstance(w, dict)]
            start = _google_time(words[0], "start") if words else previous_end
            channel = result.get("channelTag", result.get("channel_tag"))
            cues.append(Cue(start, end, text.strip(), channel_names.get(str(channel))))
        previous_end = end if end is not None else previous_end
    return _by_start(cues) if channel_names else cues or None


def _google_speaker(word: dict[str, Any]) -> str | None:
    for key in ("speakerLabel", "speaker_label", "speakerTag", "speaker_tag"):
        value = word.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:  # (0: diarisation was off)
            return str(value)
    return None


def _google_time(item: dict[str, Any], which: str) -> float | None:
    """A time as Google's JSON writes a protobuf Duration ("1.300s", or {"seconds": "1", "nanos": 300000000}),
    under its v1 name ("startTime", "start_time"), its v2 name ("startOffset") or the result's ("resultEndTime")."""
    snake = re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), which)
    for key in (f"{which}Time", f"{snake}_time", f"{which}Offset", f"{snake}_offset"):
        value = item.get(key)
        if isinstance(value, str) and (m := re.fullmatch(r"\s*(\d+(?:\.\d+)?)s\s*", value)):
            return float(m.group(1))
        if isinstance(value, dict):
            seconds, nanos = number(value.get("seconds", 0)), number(value.get("nanos", 0))
            if seconds is not None and nanos is not None:
                return seconds + nanos / 1e9
        if (found := number(value)) is not None:
            return found
    return None


# -- Microsoft Azure batch transcription -----------------------------------------------------------------------
def _azure(data: Any) -> list[Cue] | None:
    phrases = data.get("recognizedPhrases") if isinstance(data, dict) else None
    if not isinstance(phrases, list) or not phrases or not all(isinstance(p, dict) for p in phrases):
        return None
    spoken = [p for p in phrases if p.get("recognitionStatus", "Success") == "Success"]
    speakers = _numbered("Speaker", (p.get("speaker") for p in spoken))
    channels = {str(p.get("channel")) for p in spoken if p.get("channel") is not None}
    channel_names = _numbered("Channel", sorted(channels)) if len(channels) > 1 and not speakers else {}
    cues: list[Cue] = []
    for p in spoken:
        best = p.get("nBest")
        top = best[0] if isinstance(best, list) and best and isinstance(best[0], dict) else {}
        text = next(
            (top[k] for k in ("display", "itn", "lexical") if isinstance(top.get(k), str) and top[k].strip()), ""
        )
        if not text:
            continue
        start = _ticks(p.get("offsetInTicks"))
        start = start if start is not None else _iso_duration(p.get("offset"))
        length = _ticks(p.get("durationInTicks"))
        length = length if length is not None else _iso_duration(p.get("duration"))
        end = start + length if start is not None and length is not None else None
        who = speakers.get(str(p.get("speaker"))) or channel_names.get(str(p.get("channel")))
        cues.append(Cue(start, end, text.strip(), who))
    return _by_start(cues) or None


def _ticks(value: Any) -> float | None:
    found = number(value)
    return found / 1e7 if found is not None else None  # (a tick is 100 ns)


_ISO_DURATION = re.compile(
    r"^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)


def _iso_duration(value: Any) -> float | None:
    """Seconds in an ISO 8601 duration ("PT1M2.5S"), or None."""
    m = _ISO_DURATION.match(value.strip()) if isinstance(value, str) else None
    if m is None or not any(m.groups()):
        return None
    days, hours, minutes, seconds = (float(g) if g else 0.0 for g in m.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds


# -- Deepgram --------------------------------------------------------------------------------------------------
def _deepgram(data: Any) -> list[Cue] | None:
    results = data.get("results") if isinstance(data, dict) else None
    channels = results.get("channels") if isinstance(results, dict) else None
    if not isinstance(channels, list) or not channels or not all(isinstance(c, dict) for c in channels):
        return None
    bests = [_best(c) for c in channels]
    if not any(isinstance(b.get("transcript"), str) for b in bests):
        return None
    every: list[Cue] = []
    for n, best in enumerate(bests):
        channel = f"Channel {n + 1}" if len(bests) > 1 else None
        held = best.get("paragraphs")
        paragraphs = held.get("paragraphs") if isinstance(held, dict) else None
        words = [w for w in best.get("words") or [] if isinstance(w, dict)]
        names = _numbered("Speaker", (x.get("speaker") for x in (paragraphs or words) if isinstance(x, dict)))
        if isinstance(paragraphs, list) and paragraphs:
            for p in paragraphs:
                if not isinstance(p, dict):
                    continue
                sentences = [s for s in p.get("sentences") or [] if isinstance(s, dict)]
                text = " ".join(s["text"].strip() for s in sentences if isinstance(s.get("text"), str))
                if text.strip():
                    who = names.get(str(p.get("speaker"))) or channel
                    every.append(Cue(number(p.get("start")), number(p.get("end")), text, who))
        elif words:
            stream = _Words()
            for w in words:
                spelled = w.get("punctuated_word", w.get("word"))
                if isinstance(spelled, str):
                    who = names.get(str(w.get("speaker"))) or channel
                    stream.add(spelled, number(w.get("start")), number(w.get("end")), who)
            every.extend(stream.done())
        elif isinstance(best.get("transcript"), str) and best["transcript"].strip():
            every.append(Cue(0.0, None, best["transcript"].strip(), channel))
    return (_by_start(every) if len(bests) > 1 else every) or None


# -- Speechmatics ----------------------------------------------------------------------------------------------
def _speechmatics(data: Any) -> list[Cue] | None:
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list) or not results or not all(isinstance(r, dict) for r in results):
        return None
    if not any(r.get("type") == "word" and isinstance(_best(r).get("content"), str) for r in results):
        return None
    names = _numbered("Speaker", (s for r in results if (s := _best(r).get("speaker")) != "UU"))
    stream = _Words()
    opening = ""  # a mark that attaches to the next word ("¿", an opening quote)
    for r in results:
        best = _best(r)
        content = best.get("content")
        if not isinstance(content, str):
            continue
        start, end = number(r.get("start_time")), number(r.get("end_time"))
        if r.get("type") == "punctuation":
            if r.get("attaches_to") == "next":
                opening += content.strip()
            else:
                stream.attach(content, end, bool(r.get("is_eos")) or None)
            continue
        speaker = best.get("speaker")
        stream.add(opening + content, start, end, names.get(str(speaker)), unknown=speaker == "UU")
        opening = ""
    return stream.done() or None


# -- IBM Watson Speech to Text ---------------------------------------------------------------------------------
def _watson(data: Any) -> list[Cue] | None:
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list) or not results or not all(isinstance(r, dict) for r in results):
        return None
    if not any(isinstance(_best(r).get("timestamps"), list) for r in results):
        return None
    labels = data.get("speaker_labels")
    said_by: dict[float, Any] = {}
    for label in labels if isinstance(labels, list) else []:
        if isinstance(label, dict) and (start := number(label.get("from"))) is not None:
            said_by[round(start, 2)] = label.get("speaker")
    names = _numbered("Speaker", said_by.values())
    stream = _Words()
    for r in results:
        for stamp in _best(r).get("timestamps") or []:
            if isinstance(stamp, list) and len(stamp) >= 3 and isinstance(stamp[0], str):
                start = number(stamp[1])
                who = names.get(str(said_by.get(round(start, 2)))) if start is not None else None
                stream.add(stamp[0], start, number(stamp[2]), who)
        stream.close()  # (a result ends where the speaker paused)
    return stream.done() or None


#: In the order tried: Watson's results hold a transcript as Google's do, and its timestamps besides.
_READERS: tuple[Callable[[Any], list[Cue] | None], ...] = (_watson, _google, _azure, _deepgram, _speechmatics)
