"""Which labelling convention a document uses, worked out from the document itself.

Real transcripts come in endless variants of a few shapes.  Instead of trying
a catalogue of known conventions one after another, each *shape family* below
proposes candidate labels on every line, the candidates of each family are
weighed against the whole document (see `speakers.decide`: recurrence, name
shape, what the document says about its people), and the family that explains
the most turns with the fewest one-off labels wins.  The winner is recorded as
a `Convention` with a human description and a confidence, and a document that
looks labelled but that no family explains gets a warning instead of a guess.

The families:

- ``inline``: `Name: text`, `**Name:** text`, `Name (00:01): text`, `[00:01] Name: text`,
  `Name  0:03` (Otter) and `Mr. NAME. text` in capitals;
- ``record``: the label ends with a full stop, or a stop and a dash or colon, as in
  legislative and hearing records: `The Chairman. text`, `Mr. McCONNELL. text`,
  `HON. S.S. KIRPAL.- text`, `The PRESIDING OFFICER (Mr. Sununu). text`;
- ``bracket``: `[Name] text`, `[Speaker 1] [00:00] text`, `[00:01:02] [Name] text`;
- ``separated``: a name, then a dash, a tab or a bar, then the words (`Name — text`, `NAME<tab>text`),
  or a chat log's `<nick> text`; one mark throughout the document, and only where labels open most of it;
- ``alone``: the label alone on its line (`Name`, `NAME (V.O.)`, `Name (00:01:02)`,
  `Speaker 1  0:03`) after a break, with the words on the lines below.

A user can also state the convention (`pattern`, see `compile_pattern`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from sayso.corpus.importers.names import (
    AMPM,
    BLOOMBERG_NAME,
    DATE,
    ELIDED_NAME,
    GENERIC_SPEAKER,
    NOT_NAMES,
    STAMP_PREFIX,
    TIME_RE,
    TITLES,
    Label,
    given_first,
    holder_of_office,
    in_capitals,
    is_initials,
    is_name_like,
    is_office,
    is_stage_direction,
    match_label,
    name_after_tag,
    names_a_firm,
    names_a_meeting_room,
    names_a_person,
    office_before_person,
    parse_time,
    person_in_office,
    split_role,
    stamp_seconds,
    uncased,
    unnamed_voice,
)
from sayso.corpus.sentences import split_sentences

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"

# -- record style ------------------------------------------------------------------

_STRONG_END = re.compile(r"(?:\.-|\.–|\.—|\.:|:-|\.\s*-)$")
_INITIALS_TOKEN = re.compile(r"^(?:[A-Z]\.){1,3}$")
_ROLE_PAREN = re.compile(
    r"^(?P<name>The\s+(?:[A-Z][\w'’-]*\s+){0,3}?[A-Z][\w'’-]*(?:\s+pro\s+tempore)?)\s*\((?P<who>[^()]{2,50})\)"
    r"\s*(?:\.-|\.—|\.:|\.|:)\s+(?P<rest>\S.*)$"
)


#: Words taken up again after an interruption, as French records print them: "M. Étienne Morel, ministre. …et les
#: boulangers ont bénéficié..." (an ellipsis, then the word; not dot leaders).
_RESUMED = re.compile(r"^(?:…|\.\.\.)[^\W\d_]")


def _bare(token: str) -> str:
    return token.strip(".,:;-–—()'’\"").casefold()


def titled(name: str) -> bool:
    """Whether a label opens with a title or "The" ("Mr. Smith", "HON. S.S. KIRPAL", "The Chairman")."""
    tokens = name.split()
    opener = bool(tokens) and (tokens[0] in ("The", "M.", "MM.") or _bare(tokens[0]) in TITLES)  # (French "M.")
    return opener and len(tokens) >= 2


def _capitalised(token: str) -> bool:
    """A capitalised name word, elided particle and all: "Marchal", "d'Harcourt", "dell’Acqua"."""
    return token[:1].isupper() or bool(ELIDED_NAME.match(token))


#: A surname, then the initials of a given name and a patronymic, as records in Russian, Ukrainian and other
#: languages of the former Soviet Union name members: "Ступин Д. О.", "Иванов И.И." (one initial is no such sign:
#: "Donald B. Verrilli" is a given name, an initial and a surname).
_SURNAME_INITIALS = re.compile(r"^[^\W\d_][^\W\d_'’]+(?:-[^\W\d_]+)?(?:[ \t]?[А-ЯЁІЇЄҐЎ]\.){2,3}$")


def surname_initials(name: str) -> bool:
    """A surname and initials (see _SURNAME_INITIALS), in Cyrillic: in the Latin script the same shape is more
    often a word and an abbreviation ("The U.S.", "Washington D.C.")."""
    return "\u0400" <= name[:1] <= "\u04ff" and bool(_SURNAME_INITIALS.match(name))


#: An initial or a few, a comma or so after them: what may follow an initial in a name ("О.", "О.,", "И.И.").
_MORE_INITIALS = re.compile(r"^(?:[^\W\d_]\.)+[,;:]?$")
#: A chair's office alone, as such records give it turn after turn: "Председательствующий.", "Головуючий.".
_CHAIR_OFFICES = frozenset(
    ["председательствующий", "председательствующая", "председатель", "головуючий", "головуюча", "головуючий на засіданні",
     "predsedajúci", "predsedajúca", "předsedající", "przewodniczący", "przewodnicząca", "predsjedavajući",
     "predsedavajući", "председавајући", "председател", "pirmininkas", "pirmininkė", "priekšsēdētājs", "juhataja"]
)  # fmt: skip


#: A voice from the floor, as records in Russian, Ukrainian and Polish give it: "Из зала.", "С места.", "Głos z sali.".
FLOOR_VOICES = frozenset(
    ["из зала", "голос из зала", "голоса из зала", "с места", "голос с места", "з залу", "із залу", "голос із залу",
     "голос з місця", "z sali", "głos z sali", "głosy z sali", "glas iz dvorane", "hlas ze sálu"]
)  # fmt: skip


def _record_label_ok(name: str) -> bool:
    tokens = name.split()
    if not 1 <= len(tokens) <= 7:
        return False
    if is_office(name):
        return True  # "M. le président.", "Mme la ministre."
    if name[:1].isupper() and (
        name.casefold() in _CHAIR_OFFICES or surname_initials(name) or name.casefold() in FLOOR_VOICES
    ):
        return True  # "Председательствующий.", "Ступин Д. О."
    first = _bare(tokens[0])
    if tokens[0] == "M." and len(tokens) >= 2 and len(tokens) <= 4:
        # French records' "M. Jean Dupont.": "M." is Monsieur, and a name follows
        return all(_capitalised(t) or t in {"de", "du", "des", "d'", "le", "la"} for t in tokens[1:])
    if tokens[0] in ("The", "THE") and len(tokens) >= 2:
        words = [t for t in tokens[1:] if t.casefold() not in {"pro", "tempore", "of", "the"}]
        return bool(words) and all(t[:1].isupper() and t.strip(".").replace("-", "").isalpha() for t in words)
    if first in TITLES and len(tokens) >= 2:
        rest = [t for t in tokens[1:] if t not in {"of", "the", "de", "van", "von", "la", "del", "pro", "tempore"}]
        return bool(rest) and all(_capitalised(t) for t in rest)
    if len(tokens) <= 2 and uncased(name) and is_name_like(name):
        # a script without capitals cannot write a name in them: a play's "ელენე." or "გიორგი (ჩანთას დებს)." must
        # recur, and talk, to count (speakers.decide, text's check of names without capitals)
        return True
    # No title: only a name written in capitals ("NARRATOR", "McCONNELL") counts.
    letters = "".join(c for c in name if c.isalpha())
    if len(letters) < 3 or len(tokens) > 4:  # ("TOM.", "ANN." in a play; a label without a title must recur)
        return False
    if first in NOT_NAMES:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper >= 0.75 * len(letters) and is_name_like(name)


#: A name in capitals, then a party in parentheses or an office after a comma, then the stop: Italy's Senate
#: ("ROSSI (PD). Signor Presidente..."), Ukraine's Rada ("КОВАЛЕНКО О.П., голова підкомітету (округ № 87). ...").
_CAPS_ROLE = re.compile(
    r"^(?P<name>[^\W\d_](?:[^\W\d_]|['’\-])*(?:[ \t]+[^\W\d_](?:[^\W\d_]|['’.\-])*){0,3})"
    r"(?:[ \t]*\((?P<party>[^()]{1,40})\)|,[ \t]+(?P<office>[^\W\d_][^.]{1,200}?))\.[ \t]+(?P<rest>\S.*)$"
)


#: Words that join names in a list ("MACK, and Mrs. JONES ..."), never an office's first.
_JOINING = {"and", "or", "but", "though", "nor", "y", "e", "et", "und", "i", "и", "та", "і", "ve", "ou", "o"}


def _caps_role(m: re.Match[str]) -> Label | None:
    name, office = m.group("name"), m.group("office")
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 3 or not all(c.isupper() for c in letters) or not is_name_like(name):
        return None
    words = office.split() if office is not None else []
    if office is not None and (
        len(words) < 2
        or words[0].casefold() in _JOINING
        or _bare(words[-1]) in TITLES
        or (not office[:1].islower() and (len(name.split()) < 2 or in_capitals(office)))
        or office.count("(") != office.count(")")
        or any(c.isdigit() for c in re.sub(r"\([^()]*\)", "", office))
    ):
        # (an office in small letters, its parentheses closed, no date: "PARIS, le 5 mars. ..."; in capitals after a
        # full name: Italy's Chamber, "CHIARA FONTANA, Sottosegretaria di Stato per l'Istruzione. Grazie...")
        return None
    return Label(name, m.group("rest"), "record", None, m.group("party") or office)


def _strong_label(name: str) -> tuple[str, str | None] | None:
    """The speaker before a stop and a dash (".-", ". –"), a label's end by construction: a record's label, or
    a name or an office alone ("President. –", which must recur) or with a role after a comma ("Ada Park, on
    behalf of the PPE Group. –", as the European Parliament writes it)."""
    if _record_label_ok(name):
        return name, None
    person, comma, role = name.partition(", ")
    if person.endswith(")") and "(" in person:
        # "Tomás Iriarte (S&D), blue-card question. –": the group in parentheses is a role, as after a comma
        bare, group = split_role(person)
        if group and names_a_person(bare):
            person, comma, role = bare, ", ", ", ".join(r for r in (group, role.strip()) if r)
    if "," in person or len(person.split()) > 5 or not person[:1].isupper():
        return None
    if comma and role.strip() and (names_a_person(person) or _record_label_ok(person)):
        return person, role.strip()
    if not comma and (names_a_person(person) or (" " not in person and is_name_like(person))):
        return person, None
    return None


def match_record(line: str) -> Label | None:
    """A record-style label: the name ends with ".", ".-", ".:" or ". -" and the words follow.  Not thanks or a
    greeting before a dash ("Vielen Dank, Frau Präsidentin. – Frau Kollegin...", a member's first words)."""
    label = _match_record(line)
    if label is not None and (GREETING.match(label.raw) or names_a_firm(label.raw)):
        return None  # (and the stop after a firm's "INC." is its own: "NORTHSTAR REPORTING INC.  –  Page 2")
    return label


#: A stop and a dash glued to the first word after them, as Spanish plays write a speaker: "AMPARO.—Nada."
_GLUED_DASH = re.compile(r"(?<=[^\W\d_])\.([—–])(?=[^\s—–-])")


#: A member by initials and surname in capitals, their party in parentheses, then a full stop and the words, as
#: the Seimas and other Baltic and Central European records write them: "J. PETRAUSKIENĖ (TS-LKDF). Ačiū, ...".
_INITIALS_SURNAME_PARTY = re.compile(
    r"^(?P<name>(?:[^\W\d_]\.[ \t]?){1,3}[ \t]*(?P<surname>[^\W\d_][^\W\d_'’-]+(?:[ \t]+[^\W\d_][^\W\d_'’-]+)?))"
    r"[ \t]*\((?P<role>[^()]{1,40})\)\.[ \t]+(?P<rest>\S.*)$"
)


_NAME_PARTY_STOP = re.compile(
    r"^(?P<name>[^()\n.]{1,50}(?:\.[^()\n.]{1,40}){0,2}?)[ \t]*\((?P<role>[^()]{1,40})\)"
    # (a stop, or a dash glued to the parenthesis as a Spanish transcript's "P.—" is: "QUIQUE MOLLA (jefe de
    # prensa)— Dos más")
    r"(?:\.[ \t]+|\.?(?P<dash>[—–])[ \t]*)(?P<rest>[^\W\d_].*)$"
)


def _match_record(line: str) -> Label | None:
    s = line.strip()
    if len(s) < 4:
        return None
    # (a capital, or a letter of Georgian or Armenian, which Unicode gives capitals that their plays do not use:
    # "ელენე. ..."; not Hebrew, Arabic or Korean, whose sentences open "Yes. ..." the same way)
    caseless = not s[0].isupper() and ("\u10d0" <= s[0] <= "\u10ff" or "\u0561" <= s[0] <= "\u0587")
    if not (s[0].isupper() or caseless):
        return None
    if (
        s[1:2] == "."
        and (m := _INITIALS_SURNAME_PARTY.match(s))
        and m.group("surname").isupper()
        and not re.search(r"\d", m.group("role"))  # (a reference list's "J. SMITH (2019). The title")
    ):
        return Label(m.group("name").strip(), m.group("rest"), "record", None, m.group("role").strip())
    if (
        "(" in s[:70]
        and (m := _NAME_PARTY_STOP.match(s))
        and _record_label_ok(m.group("name").strip())
        # (after a dash, only a name in capitals: a play's "PACO.—(Lo abre, lee.)—Es del notario." is Paco's)
        and (
            m.group("dash") is None
            or (
                m.group("name").strip().isupper()
                and not m.group("name").strip().endswith(".")
                and not m.group("role").strip().endswith((".", "!", "?"))
            )
        )
        and not re.search(r"\d", m.group("role"))  # (a reference's year: "Mr. Hale (2019). The title")
    ):
        # a titled name or an office, then a party or a seat in parentheses, then a full stop and the words: "Sra.
        # Lima (PT). Bom dia", "Mr. Hale (Leeds North). I beg to move"
        return Label(m.group("name").strip(), m.group("rest"), "record", None, m.group("role").strip())
    if (".—" in s or ".–" in s) and (glued := _GLUED_DASH.search(s, 0, 80)) is not None:
        s = f"{s[: glued.end()]} {s[glued.end() :]}"  # (the dash a label's end, as ".— " is)
    dot, colon = s.find(".", 0, 120), s.find(":", 0, 120)
    if dot < 0 or 0 <= colon < dot:
        return None  # no stop near the start, or a colon before it: "Name: text" is the inline family's
    m = _ROLE_PAREN.match(s)
    if m:
        return Label(m.group("name"), m.group("rest"), "record", None, m.group("who"))
    m = _CAPS_ROLE.match(s)
    if m and (caps := _caps_role(m)) is not None:
        return caps
    tokens = s.split(" ", 10)  # a label is in the first ten words; the last item holds the rest of the line
    head = tokens[:10]
    # A stop and a dash or colon is a label's end by construction; take the first.
    for k, tok in enumerate(head):
        if _STRONG_END.search(tok) and k + 1 < len(tokens):
            end = _STRONG_END.search(tok)
            assert end is not None
            name = " ".join([*head[:k], tok[: end.start()]]).strip()
            if not tokens[k + 1].startswith((".", "…")) and (found := _strong_label(name)):
                return Label(found[0], " ".join(tokens[k + 1 :]).strip(), "record", None, found[1])
            return None
        if tok in {"-", "–", "—"} and k > 0 and head[k - 1].endswith(".") and k + 1 < len(tokens):
            name = " ".join(head[:k])[:-1]
            if found := _strong_label(name):
                return Label(found[0], " ".join(tokens[k + 1 :]).strip(), "record", None, found[1])
            return None
    # Otherwise the first full stop after a name word ends the label; titles and initials go on.
    for k, tok in enumerate(head[:8]):
        if tok.endswith(".."):
            return None  # dot leaders: a table of contents
        if not tok.endswith(".") or k + 1 >= len(tokens):
            if (
                tok.endswith(",")
                and k > 0
                and (
                    head[0] in ("M.", "Mme", "MM.", "Mmes", "Mlle") or surname_initials(" ".join([*head[:k], tok[:-1]]))
                )
            ):
                # "M. Bruno Le Gall, ministre de l'économie. Monsieur le député, ...": a titled name, its office
                # after a comma, and the words after the office's full stop
                # (an office of many words in small letters, as ministers' are: "M. Étienne Morel, ministre de
                # l'économie, des finances et de la souveraineté industrielle et numérique. Monsieur le député")
                words = s.split(" ", k + 32) if len(tokens) > 10 else tokens
                reach = k + 8 if not words[k + 1 : k + 2] or not words[k + 1][:1].islower() else k + 30
                office = next(
                    (
                        j
                        for j in range(k + 1, min(len(words), reach))
                        if words[j].endswith(".") or words[j].endswith(("?", "!", ":", ";"))
                    ),
                    None,
                )
                if office is not None and office + 1 == len(words) and words[office].endswith("."):
                    # the office ends the line, the words below it: "Mme Sophie Renaud, ministre de
                    # l'enseignement supérieur et de la recherche." over "Madame la députée, ..."
                    name = " ".join([*head[:k], tok[:-1]])
                    if _record_label_ok(name) and not words[office].endswith(".."):
                        return Label(name, "", "record", None, " ".join(words[k + 1 : office + 1])[:-1])
                    return None
                if office is not None and words[office].endswith(".") and office + 1 < len(words):
                    rest = " ".join(words[office + 1 :]).strip()
                    name = " ".join([*head[:k], tok[:-1]])
                    if (rest[:1].isupper() or _RESUMED.match(rest)) and _record_label_ok(name):
                        return Label(name, rest, "record", None, " ".join(words[k + 1 : office + 1])[:-1])
                return None
            if tok.endswith((",", ";", ":", "?", "!")):
                return None
            continue
        bare = tok[:-1]
        name = " ".join([*head[:k], bare]).strip()
        role = head[0] in ("The", "THE") and k > 0  # "The Chairman.": after "The", a title is the role and ends it
        if (
            k > 0
            and _MORE_INITIALS.match(tok)
            and surname_initials(" ".join(head[: k + 1]))
            and not _MORE_INITIALS.match(tokens[k + 1])  # (the last initial: "Ступин Д. О.")
            and tokens[k + 1][:1].isupper()
        ):
            rest = " ".join(tokens[k + 1 :]).strip()
            return Label(" ".join(head[: k + 1]), rest, "record")  # a surname, its initials, then the words
        if not role and (_bare(bare) in TITLES or _INITIALS_TOKEN.match(tok) or (len(bare) == 1 and bare.isupper())):
            continue
        rest = " ".join(tokens[k + 1 :]).strip()
        if (
            not rest
            or (rest[0].islower() and not caseless)
            or (rest[0] in ".…" and not (_RESUMED.match(rest) and titled(name)))
        ):
            return None  # lower case goes on a sentence; dot leaders are a table of contents
        if rest[0].isdigit() and not titled(name):
            return None  # "SEC. 217. PASSPORT SECURITY": a section's number, not a speaker's words
        return Label(name, rest, "record") if _record_label_ok(name) else None
    return None


# -- bracketed labels ----------------------------------------------------------------

_BRACKET = re.compile(
    # (not a Markdown link, "[Economie](/economie)": the brackets of a label are not followed by an address)
    rf"^(?:[\[(](?P<t1>{_TIME})[\])][ \t]*)?\[(?P<name>[^\[\]]{{1,40}})\](?!\((?!{_TIME}\)))[ \t]*"
    rf"(?:[\[(](?P<t2>{_TIME})[\])])?[ \t]*[:：\-–—]?[ \t]*(?P<rest>.*)$"
)


def match_bracket(line: str) -> Label | None:
    s = line.strip()
    if s[:1] in "【［" and s.find("】" if s[0] == "【" else "］", 1, 42) > 0:
        # Japanese and Chinese records' lenticular and full-width brackets: "【大臣】", "［記者］"
        close = "】" if s[0] == "【" else "］"
        s = "[" + s[1:].replace(close, "]", 1)
    if not s.startswith("[") and not (s[:1] in "[(" and "] [" in s[:30]):
        return None
    m = _BRACKET.match(s)
    if not m:
        return None
    name = " ".join(m.group("name").split())
    if TIME_RE.fullmatch(name) or is_stage_direction(name):  # (sounds and a programme's markers among them)
        return None
    role = None
    who, comma, how = name.partition(", ")
    if comma and how[:1].islower() and len(how.split()) <= 4:
        # subtitles for the deaf name who speaks and how: "[MARGARET, off-screen]", "[TOM, over radio]"
        name, role = who, how
    if not (is_name_like(name) or GENERIC_SPEAKER.match(name)):
        return None
    stamp = m.group("t1") or m.group("t2")
    rest = m.group("rest")
    if role is None and (tagged := name_after_tag(name, rest)) is not None:
        (name, rest), role = tagged, name
    return Label(name, rest, "bracket", parse_time(stamp) if stamp else None, role)


# -- a label alone on its line -------------------------------------------------------

_EXTENSION = re.compile(
    r"\s*\((?:V\.?\s?O\.?|O\.?\s?S\.?|O\.?\s?C\.?|CONT'?D|CONT’D|CONTINUED|cont'?d|contd|"
    r"ON THE PHONE|ON PHONE|INTO PHONE|PRE-?LAP|FILTERED|SUBTITLED|OVER)\)",
    re.I,
)
#: A time after a label alone on its line: "Ada Park  0:03", "Ada (00:01:02 - 00:01:30)", and chat apps'
#: "Ada Park  10:42 AM", "Ada Park — Today at 10:42 AM".
_ALONE_TIME = re.compile(
    rf"(?:\s*[-–—|,]?\s*[\[(]?(?:(?P<day>(?:today|yesterday)\s+at\s+)|(?P<date>{DATE}))?"
    rf"[\[(]?(?P<ts>{_TIME}){AMPM}?(?:\s*[-–—]\s*{_TIME})?[\])]?)\s*:?$",
    re.I,
)
_TRANSITION = re.compile(
    r"^(?:[A-Z][A-Z .']*\s+TO:|FADE (?:IN|OUT)[:.]?|FADE TO BLACK\.?|CUT TO BLACK\.?|THE END\.?|"
    r"INTERCUT(?: WITH)?:?|BACK TO SCENE:?|CONTINUED:?|END (?:OF )?[A-Z ]+\.?)$"
)
_SCENE = re.compile(r"^(?:INT|EXT|EST|INT\.?/EXT|I/E)[.\s/]", re.I)
#: A name, then "said:", alone on its line: a copied chat with an assistant ("You said:", "ChatGPT said:").
_SAID = re.compile(r"^([^\W\d_][\w.'’\- ]{0,30}?) said:$")
_HANDLE = re.compile(r"[^\W_][\w.\-]{1,31}(?:#\d{4})?|\+\d{1,3}(?:[ \t\-]?\d{1,5}){2,5}")  # (or a phone number)
_ALONE_TIME_FIRST = re.compile(STAMP_PREFIX.pattern + r"(?=[^\W\d_])")


def _in_capitals(s: str) -> bool:
    return in_capitals(s) and len(s.split()) <= 4


#: A dash between a name alone on its line and the person's role or company.
ROLE_DASH = re.compile(r"[ \t]+(?:--|[-–—])[ \t]+")
_ALONE_PLAIN = re.compile(r"^@?(?P<name>[^\W\d_][^:：\[\]{}<>]{0,99}?)\s*\^?\s*:?$")


#: An office named with "The" (or the Irish "An") on its own line, in whatever language the office is: "The
#: Llywydd", "An Cathaoirleach" (a heading has the same shape: such a label counts where it recurs, see
#: `candidates`).
_THE_OFFICE = re.compile(r"(?:The|An)[ \t]+[A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+)?")


#: A question's number on the order paper before the member's name: "1.", "T2." (a topical question).
_QUESTION_NUMBER = re.compile(r"^T?\d{1,3}\.[ \t]+(?=[^\W\d_])")


#: A firm's abbreviation ending a line: "Halden & Co.", "Acme Inc.", "Brightwater Ltd.".
_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:Co|Inc|Ltd|Corp|Cie|plc|LLC|LLP|S\.A|AG|GmbH|N\.V|Bros|Assoc)\.$")


