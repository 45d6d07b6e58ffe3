"""A read-only data folder still allows reading: docs, show, search, quotes and export to a file elsewhere.

The folder and every file in it are made read-only for the user running sayso.
Root ignores file permissions, so when the tests run as root the commands run
as the unprivileged user `nobody` (uid 65534, through util-linux's `setpriv`)
over a folder that user owns; a machine where neither works skips with the
reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from sayso.corpus.library import Library
from sayso.corpus.models import ParsedDocument, ParsedPassage

REPO = Path(__file__).resolve().parents[1]
NOBODY = 65534


def _tree(folder: Path) -> Iterator[Path]:
    yield folder
    yield from folder.rglob("*")


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in _tree(folder)}


@pytest.fixture
def read_only_library() -> Iterator[tuple[Path, Path, list[str]]]:
    """(data folder made read-only, a writable folder for exports, the command prefix that runs as the reader)."""
    base = Path(tempfile.mkdtemp(prefix="sayso-readonly-"))
    os.chmod(base, 0o755)
    data = base / "data"
    lib = Library.open(data)
    doc = lib.import_parsed(
        ParsedDocument(
            "Archive talk",
            "talk",
            [
                ParsedPassage("Ada Park", "We keep every tape in the basement archive."),
                ParsedPassage("Ben Cho", "Nobody has listened to most of them in years."),
            ],
        ),
        source="archive.txt",
    )
    lib.quotes.add(doc.id, "every tape in the basement archive", note="the tapes")
    Library.open(data).search("basement")  # a fresh reader brings the saved index up to date
    out = base / "out"
    out.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root, where file permissions do not stop writes, and no setpriv to drop to nobody")
        for path in [base, *_tree(data), out]:
            os.chown(path, NOBODY, NOBODY)
        prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    for path in _tree(data):
        os.chmod(path, path.stat().st_mode & ~0o222)
    probe = subprocess.run([*prefix, sys.executable, "-c", f"open({str(data / 'probe')!r}, 'w')"], capture_output=True)
    if probe.returncode == 0:
        os.unlink(data / "probe")
        pytest.skip("the read-only data folder stays writable for this user (file permissions are not enforced here)")
    try:
        yield data, out, prefix
    finally:
        for path in _tree(data):
            with_write = path.stat().st_mode | 0o200
            os.chmod(path, with_write)
        subprocess.run(["rm", "-rf", str(base)], check=False)


def sayso(prefix: list[str], *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("SAYSO_DATA", None)
    return subprocess.run(
        [*prefix, sys.executable, "-m", "sayso", *argv], capture_output=True, text=True, timeout=60, cwd="/", env=env
    )


def test_reading_works_in_a_read_only_data_folder(read_only_library: tuple[Path, Path, list[str]]) -> None:
    data, out, run_as = read_only_library
    before = _snapshot(data)
    docs = sayso(run_as, "--data", str(data), "docs")
    assert docs.returncode == 0 and "Archive talk" in docs.stdout, docs.stderr
    show = sayso(run_as, "--data", str(data), "show", "Archive talk")
    assert show.returncode == 0 and "basement archive" in show.stdout, show.stderr
    found = sayso(run_as, "--data", str(data), "search", "basment")
    assert found.returncode == 0 and "We keep every tape" in found.stdout and not found.stderr, found.stderr
    listed = sayso(run_as, "--data", str(data), "quotes")
    assert listed.returncode == 0 and "every tape in the basement archive" in listed.stdout, listed.stderr
    exported = sayso(run_as, "--data", str(data), "export", "-f", "markdown", "-o", str(out / "quotes.md"))
    assert exported.returncode == 0, exported.stderr
    assert "every tape in the basement archive" in (out / "quotes.md").read_text(encoding="utf-8")
    # A change is refused in one line that says why; nothing in the folder was touched.
    refused = sayso(run_as, "--data", str(data), "quote", "add", "Archive talk", "--exact", "Nobody has listened")
    assert refused.returncode != 0 and "read-only" in refused.stderr and refused.stderr.count("\n") == 1, refused.stderr
    assert _snapshot(data) == before
