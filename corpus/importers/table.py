"""Transcripts exported as a table: a header naming a speaker column and a text column, then a row a turn.

Transcription services, qualitative-analysis tools and game dialogue editors export turns as CSV or
tab-separated rows (`speaker,start,end,text`, `line_id,character,emotion,text,vo_file`).  The header
says which column is which; nothing is guessed from the rows.  A table is read only where its header
names a speaker column and a text column, and most rows have as many cells as the header: any other
comma-separated text is left to the text reader.  Lines opening with `#` above the header are an
exporter's comments.
"""

from __future__ import annotations

import csv
import html
import io
import itertools
import re
from collections import Counter

from sayso.corpus.importers.clean import FRONT_MATTER
from sayso.corpus.importers.cues import Cue
from sayso.corpus.importers.grammar import mostly_talk, some_talk
from sayso.corpus.importers.names import is_full_name, is_name_like, parse_time, split_role

#: A column of each row's speaker's part, as contact centres' and chat tools' exports give it ("participant_role":
#: AGENT, CUSTOMER; "role": user, assistant): the speaker, or where a name column stands beside it, the speaker of
#: the rows without a name.
_ROLE = {"participantrole", "speakerrole", "role", "participanttype", "speakertype"}

#: Header names, folded (case, spaces, underscores and hyphens dropped), of each column sayso reads.
#: (and in the languages transcription services deliver in: Danish "Taler", German "Sprecher", Spanish "Hablante")
_SPEAKER = {
    "speaker", "speakername", "speakerlabel", "character", "charactername", "voice", "participant", "who",
    "taler", "talare", "sprecher", "sprecherin", "redner", "hablante", "orador", "oradora", "interlocutor",
    "locuteur", "locutrice", "intervenant", "oratore", "parlante", "spreker", "puhuja", "mówca", "говорящий",
    "спикер", "话者", "話者", "发言人", "說話人", "说话人", "화자", "발화자", "konuşmacı",
    # (ELAN's export names each annotation's tier, a tier a speaker's: "Interviewer", "Informant_APV")
    "tier", "tiername",
    # (and in more of the languages such tables come in)
    "govorec", "govorka", "govornik", "govornica", "mluvčí", "hovoriaci", "rečník", "kõneleja", "runātājs",
    "kalbėtojas", "beszélő", "vorbitor", "говорител", "говорник", "ομιλητής", "דובר", "متحدث", "گوینده", "वक्ता",
    "pembicara", "penutur", "ngườinói", "ผู้พูด", "спікер", "мовець", "mówiący", "ræðumaður", "siaradwr",
    "hizlaria", "folaí", "alalgan", "mzungumzaji",
    "বক্তা", "பேச்சாளர்", "వక్త", "ವಕ್ತಾರ", "പ്രഭാഷകൻ", "ବକ୍ତା", "ਬੁਲਾਰਾ", "બોલનાર", "مقرر", "بولنےوالا", "msemaji",
    "ተናጋሪ", "olùsọ̀rọ̀", "nagsasalita", "tagapagsalita", "მოსაუბრე", "խոսող",
    # (a log's abbreviation: "TC IN   SPKR   TEXT")
    "spkr", "spk",
    # (a dubbing script's or a play's role, as its column names it: "배역", "役名", "角色", "personnage"; not a
    # staff list's "role", nor a timeline's "人物")
    "배역", "役名", "キャラクター", "角色", "personaje", "personnage", "personaggio", "personagem",
    # (a radio log's call sign, the station at its microphone: "ÁLLOMÁS"; not a timetable's "station")
    "callsign", "állomás",
}  # fmt: skip
_NAME = {
    "name",
    "navn",
    "namn",
    "nombre",
    "nom",
    "nome",
    "naam",
    "nimi",
    "imię",
    "имя",
}  #: a speaker only beside a transcript's text or times ("name,text" may be a glossary)
_TEXT = {
    "text", "transcript", "transcription", "utterance", "dialogue", "dialog", "line", "words", "content",
    "tekst", "texto", "texte", "testo", "teksti", "текст", "文本", "テキスト", "metin", "transkription",
    "transkript", "transcripción", "trascrizione", "transcrição", "ytring", "yttrande", "äußerung", "intervención",
    "annotation", "annotationvalue",
    "besedilo", "szöveg", "tekstas", "teksts", "κείμενο", "טקסט", "نص", "متن", "पाठ", "teks", "vănbản",
    "ข้อความ", "přepis", "prepis", "átirat", "transcriere", "транскрипт", "testun", "testua", "maandishi",
    # (a dubbing script's or a play's lines: "대사", "台詞", "セリフ", "台词", "réplique", "Dialog")
    "대사", "台詞", "セリフ", "台词", "对白", "對白", "réplique", "répliques", "battuta", "fala", "réplica", "реплика",
    "발화", "발언", "발화내용",
    # (Scandinavian "Replik", a line of a script or of a test session's talk; and more languages' words for what is
    # said: Bengali "বক্তব্য", Hindi "कथन")
    # (not the words for a speech, "உரை", "hotuba", "ንግግር", "بیان": a programme's column of talks' titles)
    "replik", "repliker", "replikk", "বক্তব্য", "कथन", "संवाद", "వాక్యం", "مکالمہ", "ọ̀rọ̀", "sinabi", "ტექსტი",
    "տեքստ",
}  # fmt: skip
#: Who wrote a message, in a chat's, a forum's or a help desk's export ("author", "sender", Spanish "autor"): a
#: speaker only beside a message's words (see _MESSAGE), never beside a title ("author,title" is a book list).
_SENDER = {
    "author", "autor", "autorin", "auteur", "autore", "sender", "absender", "remitente", "expéditeur", "expediteur",
    "mittente", "remetente", "afzender", "avsändare", "afsender", "avsender", "lähettäjä", "nadawca", "odesílatel",
    "отправитель", "автор", "відправник", "gönderen", "yazar", "pengirim", "ngườigửi", "发送者", "發送者", "发件人",
    "送信者", "발신자", "שולח", "مرسل", "المرسل", "فرستنده", "प्रेषक", "username", "user", "usuario", "utilisateur",
    "benutzer", "nickname", "nick",
}  # fmt: skip
#: Who else may have written a row's comment, beside its author: a reviewer's, a commenter's.
_REVIEWER = {"reviewer", "commenter", "rezensent", "rezensentin", "revisor", "revisora", "relecteur", "recensore"}
#: A column of titles (folded: "title", "pr_title", German "Titel"): a list of things, not of messages.
_TITLE_WORDS = ("title", "titel", "titulo", "título", "titre", "titolo", "subject", "betreff", "asunto", "sujet")
#: Columns of things a row is about, beside its author: a book, a film, an item.
_THINGS = {
    "book", "books", "buch", "libro", "livre", "boek", "bok", "książka", "книга", "kitap", "work", "werk", "album",
    "film", "movie", "product", "produkt", "producto", "produit", "item", "isbn", "paper", "article", "artikel",
}  # fmt: skip
#: A message's words in such an export ("message", "body", Spanish "cuerpo", German "Nachricht").
_MESSAGE = {
    "message", "body", "msg", "messagetext", "messagebody", "comment", "commenttext", "reply", "post",
    "mensaje", "cuerpo", "mensagem", "corpo", "messaggio", "nachricht", "inhalt", "corps", "bericht", "meddelande",
    "melding", "besked", "viesti", "wiadomość", "zpráva", "сообщение", "повідомлення", "mesaj", "pesan", "tinnhắn",
    "消息", "訊息", "メッセージ", "본문", "메시지", "הודעה", "رسالة", "پیام", "संदेश", "comentario", "commentaire",
    "kommentar", "contenido", "conteúdo", "contenuto",
}  # fmt: skip
#: A speaker cell that names no one but the row's kind: a tier of the transcriber's comments, notes or translation
#: (ELAN's "Comment" tier beside the speakers' own).  Its rows are said by no one.
_NOTES = {
    "comment", "comments", "note", "notes", "translation", "gloss", "glosses", "kommentar", "kommentare",
    "anmerkung", "anmerkungen", "übersetzung", "комментарий", "комментарии", "примечание", "примечания", "перевод",
    "commentaire", "commentaires", "remarque", "traduction", "comentario", "comentarios", "comentário", "nota",
    "notas", "traducción", "tradução", "commento", "traduzione", "notitie", "vertaling", "opmerking", "注释", "备注",
    "翻译", "コメント", "翻訳", "메모", "번역", "yorum", "çeviri", "kommentti", "käännös", "komentarz", "tłumaczenie",
}  # fmt: skip
_PLAIN_TEXT = {"text", "content", "words", "tekst", "texto", "texte", "testo", "teksti", "текст", "文本", "metin"}
_START = {
    "start", "starttime", "begin", "from", "in", "time", "timestamp", "timecode", "starttimecode", "startms",
    "tc", "tcin",
    "beginn", "anfang", "inicio", "début", "debut", "inizio", "alku", "начало", "tid", "zeit", "tiempo", "temps",
    "tempo", "tijd", "aika", "czas", "время", "開始", "开始", "시작", "başlangıç", "idő", "čas", "час",
    "začetek", "začátek", "začiatok", "početak", "algus", "sākums", "pradžia", "kezdet", "kezdés", "început",
    "почетак", "αρχή", "התחלה", "بداية", "شروع", "प्रारंभ", "mulai", "batdau", "bắtđầu", "початок",
    # (a time column's other names: Swedish "Tidkod", Bengali "সময়", Arabic "الوقت", Japanese "時刻")
    "tidkod", "tidskode", "tijdcode", "zeitcode", "সময়", "समय", "நேரம்", "సమయం", "وقت", "الوقت", "زمان", "זמן",
    "zaman", "waktu", "thờigian", "เวลา", "시간", "時間", "時刻", "时间", "ώρα", "aeg", "laiks", "laikas",
    "ሰዓት", "muda", "oras", "დრო", "ժամանակ",
}  # fmt: skip
_END = {
    "end", "endtime", "stop", "to", "out", "endtimecode", "endms",
    "slut", "ende", "fin", "fine", "einde", "loppu", "koniec", "конец", "終了", "结束", "종료", "bitiş",
    "konec", "lõpp", "beigas", "pabaiga", "vége", "sfârșit", "край", "крај", "τέλος", "סוף", "نهاية",
    "پایان", "अंत", "selesai", "kếtthúc", "кінець",
}  # fmt: skip
#: Lines above the header a table may have: a title, a delivery note, the recording's name.
_PREAMBLE_LINES = 12
_DELIMITERS = (",", "\t", ";", "|")
_FOLD = re.compile(r"[\s_\-()./]+")
#: Marks that end what someone says (a sentence, a question, a trailing off, in the scripts tables come in).
_SAID_ENDS = set(".!?…。！？।॥۔؟።\"'”’»)")
#: Rows read to decide whether the text is a table at all.
_SAMPLE_ROWS = 20


