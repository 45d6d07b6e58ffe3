"""Words and folding: how text is cut into words and how words and names are compared.

The search index, a typed query and speaker names all meet on the same forms:

- `WORD_RE` finds words in text (letters and digits, with inner apostrophes;
  hyphens and other punctuation split words, so "open-source" is the two words
  "open" and "source"; numbers keep inner separators, "10,000" and "3.5");
- `normalize_word` folds case and accents, drops apostrophes and a possessive
  "'s" ("LeCun's" -> "lecun", "don't" -> "dont");
- `fold` does that to every word of a name or title and joins them with spaces
  (corpus.identity builds the one speaker-name key on it).

A leaf module: it imports nothing from corpus.
"""

from __future__ import annotations

import re
import unicodedata

#: A word in text: a number with inner separators, or letters/digits (and
#: combining accents) with inner apostrophes.
WORD_RE = re.compile(r"\d+(?:[.,:]\d+)+|[\w\u0300-\u036f]+(?:['\u2019\u02bc\u2018][\w\u0300-\u036f]+)*")

_APOSTROPHES = "'\u2019\u02bc\u2018"
_POSSESSIVE = re.compile(r"['\u2019\u02bc\u2018]s$")
_DROP = str.maketrans("", "", _APOSTROPHES + "_")


def strip_accents(text: str) -> str:
    """`text` without combining marks ("Café" -> "Cafe"); ASCII passes through untouched."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_word(token: str) -> str:
    """The indexed form of one word found by WORD_RE: folded case and accents, no apostrophes.

    May return "" (for a token made only of underscores), which callers skip.
    """
    word = token.casefold()
    if not word.isascii():
        word = strip_accents(word).casefold()
    if "'" in word or not word.isascii():
        word = _POSSESSIVE.sub("", word)
    word = word.translate(_DROP)
    if "," in word and word[:1].isdigit():
        word = word.replace(",", "")
    return word


def fold(text: str) -> str:
    """Case- and accent-folded text with punctuation turned to single spaces (for names and titles)."""
    return " ".join(words_of(text))


def words_of(text: str) -> list[str]:
    """The normalised words of `text`, in order (empty ones dropped)."""
    return [w for w in (normalize_word(t) for t in WORD_RE.findall(text)) if w]


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Every word of `text` as (start, end, normalised word), for highlighting."""
    spans = []
    for match in WORD_RE.finditer(text):
        word = normalize_word(match.group())
        if word:
            spans.append((match.start(), match.end(), word))
    return spans
