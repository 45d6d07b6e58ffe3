"""The REFI-QDA project export (issue 15): `.qdpx` checked against the official schema and read back.

`project.qde` is validated against `../shared/schemas/refi-qda/Project-mrt2019.xsd`
with lxml; each quote's selection must slice the source text written in the
zip to the quote's exact words; tags become a code hierarchy, notes memos,
speakers cases.  A golden file pins `project.qde` for the small fixed library
of tests/test_export_formats.py.  The CLI refuses to put a zip on stdout.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from test_export_formats import DOCUMENTS, PASSAGES, check_golden, fixture_quotes, sources
from textual.widgets import Input, Select
from tui_support import HOSTILE_ID, INTERVIEW_ID, PANEL_ID, build_library
from tui_support import settle as settle_app

from sayso.cli import main
from sayso.corpus.errors import SaysoError
from sayso.corpus.export import Sources, export_bytes, export_library, export_quotes, prepare
from sayso.corpus.export.files import made_by_sayso, write_export
from sayso.corpus.export.qdpx import BOM, guid
from sayso.corpus.export.qdpx import made_by_sayso as qdpx_made_by_sayso
from sayso.corpus.library import Library
from sayso.corpus.models import Document, Passage, Quote, document_text
from sayso.corpus.safety import has_control, visible

etree = pytest.importorskip("lxml.etree")

REFI = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "refi-qda"
XSD = REFI / "Project-mrt2019.xsd"
ATLAS_SAMPLE = REFI / "sample-atlas-project.qdpx"
NS = {"q": "urn:QDA-XML:project:1.0"}
needs_schema = pytest.mark.skipif(not XSD.is_file(), reason="../shared/schemas/refi-qda is not beside the repository")


# -- helpers --------------------------------------------------------------------------------------


def schema():  # type: ignore[no-untyped-def]
    return etree.XMLSchema(etree.parse(str(XSD)))


def assert_valid(qde: bytes) -> None:
    validator = schema()
    root = etree.fromstring(qde)
    assert validator.validate(root), [str(e) for e in validator.error_log]


def unzip(data: bytes) -> tuple[list[str], dict[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        return zf.namelist(), {name: zf.read(name) for name in zf.namelist()}


def source_texts(files: dict[str, bytes], root) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each TextSource's guid -> its plain text as written in the zip (after the byte-order mark)."""
    texts = {}
    for source in root.iterfind("q:Sources/q:TextSource", NS):
        path = source.get("plainTextPath")
        assert path == f"internal://{source.get('guid')}.txt"
        raw = files["sources/" + path.removeprefix("internal://")]
        assert raw.startswith(BOM.encode("utf-8"))
        texts[source.get("guid")] = raw.decode("utf-8").removeprefix(BOM)
    return texts


def selections(root) -> dict[str, tuple[str, int, int, object]]:  # type: ignore[no-untyped-def]
    """Selection guid -> (source guid, start, end, element)."""
    found = {}
    for source in root.iterfind("q:Sources/q:TextSource", NS):
        for sel in source.iterfind("q:PlainTextSelection", NS):
            found[sel.get("guid")] = (
                source.get("guid"),
                int(sel.get("startPosition")),
                int(sel.get("endPosition")),
                sel,
            )
    return found


def fixture_project(creator: str | None = None) -> tuple[bytes, dict[str, bytes], list[str]]:
    src = sources()
    data = export_bytes("qdpx", prepare(fixture_quotes(), src, "apa"), sources=src, creator=creator)
    names, files = unzip(data)
    return data, files, names


def _doc_with(doc_id: str, turns: list[tuple[str | None, str]], **fields: object) -> tuple[Document, list[Passage]]:
    passages, offset = [], 0
    for i, (speaker, text) in enumerate(turns):
        passages.append(
            Passage(id=f"{doc_id}:{i}", document=doc_id, index=i, speaker=speaker, text=text, offset=offset)
        )
        offset += len(text) + 2
    return Document(id=doc_id, title=doc_id, kind="interview", source=f"/{doc_id}.txt", **fields), passages  # type: ignore[arg-type]


