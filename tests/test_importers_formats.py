"""WebVTT, SRT and HTML: detected from content, speakers from voices or labels, tags and entities gone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sayso.corpus.conventions import is_uncertain
from sayso.corpus.errors import ImportRefused
from sayso.corpus.importers import SUPPORTED_SUFFIXES, parse_path, parse_text
from sayso.corpus.importers.detect import detect_format

VTT = """WEBVTT - Ship logs and storms

NOTE
This is a comment block, not a cue.

STYLE
::cue(.loud) { font-weight: bold; }

REGION
id:left width:40%

intro
00:00:01.000 --> 00:00:03.000 align:start position:10%
<v.loud Ana Ruiz>Hello &amp; welcome</v>

00:00:03.500 --> 00:00:05.000
<v Ana Ruiz><i>to</i> the <c.yellow>show</c> <00:00:04.000>today.

00:00:05.000 --> 00:00:07.000
and more from Ana.

00:00:07.000 --> 00:00:09.000
<v Ben Ode>Thanks &lt;3
<v Ana Ruiz>Sure.

00:00:09.500 --> 00:00:11.000
<v Ana Ruiz>One more.
"""


def test_detection_from_content_not_name() -> None:
    assert detect_format(VTT, ".txt") == "vtt"
    assert (
        detect_format("1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\n00:00:02,000 --> 00:00:03,000\nYo\n", ".txt") == "srt"
    )
    assert detect_format("<p><strong>Mr. A</strong>: hi</p><p>x<br>y</p><div>z</div>", ".txt") == "html"
    assert detect_format("Ada: <3 is not a tag. a < b > c", ".html") == "text"
    assert detect_format("Ada Park: Hello.\nBen: Hi.", ".vtt") == "text"


def test_vtt_voices_merging_tags_entities_and_notes() -> None:
    doc = parse_text(VTT, "ship.vtt")
    assert doc.title == "Ship logs and storms"
    got = [(p.speaker, p.text, p.start, p.end) for p in doc.passages]
    assert got == [
        ("Ana Ruiz", "Hello & welcome to the show today. and more from Ana.", 1.0, 7.0),
        ("Ben Ode", "Thanks <3", 7.0, 9.0),
        ("Ana Ruiz", "Sure. One more.", 7.0, 11.0),
    ]
    assert "comment block" not in " ".join(p.text for p in doc.passages)
    assert set(doc.speakers) == {"Ana Ruiz", "Ben Ode"}


def test_vtt_labels_in_cue_text_and_title_from_file_name() -> None:
    vtt = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\nAda: Hi there.\n\n00:02.000 --> 00:03.000\nBen: Hello.\n\n"
        "00:03.000 --> 00:04.000\nstill Ben\n\n00:04.000 --> 00:05.000\nAda: Bye.\n\n00:05.000 --> 00:06.000\nBen: Bye.\n"
    )
    doc = parse_text(vtt, "/tmp/archive_tour-2024.vtt")
    assert [(p.speaker, p.text) for p in doc.passages] == [
        ("Ada", "Hi there."),
        ("Ben", "Hello. still Ben"),
        ("Ada", "Bye."),
        ("Ben", "Bye."),
    ]
    assert doc.title == "Archive tour 2024"


def test_vtt_without_voices_is_subtitles() -> None:
    doc = parse_text(
        "WEBVTT\n\n00:01.000 --> 00:02.000\nJust words.\n\n00:02.000 --> 00:03.000\nMore words.\n", "film.vtt"
    )
    assert doc.kind == "subtitles" and doc.speakers == {}
    assert [p.text for p in doc.passages] == ["Just words. More words."]


def test_subtitle_credits_are_no_ones_words() -> None:
    """A subtitle file's last cue credits who made it ("Untertitel: Happy Scribe", "Korrektur: ..."): it was read
    as a speaker "Untertitel", and the cue before it went to them too. The credits are no one's; the turns are
    their speakers'."""
    srt = (
        "1\n00:00:01,000 --> 00:00:03,000\n[Lena Hof] Willkommen zur Sendung.\n\n"
        "2\n00:00:03,500 --> 00:00:05,000\n[Jan Peters] Danke für die Einladung.\n\n"
        "3\n00:00:05,500 --> 00:00:07,000\n[Lena Hof] Bis zum nächsten Mal.\n\n"
        "4\n00:00:07,500 --> 00:00:08,000\n[Jan Peters] Tschüss!\n\n"
        "5\n00:00:08,500 --> 00:00:10,000\nUntertitel: Happy Scribe\nKorrektur: L. Hof\n"
    )
    doc = parse_text(srt, "werkstatt.srt")
    assert [(p.speaker, p.text) for p in doc.passages][-2:] == [
        ("Jan Peters", "Tschüss!"),
        (None, "Untertitel: Happy Scribe Korrektur: L. Hof"),
    ]
    assert set(doc.speakers) == {"Lena Hof", "Jan Peters"}


def test_a_log_in_columns_laid_out_with_spaces_is_read_by_its_header() -> None:
    """A documentary's selects log: a header naming a timecode, a speaker and a text column, rows under them,
    words going on under the text column, a note between the rows, speakers as codes that the lines above the
    table name. It was refused as "no speaker convention fits" and warned of."""
    log = (
        "HARBOUR WALLS — INTERVIEW LOG\n\nSUBJECT:     Tomasz Wielgosz (TW), harbour pilot\n"
        "INTERVIEWER: Ines Carvalho (IC)\n\n"
        "TC IN         SPKR   TEXT\n" + "-" * 60 + "\n"
        "01:00:02:11   IC     Whenever you are ready. Say your name\n"
        "                     and what you do.\n"
        "01:00:09:03   TW     Tomasz Wielgosz. I bring the ships in.\n"
        "01:00:15:20   IC     How long have you done it?\n"
        "               [GULLS — HOLD]\n"
        "01:00:31:00   TW  ** Thirty years. No, thirty-one.\n"
        "01:00:40:15   IC     That's lovely, cut.\n" + "-" * 60 + "\nEND OF ROLL A003\n"
    )
    doc = parse_text(log, "log.txt")
    said = [(p.speaker, p.text, p.start) for p in doc.passages if p.speaker]
    assert said == [
        ("Ines Carvalho", "Whenever you are ready. Say your name and what you do.", 3602.0),
        ("Tomasz Wielgosz", "Tomasz Wielgosz. I bring the ships in.", 3609.0),
        ("Ines Carvalho", "How long have you done it?", 3615.0),
        ("Tomasz Wielgosz", "Thirty years. No, thirty-one.", 3631.0),
        ("Ines Carvalho", "That's lovely, cut.", 3640.0),
    ]
    assert [p.text for p in doc.passages if p.speaker is None][-2:] == ["[GULLS — HOLD]", "END OF ROLL A003"]
    assert not doc.warnings
    # Prose whose first line happens to hold the words "Speaker" and "Text" with spaces is not a table.
    prose = "Speaker   notes   Text\nThe speaker rose and read the text aloud.\nThen she sat down again.\n"
    assert parse_text(prose, "notes.txt").convention["shape"] != "table"


def test_a_dash_after_a_named_line_of_the_same_caption_is_another_voice() -> None:
    """ "- [MARTHA] I'll look at her how I like." / "- Fine. I'll fix the latch." in one caption: the dash marks
    another voice, yet the second line went to Martha. It is no one's now, and said."""
    srt = (
        "1\n00:00:01,000 --> 00:00:03,000\n[MARTHA] You left the gate open.\n\n"
        "2\n00:00:04,000 --> 00:00:06,000\n[JOE] Don't look at me like that.\n\n"
        "3\n00:00:06,500 --> 00:00:09,000\n- [MARTHA] I'll look how I like.\n- Fine. I'll fix the latch.\n\n"
        "4\n00:00:09,500 --> 00:00:11,000\n[MARTHA] Tomorrow, he says.\n"
    )
    doc = parse_text(srt, "gate.srt")
    assert [(p.speaker, p.text) for p in doc.passages][2:4] == [
        ("Martha", "I'll look how I like."),
        (None, "Fine. I'll fix the latch."),
    ]
    assert any("a dash, the mark for another voice" in w for w in doc.warnings)


def test_srt_labels_and_dialogue_dashes() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:03,000\n- Ana: Hello there.\n- Ben: Hi Ana.\n\n"
        "2\n00:00:03,500 --> 00:00:05,000\n<i>How are you?</i>\n\n"
        '3\n00:00:05,000 --> 00:00:07,000\n<font color="#fff">Ana:</font> Fine, {\\an8}thanks.\n'
    )
    doc = parse_text(srt, "clip.srt")
    assert [(p.speaker, p.text, p.start, p.end) for p in doc.passages] == [
        ("Ana", "Hello there.", 1.0, 3.0),
        ("Ben", "Hi Ana. How are you?", 1.0, 5.0),
        ("Ana", "Fine, thanks.", 5.0, 7.0),
    ]


