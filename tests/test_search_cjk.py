"""Search in Chinese and Japanese, written without spaces: a word from the middle of a sentence is found.

Their runs of characters are indexed as overlapping pairs of characters (corpus.words), as Lucene's and
Elasticsearch's CJK analysers do; Korean, written with spaces, and every other text keep their words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from sayso.corpus import query as query_module
from sayso.corpus import search as search_module
from sayso.corpus import searchindex
from sayso.corpus.library import Library
from sayso.corpus.search import SearchIndex
from sayso.corpus.words import WORD_RE, fold, normalize_word, word_spans, words_of

JAPANESE = """\
高橋　本日はありがとうございます。
森田　はい。この五年は毎年赤字です。
高橋　書店数はどうですか。
森田　書店数が減っています。AI技術の影響もあります。
"""
CHINESE = """\
王芳：欢迎来到我们的节目。
李明：谢谢。我们公司去年出现了赤字，今年希望能扭转局面。
王芳：书店数量在减少吗？
李明：是的，全国书店数一直在下降。
"""
KOREAN = """\
오늘 회의를 시작하겠습니다.
올해 매출이 크게 늘었습니다.
"""


def write_transcripts(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "japanese.txt").write_text(JAPANESE, "utf-8")
    (folder / "chinese.txt").write_text(CHINESE, "utf-8")
    (folder / "korean.txt").write_text(KOREAN, "utf-8")
    return folder


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = write_transcripts(tmp_path_factory.mktemp("in"))
    library = Library.open(tmp_path_factory.mktemp("data"))
    report = library.import_paths([folder])
    assert not report.errors
    return library


def marked(hit) -> list[str]:
    """The highlighted parts of a hit's text, as the CLI brackets them."""
    return [hit.text[s:e] for s, e in hit.spans]


def test_a_japanese_word_from_the_middle_of_a_sentence_is_found_and_highlighted_once(lib: Library) -> None:
    """ "赤字" inside "この五年は毎年赤字です" found nothing: the whole sentence was one word."""
    hits = [h for h in lib.search("赤字") if h.speaker == "森田"]
    assert [h.text for h in hits] == ["はい。この五年は毎年赤字です。"]
    assert marked(hits[0]) == ["赤字"]
    assert hits[0].spans == [[10, 12]]


def test_a_chinese_word_from_the_middle_of_a_sentence_is_found(lib: Library) -> None:
    hits = lib.search("赤字")
    assert {h.speaker for h in hits} == {"森田", "李明"}
    chinese = next(h for h in hits if h.speaker == "李明")
    assert marked(chinese) == ["赤字"]
    hits = lib.search("书店数")
    assert {h.text for h in hits} == {"书店数量在减少吗？", "是的，全国书店数一直在下降。"}
    assert all(marked(h) == ["书店数"] for h in hits)  # three characters (two pairs) marked as one


def test_one_character_being_typed_finds_the_words_it_begins(lib: Library) -> None:
    """Typing "赤" finds "赤字" (the pairs it begins), before the second character is typed."""
    hits = lib.search("赤")
    assert {h.speaker for h in hits} == {"森田", "李明"}
    assert all(marked(h) == ["赤字"] for h in hits)


def test_a_phrase_in_japanese(lib: Library) -> None:
    hits = lib.search('"書店数"')
    assert [h.speaker for h in hits] == ["高橋", "森田"]
    assert all(marked(h) == ["書店数"] for h in hits)
    assert lib.search('"毎年赤字"')[0].text == "はい。この五年は毎年赤字です。"
    assert lib.search('"赤字毎年"') == []


def test_latin_letters_inside_japanese_are_words_of_their_own(lib: Library) -> None:
    """ "AI技術": "ai" and "技術" are each found."""
    for query, part in [("AI", "AI"), ("技術", "技術")]:
        hits = lib.search(query)
        assert [marked(h) for h in hits] == [[part]]


def test_speakers_named_by_query_words_and_the_speaker_facet(lib: Library) -> None:
    assert [h.text for h in lib.search("speaker:李明 赤字")] == ["谢谢。我们公司去年出现了赤字，今年希望能扭转局面。"]
    hits = lib.search("森田 赤字")
    assert hits[0].speaker == "森田" and marked(hits[0]) == ["赤字"]


