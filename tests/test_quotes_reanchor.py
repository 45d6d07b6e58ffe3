"""Re-anchoring: each seed is quoted, edited (typo fixed, sentence inserted before a quote,
whitespace reflowed, passage deleted, paragraph added) and re-imported.

Every quote whose words still exist stays on the same words at correct new
positions; the quote whose passage was deleted goes to review with its words
kept; none is lost.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_quotes import SEEDS, add_first, run_cli, spread, unique_sentences

from sayso.corpus.anchoring import folded
from sayso.corpus.fuzzy import partial_similarity
from sayso.corpus.library import Library
from sayso.corpus.models import ParsedDocument, ParsedPassage
from sayso.corpus.quotes import ANCHORED, NEEDS_REVIEW

INSERTED = "This sentence was inserted before the quote. "
NEW_PARAGRAPH = "A new paragraph was added in the middle of the file by an editor."


def make_typo(sentence: str) -> str | None:
    """The sentence with two letters of its longest word swapped (a typo to be fixed later)."""
    words = sorted(re.findall(r"[A-Za-z]{6,}", sentence), key=len, reverse=True)
    for word in words:
        if word[2] != word[3]:
            bad = word[:2] + word[3] + word[2] + word[4:]
            return sentence.replace(word, bad, 1)
    return None


def lines_with(raw: str, words: str) -> set[int]:
    return {i for i, line in enumerate(raw.split("\n")) if words in line}


def plan(raw: str, sentences: list[str]) -> dict[str, str]:
    """Pick a sentence for each role: inserted-before, typo, reflowed, deleted, and two left alone."""
    usable = [s for s in sentences if not any(s != o and (s in o or o in s) for o in sentences)]
    roles: dict[str, str] = {}
    typo_ok = [s for s in usable if make_typo(s) and raw.count(make_typo(s) or "") == 0]
    assert typo_ok, "no sentence to put a typo in"
    roles["typo"] = typo_ok[len(typo_ok) // 2]
    rest = [s for s in usable if s != roles["typo"]]
    for role, sentence in zip(("insert", "reflow", "plain1", "plain2"), spread(rest, 4)):
        roles[role] = sentence
    taken = set(roles.values())
    kept_lines = set().union(*(lines_with(raw, s) for s in taken))
    spare = [s for s in usable if s not in taken]
    # Prefer deleting a whole line that holds no other quote; else delete just the sentence.
    spare.sort(key=lambda s: bool(lines_with(raw, s) & kept_lines))
    for sentence in spare:
        edited = delete(raw, sentence, kept_lines)
        if partial_similarity(folded(sentence), folded(edited)) < 0.75:
            roles["delete"] = sentence
            break
    assert "delete" in roles, "no sentence whose deletion leaves nothing like it"
    return roles


def delete(raw: str, sentence: str, kept_lines: set[int]) -> str:
    lines = raw.split("\n")
    mine = lines_with(raw, sentence)
    if mine & kept_lines:
        return raw.replace(sentence, "")
    return "\n".join(line for i, line in enumerate(lines) if i not in mine)


def edit(raw: str, roles: dict[str, str]) -> str:
    """The corrected re-transcription: every edit a real re-import brings."""
    kept_lines = set().union(*(lines_with(raw, s) for r, s in roles.items() if r != "delete"))
    text = delete(raw, roles["delete"], kept_lines)
    text = text.replace(roles["insert"], INSERTED + roles["insert"])
    text = text.replace(roles["reflow"], roles["reflow"].replace(" ", "  "))
    lines = text.split("\n")
    quoted = [any(s in line for s in roles.values()) for line in lines]
    # Reflow a whole unquoted line too, and add a paragraph in the middle.
    for i, line in enumerate(lines):
        if not quoted[i] and len(line.split()) > 10:
            lines[i] = re.sub(r" ", "  ", line)
            break
    middle = len(lines) // 2
    lines[middle:middle] = ["", NEW_PARAGRAPH, ""]
    return "\n".join(lines)


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name[:3] for s in SEEDS])
def test_reimport_with_edits_keeps_every_quote_it_can(
    seed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = seed.read_text(encoding="utf-8")
    scratch = Library.open(tmp_path / "scratch")
    pristine = tmp_path / "pristine" / "doc.txt"
    pristine.parent.mkdir()
    pristine.write_text(raw, encoding="utf-8")
    sentences = unique_sentences(scratch, scratch.import_file(pristine).id, raw)
    roles = plan(raw, sentences)
    typo = make_typo(roles["typo"])
    assert typo is not None

    # The first import carries a typo; the quotes are taken on it.
    data = tmp_path / "data"
    lib = Library.open(data)
    source = tmp_path / "src" / "doc.txt"
    source.parent.mkdir()
    source.write_text(raw.replace(roles["typo"], typo), encoding="utf-8")
    doc = lib.import_file(source)
    quotes = {}
    for role, sentence in roles.items():
        words = typo if role == "typo" else sentence
        quotes[role] = add_first(lib, doc.id, words, note=f"{role} note", tags=[role])
    before = {q.id for q in lib.quotes.list()}

    # The corrected file replaces it: re-import re-anchors.
    source.write_text(edit(raw, roles), encoding="utf-8")
    again = lib.import_file(source)
    assert again.id == doc.id
    text = lib.text(doc.id)
    assert text != scratch.text(scratch.documents()[0].id)
    after = {q.id: q for q in Library.open(data).quotes.list()}
    assert set(after) == before, "a quote was lost"

    for role in ("insert", "plain1", "plain2"):
        q = after[quotes[role].id]
        assert q.status == ANCHORED, (role, q.review_reason)
        assert q.exact == roles[role], role
        assert text[q.start : q.end] == q.exact, role
        assert q.note == f"{role} note" and q.tags == [role]
    assert after[quotes["insert"].id].start != quotes["insert"].start

    reflowed = after[quotes["reflow"].id]
    assert reflowed.status == ANCHORED, reflowed.review_reason
    assert folded(reflowed.exact) == folded(roles["reflow"])
    assert text[reflowed.start : reflowed.end] == reflowed.exact

    # The typo's fix changed the quoted words: the quote keeps the words the user quoted and waits
    # for review with the corrected words as the suggestion (issue 11 item 9b).
    fixed = after[quotes["typo"].id]
    assert fixed.status == NEEDS_REVIEW and fixed.exact == typo
    assert (fixed.start, fixed.end) == (quotes["typo"].start, quotes["typo"].end)
    assert (
        fixed.suggestion
        and roles["typo"] in text
        and partial_similarity(folded(fixed.suggestion["exact"]), folded(roles["typo"])) > 0.9
    )

    gone = after[quotes["delete"].id]
    assert gone.status == NEEDS_REVIEW
    assert gone.exact == roles["delete"] and gone.note == "delete note"
    assert gone.review_reason
    assert {q.id for q in lib.quotes.needs_review()} == {gone.id, fixed.id}

    verdict = {q.id: ok for q, ok, _ in lib.quotes.verify()}
    assert verdict.pop(gone.id) is False
    assert verdict.pop(fixed.id) is False
    assert all(verdict.values())
    code, out, _ = run_cli(capsys, data, "quotes", "--verify", "--json")
    assert code == 1 and {r["id"] for r in json.loads(out) if not r["ok"]} == {gone.id, fixed.id}
    code, out, _ = run_cli(capsys, data, "quotes", "--review", "--json")
    assert {r["id"] for r in json.loads(out)} == {gone.id, fixed.id}
    after[fixed.id] = accepted = lib.quotes.accept_suggestion(fixed.id)
    assert accepted.status == ANCHORED and text[accepted.start : accepted.end] == accepted.exact
    assert accepted.history and accepted.history[-1]["exact"] == typo

    # Importing the same corrected file again changes nothing.
    lib.import_file(source)
    assert {q.id: q.to_dict() for q in lib.quotes.list()} == {k: v.to_dict() for k, v in after.items()}


def test_deleted_passage_restored_by_a_later_import_is_anchored_again(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "data")
    turns = [
        ParsedPassage("Ann", "We should publish the weights so others can check our work.", 1.0),
        ParsedPassage("Bob", "Publishing them lets anyone remove the safeguards we built.", 9.0),
        ParsedPassage("Ann", "Then we need better safeguards, not more secrecy.", 15.0),
    ]
    source = str(tmp_path / "talk.txt")
    doc = lib.import_parsed(ParsedDocument("Talk", "panel", turns), source=source)
    q = lib.quotes.add(doc.id, "lets anyone remove the safeguards")
    lib.import_parsed(ParsedDocument("Talk", "panel", [turns[0], turns[2]]), source=source)
    assert lib.quotes.get(q.id).status == NEEDS_REVIEW
    lib.import_parsed(ParsedDocument("Talk", "panel", turns), source=source)
    back = lib.quotes.get(q.id)
    assert back.status == ANCHORED and back.exact == q.exact and (back.start, back.end) == (q.start, q.end)


def test_reattributed_passage_moves_quote_speaker_and_keeps_history(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "data")
    source = str(tmp_path / "talk.txt")
    first = [
        ParsedPassage("Ann", "Intro words here."),
        ParsedPassage("Ann", "Open weights let researchers inspect models."),
    ]
    doc = lib.import_parsed(ParsedDocument("Talk", "panel", first), source=source)
    q = lib.quotes.add(doc.id, "Open weights let researchers inspect models.")
    fixed = [first[0], ParsedPassage("Bob", "Open weights let researchers inspect models.")]
    lib.import_parsed(ParsedDocument("Talk", "panel", fixed), source=source)
    moved = lib.quotes.get(q.id)
    assert moved.status == ANCHORED and moved.speaker == "Bob"
    assert moved.history[-1]["speaker"] == "Ann"


def test_rewritten_words_go_to_review_with_a_suggestion_and_can_be_accepted(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "data")
    source = str(tmp_path / "talk.txt")
    doc = lib.import_parsed(
        ParsedDocument(
            "Talk", "panel", [ParsedPassage("Ann", "We think the risk is small but real, and we watch it.")]
        ),
        source=source,
    )
    q = lib.quotes.add(doc.id, "the risk is small but real")
    lib.import_parsed(
        ParsedDocument(
            "Talk", "panel", [ParsedPassage("Ann", "We think the danger is small yet real, and we watch it.")]
        ),
        source=source,
    )
    pending = lib.quotes.get(q.id)
    assert pending.status == NEEDS_REVIEW and pending.exact == q.exact
    assert (pending.start, pending.end) == (q.start, q.end)  # never silently moved
    assert pending.suggestion is not None and "real" in pending.suggestion["exact"]
    accepted = lib.quotes.accept_suggestion(q.id)
    assert accepted.status == ANCHORED and lib.text(doc.id)[accepted.start : accepted.end] == accepted.exact
    assert accepted.history[-1]["exact"] == q.exact


def test_reimport_never_moves_a_quote_onto_other_words_and_says_how_many_need_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 11 item 9b: "archive" fixed to "arXiv," took a quote along (96% alike, a comma it never had)."""
    source = tmp_path / "talk.txt"
    source.write_text(
        "Ann: We put the paper on archive and the preprint server took it within a day.\n\n"
        "Bob: Well, honestly, we never expected that many readers so soon.\n\n"
        "Ann: Open review helped us more than the conference did.\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    code, _, _ = run_cli(capsys, data, "import", str(source))
    assert code == 0
    lib = Library.open(data)
    doc = lib.documents()[0]
    typo = lib.quotes.add(doc.id, "put the paper on archive and the preprint server took it")
    comma = lib.quotes.add(doc.id, "Well, honestly, we never expected that many readers")
    moved = lib.quotes.add(doc.id, "Open review helped us more than the conference did.")
    source.write_text(
        "Ann: We put the paper on arXiv, and the preprint server took it within a day.\n\n"
        "Bob: Well honestly, we never expected that many readers so soon.\n\n"
        "Cy: A new turn before the last one.\n\n"
        "Ann: Open review helped us more than the conference did.\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, data, "import", str(source))
    assert code == 0 and "2 quotes need review" in out, out

    book = Library.open(data).quotes
    text = Library.open(data).text(doc.id)
    for original in (typo, comma):
        q = book.get(original.id)
        assert q.status == NEEDS_REVIEW, q.to_dict()
        assert (q.exact, q.start, q.end) == (original.exact, original.start, original.end)  # the user's words kept
        assert q.suggestion and q.suggestion["exact"] != original.exact  # the new words offered, not taken
        assert text[q.suggestion["start"] : q.suggestion["end"]] == q.suggestion["exact"]
    assert "arXiv," in book.get(typo.id).suggestion["exact"]
    again = book.get(moved.id)
    assert again.status == ANCHORED and again.exact == moved.exact and again.start > moved.start
    verdict = {q.id: ok for q, ok, _ in book.verify()}
    assert verdict == {typo.id: False, comma.id: False, moved.id: True}

    # --json carries the count too; an unchanged re-import still says which quotes wait.
    code, out, _ = run_cli(capsys, data, "import", str(source), "--json")
    assert json.loads(out)["review"] == 2


def test_reimport_never_anchors_a_quote_inside_a_longer_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A user trial: "the next reader" became "the next readers"; the quote re-anchored on the letters
    inside "readers" and stayed anchored (`»…the next reader«s`). The same characters inside a longer
    word are other words: the quote goes to review, offering the whole new words."""
    source = tmp_path / "talk.txt"
    source.write_text(
        "Ann: The archive is for the next reader, always.\n\nBob: And for the one after that.\n", encoding="utf-8"
    )
    data = tmp_path / "data"
    code, _, _ = run_cli(capsys, data, "import", str(source))
    assert code == 0
    lib = Library.open(data)
    doc = lib.documents()[0]
    quote = lib.quotes.add(doc.id, "The archive is for the next reader")
    source.write_text(
        "Ann: The archive is for the next readers, always.\n\nBob: And for the one after that.\n", encoding="utf-8"
    )
    code, out, _ = run_cli(capsys, data, "import", str(source))
    assert code == 0 and "1 quote needs review" in out, out
    again = Library.open(data).quotes.get(quote.id)
    assert again.status == NEEDS_REVIEW, again.to_dict()
    assert again.exact == quote.exact
    assert again.suggestion and again.suggestion["exact"].endswith("readers"), again.suggestion


def test_a_review_suggestion_takes_in_the_words_at_its_edges(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A user trial: "who pays for the boxes" became "who is paying for the boxes" and the suggestion
    (which `r` attaches to) was "is paying for the boxes", without "who"."""
    source = tmp_path / "talk.txt"
    source.write_text(
        "Ann: Then came the question of who pays for the boxes, at every meeting.\n\nBob: Nobody knew.\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    assert run_cli(capsys, data, "import", str(source))[0] == 0
    lib = Library.open(data)
    quote = lib.quotes.add(lib.documents()[0].id, "who pays for the boxes")
    source.write_text(
        "Ann: Then came the question of who is paying for the boxes, at every meeting.\n\nBob: Nobody knew.\n",
        encoding="utf-8",
    )
    assert run_cli(capsys, data, "import", str(source))[0] == 0
    again = Library.open(data).quotes.get(quote.id)
    assert again.status == NEEDS_REVIEW
    assert again.suggestion and again.suggestion["exact"] == "who is paying for the boxes", again.suggestion
