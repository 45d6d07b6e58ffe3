"""Unsaved notes survive a hangup: on SIGHUP or SIGTERM the open note editor's text is saved as a draft.

Closing an SSH session sends SIGHUP; a shutdown sends SIGTERM.  Either way the
note being typed goes to `library.quotes.save_draft` (atomic, fsynced) before
the app exits; at the next start the main screen offers to reopen it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import threading
from typing import Any

from sayso.corpus.drafts import save_draft
from sayso.tui.screens.note_editor import NoteEditor

LOG = logging.getLogger(__name__)

#: Signals that mean "the terminal or the machine is going away".
HANGUP_SIGNALS = tuple(s for s in (getattr(signal, "SIGHUP", None), signal.SIGTERM) if s is not None)
#: Seconds the app gets to exit cleanly after saving, before the process ends anyway.
EXIT_GRACE = 3.0


def save_open_drafts(app: Any, *, changed_only: bool = False) -> int:
    """Save the draft of every open note editor (with `changed_only`, of those whose text was changed); returns how many."""
    saved = 0
    for screen in list(app.screen_stack):
        if isinstance(screen, NoteEditor):
            if changed_only and not screen.changed():
                continue
            try:
                target, note, tags = screen.draft()
            except Exception:  # the editor is half torn down: nothing to save
                LOG.exception("shown to the user as one line")
                continue
            # (the quote book is asked for only now: on an archive, making it is a query, which quitting with
            # no note open must not wait on when the server is gone)
            save_draft(app.library.quotes, target, note, tags)
            saved += 1
    return saved


def on_hangup(app: Any) -> None:
    """Save drafts, then leave; if the terminal is gone and exiting stalls, end the process."""
    with contextlib.suppress(Exception):
        save_open_drafts(app)
    timer = threading.Timer(EXIT_GRACE, os._exit, (1,))
    timer.daemon = True
    timer.start()
    with contextlib.suppress(Exception):
        app.exit(return_code=1)


def install_signal_handlers(app: Any) -> list[int]:
    """Handle SIGHUP/SIGTERM in the app's event loop (a real terminal only); returns the signals handled."""
    if getattr(app, "is_headless", False):
        return []
    loop = asyncio.get_running_loop()
    installed = []
    for sig in HANGUP_SIGNALS:
        try:
            loop.add_signal_handler(sig, on_hangup, app)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or no signals here
            continue
        installed.append(int(sig))
    return installed
