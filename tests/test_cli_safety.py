"""corpus.safety: what the CLI prints carries no control character; its JSON round-trips the exact text."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from sayso.corpus.safety import has_control, safe_json, visible

DANGEROUS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
PAYLOADS = [
    "\x1b]0;title\x07",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x1b]8;;https://evil\x1b\\x\x1b]8;;\x1b\\",
    "\x1b[2J",
    "\x9b31m",
    "\x00",
    "\x7f",
    "\r overwrite",
    "\u202eexe.txt",
    "\u2066isolate\u2069",
    "\u061c",
]


def test_payloads_are_made_visible() -> None:
    for payload in PAYLOADS:
        shown = visible(payload)
        assert not DANGEROUS.search(shown), repr(shown)
        assert has_control(payload)
    assert visible("line one\n\tline two") == "line one\n\tline two"
    assert visible("a\nb", keep_newlines=False) == "a␊b"


@given(st.text())
def test_visible_never_leaves_a_control_character(text: str) -> None:
    assert not DANGEROUS.search(visible(text).replace("\n", "").replace("\t", ""))


@given(st.text())
def test_safe_json_round_trips_and_carries_no_raw_control(text: str) -> None:
    encoded = safe_json({"text": text})
    assert json.loads(encoded) == {"text": text}
    assert not DANGEROUS.search(encoded)
