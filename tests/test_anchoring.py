"""Pure anchoring functions: folding, finding, context, and relocating a quote in changed text."""

from __future__ import annotations

from sayso.corpus.anchoring import (
    AnchorHints,
    context,
    find_exact,
    find_folded,
    fold,
    passages_in_span,
    relocate,
    snap_to_words,
    speakers_in_span,
    trim_span,
)
from sayso.corpus.models import Passage, document_text, passage_at, passage_index_at


def make(turns: list[tuple[str | None, str]], times: list[float] | None = None) -> tuple[list[Passage], str]:
    """Passages laid out like the library does (offsets in the joined text)."""
    passages, offset = [], 0
    for i, (speaker, text) in enumerate(turns):
        start = times[i] if times else None
        passages.append(
            Passage(id=f"d:{i}", document="d", index=i, speaker=speaker, text=text, offset=offset, start=start)
        )
        offset += len(text) + 2
    return passages, document_text(passages)


def hints_for(
    text: str, words: str, speaker: str | None = None, timestamp: float | None = None, occurrence: int = 0
) -> AnchorHints:
    start = find_exact(text, words)[occurrence][0]
    end = start + len(words)
    prefix, suffix = context(text, start, end)
    return AnchorHints(words, prefix, suffix, start, end, speaker, timestamp)


TURNS = [
    (
        "Ann",
        "I met with him once. I think my view is that you look at our record on competitiveness, "
        "it's pretty clear that we want a dynamic ecosystem.",
    ),
    ("Bob", "So the executive order, which was just repealed, had a pretty lengthy section on competition."),
    ("Ann", "We want to buy from a wide variety of vendors, and that is the whole point."),
]


def test_fold_collapses_whitespace_quotes_dashes_and_case_and_maps_back() -> None:
    text = "It\u2019s  a   \u201cBig\u201d\n\nwin \u2014 really"
    folded, origin = fold(text)
    assert folded == 'it\'s a "big" win - really'
    assert len(origin) == len(folded)
    assert text[origin[folded.index("win")] : origin[folded.index("win")] + 3] == "win"
    spans = find_folded(text, 'it\'s a "BIG" win')
    assert spans == [(0, text.index("win") + 3)]
    assert text[spans[0][0] : spans[0][1]].startswith("It\u2019s")


def test_context_trim_and_snap() -> None:
    text = "alpha beta gamma delta"
    assert context(text, 6, 10, width=4) == ("pha ", " gam")
    assert trim_span("  ab  ", 0, 6) == (2, 4)
    assert snap_to_words(text, 8, 13) == (6, 16)  # "ta gam" widened to "beta gamma"


def test_passages_in_span_and_speakers() -> None:
    passages, text = make(TURNS)
    b = text.index("executive order")
    assert [p.index for p in passages_in_span(passages, b, b + 5)] == [1]
    assert speakers_in_span(passages, 0, len(text)) == ["Ann", "Bob"]
    # The separator between two passages belongs to neither.
    gap = passages[1].offset - 1
    assert passages_in_span(passages, gap, gap + 1) == []


def test_the_passage_at_a_position() -> None:
    """One rule for every caller: a separator belongs to the passage before it; the ends clamp."""
    passages, text = make(TURNS)
    second = passages[1]
    assert passage_index_at(passages, second.offset) == 1
    assert passage_index_at(passages, second.offset - 1) == 0  # in the separator after the first
    assert passage_index_at(passages, passages[0].offset + len(passages[0].text)) == 0
    assert passage_index_at(passages, -5) == 0
    assert passage_index_at(passages, len(text) + 10) == len(passages) - 1
    assert passage_at(passages, second.offset + 3) is second
    assert passage_index_at([], 3) == -1
    assert passage_at([], 3) is None


def test_exact_words_found_again_after_text_inserted_before() -> None:
    _passages, text = make(TURNS)
    hints = hints_for(text, "a wide variety of vendors", "Ann")
    new_passages, new_text = make([("Ann", "A whole new opening turn was added here."), *TURNS])
    found = relocate(new_text, new_passages, hints)
    assert found.placed is not None and found.placed.method == "exact"
    assert new_text[found.placed.start : found.placed.end] == "a wide variety of vendors"
    assert found.placed.start == hints.start + len("A whole new opening turn was added here.") + 2


