"""The voice-tagged WebVTT samples that ship in the webvtt-py source distribution.

The sdist is fetched once with `pip download` into a cache outside the repository
(`$SAYSO_TEST_CACHE` or ~/.cache/sayso-tests) and reused; the test is skipped,
saying why, only when it cannot be downloaded.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path

import pytest

from sayso.corpus.errors import ImportRefused
from sayso.corpus.importers import parse_bytes, parse_path

SDIST = "webvtt-py-0.5.1.tar.gz"
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?[ \t]+([^<>]+?)>")


def _cache_dir() -> Path:
    return Path(os.environ.get("SAYSO_TEST_CACHE", Path.home() / ".cache" / "sayso-tests"))


@pytest.fixture(scope="module")
def webvtt_sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = _cache_dir()
    archive = cache / SDIST
    if not archive.exists():
        cache.mkdir(parents=True, exist_ok=True)
        try:
            run = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--no-deps",
                    "--no-binary",
                    ":all:",
                    "webvtt-py==0.5.1",
                    "-d",
                    str(cache),
                ],
                capture_output=True,
                text=True,
                timeout=180,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            pytest.skip(f"could not download webvtt-py 0.5.1 sdist: {exc}")
        if run.returncode != 0 or not archive.exists():
            last = (run.stderr.strip().splitlines() or ["no output"])[-1]
            pytest.skip(f"could not download webvtt-py 0.5.1 sdist: {last}")
    out = tmp_path_factory.mktemp("webvtt")
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if m.isfile() and "/tests/" in m.name]
        try:
            tar.extractall(out, members=members, filter="data")
        except TypeError:  # Python before 3.11.4 has no extraction filters
            tar.extractall(out, members=members)
    return out / "webvtt-py-0.5.1"


def _voice_samples(root: Path, tmp: Path) -> list[Path]:
    """Sample files with <v ...> voices, plus the WEBVTT documents written inline in the test modules."""
    found = [p for p in sorted((root / "tests" / "samples").glob("*.vtt")) if "<v" in p.read_text("utf-8", "replace")]
    for module in sorted((root / "tests").glob("*.py")):
        tree = ast.parse(module.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = textwrap.dedent(node.value).strip()
                if text.startswith("WEBVTT") and "<v" in text:
                    path = tmp / f"{module.stem}-{node.lineno}.vtt"
                    path.write_text(text + "\n", encoding="utf-8")
                    found.append(path)
    return found


def test_voice_samples_import_with_their_speakers(webvtt_sdist: Path, tmp_path: Path) -> None:
    samples = _voice_samples(webvtt_sdist, tmp_path)
    assert samples, "the sdist has voice-tagged WebVTT samples"
    with_voices = 0
    for path in samples:
        text = path.read_text(encoding="utf-8")
        voices = {m.group(1).strip() for m in _VOICE.finditer(text)}
        doc = parse_path(path)
        assert set(doc.speakers) == voices, path.name
        for p in doc.passages:
            assert "<v" not in p.text or not voices, p.text
            assert "</v>" not in p.text
        with_voices += bool(voices)
    assert with_voices >= 1


def test_lisa_and_homer_turns(webvtt_sdist: Path, tmp_path: Path) -> None:
    samples = [p for p in _voice_samples(webvtt_sdist, tmp_path) if "Lisa Simpson" in p.read_text("utf-8")]
    assert samples
    doc = parse_path(samples[0])
    assert [(p.speaker, p.text) for p in doc.passages] == [
        ("Lisa Simpson", "Knock knock"),
        ("Homer Simpson", "Who's there?"),
        ("Lisa Simpson", "Atish"),
    ]
    assert [p.start for p in doc.passages] == [0.0, 2.1, 10.53]


def test_unclosed_angle_is_not_a_voice(webvtt_sdist: Path, tmp_path: Path) -> None:
    samples = [p for p in _voice_samples(webvtt_sdist, tmp_path) if "Not an actual voice" in p.read_text("utf-8")]
    assert samples
    doc = parse_path(samples[0])
    assert doc.speakers == {}
    assert doc.passages[0].text == "<v Not an actual voice span here"


def test_every_vtt_sample_imports_or_is_refused_cleanly(webvtt_sdist: Path) -> None:
    for path in sorted((webvtt_sdist / "tests" / "samples").glob("*.vtt")):
        try:
            doc = parse_bytes(path.read_bytes(), path)
        except ImportRefused as exc:
            assert "\n" not in str(exc)
            continue
        for p in doc.passages:
            assert not re.search(r"<(?:c|i|b|u|v)\b[^>]*>|<\d\d:\d\d", p.text), (path.name, p.text)
            assert "\ufeff" not in p.text
    cue_tags = parse_path(webvtt_sdist / "tests" / "samples" / "cue_tags.vtt")
    assert cue_tags.passages[0].text == "When the moon hits your eye Like a big-a pizza pie That's amore"
