"""SafeInput: a text field that never holds, and so never draws, a raw control character."""

from __future__ import annotations

from textual.widgets import Input

from sayso.corpus.safety import visible


class SafeInput(Input):
    """An `Input` whose value has its control characters made visible (`corpus.safety.visible`).

    Textual draws a field's value and its completion as they are, so a pasted escape sequence,
    or a completion taken from a file name, would reach the terminal; here they are shown instead.
    """

    def validate_value(self, value: str) -> str:
        """Every way in (typing, paste, completion, code) ends here: keep the value visible."""
        return visible(value, keep_newlines=False)

    def insert(self, text: str, index: int) -> None:
        """Insert `text` made visible first, so the cursor lands after what is shown."""
        super().insert(visible(text, keep_newlines=False), index)

    def replace(self, text: str, start: int, end: int) -> None:
        """Replace the range with `text` made visible first (paste over a selection)."""
        super().replace(visible(text, keep_newlines=False), start, end)
