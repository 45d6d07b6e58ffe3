"""CitationDialog: see and edit one document's citation fields, with the citation they make.

Every field the citation model uses gets a row: title, kind (a Select of
sayso's kinds, each with the CSL type it becomes), date, URL, publisher or
programme, event, place and host (host, interviewer or moderator).  An empty
field shows "missing": nothing is filled in for the user.  Below them, the
citation in the chosen style (the config file's, else APA; ctrl+y opens the
StylePicker over every CSL style) as the exports make it, with the fields
that style prints but the document lacks, rebuilt in a thread worker a moment
after typing stops.

Values are checked as they are typed with the rules `sayso doc edit` uses
(`corpus.library.check_citation_field`); ctrl+s saves only the fields that
changed, through `Library.edit_document` in a worker (it takes the library
lock), and the dialog closes with the updated Document only once that is on
disk.  escape closes without writing anything.

Document text is untrusted: values are shown with control characters made
visible, labels and previews are plain Text, never markup.

The main screen decides which document to open the dialog on (`c` in
Documents, or ctrl+p) and shows the new title everywhere after a save.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from sayso.corpus.conventions import describe, is_uncertain
from sayso.corpus.errors import SaysoError
from sayso.corpus.export.cite import DEFAULT_STYLE, style_name
from sayso.corpus.export.csl import cited_speaker, csl_type, document_item, host_role
from sayso.corpus.library import EDITABLE_FIELDS, check_citation_field
from sayso.corpus.models import KINDS, Document
from sayso.corpus.safety import visible
from sayso.tui.jobs import describe_error
from sayso.tui.screens.fields import FIELD_KEYS
from sayso.tui.widgets.safe_input import SafeInput

LOG = logging.getLogger(__name__)

if TYPE_CHECKING:
    from sayso.corpus.library import Library

#: The text fields in the order shown: (field, label).  Kind is the Select between title and date.
TEXT_FIELDS = (
    ("title", "Title"),
    ("date", "Date"),
    ("url", "URL"),
    ("publisher", "Publisher/programme"),
    ("event", "Event"),
    ("place", "Place"),
    ("host", "Host/interviewer"),
)
#: Placeholder of an empty field: shown, never saved.
MISSING = "missing"
#: Placeholder of the speaker-labels field: empty means sayso infers the convention.
LABELS_PLACEHOLDER = "inferred · or state it: [{speaker}] [{time}] {text}"
#: Kinds offered besides sayso's own (README: an article becomes `article-newspaper` only when the user says so).
EXTRA_KINDS = ("article-newspaper",)
#: Seconds of quiet typing before the preview is rebuilt.
PREVIEW_DELAY = 0.2


def kind_label(kind: str) -> str:
    """`panel → speech`: a kind with the CSL type it is cited as."""
    if kind == "article":
        return "article → post or webpage (from the URL)"
    if kind == "subtitles":
        return "subtitles → speech if an event is set, else motion_picture"
    return f"{kind} → {csl_type(Document(id='', title='', kind=kind, source=''))}"


def kind_options(current: str) -> list[tuple[str, str]]:
    """The kinds a user can pick, the document's own first if it is none of them."""
    kinds = list(dict.fromkeys([*KINDS, *EXTRA_KINDS]))
    if current and current not in kinds:
        kinds.insert(0, current)
    return [(kind_label(k), k) for k in kinds]


def preview_lines(doc: Document, style: str = DEFAULT_STYLE, locale: str | None = None) -> list[tuple[str, str]]:
    """(label, text) lines of the preview: the item's type and where the host goes, then how `style` cites it."""
    from sayso.tui.screens.style_picker import Sample
    from sayso.tui.screens.style_picker import preview_lines as style_lines

    speaker = cited_speaker(doc)
    item = document_item(doc, [speaker] if speaker else [])
    role = host_role(doc)
    about = f"CSL type {item['type']}"
    if doc.host:
        about += (
            f"; host exported as {role}"
            if role
            else "; host not cited (CSL has one only for a broadcast or an interview)"
        )
    about += (
        f"; author: {speaker}, as for a quote of theirs" if speaker else "; no named speaker: cited without an author"
    )
    return [("", about), *style_lines(None, Sample(document=doc), style, locale)]


