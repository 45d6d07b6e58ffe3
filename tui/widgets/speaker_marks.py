"""How the pictures tell speakers apart: the transcript's colour slot plus a glyph per slot.

Colour alone disappears with NO_COLOR (and two slots may look alike in 16
colours), so every speaker also gets a fill pattern: the timeline strip and
the talk-share chart draw with it and their legends repeat it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sayso.tui.widgets.transcript import SPEAKER_STYLES

#: One fill per colour slot, distinct in shape (slot 0 solid, then shades and hatches).
GLYPHS = ("█", "▒", "▞", "░", "▓", "≡")
#: Turns attributed to no one (titles, stage directions).
NOBODY_GLYPH = "·"

assert len(GLYPHS) == SPEAKER_STYLES


def speaker_slots(speakers_in_order: Iterable[str | None]) -> dict[str, int]:
    """Each speaker's colour slot, by order of first appearance, as the transcript gives them."""
    slots: dict[str, int] = {}
    for name in speakers_in_order:
        if name and name not in slots:
            slots[name] = len(slots) % SPEAKER_STYLES
    return slots
