"""Markdown for note vaults: frontmatter that YAML reads back, Obsidian tags, links that lead to files, safe file
names from hostile titles, and the update-in-place contract (user text and keys kept, re-export idempotent)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml
from test_export_formats import check_golden, fixture_quotes, normalise, sources

from sayso.cli import main
from sayso.corpus.errors import SaysoError
from sayso.corpus.export import Leak, Sources, cite_entries, locate, prepare
from sayso.corpus.export.pseudonymise import Person, Protection, PseudonymMap
from sayso.corpus.export.vault import (
    QUOTES_FOLDER,
    document_uri,
    quote_uri,
    safe_name,
    slug,
    tag,
    vault_files,
    write_vault,
    yaml_string,
)
from sayso.corpus.library import Library
from sayso.corpus.models import Document, Passage, Quote, document_text
from sayso.corpus.safety import has_control

# A link: `](` whose `]` is not escaped (an escaped one, `\](`, is text).
LINK = re.compile(r"(?<!\\)\]\(([^)\s]+)\)")
SAFE_NAME = re.compile(r"^(quotes/)?[\w-]+\.md$")


def entries(style: str = "apa") -> list:  # type: ignore[type-arg]
    return prepare(fixture_quotes(), sources(), style)


def fm(text: str) -> dict:  # type: ignore[type-arg]
    """The file's frontmatter, read by a real YAML parser."""
    assert text.startswith("---\n")
    head = text[4:].split("\n---\n", 1)[0]
    data = yaml.safe_load(head)
    assert isinstance(data, dict)
    return data


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))}


# -- golden files ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["document", "quote"])
def test_vault_layout_matches_golden(layout: str) -> None:
    files = vault_files(entries(), layout)
    joined = "".join(f"==> {f.path} <==\n{f.text}\n" for f in files)
    check_golden(f"vault-{layout}.txt", normalise(joined))


# -- frontmatter and tags ----------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["document", "quote"])
def test_frontmatter_is_yaml_with_what_sayso_knows(layout: str) -> None:
    files = {f.path: f for f in vault_files(entries(), layout)}
    doc_file = next(f for f in files.values() if f.uri == document_uri("buchanan01"))
    meta = fm(doc_file.text)
    assert meta["title"] == "Ben Buchanan on AI and competitiveness"
    assert meta["speakers"] == ["Ben Buchanan"]
    assert meta["date"] == "2025-01-21"
    assert meta["source"] == "/corpus/000_825fe89ec78cf346.txt"
    assert meta["url"] == "https://example.org/podcasts/buchanan"
    assert meta["tags"] == ["policy", "competition"]
    assert meta["sayso"] == "sayso://document/buchanan01"
    for f in files.values():
        assert fm(f.text)["sayso"] == f.uri
    if layout == "quote":
        q = next(f for f in files.values() if f.uri == quote_uri("buchanan01", "q1-dynamic"))
        meta = fm(q.text)
        assert meta["speakers"] == ["Ben Buchanan"] and meta["tags"] == ["policy", "competition"]
        assert q.path.startswith(QUOTES_FOLDER + "/")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("open source", "open-source"),
        ("policy/AI safety", "policy/AI-safety"),
        ("#already", "already"),
        ("2024", "_2024"),
        ("c++ & go!", "c-go"),
        ("a//b/", "a/b"),
        ("Zürich café", "Zürich-café"),
        ("evil\x1b[31m\nline", "evil-31m-line"),
        ("   ", ""),
        ("[x](javascript:1)", "x-javascript-1"),
    ],
)
def test_tags_become_valid_obsidian_tags(given: str, expected: str) -> None:
    assert tag(given) == expected


def test_body_carries_hash_tags_per_quote() -> None:
    files = vault_files(entries(), "document")
    text = next(f.text for f in files if f.uri == document_uri("buchanan01"))
    assert "- Tags: #policy #competition" in text
    for f in files:
        for line in f.text.splitlines():
            if line.startswith("- Tags: "):
                assert all(re.fullmatch(r"#[\w/-]+", t) for t in line[len("- Tags: ") :].split()), line


