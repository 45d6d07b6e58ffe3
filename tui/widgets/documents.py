"""DocumentsPane: every document with its kind, speakers and length; enter opens one, c edits its citation."""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from sayso.corpus.conventions import is_uncertain
from sayso.corpus.models import Document
from sayso.tui.widgets.pane_list import PaneList, plain


def document_lines(doc: Document, *, same_title: bool = False) -> tuple[Text, Text]:
    """The title, then kind, whether its speakers are uncertain (said early: a narrow pane cuts the end),
    length and the first speakers.  A document whose title another one has too (`same_title`: two
    Congressional Records of the same day) also names its file, early, so the two can be told apart."""
    speakers = ", ".join(doc.speakers[:3]) + (f" +{len(doc.speakers) - 3}" if len(doc.speakers) > 3 else "")
    unsure = " · speakers uncertain" if is_uncertain(doc.convention) else ""
    if same_title and doc.source:
        unsure += f" · {PurePath(doc.source).name}"
    details = f"  {doc.kind}{unsure} · {doc.passages:,} passage{'s' if doc.passages != 1 else ''} · {doc.words:,} word{'s' if doc.words != 1 else ''}"
    return plain(doc.title, style="bold"), plain(details + (f" · {speakers}" if speakers else ""), style="dim")


class DocumentsPane(PaneList):
    """The library's documents; posts `OpenDocument` when one is chosen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,o", "select", "Open", id="documents.open"),
        Binding(
            "c",
            "citation",
            "Citation",
            id="documents.citation",
            tooltip="See and edit the citation fields (title, kind, date, URL, publisher, host…)",
        ),
    ]

    empty_text = "No documents yet: press i to import files."

    class OpenDocument(Message):
        """The user chose a document to read."""

        def __init__(self, doc_id: str) -> None:
            super().__init__()
            self.doc_id = doc_id

    class EditCitation(Message):
        """The user wants to see or edit a document's citation fields."""

        def __init__(self, doc_id: str) -> None:
            super().__init__()
            self.doc_id = doc_id

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.all_documents: list[Document] = []
        self.shown: list[Document] = []
        self._lines: dict[int, tuple[Text, Text]] = {}
        #: ids of the documents whose title another document has too
        self._same_title: set[str] = set()

    def show_documents(self, documents: list[Document], only: set[str] | None = None) -> None:
        """List `documents`, or those whose id is in `only` (the speaker lens)."""
        keep = self.highlighted_id
        self.all_documents = documents
        self.shown = [d for d in documents if only is None or d.id in only]
        titles = Counter(" ".join(d.title.split()).casefold() for d in documents)
        self._same_title = {d.id for d in documents if titles[" ".join(d.title.split()).casefold()] > 1}
        self._lines.clear()
        ids = [d.id for d in self.shown]
        self.set_row_count(len(self.shown), ids.index(keep) if keep in ids else 0)

    @property
    def highlighted_id(self) -> str | None:
        """The id of the highlighted document."""
        if self.highlighted is None or self.highlighted >= len(self.shown):
            return None
        return self.shown[self.highlighted].id

    def index_of(self, doc_id: str) -> int:
        return [d.id for d in self.shown].index(doc_id)

    def row_lines(self, index: int) -> tuple[Text, Text]:
        lines = self._lines.get(index)
        if lines is None:
            doc = self.shown[index]
            lines = self._lines[index] = document_lines(doc, same_title=doc.id in self._same_title)
        return lines

    def action_citation(self) -> None:
        doc_id = self.highlighted_id
        if doc_id is None:
            self.app.bell()
            return
        self.post_message(self.EditCitation(doc_id))

    def on_pane_list_selected(self, event: PaneList.Selected) -> None:
        event.stop()
        self.post_message(self.OpenDocument(self.shown[event.index].id))
