"""`p` plays a recording from the moment with mpv (here a fake mpv on PATH), or hands back a link (issue 16)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from sayso.tui.player import Player


def fake_mpv(folder: Path, log: Path, *, linger: bool = False) -> Path:
    """An `mpv` that writes its arguments, one per line, to `log` (and with `linger`, keeps running)."""
    script = folder / "mpv"
    script.write_text(
        "#!/bin/sh\n"
        f'for a in "$@"; do printf "%s\\n" "$a"; done > "{log}.tmp" && mv "{log}.tmp" "{log}"\n'
        + ("exec sleep 30\n" if linger else ""),
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


def wait_for(path: Path) -> list[str]:
    deadline = time.monotonic() + 10
    while not path.exists():
        assert time.monotonic() < deadline, "the player was not started"
        time.sleep(0.02)
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell for the fake mpv")
def test_a_local_session_plays_the_recording_from_the_moment(tmp_path: Path) -> None:
    log = tmp_path / "args"
    fake_mpv(tmp_path, log)
    media = tmp_path / "-hearing.mp3"
    media.write_bytes(b"ID3")
    player = Player(env={"DISPLAY": ":0", "PATH": str(tmp_path)}, which=lambda n: shutil.which(n, path=str(tmp_path)))
    outcome = player.play(str(media), 754.25)
    assert outcome.played, outcome.reason
    assert wait_for(log) == ["--start=754.25", "--no-terminal", "--force-window=immediate", "--", str(media)]
    assert outcome.link.endswith("#t=754")


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell for the fake mpv")
def test_one_recording_plays_at_a_time_and_none_outlives_stop(tmp_path: Path) -> None:
    log = tmp_path / "args"
    fake_mpv(tmp_path, log, linger=True)
    media = tmp_path / "talk.mp3"
    media.write_bytes(b"ID3")
    player = Player(env={"DISPLAY": ":0"}, which=lambda n: shutil.which(n, path=str(tmp_path)))
    assert player.play(str(media), 1).played
    wait_for(log)
    first = player._process
    assert first is not None and first.poll() is None
    log.unlink()
    assert player.play(str(media), 2).played
    assert first.poll() is not None  # the first player was stopped
    assert wait_for(log)[0] == "--start=2.00"
    second = player._process
    player.stop()
    assert second is not None and second.poll() is not None
    with pytest.raises(ProcessLookupError):
        os.killpg(second.pid, 0)  # nothing left in its session either


def test_over_ssh_or_without_mpv_the_link_is_given_instead(tmp_path: Path) -> None:
    media = tmp_path / "talk.mp3"
    media.write_bytes(b"ID3")
    ssh = Player(env={"SSH_CONNECTION": "1 2 3 4", "DISPLAY": ":0"}, which=lambda n: "/usr/bin/mpv")
    outcome = ssh.play("https://www.youtube.com/watch?v=a95KMDHf4vQ", 90)
    assert not outcome.played and "SSH" in outcome.reason
    assert outcome.link == "https://www.youtube.com/watch?v=a95KMDHf4vQ&t=90"
    missing = Player(env={"DISPLAY": ":0"}, which=lambda n: None).play(str(media), 5)
    assert not missing.played and "mpv" in missing.reason and missing.link.endswith("#t=5")
    gone = Player(env={"DISPLAY": ":0"}, which=lambda n: "/usr/bin/mpv").play(str(tmp_path / "gone.mp3"), 5)
    assert not gone.played and "not there" in gone.reason
