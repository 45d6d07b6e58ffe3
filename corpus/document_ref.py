"""Which documents a user's reference names: the one rule for `sayso show REF`, a quote's
document and search's `doc:` facet.

A reference is tried against each rule in turn and the first rule that finds
anything wins: the whole id, an id prefix of four characters or more, the
whole title or source, then part of the title or source (case and accents
folded).  `find_document` wants exactly one; a filter takes every document
named.  Pure functions over ids and names, so the search index (which keeps
only ids and titles) and the library (whole documents) share them.
"""

from __future__ import annotations

from collections.abc import Sequence

from sayso.corpus.errors import Ambiguous, NotFound
from sayso.corpus.fuzzy import fuzzy_choices
from sayso.corpus.models import Document
from sayso.corpus.words import fold

#: An id prefix shorter than this is read as a title instead (too many ids would share it).
MIN_ID_PREFIX = 4


def documents_named(ref: str, ids: Sequence[str], names: Sequence[Sequence[str]]) -> list[int]:
    """The indexes of the documents `ref` names, by the first rule that finds any (see the module).

    `names[i]` are what document `ids[i]` is called (its title, and its source when known).
    """
    key = ref.strip()
    if not key:
        return []
    found = [i for i, doc_id in enumerate(ids) if doc_id == key]
    if not found and len(key) >= MIN_ID_PREFIX:
        found = [i for i, doc_id in enumerate(ids) if doc_id.startswith(key)]
    if found:
        return found
    folded = fold(key)
    if not folded:
        return []
    folded_names = [[fold(n) for n in doc_names if n] for doc_names in names]
    found = [i for i, doc_names in enumerate(folded_names) if folded in doc_names]
    if found:
        return found
    return [i for i, doc_names in enumerate(folded_names) if any(folded in n for n in doc_names)]


def documents_like(ref: str, titles: Sequence[str], *, limit: int = 3, cutoff: float = 60) -> list[int]:
    """The indexes of the titles most like `ref`, best first (typo-tolerant; for "did you mean")."""
    folded = fold(ref)
    if not folded:
        return []
    return fuzzy_choices(folded, [fold(t) for t in titles], limit=limit, cutoff=cutoff)


def unmatched_lines(
    speakers: Sequence[str],
    docs: Sequence[str],
    names: Sequence[str],
    titles: Sequence[str],
    *,
    unclosed: bool = False,
) -> list[str]:
    """One line for each speaker and document a search's facets named that matched nothing, with the closest
    of `names` or `titles` ("no speaker 'nobodyxyz'; closest: ..."); and, when the query left a quote
    open (`unclosed`), a line saying that what followed it was read as one value."""
    lines = []
    for value in speakers:
        near = [names[i] for i in fuzzy_choices(value, list(names), limit=3, cutoff=60)]
        lines.append(f"no speaker {value!r}" + (f"; closest: {', '.join(near)}" if near else ""))
    for value in docs:
        near = [titles[i] for i in documents_like(value, titles, limit=3, cutoff=60)]
        lines.append(f"no document {value!r}" + (f"; closest: {', '.join(near)}" if near else ""))
    if lines and unclosed:
        lines.append('a quote (") is not closed, so a value after it runs to the end of the query')
    return lines


def find_document(ref: str, docs: Sequence[Document]) -> Document:
    """The one document `ref` names; NotFound (with near titles) or Ambiguous (listing them) otherwise."""
    if not ref.strip():
        raise NotFound("no document named: give an id, id prefix or title", what="document", ref=ref)
    found = [docs[i] for i in documents_named(ref, [d.id for d in docs], [(d.title, d.source) for d in docs])]
    if len(found) == 1:
        return found[0]
    if found:
        raise Ambiguous(f"document {ref!r} matches several: " + listed(found) + " (use the id)")
    near = [docs[i] for i in documents_like(ref, [d.title for d in docs])]
    hint = "; did you mean " + listed(near) + "?" if near else ""
    raise NotFound(f"no document matches {ref!r}{hint}", what="document", ref=ref)


def listed(docs: Sequence[Document]) -> str:
    """A few documents as `id 'title'`, for a message."""
    return "; ".join(f"{d.id} {d.title!r}" for d in docs[:5]) + (" …" if len(docs) > 5 else "")
