"""NoteEditor: the modal for a quote's note (multi-line) and tags (fuzzy tag picker).

It edits an existing quote or a new one made from the words the reader showed.
ctrl+s saves while the editor stays open: it closes only once the note is on
disk.  A failed save (library busy, disk full, the quote deleted elsewhere,
the document re-imported) shows the error in the editor and keeps the text as
a draft, so a typed note is never lost.  While it is open the app can ask it
for a draft (`draft()`), which is what a hangup or SIGTERM saves.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from corpus.anchoring import one_line
from corpus.errors import SaysoError
from corpus.models import Quote
from corpus.safety import visible
from tui.shown_words import ShownWords
from tui.widgets.tag_picker import TagPicker


@dataclass(frozen=True)
class NoteTarget:
    """What the note is for: an existing `quote`, or a new quote of the words `shown`."""

    shown: ShownWords
    quote: Quote | None = None

    @classmethod
    def of_quote(cls, quote: Quote) -> NoteTarget:
        """The note of a saved quote (its stored words and context)."""
        shown = ShownWords(quote.document, quote.start, quote.end, quote.exact, quote.prefix, quote.suffix,
                           quote.text_hash)
        return cls(shown, quote)

    @property
    def doc_id(self) -> str:
        return self.shown.doc_id

    @property
    def start(self) -> int:
        return self.shown.start

    @property
    def end(self) -> int:
        return self.shown.end

    @property
    def words(self) -> str:
        return self.shown.words

    @property
    def key(self) -> str:
        """The draft key: `quote:<id>` or `new:<doc>:<start>:<end>`."""
        if self.quote is not None:
            return f"quote:{self.quote.id}"
        return f"new:{self.doc_id}:{self.start}:{self.end}"

    def to_dict(self) -> dict[str, object]:
        """What a draft keeps of its target: the words with their context, and the quote's id if any."""
        return {**self.shown.to_dict(), "quote": self.quote.id if self.quote is not None else None}


@dataclass
class NoteResult:
    """The note and tags the user saved (and, once on disk, the quote they were saved with)."""

    note: str
    tags: list[str] = field(default_factory=list)
    quote: Quote | None = None


class QuoteGone(SaysoError):
    """The quote being annotated was deleted (by another sayso) before its note was saved."""


#: Saves a note: (target, result) -> the saved quote; raises SaysoError (QuoteGone for a deleted quote).
NoteSaver = Callable[[NoteTarget, NoteResult], Quote]

#: Suffix of the draft key that holds the tags of a draft (comma separated).
TAGS_SUFFIX = "#tags"
#: Seconds of quiet typing after which the note is kept as a draft (even a SIGKILL then loses little).
AUTOSAVE_DELAY = 2.0
#: Held while a draft is written or cleared, so a late autosave never outlives the saved note.
DRAFT_LOCK = threading.Lock()


def save_draft(book: object, target: NoteTarget, note: str, tags: list[str]) -> None:
    """Keep `note` and `tags` as the draft of `target` (tags under `key#tags`), with the words it is for."""
    key = target.key
    book.save_draft(key, note, target=target.to_dict())  # type: ignore[attr-defined]
    if tags:
        book.save_draft(key + TAGS_SUFFIX, ",".join(tags))  # type: ignore[attr-defined]
    else:
        book.clear_draft(key + TAGS_SUFFIX)  # type: ignore[attr-defined]


def clear_drafts(book: object, keys: list[str]) -> None:
    """Forget the drafts `keys` (and their tags): the note was saved or discarded."""
    with DRAFT_LOCK:
        for key in keys:
            book.clear_draft(key)  # type: ignore[attr-defined]
            book.clear_draft(key + TAGS_SUFFIX)  # type: ignore[attr-defined]


