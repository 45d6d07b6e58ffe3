"""The CLI contract other issues, tests and scripts rely on (issue 2), and its error discipline.

Most tests run `sayso.cli.main` in-process with a tiny labelled-text parser
standing in for the importers, so the contract is pinned independently of
importer heuristics; the no-traceback and terminal checks run the real
command in a subprocess.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sayso.cli import main
from sayso.corpus.importers import parallel as parallel_module
from sayso.corpus.library import Library
from sayso.corpus.models import ParsedDocument, ParsedPassage

REPO = Path(__file__).resolve().parents[1]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
TIMESTAMP = re.compile(r"^\[(\d+):(\d\d)\] (.*)$")


def labelled_parser(path: Path) -> ParsedDocument:
    """`Name: words` paragraphs (optionally `[m:ss] Name: words`); `# Title` first line."""
    text = path.read_text(encoding="utf-8")
    title = path.stem
    passages = []
    for para in [p.strip() for p in text.split("\n\n") if p.strip()]:
        if para.startswith("# "):
            title = para[2:]
            continue
        start = None
        stamp = TIMESTAMP.match(para)
        if stamp:
            start = int(stamp.group(1)) * 60 + int(stamp.group(2))
            para = stamp.group(3)
        speaker, sep, words = para.partition(": ")
        if sep and len(speaker) < 40:
            passages.append(ParsedPassage(speaker, words, start=start, end=start + 5 if start is not None else None))
        else:
            passages.append(ParsedPassage(None, para, start=start))
    return ParsedDocument(title=title, kind="panel", passages=passages, speakers={})


@pytest.fixture(autouse=True)
def fake_importer(monkeypatch: pytest.MonkeyPatch) -> None:
    # Files reach the library through sayso.corpus.importers.parallel.prepare_file, which parses with
    # parse_decoded (fewer files than PARALLEL_MIN_FILES, as here, are parsed in this process, so the
    # stand-in is used).
    # The stand-in reads the file itself, so the real decoding (and its binary check) is left out too.
    monkeypatch.setattr(parallel_module, "decode_raw", lambda raw, path, encoding=None: ("", "utf-8", []))
    monkeypatch.setattr(
        parallel_module, "parse_decoded", lambda text, used, warnings, path, labels=None: labelled_parser(Path(path))
    )
    monkeypatch.delenv("SAYSO_DATA", raising=False)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def panel(tmp_path: Path) -> Path:
    path = tmp_path / "panel.txt"
    path.write_text(
        "# AI panel\n\n[0:05] Nick Thompson: Welcome to the panel.\n\n"
        "[0:12] Kai-Fu Lee: Thank you. Glad to be here.\n\nNick Thompson: Let us begin.\n",
        encoding="utf-8",
    )
    return path


def test_import_summary_text_and_json(capsys: pytest.CaptureFixture[str], data: Path, panel: Path) -> None:
    rc, out, err = run(capsys, "import", str(panel), "--data", str(data))
    assert rc == 0 and err == ""
    assert "imported 1 document(s), 3 passages, 2 speaker(s), 0 warning(s)" in out
    rc, out, _ = run(capsys, "--data", str(data), "--json", "import", str(panel))
    report = json.loads(out)
    assert report["passages"] == 3 and report["speakers"] == ["Nick Thompson", "Kai-Fu Lee"]
    assert report["errors"] == [] and report["warnings"] == []
    assert len(report["documents"]) == 1


def test_docs_show_speakers_json_contract(
    capsys: pytest.CaptureFixture[str], data: Path, panel: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(panel.parent)
    run(capsys, "import", "panel.txt", "--data", str(data))
    rc, out, _ = run(capsys, "docs", "--json", "--data", str(data))
    docs = json.loads(out)
    assert rc == 0 and len(docs) == 1
    doc = docs[0]
    assert {"id", "title", "source", "kind", "speakers"} <= set(doc)
    assert (doc["title"], doc["source"], doc["kind"]) == ("AI panel", "panel.txt", "panel")  # source as given
    assert doc["speakers"] == ["Nick Thompson", "Kai-Fu Lee"]

    rc, out, _ = run(capsys, "show", doc["id"][:6], "--json", "--data", str(data))
    shown = json.loads(out)
    assert set(shown) == {"document", "passages"}
    assert shown["document"]["id"] == doc["id"]
    first, second, third = shown["passages"]
    assert {"id", "speaker", "text", "start", "end"} <= set(first)
    assert (first["speaker"], first["text"], first["start"], first["end"]) == (
        "Nick Thompson",
        "Welcome to the panel.",
        5,
        10,
    )
    assert second["speaker"] == "Kai-Fu Lee" and third["start"] is None
    assert [p["index"] for p in shown["passages"]] == [0, 1, 2]

    rc, out, _ = run(capsys, "speakers", "--json", "--data", str(data))
    speakers = json.loads(out)
    assert [s["name"] for s in speakers] == ["Nick Thompson", "Kai-Fu Lee"]
    assert {"name", "aliases", "passages", "documents"} <= set(speakers[0])
    assert (speakers[0]["passages"], speakers[0]["documents"]) == (2, [doc["id"]])

    rc, out, _ = run(capsys, "show", "AI panel", "--data", str(data))
    assert "[0:00:05] Nick Thompson: Welcome to the panel." in out


def test_data_folder_from_environment_and_where(
    capsys: pytest.CaptureFixture[str], data: Path, panel: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAYSO_DATA", str(data))
    run(capsys, "import", str(panel))
    assert (data / "library.json").exists()
    rc, out, _ = run(capsys, "where")  # noqa: RUF059
    assert out.strip() == str(data)
    _, out, _ = run(capsys, "where", "--json")
    paths = json.loads(out)
    assert paths["data"] == str(data) and paths["library"] == str(data / "library.json")
    other = data.parent / "other"
    _rc, out, _ = run(capsys, "--data", str(other), "docs", "--json")  # the flag wins over the variable
    assert json.loads(out) == []


def test_speaker_edit_doc_edit_and_rm(capsys: pytest.CaptureFixture[str], data: Path, panel: Path) -> None:
    run(capsys, "import", str(panel), "--data", str(data))
    rc, out, err = run(
        capsys,
        "speaker",
        "edit",
        "nick thompson",
        "--name",
        "Nicholas Thompson",
        "--alias",
        "NT",
        "--alias",
        "Nick",
        "--json",
        "--data",
        str(data),
    )
    assert rc == 0, err
    edited = json.loads(out)
    assert edited["name"] == "Nicholas Thompson" and edited["aliases"] == ["Nick Thompson", "NT", "Nick"]
    rc, out, _ = run(capsys, "speaker", "edit", "NT", "--remove-alias", "Nick", "--data", str(data))
    assert rc == 0 and out.startswith("updated Nicholas Thompson (also Nick Thompson, NT)")
    rc, out, _ = run(capsys, "show", "panel", "--json", "--data", str(data))
    assert json.loads(out)["passages"][0]["speaker"] == "Nicholas Thompson"
    rc, _, err = run(capsys, "speaker", "edit", "Nicholas Thompson", "--data", str(data))
    assert rc == 1 and err.startswith("sayso: error: nothing to change")

    rc, out, _ = run(
        capsys, "doc", "edit", "panel", "--publisher", "WEF", "--date", "2024-01-17", "--json", "--data", str(data)
    )
    assert json.loads(out)["publisher"] == "WEF"
    rc, _, err = run(capsys, "doc", "edit", "panel", "--kind", "novel", "--data", str(data))
    assert rc == 1 and "unknown kind" in err and err.count("\n") == 1
    rc, out, _ = run(capsys, "rm", "panel", "--data", str(data))
    assert rc == 0 and out.startswith("removed ")
    rc, out, _ = run(capsys, "docs", "--json", "--data", str(data))
    assert json.loads(out) == []


def test_unknown_document_and_speaker_are_one_line(capsys: pytest.CaptureFixture[str], data: Path, panel: Path) -> None:
    run(capsys, "import", str(panel), "--data", str(data))
    for argv in (["show", "nonexistent"], ["rm", "zzzz"], ["speaker", "edit", "Nobody", "--name", "X"]):
        rc, out, err = run(capsys, *argv, "--data", str(data))
        assert rc == 1 and out == ""
        assert err.startswith("sayso: error: ") and err.count("\n") == 1


def test_import_mistakes(capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path, panel: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    rc, out, err = run(
        capsys, "import", str(tmp_path / "missing.txt"), str(empty_dir), str(binary), str(panel), "--data", str(data)
    )
    assert rc == 1
    assert "imported 1 document(s)" in out  # the good file still imports
    lines = err.splitlines()
    assert len(lines) == 3 and all(line.startswith("sayso: error: ") for line in lines)
    assert "missing.txt: no such file or folder" in lines[0]
    assert "no supported files" in lines[1]
    assert "image.txt" in lines[2]


def test_output_never_carries_control_characters(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    nasty = "Hi \x1b]0;owned\x07 \x1b[2J \x9b31m \u202egnp.exe\u202c [bold]x[/] \x00 done."
    path = tmp_path / "evil\x1b[31m.txt"
    path.write_text(f"# Title \x1b]52;c;ZXZpbA==\x07\n\nMal\x1bory: {nasty}\n", encoding="utf-8")
    rc, out, err = run(capsys, "import", str(path), "--data", str(data))
    assert rc == 0, err
    for argv in (
        ["docs"],
        ["show", "Title"],
        ["speakers"],
        ["docs", "--json"],
        ["show", "Title", "--json"],
        ["speakers", "--json"],
        ["where"],
    ):
        rc, out, err = run(capsys, *argv, "--data", str(data))
        assert rc == 0
        assert not CONTROL.search(out.replace("\n", "")), (argv, out)
    rc, out, _ = run(capsys, "show", "Title", "--json", "--data", str(data))
    passages = json.loads(out)["passages"]
    assert passages[0]["text"] == nasty  # JSON round-trips the exact text
    assert passages[0]["speaker"] == "Mal\x1bory"
    rc, out, err = run(capsys, "show", "\x1b[2Jnope", "--data", str(data))
    assert rc == 1 and not CONTROL.search(err.replace("\n", ""))


def test_not_found_errors_get_the_cli_advice(capsys: pytest.CaptureFixture[str], data: Path, panel: Path) -> None:
    """The library's NotFound names no command; the CLI adds which listing to look at (issue 12)."""
    from sayso.corpus.errors import NotFound
    from sayso.corpus.library import Library

    run(capsys, "import", str(panel), "--data", str(data))
    with pytest.raises(NotFound) as info:
        Library.open(data).document("no such talk at all")
    assert info.value.what == "document" and "`sayso" not in str(info.value)
    rc, _, err = run(capsys, "show", "no such talk at all", "--data", str(data))
    assert rc == 1 and err.rstrip().endswith("(see `sayso docs`)") and err.count("\n") == 1
    rc, _, err = run(capsys, "quote", "show", "ffffffff", "--data", str(data))
    assert rc == 1 and err.rstrip().endswith("(see `sayso quotes`)")