def _fold(cell: str) -> str:
    return _FOLD.sub("", cell.strip().strip("\ufeff\"'").casefold())


def columns_of(header: list[str]) -> dict[str, int] | None:
    """Which column holds the speaker, the text and the times, from the header's names; None if not a transcript."""
    folded = [_fold(cell) for cell in header]
    found: dict[str, int] = {}
    for i, name in enumerate(folded):
        for role, names in (("speaker", _SPEAKER), ("text", _TEXT), ("start", _START), ("end", _END)):
            if name in names and role not in found:
                found[role] = i
        # (ELAN's "Begin Time - hh:mm:ss.ms", "End Time - ss.msec": the first of each is read)
        if name.startswith(("begintime", "starttime")) and "start" not in found:
            found["start"] = i
        elif name.startswith("endtime") and "end" not in found:
            found["end"] = i
    if "text" in found and folded[found["text"]] == "line":
        # "line" is a script's spoken line, or a line's number beside the words ("line,start,end,speaker,utterance")
        worded = [i for i, name in enumerate(folded) if name in _TEXT and name != "line"]
        found["text"] = worded[0] if worded else found["text"]
    if "speaker" not in found:
        # a game's or a localisation tool's columns: "SpeakerID" and "SpeakerDisplay", "CharacterName_EN": the
        # one for people to read (its display name) rather than the code
        kin = [
            i
            for i, name in enumerate(folded)
            if re.fullmatch(
                r"(?:speaker|character|participant)(?:id|code|name|label|display|displayname|[a-z]{2})?", name
            )
            and name not in ("characters", "speakers")  # (a count of characters is no one)
            and i not in found.values()
        ]
        shown = [i for i in kin if "display" in folded[i] or "name" in folded[i]]
        if shown or kin:
            found["speaker"] = (shown or kin)[0]
    if "text" not in found:
        # the text in one language of several: "Text_EN", "Text_de-DE", "Dialogue_FR"
        worded = [
            i
            for i, name in enumerate(folded)
            if re.fullmatch(r"(?:text|dialogue|dialog|transcript)[a-z]{2}(?:[a-z]{2})?", name)
            and not name.endswith(("id", "no", "nr"))  # ("TextID", "DialogueID": a line's code, not its words)
            and i not in found.values()
        ]
        if worded:
            found["text"] = worded[0]
    if "speaker" not in found and "name" in folded:
        named = folded.index("name")
        spoken = "text" in found and folded[found["text"]] not in _PLAIN_TEXT
        if spoken or "start" in found:
            found["speaker"] = named
    if "speaker" not in found:
        # a chat's, a forum's or a help desk's export: who wrote ("author", "sender") beside what they wrote
        # ("message", "body"), each row a message under its author
        senders = [i for i, name in enumerate(folded) if name in _SENDER or name in _REVIEWER]
        message = next((i for i, name in enumerate(folded) if name in _MESSAGE), found.get("text"))
        # (not beside a title: "title,author,...,comment" is a list of books or pull requests, its comments the
        # reviewer's; nor where two columns could be who wrote it, "author" and "reviewer")
        titled = any(name.endswith(_TITLE_WORDS) or name in _THINGS for name in folded)
        if len(senders) == 1 and message is not None and not titled:
            sender = senders[0]
            found["speaker"], found["text"] = sender, message
    roles = [i for i, name in enumerate(folded) if name in _ROLE and i not in found.values()]
    if roles and "speaker" not in found:
        found["speaker"] = roles[0]  # (a contact centre's "participant_role": AGENT, CUSTOMER, IVR)
    elif roles:
        found["role"] = roles[0]  # (beside a name, for the rows without one: the customer's, the IVR's)
    if "speaker" not in found or "text" not in found or found["speaker"] == found["text"]:
        return None
    return found


