"""Normalise a page before looking for speakers: take off what repeats mechanically and is not speech.

Documents converted from PDF or print carry furniture that has nothing to do
with who said what: a line number before every line (court transcripts number
1 to 25 on every page), running headers and footers ("Official - Subject to
Final Review", "Alderson Reporting Company", "Page 27"), bare page numbers,
a quoting prefix on every line (`> `), layout padding (long runs of spaces),
and double spacing.  All of it is found from the document itself (what
recurs, where), never from a list of known publishers, and everything taken
off is recorded with its reason (`Stripped`) so no word is lost silently.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from sayso.corpus.importers.grammar import match_alone, match_record, talks
from sayso.corpus.importers.names import Label, is_name_like, match_label, mentioned_names, name_key, names_a_person

#: A line number at the start of a line ("13   GENERAL VERRILLI: ...", " 4 to the ...").
#: (or four: a qualitative study's transcript numbers its lines through, "001  I:", for coding software)
_LINE_NUMBER = re.compile(r"^[ \t]*(\d{1,2}|0\d{2,3})(?:[ \t]+|$)")  # (three or four digits zero-padded: not years)
#: A line that is only a page number ("6", "- 6 -", "Page 51", "12 of 40").
_PAGE_NUMBER = re.compile(
    r"^[ \t]*(?:[-–—][ \t]*)?(?:page[ \t]+)?\d{1,4}(?:[ \t]*(?:of|/)[ \t]*\d{1,4})?(?:[ \t]*[-–—])?[ \t]*$", re.I
)
#: A page marker in brackets, as printed records and law reports put them between paragraphs, even
#: mid-sentence ("[Page 12]", "[[Page S8536]]" with its section letter, "[*12]" star paging).
_PAGE_MARKER = re.compile(r"^[ \t]*\[{1,2}(?:page[ \t]+[A-Z]?|\*)\d{1,6}\]{1,2}[ \t]*$", re.I)
#: A clock-time marker a record sets between speeches ("{time}  1117").
_TIME_MARKER = re.compile(r"^[ \t]*\{time\}[ \t]*\d{3,4}[ \t]*$", re.I)
#: Layout padding inside a line: pdftotext -layout justifies with long runs of spaces.
_PADDING = re.compile(r"(?<=\S)[ \t]{3,}(?=\S)")
#: A counter (a tape's, a line's), a wide gap, a name, a wide gap, the words: a record set out in columns.
#: (or a tape's time, "00:27     DC ABERNETHY  Detective Constable...", the name filling its column)
_COUNTER_ROW = re.compile(
    r"^[ \t]*(\d{1,6}|\d{1,2}(?::\d{2}){1,2})[ \t]{3,}([^\W\d_](?:[^\t]*?\S)?)(?:[ \t]{3,}|(?<=\S)  (?=\S))(\S.*)$"
)
#: A question or answer mark and the wide gap after it, opening a line ("     Q    Did you ...").
_QA_GAP = re.compile(r"^[ \t]*([QA]\.?)[ \t]{2,}(?=\S)")
#: A name in capitals in a column of its own, a wide gap, then the words: "KRISTINE   Du begynte..." (one to three
#: words; checked to be in capitals).
_NAME_GAP = re.compile(r"^[ \t]*([^\W\d_][^\W\d_'’.\-]*(?: [^\W\d_][^\W\d_'’.\-]*){0,2})[ \t]{3,}(?=\S)")
#: Prefixes that quote or box every line.
_QUOTE_PREFIX = re.compile(r"^[ \t]*(?:>(?!>)|\|)[ \t]?")
#: A parenthesised aside in a line ("(10:03 a.m.)").
_ASIDE = re.compile(r"\([^()]*\)")
#: Sentence punctuation that ends speech, not furniture: what a line of finished speech ends with
#: (trailing whitespace aside).
SPEECH_ENDS = '.!?…"”’)'


@dataclass
class Stripped:
    """Source text left out of the passages, and why."""

    reason: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"reason": self.reason, "text": self.text}


@dataclass
class Page:
    """The lines of a document with its furniture taken off, and what was taken."""

    lines: list[str]
    stripped: list[Stripped] = field(default_factory=list)
    #: short human descriptions of what normalising did ("line numbers 1-25 on 412 lines")
    notes: list[str] = field(default_factory=list)
    #: the lines were numbered: fixed-width lines of a court reporter, not paragraphs
    numbered: bool = False
    #: lines (by index, until the lines are renumbered) that were a page break's furniture or marker
    breaks: set[int] = field(default_factory=set)


def _line_numbered(lines: list[str]) -> bool:
    """True when most lines start with a running line number (1, 2, 3 ... restarting on each page)."""
    numbers: list[int] = []
    body = 0
    for line in lines:
        if not line.strip():
            continue
        body += 1
        m = _LINE_NUMBER.match(line)
        if m:
            numbers.append(int(m.group(1)))
    if body < 6 or len(numbers) < 0.5 * body:  # (a page's first lines pasted alone are numbered too)
        return False
    steps = sum(1 for a, b in itertools.pairwise(numbers) if b == a + 1 or (b == 1 and a >= 10))
    return steps >= 0.7 * (len(numbers) - 1)


def _shape(line: str) -> str:
    """A line's identity for spotting running headers: spacing folded, digits alike."""
    return re.sub(r"\d+", "#", " ".join(line.split())).casefold()


