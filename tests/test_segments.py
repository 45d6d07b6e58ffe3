"""The search index as immutable segments: what a save writes, tombstones, merges, crashes and readers.

Documents here are generated (seeded) so that queries have known answers; the
checks compare whole result lists (passage, score, spans) between libraries
that must rank alike: one that merged and one that did not, one patched by
tombstones and one built fresh.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import sayso.corpus.search as search_module
import sayso.corpus.searchindex as searchindex
from sayso.corpus import Library
from sayso.corpus.models import Document, Passage
from sayso.corpus.search import SearchIndex

ROOT = Path(__file__).resolve().parents[1]
SYLLABLES = ["ka", "ri", "mo", "tel", "sun", "dra", "vek", "lo", "pin", "ast", "ur", "men", "zo", "quil", "bar"]
SPEAKERS = ["Alice Moreno", "Bob Tanaka", "Chidi Okafor", "Dana Weiss"]


def vocabulary(seed: int, size: int = 400) -> list[str]:
    rng = random.Random(seed)
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def write_doc(folder: Path, name: str, seed: int, turns: int = 12, words: list[str] | None = None) -> Path:
    rng = random.Random(seed)
    pool = words or vocabulary(seed % 7)
    lines = []
    for _ in range(turns):
        who = rng.choice(SPEAKERS)
        text = " ".join(rng.choice(pool) for _ in range(rng.randint(8, 30)))
        lines.append(f"{who}: {text.capitalize()}.")
    path = folder / name
    path.write_text("\n\n".join(lines) + "\n", "utf-8")
    return path


def queries(seed: int, count: int = 25) -> list[str]:
    rng = random.Random(seed)
    pool = vocabulary(seed % 7)
    found = []
    for _ in range(count):
        picked = rng.sample(pool, rng.randint(1, 3))
        # a typo in the longest word, and the last word half typed now and then
        longest = max(range(len(picked)), key=lambda i: len(picked[i]))
        w = picked[longest]
        if len(w) > 5:
            i = rng.randrange(1, len(w) - 1)
            picked[longest] = w[:i] + w[i + 1 :]
        if rng.random() < 0.3:
            picked[-1] = picked[-1][: max(3, len(picked[-1]) - 2)]
        found.append(" ".join(picked))
    found += ["speaker:alice " + pool[3], '"' + " ".join(pool[5:7]) + '"', "bob " + pool[9]]
    return found


def results(library: Library, qs: list[str], limit: int = 30) -> list[list[tuple[str, float, list[list[int]]]]]:
    """Each query's hits as (file name:passage index, score, spans): comparable across libraries."""
    names = {d.id: Path(d.source).name for d in library.documents()}
    return [[(f"{names[h.document]}:{h.index}", h.score, h.spans) for h in library.search(q, limit=limit)] for q in qs]


def doc_id(library: Library, name: str) -> str:
    """The id of the document imported from file `name`."""
    [found] = [d.id for d in library.documents() if Path(d.source).name == name]
    return found


