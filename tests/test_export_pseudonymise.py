"""Exports that protect the people quoted (issue 15): `--pseudonymise MAP`, `--redact`, and the leak check.

A library is imported from real transcripts in ../shared (the WEF panel seed, the 1960 debate) and an
interview written here with accented names; quotes hold names in their words, possessives, notes and
tags naming people.  Every format is exported with a map, and the written file (every file inside the
qdpx) is searched for the real names by a scanner of this test's own, not by sayso's checker; the same
export without the map holds them, so the scanner can fail.  A renderer made to leak is stopped by the
checker with one line and no file; bad maps are refused with one line and nothing written.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from test_export_schemas import check_csl, check_w3c

from sayso.cli import main
from sayso.corpus.export import BINARY, FORMATS
from sayso.corpus.export.files import write_export
from sayso.corpus.export.pseudonymise import (
    EDITED,
    REDACTED,
    BadMap,
    Edit,
    Leak,
    Moves,
    Person,
    Protection,
    PseudonymMap,
    load_map,
)
from sayso.corpus.library import Library
from sayso.corpus.models import Quote

SHARED = Path(__file__).resolve().parents[2] / "shared"
PANEL = SHARED / "seeds" / "003_ec03862bfd892207.txt"
DEBATE = SHARED / "realworld" / "debate-1960.txt"
XSD = SHARED / "schemas" / "refi-qda" / "Project-mrt2019.xsd"
pytestmark = pytest.mark.skipif(
    not (PANEL.is_file() and DEBATE.is_file()), reason="../shared transcripts are not beside the repository"
)

INTERVIEW = (
    "Interviewer: Thank you for coming, José. Tell us where you grew up.\n\n"
    "José Martínez: My name is JOSÉ MARTÍNEZ and I grew up in Montreal. Martínez\u2019s bakery was my "
    "father's, and my brother Ramón Martínez still bakes there.\n\n"
    "Interviewer: Does jose martinez bake too?\n\n"
    "José Martínez: Not any more. The Leeds office keeps me busy.\n"
)

MAP = """\
redact = ["The Atlantic"]

[names]
"Yann LeCun" = "P1"
"Kai-Fu Lee" = "P2"
"Nick Thompson" = { pseudonym = "P3", aliases = ["Nicholas Thompson"] }
"Daphne Koller" = "P4"
"Andrew Ng" = "P5"
"Aidan Gomez" = "P6"
"Jose Martinez" = "P7"
"Ramón Martínez" = "P8"
"John F. Kennedy" = "Speaker A"
"Richard M. Nixon" = "Speaker B"

[terms]
"Montreal" = "[City]"
"""

#: What must never be in a pseudonymised export: every mapped name, its family and given names alone, the terms.
REAL = [
    "Yann LeCun",
    "LeCun",
    "Yann",
    "Kai-Fu Lee",
    "Kai-Fu",
    "Lee",
    "Nick Thompson",
    "Nicholas Thompson",
    "Thompson",
    "Nick",
    "Daphne Koller",
    "Koller",
    "Daphne",
    "Andrew Ng",
    "Andrew",
    "Aidan Gomez",
    "Gomez",
    "Aidan",
    "José Martínez",
    "Martínez",
    "José",
    "Ramón",
    "John F. Kennedy",
    "Kennedy",
    "Richard M. Nixon",
    "Nixon",
    "Montréal",
    "The Atlantic",
]


# -- an independent scanner --------------------------------------------------------------------------


def plain(text: str) -> str:
    """Lower case, no accents, escapes and braces gone (Markdown, LaTeX, JSON): how a reader would see it."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    text = re.sub(r"\\text\w+\{\}|[\\{}]", "", text)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def found_names(text: str, names: list[str] = REAL) -> list[str]:
    """The names of `names` in `text`, whole words, any case or accents, words apart by any 1-3 non-letters."""
    flat = plain(text)
    hits = []
    for name in names:
        words = re.findall(r"[^\W_]+", plain(name))
        if re.search(r"(?<![^\W_])" + r"[\W_]{1,3}".join(map(re.escape, words)) + r"(?![^\W_])", flat):
            hits.append(name)
    return hits