def test_captions_that_name_a_speaker_in_full_once_then_by_given_name_are_one_speaker() -> None:
    """A quiz show's captions name the host in full at her first line ("ÞÓRA SIGURÐARDÓTTIR:") and by her given
    name after ("ÞÓRA:"): they were two speakers. Where one full name among the captions' speakers fits a given
    name, a surname or an initial and surname, the short form is that speaker's alias; two that fit, none."""
    cues = [("ÞÓRA SIGURÐARDÓTTIR", "Góða kvöldið og velkomin."), ("EGILL", "Gott kvöld, Þóra."),
            ("ÞÓRA", "Fyrsta spurning kvöldsins."), ("ARI STEFÁNSSON", "Hekla!"), ("ÞÓRA", "Hekla er rétt!"),
            ("STEFÁNSSON", "Takk fyrir.")]  # fmt: skip
    srt = "".join(f"{n}\n00:00:{n:02d},000 --> 00:00:{n:02d},900\n{who}: {said}\n\n" for n, (who, said) in
                  enumerate(cues, 1))  # fmt: skip
    doc = parse_text(srt, "quiz.srt")
    assert [p.speaker for p in doc.passages] == ["Þóra Sigurðardóttir", "Egill", "Þóra Sigurðardóttir",
                                                 "Ari Stefánsson", "Þóra Sigurðardóttir", "Ari Stefánsson"]  # fmt: skip
    assert doc.speakers["Þóra Sigurðardóttir"] == ["ÞÓRA"]
    two = parse_text(srt.replace("EGILL:", "ÞÓRA HALLDÓRSDÓTTIR:"), "quiz.srt")
    assert "ÞÓRA" in two.speakers
    # (a short surname in capitals reads like initials: "HOLT" beside "RUTH HOLT" is hers, as "DAVIS" is Ana's; but
    # "AD" beside "ANA DAVIS" is her initials, and only that)
    cues = [("ANA DAVIS", "GOOD EVENING."), ("RUTH HOLT", "THANK YOU, ANA."), ("DAVIS", "MAYOR VANCE?"),
            ("PETER VANCE", "I WAS A MAYOR."), ("HOLT", "MAY I RESPOND?"), ("DAVIS", "THIRTY SECONDS."),
            ("HOLT", "FEWER HOMES.")]  # fmt: skip
    srt = "".join(f"{n}\n00:00:{n:02d},000 --> 00:00:{n:02d},900\n>> {who}: {said}\n\n" for n, (who, said) in
                  enumerate(cues, 1))  # fmt: skip
    assert [p.speaker for p in parse_text(srt, "debate.srt").passages] == [
        "Ana Davis", "Ruth Holt", "Ana Davis", "Peter Vance", "Ruth Holt", "Ana Davis", "Ruth Holt"]  # fmt: skip


def test_captions_that_name_no_one_but_hold_a_conversation_say_so() -> None:
    """Subtitles mark a change of speaker with a dash ("- ¿Y la trajo?" / "- Al revés."), and an automatic caption
    track holds a host's and a guest's words to each other ("thanks for coming in", "thanks for having me"),
    without naming anyone: read without speakers, which is all sayso can do, and said.  A lecture's captions
    are no conversation; captions that name their speakers need no warning."""
    cues = [("- ¿Y los otros pescadores?", "- Al principio se reían."), ("- ¿Y la trajo?", "- Al revés.")]
    srt = "".join(
        f"{k}\n00:00:{2 * k:02d},000 --> 00:00:{2 * k + 1:02d},500\n{a}\n{b}\n\n" for k, (a, b) in enumerate(cues, 1)
    )
    doc = parse_text(srt, "entrevista.srt")
    assert doc.speakers == {} and len(doc.warnings) == 1
    assert doc.warnings[0].startswith("4 caption lines open with a dash or '>>'")
    assert doc.convention is not None and doc.convention["confidence"] <= 0.5
    said = ["so welcome back everybody to the shop", "this is ruth so ruth thanks for coming in",
            "oh thanks for having me it's a treat", "so how did you start making chairs"]  # fmt: skip
    vtt = "WEBVTT\n\n" + "".join(
        f"00:00:{2 * k:02d}.000 --> 00:00:{2 * k + 2:02d}.000\n{t}\n\n" for k, t in enumerate(said)
    )
    warned = parse_text(vtt, "auto.vtt").warnings
    assert len(warned) == 1 and warned[0].startswith("the captions read like a conversation")
    lecture = ["today we look at the carbon cycle", "carbon moves between air, sea and rock", "more on that later"]
    vtt = "WEBVTT\n\n" + "".join(
        f"00:00:{2 * k:02d}.000 --> 00:00:{2 * k + 2:02d}.000\n{t}\n\n" for k, t in enumerate(lecture)
    )
    assert parse_text(vtt, "lecture.vtt").warnings == []
    # Whisper's segments of a radio interview: greetings, questions and replies, no one named
    said = ["Bonjour et bienvenue dans Parlons Sciences.", "Bonjour, merci de m'avoir invitée.",
            "Qu'est-ce que vous avez mesuré là-haut ?", "L'épaisseur du glacier, avec un radar.", "Et le résultat ?",
            "Douze mètres de moins depuis 2015.", "Est-ce qu'il est trop tard ?", "Pour les petits glaciers, oui.",
            "Laquelle ?", "Les jeunes. Ils veulent comprendre.", "Merci beaucoup."]  # fmt: skip
    segments = [{"id": k, "start": 2.0 * k, "end": 2.0 * k + 2, "text": " " + t} for k, t in enumerate(said)]
    whisper = json.dumps({"text": " ".join(said), "segments": segments, "language": "fr"})
    warned = parse_text(whisper, "episode.json").warnings
    assert len(warned) == 1 and warned[0].startswith("the captions read like a conversation")
    # a meeting room's captions, every one under the room's name, replies and questions among them
    room = ["Okay, is the remote link working?", "Yes, we can hear you, a bit of echo.", "Great. Raj, the numbers?",
            "Sure. Revenue came in at 4.1 million.", "Slipped to when?", "They're saying May now.",
            "Do we believe May?", "Yeah, seventy percent.", "Okay. Next item."]  # fmt: skip
    vtt = "WEBVTT\n\n" + "".join(
        f"00:00:{2 * k:02d}.000 --> 00:00:{2 * k + 2:02d}.000\nBoardroom-4F: {t}\n\n" for k, t in enumerate(room)
    )
    warned = parse_text(vtt, "room.vtt").warnings
    assert len(warned) == 1 and warned[0].startswith("every caption is 'Boardroom-4F''s (one microphone or room?)")
    # a narrator's sentences going on after an em dash: one voice, no warning
    story = ["The river was low that year", "—lower than anyone remembered.", "The boats stayed in", "—all of them."]
    srt_story = "".join(f"{k}\n00:00:0{k},000 --> 00:00:0{k},900\n{t}\n\n" for k, t in enumerate(story, 1))
    told = parse_text(srt_story, "story.srt")
    assert told.warnings == [] and "—lower than anyone remembered." in told.passages[0].text
    # the dashes written without a space after them, as Spanish subtitles often are
    tight = parse_text(srt.replace("- ", "-"), "telediario.srt").warnings
    assert len(tight) == 1 and tight[0].startswith("4 caption lines open with a dash")
    # a room's name over three people, one of whom answers another: named turns, and said
    shared = ["Helen Marsh: Can the Denver office hear us?", "DEN-Room-4B: Yes. It's Mark, Shireen and Olu here.",
              "Helen Marsh: Great. Your read on the survey?", "DEN-Room-4B: Turnover intention is thirty-one percent.",
              "DEN-Room-4B: Can I jump in? The response rate was forty percent.",
              "DEN-Room-4B: Sure, but of nine hundred people.", "Helen Marsh: And the office staff?",
              "DEN-Room-4B: Lower, about twelve percent."]  # fmt: skip
    vtt = "WEBVTT\n\n" + "".join(
        f"00:00:{3 * k:02d}.000 --> 00:00:{3 * k + 3:02d}.000\n{t}\n\n" for k, t in enumerate(shared)
    )
    warned = parse_text(vtt, "shared.vtt").warnings
    assert len(warned) == 1 and warned[0].startswith("2 captions under 'DEN-Room-4B' answer the caption before")
    named = srt.replace("- ¿Y los", "- Ana: ¿Y los").replace("- Al principio", "- Rosa: Al principio")
    named = named.replace("- ¿Y la", "- Ana: ¿Y la").replace("- Al revés", "- Rosa: Al revés")
    assert parse_text(named, "named.srt").warnings == []


def test_a_meeting_room_s_device_and_a_vote_s_voices_are_no_one_person() -> None:
    """Teams names a meeting room's device, not the people in it ("Sala Madrid-3 (Sala de reuniones)"): its
    turns are said to be likely several people's; a surname that is a room's word ("Maria Sala") is no room.
    A council's captions mark a vote's voices in brackets ("[ AYES ]"): no speaker."""
    said = [("Laura Gil", "¿Me oís bien desde Madrid?"), ("Sala Madrid-3 (Sala de reuniones)", "Sí, perfectamente."),
            ("Laura Gil", "Marta, ¿los datos?"), ("Sala Madrid-3 (Sala de reuniones)", "Facturación subió un 4%."),
            ("Diego Ferrer", "¿Y los costes?"), ("Sala Madrid-3 (Sala de reuniones)", "Perdona, eso lo llevo yo."),
            ("Laura Gil", "Gracias a todos.")]  # fmt: skip
    vtt = "WEBVTT\n\n" + "".join(
        f"00:00:{3 * k:02d}.000 --> 00:00:{3 * k + 3:02d}.000\n<v {who}>{t}</v>\n\n" for k, (who, t) in enumerate(said)
    )
    warned = parse_text(vtt, "reunion.vtt").warnings
    assert len(warned) == 1 and warned[0].startswith("3 turns are under 'Sala Madrid-3 (Sala de reuniones)', a meeting")
    person = vtt.replace("Sala Madrid-3 (Sala de reuniones)", "Maria Sala")
    assert parse_text(person, "reunion.vtt").warnings == []
    cart = "COUNCIL MEETING\n\n>> ALL IN FAVOR?\n[ AYES ]\n>> OPPOSED?\n>> MOTION CARRIES.\n>> NEXT ITEM.\n"
    cart += ">> THANK YOU.\n[ AYES ]\n>> WE ARE ADJOURNED.\n"
    doc = parse_text(cart, "cart.txt")
    assert all(p.speaker is None for p in doc.passages)


