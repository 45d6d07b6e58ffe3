"""PersonDialog: name an unnamed speaker with a preview of their first turns, or edit a person's role and affiliation.

Opened from the Speakers pane (`e`).  For an unnamed speaker ("Speaker 1" of
one document) it shows that document's title and the speaker's first turns,
so the user can tell who it is, and a name field completing from the people
already known (a known name merges them).  For everyone, role and affiliation
fields.  ctrl+s (or enter) saves through the library in a worker; the dialog
closes with a one-line description of the change once it is on disk, and the
main screen re-reads the library.  escape closes without writing.

Names and turns come from documents: they are shown as plain Text with control
characters made visible, never as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from sayso.corpus.errors import SaysoError
from sayso.corpus.models import Passage, Speaker
from sayso.corpus.safety import visible
from sayso.tui.screens.fields import FIELD_KEYS
from sayso.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from sayso.corpus.library import Library


def _shown(text: str | None) -> str:
    return visible(text or "", keep_newlines=False)


class PersonDialog(ModalScreen[str | None]):
    """Name a document's unnamed speaker, or set a person's role and affiliation (styles: dialogs.tcss)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FIELD_KEYS,
        Binding("ctrl+s", "save", "Save", id="person.save"),
        Binding("escape", "cancel", "Cancel", id="person.cancel"),
    ]

    def __init__(self, library: Library, speaker: Speaker, known: list[str]) -> None:
        super().__init__()
        self.library = library
        self.speaker = speaker
        #: the document an unnamed speaker belongs to (naming them is per document)
        self.doc_id = speaker.documents[0] if speaker.unnamed and len(speaker.documents) == 1 else None
        self.known = sorted({n for n in known if n != speaker.name}, key=str.casefold)

    def compose(self) -> ComposeResult:
        with Vertical():
            if self.doc_id is not None:
                title = next((d.title for d in self.library.documents() if d.id == self.doc_id), self.doc_id)
                head = Text(f"Name {_shown(self.speaker.name)} in {_shown(title)}", style="bold")
            else:
                head = Text(f"Edit {_shown(self.speaker.name)}", style="bold")
            yield Static(head, id="person-title")
            yield Static(Text("…"), id="person-preview", classes="person--preview")
            yield Static(Text("Name" + (" (a known name merges them)" if self.known else "")), classes="person--label")
            yield SafeInput(
                value="" if self.speaker.unnamed else self.speaker.name,
                placeholder="who this is, e.g. Bryan Cantrill",
                suggester=SuggestFromList(self.known, case_sensitive=False),
                id="person-name",
            )
            yield Static(Text("Role"), classes="person--label")
            yield SafeInput(value=self.speaker.role or "", placeholder="e.g. Senator", id="person-role")
            yield Static(Text("Affiliation"), classes="person--label")
            yield SafeInput(value=self.speaker.affiliation or "", placeholder="e.g. Connecticut", id="person-from")
            yield Static(Text(""), id="person-error", classes="person--error")
            yield Static(Text("ctrl+s save · esc cancel · → takes the completion", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#person-name", Input).focus()
        self.load_preview()

    @work(thread=True, exclusive=True, group="person-preview")
    def load_preview(self) -> None:
        """The speaker's first turns (of their document when unnamed), read off the UI thread."""
        try:
            doc = self.doc_id or (self.speaker.documents[0] if self.speaker.documents else None)
            turns = self.library.people.first_turns(self.speaker.name, doc) if doc else []
        except SaysoError as exc:
            self.app.call_from_thread(self._show_preview, [], str(exc))
            return
        self.app.call_from_thread(self._show_preview, turns, None)

    def _show_preview(self, turns: list[Passage], error: str | None) -> None:
        text = Text()
        for p in turns:
            words = _shown(p.text)
            text.append(f"“{words[:220]}{'…' if len(words) > 220 else ''}”\n")
        if error:
            text.append(_shown(error))
        text.rstrip()  # (no blank line under the last turn)
        self.query_one("#person-preview", Static).update(text if text.plain else Text("(no turns)"))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        name = " ".join(self.query_one("#person-name", Input).value.split())
        role = " ".join(self.query_one("#person-role", Input).value.split())
        affiliation = " ".join(self.query_one("#person-from", Input).value.split())
        self.save(name, role, affiliation)

    @work(thread=True, exclusive=True, group="person-save")
    def save(self, name: str, role: str, affiliation: str) -> None:
        """Write the change through the library (it takes the lock); close once it is on disk."""
        speaker = self.speaker
        try:
            done: list[str] = []
            current = speaker.name
            if name and name != speaker.name:
                if self.doc_id is not None:
                    change = self.library.people.rename(self.doc_id, [(speaker.name, name)])
                    current = change.speakers[0].name
                    done.append(change.description)
                else:
                    current = self.library.edit_speaker(speaker.name, name=name).name
                    done.append(f"renamed {speaker.name} → {current}")
            new_role = role if role != (speaker.role or "") else None
            new_from = affiliation if affiliation != (speaker.affiliation or "") else None
            if new_role is not None or new_from is not None:
                doc = self.doc_id if current == speaker.name else None
                self.library.edit_speaker(current, doc=doc, role=new_role, affiliation=new_from)
                done.append(f"{current}: role and affiliation saved")
            if len(done) > 1:
                self.library.people.join_last(len(done), "; ".join(done))  # one save, one undo
        except SaysoError as exc:
            self.app.call_from_thread(self._error, str(exc))
            return
        self.app.call_from_thread(self.dismiss, "; ".join(done) or None)

    def _error(self, message: str) -> None:
        self.query_one("#person-error", Static).update(Text(_shown(message)))
