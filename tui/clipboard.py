"""Where a copied quote goes: the terminal's clipboard through OSC 52, or a file when that cannot work.

OSC 52 is never acknowledged, so sayso cannot know whether a terminal took
the text; it uses what it can tell from the environment instead.  The Linux
console, macOS Terminal and GNU screen are known not to support OSC 52;
`SAYSO_CLIPBOARD_FILE` forces the file (a path, or 1 for `<data>/clipboard.txt`)
and `SAYSO_CLIPBOARD=file` does too.  The file is written atomically.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sayso.corpus.store import atomic_write_bytes

#: File name of the clipboard fallback in the data folder.
CLIPBOARD_FILE = "clipboard.txt"


@dataclass(frozen=True)
class ClipboardPlan:
    """Whether to send OSC 52, and the file to write (None when the terminal is trusted)."""

    osc52: bool
    file: Path | None
    reason: str = ""


def osc52_unsupported(environ: Mapping[str, str]) -> str:
    """Why this terminal cannot take OSC 52, or "" when it probably can."""
    term = environ.get("TERM", "")
    if term in ("linux", "dumb", ""):
        return f"TERM={term or '(unset)'} has no clipboard escape"
    if environ.get("TERM_PROGRAM") == "Apple_Terminal":
        return "macOS Terminal ignores OSC 52"
    if term.startswith("screen") and not environ.get("TMUX") and environ.get("STY"):
        return "GNU screen does not pass OSC 52 on"
    return ""


def clipboard_plan(data_dir: Path, environ: Mapping[str, str] | None = None) -> ClipboardPlan:
    """Decide how to copy, from the environment (`os.environ` by default)."""
    env = os.environ if environ is None else environ
    default_file = Path(data_dir) / CLIPBOARD_FILE
    forced = env.get("SAYSO_CLIPBOARD_FILE", "").strip()
    if forced:
        path = default_file if forced.lower() in ("1", "yes", "true", "on") else Path(forced).expanduser()
        return ClipboardPlan(osc52=True, file=path, reason="SAYSO_CLIPBOARD_FILE is set")
    if env.get("SAYSO_CLIPBOARD", "").strip().lower() == "file":
        return ClipboardPlan(osc52=False, file=default_file, reason="SAYSO_CLIPBOARD=file")
    why = osc52_unsupported(env)
    if why:
        return ClipboardPlan(osc52=False, file=default_file, reason=why)
    return ClipboardPlan(osc52=True, file=None)


def write_clipboard_file(path: Path, text: str) -> Path:
    """Write the copied text to `path` atomically (the folder is created); returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, text.encode("utf-8"))
    return path