class CitationDialog(ModalScreen[Document | None]):
    """A document's citation fields with a live preview; ctrl+s saves the changed ones, escape cancels."""

    class PreviewBuilt(Message):
        """The preview's (label, text) lines for the fields as typed."""

        def __init__(self, lines: list[tuple[str, str]]) -> None:
            super().__init__()
            self.lines = lines

    class Saved(Message):
        """The changes are on disk: `document` as it is now."""

        def __init__(self, document: Document) -> None:
            super().__init__()
            self.document = document

    class NotSaved(Message):
        """Saving failed; `error` says why and nothing was claimed saved."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    BINDINGS: ClassVar[list[BindingType]] = [
        *FIELD_KEYS,
        Binding("ctrl+s", "save", "Save", priority=True, id="citation.save"),
        Binding("ctrl+y", "pick_style", "Citation style", priority=True, id="citation.styles"),
        Binding("escape", "cancel", "Cancel", id="citation.cancel"),
    ]

    def __init__(
        self, library: Library, document: Document, *, style: str | None = None, locale: str | None = None
    ) -> None:
        """`style` and `locale` are what the preview cites in (the config file's; ctrl+y picks another style)."""
        super().__init__()
        self.library = library
        self.document = document
        try:
            self.style = style_name(style)
        except SaysoError:
            self.style = DEFAULT_STYLE
        self.locale = locale
        #: What each field shows at the start (control characters made visible): a change is a difference from this.
        self.initial = {
            name: visible(str(getattr(document, name) or ""), keep_newlines=False) for name in EDITABLE_FIELDS
        }
        self.initial["kind"] = document.kind
        #: the --labels pattern the document was imported with ("" when inferred); changing it re-imports
        self.initial_labels = visible(document.labels or "", keep_newlines=False)
        self.problem = ""
        self.preview_text = ""
        self._preview_timer: Any = None
        self._saving = False

    # -- layout --------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="citation-box"):
            title = Text("Citation of ", style="bold", end="")
            title.append(self.initial["title"], style="italic")
            yield Static(title, id="citation-heading", markup=False)
            # How the speakers were found and how sure the import was (never silent about a guess).
            yield Static(
                visible(describe(self.document.convention, "state it in Speaker labels below"), keep_newlines=False),
                id="citation-speakers",
                markup=False,
                classes="-uncertain" if is_uncertain(self.document.convention) else "",
            )
            with VerticalScroll(id="citation-body"):
                for name, label in TEXT_FIELDS:
                    with Horizontal(classes="citation-row", id=f"citation-row-{name}"):
                        yield Static(label, classes="citation-label", id=f"citation-label-{name}", markup=False)
                        yield SafeInput(
                            self.initial[name],
                            placeholder=MISSING,
                            id=f"citation-{name}",
                            compact=True,
                            select_on_focus=False,
                        )
                    if name == "title":
                        with Horizontal(classes="citation-row", id="citation-row-kind"):
                            yield Static("Kind", classes="citation-label", markup=False)
                            yield Select(
                                kind_options(self.document.kind),
                                value=self.document.kind,
                                allow_blank=False,
                                id="citation-kind",
                                compact=True,
                            )
                with Horizontal(classes="citation-row", id="citation-row-labels"):
                    yield Static("Speaker labels", classes="citation-label", markup=False)
                    yield SafeInput(
                        self.initial_labels,
                        placeholder=LABELS_PLACEHOLDER,
                        id="citation-labels",
                        compact=True,
                        select_on_focus=False,
                    )
                yield Static("", id="citation-preview", markup=False)
            yield Static("", id="citation-status", markup=False)
            yield Static(
                "ctrl+s save · ctrl+y style · esc cancel · tab next field · empty = missing",
                id="citation-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#citation-body").border_title = "Fields"
        self._mark_missing()
        self._check()
        self.query_one(f"#citation-{TEXT_FIELDS[0][0]}", Input).focus()
        self._schedule_preview(now=True)

    # -- values ----------------------------------------------------------------------------------------
    def values(self) -> dict[str, str]:
        """What every field holds now (kind included)."""
        out = {name: self.query_one(f"#citation-{name}", Input).value for name, _ in TEXT_FIELDS}
        out["kind"] = str(self.query_one("#citation-kind", Select).value)
        return out

    def changes(self) -> dict[str, str]:
        """The fields whose value differs from what the dialog opened with (whitespace differences ignored)."""
        return {
            name: value
            for name, value in self.values().items()
            if " ".join(value.split()) != " ".join(self.initial[name].split())
        }

    def labels_change(self) -> str | None:
        """The new speaker-labels pattern ("" to infer again), or None when unchanged."""
        value = self.query_one("#citation-labels", Input).value.strip()
        return None if value == self.initial_labels.strip() else value

    def checked(self) -> tuple[dict[str, str], str]:
        """(changed fields tidied, the first problem or "")."""
        tidy: dict[str, str] = {}
        for name, value in self.changes().items():
            try:
                tidy[name] = check_citation_field(name, value)
            except SaysoError as exc:
                return tidy, str(exc)
        labels = self.labels_change()
        if labels:
            # (the importers are loaded when a pattern is checked: the app needs them only to import)
            from sayso.corpus.importers.grammar import PatternError, compile_pattern

            try:
                compile_pattern(labels)
            except PatternError as exc:
                return tidy, str(exc)
        return tidy, ""

    def edited_document(self) -> Document:
        """The document as it would be after saving the fields that pass the checks."""
        fields: dict[str, Any] = {}
        for name, value in self.changes().items():
            try:
                fields[name] = check_citation_field(name, value) or None
            except SaysoError:
                continue
        return replace(self.document, **fields)

    # -- reacting to typing -----------------------------------------------------------------------------
    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._mark_missing()
        self._check()
        self._schedule_preview()

    @on(Select.Changed, "#citation-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._check()
        self._schedule_preview()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def _mark_missing(self) -> None:
        for name, _ in TEXT_FIELDS:
            empty = not self.query_one(f"#citation-{name}", Input).value.strip()
            self.query_one(f"#citation-row-{name}").set_class(empty, "-missing")

    def _check(self) -> None:
        _, self.problem = self.checked()
        if self.problem:
            self._status(self.problem, error=True)
        else:
            count = len(self.changes()) + (self.labels_change() is not None)
            status = f"{count} field{'s' if count != 1 else ''} changed" if count else "no changes yet"
            if self.labels_change() is not None:
                status += " · saving re-imports the document with the new speaker labels"
            self._status(status)

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#citation-status", Static)
        status.update(Text(visible(text, keep_newlines=False), style="bold" if error else ""))
        status.set_class(error, "-error")

    # -- preview --------------------------------------------------------------------------------------------
    def _schedule_preview(self, *, now: bool = False) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
        if now:
            self.build_preview(self.edited_document())
        else:
            self._preview_timer = self.set_timer(PREVIEW_DELAY, lambda: self.build_preview(self.edited_document()))

    def action_pick_style(self) -> None:
        """Every CSL style, searched by typing, previewing this document's citation as the fields stand."""
        from sayso.tui.screens.style_picker import Sample, StylePicker

        def picked(style: str | None) -> None:
            if style:
                self.style = style
                self._schedule_preview(now=True)

        picker = StylePicker(None, Sample(document=self.edited_document()), current=self.style, locale=self.locale)
        self.app.push_screen(picker, picked)

    @work(thread=True, exclusive=True, group="citation-preview")
    def build_preview(self, doc: Document) -> None:
        try:
            lines = preview_lines(doc, self.style, self.locale)
        except Exception as exc:  # a citation the processor cannot format must not take the app down
            LOG.exception("shown to the user as one line")
            lines = [("", f"cannot format this citation: {type(exc).__name__}: {exc}")]
        self.post_message(self.PreviewBuilt(lines))

    @on(PreviewBuilt)
    def _show_preview(self, event: PreviewBuilt) -> None:
        lines = event.lines
        text = Text(end="")
        plain_lines = []
        for i, (label, line) in enumerate(lines):
            if i:
                text.append("\n")
            if label:
                text.append(f"{label}: ", style="bold")
            shown = visible(line, keep_newlines=False)
            text.append(shown, style="" if label else "dim")
            plain_lines.append(f"{label}: {shown}" if label else shown)
        self.preview_text = "\n".join(plain_lines)
        self.query_one("#citation-preview", Static).update(text)

    # -- saving -----------------------------------------------------------------------------------------------
    def action_save(self) -> None:
        if self._saving:
            return
        changes, problem = self.checked()
        if problem:
            self._status(problem, error=True)
            self.app.bell()
            return
        labels = self.labels_change()
        if not changes and labels is None:
            self.dismiss(None)
            return
        self._saving = True
        self._status("saving…" if labels is None else "re-importing with the new speaker labels…")
        self.save(changes, labels)

    @work(thread=True, exclusive=True, group="citation-save")
    def save(self, changes: dict[str, str], labels: str | None = None) -> None:
        """Save the changed fields; with `labels` ("" = infer), re-import the document's file with them."""
        try:
            doc = self.document
            if changes:
                doc = self.library.edit_document(self.document.id, **changes)
            if labels is not None:
                doc = self.library.import_file(Path(self.document.source), labels=labels)
        except Exception as exc:  # a failed save must not take the app down; nothing is claimed saved
            LOG.exception("shown to the user as one line")
            self.post_message(self.NotSaved(describe_error(exc)))
            return
        self.post_message(self.Saved(doc))

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        self.dismiss(event.document)

    @on(NotSaved)
    def _save_failed(self, event: NotSaved) -> None:
        self._saving = False
        self._status(f"not saved: {event.error}", error=True)

    def action_cancel(self) -> None:
        if not self._saving:
            self.dismiss(None)
