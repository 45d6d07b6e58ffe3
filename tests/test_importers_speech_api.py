"""The JSON answers of speech-to-text services (corpus/importers/speech_api.py).

People keep what Google, Azure, Deepgram, Speechmatics or IBM answered for their recording; each was refused as
JSON sayso does not know.  The answers here are written by these tests in each service's documented shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sayso.corpus.conventions import is_uncertain
from sayso.corpus.errors import ImportRefused
from sayso.corpus.identity import is_placeholder
from sayso.corpus.importers import parse_path, parse_text
from sayso.corpus.models import ParsedDocument

#: (speaker number, words): who says what, a word every half second in the answers below.
SAID = [
    (1, "Buenos días a todos."),
    (2, "Gracias por invitarme, de verdad."),
    (1, "¿Empezamos con el presupuesto?"),
    (2, "Sí."),
]
TEXTS = [words for _, words in SAID]


def _document(tmp_path: Path, name: str, data: object) -> ParsedDocument:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return parse_path(path)


def _timed_words() -> list[tuple[int, str, float, float]]:
    """(speaker, word, start, end) for SAID."""
    out = []
    clock = 0.0
    for speaker, words in SAID:
        for word in words.split():
            out.append((speaker, word, clock, clock + 0.4))
            clock += 0.5
    return out


def _turns(doc: ParsedDocument) -> list[tuple[str | None, str]]:
    return [(p.speaker, p.text) for p in doc.passages]


EXPECTED = [(f"Speaker {n}", words) for n, words in SAID]


def test_google_v1_diarised_answer_reads_the_last_result_that_repeats_every_word(tmp_path: Path) -> None:
    """With diarisation, Google's v1 answer ends with a result repeating every word of the recording with its
    "speakerTag"; the results before it hold the same words without speakers (so each word must be read once)."""
    words = [
        {"startTime": f"{s:.1f}s", "endTime": f"{e:.1f}s", "word": w, "speakerTag": who}
        for who, w, s, e in _timed_words()
    ]
    untagged = [{k: v for k, v in w.items() if k != "speakerTag"} for w in words]
    answer = {
        "results": [
            {"alternatives": [{"transcript": " ".join(TEXTS[:2]), "confidence": 0.9, "words": untagged[:9]}],
             "resultEndTime": "4.5s", "languageCode": "es-es"},
            {"alternatives": [{"transcript": " " + " ".join(TEXTS[2:]), "confidence": 0.9, "words": untagged[9:]}],
             "resultEndTime": "7s", "languageCode": "es-es"},
            {"alternatives": [{"words": words}], "languageCode": "es-es"},
        ]
    }  # fmt: skip
    doc = _document(tmp_path, "google.json", answer)
    assert _turns(doc) == EXPECTED
    assert doc.passages[1].start == 2.0 and doc.passages[1].end == 4.4
    assert doc.convention and doc.convention["turns"] == 4


def test_google_snake_case_times_as_seconds_and_nanos_and_v2_speaker_labels(tmp_path: Path) -> None:
    """The Python client's dict of the same answer writes "start_time" as {"seconds", "nanos"} and
    "speaker_tag"; the v2 API labels each result's own words ("speakerLabel", "startOffset")."""
    snake = [
        {"start_time": {"seconds": int(s), "nanos": round(s % 1 * 1e9)}, "end_time": {"seconds": int(e)},
         "word": w, "speaker_tag": who}
        for who, w, s, e in _timed_words()
    ]  # fmt: skip
    doc = _document(tmp_path, "snake.json", {"results": [{"alternatives": [{"words": snake}]}]})
    assert _turns(doc) == EXPECTED
    assert doc.passages[2].start == 4.5
    v2 = [
        {"startOffset": f"{s}s", "endOffset": f"{e}s", "word": w, "speakerLabel": str(who)}
        for who, w, s, e in _timed_words()
    ]
    halves = [v2[:9], v2[9:]]
    answer = {"results": [{"alternatives": [{"transcript": "…", "words": half}]} for half in halves]}
    assert _turns(_document(tmp_path, "v2.json", answer)) == EXPECTED


