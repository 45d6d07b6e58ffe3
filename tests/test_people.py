"""People across the corpus (issue 16): naming a diarised document's "Speaker 1", undo, merge and split,
roles and affiliations as search facets, and the `sayso speaker` commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sayso.cli import main
from sayso.corpus.errors import Ambiguous, NotFound, SaysoError
from sayso.corpus.library import Library
from sayso.corpus.people import SplitNeedsName

#: WhisperX's diarised JSON: segments carrying SPEAKER_00 / SPEAKER_01 (imported as "Speaker 1" / "Speaker 2").
SEGMENTS = [
    ("SPEAKER_00", "Welcome back to the show, today we are debugging kernels."),
    ("SPEAKER_01", "Thanks for having me, it is great to talk about DTrace again."),
    ("SPEAKER_00", "Tell me how the storage pipeline got its checksums."),
    ("SPEAKER_01", "Every block carries a checksum in its parent pointer."),
    ("SPEAKER_00", "And that is why silent corruption gets caught."),
]


def whisperx(path: Path, segments: list[tuple[str, str]] = SEGMENTS) -> Path:
    rows = [
        {"start": 4.0 * i, "end": 4.0 * i + 3.5, "text": " " + text, "speaker": label}
        for i, (label, text) in enumerate(segments)
    ]
    path.write_text(json.dumps({"segments": rows}), encoding="utf-8")
    return path


@pytest.fixture
def show(tmp_path: Path) -> tuple[Library, str, Path]:
    lib = Library.open(tmp_path / "data")
    source = whisperx(tmp_path / "oxide-show.json")
    report = lib.import_paths([source])
    assert not report.errors, report.errors
    return lib, report.documents[0].id, source


def speakers_of(lib: Library, doc_id: str) -> list[str | None]:
    return [p.speaker for p in lib.passages(doc_id)]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_diarised_labels_are_unnamed_people_of_their_document(show: tuple[Library, str, Path]) -> None:
    lib, doc_id, _ = show
    people = {s.name: s for s in lib.speakers()}
    assert set(people) == {"Speaker 1", "Speaker 2"}
    assert all(s.unnamed for s in people.values())
    assert people["Speaker 1"].documents == [doc_id]


def test_naming_speaker_1_updates_passages_quotes_search_and_exports_and_undo_restores_them(
    show: tuple[Library, str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib, doc_id, _ = show
    quote = lib.quotes.add(doc_id, "silent corruption gets caught")
    assert quote.speaker == "Speaker 1"

    change = lib.people.rename(doc_id, [("Speaker 1", "Bryan Cantrill")])
    assert [s.name for s in change.speakers] == ["Bryan Cantrill"]
    assert speakers_of(lib, doc_id) == ["Bryan Cantrill", "Speaker 2", "Bryan Cantrill", "Speaker 2", "Bryan Cantrill"]
    bryan = lib.speaker("bryan cantrill")
    assert not bryan.unnamed and bryan.passages == 3
    assert "Speaker 1" not in bryan.aliases  # a placeholder is no alias of the person it turned out to be
    assert lib.quotes.get(quote.id).speaker == "Bryan Cantrill"
    assert lib.document(doc_id).speakers == ["Bryan Cantrill", "Speaker 2"]
    hits = lib.search("speaker:cantril checksums")  # a typo in the facet, as elsewhere
    assert [h.speaker for h in hits] == ["Bryan Cantrill"]
    assert lib.search("speaker:cantrill corruption")[0].passage == quote.passage

    out = tmp_path / "quotes.md"
    rc, _, err = run(capsys, "--data", str(lib.data_dir), "export", "-o", str(out))
    assert rc == 0, err
    assert "Bryan Cantrill" in out.read_text(encoding="utf-8")

    # Undo, in a new process's library (the journal survives a restart).
    again = Library.open(lib.data_dir)
    assert "Speaker 1 → Bryan Cantrill" in again.people.undo()
    assert speakers_of(again, doc_id) == ["Speaker 1", "Speaker 2", "Speaker 1", "Speaker 2", "Speaker 1"]
    assert again.quotes.get(quote.id).speaker == "Speaker 1"
    assert {s.name for s in again.speakers()} == {"Speaker 1", "Speaker 2"}
    assert not again.search("speaker:cantrill checksums")
    assert again.search('speaker:"Speaker 1" corruption')[0].speaker == "Speaker 1"
    rc, _, err = run(capsys, "--data", str(lib.data_dir), "export", "-o", str(out), "--force")
    assert rc == 0, err
    assert "Bryan Cantrill" not in out.read_text(encoding="utf-8")
    with pytest.raises(SaysoError, match="nothing to undo"):
        again.people.undo()


def test_names_survive_a_reimport_and_an_import_blocks_a_stale_undo(show: tuple[Library, str, Path]) -> None:
    lib, doc_id, source = show
    lib.people.rename(doc_id, [("Speaker 1", "Bryan Cantrill"), ("Speaker 2", "Adam Leventhal")])
    lib.import_paths([source])
    assert speakers_of(lib, doc_id)[:2] == ["Bryan Cantrill", "Adam Leventhal"]
    assert {s.name for s in lib.speakers()} == {"Bryan Cantrill", "Adam Leventhal"}
    with pytest.raises(SaysoError, match="changed since") as caught:
        lib.people.undo()
    assert "\n" not in str(caught.value)


def test_undo_takes_back_several_changes_newest_first(show: tuple[Library, str, Path]) -> None:
    lib, doc_id, _ = show
    lib.people.rename(doc_id, [("Speaker 1", "Bryan Cantrill")])
    lib.edit_speaker("Bryan Cantrill", role="Host")
    assert lib.speaker("Bryan Cantrill").role == "Host"
    assert lib.people.history()[0] == "Bryan Cantrill: role Host"  # says what changed
    lib.people.undo()
    assert lib.speaker("Bryan Cantrill").role is None
    lib.people.undo()
    assert speakers_of(lib, doc_id)[0] == "Speaker 1"


def test_a_wrong_merge_is_split_back_by_label_with_quotes_intact(show: tuple[Library, str, Path]) -> None:
    lib, doc_id, _ = show
    guest = lib.quotes.add(doc_id, "a checksum in its parent pointer", note="the key design point", tags=["zfs"])
    lib.people.rename(doc_id, [("Speaker 1", "Bryan Cantrill")])
    lib.people.rename(doc_id, [("Speaker 2", "Bryan Cantrill")])  # wrong: Speaker 2 is the guest
    assert set(speakers_of(lib, doc_id)) == {"Bryan Cantrill"}
    assert lib.quotes.get(guest.id).speaker == "Bryan Cantrill"

    change = lib.people.split("Bryan Cantrill", label="Speaker 2", name="Adam Leventhal")
    assert [s.name for s in change.speakers] == ["Adam Leventhal"]
    assert speakers_of(lib, doc_id) == [
        "Bryan Cantrill",
        "Adam Leventhal",
        "Bryan Cantrill",
        "Adam Leventhal",
        "Bryan Cantrill",
    ]
    kept = lib.quotes.get(guest.id)
    assert (kept.speaker, kept.note, kept.tags, kept.exact) == (
        "Adam Leventhal",
        "the key design point",
        ["zfs"],
        "a checksum in its parent pointer",
    )
    assert {s.name: s.passages for s in lib.speakers()} == {"Bryan Cantrill": 3, "Adam Leventhal": 2}
    # A label split back without a name goes back to the document's own label.
    lib.people.undo()
    lib.people.split("Bryan Cantrill", label="Speaker 2")
    assert speakers_of(lib, doc_id)[1] == "Speaker 2"
    assert lib.quotes.get(guest.id).speaker == "Speaker 2"


def test_a_merge_across_documents_is_split_back_by_document(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "data")
    one = lib.import_paths([whisperx(tmp_path / "one.json")]).documents[0].id
    two = lib.import_paths([whisperx(tmp_path / "two.json", [("SPEAKER_00", "Housing costs rose again.")])])
    two_id = two.documents[0].id
    lib.people.rename(one, [("Speaker 1", "John Smith")])
    lib.people.rename(two_id, [("Speaker 1", "John Smith")])  # wrong: another John Smith
    quote = lib.quotes.add(two_id, "Housing costs rose")
    assert lib.speaker("John Smith").documents == sorted([one, two_id])

    lib.people.split("John Smith", doc=two_id, name="John Smith (Texas)")
    assert lib.speaker("John Smith").documents == [one]
    assert lib.speaker("John Smith (Texas)").documents == [two_id]
    assert lib.quotes.get(quote.id).speaker == "John Smith (Texas)"
    assert speakers_of(lib, one)[0] == "John Smith"
    # Without a name, turns the user named go back to the label they came under.
    lib.people.split("John Smith", doc=one)
    assert speakers_of(lib, one)[0] == "Speaker 1"
    # Turns that came under the person's own name in the document need to be told who they are.
    text = tmp_path / "hearing.txt"
    text.write_text(
        "\n\n".join(
            f"{who}: {said}"
            for who, said in [
                ("John Smith", "Housing matters to everyone here."),
                ("Jane Doe", "Indeed it does, and rents show it."),
                ("John Smith", "Then we agree on the problem."),
                ("Jane Doe", "We do, if not on the answer."),
            ]
        ),
        encoding="utf-8",
    )
    hearing = lib.import_paths([text]).documents[0].id
    assert "John Smith" in lib.document(hearing).speakers
    with pytest.raises(SplitNeedsName, match="say who they are"):
        lib.people.split("John Smith", doc=hearing)
    # The command line names its option; the library's message names none (the app asks in its own way).
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sayso",
            "--data",
            str(lib.data_dir),
            "speaker",
            "split",
            "John Smith",
            "--doc",
            hearing,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and done.stderr.strip().endswith("(--as NAME)") and len(done.stderr.splitlines()) == 1
    lib.people.split("John Smith", doc=hearing, name="John Q. Smith")
    assert set(speakers_of(lib, hearing)) == {"John Q. Smith", "Jane Doe"}


def test_role_and_affiliation_are_search_facets(show: tuple[Library, str, Path]) -> None:
    lib, doc_id, _ = show
    lib.people.rename(doc_id, [("Speaker 1", "Bryan Cantrill"), ("Speaker 2", "Adam Leventhal")])
    bryan = lib.edit_speaker("Bryan Cantrill", role="Podcast host", affiliation="Oxide Computer")
    assert (bryan.role, bryan.affiliation) == ("Podcast host", "Oxide Computer")
    lib.edit_speaker("Adam Leventhal", role="Engineer", affiliation="Sun Microsystems")
    assert {h.speaker for h in lib.search("role:host", limit=20)} == {"Bryan Cantrill"}
    assert {h.speaker for h in lib.search("role:enginer checksum", limit=20)} == {"Adam Leventhal"}  # typo
    assert {h.speaker for h in lib.search("from:oxide", limit=20)} == {"Bryan Cantrill"}
    assert {h.speaker for h in lib.search("from:microsystms", limit=20)} == {"Adam Leventhal"}
    assert lib.search("role:senator") == []
    # An empty value clears it.
    lib.edit_speaker("Bryan Cantrill", role="")
    assert lib.speaker("Bryan Cantrill").role is None
    assert lib.search("role:host") == []


def test_one_dialog_save_is_one_undo(show: tuple[Library, str, Path]) -> None:
    """The app's person dialog renames and sets a role in one save; one undo takes back both (a user trial
    needed two `u` presses, the first undoing only the role)."""
    lib, doc_id, _ = show
    lib.people.rename(doc_id, [("Speaker 1", "Bryan Cantrill")])
    lib.edit_speaker("Bryan Cantrill", role="Podcast host")
    lib.people.join_last(2, "renamed Speaker 1 → Bryan Cantrill; Bryan Cantrill: role saved")
    assert lib.people.history()[0] == "renamed Speaker 1 → Bryan Cantrill; Bryan Cantrill: role saved"
    lib.people.undo()
    assert "Speaker 1" in lib.document(doc_id).speakers and "Bryan Cantrill" not in lib.document(doc_id).speakers
    assert all(s.name != "Bryan Cantrill" for s in lib.speakers())
    # Two changes with something else between them are not joined.
    lib.people.rename(doc_id, [("Speaker 1", "Bryan Cantrill")])
    lib.edit_document(doc_id, title="Renamed show")
    lib.edit_speaker("Bryan Cantrill", role="Podcast host")
    before = lib.people.history()
    lib.people.join_last(2, "joined")
    assert lib.people.history() == before


def test_exports_and_the_clipboard_say_who_a_speaker_is(show: tuple[Library, str, Path], tmp_path: Path) -> None:
    """A person's role and affiliation go beside their name where a quote is attributed (CSL names carry
    neither, so citations themselves cannot), and a pseudonymised export replaces mapped words in them too."""
    from sayso.corpus.export import export_library, format_clipboard

    lib, doc_id, _ = show
    lib.people.rename(doc_id, [("Speaker 1", "Bryan Cantrill"), ("Speaker 2", "Adam Leventhal")])
    lib.edit_speaker("Bryan Cantrill", role="Podcast host", affiliation="Oxide Computer")
    passage = next(p for p in lib.passages(doc_id) if p.speaker == "Bryan Cantrill")
    quote = lib.quotes.add(doc_id, " ".join(passage.text.split()[:5]))
    markdown = export_library(lib, [quote], "markdown").text
    assert "**Bryan Cantrill** (Podcast host, Oxide Computer)" in markdown
    people = {s.name: ", ".join(p for p in (s.role, s.affiliation) if p) for s in lib.speakers()}
    clip = format_clipboard(quote, lib.document(doc_id), passages=lib.passages(doc_id), people=people)
    assert "\u2014 Bryan Cantrill (Podcast host, Oxide Computer), " in clip
    lib.edit_speaker("Bryan Cantrill", role="", affiliation="")
    assert "(Podcast host" not in export_library(lib, [quote], "markdown").text


def test_cli_bulk_rename_speakers_marks_and_undo(
    show: tuple[Library, str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    lib, doc_id, _ = show
    data = str(lib.data_dir)
    rc, out, _ = run(capsys, "--data", data, "speakers")
    assert rc == 0 and out.count("(unnamed") == 2
    rc, out, _ = run(capsys, "--data", data, "speakers", "--json")
    assert all(row["unnamed"] for row in json.loads(out))

    rc, out, err = run(
        capsys,
        "--data",
        data,
        "speaker",
        "rename",
        "--doc",
        doc_id,
        "Speaker 1=Bryan Cantrill",
        "Speaker 2=Adam Leventhal",
    )
    assert rc == 0, err
    assert "Speaker 1 → Bryan Cantrill" in out and "Speaker 2 → Adam Leventhal" in out
    rc, out, _ = run(capsys, "--data", data, "speakers", "--json")
    assert {(r["name"], r["unnamed"]) for r in json.loads(out)} == {
        ("Bryan Cantrill", False),
        ("Adam Leventhal", False),
    }

    rc, out, err = run(
        capsys, "--data", data, "speaker", "edit", "Bryan Cantrill", "--role", "Senator", "--affiliation", "Connecticut"
    )
    assert rc == 0, err
    assert "[Senator, Connecticut]" in out
    rc, out, _ = run(capsys, "--data", data, "search", "from:connecticut role:senator checksums", "--json")
    assert {h["speaker"] for h in json.loads(out)} == {"Bryan Cantrill"}

    rc, out, _ = run(capsys, "--data", data, "speaker", "undo", "--list")
    assert out.splitlines()[0] == "Bryan Cantrill: role Senator; affiliation Connecticut"
    rc, out, _ = run(capsys, "--data", data, "speaker", "undo")
    rc, out, _ = run(capsys, "--data", data, "speaker", "undo")
    assert rc == 0 and "undone: rename" in out
    assert speakers_of(Library.open(lib.data_dir), doc_id)[:2] == ["Speaker 1", "Speaker 2"]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["rename", "--doc", "{doc}", "Speaker 9=Bryan Cantrill"], "no speaker matches 'Speaker 9'"),
        (["rename", "--doc", "nosuchdocument", "Speaker 1=Bryan Cantrill"], "nosuchdocument"),
        (["rename", "--doc", "{doc}", "Speaker 1"], "LABEL=NAME"),
        (["rename", "--doc", "{doc}", "Speaker 1=Smith"], "could be"),
        (["undo"], "nothing to undo"),
        (["split", "Speaker 1"], "--doc"),
    ],
)
def test_cli_errors_are_one_line(
    show: tuple[Library, str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    lib, doc_id, _ = show
    other = lib.import_paths(
        [whisperx(tmp_path / "smiths.json", [("SPEAKER_00", "First words."), ("SPEAKER_01", "Second words.")])]
    ).documents[0]
    lib.people.rename(other.id, [("Speaker 1", "John Smith"), ("Speaker 2", "Jane Smith")])
    if argv == ["undo"]:
        lib.people.undo()
    before = speakers_of(lib, doc_id)
    rc, _, err = run(capsys, "--data", str(lib.data_dir), "speaker", *[a.format(doc=doc_id) for a in argv])
    assert rc != 0
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("sayso: error:") and says in err
    assert speakers_of(lib, doc_id) == before  # nothing changed


def test_library_errors(show: tuple[Library, str, Path], tmp_path: Path) -> None:
    lib, doc_id, _ = show
    with pytest.raises(NotFound):
        lib.people.rename(doc_id, [("Speaker 1", "Bryan Cantrill"), ("Speaker 7", "Nobody")])
    assert speakers_of(lib, doc_id)[0] == "Speaker 1"  # the good half was not applied either
    other = lib.import_paths([whisperx(tmp_path / "b.json", [("SPEAKER_00", "x y z."), ("SPEAKER_01", "a b c.")])])
    lib.people.rename(other.documents[0].id, [("Speaker 1", "John Smith"), ("Speaker 2", "Jane Smith")])
    with pytest.raises(Ambiguous):
        lib.people.rename(doc_id, [("Speaker 1", "smith")])
