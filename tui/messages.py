"""Results of the main screen's work, posted from its workers as messages (one handler each).

Workers never touch widgets: they read or change the library and post one of
these to the screen, which shows the result.  Tests watch them through
`app.run_test(message_hook=...)`.  Failures of quote jobs arrive as
`tui.jobs.JobFailed`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from sayso.corpus.drafts import NoteTarget, PlacedDraft, StrandedDraft
from sayso.corpus.models import Document, Hit, Passage, Quote, Speaker
from sayso.corpus.stats import CorpusStats, DocumentStats

# -- the library and its documents ------------------------------------------------------------------


class LibraryLoaded(Message):
    """The library's documents and speakers were read."""

    def __init__(self, documents: list[Document], speakers: list[Speaker]) -> None:
        super().__init__()
        self.documents = documents
        self.speakers = speakers


class LibraryUnreadable(Message):
    """The library could not be read; `error` says why."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class IndexUnavailable(Message):
    """The search index could not be opened (browsing still works); `error` says why."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


@dataclass(frozen=True)
class Destination:
    """Where a document opens: `passage`, `sentence`, and the search `hit` whose words are marked."""

    passage: int = 0
    sentence: int = 0
    hit: Hit | None = None


class DocumentLoaded(Message):
    """A document's passages were read, to be shown at `destination`."""

    def __init__(self, document: Document, passages: list[Passage], destination: Destination) -> None:
        super().__init__()
        self.document = document
        self.passages = passages
        self.destination = destination


