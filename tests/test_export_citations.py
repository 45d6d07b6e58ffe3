"""Citation metadata (document -> CSL item) and formatted citations from citeproc-py styles."""

from __future__ import annotations

import pytest

from sayso.corpus.errors import SaysoError
from sayso.corpus.export.cite import STYLES, format_in_text, format_reference, style_name
from sayso.corpus.export.csl import citation_key, csl_date, csl_type, document_item, parse_name, speaker_item
from sayso.corpus.models import Document


def doc(**fields: object) -> Document:
    base: dict[str, object] = {"id": "d1", "title": "Open models", "kind": "panel", "source": "/x.txt"}
    base.update(fields)
    return Document(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "extra", "expected"),
    [
        ("panel", {}, "speech"),
        ("talk", {}, "speech"),
        ("debate", {}, "speech"),
        ("interview", {}, "interview"),
        ("podcast", {}, "broadcast"),
        ("hearing", {}, "hearing"),
        ("article", {}, "webpage"),
        ("article", {"url": "https://example.org/news/1"}, "webpage"),
        ("article", {"url": "https://blog.example.org/post"}, "post"),
        ("article", {"url": "https://someone.substack.com/p/x"}, "post"),
        ("article", {"url": "https://example.org/blog/2024/x"}, "post"),
        ("subtitles", {}, "motion_picture"),
        ("subtitles", {"event": "NeurIPS 2024"}, "speech"),
        ("speaker page", {}, "webpage"),
        ("article-newspaper", {}, "article-newspaper"),
        ("something else", {}, "document"),
    ],
)
def test_kind_maps_to_csl_type(kind: str, extra: dict[str, str], expected: str) -> None:
    assert csl_type(doc(kind=kind, **extra)) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Yann LeCun", {"family": "LeCun", "given": "Yann"}),
        ("LeCun, Yann", {"family": "LeCun", "given": "Yann"}),
        ("Ludwig van Beethoven", {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}),
        ("Robert De Niro", {"family": "De Niro", "given": "Robert"}),
        ("Martin Luther King Jr.", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
        ("Dr. Jane Smith", {"family": "Smith", "given": "Jane"}),
        # Hearings, arguments and records name people by title and surname: the title is not a given name.
        ("Justice Sotomayor", {"family": "Sotomayor"}),
        ("Chief Justice Roberts", {"family": "Roberts"}),
        ("General Verrilli", {"family": "Verrilli"}),
        ("Mr. Lessig", {"family": "Lessig"}),
        ("Ms. Ros-Lehtinen", {"family": "Ros-Lehtinen"}),
        ("Mayor Katz", {"family": "Katz"}),
        ("Mr. King of Iowa", {"family": "King"}),
        ("Vice President Joe Biden", {"family": "Biden", "given": "Joe"}),
        ("Hon. Cdr. S.T. Koroilavesau", {"family": "Koroilavesau", "given": "S.T."}),
        ("Dr. van Helsing", {"family": "Helsing", "non-dropping-particle": "van"}),
        ("City Clerk", {"literal": "City Clerk"}),
        ("Madam Speaker", {"literal": "Madam Speaker"}),
        ("The Acting Chairman", {"literal": "The Acting Chairman"}),
        ("Senator", {"literal": "Senator"}),
        ("Unknown Speaker", {"literal": "Unknown Speaker"}),
        ("SPEAKER_01", {"literal": "SPEAKER_01"}),
        ("Speaker 2", {"literal": "Speaker 2"}),
        ("Meta", {"literal": "Meta"}),
        ("OpenAI Inc.", {"literal": "OpenAI Inc."}),
        ("Senate Judiciary Committee", {"literal": "Senate Judiciary Committee"}),
        ("Moderator", {"literal": "Moderator"}),
    ],
)
def test_speaker_names_parse(name: str, expected: dict[str, str]) -> None:
    assert parse_name(name) == expected


