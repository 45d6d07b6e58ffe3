"""NoteEditor: the modal for a quote's note (multi-line) and tags (fuzzy tag picker).

It edits an existing quote or a new one made from the words the reader showed.
The editor never touches the library: it posts its requests (save, keep a
draft) to the screen that opened it, which runs them in its quote jobs and
posts the outcome back here.  ctrl+s saves while the editor stays open: it
closes only once the note is on disk.  A failed save (library busy, disk full, the quote deleted elsewhere,
the document re-imported) shows the error in the editor and keeps the text as
a draft, so a typed note is never lost.  While it is open the app can ask it
for a draft (`draft()`), which is what a hangup or SIGTERM saves.

The editor remembers the revision of the quote it opened and the save names
it: when someone else changed the quote meanwhile, the conflict dialog shows
both versions and the user keeps theirs, keeps their own, or edits on.  On a
shared archive ctrl+o makes the note private to its author or shares it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Static, TextArea

from sayso.corpus.anchoring import one_line
from sayso.corpus.drafts import NoteTarget
from sayso.corpus.models import Quote
from sayso.corpus.safety import visible
from sayso.tui.screens.fields import FIELD_KEYS
from sayso.tui.widgets.tag_picker import TagPicker


@dataclass
class NoteResult:
    """The note and tags the user saved (and, once on disk, the quote they were saved with)."""

    note: str
    tags: list[str] = field(default_factory=list)
    quote: Quote | None = None
    #: make the note private (True) or shared (False); None leaves it as it is (always, on a local library)
    private: bool | None = None
    #: the revision of the quote the note was written on (a save on an older one is a conflict)
    expect: int | None = None


#: Seconds of quiet typing after which the note is kept as a draft (even a SIGKILL then loses little).
AUTOSAVE_DELAY = 2.0


class NoteEditor(ModalScreen[NoteResult | None]):
    """A note (TextArea) and tags (TagPicker) for one quote; ctrl+s saves, ctrl+l keeps it for later, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FIELD_KEYS,
        Binding("ctrl+s", "save", "Save", priority=True, id="note.save"),
        Binding("ctrl+l", "later", "Keep for later", priority=True, id="note.later"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
        Binding("ctrl+g", "discard_draft", "Discard draft", show=False, priority=True, id="note.discard_draft"),
        Binding("ctrl+o", "toggle_private", "Private/shared", priority=True, id="note.private"),
    ]

    class SaveRequested(Message):
        """Save `result` for `target` (then forget the drafts `draft_keys`); reply to `editor`."""

        def __init__(self, editor: NoteEditor, target: NoteTarget, result: NoteResult, draft_keys: list[str]) -> None:
            super().__init__()
            self.editor, self.target, self.result, self.draft_keys = editor, target, result, list(draft_keys)

    class DraftTyped(Message):
        """Keep what is typed so far as the draft of `target` (best effort, no reply)."""

        def __init__(self, target: NoteTarget, note: str, tags: list[str]) -> None:
            super().__init__()
            self.target, self.note, self.tags = target, note, tags

    class LaterRequested(Message):
        """Keep the note as the draft of `target` and close (ctrl+l); reply to `editor`."""

        def __init__(self, editor: NoteEditor, target: NoteTarget, note: str, tags: list[str]) -> None:
            super().__init__()
            self.editor, self.target, self.note, self.tags = editor, target, note, tags

    class Saved(Message):
        """Reply: the note is on disk with `result.quote`."""

        def __init__(self, result: NoteResult) -> None:
            super().__init__()
            self.result = result

    class NotSaved(Message):
        """Reply: the save failed with `error`; `kept` says whether the text was kept as a draft."""

        def __init__(self, error: str, kept: bool) -> None:
            super().__init__()
            self.error, self.kept = error, kept

    class Conflict(Message):
        """Reply: someone changed the quote since the editor opened it; nothing was overwritten.

        `theirs` is the quote as stored now, `mine` the version this save would have made (kept in the
        quote's history too); `kept` says whether the text was also kept as a draft.
        """

        def __init__(self, theirs: Quote, mine: Quote, kept: bool) -> None:
            super().__init__()
            self.theirs, self.mine, self.kept = theirs, mine, kept

    class QuoteGone(Message):
        """Reply: the quote being annotated was deleted (by another sayso) before its note was saved."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    class KeptForLater(Message):
        """Reply: the note is kept as a draft (ctrl+l)."""

    def __init__(
        self,
        target: NoteTarget,
        requests_to: MessagePump,
        *,
        note: str | None = None,
        tags: list[str] | None = None,
        known_tags: list[str] | None = None,
        focus_tags: bool = False,
        draft_key: str | None = None,
        notice: str = "",
        team: bool = False,
        user: str = "",
    ) -> None:
        """`requests_to` (the screen that opened the editor) carries out its save and draft requests.

        `team`: the library is a shared archive, where a note may be private; `user` is who is editing.
        """
        super().__init__()
        self.target = target
        self._requests_to = requests_to
        start_note = note if note is not None else (target.quote.note if target.quote else "")
        start_tags = tags if tags is not None else (list(target.quote.tags) if target.quote else [])
        self._note = start_note
        self._tags = start_tags
        #: what the editor opened with (a copy: the tag picker may change its list)
        self._opened_with = (start_note, list(start_tags))
        self._known = known_tags or []
        self._focus_tags = focus_tags
        self._note_closed = False
        self._autosave_timer: Timer | None = None
        #: a save is on its way to disk (ctrl+s is not taken twice)
        self.saving = False
        #: the last save failed: the text is kept as a draft and escape keeps it instead of discarding it
        self.failed = ""
        #: every draft key this editor may have written (the target changes when its quote is deleted)
        self.draft_keys: list[str] = [target.key]
        if draft_key is not None and draft_key != target.key:
            self.draft_keys.insert(0, draft_key)  # a restored draft, now placed on other positions
        self._notice = notice
        #: reopened from a draft (R): escape keeps the draft; only ctrl+g twice discards it
        self.from_draft = draft_key is not None
        self._confirming_discard = False
        #: closed with the note kept as a draft (so closing discards nothing)
        self.kept_for_later = False
        #: closed with its draft discarded on purpose (ctrl+g twice)
        self.discarded = False
        #: the revision of the quote the note is written on (None for a new quote)
        self.expect: int | None = target.quote.revision if target.quote is not None else None
        quote = target.quote
        #: on a shared archive the note's author (or whoever makes a new one) may make it private
        self.can_share = team and (quote is None or not quote.note or quote.note_by in ("", user))
        self.private = bool(quote.private) if quote is not None else False
        self._team = team
        #: closed after a conflict, keeping the other version (this one is in the quote's history)
        self.kept_theirs: Quote | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            yield Static(self._title(), id="note-title", markup=False)
            yield TextArea(self._note, id="note-text", soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
            yield Static("Tags", id="note-tags-label", markup=False)
            yield TagPicker(self._tags, self._known, id="note-tags")
            sharing = "-private" if self.private else ("" if self._team else "-local")
            yield Static(self._sharing(), id="note-sharing", classes=sharing, markup=False)
            yield Static("", id="note-error", classes="-empty", markup=False)
            yield Static(self._hint(), id="note-hint", markup=False)

    def _title(self) -> Text:
        title = Text("Note for ", style="bold", end="")
        title.append(f"\u201c{visible(one_line(self.target.words, 70), keep_newlines=False)}\u201d", style="italic")
        if self.target.quote is None:
            title.append("  (new quote)", style="dim")
        return title

    def _sharing(self) -> Text:
        """Who sees the note, on a shared archive, and the key that changes it (for whoever may)."""
        line = Text(end="")
        if not self._team:
            return line
        if self.private:
            line.append("Private", style="bold")
            line.append(": only you see this note")
        else:
            line.append("Shared", style="bold")
            line.append(" with the team")
            quote = self.target.quote
            if not self.can_share and quote is not None and quote.note_by:
                line.append(f" (a note by {visible(one_line(quote.note_by, 40), keep_newlines=False)})")
        if self.can_share:
            line.append(f" · ctrl+o makes it {'shared' if self.private else 'private'}", style="dim")
        return line

    def action_toggle_private(self) -> None:
        """Make the note private to its author, or share it with the team (a shared archive only)."""
        if not self.can_share or self.saving:
            self.app.bell()
            return
        self.private = not self.private
        sharing = self.query_one("#note-sharing", Static)
        sharing.update(self._sharing())
        sharing.set_class(self.private, "-private")

    def _hint(self) -> str:
        if self._confirming_discard:
            return "ctrl+g again discards this draft for good · any other key keeps it"
        if self.from_draft:
            return "ctrl+s save · esc or ctrl+l close, keeping the draft · ctrl+g discard · tab: note or tags"
        if self.failed:
            return "ctrl+s try again · esc or ctrl+l close, keeping it as a draft (R reopens it)"
        return "ctrl+s save · ctrl+l or esc keep for later · tab: note or tags"

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

    def changed(self) -> bool:
        """Whether the note or tags differ from what the editor opened with (quitting keeps only those)."""
        _, note, tags = self.draft()
        return (note, tags) != self._opened_with

    # -- drafts while typing --------------------------------------------------------------------------
    def on_text_area_changed(self) -> None:
        """Keep the note as a draft a moment after typing stops."""
        self._stop_confirming()
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(AUTOSAVE_DELAY, self._autosave)

    def _autosave(self) -> None:
        if not self._note_closed and not self.saving:
            self._requests_to.post_message(self.DraftTyped(*self.draft()))

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
            self._autosave_timer.stop()
        self._say("Saving…", "saving")
        result = NoteResult(
            self.text_area.text.rstrip(),
            list(self.tag_picker.tags),
            private=self.private if self.can_share else None,
            expect=self.expect,
        )
        self._requests_to.post_message(self.SaveRequested(self, self.target, result, self.draft_keys))

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        self.saving = False
        self._close(event.result)

    @on(NotSaved)
    def _save_failed(self, event: NotSaved) -> None:
        self.saving = False
        self.failed = event.error
        where = "kept as a draft too" if event.kept else "NOT kept as a draft (copy it before closing)"
        self._say(f"Not saved: {visible(event.error, keep_newlines=False)} · the note is still here, {where}", "error")
        self.query_one("#note-hint", Static).update(self._hint())

    @on(Conflict)
    def _conflict(self, event: Conflict) -> None:
        """Someone changed the quote meanwhile: show both versions and let the user choose."""
        from sayso.tui.screens.conflict_dialog import ConflictDialog

        self.saving = False
        self.failed = "changed meanwhile"
        theirs = event.theirs
        where = "kept as a draft too" if event.kept else "NOT kept as a draft (copy it before closing)"
        self._say(f"Not saved: the quote was changed meanwhile · your note is still here, {where}", "error")
        self.query_one("#note-hint", Static).update(self._hint())
        _, note, tags = self.draft()
        mine = NoteResult(note, tags, private=self.private if self.can_share else None)
        self.app.push_screen(ConflictDialog(theirs, mine), lambda choice: self._conflict_chosen(theirs, choice))

    def _conflict_chosen(self, theirs: Quote, choice: str | None) -> None:
        """Keep their version (close), keep mine (save it on their revision), or edit on from their revision."""
        from sayso.tui.screens.conflict_dialog import MINE, THEIRS

        self.expect = theirs.revision
        self.target = NoteTarget.of_quote(theirs) if self.target.quote is not None else self.target
        if choice == THEIRS:
            self.kept_theirs = theirs
            self._close(None)
            return
        if choice == MINE:
            self.failed = ""
            self.action_save()
            return
        who = visible(one_line(theirs.modified_by or "someone", 40), keep_newlines=False)
        self._say(
            f"Their version (by {who}) stays saved; ctrl+s saves yours over it, esc keeps yours as a draft", "notice"
        )

    @on(QuoteGone)
    def _quote_gone(self, event: QuoteGone) -> None:
        """The quote was deleted elsewhere: the note now goes with a new quote of the same words."""
        self.saving = False
        self.target = NoteTarget(self.target.shown, None)
        if self.target.key not in self.draft_keys:
            self.draft_keys.append(self.target.key)
        self.query_one("#note-title", Static).update(self._title())
        self._say(
            f"{visible(event.error, keep_newlines=False)} · ctrl+s keeps the note with a new quote of the same "
            "words, esc discards it",
            "error",
        )
        self._requests_to.post_message(self.DraftTyped(*self.draft()))

    def _close(self, result: NoteResult | None) -> None:
        self._note_closed = True
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self.dismiss(result)

    def action_later(self) -> None:
        """Close, keeping the note as a draft (R reopens it)."""
        if self.saving:
            return
        self._requests_to.post_message(self.LaterRequested(self, *self.draft()))

    @on(KeptForLater)
    def _kept_for_later(self) -> None:
        self.app.notify("Note kept as a draft: R reopens it", title="Drafts", markup=False)
        self.kept_for_later = True
        self._close(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "discard_draft":
            return self.from_draft
        if action == "toggle_private":
            return self.can_share
        return True

    def on_key(self, event: events.Key) -> None:
        if event.key != "ctrl+g":
            self._stop_confirming()

    def _stop_confirming(self) -> None:
        if self._confirming_discard:
            self._confirming_discard = False
            self.query_one("#note-hint", Static).update(self._hint())

    def action_cancel(self) -> None:
        """Close without saving.  What was typed is never thrown away by a key that also means "back": a note or
        tags changed, a reopened draft, or one whose save failed, are closed and kept as a draft instead (R reopens
        it, ctrl+g twice there discards it); an unchanged editor just closes."""
        if self.saving:
            return
        if self.failed or self.from_draft or self.changed():
            self.action_later()
            return
        self._close(None)

    def action_discard_draft(self) -> None:
        """Discard a reopened draft, on the second ctrl+g only (as the draft dialog asks twice)."""
        if self.saving or not self.from_draft:
            return
        if not self._confirming_discard:
            self._confirming_discard = True
            self.query_one("#note-hint", Static).update(self._hint())
            return
        self.discarded = True
        self._close(None)
