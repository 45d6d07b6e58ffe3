"""Offices over turns that the document names the holder of, in any language's list or note, and records' labels in
bold with their stop inside the bold."""

from __future__ import annotations

from sayso.corpus.conventions import is_uncertain
from sayso.corpus.importers import parse_text


def _said(text: str, name: str = "x.md") -> list[str | None]:
    return [p.speaker for p in parse_text(text, name).passages if p.speaker]


#: A Hungarian-style hearing record: roles as labels, the people named beside their roles in small letters.
HEARING = """VÁROSI BÍRÓSÁG

JEGYZŐKÖNYV

**Jelen vannak:** dr. Lengyel Mária bíró, Halász Ottó jegyzőkönyvvezető, dr. Sipos Béla ügyész, Papp Dóra tanú.

**Bíró:** Megnyitom a tárgyalást. Kérem a tanút, mondja el, mit látott.

**Tanú:** Este hét körül láttam a férfit a kapu előtt.

**Bíró:** Biztos benne, hogy ő volt az?

**Tanú:** Igen, egészen biztos vagyok benne.

**Ügyész:** Köszönöm, nincs több kérdésem.

**Bíró:** A tárgyalást berekesztem.

dr. Lengyel Mária s.k. bíró                    Halász Ottó s.k. jegyzőkönyvvezető
"""


def test_an_office_takes_the_name_a_list_writes_beside_it() -> None:
    assert _said(HEARING) == [
        "Lengyel Mária",
        "Papp Dóra",
        "Lengyel Mária",
        "Papp Dóra",
        "Sipos Béla",
        "Lengyel Mária",
    ]
    doc = parse_text(HEARING, "x.md")
    assert "Bíró" in doc.speakers["Lengyel Mária"]  # (the office kept, to find her by it)


def test_an_office_named_in_a_heading_line_or_a_field_in_other_languages() -> None:
    # Italy's Senate: the chair named in the sitting's heading, "Presidenza della vice presidente ..." (a form of the
    # office's word); France's minutes: "Présidence : M. Jean Dupont, Maire" over "M. le Maire"
    it = "RESOCONTO STENOGRAFICO\n\nPresidenza della vice presidente Laura Fontana\n\n"
    it += "**PRESIDENTE.** Dichiaro aperta la seduta. Ha facoltà di parlare il senatore Greco.\n\n"
    it += "**GRECO (Misto).** Signora Presidente, chiedo che il Governo riferisca in Aula.\n\n"
    it += "**PRESIDENTE.** Ne prendo atto. Ha facoltà di parlare la senatrice Conti.\n\n"
    it += "**CONTI (PD).** Signora Presidente, mi associo alla richiesta del collega.\n\n"
    it += "**PRESIDENTE.** La seduta è tolta.\n"
    assert _said(it) == ["Laura Fontana", "Greco", "Laura Fontana", "Conti", "Laura Fontana"]
    fr = "PROCÈS-VERBAL\n\n**Présidence :** M. Jean Dupont, Maire\n\n**Présents :** Mme Lucie Roy, M. Paul Nadal\n\n"
    fr += "**M. le Maire :** Nous passons au point 3. Madame Roy, vous avez la parole.\n\n"
    fr += "**Mme Roy :** Merci, Monsieur le Maire. Le budget est en hausse de deux pour cent.\n\n"
    fr += "**M. le Maire :** Merci. Monsieur Nadal ?\n\n**M. Nadal :** Nous voterons pour.\n\n"
    fr += "**M. le Maire :** Le point est adopté.\n"
    assert _said(fr)[0] == "Jean Dupont" and _said(fr).count("Jean Dupont") == 3
    # a Dutch list's initials with the given name after them: "A.J. (Anna) Smit, burgemeester en voorzitter"
    nl = "Notulen van de raad\n\n**Aanwezig:** mr. A.J. (Anna) Smit, burgemeester en voorzitter; de heer P. Bos\n\n"
    nl += "De voorzitter: Ik open de vergadering. De heer Bos heeft het woord.\n\n"
    nl += "De heer Bos: Dank u, voorzitter. Wij steunen het voorstel.\n\nDe voorzitter: Dank u wel.\n\n"
    nl += "De heer Bos: Graag gedaan, voorzitter.\n"
    assert _said(nl) == ["Anna Smit", "De heer Bos", "Anna Smit", "De heer Bos"]


