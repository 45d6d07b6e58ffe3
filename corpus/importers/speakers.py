"""Deciding which label candidates are speakers, and who each one is.

Label shapes come from `names.match_label`; this module weighs them against the
whole document: a label counts when its form is unmistakable, when it recurs,
or when the document introduces that person.  Initials ("NT") and short forms
("MR. SMITH", "LIMAN") are then resolved to the full name the same document
gives, and every other form is kept as an alias.
"""

from __future__ import annotations

import collections
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sayso.corpus.importers.grammar import talks
from sayso.corpus.importers.names import (
    GENERIC_SPEAKER,
    GLUED_INITIAL,
    HONORIFICS,
    LEAVE_ASIDE,
    NOT_NAMES,
    TITLES,
    Label,
    courtesy_and_office,
    display_name,
    initials_of,
    is_full_name,
    is_initials,
    is_office,
    masked_number,
    mentioned_names,
    name_key,
    name_spans,
    names_a_meeting_room,
    names_a_person,
    ocr_key,
    person_tokens,
    surname,
    titles_compatible,
    titles_of,
    uncased,
    unnamed_voice,
)
from sayso.corpus.models import ParsedPassage


@dataclass
class SpeakerTable:
    """Accepted labels of one document: label key -> canonical display name, plus aliases."""

    canonical: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    #: each label's key in `canonical`, by the label as written (a document's few labels are asked for often)
    _keys: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def name_for(self, label: Label) -> str | None:
        key = self._keys.get(label.raw)
        if key is None:
            key = self._keys[label.raw] = name_key(display_name(label.raw))
        return self.canonical.get(key)

    def add_alias(self, name: str, alias: str) -> None:
        if name_key(alias) == name_key(name):
            return
        bucket = self.aliases.setdefault(name, [])
        if alias not in bucket:
            bucket.append(alias)


#: Words that join an office's words and hardly ever a name's ("Minister of State at the Department of Housing",
#: "MENTERI KELAUTAN DAN PERIKANAN", Danish "Børne- og undervisningsministeren").
_OFFICE_JOINERS = frozenset(["of", "at", "for", "and", "to", "dan", "und", "og", "och", "et"])
#: Articles before an office named alone ("The Chair", "An Cathaoirleach").
_ARTICLES = frozenset(["the", "an", "la", "le", "el", "il", "der", "die"])


#: Words that end a body's name, never a person's: "Chair (Finance Committee):" names the committee.
_BODIES = frozenset(
    [
        "committee",
        "affairs",
        "department",
        "ministry",
        "council",
        "party",
        "group",
        "association",
        "university",
        "board",
        "commission",
        "office",
        "agency",
        "authority",
        "union",
        "society",
        "institute",
        "company",
        "corporation",
        "inc",
        "ltd",
        "bank",
        "service",
        "services",
        "foundation",
        "trust",
        "federation",
        "league",
        "club",
        "school",
        "college",
        "court",
        "senate",
        "house",
        "assembly",
        "parliament",
        "government",
        "county",
        "city",
        "state",
        "district",
        "region",
        "province",
        "caucus",
    ]
)


def _a_body(name: str) -> bool:
    return bool(name.split()) and name.split()[-1].strip(".,").casefold() in _BODIES


def _honoured(name: str) -> bool:
    tokens = name.split()
    return len(tokens) >= 2 and tokens[0].strip(".,").casefold() in HONORIFICS and tokens[1][:1].isupper()


def _an_office(name: str) -> bool:
    """Whether a label that holds a person's name in parentheses after it names an office, a role or a
    placeholder rather than that person: "Formanden", "The Chair", "MODERATOR", "Speaker 1", "A", "KETUA RAPAT",
    "Minister of State at the Department of Housing"; never a titled name ("Deputy Seán Ó Flaithearta")."""
    if _honoured(name) or GLUED_INITIAL.match(name):
        return False  # (nor a surname with its initial glued on: "Г.Батсүх")
    tokens = [t for t in name.split() if t.casefold() not in _ARTICLES] or name.split()
    if GENERIC_SPEAKER.match(name) or len(tokens) == 1:
        return True
    return any(t.casefold() in _OFFICE_JOINERS for t in tokens[1:])


def _in_parentheses(role: str) -> tuple[str, str]:
    """(the person, what else) of a label's parenthesised part: "DELIA FROST, RESIDENT" -> ("DELIA FROST",
    "RESIDENT"); "Mrs. Anne Lapointe (Sherbrooke, Lib.)" -> ("Mrs. Anne Lapointe", "Sherbrooke, Lib.")."""
    # (or a spaced dash: "أم سارة – عمّان", a caller and where they call from)
    marks = (",", "(", " – ", " — ", " - ")
    cut = min((k for k in (role.find(mark) for mark in marks) if k >= 0), default=len(role))
    more = role[cut:].strip(" ,()–—-")
    return role[:cut].strip(), " ".join(more.replace("(", " ").replace(")", " ").split())


