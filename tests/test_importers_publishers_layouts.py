"""Layouts publishers and tools really use that a blind set of transcripts showed sayso reading wrong (set 39):
a house's presiding officer, numbered questions to ministers, a central bank's press conference, a web page's
earnings call, an oral history's audio-file times, captions for the deaf, a court reporter's footer.  Every text
here is written for these tests."""

from __future__ import annotations

from sayso.corpus.conventions import is_uncertain
from sayso.corpus.importers import parse_text


def _speakers(text: str, name: str = "doc.txt") -> list[str | None]:
    return [p.speaker for p in parse_text(text, name).passages if p.speaker]


def test_a_houses_speaker_is_its_presiding_officer_not_anyone_of_a_group() -> None:
    """New Zealand's Hansard labels the presiding officer "SPEAKER:" among named members: it was warned about
    as a label for anyone (an audience's "Speaker"), and a numbered question to a minister was no one's."""
    text = "DRAFT TRANSCRIPT: This is a draft transcript and is subject to correction.\n\n"
    text += "The House met at 2 p.m. The Speaker (Rt Hon Ana Fifita) took the Chair.\n\nQUESTIONS FOR ORAL ANSWER\n\n"
    text += "1. RAWIRI TANE (Labour—Hauraki) to the Minister of Health: Does she stand by her statement?\n\n"
    text += "Hon JUDITH COLE (Minister of Health): Yes, I do, and I will tell the House why.\n\n"
    text += "RAWIRI TANE: Can she confirm that the clinic closed early three nights last week?\n\n"
    text += "SPEAKER: Order! The member will ask his question without the embellishment.\n\n"
    text += "Hon JUDITH COLE: I can confirm that a nurse was on site on two of those nights.\n\n"
    text += "Dr ELISE MARCH (Green): How many localities have a doctor every night?\n\n"
    text += "SPEAKER: Order! The Minister may answer.\n\nHon JUDITH COLE: I will provide that figure in writing.\n\n"
    text += "SPEAKER: Question No. 2, Tom Byrne.\n\n"
    text += "2. TOM BYRNE (National—Nelson) to the Minister of Transport: What has he announced?\n\n"
    text += "Hon PETER HAY (Minister of Transport): The road reopens on Friday.\n"
    doc = parse_text(text, "hansard.txt")
    assert not doc.warnings
    assert _speakers(text) == [
        "Rawiri Tane", "Hon Judith Cole", "Rawiri Tane", "Speaker", "Hon Judith Cole", "Dr Elise March", "Speaker",
        "Hon Judith Cole", "Speaker", "Tom Byrne", "Hon Peter Hay"]  # fmt: skip
    assert doc.passages[0].speaker is None  # ("DRAFT TRANSCRIPT:" is the record's status)
    # ...but "Speaker" where no house's officer is named is still anyone's
    unnamed = text.replace("The Speaker (Rt Hon Ana Fifita) took the Chair.", "Members took their seats.")
    assert any("'Speaker'" in w for w in parse_text(unnamed, "forum.txt").warnings)


def test_a_press_conference_names_each_reporter_once_in_capitals_with_a_stop() -> None:
    """A central bank's transcript: "CHAIR HADLEY." and "MICHAEL ROURKE." recur, each reporter is heard once
    ("CLAUDIA JEROME. Hi, Claudia Jerome, ..."): their questions went to the press officer who called them."""
    text = "CHAIR HADLEY. Good afternoon. Today we lowered the target range by a quarter point.\n\n"
    text += "MICHAEL ROURKE. Howard.\n\nHOWARD BELL. Thank you. Howard Bell, Capital Wire. Was it unanimous?\n\n"
    text += "CHAIR HADLEY. There was one dissent.\n\nMICHAEL ROURKE. Claudia.\n\n"
    text += "CLAUDIA JEROME. Hi, Claudia Jerome, Market Ledger. How much of inflation is tariffs?\n\n"
    text += "CHAIR HADLEY. Three or four tenths of core goods.\n\nMICHAEL ROURKE. Nathan.\n\n"
    text += "NATHAN TOLL. Nathan Toll, Business Radio. Are young workers finding jobs?\n\n"
    text += "CHAIR HADLEY. Less easily than a year ago.\n\nHOWARD BELL. Just to follow up, is this a series?\n\n"
    text += "CHAIR HADLEY. Meeting by meeting.\n"
    assert _speakers(text) == [
        "Chair Hadley", "Michael Rourke", "Howard Bell", "Chair Hadley", "Michael Rourke", "Claudia Jerome",
        "Chair Hadley", "Michael Rourke", "Nathan Toll", "Chair Hadley", "Howard Bell", "Chair Hadley"]  # fmt: skip


