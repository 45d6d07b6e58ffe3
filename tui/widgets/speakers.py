"""SpeakersPane: everyone who speaks in the library; enter sets the speaker lens, `e` names or edits a person."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from sayso.corpus.models import Speaker
from sayso.tui.widgets.pane_list import PaneList, plain


def speaker_lines(speaker: Speaker, lens: str | None, titles: dict[str, str] | None = None) -> tuple[Text, Text]:
    """The name (marked when it is the lens; "unnamed" for a placeholder), then role, affiliation and counts; a
    placeholder's one document by its title (`titles`), as "Speaker 3" is a different person in each."""
    name = Text("● " if speaker.name == lens else "", style="bold", end="")
    name.append_text(plain(speaker.name, style="italic" if speaker.unnamed else "bold"))
    if speaker.unnamed:
        name.append("  unnamed · e names", style="dim")
    docs = len(speaker.documents)
    about = speaker.about
    if speaker.unnamed and docs == 1 and titles and (title := titles.get(speaker.documents[0])):
        about = f"in {title}" + (f" · {about}" if about else "")
    details = plain(f"  {about} · " if about else "  ", style="dim")
    details.append(
        f"{speaker.passages:,} passage{'s' if speaker.passages != 1 else ''} · {docs} document{'s' if docs != 1 else ''}",
        style="dim",
    )
    return name, details


class SpeakersPane(PaneList):
    """The library's speakers, most talkative first; posts `LensChosen`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,l", "select", "Lens on speaker", id="speakers.lens"),
        Binding("e", "edit_person", "Name / edit person", id="speakers.edit"),
        Binding("u", "undo_people", "Undo people change", id="speakers.undo"),
    ]

    empty_text = "No named speakers yet."

    class LensChosen(Message):
        """The user chose a speaker to narrow the reader and search to."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    class EditPerson(Message):
        """The user wants to name this speaker (with a preview) or edit their role and affiliation."""

        def __init__(self, speaker: Speaker) -> None:
            super().__init__()
            self.speaker = speaker

    class UndoPeople(Message):
        """The user wants the latest change to people taken back."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.speakers: list[Speaker] = []
        self.lens: str | None = None
        self.titles: dict[str, str] = {}

    def show_speakers(
        self, speakers: list[Speaker], lens: str | None = None, titles: dict[str, str] | None = None
    ) -> None:
        """List `speakers`, marking the one in the lens, the highlight staying on the same person; `titles` of
        documents name where each unnamed placeholder speaks."""
        before = self.speakers[self.highlighted] if self.highlighted is not None and self.speakers else None
        self.speakers = speakers
        self.lens = lens
        if titles is not None:
            self.titles = titles
        self.set_row_count(len(speakers), self._same_person(before) if before else self.highlighted or 0)

    def _same_person(self, before: Speaker) -> int:
        """Where `before` is in the new list: by name, else by an alias, else by holding the same passages in
        the same documents (renamed, or merged into someone: a user trial saw the highlight move on)."""
        by_passages = lambda s: bool(before.counts) and before.counts.items() <= s.counts.items()  # noqa: E731
        by_name = (lambda s: s.name == before.name, lambda s: before.name in s.aliases)
        # (a placeholder is one person per document: "Speaker 3" named, the highlight stays on that document's
        # person, not on another document's "Speaker 3")
        for match in (by_passages, *by_name) if before.unnamed else (*by_name, by_passages):
            found = [i for i, s in enumerate(self.speakers) if match(s)]
            if len(found) == 1:
                return found[0]
        return min(self.highlighted or 0, max(len(self.speakers) - 1, 0))

    def row_lines(self, index: int) -> tuple[Text, Text]:
        return speaker_lines(self.speakers[index], self.lens, self.titles)

    def on_pane_list_selected(self, event: PaneList.Selected) -> None:
        event.stop()
        self.post_message(self.LensChosen(self.speakers[event.index].name))

    def action_edit_person(self) -> None:
        if self.highlighted is None or not self.speakers:
            self.app.bell()
            return
        self.post_message(self.EditPerson(self.speakers[self.highlighted]))

    def action_undo_people(self) -> None:
        self.post_message(self.UndoPeople())
