"""Question-and-answer transcripts: "Q:"/"A:", "Q."/"A.", "QUESTION:"/"ANSWER:", and what is not one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sayso.corpus import Library
from sayso.corpus.conventions import is_uncertain
from sayso.corpus.importers import parse_text, qa


def turns(text: str, name: str = "talk.txt") -> list[tuple[str | None, str]]:
    return [(p.speaker, p.text) for p in parse_text(text, name).passages]


ORAL_HISTORY = """\
Dust Bowl Memories: An Oral History

Interviewer: Margaret Lindqvist
Narrator: Walter Brandt
Date: June 14, 1978

This interview was recorded at the narrator's home in Guymon, Oklahoma.

Q: Mr. Brandt, when did your family come to the Panhandle?

A: My father came out in 1909. He filed on a quarter section north of town.

Q: And you were born there?

A: In the dugout, yes. Mother said the wind never stopped that whole spring.

We moved into the frame house when I was four.

Q: What do you remember about the dusters?

A: Black. Just black. You'd hang wet sheets over the windows and they'd be brown by noon.
"""


def test_oral_history_with_named_interviewer_and_narrator() -> None:
    doc = parse_text(ORAL_HISTORY, "brandt.txt")
    assert doc.title == "Dust Bowl Memories: An Oral History"
    assert doc.kind == "interview"
    assert [(p.speaker, p.text) for p in doc.passages] == [
        # the cast lines are intro, read as one wrapped paragraph as in any transcript of this shape
        (None, "Interviewer: Margaret Lindqvist Narrator: Walter Brandt Date: June 14, 1978"),
        (None, "This interview was recorded at the narrator's home in Guymon, Oklahoma."),
        ("Margaret Lindqvist", "Mr. Brandt, when did your family come to the Panhandle?"),
        ("Walter Brandt", "My father came out in 1909. He filed on a quarter section north of town."),
        ("Margaret Lindqvist", "And you were born there?"),
        (
            "Walter Brandt",
            "In the dugout, yes. Mother said the wind never stopped that whole spring.\n"
            "We moved into the frame house when I was four.",
        ),
        ("Margaret Lindqvist", "What do you remember about the dusters?"),
        ("Walter Brandt", "Black. Just black. You'd hang wet sheets over the windows and they'd be brown by noon."),
    ]
    assert doc.speakers == {"Margaret Lindqvist": ["Q"], "Walter Brandt": ["A"]}


DEPOSITION = """\
                                                              Page 1
 1              UNITED STATES DISTRICT COURT
 2                  DISTRICT OF MINNESOTA
 3
 4        VIDEOTAPED DEPOSITION OF HAROLD P. VANCE
 5                Taken on March 3, 2019
 6
 7                  HAROLD P. VANCE,
 8        having been first duly sworn, was examined and
 9        testified as follows:
10
11                      EXAMINATION
12   BY MR. SMITH:
13        Q.   Good morning, Mr. Vance.  Would you state your
14   name for the record?
15        A.   Harold Vance.
16        Q.   Where were you on the night of June 4th?
17        A.   At the warehouse on Fifth Street.
18        Q.   Did you see anyone else there?
19             MS. GARCIA:  Objection.  Form.
20             THE WITNESS:  I saw two men near the loading
21   dock.
22   BY MR. SMITH:
23        Q.   Did you recognize either of them?
24        A.   No.
25             (Whereupon, a short recess was taken.)
                                                              Page 2
 1                      CROSS-EXAMINATION
 2   BY MS. GARCIA:
 3        Q.   Mr. Vance, how far away were you standing?
 4        A.   Maybe fifty feet.
 5        Q.   Was it 25 feet or more?
 6        A.   More.
"""


def test_deposition_with_line_numbers_examinations_objections_and_the_witness() -> None:
    doc = parse_text(DEPOSITION, "vance-depo.txt")
    assert doc.kind == "hearing"
    body = [(p.speaker, p.text) for p in doc.passages]
    first_q = next(i for i, (s, _) in enumerate(body) if s is not None)
    assert all(s is None for s, _ in body[:first_q])  # caption, sworn statement: no one's turn
    assert (None, "EXAMINATION BY MR. SMITH:") in body[:first_q]
    assert body[first_q:] == [
        ("Mr. Smith", "Good morning, Mr. Vance.  Would you state your name for the record?"),
        ("Harold P. Vance", "Harold Vance."),
        ("Mr. Smith", "Where were you on the night of June 4th?"),
        ("Harold P. Vance", "At the warehouse on Fifth Street."),
        ("Mr. Smith", "Did you see anyone else there?"),
        ("Ms. Garcia", "Objection.  Form."),
        ("Harold P. Vance", "I saw two men near the loading dock."),
        (None, "BY MR. SMITH:"),
        ("Mr. Smith", "Did you recognize either of them?"),
        ("Harold P. Vance", "No."),
        (None, "(Whereupon, a short recess was taken.)\nCROSS-EXAMINATION BY MS. GARCIA:"),
        ("Ms. Garcia", "Mr. Vance, how far away were you standing?"),
        ("Harold P. Vance", "Maybe fifty feet."),
        ("Ms. Garcia", "Was it 25 feet or more?"),  # a number in the words is not a line number
        ("Harold P. Vance", "More."),
    ]
    # No line number or page header survives anywhere.
    assert not any(t.lstrip()[:1].isdigit() or "Page" in t for _, t in body)
    assert set(doc.speakers) == {"Mr. Smith", "Harold P. Vance", "Ms. Garcia"}
    assert "Q" in doc.speakers["Mr. Smith"] and "Q" in doc.speakers["Ms. Garcia"]
    assert "A" in doc.speakers["Harold P. Vance"]


PRESS = """\
Interview with Governor Ana Ruiz, conducted by Tom Beck of the Daily Ledger, May 2, 2023

QUESTION: Governor, why veto the transit bill?

ANSWER: Because it spent money we do not have.

QUESTION: Your critics say that is an excuse.

ANSWER: My critics have not read the budget.

And I say that with respect.

QUESTION: Will you run again?

ANSWER: Ask me in a year.
"""


def test_press_interview_with_question_and_answer_named_in_the_intro() -> None:
    doc = parse_text(PRESS, "ruiz.txt")
    assert [(p.speaker, p.text) for p in doc.passages] == [
        ("Tom Beck", "Governor, why veto the transit bill?"),
        ("Governor Ana Ruiz", "Because it spent money we do not have."),
        ("Tom Beck", "Your critics say that is an excuse."),
        ("Governor Ana Ruiz", "My critics have not read the budget.\nAnd I say that with respect."),
        ("Tom Beck", "Will you run again?"),
        ("Governor Ana Ruiz", "Ask me in a year."),
    ]
    assert doc.date == "2023-05-02"
    assert doc.speakers == {"Tom Beck": ["Q", "Question"], "Governor Ana Ruiz": ["A", "Answer"]}


UNNAMED = """\
# Memories of the mill

Recorded in 1998 for the county library.

**Q:** When did you start at the mill?

**A:** I was sixteen. My uncle got me the job.

**Q:** What was the work like?

**A:** Hot. Loud. You couldn't hear yourself think.

But the pay was good.

**Q:** Did you stay long?

