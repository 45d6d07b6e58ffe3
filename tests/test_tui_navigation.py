"""The reader's navigation rules (tui.navigation), without running the app: plain objects, plain asserts."""

from __future__ import annotations

from sayso.corpus.models import Hit, Passage, Quote
from sayso.tui.navigation import (
    JUMP_DISTANCE,
    JumpList,
    PassageCache,
    Position,
    ReturnTo,
    densest_match,
    hit_position,
    span_hit,
)
from sayso.tui.widgets.search import kwic


def passages(*texts: str) -> list[Passage]:
    """Passages laid out as the store does: offsets count in the document text, turns two characters apart."""
    out, offset = [], 0
    for i, text in enumerate(texts):
        sentences: list[list[int]] = []
        start = 0
        for part in text.split(". "):
            end = start + len(part) + (2 if start + len(part) < len(text) else 0)
            sentences.append([start, min(end, len(text))])
            start = end
        out.append(
            Passage(id=f"p{i}", document="doc", speaker="A", text=text, offset=offset, index=i, sentences=sentences)
        )
        offset += len(text) + 2
    return out


def test_opening_records_where_the_reader_was_and_back_and_forward_walk_the_list() -> None:
    jumps = JumpList()
    a, b, c = Position("doc", 0, 0), Position("doc", 40, 1), Position("other", 3, 0)
    jumps.record(None)  # nothing open yet: nothing to come back to
    assert jumps.positions == []
    jumps.record(a)  # opened b from a
    jumps.record(b)  # opened c from b
    assert jumps.back(c) == b  # ctrl+o from c: the current place is kept for ctrl+n
    assert jumps.back(b) == a
    assert jumps.back(a) is None  # the oldest: nowhere further back
    assert jumps.forward() == b
    assert jumps.forward() == c
    assert jumps.forward() is None


def test_recording_after_going_back_drops_the_positions_ahead_as_in_vim() -> None:
    jumps = JumpList()
    a, b, c, d = (Position("doc", n, 0) for n in (0, 20, 40, 60))
    jumps.record(a)
    jumps.record(b)
    assert jumps.back(c) == b
    jumps.record(b)  # jump somewhere new from b
    assert jumps.positions == [a, b]
    assert jumps.back(d) == b and jumps.back(b) == a


def test_a_long_cursor_move_is_a_jump_a_short_one_or_our_own_is_not() -> None:
    jumps = JumpList()
    start = Position("doc", 5, 0)
    jumps.moved(start)
    jumps.moved(Position("doc", 5 + JUMP_DISTANCE, 0))  # short: not recorded
    assert jumps.positions == []
    far = Position("doc", 5 + 3 * JUMP_DISTANCE, 0)
    jumps.moved(far)  # long: where it came from is recorded
    assert jumps.positions == [Position("doc", 5 + JUMP_DISTANCE, 0)]
    jumps.moved(Position("doc", 0, 0), jumping=True)  # moved by a jump: the jump itself recorded it
    jumps.moved(Position("other", 500, 0))  # another document: opening it is what records
    assert len(jumps.positions) == 1 and jumps.last == Position("other", 500, 0)


def test_the_passage_cache_keeps_the_last_few_documents_shown() -> None:
    cache = PassageCache(size=2)
    one, two, three = passages("One."), passages("Two."), passages("Three.")
    cache.put("a", one)
    cache.put("b", two)
    assert cache.get("a") is one  # reading does not change the order; showing again does
    cache.put("a", one)
    cache.put("c", three)
    assert "b" not in cache and cache.get("a") is one and cache.get("c") is three
    cache.forget("a")
    assert cache.get("a") is None
    cache.clear()
    assert "c" not in cache


def test_escape_returns_to_the_documents_list_unless_told_otherwise() -> None:
    assert ReturnTo() == ReturnTo("documents", None)
    assert ReturnTo("search", 3).row == 3


def test_a_hit_opens_at_the_sentence_of_its_first_matched_word() -> None:
    doc = passages("Hello there. General Kenobi.", "You are a bold one. Kill him.")
    hit = Hit(
        passage="p1", document="doc", speaker="A", text=doc[1].text, score=1.0, spans=[[24, 28]], title="", index=1
    )
    assert hit_position(doc, hit) == (1, 1)
    stale = Hit(passage="p1", document="doc", speaker="A", text="", score=1.0, spans=[], title="", index=7)
    assert hit_position(doc, stale) == (1, 0)  # an index from before a re-import: found by the passage id


def test_a_hit_opens_and_is_shown_where_most_of_its_words_stand_together() -> None:
    """'magik opn reserch' found "open" alone first, then "magic open research" together: the reader
    opens at the second sentence and the result's snippet starts there, not at the lone "open"."""
    text = (
        "We keep the door open for everyone who comes. "
        + "Then a long stretch of other words follows here. " * 4
        + "This is magic open research at its best."
    )
    doc = passages("Intro.", text)
    spans = [[text.index(w), text.index(w) + len(w)] for w in ("open", "magic", "research")]
    spans.append([text.index("magic open") + 6, text.index("magic open") + 10])
    hit = Hit(passage="p1", document="doc", speaker="A", text=text, score=1.0, spans=spans, title="", index=1)
    passage, sentence = hit_position(doc, hit)
    start, end = doc[1].sentences[sentence]
    assert passage == 1 and text[start:end].startswith("This is magic open research")
    assert densest_match(text, spans, 136) == text.index("magic")
    snippet = kwic(hit).plain
    assert "magic open research" in snippet and "door" not in snippet


def test_a_quote_span_becomes_a_mark_in_the_passage_that_holds_it() -> None:
    doc = passages("Hello there. General Kenobi.", "You are a bold one.")
    quote = Quote(id="q", document="doc", start=0, end=0, exact="", speaker="A")
    start = doc[1].offset + 8
    hit = span_hit(doc, quote, start, start + 6, "Title")
    assert (hit.index, hit.passage, hit.spans, hit.title) == (1, "p1", [[8, 14]], "Title")
    past = span_hit(doc, quote, 10_000, 10_010, "Title")  # beyond the end: pulled in, nothing marked
    assert past.index == 1 and past.spans == []
