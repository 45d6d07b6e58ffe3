"""The words an archive indexes for each passage (corpus.server.search), as the local index cuts and folds them.

Kept apart from the search so that an import's parse workers (corpus.importers.parallel) can make them beside
the parse, without the server connection: `search_words` is what a worker hands the importing process.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain

from sayso.corpus.searchindex import _words_line

#: A tsvector lexeme may hold at most 2047 bytes, and a tsvector 1 MiB of them: longer words (no one types
#: them) and words past that in one huge passage are left out of the server's index.
MAX_WORD_BYTES = 2046
MAX_PASSAGE_WORD_BYTES = 1_000_000
#: Positions a word found several times in a passage gets (its count, as far as ranking needs it).
TF_POSITIONS = 8
_TF = [",".join(str(i) for i in range(1, n + 1)) for n in range(TF_POSITIONS + 1)]


def passage_words(text: str) -> list[str]:
    """The words of a passage as the local index holds them (corpus.searchindex's tokeniser)."""
    return _words_line(text).decode("utf-8").split()


def tsvector_text(words: list[str]) -> tuple[str, list[str]]:
    """(the tsvector input holding `words`, the distinct words it holds).

    No word has its places: phrases and proximity are checked in Python on the candidates' words, as the
    local engine checks them (its index knows which passages hold every word of a phrase, then looks).
    A word found several times has that many positions (1, 2, ...; up to TF_POSITIONS), so that ts_rank
    counts it as BM25 counts it.  Words too long for a lexeme are left out.
    """
    counts = Counter(words)
    distinct = list(counts)
    if distinct and (
        max(map(len, distinct)) > MAX_WORD_BYTES // 4 or sum(map(len, distinct)) > MAX_PASSAGE_WORD_BYTES // 4
    ):
        kept: list[str] = []
        size = 0
        for w in distinct:
            n = len(w.encode("utf-8"))
            if n <= MAX_WORD_BYTES and size + n <= MAX_PASSAGE_WORD_BYTES:
                kept.append(w)
                size += n
        distinct = kept
    plain = "".join(distinct)
    kept_counts = counts if len(distinct) == len(counts) else {w: counts[w] for w in distinct}
    return _literal(kept_counts, "'" in plain or "\\" in plain), distinct


def _literal(counts: Mapping[str, int], escape: bool) -> str:
    """The tsvector input of the words `counts` counts, in its order: those said once quoted together first, then
    each other with its positions; `escape`: some word holds a quote or a backslash."""
    once = [(lexeme(w) if escape else w) for w, n in counts.items() if n == 1]
    more = [f"'{lexeme(w) if escape else w}':{_TF[min(n, TF_POSITIONS)]}" for w, n in counts.items() if n > 1]
    return " ".join((["'" + "' '".join(once) + "'"] if once else []) + more)


def lexeme(word: str) -> str:
    """`word` quoted for tsvector/tsquery input (folded words hold neither quote nor backslash; made safe anyway)."""
    if "'" in word or "\\" in word:
        return word.replace("\\", "\\\\").replace("'", "''")
    return word


def search_words(texts: Sequence[str]) -> tuple[list[tuple[int, str]], dict[str, int]]:
    """For one document's passages: each passage's (word count, tsvector input), and how many of its passages
    hold each word (the vocabulary's counts).

    `tsvector_text` for each passage, its common case checked on the whole line at once: words short enough for
    a lexeme whatever they are (the line is), none to escape."""
    rows: list[tuple[int, str]] = []
    append = rows.append
    distincts: list[Iterable[str]] = []
    keep = distincts.append
    for text in texts:
        line = _words_line(text)
        words = line.decode("utf-8").split()
        if len(line) > MAX_WORD_BYTES or b"'" in line or b"\\" in line:
            literal, distinct = tsvector_text(words)
            keep(distinct)
            append((len(words), literal))
            continue
        counts = Counter(words)
        keep(counts)
        append((len(words), _literal(counts, False)))
    # (each passage's distinct words counted at once, in C)
    return rows, dict(Counter(chain.from_iterable(distincts)))
