"""Fixtures shared by the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

#: ../shared beside the repository (read-only seeds and real transcripts).
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def shared() -> Path:
    """The Path of ../shared; the test is skipped when it is not there."""
    if not SHARED.is_dir():
        pytest.skip(f"shared test material not found at {SHARED}")
    return SHARED
