"""The library's errors and warnings say what went wrong, never which command or flag to use next.

Advice belongs to the front end: the CLI adds it from the errors' structured fields (sayso.cli.advice),
the app words its own ("choose another file").  This scans corpus/ for the strings of every `raise`
and every warning a module appends or passes to `warn`, and constructs the errors whose advice moved.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from sayso.cli import advice
from sayso.corpus.errors import Ambiguous, NotReplaced, UnusableFile

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

#: A command or a flag: `sayso import`, sayso export, --labels, -o.
ADVICE = re.compile(
    r"`sayso\b|(?<!a )\bsayso (?:import|export|quotes?|restore|docs|show|search|speakers?|where|demo)\b|(?<![\w-])--?[a-z]"
)


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _is_warning(call: ast.Call) -> bool:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id == "warn"
    if isinstance(func, ast.Attribute):
        if func.attr == "warn":
            return True
        target = func.value
        named = target.id if isinstance(target, ast.Name) else target.attr if isinstance(target, ast.Attribute) else ""
        return func.attr in ("append", "extend") and "warning" in named
    return False


def _messages(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and node.exc is not None:
            found.extend((node.lineno, s) for s in _strings(node.exc))
        elif isinstance(node, ast.Call) and _is_warning(node):
            found.extend((node.lineno, s) for s in _strings(node))
    return found


def test_library_messages_name_no_command_or_flag() -> None:
    offending = []
    for path in sorted(CORPUS.rglob("*.py")):
        name = path.relative_to(CORPUS).as_posix()
        for line, text in _messages(path):
            if ADVICE.search(text):
                offending.append(f"{name}:{line}: {text!r}")
    assert offending == []


@pytest.mark.parametrize(
    ("error", "cli_advice"),
    [
        (Ambiguous("'open' occurs 3 times in 'Panel': …", narrow_by="place"), "--occurrence N"),
        (Ambiguous("speaker 'Host' is a different person in each of 2 documents: …", narrow_by="document"), "--doc"),
        (UnusableFile("notes.md is not UTF-8 text; not updating it", path="notes.md"), "-o"),
        (NotReplaced("mine.csv exists and is not a sayso export; not replacing it", path="mine.csv"), "--force"),
    ],
)
def test_the_cli_adds_the_advice_from_structured_fields(error: Exception, cli_advice: str) -> None:
    assert not ADVICE.search(str(error))
    assert isinstance(error, Ambiguous | UnusableFile | NotReplaced)
    assert cli_advice in advice(error)
