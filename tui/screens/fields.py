"""Keys every dialog with several fields shares."""

from __future__ import annotations

from textual.binding import Binding, BindingType

#: Tab and shift+tab move between a dialog's fields as priority bindings, handled as soon as they arrive.
#: Textual hands each key to the focused widget as it arrives, so in a burst of keys (fast typing, a
#: terminal replaying input) the keys after a tab reached the field being left: "Bryan Cantrill<tab>Engineer"
#: saved the name "Bryan CantrillE" (a user trial).
FIELD_KEYS: list[BindingType] = [
    Binding("tab", "app.focus_next", "Next field", show=False, priority=True, id="dialog.next_field"),
    Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True, id="dialog.previous_field"),
]
