"""Large documents: a 10 MB single-line transcript and a 200,000-line transcript import through the real
importers, and the app opens each, jumps to the end (G) and back (g) and still answers keys.

Times are bounded loosely (a hang or a quadratic blow-up fails; a slow machine does not); the performance
floors themselves are measured by the benchmarks in bench/, not asserted here.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from tui_support import screen_text

from sayso.corpus.library import Library

pytestmark = pytest.mark.slow

#: Generous ceilings for one import and for opening one document (a hang or blow-up, not a benchmark).
IMPORT_CEILING_S = 120.0
OPEN_CEILING_S = 60.0
WORDS = [
    "archive",
    "keeps",
    "every",
    "word",
    "that",
    "people",
    "said",
    "about",
    "models",
    "and",
    "data",
    "in",
    "long",
    "careful",
    "sentences",
]


def one_line_document(size: int, *, capitalised: bool = True) -> str:
    """`size` characters on one line: a label, then sentences (full stops), no newline inside.

    Without `capitalised` every sentence starts in lower case (as speech-to-text often writes),
    so no sentence end is a sure one.
    """
    rng = random.Random(7)
    parts = ["Ada Park: "]
    length = len(parts[0])
    n = 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))) + f" number {n}. "
        parts.append(sentence.capitalize() if capitalised else sentence)
        length += len(sentence)
        n += 1
    return "".join(parts)[:size].rstrip() + (" The very end." if capitalised else " the very end.")


def many_lines_document(lines: int) -> str:
    speakers = ("Ada Park", "Ben Cho", "Chair")
    return (
        "Hearing on archives\n\n"
        + "\n".join(
            f"{speakers[i % 3]}: Line {i} of the long hearing, with a few ordinary words." for i in range(lines)
        )
        + "\n"
    )


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, float]]:
    folder = tmp_path_factory.mktemp("big")
    src = folder / "src"
    src.mkdir()
    (src / "one-line.txt").write_text(one_line_document(10_000_000), encoding="utf-8")
    (src / "many-lines.txt").write_text(many_lines_document(200_000), encoding="utf-8")
    (src / "lower-case-line.txt").write_text(one_line_document(10_000_000, capitalised=False), encoding="utf-8")
    for name in ("one-line.txt", "lower-case-line.txt"):
        assert (src / name).stat().st_size >= 10_000_000
        assert (src / name).read_bytes().count(b"\n") == 0
    lib = Library.open(folder / "data")
    ids: dict[str, str] = {}
    took: dict[str, float] = {}
    for name in ("one-line.txt", "many-lines.txt", "lower-case-line.txt"):
        t0 = time.monotonic()
        report = lib.import_paths([src / name])
        took[name] = time.monotonic() - t0
        assert report.errors == [] and len(report.documents) == 1, report.errors
        ids[name] = report.documents[0].id
    return folder / "data", ids, took


def test_both_import_completely_within_a_loose_bound(
    big_library: tuple[Path, dict[str, str], dict[str, float]],
) -> None:
    data, ids, took = big_library
    lib = Library.open(data)
    for name, seconds in took.items():
        assert seconds < IMPORT_CEILING_S, f"{name} took {seconds:.1f}s to import"
    one = lib.passages(ids["one-line.txt"])
    text = "\n\n".join(p.text for p in one)
    assert len(text) >= 9_900_000 and text.rstrip().endswith("The very end.")
    assert "number 0." in text and "number 1000." in text
    # Sentences that start in lower case are no sure sentence ends, yet the line is still cut into
    # passages of readable size (at full stops), every word kept in order.
    lower = lib.passages(ids["lower-case-line.txt"])
    assert len(lower) > 1000 and max(len(p.text.split()) for p in lower) <= 2_000
    assert " ".join(p.text for p in lower) == one_line_document(10_000_000, capitalised=False)
    many = lib.passages(ids["many-lines.txt"])
    joined = "\n".join(p.text for p in many)
    for i in (0, 1, 99_999, 199_999):
        assert f"Line {i} of the long hearing" in joined
    assert joined.count("of the long hearing") == 200_000  # every line kept, none twice
    assert {p.speaker for p in many} == {"Ada Park", "Ben Cho", "Chair"}


async def _settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("name", ["many-lines.txt", "one-line.txt", "lower-case-line.txt"])
async def test_app_opens_jumps_to_the_end_and_back(
    big_library: tuple[Path, dict[str, str], dict[str, float]], name: str
) -> None:
    from sayso.tui.app import SaysoApp

    data, ids, _ = big_library
    app = SaysoApp(Library.open(data))
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        screen = app.screen
        t0 = time.monotonic()
        screen.open_document(ids[name])
        await _settle(app, pilot)
        assert time.monotonic() - t0 < OPEN_CEILING_S
        reader = screen.reader
        assert reader.document is not None and reader.document.id == ids[name]
        screen.action_show_pane("reader")
        await pilot.pause()
        last = len(reader.passages) - 1
        first_screen = "\n".join(screen_text(reader))
        await pilot.press("G")
        await pilot.pause()
        assert reader.passage == last
        end_screen = "\n".join(screen_text(reader))
        if name == "many-lines.txt":
            assert "Line 199999 of the long hearing" in end_screen
        else:
            # The essay line was split into readable passages; the cursor's (last) passage is on screen.
            assert len(reader.passages) > 1000
            assert reader.passages[last].text.endswith(("The very end.", "the very end."))
            opening = " ".join(reader.passages[last].text.split()[:2])
            assert opening in end_screen
        await pilot.press("g")
        await pilot.pause()
        assert reader.passage == 0
        assert "\n".join(screen_text(reader)) == first_screen
        # Still answering keys: move on by sentence/turn, page down, and the help screen opens and closes.
        before = (reader.passage, reader.sentence_span)
        await pilot.press("j")
        await pilot.pause()
        assert (reader.passage, reader.sentence_span) != before
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen is not screen
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.is_running


# -- memory --------------------------------------------------------------------------------------------------

#: Peak memory of an import as a multiple of the file's size (issue 11: 2.2 GB for a 50 MB transcript).
MEMORY_FACTOR = 5


def peak_rss_of(argv: list[str]) -> int:
    """Peak resident memory, in bytes, of a child process running `argv` (it must succeed).

    The child runs under a wrapper process of its own, whose `RUSAGE_CHILDREN` peak is therefore the
    child's alone, whatever ran earlier in this test process.
    """
    import subprocess
    import sys

    code = (
        "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "sys.stderr.write(done.stderr); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(done.returncode)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, sys.executable, *argv],
        capture_output=True,
        text=True,
        timeout=IMPORT_CEILING_S * 2,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout) * 1024


def paragraph_turns(size: int) -> str:
    """About `size` characters of turns a few sentences long, one paragraph each, as people talk."""
    rng = random.Random(3)
    speakers = ("Ada Park", "Ben Cho", "Chair")
    parts = ["Hearing on archives"]
    length = 0
    while length < size:
        turn = f"{speakers[len(parts) % 3]}: " + " ".join(
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))).capitalize() + "."
            for _ in range(rng.randint(2, 8))
        )
        parts.append(turn)
        length += len(turn) + 2
    return "\n\n".join(parts) + "\n"


#: The importers' own peak while parsing, as a multiple of the file (the bytes read and the text included);
#: counting letters with a list per letter made it 11x.
PARSE_FACTOR = 7


def test_parsing_a_large_transcript_holds_a_few_times_its_text(tmp_path: Path) -> None:
    """The importers' share of an import (read, decode, infer speakers, cut passages): Python's peak
    allocation while parsing a 4 MB transcript stays within PARSE_FACTOR times the file."""
    import subprocess
    import sys

    path = tmp_path / "talk.txt"
    path.write_text(paragraph_turns(4_000_000), encoding="utf-8")
    code = (
        "import sys, tracemalloc; from pathlib import Path; from corpus.importers import parse_path; "
        "tracemalloc.start(); doc = parse_path(Path(sys.argv[1])); print(tracemalloc.get_traced_memory()[1])"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    size = path.stat().st_size
    assert int(done.stdout) < PARSE_FACTOR * size, f"parsing peaked at {int(done.stdout) / size:.1f}x the file"


#: The search index build's own peak while indexing and saving a large document, as a multiple of its text:
#: tokenising the whole document at once made it ~40x (a 50 MB transcript peaked at 2.3 GB).
INDEX_FACTOR = 8


def test_indexing_a_large_transcript_holds_a_few_times_its_text(tmp_path: Path) -> None:
    """The search index's share of an import (tokenise, commit, write the file): Python's peak allocation
    while indexing a 10 MB transcript's passages and saving the index stays within INDEX_FACTOR times its text."""
    import subprocess
    import sys

    path = tmp_path / "talk.txt"
    path.write_text(paragraph_turns(10_000_000), encoding="utf-8")
    code = (
        "import sys, tracemalloc; from pathlib import Path; from sayso.corpus.importers import parse_path; "
        "from sayso.corpus.models import Document, Passage; from sayso.corpus.search import SearchIndex; "
        "doc = parse_path(Path(sys.argv[1])); "
        "passages = [Passage(id=f'd:{i}', document='d', index=i, speaker=p.speaker, text=p.text) "
        "for i, p in enumerate(doc.passages)]; del doc; "
        "index = SearchIndex(Path(sys.argv[2])); tracemalloc.start(); "
        "index.add_document(Document(id='d', title='Talk', kind='talk', source=sys.argv[1]), passages); "
        "index.save(); print(tracemalloc.get_traced_memory()[1], sum(len(p.text) for p in passages))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), str(tmp_path / "index")], capture_output=True, text=True, check=True
    )
    peak, text = (int(n) for n in done.stdout.split())
    assert peak < INDEX_FACTOR * text, f"indexing peaked at {peak / text:.1f}x the text"


