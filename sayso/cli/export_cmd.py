"""`sayso export`: quotes out as Markdown, CSL-JSON, W3C annotations, CSV, BibTeX, RIS or a REFI-QDA project, cited
and re-verified."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sayso.cli import common_options, export_vault
from sayso.corpus.errors import SaysoError
from sayso.corpus.export import (
    BINARY,
    FORMATS,
    SUFFIXES,
    NothingToExport,
    export_library,
    format_name,
    load_protection,
)
from sayso.corpus.export.cite import DEFAULT_STYLE, STYLES, catalogue, locale_name, search_styles, style_name
from sayso.corpus.export.entries import Entry
from sayso.corpus.export.files import write_export
from sayso.corpus.export.markdown import DEFAULT_CITE, cite_form
from sayso.corpus.library import Library
from sayso.corpus.safety import safe_json, visible


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        parents=[common_options()],
        help="export quotes with citations (markdown, csl-json, w3c, csv, bibtex, ris, qdpx)",
        description=(
            "Export quotes, each re-checked against its document's current text; quotes whose words "
            "changed are marked in the export and listed on stderr. Exporting Markdown into an existing "
            "file updates the quotes already in it and keeps the rest of the file. Any other existing file "
            "is only replaced if sayso wrote it (or with --force); nothing is ever written into the data folder."
        ),
    )
    p.add_argument(
        "--format",
        "-f",
        dest="export_format",
        metavar="FORMAT",
        help=f"one of: {', '.join(FORMATS)} (default: from the -o file's ending, else markdown)",
    )
    p.add_argument("--tag", metavar="TAG", help="only quotes with this tag")
    p.add_argument("--speaker", metavar="NAME", help="only quotes by this speaker")
    p.add_argument("--doc", metavar="DOC", help="only quotes from this document")
    p.add_argument(
        "--style",
        default=None,
        metavar="STYLE",
        help=(
            f"citation style: any CSL style id ({', '.join(STYLES)}, modern-language-association, ieee, "
            "harvard-cite-them-right, ...; --list-styles finds them) or a .csl file "
            f"(default: the config file's [export] style, else {DEFAULT_STYLE})"
        ),
    )
    p.add_argument(
        "--locale",
        default=None,
        metavar="LOCALE",
        help="the citations' language, e.g. en-GB, de-DE (default: the config file's [export] locale, else the style's)",
    )
    p.add_argument(
        "--cite",
        default=None,
        metavar="FORM",
        help=(
            "how Markdown cites each quote: text (the formatted citation) or pandoc ([@key], for pandoc "
            f"--citeproc with the CSL-JSON export) (default: the config file's [export] cite, else {DEFAULT_CITE})"
        ),
    )
    p.add_argument(
        "--list-styles",
        nargs="?",
        const="",
        default=None,
        metavar="QUERY",
        help="list the citation styles (id, kind, title), or the ones best matching QUERY, and exit",
    )
    p.add_argument(
        "--creator", metavar="NAME", help="your name as the annotations' creator (w3c) or the project's user (qdpx)"
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (Markdown: update it in place) instead of stdout"
    )
    p.add_argument("--force", action="store_true", help="replace an existing -o file that is not a sayso export")
    p.add_argument(
        "--pseudonymise",
        "--pseudonymize",
        dest="pseudonymise",
        metavar="MAP",
        help=(
            "replace people's names (and other terms) by pseudonyms everywhere in the export, as a TOML or CSV "
            "map says (README: Protecting the people quoted); the export is refused if a mapped name is left"
        ),
    )
    p.add_argument(
        "--redact",
        action="append",
        default=[],
        metavar="TERM",
        help="remove TERM everywhere in the export, shown as [redacted] (repeatable; @FILE: the terms in FILE, one a line)",
    )
    export_vault.add_arguments(p)
    p.set_defaults(handler=cmd_export)


def _style_of(args: argparse.Namespace) -> str:
    """--style, else the config file's [export] style, else the default."""
    if args.style:
        return str(args.style)
    config = getattr(args, "loaded_config", None)
    return str(getattr(config, "style", None) or DEFAULT_STYLE)


def _locale_of(args: argparse.Namespace) -> str | None:
    """--locale, else the config file's [export] locale, else None (the style's own)."""
    config = getattr(args, "loaded_config", None)
    return getattr(args, "locale", None) or getattr(config, "locale", None)


def _cite_of(args: argparse.Namespace) -> str:
    """--cite, else the config file's [export] cite, else the default."""
    config = getattr(args, "loaded_config", None)
    return str(getattr(args, "cite", None) or getattr(config, "cite", None) or DEFAULT_CITE)


