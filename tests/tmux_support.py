"""Drive a program inside a private tmux server and read its screen, for end-to-end tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest


def sayso_command() -> Path:
    """The installed `sayso` script next to the running Python, or skip."""
    script = Path(sys.executable).parent / "sayso"
    if not script.exists():
        pytest.skip(f"the sayso console script is not installed beside {sys.executable}")
    return script


class Tmux:
    """A private tmux server (own socket, no user config) with one window of a fixed size."""

    def __init__(self, width: int = 100, height: int = 30) -> None:
        if shutil.which("tmux") is None:
            pytest.skip("tmux is not installed (apt-get install tmux)")
        self.socket = f"sayso-test-{uuid.uuid4().hex[:8]}"
        self.width, self.height = width, height

    def run(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=20,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def start(self, command: str, env: dict[str, str] | None = None) -> None:
        """Open the session running `command` (a shell string), with set-clipboard on so OSC 52 would land in a buffer."""
        environment = {**os.environ, "TERM": "screen-256color", **(env or {})}
        subprocess.run(
            [
                "tmux",
                "-L",
                self.socket,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                str(self.width),
                "-y",
                str(self.height),
                "sleep 600",
            ],
            check=True,
            env=environment,
            timeout=20,
        )
        self.run("set-option", "-g", "set-clipboard", "on")
        self.run("set-option", "-g", "allow-rename", "on")
        self.run("set-option", "-g", "escape-time", "10")
        self.run("select-pane", "-t", "t", "-T", "sayso-e2e-title")
        self.run("respawn-pane", "-k", "-t", "t", command)

    def keys(self, *keys: str, pause: float = 0.15) -> None:
        """Send each key (tmux key names, or literal text with `-l`) with a small pause between."""
        for key in keys:
            if key.startswith("lit:"):
                self.run("send-keys", "-t", "t", "-l", key[4:])
            else:
                self.run("send-keys", "-t", "t", key)
            time.sleep(pause)

    def screen(self) -> str:
        return self.run("capture-pane", "-t", "t", "-p")

    def wait_for(self, *texts: str, timeout: float = 15.0) -> str:
        """The screen once it shows every one of `texts`; fails with the last screen after `timeout`.

        A capture can land in the middle of a repaint (over ssh most of all), so a test waits
        for everything it expects to see rather than waiting for one string and asserting the rest.
        """
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.1)
        missing = [text for text in texts if text not in screen]
        raise AssertionError(f"{missing!r} never appeared; screen was:\n{screen}")

    def pane_title(self) -> str:
        return self.run("display-message", "-p", "-t", "t", "#{pane_title}").strip()

    def buffers(self) -> str:
        return self.run("list-buffers", check=False)

    def close(self) -> None:
        self.run("kill-server", check=False)
