""" "Saved" means durable: before an import, a quote, an edit or a draft returns, the new file's bytes and the
folder entry that names it have both been fsynced, in that order around the rename.

The crash, disk-full and two-writer tests live in tests/test_store.py, tests/test_store_durability.py and
tests/test_quote_durability.py; they show what is on disk after a failure.  This file shows the fsyncs a
power loss needs actually happen, by recording every fsync and rename the save makes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sayso.corpus.library import Library
from sayso.corpus.models import ParsedDocument, ParsedPassage


class SyscallLog:
    """Records fsync (with the path and kind behind the fd) and rename calls, then performs them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[tuple[str, str, str]] = []
        real_fsync, real_replace, real_rename = os.fsync, os.replace, os.rename

        def fsync(fd: int) -> None:
            path = os.readlink(f"/proc/self/fd/{fd}")
            kind = "dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
            self.events.append(("fsync", kind, path))
            real_fsync(fd)

        def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
            self.events.append(("rename", os.fspath(src), os.fspath(dst)))
            real_replace(src, dst, *args, **kwargs)  # type: ignore[arg-type]

        def rename(src: str | os.PathLike[str], dst: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
            self.events.append(("rename", os.fspath(src), os.fspath(dst)))
            real_rename(src, dst, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(os, "rename", rename)

    def clear(self) -> None:
        self.events.clear()

    def assert_durably_saved(self, target: Path) -> None:
        """`target` was renamed into place from a temp file that was fsynced before, and its folder after."""
        target = target.resolve()
        renames = [i for i, e in enumerate(self.events) if e[0] == "rename" and Path(e[2]).resolve() == target]
        assert renames, f"{target.name} was never replaced atomically; events: {self.events}"
        last = renames[-1]
        temp = Path(self.events[last][1]).resolve()
        before = [e for e in self.events[:last] if e[:2] == ("fsync", "file") and Path(e[2]).resolve() == temp]
        assert before, f"the new {target.name} was renamed into place without an fsync of its bytes"
        after = [
            e for e in self.events[last + 1 :] if e[:2] == ("fsync", "dir") and Path(e[2]).resolve() == target.parent
        ]
        assert after, f"the folder of {target.name} was not fsynced after the rename"


def parsed(title: str) -> ParsedDocument:
    return ParsedDocument(
        title=title,
        kind="panel",
        passages=[
            ParsedPassage("Ada Park", "Hello there, everyone. We begin with archives.", None),
            ParsedPassage("Ben Cho", "Thanks for having me. Archives matter.", None),
        ],
    )


def test_import_quote_edit_and_draft_are_fsynced_before_returning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    lib = Library.open(data)
    log = SyscallLog(monkeypatch)

    doc = lib.import_parsed(parsed("Archives panel"), source="panel.txt")
    log.assert_durably_saved(data / "library.json")
    passage_files = [Path(e[2]) for e in log.events if e[0] == "rename" and "docs" in Path(e[2]).parts]
    assert passage_files, "the passages file was not written atomically"
    log.assert_durably_saved(passage_files[-1])

    log.clear()
    quote = lib.quotes.add(doc.id, "We begin with archives.", note="first note")
    log.assert_durably_saved(data / "quotes.json")

    log.clear()
    lib.quotes.edit(quote.id, note="second note")
    log.assert_durably_saved(data / "quotes.json")

    log.clear()
    lib.quotes.save_draft("quote:new:note", "half a thought")
    log.assert_durably_saved(lib.quotes.drafts_path)

    log.clear()
    lib.edit_document(doc.id, title="Archives panel, 2024")
    log.assert_durably_saved(data / "library.json")

    # And what was acknowledged is what a fresh process reads.
    fresh = Library.open(data)
    assert fresh.document(doc.id).title == "Archives panel, 2024"
    assert [q.note for q in fresh.quotes.list()] == ["second note"]
    assert fresh.quotes.drafts() == {"quote:new:note": "half a thought"}


def test_cli_import_fsyncs_before_printing_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sayso.cli import main

    monkeypatch.delenv("SAYSO_DATA", raising=False)
    data = tmp_path / "data"
    path = tmp_path / "talk.txt"
    path.write_text("Ada Park: Hello there, everyone.\n\nBen Cho: Thanks for having me.\n", encoding="utf-8")
    log = SyscallLog(monkeypatch)
    printed_after: list[int] = []
    real_write = __import__("sys").stdout.write

    def write(text: str) -> int:
        if text.strip():
            printed_after.append(len(log.events))
        return real_write(text)

    monkeypatch.setattr("sys.stdout.write", write)
    assert main(["--data", str(data), "import", str(path)]) == 0
    log.assert_durably_saved(data / "library.json")
    assert printed_after, "nothing printed"
    # Every fsync of the import happened before the first line of the summary.
    fsyncs = [i for i, e in enumerate(log.events) if e[0] == "fsync"]
    assert fsyncs and max(fsyncs) < printed_after[0]
    assert "imported 1 document" in capsys.readouterr().out
