"""Sentence spans: abbreviations, initials, decimals, quotes, ellipses, glued sentences, line breaks."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sayso.corpus.sentences as sentences_module
from sayso.corpus.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello there. How are you?", ["Hello there.", "How are you?"]),
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        (
            "Vice President Richard M. Nixon spoke. Then Kennedy.",
            ["Vice President Richard M. Nixon spoke.", "Then Kennedy."],
        ),
        ("Inflation was 3.5 percent. It fell.", ["Inflation was 3.5 percent.", "It fell."]),
        ("It ran at 2 a.m. on Sunday. Nobody came.", ["It ran at 2 a.m. on Sunday.", "Nobody came."]),
        ("The U.S. and China disagree. Fine.", ["The U.S. and China disagree.", "Fine."]),
        ("See e.g. the annex. Also i.e. this.", ["See e.g. the annex.", "Also i.e. this."]),
        ("He said, “Stop.” Then he left.", ["He said, “Stop.”", "Then he left."]),
        ('She asked "why?" and left.', ['She asked "why?" and left.']),
        ("I think... maybe not. Well… Yes.", ["I think... maybe not.", "Well…", "Yes."]),
        ("... to be continued. Right.", ["... to be continued.", "Right."]),
        ("the last months of the year.It seemed good.", ["the last months of the year.", "It seemed good."]),
        ("You're all great.Thanks.", ["You're all great.", "Thanks."]),
        ("Z.ai and node.js are names. Ok.", ["Z.ai and node.js are names.", "Ok."]),
        ("No. No. Not reducing the interest -", ["No.", "No.", "Not reducing the interest -"]),
        ("See No. 5 on p. 12 today. Done.", ["See No. 5 on p. 12 today.", "Done."]),
        ("I'll be at The Curve (Oct. 3-5, Berkeley). Come.", ["I'll be at The Curve (Oct. 3-5, Berkeley).", "Come."]),
        ("First paragraph without a stop\nSecond one.", ["First paragraph without a stop", "Second one."]),
        ("日本語です。次の文。", ["日本語です。", "次の文。"]),
        ("What?! Really. ", ["What?!", "Really."]),
        ("for paywalled posts.* The Discord is better.", ["for paywalled posts.", "* The Discord is better."]),
        ("  ", []),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab AB.!?…\"'“”()\n12:,-")), max_size=120))
def test_spans_cover_every_non_space_character_in_order(text: str) -> None:
    spans = split_sentences(text)
    covered = [False] * len(text)
    last_end = 0
    for a, b in spans:
        assert last_end <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        for i in range(a, b):
            covered[i] = True
        last_end = b
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))


#: What a sentence's end is, written plainly: sentences._END is the same runs, written for speed
_PLAIN_END = re.compile(r"""(?:[.!?…]+|[。！？]+)["'\u2019\u201d\u00bb)\]]*""")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a .!?…。！？\"'”’»)]x\n")), max_size=40), st.integers(0, 5))
def test_sentence_ends_are_the_runs_the_plain_pattern_finds(text: str, start: int) -> None:
    found = [m.span() for m in sentences_module._END.finditer(text, start, len(text))]
    assert found == [m.span() for m in _PLAIN_END.finditer(text, start, len(text))]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ .!?…。！？\"'”’»)]x\n")), max_size=40), st.integers(0, 5))
def test_the_runs_read_with_what_follows_are_the_same_runs(text: str, start: int) -> None:
    """split_sentences reads each run with the space and letter after it (sentences._END_FOLLOWED): the runs
    must be _END's, and the letter's case the text's."""
    runs, cases = [], []
    for m in sentences_module._END_FOLLOWED.finditer(text, start, len(text)):
        end = m.end() if m.lastindex is None else m.end() - 2
        runs.append((m.start(), end))
        follows = text[end + 1] if text[end : end + 1] == " " and end + 1 < len(text) else ""
        cases.append(1 if "a" <= follows <= "z" else 2 if "A" <= follows <= "Z" else None)
        assert m.lastindex == cases[-1]
    assert runs == [m.span() for m in sentences_module._END.finditer(text, start, len(text))]
