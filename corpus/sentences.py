"""Sentence boundaries inside a passage, so quotes can start and end on a sentence.

`split_sentences(text)` returns `[start, end]` character spans that together
cover every non-space character of `text`.  A sentence ends at `.`, `!`, `?`,
`…` or CJK full stops (with any closing quotes or brackets), when what follows
can start a sentence, and not after abbreviations ("Mr.", "e.g."), initials
("Richard M. Nixon"), decimals ("3.5") or an ellipsis that trails into a
lower-case word.  A line break always ends a sentence.  Sentences glued
together by a lost space ("year.It seemed") are split without changing a
character.
"""

from __future__ import annotations

import re

#: A run of full stops, question or exclamation marks or ellipses, or of CJK full stops, with any closing
#: quotes or brackets.  (Written to start with one set of characters, so that re skips from one candidate to
#: the next; the lookbehind picks the run's kind from its first character.)
_END = re.compile(r"""[.!?…。！？](?:(?<=[.!?…])[.!?…]*|(?<=[。！？])[。！？]*)["'\u2019\u201d\u00bb)\]]*""")
#: _END, then (when they follow) a space and an ASCII letter, lower case (group 1) or a capital (group 2): the
#: common cases, told apart by the regex rather than by looking at the text again after each run.
_END_FOLLOWED = re.compile(_END.pattern + r"(?: (?:([a-z])|([A-Z])))?")
#: Abbreviations that never end a sentence.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "mx",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "vs",
    "v",
    "etc",
    "e.g",
    "eg",
    "i.e",
    "ie",
    "inc",
    "ltd",
    "co",
    "corp",
    "gen",
    "sen",
    "rep",
    "gov",
    "lt",
    "col",
    "capt",
    "adm",
    "sgt",
    "rev",
    "hon",
    "pres",
    "supt",
    "messrs",
    "mme",
    "mlle",
    "approx",
    "dept",
    "est",
    "cf",
    "al",
    "viz",
    "u.s",
    "u.k",
    "u.n",
    "a.m",
    "p.m",
    "ph.d",
    "b.a",
    "m.a",
    "d.c",
    "n.y",
    "l.a",
    "mt",
    "ft",
    "ave",
    "blvd",
    "rd",
    "univ",
    "assn",
    "bros",
    "govt",
    "natl",
    "intl",
}
#: Abbreviations only when a number follows ("No. 5", "Oct. 3", "p. 12"), so "No. No." still ends.
_BEFORE_NUMBER = {
    "no",
    "nos",
    "vol",
    "vols",
    "fig",
    "figs",
    "p",
    "pp",
    "art",
    "sec",
    "ch",
    "chap",
    "ed",
    "eq",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "op",
    "ex",
}
_OPENERS = "\"'\u201c\u2018\u00ab([{-\u2014\u2013*¿¡"


def _word_before(text: str, start: int, end: int) -> str:
    chunk = text[max(start, end - 64) : end]
    parts = chunk.rsplit(None, 1)
    return parts[-1] if parts else ""


def _peek(text: str, at: int, size: int = 4) -> str:
    """The few characters after `at`, spaces and tabs skipped (without copying the rest)."""
    n = len(text)
    while at < n and text[at] in " \t":
        at += 1
    return text[at : at + size]


def _can_start(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in _OPENERS or (ch.isalpha() and not ch.islower())


def _is_boundary(text: str, at: int, end: int, start: int, n: int) -> bool:
    """Whether the run of full stops (or ...) `text[at:end]` ends the sentence begun at `start` (`n`: the line's end)."""
    punct = text[at:end]
    if punct[0] in "。！？":
        return True
    after = text[end] if end < n else ""
    glued = False
    if after in ("*", "•") and text[end + 1 : end + 2] == " " and end + 1 < n:
        return True  # "posts.* The next bullet": a list item glued to the sentence before it
    if after and not after.isspace():
        # "year.It": a lower-case word, a full stop, then a capitalised word, no space.
        before = text[max(0, at - 2) : at]
        nxt = text[end : end + 2]
        if (
            len(before) == 2
            and before.isalpha()
            and before.islower()
            and len(nxt) == 2
            and nxt[0].isupper()
            and nxt[1].islower()
        ) or (punct[-1] in "\"'\u201d\u2019" and after.isupper()):
            glued = True
        else:
            return False
    word = _word_before(text, start, at)
    bare = word.lstrip("\"'(\u201c\u2018[").casefold()
    rest = _peek(text, end)
    if punct.startswith(".") and len(punct.rstrip("\"'\u2019\u201d\u00bb)]")) == 1 and not glued:
        if bare in _ABBREVIATIONS:
            return False
        if bare in _BEFORE_NUMBER and rest[:1].isdigit():
            return False
        if len(bare) == 1 and bare.isalpha() and word[-1:].isupper():
            return False  # an initial: "Howard K. Smith"
        if re.fullmatch(r"(?:[a-z]\.)+[a-z]", bare):
            return False  # "e.g", "U.S", "a.m"
    if rest.startswith("\n"):
        return True
    if not rest:
        return True
    if punct.startswith(("...", "…")) and not rest[0].isupper():
        return False
    return _can_start(rest[0])


def split_sentences(text: str) -> list[list[int]]:
    """`[start, end]` spans of the sentences in `text`, covering every non-space character."""
    spans: list[list[int]] = []
    n = len(text)
    for line_start, line_end in _lines(text):
        start = line_start
        while start < line_end and text[start].isspace():
            start += 1
        if start >= line_end:
            continue
        for m in _END_FOLLOWED.finditer(text, start, line_end):
            case = m.lastindex  # 1: a space and a lower-case letter follow; 2: a space and a capital; else None
            end = m.end() if case is None else m.end() - 2
            if end <= start:
                continue
            at = m.start()
            if at == start:
                continue  # an opening ellipsis ("... to be continued")
            # The common cases decided at once (the rules below give the same answer): a space, then
            # a lower-case letter: no new sentence; a space, then a capital after "?", "!", "…" or a
            # full stop ending an ordinary lower-case word: a new one.
            if case is not None and text[at] not in "。！？":
                if case == 1:
                    continue
                c = text[at]
                if c != ".":
                    if c in "?!…":
                        spans.append([start, end])
                        start = end + 1
                        continue
                elif end - at == 1:
                    # a full stop after a word of two or more lower-case ASCII letters, no abbreviation
                    space = text.rfind(" ", start, at)
                    word = text[space + 1 if space >= 0 else start : at]
                    if (
                        len(word) >= 2
                        and word.isascii()
                        and word.isalpha()
                        and word.islower()
                        and word not in _ABBREVIATIONS
                    ):
                        spans.append([start, end])
                        start = end + 1
                        continue
            if _is_boundary(text, at, end, start, line_end):
                spans.append([start, end])
                start = end
                while start < line_end and text[start].isspace():
                    start += 1
        if start < line_end:
            end = line_end
            while end > start and text[end - 1].isspace():
                end -= 1
            spans.append([start, end])
    del n
    return spans


def _lines(text: str) -> list[tuple[int, int]]:
    if "\n" not in text:
        return [(0, len(text))]
    out = []
    pos = 0
    for part in text.split("\n"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 1
    return out
