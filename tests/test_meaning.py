"""Meaning search (issue 17): the model loads offline, vectors follow imports and removals, blending, facets, CLI."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest

from sayso.cli import main
from sayso.corpus import meaning
from sayso.corpus.library import Library

DEMO = Path(__file__).resolve().parent.parent / "corpus" / "demo"
PANEL = DEMO / "panel-open-models-and-archives.txt"
INTERVIEW = DEMO / "interview-climate-data.vtt"
RADIO = DEMO / "community-radio-night-shift.txt"


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library.open(tmp_path / "data")
    library.import_paths([PANEL, INTERVIEW, RADIO])
    library.search("a first search by meaning", meaning=True)  # builds the vectors; imports keep them from now on
    return library


def test_imports_embed_nothing_until_meaning_search_is_used(tmp_path: Path) -> None:
    """Embedding costs as much as the rest of an import: a library that never searched by meaning pays nothing."""
    library = Library.open(tmp_path / "data")
    library.import_paths([PANEL, INTERVIEW])
    assert not library.meaning.in_use()
    assert not (library.store.index_dir / "meaning").exists() or not any(
        (library.store.index_dir / "meaning").iterdir()
    )
    hits = library.search("mariners saying sorry in their notes", meaning=True)
    assert library.meaning.in_use() and any("apologised" in h.text for h in hits)
    library.import_paths([RADIO])  # from now on, imports keep the vectors in step
    library.meaning.load()
    assert sum(v.count for v in library.meaning.docs.values()) == live_passages(library)


def live_passages(library: Library) -> int:
    return sum(len(library.passages(d.id)) for d in library.documents())


def test_model_loads_and_searches_without_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "HF_HOME",
        "HF_HUB_CACHE",
        "HF_ENDPOINT",
        "HUGGINGFACE_HUB_CACHE",
        "HF_HUB_OFFLINE",
        "TRANSFORMERS_CACHE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no cached download to fall back on either

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(meaning, "_model", None)  # load afresh under the block
    library = Library.open(tmp_path / "data")
    library.import_paths([INTERVIEW])
    assert library.problems() == []
    hits = library.search("mariners saying sorry in their notes", meaning=True)
    assert any("apologised" in h.text for h in hits)


def test_vectors_follow_imports_removals_and_reimports(lib: Library, tmp_path: Path) -> None:
    vectors = lib.meaning
    vectors.load()
    assert sum(v.count for v in vectors.docs.values()) == live_passages(lib)
    radio = next(d for d in lib.documents() if "radio" in d.title.lower())
    query = "during the deluge the broadcast continued beyond a day nonstop"
    assert any(h.document == radio.id for h in lib.search(query, meaning=True))
    lib.remove(radio.id)
    vectors.load()
    assert radio.id not in vectors.docs
    assert all(h.document != radio.id for h in lib.search(query, meaning=True))
    # Re-importing a document (changed) replaces its vectors: no duplicates.
    copy = tmp_path / "panel.txt"
    shutil.copy(PANEL, copy)
    lib.import_paths([copy])
    before = sum(v.count for v in vectors.docs.values())
    copy.write_text(PANEL.read_text() + "\nMarcus Lee: Thank you all, and good night.\n")
    lib.import_paths([copy])
    vectors.load()
    assert sum(v.count for v in vectors.docs.values()) == live_passages(lib) == before + 1
    hits = lib.search("whom does a collection serve once machines learn from it", meaning=True, limit=50)
    ids = [h.passage for h in hits]
    assert len(ids) == len(set(ids))


def test_stored_bytes_per_passage(lib: Library) -> None:
    folder = lib.store.index_dir / "meaning"
    stored = sum(p.stat().st_size for p in folder.glob("vec-*.bin"))
    passages = live_passages(lib)
    assert meaning.BYTES_PER_PASSAGE <= 300
    assert stored <= passages * meaning.BYTES_PER_PASSAGE + 200 * len(list(folder.glob("vec-*.bin")))


def test_a_changed_model_rebuilds_the_vectors(lib: Library) -> None:
    manifest_path = lib.store.index_dir / "meaning" / meaning.MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest["model"] = "some-older-model"
    manifest_path.write_text(json.dumps(manifest))
    embed, _ = lib.meaning.stale(lib, meaning.model_id())
    assert len(embed) == len(lib.documents())
    assert lib.meaning.sync(lib) == live_passages(lib)
    assert json.loads(manifest_path.read_text())["model"] == meaning.model_id()
    assert lib.meaning.sync(lib) == 0  # up to date: nothing embedded again


def test_facets_narrow_meaning_search(lib: Library) -> None:
    query = "unpaid helpers copy digitised images"
    everyone = lib.search(query, meaning=True, limit=20)
    assert {h.speaker for h in everyone} - {"Felix Amadi"}  # others are found without the facet
    narrowed = lib.search(f"{query} speaker:amadi", meaning=True, limit=20)
    assert narrowed and {h.speaker for h in narrowed} == {"Felix Amadi"}
    panel = lib.search(query, meaning=True, doc="open models", limit=20)
    assert panel and {h.title for h in panel} == {"Open Models, Open Archives: Who Keeps the Record?"}


def test_scanning_every_row_or_only_the_allowed_finds_the_same(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """A query most rows may answer scans them all in place and sets the rest aside; one narrowed by a facet
    scans only the rows allowed. Both ways give the same hits, in the same order, with or without a facet."""
    queries = [("unpaid helpers copy digitised images", {}), ("who may use the archive", {"speaker": "priya raman"})]
    answers = []
    for share in (0.0, 2.0):  # every query scans all rows; none does
        monkeypatch.setattr(meaning, "SCAN_ALL_SHARE", share)
        answers.append(
            [[(h.passage, round(h.score, 5)) for h in lib.search(q, meaning=True, limit=8, **kw)] for q, kw in queries]
        )
    assert answers[0] == answers[1] and all(answers[0])
    assert {h.speaker for h in lib.search("who may use the archive", meaning=True, speaker="priya raman")} == {
        "Priya Raman"
    }


def test_blending_keeps_an_exact_quote_first_and_marks_meaning_hits(lib: Library) -> None:
    words = lib.search('"forgive the ink"')
    blended = lib.search('"forgive the ink"', meaning=True)
    assert blended[0].passage == words[0].passage
    assert blended[0].match == "both"
    paraphrase = lib.search("seafarers expressing regret", meaning=True)
    assert any(h.match == "meaning" and "apologised" in h.text for h in paraphrase)
    assert all(h.match == "words" for h in lib.search("ink"))


def test_more_like_this(lib: Library) -> None:
    passage = next(p for d in lib.documents() for p in lib.passages(d.id) if "sailors apologised" in p.text)
    similar = lib.similar(passage.id, limit=5)
    assert similar and passage.id not in [h.passage for h in similar]


def test_cli_meaning_and_json_match(lib: Library, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(lib.store.data_dir)
    assert main(["search", "--data", data, "--json", "ink"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert plain and {h["match"] for h in plain} == {"words"}
    assert main(["search", "--data", data, "--json", "--meaning", "seafarers", "expressing", "regret"]) == 0
    blended = json.loads(capsys.readouterr().out)
    assert {h["match"] for h in blended} <= {"words", "meaning", "both"}
    assert any(h["match"] == "meaning" for h in blended)
    assert main(["search", "--data", data, "--meaning", "seafarers", "expressing", "regret"]) == 0
    assert "[by meaning]" in capsys.readouterr().out