def test_a_meetings_captions_whose_exchanges_are_a_short_stretch_among_long_statements_say_so() -> None:
    """A council's captions: long statements cut into caption lines anywhere, and one stretch where members
    and staff answer each other.  Counted over all the lines, the exchanges are too few to tell a
    conversation from a talk; read as sentences, a stretch at a time, they are plain.  A lecture cut the same
    way, asking its audience a question now and then, stays unwarned; and an Indonesian interview's segments
    greet, ask and answer in its own words."""

    def captions(sentences: list[str]) -> str:
        words = " ".join(sentences).split()
        lines = [" ".join(words[at : at + 7]) for at in range(0, len(words), 7)]  # cut anywhere, as captions are
        return "WEBVTT\n\n" + "".join(
            f"00:{k // 60:02d}:{k % 60:02d}.000 --> 00:{k // 60:02d}:{k % 60:02d}.900\n{t}\n\n"
            for k, t in enumerate(lines)
        )

    statement = [
        f"Item {n} concerns the parking structure on Fifth Street and its maintenance budget for the next "
        "five years, which the finance committee reviewed in detail at its last session."
        for n in range(30)
    ]
    exchange = ["Is that figure the same as last year's?", "Yes, it is the same figure.", "Okay.",
                "And does it include the lighting?", "No, the lighting is separate.", "Right.",
                "Thank you for clarifying that.", "Could we see the lighting costs next month?", "Sure, we can."]  # fmt: skip
    meeting = parse_text(captions(statement[:15] + exchange + statement[15:]), "council.vtt")
    assert meeting.speakers == {} and len(meeting.warnings) == 1
    assert meeting.warnings[0].startswith("the captions read like a conversation")
    assert is_uncertain(meeting.convention)
    lecture = [*statement[:15], "What does that tell us about the budget?", *statement[15:25]]
    lecture += ["So why would a city borrow for it?", *statement[25:], "Thank you."]
    assert parse_text(captions(lecture), "lecture.vtt").warnings == []
    said = ["Selamat pagi, Pak. Terima kasih sudah mau diwawancarai.", "Pagi, Mbak. Silakan duduk.",
            "Bapak sudah berapa lama jadi nelayan?", "Dari tahun delapan puluh tujuh.", "Karena reklamasi itu, Pak?",
            "Reklamasi, limbah pabrik juga.", "Iya, Mbak, solarnya mahal.", "Berapa biaya solar sekali melaut?",
            "Bisa empat ratus ribu.", "Iya.", "Terima kasih banyak, Pak.", "Sama-sama, Mbak."]  # fmt: skip
    segments = [{"id": k, "start": 2.0 * k, "end": 2.0 * k + 2, "text": " " + t} for k, t in enumerate(said)]
    warned = parse_text(json.dumps({"text": " ".join(said), "segments": segments}), "wawancara.json").warnings
    assert len(warned) == 1 and warned[0].startswith("the captions read like a conversation")


def test_html_that_marks_who_speaks_with_a_class_is_read_by_it() -> None:
    """A parliament's page marks each speaker's name with a class of its own ("speaker", Norwegian "ref-navn"):
    a name alone in its element over the speech's paragraphs is that speech's label, however few times the
    person speaks ("Deputy Cian Ó Dálaigh" once); a name followed by its party, time and role in brackets reads
    too.  An element so marked that holds the speech's first words as well (a page's markup gone astray) is left
    as it was."""
    speeches = [("An Ceann Comhairle", "I call Deputy Aoife Ní Bhriain."), ("Deputy Aoife Ní Bhriain", "It failed."),
                ("An Ceann Comhairle", "I call the Taoiseach."), ("The Taoiseach", "It did not."),
                ("Deputy Cian Ó Dálaigh", "That is not true."), ("The Taoiseach", "It is true.")]  # fmt: skip
    page = "<html><body><h1>Leaders' Questions</h1>" + "".join(
        f'<div class="speech"><p class="speaker"><a href="/m/{k}">{who}</a></p><p>{said}</p></div>'
        for k, (who, said) in enumerate(speeches)
    )
    doc = parse_text(page + "</body></html>", "dail.html")
    assert [(p.speaker, p.text) for p in doc.passages if p.speaker] == speeches
    storting = '<p><span class="ref-navn">Presidenten:</span> Ordet går til Ada Lie.</p>'
    storting += '<p><span class="ref-navn">Ada Lie (A) [10:03:30] (ordfører for saken):</span> Takk, president.</p>'
    storting += '<p><span class="ref-navn">Presidenten:</span> Takk.</p>'
    storting += '<p><span class="ref-navn">Ada Lie (A) [10:05:02]:</span> Jeg tar opp forslaget.</p>'
    assert [p.speaker for p in parse_text(storting, "referat.html").passages if p.speaker] == [
        "Presidenten", "Ada Lie", "Presidenten", "Ada Lie"
    ]  # fmt: skip
    astray = '<p><span class="speaker">HON. A. PARK.- Thank you Mr:</span> Speaker, I move the motion.</p>'
    astray += '<p><span class="speaker">HON. B. CHO.:</span> I second it.</p>'
    astray += '<p><span class="speaker">HON. A. PARK.:</span> Thank you.</p>'
    assert parse_text(astray, "hansard.html").passages[0].text.startswith("Thank you Mr: Speaker, I move")


def test_a_web_interview_whose_questions_are_bold_paragraphs(tmp_path: Path) -> None:
    """News sites print an interview's questions as paragraphs in bold (<strong>), the answers plain below,
    the interviewer in the byline: read as the bold questions of a text or Markdown page are.  A paragraph in
    bold that is no question keeps its words, without marks."""
    qa = [("— Почему вы уехали?", "— Честно? Я устала."), ("— Но ведь там нет труппы.", "— Нет, и это лучшее."),
          ("— Зрители уходят?", "— Уходят. Потом возвращаются."), ("— А власти?", "— Им нравится.")]  # fmt: skip
    page = "<html><body><article><h1>Мария Воронцова: «Театр не должен утешать»</h1>"
    page += "<p>Режиссёр Мария Воронцова рассказала о работе в провинции и о своём новом спектакле.</p>"
    page += "<p>Беседовал Игорь Семёнов · 14 марта 2024</p>"
    page += "".join(f"<p><strong>{q}</strong></p><p>{a}</p>" for q, a in qa) + "</article></body></html>"
    path = tmp_path / "interview.html"
    path.write_text(page, encoding="utf-8")
    doc = parse_path(path)
    turns = [(p.speaker, p.text) for p in doc.passages if p.speaker]
    assert [who for who, _ in turns] == ["Игорь Семёнов", "Режиссёр Мария Воронцова"] * 4
    assert turns[0][1] == "— Почему вы уехали?"
    notice = (
        "<html><body><h1>Notice</h1><p><b>The meeting moves to Hall B.</b></p><p>Doors open at six.</p></body></html>"
    )
    path.write_text(notice, encoding="utf-8")
    assert [p.text for p in parse_path(path).passages][-2:] == ["The meeting moves to Hall B.", "Doors open at six."]


def test_subtitles_for_the_deaf_name_speakers_in_brackets_even_after_a_dash_or_with_how_they_speak() -> None:
    """Subtitles for the deaf and hard of hearing put the speaker's name in brackets where the speaker changes,
    after a dialogue dash where one cue holds two people ("- [NADIA] Ready." / "- [TOM] Rolling."), and with
    how they are heard ("[MARGARET, off-screen]"); sounds in brackets are no one."""
    cues = ["[gentle piano music]", "- [NADIA] Ready when you are.\n- [TOM] We're rolling.",
            "[NADIA] Mr. Abernathy, what was a normal day?", "[ABERNATHY] There wasn't one, really.",
            "[MARGARET, off-screen] He never told me that.", "[ABERNATHY] I didn't want you worrying.",
            "[MARGARET] I was worrying anyway.", "[NADIA] Let's break there."]  # fmt: skip
    srt = "".join(f"{k}\n00:00:{2 * k:02d},000 --> 00:00:{2 * k + 1:02d},500\n{t}\n\n" for k, t in enumerate(cues, 1))
    doc = parse_text(srt, "keeper.srt")
    assert [p.speaker for p in doc.passages if p.speaker] == [
        "Nadia", "TOM", "Nadia", "Abernathy", "Margaret", "Abernathy", "Margaret", "Nadia"
    ]  # fmt: skip
    assert doc.passages[0].speaker is None and doc.passages[1].text == "Ready when you are."


def test_html_tags_removed_entities_decoded_labels_found() -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Hearing &amp; record</title><style>p{color:red}</style>"
        "<script>var x = 'Mr. FAKE: no';</script></head><body><nav>Home | About</nav>"
        "<p><strong>Mr. LIMAN</strong>: Did you &ldquo;shred&rdquo; it?\nI ask\nagain.</p>"
        "<p><strong>Mr. NORTH</strong>: No&nbsp;sir &amp; never &#8212; not once.</p>"
        "<p><b>Mr. LIMAN</b>: Ok.</p></body></html>"
    )
    doc = parse_text(html, "h.php")
    assert doc.title == "Hearing & record"
    assert [(p.speaker, p.text) for p in doc.passages] == [
        ("Mr. Liman", "Did you “shred” it? I ask again."),
        ("Mr. North", "No sir & never — not once."),
        ("Mr. Liman", "Ok."),
    ]


