"""XML of a system's own design: records of turns found by the document's structure, not by known element names."""

from __future__ import annotations

from sayso.corpus.importers import parse_text

#: A parliament's archive export: the speaker's name in an element of each record, notes between records.
NAMED = """<?xml version="1.0" encoding="UTF-8"?>
<verslag datum="2025-02-11">
  <kop><titel>Commissievergadering Water en Dijken, 11 februari 2025</titel></kop>
  <bijdrage volgnr="1"><spreker rol="voorzitter">Hanneke Smit</spreker>
    <inhoud>Ik open de vergadering. Als eerste het woord aan de heer Brouwer.</inhoud></bijdrage>
  <bijdrage volgnr="2"><spreker rol="lid">Gert Brouwer</spreker>
    <inhoud>Dank u, voorzitter. Waarom is de dijkversterking bij Oosterwold opnieuw uitgesteld?</inhoud></bijdrage>
  <notitie>(Geroezemoes op de publieke tribune)</notitie>
  <bijdrage volgnr="3"><spreker rol="gedeputeerde">Ilse Verbeek</spreker>
    <inhoud>Omdat de aannemer failliet ging. We hebben een nieuwe aanbesteding uitgeschreven.</inhoud></bijdrage>
  <bijdrage volgnr="4"><spreker rol="lid">Gert Brouwer</spreker>
    <inhoud>En wanneer begint het werk dan wel?</inhoud></bijdrage>
  <bijdrage volgnr="5"><spreker rol="gedeputeerde">Ilse Verbeek</spreker>
    <inhoud>In september, als de aanbesteding volgens plan loopt.</inhoud></bijdrage>
  <bijdrage volgnr="6"><spreker rol="voorzitter">Hanneke Smit</spreker>
    <inhoud>Dank u. Dan sluit ik dit agendapunt.</inhoud></bijdrage>
</verslag>
"""

#: A meeting system's export: each record points at a participants list by a code, with times.
POINTED = """<?xml version="1.0"?>
<export tool="MeetRec 2.1">
  <deelnemers>
    <p code="A" voornaam="Sofia" achternaam="Lindqvist" functie="chair"/>
    <p code="B" voornaam="Tomasz" achternaam="Wrona" functie="treasurer"/>
  </deelnemers>
  <zin van="A" begin="00:00:04" eind="00:00:09"><w>Good morning, shall we start with the accounts?</w></zin>
  <zin van="B" begin="00:00:10" eind="00:00:21"><w>Yes. We closed the year with a small surplus, about four hundred.</w></zin>
  <zin van="A" begin="00:00:22" eind="00:00:25"><w>Where did the surplus come from?</w></zin>
  <zin van="B" begin="00:00:26" eind="00:00:35"><w>Mostly the autumn fair, and fewer repairs than we planned.</w></zin>
  <zin van="A" begin="00:00:36" eind="00:00:40"><w>Thank you, that is good news for us.</w></zin>
</export>
"""


def test_records_with_names_are_turns_and_notes_stay_in_place() -> None:
    doc = parse_text(NAMED, "verslag.xml")
    said = [(p.speaker, p.text[:24]) for p in doc.passages]
    assert said[0] == (None, "Commissievergadering Wat")
    assert said[1:4] == [
        ("Hanneke Smit", "Ik open de vergadering. "),
        ("Gert Brouwer", "Dank u, voorzitter. Waar"),
        (None, "(Geroezemoes op de publi"),
    ]
    assert [p.speaker for p in doc.passages[4:]] == ["Ilse Verbeek", "Gert Brouwer", "Ilse Verbeek", "Hanneke Smit"]
    assert doc.title == "Commissievergadering Water en Dijken, 11 februari 2025"
    assert doc.convention is not None and doc.convention["shape"] == "xml"
    # (the office beside each name is not the speaker: "voorzitter" would make the chair a word)
    assert "voorzitter" not in doc.speakers


def test_codes_pointing_at_a_participants_list_are_the_people_it_names() -> None:
    doc = parse_text(POINTED, "meeting.xml")
    assert [p.speaker for p in doc.passages] == ["Sofia Lindqvist", "Tomasz Wrona"] * 2 + ["Sofia Lindqvist"]
    assert doc.passages[1].start == 10.0
    assert all("Lindqvist" not in p.text for p in doc.passages)  # (the list is read for names, not as words)


def test_records_that_are_not_talk_stay_markup() -> None:
    # a library's catalogue: authors recur and alternate, but the descriptions are nobody talking
    books = "".join(
        f"<book><author>{a}</author><blurb>A study of {t} across three centuries of archival records.</blurb></book>"
        for a, t in [
            ("Ada Park", "canals"),
            ("Ben Ortiz", "mills"),
            ("Ada Park", "bridges"),
            ("Ben Ortiz", "ferries"),
            ("Ada Park", "locks"),
            ("Ben Ortiz", "ports"),
        ]
    )
    doc = parse_text(f'<?xml version="1.0"?><catalogue>{books}</catalogue>', "books.xml")
    assert not any(p.speaker for p in doc.passages)
    assert doc.convention is None or doc.convention["shape"] != "xml"