**A:** Forty-one years.
"""


def test_unnamed_sides_are_interviewer_and_interviewee() -> None:
    doc = parse_text(UNNAMED, "mill.md")
    assert doc.title == "Memories of the mill"
    assert [(p.speaker, p.text) for p in doc.passages] == [
        (None, "Recorded in 1998 for the county library."),
        ("Interviewer", "When did you start at the mill?"),
        ("Interviewee", "I was sixteen. My uncle got me the job."),
        ("Interviewer", "What was the work like?"),
        ("Interviewee", "Hot. Loud. You couldn't hear yourself think.\nBut the pay was good."),
        ("Interviewer", "Did you stay long?"),
        ("Interviewee", "Forty-one years."),
    ]
    assert doc.speakers == {"Interviewer": ["Q"], "Interviewee": ["A"]}


def test_unnamed_q_and_a_of_two_documents_stay_two_people(tmp_path: Path) -> None:
    one = tmp_path / "mill.md"
    two = tmp_path / "farm.txt"
    one.write_text(UNNAMED, encoding="utf-8")
    two.write_text("Q. Where did you grow up?\nA. On a farm.\nQ. Near here?\nA. Near Ames.\n", encoding="utf-8")
    lib = Library.open(tmp_path / "data")
    lib.import_paths([one, two])
    interviewers = [s for s in lib.speakers() if s.name == "Interviewer"]
    assert len(interviewers) == 2 and all(len(s.counts) == 1 for s in interviewers)
    assert len([s for s in lib.speakers() if s.name == "Interviewee"]) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Q - / A -, the asker and answerer given as "Q = name"
        (
            "Q = Jane Doe\nA = John Roe\n\nQ - Where did you grow up?\nA - On a farm near Ames.\n"
            "Q - What did you grow?\nA - Corn, mostly.",
            [
                (None, "Q = Jane Doe"),
                (None, "A = John Roe"),
                ("Jane Doe", "Where did you grow up?"),
                ("John Roe", "On a farm near Ames."),
                ("Jane Doe", "What did you grow?"),
                ("John Roe", "Corn, mostly."),
            ],
        ),
        # court style with a tab, indentation, and "Q. (By Ms. Park)" naming the examiner from there on
        (
            "STATE v. HOLT, day 2\n\n     Q\tDid you see him?\n     A\tI did.\n     Q\tWhere?\n     A\tOutside.\n"
            "     Q. (By Ms. Park) Were you drinking?\n     A\tOne beer.\n     Q\tJust one?\n     A\tYes.",
            [
                ("Interviewer", "Did you see him?"),
                ("Interviewee", "I did."),
                ("Interviewer", "Where?"),
                ("Interviewee", "Outside."),
                ("Ms. Park", "Were you drinking?"),
                ("Interviewee", "One beer."),
                ("Ms. Park", "Just one?"),
                ("Interviewee", "Yes."),
            ],
        ),
        # the marker alone on its line, and "Q (Name):" naming one asker of two
        (
            "Interviewers: Jane Doe and Bob Lee\nInterviewee: Mary Okafor\n\nQ:\nCan you say your name?\n\nA:\nMary Okafor.\n\n"
            "Q (Bob Lee): Where were you born?\n\nA: Lagos.",
            [
                (None, "Interviewers: Jane Doe and Bob Lee"),
                (None, "Interviewee: Mary Okafor"),
                ("Interviewer", "Can you say your name?"),
                ("Mary Okafor", "Mary Okafor."),
                ("Bob Lee", "Where were you born?"),
                ("Mary Okafor", "Lagos."),
            ],
        ),
        # an interview sentence naming only the interviewee
        (
            "An interview with Rosa Delgado about the cannery strike.\n\nQ. When did it start?\nA. In July.\n"
            "Q. Who led it?\nA. The women on the line.",
            [
                (None, "An interview with Rosa Delgado about the cannery strike."),
                ("Interviewer", "When did it start?"),
                ("Rosa Delgado", "In July."),
                ("Interviewer", "Who led it?"),
                ("Rosa Delgado", "The women on the line."),
            ],
        ),
    ],
)
def test_real_world_variants(text: str, expected: list[tuple[str | None, str]]) -> None:
    assert turns(text) == expected


def test_timestamped_markers_keep_their_times() -> None:
    doc = parse_text(
        "[00:00:05] Q: Your name?\n[00:00:09] A: Mary.\n[00:00:12] Q: Born?\n[00:00:15] A: Lagos.", "t.txt"
    )
    assert [(p.speaker, p.text, p.start, p.end) for p in doc.passages] == [
        ("Interviewer", "Your name?", 5.0, 9.0),
        ("Interviewee", "Mary.", 9.0, 12.0),
        ("Interviewer", "Born?", 12.0, 15.0),
        ("Interviewee", "Lagos.", 15.0, None),
    ]


def test_questions_marked_q_answered_by_named_people() -> None:
    text = (
        "Press Briefing by Press Secretary Dana Lee\n\n"
        "MS. LEE: Good afternoon, everyone.\n\n"
        "Q    Thanks, Dana. Will the President intervene in the strike?\n\n"
        "MS. LEE: He is following it closely.\n\n"
        "Q    Has he called the union?\n\n"
        "MS. LEE: I won't get ahead of him.\n\n"
        "Q    One more on trade.\n\n"
        "THE PRESIDENT: I'll take that one.\n"
    )
    assert turns(text) == [
        ("Ms. Lee", "Good afternoon, everyone."),
        ("Questioner", "Thanks, Dana. Will the President intervene in the strike?"),
        ("Ms. Lee", "He is following it closely."),
        ("Questioner", "Has he called the union?"),
        ("Ms. Lee", "I won't get ahead of him."),
        ("Questioner", "One more on trade."),
        ("The President", "I'll take that one."),
    ]


# -- what is not a Q/A transcript -------------------------------------------------------

OUTLINE = """\
Project plan

A. Introduction
B. Methods
C. Results

A. Smith said the plan was sound, and we agreed.

Q: what remains? Mostly the budget.

A: the first option is to wait.
"""

ESSAY = """\
Why interviews matter

Oral histories preserve voices that archives miss. They are often written down as questions and answers.

A typical transcript marks the interviewer with "Q:" and the narrator with "A:".

Q: is that enough? Not always. A. Smith said that names matter more than letters.

A: the first option is to name everyone; the second is to keep the letters.

In the end the letters are a convention, nothing more.
"""

QUIZ = """\
Chapter 3 review

Q: What year did the mill open?
A: 1902
B: 1911
C: 1923

Q: Who founded it?
A: The Brandt family
B: The county
"""

FAQ = """\
Frequently asked questions

Q: How do I import a folder?
A: Run sayso import with the folder.
Q: Can I re-import?
A: Yes, your quotes are kept.
"""

#: The same in Polish: "Pytanie:"/"Odpowiedź:" (question, answer) under a page's FAQ heading.
FAQ_PL = """\
Najczęściej zadawane pytania (FAQ)

Pytanie: Jak mogę zapisać się do biblioteki?
Odpowiedź: Wystarczy przyjść z dowodem osobistym.
Pytanie: Zgubiłem kartę. Co teraz?
Odpowiedź: Prosimy zgłosić to w wypożyczalni.
Pytanie: Ile książek mogę wypożyczyć?
Odpowiedź: Maksymalnie dziesięć.
"""

#: A README: a dozen lines of other things first, then the FAQ's heading just over its questions.
README_FAQ = """\
# tidewatch

Tide gauge data for your shell.

## Install

    pip install tidewatch

## Usage

Run `tidewatch fetch` with a station.

Run `tidewatch plot` to see it.

## Configuration

Settings live in `~/.tidewatch.toml`.

- `station`: the gauge

- `units`: metres or feet

- `cache`: where data is kept

## FAQ

**Q: Why are there gaps in my data?**
A: Most gaps come from the provider.

**Q: Does it work on Windows?**
A: Yes, though CI runs Linux and macOS only.

