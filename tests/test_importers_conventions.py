"""Each document's own labelling convention is inferred: real transcripts in many conventions, nothing lost.

The real documents live in ../shared/realworld (never copied here).  Expected
speakers are checked against what the source itself says, sentence by sentence.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from sayso.corpus.importers import parse_path, parse_text
from sayso.corpus.importers.clean import document_scripts, drop_invisible, is_mojibake
from sayso.corpus.importers.cues import strip_tags
from sayso.corpus.importers.detect import detect_format
from sayso.corpus.importers.encoding import decode_bytes
from sayso.corpus.importers.grammar import PatternError, compile_pattern
from sayso.corpus.importers.html import html_to_text
from sayso.corpus.models import ParsedDocument

SHARED = Path(__file__).resolve().parents[2] / "shared"
REAL = SHARED / "realworld"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/realworld not found beside the repository")


def doc_of(name: str) -> ParsedDocument:
    return parse_path(REAL / name)


def said_by(doc: ParsedDocument, words: str) -> str | None:
    """The speaker of the first passage holding `words` (spacing folded)."""
    want = " ".join(words.split())
    for p in doc.passages:
        if want in " ".join(p.text.split()):
            return p.speaker
    raise AssertionError(f"{words!r} is in no passage")


# -- court transcripts converted from PDF ---------------------------------------------------


def test_supreme_court_layout_conversion_line_numbers_and_furniture_stripped() -> None:
    doc = doc_of("scotus-argument-2012-03-27.txt")
    # "IN THE SUPREME COURT OF THE UNITED STATES" heads every argument there: it names the court, not this one.
    assert doc.kind == "hearing" and doc.title == "Scotus argument 2012 03 27"
    assert {"Chief Justice Roberts", "General Verrilli", "Justice Scalia", "Mr. Carvin", "Mr. Clement"} <= set(
        doc.speakers
    )
    assert said_by(doc, "It seems to me that's the same as in my hypothetical.") == "Chief Justice Roberts"
    assert said_by(doc, "I think that's different.") == "General Verrilli"
    for p in doc.passages:
        assert "Alderson Reporting Company" not in p.text and "Official - Subject to Final Review" not in p.text
        assert not re.search(r"\b\d{1,3}:\d{1,2},\d", p.text), "the word index is not speech"
    reasons = {d["reason"] for d in doc.dropped}
    assert {"line numbers", "page header or footer", "page number", "word index"} <= reasons
    assert doc.convention and doc.convention["turns"] >= 360 and doc.convention["confidence"] >= 0.9
    # Every labelled turn in the source is a passage of that speaker, in order.
    raw = (REAL / "scotus-argument-2012-03-27.txt").read_text(encoding="utf-8")
    labels = re.findall(r"^\s*\d+\s+((?:CHIEF )?JUSTICE [A-Z]+|GENERAL [A-Z]+|MR\. [A-Z]+):", raw, re.M)
    spoken = [p.speaker.upper() for p in doc.passages if p.speaker]
    assert spoken == [" ".join(label.split()) for label in labels]


def test_bracketed_page_markers_and_time_markers_are_not_speech() -> None:
    """Printed records set "[[Page S12]]" between paragraphs (even mid-sentence) and "{time} 1117" between
    speeches; a user trial found them inside turns, and as turns of their own. Our own text, record shape."""
    text = (
        "  Mr. ADAMS. Mr. President, I rise to speak about the harbour bill that the\n\n"
        "[[Page S12]]\n\n"
        "committee reported last week. I yield the floor.\n\n"
        "  The PRESIDING OFFICER. The Senator from Maine.\n\n"
        "                              {time}  1117\n\n"
        "  Ms. BAKER. Mr. President, I thank my colleague and support the bill.\n\n"
        "[[Page S13]]\n\n"
        "  Mr. ADAMS. I thank the Senator. [Page 14] is cited in the report.\n\n"
        "  The PRESIDING OFFICER. Without objection, it is so ordered.\n"
    )
    doc = parse_text(text, "record.txt")
    spoken = [(p.speaker, p.text) for p in doc.passages]
    assert not any("[[Page" in t or "{time}" in t for _, t in spoken), spoken
    assert [s for s, _ in spoken if s] == [s for s, _ in spoken]  # no marker became a passage of its own
    assert said_by(doc, "committee reported last week") == said_by(doc, "I rise to speak about the harbour bill")
    assert said_by(doc, "[Page 14] is cited in the report.") == said_by(doc, "I thank the Senator.")  # words, kept
    dropped = {(d["reason"], d["text"]) for d in doc.dropped}
    assert {("page marker", "[[Page S12]]"), ("page marker", "[[Page S13]]"), ("time marker", "{time} 1117")} <= dropped


def test_a_page_break_inside_a_sentence_leaves_no_line_break_in_the_turn() -> None:
    """A user trial quoted "why" / "not?" from a court transcript: the page break between them (its number and
    footer taken off) had become a paragraph break inside the turn, and exports carried it."""
    doc = doc_of("scotus-argument-2002-eldred-v-ashcroft.txt")
    assert any(
        " ".join(p.text.split()) == "Why -- or -- and if you wouldn't, why not?" and "\n" not in p.text
        for p in doc.passages
    )
    for name in ("scotus-argument-2012-03-27.txt", "scotus-argument-2013-maryland-v-king.txt"):
        breaks = [p.text for p in doc_of(name).passages if p.speaker and "\n" in p.text]
        # (a numbered page marks no paragraphs with blank lines: only a heading in capitals keeps its own line)
        assert all(t.split("\n", 1)[1].startswith("ORAL ARGUMENT") for t in breaks), breaks


def test_a_two_page_exports_header_and_footer_are_furniture_not_a_speaker() -> None:
    """An export of two pages (Rev's PDF, pasted): the recording's name and the service's line over each page
    number, the export's footer at the foot of the first page and again at the end of the document.  Twice
    only, but beside both page breaks (or at the document's end): furniture, not a speaker's label over
    "Transcript by Rev.com" nor the last speaker's words."""
    header = "Harbor Commission Public Session (Completed  06/02/24)\nTranscript by Rev.com\n\nPage {} of 2\n\n"
    footer = "This transcript was exported on Jun 02, 2024 - view latest version here.\n\n"
    turns = [
        ("Chair Lindgren", "Okay, we're back on the record for public comment on item seven."),
        ("Maya Ortiz", "Thank you, Chair. I live four blocks from the pier and the idling is bad."),
        ("Chair Lindgren", "Thank you, Ms. Ortiz. Next is Gerald Fenn."),
        ("Gerald Fenn", "Evening. Ship days are thirty percent of my revenue, so I support it."),
        ("Chair Lindgren", "Thank you. Commissioner Adeyemi has a question."),
        ("Commissioner Adeyemi", "Just a quick one: how many passengers come into the district?"),
        ("Gerald Fenn", "On a good day, maybe a third of them. The rest get on buses."),
        ("Chair Lindgren", "Thank you both. Seeing no one else, we'll close public comment."),
    ]
    page = [f"{who} (00:0{k}:00):\n{words}\n\n" for k, (who, words) in enumerate(turns)]
    text = header.format(1) + "".join(page[:4]) + footer + header.format(2) + "".join(page[4:]) + footer
    doc = parse_text(text, "harbor.txt")
    assert [(p.speaker, p.text) for p in doc.passages] == turns
    dropped = [d["text"] for d in doc.dropped]
    assert dropped.count("Transcript by Rev.com") == 2 and dropped.count(footer.strip()) == 2
    # a line said twice in a two-page transcript, once beside a page break, is still said
    said = text.replace("Thank you both. Seeing no one else, we'll close public comment.", turns[0][1])
    assert sum(p.text == turns[0][1] for p in parse_text(said, "harbor.txt").passages) == 2


def test_page_breaks_join_a_sentence_but_keep_paragraphs_and_headings() -> None:
    # Our own text, record shape: a marker mid-sentence, one between paragraphs, one before a heading.
    text = (
        "  Mr. ADAMS. Mr. President, I rise to speak about the harbour bill that the\n\n"
        "[[Page S12]]\n\n"
        "committee reported last week.\n\n"
        "[[Page S13]]\n\n"
        "It is a good bill, and the harbour needs it, as the\n\n"
        "[[Page S14]]\n\n"
        "AMENDMENT NO. 12\n\n"
        "  The PRESIDING OFFICER. The Senator from Maine.\n\n"
        "  Ms. BAKER. Mr. President, I support the bill.\n\n"
        "  Mr. ADAMS. I thank the Senator.\n\n"
        "  The PRESIDING OFFICER. Without objection, it is so ordered.\n"
    )
    doc = parse_text(text, "record.txt")
    paragraphs = next(p.text for p in doc.passages if p.speaker == "Mr. Adams").split("\n")
    assert paragraphs == [
        "Mr. President, I rise to speak about the harbour bill that the committee reported last week.",
        "It is a good bill, and the harbour needs it, as the",  # (a full stop before: a paragraph may end there)
        "AMENDMENT NO. 12",  # (a heading after a break is not the sentence going on)
    ]


def test_a_heading_in_capitals_between_turns_is_a_heading_not_the_last_speakers_words() -> None:
    """A user trial found "MINUTES" and the motion after it credited to the councillor who had just said "Thank
    you.", and "ORAL ARGUMENT OF ..." inside the Chief Justice's turn."""
    council = doc_of("hansard-winnipeg-council-2014-06-25.htm")
    thanks = next(p for p in council.passages if p.speaker == "Councillor Nordman" and p.text.startswith("Thank you"))
    assert thanks.text == "Thank you."
    moved = next(p for p in council.passages if p.text.startswith("Councillor Steen moves that the minutes"))
    assert moved.speaker is None and moved.heading == "MINUTES"  # (the chair's procedure: said by no one named)
    eldred = doc_of("scotus-argument-2002-eldred-v-ashcroft.txt")
    assert said_by(eldred, "We'll hear argument now in Number 01-618") == "Chief Justice Rehnquist"
    assert not any("ORAL ARGUMENT" in p.text for p in eldred.passages if p.speaker)
    opening = next(p for p in eldred.passages if p.heading and p.heading.startswith("ORAL ARGUMENT OF LAWRENCE"))
    assert opening.heading == "ORAL ARGUMENT OF LAWRENCE LESSIG ON BEHALF OF THE PETITIONERS"  # (over two lines)
    assert opening.speaker == "Mr. Lessig" and opening.text.startswith("Mr. Chief Justice, may it please")
    assert eldred.title == "Scotus argument 2002 eldred v ashcroft"  # (a heading between turns is not the title)


def test_capitals_inside_a_sentence_or_as_labels_are_not_headings() -> None:
    # Our own text: a wrapped line in capitals mid-sentence stays the speaker's; labels alone on their line in
    # capitals (a script's convention) are labels.
    inline = parse_text(
        "Ann Lee: We met the people from\nNATO AND THE UNITED NATIONS\nin March, and they agreed.\n"
        "Bo Chen: Did they?\nAnn Lee: They did.\nBo Chen: Good.\n",
        "talk.txt",
    )
    assert said_by(inline, "NATO AND THE UNITED NATIONS") == "Ann Lee"
    assert not any(p.heading for p in inline.passages)
    alone = parse_text(
        "JOHN SMITH\nWe met them in March, after the long winter.\n\nMARY JONES\nDid they agree to the plan?\n\n"
        "JOHN SMITH\nThey did, in the end.\n\nMARY JONES\nGood. Then we go ahead.\n\nJOHN SMITH\nWe do.\n\n"
        "MARY JONES\nFine.\n",
        "script.txt",
    )
    assert [p.speaker for p in alone.passages] == ["John Smith", "Mary Jones"] * 3
    assert not any(p.heading for p in alone.passages)


def test_lines_in_capitals_that_are_not_a_records_headings_stay_words() -> None:
    # Our own texts, from a review: a closing line, a transcript all in capitals, one cue in a conversation,
    # and a name at the top of a page after a break.
    closing = parse_text(
        "Ann Lee: Hello there, how are you.\nBo Chen: Fine thanks, and you.\nAnn Lee: Bye now.\n"
        "END OF RECORDING\nTRANSCRIPT BY RIVERSIDE\n",
        "show.txt",
    )
    words = " ".join(p.text for p in closing.passages)
    assert "END OF RECORDING" in words and "TRANSCRIPT BY RIVERSIDE" in words  # (nothing lost)
    turns = "".join(f"Ann Lee: Question {i}.\nBo Chen: Answer {i}.\n" for i in range(5))
    sections = parse_text(
        f"Ann Lee: Hello there.\nPART ONE\n{turns}PART TWO\n{turns}Ann Lee: Bye now.\nEND OF RECORDING\n01:02:03\n",
        "show.txt",
    )
    assert [p.heading for p in sections.passages if p.heading] == ["PART ONE", "PART TWO"]
    assert sections.passages[-1].text == "END OF RECORDING"  # (a heading with nothing after it keeps its words)
    shouted = parse_text(
        "JOHN: GOOD EVENING AND WELCOME TO THE SHOW.\nTHIS IS THE NEWS AT SIX\nTONIGHT WE HAVE A BIG STORY\n"
        "MARY: THANK YOU. THE FIRE STARTED AT NOON.\nFIREFIGHTERS ARRIVED QUICKLY\nJOHN: THANK YOU MARY.\n"
        "MARY: YOU ARE WELCOME.\n",
        "captions.txt",
    )
    assert not any(p.heading for p in shouted.passages)
    assert said_by(shouted, "THIS IS THE NEWS AT SIX") == said_by(shouted, "GOOD EVENING AND WELCOME")
    cue = parse_text(
        "Host: Welcome back everyone.\nMUSIC PLAYING\nSo today we are talking about bees.\n"
        "Guest: Thanks for having me.\nHost: Great.\nGuest: Yes.\n",
        "podcast.txt",
    )
    assert said_by(cue, "So today we are talking about bees.") == "Host"  # (one line in capitals: no record)
    paged = parse_text(
        "Ann Lee\nWe talked about it for a while\n\n[Page 2]\n\nBen Ng\nI remember that well, it was long.\n\n"
        "Ann Lee\nIt was.\n\nBen Ng\nIndeed.\n",
        "paged.txt",
    )
    assert said_by(paged, "I remember that well") == "Ben Ng"  # (a name after a break keeps its blank line)


def test_supreme_court_layout_conversion_2013() -> None:
    doc = doc_of("scotus-argument-2013-maryland-v-king.txt")
    assert said_by(doc, "It does, Mr. Chief Justice.") == "Ms. Winfree"
    assert said_by(doc, "procedure limits the collection to certain violent") == "Chief Justice Roberts"
    assert "Official" not in {p.text for p in doc.passages}


def test_pre_2004_court_style_questions_from_the_bench() -> None:
    doc = doc_of("scotus-argument-2002-eldred-v-ashcroft.txt")
    assert said_by(doc, "Justice, we are not making an empirical claim at all.") == "Mr. Lessig"
    assert said_by(doc, "I just don't see any empirical evidence for that.") == "Questioner"
    assert all("1-800-FOR-DEPO" not in p.text for p in doc.passages)


# -- legislative records ---------------------------------------------------------------------


def test_congressional_record_period_labels_and_an_inserted_interview() -> None:
    doc = doc_of("crec-house-2005-07-20-H6117.htm")
    assert doc.kind == "hearing"
    counts = {n: sum(1 for p in doc.passages if p.speaker == n) for n in doc.speakers}
    assert counts["Mr. Lantos"] >= 40
    # The chair, named when it changes hands ("The Acting CHAIRMAN (Mr. Shaw).") and then by office alone: each
    # of those turns is the member in the chair's, the office their role.
    chairs = ("The Acting Chairman", "Mr. Shaw", "Mr. Latham", "Mr. Kolbe")
    assert all(counts[c] >= 5 for c in chairs) and sum(counts[c] for c in chairs) >= 40
    assert said_by(doc, "The gentleman from Alabama (Mr. Everett) is recognized") == "Mr. Shaw"
    # The record quotes an interview written "Hansen: ..."; both conventions are read.
    assert said_by(doc, "Is the gentleman from New Jersey acting as the") == "The Acting Chairman"
    assert said_by(doc, "Do you believe that Taylor himself was personally") == "Hansen"
    senate = doc_of("crec-senate-2005-07-20-S8536.htm")
    assert {"The Presiding Officer", "Mr. Warner", "Mr. Levin"} <= set(senate.speakers)


def test_gpo_hearing_mixed_case_record_labels() -> None:
    doc = doc_of("gpo-house-hearing-2008-auto-industry.htm")
    assert said_by(doc, "This hearing will come to order.") == "The Chairman"
    assert said_by(doc, "Members will be held strictly") == "The Chairman"
    assert said_by(doc, "Mr. Chairman, we meet today again with") == "Mr. Kanjorski"
    assert sum(1 for p in doc.passages if p.speaker == "The Chairman") >= 90
    assert max(len(p.text) for p in doc.passages) < 20000
    assert "Graphic" not in doc.speakers


def test_hansard_name_stop_dash_labels() -> None:
    doc = doc_of("hansard-fiji-2021-03-25.html")
    assert said_by(doc, "I now invite the Chairperson of the Standing Committee") == "Hon. Speaker"
    assert said_by(doc, "Mr: Speaker, Sir, I second the motion.") == "Hon. J. Sigarara"
    assert all(not s.endswith((".", "-")) for s in doc.speakers)
    assert all("Page 51" not in p.text for p in doc.passages)
    council = doc_of("hansard-winnipeg-council-2014-06-25.htm")
    assert said_by(council, "We'll now move on to delegations.") == "Madam Speaker"
    assert all(p.text != "COUNCIL OF THE CITY OF WINNIPEG" for p in council.passages)


# -- machine transcripts -----------------------------------------------------------------------


def test_diarised_bracket_labels_with_times() -> None:
    doc = doc_of("oxide-debugging-odyssey.md")
    raw = (REAL / "oxide-debugging-odyssey.md").read_text(encoding="utf-8")
    labels = re.findall(r"^\[(Speaker \d+)\] \[([\d:]+)\]", raw, re.M)
    assert [p.speaker for p in doc.passages] == [l[0] for l in labels]
    assert [p.start for p in doc.passages][:3] == [
        int(t.split(":")[0]) * 60 + int(t.split(":")[1]) for _, t in labels[:3]
    ]
    assert doc.convention and doc.convention["shape"] == "bracket"


def test_whisperx_json_diarised_speakers_become_numbered_placeholders() -> None:
    doc = doc_of("whisperx-seattle-school-board-a95KMDHf4vQ.json")
    data = json.loads((REAL / "whisperx-seattle-school-board-a95KMDHf4vQ.json").read_text(encoding="utf-8"))
    assert all(re.fullmatch(r"Speaker \d+", s) for s in doc.speakers)
    assert said_by(doc, "will read the audit announcement into the record") == "Speaker 12"  # SPEAKER_11
    first = data["segments"][0]
    assert doc.passages[0].start == pytest.approx(float(first["start"]))


def test_whisper_json_without_speakers_reads_as_paragraphs() -> None:
    doc = doc_of("whisper-openai-fairfax-council-2026-04-07-seg003.json")
    assert not doc.speakers and all(p.speaker is None for p in doc.passages)
    assert len(doc.passages) >= 10 and max(len(p.text.split()) for p in doc.passages) <= 250
    assert all(p.start is not None for p in doc.passages)


def test_other_json_is_refused_in_one_line(tmp_path: Path) -> None:
    from sayso.corpus.errors import ImportRefused

    path = tmp_path / "settings.json"
    path.write_text('{"theme": "dark", "items": [1, 2]}', encoding="utf-8")
    with pytest.raises(ImportRefused) as err:
        parse_path(path)
    assert "not a transcript sayso knows" in str(err.value) and "\n" not in str(err.value)
    # a list of settings, or of posts, has words but no one who says them and no time: no transcript either
    for data in ([{"id": 1, "name": "dark-mode", "value": "enabled"}, {"id": 2, "name": "font", "value": "serif"}],
                 {"posts": [{"title": "A", "content": "First post."}, {"title": "B", "content": "Second."}]}):  # fmt: skip
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(ImportRefused):
            parse_path(path)


def _json_document(path: Path, data: object) -> ParsedDocument:
    """`data` written as a JSON file at `path`, imported."""
    path.write_text(json.dumps(data), encoding="utf-8")
    return parse_path(path)


def test_segments_under_speaker_ids_take_the_names_the_json_lists(tmp_path: Path) -> None:
    """A podcast tool's JSON: Whisper-like "segments" under speaker ids ("S1"), and a list of who the ids are,
    with the episode's title.  The segments are the named people's, split words and all; an id the list does not
    name stays as it is."""
    data = {
        "title": "Radio Nord  episode 12",
        "speakers": [{"id": "S1", "name": "Ines Moreau", "role": "host"}, {"id": "S2", "name": "Kofi Mensah"}],
        "segments": [
            {"start": 0.0, "end": 3.0, "speaker": "S1", "text": "Welcome back. Kofi, you built the kiosk?"},
            {"start": 3.0, "end": 6.0, "speaker": "S2", "text": "I did, with my neighbours."},
            {"start": 6.0, "end": 9.0, "speaker": "S1", "text": "Who pays?",
             "words": [{"word": "Who", "speaker": "S1"}, {"word": "pays?", "speaker": "S1"},
                       {"word": "Nobody.", "speaker": "S2"}]},
            {"start": 9.0, "end": 11.0, "speaker": "S3", "text": "Can I add something?"},
        ],
    }  # fmt: skip
    doc = _json_document(tmp_path / "episode12.json", data)
    assert doc.title == "Radio Nord episode 12"
    assert [(p.speaker, p.text) for p in doc.passages] == [
        ("Ines Moreau", "Welcome back. Kofi, you built the kiosk?"), ("Kofi Mensah", "I did, with my neighbours."),
        ("Ines Moreau", "Who pays?"), ("Kofi Mensah", "Nobody."), ("S3", "Can I add something?"),
    ]  # fmt: skip


def test_other_tools_lists_of_people_name_the_segments(tmp_path: Path) -> None:
    """An API's "speakers" keyed by "label" with a "display_name" (its segments gave "Speaker 1" for "spk_0"),
    and a podcast editor's "participants" under another key, the segments' "participantId", "body" and a clock
    "startTime" (refused as no transcript before)."""
    api = {
        "speakers": [{"label": "spk_0", "display_name": "Rina Wulandari", "role": "host"},
                     {"label": "spk_1", "display_name": "Bayu Pratama", "role": "guest"}],
        "segments": [
            {"start": 0.8, "end": 9.5, "speaker": "spk_0", "text": "Halo semuanya, selamat datang kembali."},
            {"start": 9.9, "end": 15.2, "speaker": "spk_1", "text": "Halo Mbak Rina, halo teman-teman."},
        ],
    }  # fmt: skip
    doc = _json_document(tmp_path / "api.json", api)
    assert [p.speaker for p in doc.passages] == ["Rina Wulandari", "Bayu Pratama"]
    editor = {
        "episode": {"show": "La Sobretaula", "number": 112},
        "participants": [{"id": "p1", "name": "Marta Puig i Soler", "role": "presentadora"},
                         {"id": "p2", "name": "Jordi Vilaró", "role": "convidat"}],
        "segments": [
            {"startTime": "00:00:03.120", "endTime": "00:00:14.170", "participantId": "p1", "body": "Bon dia!"},
            {"startTime": "00:00:14.470", "endTime": "00:00:18.550", "participantId": "p2", "body": "Bon dia, Marta."},
            {"startTime": "00:01:02.000", "endTime": "00:01:05.000", "participantId": "p1", "body": "Comencem."},
        ],
    }  # fmt: skip
    doc = _json_document(tmp_path / "editor.json", editor)
    assert [(p.speaker, p.start) for p in doc.passages] == [
        ("Marta Puig i Soler", 3.12), ("Jordi Vilaró", 14.47), ("Marta Puig i Soler", 62.0),
    ]  # fmt: skip


def test_a_telegram_chat_export_is_read(tmp_path: Path) -> None:
    """Telegram Desktop's JSON export: the chat's name, its messages under "from", text as a string or as pieces
    of marked-up text, and the group's notices ("type": "service") that are no one's words."""
    chat = {
        "name": "Allotment 14",
        "type": "private_group",
        "messages": [
            {"id": 1, "type": "service", "actor": "Ada Park", "action": "create_group", "text": ""},
            {"id": 2, "type": "message", "date": "2024-03-08T15:05:00", "from": "Ada Park", "text": "Who has the key?"},
            {"id": 3, "type": "message", "date": "2024-03-08T15:07:00", "from": "Ben Cho",
             "text": ["I do, ", {"type": "bold", "text": "until Friday"}, "."]},
            {"id": 4, "type": "service", "actor": "Cara Diaz", "action": "invite_members", "text": ""},
            {"id": 5, "type": "message", "date": "2024-03-08T15:09:00", "from": "Ada Park", "text": "Thanks!"},
        ],
    }  # fmt: skip
    doc = _json_document(tmp_path / "result.json", chat)
    assert doc.title == "Allotment 14"
    # a piece with no text of its own (a custom emoji's, a poll's) leaves the message its other words
    emoji = {"id": 6, "type": "message", "from": "Ben Cho", "text": ["See you ", {"type": "custom_emoji"}]}
    more = {**chat, "messages": [*chat["messages"], emoji]}
    assert _json_document(tmp_path / "result2.json", more).passages[-1].text == "See you"
    assert [(p.speaker, p.text) for p in doc.passages] == [
        ("Ada Park", "Who has the key?"), ("Ben Cho", "I do, until Friday."), ("Ada Park", "Thanks!"),
    ]  # fmt: skip


def test_meeting_tools_json_of_utterances_is_read(tmp_path: Path) -> None:
    """Meeting tools export a list of utterances, each with its words, speaker and time, under keys of their
    own: Fireflies' "sentences" with "speaker_name" and "startTime" (seconds), AssemblyAI's "utterances" with
    a speaker letter and milliseconds, Rev's "monologues" of "elements"."""
    fireflies = {
        "title": "Redactieoverleg",
        "speakers": [{"id": 0, "name": "Sanne de Vries"}, {"id": 1, "name": "Bram Jansen"}],
        "sentences": [
            {"index": 0, "sentence": "Goedemiddag allemaal.", "startTime": 1.2, "endTime": 3.0, "speaker_id": 0,
             "speaker_name": "Sanne de Vries"},
            {"index": 1, "sentence": "Dank je, Sanne.", "startTime": 3.5, "endTime": 5.0, "speaker_id": 1,
             "speaker_name": "Bram Jansen"},
            {"index": 2, "sentence": "Bram, de cijfers?", "startTime": 5.5, "endTime": 7.0, "speaker_id": 0,
             "speaker_name": "Sanne de Vries"},
        ],
    }  # fmt: skip
    path = tmp_path / "fireflies.json"
    path.write_text(json.dumps(fireflies), encoding="utf-8")
    doc = parse_path(path)
    assert doc.title == "Redactieoverleg"
    assert [(p.speaker, p.text, p.start) for p in doc.passages] == [
        ("Sanne de Vries", "Goedemiddag allemaal.", 1.2), ("Bram Jansen", "Dank je, Sanne.", 3.5),
        ("Sanne de Vries", "Bram, de cijfers?", 5.5),
    ]  # fmt: skip
    assembly = {"utterances": [{"speaker": "A", "text": "Welcome.", "start": 1200, "end": 98000},
                               {"speaker": "B", "text": "Thanks.", "start": 98500, "end": 99900}]}  # fmt: skip
    path.write_text(json.dumps(assembly), encoding="utf-8")
    assert [(p.text, p.start) for p in parse_path(path).passages] == [("Welcome.", 1.2), ("Thanks.", 98.5)]
    rev = {"monologues": [{"speaker_name": "Ada Park", "elements": [{"value": "Hello"}, {"value": ","}, {"value": " "},
                                                                     {"value": "there"}, {"value": "."}]},
                          {"speaker_name": "Ben Cho", "elements": [{"value": "Hi"}, {"value": "."}]}]}  # fmt: skip
    path.write_text(json.dumps(rev), encoding="utf-8")
    assert [(p.speaker, p.text) for p in parse_path(path).passages] == [
        ("Ada Park", "Hello, there."),
        ("Ben Cho", "Hi."),
    ]
    # the same list in an API's answer, three levels down (Fireflies' GraphQL: data / transcript / sentences),
    # with its title there too: it was refused as "JSON that is not a transcript"
    path.write_text(json.dumps({"data": {"transcript": fireflies}}), encoding="utf-8")
    doc = parse_path(path)
    assert doc.title == "Redactieoverleg"
    assert [p.speaker for p in doc.passages] == ["Sanne de Vries", "Bram Jansen", "Sanne de Vries"]


def test_whisperx_srt_labels() -> None:
    srt = (
        "1\n00:00:00,000 --> 00:00:02,000\n[SPEAKER_00]: Welcome back to the show.\n\n"
        "2\n00:00:02,000 --> 00:00:04,000\n[SPEAKER_01]: Thanks for having me.\n\n"
        "3\n00:00:04,000 --> 00:00:06,000\n[SPEAKER_00]: Let's begin.\n"
    )
    doc = parse_text(srt, "ep.srt")
    assert [(p.speaker, p.text) for p in doc.passages] == [
        ("Speaker 1", "Welcome back to the show."),
        ("Speaker 2", "Thanks for having me."),
        ("Speaker 1", "Let's begin."),
    ]


# -- subtitles and screenplays ---------------------------------------------------------------


def test_captions_without_speakers_become_paragraphs_not_one_passage() -> None:
    for name in ("council-captions-2026-06-25.vtt", "youtube-autocaption-ru-cooking.vtt"):
        doc = doc_of(name)
        assert not doc.speakers, name
        assert len(doc.passages) >= 3, name
        assert max(len(p.text.split()) for p in doc.passages) <= 250, name


def test_fountain_screenplays_cues_dialogue_and_action() -> None:
    doc = doc_of("screenplay-brick-and-steel.fountain")
    assert doc.kind == "script" and doc.title.startswith("BRICK & STEEL")
    assert said_by(doc, "Are they cold?") == "Brick"
    assert said_by(doc, "Does a bear crap in the woods?") == "Steel"
    assert said_by(doc, "Steel sits.") is None  # action
    assert said_by(doc, "EXT. BRICK'S PATIO - DAY") is None  # scene heading
    assert not any(name.endswith(")") or "TO:" in name.upper() for name in doc.speakers)
    memory = doc_of("screenplay-my-living-memory.fountain")
    assert said_by(memory, "He's down for his nap.") == "Joe"
    assert said_by(memory, "He didn't argue?") == "Kate"
    card = doc_of("screenplay-the-last-birthday-card.fountain")
    assert card.title == "THE LAST BIRTHDAY CARD"
    assert "Scott" in card.speakers


# -- inference on small documents ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Alice Example: Hello there, how are you?\n\nBob Example: Fine, thanks.\n\nAlice Example: Good.\n",
            [
                ("Alice Example", "Hello there, how are you?"),
                ("Bob Example", "Fine, thanks."),
                ("Alice Example", "Good."),
            ],
        ),
        ("ALICE: Hi.\n\nBOB: Hello.\n\nALICE: Bye.\n", [("Alice", "Hi."), ("BOB", "Hello."), ("Alice", "Bye.")]),
        (
            "The Chairman. The committee will come to order.\nMr. Smith. Thank you.\nThe Chairman. Proceed.\n",
            [
                ("The Chairman", "The committee will come to order."),
                ("Mr. Smith", "Thank you."),
                ("The Chairman", "Proceed."),
            ],
        ),
        (
            "[Speaker 1] [00:00] Hi.\n[Speaker 2] [00:02] Hello.\n[Speaker 1] [00:04] Bye.\n",
            [("Speaker 1", "Hi."), ("Speaker 2", "Hello."), ("Speaker 1", "Bye.")],
        ),
    ],
)
def test_inferred_conventions(text: str, expected: list[tuple[str, str]]) -> None:
    doc = parse_text(text, "t.txt")
    assert [(p.speaker, p.text) for p in doc.passages] == expected


