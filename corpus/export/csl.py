"""Documents as CSL-JSON items: the citation model every other format builds on.

One item per document and speaker quoted (`speaker_item`): a speaker is the
author of their own words, so two panellists quoted from one panel are two
items, each cited by its own speaker's name, with its own key
(`citation_key`).  Nothing is invented: a document with no date has no
`issued`, one with no URL has no `URL`.

Kind to CSL type (`csl_type`):

- panel, talk, debate -> `speech`; interview -> `interview`; podcast ->
  `broadcast`; hearing -> `hearing`.
- article -> `post` when its URL is a blog's (a blog host such as
  substack.com, medium.com, wordpress.com, blogspot.com, ghost.io, a host
  beginning with `blog.`, or a `/blog/` path), otherwise `webpage`.  A newspaper
  cannot be told from a URL reliably, so `article-newspaper` is used only when
  the user sets that kind (`sayso doc edit DOC --kind article-newspaper`).
- subtitles -> `speech` when an event is known (a recorded talk), otherwise
  `motion_picture` (a video).
- speaker page -> `webpage`.
- A kind that already is a CSL type (the user set it) is kept as is; anything
  else unknown becomes `document`.

Publisher or programme (`Document.publisher`): for broadcasts, web pages,
posts and newspaper articles it names the programme, site or paper, so it goes
into `container-title`; for a hearing it is the committee (`authority`); for
everything else it is the `publisher`.  `place`
is the `event-place` when the item is an event (speech, hearing, or any item
with an event), otherwise the `publisher-place`.

Host (`Document.host`: whoever hosts, interviews or moderates) is the
`interviewer` of an interview and the `host` of a broadcast (both CSL 1.0.2
name variables).  CSL has no moderator role, so for other types (a panel's
moderator) it is not exported rather than put in a field that means something
else.  Several people are separated by `;` ("Marcus Lee; Priya Raman").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from datetime import date as _date
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sayso.corpus.identity import is_placeholder
from sayso.corpus.models import Document

#: Every item type CSL 1.0.2 defines (the csl-data schema's enum).
CSL_TYPES = frozenset(
    [
        "article",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "bill",
        "book",
        "broadcast",
        "chapter",
        "classic",
        "collection",
        "dataset",
        "document",
        "entry",
        "entry-dictionary",
        "entry-encyclopedia",
        "event",
        "figure",
        "graphic",
        "hearing",
        "interview",
        "legal_case",
        "legislation",
        "manuscript",
        "map",
        "motion_picture",
        "musical_score",
        "pamphlet",
        "paper-conference",
        "patent",
        "performance",
        "periodical",
        "personal_communication",
        "post",
        "post-weblog",
        "regulation",
        "report",
        "review",
        "review-book",
        "software",
        "song",
        "speech",
        "standard",
        "thesis",
        "treaty",
        "webpage",
    ]
)

_KIND_TO_TYPE = {
    "panel": "speech",
    "talk": "speech",
    "debate": "speech",
    "interview": "interview",
    "podcast": "broadcast",
    "hearing": "hearing",
    "speaker page": "webpage",
}

#: Types whose `publisher` field names a programme, site or periodical (container-title).
_CONTAINER_TYPES = frozenset({"broadcast", "webpage", "post", "post-weblog", "article-newspaper", "article-magazine"})
#: Types that are events: their place is where the event happened.
_EVENT_TYPES = frozenset({"speech", "hearing", "event", "performance", "paper-conference"})

_BLOG_HOSTS = ("substack.com", "medium.com", "wordpress.com", "blogspot.com", "ghost.io", "tumblr.com", "typepad.com")


def is_blog_url(url: str | None) -> bool:
    """Whether `url` looks like a blog post's address (see the module docstring)."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    host = (parts.hostname or "").casefold()
    if host.startswith("blog.") or any(host == h or host.endswith("." + h) for h in _BLOG_HOSTS):
        return True
    return "/blog/" in parts.path.casefold() or parts.path.casefold().startswith("/blog")


