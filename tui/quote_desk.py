"""QuoteDesk: every change to quotes and drafts the main screen asks for, run one at a time off the UI thread.

Each method queues one job on a JobQueue kept in order (an undo never
overtakes the save it undoes) and returns at once; the job calls the
library's quote book and its result comes back as a message (tui.messages,
or a NoteEditor reply), a failure as `JobFailed`.  Reading for the screen
(the Quotes list, the reader's marks) runs in lanes of its own that keep only
the latest request, so a burst of changes heard from a shared archive never
queues a refresh per change.  The library's quote book is first touched in a
job, never on the UI thread: on an archive that is a query, which may wait
for an unreachable server.  The desk holds no widgets and decides nothing
about what the user sees.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.widget import Widget

from sayso.corpus.drafts import (
    NoteTarget,
    StrandedDraft,
    clear_drafts,
    keep_stranded,
    pending_drafts,
    place_draft,
    save_draft,
)
from sayso.corpus.errors import EditConflict, NotAllowed, NotFound, SaysoError, ServerError
from sayso.corpus.export import DEFAULT_STYLE, format_clipboard
from sayso.corpus.models import Document, Passage, Quote, document_text
from sayso.corpus.query import parse_quote_filter
from sayso.corpus.safety import visible
from sayso.corpus.shown_words import ShownWords, keep_shown
from sayso.tui.jobs import JobQueue, describe_error
from sayso.tui.messages import (
    ClipboardReady,
    DraftDiscarded,
    DraftKeptDetached,
    DraftPlaced,
    DraftsFound,
    NoteEditorReady,
    NoteRequest,
    PeopleListed,
    QuoteDeleted,
    QuoteKept,
    QuoteLocated,
    QuoteSettled,
    QuotesListed,
    QuoteUndone,
    ReaderQuotesRead,
    ShownTextChanged,
)
from sayso.tui.screens.note_editor import NoteEditor, NoteResult

LOG = logging.getLogger(__name__)

if TYPE_CHECKING:
    from sayso.corpus.library import Library

#: What a refused write says (a reader's role on a shared archive), instead of the server's own words.
ROLE_REFUSED = "your role cannot change quotes"


def quote_error(exc: BaseException) -> str:
    """A failed quote job in one line: the library's own words, and a role refused by an archive plainly."""
    # (a note private to another member is refused in words of its own, which name it)
    if isinstance(exc, NotAllowed) and "private" not in str(exc):
        return ROLE_REFUSED
    return describe_error(exc)


