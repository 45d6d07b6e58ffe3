"""MainScreen: the side panes and the reader, and every decision about what they show.

Widgets only post messages; this screen handles each with one handler and
calls `corpus` off the UI thread: the library and a document's passages in
thread workers, searches in a latest-only JobQueue, quote changes through
the QuoteDesk.  Their results come back as the messages of `tui.messages`.
Where the reader has been (jump list, way back, documents in memory) lives
in `tui.navigation`, plain objects this screen asks.  On a shared archive the
QuoteFeed hears other members' quote changes; the screen refreshes once per
burst and says who did what.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import time
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea
from textual.worker import get_current_worker

from sayso.corpus.conventions import describe
from sayso.corpus.drafts import NoteTarget, PlacedDraft, StrandedDraft
from sayso.corpus.errors import SaysoError
from sayso.corpus.export.entries import format_timestamp
from sayso.corpus.library import Library
from sayso.corpus.models import Document, Hit, Passage, Quote, Speaker, document_text
from sayso.corpus.query import parse_query
from sayso.corpus.quotes import short_id
from sayso.corpus.safety import visible
from sayso.corpus.shown_words import ShownWords
from sayso.corpus.stats import stats_of_passages
from sayso.tui.clipboard import CLIPBOARD_FILE, clipboard_plan, write_clipboard_file
from sayso.tui.jobs import JobFailed, JobQueue, describe_error
from sayso.tui.messages import (
    ClipboardReady,
    Destination,
    DocumentLoaded,
    DocumentStatsReady,
    DocumentUnreadable,
    DraftDiscarded,
    DraftKeptDetached,
    DraftPlaced,
    DraftsFound,
    IndexUnavailable,
    LibraryLoaded,
    LibraryUnreadable,
    MeaningFailed,
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
    SearchDone,
    SearchFailed,
    ShownTextChanged,
    SimilarFound,
)
from sayso.tui.navigation import (
    JumpList,
    PassageCache,
    Position,
    ReturnTo,
    hit_position,
    span_hit,
)
from sayso.tui.player import Player
from sayso.tui.quote_desk import QuoteDesk
from sayso.tui.quote_feed import QuoteChange, QuoteFeed, QuoteFeedNews, QuoteFeedTrouble, summarise
from sayso.tui.screens.citation_dialog import CitationDialog
from sayso.tui.screens.draft_dialog import COPY, DETACH, DISCARD, DraftDialog
from sayso.tui.screens.note_editor import NoteEditor, NoteResult
from sayso.tui.widgets.documents import DocumentsPane
from sayso.tui.widgets.key_hints import KeyHints
from sayso.tui.widgets.pane_bar import PANES, PaneBar
from sayso.tui.widgets.pane_list import plain
from sayso.tui.widgets.quote_reader import QuoteReader
from sayso.tui.widgets.quote_strip import QuoteStrip, short
from sayso.tui.widgets.quotes_pane import QuotesPane
from sayso.tui.widgets.search import SearchPane
from sayso.tui.widgets.speakers import SpeakersPane
from sayso.tui.widgets.status_line import StatusLine
from sayso.tui.widgets.timeline import TimelineStrip
from sayso.tui.widgets.transcript import Mark, TranscriptView

LOG = logging.getLogger(__name__)

#: How the app states a document's speaker convention, said where the import was unsure of it.
LABELS_REMEDY = "state it in Edit citation's Speaker labels (c in Documents)"
#: Below this size the screen shows a "too small" message instead of the panes.
MIN_WIDTH, MIN_HEIGHT = 40, 10
#: Below this width the side panes and the reader take turns (tabs) instead of sitting side by side.
NARROW_WIDTH = 100
#: From this width on, Documents, Speakers and Search are all shown beside the reader (Quotes takes
#: Search's place while it is the pane in use).
WIDE_WIDTH = 140
#: Results fetched per query.
SEARCH_LIMIT = 100
#: Passages listed by more-like-this: the closest few; further down a static model's neighbours are noise.
LIKE_LIMIT = 20
#: Documents with at least this many turns are frozen out of the garbage collector's full
#: passes once loaded (a 25,000-turn transcript made them stall frames by ~100 ms).
FREEZE_PASSAGES = 5000
#: Seconds between looks at quotes.json and library.json for changes made by another sayso.
QUOTES_WATCH_INTERVAL = 1.0
#: The side panes, by id.
SIDE_PANES = ("documents", "speakers", "search", "quotes")
#: Seconds the screen waits after hearing of a change on a shared archive, to take a burst in one refresh.
FEED_DEBOUNCE = 0.5
#: Seconds at least between two notices of other members' changes (a long burst is told as one).
FEED_NOTICE_GAP = 3.0


def file_stamp(path: os.PathLike[str] | str) -> tuple[int, int, int] | None:
    """(inode, mtime, size) of `path`, which changes whenever the file is replaced or written; None if missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def meaning_error(exc: Exception) -> str:
    """A failed meaning search in one line: a missing model in its own words (it is not a SaysoError)."""
    from sayso.corpus.meaning import ModelMissing

    return str(exc) if isinstance(exc, ModelMissing) else describe_error(exc)