def test_a_web_pages_earnings_call_names_its_operator_in_bold_and_its_contents_are_no_one() -> None:
    """A finance site's call: "**Operator**" alone in bold, the others "Name -- Role"; the page's contents list
    and section heading ("Prepared Remarks" twice) were read as a speaker."""
    html = "<h1>Acme (ACME) Q2 Earnings Call Transcript</h1><h2>Contents:</h2>"
    html += "<ul><li>Prepared Remarks</li><li>Questions and Answers</li><li>Call Participants</li></ul>"
    html += "<h2>Prepared Remarks:</h2><p><strong>Operator</strong></p><p>Good morning and welcome to the call.</p>"
    html += "<p><strong>Ann Lee</strong> -- <em>Chief Executive Officer</em></p><p>Thanks. Revenue grew 9%.</p>"
    html += "<h2>Questions &amp; Answers:</h2><p><strong>Operator</strong></p><p>Our first question, please.</p>"
    html += "<p><strong>Raj Iyer</strong> -- <em>Analyst</em></p><p>How is July tracking against June?</p>"
    html += "<p><strong>Ann Lee</strong> -- <em>Chief Executive Officer</em></p><p>In line, slightly better.</p>"
    html += "<p><strong>Operator</strong></p><p>This concludes the call. You may now disconnect.</p>"
    doc = parse_text(html, "call.html")
    assert [p.speaker for p in doc.passages if p.speaker] == [
        "Operator", "Ann Lee", "Operator", "Raj Iyer", "Ann Lee", "Operator"]  # fmt: skip
    assert "Prepared Remarks" not in doc.speakers


def test_an_oral_historys_times_carry_the_audio_files_number() -> None:
    """A university's oral history times each turn by its audio file and the time in it, "01-00:00:04", on a line
    over "Surname: words": nothing was read."""
    turns = [("Oyelowo", "Could we start with where you were born?"), ("Garrity", "In Stockton, in 1941."),
             ("Oyelowo", "What did your father do?"), ("Garrity", "He was a mechanic on the lines."),
             ("Oyelowo", "And your mother?"), ("Garrity", "She worked the sorting belts.")]  # fmt: skip
    text = "Interview 1: March 4, 2024\n[Begin Audio File 1]\n\n"
    text += "".join(f"01-00:0{i}:1{i}\n{who}: {words}\n\n" for i, (who, words) in enumerate(turns))
    doc = parse_text(text, "oral.txt")
    assert [p.speaker for p in doc.passages if p.speaker] == [who for who, _ in turns]
    assert doc.passages[-1].start == 5 * 60 + 15


def test_captions_for_the_deaf_say_how_a_voice_sounds_in_brackets_as_they_name_speakers() -> None:
    srt = "1\n00:00:01,000 --> 00:00:03,000\n[RHIANNON PRYCE]\nWhy speak out now?\n\n"
    srt += "2\n00:00:03,200 --> 00:00:06,000\n[KWAME BOYD]\nBecause children were\nwalking across that bridge\n\n"
    srt += (
        "3\n00:00:06,200 --> 00:00:09,000\nthe day before it was shut.\n[VOICE BREAKING] I couldn't live with that.\n\n"
    )
    srt += "4\n00:00:09,200 --> 00:00:11,000\n[RHIANNON PRYCE]\nWhat did the council say?\n\n"
    srt += "5\n00:00:11,200 --> 00:00:13,000\n[KWAME BOYD]\nNothing. [PHONE RINGING]\n"
    doc = parse_text(srt, "interview.srt")
    assert set(doc.speakers) == {"Rhiannon Pryce", "Kwame Boyd"}


