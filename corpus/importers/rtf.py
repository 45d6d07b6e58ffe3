"""Rich Text Format (.rtf): paragraphs to text, with a leading bold run marked as a label, as for Word.

RTF is what macOS TextEdit saves by default, what WordPad and many court
reporters' programs write, and what "Save as Rich Text" gives from any word
processor, so transcripts typed by hand often arrive in it.  Read as plain text
it is control words and braces, so it gets a reader of its own: the text of each
paragraph with its bold runs (a speaker's name set in bold is the usual label),
table rows as their cells joined, and the title from the document's information.
Fonts, colours, styles, pictures, headers and footers and every other
destination are left out, as are hidden text and a tracked change's deleted words;
footnotes are kept, after the text.  Characters come from `\\uN` escapes or from
`\\'hh` bytes in the document's code page.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from sayso.corpus.importers.doctables import table_lines
from sayso.corpus.importers.docx import labelled_paragraph

#: A control word with its optional number ("\\b0", "\\u-3913", "\\par"), a control symbol ("\\'e9", "\\~",
#: "\\{"), a brace, or a run of plain text (line breaks in the file are not text in RTF).
_TOKEN = re.compile(
    r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|([^\\{}\r\n]+)|[\r\n]+"
)

#: Destinations whose text is not the document's: tables of fonts, colours and styles, pictures and
#: objects, headers and footers, field instructions (the field's result is kept), and the information
#: group (its title is read apart).
_SKIPPED = frozenset(
    [
        "fonttbl",
        "colortbl",
        "stylesheet",
        "listtable",
        "listoverridetable",
        "rsidtbl",
        "generator",
        "info",
        "pict",
        "object",
        "objdata",
        "header",
        "headerl",
        "headerr",
        "headerf",
        "footer",
        "footerl",
        "footerr",
        "footerf",
        "fldinst",
        "themedata",
        "colorschememapping",
        "latentstyles",
        "datastore",
        "xmlnstbl",
        "pgdsctbl",
        "filetbl",
        "revtbl",
        "annotation",
        "atnid",
        "atnauthor",
        "pntxta",
        "pntxtb",
        "bkmkstart",
        "bkmkend",
        "nonshppict",
        "shppict",
        "shpinst",
        "sp",
        "sn",
        "sv",
        "userprops",
        "docvar",
        "template",
        "operator",
        "author",
        "company",
        "subject",
        "keywords",
        "comment",
        "doccomm",
    ]
)

#: Control words that stand for one character.
_CHARACTERS = {
    "tab": "\t",
    "line": "\n",
    "emdash": "\u2014",
    "endash": "\u2013",
    "lquote": "\u2018",
    "rquote": "\u2019",
    "ldblquote": "\u201c",
    "rdblquote": "\u201d",
    "bullet": "\u2022",
    "emspace": " ",
    "enspace": " ",
    "qmspace": " ",
}
_SYMBOLS = {"~": "\u00a0", "_": "\u2011", "-": "", "\\": "\\", "{": "{", "}": "}"}

#: Code pages RTF names by number that Python spells otherwise (the rest are "cp" and the number).
_CODE_PAGES = {"10000": "mac_roman", "65001": "utf-8", "437": "cp437", "20127": "ascii"}


def is_rtf(raw: bytes) -> bool:
    """A file that opens as RTF does (after any byte-order mark or blank)."""
    return raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf")


@dataclass
class _State:
    """What a group sets and its closing brace undoes."""

    skip: bool = False
    bold: bool = False
    skip_after_unicode: int = 1
    title: bool = False
    #: hidden text (\\v) or a tracked change's deleted words (\\deleted): not what the document says
    hidden: bool = False
    footnote: bool = False

    def inner(self) -> _State:
        return _State(self.skip, self.bold, self.skip_after_unicode, self.title, self.hidden, self.footnote)


@dataclass
class _Reader:
    encoding: str = "cp1252"
    paragraphs: list[str] = field(default_factory=list)
    runs: list[tuple[str, bool]] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    pending: bytearray = field(default_factory=bytearray)
    high_surrogate: int | None = None
    #: a code page the document names that Python does not know (its bytes are read as Windows-1252)
    unknown_code_page: str | None = None
    #: the paragraph is in a table's cell (\\intbl, until \\pard): its end is a line of the cell, not a paragraph
    in_table: bool = False
    footnotes: list[str] = field(default_factory=list)
    #: the runs of the paragraph a footnote interrupts, taken up again after it
    interrupted: list[list[tuple[str, bool]]] = field(default_factory=list)

    def add(self, text: str, state: _State) -> None:
        self.flush_bytes(state)
        self._add(text, state)

    def _add(self, text: str, state: _State) -> None:
        if state.title:
            self.title.append(text)
        elif not state.skip and not state.hidden and text:
            if self.runs and self.runs[-1][1] == state.bold:
                self.runs[-1] = (self.runs[-1][0] + text, state.bold)
            else:
                self.runs.append((text, state.bold))

    def flush_bytes(self, state: _State) -> None:
        """Bytes given as \\'hh, decoded together (a double-byte code page spells one character in two)."""
        if self.pending:
            text = bytes(self.pending).decode(self.encoding, errors="replace")
            self.pending.clear()
            self._add(text, state)

    def paragraph_text(self) -> str:
        runs, self.runs = self.runs, []
        return labelled_paragraph(runs)

    #: the rows of the table being read, each its cells (see end_table)
    rows: list[list[str]] = field(default_factory=list)

    def end_paragraph(self, state: _State) -> None:
        if self.in_table or state.footnote:
            self._add("\n", state)  # (a cell's or a footnote's paragraphs are lines of it)
        else:
            self.end_table()
            self.paragraphs.append(self.paragraph_text())

    def end_cell(self) -> None:
        self.cells.append(_plain_lines(self.runs))
        self.runs = []

    def end_row(self) -> None:
        if self.runs:
            self.end_cell()
        cells, self.cells = self.cells, []
        if any(cells):
            self.rows.append(cells)

    def end_table(self) -> None:
        """The table's rows as paragraphs (see doctables.table_lines)."""
        rows, self.rows = self.rows, []
        self.paragraphs.extend(table_lines(rows))

    def open_footnote(self) -> None:
        self.interrupted.append(self.runs)
        self.runs = []

    def close_footnote(self) -> None:
        text = _plain_lines(self.runs)
        self.runs = self.interrupted.pop() if self.interrupted else []
        if text:
            self.footnotes.append(text)