# -- links ---------------------------------------------------------------------------------------------------


def test_every_relative_link_resolves_to_a_file_written(tmp_path: Path) -> None:
    report = write_vault(tmp_path / "vault", entries(), "quote")
    folder = tmp_path / "vault"
    files = tree(folder)
    assert set(report.written) == set(files)
    relative = 0
    for rel, text in files.items():
        for target in LINK.findall(text):
            scheme = urlparse(target).scheme
            if scheme in ("https", "http", "javascript"):
                assert scheme != "javascript"
                continue
            if scheme == "sayso":
                assert re.fullmatch(r"sayso://document/[^/]+(/quote/[^/]+)?", target)
                continue
            if scheme == "file":
                assert unquote(urlparse(target).path).startswith("/corpus/")
                continue
            assert not scheme, target
            resolved = (folder / rel).parent / unquote(target)
            assert resolved.is_file(), (rel, target)
            relative += 1
    quote_files = [r for r in files if r.startswith("quotes/")]
    assert len(quote_files) == 5
    assert relative == 2 * len(quote_files)  # each quote file links to its document, each document to its quotes
    q1 = next(t for r, t in files.items() if "sayso://document/buchanan01/quote/q1-dynamic" in t and r in quote_files)
    assert "[Ben Buchanan on AI and competitiveness](../ben-buchanan-on-ai-and-competitiveness-buchanan.md)" in q1
    assert "[transcript](file:///corpus/000_825fe89ec78cf346.txt)" in q1


# -- update in place --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["document", "quote"])
def test_reexport_updates_sayso_parts_and_keeps_the_users(tmp_path: Path, layout: str) -> None:
    folder = tmp_path / "vault"
    write_vault(folder, entries(), layout)
    doc_path = folder / "ben-buchanan-on-ai-and-competitiveness-buchanan.md"
    text = doc_path.read_text(encoding="utf-8")
    head, body = text[4:].split("\n---\n", 1)
    doc_path.write_text(
        "---\nrating: 5\n"
        + head
        + "\naliases:\n  - Buchanan talk\n---\nMy notes above.\n"
        + body
        + "\nMy notes below.\n",
        encoding="utf-8",
    )
    quotes = fixture_quotes()
    quotes[0].note = "A changed note"
    quotes[0].tags = ["policy", "new tag"]
    changed = prepare(quotes, sources(), "apa")

    report = write_vault(folder, changed, layout)
    assert report.refused == []
    text = doc_path.read_text(encoding="utf-8")
    meta = fm(text)
    assert meta["rating"] == 5 and meta["aliases"] == ["Buchanan talk"]
    assert meta["tags"] == ["policy", "new-tag"]
    assert "My notes above." in text and text.rstrip().endswith("My notes below.")
    everything = "".join(tree(folder).values())
    assert "A changed note" in everything and "Competition is the administration" not in everything
    assert "#new-tag" in everything

    before = tree(folder)
    stamps = {p: os.stat(folder / p).st_mtime_ns for p in before}
    again = write_vault(folder, changed, layout)
    assert again.written == [] and sorted(again.unchanged) == sorted(before)
    assert tree(folder) == before
    assert {p: os.stat(folder / p).st_mtime_ns for p in before} == stamps


