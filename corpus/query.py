"""What the user types to find things: search queries and the quote filter, one grammar.

Query words are cut and folded by corpus.words, as the index's words are, so a
word typed by the user and a word in a transcript meet on the same form.

`parse_query` reads what the user typed: bare words, "exact phrases",
`-excluded` words and `name:value` facets (`speaker:"Ada Lovelace"`).  Which
facet names a caller reads is its table: search reads `speaker:` / `doc:` /
`kind:` / `tag:` / `role:` / `from:`; the quote filter (`parse_quote_filter`, the Quotes pane and
the export dialog) reads `speaker:` / `doc:` / `tag:` the same way, plus
`is:review` (or `status:`), `by:` (who made or last changed a quote; `by:me`)
and the `#tag` shorthand.  It never raises: unbalanced quotes, a lone `-` or
an empty facet are read as well as they can be.  No rapidfuzz here (corpus.fuzzy owns it).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sayso.corpus.words import words_of

#: Facets a search query may name inline (`speaker:lecun`) or as arguments; `role:` and `from:`
#: select the turns of people whose role or affiliation the user gave (`sayso speaker edit --role`).
FACETS = ("speaker", "doc", "kind", "tag", "role", "from")

#: What search reads as facets: the name typed -> the facet it sets.
SEARCH_FACETS: Mapping[str, str] = {name: name for name in FACETS}

#: What the quote filter reads as facets; "#" is the `#tag` shorthand.
QUOTE_FACETS: Mapping[str, str] = {
    "speaker": "speaker",
    "doc": "doc",
    "tag": "tag",
    "#": "tag",
    "is": "status",
    "status": "status",
    "by": "by",
}


@functools.cache
def _query_part(names: tuple[str, ...], hashtags: bool) -> re.Pattern[str]:
    """The grammar's one pattern, reading `names` as facets (and `#word` as a facet when `hashtags`)."""
    hashtag = r'| \#(?P<hashtag>[^\s"]+)' if hashtags else ""
    facet = "|".join(map(re.escape, names)) or "(?!)"  # (?!) never matches: no facets read
    return re.compile(
        rf"""(?P<space>\s+)
          | (?P<facet>(?i:{facet})):(?:"(?P<fquoted>[^"]*)(?P<fclosed>"|$)|(?P<fvalue>[^\s"]*))
          | (?P<neg>-)(?:"(?P<nquoted>[^"]*)(?P<nclosed>"|$)|(?P<nword>[^\s"]+))?
          | "(?P<phrase>[^"]*)(?P<closed>"|$)
          {hashtag}
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
    `text` is the words and phrases as typed, for a filter that reads text
    rather than words (the quote filter).
    """

    words: list[str] = field(default_factory=list)
    prefix: bool = False
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)
    facets: dict[str, list[str]] = field(default_factory=dict)
    text: str = ""
    #: a `"` opened and never closed: what follows it to the end was read as one phrase or value
    unclosed: bool = False

    @property
    def is_empty(self) -> bool:
        """True when there is nothing to look for (facets alone still select passages)."""
        return not self.words and not self.phrases

    @property
    def asks_nothing(self) -> bool:
        """True when the query names nothing at all: no word, phrase, exclusion or facet value (`"`, `*`,
        `((`, an emoji, `speaker:` alone), so a search has no answer rather than every passage."""
        return self.is_empty and not self.excluded and not any(v.strip() for vs in self.facets.values() for v in vs)

    def all_words(self) -> list[str]:
        """Bare words then phrase words, each once, in order."""
        seen: dict[str, None] = {}
        for w in self.words:
            seen.setdefault(w, None)
        for phrase in self.phrases:
            for w in phrase:
                seen.setdefault(w, None)
        return list(seen)