def csl_type(doc: Document) -> str:
    """The CSL item type for a document's kind (see the module docstring)."""
    kind = (doc.kind or "").strip().casefold()
    if kind in _KIND_TO_TYPE:
        return _KIND_TO_TYPE[kind]
    if kind == "article":
        return "post" if is_blog_url(doc.url) else "webpage"
    if kind == "subtitles":
        return "speech" if doc.event else "motion_picture"
    if kind in CSL_TYPES:
        return kind
    return "document"


# -- names -------------------------------------------------------------------

_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "du",
        "da",
        "das",
        "dos",
        "di",
        "del",
        "della",
        "la",
        "le",
        "ter",
        "ten",
        "zu",
        "af",
        "al",
        "bin",
        "ibn",
    ]
)
_SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "phd", "ph.d.", "md", "m.d."])
#: The titles citation keys were first made with: keys are kept as they were (`_key_surname`), whatever
#: `parse_name` learns since, so that a manuscript citing one still finds it.
_KEY_TITLES = frozenset(
    [
        "dr",
        "dr.",
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "mx",
        "mx.",
        "prof",
        "prof.",
        "professor",
        "sir",
        "dame",
        "sen",
        "sen.",
        "senator",
        "rep",
        "rep.",
        "representative",
        "hon",
        "hon.",
        "gov",
        "gov.",
        "governor",
        "president",
        "judge",
        "justice",
    ]
)
#: Titles before a name: left out of a citation's name ("Justice Sotomayor" is cited as Sotomayor).
_HONORIFICS = _KEY_TITLES | frozenset(
    [
        "vice",
        "chief",
        "general",
        "gen",
        "gen.",
        "attorney",
        "secretary",
        "ambassador",
        "minister",
        "commissioner",
        "mayor",
        "councillor",
        "councilor",
        "councilman",
        "councilwoman",
        "alderman",
        "cdr",
        "cdr.",
        "col",
        "col.",
        "capt",
        "capt.",
        "maj",
        "maj.",
        "lt",
        "lt.",
        "adm",
        "adm.",
        "sgt",
        "sgt.",
        "rev",
        "rev.",
        "reverend",
        "rabbi",
        "bishop",
        "father",
    ]
)
#: Words that mark a role, a placeholder or an organisation rather than a person's name.
_NOT_A_PERSON = frozenset(
    [
        "unknown",
        "speaker",
        "speakers",
        "moderator",
        "host",
        "co-host",
        "cohost",
        "interviewer",
        "interviewee",
        "audience",
        "narrator",
        "participant",
        "panelist",
        "panellist",
        "chair",
        "chairman",
        "chairwoman",
        "clerk",
        "announcer",
        "voice",
        "reporter",
        "caller",
        "guest",
        "member",
        "members",
        "question",
        "answer",
        "crowd",
        "everyone",
        "multiple",
        "all",
        "various",
        "inc",
        "inc.",
        "ltd",
        "ltd.",
        "llc",
        "corp",
        "corp.",
        "company",
        "corporation",
        "group",
        "foundation",
        "institute",
        "university",
        "college",
        "committee",
        "council",
        "association",
        "agency",
        "department",
        "ministry",
        "commission",
        "government",
        "office",
        "news",
        "times",
        "network",
        "media",
        "press",
        "lab",
        "labs",
        "team",
        "club",
        "society",
        "union",
        "party",
        "bank",
        "plc",
        "gmbh",
        "the",
    ]
)


#: A surname standing alone after a title: capitalised letters, with hyphens or apostrophes inside.
_SURNAME = re.compile(r"[^\W\d_](?:[^\W\d_]|['\u2019-](?=[^\W\d_]))*")


