"""ImportDialog: a path prompt with completion that imports files in a worker, showing progress.

An optional encoding (any Python codec name, as `sayso import --encoding`) reads the files in it instead
of the one detected from their bytes: for a file an import warned was read as a guess.  Optional speaker
labels (a pattern, as `sayso import --labels`) state the files' convention instead of inferring it: for a
folder of transcripts in one convention sayso does not know (each document remembers it).
"""

from __future__ import annotations

import codecs
import logging
import os
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, ProgressBar, Static

from sayso.corpus.errors import SaysoError
from sayso.corpus.library import ImportReport, Library
from sayso.corpus.safety import visible
from sayso.tui.screens.fields import FIELD_KEYS
from sayso.tui.widgets.pane_list import plain
from sayso.tui.widgets.safe_input import SafeInput


def shown_name(name: str) -> str:
    """A file name as the dialog shows and completes it: its control characters made visible."""
    return visible(name, keep_newlines=False)


def real_path(shown: str) -> str:
    """The path on disk that `shown` (typed, or completed from shown names) stands for.

    A part that does not exist as written is looked up among the names in its folder as they are
    shown, so a file whose name holds control characters is found from its visible form.
    """
    path = os.path.expanduser(shown)
    if os.path.lexists(path):
        return path
    head, tail = os.path.split(path)
    if not tail or head == path:
        return path
    parent = real_path(head) if head else ""
    candidate = os.path.join(parent, tail)
    if os.path.lexists(candidate):
        return candidate
    try:
        names = os.listdir(parent or ".")
    except OSError:
        return candidate
    return next((os.path.join(parent, name) for name in names if shown_name(name) == tail), candidate)


LOG = logging.getLogger(__name__)


class PathSuggester(Suggester):
    """Completes the last part of a path from the file system (right arrow accepts), names shown safely."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        folder, stem = os.path.split(os.path.expanduser(value))
        folder = real_path(folder) if folder else folder
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            return None
        for name in names:
            shown = shown_name(name)
            if shown.startswith(stem) and shown != stem and (stem.startswith(".") or not name.startswith(".")):
                completed = value[: len(value) - len(stem)] + shown
                return completed + ("/" if os.path.isdir(os.path.join(folder, name)) else "")
        return None


class ImportDialog(ModalScreen[ImportReport | None]):
    """Ask for a file or folder, import it with `Library.import_paths`, report what happened."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FIELD_KEYS,
        Binding("escape", "close", "Close", id="import.close"),
    ]

    class Progress(Message):
        """`done` of `total` files imported, `name` the latest (only the newest is shown)."""

        def __init__(self, name: str, done: int, total: int) -> None:
            super().__init__()
            self.name, self.done, self.total = name, done, total

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ImportDialog.Progress)

    class Finished(Message):
        """The import is over: `report` says what was imported and what failed."""

        def __init__(self, report: ImportReport) -> None:
            super().__init__()
            self.report = report

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.report: ImportReport | None = None
        self.running = False

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box"):
            yield Static(Text("Import files or a folder", style="bold"), id="import-title")
            yield SafeInput(
                placeholder="path (→ completes, enter imports)", suggester=PathSuggester(), id="import-path"
            )
            yield SafeInput(placeholder="encoding: empty detects it (or cp1252, latin-1, …)", id="import-encoding")
            yield SafeInput(
                placeholder="speaker labels: empty infers them (or e.g. [{speaker}] {text})",
                id="import-labels",
            )
            yield ProgressBar(id="import-progress", show_eta=False)
            from sayso.corpus.importers import SUPPORTED_SUFFIXES  # (the importers load when an import is asked for)

            yield Static(Text(f"Transcripts: {' '.join(SUPPORTED_SUFFIXES)}", style="dim"), id="import-status")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in any field imports the path, in the encoding given (none: detected) and with the speaker labels
        given (none: inferred)."""
        event.stop()
        path_field = self.query_one("#import-path", Input)
        path = path_field.value.strip()
        if not path or self.running:
            if not path:
                path_field.focus()
            return
        encoding = self.query_one("#import-encoding", Input).value.strip() or None
        if encoding is not None:
            try:
                codecs.lookup(encoding)
            except LookupError:
                self._set_status(plain(f"unknown encoding {encoding!r}: give a codec name such as cp1252 or latin-1"))
                self.query_one("#import-encoding", Input).focus()
                return
        labels = self.query_one("#import-labels", Input).value.strip() or None
        if labels is not None:
            # (the importers are loaded when a pattern is checked: the app needs them only to import)
            from sayso.corpus.importers.grammar import PatternError, compile_pattern

            try:
                compile_pattern(labels)
            except PatternError as exc:
                self._set_status(plain(str(exc)))
                self.query_one("#import-labels", Input).focus()
                return
        self.running = True
        path_field.disabled = True
        self._set_status(Text("Importing…"))
        self.run_import(real_path(path), encoding, labels)

    def _set_status(self, text: Text) -> None:
        self.query_one("#import-status", Static).update(text)

    @on(Progress)
    def _progress(self, event: Progress) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=event.total, progress=event.done)
        self._set_status(plain(f"{event.done}/{event.total} {Path(event.name).name}"))

    @work(thread=True, exclusive=True, group="import")
    def run_import(self, path: str, encoding: str | None = None, labels: str | None = None) -> None:
        """Import in a thread; progress and the final report come back to the UI thread."""

        def progress(name: str, done: int, total: int) -> None:
            self.post_message(self.Progress(name, done, total))

        try:
            # In this process (parallel=False): Textual's stand-in stderr has no file descriptor,
            # which multiprocessing's spawn needs; the command line import uses workers.
            report = self.library.import_paths([path], progress=progress, encoding=encoding, labels=labels)
        except SaysoError as exc:
            # Library busy or damaged: say so in the dialog and keep the app running.
            report = ImportReport(errors=[str(exc)])
        self.post_message(self.Finished(report))
        if report.documents:
            # Larger index merges than a save makes at once, here in the background: searches go on
            # meanwhile, and a merge that cannot finish now is made by a later one.
            try:
                self.library.index.merge()
            except (SaysoError, OSError):
                LOG.exception("background index merge (it is tried again after the next import)")

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        self.report = report = event.report
        self.running = False
        summary = Text(f"Imported {len(report.documents)} document(s), {report.passages:,} passages.", style="bold")
        review = report.review_line()
        if review:
            summary.append(f"\n{review} (Quotes pane, is:review)")
        for line in (report.errors + report.warnings)[:4]:
            summary.append("\n")
            summary.append_text(plain(line, style="dim"))
        summary.append("\nescape closes", style="dim")
        self._set_status(summary)
        field = self.query_one("#import-path", Input)
        field.disabled = False
        field.focus()
        if report.documents:
            message = f"Imported {len(report.documents)} document(s)"
            if review:
                message += f". {review} (Quotes pane, is:review)"
            self.app.notify(message, markup=False, severity="warning" if review else "information")

    def action_close(self) -> None:
        if not self.running:
            self.dismiss(self.report)