def participant_line(line: str) -> bool:
    """Whether `line` is a line of a list of participants: "Ann Oduya -- Keystone -- Analyst" (a name, then its
    role or company after a dash), not a sentence with a dash in it."""
    s = line.strip()
    if not s or len(s) > 100 or s[-1] in "?!;," or (s[-1] == "." and not _ABBREVIATION_END.search(s)):
        return False  # (but a firm's "Halden & Co." may end the line)
    dashed = ROLE_DASH.split(s)
    return len(dashed) >= 2 and len(_person_of(dashed[0]).split()) <= 5 and names_a_person(_person_of(dashed[0]))


def _listed_with_a_comma(line: str) -> bool:
    """Whether `line` lists a person in full and their office after a comma, as an earnings call's participants
    are ("Dana Whitcombe, Vice President, Investor Relations"), not a sentence."""
    s = line.strip()
    name, sep, office = s.partition(", ")
    return (
        bool(sep)
        and len(s) <= 100
        and office[:1].isupper()
        and not s.endswith((".", "?", "!", ":", ";", ","))
        and 2 <= len(name.split()) <= 4
        and names_a_person(name)
    )


def _person_of(lead: str) -> str:
    """The person in what comes before a role's dash: "Ann Oduya" of "Ann Oduya, Keystone Securities"."""
    return lead.partition(", ")[0]


