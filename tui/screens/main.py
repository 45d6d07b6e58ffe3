"""MainScreen: the side panes and the reader, and every decision about what they show.

Widgets only post messages; this screen handles them and calls `corpus` from
thread workers (the library, the search index, a document's passages), posting
results back to the widgets.  It also owns the speaker lens, the way back from
a search hit, the jump list and the responsive layout classes.
"""

from __future__ import annotations

import gc
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from corpus.errors import SaysoError
from corpus.importers.grammar import describe
from corpus.library import Library
from corpus.models import Document, Hit, Passage, Speaker
from corpus.safety import visible
from tui.screens.citation_dialog import CitationActions
from tui.screens.quote_actions import QuoteActions
from tui.screens.review_actions import ReviewActions
from tui.widgets.documents import DocumentsPane
from tui.widgets.key_hints import KeyHints
from tui.widgets.pane_bar import PANES, PaneBar
from tui.widgets.pane_list import plain
from tui.widgets.quote_reader import QuoteReader
from tui.widgets.quotes_pane import QuotesPane
from tui.widgets.search import SearchPane
from tui.widgets.speakers import SpeakersPane
from tui.widgets.status_line import StatusLine
from tui.widgets.transcript import Mark, TranscriptView

#: Below this size the screen shows a "too small" message instead of the panes.
MIN_WIDTH, MIN_HEIGHT = 40, 10
#: Below this width the side panes and the reader take turns (tabs) instead of sitting side by side.
NARROW_WIDTH = 100
#: Results fetched per query.
SEARCH_LIMIT = 100
#: Documents with at least this many turns are frozen out of the garbage collector's full
#: passes once loaded (a 25,000-turn transcript made them stall frames by ~100 ms).
FREEZE_PASSAGES = 5000
#: A cursor move longer than this many turns is recorded in the jump list.
JUMP_DISTANCE = 10
#: Documents whose passages stay in memory, so jumping back is instant.
CACHED_DOCUMENTS = 4


@dataclass(frozen=True)
class Position:
    """A place in the library the jump list can return to."""

    doc_id: str
    passage: int
    sentence: int


