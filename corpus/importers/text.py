"""Labelled plain text and Markdown: turns by speaker, or paragraphs for essays and pages.

The parser works on lines.  It cleans them (mojibake, chrome, trailing comment
sections and link lists), finds speaker labels (see `names` and `speakers`),
then builds passages: one per turn in a transcript, one per paragraph in an
essay (long paragraphs split at sentence ends), each paragraph once on a
speaker page.  Text before the first label (title, intro, "Transcript:") is
kept as unattributed passages; the chrome after the end is dropped.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from sayso.corpus.conventions import DESCRIPTIONS, Convention
from sayso.corpus.identity import is_placeholder
from sayso.corpus.importers import clean, grammar, layout, qa
from sayso.corpus.importers.names import (
    CLIP_CUES,
    GENERIC_SPEAKER,
    LEAVE_ASIDE,
    MINUTES_HEADS,
    NOT_NAMES,
    NOTE_HEADS,
    PARTICLES,
    PRODUCTION_CUES,
    STAMP_PREFIX,
    TITLES,
    Label,
    a_motions_head,
    a_rooms_turns,
    courtesy_and_office,
    display_name,
    given_first,
    in_capitals,
    in_ordinary_case,
    initials_of,
    is_full_name,
    is_initials,
    is_name_like,
    is_office,
    match_label,
    mentioned_names,
    name_key,
    name_spans,
    names_a_meeting_room,
    names_a_person,
    person_in_office,
    person_tokens,
    split_role,
    stamp_seconds,
    titles_of,
    uncased,
    unnamed_voice,
)
from sayso.corpus.importers.speakers import (
    SpeakerTable,
    decide,
    is_generic,
    is_title_line,
    masked_senders,
    people_in_parentheses,
    self_introductions,
    unfinished,
)
from sayso.corpus.models import ParsedPassage
from sayso.corpus.sentences import split_sentences

#: Lines that announce the transcript itself ("Transcript:", "## Full transcript").
_TRANSCRIPT_MARKER = re.compile(
    r"^[#*_\s]*(full |complete |episode |interview |panel )?(transcript|transcription|transkript|transcripción|文字起こし|文字稿|逐字稿)"
    r"( follows| below| of (the|this) [\w ]+)?[*_\s]*[:.]?[*_\s]*$",
    re.IGNORECASE,
)
_SPEAKER_PAGE_SIGN = re.compile(
    r"appearances|\bspeaker\b|speakerappearances|\bquotes by\b|\btalks by\b|\bepisodes featuring\b", re.I
)
_URL_ONLY = re.compile(r"^<?https?://\S+>?$")
#: A recording's time alone on its line ("0:12", "[00:01:02]"): dropped from prose.  Between turns, a time of day
#: or a chat's date and time goes too (grammar.BARE_TIME); in prose "2:30 PM" may be an agenda's, and stays.
_TIME_ONLY = re.compile(r"^[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?$")
#: "IN THE SUPREME COURT OF THE UNITED STATES": names the court, which every argument there shares, not the document.
_COURT_HEADER = re.compile(r"^in the\b.{0,60}\bcourt\b.{0,80}$", re.I)
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")

#: Passages of an essay are cut to about this many words, at sentence ends.
PASSAGE_WORDS = 120
#: A turn longer than this is cut into passages of about 3 x PASSAGE_WORDS words, same speaker.
LONG_TURN_WORDS = 1500


@dataclass
class TextResult:
    """What the text parser found, before metadata is guessed."""

    passages: list[ParsedPassage]
    speakers: dict[str, list[str]]
    header: list[str]  #: lines before the transcript (title, intro) for metadata
    title: str | None = None
    speaker_page: bool = False
    dialogue: bool = False
    front_matter: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: who the document itself says hosts, interviews or moderates (see `_hosts`)
    hosts: list[str] = field(default_factory=list)
    #: the labelling convention applied (see `grammar`)
    convention: Convention | None = None
    #: source text left out of the passages, with reasons
    stripped: list[layout.Stripped] = field(default_factory=list)


class OwnedText:
    """A document's text handed on by its only holder, so that the parser may let go of it.

    `parse_lines` splits the text into lines and then drops it: a large file's
    text is not held beside its lines and passages (a 10 MB transcript's text
    is 10 MB at the import's peak).  A plain `str` may be given instead where
    the caller keeps the text anyway.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def take(self) -> str:
        """The text, no longer held here."""
        text, self.text = self.text, ""
        return text


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    m = clean.FRONT_MATTER.match(text)
    if not m:
        return text, {}
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith(" "):
            meta[key.strip().casefold()] = value.strip().strip("\"'")
    return text[m.end() :], meta


def _clean_lines(lines: list[str], warnings: list[str]) -> tuple[list[str], str | None]:
    """Drop or repair mojibake lines; return the lines and a cover-art title if one was seen."""
    # (the document's letters per script are counted only if a line is not ASCII: an ASCII line is never garbled)
    scripts: dict[str, int] | None = None
    out: list[str] = []
    repaired = dropped = 0
    cover: str | None = None
    for line in lines:
        if not line.isascii() and clean.is_mojibake(
            line, scripts if scripts is not None else (scripts := clean.document_scripts(lines))
        ):
            fixed = clean.try_repair(line)
            if fixed is not None:
                out.append(fixed)
                repaired += 1
            else:
                dropped += 1
                out.append("")
            continue
        if cover is None:
            cover = clean.cover_art_title(line)
        out.append(line.rstrip())
    if repaired:
        warnings.append(f"{repaired} line(s) of mis-decoded text were repaired")
    if dropped:
        warnings.append(f"{dropped} unreadable line(s) of garbled characters were dropped")
    return out, cover


def looks_hard_wrapped(lines: list[str]) -> bool:
    """True for text wrapped at a fixed width (OCR, email), whose lines are not paragraphs."""
    body = [l.strip() for l in lines if l.strip()]
    if len(body) < 8:
        return False
    lengths = sorted(len(l) for l in body)
    p90 = lengths[int(0.9 * (len(lengths) - 1))]
    if p90 > 110 or p90 < 30:
        return False
    near = sum(1 for l in body if len(l) >= 0.6 * p90)
    open_end = sum(1 for l in body if not re.search(r"[.!?…\"”:]$", l))
    return near >= 0.5 * len(body) and open_end >= 0.3 * len(body)


def _paragraphs(lines: list[str], wrapped: bool) -> list[str]:
    """Lines to paragraphs: blank lines separate; hard-wrapped lines join with one space."""
    paras: list[str] = []
    current: list[str] = []
    for line in lines:
        s = line.strip()
        if not s:
            if current:
                paras.append(" ".join(current))
                current = []
            continue
        if wrapped and not _MD_HEADING.match(s):
            current.append(s)
        elif wrapped:
            # A Markdown heading is a paragraph of its own even in hard-wrapped text: joined to the lines
            # around it, it took them with it (a changelog's items were lost under "### Added").
            if current:
                paras.append(" ".join(current))
                current = []
            paras.append(s)
        else:
            paras.append(s)
    if current:
        paras.append(" ".join(current))
    return paras


#: Where a run-on stretch is cut: any sentence-ending mark before a space, whatever case follows.
_LOOSE_END = re.compile(r"[.!?…。！？]+[\"'\u2019\u201d\u00bb)\]]*(?=\s)")
_WORD = re.compile(r"\S+")


def _run_on_spans(text: str, a: int, b: int, limit: int) -> list[tuple[int, int]]:
    """`text[a:b]`, one "sentence" of thousands of words (sentences that start in lower case, or no
    punctuation at all), as spans of about `limit` words: at any full stop, else between words."""
    spans: list[tuple[int, int]] = []
    start, words = a, 0
    for m in _WORD.finditer(text, a, b):
        words += 1
        end = m.end()
        if words >= limit and (
            _LOOSE_END.match(text, end - 1 - _trailing_closers(m.group()), end + 1) or words >= 2 * limit
        ):
            spans.append((start, end))
            start, words = end, 0
            while start < b and text[start].isspace():
                start += 1
    if start < b:
        spans.append((start, b))
    return spans


def _trailing_closers(word: str) -> int:
    """How many closing quotes and brackets end `word` (they may follow its full stop)."""
    return len(word) - len(word.rstrip("\"'\u2019\u201d\u00bb)]"))


_WORD = re.compile(r"\S+")


def _more_words(text: str, limit: int, start: int = 0, end: int | None = None) -> bool:
    """Whether text[start:end] has more than `limit` whitespace-separated words (counted without making
    them: a 10 MB line's words as a list took 100 MB)."""
    found = _WORD.finditer(text, start, len(text) if end is None else end)
    return next(itertools.islice(found, limit, None), None) is not None


def split_long(text: str, limit: int = PASSAGE_WORDS) -> list[str]:
    """Cut a long paragraph at sentence ends into pieces of at most about `limit` words.

    The pieces are exact substrings of `text`; only the spaces between them go.  A single
    sentence longer than the limit stays whole, unless it runs past four times the limit
    (sentences starting in lower case, no punctuation): that is cut at any full stop, else
    between words, so that no passage holds a whole book.
    """
    if not _more_words(text, int(limit * 1.25)):
        return [text]
    spans: list[tuple[int, int]] = []
    for a, b in split_sentences(text):
        if b - a > limit * 8 and _more_words(text, limit * 4, a, b):
            spans.extend(_run_on_spans(text, a, b, limit))
        else:
            spans.append((a, b))
    pieces: list[str] = []
    start = None
    end = 0
    words = 0
    for a, b in spans:
        n = len(text[a:b].split())
        if start is not None and words + n > limit:
            pieces.append(text[start:end])
            start, words = None, 0
        if start is None:
            start = a
        end = b
        words += n
    if start is not None:
        pieces.append(text[start:end])
    return [p for p in pieces if p.strip()]


_SMALL_WORDS = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "on",
    "in",
    "to",
    "for",
    "with",
    "at",
    "by",
    "from",
    "is",
    "vs",
}


def _heading_like(line: str, next_line: str | None) -> bool:
    s = line.strip()
    if not s or len(s) > 90 or len(s.split()) > 12:
        return False
    words = [w for w in s.split() if w[:1].isalpha() and w.casefold() not in _SMALL_WORDS]
    if not words or sum(1 for w in words if w[0].isupper()) < 0.6 * len(words):
        return False  # a line of prose or testimony, not a heading: headings are in title case
    if re.search(r"[.!?…,;:\"”)]$", s) or (not s[0].isupper() and not s[0].isdigit()):
        return False
    return next_line is not None and len(next_line.strip()) > len(s)


def _title_like(line: str) -> bool:
    s = line.strip().strip("#*_ ").strip()
    if not s or len(s) > 140 or len(s.split()) > 20:
        return False
    if s[0] in "[<({":
        return False  # "[Senate Hearing 117-999]", "(Intro music)", "<<A>> 00:01 ...": a note or a label, not a title
    words = [w for w in s.split() if sum(c.isalpha() for c in w) >= 2]
    if len(words) < 0.5 * len(s.split()):
        return False  # a rule of dashes ("- - - - x"), a row of numbers: not a title
    if s.endswith((".", ",", ";")) and not s.endswith("..."):
        return False
    if _dateline(s):
        return False
    return not clean.is_chrome_line(s) and not _TRANSCRIPT_MARKER.match(s)


#: A full date in figures: "11/03/2024", "2024-03-11", "11.03.2024".
_DATELINE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")


def _dateline(line: str) -> bool:
    """A page's date and time on a line of their own, a weekday or a zone beside them ("Thứ Hai, 11/03/2024
    08:15 (GMT+7)"): no title, and no reason to stop looking for one."""
    return bool(_DATELINE.search(line) and re.search(r"\b\d{1,2}:\d{2}\b", line) and len(line.split()) <= 6)


def parse_lines(
    text: str | OwnedText, *, hard_wrapped: bool | None = None, labels: str | None = None, title: str | None = None
) -> TextResult:
    """Parse labelled text (already decoded, newlines folded) into passages and speakers.

    `labels` is a user-stated convention (see `grammar.compile_pattern`); without
    it the convention is inferred from the document.  Text given as OwnedText is
    let go of once it is split into lines.  `title` is what a page's own title
    says it is, besides its text (a web page's <title>: "... – Foire aux questions").
    """
    warnings: list[str] = []
    whole, front = _front_matter(text.take() if isinstance(text, OwnedText) else text)
    del text
    page = layout.normalise(whole.split("\n"))
    del whole
    raw_lines = page.lines
    lines, cover = _clean_lines(raw_lines, warnings)
    stripped_garbled = [
        layout.Stripped("unreadable characters", r.strip())
        for r, l in zip(raw_lines, lines)
        if r.strip() and not l.strip()
    ]
    end = clean.find_footer(lines)
    stripped = list(page.stripped) + stripped_garbled
    if end is not None and end > 0:
        chrome = [l.strip() for l in lines[end:] if l.strip()]
        stripped.extend(layout.Stripped("closing chrome", l) for l in chrome)
        kept = sum(1 for l in lines[:end] if l.strip())
        if len(chrome) >= 20 and len(chrome) > kept:
            # (most of the document read as a page's comments or links: a forum thread's replies, say; left out,
            # as page chrome is, but said, since it may be what the reader came for: `sayso show --dropped`)
            warnings.append(
                f"the last {len(chrome)} lines (from {chrome[0][:40]!r}) read as a page's comments or links and were "
                "left out, more than the text kept"
            )
        lines = lines[:end]
    while lines and not lines[-1].strip():
        lines.pop()
    user_pattern = grammar.compile_pattern(labels) if labels else None
    # (a title calling the document an FAQ or a quiz, its front matter's or its page's: its questions are no one's)
    listed = (front.get("title") or title or "").strip()
    # (unless someone answers, in the first person: "FAQ with our founder", her answers of her own life)
    listed = "" if qa.a_conversation(listed) or qa.answered_in_the_first_person(lines) else listed
    # "Q:"/"A:" transcripts: turns by role (see qa)
    plan = None if user_pattern or listed else qa.find(lines)
    table, labels_at, convention = _choose_convention(plan.lines if plan else lines, plan, user_pattern, labels)
    if plan is not None and plan.questions_only and not qa.answered(plan, labels_at):
        plan = None  # the names after the questions were not speakers after all
        table, labels_at, convention = _choose_convention(lines, None, None, None)
    if plan is not None:
        lines = plan.lines
    if labels_at and user_pattern is None:
        # (the key to the codes is in the head, or after the last turn's paragraph: "Forkortelser brukt i
        # referatet: KN – Kari Nesheim, ..." at a minutes' foot)
        spoken = Counter(table.name_for(l) for l in labels_at.values())
        last = max((i for i, l in labels_at.items() if spoken[table.name_for(l)] >= 2), default=max(labels_at))
        foot = next((k for k in range(last + 1, len(lines)) if not lines[k].strip()), len(lines))
        shared = _apply_legend(lines[: min(labels_at)] + lines[foot : foot + 30], labels_at, table)
        for code, who in shared[:3]:
            warnings.append(
                f"the header gives {code!r} to more than one person ({who}): their turns are read as one speaker"
            )
            convention.doubt()
        _apply_role_fields(lines[: min(labels_at)], labels_at, table)
        _apply_codes_after_names(lines[: min(labels_at)], labels_at, table)
        # (a role the head gives to two people, initials a note gives to another: one label, two voices)
        shown = _shown_names(labels_at, table)
        shared_by = _roles_shared(lines[: min(labels_at) + 3], shown)
        # (and a label of two codes at once, "A2/A3:", a transcriber's for two voices they could not tell apart)
        warned = " ".join(warnings)
        shared_by += [
            (pair, "two participants' codes")
            for pair in sorted(shown)
            if _CODE_PAIR.fullmatch(pair) and repr(pair) not in warned
        ]
        for said_by, who in (shared_by + _initials_shared(lines, labels_at, table))[:3]:
            warnings.append(
                f"{said_by!r} may stand for more than one person ({who}): their turns are read as one speaker"
            )
            convention.doubt()
        _apply_full_names_listed(lines[: min(labels_at)], table)
        _apply_names_in_head(lines[: min(labels_at)], labels_at, table)
        _apply_listed_holders(lines[: min(labels_at)], lines, labels_at, table)
        _apply_holders_beside(lines, labels_at, table)
        _apply_offices_held(labels_at, table)
        _apply_offices_named_beside(lines, labels_at, table)
        _apply_han_names_listed(lines[: min(labels_at)], labels_at, table)
    wrapped = looks_hard_wrapped(lines) if hard_wrapped is None else hard_wrapped
    if (page.numbered or (plan is not None and plan.numbered)) and hard_wrapped is None:
        wrapped = True  # numbered lines are a court reporter's fixed-width lines, not paragraphs
    dialogue = len(labels_at) >= 2 or any(l.strong for l in labels_at.values())
    if dialogue and user_pattern is None and plan is None:
        opened = [_bare_first(l.raw) for l in labels_at.values()]
        roles = [word for word in opened if qa.question_or_answer(word) and (len(word) > 1 or word in ("q", "a"))]
        if len(roles) == len(opened) or (len(roles) >= 0.8 * len(opened) and len(set(roles)) >= 2):
            # Questions and answers the Q&A reader did not take for a conversation (an FAQ, a quiz, in any language
            # it knows: "Pytanie:"/"Odpowiedź:"), a line or two of other fields aside (its "Office: 020 ..."): no
            # speakers
            dialogue, labels_at = False, {}
        elif (
            not _people(labels_at, table)
            and not _talk_between(lines, labels_at)
            # (posts under their authors' lines, with the page's details, are a thread's, talk or not)
            and not all(l.form == "post" for l in labels_at.values())
        ):
            # Fields of a form, a programme or minutes ("Action: L. Chen to book...", "Signed (Tenant): ___"):
            # labels in shape but mostly not people's names, and no one says "I" or "you", asks, thanks or
            # answers: not applied, and said
            first = min(labels_at)
            line, rest = lines[first].strip(), labels_at[first].rest.strip()
            example = (line[: line.find(rest)] if rest and rest in line else line)[:40].strip()
            convention = Convention("unknown", f"{len(labels_at)} lines start like {example!r}", 0, 0.3)
            dialogue, labels_at = False, {}
        elif _only_fields_at_the_top(labels_at, table, lines):
            # A deck's or a page's fields one under another before its text, each once, over no words of talk
            # ("Presenter: Dr Hannah Cole, Senior Research Fellow", "Host: Retrofit Network"): no one speaks
            dialogue, labels_at = False, {}
        elif _a_list_of_values(labels_at, table):
            # A recipe's ingredients, a data sheet's fields ("Uova: 4 grandi", "Sale: un pizzico", "Burro: 100 g"):
            # one name at most heard twice, the others once, over quantities and short values, not sentences
            dialogue, labels_at = False, {}
        elif (
            len(labels_at) >= 3
            and max(Counter(table.name_for(l) for l in labels_at.values()).values()) == 1
            and all(l.said and l.form in ("plain", "caps") and l.time is None for l in labels_at.values())
            and not any(is_generic(table.name_for(l) or "") for l in labels_at.values())  # ("Speaker 1": a recording)
            # (tasks, not sentences: "circulate the draft – DONE", mostly in small letters)
            and sum(1 for l in labels_at.values() if l.rest.strip()[:1].islower()) >= 0.5 * len(labels_at)
            and not _talk_between(lines, labels_at)
        ):
            # Three names or more, each once, over words that do not talk: a memo's action items ("Sam Whitaker:
            # circulate the bylaws draft – DONE"), a list of who does what, not a conversation
            dialogue, labels_at = False, {}
        elif _song_sections(labels_at, table, lines):
            # A song's lyric sheet ("Verse 1:", "Pre-chorus:", "Chorus:"): its sections, not its singers
            dialogue, labels_at = False, {}
        elif _alphabetical(labels_at, table) or _a_configuration(lines):
            # A glossary's terms, each once and in the alphabet's order ("Interviewer: The person asking the
            # questions.", "Narrator: ..."), or a configuration file's keys ("SPEAKER_00: Vorsitz" under
            # "sprecher_zuordnung:"): no one speaks
            dialogue, labels_at = False, {}
        elif max(Counter(table.name_for(l) for l in labels_at.values()).values()) == 1 and all(
            lines[i].lstrip()[:2] in ("- ", "* ", "• ", "+ ") for i in labels_at
        ):
            # Every label once, each a list's item: a glossary's terms ("- **SLO:** Service level objective."),
            # action items, not a conversation
            dialogue, labels_at = False, {}
        elif _a_numbered_list(lines, labels_at, table):
            # A programme's or a list's numbered items ("1. Karin Westerlund: The system says no"), everyone in it
            # once and only the session's roles ("Chair:", "Discussant:") more often: a list, not a conversation
            dialogue, labels_at = False, {}
        elif (
            max(Counter(table.name_for(l) for l in labels_at.values()).values()) == 1
            and not any(l.strong for l in labels_at.values() if l.form != "timed")
            and (not any(l.form == "timed" for l in labels_at.values()) or _a_schedule(lines, labels_at))
            and (len(labels_at) >= 5 or not any(is_generic(table.name_for(l) or "") for l in labels_at.values()))
            and (
                _quoted(labels_at, lines)
                or (
                    (len(labels_at) >= 5 or not any(l.said for l in labels_at.values()))
                    and not _talk_between(lines, labels_at)
                )
            )
        ):
            # Names heard once each, alone on their lines over words that do not talk (poems under their
            # titles), or before words that are all quotations ('Ada Park: "Rest is part of the work."'): a
            # collection, not a conversation; and five labels or more heard once each, a role's among them, none
            # over words that talk ("Otwarcie: Aleksandra Dulkiewicz", "Moderator: Anna Wiśniewska", "Sala A:
            # ..."): a programme's
            dialogue, labels_at = False, {}
    if user_pattern is not None and labels_at:
        dialogue = True
    if dialogue and plan is not None and plan.unnamed_answers is not None and user_pattern is None:
        count, answerers = plan.unnamed_answers
        who = " or ".join(answerers[:3])
        warnings.append(
            f"{count} answer{'s' if count > 1 else ''} marked without a name where {who} answer: "
            f"{'each goes' if count > 1 else 'it goes'} to the last one named"
        )
        convention.confidence = min(convention.confidence, 0.75)
    if dialogue and plan is not None and plan.answers_after_answers >= 2 and user_pattern is None:
        count = plan.answers_after_answers
        warnings.append(
            f"{count} answers marked without a name follow another answer, no question between (a panel's, "
            "several people's?): all are read as one answerer's"
        )
        convention.doubt()
    if dialogue and plan is not None and plan.unnamed_examinations and user_pattern is None:
        count = plan.unnamed_examinations
        warnings.append(
            f"{count} examination{'s' if count > 1 else ''} begin{'' if count > 1 else 's'} without saying who "
            "examines: the questions after it are read as the examiner's before"
        )
        convention.confidence = min(convention.confidence, 0.75)
    if dialogue and convention.unread and user_pattern is None:
        example = convention.unread[0][:60]
        count = len(convention.unread)
        warnings.append(
            f"1 line looks like a speaker label but was not read as one ({example!r}): its words go to the speaker before"
            if count == 1
            else f"{count} lines look like speaker labels but were not read as such ({example!r}, ...): their words "
            "go to the speaker before"
        )
        convention.confidence = min(convention.confidence, len(labels_at) / (len(labels_at) + count))
    if not dialogue and convention.shape != "unknown" and user_pattern is None:
        if (recurring := _recurring_openings(lines)) is not None:
            # Names that open paragraph after paragraph in a shape no family reads ("J. PETRAUSKIENĖ (TS-LKDF).
            # Ačiū..."): not read, and said, rather than a conversation imported as no one's
            convention = Convention("unknown", f"{recurring[0]} paragraphs start like {recurring[1]!r}", 0, 0.3)
    if not dialogue and convention.shape == "unknown" and user_pattern is None:
        warnings.append(f"{convention.description} but were not read as speakers (too few of them, or no one talks)")
        convention.description = f"no convention fits: {convention.description}"
    elif not dialogue:
        convention = Convention("none", DESCRIPTIONS["none"], 0, 1.0)
        head = [line for line in lines[:40] if line.strip()][:8]
        if user_pattern is None and (called := qa.calls_itself_an_interview(head)) is not None:
            asking = sum(line.count("?") + line.count("？") + line.count("؟") for line in lines)
            paragraphs = sum(1 for a, b in itertools.pairwise(["", *lines]) if not a.strip() and b.strip())
            # (a run of words that lost its paragraphs as well as its labels: an essay about an interview, in
            # paragraphs, asks its own questions)
            if asking >= 3 and paragraphs <= 4:
                # (an interview whose labels were lost, pasted from a page as one run of words: its questions and
                # answers are there, but no one can tell from the text who says which)
                warnings.append(
                    f"the document calls itself an interview ({called!r}) and asks {asking} questions, but no speaker "
                    "labels were found: nothing is attributed to anyone"
                )
                convention = Convention("unknown", "an interview without speaker labels", 0, 0.3)
    body_lines = sum(1 for line in lines if line.strip())
    if user_pattern is None and not (dialogue and len(labels_at) >= 0.5 * body_lines):
        # (when labels open half the lines, a convention plainly fits: nothing to warn about)
        unread = grammar.unexplained_prefix(lines, set(labels_at) if dialogue else set())
        if (
            unread is not None
            and not dialogue
            and qa.question_or_answer(_bare_first(unread[0].strip("*_ :：")))
            and (bool(listed) or _calls_itself_a_list_of_questions(lines))
        ):
            unread = None  # (an FAQ's or a quiz's questions and answers, as the document calls itself: as meant)
        if unread is not None:
            example, count = unread
            if (
                dialogue
                and count >= 2 * len(labels_at)
                and max(Counter(map(table.name_for, labels_at.values())).values()) < 3
            ):
                # a glossary's or a timetable's lines in a shape no family reads, and a few of them ("Speaker:",
                # "09:15 Welcome:") read as labels: the few are the list's too, not a conversation
                dialogue, labels_at = False, {}
                convention = Convention("none", DESCRIPTIONS["none"], 0, 1.0)
            convention.confidence = min(convention.confidence, 0.3)
            if convention.shape == "none":
                convention.shape = "unknown"
                convention.description = f"no convention fits lines that start like {example!r}"
            warnings.append(f"{count} lines start like {example!r} but no speaker convention fits them")
    elif not labels_at:
        warnings.append(f"the speaker labels pattern {labels!r} matched no line")

    result = TextResult(
        passages=[],
        speakers={},
        header=[],
        front_matter=front,
        warnings=warnings,
        convention=convention,
        stripped=stripped,
    )
    if dialogue:
        first = min(labels_at)
        result.dialogue = True
        head = list(lines[:first])
        if head and grammar.BARE_TIME.match(head[-1].strip()) and labels_at[first].time is not None:
            head[-1] = ""  # the first message's date and time, over its sender: its time, not a passage
        result.header = [l for l in head if l.strip()]
        claimed = plan.claimed if plan is not None else set()  # "Interviewer: Jane Doe" is no title
        result.title = front.get("title") or _pick_title(head, cover, set(labels_at) | claimed)
        head_lines = ["" if _URL_ONLY.match(l.strip()) else l for l in head]  # the URL goes to metadata
        result.passages.extend(_prose_passages(head_lines, result.title, wrapped, split=False, stripped=stripped))
        # (a heading in capitals between turns is one only where labels share their line with the words: an
        # "alone" label is itself a line of capitals)
        headings = convention.shape != "alone" and _has_section_headings(lines[first:], labels_at, first)
        voices: list[int] = []  # (lines opened by a dialogue dash that name no one: see _turns)
        result.passages.extend(
            _turns(
                lines[first:], labels_at, first, table, wrapped, stripped, headings, convention.shape == "alone", voices
            )
        )
        if voices and user_pattern is None:
            warnings.append(
                f"{len(voices)} line{'s' if len(voices) > 1 else ''} opened by a dialogue dash, the mark of another "
                f"voice, name{'' if len(voices) > 1 else 's'} no one: read as no one's, not the speaker's before"
            )
            convention.confidence = min(convention.confidence, 0.75)
        _add_self_aliases(result.passages, table)
        if user_pattern is None and (unlabelled := _exchanges_without_labels(result.passages)) is not None:
            who, count = unlabelled
            warnings.append(
                f"{count} questions in {who}'s turn are each answered on the next line, without labels "
                f"(another speaker's questions?): all are read as {who}'s"
            )
            convention.doubt()
        if user_pattern is None and unlabelled is None and (talk := _talk_in_one_turn(result.passages)) is not None:
            who, count = talk
            warnings.append(
                f"{who}'s turn of {count} paragraphs reads like several people talking (replies, questions, crosstalk) "
                f"without labels: the labels may stop there, and all of it is read as {who}'s"
            )
            convention.doubt()
        if (
            user_pattern is None
            and unlabelled is None
            and talk is None
            and (nameless := _nameless_time(lines, labels_at, table)) is not None
        ):
            stamp, count, who = nameless
            warnings.append(
                f"from {stamp!r} on, a time stands where a name would, over {count} paragraphs: the labels may stop "
                f"there, and all of it is read as {who}'s"
            )
            convention.doubt()
        if user_pattern is None and (inside := _labels_inside_turns(result.passages, table)) is not None:
            count, example = inside
            warnings.append(
                f"{count} speaker labels stand inside other speakers' paragraphs ({example!r}, ...), not at the start "
                "of a line: their words are read as the words of the turn they stand in"
            )
            convention.doubt()
        if user_pattern is None and (crowd := _one_label_for_many(labels_at, table, lines[:first])) is not None:
            name, count = crowd
            warnings.append(
                f"{count} times a turn labelled {name!r} follows another labelled {name!r}: the label likely stands "
                "for several people (a group's members, callers, voices the transcriber could not name), all read as "
                "one speaker"
            )
            convention.doubt()
        elif user_pattern is None and (room := _a_meeting_rooms_turns(lines, labels_at, table)) is not None:
            warnings.append(a_rooms_turns(*room))
            convention.doubt()
        elif user_pattern is None and (itself := _answers_itself(lines, labels_at, table)) is not None:
            name, count, answer = itself
            warnings.append(
                f"{count} times a turn labelled {name!r} follows another labelled {name!r}, one answering the other "
                f"({answer[:40]!r}): the label likely stands for several people, all read as one speaker"
            )
            convention.doubt()
        elif user_pattern is None and (drift := _asked_and_answered_under_one_label(lines, labels_at, table)):
            count, names = drift
            warnings.append(
                f"{count} times a question under {names} is answered under the same label: the tool that named the "
                "speakers has likely run two people together or swapped them; check who speaks before quoting"
            )
            convention.doubt()
        elif (
            user_pattern is None
            and (among := _a_group_among_people(result.passages)) is not None
            # (a briefing's unnamed questions are said below, as what they are: journalists')
            and not (among[0] in (qa.QUESTIONER, qa.ASKER) and _PRESS.search(" ".join(head[:12])))
            # (nor a label the header gives to one person, as a call's record does: "Caller: Female; later
            # identified as Janelle PRUITT")
            and not any(l.strip().casefold().startswith(among[0].casefold() + ":") for l in head[:30])
            # (nor a house's presiding officer, "SPEAKER:", where the record names the office: "The Speaker (Rt Hon
            # ...) took the Chair", "Mr Speaker, ...")
            and not (
                among[0].casefold() == "speaker"
                and (any(_THE_SPEAKER.search(l) for l in head) or any(_MR_SPEAKER.search(l) for l in lines))
            )
        ):
            name, count, others = among
            warnings.append(
                f"{count} turns are labelled {name!r}, a label for anyone of a group (members of the public, the "
                f"audience, callers), among {others} named speakers: likely several people, all read as one speaker"
            )
            convention.doubt()
        if user_pattern is None and (doubt := _says_its_labels_may_be_wrong(lines[:first], lines[first:])) is not None:
            warnings.append(f"the document says its speaker labels may be wrong ({doubt!r}): read as they stand")
            convention.doubt()
        if user_pattern is None and (masked := masked_senders(result.passages)) is not None:
            warnings.append(masked)
            convention.doubt()
        if user_pattern is None and plan is None and (switch := _labels_switch(result.passages)) is not None:
            before, after, at = switch
            warnings.append(
                f"from turn {at} on, the turns are labelled {', '.join(map(repr, after[:4]))} instead of "
                f"{', '.join(map(repr, before[:4]))}, which the document does not explain (the same people under "
                "other labels, or others?): read as different speakers"
            )
            convention.doubt()
        if user_pattern is None and (merged := _asks_and_answers(result.passages)) is not None:
            name, count, turns_of = merged
            warnings.append(
                f"{count} of {turns_of} turns labelled {name!r} ask a question and go on after it, as if answered: a "
                "transcription's voices may be merged under that label, all read as one speaker"
            )
            convention.doubt()
        if user_pattern is None and (two := _one_name_two_people(head, labels_at, table)) is not None:
            name, people = two
            warnings.append(
                f"the turns labelled {name!r} may be any of {' and '.join(people[:3])}, whom the header lists: all "
                "are read as one speaker"
            )
            convention.doubt()
        if user_pattern is None and (again := _numbered_again(labels_at, table)) is not None:
            stamp, numbered = again
            warnings.append(
                f"the times start again at {stamp} (recordings joined?): {' and '.join(numbered[:4])} are numbered "
                "anew in each recording, and may not be the same people after it; read as if they were"
            )
            convention.doubt()
        if user_pattern is None and plan is not None and (pressed := _press_questions(result.passages, head)):
            warnings.append(
                f"{pressed} questions at a press conference or briefing are marked without a name: journalists', "
                "likely several of them, all read as one questioner's"
            )
            # (said, and counted against the confidence, but no turn of a named speaker is in doubt: the questions
            # are the press's, as the transcript gives them)
            convention.confidence = min(convention.confidence, 0.75)
        result.speakers = {
            name: list(table.aliases.get(name, []))
            for name in dict.fromkeys(p.speaker for p in result.passages if p.speaker)
        }
        if user_pattern is None and (twins := _near_twins(list(result.speakers))):
            pairs = "; ".join(f"{a} and {b}" for a, b in twins[:3])
            warnings.append(
                f"{len(twins)} pair{'s' if len(twins) > 1 else ''} of speakers' names differ by one letter or a "
                f"space ({pairs}): one person misread (a scan's damage, a typo)? Each is kept as written"
            )
            convention.confidence = min(convention.confidence, 0.75)
        result.hosts = _hosts(labels_at, table, plan, set(result.speakers))
        return result

    head = lines[:12]
    result.header = [l for l in head if l.strip()]
    result.title = front.get("title") or _pick_title(lines, cover, set(labels_at))
    if user_pattern is None and not warnings:
        # Lines opening as speakers' labels do, among prose (semi-verbatim minutes: "Mrs. Dobbs: Then I've no
        # objection." between reported speech), too few or too scattered for a convention: said, not silent
        faq = bool(listed) or _calls_itself_a_list_of_questions(lines)
        opening = [
            line.strip()
            for line in lines
            if (label := match_label(line)) is not None
            and label.said
            and _bare_first(label.raw) not in NOT_NAMES
            and not (faq and qa.question_or_answer(_bare_first(label.raw)))  # (an FAQ's, as it says it is)
            and not (label.role and any(c.isdigit() for c in label.role))  # (a citation: "Rossi (2019): ...")
            and grammar.talks([label])
        ]
        if len(opening) >= 3 and len({o.split(":", 1)[0] for o in opening}) >= 2:
            warnings.append(
                f"{len(opening)} lines start like speaker labels ({opening[0][:40]!r}, ...) but too few, among "
                "prose, to read as a conversation: read without speakers"
            )
            convention.confidence = min(convention.confidence, 0.5)
    dashed = sum(1 for line in lines if _DIALOGUE_DASH.match(line))
    worded = [line for line in lines if line.strip() and not grammar.BARE_TIME.match(line.strip())]
    # (captions mark a new speaker with ">>" at the first of the lines the turn is wrapped over, times aside)
    chevrons = sum(1 for line in worded if line.lstrip().startswith(">> "))
    if user_pattern is None and dashed >= 4 and (dashed * 2 >= len(worded) or chevrons * 8 >= len(worded)):
        # Spanish, French and Russian print a conversation as turns opened by a dash, who speaks said around
        # them, if at all: read without speakers, and said
        warnings.append(
            f"{dashed} lines open with a dialogue dash or '>>': turns of speakers the text does not name, read "
            "without speakers (a speaker labels pattern can state them if the lines carry names)"
        )
        convention.shape, convention.description = (
            "unknown",
            f"no convention fits: {dashed} lines open with a dash or '>>'",
        )
        convention.confidence = min(convention.confidence, 0.3)
    page_name = _speaker_page_name(raw_lines, lines)
    if page_name:
        result.speaker_page = True
        result.title = page_name
        body = _prose_passages(lines, page_name, wrapped, split=True, stripped=stripped)
        for p in body:
            p.speaker = page_name
        result.passages = body
        result.speakers = {page_name: []}
        return result
    talker = _speech_by(result.title) if user_pattern is None and not warnings else None
    if talker is not None:
        body = _prose_passages(lines, result.title, wrapped, split=True, stripped=stripped)
        if len(body) >= 2 and grammar.talks([Label(talker, p.text, "title") for p in body]):
            # A speech, a lecture, a talk: one person speaks throughout, and the title says who
            for p in body:
                p.speaker = talker
            result.passages, result.dialogue = body, True
            result.speakers = {talker: []}
            convention.shape, convention.description = "title", DESCRIPTIONS["title"]
            convention.turns, convention.confidence = 1, 0.9
            return result
    asked = _bold_questions(lines, result.title, stripped) if user_pattern is None else None
    if asked is not None:
        # A print interview: each question in bold, the answer below it in plain text, no labels
        result.passages, asker, answerer = asked
        result.dialogue = True
        result.speakers = {name: [] for name in (asker, answerer)}
        convention.shape, convention.description = (
            "qa",
            "questions set apart (in bold, or after a double dash), each answered below (no labels)",
        )
        convention.turns = sum(1 for p in asked[0] if p.speaker)
        convention.confidence = 0.75
        return result
    result.passages = _timed_passages(lines, result.title, stripped) or _prose_passages(
        lines, result.title, wrapped, split=True, stripped=stripped
    )
    if user_pattern is None and not warnings and (talking := _conversation_without_labels(result.passages)):
        # A transcript pasted without its speakers (a show-notes page's, an auto-transcript's): read as no one's,
        # which is all sayso can do, and said, since it is a conversation and not an article
        warnings.append(
            f"{talking} paragraphs read like people talking to each other (replies, questions, greetings), but no "
            "line says who speaks: read without speakers"
        )
        convention.confidence = min(convention.confidence, 0.5)
    return result