def _plain_lines(runs: list[tuple[str, bool]]) -> str:
    """The text of runs, each line's spaces single, without the marks of bold (a cell's, a footnote's)."""
    return "\n".join(" ".join(line.split()) for line in "".join(t for t, _ in runs).split("\n")).strip()


def rtf_to_text(raw: bytes, name: str) -> tuple[str, str | None, list[str]]:
    """The document's paragraphs as text (a blank line between them), its title if it has one, and a warning
    where the file ends before its groups close (cut short: what it has is read, but more may have been)."""
    source = raw.lstrip(b"\xef\xbb\xbf \t\r\n").decode("latin-1")  # RTF itself is 7-bit; \\'hh carries the rest
    reader = _Reader()
    state = _State()
    stack: list[_State] = []
    skip_chars = 0  # fallback characters still to skip after a \\uN
    new_group = False  # the token just read opened a group (where "\\*" marks an unknown destination)
    pos = 0
    while (match := _TOKEN.search(source, pos)) is not None:
        pos = match.end()
        word, number, hexbyte, symbol, brace, text = match.groups()
        opened, new_group = new_group, False
        if skip_chars and (hexbyte or text or symbol):
            if text:
                skip_chars, text = max(0, skip_chars - len(text)), text[skip_chars:]
                if not text:
                    continue
            else:
                skip_chars -= 1
                continue
        if brace == "{":
            reader.flush_bytes(state)
            stack.append(state)
            state = state.inner()
            new_group = True
        elif brace == "}":
            reader.flush_bytes(state)
            if not stack:
                break  # the document's closing brace (anything after it is not RTF)
            closed, state = state, stack.pop()
            if closed.footnote and not state.footnote:
                reader.close_footnote()
        elif text:
            reader.add(text, state)
        elif hexbyte:
            reader.pending.append(int(hexbyte, 16))
        elif symbol:
            if symbol == "*" and opened:
                state.skip = True
                new_group = True  # (a destination read all the same may follow: "{\\*\\footnote ...}")
            elif symbol in "\r\n" and not state.skip and not state.title:  # a backslash ending a line is \\par
                reader.flush_bytes(state)
                reader.end_paragraph(state)
            else:
                reader.add(_SYMBOLS.get(symbol, ""), state)
        elif word == "bin" and number:  # (raw bytes, a picture's: not text, and they may hold braces)
            pos += max(0, int(number))
        elif word:
            skip_chars = _control_word(word, number, opened, reader, state, bool(stack) and stack[-1].skip)
    # (as a document's warnings are: the import names the file before each)
    warnings = ["the RTF file ends before its groups close; it may be cut short"] if stack else []
    if reader.unknown_code_page is not None:
        warnings.append(
            f"the RTF file names code page {reader.unknown_code_page}, which sayso does not know; its "
            "accented letters were read as Windows-1252 and may be wrong"
        )
    reader.flush_bytes(state)
    while reader.interrupted:  # (a footnote the file's end cut short)
        reader.close_footnote()
    if reader.cells:
        reader.end_row()
    reader.in_table = False
    if reader.runs:
        reader.end_paragraph(_State())
    reader.end_table()
    if reader.footnotes:  # (after the text, each an editor's note in brackets: no one's words, nor the last speaker's)
        reader.paragraphs.extend(f"[Note: {k}. {' '.join(note.split())}]" for k, note in enumerate(reader.footnotes, 1))
    title = " ".join("".join(reader.title).split()) or None
    lines: list[str] = []
    for paragraph in reader.paragraphs:
        lines.append(paragraph)
        lines.append("")
    return "\n".join(lines), title, warnings


