"""Cleaning pasted pages: chrome lines, mojibake, repeated lines, and where the transcript ends.

These are general heuristics (UI phrases in several languages, script mixing,
U+FFFD, classic UTF-8-read-as-cp1252 patterns, comment-section shapes), not
rules for one page.  Lines are dropped or kept whole; the words in kept lines
are never changed, except that a line of recoverable mojibake is decoded back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

#: Characters that print as nothing and only hint at where a word may break: soft hyphens inside a word
#: (U+00AD, which web pages put in long words), word joiners, and a byte-order mark met inside the text.  Left in, they
#: split a word for search ("infor\u00admation") and some terminals show them.  Zero-width joiners and
#: non-joiners are spelling in Persian, Indic scripts and emoji, so they stay.
_INVISIBLE = re.compile("(?<=\\w)\u00ad+(?=\\w)|[\u2060\ufeff]+")
#: A soft hyphen anywhere else stands for a printed dash: court transcripts' "And --" comes out of their
#: PDFs as "-" and a soft hyphen.
_SHOWN_SOFT_HYPHEN = re.compile("\u00ad+")
#: A zero-width space separates words in Thai or Khmer, so it stays between letters; beside a space or at a
#: line's edge it is only in the way (a label "\u200bJOHN:" is not seen as one).
_LOOSE_ZWSP = re.compile("(?m)^\u200b+|\u200b+$|(?<=\\s)\u200b+|\u200b+(?=\\s)")


#: A Markdown file's front matter: its fields between rules at the very top ("---" ... "---" or "...").
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.S)


def drop_invisible(text: str) -> str:
    """`text` without the invisible characters that only get in the way (see _INVISIBLE and _LOOSE_ZWSP)."""
    if text.isascii():
        return text
    if "\u00ad" in text or "\u2060" in text or "\ufeff" in text:
        text = _SHOWN_SOFT_HYPHEN.sub("-", _INVISIBLE.sub("", text))
    if "\u200b" in text:
        text = _LOOSE_ZWSP.sub("", text)
    return text


#: Whole lines that are player, page or share chrome, in several languages (compared case-insensitively).
CHROME_LINES = {
    # English
    "podcast appearances",
    "appearances over time",
    "speakerappearances over time",
    "table of contents",
    "contents",
    "share",
    "share this",
    "share this article",
    "share this post",
    "share this episode",
    "subscribe",
    "subscribe now",
    "sign in",
    "sign up",
    "log in",
    "login",
    "like",
    "reply",
    "comment",
    "comments",
    "follow",
    "following",
    "listen now",
    "listen",
    "play",
    "play episode",
    "pause",
    "download",
    "read more",
    "show more",
    "show less",
    "see more",
    "load more",
    "advertisement",
    "skip to content",
    "skip to main content",
    "menu",
    "home",
    "back to top",
    "related",
    "related articles",
    "related posts",
    "recommended",
    "recommended for you",
    "you may also like",
    "latest from us",
    "copy link",
    "print",
    "email",
    "tweet",
    "facebook",
    "twitter",
    "linkedin",
    "privacy policy",
    "terms of service",
    "all rights reserved",
    "watch now",
    "explore topics",
    "insights from the community",
    "others also viewed",
    "to view or add a comment, sign in",
    "no reviews yet",
    "be the first to comment",
    "leave a comment",
    "leave a reply",
    "add a comment",
    "about this episode",
    "episode details",
    "show notes",
    "listen on apple podcasts",
    "listen on spotify",
    "open in app",
    "get the app",
    "cancel",
    "close",
    "report",
    "save",
    "more episodes",
    "all episodes",
    "view all",
    "see all",
    "free",
    "listen for free",
    "report this article",
    "report this comment",
    "cookie settings",
    "accept all cookies",
    "accept cookies",
    "manage cookies",
    "edit transcript",
    "copy transcript",
    "show transcript",
    "hide transcript",
    "summary",
    "highlights",
    "chapters",
    "audio player",
    "video player",
    "loading...",
    "loading…",
    "sponsored",
    "♪",
    "♫",
    # Japanese
    "無料で聴く",
    "ポッドキャストの詳細を見る",
    "このコンテンツについて",
    "まだレビューはありません",
    "シェア",
    "フォロー",
    "再生",
    "もっと見る",
    "続きを読む",
    "ログイン",
    "コメント",
    "目次",
    "エピソード",
    "詳細を見る",
    "レビュー",
    "カスタマーレビュー",
    "今すぐ聴く",
    "無料体験",
    # Chinese
    "分享",
    "订阅",
    "訂閱",
    "阅读更多",
    "閱讀更多",
    "登录",
    "登入",
    "评论",
    "評論",
    "免费收听",
    "目录",
    "目錄",
    # Korean
    "공유",
    "구독",
    "더 보기",
    "로그인",
    "댓글",
    "목차",
    # German, French, Spanish, Italian, Portuguese
    "teilen",
    "abonnieren",
    "mehr lesen",
    "anmelden",
    "kommentare",
    "inhaltsverzeichnis",
    "partager",
    "s'abonner",
    "lire la suite",
    "se connecter",
    "commentaires",
    "écouter",
    "table des matières",
    "compartir",
    "suscribirse",
    "suscríbete",
    "leer más",
    "iniciar sesión",
    "comentarios",
    "escuchar",
    "índice",
    "condividi",
    "iscriviti",
    "leggi di più",
    "commenti",
    "partilhar",
    "inscreva-se",
    "ler mais",
    "comentários",
    "sumário",
}

#: A heading that opens a list of links to other pages; from here to the end is page chrome.
_LINK_LIST_HEADING = re.compile(
    r"^[|#>*\-\s]*(latest from us|latest (news|posts|articles|stories)|related (articles|posts|stories|reading|content)?|"
    r"read (more|next|also)|more from [\w .'-]+|more articles by [\w .'-]+|you (may|might) also like|recommended( for you| reading)?|"
    r"popular (posts|articles|stories)|trending( now)?|further reading|see also|others also viewed|"
    r"insights from the community|explore topics|more stories|up next|what to read next|"
    # (and as other languages' sites head them: "Mehr zum Thema", "À lire aussi", "Leer más", "Leia também"...)
    r"mehr zum thema|das könnte sie auch interessieren|weitere (artikel|beiträge)|lesen sie auch|"
    r"(à )?lire aussi|sur le même sujet|(à )?voir aussi|leer más|lee también|noticias relacionadas|"
    r"te puede interesar|leia (também|mais)|veja também|leggi anche|potrebbe interessarti|lees ook|meer over dit onderwerp|"
    r"läs också|czytaj (także|też)|читайте также|по теме|"
    r"関連記事|おすすめ|相关文章|推荐阅读|관련 기사|"
    # (Vietnamese, Indonesian and Malay, Turkish, Thai, Ukrainian, Czech, Romanian, Hungarian)
    r"bài (viết )?liên quan|tin liên quan|xem thêm|đọc thêm|baca juga|berita terkait|artikel terkait|"
    r"ilgili haberler|bunlar da ilginizi çekebilir|ข่าวที่เกี่ยวข้อง|บทความที่เกี่ยวข้อง|читайте також|"
    r"související články|čtěte také|citește și|articole similare|kapcsolódó cikkek)\s*:?[*_]*\s*:?\s*$",
    re.IGNORECASE,
)

#: Lines that end a transcript: transcription credits and sign-in walls.
#: "Comments" in the languages of pages with comment sections.
_COMMENTS = (
    r"(?:comments?|commenti|commentaires|kommentare|comentarios|comentários|reacties|kommentarer|kommentit|"
    r"komentarze|komentáře|yorumlar|комментарии|коментарі|コメント|评论|評論|댓글)"
)
_END_MARKERS = re.compile(
    r"^\s*(transcribed by\b.*|transcription by\b.*|this transcript was (auto-?)?generated\b.*|"
    r"to view or add a comment,? sign in.*|more articles by\b.*|"
    r"\(?end of transcript\)?\.?|\[end of transcript\]|end transcript\.?|"
    # (and in other languages, in brackets or between dashes: "--- FINE TRASCRIZIONE ---", "[Fin de la
    # transcription]", "*** ENDE DES TRANSKRIPTS ***", "(Конец стенограммы)")
    r"[-=*_~\[(\s]*(?:fine (?:della )?trascrizione|fin de (?:la )?transcription|fin de (?:la )?transcripci[óo]n|"
    r"fim da transcri[çc][ãa]o|ende (?:des|der) (?:transkripts?|transkription|abschrift)|"
    r"einde (?:van (?:het|de) )?(?:transcript|transcriptie)|koniec (?:transkrypcji|zapisu)|"
    r"konec (?:přepisu|prepisu)|slut på (?:transkriptionen|utskriften)|transkription(?:en)? slut|"
    r"конец (?:стенограммы|расшифровки)|кінець (?:стенограми|розшифровки)|sf[âa]r[șs]itul transcrierii|"
    r"transkriptin loppu|[aá]tirat v[ée]ge|end of (?:the )?(?:transcript|transcription))[\s.\])*_=~-]*|"
    # the mark closing a Japanese, Chinese or Korean article: "（了）", "（完）", "（おわり）", "<끝>"
    r"[（(](?:了|完|おわり|終わり)[)）]|【完】|[<＜(（]끝[>＞)）]|"
    # a page's comments under a heading that counts them: "### Commenti (3)", "12 Comments", "Kommentare (4)"
    rf"[#*_\s]*(?:\d{{1,5}}[ \t]+{_COMMENTS}|{_COMMENTS}[ \t]*[(（]\d{{1,5}}[)）])[*_\s]*)\s*$",
    re.IGNORECASE,
)

#: A transcript's end in words, in any of the languages _END_MARKERS knows.
_THE_END = re.compile(
    r"^[-=*_~\[(\s]*(?:\(?end of (?:the )?transcript(?:ion)?|end transcript|fine (?:della )?trascrizione|"
    r"fin de (?:la )?transcripci[óo]n|fin de (?:la )?transcription|fim da transcri|ende (?:des|der) |einde |koniec |"
    r"konec |slut på |transkription(?:en)? slut|конец |кінець |sf[âa]r[șs]itul transcrierii|transkriptin loppu|"
    r"[aá]tirat v[ée]ge)",
    re.I,
)
_COUNTED_COMMENTS = re.compile(rf"\d[ \t]+{_COMMENTS}|{_COMMENTS}[ \t]*[(（]\d", re.IGNORECASE)
_CREDIT = re.compile(r"^\s*(transcribed by|transcription by|this transcript was)\b", re.IGNORECASE)

#: Relative times under comments ("11mo", "3w", "2 days ago", "Edited").
_REL_TIME = re.compile(
    r"^\s*(\d{1,3}\s?(mo|yr|y|w|d|h|m|min|hrs?|s)|\d{1,3} (months?|years?|weeks?|days?|hours?|minutes?) ago|edited)\s*(•.*)?$",
    re.IGNORECASE,
)
_LIKE_REPLY = re.compile(
    r"^\s*(like|reply|\d+\s+(likes?|replies|reactions?)|report|helpful|いいね|返信|赞|回复)\s*$", re.IGNORECASE
)

#: Cover-art lines: 『Title』のカバーアート, "Cover art for Title", "Title cover art".
COVER_ART = re.compile(
    r"^\s*(?:[『「](?P<ja>.+?)[』」]\s*の\s*カバーアート|cover art (?:for|of) (?P<en1>.+)|(?P<en2>.+?) (?:cover art|artwork)|artwork for (?P<en3>.+))\s*$",
    re.IGNORECASE,
)


def _cover_art(line: str) -> re.Match[str] | None:
    """COVER_ART's match of the stripped line.  Every English form has "cover art" or "artwork" in it, whatever
    the case (`str.lower` folds what IGNORECASE would), so most lines are passed over without the pattern, whose
    lazy title is tried at every character of a long line."""
    if "カバーアート" not in line and "cover art" not in (low := line.lower()) and "artwork" not in low:
        return None
    return COVER_ART.match(line.strip())


_MOJIBAKE = re.compile(
    r"Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]|â€[\u0080-\u00bf™œ\u009d\u201c\u201d\u2018\u2019\u2122\u0153\u0161\u017e]|ï»¿|Ã©|Ã¨|Ã¼|Ã¶|Ã¤"
)
#: A C1 control that is a UTF-8 continuation byte read as Latin-1 ("â\x80\x99" for ’): it follows a lead
#: byte's letter (Â-ô) or another continuation byte.  A C1 control elsewhere (an 8-bit CSI) is text.
_C1_MOJIBAKE = re.compile(r"(?<=[\u00c2-\u00f4\u0080-\u00bf])[\u0080-\u009f]")


def is_chrome_line(line: str) -> bool:
    """A whole line of interface text (buttons, menus, player labels)."""
    bare = line.strip().strip("|•·-–—*#>").strip().casefold()
    if not bare:
        return False
    return bool(bare in CHROME_LINES or _cover_art(line))


#: Chrome that nobody says as a whole paragraph (a lone "Like" or "Share" might be speech).
_UI_ONLY_WORDS = {"advertisement", "sponsored", "skip to content", "skip to main content", "loading...", "loading…"}


def is_ui_only_line(line: str) -> bool:
    """Chrome that can be dropped even inside a speaker's turn: multi-word UI phrases and non-Latin UI text."""
    bare = line.strip().strip("|•·-–—*#>").strip().casefold()
    if not bare or (bare not in CHROME_LINES and bare not in _UI_ONLY_WORDS and not _cover_art(line)):
        return False
    return bare in _UI_ONLY_WORDS or len(bare.split()) >= 2 or not bare.isascii()


