"""`sayso serve`: the same app in a web browser (textual-serve), for a colleague without a terminal.

It binds to this machine only (localhost) unless --host says otherwise, and says
so: whoever can reach the port can read and change the library.  On a shared
archive each session works on it as the user serving it: the archive's address
reaches the sessions in the environment ($SAYSO_SERVER), never on a command line
that `ps` would show with its password.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from typing import Any

from sayso.cli import common_options
from sayso.config import SERVER_ENV
from sayso.corpus.library import Library


def register(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        parents=[common_options()],
        help="serve the app to a web browser (textual-serve), on this machine only unless --host",
        description="Serve the app to a web browser: each browser tab runs its own sayso on this library.",
    )
    p.add_argument("--port", type=int, default=8000, metavar="N", help="the port (default 8000)")
    p.add_argument(
        "--host",
        default="localhost",
        metavar="HOST",
        help="the address to listen on (default localhost: this machine only; 0.0.0.0 opens it to the network)",
    )
    p.set_defaults(handler=cmd_serve, open_library=False)


def app_command(args: argparse.Namespace, lib: Library) -> str:
    """The command each browser session runs: this sayso, on this library and config (on the archive this
    sayso serves: $SAYSO_SERVER names it, see `cmd_serve`; --local when this one serves the local library)."""
    words = [sys.executable, "-m", "sayso", "--data", str(Path(lib.data_dir).resolve())]
    config = getattr(args, "config", None)
    if config:
        words += ["--config", str(Path(config).expanduser().resolve())]
    if not getattr(args, "server_url", None):
        words.append("--local")
    return shlex.join(words)


def cmd_serve(args: argparse.Namespace, lib: Library) -> int:
    from textual_serve.server import Server

    if not 0 < args.port < 65536:
        print(f"sayso: error: --port {args.port} is not a port number (1-65535)", file=sys.stderr)
        return 2
    scope = (
        "this machine only"
        if args.host in ("localhost", "127.0.0.1", "::1")
        else "the network: anyone who can reach it"
    )
    url = getattr(args, "server_url", None)
    archive = ""
    if url:
        from sayso.corpus.server.pg import describe

        os.environ[SERVER_ENV] = url  # (inherited by each session: not in its command line)
        archive = f", on the shared archive at {describe(url)} as its user"
    print(f"sayso: serving the app on http://{args.host}:{args.port} ({scope}{archive}); ctrl+c stops", file=sys.stderr)
    Server(app_command(args, lib), host=args.host, port=args.port, title="sayso").serve()
    return 0