def test_an_office_is_left_where_the_document_does_not_say_whose_it_is() -> None:
    # the office's word inside a name ("Bíró Zoltán" is a man named Bíró), no one named beside it
    inside = HEARING.replace("dr. Lengyel Mária bíró, ", "Bíró Zoltán, ").replace("dr. Lengyel Mária s.k. bíró", "")
    assert _said(inside).count("Bíró") == 3
    # two people named beside it: either may hold it
    two = HEARING.replace("Papp Dóra tanú.", "Papp Dóra tanú, dr. Kiss Anna bíró.")
    assert _said(two).count("Bíró") == 3
    # named again while the turns go on: the chair may have changed hands
    moved = HEARING.replace("**Ügyész:**", "(dr. Lengyel Mária bíró elhagyja a termet.)\n\n**Ügyész:**")
    assert _said(moved).count("Bíró") == 3
    # a surname alone as a label is no office, whatever a list writes after someone's name ("Mr. Frank, Kanjorski")
    rec = "Present: Representatives Ada Frank, Kanjorski and Lee.\n\nMr. FRANK. I yield.\n\nMr. KANJORSKI. I thank "
    rec += "the gentleman.\n\nMr. FRANK. Indeed.\n\nMr. KANJORSKI. Then we agree.\n"
    assert set(_said(rec, "x.txt")) == {"Mr. Frank", "Mr. Kanjorski"}


def test_a_record_label_that_lost_its_bold_is_one_more_of_the_records() -> None:
    """The Italian Senate's labels in bold with the stop inside the bold; one pasted without its bold ("RUSSO (M5S).
    ...", heard once) went to the chair before it, silently."""
    it = "**PRESIDENTE.** Ha facoltà di parlare il senatore Greco.\n\n"
    it += "**GRECO (Misto).** Signora Presidente, chiedo che il Governo riferisca in Aula.\n\n"
    it += "**PRESIDENTE.** Ha facoltà di parlare il senatore Russo.\n\n"
    it += "RUSSO (M5S). Signora Presidente, sarò breve: voteremo contro.\n\n"
    it += "**PRESIDENTE.** Ha facoltà di parlare la senatrice Conti.\n\n"
    it += "**CONTI (PD).** Signora Presidente, mi associo alla richiesta del collega.\n\n"
    it += "PRESIDENTE. La seduta è tolta.\n"
    assert _said(it) == ["Presidente", "Greco", "Presidente", "Russo", "Presidente", "Conti", "Presidente"]


#: A two-page record in the Turkish Assembly's layout: a running head at each page's top, the page's number at its
#: foot, turns opening with an indent, a name in capitals and the province, a dash; the deputy minister's label an
#: office and a name in capitals, as the chair names him in ordinary case.
ASSEMBLY = """GENEL KURUL TUTANAĞI
54'üncü Birleşim

BAŞKAN: Başkan Vekili Leyla KARACA

MECLİS                        B: 54          12 . 3 . 2025             O: 1
  BAŞKAN – Sayın milletvekilleri, gündem dışı ilk söz İzmir Milletvekili Deniz
Aydın'a aittir. Buyurun Sayın Aydın.
  DENİZ AYDIN (İzmir) – Sayın Başkan, değerli milletvekilleri; zeytin
üreticileri bu yıl çok zor durumda. Destek bekliyoruz.
  BAŞKAN – Teşekkür ederiz Sayın Aydın. İkinci söz Konya Milletvekili Selim
Tuna'ya aittir.
  SELİM TUNA (Konya) – Sayın Başkan, hububat fiyatları açıklandı, çiftçimiz
memnun değil. Bunu Bakanlığın dikkatine sunuyorum.
  BAŞKAN – Teşekkür ederiz. Hükûmet adına Tarım Bakan Yardımcısı Sayın Kemal
Işık cevap verecektir.

                                      45

MECLİS                        B: 54          12 . 3 . 2025             O: 1
  TARIM BAKAN YARDIMCISI KEMAL IŞIK (Kayseri) – Sayın Başkan, değerli
milletvekilleri; zarar tespit çalışmaları sürüyor ve destekler açıklanacak.
  BAŞKAN – Teşekkür ederiz Sayın Işık. Birleşime on dakika ara veriyorum.

                                      46
"""