def people_in_parentheses(labels: dict[int, Label], table: SpeakerTable, lines: Sequence[str] = ()) -> dict[int, Label]:
    """Accepted `labels` with the person first where a label names an office, a role or a placeholder and puts
    the person in parentheses ("Formanden (Karen Vestergaard):", "KETUA RAPAT (Dr. H. BAMBANG SUTRISNO):",
    "Caller (Frank, Tulsa):", "The Acting CHAIRMAN (Mr. Shaw)."): the person is the speaker, the office their
    role, and the office's labels alone after it ("The Acting CHAIRMAN.") are that person's, until the document
    names another holder.  (`table` learns the people's names.)

    A name before the parentheses stays the speaker ("Jens Lund (V):", "Mr Smith (North East Fife):"): the
    parentheses hold a party, a seat or an affiliation; so does a single word that the document's `lines` give
    as someone's surname ("GALLO (Valdoria Futura)." where the record says "la consigliera Giulia Gallo").
    """
    if not any(label.role for label in labels.values()):
        return labels  # (no parentheses to read: a large transcript's labels are not copied)
    surnames: set[str] | None = None  # (the words of the names the text mentions: looked for once, if needed)
    holder: dict[str, str] = {}
    out: dict[int, Label] = {}
    # (in a script without capitals nothing tells a person in parentheses from an outlet; but one office over
    # several of them, "کالر (ندیم، فیصل آباد)" then "کالر (سلمیٰ، کراچی)", is several people: each goes by the
    # office and what the parentheses say)
    held_by: dict[str, set[str]] = {}
    described: set[str] = set()  # (offices whose parentheses say who and where: "(ندیم، فیصل آباد)")
    for label in labels.values():
        if label.role and label.form not in ("clip", "record") and uncased(label.raw):
            # (a play's "ელენე (მობრუნდება, უყურებს)." gives a direction, in the record's shape)
            office_key = name_key(display_name(label.raw))
            held_by.setdefault(office_key, set()).add(name_key(_in_parentheses(label.role.replace("،", ","))[0]))
            if "," in label.role or "،" in label.role or "、" in label.role:
                described.add(office_key)
    # (not a character's directions in a play, "ელენე (მობრუნდება)", "سلمى (تضحك، تنظر إليه)": they say no one,
    # and no place, and the character speaks under the bare name too)
    bare = {name_key(display_name(label.raw)) for label in labels.values() if not label.role}
    held_by = {k: v for k, v in held_by.items() if k in described and k not in bare}
    for i in sorted(labels):
        label = labels[i]
        office_key = name_key(display_name(label.raw))
        if label.role and label.form != "clip" and len(held_by.get(office_key, ())) >= 2:
            person = _in_parentheses(label.role.replace("،", ","))[0]
            label = Label(f"{label.raw.strip()} ({person})", label.rest, label.form, label.time, label.role)
            holder[office_key] = label.raw
        elif (
            label.role
            and label.form != "clip"
            and uncased(person := _in_parentheses(label.role.replace("،", ","))[0])
            and (alone := _speaks_alone(person, labels)) is not None
        ):
            # (in a script without capitals, a person in parentheses who speaks under a label of their own too,
            # their name or its first word: "میزبان (عائشہ ملک):" then "عائشہ:")
            label = Label(person, label.rest, label.form, label.time, label.raw.strip())
            holder[office_key] = person
            alone_key, alone_name = alone
            if alone_key != name_key(person):
                table.canonical[alone_key] = person
                table.add_alias(person, alone_name)
        elif label.role and label.form != "clip":
            person, more = _in_parentheses(label.role)
            office = label.raw
            placeholder = bool(GENERIC_SPEAKER.match(office)) or len(office.replace(".", "").strip()) == 1
            # (in a script without capitals nothing tells a person from an outlet: "صحفي (قناة الأولى)")
            if " " not in office.strip() and lines and surnames is None:
                # (written in ordinary case, "Giulia Gallo": not a group's letters, "Silakan F-PDIP")
                surnames = {
                    w.casefold()
                    for line in lines
                    for n in mentioned_names(line)
                    if is_full_name(n)
                    for w in n.split()
                    if w.isalpha() and w.istitle()
                }
            if (
                not uncased(person)
                # (a meeting room's device with the tool's note, "HSC-Boardroom-2 (Room Kit Pro)": no office held)
                and not names_a_meeting_room(office)
                and (_an_office(office) or (_honoured(person) and not _honoured(office)))
                and not (" " not in office.strip() and surnames and office.strip(" .").casefold() in surnames)
                and (
                    # (a person's name opens with a capital: "spoke in French" after the UN's "The President" is a note)
                    (is_full_name(person) and person[:1].isupper() and not _a_body(person))
                    or _honoured(person)
                    or (
                        placeholder
                        and person[:1].isupper()
                        and len(person) >= 3
                        and person.isalpha()
                        and (not person.isupper() or bool(more))  # ("CALLER (DENISE, MOOSE JAW)"; "REPORTER (STANDUP)")
                    )
                )
            ):
                if placeholder and person.isupper() and " " not in person:
                    person = person.capitalize()  # a caller's first name in capitals: "RAJ", not initials
                label = Label(person, label.rest, label.form, label.time, ", ".join(r for r in (office, more) if r))
                if not placeholder:
                    holder[office_key] = person
        elif not label.role and (office_key in holder or len(_shortened(office_key, holder)) == 1):
            # the office alone, after the document named its holder, or the office shortened ("PRESIDENTA:" after
            # "PRESIDENTA DEL TRIBUNAL (Dra. Villanueva):")
            held = holder[office_key] if office_key in holder else holder[_shortened(office_key, holder)[0]]
            label = Label(held, label.rest, label.form, label.time, label.raw)
        if label is not labels[i]:
            table.canonical.setdefault(name_key(display_name(label.raw)), display_name(label.raw))
        out[i] = label
    return out