def test_a_court_reporters_firm_over_its_page_number_is_no_one() -> None:
    """A reporter's footer on every page, "NORTHSTAR REPORTING INC.  –  Page 2", was read as a speaker whose
    turns took in the next speaker's words."""
    text = "            MS. BERGERON:  Good evening, everyone. Mr. Halvorson.\n\n"
    text += "            MR. HALVORSON:  Thank you. We propose sixteen turbines.\n\n"
    text += "                         NORTHSTAR REPORTING INC.  –  Page 1\n\n"
    text += "            MR. TREMBLAY:  Who do I call at two in the morning?\n\n"
    text += "            MR. HALVORSON:  You'll have it in writing.\n\n\n"
    text += "                         NORTHSTAR REPORTING INC.  –  Page 2\n\n"
    text += "            MS. BERGERON:  Next question. Ma'am.\n\n"
    text += "            MS. McCRAE:  Who takes the turbines down?\n\n"
    text += "                         NORTHSTAR REPORTING INC.  –  Page 3\n\n"
    text += "            MR. HALVORSON:  The bond pays for it.\n"
    doc = parse_text(text, "session.txt")
    assert set(doc.speakers) == {"Ms. Bergeron", "Mr. Halvorson", "Mr. Tremblay", "Ms. McCrae"}


def test_a_ministers_office_and_portfolio_before_the_name_is_a_label() -> None:
    """Austria's Nationalrat names a minister by office, portfolio and name ("Bundesministerin für Justiz Dr.
    Elisabeth Danzer:"), often once and often longer than a name: her speech went to the chair who called her."""
    text = "Präsidentin Mag. Ingrid Hollerer: Zu Wort gemeldet hat sich Frau Bundesministerin Dr. Danzer. – Bitte.\n\n"
    text += "Bundesministerin für Justiz Dr. Elisabeth Danzer: Sehr geehrte Frau Präsidentin! Ich danke für die "
    text += "sachliche Debatte.\n\n"
    text += "Präsidentin Mag. Ingrid Hollerer: Nächster Redner: Herr Abgeordneter Gruber. – Bitte.\n\n"
    text += "Abgeordneter Thomas Gruber: Frau Präsidentin! Frau Ministerin! Das reicht nicht.\n\n"
    text += "Präsidentin Mag. Ingrid Hollerer: Zu Wort gemeldet hat sich Herr Staatssekretär Mohr.\n\n"
    text += "Staatssekretär im Finanzministerium Dr. Hans Mohr: Frau Präsidentin! Hohes Haus! Ich mache es kurz.\n"
    speakers = _speakers(text)
    assert speakers[1] == "Elisabeth Danzer"  # (the office and portfolio are her role, as his below)
    assert speakers[-1] == "Hans Mohr" and len(speakers) == 6


def test_a_council_records_notes_in_parentheses_and_its_agenda_items_are_no_ones() -> None:
    """A Turkish council's "(Karar No: 2025/47)" after a vote and its "GÜNDEM MADDESİ 4:" were read as speakers
    (a record's interjections from the floor are written in parentheses too)."""
    text = "GÜNDEM MADDESİ 4: Fındıklı Mahallesi imar planı değişikliğinin görüşülmesi.\n\n"
    text += "MECLİS BAŞKANI: Gündemin dördüncü maddesine geçiyoruz. Söz isteyen var mı?\n\n"
    text += "MECLİS ÜYESİ AHMET KAYA: Sayın Başkan, grup olarak bu değişikliğe karşıyız.\n\n"
    text += "MECLİS BAŞKANI: Teşekkür ederim. Oylarınıza sunuyorum. Kabul edilmiştir.\n\n"
    text += "(Karar No: 2025/47)\n\n"
    text += "MECLİS ÜYESİ ZEYNEP ÖZKAN: Sayın Başkan, bir sonraki maddeyi okuyabilir miyiz?\n\n"
    text += "MECLİS BAŞKANI: Tabii, okuyoruz.\n"
    doc = parse_text(text, "tutanak.txt")
    assert len(doc.speakers) == 3 and not any(s.startswith(("Karar", "Gündem")) for s in doc.speakers)