def _quote(qid: str, doc_id: str, passages: list[Passage], words: str, **fields: object) -> Quote:
    text = document_text(passages)
    start = text.index(words)
    return Quote(id=qid, document=doc_id, exact=words, start=start, end=start + len(words), **fields)  # type: ignore[arg-type]


# -- the schema is the contract ------------------------------------------------------------------------


@needs_schema
def test_the_validator_accepts_atlas_and_rejects_a_broken_project() -> None:
    """The check can fail: ATLAS.ti's own export passes, ours with a required attribute removed does not."""
    with zipfile.ZipFile(ATLAS_SAMPLE) as zf:
        assert_valid(zf.read("project.qde"))
    _, files, _ = fixture_project()
    root = etree.fromstring(files["project.qde"])
    sel = root.find("q:Sources/q:TextSource/q:PlainTextSelection", NS)
    del sel.attrib["startPosition"]
    assert not schema().validate(root)
    root = etree.fromstring(files["project.qde"])
    root.find("q:Users/q:User", NS).set("guid", "not-a-guid")
    assert not schema().validate(root)


@needs_schema
def test_project_qde_is_valid_against_the_refi_qda_schema() -> None:
    _, files, names = fixture_project()
    assert names[0] == "project.qde"  # first, so made_by_sayso can read it from the file's head
    assert "sources/" in names
    assert_valid(files["project.qde"])


@needs_schema
def test_a_hostile_library_gives_a_valid_project_without_control_characters(tmp_path: Path) -> None:
    lib = build_library(tmp_path / "lib")
    calm = lib.quotes.add(HOSTILE_ID, "A calm reply.", note="bell\x07 and\x1b[31m escape\u202e", tags=["x\x1b/y"])
    lib.quotes.add(PANEL_ID, "Closed models hide their failures.", tags=["open"])
    export = export_library(lib, lib.quotes.list(), "qdpx", creator="Ré\x1bsearcher")
    assert export.binary and isinstance(export.content, bytes)
    _, files = unzip(export.content)
    qde = files["project.qde"]
    assert_valid(qde)
    for name, data in files.items():
        assert not has_control(data.decode("utf-8").replace("\ufeff", "")), name
    root = etree.fromstring(qde)
    texts = source_texts(files, root)
    start_guid, start, end, _ = selections(root)[guid("quote", calm.id)]
    assert texts[start_guid][start:end] == "A calm reply."  # counted in the text as written (escapes made visible)
    hostile_text = lib.text(HOSTILE_ID)
    assert start > hostile_text.index("A calm reply.")  # the visible stand-ins moved it
    assert root.find("q:Users/q:User", NS).get("name") == "Ré\u241bsearcher"
    assert root.find(".//q:Note/q:PlainTextContent", NS).text == visible("bell\x07 and\x1b[31m escape\u202e")


# -- selections, codes, notes, cases --------------------------------------------------------------------


def test_every_selection_slices_the_source_text_to_the_quoted_words() -> None:
    _, files, _ = fixture_project()
    root = etree.fromstring(files["project.qde"])
    texts = source_texts(files, root)
    found = selections(root)
    for q in fixture_quotes():
        if q.id == "q5-stale":
            assert guid("quote", q.id) not in found  # its words are not at its place: not coded anywhere
            continue
        source_guid, start, end, sel = found[guid("quote", q.id)]
        assert source_guid == guid("document", q.document)
        assert texts[source_guid][start:end] == q.exact
        assert sel.get("name") == q.exact
    # Each source file holds the document's text exactly, so the passages' selections slice to their text.
    for doc in DOCUMENTS:
        text = texts[guid("document", doc.id)]
        assert text == document_text(PASSAGES[doc.id])
        for passage in PASSAGES[doc.id]:
            if passage.speaker:
                _, start, end, _ = found[guid("passage", passage.id)]
                assert text[start:end] == passage.text


