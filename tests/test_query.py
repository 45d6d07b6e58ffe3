"""The query parser and word normalisation: what users type, read right, and never a traceback."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sayso.corpus.library import Library
from sayso.corpus.query import QUOTE_FACETS, parse_query, parse_quote_filter
from sayso.corpus.searchindex import _words_line
from sayso.corpus.words import WORD_RE, normalize_word, word_spans, words_of


def test_words_phrases_exclusions_and_facets() -> None:
    q = parse_query('speaker:"Kai-Fu" open sorce -closed "machine guns" doc:davos KIND:panel tag:ai')
    assert q.words == ["open", "sorce"]
    assert q.phrases == [["machine", "guns"]]
    assert q.excluded == [["closed"]]
    assert q.facets == {"speaker": ["Kai-Fu"], "doc": ["davos"], "kind": ["panel"], "tag": ["ai"]}
    assert q.prefix is False


def test_search_and_the_quote_filter_read_one_grammar() -> None:
    """The facets both read (speaker:, doc:, tag:) parse the same way; each reads only its own names."""
    line = 'speaker:"Ada Lovelace" doc:panel TAG:ai open "data sets" -closed'
    search, quotes = parse_query(line), parse_query(line, QUOTE_FACETS)
    assert search == quotes
    assert search.facets == {"speaker": ["Ada Lovelace"], "doc": ["panel"], "tag": ["ai"]}
    assert search.text == "open data sets"
    wanted = parse_quote_filter(line)
    assert (wanted.speaker, wanted.doc, wanted.tag) == ("Ada Lovelace", "panel", "ai")
    assert wanted.text == "open data sets" and wanted.exclude == ("closed",)
    # Names one side does not read stay words there: `is:` and `#tag` in search, `kind:` in the quote filter.
    assert parse_query("is:review #policy").facets == {}
    assert parse_query("is:review #policy", QUOTE_FACETS).facets == {"status": ["review"], "tag": ["policy"]}
    assert parse_quote_filter("kind:debate").text == "kind:debate"
    assert parse_quote_filter("status:anchored is:review").status == "review"  # the last typed counts
    assert parse_quote_filter("").empty and not parse_quote_filter("-x").empty


def test_prefix_only_when_the_last_word_is_still_being_typed() -> None:
    assert parse_query("lecun opne wie").prefix is True
    assert parse_query("lecun opne wie ").prefix is False
    assert parse_query('"open source"').prefix is False
    assert parse_query("open speaker:lecun").prefix is False
    assert parse_query('"open sou').words == ["open", "sou"] and parse_query('"open sou').prefix is True


def test_malformed_parts_are_read_as_well_as_they_can_be() -> None:
    assert parse_query("-").excluded == [] and parse_query("-").words == []
    assert parse_query("speaker:").facets == {}
    assert parse_query('speaker:"Kai Fu').facets == {"speaker": ["Kai Fu"]}
    # A quote left open is said (a search that finds nothing can then say why), a closed one is not.
    assert parse_query('speaker:"Kai Fu').unclosed and parse_query('-"open sou').unclosed
    assert parse_query('"open sou').unclosed and parse_query('"').unclosed
    assert not parse_query('speaker:"Kai Fu" open -"a b" "c d" e').unclosed
    assert parse_query('"').words == [] and parse_query('""').phrases == []
    assert parse_query('"single"').words == ["single"]
    assert parse_query("http://example.com").words == ["http", "example", "com"]
    assert parse_query("foo:bar").words == ["foo", "bar"]


def test_normalisation_folds_case_accents_apostrophes_and_numbers() -> None:
    assert normalize_word("Café") == "cafe"
    assert normalize_word("MÜLLER") == "muller"
    assert normalize_word("don’t") == "dont" == normalize_word("don't")
    assert normalize_word("LeCun's") == "lecun" == normalize_word("LeCun’s")
    assert normalize_word("10,000") == "10000"
    assert normalize_word("Straße") == "strasse"
    assert words_of("open-source AI, 3.5 times") == ["open", "source", "ai", "3.5", "times"]


def test_word_spans_cover_the_original_characters() -> None:
    text = "Zoë said: “Don’t — it's open-source!”"
    spans = word_spans(text)
    assert [text[s:e] for s, e, _ in spans] == ["Zoë", "said", "Don’t", "it's", "open", "source"]
    assert [w for _, _, w in spans] == ["zoe", "said", "dont", "it", "open", "source"]


@given(st.text(max_size=200))
@settings(max_examples=400, deadline=None)
def test_parse_query_never_raises(text: str) -> None:
    q = parse_query(text)
    for word in q.words + [w for p in q.phrases for w in p] + [w for e in q.excluded for w in e]:
        assert word and word == normalize_word(word)
    for values in q.facets.values():
        assert all(v.strip() for v in values)


QUERY_ALPHABET = st.sampled_from(
    [*list("abcdeopnsrt -\":'’_.,0123456789"), "speaker:", "doc:", "kind:", "tag:", "é", "\x00"]
)


@given(st.lists(QUERY_ALPHABET, max_size=30).map("".join))
@settings(max_examples=400, deadline=None)
def test_parse_query_never_raises_on_query_like_input(text: str) -> None:
    q = parse_query(text)
    assert isinstance(q.words, list) and isinstance(q.facets, dict)


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=80))
@settings(max_examples=500, deadline=None)
def test_indexing_fast_path_reads_words_like_the_query_side(text: str) -> None:
    # The index tokenises plain ASCII with bytes.translate; it must agree with WORD_RE + normalize_word.
    assert _words_line(text).decode("utf-8").split() == words_of(text)


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_indexing_reads_any_text_like_the_query_side(text: str) -> None:
    assert _words_line(text).decode("utf-8").split() == words_of(text)
    assert all(WORD_RE.fullmatch(text[s:e]) for s, e, _ in word_spans(text))


@pytest.fixture(scope="module")
def small_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = tmp_path_factory.mktemp("q")
    (folder / "talk.txt").write_text(
        "Alice: Open source models are here.\n\nBob: Closed models, maybe.\n\nAlice: Café Müller, 10,000 people.\n",
        "utf-8",
    )
    library = Library.open(folder / "data")
    library.import_paths([folder / "talk.txt"])
    return library


@given(st.text(max_size=60))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_search_never_raises(small_library: Library, text: str) -> None:
    hits = small_library.search(text, limit=5)
    for hit in hits:
        for start, end in hit.spans:
            assert 0 <= start < end <= len(hit.text)


@given(st.lists(QUERY_ALPHABET, max_size=20).map("".join))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_search_never_raises_on_query_like_input(small_library: Library, text: str) -> None:
    assert isinstance(small_library.search(text, limit=5, speaker=text[:5] or None), list)


def test_numbers_search(small_library: Library) -> None:
    hits = small_library.search("10,000")
    assert hits and "10,000" in hits[0].text
    assert [hits[0].text[s:e] for s, e in hits[0].spans] == ["10,000"]