def test_typo_fixed_inside_quote_is_a_confident_fuzzy_match_with_new_words() -> None:
    typo = [(s, t.replace("competitiveness", "competitivness")) for s, t in TURNS]
    _passages, text = make(typo)
    hints = hints_for(text, "you look at our record on competitivness, it's pretty clear", "Ann")
    new_passages, new_text = make(TURNS)
    found = relocate(new_text, new_passages, hints)
    assert found.placed is not None and found.placed.method == "fuzzy"
    assert found.placed.exact == "you look at our record on competitiveness, it's pretty clear"


def test_reflowed_whitespace_is_a_normalized_match() -> None:
    _passages, text = make(TURNS)
    hints = hints_for(text, "had a pretty lengthy section on competition", "Bob")
    reflowed = [(s, t.replace(" ", "  ")) for s, t in TURNS]
    new_passages, new_text = make(reflowed)
    found = relocate(new_text, new_passages, hints)
    assert found.placed is not None and found.placed.method == "normalized"
    assert found.placed.exact == "had  a  pretty  lengthy  section  on  competition"


def test_deleted_words_are_not_placed() -> None:
    _passages, text = make(TURNS)
    hints = hints_for(text, "had a pretty lengthy section on competition", "Bob")
    new_passages, new_text = make([TURNS[0], TURNS[2]])
    found = relocate(new_text, new_passages, hints)
    assert found.placed is None
    assert "no longer" in found.reason


def test_short_words_elsewhere_without_their_context_go_to_review() -> None:
    _passages, text = make([("Ann", "The cat sat on the mat today."), ("Bob", "Nothing else here at all.")])
    hints = hints_for(text, "the mat", "Ann")
    new_passages, new_text = make(
        [("Ann", "Completely rewritten turn."), ("Bob", "He put it on the mat instead, sadly.")]
    )
    found = relocate(new_text, new_passages, hints)
    assert found.placed is None
    assert found.suggestion is not None and found.suggestion.exact == "the mat"


def test_speaker_and_timestamp_choose_between_identical_words() -> None:
    turns = [("Ann", "Open weights matter."), ("Bob", "Open weights matter."), ("Cy", "Yes.")]
    _passages, text = make(turns, times=[10.0, 20.0, 30.0])
    hints = hints_for(text, "Open weights matter.", "Bob", 20.0, occurrence=1)
    # Same words twice, and every context now differs: speaker and time decide.
    new_turns = [("Dee", "Intro."), ("Bob", "Open weights matter."), ("Ann", "Open weights matter."), ("Cy", "No.")]
    new_passages, new_text = make(new_turns, times=[0.0, 20.5, 40.0, 50.0])
    found = relocate(new_text, new_passages, hints)
    assert found.placed is not None
    assert found.placed.speaker == "Bob"
    assert found.placed.start == new_passages[1].offset


def test_nearest_of_identical_occurrences_with_identical_context_wins() -> None:
    para = "We said the same thing twice on purpose."
    _passages, text = make([(None, para), (None, para), (None, para)])
    hints = hints_for(text, "the same thing", occurrence=2)
    new_passages, new_text = make([(None, "Inserted."), (None, para), (None, para), (None, para)])
    found = relocate(new_text, new_passages, hints)
    assert found.placed is not None
    assert found.placed.start == new_passages[3].offset + para.index("the same thing")


def test_words_now_across_two_speakers_are_not_placed() -> None:
    _passages, text = make([("Ann", "first part and second part of it")])
    hints = hints_for(text, "first part and second part", "Ann")
    new_passages, new_text = make([("Ann", "first part and"), ("Bob", "second part of it")])
    found = relocate(new_text, new_passages, hints)
    assert found.placed is None
    assert "two speakers" in found.reason


# -- properties --------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

VOCAB = [
    "open",
    "weights",
    "models",
    "we",
    "think",
    "the",
    "risk",
    "is",
    "small",
    "but",
    "real",
    "and",
    "researchers",
    "inspect",
    "closed",
    "systems",
    "policy",
    "matters",
    "today",
    "a",
    "of",
    "to",
]
sentence = st.lists(st.sampled_from(VOCAB), min_size=3, max_size=12).map(lambda w: " ".join(w).capitalize() + ".")
turn = st.tuples(st.sampled_from(["Ann", "Bob", None]), st.lists(sentence, min_size=1, max_size=4).map(" ".join))