def test_positions_count_code_points_around_emoji_and_controls() -> None:
    doc, passages = _doc_with(
        "emoji",
        [("Zoë", "Rocket \U0001f680 launch\x00 and \u202ebidi\u202c then the quoted words here."), ("Li", "Ok.")],
    )
    q = _quote("q1", "emoji", passages, "the quoted words", speaker="Zoë", tags=["a"])
    src = Sources.of([doc], {"emoji": passages})
    _, files = unzip(export_bytes("qdpx", prepare([q], src, "apa"), sources=src))
    root = etree.fromstring(files["project.qde"])
    texts = source_texts(files, root)
    source_guid, start, end, _ = selections(root)[guid("quote", "q1")]
    assert texts[source_guid][start:end] == "the quoted words"
    assert "\U0001f680" in texts[source_guid] and "\x00" not in texts[source_guid]


def test_tags_are_a_code_hierarchy_and_selections_are_coded_with_them() -> None:
    doc, passages = _doc_with("d", [("Ada", "One two three four five six.")])
    q1 = _quote("q1", "d", passages, "two three", tags=["themes/open/weights", "themes/closed", "solo"])
    q2 = _quote("q2", "d", passages, "five six", tags=["themes/open", "themes//closed/"])
    src = Sources.of([doc], {"d": passages})
    _, files = unzip(export_bytes("qdpx", prepare([q1, q2], src, "apa"), sources=src))
    root = etree.fromstring(files["project.qde"])
    codes = root.find("q:CodeBook/q:Codes", NS)
    tree = {
        c.get("name"): {
            s.get("name"): [g.get("name") for g in s.iterfind("q:Code", NS)] for s in c.iterfind("q:Code", NS)
        }
        for c in codes.iterfind("q:Code", NS)
    }
    assert tree == {"solo": {}, "themes": {"closed": [], "open": ["weights"]}}
    assert all(c.get("isCodable") == "true" for c in codes.iter("{urn:QDA-XML:project:1.0}Code"))

    def coded(qid: str) -> set[str]:
        sel = selections(root)[guid("quote", qid)][3]
        return {ref.get("targetGUID") for ref in sel.iterfind("q:Coding/q:CodeRef", NS)}  # type: ignore[attr-defined]

    assert coded("q1") == {guid("code", "themes/open/weights"), guid("code", "themes/closed"), guid("code", "solo")}
    assert coded("q2") == {guid("code", "themes/open"), guid("code", "themes/closed")}  # same path, same code
    code_guids = {c.get("guid") for c in codes.iter("{urn:QDA-XML:project:1.0}Code")}
    assert coded("q1") | coded("q2") <= code_guids


def test_notes_are_memos_linked_to_their_selection_and_a_lost_quote_is_a_note_only() -> None:
    _, files, _ = fixture_project()
    root = etree.fromstring(files["project.qde"])
    notes = {
        n.get("guid"): n.findtext("q:PlainTextContent", namespaces=NS) for n in root.iterfind("q:Notes/q:Note", NS)
    }
    found = selections(root)
    for q in fixture_quotes()[:4]:
        sel = found[guid("quote", q.id)][3]
        refs = [r.get("targetGUID") for r in sel.iterfind("q:NoteRef", NS)]  # type: ignore[attr-defined]
        if q.note:
            assert [notes[r] for r in refs] == [visible(q.note)]
        else:
            assert refs == []
    stale = fixture_quotes()[4]
    buchanan = root.find(f"q:Sources/q:TextSource[@guid='{guid('document', 'buchanan01')}']", NS)
    (ref,) = [r.get("targetGUID") for r in buchanan.iterfind("q:NoteRef", NS)]
    assert ref == guid("note", stale.id)
    assert notes[ref].startswith("\u26a0 sayso: text changed since quoted")
    assert "\u201cI met with him twice.\u201d" in notes[ref]