def test_a_justice_is_cited_by_surname_and_keeps_the_key_she_had() -> None:
    """An argument's "Justice Sotomayor" is cited as Sotomayor, not as a person called Justice; her citation key
    stays the one earlier versions gave (a manuscript may cite it)."""
    argument = doc(id="scotus13", title="Maryland v. King", kind="hearing", date="2013-02-26")
    argument.speakers = ["Justice Sotomayor"]
    assert format_reference(speaker_item(argument, "Justice Sotomayor"), "apa") == (
        "Maryland v. King (2013) (testimony of Sotomayor)."
    )
    panel = doc(id="panel13", title="Privacy and DNA", kind="panel", date="2013-02-26")
    panel.speakers = ["Justice Sotomayor"]
    assert format_reference(speaker_item(panel, "Justice Sotomayor"), "apa").startswith("Sotomayor. (2013")
    assert format_in_text(speaker_item(panel, "Justice Sotomayor"), "apa") == "(Sotomayor, 2013)"
    assert citation_key(argument, "Justice Sotomayor") == "sayso-scotus13-justice-sotomayor"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", {"date-parts": [[2024, 3, 5]]}),
        ("2024-03", {"date-parts": [[2024, 3]]}),
        ("2024", {"date-parts": [[2024]]}),
        ("March 5, 2024", {"date-parts": [[2024, 3, 5]]}),
        ("2024-03-05T10:00:00Z", {"date-parts": [[2024, 3, 5]]}),
        ("spring 2024", {"literal": "spring 2024"}),
        ("2024-02-30", {"literal": "2024-02-30"}),
        (None, None),
        ("  ", None),
    ],
)
def test_dates(value: str | None, expected: object) -> None:
    assert csl_date(value) == expected


def test_missing_fields_stay_missing() -> None:
    item = document_item(doc(kind="article"), [])
    assert item == {"id": "sayso-d1", "type": "webpage", "title": "Open models"}


def test_full_item() -> None:
    item = document_item(
        doc(date="2024-03-05", url="https://example.org/p", publisher="Example TV", event="AI Summit", place="Paris"),
        ["Yann LeCun", "Unknown Speaker", "Yann LeCun"],
    )
    assert item == {
        "id": "sayso-d1",
        "type": "speech",
        "author": [{"family": "LeCun", "given": "Yann"}, {"literal": "Unknown Speaker"}],
        "title": "Open models",
        "issued": {"date-parts": [[2024, 3, 5]]},
        "publisher": "Example TV",
        "event": "AI Summit",
        "event-place": "Paris",
        "URL": "https://example.org/p",
    }


def test_programme_of_a_podcast_is_its_container_and_committee_of_a_hearing_its_authority() -> None:
    assert document_item(doc(kind="podcast", publisher="Interconnects"))["container-title"] == "Interconnects"
    assert document_item(doc(kind="hearing", publisher="Senate Judiciary"))["authority"] == "Senate Judiciary"
    assert document_item(doc(kind="article", place="London"))["publisher-place"] == "London"


# -- formatted citations ------------------------------------------------------------------------------------

FULL = document_item(
    doc(date="2024-03-05", url="https://example.org/p", event="AI Summit", place="Paris"), ["Yann LeCun"]
)
BARE = document_item(doc(title="Untitled panel"), ["Yann LeCun"])


def test_apa_with_date_and_url() -> None:
    assert (
        format_reference(FULL, "apa")
        == "LeCun, Y. (2024, March 5). Open models. AI Summit, Paris. https://example.org/p"
    )
    assert format_in_text(FULL, "apa") == "(LeCun, 2024)"


def test_apa_without_date_or_url_says_no_date_and_invents_nothing() -> None:
    assert format_reference(BARE, "apa") == "LeCun, Y. (n.d.). Untitled panel."
    assert format_in_text(BARE, "apa") == "(LeCun, n.d.)"


def test_chicago_author_date_keeps_full_given_names() -> None:
    assert format_reference(FULL, "chicago") == (
        "LeCun, Yann. 2024. \u201cOpen Models.\u201d AI Summit, Paris, March 5. https://example.org/p."
    )
    assert format_reference(BARE, "chicago") == "LeCun, Yann. n.d. \u201cUntitled Panel.\u201d"
    assert format_in_text(FULL, "chicago") == "(LeCun 2024)"


def test_chicago_notes() -> None:
    assert format_in_text(FULL, "chicago-notes").startswith("Yann LeCun, \u201cOpen Models,\u201d AI Summit, Paris")
    assert format_reference(FULL, "chicago-notes").startswith("LeCun, Yann. \u201cOpen Models.\u201d")


def test_no_author_does_not_repeat_the_title() -> None:
    item = document_item(doc(kind="article", title="Open source AI is the path forward"), [])
    for style in STYLES:
        assert format_reference(item, style).casefold().count("path forward") == 1, style


def test_interview_without_edition_has_no_stray_label() -> None:
    item = document_item(doc(kind="interview", date="2025-01-21", publisher="The Ezra Klein Show"), ["Ben Buchanan"])
    for style in STYLES:
        assert "dition" not in format_reference(item, style), style


