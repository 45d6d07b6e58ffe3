"""The RIS export (issue 15): a golden file, well-formed lines, and a round trip through a real RIS parser (rispy).

rispy is the parser behind several reference tools' Python importers; what it
reads back (types, names, titles, dates, notes) is what EndNote, Mendeley,
Citavi and Zotero get from the same lines.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_export_formats import DOCUMENTS, PASSAGES, check_golden, fixture_quotes, sources

from sayso.cli import main
from sayso.corpus.export import Sources, export_quotes
from sayso.corpus.export.files import made_by_sayso, write_export
from sayso.corpus.export.ris import ris_name, ris_type
from sayso.corpus.library import Library
from sayso.corpus.models import Document, Passage, Quote, document_text
from sayso.corpus.safety import has_control

rispy = pytest.importorskip("rispy")

LINE = re.compile(r"^(?:[A-Z][A-Z0-9]  - \S.*|ER  - )$")


def parse(text: str) -> list[dict]:  # type: ignore[type-arg]
    """What rispy reads from the export, as a reference manager would get it."""
    return list(rispy.loads(text.replace("\r\n", "\n")))


def well_formed(text: str) -> None:
    """CRLF on every line and nowhere else; each line a tag, two spaces, a hyphen, a space and a value; records end in ER."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "\r" not in text.replace("\r\n", "")
    records = text.split("\r\n\r\n")
    for block in records:
        lines = block.removesuffix("\r\n").split("\r\n")
        assert lines[0].startswith("TY  - ") and lines[-1] == "ER  - ", block
        for line in lines:
            assert LINE.match(line), repr(line)
            assert not has_control(line), repr(line)


def _doc_with(doc_id: str, turns: list[tuple[str | None, str]], **fields: object) -> tuple[Document, list[Passage]]:
    passages, offset = [], 0
    for i, (speaker, text) in enumerate(turns):
        passages.append(
            Passage(id=f"{doc_id}:{i}", document=doc_id, index=i, speaker=speaker, text=text, offset=offset)
        )
        offset += len(text) + 2
    doc = Document(id=doc_id, source=f"/corpus/{doc_id}.txt", **fields)  # type: ignore[arg-type]
    return doc, passages


def _quote(qid: str, doc_id: str, passages: list[Passage], words: str, **fields: object) -> Quote:
    text = document_text(passages)
    start = text.index(words)
    return Quote(id=qid, document=doc_id, exact=words, start=start, end=start + len(words), **fields)  # type: ignore[arg-type]


# -- the golden file and what a parser reads back ---------------------------------------------------


def test_ris_matches_golden() -> None:
    check_golden("quotes.ris", export_quotes("ris", fixture_quotes(), sources()))


def test_ris_lines_are_well_formed() -> None:
    text = export_quotes("ris", fixture_quotes(), sources())
    well_formed(text)
    assert text.count("ER  - ") == 3  # one record per cited document