def _shortened(office_key: str, holder: dict[str, str]) -> list[str]:
    """The offices in `holder` that `office_key` is the first words of ("presidenta" of "presidenta del
    tribunal"); never a one-letter or numbered placeholder's."""
    if len(office_key) < 3 or any(c.isdigit() for c in office_key):
        return []
    return [k for k in holder if k.startswith(office_key + " ")]


def _speaks_alone(person: str, labels: dict[int, Label]) -> tuple[str, str] | None:
    """(key, name as shown) of a label of `person`'s own among `labels`, under their name or its first word, if
    there is one."""
    keys = {name_key(person)}
    if len(person.split()) >= 2:
        keys.add(name_key(person.split()[0]))
    for label in labels.values():
        shown = display_name(label.raw)
        if (key := name_key(shown)) in keys and not label.role:
            return key, shown
    return None


def is_generic(name: str) -> bool:
    """ "Unknown Speaker", "Speaker 2", "Moderator": placeholders, not people."""
    return bool(GENERIC_SPEAKER.match(name.strip()))


def decide(candidates: list[tuple[int, Label]], lines: Sequence[str], intro: str) -> tuple[SpeakerTable, set[int]]:
    """Choose the real labels among `candidates` (line index, label) and name their speakers.

    `lines` are the document's lines: they are only read when a label is initials or a one-off full name
    (never joined: a large document's text is not copied for it).

    Returns the speaker table and the set of line indexes whose labels were accepted.
    """
    by_key: dict[str, list[tuple[int, Label]]] = {}
    phrases: dict[str, list[tuple[int, Label]]] = {}  # roles written as phrases ("Phóng viên:"): judged last
    for idx, label in candidates:
        (phrases if label.form == "phrase" else by_key).setdefault(name_key(display_name(label.raw)), []).append(
            (idx, label)
        )
    # Names mentioned in the text only matter for initials and one-off labels; skip the scan otherwise.
    needed = any(
        is_initials(n) or (len(items) == 1 and is_full_name(n))
        for items in by_key.values()
        for n in [display_name(items[0][1].raw)]
    )
    mentions: dict[str, int] = {}
    if needed:
        for line in lines:  # (a name never runs over a line's end: the same counts as in the joined text)
            for name, count in mentioned_names(line).items():
                mentions[name] = mentions.get(name, 0) + count
    intro_mentions = mentioned_names(intro) if needed else {}
    mention_counts: dict[str, int] = {}
    for m, c in mentions.items():
        mention_counts[name_key(m)] = mention_counts.get(name_key(m), 0) + c
    intro_keys = {name_key(m) for m in intro_mentions}

    def strong(key: str) -> bool:
        return any(l.strong for _, l in by_key[key])

    accepted: set[str] = set()
    # Single capitals take turns as two or three people do (A/B, I/R, Q/A); four or more are a quiz's choices.
    single = [items for items in by_key.values() if len(items[0][1].raw.replace(".", "").strip()) == 1]
    letters_used, letter_turns = len(single), sum(len(items) for items in single)
    question_letters = any(items[0][1].raw.replace(".", "").strip().casefold() in {"q", "a"} for items in single)
    for key, items in by_key.items():
        label = items[0][1]
        name = display_name(label.raw)
        count = len(items)
        forms = {l.form for _, l in items}
        if forms <= {"semicolon"}:
            continue
        letters = name.replace(".", "").replace(" ", "")
        if len(letters) == 1:
            # three turns each, or two each where two or three letters take four turns or more ("D:"/"R:")
            # (Q and A are the Q&A reader's to judge: an FAQ has them too)
            twice = count >= 2 and letters_used >= 2 and letter_turns >= 4 and not question_letters
            if letters_used <= 3 and (count >= 3 or twice):
                accepted.add(key)
            continue
        if (
            is_initials(name)
            and name.replace(".", "").casefold() in NOT_NAMES
            and not is_generic(name)
            and not (count >= 3 and "." in label.raw)
        ):
            # "AN:", "NOTE:", "PS:" only count once resolved to a person (below); "HOST:" is a role; a role written
            # short with its stops, turn after turn, is someone's ("P.M. –", the public prosecutor in an Italian
            # court's record)
            continue
        if (
            strong(key)
            or count >= 2
            or is_generic(name)
            or (is_full_name(name) and (mention_counts.get(key, 0) >= 2 or key in intro_keys))
        ):
            accepted.add(key)
    # A one-off full-name label that recurring initials stand for ("Nick Thompson:" then "NT:").
    all_full = [
        display_name(items[0][1].raw) for items in by_key.values() if is_full_name(display_name(items[0][1].raw))
    ]
    for key in list(accepted):
        name = display_name(by_key[key][0][1].raw)
        if is_initials(name):
            target = _resolve_initials(name, all_full, {}, {})
            if target:
                accepted.add(name_key(target))
    # Labels before the transcript proper (a title such as "Open Models, Open Archives: Who
    # Keeps the Record?") only count on the strength of the rules above.
    anchor = min((idx for key in accepted for idx, _ in by_key[key]), default=-1)
    # Initials and one-off names become speakers if the document says who they are.
    full_labels = [
        display_name(by_key[k][0][1].raw) for k in accepted if is_full_name(display_name(by_key[k][0][1].raw))
    ]
    for key, items in by_key.items():
        name = display_name(items[0][1].raw)
        if key in accepted or not is_initials(name):
            continue
        if _resolve_initials(name, full_labels, intro_mentions, mentions):
            accepted.add(key)
    # Two or more different full names as labels, none recurring: a short dialogue.
    if not accepted:
        at = {i for i, _ in candidates}
        fulls = [
            k
            for k, items in by_key.items()
            if not is_title_line(*items[0])
            # (a name alone on its line with another right under it is a heading's: "CÂMARA DOS DEPUTADOS")
            and not (not items[0][1].rest and items[0][0] + 1 in at)
            and is_full_name(display_name(items[0][1].raw))
            and len(person_tokens(display_name(items[0][1].raw))) <= 3
            and items[0][1].form != "semicolon"
        ]
        said = [label for k in fulls for _, label in by_key[k] if label.said]
        if len(fulls) >= 2 and (len(said) < len(fulls) or talks(said)):
            # (where the words stand beside the names, they must sound like talk: a letter's "Ihr Zeichen:
            # DK/ms-2211" and "Fenster Küche: Der Griff ist ab." are fields, German writing its nouns capitalised)
            accepted.update(fulls)
            anchor = min(by_key[k][0][0] for k in fulls)
    # A one-off label shaped like the accepted ones ("NORTH:" beside "LIMAN:") is another speaker.
    styles = {_style(by_key[k][0][1]) for k in accepted}
    for key, items in by_key.items():
        label = items[0][1]
        if (
            key not in accepted
            # (a post's author's line may come before the first who posts twice: a thread's first comments)
            and (items[0][0] > anchor or label.form == "post")
            and label.form != "semicolon"
            and _style(label) in styles
            and _bare_label(label) not in NOT_NAMES
        ):
            # (initials too: "OMAR:" once beside "RACHEL:" is someone speaking, or their words go to Rachel)
            accepted.add(key)
    # A lone full-name label in a conversation with other accepted speakers is a guest; so is one that opens
    # the conversation (the host's one line before "Speaker 1:" and "Speaker 2:" take turns), if only labels
    # stand between it and the first accepted one and it is not a title.
    if len(accepted) >= 1:
        for key, items in by_key.items():
            name = display_name(items[0][1].raw)
            if (
                key not in accepted
                and (items[0][0] > anchor or _opens_the_conversation(items[0], anchor, candidates, lines))
                and is_full_name(name)
                and len(person_tokens(name)) <= 3
                and items[0][1].form != "semicolon"
            ):
                accepted.add(key)
    # A one-off "Mr. North:" or "- Ben:" in a document that already has speakers.
    if accepted:
        for key, items in by_key.items():
            label = items[0][1]
            name = display_name(label.raw)
            if key in accepted or label.form == "semicolon" or is_initials(name):
                continue
            before = items[0][0] < anchor
            if before and not (label.form == "dash" and label.said) and not _opening_speaker(items[0], styles):
                continue  # (before the conversation, only a caption's ">> CAPTIONER: Please stand by" opens it)
            # "The PRESIDENT: Order!", and an office in other languages, "De voorzitster: Ik open de vergadering.",
            # where what follows talks (a signature's "De voorzitster: mr. A. de Boer" does not)
            office = (name.split()[0] in ("The", "THE") and len(name.split()) >= 2) or (
                is_office(name) and _talks_as_a_turn(label.rest)
            )
            if (titles_of(name) and len(name.split()) >= 2) or office or label.form in {"dash", "bracket"}:
                accepted.add(key)
    # A one-off surname ("NIXON:") of someone already speaking.
    surnames = {surname(display_name(by_key[k][0][1].raw)) for k in accepted}
    for key, items in by_key.items():
        name = display_name(items[0][1].raw)
        if (
            key not in accepted
            and (not is_initials(name) or "." not in name)  # ("CHO:" is Glen Cho's surname, not initials)
            and surname(name) in surnames
            and items[0][1].form != "semicolon"
            and items[0][0] > anchor
        ):
            accepted.add(key)
    # A one-off full name whose given name speaks alone afterwards ("### Anna Hakobyan" once, then "### Anna"): the
    # one person, named in full at first, as podcasts do (the given name is theirs: resolved below).  Only where
    # no other label begins with that given name.
    shown = {key: display_name(items[0][1].raw) for key, items in by_key.items()}
    firsts = collections.Counter(name.split()[0].casefold() for name in shown.values() if name.split())
    alone = {shown[key].casefold() for key in accepted if len(shown[key].split()) == 1}
    for key, name in shown.items():
        if (
            key not in accepted
            and is_full_name(name)
            and name.split()[0].casefold() in alone
            and firsts[name.split()[0].casefold()] == 2
            and by_key[key][0][1].form != "semicolon"
        ):
            accepted.add(key)
    # A role written as a phrase takes turns with the people accepted above, and talks; a voice a play or a record
    # gives no name ("A VOICE FROM THE GALLERY:") is often heard once.
    if accepted:
        for key, items in phrases.items():
            if key in by_key:
                continue
            if (
                (len(items) >= 2 and talks([label for _, label in items]))
                # (a courtesy title before the office says a person, talking or not: "Sr. alcalde:")
                or (len(items) >= 2 and courtesy_and_office(items[0][1].raw))
                or (
                    len(items) == 1
                    and unnamed_voice(items[0][1].raw)
                    # (its words open a sentence: "A woman: that is what I'd say" is a turn's own words quoting her)
                    and not items[0][1].rest.strip()[:1].islower()
                )
            ):
                by_key[key] = items
                accepted.add(key)

    table = SpeakerTable()
    display: dict[str, str] = {}
    counts: dict[str, int] = {}
    # (in the order the document first writes them: where two forms tie, the earlier wins, whatever the order a
    # set of them happens to iterate in, which changes from one run of Python to the next)
    in_order = sorted(accepted, key=lambda k: by_key[k][0][0])
    for key in in_order:
        items = by_key[key]
        display[key] = display_name(items[0][1].raw)
        counts[key] = len(items)
    # Resolve: OCR slips, initials, title+surname forms.
    full_names = [display[k] for k in in_order if is_full_name(display[k])]
    cast: list[str] | None = None  # (the people the roles' lines name: looked for once, if needed)
    # (the people the head's fields name, and every name in those lines: looked for once, if needed)
    fielded: list[str] | None = None
    heads: list[str] = []
    listed: list[str] | None = None  # (the names the lines above the turns write: looked for once, if needed)
    for key in sorted(in_order, key=lambda k: -counts[k]):
        name = display[key]
        target = None
        if is_initials(name):
            target = _resolve_initials(name, full_names, intro_mentions, mentions)
            if target is None and "." not in name:
                target = _resolve_surname(name, full_names)  # "PARK:" after "RUTH PARK, HOST:"
                target = _another_of_the_surname(name, target, full_names, lines) if target else None
            if target is None and "." not in name:
                target = _resolve_given(name, full_names)  # "ÞÓRA:" after "ÞÓRA SIGURÐARDÓTTIR:"
        elif not is_full_name(name) and not is_generic(name):
            target = _resolve_surname(name, full_names)
            target = _another_of_the_surname(name, target, full_names, lines) if target else None
            if target is None and not titles_of(name):
                same = {display[k] for k in accepted if k != key and surname(display[k]) == surname(name)}
                if len(same) == 1:
                    target = same.pop()
            if target is None and not titles_of(name):
                target = _resolve_given(name, full_names)  # "AMIT:" after "Amit Sharma:", the guest's first name
            if target is None:
                target = _resolve_ocr(key, display, counts)
            if target is None:
                target = _resolve_titled(name, key, display, counts)
        if target is None and len(words := name.split()) == 2 and not is_generic(name):
            # an office and a surname, after the office, the given name and the surname ("Valiokuntaneuvos Ojala:"
            # after "Valiokuntaneuvos Riikka Ojala:"): the one label that adds a name between the same two words
            # (or a title and the given name, after the title, the given name and the surname: "Prof.ª Luciana:"
            # after "Prof.ª Luciana Amaral:")
            titled = bool(titles_of(name))
            wider = {
                display[k]
                for k in accepted
                if k != key
                and len(other := display[k].split()) == 3
                and other[0] == words[0]
                and (name_key(other[2]) == name_key(words[1]) or (titled and name_key(other[1]) == name_key(words[1])))
            }
            target = wider.pop() if len(wider) == 1 else None
        if target is None and len(name.split()) == 1 and not is_generic(name) and not titles_of(name):
            # "HALL:" under "Guest: Nick Hall, author of Salt": the one person of that surname whom a role's line
            # ("Guest:", "Host:") names, none of the labels (not anyone the intro mentions: "Remembering Michael
            # Jordan" is whom an episode is about)
            if cast is None:
                # (the roles' lines above the first other label, each a name and a few words: a cast, not a
                # host's turn mentioning people)
                top = min((i for i, l in candidates if not is_generic(l.raw)), default=len(lines))
                cast = [
                    n
                    for i, l in candidates
                    if i < top and is_generic(l.raw) and len(l.rest.split()) <= 10 and l.rest.rstrip()[-1:] not in ".!?"
                    for n in mentioned_names(l.rest)
                    if is_full_name(n)
                ]
            if not any(surname(f) == surname(name) for f in full_names):
                target = _resolve_surname(name, cast)
            if target is None and not any(surname(f) == surname(name) for f in full_names):
                # or the one person of that surname a field of the head names ("Partea 1: dl Mihai Dobre
                # (proprietar ap. 16)" over "DOBRE:"), not a title's subject
                if fielded is None:
                    top = min((by_key[k][0][0] for k in accepted), default=0)
                    title_at = next((k for k, line in enumerate(lines) if line.strip()), 0)
                    fields = _field_values(lines[: min(top, 60)])
                    fielded = [
                        n
                        for k, value in fields
                        if k != title_at  # (a title's "Episode 12: Remembering Michael Jordan")
                        for n in mentioned_names(value)
                        if is_full_name(n)
                        and len(person_tokens(n)) >= 2
                        # (the field's value opens with the name, a title before it at the most)
                        and (
                            value.startswith(n)
                            or (
                                value.split()[0].strip(".").casefold() in TITLES
                                and value.split(None, 1)[-1].startswith(n)
                            )
                        )
                    ]
                    # (and every name in those lines, for another of that surname: "Guests: Nick Hall and Ben Hall")
                    heads = [n for line in lines[: min(top, 60)] if ":" in line for n in mentioned_names(line)]
                same = {name_key(h) for h in heads if surname(h) == surname(name) and len(person_tokens(h)) >= 2}
                # (a list of the people present, two or more: not a record's "Deceased: Arthur Webb" over "WEBB:")
                if len(same) <= 1 and len({name_key(f) for f in fielded}) >= 2:
                    target = _resolve_surname(name, fielded)
        if target is None and is_full_name(name):
            target = _resolve_initialled(name, full_names)  # "M. Zieliński:" after "Marek Zieliński (trener):"
            if target is None:
                # (or after a name the lines above the turns list, the surname first or last: "Е.В. Миронова:"
                # under "Миронова Елена Викторовна — глава администрации")
                if listed is None:
                    top = min((i for k in accepted for i, _ in by_key[k]), default=0)
                    # (not one a line says is away: "Apologies: John Smith (parent governor)")
                    listed = [
                        n
                        for line in lines[max(0, top - 60) : top]
                        if not LEAVE_ASIDE & {w.casefold() for w in _WORD_RUN.findall(line)}
                        for _, _, n in name_spans(line)
                    ]
                target = _resolve_initials_and_surname(name, [n for n in listed if n not in display.values()])
        if target is None and is_initials(name):
            target = _name_in_capitals(name, lines)
        table.canonical[key] = target or name
        if target and not any(ch.isdigit() for ch in name):
            table.add_alias(target, name)
    # Chains (an alias of an alias) collapse to the final name.
    for key in list(table.canonical):
        name = table.canonical[key]
        seen: set[str] = set()
        while name_key(name) in table.canonical and table.canonical[name_key(name)] != name and name not in seen:
            seen.add(name)
            name = table.canonical[name_key(name)]
        if name != table.canonical[key]:
            for alias in table.aliases.pop(table.canonical[key], []):
                table.add_alias(name, alias)
            table.add_alias(name, table.canonical[key])
            table.canonical[key] = name
    # Every line of an accepted name is a label, ";" typos ("MR. NIXON; I ...") included.
    label_lines = {idx for key in accepted for idx, _ in by_key[key]}
    return table, label_lines