def test_prose_colons_are_not_speakers() -> None:
    doc = parse_text("Note: this is prose.\n\nThe point is this: we go.\n\nSo it is.\n", "essay.txt")
    assert not doc.speakers and doc.convention and doc.convention["shape"] == "none"


def test_an_unexplained_label_shape_is_warned_about_not_guessed() -> None:
    lines = "\n".join(f"<<P{i % 3}>> 00:{i:02d} words number {i} here" for i in range(20))
    doc = parse_text(lines, "odd.txt")
    assert not doc.speakers
    assert any("no speaker convention fits" in w for w in doc.warnings)
    # The warning names no command: the convention says it is unknown, and a front end offers its own way
    # to state it (`sayso import --labels`, the app's Speaker labels field).
    assert doc.convention and doc.convention["shape"] == "unknown"
    assert not any("sayso " in w for w in doc.warnings)


def test_labels_pattern_states_the_convention() -> None:
    lines = "\n".join(f"<<P{i % 3}>> 00:{i:02d} words number {i} here" for i in range(6))
    doc = parse_text(lines, "odd.txt", labels="<<{speaker}>> {time} {text}")
    assert [p.speaker for p in doc.passages] == ["P0", "P1", "P2", "P0", "P1", "P2"]
    assert doc.passages[1].text == "words number 1 here" and doc.passages[1].start == 1.0
    assert doc.convention and doc.convention["shape"] == "pattern"
    with pytest.raises(PatternError):
        compile_pattern("{text} only")