def test_auto_captions_that_repeat_the_previous_line() -> None:
    vtt = "WEBVTT\nKind: captions\nLanguage: en\n\n"
    rows = [
        ("00:00:01.000", "00:00:02.000", "so the archive"),
        ("00:00:02.000", "00:00:02.010", "so the archive"),
        ("00:00:02.010", "00:00:04.000", "so the archive\nkeeps <00:00:02.500><c>every</c><c> word</c>"),
        ("00:00:04.000", "00:00:04.010", "keeps every word"),
        ("00:00:04.010", "00:00:06.000", "keeps every word\nthat people said"),
    ]
    vtt += "\n".join(f"{a} --> {b} align:start position:0%\n{t}\n" for a, b, t in rows)
    doc = parse_text(vtt, "auto.vtt")
    assert [p.text for p in doc.passages] == ["so the archive keeps every word that people said"]


# -- a document's URL is the one it gives as its own (issue 11 item 11) ----------------------------------------

TURNS = (
    "Ada Park: Welcome to the panel on archives and who keeps them.\n\n"
    "Ben Cho: Thank you. See [link=https://evil.example]this page[/link] and https://evil.example/two for more.\n\n"
    "Ada Park: Let us stop there.\n"
)


def test_url_comes_from_the_documents_own_metadata_never_from_its_body() -> None:
    # Any URL in what people say (markup, a bare link in a turn) is words, not the document's address.
    assert parse_text("Archive panel\n\n" + TURNS, "p.txt").url is None
    assert parse_text(TURNS, "p.txt").url is None
    assert (
        parse_text(
            "An essay about links.\n\nRead https://evil.example/essay and [link=https://evil.example].\n", "e.txt"
        ).url
        is None
    )
    vtt = (
        "WEBVTT\n\nNOTE\nRecorded at the town hall.\n\n00:00:01.000 --> 00:00:03.000\n<v Ada>See https://evil.example now.\n\n"
        "00:00:03.000 --> 00:00:05.000\n<v Ben>Indeed.\n"
    )
    assert parse_text(vtt, "t.vtt").url is None
    html = (
        "<html><head><title>Panel</title></head><body><p>Ada Park: Go to <a href='https://evil.example'>"
        "https://evil.example/x</a> now, everyone.</p><p>Ben Cho: Yes indeed, I will.</p>"
        "<p>Ada Park: Thank you both.</p></body></html>"
    )
    assert parse_text(html, "p.html").url is None
    # What the document gives as its own source: front matter, a header line, a page's canonical address.
    assert (
        parse_text("---\ntitle: Panel\nurl: https://good.example/fm\n---\n" + TURNS, "p.md").url
        == "https://good.example/fm"
    )
    assert (
        parse_text("Archive panel\nSource: https://good.example/panel\n\n" + TURNS, "p.txt").url
        == "https://good.example/panel"
    )
    assert (
        parse_text("Archive panel\nURL: <https://good.example/u>\n\n" + TURNS, "p.txt").url == "https://good.example/u"
    )
    assert (
        parse_text("Archive panel\n14 March 2024\nhttps://good.example/bare\n\n" + TURNS, "p.txt").url
        == "https://good.example/bare"
    )
    assert (
        parse_text(vtt.replace("Recorded at the town hall.", "Source: https://good.example/vtt"), "t.vtt").url
        == "https://good.example/vtt"
    )
    canonical = html.replace(
        "<title>Panel</title>", "<title>Panel</title><link rel='canonical' href='https://good.example/c'>"
    )
    assert parse_text(canonical, "p.html").url == "https://good.example/c"
    og = html.replace(
        "<title>Panel</title>", "<title>Panel</title><meta property='og:url' content='https://good.example/og'>"
    )
    assert parse_text(og, "p.html").url == "https://good.example/og"


def test_a_transcript_exported_as_a_table_reads_its_speaker_text_and_time_columns() -> None:
    csv_text = 'speaker,start,end,text\nInterviewer,00:00:01.2,00:00:05.9,"So, how did it start?"\n'
    csv_text += 'Ada Park,00:00:06.1,00:00:14.0,"With six women and one pulper,\nhonestly."\n'
    csv_text += "Interviewer,00:00:14.5,00:00:16.0,And then?\nBen Cho,00:00:16.2,00:00:20.0,I joined.\n"
    doc = parse_text(csv_text, "export.csv")
    assert [(p.speaker, p.text, p.start) for p in doc.passages] == [
        ("Interviewer", "So, how did it start?", 1.2),
        ("Ada Park", "With six women and one pulper, honestly.", 6.1),
        ("Interviewer", "And then?", 14.5),
        ("Ben Cho", "I joined.", 16.2),
    ]
    assert doc.convention["shape"] == "table"
    # a game's dialogue export under an exporter's comment, in a .txt file; tab-separated too
    game = "# Exported from DialogueForge\nline_id,character,emotion,text,vo_file\n"
    game += 'FT_10,Brannoc,angry,"You\'re late, thief.",vo/ft10.ogg\nFT_20,Player,neutral,Sorry.,vo/ft20.ogg\n'
    game += "FT_30,Brannoc,scoff,Pay or swim.,vo/ft30.ogg\n"
    assert [p.speaker for p in parse_text(game, "quest.txt").passages] == ["Brannoc", "Player", "Brannoc"]
    tsv = "Speaker\tText\nAda\tHello there.\nBen\tHi, Ada.\nAda\tShall we?\n"
    assert [p.speaker for p in parse_text(tsv, "talk.tsv").passages] == ["Ada", "Ben", "Ada"]
    # a research team's coding sheet numbers its lines: "line" is the number there, the words are the utterance
    coded = "line,start,end,speaker,utterance,coder_note\n1,00:00:04,00:00:09,INT,Shall we start?,consent\n"
    coded += '2,00:00:09,00:00:12,R07,"Yes, go on.",\n3,00:00:12,00:00:15,INT,How long have you farmed here?,\n'
    assert [(p.speaker, p.text) for p in parse_text(coded, "coded.csv").passages] == [
        ("INT", "Shall we start?"),
        ("R07", "Yes, go on."),
        ("INT", "How long have you farmed here?"),
    ]
    # a contact centre's export: each row's part ("participant_role"), and the agent's name beside it; the rows
    # without a name go by the part
    call = "interaction_id,segment_no,start_ms,end_ms,participant_role,participant_name,transcript\n"
    call += "T1,1,0,8160,IVR,,Thank you for calling. This call may be recorded.\n"
    call += 'T1,2,8510,12050,AGENT,Nurul Aisyah,"Good afternoon, I\'m Aisyah. How can I help?"\n'
    call += "T1,3,12900,18960,CUSTOMER,,My bill doubled this month.\n"
    call += "T1,4,20310,25110,AGENT,Nurul Aisyah,Let me check your account.\n"
    assert [(p.speaker, p.start) for p in parse_text(call, "call.csv").passages] == [
        ("IVR", 0.0), ("Nurul Aisyah", 8.51), ("Customer", 12.9), ("Nurul Aisyah", 20.31),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "name,text\nlatency,the time a request waits\njitter,how much latency varies\nthroughput,work per second\n",
        "product,price,colour\nchair,40,red\ntable,120,oak\nlamp,25,white\n",
        "Speaker, writer and teacher, Ada Park has lived here since 1990. She says the town has changed.\n",
    ],
)
def test_other_comma_separated_text_is_not_read_as_a_transcript_table(text: str) -> None:
    assert parse_text(text, "list.csv").convention.get("shape") != "table"


def test_a_name_tag_heard_once_in_subtitles_is_a_speaker_in_the_case_of_the_others() -> None:
    cues = [("Haruto", "Senpai, wait up!"), ("Mizuki", "You're late again."), ("Haruto", "The train stopped!")]
    cues += [("Mizuki", "Excuses."), ("Kuroda-sensei", "Homeroom started!"), ("Haruto", "Sorry, sensei!")]
    srt = "".join(
        f"{n}\n00:00:{n * 3:02d},000 --> 00:00:{n * 3 + 2:02d},000\n[{who}] {said}\n\n"
        for n, (who, said) in enumerate(cues, 1)
    )
    assert [p.speaker for p in parse_text(srt, "ep07.srt").passages] == [who for who, _ in cues]


def test_whisper_output_with_and_without_speakers_keeps_each_segments_time_out_of_its_words() -> None:
    """What whisper and WhisperX print ("[00:04.210 --> 00:09.880] SPEAKER_01: words", or the words alone
    after the span) and YouTube's transcript (a time alone on its line, then the words): each segment is a
    passage starting at its time, and the time is not part of the words, which a quote would keep."""
    diarised = parse_text(
        "meeting.wav: diarised with WhisperX\n\n"
        "[00:00.000 --> 00:04.210] SPEAKER_00: Okay, so the first thing on the list is the roof.\n"
        "[00:04.210 --> 00:09.880] SPEAKER_01: Right, the quote came back at eleven thousand.\n"
        "[00:09.880 --> 00:12.020] SPEAKER_00: Eleven? That is more than we budgeted for.\n"
        "[00:12.020 --> 00:18.540] SPEAKER_02: Can we get a second quote before we decide?\n",
        "meeting.txt",
    )
    assert [(p.speaker, p.start) for p in diarised.passages if p.start is not None] == [
        ("Speaker 1", 0.0),
        ("Speaker 2", 4.21),
        ("Speaker 1", 9.88),
        ("Speaker 3", 12.02),
    ]
    assert diarised.passages[-1].text == "Can we get a second quote before we decide?"
    plain = parse_text(
        "roof.wav: transcript\n\n"
        "[00:00.000 --> 00:04.210]  Okay, so the first thing on the list is the roof.\n"
        "[00:04.210 --> 00:09.880]  Right, the quote came back at eleven thousand,\n"
        "which is more than we budgeted.\n"
        "[00:09.880 --> 00:12.020]  Eleven? Because of the flashing, I suppose.\n",
        "roof.txt",
    )
    assert [(p.start, p.text) for p in plain.passages] == [
        (0.0, "Okay, so the first thing on the list is the roof."),
        (4.21, "Right, the quote came back at eleven thousand, which is more than we budgeted."),
        (9.88, "Eleven? Because of the flashing, I suppose."),
    ]
    youtube = parse_text(
        "0:00\nhey everybody welcome back to the channel\n0:03\ntoday we are fixing the drawer slides\n"
        "1:07\nso the first thing you want to do is pull the drawer out\n",
        "video.txt",
    )
    assert [(p.start, p.text[:20]) for p in youtube.passages] == [
        (0.0, "hey everybody welcom"),
        (3.0, "today we are fixing "),
        (67.0, "so the first thing y"),
    ]
    # A timetable's times of day are not a recording's.
    timetable = parse_text(
        "Day 1\n\n08:30 Registration and coffee\n09:15 Welcome\n10:30 Break\n12:15 Lunch (Main Hall)\n", "day.txt"
    )
    assert all(p.start is None for p in timetable.passages)