def _opening_speaker(item: tuple[int, Label], styles: set[tuple[str, bool, bool, bool]]) -> bool:
    """A titled speaker heard once before the first one heard twice, in the shape of the document's labels (a
    debate's opening speech: "Mrs Eleanor Pike (Northfield) (Lab)", "Präsidentin Annette Brückner:"), and not
    the first line (a title)."""
    index, label = item
    name = display_name(label.raw)
    return index > 0 and bool(titles_of(name)) and len(name.split()) >= 2 and label.form in {s[0] for s in styles}


def _bare_label(label: Label) -> str:
    return label.raw.replace(".", "").strip().casefold()


def _bare_title(label: str) -> bool:
    return label.casefold() in TITLES


def _name_in_capitals(label: str, lines: Sequence[str]) -> str | None:
    """A short label in capitals that is a first name ("BOB", "JOHN"), as the document writes it in running text.

    Two to four capitals are taken for initials ("NT", "KFL"), never a name of their own, unless the document
    itself writes the word in ordinary case inside a sentence ("Thanks, John."): then "JOHN" is shown as John,
    like "ALICE" beside it is shown as Alice.  (Only mid-sentence: "It" and "So" open sentences.)
    """
    if "." in label or not label.isalpha() or _bare_title(label):
        return None  # ("MS:" and "DR:" stay: "Ms Jones" in the text says nothing of them)
    ordinary = label.capitalize()
    within = re.compile(rf"(?<=[a-z,] ){re.escape(ordinary)}\b")
    if any(ordinary in line and within.search(line) for line in lines):
        return ordinary
    # or a play's list of characters gives it as a name, the first word of a line, then a surname, a comma or a
    # dash and who they are ("LEN PARFITT — the village constable", "PACO, su sobrino"); a word with a vowel, as
    # initials seldom are ("NT — Nick Thompson" is a key to initials, not a name)
    if len(label) >= 3 and _VOWEL.search(label):
        cast = re.compile(rf"^[ \t]*{re.escape(label)}(?:[ \t]+[^\W\d_][\w'’-]*)?[ \t]*(?:,|[ \t][-–—][ \t])")
        if any(line.startswith((label, " ", "\t")) and cast.match(line) for line in lines[:200]):
            return ordinary
    return None