# -- nothing lost ----------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]{3,}")


def _words(text: str) -> set[str]:
    # (as a reader sees them: a soft hyphen inside a word is not a break; see importers.clean.drop_invisible)
    return {w.casefold() for w in _WORD.findall(drop_invisible(text))}


def _body(path: Path) -> str:
    """The source's body as a reader sees it: markup and cue syntax removed, nothing else."""
    text = decode_bytes(path.read_bytes(), path.name).text
    if path.suffix == ".json":
        return " ".join(str(s.get("text", "")) for s in json.loads(text)["segments"])
    fmt = detect_format(text, path.suffix)
    if fmt == "html":
        return html_to_text(text)[0]
    if fmt in {"vtt", "srt"}:
        cues = re.split(r"\n\s*\n", text)
        return "\n".join(strip_tags(c.split("-->", 1)[1].split("\n", 1)[-1]) for c in cues if "-->" in c)
    return text


def _shared_files() -> list[Path]:
    return [
        f
        for d in ("seeds", "realworld")
        if (SHARED / d).is_dir()  # (collected even where ../shared is absent: the module then skips)
        for f in sorted((SHARED / d).iterdir())
        if f.is_file() and f.name != "SOURCES.md"
    ]


@pytest.mark.parametrize("path", _shared_files(), ids=lambda p: p.name)
def test_every_word_of_every_shared_document_is_kept_or_recorded(path: Path) -> None:
    doc = parse_path(path)
    kept = " ".join(
        [p.text + " " + (p.heading or "") for p in doc.passages]
        + [d["text"] for d in doc.dropped]
        + [doc.title]
        + list(doc.speakers)
        + [a for aliases in doc.speakers.values() for a in aliases]
    )
    body = _body(path)
    roles = {w.casefold() for w in re.findall(r",\s*([A-Za-z]+)\s*:", body)}  # "NAME, MODERATOR:"
    missing = _words(body) - _words(kept) - roles
    assert not missing, f"{path.name}: words neither in a passage nor recorded as left out: {sorted(missing)[:10]}"


