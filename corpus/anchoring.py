"""Anchoring quotes in document text: find exact words, and find them again after the text changes.

A quote is anchored the way the W3C Web Annotation model anchors text: the
exact words, a little context before and after (prefix/suffix), and character
positions.  When a document is re-imported with changed text, `relocate`
looks for the words again, in three tiers:

1. the exact characters (choosing among several places by context, speaker,
   timestamp and nearness to the old position);
2. the same words with whitespace, typographic quotes/dashes and case folded;
3. an approximate match of the words (corpus.fuzzy), accepted
   only when the words, their context and the speaker agree well enough.

Every function here is pure: text and passages in, positions and scores out.
Nothing is stored or changed; corpus.quotes decides what to do with a result.
"""

from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

from sayso.corpus import fuzzy
from sayso.corpus.models import Passage, passage_at, passage_index_at

#: How many characters of context a quote keeps on each side (W3C TextQuoteSelector prefix/suffix).
CONTEXT_CHARS = 32

#: A relocation at or above this confidence is applied; below it the quote goes to review.
CONFIDENT = 0.8

#: An approximate match must keep at least this much of the old words.
MIN_FUZZY_WORDS = 0.8

_FOLD_CHARS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)
_WORD = re.compile(r"\w", re.UNICODE)


# -- basic helpers ------------------------------------------------------------------


def context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The `width` characters before `start` and after `end` (the W3C prefix and suffix)."""
    return text[max(0, start - width) : start], text[end : end + width]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """`[start, end)` clamped to the text and shrunk so it neither starts nor ends with whitespace."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def fold(text: str) -> tuple[str, list[int]]:
    """`text` with whitespace runs collapsed to one space, quotes/dashes unified and lower-cased.

    Returns the folded string and, for each of its characters, the index of the
    character of `text` it came from, so a match in the folded text maps back.
    Leading and trailing whitespace is dropped.
    """
    out: list[str] = []
    origin: list[int] = []
    pending_space = -1
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and pending_space < 0:
                pending_space = i
            continue
        if pending_space >= 0:
            out.append(" ")
            origin.append(pending_space)
            pending_space = -1
        folded = ch.translate(_FOLD_CHARS)
        lower = folded.lower()
        out.append(lower if len(lower) == 1 else folded)
        origin.append(i)
    return "".join(out), origin


@functools.lru_cache(maxsize=1)
def _fold_cached(text: str) -> tuple[str, Sequence[int]]:
    """`fold` of a whole document (compact), kept while the quotes of one document are re-anchored."""
    hay, origin = fold(text)
    return hay, array("q", origin)


def folded(text: str) -> str:
    """Just the folded string of `text` (see `fold`)."""
    return fold(text)[0]


def find_all(haystack: str, needle: str) -> list[int]:
    """Every start of `needle` in `haystack`, overlapping ones included."""
    found: list[int] = []
    if not needle:
        return found
    at = haystack.find(needle)
    while at >= 0:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def find_exact(text: str, words: str) -> list[tuple[int, int]]:
    """Spans of the exact characters `words` in `text`."""
    return [(at, at + len(words)) for at in find_all(text, words)]


def find_folded(text: str, words: str, folded_text: tuple[str, Sequence[int]] | None = None) -> list[tuple[int, int]]:
    """Spans of `words` in `text` ignoring whitespace differences, quote/dash styles and case."""
    needle = folded(words)
    if not needle:
        return []
    hay, origin = folded_text or _fold_cached(text)
    return [(origin[at], origin[at + len(needle) - 1] + 1) for at in find_all(hay, needle)]


def same_words(a: str, b: str) -> bool:
    """Whether `a` and `b` are the same characters but for how whitespace runs are laid out.

    A quote re-anchors quietly only onto the same words: a changed letter,
    case, comma or quote mark sends it to review instead.
    """
    return a == b or a.split() == b.split()


