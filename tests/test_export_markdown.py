"""Markdown export: re-exporting into the same file updates quotes in place; hostile text stays text; CSV/JSON safety."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import pytest
from markdown_it import MarkdownIt
from test_export_formats import fixture_quotes, sources

from sayso.corpus.errors import SaysoError
from sayso.corpus.export import Sources, export_quotes
from sayso.corpus.export.csv_export import cell
from sayso.corpus.export.markdown import escape, merge, split_blocks
from sayso.corpus.models import Document, Passage, Quote

PAYLOADS = [
    "[click](javascript:alert(1))",
    "<script>alert(1)</script>",
    "![x](http://e/x.png)",
    "**bold**",
    "<img src=x onerror=alert(1)>",
    "[a]: http://evil.example/ref\n[a]",
    "<https://autolink.example>",
    "see https://bare.example and www.example.com",
    "# heading\n> quote\n- item\n1. one\n+ plus\n===\n---",
    "`code` and ~~strike~~ and $x^2$ and @citekey and [@key]",
    "&lt;script&gt; &#106;avascript:",
    "\\[escaped\\](x)",
    "[[wikilink]] and ![[embed.png]] and [a [nested](http://evil.example) link]",
    "[a][ref], [a] [ref], [a][] and [ref]\n[ref]: http://evil.example/def\n [b]:http://evil.example",
    "[x]{.smallcaps} word{.smallcaps} [see @key, p. 3] [-@key] [^1] ^[inline note] (parens) [Broadcast]",
    "[!note] an Obsidian callout\n[ ] a task",
]


def hostile_library(text: str) -> tuple[Quote, Sources]:
    passage = Passage(id="h:0", document="h", index=0, speaker="Eve [x](javascript:1)", text=text)
    doc = Document(
        id="h", title="Evil <b>title</b> [t](javascript:2)", kind="talk", source="/h.txt", url="javascript:alert(3)"
    )
    quote = Quote(
        id="hq", document="h", exact=text, start=0, end=len(text), note=text, tags=[text], speaker=passage.speaker
    )
    return quote, Sources.of([doc], {"h": [passage]})


def html_of(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown)


# -- re-export in place -----------------------------------------------------------------------------


def test_reexport_updates_blocks_in_place_and_keeps_user_text() -> None:
    quotes = fixture_quotes()
    first = export_quotes("markdown", quotes, sources())
    user = "My article draft\n\nIntro paragraph I wrote.\n\n" + first + "\nMy closing thoughts.\n"
    quotes[0].note = "A changed note"
    quotes[1].tags = ["renamed-tag"]
    again = merge(user, export_quotes("markdown", quotes, sources()))
    assert again.startswith("My article draft\n\nIntro paragraph I wrote.\n\n")
    assert again.endswith("\nMy closing thoughts.\n")
    assert again.count("<!-- sayso:quote q1-dynamic -->") == 1
    assert again.count("<!-- sayso:quote ") == len(quotes)
    assert "A changed note" in again and "Competition is the administration" not in again
    assert "renamed\\-tag" in again or "renamed-tag" in again
    # Exporting the same thing again changes nothing.
    assert merge(again, export_quotes("markdown", quotes, sources())) == again


def test_reexport_appends_new_quotes_and_keeps_blocks_outside_the_filter() -> None:
    quotes = fixture_quotes()
    existing = "Notes\n\n" + export_quotes("markdown", quotes[:2], sources())
    updated = merge(existing, export_quotes("markdown", quotes[1:3], sources()))
    ids = [qid for qid, _ in split_blocks(updated) if qid]
    assert ids == ["q1-dynamic", "q2-weights", "q3-vacation"]
    assert updated.startswith("Notes\n\n")


def test_user_edits_between_blocks_survive_and_order_is_kept() -> None:
    quotes = fixture_quotes()[:2]
    text = export_quotes("markdown", quotes, sources())
    text = text.replace(
        "<!-- sayso:quote q2-weights -->", "Between the quotes, my words.\n\n<!-- sayso:quote q2-weights -->"
    )
    updated = merge(text, export_quotes("markdown", list(reversed(quotes)), sources()))
    assert "Between the quotes, my words.\n\n<!-- sayso:quote q2-weights -->" in updated
    assert updated.index("q1-dynamic") < updated.index("q2-weights")


def test_unclosed_marker_is_refused_not_guessed() -> None:
    broken = "<!-- sayso:quote q1-dynamic -->\n> words\n\nmy text\n"
    with pytest.raises(SaysoError, match="no end marker"):
        merge(broken, export_quotes("markdown", fixture_quotes()[:1], sources()))


def test_quote_text_cannot_forge_markers() -> None:
    text = "<!-- sayso:quote q1-dynamic -->\nforged\n<!-- /sayso:quote -->"
    quote, src = hostile_library(text)
    md = export_quotes("markdown", [quote], src)
    assert [qid for qid, _ in split_blocks(md) if qid] == ["hq"]


# -- markdown injection -----------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_payloads_stay_text(payload: str) -> None:
    quote, src = hostile_library(payload)
    md = export_quotes("markdown", [quote], src)
    html = html_of(md)
    assert "<a " not in html
    assert "<img" not in html
    assert "<script" not in html and "<b>" not in html
    assert "<strong>" in html  # only our own bold speaker label
    assert html.count("<strong>") == 1
    assert "<h1>" in html and html.count("<h1>") == 1  # only our own title
    assert "<h2>" not in html and "<hr" not in html and "<code>" not in html and "<ol" not in html


def test_citations_keep_their_parentheses_and_plain_brackets() -> None:
    """A user trial read `\\(n.d.\\)` and `\\[Broadcast\\]` in every citation: only syntax is escaped, not any bracket."""
    md = export_quotes("markdown", fixture_quotes(), sources())
    assert "Lambert, N. (2024, August). On China's open source AI trajectory [Broadcast]. In *Interconnects*." in md
    assert "\\(" not in md and "\\)" not in md and "\\[Broadcast" not in md
    assert escape("Title (n.d.) [Online post]. [1] and [sic]", line_starts=False) == (
        "Title (n.d.) [Online post]. [1] and [sic\\]"  # the last `]` could meet a `(` in the line it is put in
    )
    assert escape("a [b](c) [d][e] [f]: g [[h]] [i]{.j} [see @k] [^l]") == (
        "a [b\\](c) [d\\]\\[e\\] [f\\]: g \\[\\[h\\]\\] [i\\]\\{.j} \\[see \\@k\\] \\[\\^l]"
    )


def test_citations_set_in_italics_what_their_style_does() -> None:
    """APA sets a recording's title in italics, Chicago a programme's: Markdown shows them so (a reader sees
    emphasis, CommonMark and pandoc alike); CSV keeps the citation plain."""
    md = export_quotes("markdown", fixture_quotes(), sources(), style="apa")
    assert "*Ben Buchanan on AI and competitiveness* [Interview]. The Ezra Klein Show." in md
    assert "<em>Ben Buchanan on AI and competitiveness</em> [Interview]" in html_of(md)
    exe = shutil.which("pandoc")
    if exe is not None:
        html = subprocess.run([exe, "-f", "markdown", "-t", "html"], input=md, capture_output=True, text=True).stdout
        assert "<em>Ben Buchanan on AI and competitiveness</em>" in " ".join(html.split())
    chicago = export_quotes("markdown", fixture_quotes(), sources(), style="chicago-author-date")
    assert "“On China's Open Source AI Trajectory.” *Interconnects*." in chicago
    rows = list(csv.DictReader(io.StringIO(export_quotes("csv", fixture_quotes(), sources(), style="apa"))))
    assert rows and not any("*" in r["citation"] for r in rows)


def test_a_title_cannot_fake_or_break_the_italics() -> None:
    """A title holding asterisks, underscores or the private-use characters the italics are found by: its own
    characters stay literal text, and the emphasis around it is the style's alone."""
    quote, src = hostile_library("words said")
    doc = src.documents["h"]
    doc.title = "A *bold* _claim_ \ue000not italic\ue001 here"
    doc.kind = "book"
    md = export_quotes("markdown", [quote], src, style="apa")
    (line,) = [ln for ln in md.splitlines() if ln.startswith("- Citation:")]
    html = html_of(line)
    assert html.count("<em>") == 1 and "<strong>" not in html
    assert "\ue000" not in line and "\ue001" not in line
    assert "<em>A *bold* _claim_ not italic here</em>" in html


