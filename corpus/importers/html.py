"""HTML-wrapped transcripts: tags removed, entities decoded, blocks become lines.

Whitespace inside a block collapses as a browser would (so hard-wrapped OCR
lines of one paragraph join with single spaces); `<br>`, `<p>`, `<div>`,
headings and list items start new lines.  `<strong>Mr. NORTH</strong>:` comes
out as `Mr. NORTH:` for the label parser.  Scripts, styles and navigation go.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from sayso.corpus.importers.names import is_name_like, names_a_person

_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "hr",
    "dt",
    "dd",
    "dl",
    "header",
    "footer",
    "main",
    "figure",
    "figcaption",
    "td",
    "th",
    "body",
    "html",
}
_SKIP = {"script", "style", "head", "nav", "noscript", "svg", "template", "iframe", "button", "form", "select", "aside"}
#: A class the page gives the element that names who speaks: "speaker", "speaker-name", Norwegian "ref-navn",
#: German "redner", French "orateur".  The element's words are a label, whatever their shape.
_SPEAKER_CLASS = re.compile(
    r"(?:^|[\s_-])(?:speaker|speaker-?name|sprecher|redner|orador|orateur|oratore|spreker|talare|navn|namn)(?:$|[\s_-])",
    re.I,
)

#: A class a chat export gives the sender's name over each message (Telegram Desktop's "from_name"; "sender",
#: "message-author"): whatever the name looks like (a handle, a nickname with pictures), it is who writes.
_SENDER_NAMES = r"from_name|from-name|sender|sender[-_]name|message[-_]author"
_SENDER_CLASS = re.compile(rf"(?:^|\s)(?:{_SENDER_NAMES})(?:$|\s)", re.I)

#: A class of a chat export's picture of the sender: its letters ("initials") are no one's words.
_PICTURE_CLASS = re.compile(r"(?:^|[\s_-])(?:userpic|avatar|initials)(?:$|[\s_-])", re.I)


def _names_someone(said: str) -> bool:
    """Whether an element the page marks as naming who speaks does so: a name, its party, role or time in
    brackets aside ("Torbjørn Lie Aasen (A) [10:03:30] (ordfører for saken):"), and not the first words of the
    speech as well ("HON. S.S. KIRPAL.- Thank you Mr:", where a page's markup went astray)."""
    name = re.sub(r"[\[(][^\[\]()]*[\])]", " ", said.rstrip(":： ")).strip()
    name = " ".join(name.split())
    return bool(name) and len(name.split()) <= 6 and (is_name_like(name) or names_a_person(name))


#: Where an element in bold opens and closes at the start of a line (characters of the private use area, which
#: no page's text keeps: see handle_data).
_BOLD_OPEN, _BOLD_CLOSE = "\ue000", "\ue001"
#: A line that is wholly in bold: its marks, its words, nothing else but spaces.
_WHOLE_BOLD = re.compile(r"(?m)^([ \t]*)\ue000([^\ue000\ue001\n]*\S[^\ue000\ue001\n]*)\ue001([ \t]*)$")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False
        self.h1: list[str] = []
        self.in_h1 = False
        self.pre = 0
        #: cells met so far in the table row being read
        self.row_cells = 0
        #: the page's own address: <link rel="canonical"> first, else <meta property="og:url">
        self.canonical: str | None = None
        self.og_url: str | None = None
        #: the element naming who speaks being read (see _SPEAKER_CLASS): its tag, how deep, its words so far;
        #: whether it is a chat's sender (see _SENDER_CLASS)
        self.speaker: tuple[str, int] | None = None
        self.speaker_words: list[str] = []
        self.sender = False
        #: a sender's picture being passed over (see _PICTURE_CLASS): its tag, how deep
        self.picture: tuple[str, int] | None = None
        #: a chat export's page header being read (Telegram's "page_header": the chat's name), its tag, how deep,
        #: and its words so far
        self.header: tuple[str, int] | None = None
        self.header_words: list[str] = []
        #: a label has just ended its line: the block break after it is not a paragraph's
        self.glued = False
        #: <strong>/<b> elements open, and whether the outermost began its line (see _BOLD_OPEN)
        self.bold = 0
        self.bold_marked = False

    def _note_address(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: (value or "").strip() for key, value in attrs}
        if tag == "link" and "canonical" in found.get("rel", "").casefold().split() and self.canonical is None:
            self.canonical = found.get("href") or None
        elif tag == "meta" and "og:url" in (found.get("property", "").casefold(), found.get("name", "").casefold()):
            self.og_url = self.og_url or found.get("content") or None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"link", "meta"}:
            self._note_address(tag, attrs)
        if tag == "title":
            self.in_title = True
        if tag in _SKIP:
            self.skip += 1
            return
        if self.picture is not None:
            if tag == self.picture[0]:
                self.picture = (tag, self.picture[1] + 1)
            return
        if _PICTURE_CLASS.search(dict(attrs).get("class") or "") and tag not in ("img", "br", "hr"):
            self.picture = (tag, 1)
            return
        if self.header is not None and tag == self.header[0]:
            self.header = (tag, self.header[1] + 1)
        elif not self.header_words and "page_header" in (dict(attrs).get("class") or "").split():
            self.header = (tag, 1)
        if tag == "h1":
            self.in_h1 = True
        if tag == "pre":
            self.pre += 1
        if self.speaker is not None and tag == self.speaker[0]:
            self.speaker = (tag, self.speaker[1] + 1)
        elif self.speaker is None and (
            _SPEAKER_CLASS.search(kind := dict(attrs).get("class") or "") or _SENDER_CLASS.search(kind)
        ):
            self.speaker, self.speaker_words, self.sender = (tag, 1), [], bool(_SENDER_CLASS.search(kind))
        if tag in ("strong", "b"):
            self.bold += 1
            if self.bold == 1 and not self.pre and self._at_line_start():
                self.out.append(_BOLD_OPEN)
                self.bold_marked = True
        if self.glued and (tag in _BLOCK or tag in ("td", "th")):
            return  # (the words under a label go on the line after it, as a label alone over its words)
        if tag == "br":
            self.out.append("\n")
        elif tag in ("td", "th") and self.row_cells:
            self.out.append("\t")  # a row's cells on one line ("Nadia<tab>00:01<tab>Welcome..."), as a table reads
            self.row_cells += 1
        elif tag in ("td", "th"):
            self.out.append("\n\n")
            self.row_cells = 1
        elif tag in _BLOCK:
            self.out.append("\n\n")
            if tag == "tr":
                self.row_cells = 0

    def _at_line_start(self) -> bool:
        """Whether nothing but spaces has been written since the last line break."""
        for piece in reversed(self.out):
            if "\n" in piece:
                return not piece.rpartition("\n")[2].strip()
            if piece.strip():
                return False
        return True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"link", "meta"}:
            self._note_address(tag, attrs)
        if tag == "br":
            self.out.append("\n")
        elif tag in _BLOCK:
            self.out.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in ("strong", "b") and self.bold:
            self.bold -= 1
            if self.bold == 0 and self.bold_marked:
                self.out.append(_BOLD_CLOSE)
                self.bold_marked = False
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.picture is not None:
            if tag == self.picture[0]:
                self.picture = (tag, self.picture[1] - 1) if self.picture[1] > 1 else None
            return
        if self.header is not None and tag == self.header[0]:
            self.header = (tag, self.header[1] - 1) if self.header[1] > 1 else None
        if tag == "h1":
            self.in_h1 = False
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if self.speaker is not None and tag == self.speaker[0]:
            if self.speaker[1] > 1:
                self.speaker = (tag, self.speaker[1] - 1)
            else:
                self.speaker = None
                said = " ".join("".join(self.speaker_words).split())
                if not said.endswith((":", "：")) and (
                    _names_someone(said) if not self.sender else 0 < len(said) <= 60
                ):
                    # (a name in an element of its own, "<p class="speaker">An Ceann Comhairle</p>", over the
                    # speech's paragraphs: a label alone over its words; one with its colon reads as it stands)
                    self.out.append(":\n")
                    self.glued = True
                    return
        if self.glued:
            return
        if tag in ("td", "th"):
            return  # (the next cell goes on the same line; the row's end breaks it)
        if tag in _BLOCK and tag != "br":
            self.out.append("\n\n")
            if tag in ("tr", "table"):
                self.row_cells = 0

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.skip or self.picture is not None:
            return
        if self.in_h1:
            self.h1.append(data)
        if self.header is not None:
            self.header_words.append(data)
        data = data.replace(_BOLD_OPEN, "").replace(_BOLD_CLOSE, "")
        if self.speaker is not None:
            self.speaker_words.append(data)
        elif self.glued and data.strip():
            self.glued = False
            data = data.lstrip()
        if self.pre:
            self.out.append(data)
        else:
            self.out.append(re.sub(r"[ \t\n]+", " ", data))


