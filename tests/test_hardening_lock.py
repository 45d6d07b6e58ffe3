"""The writer lock through the real CLI and the app: a lock left by a killed process never blocks, a live
holder gives "library busy" as one line within seconds (the default timeout included), reading goes on
while a writer holds the lock, and the app says "busy" instead of crashing or freezing.

tests/test_store.py checks WriteLock itself (re-entrant, threads, killed holder, LibraryBusy quickly) and
tests/test_cli.py checks the busy message with a short SAYSO_LOCK_TIMEOUT; this file adds the bounds a
user meets with no configuration.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sayso.corpus.library import Library
from sayso.corpus.store import DEFAULT_LOCK_TIMEOUT

REPO = Path(__file__).resolve().parents[1]
HOLDER = (
    "import sys, time\nfrom pathlib import Path\nfrom corpus.store import WriteLock\n"
    "with WriteLock(Path(sys.argv[1]) / '.lock').held():\n"
    "    print('held', flush=True)\n    time.sleep(120)\n"
)


def start_holder(data: Path) -> subprocess.Popen[str]:
    data.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(data)], stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def sayso(*argv: str, timeout_env: str | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {k: v for k, v in os.environ.items() if k not in ("SAYSO_DATA", "SAYSO_LOCK_TIMEOUT")}
    if timeout_env is not None:
        env["SAYSO_LOCK_TIMEOUT"] = timeout_env
    t0 = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "sayso", *argv], capture_output=True, text=True, cwd=REPO, env=env, timeout=60
    )
    return result, time.monotonic() - t0


@pytest.fixture
def transcript(tmp_path: Path) -> Path:
    path = tmp_path / "talk.txt"
    path.write_text("Ada Park: Hello there, everyone.\n\nBen Cho: Thanks for having me.\n", encoding="utf-8")
    return path


def test_a_lock_left_by_a_killed_process_never_blocks_the_cli(tmp_path: Path, transcript: Path) -> None:
    data = tmp_path / "data"
    holder = start_holder(data)
    os.kill(holder.pid, signal.SIGKILL)  # no cleanup runs: the .lock file stays, with the dead pid in it
    holder.wait()
    assert (data / ".lock").exists()
    # The default timeout (no SAYSO_LOCK_TIMEOUT): were the dead lock honoured, this would wait and fail.
    result, took = sayso("--data", str(data), "import", str(transcript))
    assert result.returncode == 0, result.stderr
    assert took < DEFAULT_LOCK_TIMEOUT / 2, f"import waited {took:.1f}s on a dead process's lock"
    assert [d.title for d in Library.open(data).documents()]


@pytest.mark.slow
def test_a_live_holder_gives_library_busy_in_one_line_with_the_default_timeout(
    tmp_path: Path, transcript: Path
) -> None:
    data = tmp_path / "data"
    result, _ = sayso("--data", str(data), "import", str(transcript))
    assert result.returncode == 0, result.stderr
    holder = start_holder(data)
    try:
        result, took = sayso("--data", str(data), "import", str(transcript))
        assert result.returncode != 0
        assert result.stderr.startswith("sayso: error: library busy") and result.stderr.count("\n") == 1, result.stderr
        assert str(holder.pid) in result.stderr
        assert took < 15.0, f"waited {took:.1f}s before saying busy"
        # A shorter wait is configurable, and reading never waits for the writer.
        result, took = sayso("--data", str(data), "quote", "add", "talk", "--exact", "Hello there", timeout_env="1")
        assert result.returncode != 0 and "library busy" in result.stderr and result.stderr.count("\n") == 1
        assert took < 6.0
        result, took = sayso("--data", str(data), "docs", "--json")
        assert result.returncode == 0 and took < 6.0, result.stderr
        assert "talk" in result.stdout.lower()
        for argv in (["show", "talk"], ["search", "hello"], ["speakers"]):
            result, took = sayso("--data", str(data), *argv, timeout_env="30")
            assert result.returncode == 0 and took < 6.0, (argv, result.stderr)
    finally:
        holder.kill()
        holder.wait()
    result, _ = sayso("--data", str(data), "quote", "add", "talk", "--exact", "Hello there")
    assert result.returncode == 0, result.stderr  # free again once the holder is gone


async def test_app_import_while_another_process_writes_says_busy_and_keeps_running(
    tmp_path: Path, transcript: Path
) -> None:
    from tui_support import build_library

    from sayso.tui.app import SaysoApp

    data = tmp_path / "data"
    build_library(data)
    holder = start_holder(data)
    try:
        app = SaysoApp(Library.open(data, lock_timeout=0.5))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            app.screen.action_import()
            await pilot.pause()
            await pilot.press(*str(transcript), "enter")
            for _ in range(30):
                await pilot.pause(0.1)
            shown = [str(n.message) for n in app.notices]
            status = str(app.screen.query_one("#import-status").render()) if app.screen.query("#import-status") else ""
            assert any("busy" in s for s in [*shown, status]), (shown, status)
            assert app.is_running
            await pilot.press("escape")
            await pilot.pause()
            assert app.is_running
    finally:
        holder.kill()
        holder.wait()


async def test_app_quote_save_while_another_process_writes_says_busy_then_saves(tmp_path: Path) -> None:
    """Keeping a quote while the lock is held: a "library busy" notification, the app answers keys, and the
    same action succeeds once the other writer is gone."""
    from tui_support import PANEL_ID, build_library, screen_text

    from sayso.tui.app import SaysoApp

    data = tmp_path / "data"
    build_library(data)
    words = "Welcome to the panel."
    holder = start_holder(data)
    app = SaysoApp(Library.open(data, lock_timeout=0.5))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            screen = app.screen
            screen.open_document(PANEL_ID)
            await pilot.pause()
            await app.workers.wait_for_complete()
            start = Library.open(data).text(PANEL_ID).index(words)
            screen.keep_quote(screen.reader.shown_words(start, start + len(words)))
            await app.workers.wait_for_complete()
            await pilot.pause()
            messages = [str(n.message) for n in app.notices]
            assert any("library busy" in m for m in messages), messages
            assert not any(m.startswith("Quote saved") for m in messages)
            assert app.is_running
            screen.action_show_pane("reader")
            await pilot.pause()
            before = (screen.reader.passage, screen.reader.sentence_span)
            await pilot.press("j")  # still answering keys
            await pilot.pause()
            assert (screen.reader.passage, screen.reader.sentence_span) != before
            assert any(words in line for line in screen_text(screen.reader))
            holder.kill()
            holder.wait()
            screen.keep_quote(screen.reader.shown_words(start, start + len(words)))
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert any(str(n.message).startswith("Quote saved") for n in app.notices)
    finally:
        holder.kill()
        holder.wait()
    assert [q.exact for q in Library.open(data).quotes.list()] == [words]


@pytest.mark.slow
def test_a_search_never_waits_for_a_writer_even_when_its_index_needs_saving(tmp_path: Path, transcript: Path) -> None:
    """A search whose index is stale patches it in memory and answers at once; saving it is left to a
    later writer instead of waiting for the lock another process holds (issue 11 item 13)."""
    data = tmp_path / "data"
    result, _ = sayso("--data", str(data), "import", str(transcript))
    assert result.returncode == 0, result.stderr
    index_files = [p for p in data.rglob("*") if p.is_file() and "index" in p.relative_to(data).parts[0]]
    assert index_files, "the import wrote no search index"
    for path in index_files:
        path.unlink()  # as after a crash before the index was saved: the search must rebuild it
    holder = start_holder(data)
    try:
        result, took = sayso("--data", str(data), "search", "hello", timeout_env="30")
        assert result.returncode == 0, result.stderr
        assert "hello" in result.stdout.lower()
        assert took < 6.0, f"the search waited {took:.1f}s for the writer"
    finally:
        holder.kill()
        holder.wait()
