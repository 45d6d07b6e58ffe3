"""QuoteReader: the transcript reader with quotes: visual selection, marked quotes and their notes.

Visual mode follows vim: `v` selects the sentence under the cursor, `V` the
whole turn; w/l and b/h move the selection's free end by a word, j/k and )/(
by a sentence, J/K and ]/[ by a turn, `o` swaps ends, escape cancels.  A
selection never runs across two speakers.  `m` (or enter) keeps it as a quote,
`a` keeps it with a note, `y` copies it with its citation.

The widget never touches the library: it posts messages that the screen
handles (through tui.quote_desk) and is handed the document's quotes to draw.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message

from sayso.corpus.models import Document, Passage, Quote
from sayso.corpus.quotes import text_hash
from sayso.corpus.shown_words import ShownWords
from sayso.tui.selection import Selection, SelectionText
from sayso.tui.widgets.transcript import Mark, TranscriptView

#: Actions that only make sense while a selection is being made.
VISUAL_ONLY = {"visual_word", "visual_swap", "visual_cancel", "visual_enter"}


class QuoteReader(TranscriptView):
    """TranscriptView plus visual selection, quote marks and the note of the quote under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "visual", "Select", id="quotes.visual", tooltip="Select the sentence (then w/b, j/k, J/K)"),
        Binding("V", "visual_turn", "Select turn", show=False, id="quotes.visual_turn"),
        Binding("w,l,right", "visual_word(1)", "Extend a word", show=False, id="quotes.word_forward"),
        Binding("b,h,left", "visual_word(-1)", "Shrink a word", show=False, id="quotes.word_back"),
        # `b` pages up outside visual mode, as in the plain reader.
        Binding("b", "page(-1)", "Page up", show=False, id="quotes.page_up_b"),
        Binding("o", "visual_swap", "Other end", show=False, id="quotes.swap"),
        Binding(
            "m", "bookmark", "Keep quote", id="quotes.bookmark", tooltip="Keep the selection (or sentence) as a quote"
        ),
        Binding("enter", "visual_enter", "Keep quote", show=False, id="quotes.keep"),
        Binding("a", "annotate", "Note", show=False, id="quotes.annotate", tooltip="Note and tags for the quote here"),
        Binding("y", "copy", "Copy", show=False, id="quotes.copy", tooltip="Copy with its citation (OSC 52)"),
        Binding("escape", "visual_cancel", "Cancel selection", show=False, id="quotes.cancel"),
        # While selecting, `q` cancels the selection rather than quit the app under it (a user trial's surprise);
        # with nothing selected the binding is not enabled, so `q` quits as everywhere else.
        Binding("q", "visual_cancel", "Cancel selection", show=False, id="quotes.cancel_q"),
        Binding(
            "r",
            "reattach_here",
            "Re-attach quote here",
            id="quotes.reattach_here",
            tooltip="Re-attach the quote being placed to the selection (or sentence)",
        ),
    ]

    class DocumentShown(Message):
        """A document was loaded: its quotes are wanted."""

        def __init__(self, doc_id: str) -> None:
            super().__init__()
            self.doc_id = doc_id

    class Keep(Message):
        """Keep the words `shown` as a quote (one key, no note)."""

        def __init__(self, shown: ShownWords) -> None:
            super().__init__()
            self.shown = shown

    class Annotate(Message):
        """Open the note editor for `quote`, or for a new quote of the words `shown` when it is None."""

        def __init__(self, shown: ShownWords, quote: Quote | None) -> None:
            super().__init__()
            self.shown, self.quote = shown, quote

    class Copy(Message):
        """Copy `quote` (saved, or an unsaved one made from the selection) with its citation."""

        def __init__(self, document: Document, quote: Quote, passages: list[Passage]) -> None:
            super().__init__()
            self.document, self.quote, self.passages = document, quote, passages

    class Reattach(Message):
        """Re-attach `quote` (one needing review, being placed) to `[start, end)` of the open document."""

        def __init__(self, quote: Quote, start: int, end: int) -> None:
            super().__init__()
            self.quote, self.start, self.end = quote, start, end

    class StatusChanged(Message):
        """What the strip under the reader should say: the note here, or the visual-mode hint."""

        def __init__(self, quote: Quote | None, selecting: str | None) -> None:
            super().__init__()
            self.quote = quote
            self.selecting = selecting

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, QuoteReader.StatusChanged)

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.selection: Selection | None = None
        self.quotes: list[Quote] = []
        self._text: SelectionText | None = None
        self._status: tuple[object, ...] = (None, None)
        self._shown_hash: tuple[object, str] | None = None
        #: A quote needing review that `r` re-attaches to the selection (set from the Quotes pane).
        self.placing: Quote | None = None

    # -- state --------------------------------------------------------------------------------
    @property
    def selection_text(self) -> SelectionText:
        """The open document's text with its motions (built on first use)."""
        if self._text is None or self._text.passages is not self.passages:
            self._text = SelectionText(self.passages)
        return self._text

    def shown_words(self, start: int, end: int) -> ShownWords:
        """The words `[start, end)` as shown, with their context and the hash of the text on screen."""
        text = self.selection_text.text
        if self._shown_hash is None or self._shown_hash[0] is not self.passages:
            self._shown_hash = (self.passages, text_hash(text))
        doc_id = self.document.id if self.document is not None else ""
        return ShownWords.of(doc_id, text, start, end, self._shown_hash[1])

    @property
    def selecting(self) -> bool:
        return self.selection is not None

    def load(self, document: Document, passages: list[Passage], *, passage: int = 0, sentence: int = 0) -> None:
        self.selection = None
        self.quotes = []
        self._text = None
        super().load(document, passages, passage=passage, sentence=sentence)
        self.post_message(self.DocumentShown(document.id))

    def unload(self) -> None:
        self.selection = None
        self.quotes = []
        self._text = None
        super().unload()
        self._report_status()

    def show_quotes(self, doc_id: str, quotes: list[Quote]) -> None:
        """Mark `quotes` (of document `doc_id`) in the text; quotes needing review are not placed."""
        if self.document is None or self.document.id != doc_id:
            return
        self.quotes = [q for q in quotes if q.status == "anchored"]
        text = self.selection_text
        marks = [Mark(i, a, b, "quote") for q in self.quotes for i, a, b in text.local_spans(q.start, q.end)]
        self.set_marks(marks, kinds={"quote"})
        self._report_status()

    def cursor_span(self) -> tuple[int, int]:
        """The current sentence in document positions."""
        if not self.passages:
            return (0, 0)
        a, b = self.sentence_span
        offset = self.passages[self.passage].offset
        return offset + a, offset + b

    def quote_here(self) -> Quote | None:
        """The quote under the cursor (the selection's free end in visual mode), if any."""
        if self.selection is not None:
            pos = self.selection.head - (1 if self.selection.head > self.selection.anchor else 0)
            return next((q for q in self.quotes if q.start <= pos < q.end), None)
        a, b = self.cursor_span()
        return next((q for q in self.quotes if q.start < b and q.end > a), None)

    def target_span(self) -> tuple[int, int]:
        """What a quote action applies to: the selection, else the sentence under the cursor."""
        if self.selection is not None:
            return self.selection.start, self.selection.end
        text = self.selection_text
        selection = text.sentence(self.passage, self.sentence)
        return selection.start, selection.end

    # -- selection ---------------------------------------------------------------------------------
    def _set_selection(self, selection: Selection | None, *, follow: bool = True) -> None:
        toggled = (selection is None) != (self.selection is None)
        self.selection = selection
        if toggled:
            self.refresh_bindings()  # visual mode's keys (and escape's meaning) came or went
        marks: list[Mark] = []
        if selection is not None:
            marks = [
                Mark(i, a, b, "selection")
                for i, a, b in self.selection_text.local_spans(selection.start, selection.end)
            ]
        self.set_marks(marks, kinds={"selection"})
        if selection is not None and follow:
            head = selection.head - (1 if selection.head > selection.anchor else 0)
            passage, sentence = self.selection_text.cursor_of(max(0, head))
            if (passage, sentence) != (self.passage, self.sentence):
                self.move_to(passage, sentence)
        self._report_status()

    def select(self, start: int, end: int) -> None:
        """Select `[start, end)` of the document text (as if chosen with v), the cursor at its start."""
        self._set_selection(Selection(start, end, start))

    def selected_words(self) -> str:
        return self.selection_text.words(self.selection) if self.selection is not None else ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in VISUAL_ONLY:
            return self.selection is not None
        if action in ("visual", "visual_turn", "bookmark", "annotate", "copy"):
            return bool(self.passages)
        if action == "reattach_here":
            return (
                bool(self.passages)
                and self.placing is not None
                and self.document is not None
                and self.placing.document == self.document.id
            )
        return True

    def action_visual(self) -> None:
        """Start selecting at the sentence under the cursor (`v` again cancels)."""
        if self.selection is not None:
            self._set_selection(None)
            return
        self._set_selection(self.selection_text.sentence(self.passage, self.sentence), follow=False)

    def action_visual_turn(self) -> None:
        """Select the whole turn under the cursor."""
        a, _ = self.cursor_span()
        self._set_selection(self.selection_text.turn(a), follow=False)

    def action_visual_word(self, step: int) -> None:
        if self.selection is not None:
            self._set_selection(self.selection_text.move(self.selection, "word", step))

    def action_visual_swap(self) -> None:
        if self.selection is not None:
            self._set_selection(self.selection.swap())

    def action_visual_cancel(self) -> None:
        self._set_selection(None)

    def action_visual_enter(self) -> None:
        self.action_bookmark()

    # Sentence and turn keys move the selection's free end while selecting, the cursor otherwise.
    def action_next_sentence(self) -> None:
        if self.selection is not None:
            self._set_selection(self.selection_text.move(self.selection, "sentence", 1))
        else:
            super().action_next_sentence()

    def action_previous_sentence(self) -> None:
        if self.selection is not None:
            self._set_selection(self.selection_text.move(self.selection, "sentence", -1))
        else:
            super().action_previous_sentence()

    def action_next_passage(self) -> None:
        if self.selection is not None:
            self._set_selection(self.selection_text.move(self.selection, "passage", 1))
        else:
            super().action_next_passage()

    def action_previous_passage(self) -> None:
        if self.selection is not None:
            self._set_selection(self.selection_text.move(self.selection, "passage", -1))
        else:
            super().action_previous_passage()

    # -- quote actions (posted to the screen) -----------------------------------------------------------
    def action_bookmark(self) -> None:
        """Keep the selection (or the sentence under the cursor) as a quote."""
        if self.document is None:
            return
        start, end = self.target_span()
        self._set_selection(None)
        if any(q.start == start and q.end == end for q in self.quotes):
            self.notify("Already kept as a quote (a edits its note)", markup=False)
            return
        self.post_message(self.Keep(self.shown_words(start, end)))

    def action_annotate(self) -> None:
        """Note and tags: for the quote under the cursor, or for a new quote of the selection."""
        if self.document is None:
            return
        existing = None if self.selection is not None else self.quote_here()
        start, end = (existing.start, existing.end) if existing else self.target_span()
        self._set_selection(None)
        self.post_message(self.Annotate(self.shown_words(start, end), existing))

    def action_copy(self) -> None:
        """Copy the selection, else the quote under the cursor, else the sentence, with its citation."""
        if self.document is None:
            return
        quote = None if self.selection is not None else self.quote_here()
        if quote is None:
            start, end = self.target_span()
            quote = self.selection_text.draft_quote(self.document.id, start, end)
        self._set_selection(None)  # like vim's yank, copying ends the selection
        self.post_message(self.Copy(self.document, quote, self.passages))

    def action_reattach_here(self) -> None:
        """Re-attach the quote being placed to the selection (or the sentence under the cursor)."""
        if self.placing is None or self.document is None or self.placing.document != self.document.id:
            return
        start, end = self.target_span()
        self._set_selection(None)
        self.post_message(self.Reattach(self.placing, start, end))

    def set_placing(self, quote: Quote | None) -> None:
        """Start (or with None, stop) placing `quote` again: `r` then re-attaches it."""
        self.placing = quote
        self._report_status()
        self.refresh_bindings()

    # -- the status strip -------------------------------------------------------------------------------------
    def on_transcript_view_cursor_moved(self, event: TranscriptView.CursorMoved) -> None:
        # Not stopped: the screen follows the cursor too.
        self._report_status()

    def refresh_status(self) -> None:
        """Say again what the strip should show (after something else used the strip)."""
        self._status = ()
        self._report_status()

    def _report_status(self) -> None:
        quote = self.quote_here()
        selecting = self.selected_words() if self.selection is not None else None
        placing = (self.placing.id, self.document.id if self.document else None) if self.placing else None
        key = (quote.id + quote.modified if quote else None, selecting, placing)
        if key != self._status:
            self._status = key
            self.post_message(self.StatusChanged(quote, selecting))
