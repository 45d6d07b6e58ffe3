"""`sayso export` end to end on a library imported from the seeds, with quotes made through the QuoteBook."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from test_export_schemas import check_csl, check_w3c

from sayso.cli import main
from sayso.corpus.export import BINARY, FORMATS, Sources, export_quotes, prepare
from sayso.corpus.library import Library
from sayso.corpus.models import Quote

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")


def words_from(text: str, count: int = 8) -> str:
    """A run of words from the middle of a document's text that occurs there once."""
    tokens = text.split()
    for middle in range(len(tokens) // 2, len(tokens) - count):
        candidate = " ".join(tokens[middle : middle + count])
        if text.count(candidate) == 1:
            return candidate
    raise AssertionError("no unique run of words")


@pytest.fixture()
def seeded(tmp_path: Path) -> tuple[Library, Path]:
    data = tmp_path / "data"
    copies = tmp_path / "seeds"
    shutil.copytree(SEEDS, copies)
    lib = Library.open(data)
    report = lib.import_paths([copies])
    assert report.documents, report.errors
    return lib, data


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_seed_exports_have_the_right_structure(seeded: tuple[Library, Path]) -> None:
    """Quote objects located in the imported seeds: every format holds every quote, valid where a schema exists."""
    lib, _ = seeded
    docs = lib.documents()
    lib.edit_document(docs[0].id, date="2025-01-21", url="https://example.org/one", kind="interview")
    docs = lib.documents()
    quotes = []
    for i, doc in enumerate(docs):
        text = lib.text(doc.id)
        words = words_from(text)
        start = text.index(words)
        quotes.append(
            Quote(
                id=f"seed-{i}",
                document=doc.id,
                exact=words,
                start=start,
                end=start + len(words),
                note=f"note {i}",
                tags=["seed"],
                created="2025-02-01T00:00:00+00:00",
            )
        )
    entries = prepare(quotes, Sources.from_library(lib, quotes), "apa")
    assert all(e.verified for e in entries)
    assert all(e.citation for e in entries)

    md = export_quotes("markdown", quotes, lib)
    assert md.count("<!-- sayso:quote ") == len(quotes) == md.count("<!-- /sayso:quote -->")
    assert "\u26a0" not in md
    assert md.count("\n- Citation: ") == len(quotes) and "[@" not in md  # one citation each, formatted
    keyed = export_quotes("markdown", quotes, lib, cite="pandoc")
    assert all(e.key.startswith(f"sayso-{e.quote.document}") and f"[@{e.key}]" in keyed for e in entries)

    items = json.loads(export_quotes("csl-json", quotes, lib))
    check_csl(items)
    assert len(items) == len(docs)
    assert items[0]["type"] == "interview" and items[0]["issued"] == {"date-parts": [[2025, 1, 21]]}
    assert all("issued" not in item for item in items[1:])  # no date was known: none invented

    collection = json.loads(export_quotes("w3c", quotes, lib))
    check_w3c(collection)
    exacts = [a["target"]["selector"][0]["exact"] for a in collection["first"]["items"]]
    assert exacts == [q.exact for q in quotes]
    assert collection["first"]["items"][0]["target"]["source"] == "https://example.org/one"
    assert collection["first"]["items"][1]["target"]["source"].startswith("file:///")

    rows = list(csv.DictReader(io.StringIO(export_quotes("csv", quotes, lib), newline="")))
    assert [r["id"] for r in rows] == [q.id for q in quotes]
    assert {r["status"] for r in rows} == {"verified"}

    bib = export_quotes("bibtex", quotes, lib)
    assert bib.count("\n@") == len(docs)


def test_cli_markdown_export_updates_the_file_in_place(
    seeded: tuple[Library, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lib, data = seeded
    doc = lib.documents()[0]
    first = lib.quotes.add(doc.id, words_from(lib.text(doc.id)), note="first note", tags=["ai"])
    out_file = tmp_path / "article.md"
    out_file.write_text("# My article\n\nMy own opening.\n", encoding="utf-8")

    code, out, err = run(capsys, "export", "--data", str(data), "-o", str(out_file))
    assert code == 0, err
    assert "exported 1 quote(s) as markdown" in out
    text = out_file.read_text(encoding="utf-8")
    assert text.startswith("# My article\n\nMy own opening.\n")
    assert text.count(f"<!-- sayso:quote {first.id} -->") == 1

    lib.quotes.edit(first.id, note="second note")
    other = lib.documents()[1]
    lib.quotes.add(other.id, words_from(lib.text(other.id)), tags=["ai"])
    with out_file.open("a", encoding="utf-8") as fh:
        fh.write("\nMy closing words.\n")
    code, out, err = run(capsys, "export", "--data", str(data), "--format", "markdown", "-o", str(out_file))
    assert code == 0, err
    text = out_file.read_text(encoding="utf-8")
    assert text.count("<!-- sayso:quote ") == 2
    assert text.count(f"<!-- sayso:quote {first.id} -->") == 1
    assert "second note" in text and "first note" not in text
    assert text.startswith("# My article\n\nMy own opening.\n")
    assert "My closing words." in text
    before = text
    run(capsys, "export", "--data", str(data), "-o", str(out_file))
    assert out_file.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in BINARY])  # a zip never goes to stdout
def test_cli_every_format_to_stdout_and_json(
    seeded: tuple[Library, Path], capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    lib, data = seeded
    doc = lib.documents()[0]
    lib.quotes.add(doc.id, words_from(lib.text(doc.id)), tags=["keep"])
    code, out, err = run(capsys, "export", "--data", str(data), "--format", fmt, "--style", "chicago")
    assert code == 0, err
    assert out == export_quotes(fmt, lib.quotes.list(), lib, style="chicago")
    code, out, err = run(capsys, "export", "--data", str(data), "--format", fmt, "--json")
    summary = json.loads(out)
    assert summary["format"] == fmt and summary["quotes"] == 1 and summary["flagged"] == []
    assert summary["content"] == export_quotes(fmt, lib.quotes.list(), lib)


def test_cli_filters_and_format_from_file_ending(
    seeded: tuple[Library, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lib, data = seeded
    docs = lib.documents()
    lib.quotes.add(docs[0].id, words_from(lib.text(docs[0].id)), tags=["wanted"])
    lib.quotes.add(docs[1].id, words_from(lib.text(docs[1].id)), tags=["other"])
    target = tmp_path / "out.csv"
    code, _, err = run(capsys, "export", "--data", str(data), "--tag", "wanted", "-o", str(target))
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 1 and rows[0]["tags"] == "wanted"
    code, out, _ = run(capsys, "export", "--data", str(data), "--doc", docs[1].id, "-f", "csl-json")
    assert [i["id"].startswith(f"sayso-{docs[1].id}") for i in json.loads(out)] == [True]


def test_cli_flags_quotes_whose_text_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "talk.txt"
    source.write_text("We want a dynamic ecosystem of many vendors.\n\nA second paragraph stays.\n", encoding="utf-8")
    data = tmp_path / "data"
    lib = Library.open(data)
    lib.import_paths([source])
    doc = lib.documents()[0]
    quote = lib.quotes.add(doc.id, "a dynamic ecosystem of many vendors")
    source.write_text("We want a closed ecosystem of few vendors.\n\nA second paragraph stays.\n", encoding="utf-8")
    lib.import_paths([source])

    code, out, err = run(capsys, "export", "--data", str(data), "-f", "markdown")
    assert code == 0
    assert "\u26a0" in out
    assert f"quote {quote.id[:8]} is marked in the export" in err
    code, out, err = run(capsys, "export", "--data", str(data), "-f", "csv", "--json")
    summary = json.loads(out)
    assert [f["id"] for f in summary["flagged"]] == [quote.id]


def test_cli_errors_are_one_line(
    seeded: tuple[Library, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _, data = seeded
    code, _, err = run(capsys, "export", "--data", str(data))
    assert code == 1 and "no quotes match" in err and err.count("\n") == 1
    lib = Library.open(data)
    doc = lib.documents()[0]
    lib.quotes.add(doc.id, words_from(lib.text(doc.id)))
    code, _, err = run(capsys, "export", "--data", str(data), "--style", "modern-langauge-association")
    assert code == 1 and "unknown citation style" in err and err.count("\n") == 1
    assert "closest: modern-language-association," in err
    code, _, err = run(capsys, "export", "--data", str(data), "--locale", "xx-YY")
    assert code == 1 and "unknown locale 'xx-YY'" in err and err.count("\n") == 1
    code, _, err = run(capsys, "export", "--data", str(data), "--format", "docx")
    assert code == 1 and "unknown export format" in err
    code, _, err = run(capsys, "export", "--data", str(data), "-o", str(tmp_path / "out.txt"))
    assert code == 1 and "cannot tell the format" in err
    # Issue 14: `-o refs.json` could not tell the format, though .json is CSL-JSON's own ending.
    code, _, err = run(capsys, "export", "--data", str(data), "-o", str(tmp_path / "refs.json"))
    assert code == 0, err
    items = json.loads((tmp_path / "refs.json").read_text(encoding="utf-8"))
    assert isinstance(items, list) and items and {"id", "type", "title"} <= set(items[0])
    code, _, err = run(capsys, "export", "--data", str(data), "-o", str(tmp_path / "missing" / "out.md"))
    assert code == 1 and "does not exist" in err
    broken = tmp_path / "broken.md"
    broken.write_text("<!-- sayso:quote abc -->\nno end\n", encoding="utf-8")
    code, _, err = run(capsys, "export", "--data", str(data), "-o", str(broken))
    assert code == 1 and "no end marker" in err
    assert broken.read_text(encoding="utf-8") == "<!-- sayso:quote abc -->\nno end\n"


def test_a_new_export_file_is_an_ordinary_readable_file(
    seeded: tuple[Library, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """sayso's own data files are private (0600), but an export follows the umask like any file the user makes."""
    import os

    lib, data = seeded
    doc = lib.documents()[0]
    lib.quotes.add(doc.id, words_from(lib.text(doc.id)))
    target = tmp_path / "quotes.md"
    old = os.umask(0o022)
    try:
        code, _, err = run(capsys, "export", "--data", str(data), "-o", str(target))
    finally:
        os.umask(old)
    assert code == 0, err
    assert target.stat().st_mode & 0o777 == 0o644


def test_export_never_writes_into_the_data_folder_nor_over_a_foreign_file(
    seeded: tuple[Library, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Issue 11 item 5: `-o $DATA/quotes.json` replaced the quotes with CSL-JSON."""
    import os

    lib, data = seeded
    doc = lib.documents()[0]
    lib.quotes.add(doc.id, words_from(lib.text(doc.id)))
    own = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    link = tmp_path / "innocent.json"
    link.symlink_to(data / "quotes.json")
    for target, fmt in [
        (data / "quotes.json", "csl-json"),
        (data / "library.json", "csl-json"),
        (data / "docs" / f"{doc.id}.json", "csl-json"),
        (data / "quotes.md", "markdown"),
        (data / "new.bib", "bibtex"),
        (link, "csl-json"),
    ]:
        for force in ([], ["--force"]):
            code, _, err = run(capsys, "export", "--data", str(data), "-f", fmt, "-o", str(target), *force)
            assert code == 1 and "data folder" in err and err.count("\n") == 1, (target, err)
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == own
    assert link.is_symlink()

    # A file sayso did not write is only replaced with --force, and then atomically (a new inode).
    foreign = tmp_path / "mine.csv"
    foreign.write_text("my,own\nspreadsheet,data\n", encoding="utf-8")
    code, _, err = run(capsys, "export", "--data", str(data), "-o", str(foreign))
    assert code == 1 and "not a sayso export" in err and "--force" in err and err.count("\n") == 1
    assert foreign.read_text(encoding="utf-8") == "my,own\nspreadsheet,data\n"
    inode = foreign.stat().st_ino
    code, _, err = run(capsys, "export", "--data", str(data), "-o", str(foreign), "--force")
    assert code == 0, err
    assert foreign.read_text(encoding="utf-8").startswith("id,document,")
    assert foreign.stat().st_ino != inode

    # sayso's own export of any format is replaced again without --force.
    for fmt, name in (("csv", "a.csv"), ("bibtex", "a.bib"), ("csl-json", "a.json"), ("w3c", "a.jsonld")):
        target = tmp_path / name
        for _ in range(2):
            code, _, err = run(capsys, "export", "--data", str(data), "-f", fmt, "-o", str(target))
            assert code == 0, (fmt, err)
        assert target.read_bytes().decode("utf-8") == export_quotes(fmt, lib.quotes.list(), lib)

    # A symlink is followed to its target, and stays a symlink.
    real = tmp_path / "real" / "quotes.bib"
    real.parent.mkdir()
    real.write_text("% Exported by sayso\n\nold\n", encoding="utf-8")
    pointer = tmp_path / "pointer.bib"
    pointer.symlink_to(real)
    code, _, err = run(capsys, "export", "--data", str(data), "-o", str(pointer))
    assert code == 0, err
    assert pointer.is_symlink() and os.readlink(pointer) == str(real)
    assert real.read_text(encoding="utf-8") == export_quotes("bibtex", lib.quotes.list(), lib)
