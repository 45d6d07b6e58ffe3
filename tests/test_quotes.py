"""QuoteBook API and `sayso quote` / `sayso quotes` CLI round trips, on the shared seed documents.

Quotes are taken from sentences that appear verbatim both in the imported text
and in the raw seed file, so the tests hold whatever the importers decide about
titles, speakers and passage boundaries.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sayso.cli import main
from sayso.corpus.anchoring import folded
from sayso.corpus.errors import Ambiguous, NotFound, SaysoError
from sayso.corpus.library import Library
from sayso.corpus.models import Document, ParsedDocument, ParsedPassage
from sayso.corpus.query import parse_quote_filter
from sayso.corpus.quotes import NEEDS_REVIEW, UndoLog

SHARED = Path(__file__).resolve().parents[2] / "shared"
# (none where ../shared is absent: the tests that need them skip, saying so, rather than break collection)
SEEDS = sorted((SHARED / "seeds").iterdir()) if (SHARED / "seeds").is_dir() else []


# -- helpers shared with the other quote test files ------------------------------------------


def import_copy(lib: Library, source: Path, folder: Path, name: str | None = None) -> tuple[Path, Document]:
    """Copy a seed into `folder` (so it can be edited and re-imported) and import it."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or source.name)
    shutil.copyfile(source, target)
    return target, lib.import_file(target)


def unique_sentences(lib: Library, doc_id: str, raw: str, min_words: int = 6, max_words: int = 30) -> list[str]:
    """Sentences of the document found verbatim in the raw file, fewest repeats first.

    Seed 000 holds every line twice, so a sentence may occur twice (and an
    importer may or may not drop the repeats); `add_first` quotes the first.
    """
    text = lib.text(doc_id)
    found: list[str] = []
    for passage in lib.passages(doc_id):
        for s, e in passage.sentences:
            sentence = passage.text[s:e]
            if "\n" in sentence or not min_words <= len(sentence.split()) <= max_words:
                continue
            if 1 <= text.count(sentence) <= min(raw.count(sentence), 2) and sentence not in found:
                found.append(sentence)
    return sorted(found, key=lambda s: (text.count(s), text.index(s)))


def add_first(lib: Library, doc_id: str, words: str, **options: object):  # type: ignore[no-untyped-def]
    """Quote the first place `words` occur (several places only in seeds with repeated lines)."""
    several = lib.text(doc_id).count(words) > 1
    return lib.quotes.add(doc_id, words, occurrence=1 if several else None, **options)  # type: ignore[arg-type]


