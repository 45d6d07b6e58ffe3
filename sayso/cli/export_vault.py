"""`sayso export --vault FOLDER [--per document|quote]`: the Markdown export as a folder of notes (Obsidian or
plain Markdown), one file per document or per quote; see `sayso.corpus.export.vault`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sayso.corpus.errors import SaysoError
from sayso.corpus.export import Export
from sayso.corpus.export.vault import DEFAULT_LAYOUT, LAYOUTS, VaultReport, layout_name, write_vault
from sayso.corpus.library import Library
from sayso.corpus.safety import visible


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--vault",
        metavar="FOLDER",
        help=(
            "write Markdown notes into FOLDER (an Obsidian vault or any folder): YAML frontmatter, #tags, links back; "
            "exporting again updates sayso's notes there and keeps your own text"
        ),
    )
    p.add_argument(
        "--per",
        metavar="LAYOUT",
        default=None,
        help=f"with --vault: one file per {' or per '.join(LAYOUTS)} (default: {DEFAULT_LAYOUT})",
    )


def check_args(args: argparse.Namespace) -> None:
    """Refuse what does not go with --vault (before anything is read or written)."""
    if not getattr(args, "vault", None):
        if getattr(args, "per", None):
            raise SaysoError("--per goes with --vault FOLDER")
        return
    if args.output:
        raise SaysoError("--vault FOLDER and -o FILE both say where to write; give one")
    if args.export_format and args.export_format.strip().casefold() not in ("markdown", "md"):
        raise SaysoError("--vault writes Markdown notes; leave out --format or give --format markdown")
    layout_name(args.per)


def write(args: argparse.Namespace, lib: Library, export: Export, cite: str) -> VaultReport:
    """Write the export's entries into the vault folder the user gave, each quote cited in the form `cite`."""
    protection: Any = getattr(export, "protection", None)
    return write_vault(
        Path(args.vault).expanduser(),
        export.entries,
        layout_name(args.per),
        cite,
        data_dir=lib.data_dir,
        known={q.id for q in lib.quotes.list()},
        source_paths=protection is None,  # a transcript's path may hold a real name
        check=protection.check if protection is not None else None,
    )


def summary(report: VaultReport) -> dict[str, Any]:
    return {
        "folder": str(report.folder),
        "written": report.written,
        "unchanged": report.unchanged,
        "refused": [{"file": path, "why": why} for path, why in report.refused],
        "orphans": report.orphans,
    }


def said(report: VaultReport, quotes: int) -> str:
    """The one line saying what the export did."""
    return visible(
        f"exported {quotes} quote(s) to the vault {report.folder}: {len(report.written)} file(s) written, "
        f"{len(report.unchanged)} unchanged",
        keep_newlines=False,
    )


def warn(report: VaultReport) -> int:
    """Say on stderr which files were left alone and why; 1 if any file was refused, else 0."""
    for path, why in report.refused:
        print(visible(f"sayso: warning: {path} not updated: {why}", keep_newlines=False), file=sys.stderr)
    for path in report.orphans:
        print(
            visible(
                f"sayso: note: {path} is a quote that is no longer in sayso; left as it is (delete it if you like)",
                keep_newlines=False,
            ),
            file=sys.stderr,
        )
    return 1 if report.refused else 0