def cover_art_title(line: str) -> str | None:
    m = _cover_art(line)
    if not m:
        return None
    return next(g for g in m.groups() if g).strip()


def _script(ch: str) -> str:
    if ch.isascii():
        return "latin" if ch.isalpha() else ""
    if unicodedata.category(ch) == "Cc":
        return ""  # a C1 control is no script (see _C1_MOJIBAKE for when it is a garbled byte)
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "unknown"
    if not ch.isalpha():
        return ""
    script = name.split()[0].lower()
    return _SCRIPT_GROUPS.get(script, script)


#: Scripts written together count as one (Japanese mixes kana and kanji).
_SCRIPT_GROUPS = {
    "hiragana": "cjk",
    "katakana": "cjk",
    "katakana-hiragana": "cjk",
    "halfwidth": "cjk",
    "fullwidth": "latin",
    # styled Latin letters ("𝕏" for X's share button, "𝐁𝐨𝐥𝐝" in a post): Latin, not a script of their own
    "mathematical": "latin",
    # the ordinal indicators of Spanish, Portuguese and Italian ("nº 2", "1ª edição") are Latin text's own
    "masculine": "latin",
    "feminine": "latin",
    "hangul": "hangul",
    "ideographic": "cjk",
}


def try_repair(line: str) -> str | None:
    """Decode a line of UTF-8 that was read as cp1252/Latin-1 back to what it said, if it round-trips."""
    for codec in ("cp1252", "latin-1"):
        try:
            fixed = line.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != line and not _MOJIBAKE.search(fixed):
            return fixed
    return None


