"""Citation metadata guessed from a document: title, kind, date and URL."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from pathlib import Path

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
_MONTH_RE = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
    re.compile(rf"\b{_MONTH_RE}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{{2}})\b", re.I),
    re.compile(
        rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}\s*,?\s+(?P<year>(?:19|20)\d{{2}})\b", re.I
    ),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})年(?P<mnum>1[0-2]|0?[1-9])月(?P<day>[0-3]?\d)日"),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})/(?P<mnum>0[1-9]|1[0-2])/(?P<day>0[1-9]|[12]\d|3[01])\b"),
)
#: What every one of _DATE_PATTERNS holds.
_YEAR = re.compile(r"(?:19|20)\d{2}")
_URL = re.compile(r"https?://[^\s<>\"'）)\]]+[^\s<>\"'）).,;:!?\]]")
_HASHY = re.compile(r"^(?:\d+[_-])?[0-9a-f]{8,}$", re.I)


def find_date(text: str) -> str | None:
    """The first full date in `text` as YYYY-MM-DD ("December 17th, 2025" -> "2025-12-17")."""
    best: tuple[int, str] | None = None
    if not _YEAR.search(text):
        return None  # (every pattern has a year: one quick look spares five slow ones)
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        groups = m.groupdict()
        month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS.get(_month_name(groups["month"]), 0)
        day = int(groups["day"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        value = f"{int(groups['year']):04d}-{month:02d}-{day:02d}"
        if best is None or m.start() < best[0]:
            best = (m.start(), value)
    return best[1] if best else None


def _month_name(short: str) -> str:
    short = short.casefold().rstrip(".")
    return next((name for name in _MONTHS if name.startswith(short[:3])), short)


#: A line that gives the document's own address: only a URL, or a URL labelled as the source
#: ("Source: …", "URL: <…>", "Retrieved from …"), markdown emphasis and quoting around it allowed.
_SOURCE_LINE = re.compile(
    r"^[\s*_>#|-]*(?:(?:source|url|link|permalink|canonical(?:\s+url)?|original(?:ly\s+published)?(?:\s+(?:at|on))?|"
    r"retrieved\s+from|available\s+(?:at|from)|transcript(?:\s+from)?|from)[\s*_]*[:：]?[\s*_]*)?"
    r"[<(]?(?P<url>" + _URL.pattern + r")[>)]?[\s*_]*$",
    re.IGNORECASE,
)


def find_source_url(lines: Iterable[str], limit: int = 12) -> str | None:
    """The URL a document gives as its own, from its first `limit` non-blank header lines.

    Only a line that is a URL alone or a labelled source counts: a URL anywhere in what people
    say (a link, `[link=…]` markup) is their words, never the document's address.
    """
    shown = (line for line in lines if line and not line.isspace())
    for line in itertools.islice(shown, limit):
        if len(line) > 2000:
            continue  # (words, not an address; and no copy of a one-line book is made to find out)
        m = _SOURCE_LINE.match(line.strip())
        if m:
            return m.group("url")
    return None


def readable_file_title(path: Path) -> str | None:
    """ "debate-2020-part2.txt" -> "Debate 2020 part2"; hash-like names give None."""
    stem = path.stem
    if _HASHY.match(stem):
        return None
    words = re.sub(r"[_\-.]+", " ", stem).strip()
    if not words:
        return None
    return words[0].upper() + words[1:]


#: A page <title> that names the program that made the page, not the document.
_GENERATED_TITLE = re.compile(
    r"^(?:created|generated|converted|produced|exported)\s+(?:by|with|using)\b|\bconverter\b|^microsoft word\s*-|"
    r"^untitled(?:\s+document)?$|^document\d*$|^new page$",
    re.I,
)


def page_title(title: str | None) -> str | None:
    """An HTML page title fit to name the document: the converter's own name and stray dashes removed."""
    if not title:
        return None
    title = title.strip(" \t-–—|:·")
    if not title or _GENERATED_TITLE.search(title):
        return None
    return title


def first_words(text: str, n: int = 8) -> str:
    words = text.split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


#: Words that name a document's kind: (words one of which any match holds, the pattern), so that the pattern
#: is only tried on text that holds one of them (scanning a head with each pattern cost half a millisecond).
_PODCAST = (("podcast", "ポッドキャスト", "播客", "episode"), re.compile(r"podcast|ポッドキャスト|播客|\bepisode\b"))
_DEBATE = (("debate",), re.compile(r"\bdebates?\b"))
_HEARING = (
    ("hearing", "testimony", "testif", "committee", "deposition"),
    re.compile(r"\bhearings?\b|\btestimony\b|\btestif(y|ied)\b|\bcommittee\b|\bdeposition\b"),
)
# Court and legislative records: arguments, proceedings, parliaments and councils.
_RECORD = (
    (
        "court",
        "oral argument",
        "proceedings",
        "congressional record",
        "hansard",
        "parliament",
        "senate",
        "house of",
        "council",
        "legislat",
        # other languages' parliaments and their verbatim records
        "bundestag",
        "landtag",
        "nationalrat",
        "plenarprotokoll",
        "stenografisch",
        "assemblée nationale",
        "sénat",
        "camera dei deputati",
        "senato",
        "resoconto stenografico",
        "cámara de diputados",
        "senado",
        "diario de sesiones",
        "câmara dos deputados",
        "tweede kamer",
        "riksdag",
        "folketing",
        "storting",
        "sejm",
        "tutanak",
        "государственная дума",
        "国会",
        "議会",
        "会議録",
    ),
    re.compile(
        r"\bcourt\b|oral argument|\bproceedings\b|congressional record|\bhansard\b|\bparliament|"
        r"\bsenate\b|house of (?:representatives|commons|assembly)|\bcouncil\b|\blegislat|"
        r"bundestag|landtag|\bnationalrat|plenarprotokoll|stenografisch|assemblée nationale|\bsénat\b|"
        r"camera dei deputati|\bsenato\b|resoconto stenografico|cámara de diputados|\bsenado\b|diario de sesiones|"
        r"câmara dos deputados|tweede kamer|\briksdag|\bfolketing|\bstorting|\bsejm|"
        r"\btutanak|государственная дума|国会|議会|会議録"
    ),
)
_PANEL = (("panel",), re.compile(r"\bpanel(ists?)?\b"))


def _says(context: str, kind: tuple[tuple[str, ...], re.Pattern[str]]) -> bool:
    words, pattern = kind
    return any(word in context for word in words) and pattern.search(context) is not None


def guess_kind(
    *, fmt: str, speakers: list[str], title: str, head: str, file_name: str, speaker_page: bool, dialogue: bool
) -> str:
    """One of corpus.models.KINDS, from what the document says about itself."""
    if speaker_page:
        return "speaker page"
    context = f"{title}\n{file_name}\n{head}".casefold()
    people = [s for s in speakers if not re.match(r"(?i)unknown", s)]
    podcast = _says(context, _PODCAST)
    if not dialogue:
        if fmt in {"vtt", "srt", "sbv", "ass", "json"}:
            return "podcast" if podcast else "subtitles"
        return "podcast" if podcast else "article"
    if _says(context, _DEBATE):
        return "debate"
    if _says(context, _HEARING) or _says(context, _RECORD):
        return "hearing"
    if _says(context, _PANEL):
        return "panel"
    if podcast:
        return "podcast"
    if len(people) >= 5:
        return "panel"
    if len(people) <= 1:
        return "talk"
    return "interview"