def normalise(lines: list[str]) -> Page:
    """Take furniture off `lines` (already split, newlines folded); see the module docstring."""
    page = Page(lines=list(lines))
    _strip_quote_prefix(page)
    _strip_line_numbers(page)
    _strip_margin_numbers(page)
    _strip_markers(page)
    _strip_rules_and_turn_numbers(page)
    _strip_cue_numbers(page)
    _strip_question_numbers(page)
    _strip_paragraph_numbers(page)
    _strip_page_furniture(page)
    _strip_word_index(page)
    _strip_padding(page)
    _join_page_breaks(page)
    _single_space(page)
    _close_letter_spacing(page)
    _wiki_bold(page)
    _speaker_fields(page)
    return page


#: A line that is a field and its value alone: "Interviene: Magistrada Lucía Bermúdez Ríos", "Speaker: Ada Park".
_FIELD_LINE = re.compile(
    r"^[ \t]*(?P<key>[^\W\d_][^\W\d_]*(?: [^\W\d_]+)?)[ \t]*:[ \t]+(?P<value>[^:\n]{2,80}?)[ \t]*$"
)


#: The words such a field goes by, that it says who speaks ("Interviene", "Speaker", "Spricht"), in the languages
#: records come in; folded.
_SPEAKS = frozenset(
    [
        "speaker",
        "speaking",
        "speaks",
        "interviene",
        "intervienen",
        "interviniente",
        "intervención",
        "intervencion",
        "habla",
        "hablante",
        "orador",
        "oradora",
        "intervient",
        "intervenant",
        "intervenante",
        "intervention",
        "parle",
        "interviene",
        "intervento",
        "parla",
        "oratore",
        "fala",
        "orador",
        "oradora",
        "intervém",
        "sprecher",
        "sprecherin",
        "spricht",
        "redner",
        "rednerin",
        "spreker",
        "spreekt",
        "talare",
        "taler",
        "puhuja",
        "mówca",
        "mówi",
        "przemawia",
        "vystupuje",
        "řečník",
        "говорит",
        "выступает",
        "выступающий",
        "говорить",
        "виступає",
        "промовець",
        "konuşmacı",
        "konuşan",
        "pembicara",
        "vorbitor",
        "vorbește",
        "beszélő",
    ]
)


def _speaker_fields(page: Page) -> None:
    """A field that says who speaks over each turn ("Interviene: Magistrada Lucía Bermúdez Ríos" over the words,
    as Colombian and Spanish records write it; "Speaker: Ada Park"): the same word three times or more, over two
    people or more, each value a person (a full name, a title and a name, a role) and each followed by words.
    Such a line is written as its value alone, a label over the words ("Magistrada Lucía Bermúdez Ríos:"), the
    field's word dropped as a record's furniture.  A header's fields ("Fecha: 19 de junio"), an agenda's
    ("Item: Budget Review") and minutes' ("Action: Jo Fenwick") are no such word's, whatever they name."""
    found: dict[str, list[tuple[int, str]]] = {}
    for i, line in enumerate(page.lines):
        # (the field's word looked up first: most lines of a transcript have a colon, few such a word before it)
        word, colon, _ = line.partition(":")
        if colon and word.strip().casefold() in _SPEAKS and (m := _FIELD_LINE.match(line)) is not None:
            found.setdefault(m.group("key").casefold(), []).append((i, m.group("value")))
    for key, places in found.items():
        values = {v for _, v in places}
        if len(places) < 3 or not 2 <= len(values) < len(places):
            continue  # (someone speaks twice at least: a list of authors over their abstracts is no talk)
        if not all(_a_person(v) for v in values):
            continue
        if not all(_words_follow(page.lines, i) for i, _ in places):
            continue
        if not all(i == 0 or not page.lines[i - 1].strip() for i, _ in places):
            continue  # (a programme's "Speaker: Dr. Ana Ruiz" under each talk's time and title: whose talk it is)
        ended = [_sentence_before(page.lines, i) for i, _ in places[1:]]
        if 2 * sum(ended) < len(ended):
            continue  # (nor under a title set apart: the paragraph before each, after the first, is a turn's words)
        if not talks([Label(v, _next_words(page.lines, i), "plain") for i, v in places]):
            continue
        for i, value in places:
            page.lines[i] = value + ":"
        page.stripped.append(Stripped("field naming the speaker", f"{key}: ({len(places)} times)"))


def _a_person(value: str) -> bool:
    """A field's value that is someone: a name, or an office in small letters and a name ("Abogado defensor Camilo
    Suárez"), never a sentence."""
    if value.rstrip().endswith((".", "?", "!", ",", ";")) or not value[:1].isupper():
        return False
    return names_a_person(value) and (is_name_like(value) or is_name_like(" ".join(value.split()[-2:])))


def _sentence_before(lines: list[str], i: int) -> bool:
    """Whether the nearest line above line `i` that holds anything ends as a sentence does."""
    above = next((l.strip() for l in reversed(lines[max(0, i - 4) : i]) if l.strip()), "")
    return above[-1:] in _SENTENCE_ENDS


_SENTENCE_ENDS = set(".!?…。！？؟\"'”’»)")


def _next_words(lines: list[str], i: int) -> str:
    """The next line after line `i` that holds anything."""
    return next((l for l in lines[i + 1 : i + 4] if l.strip()), "")