def test_a_running_head_at_each_pages_top_and_an_office_in_capitals_before_a_name_the_record_gives() -> None:
    doc = parse_text(ASSEMBLY, "tutanak.txt")
    said = [(p.speaker, p.text.split()[0]) for p in doc.passages if p.speaker]
    assert [who for who, _ in said] == [
        "Başkan Vekili Leyla KARACA",
        "Deniz Aydın",
        "Başkan Vekili Leyla KARACA",
        "Selim Tuna",
        "Başkan Vekili Leyla KARACA",
        "Kemal Işık",
        "Başkan Vekili Leyla KARACA",
    ]
    assert not any("MECLİS" in p.text for p in doc.passages)  # (the running head, at both pages' tops, is gone)
    assert any(s["reason"] == "page header or footer" for s in doc.dropped or [])
    # (a name the record never writes in ordinary case stays unread, as before: no name is guessed from capitals)
    unnamed = ASSEMBLY.replace("Sayın Kemal\nIşık cevap", "Sayın Bakan Yardımcısı\ncevap")
    assert "Kemal Işık" not in {p.speaker for p in parse_text(unnamed, "tutanak.txt").passages}


def test_initials_with_a_space_between_their_stops_are_the_full_name_they_stand_for() -> None:
    """A Ukrainian broadcaster's text names each speaker in full at the first turn, then by initials with a space
    between them ("О. М.:"), as its header keys them ("(далі — О. М.)"): one person each, not four speakers."""
    text = "Ведуча — Олена Марченко (далі — О. М.)\nГість — Тарас Коваль (далі — Т. К.)\n\n"
    text += "Олена Марченко: Добрий вечір. Сьогодні говоримо про ринок праці.\n\n"
    text += "Тарас Коваль: Добрий вечір, дякую за запрошення.\n\n"
    text += "О. М.: Скільки людей зараз шукають роботу?\n\nТ. К.: Близько дванадцяти тисяч.\n\n"
    text += "О. М.: А вакансій скільки?\n\nТ. К.: Майже чотири тисячі.\n"
    said = _said(text, "x.txt")
    assert said == ["Олена Марченко", "Тарас Коваль"] * 3
    assert "О. М." in parse_text(text, "x.txt").speakers["Олена Марченко"]


def test_labels_of_a_surname_an_office_and_a_given_name_take_the_listed_full_name() -> None:
    """A Legislative Yuan record labels members by surname, office and given name ("王委員志明："), the chair by office,
    its field naming the holder in the same shape ("主　　席　陳委員美玲"); a Diet record labels by surname and office
    ("山本委員長"), its list spacing the surname from the given name with the honorific 君.  Each goes by the full
    name the list gives."""
    yuan = "交通委員會會議紀錄\n主\u3000\u3000席\u3000陳委員美玲\n出席委員\u3000陳美玲\u3000王志明\u3000李國華\n"
    yuan += "列席官員\u3000交通部部長\u3000張文德\n\n"
    yuan += "主席：現在開始詢答。首先請王委員志明發言。\n王委員志明：謝謝主席。有請張部長。\n"
    yuan += "張部長文德：委員好。\n王委員志明：誤點的情況非常嚴重，你知道嗎？\n張部長文德：我們有掌握，正在改善。\n"
    yuan += "主席：請李委員國華發言。\n李委員國華：謝謝主席。我想請教部長。\n"
    assert _said(yuan, "x.txt") == ["陳美玲", "王志明", "張文德", "王志明", "張文德", "陳美玲", "李國華"]
    diet = "国土交通委員会議録\n出席委員\n委員長\u3000山本\u3000一郎君\n理事\u3000小林花子君\u3000理事\u3000佐藤\u3000誠君\n"
    diet += "出席国務大臣\n国土交通大臣\u3000\u3000中川\u3000\u3000修君\n―――――――――――――\n"
    diet += (
        "○山本委員長\u3000これより会議を開きます。小林花子君。\n○小林委員\u3000立憲民主党の小林です。大臣に伺います。\n"
    )
    diet += "○中川国務大臣\u3000お答えいたします。検討してまいります。\n○小林委員\u3000ぜひお願いいたします。\n"
    diet += "○山本委員長\u3000次に、佐藤誠君。\n○佐藤委員\u3000ありがとうございます。質問いたします。\n"
    diet += "○中川国務大臣\u3000お答えいたします。\n○佐藤委員\u3000終わります。\n○山本委員長\u3000本日は、これにて散会いたします。\n"
    assert _said(diet, "x.txt") == [
        "山本一郎",
        "小林花子",
        "中川修",
        "小林花子",
        "山本一郎",
        "佐藤誠",
        "中川修",
        "佐藤誠",
        "山本一郎",
    ]
    # two listed members of one surname: the label "王委員" could be either, and stays
    two = yuan.replace("李國華\n", "李國華\u3000王美華\n").replace("王委員志明：", "王委員：")
    assert "王委員" in _said(two, "x.txt")


