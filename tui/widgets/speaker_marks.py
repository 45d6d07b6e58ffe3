"""How the pictures tell speakers apart: the transcript's colour slot plus a glyph per slot.

Colour alone disappears with NO_COLOR (and two slots may look alike in 16
colours), so every speaker also gets a fill pattern: the timeline strip and
the talk-share chart draw with it and their legends repeat it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sayso.tui.widgets.transcript import SPEAKER_STYLES

#: Fills distinct in shape, one per speaker in order of first appearance (the first solid); there are more
#: of them than colour slots, so the seventh speaker, who shares the first one's colour, still has a fill of
#: their own.
GLYPHS = ("█", "▒", "▞", "░", "▓", "≡", "▚", "╳", "▦", "◆")
#: Turns attributed to no one (titles, stage directions).
NOBODY_GLYPH = "·"


def speaker_order(speakers_in_order: Iterable[str | None]) -> dict[str, int]:
    """Each speaker's number in order of first appearance (None, no one, is left out)."""
    order: dict[str, int] = {}
    for name in speakers_in_order:
        if name and name not in order:
            order[name] = len(order)
    return order


def colour_slot(number: int) -> int:
    """The colour slot of the speaker `number`, as the transcript gives it."""
    return number % SPEAKER_STYLES


def glyph(number: int) -> str:
    """The fill of the speaker `number`."""
    return GLYPHS[number % len(GLYPHS)]