def _words_follow(lines: list[str], i: int) -> bool:
    """Whether the next line that is not blank holds words that are no field of that kind."""
    nxt = next((l for l in lines[i + 1 : i + 4] if l.strip()), "")
    return bool(nxt) and _FIELD_LINE.match(nxt) is None


#: A line opening with a name in MediaWiki's bold ("'''Kardos Péter:''' Jó estét", "'''Eszter''': Tisza."), as
#: wikis and Wikisource set who speaks: three apostrophes each side, the colon inside or after.
_WIKI_BOLD = re.compile(r"^(?P<lead>[ \t:*#]*)'''(?P<name>[^'\n]{1,60}?)'''(?!')")


def _wiki_bold(page: Page) -> None:
    """Names in MediaWiki's bold at the start of lines, three such lines or more, are written in Markdown's
    ("**Kardos Péter:**"), which the labels read as a name in bold; the words after them stay as they are.  A
    wiki's headings ("== 1. forduló ==") are written as Markdown's too ("## 1. forduló"), so that they part the turns
    as headings do; its other markup (templates, italics, links) is left to be read as text."""
    found = [
        (i, m)
        for i, line in enumerate(page.lines)
        if line[:6].lstrip(" \t:*#").startswith("'''") and (m := _WIKI_BOLD.match(line))
    ]
    if len(found) < 3:
        return
    said = [Label(m.group("name").strip(" :"), page.lines[i][m.end() :].lstrip(" :"), "plain") for i, m in found]
    heard = Counter(name_key(l.raw) for l in said)
    if not talks(said) or 2 * sum(1 for l in said if heard[name_key(l.raw)] >= 2) < len(said):
        # (a wiki's "who's who", "'''Marta Alves:''' engineering manager, ...", each name once: people and
        # terms with what they are, not turns; in talk most names are heard again)
        return
    for i, m in found:
        page.lines[i] = m.group("lead") + "**" + m.group("name") + "**" + page.lines[i][m.end() :]
    for i, line in enumerate(page.lines):
        if line[:2] == "==" and (h := _WIKI_HEADING.match(line)) is not None:
            page.lines[i] = "#" * len(h.group(1)) + " " + h.group(2)


#: A MediaWiki heading: "== Bemutatkozás ==", "=== 1. forduló ===".
_WIKI_HEADING = re.compile(r"^(={2,6})[ \t]*([^=\n]+?)[ \t]*\1[ \t]*$")


#: A name set letter-spaced at the start of a line, as old plays print who speaks ("H e l e n e. Ist er...",
#: "D e r  P f a r r e r (tritt ein)."): single letters a space apart, two spaces between words, then a full stop,
#: a colon or a parenthesis.
_LETTER_SPACED = re.compile(
    r"^(?P<lead>[ \t]*)(?P<name>[^\W\d_](?: [^\W\d_]){2,}(?: {2,3}[^\W\d_](?: [^\W\d_])+)*)(?=[ \t]*[.:(,])"
)


def _close_letter_spacing(page: Page) -> None:
    """Names set letter-spaced at the start of lines, as German, Czech or Russian plays print their speakers, are
    written as words in capitals ("HELENE", "DER PFARRER"), as other printings set a play's speakers, where three
    lines or more open with one: emphasis of type, not letters of words.  Elsewhere in a line, letter-spacing is
    emphasis within the text and stays."""
    found = []
    for i, line in enumerate(page.lines):
        opening = line.lstrip(" \t") if line[:1] in (" ", "\t") else line
        # (a letter, a space, a letter, a space: looked for with a pattern only where a line opens so)
        if opening[1:2] == " " and opening[3:4] == " " and (m := _LETTER_SPACED.match(line)):
            found.append((i, m))
    if len(found) < 3:
        return
    for i, m in found:
        words = " ".join(word.replace(" ", "").upper() for word in re.split(r" {2,3}", m.group("name")))
        page.lines[i] = m.group("lead") + words + page.lines[i][m.end() :]


#: A number in the margin before a line, or alone on it: "10  MS ROBERTSON:  Ms Collins, ...", " 5".
_MARGIN_NUMBER = re.compile(r"^[ \t]*(\d{1,2})(?:[ \t]{2,}(?=\S)|[ \t]*$)")
_MARGIN_FIRSTS = " \t0123456789"


def _strip_margin_numbers(page: Page) -> None:
    """Line numbers every fifth line (1, 5, 10 ... 45, then 1 again on the next page), as Australian and English
    transcripts print them in the margin: taken off, like numbers on every line (a label after one was no
    label).  Only where such numbers run in that order, six of them at the least."""
    if page.numbered:
        return
    found = [
        (i, int(m.group(1)))
        for i, line in enumerate(page.lines)
        if line[:1] in _MARGIN_FIRSTS and (m := _MARGIN_NUMBER.match(line))
    ]
    if len(found) < 6:
        return
    numbers = [n for _, n in found]
    fifths = sum(1 for n in numbers if n == 1 or (n % 5 == 0 and n <= 60))
    steps = sum(
        1 for a, b in itertools.pairwise(numbers) if b == a + 5 or (a == 1 and b == 5) or (b in (1, 5) and a >= 15)
    )
    if fifths < 0.9 * len(numbers) or steps < 0.7 * (len(numbers) - 1):
        return
    for i, _ in found:
        m = _MARGIN_NUMBER.match(page.lines[i])
        assert m is not None
        page.lines[i] = page.lines[i][m.end() :]
    page.numbered = True
    page.notes.append(f"margin line numbers on {len(found)} lines")
    page.stripped.append(Stripped("line numbers", f"{len(found)} line numbers in the margin"))


