"""SVG snapshots of quotes in the app: marked quotes with the note strip, a visual selection, the note editor.

Update with `pytest tests/test_snapshots_quotes.py --snapshot-update` after a deliberate change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import INTERVIEW_ID, PANEL_ID, build_library

from sayso.tui.app import SaysoApp


@pytest.fixture
def app(tmp_path: Path) -> SaysoApp:
    lib = build_library(tmp_path / "lib")
    lib.quotes.add(
        PANEL_ID,
        exact="Closed models hide their failures.",
        note="The key claim [b]not markup[/b]",
        tags=["open", "risk"],
    )
    lib.quotes.add(PANEL_ID, exact="The question is whether secrecy makes us safer.", tags=["secrecy"])
    lib.quotes.add(INTERVIEW_ID, exact="Computers reward curiosity.")
    return SaysoApp(lib)


async def _open(pilot, doc_id: str, passage: int, sentence: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    pilot.app.screen.open_document(doc_id, passage, sentence)
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


def test_marked_quotes_and_the_note_under_the_cursor(snap_compare, app: SaysoApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open(pilot, PANEL_ID, 1, 2)

    assert snap_compare(app, terminal_size=(110, 28), run_before=run_before)


def test_visual_selection_at_80x24(snap_compare, app: SaysoApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open(pilot, PANEL_ID, 2, 0)
        await pilot.press("v", "right_parenthesis", "b")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_note_editor_with_tags(snap_compare, app: SaysoApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open(pilot, PANEL_ID, 1, 2)
        await pilot.press("a")
        for _ in range(3):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press(*" and more", "tab", *"sec")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
