"""Quote history keeps what changed, within a size cap, and still reads files that kept whole versions."""

from __future__ import annotations

import json
from pathlib import Path

from sayso.corpus import quotes as quotes_mod
from sayso.corpus.library import Library
from sayso.corpus.models import ParsedDocument, ParsedPassage


def big_library(tmp_path: Path, words: int) -> tuple[Library, str]:
    lib = Library.open(tmp_path / "data")
    long_turn = " ".join(f"word{i % 997}" for i in range(words)) + "."
    doc = lib.import_parsed(
        ParsedDocument(
            "Long talk",
            "talk",
            [
                ParsedPassage("Ann", "A short opening."),
                ParsedPassage("Ann", long_turn),
            ],
        ),
        source="long.txt",
    )
    return lib, doc.id


def stored_row(data: Path, quote_id: str) -> dict:
    rows = json.loads((data / "quotes.json").read_bytes())["quotes"].values()
    return next(row for row in rows if row["id"] == quote_id)


def test_a_note_edit_on_a_huge_quote_stores_the_old_note_not_the_whole_quote(tmp_path: Path) -> None:
    """Issue 11: a 10 MB quote grew quotes.json by 10 MB per note edit."""
    lib, doc_id = big_library(tmp_path, 150_000)
    passage = lib.passages(doc_id)[1]
    quote = lib.quotes.add_span(doc_id, passage.offset, passage.offset + len(passage.text), note="v0")
    path = tmp_path / "data" / "quotes.json"
    first = path.stat().st_size
    assert first > len(passage.text)
    for n in range(1, 6):
        lib.quotes.edit(quote.id, note=f"v{n}", add_tags=[f"t{n}"])
    grown = path.stat().st_size - first
    assert grown < 5_000, f"five note edits grew quotes.json by {grown} bytes"
    # Every earlier version is still there, whole, when read.
    history = Library.open(tmp_path / "data").quotes.get(quote.id).history
    assert [h["note"] for h in history] == ["v0", "v1", "v2", "v3", "v4"]
    assert all(h["exact"] == passage.text for h in history)
    assert history[0]["tags"] == [] and history[-1]["tags"] == ["t1", "t2", "t3", "t4"]


def test_history_is_capped_by_size_as_well_as_by_count(tmp_path: Path) -> None:
    lib, doc_id = big_library(tmp_path, 50)
    quote = lib.quotes.add(doc_id, "A short opening.", note="start")
    notes = [f"{n:03d} " + "x" * 60_000 for n in range(12)]
    for note in notes:
        lib.quotes.edit(quote.id, note=note)
    row = stored_row(tmp_path / "data", quote.id)
    size = len(json.dumps(row["history"], ensure_ascii=False))
    assert size <= quotes_mod.HISTORY_CHARS + 61_000, f"history holds {size} characters"
    history = lib.quotes.get(quote.id).history
    assert 1 <= len(history) < len(notes)
    assert history[-1]["note"] == notes[-2]  # the version just before the current one is kept


def test_a_file_whose_history_holds_whole_versions_still_reads(tmp_path: Path) -> None:
    lib, doc_id = big_library(tmp_path, 50)
    quote = lib.quotes.add(doc_id, "A short opening.", note="one", tags=["a"])
    path = tmp_path / "data" / "quotes.json"
    raw = json.loads(path.read_bytes())
    row = next(iter(raw["quotes"].values()))
    whole = {name: row[name] for name in quotes_mod._SNAPSHOT_FIELDS}
    # As sayso wrote it before: every entry a whole earlier version.
    row["history"] = [
        {**whole, "note": "zero", "tags": [], "replaced": "2024-01-01T00:00:00+00:00", "why": "edit"},
        {**whole, "note": "half", "tags": ["a"], "replaced": "2024-01-02T00:00:00+00:00", "why": "edit"},
    ]
    path.write_bytes(json.dumps(raw).encode())
    fresh = Library.open(tmp_path / "data").quotes
    read = fresh.get(quote.id)
    assert [(h["note"], h["tags"], h["exact"]) for h in read.history] == [
        ("zero", [], "A short opening."),
        ("half", ["a"], "A short opening."),
    ]
    after = fresh.edit(quote.id, note="two")
    assert [h["note"] for h in after.history] == ["zero", "half", "one"]
    assert [h["note"] for h in Library.open(tmp_path / "data").quotes.get(quote.id).history] == ["zero", "half", "one"]
    # Stored compactly from then on: the unchanged words are not repeated in each entry.
    assert all("exact" not in h for h in stored_row(tmp_path / "data", quote.id)["history"])
