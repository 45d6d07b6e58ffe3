"""Every seed and real-world transcript imports with the right speakers and no page chrome."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sayso.corpus.importers import parse_path
from sayso.corpus.models import ParsedDocument
from sayso.corpus.sentences import split_sentences

PANELISTS = {"Nick Thompson", "Yann LeCun", "Kai-Fu Lee", "Daphne Koller", "Andrew Ng", "Aidan Gomez"}
INITIALS = {
    "NT": "Nick Thompson",
    "YL": "Yann LeCun",
    "KFL": "Kai-Fu Lee",
    "DK": "Daphne Koller",
    "AN": "Andrew Ng",
    "AG": "Aidan Gomez",
}

#: Interface text that must never reach a passage of any seed.
CHROME = [
    "無料で聴く",
    "ポッドキャストの詳細を見る",
    "このコンテンツについて",
    "まだレビューはありません",
    "カバーアート",
    "SpeakerAppearances",
    "Podcast Appearances",
    "Table of Contents",
    "Latest From Us",
    "Meet Codeflash",
    "To view or add a comment",
    "More articles by",
    "Others also viewed",
    "Explore topics",
    "Sam Toolan",
    "Great discussion",
    "11mo",
    "Transcribed by",
    "๐",
]


def parse(shared: Path, rel: str) -> ParsedDocument:
    return parse_path(shared / rel)


def speaker_of(doc: ParsedDocument, words: str) -> str | None:
    """The speaker of the one passage that contains `words`."""
    found = [p for p in doc.passages if words in p.text]
    assert len(found) == 1, f"{words!r} found in {len(found)} passages"
    return found[0].speaker


def all_docs(shared: Path) -> list[Path]:
    files = sorted((shared / "seeds").iterdir()) + sorted((shared / "realworld").iterdir())
    return [f for f in files if f.is_file() and f.name != "SOURCES.md"]


def test_every_shared_file_imports_without_chrome(shared: Path) -> None:
    files = all_docs(shared)
    assert len(files) >= 9
    for path in files:
        doc = parse_path(path)
        assert doc.passages, path
        assert doc.title and doc.title != "Transcript:" and "カバーアート" not in doc.title
        for p in doc.passages:
            assert p.text == p.text.strip() and "\n\n" not in p.text, path
            for junk in CHROME:
                assert junk not in p.text, f"{path.name}: chrome {junk!r} in passage {p.text[:60]!r}"
            spans = split_sentences(p.text)
            assert spans and all(0 <= a < b <= len(p.text) for a, b in spans)


# -- seed 003: the panel with initials and a comment section --------------------------


def test_panel_speakers_are_the_six_panelists_under_full_names(shared: Path) -> None:
    doc = parse(shared, "seeds/003_ec03862bfd892207.txt")
    assert doc.title == "WEF Panel - The Expanding Universe of Generative Models"
    assert doc.kind == "panel"
    assert set(doc.speakers) == PANELISTS
    for initials, name in INITIALS.items():
        assert initials in doc.speakers[name]
    assert "Nicholas Thompson" in doc.speakers["Nick Thompson"]
    started = False
    for p in doc.passages:
        if p.speaker is not None:
            started = True
        if started:
            assert p.speaker in PANELISTS, p.text[:80]
        else:
            assert p.speaker is None
    # the intro is kept, unattributed; "Transcript:" is not a passage
    assert doc.passages[0].speaker is None
    assert not any(p.text.strip() == "Transcript:" for p in doc.passages)


def test_panel_every_transcript_line_attributed_to_its_labelled_speaker(shared: Path) -> None:
    """Line by line: each paragraph goes to the last label above it, continuation paragraphs included."""
    doc = parse(shared, "seeds/003_ec03862bfd892207.txt")
    lines = (shared / "seeds/003_ec03862bfd892207.txt").read_text(encoding="utf-8").split("\n")
    start = lines.index("Transcript:") + 1
    end = next(i for i, l in enumerate(lines) if l.startswith("NT: All right, amazing panel")) + 1
    current = None
    checked = 0
    at = 0  # passages are matched in reading order
    for line in lines[start:end]:
        if not line.strip():
            continue
        m = re.match(r"^([A-Z][\w-]*(?: [A-Z][\w-]*)*):\s+(.*)$", line)
        text = line
        if m and (m.group(1) in INITIALS or m.group(1) in PANELISTS):
            current = INITIALS.get(m.group(1), m.group(1))
            text = m.group(2)
        text = text.strip()
        at = next(i for i in range(at, len(doc.passages)) if text in doc.passages[i].text)
        assert doc.passages[at].speaker == current, f"{text[:60]!r}: {doc.passages[at].speaker} != {current}"
        checked += 1
    assert checked > 140


@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        ("No, Yann is always right.", "Kai-Fu Lee"),
        ("Thank you, Kai-Fu.", "Yann LeCun"),
        ("Beautiful.", "Nick Thompson"),
        ("Edge AI. We're used to running LLMs in the cloud", "Andrew Ng"),
        ("So I'm very optimistic things are going to accelerate.", "Aidan Gomez"),
        ("Aidan and Kai-Fu, is Yann correct on what needs to happen?", "Nick Thompson"),
        ("Models, they need to be able to do that amongst themselves as well.", "Aidan Gomez"),
        ("I think training. When I look at adoption of AI in enterprises", "Andrew Ng"),
        ("On the other hand, I'm going to now agree with Kai-Fu", "Daphne Koller"),
        ("In Davos, I sat down with five great AI innovators", None),
    ],
)
def test_panel_sentences(shared: Path, words: str, speaker: str | None) -> None:
    doc = parse(shared, "seeds/003_ec03862bfd892207.txt")
    assert speaker_of(doc, words) == speaker


def test_panel_comment_section_is_dropped(shared: Path) -> None:
    doc = parse(shared, "seeds/003_ec03862bfd892207.txt")
    text = "\n".join(p.text for p in doc.passages)
    for junk in (
        "Sam Toolan",
        "Dan Södergren",
        "Leonard Donnelly",
        "Like\nReply",
        "Some legends",
        "Great discussion",
        "Insights from the community",
        "Chief Executive Officer at Waylay.io",
    ):
        assert junk not in text
    last = doc.passages[-1]
    assert last.speaker == "Nick Thompson" and last.text.endswith("You're all great.Thanks.")
    # the glued last sentence still splits without changing a character
    sentences = [last.text[a:b] for a, b in split_sentences(last.text)]
    assert sentences[-2:] == ["You're all great.", "Thanks."]


# -- seed 000: speaker page ----------------------------------------------------------


def test_speaker_page_each_paragraph_once_by_the_page_person(shared: Path) -> None:
    path = shared / "seeds/000_825fe89ec78cf346.txt"
    doc = parse_path(path)
    assert doc.title == "Ben Buchanan" and doc.kind == "speaker page"
    assert set(doc.speakers) == {"Ben Buchanan"}
    assert all(p.speaker == "Ben Buchanan" for p in doc.passages)
    source = [l for l in path.read_text(encoding="utf-8").split("\n") if l.strip()]
    paragraphs = list(dict.fromkeys(l for l in source[3:]))
    assert [p.text for p in doc.passages] == paragraphs
    assert len(doc.passages) == 9
    assert any("garbled" in w for w in doc.warnings)


# -- seed 001: Japanese player page around a one-line essay --------------------------


def test_essay_on_one_line_is_split_into_readable_passages(shared: Path) -> None:
    path = shared / "seeds/001_50d4e848dd70f24a.txt"
    doc = parse_path(path)
    assert doc.title == "On China's open source AI trajectory"
    assert doc.speakers == {}
    essay = next(l for l in path.read_text(encoding="utf-8").split("\n") if l.startswith("Hello everyone!"))
    assert len(doc.passages) >= 5
    for p in doc.passages:
        assert p.speaker is None
        assert p.text in essay  # exact characters, a piece of the original line
        assert len(p.text.split()) <= 160
        assert re.search(r"[.!?…”\"]$", p.text), p.text[-30:]  # cut at a sentence end
    assert " ".join(p.text for p in doc.passages).split() == essay.split() or "".join(
        "".join(p.text.split()) for p in doc.passages
    ) == "".join(essay.split())
    glued = next(p for p in doc.passages if "year.It seemed" in p.text)
    pieces = [glued.text[a:b] for a, b in split_sentences(glued.text)]
    assert any(s.endswith("last months of the year.") for s in pieces)
    assert any(s.startswith("It seemed like a good time") for s in pieces)


# -- seed 002: article with a table of contents and a link list ----------------------


def test_article_chrome_and_link_list_dropped_headings_kept(shared: Path) -> None:
    doc = parse(shared, "seeds/002_9c0a5e428faa091d.txt")
    assert doc.kind == "article" and doc.speakers == {}
    text = "\n".join(p.text for p in doc.passages)
    assert "Table of Contents" not in text and "Latest From Us" not in text
    assert "Antivenom" not in text and "Pikadditions" not in text
    assert doc.passages[0].text.startswith("In a recent blog post on Meta")
    assert doc.passages[-1].text.endswith("in the long run.")
    headings = {p.heading for p in doc.passages}
    assert "Closed Models Benefit Few Players" in headings


# -- real-world transcripts -----------------------------------------------------------

DEBATE_1960 = {
    "HOWARD K. SMITH, MODERATOR": "Howard K. Smith",
    "MR. SMITH": "Howard K. Smith",
    "Mr. SMITH": "Howard K. Smith",
    "MR. SM1TH": "Howard K. Smith",
    "SENATOR KENNEDY": "Senator Kennedy",
    "MR. KENNEDY": "Senator Kennedy",
    "Mr. KENNEDY": "Senator Kennedy",
    "MR. NIXON": "Mr. Nixon",
    "Mr. NIXON": "Mr. Nixon",
    "MR. FLEMING": "Mr. Fleming",
    "MR. NOVINS": "Mr. Novins",
    "MR. WARREN": "Mr. Warren",
    "MR. VANOCUR": "Mr. Vanocur",
    "VOICE": "Voice",
}


def test_debate_1960_every_turn_by_its_speaker(shared: Path) -> None:
    path = shared / "realworld/debate-1960.txt"
    doc = parse_path(path)
    assert doc.kind == "debate"
    assert set(doc.speakers) == set(DEBATE_1960.values())
    assert "Mr. Kennedy" in doc.speakers["Senator Kennedy"]
    assert "Mr. Smith" in doc.speakers["Howard K. Smith"]
    lines = [l for l in path.read_text(encoding="utf-8").split("\n") if l.strip()]
    assert len(doc.passages) == len(lines)
    for line, passage in zip(lines, doc.passages):
        label = re.split(r"([:;])", line, maxsplit=1)[0]
        assert passage.speaker == DEBATE_1960[label.strip()], line[:50]
        assert passage.text == line[len(label) + 1 :].strip()
    # very long turns keep correct sentence spans
    longest = max(doc.passages, key=lambda p: len(p.text))
    spans = split_sentences(longest.text)
    assert len(spans) > 40
    assert all(longest.text[a:b].strip() == longest.text[a:b] for a, b in spans)


def test_debate_2020_labels_alone_on_a_line_and_continuity(shared: Path) -> None:
    path = shared / "realworld/debate-2020-part2.txt"
    doc = parse_path(path)
    assert set(doc.speakers) == {"Chris Wallace", "President Donald J. Trump", "Vice President Joe Biden"}
    raw = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    labels = re.findall(r"^(Chris Wallace|President Donald J\. Trump|Vice President Joe Biden):$", raw, re.M)
    assert [p.speaker for p in doc.passages] == labels
    assert doc.passages[0].text.startswith("... would become generally available")
    assert speaker_of(doc, "God.") == "Vice President Joe Biden"
    assert speaker_of(doc, "That was said sarcastically, and you know that.") == "President Donald J. Trump"
    assert all("\r" not in p.text for p in doc.passages)


def test_otter_export_speakers_times_and_footer(shared: Path) -> None:
    path = shared / "realworld/otter-62-security.md"
    doc = parse_path(path)
    assert set(doc.speakers) == {"Emma", "Kelly", "Unknown Speaker", "Tailor", "Sidney"}
    headers = re.findall(r"^(.+?)  (\d+:\d{2})\s*$", path.read_text(encoding="utf-8"), re.M)
    assert [p.speaker for p in doc.passages] == [h[0] for h in headers]
    first_minutes = [int(h[1].split(":")[0]) * 60 + int(h[1].split(":")[1]) for h in headers]
    assert [p.start for p in doc.passages] == first_minutes
    assert doc.passages[1].end == doc.passages[2].start
    assert all("otter.ai" not in p.text and "Transcribed by" not in p.text for p in doc.passages)
    assert doc.passages[-1].text.endswith("See you guys.")
    assert doc.kind == "podcast"


def test_vtt_seven_voices_merged_turns(shared: Path) -> None:
    path = shared / "realworld/voices-533.vtt"
    doc = parse_path(path)
    voices = {
        "Michael Kennedy",
        "Carlton Gibson",
        "David Lord",
        "Phil Jones",
        "Janek Nouvertné",
        "Cody Fincher",
        "Jeff Triplett",
    }
    assert set(doc.speakers) == voices
    # Independent count of turns: voice changes in cue order, unvoiced cues continuing the last voice.
    turns = []
    cues = re.findall(r"(\d\d:\d\d:\d\d\.\d+) --> (\d\d:\d\d:\d\d\.\d+)\n(.*)", path.read_text(encoding="utf-8"))
    for start, end, payload in cues:
        m = re.match(r"<v ([^>]+)>", payload)
        voice = m.group(1) if m else (turns[-1][0] if turns else None)
        if turns and turns[-1][0] == voice:
            turns[-1][2] = end
        else:
            turns.append([voice, start, end])
    assert [p.speaker for p in doc.passages] == [t[0] for t in turns]

    def secs(stamp: str) -> float:
        h, m, s = stamp.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    assert [(p.start, p.end) for p in doc.passages] == [(secs(t[1]), secs(t[2])) for t in turns]
    first = doc.passages[0]
    assert first.speaker == "Michael Kennedy" and first.start == 0.02
    assert "at 2 a.m. when the pager starts going off." in first.text
    assert all("<v" not in p.text and "</" not in p.text for p in doc.passages)
    # the unvoiced closing cues continue the last speaker
    assert speaker_of(doc, "Upgrade the code.") == "Michael Kennedy"
    assert doc.date == "2025-12-17"


def test_html_hearing_labels_entities_and_wrapping(shared: Path) -> None:
    path = shared / "realworld/hearing-on-13.php"
    doc = parse_path(path)
    assert set(doc.speakers) == {"Mr. Liman", "Mr. North", "Mr. Sullivan"}
    labels = re.findall(r"<strong>Mr\. (\w+)</strong>:", path.read_text(encoding="utf-8"))
    assert [p.speaker for p in doc.passages] == [f"Mr. {l.capitalize()}" for l in labels]
    for p in doc.passages:
        assert "<" not in p.text and ">" not in p.text
        assert not re.search(r"&(?:[a-z]+|#\d+);", p.text)
    # hard-wrapped lines of one answer join with single spaces
    assert speaker_of(doc, "a conversation with Admiral Poindexter after I was dismissed.") == "Mr. North"
    assert speaker_of(doc, "Objection.") == "Mr. Sullivan"
    assert doc.kind == "hearing"