def parse_name(name: str) -> dict[str, str]:
    """A speaker's name as a CSL name: family/given where it splits cleanly, else `literal`.

    "Yann LeCun" -> family LeCun, given Yann; "LeCun, Yann" likewise;
    "Ludwig van Beethoven" keeps "van" as a non-dropping particle; "Martin
    Luther King Jr." keeps "Jr." as a suffix; honorifics ("Dr.", "Senator") are
    left out of a split name.  Placeholders, roles, organisations and single
    words ("Unknown Speaker", "SPEAKER_01", "Meta", "OpenAI Inc.") stay whole.
    """
    clean = " ".join(name.split())
    if not clean:
        return {"literal": name}
    if "," in clean:
        family, _, given = clean.partition(",")
        family, given = family.strip(), given.strip()
        given, _, maybe_suffix = given.partition(",")
        given, maybe_suffix = given.strip(), maybe_suffix.strip()
        if family and given and not _is_placeholder(clean) and given.casefold() not in _SUFFIXES:
            split = {"family": family, "given": given}
            if maybe_suffix:
                split["suffix"] = maybe_suffix
            return split
    if len(clean.split()) < 2 or _is_placeholder(clean):
        return {"literal": clean}
    words = clean.split(" ")
    suffix = ""
    while len(words) > 2 and words[-1].casefold().rstrip(",") in _SUFFIXES:
        suffix = (words.pop().rstrip(",") + (" " + suffix if suffix else "")).strip()
    titled = False
    while len(words) > 1 and words[0].casefold() in _HONORIFICS:
        words.pop(0)
        titled = True
    while titled and len(words) > 2 and words[0] == "of":
        words = words[2:]  # "Secretary of State Blinken": the office's "of State" is part of the title
    if titled and "of" in words[1:]:
        words = words[: words.index("of", 1)]  # "Mr. King of Iowa": the Record tells members apart by their state
    if titled and len(words) >= 2 and words[0][:1].islower() and words[0].casefold() in _PARTICLES:
        k = 0
        while k < len(words) - 1 and words[k][:1].islower() and words[k].casefold() in _PARTICLES:
            k += 1
        found = {"family": " ".join(words[k:]), "non-dropping-particle": " ".join(words[:k])}  # "Dr. van Helsing"
        return {**found, **({"suffix": suffix} if suffix else {})}
    if len(words) == 1 and titled and _SURNAME.fullmatch(words[0]) and words[0].casefold() not in _HONORIFICS:
        # "Justice Sotomayor", "Mr. Lessig": hearings name people by title and surname; the title is not a name
        return {"family": words[0], **({"suffix": suffix} if suffix else {})}
    if len(words) < 2 or (words[0].casefold() in _HONORIFICS):
        return {"literal": clean}
    given_words: list[str] = []
    i = 0
    # The given name runs up to the first particle after it ("Robert De Niro") or the last word.
    while i < len(words) - 1 and not (i >= 1 and words[i].casefold() in _PARTICLES):
        given_words.append(words[i])
        i += 1
    particle_words: list[str] = []
    while i < len(words) - 1 and words[i].casefold() in _PARTICLES and words[i][:1].islower():
        particle_words.append(words[i])
        i += 1
    family_words = words[i:]
    if not given_words:
        return {"literal": clean}
    result = {"family": " ".join(family_words), "given": " ".join(given_words)}
    if particle_words:
        result["non-dropping-particle"] = " ".join(particle_words)
    if suffix:
        result["suffix"] = suffix
    return result


def titled_surname(name: str) -> str | None:
    """The surname of a name that is only a title and a surname ("Senator Kennedy", "Mr. Nixon", "Dr. van
    Helsing"): "Kennedy"; None for any other name.  Transcripts of hearings and debates name people this way."""
    words = " ".join(name.split()).split(" ")
    titles = 0
    while titles < len(words) - 1 and words[titles].casefold() in _HONORIFICS:
        titles += 1
    rest = words[titles:]
    if not titles or not rest or len(rest) > 2 or _is_placeholder(" ".join(rest)):
        return None
    if len(rest) == 2 and rest[0].casefold() not in _PARTICLES:
        return None  # "Senator John Kennedy" splits as a full name (parse_name)
    return " ".join(rest)