# -- properties ------------------------------------------------------------------------------

_names = st.sampled_from(["Ada Park", "BEN", "Mr. SMITH", "The Chairman", "Speaker 1", "Dr. Ng", "[Speaker 2]"])
_seps = st.sampled_from([": ", ". ", "\n", " "])
_say = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_names, _seps, _say), min_size=1, max_size=12), st.sampled_from(["\n", "\n\n"]))
@example([("Ada Park", ": ", "Â²Â\xa0")], "\n")  # (a failure hypothesis found once: garbled bytes, repaired)
@example([("Ada Park", ": ", "ÄµA")], "\n")  # (another: a two-letter run of garbled bytes)
def test_inference_never_raises_never_loses_a_word_and_is_stable(turns: list[tuple[str, str, str]], gap: str) -> None:
    # (garbled bytes are repaired or set aside as unreadable, by design: "Â²Â" is UTF-8's "²" read as Latin-1,
    # and "ÄµA" beside Latin text is "ĵA" read so; the importer judges a line against the document's scripts)
    text = gap.join(f"{name}{sep}{said}" for name, sep, said in turns)
    lines = text.splitlines()
    scripts = document_scripts(lines)
    assume(not any(is_mojibake(line, scripts) for line in lines))
    if not text.strip():
        return
    first = parse_text(text, "p.txt")
    again = parse_text(text, "p.txt")
    assert [(p.speaker, p.text) for p in first.passages] == [(p.speaker, p.text) for p in again.passages]
    kept = " ".join(
        [p.text + " " + (p.heading or "") for p in first.passages]
        + [d["text"] for d in first.dropped]
        + [first.title]
        + list(first.speakers)
        + [a for v in first.speakers.values() for a in v]
    )
    label_words = _words(" ".join(name for name, _, _ in turns))
    assert _words(text) - _words(kept) <= label_words | {"speaker"}


