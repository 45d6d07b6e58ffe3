"""Search queries: how what the user typed is read.

Query words are cut and folded by corpus.words, as the index's words are, so a
word typed by the user and a word in a transcript meet on the same form.

`parse_query` reads what the user typed: bare words, "exact phrases",
`-excluded` words and `speaker:` / `doc:` / `kind:` / `tag:` facets.  It never
raises: unbalanced quotes, a lone `-` or an empty facet are read as well as
they can be.  No rapidfuzz here (corpus.fuzzy owns it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sayso.corpus.words import words_of

#: Facets a query may name inline (`speaker:lecun`) or as arguments.
FACETS = ("speaker", "doc", "kind", "tag")

_QUERY_PART = re.compile(
    r"""(?P<space>\s+)
      | (?P<facet>(?i:speaker|doc|kind|tag)):(?:"(?P<fquoted>[^"]*)("|$)|(?P<fvalue>[^\s"]*))
      | (?P<neg>-)(?:"(?P<nquoted>[^"]*)("|$)|(?P<nword>[^\s"]+))?
      | "(?P<phrase>[^"]*)(?P<closed>"|$)
      | (?P<word>[^\s"]+)
    """,
    re.VERBOSE,
)


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