def _title_key(title: str | None) -> str | None:
    """How `_is_title` compares lines with the document's title."""
    return clean.fold_space(title).casefold() if title else None


def _is_title(line: str, key: str | None) -> bool:
    """Whether `line` is the document's title again (Markdown marks and spacing aside): not a passage."""
    return key is not None and clean.fold_space(line.strip().strip("#*_ ")).casefold() == key


#: A paragraph wholly in bold: a print interview's question ("**¿Cuándo empezó?**").
_BOLD_PARAGRAPH = re.compile(r"^(?P<em>\*\*|__|\*|_)(?P<words>[^*_].*?[^*_\s])(?P=em)$")
#: A Japanese or Chinese headline quoting who answers, after their trade: "【インタビュー】陶芸家・山岸透「土は嘘をつかない」".
_QUOTED_CJK_HEADLINE = re.compile(
    r"^(?:【[^】]{1,12}】[ \t\u3000]*)?(?:[^「」『』・\s]{1,10}・)?(?P<who>[\u3040-\u30ff\u3400-\u9fff]{2,8})[「『]"
)
#: A Japanese magazine's question: a paragraph opened by a double dash, "――島に移り住んだきっかけは？" (the answers
#: below it unmarked; a single dash opens a line of dialogue, in Spanish or Russian, and is not this).
_DASHED_QUESTION = re.compile(r"^[ \t\u3000]*(?:―{2,}|—{2,}|─{2,})[ \t\u3000]*(?P<words>[^―—─\s].*)$")


_FOR_ONESELF = re.compile(r"\b(?:I|my|me|I'm|I’m)\b")
_OF_YOU = re.compile(r"\b(?:you|your)\b", re.I)


#: A byline: "By Ada Park", "di **Marta Colombo**", "Por Ana Lemos", "Von Jan Roth", "Par Léa Roux".
_BYLINE = re.compile(
    r"^[*_]{0,2}(?:by|di|de|por|von|par|door|av|af|przez|от)[ \t]+[*_]{0,2}(?P<who>[^\W\d_][^*_,;|\n]{2,40}?)[*_]{0,2}$",
    re.I,
)


#: A news site's line of an article's details, the author's name first, the date among them: "Femke de Wit ·
#: 9 maart 2024 · Leestijd 6 minuten", "Ada Park | 12 March 2024".
_BYLINE_DATED = re.compile(
    r"^[*_]{0,2}(?:(?:by|por|par|von|di|door|av|af|przez)[ \t]+[*_]{0,2})?"
    r"(?P<who>[^\W\d_][^\d·•|,;:*_\n]{2,40}?)[*_]{0,2}[ \t]+[·•|][ \t]+.{0,40}?\b(?:19|20)\d\d\b",
    re.I,
)


def _bold_rejoined(lines: list[str]) -> list[str]:
    """`lines` with a bold paragraph that the text wraps over two to four lines ("**— Как вы работаете..." over
    "...партнёром.**") on one line, as a paragraph set in bold on one line is."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        if s.startswith(("**", "__")) and not s.endswith(s[:2]) and s[2:3] not in ("*", "_", ""):
            end = next(
                (
                    k
                    for k in range(i + 1, min(i + 4, len(lines)))
                    if not lines[k].strip() or lines[k].strip().endswith(s[:2]) or s[:2] in lines[k]
                ),
                None,
            )
            if end is not None and lines[end].strip().endswith(s[:2]) and s[:2] not in lines[end].strip()[:-2]:
                out.append(" ".join(line.strip() for line in lines[i : end + 1]))
                out.extend("" for _ in range(i, end))  # (the lines joined keep their places, empty)
                i = end + 1
                continue
        out.append(lines[i])
        i += 1
    return out


def _set_apart_question(s: str) -> re.Match[str] | None:
    """A paragraph in bold, or in italics where it asks (a byline or a caption is often in italics)."""
    m = _BOLD_PARAGRAPH.match(s)
    if m is None or len(m.group("em")) == 2 or m.group("words").rstrip().endswith(("?", "؟", "？")):
        return m
    return None


def _bold_questions(
    lines: list[str], title: str | None, stripped: list[layout.Stripped]
) -> tuple[list[ParsedPassage], str, str] | None:
    """(passages, asker, answerer) of an interview that prints each question in bold with its answer below in plain
    text, and labels neither: three questions or more, most of them asking, each answered.  The asker and the
    answerer are who the head names (qa: "Interview with Marta Iglesias", "Interviewed by ..."), else Interviewer
    and Interviewee, the same placeholders as for Q/A marks."""
    lines = _bold_rejoined(lines)
    first = next(
        (i for i, line in enumerate(lines) if _set_apart_question(line.strip()) or _DASHED_QUESTION.match(line)), None
    )
    if first is None:
        return None
    turns: list[tuple[bool, list[str]]] = []
    dashed = 0
    for line in lines[first:]:
        s = line.strip()
        if not s:
            continue
        bold = _set_apart_question(s) or _DASHED_QUESTION.match(s)
        if bold is not None:
            words = bold.group("words").strip()
            # (a question in bold may keep its double dash inside the bold: "**――3年ぶりのアルバムです。**"; a
            # single dash is a Russian question's own, and stays)
            if bold.re is _DASHED_QUESTION or words.startswith(("――", "——", "──")):
                dashed += 1
                words = words.lstrip("―—─ \u3000") or words
            turns.append((True, [words]))
        elif turns:
            if turns[-1][0]:
                turns.append((False, [s]))
            else:
                turns[-1][1].append(s)
    lead: list[str] = []
    while len(turns) >= 2 and turns[0][0] and turns[1][0]:
        # (a standfirst in bold or italics over the first question, not answered: "Leo Marchbanks asked her ...")
        lead.extend(turns.pop(0)[1])
    questions = [words for is_q, words in turns if is_q]
    answered = sum(1 for a, b in itertools.pairwise(turns) if a[0] and not b[0])
    asking = sum(1 for words in questions if words[0].rstrip().endswith(("?", "؟", "？")))
    if len(questions) < 3 or answered < len(questions) - 1:
        return None
    if asking * 2 < len(questions) and dashed < len(questions):
        # (bold lines that do not ask are a page's headings; a double dash is an interviewer's mark, asking or
        # prompting: "――乗り間違えたフェリーが人生を決めた。")
        return None
    head = [line for line in lines[:first] if line.strip()] + lead
    if not qa.a_conversation("\n".join([title or "", *head])):
        return None  # an FAQ's questions in bold, a quiz's: no one asks them of anyone
    for_oneself = sum(1 for words in questions if _FOR_ONESELF.search(words[0]) and not _OF_YOU.search(words[0]))
    if for_oneself * 2 >= len(questions):
        return None  # "How do I reset my password?": a help page's questions, asked of no one in particular
    asker, answerer = qa.header_names(lines[:first])  # (with its blank lines: where its paragraphs start)
    if asker is None:
        # the byline names who asks: "di **Marta Colombo**", "By Ada Park", "Por Ana Lemos"
        asker = next((b.group("who").strip() for line in head if (b := _BYLINE.match(line.strip()))), None)
    if asker is None:
        # or the author's name first in a line of the article's details: "Femke de Wit · 9 maart 2024 · Leestijd 6"
        asker = next(
            (
                who
                for line in head
                if (b := _BYLINE_DATED.match(line.strip())) and is_full_name(who := b.group("who").strip(" *_"))
            ),
            None,
        )
    if answerer is None:
        # the person a headline quotes ("Marta Iglesias: «La biblioteca...»"), or the one the title and the lead
        # both name, besides who asks ("Parla il climatologo Andrea Bassani" over a lead naming him again); not
        # one the title is only about ("What Angela Merkel got right")
        quoted = qa.QUOTED_HEADLINE.match((title or "").strip("#*_ "))
        named = Counter(
            n for line in [title or "", *head] for n in mentioned_names(line) if is_full_name(n) and n != asker
        )
        top = named.most_common(2)
        quoted_cjk = _QUOTED_CJK_HEADLINE.match((title or "").strip("#*_ "))
        if quoted and is_full_name(quoted.group("who")) and names_a_person(quoted.group("who")):
            answerer = quoted.group("who")
        elif quoted_cjk and quoted_cjk.group("who") != asker:
            answerer = quoted_cjk.group("who")
        elif top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
            answerer = top[0][0]
    asker, answerer = asker or qa.ASKER, answerer or qa.ANSWERER
    passages = []
    key = _title_key(title)
    for line in head:
        if _is_title(line, key):
            stripped.append(layout.Stripped("title", line.strip()))  # the document's title, not a passage
        else:
            passages.append(ParsedPassage(speaker=None, text=line.strip().strip("#*_ ")))
    for is_q, words in turns:
        passages.append(ParsedPassage(speaker=asker if is_q else answerer, text="\n".join(words)))
    return passages, asker, answerer


#: A dialogue dash opening a turn: "— Dr. Ruiz, were you surprised?", "– Oui." (not a hyphen: a list's mark), or
#: captions' ">>" for a new speaker
_DIALOGUE_DASH = re.compile(r"^\s*(?:[—–―]|>>)[ \t]+[\"«“¿¡]?[^\W\d_]")


#: Letters a scan's reading confuses: "Fercuson" for "Ferguson", "Hol1is" for "Hollis", "Srnith" for "Smith".
_SCAN_CONFUSIONS = {
    frozenset(p) for p in ("cg", "ce", "co", "eo", "l1", "li", "i1", "il", "un", "hb", "0o", "5s", "8b")
}


def _near_twins(names: list[str]) -> list[tuple[str, str]]:
    """Pairs of speakers whose names look like one name misread: apart only by a space ("Mr. Whitaker" and "Mr.
    Whi Taker"), by a letter a scan confuses for another ("Mr. Ferguson", "Mr. Fercuson"), or by a letter
    doubled or left out inside a word ("Fergusson").  Not a name's first letter ("Garrett", "Barrett" are
    two people) nor a placeholder's number ("Speaker 1", "Speaker 2")."""
    people = [n for n in names if not GENERIC_SPEAKER.match(n) and sum(c.isalpha() for c in n) >= 6]
    if len(people) > 200:
        return []  # (a chat of hundreds of handles: pairs of them are no scan's misreading, and too many to try)
    return [(a, b) for a, b in itertools.combinations(people, 2) if _misread(a.casefold(), b.casefold())]


def _misread(a: str, b: str) -> bool:
    if "".join(a.split()) == "".join(b.split()):
        return a != b
    if len(a) == len(b):
        diffs = [k for k, (x, y) in enumerate(zip(a, b)) if x != y]
        return (
            len(diffs) == 1
            and diffs[0] > 0
            and a[diffs[0] - 1].isalpha()
            and frozenset((a[diffs[0]], b[diffs[0]])) in _SCAN_CONFUSIONS
        )
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    k = next((i for i, (x, y) in enumerate(zip(short, long)) if x != y), len(short))
    # (a letter doubled or dropped inside a word: "Fergusson", "Ferguon")
    return (
        k > 0 and long[k - 1].isalpha() and long[k].isalpha() and short[k:] == long[k + 1 :] and long[k] == long[k - 1]
    )


#: A note that several people talk at once: "[CROSSTALK]", "(overlapping speech)".
_CROSSTALK = re.compile(
    r"^[\[(](?:cross[- ]?talk|overlapping(?: speech| talk| voices)?|all talking|several speakers|"
    r"simultaneous speech|talking over each other|speakers overlap)[\])]$",
    re.I,
)


