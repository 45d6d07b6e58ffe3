"""PersonFilter: whose quotes the Quotes pane lists: everyone, me, or one person who made or changed quotes.

The choice becomes the filter's `by:` facet, so it shows in the filter box,
can be typed there as well, and carries into an export.  Names are role names
from a shared archive (or login names): untrusted, shown as plain text.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sayso.corpus.anchoring import one_line
from sayso.corpus.safety import visible
from sayso.tui.widgets.safe_input import SafeInput

#: What the dialog returns for "everyone" (the `by:` facet is dropped); "me" and names are returned as they are.
EVERYONE = ""
ME = "me"


def by_facet(person: str) -> str:
    """The filter's `by:` facet for `person` ("" for everyone), quoted when the name holds spaces."""
    if person == EVERYONE:
        return ""
    name = person.replace('"', "")
    return f'by:"{name}"' if any(c.isspace() for c in name) or not name else f"by:{name}"


class PersonInput(SafeInput):
    """The box that narrows the names; up and down move through them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next", show=False, id="person_filter.next"),
        Binding("up", "move(-1)", "Previous", show=False, id="person_filter.previous"),
    ]

    def action_move(self, step: int) -> None:
        screen = self.screen
        if isinstance(screen, PersonFilter):
            screen.move(step)


class PersonFilter(ModalScreen[str | None]):
    """Choose everyone, me, or one person; type to narrow, enter chooses, escape leaves the filter as it is."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="person_filter.cancel"),
    ]

    def __init__(self, people: list[str], me: str, current: str | None = None) -> None:
        """`people` made or changed quotes (most first); `me` is the user; `current` the person filtered by now."""
        super().__init__()
        self.people = [p for p in people if p and p.casefold() != me.casefold()]
        self.me = me
        self.current = current
        #: the values of the options shown, in order
        self.values: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="person-filter-box"):
            yield Static(Text("Quotes made or changed by", style="bold", end=""), id="person-filter-title")
            yield PersonInput(placeholder="type to narrow", id="person-filter-search")
            yield OptionList(id="person-filter-options")
            yield Static("enter choose · up/down move · esc cancel", id="person-filter-hint", markup=False)

    def on_mount(self) -> None:
        self._offer("")
        current = (self.current or EVERYONE).casefold()
        options = self.query_one(OptionList)
        for index, value in enumerate(self.values):
            if value.casefold() == current or (value == ME and current == self.me.casefold()):
                options.highlighted = index
                break
        self.query_one(PersonInput).focus()

    def _offer(self, typed: str) -> None:
        want = typed.strip().casefold()
        offers: list[tuple[str, Text]] = []
        if not want:
            offers.append((EVERYONE, Text("Everyone", style="italic", end="")))
        me = Text("Me", style="bold", end="")
        if self.me:
            me.append(f" ({visible(one_line(self.me, 40), keep_newlines=False)})", style="")
        if not want or want in "me" or want in self.me.casefold():
            offers.append((ME, me))
        for person in self.people:
            if want in person.casefold():
                offers.append((person, Text(visible(one_line(person, 60), keep_newlines=False), end="")))
        self.values = [value for value, _ in offers]
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(label) for _, label in offers])
        options.highlighted = 0 if offers else None

    def move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if self.values:
            options.highlighted = ((options.highlighted or 0) + step) % len(self.values)

    @on(Input.Changed, "#person-filter-search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._offer(event.value)

    @on(Input.Submitted, "#person-filter-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = self.query_one(OptionList).highlighted
        if index is None or index >= len(self.values):
            self.app.bell()
            return
        self.dismiss(self.values[index])

    @on(OptionList.OptionSelected, "#person-filter-options")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.values):
            self.dismiss(self.values[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