def _strip_quote_prefix(page: Page) -> None:
    body = [l for l in page.lines if l.strip()]
    if len(body) < 5:
        return
    quoted = sum(1 for l in body if _QUOTE_PREFIX.match(l))
    if quoted < 0.9 * len(body):
        return
    page.lines = [_QUOTE_PREFIX.sub("", l, count=1) for l in page.lines]
    page.notes.append(f"a quoting prefix on {quoted} lines")


def _strip_line_numbers(page: Page) -> None:
    if not _line_numbered(page.lines):
        return
    out: list[str] = []
    count = 0
    previous = 0
    for i, line in enumerate(page.lines):
        m = _LINE_NUMBER.match(line) if line.strip() else None
        if m:
            n = int(m.group(1))
            in_sequence = n == previous + 1 or (n == 1 and previous >= 10)
            if not line[m.end() :].strip() and not in_sequence:
                out.append(line)  # a bare number out of sequence is a page number (see below)
                continue
            previous = n
            out.append(line[m.end() :])
            count += 1
        elif line.strip() and _PAGE_NUMBER.match(line) and not line.strip().isdigit():
            # "Page 15" between numbered pages: however short the document, the page's furniture
            page.stripped.append(Stripped("page number", line.strip()))
            page.breaks.add(i)
            out.append("")
        else:
            out.append(line)
    page.lines = out
    page.numbered = True
    page.notes.append(f"line numbers on {count} lines")
    page.stripped.append(Stripped("line numbers", f"{count} line numbers"))


#: A record's markup around a line, a word or two in double angle brackets at both its ends, as the Knesset's
#: protocols are exported: "<< יור >> היו"ר יעל כהן: << יור >>", "<< דובר >> ... << דובר >>".
_TAG = re.compile(r"<<[ \t]*([^<>\n]{1,20}?)[ \t]*>>")


def _tagged(line: str) -> tuple[str, str] | None:
    """(the tag, the line inside) where `line` is wrapped in one tag at both ends, else None (no regular
    expression spans the line: a padded line that opens with "<<" and never closes would make one backtrack)."""
    s = line.strip()
    if not (s.startswith("<<") and s.endswith(">>")):
        return None
    head = _TAG.match(s)
    cut = s.rfind("<<")
    tail = _TAG.fullmatch(s, cut) if head is not None and cut >= head.end() else None
    if head is None or tail is None or head.group(1).strip() != tail.group(1).strip():
        return None
    return head.group(1).strip(), s[head.end() : cut].strip()


def _strip_markers(page: Page) -> None:
    """Bracketed page markers and clock-time markers: unambiguous wherever they stand, so taken off
    even where the page has too few of them for the page-break heuristics below; and a record's markup
    around a line (the line itself is kept)."""
    kinds: Counter[str] = Counter()
    for i, line in enumerate(page.lines):
        if line[:1] in "< \t" and line.lstrip().startswith("<<"):
            if (tagged := _tagged(line)) is not None:
                kinds["markup tag"] += 1
                page.stripped.append(Stripped("markup tag", f"<< {tagged[0]} >>"))
                line = page.lines[i] = tagged[1]
        reason = "page marker" if _PAGE_MARKER.match(line) else "time marker" if _TIME_MARKER.match(line) else ""
        if reason:
            kinds[reason] += 1
            page.stripped.append(Stripped(reason, " ".join(line.split())))
            page.lines[i] = ""
            page.breaks.add(i)
    if kinds:
        page.notes.append(", ".join(f"{n} {k}s" for k, n in kinds.items()))


#: Capitalised words, roles in parentheses, a colon and words: a speaker's line, whatever the names look like.
_LABEL_SHAPED = re.compile(r"^(?:[A-Z][\w'’.\-]*[ \t]+){0,5}[A-Z][\w'’.\-]*(?:[ \t]*\([^()]{1,60}\))*[ \t]*:[ \t]+\S")


_WIDE_GAP = re.compile(r"\S[ \t]{4,}(?=\S)")


def _said(line: str) -> bool:
    """A speaker's words ("The President: I recognise Senator Lawal.", "Mme la présidente. La parole est à M. Le
    Bihan.") or a record's note ("(Laughter.)")."""
    s = line.strip()
    if s.startswith("(") and s.endswith(")"):
        return True
    if len(_WIDE_GAP.findall(s)) >= 2 and s[-1:] not in ".!?…":
        return False  # (a running head's columns: "TBMM      B: 54      12 . 3 . 2025      O: 1")
    label = match_label(s) or match_record(s)
    return (label is not None and label.said) or _LABEL_SHAPED.match(s) is not None


def _a_name_over_words(lines: list[str], i: int) -> bool:
    """Whether line `i` is a name alone on its line ("Ada Park") with words right under it: a speaker's label."""
    s = lines[i].strip()
    below = lines[i + 1].strip() if i + 1 < len(lines) else ""
    return 0 < len(s.split()) <= 5 and s[-1:] not in ".,;!?" and is_name_like(s.rstrip(":").strip()) and bool(below)


def _under_a_name(lines: list[str], i: int) -> bool:
    """Whether line `i` stands right under a name alone on its line ("Ada Park", then her words): a speaker's
    words, however often said, not a page's furniture."""
    above = next((lines[k].strip() for k in range(i - 1, max(-1, i - 3), -1) if lines[k].strip()), "")
    return 0 < len(above.split()) <= 5 and above[-1:] not in ".,;!?" and is_name_like(above.rstrip(":").strip())


