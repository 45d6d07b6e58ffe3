"""Every `sayso` command and sub-action is documented in README.md (a new command without a README line fails)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from sayso.cli import build_parser

README = Path(__file__).resolve().parents[1] / "README.md"


def command_paths(parser: argparse.ArgumentParser, prefix: str = "") -> list[str]:
    """`import`, `doc edit`, `quote add`, ...: every command as a user types it."""
    paths: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                path = f"{prefix}{name}"
                nested = command_paths(sub, path + " ")
                paths.extend(nested or [path])
    return paths


COMMANDS = command_paths(build_parser())


def test_there_are_commands() -> None:
    assert {"import", "docs", "show", "speakers", "speaker edit", "where", "demo"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_documented_in_readme(command: str) -> None:
    readme = README.read_text(encoding="utf-8")
    pattern = r"sayso " + r"\s+".join(map(re.escape, command.split())) + r"(?![\w-])"
    assert re.search(pattern, readme), f"README.md does not document `sayso {command}`"
