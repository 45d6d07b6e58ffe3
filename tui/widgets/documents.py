"""DocumentsPane: every document with its kind, speakers and length; enter opens one."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets.option_list import Option

from corpus.models import Document
from tui.widgets.pane_list import PaneList, plain


def document_prompt(doc: Document) -> Text:
    """Two lines: the title, then kind, length and the first speakers."""
    prompt = plain(doc.title, style="bold")
    speakers = ", ".join(doc.speakers[:3]) + (f" +{len(doc.speakers) - 3}" if len(doc.speakers) > 3 else "")
    details = f"{doc.kind} · {doc.passages:,} turns · {doc.words:,} words"
    prompt.append("\n")
    prompt.append_text(plain(details + (f" · {speakers}" if speakers else ""), style="dim"))
    return prompt


class DocumentsPane(PaneList):
    """The library's documents; posts `OpenDocument` when one is chosen."""

    BINDINGS: list[BindingType] = [
        Binding("enter,o", "select", "Open", id="documents.open"),
    ]

    class OpenDocument(Message):
        """The user chose a document to read."""

        def __init__(self, doc_id: str) -> None:
            super().__init__()
            self.doc_id = doc_id

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.all_documents: list[Document] = []
        self.only: set[str] | None = None

    def show_documents(self, documents: list[Document], only: set[str] | None = None) -> None:
        """List `documents`, or those whose id is in `only` (the speaker lens)."""
        self.all_documents = documents
        self.only = only
        keep = self.highlighted_option.id if self.highlighted_option else None
        shown = [d for d in documents if only is None or d.id in only]
        self.set_options(Option(document_prompt(d), id=d.id) for d in shown)
        if not shown:
            self.add_option(Option(Text("No documents yet: press i to import files.", style="italic"), disabled=True))
        ids = [d.id for d in shown]
        self.highlighted = ids.index(keep) if keep in ids else (0 if shown else None)

    def on_option_list_option_selected(self, event: PaneList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.OpenDocument(event.option.id))
