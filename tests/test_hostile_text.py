"""Hostile text (markup, terminal escapes, C1 controls, bidi overrides) in document text, file names and
speaker names: every CLI output, export and app screen shows it literally and never as control.

Complements tests/test_cli_safety.py (the `visible`/`safe_json` helpers on random text), the in-process
CLI check in tests/test_cli.py (a faked importer) and the tmux session in tests/test_e2e_tmux.py (a
document stored through `import_parsed`).  Here the documents come in through the real importers and a
real file whose name is itself hostile, and the checks cover search, quotes, exports and notifications.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import time
from pathlib import Path

import pytest

from sayso.cli import main
from sayso.corpus.library import Library
from sayso.corpus.models import ParsedDocument, ParsedPassage

#: What must never reach a terminal or an export: C0 controls except newline and tab, DEL, C1 controls,
#: bidi embeddings/overrides/isolates and marks, and the Unicode line/paragraph separators.
DANGEROUS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

#: One payload per passage, each inside an ordinary sentence (as they arrive in text copied from the web).
FILE_PAYLOADS = [
    "[bold]",
    "[/]",
    "[link=http://x]",
    "[@click=app.quit]",
    "\x1b]0;PWNED\x07",  # OSC 0: set the window title
    "\x1b]52;c;cHduZWQ=\x07",  # OSC 52: write the clipboard
    "\x1b]8;;http://evil\x1b\\here\x1b]8;;\x1b\\",  # OSC 8: a hyperlink
    "\x1b[2J",  # CSI: clear the screen
    "\x7f",  # DEL
    "\u202eevil\u202c",  # right-to-left override
    "\u2066iso\u2069",  # left-to-right isolate
]
#: Stored through the scripts API, because the importers refuse NUL (binary data).
API_TEXT = (
    "NUL \x00 here, CSI8 \x9b31m, C1 \x90\x9c\x85 and ESC \x1b[5m, RLO \u202edone\u202c, [@click=app.quit]quit[/]."
)
API_SPEAKERS = ["[@click=app.quit]", "Mal\x1b]0;X\x07ory", "Eve \u202eRTL\u202c \x9b1m"]
HOSTILE_FILE_NAME = "[bold]evil\x1b[31m name.txt"


def strings_in(value: object) -> list[str]:
    """Every string inside a parsed JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def hostile_transcript() -> str:
    body = "Hostile panel\n\n"
    for i, payload in enumerate(FILE_PAYLOADS):
        body += f"Ada Park: Payload {i} is {payload} inside an ordinary sentence about archives.\n\n"
        body += f"Ben Cho: A calm reply number {i}.\n\n"
    return body + "Ada Park: Final words here.\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def assert_clean(text: str, what: object) -> None:
    """No dangerous character anywhere in `text` (newlines and tabs are fine)."""
    found = DANGEROUS.search(text)
    assert found is None, (
        f"{what}: raw {found.group()!r} at {found.start()}: {text[max(0, found.start() - 40) : found.end() + 40]!r}"
    )


