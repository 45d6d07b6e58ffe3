"""The reader's lazy layout, without Textual: wrapping, safe text offsets, chunked measuring."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from sayso.corpus.models import Passage
from sayso.corpus.sentences import split_sentences
from sayso.tui.widgets.transcript_layout import BODY, CHUNK_SIZE, HEADER, ShownText, TranscriptLayout, wrap_offsets


def passages(count: int, words: int = 30) -> list[Passage]:
    out = []
    for i in range(count):
        text = f"Turn {i}. Then " + " ".join(f"word{j}" for j in range(words)) + ". Last one."
        out.append(
            Passage(
                id=f"d:{i}",
                document="d",
                index=i,
                speaker=("A", "B")[i % 2],
                text=text,
                sentences=split_sentences(text),
            )
        )
    return out


def test_wrap_fits_width_and_covers_text() -> None:
    text = "The quick brown fox jumps over the lazy dog.\nSecond line here, short.\n\nAfter a blank line: 日本語のテキストです and averyveryverylongwordthatmustfold."
    for width in (5, 12, 20, 80):
        lines = wrap_offsets(text, width)
        assert all(cell_len(text[a:b].rstrip()) <= width for a, b in lines)
        covered = "".join(text[a:b] for a, b in lines)
        assert covered.replace(" ", "") == text.replace("\n", "").replace(" ", "")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab cd\n日é")), max_size=200), st.integers(min_value=2, max_value=30))
def test_wrap_property(text: str, width: int) -> None:
    lines = wrap_offsets(text, width)
    assert all(cell_len(text[a:b].rstrip(" ")) <= width for a, b in lines)
    assert all(a <= b for a, b in lines)
    assert "".join(text[a:b] for a, b in lines).replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_shown_text_makes_controls_visible_and_maps_offsets() -> None:
    raw = "a\x1b[31mb\x85c\u202ed\te"
    shown = ShownText(raw)
    assert (
        "\x1b" not in shown.text and "\x85" not in shown.text and "\u202e" not in shown.text and "\t" not in shown.text
    )
    assert shown.text.startswith("a␛[31mb<U+0085>c<U+202E>d e")
    # Every original character lands where its stand-in starts.
    for i, ch in enumerate(raw):
        if ch in "abcde":
            assert shown.text[shown.shown(i)] == ch
    assert shown.shown(len(raw)) == len(shown.text)
    plain = ShownText("plain text")
    assert plain.shown(3) == 3 and plain.text == "plain text"


def test_layout_measures_lazily_and_resizes_by_estimate() -> None:
    layout = TranscriptLayout(passages(50 * CHUNK_SIZE))
    layout.set_width(60)
    assert not any(layout.is_exact(c) for c in range(layout.chunks))
    estimated = layout.height
    line = layout.line_at(0)
    assert line is not None and line.kind == HEADER and line.passage == 0
    assert sum(layout.is_exact(c) for c in range(layout.chunks)) == 1
    top = layout.passage_top(30 * CHUNK_SIZE + 3)
    assert layout.line_at(top).passage == 30 * CHUNK_SIZE + 3  # type: ignore[union-attr]
    assert sum(layout.is_exact(c) for c in range(layout.chunks)) == 2
    # Measuring everything gives the exact height; the estimate was in the same range.
    for c in range(layout.chunks):
        layout.measure(c)
    exact = layout.height
    assert sum(len(layout.passage_lines(i)) for i in range(len(layout.passages))) == exact
    assert 0.7 < estimated / exact < 1.3
    # A new width re-estimates without measuring; going back reuses the measured chunks.
    layout.set_width(100)
    assert not any(layout.is_exact(c) for c in range(layout.chunks))
    layout.set_width(60)
    assert all(layout.is_exact(c) for c in range(layout.chunks)) and layout.height == exact


def test_span_rows_finds_sentence_lines() -> None:
    layout = TranscriptLayout(passages(3, words=60))
    layout.set_width(30)
    a, b = layout.passages[1].sentences[1]
    first, last = layout.span_rows(1, a, b)
    assert layout.passage_top(1) < first <= last
    for y in range(first, last + 1):
        line = layout.line_at(y)
        assert line is not None and line.kind == BODY and line.passage == 1


def test_a_section_heading_is_shown_once_above_the_first_passage_under_it() -> None:
    under = [
        Passage(f"d:{i}", "d", i, None, f"Paragraph {i}.", heading=h)
        for i, h in enumerate([None, "Why it matters", "Why it matters", "Next steps", "Next steps"])
    ]
    layout = TranscriptLayout(under)
    assert layout.headings == [None, "Why it matters", None, "Next steps", None]
