"""Words and folding: how text is cut into words and how words and names are compared.

The search index, a typed query and speaker names all meet on the same forms:

- `WORD_RE` finds words in text (letters and digits, with inner apostrophes;
  hyphens and other punctuation split words, so "open-source" is the two words
  "open" and "source"; numbers keep inner separators, "10,000" and "3.5");
- `normalize_word` folds case and accents, drops apostrophes and a possessive
  "'s" ("LeCun's" -> "lecun", "don't" -> "dont");
- `fold` does that to every word of a name or title and joins them with spaces
  (corpus.identity builds the one speaker-name key on it).

Scripts written without spaces between words (Chinese characters, Japanese
kana and kanji) have no word boundaries to find: inside a WORD_RE match, a
run of their characters becomes its overlapping character pairs ("毎年赤字":
"毎年", "年赤", "赤字"; one character alone stays one token), so that a word
from the middle of a sentence is found as the pairs it is made of, a phrase
as consecutive pairs.  The rest of the match (Latin letters, digits) stays
words ("AI技術": "ai", "技術").  Korean is written with spaces and is left as
it is.  `tokens` is that one tokeniser: `words_of`, `word_spans` and `fold`
read it, and so do the index, the query and the highlighting.

A leaf module: it imports nothing from corpus.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

#: A word in text: a number with inner separators, or letters/digits (and
#: combining accents) with inner apostrophes.
WORD_RE = re.compile(r"\d+(?:[.,:]\d+)+|[\w\u0300-\u036f]+(?:['\u2019\u02bc\u2018][\w\u0300-\u036f]+)*")

#: Characters of scripts written without spaces: 々 〆 〇, Hiragana, Katakana (with ー), Katakana
#: phonetic extensions, CJK Unified Ideographs (with Extension A, and B onwards), the compatibility
#: ideographs and half-width katakana.  Not Hangul.
_UNSPACED_CHARS = (
    "\u3005-\u3007\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    "\U00020000-\U0003134f"
)
_UNSPACED = re.compile(f"[{_UNSPACED_CHARS}]")
_UNSPACED_RUN = re.compile(f"[{_UNSPACED_CHARS}]+")

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
        if word[0] >= "\u3005" and _UNSPACED.match(word):
            # A pair (or one) of unspaced-script characters: only widths and compatibility forms are folded
            # (a kana's voicing mark is no accent: か and が are other sounds).
            return unicodedata.normalize("NFKC", word)
        word = strip_accents(word).casefold()
    if "'" in word or not word.isascii():
        word = _POSSESSIVE.sub("", word)
    word = word.translate(_DROP)
    if "," in word and word[:1].isdigit():
        word = word.replace(",", "")
    return word


def has_unspaced(text: str) -> bool:
    """Whether `text` holds characters of scripts written without spaces (then `tokens` cuts them in pairs)."""
    return not text.isascii() and _UNSPACED.search(text) is not None


def tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """Every token of `text` as (start, end, its characters), in order: the WORD_RE matches, those
    holding characters of unspaced scripts cut into those characters' pairs and the other parts' words.

    Tokens may normalise to nothing (underscores); the callers skip them."""
    if not has_unspaced(text):
        for match in WORD_RE.finditer(text):
            yield match.start(), match.end(), match.group()
        return
    for match in WORD_RE.finditer(text):
        word = match.group()
        if not _UNSPACED.search(word):
            yield match.start(), match.end(), word
            continue
        base = match.start()
        at = 0
        for run in _UNSPACED_RUN.finditer(word):
            if run.start() > at:  # letters or digits before the run
                for part in WORD_RE.finditer(word, at, run.start()):
                    yield base + part.start(), base + part.end(), part.group()
            start, end = run.span()
            if end - start == 1:
                yield base + start, base + end, run.group()
            for i in range(start, end - 1):
                yield base + i, base + i + 2, word[i : i + 2]
            at = end
        if at < len(word) and not _POSSESSIVE.fullmatch(word, at):  # ("技術's": a possessive, as before)
            for part in WORD_RE.finditer(word, at):
                yield base + part.start(), base + part.end(), part.group()


def count_words(text: str) -> int:
    """How many words `text` holds, as people count them: whitespace-separated words (`str.split`'s), and in
    scripts written without spaces each character one word, as word processors count Chinese and Japanese
    ("この五年は毎年赤字です。" is 11; its full stop none)."""
    if not has_unspaced(text):
        return len(text.split())
    rest = _UNSPACED_RUN.sub(" ", text).split()
    return len(_UNSPACED.findall(text)) + sum(1 for t in rest if any(c.isalnum() for c in t))


def fold(text: str) -> str:
    """Case- and accent-folded text with punctuation turned to single spaces (for names and titles)."""
    return " ".join(words_of(text))


def words_of(text: str) -> list[str]:
    """The normalised words of `text`, in order (empty ones dropped)."""
    if not has_unspaced(text):
        return [w for w in (normalize_word(t) for t in WORD_RE.findall(text)) if w]
    return [w for w in (normalize_word(t) for _, _, t in tokens(text)) if w]


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Every word of `text` as (start, end, normalised word), for highlighting."""
    spans = []
    for start, end, token in tokens(text):
        word = normalize_word(token)
        if word:
            spans.append((start, end, word))
    return spans