def test_ris_round_trips_through_rispy() -> None:
    quotes = fixture_quotes()
    text = export_quotes("ris", quotes, sources())
    records = {r["id"]: r for r in parse(text)}
    assert list(records) == ["sayso-buchanan01", "sayso-zuck0002", "sayso-intercon03"]

    buchanan = records["sayso-buchanan01"]
    assert buchanan["type_of_reference"] == "GEN"
    assert buchanan["type_of_work"] == "interview"
    assert buchanan["authors"] == ["Buchanan, Ben"]
    assert buchanan["title"] == "Ben Buchanan on AI and competitiveness"
    assert buchanan["year"] == "2025" and buchanan["date"] == "2025/01/21"
    assert buchanan["publisher"] == "The Ezra Klein Show"
    assert buchanan["urls"] == ["https://example.org/podcasts/buchanan"]
    assert buchanan["keywords"] == ["policy", "competition"]
    # One note per quote, each holding the exact words, who said them and where, the note and the tags.
    assert len(buchanan["notes"]) == 2
    first, stale = buchanan["notes"]
    assert "\u201cit's pretty clear that we want a dynamic ecosystem.\u201d" in first
    assert "Ben Buchanan, 1:02:05 (\u00b6 3)" in first
    assert "Note: Competition is the administration's stated aim." in first
    assert "Tags: policy, competition" in first
    assert stale.startswith("\u26a0 sayso: text changed since quoted")
    assert "\u201cI met with him twice.\u201d" in stale

    zuck = records["sayso-zuck0002"]
    assert zuck["type_of_reference"] == "BLOG" and "authors" not in zuck
    assert zuck["urls"] == ["https://blog.example.com/zuckerberg-open-source-ai"]
    assert [n.split("\u201d")[0] for n in zuck["notes"]] == [
        "\u201cnot just about access to weights and algorithms",
        "\u201cHe says that the issue goes beyond mere access.",
    ]
    hostile = zuck["notes"][1]
    assert "\x1b" not in hostile and "\u241b[31m" in hostile  # the escape made visible, the rest literal
    assert "<script>alert(1)</script>" in hostile

    podcast = records["sayso-intercon03"]
    assert podcast["type_of_reference"] == "SOUND"
    assert podcast["secondary_title"] == "Interconnects"
    assert podcast["authors"] == ["Lambert, Nathan"]
    assert podcast["year"] == "2024" and podcast["date"] == "2024/08"
    assert podcast["notes"] == [
        "\u201cI\u2019m coming back online after two weeks of vacation.\u201d \u2014 Nathan Lambert, \u00b6 1"
    ]


def test_a_quote_whose_document_is_gone_has_no_record() -> None:
    q = fixture_quotes()[0]
    only_others = Sources.of(DOCUMENTS[1:], {k: v for k, v in PASSAGES.items() if k != "buchanan01"})
    assert export_quotes("ris", [q], only_others) == ""


# -- types, names and hostile text --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "ty"),
    [
        ({"kind": "panel", "event": "AI Summit"}, "GEN"),
        ({"kind": "talk"}, "GEN"),
        ({"kind": "interview"}, "GEN"),
        ({"kind": "podcast"}, "SOUND"),
        ({"kind": "hearing", "publisher": "Senate Commerce Committee"}, "HEAR"),
        ({"kind": "subtitles"}, "MPCT"),
        ({"kind": "subtitles", "event": "NeurIPS"}, "GEN"),
        ({"kind": "article", "url": "https://www.example.org/story"}, "ELEC"),
        ({"kind": "article", "url": "https://someone.substack.com/p/x"}, "BLOG"),
        ({"kind": "article-newspaper"}, "NEWS"),
        ({"kind": "script"}, "GEN"),
    ],
)
def test_ris_types_by_kind(fields: dict[str, str], ty: str) -> None:
    doc, passages = _doc_with("d1", [("Ada Lovelace", "The engine weaves algebraic patterns.")], title="T", **fields)
    q = _quote("q1", "d1", passages, "algebraic patterns", speaker="Ada Lovelace")
    record = parse(export_quotes("ris", [q], Sources.of([doc], {"d1": passages})))[0]
    assert record["type_of_reference"] == ty
    assert record["type_of_work"] == fields["kind"]
    if fields["kind"] == "hearing":
        assert record["publisher"] == "Senate Commerce Committee"
    if fields.get("event"):
        assert record["secondary_title"] == fields["event"]