def one_line_essay(size: int) -> str:
    """About `size` characters on one line, sentences starting in lower case (no paragraph to cut at)."""
    rng = random.Random(5)
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 20))) + ". "
        parts.append(sentence)
        length += len(sentence)
    return "".join(parts) + "the very end.\n"


@pytest.mark.parametrize("shape", ["paragraph turns", "one line"])
def test_importing_a_large_transcript_stays_under_five_times_its_size(tmp_path: Path, shape: str) -> None:
    """What `sayso import` of a 10 MB transcript takes beyond importing a one-line one stays under MEMORY_FACTOR
    times the file: the peak RSS of each import, measured in this test on this machine. The one-line
    import is sayso's fixed cost (the interpreter, numpy, the importers and the index code, about 50 MB),
    which no file's size changes; what grows with the file must stay within five times it.  Both for turns
    in paragraphs and for a single 10 MB line (a list of its words once took 110 MB)."""
    path = tmp_path / "talk.txt"
    path.write_text(
        paragraph_turns(10_000_000) if shape == "paragraph turns" else one_line_essay(10_000_000), encoding="utf-8"
    )
    small = tmp_path / "small.txt"
    small.write_text("Ada Park: One line.\n", encoding="utf-8")
    idle = peak_rss_of(["-m", "sayso", "--data", str(tmp_path / "small"), "import", str(small)])
    peak = peak_rss_of(["-m", "sayso", "--data", str(tmp_path / "data"), "import", str(path)])
    size = path.stat().st_size
    assert peak - idle < MEMORY_FACTOR * size, f"import took {(peak - idle) / size:.1f}x the file beyond a one-line one"