def _timed_label(line: str) -> bool:
    """A speaker's label with the time they spoke, over their words: Rev's "Ada Park (00:01:02):".  Its shape
    (digits aside) recurs as a running header's does, and in a short page it may stand as near the breaks."""
    label = match_label(line.strip())
    if label is not None and label.time is not None:
        return True
    # (or alone on its line with the time of the message: a chat's "Priya Raman  10:42 AM" over her words)
    alone = match_alone(line.strip(), None, None)
    return alone is not None and alone.time is not None


def _rising(marks: list[str]) -> bool:
    """Whether bare numbers read as page numbers go up as pages do (most steps, a missing page or a repeated
    one aside, each series of them on its own): a chat's reaction counts ("2", "3", "4", "4", "1") or a list's numbers on their own lines
    do not, and the lines beside them are no page's furniture."""
    # (each series on its own: a record may number its pages twice, "989" beside "Page 53")
    series: dict[str, list[int]] = {}
    for mark in marks:
        m = re.search(r"\d+", mark)
        if m:
            series.setdefault(_shape(mark), []).append(int(m.group()))
    steps = [b > a for numbers in series.values() for a, b in itertools.pairwise(numbers)]
    return not steps or sum(steps) >= 0.7 * len(steps)


def _strip_page_furniture(page: Page) -> None:
    """Bare page numbers, and lines that recur beside page breaks (running headers and footers)."""
    lines = page.lines
    body_index = [i for i, l in enumerate(lines) if l.strip()]
    if len(body_index) < 20:
        return
    page_marks = [i for i in body_index if _PAGE_NUMBER.match(lines[i])]
    if len(page_marks) < 2 or not _rising([lines[i] for i in page_marks]):
        return
    # Positions (in body order) of the page breaks, and each body line's place beside the nearest one.
    order = {i: k for k, i in enumerate(body_index)}
    marks = [order[i] for i in page_marks]
    beside: dict[int, int] = {}  # body line -> its distance from a page number, in body lines (-3..3)
    for k in marks:
        for d in range(-3, 4):
            if 0 <= k + d < len(body_index) and abs(beside.get(body_index[k + d], 9)) > abs(d):
                beside[body_index[k + d]] = d
    #: the last body lines, by their distance from the document's end (1..3), where the last page's footer is
    ends = {i: len(body_index) - k for k, i in enumerate(body_index) if len(body_index) - k <= 3}
    by_shape: dict[str, list[int]] = {}
    for i in body_index:
        by_shape.setdefault(_shape(lines[i]), []).append(i)
    furniture: set[int] = set(page_marks)
    for shape, where in by_shape.items():
        if len(where) < 2 or len(shape) > 140 or shape.strip("# ") == "" or _timed_label(lines[where[0]]):
            continue
        if all(_a_name_over_words(lines, i) for i in where):
            continue  # (a speaker's name on its own line over their words, however often near a page break)
        if len(where) == 2:
            # (in a document of two pages, a header or footer comes twice: beside both page numbers, or as a
            # footer beside the page number and again at the document's end, on the same side of both; and it
            # is no speaker's words)
            spots = [beside.get(i, -ends[i] if i in ends else None) for i in where]
            # (or a header at the top of each page: right after the first page's number, and on the first page
            # before any number, where no number comes before it)
            # (not a sentence said again at a page's top: "10:21:03    CLERK    All rise.")
            topped = (
                spots[1] in (1, 2)
                and where[0] < page_marks[0]
                and len(shape.split()) >= 4
                and lines[where[0]].strip()[-1:] not in ".!?…:"
            )
            if (
                len(marks) == 2
                and (None not in spots or topped)
                and (
                    topped
                    or spots[0] == spots[1]
                    or ((spots[0] or 0) * (spots[1] or 0) > 0 and len(shape.split()) >= 4)
                )
                and not _said(lines[where[0]])
                and not any(_under_a_name(lines, i) for i in where)
            ):
                furniture.update(where)
            continue
        # A running header or footer keeps its place on the page: most of the times it comes, at the same
        # distance from the page number, or near it if it is not a speaker's words or a record's note.  A line
        # of speech said again ("I recognise Senator Lawal.") may fall near page breaks by chance.
        places = Counter(beside[i] for i in where if i in beside)
        if places and places.most_common(1)[0][1] >= 0.5 * len(where):
            furniture.update(where)
        elif sum(places.values()) >= 0.5 * len(where) and not _said(lines[where[0]]):
            furniture.update(where)  # a header that moves a line or two with the page's layout
    if not furniture:
        return
    kinds: Counter[str] = Counter()
    for i in sorted(furniture):
        text = " ".join(lines[i].split())
        reason = "page number" if i in page_marks else "page header or footer"
        kinds[reason] += 1
        page.stripped.append(Stripped(reason, text))
        lines[i] = ""
        page.breaks.add(i)
    page.notes.append(", ".join(f"{n} {k}s" for k, n in kinds.items()))


_PAGE_LINE_REF = re.compile(r"(?<![\[(\d:])\b\d{1,3}:\d{1,2}\b(?![\])\d:])")