def test_google_answer_without_speakers_is_a_passage_per_result_and_channels_told_apart(tmp_path: Path) -> None:
    answer = {
        "results": [
            {"alternatives": [{"transcript": TEXTS[0], "confidence": 0.9}], "resultEndTime": "2s"},
            {"alternatives": [{"transcript": " " + TEXTS[1], "confidence": 0.9}], "resultEndTime": "5.5s"},
        ]
    }
    doc = _document(tmp_path, "plain.json", answer)
    assert [p.speaker for p in doc.passages] == [None]
    assert doc.passages[0].text == " ".join(TEXTS[:2])
    for result, tag in zip(answer["results"], (1, 2)):
        result["channelTag"] = tag
    doc = _document(tmp_path, "channels.json", answer)
    assert _turns(doc) == [("Channel 1", TEXTS[0]), ("Channel 2", TEXTS[1])]
    assert doc.passages[1].start == 2.0  # (where the result before ended)


def test_azure_batch_transcription_phrases_with_speakers_ticks_and_durations(tmp_path: Path) -> None:
    """Azure's "recognizedPhrases": the best of "nBest" displayed, times in ticks of 100 ns (or, without them,
    ISO 8601 durations), listed by channel: read in the order said.  A phrase that failed is left out."""
    phrases = []
    clock = 0.0
    for n, (who, words) in enumerate(SAID):
        phrase = {"recognitionStatus": "Success", "channel": 0, "speaker": who,
                  "nBest": [{"confidence": 0.9, "lexical": words.lower(), "display": words}]}  # fmt: skip
        if n % 2:
            phrase.update(offset=f"PT{clock}S", duration="PT1.5S")
        else:
            phrase.update(offsetInTicks=int(clock * 1e7), durationInTicks=15_000_000)
        phrases.append(phrase)
        clock += 2.0
    phrases.insert(1, {"recognitionStatus": "NoMatch", "channel": 0, "offsetInTicks": 0, "nBest": []})
    answer = {"source": "x.wav", "durationInTicks": 80_000_000, "combinedRecognizedPhrases": [
        {"channel": 0, "display": " ".join(TEXTS)}], "recognizedPhrases": phrases[::-1]}  # fmt: skip
    doc = _document(tmp_path, "azure.json", answer)
    assert _turns(doc) == EXPECTED
    assert [(p.start, p.end) for p in doc.passages] == [(0.0, 1.5), (2.0, 3.5), (4.0, 5.5), (6.0, 7.5)]
    for n, phrase in enumerate(p for p in phrases if p["nBest"]):
        phrase.pop("speaker")
        phrase["channel"] = n % 2
    doc = _document(tmp_path, "stereo.json", answer)
    assert [p.speaker for p in doc.passages] == ["Channel 1", "Channel 2", "Channel 1", "Channel 2"]


def _deepgram(alternative: dict[str, object], channels: int = 1) -> dict[str, object]:
    return {"metadata": {"request_id": "r", "duration": 7.0, "channels": channels},
            "results": {"channels": [{"alternatives": [alternative]} for _ in range(channels)]}}  # fmt: skip


def test_deepgram_paragraphs_else_words_else_the_transcript(tmp_path: Path) -> None:
    """Deepgram counts speakers from 0: its speaker 0 is "Speaker 1"."""
    timed = _timed_words()
    words = [
        {"word": w.lower().strip("¿?.,"), "punctuated_word": w, "start": s, "end": e, "speaker": who - 1}
        for who, w, s, e in timed
    ]
    paragraphs = []
    at = 0
    for who, said in SAID:
        count = len(said.split())
        start, end = timed[at][2], timed[at + count - 1][3]
        paragraphs.append({"sentences": [{"text": said, "start": start, "end": end}], "speaker": who - 1,
                           "start": start, "end": end, "num_words": count})  # fmt: skip
        at += count
    alternative = {"transcript": " ".join(TEXTS).lower(), "confidence": 0.98, "words": words,
                   "paragraphs": {"transcript": "…", "paragraphs": paragraphs}}  # fmt: skip
    assert _turns(_document(tmp_path, "paragraphs.json", _deepgram(alternative))) == EXPECTED
    del alternative["paragraphs"]
    doc = _document(tmp_path, "words.json", _deepgram(alternative))
    assert _turns(doc) == EXPECTED
    assert doc.passages[3].start == timed[-1][2]
    del alternative["words"]
    doc = _document(tmp_path, "transcript.json", _deepgram(alternative))
    assert _turns(doc) == [(None, " ".join(TEXTS).lower())]