**Q: Can I add another provider?**
A: Please do. See CONTRIBUTING.md.
"""


@pytest.mark.parametrize(
    "text",
    [OUTLINE, ESSAY, QUIZ, FAQ, FAQ_PL, README_FAQ],
    ids=["outline", "essay", "quiz", "faq", "polish faq", "readme faq"],
)
def test_prose_lists_and_quizzes_are_not_q_and_a(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert qa.find(text.split("\n")) is None
    doc = parse_text(text, "notes.txt")
    assert doc.speakers == {} and all(p.speaker is None for p in doc.passages)
    # and the document imports exactly as it would without the Q/A rules
    monkeypatch.setattr(qa, "find", lambda lines: None)
    assert [(p.speaker, p.text) for p in parse_text(text, "notes.txt").passages] == [
        (p.speaker, p.text) for p in doc.passages
    ]


def test_one_question_and_answer_in_an_article_are_not_a_transcript() -> None:
    text = (
        "Notes from the archive\n\nQ: Why keep paper at all?\n\nA: Because formats die.\n\n"
        "That exchange, from a 1994 newsletter, still holds."
    )
    assert qa.find(text.split("\n")) is None
    assert all(p.speaker is None for p in parse_text(text, "a.txt").passages)


def test_a_one_off_a_dot_inside_a_q_colon_transcript_is_text() -> None:
    text = (
        "Q: Who signed it?\n\nA: Two people.\n\nA. Smith was the first, I think.\n\n"
        "Q: And the second?\n\nA: Nobody knows."
    )
    assert turns(text) == [
        ("Interviewer", "Who signed it?"),
        ("Interviewee", "Two people.\nA. Smith was the first, I think."),
        ("Interviewer", "And the second?"),
        ("Interviewee", "Nobody knows."),
    ]


def test_shared_transcripts_are_untouched_by_the_q_and_a_rules(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Q/A rules change only transcripts written in questions and answers.

    The one shared transcript in that convention (a pre-2004 Supreme Court argument,
    where every justice is `QUESTION:`) must read its questions as the Questioner's;
    every other file parses the same with the rules switched off.
    """
    from sayso.corpus.importers import parse_path
    from sayso.corpus.importers.encoding import decode_bytes

    files = [
        f
        for d in ("seeds", "realworld")
        for f in sorted((shared / d).iterdir())
        if f.is_file() and f.name != "SOURCES.md"
    ]
    with_qa = [parse_path(f) for f in files]
    found: dict[str, bool] = {}
    monkeypatch.setattr(qa, "find", lambda lines: None)
    without = [parse_path(f) for f in files]
    for f, a, b in zip(files, with_qa, without):
        text = decode_bytes(f.read_bytes(), f.name).text
        found[f.name] = bool(re.search(r"^\s*\d*\s*QUESTION:", text, re.M))
        if found[f.name]:
            asked = [p for p in a.passages if p.speaker == qa.QUESTIONER]
            assert len(asked) >= 0.9 * len(re.findall(r"^\s*\d*\s*QUESTION:", text, re.M)), f.name
            continue
        assert [(p.speaker, p.text) for p in a.passages] == [(p.speaker, p.text) for p in b.passages], f.name
        assert a.speakers == b.speakers and a.title == b.title, f.name
    assert sum(found.values()) <= 1, "only one shared file is written in QUESTION:/answer form"


def test_questions_followed_by_lead_ins_that_are_not_speakers_stay_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "Reader questions, answered\n\n"
        "Q    Why do archives close?\n\nFunding: most lose it slowly.\n\n"
        "Q    Can volunteers help?\n\nVolunteers: yes, with scanning.\n\n"
        "Q    What about email?\n\nStorage: nobody keeps it.\n"
    )
    plan = qa.find(text.split("\n"))
    assert plan is not None and plan.questions_only  # the shape fits, but "Funding:" is nobody
    doc = parse_text(text, "column.txt")
    assert all(p.speaker is None for p in doc.passages)
    monkeypatch.setattr(qa, "find", lambda lines: None)
    assert [(p.speaker, p.text) for p in parse_text(text, "column.txt").passages] == [
        (p.speaker, p.text) for p in doc.passages
    ]


def test_a_padded_deposition_page_keeps_its_question_and_answer_marks() -> None:
    """Page text laid out with wide gaps (line number, "Q", words) is unpadded, but the gap after a Q or an A
    is the mark of a turn; a "Page 15" between numbered pages is the page's, however short the document."""
    lines = [
        "deposition of KAREN PIKE, taken on behalf of",
        "the Plaintiff at 10:12 a.m.",
        "                     EXAMINATION",
        "BY MR. ABERNATHY:",
        "   Q    Ms. Pike, would you state your full",
        "name for the record?",
        "   A    Karen Anne Pike.",
        "   Q    And you were the shift supervisor that night?",
        "   A    I was.",
        "        MS. CHO:  Object to form.",
        "   Q    (By Mr. Abernathy) You can answer.",
        "   A    Yes, I was supervising the loading dock.",
        "   Q    Who else was on the dock?",
        "   A    Two drivers and a temp.",
    ]
    text = "                                        Page 14\n"
    text += "".join(f"{n:2d}   {line}\n" for n, line in enumerate(lines, 1))
    text += "                                        Page 15\n"
    text += " 1   Q    Did you call anyone after the accident?\n 2   A    My manager, Dale Fitch.\n"
    doc = parse_text(text, "depo.txt")
    said = [(p.speaker, p.text) for p in doc.passages if p.speaker]
    assert said == [
        ("Mr. Abernathy", "Ms. Pike, would you state your full name for the record?"),
        ("Karen Pike", "Karen Anne Pike."),
        ("Mr. Abernathy", "And you were the shift supervisor that night?"),
        ("Karen Pike", "I was."),
        ("Ms. Cho", "Object to form."),
        ("Mr. Abernathy", "You can answer."),
        ("Karen Pike", "Yes, I was supervising the loading dock."),
        ("Mr. Abernathy", "Who else was on the dock?"),
        ("Karen Pike", "Two drivers and a temp."),
        ("Mr. Abernathy", "Did you call anyone after the accident?"),
        ("Karen Pike", "My manager, Dale Fitch."),
    ]
    assert not any("Page" in p.text for p in doc.passages)


@pytest.mark.parametrize(
    ("text", "asker_mark", "answer_mark"),
    [
        # Spanish press: the words, then their initials, each with a full stop
        (
            "Pregunta. ¿Cuándo empieza la campaña?\nRespuesta. Ya no termina.\nP. ¿Y los medios?\nR. Son pocos.\n",
            "P",
            "R",
        ),
        # Italian: "D." and "R."
        ("D. Quanto tempo ci vuole?\nR. Dipende, a volte tre mesi.\nD. E la polvere?\nR. È il nemico.\n", "D", "R"),
        # German and Polish
        ("F: Wie hat es angefangen?\nA: Mit sechs Frauen.\nF: Und dann?\nA: Dann kamen andere.\n", "F", "A"),
        ("P: Jak to się zaczęło?\nO: Od sześciu kobiet.\nP: A potem?\nO: Potem przyszli inni.\n", "P", "O"),
        # a Markdown list of questions and answers
        ("- **Q:** How long did it take?\n- **A:** Four years.\n- **Q:** Why?\n- **A:** Permits, mostly.\n", "Q", "A"),
    ],
)
def test_question_and_answer_marks_in_other_languages_and_lists(text: str, asker_mark: str, answer_mark: str) -> None:
    doc = parse_text("Una intervista\n\n" + text, "interview.txt")
    said = [p.speaker for p in doc.passages if p.speaker]
    assert said == ["Interviewer", "Interviewee"] * 2
    assert asker_mark in doc.speakers["Interviewer"] and answer_mark in doc.speakers["Interviewee"]


