"""A small deterministic library for the app's tests and snapshots.

Documents are stored with `Library.import_parsed` under fixed ids and sources,
so what the screen shows does not depend on importer heuristics or tmp paths.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sayso.corpus.library import Library
from sayso.corpus.models import ParsedDocument, ParsedPassage

PANEL_ID = "panel00001"
INTERVIEW_ID = "intervw002"
HOSTILE_ID = "hostile003"
LONG_ID = "longdoc004"

#: Markup, actions and terminal escapes that must all show literally.
HOSTILE_TEXT = (
    "[bold]not bold[/bold] [@click=app.quit]click[/] [link=https://evil]x[/link] "
    "ESC \x1b[31mred\x1b[0m OSC52 \x1b]52;c;aGVsbG8=\x07 OSC8 \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ "
    "title \x1b]0;PWNED\x07 C1 \x9b31m NEL \x85 bidi \u202eevil\u202c end."
)
HOSTILE_TITLE = "[bold]Hostile[/bold] [@click=app.quit]title\x1b]0;PWNED\x07"
HOSTILE_SPEAKER = "[red]Mallory[/red]"

PANEL = [
    ParsedPassage(
        "Ada Lovelace",
        "Welcome to the panel. Today we talk about open models and who gets to build them.",
        0.0,
        heading="Opening",
    ),
    ParsedPassage(
        "Alan Turing",
        "Thank you. I think open weights matter because researchers can inspect them. Closed models hide their failures.",
        12.5,
    ),
    ParsedPassage(
        "Grace Hopper",
        "Compilers taught us that tools spread when people can read them. The same is true for models.",
        31.0,
    ),
    ParsedPassage("Ada Lovelace", "Alan, do you worry about misuse? Some say releasing weights is reckless.", 55.0),
    ParsedPassage(
        "Alan Turing",
        "Every powerful tool can be misused. The question is whether secrecy makes us safer. I doubt it does.",
        64.0,
    ),
    ParsedPassage(
        "Grace Hopper",
        "It is easier to ask forgiveness than permission. But with models we should ask both.",
        90.0,
        heading="Risks",
    ),
    ParsedPassage("Ada Lovelace", "Let us end there. Thank you both for coming.", 120.0),
]

INTERVIEW = [
    ParsedPassage("Ada Lovelace", "Grace, when did you first see a computer?", None),
    ParsedPassage("Grace Hopper", "In 1944, at Harvard. It was fifty feet long and it was wonderful.", None),
    ParsedPassage("Ada Lovelace", "And what would you tell students today?", None),
    ParsedPassage(
        "Grace Hopper", "Go ahead and do it. You can always apologise later. Computers reward curiosity.", None
    ),
]


def long_passages(count: int) -> list[ParsedPassage]:
    """`count` numbered turns alternating between two speakers, long enough to wrap."""
    speakers = ("Speaker One", "Speaker Two")
    return [
        ParsedPassage(
            speakers[i % 2],
            f"Turn number {i}. " + "This sentence is filler that wraps across the line. " * (1 + i % 4) + "Done.",
            float(i * 7),
        )
        for i in range(count)
    ]


def build_library(folder: Path, *, long_turns: int = 0, hostile: bool = True) -> Library:
    """Create the test library in `folder` (panel, interview, hostile and optionally a long document)."""
    lib = Library.open(folder)
    lib.import_parsed(
        ParsedDocument(title="Panel on open models", kind="panel", passages=PANEL, date="2024-01-18"),
        source="fixtures/panel.txt",
        doc_id=PANEL_ID,
        content_hash="panel",
    )
    lib.import_parsed(
        ParsedDocument(title="Interview with Grace", kind="interview", passages=INTERVIEW),
        source="fixtures/interview.txt",
        doc_id=INTERVIEW_ID,
        content_hash="interview",
    )
    if hostile:
        lib.import_parsed(
            ParsedDocument(
                title=HOSTILE_TITLE,
                kind="article",
                passages=[
                    ParsedPassage(HOSTILE_SPEAKER, HOSTILE_TEXT, None),
                    ParsedPassage("Alan Turing", "A calm reply.", None),
                ],
            ),
            source="fixtures/hostile.txt",
            doc_id=HOSTILE_ID,
            content_hash="hostile",
        )
    if long_turns:
        lib.import_parsed(
            ParsedDocument(title="A very long hearing", kind="hearing", passages=long_passages(long_turns)),
            source="fixtures/long.txt",
            doc_id=LONG_ID,
            content_hash="long",
        )
    return lib


def screen_text(widget) -> list[str]:  # type: ignore[no-untyped-def]
    """The text of every visible line a Line API widget draws right now."""
    return [widget.render_line(y).text for y in range(widget.size.height)]


def private_copy(library_dir: Path, tmp_path: Path) -> Library:
    """A private copy of a module's library for one test, so tests that write cannot affect each other."""
    copy = tmp_path / "lib"
    shutil.copytree(library_dir, copy)
    return Library.open(copy)


async def settle(app, pilot, pause: float | None = None) -> None:  # type: ignore[no-untyped-def]
    """Let the app's workers and the messages they post run to the end."""
    for _ in range(3):
        await pilot.pause(pause)
        await app.workers.wait_for_complete()
    await pilot.pause()


async def palette(app, pilot, command: str) -> None:  # type: ignore[no-untyped-def]
    """Run `command` from the ctrl+p command palette, as typed."""
    from textual.command import CommandPalette

    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*command)
    await pilot.pause(0.5)
    await pilot.press("enter")
