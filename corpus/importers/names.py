"""Speaker labels: what looks like a name, how to show it, and who initials stand for.

A label is only a label when it has the shape of a name: short, made of
capitalised name-like tokens (titles, initials and particles allowed), and not
a sentence word ("The point is this:", "Note:", "Update:" are prose).  Clock
times never qualify because a name must start with a letter.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

# The one initials rule and name key (corpus.identity's), offered here to the importers that use them.
from sayso.corpus.identity import first_syllable
from sayso.corpus.identity import is_initials as is_initials
from sayso.corpus.identity import name_key as name_key

#: Courtesy and office titles that may open a label ("MR. NIXON", "Senator Kennedy").
TITLES = {
    # the Bundestag's chair: "Präsidentin Annette Brückner", "Vizepräsident Dr. Holger Maaß"
    "präsident",
    "präsidentin",
    "vizepräsident",
    "vizepräsidentin",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    # (Portuguese feminine, with its ordinal mark: "Prof.ª", "Dr.ª", "Sr.ª")
    "prof.ª",
    "dr.ª",
    "sr.ª",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "gen",
    "general",
    "col",
    "colonel",
    "capt",
    "captain",
    "lt",
    "sgt",
    "rev",
    "hon",
    "judge",
    "justice",
    "chairman",
    "chairwoman",
    "chair",
    "president",
    "vice",
    "secretary",
    "ambassador",
    "amb",
    "admiral",
    "adm",
    "sir",
    "dame",
    "lord",
    "lady",
    "mayor",
    "minister",
    "commissioner",
    "congressman",
    "congresswoman",
    "father",
    "sister",
    "brother",
    "chief",
    "officer",
    "detective",
    "agent",
    "pres",
    "sr",
    "jr",
    "madam",
    "mme",
    "mlle",
    "herr",
    "frau",
    "don",
    "doña",
    "señor",
    "señora",
    # Swahili: Ndugu (Mr, comrade), Mheshimiwa (Honourable), Daktari (Dr)
    "ndg",
    "ndugu",
    "mhe",
    "mheshimiwa",
    "dkt",
    # (and as Spanish, Portuguese and Italian records shorten them: "Sra. Lima", "Dra. Ruiz", "Dott. Bianchi")
    "sra",
    "srta",
    "dra",
    "senhor",
    "senhora",
    "dott",
    "rabbi",
    "imam",
    "pastor",
    "coach",
    # Vietnamese: "Ông Nguyễn Văn Hùng" (Mr), "Bà Trần Thị Lan" (Mrs), then "Ông Hùng" by the given name, last
    "ông",
    "bà",
    # Romanian: "dl Mihai Dobre", "dna Viorica Pană", "Doamna Pană", "Domnule Pană" (and their cases)
    "dl",
    "dna",
    "domnul",
    "domnule",
    "domnului",
    "doamna",
    "doamnă",
    "doamnei",
}
#: Words that join a sentence; capitalised inside a label they make it a heading, not a name.
_FUNCTION_WORDS = {
    "the",
    "this",
    "that",
    "these",
    "those",
    "and",
    "but",
    "or",
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "to",
    "is",
    "are",
    "was",
    "were",
    "be",
    "it",
    "its",
    "we",
    "you",
    "they",
    "he",
    "she",
    "i",
    "my",
    "our",
    "your",
    "what",
    "why",
    "how",
    "when",
    "where",
    "who",
    "which",
    "if",
    "so",
    "not",
    "no",
    "all",
    "some",
    "about",
    "from",
    "by",
    "as",
    "an",
    "a",
}
#: Titles that never stand alone for a person (unlike "Chairman" or "Senator").
_COURTESY = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "hon", "rev", "sr", "jr", "st", "messrs", "mme", "mlle"}
#: Courtesy titles that open a person's name before a dash and their office: "NDG. ASHA MWINYI – KATIBU MEZANI"
#: (Swahili's Ndugu, Mheshimiwa, Daktari too).
_COURTESY_BEFORE_AN_OFFICE = frozenset(_COURTESY | {"ndg", "ndugu", "mhe", "mheshimiwa", "dkt"})
#: Honorifics that come before a person's name, never before an office alone ("Dr. H. Bambang Sutrisno", "Hj. Nur
#: Aini", "Mrs. Anne Lapointe", "Hon. Chelimo"); TITLES' "Chief", "Minister" or "President" may open an office.
HONORIFICS = frozenset(
    (_COURTESY - {"jr", "st", "messrs"})
    | {"sir", "dame", "lord", "lady", "fr", "h", "hj", "dra", "drs", "ir", "dott", "ing", "herr", "frau", "m"}
    | {"sra", "srta", "shri", "smt", "sri", "mhe", "ndg", "ông", "bà"}
)
#: (Spanish and Portuguese abbreviate them a letter apart, "Sr." and "Sra.": a brother and a sister "Sr. Ibarra" and
#: "Sra. Ibarra" are two people, not one name spelt twice; "Sr." alone is no man's, English writing it for Sister)
_MALE_TITLES = {
    "mr",
    "sir",
    "lord",
    "herr",
    "señor",
    "don",
    "senhor",
    "ông",
    "brother",
    "father",
    "congressman",
    "chairman",
}
_FEMALE_TITLES = {
    "mrs",
    "ms",
    "miss",
    "dame",
    "lady",
    "frau",
    "señora",
    "sister",
    "congresswoman",
    "chairwoman",
    "madam",
    "mme",
    "mlle",
    "doña",
    "sra",
    "srta",
    "dra",
    "senhora",
    "prof.ª",
    "bà",
}

#: Lower-case particles allowed inside a name ("Ursula von der Leyen", "Gabriel García Márquez").
PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "do",
    "dos",
    "das",
    "du",
    "la",
    "le",
    "bin",
    "bint",
    "binti",  # Malay: "Noraini binti Yusof"
    "binte",
    "ibn",
    "al",
    "el",
    "y",
    "i",  # Catalan: "Jordi Cases i Mir"
    "e",  # Portuguese: "Ferreira e Sousa"
    "ten",
    "ter",
    "zu",
    "af",
    "st",
    "st.",
    "ap",  # Welsh: "Rhun ap Iorwerth"
    "ab",
    "ben",  # Hebrew and Arabic: "Yossi ben David"
    "bat",
    "vom",
}

#: Words that head a note, in the languages sayso reads (Swedish "OBS:", Finnish "Huom:", Polish "Uwaga:", Dutch
#: "Opmerking:", Danish "Bemærk:", Italian and Spanish "Nota:", German "Notiz:", "Anmerkung:", Nordic "Notat:",
#: "Merknad:", Czech, Hungarian, Greek, Hebrew, Arabic, Thai, Indonesian, Japanese, Chinese; a translator's note):
#: never a speaker's name, and a bracketed note's own word ("[Editor's note: ...]").
NOTE_HEADS = frozenset(
    {
        "note", "notes", "nb", "obs", "huom", "huomautus", "uwaga", "opmerking", "bemærk", "remarque", "примечание",
        "nota", "notiz", "anmerkung", "notat", "merknad", "poznámka", "megjegyzés", "σημείωση", "הערה", "ملاحظة",
        "หมายเหตุ", "catatan", "備考", "备注", "translation", "نوٹ", "نکته", "یادداشت", "नोट", "टिप्पणी",
        "নোট", "টীকা", "注", "注意", "참고", "비고", "kumbuka", "notă", "napomena", "opomba", "pastaba", "piezīme",
        "märkus", "shënim", "бележка", "примітка", "anm", "anmärkning", "huomio",
        # (and a warning's: "ATTENZIONE: le etichette ... risultano invertite")
        "warning", "caution", "attention", "attenzione", "achtung", "hinweis", "atención", "atenção", "avviso", "aviso",
        "внимание", "dikkat", "perhatian", "uyarı",
    }
)  # fmt: skip

#: What is put to the vote, as a record heads it between the turns: the Swiss Bulletin's "Antrag der Kommission:"
#: and "Proposition de la minorité (Graber Peter):", a bill's "Amendment No. 4:".  Only before more words: alone,
#: "PROPOSITION:" and "OPPOSITION:" are a schools debate's two sides, speaking.
MOTION_HEADS = frozenset(
    {
        "antrag", "anträge", "proposition", "motion", "amendment", "amendement", "änderungsantrag", "emendamento",
        "mozione", "proposta", "enmienda", "moción", "voorstel", "wniosek", "poprawka",
    }
)  # fmt: skip

#: The words minutes and records head what was decided, voted or taken up between the turns, never a
#: speaker (in NOT_NAMES, and the notes of a record in parentheses, "(Karar No: 2025/47)", are no one's words).
MINUTES_HEADS = frozenset(
    {
        # minutes' decisions, in the languages councils minute them: "RESOLVED: That the minutes be approved", German
        # "Beschluss:", Dutch "Besluit:", French "Décision :", Spanish "Acuerdo:", Italian "Delibera:", Polish "Uchwała:"
        "resolved",
        "agreed",
        "decided",
        "decision",
        "resolution",
        "beschluss",
        "besluit",
        "décision",
        "acuerdo",
        "delibera",
        "uchwała",
        # (a council's votes: Dutch "(Stemming amendement A: aangenomen ...)", German "Abstimmung:", Polish
        # "Głosowanie:")
        "stemming",
        "abstimmung",
        "oylama",
        "votación",
        "votação",
        "głosowanie",
        "scrutin",
        "vote",
        "voting",
        # (and an agenda's items: German "TOP 3:" (Tagesordnungspunkt), "Punkt 4:", Turkish "GÜNDEM MADDESİ 4:",
        # Dutch "Agendapunt 5:", "Item 3:")
        "top",
        "tagesordnungspunkt",
        "punkt",
        "gündem",
        "agendapunt",
        "item",
    }
)

#: Words that start sentences, headings or notes, never a speaker's name.
NOT_NAMES = (
    {
        # a header's list of who takes part, never a turn: "Speakers: Ada Park, Ben Cho", "Present: ..."
        "speakers",
        "participants",
        "panelists",
        "panellists",
        "attendees",
        "present",
        "absent",
        "apologies",
        "guests",
        "hosts",
        "cast",
        "featuring",
        "moderators",
        "intervenants",
        "ponentes",
        "teilnehmer",
        # a press release's and an email's fields, a programme's items
        "media",
        "press",
        "sent",
        "forwarded",
        "keynote",
        "panel",
        "workshop",
        "session",
        "break",
        "lunch",
        "registration",
        "networking",
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "it's",
        "here",
        "there",
        # the same in the languages forms, FAQs and instructions come in: German "Warnung:", "Tipp:" (their "Hinweis:",
        # "Achtung:", Italian "Avviso:" and the like are NOTE_HEADS; not Norwegian "Merk:", a surname too)
        "warnung",
        "tipp",
        # (a note, as other languages head one: Italian and Spanish "Nota:", German "Notiz:", "Anmerkung:", Nordic
        # "Notat:", "Merknad:", Finnish, Czech, Hungarian, Greek, Hebrew, Arabic, Thai, Vietnamese, Indonesian, Japanese)
        "ghi chú",
        "ps",
        "update",
        "updated",
        "edit",
        "edited",
        "tip",
        "tips",
        "example",
        "examples",
        "source",
        "sources",
        "summary",
        "transcript",
        "transcription",
        "step",
        "chapter",
        "part",
        "section",
        "table",
        "figure",
        "fig",
        "date",
        "time",
        "location",
        "place",
        # (an interview guide's prompts to the interviewer: "Probe: household changes", "Prompt: ...")
        "probe",
        "probes",
        "prompt",
        "prompts",
        # (a minutes' head in other languages: Polish "Miejsce:", "Obecni:", "Protokołowała:", German
        # "Datum:", "Anwesend:", Spanish "Fecha:", Turkish "Tarih:", Russian "Дата:")
        "datum",
        "fecha",
        "tarih",
        "дата",
        "miejsce",
        "godzina",
        "obecni",
        "nieobecni",
        "anwesend",
        "présents",
        "presentes",
        "protokołowała",
        "protokołował",
        "title",
        "subject",
        "from",
        "to",
        "cc",
        "bcc",
        "re",
        "fw",
        "fwd",
        "posted",
        "published",
        "tags",
        "tag",
        "category",
        "categories",
        "keywords",
        "link",
        "links",
        "url",
        "permalink",
        "contents",
        "listen",
        "watch",
        "read",
        "credit",
        "credits",
        "photo",
        "image",
        "images",
        "video",
        "audio",
        "disclaimer",
        "bonus",
        "why",
        "how",
        "what",
        "when",
        "where",
        "who",
        "which",
        "whose",
        "one",
        "two",
        "three",
        "first",
        "second",
        "third",
        "finally",
        "and",
        "but",
        "so",
        "or",
        "if",
        "in",
        "on",
        "at",
        "for",
        "with",
        "as",
        "by",
        "of",
        "my",
        "our",
        "your",
        "his",
        "her",
        "their",
        "we",
        "you",
        "they",
        "he",
        "she",
        "i",
        "i'm",
        "a",
        "an",
        "all",
        "some",
        "also",
        "then",
        "now",
        "today",
        "yesterday",
        "tomorrow",
        "remember",
        "important",
        "question",
        "questions",
        "answer",
        "answers",
        "result",
        "results",
        "conclusion",
        "introduction",
        "intro",
        "outro",
        "overview",
        "background",
        "agenda",
        "topic",
        "topics",
        "theme",
        "lesson",
        "lessons",
        "key",
        "goal",
        "goals",
        "problem",
        "solution",
        "reason",
        "reasons",
        "fact",
        "facts",
        "quote",
        "quotes",
        "definition",
        "abstract",
        "author",
        "authors",
        "host",
        "guest",
        "speaker",
        "episode",
        "season",
        "duration",
        "length",
        "runtime",
        "recorded",
        "language",
        "kind",
        "style",
        "region",
        "website",
        "email",
        "phone",
        "tel",
        "fax",
        "address",
        "price",
        "cost",
        "total",
        "todo",
        "done",
        "status",
        "priority",
        "version",
        "license",
        "copyright",
        "pros",
        "cons",
        "yes",
        "no",
        "ok",
        "okay",
        "well",
        "look",
        "see",
        "say",
        "said",
        "like",
        "just",
        "sure",
        "right",
        "hello",
        "hi",
        "thanks",
        "thank",
        "please",
        "sorry",
        "wait",
        "anyway",
        "meanwhile",
        "however",
        "therefore",
        "thus",
        "hence",
        "moreover",
        "besides",
        "actually",
        "basically",
        "honestly",
        "seriously",
        "everyone",
        "everybody",
        "nobody",
        "someone",
        "people",
        "q",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
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
        "caption",
        "captions",
        "subtitles",
        "lyrics",
        "chorus",
        "verse",
        "bridge",
        "instrumental",
        "music",
        "applause",
        "laughter",
        "crosstalk",
        "inaudible",
        "tl;dr",
        "tldr",
        "faq",
        "index",
        "appendix",
        "references",
        "bibliography",
        "acknowledgments",
        "acknowledgements",
        "about",
        "contact",
        "follow",
        "subscribe",
        "share",
        "comments",
        "comment",
        "reply",
        "sign",
        "log",
        "login",
        "menu",
        "home",
        "next",
        "previous",
        "prev",
        "back",
        "more",
        "https",
        "http",
        "www",
        "mailto",
        "file",
        "ftp",
        "level",
        "phase",
        "stage",
        "round",
        "rule",
        "rules",
        "law",
        "article",
        "vol",
        "volume",
        "issue",
        "page",
        "pages",
    }
    | NOTE_HEADS
    | MINUTES_HEADS
)

#: Bracketed captions that describe sounds, not speakers ("[Music]", "[crosstalk]").
SOUND_WORDS = {
    "music",
    "applause",
    "laughter",
    "laughs",
    "laughing",
    "crosstalk",
    "inaudible",
    "silence",
    "sighs",
    "cheering",
    "cheers",
    "foreign",
    "singing",
    "noise",
    "background",
    "static",
    "coughs",
    "indistinct",
    "unintelligible",
    "pause",
    "beep",
    "bleep",
    "clapping",
    "chuckles",
    "groans",
    "music playing",
    "no audio",
    "blank_audio",
    "sound",
    "phone rings",
    "door closes",
    "gunshot",
}

#: Bracketed notes in records and captions that are no one's name ("[GRAPHIC] [TIFF OMITTED]", "[Recess]").
BRACKET_NOTES = {
    # a vote's voices, as captions of a meeting write them: "[ AYES ]", "[ NAYS ]"
    "ayes",
    "nays",
    "noes",
    "yeas",
    "ayes and nays",
    # a programme's own markers: "[AD BREAK]", "[SPONSOR]", "[THEME MUSIC]"
    "ad break",
    "end ad break",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "commercial",
    "commercial break",
    "break",
    "sponsor",
    "sponsor read",
    "theme music",
    "intro",
    "outro",
    "end",
    # a bilingual record's language of what follows: "[English]", "[Translation]"
    "english",
    "french",
    "français",
    "translation",
    "traduction",
    "interpretation",
    "graphic",
    "tiff omitted",
    "omitted",
    "exhibit",
    "photo",
    "image",
    "chart",
    "table",
    "recess",
    "pause",
    "beginning",
    "continued",
    "sic",
    "unclear",
    "redacted",
}

#: Placeholders transcription tools write as labels for people they could not name: the label
#: shapes the import grammar accepts before any name check.  Every one is also a placeholder to
#: corpus.identity.is_placeholder (the one rule for who is a different person in each document),
#: whose wider list ("Question", "President", "All") is left out here: as a label shape those
#: would turn an essay's "Question:" line into a speaker.
GENERIC_SPEAKER = re.compile(
    r"^(unknown( speaker)?|speaker( [\dA-Z]{1,2}|[ _]?#?\d{1,3})?|"
    r"unidentified (speaker|male|female|man|woman|person|voice|child|reporter|group)( #?\d{1,3})?|voice|narrator|announcer|"
    r"audience( member)?( #?\d{1,3})?|participant( \d+)?|guest( \d+)?|"
    # (a voice from the audience in other languages' records: "Głos z sali", "Stimme aus dem Publikum")
    r"głos z (sali|widowni)|stimme aus dem (publikum|saal)|(une )?voix (dans la salle|du public)|"
    r"(una )?voz (del público|desde el público|de la sala)|голос из зала|(una )?voce dalla sala|stem uit de zaal|"
    r"(uma )?voz da plateia|interviewer|interviewee|moderator|host|operator|crowd|male|female|"
    # (a conference call's operator and a panel's moderator in the languages such calls are held in)
    r"operador|operadora|opérateur|opératrice|operatore|operatrice|operatorin|operatör|оператор|"
    r"moderador|moderadora|modérateur|modératrice|moderatore|moderatrice|moderatorin|модератор|"
    r"điều phối viên|người điều phối|người dẫn chương trình|オペレーター|교환원|接线员|"
    # a broadcast's roles: whoever reads the news that day
    r"(co-?)?anchor|co-?host|presenter|reporter|correspondent|caller( #?\d{1,3})?|"
    # many at once: a meeting's "ALL:", a service's "CONGREGATION:"
    r"all|everyone|both|group|congregation|chorus|"
    # a chamber's members as one voice: Westminster's "Hon. Members: Hear, hear.", "Some Hon. Members:"
    r"((some|several) )?(hon\.?|honourable|honorable) members|an? hon\.? member|"
    # (and Australia's and New Zealand's by side: "Government members: Hear, hear!", "Opposition members:")
    r"(government|opposition|coalition|crossbench) members|"
    # the same in Korean, Chinese and Japanese scripts: anchor, reporter, host, moderator; host, reporter;
    # announcer, moderator
    r"앵커|기자|진행자|사회자|主持人|记者|記者|アナウンサー|司会|司会者|"
    # a Chinese or Japanese question put by someone unnamed: "问：", "問："
    r"问|問|提问|質問|"
    # the numbered speakers of Korean, Japanese and Chinese transcription tools: Clova Note's "참석자 1", "話者1"
    r"(참석자|화자|발언자|話者|参加者|说话人|發言人|发言人|說話者) ?\d{1,3})$",
    re.I,
)

#: A broadcast script's cue for a recorded clip whose speaker it does not name, alone in brackets on its line:
#: "[SOUNDBITE]", "[VIDEO CLIP]", "[O-TON]" (German), "[인터뷰]" (Korean: interview), "[同期声]" (Chinese: sound
#: on tape).  The words below are that unnamed voice's, not the reporter's before (the library takes the cue
#: for a placeholder: a different voice in each document).
CLIP_CUES = frozenset(
    {
        "soundbite",
        "sound bite",
        "sot",
        "clip",
        "video clip",
        "audio clip",
        "vox pop",
        "vox pops",
        "actuality",
        "interview",
        "o-ton",
        "sonore",
        "인터뷰",
        "녹취",
        "싱크",
        "同期声",
        "采访",
        "インタビュー",
    }
)

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
TIME_RE = re.compile(_TIME)
_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{0,3}|IX|X)$")
#: A particle joined to the name by a hyphen: "al-Hakim", "el-Sayed", "di-Pertua".
_JOINED_PARTICLE = re.compile(r"^[a-z]{1,4}-[A-ZÀ-ÖØ-Þ][^\W\d_]+$")
#: A title clipped with an apostrophe: "Dato'".
_CLIPPED_TITLE = re.compile(r"^[A-Z][a-z]{2,5}['’]$")
#: A surname after an elided particle: "d'Harcourt", "dell’Acqua", "l'Estrange".
ELIDED_NAME = re.compile(r"^(?:d|dell|l)['’][A-ZÀ-ÖØ-Þ][^\W\d_]+$")
_TOKEN_WORD = re.compile(r"^[^\W\d_](?:[\w'’.\-]*[\w.])?$")
_INITIAL = re.compile(r"^[^\W\d_]\.$")
_INITIALS_RUN = re.compile(r"^(?:[^\W\d_]\.){2,4}$")
#: Diarisation labels ("SPEAKER_00", Amazon Transcribe's "spk_0") as people read them ("Speaker 1").
_DIARISED = re.compile(r"^(?:SPEAKER|spk)_(\d{1,3})$", re.I)
#: A recording's channels as Amazon Transcribe names them ("ch_0"): "Channel 1".
_CHANNEL = re.compile(r"^ch_(\d{1,2})$")
#: A chat's sender shown as a phone number, digits perhaps hidden: "+44 7700 900123", "+252 6X XXX XXXX".
_PHONE = re.compile(r"^\+?\d[\dXx*•·#\s().\-‑]{5,}$")
#: What stands for a hidden digit in such a number.
_MASK = re.compile(r"[Xx*•·#]")


def masked_number(name: str) -> bool:
    """Whether a sender's name is a phone number with three or more of its digits hidden, its last among them
    ("+252 6X XXX XXXX"): an export that hides numbers so hides everyone's the same way.  ("+1 XXX XXX XX12" keeps
    what tells people apart.)"""
    return bool(_PHONE.match(name)) and len(_MASK.findall(name)) >= 3 and bool(_MASK.fullmatch(name.rstrip(" ).")[-1:]))


#: The first of the heavenly stems, which Chinese dialogues label their voices by as others do by A and B.
DIALOGUE_STEMS = frozenset("甲乙丙丁")
_CJK = re.compile(r"^[\u3005\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u00b7\u30fb]{2,8}$")
_CJK_PART = re.compile(r"^[\u3005\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]{1,4}$")

# Label forms at the start of a line.
_OTTER = re.compile(rf"^(?P<name>[^\W\d_][^:：\[\]]{{0,60}}?)[ \t]+(?P<ts>{_TIME})[ \t]*$")
#: A time of day's "PM", as chat exports write it ("10:42 PM", "10:42 p.m.").
AMPM = (
    r"(?:[ \t]?(?P<ampm>[AaPp])\.?[Mm]\.?(?![\w])"
    # (and as chat apps write it in other languages: Malay's "pg"/"ptg" (pagi, petang), Spanish "a. m."/"p. m.",
    # Vietnamese "SA"/"CH" (sáng, chiều))
    r"|[ \t](?P<ampm_local>ptg|pg|PTG|PG|[ap]\.[ \u00a0]?m\.|SA|CH)(?![\w]))"
)
#: A date before a time, as chat exports write it ("12/03/2024, 10:42", "2024-03-12 10:42:13").
DATE = r"(?:(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{1,2}[/.-][A-Za-z]{3}[/.-]\d{2,4}),?[ \t]+)"
#: A time (or a date and a time) opening a line, with the mark after it: "[00:01:02] ", "0:03 - ",
#: WhatsApp's "12/03/2024, 10:42 - " and "[12/03/2024, 10:42:13] ".
STAMP_PREFIX = re.compile(
    # (after a date, a chat export's time may be written with a dot, as WhatsApp does in Indonesian, Finnish or
    # Danish: "14/02/24 19.05 - Rina Kartika: ...")
    rf"^(?P<open>[\[(])?(?P<date>{DATE})?(?P<ts>{_TIME}|(?(date)\d{{1,2}}\.\d{{2}}(?:\.\d{{2}})?(?=[ \t]*[-–—\]])|(?!))){AMPM}?"
    # (a span, in brackets, as whisper's and WhisperX's output gives one: "[00:00.000 --> 00:04.210]")
    rf"(?:(?<=\d)[ \t]*(?:-->|[-–—])[ \t]*{_TIME}(?=[\])]))?"
    rf"[\])]?(?:\t|[ \t]*(?:(?P<dash>[-–—|])[ \t]*)?)(?=\S)"
)
#: A chat export's sender, after its date and time: anything up to the colon ("Bob 🌵", "+44 7700 900123").
_SENDER = re.compile(r"^(?P<name>[^:\n]{1,40}?):[ \t]+(?P<rest>\S.*)$")
_TS_PREFIX = STAMP_PREFIX
#: A German press conference's question by a named journalist: "FRAGE JUNG", "ZUSATZFRAGE OSTERMANN".
_PRESS_QUESTION_BY = re.compile(
    r"^(?P<word>frage|zusatzfrage|nachfrage)[ \t]+(?P<who>[^\W\d_][\w'’\-]+(?:[ \t][^\W\d_][\w'’\-]+)?)$", re.I
)
#: A clock time written with a dot before a label: "14.07 " (hours and minutes of the day).
_DOTTED_CLOCK = re.compile(r"^(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d)[ \t]+(?=[^\W\d_])")
#: A party's letters in small letters after a member's name: "Aino Salminen sd", "Petri Halonen kok".
_PARTY_AFTER = re.compile(
    # (or after a slash, as committee minutes write it: "Tapio Kettunen /kesk")
    r"^(?P<name>(?:[^\W\d_][\w'’\-]*[ \t]+){1,4}[^\W\d_][\w'’\-]*)[ \t]+/?(?P<party>[a-zåäö]{1,4})$"
)


def stamp_seconds(m: re.Match[str]) -> float:
    """The seconds a STAMP_PREFIX (or another match with `ts`, `ampm` and `date` groups) gives.

    A time of day (with AM or PM, or after a date: a chat message's) is hours and minutes, given as seconds
    past midnight; otherwise "1:02" is a minute and two seconds into the recording.
    """
    groups = m.groupdict()
    ampm, dated = groups.get("ampm"), groups.get("date")
    if not ampm and (local := groups.get("ampm_local")):
        ampm = "p" if local.casefold().startswith(("pt", "p.", "ch")) else "a"
    if not ampm and not dated:
        return parse_time(m.group("ts"))
    stamp = m.group("ts")
    if ":" not in stamp:
        stamp = stamp.replace(".", ":")  # (a chat's "19.05" after its date)
    parts = stamp.replace(",", ".").split(":")
    hours, minutes = int(parts[0]), float(parts[1])  # ("10:42.5", a fraction where seconds would be)
    if ampm:
        hours = hours % 12 + (12 if ampm in "Pp" else 0)
    return hours * 3600 + minutes * 60 + (float(parts[2]) if len(parts) > 2 else 0.0)


#: A forum user's name as a label, in bold or not: "**u/keeper_hollis:**", "u/PM_ME_FOGHORNS:".
_USER_HANDLE = re.compile(
    r"^(?P<mark>\*{0,2})(?P<name>u/[\w-]{2,32})(?::(?P=mark)|(?P=mark)[ \t]*:)[ \t]*(?P<rest>.*)$"
)
#: A name in bold or in italics, the colon inside or after the marks: "**Name:**", "**Name**:", "*Name:*", "_Name_:".
_BOLD = re.compile(
    # (the mark after the name may be a dash, inside the bold: Ukrainian "**Олена Гнатюк —** Вітаємо")
    r"^(?P<mark>\*\*|__|\*|_)(?P<name>[^*_\n]{1,60}?|[^*_\n]{1,90}\([^()*_\n]{3,40}\))(?:[:：](?P=mark)|[ \t]+[—–](?P=mark)|(?P=mark)[ \t]*[:：]?)"
    r"[ \t]*(?P<rest>.*)$"
)
#: After a name in bold, a dash and its role alone (in italics or not), the line's end: "-- *Analyst, Halsey*".
_ROLE_AFTER_BOLD = re.compile(r"^(?:--|[-–—])[ \t]*(?P<mark>[*_]?)(?P<role>[^*_\n.!?]{2,120})(?P=mark)[ \t]*$")
_NAME_TS = re.compile(
    rf"^(?P<name>[^\W\d_][^:：\[\]()]{{0,48}}?)[ \t]*[\[(](?P<ts>{_TIME})[\])][ \t]*[:：]?[ \t]*(?P<rest>.*)$"
)
_NAME_ROLE_TS = re.compile(
    rf"^(?P<name>[^\W\d_][^:：\[\]\n]{{0,80}}?\))[ \t]*[\[(](?P<ts>{_TIME})[\])][ \t]*"
    # (and a role after the time, as the Storting's record gives one: "Ada Lie (A) [10:03:30] (ordfører for saken):")
    r"(?:\((?P<after>[^()\n]{1,60})\)[ \t]*)?[:：][ \t]*(?P<rest>.*)$"
)
_PLAIN = re.compile(
    # (a full-width colon needs no space after it: Chinese and Japanese put none, "主持人：大家好")
    # (up to 100 characters: "Minister of State at the Department of Housing (Deputy Seán Ó Flaithearta):", the
    # name and role split below, each of a name's length)
    # (or an outlet's title in its brackets, then the role: "《环球时报》记者：")
    r"^(?P<dash>[-–—]|>>)?\s*(?P<name>(?:[^\W\d_]|《[^》\n]{1,20}》)[^:：;፦៖\n]{0,159}?)\s*"
    # (":-" too, as Indian and East African records write it: "अध्यक्ष महोदय :-", "MHE. X aliuliza:-")
    r"(?P<sep>：|፦|៖|:-?(?=\s|$)|;(?=\s))\s*(?P<rest>.*)$"
)
_BRACKET = re.compile(r"^\[(?P<name>[^\]\d]{1,40})\](?!\()[ \t]*[:：]?[ \t]*(?P<rest>.*)$")  # (not "[a link](/to)")
#: After a bracketed cue, who speaks and where from, and nothing else: "박영호 / 서울 마포구".
_CLIP = re.compile(r"^(?P<who>[^/.,;:!?()\[\]\d]{2,40}?) +/ +(?P<where>[^/.!?;:\[\]]{2,60})$")


def _names_someone(text: str) -> bool:
    """A given name and a surname (any title aside), or a short name in a script without capitals ("박영호")."""
    letters = text.replace(" ", "")
    if letters.isalpha() and uncased(letters):
        return 2 <= len(letters) <= 8
    return is_full_name(text) and is_name_like(text)


_HEARING = re.compile(
    r"^(?P<name>(?:(?:(?:Mr|Mrs|Ms|Dr|Hon)\.|Senator|Chairman|Chairwoman|Representative|Judge|General|Admiral|"
    r"Secretary|Ambassador|Governor|Mayor|Commissioner|Director)\s+[A-Z][A-Z'’\-]+(?:\s+of\s+[A-Z][a-z]+(?: [A-Z][a-z]+)?)?|"
    r"The (?:VICE )?(?:CHAIRMAN|CHAIRWOMAN|CHAIR|PRESIDENT|SPEAKER|CLERK|WITNESS|PRESIDING OFFICER|REPORTER|COURT)))"
    r"\.\s+(?P<rest>\S.*)$"
)
_SENT_FROM = re.compile(
    r"^From[ \t]+(?P<name>[^:\n]{1,48}?)(?:[ \t]+to[ \t]+(?:Everyone|[^:\n]{1,48}?)(?:[ \t]*\((?:Direct|Privately)"
    r"(?: Message)?\))?)?[ \t]*:[ \t]*(?P<rest>.*)$"
)
_LOG_LEVELS = {"info", "warn", "warning", "error", "debug", "trace", "fatal", "critical", "notice", "severe", "fine"}
#: Pictures before a label ("🎙️ Ada Park:"): symbols, their variation selectors and joiners.
_LEADING_SYMBOLS = re.compile(r"^(?:[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+[ \t]*)+")
#: A list's mark before a label: a bullet, or a number ("- " before plain words stays a dialogue dash).
_LIST_MARK = re.compile(r"^(?:[-*•·‣▪]|\d{1,4}[.)]|[^\W\d_]{2,5}\.[ \t]*\d{1,4})[ \t]+(?=\*\*|__|[^\W\d_])")
#: A reporting verb closing what stands before a colon ("..., said:"): prose that quotes, not a label.
_REPORTED = re.compile(
    r"\b(?:said|says|added|adds|told|explained|noted|stated|commented|asked|replied|wrote|writes|continued|"
    r"remarked|declared|announced|recalled|concluded)$",
    re.I,
)
#: Counsel named with the party they stand for: "(for the Respondent)", "(Counsel for Petitioner)".
_COUNSEL = re.compile(r"\bfor\b|\bcounsel\b|\badvocate\b|\battorney\b|\bsolicitor\b|\bbarrister\b", re.I)
_PARTIES = re.compile(r"\bet\.? al\b|\bpetitioners?\b|\brespondents?\b|\bappell(?:ant|ee)s?\b", re.I)
#: A label of two participants' codes at once: "A2/A3:", "P4/5:", "**B1/B2:**".
_TWO_CODES_LABEL = re.compile(
    r"^(?:\*\*|__)?(?P<codes>[A-Z]{1,3}\d{1,2}/(?:[A-Z]{1,3})?\d{1,2})(?:\*\*|__)?[ \t]*[:：](?:\*\*|__)?[ \t]+(?P<rest>\S.*)$"
)
_TIME_AT_END = re.compile(rf"[ \t]*[\[(]({_TIME})[\])]$")
_REST_TIME = re.compile(rf"[\[(]({_TIME})[\])]\s*")
#: A Bloomberg transcript's speaker over their words, linked to their profile on the terminal: "Dana Whitcombe {BIO
#: 20418877 <GO>}", an analyst's question "Q - Paul Brennan {BIO 19022451 <GO>}".
BLOOMBERG_NAME = re.compile(
    r"^(?:[QA][ \t]+-[ \t]+)?(?P<name>[^\W\d_][^{}:\n]{1,60}?)[ \t]+\{BIO[ \t]+\d+[ \t]+<GO>\}$"
)
#: A clock time with its seconds alone after a label (Zoom writes them; a rota's "[Ada Park] 07:30" is a shift).
_BARE_TIME = re.compile(r"[ \t]*(\d{1,2}:\d{2}:\d{2})[ \t]*")
_WORD_AFTER = re.compile(r"\S")
_MAYBE_LABEL = re.compile(r"[:：;*_\[፦៖]")
#: A social network's handle as the label: "@marisol_dev: ok, I think we're live".
_AT_HANDLE = re.compile(r"^(?P<name>@[^\W_][\w.]{1,29}):[ \t]+(?P<rest>\S.*)$")


def _said_after(line: str, at: int) -> bool:
    """Whether `line` holds words from `at` on."""
    if at < len(line) and not line[at].isspace():
        return True  # (the usual case: the words start where the rest does)
    return _WORD_AFTER.search(line, at) is not None


class Label:
    """A possible speaker label found at the start of a line.

    `rest` (the text after the label on the same line) is kept as the line and where in it the rest starts, not
    as a copy: every line of a large transcript may be a candidate label while its convention is chosen, and
    copies of their words cost as much memory as the document again.
    """

    __slots__ = ("_at", "_line", "form", "raw", "role", "said", "time")

    def __init__(
        self, raw: str, rest: str, form: str, time: float | None = None, role: str | None = None, *, at: int = 0
    ) -> None:
        self.raw = raw  #: the name as written (role removed)
        #: "otter", "bold", "timed", "plain", "caps", "dash", "bracket", "semicolon", "record", ...
        self.form = form
        self.time = time
        self.role = role
        self._line = rest  # (with `at`, the whole line the rest ends)
        self._at = at
        #: whether words follow the label on its line (worked out once, without copying them)
        self.said = _said_after(rest, at)

    @property
    def rest(self) -> str:
        """The text after the label on the same line."""
        return self._line[self._at :] if self._at else self._line

    @rest.setter
    def rest(self, rest: str) -> None:
        self._line, self._at = rest, 0
        self.said = _said_after(rest, 0)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Label):
            return NotImplemented
        return (self.raw, self.rest, self.form, self.time, self.role) == (
            other.raw,
            other.rest,
            other.form,
            other.time,
            other.role,
        )

    __hash__ = None  # type: ignore[assignment]  # (mutable, as the dataclass it was)

    def __repr__(self) -> str:
        return f"Label({self.raw!r}, {self.rest!r}, {self.form!r}, {self.time!r}, {self.role!r})"

    def renamed(self, raw: str) -> Label:
        """This label under another name, its role taken into the name (see text._told_apart_by_role)."""
        return Label(raw, self._line, self.form, self.time, None, at=self._at)

    @property
    def strong(self) -> bool:
        """Forms that are labels by construction, not by luck of a colon."""
        return self.form in {"otter", "timed", "caps", "clip"}


def parse_time(stamp: str) -> float:
    """Seconds in `1:02`, `01:02:03`, `0:00:12.6` or `00:00:01,500`."""
    stamp = stamp.replace(",", ".")
    parts = stamp.split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def _bare(token: str) -> str:
    return token.strip(".,'’\"()").casefold()


_R = TypeVar("_R")
#: Arguments longer than this are not kept by `cached_when_short`.
CACHED_TEXT = 256


def cached_when_short(func: Callable[[str], _R]) -> Callable[[str], _R]:
    """`func` with an LRU cache for short arguments (names); a longer one (a whole line given to see
    whether it is a name) is answered uncached, so no cache keeps a one-line book alive after its import."""
    cached = lru_cache(maxsize=4096)(func)

    @wraps(func)
    def call(text: str) -> _R:
        return cached(text) if len(text) <= CACHED_TEXT else func(text)

    return call


def _in_capitals(name: str) -> bool:
    """Whether every letter of `name` is a capital, four letters at least."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


@cached_when_short
def uncased(name: str) -> bool:
    """A name with no capitals to judge it by (Chinese, Arabic, Hebrew...): only what is said after it tells
    a speaker from a field of a form ("时间：3月12日", "מחיר: 100")."""
    return any(c.isalpha() for c in name) and not any(_has_case(c) for c in name)


def _has_case(ch: str) -> bool:
    """Whether a letter is written in capitals or small letters.  Georgian's (Mkhedruli) are small letters to
    Unicode, since capitals (Mtavruli) were added for writing in capitals; names are written without them: as good
    as no case."""
    return (ch.isupper() or ch.islower()) and not "\u10d0" <= ch <= "\u10ff"


def person_in_office(name: str, role: str | None) -> tuple[str, str | None]:
    """(name, role) with the person first where a record names the office and puts the person in parentheses:
    "Minister of State at the Department of Housing (Deputy Seán Ó Flaithearta)", "कृषि मंत्री (श्री अनिल प्रताप
    सिंह)" -> the person, the office as the role."""
    if role is not None and "," in role and not is_name_like(name):
        # a journalist and their outlet after a briefing's "QUESTION": "QUESTION (Jean-Paul Mbarga, Cameroon
        # Tribune)" -> the person, the question and the outlet their role
        person, _, outlet = role.partition(",")
        person = person.strip()
        # (written with capitals, where a name shows as one: in a script without them a group's name reads the same)
        if len(person.split()) >= 2 and person[:1].isupper() and is_full_name(person) and is_name_like(person):
            return person, f"{name}, {outlet.strip()}"
    if role is None or "," in role or len(role.split()) < 2 or not is_name_like(role):
        return name, role
    # (an office that is a name's shape stays here: "Chair (Prof. Ada Park)"; once the labels are decided,
    # speakers.people_in_parentheses gives such turns to the person, and the office's turns alone after it too)
    # ("The Secretary of State for Transport (Louise Harcourt)": an office of more than a word or two after "The"
    # is no name, whatever its capitals)
    office = name.split()[0] in ("The", "THE") and len(name.split()) > 3
    return (role, name) if office or not is_name_like(name) else (name, role)


def in_capitals(text: str) -> bool:
    """Whether `text` is written in capitals: two letters or more, none of them small ("ADA PARK", "OLD WILLIAM")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def given_first(name: str) -> str | None:
    """ "Given Surname" for a company directory's "Surname, Given" ("Nguyen, Thi Lan" -> "Thi Lan Nguyen"), or
    None where `name` is not written so (a role after the comma: "Smith, Chairman")."""
    if name.count(",") != 1:
        return None
    last, _, given = (part.strip() for part in name.partition(","))
    words = given.split()
    if not (is_name_like(last) and is_name_like(given) and 1 <= len(words) <= 3):
        return None
    if any(_bare(w) in TITLES or _bare(w) in NOT_NAMES for w in words) or GENERIC_SPEAKER.match(given):
        return None
    if given.isupper() and not last.isupper():
        return None  # ("Park, MD": letters after a comma in capitals are a degree or a state)
    return f"{given} {last}"


@cached_when_short
def _office_before_capitals(name: str) -> tuple[str, str] | None:
    """(name, office) where an office in ordinary case comes before a name in capitals, as Nordic records write
    it: "Statsrådet ELIN BERGQVIST", "Justitieminister GUNNAR STRÖMMER" -> the name, the office as the role."""
    tokens = name.split()
    for k in range(1, min(3, len(tokens) - 1) + 1):
        office, person = tokens[:k], tokens[k:]
        if (
            len(person) >= 2
            and all(sum(c.isalpha() for c in t) >= 2 and t.upper() == t for t in person)
            and office[0][:1].isupper()
            and all(any(c.islower() for c in t) for t in office)
            and is_name_like(" ".join(person))
        ):
            return " ".join(person), " ".join(office)
    return None


#: Words after a verb in "-ing" that make a bracket a stage direction ("[WRITING ON BOARD]", "[POINTING AT
#: SLIDE]"), and words that make one a note whatever comes before them ("[SIDE CONVERSATION]").
_DIRECTION_WORDS = frozenset(
    [
        "on",
        "at",
        "to",
        "the",
        "a",
        "an",
        "in",
        "into",
        "from",
        "with",
        "over",
        "up",
        "down",
        "off",
        "out",
        "onto",
        "through",
    ]
)
_NOTE_WORDS = frozenset(
    [
        "conversation",
        "conversations",
        "noise",
        "talk",
        "crosstalk",
        "chatter",
        "pause",
        "interruption",
        "message",
        "break",
        "segment",
        "promo",
        "intro",
        "outro",
        "jingle",
        "interlude",
    ]
)


def is_stage_direction(text: str) -> bool:
    """Whether a bracket's words describe what happens rather than name who speaks: a sound or a programme's
    marker ("[LAUGHTER]", "[AD BREAK]"), an action ("[WRITING ON BOARD]"), a note ("[SIDE CONVERSATION]")."""
    folded = " ".join(text.split()).casefold()
    if folded in SOUND_WORDS or folded in BRACKET_NOTES:
        return True
    tokens = folded.split()
    if len(tokens) >= 2 and len(tokens[0]) >= 5 and tokens[0].endswith("ing") and tokens[1] in _DIRECTION_WORDS:
        return True
    if 2 <= len(tokens) <= 3 and tokens[-1] in _SOUNDING and tokens[-2] in _SOUNDING_THINGS:
        # what a voice or a thing does, as captions for the deaf say it: "[VOICE BREAKING]", "[PHONE RINGING]" (but
        # "[CROWD CHANTING]" and "[LARA WHISPERING]" are who speaks, and how)
        return True
    return len(tokens) >= 2 and tokens[-1] in _NOTE_WORDS and _bare(tokens[0]) not in TITLES


#: The forms of a company, last in its name: "Inc.", "Ltd", "GmbH", "S.A." (bare; not "SA" or "AG", surnames too).
COMPANY_FORMS = frozenset({"inc", "ltd", "llc", "llp", "plc", "gmbh", "corp", "pty", "s.a", "sarl", "bv", "nv"})


#: What a voice or a thing is heard doing, last in a caption's bracket: "[VOICE BREAKING]", "[PHONE RINGING]" (a
#: list, not any word in -ing: "Darling", "Harding" and "Sterling" are surnames), and the voices and things.
_SOUNDING = frozenset(
    {
        "breaking", "cracking", "trembling", "shaking", "quivering", "wavering", "rising", "fading", "continuing",
        "cheering", "clapping", "applauding", "booing", "chanting", "jeering", "heckling", "murmuring", "chattering",
        "laughing", "crying", "sobbing", "shouting", "yelling", "screaming", "whispering", "singing", "humming",
        "whistling", "ringing", "buzzing", "beeping", "knocking", "barking", "honking", "playing", "overlapping",
        "muffled", "distorted", "echoing", "stammering", "stuttering",
    }
)  # fmt: skip
_SOUNDING_THINGS = frozenset(
    {
        "voice", "voices", "phone", "telephone", "cellphone", "door", "doorbell", "bell", "bells", "alarm", "music",
        "siren", "sirens", "dog", "dogs", "horn", "horns", "engine", "glass", "wind", "rain", "thunder", "radio", "tv",
        "television", "clock", "keyboard", "microphone", "mic", "feedback", "audio", "sound", "static", "footsteps",
    }
)  # fmt: skip


#: Offices that Spanish and Portuguese records name before the person, with an article: Mexico's Senate's
#: "La C. Presidenta Senadora Rosa Elena Cruz Ibarra", its Chamber's "El diputado Juan Pérez Gómez (PAN)".
_OFFICES_ES_PT = frozenset(
    [
        "senador",
        "senadora",
        "diputado",
        "diputada",
        "presidente",
        "presidenta",
        "vicepresidente",
        "vicepresidenta",
        "secretario",
        "secretaria",
        "ministro",
        "ministra",
        "gobernador",
        "gobernadora",
        "consejero",
        "consejera",
        "magistrado",
        "magistrada",
        "procurador",
        "procuradora",
        "alcalde",
        "alcaldesa",
        "concejal",
        "concejala",
        "regidor",
        "regidora",
        "deputado",
        "deputada",
        "vereador",
        "vereadora",
        "legislador",
        "legisladora",
        # Catalan: the president, the councillor (a minister of the Generalitat), the member, the ombudsman
        "president",
        "presidenta",
        "vicepresident",
        "vicepresidenta",
        "conseller",
        "consellera",
        "secretari",
        "secretària",
        "diputat",
        "diputada",
        "síndic",
        "síndica",
        "alcaldessa",
        "regidor",
        "regidora",
    ]
)
_ARTICLE_OFFICE = re.compile(r"^(?:El|La|Los|Las|O|A)[ \t]+(?:(?:C|Cc|Ciudadan[oa])\.?[ \t]+)?", re.I)


#: Words that make a phrase an office, in a few languages: minister, secretary, under-secretary, state
#: secretary, president, chair, spokesperson, commissioner, ambassador, governor, mayor, deputy, director.
_OFFICE_WORD = re.compile(
    # (German writes the office as one word: "Bundesminister", "Landesrätin", "Vizekanzler")
    r"(?i)\b(?:bundes|landes|staats|vize)?(?:minist|kanzler|landesr|präsident|secretar|sekretar|staatssekret|"
    r"sottosegretari|president|prezes|chair|spokes|rzecznik|"
    r"commission|ambassad|governor|mayor|deputy|director|dyrektor|wojewod|marsza|attorney|solicitor|advocate|"
    # (a council's: Polish "Przewodniczący", "Członek Zarządu", "Burmistrz", "Starosta", "Wójt")
    r"przewodnicz|członek|członkini|burmistrz|starost|wójt)"
)


#: Titles before a name, with the academic ones Austria's records write: "Mag.", "DI", "Ing.", "MMag.".
_TITLES_BEFORE_NAMES = TITLES | {"mag", "mmag", "di", "ing", "dkfm", "dipl.-ing", "mba", "msc", "bsc"}


def _office_phrase_before_name(name: str) -> tuple[str, str] | None:
    """(the person, the office) where an office written as a phrase comes before a person's given name and
    surname: "Sekretarz Stanu w Ministerstwie Zdrowia Witold Sadowski", "Minister of State for Housing Ada Park".
    The phrase has a word in small letters ("w", "of") and opens with a capital; the person is its last two
    words.  None otherwise."""
    tokens = name.split()
    if len(tokens) < 5 or not tokens[0][:1].isupper() or not _OFFICE_WORD.search(" ".join(tokens[:-2])):
        return None
    office, person = tokens[:-2], " ".join(tokens[-2:])
    titled = max((k for k, t in enumerate(tokens[:-2]) if k >= 2 and _bare(t) in _TITLES_BEFORE_NAMES), default=0)
    if titled and len(tokens) - titled - 1 <= 4:
        # (every name after the person's title: "... Sport Mag. Hans Peter Doskozil", not "Peter Doskozil")
        office, person = tokens[:titled], " ".join(tokens[titled + 1 :])
    if not all(t[:1].isupper() for t in person.split()):
        return None
    if not any(t.islower() for t in office[1:]) and not _OFFICE_WORD.match(office[0]):
        return None  # (all capitalised, it must open with an office's word: "Przewodniczący Sejmiku Województwa")
    if not (is_full_name(person) and is_name_like(person)) or any(_bare(t) in TITLES for t in tokens[-2:]):
        return None
    while len(office) > 1 and _bare(office[-1]) in _TITLES_BEFORE_NAMES:
        office.pop()  # (the person's title is not the office's: "Bundesministerin für Justiz Dr. Alma Zadić")
    return person, " ".join(office)


def _office_with_article(name: str) -> tuple[str, str] | None:
    """(the person, the office) where a Spanish or Portuguese record names the office with an article before the
    person: "La C. Presidenta Senadora Rosa Elena Cruz Ibarra" -> ("Rosa Elena Cruz Ibarra", "Presidenta
    Senadora"), "El diputado Juan Pérez Gómez"; None otherwise (the person must read as a full name)."""
    article = _ARTICLE_OFFICE.match(name) if name[:1] in "ELOAelao" else None
    if article is None:
        return None
    tokens = name[article.end() :].split()
    k = 0
    while k < min(len(tokens), 3) and _bare(tokens[k]) in _OFFICES_ES_PT:
        k += 1
    person = " ".join(tokens[k:])
    if k == 0 or not is_full_name(person) or not is_name_like(person):
        return None
    return person, " ".join(tokens[:k])


@cached_when_short
def office_before_person(name: str) -> tuple[str, str] | None:
    """(the person, the office) where a label names an office before the person who holds it, in the shapes
    records write it: the office in ordinary case before a name in capitals (Nordic records: "Statsrådet ELIN
    BERGQVIST"), an article before the office (Spanish and Portuguese: "La C. Presidenta Senadora Rosa Elena Cruz
    Ibarra"), or an office written as a phrase before a given name and surname ("Sekretarz Stanu w Ministerstwie
    Zdrowia Witold Sadowski").  None where the label is no such thing.  (An office with the person after it in
    parentheses is `person_in_office`'s.)"""
    office = _office_before_capitals(name)
    if office is not None and not any(_bare(t) in TITLES for t in office[1].split()):
        return office  # (not "Mr WILLIAMS": a title is no office)
    return (
        _office_with_article(name)
        or _office_phrase_before_name(name)
        or _office_in_small_letters(name)
        or _office_in_capitals_before_name(name)
    )


def _office_in_capitals_before_name(name: str) -> tuple[str, str] | None:
    """(the person, the office) where an office in capitals stands before a name written in ordinary case, the
    surname maybe in capitals: Turkish and other records' "HEYET BAŞKANI Nermin AKSOY", "BAŞVURAN Emre KILIÇ".
    The case tells the office from the name: capitals up to a word with small letters."""
    tokens = name.split()
    k = next((j for j, t in enumerate(tokens) if any(c.islower() for c in t)), len(tokens))
    office, person = tokens[:k], tokens[k:]
    if not (1 <= len(office) <= 3 and 2 <= len(person) <= 3):
        return None
    if not all(t.isalpha() and len(t) >= 2 and t.isupper() and _bare(t) not in TITLES for t in office):
        return None
    if not person[0][:1].isupper() or not all(t.isalpha() and t[:1].isupper() for t in person):
        return None
    if len(office) == 1 and not person[-1].isupper():
        return None  # (a surname in capitals first, as Vietnamese and Hungarian lists write it: "NGUYEN Thi Lan")
    return (" ".join(person), " ".join(office)) if is_name_like(" ".join(person)) else None


#: Words of a sentence before a name, never of an office: "Thanks to Ada Park", "Then we met Ada Park".
_NOT_AN_OFFICE_WORD = frozenset(
    {"to", "from", "with", "by", "for", "and", "or", "but", "so", "of", "about", "at", "on", "said", "says",
     "asked", "told", "met", "saw", "then", "when", "we", "i", "you", "he", "she", "they", "it", "is", "was"}
)  # fmt: skip


#: An initial glued to a surname: "Г.Батсүх", "Б.Энхбаатар".
GLUED_INITIAL = re.compile(r"^[^\W\d_]\.[^\W\d_][^\W\d_-]{2,}$")


def _office_in_small_letters(name: str) -> tuple[str, str] | None:
    """(the person, the office) where an office written as a phrase, capitalised as a sentence is, stands before
    a given name and surname: "Ensimmäinen varapuhemies Sari Koskinen", "Sosiaali- ja terveysministeri Kaisa
    Rinne" (Finnish), "Chủ tọa Lê Văn Thành", "Đại biểu Trần Thị Mai Hương" (Vietnamese).  The office ends with
    its last word in small letters; the person is two to four capitalised words after it."""
    tokens = name.split()
    courtesy = (
        # (a courtesy title before the office in small letters: Romanian "Dl. primar Gheorghe Stan", "Dna
        # consilier Maria Ionescu", Spanish "Sr. concejal Juan Pérez")
        len(tokens) >= 4
        and _bare(tokens[0]) in TITLES
        and tokens[0][:1].isupper()
        and tokens[1][:1].islower()
        and _bare(tokens[1]) not in TITLES | _DUTCH_COURTESY
    )
    if courtesy:
        tokens = tokens[1:]
    if not 3 - courtesy <= len(tokens) <= 8 or not (tokens[0][:1].isupper() or courtesy):
        return None
    last = max((k for k, t in enumerate(tokens) if t[:1].islower() and t not in PARTICLES), default=-1)
    office, person = tokens[: last + 1], tokens[last + 1 :]
    # (or one word, a surname with its initial glued on, as Mongolian and Kazakh records write it: "Байгаль орчны
    # сайд Г.Батсүх")
    glued = len(person) == 1 and GLUED_INITIAL.match(person[0]) is not None
    if (
        not (0 if courtesy else 1) <= last <= 3
        or not (2 <= len(person) <= 4 or glued)
        or any(t.casefold() in _NOT_AN_OFFICE_WORD for t in office)
    ):
        return None
    if len(tokens[last].strip(".")) < 3 or not all(t.replace("-", "").isalpha() for t in office):
        return None
    who = " ".join(person)
    if not glued and not (all(t[:1].isupper() for t in person) and is_full_name(who) and is_name_like(who)):
        return None
    if any(_bare(t) in TITLES or _bare(t) in _DUTCH_COURTESY for t in tokens):
        # ("La señora García López" is a title and a name, as "Mr. Ada Park" is; "Tot slot mevrouw El Amrani:" a
        # sentence turning to her)
        return None
    return who, " ".join(office)


#: Definite articles that open a sentence's subject and are never a surname's particle ("Der Unterschied ist:").
_ARTICLES_NOT_PARTICLES = frozenset(["der", "die", "das", "dem", "des", "the", "het", "den", "det", "ein", "eine"])
#: Indefinite articles, in the languages whose plays and records give a voice no name: "A VOICE", "Une voix".
_INDEFINITE = frozenset(["a", "an", "un", "une", "una", "uno", "ein", "eine", "einer", "uma", "een"])
#: Who an unnamed voice is, after the article, where the label is not in capitals: "A Voice:", "Une voix :".
_VOICE_NOUNS = frozenset(
    [
        "voice",
        "voices",
        "man",
        "woman",
        "boy",
        "girl",
        "child",
        "member",
        "members",
        "student",
        "stranger",
        "passenger",
        "soldier",
        "guard",
        "officer",
        "reporter",
        "journalist",
        "spectator",
        "listener",
        "caller",
        "neighbour",
        "neighbor",
        "worker",
        "farmer",
        "visitor",
        "someone",
        "voix",
        "homme",
        "femme",
        "garçon",
        "fille",
        "enfant",
        "membre",
        "étudiant",
        "étudiante",
        "inconnu",
        "inconnue",
        "journaliste",
        "voz",
        "hombre",
        "mujer",
        "niño",
        "niña",
        "miembro",
        "estudiante",
        "desconocido",
        "periodista",
        "voce",
        "uomo",
        "donna",
        "ragazzo",
        "ragazza",
        "bambino",
        "membro",
        "studente",
        "sconosciuto",
        "giornalista",
        "stimme",
        "mann",
        "frau",
        "junge",
        "mädchen",
        "kind",
        "mitglied",
        "student",
        "studentin",
        "unbekannter",
        "journalist",
        "homem",
        "mulher",
        "menino",
        "menina",
        "membro",
        "estudante",
        "desconhecido",
        "jornalista",
        "stem",
        "vrouw",
        "jongen",
        "meisje",
        "lid",
    ]
)


def unnamed_voice(name: str) -> bool:
    """Whether `name` gives a voice no name by an indefinite article: "A VOICE", "A VOICE FROM THE GALLERY",
    "AN OFFICER", "Une voix", "A man": a voice's or a person's noun after the article (not "A FEW FANS SAID").
    Plays and records use it for someone heard once; a speaker where it takes turns with people
    (speakers.decide), never a name."""
    tokens = name.split()
    if not 2 <= len(tokens) <= 6 or len(name) > 40 or _bare(tokens[0]) not in _INDEFINITE:
        return False
    if not all(t.rstrip(".,").isalpha() for t in tokens):
        return False
    return (
        tokens[0][:1].isupper()
        and tokens[1].casefold() in _VOICE_NOUNS
        and all(t[:1].islower() or t.casefold() in ("from", "of") or name.isupper() for t in tokens[2:])
    )


def _role_phrase(name: str) -> bool:
    """A capitalised word and one or two in small letters: a role written as a phrase ("Phóng viên")."""
    tokens = name.split()
    return (
        2 <= len(tokens) <= 3
        and len(name) <= 30
        and tokens[0][:1].isupper()
        and _bare(tokens[0]) not in TITLES
        # (a preposition only between two words: "Presidente da mesa", the meeting's chair)
        and not any(t in PARTICLES for t in (tokens[2:] if len(tokens) == 3 else tokens[1:]))
        and all(t.rstrip(".").isalpha() for t in tokens)
        and all(t[:1].islower() for t in tokens[1:])
    )


#: A party in parentheses, a comma, a place: "SEN. GWEN POIRIER (D), OREGON".
_PARTY_THEN_PLACE = re.compile(r"^(.+?)\s*\(([^()]{1,20})\),\s*([^()]{2,40})$")


def _trailing_role(text: str) -> tuple[str, str] | None:
    """(what stands before, the role) where `text` ends with a role in parentheses or brackets; the role may
    hold parentheses of its own ("The Chair (Mrs. Anne Lapointe (Sherbrooke, Lib.))")."""
    close = text[-1:]
    if close not in (")", "]", "）"):
        return None
    opener = {")": "(", "]": "[", "）": "（"}[close]  # (a full-width pair too: "山本（代表取締役社長）")
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += 1 if text[i] == close else -1 if text[i] == opener else 0
        if depth == 0:
            name, role = text[:i].rstrip(), text[i + 1 : -1].strip()
            longest = 60 if close == "]" else 120
            letter = close == ")" and len(role) == 1 and role in _CAPITAL_LETTERS
            if name and (2 <= len(text[i + 1 : -1]) <= longest or letter) and (close != "]" or "[" not in role):
                return name, role
            return None
    return None


#: An office or a seat, then its holder in parentheses with an honorific (君, 氏, さん, 様): "議長（佐藤一郎君）".
#: (A member's 君 after a name that may have an ideographic space between surname and given name; 氏, さん or 様
#: after a name alone: "質問者A（みずなみ証券 佐藤氏）" is a questioner from a firm, whose label stays theirs.)
_OFFICE_THEN_HOLDER = re.compile(
    r"^(?P<office>[^\s（()）]{1,20})\s*[（(](?:"
    r"(?P<name>[\u3005\u4e00-\u9fff\u3040-\u30ff]{1,8}(?:　[\u3005\u4e00-\u9fff\u3040-\u30ff]{1,8})?)君"
    r"|(?P<named>[\u3005\u4e00-\u9fff\u3040-\u30ff]{2,8}?)(?:氏|さん|様))[）)]$"
)
#: A word or three in brackets before a name: "[Moderation] Jan Feldmann" (the name capitalised, or uncased).
_LEADING_TAG = re.compile(r"^\[(?P<tag>[^\W\d_][^\[\]\d]{0,30})\][ \t]+(?P<name>[^\W\d_a-zß-ÿ][^\[\]]{1,60})$")


_CAPITAL_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ")


#: A sentence ending and another beginning: a stop after a word of five letters or more (not an abbreviation,
#: "Dr.", "Parl."), or a question or exclamation mark, then a capital.
#: A word of five letters or more, a full stop and a capitalised word: a sentence ending inside what was taken
#: for a name.
_WORD_STOP_WORD = re.compile(r"(?<![\w.\-])([^\W\d_]{5,})\.[ \t]+(?=[A-ZÀ-ÖØ-Þ])")
_SENTENCE_WITHIN = re.compile(r"[^\W\d_]{5,}[.!?][ \t]+[A-ZÀ-ÖØ-Þ]|[!?][ \t]+[A-ZÀ-ÖØ-Þ]")


#: A house number and a capitalised street: "9 Ferry Road", "14b Linden Street", "221 Rue de Rivoli".
_HOUSE_AND_STREET = re.compile(r"^\d{1,5}[a-zA-Z]?,?[ \t]+[^\W\d_][\w'’.-]*(?:[ \t]+[\w'’.-]+){0,4}$")


def courtesy_and_office(name: str) -> bool:
    """A courtesy title before an office in small letters, no name: Spanish minutes' "Sr. alcalde", "Sra.
    secretaria", Romanian "Dl. secretar general" (Mr. Mayor, Madam Secretary); not a title before a surname's
    particles alone ("Mr. van", "Dr. de la")."""
    tokens = name.split()
    return (
        2 <= len(tokens) <= 5
        and _bare(tokens[0]) in TITLES
        and tokens[0][:1].isupper()
        and all(t.isalpha() and t.islower() for t in tokens[1:])
        and tokens[1] not in PARTICLES
        and _bare(tokens[1]) not in TITLES
    )


def holder_of_office(candidate: str) -> tuple[str, str] | None:
    """(the person, the office) for Japanese minutes' office and, in parentheses, its holder with an honorific:
    "議長（佐藤一郎君）", "３番（高橋　美咲君）", "町長（中村健二君）" (the person speaks; the office or seat is their
    role); None for any other name."""
    held = _OFFICE_THEN_HOLDER.match(candidate.strip())
    return ("".join((held.group("name") or held.group("named")).split()), held.group("office")) if held else None


@cached_when_short
def split_role(candidate: str) -> tuple[str, str | None]:
    """`"HOWARD K. SMITH, MODERATOR"` -> `("HOWARD K. SMITH", "MODERATOR")`; also a role in parentheses or
    brackets ("Dr. Ada Park (Director, Acme)", "Ada Park [Acme]"), several of them ("Douglas Ross (Highlands and
    Islands) (Con)"), and a longer one in capitals ("Ada Park, Director of Research, Acme Corp")."""
    tagged = _LEADING_TAG.match(candidate)
    if tagged and not TIME_RE.fullmatch(tagged.group("tag").strip()):
        # a panel's part or an outlet in brackets before the name: "[Moderation] Jan Feldmann", "[Podium] Clara
        # Roth", as a programme groups its speakers
        name, role = split_role(tagged.group("name"))
        return name, ", ".join(r for r in (tagged.group("tag").strip(), role) if r)
    if (held := holder_of_office(candidate)) is not None:
        return held
    roles: list[str] = []
    rest = candidate
    party = _PARTY_THEN_PLACE.match(rest)
    if party:
        # "SEN. GWEN POIRIER (D), OREGON": a party in parentheses, then a state or a seat after a comma (a town and
        # its state too: "MAYOR LUIS CARRANZA (D), MILLBROOK, OHIO")
        return party.group(1).strip(), f"{party.group(2)}, {party.group(3).strip()}"
    while len(roles) < 3 and (found := _trailing_role(rest)) is not None:
        if TIME_RE.fullmatch(found[1]):
            break
        rest = found[0]
        roles.insert(0, found[1])
    if roles:
        # "Douglas Ross (Highlands and Islands) (Con)", "Mr. Nebenzia (Russian Federation) (spoke in Russian)"
        rest = rest.strip()
        if "," in rest and "(" not in rest and rest.isupper():
            # and a role after a comma before them, as broadcast transcripts write both in capitals: "MARCUS
            # LEE, CORRESPONDENT (voice-over)" (not a directory's "Okonkwo, Tunde (Finance)")
            name, role = split_role(rest)
            if role is not None:
                return name, ", ".join([role, *roles])
        return rest, ", ".join(roles)
    dashed = re.search(r" [–—] [^\W\d_A-Z]", candidate.partition(",")[0]) if "," in candidate else None
    if "," in candidate and not (dashed and dashed.group()[-1:].islower()):
        # (not where an office in small letters after a dash comes first, its place after the comma:
        # "Dna. Gabriela Florea – director executiv, Direcția Economică")
        name, _, role = candidate.partition(",")
        role = role.strip()
        words = role.split()
        capitalised = sum(1 for w in words if w[:1].isupper())
        # (an office of many words after a titled name, capitalised, as the Bundestag's record writes it: "Dr.
        # Annette Faber, Parl. Staatssekretärin bei der Bundesministerin für Wohnen, Stadtentwicklung und Bauwesen")
        long_office = len(words) <= 16 and role[:1].isupper() and bool(titles_of(name)) and len(name.split()) >= 3
        if (
            role
            # (not a sentence's end and another's start: "Danke, Herr Präsident. Ich mache es kurz:" is words)
            and not _SENTENCE_WITHIN.search(role)
            and (len(words) <= 4 or (len(words) <= 8 and capitalised >= len(words) / 2) or long_office)
            and (
                not any(ch.isdigit() for ch in role)
                or (titles_of(name) and len(name.split()) >= 2)
                or (_HOUSE_AND_STREET.match(role) is not None and is_full_name(name.strip()))
            )
        ):
            # (an address after a titled name, or a full one: "Mr. Tanaka, 4 Orchard Lane", "PETER HOLLIS, 9 Ferry
            # Road", as a public hearing's record gives each speaker)
            return name.strip(), role
    for dash in (" – ", " — "):
        # a role after a dash, as minutes write it: "רונית אלמוג – סגנית ראש העירייה"
        name, sep, role = candidate.partition(dash)
        role = role.strip()
        if (
            sep
            and role
            and len(role.split()) <= 6
            and not _SENTENCE_WITHIN.search(role)
            and dash not in role
            and 2 <= len(name.split()) <= 4
            and is_name_like(name.strip())
            # (in a script without capitals, where nothing else tells a role from a name, and an office of two words
            # or more: not a fixture's "Real Madrid – Sevilla: 3-1", nor a person after an office, "Chief
            # Spokesperson – Ada Park", read elsewhere)
            and (
                uncased(role)
                # (or an office in small letters after a titled or full name, as Romanian minutes write the chair:
                # "Dl. Ion Mărginean – președinte de ședință")
                or (role[:1].islower() and role.split()[0].isalpha() and is_full_name(name.strip()))
            )
            and len(role.split()) >= 2
        ):
            return name.strip(), role
    return candidate.strip(), None


#: A nickname in quotes, one capitalised word: '"Bia"', "“Bob”", "'Dee'".
_QUOTED_NICKNAME = re.compile(r"^[\"“‘'][^\W\d_][\w.\-]{0,20}[\"”’']$")
#: The words before a style of address ("Her Honour", "His Lordship", "Your Worship", "Their Honours").
_ADDRESS_OWNERS = {"her", "his", "your", "their"}
#: Styles by which a judge, a magistrate, a bishop or a head of state is addressed and recorded.
_STYLES = {
    "honour",
    "honor",
    "honours",
    "honors",
    "lordship",
    "ladyship",
    "lordships",
    "worship",
    "excellency",
    "majesty",
    "grace",
    "eminence",
    "holiness",
}


#: An ordinal number before a role: "1.º", "2.ª", "1st", "2nd", "3rd", "4th", "1er", "2e", "2ème", "2.".
_ORDINAL = re.compile(r"\d{1,2}(?:\.?[ºª°]|st|nd|rd|th|er|re|e|ème|\.)")


#: A minister named by the office, what it is for and the person: "Bundesministerin für Justiz Dr. Elisabeth
#: Danzer", "Minister for Justice Helen McEntee", "Staatssekretär im Finanzministerium Hans Mohr".
_MINISTER_OF = re.compile(
    r"(?:(?:Vize|Bundes|Landes)?(?:[Mm]inister(?:in)?|[Kk]anzler(?:in)?)|Staatssekretär(?:in)?|Landesrät?(?:in)?|"
    r"Minister|Secretary(?: of State)?|Attorney[- ]General)[ \t]+(?:für|for|of|im|in|der|des)[ \t]+(?:the[ \t]+)?"
    r"[A-ZÄÖÜ][\w,&' -]{1,70}?[ \t]+(?:(?:Dr|Mag|Prof|DI|Ing|MMag|Dipl\.-Ing)\.(?:\([A-Z]+\))?[ \t]+)*"
    r"[A-ZÄÖÜ][\w'’-]+(?:[ \t]+(?:(?:van|von|de|der|zu)[ \t]+)?[A-ZÄÖÜ][\w'’-]+){1,2}(?:,[ \t]*[A-Z][\w.]{1,8})?"
)


def _minister_of(name: str) -> bool:
    """Whether `name` is a minister by office, portfolio and person (not the office's press office or department:
    "Minister for Finance Press Office")."""
    return _MINISTER_OF.fullmatch(name) is not None and name.split()[-1].casefold() not in _NOT_A_PERSONS_NAME


_NOT_A_PERSONS_NAME = frozenset({"office", "press", "department", "unit", "team", "secretariat", "ministry", "desk"})


#: Letters only Vietnamese writes (a hooked o or u, a d with a stroke, a vowel with a dot below or a hook above).
_VIETNAMESE = re.compile(
    "[ơưăđƠƯĂĐạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ]"
)


#: A meeting room's name, as a meeting tool shows a room's device: "Boardroom-4F", "DEN-Conf-Room-4B",
#: "Sala Madrid-3 (Sala de reuniones)", "Besprechungsraum 2", "Salle Jaurès".
_MEETING_ROOM = re.compile(
    r"(?i)(?:\b|[-_])(?:room|rm|boardroom|conf|conference|meeting room|sala|salle|raum|besprechungsraum|zaal|"
    r"vergaderzaal|mötesrum|auditorium|aula)(?:\b|[-_\d])"
)


def names_a_meeting_room(name: str) -> bool:
    """Whether `name` is a meeting room's, as a meeting tool shows the room's device: a room's word with a number,
    a code or the tool's note in parentheses ("Sala" alone may be someone's surname)."""
    return _MEETING_ROOM.search(name) is not None and re.search(r"\d|\(|-", name) is not None


def a_rooms_turns(name: str, count: int) -> str:
    """The warning for `count` turns under a meeting room's device `name`, in captions and text alike."""
    return (
        f"{count} turns are under {name!r}, a meeting room's name: whoever spoke in the room (several people, "
        "likely) is read as one speaker"
    )


@cached_when_short
def is_name_like(name: str) -> bool:
    """True when `name` has the shape of a person's name or title-and-surname."""
    if not name or "  " in name:
        return False
    if len(name) > 48:
        # (longer only for a minister named by the office and its portfolio, as German and English records do:
        # "Bundesminister für Soziales, Gesundheit, Pflege und Konsumentenschutz Johannes Rauch")
        return len(name) <= 110 and _minister_of(name)
    if _CJK.match(name) or (" " in name and len(name.split()) <= 3 and all(_CJK_PART.match(t) for t in name.split())):
        # "山田太郎", and family and given name apart: "山田 太郎" (a note's "備考" is none)
        return name not in NOT_NAMES
    if _minister_of(name):
        return True
    if a_motions_head(name):
        return False  # "Antrag der Kommission", "Proposition de la minorité": a motion, not who speaks
    if _caseless(name):
        # Arabic, Hebrew, Thai, Devanagari...: no capitals to tell a name by (but a note's head, "ملاحظة", is none)
        return name.split()[0] not in NOT_NAMES
    if (
        ". " in name
        and any(
            m.group(1).casefold() not in TITLES
            and not any(c.isupper() for c in m.group(1)[1:])  # ("PaedDr.", a title's capitals inside)
            and any(
                not t.endswith(".") for t in name[: m.start()].split()
            )  # (a name's word before it, not "Lt. Comdr.")
            for m in _WORD_STOP_WORD.finditer(name)
        )
    ):
        # (a sentence's end inside, after a name's word: a credit line's "Fot. Kasia Lenart. Zapis"; a title
        # shortened first is a title's stop, "Lieut. Ada Park")
        return False
    tokens = name.split()
    if len(tokens) >= 2 and _ORDINAL.fullmatch(tokens[0]) and tokens[1][:1].isupper():
        # a role counted, as a viva's or a panel's record numbers them: "1.º Arguente", "2nd Examiner", "1er
        # assesseur"
        return is_name_like(" ".join(tokens[1:]))
    if len(tokens) >= 3 and any(_QUOTED_NICKNAME.match(t) for t in tokens[1:-1]):
        # a nickname in quotes between the given name and the surname: 'Beatriz "Bia" Fontes', "Robert “Bob” Lee"
        tokens = [tokens[0], *(t for t in tokens[1:-1] if not _QUOTED_NICKNAME.match(t)), tokens[-1]]
        name = " ".join(tokens)
    if not 1 <= len(tokens) <= (9 if _VIETNAMESE.search(name) else 6):
        # (Vietnamese writes a word a syllable at a time: an office and a name run to eight, "PHÓ CHỦ TỊCH QUỐC HỘI
        # TRẦN MINH KHOA")
        return False
    if is_initials(name):
        return True  # "NT", "AN": decided later by whether the document says who they are
    if GENERIC_SPEAKER.match(name):
        return True
    if len(tokens) >= 3 and _bare(tokens[0]) in {"right", "rt"} and _bare(tokens[1]) in {"hon", "honourable"}:
        tokens = tokens[1:]  # Westminster's and Ottawa's "Right Hon. Justin Trudeau", "Rt Hon Ada Park"
    if len(tokens) >= 2 and _bare(tokens[0]) == "speaker" and tokens[1][:1].isupper():
        tokens = tokens[1:]  # a state house's "SPEAKER PRO TEMPORE", "Speaker Johnson"
    first = _bare(tokens[0])
    if is_office(name) or _the_office(tokens):
        return True
    if (
        len(tokens) in (2, 3, 4)
        and first in _ADDRESS_OWNERS
        and _bare(tokens[1]) in _STYLES
        and tokens[1][:1].isupper()
    ):
        return (
            True  # the judge as courts address and record them: "HER HONOUR", "His Honour Judge Price", "Your Worship"
        )
    if tokens[0] == "An" and len(tokens) >= 2 and _bare(tokens[1]) in _IRISH_OFFICES:
        return True  # the Oireachtas's "An Ceann Comhairle", "An Taoiseach", "An Leas-Chathaoirleach"
    if first in NOT_NAMES and first not in TITLES:
        return False
    if all(_bare(t) in _COURTESY for t in tokens):
        return False  # "Mr" or "Dr." alone names nobody ("Mr: Speaker, ..." is an OCR'd "Mr. Speaker")
    if _bare(tokens[-1]) in {"note", "notes", "transcript", "transcription", "disclaimer"}:
        # a translator's or an editor's note ("TL Note:", "Editor's Note:"), no one speaking; nor a record's
        # status ("DRAFT TRANSCRIPT: This is a draft transcript and is subject to correction.")
        return False
    if len(tokens) == 2 and len(tokens[1]) == 1 and tokens[1].isupper() and _bare(tokens[0]) in _LETTERED_THINGS:
        return False  # a contract's "Party A:", an appendix's "Plan B:"
    seen_name = False
    for i, token in enumerate(tokens):
        bare = _bare(token)
        if not bare:
            return False
        if bare in TITLES and (token[0].isupper()):
            continue
        if i > 0 and token in PARTICLES:
            continue
        if i > 0 and ELIDED_NAME.match(token):
            seen_name = True  # "Thibault d'Harcourt", "Giovanni dell’Acqua"
            continue
        if i > 0 and _JOINED_PARTICLE.match(token):
            seen_name = True  # "Ali al-Hakim", "Tuan Yang di-Pertua"
            continue
        if i < len(tokens) - 1 and _CLIPPED_TITLE.match(token):
            continue  # a title written clipped: Malaysia's "Dato' Sri"
        if _INITIAL.match(token):
            seen_name = True
            continue
        if (
            i == len(tokens) - 1
            and token.lstrip("#").isdigit()
            and i > 0
            and len(token.lstrip("#")) <= 3
            and _bare(tokens[0]) not in _NUMBERED_THINGS
        ):
            # "Speaker 1", "Guest 2", "PASSENGER #1"
            return True
        if not token[0].isupper():
            return False
        if not _TOKEN_WORD.match(token):
            # OCR'd capitals such as "SM1TH" only inside all-caps labels
            if not (token.isupper() and re.fullmatch(r"[A-Z0-9'.\-]+", token) and re.search(r"[A-Z]{2}", token)):
                return False
        if i > 0 and bare in _FUNCTION_WORDS and not token.isupper():
            return False  # "What Is This:", "Part Of It:"; a surname such as "Example" or "Summers" is fine
        seen_name = True
    # Titles and particles alone ("Mr. van") name nobody, unless a title stands for a person on its own
    # ("Senator", "Vice President", "Chairman").
    return seen_name or any(_bare(t) in TITLES and _bare(t) not in _COURTESY for t in tokens)


#: Words that make "The ..." an office held by someone, beside TITLES: "The Speaker", "The Prime Minister".
_OFFICE_WORDS = {
    "speaker",
    "clerk",
    "witness",
    "court",
    "moderator",
    "presiding",
    "deputy",
    "prime",
    "leader",
    # who chairs, rules on or records a sitting: "The Convener", "The Rapporteur", "The Coroner"
    "convener",
    "convenor",
    "chairperson",
    "rapporteur",
    "registrar",
    "coroner",
    "magistrate",
    "arbitrator",
    "mediator",
    "ombudsman",
    "referee",
    "umpire",
    "interpreter",
    "facilitator",
    "secretary",
    "treasurer",
    "premier",
    "chancellor",
    "narrator",
    "announcer",
    "host",
    "sheriff",
    "marshal",
    "bailiff",
    "usher",
}


#: Things numbered in agendas and books, never a numbered person ("Item 7:", "Section 2:"; but "Speaker 2:").
_NUMBERED_THINGS = {
    "item",
    "section",
    "step",
    "question",
    "part",
    "chapter",
    "table",
    "figure",
    "fig",
    "article",
    "clause",
    "appendix",
    "week",
    "session",
    "round",
    "episode",
    "lesson",
    "unit",
    "level",
    "phase",
    "stage",
    "option",
    "track",
    "scene",
    "act",
    "verse",
    "exhibit",
    "slide",
    "agenda",
    "motion",
    "amendment",
    "resolution",
    "paragraph",
    "schedule",
    "annex",
    "task",
    "exercise",
    "problem",
    "no",
    "number",
}


#: Things lettered in contracts and plans, never a person ("Party A", "Plan B"; but "Person A", "Speaker B").
_LETTERED_THINGS = _NUMBERED_THINGS | {"party", "plan", "group", "team", "type", "class", "site", "block", "zone"}


#: Offices the Oireachtas names in Irish after "An" (the): its chairs, the head of government and the deputy.
_IRISH_OFFICES = {
    "ceann",
    "leas-cheann",
    "cathaoirleach",
    "leas-chathaoirleach",
    "taoiseach",
    "tánaiste",
    "tanaiste",
    "cléireach",
}


def _the_office(tokens: list[str]) -> bool:
    """ "The Prime Minister", "The Deputy Speaker", "The Chairman of the Committee": an office, named as one."""
    if not 2 <= len(tokens) <= 6 or tokens[0] not in ("The", "THE"):
        return False
    if tokens[0] == "THE" and len(tokens) <= 3 and all(t.isalpha() and t.isupper() for t in tokens[1:]):
        return True  # a role in capitals, as court and hearing records write them: "THE ARBITRATOR", "THE DEFENDANT"
    words = [t for t in tokens[1:] if t not in {"of", "the", "pro", "tempore", "for"}]
    # The office is the word before "of" or the last ("The Prime Minister", "The Chairman of the Committee";
    # not "The Prime Suspect").
    lowered = [t.casefold() for t in tokens]
    head = tokens[lowered.index("of") - 1] if "of" in lowered[2:] else tokens[-1]
    return (
        bool(words)
        and all(t[:1].isupper() and t.replace("-", "").replace(".", "").isalpha() for t in words)
        and (_bare(head) in TITLES or _bare(head) in _OFFICE_WORDS - {"prime", "deputy", "presiding"})
    )


#: How parliaments writing French, Spanish, Italian or Portuguese name someone by office: a title (or "M.")
#: and an article, then the office in lower case ("M. le président", "Mme la ministre"), or an article and a
#: title, then the name ("El señor PRESIDENTE", "La señora GARCÍA LÓPEZ", "Il signor Rossi").
_OFFICE_ARTICLES = {"el", "la", "il", "lo", "o", "a"}
#: (Portugal's Assembly writes "Sr.ª" for a woman, the ordinal mark after the stop: "A Sr.ª Inês Carvalhal (PS):")
_OFFICE_TITLES = {
    "señor", "señora", "senyor", "senyora", "senhor", "senhora", "signor", "signora", "sr", "sra", "sr.ª", "sig",
}  # fmt: skip
#: French records' "M. le président", "Mme la ministre"
_FRENCH_OPENERS = {"m", "mme", "mmes", "mlle", "mm"}
_FRENCH_ARTICLES = {"le", "la", "l'", "l’"}
#: A word for "o'clock" before a time, in a record's time marks: Danish and Norwegian "Kl. 13:01", Swedish "Kl.",
#: German "Uhr" (after), "ca." (about).
_CLOCK_WORD = re.compile(r"^(?:[Kk]l|[Kk]lo|[Cc]a|[Uu]m)\.?$")
#: A radio, audio or TV script's production cues written as labels ("SOUND: Wind.", "MUSIC: Theme up."), no one's.
PRODUCTION_CUES = frozenset(
    {"sound", "sounds", "sfx", "fx", "music", "sound effect", "sound effects", "atmos", "ambience", "grams"}
    # (the BBC's transcripts name a recording's own sound "ACTUALITY:", "ACTUALITY: SHUTTERS, STREET NOISE")
    | {"actuality"}
    | {"music cue", "sound cue", "sting", "jingle", "theme", "theme music", "music up", "music out", "music under"}
    # (and in the languages radio plays are written in: Czech "ZVUK:", "HUDBA:", Polish "EFEKT:", "MUZYKA:", German
    # "GERÄUSCH:", French "BRUITAGE:", Spanish "SONIDO:", Italian "RUMORE:"; not French "son", a person too)
    | {"zvuk", "zvuky", "hudba", "ruchy", "efekt", "efekty", "muzyka", "dźwięk", "geräusch", "geräusche", "musik"}
    | {"atmo", "bruitage", "bruitages", "musique", "sonido", "sonidos", "música", "efecto", "efectos", "suono"}
    | {"musica", "rumore", "rumori", "effetto", "effetti", "efeito", "efeitos", "geluid", "muziek", "ljud"}
    | {"lyd", "звук", "звуки", "музыка", "шум", "zene", "hangeffekt", "äänitehoste", "musiikki", "ääni"}
    # Bulgarian and Ukrainian music, Korean and Japanese scripts' music, sound effects and insert shots
    | {"музика", "bgm", "음악", "효과음", "인서트", "音楽", "効果音", "insert"}
    # and a call log's or a chat's own notes ("SYSTEM: Call placed on hold"), in the languages met
    | {"system", "సిస్టమ్", "सिस्टम", "système", "sistema", "система"}
    # and a TV news script's captions and graphics ("CG: LINDA ORTIZ / CITY ENGINEER", "SUPER: ...", "GFX: MAP")
    | {"cg", "chyron", "super", "lower third", "gfx", "font"}
)
#: Labels that name no one by the rules for names, yet are someone where they take turns with people: a chat
#: export's "You:" (whoever exported it), a consultation's "Dr:".
_TAKES_TURNS = {"you", "dr"}
#: Dutch records' "De heer Bakkal", "De voorzitter", "De minister van Financiën" (the Tweede Kamer, Flanders)
_DUTCH_TITLES = {"heer", "heren"}
#: Dutch courtesy titles before a name: "mevrouw El Amrani", "meneer Kooistra", "de heer Bakkal".
_DUTCH_COURTESY = _DUTCH_TITLES | {"mevrouw", "meneer"}
_DUTCH_OFFICES = {
    "voorzitter",
    "voorzitster",
    "minister",
    "staatssecretaris",
    "griffier",
    "minister-president",
    "premier",
    "rapporteur",
}


@cached_when_short
def is_office(name: str) -> bool:
    """Whether `name` names someone by title and office as Romance-language records do (see _OFFICE_ARTICLES)."""
    tokens = name.split()
    if not 2 <= len(tokens) <= 6 or not tokens[0][:1].isupper():
        return False
    first, second = _bare(tokens[0]), _bare(tokens[1])
    if first in _OFFICE_ARTICLES and tokens[1].islower() and second in _OFFICES_ES_PT:
        # "La presidenta", "El conseller d'Economia i Hisenda", "La vicepresidenta primera": an office and what
        # it is of, in small letters after its article, as Catalan, Spanish and Portuguese records name the chair
        rest = tokens[2:]
        return len(rest) <= 4 and all(t[:1].isupper() or t.islower() or t[:2] in ("d'", "d’", "l'", "l’") for t in rest)
    if first in _OFFICE_ARTICLES and second in _OFFICE_TITLES and len(tokens) >= 3:
        # "El señor PRESIDENTE", "La señora García López": the words after the title are a name or an office
        rest = tokens[2:]
        return all(t[:1].isupper() or t in PARTICLES for t in rest) and any(t[:1].isupper() for t in rest)
    if first == "de" and tokens[0][:1] == "D":
        # Dutch: "De heer Bakkal", "De heer Van der Berg"; "De voorzitter", "De minister van Financiën"
        rest = tokens[2:]
        if second in _DUTCH_TITLES and tokens[1].islower() and rest:
            return all(t[:1].isupper() or t in PARTICLES for t in rest) and any(t[:1].isupper() for t in rest)
        if tokens[1] in _DUTCH_OFFICES:
            return not rest or (rest[0] == "van" and len(rest) >= 2 and all(t[:1].isupper() for t in rest[1:]))
        return False
    if first in _FRENCH_OPENERS and tokens[0][:1] == "M" and tokens[1] in _FRENCH_ARTICLES and len(tokens) >= 3:
        # "M. le président", "Mme la ministre", "M. le président de la commission"
        office = tokens[2:]
        return (
            len(office) <= 4
            and all(t.replace("-", "").isalpha() for t in office)
            and office[0].islower()
            and len(office[0]) >= 4
        )
    return False


def _caseless(name: str) -> bool:
    """A short name in a script without capitals ("أحمد", "דוד כהן", "राहुल", "श्री राजेश कुमार वर्मा"): one to
    four words of letters (a title and three names), or a word and a number, a role numbered as "Participant 2"
    is ("பங்கேற்பாளர் 2", "مشارك ٣")."""
    tokens = name.split()
    if len(tokens) == 2 and tokens[1].isdigit() and len(tokens[1]) <= 3:
        return _caseless(tokens[0]) and len(tokens[0]) >= 3
    # (five words where one is a title shortened with a stop: "النائبة د. منى راشد الهاجري", an MP, Dr, three names)
    if not (1 <= len(tokens) <= 4 or (len(tokens) == 5 and any(t.endswith(".") for t in tokens[:2]))) or len(name) > 40:
        return False
    letters = 0
    for ch in name:
        if ch.isalpha():
            if _has_case(ch):
                return False
            letters += 1
        elif not (ch in " .'\"-־׳״/" or unicodedata.category(ch).startswith("M")):
            return False  # (vowel signs and other marks belong to the letters before them; "د." is Dr.; "היו\"ר")
    # (or a syllable, a letter and its vowel sign: Thai's short name "วิ" for วิภาวี, Bengali's "ডা." for ডাক্তার,
    # shortened with a stop)
    syllable = name.rstrip(".")
    return letters >= 2 or (letters == 1 and len(syllable) >= 2 and unicodedata.category(syllable[-1]) in ("Mn", "Mc"))


#: A courtesy title in parentheses after "Hon.", as Kenya's, Uganda's and Nigeria's records write it: "Hon. (Ms.)
#: Achieng:", "Hon. (Dr.) Wafula:".
_TITLE_IN_PARENTHESES = re.compile(r"^(Hon\.?|HON\.?)[ \t]+\((?:Ms|Mrs|Mr|Dr|Prof|Eng|Capt|Rev|Amb|Arch)\.?\)[ \t]+")
#: A short label of Chinese or Japanese characters spread to a fixed width by ideographic spaces, as records
#: print an office to line up with longer names: "主　　席：", "委　員　長：" (the spaces are layout, not words).
_SPREAD_LABEL = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff](?:\u3000+[\u3040-\u30ff\u3400-\u9fff]){1,4}(?=[ \t]*[：:])")


#: A transcriber's mark for a voice they could not identify: "?:", "F?:", "M?:", "??:".
_UNIDENTIFIED = re.compile(r"^(?P<sex>[FMfm]?)\?{1,3}[ \t]*:[ \t]+(?=\S)")
#: "Per" before a judge in a law report: "Per Lady Harwood", "Per Pell LJ", "Per curiam" (not the given name Per).
_PER_JUDGE = re.compile(
    r"^Per[ \t]+(?:(?:Lord|Lady|Sir|Dame|Mr|Mrs|Ms|Justice|Judge|Chief|curiam)\b|"
    r"[^:()]*?[ \t](?:LJ|J|JJ|JA|CJ|MR|P|SCJ)(?:[ \t]*\([^()]*\))?[ \t]*$)"
)


#: A member, their seat in brackets, then the verb of asking, in small letters: "Tuan Gobind Sivalingam [Batu Kawan]
#: minta Menteri Kesihatan menyatakan" (Malay "minta", asks), "Ada Park [Leeds North] to ask the Secretary of State".
_NUMBERED_ASKS = re.compile(
    r"^(?P<name>[^\W\d_][^\[\]()\n]{2,60}?)[ \t]*(?:\[(?P<seat>[^\[\]\n]{2,40})\]|\((?P<party>[^()\n]{2,60})\))[ \t]+"
    # (New Zealand's "4. TAMATI RĀWIRI (Labour—Te Tai Hauāuru) to the Minister of Health: Does she ...")
    r"(?P<rest>(?:minta|bertanya|to ask|asked|meminta|to the (?:Prime |Associate |Deputy Prime )?Minister)\b.*)$"
)


#: A post's author on a line of its own, in bold or as a handle, then badges or a rank and the post's details
#: after middle dots, one of them with a number (a date, a time, points, its place in the thread).
_POST_HEADER = re.compile(
    r"^(?:\*\*(?P<bold>(?:u/|@)[^*\n]{2,40})\*\*|(?P<handle>(?=[\w.@-]*[_.\d])[\w.@-]{3,32}))(?:[ \t]+`[^`\n]{1,12}`)?"
    r"(?:[ \t]+[^\s·:][^·:\n]{0,30}?)?[ \t]+·[ \t]+[^\n]*"
    # (a time, a date, points or an age: "12-01-2024 21:14", "2.1k points", "5h", "#3")
    r"(?:\d{1,2}[:.]\d{2}|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d(?:\.\d)?k? points?\b|\b\d{1,3}\s?[hdmyw]\b|#\d)[^\n]*$"
)
_COLUMN_GAP = re.compile(r"\S[ \t]{5,}\S")


def a_motions_head(label: str) -> bool:
    """Whether `label` (the words before a colon) heads a motion: a word of MOTION_HEADS, capitalised, then its
    number or whose it is ("Amendment No. 20 offered by Mr. Issa", "Antrag der Kommission", "Enmienda del Grupo
    Popular", "Emendamento 3.1"), in a few words and no comma outside parentheses.  Not a sentence opening with the
    word ("Proposition 22 was sold to us as a deal", "Motion sickness is the other thing", "Enmienda a la totalidad
    es otra cosa, ojo"), nor a debate's "Proposition 1"."""
    first = label.lstrip("*_").split(None, 1)
    if not first or first[0].casefold() not in MOTION_HEADS:
        return False  # (most labels and lines: a set's lookup before the pattern)
    head = _MOTION_HEAD.match(label)
    if head is None:
        return False
    return len(label.split()) <= 10 and "," not in re.sub(r"\([^()]*\)", "", label)


_MOTION_HEAD = re.compile(
    r"^[*_]*(?P<word>[A-ZÄÖÜÉ][^\W\d_]+)[ \t]+(?:(?:No\.?|Nr\.?|n°|nº|[Nn]úm\.?)[ \t]*\d|\d+\.\d+\b|\d+[A-Z]?[ \t]+(?:to|offered|by|zu|à)\b|"
    r"(?:der|des|de|del|della|dei|degli|delle|du|do|da|dos|das|of|offered|van|von|zu|zur|zum)\b)"
)


def names_a_firm(name: str) -> bool:
    """Whether `name` ends with a company's form ("NORTHSTAR REPORTING INC."): a firm, and the stop after it its
    form's, not a record label's."""
    return len(words := name.split()) >= 2 and words[-1].strip(".").casefold() in COMPANY_FORMS


def match_label(line: str) -> Label | None:
    """The speaker label opening `line`, if it has one (shape checked, not yet accepted)."""
    if "\u200c" in line[:80] and "\u0640" not in line:
        # Persian writes a zero-width non-joiner inside words and names ("نیک‌پور"): read as the letter it joins
        # (a tatweel stands in for it, a letter to the patterns), then given back
        label = _match_label(line.replace("\u200c", "\u0640"))
        if label is not None:
            label.raw = label.raw.replace("\u0640", "\u200c")
            label._line = label._line.replace("\u0640", "\u200c")
            label.role = label.role.replace("\u0640", "\u200c") if label.role else label.role
        return label
    return _match_label(line)


def _match_label(line: str) -> Label | None:
    text = line.strip()
    if "\u3000" in text[1:3] and (spread := _SPREAD_LABEL.match(text)):
        # (only over words said: a header's fields are spread alike, "记　　录：李晓燕", a name after its field)
        said = text[spread.end() :].lstrip(" \t：:")
        if len(said) >= 8 or said.endswith(("。", "！", "？", "!", "?")):
            text = spread.group().replace("\u3000", "") + text[spread.end() :]
    if text[:1] in "hH" and (titled := _TITLE_IN_PARENTHESES.match(text)):
        text = f"{titled.group(1)} {text[titled.end() :]}"
    if text.startswith(">") and not text.startswith(">>"):
        text = text.lstrip("> ")  # Markdown blockquote: "> **Ada:** text"
    if text[:2] in ("**", "__") and text.endswith(text[:2]) and len(text) > 6 and text[:2] not in text[2:-2]:
        # a whole line in bold, its label inside: "**PV: Thưa ông, mùa khô năm nay ra sao?**" (a paper's questions)
        inner = text[2:-2].strip()
        if _PLAIN.match(inner) and ":" in inner[:40]:
            text = inner
    if text[:1] >= "\u2190":
        text = _LEADING_SYMBOLS.sub("", text)  # "🎙️ Ada Park: text"
    if (
        text[:1].isupper()
        and text[: max(text.find(" "), 0)].casefold() in MOTION_HEADS
        and a_motions_head(text.partition(":")[0])
    ):
        return None  # a motion's head, "Antrag der Minderheit (Graber Peter): Streichen", not who speaks
    listed = _LIST_MARK.match(text)
    plain_item = False
    if listed and (text[0] != "-" or text[listed.end() :].startswith(("**", "__"))):
        # "1. Ada Park: text", "• Ada Park: text", "- **Ada Park:** text"; but "1. Budget: approved" and
        # "• Battery: lasts two days" are an agenda's and a list's items: after a plain mark, only a label
        # that can only be someone counts
        plain_item = not text[listed.end() :].startswith(("**", "__"))
        text = text[listed.end() :]
    if (
        listed
        and (asks := _NUMBERED_ASKS.match(text)) is not None
        and names_a_person(asks.group("name"))
        # (to a minister, a question: a register's "1. Mayor Ellen Grady (...) to the Minister of Transport: letter
        # requesting ..." is correspondence)
        and (not asks.group("rest").startswith("to the") or asks.group("rest").rstrip().endswith("?"))
    ):
        # a written question in the order paper's numbered list, the member and their seat, then what they ask:
        # the Dewan Rakyat's "2. Tuan Gobind Sivalingam [Batu Kawan] minta Menteri Kesihatan menyatakan ..."
        return Label(asks.group("name"), asks.group("rest"), "plain", None, asks.group("seat") or asks.group("party"))
    unknown = _UNIDENTIFIED.match(text) if "?" in text[:4] else None
    if unknown:
        # a transcriber's "?:" for a voice they could not tell, "F?:"/"M?:" for a woman's or a man's: unidentified
        who = {"f": "Unidentified female", "m": "Unidentified male"}.get(
            unknown.group("sex").casefold(), "Unidentified speaker"
        )
        return Label(who, text, "plain", at=unknown.end())
    paired = _TWO_CODES_LABEL.match(text) if "/" in text[:14] else None
    if paired:
        # one code for two participants the transcriber could not tell apart: "A2/A3:", "**P4/5:**" (said, in text)
        return Label(paired.group("codes"), paired.group("rest"), "bold" if text[:1] == "*" else "plain")
    handle = _AT_HANDLE.match(text) if text[:1] == "@" else None
    if handle:
        return Label(handle.group("name"), handle.group("rest"), "plain")  # "@marisol_dev: ok, we're live"
    if len(text) < 2 or not (text[0] in "|>*_[(-–—《" or text[0].isalnum()):
        return None
    if (
        "·" in text
        and (post := _POST_HEADER.match(text)) is not None
        and not (post.group("bold") or "").startswith("r/")
    ):
        # a forum's or a thread's post under its author and what the page says of it, its words below: "**u/
        # PlanktonPete** · 2.1k points · 5h", "rizky_bekasi99 Newbie · 12-01-2024 21:14 · #1"
        return Label(post.group("bold") or post.group("handle"), "", "post")
    if not _MAYBE_LABEL.search(text, 0, 120):
        m = _HEARING.match(text)
        if m and not names_a_firm(m.group("name")):  # Congressional-record style: "Mr. NADLER. The committee ..."
            return Label(m.group("name"), m.group("rest"), "record", None, None)
        return None  # no colon, bold or bracket near the start: ordinary text
    # (each pattern is tried only where the line has what it needs: a time ends an Otter label, a bold label opens
    # with * or _, and so on)
    m = _OTTER.match(text) if text[-1:].isdigit() else None
    if m:
        # "Ada Park  0:03", and Teams' "Park, Ada  0:03" or "Park, Ada (Finance)  0:03"
        name, role = (
            split_role(m.group("name").strip())
            if m.group("name").strip().endswith(")")
            else (
                m.group("name").strip(),
                None,
            )
        )
        name = given_first(name) or name
        if is_name_like(name) and not _CLOCK_WORD.match(name):
            return Label(name, "", "otter", parse_time(m.group("ts")), role)
    time = None
    m = _TS_PREFIX.match(text) if text[:1] in "[(" or text[:1].isdigit() else None
    if m is None and text[:1].isdigit() and (clock := _DOTTED_CLOCK.match(text)):
        # a record's clock time with a dot, as the Eduskunta prints it: "14.07 Aino Salminen sd (...): ..."
        time = int(clock.group("h")) * 3600 + int(clock.group("m")) * 60.0
        text = text[clock.end() :]
    if m:
        time = stamp_seconds(m)
        text = text[m.end() :]
        sent = _SENT_FROM.match(text)
        if sent and is_name_like(sent.group("name")):
            # a meeting's chat saved by Zoom: "10:42:13 From Ada Park to Everyone:" (the words may follow below)
            return Label(sent.group("name"), sent.group("rest"), "timed", time, None)
        if m.group("date"):
            # A date and a time: a chat export's message ("12/03/2024, 10:42 - Bob 🌵: Yes!", "[12/03/2024,
            # 10:42:13] Bob: Yes!"), whoever sent it; a log's "2024-03-12 10:42:13 INFO: ..." has no dash or
            # bracket there, and its levels are no one.
            sender = _SENDER.match(text)
            if sender is None or sender.group("name").strip().casefold() in _LOG_LEVELS:
                return None
            who = sender.group("name").strip()
            chat = m.group("open") == "[" or m.group("dash") in ("-", "–", "—")
            if not chat and not (is_name_like(who) and names_a_person(who)):
                return None  # (a log's "2024-03-12 10:42 Deploy: ..."; a person's full name is a chat's)
            return Label(who, sender.group("rest"), "timed", time, None)
    m = _USER_HANDLE.match(text) if text[:2] in ("**", "*u", "u/") else None
    if m:
        # a forum's user name as the label: Reddit's "**u/keeper_hollis:** ...", underscores and all
        return Label(m.group("name"), m.group("rest"), "bold" if text[:1] == "*" else "plain", time)
    m = _BOLD.match(text) if text[:1] in ("*", "_") else None
    if m:
        inside = m.group("name").strip()
        if inside.endswith(("]", ")")) and (stamp_inside := _TIME_AT_END.search(inside)) is not None:
            # (the time inside the bold, after the name and the party: "**Ingrid Moe (A) [10:05:45]:**")
            time = parse_time(stamp_inside.group(1))
            inside = inside[: stamp_inside.start()].strip()
        # (a record's stop after the group in parentheses, inside the bold: "**MORETTI (PD-IDP).**")
        # (and after a name in capitals: "**PRESIDENTE.**", the chair's)
        stopped = inside.endswith(").") or (inside.endswith(".") and _in_capitals(inside) and " " not in inside)
        name, role = split_role(inside[:-1] if stopped else inside)
        if not is_name_like(name) and role and is_full_name(role) and is_name_like(role) and name[:1].isupper():
            # an office too long for a name, its holder in parentheses: Hansard's "**The Parliamentary
            # Under-Secretary of State for Transport (Ruth Callander)**"
            name, role = role, name
        if is_name_like(name):
            rest = m.group("rest")
            stamp = _REST_TIME.match(rest)
            if stamp:  # "**Name** [00:01:02]"
                time = parse_time(stamp.group(1))
                rest = rest[stamp.end() :]
            elif rest[:1] in "-–—" and (after := _ROLE_AFTER_BOLD.match(rest)) and role is None:
                # an earnings call's "**Ada Park** -- *Chief Financial Officer*": the role, the words below
                role, rest = after.group("role").strip(), ""
            return Label(name, rest, "bold" if time is None else "timed", time, role)
        return None
    m = _HEARING.match(text)
    if m and time is None and not names_a_firm(m.group("name")):
        # Congressional-record style: "Mr. NADLER. The committee will come to order."
        return Label(m.group("name"), m.group("rest"), "record", None, None)
    bracketed = "(" in text or "[" in text
    m = _NAME_ROLE_TS.match(text) if bracketed else None
    if m:
        # Australia's Hansard: "Mr ALBRIGHT (Grayndler—Leader of the Opposition) (14:02): ..."
        name, role = split_role(m.group("name").strip())
        if m.group("after"):
            role = ", ".join(r for r in (role, m.group("after").strip()) if r)
        if is_name_like(name):
            return Label(name, m.group("rest"), "timed", parse_time(m.group("ts")), role)
    m = _NAME_TS.match(text) if bracketed else None
    if m:
        name, role = split_role(m.group("name").strip())
        if is_name_like(name):
            return Label(name, m.group("rest"), "timed", parse_time(m.group("ts")), role)
    m = _BRACKET.match(text) if text[:1] == "[" else None
    if m and time is None:
        name = m.group("name").strip()
        clip = _CLIP.match(m.group("rest").strip())
        if clip and _names_someone(clip.group("who")):
            # A broadcast's cue, then who speaks and from where, the words below: "[인터뷰] 박영호 / 서울 마포구",
            # "[SOUNDBITE] Ada Park / Leeds City Council".  The cue names the speaker outright.
            return Label(clip.group("who"), "", "clip", None, f"{name}, {clip.group('where')}")
        rest, role = m.group("rest"), None
        stamp = _BARE_TIME.fullmatch(rest)
        if name.endswith(")") and "(" in name and (stamp or "/" in name[name.rfind("(") :]):
            # a meeting tool's display name with the person's pronouns: "[Ken Okada (he/him)]" (not a play's
            # "[THOMAS (not looking up)]")
            name, role = split_role(name)
        if name.casefold() in CLIP_CUES or (
            not is_stage_direction(name) and is_name_like(name) and not is_initials(name)
        ):
            if stamp is not None:
                # Zoom's saved transcript: "[Ada Park] 18:01:07" over the words
                return Label(name, "", "timed", parse_time(stamp.group(1)), role)
            if role is None and (tagged := name_after_tag(name, rest)) is not None:
                (name, rest), role = tagged, name
            return Label(name, rest, "bracket", None, role)
    m = _PLAIN.match(text)
    if m and _PER_JUDGE.match(m.group("name")):
        return None  # a law report's "Per Lady Harwood:", "Per Pell LJ (concurring):": whose judgment, not a turn
    if m and _COLUMN_GAP.search(m.group("name").strip()):
        # two columns side by side before the colon: a signature block's "LIZA F. MENDOZA, Kalihim ng Barangay
        # <gap> Pinagtibay: HON. ROGELIO M. SANTOS", not a label
        return None
    if m:
        # (a Japanese record's office with its holder in parentheses, "委員長（佐々木健一君）：", is 佐々木健一's: see
        # holder_of_office)
        name, role = split_role(m.group("name").strip())
        if m.group("name").strip().endswith((")", "]")) and holder_of_office(m.group("name")) is None:
            name, role = person_in_office(name, role)  # (only the person in parentheses after an office)
        if not is_name_like(name) and (dashed := re.split(r"[ \t]+[–—-][ \t]+", name, maxsplit=1)) and len(dashed) == 2:
            # the European Commission's "Chief Spokesperson – Ada Park:" and "Question – Ben Cho, ANSA:"
            person, affiliation = split_role(dashed[1])
            if (
                _bare(dashed[0].split()[0]) in _COURTESY_BEFORE_AN_OFFICE
                and not any(_bare(t) in TITLES for t in dashed[1].split())
                and names_a_person(dashed[0])
                # (an office, capitalised: not a sentence's aside, "Mr. Hale - as you know - wrote to us")
                and all(t[:1].isupper() for t in dashed[1].split() if t.isalpha() and len(t) > 3)
            ):
                # the person first, titled, then the office: Tanzania's "NDG. ASHA MWINYI – KATIBU MEZANI:"
                name, role = dashed[0], ", ".join(r for r in (dashed[1], role) if r)
            elif (names_a_person(person) or (uncased(person) and is_name_like(person))) and (
                not names_a_person(dashed[0])
                or any(_bare(t) in TITLES or (t.islower() and t not in PARTICLES) for t in dashed[0].split())
            ):
                name, role = person, ", ".join(r for r in (dashed[0], affiliation, role) if r)
        if " / " in name and not is_name_like(name):
            # a bilingual record's "Y Llywydd / The Presiding Officer": the first name that reads as one, the
            # other as its role
            parts = [part.strip() for part in name.split(" / ")]
            named = next((part for part in parts if is_name_like(part)), None)
            if named is not None:
                name, role = named, ", ".join(r for r in [*(part for part in parts if part != named), role] if r)
        if (office := office_before_person(name)) is not None:
            name, role = office[0], ", ".join(r for r in (office[1], role) if r)
        if (
            name[:1] in "FfZzNn"
            and (asked := _PRESS_QUESTION_BY.match(name)) is not None
            and is_name_like(asked.group("who"))
        ):
            # the Federal Press Conference's journalists: "FRAGE JUNG:", "ZUSATZFRAGE JUNG:" are Jung's
            name, role = asked.group("who"), ", ".join(r for r in (asked.group("word"), role) if r)
        if (
            (party_letters := name.rpartition(" ")[2].lstrip("/")) != name
            and party_letters.islower()
            and len(party_letters) <= 4
            and (party := _PARTY_AFTER.match(name))
            and party.group("party") not in PARTICLES
            # (not a phrase's last word after its preposition: "Presidente da mesa", the chair of the meeting)
            and party.group("name").split()[-1] not in PARTICLES
            and is_full_name(party.group("name"))
            # (not a sentence's subject and verb: German capitalises its nouns, "Der Unterschied ist: Ich ...")
            and _bare(name.split()[0]) not in _ARTICLES_NOT_PARTICLES
            and is_name_like(party.group("name"))
        ):
            # a member and their party's letters: "Aino Salminen sd (vastauspuheenvuoro)"
            name, role = party.group("name"), ", ".join(r for r in (party.group("party"), role) if r)
        # (a single capital is a label only where it recurs, as "A:" and "B:", "I:" and "R:" do: speakers.decide)
        # (and Chinese dialogue's 甲, 乙, 丙 and 丁, its A, B, C and D: a crosstalk's or a textbook's two voices)
        letter = len(name) == 1 and (name.isupper() or name in DIALOGUE_STEMS)
        if (
            not (letter or is_name_like(name))
            and role is None
            and m.group("sep") != ";"
            and (_role_phrase(name) or courtesy_and_office(name))
            and _bare(name.split()[0]) not in NOT_NAMES
        ):
            # "Phóng viên:", "Some hon. members:": a role in words of its own language, capitalised as a
            # sentence is; a speaker only where it takes turns with people (speakers.decide)
            return Label(name, m.group("rest"), "phrase")
        if role is None and m.group("sep") != ";" and name[:1] in "AaUuEe" and unnamed_voice(name):
            # "A VOICE FROM THE GALLERY:", "A MAN:", "Une voix :": someone heard without a name, as a play or a
            # record gives them; a speaker where it takes turns with people, as a role phrase is
            return Label(name, m.group("rest"), "phrase")
        if role is None and name.casefold() in PRODUCTION_CUES and m.group("sep") != ";":
            # a radio or audio script's "SOUND: A door slams.", "MUSIC: Theme up.": no one says them (the line
            # stays whole, cue and all; see text._accepted_labels)
            return Label(name, text.strip(), "cue", time)
        if role is None and name.casefold().rstrip(".") in _TAKES_TURNS and m.group("sep") != ";":
            # a chat export's "You:", a consultation's "Dr:": no name, but someone where it takes turns with
            # the people of the document (speakers.decide judges it as a role written as a phrase)
            return Label(name, m.group("rest"), "phrase", time)
        if not (letter or is_name_like(name.replace("《", "").replace("》", ""))) or (
            role and _PARTIES.search(role) and not _COUNSEL.search(role)
        ):
            return None  # a case caption ("FLORIDA, ET AL., :") names parties, not a speaker
        at = m.start("rest")
        stamp = _REST_TIME.match(text, at)
        if stamp:  # Rev style: "Name: (01:20)" then the words
            time = parse_time(stamp.group(1))
            at = stamp.end()
        if plain_item and (not names_a_person(name) or m.group("rest")[:1].islower() or uncased(name)):
            # ("1. Ada Park: best newcomer." is a list of awards; and where a script has no capitals to tell a
            # name by, "• የወጣቶች ጉባኤ፦ ቅዳሜ ..." is an announcement's item)
            return None
        if role is not None and _REPORTED.search(role):
            return None  # a press release's "Jane Park, CEO of Acme, said: ..." reports speech, it is no turn
        if m.group("sep") == ";":
            form = "semicolon"
        elif time is not None:
            form = "timed"
        elif m.group("dash"):
            form = "dash"
        else:
            # "caps": a capitalised name with a title or a role ("MR. SMITH:", "SMITH, CHAIRMAN:")
            form = "plain"
            words = name.split()
            if role is not None or (len(words) > 1 and _bare(words[0]) in TITLES):
                letters = [c for c in name if c.isalpha()]
                if letters and all(c.isupper() for c in letters):
                    form = "caps"
        return Label(name, text, form, time, role, at=at)  # (the rest kept as a place in the line)
    return None


# -- display names ---------------------------------------------------------


def in_ordinary_case(token: str) -> str:
    """One word of a name in capitals in ordinary case ("OKONKWO-REID" -> "Okonkwo-Reid", "McMORRIS" ->
    "McMorris"); initials and Roman numerals stay."""
    return _cap_token(token)


def _cap_token(token: str, turkish: bool = False) -> str:
    if _ROMAN.match(token) or _INITIAL.match(token) or _INITIALS_RUN.match(token):
        return token
    prefixed = _SHOUTED_PREFIX.match(token)
    if prefixed:  # the Record's "McMORRIS", "DeLAY": the prefix as written, the rest in ordinary case
        return prefixed.group(1) + _cap_token(prefixed.group(2), turkish)
    out = []
    for part in re.split(r"([\-'’])", token):
        if not part or part in "-'’":
            out.append(part)
            continue
        if turkish:
            # (Turkish's two i's: "I" lowers to a dotless "ı", "İ" to "i", and "i" capitalises back to "İ")
            low = part.replace("I", "ı").replace("İ", "i").lower()
            out.append({"i": "İ", "ı": "I"}.get(low[:1], low[:1].upper()) + low[1:])
            continue
        low = part.lower().replace("i\u0307", "i")  # (Turkish "İ" lowers to an i with a second dot)
        if low.startswith("mc") and len(low) > 3:
            out.append("Mc" + low[2:].capitalize())
        else:
            out.append(low.capitalize())
    return "".join(out)


_SHOUTED_PREFIX = re.compile(r"^(Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|O['’])([A-Z'’\-]{2,})$")


def _shouted(token: str) -> bool:
    """A name token in capitals: "NIXON", "O'BRIEN", and the Record's "McMORRIS" (not a handle's "MEE6", "R2D2":
    letters and digits are written so, not shouted)."""
    return (
        any(c.isalpha() for c in token)
        and not any(c.isdigit() for c in token)
        and (token.upper() == token or bool(_SHOUTED_PREFIX.match(token)))
    )


@cached_when_short
def display_name(raw: str) -> str:
    """The name as the document gives it, with ALL-CAPS labels put in ordinary case.

    "MR. NIXON" -> "Mr. Nixon", "Mr. NORTH" -> "Mr. North", "SENATOR KENNEDY" ->
    "Senator Kennedy"; mixed-case names ("Kai-Fu Lee", "DJ Khaled") stay as written.
    """
    name = " ".join(raw.split()).strip(" *_")
    if name and max(name) >= "\U0001d400" and any("\U0001d400" <= c <= "\U0001d7ff" for c in name):
        name = unicodedata.normalize("NFKC", name)  # a social post's bold or italic letters: "𝐙𝐚𝐫𝐚" is Zara
    diarised = _DIARISED.match(name)
    if diarised:
        return f"Speaker {int(diarised.group(1)) + 1}"
    if channel := _CHANNEL.match(name):
        return f"Channel {int(channel.group(1)) + 1}"
    if (is_initials(name) and not GENERIC_SPEAKER.match(name)) or _CJK.match(name) or _PHONE.match(name):
        # ("NT" stays, and a phone number with its hidden digits, "+252 6X XXX XXXX"; a role such as "HOST" reads as
        # "Host" below)
        return name
    tokens = name.split()
    if len(tokens) >= 2 and tokens[0] == "The" and any(t.isupper() and len(t) > 1 for t in tokens[1:]):
        # "The CHAIRMAN", "The Acting CHAIRMAN", "The SPEAKER pro tempore": a role, in ordinary case
        return "The " + " ".join(_cap_token(t) if t.isupper() else t for t in tokens[1:])
    # "Mr. SMITH of Texas": the state after "of" is not part of the name's case.
    own = tokens[: tokens.index("of")] if "of" in tokens[1:] else tokens
    body = [t for t in own if _bare(t) not in TITLES and not _INITIAL.match(t) and any(c.isalpha() for c in t)]
    if is_office(name) and _bare(tokens[0]) in _OFFICE_ARTICLES:
        body = [t for t in body[1:] if t[:1].isupper()]  # "El señor GARCÍA": the article is not the name
    if body and all(_shouted(t) for t in body):
        # (a Turkish name's capitals, told by the letters only Turkish writes: "DENİZ AYDIN" is Deniz Aydın)
        turkish = "İ" in name or "Ğ" in name
        return " ".join(t if t in PARTICLES or not _shouted(t) else _cap_token(t, turkish) for t in tokens)
    if not body and tokens and all(_shouted(t) for t in tokens):
        return " ".join(_cap_token(t) for t in tokens)  # a title alone in capitals: "CHAIR", "CHAIRMAN"
    return name


def ocr_key(name: str) -> str:
    """Key that forgives OCR digit-for-letter slips in labels ("SM1TH" = "SMITH")."""
    return name_key(name).translate(str.maketrans("1053", "iosb")).replace("l", "i")


def person_tokens(name: str) -> list[str]:
    """The name without titles: "Vice President Joe Biden" -> ["Joe", "Biden"]."""
    tokens = name.split()
    while tokens and _bare(tokens[0]) in TITLES and len(tokens) > 1:
        tokens = tokens[1:]
    return tokens


def titles_of(name: str) -> set[str]:
    out = set()
    for t in name.split():
        if _bare(t) in TITLES or t in ("M.", "MM."):  # (French "M." is a title; a bare "M" is not)
            out.add(_bare(t))
        else:
            break
    return out


def surname(name: str) -> str:
    tokens = [t for t in person_tokens(name) if not _INITIAL.match(t)]
    return name_key(tokens[-1]) if tokens else ""


@cached_when_short
def is_full_name(name: str) -> bool:
    """At least a given name and a surname besides any title."""
    tokens = [t for t in person_tokens(name) if _bare(t) not in TITLES]
    return len(tokens) >= 2 and not tokens[-1].isdigit()


#: Tags for what a programme plays rather than who speaks: a song by an artist, an advert by a firm.
_PLAYED_TAGS = frozenset(
    ["song", "music", "track", "playing", "now playing", "jingle", "ad", "advert", "advertisement", "sting", "promo",
     "musik", "lied", "titel", "musique", "chanson", "canción", "música", "canzone", "musica", "nummer", "låt"]
)  # fmt: skip
#: After a tag in brackets, a full name and a mark, then the words: "Rui Sá – Bom dia", "Ana Costa: Tenho ...".
_NAME_AFTER_TAG = re.compile(
    r"^(?P<name>[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){1,3})[ \t]*(?:[:：]|[ \t][–—-])[ \t]+(?P<rest>\S.*)$"
)


def name_after_tag(tag: str, rest: str) -> tuple[str, str] | None:
    """Who speaks and their words, where a label in brackets is a group's or an outlet's tag and the person's
    full name follows it, a mark after the name: "[Record] Rui Sá – Bom dia", "[Público] Ana Costa: ..."; None
    where the bracket holds the person (or a name of its own: "[Ada Park] Ben Cho: ..." is not read so)."""
    m = _NAME_AFTER_TAG.match(rest)
    if m is None or len(tag.split()) > 3 or is_full_name(tag) or not is_full_name(m.group("name")):
        return None
    if tag.casefold() in _PLAYED_TAGS or is_stage_direction(tag):
        return None  # (a radio log's "[Song] Amy Winehouse – Back to Black": what was played, by whom)
    if m.group("rest")[:1].islower():
        return None  # (a sentence going on: "[DE] Herzlich Willkommen – so stand es auf dem Plakat")
    if not all(w[:1].isupper() or uncased(w) for w in m.group("name").split()) or not is_name_like(m.group("name")):
        return None  # ("[Applause] Thank you – all of you": words, not a name)
    return m.group("name"), m.group("rest")


@cached_when_short
def names_a_person(name: str) -> bool:
    """A label that can only be someone: a given name and a surname, a title and a name ("Mr. Smith"), or a
    role such as "Host" or "Speaker 2" (a single capitalised word may be a heading: "Usage", "Budget")."""
    tokens = name.split()
    titled = len(tokens) >= 2 and (_bare(tokens[0]) in TITLES or tokens[0] in ("The", "THE"))
    return is_full_name(name) or titled or bool(GENERIC_SPEAKER.match(name)) or is_office(name)


def titles_compatible(a: str, b: str) -> bool:
    ta, tb = titles_of(a), titles_of(b)
    if ("sr" in ta and tb & {"sra", "srta"}) or ("sr" in tb and ta & {"sra", "srta"}):
        return False  # (Spanish "Sr." beside "Sra.": a man and a woman)
    return not ((ta & _MALE_TITLES and tb & _FEMALE_TITLES) or (ta & _FEMALE_TITLES and tb & _MALE_TITLES))


@cached_when_short
def initials_of(name: str) -> frozenset[str]:
    """Initials a document might use for `name`: "Kai-Fu Lee" -> {"KFL", "KL"}; "Yann LeCun" -> {"YL", "YLC"}."""
    tokens = [t for t in person_tokens(name) if t not in PARTICLES]
    if not tokens:
        return frozenset()
    plain = ""
    hyphen = ""
    inner = ""
    syllables = ""  # (a script without capitals writes a name's first syllable, its vowel signs on it: मी.श.)
    for t in tokens:
        t = t.strip(".")
        if not t or not t[0].isalpha():
            continue
        plain += t[0].upper()
        parts = [p for p in t.split("-") if p]
        hyphen += "".join(p[0].upper() for p in parts)
        inner += t[0].upper() + "".join(c for c in t[1:] if c.isupper())
        syllables += first_syllable(t)
    return frozenset(x for x in (plain, hyphen, inner, syllables) if len(x) >= 2)


_MENTION = re.compile(
    r"(?<![\w'’-])((?:[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ]+)?|[A-Z]\.)"
    r"(?:[ \t]+(?:(?:van|von|der|de|del|di|da|du|la|le|bin|al)[ \t]+)?(?:[A-Z][\w'’]*(?:-[A-Z][\w]+)?|[A-Z]\.)){1,3})"
)


#: Words saying the person named is not the meeting's office-holder now: away, a guest, a former holder (in the
#: languages minutes come in).
LEAVE_ASIDE = frozenset({
    "absent", "absente", "absentes", "absents", "ausente", "ausentes", "assente", "assenti", "abwesend", "entschuldigt",
    "afwezig", "fraværende", "frånvarande", "nieobecny", "nieobecna", "nieobecni", "lipsește", "lipsesc", "hiányzik",
    "távol", "apologies", "apologised", "apologized", "excused", "guest", "guests", "invité", "invitée", "invités",
    "invitées", "gast", "gäste", "ospite", "ospiti", "invitado", "invitada", "invitados", "vendég", "former",
    "previous", "previously", "formerly", "ehemalige", "ehemaliger", "ancien", "ancienne", "précédent", "anterior",
    "anteriore", "korábban", "vorheriger", "voormalig",
})  # fmt: skip


def _capitalised_name(words: str) -> bool:
    """Whether `words` are a person's name written with capitals, every word of it."""
    return all(w[:1].isupper() for w in words.split()) and names_a_person(words)


def name_spans(text: str) -> list[tuple[int, int, str]]:
    """Where `text` writes people's names: runs of two to four capitalised words one space apart that read as a
    person's name (a capital in any script that has them: not "ügyész", a prosecutor, after "Fekete Anna")."""
    spans: list[tuple[int, int, str]] = []
    run: list[re.Match[str]] = []
    for m in itertools.chain(re.finditer(r"[^\W\d_][\w'’-]*", text), [None]):
        if m is not None and m.group(0)[:1].isupper() and (not run or text[run[-1].end() : m.start()] == " "):
            run.append(m)
            continue
        if 2 <= len(run) <= 4 and _capitalised_name(words := text[run[0].start() : run[-1].end()]):
            spans.append((run[0].start(), run[-1].end(), words))
        run = [m] if m is not None and m.group(0)[:1].isupper() else []
    return spans


def mentioned_names(text: str) -> dict[str, int]:
    """Capitalised two-to-four word sequences in `text` that could be people, with counts."""
    counts: dict[str, int] = {}
    for m in _MENTION.finditer(text):
        name = m.group(1)
        if _bare(name.split()[0]) in NOT_NAMES:
            continue
        counts[name] = counts.get(name, 0) + 1
    return counts