def test_who_asks_and_answers_from_a_header_s_credit_a_nickname_and_a_trial_s_witness_heading() -> None:
    """The names behind "Q"/"A" and bold questions, as headers give them: an oral history's "Narrator:" with a
    nickname in quotation marks, a magazine's "Interview by ... · Photographs by ...", and an American trial
    record's "NAME, GOVERNMENT'S WITNESS, SWORN" over the examination (whose "THE WITNESS:" is the same person)."""
    oral = 'Labor History Project\n\nNarrator:   Rosa "Ro" Delgado\nInterviewer:   Ann Kim\n\n'
    oral += "Q: When did you start at the mill?\n\nA: In 1952.\n\nQ: How old were you?\n\nA: Sixteen.\n"
    assert [p.speaker for p in parse_text(oral, "oral.txt").passages if p.speaker] == ["Ann Kim", "Rosa Delgado"] * 2
    mag = "# Ottavia Bruni on bread\n\n*Interview by Theo Lund · Photographs by Lena Ek · May 2024*\n\n"
    mag += (
        "Ottavia Bruni runs a bakery in Leith with four ovens and a queue round the block every Saturday morning.\n\n"
    )
    mag += "**Why bread?**\n\nBecause it is honest.\n\n**And the queue?**\n\nIt is good for business.\n\n"
    mag += "**What next?**\n\nA second bakery, maybe.\n"
    doc = parse_text(mag, "bruni.md")
    assert [p.speaker for p in doc.passages if p.speaker] == ["Theo Lund", "Ottavia Bruni"] * 3
    trial = "THE COURT: Call your next witness.\nMR. HALE: The United States calls Ada Ruiz.\n"
    trial += "ADA RUIZ, GOVERNMENT'S WITNESS, SWORN\nTHE WITNESS: Ada Ruiz, R-U-I-Z.\nDIRECT EXAMINATION\n"
    trial += "BY MR. HALE:\nQ. Where do you work?\nA. At the depot.\nQ. Since when?\nA. Since 2019.\n"
    trial += "MS. PARK: Objection.\nTHE COURT: Overruled.\nBY MR. HALE:\nQ. Go on.\nA. I saw him there.\n"
    turns = [p.speaker for p in parse_text(trial, "trial.txt").passages if p.speaker]
    assert turns == ["The Court", "Mr. Hale", "Ada Ruiz"] + ["Mr. Hale", "Ada Ruiz"] * 2 + [
        "Ms. Park", "The Court", "Mr. Hale", "Ada Ruiz"
    ]  # fmt: skip


def test_commonwealth_and_quebec_courts_say_who_is_examined_and_by_whom_in_their_own_words() -> None:
    """The witness and the examining counsel behind bare "Q."/"A." marks, as courts write them: England's
    "SARAH JANE MILLS, sworn" over "Examined by MS OKAFOR" and later "Cross-examined by MR HARGREAVES";
    Nigeria's "CW1 (Adewale Ogunleye) – reminded of his oath" over "XXN by Eze:" (counsel by surname, as
    labelled); Québec's name and address over "LAQUELLE, après avoir fait une affirmation solennelle, ...",
    then "INTERROGÉE PAR Me GAGNON :"."""
    uk = "TRANSCRIPT OF EVIDENCE\n\n          SARAH JANE MILLS, sworn\n          Examined by MS OKAFOR\n"
    uk += "Q.  Where do you work?\nA.  At the pharmacy.\nQ.  Were you there on 3 March?\nA.  I was.\n"
    uk += "          Cross-examined by MR HARGREAVES\nQ.  The camera was off?\nA.  It was.\n"
    uk += "JUDGE ASHWORTH:  Go on.\nQ.  So only your memory?\nA.  Yes.\n"
    turns = [p.speaker for p in parse_text(uk, "crown.txt").passages if p.speaker]
    mills = "Sarah Jane Mills"
    assert turns == ["Ms Okafor", mills, "Ms Okafor", mills, "Mr Hargreaves", mills, "Judge Ashworth",
                     "Mr Hargreaves", mills]  # fmt: skip
    ng = "IN THE HIGH COURT OF LAGOS STATE\n\nBalogun: The matter is for cross-examination of CW1.\n\n"
    ng += "Eze: We are ready, my Lord.\n\nCourt: Proceed.\n\n"
    ng += "CW1 (Adewale Ogunleye) – reminded of his oath, continues in English:\nXXN by Eze:\n"
    ng += "Q: You signed the lease?\nA: I did.\nQ: In 2019?\nA: Yes, in May.\n\nBalogun: No re-examination.\n"
    turns = [p.speaker for p in parse_text(ng, "lagos.txt").passages if p.speaker]
    assert turns == ["Balogun", "Eze", "Court", "Eze", "Adewale Ogunleye", "Eze", "Adewale Ogunleye", "Balogun"]
    qc = "COUR SUPÉRIEURE\n\nA COMPARU :\n\nMARIE-ÈVE LACHANCE, ingénieure, domiciliée à Montréal ;\n\n"
    qc += "LAQUELLE, après avoir fait une affirmation solennelle, dépose et dit :\n\nINTERROGÉE PAR Me GAGNON :\n"
    qc += "Q. Vous étiez chargée de projet?\nR. Oui.\nQ. Depuis quand?\nR. Depuis 2019.\n"
    turns = [p.speaker for p in parse_text(qc, "qc.txt").passages if p.speaker]
    assert turns == ["Me GAGNON", "Marie-Ève Lachance"] * 2


def test_a_japanese_interview_s_dashed_questions_and_named_answers() -> None:
    ja = "【インタビュー】田中美咲さん\n\n――和菓子職人になろうと思ったのはいつですか。\n田中：高校生のときです。\n"
    ja += "――難しいことは？\n田中：季節を一口で伝えることです。\n――これからは？\n田中：店を続けます。\n"
    assert [p.speaker for p in parse_text(ja, "taidan.txt").passages if p.speaker] == ["Questioner", "田中"] * 3
    # the credit line names who asks: "（聞き手・構成：山口健／写真：森一郎）"
    credited = ja.replace("\n\n", "\n\n（聞き手・構成：山口健／写真：森一郎）\n\n", 1)
    assert [p.speaker for p in parse_text(credited, "taidan.txt").passages if p.speaker] == ["山口健", "田中"] * 3
    # a ministry's press conference: "（問）" and "（答）", the reporters unnamed (said: several of them)
    kaiken = "国土交通大臣会見要旨\n2024年4月9日\n\n【質疑応答】\n（問）幹事社から一点お伺いします。\n\n（答）支援を拡充します。\n\n"
    kaiken += "（問）関連してお伺いします。\n\n（答）来年度中を目途としております。\n\n（問）北海道新報です。\n\n（答）検討します。\n"
    doc = parse_text(kaiken, "kaiken.txt")
    assert len([p for p in doc.passages if p.speaker]) == 6
    assert len(doc.warnings) == 1 and doc.warnings[0].startswith("3 questions at a press conference or briefing")
    # a web magazine's page: a breadcrumb over the headline, the writer's credit ("文＝", who asked; "写真＝" took
    # the pictures), answers under the surname and a wide space, the article's end mark and the page's links under it
    web = "ホーム ＞ くらし ＞ インタビュー\n\n【インタビュー】和菓子店を継いだ田中美咲さん\n\n"
    web += "2026年3月1日　文＝山口健　写真＝森一郎\n\n――和菓子職人になろうと思ったのはいつですか。\n\n"
    web += "田中　高校生のときです。\n\n――難しいことは？\n\n田中　季節を一口で伝えることです。\n\n"
    web += "――これからは？\n\n田中　店を続けます。\n\n（了）\n\nこの記事をシェアする　𝕏　Facebook\n関連記事：老舗の春\n"
    doc = parse_text(web, "web.txt")
    assert [p.speaker for p in doc.passages if p.speaker] == ["山口健", "田中"] * 3
    assert doc.title == "【インタビュー】和菓子店を継いだ田中美咲さん" and doc.warnings == []
    assert doc.passages[-1].text == "店を続けます。"  # the end mark and the links are no one's words


