"""End to end over a real SSH connection to localhost: a throwaway sshd, `ssh -tt` inside tmux, sayso on the other side."""

from __future__ import annotations

import getpass
import os
import shlex
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_e2e_tmux import exercise
from tmux_support import Tmux, sayso_command
from tui_support import build_library

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SSHD_CANDIDATES = ("/usr/sbin/sshd", "/usr/local/sbin/sshd")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"sshd exited: {process.stderr.read().decode(errors='replace') if process.stderr else ''}"
            )
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("sshd did not start listening")


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """A private sshd on a free port that accepts one temporary key; yields (port, client key)."""
    sshd_bin = next((p for p in SSHD_CANDIDATES if os.path.exists(p)), shutil.which("sshd"))
    if sshd_bin is None or shutil.which("ssh") is None or shutil.which("ssh-keygen") is None:
        pytest.skip("openssh-server/openssh-client not installed (apt-get install openssh-server openssh-client)")
    if os.geteuid() == 0 and not os.path.isdir("/run/sshd"):
        try:
            os.makedirs("/run/sshd", mode=0o755)  # sshd's privilege separation folder, as the Debian unit creates it
        except OSError as exc:
            pytest.skip(f"cannot create /run/sshd for sshd: {exc}")
    keys = tmp_path / "ssh"
    keys.mkdir(mode=0o700)
    for name in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)], check=True, timeout=30)
    authorized = keys / "authorized_keys"
    authorized.write_text((keys / "client_key.pub").read_text())
    authorized.chmod(0o600)
    port = _free_port()
    config = keys / "sshd_config"
    config.write_text(
        "\n".join(
            [
                f"Port {port}",
                "ListenAddress 127.0.0.1",
                f"HostKey {keys / 'host_key'}",
                f"AuthorizedKeysFile {authorized}",
                f"PidFile {keys / 'sshd.pid'}",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                "PrintMotd no",
                "AcceptEnv LANG LC_*",
                "",
            ]
        )
    )
    process = subprocess.Popen(
        [sshd_bin, "-D", "-e", "-f", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        _wait_for_port(port, process)
        yield port, keys / "client_key"
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()


def test_sayso_over_ssh(sshd: tuple[int, Path], tmp_path: Path) -> None:
    port, client_key = sshd
    data = tmp_path / "data"
    build_library(data)
    remote = f"cd /tmp && TERM=xterm-256color {shlex.quote(str(sayso_command()))} --data {shlex.quote(str(data))}"
    ssh = [
        "ssh",
        "-tt",
        "-p",
        str(port),
        "-i",
        str(client_key),
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "BatchMode=yes",
        f"{getpass.getuser()}@127.0.0.1",
        remote,
    ]
    tmux = Tmux(100, 30)
    try:
        tmux.start(shlex.join(ssh))
        exercise(tmux)
    finally:
        tmux.close()