def test_ris_type_and_names_from_csl_items() -> None:
    assert ris_type({"type": "broadcast"}) == "SOUND" and ris_type({"type": "speech"}) == "GEN"
    assert (
        ris_name({"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}) == "van Beethoven, Ludwig"
    )
    assert ris_name({"family": "King", "given": "Martin Luther", "suffix": "Jr."}) == "King, Martin Luther, Jr."
    assert ris_name({"literal": "OpenAI Inc."}) == "OpenAI Inc."


def test_hosts_are_secondary_authors_and_every_value_stays_on_one_line() -> None:
    doc, passages = _doc_with(
        "iv1",
        [("Marcus Lee", "So tell me."), ("Ludwig van Beethoven", "Music is the\nwine of a new creation.")],
        title="Beethoven\x1b[2J on music\u202e\nrevealed",
        kind="interview",
        host="Marcus Lee; Priya Raman",
        date="March 5, 2024",
        place="Vienna",
        url="https://example.org/iv?a=1&b=2",
    )
    q = _quote(
        "q1",
        "iv1",
        passages,
        "wine of a new creation.",
        speaker="Ludwig van Beethoven",
        note="First line.\n\nSecond paragraph\x07 after a bell.\r\nThird.",
        tags=["music/wine", "quote\x1b"],
    )
    text = export_quotes("ris", [q], Sources.of([doc], {"iv1": passages}))
    well_formed(text)
    (record,) = parse(text)
    assert record["authors"] == ["van Beethoven, Ludwig"]
    assert record["secondary_authors"] == ["Lee, Marcus", "Raman, Priya"]
    assert record["title"] == "Beethoven\u241b[2J on music<U+202E> revealed"
    assert record["year"] == "2024" and record["date"] == "2024/03/05"
    assert record["place_published"] == "Vienna"
    assert record["urls"] == ["https://example.org/iv?a=1&b=2"]
    assert record["keywords"] == ["music/wine", "quote\u241b"]
    (note,) = record["notes"]  # one quote, one note: its line breaks did not split it
    assert "Note: First line. / Second paragraph\u2407 after a bell. / Third." in note


def test_a_date_sayso_cannot_read_is_given_as_written() -> None:
    doc, passages = _doc_with("d2", [(None, "Words here.")], title="T", kind="talk", date="Spring term")
    q = _quote("q1", "d2", passages, "Words here.")
    (record,) = parse(export_quotes("ris", [q], Sources.of([doc], {"d2": passages})))
    assert record["date"] == "Spring term" and "year" not in record


# -- files --------------------------------------------------------------------------------------------


def test_a_sayso_ris_file_is_replaced_and_a_foreign_one_is_not(tmp_path: Path) -> None:
    text = export_quotes("ris", fixture_quotes(), sources())
    assert made_by_sayso(text.encode("utf-8"))
    target = tmp_path / "refs.ris"
    write_export(target, "ris", text)
    write_export(target, "ris", text)  # sayso's own file: replaced without --force
    assert target.read_bytes() == text.encode("utf-8")
    foreign = tmp_path / "endnote.ris"
    foreign.write_bytes(b"TY  - JOUR\r\nID  - 12\r\nTI  - Mine\r\nER  - \r\n")
    assert not made_by_sayso(foreign.read_bytes())
    with pytest.raises(Exception, match="not a sayso export"):
        write_export(foreign, "ris", text)
    assert foreign.read_bytes().startswith(b"TY  - JOUR")


def test_cli_writes_ris_from_the_file_ending(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "talk.txt"
    source.write_text("Ada Lovelace: The engine weaves algebraic patterns.\n\nBob: Indeed.\n", encoding="utf-8")
    data = tmp_path / "data"
    lib = Library.open(data)
    lib.import_paths([source])
    doc = lib.documents()[0]
    lib.quotes.add(doc.id, "weaves algebraic patterns", note="the loom", tags=["looms"])
    target = tmp_path / "quotes.ris"
    assert main(["export", "--data", str(data), "-o", str(target)]) == 0
    out, err = capsys.readouterr()
    assert "as ris to" in out, err
    written = target.read_bytes().decode("utf-8")
    well_formed(written)
    (record,) = parse(written)
    assert record["id"] == f"sayso-{doc.id}"
    assert "\u201cweaves algebraic patterns\u201d" in record["notes"][0]
    assert main(["export", "--data", str(data), "-f", "ris", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["content"] == written
