"""ExportDialog: choose format, style, filter and destination; see a preview; write the file.

The style list offers the usual styles; its last entry (or ctrl+y) opens the
StylePicker over every CSL style, previewing the quote under the cursor (else
the first quote exported).  Locale and, for Markdown, the citation form
(formatted text or pandoc keys) are chosen beside it.

The preview and the export run in thread workers; the file is written
like `sayso export -o` (corpus.export.files): atomically, never into the
data folder, never over a file that is not a sayso export (Markdown merges
into an existing file).
The preview is plain text: quotes and notes are untrusted, never markup.
A pseudonym map (beside the filter) pseudonymises the preview and the file
as `sayso export --pseudonymise MAP` does, leak check included.
The format list also offers a note vault (Obsidian, or any folder of Markdown),
a note per document or per quote, as `sayso export --vault FOLDER --per ...`:
the destination is then a folder, and the preview lists the notes.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Select, Static

from sayso.config import remember, remembered
from sayso.corpus.errors import NotReplaced, SaysoError, UnusableFile
from sayso.corpus.export import FORMATS, SUFFIXES, Export, NothingToExport, export_library, load_protection
from sayso.corpus.export.cite import DEFAULT_STYLE, locale_name, locales, style_name
from sayso.corpus.export.files import write_export
from sayso.corpus.export.markdown import CITE_FORMS, DEFAULT_CITE
from sayso.corpus.export.vault import LAYOUTS, VaultReport, vault_files, write_vault
from sayso.corpus.library import Library
from sayso.corpus.models import Quote
from sayso.corpus.query import parse_quote_filter
from sayso.corpus.safety import visible
from sayso.tui.jobs import describe_error
from sayso.tui.screens.fields import FIELD_KEYS
from sayso.tui.widgets.safe_input import SafeInput

LOG = logging.getLogger(__name__)

#: Lines of the export shown in the preview.
PREVIEW_LINES = 40
#: Seconds of quiet typing before the preview is rebuilt.
PREVIEW_DELAY = 0.25


#: The format list's vault entries: a folder of Markdown notes, one per document or per quote (`vault.LAYOUTS`).
VAULT = "vault:"
VAULTS = {f"{VAULT}{layout}": layout for layout in LAYOUTS}


def format_options() -> list[tuple[str, str]]:
    """The format list: every file format with its ending, then the vault's layouts (a folder)."""
    files = [(f"{name} ({ending})", name) for name, (_, ending, _) in FORMATS.items()]
    short = {"document": "doc"}  # (the list is as narrow as its box: "vault (per document)" would wrap)
    return files + [(f"vault (per {short.get(layout, layout)})", value) for value, layout in VAULTS.items()]


def default_destination(fmt: str, folder: Path | None = None) -> Path:
    """`sayso-quotes<ending>` in `folder` (a vault: the folder `sayso-vault`): by default the user's documents
    folder where there is one (not whatever folder sayso happened to be started from), else the current folder."""
    if folder is None:
        import platformdirs

        documents = platformdirs.user_documents_path()
        folder = documents if documents.is_dir() else Path.cwd()
    if fmt in VAULTS:
        return folder / "sayso-vault"
    return folder / f"sayso-quotes{FORMATS[fmt][1]}"


#: The styles the style list offers without opening the picker (short names where there are some).
COMMON_STYLES = ("apa", "chicago", "chicago-notes", "modern-language-association", "harvard-cite-them-right", "ieee")
#: The style list's last entry: it opens the StylePicker over every style.
MORE_STYLES = "\x00more"
#: The locale list's first entry: each style's own locale.
STYLE_LOCALE = ""


def known_style(style: str | None) -> str | None:
    """`style` by the name exports use, None when it is not a style sayso can cite in (a file since removed)."""
    try:
        return style_name(style) if style else None
    except SaysoError:
        return None


def known_locale(locale: str | None) -> str | None:
    """`locale` as citeproc names it (`de`: de-DE), None for the style's own or one sayso does not know."""
    try:
        return locale_name(locale)
    except SaysoError:
        return None


