"""Statistics (corpus.stats and `sayso stats`) checked against counts made independently here.

Real transcripts from ../shared are imported into a temporary library; the
expected figures are computed in the test from the passages (turns, words)
and, for talk time, from the raw WebVTT cues themselves.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from sayso.cli import main
from sayso.corpus import Library
from sayso.corpus.models import ParsedDocument, ParsedPassage
from sayso.corpus.stats import WORDS_PER_MINUTE, corpus_stats, document_stats, stats_of_passages

REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"
VOICES = REALWORLD / "voices-533.vtt"  # a podcast with <v Name> voices and cue times
DEBATE = REALWORLD / "debate-1960.txt"  # a debate transcript without any timestamps
WHISPERX = REALWORLD / "whisperx-seattle-school-board-a95KMDHf4vQ.json"

pytestmark = pytest.mark.skipif(not VOICES.exists(), reason="../shared/realworld is not here")


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Library:
    library = Library.open(tmp_path_factory.mktemp("stats") / "data")
    library.import_paths([VOICES, DEBATE, WHISPERX])
    return library


def doc_of(lib: Library, source: Path) -> str:
    return next(d.id for d in lib.documents() if Path(d.source).name == source.name)


def vtt_talk_time(path: Path) -> dict[str, float]:
    """Each voice's talk time read straight from the cues: a run of cues by one voice spans its first
    cue's start to its last cue's end (the run is one turn), and turns are summed per voice.  A cue
    without a voice (the closing song's lyrics) continues the last voice, as the README says of
    unlabelled paragraphs."""

    def seconds(stamp: str) -> float:
        parts = [float(x) for x in stamp.replace(",", ".").split(":")]
        return sum(v * 60**i for i, v in enumerate(reversed(parts)))

    found = re.findall(
        r"^([\d:.]+) --> ([\d:.]+)[^\n]*\n(?:<v ([^>]+)>)?", path.read_text(encoding="utf-8"), flags=re.MULTILINE
    )
    cues = []
    for start, end, voice in found:
        cues.append((start, end, voice or cues[-1][2]))
    assert len(cues) > 1000 and sum(1 for c in found if not c[2]) < 20
    totals: dict[str, float] = defaultdict(float)
    for voice, run in itertools.groupby(cues, key=lambda c: c[2]):
        cues_of_turn = list(run)
        totals[voice] += seconds(cues_of_turn[-1][1]) - seconds(cues_of_turn[0][0])
    return dict(totals)


def independent_counts(lib: Library, doc_id: str) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Turns (runs of passages by one speaker), words and longest turn per speaker, from the passages."""
    turns: dict[str, int] = defaultdict(int)
    words: dict[str, int] = defaultdict(int)
    longest: dict[str, int] = defaultdict(int)
    for speaker, run in itertools.groupby(lib.passages(doc_id), key=lambda p: p.speaker):
        n = sum(len(p.text.split()) for p in run)
        if speaker is None:
            continue
        turns[speaker] += 1
        words[speaker] += n
        longest[speaker] = max(longest[speaker], n)
    return dict(turns), dict(words), dict(longest)


def test_a_timed_podcast_matches_its_cues(lib: Library) -> None:
    doc = lib.document(doc_of(lib, VOICES))
    figures = document_stats(lib, doc)
    turns, words, longest = independent_counts(lib, doc.id)
    expected_time = vtt_talk_time(VOICES)
    assert {s.name for s in figures.speakers} == set(turns) == set(expected_time)
    for s in figures.speakers:
        assert (s.turns, s.words, s.longest_turn_words) == (turns[s.name], words[s.name], longest[s.name]), s.name
        assert s.seconds == pytest.approx(expected_time[s.name], abs=0.01), s.name
        assert not s.estimated
    assert figures.share_basis == "time" and not figures.estimated
    total = sum(expected_time.values())
    host = max(expected_time, key=lambda v: expected_time[v])
    assert figures.speakers[0].name == host
    assert figures.speakers[0].share == pytest.approx(expected_time[host] / total)
    assert sum(s.share for s in figures.speakers) == pytest.approx(1.0)
    assert figures.words == doc.words and figures.passages == doc.passages
    # The timeline covers the document end to end in turns, by time.
    assert figures.timeline_basis == "time"
    assert [t.passage for t in figures.timeline] == sorted(t.passage for t in figures.timeline)
    assert sum(t.passages for t in figures.timeline) == doc.passages


def test_an_untimed_debate_is_estimated_from_words_and_shared_by_words(lib: Library) -> None:
    doc = lib.document(doc_of(lib, DEBATE))
    figures = document_stats(lib, doc)
    turns, words, longest = independent_counts(lib, doc.id)
    assert {s.name: s.turns for s in figures.speakers} == turns
    assert {s.name: s.words for s in figures.speakers} == words
    assert {s.name: s.longest_turn_words for s in figures.speakers} == longest
    assert figures.share_basis == "words" and figures.estimated and figures.timeline_basis == "words"
    spoken = sum(words.values())
    for s in figures.speakers:
        assert s.estimated and s.estimated_seconds == s.seconds
        assert s.seconds == pytest.approx(words[s.name] * 60 / WORDS_PER_MINUTE)
        assert s.share == pytest.approx(words[s.name] / spoken)
    assert [s.share for s in figures.speakers] == sorted((s.share for s in figures.speakers), reverse=True)


def test_talk_time_runs_to_the_next_start_when_a_passage_has_no_end_and_is_estimated_without_either(
    tmp_path: Path,
) -> None:
    lib = Library.open(tmp_path / "data")
    parsed = ParsedDocument(
        title="Mixed",
        kind="panel",
        passages=[
            ParsedPassage("Ada Park", "One two three.", start=10.0, end=14.0),  # own end: 4 s
            ParsedPassage("Ben Cho", "Four five.", start=20.0),  # no end: until the next start, 10 s
            ParsedPassage("Ada Park", "Six seven eight nine ten.", start=30.0),  # neither: 5 words at 150/min
        ],
    )
    doc = lib.import_parsed(parsed, source="mixed.txt")
    figures = document_stats(lib, doc)
    by_name = {s.name: s for s in figures.speakers}
    assert by_name["Ben Cho"].seconds == pytest.approx(10.0) and not by_name["Ben Cho"].estimated
    assert by_name["Ada Park"].seconds == pytest.approx(4.0 + 2.0)
    assert by_name["Ada Park"].estimated_seconds == pytest.approx(2.0) and by_name["Ada Park"].estimated
    # One estimate is enough to share by words rather than time.
    assert figures.share_basis == "words"
    assert by_name["Ada Park"].share == pytest.approx(8 / 10)
    assert by_name["Ada Park"].turns == 2 and by_name["Ada Park"].longest_turn_words == 5
    assert by_name["Ada Park"].longest_turn_passage == 2
    # The same figures from passages already in memory (the app's way).
    again = stats_of_passages(doc, lib.passages(doc.id))
    assert [s.to_dict() for s in again.speakers] == [s.to_dict() for s in figures.speakers]


def test_a_turn_is_a_run_of_passages_by_one_speaker(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "data")
    said = [("Ada Park", "One two."), ("Ada Park", "Three four five."), ("Ben Cho", "Six."), ("Ada Park", "Seven.")]
    doc = lib.import_parsed(
        ParsedDocument(title="Runs", kind="panel", passages=[ParsedPassage(s, t) for s, t in said]), source="r.txt"
    )
    ada = next(s for s in document_stats(lib, doc).speakers if s.name == "Ada Park")
    assert (ada.turns, ada.passages, ada.words, ada.longest_turn_words, ada.longest_turn_passage) == (2, 3, 6, 5, 0)
    assert [t.speaker for t in document_stats(lib, doc).timeline] == ["Ada Park", "Ben Cho", "Ada Park"]


def test_one_person_across_documents_first_and_last_by_date(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "data")
    for title, date in [("Later", "2024-05-01"), ("Earlier", "2021-03"), ("Undated", None)]:
        lib.import_parsed(
            ParsedDocument(
                title=title,
                kind="panel",
                date=date,
                passages=[ParsedPassage("Ada Park", f"{title} words here."), ParsedPassage("Ben Cho", "Yes.")],
            ),
            source=f"{title}.txt",
        )
    totals, per_doc = corpus_stats(lib)
    ada = next(p for p in totals.people if p.name == "Ada Park")
    assert ada.documents == 3 and ada.turns == 3 and ada.words == 9
    assert ada.first is not None and ada.first.title == "Earlier"
    assert ada.last is not None and ada.last.title == "Later"
    assert totals.documents == 3 and len(per_doc) == 3
    assert ada.share == pytest.approx(9 / 12)


def test_a_placeholder_speaker_is_a_different_person_in_each_document(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "data")
    for title in ("One", "Two"):
        lib.import_parsed(
            ParsedDocument(title=title, kind="panel", passages=[ParsedPassage("Unknown Speaker", "Hello there.")]),
            source=f"{title}.txt",
        )
    totals, _ = corpus_stats(lib)
    assert [p.documents for p in totals.people] == [1, 1]


# -- the command line ---------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_cli_document_table_and_json(lib: Library, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(lib.data_dir)
    doc_id = doc_of(lib, DEBATE)
    rc, out, err = run(capsys, "--data", data, "stats", doc_id)
    assert rc == 0 and not err
    assert out.splitlines()[3].split() == ["person", "turns", "words", "talk", "share", "longest", "turn"]
    _turns, words, _ = independent_counts(lib, doc_id)
    nixon = next(line for line in out.splitlines() if line.startswith("Mr. Nixon"))
    assert f"{words['Mr. Nixon']:,}" in nixon and "~" in nixon  # estimated time is marked
    assert "share of the words" in out and f"{WORDS_PER_MINUTE} words a minute" in out

    rc, out, _ = run(capsys, "--data", data, "stats", doc_id, "--json")
    got = json.loads(out)
    assert {s["name"]: s["words"] for s in got["speakers"]} == words
    assert got["share_basis"] == "words" and got["estimated"] is True

    rc, out, _ = run(capsys, "--data", data, "stats", doc_of(lib, VOICES), "--json")
    got = json.loads(out)
    assert got["share_basis"] == "time" and got["estimated"] is False
    expected = vtt_talk_time(VOICES)
    assert {s["name"]: round(s["seconds"], 2) for s in got["speakers"]} == pytest.approx(
        {k: round(v, 2) for k, v in expected.items()}, abs=0.02
    )


def test_cli_corpus_and_one_speaker(lib: Library, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(lib.data_dir)
    rc, out, _ = run(capsys, "--data", data, "stats")
    assert rc == 0 and out.startswith("3 documents,")
    assert "Michael Kennedy" in out and "docs" in out.splitlines()[2]
    rc, out, _ = run(capsys, "--data", data, "stats", "--json")
    got = json.loads(out)
    assert got["documents"] == 3 and len(got["per_document"]) == 3
    assert got["words"] == sum(d.words for d in lib.documents())

    rc, out, _ = run(capsys, "--data", data, "stats", "--speaker", "nixon")
    assert rc == 0 and out.startswith("Mr. Nixon\n") and "Debate 1960" in out
    rc, out, _ = run(capsys, "--data", data, "stats", "--speaker", "nixon", "--json")
    got = json.loads(out)
    _turns, words, _ = independent_counts(lib, doc_of(lib, DEBATE))
    assert got["speaker"]["words"] == words["Mr. Nixon"] and len(got["documents"]) == 1


def test_cli_errors_are_one_line_with_the_closest_names(lib: Library, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(lib.data_dir)
    rc, out, err = run(capsys, "--data", data, "stats", "no such document at all")
    assert rc == 1 and not out and err.count("\n") == 1 and "no document matches" in err
    rc, out, err = run(capsys, "--data", data, "stats", "--speaker", "nixn")
    assert rc == 1 and err.count("\n") == 1 and "closest: Mr. Nixon" in err
    rc, out, err = run(capsys, "--data", data, "stats", doc_of(lib, VOICES), "--speaker", "nixon")
    assert rc == 1 and err.count("\n") == 1 and "in " in err and "Michael Kennedy" in err


def test_cli_shows_hostile_names_visibly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = Library.open(tmp_path / "data")
    lib.import_parsed(
        ParsedDocument(
            title="Evil\x1b[31m title", kind="panel", passages=[ParsedPassage("Ada\x1b]0;pwned\x07 Park", "Hi there.")]
        ),
        source="evil.txt",
    )
    rc, out, _ = run(capsys, "--data", str(tmp_path / "data"), "stats")
    assert rc == 0 and "\x1b" not in out and "\x07" not in out and "␛" in out
    rc, out, _ = run(capsys, "--data", str(tmp_path / "data"), "stats", "--json")
    assert "\x1b" not in out and json.loads(out)["people"][0]["name"].startswith("Ada\x1b")


def test_a_share_too_small_to_round_to_a_percent_is_shown_as_under_one() -> None:
    """In a large library everyone's share rounded to "0%", as if they had said nothing."""
    from sayso.corpus.stats import percent

    assert [percent(s) for s in (0.0, 0.001, 0.005, 0.0051, 0.42, 1.0)] == ["0%", "<1%", "<1%", "1%", "42%", "100%"]
