"""`sayso stats`: who spoke how much, in one document or across the library, as a table or JSON."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from sayso.cli import common_options, emit
from sayso.corpus.errors import NotFound
from sayso.corpus.fuzzy import fuzzy_choices
from sayso.corpus.identity import name_key
from sayso.corpus.library import Library
from sayso.corpus.models import Speaker
from sayso.corpus.safety import visible
from sayso.corpus.stats import (
    WORDS_PER_MINUTE,
    CorpusStats,
    DocumentStats,
    PersonStats,
    clock,
    corpus_stats,
    document_stats,
    percent,
)

#: Widest a name is shown in a table (longer names are cut with …).
NAME_WIDTH = 28


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "stats",
        parents=[common_options()],
        help="who spoke how much: turns, words, talk time, share, longest turn, first and last appearance",
        description=(
            "Statistics per person, for one document or the whole library. Talk time comes from timestamps "
            f"where the document has them; otherwise it is estimated at {WORDS_PER_MINUTE} words a minute and "
            "marked ~. Shares are of the talk time when all of it is timed, else of the words (the output says which)."
        ),
    )
    p.add_argument("doc", nargs="?", metavar="DOC", help="one document (id, id prefix or title); default: all")
    p.add_argument("--speaker", metavar="NAME", help="one person (name or alias): their figures and documents")
    p.set_defaults(handler=cmd_stats)


def cmd_stats(args: argparse.Namespace, lib: Library) -> int:
    if args.doc is not None:
        doc = lib.document(args.doc)
        figures = document_stats(lib, doc)
        if args.speaker is not None:
            here = _person_in(lib.speaker(args.speaker, doc=doc.id), figures)
            emit(
                args,
                {"document": figures.to_dict(), "speaker": here.to_dict()},
                lambda: format_person(here, titles={doc.id: doc.title}),
            )
            return 0
        emit(args, figures.to_dict(), lambda: format_document(figures))
        return 0
    if args.speaker is not None:
        speaker = _speaker(lib, args.speaker)
        docs = [d for d in lib.documents() if d.id in speaker.counts or d.id in speaker.documents]
        totals, per_doc = corpus_stats(lib, docs)
        keys = {name_key(n) for n in [speaker.name, *speaker.aliases]}
        person = next((p for p in totals.people if name_key(p.name) == name_key(speaker.name)), None)
        if person is None:
            raise NotFound(f"{speaker.name!r} has no passages", what="speaker", ref=args.speaker)
        rows = [(d, s) for d in per_doc for s in d.speakers if name_key(s.name) in keys]
        data = {
            "speaker": person.to_dict(),
            "documents": [{"document": d.document, "title": d.title, "date": d.date, **s.to_dict()} for d, s in rows],
        }
        emit(args, data, lambda: format_person(person, rows))
        return 0
    totals, per_doc = corpus_stats(lib)
    emit(
        args,
        {**totals.to_dict(), "per_document": [d.to_dict() for d in per_doc]},
        lambda: format_corpus(totals, per_doc),
    )
    return 0


def _speaker(lib: Library, ref: str) -> Speaker:
    """The speaker `ref` names; not found, the closest names are in the one-line error."""
    try:
        return lib.speaker(ref)
    except NotFound as exc:
        speakers = lib.speakers()
        names = sorted({n for s in speakers for n in [s.name, *s.aliases]})
        near = [names[i] for i in fuzzy_choices(ref, names, limit=3, cutoff=60)]
        if not near:
            raise
        raise NotFound(f"{exc}; closest: {', '.join(near)}", what="speaker", ref=ref) from None


def _person_in(speaker: Speaker, figures: DocumentStats) -> PersonStats:
    keys = {name_key(n) for n in [speaker.name, *speaker.aliases]}
    for s in figures.speakers:
        if name_key(s.name) in keys:
            return s
    raise NotFound(f"{speaker.name!r} does not speak in {figures.title!r}", what="speaker", ref=speaker.name)


# -- text -----------------------------------------------------------------------------------------------


def talk(seconds: float, estimated: bool) -> str:
    """A talk time for a table: h:mm:ss, with ~ before it when any of it is estimated."""
    return ("~" if estimated else "") + clock(seconds)


def _cell(text: str, width: int) -> str:
    text = visible(text, keep_newlines=False)
    return text if len(text) <= width else text[: width - 1] + "…"


def table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> str:
    """Columns padded to their widest cell; numbers (right=True) aligned right."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)).rstrip()

    return "\n".join([line(header), *(line(r) for r in rows)])