def style_options(current: str) -> list[tuple[str, str]]:
    """The style list: the common styles, the current one if it is none of them, then "all styles…"."""
    names = list(COMMON_STYLES) if current in COMMON_STYLES else [current, *COMMON_STYLES]
    return [*((visible(n, keep_newlines=False), n) for n in names), ("all styles\u2026 (ctrl+y)", MORE_STYLES)]


def render_export(
    library: Library,
    fmt: str,
    style: str,
    filter_line: str,
    locale: str | None = None,
    cite: str = DEFAULT_CITE,
    names: str = "",
) -> Export:
    """The export of the quotes matching the Quotes pane's `filter_line` (corpus.export's one pipeline), with the
    names in the pseudonym map file `names` replaced (none: ""); a vault's is a Markdown export, its entries the
    notes' (its text: the notes, listed and the first shown)."""
    protection = load_protection(Path(names.strip()).expanduser()) if names.strip() else None
    try:
        quotes = library.quotes.list(**parse_quote_filter(filter_line).list_kwargs())
        if fmt in VAULTS:
            export = export_library(library, quotes, "markdown", style, locale=locale, cite=cite, protection=protection)
            return dataclasses.replace(export, text=vault_preview(export, VAULTS[fmt], cite))
        return export_library(library, quotes, fmt, style, locale=locale, cite=cite, protection=protection)
    except NothingToExport:
        raise SaysoError("no quotes match this filter; nothing to export") from None


def vault_preview(export: Export, layout: str, cite: str) -> str:
    """What a vault export writes, as the dialog shows it: the notes' paths in the folder, then the first note."""
    files = vault_files(export.entries, layout, cite, source_paths=export.protection is None)
    listing = [f"{len(files)} note{'s' if len(files) != 1 else ''}:", *(f"  {f.path}" for f in files)]
    return "\n".join([*listing, "", f"── {files[0].path} ──", files[0].text] if files else listing)


def _holds_a_library(folder: Path) -> bool:
    """A sayso data folder (or inside one): never offered as where to export."""
    return any((p / "library.json").exists() for p in (folder, *folder.parents))