def test_angle_bracket_speaker_marks_in_plain_text_are_not_html_and_lose_nothing() -> None:
    text = "".join(f"<<{'AB'[i % 2]}>> 00:0{i} line {i} here\n" for i in range(6))
    doc = parse_text(text, "odd.txt")
    kept = " ".join(p.text for p in doc.passages)
    assert "<<A>> 00:00 line 0 here" in kept and "<<B>> 00:05 line 5 here" in kept  # not read as <a> tags
    assert any("start like '<<A>> 00:00'" in w for w in doc.warnings)
    assert doc.convention and doc.convention["shape"] == "unknown" and doc.convention["confidence"] < 0.5


def test_labels_on_a_cue_file_is_said_to_be_unused() -> None:
    srt = "1\n00:00:00,000 --> 00:00:02,000\nAnn: Hello.\n\n2\n00:00:02,000 --> 00:00:04,000\nBen: Hi.\n"
    doc = parse_text(srt, "ep.srt", labels="{speaker}: {text}")
    assert any("a speaker labels pattern is for text transcripts" in w for w in doc.warnings)


def test_hansard_labels_in_their_own_span_and_srt_name_tags() -> None:
    cook = doc_of("hansard-cook-islands-1998-12-09.html")
    assert said_by(cook, "Who will second the Motion?") == "Mr Speaker"
    assert "Hon. N. Puna" in cook.speakers
    coffee = doc_of("subtitles-srt-name-tags-virtual-coffee-s4e7.srt")
    assert said_by(coffee, "Hello and welcome to") == "Bekah"
    assert set(coffee.speakers) == {"Bekah", "Dan", "Jessica"}