def test_answers_marked_with_a_given_name_and_one_without_say_so() -> None:
    """A couple's recording marks answers "A (Ruth):" and "A (Ken):": each is that person's; an answer marked
    "A:" alone could be either, goes to the last one named, and the import says so."""
    doc = parse_text(
        "Family history recording, Ballarat\n\nQ: How did the two of you meet?\nA (Ruth): At a dance in 1961.\n"
        "A (Ken): '62.\nA: It was '61, Ken.\nQ: Who asked whom?\nA (Ken): I asked her.\nA (Ruth): He did not.\n",
        "ruth_ken.txt",
    )
    assert [p.speaker for p in doc.passages if p.speaker] == [
        "Interviewer",
        "Ruth",
        "Ken",
        "Ken",
        "Interviewer",
        "Ken",
        "Ruth",
    ]
    assert doc.warnings == ["1 answer marked without a name where Ruth or Ken answer: it goes to the last one named"]


def test_two_speakers_coded_by_letters_are_not_questions_and_answers() -> None:
    """A spoken corpus codes its speakers "M" and "F" (male, female): "F:" is no German "Frage" (question)
    answered by "M:", and the speakers stay M and F, not "Questioner"."""
    doc = parse_text(
        "<Conversation 0143. Speakers: M (male, 60s), F (female, 50s, his sister).>\n\n"
        "M: Did you see the state of the bridge the other day?\nF: Which bridge, man? There's seven of them.\n"
        "M: The swing bridge. They've had it open half the morning.\nF: Aye well, that's what it's for.\n"
        "M: In my day you'd have had the whole quayside waiting.\nF: In your day. Listen to him.\nM: I'm just saying.\n",
        "conv_0143.txt",
    )
    assert [p.speaker for p in doc.passages if p.speaker] == ["M", "F", "M", "F", "M", "F", "M"]


def test_an_examination_begun_without_saying_by_whom_is_warned_about() -> None:
    """A deposition's second examination opens without "BY MS. CHO:" (a volume's OCR lost it, or the reporter
    left it out): its questions are read as the examiner's before, as nothing says otherwise, and the import
    says so; with the line there, they are Ms. Cho's and nothing is said."""
    text = "DEPOSITION OF ADA PARK\n\nEXAMINATION\nBY MR. SALAZAR:\n"
    text += "Q. Did you sign the log?\nA. Yes.\nQ. Without checking it?\nA. I checked what I could.\n"
    text += "MR. SALAZAR: Nothing further.\nMS. CHO: I have a few questions.\nEXAMINATION\n"
    text += "Q. How long have you worked there?\nA. Nine years.\nQ. And before that?\nA. The Army.\n"
    doc = parse_text(text, "deposition.txt")
    assert doc.warnings == [
        "1 examination begins without saying who examines: the questions after it are read as the examiner's before"
    ]
    assert doc.convention is not None and doc.convention["confidence"] <= 0.75
    named = parse_text(text.replace("EXAMINATION\nQ. How", "EXAMINATION\nBY MS. CHO:\nQ. How"), "deposition.txt")
    assert named.warnings == []
    assert [p.speaker for p in named.passages if p.speaker][-4:] == ["Ms. Cho", "Ada Park", "Ms. Cho", "Ada Park"]


def test_a_press_briefings_questions_marked_by_a_bare_q() -> None:
    """The White House's transcripts mark each reporter's question with "Q" and a single space, the answers
    under the speakers' own labels: the questions are the Questioner's, not the last speaker's words."""
    text = "PRESS BRIEFING BY PRESS SECRETARY ADA PARK\n\n1:47 P.M. EDT\n\n"
    text += "MS. PARK: Good afternoon, everybody. A couple of things at the top.\n\n"
    text += "Q Thanks, Ada. Will the President travel to Arizona this week?\n\n"
    text += "MS. PARK: I don't have travel to announce.\n\nQ And on the heat declarations?\n\n"
    text += "MS. PARK: They were approved this morning.\n\nQ Is FEMA ready for more?\n\nMS. PARK: It is.\n"
    doc = parse_text(text, "briefing.txt")
    assert [p.speaker for p in doc.passages if p.speaker] == ["Ms. Park", "Questioner"] * 3 + ["Ms. Park"]
    assert doc.passages[-2].text == "Is FEMA ready for more?"
    # (a line that opens with the letter Q in prose is not a question: "Q fever is rare", once)
    assert {
        p.speaker
        for p in parse_text("Notes\n\nQ fever is rare in cities.\n\nIt spreads from farms.\n", "n.txt").passages
    } == {None}


def test_a_witness_named_where_they_are_called_answers_the_bare_questions() -> None:
    """A trial transcript names the witness where the reporter notes the oath, wrapped over two lines
    ("KAREN LINDQVIST," over "having been first duly sworn, ..."); a British inquiry heads the witness
    "MR GRAHAM EDWARD PELL (affirmed)" and says who examines only by counsel's first question under her own
    label.  The bare A.'s are the witness's, the bare Q.'s the examiner's, in both."""
    trial = "THE COURT:  Please be seated.\nMR. HALVORSEN:  The State calls Karen Lindqvist.\n"
    trial += "THE CLERK:  Please raise your right hand.\nTHE WITNESS:  I do.\n"
    trial += (
        "                  KAREN LINDQVIST,\nhaving been first duly sworn, was examined and testified as\nfollows:\n"
    )
    trial += "                DIRECT EXAMINATION\nBY MR. HALVORSEN:\n"
    trial += "     Q.   Good afternoon, Ms. Lindqvist.\n     A.   Good afternoon.\n"
    trial += "     Q.   Where are you employed?\n     A.   At the cold store on Highway 99.\n"
    trial += "     Q.   Since when?\n     A.   Almost seven years.\n"
    speakers = [p.speaker for p in parse_text(trial, "trial.txt").passages if p.speaker]
    assert speakers == ["The Court", "Mr. Halvorsen", "The Clerk", "Karen Lindqvist"] + [
        "Mr. Halvorsen", "Karen Lindqvist"] * 3  # fmt: skip
    inquiry = "THE CHAIR:  Good morning, everyone.  Ms Okonkwo.\n"
    inquiry += "MS OKONKWO:  Good morning, Chair.  The first witness is Mr Graham Pell.\n"
    inquiry += "             MR GRAHAM EDWARD PELL (affirmed)\n         Questions from COUNSEL TO THE INQUIRY\n"
    inquiry += "MS OKONKWO:  Mr Pell, could you give the Inquiry your full name, please?\nA.  Graham Edward Pell.\n"
    inquiry += "Q.  You have provided a witness statement.  Is that your statement?\nA.  It is.\n"
    inquiry += "Q.  Is it true?\nA.  Yes, it is.\nTHE CHAIR:  Thank you.\n"
    speakers = [p.speaker for p in parse_text(inquiry, "day14.txt").passages if p.speaker]
    assert "Interviewer" not in speakers and "Interviewee" not in speakers
    assert speakers[-7:] == ["Ms Okonkwo", "Mr Graham Edward Pell"] * 3 + ["The Chair"]