class ExportDialog(ModalScreen[Path | None]):
    """Format, citation style, filter and destination, with a live preview; ctrl+s exports."""

    class PreviewBuilt(Message):
        """The preview `text` and the line `note` about it (`error`: why there is no preview)."""

        def __init__(self, text: str, note: str, *, error: bool) -> None:
            super().__init__()
            self.text, self.note, self.error = text, note, error

    class Written(Message):
        """`export` was written to `path` (a vault: `vault` says which notes were written)."""

        def __init__(self, path: Path, export: Export, vault: VaultReport | None = None) -> None:
            super().__init__()
            self.path, self.export, self.vault = path, export, vault

    class NotWritten(Message):
        """Nothing was written; `error` says why."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    BINDINGS: ClassVar[list[BindingType]] = [
        *FIELD_KEYS,
        Binding("ctrl+s", "export", "Export", priority=True, id="export.write"),
        Binding("ctrl+y", "pick_style", "All citation styles", priority=True, id="export.styles"),
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(
        self,
        library: Library,
        *,
        filter_line: str = "",
        folder: Path | None = None,
        style: str | None = None,
        remembering: bool = False,
        locale: str | None = None,
        cite: str | None = None,
        quote: Quote | None = None,
    ) -> None:
        """`style`, `locale` and `cite` are the defaults (the config file's); with `remembering`, the format,
        style, locale and folder of the last export made are the next one's defaults (kept between sessions).
        `quote` is the one under the cursor: the style picker previews it."""
        super().__init__()
        self.library = library
        self._remembering = remembering
        #: each library's last export folder is its own: another's is no default for this one
        self._folder_key = (
            f"export_folder {library.where if library.server is not None else library.data_dir.resolve()}"
        )
        last = (lambda name: remembered(name)) if remembering else (lambda name: None)
        fmt, last_style, last_folder = last("export_format"), last("export_style"), last(self._folder_key)
        self._names = last("export_names") or ""
        self.fmt = fmt if fmt in FORMATS or fmt in VAULTS else "markdown"
        self.style = known_style(last_style) or known_style(style) or DEFAULT_STYLE
        last_locale = last("export_locale")
        chosen_locale = last_locale if last_locale is not None else locale
        self.locale: str | None = known_locale(chosen_locale)
        self.cite = cite if cite in CITE_FORMS else DEFAULT_CITE
        self.sample: Quote | None = quote
        self._filter_line = filter_line
        if folder is None and last_folder and Path(last_folder).is_dir() and not _holds_a_library(Path(last_folder)):
            folder = Path(last_folder)
        self._folder = folder
        self._preview_timer: Timer | None = None
        self.preview_text = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(Text("Export quotes", style="bold"), id="export-title")
            with Horizontal(id="export-choices"):
                yield Select(
                    format_options(),
                    value=self.fmt,
                    allow_blank=False,
                    id="export-format",
                    compact=True,
                )
                yield Select(
                    style_options(self.style),
                    value=self.style,
                    allow_blank=False,
                    id="export-style",
                    compact=True,
                )
                yield Select(
                    [("own locale", STYLE_LOCALE), *((name, name) for name in locales())],
                    value=self.locale or STYLE_LOCALE,
                    allow_blank=False,
                    id="export-locale",
                    compact=True,
                )
                yield Select(
                    [("cite text", "text"), ("cite [@key]", "pandoc")],
                    value=self.cite,
                    allow_blank=False,
                    id="export-cite",
                    compact=True,
                )
            with Horizontal(id="export-fields"):
                yield SafeInput(
                    self._filter_line,
                    placeholder="filter: words  tag:T  speaker:S  doc:D (empty: every quote)",
                    id="export-filter",
                )
                yield SafeInput(self._names, placeholder="names.toml or .csv (empty: none)", id="export-names")
            # The cursor at the end, nothing selected: typing edits the path rather than replacing it.
            yield SafeInput(
                str(default_destination(self.fmt, self._folder)),
                placeholder="file to write",
                id="export-path",
                select_on_focus=False,
            )
            with VerticalScroll(id="export-preview-box"):
                yield Static("", id="export-preview", markup=False)
            yield Static("", id="export-status", markup=False)
            yield Static(
                "ctrl+s export · ctrl+y all styles · esc cancel · tab next field", id="export-hint", markup=False
            )

    def on_mount(self) -> None:
        self.query_one("#export-filter", Input).border_title = "Filter"
        self.query_one("#export-names", Input).border_title = "Pseudonym map"
        self.query_one("#export-path", Input).border_title = "Write to"
        self.query_one("#export-preview-box").border_title = "Preview"
        path_input = self.query_one("#export-path", Input)
        path_input.focus()
        path_input.cursor_position = len(path_input.value)
        self._schedule_preview()

    @property
    def path(self) -> Path:
        return Path(self.query_one("#export-path", Input).value.strip()).expanduser()

    @property
    def filter_line(self) -> str:
        return self.query_one("#export-filter", Input).value

    @property
    def names(self) -> str:
        """The pseudonym map file's path as typed ("" for none)."""
        return self.query_one("#export-names", Input).value

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(Text(visible(text, keep_newlines=False), style="bold" if error else "dim"))
        status.set_class(error, "-error")

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        was = self.fmt
        self.fmt = str(event.value)
        path_input = self.query_one("#export-path", Input)
        path = Path(path_input.value.strip())
        if self.fmt in VAULTS and was not in VAULTS:
            # a folder of notes: the file's name without its ending (sayso-quotes.md: the folder sayso-quotes)
            path_input.value = str(path.with_suffix("") if path.suffix == FORMATS[was][1] else path)
        elif self.fmt not in VAULTS:
            old = "" if was in VAULTS else FORMATS[was][1]
            if path.suffix == old or not path.suffix:
                path_input.value = str(path.with_suffix(FORMATS[self.fmt][1]))
        self._schedule_preview()

    @on(Select.Changed, "#export-style")
    def _style_changed(self, event: Select.Changed) -> None:
        if event.value == MORE_STYLES:
            self.action_pick_style()
            return
        self.style = str(event.value)
        self._schedule_preview()

    @on(Select.Changed, "#export-locale")
    def _locale_changed(self, event: Select.Changed) -> None:
        self.locale = str(event.value) or None
        self._schedule_preview()

    @on(Select.Changed, "#export-cite")
    def _cite_changed(self, event: Select.Changed) -> None:
        self.cite = str(event.value)
        self._schedule_preview()

    def action_pick_style(self) -> None:
        """Every CSL style, searched by typing, previewing the quote under the cursor (else the first exported)."""
        from sayso.tui.screens.style_picker import Sample, StylePicker

        picker = StylePicker(self.library, Sample(quote=self.sample), current=self.style, locale=self.locale)
        self.app.push_screen(picker, self._style_picked)

    def _style_picked(self, style: str | None) -> None:
        """Show the chosen style in the list (added to it when it is not a common one); none: keep the style."""
        select = self.query_one("#export-style", Select)
        chosen = style or self.style
        select.set_options(style_options(chosen))
        select.value = chosen
        self.style = chosen
        select.focus()
        self._schedule_preview()

    @on(Input.Changed, "#export-filter")
    @on(Input.Changed, "#export-names")
    def _filter_changed(self) -> None:
        self._schedule_preview()

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        """A file ending that names a format chooses it (refs.json: CSL-JSON), as `sayso export -o` does."""
        fmt = SUFFIXES.get(Path(event.value.strip()).suffix.lower())
        if fmt is not None and fmt != self.fmt and self.fmt not in VAULTS:
            self.query_one("#export-format", Select).value = fmt

    @on(Input.Submitted, "#export-path")
    def _submitted(self) -> None:
        self.action_export()

    @on(Input.Submitted, "#export-filter")
    def _filter_submitted(self) -> None:
        self.query_one("#export-path", Input).focus()

    def _schedule_preview(self) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY, self._preview)

    def _preview(self) -> None:
        self._status("building the preview…")
        self.build_preview(self.fmt, self.style, self.filter_line)

    @work(thread=True, exclusive=True, group="export-preview")
    def build_preview(self, fmt: str, style: str, filter_line: str) -> None:
        try:
            export = render_export(self.library, fmt, style, filter_line, self.locale, self.cite, self.names)
        except Exception as exc:  # a broken export must not take the app down
            LOG.exception("shown to the user as one line")
            self.post_message(self.PreviewBuilt("", describe_error(exc), error=True))
            return
        count, flagged = len(export.entries), len(export.flagged)
        where = f", {export.locale}" if export.locale else ""
        what = f"Markdown notes, one per {VAULTS[fmt]}, in a folder" if fmt in VAULTS else FORMATS[fmt][2]
        shown = "a vault" if fmt in VAULTS else fmt
        note = f"{count} quote{'s' if count != 1 else ''} as {shown}, {style}{where} citations: {what}"
        if flagged:
            note += f" · {flagged} marked: their words changed in the document"
        if export.protection is not None:
            edited = len(export.edited)
            note += f" · names pseudonymised ({edited} quote{'s' if edited != 1 else ''} edited for anonymity)"
        lacking = {e.document.id for e in export.entries if e.document is not None and e.citation_warning}
        if lacking:
            lack = "document lacks" if len(lacking) == 1 else "documents lack"
            note += f" · {len(lacking)} {lack} what the style prints"
        if self.sample is None and export.entries:
            self.sample = export.entries[0].quote  # what the style picker previews when no quote was under the cursor
        self.post_message(self.PreviewBuilt(export.text, note, error=False))

    @on(PreviewBuilt)
    def _show_preview(self, event: PreviewBuilt) -> None:
        self.preview_text = text = event.text
        lines = text.splitlines()
        shown = "\n".join(lines[:PREVIEW_LINES])
        if len(lines) > PREVIEW_LINES:
            shown += f"\n… {len(lines) - PREVIEW_LINES} more lines"
        self.query_one("#export-preview", Static).update(Text(visible(shown), end=""))
        self._status(event.note, error=event.error)

    def action_export(self) -> None:
        """Write the export in a worker; notify where it went."""
        self._status("exporting…")
        self.write_file(self.fmt, self.style, self.filter_line, self.path)

    @work(thread=True, exclusive=True, group="export-write")
    def write_file(self, fmt: str, style: str, filter_line: str, path: Path) -> None:
        try:
            if not str(path).strip() or str(path) == ".":
                raise SaysoError("give a file to write")
            export = render_export(self.library, fmt, style, filter_line, self.locale, self.cite, self.names)
            if fmt in VAULTS:
                # (notes sayso did not write are left alone and said so; the others are written all the same)
                self.post_message(self.Written(path, export, self._write_vault(path, fmt, export)))
                return
            # a zip's bytes for qdpx; checked for names left when pseudonymised
            write_export(path, fmt, export.content, data_dir=self.library.data_dir, protection=export.protection)
        except OSError as exc:
            self.post_message(self.NotWritten(f"cannot write {path}: {exc.strerror or exc}"))
            return
        except (NotReplaced, UnusableFile) as exc:  # the dialog's own advice; the CLI names its flags
            self.post_message(self.NotWritten(f"{describe_error(exc)}: choose another file"))
            return
        except Exception as exc:  # a broken export must not take the app down
            LOG.exception("shown to the user as one line")
            self.post_message(self.NotWritten(describe_error(exc)))
            return
        self.post_message(self.Written(path, export))

    def _write_vault(self, folder: Path, fmt: str, export: Export) -> VaultReport:
        """Write the export's notes into the vault `folder`, as `sayso export --vault` does (a pseudonymised
        export's notes checked for names left, no transcript paths in them)."""
        protection = export.protection
        return write_vault(
            folder,
            export.entries,
            VAULTS[fmt],
            self.cite,
            data_dir=self.library.data_dir,
            known={q.id for q in self.library.quotes.list()},
            source_paths=protection is None,
            check=protection.check if protection is not None else None,
        )

    @on(NotWritten)
    def _not_written(self, event: NotWritten) -> None:
        self._status(event.error, error=True)

    @on(Written)
    def _written(self, event: Written) -> None:
        count, flagged = len(event.export.entries), len(event.export.flagged)
        message = f"Exported {count} quote{'s' if count != 1 else ''} as {event.export.fmt} to {event.path}"
        left_alone = event.vault.refused if event.vault is not None else []
        if event.vault is not None:
            notes = len(event.vault.written)
            message = (
                f"Exported {count} quote{'s' if count != 1 else ''} into the vault {event.path}: {notes} "
                f"note{'s' if notes != 1 else ''} written, {len(event.vault.unchanged)} unchanged"
            )
            if left_alone:
                name, why = left_alone[0]
                more = f" and {len(left_alone) - 1} more" if len(left_alone) > 1 else ""
                message += f"; left alone: {name} ({why}){more}"
        if flagged:
            message += f" ({flagged} marked: words changed)"
        if event.export.protection is not None:
            edited = len(event.export.edited)
            message += f", names pseudonymised ({edited} quote{'s' if edited != 1 else ''} edited for anonymity)"
        self.app.notify(
            visible(message, keep_newlines=False),
            title="Export",
            markup=False,
            severity="warning" if left_alone else "information",
        )
        if self._remembering:
            remember("export_format", self.fmt)
            remember("export_style", self.style)
            remember("export_locale", self.locale or STYLE_LOCALE)
            where = event.path.expanduser().resolve()
            remember(self._folder_key, str(where.parent))
            remember("export_names", self.names.strip())
        self.dismiss(event.path)

    def action_cancel(self) -> None:
        self.dismiss(None)