def test_speechmatics_words_marks_unknown_speakers_and_sentence_ends(tmp_path: Path) -> None:
    """Speechmatics' json-v2: words and punctuation marks as results of their own, a mark after its word or before
    the next ("¿"), "is_eos" at a sentence's end, and "UU" where it could not tell the speaker: that turn is no one's
    rather than the previous speaker's."""
    results = []
    for who, word, start, end in _timed_words():
        speaker = "UU" if word == "Sí." else f"S{who}"
        if word.startswith("¿"):
            results.append({"type": "punctuation", "start_time": start, "end_time": start, "attaches_to": "next",
                            "alternatives": [{"content": "¿", "confidence": 1, "speaker": speaker}]})  # fmt: skip
            word = word[1:]
        core = word.rstrip(".,?")
        results.append({"type": "word", "start_time": start, "end_time": end,
                        "alternatives": [{"content": core, "confidence": 0.97, "language": "es", "speaker": speaker}]})  # fmt: skip
        if core != word:
            results.append({"type": "punctuation", "start_time": end, "end_time": end, "attaches_to": "previous",
                            "is_eos": word[-1] in ".?", "alternatives": [{"content": word[len(core):], "speaker": speaker}]})  # fmt: skip
    answer = {"format": "2.9", "metadata": {"transcription_config": {"language": "es", "diarization": "speaker"}},
              "results": results}  # fmt: skip
    doc = _document(tmp_path, "speechmatics.json", answer)
    assert _turns(doc) == [*EXPECTED[:3], (None, "Sí.")]


def test_ibm_watson_timestamps_and_speaker_labels(tmp_path: Path) -> None:
    timed = _timed_words()
    results = [{"final": True, "alternatives": [{"transcript": " ".join(TEXTS[:2]).lower(),
                "timestamps": [[w, s, e] for _, w, s, e in timed[:9]]}]},
               {"final": True, "alternatives": [{"transcript": " ".join(TEXTS[2:]).lower(),
                "timestamps": [[w, s, e] for _, w, s, e in timed[9:]]}]}]  # fmt: skip
    labels = [{"from": s, "to": e, "speaker": who - 1, "confidence": 0.5, "final": True} for who, _, s, e in timed]
    doc = _document(tmp_path, "watson.json", {"result_index": 0, "results": results, "speaker_labels": labels})
    assert _turns(doc) == EXPECTED


@pytest.mark.parametrize(
    "data",
    [
        {"results": [{"alternatives": [{"score": 1}]}]},
        {"results": {"channels": [{"alternatives": [{"score": 1}]}]}},
        {"recognizedPhrases": [{"nBest": [{"confidence": 0.5}]}]},
        {"results": [{"type": "word", "alternatives": [{"confidence": 1}]}]},
    ],
)
def test_json_in_a_services_outline_without_words_is_still_refused(tmp_path: Path, data: object) -> None:
    with pytest.raises(ImportRefused, match="not a transcript sayso knows"):
        _document(tmp_path, "data.json", data)