def is_mojibake(line: str, doc_scripts: dict[str, int] | None = None) -> bool:
    """True for lines of garbled bytes: U+FFFD runs, cp1252 patterns, UTF-8 bytes read as Latin-1,
    or a short run of a script the rest of the document never uses glued to Latin text."""
    text = line.strip()
    if not text or text.isascii():
        return False
    bad = text.count("\ufffd")
    if bad and bad >= 0.2 * len(text.replace(" ", "")):
        return True  # mostly replacement characters: nothing left to read
    if len(_MOJIBAKE.findall(text)) >= 1 or len(_C1_MOJIBAKE.findall(text)) >= 2:
        return True
    scripts: dict[str, int] = {}
    encoded = text.encode("utf-8", "surrogatepass")
    latin = len(encoded) - len(encoded.translate(None, _ASCII_LETTER_BYTES))
    if latin:
        scripts["latin"] = latin
    for ch in _NON_ASCII.findall(text):
        s = _script(ch)
        if s:
            scripts[s] = scripts.get(s, 0) + 1
    if "latin" in scripts and len(scripts) >= 2 and doc_scripts is not None:
        for script, n in scripts.items():
            if script in ("latin", "common"):
                continue
            rare_in_doc = doc_scripts.get(script, 0) <= n + 2
            if n <= 4 and rare_in_doc and scripts["latin"] >= 3 * n:
                return True
    # Thai glyphs used as the bytes of an emoji or punctuation (cp874 mojibake): "๐ค", "โ€"
    return bool(
        re.search(r"[\u0e00-\u0e7f][\u0e00-\u0e7f\u20ac]?\s?[A-Za-z]{3,}", text)
        and (doc_scripts or {}).get("thai", 0) <= 4
    )