def html_to_text(markup: str) -> tuple[str, str | None, str | None]:
    """Plain text with line breaks where blocks were, the page title and the page's own URL, if any."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.out).replace("\xa0", " ")
    # A paragraph wholly in bold stays bold, in Markdown's marks: a print interview's question over its answer
    # ("<p><strong>— Почему вы уехали?</strong></p>"); bold inside a line ("<b>Mr. NORTH</b>: ...") reads plain.
    # (a label in bold, "<strong>Formanden (Helle Vinther):</strong><br>", reads as it did, plain: a page's labels
    # stay in one form, whichever of them its markup sets apart)
    text = _WHOLE_BOLD.sub(
        lambda m: (
            m.group(0)
            if m.group(2).rstrip().endswith((":", "："))
            else f"{m.group(1)}**{m.group(2).strip()}**{m.group(3)}"
        ),
        text,
    )
    text = text.replace(_BOLD_OPEN, "").replace(_BOLD_CLOSE, "")
    # Two <br>s (or any block end) make a paragraph break; single <br>s a line break.
    lines = [line.strip(" \t") for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    title = " ".join("".join(parser.title).split()) or " ".join("".join(parser.h1).split()) or None
    if title == "Exported Data" and (chat := " ".join("".join(parser.header_words).split())):
        title = chat  # (Telegram Desktop titles every export so; the chat's name heads the page)
    url = next((u for u in (parser.canonical, parser.og_url) if u and re.match(r"(?i)^https?://\S+$", u)), None)
    return text, title, url


#: A class of a chat export's time of a message ("date details", DiscordChatExporter's "chatlog__timestamp").
_TIME_CLASS = re.compile(r"(?:^|[\s_-])(?:date|time|timestamp)(?:$|[\s_-])", re.I)
#: A class of a message someone forwarded: a sender named inside it wrote the original, not the message.
_FORWARDED_CLASS = re.compile(r"(?:^|[\s_-])(?:forwarded|reply_to|reply)(?:$|[\s_-])", re.I)
#: A time of day: "18:05", "6:05:30 PM", or with a dot alone ("18.05", as some languages write it; "12.03.2024" is a
#: date)
_CLOCK = re.compile(r"(?<![\d.:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?(?![\d:])")
_DOT_CLOCK = re.compile(r"\s*(\d{1,2})\.(\d{2})\s*")
#: A sender element's class in a page's markup, for a first look without parsing it.
_SENDER_IN_MARKUP = re.compile(rf"""class\s*=\s*["'][^"']*?(?<![\w-])(?:{_SENDER_NAMES})(?![\w-])""")


def _clock_seconds(said: str) -> float | None:
    """Seconds into the day of a message's time ("18:05", "6:05 PM", "12.03.2024 18:05:00 UTC+03:00")."""
    if (dotted := _DOT_CLOCK.fullmatch(said)) is not None:
        hours, minutes, seconds = int(dotted.group(1)), int(dotted.group(2)), 0
    elif (found := _CLOCK.search(said)) is not None:
        hours, minutes, seconds = int(found.group(1)), int(found.group(2)), int(found.group(3) or 0)
        if found.group(4):
            hours = hours % 12 + (12 if found.group(4).lower() == "p" else 0)
    else:
        return None
    return float(hours * 3600 + minutes * 60 + seconds) if hours < 24 and minutes < 60 and seconds < 60 else None


class _ChatReader(HTMLParser):
    """A chat export's messages: each one's sender (from its sender element, or the one before for a message
    that follows its sender's last), its time (from its time element) and its words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        #: (sender, seconds into the day, words); a sender of None is the export's own note (a date, "X joined")
        self.messages: list[tuple[str | None, float | None, str]] = []
        self.words: list[str] = []
        self.sender: str | None = None
        self.last_sender: str | None = None
        self.time: float | None = None
        self.senders = 0
        #: elements open, each with what it is: "skip", "sender", "time", "picture", "service", "forwarded" or ""
        self.open: list[tuple[str, str]] = []
        self.reading: list[str] = []
        self.title: list[str] = []
        #: what time elements said that no clock could be read in ("gestern", "—")
        self.unread_times: list[str] = []

    def _flush(self) -> None:
        said = "\n".join(line for line in (" ".join(l.split()) for l in "".join(self.words).split("\n")) if line)
        if said:
            self.messages.append((self.sender, self.time, said))
        self.words, self.time = [], None

    def _inside(self, what: str) -> bool:
        return any(kind == what for _, kind in self.open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "hr", "meta", "link", "input"):
            if tag == "br":
                self.words.append("\n")
            return
        kind = dict(attrs).get("class") or ""
        classes = kind.split()
        what = ""
        if tag == "title":
            what = "title"
        elif tag in _SKIP or self._inside("skip") or self._inside("picture"):
            what = "skip"
        elif _PICTURE_CLASS.search(kind):
            what = "picture"
        elif "service" in classes and "message" in classes:
            self._flush()
            self.sender = None
            what = "service"
        elif _FORWARDED_CLASS.search(kind):
            what = "forwarded"
        elif _SENDER_CLASS.search(kind) and not self._inside("forwarded") and not self._inside("service"):
            what = "sender"
            self.reading = []
        elif _TIME_CLASS.search(kind) and not any(self._inside(w) for w in ("sender", "service", "forwarded")):
            what = "time"
            if self.words and "".join(self.words).strip():
                self._flush()  # (a message that follows its sender's last, under its own time)
            self.time = _clock_seconds(dict(attrs).get("title") or "")
            self.reading = []
        self.open.append((tag, what))
        if tag in _BLOCK:
            self.words.append("\n")

    def handle_endtag(self, tag: str) -> None:
        at = next((i for i in range(len(self.open) - 1, -1, -1) if self.open[i][0] == tag), None)
        if at is None:
            return
        for _, what in reversed(self.open[at:]):
            if what == "sender":
                name = " ".join("".join(self.reading).split()).rstrip(":： ")
                if name:
                    if "".join(self.words).strip():
                        self._flush()
                    self.sender = self.last_sender = name
                    self.senders += 1
            elif what == "time" and self.time is None:
                self.time = _clock_seconds("".join(self.reading))
                if self.time is None:
                    self.unread_times.append(" ".join("".join(self.reading).split()))
            elif what == "service":
                self._flush()
                self.sender = self.last_sender
        del self.open[at:]
        if tag in _BLOCK:
            self.words.append("\n")

    def handle_data(self, data: str) -> None:
        if self._inside("title"):
            self.title.append(data)
            return
        if self._inside("skip") or self._inside("picture"):
            return
        if self._inside("sender") or self._inside("time"):
            self.reading.append(data)
            return
        self.words.append(data)


def read_chat(markup: str) -> tuple[list[tuple[str | None, float | None, str]], str | None, list[str]] | None:
    """A chat export's messages (see _ChatReader), its title and what to warn of (times that could not be read),
    when the page marks two or more messages' senders (Telegram Desktop's "from_name"): the markup says who wrote
    each, whatever the name looks like ("kate_99", "🐱").  None for any other page."""
    if len(_SENDER_IN_MARKUP.findall(markup, 0, 200_000)) < 2:
        return None
    reader = _ChatReader()
    reader.feed(markup)
    reader.close()
    reader._flush()
    messages = reader.messages
    if reader.senders < 2 or sum(1 for sender, _, _ in messages if sender) < 2:
        return None
    title = " ".join("".join(reader.title).split()) or None
    if title in (None, "Exported Data") and messages[0][0] is None and "\n" not in messages[0][2]:
        # (Telegram Desktop titles every export so; the chat's name heads the page)
        title, messages = messages[0][2], messages[1:]
    notes = []
    if reader.unread_times:
        first = reader.unread_times[0] or "(empty)"
        notes.append(
            f"{len(reader.unread_times)} message time(s) could not be read (the first: {first[:40]!r}): those messages "
            "have no time"
        )
    return messages, title, notes