def test_damaged_library_reported_then_restored(
    capsys: pytest.CaptureFixture[str], data: Path, panel: Path, tmp_path: Path
) -> None:
    run(capsys, "import", str(panel), "--data", str(data))
    other = tmp_path / "other.txt"
    other.write_text("Ann Lee: words.\n", encoding="utf-8")
    run(capsys, "import", str(other), "--data", str(data))
    (data / "library.json").write_bytes(b'{"documents": {"1": {"id": "tru')
    rc, out, err = run(capsys, "docs", "--data", str(data))
    assert rc == 1 and out == "" and err.count("\n") == 1
    assert "library.json is damaged" in err and "sayso restore library" in err
    rc, _, err = run(capsys, "docs", "--data", str(data))
    assert rc == 1 and "set aside" in err  # still refused: never opened as empty
    rc, out, _ = run(capsys, "restore", "library", "--list", "--json", "--data", str(data))
    listing = json.loads(out)
    assert listing["backups"][0]["good"] and listing["set_aside"]
    rc, out, err = run(capsys, "restore", "library", "--data", str(data))
    assert rc == 0, err
    rc, out, _ = run(capsys, "docs", "--json", "--data", str(data))
    assert [d["title"] for d in json.loads(out)] == ["AI panel"]


def test_restoring_a_library_that_lists_a_removed_document_says_so(
    capsys: pytest.CaptureFixture[str], data: Path, panel: Path, tmp_path: Path
) -> None:
    """A user trial: after `rm`, restoring an older library.json brought the document back with no text and
    said nothing; it now names it and the command that brings its text back."""
    run(capsys, "import", str(panel), "--data", str(data))
    other = tmp_path / "other talk.txt"
    other.write_text("Ann Lee: words.\n", encoding="utf-8")
    run(capsys, "import", str(other), "--data", str(data))
    rc, out, _ = run(capsys, "docs", "--json", "--data", str(data))
    removed = next(d for d in json.loads(out) if d["title"] != "AI panel")
    assert run(capsys, "rm", removed["id"], "--data", str(data))[0] == 0
    rc, out, _ = run(capsys, "restore", "library", "--list", "--json", "--data", str(data))
    older = json.loads(out)["backups"][0]["backup"]
    rc, out, err = run(capsys, "restore", "library", "--backup", older, "--json", "--data", str(data))
    assert rc == 0
    assert err == (
        f"sayso: warning: {removed['title']}: its passages are gone (removed after that backup): "
        f"sayso import '{other}'\n"
    )
    assert json.loads(out)["without_passages"] == [{"title": removed["title"], "source": str(other)}]
    rc, out, err = run(capsys, "restore", "library", "--backup", older, "--data", str(data))
    assert rc == 0 and "its passages are gone" in err