def _is_placeholder(text: str) -> bool:
    """Whether a name is a role, placeholder or organisation rather than a person's name."""
    words = text.replace(",", " ").split()
    if any(ch.isdigit() for ch in text) or any(ch in text for ch in "_@/&()[]"):
        return True
    folded = [w.casefold().strip(".,") for w in words]
    return any(w in _NOT_A_PERSON or w + "." in _NOT_A_PERSON for w in folded)


# -- dates -------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")
_TEXT_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %Y", "%b %Y", "%Y/%m/%d", "%d.%m.%Y")


def date_parts(value: str | None) -> list[int] | None:
    """[year, month?, day?] for an ISO-like or common written date, or None when it cannot be read."""
    if not value:
        return None
    text = value.strip()
    m = _ISO.match(text)
    if m:
        parts = [int(p) for p in m.groups() if p is not None]
        try:
            if len(parts) == 3:
                _date(*parts)
            elif len(parts) == 2 and not 1 <= parts[1] <= 12:
                return None
        except ValueError:
            return None
        return parts
    for fmt in _TEXT_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return [parsed.year, parsed.month] if "%d" not in fmt else [parsed.year, parsed.month, parsed.day]
    return None


def csl_date(value: str | None) -> dict[str, Any] | None:
    """A CSL date: date-parts when readable, else the user's text as `literal`; None when there is no date."""
    if not value or not value.strip():
        return None
    parts = date_parts(value)
    if parts is not None:
        return {"date-parts": [parts]}
    return {"literal": value.strip()}


# -- items -------------------------------------------------------------------


