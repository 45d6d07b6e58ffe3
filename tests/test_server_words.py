"""The words an archive indexes per passage (corpus.server.words), made by import workers without a server."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from sayso.corpus.server.words import MAX_WORD_BYTES, TF_POSITIONS, passage_words, search_words, tsvector_text

#: words the fast path takes, and what it hands to the general one: quotes, backslashes, accents, numbers with
#: separators, a word too long for a lexeme, and one said more often than TF_POSITIONS
_PIECES = ["the", "of", "Budget", "review", "O'Neill's", "rock'n'roll", "a\\b", "café", "Ünïcode", "3.5", "1,000"]
_PIECES += ["x" * (MAX_WORD_BYTES + 10), "naïve", "über", "don't", "''quoted''", "e.g.", "well—then"]


def _general(texts: list[str]) -> tuple[list[tuple[int, str]], dict[str, int]]:
    rows = []
    holding: Counter[str] = Counter()
    for text in texts:
        words = passage_words(text)
        literal, distinct = tsvector_text(words)
        holding.update(distinct)
        rows.append((len(words), literal))
    return rows, dict(holding)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.sampled_from(_PIECES), st.text(min_size=1, max_size=12)), max_size=40).map(" ".join),
        max_size=6,
    )
)
def test_search_words_is_tsvector_text_of_each_passage(texts: list[str]) -> None:
    """`search_words` makes each passage's common case directly; it must answer exactly as `tsvector_text` does."""
    assert search_words(texts) == _general(texts)


def test_a_word_said_often_counts_up_to_the_positions_kept() -> None:
    rows, holding = search_words(["budget " * 20 + "review review", "budget once"])
    assert rows[0] == (22, f"'budget':{','.join(str(i) for i in range(1, TF_POSITIONS + 1))} 'review':1,2")
    assert rows[1] == (2, "'budget' 'once'")
    assert holding == {"budget": 2, "review": 1, "once": 1}