def _list_styles(query: str, as_json: bool) -> int:
    """Print the styles (all of them, or the best matches of `query`): id, citation format, title."""
    found = search_styles(query, limit=25) if query.strip() else list(catalogue())
    if as_json:
        rows = [{"id": e.id, "format": e.format, "title": e.title, "parent": e.parent} for e in found]
        print(safe_json(rows, indent=2))
        return 0
    for e in found:
        title = e.title + (f" (with {e.parent})" if e.parent else "")
        print("\t".join(visible(part, keep_newlines=False) for part in (e.id, e.format or "-", title)))
    return 0


def _citation_notes(entries: list[Entry]) -> list[tuple[Entry, str]]:
    """Each document's citation warnings once (an entry of it, the warning), in export order."""
    notes: dict[tuple[str, str], Entry] = {}
    for e in entries:
        if e.document is not None and e.citation_warning:
            notes.setdefault((e.document.id, e.citation_warning), e)
    return [(e, warning) for (_, warning), e in notes.items()]


def _format_for(args: argparse.Namespace) -> str:
    if args.export_format:
        return format_name(args.export_format)
    if args.output:
        suffix = Path(args.output).suffix.lower()
        if suffix in SUFFIXES:
            return SUFFIXES[suffix]
        raise SaysoError(f"cannot tell the format from {args.output!r}; give --format ({', '.join(FORMATS)})")
    return "markdown"


def cmd_export(args: argparse.Namespace, lib: Library) -> int:
    if args.list_styles is not None:
        return _list_styles(args.list_styles, getattr(args, "json", False))
    export_vault.check_args(args)
    fmt = _format_for(args)
    if fmt in BINARY and not args.output:  # a zip on a terminal or in a pipe is of no use to anyone
        raise SaysoError(f"{fmt} is a zip file; give -o FILE{FORMATS[fmt][1]}")
    style, locale, cite = style_name(_style_of(args)), locale_name(_locale_of(args)), cite_form(_cite_of(args))
    map_path = Path(args.pseudonymise).expanduser() if getattr(args, "pseudonymise", None) else None
    protection = load_protection(map_path, getattr(args, "redact", None) or [])
    try:
        quotes = lib.quotes.list(tag=args.tag, speaker=args.speaker, doc=args.doc)
        export = export_library(
            lib, quotes, fmt, style, creator=args.creator, locale=locale, cite=cite, protection=protection
        )
    except NothingToExport:
        raise SaysoError("no quotes match; nothing exported (see `sayso quotes`)") from None
    fmt, text, entries, flagged = export.fmt, export.text, export.entries, export.flagged
    style, notes = export.style, _citation_notes(export.entries)
    vault = export_vault.write(args, lib, export, cite) if args.vault else None
    if args.output:
        write_export(
            Path(args.output).expanduser(),
            fmt,
            export.content,
            data_dir=lib.data_dir,
            force=args.force,
            protection=export.protection,
        )
    summary: dict[str, Any] = {
        "format": fmt,
        "style": style,
        "locale": export.locale,
        "quotes": len(entries),
        "output": str(Path(args.output).expanduser()) if args.output else None,
        "flagged": [{"id": e.quote.id, "problem": e.problem} for e in flagged],
        "edited": [{"id": e.quote.id, "edit": e.edited} for e in export.edited],
        "citation_notes": [{"document": e.document.id, "note": note} for e, note in notes if e.document is not None],
    }
    if vault is not None:
        summary["vault"] = export_vault.summary(vault)
    if getattr(args, "json", False):
        # never bytes in JSON (a binary export needs -o anyway), nor a vault's many files
        if not args.output and vault is None and not export.binary:
            summary["content"] = text
        print(safe_json(summary, indent=2))
    elif vault is not None:
        print(export_vault.said(vault, len(entries)))
    elif args.output:
        print(visible(f"exported {len(entries)} quote(s) as {fmt} to {summary['output']}", keep_newlines=False))
    else:
        sys.stdout.write(text)
    for e in flagged:
        print(
            visible(
                f"sayso: warning: quote {e.quote.id[:8]} is marked in the export: {e.problem}", keep_newlines=False
            ),
            file=sys.stderr,
        )
    for e in export.edited:
        print(
            f"sayso: note: quote {visible(e.quote.id[:8], keep_newlines=False)} is {e.edited}: "
            "names in its words are replaced, in [brackets]",
            file=sys.stderr,
        )
    for e, note in notes:
        doc = e.document
        if doc is None:
            continue
        fix = f" (`sayso doc edit {doc.id[:8]}` sets what it has)" if e.gaps and set(e.gaps) - {"speaker"} else ""
        print(visible(f"sayso: note: {doc.title} ({doc.id[:8]}): {note}{fix}", keep_newlines=False), file=sys.stderr)
    return export_vault.warn(vault) if vault is not None else 0