def _digit_colon_digit(line: str) -> bool:
    """Whether a colon in `line` stands between two digits, as every page:line reference's does (looked for
    colon by colon: the reference pattern, tried at every character, is slow over a long line of speech)."""
    at = line.find(":", 1)
    while at != -1 and at < len(line) - 1:
        if line[at - 1].isdigit() and line[at + 1].isdigit():
            return True
        at = line.find(":", at + 1)
    return False


def _index_line(line: str) -> bool:
    """Index entries are a word or two and their references; a timed line of speech has more words."""
    refs = len(_PAGE_LINE_REF.findall(line)) if _digit_colon_digit(line) else 0
    if not refs:
        return False
    words = sum(1 for w in line.split() if any(c.isalpha() for c in w))
    return words <= 2 * refs + 1


def _strip_word_index(page: Page) -> None:
    """A court reporter's word index at the end ("ability 20:1,12 41:16 ..."): page:line references, not speech."""
    lines = page.lines
    body = [i for i, l in enumerate(lines) if l.strip()]
    if len(body) < 60:
        return
    # Walk back from the end while the lines are mostly references (most documents stop after 20 lines).
    start = len(body)
    hits = 0
    for k in range(len(body) - 1, int(len(body) * 0.5), -1):
        ref = _index_line(lines[body[k]])
        hits += ref
        seen = len(body) - k
        if seen >= 20 and hits < 0.8 * seen:
            break
        if ref and hits >= 0.8 * seen:
            start = k
    if len(body) - start < 20:
        return
    for k in range(start, len(body)):
        i = body[k]
        page.stripped.append(Stripped("word index", " ".join(lines[i].split())))
        lines[i] = ""
    page.notes.append(f"a word index of {len(body) - start} lines")


#: A line that is only a rule: "-----", "=====" (a wire service's transcript draws one around each label).
_RULE = re.compile(r"^[ \t]*(?:-{8,}|={8,}|_{8,}|\*{8,})[ \t]*$")
_UNDERLINE = re.compile(r"^[ \t]*(?:-{3,}|={3,}|~{3,})[ \t]*$")
#: A turn's number after a label, in brackets after a wide gap: Refinitiv's "Jane Doe, Acme Corp - CEO   [2]".
_RULE_STARTS = frozenset("-=_* \t")
_TURN_NUMBER = re.compile(r"(?<=\S)[ \t]{2,}\[(\d{1,4})\]$")


def _strip_rules_and_turn_numbers(page: Page) -> None:
    """Rules drawn with dashes or equals signs (three or more rules; eight signs or more, or three under a line of
    words: an underline), and the turn numbers after labels where they
    count up through the document ("Operator   [1]", "Jane Doe, Acme Corp - CEO   [2]"): layout, not words."""
    rules: list[int] = []
    numbered: list[tuple[int, int]] = []
    for i, line in enumerate(page.lines):
        # (a line is looked at only where its first or last character could make it one: most lines are words)
        if line[:1] in _RULE_STARTS and (
            _RULE.match(line) or (i and page.lines[i - 1].strip() and _UNDERLINE.match(line) and rules[-1:] != [i - 1])
        ):
            # (or shorter, under a line of words: a name or a heading underlined, "Noa" over "------")
            rules.append(i)
        elif line[-1:] == "]" and (m := _TURN_NUMBER.search(line)):
            numbered.append((i, int(m.group(1))))
    # (counting up from 1 again where a section starts: StreetEvents' questions and answers after the presentation)
    steps = [b - a for (_, a), (_, b) in itertools.pairwise(numbered)]
    counts_up = (
        len(numbered) >= 3
        and all(step == 1 or (after == 1 and step < 0) for step, (_, after) in zip(steps, numbered[1:]))
        and 2 * steps.count(1) >= len(steps)
    )
    if len(rules) < 3 and not counts_up:
        return
    # (turn numbers first: an underline's line takes the place of the label it underlines)
    if counts_up:
        for i, _ in numbered:
            m = _TURN_NUMBER.search(page.lines[i])
            assert m is not None
            page.stripped.append(Stripped("turn number", m.group().strip()))
            page.lines[i] = page.lines[i][: m.start()]
        page.notes.append(f"{len(numbered)} turn numbers")
    if len(rules) >= 3:
        for i in rules:
            page.stripped.append(Stripped("rule", page.lines[i].strip()))
            if _underlines(page.lines, i) and i - 1 not in rules:
                # an underline: what it underlines takes its place, right over the words below it ("Noa" over
                # "------" over "Shalom..."), as a name alone over its turn is written without one
                page.lines[i], page.lines[i - 1] = page.lines[i - 1], ""
                continue
            page.lines[i] = ""
        page.notes.append(f"{len(rules)} rules")


#: A cue's number before a label, as radio and stage scripts number their cues: "12.  EDITH:  Is it?".
_CUE_NUMBER = re.compile(r"^[ \t]*(\d{1,3})[.)][ \t]+(?=\S)")


def _strip_cue_numbers(page: Page) -> None:
    """Cue numbers that count up before the labels of a script ("1.  SFX: ...", "2.  EDITH: ..."), from 1 again
    where a scene or a page starts: layout, not words.  Only where six of them or more count up so, nine in ten
    of them before a label (a numbered list's items are not labels)."""
    found = [
        (i, int(m.group(1)), m)
        for i, line in enumerate(page.lines)
        if line[:1] in _MARGIN_FIRSTS and (m := _CUE_NUMBER.match(line))
    ]
    if len(found) < 6:
        return
    steps = [b - a for (_, a, _), (_, b, _) in itertools.pairwise(found)]
    if sum(1 for step, (_, n, _) in zip(steps, found[1:]) if step == 1 or n == 1) < 0.9 * len(steps):
        return
    labelled = sum(1 for i, _, m in found if match_label(page.lines[i][m.end() :]) is not None)
    if labelled < 0.9 * len(found):
        return
    _take_numbers(page, found, "cue number")