def test_unpublished_interview_falls_back_to_in_text_form_in_apa() -> None:
    item = document_item(doc(kind="interview", title="Chat"), ["Unknown Speaker"])
    assert format_reference(item, "apa") == "(Unknown Speaker, personal communication, n.d.)"


def test_style_names() -> None:
    assert style_name("APA") == "apa"
    assert style_name("chicago-author-date") == "chicago"
    assert style_name("chicago-notes-bibliography") == "chicago-notes"
    with pytest.raises(SaysoError, match="unknown citation style"):
        style_name("mla-ish")


@pytest.mark.parametrize("style", ["apa", "chicago", "chicago-notes"])
def test_a_title_ending_in_a_question_mark_gets_no_extra_full_stop(style: str) -> None:
    item = {
        "id": "q",
        "type": "speech",
        "title": "Who Keeps the Record?",
        "author": [{"family": "Lee", "given": "Marcus"}],
        "issued": {"date-parts": [[2024, 3, 14]]},
    }
    entry = format_reference(item, style)
    assert "Record?" in entry
    assert "?." not in entry and "?”." not in entry and '?".' not in entry


def test_stops_go_inside_closing_double_quotes_but_not_after_apostrophes() -> None:
    """en-US punctuation-in-quote, which citeproc-py does not apply itself."""
    item = {**FULL, "title": "The students’ view"}
    reference = format_reference(item, "chicago")
    assert "\u201cThe Students\u2019 View.\u201d" in reference
    assert "\u201d." not in reference and "\u201d," not in format_in_text(item, "chicago-notes")


def test_no_reference_ends_with_a_comma() -> None:
    """IEEE cites a talk known only by the programme it was part of as `in Show,`: a group's delimiter left
    where its later parts are missing. Every style's references end where their parts end."""
    talk = {"id": "t", "type": "speech", "title": "A Title", "container-title": "Show"}
    assert format_reference({**talk, "author": [{"family": "Lee", "given": "Kai"}]}, "ieee") == (
        "[1] K. Lee, “A Title,” in Show."
    )
    question = {**talk, "container-title": "Who Keeps the Record?"}
    assert format_reference(question, "ieee") == "[1] “A Title,” in Who Keeps the Record?"
    for style in ("ieee", "apa", "chicago-author-date", "modern-language-association", "harvard-cite-them-right"):
        for extra in ({}, {"event-place": "Paris"}, {"URL": "https://example.org/t"}):
            assert not format_reference({**talk, **extra}, style).endswith(","), (style, extra)


@pytest.mark.parametrize(
    ("speaker", "key"),
    [
        # What keys were when sayso first made them: a manuscript citing one must still find it, however
        # `parse_name` reads the name now ("General Verrilli" is cited as Verrilli; "Mr. King of Iowa" as King).
        ("General Verrilli", "verrilli"),
        ("Chief Justice Roberts", "roberts"),
        ("Justice Sotomayor", "justice-sotomayor"),
        ("Mayor Katz", "katz"),
        ("Mr. King of Iowa", "iowa"),
        ("Dr. van Helsing", "helsing"),
        ("Secretary Clinton", "clinton"),
        ("City Clerk", "clerk"),
        ("Robert De Niro", "de-niro"),
        ("Mr. President", "mr-president"),
    ],
)
def test_citation_keys_stay_what_they_were(speaker: str, key: str) -> None:
    hearing = doc(id="h1", kind="hearing")
    hearing.speakers = [speaker]
    assert citation_key(hearing, speaker) == f"sayso-h1-{key}"


def test_a_form_of_address_alone_is_no_surname() -> None:
    """ "Mr. President", "Vice President", "Chief Justice" address an office: cited whole, never as a surname."""
    for name in ("Mr. President", "Vice President", "Chief Justice", "Mr. Secretary", "Attorney General"):
        assert parse_name(name) == {"literal": name}
    assert parse_name("Secretary of State Blinken") == {"family": "Blinken"}


def test_a_name_in_a_script_without_capitals_is_cited_whole() -> None:
    """Arabic, Hebrew or Chinese names have no initials: a citation that shortens given names (APA's
    personal communication) gives the name whole, not ". سلمى . الحداد"; a Latin name still splits."""
    from sayso.corpus.export.csl import document_item
    from sayso.corpus.models import Document

    doc = Document(id="d1", title="حوار", kind="interview", source="x.txt")
    item = document_item(doc, ["سلمى الحداد", "Ada Park"])
    assert item["author"] == [{"literal": "سلمى الحداد"}, {"family": "Park", "given": "Ada"}]