def test_question_and_answer_marks_of_more_languages_and_who_they_are() -> None:
    """An Arabic paper's interview marks questions "س:" and answers "ج:", credits the interviewer "حاورها: كريم
    منصور" (interviewed her) and quotes the interviewee in its headline, by her office and name, which the lead
    names again; a Taiwanese investor day puts each analyst in the question's parentheses after the firm
    ("問（元泰證券 張家豪）：").  Each turn goes to the person named."""
    ar = "حوارات\n\nالباحثة سلمى الحداد: «مياه الأمطار تضيع ونحن نشتري الماء بالصهاريج»\n\nحاورها: كريم منصور\n\n"
    ar += "تعمل الدكتورة سلمى الحداد منذ خمسة عشر عامًا على مشاريع حصاد مياه الأمطار.\n\n"
    ar += "س: دكتورة سلمى، كيف تصفين وضع المياه؟\n\nج: الوضع صعب جدًا.\n\n"
    ar += "س: لماذا لا تُجمع هذه المياه؟\n\nج: كانت تُجمع في الماضي.\n\nس: ما الذي تقترحه دراستك؟\n\nج: خزانات صغيرة.\n"
    ar = "الرئيسية | أخبار | اقتصاد | ثقافة | حوارات | اتصل بنا\n\n" + ar  # (the site's menu over the page: no title)
    doc = parse_text(ar, "hiwar.txt")
    assert [p.speaker for p in doc.passages if p.speaker] == ["كريم منصور", "سلمى الحداد"] * 3
    assert doc.title is not None and "|" not in doc.title
    zh = (
        "法說會逐字稿\n\n主持人 王怡君：\n現在開放提問。\n\n問（元泰證券 張家豪）：\n想請問總經理，今年的成長目標？\n\n"
    )
    zh += "總經理 陳美玲：\n三成以上。\n\n問（富邦投顧 李宛蓉）：\n請問財務長，毛利率呢？\n\n財務長 黃建宏：\n有機會。\n\n"
    zh += "問（元泰證券 張家豪）：\n追問一下，墨西哥廠呢？\n\n總經理 陳美玲：\n影響有限。\n"
    speakers = [p.speaker for p in parse_text(zh, "法說會.txt").passages if p.speaker]
    assert [who.split()[-1] for who in speakers[0::2]] == ["張家豪", "李宛蓉", "張家豪"]  # (not one "問")


def test_a_quebec_inquiry_and_an_examination_taken_up_again() -> None:
    """A Québec commission's transcript heads its witness "GILLES GERVAIS," over "(Sous la même affirmation
    solennelle)" and the examination "INTERROGÉ PAR Me ÉTIENNE LAFLEUR :"; a tribunal's resumes "Examination by
    Ms. Okonkwo: [Continued]" after a break.  The bare Q./R. and Q./A. are the examiner's and the witness's."""
    qc = "LA PRÉSIDENTE :\nBon après-midi. Maître Lafleur, vous pouvez poursuivre.\n\n"
    qc += "Me ÉTIENNE LAFLEUR :\nMerci, Madame la Présidente.\n\nGILLES GERVAIS,\n(Sous la même affirmation solennelle)\n\n"
    qc += "INTERROGÉ PAR Me ÉTIENNE LAFLEUR :\n\nQ. [312] C'est bien votre signature sur le chèque?\nR. Oui, c'est ma signature.\n\n"
    qc += "Q. [313] Le chèque est fait à l'ordre de qui?\nR. Du tournoi de golf.\n\nQ. [314] En 2019?\nR. Je l'ai appris par la suite.\n"
    speakers = [p.speaker for p in parse_text(qc, "commission.txt").passages if p.speaker]
    assert "Interviewer" not in speakers and "Interviewee" not in speakers
    assert speakers[-2:] == [speakers[-4], "Gilles Gervais"] and "Lafleur" in speakers[-2].title()
    icc = "JUDGE VARGA:  We resume.  Ms. Okonkwo.\n\n                Examination by Ms. Okonkwo: [Continued]\n\n"
    icc += "Q.  Witness, before the break you described the checkpoint.  Who ran it?\nA.  Soldiers, I think.\n"
    icc += "Q.  How many?\nA.  Four or five.\nQ.  Armed?\nA.  Yes.\n"
    doc = parse_text(icc, "tribunal.txt")
    assert [p.speaker for p in doc.passages if p.speaker][-6:] == ["Ms. Okonkwo", "Interviewee"] * 3
    assert doc.warnings == []


def test_a_web_interview_names_who_asks_in_its_byline_and_who_answers_in_its_lead() -> None:
    """A trade paper's Q&A page: "By Nate Kowalczyk, Senior Editor · April 2, 2024" over a lead that opens with
    the interviewee ("Olivia Chen-Matthews became chief financial officer..."); a magazine's bold questions under
    "By **Tomás Reyes** · March 9, 2024", its "**Related reading**" links after the last answer no question."""
    page = "<html><body><h1>Q&amp;A: Port authority CFO on automation</h1>"
    page += "<p>By <a href='/a/nk'>Nate Kowalczyk</a>, Senior Editor &middot; April 2, 2024</p>"
    page += "<p><em>Olivia Chen-Matthews became chief financial officer of the Port of Kessington Authority in 2022. "
    page += "She spoke to Freight Ledger about the delays.</em></p>"
    for q, a in [
        ("What happened?", "Two things."),
        ("How much has it cost?", "About $74 million."),
        ("Ten years?", "Twice the volume."),
    ]:
        page += f"<p><strong>Q:</strong> {q}</p><p><strong>A:</strong> {a}</p>"
    page += "</body></html>"
    assert [p.speaker for p in parse_text(page, "qa.html").passages if p.speaker] == [
        "Nate Kowalczyk", "Olivia Chen-Matthews"] * 3  # fmt: skip
    md = '# "The Ice Is Telling Us a Story"\n\nBy **Tomás Reyes** · March 9, 2024 · 8 min read\n\n'
    md += "Ingrid Solberg has spent every summer since 2013 on the Kongsfjord glaciers, drilling cores.\n\n"
    md += "**What has changed?**\n\nThe noise. You hear water everywhere.\n\n**Do models struggle with it?**\n\n"
    md += "Of course.\n\n**Will you go back?**\n\nIn July.\n\n**Related reading**\n\n- [The last winter](/a)\n- [Sea ice](/b)\n"
    doc = parse_text(md, "ice.md")
    assert [p.speaker for p in doc.passages if p.speaker] == ["Tomás Reyes", "Ingrid Solberg"] * 3


def test_bare_answers_after_bare_answers_are_several_people() -> None:
    """A panel's audience Q&A, the panelists' answers all marked "A:" (the header says their microphones could not
    be told apart), one answer after another: read as one answerer, which is all there is to read, and said.  An
    interview whose answers each follow a question, or a named turn, is no such thing."""
    panel = "Panel 4: News deserts\nPanelists: Renée Okafor, Dan Whitlock, Lin Zhao\n\n"
    panel += "Q: My question is for anyone: what about rural counties?\n\nA: I'll take that. The money follows population.\n\n"
    panel += "A: I'd push back a little on that. Some models are tiny.\n\nQ: How fragile?\n\nA: Very.\n\n"
    panel += "A: Can I add something? Half close within three years.\n\nQ: Thank you.\n\nA: Thanks.\n"
    warned = parse_text(panel, "panel.txt").warnings
    assert len(warned) == 1 and warned[0].startswith("2 answers marked without a name follow another answer")
    interview = (
        "Interview with Ada Park\n\nQ: Where were you born?\n\nA: In Leeds.\n\nQ: And then?\n\nA: Manchester.\n\n"
    )
    interview += "THE CHAIR: Let her finish.\n\nA: Then London.\n\nQ: Why?\n\nA: Work.\n"
    assert parse_text(interview, "park.txt").warnings == []
    depo = "Q.  Where were you that night?\nA.  At home.\nA.  I mean, at my sister's, which is next door.\n"
    depo += "Q.  And then?\nA.  I went to bed.\nA.  Around eleven.\nQ.  Alone?\nA.  Yes.\n"
    assert parse_text(depo, "depo.txt").warnings == []


