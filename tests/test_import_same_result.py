"""A folder import gives the same library however its passages reach the store (issue 13, import throughput).

A folder import's worker processes now also encode most of each passages file
and count and hash the text (corpus.store.PassageColumns), and the importing
process builds its passages from those columns.  Whether that happens in
workers, in this process, or not at all (the way every import stored its
passages before: Passage objects with their sentences, encoded by the store),
library.json (apart from the time of import and the versions' random names),
the passages files, what `show` reads back and what search finds are the same.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import sayso.corpus.importers.parallel as parallel_mod
import sayso.corpus.library as library_mod
from sayso.corpus.library import Library
from sayso.corpus.models import ParsedDocument, ParsedPassage

DEMO = Path(library_mod.__file__).resolve().parent / "demo"
SHARED = Path(__file__).resolve().parents[2] / "shared"

TOPICS = ["archives", "weather logs", "open models", "radio", "café culture", "naïve Bayes", "the census"]


def write_folder(folder: Path) -> None:
    """Transcripts of every shape the store meets: speakers the library renames, timestamps, headings, no speaker."""
    folder.mkdir(parents=True)
    for path in DEMO.iterdir():
        if path.suffix in {".txt", ".md", ".vtt"}:
            shutil.copy(path, folder / path.name)
    # "José Ruiz" here and "Jose Ruiz" in panel-3 are one person: panel-3's passages take the library's spelling.
    guests = ["José Ruiz", "Ann Lee", "Bo Ray", "Jose Ruiz", "Dr. Chen", "Ann Lee", "Mia Wong", "Olu Ade", "Kai Berg"]
    for i, guest in enumerate(guests):
        turns = []
        for t in range(12 + 5 * i):
            who = "Hana Park" if t % 2 == 0 else guest
            topic = TOPICS[(i + t) % len(TOPICS)]
            emoji = "emoji \U0001f600 and " if t % 5 == 0 else ""
            turns.append(
                f"{who}: Turn {t} of panel {i} is about {topic}. Really? Yes \u2014 \u201cquoted\u201d words, "
                f"{emoji}a second sentence! And a third one here."
            )
        (folder / f"panel-{i}.txt").write_text("\n\n".join(turns) + "\n", encoding="utf-8")
    cues = ["WEBVTT", ""]
    for c in range(30):
        who = ["Zed Moss", "Ann Lee"][c % 2]
        cues += [f"00:00:{c:02d}.000 --> 00:00:{c:02d}.900", f"<v {who}>Cue {c} on {TOPICS[c % 7]}. Short one.", ""]
    (folder / "cues.vtt").write_text("\n".join(cues), encoding="utf-8")
    if SHARED.is_dir():  # real-world transcripts, where this checkout has them
        for path in sorted((SHARED / "realworld").iterdir())[:12]:
            if path.suffix != ".md":
                shutil.copy(path, folder / path.name)


def library_state(data: Path) -> dict[str, Any]:
    """library.json without what differs from one import to the next, and each document's passages file."""
    raw = json.loads((data / "library.json").read_text(encoding="utf-8"))
    files = {row["document"]: row["file"] for row in raw.pop("files").values()}
    raw["meta"]["1"].pop("generation")
    for row in raw["documents"].values():
        row.pop("imported")
    return {"library": raw, "files": {doc: (data / "docs" / name).read_bytes() for doc, name in files.items()}}


def search_results(lib: Library) -> list[Any]:
    queries = [
        "archives",
        "weather logs",
        "quoted words",
        "cafe",
        "naive bayes",
        "speaker:ruiz turn",
        "census sentence",
    ]
    return [[h.to_dict() for h in lib.search(q, limit=40)] for q in queries]


