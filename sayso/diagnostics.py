"""A debug log for what the app turns into a one-line notification (`--debug`, or `SAYSO_LOG=FILE`).

Errors shown to the user as one line keep their traceback here, so a report
can say what really happened; without --debug or SAYSO_LOG nothing is written.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import platformdirs

#: Environment variable naming the log file (it also turns logging on).
LOG_ENV = "SAYSO_LOG"


def log_path(debug: bool) -> Path | None:
    """$SAYSO_LOG, else with `debug` sayso.log in the user log folder, else None (no log)."""
    named = os.environ.get(LOG_ENV)
    if named:
        return Path(named).expanduser()
    if debug:
        return platformdirs.user_log_path("sayso") / "sayso.log"
    return None


def start_logging(debug: bool) -> Path | None:
    """Send sayso's log records (with tracebacks) to the log file, if one is asked for; returns its path.

    A log that cannot be opened is reported by the caller and never stops sayso.
    """
    path = log_path(debug)
    if path is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("sayso")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.info("sayso started: %s", " ".join(shown_argv(sys.argv)))
    return path


def shown_argv(argv: list[str]) -> list[str]:
    """The command line fit for a log: a connection string's password (`--server URL`) replaced by ***."""
    if not any("://" in arg or "password" in arg.lower() for arg in argv):
        return list(argv)
    from sayso.corpus.server.pg import redact

    return [redact(arg) for arg in argv]
