"""Layers: `corpus` never loads Textual, Rich or tui; the CLI starts without Textual."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import corpus

REPO = Path(__file__).resolve().parents[1]
FORBIDDEN = ("textual", "rich", "tui")


def loaded_after(code: str) -> list[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def offenders(modules: list[str], roots: tuple[str, ...]) -> list[str]:
    return [m for m in modules if m.split(".")[0] in roots]


def corpus_modules() -> list[str]:
    names = ["corpus"]
    for info in pkgutil.walk_packages(corpus.__path__, "corpus."):
        names.append(info.name)
    return names


def test_import_corpus_loads_no_ui() -> None:
    assert offenders(loaded_after("import corpus"), FORBIDDEN) == []


def test_every_corpus_module_loads_no_ui() -> None:
    modules = corpus_modules()
    assert "corpus.store" in modules and "corpus.library" in modules
    code = "\n".join(f"import {name}" for name in modules)
    assert offenders(loaded_after(code), FORBIDDEN) == []


def _importers_of(package: str) -> list[str]:
    """Project files (corpus/ and tui/) with an import statement of `package`."""
    starts = (f"import {package}", f"from {package}")
    return sorted(
        str(path.relative_to(REPO))
        for top in ("corpus", "tui")
        for path in (REPO / top).rglob("*.py")
        if any(line.strip().startswith(starts) for line in path.read_text(encoding="utf-8").splitlines())
    )


def test_store_is_the_only_tinydb_user() -> None:
    assert _importers_of("tinydb") == ["corpus/store.py"]


def test_fuzzy_is_the_only_rapidfuzz_user() -> None:
    assert _importers_of("rapidfuzz") == ["corpus/fuzzy.py"]


def test_import_corpus_models_loads_no_store() -> None:
    """The models (and the package root) are cheap: no TinyDB, store, library or search engine."""
    for code in ("import corpus.models", "import corpus"):
        loaded = loaded_after(code)
        assert offenders(loaded, ("tinydb", "rapidfuzz", "numpy")) == [], code
        assert not {"corpus.store", "corpus.library", "corpus.search"} & set(loaded), code


def test_corpus_import_graph_has_no_cycle() -> None:
    """corpus/ is layered: no module reaches back to one that imports it, type-checking imports included."""
    grimp = pytest.importorskip("grimp")

    graph = grimp.build_graph("corpus", include_external_packages=False)
    cycles = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if graph.chain_exists(importer=imported, imported=module):
                cycles.append(f"{module} <-> {imported}")
    assert cycles == []


def test_cli_starts_without_textual() -> None:
    loaded = loaded_after("import tui.cli\ntui.cli.build_parser()")
    assert offenders(loaded, ("textual",)) == []
    help_run = subprocess.run([sys.executable, "-X", "importtime", "-m", "tui.cli", "--help"],
                              capture_output=True, text=True, cwd=REPO, timeout=120)
    assert help_run.returncode == 0
    assert "textual" not in {line.split("|")[-1].strip().split(".")[0] for line in help_run.stderr.splitlines()}