def test_korean_keeps_its_words(lib: Library) -> None:
    text = "올해 매출이 크게 늘었습니다"
    assert words_of(text) == old_words_of(text) and len(words_of(text)) == 4
    hits = lib.search("매출이")
    assert [marked(h) for h in hits] == [["매출이"]]


def test_tokens_of_chinese_and_japanese_runs() -> None:
    assert words_of("毎年赤字") == ["毎年", "年赤", "赤字"]
    assert words_of("赤") == ["赤"]
    assert words_of("AI技術の2024年") == ["ai", "技術", "術の", "2024", "年"]
    assert word_spans("はい。赤字です") == [(0, 2, "はい"), (3, 5, "赤字"), (4, 6, "字で"), (5, 7, "です")]
    assert words_of("データー") == ["デー", "ータ", "ター"]  # the long vowel mark is part of the run
    assert words_of("々") == ["々"]
    assert words_of("\uf900") == ["\u8c48"]  # a compatibility ideograph is read as its unified one
    assert words_of("ガ") != words_of("カ")  # a voicing mark is no accent
    assert fold("高橋一郎") == "高橋 橋一 一郎"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("open-source AI, 3.5 times", ["open", "source", "ai", "3.5", "times"]),
        ("Café MÜLLER Straße", ["cafe", "muller", "strasse"]),
        ("LeCun's don’t 10,000 a_b _", ["lecun", "dont", "10000", "ab"]),
        ("Łódź, São Paulo; naïve", ["łodz", "sao", "paulo", "naive"]),
    ],
)
def test_spaced_text_keeps_the_words_it_had(text: str, expected: list[str]) -> None:
    """Text of spaced scripts is cut and folded exactly as before pairs of characters were."""
    old = [w for w in (normalize_word(t) for t in WORD_RE.findall(text)) if w]
    assert words_of(text) == old == expected
    assert [w for _, _, w in word_spans(text)] == expected
    assert searchindex._words_line(text).decode("utf-8").split() == expected


def old_words_of(text: str) -> list[str]:
    """Words as format-2 indexes held them: a run of Chinese or Japanese characters was one word."""
    return [w for w in (normalize_word(t) for t in WORD_RE.findall(text)) if w]


