"""200 random terminal resizes, down to 20x5, while a long document is open: no exception, "too small"
whenever the size is below the minimum and only then, and keys still answered afterwards.

tests/test_tui.py checks the layouts at a few fixed sizes; this hammers the resize path.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from tui_support import LONG_ID, PANEL_ID, build_library, screen_text

from sayso.corpus.library import Library

pytestmark = pytest.mark.slow


async def _settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_200_random_resizes_down_to_20x5(tmp_path: Path) -> None:
    from sayso.tui.app import SaysoApp
    from sayso.tui.screens.main import MIN_HEIGHT, MIN_WIDTH

    build_library(tmp_path / "data", long_turns=300)
    app = SaysoApp(Library.open(tmp_path / "data"))
    rng = random.Random(20)
    sizes = [(rng.randint(20, 200), rng.randint(5, 60)) for _ in range(196)]
    sizes += [(20, 5), (MIN_WIDTH - 1, MIN_HEIGHT), (MIN_WIDTH, MIN_HEIGHT - 1), (MIN_WIDTH, MIN_HEIGHT)]
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        screen = app.screen
        screen.open_document(LONG_ID)
        await _settle(app, pilot)
        reader = screen.reader
        message = screen.query_one("#too-small")
        for n, (width, height) in enumerate(sizes):
            await pilot.resize_terminal(width, height)
            if n % 7 == 0:
                await pilot.press(rng.choice(["j", "k", "pagedown", "G", "g", "tab"]))
            small = width < MIN_WIDTH or height < MIN_HEIGHT
            assert app.size == (width, height)
            assert screen.has_class("too-small") == small, (width, height)
            assert bool(message.display) == small, (width, height)
            if small:
                shown = str(message.render())
                assert "too small" in shown.lower() and f"{width}x{height}" in shown
        assert app.is_running
        # Back to a usable size: the reader redraws and answers keys.
        await pilot.resize_terminal(100, 30)
        await _settle(app, pilot)
        assert not screen.has_class("too-small")
        screen.action_show_pane("reader")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert reader.passage == 0 and any("Turn number 0." in line for line in screen_text(reader))
        await pilot.press("G")
        await pilot.pause()
        assert reader.passage == 299 and any("Turn number 299." in line for line in screen_text(reader))
        screen.open_document(PANEL_ID)
        await _settle(app, pilot)
        assert reader.document is not None and reader.document.id == PANEL_ID
        assert any("Welcome to the panel." in line for line in screen_text(reader))
