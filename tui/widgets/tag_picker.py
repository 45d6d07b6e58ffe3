"""TagPicker: pick tags by typing, with fuzzy completion from the tags already in use.

Type a few letters: the best existing tags are offered first, then "new tag".
enter takes the highlighted offer (up/down choose), a comma takes the words
typed as they are, backspace in the empty box drops the last tag.
"""

from __future__ import annotations

from typing import ClassVar, Self

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sayso.corpus.fuzzy import fuzzy_choices
from sayso.corpus.quotes import clean_tags
from sayso.corpus.safety import visible
from sayso.tui.widgets.safe_input import SafeInput

#: Offers shown under the box.
MAX_OFFERS = 5


def suggest_tags(typed: str, known: list[str], chosen: list[str]) -> list[str]:
    """Existing tags matching `typed`: prefix matches, then substrings, then typo-tolerant ones."""
    want = typed.strip().lstrip("#").casefold()
    taken = {t.casefold() for t in chosen}
    pool = [t for t in known if t.casefold() not in taken]
    if not want:
        return pool[:MAX_OFFERS]
    prefix = [t for t in pool if t.casefold().startswith(want)]
    inside = [t for t in pool if want in t.casefold() and t not in prefix]
    fuzzy = (
        [pool[i] for i in fuzzy_choices(want, [t.casefold() for t in pool], limit=MAX_OFFERS, cutoff=75)]
        if len(want) >= 4
        else []
    )
    out: list[str] = []
    for tag in [*prefix, *inside, *fuzzy]:
        if tag not in out:
            out.append(tag)
    return out[:MAX_OFFERS]


class TagInput(SafeInput):
    """The box of the tag picker; up/down move through the offers, backspace when empty drops a tag."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "offer(1)", "Next offer", show=False, id="tags.next"),
        Binding("up", "offer(-1)", "Previous offer", show=False, id="tags.previous"),
    ]

    def action_offer(self, step: int) -> None:
        picker = self.parent
        if isinstance(picker, TagPicker):
            picker.move_offer(step)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "backspace" and not self.value and isinstance(self.parent, TagPicker):
            event.stop()
            event.prevent_default()
            self.parent.remove_last()
            return
        await super()._on_key(event)


class TagPicker(Vertical):
    """Chosen tags as a line of `#tags`, a box to type in and offers from the known tags."""

    DEFAULT_CSS = """
    TagPicker { height: auto; }
    TagPicker > #tag-chips { height: auto; }
    TagPicker > OptionList { height: auto; max-height: 6; display: none; }
    TagPicker.-offering > OptionList { display: block; }
    """

    def __init__(self, tags: list[str] | None = None, known: list[str] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tags: list[str] = clean_tags(tags or [])
        self.known: list[str] = list(known or [])
        self._offers: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="tag-chips", markup=False)
        yield TagInput(placeholder="add a tag (enter takes the offer, a comma takes it as typed)", id="tag-input")
        yield OptionList(id="tag-offers")

    @property
    def input(self) -> TagInput:
        return self.query_one(TagInput)

    def on_mount(self) -> None:
        self._show_chips()

    def focus(self, scroll_visible: bool = True) -> Self:
        self.input.focus(scroll_visible)
        return self

    def _show_chips(self) -> None:
        chips = Text(end="")
        if not self.tags:
            chips.append("no tags yet", style="dim italic")
        for tag in self.tags:
            chips.append(f"#{visible(tag, keep_newlines=False)}", style="bold")
            chips.append("  ")
        if self.tags:
            chips.append("(backspace in the empty box removes the last)", style="dim")
        self.query_one("#tag-chips", Static).update(chips)

    def add(self, tag: str) -> None:
        """Add `tag` (cleaned; a duplicate is ignored)."""
        self.tags = clean_tags([*self.tags, tag])
        self.input.value = ""
        self._show_chips()
        self._refresh_offers("")

    def remove_last(self) -> None:
        if self.tags:
            self.tags = self.tags[:-1]
            self._show_chips()

    def _refresh_offers(self, typed: str) -> None:
        offers = suggest_tags(typed, self.known, self.tags)
        cleaned = clean_tags([typed])
        new = cleaned[0] if cleaned else ""
        if new and new.casefold() not in {t.casefold() for t in [*self.known, *self.tags]}:
            offers.append(new)
        self._offers = offers
        options = self.query_one(OptionList)
        options.clear_options()
        known = {t.casefold() for t in self.known}
        for tag in offers:
            label = Text(f"#{visible(tag, keep_newlines=False)}", end="")
            if tag.casefold() not in known:
                label = Text.assemble(("new tag ", "italic"), label, end="")
            options.add_option(Option(label))
        options.highlighted = 0 if offers else None
        self.set_class(bool(offers) and bool(typed.strip()), "-offering")

    def move_offer(self, step: int) -> None:
        options = self.query_one(OptionList)
        if self._offers:
            current = options.highlighted or 0
            options.highlighted = (current + step) % len(self._offers)

    @on(Input.Changed, "#tag-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        value = event.value
        if value.endswith(","):
            if value[:-1].strip():
                self.add(value[:-1])
            else:
                self.input.value = ""
            return
        self._refresh_offers(value)

    @on(Input.Submitted, "#tag-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            return
        options = self.query_one(OptionList)
        index = options.highlighted
        if self._offers and index is not None and index < len(self._offers):
            self.add(self._offers[index])
        else:
            self.add(event.value)

    @on(OptionList.OptionSelected, "#tag-offers")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self._offers):
            self.add(self._offers[event.option_index])
            self.input.focus()

    def take_typed(self) -> None:
        """Keep what is still typed in the box as a tag (called when the note is saved)."""
        if self.input.value.strip():
            self.add(self.input.value)
