"""CitationDialog: see and edit one document's citation fields, with the citation they make.

Every field the citation model uses gets a row: title, kind (a Select of
sayso's kinds, each with the CSL type it becomes), date, URL, publisher or
programme, event, place and host (host, interviewer or moderator).  An empty
field shows "missing": nothing is filled in for the user.  Below them, the
reference as APA and Chicago format it (corpus.export.cite, the same code the
exports use), rebuilt in a thread worker a moment after typing stops.

Values are checked as they are typed with the rules `sayso doc edit` uses
(`corpus.library.check_citation_field`); ctrl+s saves only the fields that
changed, through `Library.edit_document` in a worker (it takes the library
lock), and the dialog closes with the updated Document only once that is on
disk.  escape closes without writing anything.

Document text is untrusted: values are shown with control characters made
visible, labels and previews are plain Text, never markup.

`CitationActions` is the main screen's side: which document to open the
dialog on (`c` in Documents, or ctrl+p), and showing the new title everywhere
after a save.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from corpus.errors import SaysoError
from corpus.export.cite import format_reference
from corpus.importers.grammar import PatternError, compile_pattern, describe, is_uncertain
from corpus.export.csl import csl_type, document_item, host_names, host_role
from corpus.library import EDITABLE_FIELDS, check_citation_field, is_generic_label
from corpus.models import KINDS, Document
from corpus.safety import visible

if TYPE_CHECKING:
    from corpus.library import Library

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
#: Styles shown in the preview, with their labels.
PREVIEW_STYLES = (("apa", "APA"), ("chicago", "Chicago"))
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


def quoted_speaker(doc: Document) -> str | None:
    """The speaker a preview cites as author: the first with a name (not a role label), the host last."""
    named = [s for s in doc.speakers if s and s.strip() and not is_generic_label(s)]
    hosts = {h.casefold() for h in host_names(doc.host)}
    return next((s for s in named if s.casefold() not in hosts), named[0] if named else None)


def preview_lines(doc: Document) -> list[tuple[str, str]]:
    """(label, text) lines of the preview: the item's type and where the host goes, then each style's reference."""
    speaker = quoted_speaker(doc)
    item = document_item(doc, [speaker] if speaker else [])
    role = host_role(doc)
    about = f"CSL type {item['type']}"
    if doc.host:
        about += f"; host exported as {role}" if role else "; host not cited (CSL has one only for a broadcast or an interview)"
    about += f"; author: {speaker}, as for a quote of theirs" if speaker else "; no named speaker: cited without an author"
    lines = [("", about)]
    for style, label in PREVIEW_STYLES:
        lines.append((label, format_reference(item, style)))
    return lines


class CitationDialog(ModalScreen[Document | None]):
    """A document's citation fields with a live preview; ctrl+s saves the changed ones, escape cancels."""

    BINDINGS: list[BindingType] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="citation.save"),
        Binding("escape", "cancel", "Cancel", id="citation.cancel"),
    ]

    def __init__(self, library: Library, document: Document) -> None:
        super().__init__()
        self.library = library
        self.document = document
        #: What each field shows at the start (control characters made visible): a change is a difference from this.
        self.initial = {name: visible(str(getattr(document, name) or ""), keep_newlines=False) for name in EDITABLE_FIELDS}
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
            yield Static(visible(describe(self.document.convention), keep_newlines=False), id="citation-speakers",
                         markup=False, classes="-uncertain" if is_uncertain(self.document.convention) else "")
            with VerticalScroll(id="citation-body"):
                for name, label in TEXT_FIELDS:
                    with Horizontal(classes="citation-row", id=f"citation-row-{name}"):
                        yield Static(label, classes="citation-label", id=f"citation-label-{name}", markup=False)
                        yield Input(self.initial[name], placeholder=MISSING, id=f"citation-{name}", compact=True,
                                    select_on_focus=False)
                    if name == "title":
                        with Horizontal(classes="citation-row", id="citation-row-kind"):
                            yield Static("Kind", classes="citation-label", markup=False)
                            yield Select(kind_options(self.document.kind), value=self.document.kind, allow_blank=False,
                                         id="citation-kind", compact=True)
                with Horizontal(classes="citation-row", id="citation-row-labels"):
                    yield Static("Speaker labels", classes="citation-label", markup=False)
                    yield Input(self.initial_labels, placeholder=LABELS_PLACEHOLDER, id="citation-labels", compact=True,
                                select_on_focus=False)
                yield Static("", id="citation-preview", markup=False)
            yield Static("", id="citation-status", markup=False)
            yield Static("ctrl+s save · esc cancel · tab next field · empty = missing", id="citation-hint", markup=False)

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
            name: value for name, value in self.values().items()
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

    @work(thread=True, exclusive=True, group="citation-preview")
    def build_preview(self, doc: Document) -> None:
        try:
            lines = preview_lines(doc)
        except Exception as exc:  # a citation the processor cannot format must not take the app down
            lines = [("", f"cannot format this citation: {type(exc).__name__}: {exc}")]
        self.app.call_from_thread(self._show_preview, lines)

    def _show_preview(self, lines: list[tuple[str, str]]) -> None:
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
        except SaysoError as exc:
            self.app.call_from_thread(self._save_failed, str(exc))
            return
        except Exception as exc:  # a failed save must not take the app down; nothing is claimed saved
            self.app.call_from_thread(self._save_failed, f"{type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self.dismiss, doc)

    def _save_failed(self, message: str) -> None:
        self._saving = False
        self._status(f"not saved: {message}", error=True)

    def action_cancel(self) -> None:
        if not self._saving:
            self.dismiss(None)


class CitationActions:
    """The main screen's side of the citation dialog (a mixin of MainScreen).

    Handlers use Textual's naming convention: `@on` decorators are only
    collected on message-pump classes, and this is a mixin.
    """

    library: Library
    app: Any
    documents: list[Document]
    pane: str

    def on_documents_pane_edit_citation(self, event: Any) -> None:
        event.stop()
        self.open_citation_dialog(event.doc_id)

    def action_edit_citation(self) -> None:
        """The citation of the open document when reading, else of the highlighted one."""
        from tui.widgets.documents import DocumentsPane

        reader_doc = self.reader.document  # type: ignore[attr-defined]
        highlighted = self.query_one(DocumentsPane).highlighted_id  # type: ignore[attr-defined]
        doc_id = reader_doc.id if reader_doc is not None and (self.pane != "documents" or highlighted is None) else highlighted
        if doc_id is None:
            self.app.bell()
            self.app.notify("No document to cite yet: import one first (i).", markup=False)
            return
        self.open_citation_dialog(doc_id)

    def open_citation_dialog(self, doc_id: str) -> None:
        doc = next((d for d in self.documents if d.id == doc_id), None)
        if doc is None:
            self.app.bell()
            return
        self.app.push_screen(CitationDialog(self.library, doc), self._citation_saved)

    def _citation_saved(self, doc: Document | None) -> None:
        if doc is None:
            return
        from tui.widgets.documents import DocumentsPane

        before = next((d for d in self.documents if d.id == doc.id), None)
        if before is not None and (before.text_hash != doc.text_hash or before.labels != doc.labels):
            # Re-imported with other speaker labels: passages, speakers and hits all change.
            self._reimported(doc)  # type: ignore[attr-defined]
            return

        self.documents = [doc if d.id == doc.id else d for d in self.documents]
        self.query_one(DocumentsPane).show_documents(self.documents, self._lens_documents())  # type: ignore[attr-defined]
        reader = self.reader  # type: ignore[attr-defined]
        if reader.document is not None and reader.document.id == doc.id:
            reader.document = doc
            self._set_reader_title()  # type: ignore[attr-defined]
        query = self.search_pane.shown_query  # type: ignore[attr-defined]
        if query:
            self._request_search(query)  # type: ignore[attr-defined]  # hits show the new title
        refresh = getattr(self, "refresh_quote_list", None)
        if callable(refresh):
            refresh()
        self.app.notify(f"Citation saved: {visible(doc.title, keep_newlines=False)}", title="Citation", markup=False)