# -- the real command, in a subprocess ---------------------------------------------------------


def sayso(*argv: str, env: dict[str, str] | None = None, **kwargs: object) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "SAYSO_LOCK_TIMEOUT": "0.5", **(env or {})}
    full_env.pop("SAYSO_DATA", None)
    return subprocess.run(
        [sys.executable, "-m", "sayso", *argv],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=full_env,
        timeout=60,
        **kwargs,
    )  # type: ignore[call-overload]


def test_user_mistakes_never_print_a_traceback(tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    data = str(tmp_path / "data")
    cases = [
        ["--data", str(a_file), "docs"],
        ["--data", str(a_file / "sub"), "docs"],
        ["--data", "/proc/sayso-cannot-be-here", "docs"],
        ["--data", data, "import", str(tmp_path / "nope.txt")],
        ["--data", data, "import", str(tmp_path)],  # no supported files besides bin.txt, which is binary
        ["--data", data, "import", str(binary)],
        ["--data", data, "show", "nothing"],
        ["--data", data, "rm", "nothing"],
        ["--data", data, "speaker", "edit", "Nobody", "--name", "X"],
        ["--data", data, "doc", "edit", "nothing", "--title", "T"],
        ["--data", data, "restore", "library"],
        ["--data", data, "no-such-command"],
        ["--data", data],  # the app, without a terminal
    ]
    for argv in cases:
        result = sayso(*argv)
        assert result.returncode != 0, argv
        assert "Traceback" not in result.stderr, (argv, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert lines and all(line.startswith("sayso: error: ") for line in lines), (argv, result.stderr)


def test_unwritable_data_folder(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = sayso("--data", str(locked / "data"), "docs")
        assert result.returncode == 1 and "Traceback" not in result.stderr
    finally:
        locked.chmod(0o700)


def test_library_busy_via_cli(tmp_path: Path) -> None:
    data = tmp_path / "data"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time; from pathlib import Path; from corpus.store import WriteLock\n"
            "with WriteLock(Path(sys.argv[1]) / '.lock').held():\n print('held', flush=True); time.sleep(60)",
            str(data),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        doc = tmp_path / "d.txt"
        doc.write_text("Some words.\n", encoding="utf-8")
        result = sayso("--data", str(data), "import", str(doc))
        assert result.returncode == 1
        assert result.stderr.startswith("sayso: error: library busy") and result.stderr.count("\n") == 1
    finally:
        holder.kill()
        holder.wait()


def test_app_refuses_without_a_usable_terminal(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    piped = sayso("--data", data)
    assert piped.returncode == 2 and "needs a terminal" in piped.stderr
    # A real terminal, but TERM=dumb: a clear line, no escape codes.
    primary, secondary = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "sayso", "--data", data],
            stdin=secondary,
            stdout=secondary,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env={**os.environ, "TERM": "dumb"},
            timeout=60,
        )
    finally:
        os.close(secondary)
    os.set_blocking(primary, False)
    try:
        screen = os.read(primary, 65536)
    except OSError:
        screen = b""
    os.close(primary)
    assert result.returncode == 2 and "TERM is 'dumb'" in result.stderr
    assert b"\x1b" not in screen


def test_demo_loads_once_without_the_app(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    first = sayso("--data", data, "demo", "--no-app", "--json")
    assert first.returncode == 0, first.stderr
    docs = json.loads(first.stdout)
    second = sayso("--data", data, "demo", "--no-app", "--json")
    assert second.returncode == 0 and json.loads(second.stdout) == docs  # loaded once, not duplicated


def test_usage_mistakes_are_one_line_pointing_at_the_command_typed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A user trial: `search x --limit -1` printed "no matches", `search ''` listed every passage, and
    `docs --bogus` pointed at `sayso --help` instead of `sayso docs --help`."""
    data = str(tmp_path / "data")
    for argv, says in (
        (["docs", "--bogus"], "unrecognized arguments: --bogus (see `sayso docs --help`)"),
        (["search", "x", "--limit", "-1"], "argument --limit: -1 is not 1 or more (see `sayso search --help`)"),
        (["search", "x", "--limit", "0"], "argument --limit: 0 is not 1 or more"),
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(["--data", data, *argv])
        err = capsys.readouterr().err
        assert exit_info.value.code == 2 and err.count("\n") == 1 and says in err, (argv, err)
    for nothing in (" ", '"', "((", "speaker:"):
        assert main(["--data", data, "search", nothing]) == 1
        err = capsys.readouterr().err
        assert err == "sayso: error: nothing to search for: give a word or a phrase\n", nothing
        # (a facet given as an option is something to search for: its passages are listed)
        assert main(["--data", data, "search", nothing, "--speaker", "nobody here"]) in (0, 1)
        assert "nothing to search for" not in capsys.readouterr().err


def test_version_is_the_installed_one(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0 and capsys.readouterr().out == f"sayso {version('sayso')}\n"


def test_a_search_naming_an_unknown_speaker_or_document_says_so(
    capsys: pytest.CaptureFixture[str], data: Path, panel: Path
) -> None:
    """Issue 14 and a user trial: `--speaker nobodyxyz` and `doc:nosuch` printed "no matches" with exit 0,
    as if the speaker had said nothing."""
    assert run(capsys, "--data", str(data), "import", str(panel))[0] == 0
    rc, out, err = run(capsys, "--data", str(data), "search", "welcome", "--speaker", "nobodyxyz")
    assert (rc, out, err) == (1, "", "sayso: error: no speaker 'nobodyxyz'\n")
    rc, _, err = run(capsys, "--data", str(data), "search", "welcome", "--speaker", "Mick Thumper")
    assert rc == 1 and "no speaker 'Mick Thumper'; closest: Nick Thompson" in err
    # A quote left open swallows the words after it: said when nothing is found, and noted when something is.
    rc, _, err = run(capsys, "--data", str(data), "search", 'speaker:"Zed Zzyzx welcome')
    assert rc == 1 and "no speaker 'Zed Zzyzx welcome'" in err and 'a quote (") is not closed' in err
    rc, out, err = run(capsys, "--data", str(data), "search", 'speaker:"Nick Thompson welcome')
    assert (
        rc == 0
        and "Nick Thompson" in out
        and err
        == ('sayso: note: a quote (") is not closed: a speaker: or doc: value after it runs to the end of the query\n')
    )
    rc, out, err = run(capsys, "--data", str(data), "search", '"zzqqxx nothing')  # (no hits, no facet: said too)
    assert (rc, out) == (0, "no matches\n") and "is not closed" in err
    rc, _, err = run(capsys, "--data", str(data), "search", "doc:nosuch welcome")
    assert rc == 1 and err.startswith("sayso: error: no document 'nosuch'")
    rc, out, _ = run(capsys, "--data", str(data), "search", "welcome", "--speaker", "nick")
    assert rc == 0 and "Nick Thompson — AI panel #1 " in out  # the first passage is #1, as in the app and exports
    rc, out, _ = run(capsys, "--data", str(data), "search", "zzqqxx", "--speaker", "nick")
    assert (rc, out) == (0, "no matches\n")  # a known speaker who did not say it


def test_every_commands_help_ends_with_examples_and_the_environment_it_reads(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sayso.cli import EXAMPLES, build_parser

    parser = build_parser()
    commands = [[]] + [[name] for name in parser.commands] + [["quote", "add"], ["speaker", "edit"]]
    for words in commands:
        with pytest.raises(SystemExit):
            main([*words, "--help"])
        out = capsys.readouterr().out
        assert "examples:\n  sayso" in out and "SAYSO_DATA" in out and "SAYSO_CONFIG" in out, words
    # Each example parses (what a user copies runs, at least as far as the parser).
    for examples in EXAMPLES.values():
        for example in examples:
            argv = shlex.split(example)[1:]
            argv = argv[: argv.index(">")] if ">" in argv else argv  # the shell's redirection is not sayso's
            if argv and not any("|" in a for a in argv):
                _args, extras = parser.parse_known_args(argv)
                assert not extras, example


def test_a_folder_import_shows_progress_a_bar_on_a_terminal_lines_when_piped_nothing_when_quiet(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(22):
        (folder / f"t{i:02}.txt").write_text(f"Ada Park: Turn number {i}.\n\nBen Cho: Reply {i}.\n", "utf-8")
    piped = sayso("--data", str(tmp_path / "a"), "import", str(folder))
    assert piped.returncode == 0, piped.stderr
    lines = [line for line in piped.stderr.splitlines() if line.startswith("importing ")]
    assert len(lines) == 22 and lines[-1].startswith("importing 22/22 ")
    quiet = sayso("--data", str(tmp_path / "b"), "import", "-q", str(folder))
    assert quiet.returncode == 0 and "importing" not in quiet.stderr
    primary, secondary = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "sayso", "--data", str(tmp_path / "c"), "import", str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=secondary,
            cwd=REPO,
            env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"},
            timeout=120,
        )
    finally:
        os.close(secondary)
    os.set_blocking(primary, False)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert result.returncode == 0
    assert "files, left:" in screen and "/22" in screen  # the bar, with counts and time left
    assert b"imported 22 document(s)" in result.stdout


def test_the_demo_has_a_library_of_its_own_never_mixed_into_the_users(tmp_path: Path) -> None:
    demo = sayso("demo", "--no-app", "--json", env={"XDG_DATA_HOME": str(tmp_path / "xdg-data")})
    assert demo.returncode == 0, demo.stderr
    assert json.loads(demo.stdout), "the demo corpus was loaded"
    assert (tmp_path / "xdg-data" / "sayso-demo" / "library.json").exists()
    assert not (tmp_path / "xdg-data" / "sayso").exists(), "the demo went into the user's library"


def test_every_option_and_argument_says_what_it_is() -> None:
    from sayso.cli import build_parser

    parser = build_parser()
    parsers = {"sayso": parser}
    for name, command in parser.commands.items():
        parsers[name] = command
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                parsers.update({f"{name} {child}": p for child, p in action.choices.items()})
    silent = [
        f"{name}: {action.dest}"
        for name, p in parsers.items()
        for action in p._actions
        if not isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)) and not action.help
    ]
    assert not silent, silent


def test_a_search_index_rebuilt_shows_its_progress_like_an_import(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(22):
        (folder / f"t{i:02}.txt").write_text(f"Ada Park: Archive number {i}.\n\nBen Cho: Noted {i}.\n", "utf-8")
    data = tmp_path / "data"
    assert sayso("--data", str(data), "import", "-q", str(folder)).returncode == 0
    shutil.rmtree(data / "index")  # lost: the next command rebuilds it
    found = sayso("--data", str(data), "search", "archive")
    assert found.returncode == 0 and "number 3." in found.stdout
    lines = [line for line in found.stderr.splitlines() if line.startswith("indexing ")]
    assert len(lines) == 22 and lines[-1].startswith("indexing 22/22 ")


def test_searching_and_the_app_set_memory_for_reading_and_importing_for_importing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: Path, panel: Path
) -> None:
    """A keystroke's search at 1M passages took p95 16 ms with the importer's setting, 8 ms with reading's."""
    import sayso.cli as cli_module

    chosen: list[str] = []
    monkeypatch.setattr(cli_module, "reuse_blocks_for_reading", lambda: chosen.append("reading") or True)
    monkeypatch.setattr(cli_module, "keep_large_blocks_mapped", lambda: chosen.append("importing") or True)
    monkeypatch.setattr(cli_module, "run_app", lambda library, **options: 0)
    assert run(capsys, "--data", str(data), "import", str(panel))[0] == 0
    assert run(capsys, "--data", str(data), "search", "welcome")[0] == 0
    assert run(capsys, "--data", str(data), "docs")[0] == 0
    assert run(capsys, "--data", str(data))[0] == 0  # the app
    assert chosen == ["importing", "reading", "importing", "reading"]
    if sys.platform.startswith("linux"):  # (in a process of its own: the settings are the whole process's)
        check = (
            "from sayso import memory; assert memory.reuse_blocks_for_reading() and memory.keep_large_blocks_mapped()"
        )
        assert subprocess.run([sys.executable, "-c", check], check=False).returncode == 0


def test_the_command_table_names_the_module_registering_each_command() -> None:
    """`sayso.cli.COMMANDS` lets a command line load one command module: it must list every command of every
    module, under the module that registers it, or `sayso NAME` would not know NAME."""
    import importlib

    from sayso.cli import COMMAND_MODULES, COMMANDS, CliParser

    registered: dict[str, str] = {}
    for module in COMMAND_MODULES:
        sub = CliParser(prog="sayso").add_subparsers(dest="command")
        importlib.import_module(f"sayso.cli.{module}").register(sub)
        registered.update(dict.fromkeys(sub.choices, module))
    assert registered == COMMANDS


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["docs"], "docs"),
        (["--data", "search", "docs", "--json"], "docs"),  # an option's value is not the command
        (["--data=/tmp/x", "--json", "search", "docs"], "search"),
        (["--theme", "sayso-light"], None),
        (["--json"], None),
        (["--da", "x", "docs"], None),  # an abbreviation: the full parser reads it
        (["--bogus", "docs"], None),
        (["--", "docs"], None),
    ],
)
def test_the_command_a_command_line_names(argv: list[str], named: str | None) -> None:
    from sayso.cli import build_parser, command_named

    assert command_named(build_parser([]), argv) == named


