"""The code checks a reviewer would run, as part of the one test command a developer runs.

ruff (lint and format), mypy (strict for the headless library, default settings for the rest) and
import-linter's contracts in pyproject.toml (corpus imports no front end, the app no CLI, one module
per outside library, no cycles in corpus).  `.ci/run` runs them first and sets SAYSO_CHECKS_PASSED.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("SAYSO_CHECKS_PASSED") == "1", reason=".ci/run ran these checks already"),
]

CHECKS = {
    "ruff-lint": ["ruff", "check", "."],
    "ruff-format": ["ruff", "format", "--check", "."],
    "mypy": ["mypy", "-p", "sayso"],
    "mypy-strict-corpus": ["mypy", "--strict", "-p", "sayso.corpus"],
    "import-contracts": ["lint-imports"],
}


@pytest.mark.parametrize("name", list(CHECKS))
def test_check_passes(name: str) -> None:
    tool, *args = CHECKS[name]
    exe = BIN / tool if (BIN / tool).exists() else shutil.which(tool)
    assert exe, f"{tool} is not installed: pip install '.[test]' installs it"
    result = subprocess.run([str(exe), *args], cwd=REPO, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{tool} {' '.join(args)}:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