def test_speakers_are_cases_holding_their_passages() -> None:
    _, files, _ = fixture_project()
    root = etree.fromstring(files["project.qde"])
    found = selections(root)
    cases = {
        c.get("name"): [r.get("targetGUID") for r in c.iterfind("q:SelectionRef", NS)]
        for c in root.iterfind("q:Cases/q:Case", NS)
    }
    assert set(cases) == {"Ben Buchanan", "Ezra Klein", "Nathan Lambert"}
    assert cases["Ben Buchanan"] == [guid("passage", "buchanan01:0"), guid("passage", "buchanan01:2")]
    assert cases["Ezra Klein"] == [guid("passage", "buchanan01:1")]
    assert all(ref in found for refs in cases.values() for ref in refs)


def test_a_quote_attributed_to_someone_inside_another_speakers_turn_joins_their_case() -> None:
    doc, passages = _doc_with("d", [("Host", "As Yann put it, open research wins. Next question.")])
    q = _quote("q1", "d", passages, "open research wins", speaker="Yann LeCun")
    src = Sources.of([doc], {"d": passages})
    _, files = unzip(export_bytes("qdpx", prepare([q], src, "apa"), sources=src))
    root = etree.fromstring(files["project.qde"])
    cases = {
        c.get("name"): [r.get("targetGUID") for r in c.iterfind("q:SelectionRef", NS)]
        for c in root.iterfind("q:Cases/q:Case", NS)
    }
    assert cases == {"Host": [guid("passage", "d:0")], "Yann LeCun": [guid("quote", "q1")]}


def test_the_creating_user_owns_everything() -> None:
    _, files, _ = fixture_project(creator="Dana Scully")
    root = etree.fromstring(files["project.qde"])
    (user,) = root.iterfind("q:Users/q:User", NS)
    assert user.get("name") == "Dana Scully" and user.get("guid") == guid("user", "Dana Scully")
    assert root.get("creatingUserGUID") == user.get("guid")
    owners = {e.get("creatingUser") for e in root.iter() if e.get("creatingUser")}
    assert owners == {user.get("guid")}
    _, files, _ = fixture_project()
    assert etree.fromstring(files["project.qde"]).find("q:Users/q:User", NS).get("name") == "sayso"


# -- stable output, golden, the file --------------------------------------------------------------------


def test_re_exports_are_identical_and_the_summary_says_what_the_zip_holds() -> None:
    first, _, _ = fixture_project()
    again, _, _ = fixture_project()
    assert first == again  # same GUIDs, same times (from the quotes), same zip
    summary = export_quotes("qdpx", fixture_quotes(), sources())
    assert summary.startswith("REFI-QDA project (.qdpx): a zip file")
    assert "4 quotes as coded selections in 3 sources" in summary
    assert "1 quote not placed" in summary
    assert not has_control(summary)


def test_project_qde_matches_golden() -> None:
    _, files, _ = fixture_project()
    check_golden("quotes-project.qde", files["project.qde"].decode("utf-8"))


def test_made_by_sayso_knows_a_sayso_qdpx_and_no_other_zip() -> None:
    data, _, _ = fixture_project()
    assert made_by_sayso(data[:4096]) and qdpx_made_by_sayso(data[:4096])
    assert not made_by_sayso(data[:20])
    if ATLAS_SAMPLE.is_file():
        assert not made_by_sayso(ATLAS_SAMPLE.read_bytes()[:4096])
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", b'<?xml version="1.0"?><Project name="x" origin="MAXQDA"/>')
    assert not made_by_sayso(other.getvalue())
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("project.qde", b'<?xml version="1.0"?>\n<Project xmlns="urn:x" origin="sayso" name="x"/>')
    assert made_by_sayso(stored.getvalue())