def test_the_italics_fall_where_the_style_puts_them() -> None:
    """A run's words may occur before the run (a title that is the author's name, a programme named in an
    episode's title): the emphasis goes on the occurrence the style set in italics, not the first one."""
    from sayso.corpus.export.cite import render_items
    from sayso.corpus.export.markdown import cited

    book = {"id": "b", "type": "book", "title": "Smith", "author": [{"family": "Smith", "given": "J."}]}
    book["issued"] = {"date-parts": [[2020]]}
    episode = {"id": "e", "type": "broadcast", "title": "Interconnects turns one", "container-title": "Interconnects"}
    episode |= {"author": [{"family": "Lambert", "given": "Nathan"}], "issued": {"date-parts": [[2024]]}}
    for item, style, expected in (
        (book, "apa", "Smith, J. (2020). *Smith*."),
        (episode, "chicago-author-date", "Lambert, Nathan. 2024. “Interconnects Turns One.” *Interconnects*. Aired."),
    ):
        (c,) = render_items([item], style, styled=True)
        assert cited(c.text, None, c.italics) == expected


def test_the_marks_characters_in_a_title_or_a_name_change_no_italics() -> None:
    """The private-use characters the italics are found by, in a document's title or a speaker's name (a lone
    closing one, an opening one in a name), neither move nor cancel the style's italics."""
    from sayso.corpus.export.cite import ITALIC_OFF, ITALIC_ON, render_items
    from sayso.corpus.export.markdown import cited

    item = {"id": "x", "type": "book", "title": f"Alpha {ITALIC_OFF}Beta Gamma", "issued": {"date-parts": [[2020]]}}
    item["author"] = [{"family": f"Sm{ITALIC_ON}ith", "given": "J."}]
    (c,) = render_items([item], "apa", styled=True)
    assert cited(c.text, None, c.italics) == "Smith, J. (2020). *Alpha Beta Gamma*."


