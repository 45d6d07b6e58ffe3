"""A real wheel (not only an editable install) ships the styles, the demo corpus and the `sayso` script."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def build_wheel(tmp_path: Path) -> Path:
    # Build from a copy so setuptools' build/ and *.egg-info never land in the working tree.
    src = tmp_path / "src"
    shutil.copytree(
        REPO,
        src,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "venv", "__pycache__", "build", "dist", "*.egg-info", ".pytest_cache", "tests", "bench"
        ),
    )
    out = tmp_path / "wheels"
    attempts = [
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", str(src), "-w", str(out)],
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(src), "-w", str(out)],
    ]
    errors = []
    for cmd in attempts:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        wheels = list(out.glob("sayso-*.whl"))
        if result.returncode == 0 and wheels:
            return wheels[0]
        errors.append(result.stderr[-2000:])
    pytest.fail("could not build a wheel:\n" + "\n".join(errors))


def test_wheel_holds_styles_demo_and_entry_point(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        scripts = zf.read(entry_points).decode()
    tcss_in_tree = sorted(p.name for p in (REPO / "styles").glob("*.tcss"))
    assert tcss_in_tree, "styles/ holds no .tcss file"
    assert {f"sayso/styles/{name}" for name in tcss_in_tree} <= names
    demo_in_tree = sorted(
        p.name
        for p in (REPO / "corpus" / "demo").iterdir()
        if p.is_file() and p.suffix in {".txt", ".vtt", ".md", ".srt"}
    )
    assert demo_in_tree, "corpus/demo holds no demo document"
    assert {f"sayso/corpus/demo/{name}" for name in demo_in_tree} <= names
    # Every package of the source tree is in the wheel, under the one top-level package `sayso`.
    in_tree = [
        *sorted(
            "sayso/" + str(init.relative_to(REPO))
            for top in ("corpus", "tui", "styles")
            for init in (REPO / top).rglob("__init__.py")
            if "__pycache__" not in init.parts
        ),
        "sayso/__init__.py",
        "sayso/__main__.py",
        "sayso/cli/__init__.py",
    ]
    missing = [name for name in in_tree if name not in names]
    assert not missing, f"packages missing from the wheel (add them to pyproject.toml): {missing}"
    for package in (
        "sayso/corpus/__init__.py",
        "sayso/corpus/store.py",
        "sayso/corpus/importers/__init__.py",
        "sayso/cli/__init__.py",
        "sayso/tui/app.py",
    ):
        assert package in names
    # One top-level package: nothing installs a generic `corpus`, `tui` or `styles` beside it.
    assert {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")} == {"sayso"}
    assert "[console_scripts]" in scripts and "sayso = sayso.cli:main" in scripts


def test_wheel_carries_its_licence_type_marker_and_classifiers(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        metadata = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "sayso/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "License-Expression: MIT" in metadata
    assert (
        "Classifier: Typing :: Typed" in metadata and "Classifier: Programming Language :: Python :: 3.11" in metadata
    )
    assert (REPO / "CHANGELOG.md").read_text("utf-8").startswith("# Changelog")
