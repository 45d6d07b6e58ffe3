"""Opening a library that has not changed since its last search reads neither library.json nor compares the
index with it (corpus.instep), and still answers exactly as a full check would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sayso.corpus import instep
from sayso.corpus import store as store_mod
from sayso.corpus.errors import DamagedFile
from sayso.corpus.library import Library
from sayso.corpus.models import ParsedDocument, ParsedPassage


def parsed(title: str, turns: list[tuple[str, str]]) -> ParsedDocument:
    return ParsedDocument(title=title, kind="panel", passages=[ParsedPassage(s, t) for s, t in turns])


def library(tmp_path: Path) -> tuple[Path, str]:
    data = tmp_path / "data"
    lib = Library.open(data)
    doc = lib.import_parsed(
        parsed("Harbour hearing", [("Ada Park", "The lighthouse keeper stayed."), ("Ben Cho", "Tides were high.")]),
        "harbour.txt",
    )
    lib.import_parsed(parsed("Other panel", [("Cy Lee", "Nothing about the sea.")]), "other.txt")
    Library.open(data).search("sea")  # (import_parsed leaves the index's save to the next search: done here)
    return data, doc.id


def library_json_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every library.json this process parses from disk from now on."""
    reads: list[Path] = []
    real = store_mod.read_json_file

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        if Path(path).name == "library.json":
            reads.append(Path(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_mod, "read_json_file", counting)
    return reads


def answer(data: Path, query: str) -> list[tuple[str, str, str | None, float]]:
    return [(h.passage, h.title, h.speaker, round(h.score, 6)) for h in Library.open(data).search(query)]


def test_an_unchanged_library_opens_and_searches_without_reading_library_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, _ = library(tmp_path)
    first = answer(data, "lighthous")  # compares the index with library.json, and notes it
    assert (data / "index" / instep.NOTE).exists()
    reads = library_json_reads(monkeypatch)
    assert answer(data, "lighthous") == first
    assert reads == []
    # (and a reader that needs it still reads it)
    assert [d.title for d in Library.open(data).documents()] == ["Harbour hearing", "Other panel"]
    assert len(reads) == 1


def test_a_title_changed_since_indexing_is_shown_from_the_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, doc_id = library(tmp_path)
    Library.open(data).edit_document(doc_id, title="Harbour hearing, day two")
    assert [h.title for h in Library.open(data).search("lighthouse")] == ["Harbour hearing, day two"]
    reads = library_json_reads(monkeypatch)
    hits = Library.open(data).search("lighthouse")
    assert reads == []  # the note was used ...
    assert [h.title for h in hits] == ["Harbour hearing, day two"]  # ... and it carries the new title


def test_a_speaker_alias_is_searched_from_the_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, _ = library(tmp_path)
    Library.open(data).edit_speaker("Ada Park", add_aliases=["Keeper Jones"])
    assert [h.speaker for h in Library.open(data).search("jones")] == ["Ada Park"]
    reads = library_json_reads(monkeypatch)
    assert [h.speaker for h in Library.open(data).search("jones")] == ["Ada Park"]
    assert reads == []


def test_any_change_to_either_file_means_a_full_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, doc_id = library(tmp_path)
    answer(data, "tides")
    # library.json replaced by another process (a re-import with other words): the note no longer applies.
    other = Library.open(data)
    other.import_parsed(
        parsed("Harbour hearing", [("Ada Park", "The ferry captain stayed."), ("Ben Cho", "Tides were high.")]),
        "harbour.txt",
    )
    reads = library_json_reads(monkeypatch)
    assert [h.passage.split(":")[0] for h in Library.open(data).search("ferry")] == [doc_id]
    assert Library.open(data).search("lighthouse") == []
    assert reads  # checked against library.json
    # An index changed behind the note's back (a note naming another manifest) is checked too.
    note = json.loads((data / "index" / instep.NOTE).read_text())
    note["manifest"][0] -= 1
    (data / "index" / instep.NOTE).write_text(json.dumps(note))
    reads.clear()
    assert [h.passage.split(":")[0] for h in Library.open(data).search("ferry")] == [doc_id]
    assert reads


def test_a_damaged_library_json_is_still_refused_on_opening(tmp_path: Path) -> None:
    data, _ = library(tmp_path)
    answer(data, "tides")
    path = data / "library.json"
    path.write_bytes(path.read_bytes()[:-40])
    with pytest.raises(DamagedFile):
        Library.open(data)


@pytest.mark.parametrize(
    "change",
    [
        {"library": 5},
        {"manifest": 7},
        {"speakers": "Ada Park"},  # (not a string's letters as names)
        {"speakers": [["Ada Park", 3]]},
        {"retitled": {"x": "title"}},
        {"retitled": {"x": ["title"]}},
        {"code": ""},
    ],
)
def test_a_damaged_note_is_ignored(tmp_path: Path, change: dict[str, object]) -> None:
    data, _ = library(tmp_path)
    before = answer(data, "tides")
    path = data / "index" / instep.NOTE
    assert instep.read_in_step(data / "index") is not None
    path.write_text(json.dumps({**json.loads(path.read_text()), **change}))
    assert instep.read_in_step(data / "index") is None
    assert answer(data, "tides") == before
    assert instep.read_in_step(data / "index") is not None  # written again, whole
    for raw in (b"", b"{", b"[]"):
        path.write_bytes(raw)
        assert instep.read_in_step(data / "index") is None


@pytest.mark.parametrize(
    "change",
    [
        {"format": f"1/{store_mod.SCHEMA_VERSION + 1}"},  # a sayso of another library schema wrote it
        {"format": f"2/{store_mod.SCHEMA_VERSION}"},  # a note of another shape
        {"code": "another version of sayso's code"},  # written before an upgrade (or a checkout)
    ],
)
def test_a_note_another_sayso_wrote_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: dict[str, str]
) -> None:
    data, _ = library(tmp_path)
    answer(data, "tides")
    path = data / "index" / instep.NOTE
    path.write_text(json.dumps({**json.loads(path.read_text()), **change}))
    reads = library_json_reads(monkeypatch)
    Library.open(data)
    assert reads  # library.json checked on opening


