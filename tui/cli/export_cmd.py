"""`sayso export`: quotes out as Markdown, CSL-JSON, W3C annotations, CSV or BibTeX, cited and re-verified."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corpus.errors import SaysoError
from corpus.export import FORMATS, SUFFIXES, Sources, export_entries, format_name, prepare
from corpus.export import markdown as markdown_export
from corpus.export.cite import DEFAULT_STYLE, STYLES, style_name
from corpus.library import Library
from corpus.safety import safe_json, visible
from corpus.store import atomic_write_bytes
from tui.cli import common_options


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "export",
        parents=[common_options()],
        help="export quotes with citations (markdown, csl-json, w3c, csv, bibtex)",
        description=(
            "Export quotes, each re-checked against its document's current text; quotes whose words "
            "changed are marked in the export and listed on stderr. Exporting Markdown into an existing "
            "file updates the quotes already in it and keeps the rest of the file."
        ),
    )
    p.add_argument(
        "--format", "-f", dest="export_format", metavar="FORMAT",
        help=f"one of: {', '.join(FORMATS)} (default: from the -o file's ending, else markdown)",
    )
    p.add_argument("--tag", metavar="TAG", help="only quotes with this tag")
    p.add_argument("--speaker", metavar="NAME", help="only quotes by this speaker")
    p.add_argument("--doc", metavar="DOC", help="only quotes from this document")
    p.add_argument(
        "--style", default=DEFAULT_STYLE, metavar="STYLE",
        help=f"citation style: {', '.join(STYLES)} (default: {DEFAULT_STYLE})",
    )
    p.add_argument("--creator", metavar="NAME", help="your name as the annotations' creator (w3c)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (Markdown: update it in place) instead of stdout")
    p.set_defaults(handler=cmd_export)


def _format_for(args: argparse.Namespace) -> str:
    if args.export_format:
        return format_name(args.export_format)
    if args.output:
        suffix = Path(args.output).suffix.lower()
        if suffix in SUFFIXES:
            return SUFFIXES[suffix]
        raise SaysoError(f"cannot tell the format from {args.output!r}; give --format ({', '.join(FORMATS)})")
    return "markdown"


def write_export(path: Path, fmt: str, text: str) -> None:
    """Write the export; Markdown merges into an existing file so the user's own text stays."""
    if path.is_dir():
        raise SaysoError(f"{path} is a folder; give a file name with -o")
    if not path.parent.exists():
        raise SaysoError(f"folder {path.parent} does not exist")
    if fmt == "markdown" and path.exists():
        try:
            existing = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise SaysoError(f"{path} is not UTF-8 text; not updating it (choose another -o file)") from None
        except OSError as exc:
            raise SaysoError(f"cannot read {path}: {exc.strerror or exc}") from None
        try:
            text = markdown_export.merge(existing, text)
        except SaysoError as exc:
            raise SaysoError(f"{path}: {exc}; not updating it") from None
    atomic_write_bytes(path, text.encode("utf-8"), mode=0o666)  # an export is an ordinary user file


def cmd_export(args: argparse.Namespace, lib: Library) -> int:
    fmt = _format_for(args)
    style = style_name(args.style)
    quotes = lib.quotes.list(tag=args.tag, speaker=args.speaker, doc=args.doc)
    if not quotes:
        raise SaysoError("no quotes match; nothing exported (see `sayso quotes`)")
    entries = prepare(quotes, Sources.from_library(lib, quotes), style)
    text = export_entries(fmt, entries, creator=args.creator)
    flagged = [e for e in entries if e.problem]
    if args.output:
        write_export(Path(args.output).expanduser(), fmt, text)
    summary = {
        "format": fmt,
        "style": style,
        "quotes": len(entries),
        "output": str(Path(args.output).expanduser()) if args.output else None,
        "flagged": [{"id": e.quote.id, "problem": e.problem} for e in flagged],
    }
    if getattr(args, "json", False):
        if not args.output:
            summary["content"] = text
        print(safe_json(summary, indent=2))
    elif args.output:
        print(visible(f"exported {len(entries)} quote(s) as {fmt} to {summary['output']}", keep_newlines=False))
    else:
        sys.stdout.write(text)
    for e in flagged:
        print(
            visible(f"sayso: warning: quote {e.quote.id[:8]} is marked in the export: {e.problem}", keep_newlines=False),
            file=sys.stderr,
        )
    return 0
