"""Word documents and non-UTF-8 text: read with their labels, the encoding detected and said."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from sayso.corpus.errors import ImportRefused
from sayso.corpus.importers import SUPPORTED_SUFFIXES, parse_bytes, parse_path


def _word(path: Path, paragraphs: list[tuple[str, str]], title: str | None = None) -> Path:
    """A .docx whose paragraphs are (bold part, plain part)."""
    document = docx.Document()
    if title:
        document.core_properties.title = title
    for bold, plain in paragraphs:
        paragraph = document.add_paragraph()
        if bold:
            paragraph.add_run(bold).bold = True
        if plain:
            paragraph.add_run(plain)
    document.save(str(path))
    return path


def test_word_transcript_with_bold_labels(tmp_path: Path) -> None:
    path = _word(
        tmp_path / "budget.docx",
        [
            ("Opening Remarks", ""),  # a bold heading alone, no colon: text, not a speaker
            ("Ada Park:", " Welcome to the show."),
            ("Ben Cho", " Thanks for having me."),
            ("", "This paragraph continues Ben's answer."),
            ("Ada Park:", " Shall we start?"),
        ],
        title="Budget interview",
    )
    doc = parse_path(path)
    assert doc.title == "Budget interview" and doc.encoding == "docx"
    assert [(p.speaker, p.text) for p in doc.passages if p.speaker] == [
        ("Ada Park", "Welcome to the show."),
        ("Ben Cho", "Thanks for having me.\nThis paragraph continues Ben's answer."),
        ("Ada Park", "Shall we start?"),
    ]
    assert "Opening Remarks" not in doc.speakers
    assert any("Opening Remarks" in p.text for p in doc.passages)


def _word_with_tables(path: Path, blocks: list[str | list[list[str]]]) -> Path:
    """A .docx of paragraphs (a string) and tables (rows of cells), in this order."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table = document.add_table(rows=0, cols=len(block[0]))
        for row in block:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
    document.save(str(path))
    return path


def test_word_tables_are_read_in_the_documents_order_by_their_header_and_keep_other_cells(tmp_path: Path) -> None:
    """A transcription service's table under a header of its own ("Zeit | Sprecher | Text") is read as timed
    turns, in its place between the paragraphs around it (tables once came after every paragraph, so a closing
    note stood before the talk); a vote's repeated cells are each kept ("Dafür | Dafür" once lost one), as is
    a cell merged across two columns, once; a rota's name and task is no turn."""
    path = _word_with_tables(
        tmp_path / "interview.docx",
        [
            "Gespräch mit dem Hafenmeister, 3. Mai.",
            [
                ["Zeit", "Sprecher", "Text"],
                ["00:00:04", "Interviewerin", "Danke, dass Sie Zeit haben. Wie lange arbeiten Sie schon hier?"],
                ["00:00:09", "Ole Berg", "Seit zwanzig Jahren, glaube ich."],
                ["00:00:15", "Interviewerin", "Und was hat sich verändert?"],
                ["00:00:20", "Ole Berg", "Alles. Früher haben wir die Schiffe von Hand gezählt."],
            ],
            "Ende der Aufnahme.",
            [["Antrag", "Anna", "Ben"], ["Haushalt", "Dafür", "Dafür"], ["Hafen", "Dagegen", "Dafür"]],
            [
                ["Tom Becker", "Put up the gazebo"],
                ["Ana Lima", "Bring the urn"],
                ["Tom Becker", "Take down the gazebo"],
            ],
        ],
    )
    doc = parse_path(path)
    turns = [(p.speaker, p.start, p.text) for p in doc.passages if p.speaker]
    assert turns[:3] == [
        ("Interviewerin", 4.0, "Danke, dass Sie Zeit haben. Wie lange arbeiten Sie schon hier?"),
        ("Ole Berg", 9.0, "Seit zwanzig Jahren, glaube ich."),
        ("Interviewerin", 15.0, "Und was hat sich verändert?"),
    ]
    assert set(doc.speakers) == {"Interviewerin", "Ole Berg"}
    text = "\n".join(p.text for p in doc.passages)
    assert text.index("von Hand gezählt") < text.index("Ende der Aufnahme") < text.index("| Haushalt | Dafür | Dafür |")
    assert "| Tom Becker | Put up the gazebo |" in text
    assert not any(p.speaker == "Tom Becker" for p in doc.passages)

    # (an action list under its header: its tasks say "I'll", and are no one's words)
    actions = [["Owner", "Action"], ["Ana Lima", "I'll draft the letter to the council."]]
    actions += [["Ben Cho", "I will book the hall for May."], ["Ana Lima", "I'll send the minutes round."]]
    listed = parse_path(_word_with_tables(tmp_path / "actions.docx", ["Actions agreed", actions]))
    assert not listed.speakers
    assert "| Ana Lima | I'll draft the letter to the council. |" in [p.text for p in listed.passages]

    merged = docx.Document(str(path))
    cells = merged.tables[1].add_row().cells
    cells[0].merge(cells[1]).text = "Vertagt"
    cells[2].text = "Ben"
    merged.save(str(path))
    assert "| Vertagt | Ben |" in "\n".join(p.text for p in parse_path(path).passages)


