"""ConflictDialog: a note saved on a quote someone else changed meanwhile; both versions, and the user's choice.

Nothing was overwritten when this opens: the quote keeps their version, and
the version the save would have made is kept in the quote's history (and the
typed note as a draft).  The user keeps theirs (the editor closes), keeps
their own (saved again, now on top of the other version), or goes back to
editing with their text in the editor.  Both notes are other people's text:
shown as plain text with control characters made visible.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from sayso.corpus.anchoring import one_line
from sayso.corpus.models import Quote
from sayso.corpus.safety import visible
from sayso.tui.screens.note_editor import NoteResult

#: What the dialog returns.
THEIRS, MINE, EDIT = "theirs", "mine", "edit"


def when(stamp: str) -> str:
    """An ISO time stamp as local time to the minute ("" when there is none, the stamp itself if unreadable)."""
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return visible(one_line(stamp, 32), keep_newlines=False)


def note_block(note: str, tags: list[str], *, empty: str) -> Text:
    """A note and its tags as plain text (`empty` when there is no note)."""
    text = Text(visible(note), end="") if note.strip() else Text(empty, style="dim italic", end="")
    if tags:
        text.append("\n" + " ".join(f"#{visible(t, keep_newlines=False)}" for t in tags), style="bold")
    return text


class ConflictDialog(ModalScreen[str]):
    """Their version and yours: t keeps theirs, m keeps yours, e or escape goes back to editing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "choose('theirs')", "Keep theirs", id="conflict.theirs"),
        Binding("m", "choose('mine')", "Keep mine", id="conflict.mine"),
        Binding("e,escape", "choose('edit')", "Back to editing", id="conflict.edit"),
    ]

    def __init__(self, theirs: Quote, mine: NoteResult) -> None:
        super().__init__()
        self.theirs = theirs
        self.mine = mine

    def compose(self) -> ComposeResult:
        theirs = self.theirs
        with Vertical(id="conflict-box"):
            yield Static(Text("Changed while you were editing", style="bold", end=""), id="conflict-title")
            yield Static(
                Text("Nothing was overwritten; your version is kept in the quote's history too.", end=""),
                id="conflict-why",
                markup=False,
            )
            who = visible(one_line(theirs.modified_by or "someone", 40), keep_newlines=False)
            label = Text("Theirs", style="bold", end="")
            label.append(f" · changed by {who}", style="")
            if theirs.modified:
                label.append(f" at {when(theirs.modified)}")
            if theirs.private:
                label.append(" · private")
            yield Static(label, id="conflict-theirs-label", classes="conflict-label", markup=False)
            with VerticalScroll(id="conflict-theirs", classes="conflict-note"):
                yield Static(note_block(theirs.note, theirs.tags, empty="(no note)"), markup=False)
            label = Text("Yours", style="bold", end="")
            label.append(" · still in the editor; m saves it over theirs")
            if self.mine.private:
                label.append(" · private")
            yield Static(label, id="conflict-mine-label", classes="conflict-label", markup=False)
            with VerticalScroll(id="conflict-mine", classes="conflict-note"):
                yield Static(note_block(self.mine.note, self.mine.tags, empty="(no note)"), markup=False)
            yield Static(
                "t keep theirs · m keep mine · e or esc back to editing",
                id="conflict-hint",
                markup=False,
            )

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