def no_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Store passages as every import did before the columns: Passage objects, sentences and all."""
    monkeypatch.setattr(library_mod, "passage_columns", lambda *args, **kwargs: None)
    monkeypatch.setattr(parallel_mod, "passage_columns", lambda *args, **kwargs: None)


def test_a_folder_import_is_the_same_in_workers_in_process_and_without_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "talks"
    write_folder(folder)
    results = {}
    for how in ("workers", "in process", "without columns"):
        data = tmp_path / how
        lib = Library.open(data)
        with monkeypatch.context() as patch:
            if how == "without columns":
                no_columns(patch)
            report = lib.import_paths([folder], parallel=how == "workers")
        assert not report.errors, report.errors
        assert len(report.documents) >= (15 if SHARED.is_dir() else 14)  # (../shared's, where it is beside)
        results[how] = (report.passages, library_state(data), search_results(Library.open(data)))
        reopened = Library.open(data)
        for doc in reopened.documents():
            passages = reopened.passages(doc.id)
            assert doc.passages == len(passages)
            # The document's speakers are its passages' (the library's names), in the order they first speak.
            assert doc.speakers == list(dict.fromkeys(p.speaker for p in passages if p.speaker))
            assert all(p.sentences for p in passages)
    reference = results["without columns"]
    assert results["workers"] == reference
    assert results["in process"] == reference
    spellings = {s.name for s in Library.open(tmp_path / "workers").speakers()}
    assert "José Ruiz" in spellings and "Jose Ruiz" not in spellings


def test_importing_one_file_or_a_parsed_document_is_the_same_without_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "talks"
    write_folder(folder)
    odd = ParsedDocument(
        "Odd",
        "panel",
        [
            ParsedPassage("Ann  Lee", "One. Two.", start=1.5, end=2.0, heading="Part 1"),
            ParsedPassage("", "No speaker here."),
            ParsedPassage(None, "Nor here.", sentences=[[0, 4], [5, 9]]),
            ParsedPassage("ann lee", "Three."),
        ],
        dropped=[{"reason": "chrome", "text": "Page 1 of 2"}],
    )
    states = []
    for with_columns in (True, False):
        data = tmp_path / f"columns-{with_columns}"
        lib = Library.open(data)
        with monkeypatch.context() as patch:
            if not with_columns:
                no_columns(patch)
            lib.import_file(folder / "panel-0.txt")
            lib.import_file(folder / "panel-3.txt")
            lib.import_file(DEMO / "interview-climate-data.vtt")
            lib.import_parsed(odd, "odd.txt")
        states.append((library_state(data), search_results(Library.open(data))))
    assert states[0] == states[1]


def test_passages_whose_sentences_are_not_pairs_are_stored_row_by_row_as_before(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "data")
    odd = ParsedDocument("Odd", "panel", [ParsedPassage("Ann", "One two.", sentences=[[0, 3, 8]])])
    doc = lib.import_parsed(odd, "odd.txt")
    stored = json.loads(lib.store.passages_path(doc.id).read_text(encoding="utf-8"))
    assert "passages" in stored and "columns" not in stored  # the row layout keeps what columns cannot
    assert lib.passages(doc.id)[0].sentences == [[0, 3, 8]]


def test_joined_texts_reads_as_the_texts_it_was_made_of() -> None:
    """The passages' texts as one string (corpus.models.JoinedTexts) read back as the list they were made of:
    by index, from the end, by slice, in order, pickled to and from a worker, and with empty texts among them."""
    import pickle

    from sayso.corpus.models import JoinedTexts
    from sayso.corpus.store import text_runs

    texts = ["", "Ada: a", "bé\u00a0👋", "ccc", ""]
    joined = JoinedTexts(texts)
    assert len(joined) == 5
    assert list(joined) == texts
    assert [joined[i] for i in range(-5, 5)] == texts + texts
    assert joined[1:4] == texts[1:4] and joined[::2] == texts[::2] and joined[3:1] == []
    assert list(joined.lengths()) == [len(t) for t in texts]
    assert text_runs(joined, 4) == text_runs(texts, 4)
    assert list(pickle.loads(pickle.dumps(joined))) == texts
    for outside in (5, -6):
        with pytest.raises(IndexError):
            joined[outside]
    assert list(JoinedTexts([])) == []


def test_columns_use_up_the_passages_only_when_asked_and_only_when_made() -> None:
    """A folder import's parse hands its passages to the columns, which let go of them once joined (their own
    strings held beside the passages file's bytes put a 10 MB import over its memory floor); a caller that keeps
    its passages (import_parsed) keeps them, and passages that do not fit the columns are left as they were.
    Sentence spans worked out ahead are the ones stored."""
    from sayso.corpus.sentences import split_sentences
    from sayso.corpus.store import passage_columns

    def passages() -> list[ParsedPassage]:
        return [ParsedPassage("Ann", "One. Two."), ParsedPassage("Bo", "Three.", sentences=[[0, 6]])]

    kept = passages()
    columns = passage_columns(kept, split_sentences)
    assert columns is not None and len(kept) == 2
    given = passages()
    used = passage_columns(given, split_sentences, use_up=True)
    assert used is not None and given == []
    assert used.rest == columns.rest and list(used.texts) == ["One. Two.", "Three."]
    assert b'"sentences":[[0,4,5,9],[0,6]]' in b"".join(used.rest)
    odd = [ParsedPassage("Ann", "One two.", sentences=[[0, 3, 8]])]
    assert passage_columns(odd, split_sentences, use_up=True) is None and len(odd) == 1
