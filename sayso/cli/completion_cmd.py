"""`sayso completion bash|zsh|fish`: a completion script generated from sayso's own parser (shtab).

The script lists commands and options itself: pressing Tab never runs sayso.
"""

from __future__ import annotations

import argparse
from typing import Any

from sayso.cli import common_options
from sayso.corpus.library import Library

SHELLS = ("bash", "zsh", "fish")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "completion",
        parents=[common_options()],
        help="print a shell completion script (bash, zsh, fish)",
        description="Print a completion script for your shell, made from sayso's own commands and options.",
    )
    p.add_argument("shell", choices=SHELLS, help="the shell: bash, zsh or fish")
    p.set_defaults(handler=cmd_completion, open_library=False)


def cmd_completion(args: argparse.Namespace, lib: Library) -> int:
    import shtab

    from sayso.cli import build_parser

    print(shtab.complete(build_parser(), shell=args.shell), end="")
    return 0