@settings(max_examples=150, deadline=None)
@given(
    before=st.lists(turn, max_size=4),
    after=st.lists(turn, max_size=4),
    added_before=st.lists(turn, max_size=3),
    added_after=st.lists(turn, max_size=3),
    speaker=st.sampled_from(["Ann", "Bob", None]),
)
def test_a_quote_whose_turn_is_untouched_is_always_found_on_the_same_words(
    before: list[tuple[str | None, str]],
    after: list[tuple[str | None, str]],
    added_before: list[tuple[str | None, str]],
    added_after: list[tuple[str | None, str]],
    speaker: str | None,
) -> None:
    quoted = "Zebra crossings outlast every transcript revision."
    _passages, text = make([*before, (speaker, f"Well. {quoted} Indeed."), *after])
    hints = hints_for(text, quoted, speaker)
    new_passages, new_text = make([*added_before, *before, (speaker, f"Well. {quoted} Indeed."), *after, *added_after])
    found = relocate(new_text, new_passages, hints)
    assert found.placed is not None, found.reason
    assert new_text[found.placed.start : found.placed.end] == quoted
    assert found.placed.speaker == speaker


@settings(max_examples=100, deadline=None)
@given(turns=st.lists(turn, min_size=1, max_size=6), data=st.data())
def test_relocate_never_crashes_and_placements_are_real_spans(
    turns: list[tuple[str | None, str]], data: st.DataObject
) -> None:
    passages, text = make(turns)
    start = data.draw(st.integers(0, max(0, len(text) - 2)))
    end = data.draw(st.integers(start + 1, len(text)))
    s, e = trim_span(text, start, end)
    if s >= e:
        return
    prefix, suffix = context(text, s, e)
    hints = AnchorHints(text[s:e], prefix, suffix, s, e, passages[0].speaker)
    shuffled = data.draw(st.permutations(turns))
    new_passages, new_text = make(list(shuffled))
    found = relocate(new_text, new_passages, hints)
    if found.placed is not None:
        p = found.placed
        assert 0 <= p.start < p.end <= len(new_text)
        assert new_text[p.start : p.end] == p.exact
        assert len(speakers_in_span(new_passages, p.start, p.end)) == 1


def test_fuzzy_match_keeps_the_quotes_closing_punctuation() -> None:
    _passages, text = make([("A", "We think the risk is smal but real. And more.")])
    hints = hints_for(text, "the risk is smal but real.", "A")
    new_passages, new_text = make([("A", "We think the risk is small but real. And more.")])
    found = relocate(new_text, new_passages, hints)
    assert found.placed is not None and found.placed.exact == "the risk is small but real."


def test_selection_helpers_move_by_word_sentence_and_turn() -> None:
    from sayso.corpus.anchoring import (
        keep_to_one_speaker,
        next_word_end,
        passage_span_at,
        previous_word_start,
        sentence_span_at,
        word_span_at,
    )
    from sayso.corpus.sentences import split_sentences

    passages, text = make([("Ann", "First one. Second, longer one!"), ("Ann", "More from Ann."), ("Bob", "Bob here.")])
    for p in passages:
        p.sentences = split_sentences(p.text)
    second = text.index("Second")
    assert word_span_at(text, second + 2) == (second, second + len("Second"))
    assert text[second : next_word_end(text, second)] == "Second,"
    assert previous_word_start(text, second) == text.index("one")
    s, e = sentence_span_at(passages, second + 3)  # type: ignore[misc]
    assert text[s:e] == "Second, longer one!"
    s, e = passage_span_at(passages, text.index("More"))  # type: ignore[misc]
    assert text[s:e] == "More from Ann."
    # A selection dragged from Ann into Bob stops at Ann's last word.
    s, e = keep_to_one_speaker(passages, second, second, len(text))
    assert text[s:e] == "Second, longer one!\n\nMore from Ann."
    assert len(speakers_in_span(passages, s, e)) == 1