def test_a_feed_and_broken_xml_are_read_as_before() -> None:
    items = "".join(f"<item><title>Story {n}</title><author>Ada Park</author></item>" for n in range(6))
    feed = parse_text(f'<?xml version="1.0"?><rss><channel>{items}</channel></rss>', "feed.xml")
    assert not any(p.speaker for p in feed.passages)
    broken = parse_text(NAMED.replace("</verslag>", ""), "broken.xml")
    assert broken.convention is None or broken.convention["shape"] != "xml"


def test_records_whose_short_field_is_no_one_stay_markup() -> None:
    """A product catalogue's brands, a survey's regions: short values that recur and alternate beside longer words,
    even words that say "you" or "I", are not people talking (a review found both read as speakers)."""
    items = [("Bosch", "it gives you the power you need"), ("Makita", "you will like its grip"),
             ("Bosch", "I use it every day, says a carpenter"), ("Makita", "we tested it for a year"),
             ("Bosch", "you get two batteries"), ("Makita", "light, so you can work overhead")]  # fmt: skip
    catalogue = "".join(f"<product><brand>{b}</brand><description>{d}.</description></product>" for b, d in items)
    doc = parse_text(f'<?xml version="1.0"?><catalogue>{catalogue}</catalogue>', "products.xml")
    assert not any(p.speaker for p in doc.passages)
    regions = [("Bayern", "Ich fahre jeden Tag mit dem Bus."), ("Sachsen", "Die Preise sind zu hoch, wir zahlen viel.")]
    survey = "".join(f"<antwort><region>{r}</region><kommentar>{k}</kommentar></antwort>" for r, k in regions * 3)
    doc = parse_text(f'<?xml version="1.0"?><umfrage>{survey}</umfrage>', "umfrage.xml")
    assert not any(p.speaker for p in doc.passages)


def test_a_turns_sentences_paragraphs_and_inline_marks_are_all_its_words() -> None:
    """A turn of several <s> sentences kept only the first; a turn of <p> paragraphs was read as paragraphs without a
    speaker; a place marked inside the words was cut out of them."""
    turns = "".join(
        f'<turn speaker="{w}"><s>{a}</s><s>{b}</s></turn>'
        for w, a, b in [("Rachel Moss", "So you moved to Leeds?", "Why Leeds?"), ("Derek Hollis", "For the job.", "Yes."),
                        ("Rachel Moss", "Was it hard?", "Honestly?"), ("Derek Hollis", "At first I missed home.", "Not now.")]
    )  # fmt: skip
    doc = parse_text(f'<?xml version="1.0"?><interview>{turns}</interview>', "oral.xml")
    assert [(p.speaker, p.text) for p in doc.passages][:2] == [
        ("Rachel Moss", "So you moved to Leeds? Why Leeds?"),
        ("Derek Hollis", "For the job. Yes."),
    ]
    paras = "".join(
        f"<wypowiedz><mowca>{w}</mowca><tekst><p>{a}</p><p>{b}</p></tekst></wypowiedz>"
        for w, a, b in [("Ewa Lis", "Otwieram posiedzenie.", "Czy są uwagi?"), ("Jan Sowa", "Dziękuję, pani przewodnicząca.", "Mam pytanie."),
                        ("Ewa Lis", "Proszę bardzo.", "Słucham pana."), ("Jan Sowa", "Kiedy pociąg do Kłodzka?", "Dziękuję.")]
    )  # fmt: skip
    doc = parse_text(f'<?xml version="1.0"?><stenogram>{paras}</stenogram>', "sejm.xml")
    assert [p.speaker for p in doc.passages] == ["Ewa Lis", "Jan Sowa", "Ewa Lis", "Jan Sowa"]
    assert "Czy są uwagi?" in doc.passages[0].text
    marked = "".join(
        f'<u who="{w}">{t}</u>' for w, t in [("Marta Kulesza", 'kiedy jedziesz do <place>Wrocławia</place>, powiedz?'),
                                             ("Tomasz Wrona", "w czerwcu, bo mam egzaminy"), ("Marta Kulesza", "a ty?"),
                                             ("Tomasz Wrona", "ja też jadę, dziękuję")]
    )  # fmt: skip
    doc = parse_text(f'<?xml version="1.0"?><rozmowa>{marked}</rozmowa>', "rozmowa.xml")
    assert doc.passages[0].text == "kiedy jedziesz do Wrocławia, powiedz?"


def test_other_xml_reads_as_its_elements_words_each_apart() -> None:
    """XML of no turns was read as a web page, its elements' words run together ("EcologyLindqvist S, Okafor CWe
    show ..."): each record of fields is now a line, its fields apart."""
    pubs = "".join(
        f"<pub><journal>{j}</journal><authors>{a}</authors><abstract>{t}</abstract></pub>"
        for j, a, t in [
            ("Ecology", "Lindqvist S", "We show that meadows recover."),
            ("Oikos", "Okafor C", "Here we ask why."),
        ]
    )
    doc = parse_text(f'<?xml version="1.0"?><bibliography><title>Reading list</title>{pubs}</bibliography>', "refs.xml")
    texts = [p.text for p in doc.passages]
    assert "Ecology · Lindqvist S · We show that meadows recover." in texts
    assert not any(p.speaker for p in doc.passages)
