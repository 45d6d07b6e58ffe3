"""NoteEditor: the modal for a quote's note (multi-line) and tags (fuzzy tag picker).

It edits an existing quote or a new one made from a selection; the screen
that opened it saves the result.  While it is open the app can ask it for a
draft (`draft()`), which is what a hangup or SIGTERM saves.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from corpus.anchoring import one_line
from corpus.models import Quote
from corpus.safety import visible
from tui.widgets.tag_picker import TagPicker


@dataclass(frozen=True)
class NoteTarget:
    """What the note is for: an existing `quote`, or a new quote of `[start, end)` in `doc_id`."""

    doc_id: str
    start: int
    end: int
    words: str
    quote: Quote | None = None

    @property
    def key(self) -> str:
        """The draft key: `quote:<id>` or `new:<doc>:<start>:<end>`."""
        if self.quote is not None:
            return f"quote:{self.quote.id}"
        return f"new:{self.doc_id}:{self.start}:{self.end}"


@dataclass
class NoteResult:
    """The note and tags the user saved."""

    note: str
    tags: list[str] = field(default_factory=list)


#: Suffix of the draft key that holds the tags of a draft (comma separated).
TAGS_SUFFIX = "#tags"
#: Seconds of quiet typing after which the note is kept as a draft (even a SIGKILL then loses little).
AUTOSAVE_DELAY = 2.0
#: Held while a draft is written or cleared, so a late autosave never outlives the saved note.
DRAFT_LOCK = threading.Lock()


def save_draft(book: object, key: str, note: str, tags: list[str]) -> None:
    """Keep `note` and `tags` as the draft `key` (tags under `key#tags`)."""
    book.save_draft(key, note)  # type: ignore[attr-defined]
    if tags:
        book.save_draft(key + TAGS_SUFFIX, ",".join(tags))  # type: ignore[attr-defined]
    else:
        book.clear_draft(key + TAGS_SUFFIX)  # type: ignore[attr-defined]


class NoteEditor(ModalScreen[NoteResult | None]):
    """A note (TextArea) and tags (TagPicker) for one quote; ctrl+s saves, escape cancels."""

    BINDINGS: list[BindingType] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(self, target: NoteTarget, *, note: str | None = None, tags: list[str] | None = None,
                 known_tags: list[str] | None = None, focus_tags: bool = False) -> None:
        super().__init__()
        self.target = target
        start_note = note if note is not None else (target.quote.note if target.quote else "")
        start_tags = tags if tags is not None else (list(target.quote.tags) if target.quote else [])
        self._note = start_note
        self._tags = start_tags
        self._known = known_tags or []
        self._focus_tags = focus_tags
        self._note_closed = False
        self._autosave_timer: object | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            title = Text("Note for ", style="bold", end="")
            title.append(f"\u201c{visible(one_line(self.target.words, 70), keep_newlines=False)}\u201d", style="italic")
            if self.target.quote is None:
                title.append("  (new quote)", style="dim")
            yield Static(title, id="note-title", markup=False)
            yield TextArea(self._note, id="note-text", soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
            yield Static("Tags", id="note-tags-label", markup=False)
            yield TagPicker(self._tags, self._known, id="note-tags")
            yield Static("ctrl+s save · esc cancel · tab moves between note and tags", id="note-hint", markup=False)

    def on_mount(self) -> None:
        if self._focus_tags:
            self.tag_picker.focus()
        else:
            area = self.text_area
            area.focus()
            area.move_cursor(area.document.end)

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#note-text", TextArea)

    @property
    def tag_picker(self) -> TagPicker:
        return self.query_one(TagPicker)

    def draft(self) -> tuple[str, str, list[str]]:
        """(draft key, note typed so far, tags so far), for saving on a hangup."""
        picker = self.tag_picker
        typed = picker.input.value.strip()
        tags = [*picker.tags, typed] if typed else list(picker.tags)
        return self.target.key, self.text_area.text, tags

    def on_text_area_changed(self) -> None:
        """Keep the note as a draft a moment after typing stops."""
        if self._autosave_timer is not None:
            self._autosave_timer.stop()  # type: ignore[attr-defined]
        self._autosave_timer = self.set_timer(AUTOSAVE_DELAY, self._autosave)

    def _autosave(self) -> None:
        if not self._note_closed:
            self.write_draft(*self.draft())

    @work(thread=True, exclusive=True, group="note-draft")
    def write_draft(self, key: str, note: str, tags: list[str]) -> None:
        with DRAFT_LOCK:
            if self._note_closed:
                return
            try:
                save_draft(self.app.library.quotes, key, note, tags)  # type: ignore[attr-defined]
            except Exception:  # a draft is best effort; the note itself is saved on ctrl+s
                return

    def _close(self, result: NoteResult | None) -> None:
        self._note_closed = True
        if self._autosave_timer is not None:
            self._autosave_timer.stop()  # type: ignore[attr-defined]
        self.dismiss(result)

    def action_save(self) -> None:
        self.tag_picker.take_typed()
        self._close(NoteResult(self.text_area.text.rstrip(), list(self.tag_picker.tags)))

    def action_cancel(self) -> None:
        self._close(None)