def test_minutes_name_the_office_after_a_dash_in_small_letters_and_a_title_before_an_office() -> None:
    """Romanian minutes: the chair's first turn under "Dl. Ion Pop – președinte de ședință:" (an office in small
    letters after a dash, a department after a comma: "Dna. Ana Rusu – director executiv, Direcția Economică:"),
    then "Dl. Pop:"; the mayor as "Dl. Primar:", whom the attendance names ("dl. Mihai Stan – primarul orașului").
    Those turns went to the speaker before, silently, or stood apart from the person."""
    text = "PROCES-VERBAL\n\nParticipă de drept: dl. Mihai Stan – primarul orașului.\n\n"
    text += "Dl. Ion Pop – președinte de ședință: Trecem la punctul 3. Domnule primar, vă rog.\n\n"
    text += "Dl. Primar: Mulțumesc. Bugetul are venituri de 80 de milioane de lei.\n\n"
    text += "Dl. Pop: Mulțumim. Discuții? Doamna Dobre.\n\n"
    text += "Dna. consilier Eva Dobre: Câți bani merg la cultură?\n\n"
    text += "Dna. Ana Rusu – director executiv, Direcția Economică: Dacă îmi permiteți, răspund eu. Două milioane.\n\n"
    text += "Dna. Dobre: Mulțumesc pentru răspuns.\n\nDl. Pop: Supun la vot. Adoptat.\n"
    said = _said(text, "x.txt")
    assert said == [
        "Dl. Ion Pop",
        "Mihai Stan",
        "Dl. Ion Pop",
        "Eva Dobre",
        "Dna. Ana Rusu",
        "Eva Dobre",
        "Dl. Ion Pop",
    ]


def test_initials_the_head_writes_after_a_name_with_a_rank_before_it() -> None:
    """A police record of interview keys each speaker's initials after the name in its header table, a rank before
    the name and a date after the parentheses ("Detective Constable Liam TRAN (LT) 41072", "Shane Patrick DOYLE
    (SD) DOB ..."): the turns go by the names; a code in parentheses that fits no name's initials stays."""
    head = "| Interviewee: | Shane Patrick DOYLE (SD) DOB 12/06/1991 |\n"
    head += "| Interviewing member: | Detective Constable Liam TRAN (LT) 41072 |\n\n"
    turns = "LT (00:01): The time is 2:07 pm. Can you state your name?\n\nSD (00:09): Shane Patrick Doyle.\n\n"
    turns += "LT (00:15): Do you understand you don't have to answer?\n\nSD (00:20): Yeah, I understand that.\n\n"
    turns += "LT (00:31): Where were you on the ninth?\n\nSD (00:36): Home, mostly. I went to the shop.\n"
    assert _said(head + turns, "x.txt") == ["Liam TRAN", "Shane Patrick DOYLE"] * 3
    other = head.replace("Liam TRAN (LT)", "Liam TRAN (DC)")
    assert _said(other + turns, "x.txt")[0] == "LT"


def test_initials_and_a_surname_take_the_full_name_listed_above_in_either_order() -> None:
    """A Russian press conference labels officials by initials and surname ("Е.В. Миронова:", "О. Дёмина:") under a
    list giving the full names, the surname first with the patronymic or last ("Миронова Елена Викторовна —
    глава администрации", "модератор — Ольга Дёмина"): the turns go by the listed names."""
    text = "Участвуют:\n\nМиронова Елена Викторовна — глава администрации города;\n\n"
    text += "модератор — Ольга Дёмина, пресс-секретарь главы администрации.\n\n"
    text += "О. Дёмина: Добрый день, коллеги. Начинаем пресс-конференцию.\n\n"
    text += "Е.В. Миронова: Спасибо, Ольга. Отопительный сезон мы начали раньше графика.\n\n"
    text += "О. Дёмина: Спасибо. Прошу задавать вопросы.\n\nАндрей Котов: Почему на Гагарина нет горячей воды?\n\n"
    text += "Е.В. Миронова: Там был порыв трубы, его устранили.\n\nО. Дёмина: Спасибо, коллеги, время вышло.\n"
    said = _said(text, "x.txt")
    olga, elena = "Ольга Дёмина", "Миронова Елена Викторовна"
    assert said == [olga, elena, olga, "Андрей Котов", elena, olga]
    # two listed people fit the initials and surname: the label stays as written
    two = text.replace("пресс-секретарь", "и Олег Дёмин, пресс-секретарь").replace("Ольга Дёмина", "Ольга Дёмин")
    two = two.replace("О. Дёмина:", "О. Дёмин:")
    assert "О. Дёмин" in _said(two, "x.txt")