class QuoteDesk:
    """Quote and draft jobs for `owner` (the main screen), which receives their messages."""

    def __init__(self, owner: Widget, library: Library) -> None:
        self.owner = owner
        self.library = library
        self.jobs = JobQueue(owner, "quotes", describe=quote_error)
        #: the Quotes list and the reader's marks: only the latest request of each is worth running
        self.listing = JobQueue(owner, "quote-list", latest_only=True, describe=quote_error)
        self.marking = JobQueue(owner, "reader-quotes", latest_only=True, describe=quote_error)

    def _text_of(self, doc_id: str) -> str:
        return document_text(self.library.passages(doc_id))

    def _keep_shown(self, shown: ShownWords, note: str, tags: list[str], private: bool = False) -> Quote:
        """A new quote of the words `shown`; the screen hears when the document changed under them.

        A `private` note is added in the same transaction as the quote, so no one ever sees it shared.
        """
        book = self.library.quotes
        with book.lock.held():
            kept = keep_shown(book, self._text_of, shown, "" if private else note, tags)
            if private and kept.quote is not None:
                quote = book.edit(kept.quote.id, note=note, private=True, expect=kept.quote.revision)
                kept = replace(kept, quote=quote)
        if kept.placement.moved:
            self.owner.post_message(ShownTextChanged(shown.doc_id, placed=kept.quote is not None))
        if kept.quote is None:
            raise SaysoError(
                f"the document changed since it was shown (re-imported elsewhere) and "
                f"{kept.placement.reason}; it is reloaded, select the words again"
            )
        return kept.quote

    # -- quotes ------------------------------------------------------------------------------------------
    def reader_quotes(self, doc_id: str) -> None:
        """The quotes of `doc_id`, for the reader (ReaderQuotesRead)."""
        self.marking.submit(
            "Cannot show quotes", lambda: ReaderQuotesRead(doc_id, self.library.quotes.quotes_for_document(doc_id))
        )

    def keep(self, shown: ShownWords) -> None:
        """A new quote of exactly the words `shown` (QuoteKept)."""
        self.jobs.submit("Cannot keep the quote", lambda: QuoteKept(self._keep_shown(shown, "", [])))

    def list_quotes(self, line: str) -> None:
        """The quotes matching the Quotes pane's filter `line` (QuotesListed)."""
        wanted = parse_quote_filter(line)

        def fetch() -> QuotesListed:
            problems: list[str] = []
            try:
                book = self.library.quotes
                quotes, error = book.list(**wanted.list_kwargs()), ""
                any_quotes = bool(quotes) or (bool(line.strip()) and bool(book.list()))
                problems = book.problems()
            except SaysoError as exc:  # an unknown doc: or speaker: while typing (or no archive) is not a popup
                quotes, error, any_quotes = [], visible(quote_error(exc), keep_newlines=False), True
                if not isinstance(exc, ServerError):  # (the book was read: its unreadable rows are still news)
                    problems = self.library.quotes.problems()
            return QuotesListed(
                line, quotes, matching=bool(wanted.text), error=error, problems=problems, any_quotes=any_quotes
            )

        self.listing.submit("Cannot list quotes", fetch)

    def people(self) -> None:
        """Who made or changed quotes, and who this user is, for the person filter (PeopleListed)."""

        def fetch() -> PeopleListed:
            book = self.library.quotes
            return PeopleListed(book.people(), book.user)

        self.jobs.submit("Cannot list people", fetch)

    def delete(self, quote: Quote) -> None:
        self.jobs.submit("Cannot delete the quote", lambda: QuoteDeleted(self.library.quotes.remove(quote.id)))

    def undo(self, which: str) -> None:
        """Undo (`which` = "undo") or redo the latest quote action of this session (QuoteUndone)."""

        def run() -> QuoteUndone:
            book = self.library.quotes
            return QuoteUndone(which, book.undo() if which == "undo" else book.redo())

        self.jobs.submit(f"Cannot {which}", run)

    def copy(self, quote: Quote, document: Document | None = None, passages: list[Passage] | None = None) -> None:
        """`quote` formatted with its citation (the config file's style and locale) for the clipboard (ClipboardReady)."""
        library = self.library
        style = getattr(self.owner.app, "export_style", None) or DEFAULT_STYLE
        locale = getattr(self.owner.app, "export_locale", None)

        def build() -> ClipboardReady:
            doc = document or library.document(quote.document)
            text = format_clipboard(
                quote,
                doc,
                style,
                passages=passages if passages is not None else library.passages(doc.id),
                locale=locale,
                people={s.name: s.about for s in library.speakers() if s.about},
            )
            return ClipboardReady(text, quote.exact)

        self.jobs.submit("Cannot copy", build)

    def locate(self, quote: Quote, *, placing: bool) -> None:
        """The passages of `quote`'s document, to open it there (QuoteLocated)."""
        self.jobs.submit(
            "Cannot open the quote", lambda: QuoteLocated(quote, self.library.passages(quote.document), placing=placing)
        )

    # -- settling quotes that need review ------------------------------------------------------------------
    def accept(self, quote: Quote) -> None:
        self.jobs.submit(
            "Cannot re-attach the quote",
            lambda: QuoteSettled(self.library.quotes.accept_suggestion(quote.id), "accepted"),
        )

    def detach(self, quote: Quote) -> None:
        self.jobs.submit(
            "Cannot keep the quote detached",
            lambda: QuoteSettled(self.library.quotes.keep_detached(quote.id), "detached"),
        )

    def reattach(self, quote: Quote, start: int, end: int) -> None:
        self.jobs.submit(
            "Cannot re-attach the quote",
            lambda: QuoteSettled(self.library.quotes.reattach(quote.id, start, end), "reattached"),
        )

    # -- notes ------------------------------------------------------------------------------------------------
    def open_note(self, request: NoteRequest) -> None:
        """Read the known tags and the quote as stored now, then the editor of `request` can open (NoteEditorReady).

        The editor starts from the quote's current note and revision, which its save names: a change someone
        else makes meanwhile is then a conflict, never silently overwritten.
        """

        def ready() -> NoteEditorReady:
            book = self.library.quotes
            opened = replace(request, known_tags=book.tags(), user=book.user, team=self.library.server is not None)
            quote = request.target.quote
            if quote is not None:
                try:
                    opened = replace(opened, target=NoteTarget.of_quote(book.get(quote.id)))
                except NotFound:
                    pass  # deleted meanwhile: the save says so and offers a new quote of the same words
            return NoteEditorReady(opened)

        self.jobs.submit("Cannot open the note", ready)

    def save_note(self, editor: NoteEditor, target: NoteTarget, result: NoteResult, draft_keys: list[str]) -> None:
        """Save a note from `editor`, then forget its drafts; the editor hears how it went.

        The edit names the revision the editor started from (`result.expect`): if someone changed the quote
        since, the editor hears of the conflict with both versions, and the note is kept as a draft meanwhile.
        """

        def keep_as_draft() -> bool:
            try:
                save_draft(self.library.quotes, target, result.note, result.tags)
                return True
            except Exception:  # the disk may be what failed: the editor still holds the text
                LOG.exception("shown to the user as one line")
                return False

        def save() -> NoteEditor.Saved | NoteEditor.NotSaved | NoteEditor.QuoteGone | NoteEditor.Conflict:
            try:
                book = self.library.quotes
                if target.quote is None:
                    quote = self._keep_shown(target.shown, result.note, result.tags, bool(result.private))
                else:
                    quote = book.edit(
                        target.quote.id,
                        note=result.note,
                        tags=result.tags,
                        expect=result.expect,
                        private=result.private,
                    )
            except NotFound:
                return NoteEditor.QuoteGone("this quote was deleted (by another sayso?)")
            except EditConflict as exc:
                theirs, mine = exc.theirs, exc.mine
                assert isinstance(theirs, Quote) and isinstance(mine, Quote)
                return NoteEditor.Conflict(theirs, mine, keep_as_draft())
            except Exception as exc:  # any failure: the text stays, on screen and as a draft
                LOG.exception("shown to the user as one line")
                return NoteEditor.NotSaved(quote_error(exc), keep_as_draft())
            try:
                clear_drafts(self.library.quotes, draft_keys)
            except Exception:  # the note is saved; a stale draft is only offered again by R
                LOG.exception("shown to the user as one line")
            return NoteEditor.Saved(NoteResult(result.note, result.tags, quote))

        self.jobs.submit("Cannot save the note", save, reply_to=editor)

    def keep_draft(self, target: NoteTarget, note: str, tags: list[str]) -> None:
        """Keep what is typed as a draft (best effort: the note itself is saved on ctrl+s)."""

        def keep() -> None:
            try:
                save_draft(self.library.quotes, target, note, tags)
            except Exception:
                LOG.exception("shown to the user as one line")
                return

        self.jobs.submit("Cannot keep the draft", keep)

    def keep_for_later(self, editor: NoteEditor, target: NoteTarget, note: str, tags: list[str]) -> None:
        """ctrl+l: keep the note as a draft; the editor closes once it is on disk."""

        def keep() -> NoteEditor.KeptForLater | NoteEditor.NotSaved:
            try:
                save_draft(self.library.quotes, target, note, tags)
            except Exception as exc:
                LOG.exception("shown to the user as one line")
                return NoteEditor.NotSaved(f"cannot keep it as a draft: {describe_error(exc)}", False)
            return NoteEditor.KeptForLater()

        self.jobs.submit("Cannot keep the draft", keep, reply_to=editor)

    def discard_drafts(self, keys: list[str]) -> None:
        self.jobs.submit("Cannot discard the draft", lambda: clear_drafts(self.library.quotes, keys))

    # -- drafts from before ---------------------------------------------------------------------------------
    def check_drafts(self) -> None:
        """How many notes were left unsaved (DraftsFound)."""

        def check() -> DraftsFound:
            book = self.library.quotes
            count = len(pending_drafts(book))
            return DraftsFound(count, book.draft_problems())

        self.jobs.submit("Cannot read drafts", check)

    def next_draft(self, later: Collection[str]) -> None:
        """The next draft not put off (`later`; all of them again once every one was), placed (DraftPlaced)."""
        put_off = set(later)

        def find() -> DraftPlaced:
            book = self.library.quotes
            drafts = pending_drafts(book)
            if not drafts:
                return DraftPlaced(None, book.draft_problems())
            draft = next((d for d in drafts if d.key not in put_off), drafts[0])
            placed = place_draft(book, self.library.passages, draft)
            return DraftPlaced(placed, book.draft_problems())

        self.jobs.submit("Cannot reopen the draft", find)

    def keep_stranded(self, draft: StrandedDraft) -> None:
        """Keep a draft that cannot be placed as a detached quote (DraftKeptDetached)."""
        self.jobs.submit("Cannot keep the draft", lambda: DraftKeptDetached(keep_stranded(self.library.quotes, draft)))

    def discard_stranded(self, draft: StrandedDraft) -> None:
        def discard() -> DraftDiscarded:
            clear_drafts(self.library.quotes, [draft.key])
            return DraftDiscarded()

        self.jobs.submit("Cannot discard the draft", discard)
