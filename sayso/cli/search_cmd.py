"""`sayso search`: typo-tolerant search from the shell, as text or JSON."""

from __future__ import annotations

import argparse
import sys

from sayso.cli import common_options, emit, positive_int
from sayso.corpus.errors import SaysoError
from sayso.corpus.library import Library
from sayso.corpus.models import Hit
from sayso.corpus.query import parse_query
from sayso.corpus.safety import visible

#: Characters of context shown each side of the first match in text output.
CONTEXT = 70


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "search",
        parents=[common_options()],
        free_words=True,  # "-word" is a word of the query (an exclusion), not an option
        help='find who said what (typos forgiven; "phrases", -exclude, speaker:, doc:, kind:, tag:)',
        description=(
            'Search every passage. Words may be misspelt; "double quotes" ask for an exact phrase; '
            "-word excludes; speaker:NAME, doc:TITLE, kind:KIND and tag:TAG narrow inline "
            '(quote values with spaces: speaker:"Kai-Fu Lee").'
        ),
    )
    p.add_argument("query", nargs="+", metavar="QUERY", help="what to look for")
    p.add_argument("--speaker", metavar="NAME", help="only passages by this speaker (name or alias)")
    p.add_argument("--doc", metavar="DOC", help="only this document (id or title)")
    p.add_argument("--kind", metavar="KIND", help="only documents of this kind (panel, interview, ...)")
    p.add_argument("--tag", metavar="TAG", help="only passages holding a quote with this tag")
    p.add_argument(
        "--meaning",
        action="store_true",
        help="also find passages close in meaning (offline model), blended with the word hits; "
        "a hit found only by meaning is marked",
    )
    p.add_argument("--limit", type=positive_int, default=10, metavar="N", help="at most N hits (default 10)")
    p.set_defaults(handler=cmd_search)


def keyword_in_context(hit: Hit, width: int = CONTEXT) -> str:
    """One line around the first matched word, matched words marked [like this], controls made visible."""
    text = hit.text
    spans = sorted(hit.spans)
    if spans:
        # Centre on the stretch holding the most matched words.
        best = max(
            range(len(spans)),
            key=lambda i: (sum(1 for s in spans if spans[i][0] <= s[0] < spans[i][0] + width * 2), -i),
        )
        first = spans[best][0]
        lo = max(0, first - width)
        hi = min(len(text), spans[best][1] + width * 2)
        while lo > 0 and not text[lo - 1].isspace() and first - lo < width + 20:
            lo -= 1
    else:
        lo, hi = 0, min(len(text), width * 3)
    pieces: list[str] = []
    at = lo
    for start, end in spans:
        if start < at or end > hi:
            continue
        pieces.append(text[at:start])
        pieces.append("[" + text[start:end] + "]")
        at = end
    pieces.append(text[at:hi])
    line = "".join(pieces)
    line = " ".join(line.split())
    return ("…" if lo > 0 else "") + visible(line, keep_newlines=False) + ("…" if hi < len(text) else "")


def format_hits(hits: list[Hit]) -> str:
    """Readable blocks: speaker and document, then the keyword-in-context line."""
    if not hits:
        return "no matches"
    blocks = []
    for hit in hits:
        who = hit.speaker or "(no speaker)"
        when = ""
        if hit.start is not None:
            total = int(hit.start)
            when = f" @ {total // 3600:d}:{total % 3600 // 60:02d}:{total % 60:02d}"
        # Numbered from 1, as the app ("turn 1/3") and the exports ("¶ 1") number passages.
        head = f"{who} — {hit.title} #{hit.index + 1}{when}  ({hit.passage}, score {hit.score:.2f})"
        if hit.match == "meaning":
            head += "  [by meaning]"
        blocks.append(visible(head, keep_newlines=False) + "\n  " + keyword_in_context(hit))
    return "\n\n".join(blocks)


def cmd_search(args: argparse.Namespace, lib: Library) -> int:
    query = " ".join(args.query)
    facets = (args.speaker, args.doc, args.kind, args.tag)
    if (not query.strip() or parse_query(query).asks_nothing) and not any(f and f.strip() for f in facets):
        raise SaysoError("nothing to search for: give a word or a phrase")
    if args.meaning and lib.server is not None:
        raise SaysoError(
            "search by meaning works on a local library only; a shared archive has word search "
            "(drop --meaning, or add --local for your own library)"
        )
    hits = lib.search(
        query,
        limit=args.limit,
        speaker=args.speaker,
        doc=args.doc,
        kind=args.kind,
        tag=args.tag,
        meaning=args.meaning,
    )
    if not hits:
        unknown = lib.index.unmatched_facets(query, speaker=args.speaker, doc=args.doc)
        if unknown:
            raise SaysoError("; ".join(unknown))
    if parse_query(query).unclosed:
        # (said with hits or without: an open quote may be why there are none, or why there are these)
        print(
            'sayso: note: a quote (") is not closed: a speaker: or doc: value after it runs to the end of the query',
            file=sys.stderr,
        )
    emit(args, [h.to_dict() for h in hits], lambda: format_hits(hits))
    return 0