_VOWEL = re.compile(r"[AEIOUYÀ-ÆÈ-ÏÒ-ÖØ-ÜİАЕЁИОУЫЭЮЯ]")


def _opens_the_conversation(
    item: tuple[int, Label], anchor: int, candidates: list[tuple[int, Label]], lines: Sequence[str]
) -> bool:
    """Whether a label line before the first accepted label (`anchor`) is the conversation's first turn: it has
    words after it, is not a title, and nothing but label lines and blank lines come between it and `anchor`."""
    index, label = item
    if index >= anchor or not label.said or is_title_line(index, label):
        return False
    at = {i for i, _ in candidates}
    return all(i in at or not lines[i].strip() for i in range(index + 1, min(anchor, len(lines))))


def is_title_line(index: int, label: Label) -> bool:
    """A first line such as "Open Models: Who Keeps the Record?" is a title, not a turn."""
    words = [w for w in label.rest.split() if w[:1].isalpha()]
    capitalised = sum(1 for w in words if w[0].isupper())
    return index == 0 and bool(words) and capitalised >= 0.6 * len(words)


def unfinished(label: Label) -> bool:
    """Words after a label that end with no full stop: a title's ("Interview: Working far from home",
    "対談：地方で働くということ") where the label is the document's first and others recur below it."""
    core = label.rest.strip().rstrip("\"'”’」』)")
    return bool(core) and core[-1] not in ".!?…。！？"


