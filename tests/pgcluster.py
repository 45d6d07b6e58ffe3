"""A throwaway PostgreSQL cluster for the team-mode tests and benchmarks.

`initdb` in a temp folder, a free port on 127.0.0.1 and a Unix socket in the
folder, stopped and deleted at the end.  Local socket connections are trusted
(the tests connect as any role they create); TCP connections need a password
(scram), so `.pgpass` and `PGPASSFILE` are exercised as a member would use them.

PostgreSQL refuses to run as root: when the tests run as root (CI in a
container), the cluster runs as the `postgres` user Debian's package creates.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

#: Folders Debian and others install PostgreSQL's server programs in (initdb is not on PATH there).
_BIN_GLOBS = ("/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin", "/opt/homebrew/opt/postgresql*/bin")


def server_bin() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    for pattern in _BIN_GLOBS:
        for folder in sorted(Path("/").glob(pattern.lstrip("/")), reverse=True):
            if (folder / "initdb").exists():
                return folder
    return None


def why_unavailable() -> str | None:
    """Why a cluster cannot be started here (None: it can)."""
    if server_bin() is None:
        return "PostgreSQL's server programs (initdb) are not installed; .ci/run installs them from Debian"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """One running cluster: `url(user)` connects over the socket, `tcp_url(user, password)` over TCP."""

    def __init__(self) -> None:
        self.bin = server_bin()
        if self.bin is None:
            raise RuntimeError(why_unavailable())
        self.root = Path(tempfile.mkdtemp(prefix="sayso-pg-"))
        self.data = self.root / "data"
        self.sock = self.root / "sock"
        self.port = _free_port()
        self.log = self.root / "server.log"
        self._as: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chmod(self.root, 0o755)
            self._as = ["runuser", "-u", "postgres", "--"]
            self.sock.mkdir()
            os.chown(self.sock, user.pw_uid, user.pw_gid)
            self.data.mkdir()
            os.chown(self.data, user.pw_uid, user.pw_gid)
            self.log.touch()
            os.chown(self.log, user.pw_uid, user.pw_gid)
        else:
            self.sock.mkdir()
        self.superuser = "postgres"
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            self.superuser,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        conf = self.data / "postgresql.conf"
        with conf.open("a") as f:
            f.write(
                f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.sock}'\nfsync = on\nsynchronous_commit = on\n"
                "shared_buffers = 128MB\nmax_connections = 60\n"
            )
        self.start()

    def _run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        assert self.bin is not None
        return subprocess.run(
            [*self._as, str(self.bin / program), *args],
            check=check,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def restart(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-m", "fast", "-w", "-t", "60", "restart")

    def url(self, user: str | None = None, db: str = "postgres") -> str:
        """A connection URL over the Unix socket (trusted: no password)."""
        return (
            f"postgresql://{quote(user or self.superuser)}@/{db}?host={quote(str(self.sock), safe='')}&port={self.port}"
        )

    def tcp_url(self, user: str, db: str = "postgres", password: str | None = None) -> str:
        auth = f"{quote(user)}:{quote(password, safe='')}" if password is not None else quote(user)
        return f"postgresql://{auth}@127.0.0.1:{self.port}/{db}"

    def create_database(self, name: str) -> str:
        """A new empty database; returns its superuser URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(db=name)

    def sql(self, statement: str, db: str = "postgres", user: str | None = None) -> None:
        import psycopg

        with psycopg.connect(self.url(user, db), autocommit=True) as conn:
            conn.execute(statement)  # type: ignore[arg-type]

    def close(self) -> None:
        self.stop("immediate")
        with contextlib.suppress(OSError):
            shutil.rmtree(self.root)


def wait_for(predicate, timeout: float = 10.0, every: float = 0.05) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return bool(predicate())