def test_a_long_office_in_bold_with_its_holder_in_parentheses_is_the_holders_turn() -> None:
    """Hansard's Westminster Hall: a minister's first turn under the office in full and the name in parentheses,
    in bold, longer than a name's label; it went to the chair before it, silently."""
    text = "**Anna Lowe (Ribble Valley) (Con)**\n\nI beg to move that this House has considered rural buses.\n\n"
    text += "**Peter Marsh (in the Chair)**\n\nOrder. I call the Minister.\n\n"
    text += "**The Parliamentary Under-Secretary of State for Transport (Kate Ferris)**\n\n"
    text += (
        "It is a pleasure to serve under your chairship, Mr Marsh.\n\n**Anna Lowe**\n\nWill the Minister give way?\n\n"
    )
    text += "**Kate Ferris**\n\nI will.\n"
    assert _said(text) == ["Anna Lowe", "Peter Marsh", "Kate Ferris", "Anna Lowe", "Kate Ferris"]


def test_one_label_for_two_people_is_said_where_the_document_shows_it() -> None:
    """A radio show's two hosts both under "ВЕДУЩИЙ:", as its list of hosts shows ("Ведущие: Алексей Гуров, Михаил
    Баранов"); an oral history's "JM:" keyed to the interviewer, and a note naming her brother, of the same
    initials, joining.  Each is read as one speaker, and said, where it was silent."""
    ru = "Ведущие: Алексей Гуров, Михаил Баранов. Гость: Ирина Кравец.\n\n"
    ru += "ВЕДУЩИЙ: Добрый вечер, в эфире «Городской час». В студии Алексей Гуров.\n\n"
    ru += "ВЕДУЩИЙ: И Михаил Баранов. Добрый вечер. Сегодня говорим о рынке.\n\nГОСТЬ: Здравствуйте, спасибо.\n\n"
    ru += "ВЕДУЩИЙ: Аренда вырастет в два раза?\n\nГОСТЬ: Нет, это не так.\n\nВЕДУЩИЙ: А для новых?\n"
    doc = parse_text(ru, "x.txt")
    assert any("'Ведущий' may stand for more than one person" in w for w in doc.warnings)
    assert is_uncertain(doc.convention)
    oh = "Interviewer: Joan Mercer (JM)\nNarrator: Walter Pruitt (WP)\n\n"
    oh += "JM: This is Joan Mercer, and I'm here with Walter Pruitt. Thank you for having me.\n\n"
    oh += "WP: Glad to do it.\n\nJM: When did you start at the mill?\n\nWP: Nineteen sixty-one.\n\n"
    oh += "[James Mercer, the interviewer's brother, arrives and joins the conversation.]\n\n"
    oh += "JM: Walter, you remember me? I was on first shift.\n\nWP: Lord, I remember you.\n"
    doc = parse_text(oh, "x.txt")
    assert any("'JM' may stand for more than one person (Joan Mercer or James Mercer)" in w for w in doc.warnings)
    # a play's narrator whose first turn names people is no list of who holds the part
    play = "**Featuring**\n\nSiobhán Walsh (Narrator)\nBrendan Kerr (Old Tom)\n\n"
    play += "NARRATOR: The light at Loop Head had not failed, and Tom Keane did not mean it to fail.\n\n"
    play += "OLD TOM: Mary, the lamp.\n\nNARRATOR: She did not answer.\n\nOLD TOM: Mary!\n"
    assert not any("may stand for" in w for w in parse_text(play, "x.md").warnings)


