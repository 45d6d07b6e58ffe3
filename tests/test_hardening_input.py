"""Input hardening through the real CLI: other encodings by `--encoding`, undecodable bytes flagged, line
endings that give identical passages in `sayso show --json`, and random queries that never crash a search.

tests/test_importers_encoding.py pins the decoder itself (BOMs, UTF-16, cp1252 fallback, binary and empty
refusal) and tests/test_importers_properties.py / tests/test_query.py fuzz the importers and the query
parser; this file checks the same promises end to end and fuzzes the pieces they do not reach.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sayso.cli import main
from sayso.corpus.errors import ImportRefused, SaysoError
from sayso.corpus.importers import parse_bytes
from sayso.corpus.library import Library

DIALOGUE = "Panel on archives\n\nAda Park: First words.\nStill the first turn.\n\nBen Cho: Second turn here.\n\nAda Park: Third, and last.\n"
VTT = (
    "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ada Park>Hello there.\n\n"
    "00:00:03.000 --> 00:00:05.000\n<v Ada Park>Still me.\n\n"
    "00:00:05.000 --> 00:00:07.500\n<v Ben Cho>My turn now.\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture(autouse=True)
def no_env_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAYSO_DATA", raising=False)


def import_and_show(capsys: pytest.CaptureFixture[str], data: Path, path: Path, *options: str) -> dict:
    rc, out, err = run(capsys, "--data", str(data), "import", str(path), "--json", *options)
    assert rc == 0, err
    doc_id = json.loads(out)["documents"][0]["id"]
    rc, out, err = run(capsys, "--data", str(data), "show", doc_id, "--json")
    assert rc == 0, err
    return json.loads(out)


def passage_view(shown: dict) -> list[tuple]:
    return [(p["speaker"], p["text"], p.get("start"), p.get("end")) for p in shown["passages"]]


# -- encodings ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1251", "Иван Петров: Добрый вечер, коллеги.\n\nАнна Смирнова: Спасибо, Иван.\n\nИван Петров: Начнём.\n"),
        (
            "shift_jis",
            "山田 太郎: こんにちは、皆さん。\n\n佐藤 花子: よろしくお願いします。\n\n山田 太郎: 始めましょう。\n",
        ),
        ("latin-1", "Zoë Ångström: Ça va très bien, merci.\n\nBen Cho: Très bien.\n\nZoë Ångström: Voilà.\n"),
        ("utf-16-le", "Zoë Ångström: No byte-order mark here.\n\nBen Cho: Still readable by the option.\n"),
    ],
)
def test_other_encodings_are_read_exactly_with_the_option(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, encoding: str, text: str
) -> None:
    path = tmp_path / f"talk-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    shown = import_and_show(capsys, tmp_path / "data", path, "--encoding", encoding)
    words = "\n\n".join([shown["document"]["title"], *(p["text"] for p in shown["passages"])])
    for line in text.strip().split("\n\n"):
        said = line.split(": ", 1)[1]
        assert said in words, f"{said!r} not read exactly from {encoding}"
    assert not shown["document"].get("warnings")
    # Without the option the bytes are guessed (and flagged) or refused, never silently read as the same text.
    rc, out, _err = run(capsys, "--data", str(tmp_path / "guess"), "import", str(path), "--json")
    if rc == 0:
        guessed = json.loads(out)["documents"][0]
        assert guessed["warnings"] or (encoding in ("latin-1",) and guessed["encoding"] == "cp1252")


def test_unknown_encoding_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(DIALOGUE, encoding="utf-8")
    for name in ("no-such-codec", "rot13", "base64"):
        rc, out, err = run(capsys, "--data", str(tmp_path / "data"), "import", str(path), "--encoding", name)
        assert rc != 0 and out == ""
        assert err.count("\n") == 1 and err.startswith("sayso: error: ") and "encoding" in err, err


def test_undecodable_bytes_are_replaced_and_the_document_flagged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Mostly UTF-8 with a few stray bytes no encoding explains: read, with U+FFFD, and flagged in the summary
    # and on the document.  (utf-8 by option so the cp1252 fallback cannot absorb the bytes.)
    raw = "Ada Park: café au lait ".encode() + b"\x81\x8d\x8f\x90\x9d" + b" ok.\n\nBen Cho: fine.\n"
    path = tmp_path / "stray.txt"
    path.write_bytes(raw)
    rc, out, err = run(capsys, "--data", str(tmp_path / "data"), "import", str(path))
    assert rc == 0, err
    assert "warning" in out
    for options in ([], ["--encoding", "utf-8"]):
        data = tmp_path / f"data{len(options)}"
        shown = import_and_show(capsys, data, path, *options)
        assert shown["document"]["warnings"], "the document is not flagged"
        first = shown["passages"][0]["text"]
        assert first.startswith(("café au lait", "cafÃ"))  # the words around the bytes kept
        if options:
            assert "\ufffd" in first


@pytest.mark.parametrize("bom_encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_with_a_bom_is_read_exactly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bom_encoding: str
) -> None:
    text = "Zoë Ångström: Ça va très bien, merci.\n\nBen Cho: 日本語も大丈夫です。\n"
    path = tmp_path / "wide.txt"
    path.write_bytes(("\ufeff" + text).encode(bom_encoding))
    shown = import_and_show(capsys, tmp_path / "data", path)
    assert [(p["speaker"], p["text"]) for p in shown["passages"]] == [
        ("Zoë Ångström", "Ça va très bien, merci."),
        ("Ben Cho", "日本語も大丈夫です。"),
    ]
    assert not shown["document"].get("warnings")


# -- line endings --------------------------------------------------------------------------------------------


def variants(text: str) -> dict[str, bytes]:
    lines = text.split("\n")
    seps = ["\r\n", "\n", "\r", "\u2028"]
    mixed = "".join(line + seps[i % 4] for i, line in enumerate(lines[:-1])) + lines[-1]
    return {
        "lf": text.encode(),
        "crlf": text.replace("\n", "\r\n").encode(),
        "cr": text.replace("\n", "\r").encode(),
        "u2028": text.replace("\n", "\u2028").encode(),
        "mixed": mixed.encode(),
        "bom-crlf": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(),
        "utf16-crlf": b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"),
    }


@pytest.mark.parametrize(("text", "suffix"), [(DIALOGUE, ".txt"), (VTT, ".vtt")], ids=["labelled", "webvtt"])
def test_line_ending_styles_give_identical_passages_in_show_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, suffix: str
) -> None:
    seen: dict[str, list[tuple]] = {}
    for name, raw in variants(text).items():
        path = tmp_path / f"{name}{suffix}"
        path.write_bytes(raw)
        seen[name] = passage_view(import_and_show(capsys, tmp_path / f"data-{name}", path))
    expected = seen["lf"]
    if suffix == ".txt":
        assert [p[0] for p in expected] == ["Ada Park", "Ben Cho", "Ada Park"]
        assert expected[0][1] == "First words.\nStill the first turn."
    else:  # one speaker's consecutive cues merged, timestamps kept
        assert [(p[0], p[2]) for p in expected] == [("Ada Park", 1.0), ("Ben Cho", 5.0)]
    for name, got in seen.items():
        assert got == expected, f"{name} differs from LF"


# -- property tests on what the other property tests do not reach ---------------------------------------------


CODECS = st.sampled_from(
    ["utf-8", "latin-1", "cp1251", "shift_jis", "utf-16-le", "utf-16-be", "gb18030", "koi8-r", "ascii"]
)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), CODECS, st.sampled_from(["b.txt", "b.vtt", "b.srt", "b.html"]))
def test_any_bytes_in_any_named_encoding_never_raise_but_refusal(raw: bytes, codec: str, name: str) -> None:
    try:
        doc = parse_bytes(raw, name, encoding=codec)
    except ImportRefused as exc:
        assert "\n" not in str(exc)
        return
    assert all(p.text.strip() for p in doc.passages)


@pytest.fixture(scope="module")
def small_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = tmp_path_factory.mktemp("fuzz-lib")
    lib = Library.open(folder)
    src = folder / "src"
    src.mkdir()
    (src / "panel.txt").write_text(DIALOGUE * 3, encoding="utf-8")
    (src / "talk.vtt").write_text(VTT, encoding="utf-8")
    report = lib.import_paths([src])
    assert len(report.documents) == 2
    return lib


QUERY_PIECES = st.sampled_from(
    [
        '"',
        "-",
        "speaker:",
        "doc:",
        "kind:",
        "tag:",
        "Ada",
        "first",
        "turn",
        "*",
        " ",
        "\x00",
        "\x1b[2J",
        "[bold]",
        "é",
        "日本",
        "\u202e",
        "'",
        ":",
        '"first turn"',
        "-Ben",
        'speaker:"Ada',
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(QUERY_PIECES | st.text(max_size=6), max_size=12).map("".join))
def test_random_queries_never_crash_a_search(small_library: Library, query: str) -> None:
    try:
        hits = small_library.search(query, limit=5)
    except SaysoError as exc:  # a user mistake is one line, never a traceback
        assert "\n" not in str(exc)
        return
    for hit in hits:
        for start, end in hit.spans:
            assert 0 <= start <= end <= len(hit.text)


# -- free-text values that begin with a dash --------------------------------------------------------------


def test_free_text_values_may_begin_with_a_dash(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A note, tag, quoted words or search words may start with '-': the option takes the next argument
    whatever it is (`--note -2+3`), and a search word '-word' is an exclusion, not an unknown option."""
    data = str(tmp_path / "data")
    path = tmp_path / "sums.txt"
    path.write_text(
        "Sums on air\n\nAda Park: The answer is -2+3 as I said.\n\nBen Cho: It is -5 degrees tonight.\n\n"
        "Ada Park: The answer stands tonight.\n",
        encoding="utf-8",
    )
    rc, out, err = run(capsys, "--data", data, "import", str(path), "--json")
    assert rc == 0, err
    doc = json.loads(out)["documents"][0]["id"]
    rc, out, err = run(
        capsys, "--data", data, "quote", "add", doc, "--exact", "-2+3", "--note", "-2+3", "--tag", "-neg", "--json"
    )
    assert rc == 0, err
    quote = json.loads(out)
    assert (quote["exact"], quote["note"], quote["tags"]) == ("-2+3", "-2+3", ["-neg"])
    rc, out, err = run(capsys, "--data", data, "quote", "edit", quote["id"], "--note", "--json", "--json")
    assert rc == 0, err
    assert json.loads(out)["note"] == "--json"  # the value of --note, then the flag
    rc, out, err = run(capsys, "--data", data, "quote", "edit", quote["id"], "--note=-x", "--untag", "-neg", "--json")
    assert rc == 0, err
    assert (json.loads(out)["note"], json.loads(out)["tags"]) == ("-x", [])
    rc, out, err = run(capsys, "--data", data, "quotes", "--text", "-x", "--json")
    assert rc == 0, err
    # Search words: '-answer' leaves out Ada's turns, in any position, with options around it.
    for argv in (
        ["tonight", "-answer"],
        ["-answer", "tonight"],
        ["tonight", "--limit", "5", "-answer"],
        ["--", "tonight", "-answer"],
    ):
        rc, out, err = run(capsys, "--data", data, "search", "--json", *argv)
        assert rc == 0, (argv, err)
        assert [h["speaker"] for h in json.loads(out)] == ["Ben Cho"], argv
    with pytest.raises(SystemExit) as exited:
        main(["--data", data, "search", "--json"])
    err = capsys.readouterr().err
    assert exited.value.code == 2 and "QUERY" in err and err.count("\n") == 1  # one line when no words are given


