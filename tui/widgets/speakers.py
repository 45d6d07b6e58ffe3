"""SpeakersPane: everyone who speaks in the library; enter sets the speaker lens."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from sayso.corpus.models import Speaker
from sayso.tui.widgets.pane_list import PaneList, plain


def speaker_lines(speaker: Speaker, lens: str | None) -> tuple[Text, Text]:
    """The name (marked when it is the lens), then passage and document counts."""
    name = Text("● " if speaker.name == lens else "", style="bold", end="")
    name.append_text(plain(speaker.name, style="bold"))
    docs = len(speaker.documents)
    return name, Text(
        f"  {speaker.passages:,} turn{'s' if speaker.passages != 1 else ''} · {docs} document{'s' if docs != 1 else ''}",
        style="dim",
        end="",
    )


class SpeakersPane(PaneList):
    """The library's speakers, most talkative first; posts `LensChosen`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,l", "select", "Lens on speaker", id="speakers.lens"),
    ]

    empty_text = "No named speakers yet."

    class LensChosen(Message):
        """The user chose a speaker to narrow the reader and search to."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.speakers: list[Speaker] = []
        self.lens: str | None = None

    def show_speakers(self, speakers: list[Speaker], lens: str | None = None) -> None:
        """List `speakers`, marking the one in the lens."""
        self.speakers = speakers
        self.lens = lens
        self.set_row_count(len(speakers), self.highlighted or 0)

    def row_lines(self, index: int) -> tuple[Text, Text]:
        return speaker_lines(self.speakers[index], self.lens)

    def on_pane_list_selected(self, event: PaneList.Selected) -> None:
        event.stop()
        self.post_message(self.LensChosen(self.speakers[event.index].name))