def name_and_time(line: str) -> tuple[str, str, float] | None:
    """A line that is a name and a time only, before or after it ("priya.raman  10:42 AM", "[00:01:24] Sophie
    Brandt"), split without judging the name: (its shape, the time's digits and letters alike, with the side
    it stands on; the name; the time in seconds), or None.  See text._same_shape_alone."""
    s = line.strip()
    if not s or len(s) > 80 or s.endswith((".", "?", "!", ",", ";", ":")):
        return None
    first = _ALONE_TIME_FIRST.match(s)
    if first:
        name, stamp, side, time = s[first.end() :].strip(), first.group(), "before", stamp_seconds(first)
    elif (m := _ALONE_TIME.search(s)) is not None and m.start() > 0:
        name, stamp, side, time = s[: m.start()].rstrip(" -–—|:,"), m.group(), "after", stamp_seconds(m)
    else:
        return None
    name = " ".join(name.split())
    if not name or not 1 <= len(person_part(name).split()) <= 4 or not any(c.isalpha() for c in name) or ":" in name:
        return None
    shape = re.sub(r"\d+", "9", re.sub(r"(?i)\b[ap]\.?m\.?", "M", stamp.strip()))
    return f"{side} {shape}", name, time


#: What a meeting tool's display name may carry after the person: "(Comune di Valeggio)", "(Guest)", "- Provincia".
_NAME_TAIL = re.compile(r"[ \t]+(?:\([^()]{1,40}\)|[-–—][ \t]+[^\W\d_][^()\-–—]{1,40})$")


def person_part(name: str) -> str:
    """A display name without what a meeting tool adds after the person, an organisation or a role in parentheses
    or after a dash ("Davide Conti (Ospite)", "Elena Fabbri - Provincia di Verona"): the person's part."""
    while (tail := _NAME_TAIL.search(name)) is not None and tail.start() > 0:
        name = name[: tail.start()]
    return name


#: A newsroom script's talent in double parentheses over what they read, with how they are heard: "((SARAH))",
#: "((TOM VO))", "((DEREK ON CAM))" (ENPS and iNews rundowns).
_TALENT = re.compile(
    r"^\(\([ \t]*(?P<name>[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,2}?)"
    r"(?:[ \t]+(?:VO|V/O|SOT|VO/SOT|LIVE|OC|O/C|ON[ -]CAM|CAM[ \t]*\d|CONT'?D|TAG|READER|PKG|INTRO|OUTRO|"
    r"STAND-?UP|STAND UP|Q|A))*"
    r"(?:[ \t]+(?:--|—|–)[ \t]+[^()]{1,30})?"  # (and a note after a dash: "((SARAH Q -- AD LIB))")
    r"[ \t]*\)\)$",
    re.IGNORECASE,
)
#: A newsroom script's sound bite, naming who is heard in it, over their words: "[SOT: RITA DELGADO]".
_BITE = re.compile(
    r"^\[(?:SOT|SOUNDBITE|SOUND BITE|BITE|CLIP|ACTUALITY|VOX POP|INTERVIEW)[ \t]*:[ \t]*"
    r"(?P<who>[^\W\d_][^\]/:]{1,40}?)[ \t]*(?:/[^\]]{0,60})?\]$",
    re.IGNORECASE,
)
#: What a newsroom script puts in double parentheses that is no one: a super, a clip's times, a graphic.
_NEWSROOM_CUES = frozenset(
    ["super", "supers", "runs", "trt", "in", "out", "outcue", "gfx", "cg", "bump", "fs", "ots", "box", "vo", "sot",
     "pkg", "nat", "nats", "nat sound", "live", "tag", "break", "wipe", "music", "graphic", "map", "full screen",
     "take", "roll", "cue", "wide", "crowd", "b-roll", "broll", "shot", "close", "aerial", "pause", "laughs"]
)  # fmt: skip


#: How a newsroom script says talent is heard, after their name and a dash: "[DANA — ON CAM]", "[MARCUS — TRACK]".
_DELIVERY_CUES = frozenset(
    ["on cam", "on camera", "track", "vo", "v/o", "sot", "vo/sot", "standup", "stand-up", "stand up", "live", "tag",
     "oc", "o/c", "intro", "reader", "pkg", "cam 1", "cam 2", "cam 3", "2-shot", "box"]
)  # fmt: skip
#: A sound bite's cue before who is heard: "[SOT — LINDA ORTIZ]", "[BITE — ADA PARK / MAYOR]".
_BITE_CUES = frozenset(["sot", "soundbite", "sound bite", "bite", "clip", "actuality", "vox pop", "interview"])


def _newsroom_bracket(inner: str) -> str | None:
    """Who a newsroom script's bracketed line between dashes says is heard: the talent before how they are heard
    ("DANA — ON CAM"), or who follows a sound bite's cue ("SOT — LINDA ORTIZ", "SOT — DRIVER, VOX POP — NO CG");
    None for a direction ("TAKE PKG — FULL SCREEN")."""
    parts = [p.strip() for p in inner.split(" — ")]
    if len(parts) < 2 or len(parts) > 3:
        return None
    if parts[0].casefold() in _BITE_CUES:
        who = split_role(parts[1])[0].strip()
    elif parts[1].casefold() in _DELIVERY_CUES or all(
        cue.strip().casefold() in _DELIVERY_CUES for cue in parts[1].split(" / ")
    ):  # ("ON CAM / TAG")
        who = parts[0]
    else:
        return None
    return who if who and is_name_like(who) and who.casefold() not in _NEWSROOM_CUES else None


#: A name ending in a capital initial and its stop: "Torbjørn H.", "[05.03.2024 19:11] Ada P.".
_INITIAL_AT_END = re.compile(r"[^\W\d_][ \t]+[^\W\d_]\.$")


