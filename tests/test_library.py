"""The Library API: importing, re-importing in place, speakers across documents, edits, lookups."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso.corpus import Library
from sayso.corpus.errors import Ambiguous, ImportRefused, NotFound, SaysoError
from sayso.corpus.library import document_id_for
from sayso.corpus.models import ParsedDocument, ParsedPassage


def parsed(
    title: str, turns: list[tuple[str | None, str]], aliases: dict[str, list[str]] | None = None, kind: str = "panel"
) -> ParsedDocument:
    return ParsedDocument(
        title=title, kind=kind, passages=[ParsedPassage(s, t) for s, t in turns], speakers=aliases or {}
    )


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    return Library.open(tmp_path / "data")


def names(lib: Library) -> dict[str, tuple[list[str], int, int]]:
    return {s.name: (s.aliases, s.passages, len(s.documents)) for s in lib.speakers()}


# -- importing files and folders -------------------------------------------------------


def test_folder_import_takes_every_supported_file(lib: Library, tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "sub" / "deeper").mkdir(parents=True)
    (src / ".hidden").mkdir()
    (src / "a.txt").write_text("First paragraph.\n\nSecond paragraph.\n", encoding="utf-8")
    (src / "sub" / "b.md").write_text("# Title\n\nSome words here.\n", encoding="utf-8")
    (src / "sub" / "deeper" / "c.vtt").write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>Hello there.\n", encoding="utf-8"
    )
    (src / "notes.pdf").write_bytes(b"%PDF-1.4 binary")
    (src / ".hidden" / "x.txt").write_text("should be skipped", encoding="utf-8")
    (src / ".dot.txt").write_text("skipped too", encoding="utf-8")
    report = lib.import_paths([src, src / "a.txt"])  # a.txt twice: imported once
    assert report.errors == []
    assert sorted(Path(d.source).name for d in report.documents) == ["a.txt", "b.md", "c.vtt"]
    assert len(lib.documents()) == 3
    assert report.passages == sum(d.passages for d in lib.documents())


def test_import_errors_are_one_line_and_do_not_stop_the_others(lib: Library, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Words worth keeping.\n", encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    (nothing / "readme.pdf").write_bytes(b"%PDF")
    report = lib.import_paths([good, binary, empty, nothing, tmp_path / "missing.txt"])
    assert [Path(d.source).name for d in report.documents] == ["good.txt"]
    assert len(report.errors) == 4
    assert all("\n" not in e for e in report.errors)
    joined = " | ".join(report.errors)
    assert "missing.txt: no such file or folder" in joined
    assert "no supported files in this folder" in joined
    with pytest.raises(ImportRefused):
        lib.import_file(binary)
    with pytest.raises(ImportRefused):
        lib.import_file(tmp_path / "missing.txt")


def test_the_same_text_from_two_places_is_kept_twice_and_said(lib: Library, tmp_path: Path) -> None:
    """A transcript saved in two folders is two documents (their sources differ), and the import says so."""
    text = "Ada Park: Hello there, all.\nBen Cho: Hi, Ada.\nAda Park: Bye now.\nBen Cho: Bye.\n"
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "talk.txt").write_text(text, encoding="utf-8")
    first = lib.import_paths([tmp_path / "a" / "talk.txt"])
    assert first.warnings == []
    again = lib.import_paths([tmp_path / "a" / "talk.txt"])  # the same file again: no twin
    assert again.warnings == []
    second = lib.import_paths([tmp_path / "b" / "talk.txt"])
    [warning] = second.warnings
    assert f"the same text as \u201cTalk\u201d ({first.documents[0].id})" in warning
    assert str(tmp_path / "a" / "talk.txt") in warning
    assert len(lib.documents()) == 2
    # Within one folder import too.
    (tmp_path / "b" / "copy.txt").write_text(text, encoding="utf-8")
    both = lib.import_paths([tmp_path / "b"])
    assert sum("the same text as" in w for w in both.warnings) == 2


def test_reimport_updates_in_place_and_keeps_user_edits(lib: Library, tmp_path: Path) -> None:
    a = lib.import_parsed(parsed("Alpha", [("Ann Lee", "One.")]), "alpha.txt")
    b = lib.import_parsed(parsed("Beta", [("Bo Ray", "Two.")]), "beta.txt")
    lib.edit_document(a.id, title="Alpha (edited)", publisher="The Press", date="2024-01-02")
    again = lib.import_parsed(parsed("Alpha v2", [("Ann Lee", "One, revised."), ("Cy Dee", "New turn.")]), "alpha.txt")
    assert again.id == a.id
    assert [d.id for d in lib.documents()] == [a.id, b.id]  # same place in the list
    doc = lib.document(a.id)
    assert (doc.title, doc.publisher, doc.date) == ("Alpha (edited)", "The Press", "2024-01-02")
    assert [p.text for p in lib.passages(a.id)] == ["One, revised.", "New turn."]
    assert [p.id for p in lib.passages(a.id)] == [f"{a.id}:0", f"{a.id}:1"]
    assert names(lib) == {"Ann Lee": ([], 1, 1), "Bo Ray": ([], 1, 1), "Cy Dee": ([], 1, 1)}
    # Same file path imported from disk twice: one document.
    f = tmp_path / "t.txt"
    f.write_text("Hello.\n", encoding="utf-8")
    first = lib.import_file(f)
    f.write_text("Hello again.\n", encoding="utf-8")
    second = lib.import_file(f)
    assert first.id == second.id and first.content_hash != second.content_hash
    assert len(lib.documents()) == 3


def test_passage_offsets_and_sentences(lib: Library) -> None:
    doc = lib.import_parsed(parsed("Doc", [("A B", "First one. Second one."), ("C D", "Third.")]), "d.txt")
    passages = lib.passages(doc.id)
    text = lib.text(doc.id)
    for p in passages:
        assert text[p.offset : p.offset + len(p.text)] == p.text
    assert passages[0].sentences == [[0, 10], [11, 22]]


# -- speakers across documents -----------------------------------------------------------


def test_a_name_with_and_without_accents_is_one_person_in_speakers_and_search(lib: Library) -> None:
    """Speaker identity is one key everywhere: speakers() and search(speaker=...) agree (issue 12)."""
    lib.import_parsed(parsed("Madrid", [("José Ruiz", "Housing first."), ("José Ruiz", "Then transit.")]), "a.txt")
    lib.import_parsed(parsed("Lima", [("Jose Ruiz", "Housing matters here too.")]), "b.txt")
    people = [s for s in lib.speakers() if "Ruiz" in s.name]
    assert [(s.name, s.passages, len(s.documents)) for s in people] == [("José Ruiz", 3, 2)]
    assert lib.speaker("jose ruiz").name == "José Ruiz"
    found = {h.document for h in lib.search("housing", speaker="Jose Ruiz", limit=10)}
    assert found == {lib.document("Madrid").id, lib.document("Lima").id}


def test_speakers_saved_apart_by_accents_are_listed_as_one(lib: Library) -> None:
    """A library saved when accents told names apart still lists one person, under the commoner spelling."""
    from sayso.corpus.models import Speaker

    lib.import_parsed(parsed("Madrid", [("José Ruiz", "Housing first.")]), "a.txt")
    lib.import_parsed(parsed("Lima", [("Jose Ruiz", "Housing."), ("Jose Ruiz", "Transit.")]), "b.txt")
    a, b = lib.document("Madrid").id, lib.document("Lima").id
    with lib.store.lock.held():
        data = lib.store.read_for_update()
        data.speakers = [
            Speaker("José Ruiz", [], 1, [a], {a: 1}),
            Speaker("Jose Ruiz", [], 2, [b], {b: 2}),
            Speaker("Unknown Speaker", [], 1, [a], {a: 1}),
            Speaker("Unknown Speaker", [], 1, [b], {b: 1}),
        ]
        lib.store.write_library(data)
    got = {s.name: (s.aliases, s.passages, s.documents) for s in lib.speakers() if "Ruiz" in s.name}
    assert got == {"Jose Ruiz": ([], 3, sorted([a, b]))}  # one spelling of one key: no alias needed
    assert [s.name for s in lib.speakers()].count("Unknown Speaker") == 2  # placeholders stay one per document


@pytest.mark.parametrize(
    "label",
    [
        "Unknown",
        "Unknown Speaker",
        "SPEAKER_00",
        "Speaker 2",
        "Speaker B",
        "Speaker AB",
        "Speaker_12",
        "Unidentified Male",
        "Voice",
        "Narrator",
        "Audience Member",
        "Participant 3",
        "Guest 2",
        "Interviewer",
        "Interviewee",
        "Moderator",
        "HOST",
        "Crowd",
        "Male",
        "Female",
        "Anchor",
        "Co-anchor",
        "Coanchor",
        "Co-host",
        "Cohost",
        "Presenter",
        "Reporter",
        "Correspondent",
        "Caller 2",
        "앵커",
        "기자",
        "사회자",
        "主持人",
        "记者",
        "記者",
        "司会",
    ],
)
def test_every_placeholder_label_of_the_importers_is_a_placeholder_person(label: str) -> None:
    """One placeholder rule: what an importer takes for a placeholder, the library never merges across documents."""
    from sayso.corpus.identity import is_placeholder
    from sayso.corpus.importers.names import GENERIC_SPEAKER

    assert GENERIC_SPEAKER.match(label) and is_placeholder(label)


@pytest.mark.parametrize("label", ["El señor PRESIDENTE", "M. le président", "Mme la ministre", "Il Presidente"])
def test_an_office_in_a_romance_language_record_is_a_different_person_in_each(label: str) -> None:
    from sayso.corpus.identity import is_placeholder
    from sayso.corpus.importers.names import display_name

    assert is_placeholder(label) and is_placeholder(display_name(label))
    assert not is_placeholder("El señor PÉREZ RUIZ") and not is_placeholder("M. Jean Dupont")


def test_speakers_merge_across_documents_by_full_names_not_initials(lib: Library) -> None:
    lib.import_parsed(
        parsed(
            "Panel",
            [("Nick Thompson", "Welcome."), ("Kai-Fu Lee", "Thanks."), ("Nick Thompson", "Next.")],
            {"Nick Thompson": ["NT"], "Kai-Fu Lee": ["KFL"]},
        ),
        "panel.txt",
    )
    lib.import_parsed(
        parsed("Talk", [("Nicholas Thompson", "Hi.")], {"Nicholas Thompson": ["Nick Thompson"]}), "talk.txt"
    )
    lib.import_parsed(parsed("Other", [("NT", "Initials alone are someone else.")]), "other.txt")
    got = names(lib)
    assert got["Nick Thompson"] == (["NT", "Nicholas Thompson"], 3, 2)
    assert got["NT"] == ([], 1, 1)  # not merged on initials
    talk = lib.document("Talk")
    assert talk.speakers == ["Nick Thompson"]  # passages carry the display name
    assert [p.speaker for p in lib.passages(talk.id)] == ["Nick Thompson"]
    assert lib.speaker("nicholas thompson").name == "Nick Thompson"
    assert lib.speaker("KFL").name == "Kai-Fu Lee"
    assert lib.speaker("kai").name == "Kai-Fu Lee"


def test_placeholder_and_role_labels_are_not_one_person_across_documents(lib: Library) -> None:
    lib.import_parsed(
        parsed("Ep 1", [("Emma", "Hi."), ("Unknown Speaker", "Me too."), ("Moderator", "Go on.")]), "ep1.txt"
    )
    lib.import_parsed(
        parsed("Ep 2", [("Unknown Speaker", "Who am I?"), ("Moderator", "Order."), ("Emma", "Back.")]), "ep2.txt"
    )
    lib.import_parsed(
        parsed("Debate", [("Howard K. Smith", "Good evening.")], {"Howard K. Smith": ["Moderator"]}), "debate.txt"
    )
    unknowns = [s for s in lib.speakers() if s.name == "Unknown Speaker"]
    assert sorted(len(s.documents) for s in unknowns) == [1, 1] and len({s.documents[0] for s in unknowns}) == 2
    moderators = [s for s in lib.speakers() if s.name == "Moderator"]
    assert len(moderators) == 2  # neither joins the other, nor Howard K. Smith through his alias
    assert names(lib)["Howard K. Smith"][1:] == (1, 1)
    assert names(lib)["Emma"][1:] == (2, 2)  # a real name still joins across documents
    lib.import_parsed(parsed("Ep 1", [("Unknown Speaker", "Again."), ("Emma", "Hi.")]), "ep1.txt")
    assert sorted(s.passages for s in lib.speakers() if s.name == "Unknown Speaker") == [1, 1]


def test_edit_speaker_renames_everywhere_and_survives_reimport(lib: Library) -> None:
    panel = parsed("Panel", [("Nick Thompson", "Welcome."), ("Kai-Fu Lee", "Thanks.")], {"Nick Thompson": ["NT"]})
    p = lib.import_parsed(panel, "panel.txt")
    t = lib.import_parsed(parsed("Talk", [("Nick Thompson", "Hi.")]), "talk.txt")
    renamed = lib.edit_speaker("NT", name="Nicholas Thompson", add_aliases=["Nico"])
    assert renamed.name == "Nicholas Thompson"
    assert renamed.aliases == ["NT", "Nick Thompson", "Nico"]
    for doc_id in (p.id, t.id):
        assert "Nicholas Thompson" in lib.document(doc_id).speakers
        assert "Nick Thompson" not in lib.document(doc_id).speakers
    assert [x.speaker for x in lib.passages(p.id)] == ["Nicholas Thompson", "Kai-Fu Lee"]
    lib.import_parsed(panel, "panel.txt")  # the importer still says "Nick Thompson"
    assert [x.speaker for x in lib.passages(p.id)] == ["Nicholas Thompson", "Kai-Fu Lee"]
    assert names(lib)["Nicholas Thompson"][1:] == (2, 2)
    lib.edit_speaker("Nicholas Thompson", remove_aliases=["nico"])
    assert "Nico" not in lib.speaker("Nicholas Thompson").aliases
    with pytest.raises(NotFound):
        lib.edit_speaker("Nicholas Thompson", remove_aliases=["Nobody"])
    with pytest.raises(SaysoError, match="already names Kai-Fu Lee"):
        lib.edit_speaker("Nicholas Thompson", add_aliases=["Kai-Fu Lee"])
    with pytest.raises(SaysoError):
        lib.edit_speaker("Nicholas Thompson", name="   ")


def test_renaming_to_another_speaker_merges_them(lib: Library) -> None:
    a = lib.import_parsed(parsed("A", [("Yann LeCun", "Open."), ("Moderator", "Q?")]), "a.txt")
    b = lib.import_parsed(parsed("B", [("Y. LeCun", "Weights.")]), "b.txt")
    merged = lib.edit_speaker("Y. LeCun", name="Yann LeCun")
    assert merged.name == "Yann LeCun" and "Y. LeCun" in merged.aliases
    assert (merged.passages, sorted(merged.documents)) == (2, sorted([a.id, b.id]))
    assert [s.name for s in lib.speakers()] == ["Yann LeCun", "Moderator"]
    assert [x.speaker for x in lib.passages(b.id)] == ["Yann LeCun"]


def test_remove_document_updates_speakers_and_files(lib: Library, tmp_path: Path) -> None:
    a = lib.import_parsed(parsed("Alpha", [("Ann Lee", "One."), ("Bo Ray", "Two.")]), "alpha.txt")
    lib.import_parsed(parsed("Beta", [("Ann Lee", "Three.")]), "beta.txt")
    removed = lib.remove("alpha")
    assert removed.id == a.id
    assert [d.title for d in lib.documents()] == ["Beta"]
    assert names(lib) == {"Ann Lee": ([], 1, 1)}
    assert not (tmp_path / "data" / "docs" / f"{a.id}.json").exists()
    with pytest.raises(NotFound):
        lib.remove("alpha")


# -- edits and lookups --------------------------------------------------------------------


def test_edit_document_validates(lib: Library) -> None:
    doc = lib.import_parsed(parsed("Doc", [("A", "x.")]), "d.txt")
    with pytest.raises(SaysoError, match="unknown kind"):
        lib.edit_document(doc.id, kind="novel")
    with pytest.raises(SaysoError, match="title cannot be empty"):
        lib.edit_document(doc.id, title="  ")
    with pytest.raises(SaysoError, match="cannot edit"):
        lib.edit_document(doc.id, speakers="x")
    lib.edit_document(doc.id, url="https://example.org", kind="interview")
    assert lib.edit_document(doc.id, url="").url is None
    assert lib.document(doc.id).kind == "interview"


def test_document_and_speaker_resolution(lib: Library) -> None:
    one = lib.import_parsed(parsed("Davos panel on AI", [("Ann", "x.")]), "/t/davos-2024.txt", doc_id="abcd111111")
    two = lib.import_parsed(parsed("Davos panel on energy", [("Ann", "y.")]), "/t/davos-2023.txt", doc_id="abcd222222")
    lib.import_parsed(parsed("Other", [("Bo", "z.")]), "/t/other.txt", doc_id="ffff000000")
    assert lib.document("abcd111111").id == one.id
    assert lib.document("abcd2").id == two.id
    assert lib.document("davos panel on ai").id == one.id
    assert lib.document("/t/davos-2023.txt").id == two.id
    assert lib.document("energy").id == two.id
    with pytest.raises(Ambiguous) as amb:
        lib.document("davos")
    assert "\n" not in str(amb.value) and one.id in str(amb.value) and two.id in str(amb.value)
    with pytest.raises(Ambiguous):
        lib.document("abcd")
    with pytest.raises(NotFound) as nf:
        lib.document("nothing like it")
    assert "\n" not in str(nf.value)
    with pytest.raises(NotFound):
        lib.speaker("Zed")


def test_search_doc_facet_and_document_lookup_name_the_same_documents(lib: Library) -> None:
    """One rule (corpus.document_ref): `doc:REF` searches the documents `sayso show REF` would name."""
    panel = lib.import_parsed(parsed("Panel", [("Ann", "Archives keep words.")]), "/t/p.txt", doc_id="abcd111111")
    later = lib.import_parsed(
        parsed("Panel two", [("Ann", "Archives keep more words.")]), "/t/q.txt", doc_id="abcd2222"
    )
    lib.import_parsed(parsed("José’s talk", [("Bo", "Archives again.")]), "/t/j.txt", doc_id="ffff000000")

    def searched(ref: str) -> set[str]:
        return {h.document for h in lib.search(f'archives doc:"{ref}"', limit=20)}

    for ref in ("panel", "abcd2", "two", "jose's talk", "JOSÉ"):
        assert searched(ref) == {lib.document(ref).id}, ref
    assert lib.document("panel").id == panel.id  # the whole title wins over a title that contains it
    assert searched("abcd") == {panel.id, later.id}  # a filter takes every document a reference names
    with pytest.raises(Ambiguous):
        lib.document("abcd")


def test_ambiguous_speaker_alias(lib: Library) -> None:
    lib.import_parsed(parsed("A", [("John Smith", "x.")], {"John Smith": ["JS"]}), "a.txt")
    lib.import_parsed(parsed("B", [("Jane Stone", "y.")], {"Jane Stone": ["JS"]}), "b.txt")
    with pytest.raises(Ambiguous):
        lib.speaker("JS")
    assert lib.speaker("jane stone").name == "Jane Stone"


def test_search_hits_show_a_title_edited_after_indexing(lib: Library) -> None:
    lib.import_parsed(parsed("Old title", [("Ann Lee", "Archives keep the exact words.")]), "t.txt")
    lib.edit_document("Old title", title="New title")
    hits = lib.search("archives")
    assert [h.title for h in hits] == ["New title"]


# -- importing many files at once -------------------------------------------------------


def _conversations(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"talk{n:03d}.txt"
        turns = [
            f"Jane Smith: Welcome, guest {n}.",
            f"Guest{n} Person: Hello number {n}.",
            f"Jane Smith: Thanks, guest {n}.",
            f"Guest{n} Person: My pleasure {n}.",
        ]
        path.write_text(f"Talk {n}\n\n" + "\n\n".join(turns) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_a_folder_import_writes_the_document_list_once_per_batch(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rewriting library.json after every file made big imports quadratic; a batch writes it once."""
    import sayso.corpus.library as library_module

    _conversations(tmp_path / "src", 40)
    writes: list[int] = []
    original = lib.store.write_library

    def counting(data):  # type: ignore[no-untyped-def]
        writes.append(len(data.documents))
        return original(data)

    monkeypatch.setattr(lib.store, "write_library", counting)
    monkeypatch.setattr(library_module, "BATCH_SECONDS", 600.0)  # one batch, however slow the machine
    report = lib.import_paths([tmp_path / "src"])
    assert report.errors == [] and len(report.documents) == 40
    assert writes == [40]  # once, at the end of the batch, with every document
    reopened = Library.open(lib.data_dir)
    assert len(reopened.documents()) == 40
    speakers = {s.name: s for s in reopened.speakers()}
    assert speakers["Jane Smith"].passages == 80 and len(speakers["Jane Smith"].documents) == 40
    assert speakers["Guest7 Person"].passages == 2


