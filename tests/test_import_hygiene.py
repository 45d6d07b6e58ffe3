"""Layers: `sayso.corpus` never loads Textual, Rich or a front end; the CLI starts without Textual."""

from __future__ import annotations

import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import sayso.corpus

REPO = Path(__file__).resolve().parents[1]
#: Module roots the headless library must never load.
FRONT_ENDS = ("textual", "rich")
FRONT_END_PACKAGES = ("sayso.tui", "sayso.cli")


def loaded_after(code: str) -> list[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def offenders(
    modules: list[str], roots: tuple[str, ...] = FRONT_ENDS, packages: tuple[str, ...] = FRONT_END_PACKAGES
) -> list[str]:
    return [m for m in modules if m.split(".")[0] in roots or any(m == p or m.startswith(p + ".") for p in packages)]


def corpus_modules() -> list[str]:
    names = ["sayso.corpus"]
    for info in pkgutil.walk_packages(sayso.corpus.__path__, "sayso.corpus."):
        names.append(info.name)
    return names


def test_import_corpus_loads_no_ui() -> None:
    assert offenders(loaded_after("import sayso.corpus")) == []


def test_every_corpus_module_loads_no_ui() -> None:
    modules = corpus_modules()
    assert "sayso.corpus.store" in modules and "sayso.corpus.library" in modules
    code = "\n".join(f"import {name}" for name in modules)
    assert offenders(loaded_after(code)) == []


def test_the_package_root_loads_neither_front_end() -> None:
    assert offenders(loaded_after("import sayso")) == []


def _importers_of(package: str) -> list[str]:
    """Project files (corpus/, tui/ and sayso/) with an import statement of `package`."""
    starts = (f"import {package}", f"from {package}")
    return sorted(
        str(path.relative_to(REPO))
        for path in _project_files()
        if any(line.strip().startswith(starts) for line in path.read_text(encoding="utf-8").splitlines())
    )


def _project_files() -> list[Path]:
    files = [p for top in ("corpus", "tui") for p in (REPO / top).rglob("*.py")]
    files += [
        p
        for p in (REPO / "sayso").rglob("*.py")
        if p.relative_to(REPO / "sayso").parts[0] in {"cli", "__init__.py", "__main__.py"}
    ]
    return [p for p in files if "__pycache__" not in p.parts]


def test_store_is_the_only_tinydb_user() -> None:
    assert _importers_of("tinydb") == ["corpus/store.py"]


def test_fuzzy_is_the_only_rapidfuzz_user() -> None:
    assert _importers_of("rapidfuzz") == ["corpus/fuzzy.py"]


def test_code_imports_the_package_never_the_bare_folders() -> None:
    """`corpus` and `tui` are importable from a checkout's root, but a module loaded under two names is two
    modules (two Library classes, two sets of errors): every import goes through `sayso.`."""
    bare = re.compile(r"^\s*(from|import)\s+(corpus|tui|styles)\b", re.MULTILINE)
    files = _project_files() + [p for top in ("tests", "bench") for p in (REPO / top).rglob("*.py")]
    assert [str(p.relative_to(REPO)) for p in files if bare.search(p.read_text(encoding="utf-8"))] == []


def test_import_corpus_models_loads_no_store() -> None:
    """The models (and the package root) are cheap: no TinyDB, store, library or search engine."""
    for code in ("import sayso.corpus.models", "import sayso.corpus"):
        loaded = loaded_after(code)
        assert offenders(loaded, ("tinydb", "rapidfuzz", "numpy"), ()) == [], code
        assert not {"sayso.corpus.store", "sayso.corpus.library", "sayso.corpus.search"} & set(loaded), code


def test_corpus_import_graph_has_no_cycle() -> None:
    """corpus/ is layered: no module reaches back to one that imports it, type-checking imports included."""
    import grimp

    graph = grimp.build_graph("sayso", include_external_packages=False)
    corpus = sorted(m for m in graph.modules if m == "sayso.corpus" or m.startswith("sayso.corpus."))
    assert "sayso.corpus.library" in corpus
    cycles = []
    for module in corpus:
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if graph.chain_exists(importer=imported, imported=module):
                cycles.append(f"{module} <-> {imported}")
    assert cycles == []


def test_cli_starts_without_textual() -> None:
    loaded = loaded_after("import sayso.cli\nsayso.cli.build_parser()")
    assert offenders(loaded, ("textual", "rich"), ("sayso.tui",)) == []
    help_run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "sayso", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert help_run.returncode == 0
    assert "textual" not in {line.split("|")[-1].strip().split(".")[0] for line in help_run.stderr.splitlines()}


def test_a_command_loads_only_its_own_module(tmp_path: Path) -> None:
    """`sayso docs` reads library.json: it loads neither the statistics (and their numpy), nor the exports, nor
    the package metadata that `--version` reads."""
    loaded = loaded_after(f"import sayso.cli\nsayso.cli.main(['--data', {str(tmp_path)!r}, 'docs'])")
    heavy = {"numpy", "sayso.corpus.stats", "sayso.corpus.export", "sayso.cli.stats_cmd", "importlib.metadata"}
    assert heavy & set(loaded) == set()
    assert "sayso.cli.library_cmds" in loaded