def test_write_export_writes_bytes_and_replaces_only_its_own_qdpx(tmp_path: Path) -> None:
    data, _, _ = fixture_project()
    target = tmp_path / "team.qdpx"
    write_export(target, "qdpx", data)
    write_export(target, "qdpx", data)  # sayso's own project: replaced without force
    assert target.read_bytes() == data
    with pytest.raises(SaysoError, match="binary"):
        write_export(tmp_path / "x.qdpx", "qdpx", "a summary is not the file")
    with pytest.raises(SaysoError, match="text"):
        write_export(tmp_path / "x.ris", "ris", b"bytes")
    assert not (tmp_path / "x.qdpx").exists() and not (tmp_path / "x.ris").exists()
    if ATLAS_SAMPLE.is_file():
        theirs = tmp_path / "atlas.qdpx"
        theirs.write_bytes(ATLAS_SAMPLE.read_bytes())
        with pytest.raises(SaysoError, match="not a sayso export"):
            write_export(theirs, "qdpx", data)
        assert theirs.read_bytes() == ATLAS_SAMPLE.read_bytes()


# -- the CLI and the app -------------------------------------------------------------------------------


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = build_library(tmp_path / "data")
    lib.quotes.add(PANEL_ID, "Closed models hide their failures.", note="key claim", tags=["open/weights"])
    lib.quotes.add(INTERVIEW_ID, "Go ahead and do it.", tags=["advice"])
    return lib


def test_cli_refuses_a_zip_on_stdout(library: Library, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = str(library.data_dir)
    for extra in ([], ["--json"]):
        code = main(["export", "--data", data, "-f", "qdpx", *extra])
        out, err = capsys.readouterr()
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and "qdpx is a zip file; give -o FILE.qdpx" in err


@needs_schema
def test_cli_writes_a_qdpx_file(library: Library, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data, target = str(library.data_dir), tmp_path / "team.qdpx"
    assert main(["export", "--data", data, "-o", str(target), "--creator", "Dana"]) == 0  # format from the ending
    out, err = capsys.readouterr()
    assert f"exported 2 quote(s) as qdpx to {target}" in out, err
    names, files = unzip(target.read_bytes())
    assert names[0] == "project.qde" and len([n for n in names if n.endswith(".txt")]) == 2
    assert_valid(files["project.qde"])
    assert etree.fromstring(files["project.qde"]).find("q:Users/q:User", NS).get("name") == "Dana"
    assert main(["export", "--data", data, "-f", "refi-qda", "-o", str(target), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["format"] == "qdpx" and summary["quotes"] == 2 and "content" not in summary
    assert summary["output"] == str(target)


async def test_export_dialog_previews_a_summary_and_writes_the_zip(library: Library, tmp_path: Path) -> None:
    from sayso.tui.app import SaysoApp
    from sayso.tui.screens.export_dialog import ExportDialog
    from sayso.tui.screens.main import MainScreen

    app = SaysoApp(library)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle_app(app, pilot, 0.05)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("e")
        await pilot.pause(0.4)
        await settle_app(app, pilot, 0.05)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-format", Select).value = "qdpx"
        await pilot.pause(0.4)
        await settle_app(app, pilot, 0.05)
        path_input = dialog.query_one("#export-path", Input)
        assert path_input.value.endswith("sayso-quotes.qdpx")
        assert dialog.preview_text == export_quotes("qdpx", library.quotes.list(), library)
        assert dialog.preview_text.startswith("REFI-QDA project (.qdpx)")
        target = tmp_path / "from-app.qdpx"
        path_input.value = str(target)
        await pilot.press("ctrl+s")
        await settle_app(app, pilot, 0.05)
        assert not isinstance(app.screen, ExportDialog)
        expected = export_library(library, library.quotes.list(), "qdpx").content
        assert target.read_bytes() == expected
        assert made_by_sayso(target.read_bytes()[:4096])
