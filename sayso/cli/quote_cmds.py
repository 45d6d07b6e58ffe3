"""Quote commands: `sayso quote add|edit|rm|show|reattach|detach|restore-backup` and `sayso quotes`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sayso.cli import common_options, emit, print_error
from sayso.corpus.anchoring import one_line
from sayso.corpus.errors import EditConflict, SaysoError
from sayso.corpus.library import Library
from sayso.corpus.models import Quote
from sayso.corpus.quotes import NEEDS_REVIEW, short_id
from sayso.corpus.restore import restore, start_afresh


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    common = common_options()

    p = sub.add_parser("quote", parents=[common], help="add, edit or remove a quote")
    actions = p.add_subparsers(dest="quote_command", metavar="ACTION", required=True)

    a = actions.add_parser("add", parents=[common], help="quote a document's exact words")
    a.add_argument(
        "doc",
        metavar="DOC",
        help="document id, id prefix or title; or a passage id as `sayso search` prints it (DOC:N): the words in that turn",
    )
    a.add_argument(
        "--exact", required=True, metavar="WORDS", help="the words, as in the text (spacing and case may differ)"
    )
    a.add_argument("--prefix", metavar="WORDS", help="words right before the quote, to pick one of several places")
    a.add_argument("--suffix", metavar="WORDS", help="words right after the quote, to pick one of several places")
    a.add_argument("--occurrence", type=int, metavar="N", help="take the N-th place the words occur (1 = first)")
    a.add_argument("--note", default="", metavar="TEXT", help="your note")
    a.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeat for several)")
    a.set_defaults(handler=cmd_add)

    e = actions.add_parser("edit", parents=[common], help="change a quote's note or tags")
    e.add_argument("id", metavar="ID", help="quote id or unique id prefix")
    e.add_argument("--note", metavar="TEXT", help='replace the note ("" clears it)')
    e.add_argument("--tag", action="append", default=[], metavar="TAG", help="add a tag (repeatable)")
    e.add_argument("--untag", action="append", default=[], metavar="TAG", help="remove a tag (repeatable)")
    e.add_argument(
        "--if-revision",
        type=int,
        default=None,
        metavar="N",
        help="change it only if it is still at revision N (as you saw it in `sayso quote show`); if someone "
        "changed it since, nothing is overwritten: both versions are printed and the exit status is 3",
    )
    privacy = e.add_mutually_exclusive_group()
    privacy.add_argument(
        "--private",
        dest="private",
        action="store_const",
        const=True,
        default=None,
        help="on a shared archive: only you can read the note (the server enforces it)",
    )
    privacy.add_argument(
        "--shared",
        dest="private",
        action="store_const",
        const=False,
        help="on a shared archive: everyone in the team can read the note (the default)",
    )
    e.set_defaults(handler=cmd_edit)

    r = actions.add_parser("rm", parents=[common], help="delete a quote")
    r.add_argument("id", metavar="ID", help="quote id or unique id prefix")
    r.set_defaults(handler=cmd_rm)

    s = actions.add_parser("show", parents=[common], help="print one quote with its context and history")
    s.add_argument("id", metavar="ID", help="quote id or unique id prefix")
    s.set_defaults(handler=cmd_show)

    t = actions.add_parser("reattach", parents=[common], help="anchor a quote needing review to new positions")
    t.add_argument("id", metavar="ID", help="quote id or unique id prefix")
    t.add_argument("start", type=int, nargs="?", metavar="START", help="character position in the document text")
    t.add_argument("end", type=int, nargs="?", metavar="END", help="character position where the quote ends")
    t.add_argument("--suggested", action="store_true", help="use the place re-anchoring suggested")
    t.set_defaults(handler=cmd_reattach)

    d = actions.add_parser("detach", parents=[common], help="keep a quote needing review as it is, without a place")
    d.add_argument("id", metavar="ID", help="quote id or unique id prefix")
    d.set_defaults(handler=cmd_detach)

    b = actions.add_parser("restore-backup", parents=[common], help="bring quotes.json back from a backup")
    b.add_argument("file", nargs="?", metavar="FILE", help="backup file (default: the newest good backup)")
    b.add_argument(
        "--empty", action="store_true", help="no good backup: start an empty quotes file (damaged copies kept)"
    )
    b.add_argument("--list", action="store_true", help="list the good backups instead")
    b.set_defaults(
        handler=cmd_restore_backup,
        open_library=False,
        local_only="restore-backup brings back a local quotes.json; a shared archive's quotes are backed up on "
        "its server (pg_dump)",
    )

    q = sub.add_parser("quotes", parents=[common], help="list quotes (filter, verify, review)")
    q.add_argument("--tag", metavar="TAG", help="only quotes with this tag")
    q.add_argument("--speaker", metavar="NAME", help="only quotes by this speaker (name or alias)")
    q.add_argument("--doc", metavar="DOC", help="only quotes from this document (id, id prefix or title)")
    q.add_argument("--text", metavar="WORDS", help="typo-tolerant filter over words, notes and tags")
    q.add_argument(
        "--by",
        metavar="NAME",
        help="only quotes made or last changed by this person (on a shared archive, their user name; me: you)",
    )
    q.add_argument("--review", action="store_true", help="only quotes that need review after their document changed")
    q.add_argument("--verify", action="store_true", help="re-check every quote's words against the current text")
    q.set_defaults(handler=cmd_quotes)


def quote_json(quote: Quote, titles: dict[str, str] | None = None) -> dict[str, Any]:
    """A quote as `sayso quotes --json` prints it: the stored fields plus a short id and the title."""
    data = quote.to_dict()
    data["short_id"] = short_id(quote)
    if titles is not None:
        data["title"] = titles.get(quote.document)
    return data


def authors(quote: Quote) -> str:
    """Who made the quote and who last changed it, e.g. "by ana, changed by ben" ("" when not recorded)."""
    made = f"by {quote.created_by}" if quote.created_by else ""
    changed = quote.modified_by if quote.modified_by and quote.modified_by != quote.created_by else ""
    return ", ".join(part for part in (made, f"changed by {changed}" if changed else "") if part)


def quote_line(quote: Quote, titles: dict[str, str], *, team: bool = False) -> str:
    """One quote on one line; with `team` (a shared archive) also who made and changed it."""
    who = quote.speaker or "no speaker"
    title = titles.get(quote.document, f"removed document {quote.document}")
    line = f"{short_id(quote)}  {who} · {one_line(title, 40)}  \u201c{one_line(quote.exact, 90)}\u201d"
    if quote.tags:
        line += "  " + " ".join(f"#{t}" for t in quote.tags)
    if quote.note:
        line += f"  \u2014 {one_line(quote.note, 60)}"
    if quote.status == NEEDS_REVIEW:
        line += f"  [needs review{' (kept detached)' if quote.detached else ''}: {quote.review_reason}]"
    if team and authors(quote):
        line += f"  ({authors(quote)}{'; private note' if quote.private and quote.note else ''})"
    return line


def _titles(lib: Library) -> dict[str, str]:
    return {d.id: d.title for d in lib.documents()}


def cmd_add(args: argparse.Namespace, lib: Library) -> None:
    quote = lib.quotes.add(
        args.doc,
        args.exact,
        prefix=args.prefix,
        suffix=args.suffix,
        note=args.note,
        tags=args.tag,
        occurrence=args.occurrence,
    )
    titles = _titles(lib)
    emit(args, quote_json(quote, titles), "added " + quote_line(quote, titles, team=lib.server is not None))


def cmd_edit(args: argparse.Namespace, lib: Library) -> int:
    private = args.private
    if private is not None and lib.server is None:
        print(
            "sayso: note: --private and --shared matter on a shared archive; a local library's notes are yours alone",
            file=sys.stderr,
        )
        private = None
        if args.note is None and not args.tag and not args.untag:
            return 0
    if args.note is None and not args.tag and not args.untag and private is None:
        raise SaysoError("nothing to change: give --note, --tag, --untag, --private or --shared")
    try:
        quote = lib.quotes.edit(
            args.id,
            note=args.note,
            add_tags=args.tag,
            remove_tags=args.untag,
            expect=args.if_revision,
            private=private,
        )
    except EditConflict as conflict:
        return _conflict(args, lib, conflict)
    titles = _titles(lib)
    emit(args, quote_json(quote, titles), "updated " + quote_line(quote, titles, team=lib.server is not None))
    return 0


#: Exit status of an edit refused because someone changed the quote first (`quote edit --if-revision`).
CONFLICT_EXIT = 3


def _version(quote: Quote) -> str:
    """A quote's note and tags as one line (what an edit changes)."""
    note = f"note \u201c{one_line(quote.note, 200)}\u201d" if quote.note else "no note"
    if quote.private and quote.note:
        note += " (private)"
    tags = " ".join(f"#{t}" for t in quote.tags) or "no tags"
    return f"{note}; {tags}"


