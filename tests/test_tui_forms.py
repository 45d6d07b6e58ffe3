"""Dialogs with several fields: a burst of keys after tab lands in the next field, not the one being left.

A user trial typed "Bryan Cantrill<tab>Engineer<tab>Oxide" into the person dialog in one burst (as a fast
typist or a terminal replaying input does) and saved the name "Bryan CantrillE": Textual hands each key to
the focused widget as it arrives, before the tab that moves the focus has been handled.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input
from tui_support import build_library, settle

from sayso.corpus.library import Library
from sayso.tui.app import SaysoApp
from sayso.tui.screens.export_dialog import ExportDialog


@pytest.fixture
def library(tmp_path: Path) -> Library:
    build_library(tmp_path / "lib")
    return Library.open(tmp_path / "lib")


def burst(app: SaysoApp, keys: list[str]) -> None:
    """`keys` queued at once, as a terminal delivers typed-ahead input."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_keys_typed_ahead_of_a_tab_go_to_the_next_field(library: Library) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path = dialog.query_one("#export-path", Input)
        assert app.focused is path
        before = path.value
        burst(app, ["x", "shift+tab", "a", "b"])
        await pilot.pause(0.3)
        assert path.value == before + "x"  # "ab" went where shift+tab moved the focus, not here
        assert app.focused is not path
