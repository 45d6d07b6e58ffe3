"""SpeakersPane: everyone who speaks in the library; enter sets the speaker lens."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets.option_list import Option

from corpus.models import Speaker
from tui.widgets.pane_list import PaneList, plain


def speaker_prompt(speaker: Speaker, lens: str | None) -> Text:
    """The name (marked when it is the lens), then passage and document counts."""
    prompt = Text("● " if speaker.name == lens else "  ", style="bold", end="")
    prompt.append_text(plain(speaker.name, style="bold"))
    docs = len(speaker.documents)
    prompt.append(f"\n  {speaker.passages:,} turns · {docs} document{'s' if docs != 1 else ''}", style="dim")
    return prompt


class SpeakersPane(PaneList):
    """The library's speakers, most talkative first; posts `LensChosen`."""

    BINDINGS: list[BindingType] = [
        Binding("enter,l", "select", "Lens on speaker", id="speakers.lens"),
    ]

    class LensChosen(Message):
        """The user chose a speaker to narrow the reader and search to."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.speakers: list[Speaker] = []

    def show_speakers(self, speakers: list[Speaker], lens: str | None = None) -> None:
        """List `speakers`, marking the one in the lens."""
        self.speakers = speakers
        keep = self.highlighted
        self.set_options(Option(speaker_prompt(s, lens), id=f"s{i}") for i, s in enumerate(speakers))
        if not speakers:
            self.add_option(Option(Text("No named speakers yet.", style="italic"), disabled=True))
        self.highlighted = min(keep or 0, len(speakers) - 1) if speakers else None

    def on_option_list_option_selected(self, event: PaneList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.startswith("s"):
            self.post_message(self.LensChosen(self.speakers[int(event.option.id[1:])].name))