def _seconds(cell: str, in_ms: bool) -> float | None:
    value = cell.strip()
    if not value:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        number = float(value)
        return number / 1000 if in_ms else number
    if re.fullmatch(r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?", value):
        return parse_time(value.replace(",", "."))
    if smpte := _SMPTE.fullmatch(value):
        # a video editor's timecode, hours, minutes, seconds and frames ("01:00:02:11"): to the second
        return int(smpte.group(1)) * 3600 + int(smpte.group(2)) * 60 + float(smpte.group(3))
    return None


#: A video editor's timecode: hours, minutes, seconds and frames ("01:00:02:11"; a drop-frame one with ";").
_SMPTE = re.compile(r"(\d{1,2}):(\d{2}):(\d{2})[:;](\d{2})")
#: A header's or a row's cells in a table laid out with spaces: words one space apart, cells two or more.
_CELL = re.compile(r"\S+(?: \S+)*")
#: A rule under a header or closing a table: "-------", "=======".
_RULE = re.compile(r"^\s*[-=_─━—]{8,}\s*$")
#: Who a code in a table's speaker column is, as a log's header gives it: "Hamid Bensaid (HB)", "Ada Park (AP)".
_LEGEND = re.compile(r"(?P<name>[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){1,3})[ \t]*\((?P<code>[^\W\d_]{1,4})\)")


#: How a line is heard, after the role in a script's column: "지우 (V.O.)", "ANNA (O.S.)", "BEN (CONT'D)" — the
#: same person as without it.
_DELIVERY_NOTE = re.compile(r"[ \t]*\((?:v\.? ?o\.?|o\.? ?s\.?|o\.? ?c\.?|cont'?d|voice[- ]?over|off)\)$", re.I)


_CLOCK_TIME = re.compile(r"\[?\d{1,2}:\d{2}\]?")


def a_schedule(cells: list[str], said: list[str]) -> bool:
    """Whether a column of times is a schedule's times of day ("09:00", "09:20", "10:10") beside items that are
    not people talking (`said`, the rows' words): a programme's or an agenda's.  Four times at least, rising,
    from six in the morning on, each on the hour or a multiple of five minutes past it, where a transcript's
    times fall on any second ("00:04", "01:37") and a clip's count from nought ("0:05")."""
    times = [c.strip().strip("[]") for c in cells if _CLOCK_TIME.fullmatch(c.strip())]
    if len(times) < 4 or len(times) < 0.8 * len([c for c in cells if c.strip()]) - 1:
        return False
    if any(not t.endswith(("0", "5")) for t in times) or int(times[0].split(":")[0]) < 6:
        return False
    minutes = [int(h) * 60 + int(m) for h, m in (t.split(":") for t in times)]
    # (a note-taker's minutes at five-minute marks are people talking: "Hi all, can everyone hear me?")
    return all(b > a for a, b in itertools.pairwise(minutes)) and not mostly_talk(said)


def read_columns(text: str) -> list[Cue] | None:
    """The turns of a transcript laid out in columns with spaces under a header naming them: a documentary's
    selects log ("TC IN   SPKR   TEXT"), a transcription program's plain-text report; a row's words may go on
    under the text column on the lines below.  None when `text` is not one: no line near its top names a speaker
    column and a text column, or too few rows follow in them.  Codes in the speaker column are named where the
    lines above the table say whose they are ("Hamid Bensaid (HB)"); those lines, and notes between the rows
    that stand in no column ("[PLANE OVERHEAD]"), are no one's."""
    text = text.lstrip("\ufeff")
    header = None
    for n, line in enumerate(text[:6000].split("\n")[: _PREAMBLE_LINES * 2]):
        cells = list(_CELL.finditer(line))
        if len(cells) >= 2 and "\t" not in line and (columns := columns_of([c.group() for c in cells])) is not None:
            header = n, [c.start() for c in cells], columns
            break
    if header is None:
        return None
    at, starts, columns = header
    lines = text.split("\n")  # (only now: most text has no such header, and is not split twice)
    bounds = {role: (starts[i], starts[i + 1] if i + 1 < len(starts) else None) for role, i in columns.items()}
    text_at = bounds["text"][0]
    legend = {m.group("code"): m.group("name") for line in lines[:at] for m in _LEGEND.finditer(line)}
    cues = [Cue(None, None, html.escape(line.strip(), quote=False), None, nobody=True) for line in lines[:at]]
    cues = [cue for cue in cues if cue.text]
    rows = kept = 0
    current: Cue | None = None
    for line in lines[at + 1 :]:
        if not line.strip() or _RULE.match(line):
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent >= text_at - 2 and current is not None and "\t" not in line:
            current.text += " " + html.escape(line.strip(), quote=False)  # (the row's words, going on)
            continue
        kept += 1  # (lines that start a row or stand in no column; a row's words going on are the row's)
        cell = {role: line[a:b].strip() if b is not None else line[a:].strip() for role, (a, b) in bounds.items()}
        who = _DELIVERY_NOTE.sub("", cell["speaker"].strip())
        who = " ".join(word for word in who.split() if any(ch.isalnum() for ch in word))
        start = _seconds(cell["start"], False) if "start" in cell else None
        if indent < text_at - 2 and who and cell["text"] and ("start" not in cell or start is not None):
            rows += 1
            current = Cue(start, None, html.escape(cell["text"], quote=False), legend.get(who, who))
        else:
            current = Cue(None, None, html.escape(line.strip(), quote=False), None, nobody=True)
        cues.append(current)
    if rows < 3 or rows < 0.6 * kept:
        return None
    return cues


def _past_front_matter(text: str) -> str:
    """`text` after a Markdown file's front matter (its fields are neither a table's preamble nor its words)."""
    m = FRONT_MATTER.match(text)
    return text[m.end() :] if m else text


def _columns_from_rows(header: list[str], rows: list[list[str]]) -> dict[str, int] | None:
    """Which column holds the speaker and which the text where the header names a speaker column in words sayso
    knows and the text's in words it does not ("No,Waktu,Pembicara,Transkrip"): the text is the column whose
    cells run longest, four words or more on average, as what people say does; None where no column does."""
    folded = [_fold(cell) for cell in header]
    speaker = next((i for i, name in enumerate(folded) if name in _SPEAKER), None)
    full = [row for row in rows if len(row) == len(header)]
    if len(full) < 3:
        return None
    if speaker is None:
        # (or the text's column named, "TEKST", and the speaker's in words sayso does not know, "LIK": the column
        # of short names in capitals or capitalised that recur, take turns and come back, beside words that talk)
        said = next((i for i, name in enumerate(folded) if name in _TEXT), None)
        if said is None or not some_talk([row[said] for row in full]):
            return None
        speaker = next((i for i in range(len(header)) if i != said and _names_taking_turns([r[i] for r in full])), None)
        if speaker is None:
            return None
        found = {"speaker": speaker, "text": said}
        for role, names in (("start", _START), ("end", _END)):
            if (at := next((i for i, name in enumerate(folded) if name in names), None)) is not None:
                found[role] = at
        return found
    if any(name in _TEXT for name in folded):
        return None
    found = {"speaker": speaker}
    for role, names in (("start", _START), ("end", _END)):
        if (at := next((i for i, name in enumerate(folded) if name in names), None)) is not None:
            found[role] = at
    words = {
        i: sum(len(row[i].split()) for row in full) / len(full) for i in range(len(header)) if i not in found.values()
    }
    if not words:
        return None
    longest = max(words, key=words.__getitem__)
    if words[longest] < 4 or sum(1 for row in full if _seconds(row[longest], False) is not None) > len(full) / 2:
        return None
    # (and only where that column talks and the speakers take turns: a task list's "Who | Action", a programme's
    # "Speaker | Abstract", a shop's loudspeakers and their descriptions have the same longest column)
    if not mostly_talk([row[longest] for row in full]) or not _names_taking_turns([row[speaker] for row in full]):
        return None
    found["text"] = longest
    return found


def _names_taking_turns(cells: list[str]) -> bool:
    """Whether a column's cells are speakers' names: short, capitalised or in capitals, a few of them coming back
    in turns (two names twice or more, the name changing from row to row, coming back after another)."""
    values = [c.strip() for c in cells]
    present = [v for v in values if any(ch.isalpha() for ch in v)]  # (a dash for no one, "—", is no name)
    if len(present) < 0.6 * len(values) or any(len(v) > 40 or not v[:1].isupper() for v in present):
        return False
    if any(_seconds(v, False) is not None or v.replace(".", "").isdigit() for v in present):
        return False
    counts = Counter(present)
    if sum(1 for n in counts.values() if n >= 2) < 2 or len(counts) > max(3, len(present) // 2):
        return False
    changes = sum(1 for a, b in itertools.pairwise(present) if a != b)
    returns, seen = 0, set()
    for previous, v in zip(["", *present], present, strict=False):
        returns += v != previous and v in seen
        seen.add(v)
    return changes >= 0.3 * (len(present) - 1) and returns >= 2


#: A key to a table's speaker codes above its header: "Kode: M = Dewi Lestari (fasilitator); P1 = Sari Wulandari".
_CODE_KEY = re.compile(
    r"(?:^|(?<=[\s;,:(]))(?P<code>[A-Z]{1,3}\d{0,2})[ \t]*(?:=|[–—]|-(?=[ \t]))[ \t]*(?P<who>[^;,=\n\"]{2,60}?)"
    r"[ \t]*(?=[;,\"]|$)",
    re.M,
)


def _code_key(lines: list[str]) -> dict[str, str]:
    """Each speaker code a key above a table gives one person's full name; not a value two codes share (a
    description, "P1 = Man, 52"), nor one that is not a full name."""
    given: dict[str, str] = {}
    for line in lines:
        for m in _CODE_KEY.finditer(line):
            name = split_role(m.group("who").strip())[0].strip()
            if is_full_name(name) and is_name_like(name):
                given.setdefault(m.group("code"), name)
    shared = Counter(given.values())
    return {code: name for code, name in given.items() if shared[name] == 1}


def read_table(text: str) -> list[Cue] | None:
    """The turns of a transcript exported as a table, or None when `text` is not one."""
    head = _past_front_matter(text[:4000].lstrip("\ufeff")).split("\n")
    # (the header, or a few lines of title and delivery notes above it: "Transskription leveret af ...")
    found = None
    inferred: dict[str, int] | None = None
    seen = 0
    for n, header_line in enumerate(head[:-1]):
        if not header_line.strip():
            continue
        seen += 1
        if seen > _PREAMBLE_LINES:
            break
        delimiter = max(_DELIMITERS, key=header_line.count)
        if header_line.count(delimiter) < 1:
            continue
        try:
            [header] = csv.reader([header_line], delimiter=delimiter)
        except (csv.Error, ValueError):
            continue
        if columns_of(header) is not None:
            found = header_line, delimiter
            break
        if len(header_line) <= 200 and any((f := _fold(cell)) in _SPEAKER or f in _TEXT for cell in header):
            # (a speaker column named, the text's name unknown: the rows below say which column is the words)
            try:
                below = list(csv.reader(head[n + 1 : n + 1 + _SAMPLE_ROWS], delimiter=delimiter))
            except csv.Error:
                continue
            if (inferred := _columns_from_rows(header, below)) is not None:
                found = header_line, delimiter
                break
    if found is None:
        return None  # (most text: no line at its top names a speaker column; the rest is not read)
    header_line, delimiter = found
    at = text.find(header_line)
    body = text[at:] if at >= 0 else text
    try:
        rows = list(csv.reader(io.StringIO(body), delimiter=delimiter))
    except csv.Error:
        return None
    if len(rows) < 3:
        return None
    # (a Markdown table's rule under its header, "|:----:|------|", is no row)
    header, rows = rows[0], [row for row in rows[1:] if any(cell.strip(" \t:-") for cell in row)]
    columns = inferred or columns_of(header)
    if columns is None or not rows:
        return None
    sample = rows[:_SAMPLE_ROWS]
    if sum(1 for row in sample if len(row) == len(header)) < 0.8 * len(sample):
        return None  # (prose with commas after a line that happens to name a speaker)
    lines_said = [row[columns["text"]].strip() for row in rows[:200] if len(row) > columns["text"]]
    who = Counter(row[columns["speaker"]].strip() for row in rows[:200] if len(row) > columns["speaker"])
    if (
        lines_said
        and sum(1 for cell in lines_said if cell[-1:] in _SAID_ENDS or len(cell.split()) >= 6) < 0.3 * len(lines_said)
        and sum(1 for n in who.values() if n >= 2) < 2
    ):
        # (what people say ends sentences, or runs on, and people speak more than once; a programme's column of
        # talks' titles, "Opening address", "Keynote: the river", each under its speaker once, does neither)
        return None
    said_cells = [row[columns["text"]] for row in rows if len(row) > columns["text"]]
    if "start" in columns and a_schedule([r[columns["start"]] for r in rows if len(r) > columns["start"]], said_cells):
        return None  # (a programme's "Time | Speaker | Content": talks at times of day, no one talking)
    in_ms = any(_fold(header[columns[k]]).endswith("ms") for k in ("start", "end") if k in columns)
    cues: list[Cue] = []
    top = _past_front_matter(text[:at].lstrip("\ufeff")).split("\n") if at > 0 else []
    if delimiter == "|" and at > 0:
        # (a Markdown document's title and notes above its table are its words too, no one's; its front matter,
        # fields between rules, is not)
        above = (html.escape(line.strip(), quote=False) for line in top)
        cues.extend(Cue(None, None, line, None, nobody=True) for line in above if line)
    # (codes in the speaker column, "M", "P1", that a key above the header gives names: the names)
    key = _code_key(top) if top and all(len(c) <= 4 for c in who if c) else {}
    for row in rows:
        if len(row) <= max(columns.values()):
            if delimiter == "|" and (line := html.escape("|".join(row).strip(), quote=False)):
                cues.append(Cue(None, None, line, None, nobody=True))  # (and a Markdown document's words below it)
            continue
        said = row[columns["text"]].strip()
        if not said:
            continue
        start = _seconds(row[columns["start"]], in_ms) if "start" in columns else None
        end = _seconds(row[columns["end"]], in_ms) if "end" in columns else None
        speaker = _DELIVERY_NOTE.sub("", row[columns["speaker"]].strip()) or None
        speaker = key.get(speaker, speaker) if speaker is not None else None
        dashed = speaker is not None and not any(ch.isalnum() for ch in speaker)  # (a dash for no one: "—")
        if speaker is None and "role" in columns:
            speaker = row[columns["role"]].strip() or None
        # (a cell's words are text, where a cue's are read as markup: "<3" and "&" stay as written)
        said = html.escape(said, quote=False)
        if speaker is not None and (dashed or _fold(speaker) in _NOTES):
            cues.append(Cue(start, end, said, None, nobody=True))
        else:
            cues.append(Cue(start, end, said, speaker))
    return cues or None
