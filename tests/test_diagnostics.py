"""--debug and SAYSO_LOG: an error the user sees as one line keeps its traceback in the log."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_support import build_library

from sayso.diagnostics import log_path, start_logging
from sayso.tui.app import SaysoApp

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def clean_logger() -> Iterator[None]:
    logger = logging.getLogger("sayso")
    before = list(logger.handlers)
    yield
    for handler in logger.handlers[len(before) :]:
        handler.close()
    logger.handlers[:] = before


def test_no_log_unless_asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SAYSO_LOG", raising=False)
    assert log_path(False) is None
    assert log_path(True) is not None and log_path(True).name == "sayso.log"
    monkeypatch.setenv("SAYSO_LOG", str(tmp_path / "x.log"))
    assert log_path(False) == tmp_path / "x.log"


def test_the_cli_logs_the_traceback_of_the_one_line_error(tmp_path: Path) -> None:
    log = tmp_path / "debug.log"
    done = subprocess.run(
        [sys.executable, "-m", "sayso", "--data", str(tmp_path / "data"), "show", "nosuchdocument"],
        capture_output=True,
        text=True,
        env={"SAYSO_LOG": str(log), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)},
    )
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1  # the user still sees one line
    text = log.read_text("utf-8")
    assert "Traceback" in text and "NotFound" in text and "nosuchdocument" in text


async def test_the_app_logs_the_traceback_of_an_error_it_notifies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_logger: None
) -> None:
    monkeypatch.setenv("SAYSO_LOG", str(tmp_path / "app.log"))
    path = start_logging(False)
    library = build_library(tmp_path / "lib")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("index exploded in a way only a traceback explains")

    monkeypatch.setattr(library, "search", broken)
    app = SaysoApp(library, log_file=path)
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.pause()
        assert any(f"Debug log: {path}" in n.message for n in app.notices)
        await pilot.press("slash", *"anything")
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
    assert path is not None
    text = path.read_text("utf-8")
    assert "Traceback" in text and "RuntimeError: index exploded" in text and "sayso.tui" in text


def test_without_a_log_an_error_record_prints_nothing_over_the_app(tmp_path: Path) -> None:
    """Python's last-resort handler would print the traceback to stderr, onto the app's screen."""
    code = (
        "import sayso, logging\ntry:\n    1/0\nexcept Exception:\n    logging.getLogger('sayso.tui.x').exception('x')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "HOME": str(tmp_path)},
    )
    assert done.returncode == 0 and done.stderr == ""
