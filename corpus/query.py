"""Search queries and words: how text is cut into words and how a query is read.

Both the index and the query use the same two functions, so a word typed by
the user and a word in a transcript meet on the same normalised form:

- `WORD_RE` finds words in text (letters and digits, with inner apostrophes;
  hyphens and other punctuation split words, so "open-source" is the two words
  "open" and "source"; numbers keep inner separators, "10,000" and "3.5");
- `normalize_word` folds case and accents, drops apostrophes and a possessive
  "'s" ("LeCun's" -> "lecun", "don't" -> "dont").

`parse_query` reads what the user typed: bare words, "exact phrases",
`-excluded` words and `speaker:` / `doc:` / `kind:` / `tag:` facets.  It never
raises: unbalanced quotes, a lone `-` or an empty facet are read as well as
they can be.  No rapidfuzz here (corpus.fuzzy owns it).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

#: A word in text: a number with inner separators, or letters/digits (and
#: combining accents) with inner apostrophes.
WORD_RE = re.compile(r"\d+(?:[.,:]\d+)+|[\w\u0300-\u036f]+(?:['\u2019\u02bc\u2018][\w\u0300-\u036f]+)*")

#: Facets a query may name inline (`speaker:lecun`) or as arguments.
FACETS = ("speaker", "doc", "kind", "tag")

_APOSTROPHES = "'\u2019\u02bc\u2018"
_POSSESSIVE = re.compile(r"['\u2019\u02bc\u2018]s$")
_DROP = str.maketrans("", "", _APOSTROPHES + "_")
_QUERY_PART = re.compile(
    r"""(?P<space>\s+)
      | (?P<facet>(?i:speaker|doc|kind|tag)):(?:"(?P<fquoted>[^"]*)("|$)|(?P<fvalue>[^\s"]*))
      | (?P<neg>-)(?:"(?P<nquoted>[^"]*)("|$)|(?P<nword>[^\s"]+))?
      | "(?P<phrase>[^"]*)(?P<closed>"|$)
      | (?P<word>[^\s"]+)
    """,
    re.VERBOSE,
)


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
    return " ".join(normalize_word(w) for w in WORD_RE.findall(text) if normalize_word(w))


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


@dataclass
class Query:
    """What the user asked for, read from the query text.

    `words` are normalised bare words in typed order (a hyphenated word gives
    its parts); `prefix` says the last of them is still being typed.  `phrases`
    are lists of normalised words that must appear consecutively.  `facets`
    maps a facet name to the values given for it (any of them may match).
    """

    words: list[str] = field(default_factory=list)
    prefix: bool = False
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)
    facets: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to look for (facets alone still select passages)."""
        return not self.words and not self.phrases

    def all_words(self) -> list[str]:
        """Bare words then phrase words, each once, in order."""
        seen: dict[str, None] = {}
        for w in self.words:
            seen.setdefault(w, None)
        for phrase in self.phrases:
            for w in phrase:
                seen.setdefault(w, None)
        return list(seen)


def parse_query(text: str) -> Query:
    """Read a query string; never raises.

    >>> q = parse_query('speaker:"Kai-Fu" open sorce -closed "machine guns"')
    >>> q.facets, q.words, q.excluded, q.phrases
    ({'speaker': ['Kai-Fu']}, ['open', 'sorce'], [['closed']], [['machine', 'guns']])
    """
    query = Query()
    if not isinstance(text, str):
        return query
    last_kind = ""
    for match in _QUERY_PART.finditer(text):
        kind = match.lastgroup
        if match.group("space") is not None:
            last_kind = "space"
            continue
        if match.group("facet") is not None:
            name = match.group("facet").casefold()
            value = match.group("fquoted")
            if value is None:
                value = match.group("fvalue") or ""
            value = value.strip()
            if value:
                query.facets.setdefault(name, []).append(value)
            last_kind = "facet"
            continue
        if match.group("neg") is not None:
            raw = match.group("nquoted")
            if raw is None:
                raw = match.group("nword") or ""
            words = words_of(raw)
            if words:
                query.excluded.append(words)
            last_kind = "neg"
            continue
        if match.group("phrase") is not None or (kind == "closed"):
            words = words_of(match.group("phrase") or "")
            if match.group("closed") == '"':
                if len(words) > 1:
                    query.phrases.append(words)
                    last_kind = "phrase"
                elif words:
                    query.words.extend(words)
                    last_kind = "phrase"
            else:
                # An unclosed quote is a phrase still being typed: read its words as words.
                query.words.extend(words)
                last_kind = "word" if words else "phrase"
            continue
        words = words_of(match.group("word") or "")
        query.words.extend(words)
        last_kind = "word" if words else last_kind
    query.prefix = last_kind == "word" and bool(query.words)
    return query