def spread(items: list[str], n: int) -> list[str]:
    """`n` items evenly spread over `items` (deterministic)."""
    if len(items) <= n:
        return list(items)
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def run_cli(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data", str(data), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def seeded(tmp_path: Path, shared: Path) -> tuple[Library, list[tuple[Path, Document]]]:
    lib = Library.open(tmp_path / "data")
    docs = [import_copy(lib, seed, tmp_path / "src") for seed in SEEDS]
    return lib, docs


@pytest.fixture()
def panel(tmp_path: Path) -> tuple[Library, Document]:
    """A document with speakers and timestamps, built without the importers."""
    lib = Library.open(tmp_path / "data")
    parsed = ParsedDocument(
        title="Open models panel",
        kind="panel",
        passages=[
            ParsedPassage("Ada Lovelace", "Welcome. Today we talk about open models and who builds them.", 0.0),
            ParsedPassage("Alan Turing", "I think open weights matter because researchers can inspect them.", 12.5),
            ParsedPassage("Alan Turing", "Closed models hide their failures from everyone.", 20.0),
            ParsedPassage(
                "Grace Hopper", "Tools spread when people can read them. I think open weights matter too.", 31.0
            ),
        ],
    )
    doc = lib.import_parsed(parsed, source=str(tmp_path / "panel.txt"))
    return lib, doc


# -- creating ------------------------------------------------------------------------------------


def test_add_by_exact_words_on_every_seed_round_trips_through_a_fresh_library(
    seeded: tuple[Library, list[tuple[Path, Document]]], tmp_path: Path
) -> None:
    lib, docs = seeded
    made = []
    for path, doc in docs:
        sentences = unique_sentences(lib, doc.id, path.read_text(encoding="utf-8", errors="replace"))
        assert sentences, f"no usable sentence in {path.name}"
        for words in spread(sentences, 3):
            q = add_first(lib, doc.id, words, note=f"note on {path.name}", tags=["seed", path.stem[:3]])
            text = lib.text(doc.id)
            assert q.exact == words
            assert text[q.start : q.end] == words
            assert text[: q.start].endswith(q.prefix) and text[q.end :].startswith(q.suffix)
            assert len(q.prefix) == min(32, q.start)
            assert q.text_hash == lib.document(doc.id).text_hash
            assert q.passage is not None and q.passage.startswith(doc.id + ":")
            assert q.status == "anchored"
            made.append(q)
    again = Library.open(tmp_path / "data").quotes
    assert [q.to_dict() for q in again.list()] == [q.to_dict() for q in made]
    for q in made:
        assert again.get(q.id[:8]).to_dict() == q.to_dict()


def test_add_matches_spacing_case_and_quote_marks_but_stores_the_documents_characters(
    seeded: tuple[Library, list[tuple[Path, Document]]],
) -> None:
    lib, docs = seeded
    path, doc = docs[-1]
    words = next(s for s in unique_sentences(lib, doc.id, path.read_text(encoding="utf-8")) if len(s.split()) >= 8)
    sloppy = "  " + "   ".join(words.upper().split()).replace("\u2019", "'") + "\n"
    q = lib.quotes.add(doc.id, sloppy)
    assert q.exact == words


def test_absent_words_are_one_line_not_found(seeded: tuple[Library, list[tuple[Path, Document]]]) -> None:
    lib, docs = seeded
    with pytest.raises(NotFound) as info:
        lib.quotes.add(docs[-1][1].id, "purple elephants negotiate tariffs on the moon")
    assert "\n" not in str(info.value)
    assert lib.quotes.list() == []


def test_ambiguous_words_list_candidates_and_how_to_pick(seeded: tuple[Library, list[tuple[Path, Document]]]) -> None:
    lib, docs = seeded
    _path, doc = docs[-1]
    text = lib.text(doc.id)
    words = "open source"
    count = text.count(words)
    assert count > 2
    with pytest.raises(Ambiguous) as info:
        lib.quotes.add(doc.id, words)
    message = str(info.value)
    assert "\n" not in message
    assert f"occurs {count} times" in message and "#1" in message and "#2" in message
    assert "--" not in message and info.value.narrow_by == "place"  # the CLI names its flags (sayso.cli.advice)
    candidates = info.value.candidates
    assert len(candidates) == count
    assert [c["start"] for c in candidates] == sorted(c["start"] for c in candidates)
    # --occurrence picks the N-th, --prefix picks by the words before it.
    second = lib.quotes.add(doc.id, words, occurrence=2)
    assert second.start == candidates[1]["start"]
    third = candidates[2]
    before = text[third["start"] - 20 : third["start"]]
    by_prefix = lib.quotes.add(doc.id, words, prefix=before)
    assert by_prefix.start == third["start"]
    assert lib.quotes.list()[-1].id == by_prefix.id
    with pytest.raises(SaysoError):
        lib.quotes.add(doc.id, words, occurrence=count + 1)


def test_a_quote_never_spans_two_speakers(panel: tuple[Library, Document]) -> None:
    lib, doc = panel
    text = lib.text(doc.id)
    with pytest.raises(SaysoError, match="one speaker"):
        lib.quotes.add(doc.id, "who builds them. I think open weights")
    start = text.index("researchers")
    with pytest.raises(SaysoError, match="one speaker"):
        lib.quotes.add_span(doc.id, start, text.index("Tools") + len("Tools"))
    # Two passages of the same speaker are fine.
    q = lib.quotes.add_span(doc.id, start, text.index("failures") + len("failures"))
    assert q.speaker == "Alan Turing" and "\n\n" in q.exact


def test_add_span_trims_and_keeps_speaker_timestamp_and_context(panel: tuple[Library, Document]) -> None:
    lib, doc = panel
    text = lib.text(doc.id)
    start = text.index("Closed models")
    q = lib.quotes.add_span(doc.id, start - 2, start + len("Closed models hide their failures") + 1)
    assert q.exact == "Closed models hide their failures"
    assert (q.start, q.end) == (start, start + len(q.exact))
    assert q.speaker == "Alan Turing" and q.timestamp == 20.0
    assert q.prefix == text[start - 32 : start] and q.suffix == text[q.end : q.end + 32]
    with pytest.raises(SaysoError):
        lib.quotes.add_span(doc.id, 5, 10_000)
    with pytest.raises(SaysoError):
        lib.quotes.add_span(doc.id, text.index("\n\n"), text.index("\n\n") + 2)


# -- reading -----------------------------------------------------------------------------------------


def test_list_filters_by_tag_speaker_document_status_and_fuzzy_text(panel: tuple[Library, Document]) -> None:
    lib, doc = panel
    book = lib.quotes
    a = book.add(doc.id, "open weights matter because", tags=["open", "Research"], note="the inspectability argument")
    b = book.add(doc.id, "Closed models hide their failures", tags=["closed"])
    c = book.add(doc.id, "Tools spread when people can read them", tags=["open"])
    ids = lambda quotes: [q.id for q in quotes]  # noqa: E731
    assert ids(book.list()) == [a.id, b.id, c.id]
    assert ids(book.list(tag="open")) == [a.id, c.id]
    assert ids(book.list(tag="#research")) == [a.id]
    assert ids(book.list(speaker="alan turing")) == [a.id, b.id]
    assert ids(book.list(speaker="Grace")) == [c.id]
    # a user trial: the filter forgives a misspelt name and takes the start of a tag, as search and typing do
    assert ids(book.list(speaker="turnig")) == [a.id, b.id] and ids(book.list(speaker="grase")) == [c.id]
    assert ids(book.list(tag="#res")) == [a.id] and ids(book.list(tag="clo")) == [b.id]
    assert ids(book.list(doc="Open models panel")) == [a.id, b.id, c.id]
    assert ids(book.list(status="needs review")) == []
    assert ids(book.list(text="inspectabilty")) == [a.id]  # typo in the filter
    assert ids(book.list(text="faillures")) == [b.id]
    assert book.tags() == ["open", "closed", "Research"]
    assert book.passages_with_tag("OPEN") == {a.passage, c.passage}
    assert ids(book.quotes_for_document(doc.id)) == [a.id, b.id, c.id]
    assert ids(book.quotes_at(doc.id, b.start)) == [b.id] and book.quotes_at(doc.id, b.end) == []


def test_the_quote_filter_line_lists_what_its_parts_ask_for(panel: tuple[Library, Document]) -> None:
    """The Quotes pane's line (corpus.query.parse_quote_filter) maps onto QuoteBook.list, exclusions included."""
    lib, doc = panel
    book = lib.quotes
    a = book.add(doc.id, "open weights matter because", tags=["open", "Research"], note="the inspectability argument")
    b = book.add(doc.id, "Closed models hide their failures", tags=["closed"])
    c = book.add(doc.id, "Tools spread when people can read them", tags=["open"])

    def listed(line: str) -> list[str]:
        return [q.id for q in book.list(**parse_quote_filter(line).list_kwargs())]

    assert listed("") == [a.id, b.id, c.id]
    assert listed("#open") == listed("tag:open") == [a.id, c.id]
    assert listed('speaker:"Alan Turing" -closed') == [a.id]
    assert listed('tag:open -"read them"') == [a.id]
    assert listed("-inspectability -failures") == [c.id]  # a note's words count too
    assert listed("faillures is:anchored") == [b.id]
    assert listed("is:review") == []


def test_get_by_id_prefix_and_unknown_id(panel: tuple[Library, Document]) -> None:
    lib, doc = panel
    q = lib.quotes.add(doc.id, "Closed models hide")
    assert lib.quotes.get(q.id[:6]).id == q.id
    with pytest.raises(NotFound):
        lib.quotes.get("zzzz")


# -- changing, history and undo ------------------------------------------------------------------------


def test_edit_keeps_the_earlier_version_in_history(panel: tuple[Library, Document], tmp_path: Path) -> None:
    lib, doc = panel
    q = lib.quotes.add(doc.id, "Closed models hide", note="first", tags=["a"])
    lib.quotes.edit(q.id, note="second", add_tags=["b"])
    # A second process (a second Library) saves last: it wins, the earlier one is in history.
    other = Library.open(tmp_path / "data").quotes
    final = other.edit(q.id[:8], note="third", remove_tags=["a"])
    assert final.note == "third" and final.tags == ["b"]
    assert [h["note"] for h in final.history] == ["first", "second"]
    assert [h["tags"] for h in final.history] == [["a"], ["a", "b"]]
    assert lib.quotes.get(q.id).to_dict() == final.to_dict()


def test_remove_and_restore(panel: tuple[Library, Document]) -> None:
    lib, doc = panel
    q = lib.quotes.add(doc.id, "Closed models hide", note="keep me", tags=["x"])
    removed = lib.quotes.remove(q.id[:8])
    assert removed.to_dict() == q.to_dict()
    with pytest.raises(NotFound):
        lib.quotes.get(q.id)
    lib.quotes.restore(removed)
    assert lib.quotes.get(q.id).to_dict() == q.to_dict()


def test_undo_and_redo_every_quote_action(panel: tuple[Library, Document], tmp_path: Path) -> None:
    lib, doc = panel
    book = lib.quotes
    on_disk = lambda: {q.id: (q.note, q.tags) for q in Library.open(tmp_path / "data").quotes.list()}  # noqa: E731
    q = book.add(doc.id, "Closed models hide", note="n1")
    book.edit(q.id, note="n2", add_tags=["t"])
    book.remove(q.id)
    assert on_disk() == {}
    assert book.undo() == f"delete quote {q.id[:8]}"
    assert on_disk() == {q.id: ("n2", ["t"])}
    assert book.undo() == f"edit quote {q.id[:8]}"
    assert on_disk() == {q.id: ("n1", [])}
    assert book.undo() == f"add quote {q.id[:8]}"
    assert on_disk() == {}
    assert book.undo() is None
    assert book.redo() == f"add quote {q.id[:8]}"
    assert on_disk() == {q.id: ("n1", [])}
    assert book.redo() == f"edit quote {q.id[:8]}"
    assert on_disk() == {q.id: ("n2", ["t"])}
    assert book.redo() == f"delete quote {q.id[:8]}"
    assert on_disk() == {}
    assert book.redo() is None
    # A new action after an undo clears what could be redone.
    book.undo()
    book.edit(q.id, note="n3")
    assert not book.undo_log.can_redo


def test_undo_of_reattach_and_keep_detached(panel: tuple[Library, Document]) -> None:
    lib, doc = panel
    q = lib.quotes.add(doc.id, "Closed models hide their failures")
    text = lib.text(doc.id)
    at = text.index("Tools spread")
    moved = lib.quotes.reattach(q.id, at, at + len("Tools spread"))
    assert moved.exact == "Tools spread" and moved.speaker == "Grace Hopper"
    assert moved.history[-1]["exact"] == q.exact
    lib.quotes.undo()
    back = lib.quotes.get(q.id)
    assert (back.exact, back.start, back.speaker) == (q.exact, q.start, q.speaker)
    kept = lib.quotes.keep_detached(q.id)
    assert kept.detached and kept.status == NEEDS_REVIEW
    assert lib.quotes.needs_review() == []
    lib.quotes.undo()
    assert not lib.quotes.get(q.id).detached


def test_undo_log_drops_a_step_whose_inverse_fails() -> None:
    log = UndoLog()

    def boom() -> None:
        raise NotFound("gone")

    log.record("x", undo=boom, redo=lambda: None)
    with pytest.raises(NotFound):
        log.undo()
    assert not log.can_undo and not log.can_redo


# -- verify, removal, speakers, drafts -------------------------------------------------------------------


def test_verify_reports_a_quote_whose_words_no_longer_match(panel: tuple[Library, Document]) -> None:
    lib, doc = panel
    good = lib.quotes.add(doc.id, "Tools spread when people")
    bad = lib.quotes.add(doc.id, "Closed models hide their failures")
    assert all(ok for _, ok, _ in lib.quotes.verify())
    # The passages file changes behind the quotes' back (no re-anchoring).
    passages = lib.passages(doc.id)
    passages[2].text = passages[2].text.replace("hide", "show")
    lib.store.save_passages(doc.id, passages)
    results = {q.id: (ok, msg) for q, ok, msg in lib.quotes.verify()}
    assert results[good.id][0] is True
    assert results[bad.id][0] is False and "now reads" in results[bad.id][1]


def test_removing_a_document_flags_its_quotes_and_keeps_them(panel: tuple[Library, Document]) -> None:
    lib, doc = panel
    q = lib.quotes.add(doc.id, "Closed models hide")
    passages = lib.passages(doc.id)
    lib.remove(doc.id)
    (kept,) = lib.quotes.list()
    assert kept.id == q.id and kept.exact == q.exact and kept.status == NEEDS_REVIEW
    assert "removed" in kept.review_reason
    assert [ok for _, ok, _ in lib.quotes.verify()] == [False]
    assert lib.quotes.list(doc=doc.id[:6]) == [kept]
    # Importing the document again (same source, a sentence added in front) brings the quote back.
    turns = [ParsedPassage("Ada Lovelace", "A new opening line.", None)]
    turns += [ParsedPassage(p.speaker, p.text, p.start) for p in passages]
    lib.import_parsed(ParsedDocument("Open models panel", "panel", turns), source=doc.source)
    back = lib.quotes.get(q.id)
    assert back.status == "anchored" and back.exact == q.exact
    assert lib.text(doc.id)[back.start : back.end] == q.exact and back.start > q.start


def test_speaker_rename_reaches_quotes(panel: tuple[Library, Document]) -> None:
    lib, doc = panel
    q = lib.quotes.add(doc.id, "Closed models hide")
    assert lib.quotes.rename_speaker("Alan Turing", "A. M. Turing") == 1
    assert lib.quotes.get(q.id).speaker == "A. M. Turing"


def test_drafts_are_saved_durably_and_cleared(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "data")
    lib.quotes.save_draft("quote:abc:note", "half a thought\nsecond line")
    lib.quotes.save_draft("new:doc:1-5", "other")
    again = Library.open(tmp_path / "data").quotes
    assert again.drafts() == {"quote:abc:note": "half a thought\nsecond line", "new:doc:1-5": "other"}
    again.clear_draft("new:doc:1-5")
    assert lib.quotes.drafts() == {"quote:abc:note": "half a thought\nsecond line"}
    (tmp_path / "data" / "drafts.json").write_bytes(b"\x00" * 50)
    lib.quotes.save_draft("k", "still saved")
    assert lib.quotes.drafts() == {"k": "still saved"}
    assert list((tmp_path / "data").glob("drafts.json.unreadable-*"))


# -- CLI ----------------------------------------------------------------------------------------------------


def test_cli_add_list_edit_rm_round_trip(
    seeded: tuple[Library, list[tuple[Path, Document]]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lib, docs = seeded
    data = tmp_path / "data"
    added = []
    for path, doc in docs:
        words = unique_sentences(lib, doc.id, path.read_text(encoding="utf-8", errors="replace"))[0]
        occurrence = ["--occurrence", "1"] if lib.text(doc.id).count(words) > 1 else []
        code, out, err = run_cli(
            capsys,
            data,
            "quote",
            "add",
            doc.id,
            "--exact",
            words,
            *occurrence,
            "--note",
            "why",
            "--tag",
            "cli",
            "--tag",
            doc.id[:4],
            "--json",
        )
        assert code == 0, err
        q = json.loads(out)
        assert q["exact"] == words and q["tags"] == ["cli", doc.id[:4]] and q["status"] == "anchored"
        added.append(q)
    code, out, _ = run_cli(capsys, data, "quotes", "--json")
    listed = json.loads(out)
    assert code == 0 and [q["id"] for q in listed] == [q["id"] for q in added]
    for row in listed:
        assert {"id", "document", "speaker", "exact", "note", "tags", "created", "status"} <= set(row)
    code, out, _ = run_cli(capsys, data, "quotes", "--tag", added[0]["document"][:4], "--json")
    assert [q["id"] for q in json.loads(out)] == [added[0]["id"]]
    code, out, _ = run_cli(capsys, data, "quotes", "--doc", added[1]["document"], "--json")
    assert [q["id"] for q in json.loads(out)] == [added[1]["id"]]
    # Issue 14: a filter matching none said "no quotes yet" though quotes exist.
    code, out, _ = run_cli(capsys, data, "quotes", "--tag", "no-such-tag")
    assert code == 0 and out == "no quotes match (`sayso quotes` lists them all)\n"

    code, out, err = run_cli(
        capsys,
        data,
        "quote",
        "edit",
        added[0]["id"][:8],
        "--note",
        "changed",
        "--tag",
        "new",
        "--untag",
        "cli",
        "--json",
    )
    assert code == 0, err
    edited = json.loads(out)
    assert edited["note"] == "changed" and edited["tags"] == [added[0]["document"][:4], "new"]
    code, out, _ = run_cli(capsys, data, "quote", "rm", added[1]["id"][:8])
    assert code == 0 and "removed" in out
    code, out, _ = run_cli(capsys, data, "quotes", "--json")
    assert [q["id"] for q in json.loads(out)] == [added[0]["id"], *[q["id"] for q in added[2:]]]
    code, out, _ = run_cli(capsys, data, "quotes")
    assert code == 0 and "changed" in out and "#new" in out
    code, out, _ = run_cli(capsys, data, "quote", "show", added[0]["id"][:8])
    assert code == 0 and "earlier" in out


def test_cli_errors_are_one_line_and_non_zero(
    seeded: tuple[Library, list[tuple[Path, Document]]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _lib, docs = seeded
    data = tmp_path / "data"
    doc = docs[-1][1]
    for argv in (
        ["quote", "add", doc.id, "--exact", "open source"],
        ["quote", "add", doc.id, "--exact", "nothing like this is in there at all"],
        ["quote", "add", "no-such-document", "--exact", "words"],
        ["quote", "edit", "ffff0000", "--note", "x"],
        ["quote", "rm", "ffff0000"],
    ):
        code, out, err = run_cli(capsys, data, *argv)
        assert code != 0, argv
        assert err.startswith("sayso: error: ") and err.count("\n") == 1, err
        assert "Traceback" not in err
    code, _, err = run_cli(capsys, data, "quote", "add", doc.id, "--exact", "open source")
    assert "--occurrence" in err
    code, out, err = run_cli(
        capsys, data, "quote", "add", doc.id, "--exact", "open source", "--occurrence", "3", "--json"
    )
    assert code == 0 and json.loads(out)["exact"] == "open source"


def test_cli_verify_exits_non_zero_and_names_the_quote(
    panel: tuple[Library, Document], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lib, doc = panel
    bad = lib.quotes.add(doc.id, "Closed models hide their failures")
    lib.quotes.add(doc.id, "Tools spread when people")
    code, out, _ = run_cli(capsys, tmp_path / "data", "quotes", "--verify", "--json")
    assert code == 0 and all(row["ok"] for row in json.loads(out))
    passages = lib.passages(doc.id)
    passages[2].text = passages[2].text.replace("failures", "triumphs")
    lib.store.save_passages(doc.id, passages)
    code, out, _ = run_cli(capsys, tmp_path / "data", "quotes", "--verify", "--json")
    rows = json.loads(out)
    assert code == 1
    assert [r["id"] for r in rows if not r["ok"]] == [bad.id]
    code, out, _ = run_cli(capsys, tmp_path / "data", "quotes", "--verify")
    assert code == 1 and "FAIL" in out and bad.id[:8] in out and "1 no longer match" in out


def test_cli_in_a_real_process_prints_json(panel: tuple[Library, Document], tmp_path: Path) -> None:
    lib, doc = panel
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sayso",
            "--data",
            str(tmp_path / "data"),
            "quote",
            "add",
            doc.id,
            "--exact",
            "open  WEIGHTS matter because",
            "--tag",
            "t",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    q = json.loads(result.stdout)
    assert q["exact"] == "open weights matter because" and q["speaker"] == "Alan Turing"
    assert folded(lib.quotes.get(q["id"]).exact) == "open weights matter because"


def test_returned_quotes_are_copies(panel: tuple[Library, Document]) -> None:
    lib, doc = panel
    q = lib.quotes.add(doc.id, "Closed models hide", tags=["a"])
    listed = lib.quotes.list()[0]
    listed.tags.append("not saved")
    listed.note = "not saved"
    assert lib.quotes.get(q.id).tags == ["a"] and lib.quotes.get(q.id).note == ""


def test_a_failed_save_is_one_clear_error_and_changes_nothing(
    panel: tuple[Library, Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from sayso.corpus.errors import SaveFailed

    lib, doc = panel
    q = lib.quotes.add(doc.id, "Closed models hide", note="kept")
    path = tmp_path / "data" / "quotes.json"
    before = path.read_bytes()

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(SaveFailed) as info:
        lib.quotes.edit(q.id, note="not saved")
    assert "No space left on device" in str(info.value) and "\n" not in str(info.value)
    with pytest.raises(SaveFailed):
        lib.quotes.add(doc.id, "Tools spread")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [(x.id, x.note) for x in lib.quotes.list()] == [(q.id, "kept")]
    assert lib.quotes.undo_log.peek_undo() == f"add quote {q.id[:8]}"  # failed actions are not undoable
    assert lib.quotes.edit(q.id, note="saved now").note == "saved now"


def test_changes_that_change_nothing_do_not_rewrite_the_file(panel: tuple[Library, Document], tmp_path: Path) -> None:
    lib, doc = panel
    q = lib.quotes.add(doc.id, "Closed models hide", note="same", tags=["t"])
    path = tmp_path / "data" / "quotes.json"
    stamp = (path.stat().st_ino, path.stat().st_mtime_ns)
    lib.quotes.edit(q.id, note="same", add_tags=["T"])
    lib.quotes.reanchor_document(doc.id)
    assert lib.quotes.rename_speaker("Nobody Here", "Someone") == 0
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == stamp
    assert lib.quotes.get(q.id).history == []
    assert lib.quotes.undo_log.peek_undo() == f"add quote {q.id[:8]}"


# -- malformed rows (issue 11 item 6) ------------------------------------------------------------------------


def test_a_malformed_quote_row_is_reported_by_id_the_others_work_and_the_next_save_sets_it_aside(
    panel: tuple[Library, Document], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib, doc = panel
    good = lib.quotes.add(doc.id, "Closed models hide", note="keep me")
    no_exact = lib.quotes.add(doc.id, "Welcome")
    null_tags = lib.quotes.add(doc.id, "who builds them")
    data = tmp_path / "data"
    path = data / "quotes.json"
    raw = json.loads(path.read_text())
    for row in raw["quotes"].values():
        if row["id"] == no_exact.id:
            del row["exact"]
        elif row["id"] == null_tags.id:
            row["tags"] = None
    raw["quotes"]["9"] = ["not", "a", "quote"]
    path.write_text(json.dumps(raw))
    bad_rows = [row for row in raw["quotes"].values() if not isinstance(row, dict) or row["id"] != good.id]

    def warnings(err: str) -> list[str]:
        assert "Traceback" not in err
        return [line for line in err.splitlines() if line.startswith("sayso: warning: ")]

    # Listing and exporting work for the good quote, with one line per bad row naming it.
    for argv in (["quotes"], ["quotes", "--json"], ["export", "--format", "csv"], ["quote", "show", good.id[:8]]):
        assert main(["--data", str(data), *argv]) == 0, argv
        out, err = capsys.readouterr()
        assert good.id[:8] in out or "Closed models hide" in out
        assert no_exact.id not in out and "who builds them" not in out
        lines = warnings(err)
        # (an export may also note what the citation style lacks: a note, not a warning about the rows)
        others = [line for line in err.splitlines() if not line.startswith("sayso: note: ")]
        assert len(lines) == 3 and len(others) == 3, err
        assert any(no_exact.id[:8] in line and "'exact'" in line for line in lines)
        assert any(null_tags.id[:8] in line and "'tags'" in line for line in lines)
        assert any("row 9" in line for line in lines)
    assert [q.id for q in Library.open(data).quotes.list()] == [good.id]
    assert path.read_text() == json.dumps(raw)  # reading changes nothing

    # The next save does not carry the bad rows along: they go, intact, to quotes.rejected.json.
    assert main(["--data", str(data), "quote", "edit", good.id[:8], "--note", "edited"]) == 0
    out, err = capsys.readouterr()
    lines = warnings(err)
    assert len(lines) == 3 and all("set aside in quotes.rejected.json" in line for line in lines), err
    saved = json.loads(path.read_text())
    assert [row["id"] for row in saved["quotes"].values()] == [good.id]
    rejected = json.loads((data / "quotes.rejected.json").read_text())["rejected"]
    assert [entry["row"] for entry in rejected.values()] == bad_rows
    assert main(["--data", str(data), "quotes"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "edited" in out


def test_a_passage_id_as_search_prints_it_quotes_the_words_in_that_turn(tmp_path: Path) -> None:
    """`sayso search` shows each hit's passage id (DOC:N): quoting with it takes the words in that turn, even
    where they occur elsewhere too, in another case, and names the turn when they are not in it."""
    source = tmp_path / "talk.txt"
    source.write_text(
        "Ana Silva: we want open data, and open code.\n\nBen Ode: Open is a promise, and it is kept.\n",
        encoding="utf-8",
    )
    lib = Library.open(tmp_path / "data")
    doc = lib.import_file(source)
    hit = lib.search("promise kept")[0]
    assert hit.passage == f"{doc.id}:1"
    quote = lib.quotes.add(hit.passage, "open", note="hers or his?")
    assert (quote.exact, quote.speaker) == ("Open", "Ben Ode")
    with pytest.raises(NotFound, match=r"^'code' is not in passage 2 of 'Talk' \(they are in passage 1\)$"):
        lib.quotes.add(hit.passage, "code")
    with pytest.raises(NotFound, match="has no passage 8"):
        lib.quotes.add(f"{doc.id}:7", "open")
    with pytest.raises(NotFound, match="no document matches 'nothing:1'"):
        lib.quotes.add("nothing:1", "open")
    with pytest.raises(Ambiguous):
        lib.quotes.add(doc.id, "open")  # the whole document: twice in "we want open data, and open code"
    assert [q.exact for q in lib.quotes.list()] == ["Open"]
