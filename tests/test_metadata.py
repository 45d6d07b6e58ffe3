"""The citation metadata a document gives of itself: its date and its kind (corpus.importers.metadata)."""

from __future__ import annotations

import pytest

from sayso.corpus.importers.metadata import find_date, guess_kind


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Recorded 2024-03-12 in Leeds", "2024-03-12"),
        ("Hearing of December 17th, 2025, 10 a.m.", "2025-12-17"),
        ("the 3rd of Sept. 1999 was a Friday", "1999-09-03"),
        ("日期：2023年4月5日", "2023-04-05"),
        ("posted 2021/11/30", "2021-11-30"),
        # the earliest of several forms wins
        ("May 4, 2020, rebroadcast 2021-01-02", "2020-05-04"),
        # no year, or no full date: none
        ("On March 3rd we met", None),
        ("In 2019 the council met", None),
        ("Dys more, ier will stind gair of glenjuss", None),
    ],
)
def test_find_date(text: str, date: str | None) -> None:
    assert find_date(text) == date


def _kind(head: str, *, title: str = "Untitled", speakers: int = 2, dialogue: bool = True, fmt: str = "text") -> str:
    return guess_kind(
        fmt=fmt,
        speakers=[f"Person {n}" for n in range(speakers)],
        title=title,
        head=head,
        file_name="talk.txt",
        speaker_page=False,
        dialogue=dialogue,
    )


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        ("The presidential DEBATES of 2024", "debate"),
        ("Ms. Park testified before us", "hearing"),
        ("Before the Select Committee on Archives", "hearing"),
        ("Oral argument in the case of Smith", "hearing"),
        ("A sitting of the House of Commons", "hearing"),
        ("Legislative session, day two", "hearing"),
        # other languages' parliaments and their records
        ("Deutscher Bundestag, Stenografischer Bericht, 87. Sitzung", "hearing"),
        ("Resoconto stenografico dell'Assemblea", "hearing"),
        ("Riksdagens protokoll 2023/24:71", "hearing"),
        ("Tweede Kamer der Staten-Generaal", "hearing"),
        ("衆議院 予算委員会 会議録", "hearing"),
        # (but a press conference's stenographic version is no parliament's)
        ("Versión estenográfica de la conferencia de prensa", "interview"),
        ("Our panelists today", "panel"),
        ("Episode 12 of our show", "podcast"),
        ("第3回 ポッドキャスト", "podcast"),
        # the words must stand as words where the pattern says so
        ("The courtyard and the panelling", "interview"),
        ("a hearingaid and episodes", "interview"),
        ("Two people talk", "interview"),
    ],
)
def test_guess_kind_of_a_conversation(head: str, kind: str) -> None:
    assert _kind(head) == kind


def test_guess_kind_without_dialogue_and_by_number_of_speakers() -> None:
    assert _kind("Read at the hearing", dialogue=False) == "article"
    assert _kind("The podcast's notes", dialogue=False) == "podcast"
    assert _kind("cues", dialogue=False, fmt="vtt") == "subtitles"
    assert _kind("Two people talk", speakers=5) == "panel"
    assert _kind("One person talks", speakers=1) == "talk"
    # the title and the head are read together, whatever their case
    assert _kind("Two people talk", title="A DEBATE on archives") == "debate"


def test_a_title_keeps_one_space_between_its_words() -> None:
    """A title line from a document converted from Word ("Riunione  di  coordinamento") or laid out in columns
    kept every space of it, in the library's list and in citations. Runs of spaces are one; a Japanese title's
    ideographic space is its own and stays."""
    from sayso.corpus.importers import parse_text

    said = "".join(
        f"{who}: {words}\n" for who, words in [("Ada", "Hello, Ben."), ("Ben", "Hi Ada."), ("Ada", "Shall we?")]
    )
    assert parse_text("Riunione  di  coordinamento   –  Ciclovia\n\n" + said, "r.txt").title == (
        "Riunione di coordinamento – Ciclovia"
    )
    assert parse_text("第211回国会\u3000衆議院\n\n" + said, "k.txt").title == "第211回国会\u3000衆議院"
