"""`sayso serve`: the app in a web browser (textual-serve), checked with headless Chromium and a websocket."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_support import build_library

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[1]


def plain(data: bytes) -> str:
    """The terminal output without its escape sequences (colours, cursor moves)."""
    text = data.decode("utf-8", "replace")
    return re.sub(r"\x1b\][^\x07]*\x07|\x1b\[[0-9;?$<>=]*[ -/]*[@-~]", "", text)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    data = tmp_path / "data"
    build_library(data)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "sayso", "--data", str(data), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        start_new_session=True,  # the server and the app sessions it starts go together
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/", timeout=2) as page:
                    assert page.status == 200
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    why = server.stderr.read() if server.stderr else ""
                    raise AssertionError(f"sayso serve did not start: {why}") from None
                time.sleep(0.2)
        yield port, server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)


def test_serve_says_it_listens_on_this_machine_only(served: tuple[int, subprocess.Popen[str]]) -> None:
    port, server = served
    os.killpg(server.pid, signal.SIGTERM)
    _, err = server.communicate(timeout=10)
    assert f"serving the app on http://localhost:{port} (this machine only)" in err


def test_the_app_draws_its_documents_pane_for_a_browser(served: tuple[int, subprocess.Popen[str]]) -> None:
    """What a browser's terminal receives over the websocket is the app, Documents pane and all."""
    import aiohttp

    port, _ = served

    async def screen() -> str:
        seen = b""
        url = f"http://localhost:{port}/ws?width=110&height=30"
        async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    message = await ws.receive(timeout=2)
                except TimeoutError:
                    continue
                if message.type == aiohttp.WSMsgType.BINARY:
                    seen += message.data
                elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                    break
                text = plain(seen)
                if "Documents" in text and "Panel on open models" in text:
                    break
        return plain(seen)

    drawn = asyncio.run(screen())
    assert "Documents" in drawn and "Speakers" in drawn and "Panel on open models" in drawn


def test_headless_chromium_opens_the_page_and_its_terminal_connects(
    served: tuple[int, subprocess.Popen[str]], tmp_path: Path
) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (.ci/run installs it from Debian)")
    port, _ = served
    done = subprocess.run(
        [
            browser,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'chromium'}",
            "--window-size=1200,800",
            "--virtual-time-budget=15000",
            "--dump-dom",
            f"http://localhost:{port}/",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "textual-terminal -connected" in done.stdout, done.stdout[-2000:]
    assert "xterm-screen" in done.stdout