#: Characters counted at a time by `document_scripts` (a list per letter of a whole book is gigabytes).
_SCRIPT_CHUNK = 1 << 16


def _script_chunks(text: str | Iterable[str]) -> Iterator[str]:
    """`text` (whole, or line by line) in pieces of about _SCRIPT_CHUNK characters: a long line is cut,
    short ones are joined (a regex call per line cost more than the counting)."""
    if isinstance(text, str):
        text = (text,)
    batch: list[str] = []
    size = 0
    for line in text:
        if len(line) > _SCRIPT_CHUNK:
            for at in range(0, len(line), _SCRIPT_CHUNK):
                yield line[at : at + _SCRIPT_CHUNK]
            continue
        batch.append(line)
        size += len(line) + 1
        if size >= _SCRIPT_CHUNK:
            yield "\n".join(batch)
            batch, size = [], 0
    if batch:
        yield "\n".join(batch)


def document_scripts(text: str | Iterable[str]) -> dict[str, int]:
    """Letters per script across the whole document, given whole or line by line (to tell a real
    script from stray bytes)."""
    counts: dict[str, int] = {}
    latin = 0
    for chunk in _script_chunks(text):
        # ASCII letters counted in bytes (UTF-8 never uses an ASCII byte inside another character)
        encoded = chunk.encode("utf-8", "surrogatepass")
        latin += len(encoded) - len(encoded.translate(None, _ASCII_LETTER_BYTES))
        if chunk.isascii():
            continue
        for ch in _NON_ASCII.findall(chunk):
            if ch.isalpha():
                s = _script(ch)
                counts[s] = counts.get(s, 0) + 1
    if latin:
        counts = {"latin": latin, **counts}
    return counts


