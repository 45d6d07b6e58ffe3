"""Library commands: import, docs, show, speakers, speaker edit/rename/split/undo, doc edit, rm, where, restore, demo."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections import Counter
from importlib import resources
from pathlib import Path, PurePath
from typing import Any

from sayso.cli import app_options, archive_dir, common_options, emit, print_error, print_warning, run_app
from sayso.config import config_path
from sayso.corpus.conventions import describe, is_uncertain
from sayso.corpus.errors import SaysoError
from sayso.corpus.library import DATE_FORMATS, EDITABLE_FIELDS, Library
from sayso.corpus.media import is_url
from sayso.corpus.people import SplitNeedsName
from sayso.corpus.restore import RESTORABLE, list_backups, restore, start_afresh
from sayso.corpus.safety import visible

#: `sayso doc edit --help` for fields whose meaning is not obvious from the name.
_FIELD_HELP = {
    "date": f"{DATE_FORMATS}; an empty value clears it",
    "kind": "panel, interview, podcast, article, hearing, debate, talk, ... or a CSL type such as article-newspaper",
    "publisher": "publisher, programme, site or paper; an empty value clears it",
    "host": "host, interviewer or moderator (several: separate with ;); an empty value clears it",
    "media": "the recording: an audio or video file, or an http(s) URL (YouTube, Vimeo, ...); `p` in the app "
    "plays it from the moment on screen; an empty value clears it",
}


def one_line(text: str) -> str:
    """`text` for one row of output: a newline or any other control character in it shown visibly (␊)."""
    return visible(text, keep_newlines=False)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    common = common_options()

    p = sub.add_parser("import", parents=[common], help="import transcript files or folders")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (every supported file inside)")
    p.add_argument(
        "-q", "--quiet", action="store_true", help="no progress (a bar on a terminal, a line per file when piped)"
    )
    p.add_argument(
        "--encoding",
        metavar="ENC",
        default=None,
        help="read the files in this encoding (e.g. latin-1, cp1251, shift_jis) instead of detecting it",
    )
    p.add_argument(
        "--labels",
        metavar="PATTERN",
        default=None,
        help="state how speakers are labelled instead of letting sayso infer it, e.g. "
        '"{speaker}: {text}", "[{speaker}] [{time}] {text}" or "{speaker} ({time})" '
        "(label alone on its line, words below); fields {speaker} {time} {text} {skip}; "
        "remembered for the document on re-import",
    )
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("docs", parents=[common], help="list documents")
    p.set_defaults(handler=cmd_docs)

    p = sub.add_parser("show", parents=[common], help="print one document's passages")
    p.add_argument("doc", metavar="DOC", help="document id, id prefix or title")
    p.add_argument(
        "--dropped",
        action="store_true",
        help="list what the import left out of the passages (page furniture, chrome, duplicates...) and why",
    )
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("speakers", parents=[common], help="list speakers across the library")
    p.set_defaults(handler=cmd_speakers)

    p = sub.add_parser(
        "speaker", parents=[common], help="name, rename, merge or split people; their aliases, role and affiliation"
    )
    speaker_sub = p.add_subparsers(dest="speaker_command", metavar="ACTION", required=True)
    e = speaker_sub.add_parser(
        "edit",
        parents=[common],
        help="rename (renaming to another speaker's name merges them), add or remove aliases, set role or affiliation",
    )
    e.add_argument("--role", default=None, metavar="ROLE", help='what they are, e.g. "Senator"; empty clears it')
    e.add_argument(
        "--affiliation", default=None, metavar="FROM", help='whom or where they are from, e.g. "Connecticut"'
    )
    e.add_argument("speaker", metavar="NAME", help="speaker name or alias")
    e.add_argument("--name", default=None, metavar="NEW", help="new display name")
    e.add_argument("--alias", action="append", default=[], metavar="ALIAS", help="add an alias (repeatable)")
    e.add_argument("--remove-alias", action="append", default=[], metavar="ALIAS", help="remove an alias (repeatable)")
    e.add_argument(
        "--doc",
        default=None,
        metavar="DOC",
        help="the speaker of this document (for labels like 'Unknown Speaker' found in several)",
    )
    e.set_defaults(handler=cmd_speaker_edit)
    r = speaker_sub.add_parser(
        "rename",
        parents=[common],
        help='name a document\'s speakers at once: "Speaker 1=Bryan Cantrill" (a known name merges them)',
    )
    r.add_argument("--doc", required=True, metavar="DOC", help="the document: id, id prefix or title")
    r.add_argument("renames", nargs="+", metavar="LABEL=NAME", help='e.g. "Speaker 1=Bryan Cantrill"')
    r.set_defaults(handler=cmd_speaker_rename)
    sp = speaker_sub.add_parser(
        "split",
        parents=[common],
        help="take a person's turns back out (a wrong merge): those of a document, or those that came under a label",
    )
    sp.add_argument("speaker", metavar="NAME", help="the person to split turns out of")
    sp.add_argument("--doc", default=None, metavar="DOC", help="their turns in this document")
    sp.add_argument(
        "--label", default=None, metavar="LABEL", help='their turns that came under this label ("Speaker 2")'
    )
    sp.add_argument(
        "--as",
        dest="new_name",
        default=None,
        metavar="NAME",
        help="who those turns are (default: the label they came under)",
    )
    sp.set_defaults(handler=cmd_speaker_split)
    u = speaker_sub.add_parser(
        "undo", parents=[common], help="take back the latest change to people (rename, merge, split, role...)"
    )
    u.add_argument("--list", action="store_true", help="list what can be undone, newest first, without undoing")
    u.set_defaults(handler=cmd_speaker_undo)

    p = sub.add_parser("doc", parents=[common], help="edit a document's citation fields")
    doc_sub = p.add_subparsers(dest="doc_command", metavar="ACTION", required=True)
    e = doc_sub.add_parser("edit", parents=[common], help="set title, kind, date, url, publisher, event, place or host")
    e.add_argument("doc", metavar="DOC", help="the document: id, id prefix or title")
    for name in EDITABLE_FIELDS:
        e.add_argument(
            f"--{name}", default=None, metavar=name.upper(), help=_FIELD_HELP.get(name, "an empty value clears it")
        )
    e.set_defaults(handler=cmd_doc_edit)

    p = sub.add_parser("rm", parents=[common], help="remove a document (quotes on it are kept)")
    p.add_argument("doc", metavar="DOC", help="the document to remove: id, id prefix or title")
    p.set_defaults(handler=cmd_rm)

    p = sub.add_parser("where", parents=[common], help="print where sayso keeps its data")
    p.set_defaults(handler=cmd_where, open_library=False)

    p = sub.add_parser("restore", parents=[common], help="bring back library.json or quotes.json from a backup")
    p.add_argument("what", choices=RESTORABLE, metavar="{library,quotes}", help="which file")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--list", action="store_true", help="list the backups instead")
    group.add_argument("--backup", metavar="FILE", help="restore this backup (default: the newest good one)")
    group.add_argument("--empty", action="store_true", help="start with an empty file (damaged copies are kept)")
    p.set_defaults(
        handler=cmd_restore,
        open_library=False,
        local_only="restore brings back a local library's files; a shared archive is backed up on its server (pg_dump)",
    )

    p = sub.add_parser(
        "demo",
        parents=[common],
        help="open the app on the demo corpus, in a library of its own",
        description="Open the app on the demo corpus. It has its own library (never mixed into yours), "
        "loaded on first use; --data DIR puts it elsewhere.",
    )
    p.add_argument("--no-app", action="store_true", help="only load the demo corpus")
    p.set_defaults(handler=cmd_demo, open_library=False)


#: Files from which an import shows its progress (fewer are done before a bar would help).
PROGRESS_FROM = 20


class ImportProgress:
    """An import's (or an index rebuild's) progress on stderr: a bar with counts and time left on a terminal,
    a plain line per file when stderr is piped (a log reads well), nothing with --quiet or --json or for a
    few files."""

    def __init__(self, quiet: bool, verb: str = "importing", unit: str = "files") -> None:
        self.quiet = quiet
        self.verb, self.unit = verb, unit
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, name: str, done: int, total: int) -> None:
        if self.quiet or total < PROGRESS_FROM:
            return
        if not sys.stderr.isatty():
            print(f"{self.verb} {done}/{total} {visible(name, keep_newlines=False)}", file=sys.stderr, flush=True)
            return
        if self.bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn(self.verb),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(f"{self.unit}, left:"),
                TimeRemainingColumn(),
                console=Console(file=sys.stderr),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("import", total=total)
        self.bar.update(self.task, completed=done)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


#: How the command line states a document's speaker convention (the library's lines name no flag).
LABELS_REMEDY = "state it with --labels"
#: The option an import warning's advice points to, by the words of the advice.
_WARNING_OPTIONS = {"state the file's encoding": "--encoding", "speaker labels pattern {} matched no line": "--labels"}


def _warning_advice(warning: str) -> str:
    """The command-line option an import warning is about, as " (--option)", or ""."""
    for words, option in _WARNING_OPTIONS.items():
        before, _, after = words.partition("{}")
        if warning.endswith(words) or (after and before in warning and warning.endswith(after)):
            return f" ({option})"
    return ""


def cmd_import(args: argparse.Namespace, lib: Library) -> int:
    if args.labels is not None:
        # (the importers are loaded only by the commands that import: listing or searching never needs them)
        from sayso.corpus.importers.grammar import PatternError, compile_pattern

        try:
            compile_pattern(args.labels)
        except PatternError as exc:
            print_error(f"--labels: {exc}")
            return 2
    progress = ImportProgress(quiet=args.quiet or args.json)
    try:
        report = lib.import_paths(
            args.paths, progress=progress, encoding=args.encoding, parallel=True, labels=args.labels
        )
    finally:
        progress.close()

    def text() -> str:
        lines = []
        for doc in report.documents:
            who = ", ".join(doc.speakers[:6]) + (" …" if len(doc.speakers) > 6 else "")
            lines.append(
                f"{doc.id}  {one_line(doc.title)}  [{one_line(doc.kind)}] {doc.passages} passages"
                + (f"; {one_line(who)}" if who else "")
            )
            if doc.convention and doc.convention.get("shape") != "none":
                lines.append(f"    {describe(doc.convention, LABELS_REMEDY)}")
        lines.append(
            f"imported {len(report.documents)} document(s), {report.passages} passages, "
            f"{len(report.speakers)} speaker(s), {len(report.warnings)} warning(s)"
        )
        lines.extend(f"warning: {one_line(w)}{_warning_advice(w)}" for w in report.warnings)
        review = report.review_line()
        if review:
            lines.append(f"{review} (`sayso quotes --review` lists them)")
        return "\n".join(lines)

    if report.documents or not report.errors:
        emit(args, report.to_dict(), text)
    for err in report.errors:
        print_error(err)
    return 1 if report.errors else 0


def cmd_docs(args: argparse.Namespace, lib: Library) -> None:
    docs = lib.documents()

    def text() -> str:
        if not docs:
            return "no documents yet: `sayso import PATH` or `sayso demo`"
        # A title another document shares (two Congressional Records of one day) names its file, as the app does.
        shared = {t for t, n in Counter(d.title for d in docs).items() if n > 1}
        return "\n".join(
            f"{d.id}  {one_line(d.title)}  [{one_line(d.kind)}] {d.passages} passages, {len(d.speakers)} speaker(s)"
            + (" (speakers uncertain)" if is_uncertain(d.convention) else "")
            + (f"  ({one_line(PurePath(d.source).name)})" if d.title in shared and d.source else "")
            for d in docs
        )

    emit(args, [d.to_dict() for d in docs], text)


def cmd_show(args: argparse.Namespace, lib: Library) -> None:
    doc = lib.document(args.doc)
    if args.dropped:
        dropped = lib.dropped(doc.id)

        def listing() -> str:
            if not dropped:
                return f"nothing was left out of {doc.title}"
            return "\n".join(f"{d.get('reason', '')}: {d.get('text', '')}" for d in dropped)

        emit(args, {"document": doc.id, "dropped": dropped}, listing)
        return
    passages = lib.passages(doc.id)

    def text() -> str:
        lines = [f"{one_line(doc.title)}  [{one_line(doc.kind)}]  {one_line(doc.source)}"]
        lines.append(describe(doc.convention, LABELS_REMEDY))
        lines.append("")
        for p in passages:  # numbered from 1, as `sayso search` (#3) and the exports (¶ 3) number them
            stamp = f"[{_clock(p.start)}] " if p.start is not None else ""
            who = f"{p.speaker}: " if p.speaker else ""
            lines.append(f"#{p.index + 1} {stamp}{who}{p.text}")
            lines.append("")
        return "\n".join(lines).rstrip()

    emit(args, {"document": doc.to_dict(), "passages": [p.to_dict() for p in passages]}, text)


def cmd_speakers(args: argparse.Namespace, lib: Library) -> None:
    speakers = lib.speakers()
    titles = {d.id: d.title for d in lib.documents()}

    def text() -> str:
        if not speakers:
            return "no speakers yet"
        return "\n".join(_speaker_line(s, titles) for s in speakers)

    emit(args, [s.to_dict() for s in speakers], text)


def _speaker_line(s: object, titles: dict[str, str]) -> str:
    aliases = getattr(s, "aliases", [])
    aka = f" (also {', '.join(aliases)})" if aliases else ""
    about = str(getattr(s, "about", ""))
    about = f" [{about}]" if about else ""
    unnamed = " (unnamed: name them with sayso speaker rename)" if getattr(s, "unnamed", False) else ""
    docs = "; ".join(titles.get(d, d) for d in getattr(s, "documents", []))
    count = getattr(s, "passages", 0)
    return one_line(
        f"{getattr(s, 'name', '')}{aka}{about}{unnamed}: {count} passage{'' if count == 1 else 's'} in {docs}"
    )


def cmd_speaker_edit(args: argparse.Namespace, lib: Library) -> None:
    if (
        args.name is None
        and not args.alias
        and not args.remove_alias
        and args.role is None
        and args.affiliation is None
    ):
        raise SaysoError("nothing to change: give --name, --alias, --remove-alias, --role or --affiliation")
    speaker = lib.edit_speaker(
        args.speaker,
        name=args.name,
        add_aliases=args.alias,
        remove_aliases=args.remove_alias,
        doc=args.doc,
        role=args.role,
        affiliation=args.affiliation,
    )
    titles = {d.id: d.title for d in lib.documents()}
    emit(args, speaker.to_dict(), "updated " + _speaker_line(speaker, titles))


def cmd_speaker_rename(args: argparse.Namespace, lib: Library) -> None:
    pairs = []
    for given in args.renames:
        label, sep, name = given.partition("=")
        if not sep or not label.strip() or not name.strip():
            raise SaysoError(f'cannot read {given!r}: write LABEL=NAME, e.g. "Speaker 1=Bryan Cantrill"')
        pairs.append((label.strip(), name.strip()))
    change = lib.people.rename(args.doc, pairs)
    emit(args, change.to_dict(), change.description + " (sayso speaker undo takes it back)")


def cmd_speaker_split(args: argparse.Namespace, lib: Library) -> None:
    if args.doc is None and args.label is None:
        raise SaysoError("say which turns to split out: give a document (--doc DOC) or a label (--label LABEL)")
    try:
        change = lib.people.split(args.speaker, doc=args.doc, label=args.label, name=args.new_name)
    except SplitNeedsName as exc:
        raise SaysoError(f"{exc} (--as NAME)") from None
    emit(args, change.to_dict(), change.description + " (sayso speaker undo takes it back)")


def cmd_speaker_undo(args: argparse.Namespace, lib: Library) -> None:
    if args.list:
        history = lib.people.history()
        emit(args, history, lambda: "\n".join(one_line(h) for h in history) or "nothing to undo")
        return
    undone = lib.people.undo()
    emit(args, {"undone": undone}, f"undone: {undone}")


def cmd_doc_edit(args: argparse.Namespace, lib: Library) -> None:
    changes = {name: getattr(args, name) for name in EDITABLE_FIELDS if getattr(args, name) is not None}
    if not changes:
        raise SaysoError("nothing to change: give at least one of " + ", ".join(f"--{n}" for n in EDITABLE_FIELDS))
    doc = lib.edit_document(args.doc, **changes)
    emit(args, doc.to_dict(), f"updated {doc.id}  {one_line(doc.title)}")
    if changes.get("media") and doc.media and not is_url(doc.media) and not Path(doc.media).is_file():
        # Kept (it may be on a drive not mounted now), but said: `p` would find nothing there today.
        print_warning(f"no file at {doc.media} yet; p in the app plays it once it is there")


def cmd_rm(args: argparse.Namespace, lib: Library) -> None:
    doc = lib.remove(args.doc)
    emit(args, doc.to_dict(), f"removed {doc.id}  {one_line(doc.title)} (quotes on it are kept)")


def cmd_where(args: argparse.Namespace, lib: Library) -> None:
    config = str(getattr(getattr(args, "loaded_config", None), "path", "") or config_path(args.config))
    url = getattr(args, "server_url", None)
    if url:
        # The archive is on its server: no file of it is here; this machine keeps only drafts for it.
        from sayso.corpus.server.pg import describe

        local = archive_dir(lib.data_dir, url)
        where = {"server": describe(url), "data": str(local), "config": config}
        emit(args, where, f"{where['server']} (a shared archive; drafts for it are kept in {local})")
        return
    store = lib.store
    paths = {
        "data": str(lib.data_dir),
        "library": str(store.library_path),
        "documents": str(store.docs_dir),
        "quotes": str(store.quotes_path),
        "index": str(store.index_dir),
        "config": config,
    }
    emit(args, paths, str(lib.data_dir) if not args.json else "")


def cmd_restore(args: argparse.Namespace, lib: Library) -> int:
    if args.list:
        found = list_backups(lib, args.what)
        path = found.file
        rows = [{"backup": str(b.path), "good": b.good, "problem": b.problem} for b in found.backups]

        def text() -> str:
            if not rows:
                return f"no backups of {path.name}"
            return "\n".join(f"{r['backup']}  {'good' if r['good'] else 'damaged: ' + str(r['problem'])}" for r in rows)

        emit(args, {"file": str(path), "backups": rows, "set_aside": [str(p) for p in found.set_aside]}, text)
        return 0
    if args.empty:
        path = start_afresh(lib, args.what)
        emit(args, {"file": str(path), "restored": None}, f"{path.name} starts empty (damaged copies kept beside it)")
        return 0
    done = restore(lib, args.what, Path(args.backup).expanduser() if args.backup else None)
    restored = str(done.backup) if done.backup else "newest good backup"
    for title, source in done.without_passages:
        again = f"sayso import {shlex.quote(source)}" if source else "import it again"
        print(
            visible(
                f"sayso: warning: {title}: its passages are gone (removed after that backup): {again}",
                keep_newlines=False,
            ),
            file=sys.stderr,
        )
    emit(
        args,
        {
            "file": str(done.file),
            "restored": restored,
            "without_passages": [{"title": t, "source": s} for t, s in done.without_passages],
        },
        f"restored {done.file.name} from {restored}",
    )
    return 0


def demo_files() -> list[Path]:
    """The demo corpus shipped inside the package."""
    folder = resources.files("sayso.corpus.demo")
    return sorted(
        Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith((".txt", ".vtt", ".md", ".srt"))
    )


def demo_data_dir() -> Path:
    """The demo's own library: beside the user's, never inside it."""
    import platformdirs

    return platformdirs.user_data_path("sayso-demo", appauthor=False)


def cmd_demo(args: argparse.Namespace, lib: Library) -> int:
    lib = Library.open(
        Path(args.data).expanduser() if args.data else demo_data_dir(), lock_timeout=lib.store.lock.timeout
    )
    known = {d.source for d in lib.documents()}
    # A demo corpus imported by another installation of sayso (another folder): the same documents, moved.
    # They are updated in place, quotes and all, rather than listed twice.
    moved = {
        Path(d.source).name: d
        for d in lib.documents()
        if Path(d.source).parent.parts[-2:] == ("corpus", "demo") and d.source not in {str(p) for p in demo_files()}
    }
    missing = []
    for path in demo_files():
        if str(path) in known:
            continue
        if path.name in moved:
            lib.import_file(path, doc_id=moved[path.name].id)
        else:
            missing.append(path)
    rc = 0
    if missing:
        report = lib.import_paths(missing)
        for err in report.errors:
            print_error(err)
        rc = 1 if report.errors else 0
    if args.no_app:
        emit(args, [d.to_dict() for d in lib.documents()], f"demo corpus ready in {lib.data_dir}")
        return rc
    return run_app(lib, **app_options(args))


def _clock(seconds: float) -> str:
    total = int(seconds)
    return f"{total // 3600:d}:{total % 3600 // 60:02d}:{total % 60:02d}"