def test_a_chairs_field_names_its_untimed_turns_among_members_labels_with_times() -> None:
    """The Storting's record: "President: Ola Vik" in the head over "Presidenten:" turns (a form of the word),
    members' labels with their times, and the chair's last turn, untimed, after them; it went silently to the
    member before, as a chat's untimed line does to its sender."""
    turns = [
        ("Presidenten", "Følgende innlegg er fordelt. Interpellanten får ti minutter."),
        ("Ingrid Moe (A) [10:05:45]", "President! Ferja er livsnerven for kysten. Vil statsråden hjelpe?"),
        ("Statsråd Erlend Dahl [10:15:02]", "President! Jeg takker for en viktig interpellasjon."),
        ("Ingrid Moe (A) [10:21:10]", "President! Det hjelper lite om ferja ikke går."),
        ("Statsråd Erlend Dahl [10:24:40]", "President! Jeg ser fram til dialogen."),
        ("Presidenten", "Debatten i sak nr. 3 er avsluttet."),
    ]
    page = "<html><body><h1>Møte tirsdag den 4. februar 2025</h1><p>President: Ola Vik</p>"
    page += "".join(f"<div><p><strong>{who}:</strong> {said}</p></div>" for who, said in turns) + "</body></html>"
    said = _said(page, "referat.html")
    assert said == ["Ola Vik", "Ingrid Moe", "Statsråd Erlend Dahl", "Ingrid Moe", "Statsråd Erlend Dahl", "Ola Vik"]


def test_a_time_inside_the_bold_after_the_name_and_the_party() -> None:
    """The same record in Markdown, the time inside the bold ("**Ingrid Moe (A) [10:05:45]:**"): not read, so the
    whole debate went to the chair."""
    text = "President: Ola Vik\n\n**Presidenten:** Følgende innlegg er fordelt.\n\n"
    text += "**Ingrid Moe (A) [10:05:45]:** President! Ferja er livsnerven for kysten. Vil statsråden hjelpe?\n\n"
    text += "**Statsråd Erlend Dahl [10:15:02]:** President! Jeg takker for en viktig interpellasjon.\n\n"
    text += "**Ingrid Moe (A) [10:21:10]:** President! Det hjelper lite om ferja ikke går.\n\n"
    text += "**Presidenten:** Debatten er avsluttet.\n"
    doc = parse_text(text, "x.md")
    assert [p.speaker for p in doc.passages if p.speaker] == [
        "Ola Vik", "Ingrid Moe", "Statsråd Erlend Dahl", "Ingrid Moe", "Ola Vik"
    ]  # fmt: skip
    assert [p.start for p in doc.passages if p.speaker == "Ingrid Moe"] == [36345.0, 36070.0 + 1200]


def test_a_label_of_two_participants_codes_is_read_and_said() -> None:
    """A group interview keys A1 to A3, then, after a transcriber's note that two voices are alike, writes "**A2/A3:**":
    those turns went silently to the speaker before.  Now they are one speaker, said to be two people; and the
    head's line of fields with dots ("Data: 21/09/2023 · Local: ...") stays the head's."""
    text = "Entrevista coletiva n.º 3\n\nData: 21/09/2023 · Local: sede da cooperativa · Duração total: 52 min\n\n"
    text += (
        "Entrevistadora: Patrícia Souza (E)\n\nParticipantes: Zilda Ferreira (A1); Rosa Lima (A2); Dora Lima (A3)\n\n"
    )
    text += "**E:** Como a cooperativa surgiu?\n\n**A1:** Foi em 1998, com doze mulheres.\n\n"
    text += "**A2:** Eu entrei depois, em 2005.\n\n**E:** E como vocês dividem o trabalho?\n\n"
    text += "[Nota da transcrição: A2 e A3 têm vozes muito parecidas.]\n\n"
    text += "**A2/A3:** Cada uma faz a sua peça do começo ao fim.\n\n**A1:** Mas a queima é junta.\n\n"
    text += "**E:** E as vendas?\n\n**A2/A3:** A gente tem uma loja agora.\n"
    doc = parse_text(text, "x.md")
    said = [p.speaker for p in doc.passages if p.speaker]
    assert said == [
        "Patrícia Souza",
        "Zilda Ferreira",
        "Rosa Lima",
        "Patrícia Souza",
        "A2/A3",
        "Zilda Ferreira",
        "Patrícia Souza",
        "A2/A3",
    ]
    assert any("'A2/A3' may stand for more than one person" in w for w in doc.warnings)


