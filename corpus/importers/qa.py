"""Question-and-answer transcripts: turns marked by role ("Q:"/"A:") instead of by name.

Interviews, depositions, hearings and oral histories often write `Q:` / `A:`,
`Q.` / `A.` (court reporters, often after a line number), `Q -` / `A -`,
`Q<tab>` or `QUESTION:` / `ANSWER:`.  A lone "A. Smith said" or "A: the first
option" is prose, so a document only counts as Q/A when the markers repeat and
alternate (at least Q, A, Q, A) and it is not a lettered list or quiz (no "B."
or "C." items in the same style).  A document whose questions are marked "Q"
but whose answers carry names ("THE PRESIDENT:", "ROE:") counts too.

Who asks and who answers comes from the document when it says so: a header
(`Interviewer: Jane Doe`, `Narrator: John Roe`, `Q = Jane Doe`), a sentence
("Interview with John Roe, conducted by Jane Doe"), a deposition's
`DEPOSITION OF JOHN ROE` or "JOHN ROE, having been first duly sworn", and
`EXAMINATION BY MR. SMITH:` / `BY MR. SMITH:` / `Q. (By Mr. Smith)`, after which
Q is Mr. Smith until the next such line.  `THE WITNESS:` is the answerer.
"Q"/"A" are kept as aliases of whoever they stand for.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from sayso.corpus.identity import name_key
from sayso.corpus.importers.grammar import REPLY, match_separated
from sayso.corpus.importers.names import (
    NOT_NAMES,
    PARTICLES,
    TITLES,
    Label,
    display_name,
    is_full_name,
    is_name_like,
    match_label,
    parse_time,
    titles_of,
    uncased,
)

#: Names for the two sides when the document does not say who they are.  "Interviewer" and
#: "Interviewee" read well in the speaker list and in citations (where a bare "A" as the author
#: of a quote says nothing), fit oral histories and press interviews, which most Q/A transcripts
#: are, and are placeholders both here (names.GENERIC_SPEAKER) and in the library
#: (library.is_generic_label), so the askers of two different documents never merge into one
#: person.  When only questions are marked and named people answer (press briefings, audience
#: questions after a talk) the questions usually come from several people, so they go to
#: "Questioner", which the library also treats as a placeholder.
ASKER = "Interviewer"
ANSWERER = "Interviewee"
QUESTIONER = "Questioner"

_WORD_ROLE = {"q": "Q", "a": "A", "question": "Q", "answer": "A"}
#: The same in other languages' press interviews, words and their initials: Spanish "Pregunta."/"Respuesta."
#: ("P."/"R."), Italian "D."/"R.", French "Q."/"R.", German "F:"/"A:", Dutch "V:"/"A:", Portuguese
#: "P:"/"R:", Polish "P:"/"O:", Russian "В:"/"О:".  One document uses one pair; `find` wants them to alternate.
_WORD_ROLE.update(
    {
        **dict.fromkeys(("pregunta", "domanda", "frage", "vraag", "pergunta", "pytanie", "вопрос"), "Q"),
        **dict.fromkeys(
            ("respuesta", "risposta", "antwort", "réponse", "resposta", "antwoord", "odpowiedź", "ответ"), "A"
        ),
        **dict.fromkeys(("p", "d", "f", "v", "в"), "Q"),
        **dict.fromkeys(("r", "o", "о"), "A"),
        # Arabic "س:"/"ج:" (سؤال/جواب), Hebrew "ש:"/"ת:", Chinese and Japanese "问："/"問："/"答：", Korean "문:"/
        # "답:", and the words: Turkish "Soru"/"Cevap", Greek, Indonesian "Tanya"/"Jawab", Ukrainian, Korean
        **dict.fromkeys(("س", "ש", "问", "問", "문"), "Q"),
        **dict.fromkeys(("ج", "ת", "答", "답"), "A"),
        **dict.fromkeys(("سؤال", "שאלה", "soru", "ερώτηση", "tanya", "питання", "질문"), "Q"),
        **dict.fromkeys(("جواب", "תשובה", "cevap", "απάντηση", "jawab", "відповідь", "답변"), "A"),
        # Punjabi, Hindi, Bengali, Urdu, Persian, Swahili, Vietnamese, Thai, Czech and Slovak, Hungarian,
        # Romanian, Finnish, Swedish, Danish and Norwegian, Japanese, Chinese
        **dict.fromkeys(
            (
                "ਸਵਾਲ",
                "प्रश्न",
                "সওয়াল",
                "প্রশ্ন",
                "سوال",
                "پرسش",
                "swali",
                "hỏi",
                "ถาม",
                "otázka",
                "kérdés",
                "întrebare",
                "kysymys",
                "fråga",
                "spørgsmål",
                "spørsmål",
                "質問",
                "提问",
                "提問",
                # Armenian, Georgian, Amharic, Tagalog, the Baltic languages, South Slavic and Bulgarian, Malay,
                # Tamil, Telugu, Kazakh, Basque, Welsh, Irish, Icelandic
                "հարց",
                "კითხვა",
                "ጥያቄ",
                "tanong",
                "klausimas",
                "jautājums",
                "küsimus",
                "pitanje",
                "питање",
                "въпрос",
                "vprašanje",
                "soalan",
                "கேள்வி",
                "ప్రశ్న",
                "сұрақ",
                "galdera",
                "cwestiwn",
                "ceist",
                "spurning",
            ),
            "Q",
        ),
        **dict.fromkeys(
            (
                "ਜਵਾਬ",
                "उत्तर",
                "জবাব",
                "উত্তর",
                "پاسخ",
                "jibu",
                "đáp",
                "ตอบ",
                "odpověď",
                "odpoveď",
                "válasz",
                "răspuns",
                "vastaus",
                "svar",
                "回答",
                "պատասխան",
                "პასუხი",
                "መልስ",
                "sagot",
                "atsakymas",
                "atbilde",
                "vastus",
                "odgovor",
                "одговор",
                "отговор",
                "jawapan",
                "பதில்",
                "జవాబు",
                "жауап",
                "erantzuna",
                "ateb",
                "freagra",
            ),
            "A",
        ),
    }
)
_ROLE_WORDS = sorted((w for w in _WORD_ROLE if len(w) > 1), key=len, reverse=True)


def question_or_answer(word: str) -> bool:
    """Whether `word` marks a question or an answer, in any language the reader knows ("Q", "Answer", "Pytanie",
    "Odpowiedź", "Frage", "答")."""
    return word.casefold() in _WORD_ROLE


#: A role marker opening a line: optional line number, clock time, Markdown emphasis,
#: the role, an optional "(Name)", then ":", ".", " -" or a wide gap (tab or 2+ spaces).
_MARK = re.compile(
    r"^(?:(?P<num>\d{1,4})[ \t]+)?"
    r"(?:[\[(]?(?P<ts>\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)[\])]?[ \t]+)?"
    r"(?P<em>\*\*|__|\*|_)?"
    r"(?P<role>(?i:" + "|".join(_ROLE_WORDS) + r")|[QAPDFVROВОسجשת问問答문답])"
    r"(?:[ \t]*[(\[（](?P<who>[^()\[\]（）\n]{2,60})[)\]）])?"
    r"(?:"
    # Q: / Q. / **Q:**, and French spacing after a word or a name in parentheses: "QUESTION (Ada Park) :" (not "P :",
    # a letter of an interview's own key)
    r"(?:(?:(?<=[^\W\d_][^\W\d_])|(?<=[)\]）]))[ \t](?=:[ \t]))?(?P<p1>[:.：])(?:\*\*|__|\*|_)?(?=[ \t]|$)"
    r"|(?:\*\*|__|\*|_)[ \t]*(?P<p2>[:.：])(?=[ \t]|$)"  # **Q**:
    r"|(?:\*\*|__|\*|_)?(?P<dash>[ \t]+[-–—])(?=[ \t])"  # Q - / Q –
    r"|(?:\*\*|__|\*|_)?(?P<gap>\t|[ \t]{2,})(?=\S)"  # Q<tab>Did you / Q   Did you
    r")[ \t]*(?P<rest>.*)$"
)
#: Lettered list items ("B. Methods", "C: option three") in the styles a Q/A marker could take.
_LETTER_ITEM = re.compile(r"^(?:\d{1,4}[ \t]+)?(?:\*\*|__|\*|_)?[B-H](?:[:.)](?:\*\*|__|\*|_)?[ \t]|[ \t]+[-–—][ \t])")
#: Lists of questions that are not a conversation.
_NOT_A_CONVERSATION = re.compile(
    r"\bFAQs?\b|frequently asked|\bquiz(zes)?\b|flash ?cards?|(practice|exam|review|study) questions|"
    # "frequently asked questions" in the languages such pages come in
    r"häufig(e|[ \t]+gestellte)[ \t]+fragen|foire aux questions|questions fréquentes|questions fréquemment posées|"
    r"preguntas frecuentes|perguntas frequentes|domande frequenti|veel ?gestelde vragen|vanliga frågor|"
    r"ofte stillede spørgsmål|ofte stilte spørsmål|usein kysytyt|často kladené otázky|často kladené dotazy|"
    r"najczęściej zadawane pytania|częste pytania|gyakran ismételt kérdések|\bGYIK\b|întrebări frecvente|"
    r"sıkça sorulan sorular|συχνές ερωτήσεις|часто задаваемые вопросы|часті запитання|поширені запитання|"
    r"الأسئلة الشائعة|שאלות נפוצות|सामान्य प्रश्न|अक्सर पूछे जाने वाले|câu hỏi thường gặp|คำถามที่พบบ่อย|"
    r"pertanyaan (?:yang sering diajukan|umum)|soalan lazim|maswali yanayoulizwa mara kwa mara|"
    r"よくある(?:ご)?質問|常见问题|常見問題|자주 묻는 질문|"
    # (and in the languages whose words for a question and an answer the reader knows besides)
    r"cwestiynau cyffredin|ceisteanna coitianta|česta pitanja|najčešća pitanja|честа питања|често постављана питања|"
    r"често задавани въпроси|pogosta vprašanja|dažniausiai užduodami klausimai|bieži uzdotie jautājumi|"
    r"korduma kippuvad küsimused|հաճախ տրվող հարցեր|ხშირად დასმული კითხვები|ተደጋግመው የሚጠየቁ|mga madalas (?:na )?itanong|"
    r"அடிக்கடி கேட்கப்படும் கேள்விகள்|తరచుగా అడిగే ప్రశ్నలు|жиі қойылатын сұрақтар|ohiko galderak|algengar spurningar|"
    # (a quiz or a test: Croatian/Serbian "kviz", "ispit", "test", Tagalog "pagsusulit", Irish "scrúdú")
    r"\bkviz\b|\bispit\b|pagsusulit|scrúdú|испит|тест знања",
    re.I,
)

#: A deposition's or hearing's line number (1-25, sometimes more) opening a line.
_LINE_NO = re.compile(r"^[ \t]*\d{1,2}(?=[ \t]|$)")
_PAGE_LINE = re.compile(r"^\s*(?:page\s+\d+(?:\s+of\s+\d+)?|\d{1,4})\s*$", re.I)

#: "EXAMINATION BY MR. SMITH:", "CROSS-EXAMINATION", "FURTHER REDIRECT EXAMINATION BY MS. JONES:".
_EXAMINATION = re.compile(
    r"^(?:(?:(?:FURTHER|RE-?)[ \t-]*)?(?:(?:DIRECT|CROSS|REDIRECT|RECROSS|VOIR[ \t]+DIRE)[ \t-]*)?(?:RE-?)?EXAMINATION"
    r"(?:[ \t-]+IN[ \t-]+CHIEF)?"
    r"(?:[ \t]+(?:OF[ \t]+.+?[ \t]+)?BY[ \t]+(?P<who>[^:\[(]+?))?"
    # (and French: "INTERROGÉ PAR Me ÉTIENNE LAFLEUR :", "CONTRE-INTERROGÉE PAR ...")
    r"|(?:CONTRE-?|RÉ-?|RE-?)?INTERROG[ÉE]E?S?[ \t]+PAR[ \t]+(?P<par>[^:\[(]+?)"
    # (and English courts': "Examined by MS OKAFOR", "Cross-examined by MR HARGREAVES", Nigeria's "XXN by Eze:")
    r"|(?:(?:FURTHER[ \t]+)?(?:CROSS|RE)[ \t-]*)?EXAMINED[ \t]+BY[ \t]+(?P<ed>[^:\[(]+?)"
    r"|(?:EIC|XN|XXN|RXN|RE-?XN)[ \t]+BY[ \t]+(?P<xn>[^:\[(]+?)"
    # (and Italian and Spanish courts': "ESAME DEL PUBBLICO MINISTERO", "CONTROESAME DELLA DIFESA – AVV. MANCINI",
    # "INTERROGATORIO DEL FISCAL")
    r"|(?:CONTRO|RI)?ESAME[ \t]+(?:(?:DELLE|DELLA|DEGLI|DEI|DEL|DI)[ \t]+|DELL['’][ \t]*)(?P<it>[^:\[(]+?)"
    r"|(?:CONTRA)?INTERROGATORIO[ \t]+(?:DE[ \t]+LA|DEL|DE)[ \t]+(?P<es>[^:\[(]+?))"
    # (an examination taken up again after a break: "Examination by Ms. Okonkwo: [Continued]")
    r"[ \t]*[:.]?[ \t]*(?:[\[(](?:continued|cont['’]?d|resumed|suite)[\])])?[ \t]*$",
    re.I,
)
#: A time opening a line, as a video deposition's transcript times each: "[10:03:10]  ", "10:03:10 ".
_LINE_TIME = re.compile(r"^[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?[ \t]+(?=\S)")


def _untimed(line: str) -> str:
    """`line` without the time opening it, if it has one."""
    return _LINE_TIME.sub("", line, count=1) if line[:1] in "[(0123456789" else line


#: "BY MR. SMITH:" alone on a line (questioning resumes after an objection).
_BY_LINE = re.compile(r"^BY[ \t]+(?P<who>[^:]{3,60}?)[ \t]*:[ \t]*$", re.I)
#: "Question – Ada Park, AFP:" (the words on the next line, or after the colon)
_ASKED_BY = re.compile(r"^(?P<who>[^\W\d_][^:：]{2,60}?)[ \t]*[:：][ \t]*(?P<rest>.*)$")
#: "Q. (By Mr. Smith) Did you ..."
_BY_PAREN = re.compile(r"^\((?:by|BY|By)[ \t]+(?P<who>[^()]{3,60})\)[ \t]*")
#: "(Whereupon, a recess was taken.)", "(Exhibit 4 was marked for identification.)"
_PROCEDURE = re.compile(
    r"^\((?=[^()]*\b(?:recess|off the record|on the record|exhibit|marked|whereupon|luncheon|lunch break|"
    r"adjourned|concluded|short break|brief break|discussion held|witness excused|sworn)\b)[^()]*\)$",
    re.I,
)
#: Court roles written "THE WITNESS:"; the witness and deponent are the answerer.
_THE_ROLE = re.compile(
    r"^(?P<name>THE[ \t]+(?:WITNESS|DEPONENT|COURT|REPORTER|COURT REPORTER|VIDEOGRAPHER|INTERPRETER|CLERK|BAILIFF|"
    r"PRESIDENT|VICE PRESIDENT|FIRST LADY|SECRETARY|CHAIRMAN|CHAIRWOMAN|CHAIR|PRIME MINISTER|MODERATOR)|"
    r"The[ \t]+(?:Witness|Deponent|Court|Reporter|Videographer|Interpreter|President|Vice President|Chairman|Chairwoman|Chair))"
    r"[ \t]*:[ \t]*(?P<rest>.*)$"
)
_ANSWERER_ROLES = {"the witness", "the deponent"}
#: The witness's own label in other languages' records, where answers under "R –"/"A:" are theirs too: Italian
#: "TESTIMONE –", Spanish "TESTIGO:", French "LE TÉMOIN :", German "ZEUGE:", Dutch, Portuguese, Polish, Russian,
#: Czech, Turkish, Scandinavian.
_WITNESS_LABEL = re.compile(
    r"^(?P<role>(?:(?:IL|LA|EL|LE|DER|DIE|DE|A|O)[ \t]+)?(?:TESTIMONE|TESTIGO|TESTIGA|T[ÉE]MOIN|ZEUGE|ZEUGIN|"
    r"GETUIGE|TESTEMUNHA|ŚWIADEK|ŚWIADKINI|СВИДЕТЕЛЬ|СВИДЕТЕЛЬНИЦА|SVĚDEK|SVĚDKYNĚ|TANIK|VITTNET|VITNET|VIDNET|"
    r"VITNE|VITNA|TODISTAJA))[ \t]*(?::|[–—-][ \t]|\.[ \t])",
    re.I,
)

#: Header lines that say who asks or answers: "Interviewer: Jane Doe", "Q = Jane Doe".
_ROLE_LINE = re.compile(
    r"^[*_#>\s-]*(?P<key>interviewers?|interviewed by|interview conducted by|conducted by|questions? by|questioner|examiner|"
    # (who asks, as other languages' interviews credit it: Arabic "حاورها:" (interviewed her), Hebrew "ראיין:")
    # (and "أجرت الحوار:", she conducted the interview; "أجرى المقابلة:", he did)
    r"حاوره|حاورها|حاورته|حاورتها|حاورهم|حاورتهم|أجرى الحوار|أجرت الحوار|أجرى المقابلة|أجرت المقابلة|"
    r"ראיין|ראיינה|ראיינו|"
    r"interviewees?|narrators?|respondents?|witness|deponent|q|a)[*_\s]*(?P<sep>[:=]|[ \t][-–—])[*_\s]*(?P<value>\S.*?)[*_\s]*$",
    re.I,
)
_ASKER_KEYS = {
    "interviewer",
    "interviewers",
    "interviewed by",
    "interview conducted by",
    "conducted by",
    "question by",
    "questions by",
    "questioner",
    "examiner",
    "q",
    *("حاوره", "حاورها", "حاورته", "حاورتها", "حاورهم", "حاورتهم"),
    *("أجرى الحوار", "أجرت الحوار", "أجرى المقابلة", "أجرت المقابلة", "ראיין", "ראיינה", "ראיינו"),
}
#: Who asks, in a credit line of a Japanese, Chinese or Korean interview: "聞き手・構成：田中美咲", "采访：王磊",
#: "取材・文＝大野理沙", "文／大野理沙" (a magazine interview's writer is who asked; "写真＝" is the photographer).
_ASKER_CREDIT = re.compile(
    r"(?:聞き手|インタビュアー|インタビュー|取材|采访人|采访者|采访|인터뷰어|진행|(?:^|(?<=[\s（(]))文)"
    r"(?:・[^：:＝=／/）)\s]{1,8})*[ \t]*[：:＝=／/][ \t]*(?P<who>[^\s：:＝=／/（()）、，,]{2,12})"
)
#: Phrases in the header naming one side: the name follows the phrase.
_ASKER_PHRASE = re.compile(
    r"\b(?:conducted|interviewed|questioned|examined)[ \t]+by[ \t]*:?[ \t]+"
    # the same in other languages' press: "Propos recueillis par", "Das Gespräch führte", "Rozmawiała", "Беседовал"
    r"|\binterviews?[ \t]+by[ \t]+|\b(?:words|text)[ \t]+by[ \t]+"  # a magazine's credit: "Interview by Theo Marsh"
    r"|\bpropos recueillis par[ \t]+|\bdas gespräch führten?[ \t]+|\brozmawiał(?:a|y|i)?[ \t]*:?[ \t]+|"
    r"беседовал(?:а|и)?[ \t]*:?[ \t]+|\bentrevista realizada por[ \t]+|\bintervista (?:raccolta|realizzata) da[ \t]+",
    re.I,
)
_ANSWERER_PHRASE = re.compile(
    r"\b(?:interview(?:ed)?|conversation|talk|oral[ \t]+history)[ \t]+(?:with|of)[ \t]+|\b(?:deposition|testimony)[ \t]+of[ \t]+"
    # the same in other languages' press: "Intervista a", "Entrevista con", "Interview mit", "Entretien avec"
    r"|\b(?:intervista|entrevista|interview|entretien|wywiad|интервью)[ \t]+(?:a|con|com|mit|avec|z|с)[ \t]+",
    re.I,
)
#: "JOHN ROE, having been first duly sworn, ..." / "JOHN ROE, called as a witness, ...".
_SWORN = re.compile(
    r"^(?P<who>[^,]{3,60}?),[ \t]+(?:having[ \t]+been|being|called|was[ \t]+(?:called|sworn|duly)|"
    # (a witness's oath in French records: "GILLES GERVAIS, (Sous la même affirmation solennelle)", "assermenté")
    r"\(?sous (?:la même |le même )?(?:affirmation|serment)|\(?(?:assermentée?|affirmée?|déclare)\b|"
    r"\(?(?:previously sworn|under (?:the same )?oath|on (?:former|the same) (?:oath|affirmation))|"
    # (a witness heading in English courts: "SARAH JANE MILLS, sworn", "ADA PARK, affirmed")
    r"(?:duly[ \t]+)?(?:sworn|affirmed)[ \t]*$|"
    # (American trial records' heading: "DANIEL RUIZ, GOVERNMENT'S WITNESS, SWORN", "..., PLAINTIFF'S WITNESS,
    # PREVIOUSLY SWORN")
    r"(?:[\w'’]+[ \t]+){0,2}witness,?[ \t]+(?:previously[ \t]+|duly[ \t]+)?(?:sworn|affirmed|recalled))",
    re.I,
)
#: A Québec record's oath, after the witness's name and address: "LAQUELLE, après avoir fait une affirmation
#: solennelle, dépose et dit :", "LEQUEL, après avoir été assermenté, ...".
_WHO_AFFIRMED = re.compile(r"^(?:LEQUEL|LAQUELLE|LESQUELS|LESQUELLES)\b.*\b(?:affirmation|serment|assermentée?)", re.I)


#: A witness's code and name: "CW1 (Adewale Ogunleye)", "PW 2 (Mary Atieno)", "DW3 (Ravi Kumar)".
_CODED_WITNESS = re.compile(r"^(?:[A-Z]{1,3}W|[PDC]W)[ \t]?\d{1,2}[ \t]*\((?P<who>[^()]{3,60})\)[ \t]*[–—,:-]")


def _witness_above(lines: list[str], i: int) -> str | None:
    """The name opening the paragraph above line `i` ("MARIE-ÈVE LACHANCE, ingénieure, ..."), or None."""
    k = i - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    while k > 0 and lines[k - 1].strip():
        k -= 1
    return _name(lines[k].strip().split(",", 1)[0]) if k >= 0 and "," in lines[k] else None


#: Words that say a line about a witness is their oath.
_OATH = re.compile(r"\bsworn\b|\bwitness\b|\baffirmed\b|\boath\b|\bserment\b|\baffirmation\b|\bassermenté", re.I)

#: A witness called, on a line of its own, as British inquiries and courts write it: "MR GRAHAM EDWARD PELL
#: (affirmed)", "DR ADA PARK (sworn)", "Professor Ben Cho (called)".
_SWORN_HEADING = re.compile(
    r"^(?P<who>[^\W\d_][^()\n]{2,60}?)[ \t]*\((?:sworn|affirmed|re-?sworn|re-?called|called|on former (?:oath|affirmation))\)"
    r"[ \t]*$",
    re.I,
)

#: Words that end a name run in a header sentence ("Interview with John Roe Conducted By ...").
_STOP = {
    "conducted",
    "interviewed",
    "recorded",
    "transcribed",
    "edited",
    "held",
    "taken",
    "dated",
    "date",
    "interview",
    "interviews",
    "oral",
    "history",
    "project",
    "transcript",
    "deposition",
    "volume",
    "vol",
    "esq",
    "esquire",
    "phd",
    "ph.d",
    "md",
    "jr",
    "sr",
    "called",
    "having",
    "being",
    "who",
    "was",
}
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_][\w'’\-]*\.?|[^\W\d_]\.)$")


@dataclass
class QAPlan:
    """What `find` decided for one document: the lines to use and a label for every turn it owns."""

    lines: list[str]  #: the document's lines (line numbers removed if it had them)
    labels: dict[int, Label] = field(default_factory=dict)
    claimed: set[int] = field(default_factory=set)  #: lines the ordinary label rules must not read as speakers
    aliases: dict[str, list[str]] = field(default_factory=dict)
    numbered: bool = False
    questions_only: bool = False  #: "Q" marks questions; answers carry names
    questions: set[int] = field(default_factory=set)  #: the lines of "Q" turns
    #: answers marked without a name where several named people answer ("A (Ruth):", "A (Ken):", then "A:"):
    #: how many, and who answer; they go to the last one named, which the document does not say
    unnamed_answers: tuple[int, list[str]] | None = None
    #: examinations begun without saying by whom ("EXAMINATION", then questions with no "BY MS. CHO:"): their
    #: questions go to the examiner before, which the document does not say
    unnamed_examinations: int = 0
    #: answers marked without a name that follow another such answer, no question or labelled turn between (a
    #: panel's "A:" after "A:"): the mark stands for several people
    answers_after_answers: int = 0


#: How one of several answering takes the word after another: "I'd push back a little on that", "Can I add
#: something?", "I'll take that", "To add to what Lin said" (one person's answer going on opens otherwise).
_ANOTHER_VOICE = re.compile(
    r"^(?:i'?d (?:push back|add|disagree|like to add)|can i (?:add|jump in|come in)|if i (?:may|could|can) add|"
    r"i'?ll take (?:that|this)|to add to (?:that|what)|building on (?:that|what)|just to add|i (?:agree|disagree)\b|"
    r"yes,? and|and if i may|fair\b|which is\b|i'?m (?:more|less) \w+ than|worse\b|better\b)",
    re.I,
)


def _examiner_follows(lines: list[str], i: int, marks: dict[int, _Mark]) -> bool:
    """Whether an examination's heading at line `i` is followed, before its first question, by who examines
    ("BY MS. CHO:", or a question marked "Q. (By Ms. Cho)")."""
    for k in range(i + 1, min(len(lines), i + 6)):
        s = _untimed(lines[k].strip())
        if _BY_LINE.match(s):
            return True
        if k in marks:
            return marks[k].role == "Q" and _BY_PAREN.match(marks[k].rest) is not None
    return False


def answered(plan: QAPlan, labels: dict[int, Label]) -> bool:
    """For a questions-only plan: do accepted named turns answer the questions (Q, name, ... 3 times)?"""
    kinds = ["Q" if i in plan.questions else "N" for i in sorted(labels) if labels[i].raw]
    return sum(1 for a, b in itertools.pairwise(kinds) if a == "Q" and b == "N") >= 3


@dataclass
class _Mark:
    role: str  # "Q" or "A"
    written: str  # "Q", "A", "Question", "Answer"
    style: str  # separator kind, for telling a convention from a one-off
    rest: str
    who: str | None
    time: float | None


#: A question or an answer marked in parentheses: "（問）", "（答）", "(Q)", "(A)".
_PAREN_MARK = re.compile(r"^[（(](問|答|Q|A)[）)][ \t　]*")
#: A question marked by a capital Q and a single space, the question after it: "Q Is FEMA considering...?"
_BARE_Q = re.compile(r"^Q (?P<rest>[A-Z\"“‘'(][^\n]*\S)$")


def match_marker(line: str) -> _Mark | None:
    """The Q/A marker opening `line`, if it has one (shape only; `find` decides)."""
    s = line.strip()
    if s.startswith(">") and not s.startswith(">>"):
        s = s.lstrip("> ")
    if s[:2] in ("- ", "* ", "• "):
        s = s[2:].lstrip()  # a Markdown list's "- **Q:** ..."
    if s[:1] in "（(" and (paren := _PAREN_MARK.match(s)) and s[paren.end() :].strip():
        # a Japanese ministry's press conference: "（問）幹事社から...", "（答）運転手の確保については..."
        role = "Q" if paren.group(1) in ("問", "Q") else "A"
        return _Mark(
            role=role, written=paren.group(1), style="paren", rest=s[paren.end() :].strip(), who=None, time=None
        )
    if s.startswith(("――", "——", "──")) and s.lstrip("―—─ "):
        # Japanese interviews mark the interviewer's questions with a long dash and name whoever answers
        return _Mark(role="Q", written="――", style="dash", rest=s.lstrip("―—─ "), who=None, time=None)
    if not s or not (s[0].isalnum() or s[0] in "*_[(") or s.endswith("<GO>}"):
        return None  # (nor a Bloomberg transcript's "Q - Paul Brennan {BIO 19022451 <GO>}": a named speaker's label)
    m = _MARK.match(s)
    if not m:
        bare = _BARE_Q.match(s)
        if bare is None:
            return None
        # a press briefing's "Q Administrator, how many deaths...?" (the White House's): a capital Q and one space
        return _Mark(role="Q", written="Q", style="letter ", rest=bare.group("rest"), who=None, time=None)
    word = m.group("role")
    if len(word) > 1 and m.group("gap"):
        return None  # "Answer   the call": only single letters are written with a bare gap
    sep = m.group("p1") or m.group("p2")
    style = "gap" if m.group("gap") else "-" if m.group("dash") else ":" if sep in {":", "："} else "."
    rest = m.group("rest").rstrip()
    if m.group("em") and rest.endswith(m.group("em")) and not rest[: -len(m.group("em"))].count(m.group("em")):
        rest = rest[: -len(m.group("em"))].rstrip()  # "**Q: Where were you born?**"
    if style in {".", "gap", "-"} and not rest:
        return None  # "A." alone on a line is a list letter; only "Q:" stands alone before its words
    ts = m.group("ts")
    return _Mark(
        role=_WORD_ROLE[word.casefold()],
        written=word if len(word) == 1 else word.capitalize(),
        style=("word" if len(word) > 1 else "letter") + style,
        rest=rest,
        who=m.group("who"),
        time=parse_time(ts) if ts else None,
    )


def _numbered(lines: list[str]) -> bool:
    """Whether most lines open with a line number, as deposition and hearing transcripts do."""
    body = [l for l in lines if l.strip()]
    if len(body) < 6:
        return False
    hits = 0
    for line in body:
        m = _LINE_NO.match(line)
        if m and int(m.group(0)) <= 40:
            hits += 1
    return hits >= 0.6 * len(body)


def _strip_numbers(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        m = _LINE_NO.match(line)
        if m and int(m.group(0)) <= 40:
            line = line[m.end() :]
        out.append("" if _PAGE_LINE.match(line) else line)
    return out


#: A witness's answer after its question and three dashes, on the question's line or opening a line of its own.
_DASH_ANSWER = re.compile(r"\?[ \t]*-{3}[ \t]*(?=[^\W_])|^[ \t]*-{3}[ \t]*(?=[^\W_])")
#: A heading set off by an angle bracket, with the time beside it: "<ADA PARK, SWORN       [10.01 am]".
_ANGLED_HEADING = re.compile(r"^[ \t]*<(?P<heading>[A-Z][^<>]{2,100}?)[ \t]*(?P<time>\[[^\[\]]{1,20}\])?[ \t]*$")


def _dash_answers(lines: list[str]) -> list[str]:
    """The lines of a transcript that writes a witness's answers after three dashes, with no label, as
    Australian court reporters do ("And your address?---Level 4, Pitt Street.", or "---I was." under the
    question), rewritten with the marks `find` reads: the question "Q.", the answer "A.", and each paragraph
    after an answer "Q." until someone's own label (counsel goes on asking, or speaks to the bench, unlabelled).
    Headings set off by "<" lose it, their time going to a line of its own ("<CROSS-EXAMINATION BY MS REID
    [10.06 am]").  Lines of
    any other document come back as they are: three such answers at the least."""
    if sum(1 for line in lines if "---" in line and _DASH_ANSWER.search(line)) < 3:
        return lines
    out: list[str] = []
    exchange = False  # an answer was given and no one's own label has come since
    previous = ""
    for line in lines:
        s = line.strip()
        angled = _ANGLED_HEADING.match(line)
        if angled:
            out.append(angled.group("heading"))
            if angled.group("time"):
                out.append(angled.group("time"))  # (kept, on a line of its own: the heading is read without it)
            exchange = False
        elif (m := _DASH_ANSWER.search(line)) is not None:
            question = line[: m.start()].strip()
            if question:
                q = question + "?"
                own = match_label(q)
                # (a question wrapped over lines, or someone's own label, is marked where it starts)
                out.append(q if (own is not None and own.said) or previous else f"Q. {q}")
            out.append(f"A. {line[m.end() :].strip()}")
            exchange = True
        elif exchange and s and not previous:
            own = match_label(s)
            if own is not None and own.said:
                exchange = False
                out.append(line)
            else:
                out.append(f"Q. {s}")
        else:
            out.append(line)
        previous = s
    return out


def find(lines: list[str]) -> QAPlan | None:
    """A plan for a Q/A document, or None when `lines` are not one."""
    numbered = _numbered(lines)
    work = _strip_numbers(lines) if numbered else lines
    work = _dash_answers(work)
    marks: list[tuple[int, _Mark]] = []
    letters = 0
    for i, line in enumerate(work):
        mark = match_marker(line)
        if mark is not None:
            marks.append((i, mark))
        elif _LETTER_ITEM.match(line.strip()):
            letters += 1
    if len(marks) < 3:
        return None
    # A style used once ("A. Smith said" among "Q:"/"A:") is prose, not the convention.
    styles: dict[str, int] = {}
    for _, mark in marks:
        styles[mark.style] = styles.get(mark.style, 0) + 1
    marks = [(i, m) for i, m in marks if styles[m.style] >= 2 or m.who or _BY_PAREN.match(m.rest)]
    if (letters >= 2 and letters * 4 >= len(marks)) or not marks:
        return None  # "A. Introduction / B. Methods", "A: yes / B: no / C: maybe": a list or a quiz
    first = marks[0][0]
    head = [l.strip() for l in work[:first] if l.strip()]
    if any(_NOT_A_CONVERSATION.search(l) for l in head[:12] + head[-2:]):
        return None  # (what the document's head, or the heading over the first question, calls an FAQ)
    answers = [m.rest.strip() for _, m in marks if m.role == "A"]
    if answers and sum(1 for a in answers if a and not a.strip("._…-– \t")) * 2 >= len(answers):
        return None  # (answers left blank to fill in, "Odgovor: ..........": a test's sheet, not a conversation)
    roles = [m.role for _, m in marks]
    n_q, n_a = roles.count("Q"), roles.count("A")
    switches = sum(1 for a, b in itertools.pairwise(roles) if a != b)
    if n_q >= 2 and n_a >= 2 and switches >= 3:
        questions_only = False
    elif n_q >= 3 and n_a == 0 and _answered_by_names(marks, work):
        questions_only = True
    else:
        return None
    return _plan(work, marks, numbered, questions_only)


def _answered_by_names(marks: list[tuple[int, _Mark]], lines: list[str]) -> bool:
    """Questions marked "Q" and answers under names: Q, name, Q, name ... at least three times.

    The names are label candidates, not yet accepted ones; the ordinary rules decide them after.
    """
    questions = {i for i, _ in marks}
    events = [(i, "Q") for i in questions]
    events += [
        (i, "N")
        for i, line in enumerate(lines)
        if i not in questions
        and (
            _THE_ROLE.match(line.strip())
            # (a single letter is not a name: "M:" answering "F:" is two speakers' codes, male and female, and
            # "F" no German "Frage")
            or ((label := match_label(line)) is not None and len(label.raw.replace(".", "").strip()) > 1)
            # (a Japanese interview's answers under the surname and a wide space: "松本　祖父が...")
            or (
                "\u3000" in line[:12]
                and (wide := match_separated(line)) is not None
                and wide.form == "separated:\u3000"
            )
        )
    ]
    events.sort()
    kinds = [k for _, k in events]
    return sum(1 for a, b in itertools.pairwise(kinds) if a == "Q" and b == "N") >= 3


def _plan(lines: list[str], marks: list[tuple[int, _Mark]], numbered: bool, questions_only: bool) -> QAPlan:
    plan = QAPlan(lines=lines, numbered=numbered, questions_only=questions_only)
    asker, answerer = _header_names(lines[: marks[0][0]], plan.claimed)
    default_asker = asker or (QUESTIONER if questions_only else ASKER)
    asker = default_asker
    answerer = answerer or ANSWERER
    by_line = dict(marks)
    used: dict[str, set[str]] = {}

    def label(i: int, name: str, rest: str, written: str | None, time: float | None = None) -> None:
        plan.labels[i] = Label(name, rest, "qa", time)
        plan.claimed.add(i)
        if written:
            used.setdefault(name, set()).add(written)

    procedure = False  # the last non-blank line was procedural ("EXAMINATION", then "BY MR. SMITH:")
    called = False  # a witness was just called ("MR ADA PARK (sworn)") and no question put yet
    last_mark = ""  # "A" after a bare answer, "Q" after a question, "" after someone's labelled turn
    named_answerers: dict[str, None] = {}
    bare_answers = 0

    def aside(i: int, s: str, after_procedure: bool) -> None:
        """A procedural line: kept, said by no one; a run of them is one passage."""
        if after_procedure:
            plan.claimed.add(i)  # not a label: the words join the procedural passage before
        else:
            label(i, "", s, None)

    for i, line in enumerate(lines):
        s = line.strip()
        if not s or i in plan.claimed:
            continue
        was, procedure = procedure, False
        mark = by_line.get(i)
        if mark is not None:
            rest = mark.rest
            who = (_name(mark.who) or _given_name(mark.who) or _person_after_firm(mark.who)) if mark.who else None
            if mark.role == "Q":
                m = _BY_PAREN.match(rest)
                if m and _name(m.group("who")):
                    asker = _name(m.group("who")) or asker
                    rest = rest[m.end() :]
                m = _ASKED_BY.match(rest)
                if m and _name(m.group("who"), whole=True):
                    # a briefing's "Question – Ada Park, AFP:": the asker named after the mark, then the words
                    who, rest = _name(m.group("who"), whole=True), m.group("rest")
                elif m and mark.style.endswith("-") and _FROM_THE_FLOOR.search(m.group("who")):
                    # someone unnamed from the floor after the dash: "Вопрос – вопрос из зала:", "Q – from the
                    # floor:", never the asker named before
                    who, rest = QUESTIONER, m.group("rest")
                elif mark.who and not who:
                    # the mark says who asks without naming them, "QUESTION (journaliste non identifiée)":
                    # someone unnamed, never the asker named before
                    who = QUESTIONER
                else:
                    who = who or (asker if asker not in (QUESTIONER, ASKER) else None)
                asker = who or (QUESTIONER if questions_only else default_asker)
                called = False
                label(i, asker, rest, mark.written, mark.time)
                plan.questions.add(i)
            else:
                answerer = who or answerer
                if who:
                    named_answerers.setdefault(who, None)
                else:
                    bare_answers += 1
                    if last_mark == "A" and not was and (_ANOTHER_VOICE.match(rest) or REPLY.match(rest)):
                        plan.answers_after_answers += 1
                label(i, answerer, rest, mark.written, mark.time)
                last_mark = "A" if not who else ""
                continue
            last_mark = "Q"
            continue
        if (own := match_label(s)) is not None and own.said and len(own.raw) > 1:
            last_mark = ""  # (someone's own turn between two answers: "THE CHAIR: Next question.")

        # (a heading, capitalised: "cross-examination." ending a wrapped sentence is no examination's start)
        bare = _untimed(s)  # (a video deposition times every line: "[10:03:10]  BY MS. DRAKE:")
        # (not an index's entry, its dot leaders to where it starts: "CROSS-EXAMINATION BY MR DOHERTY.......PN17")
        m = (_EXAMINATION.match(bare) if bare[:1].isupper() and "...." not in bare else None) or _BY_LINE.match(bare)
        if m:
            found = m.groupdict()
            named = found.get("who") or found.get("par") or found.get("ed") or found.get("xn")
            office = found.get("it") or found.get("es")
            if office:
                # the party's side, then counsel after a dash ("DIFESA – AVV. MANCINI"), or an office alone, named as
                # its own turns name it ("PUBBLICO MINISTERO": the "Pubblico Ministero" of "P.M. –")
                named = re.split(r"[ \t]+[–—-][ \t]+", office.strip())[-1]
            who = _name(named) if named else None
            if who is None and office and named and named.isupper() and len(named.split()) <= 4:
                who = named.title()
            if who is None and named and len(named.split()) == 1 and named[:1].isupper() and named.isalpha():
                who = named.strip()  # (counsel by surname alone, as they are labelled: "XXN by Eze:")
            if m.re is _BY_LINE and who is None:
                continue
            if m.re is _EXAMINATION and who is None and not _examiner_follows(lines, i, by_line):
                plan.unnamed_examinations += 1
            asker = who or asker
            aside(i, s, was)
            procedure = True
            continue
        if (
            own is not None
            and not own.said
            and len(own.raw) > 1
            # (a name, or an office with its article: "LA CORONER", "THE CORONER"; not a heading, "EARLY LIFE:",
            # "Na otázky prokurátora:")
            and (
                _WITH_ARTICLE.match(own.raw) is not None
                or bool(titles_of(own.raw))
                or (not own.raw.isupper() and _name(own.raw, whole=True) is not None)
            )
            and _asks_next(lines, i, by_line)
        ):
            # a name or an office alone over questions ("LA CORONER :" then "Q. [106] Excusez-moi, Maître
            # Gagnon."): who asks them, as "BY MR. SMITH:" says it
            asker = _name(own.raw, whole=True) or display_name(" ".join(own.raw.split()))
            aside(i, s, was)
            procedure = True
            continue
        coded = _CODED_WITNESS.match(bare)
        if coded and _OATH.search(bare) and (witness := _name(coded.group("who"))) is not None:
            # a witness by the court's code and name, as Nigerian, Kenyan and Indian records head them: "CW1
            # (Adewale Ogunleye) – reminded of his oath, continues in English:", "PW2 (Mary Atieno), sworn"
            answerer, asker, called = witness, default_asker, True
            aside(i, s, was)
            procedure = True
            continue
        if _WHO_AFFIRMED.match(bare) and (witness := _witness_above(lines, i)) is not None:
            # Québec's "MARIE-ÈVE LACHANCE, ingénieure, domiciliée ...", then "LAQUELLE, après avoir fait une
            # affirmation solennelle, dépose et dit :": the witness is the name over the oath
            answerer, asker, called = witness, default_asker, True
            aside(i, s, was)
            procedure = True
            continue
        sworn = f"{bare} {_untimed(lines[i + 1].strip())}" if bare.endswith(",") and i + 1 < len(lines) else bare
        m = _SWORN.match(sworn)
        if m and _OATH.search(sworn) and _name(m.group("who")):
            answerer = _name(m.group("who")) or answerer
            asker, called = (default_asker, True) if sworn != bare else (asker, called)
            aside(i, s, was)
            procedure = True
            continue
        m = _SWORN_HEADING.match(bare)
        if m and _name(m.group("who")):
            # a witness called, as British inquiries and courts head it: "MR GRAHAM EDWARD PELL (affirmed)"; who
            # examines them is said next ("Examination by...") or by counsel's first question under their name
            answerer = _name(m.group("who")) or answerer
            asker, called = default_asker, True
            aside(i, s, was)
            procedure = True
            continue
        if _PROCEDURE.match(bare):
            aside(i, s, was)
            procedure = True
            continue
        m = _THE_ROLE.match(bare)
        if m:
            role = display_name(" ".join(m.group("name").split()))
            label(i, answerer if role.casefold() in _ANSWERER_ROLES else role, m.group("rest"), None)
            continue
        if called and asker in (ASKER, QUESTIONER) and (named := match_label(s)) is not None and named.said:
            # a witness called, and no one said who examines ("Questions from COUNSEL TO THE INQUIRY"): counsel's
            # own label before the bare questions does ("MS OKONKWO:  Mr Pell, could you give the Inquiry...")
            who = _name(named.raw, whole=True)
            if who is not None and who != answerer:
                asker = who
    if len(named_answerers) >= 2 and bare_answers:
        plan.unnamed_answers = (bare_answers, list(named_answerers))
    # Answers no one is named for, in a record whose witness speaks under their own label ("TESTIMONE – Greco
    # Fabio, nato a Cecina", then "RISPOSTA – Ero magazziniere"): the witness's, as the one label names them.
    roles = {
        " ".join(m.group("role").split()).casefold(): m.group("role")
        for i, line in enumerate(lines)
        if i not in plan.labels and (m := _WITNESS_LABEL.match(line.strip())) is not None and line.strip()[:1].isupper()
    }
    if len(roles) == 1 and not named_answerers:
        witness = display_name(" ".join(next(iter(roles.values())).split()))
        for i, l in list(plan.labels.items()):
            if l.raw == ANSWERER:
                plan.labels[i] = Label(witness, l.rest, l.form, l.time)
        if ANSWERER in used:
            used[witness] = used.pop(ANSWERER) | used.get(witness, set())
    for name, written in used.items():
        letters = {w[0] for w in written}  # "Q" and "A" stay aliases where the document wrote "Question"
        plan.aliases[name] = sorted(written | letters, key=lambda w: (len(w), w))
    return plan


#: An office with its article, in capitals: "THE CORONER", "LA CORONER", "EL JUEZ", "IL PRESIDENTE", "DER RICHTER".
_WITH_ARTICLE = re.compile(r"^(?:THE|LA|LE|EL|IL|DER|DIE|DE|O|A)[ \t]+[^\W\d_]")


def _asks_next(lines: list[str], i: int, by_line: dict[int, _Mark]) -> bool:
    """Whether the next line with words after line `i` is a question's mark."""
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j in by_line and by_line[j].role == "Q"


#: A person speaking of themselves: "I", "my", "me", in the languages FAQs and interviews come in.
_FIRST_PERSON = re.compile(
    # (not words that are also "yes" or "but" elsewhere: German "ja", Italian "ma")
    r"(?:^|[^\w])(?:(?-i:I)|I'm|I've|my|me|mine|je|j'|moi|ich|mein|meine|mir|mich|yo|eu|meu|minha|io|mio|ik|mijn|"
    r"jag|mitt|jeg|mój|moja|я|мой|моя)(?=[^\w]|$)",
    re.I,
)


def answered_in_the_first_person(lines: list[str]) -> bool:
    """Whether most of the answers marked in `lines` ("A: In my mum's kitchen...") speak of the one answering:
    someone answers, as in an interview, however the page calls itself (an organisation's FAQ answers as "we")."""
    answers = [m.rest for line in lines if (m := match_marker(line)) is not None and m.role == "A"]
    return len(answers) >= 2 and sum(1 for a in answers if _FIRST_PERSON.search(a)) * 2 >= len(answers)


def a_conversation(head: str) -> bool:
    """Whether a document's head does not call it a list of questions (an FAQ, a quiz, exam questions)."""
    return _NOT_A_CONVERSATION.search(head) is None


def calls_itself_an_interview(head: list[str]) -> str | None:
    """The words by which a document's first lines say it is an interview with someone ("Entrevista a Marta
    Quiroga", "Interview with Ada Park"), or None."""
    for line in head:
        t = re.sub(r"\*\*|__", "", line).strip()
        for m in _ANSWERER_PHRASE.finditer(t):
            if (name := _name_run(t[m.end() :])) is not None:
                return t[m.start() : m.end()] + name
    return None


def header_names(head: list[str]) -> tuple[str | None, str | None]:
    """Who asks and who answers, as the lines before an interview's first question say (None where they do not)."""
    return _header_names(head, set())


def _header_names(head: list[str], claimed: set[int]) -> tuple[str | None, str | None]:
    """Who asks and who answers, as the lines before the first question say."""
    asker = answerer = None
    for i, line in enumerate(head):
        s = line.strip()
        m = _ROLE_LINE.match(s)
        if m:
            key = m.group("key").casefold()
            if key in {"q", "a"} and m.group("sep") == ":":
                continue  # "Q: Jane Doe?" could be a question; only "Q = Jane Doe" names
            name = _name(m.group("value"), whole=True)
            claimed.add(i)  # a cast line, never a turn or a title, even when it names two people
            if name:
                if key in _ASKER_KEYS:
                    asker = asker or name
                else:
                    answerer = answerer or name
            continue
        s = _untimed(s)
        if s.endswith(",") and i + 1 < len(head):
            s = f"{s} {_untimed(head[i + 1].strip())}"  # (a court reporter's line: "KAREN LINDQVIST," over "having been sworn")
        m = _SWORN.match(s)
        if not (m and _OATH.search(s)):
            m = _SWORN_HEADING.match(s)  # ("MR GRAHAM EDWARD PELL (affirmed)")
        if m is not None:
            answerer = _name(m.group("who")) or answerer
    # (line by line: a name ends with its line, "Intervista a Giulia Bernardi" over "di Marco Conti"; a name in
    # bold is the name, "Беседовала **Анна Кравец**")
    texts = [re.sub(r"\*\*|__", "", l).strip() for l in head if l.strip()]
    if asker is None:
        asker = next((n for t in texts for m in _ASKER_PHRASE.finditer(t) if (n := _name_run(t[m.end() :]))), None)
    if asker is None:
        # a Japanese magazine's credit line, "（聞き手・構成：田中美咲／写真：山口健）": who asks
        asker = next((m.group("who") for t in texts if (m := _ASKER_CREDIT.search(t))), None)
    if answerer is None:
        answerer = next(
            (n for t in texts for m in _ANSWERER_PHRASE.finditer(t) if (n := _name_run(t[m.end() :]))), None
        )
    if asker is None:
        # a byline: "By Nate Kowalczyk, Senior Editor · April 2, 2024"
        asker = next(
            (n for t in texts if (b := _BYLINE.match(t)) and (n := _name_run(b.group("rest").replace("*", "")))), None
        )
    if asker is None:
        # or the author first in a line of the article's details, a bar or a dot before the place and the date:
        # "Lucía Arrieta | Bilbao - 15 jun 2025 - 05:30 CEST"
        asker = next(
            (n for t in texts if (b := _BYLINE_DATED.match(t)) and (n := _name(b.group("who").strip()))),
            None,
        )
    if asker is None:
        # a Chinese paper's reporter in its credit: "文/图　本报记者　林晓雯", "记者 林晓雯 报道"
        asker = next((m.group("who") for t in texts if (m := _REPORTER_CREDIT.search(t))), None)
    if answerer is None:
        # the person the lead is about, its first words: "Olivia Chen-Matthews became chief financial officer..."
        # (a paragraph of the lead, a sentence or more, not a line of the page's furniture, nor a line that goes
        # on with the one above it where the text is wrapped)
        answerer = next(
            (
                n
                for t in _paragraph_openings(head)
                if len(t.split()) >= 12
                and not _BYLINE.match(t)
                and (n := _lead_name(t.lstrip("*_ "), texts)) is not None
                and n != asker
            ),
            None,
        )
    if answerer is None:
        # a Chinese lead that opens with the name and a comma, the name another line of the header gives too
        # ("王秀兰，1958年生，北塬镇人" under "专访……代表性传承人王秀兰")
        answerer = next(
            (
                m.group("who")
                for k, t in enumerate(texts)
                if (m := _HAN_LEAD.match(t.lstrip("> "))) is not None
                and m.group("who") != asker
                and any(m.group("who") in o for o in texts[:k] + texts[k + 1 :])
            ),
            None,
        )
    if answerer is None:
        # a headline quoting the one who answers: "الباحثة سلمى الحداد: «مياه الأمطار تضيع»" (the researcher Salma
        # al-Haddad: "..."), the name as the lead names them again (without the office before it)
        answerer = next(
            (n for k, t in enumerate(texts) if (n := _quoted_headline(t, texts[:k] + texts[k + 1 :]))), None
        )
    if asker is not None and answerer is not None and asker != answerer:
        # (a byline's author who is the one answering, a column's expert under readers' letters: no one named asks)
        asking, answering = name_key(asker).split(), name_key(answerer).split()
        if asking and answering and (asking[-1] in answering or answering[-1] in asking):
            asker = None
    return asker, answerer


#: How a line ends where its sentence (or a heading, or a quotation) ends, so that the next line opens another.
_LINE_ENDS_SENTENCE = re.compile(r"""[.!?:;؟。！？…"'»”’)\]*_]\s*$""")


def _paragraph_openings(head: list[str]) -> list[str]:
    """The header's lines that open a paragraph: after a blank line or a line ending a sentence, not the lines a
    wrapped paragraph goes on in ("أكثر من عشرين عاماً..." under "...منذ")."""
    found = []
    before = ""
    for line in head:
        s = line.strip()
        if s and (not before or _LINE_ENDS_SENTENCE.search(before)):
            found.append(s)
        before = s
    return found


def _lead_name(text: str, header: list[str]) -> str | None:
    """The full name a lead paragraph opens with, if any.  In a script without capitals nothing tells a name from
    the words before it ("يحذّر الدكتور سامي الخطيب", warns Dr Sami al-Khatib): there, the longest run of its
    last words that another line of the header also gives (the headline's "د. سامي الخطيب")."""
    n = _name_run(text)
    if n is None or not is_full_name(n) or not text.startswith(n):
        return None
    if not uncased(n):
        return n
    words = n.split()
    others = [t for t in header if not t.startswith(text[:40])]
    for k in range(len(words) - 1):
        tail = " ".join(words[k:])
        if any(tail in o for o in others):
            return _name(tail) or tail
    return None


#: A byline: "By Nate Kowalczyk, Senior Editor", "Por Ana Lemos", "Von Jan Roth".
_BYLINE = re.compile(r"^[*_]{0,2}(?:by|por|par|von|di|door|av|af|przez)[ \t]+[*_]{0,2}(?P<rest>[^\W\d_].*)$", re.I)


#: A news site's line of an article's details, the author's name first, then a bar or a dot, the place and a year.
_BYLINE_DATED = re.compile(r"^(?P<who>[^\W\d_][^\d·•|,;:\n]{2,40}?)[ \t]+[·•|][ \t]+.{0,40}?\b(?:19|20)\d\d\b")
#: A lead opening with a name in Chinese characters and a comma: "王秀兰，1958年生，北塬镇人".
_HAN_LEAD = re.compile(r"^(?P<who>[\u3400-\u9fff]{2,4})[，,]")
#: A reporter's credit in Chinese, the name after the word for reporter: "本报记者　林晓雯", "記者 王大明".
_REPORTER_CREDIT = re.compile(
    r"(?:记者|記者)[ \t\u3000]*[：:]?[ \t\u3000]*(?P<who>[\u3400-\u9fff]{2,4})(?![\u3400-\u9fff])"
    # (not who compiled or edited the questions: "本报记者　王芳　整理")
    r"(?![ \t\u3000]*(?:整理|编辑|編輯|编译|編譯|摄影|攝影|翻译|翻譯))"
)


#: A headline quoting someone: their name (an office before it, perhaps), a colon, then the quotation
#: ("Marta Iglesias: «La biblioteca...»", "الباحثة سلمى الحداد: «...»"); the bold-question reader's too.
QUOTED_HEADLINE = re.compile(r"^(?P<who>[^\W\d_][^:«»\"“”]{2,40}?)[ \t]*:[ \t]*[«\"“„‘'']")


def _quoted_headline(line: str, others: list[str]) -> str | None:
    """Who a headline quotes (see `_header_names`): the words before the colon, or the last of them that the
    rest of the header names again."""
    m = QUOTED_HEADLINE.match(line)
    if m is None:
        return None
    words = m.group("who").split()
    for k in range(len(words) - 1):
        tail = " ".join(words[k:])
        if len(words) - k >= 2 and any(tail in o for o in others):
            return _name(tail) or tail
    return _name(" ".join(words), whole=True)


#: A nickname in quotation marks between a given name and a surname: 'Dolores "Dee" Castellano'.
_NICKNAME = re.compile(r"(?<=\w)[ \t]+[\"“‘'][^\"“”‘’'\n]{1,20}[\"”’'](?=[ \t]+\w)")


#: Someone asking from the audience, unnamed, as a record says it after a question's mark.
_FROM_THE_FLOOR = re.compile(
    r"^[^:]{0,20}\b(?:from the (?:floor|audience|hall)|из зала|z sali|z widowni|du public|de la salle|del público|"
    r"de la sala|aus dem (?:publikum|saal)|dalla sala|uit de zaal|da plateia)\b[^:]{0,20}$",
    re.I,
)


def _name(value: str | None, whole: bool = False) -> str | None:
    """A person's name from a label or header value ("MR. SMITH", "Jane Doe, Oral History Project").

    With `whole`, the value must be nothing but the name (and a trailing role after a comma).
    """
    if not value:
        return None
    value = value.strip().strip("*_ ")
    value = _NICKNAME.sub("", value)  # 'Dolores "Dee" Castellano': Dolores Castellano
    value = re.split(r"\s*[,;(\[]|\s+[-–—]\s+", value, maxsplit=1)[0].strip()
    if re.search(r"\s(?:and|&)\s", value):
        return None  # two interviewers: a "Q" could be either of them
    name, used = _name_tokens(value)
    if name is None or (whole and used < len(value.split())):
        return None
    return name


def _person_after_firm(value: str) -> str | None:
    """The person a Chinese or Japanese question names after their firm, in the mark's parentheses: "問（元泰證券
    張家豪）：" is 張家豪's."""
    parts = value.split()
    return parts[-1] if len(parts) >= 2 and _CJK_PERSON.fullmatch(parts[-1]) else None


_CJK_PERSON = re.compile(r"[\u3400-\u9fff]{2,4}")


def _given_name(value: str) -> str | None:
    """A given name alone in a Q/A mark's parentheses ("A (Ruth):", "Q (Tomás):"): a person there, who a
    family's or a couple's recording tells apart by first names."""
    word = value.strip()
    bare = word.casefold()
    if (
        len(word) >= 3
        and word.isalpha()
        and word[:1].isupper()
        and not word.isupper()
        and bare not in NOT_NAMES
        and bare not in TITLES
        and bare not in _STOP
    ):
        return word
    return None


def _name_run(text: str) -> str | None:
    """The name at the start of `text` (a header sentence runs on after it)."""
    return _name_tokens(text)[0]


def _name_tokens(text: str) -> tuple[str | None, int]:
    """The name at the start of `text` and how many words it took: capitalised words, initials,
    titles and particles, ending at a lower-case word, a stop word or the end of a clause."""
    tokens: list[str] = []
    words = text.split()[:8]
    titled = 0
    for at, raw in enumerate(words):
        token = raw.rstrip(",;:")
        bare = token.strip(".'’\"").casefold()
        if not tokens and raw == token and token[:1].islower() and _SMALL_TITLE.fullmatch(token) and at < 3:
            titled += 1  # a title in small letters and abbreviated, as Slavic languages write it: "проф.", "doc."
            continue
        if re.fullmatch(r"(?:[^\W\d_]\.){1,3}", token) and token[0].isupper():
            tokens.append(token)  # an initial ("John A. Roe")
            if raw != token:
                break
            continue
        if not _NAME_TOKEN.match(token) or bare in _STOP:
            break
        if token in PARTICLES and tokens:
            tokens.append(token)
            continue
        # (a word that heads a field is a surname closing a name: "JANET MAREE PRICE", "Ms Price")
        surname = bool(tokens) and (at == len(words) - 1 or raw.endswith(",")) and len(bare) >= 4
        if not (token[0].isupper() or uncased(token)) or (bare in NOT_NAMES and bare not in TITLES and not surname):
            break  # (a script without capitals, Arabic or Hebrew, has no case to tell a name by)
        ends = token.endswith(".") and bare not in TITLES
        tokens.append(token.rstrip(".") if ends else token)
        if ends or raw != token or len(tokens) >= 5:
            break  # a sentence or clause ends after this word
    used = len(tokens) + titled if tokens else 0
    while tokens and (tokens[-1] in PARTICLES or _bare_title(tokens[-1])):
        tokens.pop()
    if not tokens:
        return None, 0
    name = display_name(" ".join(tokens))
    if not is_name_like(name):
        return None, 0
    if is_full_name(name) or ((titled or titles_of(name)) and len(name.split()) >= 2):
        return name, used
    return None, 0


#: An abbreviated title in small letters: "проф.", "доц.", "акад.", "doc.", "prof.", "dr." (before a name).
_SMALL_TITLE = re.compile(r"[^\W\d_]{2,5}\.")


def _bare_title(token: str) -> bool:
    return token.strip(".").casefold() in TITLES