def test_an_item_that_cannot_be_cited_takes_no_other_items_italics(monkeypatch: pytest.MonkeyPatch) -> None:
    """citeproc-py failing on one item of an export cites the others one by one: they keep their italics."""
    from sayso.corpus.export import cite

    real = cite._render

    def failing_together(items: list[dict[str, object]], info: object, locale: object, marked: bool = False) -> object:
        if marked and len(items) > 1:
            raise ValueError("one item citeproc-py cannot cite")
        return real(items, info, locale, marked)  # type: ignore[arg-type]

    monkeypatch.setattr(cite, "_render", failing_together)
    book = {"id": "b1", "type": "book", "title": "First Book", "issued": {"date-parts": [[2020]]}}
    other = {**book, "id": "b2", "title": "Second Book"}
    assert [c.italics for c in cite.render_items([book, other], "apa", styled=True)] == [
        (("First Book", 0),),
        (("Second Book", 0),),
    ]


def test_pandoc_reads_no_markup_from_quoted_text() -> None:
    """pandoc's own Markdown (citations, spans, footnotes, spaced references) reads the payloads as text."""
    exe = shutil.which("pandoc")
    if exe is None:
        pytest.skip("pandoc is not installed (apt-get install pandoc); .ci/run installs it")
    for payload in PAYLOADS:
        quote, src = hostile_library(payload)
        md = export_quotes("markdown", [quote], src)
        for reader in ("markdown", "commonmark_x"):
            html = subprocess.run(
                [exe, "-f", reader, "-t", "html"], input=md, capture_output=True, text=True, check=True
            ).stdout
            assert "<a " not in html and "<img" not in html and "<script" not in html, (reader, payload, html)
            assert 'class="citation"' not in html and "footnote" not in html, (reader, payload, html)
            assert "<span" not in html and "<h2" not in html and "<li><p>" not in html[html.find("Tags") :], (
                reader,
                payload,
            )


def test_escape_reads_back_as_the_same_words() -> None:
    md = MarkdownIt("commonmark")
    for payload in PAYLOADS:
        for line in payload.split("\n"):
            if not line.strip():
                continue
            rendered = md.renderInline(escape(line))
            # The rendered HTML shows exactly the original characters (HTML-escaped).
            expected = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            assert rendered == expected, line