def test_an_index_of_the_older_format_is_rebuilt_and_finds_words_inside_sentences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library indexed before pairs of characters is not searched with its whole-sentence words: its index is
    rebuilt once from the stored passages."""
    folder = write_transcripts(tmp_path / "in")
    data = tmp_path / "data"
    with monkeypatch.context() as old:
        old.setattr(searchindex, "words_of", old_words_of)
        old.setattr(search_module, "MANIFEST_FORMAT", 2)
        library = Library.open(data)
        library.import_paths([folder])
        assert not [h for h in library.search("赤字") if h.speaker == "森田"]  # the bug, as it was
    assert json.loads((data / "index" / "manifest.json").read_text("utf-8"))["format"] == 2

    library = Library.open(data)
    hits = [h for h in library.search("赤字") if h.speaker == "森田"]
    assert [marked(h) for h in hits] == [["赤字"]]
    assert json.loads((data / "index" / "manifest.json").read_text("utf-8"))["format"] == search_module.MANIFEST_FORMAT

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("rebuilt a second time")

    monkeypatch.setattr(SearchIndex, "rebuild", refuse)
    assert Library.open(data).search("赤字")


def test_every_token_is_a_word_character_run() -> None:
    text = "森田　はい。この五年は毎年赤字です。AI技術's"
    assert all(re.fullmatch(r"\w+", text[s:e]) for s, e, _ in word_spans(text))


# -- a team archive ----------------------------------------------------------------------------------------
def test_an_archive_indexed_before_schema_6_finds_japanese_words_after_migrate_and_the_next_save(
    pg_cluster: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An archive whose Japanese passages were indexed as whole sentences: `sayso server migrate` marks those
    documents (and only those) stale; they stay in the archive's search by their old words until the next save (an
    editor's next import), which indexes them again in pairs of characters."""
    import psycopg

    from sayso.corpus.server import admin
    from sayso.corpus.server.pg import Server

    folder = write_transcripts(tmp_path / "in")
    (folder / "english.txt").write_text("ANNA: The budget is in deficit.\nBEN: Again this year.\n", "utf-8")
    url = pg_cluster.create_database("cjk_before6")
    server = Server(url)
    try:
        admin.migrate(server, initial=True)
    finally:
        server.close()
    with monkeypatch.context() as old:
        old.setattr(searchindex, "words_of", old_words_of)
        old.setattr(query_module, "words_of", old_words_of)
        before = Library.connect(url, data_dir=tmp_path / "before")
        try:
            assert not before.import_paths([folder]).errors
            assert before.search("赤字") == []  # the bug, as it was
            assert before.search("この五年")  # (a run's beginning was found)
        finally:
            before.close()
    with psycopg.connect(url, autocommit=True) as conn:  # the archive as schema 5 left it
        conn.execute("ALTER TABLE sayso.indexed DROP COLUMN stale")
        conn.execute("UPDATE sayso.meta SET value = '5' WHERE key = 'schema'")
    server = Server(url)
    try:
        assert [m.version for m in admin.migrate(server)] == [6]
    finally:
        server.close()
    with psycopg.connect(url, autocommit=True) as conn:
        marked_stale = conn.execute(
            "SELECT d.doc ->> 'title' FROM sayso.indexed i JOIN sayso.documents d ON d.id = i.document WHERE i.stale"
        ).fetchall()
    assert sorted(t for (t,) in marked_stale) == ["Chinese", "Japanese"]
    after = Library.connect(url, data_dir=tmp_path / "after")
    try:
        assert after.search("speaker:森田")  # still there, by their old words, until the next save
        (tmp_path / "more").mkdir()
        (tmp_path / "more" / "more.txt").write_text("CAROL: Next year, then.\nDAN: Yes.\n", "utf-8")
        assert not after.import_paths([tmp_path / "more"]).errors
        hits = after.search("赤字")
        assert {h.speaker for h in hits} == {"森田", "李明"}
        assert all(marked(h) == ["赤字"] for h in hits)
        assert [marked(h) for h in after.search("deficit")] == [["deficit"]]
    finally:
        after.close()
    with psycopg.connect(url, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM sayso.indexed WHERE stale").fetchone() == (0,)


def test_chinese_and_japanese_words_are_counted_as_people_count_them(tmp_path: Path) -> None:
    """Statistics count words by spaces, which Chinese and Japanese do not have: a Japanese turn of a hundred
    characters was one "word".  Each character counts as a word there, as word processors count them (its
    punctuation none); other scripts count as before."""
    from sayso.corpus.stats import document_stats
    from sayso.corpus.words import count_words

    assert count_words("この五年は毎年赤字です。") == 11
    assert count_words("AI技術の話") == 5 and count_words("매출이 늘었다") == 2 and count_words("Hello — you") == 3
    src = tmp_path / "zadankai.txt"
    src.write_text(
        "座談会\n\n高橋　本日はありがとうございます。\n\n森田　はい。この五年は毎年赤字です。\n\n"
        "高橋　理由は。\n\n森田　雑誌が売れません。\n",
        encoding="utf-8",
    )
    lib = Library.open(tmp_path / "data")
    doc = lib.import_paths([src]).documents[0]
    assert doc.words == sum(count_words(p.text) for p in lib.passages(doc.id)) >= 30
    words = {s.name: s.words for s in document_stats(lib, doc).speakers}
    assert words["森田"] == count_words("はい。この五年は毎年赤字です。") + count_words("雑誌が売れません。")


def test_half_width_katakana_is_cut_as_full_width_is() -> None:
    """Half-width katakana (ｶﾀｶﾅ) is the same script: cut into pairs too, and folded to full width, so a query
    typed in either finds the other (unvoiced kana; a voiced mark is a character of its own in half width)."""
    from sayso.corpus.words import words_of

    assert words_of("ｶﾀｶﾅ") == words_of("カタカナ") == ["カタ", "タカ", "カナ"]