def _style(label: Label) -> tuple[str, bool, bool, bool]:
    """How a label is written: form, all capitals, one word or more, with a title."""
    letters = [c for c in label.raw if c.isalpha()]
    caps = bool(letters) and all(c.isupper() for c in letters)
    # (in capitals, one word or two is the same style: a play's "HELENA." and "OLD WILLIAM.")
    return (label.form, caps, len(label.raw.split()) > 1 and not caps, bool(titles_of(label.raw)))


def _resolve_initials(
    initials: str, full_labels: list[str], intro: dict[str, int], mentions: dict[str, int]
) -> str | None:
    letters = initials.replace(".", "").replace(" ", "").upper()
    for pool in (full_labels, list(intro), list(mentions)):
        # (not the initials themselves, nor other initials: "О. М." reads as a name of two words)
        hits = [n for n in dict.fromkeys(pool) if letters in initials_of(n) and n != initials and not is_initials(n)]
        # The same person written twice ("Nick Thompson", "Nicholas Thompson") is one candidate.
        if not hits:
            continue
        if len(hits) == 1:
            return hits[0]
        weights = sorted(((mentions.get(h, 0), h) for h in hits), reverse=True)
        if pool is full_labels:
            return None
        if weights[0][0] > weights[1][0]:
            return weights[0][1]
        return None
    return None


