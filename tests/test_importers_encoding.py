"""Encodings, byte-order marks, line endings, and refusing binary or empty files."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso.corpus.errors import ImportRefused
from sayso.corpus.importers import parse_bytes, parse_path

DIALOGUE = "Zoë Ångström: Café au lait, s’il vous plaît.\n\nBen Cho: Naïve question — why?\n\nZoë Ångström: Because.\n"


def passages(raw: bytes, name: str = "t.txt") -> list[tuple[str | None, str]]:
    return [(p.speaker, p.text) for p in parse_bytes(raw, name).passages]


EXPECTED = [
    ("Zoë Ångström", "Café au lait, s’il vous plaît."),
    ("Ben Cho", "Naïve question — why?"),
    ("Zoë Ångström", "Because."),
]


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (DIALOGUE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + DIALOGUE.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + DIALOGUE.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + DIALOGUE.encode("utf-16-be"), "utf-16"),
    ],
)
def test_unicode_encodings_read_exactly(raw: bytes, encoding: str) -> None:
    doc = parse_bytes(raw, "t.txt")
    assert [(p.speaker, p.text) for p in doc.passages] == EXPECTED
    assert doc.encoding == encoding
    assert doc.warnings == []


def test_cp1252_fallback_is_flagged() -> None:
    raw = DIALOGUE.replace("’", "'").replace("—", "-").encode("cp1252")
    doc = parse_bytes(raw, "t.txt")
    assert doc.encoding == "cp1252"
    assert any("cp1252" in w for w in doc.warnings)
    assert doc.passages[0].speaker == "Zoë Ångström"
    assert doc.passages[0].text == "Café au lait, s'il vous plaît."


def test_undecodable_bytes_replaced_and_flagged() -> None:
    raw = b"\xef\xbb\xbfAda Park: fine \xff\xfe\xfd here.\n\nBen Cho: ok.\n\nAda Park: bye."
    doc = parse_bytes(raw, "t.txt")
    assert any("replaced" in w for w in doc.warnings)
    assert [p.speaker for p in doc.passages] == ["Ada Park", "Ben Cho", "Ada Park"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2028", "MIXED"])
def test_line_endings_give_the_same_passages(newline: str) -> None:
    text = "Panel on archives\n\nAda Park:\nFirst.\nStill first.\n\nBen Cho: Second.\n\nAda Park: Third.\n"
    if newline == "MIXED":
        lines = text.split("\n")
        seps = ["\r\n", "\n", "\r", "\u2028"]
        raw_text = "".join(line + seps[i % 4] for i, line in enumerate(lines[:-1])) + lines[-1]
    else:
        raw_text = text.replace("\n", newline)
    expected = passages(text.encode("utf-8"))
    assert passages(raw_text.encode("utf-8")) == expected
    assert expected[0] == ("Ada Park", "First.\nStill first.")


def test_vtt_with_crlf_and_bom() -> None:
    vtt = "WEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n<v Ada>Hello\r\n\r\n00:00:02.000 --> 00:00:03.000\r\n<v Ben>Hi\r\n"
    doc = parse_bytes(b"\xef\xbb\xbf" + vtt.encode("utf-8"), "t.vtt")
    assert [(p.speaker, p.text) for p in doc.passages] == [("Ada", "Hello"), ("Ben", "Hi")]


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"   \n\n\t  \r\n",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
    ],
)
def test_empty_files_refused_with_one_line(raw: bytes, tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(raw)
    with pytest.raises(ImportRefused) as info:
        parse_path(path)
    message = str(info.value)
    assert "\n" not in message and "empty" in message and "empty.txt" in message


@pytest.mark.parametrize(
    "raw",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04\x14\x00\x06\x00",
        bytes(range(256)) * 4,
        b"hello\x00world\x00" * 50,
        b"\x7fELF\x02\x01\x01\x00",
    ],
)
def test_binary_files_refused_with_one_line(raw: bytes, tmp_path: Path) -> None:
    path = tmp_path / "thing.txt"
    path.write_bytes(raw)
    with pytest.raises(ImportRefused) as info:
        parse_path(path)
    message = str(info.value)
    assert "\n" not in message and "thing.txt" in message and "not a transcript" in message


def test_mojibake_line_repaired_or_dropped() -> None:
    good = "Zoë said the café was closed."
    garbled = good.encode("utf-8").decode("cp1252")  # "ZoÃ« said the cafÃ© was closed."
    doc = parse_bytes(f"Title here\n\n{garbled}\n\nA normal paragraph follows.".encode(), "m.txt")
    assert doc.passages[0].text == good
    assert any("repaired" in w for w in doc.warnings)
    doc = parse_bytes(
        "Page title\n\u0e50\u0e04 SpeakerAppearances Over Time\n\nReal words here.\n".encode("utf-8"), "m.txt"
    )
    assert [p.text for p in doc.passages] == ["Real words here."]
    # but the ordinal indicators of Portuguese, Spanish and Italian are their own letters, not garbled bytes
    lines = ["Grupo focal nº 2 – Moradores de Itaquera", "1ª edição, 3º andar", "Il 2º incontro del gruppo"]
    doc = parse_bytes(("Título\n\n" + "\n\n".join(lines) + "\n").encode("utf-8"), "m.txt")
    assert [p.text for p in doc.passages] == lines and doc.warnings == []


# Web pages put soft hyphens inside long words, and word joiners and stray byte-order marks turn up in pasted
# text: they print as nothing, so a reader never sees them, but left in they cut a word in two for search.
@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("t.txt", "\u200bAda Park: The infor\u00admation is here.\nBen Cho: Word\u2060play and \ufeffmore.\n"),
        (
            "t.html",
            "<html><body><p><b>Ada Park:</b> The infor&shy;mation is here.</p>"
            "<p><b>Ben Cho:</b> Word&#x2060;play and &#xfeff;more.</p></body></html>",
        ),
        (
            "t.json",
            '{"segments": [{"start": 0, "end": 1, "text": " The infor\\u00admation is here.", "speaker": "SPEAKER_00"},'
            ' {"start": 1, "end": 2, "text": " Word\\u2060play and \\ufeffmore.", "speaker": "SPEAKER_01"}]}',
        ),
    ],
)
def test_invisible_characters_are_dropped(name: str, raw: str) -> None:
    got = passages(raw.encode("utf-8"), name)
    assert [text for _, text in got] == ["The information is here.", "Wordplay and more."]
    if name == "t.txt":
        # (a zero-width space before a label no longer hides it)
        assert [speaker for speaker, _ in got] == ["Ada Park", "Ben Cho"]


def test_a_zero_width_space_between_letters_stays() -> None:
    # Thai and Khmer separate words with it: taking it out would join them.
    thai = "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35\u200b\u0e04\u0e23\u0e31\u0e1a"
    assert passages(f"Ada Park: {thai}\nBen Cho: {thai}\n".encode())[0][1] == thai


def test_a_soft_hyphenated_word_is_found_by_its_spelling(tmp_path: Path) -> None:
    from sayso.corpus import Library

    source = tmp_path / "talk.html"
    source.write_text(
        "<p><b>Ada Park:</b> Accountability matters.</p><p><b>Ben Cho:</b> So does trans&shy;parency.</p>"
        "<p><b>Ada Park:</b> Agreed.</p>",
        encoding="utf-8",
    )
    library = Library.open(tmp_path / "data")
    library.import_paths([source])
    hits = library.search("transparency")
    assert [(h.speaker, h.text) for h in hits] == [("Ben Cho", "So does transparency.")]


def test_a_soft_hyphen_outside_a_word_is_a_dash() -> None:
    # Court transcripts' PDFs give an interrupted "And --" as a hyphen and a soft hyphen.
    got = passages("Ada Park: And -\u00ad\nBen Cho: Go on.\nAda Park: Well -\u00ad no.\n".encode())
    assert [text for _, text in got] == ["And --", "Go on.", "Well -- no."]