ASS_SCRIPT = r"""[Script Info]
; made by hand for this test
Title: Harbour Lights - Episode 3
ScriptType: v4.00+

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, Bold, Italic, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,64,&H00FFFFFF,0,0,2,40,40,50,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Comment: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,check Mireille's lines
Dialogue: 0,0:00:01.20,0:00:03.50,Default,Mireille,0,0,0,,You're late again, and it's cold.
Dialogue: 0,0:00:03.60,0:00:06.10,Default,Anton,0,0,0,,The ferry was late.\NNot me.
Dialogue: 0,0:00:06.30,0:00:08.00,Sign,,0,0,0,,{\pos(960,100)}HARBOUR MASTER'S OFFICE
Dialogue: 0,0:00:14.00,0:00:16.80,Default,Old Pieter,0,0,0,,{\i1}Leave the boy alone, Mireille.{\i0}
"""


@pytest.mark.parametrize("name", ["harbour_e03.ass", "harbour_e03.ssa", "harbour_e03.txt"])
def test_an_ass_or_ssa_script_takes_each_line_from_its_actor(name: str) -> None:
    """Aegisub's scripts name the actor in each Dialogue line's Name field: every line was read as said by
    "Dialogue", silently.  A line without an actor where the others have one (a sign) is no one's; comments
    are not said; override tags and the script's line breaks are not words."""
    doc = parse_text(ASS_SCRIPT, name)
    assert [(p.speaker, p.text, p.start) for p in doc.passages] == [
        ("Mireille", "You're late again, and it's cold.", 1.2),
        ("Anton", "The ferry was late. Not me.", 3.6),
        (None, "HARBOUR MASTER'S OFFICE", 6.3),
        ("Old Pieter", "Leave the boy alone, Mireille.", 14.0),
    ]
    assert doc.title == "Harbour Lights - Episode 3"
    assert doc.convention is not None and doc.convention["shape"] == "cues"


def test_an_ass_line_missing_fields_and_a_timed_transcripts_title_are_not_lost() -> None:
    """Nothing of the source is lost without a record: a Dialogue line short of its fields keeps its words (no
    time, no actor); the title over whisper's timed lines is recorded as left out, as prose's is."""
    script = ASS_SCRIPT + "Dialogue: a line an editor broke\n"
    doc = parse_text(script, "harbour.ass")
    assert (doc.passages[-1].speaker, doc.passages[-1].text) == (None, "a line an editor broke")
    timed = parse_text(
        "Roof meeting\n\n[00:00.000 --> 00:04.210]  Okay, so the first thing on the list is the roof.\n"
        "[00:04.210 --> 00:09.880]  Right, the quote came back at eleven thousand.\n"
        "[00:09.880 --> 00:12.020]  Eleven? Because of the flashing, I suppose.\n",
        "roof.txt",
    )
    assert timed.title == "Roof meeting"
    assert {"reason": "title", "text": "Roof meeting"} in timed.dropped


def test_a_telegram_chat_export_in_html_names_every_sender() -> None:
    """Telegram Desktop exports a chat as messages.html: each message's sender in a "from_name" element, left out
    of the messages that follow from the same sender ("joined"), and each sender's picture as their initials.
    Senders whose names did not look like names to the label rules ("Shahram" alone, "نگار") were not read, their
    messages given to the sender before, and the pictures' initials ended the messages before them. The export's own markup says
    who writes: every sender is read, and the pictures are left out; the chat's name, not the export's "Exported
    Data", is the title."""

    def message(n: int, who: str | None, words: str) -> str:
        picture = f'<div class="pull_left userpic_wrap"><div class="userpic"><div class="initials">{(who or "")[:1]}'
        picture += "</div></div></div>"
        sender = f'<div class="from_name">\n{who}\n</div>' if who else ""
        return (
            f'<div class="message default clearfix{"" if who else " joined"}" id="message{n}">'
            f'{picture if who else ""}<div class="body"><div class="pull_right date details">20:{n:02d}</div>'
            f'{sender}<div class="text">\n{words}\n</div></div></div>'
        )

    said = [("Arash Rezaei", "Hi all! Shall we fix the trip?"), (None, "I suggest we leave on the 3rd."),
            ("نگار", "I'm in, but the 4th is better for me."), ("Shahram", "Train tickets are still there for the 4th."),
            ("Arash Rezaei", "Great. Who buys the tickets?"), ("Shahram", "I will. Send me your IDs."),
            (None, "Privately, please."), ("نگار", "Thanks! 🙏")]  # fmt: skip
    page = (
        '<html><head><title>Exported Data</title></head><body><div class="page_header"><div class="content">'
        '<div class="text bold">Trip to Shiraz</div></div></div><div class="page_body chat_page"><div class="history">'
        '<div class="message service" id="message-1"><div class="body details">12 March 2024</div></div>'
        + "".join(message(n, who, words) for n, (who, words) in enumerate(said, 1))
        + "</div></div></body></html>"
    )
    doc = parse_text(page, "messages.html")
    got = [(p.speaker, p.text) for p in doc.passages if p.speaker]
    # (each message a passage of its own, a "joined" one under the sender before it)
    assert got == [(who or got[n - 1][0], words) for n, (who, words) in enumerate(said)]
    assert got[2][1] == "I'm in, but the 4th is better for me."  # (not ending in "S", Shahram's picture)
    assert doc.title == "Trip to Shiraz"  # (not "Exported Data", the title of every such export)
    assert [p.start for p in doc.passages if p.speaker] == [20 * 3600 + n * 60 for n in range(1, 9)]
    assert (doc.passages[0].speaker, doc.passages[0].text) == (None, "12 March 2024")  # (the export's own note)


def test_a_chat_export_s_senders_are_read_whatever_their_names_look_like() -> None:
    """A sender whose display name is a handle or a nickname ("kate_99", "🐱 Mira", "dmitry.s") was not read:
    the markup says who writes, but the text reader's name rules rejected the handle, and its messages went to
    the sender before. The chat's messages are now read from the markup itself: each message under its sender,
    with its time (from the time element's title, or its text), the export's notes ("kate_99 pinned a message")
    under no one, and a forwarded message's original author not taken for its sender. Words stay as written
    ("<3", "Note: bring water" is no label)."""
    page = (
        '<html><head><meta charset="utf-8"/><title>Exported Data</title></head><body>'
        '<div class="page_header"><div class="text bold">Book club</div></div><div class="history">'
        '<div class="message service"><div class="body details">12 March 2024</div></div>'
        '<div class="message default"><div class="userpic"><div class="initials">K</div></div><div class="body">'
        '<div class="pull_right date details" title="12.03.2024 18:00:00 UTC+03:00">18:00</div>'
        '<div class="from_name">kate_99 </div><div class="text">Who has finished it? I loved it &lt;3</div></div></div>'
        '<div class="message default joined"><div class="body"><div class="pull_right date details" '
        'title="12.03.2024 18:01:00 UTC+03:00">18:01</div><div class="text">Note: bring water</div></div></div>'
        '<div class="message default"><div class="body"><div class="date details">6:03 PM</div>'
        '<div class="from_name">🐱 Mira</div><div class="forwarded body"><div class="from_name">Literary Weekly '
        '<span class="date details" title="01.03.2024 09:00:00">01.03.2024</span></div>'
        '<div class="text">The review is out today.</div></div><div class="text">Not yet, halfway.</div></div></div>'
        '<div class="message service"><div class="body details">kate_99 pinned a message</div></div>'
        '<div class="message default"><div class="body"><div class="date details" title="12.03.2024 18:05:00">'
        '18:05</div><div class="from_name">dmitry.s</div><div class="text">No spoilers then!</div></div></div>'
        "</div></body></html>"
    )
    doc = parse_text(page, "messages.html")
    assert [(p.speaker, p.start) for p in doc.passages] == [
        (None, None), ("kate_99", 64800.0), ("kate_99", 64860.0), ("🐱 Mira", 64980.0), (None, None),
        ("dmitry.s", 65100.0),
    ]  # fmt: skip
    assert [p.text for p in doc.passages][1:3] == ["Who has finished it? I loved it <3", "Note: bring water"]
    assert doc.passages[3].text.endswith("The review is out today.\nNot yet, halfway.")
    assert doc.passages[4].text == "kate_99 pinned a message"
    assert doc.title == "Book club" and set(doc.speakers) == {"kate_99", "🐱 Mira", "dmitry.s"}
    assert doc.convention is not None and doc.convention["shape"] == "chat" and doc.warnings == []
    # a message whose time element says no clock ("yesterday") has no time, and the import says so
    vague = page.replace('title="12.03.2024 18:05:00">18:05</div>', ">yesterday</div>")
    doc = parse_text(vague, "messages.html")
    assert doc.passages[-1].speaker == "dmitry.s" and doc.passages[-1].start is None
    assert doc.warnings == ["1 message time(s) could not be read (the first: 'yesterday'): those messages have no time"]
    # (a page with one sender element only is a page: read as text)
    single = '<html><body><p class="sender">Ada Park</p><p>Hello: this is a letter.</p></body></html>'
    assert parse_text(single, "letter.html").convention["shape"] != "chat"