def citation_key(doc: Document, speaker: str | None = None) -> str:
    """The item id / citation key, usable as a pandoc `[@key]` and a BibTeX key.

    A document's: `sayso-` and its id.  A speaker's words in it
    (`speaker_item`): that and the speaker's surname, `sayso-panel01-lecun`;
    their full name where another of the document's speakers (or hosts) has
    the same surname (`sayso-radio1-ray-magliozzi`).  Keys depend only on the
    document and the speaker, never on which quotes are exported.
    """
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", doc.id).lower()
    base = f"sayso-{safe}"
    if not speaker or not speaker.strip():
        return base
    surname = _surname_slug(speaker)
    others = {_name_key(n) for n in [*doc.speakers, *host_names(doc.host)] if n and n.strip()} - {_name_key(speaker)}
    if any(_surname_slug(other) == surname for other in others):
        return f"{base}-{_slug(speaker)}"
    return f"{base}-{surname}"


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _slug(text: str) -> str:
    """ASCII letters and digits joined by hyphens; a short hash for a name with none (one in Chinese script)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.casefold()).strip("-")
    return slug or "s" + hashlib.sha1(_name_key(text).encode("utf-8")).hexdigest()[:8]


#: The words that named no person when citation keys were first made (see `_KEY_TITLES`).
_KEY_NOT_A_PERSON = _NOT_A_PERSON - {"clerk"}


def _key_surname(name: str) -> str:
    """The part of a speaker's name their citation key is made of, as sayso first made keys: the surname where
    the name split into given and family names then, else the whole name."""
    clean = " ".join(name.split())
    words = clean.replace(",", " ").split()
    if (
        any(ch.isdigit() for ch in clean)
        or any(ch in clean for ch in "_@/&()[]")
        or any(
            w.casefold().strip(".,") in _KEY_NOT_A_PERSON or w.casefold().strip(".,") + "." in _KEY_NOT_A_PERSON
            for w in words
        )
    ):
        return clean
    if "," in clean:
        family, _, given = clean.partition(",")
        given = given.partition(",")[0].strip()
        if family.strip() and given and given.casefold() not in _SUFFIXES:
            return family.strip()
    words = clean.split(" ")
    if len(words) < 2:
        return clean
    while len(words) > 2 and words[-1].casefold().rstrip(",") in _SUFFIXES:
        words.pop()
    while len(words) > 2 and words[0].casefold() in _KEY_TITLES:
        words.pop(0)
    if len(words) < 2 or words[0].casefold() in _KEY_TITLES:
        return clean
    i = 1
    while i < len(words) - 1 and words[i].casefold() not in _PARTICLES:
        i += 1
    return " ".join(words[i:])  # (from the first particle after the given name, else the last word)


def _surname_slug(name: str) -> str:
    return _slug(_key_surname(name))


def speaker_item(doc: Document, speaker: str | None) -> dict[str, Any]:
    """The CSL-JSON item for `speaker`'s words in `doc`: the document with them as its one author.

    A quote is cited to the person who said it: each (document, speaker) is
    its own item with its own key (`citation_key`), so two panellists quoted
    from one panel are cited each by their own name.  No speaker: the
    document's own item, with no author.  A host quoted in their own
    interview or podcast is its author, and not also its interviewer or host.
    """
    name = speaker if speaker and speaker.strip() else None
    item = document_item(doc, [name] if name else [])
    item["id"] = citation_key(doc, name)
    role = HOST_ROLES.get(item["type"])
    if name and role in item and _name_key(name) in {_name_key(h) for h in host_names(doc.host)}:
        del item[role]
    return item


def document_item(doc: Document, authors: Iterable[str] = ()) -> dict[str, Any]:
    """The CSL-JSON item for `doc`, with `authors` (speaker names, in order) as its authors."""
    item_type = csl_type(doc)
    item: dict[str, Any] = {"id": citation_key(doc), "type": item_type}
    names = [_cited_name(a) for a in dict.fromkeys(a for a in authors if a and a.strip())]
    if names:
        item["author"] = names
    if doc.title and doc.title.strip():
        item["title"] = doc.title.strip()
    issued = csl_date(doc.date)
    if issued:
        item["issued"] = issued
    if doc.publisher:
        if item_type == "hearing":
            item["authority"] = doc.publisher
        else:
            item["container-title" if item_type in _CONTAINER_TYPES else "publisher"] = doc.publisher
    if doc.event:
        item["event"] = doc.event
    if doc.place:
        event_like = item_type in _EVENT_TYPES or bool(doc.event)
        item["event-place" if event_like else "publisher-place"] = doc.place
    if doc.url:
        item["URL"] = doc.url.strip()
    role = HOST_ROLES.get(item_type)
    hosts = host_names(doc.host)
    if role and hosts:
        item[role] = [_cited_name(h) for h in hosts]
    return item


def _cited_name(name: str) -> dict[str, str]:
    """A name as a citation gives it: `parse_name`'s, but whole (`literal`) in a script without capitals
    (Arabic, Hebrew, Chinese, Thai...), which has no initials to shorten a given name to: APA's "(S. Alhaddad, ...)"
    is no form of "سلمى الحداد" (citation processors printed ". سلمى . الحداد")."""
    if any(c.isalpha() for c in name) and not any(c.isupper() or c.islower() for c in name):
        return {"literal": " ".join(name.split())}
    return parse_name(name)


#: The CSL name variable a document's host goes into, by item type (see the module docstring).
HOST_ROLES = {"interview": "interviewer", "broadcast": "host"}


def host_role(doc: Document) -> str | None:
    """`interviewer` or `host`: where `doc.host` goes in its CSL item, or None when its type has no such role."""
    return HOST_ROLES.get(csl_type(doc))


def host_names(value: str | None) -> list[str]:
    """The people in a host field, separated by `;` (" and " is left alone: "Tom and Ray Magliozzi")."""
    if not value or not value.strip():
        return []
    people = []
    for part in value.split(";"):
        part = " ".join(part.split())
        if part and part not in people:
            people.append(part)
    return people


def cited_speaker(doc: Document) -> str | None:
    """The speaker a document's citation names as author when no quote says whose words they are.

    The first speaker with a name (not a role label such as "Interviewer"),
    the host only when no one else has one; None when no speaker is named.
    """
    named = [s for s in doc.speakers if s and s.strip() and not is_placeholder(s)]
    hosts = {h.casefold() for h in host_names(doc.host)}
    return next((s for s in named if s.casefold() not in hosts), named[0] if named else None)