def starts_at_word(text: str, pos: int) -> bool:
    """Whether `pos` is not inside a word (the characters on both sides are not both word characters)."""
    return pos <= 0 or pos >= len(text) or not (_WORD.match(text[pos - 1]) and _WORD.match(text[pos]))


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen `[start, end)` so it does not cut a word in two, then trim whitespace."""
    while start > 0 and not starts_at_word(text, start):
        start -= 1
    while end < len(text) and not starts_at_word(text, end):
        end += 1
    return trim_span(text, start, end)


# -- passages ----------------------------------------------------------------------


def passages_in_span(passages: list[Passage], start: int, end: int) -> list[Passage]:
    """The passages whose text overlaps `[start, end)` of the document text."""
    found = []
    for p in passages[max(0, passage_index_at(passages, start)) :]:
        if p.offset >= max(end, start + 1):
            break
        if p.offset + len(p.text) > start:
            found.append(p)
    return found


def speakers_in_span(passages: list[Passage], start: int, end: int) -> list[str | None]:
    """The distinct speakers of the passages under `[start, end)`, in order."""
    return list(dict.fromkeys(p.speaker for p in passages_in_span(passages, start, end)))


# -- relocating ----------------------------------------------------------------------


@dataclass
class AnchorHints:
    """What a quote remembers about where it was: the evidence used to find it again."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int = 0
    end: int = 0
    speaker: str | None = None
    timestamp: float | None = None


@dataclass
class Candidate:
    """One place the quote might now be, with the evidence for it."""

    start: int
    end: int
    exact: str
    method: str  # "exact", "normalized" or "fuzzy"
    words: float  # similarity of the words to the old words (1.0 = identical)
    context: float  # agreement of prefix and suffix (0..1)
    speaker_agrees: bool | None  # None when either speaker is unknown
    speaker: str | None
    timestamp: float | None
    confidence: float = 0.0
    spans_speakers: bool = False


@dataclass
class Relocation:
    """The outcome of `relocate`: where to put the quote, or why it needs review."""

    placed: Candidate | None
    reason: str = ""
    #: the best place found when it was not confident enough (offered to the user)
    suggestion: Candidate | None = None
    candidates: list[Candidate] = field(default_factory=list)


def _side_agreement(stored: str, actual: str, from_end: bool) -> float:
    """How well stored context matches the text beside a candidate: exact run, else fuzzy."""
    if not stored:
        return 1.0 if not actual.strip() else 0.5
    a, b = folded(stored), folded(actual)
    if not a:
        return 1.0
    run = 0
    pairs = zip(reversed(a), reversed(b)) if from_end else zip(a, b)
    for x, y in pairs:
        if x != y:
            break
        run += 1
    fuzzy_part = max(0.0, fuzzy.similarity(a, b) - 0.5) * 2
    return min(1.0, max(run / len(a), fuzzy_part))