def test_the_note_is_private(tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        data, _ = library(tmp_path)
        answer(data, "tides")
    finally:
        os.umask(old)
    assert (data / "index" / instep.NOTE).stat().st_mode & 0o777 == 0o600


def test_a_kind_changed_since_indexing_is_a_facet_from_the_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, doc_id = library(tmp_path)
    Library.open(data).edit_document(doc_id, kind="hearing")
    assert len(Library.open(data).search("lighthouse", kind="hearing")) == 1
    reads = library_json_reads(monkeypatch)
    assert len(Library.open(data).search("lighthouse", kind="hearing")) == 1
    assert Library.open(data).search("lighthouse", kind="panel") == []
    assert reads == []


def test_two_versions_of_library_json_that_share_an_identity_are_told_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inodes are reused and times may be coarse: the generation in library.json's first line tells apart two
    writes whose identity on disk is the same."""
    monkeypatch.setattr(store_mod, "_cache_key", lambda st: (1, 2, 3, 4))  # every version looks the same on disk
    data, doc_id = library(tmp_path)
    answer(data, "lighthouse")  # (note written)
    Library.open(data).edit_document(doc_id, title="Harbour hearing, day two")
    assert [h.title for h in Library.open(data).search("lighthouse")] == ["Harbour hearing, day two"]
    assert Library.open(data).store.fingerprint() == f"1-2-3-4-g{Library.open(data).store.generation()}"


def test_a_library_json_whose_first_line_is_not_sayso_s_own_is_always_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, _ = library(tmp_path)
    path = data / "library.json"
    path.write_text(json.dumps(json.loads(path.read_text()), indent=1))  # (as a person or another tool may)
    assert Library.open(data).store.fingerprint() is None
    before = answer(data, "tides")
    reads = library_json_reads(monkeypatch)
    assert answer(data, "tides") == before
    assert reads