def _resolve_surname(name: str, full_names: list[str]) -> str | None:
    key = surname(name)
    if not key:
        return None
    hits = [f for f in full_names if surname(f) == key and titles_compatible(f, name)]
    if len(set(hits)) == 1:
        return hits[0]
    return None


def _talks_as_a_turn(words: str) -> bool:
    """Whether `words` after a label read as a turn's: a sentence of three words or more, opening with a capital,
    not a quotation in quotes nor a name."""
    words = words.strip()
    return (
        len(words.split()) >= 3 and words[:1].isupper() and not names_a_person(" ".join(words.split()[:4]).rstrip(".,"))
    )


def merge_short_forms(passages: list[ParsedPassage], speakers: dict[str, list[str]]) -> None:
    """Captions' and cues' speakers that are another's short form, in place: a given name alone ("ÞÓRA:" after
    "ÞÓRA SIGURÐARDÓTTIR:"), a surname alone or an initial and the surname ("M. Zieliński"), each where one full
    name among the speakers fits it; the short form is kept as an alias."""
    full = [name for name in speakers if is_full_name(name) and not is_generic(name)]
    if not full:
        return
    into: dict[str, str] = {}
    for name in speakers:
        if is_generic(name):
            continue
        if name in full:
            target = _resolve_initialled(name, full)
        elif len(name.split()) == 1:
            # (a short surname in capitals reads like initials, "HOLT" beside "RUTH HOLT": it is her surname where
            # it is no one's initials)
            initialled = is_initials(name) and any(name.upper() in initials_of(f) for f in full)
            target = (
                _resolve_given(name, full)
                or (_resolve_surname(name, full) if not initialled else None)
                or _resolve_title_alone(name, full)
            )
        else:
            continue
        if target is not None and target != name:
            into[name] = target
    # (never two who take turns, one answering the other and back: "<v Sarah Kelly>", "<v Kelly>", "<v Sarah
    # Kelly>", a host and a child of that name; a name written out at the first turn, then short, is one person)
    steps = set(itertools.pairwise(p.speaker for p in passages if p.speaker))
    for short, target in list(into.items()):
        if (short, target) in steps and (target, short) in steps:
            into.pop(short)
    for p in passages:
        if p.speaker in into:
            p.speaker = into[p.speaker]
    for short, target in into.items():
        aliases = speakers.pop(short)
        bucket = speakers[target]
        for alias in [short, *aliases]:
            if alias not in bucket and alias != target:
                bucket.append(alias)


def _field_values(lines: Sequence[str]) -> list[tuple[int, str]]:
    """(line index, value) of each of `lines` that holds a field, "Key: value", its value not empty."""
    return [(k, value) for k, line in enumerate(lines) if ":" in line if (value := line.split(":", 1)[1].strip())]


def _another_of_the_surname(name: str, target: str, full_names: list[str], lines: Sequence[str]) -> str | None:
    """A surname alone (`name`) that resolved to the one full-name label of that surname (`target`), where the
    document's head names one more person of that surname who has no label of their own: that person, since the
    labels write out the given name where two share the surname ("PANĂ:" beside "ANDREI PANĂ:", under "dna
    Viorica Pană ..., asistată de fiul său, dl Andrei Pană").  Two more: None, no one can tell."""
    key = surname(name)
    # (people the head's fields name, "Partea 2: dna Viorica Pană (...), asistată de fiul său, dl Andrei Pană",
    # not the prose of an introduction: "her grandfather, Samuel Park", "Michael Jordan's final season")
    others = {
        n
        for _, value in _field_values(lines[:40])
        for n in mentioned_names(value)
        if (value.startswith(n) or value.split()[0].strip(".").casefold() in TITLES)
        and is_full_name(n)
        and not n.endswith(("'s", "’s"))
        and surname(n) == key
        and name_key(n) != name_key(target)
        and not any(name_key(n) == name_key(f) or n.endswith(" " + f) or f.endswith(" " + n) for f in full_names)
        and not name_key(target).endswith(name_key(n))
        and not name_key(n).endswith(name_key(target))
        and len(person_tokens(n)) >= 2
    }
    givens = {name_key(person_tokens(n)[0]) for n in others if person_tokens(n)}
    if not others:
        return target
    return min(others, key=len) if len(givens) == 1 else None