def match_alone(line: str, previous: str | None, following: str | None) -> Label | None:
    """A label alone on its line: after a break (or at the top), with words on the next line.

    A label with a time ("00:01:02 Ada Park", "Ada Park  0:03") or in capitals ("ADA PARK") needs no break
    before it: transcripts that put the name on a line of its own and no blank line between turns write it so.
    """
    s = line.strip()
    if not s or len(s) > 100 or following is None or not following.strip():
        return None
    if s[:2] == "((" and (talent := _TALENT.match(s)):
        name = talent.group("name").strip()
        if (
            name.casefold() in _NEWSROOM_CUES
            or not is_name_like(name)
            or not name.isupper()
            or is_stage_direction(name)
        ):
            return None  # (talent is in capitals; a transcriber's "((Pause))", "((laughs))" is a note)
        return Label(name, "", "clip", None, None)  # (a cue names who speaks outright, as a sound bite's does)
    if s[:1] == "[" and (bite := _BITE.match(s)) and is_name_like(bite.group("who").strip()):
        return Label(bite.group("who").strip(), "", "clip", None, None)
    if s[:1] == "[" and s[-1:] == "]" and " — " in s and (cued := _newsroom_bracket(s[1:-1])) is not None:
        return Label(cued, "", "clip", None, None)
    if s.endswith("<GO>}") and (bio := BLOOMBERG_NAME.match(s)):
        s = bio.group("name")  # (a Bloomberg transcript's name over the words, its terminal link after it)
    if len(s) > 64 and not s.endswith(")") and not participant_line(s):
        # (longer only with the person in parentheses after an office, or a person's firm and title after a dash:
        # "Daniel Reyes,  Greyfield Securities LLC, Research Division - MD & Senior Equity Analyst")
        return None
    if s[:2] in ("**", "__") and s.endswith(s[:2]) and len(s) > 4 and s[:2] not in s[2:-2]:
        s = s[2:-2].strip()  # a name alone in bold, as a web page's <strong> over the words: "**Operator**"
    if (
        not s
        or s[0] in "#=>!~.*_"
        or (
            s.endswith((".", "?", "!", ",", ";"))
            and not s.endswith(("Jr.", "Sr."))
            and not _INITIAL_AT_END.search(s)  # (a surname's initial ends a display name: "Torbjørn H.", "Ada P.")
        )
    ):
        return None
    if _TRANSITION.match(s) or _SCENE.match(s):
        return None
    if (numbered := _QUESTION_NUMBER.match(s)) and s.endswith(")"):
        s = s[numbered.end() :]  # Westminster's numbered questions: "1. Helen Marsh (Wyre Valley) (Lab)", "T2. ..."
    time = None
    chat = False
    first = _ALONE_TIME_FIRST.match(s)
    if first:
        time = stamp_seconds(first)
        s = s[first.end() :]
        # a chat export's date and time, then the sender: DiscordChatExporter's "[14-Mar-31 09:02 PM] kestrel"
        chat = bool(first.group("date")) and first.group("open") == "["
        if previous is not None and previous.strip() and not names_a_person(_EXTENSION.sub("", s).strip()):
            if not (chat and _HANDLE.fullmatch(s)):
                return None  # a timetable's "10:30 — Break": after a time, without a break, only someone counts
    said = _SAID.match(s) if s.endswith(":") else None
    if said and time is None and (is_name_like(said.group(1)) or said.group(1).casefold() == "you"):
        # a copied assistant chat's "You said:" and "ChatGPT said:" over the words
        return Label(said.group(1), "", "plain", None, None)
    m = _ALONE_TIME.search(s)
    if m and m.start() > 0 and time is None and s[:1] == "@" and _HANDLE.fullmatch(s[1 : m.start()].rstrip(" -–—|:,")):
        # a chat copied from Slack or Mattermost: "@oksana.d  2:14 AM" over the message
        return Label(s[: m.start()].rstrip(" -–—|:,"), "", "timed", stamp_seconds(m), None)
    if m and m.start() > 0 and time is None:
        time = stamp_seconds(m)
        chat = bool(m.group("day") or m.group("date"))  # Discord's "— Today at 4:12 PM", Telegram's dated header
        s = s[: m.start()].rstrip(" -–—|:,")
    if chat and _HANDLE.fullmatch(s):
        return Label(s, "", "timed", time, None)  # a chat's handle, in whatever case: "frogking", "NightOwl_77"
    if previous is not None and previous.strip() and time is None and not _in_capitals(s):
        return None
    if previous is not None and previous.strip() and time is None and not names_a_person(s):
        return None  # in capitals without a break before it: a name, not a heading ("INGREDIENTS")
    s = _EXTENSION.sub("", s).strip()
    if names_a_firm(s):
        return None  # a firm alone on its line, a letterhead's or a reporter's footer ("NORTHSTAR REPORTING INC.")
    m2 = _ALONE_PLAIN.match(s)
    if not m2:
        return None
    name = m2.group("name").strip().rstrip(":").strip()
    # "Jane Smith (Bristol West) (Lab)": a seat and a party after the name, as Westminster's Hansard writes them
    roles: list[str] = []
    while (paren := re.match(r"^(.*?)\s*\(([^()]{2,40})\)$", name)) and len(roles) < 3:
        name = paren.group(1).strip()
        roles.insert(0, paren.group(2).strip())
    role = ", ".join(roles) if roles else None
    if (first or time is not None) and (turned := given_first(name)):
        name = turned  # a chat's or a meeting's header from a company directory: "[10:02 AM] Nguyen, Thi Lan"
    if (
        role is None
        and (dashed := ROLE_DASH.split(name))
        and len(dashed) >= 2
        and names_a_person(_person_of(dashed[0]))
    ):
        # "Elaine Fairbanks -- Head of Investor Relations", "Ann Oduya - Keystone - Analyst": an earnings call's
        # (and a wire service's "Ann Oduya, Keystone Securities - Analyst": the firm after a comma)
        if participant_line(following) or (previous is not None and participant_line(previous)):
            return None  # one of a list of participants, another under or over it: no one speaks here
        person, _, firm = dashed[0].partition(", ")
        name, role = person, ", ".join(part for part in [firm, *dashed[1:]] if part)
    if role is not None and len(roles) == 1 and not GENERIC_SPEAKER.match(name) and not names_a_meeting_room(name):
        # "The Minister of State, Department for Transport (Gareth Pryce)": the office, then the person
        name, role = person_in_office(name, role)
    if role is None and len(name.split()) >= 5 and (office := office_before_person(name)) is not None:
        name, role = office  # "Przewodniczący Sejmiku Województwa Tadeusz Wróblewski": the office, then the person
    if not name or not (
        is_name_like(name)
        or GENERIC_SPEAKER.match(name)
        or _THE_OFFICE.fullmatch(name)
        or unnamed_voice(name)  # a play's "A VOICE" over its words, a voice's or a person's noun
    ):
        return None
    # A label is a name, not the first words of a sentence that happens to sit on its own line.
    if len(name.split()) > 5:
        return None
    return Label(name, "", "alone" if time is None else "timed", time, role)


# -- a name and another mark between it and the words -------------------------------

#: What stands between a name and its words where no colon does, as chat logs, tab-separated exports and
#: some transcription tools write it.  A document uses one of them throughout (see `candidates`).
SEPARATORS = {
    " — ": "a dash",
    " – ": "a dash",
    " -- ": "a dash",
    " - ": "a hyphen",
    "\t": "a tab",
    " | ": "a bar",
    " > ": "an angle bracket",  # (Korean radio transcripts' "◇ 박민준 > ...", and "Ada Park > ...")
}
_SEPARATED_TIME = STAMP_PREFIX
#: A chat log's "<nick> words" (a nick is often in lower case: the brackets make it a label), and its
#: "* nick is away" (what the nick does, said by them).
_NICK = re.compile(r"^<[ @+%&~]?(?P<name>[^<>\s]{2,30})>[ \t]+(?P<rest>\S.*)$")  # ("<T> is a type parameter": no nick)
#: Markup's element names: "<div> blocks" is written about HTML, not a chat.
_HTML_TAG = re.compile(
    r"(?:[abiupqs]|br|hr|em|li|ol|ul|d[ltd]|t[rdh]|h[1-6]|div|span|img|code|pre|strong|table|thead|tbody|head|body|"
    r"html|title|meta|link|script|style|form|input|button|label|nav|main|section|article|header|footer|aside|"
    r"figure|small|sub|sup)",
    re.I,
)
_NICK_ACTION = re.compile(r"^\*[ \t]+(?P<name>[^\s*]{1,30})[ \t]+(?P<rest>\S.*)$")


#: A mark opening each turn, the name, then an ideographic space or a wide gap: Japanese and Korean
#: records' "○委員長（佐々木健一君）　これより会議を開きます。"
_MARKED = re.compile(
    # (the holder in parentheses may have a space between surname and given name: "○３番（高橋　美咲君）　")
    r"^[○◯◎●◆◇■□▶►][ \t]?(?P<name>[^\s　>（]{1,20}（[^（）\n]{1,20}）|[^\s　>]{1,40}(?: [^\s　>]{1,20}){0,3}?)"
    r"(?:　|[ \t]{2,}|[ \t]*>[ \t]*)[ \t　]*"
    r"(?P<rest>\S.*)$"
)
#: A name in a script without spaces, then an ideographic space, at the start of a paragraph and with no mark
#: before it: a Japanese round-table's (座談会) or interview's "小林　本日はお忙しいところ…".
_WIDE_SPACED = re.compile(
    r"^(?P<name>[\u3005\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{1,8}(?:（[^（）\s]{1,20}）)?)　[ \t　]*(?P<rest>\S.*)$"
)
#: A name's reading in kana in parentheses, as a list of participants gives it after the name (never a turn's
#: label): "（もりた・けんいち）", or the given name before it, "健一（もりた・けんいち）".
_READING = re.compile(
    r"^[\u3005\u3400-\u9fff]{0,4}[（(][\u3041-\u309f\u30a0-\u30ff・ー\s]{2,20}[）)]|[（(][\u3041-\u309f・ー]{2,20}[）)]$"
)
#: A name in a script without spaces, with an office or a given name in parentheses: "山本（花子）委員", or an office
#: with its rank in figures before the name: "보건복지부제1차관 한미란" (first vice-minister).
_CJK_LABEL = re.compile(
    r"[\u3005\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af（）()]"
    r"(?:[\u3005\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af（）()]|\d(?=[\u3400-\u9fff\uac00-\ud7af])| (?=\S)){0,29}"
)
#: "(Ada Park) words"
_PAREN_NAME = re.compile(r"^\((?P<name>[^()\d]{2,40})\)[ \t]+(?P<rest>\S.*)$")
#: The same in full-width parentheses, as Japanese minutes write a speaker's surname: "（大島）それでは二つ目、".
_WIDE_PAREN_NAME = re.compile(r"^（(?P<name>[^（）()\d０-９]{1,12})）[ \t\u3000]*(?P<rest>\S.*)$")
#: A name in capitals (one to four words, titles with their stop) opening a line of words not in capitals.
_CAPS_RUN = re.compile(
    r"^(?P<name>(?:[A-Z][A-Z'’.\-]*[ \t]+){0,3}[A-Z][A-Z'’\-]+)[ \t]+(?P<rest>(?=\S*[a-z]|[AI][ \t])\S.*)$"
)