def _conflict(args: argparse.Namespace, lib: Library, conflict: EditConflict) -> int:
    """Someone changed the quote after the revision the edit was made on: say who, print both versions."""
    theirs, mine = conflict.theirs, conflict.mine
    assert isinstance(theirs, Quote) and isinstance(mine, Quote)
    titles = _titles(lib)
    again = f"to keep yours, run the same command with --if-revision {theirs.revision}"
    if getattr(args, "json", False):
        emit(
            args,
            {
                "conflict": str(conflict),
                "revision": theirs.revision,
                "theirs": quote_json(theirs, titles),
                "mine": quote_json(mine, titles),
            },
            "",
        )
    else:
        who = theirs.modified_by or "someone"
        emit(
            args,
            None,
            "\n".join(
                [
                    quote_line(theirs, titles, team=lib.server is not None),
                    f"  theirs (revision {theirs.revision}, by {who}): {_version(theirs)}",
                    f"  yours (made on revision {args.if_revision}): {_version(mine)}",
                ]
            ),
        )
    print_error(f"{conflict} ({again})")
    return CONFLICT_EXIT


def cmd_rm(args: argparse.Namespace, lib: Library) -> None:
    quote = lib.quotes.remove(args.id)
    titles = _titles(lib)
    emit(args, quote_json(quote, titles), "removed " + quote_line(quote, titles, team=lib.server is not None))