def test_a_word_google_left_without_a_speaker_is_kept_as_no_ones(tmp_path: Path) -> None:
    """Words without a speaker among diarised ones were dropped from the passages, unsaid; they are kept, no
    one's (not the speaker's before them)."""
    words = [
        {"startTime": f"{s:.1f}s", "endTime": f"{e:.1f}s", "word": w, **({"speakerTag": who} if who != 2 else {})}
        for who, w, s, e in _timed_words()
    ]
    doc = _document(tmp_path, "untagged.json", {"results": [{"alternatives": [{"words": words}]}]})
    assert _turns(doc) == [("Speaker 1", TEXTS[0]), (None, TEXTS[1]), ("Speaker 1", TEXTS[2]), (None, TEXTS[3])]


def test_a_speech_tool_s_own_warning_about_its_speakers_is_said() -> None:
    """A diarised JSON transcript carries the tool's warnings beside its segments ("Low speaker-embedding
    separation; speaker assignment may be unreliable.", "Possible label permutation after 300.0s"): the speakers
    were read as sure. Such a remark anywhere outside the segments marks the reading uncertain and is quoted;
    segments' own words saying the same thing are speech, not a remark."""
    segments = [{"start": float(k), "end": k + 0.9, "speaker": f"SPEAKER_0{k % 2}", "text": f"Line {k} of the talk."}
                for k in range(6)]  # fmt: skip
    data = {"diarization_summary": {"warnings": ["Possible label permutation after 300.0s (gain change)."]},
            "segments": segments}  # fmt: skip
    doc = parse_text(json.dumps(data), "ep14.json")
    assert is_uncertain(doc.convention) and "label permutation" in doc.warnings[-1]
    segments[2]["text"] = "Our speaker assignment may be unreliable, he joked."
    assert not is_uncertain(parse_text(json.dumps({"segments": segments}), "ep14.json").convention)


def test_a_support_ticket_s_and_a_chat_export_s_messages_with_their_authors_as_objects() -> None:
    """A support ticket exported as JSON keeps its messages' words under "body" and their authors as objects
    ("from": {"name": "小林", "role": "agent"}), the system's own notices among them ("role": "system", "[自动通知]
    ..."); a Discord export, "content" and "author": {"name", "nickname"}. Neither was read (refused as JSON sayso
    does not know). The authors are the speakers, the system's notices no one's, and not read for a label."""
    ticket = {"subject": "退款申请", "messages": [
        {"from": {"name": "王晓雯", "role": "customer"}, "sent_at": "09:12", "body": "您好，破壁机外箱破损，可以退款吗？"},
        {"from": {"name": "小林", "role": "agent"}, "sent_at": "10:05", "body": "王女士您好，已为您提交退款申请。"},
        {"from": {"name": "系统", "role": "system"}, "sent_at": "10:05", "body": "[自动通知] 工单状态变更为“处理中”。"},
        {"from": {"name": "王晓雯", "role": "customer"}, "sent_at": "20:47", "body": "收到，谢谢。"}]}  # fmt: skip
    doc = parse_text(json.dumps(ticket, ensure_ascii=False), "ticket.json")
    assert [(p.speaker, p.text[:6]) for p in doc.passages] == [
        ("王晓雯", "您好，破壁机"), ("小林", "王女士您好，"), (None, "[自动通知]"), ("王晓雯", "收到，谢谢。")]  # fmt: skip
    discord = {"messages": [{"timestamp": "2024-03-01T19:02", "author": {"name": "ada_p", "nickname": "Ada"},
                             "content": "Who has the dice?"},
                            {"timestamp": "2024-03-01T19:03", "author": {"name": "benc"}, "content": "Me, on my way."},
                            {"timestamp": "2024-03-01T19:04", "author": {"name": "ada_p", "nickname": "Ada"},
                             "content": "Great."}]}  # fmt: skip
    assert [p.speaker for p in parse_text(json.dumps(discord), "export.json").passages] == ["Ada", "benc", "Ada"]
    # (a catalogue's "author" and "body", titled, and a list without a time to each are no messages)
    books = [
        {"title": t, "author": {"name": a}, "body": b, "date": "2020"}
        for t, a, b in [
            ("Emma", "Jane Austen", "A young woman meddles."),
            ("Persuasion", "Jane Austen", "A second chance."),
        ]
    ]
    with pytest.raises(ImportRefused):
        parse_text(json.dumps(books), "catalogue.json")


