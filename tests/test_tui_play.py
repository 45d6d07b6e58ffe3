"""`p` in the app (issue 16): the recording plays from the turn, hit or quote under the cursor with mpv (a fake
one on PATH records its arguments), or over SSH a link to that moment is copied instead, and sayso says which."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from test_player import fake_mpv, wait_for
from tui_support import PANEL, PANEL_ID, build_library, settle

from sayso.corpus.library import Library
from sayso.tui.app import SaysoApp
from sayso.tui.player import Player
from sayso.tui.screens.main import MainScreen

pytestmark = pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell for the fake mpv")


@pytest.fixture
def library(tmp_path: Path) -> Library:
    folder = tmp_path / "lib"
    build_library(folder)
    lib = Library.open(folder)
    (tmp_path / "panel.mp3").write_bytes(b"ID3")
    lib.edit_document(PANEL_ID, media=str(tmp_path / "panel.mp3"))
    return lib


def notices(app: SaysoApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def open_panel(app: SaysoApp, pilot, passage: int) -> MainScreen:  # type: ignore[no-untyped-def]
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    screen.open_document(PANEL_ID, passage)
    await settle(app, pilot)
    return screen


async def test_p_plays_the_recording_from_the_turn_under_the_cursor(library: Library, tmp_path: Path) -> None:
    log = tmp_path / "mpv-args"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake_mpv(bin_dir, log, linger=True)
    app = SaysoApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_panel(app, pilot, 4)
        screen.player = Player(env={"DISPLAY": ":0"}, which=lambda n: shutil.which(n, path=str(bin_dir)))
        await pilot.press("p")
        await pilot.pause()
        args = wait_for(log)
        assert args[0] == f"--start={PANEL[4].start:.2f}" and args[-1] == str(tmp_path / "panel.mp3")
        assert any("Playing" in n and "01:04" in n for n in notices(app)), notices(app)
        player = screen.player._process
        assert player is not None and player.poll() is None
    # Quitting sayso stops the player.
    deadline = time.monotonic() + 5
    while player.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert player.poll() is not None


async def test_over_ssh_p_copies_a_link_to_the_moment(library: Library, tmp_path: Path) -> None:
    app = SaysoApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_panel(app, pilot, 2)
        screen.player = Player(env={"SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22"}, which=lambda n: "/usr/bin/mpv")
        copied: list[str] = []
        screen.put_on_clipboard = lambda text, words, shown=None: copied.append(text)  # type: ignore[method-assign]
        await pilot.press("p")
        await pilot.pause()
        assert copied == [(tmp_path / "panel.mp3").as_uri() + "#t=31"]


async def test_without_a_recording_or_a_timestamp_p_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    build_library(folder)
    app = SaysoApp(Library.open(folder))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_panel(app, pilot, 1)
        screen.player = Player(env={"DISPLAY": ":0"}, which=lambda n: "/usr/bin/mpv")
        await pilot.press("p")
        await pilot.pause()
        assert any("names no recording" in n and "--media" in n for n in notices(app)), notices(app)