def test_control_characters_never_reach_any_export() -> None:
    text = "red \x1b[31mALERT\x1b[0m bell\x07 nul\x00 cr\r del\x7f c1\x9b rtl\u202e end"
    quote, src = hostile_library(text)
    for fmt in ("markdown", "csv", "bibtex", "csl-json", "w3c"):
        out = export_quotes(fmt, [quote], src)
        body = out.replace("\r\n", "\n") if fmt == "csv" else out
        assert not any(ch in body for ch in "\x1b\x07\x00\r\x7f\x9b\u202e"), fmt
    # JSON keeps the exact characters (escaped), so the words round-trip.
    annotation = json.loads(export_quotes("w3c", [quote], src))["first"]["items"][0]
    assert annotation["target"]["selector"][0]["exact"] == text
    assert "\u241b" in export_quotes("markdown", [quote], src)  # ESC shown as the visible ␛


# -- csv ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("formula", ["=1+1", "+SUM(A1)", "-2+3", "@SUM(A1)", "\t=1", '=HYPERLINK("http://e")'])
def test_csv_neutralises_formulas(formula: str) -> None:
    assert cell(formula).startswith("'")
    quote, src = hostile_library(formula)
    rows = list(csv.reader(io.StringIO(export_quotes("csv", [quote], src), newline="")))
    assert len(rows) == 2
    for value in rows[1]:
        assert not value.startswith(("=", "+", "-", "@", "\t")), value


def test_csv_is_rfc4180() -> None:
    out = export_quotes("csv", fixture_quotes(), sources())
    assert out.endswith("\r\n")
    assert all(line for line in out.split("\r\n")[:-1] if not line.startswith(" "))
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == [
        "id",
        "document",
        "title",
        "speaker",
        "timestamp",
        "locator",
        "exact",
        "note",
        "tags",
        "status",
        "citation",
        "recording",
    ]
    assert len(rows) == 1 + len(fixture_quotes())
    by_id = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert by_id["q1-dynamic"]["timestamp"] == "1:02:05"
    assert by_id["q1-dynamic"]["locator"] == "\u00b6 3"
    assert by_id["q1-dynamic"]["status"] == "verified"
    assert by_id["q5-stale"]["status"] == "text changed since quoted"
    assert by_id["q4-hostile"]["note"].startswith("See [click](javascript:alert(1))")


def test_bibtex_escapes_specials() -> None:
    doc = Document(
        id="b",
        title="50% of {AI} & $money$ #1 under_score ~ ^ \\end",
        kind="talk",
        source="/b.txt",
        url="https://e.example/a%20b?x={y}",
    )
    passage = Passage(id="b:0", document="b", index=0, speaker="Jane Doe", text="words")
    quote = Quote(id="bq", document="b", exact="words", start=0, end=5, speaker="Jane Doe")
    bib = export_quotes("bibtex", [quote], Sources.of([doc], {"b": [passage]}))
    assert (
        r"title = {50\% of \textbraceleft{}AI\textbraceright{} \& \$money\$ \#1 under\_score "
        r"\textasciitilde{} \textasciicircum{} \textbackslash{}end}"
    ) in bib
    assert "url = {https://e.example/a%20b?x=%7By%7D}" in bib
    assert "author = {Doe, Jane}" in bib
    # Braces balance in every entry, counting every brace as BibTeX does (escaped or not).
    assert bib.count("{") == bib.count("}")


def test_quote_across_passages_is_one_blockquote() -> None:
    passages = [
        Passage(id="m:0", document="m", index=0, speaker="A", text="First turn ends here."),
        Passage(id="m:1", document="m", index=1, speaker="A", text="Second turn starts.", offset=23),
    ]
    doc = Document(id="m", title="Two turns", kind="talk", source="/m.txt")
    exact = "ends here.\n\nSecond turn"
    quote = Quote(id="mq", document="m", exact=exact, start=11, end=11 + len(exact), speaker="A")
    md = export_quotes("markdown", [quote], Sources.of([doc], {"m": passages}))
    assert "> ends here.\n>\n> Second turn\n" in md
    html = html_of(md)
    assert html.count("<blockquote>") == 1
    assert "\u26a0" not in md
