"""Whisper and WhisperX JSON: timed segments, with diarised speakers in WhisperX.

Whisper (`verbose_json`) gives `segments` with `start`, `end` and `text`;
WhisperX adds a `speaker` ("SPEAKER_00") per segment and per word, and a
segment can hold words of two speakers.  Diarisation labels are anonymous:
they become per-document placeholders ("Speaker 1"), which the user can
rename.  Any other JSON is refused: it is data, not a transcript.
"""

from __future__ import annotations

import json
from typing import Any

from sayso.corpus.errors import ImportRefused
from sayso.corpus.importers.cues import Cue


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def parse_whisper(text: str, name: str) -> list[Cue]:
    """Cues from Whisper/WhisperX JSON (a speaker per cue where diarised); ImportRefused for other JSON."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"{name}: looks like JSON but is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    segments = data.get("segments") if isinstance(data, dict) else data if isinstance(data, list) else None
    if (
        not isinstance(segments, list)
        or not segments
        or not all(isinstance(s, dict) and isinstance(s.get("text", s.get("words")), (str, list)) for s in segments)
    ):
        raise ImportRefused(
            f'{name}: JSON that is not a Whisper or WhisperX transcript (no "segments" with "text"); '
            "sayso reads JSON only in that shape"
        )
    cues: list[Cue] = []
    for segment in segments:
        start, end = _number(segment.get("start")), _number(segment.get("end"))
        speaker = segment.get("speaker") if isinstance(segment.get("speaker"), str) else None
        words = segment.get("words") if isinstance(segment.get("words"), list) else []
        spoken = [w for w in words if isinstance(w, dict) and isinstance(w.get("word"), str)]
        speakers = {w.get("speaker") for w in spoken if isinstance(w.get("speaker"), str)}
        if len(speakers) > 1:
            # The segment spans a change of speaker: split it where the words' speakers change.
            cues.extend(_split_by_word_speaker(spoken, speaker, start, end))
            continue
        body = segment.get("text")
        if not isinstance(body, str):
            body = " ".join(w["word"].strip() for w in spoken)
        if body.strip():
            cues.append(Cue(start, end, body.strip(), speaker))
    return cues


def _split_by_word_speaker(
    words: list[dict[str, Any]], speaker: str | None, start: float | None, end: float | None
) -> list[Cue]:
    cues: list[Cue] = []
    current: list[str] = []
    who = speaker
    first: float | None = start
    last: float | None = None
    for word in words:
        w_speaker = word.get("speaker") if isinstance(word.get("speaker"), str) else who
        if current and w_speaker != who:
            cues.append(Cue(first, last, " ".join(current), who))
            current, first = [], _number(word.get("start"))
        who = w_speaker
        current.append(word["word"].strip())
        last = _number(word.get("end")) or last
    if current:
        cues.append(Cue(first, end if end is not None else last, " ".join(current), who))
    return [c for c in cues if c.text.strip()]
