"""StylePicker: choose any of the CSL styles sayso ships by typing, with a live preview of a citation in it.

Type part of a style's id or title (`harvard`, `ieee`, `chicago notes`), its
initials (`mla`) or something a typo away (`harvrd`): the best matches are
listed (corpus.export.cite.search_styles), popular styles first when
nothing is typed.  up/down move through them; the highlighted style cites
the sample (the quote under the cursor, or the document whose citation is
being edited) in the preview below, with what the style would print but
sayso lacks.  enter chooses, escape keeps the style as it was.

Nothing here blocks the app: the catalogue, each search and each preview
(loading a style takes a while) run in thread workers that post typed
messages; a preview that arrives for a style no longer highlighted is
dropped.  Titles and citations are untrusted text, shown as plain Text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sayso.corpus.export.cite import CatalogueEntry, catalogue, cite, search_styles, style_info, style_name
from sayso.corpus.export.csl import cited_speaker, speaker_item
from sayso.corpus.export.entries import CITATION_FIELDS, Sources, citation_gaps, prepare_one
from sayso.corpus.models import Document, Quote
from sayso.corpus.safety import visible
from sayso.tui.jobs import describe_error
from sayso.tui.screens.fields import FIELD_KEYS
from sayso.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from sayso.corpus.library import Library

LOG = logging.getLogger(__name__)

#: Styles listed at once (the best matches of what is typed).
SHOWN = 60
#: Seconds of quiet before searching again or citing the sample in the highlighted style.
SEARCH_DELAY = 0.12
PREVIEW_DELAY = 0.15


@dataclass(frozen=True)
class Sample:
    """What the preview cites: a quote (cited as an export cites it) or a document (as its first speaker's words)."""

    quote: Quote | None = None
    document: Document | None = None

    def describe(self) -> str:
        if self.quote is not None:
            words = " ".join(self.quote.exact.split())
            cut = words[:60] + ("\u2026" if len(words) > 60 else "")
            return f"\u201c{cut}\u201d"
        if self.document is not None:
            return f"the citation of {self.document.title}"
        return ""


def preview_lines(library: Library | None, sample: Sample, style: str, locale: str | None) -> list[tuple[str, str]]:
    """(label, text) lines: how `style` cites the sample (its reference or note, its in-text form) and what it lacks."""
    info = style_info(style)
    about = f"{info.title} · {info.format or 'citation'}" + (f" · uses {info.parent}" if info.parent else "")
    lines = [("", about)]
    quote, doc = sample.quote, sample.document
    if quote is not None and library is not None:
        doc = next((d for d in library.documents() if d.id == quote.document), None)
        if doc is None:
            return [*lines, ("", "the quote's document is no longer in the library")]
        entry = prepare_one(quote, Sources.of([doc], {doc.id: library.passages(doc.id)}), info.name, locale)
        cited_text, in_text, warning = entry.citation, entry.in_text, entry.citation_warning
        gaps: tuple[str, ...] = entry.gaps
    elif doc is not None:
        speaker = cited_speaker(doc)
        cited = cite(speaker_item(doc, speaker), info.name, locale)
        cited_text, in_text, warning = cited.text, cited.in_text, cited.error
        gaps = citation_gaps(doc, speaker, info.name, locale, fields=CITATION_FIELDS)
    else:
        return [*lines, ("", "no quote to cite yet")]
    if info.note:
        lines.append(("Note", cited_text or "(this style cites nothing for it)"))
    elif cited_text and cited_text != in_text:
        lines.extend([("Reference", cited_text), ("In text", in_text)])
    else:
        lines.append(("In text", f"{in_text} (the style lists no reference for it)" if in_text else "(none)"))
    if warning and not gaps:
        lines.append(("Lacks", warning))
    elif gaps:
        them = "it" if len(gaps) == 1 else "them"
        lines.append(("Lacks", f"{', '.join(gaps)}: the style prints {them}, sayso has none (nothing is made up)"))
    return lines


class StyleInput(SafeInput):
    """The search box: up/down move through the styles listed under it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next style", show=False, id="styles.next"),
        Binding("up", "move(-1)", "Previous style", show=False, id="styles.previous"),
        Binding("pagedown", "move(10)", "Ten styles down", show=False, id="styles.page_down"),
        Binding("pageup", "move(-10)", "Ten styles up", show=False, id="styles.page_up"),
    ]

    def action_move(self, step: int) -> None:
        screen = self.screen
        if isinstance(screen, StylePicker):
            screen.move(step)


class StylePicker(ModalScreen[str | None]):
    """Fuzzy search over every citation style, a live preview of the sample in the highlighted one; enter chooses."""

    class Found(Message):
        """The styles matching `query`, best first."""

        def __init__(self, query: str, styles: list[CatalogueEntry]) -> None:
            super().__init__()
            self.query, self.found_styles = query, styles

    class PreviewBuilt(Message):
        """How `style` cites the sample: (label, text) lines; `error` when it cannot."""

        def __init__(self, style: str, lines: list[tuple[str, str]], *, error: bool = False) -> None:
            super().__init__()
            self.style, self.lines, self.error = style, lines, error

    BINDINGS: ClassVar[list[BindingType]] = [
        *FIELD_KEYS,
        Binding("escape", "cancel", "Cancel", id="styles.cancel"),
    ]

    def __init__(
        self,
        library: Library | None,
        sample: Sample,
        *,
        current: str | None = None,
        locale: str | None = None,
    ) -> None:
        """`current` is the style chosen now (listed first), `locale` the one the preview cites in."""
        super().__init__()
        self.library = library
        self.sample = sample
        self.current = current
        self.locale = locale
        #: the styles listed, in order
        self.found_styles: list[CatalogueEntry] = []
        #: what the preview shows (plain text, for tests and screen readers)
        self.preview_text = ""
        #: the style the preview is of ("" before the first)
        self.previewed = ""
        self._search_timer: Timer | None = None
        self._preview_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="style-box"):
            yield Static(Text("Citation style", style="bold"), id="style-title")
            yield StyleInput(
                placeholder="type an id, a title or initials: harvard, ieee, chicago notes, mla",
                id="style-search",
                select_on_focus=False,
            )
            yield OptionList(id="style-options")
            yield Static("", id="style-preview", markup=False)
            yield Static(
                "enter choose · esc keep the style · \u2191\u2193 move · citations by citeproc-py",
                id="style-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#style-options").border_title = "Styles"
        self.query_one("#style-preview").border_title = visible(
            f"Preview: {self.sample.describe()}" if self.sample.describe() else "Preview", keep_newlines=False
        )
        self.query_one("#style-search", Input).focus()
        self.query_one("#style-preview", Static).update(Text("loading the styles\u2026", style="italic"))
        self.search("")

    # -- searching ------------------------------------------------------------------------------------------
    @on(Input.Changed, "#style-search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self.search(event.value))

    @work(thread=True, exclusive=True, group="style-search")
    def search(self, query: str) -> None:
        """Find the styles matching `query` (the first call reads the catalogue, ~0.2 s) off the UI thread."""
        try:
            found = search_styles(query, SHOWN)
            if not query.strip() and self.current:
                try:
                    own = style_info(self.current)
                    mine = next((e for e in catalogue() if e.id == own.id), None)
                except Exception:  # noqa: BLE001  a style that cannot be read is simply not listed first
                    mine = None
                if mine is not None:
                    found = [mine, *(e for e in found if e.id != mine.id)]
        except Exception as exc:  # a broken catalogue must not take the app down
            LOG.exception("shown to the user as one line")
            self.post_message(self.PreviewBuilt("", [("", describe_error(exc))], error=True))
            return
        self.post_message(self.Found(query, found))

    @on(Found)
    def _found(self, event: Found) -> None:
        if event.query != self.query_one("#style-search", Input).value:
            return  # typing has moved on; its own search is coming
        self.found_styles = event.found_styles
        options = self.query_one("#style-options", OptionList)
        options.clear_options()
        for entry in self.found_styles:
            label = Text(visible(entry.id, keep_newlines=False), style="bold", end="")
            label.append(f"  {visible(entry.title, keep_newlines=False)}", style="")
            if entry.format:
                label.append(f"  {entry.format}", style="italic")
            if entry.parent:
                label.append(f" \u2192 {visible(entry.parent, keep_newlines=False)}", style="italic")
            options.add_option(Option(label, id=entry.id))
        if self.found_styles:
            options.highlighted = 0
            self._schedule_preview()
        else:
            self._show([("", "no style matches; try fewer letters or part of a journal's name")])

    def move(self, step: int) -> None:
        """Highlight the style `step` rows away (the search box keeps the focus)."""
        options = self.query_one("#style-options", OptionList)
        if not self.found_styles:
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(len(self.found_styles) - 1, current + step))

    @property
    def highlighted(self) -> str | None:
        """The id of the highlighted style, None when none is listed."""
        index = self.query_one("#style-options", OptionList).highlighted
        return self.found_styles[index].id if index is not None and index < len(self.found_styles) else None

    # -- previewing -------------------------------------------------------------------------------------------
    @on(OptionList.OptionHighlighted, "#style-options")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._schedule_preview()

    def _schedule_preview(self) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
        style = self.highlighted
        if style is not None:
            self._preview_timer = self.set_timer(PREVIEW_DELAY, lambda: self.build_preview(style))

    @work(thread=True, exclusive=True, group="style-preview")
    def build_preview(self, style: str) -> None:
        """Cite the sample in `style` off the UI thread (loading a style takes a while)."""
        try:
            lines = preview_lines(self.library, self.sample, style, self.locale)
        except Exception as exc:  # a style citeproc cannot read must not take the app down
            LOG.exception("shown to the user as one line")
            self.post_message(self.PreviewBuilt(style, [("", f"cannot cite in {style}: {describe_error(exc)}")]))
            return
        self.post_message(self.PreviewBuilt(style, lines))

    @on(PreviewBuilt)
    def _preview_built(self, event: PreviewBuilt) -> None:
        if event.style and event.style != self.highlighted:
            return  # the highlight has moved on; its own preview is coming
        self.previewed = event.style
        self._show(event.lines)

    def _show(self, lines: list[tuple[str, str]]) -> None:
        text = Text(end="")
        plain = []
        for i, (label, line) in enumerate(lines):
            if i:
                text.append("\n")
            shown = visible(line, keep_newlines=False)
            if label:
                text.append(f"{label}: ", style="bold")
                text.append(shown)
            else:
                text.append(shown, style="dim")
            plain.append(f"{label}: {shown}" if label else shown)
        self.preview_text = "\n".join(plain)
        self.query_one("#style-preview", Static).update(text)

    # -- choosing -----------------------------------------------------------------------------------------------
    @on(Input.Submitted, "#style-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    @on(OptionList.OptionSelected, "#style-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        """Close with the highlighted style, by the name exports use (`chicago` for chicago-author-date)."""
        style = self.highlighted
        if style is None:
            self.app.bell()
            return
        self.dismiss(style_name(style))

    def action_cancel(self) -> None:
        self.dismiss(None)
