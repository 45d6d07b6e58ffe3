"""The BibTeX export read back by real BibTeX: any title, name or note comes back as the same text (issue 11 item 10).

A tiny style file makes `bibtex` print every field it parsed and every name
it split, so the test sees what BibTeX itself made of the export.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from sayso.corpus.export import Sources, export_quotes
from sayso.corpus.export.bibtex import render_item, url_value
from sayso.corpus.models import Document, Passage, Quote
from sayso.corpus.safety import visible

BIBTEX = shutil.which("bibtex")
pytestmark = pytest.mark.skipif(
    BIBTEX is None, reason="bibtex is not installed (Debian: apt-get install texlive-binaries)"
)

FIELDS = ("title", "howpublished", "journal", "organization", "publisher", "eventtitle", "location", "note", "url")

# Prints `KEY`, then `field value` per field and `name N` per author, exactly as BibTeX parsed them.
FIELDS_BST = (
    "ENTRY { author " + " ".join(FIELDS) + " } {} {}\n"
    "INTEGERS { nameptr numnames }\n"
    "FUNCTION {entry.out}\n"
    '{ "KEY " cite$ * write$ newline$\n'
    + "".join(f'  {name} empty$ \'skip$ {{ "{name} " {name} * write$ newline$ }} if$\n' for name in FIELDS)
    + "  author empty$\n"
    "    'skip$\n"
    "    { author num.names$ 'numnames :=\n"
    "      #1 'nameptr :=\n"
    "      { nameptr numnames #1 + < }\n"
    '      { "name " author nameptr "{vv~}{ll}{, jj}{, ff}" format.name$ * write$ newline$\n'
    "        nameptr #1 + 'nameptr := }\n"
    "      while$ }\n"
    "  if$\n"
    "}\n"
    "FUNCTION {default.type} { entry.out }\n"
    "FUNCTION {misc} { entry.out }\n"
    "FUNCTION {article} { entry.out }\n"
    "FUNCTION {online} { entry.out }\n"
    "READ\n"
    "ITERATE {entry.out}\n"
)

# sayso's escapes, undone the way LaTeX reads them.
_UNESCAPE = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\&": "&",
    r"\%": "%",
    r"\$": "$",
    r"\#": "#",
    r"\_": "_",
}
_TOKENS = re.compile("|".join(re.escape(k) for k in sorted(_UNESCAPE, key=len, reverse=True)) + r"|[{}~]")


def read_back(value: str) -> str:
    """The text a LaTeX reader gets from a field value: escapes undone, grouping braces dropped, ties as spaces."""

    def one(m: re.Match[str]) -> str:
        token = m.group()
        return _UNESCAPE.get(token, " " if token == "~" else "")

    return _TOKENS.sub(one, value)


def flat(text: str) -> str:
    """What the export promises to keep of a text: the words, controls made visible, on one line."""
    return " ".join(visible(text, keep_newlines=False).split())


def run_bibtex(folder: Path, bib: str) -> tuple[str, dict[str, dict[str, list[str]]]]:
    """Run bibtex on `bib`; its console output and what it parsed, by entry key."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "refs.bib").write_text(bib, encoding="utf-8")
    (folder / "fields.bst").write_text(FIELDS_BST, encoding="utf-8")
    (folder / "refs.aux").write_text("\\citation{*}\n\\bibdata{refs}\n\\bibstyle{fields}\n", encoding="utf-8")
    done = subprocess.run([BIBTEX or "bibtex", "refs"], cwd=folder, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stdout and "error" not in done.stdout.lower(), done.stdout
    # bibtex wraps output lines at a space, continuing with two spaces.
    text = (folder / "refs.bbl").read_text(encoding="utf-8").replace("\n  ", " ")
    parsed: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for line in text.splitlines():
        name, _, value = line.partition(" ")
        if name == "KEY":
            current = parsed.setdefault(value, {})
        else:
            current.setdefault(name, []).append(value)
    return done.stdout, parsed


def expected_name(name: dict[str, str]) -> str:
    if "literal" in name:
        return flat(name["literal"])
    last = flat(" ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p))
    rest = [flat(name[part]) for part in ("suffix", "given") if name.get(part) and flat(name[part])]
    return ", ".join([last, *rest])


HOSTILE = [
    *list("abcXYZ ,.'\"-(){}[]{}\\&%$#_~^@=é漢\t"),
    "and",
    " and ",
    "AND",
    "{",
    "}",
    "}",
    "\\",
    "\x1b[31m",
    "\u202e",
]


def hostile_text(rng: random.Random, words: int = 6) -> str:
    return "".join(rng.choice(HOSTILE) for _ in range(rng.randint(1, words * 3))) + rng.choice("xyz")


def test_issue_example_single_brace_title_round_trips(tmp_path: Path) -> None:
    """`Panel on {AI` became `title = {Panel on \\{AI},`, which BibTeX rejected (a `}` elsewhere swallowed the next field)."""
    docs = [
        Document(id="a1", title="Panel on {AI", kind="panel", source="/a.txt", publisher="Open } House"),
        Document(id="b2", title="Close } then open {", kind="talk", source="/b.txt", event="Summit {2024"),
    ]
    passages = {
        d.id: [Passage(id=f"{d.id}:0", document=d.id, index=0, speaker="Jane Doe", text="words here")] for d in docs
    }
    quotes = [Quote(id=f"q{d.id}", document=d.id, exact="words", start=0, end=5, speaker="Jane Doe") for d in docs]
    bib = export_quotes("bibtex", quotes, Sources.of(docs, passages))
    _, parsed = run_bibtex(tmp_path, bib)
    assert [read_back(t) for t in parsed["sayso-a1-doe"]["title"]] == ["Panel on {AI"]
    assert [read_back(t) for t in parsed["sayso-a1-doe"]["publisher"]] == ["Open } House"]
    assert [read_back(t) for t in parsed["sayso-b2-doe"]["title"]] == ["Close } then open {"]
    assert [read_back(t) for t in parsed["sayso-b2-doe"]["eventtitle"]] == ["Summit {2024"]
    assert [read_back(n) for n in parsed["sayso-b2-doe"]["name"]] == ["Doe, Jane"]  # the field after it survived


def test_any_title_name_and_note_round_trips_through_bibtex(tmp_path: Path) -> None:
    rng = random.Random(11)
    items: list[dict[str, Any]] = []
    for i in range(300):
        item: dict[str, Any] = {
            "id": f"k{i}",
            "type": rng.choice(["speech", "article-newspaper", "webpage", "interview"]),
            "title": hostile_text(rng),
            "container-title": hostile_text(rng),
            "publisher": hostile_text(rng),
            "event": hostile_text(rng),
            "event-place": hostile_text(rng),
            "issued": {"literal": hostile_text(rng)},
            "URL": "https://e.example/" + hostile_text(rng),
            "author": [],
        }
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.3:
                item["author"].append({"literal": hostile_text(rng)})
            else:
                name = {"family": hostile_text(rng, 2), "given": hostile_text(rng, 2)}
                if rng.random() < 0.3:
                    name["suffix"] = hostile_text(rng, 1)
                if rng.random() < 0.3:
                    name["non-dropping-particle"] = rng.choice(["van", "de la", "von"])
                item["author"].append(name)
        items.append(item)
    bib = "% Exported by sayso\n\n" + "\n".join(render_item(item) for item in items)
    _, parsed = run_bibtex(tmp_path, bib)
    assert sorted(parsed) == sorted(item["id"] for item in items)
    for item in items:
        got = parsed[item["id"]]
        container = next(got[f] for f in ("howpublished", "journal", "organization") if f in got)
        assert [read_back(v) for v in got["title"]] == [flat(item["title"])], item["id"]
        assert [read_back(v) for v in container] == [flat(item["container-title"])], item["id"]
        assert [read_back(v) for v in got["publisher"]] == [flat(item["publisher"])], item["id"]
        assert [read_back(v) for v in got["eventtitle"]] == [flat(item["event"])], item["id"]
        assert [read_back(v) for v in got["location"]] == [flat(item["event-place"])], item["id"]
        assert [read_back(v) for v in got["note"]] == [flat(f"Date: {item['issued']['literal']}")], item["id"]
        assert got["url"] == [url_value(item["URL"])], item["id"]
        assert [read_back(n) for n in got["name"]] == [expected_name(n) for n in item["author"]], item["id"]
