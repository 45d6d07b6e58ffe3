"""SVG snapshots of the main screens at fixed sizes (pytest-textual-snapshot).

The library is built from fixed parsed documents (tests/tui_support.py), so the
pictures depend on the app only, not on importers, tmp paths or the clock.
Update with `pytest tests/test_snapshots.py --snapshot-update` after a deliberate change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import HOSTILE_ID, INTERVIEW_ID, PANEL_ID, build_library

from sayso.tui.app import SaysoApp
from sayso.tui.screens.main import MainScreen


@pytest.fixture
def app(tmp_path: Path) -> SaysoApp:
    return SaysoApp(build_library(tmp_path / "lib"))


async def _loaded(pilot) -> MainScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen


def _open(doc_id: str, passage: int = 0, sentence: int = 0):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        screen = await _loaded(pilot)
        screen.open_document(doc_id, passage, sentence)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


def test_documents_pane(snap_compare, app: SaysoApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(110, 28), run_before=_loaded)


def test_reader_with_sentence_cursor(snap_compare, app: SaysoApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(110, 28), run_before=_open(PANEL_ID, 1, 1))


def test_reader_at_80x24(snap_compare, app: SaysoApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open(PANEL_ID, 4, 0))


def test_wide_layout_at_140x40(snap_compare, app: SaysoApp) -> None:  # type: ignore[no-untyped-def]
    """Documents over Speakers, Search beside them, the reader on the right."""
    assert snap_compare(app, terminal_size=(140, 40), run_before=_open(PANEL_ID, 4, 0))


def test_speaker_lens(snap_compare, app: SaysoApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        screen = await _loaded(pilot)
        screen.set_lens("Grace Hopper")
        screen.open_document(INTERVIEW_ID, 1)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(110, 28), run_before=run_before)


def test_untrusted_text_literal(snap_compare, app: SaysoApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(110, 28), run_before=_open(HOSTILE_ID))


def test_help_screen(snap_compare, app: SaysoApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open(PANEL_ID)(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 34), run_before=run_before)


def test_light_theme(snap_compare, app: SaysoApp) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open(PANEL_ID, 2, 1)(pilot)
        pilot.app.theme = "sayso-light"
        await pilot.pause()

    assert snap_compare(app, terminal_size=(110, 28), run_before=run_before)


def test_too_small(snap_compare, app: SaysoApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(38, 9), run_before=_loaded)
