"""`sayso config path|show`: where the config file is and what sayso makes of it."""

from __future__ import annotations

import argparse
import json
from typing import Any

from sayso.cli import common_options, emit
from sayso.config import Config, load_config
from sayso.corpus.library import Library

EXAMPLE = """\
# sayso's config file (TOML). Every setting is optional.
data = "~/research/transcripts"   # the data folder (--data and SAYSO_DATA win)
theme = "sayso-light"              # sayso-dark, sayso-light or any Textual theme (--theme wins)
# server = "postgresql://ana@db.example.org/newsroom"   # a shared archive (--server and SAYSO_SERVER win;
                                   # --local ignores it); its password belongs in ~/.pgpass, not here

[export]
style = "chicago"                  # the default citation style: any CSL style id or a .csl file (--style wins)
locale = "en-GB"                   # the citations' locale (--locale wins; default: the style's own)
cite = "text"                      # how Markdown cites a quote: text, or pandoc for [@key] (--cite wins)

[keys]                             # remap any key binding by its id (`?` in the app lists keys)
"main.export" = "x"
"""


def register(sub: Any) -> None:
    common = common_options()
    p = sub.add_parser(
        "config",
        parents=[common],
        help="show where the config file is and what it sets",
        description="Show the config file's path, or the settings sayso reads from it (with --json as JSON).",
    )
    p.add_argument("action", choices=("path", "show", "example"), help="path, show, or example (a commented file)")
    p.set_defaults(handler=cmd_config, open_library=False)


def _config(args: argparse.Namespace) -> Config:
    loaded = getattr(args, "loaded_config", None)
    return loaded if isinstance(loaded, Config) else load_config(getattr(args, "config", None))


def cmd_config(args: argparse.Namespace, lib: Library) -> int:
    config = _config(args)
    if args.action == "path":
        emit(args, {"path": str(config.path), "exists": config.exists}, str(config.path))
    elif args.action == "example":
        print(EXAMPLE, end="")
    else:
        data = config.to_json()

        def text() -> str:
            if not config.exists:
                return f"{config.path}: no config file (sayso uses its defaults; `sayso config example` shows one)"
            settings = {k: v for k, v in data.items() if k not in ("path", "exists", "problems")}
            return f"# {config.path}\n" + json.dumps(settings, indent=2, ensure_ascii=False)

        emit(args, data, text)
    return 0
