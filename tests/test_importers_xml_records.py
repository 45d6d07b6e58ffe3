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