def _talk_in_one_turn(passages: list[ParsedPassage]) -> tuple[str, int] | None:
    """A turn of many paragraphs (eight or more, four times the document's usual) of which several are replies
    or questions ("Asset rich, cash poor.", "Exactly. And...", "Did it?"), or in which paragraphs follow a note
    that people talk over each other ("[CROSSTALK]"): a conversation whose labels stopped, read as one
    speaker's.  (who, paragraphs), or None; a prepared statement's paragraphs are none of these."""
    turns = [p for p in passages if p.speaker]
    if len({p.speaker for p in turns}) < 2:
        return None
    lengths = [p.text.count("\n") + 1 for p in turns]
    usual = sorted(lengths)[len(lengths) // 2]
    for p, length in zip(turns, lengths):
        if length < 3:
            continue  # (a note and two paragraphs after it at the least)
        rows = [row.strip() for row in p.text.split("\n") if row.strip()]
        crosstalk = next((k for k, row in enumerate(rows) if _CROSSTALK.match(row)), None)
        if crosstalk is not None and len(rows) - crosstalk - 1 >= 2:
            return p.speaker or "", len(rows)  # (people talking over each other, then paragraphs no one labels)
        if len(rows) < 8 or len(rows) < 4 * usual:
            continue
        talking = sum(
            1
            for row in rows[1:]
            if (_a_reply(row) and row[-1] in '.!…"”') or row.endswith("?") or _ADDRESSES.match(row)
        )
        if talking >= 3 and talking * 5 >= len(rows):
            return p.speaker or "", len(rows)
    return None


#: A paragraph that opens by turning to the others, as a moderator does: "Colleagues, let us come back to ...".
_ADDRESSES = re.compile(
    r"^(?:colleagues|collègues|colleghi|colegas|kollegen|collega's|kolleger|koledzy|коллеги|колеги|друзья|friends),",
    re.I,
)


def _nameless_time(lines: list[str], labels: dict[int, Label], table: SpeakerTable) -> tuple[str, int, str] | None:
    """A time alone on its line where the document's labels carry a time and a name ("[00:01:26]" among
    "[00:01:24] Sophie Brandt"), over four paragraphs or more before the next label: a transcript whose labels
    stop there (a tool that could not tell who speaks), its words read as the last speaker's.  (the time, the
    paragraphs, who), or None.  A chat's bare time over one or two more messages of the same sender is none."""
    if len(labels) < 4 or sum(1 for l in labels.values() if l.time is not None) < 0.8 * len(labels):
        return None
    order = sorted(labels)
    for k, at in enumerate(order):
        end = order[k + 1] if k + 1 < len(order) else len(lines)
        for i in range(at + 1, end):
            if not grammar.BARE_TIME.match(lines[i].strip()):
                continue
            paragraphs = sum(1 for j in range(i + 1, end) if lines[j].strip() and not lines[j - 1].strip())
            if lines[i + 1 : i + 2] and lines[i + 1].strip():
                paragraphs += 1  # (the first, right under the time)
            if paragraphs >= 4:
                return lines[i].strip(), paragraphs, table.name_for(labels[at]) or labels[at].raw
    return None


def _conversation_without_labels(passages: list[ParsedPassage]) -> int:
    """How many paragraphs of a document without labels read as turns of a conversation: a reply's opening
    ("Yeah, ...", "Exactly."), a question put to someone, a greeting; 0 unless they are several (three replies
    and two questions or more, a fifth of eight paragraphs or more).  An article quoting people has few."""
    return grammar.talking_rows([p.text.strip() for p in passages if p.speaker is None and p.text.strip()])


#: A header saying a letter stands for a group's members: "P (participante)", "P = participant", "participants as P"
#: (the letter in question is replaced by \x00 before the search).
_GROUP_LETTER = re.compile(
    r"\x00\s*[(=:–-][^\n)]{0,30}?(?:participa|teilnehm|deelnem|uczestni|partecipa|respond|member|deltag|參加|参加|참가)"
    r"|(?:participa|teilnehm|deelnem|uczestni|partecipa|respond|member|deltag)\w*\s*[:=]\s*\x00"
    r"|(?:participa|teilnehm|deelnem|uczestni|partecipa|respond|member|deltag)\w*[^\n.]{0,40}?\b"
    r"(?:como|as|als|come|jako|som)\s+\x00"
    # ("All participant contributions are therefore marked R", 'every respondent is coded "R"'; not one person's
    # letter, "The staff member interviewed is marked K")
    r"|\b(?:all|every|each|any)\b[^\n.]{0,30}?(?:participa|respond|member)\w*[^\n.]{0,40}?\b"
    r"(?:marked|labell?ed|coded|denoted|shown|written)(?: as| by| with)?\s+[\"'“‘]?\x00",
    re.I,
)


#: Labels that stand for anyone of a group rather than one person: a focus group's "Participant", an audience's
#: "Audience member", a phone-in's "Caller", a tool's "Unknown speaker", a crowd's "Man" and "Woman"; in the
#: languages transcripts of such groups come in.  Not a role one person holds ("Moderator", "Interviewer"), nor
#: a numbered placeholder ("Speaker 2", "Participant 4": the numbers tell the people apart).
_ANY_OF_A_GROUP = re.compile(
    r"^(?:participants?|audience(?: member)?|member of the (?:audience|public)|caller|listener|voice|"
    r"(?:another |other |unknown |unidentified |new )?(?:speaker|voice|man|woman|male|female|person|participant)|"
    # (a man or a woman of the audience, unnamed, in the languages such meetings are transcribed in)
    # ("Donna" and "Mann" are people's names too, and stay out)
    r"mujer|hombre|varón|mulher|homem|uomo|femme|homme|frau|vrou|vrouw|kvinna|kvinde|kvinne|"
    r"(?:senior |unidentified )?(?:administration |state department |government )?official|"
    r"unknown|student|questioner|attendee|delegate|"
    r"participante|asistente|oyente|público|publico|intervenant|intervenante|auditeur|auditrice|"
    r"teilnehmer(?:in)?|zuhörer(?:in)?|zuschauer(?:in)?|stimme|deelnemer|deltagare|deltaker|deltager|"
    r"uczestni(?:k|czka)|partecipante|ascoltatore|участник|участница|голос|"
    r"참가자|참석자|청중|参加者|参与者|听众|観客|聴衆|"
    # (someone who asks from the floor, unnamed)
    r"fragesteller(?:in)?|質問者|提问者|提問者|질문자|слушатель|слушательница|из зала|ouvinte|penanya|peserta|"
    r"người hỏi|khán giả|katılımcı|dinleyici|słuchacz(?:ka)?|ผู้ถาม|ผู้ฟัง|ผู้เข้าร่วม|श्रोता|प्रश्नकर्ता|"
    r"السائل|سائل|مشارك|مشاركة|mshiriki|účastník|účastníčka|účastnice|viacerí|více lidí|několik lidí|"
    # (a chamber's members unnamed: "Депутат:" after "Депутат:", any of them)
    r"member|councillor|councilor|député|députée|diputado|diputada|deputado|deputada|abgeordneter|abgeordnete|"
    r"депутат|депутатка|радний|poseł|posłanka|radny|radna|parlamentare|consigliere|vereador|vereadora|concejal|"
    r"concejala|議員|의원|raadslid|raadsheer|raadsvrou|gemeenteraadslid|"
    # members of the public at a meeting, unnamed: "Resident:", "Citizen:", "Riverain :", "Anwohnerin:"
    r"residents?|citizen|commenter|public commenter|neighbou?r|parent|riverain|riveraine|habitant|habitante|"
    r"vecin[oa]|residente|cittadin[oa]|bürger(?:in)?|anwohner(?:in)?|bewoner|inwoner|"
    # (and in more languages: Indonesian and Malay "Warga", "Penduduk", Tagalog "Residente", Turkish "Sakin",
    # Polish "Mieszkaniec", Czech "Občan", Russian "Житель", Swahili "Mkazi", Vietnamese "Người dân")
    r"warga|penduduk|sakin|vatandaş|mieszkaniec|mieszkanka|občan|občanka|obyvatel|житель|жительница|жилец|"
    r"мешканець|мешканка|mkazi|mwananchi|người dân|cư dân|住民|居民|주민|ساكن|مواطن|תושב|תושבת|निवासी)$",
    re.I,
)


#: What a transcript's head says of its own speaker labels when they may be wrong: not reviewed, not corrected,
#: auto-generated, possibly swapped; or that it is not always clear who speaks.  In the languages of the
#: transcripts sayso has met; a statement like it elsewhere goes unread.
_LABELS_UNRELIABLE = re.compile(
    r"speaker (?:labels?|names?|identification|attribution|assignment|diari[sz]ation)s?[^.\n]{0,30}?"
    r"(?:not (?:been )?(?:reviewed|verified|checked|corrected|confirmed)|unverified|unreviewed|uncorrected|"
    r"may be (?:wrong|incorrect|inaccurate|mixed up|swapped)|(?:are |is )?unreliable|(?:were |are )?auto(?:matically)?"
    r"[- ]?(?:generated|assigned)[^.\n]{0,20}?(?:wrong|incorrect|inaccurate|errors?))"
    r"|not always (?:clear|possible to tell|certain) (?:who|which)"
    # (a transcriber's note: "Where the speaker could not be determined, OFFICER is used for any officer",
    # "numbering of UM is not necessarily consistent")
    # (and a meeting tool's in Chinese, Japanese, Korean: "说话人识别结果仅供参考，可能存在错误")
    r"|说话人识别[^。\n]{0,12}(?:仅供参考|可能存在错误|可能有误)|話者[^。\n]{0,12}(?:誤り|不正確|間違)|화자[^.\n]{0,12}(?:부정확|오류|정확하지 않)"
    r"|번호가 새로 매겨|같은 사람인지[^.\n]{0,8}확인"
    r"|(?:speaker )?label (?:permutation|swap)|labels? (?:may|might) (?:have )?(?:been )?swapped"
    r"|speakers? could not be (?:determined|identified)|(?:numbering|labels?|names?)[^.\n]{0,20}not necessarily consistent"
    # (a tool's own flag: "QA flag: REVIEW (low diarization confidence 0.58)", "speaker separation: ... DISABLED")
    r"|low (?:diari[sz]ation|speaker[- ](?:separation|identification|attribution)) confidence"
    r"|(?:diari[sz]ation|speaker[- ]separation) confidence:? ?(?:0?\.[0-5]\d|[1-5]\d ?%)"
    r"|locuteurs? non (?:vérifiés|relus|corrigés)|intervenants? non (?:vérifiés|identifiés)"
    r"|tours de parole n'ont (?:pu|pas pu) être attribués|interventions? non attribuées?"
    r"|hablantes? (?:no|sin) (?:revisad|verificad|corregid)|sin revisión de hablantes"
    r"|sprecher(?:zuordnung|kennung)?(?:en)? (?:nicht|un)(?:geprüft| geprüft| überprüft| korrigiert)"
    r"|διόρθωση ομιλητών|не всегда (?:понятно|ясно),? (?:кто|какой)|не проверен[аы]? (?:говорящ|спикер)"
    r"|لا (?:تتضمن|يتضمن) أسماء المتحدثين|أسماء المتحدثين غير (?:دقيقة|مؤكدة)"
    # (labels or microphones mixed up: Russian "реплики Петрова и Сидорова перепутаны", French "les deux micros ont
    # été échangés", "les étiquettes ne sont plus fiables", German "Sprecher vertauscht", Spanish, Italian, Portuguese)
    r"|(?:реплики|метки|подписи|имена|микрофоны)[^.\n]{0,40}перепутан"
    r"|micros? (?:ont été |a été )?(?:échangés?|inversés?)|étiquettes? (?:ne sont|n'est) (?:plus |pas )?(?:fiables?|sûres?)"
    r"|(?:sprecher(?:namen)?|mikrofone?)[^.\n]{0,30}vertauscht"
    r"|(?:hablantes|etiquetas|micrófonos)[^.\n]{0,30}(?:intercambiad|confundid)"
    r"|(?:microfoni|etichette|interlocutori|voci)[^.\n]{0,30}(?:scambiat|invertit)"
    r"|(?:etiquetas|microfones|falantes)[^.\n]{0,30}trocad|(?:etiquetas|hablantes)[^.\n]{0,30}invertid"
    r"|riconoscimento (?:dei parlanti|degli interlocutori|delle voci)[^.;:,\n]{0,30}non (?:è stato |sono stati )?verificat"
    # (Thai "codes ก and ข may be swapped", Urdu and Hindi "the voices could not be separated")
    r"|(?:รหัส|ผู้พูด|ชื่อ|เสียง|ผู้ให้ข้อมูล)[^\n]{0,30}อาจ(?:จะ)?สลับกัน"
    r"|آواز(?:یں|وں)? الگ نہیں (?:کی|ہو) (?:جا )?سک|आवाज़?(?:ें|ों)? अलग नहीं (?:की|हो) (?:जा )?सक"
    # (or that some of them are not told apart: "the two presenters are not distinguished", French "les
    # intervenants de la rédaction ne sont pas distingués", German, Spanish, Italian, Portuguese, Dutch, Polish)
    r"|(?:speakers?|presenters?|hosts?|interviewers?|journalists?|reporters?|voices?)[^.\n]{0,40}?(?:are|were) not "
    r"(?:distinguished|differentiated|told apart|identified (?:individually|separately)|separately identified)"
    # ("individual participants could not be distinguished", "the voices could not be reliably told apart"; not
    # "distinguished by block or floor", something else than who speaks)
    r"|(?:speakers?|presenters?|hosts?|interviewers?|voices?|participants?|respondents?|guests?|panell?ists?|"
    r"interviewees?|callers?)[^.;\n]{0,40}?"
    r"(?:(?:are|were)(?:n't| not)|(?:could|can)(?:not|n't| not) be)(?: reliably| always| clearly| easily| consistently)? "
    r"(?:distinguished|differentiated|told apart)(?! by\b)"
    r"|(?:intervenants?|locuteurs?|locutrices?|journalistes|présentateurs|animateurs|voix)[^.\n]{0,40}?"
    r"(?:ne sont pas|non) (?:distingué|différencié)e?s"
    r"|(?:sprecher\w*|stimmen|moderator\w*|interviewer\w*)[^.\n]{0,40}?nicht (?:unterschieden|auseinandergehalten)"
    r"|(?:hablantes|voces|periodistas|locutor\w*|presentador\w*|entrevistador\w*)[^.\n]{0,40}?"
    r"(?:no se (?:distinguen|diferencian)|no (?:diferenciad|distinguid)[oa]s)"
    r"|(?:interlocutori|voci|giornalisti|conduttori|parlanti)[^.\n]{0,40}?non (?:sono )?(?:distint|differenziat)[ie]"
    r"|(?:falantes|vozes|jornalistas|apresentadores|locutores)[^.\n]{0,40}?não (?:são )?(?:distinguid|diferenciad)[oa]s"
    r"|(?:sprekers|stemmen|presentatoren|interviewers)[^.\n]{0,40}?niet (?:van elkaar )?onderscheiden"
    r"|(?:mówc\w*|głos\w*|rozmówc\w*|dziennikar\w*|prowadząc\w*)[^.\n]{0,40}?nie (?:są )?rozróżni"
    # (or that two people share a code: "two members have the initials JH", "both interviewers share the code I")
    r"|(?:two|2|both) (?:members|people|persons|speakers|participants|attendees|interviewers|presenters|hosts|"
    r"councillors|respondents)[^.\n]{0,20}?(?:have|share) the (?:same )?(?:initials|code)",
    re.I,
)


#: What a transcript's head (not a note in its body about a moment) says when the transcriber could not tell its
#: speakers apart, or one label covers several people: "The reporter was unable to identify or distinguish these
#: speakers", "The same designation may refer to different persons", "Channel labels are not linked to delegate
#: names"; Swedish "rösterna har inte kunnat särskiljas", Norwegian, Danish, Finnish, Spanish "No se ha identificado
#: a los contertulios", Romanian "nu permite distingerea vocilor", Portuguese, Italian, French, German.  Each names
#: whom it cannot tell apart: "unable to distinguish the two oat drinks", "Zeitmarken ... nicht zugeordnet" are
#: about other things.
_WHO = (
    r"(?:speakers?|voices?|participants?|members|persons|people|panell?ists|delegates|witnesses|interviewees|guests|"
    r"respondents|callers|individuals)"
)
_CANNOT_TELL_APART = re.compile(
    rf"unable to (?:identify (?:or|and) )?(?:distinguish|tell apart|differentiate)(?: between)? (?:the |these |those |"
    rf"all |individual |some )?(?:\w+ )?{_WHO}\b"
    rf"|(?:could|can)(?:not|n't| not) (?:identify (?:or|and) )?(?:distinguish|tell apart)(?: between)? (?:the |these |"
    rf"those )?(?:\w+ )?{_WHO}\b"
    rf"|same (?:designation|label|tag|code|name) (?:may|might|can) (?:refer to|cover|stand for|be used for) "
    rf"(?:different|several|more than one|two) (?:\w+ )?{_WHO}\b"
    r"|(?:channels?|seats?)(?: labels?| numbers?)? (?:are|were) not (?:linked|matched|mapped|assigned) to (?:the )?"
    r"(?:delegates?|speakers?|members?|participants?|names)"
    r"|channel \d{1,3} was shared by"
    r"|(?:röst|talar|deltagar|panelist|medverkande)\w*[^.\n]{0,40}inte (?:kunnat )?särskilj"
    r"|(?:stemme|taler|deltaker|deltager|paneldeltak)\w*[^.\n]{0,40}ikke (?:kunnet )?(?:skilles|skille|skelne)"
    r"|(?:puhuj|ääni|osallistuj)\w*[^.\n]{0,40}ei (?:ole )?(?:voitu|pystytty) erottaa"
    r"|ei (?:ole )?(?:voitu|pystytty) erottaa (?:toisistaan )?(?:puhuj|ääni|osallistuj)"
    r"|no se (?:ha|han) (?:podido )?identificad[oa]s? a (?:los|las) (?:contertulios|tertulianos|participantes|"
    r"hablantes|oradores|intervinientes|panelistas|invitados|asistentes)"
    r"|no (?:se )?(?:ha|han) podido (?:identificar|distinguir) (?:a )?(?:los|las) (?:voces|hablantes|participantes|"
    r"oradores|intervinientes)"
    r"|nu permite distingerea (?:vocilor|vorbitorilor|participanților|intervenienților)"
    r"|(?:vorbitori|voci|participan)\w*[^.\n]{0,40}nu (?:au|a) putut fi (?:distins|identificat)"
    r"|não (?:foi|foram) possível (?:identificar|distinguir) (?:os |as )?(?:falantes|vozes|participantes|oradores|"
    r"intervenientes|locutores)"
    r"|non (?:è stato|sono stati) possibil[ei] (?:identificare|distinguere) (?:i |le |gli )?(?:parlanti|voci|"
    r"partecipanti|interlocutori|relatori|oratori)"
    r"|(?:intervenants?|locuteurs?|voix|participants?|orateurs?)[^.\n]{0,40}(?:n'ont|n'a) pas pu être "
    r"(?:identifiée?s?|distinguée?s?)"
    r"|(?:sprecher\w*|stimmen|redner\w*|wortbeiträge)[^.\n]{0,40}nicht (?:eindeutig |sicher )?"
    r"(?:zugeordnet|unterschieden|auseinandergehalten) werden",
    re.I,
)


def _doubts_the_labels(note: str, head: bool) -> bool:
    """Whether `note` says the speakers' labels may be wrong: `_LABELS_UNRELIABLE` anywhere, `_CANNOT_TELL_APART` in
    a transcript's head or a file's own notes only; never a note about a moment or one saying it was settled."""
    if _A_PASSAGES_NOTE.search(note) or _BUT_SETTLED.search(note):
        return False
    return _LABELS_UNRELIABLE.search(note) is not None or (head and _CANNOT_TELL_APART.search(note) is not None)


def says_its_labels_may_be_wrong(notes: list[str]) -> str | None:
    """The first of `notes` (a file's own remarks: a speech tool's warnings in its JSON) that says the speakers'
    labels may be wrong, shortened, or None."""
    return next((" ".join(n.split())[:80] for n in notes if _doubts_the_labels(n, head=True)), None)


def _says_its_labels_may_be_wrong(head: list[str], body: list[str]) -> str | None:
    """The words of a transcript's head, or of a transcriber's note in brackets in its body, saying its speaker
    labels may be wrong ("Speaker labels not reviewed", "δεν έχει γίνει διόρθωση ομιλητών", "не всегда понятно,
    какой из Саш говорит", "[... لا تتضمن أسماء المتحدثين]": from here on without the speakers' names), or None."""
    notes = (
        line
        for line in body
        if line[-1:] in ("]", ")", " ") and line.lstrip()[:1] in ("[", "(") and line.rstrip()[-1:] in ("]", ")")
    )
    for line in head[:40]:
        if _doubts_the_labels(line, head=True):
            return " ".join(line.strip().split())[:80]
    for line in notes:
        if _doubts_the_labels(line, head=False):
            return " ".join(line.strip().split())[:80]
    # (a note wrapped at a fixed width may say it across two lines: "... nu permite" / "distingerea vocilor")
    for line, after in itertools.pairwise(head[:40]):
        if line.strip() and after.strip() and _doubts_the_labels(f"{line.strip()} {after.strip()}", head=True):
            return " ".join(line.strip().split())[:80]
    return None


#: A note in the body about the passage it stands in, not the whole transcript: "[Crosstalk for about ten seconds;
#: the two voices could not be told apart here.]"
_A_PASSAGES_NOTE = re.compile(
    r"\b(?:here|at (?:this|one) point|this (?:passage|section|part|exchange|stretch)|for (?:about |around |some )?"
    r"(?:\w+ )?(?:seconds|minutes?))\b",
    re.I,
)
#: A note saying the doubt was settled or how unclear passages are handled, not that the labels may be wrong:
#: "... this version has been checked against the recording and corrected", "where participants could not be
#: distinguished, the passage is marked [overlapping]".
_BUT_SETTLED = re.compile(
    r"\b(?:has|have) been (?:\w+ )?(?:checked|corrected|reviewed|verified)\b|\b(?:was|were) (?:since |later |then )?"
    r"(?:corrected|fixed|resolved)\b|^\W*(?:where|when|whenever|if)\b|(?:^|[.,;:(])\s*(?:where|when|whenever|if)\b"
    r"[^.]{0,80}(?:could not|cannot|can't|couldn't)",
    re.I,
)


def _one_label_for_many(labels_at: dict[int, Label], table: SpeakerTable, head: list[str]) -> tuple[str, int] | None:
    """A label for anyone of a group ("Participant", "Caller") that follows itself, turn after turn, twice or
    more, or a single letter the header says stands for a group's members and that does so three times or more
    (a focus group's "P:", "Identificadas ... como P (participante)"): several people under one label, whom no
    reading can tell apart.  (the name, how many times), or None.  One person's turns do not follow each other
    so: a label starts a turn where the speaker changes (a chat's "A:" over each of one person's messages is no
    group's letter)."""
    names = [table.name_for(labels_at[i]) for i in sorted(labels_at)]
    said = " ".join(head)

    # (people the header names whose given name or surname starts with a letter: "Hosts: Jen Alvarez & Jon Pruitt"
    # under "J:", both of them)
    named = [n.split() for n in mentioned_names(said)]

    def of_a_group(name: str) -> bool:
        if _ANY_OF_A_GROUP.match(name) or _a_field_of_several(name, head):
            return True
        if len(name) != 1 or not name.isalpha():
            return False
        shared = sum(1 for n in named if name in (n[0][0], n[-1][0])) >= 2
        return shared or _GROUP_LETTER.search(said.replace(name, "\x00")) is not None

    repeats = Counter(b for a, b in itertools.pairwise(names) if b is not None and a == b and of_a_group(b))
    if not repeats:
        return None
    name, count = repeats.most_common(1)[0]
    return (name, count) if count >= (3 if len(name) == 1 else 2) else None


#: A house's presiding officer named by the office: "The Speaker (Rt Hon ...) took the Chair" above the turns, or
#: addressed in them, "Madam Speaker, ..." (a turn's "I'll take it to The Speaker myself" is no house's record).
_THE_SPEAKER = re.compile(r"\bThe Speaker\b")
_MR_SPEAKER = re.compile(r"\b(?:Mr\.?|Madam|Madame|Mister) Speaker\b")


#: Between the people a header's field lists: commas (Latin, Arabic, CJK), semicolons, "&", "and" in a few languages.
_LIST_SEPARATOR = re.compile(r"\s*(?:[,;،؛、&]|\s(?:and|und|et|y|e|en|och|og|i|и|و)\s)\s*")


def _a_field_of_several(name: str, head: list[str]) -> bool:
    """Whether the header's field under the label's own word lists two people or more ("Guests: Ana Ruiz, Tom
    Bell" over turns under "GUEST:", Urdu's "مہمان: ...، ..." over "مہمان:"): one label for several people."""
    key = name.casefold()
    for line in head:
        field, colon, value = line.replace("：", ":").partition(":")
        if not colon or field.strip(" \t*_#").casefold() not in (key, key + "s", key + "es"):
            continue
        value = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", value)  # (their roles and places: "(economist, LSE)")
        # (people, not a person and their university after a comma: "Guests: Prof. Maria Lenz, University of Vienna")
        parts = [p.strip(" \t.") for p in _LIST_SEPARATOR.split(value)]
        if sum(1 for part in parts if len(part) >= 3 and is_name_like(part) and names_a_person(part)) >= 2:
            return True
    return False


#: How a turn agrees, disagrees or acknowledges, beside grammar.REPLY's openings: "I agree", "Dat weet ik", "我同意".
_AGREES = re.compile(
    r"^(?:i (?:agree|disagree|know)\b|agreed\b|(?:je suis )?d'accord|je sais\b|einverstanden|ich stimme|ich weiß|"
    r"(?:estoy )?de acuerdo|lo sé\b|concordo|sono d'accordo|lo so\b|(?:ik ben het )?(?:on)?eens\b|dat weet ik|klopt|"
    r"zgadzam się|zgoda|wiem\b|согласен|согласна|справедливо|знаю|我同意|同意|不同意|我知道|賛成|反対|동의)",
    re.I,
)


def _a_reply(words: str) -> bool:
    """Whether words open as a reply does: grammar.REPLY's "Yes.", "Exactly", or an agreement, "I agree", "我同意"."""
    return bool(grammar.REPLY.match(words) or _AGREES.match(words))


def _a_meeting_rooms_turns(lines: list[str], labels: dict[int, Label], table: SpeakerTable) -> tuple[str, int] | None:
    """A meeting room's device among named people, as Webex, Teams and Zoom label a room's turns
    ("HSC-Boardroom-2 (Room Kit Pro)"): (its name, how many turns), three or more beside two people, or None."""
    names = Counter(table.name_for(l) for l in labels.values())
    # (as written: a room's device with the tool's note, "HSC-Boardroom-2 (Room Kit Pro)", may be read as a role)
    roomy = {
        table.name_for(l)
        for i, l in labels.items()
        # (the label as written, or its whole line where it stands alone: not the words after it)
        if names_a_meeting_room(l.raw if l.said else lines[i].strip()[:80])
    }
    rooms = [(name, n) for name, n in names.items() if name and n >= 3 and name in roomy]
    people = [name for name in names if name and name not in roomy]
    if not rooms or len(people) < 2:
        return None
    name, count = max(rooms, key=lambda room: room[1])
    return name, count


def _answers_itself(lines: list[str], labels: dict[int, Label], table: SpeakerTable) -> tuple[str, int, str] | None:
    """A label that follows itself, turn after turn (three times at the least, two in five of its turns), where
    someone else speaks three turns or more and never so, and where at least once the turn answers the one
    before it under the same label ("Kasia: W zeszłym roku nie było muzeum." then "Kasia: No właśnie, ..."):
    the document's own way is a label where the speaker changes, and this one breaks it, talking to itself (two
    people both called "Kasia", a meeting room's account, "委员:" for each member).  What the label looks like
    does not matter.  (the label, how many times, the answer), or None.  A chair's business, turn after turn, or a
    chat's messages one after another answer no one."""
    order = sorted(labels)
    names = [table.name_for(labels[i]) for i in order]
    turns = Counter(name for name in names if name is not None)
    repeats = Counter(b for a, b in itertools.pairwise(names) if b is not None and a == b)
    if not repeats:
        return None
    name, count = repeats.most_common(1)[0]
    steady = [other for other, n in turns.items() if other != name and n >= 3 and not repeats[other]]
    if count < 3 or count < 0.4 * turns[name] or not steady:
        return None
    # (the words read only of the turns that follow their own label: all of them at once held the text again)
    for k in range(1, len(order)):
        if names[k - 1] == names[k] == name and _a_reply(then := _words_of(lines, order[k], labels[order[k]]).strip()):
            return name, count, then
    return None


#: A turn's last words asking: a question mark at its end, a closing bracket or quote after it aside.
_QUESTION_MARKS = "?？¿؟"
_ASKS_AT_THE_END = re.compile(r"[?？¿؟][\s\"'”’»)\]]*$")


def _asked_and_answered_under_one_label(
    lines: list[str], labels: dict[int, Label], table: SpeakerTable
) -> tuple[int, str] | None:
    """Turns that end with a question and are answered by the next turn under the same label, twice under two
    labels or three times under one ("Hablante 1: ¿desde cuándo está usted en la cooperativa?" then "Hablante 1:
    Desde el noventa y ocho."): a diarising tool's speakers drifting or swapped, which the labels do not show.
    (how many times, the labels quoted), or None.  A label repeated over a speaker's paragraphs asks and goes on
    now and then; not this often."""
    order = sorted(labels)
    names = [table.name_for(labels[i]) for i in order]
    if sum(1 for a, b in itertools.pairwise(names) if a is not None and a == b) < 2:
        return None  # (a label follows itself twice at the least, or there is nothing to count)

    def asks(k: int) -> bool:
        """Whether the turn before the `k`th label ends with a question (its last line that holds words, its
        label's line at the most)."""
        j = order[k] - 1
        while j > order[k - 1] and not lines[j].strip():
            j -= 1
        line = lines[j]
        # (a question mark anywhere in the line, looked for first: most turns ask nothing)
        return (
            any(mark in line for mark in _QUESTION_MARKS) and _ASKS_AT_THE_END.search(line.rstrip()[-200:]) is not None
        )

    asked: Counter[str] = Counter()
    for k in range(1, len(order)):
        name = names[k]
        if name is not None and names[k - 1] == name and asks(k):
            answer = _words_of(lines, order[k], labels[order[k]]).strip()
            if answer[:1].isupper() and not _ASKS_AT_THE_END.search(answer):
                asked[name] += 1
    total = sum(asked.values())
    if not ((len(asked) >= 2 and total >= 2) or total >= 3):
        return None
    # (as often, or half as often, as another label answers: where one speaker's paragraphs each carry the label, a
    # question ends one now and then and the next goes on, "Like, what would be worse? / Pretty bad.")
    answered_by_another = sum(
        1
        for k in range(1, len(order))
        if names[k] is not None and names[k - 1] is not None and names[k - 1] != names[k] and asks(k)
    )
    if total < 0.5 * answered_by_another:
        return None
    return total, " and ".join(repr(name) for name, _ in asked.most_common(2))


def _numbered_again(labels: dict[int, Label], table: SpeakerTable) -> tuple[str, list[str]] | None:
    """Where the labels' times start again (from a minute or more to under one: two recordings' transcripts joined)
    and the speakers are numbered placeholders ("Hablante 1", "Speaker 2") on both sides: a tool numbers the
    voices of each recording anew, so "Hablante 1" after the restart need not be "Hablante 1" before it.  (the
    time it starts again at, the numbered names), or None.  Names carry over; numbers do not."""
    timed = [(i, label) for i, label in sorted(labels.items()) if label.time is not None]
    if len(timed) < 4:
        return None
    for (_, a), (j, b) in itertools.pairwise(timed):
        assert a.time is not None and b.time is not None
        if not (a.time >= 60 and b.time < 60 and b.time < 0.5 * a.time):
            continue
        before = {table.name_for(l) for k, l in timed if k < j}
        after = {table.name_for(l) for k, l in timed if k >= j}
        numbered = sorted(n for n in before & after if n and _NUMBERED_CODE.fullmatch(n))
        if len(numbered) >= 2:
            return f"{int(b.time) // 60}:{int(b.time) % 60:02d}", numbered
    return None


def _turn_speakers(passages: list[ParsedPassage]) -> list[str]:
    """Who speaks each turn, in order (a turn: one speaker's passages one after another)."""
    return [who for who, _ in itertools.groupby(p.speaker for p in passages if p.speaker)]


def _a_group_among_people(passages: list[ParsedPassage]) -> tuple[str, int, int] | None:
    """A label for anyone of a group ("Resident", "Intervenant", "Audience member") over three turns or more, in
    a meeting where two people or more speak under names of their own: members of the public, each unnamed, not
    one person.  (A one-to-one interview's "Participant" beside its interviewer is one person.)  (the label, its
    turns, how many named speakers), or None."""
    counts = Counter(_turn_speakers(passages))
    group = [(name, n) for name, n in counts.items() if _ANY_OF_A_GROUP.match(name) and n >= 3]
    named = [name for name in counts if not _ANY_OF_A_GROUP.match(name) and not is_generic(name)]
    if not group or len(named) < 2:
        return None
    name, n = max(group, key=lambda item: item[1])
    return name, n, len(named)


#: What calls a document a press conference or a briefing, in the languages transcripts come in.
_PRESS = re.compile(
    r"press (?:conference|briefing)|news conference|press point|briefing|point de presse|conférence de presse|"
    r"pressekonferenz|pressebriefing|rueda de prensa|conferencia de prensa|conferenza stampa|coletiva de imprensa|"
    r"entrevista coletiva|persconferentie|presskonferens|pressekonferanse|konferencja prasowa|пресс-конференц|"
    r"брифинг|会見|记者会|新闻发布会|기자회견|브리핑",
    re.I,
)


def _press_questions(passages: list[ParsedPassage], head: list[str]) -> int:
    """How many turns of an unnamed questioner ("Question:", "Q:", "D:") a press conference or a briefing holds
    (the header says which it is), three or more: the questions of the journalists in the room, whom the
    transcript does not name, read as one questioner's.  0 otherwise."""
    if not _PRESS.search(" ".join(head[:12])):
        return 0
    asked = sum(1 for who in _turn_speakers(passages) if who in (qa.QUESTIONER, qa.ASKER))
    return asked if asked >= 3 else 0


#: A label after a sentence's end, inside a line: "...the site floods. KAPLAN: Affordable units are...".
_LABEL_INSIDE = re.compile(
    r"(?<=[.!?…\"”’)])[ \t]+(?P<name>[^\W\d_][\w'’\-]*(?:[ \t][^\W\d_][\w'’\-]*){0,2}):[ \t]+(?=\S)"
)


def _labels_inside_turns(passages: list[ParsedPassage], table: SpeakerTable) -> tuple[int, str] | None:
    """Labels of the document's own speakers (or names in capitals, as its labels are) standing after a
    sentence inside a turn's line, not at its start: a transcript pasted with its line breaks lost.  (how many,
    the first), or None under two."""
    known = set(table.canonical)
    found: list[str] = []
    for p in passages:
        if p.speaker is None or ":" not in p.text:
            continue
        for m in _LABEL_INSIDE.finditer(p.text):
            name = m.group("name")
            key = name_key(display_name(name))
            if key in known or (in_capitals(name) and len(name) >= 3 and _bare_first(name) not in NOT_NAMES):
                found.append(f"{name}:")
    return (len(found), found[0]) if len(found) >= 2 else None


#: A question, then a long dash and its answer on the same line: "And your address?---Level 4, Pitt Street."
_ANSWER_DASH = re.compile(r"\?[ \t]*(?:-{2,3}|—)[ \t]*(?=[^\W_])")


def _exchanges_without_labels(passages: list[ParsedPassage]) -> tuple[str, int] | None:
    """A turn that holds questions and answers of its own: a short line asking, the next one answering, twice
    or more (a magazine's Q&A that labels only its first exchange), in a conversation of three people at most.
    (who, how many questions), or None."""
    if len({p.speaker for p in passages if p.speaker}) > 3:
        return None
    for p in passages:
        if p.speaker is None or ("?\n" not in p.text and "?-" not in p.text and "?—" not in p.text):
            continue  # (a question ending a line, answered below: looked for first, not to copy a long turn)
        # (an answer may follow its question after a long dash on the same line, as Australian court reporters
        # set a witness's words: "And your business address?---Level 4, 200 Pitt Street.")
        rows = [row.strip() for row in _ANSWER_DASH.sub("?\n", p.text).split("\n") if row.strip()]
        asked = sum(
            1
            for a, b in itertools.pairwise(rows)
            if a.endswith("?") and len(a.split()) <= 25 and not b.endswith("?") and a[:1].isupper()
        )
        # (half the rows, or three exchanges among a quarter of them: an interview whose labels stop partway,
        # its other questions put as statements)
        if (asked >= 2 and asked * 2 >= len(rows) - 1) or (asked >= 3 and asked * 4 >= len(rows) - 1):
            return p.speaker, asked
    return None


def _timed_passages(lines: list[str], title: str | None, stripped: list[layout.Stripped]) -> list[ParsedPassage] | None:
    """Passages of a transcript without speakers whose lines are timed: each opens with its time (whisper's
    "[00:00.000 --> 00:04.210]  words", "[00:12] words") or follows a time alone on its line (YouTube's
    "0:03" then the words).  Each time starts a passage at that time, and is not part of its words.  None
    unless most of the document's lines are timed so."""
    events: list[tuple[float, str]] = []
    body = [line.strip() for line in lines if line.strip()]
    head: list[str] = []
    timed = 0
    pending: float | None = None
    for line in body:
        bare = grammar.BARE_TIME.match(line)
        stamp = None if bare is not None else STAMP_PREFIX.match(line)
        if bare is not None and not bare.group("date"):
            pending, timed = stamp_seconds(bare), timed + 1
        elif stamp is not None and not stamp.group("date"):
            events.append((stamp_seconds(stamp), line[stamp.end() :]))
            pending, timed = None, timed + 1
        elif pending is not None:
            events.append((pending, line))
            pending = None
        elif events:
            events[-1] = (events[-1][0], f"{events[-1][1]} {line}")
        elif len(head) < 3:
            head.append(line)  # a line or two over the first time: the title, the recording's name
        else:
            return None  # words before any time: an article
    if len(body) < 3 or timed < 0.4 * len(body) or len(events) < 2:
        return None
    words = sorted(len(text.split()) for _, text in events)
    if events[0][0] > 300 or words[len(words) // 2] < 4:
        return None  # a timetable's "08:30 Registration", "10:30 Break": times of day, not of a recording
    key = _title_key(title)
    stripped.extend(layout.Stripped("title", line) for line in head if _is_title(line, key))
    head = [line for line in head if not _is_title(line, key)]
    passages = [ParsedPassage(speaker=None, text=" ".join(head))] if head else []
    passages += [ParsedPassage(speaker=None, text=" ".join(text.split()), start=start) for start, text in events]
    return passages


def _choose_convention(
    lines: list[str],
    plan: qa.QAPlan | None,
    pattern: re.Pattern[str] | None,
    pattern_text: str | None,
) -> tuple[SpeakerTable, dict[int, Label], Convention]:
    """Weigh every label family on the document and apply the one that explains it best (see `grammar`)."""
    skip = plan.claimed if plan is not None else set()
    if pattern is not None:
        found = grammar.pattern_candidates(pattern, lines)
        table, labels = _accepted_labels(lines, found, None, accept_all=True)
        conv = Convention(
            "pattern",
            f"{DESCRIPTIONS['pattern']}: {pattern_text}",
            len(labels),
            1.0 if labels else 0.0,
            pattern_text,
        )
        return table, labels, conv
    results: dict[str, tuple[float, SpeakerTable, dict[int, Label]]] = {}
    labelish: set[int] = set()
    near_miss: dict[int, Label] = {}
    proposed: dict[str, list[tuple[int, Label]]] = {}
    for family in grammar.FAMILIES:
        found = grammar.candidates(family, lines, skip)
        if len(found) < 2 and family != "inline":
            continue
        key_of = {i: name_key(display_name(l.raw)) for i, l in found}
        keys = Counter(key_of.values())
        if family != "separated" or _opens_paragraphs(lines, dict(found), skip, SEPARATED_SHARE):
            labelish.update(i for i in key_of if keys[key_of[i]] >= 2)
        table, labels = _accepted_labels(lines, found, plan)
        if family != "alone" and len(labels) < len(found) and _opens_most_paragraphs(lines, found, keys, skip):
            # Structure outweighs name-likeness: when labels open nearly every paragraph,
            # "ALICE:"/"BOB:" or one-off full names are speakers, not initials or a title.
            # A first line such as "Open Models, Open Archives: Who Keeps the Record?" is the title,
            # and a one-off "URL: <https://…>" the document's address.
            letters = {key_of[i] for i, l in found if len(l.raw.replace(".", "").strip()) == 1}
            first_line = next((n for n, line in enumerate(lines) if line.strip()), 0)
            solid = {
                key_of[i]
                for i, l in found
                if l.form != "semicolon"
                # ("Very quickly: will the President..."; but "A VOICE FROM THE GALLERY:" is heard once)
                and not (l.form == "phrase" and keys[key_of[i]] < 2 and not unnamed_voice(l.raw))
                and not (key_of[i] in letters and len(letters) > 3)  # a quiz's A: B: C: D:, not people
                and not (
                    i == first_line
                    and keys[key_of[i]] == 1
                    and l.form != "dash"  # (">> CAPTIONER: Please stand by for" is a turn, wrapped, not a title)
                    and (
                        (len(l.rest.split()) >= 3 and is_title_line(0, l))
                        or (unfinished(l) and sum(1 for n in keys.values() if n >= 2) >= 2)
                    )
                )
                and not (keys[key_of[i]] == 1 and _URL_ONLY.match(l.rest.strip()))
            }
            table, labels = _accepted_labels(
                lines, [(i, l) for i, l in found if key_of[i] in solid], plan, accept_all=True
            )
        labels = _without_repeated_fields(labels, table)
        labels = _without_header_one_offs(labels, table)
        labels = _without_header_fields(labels, table, lines)
        labels = _without_chapter_list(labels, lines)
        labels = _without_header_block(labels, lines)
        labels = _without_header_headings(labels, lines, table)
        labels = _without_leading_list(labels, table)
        labels = _without_quoted_headline(labels, lines)
        _closing_notes(labels, table, lines)
        # Names without capitals are speakers where what follows them talks, all of them together (short
        # replies say no "I"), else fields of a form or a list ("时间：3月12日", "מחיר: 100").
        caseless = {i: l for i, l in labels.items() if l.said and uncased(table.name_for(l) or "")}
        if caseless and not grammar.talks(list(caseless.values())):
            labels = {i: l for i, l in labels.items() if i not in caseless}
            recurring = [n for n in Counter(table.name_for(l) for l in caseless.values()).values() if n >= 2]
            if len(recurring) >= 2 and len(caseless) >= 4:
                near_miss = near_miss or caseless  # names taking turns, but nobody talks: not applied, and said
        if (
            family == "inline"
            and len(labels) >= 4
            and not any(l.form == "post" for l in labels.values())  # (posts under their authors are no form's fields)
            # (a label alone on its line talks, or not, in the words under it: a post under its author's line)
            and not any(
                grammar.talks([l if l.said else Label(l.raw, _words_of(lines, i, l), l.form)])
                for i, l in labels.items()
            )
            and not any(
                is_full_name(shown := table.name_for(l) or "") or titles_of(shown) or is_initials(shown)
                for l in labels.values()
            )
            and not any(uncased(table.name_for(l) or "") for l in labels.values())  # (those are weighed above)
        ):
            # Words after a colon where not one of them talks, under no one's name (full, titled or initials): an
            # agenda's or a form's fields ("Presenter: Clerk", "Paper: FGB/23/14", "Time: 18:10"), not people.
            labels = {}
        if family == "separated" and (headings := grammar.separated_headings(list(labels.values()))):
            labels = {i: l for i, l in labels.items() if l not in headings}  # (their lines stay, as text)
        if family == "separated" and not _a_conversation(lines, labels, table, skip):
            # A dash or a tab after a capitalised word is common in prose ("WASHINGTON — The Senate..."); as
            # a convention it opens most of the document's paragraphs, for two people or more.
            if grammar.conversation_marks(list(labels.values()), table.name_for) and len(labels) >= 4:
                near_miss = labels  # talk between recurring names, but too few of the paragraphs: say so
            labels = {}
        if family == "record":
            # A record label without a title or "The" ("CARE USA. The President of CARE...") must recur.
            once = Counter(table.name_for(l) for l in labels.values())
            # (or a role after a comma: "Ada Park, on behalf of the PPE Group. –")
            # A play's "OLD WILLIAM." once among "HELENA." and "MARCUS." is one more character, where the
            # recurring labels are themselves names in capitals without a title.
            # (and so is a reporter's "CLAUDIA JEROME." once, at a press conference whose every label is in capitals,
            # "CHAIR HADLEY." among them)
            plain_caps = [l for l in labels.values() if not grammar.titled(l.raw) and in_capitals(l.raw)]
            all_caps = sum(1 for l in labels.values() if in_capitals(l.raw))
            play = all_caps >= 0.75 * len(labels) and any(once[table.name_for(l)] >= 2 for l in plain_caps)
            labels = {
                i: l
                for i, l in labels.items()
                if once[table.name_for(l)] >= 2
                or grammar.titled(l.raw)
                or grammar.surname_initials(l.raw)  # ("Тихонов П. И." once: a member, named as members are)
                or l.raw.casefold() in grammar.FLOOR_VOICES  # ("Из зала.": a voice from the floor, once)
                or l.role is not None
                or (play and in_capitals(l.raw) and not grammar.titled(l.raw))
            }
        value = grammar.score(
            {i: l for i, l in labels.items() if i not in (plan.labels if plan else {})}, table.name_for
        )
        if plan is not None:
            value += len(plan.labels)
        results[family] = (value, table, labels)
        proposed[family] = found
    family = max(results, key=lambda f: results[f][0])  # ties go to the earlier family
    _, table, labels = results[family]
    labels = dict(labels)
    # Records quote other records: a hearing inserts an interview written "Name: text".  Labels of
    # the other same-line family join when they recur on their own (three times or more).
    # And where the labels read are themselves a record's in bold, the stop inside the bold ("**PRESIDENTE.**",
    # "**BELLOMO, relatore.**"), a record's label that lost its bold ("LO PRESTI (M5S). Signora ...") is one more
    # of them, heard once or not.
    in_bold = sum(1 for i, l in labels.items() if l.form == "bold" and _STOP_IN_BOLD.match(lines[i]))
    same_record = family == "inline" and in_bold >= 3 and in_bold * 2 >= len(labels)
    for other in ("inline", "record"):
        if other == family or other not in results or family not in ("inline", "record"):
            continue
        _, other_table, other_labels = results[other]
        fresh = {i: l for i, l in other_labels.items() if i not in labels and l.said}
        counts = Counter(other_table.name_for(l) for l in fresh.values())
        for i, label in fresh.items():
            name = other_table.name_for(label)
            if name is None or counts[name] < 3:
                continue
            key = name_key(display_name(label.raw))
            table.canonical.setdefault(key, name)
            for alias in other_table.aliases.get(name, []):
                table.add_alias(name, alias)
            labels[i] = label
    if same_record:
        first = min(labels)
        for i, line in enumerate(lines):
            if i <= first or i in labels or not line[:1].isupper():
                continue
            stopped = grammar.match_record(line)
            # (a name in capitals with its group or office, or one of the labels' own: "PRESIDENTE. Grazie.")
            known = stopped is not None and name_key(display_name(stopped.raw)) in table.canonical
            # (not a document's heading with its number, "ORDINE DEL GIORNO (G1.100).", "EMENDAMENTO (1.5)."; a
            # party's "(M5S)" is no number)
            numbered = stopped is not None and re.search(r"\d\.\d|^\W*\d", stopped.role or "") is not None
            if (
                stopped is not None
                and stopped.said
                and (stopped.role is not None or known)
                and in_capitals(stopped.raw)
                and not numbered
            ):
                table.canonical.setdefault(name_key(display_name(stopped.raw)), display_name(stopped.raw))
                labels[i] = stopped
    if family not in ("inline", "record") and labels and "inline" in proposed:
        # A chamber's members as one voice, in the inline shape among names set apart: "Hon. Members: Hear, hear."
        # (a placeholder: no one's name to confuse)
        first = min(labels)
        for i, label in proposed["inline"]:
            if i > first and i not in labels and label.said and GENERIC_SPEAKER.match(label.raw):
                table.canonical.setdefault(name_key(display_name(label.raw)), display_name(label.raw))
                labels[i] = label
    if family in ("inline", "record") and len(labels) >= 2:
        labels.update(_headed_turns(lines, labels, table))
    if len(labels) >= 2 and (
        family == "alone"
        or (family == "inline" and Counter(l.form for l in labels.values())["otter"] * 2 > len(labels))
    ):
        # (a name and a time alone on the line over the words: the "alone" family's, or the inline one's where most
        # labels are a meeting tool's "Name  0:03")
        labels.update(_same_shape_alone(lines, labels, table))
    if family == "separated" and len(labels) >= 4:
        labels.update(_same_shape_separated(lines, labels, table))
    if family in ("separated", "inline") and len(labels) >= 4:
        labels.update(_office_before_a_name_heard(lines, labels, table))
    if family == "inline" and len(labels) >= 4 and (kept := _documents_shape(lines, labels)) is not None:
        labels.update(_same_shape_labels(lines, labels, table, kept))
        labels = _without_header_in_another_shape(lines, labels, kept)
    if family == "inline":
        labels.update(_names_before_role_words(lines, labels, table))
    if family == "inline" and len(labels) >= 6:
        labels.update(_labels_without_their_colon(lines, labels, table))
    if family == "inline" and len(labels) >= 5:
        labels = _without_untimed_in_a_chat(labels, table)
    # (items and fields in the labels' shape, wherever they were found: after the labels found again by shape)
    labels = _without_numbered_items(labels, table)
    labels = _without_field_blocks(labels, lines, table)
    notes: set[int] = set()  # (lines in labels' shape read as the transcript's notes: not said to be unread)
    if family == "inline" and len(labels) >= 5:
        kept_labels = _without_lone_brackets(lines, labels, table)
        notes, labels = set(labels) - set(kept_labels), kept_labels
    names = {table.name_for(l) for l in labels.values()}
    turns = len(labels)
    description = DESCRIPTIONS[family]
    if family == "inline" and labels:
        forms = Counter(l.form for l in labels.values())
        form = forms.most_common(1)[0][0]
        description = _INLINE_FORMS.get(form, description)
    if family == "separated" and labels:
        mark = grammar.separator_of(next(iter(labels.values())))
        description = (
            "chat log: label in angle brackets (<name> text)"
            if mark == "<>"
            else f"label, then {grammar.SEPARATORS.get(mark or '', 'an ideographic space' if mark == '　' else 'a mark')}, then text"
        )
    conv = Convention(family, description, turns, grammar.confidence(turns, len(labelish | set(labels)), len(names)))
    if len(labels) >= 2:
        # Lines the family read as labels, in the conversation, that were not taken (a one-off name in another
        # shape): their words go to the speaker before.  Not a guess to make silently.
        first = min(labels)
        conv.unread = [
            lines[i].strip()
            for i, l in proposed.get(family, [])
            if i > first
            and i not in labels
            and i not in notes
            # (a phrase heard once is a sentence's own colon, but not a courtesy title's office: "Dl. secretar:")
            and (l.form not in ("semicolon", "phrase") or courtesy_and_office(l.raw))
            and _bare_first(l.raw) not in NOT_NAMES
            and names_a_person(display_name(l.raw))
        ]
        # and lines that the family's shapes did not propose at all but that open with capitalised words, a colon
        # and speech ("The Reverend Mary Lee: I have a point."), or open in a record's shape no family reads
        # ("NAGY FERENC belügyminiszter:" among "ELNÖK:" and "DR. KOVÁCS ANNA (Fidesz):") before a sentence,
        # in the conversation
        proposed_unread = set(conv.unread)
        mark = grammar.separator_of(next(iter(labels.values()))) if family == "separated" else None
        conv.unread += [
            line.strip()
            for i, line in enumerate(lines)
            if i > first
            and i not in labels
            and line.strip() not in proposed_unread
            and (
                _unread_opening(line)
                or (mark is not None and _shouted_before(line, mark))
                or _unread_alone(lines, i, labels)
            )
            and line.strip().split(":")[0].strip().casefold() not in PRODUCTION_CUES  # ("CG: LINDA ORTIZ / ...")
            and not a_motions_head(line.strip().split(":")[0])  # ("Enmienda del Grupo Popular: sustituir ...")
        ]
    if near_miss and len(labels) < 2:
        # Marked lines that talk, between names that recur, but open too little of the document to be sure
        # they are its turns: not applied, and said (see parse_lines).
        first = min(near_miss)
        example = lines[first].strip()[: lines[first].strip().find(near_miss[first].rest) or None].strip()
        conv = Convention("unknown", f"{len(near_miss)} lines start like {example!r}", 0, 0.3)
    return table, labels, conv


#: A line's opening in the shape of a label on the line of its words, whatever the label looks like: a time or a
#: mark before it, then up to six words, a colon and the gap after it ("HER HONOUR:   Yes.", "[21:02:47]  nightjar_77:
#: lol", 'Beatriz "Bia" Fontes: Oi').
_LABEL_SHAPE = re.compile(
    r"^(?P<pre>(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?[ \t]+)?(?:[-–—•>]+[ \t]*)?)"
    r"(?P<name>[^\s:：\[\](){}<>*_#|][^:：\n]{0,58}?)[ \t]*[:：](?P<gap>[ \t]*)(?=\S)"
)


def _shape_of(line: str) -> tuple[str, str] | None:
    """A label's shape in a line, without its name's letters: what comes before it (digits alike), how it is
    written (capitals, capitalised words, small letters), the gap after its colon; and the name.  None where the
    line does not open so, or the "name" reads as a sentence's start (more than six words, a sentence's end)."""
    m = _LABEL_SHAPE.match(line)
    if m is None:
        return None
    name = m.group("name").strip()
    words = name.split()
    if not 1 <= len(words) <= 6 or re.search(r"[.!?…,;](?:\s|$)", name.rstrip(".")) or "http" in name:
        return None
    case = (
        "caps"
        if name.isupper()
        else "words"
        if all(w[:1].isupper() or not w[:1].isalpha() for w in words)
        else "small"
        if name.islower()
        else "mixed"
    )
    gap = m.group("gap")
    gap_kind = "tab" if "\t" in gap else ("wide" if len(gap) >= 2 else "one" if gap else "none")
    before = _DIGITS.sub("9", m.group("pre").strip()) if m.group("pre") else ""
    return f"{before}|{gap_kind}|{case}", name


_DIGITS = re.compile(r"\d")


def _labels_without_their_colon(lines: list[str], labels: dict[int, Label], table: SpeakerTable) -> dict[int, Label]:
    """Lines among the turns that open with a label in capitals exactly as the document writes it three times or
    more, then a space and a capital, the colon left out once ("M. DELORME Merci, madame, l'entretien est
    terminé." among "M. DELORME : ..."): that speaker's turns.  Only where every label is written the same way,
    name then colon, and in capitals: a name in capitals opening a line of prose is not a sentence's first word."""
    if any(l.form != "plain" or l.role or l.time is not None for l in labels.values()):
        return {}
    written = Counter(l.raw.strip() for l in labels.values())
    loud = sorted(
        (
            raw
            for raw, n in written.items()
            # (two words or more: "WHO" opening a line goes on a sentence about the organisation)
            if n >= 3 and sum(c.isalpha() for c in raw) >= 3 and raw.isupper() and len(raw.split()) >= 2
        ),
        key=len,
        reverse=True,
    )
    if not loud:
        return {}
    found: dict[int, Label] = {}
    for i in range(min(labels) + 1, max(labels) + 1):
        line = lines[i].strip()
        if i in labels or not line[:1].isupper():
            continue
        raw = next((raw for raw in loud if line.startswith(raw + " ")), None)
        if raw is None:
            continue
        rest = line[len(raw) :].strip()
        if rest[:1].isupper() and not rest.split()[0].isupper() and ":" not in rest[:3]:
            label = Label(raw, rest, "plain")
            if grammar.talks([label]):  # (words said, "Merci, madame": not a note, "M. DURAND Pierre quitte la séance")
                found[i] = label
    return found


def _documents_shape(lines: list[str], labels: dict[int, Label]) -> tuple[str, int, set[str]] | None:
    """The shape (see `_shape_of`: what stands before the name, the gap after its colon) that nine in ten of the
    document's labels keep, from the first label in it on, four of them at the least: (that shape, the first
    label in it, how the names in it are written), or None.  Read on 48 to 96 labels, spread over the
    document (a long transcript's thousands tell no more)."""
    order = sorted(labels)
    step = max(1, len(order) // 48)
    sample = {i: seen[0] for i in order[::step] if (seen := _shape_of(lines[i])) is not None}
    if not sample:
        return None
    shape, _ = Counter(written.rsplit("|", 1)[0] for written in sample.values()).most_common(1)[0]
    first = next(i for i in order if (seen := _shape_of(lines[i])) is not None and seen[0].rsplit("|", 1)[0] == shape)
    below = [i for i in order[::step] if i >= first]  # (a header's fields above the turns, in another shape, aside)
    ours = [sample[i] for i in below if i in sample and sample[i].rsplit("|", 1)[0] == shape]
    if len(ours) < 4 or len(ours) < 0.9 * len(below):
        return None
    return shape, first, {written.rsplit("|", 1)[1] for written in ours}


def _same_shape_labels(
    lines: list[str], labels: dict[int, Label], table: SpeakerTable, kept: tuple[str, int, set[str]]
) -> dict[int, Label]:
    """Lines in the conversation that open exactly as the document's own labels do, but whose names the rules for
    what a name looks like refused ("HER HONOUR:   " among "MR PALLAS:   ", a chat's "nightjar_77:" among
    "Korvath:" after the same time): speakers, where the document's labels keep to that one shape (nine in ten of
    them) and the name comes back twice or more.  The document's own convention decides, not how names look
    elsewhere; words that are never names (notes, sources, a list's "Step") stay words."""
    # (how names are written counts where nothing stands before them: after a time, a chat's nicknames come in
    # every case, "Korvath" and "nightjar_77"; at a line's start, capitals among capitals)
    shape, first, cases = kept  # (see `_documents_shape`)
    if shape.endswith("|none"):
        return {}
    found: dict[str, list[int]] = {}
    for i in range(len(lines)):
        if i in labels or (":" not in lines[i][:70] and "：" not in lines[i][:70]):
            continue
        other = _shape_of(lines[i])
        if other is None or other[0].rsplit("|", 1)[0] != shape:
            continue
        if shape.startswith("|") and other[0].rsplit("|", 1)[1] not in cases:
            continue
        name = other[1]
        if _bare_first(name) in NOT_NAMES and not is_name_like(name):
            continue  # ("Note to self:", "Source:", "Update:": never anyone, in any shape)
        found.setdefault(name_key(display_name(name)), []).append(i)
    out: dict[int, Label] = {}
    for key, where in found.items():
        if len(where) < 2 or where[-1] < first:
            continue  # (twice at the least, in the conversation: a header's field before it is no one)
        for i in where:
            m = _LABEL_SHAPE.match(lines[i])
            assert m is not None
            raw = m.group("name").strip()
            out[i] = Label(raw, lines[i][m.end() :], "plain")
            table.canonical.setdefault(key, display_name(raw))
    return out


def _same_shape_alone(lines: list[str], labels: dict[int, Label], table: SpeakerTable) -> dict[int, Label]:
    """For labels alone on their line with a time, what `_same_shape_labels` does for labels on the line of the
    words: a line of a name and a time in the very shape of nine in ten of the document's own labels ("priya.raman
    10:42 AM" among "Tom Becker  10:43 AM"), over words, is a speaker whatever the name looks like, where the
    name comes back.  A name of two words or more must be written as the document's names are (a message's
    "lunch at 12:30 PM", twice, is no one)."""
    order = sorted(labels)
    step = max(1, len(order) // 64)  # (read on a sample of 64 to 128 labels, as `_documents_shape` reads on one)
    known = {i: seen for i in order[::step] if (seen := grammar.name_and_time(lines[i])) is not None}
    if not known:
        return {}
    shape, _ = Counter(seen[0] for seen in known.values()).most_common(1)[0]
    first = min(i for i, seen in known.items() if seen[0] == shape)
    below = [i for i in order[::step] if i >= first]
    ours = [i for i in below if i in known and known[i][0] == shape]
    if len(ours) < 2 or len(ours) < 0.9 * len(below):
        return {}  # (a time's shape is strict enough for two: a chat may have one capitalised name among handles)
    # (how the person's part of the name is written: a meeting tool's "(Comune di Valeggio)" after it aside)
    capitalised = all(w[:1].isupper() for i in ours for w in grammar.person_part(known[i][1]).split())
    found: dict[str, list[tuple[int, str, str | None, float]]] = {}
    for i, line in enumerate(lines[:-1]):
        if i in labels or not lines[i + 1].strip() or (seen := grammar.name_and_time(line)) is None:
            continue
        if seen[0] != shape:
            continue
        name, role = _person_and_tail(seen[1])
        if (bot := _APP_TAG.search(name)) is not None and bot.start() > 0:
            name, role = name[: bot.start()], "bot"  # (Discord's "MEE6 [BOT]": an app, who may speak once)
        words = name.split()
        if (_bare_first(name) in NOT_NAMES and not is_name_like(name)) or (
            len(words) > 1 and capitalised and not all(w[:1].isupper() for w in words)
        ):
            continue
        found.setdefault(name_key(display_name(name)), []).append((i, name, role, seen[2]))
    out: dict[int, Label] = {}
    for key, where in found.items():
        if (len(where) < 2 and where[0][2] != "bot") or where[-1][0] < first:
            continue
        for i, name, role, time in where:
            out[i] = Label(name, "", "timed", time, role)
            table.canonical.setdefault(key, display_name(name))
    return out


#: A chat app's tag after the name of an app's account: Discord's "MEE6 [BOT]", "Carl-bot APP".
_APP_TAG = re.compile(r"[ \t]+(?:\[(?:BOT|APP)\]|BOT|APP)$")


#: A name of capitalised words, then an office in small letters, a colon and words: "Kovács Béla polgármester:",
#: "Farkas Gergely képviselő:", "Nowak Anna radna:" (as Hungarian, and some Slavic, records write who speaks).
_NAME_THEN_OFFICE = re.compile(
    r"^[ \t]*(?P<name>[A-ZÀ-ÖØ-ÞĀ-ž][\w'’.-]*(?:[ \t]+[A-ZÀ-ÖØ-ÞĀ-ž][\w'’.-]*){1,3})"
    r"[ \t]+(?P<office>[a-zß-öø-ÿā-ž][\w-]*(?:[ \t]+[a-zß-öø-ÿā-ž][\w-]*)?)[ \t]*:[ \t]+(?P<rest>\S.*)$"
)


def _names_before_role_words(lines: list[str], labels: dict[int, Label], table: SpeakerTable) -> dict[int, Label]:
    """Beside a document's labels, lines that open with a full name, then an office in small letters, a colon and
    words ("Kovács Béla polgármester: Átadom a szót..."), where an office comes with two names or more, or one
    name three times (then every such line): a record's way of writing who speaks that the families did not
    read (a name must be capitalised), whose turns went to the speaker before, or that had none.  Where no other
    label is read, four such lines at the least and two people."""
    first = min(labels, default=0)
    found: dict[int, re.Match[str]] = {}
    for i, line in enumerate(lines):
        if i in labels or i < first - 40 or (colon := line.find(":", 0, 90)) < 0:
            continue
        before = line[:colon].rsplit(None, 1)
        if not before or not before[-1][:1].islower():
            continue  # (the word before the colon must be the office's, in small letters: most lines stop here)
        m = _NAME_THEN_OFFICE.match(line)
        if m is not None and is_full_name(m.group("name")) and _bare_first(m.group("name")) not in NOT_NAMES:
            found[i] = m
    names_of: dict[str, set[str]] = {}
    times: Counter[str] = Counter()
    for m in found.values():
        office = m.group("office").casefold()
        names_of.setdefault(office, set()).add(name_key(m.group("name")))
        times[office] += 1
    if not any(len(names) >= 2 or times[o] >= 3 for o, names in names_of.items()):
        return {}
    if not labels and (len(found) < 4 or len(set().union(*names_of.values())) < 2):
        return {}  # (alone, the way must be the document's: four such lines at the least, two people)
    # (once the way is the document's, every such line, an office heard once too: "Dr. Szabó Katalin jegyző:")
    out = {i: Label(m.group("name"), m.group("rest"), "plain", None, m.group("office")) for i, m in found.items()}
    if not grammar.talks(list(out.values())):  # (all of them together, as people talking do)
        return {}
    for label in out.values():
        table.canonical.setdefault(name_key(display_name(label.raw)), display_name(label.raw))
    return out


def _without_untimed_in_a_chat(labels: dict[int, Label], table: SpeakerTable) -> dict[int, Label]:
    """In a chat export, where six in seven labels or more carry the message's date or time ("[03/11/2023, 19:52]
    Ellie: ..."), a line opening "Gran: no fuss" without one is a message's own words (a quotation, a list), not a
    sender: unless that name sends messages too."""
    timed = {i: l for i, l in labels.items() if l.form == "timed"}
    if not timed:
        return labels
    first = min(timed)
    # (from the first message on: a header's "Agent : Priya Natarajan" is the header's; and a log's "SYSTEM:"
    # notes are no one's either way)
    said = [l for i, l in labels.items() if i >= first and l.form != "cue"]
    if len(timed) < 0.85 * len(said):
        return labels
    senders = {table.name_for(l) for l in timed.values()}
    # (and a name that spoke, untimed, before the first time: a record's chair, "Presidenten:" opening the item and
    # closing it, between members' labels with their times)
    senders |= {table.name_for(l) for i, l in labels.items() if i < first and l.said and l.form != "cue"}
    return {i: l for i, l in labels.items() if i < first or l.form in ("timed", "cue") or table.name_for(l) in senders}


def _person_and_tail(name: str) -> tuple[str, str | None]:
    """A meeting tool's display name as (the person, what it adds after them, if anything): "Elena Fabbri -
    Provincia di Verona" as ("Elena Fabbri", "Provincia di Verona"); a directory's "Rossi, Giulia" as "Giulia
    Rossi", as `match_label` reads it."""
    person = grammar.person_part(name)
    tail = name[len(person) :].strip(" -–—") or None
    if tail is not None and tail.startswith("(") and tail.endswith(")") and tail.count("(") == 1:
        tail = tail[1:-1]
    return given_first(person) or person, tail


def _folded(words: str) -> str:
    """`words` folded for comparing a name in capitals with the same name in ordinary case, Turkish's dotted and
    dotless i alike ("YAZICI", "Yazıcı")."""
    return words.casefold().replace("ı", "i").replace("i\u0307", "i")


#: A line opening with four words in capitals (the office and the name of _office_before_a_name_heard).
_CAPITALS_OPENING = re.compile(r"^[ \t]*(?:[^\W\d_a-z]{2,}[ \t]+){3}[^\W\d_a-z]{2,}", re.M)


def _office_before_a_name_heard(lines: list[str], labels: dict[int, Label], table: SpeakerTable) -> dict[int, Label]:
    """Lines in the labels' shape that no name-like reading took (or took whole), their label an office and a name
    all in capitals,
    too long for a name ("TARIM VE ORMAN BAKAN YARDIMCISI CEVDET YAZICI (Afyonkarahisar) – Sayın Başkan ..."), where
    its last two or three words are a person the document names in ordinary case ("Sayın Cevdet Yazıcı cevap
    verecektir"): that person's turn, the office their role.  Their words went to the speaker before, silently."""
    form = Counter(l.form for l in labels.values()).most_common(1)[0][0]
    mark = grammar.separator_of(labels[min(labels)]) if form.startswith("separated:") else ":"
    if not mark or not mark.strip():
        return {}
    first = min(labels)
    if not _CAPITALS_OPENING.search("\n".join(lines[first + 1 :])):
        return {}  # (no line opens with four words in capitals: most documents stop here)
    tokens: list[str] = []  # (the document's words, read only where a line in such a shape is found)
    folded: list[str] = []
    out: dict[int, Label] = {}
    for i, line in enumerate(lines):
        # (lines opening with a few words in capitals only: most lines stop here)
        if i <= first or not line.lstrip()[:12].replace(" ", "").isupper():
            continue
        # (or a label read whole, the office and the name as one: "TARIM BAKAN YARDIMCISI KEMAL IŞIK")
        whole = i in labels and len(labels[i].raw.split()) >= 4 and labels[i].raw.isupper()
        if i in labels and not whole:
            continue
        head, found, rest = line.strip().partition(f" {mark.strip()} " if mark.strip() != ":" else ": ")
        if not found or not rest.strip():
            continue
        head, where = split_role(head) if head.endswith(")") else (head, None)
        words = head.split()
        if not 4 <= len(words) <= 16 or not head.isupper() or not all(w.isalpha() for w in words):
            continue
        if not tokens:
            tokens = re.findall(r"[^\W\d_]+", "\n".join(lines))
            folded = [_folded(t) for t in tokens]
        for k in (3, 2):
            wanted = [_folded(w) for w in words[-k:]]
            said = next(
                (
                    " ".join(tokens[j : j + k])
                    for j in range(len(tokens) - k + 1)
                    if folded[j] == wanted[0]
                    and folded[j : j + k] == wanted
                    and not all(t.isupper() for t in tokens[j : j + k])
                    # (not where the office's word before goes on into it: "Ticaret Bakan Yardımcısı Sevda Çınar"
                    # is the office's last word and the name, not a name of three words)
                    and not (k == 3 and len(words) > k and j > 0 and folded[j - 1] == _folded(words[-k - 1]))
                ),
                None,
            )
            if said is not None and is_full_name(said):
                office = " ".join(words[:-k])
                role = ", ".join(r for r in (display_name(office), where) if r)
                table.canonical.setdefault(name_key(said), said)
                out[i] = Label(said, rest, form, None, role)
                break
    return out


def _same_shape_separated(lines: list[str], labels: dict[int, Label], table: SpeakerTable) -> dict[int, Label]:
    """For a chat's lines of a time, a name, a mark and the words ("17:24<tab>มะปราง<tab>...", "[21:02] nick —
    ..."), what `_same_shape_labels` does for labels on the line of the words: a line in the very shape of nine in
    ten of the document's labels (the same time, the same mark) is a message whatever its sender's name looks like
    ("Kong 🏃‍♂️" among names without pictures), where the name comes back."""
    order = sorted(labels)
    step = max(1, len(order) // 64)
    mark = grammar.separator_of(labels[order[0]])
    if mark not in grammar.SEPARATORS:
        return {}  # (a nick in brackets, a name in capitals: no mark between name and words to split at)
    known = {i: seen for i in order[::step] if (seen := grammar.time_and_marked_name(lines[i], mark)) is not None}
    sampled = order[::step]
    if not known:
        return {}
    shape, _ = Counter(seen[0] for seen in known.values()).most_common(1)[0]
    ours = [i for i in sampled if i in known and known[i][0] == shape]
    if len(ours) < 4 or len(ours) < 0.9 * len(sampled):
        return {}
    first = min(ours)
    found: dict[str, list[tuple[int, tuple[str, str, str, float]]]] = {}
    for i, line in enumerate(lines):
        if i in labels or i < first or (seen := grammar.time_and_marked_name(line, mark)) is None or seen[0] != shape:
            continue
        if _bare_first(seen[1]) in NOT_NAMES and not is_name_like(seen[1]):
            continue
        found.setdefault(name_key(display_name(seen[1])), []).append((i, seen))
    out: dict[int, Label] = {}
    form = labels[order[0]].form
    for key, where in found.items():
        if len(where) < 2:
            continue
        for i, (_, name, rest, time) in where:
            out[i] = Label(name, rest, form, time)
            table.canonical.setdefault(key, display_name(name))
    return out


def _without_header_in_another_shape(
    lines: list[str], labels: dict[int, Label], kept: tuple[str, int, set[str]]
) -> dict[int, Label]:
    """Labels above the conversation in another shape than its turns, where nine in ten of the turns (from the
    first in that shape on) open with a time or a mark before the name ("[00:00:12] Kunde:"): a header's fields
    ("Agent: Krüger, Melanie (MK2231)", "Kunde: +49 30 ...", "Kategorien: ..."), even under the names the turns
    go by."""
    shape, first, _ = kept  # (see `_documents_shape`)
    if shape.startswith("|"):
        return labels
    header = [
        i
        for i in labels
        if i < first and (seen := _shape_of(lines[i])) is not None and seen[0].rsplit("|", 1)[0] != shape
    ]
    return {i: l for i, l in labels.items() if i not in header} if header else labels


def _calls_itself_a_list_of_questions(lines: list[str]) -> bool:
    """Whether the document's first lines call it an FAQ or a quiz (see qa.a_conversation): its question and
    answer marks are no one's, and no labels left unread."""
    return not qa.a_conversation("\n".join([line for line in lines if line.strip()][:12]))


def _without_lone_brackets(lines: list[str], labels: dict[int, Label], table: SpeakerTable) -> dict[int, Label]:
    """Where four in five of the document's labels or more are not in brackets, a word in brackets alone on its
    line ("[MAPUMZIKO]", "[BREAK]", "[FIN DE LA SESIÓN]") whose name no other label gives: a note in the
    transcript, in any language, not someone who speaks once in another convention."""
    if sum(1 for l in labels.values() if l.form == "bracket") * 5 > len(labels):
        return labels
    keys = {i: name_key(table.name_for(l) or l.raw) for i, l in labels.items()}
    heard = Counter(keys.values())
    lone = [
        i
        for i, l in labels.items()
        if l.form == "bracket"
        and not l.rest.strip()
        and lines[i].strip().startswith("[")
        and heard[keys[i]] == 1
        and not is_placeholder(keys[i])  # (a news script's "[SOUNDBITE]": a voice)
    ]
    return {i: l for i, l in labels.items() if i not in lone} if lone else labels


#: A speaker's label, a word or two in small letters, a colon, and nothing after it: a record's heading over a
#: question or an answer given in writing ("MHE. JUMA S. HAMISI aliuliza:-", "Ada Park asked:", "X fragte:").
_HEADED_END = re.compile(r"[ \t]*(?::-|:|：)[ \t]*$")


def _headed_turns(lines: list[str], labels: dict[int, Label], table: SpeakerTable) -> dict[int, Label]:
    """Lines in the conversation that name one of its speakers as their labels do, then say in a word or two in
    small letters that they ask or answer, over the words: that speaker's turns, whatever the language's verb
    ("aliuliza:-", "alijibu:-", "asked:").  Only a speaker the labels already name, never a new one."""
    first = min(labels)
    headings = [
        i
        for i in range(first + 1, len(lines) - 1)
        # (lines end unpadded; the words may stand a blank line below, indented as a written answer is)
        if lines[i].endswith((":", ":-", "："))
        and i not in labels
        and (lines[i + 1].strip() or (i + 2 < len(lines) and lines[i + 2].strip()))
    ]
    if not headings:
        return {}
    known = {name_key(display_name(l.raw)) for l in labels.values()}
    found: dict[int, Label] = {}
    verbs: set[str] = set()  # (what the headings of known speakers say they do: "aliuliza", "alijibu")
    new: dict[int, tuple[str, Label]] = {}
    for i in headings:
        line = lines[i].strip()
        if len(line) > 120:
            continue
        words = _HEADED_END.sub("", line).split()
        for k in (1, 2):
            if len(words) <= k or not all(w.isalpha() and w.islower() for w in words[-k:]):
                break
            who, role = split_role(" ".join(words[:-k]))
            if name_key(display_name(who)) in known:
                found[i] = Label(who, "", "plain", None, role)
                verbs.add(" ".join(words[-k:]))
                break
            if names_a_person(display_name(who)) or (role is not None and names_a_person(display_name(role))):
                new.setdefault(i, (" ".join(words[-k:]), Label(who, "", "plain", None, role)))
    # A person the labels do not name yet, under a heading that says what known speakers' headings say (the
    # minister who answers only in writing: "NAIBU WAZIRI WA NISHATI (MHE. ABDALLAH K. SEIF) alijibu:-")
    for i, (verb, label) in new.items():
        if i not in found and verb in verbs:
            found[i] = label
            table.canonical.setdefault(name_key(display_name(label.raw)), display_name(label.raw))
    return found


_QUOTE_OPENERS = "\"“„«‘'「『"


#: Words by which people speak of themselves or to others, in a few languages (a talk's title has none).
_PERSONAL = re.compile(
    r"\b(?:I|I'm|I've|I'd|me|my|we|our|us|you|your|je|j'|nous|vous|ich|wir|Sie|yo|nosotros|eu|nós|io|noi|ik|wij|"
    r"jag|vi|jeg|я|мы|вы)\b"
)
_NUMBERED_ITEM = re.compile(r"^[ \t]*\d{1,3}[.)][ \t]+")


def _only_fields_at_the_top(labels: dict[int, Label], table: SpeakerTable, lines: list[str]) -> bool:
    """Whether the only labels are a few fields on lines one under another, each heard once, their words not
    talking, with the document's text below them (three lines or more that no label opens)."""
    order = sorted(labels)
    if not 1 <= len(order) <= 6 or order[-1] - order[0] != len(order) - 1:
        return False
    if len({table.name_for(l) for l in labels.values()}) < len(order) or grammar.talks(list(labels.values())):
        return False
    return sum(1 for line in lines[order[-1] + 1 :] if line.strip()) >= 3


def _a_list_of_values(labels: dict[int, Label], table: SpeakerTable) -> bool:
    """Whether the labels are a list's items rather than turns: six of them or more, fewer than two names heard
    more than once (a conversation has two people at least, each speaking again) and none over a third of them,
    and two thirds of what follows them short values that are no sentences ("100 g", "un
    pizzico", "4 grandi", "se serve")."""
    if len(labels) < 6:
        return False
    counts: Counter[str | None] = Counter()
    again = 0
    for l in labels.values():
        name = table.name_for(l)
        counts[name] += 1
        if counts[name] == 2:
            again += 1
            if again >= 2:
                return False  # (two names heard again: a conversation, however long; said at once)
    if any(l.strong for l in labels.values()) or max(counts.values()) > max(2, len(labels) // 3):
        return False  # (a chat's "A:" over most of the messages is one person talking)
    values = [l.rest.strip() for l in labels.values()]
    short = sum(1 for v in values if len(v.split()) <= 6 and not _sentence_end(v) and not v.endswith("?"))
    return short >= 2 / 3 * len(values)


#: A song's sections, as lyric sheets, chord charts and hymnals head them, in the languages most lyrics come in:
#: "Verse 1:", "Chorus:", "Estribillo:", "Припев:", "副歌：".  A theatre's CHORUS or a play's HOOK is a speaker;
#: only a document whose labels are mostly these, two kinds at least, is a song's sheet.
SONG_SECTIONS = frozenset(
    [
        "verse",
        "chorus",
        "pre-chorus",
        "prechorus",
        "post-chorus",
        "postchorus",
        "bridge",
        "intro",
        "outro",
        "hook",
        "refrain",
        "coda",
        "interlude",
        "breakdown",
        "instrumental",
        "middle-eight",
        "middle-8",
        "vamp",
        "tag",
        "strophe",
        "couplet",
        "pont",
        "verso",
        "estrofa",
        "estribillo",
        "coro",
        "puente",
        "precoro",
        "pre-coro",
        "refrão",
        "refrao",
        "ponte",
        "pré-refrão",
        "strofa",
        "ritornello",
        "inciso",
        "zwrotka",
        "refren",
        "most",
        "refrein",
        "brug",
        "vers",
        "refräng",
        "refrang",
        "stick",
        "omkväde",
        "kertosäe",
        "säkeistö",
        "nakarat",
        "kıta",
        "куплет",
        "припев",
        "бридж",
        "проигрыш",
        "приспів",
        "主歌",
        "副歌",
        "前奏",
        "间奏",
        "間奏",
        "尾奏",
        "桥段",
        "橋段",
        "サビ",
        "aメロ",
        "bメロ",
        "cメロ",
        "벌스",
        "후렴",
        "브릿지",
    ]
)


#: What a song section's name may carry besides its words: a note in parentheses, a number, "x2", a colon.
_SECTION_EXTRAS = re.compile(r"\([^)]*\)|\b(?:x ?\d+|\d+x?|[ivx]+)\b|[\d:：.]")


def _song_section(text: str) -> str | None:
    """The song section `text` names ("Verse 2", "Chorus x2", "[Intro]", "(Pre-chorus)"), else None."""
    folded = text.strip().strip("[]():：*_#").casefold()
    words = _SECTION_EXTRAS.sub(" ", folded).split()
    kind = "-".join(words)
    return kind if words and kind in SONG_SECTIONS else None


def _song_sections(labels: dict[int, Label], table: SpeakerTable, lines: list[str]) -> bool:
    """Whether the labels head a song's sections rather than turns: four fifths of them a section's name
    (numbered or not: "Verse 2", "Chorus x2"), and the document's lines head two kinds of section at least
    ("Verse 1:" and "[Intro]" too, which may not have been read as labels)."""
    # (each name looked at once: a conversation's labels are a few names heard many times)
    heard = Counter(table.name_for(l) or l.raw for l in labels.values())
    if sum(n for name, n in heard.items() if _song_section(name)) < max(1, 0.8 * len(labels)):
        return False
    kinds = {kind for line in lines if len(line) <= 40 and (kind := _song_section(line))}
    return len(kinds) >= 2 and sum(1 for line in lines if len(line) <= 40 and _song_section(line)) >= 3


def _alphabetical(labels: dict[int, Label], table: SpeakerTable) -> bool:
    """Whether five labels or more, each heard once, come in the alphabet's order: a glossary's terms, an index's
    entries (a conversation's speakers take turns, and never so)."""
    names = [(table.name_for(labels[i]) or labels[i].raw).casefold() for i in sorted(labels)]
    if len(names) >= 5 and len(set(names)) == len(names) and names == sorted(names):
        return True
    # (or the terms as written, where reading them as names made one of another: a glossary's "Hakim" and
    # "Majelis Hakim", "Tergugat" and "Turut Tergugat", each its own entry)
    written = [" ".join(labels[i].raw.strip(" *_:：").split()).casefold() for i in sorted(labels)]
    return len(written) >= 5 and len(set(written)) == len(written) and written == sorted(written)


#: A configuration file's (YAML's) lines: a key over the more indented lines it holds, a key and its value, an item.
_MAPPING_HEAD = re.compile(r"^(?P<indent>[ \t]*)[\w.\-]+:[ \t]*(?:#.*)?$")
_KEY_VALUE = re.compile(r"^[ \t]*(?:-[ \t]+)?[\w.\-\"']+:[ \t]+\S|^[ \t]*-[ \t]+\S")


def _a_configuration(lines: list[str]) -> bool:
    """Whether the document is a configuration's keys and values, nested (YAML's shape): three keys or more over
    more indented lines, and all but a few lines keys, values or items."""
    # (judged on its first 400 lines: a transcript's thousands need not be read to tell it from one)
    body = [line for line in lines[:800] if line.strip() and not line.lstrip().startswith("#")][:400]
    if len(body) < 8:
        return False
    heads = kept = misses = 0
    for line, below in itertools.pairwise(body):
        if (m := _MAPPING_HEAD.match(line)) is not None:
            kept += 1
            heads += len(below) - len(below.lstrip()) > len(m.group("indent"))
        elif _KEY_VALUE.match(line):
            kept += 1
        else:
            misses += 1
            if misses > 0.2 * len(body):
                return False  # (more lines than a configuration's few are neither: a transcript stops here)
    return heads >= 3 and kept + 1 >= 0.8 * len(body)


def _a_numbered_list(lines: list[str], labels: dict[int, Label], table: SpeakerTable) -> bool:
    """Whether the labels of people (full names) are mostly a numbered list's items, each person in it once."""
    if sum(1 for i in labels if lines[i][:1].isdigit() or lines[i][:1] in " \t") < 3:
        return False  # (no numbered items to look at)
    people = [i for i, l in labels.items() if is_full_name(table.name_for(l) or "")]  # (not "Chair:", "Discussant:")
    items = [i for i in people if _NUMBERED_ITEM.match(lines[i])]
    counts = Counter(table.name_for(labels[i]) for i in people)
    if len(items) < 3 or 2 * len(items) < len(people) or max(counts.values(), default=0) != 1:
        return False
    # (a talk's title after each name, not what each says: numbered public comments are speech, a paragraph each
    # or a line saying "I oppose ...")
    words = sorted(len(labels[i].rest.split()) for i in items)
    personal = sum(1 for i in items if _PERSONAL.search(labels[i].rest))
    return words[len(words) // 2] <= 15 and 3 * personal < len(items)


def _quoted(labels: dict[int, Label], lines: list[str]) -> bool:
    """Whether the words after every label are a quotation: they open with a quotation mark (on the label's
    line, or on the next where the label ends its line: "Prof. Ewa Mazur, ekonomistka:" over „...")."""

    def words(i: int, label: Label) -> str:
        if label.said:
            return label.rest.strip()
        return next((line.strip() for line in lines[i + 1 : i + 3] if line.strip()), "")

    return all(words(i, l)[:1] in _QUOTE_OPENERS for i, l in labels.items())


#: A legend's entry: a speaker's code and who it stands for ("S1 = Moderator", "S2 = Participant (Hollis)").
_LEGEND = re.compile(
    r"(?:^|[\s,;:])(?P<code>[A-Z]{1,3}\d{0,2}(?:/\d{1,2})?)(?P<stop>\.)?[ \t]*(?:=|[–—]|-(?=[ \t]))[ \t]*(?P<who>[^,;=\n]{2,60})"
)


#: A header's key to codes that are a word and a number, a flat's or a seat's: "Apto 304 – Jefferson Nakamura
#: (proprietário)", "Seat 12 = Ada Park" (the person up to the next dash or comma).
_UNIT_LEGEND = re.compile(
    r"^[ \t]*(?P<code>[^\W\d_]{1,12}\.?[ \t]?\d{1,4}[A-Za-z]?)[ \t]*(?:=|[–—]|-(?=[ \t]))[ \t]*"
    r"(?P<who>[^,;=\n–—]{2,60}?)[ \t]*(?=[–—,;]|$)"
)
_UNIT_CODE = re.compile(r"[^\W\d_]{1,12}\.?[ \t]?\d{1,4}[A-Za-z]?")


#: A Chinese dialogue's key to its voices: "表演：甲——王德顺　乙——李春明" (甲 and 乙, its A and B; see names.DIALOGUE_STEMS).
_STEM_LEGEND = re.compile(
    r"(?<![\u3400-\u9fff])(?P<code>[甲乙丙丁])[ \t]*(?:[–—]{1,2}|=)[ \t]*(?P<who>[^\s,，、;；（(=]{2,12})"
)


#: A header's name with the short form the labels use after it, in parentheses, where capitals cannot tell a
#: short form by: "ผู้ดำเนินรายการ: วิภาวี ศรีสุข (วิ)" (the host, Wiphawi Srisuk, "วิ:" in the turns).
_NAME_CODE_LEGEND = re.compile(
    r"(?P<who>[^\W\d_][^():：\n]{0,40}?)[ \t]*[(（](?P<code>[^()（）\s,，、]{1,12})(?:[,，、][^()（）\n]{0,30})?[)）]"
)
#: A name and, in parentheses, the code its turns go by after words saying so: Hebrew "רותי לוי (מסומנת מ)"
#: (marked מ), "Ruth Levy (marked T)", "Ada Park (hereafter AP)", in the languages transcripts are keyed in.
_MARKED_CODE_LEGEND = re.compile(
    r"(?P<who>[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,3})[ \t]*[(（]"
    r"(?P<lead>marked|hereafter|hereinafter|below|coded|code|referred to as|"
    r"מסומן|מסומנת|להלן|im folgenden|nachfolgend|en adelante|en lo sucesivo|ci-après|di seguito|hierna|"
    r"doravante|a seguir|далее|nedan|heretter|jäljempänä|dalej)[ \t]+(?P<code>[^()（）\s,，、]{1,3})[)）]",
    re.I,
)
#: A code, a gap, then the person it stands for, at a line's start: "  DOC   Dr Fiona Baird, GP" (the gap's width
#: may be folded by then); only a code the turns go by counts (see _apply_legend).
_GAP_LEGEND = re.compile(r"^[ \t]*(?P<code>[A-Z]{2,4}\d{0,2})[ \t]+(?P<who>[^\W\d_][^,;=\n]{1,59})")
#: A short name the turns go by, then the full name in parentheses: a Thai podcast's hosts, "พลอย (ชนิดา ศรีสุข), ต้น
#: (ธนพล ใจดี)" (nicknames and names), "Bob (Robert Hale)".
_SHORT_THEN_FULL_LEGEND = re.compile(
    r"(?:^|(?<=[\s,，、:：;]))(?P<code>[^\W\d_][^\s()（）,，、:：;*_]{0,15})[ \t]*[(（]"
    r"(?P<who>[^\W\d_][^()（）,，、:：;\d\n]{1,40}?[ \t　][^()（）,，、:：;\d\n]{1,40}?)[)）]"
)
#: A header's role with the code its turns go by, then the person: "Moderator (M): Dr. Rina Kusumawardani",
#: "Interviewer (I): Ada Park" (the role is kept as an alias; see _apply_legend).
_ROLE_CODE_LEGEND = re.compile(
    # (an office's letters may carry marks that are not letters themselves: Thai's "ผู้ดำเนินการสนทนา")
    r"^[ \t]*(?P<office>[^\W\d_](?:[\w' -]|[^\x00-\u02ff\s():=–—,;]){1,30}?)[ \t]*\((?P<code>[A-Z]{1,3}\d{0,2}|[^\W\d_A-Za-z][^\s()]{0,15})\)[ \t]*[:=–—][ \t]*(?P<who>[^,;=\n]{2,60})"
)


#: A header's field naming a person, then what they are, then the code their turns go by: "Therapeut: Marloes de
#: Vries, GZ-psycholoog (T)", "Cliënt: "Sanne", 29 jaar (C) — naam gefingeerd".
_FIELD_CODE_LEGEND = re.compile(
    r"^[ \t]*(?P<office>[^\W\d_][^:=\n]{1,30}?)[ \t]*:[ \t]*[\"“„'‘]?(?P<who>[^\W\d_][^,;:()\"”“\n]{1,50}?)[\"”“'’]?"
    r"[ \t]*(?:,[^()\n]{0,80})?\((?P<code>[A-Z]{1,3}\d{0,2})\)"
)


#: A transcription tool's numbered speaker, as its label or a header's key names it: "Speaker 1", "Sprecher 2".
_NUMBERED = r"(?:speaker|spk|participant|person|sprecher(?:in)?|intervenant|hablante|locuteur|orador|spreker|talare|taler)[ _]?\d{1,2}"
_NUMBERED_CODE = re.compile(_NUMBERED, re.I)
#: A header's key to such speakers: "Speaker 1 = Priya Raman (host). Speaker 2 = Ali Yılmaz (co-owner, ...)".
_NUMBERED_LEGEND = re.compile(
    rf"\b(?P<code>{_NUMBERED})[ \t]*(?:=|[–—]|-(?=[ \t]))[ \t]*(?P<who>[^=\n]+?)"
    rf"(?=[.;][ \t]|[.;]?[ \t]*$|,?[ \t]+{_NUMBERED}[ \t]*(?:=|[–—]|-[ \t]))",
    re.I,
)
#: A label of two participants' codes: "A2/A3", "P4/5".
_CODE_PAIR = re.compile(r"[A-Z]{1,3}\d{1,2}/(?:[A-Z]{1,3})?\d{1,2}")
#: One code for two numbered participants: "P4/5".
_TWO_CODES = re.compile(r"[A-Z]{1,3}\d{1,2}/\d{1,2}")
#: Two people or more in a legend's value: "Fatma Yılmaz and Deniz Aksoy".
_SEVERAL = re.compile(r"[ \t](?:and|&|und|et|y|e|en|och|og|i|и)[ \t]|[/+]")


def _several(who: str) -> bool:
    """Whether a key's words give a code to two people or more: "Fatma Yılmaz and Deniz Aksoy", "P4/P5", not
    "respuestas del segundo entrenador en ausencia de ..." (Spanish "en", in, is Dutch "and")."""
    m = _SEVERAL.search(who)
    if m is None:
        return False
    after = who[m.end() :].lstrip()
    return m.group().strip() in ("/", "+", "&") or after[:1].isupper() or after[:1].isdigit()


#: Two to four capitalised words one after another: a person's name in a sentence that describes them.
_CAPITALISED_RUN = re.compile(r"(?<![\w.])(?:[^\W\d_a-z][^\W\d_]+[ \t]+){1,3}[^\W\d_a-z][^\W\d_]+")


def _a_persons_name(words: str) -> bool:
    """Whether `words` are a person's name written with capitals, every word of it (capitals only where a script has
    them: Thai "ชาย อายุ", a man aged, names no one)."""
    return all(w[:1].isupper() for w in words.split()) and names_a_person(words)


def _capitalised_people(text: str) -> list[str]:
    """The people's names `text` writes as capitalised words one after another, in order, each once."""
    return list(dict.fromkeys(m.group(0) for m in _CAPITALISED_RUN.finditer(text) if _a_persons_name(m.group(0))))


def _one_person_in(words: str) -> str | None:
    """The one person's full name a legend's description holds ("respuestas de Iker Salvatierra"), or None where
    it holds none or several."""
    people = set(_capitalised_people(words))
    if len(people) != 1:
        return None
    person = people.pop()
    # (the name closing a few words that say what is theirs: not "preguntas enviadas por los lectores a Marta
    # Quiroga", questions sent to her, which she answers)
    before = words.rstrip(" .)").removesuffix(person)
    return person if before != words.rstrip(" .)") and len(before.split()) <= 2 else None


def _apply_legend(head: list[str], labels: dict[int, Label], table: SpeakerTable) -> list[tuple[str, str]]:
    """Speakers' codes that the header explains ("Speakers: S1 = Moderator, S2 = Ada Park", "Speaker 1 = Priya
    Raman (host).") go by the names given, the code kept as an alias.  A code the header gives to two people or
    more ("Speaker 3 = Fatma Yılmaz and Deniz Aksoy (one mic)") stays as it is: (the code, whom), for a warning."""
    if not any(
        "=" in line or "-" in line or "–" in line or "—" in line or "(" in line or "（" in line for line in head
    ):
        return []  # (no key to any code in the header: "S1 = ...", "P1 – ...", "Ada Park (AP)")
    codes = {
        l.raw.strip(): table.name_for(l)
        for l in labels.values()
        if is_initials(l.raw.strip())
        or len(l.raw) <= 3
        or _NUMBERED_CODE.fullmatch(l.raw.strip())
        or _TWO_CODES.fullmatch(l.raw.strip())
        or _UNIT_CODE.fullmatch(l.raw.strip())
        # (a role's word in a script without capitals, that a header's role in English keys to a person: "Agent
        # (ఏజెంట్): Ramesh Naidu" over "ఏజెంట్:")
        or (uncased(l.raw.strip()) and " " not in l.raw.strip())
    }
    shared: list[tuple[str, str]] = []
    if not codes:
        return shared
    by_key = {name_key(code): code for code in codes}
    entries = [
        (m, line[m.end() :].lstrip().startswith(","))
        for line in head
        for m in itertools.chain(
            # (a code with a stop only where a key's line or item starts: "P. = preguntas", not "Frau B. – Altenpflegerin")
            (
                m
                for m in _LEGEND.finditer(line)
                if not m.group("stop") or line[: m.start("code")].strip()[-1:] in ("", ",", ";", ":")
            ),
            _STEM_LEGEND.finditer(line),
            _NUMBERED_LEGEND.finditer(line),
            _ROLE_CODE_LEGEND.finditer(line),
            _FIELD_CODE_LEGEND.finditer(line),
            _UNIT_LEGEND.finditer(line),
            # (a name and its short form in a script without capitals; elsewhere initials say whose they are)
            # (or a code in Latin letters for a name in such a script, with what describes them: "ミホ（M，22歳）")
            (m for m in _NAME_CODE_LEGEND.finditer(line) if uncased(m.group("code")) or uncased(m.group("who"))),
            # (the full name of two words or more, as a person's is: not an office's "(Chair)")
            # (in a cased script, the short name as the given name shortened, "Jen (Jennifer Ortiz)": not a job's or an
            # outlet's "Tom (Retired Farmer)", "Sam (BBC Scotland)")
            (
                m
                for m in _SHORT_THEN_FULL_LEGEND.finditer(line)
                if is_name_like(m.group("who"))
                and all(w[:1].isupper() or uncased(w) for w in m.group("who").split())
                and (
                    uncased(m.group("code"))
                    or m.group("who").split()[0].casefold().startswith(m.group("code").casefold())
                )
            ),
            # (the words saying so: "(marked R)", not a relation's "(mother of R)" nor a part's "(Young Tom)")
            _MARKED_CODE_LEGEND.finditer(line),
            # (a list of participants in columns, the code, a wide gap, the person: "  DOC   Dr Fiona Baird, general
            # practitioner", as conversation analysts key their transcripts)
            _GAP_LEGEND.finditer(line),
        )
    ]
    # A legend giving one value to several codes describes them ("P1 – Mwanamume, miaka 52", "P3 – Mwanamume,
    # miaka 45": a man), in whatever language: it names none of them, nor the codes it describes alike, the value
    # followed by more of the description ("P2 – Mwanamke, miaka 38": a woman).  An entry that names someone
    # beside them ("M = Moderadora (Gabriela Sosa)") still does.
    described: dict[str, set[str]] = {}
    for m, _ in entries:
        described.setdefault(name_key(m.group("who")), set()).add(name_key(m.group("code")))
    describes = any(len(codes) > 1 for codes in described.values())
    given: dict[str, str] = {}
    for m, more in entries:
        code, who = by_key.get(name_key(m.group("code")), m.group("code")), m.group("who").strip()
        if (len(described[name_key(who)]) > 1 or (describes and more)) and not _several(split_role(who)[0]):
            continue
        if code not in codes or codes[code] is None or code in given:
            continue
        if _several(split_role(who)[0]) or _TWO_CODES.fullmatch(code):
            # (or a code for two numbers at once, "P4/5 = participantes 4 e 5": two people the transcriber
            # could not tell apart)
            shared.append((code, split_role(who)[0]))
            continue
        name, role = split_role(who)
        if role and is_generic(name) and is_name_like(role):
            name, role = role, name  # "Participant (Hollis)": Hollis
        name, role = person_in_office(name, role) if role else (name, role)
        if not (is_name_like(name) or is_generic(name)) and (inside := _one_person_in(name)) is not None:
            if len(who) >= 58:
                continue  # (the key's words cut off at their length: the name may be too)
            name = inside  # ("R. = respuestas de Iker Salvatierra": his answers)
        if not (is_name_like(name) or is_generic(name)) or name in given.values() or _ANY_OF_A_GROUP.match(name):
            # (two codes for one name would make two people one; and "P1 – female, 31, nurse" describes P1,
            # whom it does not name)
            continue
        given[code] = name
        key = name_key(code)
        table.canonical[key] = name
        table.add_alias(name, code)
        if role:
            table.add_alias(name, who)
        if m.re is _ROLE_CODE_LEGEND or m.re is _FIELD_CODE_LEGEND:
            table.add_alias(name, m.group("office").strip())
    return shared


def _shown_names(labels: dict[int, Label], table: SpeakerTable) -> set[str]:
    """The names the labels go by, each label's words read once (a long record repeats a few labels thousands of
    times)."""
    once = {l.raw: l for l in labels.values()}
    return {n for l in once.values() if (n := table.name_for(l))}


def _roles_shared(head: list[str], shown: set[str]) -> list[tuple[str, str]]:
    """Role labels ("ВЕДУЩИЙ:", "Host:") that a field of the head, under the role's word or another form of it
    ("Ведущие: Алексей Гуров, Михаил Баранов"), gives to two people or more: (the label, the people), for a
    warning, since the turns cannot tell them apart."""
    roles = {name: name_key(name) for name in shown if len(name.split()) == 1 and not is_full_name(name)}
    out: list[tuple[str, str]] = []
    # (a title that follows the surname in a script without capitals, "委員", which the head's list gives to several
    # people, "鈴木委員、山本委員、井上委員": any of them)
    for name in roles:
        if uncased(name) and " " not in name and 1 <= len(name) <= 4:
            holders = {
                w
                for line in head
                if name in line
                for w in re.split(r"[\s、，,;；・（）()]+", line)
                if w.endswith(name) and 1 <= len(w) - len(name) <= 4
            }
            if len(holders) >= 2:
                out.append((name, "、".join(sorted(holders)[:3]) + ("…" if len(holders) > 3 else "")))
    for line in head:
        m = _FIELD.match(line.replace("**", "").strip())
        if m is None:
            continue
        key = name_key(m.group("key"))
        # (the field's value up to a sentence's end or the next field: "Moderation: Anna Berg | Redaktion: ...")
        value = re.split(r"[.;]\s|\s[|·•]\s|\t|\s{3,}", line.replace("**", "").strip()[m.end() - 1 :], maxsplit=1)[0]
        spans = name_spans(value)
        people = [n for _, _, n in spans]
        rest = value
        for a, b, _ in reversed(spans):
            rest = rest[:a] + rest[b:]
        if len(re.findall(r"[^\W\d_]{3,}", rest)) > 4:
            continue  # (a turn that names people, "The light at Loop Head ... Tom Keane", is no list of them)
        for name, role in roles.items():
            if " " not in key and _same_word(key, role) and len(set(people)) >= 2 and name not in dict(out):
                out.append((name, " and ".join(people[:3])))
    return out


#: A transcriber's note that someone joins the conversation, in the languages transcripts are made in.
_JOINS = re.compile(
    r"\b(?:join(?:s|ed)?|arriv(?:es|ed)|enter(?:s|ed)|comes? in|came in|se une|se unió|llega|llegó|rejoint|arrive|"
    r"entre|kommt dazu|kam dazu|tritt (?:ein|hinzu)|si unisce|arriva|entra|dołącza|dołączył|przychodzi|"
    r"присоединя\w*|входит|вош\w*|junta-se|chega|komt binnen|voegt zich|ansluter|kommer in)\b",
    re.I,
)


def _initials_shared(lines: list[str], labels: dict[int, Label], table: SpeakerTable) -> list[tuple[str, str]]:
    """Initials over turns ("JM:") given to one person, where a transcriber's note in brackets names another of the
    same initials joining ("[James Mercer, the interviewer's brother, arrives and joins the conversation.]"): (the
    initials, both people), for a warning."""
    out: list[tuple[str, str]] = []
    for label in {l.raw.strip() for l in labels.values()}:
        if not is_initials(label) or " " in label:
            continue
        letters = label.replace(".", "").upper()
        person = table.name_for(Label(label, "", "plain")) or label
        for i, line in enumerate(lines):
            s = line.strip()
            if i in labels or s[:1] not in "[(" or s[-1:] not in "])":
                continue
            if not _JOINS.search(s):
                continue  # (a note about someone, "[Jack Morris owned the mill]", not someone joining the talk)
            others = {
                n
                for _, _, n in name_spans(s)
                if letters in initials_of(n) and name_key(n) != name_key(person) and is_full_name(n)
            }
            if others and is_full_name(person):
                out.append((label, f"{person} or {sorted(others)[0]}"))
                break
    return out


def _apply_codes_after_names(head: list[str], labels: dict[int, Label], table: SpeakerTable) -> None:
    """Initials over turns ("LT:", "SD:") that the head writes in parentheses after a person's name, a rank or an
    office maybe before it ("Detective Constable Liam TRAN (LT)", "Shane Patrick DOYLE (SD) DOB 12/06/1991"): the
    turns go by the name, the initials kept as an alias.  The name is the fewest last words of those before the
    parentheses whose initials, all of them or the first and last, are the code's letters."""
    if not any("(" in line for line in head):
        return
    codes = {
        shown for shown in _shown_names(labels, table) if is_initials(shown) and "." not in shown and " " not in shown
    }
    if not codes:
        return
    given: dict[str, set[str]] = {}
    for line in head:
        if "(" not in line:
            continue
        for m in re.finditer(r"\(([A-Z]{2,4})\)", line):
            code = m.group(1)
            if code not in codes:
                continue
            words = line[: m.start()].replace("*", " ").split()
            for n in (2, 3, 4):
                tail = words[-n:]
                if len(tail) < n or not all(
                    w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in tail
                ):
                    break
                letters = "".join(w[0] for w in tail).upper()
                if code in (letters, letters[0] + letters[-1]) and is_name_like(" ".join(tail)):
                    given.setdefault(code, set()).add(" ".join(tail))
                    break
    for code, people in given.items():
        if len(people) == 1 and table.canonical.get(name_key(code)) == code:
            person = display_name(people.pop())
            table.canonical[name_key(code)] = person
            table.add_alias(person, code)


#: Roles one person holds in a recording, as labels name them in the languages interviews and focus groups come
#: in (English's are placeholders already: corpus.identity).
_ONE_PERSONS_ROLE = re.compile(
    r"^(?:facilitator|facilitatrice|facilitador[a]?|moderador[a]?|moderadora|moderatore|moderatrice|"
    r"modérateur|modératrice|moderator(?:in)?|moderaattori|entrevistador[a]?|intervistatore|intervistatrice|"
    r"intervieweur|intervieweuse|interviewer(?:in)?|haastattelija|apresentador[a]?|presentador[a]?|"
    r"animateur|animatrice|conduttore|conduttrice|gastgeber(?:in)?|chairperson|chair)$",
    re.I,
)


def _apply_role_fields(head: list[str], labels: dict[int, Label], table: SpeakerTable) -> None:
    """A role the turns are labelled by that the header gives to one person ("Interviewer: Daniel Brandt",
    "Moderator: MN (Mpho Ndlovu)", "Facilitator: Dr. Ama Mensah, University of Ghana"): its turns go by the
    person's name, the role kept as an alias.  Not a role for anyone of a group ("Participant: P07"), nor a field
    naming two people ("Interviewers: A and B": either could ask), nor a name another label already has."""
    # (and any label that a field of the header is called by: the field says who holds it, "Worship Leader: Sis. Joy
    # Mercado" over "WORSHIP LEADER:", whatever the words)
    fields = {name_key(m.group("key")) for line in head if (m := _FIELD.match(line.strip())) is not None}
    roles = {
        key: name
        for name in {table.name_for(l) for l in labels.values()}
        if name is not None
        and (
            is_placeholder(key := name_key(name))
            or is_generic(name)
            or _ONE_PERSONS_ROLE.match(name)
            or (key in fields and _bare_first(name) not in NOT_NAMES)
        )
        and not _ANY_OF_A_GROUP.match(name)
    }
    if not roles:
        return
    taken = {name_key(n) for n in table.canonical.values()}
    given: set[str] = set()
    for line in head:
        m = _FIELD.match(line.strip())
        if m is None or (key := name_key(m.group("key"))) not in roles or key in given:
            continue
        # (the field's value ends at a wide gap or a bar: "Moderator: MN (Mpho Ndlovu)    Note-taker: TK")
        value = re.split(r"\t|\s{2,}|\s\|\s", line.strip()[m.end() - 1 :])[0].strip(" *_")
        if re.search(r"\s(?:and|&|und|et|y|e|i|en|och|og)\s|[;/]", value) or _sentence_end(value):
            continue
        who = value.split(",", 1)[0].strip()
        name, role = split_role(who)
        if role and is_initials(name) and is_full_name(role):
            name, role = role, name  # "MN (Mpho Ndlovu)": Mpho Ndlovu
        name = display_name(name)
        if not is_full_name(name) or ":" in name or name_key(name) in taken or not is_name_like(name):
            continue  # (nor a headline's quotation under the guest's name: "Claire Morvan : « Les nappes ... »")
        given.add(key)
        table.canonical[key] = name
        table.add_alias(name, roles[key])
        if role:
            table.add_alias(name, role)
    # (the field again further on, naming someone else and saying nothing: an agenda item's "Rapporteur : M. Thierry
    # GIRAUD" under the head's "Rapporteur : Mme Sylvie LEROY": whose item it is, no one's words)
    for label in labels.values():
        if name_key(display_name(label.raw)) in given and _only_a_person(label.rest.strip()):
            label.rest = f"{label.raw.strip()} : {label.rest.strip()}"
            label.raw = ""


#: A word in Chinese characters (and kana), as a list of members writes a name or an office: "林柏翰", "敬一君".
_HAN_WORD = re.compile(r"[\u3005\u3400-\u9fff\uf900-\ufaff\u3041-\u30ff]+")
#: The Diet's honorific after a member's name in its lists: "森川　敬一君".
_KUN = "君"


def _apply_han_names_listed(head: list[str], labels: dict[int, Label], table: SpeakerTable) -> None:
    """Labels in Chinese characters that are a member's surname, an office and maybe the given name ("林委員柏翰",
    "吳部長淑芬", a committee's "森川委員長", "田村政府参考人"), where the list of members above the turns gives the
    full names ("出席委員　鄭宜蓁　林柏翰", "委員長　森川　敬一君"): the turns go by the full name, the label kept as
    an alias.  A label fits a name that it opens with (one or two characters of it, the surname) and either closes
    with the rest of it (the given name, the office between) or goes on with an office the list itself writes
    ("委員", "国務大臣"); only where one listed name fits.  A field of the list naming an office's holder in such a
    label ("主　　席　鄭委員宜蓁") names the office's turns."""
    shown = {n for n in _shown_names(labels, table) if _HAN_WORD.fullmatch(n)}
    if not shown:
        return
    words_of = [_HAN_WORD.findall(line) for line in head]
    listed: dict[str, int] = {}  # (a full name, and its surname's length where the list spaces it apart, else 0)
    for words in words_of:
        for k, word in enumerate(words):
            if word.endswith(_KUN) and len(word) > 1:
                given = word[: -len(_KUN)]
                before = words[k - 1] if k else ""
                if before and len(before) <= 3 and any(n.startswith(before) for n in shown):
                    listed.setdefault(before + given, len(before))  # ("森川", "敬一君": 森川敬一)
                elif len(given) >= 3:
                    listed.setdefault(given, 0)  # ("大西真理子君")
            elif 2 <= len(word) <= 4 and not word.endswith(_KUN):
                listed.setdefault(word, 0)

    def near(name: str, office: str) -> bool:
        """Whether a line of the list writes the office (or its last two characters) with the name: "委員長　森川
        敬一君", "国土交通大臣　中野　宏君" for "国務大臣"; not a place's name, "地点：李家村", for "李书记"."""
        joined = ["".join(words) for words in words_of]
        for n, line in enumerate(joined):
            if name not in line:
                continue
            # (in the name's line, or a short heading above its part of the list: "出席委員" over the members)
            if any(
                office in other or office[-2:] in other
                for other in [line, *[h for h in joined[max(0, n - 6) : n] if len(h) <= 12]]
            ):
                return True
        return False

    def person_of(label: str) -> str | None:
        if label in listed:
            return None  # (the label is a name as listed: nothing to give it)
        fits = set()
        for name, split in listed.items():
            if len(name) < 2 or name == label:
                continue
            for k in (split,) if split else (1, 2):
                surname, given = name[:k], name[k:]
                if not given or not label.startswith(surname) or len(label) <= k:
                    continue
                middle = label[k:]
                if label.endswith(given) and len(label) > len(name):
                    fits.add(name)  # ("林" "委員" "柏翰")
                elif not middle.startswith(given[:1]) and len(middle) >= 2 and near(name, middle):
                    fits.add(name)  # ("森川" "委員長": an office the list writes beside the name)
        return fits.pop() if len(fits) == 1 else None

    resolved = {label: person for label in shown if (person := person_of(label)) is not None}
    # (a field of the list naming the office's holder: "主　　席　鄭委員宜蓁" over "主席：" turns)
    for line in head:
        words = _HAN_WORD.findall(line)
        for k in range(1, min(4, len(words))):
            key, value = "".join(words[:k]), words[k]
            if (
                key in shown
                and key not in resolved
                and (person := person_of(value) or (value if value in listed else None))
            ):
                resolved[key] = person
                break
    for label, person in resolved.items():
        table.canonical[name_key(label)] = person
        table.add_alias(person, label)


#: A surname then a given name in a script without spaces, apart by a wide space, the given name followed by its
#: reading or the person's affiliation in parentheses: a Japanese round-table's list of who takes part.
_LISTED_FULL_NAME = re.compile(
    r"(?:^|[　\s])(?P<surname>[\u3005\u3400-\u9fff]{1,4})[　 ]+(?P<given>[\u3005\u3400-\u9fff\u3041-\u309f]{1,4})[（(]"
)


def _apply_full_names_listed(head: list[str], table: SpeakerTable) -> None:
    """Turns labelled by a surname alone ("森田　はい。") where the list above them gives the full name ("森田　健一
    （もりた・けんいち）　森田書房店主"): the turns go by the full name, written as the language writes it (no
    space), the surname kept as an alias.  Only where the list gives that surname one given name."""
    found: dict[str, set[str]] = {}
    for line in head:
        if "（" not in line and "(" not in line:
            continue
        for m in _LISTED_FULL_NAME.finditer(line.strip()):
            found.setdefault(m.group("surname"), set()).add(m.group("given"))
    for surname, given in found.items():
        key = name_key(surname)
        if len(given) != 1 or table.canonical.get(key) != surname:
            continue
        full = surname + given.pop()
        if name_key(full) in table.canonical:
            continue
        table.canonical[key] = full
        table.add_alias(full, surname)


#: Where a header line's parts part: a tab or a wide gap ("ANCHOR: DANA OKONKWO-REID      REPORTER: MARCUS WEBB"),
#: a bar, or a sentence's end before the next field ("Hosts: Jen Alvarez and Jon Pruitt. Guest: Dr. Amara Okafor").
_HEAD_PARTS = re.compile(r"\t+|[ \t]{2,}|\s\|\s|(?<=\.)\s+(?=[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,3}[ \t]?:)")
#: A part's field name before its colon ("Intervjuer:", "Consiglieri presenti (14):"), or an entry's code before
#: "=" ("Sanne = Sanne de Wit").
_HEAD_FIELD = re.compile(r"^[^:=\n;,()]{1,40}?[ \t]*[:：=][ \t]+")
#: What follows a listed person's name and describes them: "(consultant)", " — postmistress, seventies".
_LISTED_AFTER = re.compile(r"[ \t]*(?:[(（[<].*|[ \t][–—-][ \t].*)$")
#: A word of a name: capitalised letters, with an apostrophe or a hyphen inside.
_NAME_WORD = re.compile(r"[^\W\d_a-z][^\W\d_]+(?:['’-][^\W\d_]+)*")
#: A full stop and a space: where a sentence may end after a name ("Intervjuer: Kristine Bakke. Transkribert ...").
_STOP_SPACE = re.compile(r"(\S+)\.\s")


def _before_a_sentence(item: str) -> str:
    """`item` up to the first full stop that ends a sentence, not a title's ("Dr. Amara Okafor")."""
    for m in _STOP_SPACE.finditer(item):
        if m.group(1).casefold() not in TITLES and len(m.group(1)) > 1:
            return item[: m.start() + len(m.group(1))]
    return item


#: Words a header's field or heading goes by where it lists who takes part, folded ("Hosts:", "Present:",
#: "Intervinientes", "CHARACTERS", "Sprekers:"), in the languages transcripts come in.  Other fields name people who
#: do not speak, or not here: an author, an editor, a photographer, the deceased, apologies, a child discussed.
_PARTICIPANT_WORDS = frozenset(
    [
        "speaker",
        "speakers",
        "participant",
        "participants",
        "present",
        "teenwoordig",
        "amptenare",
        "attendees",
        "attending",
        "attendance",
        "panel",
        "panelist",
        "panelists",
        "panellist",
        "panellists",
        "host",
        "hosts",
        "cohost",
        "cohosts",
        "guest",
        "guests",
        "cast",
        "characters",
        "interviewer",
        "interviewers",
        "interviewee",
        "interviewees",
        "moderator",
        "moderators",
        "moderation",
        "presenter",
        "presenters",
        "narrator",
        "chair",
        "chairperson",
        "respondent",
        "respondents",
        "reporter",
        "anchor",
        "correspondent",
        "with",
        "featuring",
        "members",
        "persons",
        "dramatis",
        "personae",
        "spreker",
        "sprekers",
        "deelnemers",
        "aanwezig",
        "aanwezigen",
        "gasten",
        "gast",
        "presentator",
        "gespreksleider",
        "geïnterviewde",
        "sprecher",
        "sprecherin",
        "teilnehmer",
        "teilnehmende",
        "teilnehmerinnen",
        "anwesend",
        "anwesende",
        "gäste",
        "moderatorin",
        "personen",
        "besetzung",
        "gesprächspartner",
        "gesprächspartnerin",
        "gesprächsleitung",
        "interviewerin",
        "intervenants",
        "intervenant",
        "intervenante",
        "participante",
        "présents",
        "présentes",
        "invités",
        "invitée",
        "invité",
        "animateur",
        "animatrice",
        "personnages",
        "distribution",
        "participantes",
        "presentes",
        "asistentes",
        "invitados",
        "invitadas",
        "invitado",
        "invitada",
        "intervinientes",
        "interviniente",
        "ponentes",
        "moderador",
        "moderadora",
        "entrevistador",
        "entrevistadora",
        "entrevistado",
        "entrevistada",
        "personajes",
        "reparto",
        "partecipanti",
        "presenti",
        "ospiti",
        "ospite",
        "relatori",
        "relatore",
        "moderatore",
        "moderatrice",
        "intervistatore",
        "intervistatrice",
        "personaggi",
        "conduttore",
        "conduttrice",
        "convidados",
        "convidado",
        "convidada",
        "apresentador",
        "apresentadora",
        "personagens",
        "deltagere",
        "deltakere",
        "deltagare",
        "närvarande",
        "tilstede",
        "gjester",
        "gäster",
        "gæster",
        "intervjuer",
        "intervjuare",
        "medverkande",
        "talare",
        "taler",
        "uczestnicy",
        "obecni",
        "goście",
        "prowadzący",
        "prowadząca",
        "rozmówcy",
        "účastníci",
        "přítomni",
        "hosté",
        "moderátor",
        "résztvevők",
        "vendégek",
        "műsorvezető",
        "участники",
        "присутствуют",
        "присутствовали",
        "гости",
        "ведущий",
        "ведущая",
        "спикеры",
        "учасники",
        "присутні",
        "гості",
        "katılımcılar",
        "konuşmacılar",
        "konuklar",
        "sunucu",
        "peserta",
        "hadir",
        "narasumber",
        "osallistujat",
        "paikalla",
        "haastattelija",
    ]
)


#: A line's first word, the space after it and the rest.
_CODE_COLUMN = re.compile(r"(\S+)([ \t]+)(\S.*)")


def _lists_who_takes_part(key: str) -> bool:
    """Whether a field's or heading's words ("Consiglieri presenti (14)", "**Guests**") say it lists who takes
    part: three words at most, one of them such a word, none saying they did not or will not ("Members absent",
    "Next week's guest", "In der letzten Folge zu Gast"); "With" only alone ("Produced in association with" is
    a credit)."""
    words = [w.strip(" *_.:'’") for w in re.sub(r"\([^()]*\)", " ", key).replace("-", "").casefold().split()]
    words = [w.removesuffix("'s").removesuffix("’s") for w in words if w]
    if not words or len(words) > 3 or any(w in _NOT_TAKING_PART for w in words):
        return False
    if len(words) > 1 and any(w in _ALONE_ONLY for w in words):
        return False
    return any(w in _PARTICIPANT_WORDS for w in words)


#: Words in such a field that say its people do not take part here: absent, excused, next or last time.
_NOT_TAKING_PART = frozenset(
    [
        "absent",
        "absentees",
        "apologies",
        "excused",
        "not",
        "next",
        "last",
        "previous",
        "upcoming",
        "former",
        "week's",
        "abwesend",
        "entschuldigt",
        "nächste",
        "nächsten",
        "letzte",
        "letzten",
        "vorige",
        "ausente",
        "ausentes",
        "próximo",
        "próxima",
        "anterior",
        "absents",
        "excusés",
        "excusé",
        "prochain",
        "prochaine",
        "dernier",
        "dernière",
        "précédent",
        "assente",
        "assenti",
        "prossimo",
        "prossima",
        "scorso",
        "afwezig",
        "volgende",
        "vorige",
        "frånvarande",
        "nästa",
        "förra",
        "fraværende",
        "neste",
        "forrige",
        "nieobecni",
        "następny",
        "отсутствуют",
        "отсутствовал",
        "следующий",
        "прошлый",
    ]
)
#: Participant words that count only as a field's one word: "With:" lists the guests, "Produced in association
#: with:" a company.
_ALONE_ONLY = frozenset(["with", "featuring", "mit", "avec", "con", "com", "met", "med", "ft"])


def _people_listed(head: list[str], codes: set[str]) -> set[str]:
    """The people a header lists by their full names as those who take part: a field's value where the field says
    so ("Hosts: Jen Alvarez and Jon Pruitt", "Moderation: Katrin Vogt", "Consiglieri presenti (14): Amato Luca,
    Benedetti Carla (Sindaco)"), the lines under such a heading (a cast list's "CHARACTERS" over "EDITH MOSS —
    postmistress", "Intervinientes" over "Magistrada: Lucía Bermúdez Ríos"), and a key's entries for the labels'
    own words (`codes`: "Sanne = Sanne de Wit (Wmo-consulent)", "NÚRIA     Núria Ferrer, presidenta"): each item
    exactly a name, titles aside, of two or three words.  Fields naming people who do not speak here are no
    such list ("Author: Sally Rooney", "Apologies: Tom Reed", "Deceased: Arthur Webb"), nor names inside
    sentences ("sits down with Derek Amankwah"), nor names with a number after them or of four words and more."""
    people: set[str] = set()
    under = False  # (lines under a heading that lists who takes part, until a blank line after them)
    lines_under = 0
    for line in head:
        plain = line.replace("**", "").replace("__", "").strip().lstrip("#>*_-•· \t").rstrip("*_ ")
        if not plain:
            under = under and not lines_under
            continue
        if (
            ":" not in plain.rstrip(":：")
            and "=" not in plain
            and _lists_who_takes_part(plain)
            and len(plain.split()) <= 3
        ):
            under, lines_under = True, 0  # ("CHARACTERS", "Intervinientes", "Speakers:")
            continue
        lines_under += under
        parts, coded = _HEAD_PARTS.split(plain), False
        if (lead := _CODE_COLUMN.match(plain)) is not None and name_key(lead.group(1)) in codes:
            code, gap, rest = lead.groups()
            if len(gap) >= 2 or "\t" in gap or (code.isupper() and name_key(rest.split()[0]) == name_key(code)):
                # (a code column before the names: "NÚRIA     Núria Ferrer, presidenta", "MERITXELL Meritxell Puig")
                parts, coded = [rest], True
        for part in parts:
            value, listing = part, under or coded
            while (field := _HEAD_FIELD.match(value)) is not None:
                key = field.group().rstrip(" \t:：=")
                listing = listing or _lists_who_takes_part(key) or (name_key(key) in codes and "=" in field.group())
                value = value[field.end() :]
            if not listing:
                continue
            found: list[str] = []
            for item in _LIST_SEPARATOR.split(value):
                item = item.strip()
                if (entry := _HEAD_FIELD.match(item)) is not None:  # ("Henk = Henk Bosman", "Magistrada: ...")
                    said = {w.casefold().strip(" *_.:") for w in entry.group().split()}
                    if said & _NOT_TAKING_PART:
                        break  # (the list goes on with who did not come: "Present: ...; Apologies: Tom Reed")
                    item = item[entry.end() :]
                if any(name_key(w) in codes for w in " ".join(_IN_PARENTHESES.findall(item)).split()):
                    # a cast of actors, each with the part they play, a part the labels' ("Kieran Doyle (Young
                    # Tom)" over "TOM:"): the labels are the parts, and no given name is the actor's
                    return set()
                bare = _before_a_sentence(item)
                if item[len(bare) :].lstrip(". ")[:1].isdigit():
                    continue  # (a number after it: "WOCHENPOST Nr. 6/2024", a magazine's issue)
                tokens = person_tokens(_LISTED_AFTER.sub("", bare).strip(" \t.*_"))
                if len(tokens) >= 3 and name_key(tokens[0]) == name_key(tokens[1]):
                    tokens = tokens[1:]  # (a code in a column before the name: "MERITXELL Meritxell Puig, sòcia")
                words = [t for t in tokens if t not in PARTICLES]
                if 2 <= len(words) <= 3 and all(_NAME_WORD.fullmatch(t) for t in words):
                    found.append(" ".join(_cap_shouted(t) for t in tokens))
            people.update(found)
    return people


_IN_PARENTHESES = re.compile(r"\(([^()]{1,60})\)")


def _cap_shouted(token: str) -> str:
    """A word of a name in capitals in ordinary case ("PRICE" in "Kieran James PRICE", "MOSS" in "EDITH MOSS"),
    as display_name puts a label all in capitals."""
    return in_ordinary_case(token) if token.isupper() and len(token) > 1 else token


def _apply_names_in_head(head: list[str], labels: dict[int, Label], table: SpeakerTable) -> None:
    """Turns labelled by a given name alone ("Sanne:", "JEN:") where the header lists one person, in full, by that
    word first (see _people_listed): the turns go by the full name, the word as written kept as an alias, so that
    a quote is cited by the name.  Never by a surname: a given name may be someone else's surname ("JORDAN:"
    beside "Participants: ..., Ellis Jordan"), and one person's surname their family's (the widow "WEBB:" at an
    inquest into "Deceased: Arthur Webb").  Not where the header lists two people by the word ("Henk Bosman,
    Henk de Vries" for "Henk:"), nor where the full name is a label of
    its own (the labels' own merging decides that); nor for a role or an office."""
    written: dict[str, str] = {}
    for label in labels.values():
        name = table.name_for(label)
        if name and len(name) >= 2 and name.isalpha() and not uncased(name) and name[:1].isupper():
            key = name_key(name)
            if (
                table.canonical.get(key) == name
                and not (is_generic(name) or is_office(name))
                and not (is_placeholder(key) or _ONE_PERSONS_ROLE.match(name))
            ):
                written[key] = name
    if not written:
        return
    by_word: dict[str, set[str]] = {}
    for person in _people_listed(head, set(written)):
        words = [t for t in person.split() if t not in PARTICLES]
        by_word.setdefault(name_key(words[0]), set()).add(person)
    labelled = {name_key(n) for n in table.canonical.values()}
    for key in written:
        # (each label's own first word: no two labels can go to one name)
        full = by_word.get(key, set())
        if len(full) == 1 and name_key(person := next(iter(full))) not in labelled:
            table.canonical[key] = person
            table.add_alias(person, written[key])


#: A list's entry: a name, titles before it, then what the person is, in parentheses, after a dash or after a comma
#: (not a second person: "Guests: Dr. Helen Carrow, Tom Reed"): "Rdl. Pieter Loubser (DA) – Uitvoerende
#: Burgemeester", "Cllr Helen Marsh (Chair)", "Also Present: Devin Okafor, Videographer".
_LISTED_ENTRY = re.compile(
    r"^(?P<name>[^\W\d_][\w'’.\-]*(?:[ \t]+[^\W\d_][\w'’.\-]*){1,5}?)"
    r"(?P<parens>(?:[ \t]*\([^()]{1,60}\))*)(?:[ \t]*(?P<mark>[–—]|[ \t]-|,)[ \t]*(?P<after>[^()\n,;]{2,60}))?[ \t]*$"
)
#: A title written short before a name ("Rdl.", "Mnr.", "Ptr.", "Cllr"): dropped from both sides when names are
#: compared.
_SHORT_TITLE = re.compile(r"^[A-ZÀ-Þ][a-zà-ÿ]{1,4}\.$")
#: Initials in a label before the surname: "A-M.", "J.", "JP", "J.P.".
_LABEL_INITIALS = re.compile(r"^(?:[A-ZÀ-Þ]\.?(?:-[A-ZÀ-Þ]\.?)*)+$")
#: A cast list's heading: the actors and their parts under it, the labels the parts.
_CAST_HEADINGS = frozenset(
    ["cast", "the cast", "cast list", "voice cast", "voices", "besetzung", "distribution", "reparto", "elenco",
     "dramatis personae", "rolverdeling", "rollen", "в ролях", "действующие лица", "obsada", "medverkande",
     "featuring", "sprecher", "sprecherinnen und sprecher", "sprecher und sprecherinnen", "mitwirkende", "starring",
     "with the voices of", "voix", "avec les voix de", "interpreti", "reparto de voces"]
)  # fmt: skip
#: An article before an office in a label: "Die Uitvoerende Burgemeester", "The Mayor", "De Voorzitter".
_ARTICLES = frozenset(["the", "die", "de", "het", "der", "la", "le", "el", "il", "lo", "o", "a", "les", "los", "las"])


def _office_key(label: str) -> str:
    """A label as an office, its article aside: "Die Uitvoerende Burgemeester" -> "uitvoerende burgemeester"."""
    words = label.split()
    return " ".join(words[1:] if len(words) > 1 and words[0].casefold() in _ARTICLES else words).casefold()


def _bare_person(name: str) -> list[str]:
    """A name's words without the titles before it, short ones included ("Rdl. A-M. Botha": "A-M.", "Botha")."""
    tokens = person_tokens(name)
    while len(tokens) > 1 and _SHORT_TITLE.match(tokens[0]) and not _LABEL_INITIALS.match(tokens[0]):
        tokens = tokens[1:]
    return tokens


def _holder_may_change(person: str, lines: list[str], labels: dict[int, Label]) -> bool:
    """Whether a line of the record that is no turn names the holder of an office again after the turns begin
    ("Senator Hill left the hearing.", "Hapa Mhe. Najma M. Giga alitoka kwenye Kiti na ..."): the office may
    change hands, and its label is left as the office."""
    surname = person.split()[-1]
    if len(surname) < 3:
        return False
    word = re.compile(rf"(?<![\w]){re.escape(surname)}(?![\w])")
    # (while the turns go on: a signature under the last, "dr. Szabó Katalin s.k. bíró", is the same holder's)
    first, last = min(labels, default=0), max(labels, default=0)
    return any(first < i < last and i not in labels and word.search(line) for i, line in enumerate(lines))


def _apply_listed_holders(head: list[str], lines: list[str], labels: dict[int, Label], table: SpeakerTable) -> None:
    """Labels that a list above the turns tells the person of: an office the list gives one person ("Die
    Uitvoerende Burgemeester:" where "Rdl. Pieter Loubser (DA) – Uitvoerende Burgemeester" is present), and
    initials with a surname that fit one person's names ("Rdl. A-M. Botha:" for "Rdl. Anna-Marie Botha (Speaker)",
    "J. P. van Wyk:" for "Johan Pieter van Wyk").  The turns go by the person's name, the label kept as an alias.
    Not where two people of the list fit, nor where the person is a label of their own; an office not where the
    record names its holder again after the turns begin (`lines`, the whole document: see _holder_may_change)."""
    people: list[tuple[str, set[str], str]] = []
    if any(line.strip(" \t*_#:").casefold() in _CAST_HEADINGS for line in head):
        return  # (a play's cast: "Tom Baxter (Narrator)" is the actor, and the narrator's lines the part's)
    under = False  # (the lines under a heading that lists who takes part, until another heading or field)
    for line in head:
        plain = line.replace("**", "").replace("__", "").strip().lstrip("#>*_-•· \t")
        if not plain:
            continue
        field = _FIELD.match(plain)
        alone = plain.rstrip(" :：") if plain.endswith((":", "：")) or len(plain.split()) <= 3 else None
        if field is not None:
            under = False
            if not _lists_who_takes_part(field.group("key")):
                continue  # (not "Apologies: ...", "Officers: ...": only a list of who takes part)
            plain = plain[field.end() - 1 :]
        elif alone is not None and (
            plain.endswith((":", "：")) or _LISTED_ENTRY.match(alone) is None or alone.isupper()
        ):
            under = _lists_who_takes_part(alone or "")  # ("TEENWOORDIG:", "Present", not "Afwezig met bericht:")
            continue
        elif not under:
            continue
        for part in re.split(r";[ \t]*", plain):
            m = _LISTED_ENTRY.match(part.strip())
            if m is None:
                continue
            if (
                m.group("mark") == ","
                and (after := m.group("after").strip())
                and (len(after.split()) >= 2 and all(w[:1].isupper() for w in after.split()) and not is_office(after))
            ):
                continue  # (a second person after the comma, "Guests: Dr. Helen Carrow, Tom Reed", not a role)
            tokens = _bare_person(m.group("name"))
            if not 2 <= len([t for t in tokens if t not in PARTICLES]) <= 4 or not all(
                t[:1].isupper() or t in PARTICLES for t in tokens
            ):
                continue
            offices = {" ".join(o.split()).casefold() for o in _IN_PARENTHESES.findall(m.group("parens") or "")}
            if m.group("after"):
                offices.add(" ".join(m.group("after").split()).casefold())
            written = m.group("name").split()
            people.append((" ".join(tokens), offices, " ".join(written[: len(written) - len(tokens)])))
    if not people:
        return
    names = {n for l in labels.values() if (n := table.name_for(l))}
    parts = [o for _, offices, _ in people for o in offices]
    words = {w.casefold() for n in names for w in n.split()}
    played = sum(1 for n in names if _office_key(n) in parts)
    if (played >= 3 and played * 3 >= len(names) * 2) or any(
        o not in {_office_key(n) for n in names} and set(o.split()) & words for o in parts
    ):
        # (a cast under another heading: the labels are nearly all its parts, or a part holds a label's word,
        # "(Young Tom)"; a council's labels are its offices and its members' names)
        return
    labelled = {name_key(n) for n in table.canonical.values()}
    for name in sorted(names):
        office = _office_key(name)
        fits = {person for person, offices, _ in people if office in offices}
        # (not where the chair left, or handed over: "Cllr Marsh ... left the meeting. Cllr Reed took the chair.")
        if len(fits) == 1 and _holder_may_change(next(iter(fits)), lines, labels):
            fits = set()
        tokens = _bare_person(name)
        initials = [t for t in tokens[:-1] if _LABEL_INITIALS.match(t.replace(".", "").replace("-", "") or "-")]
        titled = " ".join(name.split()[: len(name.split()) - len(tokens)]).casefold()
        surname = [t.casefold() for t in tokens[len(initials) :]]
        # (not where another label has that surname: "Cllr Smith" is the councillor, "Mrs. A. Smith" a resident)
        namesakes = [n for n in names if n != name and [t.casefold() for t in n.split()[-len(surname) :]] == surname]
        if not fits and initials and len(surname) >= 1 and tokens[: len(initials)] == initials and not namesakes:
            letters = [c for t in initials for c in t if c.isalpha()]
            for person, _, title in people:
                theirs = person.split()
                if [t.casefold() for t in theirs[-len(surname) :]] != surname or len(theirs) <= len(surname):
                    continue
                if titled and titled != title.casefold():
                    continue  # (the label's title must be the list's: "Mrs. A. Smith" is not "Alan Smith")
                given = [p[:1] for t in theirs[: -len(surname)] if t not in PARTICLES for p in t.split("-") if p]
                if given[: len(letters)] == letters:
                    fits.add(person)
        if len(fits) == 1 and name_key(person := next(iter(fits))) not in labelled:
            table.canonical[name_key(name)] = person
            table.add_alias(person, name)


#: Words saying someone was away, beside _NOT_TAKING_PART's: "sent apologies", "was absent", "apologised".
_ABSENT_WORDS = frozenset(["apologised", "apologized", "apology", "absence", "unwell", "ill", "sick"])
#: A record's line opening with an office and its holder in parentheses, then what happens: "Spika (Mhe. Dkt.
#: Neema R. Mbonde) Alisoma Dua", "NAIBU WAZIRI WA KILIMO (MHE. SALUM K. MWINYIPEMBE) alijibu:-", "The Speaker
#: (Hon. Ada Park) in the Chair".
_OFFICE_HOLDER_LINE = re.compile(
    r"^(?P<office>[^\W\d_][^()\n:]{1,60}?)[ \t]*\((?P<who>[^()\n]{3,60})\)[ \t]*(?P<after>\S.*)$"
)


def _apply_holders_beside(lines: list[str], labels: dict[int, Label], table: SpeakerTable) -> None:
    """Labels of an office that a line of the record, no label itself, says who holds ("Spika (Mhe. Dkt. Neema R.
    Mbonde) Alisoma Dua" over "SPIKA:" turns; "NAIBU WAZIRI WA KILIMO (MHE. SALUM K. MWINYIPEMBE) alijibu:-"): the
    turns go by the holder's name, the office kept as an alias.  Only where the record names one holder of it, and
    something follows the parentheses (a cast's "MARIE (Nina Hoss)" alone names an actor)."""
    offices = {_office_key(n): n for n in {table.name_for(l) for l in labels.values()} if n}
    held: dict[str, set[str]] = {}
    for i, line in enumerate(lines):
        if i in labels or "(" not in line:
            continue  # (a label's own office and person are the labels' reading: "The Presiding Officer (Ann Lee):")
        m = _OFFICE_HOLDER_LINE.match(line.strip())
        if m is None or (key := _office_key(display_name(m.group("office")))) not in offices:
            continue
        tokens = _bare_person(display_name(m.group("who")))
        person = " ".join(tokens)
        if not (2 <= len(tokens) <= 4 and all(t[:1].isupper() for t in tokens) and is_name_like(person)):
            continue
        absent = {w.strip(".,;:").casefold() for w in m.group("after").split()} & (_NOT_TAKING_PART | _ABSENT_WORDS)
        held.setdefault(key, set()).add("" if absent else person)  # ("Chair (Cllr Ann Lee) sent apologies")
    labelled = {name_key(n) for n in table.canonical.values()}
    for key, people in held.items():
        if len(people) != 1 or not (person := next(iter(people))) or _holder_may_change(person, lines, labels):
            continue
        if name_key(person) not in labelled and key != _office_key(person):
            table.canonical[name_key(offices[key])] = person
            table.add_alias(person, offices[key])


#: Between a person's name and the office after it, in a list or a record's note: a comma, a dash or a parenthesis,
#: and a word or two of the office's own, one space apart (a wide gap parts a signature block's columns) ("Adrian Coman – primarul", "A. Hoekstra, burgemeester en voorzitter").
_BETWEEN_NAME_AND_OFFICE = re.compile(r"[ \t]?(?:[,–—(-][ \t]?)?(?:[^\W\d_]+[ \t]){0,2}")
#: Between an office and the person after it: a colon, or a short title ("vice presidente Rossana De Santis",
#: "Presidenza: dl. Ion Pop").
_BETWEEN_OFFICE_AND_NAME = re.compile(r"(?:[ \t]?[:：])?[ \t]?(?:[^\W\d_]{1,4}\.[ \t]?){0,2}")


def _same_word(word: str, office: str) -> bool:
    """Whether `word` is `office` or another form of it ("presidenza", "presidente"; "primarul", "primar"): the
    same word, or five letters or more shared from the start, all but two of the shorter's."""
    if word == office:
        return True
    if len(word) < 5 or len(office) < 5:
        return False
    shared = next(
        (k for k, (a, b) in enumerate(zip(word, office, strict=False)) if a != b), min(len(word), len(office))
    )
    return shared >= max(5, min(len(word), len(office)) - 2)


#: Initials and, in parentheses, the given name they begin: "A.J. (Annelies) Hoekstra", "M. (Marieke) van der Meer".
_INITIALS_THEN_GIVEN = re.compile(r"\b(?:[A-Z]\.){1,4}[ \t]?\(([A-Z][a-zà-ÿ]+)\)[ \t]")


def _written_small(word: str, lines: list[str]) -> bool:
    """Whether the document writes `word`, or a form of it, in small letters somewhere: a common noun, an office
    ("primar", "primarul"), not a surname."""
    low = word.casefold()
    stem = low[: max(4, len(low) - 2)]
    return any(
        _same_word(m.group(0), low)
        for line in lines
        if stem in line
        for m in re.finditer(rf"\b{re.escape(stem)}\w*", line)
    )


_WORD_RUN = re.compile(r"[^\W\d_]+")
#: After an office's word, what says it is another body's: "maire de Saint-Aubin", "Vorsitzender des Verbandes".
_OF_ANOTHER_BODY = re.compile(
    r"[ \t]+(?:of|of the|de|des|du|de la|della|del|di|dello|von|des|der|van|z|ze)[ \t]+[^\W\d_a-z]"
)


def _apply_offices_named_beside(lines: list[str], labels: dict[int, Label], table: SpeakerTable) -> None:
    """An office over turns ("PRESIDENTE.", "Bíró:", "De voorzitter:") whose holder the document names right beside
    the office's word, in any of its forms, outside the turns: above them, below them or in a note between them
    ("Presidenza della vice presidente Rossana DE SANTIS", "Jelen vannak: dr. Szabó Katalin bíró, ...", "mr. A.
    Hoekstra, burgemeester en voorzitter").  The turns go by the holder's name, the office kept as an alias.  Only
    where one person is named so, no other label is that person, and the record does not name them again after
    the turns begin (the office may change hands: see _holder_may_change).  The office's word inside a name
    ("Bíró Zoltán") names no office."""
    if len(labels) < 2:
        return
    first, last = min(labels), max(labels)
    offices: dict[str, str] = {}
    marked: set[str] = set()  # (offices that the label's own article says are one: "M. le Maire", "De voorzitter")
    for name in _shown_names(labels, table):
        tokens = name.split()
        words = [w for w in tokens if w.casefold() not in _ARTICLES and not _SHORT_TITLE.match(w)]
        # (and titles shortened to a letter or two, "M.", "Dl.", "Mme")
        words = [w for w in words if w.casefold().strip(".") not in TITLES and not re.fullmatch(r"\w{1,3}\.", w)]
        article = any(w.casefold() in _ARTICLES for w in tokens)
        if len(words) != 1 or len(words[0]) < 4 or not words[0].isalpha() or (is_full_name(name) and not article):
            continue
        if _ANY_OF_A_GROUP.match(name):
            continue  # (a role anyone of a group holds: "Participant: Lena Voss" names one of them)
        if len(words) < len(tokens) and not article and not _written_small(words[0], lines):
            continue  # (a title and a surname, "Mr. Kanjorski", "Dl. Mărginean": a person; not "Dl. Primar")
        offices[name] = words[0].casefold()
        if len(words) < len(tokens) or words[0].islower():
            marked.add(name)
    if not offices:
        return
    # (lines that list or note, not a sentence's prose: a field, a short line, a note in brackets; and between the
    # turns too, short lines that may name another holder, "Presidenza del vice presidente Marco Leonardi")
    outside = [
        line
        for i, line in enumerate(lines)
        if i not in labels
        and len(line) < 600
        and (
            (line.strip()[:1] in "([" and line.strip()[-1:] in ")]")
            or len(line.split()) <= 10
            or (":" in line[:40] and (i < first or i > last + 1))
        )
        and not (LEAVE_ASIDE & {w.casefold() for w in _WORD_RUN.findall(line)})
    ]
    if not outside:
        return
    held: dict[str, set[str]] = {}
    held_exactly: dict[str, set[str]] = {}
    for line in outside:
        # (a Dutch list's initials with the given name after them, "A.J. (Annelies) Hoekstra": Annelies Hoekstra)
        text = _INITIALS_THEN_GIVEN.sub(r"\1 ", line.replace("**", "").replace("__", ""))
        spans = name_spans(text)
        if not spans:
            continue
        for w in re.finditer(r"[^\W\d_]+", text):
            word = w.group(0).casefold()
            for name, office in offices.items():
                if not _same_word(word, office) or any(a <= w.start() < b for a, b, _ in spans):
                    continue
                field = text[w.end() : w.end() + 2].strip()[:1] in (":", "：")
                if name not in marked and not w.group(0).islower() and not field:
                    # (a word alone as the label, "Bíró:", is an office where the lists write it small, or as a
                    # field's name: "President: Torstein Havnås" over "Presidenten:")
                    continue
                before = [
                    p for a, b, p in spans if b <= w.start() and _BETWEEN_NAME_AND_OFFICE.fullmatch(text[b : w.start()])
                ]
                after = [
                    p for a, b, p in spans if a >= w.end() and _BETWEEN_OFFICE_AND_NAME.fullmatch(text[w.end() : a])
                ]
                if field and not before and sum(1 for a, _, _ in spans if a >= w.end()) > 1:
                    continue  # (a field naming two people or more: "Interviewer: Daniel Brandt and Amy Cole")
                if _OF_ANOTHER_BODY.match(text, w.end()):
                    continue  # (another body's office: "maire de Saint-Aubin", "Vorsitzender des Kreisverbandes")
                for person in before[-1:] or after[:1]:
                    # (the office's very word apart from its other forms: "Président : M. Gilles Thériault" over
                    # "Le président:", not "Josée Landry, présidente" of a federation)
                    exact = word == office
                    held.setdefault(name, set()).add(" ".join(_bare_person(display_name(person))))
                    held_exactly.setdefault(name, set()).update(
                        [" ".join(_bare_person(display_name(person)))] if exact else []
                    )
    labelled = {name_key(n): n for n in table.canonical.values()}
    held = {name: held_exactly.get(name) or people for name, people in held.items()}
    for name, people in held.items():
        if len(people) != 1 or not (person := next(iter(people))) or name_key(person) in labelled:
            continue
        if len(person.split()) < 2 or _holder_may_change(person, lines, labels):
            continue
        # (the same person as a label that gives office and name: "Dl. Primar Adrian Coman:" beside "Dl. Primar:")
        fuller = [n for n in labelled.values() if n != name and name_key(n).endswith(name_key(person))]
        holder = fuller[0] if len(fuller) == 1 else person
        table.canonical[name_key(name)] = holder
        table.add_alias(holder, name)


def _apply_offices_held(labels: dict[int, Label], table: SpeakerTable) -> None:
    """An office alone over turns ("HEYET BAŞKANI:", "Statsrådet:") where the document named its holder with it
    ("HEYET BAŞKANI Nermin AKSOY:", "Statsrådet ELIN BERGQVIST:", as records do the first time someone speaks):
    the holder's turns, the office kept as an alias.  Not where two people held it ("Abgeordneter Paul Brandt",
    "Abgeordneter Karl Ott": "Abgeordneter:" alone could be either)."""
    held: dict[str, set[str]] = {}
    for label in labels.values():
        # (not a person in parentheses after the office, "KATILIMCI 3 (Arda)": whose it is, the labels' own reading
        # says)
        # (and a person named in full, the office in the role: not "KATILIMCI 3 (Arda)", a participant's number with
        # their given name, read as "Katilimci 3" holding "Arda")
        if (
            label.role
            and "(" not in label.raw
            and (person := table.name_for(label))
            and "(" not in person
            and is_full_name(person)
        ):
            for office in label.role.split(", "):
                if "(" in office:
                    continue
                held.setdefault(name_key(display_name(office)), set()).add(person)
    if not held:
        return
    named_at: dict[str, int] = {}  # (where each office is first named with its holder)
    for i in sorted(labels):
        if (role := labels[i].role) and "(" not in labels[i].raw:
            for office in role.split(", "):
                named_at.setdefault(name_key(display_name(office)), i)
    for i, label in labels.items():
        if label.role:
            continue
        shown = display_name(label.raw)
        people = held.get(name_key(shown), set())
        if i < named_at.get(name_key(shown), i) and not any(name_key(p) in name_key(label.rest) for p in people):
            # (the office over turns before its holder was named: someone before them; not a header's field naming
            # the holder, "Başvuran      : Emre KILIÇ")
            held.pop(name_key(shown), None)
    for label in labels.values():
        if label.role:
            continue
        shown = display_name(label.raw)
        key = name_key(shown)
        people = held.get(key, set())
        if len(people) == 1 and table.canonical.get(key) == shown and (holder := next(iter(people))) != shown:
            table.canonical[key] = holder
            table.add_alias(holder, shown)


#: A question inside a turn, three words or more after it.
_QUESTION_THEN_WORDS = re.compile(r"[?？؟\u037e՞][ \t\n]+\S+(?:[ \t\n]+\S+){2,}")


def _asks_and_answers(passages: list[ParsedPassage]) -> tuple[str, int, int] | None:
    """A transcription tool's numbered voice ("Sprecher 2", "Speaker 1", "Unknown Speaker") whose turns, three
    or more and two in five, ask a question and go on ("Seit wann ist das denn genau? Seit drei Wochen."), where
    another numbered voice's turns seldom do (one in five at most): two people the diarisation put under one
    label, one asking and the other answering.  (the label, such turns, its turns), or None."""
    said: dict[str, list[int]] = {}
    numbered = {
        who
        for who in {p.speaker for p in passages}
        if who and (_NUMBERED_CODE.fullmatch(who) or is_placeholder(name_key(who)))
    }
    if len(numbered) < 2:
        return None
    for who, group in itertools.groupby(passages, key=lambda p: p.speaker):
        if who in numbered:
            counts = said.setdefault(who, [0, 0])
            counts[0] += 1
            counts[1] += bool(_QUESTION_THEN_WORDS.search(" ".join(p.text for p in group)))
    if len(said) < 2:
        return None
    name, (turns, asking) = max(said.items(), key=lambda item: item[1][1] / item[1][0])
    others = [n for who, n in said.items() if who != name and n[0] >= 3]
    if asking < 3 or asking * 5 < 2 * turns or not any(n[1] * 5 <= n[0] for n in others):
        return None
    return name, asking, turns


def _labels_switch(passages: list[ParsedPassage]) -> tuple[list[str], list[str], int] | None:
    """Labels in words ("Intervieweur", "Répondant", names) over the first turns, then initials or letters over
    the rest ("KM", "TR", "AB"; "A", "B"), or the other way round, two of each at the least, with a turn or so out of step (a last
    "Intervieweur: Merci beaucoup."): a transcript that changes how it labels its people without saying who is
    who.  (the labels before, the labels after, the turn it changes at), or None."""
    turns = _turn_speakers(passages)
    n = len(turns)
    if n < 8:
        return None
    coded = {t: bool(is_initials(t)) or (len(t) == 1 and t.isupper()) for t in set(turns)}  # ("KM"; "A", "B")
    if all(coded.values()) or not any(coded.values()):
        return None
    codes = [coded[t] for t in turns]
    total = sum(codes)
    if not total or total == n:
        return None
    # Turns out of step for a change at turn k: initials before it and words after it, or the other way round
    # (the initials counted up to each turn once).
    upto = list(itertools.accumulate(codes, initial=0))
    out, k, first_codes = min(
        min((upto[k] + (n - k) - (total - upto[k]), k, False), ((k - upto[k]) + (total - upto[k]), k, True))
        for k in range(4, n - 3)
    )
    if out > max(1, n // 10):
        return None
    before = list(dict.fromkeys(t for t, c in zip(turns[:k], codes[:k]) if c == first_codes))
    after = list(dict.fromkeys(t for t, c in zip(turns[k:], codes[k:]) if c != first_codes))
    if len(before) < 2 or len(after) < 2:
        return None
    return before, after, k + 1


def _one_name_two_people(
    head: list[str], labels: dict[int, Label], table: SpeakerTable
) -> tuple[str, list[str]] | None:
    """A label of one name, given or family ("John:"), where the lines above the turns list two people or more of
    that name ("Present: John Park (Chair), John Ellis (Treasurer)"): (the label's name, the people), or None.
    The label's turns may be either's."""
    text = "\n".join(line for line in head if line.strip())
    if not text:
        return None
    said = {table.name_for(l) for l in labels.values()}
    # (a cast of actors, each with the part they play in parentheses, a part the labels' ("Kieran Doyle (Young
    # Tom)" over "TOM:"): the labels are the parts, and only the parts are candidates)
    parts = [m.span(1) for m in _IN_PARENTHESES.finditer(text)]
    keys = {name_key(n) for n in said if n}
    if not any(name_key(w) in keys for a, b in parts for w in text[a:b].split()):
        parts = []
    for name in sorted(n for n in said if n):
        if len(name.split()) != 1 or not name[:1].isupper() or is_generic(name) or is_placeholder(name_key(name)):
            continue
        word = re.escape(name)
        people = {
            m.group(0)
            for m in re.finditer(
                rf"(?<![\w'’-]){word}[ \t]+[^\W\d_][\w'’-]+|[^\W\d_][\w'’-]+[ \t]+{word}(?![\w'’-])", text
            )
            if all(w[:1].isupper() for w in m.group(0).split())
            and (not parts or any(a <= m.start() < b for a, b in parts))
        }
        # (the other name's first four letters tell people apart: a language's cases of one surname, Armenian's
        # "Սարգսյան" and "Սարգսյանը", Czech "Novák" and "Nováka", are one person)
        stems = {next((w for w in p.split() if w != name), "")[:4].casefold() for p in people}
        if len(stems) >= 2 and not any(p in said for p in people):
            return name, sorted(people)
    # (or initials that fit two people or more the header names: "AK:" under "Katılımcılar: Ayşe Kaya (...), Ahmet
    # Koç (...)", whichever the labels' initials were meant for)
    codes = sorted(raw for raw in {l.raw.strip() for l in labels.values()} if is_initials(raw))
    if not codes:
        return None
    named = [
        n
        for n in dict.fromkeys([*mentioned_names(text), *_capitalised_people(text)])
        if is_full_name(n) and _a_persons_name(n)
    ]
    for code in codes:
        letters = code.replace(".", "").upper()
        fits = [n for n in named if letters in initials_of(n)]
        # (one person written two ways is one: "R. Abernathy" and "Ruth Abernathy", Polish "Jan Wiśniewski" and
        # "Janem Wiśniewskim")
        written = {(n.split()[0][:1].casefold(), n.split()[-1][:3].casefold()) for n in fits}
        if len(written) >= 2:
            return code, fits
    return None


def _people(labels: dict[int, Label], table: SpeakerTable) -> bool:
    """Whether most turns are given to what can only be someone ("Ada Park", "Mr. Cho", "Host")."""
    named = sum(
        1
        for l in labels.values()
        if l.form == "clip"  # (a cue naming who is heard: "[SOT — LINDA ORTIZ]", "((DANA))")
        or (names_a_person(table.name_for(l) or display_name(l.raw)) and not (l.raw.islower() and l.raw.isascii()))
    )  # (a configuration's "host:" is no host)
    return named >= 0.5 * len(labels)


#: A time opening a line: "9:30", "[00:01:02]", "14.15".
_OPENING_TIME = re.compile(r"^[ \t]*[\[(]?\d{1,2}[:.]\d{2}\b")


def _a_schedule(lines: list[str], labels: dict[int, Label]) -> bool:
    """Whether times open more lines that are no label than labels: a programme's times ("8:30  Registration",
    "9:30 Opening: Ada Park"), not a recording's."""
    timed = sum(1 for l in labels.values() if l.time is not None)
    return timed > 0 and sum(1 for i, line in enumerate(lines) if i not in labels and _OPENING_TIME.match(line)) > timed


def _talk_between(lines: list[str], labels: dict[int, Label]) -> bool:
    """Whether the turns under `labels` sound like people talking (see `grammar.talks`): a label's words, or
    the line under a label alone.  Timed turns are a recording's, whatever they say."""
    if sum(1 for l in labels.values() if l.time is not None) >= 0.75 * len(labels):
        return True
    return grammar.talks([Label(label.raw, _words_of(lines, i, label), label.form) for i, label in labels.items()])


def _words_of(lines: list[str], i: int, label: Label) -> str:
    """The words of the turn a label at line `i` opens: on its line, or, for a label alone, the line under it."""
    return label.rest.strip() or next((l for l in lines[i + 1 : i + 4] if l.strip()), "")


#: Two to six capitalised words (particles and a slash between them, roles in parentheses after them), a colon and
#: words: what a label looks like, whatever the document's own shape.
_LOOSE_LABEL = re.compile(
    r"^\s*(?:[\[(]?\d{1,2}[:.]\d{2}(?::\d{2})?[\])]?[ \t]+)?"  # (a time before it: "14.08 Jussi Kettunen ps:")
    r"((?:[A-Z][\w'’.\-]*[ \t]+(?:(?:" + "|".join(sorted(map(re.escape, PARTICLES))) + r"|/)[ \t]+)?){1,5}"
    r"[A-Z][\w'’.\-]*)"
    r"(?:[ \t]+[a-z]{1,4})?"  # (a party's letters after it)
    r"(?:[ \t]*\([^()]{1,60}\)){0,3}[ \t]*:[ \t]+(\S.*)$"
)


#: The same in a script without capitals: two to five words, a place or a party in parentheses, a colon.
_LOOSE_UNCASED = re.compile(
    r"^\s*((?:[^\W\d_][^\s:：()]*[ \t]+){1,4}[^\W\d_][^\s:：()]*)[ \t]*(?:\([^()]{1,40}\)[ \t]*)?[:：][ \t]*(\S.*)$"
)


#: A paragraph's opening words before a mark, a role in parentheses between: "J. PETRAUSKIENĖ (TS-LKDF). ",
#: "Kari Holm – ", "PIRMININKAS. ".
_OPENING_WORDS = re.compile(
    r"^[ \t]*(?P<who>[^\W\d_][^.:：–—()\[\]\n\d]{0,40}?(?:\.[ \t]?[^\W\d_][^.:：–—()\[\]\n\d]{0,30}?){0,3})"
    r"[ \t]*(?:\([^()\n]{1,40}\))?[ \t]*(?:[.:：]|[ \t][–—-])[ \t]+\S"
)


#: A record's label in bold, its stop inside the bold: "**PRESIDENTE.**", "**MORETTI (PD-IDP).**".
_STOP_IN_BOLD = re.compile(r"^\s*(?:\*\*|__)[^*_\n]{2,80}\.(?:\*\*|__)\s")


def _recurring_openings(lines: list[str]) -> tuple[int, str] | None:
    """Where no speaker was read: the same few capitalised words opening paragraph after paragraph before a mark,
    two such openings or more, together a third of the paragraphs (four at least): what a conversation in a shape
    sayso does not read looks like.  (how many paragraphs, the commonest opening), or None.  A song's sections, a
    form's fields heard once each and words in small letters are no such thing."""
    starts = _paragraph_starts(lines, set())
    found: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for i in starts:
        m = _OPENING_WORDS.match(lines[i])
        if m is None:
            continue
        who = " ".join(m.group("who").split())
        key = who.casefold()
        caseless = not who[:1].isupper() and uncased(who.split()[0])
        if (
            not (who[:1].isupper() or caseless)
            or (caseless and len(who.split()) < 2)  # (a word alone in such a script is as often "Yes." as a name)
            or len(who.split()) > 5
            or _song_section(who)
            or _bare_first(who) in NOT_NAMES
            or grammar.REPLY.match(who + ".")  # ("Yes. ...", "No. ..." opening paragraphs)
        ):
            continue
        found[key] += 1
        shown.setdefault(key, lines[i].strip()[: m.end() - 1 - (len(lines[i]) - len(lines[i].lstrip()))].strip())
    recurring = {key: n for key, n in found.items() if n >= 2}
    total = sum(recurring.values())
    if len(recurring) < 2 or total < max(4, len(starts) / 3):
        return None
    return total, shown[max(recurring, key=lambda k: recurring[k])]


def _shouted_before(line: str, mark: str) -> bool:
    """Whether a line opens with two to sixteen words in capitals, then the document's separating `mark` (a
    record's "ÇEVRE, ŞEHİRCİLİK ... BAKAN YARDIMCISI ERDEM YALÇINKAYA – " that no label pattern read)."""
    if not mark.strip():
        return False  # (a tab or a wide space: no mark to find in a line's words)
    head, found, rest = line.strip().partition(f" {mark.strip()} ")
    return (
        bool(found and rest.strip())
        and 2 <= len(head.split()) <= 16
        and head.isupper()
        and sum(c.isalpha() for c in head) >= 6
    )


def _unread_alone(lines: list[str], i: int, labels: dict[int, Label]) -> bool:
    """Whether line `i`, a few words and a colon alone on its line over words no label opens, would read as a
    speaker's label with those words after it ("Dl. primar Gheorghe Stan:" over "Mulțumesc, domnule ...")."""
    line = lines[i].strip()
    if not line.endswith((":", "：")) or len(line) > 80 or i + 1 >= len(lines) or (i + 1) in labels:
        return False
    below = lines[i + 1].strip()
    if not below or below.endswith((":", "：")):
        return False
    if _unread_opening(f"{line} {below}"):
        return True
    # (or a name among a few words: "Cetățeanul Gheorghe Stan din Poiana:", a citizen of Poiana)
    words = line.rstrip(":： ").split()
    return (
        2 <= len(words) <= 8
        and not _SENTENCE_INSIDE.search(line)
        and sum(1 for w in words if w[:1].isupper()) * 2 > len(words)
        and any(
            a[:1].isupper() and b[:1].isupper() and names_a_person(f"{a} {b}") and is_name_like(f"{a} {b}")
            for a, b in itertools.pairwise(words)
        )
        and grammar.talks([Label(line, below, "loose")])
    )


def _unread_opening(line: str) -> bool:
    """Whether a line no family read opens as a speaker's label would (see `_choose_convention`)."""
    loose = _LOOSE_LABEL.match(line) or _loose_uncased(line)
    if (
        loose is not None
        and _bare_first(loose.group(1)) not in (NOT_NAMES - {"the"}) | {"dear"}
        and grammar.talks([Label(loose.group(1), loose.group(2), "loose")])
    ):
        return True
    tagged = _TAGGED_OPENING.match(line)
    if tagged is not None and grammar.talks([Label(tagged.group(1), tagged.group(2), "loose")]):
        return True  # (a group's tag in brackets, then whoever: "**[Publikum] Frau aus Reihe drei:** Warum ...?")
    shaped = _label_shaped(line)
    return (
        shaped is not None
        and _bare_first(shaped.group(1)) not in NOT_NAMES | {"dear"}
        and len(shaped.group(2).split()) >= 3
    )


#: A tag in brackets and a few words up to a colon, in bold or not: "**[Publikum] Frau aus Reihe drei:** ...".
_TAGGED_OPENING = re.compile(
    r"^\s*(?:\*\*|__)?\[[^\W\d_][^\[\]\d]{0,30}\][ \t]+([^\W\d_][^:：\n\d*_]{0,50}?)[ \t]*[:：](?:\*\*|__)?[ \t]+(\S.*)$"
)
#: Any opening up to a colon of a few words, for `_label_shaped`: "NAGY FERENC belügyminiszter:", "Ministr pro
#: místní rozvoj ČR Tomáš Horák:", "NDG. RAMADHANI KILEO – KATIBU MEZANI:", "Pt's wife:".
_WIDE_LABEL = re.compile(r"^\s*([^\W\d_][^:：\n\d]{0,70}?)[ \t]*[:：][ \t]+(\S.*)$")
_SENTENCE_INSIDE = re.compile(r"[!?…]|[^\W\d_]{5,}\.(?:\s|$)|,\s+[a-z]")


def _label_shaped(line: str) -> re.Match[str] | None:
    """An opening that reads as a speaker label in some record's convention though no family read it as one: a
    few words, most of them capitalised, no sentence in them, the first in capitals or ending with a name
    ("NAGY FERENC belügyminiszter:", "Ministr pro místní rozvoj ČR Tomáš Horák:")."""
    found = _WIDE_LABEL.match(line)
    if found is None:
        return None
    prefix = found.group(1).strip()
    words = [w for w in prefix.split() if any(c.isalpha() for c in w)]
    if not 1 <= len(words) <= 8 or _SENTENCE_INSIDE.search(prefix) or ", " in prefix:
        return None  # (a clause before a colon: "Das kann ich Ihnen sagen, Herr Kollege: zu lang.")
    if sum(1 for w in words if w[:1].isupper()) * 2 < len(words):
        return None
    first = words[0].strip(".,'’")
    capitals = len(first) >= 2 and first.isupper()
    named = len(words) >= 2 and all(w[:1].isupper() for w in words[-2:]) and names_a_person(" ".join(words[-2:]))
    return found if capitals or named else None


def _loose_uncased(line: str) -> re.Match[str] | None:
    """A label-shaped opening in words without capitals ("श्री राजेश कुमार वर्मा (बाराबंकी) :"); one word alone
    is too often a sentence's own colon ("他说：") to count."""
    found = _LOOSE_UNCASED.match(line)
    return found if found is not None and uncased(found.group(1)) else None


def _bare_first(raw: str) -> str:
    words = raw.split()
    return words[0].strip(".,:;()").casefold() if words else ""


def _without_repeated_fields(labels: dict[int, Label], table: SpeakerTable) -> dict[int, Label]:
    """Drop a label that says the same few words each time it comes back, a number or a code among them, and names
    no one: a page header repeated at each page break ("Proces-verbaalnummer: PL2100-2025041877-12", "Case No.:
    2:24-cv-0113"), not someone speaking.  Only beside two other names that take turns."""
    named = {i: table.name_for(l) for i, l in labels.items()}
    counts = Counter(named.values())
    # (the few names heard again that name no one: most documents have none, and their words are not read)
    suspects = {
        name
        for name, n in counts.items()
        if name is not None and n >= 2 and not names_a_person(name) and not is_generic(name)
    }
    if not suspects:
        return labels
    said: dict[str, set[str]] = {}
    for i, l in labels.items():
        if named[i] in suspects:
            said.setdefault(named[i] or "", set()).add(" ".join(l.rest.split()))
    repeated = {
        name
        for name, rests in said.items()
        if len(rests) == 1 and len(next(iter(rests)).split()) <= 4 and any(ch.isdigit() for ch in next(iter(rests)))
    }
    if not repeated or sum(1 for name, n in counts.items() if n >= 2 and name not in repeated) < 2:
        return labels
    return {i: l for i, l in labels.items() if named[i] not in repeated}


def _only_a_person(words: str) -> bool:
    """Whether `words` are a person's name, with a title or in full, and at most their office after a comma."""
    name, _, office = words.partition(",")
    return (
        _a_persons_name(name.strip())
        and len(name.split()) <= 5
        and len(office.split()) <= 6
        and not any(c in words for c in "?!")
        and not grammar.talks([Label(name, words, "plain")])
    )


def _without_header_fields(labels: dict[int, Label], table: SpeakerTable, lines: list[str]) -> dict[int, Label]:
    """Drop one-off labels above the conversation whose words are a short unfinished phrase: a header's fields
    ("Segment: Airline refunds", "Study: Experiences of care", "Interviewer: James Birch (JB)", "Moderator:
    MOD"), not turns.  Only where two names or more take turns below them, and never a code the header gives
    someone ("Note-taker (N): Thanawat Kaewmanee" over "N: May I? The recorder is on."), whose one turn it is."""
    counts = Counter(table.name_for(l) for l in labels.values())
    recurring = {name for name, n in counts.items() if name is not None and n >= 2}
    if not recurring:
        return labels
    start = min(i for i, l in labels.items() if table.name_for(l) in recurring)
    head = "\n".join(lines[:start])
    speaking = {display_name(l.raw) for i, l in labels.items() if i >= start}
    fields = {
        i
        for i, l in labels.items()
        if i < start
        and table.name_for(l) not in recurring
        and not (len(l.raw.strip()) <= 3 and _declared_code(l.raw.strip(), head))
        and l.said
        and l.time is None
        and l.form != "dash"  # (">> CAPTIONER: Please stand by for", wrapped)
        and (
            (not _sentence_end(l.rest) and len(l.rest.split()) <= 8)
            # (who takes part, naming speakers below: "Udział: trener gości Marek Zieliński (Wisła), trener
            # gospodarzy Dariusz Kmiecik (Stal)")
            or (
                not _sentence_end(l.rest)
                and len(l.rest.split()) <= 24
                and any(n in l.rest for n in speaking if len(n.split()) >= 2)
            )
            # ("Participant: P07 | Interview date: ...", "Data: 21/09/2023 · Local: sede da cooperativa · ...")
            or ((" | " in l.rest or " · " in l.rest) and len(l.rest.split()) <= 16)
            # a list: "Themen: Termine (Reise, Kabinett), Haushalt, Wohngeld", "Sprecher: SRS'in Hoffmann, Dr. Lange"
            # (or a key to the transcript's marks: "Legenda: (…) korte stilte; (stilte, n sec) langere stilte; ...")
            or (not _sentence_end(l.rest) and l.rest.count(",") + l.rest.count(";") >= 2 and len(l.rest.split()) <= 30)
            # (or who attends, two people or more with their offices: "Participă: dl. Sorin Bălan – președintele
            # comisiei, dna. Ioana Rusu – director executiv.")
            or (len(l.rest.split()) <= 40 and len(name_spans(l.rest)) >= 2 and not grammar.talks([l]))
        )
    }
    # (with one recurring speaker only, a block of three fields or more: a record's "Tahun Sidang : 2031",
    # "Sifat : Terbuka", "Acara : ..." over its chair's turns)
    if len(recurring) < 2 and len(fields) < 3:
        fields = set()
    # The lines that open the document saying who takes part ("Candidate: Tolu Oyelaran. Thesis: ...",
    # "Examiners: Prof. E. Haldane (internal, chair); ..."), even under a label that speaks later: a cast, not
    # turns.  Only a run of them at the top, each a name and what describes it, never a sentence.
    cast = set()
    for i in sorted(labels):
        if not _cast_value(labels[i].rest) or (
            # (a person's own label opens the conversation: "Claire Morel : Bonjour Bastien Lefèvre."; a role's
            # label in a list of who holds it does not: "JUEZ PRESIDENTE: MTRO. ALEJANDRO RUIZ CÁRDENAS")
            is_full_name(labels[i].raw)
            and (labels[i].rest.rstrip().endswith((".", "!", "?", "…")) or not is_full_name(labels[i].rest))
        ):
            break
        cast.add(i)
    if cast:
        below = {l.raw for i, l in labels.items() if i not in cast}
        people = {
            name_key(display_name(raw))
            for raw in below
            # (and the codes and roles a focus group's turns go by: "Moderator", "P1", "P2")
            if names_a_person(display_name(raw)) or is_generic(raw) or _SPEAKER_CODE.match(raw.strip())
        }
        people |= {
            name_key(display_name(l.raw))
            for i, l in labels.items()
            if i not in cast and l.role is not None and names_a_person(l.role.split(",")[0])
        }
        if len(labels) - len(cast) < 2 or len(people) < 2:
            cast = set()  # (a chess game's "White: R. Halloran" over "White: 6.Bg5": no one below speaks)
    if not fields and not cast:
        return labels
    return {i: l for i, l in labels.items() if i not in fields and i not in cast}


def _declared_code(code: str, head: str) -> bool:
    """Whether a header gives the short code `code` to someone, in parentheses after a role or a name
    ("Moderator (M): ...", "วิภาวี ศรีสุข (วิ)") or as a legend's key ("N = note-taker", "P1 – ...")."""
    return bool(
        code
        and re.search(
            rf"[(（]{re.escape(code)}[)）]|(?:^|[\s,;:]){re.escape(code)}[ \t]*(?:=|[–—]|-(?=[ \t]))", head, re.M
        )
    )


#: A line opening with a time: a chapter's start in a list of chapters ("01:12 Tobias: how a scientist ..."),
#: or a timed turn.
_TIMED_LINE = re.compile(r"^[ \t]*[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?[ \t]+\S")


def _without_chapter_list(labels: dict[int, Label], lines: list[str]) -> dict[int, Label]:
    """Labels in a podcast page's list of chapters above its transcript ("01:12 Tobias: how a lab scientist ended
    up baking", "14:05 Temperature: the thing nobody measures" among "06:40 What is in a starter, really?"): a
    run of three lines or more opening with a time, most of them no label, above the first turn of someone who
    speaks again.  Titles of chapters, not turns."""
    counts = Counter(l.raw for l in labels.values())
    # (the first turn, untimed, of someone heard again: a transcript whose every turn opens with a time has no
    # such list to tell apart)
    again = [i for i, l in labels.items() if counts[l.raw] >= 2 and not _TIMED_LINE.match(lines[i])]
    if not again:
        return labels
    first = min(again)
    dropped: set[int] = set()
    run: list[int] = []
    for i in [*range(first), None]:
        if i is not None and not lines[i].strip():
            continue
        if i is not None and _TIMED_LINE.match(lines[i]):
            run.append(i)
            continue
        labelled = [k for k in run if k in labels]
        if len(run) >= 3 and labelled and len(labelled) * 2 < len(run):
            dropped.update(labelled)
        run = []
    return {i: l for i, l in labels.items() if i not in dropped} if dropped else labels


#: A speaker's code in a focus group's or a study's transcript: "P1", "R12", "FG2".
_SPEAKER_CODE = re.compile(r"^[A-Z]{1,3}\d{1,3}$")


#: A header's field: a short key, a colon, its value ("Study: ...", "FGD 3: ...", "Note-taker: TK"; a full-width
#: colon needs no space after it: "书记员：周倩").
#: (a key's letters may carry combining marks, which `\w` does not take: Devanagari's "विषय:", Hebrew's points, Thai)
_FIELD = re.compile(
    r"^[*_]{0,2}(?P<key>[^\W\d_][\w .'’/()\-\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0dff"
    r"\u0e00-\u0e7f]{0,30}?)[*_]{0,2}[ \t]*(?:[:：][*_]{0,2}[ \t]+|：[*_]{0,2})\S"
)


def _without_header_block(labels: dict[int, Label], lines: list[str]) -> dict[int, Label]:
    """Labels in the block of fields that opens a document: three to twelve lines of "Key: value" one under
    another, each key once, most of them no one ("Study:", "Date:", "Languages:") or none of them speaking
    below ("البرنامج:", "مقدم البرنامج:"), the conversation below it.  Its "Moderator: MN (Mpho Ndlovu)" says who
    moderates; it is not a turn."""
    if not labels:
        return labels
    first = min(labels)
    start = first
    while start > 0 and lines[start - 1].strip():
        start -= 1
    end = first
    while end < len(lines) and lines[end].strip():
        end += 1
    if end - start > 12:
        # (a document read single-spaced, its blank lines gone: the fields run from the top until a line that is
        # no field, "[शुरुआती संगीत]", or a key that labels turns again below)
        keyed = Counter(m.group("key").strip().casefold() for line in lines if (m := _FIELD.match(line.strip())))
        end = start
        for i in range(start, min(start + 13, len(lines))):
            m = _FIELD.match(lines[i].strip())
            if m is None:
                if i >= first:
                    break  # (a label no field's shape could be, "[21:03] Ruud: ...", opens the talk)
            elif keyed[m.group("key").strip().casefold()] > 1:
                break
            elif i >= first and len(lines[i].split()) > 16:
                break  # (a first turn said at length under its speaker's full name, the short one used below)
            end = i + 1
    block = range(start, end)
    if not 3 <= len(block) <= 12 or sum(1 for i in labels if i >= end) < 2:
        return labels
    keys = [m.group("key").strip().casefold() for i in block if (m := _FIELD.match(lines[i].strip()))]
    nobody = [k for k in keys if not names_a_person(k.title()) and not GENERIC_SPEAKER.match(k)]
    below = {m.group("key").strip().casefold() for i in range(end, len(lines)) if (m := _FIELD.match(lines[i].strip()))}
    if len(keys) < 3 or len(set(keys)) < len(keys):
        return labels
    said = [l for i, l in labels.items() if i in block and l.said]
    if 2 * sum(1 for l in said if grammar.talks([l])) > max(len(said), len(keys)):
        # (what follows the keys talks, most of it: "Ada: Morning all", "Ben: Yes, I'm here": a chat's first turns;
        # not one topic's question, "विषय: ... ज़िम्मेदार कौन?" (Topic: who is responsible?), among fields)
        return labels
    if 2 * len(nobody) < len(keys) and below & set(keys):
        return labels  # (people's names, speaking again below: the conversation opens without a break)
    if below <= set(keys):
        return labels  # (the same keys go on below, "White:" over a chess game's "White: 6.Bg5": no header)
    return {i: l for i, l in labels.items() if i not in block}


#: Words that are wholly a quotation, in the quotation marks of the languages interviews are published in.
_WHOLLY_QUOTED = re.compile(r"^[«“„\"‘‚](?:[^«»“”„\"]{4,300})[»”“\"’‘]$")


def _without_quoted_headline(labels: dict[int, Label], lines: list[str]) -> dict[int, Label]:
    """The first label where it is a headline quoting the speaker, over the page's details: "Claire Morvan : « Les
    nappes phréatiques ne se rechargent pas par décret »" over "Jeudi 14 mars 2024" — a title, not a turn (the
    words come again in the interview).  Only the first label, its words wholly a quotation, the line under it
    (without a blank between) no label."""
    if len(labels) < 3:
        return labels
    first = min(labels)
    label = labels[first]
    below = lines[first + 1].strip() if first + 1 < len(lines) else ""
    if not (label.said and below and first + 1 not in labels and _WHOLLY_QUOTED.match(label.rest.strip())):
        return labels
    quoted = " ".join(label.rest.strip()[1:-1].split())[:40]
    if not any(quoted in " ".join(line.split()) for line in lines[first + 2 :]):
        return labels  # (the words a headline quotes come again in the interview; a first turn's do not)
    return {i: l for i, l in labels.items() if i != first}


def _without_leading_list(labels: dict[int, Label], table: SpeakerTable) -> dict[int, Label]:
    """Labels on lines one under another before the conversation, each a different person and what they are
    ("ROBERTO DINIZ - Diretor-Presidente da Agência Estadual de Águas.", "FERNANDA LOPES - Pesquisadora."): a
    list of who takes part, not turns, where none of it talks.  The first run of two or more such lines only,
    and only with labelled turns below it."""
    places = sorted(labels)
    run: list[int] = []
    for i in places:
        if run and i != run[-1] + 1:
            break
        run.append(i)
    names = [table.name_for(labels[i]) for i in run]
    if (
        len(run) < 2
        or len(set(names)) < len(names)
        or not all(n is not None and is_full_name(n) for n in names)  # (a list gives full names)
        # (and writes them as lists do: after a dash, or in capitals; "Ada Park: The migration finished." is a turn)
        or not all(labels[i].form.startswith("separated") or in_capitals(labels[i].raw) for i in run)
        or len(places) - len(run) < 2
        or any(not labels[i].said or len(labels[i].rest.split()) > 25 for i in run)
        or grammar.talks([labels[i] for i in run])
    ):
        return labels
    return {i: l for i, l in labels.items() if i not in run}


_A_DIGIT = re.compile(r"\d")
#: A person's name, a comma and their office in a few words, then perhaps a page's number far off to the right:
#: what a signature block says under "Vakuudeksi:" ("Riikka Ojala, valiokuntaneuvos").
_SIGNED = re.compile(
    r"^(?P<name>(?:[^\W\d_][\w'’.-]*[ \t]+){1,3}[^\W\d_][\w'’-]*),[ \t]*(?P<office>[^\W\d_][\w'’.-]*(?: [\w'’.-]+){0,3})"
    r"(?:[ \t]{3,}\S.{0,12})?$"
)


def _signed(words: str) -> bool:
    """Whether `words` are a signature's: a person's full name, then their office after a comma, nothing more."""
    m = _SIGNED.match(words.strip())
    return m is not None and _a_persons_name(m.group("name"))


def _closing_notes(labels: dict[int, Label], table: SpeakerTable, lines: list[str]) -> None:
    """Labels after the conversation's last turn, each once, in another form than every recurring label ("Overall:
    felt good." under "**Sarah:**" and "**Me:**" turns), or below a rule drawn under it ("---" then "Zapis: biuro
    prasowe ..."): a note closing the document, said by no one (`table` forgets their names), not a speaker, nor
    the last speaker's words."""
    counts = Counter(table.name_for(l) for l in labels.values())
    recurring = [i for i, l in labels.items() if counts[table.name_for(l)] >= 2]
    if len({table.name_for(labels[i]) for i in recurring}) < 2:
        return
    forms = {labels[i].form for i in recurring}
    last = max(recurring)
    for i, label in labels.items():
        if i <= last:
            continue
        word = label.raw.strip()
        ruled_off = any(_RULED.match(lines[j]) for j in range(last + 1, i)) if i > last else False
        if (
            i > last
            and counts[table.name_for(label)] == 1
            and (label.said or ruled_off)  # (a heading alone under the rule too: "ማስታወቂያዎች፦" over its list)
            and (
                (label.form not in forms and " " not in word and word.istitle() and not names_a_person(word))
                # (or a signature's field, a word that is no one over a person's name and office: "Vakuudeksi:
                # Riikka Ojala, valiokuntaneuvos", "Tarkastettu: Laila Rantanen, puheenjohtaja")
                or (" " not in word and not names_a_person(word) and _signed(label.rest))
                # (or a form's field left blank to sign or fill in: "Llofnod y Cadeirydd: ________", "توقيع المأمور:")
                or label.rest.lstrip().startswith("___")
                # (or, under the rule, a field naming who took the minutes by initial and surname, and no more than a
                # page's count after: "Referent: K. Nesheim. Side 1 av 1.", "Protokoll: S. Weber")
                or (
                    ruled_off
                    and " " not in word
                    and not names_a_person(word)
                    and (taker := _INITIAL_AND_SURNAME.match(label.rest.strip())) is not None
                    and not grammar.talks([label])
                    and len(label.rest.strip()[taker.end() :].split()) <= 4
                )
                # (or a box's heading under the rule, alone on its line and without a colon, where every turn's words
                # follow its label on the line: "> **ZUR PERSON**" over the interviewee's life in a few lines)
                or (
                    ruled_off
                    and not label.said
                    and ":" not in lines[i]
                    and "：" not in lines[i]
                    and all(labels[r].said for r in recurring)
                )
                # (or where a press service's text came from and when, under its last turn: "Источник: пресс-служба
                # губернатора", "Дата публикации: 05.09.2024"; elsewhere "Fuente:" may be a journalist's source)
                or word.split()[0].casefold() in _SOURCE_AND_DATE
                # (but not a last speaker after a scene break: "* * *" then "MAYA: You two missed it.")
                or (
                    ruled_off
                    and len(word.split()) <= 2
                    and not names_a_person(word)
                    and not grammar.talks([label])
                    and not _sentence_end(label.rest)
                )
                # (or a notice's day and time, in a script whose capitals cannot tell a name: "შემდეგი რეპეტიცია:
                # ხუთშაბათი, 19:00." (next rehearsal))
                or (
                    ruled_off
                    and uncased(word)
                    and len(word.split()) <= 2
                    and not grammar.talks([label])
                    and _A_DIGIT.search(label.rest) is not None
                    and len(label.rest.split()) <= 4
                )
                # (a word with no capitals to judge it by, over words that do not talk: Arabic's "المصدر: قناة
                # الأفق الإخبارية", the source under a broadcast's transcript)
                or (
                    uncased(word)
                    and len(word.split()) <= 2
                    and not grammar.talks([label])
                    and not _sentence_end(label.rest)
                )
            )
        ):
            table.canonical.pop(name_key(display_name(label.raw)), None)
            label.rest = lines[i].strip() if label.role else f"{word}: {label.rest.strip()}"


#: Where a text came from and when, as a press service's page closes it, in the languages they write: Russian
#: "Источник:", "Дата публикации:", Ukrainian, Polish, German, Spanish, Swedish, Finnish, Czech, Hungarian, Greek,
#: Turkish, Hebrew, Indonesian, Vietnamese, Japanese, Chinese, Korean.
_SOURCE_AND_DATE = {
    "источник", "дата", "джерело", "źródło", "quelle", "fuente", "källa", "lähde", "zdroj", "forrás", "πηγή",
    "kaynak", "מקור", "sumber", "nguồn", "出典", "出处", "来源", "출처", "source", "date",
}  # fmt: skip


#: A person written by their initials and surname, where a sentence or a list item ends: "K. Nesheim.", "A.-M. Roux,".
_INITIAL_AND_SURNAME = re.compile(r"(?:[^\W\d_]\.[ \t]?-?){1,3}[ \t]*[^\W\d_][^\W\d_'’-]+(?:[.,;]|$)")


#: A line drawn across: "---", "=====", "* * *", "______".
_RULED = re.compile(r"^[ \t]*(?:[-=_─━—*~][ \t]*){3,}$")


#: The words minutes record a decision under (in NOT_NAMES too: never a speaker's label).
_DECISION_WORDS = {
    "resolved", "agreed", "decided", "decision", "resolution", "beschluss", "besluit", "décision", "acuerdo",
    "delibera", "uchwała",
}  # fmt: skip


#: A count and what it counts: "7 Ja", "1 Enthaltung", "בעד – 6", "For: 12".
_TALLY = re.compile(r"\d+[ \t]*[–—-]?[ \t]*[^\W\d_]+|[^\W\d_]+[ \t]*[–—:-][ \t]*\d+")


def _decision(lines: list[str], k: int) -> bool:
    """Whether line `k` records a decision under its field's word ("RESOLVED: That ...", "Beschluss: ...")."""
    if not 0 <= k < len(lines):
        return False
    word, colon, _ = lines[k].strip().partition(":")
    return bool(colon) and word.strip(" *_").casefold() in _DECISION_WORDS


def _without_field_blocks(labels: dict[int, Label], lines: list[str], table: SpeakerTable) -> dict[int, Label]:
    """Drop blocks of labels on lines one under another, each a word or two that names no one and does not talk,
    heard only in such blocks, where the turns stand apart (a blank line before nearly every one): a record's
    fields between the turns ("Abstimmung: 7 Ja / 1 Nein / 1 Enthaltung" over "Beschluss: Die Ordnung wird
    angenommen.", a council's "הצבעה:" over "החלטה:" after each item), not people speaking without a pause."""
    order = sorted(labels)
    if len(order) < 6:
        return labels
    adjacent = [(a, b) for a, b in itertools.pairwise(order) if b == a + 1]
    # (a label over or under a decision, which is never a label itself: "Abstimmung: 7 Ja / 1 Nein" over
    # "Beschluss: Die Ordnung wird angenommen.")
    decided = [a for a in order if _decision(lines, a - 1) or _decision(lines, a + 1)]
    if not (adjacent or decided) or len(adjacent) > 0.2 * len(order):
        return labels  # (no two labels one under another, or too many: turns that do not stand apart)
    if sum(1 for i in order if i == 0 or not lines[i - 1].strip()) < 0.8 * len(order):
        return labels  # (a blank line before nearly every turn)

    def field(i: int) -> bool:
        l = labels[i]
        word = display_name(l.raw)
        return (
            l.said
            and len(word.split()) <= 2
            and not is_full_name(word)
            and not is_generic(word)
            and not titles_of(word)
        )

    in_blocks: set[int] = set()
    for a, b in adjacent:
        # (a record's block counts something, a vote's "7 Ja / 1 Nein": two people's short answers one under the
        # other, "Priya: Canberra." over "Tom: Sydney.", count nothing)
        if field(a) and field(b) and (_TALLY.search(labels[a].rest) or _TALLY.search(labels[b].rest)):
            in_blocks |= {a, b}
    in_blocks |= {a for a in decided if field(a) and _TALLY.search(labels[a].rest)}
    if not in_blocks:
        return labels
    by_name: dict[str | None, list[int]] = {}
    for i in order:
        by_name.setdefault(table.name_for(labels[i]), []).append(i)
    drop = {
        i
        for name, at in by_name.items()
        if at
        and set(at) <= in_blocks
        # (a tally's "7 Ja / 1 Nein", "בעד – 6", counts and is no one's yes)
        and not grammar.talks([Label(labels[i].raw, _TALLY.sub(" ", labels[i].rest), "plain") for i in at])
        for i in at
    }
    if not drop or len(drop) == len(labels):
        return labels
    for i in drop:  # (the table forgets them: their lines are read again as words, never as someone's labels)
        table.canonical.pop(name_key(display_name(labels[i].raw)), None)
    return {i: l for i, l in labels.items() if i not in drop}


#: Words that number a document's items, never people ("Voter 3:", "Student 2:", "Juror 7:" are people): a
#: catalogue's lot, an agenda's item or point, a law's article, in the languages such documents come in.
_ITEM_WORDS = frozenset(
    ["lot", "lote", "lotto", "los", "kavel", "item", "top", "punkt", "point", "punto", "ponto", "article", "art",
     "artikel", "artículo", "articolo", "artigo", "pozycja", "bod", "pont"]
)  # fmt: skip
#: A label that is a word and a number: "LOT 48", "Item 3", "TOP 2", "Juror 7", "Speaker 2".
_WORD_AND_NUMBER = re.compile(r"^(?P<word>[^\W\d_][\w'’.-]*)[ \t]+(?:n[º°o]\.?[ \t]*|#)?\d{1,4}[a-z]?$", re.I)


def _without_numbered_items(labels: dict[int, Label], table: SpeakerTable) -> dict[int, Label]:
    """Drop labels that number a document's items, one word and its numbers, each once, none of them talking: a
    catalogue's "LOT 47: Joaquim Vayreda (1843–1894). Oli sobre tela." and "LOT 48: Anònim, s. XIX.", an
    agenda's "TOP 3: Haushalt", among the turns of an auction or a meeting.  Numbered people ("Juror 3:", "Speaker
    2:") are heard more than once, or talk."""
    numbered = {
        i: m
        for i, l in labels.items()
        if l.raw[-1:].isdigit()
        and (m := _WORD_AND_NUMBER.match(l.raw.strip()))
        and m.group("word").casefold().rstrip(".") in _ITEM_WORDS
    }
    if len(numbered) < 2:
        return labels  # (most documents number no label: nothing to count)
    counts = Counter(table.name_for(l) for l in labels.values())
    items: dict[str, list[int]] = {}
    for i, m in numbered.items():
        if counts[table.name_for(labels[i])] == 1 and labels[i].said:
            items.setdefault(m.group("word").casefold(), []).append(i)
    drop = {
        i
        for found in items.values()
        if len(found) >= 2 and not grammar.talks([labels[i] for i in found])
        for i in found
    }
    if not drop or len(drop) == len(labels):
        return labels
    return {i: l for i, l in labels.items() if i not in drop}


#: (in any alphabet with capitals: "Оксана Гнатюк. Авторка: Лариса Дмитренко."; each word's capital checked)
_CAST_NAME = re.compile(r"^((?:[^\W\d_][\w.'’-]*[ \t]+){1,4}[^\W\d_][\w'’-]*)[ \t]*(?:$|[,.;(][ \t]*(.*)$)")
_ANOTHER_FIELD = re.compile(r"(?<!\w)[^\W\d_][\w ]{1,20}:")


def _cast_value(rest: str) -> bool:
    """Whether a label's words are a person's name and what describes them ("Tolu Oyelaran. Thesis: ...", "Prof.
    E. Haldane (internal, chair)", "Ada Nwosu, Editor, Pipeline Weekly"), not a sentence ("Jane Smith, thanks for
    joining us")."""
    found = _CAST_NAME.match(rest.strip())
    if found is None:
        return False
    name, after = found.group(1), (found.group(2) or "").strip()
    if not (is_full_name(name) and _a_persons_name(name)) or (name.isupper() and not rest.strip().isupper()):
        return False  # (a name in capitals in words that are not: "WIND BUFFETING GLASS. A distant horn")
    if not after or any(field.group()[:1].isupper() for field in _ANOTHER_FIELD.finditer(after)):
        return True
    if after.endswith((".", "!", "?")):
        return False  # a sentence after the name ("WIND ON GLASS. A DISTANT FOGHORN."), not what describes them
    words = after.split()
    described = sum(1 for w in words if w[:1].isupper() or w[:1] in "(\"“'")
    return len(words) <= 8 and described * 2 >= len(words)


#: A sentence's end (not a file name's or a number's dot: "focus_group_3.mp3", "v2.1").
_SENTENCE_MARK = re.compile(r"[.!?…](?=[\s\"'”’)]|$)|[。！？।॥۔؟።။]")


def _sentence_end(text: str) -> bool:
    """Whether `text` ends a sentence somewhere: not at a short abbreviation's stop ("Dr. Sami", "د. سامي")."""
    for m in _SENTENCE_MARK.finditer(text):
        if m.group() == "…" and text[: m.start()].endswith(("(", "[")):
            continue  # (a transcriber's mark for words not heard, "(…) = ฟังไม่ชัด": no sentence's end)
        if m.group() != ".":
            return True
        word = text[: m.start()].rsplit(None, 1)[-1] if text[: m.start()].strip() else ""
        if len(word.strip("([\"'“‘")) > 3:
            return True
    return False


def _without_header_one_offs(labels: dict[int, Label], table: SpeakerTable) -> dict[int, Label]:
    """Drop one-off labels with no words after them before the conversation starts, where labels carry words.

    A case caption ("ALONZO JAY KING, JR.    :") or a cover line is shaped like a label
    but stands in the header; the document's real labels have their words beside them.
    """
    if all(l.said for l in labels.values()):
        return labels
    counts = Counter(table.name_for(l) for l in labels.values())
    recurring = [i for i, l in labels.items() if counts[table.name_for(l)] >= 2]
    with_words = sum(1 for l in labels.values() if l.said)
    if not recurring or with_words < 0.8 * len(labels):
        return labels
    start = min(recurring)
    return {
        i: l
        for i, l in labels.items()
        if not (i < start and counts[table.name_for(l)] == 1 and not l.said)
        or (l.role is not None and _HOST_ROLE.search(l.role))  # NPR's "AUDIE MARTINEZ, HOST:" over her words
    }


def _without_header_headings(labels: dict[int, Label], lines: list[str], table: SpeakerTable) -> dict[int, Label]:
    """Where every label stands alone on its line over its words, drop those heard once above the first
    speaker who speaks again when what stands under them does not talk: a record's cover ("סדר היום:" over
    the agenda, "נכחו:" (present) over the members' names), not turns."""
    if not labels or labels[max(labels)].said:
        return labels  # (labels that carry their words: most documents, settled without counting names)
    counts = Counter(table.name_for(l) for l in labels.values())
    recurring = [i for i, l in labels.items() if counts[table.name_for(l)] >= 2]
    if not recurring:
        return labels
    start = min(recurring)
    if any(l.said for i, l in labels.items() if i >= start):
        return labels

    def under(i: int) -> str:
        words: list[str] = []
        for line in lines[i + 1 :]:
            if not line.strip():
                if words:
                    break
                continue
            words.append(line.strip())
        return " ".join(words)

    cover = {
        i
        for i, l in labels.items()
        if i < start
        and counts[table.name_for(l)] == 1
        and l.form != "clip"  # (a newsroom cue names who is heard outright: "[DANA — ON CAM]")
        and not grammar.talks([Label(l.raw, under(i), l.form)])
    }
    return {i: l for i, l in labels.items() if i not in cover}


def _opens_most_paragraphs(
    lines: list[str], found: list[tuple[int, Label]], keys: Counter[str], skip: set[int]
) -> bool:
    """Whether the candidates open at least 3 in 4 paragraphs, with two or more different names (`keys`: their counts)."""
    if len(found) < 2 or len(keys) < 2:
        return False
    # One-off single words ("Funding:", "Storage:") are lead-ins; a recurring label or full names are people.
    if max(keys.values()) < 2 and not all(is_full_name(display_name(l.raw)) for _, l in found):
        return False
    starts = _paragraph_starts(lines, skip)
    return _opens_paragraphs(lines, dict(found), skip, 0.75) and len(starts) <= 400


#: The share of paragraphs a `separated` convention's labels open (see grammar.match_separated).
SEPARATED_SHARE = 0.5


def _a_conversation(lines: list[str], labels: dict[int, Label], table: SpeakerTable, skip: set[int]) -> bool:
    """Whether `labels` read as a conversation (grammar.conversation_marks) and open most paragraphs
    (SEPARATED_SHARE), or most lines from the first label to the last."""
    if not grammar.conversation_marks(list(labels.values()), table.name_for):
        return False
    if _opens_paragraphs(lines, labels, skip, SEPARATED_SHARE):
        return True
    titled = sum(1 for l in labels.values() if grammar.titled(l.raw) or is_office(l.raw))
    shouted = sum(1 for l in labels.values() if l.raw.isupper())
    people = {table.name_for(l) for l in labels.values() if l.raw.isupper() and len(l.raw.split()) >= 2}
    if (titled >= 0.75 * len(labels) or (shouted >= 0.9 * len(labels) and len(people) >= 2)) and _opens_paragraphs(
        lines, labels, skip, SEPARATED_SHARE / 2
    ):
        # (people named by title or office, "O SR. PRESIDENTE (...) -", "A SRA. JULIANA ROCHA -", or in capitals,
        # two of them at least named in full, "KORAY DEMİRTAŞ (İzmir) –" beside "BAŞKAN –", in a record whose
        # speeches run over several paragraphs: a dash after such a name is no prose's)
        return True
    # Or most lines from the first label to the last (a header in paragraphs over turns a line each).
    span = [i for i in range(min(labels), max(labels) + 1) if lines[i].strip() and i not in skip]
    return sum(1 for i in span if i in labels) >= SEPARATED_SHARE * len(span)


def _paragraph_starts(lines: list[str], skip: set[int]) -> list[int]:
    """The lines that open a paragraph (every line, where no blank line separates paragraphs)."""
    blank_separated = any(not l.strip() for l in lines)
    return [
        i
        for i, l in enumerate(lines)
        if l.strip() and i not in skip and (not blank_separated or i == 0 or not lines[i - 1].strip())
    ]


def _opens_paragraphs(lines: list[str], labels: dict[int, Label], skip: set[int], share: float) -> bool:
    """Whether `labels` open at least `share` of the document's paragraphs (a block of three lines or more, each
    all but one in four opening with a label, is a paragraph a line: a record's rows, "0017<tab>DERWENT<tab>...",
    under a header set apart by blank lines)."""
    starts = _paragraph_starts(lines, skip)
    rows: list[int] = []
    for a, b in itertools.pairwise([*starts, len(lines)]):
        block = [i for i in range(a, b) if lines[i].strip()]
        if len(block) >= 3 and sum(1 for i in block if i in labels) >= 0.75 * len(block):
            rows.extend(i for i in block[1:] if i in labels)
    opened = sum(1 for i in starts if i in labels) + len(rows)
    return bool(starts) and opened >= share * (len(starts) + len(rows))


#: What the inline family's most common label form looks like, for the description.
_INLINE_FORMS = {
    "otter": "label and time alone on a line (Name  0:03), then text",
    "timed": "label with a time (Name (00:01): text)",
    "bold": "label in bold (**Name:** text)",
    "record": "record style: label ending in a full stop (Mr. SMITH. text)",
    "bracket": "label in brackets ([Name] text)",
}


#: What a role in parentheses says of how someone is heard, not who they are: "(off mic)", "(V.O.)", "(CONT'D)".
_DELIVERY = re.compile(
    r"\b(?:mic|microphone|v[./]? ?o|o\.? ?s|o\.? ?c|voice[- ]?over|stand-?up|live|sot|on cam\w*|cont'?d|continu\w*|phone|telephone|video|remote|"
    r"interpret\w*|translat\w*|via|through|inaudible|recorded|laugh\w*|off|aside|sotto|whisper\w*|shout\w*)\b",
    re.IGNORECASE,
)


def _told_apart_by_role(labels: dict[int, Label], table: SpeakerTable) -> dict[int, Label]:
    """A label for anyone of a group told apart by what follows it in parentheses, two ways or more: a lecture's
    "STUDENT (front row)" and "STUDENT (back row)", a meeting's "Resident (Linden Street)": each is someone of
    their own, named with it, where all of them were read as one "Student".  How someone is heard ("(off mic)",
    "(V.O.)") tells no one apart, nor does a role of one person ("REPORTER (STANDUP)")."""
    told: dict[str, set[str]] = {}
    for l in labels.values():
        if not l.role:
            continue  # (most labels: nothing in parentheses to tell anyone apart by)
        name = table.name_for(l) or ""
        if _ANY_OF_A_GROUP.match(name) and not _DELIVERY.search(l.role):
            told.setdefault(name, set()).add(" ".join(l.role.split()).casefold())
    apart = {name for name, roles in told.items() if len(roles) >= 2}
    if not apart:
        return labels
    renamed = dict(labels)
    for i, l in labels.items():
        name = table.name_for(l) or ""
        if name in apart and l.role and not _DELIVERY.search(l.role):
            who = f"{name} ({' '.join(l.role.split())})"
            renamed[i] = l.renamed(who)
            table.canonical.setdefault(name_key(display_name(who)), who)
    return renamed


def _accepted_labels(
    lines: list[str],
    candidates: list[tuple[int, Label]],
    plan: qa.QAPlan | None,
    accept_all: bool = False,
) -> tuple[SpeakerTable, dict[int, Label]]:
    """The speaker table and the accepted label of each turn-opening line (Q/A turns included)."""
    cues = [(i, l) for i, l in candidates if l.form == "cue"]
    if cues:
        candidates = [(i, l) for i, l in candidates if l.form != "cue"]
    first_candidate = candidates[0][0] if candidates else len(lines)
    intro = "\n".join(lines[:first_candidate])
    # (the whole text is joined only if decide needs it: a copy of the document per family weighed)
    table, label_lines = decide(candidates, lines, intro)
    if accept_all:
        for _i, label in candidates:
            key = name_key(display_name(label.raw))
            table.canonical.setdefault(key, display_name(label.raw))
        label_lines = {i for i, _ in candidates}
    labels = people_in_parentheses({i: l for i, l in candidates if i in label_lines}, table, lines)
    labels = _told_apart_by_role(labels, table)
    if cues and len(labels) >= 2:
        # a script's production cues between the turns: each a passage of its own, said by no one
        for i, cue in cues:
            table.canonical.pop(name_key(display_name(cue.raw)), None)
            labels[i] = cue
    if plan is not None:
        _add_qa(plan, labels, table)
    return table, labels


def _pick_title(lines: list[str], cover: str | None, label_lines: set[int]) -> str | None:
    if cover:
        return cover
    for i, line in enumerate(lines[:8]):
        if i in label_lines:
            break
        s = line.strip()
        if (
            not s
            or clean.is_chrome_line(s)
            or _TRANSCRIPT_MARKER.match(s)
            or _COURT_HEADER.match(s)
            or _menu(s)
            or _dateline(s)
        ):
            continue
        m = _MD_HEADING.match(s)
        if m:
            return m.group(2).strip("*_ ")
        if _title_like(s) and not _opens_like_the_body(s, lines[i + 1 : i + 8]):
            return s.strip("*_ ")
        break
    return None


def _menu(line: str) -> bool:
    """A site's menu over its page, in any language: four items or more between bars, dots or arrows (three after
    a breadcrumb's arrows), each a word or three ("الرئيسية | أخبار | اقتصاد | ثقافة", "Home › Science ›
    Climate"), none a sentence."""
    items = [i.strip() for i in re.split(r"[ \t]+[|·•›»/>＞][ \t]+", line)]
    # (a breadcrumb, "Home > Culture > Interviews", "ホーム ＞ カルチャー ＞ インタビュー", is one with three)
    least = 3 if re.search(r"[ \t][›»>＞][ \t]", line) else 4
    return len(items) >= least and all(0 < len(i.split()) <= 3 and i[-1] not in ".!?:" for i in items)


def _lead_shape(line: str) -> str:
    token = line.split(maxsplit=1)[0] if line.strip() else ""
    return re.sub(r"\d+", "9", re.sub(r"[^\W\d_]+", "a", token))


def _opens_like_the_body(line: str, following: list[str]) -> bool:
    """A first line that starts like the lines after it ("1 one line", "2 two line") is body, not a title."""
    shape = _lead_shape(line)
    if not shape or shape == "a":
        return False  # lines starting with a word: a title may well do so too
    body = [l for l in following if l.strip()]
    return len(body) >= 2 and sum(1 for l in body if _lead_shape(l) == shape) >= 0.6 * len(body)


#: A title naming one speaker: "Speech by Governor Ada Park at ...", "Remarks by Ben Cho", "Rede von Ada Park",
#: "Discours de Ada Park"; the name runs to "at", "on", "to", a comma, a dash or the end.
_SPEECH_BY = re.compile(
    r"^(?:(?:full )?(?:text|transcript)(?: of)?:?[ \t]+)?(?:(?:the|a|an)[ \t]+)?(?:speech|remarks|address|lecture|keynote(?: address| speech)?|sermon|statement|talk|eulogy|"
    r"commencement address|opening remarks|closing remarks|rede|ansprache|vortrag|discours|allocution|discurso|"
    r"discorso|intervento|toespraak)[ \t]+(?:by|from|von|de|di|van|of)[ \t]+"
    r"(?P<who>[^,:;|–—(\n]{3,60}?)(?=[ \t]+(?:at|on|to|before|for|in|auf|vor|bei|à|au|devant|en|ante|a|al|in|op)\b|"
    r"[ \t]*[,:;|–—(]|[ \t]*$)",
    re.I,
)


def _speech_by(title: str | None) -> str | None:
    """The one person a title says speaks: "Speech by Governor Ada Park at the Bank" -> "Governor Ada Park"; a
    TED talk's "Why soil matters | Maya Chen | TEDxRiverside" -> "Maya Chen".  None where it names no person."""
    if not title:
        return None
    m = _SPEECH_BY.match(title.strip())
    if m is not None:
        who = m.group("who").strip()
        return who if names_a_person(who) and not GENERIC_SPEAKER.match(who) else None
    parts = [part.strip() for part in re.split(r"[ \t]+[|–—][ \t]+", title)]
    if len(parts) == 3 and re.match(r"(?i)ted(?:x\w*|med|global|women|talks?)?\b", parts[2]):
        return parts[1] if is_full_name(parts[1]) and is_name_like(parts[1]) else None
    return None


def _speaker_page_name(raw_lines: list[str], lines: list[str]) -> str | None:
    """The person a speaker page is about: a name on the first line, speaker-page chrome below it."""
    firsts = [l.strip() for l in lines if l.strip()][:1]
    if not firsts:
        return None
    name = firsts[0].strip("#*_ ")
    if not (is_name_like(name) and is_full_name(name) and len(name.split()) <= 4 and not re.search(r"[:.!?,]$", name)):
        return None
    head = [l for l in raw_lines[:8] if l.strip()]
    if not any(_SPEAKER_PAGE_SIGN.search(l) and len(l.split()) <= 5 for l in head[1:]):
        return (
            None  # (the page's chrome is a few words: "Speaker", "12 appearances"; a glossary's "Speaker: ..." is not)
        )
    return name


def _prose_passages(
    lines: list[str], title: str | None, wrapped: bool, split: bool, stripped: list[layout.Stripped] | None = None
) -> list[ParsedPassage]:
    """Paragraph passages without a speaker; chrome, title repeats and "Transcript:" lines dropped (and recorded)."""
    title_key = _title_key(title)
    kept: list[str] = []
    for line in lines:
        s = line.strip()
        if s and (clean.is_chrome_line(s) or _TRANSCRIPT_MARKER.match(s) or _TIME_ONLY.match(s)):
            kept.append("")  # a dropped line still separates what was around it
            if stripped is not None and not _TIME_ONLY.match(s):
                stripped.append(layout.Stripped("page chrome" if clean.is_chrome_line(s) else "transcript marker", s))
            continue
        if s and _is_title(s, title_key):
            kept.append("")  # the document's title, not a passage
            if stripped is not None:
                stripped.append(layout.Stripped("title", s))
            continue
        kept.append(line)
    repeated: list[str] = []
    paras = clean.dedupe_lines(_paragraphs(kept, wrapped), dropped=repeated)
    if stripped is not None:
        stripped.extend(layout.Stripped("repeated paragraph", r) for r in repeated)
    out: list[ParsedPassage] = []
    heading: str | None = None
    used = True
    for i, para in enumerate(paras):
        m = _MD_HEADING.match(para)
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if m or (split and _heading_like(para, nxt) and len(paras) > 2):
            if heading is not None and not used:
                out.append(ParsedPassage(speaker=None, text=heading))  # two headings in a row: keep the first's words
            heading, used = (m.group(2).strip("*_ ") if m else para.strip()) or heading, False
            continue
        pieces = split_long(para) if split else [para]
        for piece in pieces:
            out.append(ParsedPassage(speaker=None, text=piece, heading=heading))
            used = True
    if heading is not None and not used:
        out.append(ParsedPassage(speaker=None, text=heading))  # a heading with nothing after it keeps its words
    return out


#: Roles in a `NAME, ROLE:` label that make NAME the host, interviewer or moderator.
_HOST_ROLE = re.compile(r"\b(?:co-?host|host|interviewer|moderator|anchor|presenter)\b", re.I)


def _hosts(labels: dict[int, Label], table: SpeakerTable, plan: qa.QAPlan | None, speakers: set[str]) -> list[str]:
    """Whom the document itself names as host, interviewer or moderator; never a guess.

    From `STEVE INSKEEP, HOST:` style labels, else from a Q/A interview whose
    questions are all put by one named person ("Interviewer: Jane Doe").
    Generic labels ("Host", "Interviewer") name nobody.
    """
    found: dict[str, None] = {}
    for label in labels.values():
        if label.role and _HOST_ROLE.search(label.role):
            name = table.name_for(label)
            if name and name in speakers and not is_generic(name):
                found[name] = None
    if not found and plan is not None and not plan.numbered and not plan.questions_only:
        askers = {table.name_for(labels[i]) for i in plan.questions if i in labels}
        if len(askers) == 1:
            [asker] = askers
            if asker and asker in speakers and not is_generic(asker):
                found[asker] = None
    return list(found)


#: A dialogue dash opening a line, the mark of another voice: "— La 9.", "– Pareil." (not a hyphen: a list's item).
_VOICE_DASH = re.compile(r"^[—–][ \t]+(?=\S)")


def _turns(
    lines: list[str],
    labels: dict[int, Label],
    offset: int,
    table: SpeakerTable,
    wrapped: bool,
    dropped: list[layout.Stripped],
    headings: bool = False,
    apart: bool = False,
    voices: list[int] | None = None,
) -> list[ParsedPassage]:
    """The passages of the labelled part of a document: each label's words, until the next label.

    A line opened by a dialogue dash ("— La 9.") among labels that have none is another voice, unnamed: a passage
    of no one's, not the words of the turn before; `voices` gets each such line.

    With `headings`, a line in capitals standing between sentences ("MINUTES",
    "ORAL ARGUMENT OF PAUL D. CLEMENT") is a section heading, not the last
    speaker's words: it ends their turn, becomes the heading of the next
    passage, and what follows it without a label is said by no one named
    (a record's procedural text), rather than credited to that speaker.

    With `apart` (the names stand on lines of their own), a short title-cased line
    set apart just over a name ("Road Safety: Young Drivers", a record's subject)
    is the heading of the turn under it, not the words of the turn before.
    """
    passages: list[ParsedPassage] = []
    speaker: str | None = None
    start: float | None = None
    body: list[str] = []
    heading: str | None = None
    #: a time alone on its line after the turn's words: the next turn's, if a label follows at once
    ahead: float | None = None
    #: the labels are a chat's dated messages (see below)
    dated = any(l.time is not None and l.form == "timed" for l in labels.values())
    # (after the last label only: a call lists its participants at its end, never between turns)
    # (the last label naming someone: a closing field's, "Referent: K. Nesheim.", may stand under the list)
    last = max((i for i, l in labels.items() if table.name_for(l)), default=max(labels, default=offset)) - offset
    listed = {last + j for j in _lists_of_participants(lines[last:], table)}
    # (or the labels themselves, with no words under any: "**Ada Park** -- *Chief Financial Officer*", one under
    # another after the last turn)
    unsaid = _closing_list_of_labels(lines, labels, offset)
    if unsaid:
        over = next((k for k in range(min(unsaid) - 1, -1, -1) if lines[k].strip()), None)
        titled = over is not None and lines[over].rstrip(" *_").endswith(":") and len(lines[over].split()) <= 5
        listed.add(over if titled and over is not None else min(unsaid))

    # (only where no label is itself opened by a dash, a caption's ">> ADA:" or a play's "- Ben:"; never a dash after
    # an interjection in parentheses, where a record's speaker takes up their words again, "(Zuruf) – Genau."; and
    # only where the document does it three times at least)
    def after_a_note(j: int) -> bool:
        k = j - 1
        while k >= 0 and not lines[k].strip():
            k -= 1
        return k >= 0 and lines[k].strip()[:1] in "([" and lines[k].strip()[-1:] in ")]"

    dashes = (
        voices is not None
        and not any(l.form == "dash" for l in labels.values())
        and sum(
            1
            for j, line in enumerate(lines)
            if line.lstrip()[:1] in ("—", "–")  # (a cheap look first: most lines open with no dash)
            and j + offset not in labels
            and _VOICE_DASH.match(line.strip())
            and not after_a_note(j)
        )
        >= 3
    )
    voiced = False  # (the last passage is such a voice's)
    listing = False  # (the turn's last line introduced a list, or is one of its dashed items)
    #: the speaker before a minuted decision, who goes on after it only if what follows talks
    paused: str | None = None

    def add(passage: ParsedPassage) -> None:
        nonlocal heading
        passage.heading, heading = heading, None
        passages.append(passage)

    def flush() -> None:
        paras = _paragraphs(body, wrapped)
        if len(paras) > 1:  # (a paragraph alone repeats nothing)
            repeated: list[str] = []
            paras = clean.dedupe_lines(paras, short=False, dropped=repeated)
            dropped.extend(layout.Stripped("repeated paragraph", r) for r in repeated)
        text = "\n".join(p for p in paras if p)
        if not text.strip():
            return
        if text.count(" ") < LONG_TURN_WORDS or len(text.split()) <= LONG_TURN_WORDS:
            add(ParsedPassage(speaker=speaker, text=text, start=start))
            return
        # A turn of thousands of words (a statement read into the record) reads and searches
        # better as paragraphs of the same speaker, cut at sentence ends.
        for k, piece in enumerate(p for para in paras if para for p in split_long(para, PASSAGE_WORDS * 3)):
            add(ParsedPassage(speaker=speaker, text=piece, start=start if k == 0 else None))

    for j, line in enumerate(lines):
        label = labels.get(j + offset) if j not in unsaid else None
        if label is None and j in listed:
            # the call's participants listed after its last turn (an earnings call's): no one's words
            flush()
            body, speaker, start = [], None, None
        if label is None:
            stripped = line.strip()
            if (
                dashes
                and (speaker is not None or voiced)
                and (voice := _VOICE_DASH.match(stripped)) is not None
                and not after_a_note(j)
                and not listing
            ):
                flush()
                body, speaker, start, voiced = [stripped[voice.end() :]], None, None, True
                assert voices is not None
                voices.append(j + offset)
                continue
            if headings and heading is not None and not any(b.strip() for b in body) and heading[-1] not in ".)":
                if _section_heading(stripped, going_on=True) and len(heading) + len(stripped) < 200:
                    heading = f"{heading} {stripped}"  # a heading over two lines, or two in a row
                    continue
            if headings and _section_heading(stripped) and _between_sentences(lines, j, body, labels, offset):
                flush()
                body, speaker, start, heading = [], None, None, stripped
                continue
            if (
                stripped[:1] == "#"
                and (speaker is not None or any(b.strip() for b in body))
                and (md := _MD_HEADING.match(stripped)) is not None
                and len(md.group(2).split()) <= 12
                and md.group(2).strip("*_ ")
                # (not a shell's comment in pasted code, "# install dependencies": headings start with a capital)
                and not md.group(2).strip("*_ ")[:1].islower()
            ):
                # a Markdown heading between the turns ("## Round 2", a blog interview's subhead inside an answer): a
                # section's name, the heading of the passage after it, not words; what follows it without a label
                # is the same speaker's still (a lecturer goes on under the next slide's title)
                flush()
                if heading is not None:
                    passages.append(ParsedPassage(speaker=None, text=heading))  # (two in a row: neither is lost)
                body, start, heading = [], None, md.group(2).strip("*_ ")
                continue
            if apart and any(b.strip() for b in body) and _subject_over_a_name(lines, j, labels, offset):
                # (only after the turn's own words: a turn's only line is its words, "Sure", never a heading)
                flush()
                if heading is not None:
                    passages.append(ParsedPassage(speaker=None, text=heading))  # (two in a row: neither is lost)
                body, speaker, start, heading = [], None, None, stripped
                continue
            if speaker is not None and _a_time_noted(stripped):
                # the transcriber's time in brackets between the turns ("(Deposition concluded: 11:37 a.m.)",
                # "[Fin de la grabación: 10:41:52]"): no one's words, the speaker's own going on after it
                flush()
                body = []
                add(ParsedPassage(speaker=None, text=stripped))
                continue
            if speaker is not None and _editors_note(lines, j, table):
                # an editor's note set apart in brackets, "[Interior view: the cellar, jars in the ground]",
                # "[Editor's note: ...]": no one's words, not the speaker's, who goes on after it
                flush()
                body = []
                add(ParsedPassage(speaker=None, text=stripped))
                continue
            if (
                (speaker is not None or paused is not None)
                and (
                    _decision(lines, j)
                    # (or a motion headed between the turns: "Antrag der Kommission: Zustimmung zum Entwurf")
                    or (":" in stripped and a_motions_head(stripped.partition(":")[0]))
                    # (or the vote's count over it: "Abstimmung: 29 Ja / 3 Nein / 2 Enthaltungen")
                    or (":" in stripped[:30] and _TALLY.search(stripped) is not None and _decision(lines, j + 1))
                )
            ):
                # a decision minuted, "RESOLVED: That ...", "Beschluss: ...": no one's words; what follows it is the
                # speaker's again where it talks ("Is there any discussion?"), else the minutes' own (the next
                # item's heading, "The meeting closed at 8.12 pm.")
                flush()
                add(ParsedPassage(speaker=None, text=stripped))
                # (a decision or a motion after another keeps the speaker who read the first out paused)
                body, paused, speaker, start = [], speaker if speaker is not None else paused, None, None
                continue
            if paused is not None and stripped:
                if grammar.talks([Label(paused, stripped, "plain")]):
                    flush()
                    body, speaker = [], paused
                paused = None
            if speaker is not None and stripped[:1] in ("(", "[") and (said := _interjections(stripped, table)):
                # a record's interjections from the floor, "(Jörg Lenz [CDU/CSU]: Das steht da nicht!)", or a
                # congregation's in a sermon, "[Congregation: Yes!]": their words, not the speaker's, who goes on
                # after them in a passage of their own
                flush()
                body = []
                for who, words, note in said:
                    if words:
                        add(ParsedPassage(speaker=who, text=words))
                    if note:
                        dropped.append(layout.Stripped("note", note))
                continue
            event = STAMP_PREFIX.match(stripped) if stripped[:1].isdigit() or stripped[:1] == "[" else None
            if event is not None and event.group("date") and dated:
                # A chat's dated line that no one sent ("Bob left", "Messages are end-to-end encrypted"):
                # the app's own note, said by no one, not the last message's words.
                flush()
                body, speaker, start = [stripped[event.end() :]], None, stamp_seconds(event)
                continue
            bare = grammar.BARE_TIME.match(stripped)
            if bare is not None:
                # a bare timestamp line marks time, it is not words (a chat's date and time too, over its sender)
                body.append("")
                ahead = stamp_seconds(bare)  # the next label's too, if one follows at once
                if start is None and not any(b.strip() for b in body):
                    start = ahead
                continue
            if clean.is_ui_only_line(stripped):
                body.append("")
                dropped.append(layout.Stripped("page chrome", stripped))
                continue
            body.append(line)
            if stripped:
                ahead = None
                # (a line ending with a colon introduces a list, its items opened by dashes: "We need three things:"
                # then "– money", "– time": the speaker's, not other voices)
                if dashes:
                    listing = stripped.endswith(":") or (listing and _VOICE_DASH.match(stripped) is not None)
            continue
        flush()
        body, voiced, listing = [], False, dashes and label.rest.rstrip().endswith(":")
        speaker, paused = table.name_for(label), None
        start = label.time if label.time is not None else ahead
        ahead = None
        if label.said:
            body.append(label.rest)
    flush()
    if heading is not None:  # (a heading with nothing after it: "END OF RECORDING" keeps its words)
        passages.append(ParsedPassage(speaker=None, text=heading))
    # A turn ends where the next timed turn starts.
    for a, b in itertools.pairwise(passages):
        if a.start is not None and b.start is not None and b.start >= a.start:
            a.end = b.start
    return passages


def _closing_list_of_labels(lines: list[str], labels: dict[int, Label], offset: int) -> set[int]:
    """The last labels of a document where they list the speakers rather than open turns: three or more one under
    another (blank lines aside) with no words under any, after the last turn (an earnings call's participants,
    each name in bold with their role).  Their places among `lines`, or none."""
    places = sorted(i - offset for i in labels if i >= offset)
    run: list[int] = []
    for j in reversed(places):
        if labels[j + offset].said:
            break
        below = run[0] if run else len(lines)
        between = [l for l in lines[j + 1 : below] if l.strip()]
        if run and between:
            break
        if not run and len(between) > 3:
            break  # (the last label's words)
        run.insert(0, j)
    if len(run) < 3 or len(run) == len(places):
        return set()
    return set(run)


def _lists_of_participants(lines: list[str], table: SpeakerTable) -> set[int]:
    """Where lists of the document's own speakers start among the lines: two or more in a row, each with a role
    after a dash ("Ann Oduya -- Keystone -- Analyst"), from the heading over them ("Call participants:")."""
    starts: set[int] = set()
    run: list[int] = []
    for j, line in enumerate([*lines, "."]):
        if not line.strip():
            continue
        if (
            grammar.participant_line(line)
            and (name_key(display_name(grammar.ROLE_DASH.split(line.strip())[0])) in table.canonical)
        ) or _a_key_line(line, table):
            run.append(j)
            continue
        if len(run) >= 2:
            over = next((k for k in range(run[0] - 1, -1, -1) if lines[k].strip()), None)
            heading = over is not None and lines[over].rstrip().endswith(":") and len(lines[over].split()) <= 4
            start = over if heading and over is not None else run[0]
            # (and the rule drawn over them: "----" under the last turn)
            ruled = next((k for k in range(start - 1, -1, -1) if lines[k].strip()), None)
            starts.add(ruled if ruled is not None and _RULED.match(lines[ruled]) else start)
        run = []
    return starts


def _a_key_line(line: str, table: SpeakerTable) -> bool:
    """Whether `line` is a line of the key the document's codes were read by: a code, a dash, and the name it was
    read as ("KN – Kari Nesheim, kunderådgiver"), a speaker's code and name again, not words said."""
    code, _, rest = line.strip().partition(" ")
    if not code or len(code) > 4 or not (who := table.canonical.get(name_key(display_name(code)))) or who == code:
        return False
    rest = rest.lstrip()
    return rest[:1] in ("-", "–", "—", "=") and rest[1:].lstrip().startswith(who)


#: A note, as editors and transcribers head one: NOTE_HEADS, and a translation's own head in more languages.
_A_NOTE = NOTE_HEADS | {"traduction", "übersetzung", "traducción", "tradução"}


def _editors_note(lines: list[str], j: int, table: SpeakerTable) -> bool:
    """Whether line `j` is a note in square brackets, a paragraph of its own, that says what it is before a colon
    ("[Interior view: the cellar]", "[Editor's note: the audio drops here]"): a transcriber's or an editor's.  Not
    where the words before the colon are a speaker's or someone's role ("[Father: You came.]", "[Male voice: ...]"),
    and, unless they say it is a note, not where what follows talks or ends as a sentence does
    ("[Second interviewer: Do you show the leeks?]")."""
    s = lines[j].strip()
    if not (s.startswith("[") and s.endswith("]")) or "]" in s[1:-1] or "[" in s[1:]:
        return False
    label, colon, words = s[1:-1].partition(":")
    if not (
        colon
        and words.strip()
        and 0 < len(label.split()) <= 4
        and label.strip()[:1].isalpha()
        and not any(c.isdigit() for c in label)  # (not a time: "[00:14:30]", "[Reklama 08:19–08:22]")
        and (j == 0 or not lines[j - 1].strip())
        and (j + 1 >= len(lines) or not lines[j + 1].strip())
    ):
        return False
    who = display_name(label.strip())
    if name_key(who) in table.canonical or is_placeholder(name_key(who)) or is_generic(who):
        return False
    if who.casefold() in CLIP_CUES or who.casefold() in PRODUCTION_CUES or "voice" in who.casefold():
        return False  # (a voice, a clip: "[Voice over: ...]", "[Archive clip: ...]", "[Male voice: ...]")
    if any(w.strip(".,'’").casefold() in _A_NOTE for w in label.split()):
        return True  # ("Editor's note", "Poznámka redakcie")
    return not _sentence_end(words) and not grammar.talks([Label(label, words, "plain")])


#: One interjection in a record's parentheses: "Jörg Lenz [CDU/CSU]: Das steht da nicht!", "Abg. Ada Park: Ja!".
_INTERJECTION = re.compile(
    r"^(?:Abg\.[ \t]+)?(?P<name>[^\W\d_][^:\[\]()]{1,60}?)[ \t]*(?P<party>\[[^\[\]]{1,40}\])?[ \t]*:[ \t]+(?P<words>\S.*)$"
)


def _a_time_noted(line: str) -> bool:
    """A line in brackets that notes what happened and when, its words after the colon only a time: "(Recess
    taken: 10:14 a.m.)", "[Fin de la grabación: 10:41:52]"."""
    if line[:1] not in ("(", "[") or line[-1:] not in (")", "]") or ":" not in line or len(line) > 120:
        return False
    what, _, when = line[1:-1].rpartition(": ")
    return bool(what.strip()) and _ONLY_A_TIME.fullmatch(when.strip()) is not None


#: Words that are a time and nothing else: "10:41:52", "14.02 h", "9:04 a.m.".
_ONLY_A_TIME = re.compile(r"\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?(?:[ \t]*(?:h|hrs?|Uhr|[ap]\.?m\.?))?", re.I)


def _interjections(line: str, table: SpeakerTable) -> list[tuple[str | None, str, str]] | None:
    """A line of a record's notes in parentheses holding interjections, as (who, their words, the note) for each
    part between dashes ("(Beifall bei der SPD – Jörg Lenz [CDU/CSU]: Das steht da nicht!)"); None where no part
    is someone's words.  Someone is a member with their party in brackets, one of the document's speakers, a
    person named in full, or nobody named, a voice from a group ("Congregation", "Audience", "A voice")."""
    if line[:1] not in ("(", "[") or not line.endswith({"(": ")", "[": "]"}[line[0]]) or len(line) > 600:
        return None
    parts = re.split(r"[ \t]+[–—][ \t]+", line[1:-1].strip())
    out: list[tuple[str | None, str, str]] = []
    for part in parts:
        m = _INTERJECTION.match(part)
        name = display_name(m.group("name").strip()) if m else ""
        key = name_key(name) if m else ""
        cue = m is not None and (
            name.casefold() in CLIP_CUES
            or name.casefold() in PRODUCTION_CUES
            or name.split()[0].casefold() in ("take", "roll", "cue", "run", "box", "super")
        )  # (a newsroom script's "[TAKE LIVE: TOM / BRIDGE]", "[SOT: RITA DELGADO]": directions, not words)
        if (
            m
            and not cue
            and len(name.split()) <= 6
            and names_a_person(name)
            # (a council's "(Karar No: 2025/47)", "(Stemming amendement A: aangenomen ...)" are its record's notes)
            and _bare_first(name) not in MINUTES_HEADS
            # (nor a decision's or a file's number: "(Karar No: 2025/47)", "(Case No: 12)")
            and name.split()[-1].strip(".").casefold() not in ("no", "nr", "n°", "nº", "núm", "num")
            and not a_motions_head(name)
            # (nor a time, the transcriber's: "[Fin de la grabación: 10:41:52]", "[Recording resumed: 14:02]")
            and not _ONLY_A_TIME.fullmatch(m.group("words").strip())
            # (a name is capitalised where its letters have capitals: "(00:07:55 — vervolg sessie: uitleg ...)" is
            # the transcriber's note)
            and (name[:1].isupper() or uncased(name))
            # (a member with their party, one of the speakers, or someone named in full: "Poseł Tomasz Kalinowski")
            and (m.group("party") or key in table.canonical or (len(name.split()) >= 2 and is_full_name(name)))
        ):
            if key not in table.canonical and len(name.split()) >= 2:
                # (a speaker named with more words before the same two: "Poseł Sprawozdawca Tomasz Kalinowski")
                tail = " ".join(name.split()[-2:])
                known = {v for v in table.canonical.values() if v.endswith(" " + tail) or v == tail}
                if len(known) == 1:
                    name = known.pop()
            out.append((table.canonical.get(key, name), m.group("words").strip(), ""))
        elif m and not cue and len(name.split()) <= 6 and is_placeholder(key) and not qa.question_or_answer(name):
            out.append((name, m.group("words").strip(), ""))
        else:
            out.append((None, "", part))
    return out if any(who for who, _, _ in out) else None


def _subject_over_a_name(lines: list[str], j: int, labels: dict[int, Label], offset: int) -> bool:
    """Whether line `j` is a subject's heading set apart over a name on its own line: a paragraph of its own,
    two to eight words, most capitalised, ending in no punctuation ("Road Safety: Young Drivers")."""
    s = lines[j].strip()
    if (j > 0 and lines[j - 1].strip()) or not s or s[-1] in ".?!,;:-—–\"'”’)]" or not s[0].isupper():
        return False
    below = j + 2 if j + 1 < len(lines) and not lines[j + 1].strip() else j + 1
    if below + offset not in labels:
        return False
    words = [w for w in s.split() if sum(c.isalpha() for c in w) >= 2]
    # (two words or more: "Great", "Sure" alone are replies)
    return 2 <= len(s.split()) <= 8 and len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _section_heading(line: str, *, going_on: bool = False) -> bool:
    """A line in capitals, a few words long, ending in no punctuation: "MINUTES", "ORAL ARGUMENT OF PAUL D. CLEMENT"
    (`going_on`: the next line of one, which may end in a full stop: "ON BEHALF OF THE RESPONDENTS, ET AL.")."""
    if not 4 <= len(line) <= 100 or line[0] in "[(<{" or line[-1] in "!?…,;:-—–\"'”’]}":
        return False
    if line[-1] in ".)" and not going_on:
        return False
    letters = sum(1 for c in line if c.isalpha())
    return letters >= 4 and line.upper() == line and any(c.isupper() for c in line) and len(line.split()) <= 14


#: Headings a document's turns must stand between before lines in capitals are read as headings at all.
MIN_SECTION_HEADINGS = 2
#: ...and the most of its lines that may be in capitals (closed captions and some broadcast transcripts are
#: all in capitals: their lines are speech).
MAX_CAPITAL_LINES = 0.2


def _has_section_headings(lines: list[str], labels: dict[int, Label], offset: int) -> bool:
    """Whether the labelled part of a document is one with section headings in capitals between its turns.

    A record (minutes, a hearing, an argument) has several, in a text written
    in small letters; one line in capitals in a conversation is more likely
    a sign read out or a cue, and a text in capitals has no headings to tell.
    """
    found = 0
    before = ""  # (the last line with words)
    for j, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if (
            j + offset not in labels
            and _section_heading(stripped)
            and _between_sentences(lines, j, [before], labels, offset)
        ):
            found += 1
        before = stripped
    if found < MIN_SECTION_HEADINGS:
        return False  # (most documents: the lines in capitals are not counted at all)
    body = [line.strip() for line in lines if line.strip()]
    capitals = sum(1 for line in body if line.upper() == line and any(c.isalpha() for c in line))
    return capitals <= MAX_CAPITAL_LINES * len(body)


def _between_sentences(lines: list[str], j: int, body: list[str], labels: dict[int, Label], offset: int) -> bool:
    """Whether line `j` stands between a finished sentence (or no words yet) and a new one or a label."""
    before = next((b.strip() for b in reversed(body) if b.strip()), "")
    if before and before[-1] not in layout.SPEECH_ENDS:
        return False  # mid-sentence: capitals inside a sentence ("... said NATO AND THE UN")
    for k in range(j + 1, len(lines)):
        after = lines[k].strip()
        if after:
            return k + offset in labels or after[:1].isupper() or after[:1].isdigit()
    return False


def _add_qa(plan: qa.QAPlan, labels: dict[int, Label], table: SpeakerTable) -> None:
    """Add the Q/A turns to the accepted labels; a Q/A name another label also gives is one speaker."""
    for i, label in plan.labels.items():
        labels[i] = label
        if not label.raw:
            continue  # a procedural line ("EXAMINATION BY MR. SMITH:"): said by no one
        key = name_key(display_name(label.raw))
        table.canonical.setdefault(key, label.raw)
    for name, aliases in plan.aliases.items():
        for alias in aliases:
            table.add_alias(table.canonical.get(name_key(display_name(name)), name), alias)


def _add_self_aliases(passages: list[ParsedPassage], table: SpeakerTable) -> None:
    said: dict[str, list[str]] = {}
    for p in passages:
        if p.speaker:
            said.setdefault(p.speaker, []).append(p.text)
    for name, texts in said.items():
        for other in self_introductions(name, "\n".join(texts[:3])):
            table.add_alias(name, other)