def cmd_show(args: argparse.Namespace, lib: Library) -> None:
    quote = lib.quotes.get(args.id)
    titles = _titles(lib)

    def text() -> str:
        lines = [quote_line(quote, titles), ""]
        lines.append(f"\u2026{quote.prefix}\u00bb{quote.exact}\u00ab{quote.suffix}\u2026")
        stamp = f", at {quote.timestamp:.0f}s" if quote.timestamp is not None else ""
        lines.append(f"characters {quote.start}-{quote.end}{stamp}; created {quote.created}; status {quote.status}")
        made = f"; made by {quote.created_by}" if quote.created_by else ""
        changed = f" by {quote.modified_by}" if quote.modified_by else ""
        private = "; the note is private to " + (quote.note_by or "its author") if quote.private else ""
        lines.append(f"revision {quote.revision}{made}; last changed {quote.modified}{changed}{private}")
        if quote.note:
            lines += ["", quote.note]
        if quote.suggestion:
            sug = quote.suggestion
            lines.append(
                f"suggested place {sug['start']}-{sug['end']}: \u201c{one_line(str(sug['exact']), 80)}\u201d "
                f"(`sayso quote reattach {short_id(quote)} --suggested`)"
            )
        for old in quote.history:
            lines.append(
                f"earlier ({old.get('why', '')}, replaced {old.get('replaced', '')}): "
                f"\u201c{one_line(str(old.get('exact', '')), 60)}\u201d {one_line(str(old.get('note', '')), 40)}"
            )
        return "\n".join(lines)

    emit(args, quote_json(quote, titles), text)


def cmd_reattach(args: argparse.Namespace, lib: Library) -> None:
    if args.suggested:
        quote = lib.quotes.accept_suggestion(args.id)
    elif args.start is None or args.end is None:
        raise SaysoError("give START and END character positions, or --suggested")
    else:
        quote = lib.quotes.reattach(args.id, args.start, args.end)
    titles = _titles(lib)
    emit(args, quote_json(quote, titles), "re-attached " + quote_line(quote, titles))


def cmd_detach(args: argparse.Namespace, lib: Library) -> None:
    quote = lib.quotes.keep_detached(args.id)
    titles = _titles(lib)
    emit(args, quote_json(quote, titles), "kept detached " + quote_line(quote, titles))


def cmd_restore_backup(args: argparse.Namespace, lib: Library) -> None:
    book = lib.quotes
    if args.list:
        found = book.backups()
        emit(
            args,
            [{"backup": str(p), "quotes": n} for p, n in found],
            "\n".join(f"{p}  {n} quote(s)" for p, n in found) or "no good backups of quotes.json",
        )
        return
    if args.empty:
        path = start_afresh(lib, "quotes")
        emit(args, {"file": str(path), "quotes": 0}, "quotes.json starts empty (set-aside copies kept beside it)")
        return
    done = restore(lib, "quotes", Path(args.file) if args.file else None)
    source = args.file or "the newest good backup"
    emit(
        args,
        {"file": str(done.file), "restored_from": source, "quotes": done.quotes},
        f"restored {done.quotes} quote(s) from {source}",
    )


def cmd_quotes(args: argparse.Namespace, lib: Library) -> int:
    book = lib.quotes
    titles = _titles(lib)
    team = lib.server is not None
    if args.verify:
        wanted = {q.id for q in book.list(tag=args.tag, speaker=args.speaker, doc=args.doc, text=args.text, by=args.by)}
        results = [(q, ok, msg) for q, ok, msg in book.verify() if q.id in wanted]
        bad = [r for r in results if not r[1]]
        rows = [quote_json(q, titles) | {"ok": ok, "problem": "" if ok else msg} for q, ok, msg in results]

        def text() -> str:
            lines = [
                f"{'ok  ' if ok else 'FAIL'}  {quote_line(q, titles, team=team)}" + ("" if ok else f"\n      {msg}")
                for q, ok, msg in results
            ]
            lines.append(f"{len(results)} quote(s) checked, {len(bad)} no longer match")
            return "\n".join(lines)

        emit(args, rows, text)
        return 1 if bad else 0
    quotes = book.list(
        tag=args.tag,
        speaker=args.speaker,
        doc=args.doc,
        text=args.text,
        status=NEEDS_REVIEW if args.review else None,
        by=args.by,
    )

    filtered = any((args.tag, args.speaker, args.doc, args.text, args.by))

    def listing() -> str:
        if not quotes:
            if args.review:
                return "no quotes need review"
            if filtered and book.list():
                return "no quotes match (`sayso quotes` lists them all)"
            return 'no quotes yet: `sayso quote add DOC --exact "words"`'
        return "\n".join(quote_line(q, titles, team=team) for q in quotes)

    emit(args, [quote_json(q, titles) for q in quotes], listing)
    return 0