def test_a_damaged_word_document_is_refused_in_one_line(tmp_path: Path) -> None:
    good = _word(tmp_path / "good.docx", [("Ada Park:", " Hello.")]).read_bytes()
    bad = tmp_path / "bad.docx"
    bad.write_bytes(good[: len(good) // 2])
    with pytest.raises(ImportRefused) as err:
        parse_path(bad)
    assert "\n" not in str(err.value) and "bad.docx" in str(err.value)


@pytest.mark.parametrize(
    ("codec", "detected", "text"),
    [
        (
            "cp1251",
            "cp1251",
            "Иван Петров: Добрый вечер, коллеги. Сегодня мы обсуждаем бюджет города.\n\n"
            "Анна Смирнова: Спасибо, Иван. Начнём с расходов на транспорт.\n\n"
            "Иван Петров: Хорошо, начнём.\n",
        ),
        (
            "shift_jis",
            "cp932",
            "山田 太郎: こんにちは、皆さん。今日は会議の議事録を読みます。\n\n"
            "佐藤 花子: よろしくお願いします。最初の議題は予算です。\n\n"
            "山田 太郎: 始めましょう。来年度の計画について話し合います。\n",
        ),
    ],
)
def test_legacy_encodings_are_detected_read_exactly_and_flagged(codec: str, detected: str, text: str) -> None:
    doc = parse_bytes(text.encode(codec), "talk.txt")
    assert doc.encoding == detected
    assert any("not valid UTF-8" in w and detected in w for w in doc.warnings)
    said = [(p.speaker, p.text) for p in doc.passages]
    expected = [tuple(block.split(": ", 1)) for block in text.strip().split("\n\n")]
    assert said == expected


# Rich Text Format: what TextEdit, WordPad and "Save as Rich Text" write.

#: As macOS TextEdit writes it: a backslash ending each paragraph's line, the names in bold.
_TEXTEDIT = r"""{\rtf1\ansi\ansicpg1252\cocoartf2761
{\fonttbl\f0\fswiss\fcharset0 Helvetica-Bold;\f1\fswiss\fcharset0 Helvetica;}
{\colortbl;\red255\green255\blue255;}
{\info{\title Allotment committee, May}{\author Ada Park}}
\paperw11900\paperh16840\margl1440\margr1440\vieww11520\viewh8400\viewkind0
\pard\tx566\pardirnatural\partightenfactor0

\f0\b\fs24 \cf0 Allotment committee\f1\b0 \
\
\f0\b Rosa Mart\'edn:\f1\b0  The water bill came in at \'a3212, which is more than we thought.\
\f0\b Tom Ellery:\f1\b0  That\rquote s the leak by plot nine. I\u8217'll ring the council.\
It was reported in March.\
\f0\b Rosa Mart\'edn:\f1\b0  Thank you \u-10179?\u-8704? Next, the shed.}"""


def test_a_textedit_rtf_reads_its_bold_labels_title_and_characters(tmp_path: Path) -> None:
    path = tmp_path / "committee.rtf"
    path.write_bytes(_TEXTEDIT.encode("ascii"))
    doc = parse_path(path)
    assert doc.encoding == "rtf" and doc.title == "Allotment committee, May"
    assert [(p.speaker, p.text) for p in doc.passages if p.speaker] == [
        ("Rosa Martín", "The water bill came in at £212, which is more than we thought."),
        ("Tom Ellery", "That’s the leak by plot nine. I’ll ring the council.\nIt was reported in March."),
        ("Rosa Martín", "Thank you 😀 Next, the shed."),
    ]
    text = " ".join(p.text for p in doc.passages)
    assert "Helvetica" not in text and "Ada Park" not in text and "\\" not in text and "{" not in text


def test_an_rtf_found_by_its_content_whatever_its_name() -> None:
    doc = parse_bytes(_TEXTEDIT.encode("ascii"), "committee.txt")
    assert (
        ".rtf" in SUPPORTED_SUFFIXES
        and doc.encoding == "rtf"
        and list(doc.speakers)[:2] == ["Rosa Martín", "Tom Ellery"]
    )


def test_rtf_from_word_with_a_double_byte_code_page_a_table_and_skipped_parts() -> None:
    """Word's RTF: Japanese text as \\'hh pairs in code page 932, a header and a field's instruction left out,
    the field's result kept, and a table of speaker | words read as labelled lines."""
    name = "大島".encode("cp932").hex()
    words = "はい、始めます。".encode("cp932").hex()
    pairs = lambda h: "".join(f"\\'{h[i : i + 2]}" for i in range(0, len(h), 2))  # noqa: E731
    raw = (
        r"{\rtf1\ansi\ansicpg932\deff0{\fonttbl{\f0\fnil\fcharset128 MS Mincho;}}"
        r"{\*\generator Microsoft Word}{\header\pard Page header words\par}"
        r"\pard Minutes of the board, see {\field{\*\fldinst HYPERLINK https://example.org}{\fldrslt the site}}.\par "
        r"\trowd\cellx2000\cellx8000\pard\intbl\b Ana Lima\b0\cell\pard\intbl Welcome, everyone.\cell\row "
        r"\trowd\cellx2000\cellx8000\pard\intbl\b Ben Okoro\b0\cell\pard\intbl Thanks. Shall we start?\cell\row "
        rf"\trowd\cellx2000\cellx8000\pard\intbl {pairs(name)}\cell\pard\intbl {pairs(words)}\cell\row "
        r"\trowd\cellx2000\cellx8000\pard\intbl\b Ana Lima\b0\cell\pard\intbl Yes, item one.\cell\row }"
    ).encode("ascii")
    doc = parse_bytes(raw, "board.rtf")
    assert [(p.speaker, p.text) for p in doc.passages if p.speaker] == [
        ("Ana Lima", "Welcome, everyone."),
        ("Ben Okoro", "Thanks. Shall we start?"),
        ("大島", "はい、始めます。"),
        ("Ana Lima", "Yes, item one."),
    ]
    text = " ".join(p.text for p in doc.passages)
    assert "the site" in text and "HYPERLINK" not in text and "Page header" not in text and "Word" not in text


def test_a_cut_short_rtf_is_read_as_far_as_it_goes_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "cut.rtf"
    path.write_bytes(_TEXTEDIT.encode("ascii")[: _TEXTEDIT.index("It was reported")])
    doc = parse_path(path)
    assert [p.speaker for p in doc.passages if p.speaker] == ["Rosa Martín", "Tom Ellery"]
    # (the import names the file before each warning, once: the warning itself does not)
    assert any("cut short" in w and "cut.rtf" not in w and "\n" not in w for w in doc.warnings)
    assert not parse_bytes(_TEXTEDIT.encode("ascii"), "whole.rtf").warnings


def test_rtf_binary_data_and_deep_nesting_are_no_text() -> None:
    """A picture's raw bytes after \\bin (braces among them) and groups nested deeper than any recursion
    would go are read without losing the labels around them."""
    raw = (
        rb"{\rtf1\ansi{\pard\b Ada Park:\b0  Before the picture.\par}{\*\shppict{\pict\bin6 {{{{{{}}"
        + b"{" * 5000
        + rb"\pard\b Ben Cho:\b0  After it.\par"
        + b"}" * 5000
        + b"}"
    )
    doc = parse_bytes(raw, "pic.rtf")
    assert [(p.speaker, p.text) for p in doc.passages] == [
        ("Ada Park", "Before the picture."),
        ("Ben Cho", "After it."),
    ]
    assert not doc.warnings


def test_rtf_tables_cells_of_several_paragraphs_votes_hidden_words_and_footnotes() -> None:
    """A cell's paragraphs stay in its row (they had been let out before it, under the speaker before); a row of
    a time, a speaker and words reads as a timed label; a vote table keeps every cell in its place (its repeated
    and empty cells had been merged or dropped, changing the votes); hidden text and a tracked change's deleted
    words are not the document's; a footnote is kept, after the text, as no one's."""
    row = r"\trowd\cellx1000\cellx3000\cellx9000\pard\intbl {0}\cell\pard\intbl {1}\cell\pard\intbl {2}\cell\row "
    raw = (
        r"{\rtf1\ansi\pard Time\tab Speaker\tab Transcript\par "
        + row.format("00:00:04", "Moderator", r"Thanks for coming.\par\pard\intbl Shall we start?")
        + row.format("00:00:09", "Bernadette", r"I come every week.\par\pard\intbl Tuesdays, mostly.")
        + row.format("00:00:15", "Moderator", r"And you{\v  [check]}, Kwame?")
        + row.format("00:00:19", "Kwame", r"Once a month{\deleted  or so}{\footnote\pard Since 2019.}.")
        + "}"
    ).encode("ascii")
    doc = parse_bytes(raw, "focus.rtf")
    said = [(p.speaker, " ".join(p.text.split())) for p in doc.passages if p.speaker]
    assert said == [
        ("Moderator", "Thanks for coming. Shall we start?"),
        ("Bernadette", "I come every week. Tuesdays, mostly."),
        ("Moderator", "And you, Kwame?"),
        ("Kwame", "Once a month."),
    ]
    text = "\n".join(p.text for p in doc.passages)
    assert "[check]" not in text and "or so" not in text
    assert any(p.speaker is None and p.text == "[Note: 1. Since 2019.]" for p in doc.passages)

    votes = r"{\rtf1\ansi\pard Recorded votes\par " + row.format("Cllr Amina Hussain", "For", "For")
    votes += row.format("Cllr Ferris", "", "Against") + row.format("Cllr Peter Marsh", "Against", "For") + "}"
    text = "\n".join(f"{p.heading}\n{p.text}" for p in parse_bytes(votes.encode("ascii"), "votes.rtf").passages)
    assert "Cllr Amina Hussain | For | For" in text and "Cllr Ferris |  | Against" in text


def test_rtf_a_bold_name_in_a_sentence_and_a_rota_table_are_no_turns() -> None:
    """A newsletter's "**Jenny Osei** joins us as Tenancy Officer" is a sentence about her, and a rota's rows
    ("Tom Becker | Set up the welcome tent"), each name once, are no one's words."""
    news = r"{\rtf1\ansi\pard\b Jenny Osei\b0  joins us as Tenancy Officer.\par\b Mark Daley\b0  leaves in May.\par"
    news += r"\b Priya Nair\b0  takes over the garden.\par}"
    assert not parse_bytes(news.encode("ascii"), "news.rtf").speakers
    row = r"\trowd\cellx3000\cellx9000\pard\intbl {0}\cell\pard\intbl {1}\cell\row "
    rota = r"{\rtf1\ansi\pard Saturday rota\par " + "".join(
        row.format(who, task)
        for who, task in [("Tom Becker", "Set up the welcome tent."), ("Aisha Karim", "Run the tea stall."),
                          ("Helen Moss", "Count the takings.")]
    ) + "}"  # fmt: skip
    doc = parse_bytes(rota.encode("ascii"), "rota.rtf")
    assert not doc.speakers and "Tom Becker | Set up the welcome tent." in " ".join(p.text for p in doc.passages)


def test_an_rtf_in_a_code_page_sayso_does_not_know_says_so() -> None:
    raw = rb"{\rtf1\ansi\ansicpg99999\pard\b Ada Park:\b0  Caf\'e9.\par\b Ben Cho:\b0  Oui.\par}"
    doc = parse_bytes(raw, "odd.rtf")
    assert any("code page 99999" in w and "\n" not in w for w in doc.warnings)
    assert not parse_bytes(raw.replace(b"99999", b"1252"), "ok.rtf").warnings
