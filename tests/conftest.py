"""Fixtures shared by the test suite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux_support import Tmux

#: ../shared beside the repository (read-only seeds and real transcripts).
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True, scope="session")
def private_user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The user's own config file and remembered state (theme) neither steer the tests nor get written by
    them: every test, and every sayso it starts, gets config and state folders of the test session."""
    base = tmp_path_factory.mktemp("user")
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    patch.setenv("XDG_STATE_HOME", str(base / "state"))
    patch.delenv("SAYSO_CONFIG", raising=False)
    yield
    patch.undo()


@pytest.fixture
def shared() -> Path:
    """The Path of ../shared; the test is skipped when it is not there."""
    if not SHARED.is_dir():
        pytest.skip(f"shared test material not found at {SHARED}")
    return SHARED


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    """A private 100x30 tmux server for one test (skipped where tmux is not installed)."""
    session = Tmux(100, 30)
    try:
        yield session
    finally:
        session.close()


# -- team mode: a throwaway PostgreSQL cluster (tests/pgcluster.py) ------------------------------------


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[object]:
    """One PostgreSQL cluster for the session's team-mode tests (skipped with the reason where it cannot run)."""
    from pgcluster import Cluster, why_unavailable

    why = why_unavailable()
    if why:
        pytest.skip(why)
    cluster = Cluster()
    try:
        yield cluster
    finally:
        cluster.close()


_archives = iter(range(1, 1_000_000))


@pytest.fixture
def archive_url(pg_cluster: object) -> str:
    """A fresh database with a sayso archive initialised in it; its superuser URL."""
    from sayso.corpus.server.admin import migrate
    from sayso.corpus.server.pg import Server

    url = pg_cluster.create_database(f"archive{next(_archives)}")  # type: ignore[attr-defined]
    server = Server(url)
    try:
        migrate(server, initial=True)
    finally:
        server.close()
    return url