def test_timed_text_subtitles_are_read_with_their_agents_as_speakers(tmp_path: Path) -> None:
    """Broadcasters and streaming services deliver subtitles as Timed Text (TTML; DFXP, its draft; EBU-TT): XML
    whose paragraphs carry their times, and who speaks as a `ttm:agent` named in the head. Such a file was read
    as a web page: its words without speakers, silently. Now each paragraph is a cue and its agent's name the
    speaker, in clock times, frames or offsets, an agent on a span or a division, and a division's begin shifting
    the paragraphs in it; malformed XML is refused in one line."""
    ttml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tt xmlns="http://www.w3.org/ns/ttml" '
        'xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" '
        'ttp:frameRate="25"><head><metadata><ttm:title>Six storeys and a silence</ttm:title>'
        '<ttm:agent xml:id="n" type="character"><ttm:name type="full">Narrator</ttm:name></ttm:agent>'
        '<ttm:agent xml:id="j" type="person"><ttm:name type="full">Jordi Casals</ttm:name></ttm:agent>'
        '<ttm:agent xml:id="m" type="person"><ttm:name type="full">Marta Puig</ttm:name></ttm:agent>'
        "</metadata></head><body><div>"
        '<p begin="00:00:04.000" end="00:00:08.500" ttm:agent="n">In Valls, life turns on a calendar:<br/>the '
        "Sundays of the square.</p>"
        '<p begin="00:00:09:12" end="00:00:12:00" ttm:agent="j">I first climbed at six.</p>'
        '<p begin="13s" end="15.5s"><span ttm:agent="m">And now you lead the team. What changed?</span></p>'
        '</div><div begin="60s" ttm:agent="j"><p begin="1s" end="3s">Everything and nothing.</p>'
        '<p begin="4s" end="5s">No agent of its own, the division\'s.</p></div></body></tt>\n'
    )
    path = tmp_path / "castells.ttml"
    path.write_text(ttml, encoding="utf-8")
    doc = parse_path(path)
    assert doc.title == "Six storeys and a silence"
    assert [(p.speaker, p.start) for p in doc.passages] == [
        ("Narrator", 4.0), ("Jordi Casals", 9.48), ("Marta Puig", 13.0), ("Jordi Casals", 61.0),
    ]  # fmt: skip
    assert doc.passages[-1].text == "Everything and nothing. No agent of its own, the division's."
    assert doc.passages[0].text == "In Valls, life turns on a calendar: the Sundays of the square."
    # (DFXP's draft namespace, under another name)
    dfxp = tmp_path / "castells.xml"
    dfxp.write_text(ttml.replace("http://www.w3.org/ns/ttml", "http://www.w3.org/2006/10/ttaf1"), encoding="utf-8")
    assert [p.speaker for p in parse_path(dfxp).passages][:2] == ["Narrator", "Jordi Casals"]
    # (a folder import picks up Timed Text under .xml, and no other XML)
    from sayso.corpus.library import Library

    (tmp_path / "feed.xml").write_text('<?xml version="1.0"?><rss><channel><title>News</title></channel></rss>\n')
    report = Library.open(tmp_path / "data").import_paths([tmp_path])
    assert sorted(Path(d.source).name for d in report.documents) == ["castells.ttml", "castells.xml"]
    broken = tmp_path / "broken.ttml"
    broken.write_text(ttml.replace("</body>", ""), encoding="utf-8")
    with pytest.raises(ImportRefused, match="not well-formed XML") as refused:
        parse_path(broken)
    assert "\n" not in str(refused.value) and "broken.ttml:" in str(refused.value)


def test_timed_text_whose_times_cannot_be_read_keeps_the_words_and_says_so() -> None:
    """A paragraph's time that cannot be read (`begin="zz"`) left the cue without a time, unsaid, and a frame rate
    that is no number ended the import with a Python error's words. Both are now said in a warning; the words
    are kept."""
    ttml = (
        '<?xml version="1.0"?><tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" '
        'ttp:frameRate="{rate}"><body><div><p begin="zz" end="00:00:02:10">Hello there.</p>'
        '<p begin="00:00:03.000" end="00:00:04.000">Second line.</p></div></body></tt>'
    )
    doc = parse_text(ttml.format(rate="abc"), "bad.ttml")
    assert " ".join(p.text for p in doc.passages) == "Hello there. Second line."
    assert doc.warnings == [
        "the frame rate 'abc' could not be read: 30 frames a second is assumed",
        "1 time could not be read ('zz'): its words are kept without it",
    ]
    assert parse_text(ttml.format(rate="25").replace("zz", "00:00:01.000"), "good.ttml").warnings == []


def test_a_meeting_tools_captions_name_rooms_and_devices_as_they_name_people() -> None:
    """A Zoom recording's captions open each cue with the display name: people, but also a device ("Tomislav's
    iPhone: ...") and a meeting room ("Conference Room 4B: ..."). Those openings were no names to the label rules,
    so their words went to the person before, silently. Where nine in ten cues open in the label's shape, the
    document's own convention decides: a recurring opening in that shape is a speaker (and a room is warned
    about as a room). A caption that merely has a colon in it stays words."""
    said = [("Deepa Nair", "Good morning, everyone. Who is in the room?"),
            ("Conference Room 4B", "Three of us: Anoop, Shabna and Joseph."),
            ("Deepa Nair", "Good. Today is the delivery plan."), ("Tomislav's iPhone", "Sorry, I am on the road."),
            ("Conference Room 4B", "Last year four hundred orders were late."),
            ("Rahul Menon", "How many drivers do we hire this year?"), ("Tomislav's iPhone", "I would say thirty."),
            ("Conference Room 4B", "Twenty in the budget, but thirty at least."),
            ("Deepa Nair", "Note: we decide on Friday."), ("Rahul Menon", "Agreed.")]  # fmt: skip
    vtt = "WEBVTT\n\n" + "".join(
        f"{n}\n00:00:{2 * n:02d}.000 --> 00:00:{2 * n + 1:02d}.500\n{who}: {words}\n\n"
        for n, (who, words) in enumerate(said, 1)
    )
    doc = parse_text(vtt, "zoom.vtt")
    assert [p.speaker for p in doc.passages] == [who for who, _ in said]
    assert doc.passages[-2].text == "Note: we decide on Friday."
    assert [w for w in doc.warnings if "'Conference Room 4B', a meeting room" in w]


def test_a_game_dialogue_table_reads_its_display_name_and_its_text_in_one_language() -> None:
    """A game's dialogue export: "SpeakerID,SpeakerDisplay,...,Text_EN,..." was no table at all (no column named
    "speaker" or "text"); the display name is what people read, the code is not."""
    csv_text = (
        "LineID,Scene,SpeakerID,SpeakerDisplay,Listener,Text_EN,Direction,VO_File\n"
        'Q07_0010,intro,NPC_BRANNA,Branna,PLAYER,"You took your time, Warden.",irritated,vo_0010.wav\n'
        'Q07_0020,intro,PLAYER,Warden,NPC_BRANNA,"The bridge was out. What happened?",neutral,vo_0020.wav\n'
        'Q07_0030,intro,NPC_BRANNA,Branna,PLAYER,"The wheel stopped turning.",worried,vo_0030.wav\n'
    )
    doc = parse_text(csv_text, "q07.csv")
    assert [(p.speaker, p.text) for p in doc.passages] == [
        ("Branna", "You took your time, Warden."),
        ("Warden", "The bridge was out. What happened?"),
        ("Branna", "The wheel stopped turning."),
    ]
    # A line's code before its words ("DialogueID") is not its text; a count of characters is no one.
    coded = csv_text.replace("LineID,", "DialogueID,")
    assert parse_text(coded, "q07.csv").passages[0].text == "You took your time, Warden."
    tweets = "id,text,characters\n1,Just landed in Paris,19\n2,Coffee time,11\n3,Back home now,13\n"
    assert not parse_text(tweets, "tweets.csv").speakers


def test_tables_in_more_languages_and_elan_s_tiers_name_their_speakers() -> None:
    """ELAN exports annotations as tab-separated rows under "Tier" and "Annotation", a comment tier beside the
    speakers'; a Slovenian service heads its columns "Govorec", "Začetek", "Konec", "Besedilo". Neither header was
    known, and both tables were read as text with no speakers. A comment tier's rows are no one's."""
    elan = "Tier\tBegin Time - hh:mm:ss.ms\tBegin Time - ss.msec\tEnd Time - hh:mm:ss.ms\tAnnotation\n"
    elan += "Собиратель_ЕК\t00:00:12.360\t12.360\t00:00:17.388\tРасскажите, как играли свадьбы.\n"
    elan += "Информант_АПВ\t00:00:18.634\t18.634\t00:00:24.457\tОсенью играли, после уборки.\n"
    elan += "Комментарий\t00:00:24.500\t24.500\t00:00:25.000\tпоказывает рукой на потолок\n"
    elan += "Собиратель_ЕК\t00:00:26.000\t26.000\t00:00:27.000\tА почему осенью? <Да?> & всё\n"
    doc = parse_text(elan, "elan.txt")
    assert [(p.speaker, p.start) for p in doc.passages] == [
        ("Собиратель_ЕК", 12.36), ("Информант_АПВ", 18.634), (None, 24.5), ("Собиратель_ЕК", 26.0),
    ]  # fmt: skip
    assert doc.passages[-1].text == "А почему осенью? <Да?> & всё"  # (a cell's words as written)
    sl = "Govorec\tZačetek\tKonec\tBesedilo\nMaja Kos\t00:00:00.800\t00:00:05.869\tDobro jutro, gospod Zupan.\n"
    sl += "Tone Zupan\t00:00:06.469\t00:00:11.956\tDobro jutro. Kar naprej.\nMaja Kos\t00:00:12.556\t00:00:13.944\tKoliko?\n"
    assert [(p.speaker, p.start) for p in parse_text(sl, "intervju.tsv").passages] == [
        ("Maja Kos", 0.8), ("Tone Zupan", 6.469), ("Maja Kos", 12.556),
    ]  # fmt: skip


