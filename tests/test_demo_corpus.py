"""The demo corpus: our own short documents in different shapes, shipped inside the package."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from sayso.corpus import Library
from sayso.corpus.importers import parse_path

DEMO = Path(str(resources.files("sayso.corpus.demo")))
FILES = sorted(p for p in DEMO.iterdir() if p.suffix in {".txt", ".vtt", ".md"})


def test_demo_files_are_packaged() -> None:
    pyproject = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text("utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["sayso.corpus.demo"]
    assert {f"*{p.suffix}" for p in FILES} <= set(patterns)
    assert {p.suffix for p in FILES} == {".txt", ".vtt", ".md"}
    assert len(FILES) >= 3


def test_panel_with_initials_and_continuations() -> None:
    doc = parse_path(DEMO / "panel-open-models-and-archives.txt")
    assert doc.kind == "panel"
    assert doc.title == "Open Models, Open Archives: Who Keeps the Record?"
    assert doc.date == "2024-03-14" and doc.url == "https://example.org/forum/open-models-archives"
    assert doc.speakers == {
        "Marcus Lee": ["ML"],
        "Priya Raman": ["PR"],
        "Tomasz Wierzbicki": ["TW"],
        "Grace Okafor": ["GO"],
    }

    def said(words: str) -> str | None:
        (speaker,) = {p.speaker for p in doc.passages if words in p.text}
        return speaker

    assert said("That worries me less than people expect.") == "Priya Raman"
    assert said("So I would turn Priya's worry around.") == "Tomasz Wierzbicki"
    assert said("Consent from the people in it") == "Grace Okafor"
    assert doc.passages[0].speaker is None  # the intro belongs to no one
    assert all(p.speaker for p in doc.passages[3:])


def test_vtt_interview_voices_and_times() -> None:
    doc = parse_path(DEMO / "interview-climate-data.vtt")
    assert doc.title == "Rescuing old weather logs"
    assert set(doc.speakers) == {"Hannah Cole", "Felix Amadi"}
    felix = doc.passages[1]
    assert felix.speaker == "Felix Amadi" and (felix.start, felix.end) == (10.0, 23.3)
    assert felix.text.endswith("and most of them have never been typed up.")  # unvoiced cue continues Felix
    assert "<i>" not in doc.passages[3].text


def test_essay_and_otter_export() -> None:
    essay = parse_path(DEMO / "essay-keeping-the-exact-words.md")
    assert essay.kind == "article" and essay.speakers == {} and essay.title == "Keeping the exact words"
    assert [p.heading for p in essay.passages] == [
        None,
        "Why paraphrase is not enough",
        "Where the words live",
        "A small promise",
    ]
    radio = parse_path(DEMO / "community-radio-night-shift.txt")
    assert set(radio.speakers) == {"Lena Brooks", "Sam Ortiz", "Unknown Speaker"}
    assert radio.passages[-1].text == "Then that's the first one we digitise."


def test_demo_imports_into_a_library(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "data")
    report = lib.import_paths(FILES)
    assert report.errors == [] and len(report.documents) == len(FILES)
    names = {s.name for s in lib.speakers()}
    assert {"Marcus Lee", "Felix Amadi", "Sam Ortiz"} <= names
    marcus = lib.speaker("ML")
    assert marcus.name == "Marcus Lee"


def test_a_demo_corpus_from_another_installation_is_updated_not_listed_twice(tmp_path: Path) -> None:
    """`sayso demo` from a new install (another folder) finds the same documents again, quotes kept."""
    import shutil

    from sayso.cli import main
    from sayso.cli.library_cmds import demo_files
    from sayso.corpus.library import Library

    elsewhere = tmp_path / "old-install" / "sayso" / "corpus" / "demo"
    elsewhere.mkdir(parents=True)
    for path in demo_files():
        shutil.copy(path, elsewhere / path.name)
    data = tmp_path / "demo-data"
    lib = Library.open(data)
    lib.import_paths([elsewhere])
    doc = lib.documents()[0]
    quote = lib.quotes.add(doc.id, " ".join(lib.passages(doc.id)[0].text.split()[:4]), note="kept")
    shutil.rmtree(tmp_path / "old-install")
    assert main(["--data", str(data), "demo", "--no-app"]) == 0
    lib = Library.open(data)
    assert len(lib.documents()) == len(demo_files())
    assert {d.source for d in lib.documents()} == {str(p) for p in demo_files()}
    assert lib.quotes.get(quote.id).note == "kept" and lib.quotes.get(quote.id).status == "anchored"
