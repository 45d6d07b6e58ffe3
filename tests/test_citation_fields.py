"""Citation fields: host/interviewer from `doc edit` to CSL-JSON and formatted citations; date and kind checks;
`speaker edit --doc` for labels like "Interviewer" that are a different person in each document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sayso.cli import main
from sayso.corpus.errors import SaysoError
from sayso.corpus.export import Sources, export_quotes, format_reference
from sayso.corpus.export.csl import document_item, host_names
from sayso.corpus.library import Library
from sayso.corpus.models import Document, ParsedDocument, ParsedPassage, Passage, Quote

SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "schemas"

RADIO = [
    ParsedPassage(
        "Interviewer", "Welcome back to the night shift. Who calls the station at three in the morning?", None
    ),
    ParsedPassage("Lena Brooks", "Mostly truckers and nurses. They want a voice that is awake with them.", None),
]
CLIMATE = [
    ParsedPassage("Interviewer", "How old are the weather logs you rescued?", None),
    ParsedPassage("Hannah Cole", "Some go back to 1850. Ships wrote down the pressure every four hours.", None),
]


def build(folder: Path) -> Library:
    lib = Library.open(folder)
    lib.import_parsed(
        ParsedDocument(title="Community radio night shift", kind="interview", passages=RADIO),
        source="fixtures/radio.txt",
        doc_id="radio00001",
        content_hash="radio",
    )
    lib.import_parsed(
        ParsedDocument(title="Rescuing old weather logs", kind="interview", passages=CLIMATE),
        source="fixtures/climate.txt",
        doc_id="climate002",
        content_hash="climate",
    )
    return lib


@pytest.fixture
def data(tmp_path: Path) -> Path:
    build(tmp_path / "data")
    return tmp_path / "data"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def library_bytes(data: Path) -> bytes:
    return (data / "library.json").read_bytes()


# -- doc edit --host, --date, --kind -----------------------------------------------------------------


def test_doc_edit_host_sets_clears_and_survives_reimport(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    rc, out, err = run(capsys, "doc", "edit", "weather", "--host", "  Marcus   Lee ", "--json", "--data", str(data))
    assert rc == 0, err
    assert json.loads(out)["host"] == "Marcus Lee"
    rc, out, _ = run(capsys, "docs", "--json", "--data", str(data))
    assert {d["id"]: d["host"] for d in json.loads(out)} == {"radio00001": None, "climate002": "Marcus Lee"}
    # Re-importing the document keeps the user's host.
    lib = Library.open(data)
    lib.import_parsed(
        ParsedDocument(title="Rescuing old weather logs", kind="interview", passages=CLIMATE),
        source="fixtures/climate.txt",
        doc_id="climate002",
        content_hash="climate-2",
    )
    assert Library.open(data).document("climate002").host == "Marcus Lee"
    rc, out, _ = run(capsys, "doc", "edit", "weather", "--host", "", "--json", "--data", str(data))
    assert rc == 0 and json.loads(out)["host"] is None


def test_doc_edit_refuses_an_unreadable_date_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    before = library_bytes(data)
    for bad in ("2024-13-45", "5/3/24", "sometime in spring", "2023-02-29"):
        rc, out, err = run(
            capsys, "doc", "edit", "weather", "--date", bad, "--publisher", "Radio 4", "--data", str(data)
        )
        assert rc == 1 and out == ""
        assert err.count("\n") == 1 and f"cannot read the date {bad!r}" in err and "YYYY-MM-DD" in err
        assert "Traceback" not in err
    assert library_bytes(data) == before  # not even the good --publisher was written
    for good, stored in (
        ("2024", "2024"),
        ("2024-03", "2024-03"),
        ("March 5, 2024", "March 5, 2024"),
        ("5 March 2024", "5 March 2024"),
    ):
        rc, out, _ = run(capsys, "doc", "edit", "weather", "--date", good, "--json", "--data", str(data))
        assert rc == 0 and json.loads(out)["date"] == stored


def test_doc_edit_accepts_a_csl_type_as_kind(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    # The README promises `--kind article-newspaper`; sayso's own kinds keep working, nonsense does not.
    rc, out, err = run(capsys, "doc", "edit", "radio", "--kind", "article-newspaper", "--json", "--data", str(data))
    assert rc == 0, err
    doc = Document.from_dict(json.loads(out))
    assert document_item(doc)["type"] == "article-newspaper"
    rc, _, err = run(capsys, "doc", "edit", "radio", "--kind", "novel", "--data", str(data))
    assert rc == 1 and "unknown kind 'novel'" in err and err.count("\n") == 1


def test_libraries_saved_before_host_existed_still_load(data: Path) -> None:
    raw = json.loads((data / "library.json").read_text(encoding="utf-8"))
    for row in raw["documents"].values():
        row.pop("host")
    (data / "library.json").write_text(json.dumps(raw), encoding="utf-8")
    lib = Library.open(data)
    assert [d.host for d in lib.documents()] == [None, None]
    assert lib.edit_document("radio", host="Sam Ortiz").host == "Sam Ortiz"


# -- speaker edit --doc ----------------------------------------------------------------------------------


def test_speaker_edit_names_the_documents_when_a_label_is_ambiguous(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    before = library_bytes(data)
    rc, out, err = run(capsys, "speaker", "edit", "Interviewer", "--name", "Sam Ortiz", "--data", str(data))
    assert rc == 1 and out == "" and err.count("\n") == 1
    assert "radio00001 'Community radio night shift'" in err and "climate002 'Rescuing old weather logs'" in err
    assert "--doc" in err
    assert library_bytes(data) == before


def test_speaker_edit_doc_renames_only_that_documents_label(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    lib = Library.open(data)
    on_radio = lib.quotes.add("radio00001", exact="Welcome back to the night shift.")
    on_climate = lib.quotes.add("climate002", exact="How old are the weather logs you rescued?")
    rc, out, err = run(
        capsys, "speaker", "edit", "interviewer", "--doc", "radio", "--name", "Sam Ortiz", "--json", "--data", str(data)
    )
    assert rc == 0, err
    assert json.loads(out)["name"] == "Sam Ortiz" and json.loads(out)["documents"] == ["radio00001"]
    lib = Library.open(data)
    assert [p.speaker for p in lib.passages("radio00001")] == ["Sam Ortiz", "Lena Brooks"]
    # The other document's interviewer is someone else: untouched, and so is the quote of theirs.
    assert [p.speaker for p in lib.passages("climate002")] == ["Interviewer", "Hannah Cole"]
    assert lib.quotes.get(on_radio.id).speaker == "Sam Ortiz"
    assert lib.quotes.get(on_climate.id).speaker == "Interviewer"
    # Now unambiguous without --doc; a speaker not in the named document is a one-line error.
    rc, _, err = run(capsys, "speaker", "edit", "Interviewer", "--doc", "weather", "--alias", "Q", "--data", str(data))
    assert rc == 0, err
    rc, _, err = run(capsys, "speaker", "edit", "Lena Brooks", "--doc", "weather", "--name", "X", "--data", str(data))
    assert rc == 1 and "no speaker matches 'Lena Brooks' in climate002" in err and err.count("\n") == 1


def test_renaming_a_label_to_another_documents_label_does_not_merge_them(data: Path) -> None:
    lib = Library.open(data)
    lib.edit_speaker("Lena Brooks", name="Host")
    lib.edit_speaker("Interviewer", doc="climate002", name="Host")
    hosts = [s for s in lib.speakers() if s.name == "Host"]
    assert sorted(s.documents[0] for s in hosts) == ["climate002", "radio00001"] and len(hosts) == 2


# -- exports ---------------------------------------------------------------------------------------------------


def _sources(**fields: object) -> tuple[list[Quote], Sources]:
    doc = Document(id="radio1", title="Night shift", source="/radio.txt", date="2024-03-05", **fields)  # type: ignore[arg-type]
    passages = [
        Passage(id="radio1:0", document="radio1", index=0, speaker="Lena Brooks", text="Mostly truckers and nurses.")
    ]
    quote = Quote(id="q1", document="radio1", exact="Mostly truckers", start=0, end=15, speaker="Lena Brooks")
    return [quote], Sources.of([doc], {"radio1": passages})


def check_schema(items: list[dict[str, object]]) -> None:
    if not (SCHEMAS / "csl" / "csl-data.json").is_file():
        pytest.skip("../shared/schemas is not beside the repository")
    from test_export_schemas import check_csl

    check_csl(items)


def test_interviewer_in_csl_json_and_citations() -> None:
    quotes, sources = _sources(kind="interview", host="Marcus Lee", publisher="Community Radio")
    items = json.loads(export_quotes("csl-json", quotes, sources))
    check_schema(items)
    assert items[0]["type"] == "interview"
    assert items[0]["interviewer"] == [{"family": "Lee", "given": "Marcus"}]
    assert items[0]["author"] == [{"family": "Brooks", "given": "Lena"}]
    assert "host" not in items[0]
    assert "(M. Lee, interviewer)" in format_reference(items[0], "apa")
    assert "Interview by Marcus Lee" in format_reference(items[0], "chicago")
    assert "(M. Lee, interviewer)" in export_quotes("csv", quotes, sources)


def test_host_in_csl_json_and_citations() -> None:
    quotes, sources = _sources(kind="podcast", host="Marcus Lee; Priya Raman", publisher="Night Shift Radio")
    items = json.loads(export_quotes("csl-json", quotes, sources))
    check_schema(items)
    assert items[0]["type"] == "broadcast"
    assert items[0]["host"] == [{"family": "Lee", "given": "Marcus"}, {"family": "Raman", "given": "Priya"}]
    assert "interviewer" not in items[0]
    assert "hosted by Marcus Lee and Priya Raman" in format_reference(items[0], "chicago")
    assert "hosted by Marcus Lee and Priya Raman" in format_reference(items[0], "chicago-notes")


def test_a_host_cited_as_author_is_not_named_twice() -> None:
    # A podcast quote with no speaker: the styles cite the host in the author's place, once.
    item = document_item(
        Document(
            id="p",
            title="Night shift",
            kind="podcast",
            source="/p",
            date="2024",
            host="Marcus Lee",
            publisher="Night Shift Radio",
        )
    )
    chicago = format_reference(item, "chicago")
    assert chicago.startswith("Lee, Marcus.") and chicago.count("Marcus") == 1
    assert format_reference(item, "apa").startswith("Lee, M. (host).")
    interview = document_item(
        Document(
            id="i", title="Night shift", kind="interview", source="/i", host="Marcus Lee", publisher="Community Radio"
        )
    )
    assert format_reference(interview, "apa").count("interviewer") == 1


def test_host_is_not_put_where_csl_means_something_else() -> None:
    # A panel's moderator: CSL has no such role, so nothing is exported rather than a wrong one.
    item = document_item(Document(id="x", title="Panel", kind="panel", source="/x", host="Marcus Lee"))
    assert "host" not in item and "interviewer" not in item
    assert (
        document_item(Document(id="y", title="Talk", kind="interview", source="/y", host="  ")).get("interviewer")
        is None
    )
    assert host_names(" Marcus  Lee ;; Priya Raman ; Marcus Lee") == ["Marcus Lee", "Priya Raman"]
    assert host_names("Tom and Ray Magliozzi") == ["Tom and Ray Magliozzi"]


def test_edit_document_checks_every_field_before_writing(tmp_path: Path) -> None:
    lib = build(tmp_path / "lib")
    before = (tmp_path / "lib" / "library.json").read_bytes()
    with pytest.raises(SaysoError, match="cannot read the date"):
        lib.edit_document("radio", title="New title", date="31/31/2024")
    assert (tmp_path / "lib" / "library.json").read_bytes() == before


def test_a_quote_filter_on_a_label_of_several_people_lists_each_and_doc_narrows(data: Path) -> None:
    """`speaker:Interviewer` is that label in every document (no error asking for a flag); `doc:` narrows it."""
    lib = Library.open(data)
    on_radio = lib.quotes.add("radio00001", exact="Welcome back to the night shift.")
    on_climate = lib.quotes.add("climate002", exact="How old are the weather logs you rescued?")
    assert [q.id for q in lib.quotes.list(speaker="Interviewer")] == [on_radio.id, on_climate.id]
    assert [q.id for q in lib.quotes.list(speaker="interviewer", doc="weather")] == [on_climate.id]