class DocumentUnreadable(Message):
    """A document could not be opened; `error` says why."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


# -- search --------------------------------------------------------------------------------------------


class SearchDone(Message):
    """`hits` for `query` (under the speaker `lens`), found in `elapsed` seconds.

    `meaning`: blended with meaning hits (each hit's `match` says how it was found).  `serial`
    numbers the screen's search requests: a result whose request is not the latest is stale.
    `why`: when nothing was found, a line for each `speaker:` or `doc:` value that names no one and
    nothing (with the closest names), as `sayso search` says it.
    """

    def __init__(
        self,
        query: str,
        lens: str | None,
        hits: list[Hit],
        elapsed: float,
        *,
        meaning: bool = False,
        serial: int = 0,
        why: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.query = query
        self.lens = lens
        self.hits = hits
        self.elapsed = elapsed
        self.meaning = meaning
        self.serial = serial
        self.why = why or []


class SimilarFound(Message):
    """More like this: `hits`, the passages closest in meaning to passage `passage` (which begins `words`)."""

    def __init__(self, passage: str, words: str, hits: list[Hit], elapsed: float, *, serial: int) -> None:
        super().__init__()
        self.passage = passage
        self.words = words
        self.hits = hits
        self.elapsed = elapsed
        self.serial = serial


class MeaningFailed(Message):
    """A meaning search or more-like-this could not run (model missing, library busy); `error` says why."""

    def __init__(self, error: str, *, serial: int) -> None:
        super().__init__()
        self.error = error
        self.serial = serial


class SearchFailed(Message):
    """Searching for `query` raised; `error` says why."""

    def __init__(self, query: str, error: str) -> None:
        super().__init__()
        self.query = query
        self.error = error


# -- quotes ----------------------------------------------------------------------------------------------


class ReaderQuotesRead(Message):
    """The quotes of document `doc_id`, for the reader's marks."""

    def __init__(self, doc_id: str, quotes: list[Quote]) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.quotes = quotes


class QuoteKept(Message):
    """`m` in the reader: a new quote of the shown words is on disk."""

    def __init__(self, quote: Quote) -> None:
        super().__init__()
        self.quote = quote


class QuotesListed(Message):
    """The quotes matching the Quotes pane's filter `line`; `error` when the filter names nothing known."""

    def __init__(
        self,
        line: str,
        quotes: list[Quote],
        *,
        matching: bool,
        error: str,
        problems: list[str],
        any_quotes: bool = True,
    ) -> None:
        super().__init__()
        self.line = line
        #: the library holds quotes at all (when none match, the pane says the filter matched none)
        self.any_quotes = any_quotes
        self.quotes = quotes
        self.matching = matching
        self.error = error
        #: Quote rows that could not be read (said once per session).
        self.problems = problems


class PeopleListed(Message):
    """Who made or changed quotes (`people`, most quotes first) and who the user is (`me`): the person filter."""

    def __init__(self, people: list[str], me: str) -> None:
        super().__init__()
        self.people = people
        self.me = me


class QuoteDeleted(Message):
    """`quote` was deleted."""

    def __init__(self, quote: Quote) -> None:
        super().__init__()
        self.quote = quote


class QuoteUndone(Message):
    """An undo (`which` = "undo") or redo was carried out; `label` names it (None: nothing to do)."""

    def __init__(self, which: str, label: str | None) -> None:
        super().__init__()
        self.which = which
        self.label = label


class QuoteSettled(Message):
    """A quote needing review was settled: `how` is "accepted", "detached" or "reattached"."""

    def __init__(self, quote: Quote, how: str) -> None:
        super().__init__()
        self.quote = quote
        self.how = how


class QuoteLocated(Message):
    """The passages of `quote`'s document were read, to open it there (`placing`: to place it by hand)."""

    def __init__(self, quote: Quote, passages: list[Passage], *, placing: bool) -> None:
        super().__init__()
        self.quote = quote
        self.passages = passages
        self.placing = placing


class ClipboardReady(Message):
    """`text` (a quote of `words` with its citation, or a draft) is ready for the clipboard."""

    def __init__(self, text: str, words: str) -> None:
        super().__init__()
        self.text = text
        self.words = words


@dataclass(frozen=True)
class NoteRequest:
    """A note editor to open: for `target`, with the `note` and `tags` to start from."""

    target: NoteTarget
    note: str | None = None
    tags: list[str] | None = None
    focus_tags: bool = False
    draft_key: str | None = None
    notice: str = ""
    known_tags: list[str] = field(default_factory=list)
    #: who the user is (the archive's role, or the login name) and whether the library is a shared archive
    user: str = ""
    team: bool = False


class NoteEditorReady(Message):
    """The known tags were read: the note editor of `request` can open."""

    def __init__(self, request: NoteRequest) -> None:
        super().__init__()
        self.request = request


# -- drafts ------------------------------------------------------------------------------------------------


class DraftsFound(Message):
    """At start: `count` unsaved notes wait; `problems` are damaged drafts files set aside."""

    def __init__(self, count: int, problems: list[str]) -> None:
        super().__init__()
        self.count = count
        self.problems = problems


class DraftPlaced(Message):
    """`R`: the next draft, placed (note editor) or stranded (draft dialog); None when there is none."""

    def __init__(self, draft: PlacedDraft | StrandedDraft | None, problems: list[str]) -> None:
        super().__init__()
        self.draft = draft
        self.problems = problems


class DraftKeptDetached(Message):
    """A stranded draft was kept as the detached `quote`."""

    def __init__(self, quote: Quote) -> None:
        super().__init__()
        self.quote = quote


class DraftDiscarded(Message):
    """A stranded draft was discarded."""


class ShownTextChanged(Message):
    """Words were quoted from `doc_id` after it was re-imported elsewhere: the reader shows old text.

    `placed`: the words were found in the new text (the quote is on them).
    """

    def __init__(self, doc_id: str, *, placed: bool) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.placed = placed


# -- statistics and the timeline -------------------------------------------------------------------------


class DocumentStatsReady(Message):
    """The figures (and timeline) of the open document, worked out from its passages off the UI thread."""

    def __init__(self, figures: DocumentStats) -> None:
        super().__init__()
        self.figures = figures


class CorpusStatsReady(Message):
    """The whole library's figures per person."""

    def __init__(self, totals: CorpusStats) -> None:
        super().__init__()
        self.totals = totals


class StatsUnavailable(Message):
    """The library's figures could not be worked out; `error` says why."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error