def _outside_parentheses(s: str, mark: str, end: int) -> int:
    """Where `mark` first comes in `s[:end]` outside parentheses ("O SR. PRESIDENTE (Ana Lemos. PP - AL) - ..."
    is a label with a party and a state, then the dash), or -1."""
    at = s.find(mark, 1, end)
    while at > 0 and s.count("(", 0, at) > s.count(")", 0, at):
        at = s.find(mark, at + 1, end)
    return at


#: A number in a column of its own before the name: a tape counter, a line number ("0017", then a wide gap).
_COUNTER = re.compile(r"^\d{1,6}(?:\t|[ \t]{2,})(?=[^\W\d_])")


#: A Japanese interview's first label giving the short form used after it: "森下ひかり（以下、森下）".
_HEREAFTER = re.compile(r"（以下[、，]?(?P<short>[^（）、，]{1,8})）$")


def match_separated(line: str) -> Label | None:
    """`Name — text`, `NAME<tab>text`, `Name | text`, `<nick> text`, after a time or not; the form names the mark.

    Words starting in lower case after a dash are the rest of a sentence or a definition ("Ada — who had
    waited — turned away", "Latency — the time..."), not a turn.  What a whole document's marks must also
    show to be a conversation is `conversation_marks`' to judge.
    """
    s = line.strip(" ")
    time = None
    counted = False
    if s[:1].isdigit() or s[:1] in "[(":
        m = _SEPARATED_TIME.match(s)
        if m:
            time = stamp_seconds(m)
            s = s[m.end() :]
            counted = m.group().endswith("\t")
        elif counter := _COUNTER.match(s):
            s = s[counter.end() :]  # a tape counter's or a line's number in a column of its own: "0017   DERWENT   ..."
            counted = counter.group().endswith("\t")
    head = s[:64]
    if not (
        head[:2].isupper()
        or head[:1] in "<(（*○◯◎●◆◇■□▶►"
        or "\t" in head
        or " - " in head
        or " | " in head
        or " > " in head
        or "　" in head[:24]
    ):
        if not any(mark in head for mark in ("—", "–", " -- ")):
            return None  # (most lines of most documents: no mark near the start)
    marked = _MARKED.match(s)
    if marked:
        name = marked.group("name").strip()
        if (held := holder_of_office(name)) is not None:  # ("○議長（佐藤一郎君）　": 佐藤一郎, the chair)
            return Label(held[0], marked.group("rest"), "separated:○", time, held[1])
        if is_name_like(name) or GENERIC_SPEAKER.match(name) or _CJK_LABEL.fullmatch(name):
            return Label(name, marked.group("rest"), "separated:○", time)
        return None
    wide = _WIDE_SPACED.match(s) if "　" in head[:24] else None
    if wide:
        if _READING.search(wide.group("name")) or _READING.match(wide.group("rest")):
            return None  # a list of who takes part, each name with its reading: "森田　健一（もりた・けんいち）　店主"
        name = wide.group("name")
        if (hereafter := _HEREAFTER.search(name)) is not None:
            # "森下ひかり（以下、森下）": the full name, then the short form the labels use from here on, read as
            # that short form (the same speaker as "森下" below), the full name its role
            short = hereafter.group("short")
            return Label(short, wide.group("rest"), "separated:　", time, name[: hereafter.start()])
        return Label(name, wide.group("rest"), "separated:　", time)
    nick = _NICK.match(s)
    if nick:
        if _HTML_TAG.fullmatch(nick.group("name")):
            return None  # "<div> blocks": markup written about, not a chat
        return Label(nick.group("name"), nick.group("rest"), "separated:<>", time)
    action = _NICK_ACTION.match(s)
    if action and not action.group("name").endswith(":"):
        return Label(action.group("name"), action.group("rest"), "separated:*", time)  # (in a chat log only)
    paren = _PAREN_NAME.match(s) or (_WIDE_PAREN_NAME.match(s) if s[:1] == "（" else None)
    if paren:
        name = paren.group("name").strip()
        if (is_name_like(name) or GENERIC_SPEAKER.match(name)) and not is_stage_direction(name):
            return Label(name, paren.group("rest"), "separated:()", time)
        return None
    best: tuple[int, str] | None = None
    for mark in SEPARATORS:
        # (a party and a state in parentheses run long: "A SRA. ANA LIMA (Bloco Parlamentar da Resistência
        # Democrática/PT - BA. Para interpelar.) – ...")
        at = _outside_parentheses(s, mark, 150 if s[:64].count("(") else 64)
        if at > 0 and (best is None or at < best[0]):
            best = (at, mark)
    if best is None:
        caps = _CAPS_RUN.match(s)
        name = caps.group("name").strip() if caps else ""
        rest = caps.group("rest") if caps else ""
        if name.endswith((" I", " A")):  # "COUNCILLOR STONE I move...": the "I" is the first word said
            name, rest = name[:-2].rstrip(), name[-1] + " " + rest
        if caps and len(name.split()) >= 2 and is_name_like(name) and rest[:1].isupper():
            # "ADA PARK  Welcome..." or "ADA PARK Welcome...": a name in capitals, then the words
            return Label(name, rest, "separated:caps", time)
        return None
    at, mark = best
    rest = s[at + len(mark) :].strip()
    head = s[:at].strip(" *_")
    if not rest or not head or (head[-1] in ".,;!?" and not is_initials(head)):
        return None  # (a sentence's end before the dash; "P.M. –", a role's letters, is a label)
    if mark == "\t" and time is None and (stamp := _SEPARATED_TIME.match(rest)):
        time, rest = stamp_seconds(stamp), rest[stamp.end() :]  # "Ada Park<tab>00:00:01<tab>words"
    cells = s.split("\t")
    if mark == "\t" and len(cells) >= 3 and all(len(c.split()) <= 2 and c.strip()[-1:].isalnum() for c in cells):
        return None  # a table's head ("Speaker<tab>Time<tab>Text")
    if mark in (" — ", " – ") and rest[:1].islower() and mark in rest:
        return None  # "Ada — who had waited an hour — turned away": a sentence's aside, not a turn
    name, role = split_role(head)
    if counted and mark == "\t" and _COLUMN_NAME.fullmatch(head):
        # (a record in columns, a counter's or a time's, the name's, the words': the column says who speaks,
        # whatever the name, "0041<tab>PRICE<tab>No comment.")
        return Label(name, rest, f"separated:{mark}", time, role)
    if not (is_name_like(name) or GENERIC_SPEAKER.match(name)) or name.casefold() in NOT_NAMES:
        return None
    return Label(name, rest, f"separated:{mark}", time, role)


#: A name in a record's column: up to four words of letters (a rank or an office's letters, a role in brackets:
#: "DC HOLLIS", "GRANT (Sol)"), capitalised.
_COLUMN_NAME = re.compile(r"[^\W\d_][\w.'’-]*(?: [\w.'’-]+){0,3}(?: \([^()]{1,20}\))?")


def time_and_marked_name(line: str, mark: str) -> tuple[str, str, str, float] | None:
    """A line that is a time, a name, `mark` and words ("17:24<tab>Kong 🏃<tab>ไปวิ่งกัน"), split without judging
    the name: (the time's shape, its digits alike; the name; the words; the time in seconds), or None.  See
    text._same_shape_separated."""
    s = line.strip(" ")
    stamp = _SEPARATED_TIME.match(s) if s[:1].isdigit() or s[:1] in "[(" else None
    if stamp is None:
        return None
    name, found, rest = s[stamp.end() :].partition(mark)
    name, rest = name.strip(), rest.strip()
    if not found or not name or not rest or len(name) > 40 or not 1 <= len(name.split()) <= 5:
        return None
    if name[-1] in ".,;:!?" or not any(c.isalpha() for c in name):
        return None
    return re.sub(r"\d", "9", stamp.group().strip()), name, rest, stamp_seconds(stamp)