def test_a_command_line_parses_alike_with_its_command_alone_and_with_every_command() -> None:
    from sayso.cli import build_parser

    for command, argv in (
        ("docs", ["--data", "d", "docs", "--json"]),
        ("search", ["search", "-word", "open", "--limit", "3"]),
        ("quote", ["--json", "quote", "add", "p1", "--exact", "x", "--note", "-2+3"]),
        ("export", ["export", "--format", "bibtex", "-o", "x.bib"]),
    ):
        lazy, full = build_parser(argv), build_parser()
        assert command in lazy.commands and len(lazy.commands) < len(full.commands)
        assert repr(lazy.parse_known_args(argv)) == repr(full.parse_known_args(argv)), argv


def test_version_is_looked_up_only_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert re.fullmatch(r"sayso \d+\.\d+\.\d+\S*\n", capsys.readouterr().out)


def test_docs_names_the_file_of_a_title_two_documents_share(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A user trial: `sayso docs` listed the House and Senate records of one day as two identical lines; the app
    names their files, and so does the command now (a title of its own stays as it was)."""
    from library_support import SHARED_TITLE, import_records_of_one_title

    data = tmp_path / "data"
    import_records_of_one_title(Library.open(data))
    rc, out, _ = run(capsys, "--data", str(data), "docs")
    lines = out.splitlines()
    assert rc == 0 and len(lines) == 3
    shared = [line for line in lines if SHARED_TITLE in line]
    assert {line.rsplit("  ", 1)[1] for line in shared} == {"(crec-house.htm)", "(crec-senate.htm)"}
    [own] = [line for line in lines if "Another record" in line]
    assert own.endswith("1 passages, 1 speaker(s)")