def _resolve_initialled(name: str, full_names: list[str]) -> str | None:
    """The one full name among `full_names` that an initial and a surname stand for ("M. Zieliński" for "Marek
    Zieliński"): the same surname, a given name written out that starts with the initial.  None where two fit."""
    tokens = person_tokens(name)
    if len(tokens) != 2 or len(tokens[0].rstrip(".")) != 1 or not tokens[0].rstrip(".").isalpha():
        return None
    initial, key = name_key(tokens[0])[:1], surname(name)
    hits = {
        f
        for f in full_names
        if f != name
        and surname(f) == key
        and len(given := person_tokens(f)) >= 2
        and len(given[0].rstrip(".")) > 1
        and name_key(given[0])[:1] == initial
    }
    return hits.pop() if len(hits) == 1 else None


_WORD_RUN = re.compile(r"[^\W\d_]+")


def _resolve_initials_and_surname(name: str, listed: list[str]) -> str | None:
    """The one listed full name that initials and a surname stand for, the surname first or last in it and the
    other names in order after the initials' letters ("Е.В. Миронова" for "Миронова Елена Викторовна", "О. Дёмина"
    for "Ольга Дёмина"); None where none or two fit."""
    tokens = name.replace(".", ". ").split()
    if len(tokens) < 2:
        return None
    initials = [t.rstrip(".") for t in tokens[:-1]]
    if not all(len(t) == 1 and t.isalpha() and t.isupper() for t in initials):
        return None
    key = name_key(tokens[-1])
    hits = set()
    for full in listed:
        words = full.split()
        if not 2 <= len(words) <= 4 or sum(1 for w in words if name_key(w) == key) != 1:
            continue
        others = [w for w in words if name_key(w) != key]
        if len(others) >= len(initials) and [w[:1].upper() for w in others[: len(initials)]] == [
            i.upper() for i in initials
        ]:
            hits.add(full)
    return hits.pop() if len(hits) == 1 else None


def _resolve_title_alone(name: str, full_names: list[str]) -> str | None:
    """In a script without capitals or spaces between a title and the name, a title alone that opens exactly one
    full name ("พระอาจารย์" for "พระอาจารย์สมศักดิ์ ปญฺญาวโร", the monk; not "คุณ", which opens several people's)."""
    if not uncased(name) or len(name) < 3:
        return None
    hits = {f for f in full_names if f != name and f.split()[0].startswith(name) and len(f.split()[0]) > len(name)}
    return hits.pop() if len(hits) == 1 else None


def _resolve_given(name: str, full_names: list[str]) -> str | None:
    """The one full name among `full_names` whose given name `name` is, alone ("Amit" for "Amit Sharma"); None
    where two share it, or where it is anyone's surname too."""
    tokens = name.split()
    if len(tokens) != 1:
        return None
    key = name_key(name)
    hits = {f for f in full_names if (given := person_tokens(f)) and name_key(given[0]) == key}
    if len(hits) != 1 or any(name_key(surname(f)) == key for f in full_names):
        return None
    return hits.pop()


def _resolve_ocr(key: str, display: dict[str, str], counts: dict[str, int]) -> str | None:
    mine = ocr_key(display[key])
    if mine == name_key(display[key]):
        # only names that contain digits are OCR suspects
        if not any(ch.isdigit() for ch in display[key]):
            return None
    for other, name in display.items():
        if (
            other != key
            and ocr_key(name) == mine
            and counts[other] > counts[key]
            and not any(c.isdigit() for c in name)
        ):
            return name
    return None


def _resolve_titled(name: str, key: str, display: dict[str, str], counts: dict[str, int]) -> str | None:
    """ "Mr. Kennedy" and "Senator Kennedy" in one document are one person; keep the most telling form."""
    sn = surname(name)
    if not sn or not titles_of(name):
        return None
    group = [
        k
        for k, n in display.items()
        if surname(n) == sn and titles_of(n) and titles_compatible(n, name) and not is_full_name(n)
    ]
    if len(group) < 2:
        return None

    def rank(k: str) -> tuple[int, int]:
        plain = titles_of(display[k]) <= {"mr", "mrs", "ms", "miss", "mx"}
        return (0 if not plain else 1, -counts[k])

    best = min(group, key=rank)
    return None if best == key else display[best]


def self_introductions(name: str, turns_text: str) -> list[str]:
    """Other names a speaker gives for themself: "I'm Nicholas Thompson" for Nick Thompson."""
    found: list[str] = []
    tokens = person_tokens(name)
    if len(tokens) < 2:
        return found
    for m in re.finditer(
        r"\b(?:I'm|I’m|I am|my name is|My name is|This is)\s+((?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+)", turns_text
    ):
        other = m.group(1).strip()
        otoks = other.split()
        if name_key(otoks[-1]) == name_key(tokens[-1]) and name_key(other) != name_key(name):
            a, b = name_key(otoks[0]), name_key(tokens[0])
            if a[:3] == b[:3] or a.startswith(b) or b.startswith(a):
                found.append(other)
    return list(dict.fromkeys(found))


def masked_senders(passages: Sequence[ParsedPassage]) -> str | None:
    """A warning when turns go to a phone number whose digits are hidden ("+252 6X XXX XXXX"), twice or more: a
    chat export made anonymous hides every number alike, so the turns under it may be several people's."""
    counts = collections.Counter(p.speaker for p in passages if p.speaker and masked_number(p.speaker))
    if not counts:
        return None
    name, count = counts.most_common(1)[0]
    if count < 2:
        return None
    return (
        f"{count} turns go to {name!r}, a phone number with its digits hidden: an export made anonymous hides "
        "everyone's number alike, so they may be several people's, all read as one speaker"
    )