#: Words by which people in a conversation speak of themselves or to each other, in a few languages, and
#: question marks: a document of marked lines without them (news briefs under datelines, a glossary, a
#: playlist) is a list, not a conversation.
_DIALOGUE_WORD = re.compile(
    # ("I" in its capital only: "i" is "in" in Swedish, "and" in Polish and Catalan, "the" in Italian)
    r"(?:^|[^\w])(?:(?-i:I)|i'm|i've|i'd|i'll|me|my|we|we're|us|our|you|you're|your|je|j'|tu|vous|nous|moi|ich|du|wir|"
    r"sie|mir|mich|yo|tú|usted|nosotros|eu|você|nós|io|noi|voi|ik|jij|wij|я|ты|вы|мы|"
    r"أنا|أنت|نحن|هل|אני|אתה|אנחנו|मैं|आप|हम|let's|thanks|thank|hello|hi|hey|welcome|yes|yeah|no|okay|ok|sure|"
    r"indeed|right|well|merci|oui|non|bonjour|gracias|sí|hola|danke|ja|nein|hallo|grazie|ciao|obrigado|obrigada|sim"
    # (Italian speech in the first person, as its records give it: "Ringrazio il sottosegretario", "Passiamo al voto")
    r"|ringrazio|illustro|chiedo|ricordo|dichiaro|propongo|annuncio|intervengo|[a-z]{2,}iamo"
    r"|شكرا|نعم|مرحبا|תודה|כן|שלום|नमस्ते|धन्यवाद|हाँ|महोदय|महोदया|कृपया|ben|sen|biz|siz|evet|hayır|teşekkür|teşekkürler|buyurun|tak|nie|"
    # Urdu: I, you, we, thanks, yes, no, the greeting
    r"میں|آپ|ہم|شکریہ|جی|ہاں|نہیں|السلام|"
    # Persian: you (plural), hello, thanks, yes (not "من", "ما": Arabic's "from", "what")
    r"شما|سلام|ممنون|مرسی|متشکرم|بله|آره|"
    r"dziękuję|ja|ty|my|ви|дякую|спасибо|да|нет|colleagues|collègues|colleghi|colegas|kollegen|колеги|коллеги|"
    # Greek, Armenian, Georgian, Amharic and Tamil: I, you, we, us, our, thanks, yes, no, greetings, the chair
    # addressed
    r"εγώ|εμείς|εσύ|εσείς|μας|σας|ευχαριστώ|ευχαριστούμε|ναι|όχι|παρακαλώ|καλησπέρα|καλημέρα|κύριε|κυρία|συνάδελφοι|"
    r"ես|դու|դուք|մենք|մեր|մեզ|շնորհակալություն|այո|ոչ|բարև|"
    r"მე|შენ|თქვენ|ჩვენ|ჩვენი|მადლობა|დიახ|არა|გამარჯობა|"
    r"እኔ|እኛ|አንተ|አንቺ|እናንተ|አመሰግናለሁ|አዎ|"
    r"நான்|நீங்கள்|நாம்|நாங்கள்|நன்றி|ஆமாம்|இல்லை|வணக்கம்|"
    # Nordic, Finnish, Hungarian, Vietnamese: I, thanks, yes
    r"jeg|jag|takk|tack|kiitos|kyllä|minä|köszönöm|igen|tôi|cảm ơn|vâng|"
    # Swahili, Malay and Indonesian, Tagalog, Zulu and Hausa: I, you, we, thanks, yes, no, welcome (not Swahili's
    # "ya", "of", nor Tagalog's "po")
    r"mimi|wewe|sisi|ninyi|nyinyi|asante|ahsante|ndiyo|hapana|karibu|naomba|saya|kami|kita|anda|terima kasih|"
    r"tidak|ako|ikaw|tayo|salamat|opo|hindi|ngiyabonga|siyabonga|yebo|sawubona|na gode|nagode|"
    # thanks, and a listener addressed, in more of Europe's languages: Romanian, Czech, Slovak, the South Slavic
    # ones, Bulgarian, the Baltic ones, Catalan, Dutch
    r"mulțumesc|mulţumesc|mulțumim|domnule|dumneavoastră|děkuji|děkujeme|ďakujem|hvala|хвала|благодаря|ačiū|"
    r"paldies|aitäh|tänan|gràcies|bedankt|dank u|dank je)"
    # (and the question marks of scripts without "?": Greek's ";" after a Greek word, Armenian's "՞", Ethiopic's "፧";
    # Japanese talk's endings and replies besides the polite ones, "…よね", "…じゃん", "うん", "はい")
    r"(?=[^\w]|$)|[?？؟!！\u037e՞፧]|(?<=[\u0370-\u03ff\u1f00-\u1fff]);|[我你您私僕吗呢吧請请]|谢谢|謝謝|没有|沒有|好的|是的|ます|です|よね|よな|じゃん|でしょ|だよ|だね|(?<![\u3040-\u30ff\u4e00-\u9fff])(?:うん|ええ|はい)(?![\u3040-\u30ff\u4e00-\u9fff])|저는|제가|당신|요[.?!]?$|니다|ครับ|ค่ะ|ผม|ฉัน|คุณ|เรา"
    # addressing the chair or a member, as a chamber's speakers do: "Mr. Speaker", "Sr. Presidente", "Sayın Başkan"
    r"|(?:^|[^\w])(?:mr|madam|madame|monsieur|señor|señora|sr|sra|srs|signor|signora|herr|frau|fru|panie|pani|sayın|"
    r"mister|mevrouw|meneer|mheshimiwa)\.?[ \t]+(?:speaker|president|presidente|présidente?|presidenta|präsident|präsidentin|spika|"
    r"talman|chairman|chairwoman|chair|marszałku|başkan|deputy|deputados?|deputadas?|senator|senador|senadora|"
    r"ministro|ministra|minister|ministre|voorzitter)(?=[^\w]|$)",
    re.I,
)


#: How a reply opens: "Exactly.", "Right, and...", "Yes.", "Mm-hmm.", and so in the languages transcripts come in
#: ("Genau.", "Klopt.", "Exactement.", "Claro.", "Precis.", "Конечно.", "はい、", "对，"): a turn answering another.
REPLY = re.compile(
    r"^(?:(?:yes|yeah|yep|no|nope|right|exactly|absolutely|totally|sure|okay|ok|mm+-?hmm|uh-huh|true|indeed|"
    r"agreed|definitely|of course|fair enough|good point|wow|oh|"
    r"ja|jawohl|nein|genau|stimmt|richtig|klar|"  # German
    r"nee|precies|klopt|tuurlijk|"  # Dutch
    r"oui|ouais|exactement|tout à fait|absolument|d'accord|voilà|"  # French
    r"sí|claro|exacto|exactamente|vale|bueno|"  # Spanish
    r"sim|não|exato|com certeza|pois é|"  # Portuguese
    r"sì|esatto|certo|appunto|assolutamente|"  # Italian
    r"nej|precis|absolut|javisst|nie|dokładnie|właśnie|"  # Swedish, Polish
    r"да|нет|конечно|именно|точно|верно|"  # Russian
    r"iya|betul|benar|oke|nggak|enggak)\b"  # Indonesian, Malay
    r"|はい|ええ|そうですね|そうです|なるほど|对|是的|没错|嗯|네|맞아요|맞습니다|그렇죠)",
    re.I,
)
#: How a conversation's turns greet or thank: "Thank you.", "Thanks for having me", "Hello and welcome", and so in
#: other languages ("Dank je.", "Merci.", "Gracias.", "Спасибо.", "ありがとう").
GREETING = re.compile(
    r"^(?:(?:thank you|thanks|hello|hi|hey|welcome|good (?:morning|afternoon|evening)|"
    r"danke|vielen dank|willkommen|guten (?:tag|morgen|abend)|hallo|"
    r"dank je|dank u|bedankt|welkom|goedemorgen|goedemiddag|goedenavond|"
    r"merci|bonjour|bonsoir|bienvenue|gracias|hola|bienvenid[oa]s?|buenas|buenos días|"
    r"obrigad[oa]|olá|bem-vind[oa]s?|grazie|ciao|benvenut[ioae]|buongiorno|buonasera|"
    r"tack|hej|välkommen|dziękuję|dzień dobry|witam|спасибо|здравствуйте|добрый (?:день|вечер)|привет|"
    r"terima kasih|sama-sama|selamat (?:pagi|siang|sore|malam|datang)|assalamualaikum)\b"
    r"|ありがとう|こんにちは|よろしくお願い|谢谢|你好|欢迎|감사합니다|안녕하세요)",
    re.I,
)
#: What a guest and a host say to each other, in any sentence: "thanks for having me", "thanks for coming in",
#: "great to be here", "good question", "welcome to the show"; the same in a few languages.  Two of them in a
#: document without speakers mark a conversation whose turns no one named (an automatic caption track).
HANDOFF = re.compile(
    r"\b(?:thanks?(?: you)?(?: so much| very much)? for (?:having|inviting) (?:me|us)|"
    r"thanks?(?: you)?(?: so much)? for (?:coming|joining)(?: in| on| us| me)?|"
    r"(?:great|good|nice|glad|happy|a pleasure) to be (?:here|with you|on the show)|"
    r"(?:great|good|fair|interesting) question|welcome (?:back )?to the (?:show|podcast|programme|program)|"
    r"gracias por (?:invitarme|venir|estar aquí|acompañarnos)|merci de m'avoir invitée?|merci d'être (?:venue?|là)|"
    r"danke für die einladung|schön,? dass sie da sind|obrigad[oa] pelo convite|grazie per l'invito|"
    r"bedankt voor de uitnodiging|fijn dat je er bent|tack för att du kom|dziękuję za zaproszenie|"
    r"спасибо за приглашение|спасибо, что пришли)\b",
    re.I,
)


#: A dialogue dash, and Spanish's opening question or exclamation mark, before a turn's first word.
_OPENING_MARKS = re.compile(r"^(?:[—–―][ \t]*|-[ \t]+)?[¿¡]?")
_MARK_FIRSTS = "—–―-¿¡"  # (a row opening otherwise is read as it is, not copied: a 10 MB line once is enough)


def talking_rows(rows: list[str]) -> int:
    """How many of `rows` (paragraphs, or a recording's segments) read as turns of a conversation: a reply's
    opening ("Yeah, ...", "Exactly."), a greeting or thanks, a question of forty words at most; 0 unless they
    are several (three replies and two questions or more, a fifth of eight rows or more).  An article quoting
    people, or a talk, has few."""
    if len(rows) < 8:
        return 0
    # (Thai speakers end their sentences with a particle that says whether a man or a woman speaks: both, in
    # several rows each, are two people at least)
    male, female = (sum(1 for row in rows if particle in row) for particle in ("ครับ", "ค่ะ"))
    if male >= 2 and female >= 2:
        return male + female
    # (a dialogue dash opens each turn where no one is named, as Spanish and Portuguese write speech: "—Hola, sí")
    rows = [_OPENING_MARKS.sub("", row, count=1) if row[:1] in _MARK_FIRSTS else row for row in rows]
    replies = sum(1 for row in rows if REPLY.match(row) or GREETING.match(row))
    questions = sum(1 for row in rows if row.rstrip().endswith(("?", "？", "؟")) and len(row.split()) <= 40)
    return replies + questions if replies >= 3 and questions >= 2 and (replies + questions) * 5 >= len(rows) else 0