def test_a_briefing_names_its_journalists_in_parentheses_and_says_when_it_cannot() -> None:
    """The African Union's press point: "QUESTION (Jean-Paul Mbarga, Cameroon Tribune) : ..." with French spacing
    before the colon, then "QUESTION (journaliste non identifiée, hors micro) : ...". The first was not read, the
    second went, unsaid, to the moderator before it; once read, it must not go to the journalist named before."""
    text = (
        "POINT DE PRESSE\n\nMODÉRATRICE : Nous passons aux questions. Oui, au premier rang.\n\n"
        "QUESTION (Jean-Paul Mbarga, Cameroon Tribune) : Bonjour. Avec quel financement ?\n\n"
        "M. KONATÉ : Le Fonds pour la paix dispose des ressources.\n\n"
        "MODÉRATRICE : Merci. Oui, Madame, au fond de la salle.\n\n"
        "QUESTION (journaliste non identifiée, hors micro) : Pour la Somalie, quel calendrier ?\n\n"
        "M. KONATÉ : Le calendrier reste celui qui a été convenu.\n\n"
        "MODÉRATRICE : Dernière question. Monsieur, à gauche.\n\n"
        "QUESTION (Ahmed Farouk, Al-Ahram) : Merci. Et le Soudan ?\n\n"
        "M. KONATÉ : Le Soudan fera l'objet d'une réunion.\n"
    )
    doc = parse_text(text, "point.txt")
    said = [(p.speaker, p.text[:12]) for p in doc.passages if p.speaker]
    assert said[1][0] == "Jean-Paul Mbarga" and said[1][1] == "Bonjour. Ave"
    assert said[4][0] not in ("Jean-Paul Mbarga", said[3][0]) and said[4][1] == "Pour la Soma"
    assert said[7][0] == "Ahmed Farouk"


def test_answers_no_one_is_named_for_are_the_witness_who_speaks_under_their_own_label() -> None:
    """A record whose witness takes the oath and gives their name under their own label ("TESTIMONE –"), then
    answers the examination's questions under "RISPOSTA –": the answers went to a placeholder, "Interviewee",
    as if someone else gave them. With one witness's label in the record, in any of the languages records come
    in, the answers are theirs; with none, or with a witness the header names, nothing changes."""
    record = (
        "PRESIDENTE – Facciamo entrare il teste.\n"
        "TESTIMONE – Mi impegno a dire tutta la verità.\nPRESIDENTE – Lei si chiama?\n"
        "TESTIMONE – Rota Enrico, nato a Lucca.\n\nESAME DEL PUBBLICO MINISTERO\n"
        "DOMANDA – Dove lavorava nel 2022?\nRISPOSTA – In un magazzino a Pisa.\n"
        "DOMANDA – Chi le aprì quella sera?\nRISPOSTA – Nessuno, avevo le chiavi.\n"
        "P.M. – Non ho altre domande.\n"
    )
    said = [p.speaker for p in parse_text(record, "udienza.txt").passages if p.speaker]
    assert said == ["Presidente", "Testimone", "Presidente", "Testimone", *["Pubblico Ministero", "Testimone"] * 2,
                    "P.M."]  # fmt: skip
    spanish = record.replace("TESTIMONE", "TESTIGO").replace("DOMANDA", "PREGUNTA").replace("RISPOSTA", "RESPUESTA")
    assert [p.speaker for p in parse_text(spanish, "audiencia.txt").passages if p.speaker][5] == "Testigo"
    without = record.replace("TESTIMONE –", "PRESIDENTE –")
    assert "Interviewee" in {p.speaker for p in parse_text(without, "udienza.txt").passages}


def test_an_italian_examination_heading_names_who_asks() -> None:
    """An Italian court's stenotype record: "ESAME DEL PUBBLICO MINISTERO" then DOMANDA/RISPOSTA, and
    "CONTROESAME DELLA DIFESA – AVV. MANCINI". The questions were an anonymous interviewer's."""
    record = (
        "PRESIDENTE – Prego, Pubblico Ministero.\n\nESAME DEL PUBBLICO MINISTERO\n"
        "DOMANDA – Signor Greco, lei che lavoro faceva?\nRISPOSTA – Ero magazziniere.\n"
        "DOMANDA – Ricorda la notte del 14 ottobre?\nRISPOSTA – Sì, me la ricordo bene.\n"
        "P.M. – Non ho altre domande, Presidente.\n\nCONTROESAME DELLA DIFESA – AVV. MANCINI\n"
        "DOMANDA – Lei era solo?\nRISPOSTA – No, c'era l'autista.\n"
        "AVV. MANCINI – Nient'altro.\n"
    )
    doc = parse_text(record, "udienza.txt")
    asked = [p.speaker for p in doc.passages if p.text.endswith("?") and p.speaker != "Presidente"]
    assert asked == ["Pubblico Ministero", "Pubblico Ministero", "Avv. Mancini"]
    # "DELLA", "DELLE" and "DELL'" are read whole, not as "DEL" and the rest
    for heading, side in [("ESAME DELLA DIFESA", "DIFESA"), ("ESAME DELL'IMPUTATO", "IMPUTATO"),
                          ("CONTROESAME DELLE PARTI CIVILI", "PARTI CIVILI")]:  # fmt: skip
        found = qa._EXAMINATION.match(heading)
        assert found is not None and found.group("it") == side


def test_a_name_alone_over_questions_says_who_asks_them() -> None:
    """An inquest's transcript: counsel examines, then the coroner's name stands alone on its line over her own
    questions ("LA CORONER :" then "Q. [106] Excusez-moi, Maître Gagnon."), then counsel's again: the coroner's
    questions were counsel's. A name or an office alone over a question asks it, as "BY MR. SMITH:" does."""
    text = (
        "EXAMINATION BY MS. GAGNON:\n\nQ. When did you arrive?\n\nA. At 2:58.\n\nQ. What did you see?\n\n"
        "A. The patient on the floor.\n\nTHE CORONER:\n\nQ. Three shocks in all, or before the transport?\n\n"
        "A. Before the transport.\n\nMS. GAGNON:\n\nQ. Thank you. Nothing further.\n"
    )
    asked = [
        p.speaker
        for p in parse_text(text, "inquest.txt").passages
        if p.text.startswith(("When", "What", "Three", "Thank"))
    ]
    assert asked == ["Ms. Gagnon", "Ms. Gagnon", "The Coroner", "Ms. Gagnon"]


def test_a_video_deposition_times_every_line_its_examiner_and_witness_too() -> None:
    """A video deposition's transcript opens every line with the tape's time, "[10:03:10]  BY MS. DRAKE:" and
    "[10:04:15]  THE WITNESS: ...": who examines and who answers are still read through it."""
    lines = [
        "[10:02:41]  MS. DRAKE: Renee Drake on behalf of the plaintiff.",
        "[10:02:44]  MR. COLLIER: Thomas Collier on behalf of the witness.",
        "[10:02:51]                  (Witness sworn.)",
        "[10:03:10]                    LORRAINE VASQUEZ,",
        "[10:03:10]  called as a witness herein, having been first duly sworn, was examined and testified as follows:",
        "[10:03:10]                       EXAMINATION",
        "[10:03:10]  BY MS. DRAKE:",
        "[10:03:12]  Q. Good morning. Could you state your full name for the record?",
        "[10:03:17]  A. Lorraine Vasquez.",
        "[10:03:22]  Q. You've been deposed before?",
        "[10:03:24]  A. Once, about six years ago.",
        "[10:04:09]  Q. Why only two staff?",
        "[10:04:11]  MR. COLLIER: Objection. Foundation.",
        "[10:04:15]  THE WITNESS: One called off sick.",
        "[10:04:22]  BY MS. DRAKE:",
        "[10:04:22]  Q. Who did you ask?",
        "[10:04:24]  A. The nursing supervisor on call.",
    ]
    said = [(p.speaker, p.text) for p in parse_text("\n".join(lines), "deposition.txt").passages if p.speaker]
    assert ("Ms. Drake", "Good morning. Could you state your full name for the record?") in said
    assert ("Lorraine Vasquez", "One called off sick.") in said
    assert ("Ms. Drake", "Who did you ask?") in said
    assert {who for who, _ in said} == {"Ms. Drake", "Mr. Collier", "Lorraine Vasquez"}


