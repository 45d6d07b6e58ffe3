"""DraftDialog: an unsaved note whose words cannot be placed; the user reads it and chooses.

`R` reopens a draft in the note editor when its words are found again (exactly)
in the document's current text.  When they are not (the document was
re-imported without them, the quote or the document was deleted, the quotes
file cannot be read), nothing is guessed and nothing is deleted: this dialog
shows the note and why, and the user picks one of keep as a detached quote,
copy, discard or keep for later.  Its text is untrusted: shown as plain text.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from sayso.corpus.anchoring import one_line
from sayso.corpus.drafts import StrandedDraft
from sayso.corpus.safety import visible

#: What the dialog returns.
DETACH, COPY, DISCARD, LATER = "detach", "copy", "discard", "later"


class DraftDialog(ModalScreen[str]):
    """Shows a stranded draft's note: d keeps it as a detached quote, c copies, x discards, esc keeps it for later."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "choose('detach')", "Keep detached", id="draft.detach"),
        Binding("c,y", "choose('copy')", "Copy", id="draft.copy"),
        Binding("x", "discard", "Discard", id="draft.discard"),
        Binding("escape,l", "choose('later')", "Keep for later", id="draft.later"),
    ]

    def __init__(self, draft: StrandedDraft) -> None:
        super().__init__()
        self.draft = draft
        self._confirming = False

    def compose(self) -> ComposeResult:
        draft = self.draft
        with Vertical(id="draft-box"):
            title = Text("Unsaved note that cannot be placed", style="bold", end="")
            yield Static(title, id="draft-title", markup=False)
            why = Text(f"{visible(draft.reason, keep_newlines=False)}", style="italic", end="")
            yield Static(why, id="draft-reason", markup=False)
            if draft.words:
                words = Text("For the words: ", style="dim", end="")
                words.append(f"\u201c{visible(one_line(draft.words, 200), keep_newlines=False)}\u201d")
                yield Static(words, id="draft-words", markup=False)
            with VerticalScroll(id="draft-note"):
                yield Static(Text(visible(draft.text), end=""), id="draft-text", markup=False)
            if draft.tags:
                tags = " ".join(f"#{visible(t, keep_newlines=False)}" for t in draft.tags)
                yield Static(Text(tags, style="bold", end=""), id="draft-tags", markup=False)
            yield Static(self._hint(), id="draft-hint", markup=False)

    def _hint(self) -> str:
        if self._confirming:
            return "x again discards this note for good · any other key keeps it"
        detach = "d keep as a detached quote · " if self.draft.words else ""
        return f"{detach}c copy · x discard · esc keep for later (R shows it again)"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters and parameters[0] == DETACH:
            return bool(self.draft.words)
        return True

    def action_choose(self, choice: str) -> None:
        if self._confirming and choice != DISCARD:
            self._confirming = False
            self.query_one("#draft-hint", Static).update(self._hint())
            return
        self.dismiss(choice)

    def action_discard(self) -> None:
        """Discard only on a second `x`: the note is gone for good then."""
        if self._confirming:
            self.dismiss(DISCARD)
            return
        self._confirming = True
        self.query_one("#draft-hint", Static).update(self._hint())