#: A committee's question number before the label of the member who asks it, as the UK Parliament's oral evidence
#: prints them: "Q12    Chair: Thank you.", "Q13 Tom Ridley: ...".
_QUESTION_NUMBER = re.compile(r"^[ \t]*Q(\d{1,4})[ \t]+(?=\S)")


def _strip_question_numbers(page: Page) -> None:
    """Question numbers opening the lines of the members who ask, counting up through the document: layout, not
    words.  Only where three or more count up, each before a label someone speaks under."""
    found = [
        (i, int(m.group(1)), m)
        for i, line in enumerate(page.lines)
        if line[:1] in "Q \t" and (m := _QUESTION_NUMBER.match(line))
    ]
    if len(found) < 3 or any(b <= a for (_, a, _), (_, b, _) in itertools.pairwise(found)):
        return
    if not all((label := match_label(page.lines[i][m.end() :])) is not None and label.said for i, _, m in found):
        return
    _take_numbers(page, found, "question number")


def _take_numbers(page: Page, found: list[tuple[int, int, re.Match[str]]], kind: str) -> None:
    """Take the numbers `found` (line, number, its match) off the start of their lines, as `kind` ("cue number")."""
    for i, _, m in found:
        page.stripped.append(Stripped(kind, m.group().strip()))
        page.lines[i] = page.lines[i][m.end() :]
    page.notes.append(f"{len(found)} {kind}s")


#: A paragraph's number alone on the line over it, as Australia's Fair Work Commission numbers a transcript's:
#: "PN12" (not "P1", a participant's code over their answer, nor "[3]", a student's, nor a contract's "¶ 3").
_PARAGRAPH_NUMBER = re.compile(r"^[ \t]*PN[ \t]?(\d{1,5})[ \t]*$")


def _strip_paragraph_numbers(page: Page) -> None:
    """Paragraph numbers alone on their lines, each over its paragraph, counting up through the document: layout,
    not words (nor a question, where a tribunal's bare paragraphs are an examiner's).  Only where six of them or
    more count up by one, nine in ten of them."""
    found = [
        (i, int(m.group(1)))
        for i, line in enumerate(page.lines)
        if "PN" in line[:8] and (m := _PARAGRAPH_NUMBER.match(line))
    ]
    if len(found) < 6:
        return
    steps = [b - a for (_, a), (_, b) in itertools.pairwise(found)]
    if sum(1 for step in steps if step == 1) < 0.9 * len(steps):
        return
    for i, _ in found:
        page.stripped.append(Stripped("paragraph number", page.lines[i].strip()))
        page.lines[i] = ""
    page.notes.append(f"{len(found)} paragraph numbers")


def _underlines(lines: list[str], i: int) -> bool:
    """Whether the rule at `i` underlines the line above it, a line of its own with words right below the rule:
    about as long as that line (a rule across the page under a heading is a section's)."""
    above, rule = lines[i - 1].strip() if i else "", lines[i].strip()
    return (
        bool(above)
        and (i < 2 or not lines[i - 2].strip())
        and i + 1 < len(lines)
        and bool(lines[i + 1].strip())
        and len(above) // 2 <= len(rule) <= len(above) + 4
    )


def _join_row_continuations(lines: list[str]) -> list[str]:
    """A record in columns wraps a long turn's words within their column, the lines below indented to it
    ("00:00     DC HOLLIS     This interview is being recorded and may be given" over "            in evidence
    if..."): each such line joins its row, so that a row is a turn."""
    out: list[str] = []
    column: int | None = None
    for line in lines:
        row = _COUNTER_ROW.match(line)
        if row is not None:
            column = row.start(3)
            out.append(line)
            continue
        indent = len(line) - len(line.lstrip(" "))
        if column is not None and line.strip() and column - 2 <= indent <= column + 2 and out:
            out[-1] = out[-1].rstrip() + " " + line.strip()
            continue
        column = None
        out.append(line)
    return out


def _strip_padding(page: Page) -> None:
    if sum(1 for l in page.lines[:400] if _COUNTER_ROW.match(l)) >= 3:
        page.lines = _join_row_continuations(page.lines)
    padded = sum(1 for l in page.lines if "   " in l and _PADDING.search(l))
    body = sum(1 for l in page.lines if l.strip())
    if padded < 10 or padded < 0.1 * body:
        # a few wide gaps are the author's ("Q    Why?"), not a layout conversion's; but rows in columns
        # (a counter, a name, the words) are a record's, however short
        if sum(1 for l in page.lines if _COUNTER_ROW.match(l)) >= 3:
            page.lines = [_columns_row(l) or l for l in page.lines]
        return
    # (the gap after a line's "Q" or "A" is the deposition's own mark of a turn: kept, as one tab; so is the gap
    # after a name in capitals that opens two such rows or more, "KRISTINE   Du begynte...", an interview set in
    # two columns, where a legend's codes, "CAM     Cockpit area microphone", each open one)
    opened = Counter(m.group(1) for l in page.lines if (m := _NAME_GAP.match(l)) is not None and _named_column(l, m))
    # (and a person: a name of two words or more, or one word that is a name of someone the head names,
    # "Intervjuer: Kristine Bakke" over "KRISTINE": not a diary's "LISBON", a digest's "PARIS", minutes' "ACTION")
    head = " ".join(l for l in page.lines[:30] if l.strip() and not _NAME_GAP.match(l))
    people = {w.casefold() for n in mentioned_names(head) if len(n.split()) >= 2 for w in n.split()}
    names = {
        name
        for name, n in opened.items()
        if n >= 2 and (names_a_person(name.title()) if " " in name else name.casefold() in people)
    }
    page.lines = [_padded_line(l, names) for l in page.lines]