def test_a_failure_mid_batch_keeps_the_files_imported_before_it(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sayso.corpus.errors import SaveFailed

    paths = _conversations(tmp_path / "src", 6)
    original = lib.store.write_passages
    saved: list[str] = []

    def failing(doc_id, passages, *rest):  # type: ignore[no-untyped-def]
        if len(saved) == 4:
            raise SaveFailed("cannot save: No space left on device")
        saved.append(doc_id)
        return original(doc_id, passages, *rest)

    monkeypatch.setattr(lib.store, "write_passages", failing)
    with pytest.raises(SaveFailed):
        lib.import_paths(paths)
    reopened = Library.open(lib.data_dir)
    assert sorted(d.id for d in reopened.documents()) == sorted(saved)
    assert len(saved) == 4


def test_quotes_on_a_file_reimported_in_a_batch_follow_its_new_text(lib: Library, tmp_path: Path) -> None:
    paths = _conversations(tmp_path / "src", 5)
    lib.import_paths(paths)
    target = lib.import_file(paths[2])
    quote = lib.quotes.add(target.id, exact="Thanks, guest 2.")
    paths[2].write_text(
        paths[2].read_text(encoding="utf-8").replace("Welcome, guest 2.", "Welcome back, dear guest 2."),
        encoding="utf-8",
    )
    lib.import_paths(paths)
    [moved] = [q for q in lib.quotes.list() if q.id == quote.id]
    assert moved.status == "anchored" and moved.start > quote.start
    assert all(ok for _quote, ok, _why in lib.quotes.verify())


def test_the_host_the_document_names_is_stored_under_the_library_name_and_an_edit_wins(
    lib: Library, tmp_path: Path
) -> None:
    source = tmp_path / "edition.txt"
    source.write_text(
        "Morning Edition\n\nSTEVE INSKEEP, HOST:\n\nGood morning.\n\nJANE DOE, BYLINE:\n\nHello, Steve.\n\n"
        "STEVE INSKEEP, HOST:\n\nAnd bees?\n\nJANE DOE, BYLINE:\n\nSwarming.\n",
        encoding="utf-8",
    )
    doc = lib.import_file(source)
    assert doc.host == "Steve Inskeep" and lib.document(doc.id).host == "Steve Inskeep"
    lib.edit_document(doc.id, host="Rachel Martin")
    assert lib.import_file(source).host == "Rachel Martin"  # the user's edit survives a re-import


@pytest.mark.parametrize("role", ["THE WITNESS", "THE COURT", "THE PRESIDENT"])
def test_court_and_briefing_roles_are_a_different_person_in_each_transcript(lib: Library, role: str) -> None:
    for n, title in enumerate(["Hearing one", "Hearing two"]):
        lib.import_parsed(
            parsed(
                title,
                [(role.title(), f"Statement {n}."), ("Ms. Park", f"Question {n}?"), (role.title(), f"Answer {n}.")],
            ),
            f"{title}.txt",
        )
    people = [s for s in lib.speakers() if s.name == role.title()]
    assert len(people) == 2 and all(len(s.documents) == 1 for s in people)
    [park] = [s for s in lib.speakers() if s.name == "Ms. Park"]
    assert len(park.documents) == 2  # a name is still one person across documents


def _can_widen_a_pipe(size: int) -> bool:
    import fcntl
    import os

    read, write = os.pipe()
    try:
        fcntl.fcntl(read, fcntl.F_SETPIPE_SZ, size)
    except OSError:
        return False  # (over the system's limit, or this user's share of pipe pages)
    finally:
        os.close(read)
        os.close(write)
    return True


def test_parsing_in_worker_processes_gives_the_same_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`parallel=True` (what `sayso import` and the app use) only changes where parsing runs."""
    import fcntl
    import os
    from concurrent.futures import ProcessPoolExecutor

    import sayso.corpus.importers.parallel as parallel_module

    submitted: list[int] = []
    pipe_sizes: set[int] = set()

    class CountingPool(ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def, override]
            submitted.append(os.getpid())
            pipe_sizes.add(fcntl.fcntl(self._result_queue._reader.fileno(), fcntl.F_GETPIPE_SZ))  # type: ignore[attr-defined]
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(parallel_module, "ProcessPoolExecutor", CountingPool)
    monkeypatch.setattr(parallel_module, "workers_for", lambda count: 2)  # even on a one-core machine
    paths = _conversations(tmp_path / "src", 12)
    (tmp_path / "src" / "photo.txt").write_bytes(bytes(range(256)) * 20)
    results = []
    for parallel in (False, True):
        lib = Library.open(tmp_path / f"data-{parallel}")
        report = lib.import_paths([tmp_path / "src"], parallel=parallel)
        assert len(report.documents) == 12 and len(report.errors) == 1 and "photo.txt" in report.errors[0]
        docs = sorted((d.title, d.passages, d.speakers, d.content_hash, d.text_hash) for d in lib.documents())
        passages = [(p.speaker, p.text, p.sentences) for path in paths for p in lib.passages(document_id_for(path))]
        results.append((docs, passages, [(s.name, s.passages) for s in lib.speakers()]))
    assert results[0] == results[1]
    assert len(submitted) == 13  # the parallel run parsed every file in a worker
    # Results come back through a pipe that holds a whole file's (where the system lets this process widen one).
    if _can_widen_a_pipe(parallel_module.RESULT_PIPE_BYTES):
        assert pipe_sizes == {parallel_module.RESULT_PIPE_BYTES}


def test_a_folder_import_still_works_where_worker_processes_cannot_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inside the app, for one, stderr has no file descriptor and spawning fails: parse here instead."""
    from concurrent.futures import ProcessPoolExecutor

    import sayso.corpus.importers.parallel as parallel_module

    class BrokenPool(ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def, override]
            raise ValueError("bad value(s) in fds_to_keep")

    monkeypatch.setattr(parallel_module, "ProcessPoolExecutor", BrokenPool)
    monkeypatch.setattr(parallel_module, "workers_for", lambda count: 2)
    _conversations(tmp_path / "src", 10)
    lib = Library.open(tmp_path / "data")
    report = lib.import_paths([tmp_path / "src"], parallel=True)
    assert report.errors == [] and len(report.documents) == 10 and len(lib.documents()) == 10


def test_another_sayso_saves_a_quote_while_a_long_folder_import_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import holds the lock a batch at a time and then leaves a gap, so another process's save gets in."""
    import os
    import subprocess
    import sys
    import threading
    import time as _time

    import sayso.corpus.importers.parallel as parallel_module
    import sayso.corpus.library as library_module

    paths = _conversations(tmp_path / "src", 40)
    importer = Library.open(tmp_path / "data")
    first = importer.import_file(paths[0])
    real_parse = parallel_module.parse_decoded

    def slow_parse(text, used, warnings, path, labels=None):  # type: ignore[no-untyped-def]
        _time.sleep(0.2)  # 39 files: the import lasts about 8 s, far longer than the other sayso needs
        return real_parse(text, used, warnings, path, labels)

    monkeypatch.setattr(parallel_module, "parse_decoded", slow_parse)
    monkeypatch.setattr(library_module, "BATCH_SECONDS", 0.3)
    done = threading.Event()
    thread = threading.Thread(target=lambda: (importer.import_paths(paths[1:]), done.set()))
    thread.start()
    try:
        _time.sleep(0.5)  # well into the import
        env = {**os.environ, "SAYSO_LOCK_TIMEOUT": "1.5"}
        cli = subprocess.run(
            [
                sys.executable,
                "-m",
                "sayso",
                "--data",
                str(tmp_path / "data"),
                "quote",
                "add",
                first.id,
                "--exact",
                "Hello number 0.",
                "--json",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        import_still_running = not done.is_set()
    finally:
        thread.join(60)
    assert cli.returncode == 0, cli.stderr
    assert import_still_running, "the import finished first: the test proves nothing"
    reopened = Library.open(tmp_path / "data")
    assert len(reopened.documents()) == 40 and len(reopened.quotes.list()) == 1


def test_a_failure_mid_batch_leaves_no_trace_of_the_failed_file_among_the_speakers(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sayso.corpus.errors import SaveFailed

    paths = _conversations(tmp_path / "src", 6)
    lib.import_paths(paths[:3])  # three documents already in the library
    original = lib.store.write_passages
    calls: list[str] = []

    def failing(doc_id, passages, *rest):  # type: ignore[no-untyped-def]
        calls.append(doc_id)
        if len(calls) == 5:  # the second new file (a re-import of the first three went through)
            raise SaveFailed("cannot save: No space left on device")
        return original(doc_id, passages, *rest)

    monkeypatch.setattr(lib.store, "write_passages", failing)
    with pytest.raises(SaveFailed):
        lib.import_paths(paths)
    reopened = Library.open(lib.data_dir)
    listed = {d.id for d in reopened.documents()}
    assert listed == {document_id_for(p) for p in paths[:4]}
    for speaker in reopened.speakers():
        assert set(speaker.documents) <= listed and speaker.passages == sum(speaker.counts.values())
    assert not any(s.name == "Guest4 Person" for s in reopened.speakers())  # the failed file's guest


def test_a_folder_import_leaves_out_the_folders_own_notes_and_says_so(lib: Library, tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "panel.txt").write_text("Ada Park: Hello.\n\nBen Cho: Hi.\n\nAda Park: Bye.\n", encoding="utf-8")
    (folder / "SOURCES.md").write_text("# Where these came from\n\nSee the table below.\n", encoding="utf-8")
    report = lib.import_paths([folder])
    assert [d.title for d in report.documents] == ["Panel"]
    assert any("SOURCES.md: skipped" in w for w in report.warnings)
    named = lib.import_paths([folder / "SOURCES.md"])  # named on its own, it imports as asked
    assert len(named.documents) == 1


def test_a_newline_in_a_file_name_keeps_each_docs_row_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 11: a file named "two<newline>lines.txt" split its `sayso docs` row in two."""
    from sayso.cli import main

    folder = tmp_path / "talks"
    folder.mkdir()
    (folder / "two\nlines\x1b[31m.txt").write_text(
        "Ada Park: Hello there, everyone, welcome.\n\nBen Cho: Thanks for having me here today.\n", encoding="utf-8"
    )
    (folder / "plain.txt").write_text("Ada Park: A second talk.\n\nBen Cho: With two turns.\n", encoding="utf-8")
    data = str(tmp_path / "data")
    assert main(["--data", data, "import", str(folder)]) == 0
    imported = capsys.readouterr().out
    assert main(["--data", data, "docs"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 2, rows
    row = next(r for r in rows if "lines" in r)
    assert "\u240a" in row and "\x1b" not in row and row.endswith("2 passages, 2 speaker(s)")
    assert not [line for line in imported.splitlines() if line.startswith("lines")]
    doc_id = row.split()[0]
    assert main(["--data", data, "show", doc_id]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert "\u240a" in header and header.endswith(".txt")


def test_opening_and_searching_a_library_loads_no_importer(tmp_path: Path) -> None:
    """Reading a library (open, documents, speakers, a search) needs none of the importers, which take about
    half of the package's loading time: a fresh process that only reads must not load them."""
    import subprocess
    import sys

    demo = Path(__file__).resolve().parents[1] / "corpus" / "demo"
    lib = Library.open(tmp_path / "lib")
    assert not lib.import_paths([demo]).errors
    script = (
        "import sys\n"
        "from sayso.corpus import Library\n"
        f"lib = Library.open({str(tmp_path / 'lib')!r})\n"
        "assert lib.search('opne sorce') and lib.documents() and lib.speakers()\n"
        "print(sorted(m for m in sys.modules if m.startswith('sayso.corpus.importers')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("command", [["docs"], ["search", "opne sorce"], ["speakers"], ["app"]])
def test_the_front_ends_read_a_library_without_loading_the_importers(tmp_path: Path, command: list[str]) -> None:
    """The command line's reading commands, and the app's code, describe a document's recorded speaker
    convention (corpus.conventions) without loading the importers that infer it (a fifth of a `sayso search`
    process's time)."""
    import subprocess
    import sys

    demo = Path(__file__).resolve().parents[1] / "corpus" / "demo"
    assert not Library.open(tmp_path / "lib").import_paths([demo]).errors
    run = (
        "import sayso.tui.app, sayso.tui.screens.main, sayso.tui.widgets.documents\n"
        if command == ["app"]
        else (
            "from sayso.cli import main\n"
            f"sys.argv = ['sayso', '--data', {str(tmp_path / 'lib')!r}, *{command!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
        )
    )
    script = (
        "import sys\n"
        + run
        + "print('loaded:', sorted(m for m in sys.modules if m.startswith('sayso.corpus.importers')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip().splitlines()[-1] == "loaded: []", done.stdout[-500:]
    if command != ["app"]:
        assert len(done.stdout.strip().splitlines()) > 1  # (the command said something)


@pytest.mark.parametrize("files", [1, 12])  # (a few files are looked up one by one, more through the whole list)
def test_a_file_imported_with_a_labels_pattern_keeps_it_when_imported_again_without(tmp_path: Path, files: int) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()

    def write(version: int) -> None:
        for i in range(files):
            lines = [f"<<P{t % 3}>> 00:0{t}:00 Round {version}, turn {t} of file {i}." for t in range(4)]
            (folder / f"t{i:02d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")

    write(1)
    lib = Library.open(tmp_path / "data")
    pattern = "<<{speaker}>> {time} {text}"
    assert not lib.import_paths([folder], labels=pattern).errors
    write(2)
    report = lib.import_paths([folder])  # no pattern given: each document's is used again
    assert not report.errors and len(report.documents) == files
    for doc in lib.documents():
        assert doc.labels == pattern and doc.speakers == ["P0", "P1", "P2"]