def parse_query(text: str, facets: Mapping[str, str] = SEARCH_FACETS) -> Query:
    """Read a query string, `facets` naming the facets the caller reads (see the module); never raises.

    >>> q = parse_query('speaker:"Kai-Fu" open sorce -closed "machine guns"')
    >>> q.facets, q.words, q.excluded, q.phrases
    ({'speaker': ['Kai-Fu']}, ['open', 'sorce'], [['closed']], [['machine', 'guns']])
    """
    query = Query()
    if not isinstance(text, str):
        return query
    names = tuple(name for name in facets if name != "#")
    free: list[str] = []
    last_kind = ""
    for match in _query_part(names, "#" in facets).finditer(text):
        kind = match.lastgroup
        if match.group("space") is not None:
            last_kind = "space"
            continue
        hashtag = match.groupdict().get("hashtag")
        if match.group("facet") is not None or hashtag is not None:
            if hashtag is not None:
                name, value = facets["#"], hashtag
            else:
                name = facets[match.group("facet").casefold()]
                value = match.group("fquoted")
                if value is not None and match.group("fclosed") != '"':
                    query.unclosed = True
                if value is None:
                    value = match.group("fvalue") or ""
            value = value.strip()
            if value:
                query.facets.setdefault(name, []).append(value)
            last_kind = "facet"
            continue
        if match.group("neg") is not None:
            raw = match.group("nquoted")
            if raw is not None and match.group("nclosed") != '"':
                query.unclosed = True
            if raw is None:
                raw = match.group("nword") or ""
            words = words_of(raw)
            if words:
                query.excluded.append(words)
            last_kind = "neg"
            continue
        if match.group("phrase") is not None or (kind == "closed"):
            free.append(match.group("phrase") or "")
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
                query.unclosed = True
                query.words.extend(words)
                last_kind = "word" if words else "phrase"
            continue
        free.append(match.group("word") or "")
        words = words_of(match.group("word") or "")
        query.words.extend(words)
        last_kind = "word" if words else last_kind
    query.prefix = last_kind == "word" and bool(query.words)
    query.text = " ".join(" ".join(free).split())
    return query


@dataclass(frozen=True)
class QuoteFilter:
    """What the quote filter line asks for, as the arguments of QuoteBook.list.

    `text` is the words and phrases typed (a typo-tolerant filter), `exclude`
    the `-excluded` words or phrases in folded form; of a facet given twice the
    last one typed counts.
    """

    text: str = ""
    tag: str | None = None
    speaker: str | None = None
    doc: str | None = None
    status: str | None = None
    exclude: tuple[str, ...] = ()
    #: who made or last changed the quotes ("me": the user of the quote book)
    by: str | None = None

    def list_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for QuoteBook.list."""
        return {
            "text": self.text or None,
            "tag": self.tag,
            "speaker": self.speaker,
            "doc": self.doc,
            "status": self.status,
            "exclude": list(self.exclude) or None,
            "by": self.by,
        }

    @property
    def empty(self) -> bool:
        """True when the line asks for nothing: every quote is listed."""
        return not (self.text or self.tag or self.speaker or self.doc or self.status or self.exclude or self.by)


def parse_quote_filter(line: str) -> QuoteFilter:
    """Read the quote filter typed in the Quotes pane or the export dialog; never raises.

    open data  tag:climate  speaker:"Ada Lovelace"  doc:panel  #policy  is:review  by:me  -draft
    """
    query = parse_query(line, QUOTE_FACETS)

    def last(name: str) -> str | None:
        values = query.facets.get(name)
        return values[-1] if values else None

    return QuoteFilter(
        text=query.text,
        tag=last("tag"),
        speaker=last("speaker"),
        doc=last("doc"),
        status=last("status"),
        exclude=tuple(" ".join(words) for words in query.excluded),
        by=last("by"),
    )


def facet_values(query: str, speaker: str | None = None, doc: str | None = None) -> tuple[list[str], list[str]]:
    """The `speaker:` and `doc:` values a search names, the query's and its arguments' (for saying which
    of them matched nothing)."""
    facets = parse_query(query if isinstance(query, str) else "").facets
    speakers = [*facets.get("speaker", []), *([speaker.strip()] if speaker and speaker.strip() else [])]
    docs = [*facets.get("doc", []), *([doc.strip()] if doc and doc.strip() else [])]
    return speakers, docs
