"""Property tests: the importers never crash on random input and never invent or change words."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sayso.corpus.errors import ImportRefused
from sayso.corpus.importers import parse_bytes, parse_text
from sayso.corpus.importers.encoding import normalise_newlines

# Text built from pieces that exercise the label, chrome and cue machinery.
PIECES = st.sampled_from(
    [
        "Ada Park: ",
        "NT: ",
        "MR. NIXON: ",
        "**Ben Cho:** ",
        "Emma  0:03\n",
        "[00:01:02] Ada: ",
        "17:30 ",
        "Note: ",
        "The point is this: ",
        "Like\n",
        "Reply\n",
        "11mo\n",
        "Transcript:\n",
        "Hello there. ",
        "It seemed.",
        "year.It ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\u2028",
        "- ",
        "| Latest From Us\n",
        "Table of Contents\n",
        "Transcribed by otter\n",
        "WEBVTT\n\n",
        "00:00:01.000 --> 00:00:02.000\n",
        "<v Ana>",
        "</v>",
        "1\n00:00:01,000 --> 00:00:02,000\n",
        "<p>",
        "</p>",
        "<br>",
        "<strong>Mr. NORTH</strong>: ",
        "&amp;",
        "…",
        "“quoted”",
        "Zoë ",
        "日本語。",
        "   ",
    ]
)
DOCUMENTS = st.lists(PIECES | st.text(max_size=12), max_size=40).map("".join)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS, st.sampled_from(["a.txt", "a.md", "a.vtt", "a.srt", "a.html"]))
def test_text_never_raises_anything_but_import_refused(text: str, name: str) -> None:
    try:
        doc = parse_text(normalise_newlines(text), name)
    except ImportRefused:
        return
    for p in doc.passages:
        assert p.text.strip(), "no empty passages"
        assert p.text == p.text.strip() and "\n\n" not in p.text, "the passage separator never appears inside a passage"
        assert p.speaker is None or p.speaker.strip()


@settings(max_examples=250, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["b.txt", "b.vtt", "b.srt", "b.html"]))
def test_bytes_never_raise_anything_but_import_refused(raw: bytes, name: str) -> None:
    try:
        parse_bytes(raw, name)
    except ImportRefused as exc:
        assert "\n" not in str(exc)


# Plain labelled text (no markup, no mojibake patterns): every word of every passage is a word of the input.
WORDS = st.sampled_from(
    [
        "Ada Park:",
        "Ben Cho:",
        "NT:",
        "hello",
        "world.",
        "It",
        "seemed",
        "year.It",
        "Yes!",
        "17:30",
        "Note:",
        "the",
        "point",
        "is",
        "this:",
        "Zoë",
        "café",
        "—",
        "“quote”",
        "3.5",
        "U.S.",
    ]
)
LINES = st.lists(st.lists(WORDS, min_size=1, max_size=12).map(" ".join), min_size=1, max_size=25)


@settings(max_examples=250, deadline=None)
@given(LINES, st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n"]))
def test_passage_words_are_copies_of_input_words(lines: list[str], sep: str) -> None:
    source = sep.join(lines)
    try:
        doc = parse_bytes(source.encode("utf-8"), "p.txt")
    except ImportRefused:
        return
    folded = " ".join(source.split())
    for p in doc.passages:
        for paragraph in p.text.split("\n"):
            # hard-wrapped lines may join with one space; nothing else changes
            assert " ".join(paragraph.split()) in folded, paragraph
        for word in p.text.split():
            assert word in source


_COVER_PIECES = st.sampled_from(
    [
        *("cover art", "Cover Art for ", "ARTWORK", "artwork for ", " of ", "The Show", "「番組」", "のカバーアート"),
        *("art", " ", "  ", "\t", "\u212a", "\u017f", "\u0130", "work", "x", "Ä", "-"),
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_COVER_PIECES, max_size=8).map("".join))
def test_cover_art_lines_are_found_as_the_whole_pattern_finds_them(line: str) -> None:
    # (the quick check before the pattern must never turn a line away that the pattern matches)
    from sayso.corpus.importers import clean

    whole = clean.COVER_ART.match(line.strip())
    quick = clean._cover_art(line)
    assert (whole and whole.groups()) == (quick and quick.groups())


def test_cover_art_titles() -> None:
    from sayso.corpus.importers.clean import cover_art_title

    assert cover_art_title("Cover art for The Daily") == "The Daily"
    assert cover_art_title("  THE DAILY ARTWORK ") == "THE DAILY"
    assert cover_art_title("Artwork for Hard Fork") == "Hard Fork"
    assert cover_art_title("「ニュース」のカバーアート") == "ニュース"
    assert cover_art_title("Startups and the art of the deal") is None


# Every character str.split treats as whitespace, and printable and unprintable others beside them.
_SPACES = [chr(c) for c in range(0x3001) if chr(c).isspace()]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([*_SPACES, "a", "É", "\u200b", "\x00", "東", ".", " "]), max_size=12).map("".join))
def test_folding_space_is_splitting_and_joining(line: str) -> None:
    # (most lines take a quick path that must give exactly what splitting at whitespace gives)
    from sayso.corpus.importers.clean import fold_space

    assert fold_space(line) == " ".join(line.split())


def test_the_reading_is_the_same_whatever_order_pythons_sets_iterate_in() -> None:
    """Two forms of one speaker's name as often as each other ("Sr. Devlin" twice, "Sister Devlin" twice): which
    one names them was left to the order a set iterated in, which changes from one run of Python to the next (the
    hash seed), so one import of a file could differ from the next."""
    text = "Interviewer: Dr. Paul Keane\nInterviewee: Sister Bernadette Devlin, chaplain\n\n"
    text += "Dr. Keane: How many wards do you cover?\nSr. Devlin: Six, and the hospice on Thursdays.\n"
    text += "Dr. Keane: Is that sustainable?\nSr. Devlin: It has to be.\nDr. Keane: What do families ask?\n"
    text += "Sister Devlin: Whether it is all right to be angry.\nDr. Keane: And what do you say?\n"
    text += "Sister Devlin: That God can take it.\n"
    code = (
        "import json, sys; from sayso.corpus.importers import parse_text; d = parse_text(sys.stdin.read(), 'x.txt');"
        "print(json.dumps([d.speakers, [p.speaker for p in d.passages]]))"
    )
    readings = set()
    for seed in ("1", "5", "7"):
        run = subprocess.run(
            [sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )  # fmt: skip
        readings.add(run.stdout)
    assert len(readings) == 1
    speakers, said = json.loads(readings.pop())
    assert len(speakers) == 2 and len(set(said) - {None}) == 2