def test_a_file_without_a_header_keeps_its_first_line() -> None:
    doc = parse_text("1 one line\n2 two line\n3 three line\n4 four line\n", "numbered.txt")
    assert doc.title == "Numbered"
    assert [p.text for p in doc.passages] == ["1 one line", "2 two line", "3 three line", "4 four line"]


def test_a_line_of_speech_said_again_near_page_breaks_is_not_page_furniture() -> None:
    """A running header keeps its place beside the page number; a speaker's line said again ("I recognise
    Senator Park.") may fall near page breaks by chance, and is the speaker's, not furniture to drop."""
    call = "The President of the Senate: I recognise Senator Ada Park."
    lines: list[str] = ["THE SENATE", "OFFICIAL REPORT", ""]
    words = ["road", "bridge", "river", "school", "clinic", "market", "harbour", "railway", "airport", "library"]
    for page in range(1, 7):
        turns = []
        for k in range(8):
            turns += [f"Senator Ada Park (Kogi West): Mr President, the {words[(page + k) % 10]} is not repaired."]
            turns += [f"Senator Ben Cho (Kano South): The {words[(page * k) % 10]} matters more to us, I say."]
        # the call near the page's top or its foot, each time at another distance from the page number
        turns.insert((0, len(turns), len(turns) - 1)[page % 3], call)
        lines += [line for turn in turns for line in (turn, "")]
        lines += ["Disclaimer: this version is for information only.", f"Page {page} of 6", "THE SENATE — Tuesday", ""]
    doc = parse_text("\n".join(lines), "senate.txt")
    said = [p.text for p in doc.passages if p.speaker == "The President of the Senate"]
    assert said == ["I recognise Senator Ada Park."] * 6
    assert not any("Disclaimer" in p.text or "THE SENATE — Tuesday" in p.text for p in doc.passages)