def test_a_podcast_index_transcript_json_is_read() -> None:
    """The Podcast Index's transcript JSON (podcast:transcript, type application/json): "segments" of "speaker",
    "startTime", "endTime" and "body". Its body is no chat message's, but a time into the recording says it is said."""
    data = {"version": "1.0.0", "segments": [
        {"speaker": "Dimas Pratama", "startTime": 0.4, "endTime": 9.9, "body": "Halo semuanya, selamat datang."},
        {"speaker": "Rina Kusuma", "startTime": 10.2, "endTime": 21.7, "body": "Dan saya Rina. Hari ini kita bahas macet."},
        {"speaker": "Dimas Pratama", "startTime": 22.0, "endTime": 31.9, "body": "Mas Bayu, apa kabar?"},
        {"speaker": "Bayu Santoso", "startTime": 32.3, "endTime": 40.0, "body": "Baik, terima kasih."}]}  # fmt: skip
    doc = parse_text(json.dumps(data), "episode.json")
    assert [(p.speaker, p.start) for p in doc.passages] == [
        ("Dimas Pratama", 0.4), ("Rina Kusuma", 10.2), ("Dimas Pratama", 22.0), ("Bayu Santoso", 32.3)]  # fmt: skip


def test_a_diarization_whose_speaker_thanks_itself_for_having_it_is_doubted() -> None:
    """A WhisperX file whose SPEAKER_00 welcomes the guest and then thanks itself for having it, and says "I love
    that" to its own answer: one id for two people, warned about, not read as one person without a word."""
    said = [("SPEAKER_00", "Hey everyone, welcome to Second Draft. I'm Jess."),
            ("SPEAKER_00", "Tom Hardwick, thanks so much for coming on."),
            ("SPEAKER_00", "Thanks for having me, Jess. It's a real pleasure."),
            ("SPEAKER_01", "So, sixty-two. Walk me through it."),
            ("SPEAKER_01", "Bits and pieces all along. Notebooks, mostly."),
            ("SPEAKER_00", "Every morning. Even Christmas. It took three years."),
            ("SPEAKER_00", "I love that. What was the hardest part?"),
            ("SPEAKER_01", "Letting other people read it.")]  # fmt: skip
    data = {"segments": [{"start": float(k), "end": k + 0.9, "speaker": who, "text": text}
                         for k, (who, text) in enumerate(said)]}  # fmt: skip
    doc = parse_text(json.dumps(data), "episode.json")
    assert is_uncertain(doc.convention) and any("SPEAKER_00" in w for w in doc.warnings)


def test_deepgram_utterances_of_a_recording_transcribed_channel_by_channel() -> None:
    """Deepgram's multichannel answer numbers each channel's speakers from 0: a call centre's agent on channel 0
    and the customer on channel 1 are both "speaker 0", and were read as one speaker (then doubted as a microphone
    shared by several).  Each channel is its own speaker, a placeholder (a different person in each call)."""
    said = [(0, 0, "Thank you for calling, can I take your policy number please?"), (1, 0, "Yes, it's H H eight."),
            (0, 0, "Thank you. And your date of birth?"), (1, 0, "The ninth of June."),
            (1, 1, "Mum, the kettle!"), (0, 0, "Take your time.")]  # fmt: skip
    data = {
        "metadata": {"channels": 2, "duration": 30.0},
        "results": {
            "utterances": [
                {"start": 4.0 * k, "end": 4.0 * k + 3, "channel": c, "speaker": s, "transcript": t}
                for k, (c, s, t) in enumerate(said)
            ]
        },
    }
    doc = parse_text(json.dumps(data), "call.json")
    assert [p.speaker for p in doc.passages] == ["Channel 1", "Channel 2, speaker 1", "Channel 1",
                                                 "Channel 2, speaker 1", "Channel 2, speaker 2", "Channel 1"]  # fmt: skip
    assert not is_uncertain(doc.convention)
    assert is_placeholder("Channel 2, speaker 1") and is_placeholder("Channel 1")