def test_the_command_line_adds_its_options_to_the_librarys_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The library's lines name no flag (the app has its own ways); the command line points to its options."""
    data = str(tmp_path / "data")
    odd = tmp_path / "odd.txt"
    odd.write_text("\n".join(f"<<P{i % 3}>> 00:{i:02d} words number {i} here" for i in range(20)), encoding="utf-8")
    rc, out, _ = run(capsys, "--data", data, "import", str(odd))
    assert rc == 0 and "speakers: uncertain, " in out and out.rstrip().count("; state it with --labels") == 1
    rc, _, err = run(capsys, "--data", data, "import", "--labels", "{text}", str(odd))
    assert rc == 2 and err.startswith("sayso: error: --labels: a speaker labels pattern needs {speaker}")
    accented = tmp_path / "accented.txt"
    accented.write_bytes("Ana Ruiz: Se habló del café y la señal.\n\nBen Cho: Sí.\n".encode("cp1252"))
    rc, out, _ = run(capsys, "--data", data, "import", str(accented))
    (line,) = [w for w in out.splitlines() if w.startswith("warning: ") and "not valid UTF-8" in w]
    assert rc == 0 and line.endswith("or state the file's encoding (--encoding)")
    # A pattern that matched nothing points to the option; one a cue file ignored does not (it was not the fix).
    rc, out, _ = run(capsys, "--data", data, "import", "--labels", "[{speaker}] {text}", str(accented))
    assert rc == 0 and "matched no line (--labels)" in out
    cues = tmp_path / "cues.vtt"
    cues.write_text(VTT, encoding="utf-8")
    rc, out, _ = run(capsys, "--data", data, "import", "--labels", "{speaker}: {text}", str(cues))
    (ignored,) = [w for w in out.splitlines() if "read by its cues" in w]
    assert rc == 0 and not ignored.endswith(")")
