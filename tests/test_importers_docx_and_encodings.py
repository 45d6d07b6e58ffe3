"""Word documents and non-UTF-8 text: read with their labels, the encoding detected and said."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from sayso.corpus.errors import ImportRefused
from sayso.corpus.importers import parse_bytes, parse_path


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
