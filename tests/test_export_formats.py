"""Golden-file tests: every export format on a small fixed library whose words come from the seeds.

The documents and passages are built directly (not through the importer), so
the goldens change only when an export changes.  Regenerate them after an
intended change with `SAYSO_UPDATE_GOLDEN=1 python -m pytest tests/test_export_formats.py`
and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from sayso.corpus.export import FORMATS, Sources, export_quotes, format_clipboard, prepare
from sayso.corpus.models import Document, Passage, Quote, document_text

GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
UPDATE = os.environ.get("SAYSO_UPDATE_GOLDEN") == "1"


def normalise(text: str, tmp: Path | None = None) -> str:
    """Volatile parts of an export made stable: temporary folders and export-time stamps."""
    if tmp is not None:
        text = text.replace(str(tmp), "<TMP>")
    return re.sub(r"\bgenerated\": \"[^\"]+\"", 'generated": "<NOW>"', text)


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"golden file {name} is missing; run with SAYSO_UPDATE_GOLDEN=1 to create it")
        path.write_text(actual, encoding="utf-8", newline="")
        return
    with path.open(encoding="utf-8", newline="") as fh:
        expected = fh.read()
    assert actual == expected, f"{name} differs from its golden file (SAYSO_UPDATE_GOLDEN=1 regenerates it)"


def _passages(doc_id: str, turns: list[tuple[str | None, str, float | None]]) -> list[Passage]:
    out, offset = [], 0
    for i, (speaker, text, start) in enumerate(turns):
        out.append(
            Passage(
                id=f"{doc_id}:{i}", document=doc_id, index=i, speaker=speaker, text=text, start=start, offset=offset
            )
        )
        offset += len(text) + 2
    return out


# Words from /work/shared/seeds: 000 (Ben Buchanan), 001 (on Zuckerberg's post), 002 (Interconnects).
BUCHANAN = _passages(
    "buchanan01",
    [
        ("Ben Buchanan", "I met with him once. I don't know exactly, but I met with him once.", 12.0),
        ("Ezra Klein", "Would that characterize the conversation he had with you?", 19.5),
        (
            "Ben Buchanan",
            "I think my view on this is you look at our record on competitiveness, it's pretty clear that "
            "we want a dynamic ecosystem.",
            3725.0,
        ),
    ],
)
ZUCKERBERG = _passages(
    "zuck0002",
    [
        (None, "Zuckerberg's Perspective on Open-Source AI", None),
        (
            None,
            "Mark Zuckerberg argues that the debate over open versus closed models in AI development is not just "
            "about access to weights and algorithms. He says that the issue goes beyond mere access.",
            None,
        ),
    ],
)
INTERCONNECTS = _passages(
    "intercon03",
    [
        (
            "Nathan Lambert",
            "Hello everyone! I\u2019m coming back online after two weeks of vacation. Thankfully it coincided with "
            "some of the slowest weeks of the year in the AI space.",
            None,
        ),
    ],
)

DOCUMENTS = [
    Document(
        id="buchanan01",
        title="Ben Buchanan on AI and competitiveness",
        kind="interview",
        source="/corpus/000_825fe89ec78cf346.txt",
        date="2025-01-21",
        url="https://example.org/podcasts/buchanan",
        publisher="The Ezra Klein Show",
        speakers=["Ben Buchanan", "Ezra Klein"],
    ),
    Document(
        id="zuck0002",
        title="Zuckerberg on why open source AI is the path forward",
        kind="article",
        source="/corpus/001_50d4e848dd70f24a.txt",
        url="https://blog.example.com/zuckerberg-open-source-ai",
    ),
    Document(
        id="intercon03",
        title="On China's open source AI trajectory",
        kind="podcast",
        source="/corpus/002 interconnects.txt",
        date="2024-08",
        publisher="Interconnects",
        speakers=["Nathan Lambert"],
    ),
]
PASSAGES = {"buchanan01": BUCHANAN, "zuck0002": ZUCKERBERG, "intercon03": INTERCONNECTS}


def _quote(qid: str, doc_id: str, words: str, **fields: object) -> Quote:
    text = document_text(PASSAGES[doc_id])
    start = text.index(words)
    return Quote(
        id=qid,
        document=doc_id,
        exact=words,
        start=start,
        end=start + len(words),
        prefix=text[max(0, start - 20) : start],
        suffix=text[start + len(words) : start + len(words) + 20],
        created="2025-02-01T09:30:00.000+00:00",
        modified="2025-02-02T10:00:00.000+00:00",
        **fields,  # type: ignore[arg-type]
    )


def fixture_quotes() -> list[Quote]:
    """Five quotes: timed and untimed, with and without speaker, date and URL; one hostile; one stale."""
    stale = _quote("q5-stale", "buchanan01", "I met with him once.", speaker="Ben Buchanan", timestamp=12.0)
    stale.exact = "I met with him twice."  # the document no longer says this at the quote's place
    return [
        _quote(
            "q1-dynamic",
            "buchanan01",
            "it's pretty clear that we want a dynamic ecosystem.",
            speaker="Ben Buchanan",
            timestamp=3725.0,
            passage="buchanan01:2",
            note="Competition is the administration's stated aim.",
            tags=["policy", "competition"],
        ),
        _quote(
            "q2-weights",
            "zuck0002",
            "not just about access to weights and algorithms",
            passage="zuck0002:1",
            note="Open vs closed framing",
            tags=["open-weights"],
        ),
        _quote(
            "q3-vacation",
            "intercon03",
            "I\u2019m coming back online after two weeks of vacation.",
            speaker="Nathan Lambert",
        ),
        _quote(
            "q4-hostile",
            "zuck0002",
            "He says that the issue goes beyond mere access.",
            note="See [click](javascript:alert(1)) <script>alert(1)</script> ![x](http://e/x.png) **bold**\x1b[31m",
            tags=['=HYPERLINK("http://e")', "@risk", "#hash"],
        ),
        stale,
    ]


def sources() -> Sources:
    return Sources.of(DOCUMENTS, PASSAGES)


def test_fixture_words_come_from_the_seeds() -> None:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not present")
    seeds = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in SEEDS.glob("*.txt"))
    for q in fixture_quotes()[:4]:
        assert q.exact in seeds


@pytest.mark.parametrize(
    ("fmt", "style", "golden"),
    [
        ("markdown", "apa", "quotes-apa.md"),
        ("markdown", "chicago", "quotes-chicago.md"),
        ("csl-json", "apa", "quotes.csl.json"),
        ("w3c", "apa", "quotes.jsonld"),
        ("csv", "apa", "quotes.csv"),
        ("csv", "chicago-notes", "quotes-chicago-notes.csv"),
        ("bibtex", "apa", "quotes.bib"),
    ],
)
def test_export_matches_golden(fmt: str, style: str, golden: str) -> None:
    check_golden(golden, normalise(export_quotes(fmt, fixture_quotes(), sources(), style=style)))


def test_every_format_has_a_golden_test() -> None:
    # RIS and REFI-QDA have theirs in tests/test_export_ris.py and tests/test_export_qdpx.py.
    tested = {"markdown", "csl-json", "w3c", "csv", "bibtex", "ris", "qdpx"}
    assert set(FORMATS) == tested


def test_clipboard_text_matches_golden() -> None:
    quotes = fixture_quotes()
    parts = []
    for q in quotes:
        doc = next(d for d in DOCUMENTS if d.id == q.document)
        parts.append(format_clipboard(q, doc, "apa", passages=PASSAGES[doc.id]))
    check_golden("clipboard-apa.txt", "\n\n".join(parts) + "\n")


def test_exports_are_deterministic() -> None:
    for fmt in FORMATS:
        assert export_quotes(fmt, fixture_quotes(), sources()) == export_quotes(fmt, fixture_quotes(), sources())


def test_stale_quote_is_flagged_in_every_format() -> None:
    quotes = fixture_quotes()
    md = export_quotes("markdown", quotes, sources())
    block = md[md.index("sayso:quote q5-stale") :]
    block = block[: block.index("/sayso:quote")]
    assert "\u26a0 **text changed since quoted**" in block
    assert md.count("\u26a0") == 1
    rows = export_quotes("csv", quotes, sources()).split("\r\n")
    assert [r.split(",")[0] for r in rows if "text changed since quoted" in r] == ["q5-stale"]
    assert sum(",verified," in r for r in rows) == 4
    annotations = json.loads(export_quotes("w3c", quotes, sources()))["first"]["items"]
    flagged = [a["id"] for a in annotations if any(b.get("purpose") == "assessing" for b in a.get("body", []))]
    assert flagged == ["urn:sayso:quote:q5-stale"]
    clip = format_clipboard(quotes[4], DOCUMENTS[0], passages=BUCHANAN)
    assert "\u26a0 text changed since quoted" in clip


def test_entries_locate_quotes() -> None:
    entries = {e.quote.id: e for e in prepare(fixture_quotes(), sources(), "apa")}
    assert entries["q1-dynamic"].locator == "1:02:05"
    assert entries["q1-dynamic"].paragraph == 3
    assert entries["q2-weights"].locator == "\u00b6 2"
    assert entries["q3-vacation"].locator == "\u00b6 1"
    # A quote without its own speaker takes the passage's.
    assert entries["q2-weights"].speaker is None
    assert entries["q5-stale"].verified is False
    assert all(entries[k].verified for k in ("q1-dynamic", "q2-weights", "q3-vacation", "q4-hostile"))


def test_document_removed_from_library_is_flagged_not_crashing() -> None:
    q = fixture_quotes()[0]
    only_others = Sources.of(DOCUMENTS[1:], {k: v for k, v in PASSAGES.items() if k != "buchanan01"})
    md = export_quotes("markdown", [q], only_others)
    assert "document no longer in the library" in md
    assert json.loads(export_quotes("csl-json", [q], only_others)) == []
    assert "document no longer in the library" in export_quotes("csv", [q], only_others)


def test_needs_review_and_detached_quotes_are_flagged_with_their_reason() -> None:
    review = fixture_quotes()[0]
    review.status, review.review_reason = "needs review", "the speaker changed"
    detached = fixture_quotes()[4]
    detached.detached = True
    entries = {e.quote.id: e for e in prepare([review, detached], sources(), "apa")}
    assert entries["q1-dynamic"].problem == "quote needs review: the speaker changed"
    assert entries["q5-stale"].problem.startswith("text changed since quoted; kept detached")
