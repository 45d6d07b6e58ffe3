"""Fixtures shared by the test suite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux_support import Tmux

#: ../shared beside the repository (read-only seeds and real transcripts).
SHARED = Path(__file__).resolve().parents[2] / "shared"


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
