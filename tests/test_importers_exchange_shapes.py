"""Shapes a blind set of transcripts showed sayso reading wrong: YouTube's .sbv captions, tables headed in more
languages, a helpline's chat under its export's fields, a blank left to fill in, a legend describing a code."""

from __future__ import annotations

from sayso.corpus.importers import parse_text
from sayso.corpus.importers.detect import detect_format

SBV = """0:00:00.000,0:00:04.000
[Questions after the talk, 12 March]

0:00:04.500,0:00:09.000
>> HOST (Mira Tan): Our first question comes from the back row.

0:00:09.300,0:00:12.000
>> Dr. Ravi Menon: Thank you, I will keep it short.
And then a second line of the same caption.

0:00:12.500,0:00:15.000
>> HOST: Please go ahead.
"""


def test_youtube_sbv_captions_are_timed_cues_with_their_labels() -> None:
    assert detect_format(SBV, ".sbv") == "sbv"
    assert detect_format(SBV, ".txt") == "sbv"
    doc = parse_text(SBV, "talk.sbv")
    said = [(p.speaker, p.text, p.start) for p in doc.passages if p.speaker]
    assert said[1] == (
        "Dr. Ravi Menon",
        "Thank you, I will keep it short. And then a second line of the same caption.",
        9.3,
    )
    assert said[0][2] == 4.5 and said[2][1] == "Please go ahead."
    assert doc.passages[0].speaker is None and "Questions after the talk" in doc.passages[0].text
    # (prose that mentions a time pair once is no caption file)
    assert detect_format("We met at 0:00:05.500,0:00:12.000 sharp.\nThen we left.\n", ".txt") == "text"


def test_tables_headed_in_swedish_and_bengali() -> None:
    swedish = "\ufeffProjekt;Användartest;;\nModerator;Erik Berg;;\n;;;\nTidkod;Talare;Replik;Skärm\n"
    swedish += "00:01:12;Moderator;Välkommen! Tack för att du ställer upp.;Start\n"
    swedish += "00:01:24;P4;Okej, bra, jag är inte så teknisk.;Start\n"
    swedish += "00:01:30;Moderator;Det gör ingenting. Tänk högt.;Start\n"
    doc = parse_text(swedish, "test.csv")
    assert [(p.speaker, p.start) for p in doc.passages] == [("Moderator", 72.0), ("P4", 84.0), ("Moderator", 90.0)]
    bengali = "# সাক্ষাৎকার\n\n| সময় | বক্তা | বক্তব্য |\n|:----:|-------|---------|\n"
    bengali += "| ০০:০০ | তানিয়া | কত বছর ধরে নৌকা বানাচ্ছেন? |\n| ০০:০৪ | হাশেম মিয়া | পঞ্চাশ বছর তো হইবোই। |\n"
    bengali += "| ০০:১৫ | তানিয়া | কোন কাঠ সবচেয়ে ভালো? |\n"
    doc = parse_text(bengali, "interview.md")
    assert [p.speaker for p in doc.passages if p.speaker] == ["তানিয়া", "হাশেম মিয়া", "তানিয়া"]


def test_a_chat_under_its_exports_fields_and_a_blank_left_to_fill_in() -> None:
    text = "Chat #0847 — Helpline\nExported: 12-03-2024 09:15 by team lead\nChannel: website chat\n"
    text += "Staff: Ruud (volunteer) · Sanne (volunteer)\nNote: confidential.\n" + "-" * 40 + "\n"
    text += "[21:02] *** Visitor started the chat ***\n"
    text += "[21:03] Ruud: Good evening, this is Ruud from the helpline. How can I help?\n"
    text += "[21:04] Visitor: hi. i got a letter from a bailiff\n"
    text += "[21:05] Ruud: That is a shock. When do you have to pay?\n"
    text += "[21:06] Visitor: friday\n"
    text += '[21:08] Ruud: Here is a draft: "Dear sir or madam, about your letter (reference ......) I propose '
    text += 'to pay 60 euros a month." Fill in the reference yourself.\n'
    text += "[21:09] Visitor: thank you\n"
    doc = parse_text(text, "chat.txt")
    said = [(p.speaker, p.text[:14]) for p in doc.passages if p.speaker]
    assert said[0] == ("Ruud", "Good evening, ")
    assert ("Ruud", "Here is a draf") in said and said[-1] == ("Visitor", "thank you")
    assert len(said) == 6


def test_a_legend_that_describes_a_code_with_the_persons_name_in_it() -> None:
    text = "Jornada 27 · Albufera 2 – 1 Alcarreño\nDeclaraciones de: IKER SALVATIERRA, capitán\n"
    text += "P. = preguntas de los periodistas acreditados\nR. = respuestas de Iker Salvatierra\n\n"
    turns = [
        ("P", "Iker, ¿qué ha pasado en la primera parte?"),
        ("R", "Bueno, ellos han apretado muy arriba, como esperábamos."),
        ("P", "¿Cómo has visto el penalti del empate?"),
        ("R", "Yo lo he visto desde lejos, ¿eh? No voy a entrar."),
        ("P", "¿Se puede soñar con el ascenso?"),
        ("R", "Soñar es gratis. Partido a partido."),
    ]
    text += "\n".join(f"{code}.— {words}" for code, words in turns) + "\n"
    doc = parse_text(text, "zona_mixta.txt")
    assert [p.speaker for p in doc.passages if p.speaker] == ["P", "Iker Salvatierra"] * 3
    # A description naming no one, or in a script without capitals, gives the code no name.
    thai = "ผู้เข้าร่วม:\n  P1 – ชาย อายุ 67 ปี ครูบำนาญ\n  P2 – หญิง อายุ 54 ปี\n\n"
    thai += "P1: ผมขอเสริมนะครับ ปัญหาไม่ใช่แค่ค่ารถ\n\nP2: ดิฉันเห็นด้วยค่ะ\n\nP1: อันนี้ผมว่าเข้าท่าครับ\n\nP2: ใช่ค่ะ\n"
    assert {p.speaker for p in parse_text(thai, "fg.txt").passages if p.speaker} == {"P1", "P2"}