def test_a_senators_party_and_purpose_in_parentheses_run_long_before_the_dash() -> None:
    text = "O SR. PRESIDENTE (Ivo Carvalhaes. Bloco Parlamentar Democracia/MDB - PA) – Passo a palavra à Senadora.\n\n"
    text += "A SRA. TATIANA MENEZES FREIRE (Bloco Parlamentar da Resistência Democrática/PT - BA. Para interpelar.) "
    text += "– Obrigada, Presidente. O que o protocolo precisaria conter?\n\n"
    text += "O SR. JOÃO BATISTA SIQUEIRA – Senadora, três coisas simples: um telefone que atenda.\n\n"
    text += "A SRA. TATIANA MENEZES FREIRE (PT - BA) – Anotado.\n\n"
    text += "O SR. PRESIDENTE (Ivo Carvalhaes. Bloco Parlamentar Democracia/MDB - PA) – Encerrada a reunião.\n"
    assert _speakers(text) == ["O Sr. Presidente", "A Sra. Tatiana Menezes Freire", "O Sr. João Batista Siqueira",
                               "A Sra. Tatiana Menezes Freire", "O Sr. Presidente"]  # fmt: skip


def test_a_podcast_page_puts_the_dash_after_the_name_inside_the_bold() -> None:
    """A Ukrainian podcast's page: "**Олена Гнатюк —** Вітаємо..."; nothing was read."""
    said = [("Олена Гнатюк", "Вітаємо вас у подкасті. Мене звати Олена."), ("Андрій Мельничук", "А я Андрій."),
            ("Олена Гнатюк", "Наша гостя — Ірина Коваль. Ірино, вітаємо."), ("Ірина Коваль", "Привіт! Дякую."),
            ("Андрій Мельничук", "Почнімо з простого: навіщо?"), ("Ірина Коваль", "Бо я не вмію варити каву.")]  # fmt: skip
    text = "# Книжка на розі\n\n" + "".join(f"**{who} —** {words}\n\n" for who, words in said)
    assert _speakers(text, "ep.md") == [who for who, _ in said]


def test_an_interview_guides_probes_and_prompts_are_no_one() -> None:
    text = 'SECTION B\nInterviewer: "Can you tell me how things have been?"\nProbe: household changes\n'
    text += 'Prompt: "You mentioned last time that..."\nInterviewer: "And the heating?"\nProbe: rationing\n'
    assert "Probe" not in parse_text(text, "guide.txt").speakers
    assert "Prompt" not in parse_text(text, "guide.txt").speakers


def test_a_zoom_transcript_names_in_brackets_a_time_after_and_pronouns() -> None:
    """Zoom's saved transcript puts the name in brackets and the time after it over the words ("[Ada Park]
    18:01:07"), and a display name often carries the person's pronouns ("[Ken Okada (he/him)]"): the time was read
    as the first words and Ken Okada's turns went to the speaker before."""
    text = "[Ada Park] 18:01:07\nHi everyone, one more minute.\n\n[Ken Okada (he/him)] 18:01:20\nCan you hear me?\n\n"
    text += "[Ada Park] 18:01:25\nWe can, Ken.\n\n[Ken Okada (he/him)] 18:01:30\nGreat. Go ahead.\n"
    doc = parse_text(text, "zoom.txt")
    assert [(p.speaker, p.text) for p in doc.passages] == [
        ("Ada Park", "Hi everyone, one more minute."),
        ("Ken Okada", "Can you hear me?"),
        ("Ada Park", "We can, Ken."),
        ("Ken Okada", "Great. Go ahead."),
    ]
    assert [p.start for p in doc.passages][:2] == [18 * 3600 + 67, 18 * 3600 + 80]


