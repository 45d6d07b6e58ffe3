"""A document's words worked out ahead by the parse workers, and the vocabulary's hash lookup (issue 13).

An import's workers cut each document's passages into words and hash them
(`searchindex.document_words`); the importing process then only looks each
distinct word up.  The index must be exactly what it is when the importing
process does it all: same word ids, same tokens, same text.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sayso.corpus.searchindex as searchindex
from sayso.corpus import Library
from sayso.corpus.models import PassageTable
from sayso.corpus.search import SearchIndex
from sayso.corpus.searchindex import DocEntry, PendingDoc, Vocabulary, document_words, tokenise_document

WORDS = ["budget", "Nixon's", "e.g.", "3.5", "1,000", "café", "naïve", "don't", "''quoted''", "U.S.", "tea"]
WORDS += ["东京", "ÉCOLE", "x_y", "O'Brien", "rock'n'roll", "10:30", "-", "…", "A", "zzz"]


def texts_of(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 30))) for _ in range(count)]


def table(doc: str, texts: list[str]) -> PassageTable:
    return PassageTable(doc, texts, ["Ada Park"] * len(texts), [None] * len(texts))


def same(a: PendingDoc, b: PendingDoc) -> None:
    for name in ("tokens", "lens", "text_lens", "speakers", "indexes"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert bytes(a.text) == bytes(b.text)


@pytest.mark.parametrize("chunk", [64, 1 << 16])
def test_words_worked_out_ahead_index_exactly_as_words_cut_here(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(searchindex, "TOKENISE_CHUNK", chunk)  # (64: many runs a document)
    here, ahead = Vocabulary(), Vocabulary()
    for seed in range(6):
        texts = texts_of(seed, 40)
        entry = DocEntry(f"d{seed}", "", "", "")
        words = document_words(texts)
        if chunk == 64:
            assert len(words) > 5
        cut_here = tokenise_document(here, {}, entry, table(f"d{seed}", texts))
        worked_out = tokenise_document(ahead, {}, DocEntry(f"d{seed}", "", "", ""), table(f"d{seed}", texts), words)
        same(cut_here, worked_out)
        assert here.words == ahead.words  # new words get the same ids, in the same order


def test_words_of_other_passages_are_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searchindex, "TOKENISE_CHUNK", 64)
    texts = texts_of(1, 40)
    stale = document_words(texts_of(2, 40))  # (other runs: a changed document)
    assert [(w.lo, w.hi) for w in stale] != [(w.lo, w.hi) for w in document_words(texts)]
    used = tokenise_document(Vocabulary(), {}, DocEntry("d", "", "", ""), table("d", texts), stale)
    same(used, tokenise_document(Vocabulary(), {}, DocEntry("d", "", "", ""), table("d", texts)))


@pytest.mark.parametrize("workers", [True, False])
def test_an_import_indexes_with_the_workers_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: bool
) -> None:
    import sayso.corpus.importers.parallel as parallel

    folder = tmp_path / "talks"
    folder.mkdir()
    for i in range(8):
        (folder / f"t{i}.txt").write_text(
            f"Ada Park: cafés and budgets {i}.\n\nBen Cho: naïve tea.\n", encoding="utf-8"
        )
    assert SearchIndex.import_words is document_words
    monkeypatch.setattr(parallel, "workers_for", lambda count: 2 if workers else 0)
    cut_here = 0
    real = searchindex._run_words

    def counted(*args: object) -> searchindex.RunWords:
        nonlocal cut_here
        cut_here += 1
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(searchindex, "_run_words", counted)  # (in this process: a worker has its own count)
    lib = Library.open(tmp_path / "data")
    lib.import_paths([folder], parallel=True)
    # With workers, they cut the words and this process cuts none; without, the index cuts them here, a run
    # at a time, rather than all of a document at once beside its passages.
    assert cut_here == (0 if workers else 8)
    assert [h.speaker for h in lib.search("naive")] == ["Ben Cho"] * 8


def test_the_vocabulary_finds_every_word_across_folds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Vocabulary, "RECENT_FOLD", 50)
    vocab = Vocabulary(["alpha", "beta"])
    rng = random.Random(4)
    spelled = [f"w{rng.randrange(10**9)}" for _ in range(400)]
    hashes = searchindex.hash_tokens(" ".join(spelled).encode())[0]
    ids = []
    for i, (word, h) in enumerate(zip(spelled, hashes.tolist())):
        ids.append(vocab.add(word, h))
        if i % 37 == 0:  # (looked up between adds: the recent words are sorted again)
            assert vocab.lookup(hashes[: i + 1]).tolist() == ids
    assert vocab.lookup(hashes).tolist() == ids == [vocab.ids[w] for w in spelled]
    assert vocab.lookup(searchindex.hash_tokens(b"alpha beta gamma")[0]).tolist() == [0, 1, -1]
    assert np.all(np.diff(vocab._sorted_hashes.astype(np.float64)) >= 0)  # type: ignore[union-attr]


def test_a_save_after_an_import_builds_the_new_words_typo_index_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (the import's last commit built the chunk of its new words; the save used to build it again)
    import sayso.corpus.search as search_mod

    folder = tmp_path / "talks"
    folder.mkdir()
    for i, animal in enumerate(["zebras", "quokkas", "wombats", "narwhals"]):
        (folder / f"t{i}.txt").write_text(f"Ada Park: tea {i}.\n\nBen Cho: {animal}.\n", "utf-8")
    built: list[int] = []
    real = search_mod.build_vocab_chunk
    monkeypatch.setattr(search_mod, "build_vocab_chunk", lambda words, lo: built.append(len(words)) or real(words, lo))
    lib = Library.open(tmp_path / "data")
    lib.import_paths([folder])
    assert len(built) == 1
    assert [h.text for h in Library.open(tmp_path / "data").search("wombtas")] == ["wombats."]  # (a typo)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("abcdeéß日ж'-1")), max_size=10), min_size=1, max_size=30))
def test_typo_keys_are_the_hashes_of_each_words_deletions(words: list[str]) -> None:
    """The index's typo keys of a word (made for many words at once, from prefix sums) are hash_string of
    every string left by deleting up to its depth of letters from its first TYPO_PREFIX: what a query's
    words are hashed as."""
    from itertools import combinations

    from sayso.corpus.searchindex import TYPO_PREFIX, hash_string, index_depth, typo_keys

    depths = [index_depth(len(w)) if len(w) >= 3 else -1 for w in words]
    keys, rows = typo_keys(words, depths)
    got = sorted(zip(rows.tolist(), keys.tolist()))
    expected = []
    for row, (word, depth) in enumerate(zip(words, depths)):
        head = word[:TYPO_PREFIX]
        if depth < 0:
            continue
        for size in range(depth + 1):
            for drop in combinations(range(len(head)), size):
                left = "".join(ch for k, ch in enumerate(head) if k not in drop)
                expected.append((row, hash_string(left)))
    assert sorted(set(got)) == sorted(set(expected))