def _columns_row(line: str) -> str | None:
    """A record in columns, "0017      DERWENT      Callum Derwent.": the columns kept apart, by tabs."""
    row = _COUNTER_ROW.match(line)
    return None if row is None else "\t".join((row.group(1), row.group(2), _PADDING.sub(" ", row.group(3))))


def _named_column(line: str, m: re.Match[str]) -> bool:
    """Whether `m` (_NAME_GAP's) is a name in capitals in a column of its own, ordinary words after the gap."""
    after = line[m.end() :].split(None, 1)
    return m.group(1).isupper() and sum(c.isalpha() for c in m.group(1)) >= 2 and bool(after) and not after[0].isupper()


def _padded_line(line: str, names: set[str] | frozenset[str] = frozenset()) -> str:
    row = _columns_row(line)
    if row is not None:
        return row
    mark = _QA_GAP.match(line)
    if mark is None and names and (named := _NAME_GAP.match(line)) is not None and named.group(1) in names:
        mark = named  # (not a heading in capitals over the same gap, "ORAL ARGUMENT OF      PAGE": see _named_column)
    if mark is None:
        return _PADDING.sub(" ", line)
    return mark.group(1) + "\t" + _PADDING.sub(" ", line[mark.end() :])


def _join_page_breaks(page: Page) -> None:
    """A page break that fell mid-sentence joins the text on either side of it again.

    With its number, header or marker taken off, a page break leaves blank
    lines, which would read as a paragraph break inside the turn: "if you
    wouldn't, why" / "not?" (quoted and exported with a line break in it).
    Where the text before the break does not end a sentence and the text after
    it goes on in small letters, the blank lines go; otherwise the break may
    also end a paragraph or come before a name, and they stay (unless the
    lines are numbered: a court reporter's page marks no paragraphs with
    blank lines).  Before a heading in capitals they stay.
    """
    if not page.breaks:
        return
    lines = page.lines
    drop: set[int] = set()
    i = 0
    while i < len(lines):
        if lines[i].strip():
            i += 1
            continue
        start = i
        while i < len(lines) and not lines[i].strip():
            i += 1
        if start == 0 or i == len(lines) or not any(k in page.breaks for k in range(start, i)):
            continue
        if _heading_like(lines[i]):
            continue
        # Numbered lines mark no paragraphs with blank lines: on such pages any break is the page's.
        # Elsewhere the sentence must plainly go on: no end before the break, a small letter after it (a
        # name or a label at the top of the next page, "Ben Ng", needs the blank line before it).
        if page.numbered or (
            lines[start - 1].rstrip()[-1:] not in SPEECH_ENDS + ":;" and lines[i].lstrip()[:1].islower()
        ):
            drop.update(range(start, i))
    if drop:
        page.lines = [line for k, line in enumerate(lines) if k not in drop]
        page.notes.append(f"{len(drop)} blank lines of page breaks inside sentences")
    page.breaks = set()


def _heading_like(line: str) -> bool:
    """A short line in capitals ("THE ACCUSED", "MINUTES"): after a page break, a heading, not the sentence going on."""
    bare = _ASIDE.sub("", line).strip()  # ("P R O C E E D I N G S (10:03 a.m.)")
    return 0 < len(bare) <= 60 and any(c.isalpha() for c in bare) and bare.upper() == bare


def _single_space(page: Page) -> None:
    """Double-spaced text (a blank line after every line) carries no paragraph breaks: fold them."""
    lines = page.lines
    body = [i for i, l in enumerate(lines) if l.strip()]
    if len(body) < 20:
        return
    gaps = Counter(b - a - 1 for a, b in itertools.pairwise(body))
    singles = gaps.get(1, 0)
    if singles < 0.8 * (len(body) - 1):
        return
    # Lines that end mid-sentence are wrapped; the double spacing is the converter's, not the author's.
    # (a name or a heading set apart, "HALVORSEN" over each answer, ends no sentence either: only lines of words
    # count, and a line of a few words is not one of them)
    # A line that ends mid-sentence counts where the next one carries the sentence on (it opens with no capital):
    # an earnings call's "Ada Park -- Chief Financial Officer" over each turn ends no sentence either.
    following = dict(itertools.pairwise(body))
    words = [i for i in body if len(lines[i].split(None, 4)) >= 5]
    open_end = sum(
        1
        for i in words
        if lines[i].rstrip()[-1:] not in SPEECH_ENDS
        and not (i in following and lines[following[i]].lstrip()[:1].isupper())
    )
    if open_end < 0.3 * len(body):
        return
    out: list[str] = []
    for k, i in enumerate(body):
        out.append(lines[i])
        if k + 1 < len(body) and body[k + 1] - i - 1 >= 2:
            out.append("")  # two or more blank lines still separate
    page.lines = out
    page.notes.append("double spacing")