def test_a_tribunals_numbered_paragraphs_and_its_index_are_no_ones() -> None:
    """The Fair Work Commission numbers each paragraph on the line over it ("PN12"), and a paragraph without a
    label, after an examination's heading, is the examiner's question: a paragraph number alone was read as one.
    The witness's surname is a word that heads fields ("PRICE"), and the index at the end, its examinations
    with dot leaders, says nothing of who examines."""
    text = (
        "PN6\nTHE DEPUTY PRESIDENT:  Ms Khoury, your first witness is Ms Price?\n\n"
        "PN7\nMS KHOURY:  Yes, Deputy President. I call Janet Price.\n\n"
        "<JANET MAREE PRICE, AFFIRMED                      [10.09 AM]\n\n"
        "<EXAMINATION-IN-CHIEF BY MS KHOURY                [10.09 AM]\n\n"
        "PN8\nMS KHOURY:  Ms Price, could you state your full name?---Janet Maree Price, Coastline Freight.\n\n"
        "PN9\nAnd you've prepared a witness statement?---Yes, I have.\n\n"
        "PN10\nIs it true and correct?---It is.\n\n"
        "PN11\nMS KHOURY:  I tender the statement, Deputy President.\n\n"
        "PN12\nTHE DEPUTY PRESIDENT:  It will be exhibit R1.\n\n"
        "LIST OF WITNESSES, EXHIBITS AND MFIs\n\n"
        "EXAMINATION-IN-CHIEF BY MS KHOURY.......................PN7\n"
    )
    doc = parse_text(text, "transcript.txt")
    said = [(p.speaker, p.text) for p in doc.passages if p.speaker]
    assert ("Ms Khoury", "And you've prepared a witness statement?") in said
    assert ("Janet Maree Price", "It is.") in said
    assert not any(text.startswith("PN") for _, text in said)
    assert not doc.warnings


def test_the_asker_named_after_the_question_mark_with_a_small_title() -> None:
    """A dissertation defence's record names who asks after the question's mark and a dash, a title in small
    letters and initials glued together ("Вопрос – проф. Ершова Н.В.:"): the questions were one "Questioner"'s, and
    the record doubted as a group's label among named speakers."""
    text = "Стенограмма\n\nПредседательствующий: Какие будут вопросы к соискателю?\n\n"
    text += "Вопрос – проф. Ершова Н.В.: На каком объёме данных обучалась модель?\n\n"
    text += "Соискатель: На данных двух печей за три года.\n\n"
    text += "Вопрос – доц. Гусейнов Т.А.: Как учитывается влияние погоды?\n\n"
    text += "Соискатель: В модель введена поправка.\n\nВопрос – проф. Ершова Н.В.: А зимой?\n\n"
    text += "Соискатель: Зимой тоже.\n\nВопрос – вопрос из зала: А цена?\n\nСоискатель: Низкая.\n\n"
    text += "Председательствующий: Спасибо.\n"
    doc = parse_text(text, "zashchita.txt")
    assert [p.speaker for p in doc.passages if p.speaker] == [
        "Председательствующий", "Ершова Н.В.", "Соискатель", "Гусейнов Т.А.", "Соискатель", "Ершова Н.В.",
        "Соискатель", "Questioner", "Соискатель", "Председательствующий"
    ]  # fmt: skip
    assert not is_uncertain(doc.convention)


def test_a_print_interviews_questions_in_italics_under_a_standfirst() -> None:
    """A magazine prints each question in italics (as others do in bold) with the answer below; the standfirst
    over the first question, set in bold and asking nothing, is no question of the interviewer's."""
    text = "# The bees don't read the calendar\n\n**Tamsin Rhys-Owen keeps bees. Leo Marchbanks asked her about "
    text += "winters.**\n\n*You started with two hives. Is that right?*\n\nMore or less. An old man died.\n\n"
    text += "*What has changed most?*\n\nThe winters. We used to have a break.\n\n*And now?*\n\nNow I open a hive.\n"
    doc = parse_text(text, "bees.md")
    assert [(p.speaker, p.text[:20]) for p in doc.passages] == [
        (None, "Tamsin Rhys-Owen kee"), ("Interviewer", "You started with two"), ("Interviewee", "More or less. An old"),
        ("Interviewer", "What has changed mos"), ("Interviewee", "The winters. We used"),
        ("Interviewer", "And now?"), ("Interviewee", "Now I open a hive."),
    ]  # fmt: skip


def test_a_print_interview_names_who_asks_from_its_byline_or_its_reporters_credit() -> None:
    """A Spanish paper's interview under "Pregunta./Respuesta." marks names its journalist only in the byline's line
    of details ("**Marta Olano** | Vitoria - 3 mar 2025 - 06:00 CET"); a Chinese paper's, set in bold questions,
    in its credit ("文/图　本报记者　陈思远") and the person it interviews at the lead's start ("李桂芳，1961年生") as
    the title does.  Those questions went to "Interviewer", and the Chinese answers to "Interviewee"."""
    es = "# Iñaki Sarasola, hidrólogo: «El agua ya no se puede dar por hecha»\n\n"
    es += "**Marta Olano** | Vitoria - 3 mar 2025 - 06:00 CET\n\n"
    es += "Iñaki Sarasola (Tolosa, 58 años) estudia los acuíferos del País Vasco desde hace treinta años.\n\n"
    for q, a in [
        ("¿Le preocupa la sequía de este invierno?", "Mucho. Los embalses están al cuarenta por ciento."),
        ("¿Qué deberían hacer los ayuntamientos?", "Reparar las fugas. Se pierde uno de cada cuatro litros."),
        ("¿Y los ciudadanos?", "Ahorrar, pero sobre todo exigir que se invierta en la red."),
    ]:
        es += f"**P.** {q}\n\n**R.** {a}\n\n"
    doc = parse_text(es, "entrevista.md")
    assert [p.speaker for p in doc.passages if p.speaker] == ["Marta Olano", "Iñaki Sarasola"] * 3
    zh = "# 一根针，绣出三十年\n\n## 专访省级非遗项目传承人李桂芳\n\n*文/图　本报记者　陈思远*\n\n"
    zh += "> 李桂芳，1961年生，从事刺绣四十余年。\n\n"
    for q, a in [
        ("您是几岁开始学刺绣的？", "八岁吧。那时候跟着母亲学。"),
        ("刺绣最难的是什么？", "难在耐心。一幅作品要绣半年。"),
        ("现在年轻人愿意学吗？", "比前几年多了，文化馆每年都办班。"),
    ]:
        zh += f"**{q}**\n\n{a}\n\n"
    doc = parse_text(zh, "专访.md")
    assert [p.speaker for p in doc.passages if p.speaker] == ["陈思远", "李桂芳"] * 3


def test_an_interview_whose_labels_were_lost_is_said_to_be_unread() -> None:
    """A radio interview pasted from a web page as one run of words, its labels and paragraphs lost, under "Entrevista
    a ...": no speaker can be read, and the import says so rather than calling it a document without speakers."""
    text = "Entrevista a Lucía Ferrer, alcaldesa de Valdemora, en Radio Comarca.\n\n"
    text += "Buenos días, alcaldesa. Buenos días. ¿Cómo está el pueblo? El agua ha bajado, pero falta luz en la Vega. "
    text += "¿Cuántas personas han salido de sus casas? Ochenta, según Protección Civil. ¿Ha llegado la ayuda? "
    text += "Ha llegado maquinaria, pero dinero ninguno. ¿Y cuánto se tarda? Eso me gustaría saber a mí.\n"
    doc = parse_text(text, "entrevista.txt")
    assert is_uncertain(doc.convention) and not any(p.speaker for p in doc.passages)
    assert any("calls itself an interview" in w for w in doc.warnings)
    # an essay that says whom it is about and asks nothing is a document without speakers, as before
    essay = "Entrevista a Lucía Ferrer: notas de lectura.\n\nLa alcaldesa habló del agua y de la luz. Nada más.\n"
    plain = parse_text(essay, "notas.txt")
    assert not is_uncertain(plain.convention) and not plain.warnings
