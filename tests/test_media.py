"""A document's recording (issue 16): found beside the transcript, linked at a moment, played or copied."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from sayso.corpus.media import BadMedia, find_media, moment_link, normalise_media, player_command, plays_here


def test_the_recording_beside_a_transcript_is_found_by_its_name(tmp_path: Path) -> None:
    transcript = tmp_path / "council-2026-06-25.vtt"
    transcript.write_text("WEBVTT\n", encoding="utf-8")
    assert find_media(transcript) is None
    (tmp_path / "council-2026-06-25.txt").write_text("not media", encoding="utf-8")
    (tmp_path / "other.mp3").write_bytes(b"ID3")
    assert find_media(transcript) is None
    (tmp_path / "council-2026-06-25.m4a").write_bytes(b"\0\0\0 ftyp")
    assert find_media(transcript) == tmp_path / "council-2026-06-25.m4a"
    (tmp_path / "council-2026-06-25.mp3").mkdir()  # a folder of that name is no recording
    assert find_media(transcript) == tmp_path / "council-2026-06-25.m4a"
    (tmp_path / "Hearing.MP4").write_bytes(b"\0")
    assert find_media(tmp_path / "hearing.txt") == tmp_path / "Hearing.MP4"  # endings and names in any case
    # A folder import reads each folder once: what is listed is reused for the next transcript there.
    listings: dict[Path, dict[str, str]] = {}
    assert find_media(tmp_path / "late.txt", listings) is None
    (tmp_path / "late.ogg").write_bytes(b"OggS")
    assert find_media(tmp_path / "late.txt", listings) is None and find_media(tmp_path / "late.txt") is not None


@pytest.mark.parametrize(
    ("media", "seconds", "expected"),
    [
        ("https://www.youtube.com/watch?v=a95KMDHf4vQ", 83.9, {"v": ["a95KMDHf4vQ"], "t": ["83"]}),
        (
            "https://www.youtube.com/watch?v=a95KMDHf4vQ&t=5s&list=PL1",
            600,
            {"v": ["a95KMDHf4vQ"], "list": ["PL1"], "t": ["600"]},
        ),
        ("https://youtu.be/a95KMDHf4vQ", 1.2, {"t": ["1"]}),
    ],
)
def test_youtube_links_carry_a_t_parameter(media: str, seconds: float, expected: dict[str, list[str]]) -> None:
    link = moment_link(media, seconds)
    assert parse_qs(urlsplit(link).query) == expected
    assert urlsplit(link).path == urlsplit(media).path


def test_vimeo_other_urls_and_files_get_a_time_fragment(tmp_path: Path) -> None:
    assert moment_link("https://vimeo.com/76979871", 125.7) == "https://vimeo.com/76979871#t=125s"
    assert moment_link("https://example.org/audio/ep12.mp3", 61) == "https://example.org/audio/ep12.mp3#t=61"
    media = tmp_path / "a talk #1.mp3"
    link = moment_link(str(media), 3599.99)
    assert link.startswith("file://") and link.endswith("#t=3599")
    assert "a%20talk%20%231.mp3" in link  # the name's own '#' cannot be taken for the fragment
    assert moment_link(str(media), -4).endswith("#t=0")


def test_doc_edit_media_values_are_urls_or_absolute_paths(tmp_path: Path) -> None:
    assert normalise_media("https://youtu.be/x") == "https://youtu.be/x"
    assert normalise_media("talk.mp3", base=tmp_path) == str(tmp_path / "talk.mp3")
    assert normalise_media("../x/../talk.mp3", base=tmp_path / "sub") == str(tmp_path / "talk.mp3")
    assert normalise_media(f"file://{tmp_path}/talk.mp3") == str(tmp_path / "talk.mp3")
    for bad in ("", "   ", "javascript:alert(1)", "ftp://host/x.mp3", "https://", "talk\x1b[2J.mp3"):
        with pytest.raises(BadMedia):
            normalise_media(bad, base=tmp_path)


def test_the_player_starts_at_the_moment_and_never_reads_the_terminal() -> None:
    argv = player_command("mpv", "/srv/a -b.mp3", 83.456)
    assert argv[0] == "mpv" and "--start=83.46" in argv and "--no-terminal" in argv
    assert argv[-2:] == ["--", "/srv/a -b.mp3"]  # a name starting with '-' is not an option


def test_over_ssh_or_without_a_display_nothing_plays_here() -> None:
    assert not plays_here({"SSH_CONNECTION": "10.0.0.2 5000 10.0.0.1 22", "DISPLAY": ":0"})
    assert not plays_here({"SSH_TTY": "/dev/pts/3", "DISPLAY": ":0"})
    assert plays_here({"DISPLAY": ":0"}) or plays_here({})  # (macOS needs no DISPLAY)
    assert plays_here({"WAYLAND_DISPLAY": "wayland-0"})


def run_sayso(data: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sayso", "--data", str(data), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_import_finds_the_recording_and_doc_edit_names_or_clears_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    talk = tmp_path / "talk.txt"
    talk.write_text("Ada Park: The archive opens at nine.\n\nBen Cho: And closes at five.\n", encoding="utf-8")
    (tmp_path / "talk.mp3").write_bytes(b"ID3")
    done = run_sayso(data, "import", str(talk))
    assert done.returncode == 0, done.stderr
    doc = json.loads(run_sayso(data, "--json", "docs").stdout)[0]
    assert doc["media"] == str(tmp_path / "talk.mp3")

    done = run_sayso(data, "doc", "edit", doc["id"], "--media", "recordings/talk.m4a", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    # Kept, but said: no file there yet (a user trial set a path that did not exist and heard nothing).
    assert done.stderr.startswith("sayso: warning: no file at ") and len(done.stderr.splitlines()) == 1
    (tmp_path / "recordings").mkdir()
    (tmp_path / "recordings" / "talk.m4a").write_bytes(b"\0")
    quiet = run_sayso(data, "doc", "edit", doc["id"], "--media", "recordings/talk.m4a", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert json.loads(run_sayso(data, "--json", "docs").stdout)[0]["media"] == str(tmp_path / "recordings/talk.m4a")
    # The user's choice survives re-importing the file (the mp3 beside it does not win back).
    run_sayso(data, "import", str(talk))
    assert json.loads(run_sayso(data, "--json", "docs").stdout)[0]["media"] == str(tmp_path / "recordings/talk.m4a")

    bad = run_sayso(data, "doc", "edit", doc["id"], "--media", "ftp://example.org/talk.mp3")
    assert bad.returncode != 0 and len(bad.stderr.strip().splitlines()) == 1 and "ftp" in bad.stderr
    assert json.loads(run_sayso(data, "--json", "docs").stdout)[0]["media"] == str(tmp_path / "recordings/talk.m4a")

    run_sayso(data, "doc", "edit", doc["id"], "--media", "")
    assert json.loads(run_sayso(data, "--json", "docs").stdout)[0]["media"] is None


def test_exports_carry_a_link_to_the_quoted_moment(tmp_path: Path) -> None:
    data = tmp_path / "data"
    talk = tmp_path / "interview.vtt"
    shutil.copy(Path(__file__).resolve().parent.parent / "corpus" / "demo" / "interview-climate-data.vtt", talk)
    (tmp_path / "interview.mp3").write_bytes(b"ID3")
    assert run_sayso(data, "import", str(talk)).returncode == 0
    doc = json.loads(run_sayso(data, "--json", "docs").stdout)[0]
    passage = json.loads(run_sayso(data, "--json", "show", doc["id"]).stdout)["passages"][3]
    words = " ".join(passage["text"].split()[:6])
    assert run_sayso(data, "quote", "add", doc["id"], "--exact", words).returncode == 0
    link = f"{(tmp_path / 'interview.mp3').as_uri()}#t={int(passage['start'])}"
    markdown = run_sayso(data, "export", "-f", "markdown").stdout
    assert f"- Recording: <{link}>" in markdown
    rows = list(csv.DictReader(io.StringIO(run_sayso(data, "export", "-f", "csv").stdout)))
    assert rows[0]["recording"] == link
    run_sayso(data, "doc", "edit", doc["id"], "--media", "")
    assert "Recording:" not in run_sayso(data, "export", "-f", "markdown").stdout