def _control_word(
    word: str, number: str | None, opened: bool, reader: _Reader, state: _State, parent_skipped: bool
) -> int:
    """Act on one control word; returns how many fallback characters follow (after \\uN)."""
    if word == "u" and number is not None:
        reader.flush_bytes(state)
        code = int(number) % 65536
        _add_code_unit(reader, state, code)
        return state.skip_after_unicode
    if word == "title" and opened:
        state.title = True
        return 0
    if word == "footnote" and opened and not state.footnote and not state.title:
        # (its words are the document's, even where "{\\*\\footnote" lets a reader skip them; unless the group it
        # is in is skipped: a header's)
        state.skip = parent_skipped
        if not state.skip:
            reader.flush_bytes(state)
            state.footnote = True
            reader.open_footnote()
        return 0
    if opened and word in _SKIPPED:
        state.skip = True
        return 0
    if word in _CHARACTERS:
        reader.add(_CHARACTERS[word], state)
    elif word in ("par", "sect", "page") and not state.skip and not state.title:
        reader.flush_bytes(state)
        reader.end_paragraph(state)
    elif word == "pard":
        reader.in_table = False
    elif word == "intbl":
        reader.in_table = True
    elif word == "cell" and not state.skip:
        reader.flush_bytes(state)
        reader.end_cell()
    elif word == "row" and not state.skip:
        reader.flush_bytes(state)
        reader.end_row()
    elif word == "b":
        reader.flush_bytes(state)
        state.bold = number != "0"
    elif word in ("v", "deleted"):
        reader.flush_bytes(state)
        state.hidden = number != "0"
    elif word == "plain":
        reader.flush_bytes(state)
        state.hidden = False
        state.bold = False
    elif word == "uc" and number is not None:
        state.skip_after_unicode = max(0, int(number))
    elif word == "ansicpg" and number is not None:
        reader.encoding = _code_page(number)
        if reader.encoding == "cp1252" and number != "1252":
            reader.unknown_code_page = number
    elif word == "mac":
        reader.encoding = "mac_roman"
    return 0


def _add_code_unit(reader: _Reader, state: _State, code: int) -> None:
    """A \\uN value; a surrogate pair arrives as two, and is joined into one character."""
    high, reader.high_surrogate = reader.high_surrogate, None
    if 0xD800 <= code <= 0xDBFF:
        reader.high_surrogate = code
        return
    if 0xDC00 <= code <= 0xDFFF:
        if high is None:
            return  # a lone low surrogate is no character
        code = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
    reader.add(chr(code), state)


def _code_page(number: str) -> str:
    name = _CODE_PAGES.get(number, f"cp{number}")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "cp1252"