def test_a_bloomberg_transcripts_names_over_the_words() -> None:
    """Bloomberg's transcripts set each speaker apart over their words with a link to their profile ("Dana
    Whitcombe {BIO 20418877 <GO>}"), an analyst's question and its answer after "Q - " and "A - "; the
    participants listed with a comma ("Dana Whitcombe, Vice President") let a name heard once speak."""
    text = "Company Ticker: TMFS US Equity\nDate: 2025-07-31\n\n"
    text += "Company Participants\n\nDana Whitcombe, Vice President, Investor Relations\n"
    text += "Robert Kessling, Chief Executive Officer\n\nOther Participants\n\nPaul Brennan, Analyst, Calder Rowe\n\n"
    text += "Presentation\n\nOperator\n\nGood morning, and welcome to the call.\n\n"
    text += "Dana Whitcombe {BIO 20418877 <GO>}\n\nThank you, Andrea, and good morning, everyone.\n\n"
    text += "Robert Kessling {BIO 17263340 <GO>}\n\nThanks, Dana. We delivered a solid quarter.\n\n"
    text += "Questions And Answers\n\nOperator\n\nOur first question comes from Paul Brennan.\n\n"
    text += "Q - Paul Brennan {BIO 19022451 <GO>}\n\nHow much of the growth is one-time?\n\n"
    text += "A - Robert Kessling {BIO 17263340 <GO>}\n\nRoughly 60% is recurring.\n\n"
    text += "Q - Paul Brennan {BIO 19022451 <GO>}\n\nGreat, thanks.\n\nOperator\n\nThat concludes the call.\n"
    assert _speakers(text, "call.txt") == ["Operator", "Dana Whitcombe", "Robert Kessling", "Operator",
                                           "Paul Brennan", "Robert Kessling", "Paul Brennan", "Operator"]  # fmt: skip


def test_what_the_new_layouts_leave_alone() -> None:
    """A reviewer's ordinary documents that the first versions of these rules misread: a rota's "[Ada Park] 07:30"
    (a shift, no seconds), a play's "[THOMAS (not looking up)]", an earnings call's heading with a role over a time
    before the words, an investor contact's name over a phone number, a minister with three names after "Mag."."""
    rota = "Ward 7 rota\n\n[Ada Park] 07:30\n[Ben Cho] 07:30\n[Ada Park] 19:30\n[Ben Cho] 19:30\n"
    assert [p.text for p in parse_text(rota, "rota.txt").passages] == ["07:30", "07:30", "19:30", "19:30"]
    play = "[THOMAS (not looking up)] You're late.\n\n[MARA] The trains.\n\n[THOMAS] Again?\n\n[MARA] Again.\n"
    assert "Thomas (not looking up)" not in _speakers(play, "play.txt")
    at = "Stenographisches Protokoll\n\nPräsident Wolfgang Sobotka: Der Herr Bundesminister.\n\n"
    at += "Bundesminister für Landesverteidigung und Sport Mag. Hans Peter Doskozil: Hohes Haus!\n\n"
    at += "Präsident Wolfgang Sobotka: Danke.\n"
    assert _speakers(at) == ["Präsident Wolfgang Sobotka", "Hans Peter Doskozil", "Präsident Wolfgang Sobotka"]


def test_a_caller_a_voice_from_the_hall_and_a_credit_line() -> None:
    """A radio page names a caller by the given name with the role after it ("Bev (caller, Bootle)") set apart over
    her words; a Polish panel's "Głos z sali:" (a voice from the hall) is an unnamed voice's turn, not the
    moderator's words; the page's closing credit ("Fot. Kasia Lenart. Zapis: Tomasz Jeleń.") is no speaker (a
    full stop after a name's word ends a sentence, not a name)."""
    radio = "Southside Sessions\n\nCallum Reid\n\nWe've got a caller. Bev, you're on air.\n\n"
    radio += "Bev (caller, Bootle)\n\nHiya Callum, hiya Noor. My grandson's on that wall.\n\n"
    radio += "Noor Haddad\n\nOh, I remember him! He wanted the ball bigger.\n\nBev (caller, Bootle)\n\nThat's him.\n\n"
    radio += "Callum Reid\n\nThanks, Bev.\n\nNoor Haddad\n\nThank you.\n"
    assert _speakers(radio) == ["Callum Reid", "Bev", "Noor Haddad", "Bev", "Callum Reid", "Noor Haddad"]
    pl = "Panel\n\nJoanna Wierzbicka: Zacznijmy od pytania.\n\nMarek Zaremba: Dobrze, zaczynajmy.\n\n"
    pl += "Joanna Wierzbicka: Mamy czas na jedno pytanie z sali. Proszę.\n\n"
    pl += "Głos z sali: Dzień dobry, jestem nauczycielką. Które książki polecacie?\n\n"
    pl += "Marek Zaremba: Opowiadania, nie powieści.\n\nJoanna Wierzbicka: Dziękuję państwu.\n\n"
    pl += "Fot. Kasia Lenart. Zapis: Tomasz Jeleń. Festiwal jest współfinansowany ze środków Miasta.\n"
    doc = parse_text(pl, "panel.txt")
    assert [p.speaker for p in doc.passages] == ["Joanna Wierzbicka", "Marek Zaremba", "Joanna Wierzbicka",
                                                 "Głos z sali", "Marek Zaremba", "Joanna Wierzbicka"]  # fmt: skip
    assert "Fot. Kasia Lenart" not in doc.speakers and not doc.warnings


