"""Library commands: import, docs, show, speakers, doc edit, rm, where, demo."""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

from corpus.errors import SaysoError
from corpus.library import EDITABLE_FIELDS, Library
from tui.cli import common_options, emit, run_app


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    common = common_options()

    p = sub.add_parser("import", parents=[common], help="import transcript files or folders")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (every supported file inside)")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("docs", parents=[common], help="list documents")
    p.set_defaults(handler=cmd_docs)

    p = sub.add_parser("show", parents=[common], help="print one document's passages")
    p.add_argument("doc", metavar="DOC", help="document id, id prefix or title")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("speakers", parents=[common], help="list speakers across the library")
    p.set_defaults(handler=cmd_speakers)

    p = sub.add_parser("doc", parents=[common], help="edit a document's citation fields")
    doc_sub = p.add_subparsers(dest="doc_command", metavar="ACTION", required=True)
    e = doc_sub.add_parser("edit", parents=[common], help="set title, date, url, kind, publisher, event or place")
    e.add_argument("doc", metavar="DOC")
    for name in EDITABLE_FIELDS:
        e.add_argument(f"--{name}", default=None, metavar=name.upper())
    e.set_defaults(handler=cmd_doc_edit)

    p = sub.add_parser("rm", parents=[common], help="remove a document (quotes on it are kept)")
    p.add_argument("doc", metavar="DOC")
    p.set_defaults(handler=cmd_rm)

    p = sub.add_parser("where", parents=[common], help="print where sayso keeps its data")
    p.set_defaults(handler=cmd_where)

    p = sub.add_parser("demo", parents=[common], help="load the demo corpus (if absent) and open the app")
    p.add_argument("--no-app", action="store_true", help="only load the demo corpus")
    p.set_defaults(handler=cmd_demo)


def cmd_import(args: argparse.Namespace, lib: Library) -> int:
    def progress(name: str, done: int, total: int) -> None:
        if total > 20 and not args.json and sys.stderr.isatty():
            print(f"\rimporting {done}/{total}", end="", file=sys.stderr, flush=True)

    report = lib.import_paths(args.paths, progress=progress)
    if not args.json and len(report.documents) > 20 and sys.stderr.isatty():
        print(file=sys.stderr)

    def text() -> str:
        lines = []
        for doc in report.documents:
            who = ", ".join(doc.speakers[:6]) + (" …" if len(doc.speakers) > 6 else "")
            lines.append(f"{doc.id}  {doc.title}  [{doc.kind}] {doc.passages} passages" + (f"; {who}" if who else ""))
        lines.append(
            f"imported {len(report.documents)} document(s), {report.passages} passages, "
            f"{len(report.speakers)} speaker(s), {len(report.warnings)} warning(s)"
        )
        lines.extend(f"warning: {w}" for w in report.warnings)
        return "\n".join(lines)

    emit(args, report.to_dict(), text)
    for err in report.errors:
        print(f"sayso: error: {err}", file=sys.stderr)
    return 1 if report.errors else 0


def cmd_docs(args: argparse.Namespace, lib: Library) -> None:
    docs = lib.documents()

    def text() -> str:
        if not docs:
            return "no documents yet: `sayso import PATH` or `sayso demo`"
        return "\n".join(
            f"{d.id}  {d.title}  [{d.kind}] {d.passages} passages, {len(d.speakers)} speaker(s)" for d in docs
        )

    emit(args, [d.to_dict() for d in docs], text)


def cmd_show(args: argparse.Namespace, lib: Library) -> None:
    doc = lib.document(args.doc)
    passages = lib.passages(doc.id)

    def text() -> str:
        lines = [f"{doc.title}  [{doc.kind}]  {doc.source}", ""]
        for p in passages:
            stamp = f"[{_clock(p.start)}] " if p.start is not None else ""
            who = f"{p.speaker}: " if p.speaker else ""
            lines.append(f"{stamp}{who}{p.text}")
            lines.append("")
        return "\n".join(lines).rstrip()

    emit(args, {"document": doc.to_dict(), "passages": [p.to_dict() for p in passages]}, text)


def cmd_speakers(args: argparse.Namespace, lib: Library) -> None:
    speakers = lib.speakers()
    titles = {d.id: d.title for d in lib.documents()}

    def text() -> str:
        if not speakers:
            return "no speakers yet"
        out = []
        for s in speakers:
            aka = f" (also {', '.join(s.aliases)})" if s.aliases else ""
            docs = "; ".join(titles.get(d, d) for d in s.documents)
            out.append(f"{s.name}{aka}: {s.passages} passages in {docs}")
        return "\n".join(out)

    emit(args, [s.to_dict() for s in speakers], text)


def cmd_doc_edit(args: argparse.Namespace, lib: Library) -> None:
    changes = {name: getattr(args, name) for name in EDITABLE_FIELDS if getattr(args, name) is not None}
    if not changes:
        raise SaysoError("nothing to change: give at least one of " + ", ".join(f"--{n}" for n in EDITABLE_FIELDS))
    doc = lib.edit_document(args.doc, **changes)
    emit(args, doc.to_dict(), f"updated {doc.id}  {doc.title}")


def cmd_rm(args: argparse.Namespace, lib: Library) -> None:
    doc = lib.remove(args.doc)
    emit(args, doc.to_dict(), f"removed {doc.id}  {doc.title} (quotes on it are kept)")


def cmd_where(args: argparse.Namespace, lib: Library) -> None:
    emit(args, {"data": str(lib.data_dir)}, str(lib.data_dir))


def demo_files() -> list[Path]:
    """The demo corpus shipped inside the package."""
    folder = resources.files("corpus.demo")
    return sorted(
        Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith((".txt", ".vtt", ".md"))
    )


def cmd_demo(args: argparse.Namespace, lib: Library) -> int:
    known = {d.source for d in lib.documents()}
    missing = [p for p in demo_files() if str(p) not in known]
    if missing:
        report = lib.import_paths(missing)
        for err in report.errors:
            print(f"sayso: error: {err}", file=sys.stderr)
    if args.no_app:
        emit(args, [d.to_dict() for d in lib.documents()], f"demo corpus ready in {lib.data_dir}")
        return 0
    return run_app(lib)


def _clock(seconds: float) -> str:
    total = int(seconds)
    return f"{total // 3600:d}:{total % 3600 // 60:02d}:{total % 60:02d}"