def test_a_title_the_head_gives_to_several_members_is_said_to_be_any_of_them() -> None:
    """Summary minutes label every member "委員：", the title the head's list writes after each member's surname
    ("鈴木委員、山本委員、井上委員"): one speaker, said to be any of them; the chair's own title is one person's."""
    text = "環境審議会　会議録（要旨）\n３　出席者\n　（委　員）　田中委員長、鈴木委員、山本委員、井上委員\n\n"
    text += "委員長：定刻となりましたので、開会します。事務局から説明をお願いします。\n\n"
    text += "事務局：資料１に基づき説明いたします。目標は46％削減です。\n\n委員：目標は高すぎないでしょうか。\n\n"
    text += "事務局：国の目標に合わせております。\n\n委員：太陽光の導入はどの施設からですか。\n\n"
    text += "事務局：小中学校からです。\n\n委員長：ほかにございますか。それでは閉会します。\n"
    doc = parse_text(text, "x.txt")
    assert [p.speaker for p in doc.passages if p.speaker][:3] == ["委員長", "事務局", "委員"]
    assert any("'委員' may stand for more than one person" in w for w in doc.warnings)
    assert not any("'委員長'" in w for w in doc.warnings)


def test_an_office_beside_a_guest_an_absentee_a_former_holder_or_another_body_names_no_one() -> None:
    """A review's cases: the office's word beside someone who does not hold it here (a guest chairing another body,
    the neighbouring commune's mayor, a judge excluded from the case, the mayor away on leave), and a chair who
    hands over between turns: the office stays the label."""
    turns = "**PRESIDENTE.** Apro la seduta.\n\n**ROSSI (PD).** Signor Presidente, chiedo la parola.\n\n"
    turns += "**PRESIDENTE.** Ne ha facoltà.\n\n**BIANCHI (FI).** Grazie, Presidente.\n\n**PRESIDENTE.** Grazie.\n"
    guest = "Intervengono inoltre: Luca Neri, presidente della Provincia di Rieti.\n\n" + turns
    assert "Presidente" in _said(guest)
    neighbour = "**Invité :** M. Paul Roux, maire de Saint-Aubin\n\n**M. le Maire :** Bonsoir. Madame Roy ?\n\n"
    neighbour += (
        "**Mme Roy :** Merci, Monsieur le Maire.\n\n**M. le Maire :** Monsieur Nadal ?\n\n**M. Nadal :** Merci.\n"
    )
    assert "M. le Maire" in _said(neighbour)
    away = "Lipsește motivat: dl. Adrian Coman – primarul orașului, aflat în concediu.\n\n"
    away += "Dl. Primar: Bună ziua.\n\nDna. Eva Dobre: Mulțumesc, domnule primar.\n\nDl. Primar: Vă rog.\n\n"
    away += "Dna. Eva Dobre: Am o întrebare despre buget.\n"
    assert "Dl. Primar" in _said(away, "x.txt")
    handed = "Presidenza della vice presidente Rossana De Santis\n\n" + turns
    handed += (
        "\nPresidenza del vice presidente Marco Leonardi\n\n**PRESIDENTE.** Riprendiamo.\n\n**ROSSI (PD).** Grazie.\n"
    )
    assert "Rossana De Santis" not in _said(handed)


def test_the_reviews_false_alarms_and_misreadings_stay_away() -> None:
    """A review's cases: credits on one line ("Moderation: Anna Berg | Redaktion: Tom Weiß") are no two hosts; a
    note about a man of the interviewer's initials who owned the mill long ago is no one joining; a court log's
    "All rise." said at both pages' tops is speech, not a running head; a chair naming "Ticaret Bakan Yardımcısı
    Sevda Çınar" names Sevda Çınar, not "Yardımcısı Sevda Çınar"; a village's name after "地点：" is no secretary."""
    radio = "Moderation: Anna Berg | Redaktion: Tom Weiß | Technik: Jan Ott\n\n"
    radio += "MODERATOR: Guten Abend. Heute geht es um Mieten.\n\nGAST: Danke für die Einladung.\n\n"
    radio += "MODERATOR: Was kostet eine Wohnung?\n\nGAST: Zu viel, ehrlich gesagt.\n"
    assert not any("may stand for" in w for w in parse_text(radio, "x.txt").warnings)
    oral = "Interviewer: Joan Mercer (JM)\nNarrator: Walter Pruitt (WP)\n\n"
    oral += "JM: When did you start at the mill?\n\nWP: Nineteen sixty-one.\n\n"
    oral += "[Jack Morris owned the Millbrook mill from 1948 until it closed in 1979.]\n\n"
    oral += "JM: What was he like?\n\nWP: Fair, mostly.\n"
    assert not any("may stand for" in w for w in parse_text(oral, "x.txt").warnings)
    court = "TRANSCRIPT OF PROCEEDINGS\n\n" + "\n".join(
        f"10:0{k}:00    CLERK       Line {k} of the day's list." for k in range(1, 9)
    )
    court += "\n10:02:11    CLERK       All rise.\n" + "\n".join(
        f"10:1{k}:00    JUDGE       We proceed with item {k}." for k in range(1, 9)
    )
    court += "\n\n                                   1\n\n10:21:03    CLERK       All rise.\n"
    court += (
        "\n".join(f"10:3{k}:00    JUDGE       We resume with item {k}." for k in range(1, 9)) + "\n\n             2\n"
    )
    assert sum(p.text.count("All rise.") for p in parse_text(court, "log.txt").passages) == 2
    village = "村民代表会议纪要\n时间：2025年3月5日\n地点：李家村\n记录人：张小燕\n参加人员：村党支部书记、村委会主任、村民代表\n\n"
    village += "李书记：今天开会讨论修路的事。\n张主任：修路的钱已经落实了一半。\n李书记：另一半怎么办？\n"
    village += "张主任：向镇里申请补助。\n李书记：好，就这么定了。\n"
    assert set(_said(village, "x.txt")) == {"李书记", "张主任"}