def test_a_speaker_id_the_jsons_list_of_speakers_names_beside_a_number() -> None:
    """Utterances numbered by channel and speaker that also point at the JSON's own list of speakers ("speaker": 0,
    "speaker_id": "A", "speakers": [{"id": "A", "name": "Councillor Joan Avery"}]) go by those names."""
    said = ["The next item is the bus shelter.", "We have two hundred signatures.", "Has highways costed it?"]
    data = {
        "speakers": [{"id": "A", "name": "Councillor Joan Avery"}, {"id": "B", "name": "Mr Peter Lund"}],
        "utterances": [
            {"channel": k % 2, "speaker": 0, "speaker_id": "AB"[k % 2], "start": 4.0 * k, "end": 4.0 * k + 3, "text": t}
            for k, t in enumerate(said)
        ],
    }
    doc = parse_text(json.dumps(data), "council.json")
    assert [p.speaker for p in doc.passages] == ["Councillor Joan Avery", "Mr Peter Lund", "Councillor Joan Avery"]


def test_fewer_voices_than_the_people_the_file_lists_is_said() -> None:
    """A speech-to-text export whose meeting lists three attendees while its utterances carry two voices, "A" and
    "B": a voice is two people there (one voice thanks Helen, then Marcus answers as it), which the file does not
    say. Read as the file gives it, and said, marked uncertain; the same with names, or with as many voices as
    people, is not doubted."""
    said = [("A", "Shall we start? It's the three of us tonight."), ("B", "I've booked the pavilion."),
            ("A", "Thanks Helen. Marcus, are the accounts ready?"), ("B", "Nearly, two bills to go.")]  # fmt: skip
    data = {
        "meeting": {"title": "Allotments committee", "attendees": ["Priya Nair (chair)", "Marcus Webb", "Helen Roe"]},
        "utterances": [
            {"speaker": w, "start_ms": 1000 * k, "end_ms": 1000 * k + 900, "text": t} for k, (w, t) in enumerate(said)
        ],
    }
    doc = parse_text(json.dumps(data), "meeting.json")
    assert [p.speaker for p in doc.passages] == ["A", "B", "A", "B"]
    assert is_uncertain(doc.convention)
    assert any("lists 3 people under 'attendees' but its segments carry 2 voices (A, B)" in w for w in doc.warnings)
    data["meeting"]["attendees"] = data["meeting"]["attendees"][:2]
    assert not parse_text(json.dumps(data), "meeting.json").warnings


def test_a_messenger_export_reads_oldest_first_with_its_text_mended() -> None:
    """Facebook Messenger's JSON export: "participants", then "messages" newest first, each with "sender_name",
    "timestamp_ms" and "content", its text UTF-8 read as Latin-1 ("KÃ¤rnten"). It was refused; now the messages
    are the senders' turns, in the order they were sent, the text as written."""

    def garbled(text: str) -> str:
        return text.encode("utf-8").decode("latin-1")

    said = [("Rūta Petrauskienė", "Ar visi važiuojam šeštadienį?"), ("Tomas Petrauskas", "Taip, aš vairuosiu."),
            ("Rūta Petrauskienė", "Puiku, pasiimsiu užkandžių."), ("Tomas Petrauskas", "Nepamiršk kavos!")]  # fmt: skip
    messages = [
        {"sender_name": garbled(who), "timestamp_ms": 1743000000000 + 60000 * k, "content": garbled(text)}
        for k, (who, text) in enumerate(said)
    ][::-1]
    data = {
        "participants": [{"name": garbled("Rūta Petrauskienė")}, {"name": "Tomas Petrauskas"}],
        "messages": messages,
    }
    doc = parse_text(json.dumps(data), "message_1.json")
    assert [(p.speaker, p.text) for p in doc.passages] == said