def file_texts(path: Path) -> dict[str, str]:
    """Every text in an export file: a qdpx's files by name, else the file."""
    data = path.read_bytes()
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return {name: zf.read(name).decode("utf-8") for name in zf.namelist()}
    return {path.name: data.decode("utf-8")}


# -- the library ----------------------------------------------------------------------------------------


def sentence(text: str, start: int, pattern: str) -> tuple[int, int]:
    """The span of the first sentence at or after `start` holding `pattern` (a regex), on one line."""
    m = re.compile(r"[^.?!\n]*?(?:" + pattern + r")[^.?!\n]*[.?!]").search(text, start)
    assert m, pattern
    return m.start(), m.end()


def first_sentence_of(lib: Library, doc_id: str, speaker: str) -> tuple[int, int]:
    """The span, in the document's text, of the first sentence of `speaker`'s first passage."""
    passage = next(p for p in lib.passages(doc_id) if p.speaker == speaker)
    end = re.search(r"[.?!]", passage.text)
    assert end
    return passage.offset, passage.offset + end.end()


def quote(lib: Library, doc_id: str, span: tuple[int, int], **extra: Any) -> Quote:
    return lib.quotes.add_span(doc_id, span[0], span[1], **extra)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Quote]]:
    """(data folder, map file, quotes by name): the panel, the debate and an interview, with quotes naming people."""
    base = tmp_path_factory.mktemp("pseudonymise")
    interview = base / "José Martínez interview.txt"
    interview.write_text(INTERVIEW, encoding="utf-8")
    data = base / "data"
    lib = Library.open(data)
    report = lib.import_paths([PANEL, DEBATE, interview])
    assert len(report.documents) == 3, report.errors
    docs = {str(Path(d.source).resolve()): d for d in lib.documents()}
    panel, debate, talk = (docs[str(p.resolve())] for p in (PANEL, DEBATE, interview))
    lib.edit_document(
        talk.id, title="Interview with José Martínez", url="https://example.org/jose-martinez", place="Montréal"
    )
    lib.edit_document(debate.id, title="Kennedy\u2013Nixon debate", date="1960-09-26", kind="debate")
    text = {d.id: lib.text(d.id) for d in (panel, debate, talk)}
    quotes = {
        "possessive": quote(lib, panel.id, sentence(text[panel.id], 0, r"\bYann's")),
        "alias": quote(lib, panel.id, sentence(text[panel.id], 0, r"I'm Nicholas Thompson")),
        "noted": quote(
            lib,
            panel.id,
            first_sentence_of(lib, panel.id, "Kai-Fu Lee"),
            note="Nick Thompson asked about LeCun\u2019s view",
            tags=["Yann LeCun", "people/Kai-Fu Lee"],
        ),
        "lecun": quote(lib, panel.id, first_sentence_of(lib, panel.id, "Yann LeCun")),
        "kennedy": quote(lib, debate.id, sentence(text[debate.id], 0, r"\bKennedy's")),
        "nixon": quote(lib, debate.id, first_sentence_of(lib, debate.id, "Mr. Nixon")),
        "accents": quote(lib, talk.id, sentence(text[talk.id], 0, r"My name is")),
        "shared surname": quote(lib, talk.id, sentence(text[talk.id], 0, r"bakery")),
        "plain": quote(lib, talk.id, sentence(text[talk.id], 0, r"Not any more")),
    }
    map_file = base / "names.toml"
    map_file.write_text(MAP, encoding="utf-8")
    return data, map_file, quotes


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- every format, no name left ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_no_mapped_name_reaches_any_format(
    library: tuple[Path, Path, dict[str, Quote]], capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    data, map_file, _ = library
    target = tmp_path / f"quotes{FORMATS[fmt][1]}"
    code, _, err = run(
        capsys, "export", "--data", str(data), "-f", fmt, "--pseudonymise", str(map_file), "-o", str(target)
    )
    assert code == 0, err
    texts = file_texts(target)
    for name, text in texts.items():
        assert found_names(text) == [], name
    everything = "\n".join(texts.values())
    assert "P1" in everything and "P2" in everything and "Speaker B" in everything
    # Still what each format's readers expect.
    if fmt == "csl-json":
        check_csl(json.loads(everything))
    elif fmt == "w3c":
        check_w3c(json.loads(everything))
    elif fmt == "qdpx" and XSD.is_file():
        etree = pytest.importorskip("lxml.etree")
        schema = etree.XMLSchema(etree.parse(str(XSD)))
        assert schema.validate(etree.fromstring(texts["project.qde"].encode("utf-8"))), schema.error_log

    # Without the map the same export names them: the scanner sees names where there are some.
    bare = tmp_path / f"bare{FORMATS[fmt][1]}"
    code, _, err = run(capsys, "export", "--data", str(data), "-f", fmt, "-o", str(bare))
    assert code == 0, err
    assert {"Lee", "Nixon"} <= set(found_names("\n".join(file_texts(bare).values())))


def test_names_are_replaced_where_each_format_keeps_them(
    library: tuple[Path, Path, dict[str, Quote]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Quoted words get [P1] (possessive kept), speakers, notes, tags, titles and citations the pseudonym."""
    data, map_file, quotes = library
    out = {}
    for fmt in ("markdown", "csv", "csl-json", "w3c", "ris", "bibtex"):
        code, text, err = run(capsys, "export", "--data", str(data), "-f", fmt, "--pseudonymise", str(map_file))
        assert code == 0, err
        out[fmt] = text
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out["csv"], newline=""))}
    possessive = rows[quotes["possessive"].id]
    assert "[P1]'s" in possessive["exact"] and possessive["status"] == EDITED
    assert rows[quotes["alias"].id]["exact"].startswith("I'm [P3]")
    noted = rows[quotes["noted"].id]
    assert noted["speaker"] == "P2" and noted["note"] == "P3 asked about P1\u2019s view"
    assert noted["tags"] == "P1; people/P2" and noted["status"] == "verified"  # a name in the note is no edit
    assert noted["citation"].startswith("P2.")
    accents = rows[quotes["accents"].id]
    assert accents["exact"] == "My name is [P7] and I grew up in [City]."
    assert accents["title"] == "Interview with P7"
    # "Martínez" alone is two people's surname: both pseudonyms; "Leeds" is not "Lee".
    assert rows[quotes["shared surname"].id]["exact"].startswith("[P7/P8]\u2019s bakery")
    assert "my brother [P8] still" in rows[quotes["shared surname"].id]["exact"]
    assert rows[quotes["plain"].id]["exact"] == "Not any more." and rows[quotes["plain"].id]["status"] == "verified"
    kennedy = rows[quotes["kennedy"].id]
    assert "[Speaker A]'s" in kennedy["exact"] and kennedy["title"] == "Speaker A\u2013Speaker B debate"
    assert rows[quotes["nixon"].id]["speaker"] == "Mr. Speaker B"

    items = json.loads(out["csl-json"])
    authors = [a for item in items for a in item.get("author", [])]
    assert {"literal": "P2"} in authors and all("URL" not in item for item in items)  # the URL named José
    assert all(item["id"].startswith("sayso-") and "lecun" not in item["id"] for item in items)
    assert "AU  - P2" in out["ris"] and "[brackets] mark the words replaced" in out["ris"]
    assert "author = {{P2}}" in out["bibtex"]
    assert "Edited for anonymity: [brackets] mark the words replaced" in out["markdown"]
    assert "> My name is [P7] and I grew up in [City]." in out["markdown"]
    annotations = json.loads(out["w3c"])["first"]["items"]
    sources = {a["target"]["source"] for a in annotations}
    assert not any("Mart" in s for s in sources)  # the file path and the URL named him: left out
    edited = [a for a in annotations if any(b.get("purpose") == "describing" for b in a.get("body", []))]
    assert len(edited) == 6


def test_qdpx_selections_slice_the_pseudonymised_text(
    library: tuple[Path, Path, dict[str, Quote]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Positions move with the replacements: every selection still slices its quote's (pseudonymised) words."""
    data, map_file, quotes = library
    target = tmp_path / "project.qdpx"
    code, _, err = run(capsys, "export", "--data", str(data), "--pseudonymise", str(map_file), "-o", str(target))
    assert code == 0, err
    files = file_texts(target)
    root = ET.fromstring(files["project.qde"].encode("utf-8"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    code, out, _ = run(capsys, "export", "--data", str(data), "-f", "csv", "--pseudonymise", str(map_file))
    exact = {r["id"]: r["exact"] for r in csv.DictReader(io.StringIO(out, newline=""))}
    from sayso.corpus.export.qdpx import guid

    by_guid = {guid("quote", qid): words for qid, words in exact.items()}
    placed = 0
    for source in root.iterfind("q:Sources/q:TextSource", ns):
        text = files[f"sources/{source.get('guid')}.txt"].removeprefix("\ufeff")
        for sel in source.iterfind("q:PlainTextSelection", ns):
            if sel.get("guid") in by_guid:
                start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
                assert text[start:end] == by_guid[sel.get("guid")]
                placed += 1
    assert placed == len(quotes)
    cases = {c.get("name") for c in root.iterfind("q:Cases/q:Case", ns)}
    assert {"P1", "P2", "P3", "P7", "Senator Speaker A", "Mr. Speaker B"} <= cases
    assert "[P1]" in "".join(files.values())


# -- what is reported --------------------------------------------------------------------------------


def test_quotes_with_names_are_reported_edited_not_drifted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "talk.txt"
    source.write_text(
        "Host: Welcome, José.\n\nJosé Martínez: Señor Martínez\u2019s bakery opened in 1990.\n\n"
        "Host: And then?\n\nJosé Martínez: We sold bread to everyone on the street.\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    lib = Library.open(data)
    lib.import_paths([source])
    doc = lib.documents()[0]
    named = lib.quotes.add(doc.id, "Señor Martínez\u2019s bakery opened in 1990.")
    plain_quote = lib.quotes.add(doc.id, "We sold bread to everyone")
    names = tmp_path / "names.csv"
    names.write_text("real,pseudonym\nJosé Martínez,P1\n", encoding="utf-8")

    code, out, err = run(capsys, "export", "--data", str(data), "-f", "csv", "--pseudonymise", str(names))
    assert code == 0, err
    assert f"quote {named.id[:8]} is {EDITED}" in err
    assert "marked in the export" not in err and plain_quote.id[:8] not in err
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out, newline=""))}
    assert rows[named.id]["exact"] == "Señor [P1]\u2019s bakery opened in 1990." and rows[named.id]["status"] == EDITED
    assert rows[plain_quote.id]["status"] == "verified"

    # The document changes under the quote: still reported as changed, and its words still pseudonymised.
    source.write_text(source.read_text(encoding="utf-8").replace("in 1990", "in 1991"), encoding="utf-8")
    lib.import_paths([source])
    code, out, err = run(capsys, "export", "--data", str(data), "-f", "csv", "--json", "--pseudonymise", str(names))
    assert code == 0, err
    summary = json.loads(out)
    assert [f["id"] for f in summary["flagged"]] == [named.id]
    assert [e["id"] for e in summary["edited"]] == [named.id]
    assert f"quote {named.id[:8]} is marked in the export: text changed since quoted" in err
    row = next(r for r in csv.DictReader(io.StringIO(summary["content"], newline="")) if r["id"] == named.id)
    assert row["status"] == f"text changed since quoted; {EDITED}" and "[P1]" in row["exact"]
    assert found_names(summary["content"], ["José Martínez", "Martínez", "José"]) == []


# -- the checker stops a leak ----------------------------------------------------------------------------


def leaky_text(original: Callable[..., str]) -> Callable[..., str]:
    def render(*args: Any, **kwargs: Any) -> str:
        lines = original(*args, **kwargs).split("\n")
        lines[1] += " Yann LeCun\u2019s"
        return "\n".join(lines)

    return render


def leaky_zip(original: Callable[..., tuple[str, bytes]]) -> Callable[..., tuple[str, bytes]]:
    def build(*args: Any, **kwargs: Any) -> tuple[str, bytes]:
        summary, data = original(*args, **kwargs)
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
            for info in zin.infolist():
                body = zin.read(info)
                if info.filename.startswith("sources/") and body:
                    body += b"\nthen LECUN said"
                zout.writestr(info, body)
        return summary, out.getvalue()

    return build


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_renderer_leak_is_stopped_with_one_line_and_no_file(
    library: tuple[Path, Path, dict[str, Quote]],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    data, map_file, _ = library
    if fmt in BINARY:
        monkeypatch.setitem(BINARY, fmt, leaky_zip(BINARY[fmt]))
    else:
        renderer, suffix, about = FORMATS[fmt]
        monkeypatch.setitem(FORMATS, fmt, (leaky_text(renderer), suffix, about))
    target = tmp_path / f"quotes{FORMATS[fmt][1]}"
    code, out, err = run(
        capsys, "export", "--data", str(data), "-f", fmt, "--pseudonymise", str(map_file), "-o", str(target)
    )
    assert code == 1 and err.count("\n") == 1, err
    assert "'Yann LeCun'" in err and "nothing written" in err
    assert ("sources/" in err and "LECUN" in err) if fmt in BINARY else "line 2" in err
    assert not target.exists() and list(tmp_path.iterdir()) == []
    assert out == ""


def test_a_leak_in_the_file_being_updated_leaves_it_as_it_was(
    library: tuple[Path, Path, dict[str, Quote]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Markdown merges into an existing file: the user's own text there naming someone stops the export."""
    data, map_file, _ = library
    target = tmp_path / "notes.md"
    code, _, err = run(capsys, "export", "--data", str(data), "--pseudonymise", str(map_file), "-o", str(target))
    assert code == 0, err
    mine = target.read_text(encoding="utf-8") + "\nMy own notes: ask Dr. Koller again.\n"
    target.write_text(mine, encoding="utf-8")
    code, _, err = run(capsys, "export", "--data", str(data), "--pseudonymise", str(map_file), "-o", str(target))
    assert code == 1 and err.count("\n") == 1
    assert "'Daphne Koller'" in err and "outside sayso's quotes" in err
    assert target.read_text(encoding="utf-8") == mine


def test_write_export_checks_what_it_writes(tmp_path: Path) -> None:
    protection = Protection.of(PseudonymMap([Person("Yann LeCun", "P1")]))
    target = tmp_path / "out.csv"
    with pytest.raises(Leak, match=r"'Yann LeCun' \('lecun', line 2, row 1, column speaker\)"):
        write_export(target, "csv", "id,document,title,speaker\r\nq1,d1,Title,lecun\r\n", protection=protection)
    assert list(tmp_path.iterdir()) == []
    write_export(target, "csv", "id,document,title,speaker\r\nq1,d1,Title,P1\r\n", protection=protection)
    assert target.is_file()


def test_the_creator_is_not_pseudonymised_but_checked(
    library: tuple[Path, Path, dict[str, Quote]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """What the map does not reach (the annotator named with --creator) is still caught by the check."""
    data, map_file, _ = library
    target = tmp_path / "out.jsonld"
    code, _, err = run(
        capsys,
        "export",
        "--data",
        str(data),
        "--pseudonymise",
        str(map_file),
        "--creator",
        "Andrew Ng",
        "-o",
        str(target),
    )
    assert code == 1 and "'Andrew Ng'" in err and "field name" in err and err.count("\n") == 1
    assert not target.exists()


def test_alone_empty_keeps_single_words_and_the_contract_holds(tmp_path: Path) -> None:
    """`alone = []`: only the full name is replaced and checked (for a name that is an ordinary word)."""
    path = tmp_path / "names.toml"
    path.write_text('[names]\n"Will Young" = { pseudonym = "P1", alone = [] }\n', encoding="utf-8")
    protection = Protection.of(load_map(path))
    assert protection.replace("Will Young said young people will vote.") == "P1 said young people will vote."
    protection.check("markdown", "young people will vote")  # no leak: the full name is gone


# -- matching ----------------------------------------------------------------------------------------------


@pytest.fixture()
def protection() -> Protection:
    return Protection.of(
        PseudonymMap(
            [
                Person("Yann LeCun", "P1"),
                Person("Kai-Fu Lee", "P2"),
                Person("José Martínez", "P3"),
                Person("Tom Magliozzi", "P4"),
                Person("Ray Magliozzi", "P5"),
            ],
            {"Montreal": "[City]", "AT&T": "[Company]"},
            ["Acme Corp"],
        )
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yann LeCun said", "P1 said"),
        ("YANN LECUN said", "P1 said"),
        ("yann lecun said", "P1 said"),
        ("LeCun's view", "P1's view"),
        ("LeCun\u2019s view", "P1\u2019s view"),
        ("LeCun, Yann (2024)", "P1 (2024)"),
        ("https://example.org/yann-lecun/talk", "https://example.org/P1/talk"),
        ("yann_lecun.txt", "P1.txt"),
        ("Mr. LeCun and Yann", "Mr. P1 and P1"),
        ("Kai-Fu Lee and Kai-Fu", "P2 and P2"),
        ("Dr. Lee of Leeds, not Lees", "Dr. P2 of Leeds, not Lees"),
        ("Jose Martinez, José, JOSÉ MARTÍNEZ\u2019s", "P3, P3, P3\u2019s"),
        ("Jose\u0301 Marti\u0301nez", "P3"),  # decomposed accents
        ("Martínezes", "Martínezes"),
        ("Magliozzi and Tom Magliozzi", "P4/P5 and P4"),
        ("from Montréal", "from [City]"),
        ("ACME corp's office", "[redacted]'s office"),
        ("LeCunning", "LeCunning"),
        ("AT&T's network, at T", "[Company]'s network, at T"),
    ],
)
def test_matching(protection: Protection, text: str, expected: str) -> None:
    assert protection.replace(text) == expected


def test_a_person_mapped_by_title_and_surname_is_found_by_the_surname_too() -> None:
    """Hearings and debates name people "Senator Kennedy": the map may too, and "Senator John F. Kennedy" in the
    quoted words is still replaced, and caught by the check if it were not (a user trial found it leaking)."""
    guard = Protection.of(PseudonymMap([Person("Senator Kennedy", "P6"), Person("Mr. Nixon", "P7")], {}, []))
    assert (
        guard.replace("the Democratic candidate, Senator John F. Kennedy")
        == "the Democratic candidate, Senator John F. P6"
    )
    assert guard.replace("Mr. Nixon and Nixon's answer") == "P7 and P7's answer"
    hit = guard.first("as Kennedy said")
    assert hit is not None and hit[0].real == "Senator Kennedy"


def test_quoted_words_mark_the_edit(protection: Protection) -> None:
    assert protection.replace("Yann's point, in Montreal, at Acme Corp", quoted=True) == (
        f"[P1]'s point, in [City], at {REDACTED}"
    )


def test_positions_move_with_the_replacements(protection: Protection) -> None:
    text = "Ask Yann LeCun now"
    new, edits = protection.edits(text, quoted=True)
    assert new == "Ask [P1] now" and edits == [Edit(4, 14, 4, 8)]
    moves = Moves(edits)
    assert (moves.start(0), moves.end(3), moves.end(4), moves.start(14)) == (0, 3, 4, 8)
    assert new[moves.start(15) : moves.end(18)] == "now"
    # A span starting or ending inside a name takes the whole replacement.
    assert new[moves.start(9) : moves.end(18)] == "[P1] now"
    assert new[moves.start(0) : moves.end(7)] == "Ask [P1]"


# -- bad maps ----------------------------------------------------------------------------------------------


BAD_MAPS = [
    ("names.toml", None, "no such file"),
    ("names.toml", '[names]\n"Yann LeCun" =\n', "is not valid TOML"),
    ("names.toml", "[names]\n", "maps no names"),
    ("names.toml", '[names]\n"Yann LeCun" = "P1"\n"Kai-Fu Lee" = "LeCun"\n', "is itself a name the map replaces"),
    ("names.toml", '[names]\n"José Ruiz" = "P1"\n"Jose Ruiz" = "P2"\n', "is given twice"),
    ("names.toml", '[people]\n"Yann LeCun" = "P1"\n', "unknown entry 'people'"),
    ("names.toml", '[names]\n"Yann LeCun" = ""\n', "is empty"),
    ("names.toml", '[names]\n"Yann LeCun" = "P1\\u001b[31m"\n', "control character"),
    ("names.toml", '[names]\n"Yann LeCun" = { alone = [] }\n', "has no pseudonym"),
    ("names.toml", '[names]\n"Yann LeCun" = "P1"\n[terms]\nredact = ["x"]\n', "put redact = [...] before"),
    ("names.csv", "Yann LeCun\n", "expected real,pseudonym"),
    ("names.csv", "Yann LeCun,P1,person\n", "unknown kind 'person'"),
    ("names.csv", "Yann LeCun,P1\nKai-Fu Lee,Yann\n", "is itself a name the map replaces"),
    ("names.txt", "Yann LeCun,P1\n", "give a .toml or .csv file"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_MAPS)
def test_a_bad_map_is_refused_in_one_line_and_nothing_is_written(
    library: tuple[Path, Path, dict[str, Quote]],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    content: str | None,
    message: str,
) -> None:
    data, _, _ = library
    map_file = tmp_path / name
    if content is not None:
        map_file.write_text(content, encoding="utf-8")
    target = tmp_path / "out.md"
    code, out, err = run(capsys, "export", "--data", str(data), "--pseudonymise", str(map_file), "-o", str(target))
    assert code == 1 and err.count("\n") == 1, err
    assert message in err and str(map_file.name) in err
    assert not target.exists() and out == ""
    with pytest.raises(BadMap):
        Protection.of(load_map(map_file))


def test_redact_alone_and_from_a_file(
    library: tuple[Path, Path, dict[str, Quote]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data, _, _ = library
    terms = tmp_path / "terms.txt"
    terms.write_text("# places\nMontreal\n\nLeeds\n", encoding="utf-8")
    code, out, err = run(
        capsys, "export", "--data", str(data), "-f", "csv", "--redact", "@" + str(terms), "--redact", "bakery"
    )
    assert code == 0, err
    assert found_names(out, ["Montreal", "Leeds", "bakery"]) == [] and out.count(REDACTED) >= 2
    code, _, err = run(capsys, "export", "--data", str(data), "--redact", "@" + str(tmp_path / "missing.txt"))
    assert code == 1 and "no such file" in err and err.count("\n") == 1


# -- the app's export dialog ----------------------------------------------------------------------------


async def test_the_export_dialog_pseudonymises_with_a_map_and_refuses_a_bad_one(tmp_path: Path) -> None:
    from textual.widgets import Input, Static
    from tui_support import PANEL_ID, build_library
    from tui_support import settle as settle_app

    from sayso.tui.app import SaysoApp
    from sayso.tui.screens.export_dialog import ExportDialog

    lib = build_library(tmp_path / "lib")
    lib.quotes.add(PANEL_ID, exact="Alan, do you worry about misuse?", note="Ada Lovelace to Alan Turing")
    names = tmp_path / "names.toml"
    names.write_text('[names]\n"Ada Lovelace" = "P1"\n"Alan Turing" = "P2"\n', encoding="utf-8")
    target = tmp_path / "quotes.csv"
    app = SaysoApp(lib)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle_app(app, pilot, 0.05)
        await pilot.press("e")
        await pilot.pause(0.4)
        await settle_app(app, pilot, 0.05)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert "Alan Turing" in dialog.preview_text
        dialog.query_one("#export-names", Input).value = str(tmp_path / "missing.toml")
        await pilot.pause(0.4)
        await settle_app(app, pilot, 0.05)
        assert "no such file" in str(dialog.query_one("#export-status", Static).render())
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle_app(app, pilot, 0.05)
        assert app.screen is dialog and not target.exists()

        dialog.query_one("#export-names", Input).value = str(names)
        await pilot.pause(0.4)
        await settle_app(app, pilot, 0.05)
        assert found_names(dialog.preview_text, ["Ada Lovelace", "Alan Turing", "Alan", "Ada"]) == []
        assert "[P2], do you worry about misuse?" in dialog.preview_text
        assert "names pseudonymised (1 quote edited for anonymity)" in str(
            dialog.query_one("#export-status", Static).render()
        )
        await pilot.press("ctrl+s")
        await settle_app(app, pilot, 0.05)
        assert app.screen is not dialog
        written = target.read_text(encoding="utf-8")
        assert found_names(written, ["Ada Lovelace", "Alan Turing", "Alan", "Ada"]) == [] and "P1 to P2" in written
