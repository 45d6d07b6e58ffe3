"""Who a speaker is: one name key, one initials rule, one placeholder rule.

Importers (grouping a document's labels), the library (merging speakers across
documents, finding one by name) and search (the `speaker:` facet, a query word
naming a speaker) all compare names through these, so "José Ruiz" and "jose
ruiz" are one person everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sayso.corpus.words import fold


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """How names compare: case, accents, apostrophes, punctuation and spacing do not matter.

    "José Ruiz", "JOSE RUIZ" and "Jose  Ruiz" share the key "jose ruiz"; "Kai-Fu Lee" is "kai fu lee".
    """
    return fold(name)


_SPACED_INITIALS = re.compile(r"(?:[^\W\d_]\. ){1,3}[^\W\d_]\.")


def is_initials(name: str) -> bool:
    """`NT`, `KFL`, `N.T.`: two to four capital letters standing for a name (never a name of their own); in a
    script without capitals, two to four first syllables each with its full stop (Hindi's `अ.व.`, `मी.श.`)."""
    letters = name.replace(".", "")
    if 2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper() and " " not in name:
        return True
    if _SPACED_INITIALS.fullmatch(name) and letters.replace(" ", "").isupper():
        return True  # (each with its stop, a space between: "О. М.", "J. K.")
    parts = name.split(".")
    return (
        name.endswith(".")
        and 2 <= len(parts) - 1 <= 4
        and all(part and first_syllable(part) == part for part in parts[:-1])
        and not any(c.isupper() or c.islower() for c in letters)
    )


def first_syllable(word: str) -> str:
    """A word's first letter with the vowel signs and other marks on it ("मी" of "मीरा"; "J" of "John")."""
    if not word or not word[0].isalpha():
        return ""
    end = 1
    while end < len(word) and unicodedata.category(word[end]) in ("Mn", "Mc"):
        end += 1
    return word[:end]


#: Labels that name a role or say nobody is known, on their name key: a different person in each document.
_PLACEHOLDER = re.compile(
    r"(?:unknown|unidentified|unnamed)(?: (?:speaker|male|female|man|woman|voice|person))?(?: \d+)?"
    r"|(?:speaker|participant|voice|person|guest|caller|respondent|interviewee|panelist|panellist)"
    r" ?(?:\d{0,3}[a-z]?|[a-z]{2})"
    r"|male|female"
    # (a voice from the audience, unnamed, as records in other languages write it: Polish "Głos z sali", German
    # "Stimme aus dem Publikum", French "Une voix dans la salle", Spanish "Una voz del público", Russian "Голос из
    # зала", Italian "Voce dalla sala", Dutch "Stem uit de zaal")
    r"|głos z (?:sali|widowni)|stimme aus dem (?:publikum|saal)|(?:une )?voix (?:dans la salle|du public)"
    r"|(?:una )?voz (?:del publico|desde el publico|de la sala)|голос из зала|(?:una )?voce dalla sala"
    r"|stem uit de zaal|(?:uma )?voz da plateia"
    # (a recording's channel, transcribed channel by channel: "Channel 2", "Channel 1, speaker 2")
    r"|channel ?\d{1,2}(?: speaker ?\d{1,3})?"
    # (someone in a crowd, unnamed: "[A voice: Preach it!]", "A MAN IN THE CROWD")
    r"|(?:an? )?(?:voice|man|woman)(?: (?:in|from) the (?:crowd|audience|gallery|congregation|back))?|voices"
    r"|(?:the )?(?:moderator|host|co host|operator|interviewer|narrator|announcer|audience(?: member)?|questioner|chair|chairman|"
    r"chairwoman|reporter|off camera|crowd|multiple speakers|all|both|everyone|group|congregation|chorus|"
    r"(?:some |several )?(?:hon|honourable|honorable) members|an? hon member|"
    r"(?:government|opposition|coalition|crossbench) members|"
    r"q|a|question|answer|"
    # A broadcast's roles: whoever reads the news that day; in Korean, Chinese and Japanese scripts too.
    r"anchor|co anchor|coanchor|cohost|presenter|correspondent|"
    + "|".join(
        fold(w)
        for w in (
            "앵커",
            "기자",
            "진행자",
            "사회자",
            "主持人",
            "记者",
            "記者",
            "アナウンサー",
            "司会",
            "司会者",
            "问",
            "問",
            "提问",
            "質問",
        )
    )
    # The numbered speakers of Korean, Japanese and Chinese transcription tools ("참석자 1", "話者1").
    + "|(?:"
    + "|".join(fold(w) for w in ("참석자", "화자", "발언자", "話者", "参加者", "说话人", "發言人", "发言人", "說話者"))
    + r") ?\d{1,3}"
    + "|"
    # A clip's unnamed voice, by the script's cue (importers.names.CLIP_CUES).
    r"soundbite|sound bite|sot|clip|video clip|audio clip|vox pops?|actuality|interview|o ton|sonore|"
    + "|".join(fold(w) for w in ("인터뷰", "녹취", "싱크", "同期声", "采访", "インタビュー"))
    + "|"
    # Court and hearing records, press briefings: a different person in each transcript.
    r"witness|deponent|court|clerk|videographer|interpreter|court reporter|president|vice president)"
    # The same offices in Romance-language records: "El señor PRESIDENTE", "M. le président", "Mme la ministre".
    r"|(?:(?:el|la) (?:senor|senora) |(?:m|mme|mlle) (?:le|la|l) |(?:il|la|o|a) (?:signor|signora|senhor|senhora) |"
    r"(?:il|la|el|le|o|a) )?(?:vice ?)?(?:presidente|presidenta|president|ministre|ministro|ministra|rapporteur|"
    r"rapporteure|secretario|secretaria|secretaire|greffier|greffiere|testigo|temoin)"
    # And in Dutch records: "De voorzitter", "De minister", "De griffier".
    r"|(?:de )?(?:voorzitter|staatssecretaris|griffier)|de (?:minister|premier)"
)


def is_placeholder(name: str) -> bool:
    """Whether `name` is a role or placeholder ("Unknown Speaker", "Speaker 2", "Moderator"), not a person's name."""
    return _PLACEHOLDER.fullmatch(name_key(name)) is not None