def test_a_renamed_title_keeps_its_file(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    write_vault(folder, entries(), "quote")
    first = set(tree(folder))
    src = sources()
    src.documents["buchanan01"] = Document(**{**src.documents["buchanan01"].__dict__, "title": "A new title"})
    report = write_vault(folder, prepare(fixture_quotes(), src, "apa"), "quote")
    assert set(tree(folder)) == first
    doc = tree(folder)["ben-buchanan-on-ai-and-competitiveness-buchanan.md"]
    assert fm(doc)["title"] == "A new title"
    assert "ben-buchanan-on-ai-and-competitiveness-buchanan.md" in report.written


def test_files_sayso_did_not_write_are_never_touched(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    folder.mkdir()
    mine = folder / "ben-buchanan-on-ai-and-competitiveness-buchanan.md"
    mine.write_text("---\ntitle: my own note\n---\nMine.\n", encoding="utf-8")
    other = folder / "unrelated.md"
    other.write_text("Nothing to do with sayso.\n", encoding="utf-8")
    report = write_vault(folder, entries(), "document")
    assert [p for p, _ in report.refused] == [mine.name]
    assert mine.read_text(encoding="utf-8") == "---\ntitle: my own note\n---\nMine.\n"
    assert other.read_text(encoding="utf-8") == "Nothing to do with sayso.\n"
    assert len(report.written) == 2


def test_a_leak_names_its_note_and_no_note_is_written(tmp_path: Path) -> None:
    """Pseudonymising into a vault of an earlier real-name export: the refusal names the note holding the name
    (its path in the vault, as `--vault` users find it) and every note is left as it was, not only that one."""
    folder = tmp_path / "vault"
    write_vault(folder, entries(), "quote")
    before = tree(folder)
    protection = Protection.of(PseudonymMap(people=[Person("Nathan Lambert", "P2")]))
    src = sources()
    protected, _ = protection.apply(locate(fixture_quotes(), src), src)
    cite_entries(protected, "apa", None)
    with pytest.raises(Leak) as caught:
        write_vault(folder, protected, "quote", source_paths=False, check=protection.check)
    said = str(caught.value)
    named = [path for path in before if f", {path}, line " in said]
    assert len(named) == 1, said
    assert re.search(r"(?i)nathan.lambert", before[named[0]])
    assert tree(folder) == before


def test_a_deleted_quotes_file_is_left_alone_and_reported(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    write_vault(folder, entries(), "quote")
    before = tree(folder)
    remaining = [q for q in fixture_quotes() if q.id != "q3-vacation"]
    report = write_vault(folder, prepare(remaining, sources(), "apa"), "quote", known={q.id for q in remaining})
    assert len(report.orphans) == 1 and report.orphans[0].startswith("quotes/")
    assert "q3-vacation" in before[report.orphans[0]]
    assert tree(folder)[report.orphans[0]] == before[report.orphans[0]]


def test_never_writes_into_the_data_folder_nor_through_a_link(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with pytest.raises(SaysoError, match="data folder"):
        write_vault(data / "vault", entries(), "quote", data_dir=data)
    assert list(data.iterdir()) == []
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tmp_path / "vault"
    folder.mkdir()
    (folder / QUOTES_FOLDER).symlink_to(outside)
    report = write_vault(folder, entries(), "quote")
    assert len(report.refused) == 5 and list(outside.iterdir()) == []
    with pytest.raises(SaysoError, match="not a folder"):
        write_vault(tmp_path / "vault" / "ben-buchanan-on-ai-and-competitiveness-buchanan.md", entries(), "document")


# -- hostile names ------------------------------------------------------------------------------------------------

HOSTILE_TITLES = [
    "../../etc/passwd",
    "..\\..\\Windows\\system32",
    'Title: "quoted" #not-a-comment\n---\nevil: true',
    "CON",
    "nul.txt",
    "\x1b[31mred\x07\u202e txt.exe",
    "- [a]\n  - b: {c: d}\n? key\n&anchor *alias !!python/object:os.system",
    ".hidden",
    "   ",
    "\ufeff\uffff\ud800 odd",
    "名前 漢字",
    "a" * 400,
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_hostile_titles_and_names_give_safe_files_and_valid_yaml(tmp_path: Path, title: str) -> None:
    text = "Hello there, world."
    passage = Passage(id="h:0", document="../h", index=0, speaker=title, text=text)
    doc = Document(id="../h", title=title, kind="talk", source="/x/../h.txt", date=title)
    quote = Quote(id="../q\x1b", document="../h", exact=text, start=0, end=len(text), tags=[title, "ok"])
    src = Sources.of([doc], {"../h": [passage]})
    assert document_text([passage]) == text
    folder = tmp_path / "vault"
    report = write_vault(folder, prepare([quote], src, "apa"), "quote")
    assert report.refused == []
    written = tree(folder)
    assert len(written) == 2
    assert {p.name for p in tmp_path.iterdir()} == {"vault"}  # nothing outside the vault
    for rel, body in written.items():
        assert SAFE_NAME.match(rel), rel
        stem = Path(rel).stem.split(".")[0].casefold()
        assert stem not in {"con", "nul", "prn", "aux"} and not stem.startswith(".")
        assert len(Path(rel).name) <= 100
        assert not has_control(body.replace("\r", ""))
        meta = fm(body)
        assert set(meta) <= {"title", "kind", "speakers", "date", "source", "url", "tags", "sayso"}
        assert isinstance(meta["title"], str) and "\n" not in meta["title"]
        assert all(re.fullmatch(r"[\w/-]+", t) for t in meta["tags"])
        assert meta["sayso"] in (document_uri("../h"), quote_uri("../h", "../q\x1b"))
        assert "/../" not in meta["sayso"] and "\x1b" not in meta["sayso"]
    again = write_vault(folder, prepare([quote], src, "apa"), "quote")
    assert again.written == [] and len(again.unchanged) == 2


def test_yaml_strings_round_trip() -> None:
    for text in ['a "b" \\ c', "x: y # z", "- item", "{a: 1}", "'single'", "emoji \U0001f600", "tab\there"]:
        assert yaml.safe_load(f"k: {yaml_string(text)}")["k"] == " ".join(text.replace("\t", " ").split())
    assert slug("../../etc/passwd", "x") == "etc-passwd"
    assert slug("", "fallback") == "fallback"
    assert safe_name("con") == "_con.md" and safe_name("COM1.x") == "_COM1.x.md" and safe_name("con-1") == "con-1.md"


# -- the command line ------------------------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_vault_export_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "talk one.txt"
    source.write_text(
        "Alice: We want a dynamic ecosystem of many vendors.\n\nBob: A second paragraph stays here.\n\n"
        "Alice: Open models matter.\n\nBob: They do.\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    lib = Library.open(data)
    lib.import_paths([source])
    doc = lib.documents()[0]
    first = lib.quotes.add(doc.id, "a dynamic ecosystem of many vendors", note="key", tags=["open source", "ai/policy"])
    second = lib.quotes.add(doc.id, "A second paragraph stays here")
    vault = tmp_path / "My Vault"

    code, out, err = run(capsys, "export", "--data", str(data), "--vault", str(vault), "--per", "quote")
    assert code == 0, err
    assert "exported 2 quote(s) to the vault" in out and "3 file(s) written" in out
    files = tree(vault)
    assert len(files) == 3
    q = next(t for r, t in files.items() if r.startswith("quotes/") and first.id in t)
    assert fm(q)["tags"] == ["open-source", "ai/policy"] and "#open-source #ai/policy" in q
    uri = re.search(r"\[transcript\]\((file://[^)]+)\)", q)
    assert uri and Path(unquote(urlparse(uri.group(1)).path)) == source.resolve()

    lib.quotes.remove(second.id)
    code, out, err = run(capsys, "export", "--data", str(data), "--vault", str(vault), "--per", "quote", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert (
        "content" not in summary
        and summary["vault"]["orphans"]
        and summary["vault"]["written"] == [next(r for r in files if not r.startswith("quotes/"))]
    )
    code, out, err = run(capsys, "export", "--data", str(data), "--vault", str(vault), "--per", "quote")
    assert "no longer in sayso; left as it is" in err and "0 file(s) written" in out
    assert len(tree(vault)) == 3

    code, _, err = run(capsys, "export", "--data", str(data), "--vault", str(vault), "-o", str(tmp_path / "x.md"))
    assert code != 0 and "give one" in err
    code, _, err = run(capsys, "export", "--data", str(data), "--vault", str(vault), "--format", "csv")
    assert code != 0 and "Markdown" in err
    code, _, err = run(capsys, "export", "--data", str(data), "--vault", str(vault), "--per", "speaker")
    assert code != 0 and "unknown vault layout" in err
    code, _, err = run(capsys, "export", "--data", str(data), "--vault", str(data / "notes"))
    assert code != 0 and "data folder" in err
    assert not (data / "notes").exists()