#: Characters from which a line is folded without splitting it into words.
LONG_LINE = 4096
_ASCII_LETTER_BYTES = bytes(range(65, 91)) + bytes(range(97, 123))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


_SPACE = re.compile(r"\s")  # (str.split's whitespace)


def fold_space(text: str) -> str:
    """`text` with each run of whitespace one space, none at the ends."""
    if "  " not in text and text.isprintable():
        # (most lines: the only whitespace a printable string holds is the ASCII space, here never two together)
        return text.strip(" ")
    if len(text) < LONG_LINE:
        return " ".join(text.split())
    # A long line goes a piece at a time, cut at whitespace: its words as one list took 70 bytes a word
    # (a 10 MB line took 110 MB), and so did re.sub's pieces.
    folded: list[str] = []
    at = 0
    while at < len(text):
        cut = _SPACE.search(text, at + LONG_LINE)
        end = cut.start() if cut else len(text)
        piece = " ".join(text[at:end].split())
        if piece:
            folded.append(piece)
        at = end
    return " ".join(folded)


#: What marks a line as a signature under a record: "原告（签名）：", "Signed:", "(signature)", "Unterschrift:".
_SIGNATURE = re.compile(
    r"签名|簽名|署名|签字|簽字|서명|\b(?:signed|signature|unterschrift|firma|assinatura|подпись)\b", re.IGNORECASE
)
#: A signature block's line: a short key, a colon, a name or a blank to sign on ("审判员：林晓燕", "Witness: ____").
_SIGNED_LINE = re.compile(r"^[^:：]{1,30}[:：][ \t]*(?:[^.。!！?？:：]{0,40})$")
#: A page's number under it ("第 1 页 共 1 页", "Page 3 of 3", "- 3 -").
_LAST_PAGE_NUMBER = re.compile(
    r"^\s*(?:第\s*\d+\s*[页頁]\s*[,，/]?\s*共\s*\d+\s*[页頁]|共\s*\d+\s*[页頁]\s*[,，/]?\s*第\s*\d+\s*[页頁]|"
    r"(?:page\s+)?\d{1,4}\s*(?:of|/)\s*\d{1,4}|[-–—]?\s*\d{1,4}\s*[-–—]?)\s*$",
    re.IGNORECASE,
)


def _signature_block(lines: list[str]) -> int | None:
    """Index of the block of signatures closing a record (parties, judge and clerk signing under a Chinese court
    record, "Signed: ____" under minutes): the last paragraph, two to eight lines of "Key: name", one of them
    saying it is signed.  Its lines are labels in shape, but no one's turns."""
    end = len(lines)
    while end > 0 and (not lines[end - 1].strip() or _LAST_PAGE_NUMBER.match(lines[end - 1])):
        end -= 1
    start = end
    while start > 0 and lines[start - 1].strip():
        start -= 1
    block = [line.strip() for line in lines[start:end]]
    if start == 0 or not 2 <= len(block) <= 8 or not all(_SIGNED_LINE.match(line) for line in block):
        return None
    return start if any(_SIGNATURE.search(line) for line in block) else None