def _people_table(people: Sequence[PersonStats], *, corpus: bool) -> str:
    header = ["person", "turns", "words", "talk", "share", "longest turn"]
    right = [False, True, True, True, True, True]
    if corpus:
        header += ["docs", "first", "last"]
        right += [True, False, False]
    rows = []
    for p in people:
        row = [
            _cell(p.name, NAME_WIDTH),
            str(p.turns),
            f"{p.words:,}",
            talk(p.seconds, p.estimated),
            percent(p.share),
            f"{p.longest_turn_words:,} words",
        ]
        if corpus:
            row += [str(p.documents), _date(p.first), _date(p.last)]
        rows.append(row)
    return table(header, rows, right)


def _date(seen: Any) -> str:
    return visible(seen.date, keep_newlines=False) if seen is not None and seen.date else "-"


def _basis_line(basis: str, estimated: bool) -> str:
    line = "share of the talk time" if basis == "time" else "share of the words (not every turn is timed)"
    if estimated:
        line += f"; ~ talk time estimated at {WORDS_PER_MINUTE} words a minute"
    return line


def format_document(d: DocumentStats) -> str:
    head = visible(d.title, keep_newlines=False) + (f" ({visible(d.date, keep_newlines=False)})" if d.date else "")
    summary = (
        f"{_n(d.passages, 'passage')}, {_n(d.turns, 'turn')}, {d.words:,} words, {talk(d.seconds, d.estimated)} talk, "
        f"{_n(len(d.speakers), 'speaker')}"
    )
    lines = [head, summary, ""]
    if d.speakers:
        lines += [_people_table(d.speakers, corpus=False), "", _basis_line(d.share_basis, d.estimated)]
    else:
        lines.append("no passage is attributed to a speaker")
    if d.unattributed_words:
        lines.append(f"{d.unattributed_words:,} words attributed to no one (titles, directions) are not in the shares")
    return "\n".join(lines)


def format_corpus(c: CorpusStats, per_doc: Sequence[DocumentStats]) -> str:
    if not c.documents:
        return "no documents yet"
    summary = (
        f"{_n(c.documents, 'document')}, {_n(c.passages, 'passage')}, {_n(c.turns, 'turn')}, "
        f"{c.words:,} words, {talk(c.seconds, c.estimated)} talk, {len(c.people)} people"
    )
    lines = [summary, ""]
    if c.people:
        lines += [_people_table(c.people, corpus=True), "", _basis_line(c.share_basis, c.estimated)]
    return "\n".join(lines)


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def format_person(
    p: PersonStats, rows: Sequence[tuple[DocumentStats, PersonStats]] = (), titles: dict[str, str] | None = None
) -> str:
    titles = titles or {d.document: d.title for d, _ in rows}
    lines = [
        visible(p.name, keep_newlines=False),
        f"{_n(p.turns, 'turn')}, {_n(p.passages, 'passage')}, {p.words:,} words, {talk(p.seconds, p.estimated)} talk, "
        f"{percent(p.share)} of the talk" + (" in their documents" if rows else ""),
        f"longest turn: {p.longest_turn_words:,} words ({talk(p.longest_turn_seconds, p.estimated)}), "
        f"from passage {p.longest_turn_passage + 1} of {visible(titles.get(p.longest_turn_document, p.longest_turn_document), keep_newlines=False)}",
    ]
    if rows:
        lines.append(f"{_n(p.documents, 'document')}; first {_date(p.first)}, last {_date(p.last)}")
        lines.append("")
        body = [
            [
                _cell(d.title, 40),
                _date(d) if d.date else "-",
                str(s.turns),
                f"{s.words:,}",
                talk(s.seconds, s.estimated),
                percent(s.share),
            ]
            for d, s in rows
        ]
        lines.append(table(["document", "date", "turns", "words", "talk", "share"], body, [False, False] + [True] * 4))
    if p.estimated:
        lines.append(f"~ talk time estimated at {WORDS_PER_MINUTE} words a minute")
    return "\n".join(lines)
