"""BibTeX export: one entry per document and speaker quoted (`entries.cited_items`), keyed as in CSL-JSON.

Entry types: `@article` for newspaper and magazine articles, `@online` for web
pages and posts with a URL, `@misc` for everything else (talks, panels,
interviews, podcasts, hearings).  Field names are those BibTeX and biblatex
share, plus biblatex's `date`, `eventtitle` and `location`.  Values are
LaTeX-escaped (`& % $ # _ { } ~ ^ \\`); control characters are made visible.

BibTeX counts every brace in a value, escaped or not, so a literal `{` or
`}` is written as `\\textbraceleft{}` / `\\textbraceright{}`, never as `\\{`:
a lone `\\{` would leave the entry unbalanced (BibTeX rejects it, or
swallows the next field).  A word of a name that is "and" or holds a
comma, a hyphen or a LaTeX escape is braced, so BibTeX neither splits the
name there nor turns the hyphen into a space.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sayso.corpus.export.entries import Entry, cited_items
from sayso.corpus.safety import visible

_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_RE = re.compile("|".join(re.escape(ch) for ch in _LATEX_SPECIAL))


def latex_escape(text: str) -> str:
    """`text` as literal LaTeX on one line."""
    flat = " ".join(visible(text, keep_newlines=False).split())
    return _LATEX_RE.sub(lambda m: _LATEX_SPECIAL[m.group()], flat)


def url_value(url: str) -> str:
    """A URL for a BibTeX `url` field: left verbatim (hyperref reads it raw) except characters that would unbalance braces."""
    flat = "".join(visible(url, keep_newlines=False).split())
    return flat.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _name_token(token: str) -> str:
    """One word of a name, braced if BibTeX's name parser would split or change it.

    It splits names at "and" (any case) and parts at commas, and turns a
    hyphen into a space or a tie (after a short word, or in a word holding a
    LaTeX escape); inside braces a word is kept as it is.
    """
    if token.casefold() == "and" or any(ch in token for ch in ",-\\"):
        return "{" + token + "}"
    return token


def _name_part(text: str) -> str:
    """One part of a name (family, given, suffix), escaped, with the words BibTeX would change braced."""
    return " ".join(_name_token(token) for token in latex_escape(text).split(" "))


def bib_name(name: dict[str, str]) -> str:
    """A CSL name as BibTeX writes it: "von Last, Jr, First", or a literal name in braces."""
    if "literal" in name:
        return "{" + latex_escape(name["literal"]) + "}"
    last = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    parts = [_name_part(last)]
    if name.get("suffix"):
        parts.append(_name_part(name["suffix"]))
    if name.get("given"):
        parts.append(_name_part(name["given"]))
    return ", ".join(parts)


def entry_type(item: dict[str, Any]) -> str:
    if item["type"] in ("article-newspaper", "article-magazine", "article-journal"):
        return "article"
    if item["type"] in ("webpage", "post", "post-weblog") and "URL" in item:
        return "online"
    return "misc"


def render_item(item: dict[str, Any]) -> str:
    kind = entry_type(item)
    fields: list[tuple[str, str]] = []
    if item.get("author"):
        fields.append(("author", " and ".join(bib_name(n) for n in item["author"])))
    if item.get("title"):
        fields.append(("title", latex_escape(item["title"])))
    container = item.get("container-title")
    if container:
        fields.append(
            (
                "journal" if kind == "article" else "organization" if kind == "online" else "howpublished",
                latex_escape(container),
            )
        )
    for csl_field in ("publisher", "authority"):
        if item.get(csl_field):
            fields.append(("publisher", latex_escape(item[csl_field])))
    issued = item.get("issued", {})
    parts = issued.get("date-parts", [[]])[0] if "date-parts" in issued else []
    if parts:
        fields.append(("year", str(parts[0])))
        fields.append(("date", "-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(parts))))
    elif "literal" in issued:
        fields.append(("note", latex_escape(f"Date: {issued['literal']}")))
    if item.get("event"):
        fields.append(("eventtitle", latex_escape(item["event"])))
    place = item.get("event-place") or item.get("publisher-place")
    if place:
        fields.append(("location", latex_escape(place)))
    if item.get("URL"):
        fields.append(("url", url_value(item["URL"])))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{item['id']},\n{body}\n}}\n"


def render(entries: Sequence[Entry]) -> str:
    """The .bib text: one entry per document and speaker quoted, each speaker the author of their words."""
    items = cited_items(entries)
    return "% Exported by sayso\n\n" + "\n".join(render_item(item) for item in items)