class MainScreen(CitationActions, QuoteActions, ReviewActions, Screen[None]):
    """Documents, Speakers and Search beside the Reader (or as tabs on narrow terminals)."""

    BINDINGS: list[BindingType] = [
        Binding("tab", "next_pane", "Next pane", show=False, id="main.next_pane"),
        Binding("shift+tab", "previous_pane", "Previous pane", show=False, id="main.previous_pane"),
        Binding("1", "show_pane('documents')", "Documents", show=False, id="main.documents"),
        Binding("2", "show_pane('speakers')", "Speakers", show=False, id="main.speakers"),
        Binding("3", "show_pane('search')", "Search pane", show=False, id="main.search_pane"),
        Binding("4", "show_pane('reader')", "Reader", show=False, id="main.reader"),
        Binding("slash", "search", "Search", id="main.search"),
        Binding("escape", "back", "Back", id="main.back"),
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
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.documents: list[Document] = []
        self.speakers: list[Speaker] = []
        self.lens: str | None = None
        self.pane = "documents"
        self.loaded = False
        self._return_to: tuple[str, int | None] | None = None
        self._jumps: list[Position] = []
        self._jump_at = 0
        self._last_cursor: Position | None = None
        self._jumping = False
        self._passages: OrderedDict[str, list[Passage]] = OrderedDict()
        self._search_lock = threading.Lock()
        self._search_pending: tuple[str, str | None] | None = None
        self._search_busy = False

    # -- layout ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield PaneBar(id="pane-bar")
        with Horizontal(id="body"):
            with ContentSwitcher(id="sidebar", initial="documents"):
                yield DocumentsPane(id="documents")
                yield SpeakersPane(id="speakers")
                yield SearchPane(id="search")
                yield QuotesPane(id="quotes")
            with Vertical(id="reader"):
                yield StatusLine(id="reader-title")
                yield QuoteReader(id="transcript")
                yield Static("", id="quote-strip", classes="-empty", markup=False)
        yield Static("", id="too-small", markup=False)
        yield KeyHints(id="key-hints")

    @property
    def reader(self) -> TranscriptView:
        return self.query_one(TranscriptView)

    @property
    def search_pane(self) -> SearchPane:
        return self.query_one(SearchPane)

    def on_mount(self) -> None:
        documents = self.query_one(DocumentsPane)
        documents.empty_text = "Loading the library…"
        self.search_pane.set_status("type to search every document")
        self._set_reader_title()
        documents.focus()
        # Paint first, then read the library: the first frame never waits for the store or the index.
        self.call_after_refresh(self.load_library)

    def on_resize(self, event: events.Resize) -> None:
        width, height = event.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(small, "too-small")
        self.set_class(width < NARROW_WIDTH, "narrow")
        self._apply_layout_classes()
        if small:
            self.query_one("#too-small", Static).update(
                f"Terminal too small: {width}x{height}.\nsayso needs at least {MIN_WIDTH}x{MIN_HEIGHT}.\n"
                "Enlarge the window (ctrl+q quits)."
            )

    def _pane_widget(self, pane: str) -> Widget:
        if pane == "search":
            search = self.search_pane
            return search.results if search.hits and search.results.has_focus_within else search.query_input
        if pane == "reader":
            return self.reader
        return self.query_one(f"#{pane}")

    def action_show_pane(self, pane: str) -> None:
        """Show and focus `pane` (documents, speakers, search or reader)."""
        if pane != "reader":
            self.query_one("#sidebar", ContentSwitcher).current = pane
        self._set_pane(pane)
        self._pane_widget(pane).focus()

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
        node: Widget | None = event.widget
        while node is not None and node is not self:
            if node.id in ("documents", "speakers", "search", "quotes", "reader"):
                if node.id != self.pane:
                    self._set_pane(node.id)
                return
            node = node.parent  # type: ignore[assignment]

    def action_next_pane(self) -> None:
        names = [name for name, _ in PANES]
        self.action_show_pane(names[(names.index(self.pane) + 1) % len(names)])

    def action_previous_pane(self) -> None:
        names = [name for name, _ in PANES]
        self.action_show_pane(names[(names.index(self.pane) - 1) % len(names)])

    def action_search(self) -> None:
        """Focus the query box with its text selected, ready to type."""
        self.action_show_pane("search")
        query = self.search_pane.query_input
        query.focus()
        query.select_all()

    # -- loading the library ---------------------------------------------------------
    @work(thread=True, exclusive=True, group="library")
    def load_library(self) -> None:
        """Read documents and speakers off the UI thread, then warm the search index."""
        try:
            documents = self.library.documents()
            speakers = self.library.speakers()
        except SaysoError as exc:
            self.app.call_from_thread(self._load_failed, str(exc))
            return
        self.app.call_from_thread(self._library_loaded, documents, speakers)
        try:
            _ = self.library.index
        except Exception as exc:  # the index is optional for browsing; say why search may fail
            self.app.call_from_thread(self.search_pane.set_status, f"search index unavailable: {exc}")
        # What was just loaded lives as long as the app: keep it out of the collector's full
        # passes, which would otherwise stall a frame by tens of ms now and then while typing.
        gc.freeze()

    def _load_failed(self, message: str) -> None:
        self.query_one(DocumentsPane).empty_text = "The library could not be read."
        self.app.notify(visible(message), title="Cannot read the library", severity="error", markup=False)

    def _library_loaded(self, documents: list[Document], speakers: list[Speaker]) -> None:
        self.documents = documents
        self.speakers = speakers
        self._passages.clear()
        pane = self.query_one(DocumentsPane)
        pane.empty_text = DocumentsPane.empty_text
        pane.show_documents(documents, self._lens_documents())
        self.query_one(SpeakersPane).show_speakers(speakers, self.lens)
        self.loaded = True
        if self.search_pane.shown_query:
            self._request_search(self.search_pane.shown_query)

    def reload(self) -> None:
        """Re-read the library (after an import)."""
        self.load_library()

    def _reimported(self, doc: Document) -> None:
        """`doc` was imported again from the app (new speaker labels): re-read the library, reopen it if open."""
        self.documents = [doc if d.id == doc.id else d for d in self.documents]
        self._passages.pop(doc.id, None)
        self.reload()
        if self.reader.document is not None and self.reader.document.id == doc.id:
            self._load_document(doc.id, self.reader.passage, 0, None)
        self.app.notify(visible(describe(doc.convention), keep_newlines=False),
                        title=f"Re-imported {visible(doc.title, keep_newlines=False)}", markup=False)

    def refresh_document(self, doc_id: str) -> None:
        """`doc_id` changed on disk (re-imported by another sayso): re-read the library, reload it if open."""
        self._passages.pop(doc_id, None)
        self.reload()
        reader = self.reader
        if reader.document is not None and reader.document.id == doc_id:
            self._load_document(doc_id, reader.passage, reader.sentence, None)

    def document(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == doc_id), None)

    # -- opening documents -------------------------------------------------------------
    @on(DocumentsPane.OpenDocument)
    def _open_from_list(self, event: DocumentsPane.OpenDocument) -> None:
        self._return_to = ("documents", self.query_one(DocumentsPane).highlighted)
        self.open_document(event.doc_id)

    def open_document(self, doc_id: str, passage: int = 0, sentence: int = 0, *, hit: Hit | None = None, record: bool = True) -> None:
        """Show `doc_id` in the reader at `passage`/`sentence`, marking `hit`'s words."""
        if record:
            self._record_jump()
        self.action_show_pane("reader")
        if self.reader.document is not None and self.reader.document.id == doc_id:
            self._show_in_reader(self.reader.document, self.reader.passages, passage, sentence, hit)
            return
        cached = self._passages.get(doc_id)
        document = self.document(doc_id)
        if cached is not None and document is not None:
            self._show_in_reader(document, cached, passage, sentence, hit)
            return
        self.query_one("#reader-title", StatusLine).update(Text("Opening…", style="italic"))
        self._load_document(doc_id, passage, sentence, hit)

    @work(thread=True, exclusive=True, group="open")
    def _load_document(self, doc_id: str, passage: int, sentence: int, hit: Hit | None) -> None:
        try:
            document = self.document(doc_id) or self.library.document(doc_id)
            passages = self.library.passages(doc_id)
            passage = min(passage, max(0, len(passages) - 1))  # the document may have been re-imported shorter
        except SaysoError as exc:
            self.app.call_from_thread(self.app.notify, visible(str(exc)), severity="error", markup=False)
            return
        if len(passages) >= FREEZE_PASSAGES:
            # Kept while the document is cached: out of the collector's full passes (see
            # load_library).  Only for big documents, since whatever else is alive now is
            # frozen too and, if it later becomes cyclic garbage, is never reclaimed.
            gc.freeze()
        self.app.call_from_thread(self._show_in_reader, document, passages, passage, sentence, hit)

    def _show_in_reader(self, document: Document, passages: list[Passage], passage: int, sentence: int, hit: Hit | None) -> None:
        self._passages[document.id] = passages
        self._passages.move_to_end(document.id)
        while len(self._passages) > CACHED_DOCUMENTS:
            self._passages.popitem(last=False)
        reader = self.reader
        self._jumping = True
        try:
            if reader.document is None or reader.document.id != document.id or reader.passages is not passages:
                reader.load(document, passages, passage=passage, sentence=sentence)
                reader.set_lens(self.lens)
            if hit is not None:
                passage, sentence = self._hit_position(passages, hit)
                reader.set_marks([Mark(passage, a, b, "hit") for a, b in hit.spans], kinds={"hit"})
            reader.move_to(passage, sentence, center=True)
        finally:
            self._jumping = False
        self._last_cursor = Position(document.id, reader.passage, reader.sentence)
        self._set_reader_title()

    @staticmethod
    def _hit_position(passages: list[Passage], hit: Hit) -> tuple[int, int]:
        """The passage index of `hit` and the sentence holding its first matched word."""
        index = hit.index
        if not (0 <= index < len(passages) and passages[index].id == hit.passage):
            index = next((i for i, p in enumerate(passages) if p.id == hit.passage), max(0, min(index, len(passages) - 1)))
        first = min((a for a, _ in hit.spans), default=0)
        sentences = passages[index].sentences if passages else []
        sentence = next((k for k, (a, b) in enumerate(sentences) if a <= first < b), 0)
        return index, sentence

    def _set_reader_title(self) -> None:
        reader = self.reader
        title = self.query_one("#reader-title", StatusLine)
        if reader.document is None:
            title.update(Text("Reader", style="bold"))
            return
        line = plain(reader.document.title, style="bold")
        current = reader.current
        where = f"  turn {reader.passage + 1}/{len(reader.passages)}"
        if current is not None and current.sentences:
            where += f" · sentence {reader.sentence + 1}/{len(current.sentences)}"
        line.append(where, style="dim")
        title.update(line)

    @on(TranscriptView.CursorMoved)
    def _cursor_moved(self, event: TranscriptView.CursorMoved) -> None:
        reader = self.reader
        if reader.document is None:
            return
        position = Position(reader.document.id, event.passage, event.sentence)
        last = self._last_cursor
        if (
            not self._jumping
            and last is not None
            and last.doc_id == position.doc_id
            and abs(last.passage - position.passage) > JUMP_DISTANCE
        ):
            self._push_jump(last)
        self._last_cursor = position
        self._set_reader_title()

    # -- jump list -----------------------------------------------------------------------
    def _current_position(self) -> Position | None:
        reader = self.reader
        if reader.document is None:
            return None
        return Position(reader.document.id, reader.passage, reader.sentence)

    def _push_jump(self, position: Position) -> None:
        del self._jumps[self._jump_at:]
        if not self._jumps or self._jumps[-1] != position:
            self._jumps.append(position)
        self._jump_at = len(self._jumps)

    def _record_jump(self) -> None:
        position = self._current_position()
        if position is not None:
            self._push_jump(position)

    def _go(self, position: Position) -> None:
        self.open_document(position.doc_id, position.passage, position.sentence, record=False)

    def action_jump_back(self) -> None:
        """Return to where the reader was before the last jump (ctrl+o)."""
        if self._jump_at == len(self._jumps):
            current = self._current_position()
            if current is not None and (not self._jumps or self._jumps[-1] != current):
                self._jumps.append(current)
            self._jump_at = len(self._jumps) - 1
        if self._jump_at <= 0:
            self.app.bell()
            return
        self._jump_at -= 1
        self._go(self._jumps[self._jump_at])

    def action_jump_forward(self) -> None:
        """Undo a jump back (ctrl+n; ctrl+i is the tab key in most terminals)."""
        if self._jump_at + 1 >= len(self._jumps):
            self.app.bell()
            return
        self._jump_at += 1
        self._go(self._jumps[self._jump_at])

    # -- search ------------------------------------------------------------------------------
    @on(SearchPane.QueryChanged)
    def _query_changed(self, event: SearchPane.QueryChanged) -> None:
        self._request_search(event.query)

    def _request_search(self, query: str) -> None:
        """Search for `query` now, or right after the search in flight; stale queries are dropped."""
        if not query.strip():
            with self._search_lock:
                self._search_pending = None
            self.search_pane.show_hits("", [], "type to search every document")
            return
        with self._search_lock:
            self._search_pending = (query, self.lens)
            if self._search_busy:
                return
            self._search_busy = True
        self._search_worker()

    @work(thread=True, exclusive=True, group="search")
    def _search_worker(self) -> None:
        """Run the latest pending query, then the next latest, until none is waiting.

        Queries typed while one runs replace each other, so only the newest is
        searched next: stale queries cost nothing and typing never queues work.
        """
        try:
            while True:
                with self._search_lock:
                    job = self._search_pending
                    self._search_pending = None
                    if job is None:
                        return
                query, lens = job
                started = time.perf_counter()
                try:
                    hits = self.library.search(query, limit=SEARCH_LIMIT, speaker=lens)
                except Exception as exc:  # a broken query or index must not take the app down
                    self.app.call_from_thread(self.search_pane.set_status, f"search failed: {visible(str(exc), keep_newlines=False)}")
                    continue
                elapsed = time.perf_counter() - started
                with self._search_lock:
                    stale = self._search_pending is not None
                if not stale:
                    self.app.call_from_thread(self._show_hits, query, lens, hits, elapsed)
        finally:
            with self._search_lock:
                self._search_busy = False
                # A query that arrived as we were leaving must not be stranded.
                leftover = self._search_pending is not None
            if leftover and self.is_attached:
                try:
                    self.app.call_from_thread(self._restart_search)
                except RuntimeError:  # the app is closing
                    pass

    def _restart_search(self) -> None:
        with self._search_lock:
            if self._search_busy or self._search_pending is None:
                return
            self._search_busy = True
        self._search_worker()

    def _show_hits(self, query: str, lens: str | None, hits: list[Hit], elapsed: float) -> None:
        count = f"{len(hits)}{'+' if len(hits) >= SEARCH_LIMIT else ''} result{'s' if len(hits) != 1 else ''}"
        status = f"{count} · {elapsed * 1000:.0f} ms" + (f" · lens: {lens}" if lens else "")
        self.search_pane.show_hits(query, hits, status)

    @on(SearchPane.HitChosen)
    def _open_hit(self, event: SearchPane.HitChosen) -> None:
        self._return_to = ("search", event.index)
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
        self._return_to = ("search", index)
        hit = search.hits[index]
        self.open_document(hit.document, hit.index, hit=hit)

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
            self.app.notify(f"Showing only {visible(name, keep_newlines=False)}'s turns; x clears the lens", markup=False)
        self.refresh_bindings()

    def action_clear_lens(self) -> None:
        self.set_lens(None)

    # -- going back ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_lens":
            return self.lens is not None
        if action == "back":
            return self.pane in ("reader", "search") or self.lens is not None
        return True

    def action_back(self) -> None:
        """Leave the reader for where it was opened from; else clear the lens."""
        if self.pane == "reader":
            pane, index = self._return_to or ("documents", None)
            self.action_show_pane(pane)
            if pane == "search":
                self.search_pane.results.focus()
                if index is not None and index < len(self.search_pane.hits):
                    self.search_pane.results.highlighted = index
            return
        if self.lens is not None:
            self.set_lens(None)
        elif self.pane == "search" and self.search_pane.hits:
            self.search_pane.results.focus()

    # -- import and export -------------------------------------------------------------------------
    def action_import(self) -> None:
        from tui.screens.import_dialog import ImportDialog

        def done(report: object) -> None:
            if report is not None:
                self.reload()

        self.app.push_screen(ImportDialog(self.library), done)

    def action_export(self) -> None:
        """Export quotes: format, filter, destination and a preview (tui.screens.export_dialog)."""
        self.open_export_dialog()
