"""KeyHints: the footer line naming the keys that matter in the focused pane.

Textual's `Footer` mounts one widget per key and rebuilds them all whenever
the focus moves, which costs tens of milliseconds on every pane switch and
every document opened (measured: three rebuilds, 30-120 ms, while opening a
document).  The hints are only a line of text, so this draws them as one:
a focus change costs a comparison and, if the keys differ, one repaint.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget

#: One hint: (key as shown, description, enabled).
Hint = tuple[str, str, bool]

_DISABLED = Style(dim=True)


class KeyHints(Widget, can_focus=False):
    """The shown bindings of the focused widget and its ancestors, plus the command palette key on the right."""

    COMPONENT_CLASSES = {"key-hints--key", "key-hints--description", "key-hints--palette"}

    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.hints: tuple[Hint, ...] = ()
        self.palette: tuple[str, str] | None = None
        self._pending = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # Read the bindings once the change that announced them has settled (several
        # announcements in a row cost one read).
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._read_bindings)

    def _read_bindings(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        active = self.screen.active_bindings
        hints: list[Hint] = []
        actions: set[str] = set()
        for _node, binding, enabled, _tooltip in active.values():
            # Several keys for one action ("j,down") show once, as the first.
            if binding.show and binding.action not in actions:
                actions.add(binding.action)
                hints.append((self.app.get_key_display(binding), binding.description, enabled))
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            binding = active[self.app.COMMAND_PALETTE_BINDING].binding
            palette = (self.app.get_key_display(binding), binding.description)
        if (tuple(hints), palette) != (self.hints, self.palette):
            self.hints, self.palette = tuple(hints), palette
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-hints--key", partial=True)
        description_style = self.get_component_rich_style("key-hints--description", partial=True)
        line = Text(end="", no_wrap=True)
        for key, description, enabled in self.hints:
            extra = Style() if enabled else _DISABLED
            line.append(key, key_style + extra)
            line.append(f" {description} " if description else " ", description_style + extra)
        right = Text(end="")
        if self.palette is not None:
            key, description = self.palette
            right.append("▏", self.get_component_rich_style("key-hints--palette", partial=True))
            right.append(key, key_style)
            right.append(f" {description}", description_style)
        room = max(0, self.size.width - right.cell_len)
        line.truncate(room, overflow="ellipsis", pad=True)
        line.append_text(right)
        line.stylize_before(self.rich_style)  # the bar's background under keys whose own is transparent
        return line