def context_agreement(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """Mean agreement of the stored prefix and suffix with the text around `[start, end)`."""
    before, after = context(text, start, end, width=max(len(prefix), 1))
    after = text[end : end + max(len(suffix), 1)]
    return (_side_agreement(prefix, before, True) + _side_agreement(suffix, after, False)) / 2


def _timestamp_term(hint: float | None, found: float | None) -> float:
    if hint is None or found is None:
        return 0.0
    gap = abs(hint - found)
    if gap <= 5:
        return 0.05
    if gap > 120:
        return -0.05
    return 0.0


def score(candidate: Candidate, hints: AnchorHints) -> float:
    """Confidence (0..1) that `candidate` is the quote: words, then context, speaker, timestamp.

    Long quotes are distinctive, so their words weigh more; short ones lean on context.
    """
    distinct = min(1.0, len(hints.exact.strip()) / 40)
    words_weight = 0.5 + 0.3 * distinct
    context_weight = 0.4 - 0.3 * distinct
    speaker = 0.0 if candidate.speaker_agrees is False else 0.1
    value = candidate.words * words_weight + candidate.context * context_weight + speaker
    value += _timestamp_term(hints.timestamp, candidate.timestamp)
    if candidate.spans_speakers:
        value = min(value, CONFIDENT - 0.01)
    return max(0.0, min(1.0, value))


def _candidate(
    text: str, passages: list[Passage], hints: AnchorHints, start: int, end: int, method: str, words: float
) -> Candidate:
    under = passages_in_span(passages, start, end)
    speakers = list(dict.fromkeys(p.speaker for p in under))
    speaker = under[0].speaker if under else None
    agrees = None if hints.speaker is None or speaker is None else speaker == hints.speaker
    cand = Candidate(
        start=start,
        end=end,
        exact=text[start:end],
        method=method,
        words=words,
        context=context_agreement(text, start, end, hints.prefix, hints.suffix),
        speaker_agrees=agrees,
        speaker=speaker,
        timestamp=under[0].start if under else None,
        spans_speakers=len(speakers) > 1,
    )
    cand.confidence = score(cand, hints)
    return cand


def _rank(cands: list[Candidate], hints: AnchorHints) -> list[Candidate]:
    """Best first: confidence, then nearness to the old position."""
    return sorted(cands, key=lambda c: (-round(c.confidence, 3), abs(c.start - hints.start)))


def _fuzzy_spans(text: str, words: str) -> list[tuple[float, int, int]]:
    """Approximate places of `words` in `text`, from overlapping windows, best first."""
    n = len(words)
    if n == 0 or not text:
        return []
    if len(text) <= n:
        return [(fuzzy.similarity(words, text), 0, len(text))]
    window = max(3 * n, 300)
    step = max(1, window - n - 1)
    found: list[tuple[float, int, int]] = []
    for base in range(0, max(1, len(text) - n + step), step):
        chunk = text[base : base + window]
        hit = fuzzy.align(words, chunk, cutoff=0.6)
        if hit is not None:
            found.append((hit[0], base + hit[1], base + hit[2]))
        if base + window >= len(text):
            break
    found.sort(key=lambda f: -f[0])
    distinct: list[tuple[float, int, int]] = []
    for hit in found:
        if all(hit[2] <= s or hit[1] >= e for _, s, e in distinct):
            distinct.append(hit)
    return distinct[:6]


def _refine(text: str, words: str, start: int, end: int) -> tuple[int, int]:
    """Turn a rough fuzzy span into one that lines up with `words` and whole words of `text`.

    The first and last few characters of the words are aligned separately, so
    words inserted or dropped inside the quote still give the right edges.
    """
    slack = len(words) // 3 + 8
    lo = max(0, start - slack)
    hi = min(len(text), end + slack)
    window = text[lo:hi]
    edge = 16
    new_start, new_end = start, end
    if len(words) > 2 * edge:
        head = fuzzy.align(words[:edge], window)
        if head is not None:
            tail = fuzzy.align(words[-edge:], window[head[1] :])
            if tail is not None and head[1] + tail[2] > head[1]:
                new_start, new_end = lo + head[1], lo + head[1] + tail[2]
    new_start, new_end = snap_to_words(text, new_start, new_end)
    new_start, new_end = _widen_while_closer(text, words, new_start, new_end)
    # Keep punctuation the quote began or ended with ("real." stays "real.", not "real").
    if new_end < len(text) and not words[-1].isalnum() and text[new_end] == words[-1]:
        new_end += 1
    if new_start > 0 and not words[0].isalnum() and text[new_start - 1] == words[0]:
        new_start -= 1
    return new_start, new_end


def _widen_while_closer(text: str, words: str, start: int, end: int, most: int = 3) -> tuple[int, int]:
    """Take in a word before or after the span while that brings it closer to `words`.

    An alignment favours the longest shared run, so "who pays for the boxes" against
    "who is paying for the boxes" lands on "is paying for the boxes"; the word it left
    out on either edge is taken back in when the whole becomes more alike.
    """
    want = folded(words)

    def alike(s: int, e: int) -> float:
        return fuzzy.similarity(want, folded(text[s:e]))

    best = alike(start, end)
    for _ in range(most):
        before = previous_word_start(text, start) if start > 0 else start
        after = next_word_end(text, end) if end < len(text) else end
        options = [(alike(before, end), before, end), (alike(start, after), start, after)]
        score_, s, e = max(options, key=lambda o: o[0])
        if score_ <= best or (s, e) == (start, end):
            break
        best, start, end = score_, s, e
    return trim_span(text, start, end)


def _confident_in(cands: list[Candidate], hints: AnchorHints) -> bool:
    return any(c.confidence >= CONFIDENT and not c.spans_speakers for c in cands)


def relocate(text: str, passages: list[Passage], hints: AnchorHints) -> Relocation:
    """Find the quote described by `hints` in the (new) document `text`.

    Returns a Relocation whose `placed` is set only when confident; otherwise
    `reason` says why and `suggestion` is the best guess, if any.
    """
    words = hints.exact
    if not words.strip():
        return Relocation(None, "the quote has no words to look for")
    # 1. exact characters, 2. the same words folded, 3. approximately the same words;
    # a later tier is tried only when the earlier ones found nothing confident.
    # The same characters inside longer words ("reader" in "readers") are other words: only
    # whole-word spans count as the quote's words; the fuzzy tier may still offer them.
    cands = [
        _candidate(text, passages, hints, s, e, "exact", 1.0)
        for s, e in find_exact(text, words)
        if starts_at_word(text, s) and starts_at_word(text, e)
    ]
    if not _confident_in(cands, hints):
        seen = {(c.start, c.end) for c in cands}
        for s, e in find_folded(text, words):
            if not (starts_at_word(text, s) and starts_at_word(text, e)):
                continue
            if (s, e) not in seen:
                seen.add((s, e))
                cands.append(_candidate(text, passages, hints, s, e, "normalized", 0.99))
        if not _confident_in(cands, hints):
            old = folded(words)
            for _, s, e in _fuzzy_spans(text, words):
                s, e = _refine(text, words, s, e)
                if e <= s or (s, e) in seen:
                    continue
                seen.add((s, e))
                sim = fuzzy.similarity(old, folded(text[s:e]))
                cands.append(_candidate(text, passages, hints, s, e, "fuzzy", sim))
    if not cands:
        return Relocation(None, "its words are no longer in the document")
    ranked = _rank(cands, hints)
    best = ranked[0]
    if best.method == "fuzzy":
        if best.words < 0.6:
            return Relocation(None, "its words are no longer in the document", candidates=ranked)
        if best.words < MIN_FUZZY_WORDS:
            return Relocation(
                None,
                f"its words changed too much to be sure (closest match {best.words:.0%} alike)",
                suggestion=best,
                candidates=ranked,
            )
        rival = next((c for c in ranked[1:] if folded(c.exact) != folded(best.exact)), None)
        if rival is not None and rival.confidence >= best.confidence - 0.03:
            return Relocation(
                None, "its words now match several places equally well", suggestion=best, candidates=ranked
            )
    if best.spans_speakers:
        return Relocation(None, "its words now run across two speakers", suggestion=best, candidates=ranked)
    if best.confidence < CONFIDENT:
        why = "its context and speaker no longer agree" if best.words >= 0.99 else "its words changed too much"
        return Relocation(None, f"{why} (confidence {best.confidence:.0%})", suggestion=best, candidates=ranked)
    return Relocation(best, candidates=ranked)


def one_line(text: str, limit: int = 60) -> str:
    """`text` on one line (whitespace collapsed), cut to `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# -- selection helpers (for the reader's visual mode) ------------------------------------------------


def word_span_at(text: str, pos: int) -> tuple[int, int]:
    """The word (run of word characters) at or right after `pos`; an empty span at the end."""
    n = len(text)
    pos = max(0, min(pos, n))
    while pos < n and not _WORD.match(text[pos]):
        pos += 1
    start = pos
    while start > 0 and _WORD.match(text[start - 1]):
        start -= 1
    end = pos
    while end < n and _WORD.match(text[end]):
        end += 1
    return start, end


def next_word_end(text: str, pos: int) -> int:
    """Where the word after `pos` ends, taking trailing punctuation like "." or "," with it."""
    n = len(text)
    i = pos
    while i < n and not _WORD.match(text[i]):
        i += 1
    while i < n and _WORD.match(text[i]):
        i += 1
    while i < n and not text[i].isspace() and not _WORD.match(text[i]):
        i += 1
    return i


def previous_word_start(text: str, pos: int) -> int:
    """Where the word before `pos` starts."""
    i = pos
    while i > 0 and not _WORD.match(text[i - 1]):
        i -= 1
    while i > 0 and _WORD.match(text[i - 1]):
        i -= 1
    return i


def sentence_span_at(passages: list[Passage], pos: int) -> tuple[int, int] | None:
    """The sentence holding `pos` (or the next one after a gap), in document positions."""
    passage = passage_at(passages, pos)
    if passage is None:
        return None
    local = pos - passage.offset
    spans = passage.sentences or [[0, len(passage.text)]]
    chosen = next(((s, e) for s, e in spans if local < e), tuple(spans[-1]))
    return passage.offset + chosen[0], passage.offset + chosen[1]


def passage_span_at(passages: list[Passage], pos: int) -> tuple[int, int] | None:
    """The whole turn holding `pos`, without surrounding whitespace (the "take the whole turn" key)."""
    passage = passage_at(passages, pos)
    if passage is None:
        return None
    s, e = trim_span(passage.text, 0, len(passage.text))
    return passage.offset + s, passage.offset + e


def keep_to_one_speaker(passages: list[Passage], anchor: int, start: int, end: int) -> tuple[int, int]:
    """Shrink `[start, end)` so it covers only the speaker at `anchor` (a quote never spans two).

    `anchor` is where the selection began; the selection may run across
    several passages of that speaker but stops at the first other speaker.
    """
    index = passage_index_at(passages, anchor)
    if index < 0:
        return start, end
    home = passages[index]
    lo = index
    while lo > 0 and passages[lo - 1].speaker == home.speaker:
        lo -= 1
    hi = index
    while hi + 1 < len(passages) and passages[hi + 1].speaker == home.speaker:
        hi += 1
    first, last = passages[lo], passages[hi]
    return max(start, first.offset), min(end, last.offset + len(last.text))