def test_subtitles_name_speakers_in_parentheses_in_scripts_without_capitals() -> None:
    """Korean (and Georgian, Arabic...) subtitles for the deaf name the speaker in parentheses, "(지영) 오빠...":
    only names in capitals were read so, and such captions had no speakers at all, silently. Where names in
    parentheses open a third of the captions or more, a few names making most of them, they are speakers; a
    sound in parentheses now and then stays words."""
    said = [("지영", "오빠, 아직 안 잤어?"), ("민수", "응, 잠이 안 와서."), ("지영", "또 회사 일 때문이야?"),
            ("민수", "아니야. 그냥... 이것저것."), ("어머니", "민수야, 밥은 먹었니?"), ("민수", "먹었어요, 엄마.")]  # fmt: skip
    srt = "".join(
        f"{n}\n00:00:{2 * n:02d},000 --> 00:00:{2 * n + 1:02d},500\n({who}) {words}\n\n"
        for n, (who, words) in enumerate(said, 1)
    )
    assert [(p.speaker, p.text) for p in parse_text(srt, "ep07.srt").passages] == said
    sounds = "".join(
        f"{n}\n00:00:{2 * n:02d},000 --> 00:00:{2 * n + 1:02d},500\n{'(웃음) ' if n % 4 == 0 else ''}{words}\n\n"
        for n, (_, words) in enumerate(said * 2, 1)
    )
    assert {p.speaker for p in parse_text(sounds, "ep08.srt").passages} == {None}


def test_a_message_export_with_read_notes_and_a_number_for_a_sender() -> None:
    """An iMessage export as text: each message under its date and time, which may carry a note ("Mar 02, 2024
    7:42:55 PM (Read by you after 1 minute)"), then its sender, who may be a phone number not in the contacts
    ("+66 81 234 5678"). The note made the time no time, and the number no sender: their messages went to the
    sender before."""
    messages = [("Mar 02, 2024  7:41:08 PM", "Ton", "Is everyone still in for the trip?"),
                ("Mar 02, 2024  7:42:55 PM (Read by you after 1 minute)", "Nok Siriwan", "Yes, back on Sunday."),
                ("Mar 02, 2024  7:44:10 PM", "Me", "Booked the van, 12 seats."),
                ("Mar 02, 2024  7:46:40 PM", "+66 81 234 5678", "Hi, it's Prae, my new number."),
                ("Mar 02, 2024  7:47:05 PM", "Me", "Saved it, Prae.")]  # fmt: skip
    text = "\n".join(f"{when}\n{who}\n{said}\n" for when, who, said in messages)
    doc = parse_text(text, "Messages - Trip.txt")
    assert [(p.speaker, p.text) for p in doc.passages] == [(who, said) for _, who, said in messages]


def test_a_dubbing_script_and_a_radio_log_name_their_speaker_columns_in_their_own_words() -> None:
    """A Korean dubbing script's columns are "번호 IN OUT 배역 대사" (number, in, out, role, lines), the role
    sometimes with "(V.O.)"; a Hungarian radio log's are "IDŐ CSAT. ÁLLOMÁS SZÖVEG" (time, channel, station,
    text), a transmission's words going on under the text column. Neither was read: the role, the station and the
    lines were no column sayso knew, and the log's wrapped lines counted as rows standing in no column."""
    tsv = "번호\tIN\tOUT\t배역\t대사\n001\t00:00:05:10\t00:00:11:02\t해설\t그해 여름이었다.\n"
    tsv += "002\t00:00:12:00\t00:00:14:18\t지우 (V.O.)\t할머니! 저 왔어요!\n003\t00:00:15:04\t00:00:17:20\t할머니\t아이고, 우리 강아지.\n"
    tsv += "004\t00:00:18:02\t00:00:21:11\t지우\t강아지 아니에요.\n"
    assert [p.speaker for p in parse_text(tsv, "dub.tsv").passages] == ["해설", "지우", "할머니", "지우"]
    log = "VHF rádióforgalmazás leirata\n\nIDŐ        CSAT.  ÁLLOMÁS        SZÖVEG\n"
    log += "---------- ------ -------------- ------------------------------\n"
    for time, who, words in [("21:14:05", "TISZA 7", ["Szent István, itt Tisza 7,", "a híd előtt. Hallasz?"]),
                             ("21:14:14", "SZENT ISTVÁN", ["Tisza 7, hallak. Hegymenetben", "vagyunk a budai oldalon."]),
                             ("21:14:22", "TISZA 7", ["Értem. Piros-piros.", "A középső nyílást használom."]),
                             ("21:14:30", "SZENT ISTVÁN", ["Piros-piros, értettem."])]:  # fmt: skip
        log += f"{time:<11}10     {who:<15}{words[0]}\n" + "".join(f"{'':<33}{w}\n" for w in words[1:])
    doc = parse_text(log, "vhf.txt")
    assert [(p.speaker, p.start) for p in doc.passages if p.speaker] == [
        ("Tisza 7", 76445.0), ("Szent István", 76454.0), ("Tisza 7", 76462.0), ("Szent István", 76470.0)]  # fmt: skip
    assert doc.passages[-3].text == "Tisza 7, hallak. Hegymenetben vagyunk a budai oldalon."


def test_captions_of_two_who_take_turns_are_not_merged_by_a_shared_name() -> None:
    """A baking show's captions: the host "Sarah Kelly" and a child baker "Kelly" answer each other; a given name
    or surname alone is merged into a full name only where they do not take turns back and forth."""
    vtt = "WEBVTT\n\n" + "".join(f"00:00:{n:02d}.000 --> 00:00:{n:02d}.900\n<v {who}>{said}\n\n" for n, (who, said) in
                                 enumerate([("Sarah Kelly", "Our first baker is Kelly."), ("Kelly", "Hi! I love tarts."),
                                            ("Sarah Kelly", "And next is Ryan."), ("Ryan", "Fudge cake."),
                                            ("Kelly", "Mine will be better.")], 1))  # fmt: skip
    assert {p.speaker for p in parse_text(vtt, "show.vtt").passages} == {"Sarah Kelly", "Kelly", "Ryan"}


def test_a_markdown_table_under_front_matter_is_read_as_a_table() -> None:
    """A research tool's Markdown export: front matter, a heading and notes, then a table with a speaker column.
    The header lay beyond the lines looked at for it (the front matter's fields among them); the lines above the
    table are kept as no one's words."""
    text = "---\nstudy: Refill app, round 2\nsession: P07\ndate: 2025-01-22\nfacilitator: Hannah Cole\n"
    text += "notetaker: Obi Mensah\nparticipant: P07\nconsent: recorded\nmethod: think-aloud\nlength: 45 min\n---\n\n"
    text += "# Session P07\n\nTasks: T1 find the renewal screen\n\n"
    text += "| Time | Speaker | Transcript | Tags |\n|---|---|---|---|\n"
    text += "| 00:00:14 | Hannah Cole | Thanks for joining. Can you see my screen? | |\n"
    text += "| 00:00:21 | P07 | I can see your face and a link. | onboarding |\n"
    text += "| 00:00:25 | Hannah Cole | Yes, please tap it. | |\n| 00:00:39 | P07 | Okay. Who's Jordan? | confusion |\n"
    text += "\n*Transcript checked by Obi Mensah.*\n"
    doc = parse_text(text, "p07.md")
    said = [(p.speaker, p.text) for p in doc.passages if p.speaker]
    assert said == [("Hannah Cole", "Thanks for joining. Can you see my screen?"),
                    ("P07", "I can see your face and a link."), ("Hannah Cole", "Yes, please tap it."),
                    ("P07", "Okay. Who's Jordan?")]  # fmt: skip
    assert [p.start for p in doc.passages if p.speaker][:2] == [14, 21]
    assert "Tasks: T1 find the renewal screen" in doc.passages[0].text and doc.passages[0].speaker is None
    assert "study:" not in doc.passages[0].text  # (the front matter's fields are no one's words either)
    assert doc.passages[-1].text == "*Transcript checked by Obi Mensah.*" and doc.passages[-1].speaker is None


