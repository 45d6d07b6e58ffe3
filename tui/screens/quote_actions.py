"""QuoteActions: the main screen's handling of quotes (a mixin of MainScreen).

The reader (QuoteReader) and the Quotes pane post messages; this mixin decides
and calls `library.quotes` from thread workers, one at a time, and tells the
user only once a change is on disk.  Every QuoteBook error becomes a one-line
notification; nothing a quote action does can take the app down.

Handlers use Textual's naming convention (`on_<widget>_<message>`): `@on`
decorators are only collected on message-pump classes, and this is a mixin.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.widgets import Static

from corpus.anchoring import one_line
from corpus.errors import NotFound, SaysoError
from corpus.export import format_clipboard
from corpus.models import Document, Hit, Passage, Quote, document_text
from corpus.quotes import text_hash
from corpus.safety import visible
from tui.clipboard import clipboard_plan, write_clipboard_file
from tui.quote_filter import parse_filter
from tui.screens.draft_dialog import COPY, DETACH, DISCARD, DraftDialog, StrandedDraft
from tui.screens.note_editor import (
    TAGS_SUFFIX,
    NoteEditor,
    NoteResult,
    NoteTarget,
    QuoteGone,
    clear_drafts,
)
from tui.shown_words import Placement, ShownWords, place
from tui.widgets.quote_reader import QuoteReader
from tui.widgets.quotes_pane import QuotesPane
from tui.widgets.review import placing_line

if TYPE_CHECKING:
    from corpus.library import Library

#: One quote job at a time, in the order asked: undo never overtakes the save it undoes.
_QUOTE_JOBS = threading.Lock()
#: Seconds between looks at quotes.json for changes made by another sayso.
QUOTES_WATCH_INTERVAL = 1.0
#: Characters of a quote shown in a notification.
NOTIFY_CHARS = 60


def short(text: str, limit: int = NOTIFY_CHARS) -> str:
    """`text` on one line, shortened, with control characters made visible (for notifications)."""
    return visible(one_line(text, limit), keep_newlines=False)


class QuoteActions:
    """Quote handling for MainScreen: keep, annotate, copy, list, jump, edit, delete, undo, export, drafts."""

    library: Library
    app: Any
    documents: list[Document]

    # -- plumbing ----------------------------------------------------------------------------------
    def _say(self, message: str, *, title: str = "", severity: str = "information") -> None:
        self.app.notify(message, title=title, severity=severity, markup=False)  # type: ignore[arg-type]

    def _failed(self, what: str, error: str) -> None:
        self._say(f"{what}: {visible(error, keep_newlines=False)}", title="Quotes", severity="error")

    @work(thread=True, group="quotes")
    def quote_job(self, what: str, job: Callable[[], Any], done: Callable[[Any], None] | None = None) -> None:
        """Run `job` (a QuoteBook call) off the UI thread, then `done(result)` on it; errors become notifications."""
        with _QUOTE_JOBS:
            try:
                result = job()
            except SaysoError as exc:
                self.app.call_from_thread(self._failed, what, str(exc))
                return
            except Exception as exc:  # never let a quote action take the app down
                self.app.call_from_thread(self._failed, what, f"{type(exc).__name__}: {exc}")
                return
        if done is not None:
            self.app.call_from_thread(done, result)

    def _reader(self) -> QuoteReader | None:
        try:
            reader = self.query_one(QuoteReader)  # type: ignore[attr-defined]
        except Exception:
            return None
        return reader

    def _pane(self) -> QuotesPane | None:
        try:
            return self.query_one(QuotesPane)  # type: ignore[attr-defined,no-any-return]
        except Exception:
            return None

    def _title(self, doc_id: str) -> str:
        doc = next((d for d in self.documents if d.id == doc_id), None)
        return doc.title if doc is not None else doc_id

    def quotes_changed(self) -> None:
        """Redraw the quotes in the reader and the Quotes pane after any change."""
        self._quotes_stamp = self._quotes_file_stamp()
        reader = self._reader()
        if reader is not None and reader.document is not None:
            self.load_reader_quotes(reader.document.id)
        self.refresh_quote_list()

    # -- the reader ---------------------------------------------------------------------------------
    def on_quote_reader_document_shown(self, event: QuoteReader.DocumentShown) -> None:
        self.load_reader_quotes(event.doc_id)

    def load_reader_quotes(self, doc_id: str) -> None:
        def shown(quotes: list[Quote]) -> None:
            reader = self._reader()
            if reader is not None:
                reader.show_quotes(doc_id, quotes)

        self.quote_job("Cannot show quotes", lambda: self.library.quotes.quotes_for_document(doc_id), shown)

    def on_quote_reader_keep(self, event: QuoteReader.Keep) -> None:
        self.keep_quote(event.shown)

    def keep_quote(self, shown: ShownWords, note: str = "", tags: list[str] | None = None) -> None:
        """Save a new quote of the words `shown`; "Quote saved" only once it is on disk."""

        def saved(quote: Quote) -> None:
            self._say(f"Quote saved: \u201c{short(quote.exact)}\u201d (a adds a note, u undoes)")
            self.quotes_changed()

        self.quote_job("Cannot keep the quote", lambda: self.add_shown(shown, note, tags or []), saved)

    def add_shown(self, shown: ShownWords, note: str, tags: list[str]) -> Quote:
        """A new quote of exactly the words the reader showed (runs in a worker).

        Under the library's lock (so no re-import slips in between), the
        document's current text is checked: if it changed since it was shown,
        the words are placed again by their exact characters and the reader
        reloaded; if they cannot be placed, nothing is saved (SaysoError).
        """
        book = self.library.quotes
        quote: Quote | None = None
        with book.lock.held():
            placed = place(shown, document_text(self.library.passages(shown.doc_id)))
            if placed.span is not None:
                quote = book.add_span(shown.doc_id, placed.span[0], placed.span[1], note, tags)
        if placed.moved:
            self.app.call_from_thread(self.refresh_document, shown.doc_id)  # type: ignore[attr-defined]
        if quote is None:
            raise SaysoError(f"the document changed since it was shown (re-imported elsewhere) and "
                             f"{placed.reason}; it is reloaded, select the words again")
        if placed.moved:
            self.app.call_from_thread(
                self._say, "The document was re-imported since it was shown: the quote is on the same words "
                           "in the new text", title="Quotes", severity="warning")
        return quote

    def on_quote_reader_annotate(self, event: QuoteReader.Annotate) -> None:
        target = NoteTarget.of_quote(event.quote) if event.quote else NoteTarget(event.shown)
        self.open_note_editor(target)

    def on_quote_reader_copy(self, event: QuoteReader.Copy) -> None:
        self.copy_quote(event.quote, event.document, event.passages)

    def on_quote_reader_status_changed(self, event: QuoteReader.StatusChanged) -> None:
        try:
            strip = self.query_one("#quote-strip", Static)  # type: ignore[attr-defined]
        except Exception:
            return
        line = Text(end="")
        reader = self._reader()
        placing = reader.placing if reader is not None and reader.document is not None else None
        if placing is not None and placing.document == reader.document.id:  # type: ignore[union-attr]
            line = placing_line(placing, event.selecting)
        elif event.selecting is not None:
            words = len(event.selecting.split())
            line.append(" VISUAL ", style="bold reverse")
            line.append(f" {words} word{'s' if words != 1 else ''} ", style="bold")
            line.append(" m keep · a note · y copy · w/b word · j/k sentence · J/K turn · o other end · esc cancel", style="dim")
        elif event.quote is not None:
            quote = event.quote
            line.append("❝ ", style="bold")
            line.append(short(quote.note, 300) if quote.note else "quote (no note: a adds one)", style="" if quote.note else "dim italic")
            if quote.tags:
                line.append("  " + " ".join(f"#{visible(t, keep_newlines=False)}" for t in quote.tags), style="bold")
        strip.update(line)
        strip.set_class(not line.plain, "-empty")
        strip.set_class(placing is not None and placing.document == reader.document.id, "-review")  # type: ignore[union-attr]

    # -- the note editor -------------------------------------------------------------------------------
    def open_note_editor(self, target: NoteTarget, *, note: str | None = None, tags: list[str] | None = None,
                         focus_tags: bool = False, draft_key: str | None = None, notice: str = "") -> None:
        """Ask for note and tags, then save them (a new quote, or an edit of `target.quote`)."""

        def opened(known: list[str]) -> None:
            editor = NoteEditor(target, self.save_note, note=note, tags=tags, known_tags=known, focus_tags=focus_tags,
                                draft_key=draft_key, notice=notice)
            self.app.push_screen(editor, lambda result: self._note_done(editor, result))

        self.quote_job("Cannot open the note", self.library.quotes.tags, opened)

    def save_note(self, target: NoteTarget, result: NoteResult) -> Quote:
        """Save a note from the editor (runs in its worker, after earlier quote jobs); errors go to the editor."""
        book = self.library.quotes
        with _QUOTE_JOBS:
            if target.quote is None:
                return self.add_shown(target.shown, result.note, result.tags)
            try:
                return book.edit(target.quote.id, note=result.note, tags=result.tags)
            except NotFound:
                self.app.call_from_thread(self.quotes_changed)
                raise QuoteGone("this quote was deleted (by another sayso?)") from None

    def _note_done(self, editor: NoteEditor, result: NoteResult | None) -> None:
        """The editor closed: saved (say so), kept for later, or cancelled (its drafts are discarded)."""
        if result is None:
            if not editor.kept_for_later:
                self.quote_job("Cannot discard the draft", lambda: clear_drafts(self.library.quotes, editor.draft_keys))
            return
        quote = result.quote
        if quote is None:
            return
        if editor.target.quote is not None:
            self._say(f"Note saved for \u201c{short(quote.exact, 40)}\u201d")
        else:
            self._say(f"Quote saved with its note: \u201c{short(quote.exact, 40)}\u201d")
        self.quotes_changed()

    # -- copying -----------------------------------------------------------------------------------------
    def copy_quote(self, quote: Quote, document: Document | None = None, passages: list[Passage] | None = None) -> None:
        """Copy `quote` with its citation: OSC 52, and a file where the terminal cannot take it."""
        library = self.library

        def build() -> str:
            doc = document or library.document(quote.document)
            return format_clipboard(quote, doc, passages=passages if passages is not None else library.passages(doc.id))

        self.quote_job("Cannot copy", build, lambda text: self.put_on_clipboard(text, quote.exact))

    def put_on_clipboard(self, text: str, words: str) -> None:
        """Send `text` through OSC 52 and/or to the fallback file; say which."""
        plan = clipboard_plan(self.library.data_dir)
        sent = False
        problem = plan.reason
        if plan.osc52:
            try:
                self.app.copy_to_clipboard(text)
                sent = True
            except Exception as exc:  # a broken terminal: fall back to the file
                problem = f"the terminal refused the copy ({exc})"
        path = plan.file
        if path is None and not sent:
            from tui.clipboard import CLIPBOARD_FILE

            path = self.library.data_dir / CLIPBOARD_FILE
        shown = f"\u201c{short(words, 48)}\u201d with its citation"
        if path is None:
            self._say(f"Copied {shown} (OSC 52)", title="Copied")
            return
        try:
            write_clipboard_file(path, text)
        except OSError as exc:
            self._failed("Cannot write the clipboard file", f"{path}: {exc.strerror or exc}")
            return
        where = visible(str(path), keep_newlines=False)
        if sent:
            self._say(f"Copied {shown} (OSC 52; also in {where})", title="Copied")
        else:
            self._say(f"Saved {shown} to {where} ({problem})", title="Copied to a file")

    # -- the Quotes pane ----------------------------------------------------------------------------------
    def action_show_quotes(self) -> None:
        """Show the Quotes pane."""
        self.run_action("show_pane('quotes')")  # type: ignore[attr-defined]

    def on_quotes_pane_filter_changed(self, event: QuotesPane.FilterChanged) -> None:
        self.refresh_quote_list(event.line)

    def refresh_quote_list(self, line: str | None = None) -> None:
        pane = self._pane()
        if pane is None:
            return
        line = pane.line if line is None else line
        wanted = parse_filter(line)
        book = self.library.quotes

        def fetch() -> tuple[list[Quote], str]:
            try:
                return book.list(**wanted.list_kwargs()), ""
            except SaysoError as exc:  # an unknown doc: or speaker: while typing is not an error popup
                return [], visible(str(exc), keep_newlines=False)

        def show(result: tuple[list[Quote], str]) -> None:
            quotes, error = result
            self.report_quote_problems()
            if pane.line == line:
                pane.show_quotes(quotes, {d.id: d.title for d in self.documents}, matching=bool(wanted.text), error=error)

        self.quote_job("Cannot list quotes", fetch, show)

    def report_quote_problems(self) -> None:
        """Say once per session which quote rows could not be read (the others are listed as usual)."""
        shown: set[str] = self.__dict__.setdefault("_quote_problems_shown", set())
        for problem in self.library.quotes.problems():
            if problem not in shown:
                shown.add(problem)
                self._say(visible(problem, keep_newlines=False), title="Quotes", severity="warning")

    def on_quotes_pane_act(self, event: QuotesPane.Act) -> None:
        quote = event.quote
        if event.action == "jump":
            self.jump_to_quote(quote)
        elif event.action in ("edit", "retag"):
            self.open_note_editor(NoteTarget.of_quote(quote), focus_tags=event.action == "retag")
        elif event.action == "delete":
            self.delete_quote(quote)
        elif event.action == "copy":
            self.copy_quote(quote)
        elif event.action in ("accept", "detach"):
            self.settle_quote(event.action, quote)  # type: ignore[attr-defined]

    def jump_to_quote(self, quote: Quote) -> None:
        """Open the quote's document at its passage with its words highlighted."""
        if quote.status != "anchored":  # tui.screens.review_actions: place it again by hand
            self.place_quote(quote)  # type: ignore[attr-defined]
            return
        reader = self._reader()
        if reader is not None:
            reader.set_placing(None)
        if not any(d.id == quote.document for d in self.documents):
            self._failed("Cannot open the quote", "its document is no longer in the library")
            return

        def located(passages: list[Passage]) -> None:
            index = next((i for i, p in enumerate(passages) if p.offset <= quote.start < p.offset + len(p.text) + 2), 0)
            p = passages[index] if passages else None
            spans = [[max(0, quote.start - p.offset), min(len(p.text), quote.end - p.offset)]] if p else []
            hit = Hit(passage=p.id if p else "", document=quote.document, speaker=quote.speaker, text=p.text if p else "",
                      score=1.0, spans=spans, title=self._title(quote.document), index=index)
            self._return_to = ("quotes", None)  # type: ignore[attr-defined]
            self.open_document(quote.document, index, hit=hit)  # type: ignore[attr-defined]

        self.quote_job("Cannot open the quote", lambda: self.library.passages(quote.document), located)

    def delete_quote(self, quote: Quote) -> None:
        def deleted(removed: Quote) -> None:
            self._say(f"Deleted quote \u201c{short(removed.exact, 40)}\u201d (u undoes)")
            self.quotes_changed()

        self.quote_job("Cannot delete the quote", lambda: self.library.quotes.remove(quote.id), deleted)

    # -- undo and redo ------------------------------------------------------------------------------------
    def action_undo_quote(self) -> None:
        """Take back the latest quote action of this session."""
        self._undo_redo("undo")

    def action_redo_quote(self) -> None:
        """Do again the latest undone quote action."""
        self._undo_redo("redo")

    def _undo_redo(self, which: str) -> None:
        book = self.library.quotes

        def done(label: str | None) -> None:
            if label is None:
                self._say(f"Nothing to {which} in this session")
                return
            self._say(f"{'Undone' if which == 'undo' else 'Redone'}: {label}")
            self.quotes_changed()

        self.quote_job(f"Cannot {which}", book.undo if which == "undo" else book.redo, done)

    # -- export --------------------------------------------------------------------------------------------
    def open_export_dialog(self) -> None:
        """The export dialog, with the Quotes pane's filter as its starting filter."""
        from tui.screens.export_dialog import ExportDialog

        pane = self._pane()
        self.app.push_screen(ExportDialog(self.library, filter_line=pane.line if pane is not None else ""))

    # -- drafts ------------------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.check_drafts()
        self._quotes_stamp = self._quotes_file_stamp()
        self.set_interval(QUOTES_WATCH_INTERVAL, self._watch_quotes_file)  # type: ignore[attr-defined]

    def _quotes_file_stamp(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.library.quotes.path)
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _watch_quotes_file(self) -> None:
        """quotes.json replaced (by another sayso, e.g. `sayso quote rm`): redraw the marks, the note strip and the list."""
        stamp = self._quotes_file_stamp()
        if stamp != self._quotes_stamp:
            self._quotes_stamp = stamp
            self.quotes_changed()

    def _report_draft_problems(self) -> None:
        for problem in self.library.quotes.draft_problems():
            self._say(visible(problem, keep_newlines=False), title="Drafts", severity="error")

    def check_drafts(self) -> None:
        """Say so when notes were left unsaved (a hangup, a failed save, kept for later); R reopens them."""

        def found(drafts: dict[str, str]) -> None:
            self._report_draft_problems()
            self._drafts = {k: v for k, v in drafts.items() if not k.endswith(TAGS_SUFFIX)}
            if self._drafts:
                n = len(self._drafts)
                self._say(f"{n} unsaved note{'s' if n != 1 else ''} from last time: press R to reopen "
                          f"{'it' if n == 1 else 'them'}", title="Drafts", severity="warning")

        self.quote_job("Cannot read drafts", self.library.quotes.drafts, found)

    def action_restore_drafts(self) -> None:
        """Reopen the next unsaved draft: in the note editor when its words are found, else in the draft dialog."""
        book = self.library.quotes
        later: set[str] = self.__dict__.setdefault("_drafts_later", set())

        def next_draft() -> tuple[NoteTarget, str, list[str], str, str] | StrandedDraft | None:
            rows = book.draft_rows()
            keys = [k for k in rows if not k.endswith(TAGS_SUFFIX)]
            if not keys:
                return None
            waiting = [k for k in keys if k not in later]
            if not waiting:  # every draft was put off this session: go round again
                later.clear()
                waiting = keys
            key = waiting[0]
            tags = [t for t in str(rows.get(key + TAGS_SUFFIX, {}).get("text", "")).split(",") if t.strip()]
            return self._place_draft(key, rows[key], tags)

        def restore(found: tuple[NoteTarget, str, list[str], str, str] | StrandedDraft | None) -> None:
            self._report_draft_problems()
            if found is None:
                self._say("No unsaved notes to reopen")
                return
            if isinstance(found, StrandedDraft):
                self.app.push_screen(DraftDialog(found), lambda choice: self._draft_chosen(found, choice))
                return
            target, text, tags, key, notice = found
            self.open_note_editor(target, note=text, tags=tags, draft_key=key, notice=notice)

        self.quote_job("Cannot reopen the draft", next_draft, restore)

    def _place_draft(self, key: str, row: dict[str, Any], tags: list[str]
                     ) -> tuple[NoteTarget, str, list[str], str, str] | StrandedDraft:
        """Where a draft's note goes now (runs in a worker): its quote, or its words found again exactly.

        Nothing is guessed: a draft whose quote or words cannot be found is
        returned as a StrandedDraft for the user to decide; it is never deleted here.
        """
        book = self.library.quotes
        text = str(row.get("text", ""))
        stored = row.get("target") if isinstance(row.get("target"), dict) else {}
        shown = ShownWords.from_dict(stored)

        def stranded(reason: str) -> StrandedDraft:
            return StrandedDraft(key, text, reason, tags, dict(stored or {}))

        notice = ""
        kind, _, rest = key.partition(":")
        if kind == "quote":
            quote_id = str(stored.get("quote") or rest) if stored else rest
            try:
                return NoteTarget.of_quote(book.get(quote_id)), text, tags, key, ""
            except NotFound:
                if shown is None:
                    return stranded("its quote was deleted, and this draft kept no words to place it by")
                notice = "Its quote was deleted: ctrl+s keeps the note with a new quote of the same words"
            except SaysoError as exc:
                return stranded(f"its quote cannot be read: {exc}")
        if shown is None:
            return stranded("this draft was saved by an older sayso without its words, so its place cannot be checked")
        try:
            current = document_text(self.library.passages(shown.doc_id))
        except SaysoError as exc:
            return stranded(f"its document cannot be read: {exc}")
        placed: Placement = place(shown, current)
        if placed.span is None:
            return stranded(f"the document changed since the note was begun: {placed.reason}")
        if placed.moved:
            notice = notice or "The document was re-imported since: the note is on the same words in the new text"
        target = NoteTarget(ShownWords.of(shown.doc_id, current, placed.span[0], placed.span[1], text_hash(current)))
        return target, text, tags, key, notice

    def _draft_chosen(self, draft: StrandedDraft, choice: str | None) -> None:
        """Carry out the user's choice for a draft that cannot be placed."""
        book = self.library.quotes
        later: set[str] = self.__dict__.setdefault("_drafts_later", set())
        if choice == DETACH:
            def detach() -> Quote:
                quote = book.keep_draft_detached(draft.target, draft.text, draft.tags, f"kept from a draft: {draft.reason}")
                clear_drafts(book, [draft.key])
                return quote

            def detached(quote: Quote) -> None:
                self._say(f"Kept as a detached quote with its note: \u201c{short(quote.exact, 40)}\u201d "
                          "(Quotes pane; u undoes)")
                self.quotes_changed()

            self.quote_job("Cannot keep the draft", detach, detached)
        elif choice == COPY:
            later.add(draft.key)
            self.put_on_clipboard(draft.text, draft.text)
        elif choice == DISCARD:
            self.quote_job("Cannot discard the draft", lambda: clear_drafts(book, [draft.key]),
                           lambda _: self._say("Draft discarded"))
        else:
            later.add(draft.key)
            self._say("Draft kept for later: R shows it again")