def test_a_slack_channel_export_names_each_message_by_its_authors_profile(tmp_path: Path) -> None:
    """Slack's export is a list of messages with the author's id ("user": "U05ELKAR2") and, on most, a profile
    with the real name; notices ("channel_join") are no one's words, and mentions by id read as names. It was
    taken for Whisper's segments (a list of things with "text") and read as no one's, one paragraph."""
    profile = {"U05ELKAR2": "Ελένη Καραγιάννη", "U04NPAP01": "Νίκος Παπαδάκης"}
    messages = [
        {"type": "message", "subtype": "channel_join", "user": "U04NPAP01", "text": "<@U04NPAP01> has joined the channel"},
        {"type": "message", "user": "U05ELKAR2", "text": "Καλημέρα! Status μέχρι το μεσημέρι;", "ts": "1718090265.3",
         "user_profile": {"real_name": profile["U05ELKAR2"], "display_name": "eleni"}},
        {"type": "message", "user": "U04NPAP01", "text": "Frontend έτοιμο.", "ts": "1718090400.1",
         "user_profile": {"real_name": profile["U04NPAP01"]}},
        {"type": "message", "user": "U05ELKAR2", "text": "<@U04NPAP01> ευχαριστώ!", "ts": "1718090500.2"},
        {"type": "message", "subtype": "bot_message", "username": "Jira", "text": "MOUSEIO-212 moved to Done"},
    ]  # fmt: skip
    doc = _json_document(tmp_path / "channel.json", messages)
    assert [(p.speaker, p.text) for p in doc.passages] == [
        ("Ελένη Καραγιάννη", "Καλημέρα! Status μέχρι το μεσημέρι;"),
        ("Νίκος Παπαδάκης", "Frontend έτοιμο."),
        ("Ελένη Καραγιάννη", "@Νίκος Παπαδάκης ευχαριστώ!"),
        ("Jira", "MOUSEIO-212 moved to Done"),
    ]


