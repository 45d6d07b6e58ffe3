"""End to end in a real terminal: the installed `sayso` inside tmux, driven by keys, read by capture-pane."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from tmux_support import Tmux, sayso_command
from tui_support import build_library

from sayso.corpus.library import Library
from sayso.corpus.models import ParsedDocument, ParsedPassage

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

#: xterm-256 palette entries without hue: black, greys, white and the grey ramp.
GREYS = {0, 7, 8, 15, 16, 59, 102, 145, 188, 231, *range(232, 256)}

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    lib = build_library(folder)
    if SEEDS.is_dir():
        lib.import_paths([SEEDS])
    return folder


def sayso_shell(data_dir: Path) -> str:
    return f"{shlex.quote(str(sayso_command()))} --data {shlex.quote(str(data_dir))}"


def exercise(tmux: Tmux) -> None:
    """The same user session, locally or over ssh: browse, search, open a hit, go back, view hostile text."""
    tmux.wait_for("Panel on open models", "1 Documents", "Interview with Grace")
    tmux.keys("/", "lit:fifty feet")
    tmux.wait_for("result", "Grace Hopper · Interview with Grace")
    tmux.keys("Enter")  # opens the highlighted hit from the search box
    tmux.wait_for("¶ 2/4", "In 1944, at Harvard.")
    tmux.keys("Escape")
    tmux.wait_for("result", "fifty feet", timeout=5)  # back on the result list, the query kept
    # The hostile document: third in the list.
    tmux.keys("1", "g", "j", "j", "Enter")
    tmux.wait_for(
        "[bold]not bold[/bold]",
        "[@click=app.quit]click[/]",
        "␛[31mred",
        "<U+009B>31m",
        "<U+202E>evil",
        "[red]Mallory[/red]",
    )
    assert tmux.pane_title() == "sayso-e2e-title"
    assert tmux.buffers().strip() == ""
    # Still alive and responsive after showing it.
    tmux.keys("j")
    tmux.wait_for("Alan Turing")
    tmux.keys("?")
    tmux.wait_for("Keys in Reader")
    tmux.keys("Escape", "C-q")


def test_browse_search_and_hostile_text_in_tmux(tmux: Tmux, data_dir: Path) -> None:
    tmux.start(sayso_shell(data_dir))
    exercise(tmux)


def test_80x24_and_too_small_in_tmux(tmux: Tmux, data_dir: Path) -> None:
    tmux.start(sayso_shell(data_dir))
    tmux.wait_for("Panel on open models")
    tmux.run("resize-window", "-t", "t", "-x", "80", "-y", "24")
    tmux.keys("Enter")
    screen = tmux.wait_for("Welcome to the panel.")
    assert "Interview with Grace" not in screen  # narrow: the reader has the whole width
    assert max(len(line) for line in screen.splitlines()) <= 80
    tmux.keys("1")  # the pane bar's numbers switch panes
    tmux.wait_for("Interview with Grace")
    tmux.run("resize-window", "-t", "t", "-x", "36", "-y", "8")
    tmux.wait_for("Terminal too small")
    tmux.run("resize-window", "-t", "t", "-x", "100", "-y", "30")
    screen = tmux.wait_for("Interview with Grace")
    assert "Terminal too small" not in screen
    tmux.keys("C-q")


def test_no_color_still_marks_the_cursor(tmux: Tmux, data_dir: Path) -> None:
    tmux.start(f"env NO_COLOR=1 {sayso_shell(data_dir)}")
    tmux.wait_for("Panel on open models")
    tmux.keys("Enter")
    tmux.wait_for("Welcome to the panel.")
    styled = tmux.run("capture-pane", "-t", "t", "-p", "-e")
    # Textual honours NO_COLOR by drawing in greys only: no hue anywhere...
    for index in re.findall(r"[34]8;5;(\d+)", styled):
        assert int(index) in GREYS, f"colour {index} under NO_COLOR"
    for r, g, b in re.findall(r"[34]8;2;(\d+);(\d+);(\d+)", styled):
        assert r == g == b, f"colour {r},{g},{b} under NO_COLOR"
    # ...and the cursor still shows without colour: a gutter bar and an underlined sentence.
    assert "▌" in styled
    assert re.search(r"\x1b\[(?:[0-9;]*;)?4(?:;[0-9;]*)?m", styled)
    tmux.keys("C-q")


def test_a_pane_first_shown_at_80x24_starts_at_its_first_row(data_dir: Path) -> None:
    """Panes hidden behind tabs have no height until shown; their first row must not be scrolled away."""
    lib = Library.open(data_dir)
    crowd = [ParsedPassage(f"Caller Number{n:02d}", f"Line {n}.") for n in range(30)]
    lib.import_parsed(ParsedDocument(title="Phone-in", kind="podcast", passages=crowd), "phone-in.txt")
    top_speaker = lib.speakers()[0].name  # more rows than the screen holds, so a wrong scroll shows
    session = Tmux(80, 24)
    try:
        session.start(sayso_shell(data_dir))
        session.wait_for("Panel on open models")
        session.keys("2")
        screen = session.wait_for("passages ·", top_speaker)
        assert screen.splitlines()[1].lstrip("› ").startswith(top_speaker), screen
        session.keys("C-q")
    finally:
        session.close()


def test_a_key_remapped_in_the_config_file_works_in_a_real_terminal(tmux: Tmux, data_dir: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"main.export" = "x"\n', "utf-8")
    tmux.start(f"{sayso_shell(data_dir)} --config {shlex.quote(str(config))}")
    tmux.wait_for("1 Documents", "Panel on open models")
    tmux.keys("x")
    tmux.wait_for("ctrl+s")  # the export dialog, on the key the config gave it


@pytest.mark.parametrize("size", [(140, 40), (200, 50), (260, 60)])
def test_wide_terminals_show_documents_speakers_search_and_reader_at_once(
    data_dir: Path, size: tuple[int, int]
) -> None:
    session = Tmux(*size)
    try:
        session.start(sayso_shell(data_dir))
        session.wait_for("1 Documents", "Panel on open models")
        session.keys("/", "lit:weights")
        # Documents, Speakers (a speaker's name and turn count), the search results and the reader's hint,
        # all on one screen.
        screen = session.wait_for("Panel on open models", "passages ·", "result", "No document open")
        session.keys("Enter")
        screen = session.wait_for("¶ ", "Panel on open models", "passages ·", "result")
        assert "Interview with Grace" in screen
    finally:
        session.close()