def test_a_chat_transcript_from_talkbank() -> None:
    """CHAT, the format of TalkBank's corpora (CHILDES and others): utterances under the participants' codes, each
    the participant the header names (their name, else their role), its time from the bullet between NAK
    characters; a tier going on over a tab; comments and actions kept as no one's; the morphology tier left out."""
    text = (
        "@UTF8\n@Begin\n@Languages:\teng\n@Participants:\tCHI Maya Target_Child, MOT Jenna Mother, INV Investigator\n"
    )
    text += "@ID:\teng|Family|CHI|3;04.12|female|||Target_Child|||\n@Media:\tmaya_031, video\n"
    text += "@Situation:\tfamily dinner\n"
    text += "*MOT:\tMaya, do you want cheese on yours ? \x15241330_243020\x15\n%mor:\tn:prop|Maya pro:per|you v|want\n"
    text += "*CHI:\tyeah (.) cheese and the +... \x15243020_245410\x15\n*CHI:\tthe green stuff\n\twith the chips . "
    text += "\x15245410_246800\x15\n%com:\tgreen stuff = guacamole\n*INV:\tis that guacamole ? \x15246800_248150\x15\n"
    text += "%act:\tCHI points at bowl\n@End\n"
    doc = parse_text(text, "maya_031.cha")
    assert [(p.speaker, p.text) for p in doc.passages] == [
        (None, "@Situation: family dinner"),
        ("Jenna", "Maya, do you want cheese on yours ?"),
        ("Maya", "yeah (.) cheese and the +... the green stuff with the chips ."),
        (None, "%com: green stuff = guacamole"),
        ("Investigator", "is that guacamole ?"),
        (None, "%act: CHI points at bowl"),
    ]
    assert [p.start for p in doc.passages if p.speaker] == [241.33, 243.02, 246.8]
    assert doc.convention["shape"] == "talkbank" and not doc.warnings
    assert ".cha" in SUPPORTED_SUFFIXES
    # (a text that merely opens with an "@" line is no CHAT file)
    assert (
        parse_text("@Begin of the notes\nAda: hello there.\nBen: hi.\n", "notes.txt").convention["shape"] != "talkbank"
    )


def _eaf(tiers: str) -> str:
    slots = "".join(f'<TIME_SLOT TIME_SLOT_ID="ts{k}" TIME_VALUE="{k * 1000}"/>' for k in range(1, 9))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<ANNOTATION_DOCUMENT FORMAT="3.0" VERSION="3.0">\n'
        f'<HEADER TIME_UNITS="milliseconds"/>\n<TIME_ORDER>{slots}</TIME_ORDER>\n{tiers}\n</ANNOTATION_DOCUMENT>\n'
    )


def _tier(attributes: str, spans: list[tuple[int, str]]) -> str:
    notes = "".join(
        f'<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a{a}" TIME_SLOT_REF1="ts{a}" TIME_SLOT_REF2="ts{a + 1}">'
        f"<ANNOTATION_VALUE>{said}</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>"
        for a, said in spans
    )
    return f"<TIER {attributes}>{notes}</TIER>"


def test_an_elan_file_read_tier_by_tier_in_the_order_of_its_times() -> None:
    """ELAN's .eaf: each speaker's tier names its participant; the utterances are put in the order of their times;
    a tier without a participant beside named ones holds notes, no one's; a translation tier under another is
    left out.  Where no tier names a participant, the tier's id is the speaker."""
    tiers = _tier('TIER_ID="INT" PARTICIPANT="Kovács Eszter"', [(1, "Mesélne a kenyérről?"), (5, "És ma?")])
    tiers += _tier('TIER_ID="IMR" PARTICIPANT="Szabó Imre"', [(2, "Kemencében sütöttük."), (6, "Karácsonykor.")])
    tiers += _tier('TIER_ID="CMT" PARTICIPANT=""', [(3, "[nevetés]")])
    tiers += _tier('TIER_ID="IMR-en" PARENT_REF="IMR"', [(2, "We baked it in the oven.")])
    doc = parse_text(_eaf(tiers), "OR23_07.eaf")
    assert [(p.speaker, p.text, p.start) for p in doc.passages] == [
        ("Kovács Eszter", "Mesélne a kenyérről?", 1.0), ("Szabó Imre", "Kemencében sütöttük.", 2.0),
        (None, "[nevetés]", 3.0), ("Kovács Eszter", "És ma?", 5.0), ("Szabó Imre", "Karácsonykor.", 6.0),
    ]  # fmt: skip
    assert doc.convention["shape"] == "elan" and ".eaf" in SUPPORTED_SUFFIXES
    # (a tier without its participant beside named ones is a person's where its name is one, not notes)
    margaret = _tier('TIER_ID="INT" PARTICIPANT="Interviewer"', [(1, "Were you scared?")])
    margaret += _tier('TIER_ID="Margaret"', [(2, "Not me.")]) + _tier('TIER_ID="Comments"', [(3, "[door]")])
    margaret += _tier('TIER_ID="Margaret-translation"', [(2, "Nem én.")])
    assert [(p.speaker, p.text) for p in parse_text(_eaf(margaret), "m.eaf").passages] == [
        ("Interviewer", "Were you scared?"),
        ("Margaret", "Not me."),
        (None, "[door]"),
    ]
    plain = _tier('TIER_ID="Ada"', [(1, "Hello &amp; welcome.")]) + _tier('TIER_ID="Ben"', [(2, "Thanks &lt;3")])
    assert [(p.speaker, p.text) for p in parse_text(_eaf(plain), "a.eaf").passages] == [
        ("Ada", "Hello & welcome."),
        ("Ben", "Thanks <3"),
    ]
    with pytest.raises(ImportRefused, match=r"^broken\.eaf: an ELAN file \(\.eaf\) that is not well-formed XML"):
        parse_text(_eaf(plain)[:-40], "broken.eaf")


def test_a_tei_transcription_of_speech_and_a_tei_play() -> None:
    """TEI XML, as spoken and parliamentary corpora publish speech: each `<u who="#ID">` under the person the
    header's list names, a pause an ellipsis, a laugh described in parentheses, an incident between utterances no
    one's; the title the header's.  A play's `<sp>` goes by its `<speaker>`.  TEI without speech is not read so."""
    tei = '<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
    tei += "<title>Conversazione CPR-TO-017</title></titleStmt></fileDesc><profileDesc><particDesc><listPerson>"
    # (the parts of a name each a word, though nothing stands between them: "Rosanna Ferrero", not "RosannaFerrero";
    # markup inside a part is no space)
    tei += '<person xml:id="ROS"><persName><forename>Ros<hi rend="b">anna</hi></forename><surname>Ferrero</surname>'
    tei += "</persName></person>"
    tei += '<person xml:id="INT"><persName><forename>Elisa</forename> <surname>Cattaneo</surname></persName>'
    tei += "</person></listPerson></particDesc></profileDesc></teiHeader><text><body><div>"
    tei += '<u who="#INT">allora <pause/> mi raccontava della sartoria</u>'
    tei += '<u who="#ROS">sì, in via Garibaldi <vocal><desc>ride</desc></vocal> &amp; poi</u>'
    tei += "<incident><desc>squilla il telefono</desc></incident>"
    tei += '<u who="#INT">e dopo?</u></div></body></text></TEI>\n'
    doc = parse_text(tei, "cpr.xml")
    assert [(p.speaker, p.text) for p in doc.passages] == [
        ("Elisa Cattaneo", "allora … mi raccontava della sartoria"),
        ("Rosanna Ferrero", "sì, in via Garibaldi (ride) & poi"),
        (None, "(squilla il telefono)"),
        ("Elisa Cattaneo", "e dopo?"),
    ]
    assert doc.title == "Conversazione CPR-TO-017" and doc.convention["shape"] == "tei"
    play = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><sp><speaker>HAMM.</speaker><p>Me to play.</p>'
    play += "</sp><stage>Pause.</stage><sp><speaker>CLOV.</speaker><p>Finished.</p></sp></body></text></TEI>"
    assert [(p.speaker, p.text) for p in parse_text(play, "endgame.xml").passages] == [
        ("HAMM", "Me to play."),
        (None, "(Pause.)"),
        ("CLOV", "Finished."),
    ]
    # (a record's speaker note before each speech names who an unexplained id is, as ParlaMint writes it)
    council = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div><note type="speaker">The Mayor (Cllr Helen '
    council += 'Marsh):</note><u who="#MarshHelen">Item four.</u><note type="speaker">Cllr Robert Dunn:</note>'
    council += '<u who="#DunnRobert">Thank you.</u><note>(Applause)</note></div></body></text></TEI>'
    assert [(p.speaker, p.text) for p in parse_text(council, "council.xml").passages] == [
        ("Cllr Helen Marsh", "Item four."),
        ("Cllr Robert Dunn", "Thank you."),
        (None, "(Applause)"),
    ]
    prose = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>An essay, no one speaks.</p></body></text></TEI>'
    assert parse_text(prose, "essay.xml").convention["shape"] != "tei"


def test_a_folder_import_picks_up_elan_and_tei_speech_under_xml(tmp_path: Path) -> None:
    """Corpora deliver ELAN and TEI files as .xml too: a folder import takes them (and .eaf, .cha), not other XML."""
    from sayso.corpus.library import Library

    folder = tmp_path / "corpus"
    folder.mkdir()
    tiers = _tier('TIER_ID="A" PARTICIPANT="Ada Park"', [(1, "Hello.")]) + _tier('TIER_ID="B"', [(2, "Hi.")])
    (folder / "elan.xml").write_text(_eaf(tiers), encoding="utf-8")
    (folder / "elan.eaf").write_text(_eaf(tiers), encoding="utf-8")
    tei = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div><u who="#A">Hello.</u><u who="#B">Hi.</u>'
    (folder / "tei.xml").write_text(tei + "</div></body></text></TEI>\n", encoding="utf-8")
    (folder / "chat.cha").write_text(
        "@UTF8\n@Begin\n@Participants:\tCHI Child, MOT Mother\n*MOT:\thi .\n*CHI:\thi .\n@End\n"
    )
    (folder / "feed.xml").write_text('<?xml version="1.0"?><rss><channel><title>News</title></channel></rss>\n')
    report = Library.open(tmp_path / "data").import_paths([folder])
    assert sorted(Path(d.source).name for d in report.documents) == ["chat.cha", "elan.eaf", "elan.xml", "tei.xml"]