def _aws_words(*said: tuple[str, str]) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Amazon Transcribe's items for (speaker, words) stretches, a word a second, and its speakers' stretches."""
    items: list[dict[str, object]] = []
    stretches: list[dict[str, object]] = []
    clock = 0.0
    for speaker, words in said:
        stretch: list[dict[str, object]] = []
        for word in words.split():
            mark = word[-1] if word[-1] in ".,?" else ""
            start, end = f"{clock:.3f}", f"{clock + 0.5:.3f}"
            items.append(
                {
                    "start_time": start,
                    "end_time": end,
                    "type": "pronunciation",
                    "alternatives": [{"confidence": "0.99", "content": word.rstrip(".,?")}],
                }
            )
            stretch.append({"start_time": start, "end_time": end, "speaker_label": speaker})
            if mark:
                items.append({"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": mark}]})
            clock += 1.0
        stretches.append(
            {
                "start_time": stretch[0]["start_time"],
                "end_time": stretch[-1]["end_time"],
                "speaker_label": speaker,
                "items": stretch,
            }
        )
    return items, stretches  # fmt: skip


def test_amazon_transcribe_json_reads_word_by_word_with_its_speakers(tmp_path: Path) -> None:
    """Amazon Transcribe answers with the words one by one ("items", punctuation as items of their own) and, apart
    from them, who speaks when ("speaker_labels" stretches listing their words' times). It was refused as JSON
    sayso does not know; now each speaker's stretch is a turn, "spk_0" read as "Speaker 1" (as WhisperX's
    "SPEAKER_00" is), the punctuation on its word."""
    items, stretches = _aws_words(
        ("spk_0", "Hej och välkommen. Jag heter Lina Berg."),
        ("spk_1", "Hej, Lina."),
        ("spk_0", "Hur gick det till?"),
        ("spk_1", "Det var 2015."),
    )
    answer = {"jobName": "radio", "status": "COMPLETED", "results": {
        "transcripts": [{"transcript": "Hej och välkommen. Jag heter Lina Berg. Hej, Lina. Hur gick det till? Det var 2015."}],
        "speaker_labels": {"channel_label": "ch_0", "speakers": 2, "segments": stretches},
        "items": items}}  # fmt: skip
    doc = _json_document(tmp_path / "radio.json", answer)
    assert [(p.speaker, p.text) for p in doc.passages] == [
        ("Speaker 1", "Hej och välkommen. Jag heter Lina Berg."),
        ("Speaker 2", "Hej, Lina."),
        ("Speaker 1", "Hur gick det till?"),
        ("Speaker 2", "Det var 2015."),
    ]
    assert doc.passages[2].start == 9.0  # (its first word's time)
    # a newer answer's "audio_segments" give each stretch whole, with its text
    answer["results"]["audio_segments"] = [
        {"id": 0, "transcript": "Hej och välkommen.", "start_time": "0.0", "end_time": "2.5", "speaker_label": "spk_0"},
        {"id": 1, "transcript": "Hej, Lina.", "start_time": "3.0", "end_time": "4.5", "speaker_label": "spk_1"},
    ]  # fmt: skip
    doc = _json_document(tmp_path / "newer.json", answer)
    assert [(p.speaker, p.text) for p in doc.passages] == [
        ("Speaker 1", "Hej och välkommen."),
        ("Speaker 2", "Hej, Lina."),
    ]
    # channels told apart instead of speakers: "ch_1" is "Channel 2"
    del answer["results"]["audio_segments"], answer["results"]["speaker_labels"]
    answer["results"]["channel_labels"] = {"channels": [
        {"channel_label": "ch_0" if s["speaker_label"] == "spk_0" else "ch_1",
         "items": [{"start_time": w["start_time"], "end_time": w["end_time"]} for w in s["items"]]}
        for s in stretches]}  # fmt: skip
    doc = _json_document(tmp_path / "channels.json", answer)
    assert [p.speaker for p in doc.passages] == ["Channel 1", "Channel 2", "Channel 1", "Channel 2"]


def test_a_table_under_a_few_lines_of_title_with_danish_column_names(tmp_path: Path) -> None:
    """A transcription service's delivery: a title and a delivery note above a tab-separated table whose header
    is in Danish ("Start, Slut, Taler, Tekst"). The header had to be the first line and in English, so the
    table was read as lines of text with no speakers (and a warning)."""
    rows = [
        ("00:00:05,200", "00:00:21,594", "Ordstyrer", "Godaften og velkommen til borgermødet."),
        ("00:00:22,121", "00:00:31,195", "Birthe Nørgaard", "Tak. Jeg bor tæt på det foreslåede område."),
        ("00:00:31,500", "00:00:40,000", "Ordstyrer", "Tak, Birthe. Næste spørgsmål."),
        ("00:00:40,300", "00:00:52,800", "Jens Holm", "Hvad med støjen om natten?"),
    ]
    text = "Borgermøde – Vindmøller\nTransskription leveret af Skrivekraft ApS\n\nStart\tSlut\tTaler\tTekst\n"
    text += "".join("\t".join(row) + "\n" for row in rows)
    path = tmp_path / "borgermode.tsv"
    path.write_text(text, encoding="utf-8")
    doc = parse_path(path)
    assert [(p.speaker, p.text) for p in doc.passages] == [(who, said) for _, _, who, said in rows]
    assert doc.passages[3].start == 40.3


def test_a_timetables_from_and_to_are_no_senders(tmp_path: Path) -> None:
    """A list of objects with "from", "to" and "text" (a timetable) is no chat: "from" names a sender only where
    no "to" stands beside it, as in Telegram's export. The stops were read as two speakers at full confidence."""
    rows = [
        {"from": "Oslo", "to": "Bergen", "text": "departs 10:00"},
        {"from": "Bergen", "to": "Oslo", "text": "departs 12:00"},
    ]
    doc = _json_document(tmp_path / "timetable.json", rows)
    assert not any(p.speaker for p in doc.passages)
