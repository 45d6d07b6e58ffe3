"""End to end in tmux: keep and annotate a quote by keys; a hangup or SIGTERM while typing a note keeps the draft."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import time
from pathlib import Path

import pytest
from tmux_support import Tmux, sayso_command
from tui_support import build_library

from sayso.corpus.library import Library

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    build_library(folder)
    return folder


def start(tmux: Tmux, data_dir: Path) -> None:
    pid_file = data_dir.parent / "sayso.pid"
    command = f"echo $$ > {shlex.quote(str(pid_file))}; exec {shlex.quote(str(sayso_command()))} --data {shlex.quote(str(data_dir))}"
    tmux.start(f"sh -c {shlex.quote(command)}")
    tmux.wait_for("Panel on open models")


def sayso_pid(data_dir: Path) -> int:
    return int((data_dir.parent / "sayso.pid").read_text().strip())


def gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def type_a_note(tmux: Tmux, note: str) -> None:
    """Open the panel, select the second turn's first sentence and start a note on it."""
    tmux.keys("Enter")
    tmux.wait_for("Welcome to the panel.")
    tmux.keys("J", "v")
    tmux.wait_for("VISUAL")
    tmux.keys("a")
    tmux.wait_for("Note for")
    tmux.keys(f"lit:{note}")
    tmux.wait_for(note)


def test_keep_annotate_copy_and_list_a_quote_in_tmux(tmux: Tmux, data_dir: Path) -> None:
    start(tmux, data_dir)
    tmux.keys("Enter")
    tmux.wait_for("Welcome to the panel.")
    tmux.keys("J", "j", "v", "b", "m")
    tmux.wait_for("Quote saved")
    tmux.keys("a")
    tmux.wait_for("Note for")
    tmux.keys("lit:a claim worth keeping", "Tab", "lit:open,", "C-s")
    tmux.wait_for("Note saved")
    tmux.keys("y")
    tmux.wait_for("Copied")
    buffers = tmux.run("show-buffer", check=False)
    assert buffers.startswith(
        "\u201cI think open weights matter because researchers can inspect\u201d"
    )  # OSC 52 landed in tmux
    assert "Turing, A. (2024" in buffers
    tmux.keys("5")
    tmux.wait_for("1 quote", "\u201cI think open weights")  # the row in the Quotes pane
    tmux.keys("C-q")
    [quote] = Library.open(data_dir).quotes.list()
    assert quote.note == "a claim worth keeping" and quote.tags == ["open"]


@pytest.mark.parametrize("how", ["hangup", "sigterm"])
def test_a_hangup_or_sigterm_while_typing_keeps_the_draft(tmux: Tmux, data_dir: Path, how: str) -> None:
    start(tmux, data_dir)
    pid = sayso_pid(data_dir)
    type_a_note(tmux, f"typed before the {how}")
    if how == "hangup":
        subprocess.run(["tmux", "-L", tmux.socket, "kill-session", "-t", "t"], check=False, timeout=20)  # SIGHUP
    else:
        os.kill(pid, signal.SIGTERM)
    assert gone(pid), "sayso did not exit after the signal"
    drafts = Library.open(data_dir).quotes.drafts()
    assert list(drafts.values()) == [f"typed before the {how}"]
    # Next start: the draft is offered and reopens in the note editor.
    tmux.close()
    again = Tmux(100, 30)
    try:
        start(again, data_dir)
        again.wait_for("1 unsaved note from last time")
        again.keys("R")
        again.wait_for(f"typed before the {how}")
        again.keys("C-s")
        again.wait_for("Quote saved with its note")
        again.keys("C-q")
    finally:
        again.close()
    book = Library.open(data_dir).quotes
    assert [q.note for q in book.list()] == [f"typed before the {how}"]
    assert book.drafts() == {}
