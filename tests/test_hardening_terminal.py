"""Odd terminals: without a usable terminal the app says so in one line and writes no escape code; the CLI
never writes escape codes, even in a real terminal; NO_COLOR in a real terminal (tmux) draws no hue.

tests/test_cli.py covers the exit code and message for piped output and TERM=dumb; tests/test_e2e_tmux.py
covers NO_COLOR's greys around the reader's cursor.  Here: the bytes themselves, every way in.
"""

from __future__ import annotations

import os
import pty
import re
import select
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ESC_OR_CSI = re.compile(rb"\x1b|\xc2\x9b|\x9b")


def env_without(*names: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in names and k != "SAYSO_DATA"}
    env.update(extra)
    return env


def run_in_pty(
    argv: list[str], env: dict[str, str], stdin_tty: bool = True, stdout_tty: bool = True, timeout: float = 30.0
) -> tuple[int, bytes, bytes]:
    """Run `argv` with a pseudo-terminal on the chosen ends; return (exit code, terminal bytes, stderr bytes)."""
    primary, secondary = pty.openpty()
    stdin = secondary if stdin_tty else subprocess.DEVNULL
    stdout = secondary if stdout_tty else subprocess.PIPE
    proc = subprocess.Popen(argv, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, cwd=REPO, env=env)
    os.close(secondary)
    screen = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                chunk = b""
            if not chunk and proc.poll() is not None:
                break
            screen += chunk
        elif proc.poll() is not None:
            break
    else:
        proc.kill()
        raise AssertionError(f"{argv} did not finish in {timeout}s; screen: {screen[-500:]!r}")
    out, err = proc.communicate(timeout=10)
    os.close(primary)
    return proc.returncode, screen + (out or b""), err


@pytest.mark.parametrize(
    ("stdin_tty", "stdout_tty", "term"),
    [
        (True, False, "xterm-256color"),
        (False, True, "xterm-256color"),
        (False, False, "xterm-256color"),
        (True, True, "dumb"),
    ],
    ids=["stdout-piped", "stdin-not-a-tty", "no-terminal-at-all", "term-dumb"],
)
def test_the_app_without_a_usable_terminal_is_one_clear_line_and_no_escape(
    tmp_path: Path, stdin_tty: bool, stdout_tty: bool, term: str
) -> None:
    rc, screen, err = run_in_pty(
        [sys.executable, "-m", "sayso", "--data", str(tmp_path / "data")],
        env_without("NO_COLOR", TERM=term),
        stdin_tty=stdin_tty,
        stdout_tty=stdout_tty,
    )
    assert rc != 0
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sayso: error: "), err
    assert "terminal" in lines[0] or "TERM" in lines[0]
    assert not ESC_OR_CSI.search(screen), screen[:200]
    assert not ESC_OR_CSI.search(err)


def test_cli_commands_in_a_real_terminal_write_no_escape_codes(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    doc = tmp_path / "talk.txt"
    doc.write_text("Ada Park: Hello there, everyone.\n\nBen Cho: Thanks for having me.\n", encoding="utf-8")
    for no_color in ({"NO_COLOR": "1"}, {}):
        env = env_without("NO_COLOR", TERM="xterm-256color", **no_color)
        for argv in (
            ["import", str(doc)],
            ["docs"],
            ["show", "talk"],
            ["speakers"],
            ["search", "hello"],
            ["quotes"],
            ["where"],
            ["--help"],
            ["show", "nothing-matches"],
        ):
            _rc, screen, err = run_in_pty([sys.executable, "-m", "sayso", "--data", data, *argv], env)
            assert not ESC_OR_CSI.search(screen), (argv, screen[:300])
            assert not ESC_OR_CSI.search(err), (argv, err[:300])


@pytest.mark.slow
@pytest.mark.e2e
def test_no_color_in_tmux_draws_no_hue_anywhere(tmp_path: Path) -> None:
    """Every pane (documents, speakers, search with hits, reader, help), not only the reader."""
    from tmux_support import Tmux, sayso_command
    from tui_support import build_library

    data = tmp_path / "data"
    build_library(data)
    tmux = Tmux(120, 36)
    styled: list[str] = []
    try:
        tmux.start(f"env NO_COLOR=1 {shlex.quote(str(sayso_command()))} --data {shlex.quote(str(data))}")
        tmux.wait_for("Panel on open models")
        for keys, expect in (
            (["Enter"], "Welcome to the panel."),
            (["2"], "Ada Lovelace"),
            (["/", "lit:models"], "result"),
            (["Escape", "F1"], "Keys in"),
        ):
            tmux.keys(*keys)
            tmux.wait_for(expect)
            styled.append(tmux.run("capture-pane", "-t", "t", "-p", "-e"))
        tmux.keys("Escape", "C-q")
    finally:
        tmux.close()
    text = "\n".join(styled)
    assert "\x1b[" in text  # capture -e does carry the styling
    greys = {0, 7, 8, 15, 16, 59, 102, 145, 188, 231, *range(232, 256)}
    for index in re.findall(r"[34]8;5;(\d+)", text):
        assert int(index) in greys, f"256-colour {index} under NO_COLOR"
    for r, g, b in re.findall(r"[34]8;2;(\d+);(\d+);(\d+)", text):
        assert r == g == b, f"truecolour {r},{g},{b} under NO_COLOR"
    for code in re.findall(r"\x1b\[([0-9;]*)m", text):
        parts = code.split(";")
        i = 0
        while i < len(parts):
            if parts[i] in ("38", "48") and i + 1 < len(parts):
                i += 3 if parts[i + 1] == "5" else 5
                continue
            if parts[i].isdigit():
                n = int(parts[i])
                assert not (31 <= n <= 36 or 41 <= n <= 46 or 91 <= n <= 96 or 101 <= n <= 106), f"ANSI hue {n}"
            i += 1
