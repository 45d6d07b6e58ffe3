"""The importers' quick checks before a slow pattern (most lines of speech are passed over without it) must
answer exactly as the pattern alone would, on the lines that have what it looks for."""

from __future__ import annotations

import pytest

from sayso.corpus.importers import clean, detect, encoding, layout, screenplay


@pytest.mark.parametrize(
    "text",
    ["a\r\nb", "a\rb\r\r\nc", "a\u2028b\u2029c", "page\x0cnext", "v\x0bt", "nel\x85x", "plain\nlines only"],
)
def test_line_breaks_fold_as_the_pattern_folds_them(text: str) -> None:
    assert encoding.normalise_newlines(text) == encoding._LINE_BREAKS.sub("\n", text)


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Cover art for The Long Table", "The Long Table"),
        ("The Long Table ARTWORK", "The Long Table"),
        ("Artwork for Night Shift", "Night Shift"),
        ("『夜の会議』のカバーアート", "夜の会議"),
        ("We talked about the art of the start, and the heart of it.", None),
        ("Ada Park: my artwork is not a cover", None),
    ],
)
def test_cover_art_lines_are_still_found(line: str, title: str | None) -> None:
    assert clean.cover_art_title(line) == title


@pytest.mark.parametrize(
    ("line", "index"),
    [
        ("ability 20:1,12 41:16", True),
        ("accord 3:4", True),
        ("Ada Park: we met at 10:30 and talked about the budget for an hour or more", False),
        ("Ada Park: no references here at all", False),
        ("ratio 2:3", True),
    ],
)
def test_word_index_lines_are_still_told_from_speech(line: str, index: bool) -> None:
    assert layout._index_line(line) is index
    assert layout._digit_colon_digit(line) is bool(layout._PAGE_LINE_REF.search(line))


def test_cue_timings_and_scene_headings_are_still_seen() -> None:
    srt = "1\n00:00:01,000 --> 00:00:02,000\nAda: hi\n\n2\n00:00:03,000 --> 00:00:04,000\nBen: hello\n"
    assert detect.detect_format(srt) == "srt"
    vtt_body = "00:01.000 --> 00:02.000\nhi\n\n00:03.000 --> 00:04.000\nhello\n"
    assert detect.detect_format("NOTE made by hand\n\n" + vtt_body) == "vtt"
    assert detect.detect_format("Ada: hi --> there\nBen: hello\n") == "text"
    script = "INT. KITCHEN - DAY\n\nADA\nHello.\n\nBEN\nHi.\n\nEXT. GARDEN - NIGHT\n\nADA\nLook.\n\nBEN\nStars.\n"
    assert screenplay.looks_like_screenplay(script, ".txt")
    assert not screenplay.looks_like_screenplay(script.replace("EXT. GARDEN", "A GARDEN"), ".txt")


@pytest.mark.parametrize(
    "name",
    [
        "uncased", "_office_before_capitals", "office_before_person", "split_role", "is_name_like", "is_office",
        "display_name", "is_full_name", "names_a_person", "initials_of",
    ],
)  # fmt: skip
def test_the_name_checks_read_for_every_label_keep_their_cache(name: str) -> None:
    """Each of these is asked of every label of a document (tens of thousands in a long record): a function inserted
    above one of them took its cache decorator twice, once costing 13-17% of the parse. They stay cached."""
    from sayso.corpus.importers import names

    assert hasattr(getattr(names, name), "__wrapped__"), f"{name} lost its cache"