class NoteEditor(ModalScreen[NoteResult | None]):
    """A note (TextArea) and tags (TagPicker) for one quote; ctrl+s saves, ctrl+l keeps it for later, escape cancels."""

    BINDINGS: list[BindingType] = [
        Binding("ctrl+s", "save", "Save", priority=True, id="note.save"),
        Binding("ctrl+l", "later", "Keep for later", priority=True, id="note.later"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(self, target: NoteTarget, saver: NoteSaver, *, note: str | None = None, tags: list[str] | None = None,
                 known_tags: list[str] | None = None, focus_tags: bool = False, draft_key: str | None = None,
                 notice: str = "") -> None:
        super().__init__()
        self.target = target
        self._saver = saver
        start_note = note if note is not None else (target.quote.note if target.quote else "")
        start_tags = tags if tags is not None else (list(target.quote.tags) if target.quote else [])
        self._note = start_note
        self._tags = start_tags
        self._known = known_tags or []
        self._focus_tags = focus_tags
        self._note_closed = False
        self._autosave_timer: object | None = None
        #: a save is on its way to disk (ctrl+s is not taken twice)
        self.saving = False
        #: the last save failed: the text is kept as a draft and escape keeps it instead of discarding it
        self.failed = ""
        #: every draft key this editor may have written (the target changes when its quote is deleted)
        self.draft_keys: list[str] = [target.key]
        if draft_key is not None and draft_key != target.key:
            self.draft_keys.insert(0, draft_key)  # a restored draft, now placed on other positions
        self._notice = notice
        #: closed with the note kept as a draft (so closing discards nothing)
        self.kept_for_later = False

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(self._title(), id="note-title", markup=False)
            yield TextArea(self._note, id="note-text", soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
            yield Static("Tags", id="note-tags-label", markup=False)
            yield TagPicker(self._tags, self._known, id="note-tags")
            yield Static("", id="note-error", classes="-empty", markup=False)
            yield Static(self._hint(), id="note-hint", markup=False)

    def _title(self) -> Text:
        title = Text("Note for ", style="bold", end="")
        title.append(f"\u201c{visible(one_line(self.target.words, 70), keep_newlines=False)}\u201d", style="italic")
        if self.target.quote is None:
            title.append("  (new quote)", style="dim")
        return title

    def _hint(self) -> str:
        if self.failed:
            return "ctrl+s try again · esc or ctrl+l close, keeping it as a draft (R reopens it)"
        return "ctrl+s save · ctrl+l keep for later · esc cancel · tab: note or tags"

    def on_mount(self) -> None:
        if self._notice:
            self._say(self._notice, "notice")
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

    @property
    def error_line(self) -> str:
        """What the editor says about the last save ("" when nothing went wrong)."""
        return str(self.query_one("#note-error", Static).render())

    def draft(self) -> tuple[NoteTarget, str, list[str]]:
        """(target, note typed so far, tags so far), for saving on a hangup."""
        picker = self.tag_picker
        typed = picker.input.value.strip()
        tags = [*picker.tags, typed] if typed else list(picker.tags)
        return self.target, self.text_area.text, tags

    # -- drafts while typing --------------------------------------------------------------------------
    def on_text_area_changed(self) -> None:
        """Keep the note as a draft a moment after typing stops."""
        if self._autosave_timer is not None:
            self._autosave_timer.stop()  # type: ignore[attr-defined]
        self._autosave_timer = self.set_timer(AUTOSAVE_DELAY, self._autosave)

    def _autosave(self) -> None:
        if not self._note_closed and not self.saving:
            self.write_draft(*self.draft())

    @work(thread=True, exclusive=True, group="note-draft")
    def write_draft(self, target: NoteTarget, note: str, tags: list[str]) -> None:
        with DRAFT_LOCK:
            if self._note_closed or self.saving:
                return
            try:
                save_draft(self.app.library.quotes, target, note, tags)  # type: ignore[attr-defined]
            except Exception:  # a draft is best effort; the note itself is saved on ctrl+s
                return

    # -- saving ------------------------------------------------------------------------------------------
    def _say(self, message: str, kind: str) -> None:
        line = self.query_one("#note-error", Static)
        line.update(Text(message, end=""))
        line.set_class(not message, "-empty")
        line.set_class(kind == "error", "-error")

    def action_save(self) -> None:
        """Save the note; the editor stays open until it is on disk, and shows why if it cannot be."""
        if self.saving or self._note_closed:
            return
        self.tag_picker.take_typed()
        self.saving = True
        if self._autosave_timer is not None:
            self._autosave_timer.stop()  # type: ignore[attr-defined]
        self._say("Saving…", "saving")
        self.save_note(self.target, NoteResult(self.text_area.text.rstrip(), list(self.tag_picker.tags)))

    @work(thread=True, exclusive=True, group="note-save")
    def save_note(self, target: NoteTarget, result: NoteResult) -> None:
        """Run the save off the UI thread; on failure keep the text as a draft as well as on screen."""
        book = self.app.library.quotes  # type: ignore[attr-defined]
        try:
            result.quote = self._saver(target, result)
        except QuoteGone as exc:
            self.app.call_from_thread(self._quote_gone, str(exc))
            return
        except Exception as exc:  # any failure: the text stays, on screen and as a draft
            error = str(exc) if isinstance(exc, SaysoError) else f"{type(exc).__name__}: {exc}"
            kept = True
            with DRAFT_LOCK:
                try:
                    save_draft(book, target, result.note, result.tags)
                except Exception:  # the disk may be what failed: the editor still holds the text
                    kept = False
            self.app.call_from_thread(self._save_failed, error, kept)
            return
        try:
            clear_drafts(book, self.draft_keys)
        except Exception:  # the note is saved; a stale draft is only offered again by R
            pass
        self.app.call_from_thread(self._saved, result)

    def _saved(self, result: NoteResult) -> None:
        self.saving = False
        self._close(result)

    def _save_failed(self, error: str, kept: bool) -> None:
        self.saving = False
        self.failed = error
        where = "kept as a draft too" if kept else "NOT kept as a draft (copy it before closing)"
        self._say(f"Not saved: {visible(error, keep_newlines=False)} · the note is still here, {where}", "error")
        self.query_one("#note-hint", Static).update(self._hint())

    def _quote_gone(self, error: str) -> None:
        """The quote was deleted elsewhere: the note now goes with a new quote of the same words."""
        self.saving = False
        self.target = NoteTarget(self.target.shown, None)
        if self.target.key not in self.draft_keys:
            self.draft_keys.append(self.target.key)
        self.query_one("#note-title", Static).update(self._title())
        self._say(f"{visible(error, keep_newlines=False)} · ctrl+s keeps the note with a new quote of the same "
                  "words, esc discards it", "error")
        self.write_draft(*self.draft())

    def _close(self, result: NoteResult | None) -> None:
        self._note_closed = True
        if self._autosave_timer is not None:
            self._autosave_timer.stop()  # type: ignore[attr-defined]
        self.dismiss(result)

    def action_later(self) -> None:
        """Close, keeping the note as a draft (R reopens it)."""
        if self.saving:
            return
        self.later(*self.draft())

    @work(thread=True, exclusive=True, group="note-save")
    def later(self, target: NoteTarget, note: str, tags: list[str]) -> None:
        with DRAFT_LOCK:
            try:
                save_draft(self.app.library.quotes, target, note, tags)  # type: ignore[attr-defined]
            except Exception as exc:
                error = str(exc) if isinstance(exc, SaysoError) else f"{type(exc).__name__}: {exc}"
                self.app.call_from_thread(self._save_failed, f"cannot keep it as a draft: {error}", False)
                return
        self.app.call_from_thread(self._kept_for_later)

    def _kept_for_later(self) -> None:
        self.app.notify("Note kept as a draft: R reopens it", title="Drafts", markup=False)
        self.kept_for_later = True
        self._close(None)

    def action_cancel(self) -> None:
        """Discard the note (after a failed save: close, keeping it as a draft)."""
        if self.saving:
            return
        if self.failed:
            self.action_later()
            return
        self._close(None)