class MainScreen(Screen[None]):
    """Documents, Speakers, Search and Quotes beside the Reader (or as tabs on narrow terminals)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "next_pane", "Next pane", show=False, id="main.next_pane"),
        Binding("shift+tab", "previous_pane", "Previous pane", show=False, id="main.previous_pane"),
        Binding("1", "show_pane('documents')", "Documents", show=False, id="main.documents"),
        Binding("2", "show_pane('speakers')", "Speakers", show=False, id="main.speakers"),
        Binding("3", "show_pane('search')", "Search pane", show=False, id="main.search_pane"),
        Binding("4", "show_pane('reader')", "Reader", show=False, id="main.reader"),
        # (a priority binding: handled by the app as it arrives, before the keys typed after it; see action_search)
        Binding("slash", "search", "Search", id="main.search", priority=True),
        Binding("escape", "back", "Back", id="main.back"),
        # (escape in the query box, a priority binding for the same reason as `/`: the keys typed after it are keys)
        Binding("escape", "leave_query", "Leave the query box", show=False, id="main.leave_query", priority=True),
        Binding("x", "clear_lens", "Clear lens", id="main.clear_lens"),
        Binding("n", "next_hit(1)", "Next hit", show=False, id="main.next_hit"),
        Binding("N", "next_hit(-1)", "Previous hit", show=False, id="main.previous_hit"),
        Binding("ctrl+o", "jump_back", "Jump back", show=False, id="main.jump_back"),
        Binding("ctrl+n", "jump_forward", "Jump forward", show=False, id="main.jump_forward"),
        Binding("i", "import", "Import files", show=False, id="main.import"),
        Binding("e", "export", "Export quotes", show=False, id="main.export"),
        Binding("5,Q", "show_pane('quotes')", "Quotes", show=False, id="main.quotes"),
        Binding("u", "undo_quote", "Undo quote action", show=False, id="main.undo_quote"),
        Binding("ctrl+r", "redo_quote", "Redo quote action", show=False, id="main.redo_quote"),
        Binding("R", "restore_drafts", "Reopen unsaved notes", show=False, id="main.restore_drafts"),
        Binding("S", "stats", "Statistics", show=False, id="main.stats", tooltip="Who spoke how much (chart)"),
        Binding(
            "L",
            "more_like_this",
            "More like this",
            show=False,
            id="main.more_like_this",
            tooltip="List the passages closest in meaning to this turn, hit or quote, by anyone",
        ),
        Binding(
            "p",
            "play",
            "Play from here",
            show=False,
            id="main.play",
            tooltip="Play the recording from the turn, hit or quote under the cursor (over SSH: copy a link to it)",
        ),
        Binding(
            "right_curly_bracket",
            "timeline_jump(1)",
            "Timeline: a tenth on",
            show=False,
            id="main.timeline_forward",
            tooltip="Jump a tenth of the document on along the timeline",
        ),
        Binding(
            "left_curly_bracket",
            "timeline_jump(-1)",
            "Timeline: a tenth back",
            show=False,
            id="main.timeline_back",
            tooltip="Jump a tenth of the document back along the timeline",
        ),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.documents: list[Document] = []
        self.speakers: list[Speaker] = []
        #: the speaker whose turns alone are shown (None: everyone)
        self.lens: str | None = None
        #: the pane shown and focused: one of SIDE_PANES or "reader"
        self.pane = "documents"
        #: the side pane last in use (the one shown beside the reader, or in Search's place when wide)
        self._side_pane = "documents"
        self.loaded = False
        #: where escape leaves the reader for
        self.return_to = ReturnTo()
        self.jumps = JumpList()
        self.cache = PassageCache()
        self.quote_desk = QuoteDesk(self, library)
        self.player = Player()
        self._search_jobs = JobQueue(self, "search", latest_only=True)
        #: meaning searches and more-like-this: their own lane, so a slow one (the first builds the
        #: library's vectors) never holds up word search on the next keystroke
        self._meaning_jobs = JobQueue(self, "meaning", latest_only=True)
        #: numbers every search request; results of any but the latest are stale and dropped
        self._search_serial = 0
        #: the query whose results blend in meaning hits (ctrl+g); typing again returns to word search
        self._meaning_query: str | None = None
        #: moving the reader ourselves (a jump, not a cursor move the jump list records)
        self._jumping = False
        self._quotes_stamp: tuple[int, int, int] | None = None
        self._library_stamp: tuple[int, int, int] | None = None
        self._quote_problems_shown: set[str] = set()
        #: drafts put off this session (R shows the others first)
        self._drafts_later: set[str] = set()
        #: other members' quote changes on a shared archive (nothing runs for a local library)
        self.quote_feed = QuoteFeed(self, library)
        self._feed_timer: Timer | None = None
        #: changes heard but not yet told (notices are paced by FEED_NOTICE_GAP)
        self._feed_untold: list[QuoteChange] = []
        self._feed_notice_timer: Timer | None = None
        self._feed_told_at = 0.0

    # -- layout ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield PaneBar(id="pane-bar")
        with Horizontal(id="body"):
            # One pane at a time, or (wide) a grid: Documents over Speakers, Search (or Quotes) beside them.
            with Container(id="sidebar"):
                # In grid order: of Search and Quotes only one shows at a time, and it takes the second cell.
                yield DocumentsPane(id="documents")
                yield SearchPane(id="search")
                yield QuotesPane(id="quotes")
                yield SpeakersPane(id="speakers")
            with Vertical(id="reader"):
                yield StatusLine(id="reader-title")
                yield TimelineStrip(id="timeline")
                yield QuoteReader(id="transcript")
                yield QuoteStrip(id="quote-strip")
        yield Static("", id="too-small", markup=False)
        yield KeyHints(id="key-hints")

    @property
    def reader(self) -> QuoteReader:
        return self.query_one(QuoteReader)

    @property
    def search_pane(self) -> SearchPane:
        return self.query_one(SearchPane)

    @property
    def quotes_pane(self) -> QuotesPane:
        return self.query_one(QuotesPane)

    @property
    def quote_strip(self) -> QuoteStrip:
        return self.query_one(QuoteStrip)

    def on_mount(self) -> None:
        documents = self.query_one(DocumentsPane)
        documents.empty_text = "Loading the library…"
        self.search_pane.set_status("type to search every document")
        self._set_reader_title()
        documents.focus()
        # Paint first, then read the library: the first frame never waits for the store or the index.
        self.call_after_refresh(self.load_library)
        self.quote_desk.check_drafts()
        self._quotes_stamp = self._quotes_file_stamp()
        self._library_stamp = file_stamp(self.library.store.library_path)
        self.set_interval(QUOTES_WATCH_INTERVAL, self._watch_files)
        team = self.library.server is not None
        self.quotes_pane.team = team
        self.quote_strip.team = team
        self.quote_feed.start()

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if self.has_class("too-small") and not small:
            # Hiding the panes took the focus away; give it back to the pane the user was in.
            self.call_after_refresh(self._refocus_pane)
        self.set_class(small, "too-small")
        self.set_class(width < NARROW_WIDTH, "narrow")
        self.set_class(width >= WIDE_WIDTH, "wide")
        self._apply_layout_classes()
        self._show_side_panes()
        self.call_after_refresh(self._set_reader_title)  # the title is fitted to the header's new width
        if small:
            self.query_one("#too-small", Static).update(
                f"Terminal too small: {width}x{height}.\nsayso needs at least {MIN_WIDTH}x{MIN_HEIGHT}.\n"
                "Enlarge the window (ctrl+q quits)."
            )

    def _refocus_pane(self) -> None:
        if self.app.focused is None and not self.has_class("too-small"):
            self._pane_widget(self.pane).focus()

    def _pane_widget(self, pane: str) -> Widget:
        if pane == "search":
            search = self.search_pane
            return search.results if search.hits and search.results.has_focus_within else search.query_input
        if pane == "reader":
            return self.reader
        return self.query_one(f"#{pane}")

    def action_show_pane(self, pane: str) -> None:
        """Show and focus `pane` (documents, speakers, search, quotes or reader)."""
        self._reveal_pane(pane)
        self._pane_widget(pane).focus()

    def _reveal_pane(self, pane: str) -> None:
        """Show `pane` and make it the current one (its focus is the caller's)."""
        if pane != "reader":
            self._side_pane = pane
            self._show_side_panes()
        self._set_pane(pane)

    def _show_side_panes(self) -> None:
        """Display the side pane in use; on a wide screen Documents, Speakers and Search (or Quotes) too."""
        side = self._side_pane
        wide = self.has_class("wide")
        for name in SIDE_PANES:
            if wide:
                shown = name in ("documents", "speakers") or name == ("quotes" if side == "quotes" else "search")
            else:
                shown = name == side
            widget = self.query_one(f"#{name}")
            if widget.display != shown:
                widget.display = shown

    def _set_pane(self, pane: str) -> None:
        self.pane = pane
        self._apply_layout_classes()
        self.query_one(PaneBar).set_state(pane, self.lens)
        self.refresh_bindings()

    def _apply_layout_classes(self) -> None:
        """Which of sidebar and reader shows, on narrow screens only.

        On wide screens both show and the classes stay off, so switching panes
        never restyles the whole screen.
        """
        narrow = self.has_class("narrow")
        reading = self.pane == "reader"
        self.set_class(narrow and reading, "reading")
        self.set_class(narrow and not reading, "browsing")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Follow focus: the pane it is in becomes the current pane; the Quotes list explains review quotes."""
        quote_list = self.quotes_pane.quote_list
        self._show_review(quote_list.highlighted_quote if event.widget is quote_list else None)
        node: Widget | None = event.widget
        while node is not None and node is not self:
            if node.id in (*SIDE_PANES, "reader"):
                if node.id != self.pane:
                    if node.id != "reader" and node.id != self._side_pane:
                        self._side_pane = node.id
                        self._show_side_panes()
                    self._set_pane(node.id)
                return
            node = node.parent if isinstance(node.parent, Widget) else None

    def action_next_pane(self) -> None:
        names = [name for name, _ in PANES]
        self.action_show_pane(names[(names.index(self.pane) + 1) % len(names)])

    def action_previous_pane(self) -> None:
        names = [name for name, _ in PANES]
        self.action_show_pane(names[(names.index(self.pane) - 1) % len(names)])

    def action_search(self) -> None:
        """Focus the query box with its text selected, ready to type.

        `/spamtris` arriving in one read, as a fast typist or a slow SSH link sends it, must be typed into
        the box, not taken as the Documents pane's keys (`p` played, `i` opened the import dialog). So `/` is
        a priority binding (the app acts on it before it hands on the keys after it, which a pane's binding
        would have found already queued for the pane) and the box is focused at once, not after the keys
        already waiting, as `focus()` would.
        """
        self._reveal_pane("search")
        query = self.search_pane.query_input
        self._focus_now(query)
        query.select_all()

    # -- loading the library ---------------------------------------------------------
    @work(thread=True, exclusive=True, group="library")
    def load_library(self) -> None:
        """Read documents and speakers off the UI thread, then warm the search index."""
        try:
            documents = self.library.documents()
            speakers = self.library.speakers()
        except SaysoError as exc:
            self.post_message(LibraryUnreadable(str(exc)))
            return
        self.post_message(LibraryLoaded(documents, speakers))
        try:
            index = self.library.index
        except Exception as exc:  # the index is optional for browsing; say why search may fail
            LOG.exception("shown to the user as one line")
            self.post_message(IndexUnavailable(str(exc)))
        else:
            try:
                index.warm_up()  # what searches per keystroke read, built before the user types
            except Exception:  # (searches still answer, reading the index lazily)
                LOG.exception("the search index could not be warmed; searches read it as they go")
        # What was just loaded lives as long as the app: keep it out of the collector's full
        # passes, which would otherwise stall a frame by tens of ms now and then while typing.
        gc.freeze()

    @on(LibraryUnreadable)
    def _library_unreadable(self, event: LibraryUnreadable) -> None:
        self.query_one(DocumentsPane).empty_text = "The library could not be read."
        self.app.notify(visible(event.error), title="Cannot read the library", severity="error", markup=False)

    @on(IndexUnavailable)
    def _index_unavailable(self, event: IndexUnavailable) -> None:
        self.search_pane.set_status(f"search index unavailable: {event.error}")

    @on(LibraryLoaded)
    def _library_loaded(self, event: LibraryLoaded) -> None:
        titles_changed = {(d.id, d.title) for d in event.documents} != {(d.id, d.title) for d in self.documents}
        self.documents = event.documents
        self.speakers = event.speakers
        self.cache.clear()
        pane = self.query_one(DocumentsPane)
        pane.empty_text = DocumentsPane.empty_text
        pane.show_documents(self.documents, self._lens_documents())
        titles = {d.id: d.title for d in self.documents}
        self.query_one(SpeakersPane).show_speakers(self.speakers, self.lens, titles)
        if titles_changed:
            self.refresh_quote_list()  # the Quotes pane names documents by these titles
        gone = self.reader.document
        if gone is not None and all(d.id != gone.id for d in self.documents):
            # Removed by another sayso (`sayso rm`): its words are no longer the library's to quote.
            self.reader.unload()
            self.cache.forget(gone.id)
            self._set_reader_title()
            if self.pane == "reader":
                self.action_show_pane("documents")
            self._say(
                f"\u201c{visible(gone.title, keep_newlines=False)}\u201d was removed from the library",
                title="Reader",
                severity="warning",
            )
        self.loaded = True
        if self.search_pane.shown_query:
            self._request_search(self.search_pane.shown_query)

    def reload(self) -> None:
        """Re-read the library (after an import)."""
        self.load_library()

    def _reimported(self, doc: Document) -> None:
        """`doc` was imported again from the app (new speaker labels): re-read the library, reopen it if open."""
        self.documents = [doc if d.id == doc.id else d for d in self.documents]
        self.cache.forget(doc.id)
        self.reload()
        if self.reader.document is not None and self.reader.document.id == doc.id:
            self._load_document(doc.id, Destination(self.reader.passage))
        self.app.notify(
            visible(describe(doc.convention, LABELS_REMEDY), keep_newlines=False),
            title=f"Re-imported {visible(doc.title, keep_newlines=False)}",
            markup=False,
        )

    def refresh_document(self, doc_id: str) -> None:
        """`doc_id` changed on disk (re-imported by another sayso): re-read the library, reload it if open."""
        self.cache.forget(doc_id)
        self.reload()
        reader = self.reader
        if reader.document is not None and reader.document.id == doc_id:
            self._load_document(doc_id, Destination(reader.passage, reader.sentence))

    def document(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == doc_id), None)

    def _title(self, doc_id: str) -> str:
        doc = self.document(doc_id)
        return doc.title if doc is not None else doc_id

    # -- opening documents -------------------------------------------------------------
    @on(DocumentsPane.OpenDocument)
    def _open_from_list(self, event: DocumentsPane.OpenDocument) -> None:
        self.return_to = ReturnTo("documents", self.query_one(DocumentsPane).highlighted)
        self.open_document(event.doc_id)

    def open_document(
        self, doc_id: str, passage: int = 0, sentence: int = 0, *, hit: Hit | None = None, record: bool = True
    ) -> None:
        """Show `doc_id` in the reader at `passage`/`sentence`, marking `hit`'s words."""
        if record:
            self.jumps.record(self._current_position())
        self.action_show_pane("reader")
        destination = Destination(passage, sentence, hit)
        if self.reader.document is not None and self.reader.document.id == doc_id:
            self._show_in_reader(self.reader.document, self.reader.passages, destination)
            return
        cached = self.cache.get(doc_id)
        document = self.document(doc_id)
        if cached is not None and document is not None:
            self._show_in_reader(document, cached, destination)
            return
        self.query_one("#reader-title", StatusLine).update(Text("Opening…", style="italic"))
        self._load_document(doc_id, destination)

    @work(thread=True, exclusive=True, group="open")
    def _load_document(self, doc_id: str, destination: Destination) -> None:
        try:
            document = self.document(doc_id) or self.library.document(doc_id)
            passages = self.library.passages(doc_id)
        except SaysoError as exc:
            self.post_message(DocumentUnreadable(str(exc)))
            return
        if len(passages) >= FREEZE_PASSAGES:
            # Kept while the document is cached: out of the collector's full passes (see
            # load_library).  Only for big documents, since whatever else is alive now is
            # frozen too and, if it later becomes cyclic garbage, is never reclaimed.
            gc.freeze()
        if not get_current_worker().is_cancelled:  # another document was asked for meanwhile
            self.post_message(DocumentLoaded(document, passages, destination))

    @on(DocumentUnreadable)
    def _document_unreadable(self, event: DocumentUnreadable) -> None:
        self.app.notify(visible(event.error), severity="error", markup=False)

    @on(PaneBar.PaneClicked)
    def _pane_clicked(self, event: PaneBar.PaneClicked) -> None:
        self.action_show_pane(event.pane)

    @on(DocumentLoaded)
    def _document_loaded(self, event: DocumentLoaded) -> None:
        destination = event.destination
        # The document may have been re-imported shorter since the destination was chosen.
        passage = min(destination.passage, max(0, len(event.passages) - 1))
        self._show_in_reader(
            event.document, event.passages, Destination(passage, destination.sentence, destination.hit)
        )

    def _show_in_reader(self, document: Document, passages: list[Passage], destination: Destination) -> None:
        self.cache.put(document.id, passages)
        # The Documents list follows what is read, wherever it was opened from (search, quotes, a jump).
        documents = self.query_one(DocumentsPane)
        if documents.highlighted_id != document.id and not documents.has_focus:
            with contextlib.suppress(ValueError):
                documents.highlighted = documents.index_of(document.id)
        reader = self.reader
        passage, sentence, hit = destination.passage, destination.sentence, destination.hit
        self._jumping = True
        try:
            if reader.document is None or reader.document.id != document.id or reader.passages is not passages:
                reader.load(document, passages, passage=passage, sentence=sentence)
                reader.set_lens(self.lens)
                self._count_document(document, passages)
            if hit is not None:
                passage, sentence = hit_position(passages, hit)
                reader.set_marks([Mark(passage, a, b, "hit") for a, b in hit.spans], kinds={"hit"})
            reader.move_to(passage, sentence, center=True)
        finally:
            self._jumping = False
        self.jumps.last = Position(document.id, reader.passage, reader.sentence)
        self._set_reader_title()

    def _set_reader_title(self) -> None:
        reader = self.reader
        title = self.query_one("#reader-title", StatusLine)
        if reader.document is None:
            title.update(Text("Reader", style="bold"))
            return
        current = reader.current
        where = f"  ¶ {reader.passage + 1}/{len(reader.passages)}"
        sentence = ""
        if current is not None and current.sentences:
            sentence = f" · sentence {reader.sentence + 1}/{len(current.sentences)}"
        # Who is speaking, since a long turn's name scrolls out of view above the cursor.
        who = visible(current.speaker, keep_newlines=False) if current is not None and current.speaker else ""
        name = reader.document.title
        # The place in the document always shows: a long title is what gets shortened, then the speaker's name.
        width = title.size.width
        room = width - 2 - len(where) - len(sentence) - (len(who) + 3 if who else 0)
        if width and who and room < 12:
            keep = max(8, len(who) - (12 - room))
            if keep < len(who):
                who = who[: keep - 1].rstrip() + "…"
            room = width - 2 - len(where) - len(sentence) - len(who) - 3
        if width and len(name) > max(room, 12):
            name = name[: max(room, 12) - 1].rstrip() + "…"
        line = plain(name, style="bold")
        line.append(where, style="dim")
        if who:
            line.append(" · ", style="dim")
            line.append(who)
        line.append(sentence, style="dim")
        title.update(line)

    @on(TranscriptView.CursorMoved)
    def _cursor_moved(self, event: TranscriptView.CursorMoved) -> None:
        reader = self.reader
        if reader.document is None:
            return
        self.jumps.moved(Position(reader.document.id, event.passage, event.sentence), jumping=self._jumping)
        self._set_reader_title()
        self.timeline.set_position(event.passage)

    # -- statistics and the timeline ---------------------------------------------------------
    @property
    def timeline(self) -> TimelineStrip:
        return self.query_one(TimelineStrip)

    @work(thread=True, exclusive=True, group="document-stats")
    def _count_document(self, document: Document, passages: list[Passage]) -> None:
        """Work out the open document's figures and timeline off the UI thread."""
        figures = stats_of_passages(document, passages)
        if not get_current_worker().is_cancelled:
            self.post_message(DocumentStatsReady(figures))

    @on(DocumentStatsReady)
    def _document_counted(self, event: DocumentStatsReady) -> None:
        reader = self.reader
        if reader.document is None or reader.document.id != event.figures.document:
            return
        self.timeline.show(event.figures)
        self.timeline.set_position(reader.passage)

    @on(TimelineStrip.Jump)
    def _timeline_clicked(self, event: TimelineStrip.Jump) -> None:
        if self.reader.document is not None:
            self.open_document(self.reader.document.id, event.passage)

    def action_timeline_jump(self, direction: int) -> None:
        """Move the reader a tenth of the document on (1) or back (-1) along the timeline."""
        strip, reader = self.timeline, self.reader
        if reader.document is None or not strip.turns:
            self.app.bell()
            return
        here = strip.position_of(reader.passage)
        target = strip.passage_at(here + direction * strip.length / 10)
        if target == reader.passage:
            target = strip.turn_after(reader.passage, direction) or reader.passage
        if target == reader.passage:
            self.app.bell()
            return
        self.open_document(reader.document.id, target)

    def action_stats(self) -> None:
        """Open the statistics: the open document's chart and figures, then the library's."""
        from sayso.tui.screens.stats import StatsScreen

        reader = self.reader
        figures = self.timeline.figures
        if reader.document is not None and (figures is None or figures.document != reader.document.id):
            figures = stats_of_passages(reader.document, reader.passages)
        self.app.push_screen(StatsScreen(self.library, figures if reader.document is not None else None))

    # -- jump list -----------------------------------------------------------------------
    def _current_position(self) -> Position | None:
        reader = self.reader
        if reader.document is None:
            return None
        return Position(reader.document.id, reader.passage, reader.sentence)

    def _go(self, position: Position | None) -> None:
        if position is None:
            self.app.bell()
            return
        self.open_document(position.doc_id, position.passage, position.sentence, record=False)

    def action_jump_back(self) -> None:
        """Return to where the reader was before the last jump (ctrl+o)."""
        self._go(self.jumps.back(self._current_position()))

    def action_jump_forward(self) -> None:
        """Undo a jump back (ctrl+n; ctrl+i is the tab key in most terminals)."""
        self._go(self.jumps.forward())

    # -- search ------------------------------------------------------------------------------
    @on(SearchPane.QueryChanged)
    def _query_changed(self, event: SearchPane.QueryChanged) -> None:
        self._meaning_query = None  # the meaning blend was for the query it was asked for
        self._request_search(event.query)

    def _next_serial(self) -> int:
        """Number a new search request: results of every earlier one are stale from now on."""
        self._search_serial += 1
        self._meaning_jobs.clear()
        return self._search_serial

    def _request_search(self, query: str) -> None:
        """Search for `query` now, or right after the search in flight; stale queries are dropped.

        The query meaning was asked for (ctrl+g) is searched by meaning again (after an import, a new lens).
        """
        serial = self._next_serial()
        if not query.strip():
            self._search_jobs.clear()
            self.search_pane.show_hits("", [], "type to search every document")
            return
        if query == self._meaning_query:
            self._request_meaning(query, serial)
            return
        lens = self.lens

        def search() -> SearchDone | SearchFailed | None:
            started = time.perf_counter()
            try:
                hits = self.library.search(query, limit=SEARCH_LIMIT, speaker=lens)
                elapsed = time.perf_counter() - started
                why = self.library.index.unmatched_facets(query, speaker=lens) if not hits else []
            except Exception as exc:  # a broken query or index must not take the app down
                LOG.exception("shown to the user as one line")
                return SearchFailed(query, visible(str(exc), keep_newlines=False))
            if self._search_jobs.waiting:  # a newer query is next: these results are stale
                return None
            return SearchDone(query, lens, hits, elapsed, serial=serial, why=why)

        self._search_jobs.submit("Cannot search", search)

    @on(SearchDone)
    def _search_done(self, event: SearchDone) -> None:
        if event.serial != self._search_serial:
            return  # a newer keystroke, meaning search or more-like-this was asked for since
        hits = event.hits
        count = f"{len(hits)}{'+' if len(hits) >= SEARCH_LIMIT else ''} result{'s' if len(hits) != 1 else ''}"
        how = " · words + meaning" if event.meaning else ""
        status = f"{count}{how} · {event.elapsed * 1000:.0f} ms" + (f" · lens: {event.lens}" if event.lens else "")
        if event.why:  # a speaker: or doc: named nobody and nothing: say so, and the closest names
            status = f"{count}: " + "; ".join(event.why)
        elif parse_query(event.query).unclosed:
            status += ' · a quote (") is not closed'  # (its value runs to the end of the line)
        self.search_pane.show_hits(event.query, hits, status)

    # -- meaning search and more like this ---------------------------------------------------
    @on(SearchPane.MeaningRequested)
    def _meaning_requested(self, event: SearchPane.MeaningRequested) -> None:
        self.search_by_meaning(event.query)

    def action_search_by_meaning(self) -> None:
        """Blend meaning hits into the results of the query in the search box (ctrl+g there)."""
        self.action_show_pane("search")
        self.search_by_meaning(self.search_pane.query_input.value)

    def search_by_meaning(self, query: str) -> None:
        """Blend passages close in meaning into `query`'s word hits, until the query is typed again."""
        if not query.strip():
            self.app.bell()
            self._say("Type a query first: ctrl+g then blends in passages close in meaning", title="Meaning search")
            return
        self._meaning_query = query
        self._request_meaning(query, self._next_serial())

    def _meaning_status(self, doing: str) -> str:
        """`doing`, or that the library's vectors are being built (the first meaning search takes seconds)."""
        if not self.library.meaning.in_use():
            return f"{doing}: building the library's meaning vectors (first time; may take a while)…"
        return f"{doing}…"

    def _meaning_unavailable(self) -> str | None:
        """Why meaning search found nothing it could have found: another sayso held the library when the
        vectors had to be built (the library searches the vectors as they are rather than wait)."""
        if not self.library.meaning.in_use() and self.library.passage_versions():
            return "the library is busy (another sayso is writing to it), so its meaning vectors are not built yet"
        return None

    def _request_meaning(self, query: str, serial: int) -> None:
        """Blend meaning hits into `query`'s word hits in the meaning lane; the word hits stay shown meanwhile."""
        lens = self.lens
        self.search_pane.set_status(self._meaning_status("words + meaning: searching"))

        def search() -> SearchDone | MeaningFailed | None:
            started = time.perf_counter()
            try:
                hits = self.library.search(query, limit=SEARCH_LIMIT, speaker=lens, meaning=True)
                problem = self._meaning_unavailable()
            except Exception as exc:  # a missing model or a broken index: one line, never a traceback
                LOG.exception("shown to the user as one line")
                problem = meaning_error(exc)
            if problem is not None:
                return MeaningFailed(visible(problem, keep_newlines=False), serial=serial)
            if self._meaning_jobs.waiting:
                return None
            return SearchDone(query, lens, hits, time.perf_counter() - started, meaning=True, serial=serial)

        self._meaning_jobs.submit("Cannot search by meaning", search)

    def under_cursor(self) -> Hit | Quote | Passage | None:
        """What the user is on: the highlighted search hit (the results list focused), the highlighted quote
        (the Quotes pane shown), else the reader's current turn; None with nothing open."""
        search = self.search_pane
        if self.pane == "search" and search.hits and search.results.has_focus:
            index = search.results.highlighted
            if index is not None and index < len(search.hits):
                return search.hits[index]
        if self.pane == "quotes":
            return self.quotes_pane.quote_list.highlighted_quote
        reader = self.reader
        if reader.document is not None and reader.passages:
            return reader.passages[reader.passage]
        return None

    def _like_source(self) -> tuple[str, str | Quote] | None:
        """What more-like-this starts from: (words shown in the status, a passage id or a quote)."""
        target = self.under_cursor()
        if isinstance(target, Hit):
            return target.text, target.passage
        if isinstance(target, Quote):
            return target.exact, target
        if isinstance(target, Passage):
            return target.text, target.id
        return None

    def _quote_passage(self, quote: Quote) -> str:
        """The id of the passage holding `quote` (by its position when the quote names none)."""
        passages = self.library.passages(quote.document)
        if quote.passage and any(p.id == quote.passage for p in passages):
            return quote.passage
        holding = [p for p in passages if p.offset <= quote.start]
        if not holding:
            raise SaysoError("the quote's passage is not in its document any more")
        return holding[-1].id

    def action_more_like_this(self) -> None:
        """List the passages closest in meaning to the reader's turn, the highlighted hit or quote, by anyone."""
        source = self._like_source()
        if source is None:
            self.app.bell()
            self._say(
                "Nothing to compare: open a document, or highlight a search hit or a quote.", title="More like this"
            )
            return
        words, start = source
        words = short(" ".join(words.split()), 24)
        serial = self._next_serial()
        self._search_jobs.clear()
        self._meaning_query = None
        self.action_show_pane("search")
        self.search_pane.set_status(self._meaning_status(f"like “{words}”: searching"))

        def find() -> SimilarFound | MeaningFailed | None:
            started = time.perf_counter()
            try:
                passage = start if isinstance(start, str) else self._quote_passage(start)
                hits = self.library.similar(passage, limit=LIKE_LIMIT)
                problem = self._meaning_unavailable()
            except Exception as exc:  # as for meaning search: one line
                LOG.exception("shown to the user as one line")
                problem = meaning_error(exc)
            if problem is not None:
                return MeaningFailed(visible(problem, keep_newlines=False), serial=serial)
            if self._meaning_jobs.waiting:
                return None
            return SimilarFound(passage, words, hits, time.perf_counter() - started, serial=serial)

        self._meaning_jobs.submit("Cannot find more like this", find)

    @on(SimilarFound)
    def _similar_found(self, event: SimilarFound) -> None:
        if event.serial != self._search_serial:
            return
        hits = event.hits
        # Read as a phrase ("12 passages like “…”"), so that a narrow pane cuts only the timing.
        count = f"{len(hits)} passage{'s' if len(hits) != 1 else ''}"
        status = f"{count} like “{event.words}” · {event.elapsed * 1000:.0f} ms"
        pane = self.search_pane
        pane.show_hits("", hits, status)
        if hits:
            pane.results.focus()

    @on(MeaningFailed)
    def _meaning_failed(self, event: MeaningFailed) -> None:
        if event.serial != self._search_serial:
            return
        self._meaning_query = None
        self._say(f"Meaning search unavailable: {event.error}", title="Meaning search", severity="warning")
        # Back to word search for what is typed, which stays usable.
        self._request_search(self.search_pane.query_input.value)

    @on(SearchFailed)
    def _search_failed(self, event: SearchFailed) -> None:
        self.search_pane.set_status(f"search failed: {event.error}")

    @on(SearchPane.HitChosen)
    def _open_hit(self, event: SearchPane.HitChosen) -> None:
        self.return_to = ReturnTo("search", event.index)
        self.open_document(event.hit.document, event.hit.index, hit=event.hit)

    def action_next_hit(self, step: int) -> None:
        """Open the next (or previous) search result in the reader."""
        search = self.search_pane
        if not search.hits:
            self.app.bell()
            return
        current = search.results.highlighted or 0
        index = (current + step) % len(search.hits)
        search.results.highlighted = index
        self.return_to = ReturnTo("search", index)
        hit = search.hits[index]
        self.open_document(hit.document, hit.index, hit=hit)

    # -- people --------------------------------------------------------------------------------
    @on(SpeakersPane.EditPerson)
    def _edit_person(self, event: SpeakersPane.EditPerson) -> None:
        from sayso.tui.screens.person_dialog import PersonDialog

        known = [s.name for s in self.speakers if not s.unnamed]
        self.app.push_screen(PersonDialog(self.library, event.speaker, known), self._people_changed)

    @on(SpeakersPane.UndoPeople)
    def _undo_people(self) -> None:
        self.undo_people()

    @work(thread=True, exclusive=True, group="people")
    def undo_people(self) -> None:
        """Take back the latest change to people (Speakers pane `u`), off the UI thread."""
        try:
            undone = self.library.people.undo()
        except SaysoError as exc:
            self.app.call_from_thread(self._say, visible(str(exc), keep_newlines=False), title="People")
            return
        self.app.call_from_thread(self._people_changed, f"Undone: {undone}")

    def _people_changed(self, description: str | None) -> None:
        """Names changed in passages, quotes and the register: re-read them, and the open document."""
        if not description:
            return
        self.cache.clear()
        self.reload()
        reader = self.reader
        if reader.document is not None:
            self._load_document(reader.document.id, Destination(reader.passage, reader.sentence))
        self.refresh_quote_list()
        self._say(visible(description, keep_newlines=False), title="People")

    # -- speaker lens --------------------------------------------------------------------------
    def _lens_documents(self) -> set[str] | None:
        if self.lens is None:
            return None
        speaker = next((s for s in self.speakers if s.name == self.lens), None)
        return set(speaker.documents) if speaker else None

    @on(SpeakersPane.LensChosen)
    def _lens_chosen(self, event: SpeakersPane.LensChosen) -> None:
        self.set_lens(event.name)

    def set_lens(self, name: str | None) -> None:
        """Narrow the reader, the documents list and search to one speaker (None clears)."""
        if name == self.lens:
            return
        self.lens = name
        self.reader.set_lens(name)
        self.query_one(DocumentsPane).show_documents(self.documents, self._lens_documents())
        self.query_one(SpeakersPane).show_speakers(self.speakers, name)
        self.query_one(PaneBar).set_state(self.pane, name)
        if self.search_pane.shown_query:
            self._request_search(self.search_pane.shown_query)
        if name:
            self.app.notify(
                f"Showing only {visible(name, keep_newlines=False)}'s turns; x clears the lens", markup=False
            )
        self.refresh_bindings()

    def action_clear_lens(self) -> None:
        self.set_lens(None)

    # -- going back ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_lens":
            return self.lens is not None
        if action == "back":
            return self.pane in ("reader", "search") or self.lens is not None
        if action == "search":
            return self._search_key_is_free()
        if action == "leave_query":
            return (self.pane == "search" and self.search_pane.query_input.has_focus) or (
                self.pane == "quotes" and self.quotes_pane.filter_input.has_focus
            )
        return True

    def _search_key_is_free(self) -> bool:
        """Whether the search key (`/`, or what the config remaps it to) opens the search box now: not while
        text is typed, where it is a character, nor where the focused pane has a use of its own for that key
        (the Quotes list filters with `/`).  It is a priority binding, checked before the panes' own."""
        focused = self.focused
        if focused is None:
            return True
        if isinstance(focused, (Input, TextArea)):
            return False
        keys = {
            key for key, found in self._bindings.key_to_bindings.items() if any(b.action == "search" for b in found)
        }
        node: DOMNode | None = focused
        while node is not None and node is not self:
            if keys & node._bindings.key_to_bindings.keys():
                return False
            node = node.parent
        return True

    def action_leave_query(self) -> None:
        """Leave the query box (or the Quotes filter), so that the next keys are keys again and not query text:
        for the results if there are any, else for what was being read (the quotes listed, for the filter).
        Focused at once, not after the keys already typed."""
        if self.pane == "quotes":
            self._focus_now(self.quotes_pane.quote_list)
            return
        search = self.search_pane
        if search.hits:
            self._focus_now(search.results)
        else:
            pane = "reader" if self.reader.document is not None else "documents"
            self._reveal_pane(pane)
            self._focus_now(self._pane_widget(pane))

    def _focus_now(self, widget: Widget) -> None:
        """Focus `widget` before the keys already typed are handed on (`focus()` waits for them)."""
        self.set_focus(widget)
        if self.focused is not widget:  # (not focusable this moment: as soon as it is)
            widget.focus()

    def action_back(self) -> None:
        """Leave the reader for where it was opened from; else clear the lens."""
        if self.pane == "reader":
            self.action_show_pane(self.return_to.pane)
            if self.return_to.pane == "search":
                self.search_pane.results.focus()
                index = self.return_to.row
                if index is not None and index < len(self.search_pane.hits):
                    self.search_pane.results.highlighted = index
            return
        search = self.search_pane
        if self.pane == "search" and search.query_input.has_focus:
            self.action_leave_query()
            return
        if self.lens is not None:
            self.set_lens(None)
        elif self.pane == "search" and search.hits and not search.results.has_focus:
            search.results.focus()
        elif self.pane == "search":
            # From the results (of a search, a meaning search or more like this): back to what was being read.
            self.action_show_pane("reader" if self.reader.document is not None else "documents")

    # -- import, export and citations -----------------------------------------------------------------
    def action_import(self) -> None:
        from sayso.tui.screens.import_dialog import ImportDialog

        def done(report: object) -> None:
            if report is not None:
                self.reload()

        self.app.push_screen(ImportDialog(self.library), done)

    def action_export(self) -> None:
        """Export quotes: format, filter, destination and a preview, starting from the Quotes pane's filter."""
        from sayso.tui.screens.export_dialog import ExportDialog

        self.app.push_screen(
            ExportDialog(
                self.library,
                filter_line=self.quotes_pane.line,
                style=getattr(self.app, "export_style", None),
                remembering=bool(getattr(self.app, "remember_choices", False)),
                locale=getattr(self.app, "export_locale", None),
                cite=getattr(self.app, "export_cite", None),
                quote=self.quote_under_cursor(),
            )
        )

    def quote_under_cursor(self) -> Quote | None:
        """The quote highlighted in the Quotes pane when it is shown, else the one under the reader's cursor."""
        if self.pane == "quotes":
            return self.quotes_pane.quote_list.highlighted_quote
        return self.reader.quote_here() if self.reader.document is not None else None

    @on(DocumentsPane.EditCitation)
    def _edit_citation(self, event: DocumentsPane.EditCitation) -> None:
        event.stop()
        self.open_citation_dialog(event.doc_id)

    def action_edit_citation(self) -> None:
        """The citation of the open document when reading, else of the highlighted one."""
        reader_doc = self.reader.document
        highlighted = self.query_one(DocumentsPane).highlighted_id
        doc_id = (
            reader_doc.id
            if reader_doc is not None and (self.pane != "documents" or highlighted is None)
            else highlighted
        )
        if doc_id is None:
            self.app.bell()
            self.app.notify("No document to cite yet: import one first (i).", markup=False)
            return
        self.open_citation_dialog(doc_id)

    def open_citation_dialog(self, doc_id: str) -> None:
        doc = self.document(doc_id)
        if doc is None:
            self.app.bell()
            return
        dialog = CitationDialog(
            self.library,
            doc,
            style=getattr(self.app, "export_style", None),
            locale=getattr(self.app, "export_locale", None),
        )
        self.app.push_screen(dialog, self._citation_saved)

    def _citation_saved(self, doc: Document | None) -> None:
        if doc is None:
            return
        before = self.document(doc.id)
        if before is not None and (before.text_hash != doc.text_hash or before.labels != doc.labels):
            # Re-imported with other speaker labels: passages, speakers and hits all change.
            self._reimported(doc)
            return
        self.documents = [doc if d.id == doc.id else d for d in self.documents]
        self.query_one(DocumentsPane).show_documents(self.documents, self._lens_documents())
        reader = self.reader
        if reader.document is not None and reader.document.id == doc.id:
            reader.document = doc
            self._set_reader_title()
        if self.search_pane.shown_query:
            self._request_search(self.search_pane.shown_query)  # hits show the new title
        self.refresh_quote_list()
        self.app.notify(f"Citation saved: {visible(doc.title, keep_newlines=False)}", title="Citation", markup=False)

    # -- quotes: saying what happened ----------------------------------------------------------------------------
    def _say(self, message: str, *, title: str = "", severity: SeverityLevel = "information") -> None:
        self.app.notify(message, title=title, severity=severity, markup=False)

    def _failed(self, what: str, error: str) -> None:
        self._say(f"{what}: {visible(error, keep_newlines=False)}", title="Quotes", severity="error")

    @on(JobFailed)
    def _job_failed(self, event: JobFailed) -> None:
        self._failed(event.what, event.error)

    def quotes_changed(self) -> None:
        """Redraw the quotes in the reader and the Quotes pane after any change."""
        self._quotes_stamp = self._quotes_file_stamp()
        if self.reader.document is not None:
            self.quote_desk.reader_quotes(self.reader.document.id)
        self.refresh_quote_list()

    def _quotes_file_stamp(self) -> tuple[int, int, int] | None:
        if self.library.server is not None:
            return None  # an archive's quotes are followed by the QuoteFeed (and no query runs on the UI thread)
        return file_stamp(self.library.quotes.path)

    def _watch_files(self) -> None:
        """Follow another sayso's changes to quotes.json and library.json."""
        self._watch_quotes_file()
        self._watch_library_file()

    def _watch_quotes_file(self) -> None:
        """quotes.json replaced (by another sayso, e.g. `sayso quote rm`): redraw the marks, the note strip and the list."""
        stamp = self._quotes_file_stamp()
        if stamp != self._quotes_stamp:
            self._quotes_stamp = stamp
            self.quotes_changed()

    # -- other members' changes (a shared archive) ---------------------------------------------------------------
    @on(QuoteFeedNews)
    def _feed_news(self) -> None:
        """A change was heard: take it, and whatever follows it within FEED_DEBOUNCE, in one refresh."""
        if self._feed_timer is None:
            self._feed_timer = self.set_timer(FEED_DEBOUNCE, self._take_feed)

    def _take_feed(self) -> None:
        self._feed_timer = None
        changes = self.quote_feed.take()
        if self.quote_feed.take_resync() and not changes:
            self.quotes_changed()  # (back after an outage: read again, nothing to announce)
            return
        if not changes:
            return
        self.quotes_changed()
        self._feed_untold += changes
        wait = self._feed_told_at + FEED_NOTICE_GAP - time.monotonic()
        if wait <= 0:
            self._tell_feed()
        elif self._feed_notice_timer is None:
            self._feed_notice_timer = self.set_timer(wait, self._tell_feed)

    def _tell_feed(self) -> None:
        """Say who added, changed or removed quotes since the last notice (the user's own changes are not told)."""
        self._feed_notice_timer = None
        line = summarise(self._feed_untold, self.quote_feed.me)
        self._feed_untold = []
        if line:
            self._feed_told_at = time.monotonic()
            self._say(line, title="Team")

    @on(QuoteFeedTrouble)
    def _feed_trouble(self, event: QuoteFeedTrouble) -> None:
        self._say(
            f"Other members' quotes will not arrive live for now: {visible(event.error, keep_newlines=False)}",
            title="Team",
            severity="warning",
        )

    def _watch_library_file(self) -> None:
        """library.json replaced (another sayso imported or edited documents): re-read documents and speakers."""
        stamp = file_stamp(self.library.store.library_path)
        if stamp != self._library_stamp:
            self._library_stamp = stamp
            self.reload()

    # -- quotes in the reader -------------------------------------------------------------------------------------
    @on(QuoteReader.DocumentShown)
    def _document_shown(self, event: QuoteReader.DocumentShown) -> None:
        self.quote_desk.reader_quotes(event.doc_id)

    @on(ReaderQuotesRead)
    def _reader_quotes_read(self, event: ReaderQuotesRead) -> None:
        self.reader.show_quotes(event.doc_id, event.quotes)

    @on(QuoteReader.Keep)
    def _keep(self, event: QuoteReader.Keep) -> None:
        self.keep_quote(event.shown)

    def keep_quote(self, shown: ShownWords) -> None:
        """Save a new quote of the words `shown`; "Quote saved" only once it is on disk."""
        self.quote_desk.keep(shown)

    @on(QuoteKept)
    def _quote_kept(self, event: QuoteKept) -> None:
        self._say(f"Quote saved: \u201c{short(event.quote.exact)}\u201d (a adds a note, u undoes)")
        self.quotes_pane.highlight_when_listed(event.quote.id)
        self.quotes_changed()

    @on(ShownTextChanged)
    def _shown_text_changed(self, event: ShownTextChanged) -> None:
        self.refresh_document(event.doc_id)
        if event.placed:
            self._say(
                "The document was re-imported since it was shown: the quote is on the same words in the new text",
                title="Quotes",
                severity="warning",
            )

    @on(QuoteReader.Annotate)
    def _annotate(self, event: QuoteReader.Annotate) -> None:
        target = NoteTarget.of_quote(event.quote) if event.quote else NoteTarget(event.shown)
        self.quote_desk.open_note(NoteRequest(target))

    @on(QuoteReader.Copy)
    def _copy_from_reader(self, event: QuoteReader.Copy) -> None:
        self.quote_desk.copy(event.quote, event.document, event.passages)

    @on(QuoteReader.StatusChanged)
    def _reader_status(self, event: QuoteReader.StatusChanged) -> None:
        reader = self.reader
        placing = reader.placing
        if placing is not None and (reader.document is None or placing.document != reader.document.id):
            placing = None
        self.quote_strip.show_reader(event.quote, event.selecting, placing)

    @on(QuoteReader.Reattach)
    def _reattach(self, event: QuoteReader.Reattach) -> None:
        self.quote_desk.reattach(event.quote, event.start, event.end)

    # -- the note editor -------------------------------------------------------------------------------------------
    @on(NoteEditorReady)
    def _open_note_editor(self, event: NoteEditorReady) -> None:
        request = event.request
        editor = NoteEditor(
            request.target,
            self,
            note=request.note,
            tags=request.tags,
            known_tags=request.known_tags,
            focus_tags=request.focus_tags,
            draft_key=request.draft_key,
            notice=request.notice,
            team=request.team,
            user=request.user,
        )
        self.app.push_screen(editor, lambda result: self._note_done(editor, result))

    @on(NoteEditor.SaveRequested)
    def _save_note(self, event: NoteEditor.SaveRequested) -> None:
        self.quote_desk.save_note(event.editor, event.target, event.result, event.draft_keys)

    @on(NoteEditor.DraftTyped)
    def _keep_draft(self, event: NoteEditor.DraftTyped) -> None:
        self.quote_desk.keep_draft(event.target, event.note, event.tags)

    @on(NoteEditor.LaterRequested)
    def _keep_for_later(self, event: NoteEditor.LaterRequested) -> None:
        self.quote_desk.keep_for_later(event.editor, event.target, event.note, event.tags)

    def _note_done(self, editor: NoteEditor, result: NoteResult | None) -> None:
        """The editor closed: saved (say so), kept for later, or cancelled (its drafts are discarded)."""
        if result is None:
            if not editor.kept_for_later:
                self.quote_desk.discard_drafts(editor.draft_keys)
                if editor.discarded:
                    self._say("Draft discarded", title="Drafts")
            theirs = editor.kept_theirs
            if theirs is not None:
                who = short(theirs.modified_by or "someone", 30)
                self._say(f"Kept {who}'s version of the note; yours is in the quote's history", title="Quotes")
                self.quotes_changed()
            return
        quote = result.quote
        if quote is None:
            return
        if editor.target.quote is not None:
            self._say(f"Note saved for \u201c{short(quote.exact, 40)}\u201d")
        else:
            self._say(f"Quote saved with its note: \u201c{short(quote.exact, 40)}\u201d")
        self.quotes_changed()

    # -- copying -----------------------------------------------------------------------------------------------------
    @on(ClipboardReady)
    def _clipboard_ready(self, event: ClipboardReady) -> None:
        self.put_on_clipboard(event.text, event.words)

    # -- the recording -------------------------------------------------------------------------------------------
    def _moment(self) -> tuple[str, float | None] | None:
        """The document and time of what is under the cursor (`under_cursor`)."""
        target = self.under_cursor()
        if isinstance(target, Hit):
            return target.document, target.start
        if isinstance(target, Quote):
            return target.document, target.timestamp
        if isinstance(target, Passage):
            return target.document, target.start
        return None

    def action_play(self) -> None:
        """Play the recording from the moment under the cursor with mpv, or copy a link to that moment."""
        moment = self._moment()
        if moment is None:
            self.app.bell()
            self._say("Nothing to play: open a document, or highlight a search hit or a quote.", title="Play")
            return
        doc_id, seconds = moment
        doc = self.document(doc_id)
        title = short(doc.title if doc is not None else doc_id, 40)
        if doc is None or not doc.media:
            self.app.bell()
            self._say(f"“{title}” names no recording: sayso doc edit {doc_id[:8]} --media FILE_OR_URL", title="Play")
            return
        if seconds is None:
            self.app.bell()
            self._say(f"“{title}” has no timestamp here; sayso does not guess a moment.", title="Play")
            return
        at = format_timestamp(seconds)
        outcome = self.player.play(doc.media, seconds)
        if outcome.played:
            self._say(f"Playing “{title}” from {at} (mpv; p again plays another moment)", title="Play")
            return
        self.put_on_clipboard(outcome.link, outcome.link, shown=f"a link to {at} in “{title}” ({outcome.reason})")

    def on_unmount(self) -> None:
        self.player.stop()  # no player outlives sayso
        self.quote_feed.stop()  # nor a listener on the archive

    def put_on_clipboard(self, text: str, words: str, *, shown: str | None = None) -> None:
        """Send `text` through OSC 52 and/or to the fallback file; say which (`shown`: what it is)."""
        plan = clipboard_plan(self.library.data_dir)
        sent = False
        problem = plan.reason
        if plan.osc52:
            try:
                self.app.copy_to_clipboard(text)
                sent = True
            except Exception as exc:  # a broken terminal: fall back to the file
                LOG.exception("shown to the user as one line")
                problem = f"the terminal refused the copy ({exc})"
        path = plan.file
        if path is None and not sent:
            path = self.library.data_dir / CLIPBOARD_FILE
        shown = shown or f"\u201c{short(words, 48)}\u201d with its citation"
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

    # -- the Quotes pane ----------------------------------------------------------------------------------------------
    def action_show_quotes(self) -> None:
        """Show the Quotes pane."""
        self.action_show_pane("quotes")

    @on(QuotesPane.FilterChanged)
    def _filter_changed(self, event: QuotesPane.FilterChanged) -> None:
        self.refresh_quote_list(event.line)

    def refresh_quote_list(self, line: str | None = None) -> None:
        """Fetch the quotes for the Quotes pane's filter (`line`, else the one typed)."""
        self.quote_desk.list_quotes(self.quotes_pane.line if line is None else line)

    @on(QuotesPane.PersonWanted)
    def _person_wanted(self) -> None:
        self.quote_desk.people()

    def action_filter_by_person(self) -> None:
        """Show the Quotes pane and choose whose quotes it lists."""
        self.action_show_pane("quotes")
        self.quote_desk.people()

    @on(PeopleListed)
    def _people_listed(self, event: PeopleListed) -> None:
        from sayso.corpus.query import parse_quote_filter
        from sayso.tui.screens.person_filter import PersonFilter, by_facet

        def chosen(person: str | None) -> None:
            if person is None:
                return
            self.action_show_pane("quotes")
            self.quotes_pane.set_person(by_facet(person))
            self.quotes_pane.quote_list.focus()

        current = parse_quote_filter(self.quotes_pane.line).by
        self.app.push_screen(PersonFilter(event.people, event.me, current), chosen)

    @on(QuotesListed)
    def _quotes_listed(self, event: QuotesListed) -> None:
        for problem in event.problems:  # quote rows that could not be read: said once per session
            if problem not in self._quote_problems_shown:
                self._quote_problems_shown.add(problem)
                self._say(visible(problem, keep_newlines=False), title="Quotes", severity="warning")
        pane = self.quotes_pane
        if pane.line == event.line:
            pane.show_quotes(
                event.quotes,
                {d.id: d.title for d in self.documents},
                matching=event.matching,
                error=event.error,
                any_quotes=event.any_quotes,
            )

    @on(QuotesPane.Highlighted)
    def _quote_highlighted(self, event: QuotesPane.Highlighted) -> None:
        """While the Quotes pane has focus, the strip tells why the highlighted quote needs review."""
        if self.quotes_pane.quote_list.has_focus:
            self._show_review(event.quote)

    def _show_review(self, quote: Quote | None) -> None:
        if self.quote_strip.show_review(quote):
            self.reader.refresh_status()

    @on(QuotesPane.GoTo)
    def _go_to_quote(self, event: QuotesPane.GoTo) -> None:
        self.jump_to_quote(event.quote)

    @on(QuotesPane.EditNote)
    def _edit_note(self, event: QuotesPane.EditNote) -> None:
        self.quote_desk.open_note(NoteRequest(NoteTarget.of_quote(event.quote)))

    @on(QuotesPane.EditTags)
    def _edit_tags(self, event: QuotesPane.EditTags) -> None:
        self.quote_desk.open_note(NoteRequest(NoteTarget.of_quote(event.quote), focus_tags=True))

    @on(QuotesPane.Delete)
    def _delete_quote(self, event: QuotesPane.Delete) -> None:
        self.quote_desk.delete(event.quote)

    @on(QuoteDeleted)
    def _quote_deleted(self, event: QuoteDeleted) -> None:
        self._say(f"Deleted quote \u201c{short(event.quote.exact, 40)}\u201d (u undoes)")
        self.quotes_changed()

    @on(QuotesPane.Copy)
    def _copy_from_list(self, event: QuotesPane.Copy) -> None:
        self.quote_desk.copy(event.quote)

    @on(QuotesPane.AcceptSuggestion)
    def _accept_suggestion(self, event: QuotesPane.AcceptSuggestion) -> None:
        self.settle_quote("accept", event.quote)

    @on(QuotesPane.KeepDetached)
    def _keep_detached(self, event: QuotesPane.KeepDetached) -> None:
        self.settle_quote("detach", event.quote)

    def jump_to_quote(self, quote: Quote) -> None:
        """Open the quote's document at its words; a quote needing review opens for placing by hand."""
        if quote.status == "anchored":
            self.reader.set_placing(None)
        if self.document(quote.document) is None:
            self._failed("Cannot open the quote", "its document is no longer in the library")
            return
        self.quote_desk.locate(quote, placing=quote.status != "anchored")

    @on(QuoteLocated)
    def _quote_located(self, event: QuoteLocated) -> None:
        quote, passages = event.quote, event.passages
        if not event.placing:
            hit = span_hit(passages, quote, quote.start, quote.end, self._title(quote.document))
            self.return_to = ReturnTo("quotes")
            self.open_document(quote.document, hit.index, hit=hit)
            return
        self._place_quote(quote, passages)

    # -- quotes needing review ------------------------------------------------------------------------------------
    def settle_quote(self, action: str, quote: Quote) -> None:
        """Carry out `action` ("accept" or "detach") on a quote needing review."""
        if quote.status == "anchored":
            self._say(f"Quote {short_id(quote)} is anchored: nothing to review")
            return
        if action == "accept":
            if not quote.suggestion:
                self._say(
                    "No suggested place for this quote: enter opens its document, "
                    "v selects the new words and r re-attaches",
                    severity="warning",
                )
                return
            self.quote_desk.accept(quote)
            return
        if quote.detached:
            self._say(f"Quote {short_id(quote)} is already kept detached")
            return
        self.quote_desk.detach(quote)

    @on(QuoteSettled)
    def _quote_settled(self, event: QuoteSettled) -> None:
        done = event.quote
        reader = self.reader
        if reader.placing is not None and reader.placing.id == done.id:
            reader.set_placing(None)  # settled some other way: the reader stops placing it
        if event.how == "accepted":
            self._say(f"Re-attached \u201c{short(done.exact, 40)}\u201d to the suggested place (u undoes)")
        elif event.how == "detached":
            self._say(f"Kept \u201c{short(done.exact, 40)}\u201d detached: its words stay, unplaced (u undoes)")
        else:
            self._say(f"Re-attached quote {short_id(done)} to \u201c{short(done.exact, 40)}\u201d (u undoes)")
        self.quotes_changed()

    def _place_quote(self, quote: Quote, passages: list[Passage]) -> None:
        """Open the quote's document at its suggested (else stored) place, with the reader placing it.

        The suggested words start out selected, so `r` re-attaches the quote to
        exactly them (v, w/b and j/k change the selection first).
        """
        if quote.suggestion:
            start, end = int(quote.suggestion["start"]), int(quote.suggestion["end"])
        else:
            start, end = quote.start, quote.end
        size = len(document_text(passages))
        start, end = max(0, min(start, size)), max(0, min(end, size))
        hit = span_hit(passages, quote, start, end, self._title(quote.document))
        self.return_to = ReturnTo("quotes")
        # Shown at once from these passages (not reloaded in a worker), so the selection below sticks.
        self.cache.put(quote.document, passages)
        self.open_document(quote.document, hit.index, hit=hit)
        reader = self.reader
        suggested = (
            quote.suggestion is not None
            and end > start
            and reader.document is not None
            and reader.document.id == quote.document
            and document_text(reader.passages)[start:end] == str(quote.suggestion.get("exact", ""))
        )
        reader.set_placing(quote)
        if suggested:
            reader.select(start, end)
            where = "the suggested words are selected: r re-attaches to them, v/w/b/j/k change the selection"
        elif quote.suggestion:
            where = "the suggested place is marked; v selects the new words, r re-attaches them"
        else:
            where = "no suggestion; its old place is shown; v selects the new words, r re-attaches them"
        self._say(f"Placing quote {short_id(quote)}: {where} (u undoes)", title="Needs review")

    def action_review_quotes(self) -> None:
        """Show the Quotes pane filtered to the quotes needing review."""
        self.action_show_pane("quotes")
        pane = self.quotes_pane
        pane.filter_input.value = "is:review"
        pane.quote_list.focus()

    def action_review_settle(self, action: str) -> None:
        """Accept the suggestion for (or keep detached) the quote highlighted in the Quotes pane."""
        quote = self.quotes_pane.quote_list.highlighted_quote
        if quote is None:
            self._say("Highlight a quote needing review in the Quotes pane first (5, then is:review)")
            return
        self.settle_quote(action, quote)

    # -- undo and redo ----------------------------------------------------------------------------------------------
    def action_undo_quote(self) -> None:
        """Take back the latest quote action of this session."""
        self.quote_desk.undo("undo")

    def action_redo_quote(self) -> None:
        """Do again the latest undone quote action."""
        self.quote_desk.undo("redo")

    @on(QuoteUndone)
    def _quote_undone(self, event: QuoteUndone) -> None:
        if event.label is None:
            self._say(f"Nothing to {event.which} in this session")
            return
        self._say(f"{'Undone' if event.which == 'undo' else 'Redone'}: {event.label}")
        self.quotes_changed()

    # -- drafts -------------------------------------------------------------------------------------------------------
    def _report_draft_problems(self, problems: list[str]) -> None:
        for problem in problems:
            self._say(visible(problem, keep_newlines=False), title="Drafts", severity="error")

    @on(DraftsFound)
    def _drafts_found(self, event: DraftsFound) -> None:
        """Say so when notes were left unsaved (a hangup, a failed save, kept for later); R reopens them."""
        self._report_draft_problems(event.problems)
        n = event.count
        if n:
            self._say(
                f"{n} unsaved note{'s' if n != 1 else ''} from last time: press R to reopen "
                f"{'it' if n == 1 else 'them'}",
                title="Drafts",
                severity="warning",
            )

    def action_restore_drafts(self) -> None:
        """Reopen the next unsaved draft: in the note editor when its words are found, else in the draft dialog."""
        self.quote_desk.next_draft(self._drafts_later)

    @on(DraftPlaced)
    def _draft_placed(self, event: DraftPlaced) -> None:
        self._report_draft_problems(event.problems)
        found = event.draft
        if found is None:
            self._say("No unsaved notes to reopen")
            return
        key = found.key if isinstance(found, StrandedDraft) else found.draft.key
        if key in self._drafts_later:  # every draft was put off this session: go round again
            self._drafts_later.clear()
        if isinstance(found, StrandedDraft):
            self.app.push_screen(DraftDialog(found), lambda choice: self._draft_chosen(found, choice))
            return
        self._reopen(found)

    def _reopen(self, placed: PlacedDraft) -> None:
        draft = placed.draft
        self.quote_desk.open_note(
            NoteRequest(placed.target, note=draft.text, tags=draft.tags, draft_key=draft.key, notice=placed.notice)
        )

    def _draft_chosen(self, draft: StrandedDraft, choice: str | None) -> None:
        """Carry out the user's choice for a draft that cannot be placed."""
        if choice == DETACH:
            self.quote_desk.keep_stranded(draft)
        elif choice == COPY:
            self._drafts_later.add(draft.key)
            self.put_on_clipboard(draft.text, draft.text)
        elif choice == DISCARD:
            self.quote_desk.discard_stranded(draft)
        else:
            self._drafts_later.add(draft.key)
            self._say("Draft kept for later: R shows it again")

    @on(DraftKeptDetached)
    def _draft_kept_detached(self, event: DraftKeptDetached) -> None:
        self._say(
            f"Kept as a detached quote with its note: \u201c{short(event.quote.exact, 40)}\u201d "
            "(Quotes pane; u undoes)"
        )
        self.quotes_changed()

    @on(DraftDiscarded)
    def _draft_discarded(self, event: DraftDiscarded) -> None:
        self._say("Draft discarded")