def manifest(data: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((data / "index" / "manifest.json").read_text("utf-8"))
    return loaded


def no_merges(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searchindex, "MERGE_FACTOR", 10**6)
    monkeypatch.setattr(searchindex, "MAX_SEGMENTS", 10**6)


# -- what a save writes ------------------------------------------------------------------------------
def test_adding_a_document_writes_a_new_segment_and_leaves_the_others_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(20):
        write_doc(folder, f"d{i:02}.txt", i)
    data = tmp_path / "data"
    Library.open(data).import_paths([folder])
    before = manifest(data)
    [first] = before["segments"]
    path = data / "index" / first["file"]
    stat = path.stat()
    one = tmp_path / "one"
    one.mkdir()
    library = Library.open(data)
    library.import_paths([write_doc(one, "new.txt", 99, words=["zyxwvut", *vocabulary(3)])])
    after = manifest(data)
    assert after["generation"] > before["generation"]
    assert after["segments"][0]["file"] == first["file"]
    assert len(after["segments"]) == 2 and after["segments"][1]["passages"] == 12
    again = path.stat()
    assert (again.st_ino, again.st_mtime_ns, again.st_size) == (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    assert len(after["vocab"]) == 2, "the new word goes into a chunk of its own"
    assert Library.open(data).search("zyxwvt")[0].document == doc_id(library, "new.txt")


# -- tombstones --------------------------------------------------------------------------------------
def test_a_removed_or_reimported_document_never_appears_and_ranking_matches_a_fresh_index(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    paths = [write_doc(folder, f"d{i}.txt", i) for i in range(10)]
    data = tmp_path / "data"
    library = Library.open(data)
    library.import_paths([folder])
    d3, d5 = doc_id(library, "d3.txt"), doc_id(library, "d5.txt")
    old_d3 = {h.text for h in library.search("", doc=d3, limit=100)}
    assert old_d3 and library.search("", doc=d5, limit=100)
    write_doc(folder, "d3.txt", 1003)  # re-imported with other words
    library.import_paths([paths[3]])
    library.remove(d5)
    deleted = {d for s in manifest(data)["segments"] for d in s["deleted"]}
    assert deleted == {d3, d5}, "tombstones, not rewrites"

    fresh_folder = tmp_path / "fresh"
    fresh_folder.mkdir()
    for i in [0, 1, 2, 4, 6, 7, 8, 9]:
        (fresh_folder / f"d{i}.txt").write_bytes(paths[i].read_bytes())
    fresh = Library.open(tmp_path / "fresh-data")
    fresh.import_paths([fresh_folder])
    fresh.import_paths([paths[3]])
    qs = queries(3) + queries(5)
    for lib in (library, Library.open(data)):
        got = results(lib, qs)
        assert got == results(fresh, qs)
        found = {p for hits in got for p, _, _ in hits} | {h.passage for h in lib.search("", limit=1000)}
        assert not any(p.startswith(d5 + ":") for p in found)
        texts = {h.text for h in lib.search("", doc=d3, limit=100)}
        assert texts and not (texts & old_d3)


def segments_with_tombstones(tmp_path: Path) -> Path:
    """An index folder of several segments (merges off), the first holding a re-imported and a removed document."""
    folder = tmp_path / "in"
    folder.mkdir()
    paths = [write_doc(folder, f"d{i}.txt", i) for i in range(8)]
    library = Library.open(tmp_path / "data")
    library.import_paths(paths[:5])  # (one segment, in which the two changes below leave tombstones)
    for path in paths[5:]:
        library.import_paths([path])
    write_doc(folder, "d2.txt", 1002)
    library.import_paths([paths[2]])
    library.remove(doc_id(library, "d1.txt"))
    return tmp_path / "data" / "index"


def test_what_a_first_search_reads_alone_equals_the_arrays_over_the_whole_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first search counts document frequencies, lengths and words for what it needs only (df_of,
    lengths_of, tokens_of, the chunks' binary search): each must be what the arrays over every slot and word
    say, across several segments with tombstones."""
    import numpy as np

    no_merges(monkeypatch)
    index = SearchIndex(segments_with_tombstones(tmp_path))
    index.search("warm")
    view = index.view
    assert len(view.segments) >= 4 and view.live_slots < view.slots
    rng = np.random.default_rng(1)
    every_df = view.df(view.vocab_size)
    terms = rng.integers(0, view.vocab_size, 300)
    assert view.df_of(terms).tolist() == every_df[terms].tolist()
    lazy = search_module.DocFreq(view)
    assert [lazy[int(t)] for t in terms[:20]] == every_df[terms[:20]].tolist()
    assert lazy[terms].tolist() == every_df[terms].tolist()
    many = np.arange(view.vocab_size)  # (asked about most words: counted in one pass)
    assert search_module.DocFreq(view)[many].tolist() == every_df.tolist()
    slots = np.sort(rng.choice(view.slots, min(60, view.slots), replace=False))
    assert view.lengths_of(slots).tolist() == view.lengths()[slots].tolist()
    shuffled = rng.permutation(slots)
    assert view.lengths_of(shuffled).tolist() == view.lengths()[shuffled].tolist()
    tokens, lens = view.tokens_of(slots)
    offsets = np.concatenate([[0], np.cumsum(view.lengths())])
    every_token = np.concatenate([ls.seg.arrays["tokens"] for ls in view.segments])
    assert lens.tolist() == view.lengths()[slots].tolist()
    assert tokens.tolist() == np.concatenate([every_token[offsets[s] : offsets[s + 1]] for s in slots]).tolist()
    assert [view.speaker_of(int(s)) for s in slots] == view.slot_speaker()[slots].tolist()
    words = [view.words[i] for i in range(view.vocab_size)]
    for word in rng.choice(words, 50).tolist():
        assert view.word_id(word) == words.index(word)
        assert sorted(view.words_from(word[:3]).tolist()) == [i for i, w in enumerate(words) if w.startswith(word[:3])]
    assert view.word_id("notawordhere") is None and not view.has_word_from("zzzz")
    live = view.live()
    alive = view.lengths()[live] if live is not None else view.lengths()
    assert view.average_length() == int(alive.sum()) / len(alive)


def test_a_first_search_answers_as_a_warm_index_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each query asked of a freshly opened index (read lazily) and of one that has answered others (whole-index
    arrays): the same hits, scores and spans, with tombstones and several segments."""
    no_merges(monkeypatch)
    index_dir = segments_with_tombstones(tmp_path)
    warm = SearchIndex(index_dir)
    warm.search("warm")
    warm.search("again")
    assert warm.view.warm
    for q in queries(2) + queries(4) + ["ka", "kari mo", '"tel sun"', "-ka ri"]:
        cold = SearchIndex(index_dir)
        first = [h.to_dict() for h in cold.search(q, limit=20)]
        assert not cold.view.warm
        assert first == [h.to_dict() for h in warm.search(q, limit=20)], q


def test_an_index_warmed_ahead_answers_as_one_warmed_by_searching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`warm_up` (the app calls it once the library is read) builds what a second search would, with the same
    answers; searches made while it runs stay cold rather than build the same arrays beside it."""
    no_merges(monkeypatch)
    index_dir = segments_with_tombstones(tmp_path)
    by_searching = SearchIndex(index_dir)
    by_searching.search("warm")
    by_searching.search("again")
    ahead = SearchIndex.open(index_dir)
    ahead.view.warming = True  # (as while another thread warms it)
    ahead.search("warm")
    ahead.search("again")
    assert not ahead.view.warm
    ahead.view.warming = False
    ahead.warm_up()
    assert ahead.view.warm and not ahead.view.warming
    assert {"df", "directory", "lengths"} <= set(ahead.view._cache)
    for q in queries(2) + queries(4) + ["ka", "kari mo", '"tel sun"', "-ka ri"]:
        assert [h.to_dict() for h in ahead.search(q, limit=20)] == [
            h.to_dict() for h in by_searching.search(q, limit=20)
        ], q
    assert ahead.view._cache.keys() == by_searching.view._cache.keys()  # nothing left for a search to build


# -- merges ------------------------------------------------------------------------------------------
def build_by_one(data: Path, folder: Path, steps: int) -> Library:
    """Import documents one at a time, re-importing and removing some on the way."""
    library = Library.open(data)
    for i in range(steps):
        library.import_paths([write_doc(folder, f"d{i:02}.txt", i, turns=6 + i % 5)])
        if i % 7 == 6:
            library.import_paths([write_doc(folder, f"d{i - 3:02}.txt", 500 + i)])
        if i % 11 == 10:
            library.remove(doc_id(library, f"d{i - 5:02}.txt"))
    return library


def test_merged_segments_rank_exactly_as_unmerged_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    qs = queries(1) + queries(2) + queries(6)
    with monkeypatch.context() as m:
        no_merges(m)
        plain = build_by_one(tmp_path / "plain", folder, 40)
        expected = results(plain, qs)
    plain_manifest = manifest(tmp_path / "plain")
    assert len(plain_manifest["segments"]) >= 30
    monkeypatch.setattr(searchindex, "MERGE_FACTOR", 3)
    monkeypatch.setattr(searchindex, "MIN_LEVEL_SIZE", 5)
    merged = build_by_one(tmp_path / "merged", folder, 40)
    after = manifest(tmp_path / "merged")
    assert len(after["segments"]) < 15 and len(after["vocab"]) < len(plain_manifest["vocab"])
    assert results(merged, qs) == expected
    assert results(Library.open(tmp_path / "merged"), qs) == expected
    # The last merges take every segment down to one: the same results again, and no tombstone left.
    monkeypatch.setattr(searchindex, "MAX_SEGMENTS", 1)
    merged.index.merge()
    final = manifest(tmp_path / "merged")
    assert len(final["segments"]) == 1 and not final["segments"][0]["deleted"]
    assert results(Library.open(tmp_path / "merged"), qs) == expected
    listed = {final["segments"][0]["file"], *(v["file"] for v in final["vocab"])}
    assert {p.name for p in (tmp_path / "merged" / "index").glob("*.bin")} == listed, "files merged away are gone"


def test_a_merge_keeps_tombstones_made_while_it_ran(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    no_merges(monkeypatch)
    library = build_by_one(tmp_path / "data", folder, 12)
    index = library.index
    real_merge = searchindex.merge_segments
    removed: list[str] = []

    def remove_meanwhile(parts: Any) -> Any:
        merged = real_merge(parts)
        if not removed:
            # Another session removes a document while this merge is being built.
            # (It makes no merge of its own: its save runs while MAX_SEGMENTS is high again.)
            searchindex.MAX_SEGMENTS = 10**6
            other = Library.open(tmp_path / "data")
            removed.append(other.documents()[0].id)
            other.remove(removed[0])
            searchindex.MAX_SEGMENTS = 1
        return merged

    monkeypatch.setattr(search_module, "merge_segments", remove_meanwhile)
    monkeypatch.setattr(searchindex, "MAX_SEGMENTS", 1)
    assert index.merge() >= 1
    assert len(manifest(tmp_path / "data")["segments"]) == 1
    assert removed and removed[0] not in {h.document for h in Library.open(tmp_path / "data").search("", limit=1000)}
    assert removed[0] not in {d.id for d in Library.open(tmp_path / "data").index.data.docs}


MERGE_CHILD = textwrap.dedent(
    """
    import sys
    import sayso.corpus.searchindex as si
    from sayso.corpus import Library
    si.MERGE_FACTOR = 2
    si.MIN_LEVEL_SIZE = 1
    si.MAX_SEGMENTS = 1
    library = Library.open(sys.argv[1])
    print("ready", flush=True)
    library.index.merge()
    print("merged", flush=True)
    """
)


@pytest.mark.slow
def test_merges_killed_at_random_moments_lose_and_duplicate_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    data = tmp_path / "data"
    with monkeypatch.context() as m:
        no_merges(m)
        library = Library.open(data)
        for i in range(30):
            library.import_paths([write_doc(folder, f"d{i:02}.txt", i, turns=120)])
        library.remove(doc_id(library, "d07.txt"))
    ids = {d.id for d in library.documents()}
    qs = queries(4)[:10]
    expected = results(library, qs)
    rng = random.Random(13)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    finished = 0
    for _ in range(12):
        child = subprocess.Popen(
            [sys.executable, "-c", MERGE_CHILD, str(data)], stdout=subprocess.PIPE, text=True, env=env
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.25))
        child.send_signal(signal.SIGKILL)
        child.wait()
        reopened = Library.open(data)
        docs = [d.id for d in reopened.index.data.docs]
        assert sorted(docs) == sorted(ids), "a document lost or indexed twice"
        assert results(reopened, qs) == expected
        finished += len(manifest(data)["segments"]) == 1
    reopened = Library.open(data)
    reopened.index.merge()
    reopened.import_paths([write_doc(folder, "d07.txt", 7, turns=120)])  # this process's save cleans its own
    final = manifest(data)
    assert len(final["segments"]) <= 3
    listed = {s["file"] for s in final["segments"]} | {v["file"] for v in final["vocab"]}
    assert {p.name for p in (data / "index").glob("*.bin")} == listed, "a killed merge's file was left behind"
    assert len(Library.open(data).documents()) == 30 and Library.open(data).search(qs[0])


# -- streaming and rebasing ----------------------------------------------------------------------------
def test_a_large_import_streams_into_several_segments_with_the_same_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(30):
        write_doc(folder, f"d{i:02}.txt", i, turns=20)
    whole = Library.open(tmp_path / "whole")
    whole.import_paths([folder])
    no_merges(monkeypatch)
    monkeypatch.setattr(searchindex, "FLUSH_TOKENS", 3000)
    streamed = Library.open(tmp_path / "streamed")
    streamed.import_paths([folder])
    assert len(manifest(tmp_path / "streamed")["segments"]) >= 5
    qs = queries(2) + queries(5)
    assert results(streamed, qs) == results(whole, qs)
    assert results(Library.open(tmp_path / "streamed"), qs) == results(whole, qs)


def doc_and_passages(doc_id: str, texts: list[str]) -> tuple[Document, list[Passage]]:
    doc = Document(id=doc_id, title=doc_id.title(), kind="talk", source=f"{doc_id}.txt", text_hash=doc_id)
    passages = [
        Passage(id=f"{doc_id}:{i}", document=doc_id, index=i, speaker="Ann", text=t) for i, t in enumerate(texts)
    ]
    return doc, passages


def test_a_save_after_another_process_saved_keeps_both(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    first = SearchIndex(folder)
    first.add_document(*doc_and_passages("one", ["shared words here", "alpha beta gamma"]))
    first.save()
    second = SearchIndex.open(folder)
    # Both add new words: the same id means a different word in each until the later save translates.
    first.add_document(*doc_and_passages("two", ["quetzalcoatl feathered serpent", "shared words again"]))
    first.remove_document("one")
    second.add_document(*doc_and_passages("three", ["xylophone marimba vibraphone"]))
    second.save()
    first.save()
    reopened = SearchIndex.open(folder)
    assert sorted(d.id for d in reopened.data.docs) == ["three", "two"]
    assert [h.passage for h in reopened.search("quetzalcoatl")] == ["two:0"]
    assert [h.passage for h in reopened.search("marimba")] == ["three:0"]
    assert [h.passage for h in reopened.search("vibrafone")] == ["three:0"]
    assert reopened.search("alpha") == []
    assert [h.passage for h in reopened.search("shared words")] == ["two:1"]


# -- older indexes and readers ------------------------------------------------------------------------
def test_an_older_index_is_rebuilt_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_doc(folder, "a.txt", 1)
    data = tmp_path / "data"
    Library.open(data).import_paths([folder])
    index = data / "index"
    for path in index.iterdir():
        if path.is_file():  # index/meaning/ (corpus.meaning) is a store of its own
            path.unlink()
    (index / "index-4.bin").write_bytes(b"SAYSOIX1" + b"\0" * 100)
    (index / "manifest.json").write_text(json.dumps({"format": 1, "generation": 4, "file": "index-4.bin"}), "utf-8")
    query = queries(1)[0]
    library = Library.open(data)
    assert library.search(query)
    assert not (index / "index-4.bin").exists()
    assert manifest(data)["format"] == search_module.MANIFEST_FORMAT

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("rebuilt a second time")

    monkeypatch.setattr(SearchIndex, "rebuild", refuse)
    assert Library.open(data).search(query)


def test_searching_never_waits_for_a_writer_holding_the_library(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_doc(folder, "a.txt", 1)
    data = tmp_path / "data"
    Library.open(data).import_paths([folder])
    holder = textwrap.dedent(
        """
        import sys, time
        from sayso.corpus import Library
        library = Library.open(sys.argv[1])
        with library.store.lock.held():
            print("holding", flush=True)
            time.sleep(60)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", holder, str(data)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "holding"
        started = time.monotonic()
        library = Library.open(data, lock_timeout=30)
        assert library.search(queries(1)[0])
        assert time.monotonic() - started < 10, "the search waited for the writer's lock"
    finally:
        child.kill()
        child.wait()


IMPORT_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from sayso.corpus import Library
    library = Library.open(sys.argv[1])
    for path in sorted(Path(sys.argv[2]).glob("*.txt")):
        library.import_paths([path])
    """
)


def test_concurrent_searches_see_whole_generations_while_another_process_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    common = "sharedmarker"
    for i in range(25):
        path = write_doc(folder, f"d{i:02}.txt", i, turns=30)
        path.write_text(path.read_text("utf-8") + f"\nAlice Moreno: {common} {i}.\n", "utf-8")
    data = tmp_path / "data"
    library = Library.open(data)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", IMPORT_CHILD, str(data), str(folder)], env=env)
    seen: list[int] = []
    errors: list[BaseException] = []

    def search_loop() -> None:
        try:
            while child.poll() is None:
                hits = library.search(common, limit=100)
                ids = [h.passage for h in hits]
                assert len(ids) == len(set(ids)), "a passage twice in one answer"
                seen.append(len(ids))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    thread = threading.Thread(target=search_loop)
    thread.start()
    thread.join(120)
    child.wait(60)
    assert not errors, errors
    assert child.returncode == 0
    assert seen == sorted(seen), "an answer lost documents an earlier one had"
    assert len(library.search(common, limit=100)) == 25


def test_a_one_or_two_letter_query_alone_scores_its_most_frequent_completions_and_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first pass of "ai" alone takes only the commonest words it begins, within a budget of passages,
    but always the word itself: the passage saying "ai" is found though "air" is everywhere."""
    folder = tmp_path / "in"
    folder.mkdir()
    turns = [f"Alice Moreno: The air was thin on day {i}." for i in range(30)]
    turns += ["Bob Tanaka: Ai is what the report calls it.", "Bob Tanaka: An aisle seat, please."]
    (folder / "t.txt").write_text("\n\n".join(turns) + "\n", "utf-8")
    library = Library.open(tmp_path / "data")
    library.import_paths([folder])
    everything = {h.text for h in library.search("ai", limit=50)}
    assert any("Ai is what" in t for t in everything) and any("aisle" in t for t in everything)
    monkeypatch.setattr(search_module, "SHORT_PREFIX_BUDGET", 0.0)
    monkeypatch.setattr(search_module, "SHORT_PREFIX_MIN", 1)
    budgeted = {h.text for h in Library.open(tmp_path / "data").search("ai", limit=50)}
    assert any("Ai is what" in t for t in budgeted), "the word itself was left out"
    assert not any("aisle" in t for t in budgeted), "a rare completion was scored beyond the budget"


def test_a_save_over_an_unreadable_newer_save_writes_a_whole_index(tmp_path: Path) -> None:
    """Another process saved, then its files vanished (or were damaged): this process's save must still leave
    a whole index on disk, writing again the files it needs, and never raise."""
    folder = tmp_path / "index"
    first = SearchIndex(folder)
    first.add_document(*doc_and_passages("one", ["shared words here", "alpha beta gamma"]))
    first.save()
    second = SearchIndex.open(folder)
    second.add_document(*doc_and_passages("two", ["xylophone marimba"]))
    second.save()
    for path in folder.glob("*.bin"):
        path.unlink()  # the other save's files, and this one's, gone from under it
    first.add_document(*doc_and_passages("three", ["quetzalcoatl feathered serpent"]))
    first.save()
    reopened = SearchIndex.open(folder)
    assert reopened.state == "loaded"
    assert sorted(d.id for d in reopened.data.docs) == ["one", "three"]
    assert [h.passage for h in reopened.search("alpha")] == ["one:1"]
    assert [h.passage for h in reopened.search("quetzalcoatl")] == ["three:0"]


def test_a_merge_that_fails_does_not_fail_the_save_before_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warnings: list[str] = []
    index = SearchIndex(tmp_path / "index", warn=warnings.append)
    monkeypatch.setattr(searchindex, "MAX_SEGMENTS", 1)

    def full_disk(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(search_module, "merge_segments", full_disk)
    for i in range(3):
        index.add_document(*doc_and_passages(f"d{i}", [f"word{i} shared"]))
        index.save()  # never raises for the merge after it
    assert any("not merged" in w and "No space left" in w for w in warnings)
    reopened = SearchIndex.open(tmp_path / "index")
    assert sorted(d.id for d in reopened.data.docs) == ["d0", "d1", "d2"]
    assert len(reopened.view.segments) == 3