def test_an_absent_governor_names_no_initials_and_a_numbered_heading_is_no_record_label() -> None:
    """A review's cases: "J. Smith:" is not "John Smith", who sent apologies (the chair is Mrs J. Smith); an Italian
    record's "ORDINE DEL GIORNO (G1.100)." among bold members' labels is a heading, not a speaker; its members'
    first-person speech ("Illustro l'emendamento", "Ringrazio il sottosegretario") talks."""
    gov = "Governors' meeting\n\nPresent: Mrs J. Smith (chair), Mr H. Ahmed, Ms P. Okoro\n"
    gov += "Apologies: John Smith (parent governor)\n\n"
    gov += "J. Smith: Welcome, everyone. First item, the budget.\n\nH. Ahmed: We are on track this term.\n\n"
    gov += "J. Smith: Thank you. Any questions?\n\nP. Okoro: Only about the roof repairs.\n\nJ. Smith: Noted.\n"
    assert "John Smith" not in _said(gov, "x.txt")
    it = "**PRESIDENTE.** Passiamo all'esame degli emendamenti.\n\n"
    it += "**LOMBARDI (PD-IDP).** Illustro l'emendamento 1.3, che riduce i tempi delle autorizzazioni.\n\n"
    it += "**PRESIDENTE.** Metto ai voti l'emendamento 1.3. È respinto. Do lettura dell'ordine del giorno:\n\n"
    it += "ORDINE DEL GIORNO (G1.100). Il Senato impegna il Governo a semplificare le procedure.\n\n"
    it += "**PRESIDENTE.** L'emendamento 1.5 è ritirato.\n\n"
    it += "**LOMBARDI (PD-IDP).** Ringrazio il sottosegretario per l'accoglimento.\n\n**PRESIDENTE.** La seduta è tolta.\n"
    assert _said(it) == ["Presidente", "Lombardi", "Presidente", "Presidente", "Lombardi", "Presidente"]


def test_the_offices_own_word_outweighs_another_form_of_it() -> None:
    """A Commons committee's head names its chair ("Président : M. Gilles Roy") and a witness who presides over a
    federation ("Josée Landry, présidente"): the chair's turns go by the office's very word, not its other form."""
    page = "<p>Président : M. Gilles Roy</p><p><i>Fédération des communautés</i><br>Josée Landry, présidente</p>"
    turns = [
        ("Le président", "Je déclare la séance ouverte. Madame Landry, vous avez la parole."),
        ("Mme Josée Landry", "Merci, monsieur le président. Nous demandons une cible de 12 %."),
        ("Le président", "Merci beaucoup. Monsieur Larochelle, vous avez six minutes."),
        ("M. Mathieu Larochelle", "Merci, monsieur le président. Avec quelles ressources?"),
        ("Le président", "Merci. Malheureusement, c'est tout le temps que nous avions."),
    ]
    page += "".join(f"<p><b>{w}:</b> {t}</p>" for w, t in turns)
    said = _said(f"<html><body>{page}</body></html>", "comite.html")
    assert said == ["Gilles Roy", "Mme Josée Landry", "Gilles Roy", "M. Mathieu Larochelle", "Gilles Roy"]