def test_owners_by_their_flats_number_as_the_minutes_key_gives_them() -> None:
    """A condominium's minutes label owners by their flat ("Apto 304:"), the header's list giving each flat's owner
    ("Apto 304 – Jefferson Nakamura (proprietário)"); the chair is "Presidente da mesa:", a role as a phrase (it
    had been cut to "Presidente da" with a party "mesa")."""
    text = "ATA DA ASSEMBLEIA\n\nApto 304 – Jefferson Nakamura (proprietário)\n"
    text += "Apto 602 – Patrícia Albuquerque (proprietária) – síndica\n\n"
    text += "Presidente da mesa: Passamos ao item dois. Dona Patrícia?\n\nApto 602: Posso. Temos três orçamentos.\n\n"
    text += "Apto 304: Trinta e oito mil rateado entre todos?\n\nApto 602: Por fração ideal, sim.\n\n"
    text += "Presidente da mesa: Vamos à votação.\n"
    assert _speakers(text) == ["Presidente da mesa", "Patrícia Albuquerque", "Jefferson Nakamura",
                               "Patrícia Albuquerque", "Presidente da mesa"]  # fmt: skip


def test_japanese_minutes_name_each_speaker_in_full_width_parentheses() -> None:
    """A Japanese neighbourhood association's minutes open each remark with the speaker's surname in full-width
    parentheses ("（大島）それでは"), as Western transcripts write "(Ada Park) Hello"; numbered items in them
    ("（１）夏祭り収支報告") and a laugh ("（笑）") are not speakers."""
    text = "役員会　議事録\n\n（１）夏祭り収支報告\n\n会計より報告があった。\n\n（２）秋季防災訓練について\n\n"
    text += "（大島）それでは二つ目、防災訓練です。石井さん、お願いします。\n\n（石井）はい。資料２をご覧ください。\n\n"
    text += "（坂口）段ボールベッドは何台くらい来るんですか。\n\n（石井）市の防災課から５台借ります。\n\n"
    text += "（大島）それは前から言われていますね。（笑）\n\n（坂口）わかりました。\n"
    assert _speakers(text) == ["大島", "石井", "坂口", "石井", "大島", "坂口"]


def test_a_meeting_rooms_device_among_named_people_is_warned_about() -> None:
    """Webex, Teams and Zoom label a room's turns with its device ("HSC-Boardroom-2 (Room Kit Pro)"), for whoever
    speaks in the room: several people under one label, read as one speaker and said (as it is for captions)."""
    text = "Webex Meeting Transcript\n\n"
    turns = [("Renata Lisowski", "Who have we got in the room?"), ("HSC-Boardroom-2", "It's Karen, with Phil and Deepa."),
             ("Gareth Pym", "The contract is signed."), ("HSC-Boardroom-2", "The scaffold is not the problem."),
             ("Renata Lisowski", "What is, then?"), ("HSC-Boardroom-2", "Phil here. It's the asbestos survey."),
             ("Gareth Pym", "Understood.")]  # fmt: skip
    text += "".join(
        f"09:0{k}:00 | {who.replace('-2', '-2 (Room Kit Pro)')}\n{said}\n\n" for k, (who, said) in enumerate(turns)
    )  # (the device with the tool's note: no office and its holder, "Room Kit Pro")
    doc = parse_text(text, "webex.txt")
    assert [p.speaker for p in doc.passages if p.speaker][:3] == ["Renata Lisowski", "HSC-Boardroom-2", "Gareth Pym"]
    assert is_uncertain(doc.convention)
    assert any("3 turns are under 'HSC-Boardroom-2', a meeting room's name" in w for w in doc.warnings)