def find_footer(lines: list[str]) -> int | None:
    """Index of the first line of trailing page chrome (comments, link lists, credits, signatures), if any."""
    n = len(lines)
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if _END_MARKERS.match(stripped):
            if (_CREDIT.match(stripped) or _COUNTED_COMMENTS.search(stripped)) and i < n // 2:
                # "Transcribed by ..." at the top is a credit under the title, and "12 Comments" there a blog's
                # count beside it, not where the page ends
                continue
            if _THE_END.match(stripped) and any(_THE_END.match(l.strip()) for l in lines[i + 1 :]):
                continue  # (one transcript's end before another's: "[Fin de la transcripción]" after each interview)
            return _back_over_headers(lines, i) if "comment" in stripped.casefold() else i
        if _LINK_LIST_HEADING.match(stripped) and i >= 0.6 * n and _mostly_links(lines[i + 1 :]):
            # (in the last part of the page: a "Baca juga:" box inside an article is not where it ends)
            return i
        if _REL_TIME.match(stripped) or _LIKE_REPLY.match(stripped):
            # A comment block: a relative time or Like/Reply near other comment signs.
            window = [l.strip() for l in lines[i : i + 12] if l.strip()]
            kinds = {_sign_kind(l) for l in window} - {None}
            if len(kinds) >= 2:
                return _back_over_headers(lines, i)
    # A trailing run of bullet links ("- Some Headline") after the text.
    tail = n
    while tail > 0 and (not lines[tail - 1].strip() or _is_link_line(lines[tail - 1])):
        tail -= 1
    bullets = sum(1 for l in lines[tail:] if l.strip())
    if bullets >= 3 and tail > 0:
        return tail
    return _signature_block(lines)


def _sign_kind(line: str) -> str | None:
    """Which comment-section sign a line is: a relative time, "Like", "Reply"-like, or a sign-in wall."""
    if _REL_TIME.match(line):
        return "time"
    if _END_MARKERS.match(line):
        return "end"
    if _LIKE_REPLY.match(line):
        return "like" if line.strip().casefold() in {"like", "いいね", "赞"} or "like" in line.casefold() else "reply"
    return None


def _is_link_line(line: str) -> bool:
    s = line.strip()
    return bool(re.match(r"^[-*•]\s+\S", s)) and not re.search(r"[.!?…:;]$", s) and len(s) < 160


def _mostly_links(rest: list[str]) -> bool:
    body = [l for l in rest if l.strip()]
    if not body:
        return True
    short = sum(1 for l in body if _is_link_line(l) or (len(l) < 120 and not re.search(r"[.!?…]$", l.strip())))
    return short >= 0.6 * len(body)


def _back_over_headers(lines: list[str], i: int) -> int:
    """Step back from a comment sign over the commenter's name and headline (short lines without sentence ends)."""
    j = i
    steps = 0
    while j > 0 and steps < 6:
        prev = lines[j - 1].strip()
        if not prev:
            j -= 1
            continue
        if len(prev) <= 160 and not re.search(r"[.!?…\"”'’)]$", prev) and ":" not in prev[:40]:
            j -= 1
            steps += 1
            continue
        break
    return j


def dedupe_lines(
    lines: list[str], window: int = 3, min_len: int = 20, short: bool = True, dropped: list[str] | None = None
) -> list[str]:
    """Drop a line (or paragraph) identical, spacing aside, to one of the last few non-blank ones.

    Pasted pages repeat everything.  Short ones (under `min_len` characters)
    only go when `short` and they repeat the one right before them and look
    like chrome or titles, since people do say "No. No." on separate lines.
    What is dropped is added to `dropped`, if given.
    """
    out: list[str] = []
    recent: list[str] = []
    for line in lines:
        key = fold_space(line)
        if not key:
            out.append(line)
            continue
        if key in recent and (len(key) >= min_len or (short and recent[-1] == key and not re.search(r"[.!?…,]$", key))):
            if dropped is not None:
                dropped.append(key)
            continue
        out.append(line)
        recent.append(key)
        if len(recent) > window:
            recent.pop(0)
    return out