@pytest.fixture
def hostile(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A data folder holding: a real file with a hostile name and payloads (real importer), a WebVTT file
    with hostile voice names, a document with hostile speakers stored through the API, a speaker renamed
    to markup from the CLI, and a quote whose note and tag are hostile."""
    monkeypatch.delenv("SAYSO_DATA", raising=False)
    data = tmp_path / "data"
    src = tmp_path / "src"
    src.mkdir()
    path = src / HOSTILE_FILE_NAME
    path.write_text(hostile_transcript(), encoding="utf-8")
    vtt = src / "voices.vtt"
    vtt.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v [@click=app.quit]>Voice one speaks [bold]loudly[/bold].\n\n"
        "00:00:05.000 --> 00:00:08.000\n<v Mal\x1b[2Jory>Voice two clears \x1b]0;PWNED\x07 the screen.\n",
        encoding="utf-8",
    )
    rc, out, err = run(capsys, "--data", str(data), "import", str(path), str(vtt), "--json")
    assert rc == 0, err
    imported = json.loads(out)["documents"]
    hostile_id, vtt_id = imported[0]["id"], imported[1]["id"]
    lib = Library.open(data)
    lib.import_parsed(
        ParsedDocument(
            title="API \x1b]0;PWNED\x07 [@click=app.quit]doc",
            kind="article",
            passages=[ParsedPassage(name, f"{API_TEXT} Turn {i}.", None) for i, name in enumerate(API_SPEAKERS)],
        ),
        source="api/\x1b]52;c;cHduZWQ=\x07.txt",
        doc_id="apidoc0001",
        content_hash="api",
    )
    rc, _, err = run(
        capsys, "--data", str(data), "speaker", "edit", "Ben Cho", "--name", "[@click=app.quit]Ben\x1b]0;PWNED\x07"
    )
    assert rc == 0, err
    rc, out, err = run(
        capsys,
        "--data",
        str(data),
        "quote",
        "add",
        hostile_id,
        "--json",
        "--exact",
        "Payload 4 is \x1b]0;PWNED\x07 inside",
        "--note",
        "note \x1b]52;c;cHduZWQ=\x07 [bold]b[/] \u202eevil",
        "--tag",
        "t\x1b[2J",
    )
    assert rc == 0, err
    return {"data": str(data), "hostile": hostile_id, "api": "apidoc0001", "vtt": vtt_id}


# -- the CLI ----------------------------------------------------------------------------------------------


def test_every_cli_output_carries_no_control_and_json_round_trips(
    hostile: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data = hostile["data"]
    lib = Library.open(data)
    commands = [
        ["docs"],
        ["speakers"],
        ["where"],
        ["quotes"],
        ["quotes", "--verify"],
        ["search", "archives"],
        ["search", "Payload"],
        ["search", "[bold]"],
        ["search", "\x1b]0;PWNED\x07"],
        ["search", "quit", "--speaker", "[@click=app.quit]"],
        *[["show", doc] for doc in (hostile["hostile"], hostile["api"], hostile["vtt"])],
    ]
    rc, out, _ = run(capsys, "--data", data, "quotes", "--json")
    quote_id = json.loads(out)[0]["id"]
    commands.append(["quote", "show", quote_id])
    for argv in commands:
        for json_flag in ([], ["--json"]):
            rc, out, err = run(capsys, "--data", data, *argv, *json_flag)
            assert_clean(out, argv + json_flag)
            assert_clean(err, argv + json_flag)
            if json_flag and rc == 0:
                json.loads(out)  # well-formed
    # JSON gives back the exact characters: text, speakers, titles, sources, notes and tags.
    for doc_id in (hostile["hostile"], hostile["api"], hostile["vtt"]):
        rc, out, _ = run(capsys, "--data", data, "show", doc_id, "--json")
        shown = json.loads(out)
        stored = lib.passages(doc_id)
        assert [(p["speaker"], p["text"]) for p in shown["passages"]] == [(p.speaker, p.text) for p in stored]
        assert shown["document"]["title"] == lib.document(doc_id).title
    rc, out, _ = run(capsys, "--data", data, "show", hostile["hostile"], "--json")
    shown = json.loads(out)
    texts = "\n".join(p["text"] for p in shown["passages"])
    for payload in FILE_PAYLOADS:
        assert payload in texts, f"{payload!r} not kept exactly"
    assert shown["document"]["source"].endswith(HOSTILE_FILE_NAME)
    rc, out, _ = run(capsys, "--data", data, "show", hostile["api"], "--json")
    shown = json.loads(out)
    assert [p["speaker"] for p in shown["passages"]] == API_SPEAKERS
    assert shown["passages"][0]["text"] == f"{API_TEXT} Turn 0."
    rc, out, _ = run(capsys, "--data", data, "speakers", "--json")
    assert "[@click=app.quit]Ben\x1b]0;PWNED\x07" in [s["name"] for s in json.loads(out)]
    rc, out, _ = run(capsys, "--data", data, "quotes", "--json")
    quote = json.loads(out)[0]
    assert quote["exact"] == "Payload 4 is \x1b]0;PWNED\x07 inside"
    assert quote["note"] == "note \x1b]52;c;cHduZWQ=\x07 [bold]b[/] \u202eevil" and quote["tags"] == ["t\x1b[2J"]
    # Text output shows the payload as visible symbols, not dropped silently.
    rc, out, _ = run(capsys, "--data", data, "show", hostile["hostile"])
    assert "[@click=app.quit]" in out and "[bold]" in out and "]0;PWNED" in out
    # Commands that echo what they changed: a hostile new title, then removing the documents.
    for argv in (
        ["doc", "edit", hostile["api"], "--title", "T \x1b]0;PWNED\x07 \u202e[bold]"],
        ["speaker", "edit", "Ada Park", "--alias", "A\x1b[2J"],
        ["rm", hostile["api"]],
        ["rm", hostile["hostile"]],
        ["quotes", "--review"],
    ):
        for json_flag in ([], ["--json"]):
            if argv[0] == "rm" and json_flag:
                continue
            rc, out, err = run(capsys, "--data", data, *argv, *json_flag)
            assert_clean(out, argv + json_flag)
            assert_clean(err, argv + json_flag)


def test_exports_carry_no_control_and_json_exports_round_trip(
    hostile: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = hostile["data"]
    rc, out, err = run(capsys, "--data", data, "export", "-f", "markdown")
    assert rc == 0, err
    assert_clean(out, "markdown")
    assert "0;PWNED" in out  # the words are there, made visible
    rc, out, err = run(capsys, "--data", data, "export", "-f", "csv")
    assert rc == 0, err
    assert_clean(out.replace("\r\n", "\n"), "csv")  # CRLF is the CSV record separator, nothing else
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 1 and "PWNED" in rows[0]["exact"]
    rc, out, err = run(capsys, "--data", data, "export", "-f", "bibtex")
    assert rc == 0, err
    assert_clean(out, "bibtex")
    for fmt in ("csl-json", "w3c"):
        rc, out, err = run(capsys, "--data", data, "export", "-f", fmt)
        assert rc == 0, err
        assert_clean(out, fmt)
        exported = "\n".join(strings_in(json.loads(out)))
        if fmt == "w3c":  # annotations carry the quoted words (CSL-JSON only cites the documents)
            assert "\x1b]0;PWNED\x07 inside" in exported, "w3c lost the exact words"
    # What `y` in the app sends through OSC 52 (the clipboard) is made visible as well.
    from sayso.corpus.export import format_clipboard

    lib = Library.open(data)
    quote = lib.quotes.list()[0]
    copied = format_clipboard(quote, lib.document(quote.document), passages=lib.passages(quote.document))
    assert_clean(copied, "clipboard text")
    assert "Payload 4 is ␛]0;PWNED␇ inside" in copied
    written = tmp_path / "quotes.md"
    rc, _, err = run(capsys, "--data", data, "export", "-o", str(written))
    assert rc == 0, err
    assert_clean(written.read_text(encoding="utf-8"), "markdown file")


# -- importing text that holds control characters -----------------------------------------------------------


def test_text_with_control_characters_is_imported_whole_and_shown_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A paragraph holding escape sequences (ESC [ 31 m, an 8-bit CSI) is a passage like any other, not a
    garbled line; a short file with a few OSC sequences is a transcript, not binary; both show visibly."""
    data = str(tmp_path / "data")
    paragraph = tmp_path / "paragraph.txt"
    paragraph.write_text(
        "Alice: Hello there, this is a normal line.\n"
        "Bob: Here is \x1b[31mred text\x1b[0m and \x9b31m more of it, yes.\n"
        "Alice: And another normal line to finish.\n",
        encoding="utf-8",
    )
    short = tmp_path / "short.txt"
    short.write_text(
        "Alice: \x1b]0;title\x07 one\nBob: \x1b]0;t\x07 two \x1b]52;c;SU5K\x07\nAlice: three\x07\n", encoding="utf-8"
    )
    rc, out, err = run(capsys, "--data", data, "import", str(paragraph), str(short), "--json")
    assert rc == 0, err
    report = json.loads(out)
    assert len(report["documents"]) == 2, report
    assert not any("unreadable" in w or "binary" in w for w in report.get("warnings", []) + report.get("errors", []))
    texts = {d["id"]: "\n".join(p.text for p in Library.open(data).passages(d["id"])) for d in report["documents"]}
    paragraph_id, short_id = (d["id"] for d in report["documents"])
    assert "Here is \x1b[31mred text\x1b[0m and \x9b31m more of it, yes." in texts[paragraph_id]  # the words, exactly
    assert "two \x1b]52;c;SU5K\x07" in texts[short_id] and "three\x07" in texts[short_id]
    rc, out, err = run(capsys, "--data", data, "show", paragraph_id)
    assert rc == 0, err
    assert_clean(out, "show")
    assert "␛[31mred text␛[0m and <U+009B>31m more of it" in out
    rc, out, err = run(capsys, "--data", data, "show", short_id)
    assert_clean(out, "show")
    assert "two ␛]52;c;SU5K␇" in out


# -- the app ------------------------------------------------------------------------------------------------


async def _ready(app, pilot):  # type: ignore[no-untyped-def]
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    return app.screen


def _lines(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [widget.render_line(y).text for y in range(widget.size.height)]


async def test_app_shows_hostile_text_literally_in_every_pane(hostile: dict[str, str]) -> None:
    from sayso.tui.app import SaysoApp
    from sayso.tui.widgets.documents import DocumentsPane
    from sayso.tui.widgets.speakers import SpeakersPane

    app = SaysoApp(Library.open(hostile["data"]))
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await _ready(app, pilot)
        seen: list[str] = []
        seen += _lines(screen.query_one(DocumentsPane))
        seen += _lines(screen.query_one(SpeakersPane))
        # The reader on the real-importer document, scrolled through to the end and back.
        screen.open_document(hostile["hostile"])
        await _ready(app, pilot)
        for _ in range(30):
            seen += _lines(screen.reader)
            await pilot.press("pagedown")
        screen.open_document(hostile["api"])
        await _ready(app, pilot)
        seen += _lines(screen.reader)
        seen.append(str(screen.query_one("#reader-title").render()))
        screen.open_document(hostile["vtt"])
        await _ready(app, pilot)
        seen += _lines(screen.reader)
        # Search results.
        screen.action_show_pane("search")
        await pilot.pause()
        await pilot.press(*"Payload")
        await _ready(app, pilot)
        assert screen.search_pane.hits
        seen += _lines(screen.search_pane.results)
        # A lens on a speaker whose name is markup and escapes: the notification shows it literally.
        screen.set_lens("Mal\x1b]0;X\x07ory")
        await _ready(app, pilot)
        messages = [n.message for n in app.notices]
        assert any("Mal␛]0;X␇ory" in m for m in messages), messages
        for toast_text in messages:
            assert_clean(toast_text, "notification")
        screen.set_lens(None)
        await _ready(app, pilot)
        screen.set_lens("[@click=app.quit]")
        await _ready(app, pilot)
        assert any("[@click=app.quit]" in n.message for n in app.notices)
        await pilot.pause(0.2)
        assert app.is_running  # a literal [@click=app.quit] anywhere never quits
        text = "\n".join(seen)
        assert_clean(text, "screen")
        for literal in (
            "[bold]",
            "[/]",
            "[link=http://x]",
            "[@click=app.quit]",
            "␛]0;PWNED␇",
            "␛]52;c;cHduZWQ=␇",
            "␛[2J",
            "<U+202E>evil",
            "[@click=app.quit]Ben␛]0;PWNED␇",
            "Mal␛]0;X␇ory",
            "<U+009B>31m",
        ):
            assert literal in text, f"{literal!r} not shown literally"
        # Clicking where the markup is drawn runs nothing either.
        await pilot.click(offset=(40, 5))
        await pilot.pause()
        assert app.is_running


# -- a real terminal ------------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.e2e
def test_real_terminal_gets_no_escape_from_an_imported_hostile_file(hostile: dict[str, str], tmp_path: Path) -> None:
    """The raw bytes sayso writes to tmux (recorded with pipe-pane) carry none of the payloads; the pane title
    and the paste buffers stay as they were; the screen shows the payload text."""
    from tmux_support import Tmux, sayso_command

    tmux = Tmux(160, 45)
    raw_log = tmp_path / "raw.log"
    try:
        tmux.start(f"{shlex.quote(str(sayso_command()))} --data {shlex.quote(hostile['data'])}")
        tmux.run("pipe-pane", "-o", "-t", "t", f"cat >> {shlex.quote(str(raw_log))}")
        tmux.wait_for("Hostile panel")
        tmux.keys("C-l")
        # Open each document in turn from the documents pane (titles sort; just walk the list).
        for _ in range(3):
            tmux.keys("Enter")
            time.sleep(0.6)
            tmux.keys("G", "g", "Tab")
            tmux.keys("1", "j")
        # Then find the payloads by search and open the hit: the reader shows them.
        tmux.keys("/", "lit:Payload")
        screen = tmux.wait_for("result", timeout=10)
        tmux.keys("Enter", "Enter")
        screen += tmux.wait_for("inside an ordinary sentence", timeout=10)
        tmux.keys("2")
        time.sleep(0.5)
        screen += tmux.screen()
        assert tmux.pane_title() == "sayso-e2e-title"
        assert tmux.buffers().strip() == ""
        tmux.keys("C-q")
        time.sleep(0.5)
    finally:
        tmux.close()
    raw = raw_log.read_bytes() if raw_log.exists() else b""
    assert len(raw) > 1000, "pipe-pane recorded nothing"
    assert "␛]0;PWNED␇".encode() in raw  # shown, as visible symbols
    for needle in (
        b"PWNED\x07",
        b"\x1b]0;PWNED",
        b"\x1b]52;",
        b"\x1b]8;;http://evil",
        b"\x1b[2J",
        b"\xc2\x9b",
        b"\xc2\x90",
        b"\x9b31m",
        "\u202e".encode(),
        "\u2066".encode(),
        b"\x1b]0;X",
        b"\x7f",
    ):
        assert needle not in raw, f"{needle!r} reached the terminal"
    assert "[@click=app.quit]" in screen and "[bold]" in screen
    assert "␛]0;PWNED␇" in screen or "␛]0;X␇" in screen
    assert os.path.exists(raw_log)


#: File names that wrote the clipboard (OSC 52) and set the window title (OSC 0) through the import dialog.
HOSTILE_FILE_NAMES = ["b\x1b]52;c;SU5KRUNURUQ=\x07.txt", "c\x1b]0;PWNED-TITLE\x07.txt"]


def _drawn(app) -> str:  # type: ignore[no-untyped-def]
    """Every character the current screen draws (dialogs and toasts included), line by line.

    Read from `App.export_screenshot()`, the public render of what the driver
    writes: its SVG keeps each drawn character (control characters included)
    in `<text>` runs, which are put back together by row and column.
    """
    import html

    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in re.findall(
        r'<text[^>]*\bx="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', app.export_screenshot(), re.S
    ):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return "\n".join("".join(run for _, run in sorted(runs)) for _, runs in sorted(rows.items()))


async def test_every_widget_showing_outside_text_draws_no_control_character(
    hostile: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Walk every widget that shows outside text (documents, speakers, search results, reader, quotes pane,
    citation, export and help dialogs, notifications, the import dialog's path completion, its progress and
    errors) with hostile names and text; nothing drawn holds a raw control character (issue 11 item 9)."""
    from textual.widgets import Input

    from sayso.tui.app import SaysoApp

    folder = tmp_path / "names"
    folder.mkdir()
    for name in HOSTILE_FILE_NAMES:
        (folder / name).write_text(hostile_transcript(), encoding="utf-8")
    (folder / "d\x1b[2Jbinary.txt").write_bytes(bytes(range(256)) * 4)
    monkeypatch.chdir(tmp_path)  # a short path, so that the completion fits in the field
    drawn: dict[str, str] = {}
    app = SaysoApp(Library.open(hostile["data"]))
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        screen = await _ready(app, pilot)

        async def look(step: str, until: str = "") -> None:
            """Draw the screen after `step` (waiting up to 3 s for `until` to show) and check it."""
            for _ in range(30):
                await _ready(app, pilot)
                drawn[step] = _drawn(app)
                if until in drawn[step]:
                    break
                await pilot.pause(0.1)
            assert_clean(drawn[step], step)
            assert until in drawn[step], f"{step}: {until!r} never drawn"

        await look("documents")
        await pilot.press("2")
        await look("speakers", until="Mal␛]0;X␇ory")
        screen.action_search()
        await pilot.press(*"Payload")
        await look("search results", until="Payload 4 is ␛]0;PWNED␇")
        screen.search_pane.query_input.value = "Payload \x1b]0;PWNED\x07"  # as pasted
        await look("search query pasted", until="Payload ␛]0;PWNED␇")
        for doc in ("hostile", "api", "vtt"):
            screen.open_document(hostile[doc])
            await look(f"reader {doc}")
            await pilot.press("G")
            await look(f"reader {doc} end")
        await pilot.press("5")
        await look("quotes pane", until="#t␛[2J")
        await pilot.press("1", "G", "c")
        await look("citation dialog", until="Citation of API ␛]0;PWNED␇")
        await pilot.press("escape")
        await pilot.press("e")
        await look("export dialog", until="Payload 4")
        await pilot.press("escape")
        await pilot.press("question_mark")
        await look("help")
        await pilot.press("escape")
        # Any caller's notification, even one that forgot to make its text safe.
        app.notify("raw \x1b]0;PWNED\x07 \x9b2J [bold]x[/]", title="t\x1b]52;c;SU5K\x07")
        await look("notification", until="raw ␛]0;PWNED␇ <U+009B>2J [bold]x[/]")
        # The import dialog: completing, accepting and importing a file whose name holds escapes.
        await pilot.press("i")
        await _ready(app, pilot)
        field = app.screen.query_one("#import-path", Input)
        field.value = "names/b"
        field.cursor_position = len(field.value)
        await look("import completion", until="␛]52;c;SU5KRUNURUQ=␇")
        await pilot.press("right")
        await look("import completion accepted")
        await pilot.press("enter")
        await look("import done", until="Imported 1 document(s)")
        assert app.screen.report is not None and not app.screen.report.errors
        field.value = "names/d\x1b[2Jbinary.txt"  # as pasted
        await look("import path pasted")
        await pilot.press("enter")
        await look("import error", until="␛[2Jbinary.txt: looks like a binary file")
        await pilot.press("escape")
        await look("after import")
    assert any(d.source.endswith(HOSTILE_FILE_NAMES[0]) for d in Library.open(hostile["data"]).documents())


async def test_every_text_field_keeps_pasted_controls_visible(tmp_path: Path) -> None:
    """Every one-line field of the app (search, quotes filter, export and citation dialogs, tags) is a
    SafeInput: a pasted escape sequence is held, and drawn, as visible stand-ins, never as control."""
    from textual.widgets import Input
    from tui_support import build_library, settle

    from sayso.tui.app import SaysoApp
    from sayso.tui.screens.citation_dialog import CitationDialog
    from sayso.tui.screens.export_dialog import ExportDialog
    from sayso.tui.widgets.safe_input import SafeInput
    from sayso.tui.widgets.tag_picker import TagInput

    payload = "x\x1b]0;PWNED\x07y"
    app = SaysoApp(build_library(tmp_path / "data"))
    seen: list[str] = []

    def check_fields(where: str) -> None:
        fields = list(app.screen.query(Input))
        assert fields, where
        for field in fields:
            seen.append(f"{where}:{field.id or type(field).__name__}")
            assert isinstance(field, SafeInput), f"{where}: {field!r} is a plain Input"
            field.value = payload
            assert field.value == "x␛]0;PWNED␇y", (where, field.value)

    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("5")
        await settle(app, pilot)
        check_fields("main")
        await pilot.press("escape", "1")
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot, 0.4)
        assert isinstance(app.screen, ExportDialog)
        check_fields("export")
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("1", "c")
        await settle(app, pilot, 0.3)
        assert isinstance(app.screen, CitationDialog)
        check_fields("citation")
        await pilot.press("escape")
        await settle(app, pilot)
    assert any(s.startswith("main:quotes-filter") for s in seen) and issubclass(TagInput, SafeInput)
