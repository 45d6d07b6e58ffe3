"""The sayso Textual app (placeholder until the reader issue lands)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from corpus.library import Library


class SaysoApp(App[None]):
    TITLE = "sayso"

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"{len(self.library.documents())} documents", markup=False)
        yield Footer()