def talking_stretch(rows: list[str], size: int = 40) -> int:
    """`talking_rows` for a recording's segments, which cut sentences anywhere and hold a meeting's long
    statements beside its brief exchanges: the segments are joined and split into sentences again, and read
    forty at a time, so that one stretch of people answering each other counts.  The most found in a stretch."""
    text = " ".join(" ".join(row.split()) for row in rows)
    sentences = [text[start:end] for start, end in split_sentences(text)]
    return max(
        (talking_rows(sentences[at : at + size]) for at in range(0, max(1, len(sentences) - size // 2), size // 2)),
        default=0,
    )


def handoffs(text: str) -> int:
    """How many different things a guest and a host say to each other (HANDOFF) `text` holds."""
    return len({m.group().casefold() for m in HANDOFF.finditer(text)})


def _in_capitals_only(words: str) -> bool:
    """Words whose letters are all capitals: a heading's, in a document whose speech has small letters (a letter
    without case, a Japanese answer's "SNSで", is no capital)."""
    if words != words.upper():
        return False  # (a small letter somewhere: most speech, found at C speed)
    letters = [c for c in words if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def separated_headings(labels: list[Label]) -> list[Label]:
    """The labels of a `separated` family that are headings in its shape ("IV - ORDEM DO DIA": a few words in
    capitals after the mark), where they are few (a fifth at most) among turns written in small letters."""
    headings = [l for l in labels if _in_capitals_only(l.rest) and len(l.rest.split()) <= 6]
    return headings if len(headings) <= 0.2 * len(labels) else []


#: A role with the person holding it in parentheses: "श्रोता (महेंद्र सिंह)", "Caller (Ann Lee)".
_HELD_BY = re.compile(r"[^()]+?[ \t]*\(([^()]+)\)")


def conversation_marks(labels: list[Label], name_of: Callable[[Label], str | None]) -> bool:
    """Whether a `separated` family's labels read as a conversation rather than a list or a table.

    Two names or more recur and speak most of the turns; the words after the marks are sentences (three
    words or more, most of the time); people say "I", "you" or ask; and the mark does not come again in most
    rows (columns of a table).
    """
    if not labels:
        return False
    # (a heading in capitals written in the same shape, "IV - ORDEM DO DIA", "CÂMARA DOS DEPUTADOS - DETAQ", is
    # no turn: where the turns' words are written in small letters, such lines are not counted)
    headings = separated_headings(labels)
    labels = [l for l in labels if l not in headings]
    # (a caller under a role with their name in parentheses, who speaks under the name after: "श्रोता (महेंद्र
    # सिंह) —", then "महेंद्र सिंह —", is one person)
    names = {name_of(l) for l in labels}

    def who(label: Label) -> str | None:
        name = name_of(label)
        held = _HELD_BY.fullmatch(name) if name and name.endswith(")") else None
        return held.group(1) if held is not None and held.group(1) in names else name

    counts = Counter(who(l) for l in labels)
    recurring = {name for name, n in counts.items() if name is not None and n >= 2}
    if len(recurring) < 2 or sum(counts[n] for n in recurring) < 0.75 * len(labels):
        # or a chair who gives the floor to one member after another: the chair's turns every other time
        chair = counts.most_common(1)[0] if counts else (None, 0)
        if not (chair[0] is not None and len(counts) >= 3 and chair[1] >= 3 and 2 * chair[1] + 1 >= len(labels)):
            return False
        return talks(labels)
    mark = separator_of(labels[0]) or ""
    if mark == "<>":
        return True  # a chat log's <nick>: the brackets are made for it, and messages are short
    if mark in ("\t", " | ") and sum(1 for l in labels if mark in l.rest) >= 0.5 * len(labels):
        return False  # a table's rows: its first column is not a speaker
    if sum(1 for l in labels if l.time is not None) >= 0.75 * len(labels):
        return True  # timed turns ("00:00:01<tab>Ada Park<tab>..."): a recording's, not a list's
    return talks(labels)


def mostly_talk(texts: list[str]) -> bool:
    """Whether two in three of `texts` or more say "I", "you" or "we", ask, thank, greet or answer (see `talks`):
    a table's rows of people talking, not a programme's titles that welcome, thank or ask now and then."""
    return bool(texts) and sum(1 for t in texts if _DIALOGUE_WORD.search(t)) * 3 >= 2 * len(texts)


def some_talk(texts: list[str]) -> bool:
    """Whether one of `texts` in five or more says "I", "you" or "we", asks, thanks, greets or answers (see
    `talks`): records of people speaking, where only some turns show it."""
    return bool(texts) and sum(1 for t in texts if _DIALOGUE_WORD.search(t)) >= max(1, 0.2 * len(texts))


def talks(labels: list[Label]) -> bool:
    """Whether the words after `labels` sound like people talking: one turn in five or more says "I", "you"
    or "we", asks or exclaims, thanks, greets or answers ("yes", "sure", "merci")."""
    return sum(1 for l in labels if _DIALOGUE_WORD.search(l.rest)) >= max(1, 0.2 * len(labels))


def separator_of(label: Label) -> str | None:
    """The mark a `separated` label was read by (see SEPARATORS), or None for other families' labels."""
    return label.form.partition(":")[2] if label.form.startswith("separated:") else None


# -- candidates and inference ------------------------------------------------------

Matcher = Callable[[list[str], int], "Label | None"]


def _inline(lines: list[str], i: int) -> Label | None:
    return match_label(lines[i])


def _record(lines: list[str], i: int) -> Label | None:
    return match_record(lines[i])


def _bracket(lines: list[str], i: int) -> Label | None:
    return match_bracket(lines[i])


#: A date in words before a time, as message exports write it: "Mar 12, 2024  6:02 PM", "12 March 2024 18:02".
_SPELLED_DATE = r"(?:(?:[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?),?[ \t]+\d{4},?[ \t]+)"
#: A time alone on its line (a chat's, with its date).
BARE_TIME = re.compile(
    # (Nordic records' time marks say "o'clock": "Kl. 13:06")
    # (an oral history's audio file number before the time: "01-00:00:04", file 1; a job's "1-00:00:00" is a day)
    rf"^(?:[Kk]lo?\.?[ \t]+)?[\[(]?(?P<date>{DATE}|{_SPELLED_DATE})?(?:\d\d-(?=\d\d:\d\d:\d\d))?(?P<ts>{_TIME}){AMPM}?[\])]?"
    # (a message export's note on the message after its date and time: "(Read by you after 1 minute)")
    r"(?:(?<=\d|M)[ \t]+\([^()\n]{1,60}\))?$"
)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(?=\S)")


def _alone(lines: list[str], i: int) -> Label | None:
    if len(lines[i]) > 110:
        return None  # a label alone is short (and follows a break unless it carries a time or is in capitals)
    line = lines[i]
    if BARE_TIME.match(line.strip()):
        return None  # "10:43 AM" over a message, "0:12" over a caption: a time, not a name
    heading = _MD_HEADING.match(line)
    if heading:
        # "### Ada Park" over each turn: a Markdown heading that recurs is a label (see `candidates`)
        words = next((l for l in lines[i + 1 : i + 3] if l.strip()), None)
        label = match_alone(line[heading.end() :], None, words)
        if label is not None:
            label.form = "apart"
        return label
    following = lines[i + 1] if i + 1 < len(lines) else None
    before = lines[i - 1].strip() if i > 0 else ""
    after = following.strip() if following is not None else ""
    if (BARE_TIME.match(before) or BARE_TIME.match(after)) and i + 1 < len(lines):
        # A time on a line of its own just over or under the name ("0:03", "Ada Park", words, or "Ada Park",
        # "00:00:03", words) sets the turn apart as a blank line would, and is its time.  Where the line under
        # is a time again, the line is a caption between times (a video's transcript pasted), not a name.
        if BARE_TIME.match(before) and BARE_TIME.match(after):
            return None  # a caption between two times
        words = lines[i + 2] if BARE_TIME.match(after) and i + 2 < len(lines) else following
        if words is None or BARE_TIME.match(words.strip()) or not words.strip():
            return None
        label = match_alone(line, None, words)
        stamp = BARE_TIME.match(after) or BARE_TIME.match(before)
        assert stamp is not None
        if label is None and stamp.group("date") and _HANDLE.fullmatch(line.strip()):
            # a message export's sender under the date and time, in whatever case: "Me", "tomas_r"
            label = Label(line.strip(), "", "timed", None, None)
        elif label is not None and stamp.group("date") and BARE_TIME.match(before):
            label.form = "timed"  # (a sender under a message's date and time is one if they write once only)
        if label is not None and label.time is None:
            label.time = stamp_seconds(stamp)
        return label
    if following is not None and not following.strip() and i + 2 < len(lines):
        # The name as a paragraph of its own, its words in the next ("Ada Park", blank, "Welcome..."): how
        # pages that put names and words in separate table cells or blocks read as text.  A heading has the
        # same shape, so such a label must recur (see `candidates`).
        # (over it, the paragraph before: a list of participants one to a paragraph ends with a name over prose)
        before_apart = lines[i - 2] if i > 1 and not lines[i - 1].strip() else None
        # (the words may stand two blank lines down: where a rule under the name was layout, now blank)
        words = lines[i + 2] if lines[i + 2].strip() or i + 3 >= len(lines) else lines[i + 3]
        label = match_alone(lines[i], lines[i - 1] if i > 0 else None, words)
        if label is not None and before_apart is not None and label.role and participant_line(before_apart):
            label = None
        if label is not None:
            label.form = "apart"
        return label
    return match_alone(lines[i], lines[i - 1] if i > 0 else None, following)


def _separated(lines: list[str], i: int) -> Label | None:
    return match_separated(lines[i])


#: The families in order of preference when two explain a document equally well.
FAMILIES: dict[str, Matcher] = {
    "inline": _inline,
    "record": _record,
    "bracket": _bracket,
    "alone": _alone,
    "separated": _separated,
}


#: Dot leaders, as a roster or a table of contents draws them between a name and its place or page: six dots or
#: more, spaced or not (a court reporter's ellipsis, ". . . .", has four at most), then what they lead to (a run
#: of dots closing a bracket is a blank left to fill in: "uw brief (kenmerk ......)").
_LEADERS = re.compile(r"(?:\.[ \t]?){6,}(?=[ \t]*[\w(\[])")


def candidates(family: str, lines: list[str], skip: set[int] | frozenset[int] = frozenset()) -> list[tuple[int, Label]]:
    """Every line that family `family` reads as opening with a label (not yet weighed)."""
    match = FAMILIES[family]
    out: list[tuple[int, Label]] = []
    for i, line in enumerate(lines):
        if i in skip or not line.strip():
            continue
        label = match(lines, i)
        if label is not None and not (
            (". ." in line or "...." in line) and _LEADERS.search(label.rest)
        ):  # (a roster's or a table of contents' line: "Членыː Алжир . . . . . . г-н Беншейх")
            out.append((i, label))
    if family == "alone" and out:
        # A name set apart as a paragraph or a heading of its own is as likely a heading ("Usage", "THE COURT"):
        # it counts where it can only be someone, and two such names or more take turns.
        out = _apart_people(out, lines)
    if family == "inline" and out and any(l.form == "otter" for _, l in out):
        # The line under a name and a time ("Ana Lima  00:00:34") holds that turn's words, whatever they look like
        # ("Então, Thiago, pra começar: quando você chegou..."), never another label
        headed = {i for i, l in out if l.form == "otter"}
        out = [(i, l) for i, l in out if l.form == "otter" or not _under_a_header(lines, i, headed)]
    if family == "separated" and out:
        # One mark per document: the commonest ("Ada — text" throughout, not a hyphen in one line too); a
        # chat log's "* nick is away" goes with its "<nick>" lines, and means nothing without them.
        mark = Counter(l.form for _, l in out).most_common(1)[0][0]
        keep = {mark, "separated:*"} if mark == "separated:<>" else {mark} - {"separated:*"}
        out = [(i, l) for i, l in out if l.form in keep]
    return out


def _under_a_header(lines: list[str], i: int, headed: set[int]) -> bool:
    """Whether the nearest line above line `i` that holds anything is one of the `headed` lines."""
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    return j in headed


def _apart_people(out: list[tuple[int, Label]], lines: list[str]) -> list[tuple[int, Label]]:
    """The names set apart as paragraphs of their own that are people taking turns: two such names or more
    recur, or three or more carry a role after a dash or in parentheses ("Elaine Fairbanks -- Head of
    Investor Relations", an earnings call's) and the paragraphs under them talk."""

    # (a given name set apart alone, "### Anna", is the one person set apart by a full name beginning with it,
    # "### Anna Hakobyan", where there is one: podcasts name a speaker in full at first, then by the given name)
    owners: dict[str, set[str]] = {}
    for _, l in out:
        if l.form == "apart" and len(l.raw.split()) >= 2 and names_a_person(l.raw):
            owners.setdefault(l.raw.split()[0].casefold(), set()).add(" ".join(l.raw.split()).casefold())

    def key(label: Label) -> str:
        written = " ".join(label.raw.split()).casefold()
        full = owners.get(written, set()) if " " not in written else set()
        return next(iter(full)) if len(full) == 1 else written

    def said(items: list[tuple[int, Label]]) -> list[Label]:
        # (the words under the name, a blank line or two down: two where a rule under it was layout)
        return [Label(l.raw, next((w for w in lines[i + 1 : i + 4] if w.strip()), ""), "apart") for i, l in items]

    apart = [
        (i, l)
        for i, l in out
        if l.form == "apart"
        and (
            names_a_person(l.raw)
            or key(l) != " ".join(l.raw.split()).casefold()
            # (a radio caller by the given name, the role in parentheses after it: "Bev (caller, Bootle)")
            or (l.role is not None and GENERIC_SPEAKER.fullmatch(l.role.split(",")[0].strip()) is not None)
        )
    ]
    counts = Counter(key(l) for _, l in apart)
    roled = {key(l) for _, l in apart if l.role}
    if sum(1 for n in counts.values() if n >= 2) < 2 and not (len(roled) >= 3 and talks(said(apart))):
        # a magazine's "INTERVIEWER" and "OKAFOR" set apart in turn: a surname in capitals is someone where it
        # takes turns with a name that can only be someone, and they talk
        shouted = [(i, l) for i, l in out if l.form == "apart" and _in_capitals(l.raw) and " " not in l.raw.strip()]
        loud = Counter(key(l) for _, l in shouted)
        if not (
            any(n >= 2 for k, n in counts.items())
            and sum(1 for n in loud.values() if n >= 2) >= 2
            and talks(said(shouted))
        ):
            return [(i, l) for i, l in out if l.form != "apart"]
        counts.update({k: n for k, n in loud.items() if k not in counts})
    # (with people taking turns so, one heard once with a title is one more: "Senator Ben Roy"; and so is one the
    # document lists among its participants: "Sophie Tran - Vice President, Investor Relations")
    listed = {
        " ".join(_person_of(ROLE_DASH.split(line.strip())[0]).split()).casefold()
        for line in lines
        if participant_line(line)
    }
    # (or listed with a comma, "Dana Whitcombe, Vice President", where words are said under the name: not an
    # investor contact's "Daniel Kim" over a phone number)
    by_comma = {
        " ".join(line.strip().partition(", ")[0].split()).casefold() for line in lines if _listed_with_a_comma(line)
    }
    # (a name that recurs counts where words are said under it at least once: an earnings call's contents list
    # and section heading, "Prepared Remarks" over "Questions and Answers" and over "**Operator**", say nothing)
    speaking = {key(l) for l in said([(i, l) for i, l in out if l.form == "apart"]) if _sentence_like(l.rest)}
    return [
        (i, l)
        for i, l in out
        if l.form != "apart"
        or (counts[key(l)] >= 2 and key(l) in speaking)
        or key(l) in roled
        or (key(l) in counts and (titled(l.raw) or key(l) in listed))
        or (key(l) in counts and key(l) in by_comma and key(l) in speaking)
    ]


def _sentence_like(words: str) -> bool:
    """Whether `words` read as something said rather than a heading or a name: six words or more, a sentence's
    end, or (in a script written without spaces) a dozen characters."""
    words = words.strip().strip("*_").strip()
    return (
        len(words.split()) >= 6
        or words.endswith((".", "?", "!", "…", "。", "？", "！", "।", "؟"))
        or (" " not in words and len(words) >= 12)
    )


def score(accepted: dict[int, Label], name_of: Callable[[Label], str | None]) -> float:
    """How well a family explains a document: turns explained, less for labels used only once."""
    if not accepted:
        return 0.0
    counts = Counter(name_of(l) for l in accepted.values())
    turns = len(accepted)
    once = sum(1 for n in counts.values() if n == 1)
    recurring = sum(1 for n in counts.values() if n >= 2)
    if recurring == 0 and turns < 2:
        return 0.0
    return turns - 0.5 * once


def confidence(turns: int, labelish: int, distinct: int) -> float:
    """0..1: the share of label-looking line starts the convention explains, lower when most labels are one-offs."""
    if turns == 0:
        return 0.0
    share = turns / max(turns, labelish)
    spread = 1.0 if distinct <= max(2, turns // 2) else 0.75
    return max(0.0, min(1.0, share * spread))


# -- looking labelled ----------------------------------------------------------------

_PREFIX = re.compile(
    r"^\s*(?P<p>[\[(<]*[^\s:\]\)>]{1,24}(?:[ \t][^\s:\]\)>]{1,24}){0,3}[\])>:]+"
    r"(?:[ \t]*[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?)?)"
)


def _prefix_shape(prefix: str) -> str:
    shape = re.sub(r"\d+", "9", prefix)
    return re.sub(r"[^\W\d_]+", "a", shape)


def unexplained_prefix(lines: list[str], explained: set[int]) -> tuple[str, int] | None:
    """A line-start shape that most lines share but the convention did not read, with an example.

    Returns (an example prefix as written, how many lines have that shape) when
    at least 30% of the document's lines open the same way and fewer than half of
    those were read as labels; None otherwise.
    """
    body = [(i, l) for i, l in enumerate(lines) if l.strip()]
    if len(body) < 6:
        return None
    shapes: Counter[str] = Counter()
    example: dict[str, str] = {}
    where: dict[str, list[int]] = {}
    for i, line in body:
        m = _PREFIX.match(line)
        if not m or BARE_TIME.match(line.strip()):
            continue  # (a time alone on its line is no label: "0:03" over a video's captions)
        shape = _prefix_shape(m.group("p"))
        if shape in {"a:", "a a:"} and not m.group("p")[:1].isupper():
            continue
        shapes[shape] += 1
        example.setdefault(shape, m.group("p"))
        where.setdefault(shape, []).append(i)
    if not shapes:
        return None
    shape, n = shapes.most_common(1)[0]
    if n < max(5, 0.3 * len(body)):
        return None
    read = sum(1 for i in where[shape] if i in explained)
    if read >= 0.5 * n:
        return None
    # (nor lines that each stand right under a turn's label line, a translation or gloss of each turn: a Telugu call's
    # "[EN: Okay sir. How will I know ...]" under every "రైతు: ...")
    after = {}
    for i in explained:
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        after[j] = i
    if explained and sum(1 for i in where[shape] if i in after) >= 0.8 * n:
        return None
    return example[shape], n


# -- user-stated conventions ---------------------------------------------------------

_FIELD = re.compile(r"\{(speaker|name|time|text|skip|\*)\}")
#: What each field of a --labels pattern matches.
_FIELD_REGEX = {
    "speaker": r"(?P<speaker>[^\W\d_][^\n]{0,60}?)",
    "time": rf"(?P<time>{_TIME})",
    "text": r"(?P<text>.*)",
    "skip": r".*?",
    "*": r".*?",
}


class PatternError(ValueError):
    """A speaker labels pattern that cannot be used, with a one-line reason (naming no command or flag)."""


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """`"[{speaker}] [{time}] {text}"` to a regular expression over one line.

    Fields: `{speaker}` (required; `{name}` is the same), `{time}` (a clock time
    such as 0:03, 01:02:03 or 00:00:01,500), `{text}` (the words; without it the
    label stands alone on its line and the words follow below), `{skip}` or `{*}`
    (anything, ignored).  Everything else is literal, and a space matches any
    run of spaces or tabs.
    """
    if "{speaker}" not in pattern and "{name}" not in pattern:
        raise PatternError('a speaker labels pattern needs {speaker}, e.g. "{speaker}: {text}"')
    parts: list[str] = ["^\\s*"]
    pos = 0
    seen: set[str] = set()
    for m in _FIELD.finditer(pattern):
        parts.append(_literal(pattern[pos : m.start()]))
        field = "speaker" if m.group(1) == "name" else m.group(1)
        if field in seen and field != "skip" and field != "*":
            raise PatternError(f"{{{field}}} appears twice in the speaker labels pattern")
        seen.add(field)
        parts.append(_FIELD_REGEX[field])
        pos = m.end()
    parts.append(_literal(pattern[pos:]))
    parts.append(r"\s*$")
    if re.search(r"\{[^}]*\}", _FIELD.sub("", pattern)):
        raise PatternError("an unknown field in the speaker labels pattern; use {speaker}, {time}, {text} or {skip}")
    try:
        return re.compile("".join(parts))
    except re.error as exc:  # pragma: no cover - literals are escaped
        raise PatternError(f"the speaker labels pattern: {exc}") from None


def _literal(text: str) -> str:
    out = []
    for chunk in re.split(r"(\s+)", text):
        if not chunk:
            continue
        out.append(r"[ \t]*" if chunk.isspace() else re.escape(chunk))
    return "".join(out)


def pattern_candidates(regex: re.Pattern[str], lines: list[str]) -> list[tuple[int, Label]]:
    """The lines a user's pattern reads as labels."""
    out: list[tuple[int, Label]] = []
    alone = "text" not in regex.groupindex
    for i, line in enumerate(lines):
        m = regex.match(line)
        if not m:
            continue
        name = " ".join(m.group("speaker").split()).strip(" :")
        if not name:
            continue
        stamp = m.group("time") if "time" in regex.groupindex else None
        rest = "" if alone else m.group("text")
        out.append((i, Label(name, rest, "pattern", parse_time(stamp) if stamp else None)))
    return out
