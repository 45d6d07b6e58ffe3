"""Sentence boundaries inside a passage, so quotes can start and end on a sentence."""

from __future__ import annotations

import re

# A sentence ends at . ! ? or … (optionally followed by closing quotes or brackets)
# and whitespace, unless the word before is a common abbreviation or an initial.
_END = re.compile(r"""[.!?…]+["'\u2019\u201d)\]]*(?=\s+|$)""")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "inc", "ltd",
    "co", "corp", "gen", "sen", "rep", "gov", "lt", "col", "capt", "adm", "no", "vol", "fig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "a.m", "p.m",
}


def split_sentences(text: str) -> list[list[int]]:
    """`[start, end]` spans of the sentences in `text`, covering every non-space character."""
    spans: list[list[int]] = []
    start = 0
    n = len(text)
    while start < n and text[start].isspace():
        start += 1
    for match in _END.finditer(text):
        end = match.end()
        if end <= start:
            continue
        word = text[start:match.start()].rsplit(None, 1)[-1] if text[start:match.start()].strip() else ""
        bare = word.strip("\"'(").casefold()
        if match.group().startswith(".") and (bare in _ABBREVIATIONS or (len(bare) == 1 and bare.isalpha())):
            continue
        # The next sentence must start with something that can start one.
        rest = text[end:].lstrip()
        if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'\u201c\u2018([-\u2014"):
            continue
        spans.append([start, end])
        start = end
        while start < n and text[start].isspace():
            start += 1
    if start < n:
        end = n
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append([start, end])
    return spans
