"""Importers: turn a file of any supported shape into a ParsedDocument.

`parse_path(path)` detects the format from the content (not only the name) and
returns passages with speakers, plus the title, kind and metadata it found.
The work is split by concern:

- `encoding`: bytes to text (BOMs, UTF-16, cp1252 fallback, line endings), refusing binary/empty files;
- `detect`: WebVTT, SRT, HTML or labelled text, from the content;
- `vtt`, `srt`, `cues`: timed cues to merged speaker turns;
- `html`: tags removed, entities decoded, blocks to lines;
- `text`, `names`, `speakers`: speaker labels in plain text and Markdown, intro and chrome handling;
- `qa`: question-and-answer transcripts (`Q:`/`A:`, depositions), turns by role;
- `clean`: chrome lines, mojibake, repeats, comment sections and link lists;
- `metadata`: title, kind, date, URL.
"""

from __future__ import annotations

import re
from pathlib import Path

from sayso.corpus.conventions import Convention
from sayso.corpus.errors import ImportRefused
from sayso.corpus.importers import metadata
from sayso.corpus.importers.ass import looks_like_ass, parse_ass
from sayso.corpus.importers.clean import drop_invisible
from sayso.corpus.importers.cues import cues_to_passages, dashes_naming_no_one, unnamed_speakers
from sayso.corpus.importers.detect import detect_format
from sayso.corpus.importers.docx import docx_to_text, is_docx
from sayso.corpus.importers.elan import looks_like_eaf, parse_eaf
from sayso.corpus.importers.encoding import decode_bytes
from sayso.corpus.importers.grammar import PatternError
from sayso.corpus.importers.html import html_to_text, read_chat
from sayso.corpus.importers.mbox import read_mbox
from sayso.corpus.importers.rtf import is_rtf, rtf_to_text
from sayso.corpus.importers.screenplay import looks_like_screenplay, parse_screenplay
from sayso.corpus.importers.speakers import masked_senders, merge_short_forms
from sayso.corpus.importers.srt import parse_sbv, parse_srt
from sayso.corpus.importers.table import read_columns, read_table
from sayso.corpus.importers.talkbank import looks_like_chat, parse_chat
from sayso.corpus.importers.tei import looks_like_tei, parse_tei
from sayso.corpus.importers.text import OwnedText, TextResult, parse_lines, says_its_labels_may_be_wrong
from sayso.corpus.importers.ttml import parse_ttml
from sayso.corpus.importers.vtt import parse_vtt
from sayso.corpus.importers.whisper import parse_whisper
from sayso.corpus.importers.xmlrecords import looks_like_xml, read_xml_records, xml_as_lines
from sayso.corpus.models import ParsedDocument, ParsedPassage

#: Characters of each head line that the title, date, kind and source URL are looked for in.
HEAD_LINE = 3000

#: File endings the folder import picks up.
SUPPORTED_SUFFIXES = (
    ".txt",
    ".md",
    ".markdown",
    ".vtt",
    ".srt",
    ".sbv",
    ".ttml",
    ".dfxp",
    ".ass",
    ".ssa",
    ".html",
    ".htm",
    ".php",
    ".text",
    ".xhtml",
    ".json",
    ".fountain",
    ".spmd",
    ".docx",
    ".csv",
    ".tsv",
    ".cha",
    ".eaf",
    ".rtf",
    ".mbox",
)

__all__ = ["SUPPORTED_SUFFIXES", "OwnedText", "decode_raw", "parse_bytes", "parse_decoded", "parse_path", "parse_text"]


def parse_path(path: Path, encoding: str | None = None, labels: str | None = None) -> ParsedDocument:
    """Read and parse one file (`encoding` overrides detection, `labels` states the speaker convention).

    Raises ImportRefused with one clear line.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise ImportRefused(f"{path}: is a folder, not a file") from None
    text, used, warnings = decode_raw(raw, path, encoding)
    del raw  # (the file's bytes are not needed while its text is parsed: the file's size less at the peak)
    owned = OwnedText(text)
    del text  # (nor its text once split into lines: see OwnedText)
    return parse_decoded(owned, used, warnings, path, labels)


def parse_bytes(
    raw: bytes,
    path: Path | str = "document.txt",
    encoding: str | None = None,
    labels: str | None = None,
) -> ParsedDocument:
    """Parse a file's bytes; `path` names it in messages and gives a fallback title."""
    path = Path(path)
    text, used, warnings = decode_raw(raw, path, encoding)
    return parse_decoded(text, used, warnings, path, labels)


def decode_raw(raw: bytes, path: Path, encoding: str | None) -> tuple[str, str, list[str]]:
    """A file's text, the encoding it was read in ("docx" or "rtf" for a Word or RTF file) and the decoding's
    warnings."""
    word = path.suffix.lower() == ".docx" or is_docx(raw)
    if word or is_rtf(raw):
        text, title, warnings = (*docx_to_text(raw, str(path)), []) if word else rtf_to_text(raw, str(path))
        if title:  # the document's own title, as front matter, so its first line stays a passage
            text = "---\ntitle: " + " ".join(title.split()) + "\n---\n" + text
        return text, "docx" if word else "rtf", warnings
    decoded = decode_bytes(raw, str(path), encoding)
    return decoded.text, decoded.encoding, decoded.warnings


def parse_decoded(
    text: str | OwnedText, used: str, warnings: list[str], path: Path, labels: str | None
) -> ParsedDocument:
    """Parse what `decode_raw` gave, so that a caller may let go of the bytes first (they are as big as the file)
    and, handing the text on as OwnedText, of the text too."""
    doc = parse_text(text, path, labels)
    doc.encoding = used
    doc.warnings = warnings + doc.warnings
    if not doc.passages:
        raise ImportRefused(f"{path}: no readable text found")
    return doc


def parse_text(text: str | OwnedText, path: Path | str = "document.txt", labels: str | None = None) -> ParsedDocument:
    """Parse already decoded text (newlines folded to "\\n"); `labels` is a --labels pattern (see grammar).

    Text given as OwnedText is let go of as soon as it has been read (see OwnedText).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    owned = OwnedText(drop_invisible(text.take() if isinstance(text, OwnedText) else text))
    del text
    fmt = detect_format(owned.text, suffix)
    if fmt == "text" and (suffix in (".ass", ".ssa") or looks_like_ass(owned.text[:200])):
        fmt = "ass"
    file_title = metadata.readable_file_title(path)
    if fmt == "text" and labels is None and looks_like_screenplay(owned.text, suffix):
        return parse_screenplay(owned.take(), file_title)  # (a --labels pattern reads a script as plain text)
    if fmt == "text" and labels is None and looks_like_chat(owned.text, suffix):
        fmt = "talkbank"
    if fmt in ("html", "text") and looks_like_eaf(owned.text[:3000], suffix):
        fmt = "elan"
    tei = parse_tei(owned.text, str(path)) if fmt in ("html", "text") and looks_like_tei(owned.text) else None
    if tei is not None:
        fmt = "tei"
    mails = (
        read_mbox(owned.text)
        if fmt == "text" and labels is None and owned.text[:5] in ("From ", "\ufeffFrom")
        else None
    )
    if mails is not None:
        fmt = "mbox"
    rows = (read_table(owned.text) or read_columns(owned.text)) if fmt == "text" and labels is None else None
    if rows is not None:
        fmt = "table"
    records = (
        read_xml_records(owned.text)
        if fmt in ("html", "text") and tei is None and labels is None and looks_like_xml(owned.text)
        else None
    )
    if records is not None:
        fmt = "xml"
    elif fmt in ("html", "text") and tei is None and looks_like_xml(owned.text) and (plain := xml_as_lines(owned.text)):
        # (XML of some other kind: its elements' words, each apart, read as any text is)
        owned, fmt = OwnedText(plain), "text"
    chat = read_chat(owned.text) if fmt == "html" and labels is None else None
    if chat is not None:
        fmt = "chat"
    if fmt in {"vtt", "srt", "sbv", "ttml", "ass", "json", "table", "chat", "talkbank", "elan", "tei", "xml", "mbox"}:
        text = owned.take()
        notes: list[str] = []
        notes_of_times: list[str] = []
        doubts: list[str] = []  # (what sayso doubts of the file's speakers, said and marked uncertain)
        tool_notes: list[str] = []
        if rows is not None:
            cues, title = rows, None
        elif chat is not None:
            # (each message a passage of its own, under its sender as the export names them: a message's words
            # are what was written, not cues to be read for labels, "<3" and "Note: bring water" as they stand)
            cues, title = [], chat[1]
        elif fmt == "vtt":
            cues, title, notes = parse_vtt(text)
        elif fmt == "json":
            cues, title, tool_notes, doubts = parse_whisper(text, str(path))
        elif fmt == "ass":
            cues, title = parse_ass(text)
        elif fmt == "talkbank":
            cues, title = parse_chat(text)
        elif fmt == "elan":
            cues, title = parse_eaf(text, str(path))
        elif tei is not None:
            cues, title = tei
        elif records is not None:
            cues, title = records
        elif mails is not None:
            cues, title = mails
        elif fmt == "ttml":
            cues, title, notes_of_times = parse_ttml(text, str(path))
        elif fmt == "sbv":
            cues, title = parse_sbv(text), None
        else:
            cues, title = parse_srt(text), None
        if fmt == "json":
            # (JSON spells such characters as escapes, so they are met only once its strings are read)
            for cue in cues:
                cue.text = drop_invisible(cue.text)
        if chat is not None:
            passages = [ParsedPassage(sender, said, when) for sender, when, said in chat[0]]
            speakers: dict[str, list[str]] = {p.speaker: [] for p in passages if p.speaker}
        else:
            passages, speakers = cues_to_passages(cues)
            merge_short_forms(passages, speakers)
        named = sum(1 for p in passages if p.speaker)
        if fmt == "json":
            # (Whisper's segments, or a meeting tool's utterances, whose speakers it names)
            described = "JSON segments" + (" with their speakers" if speakers else "")
        elif fmt == "table":
            described = "a table's rows, with a speaker column"
        elif fmt == "chat":
            described = "a chat export's messages, each with its sender"
        elif fmt == "talkbank":
            described = "a CHAT (TalkBank) transcript's utterances, each under its participant"
        elif fmt == "elan":
            described = "an ELAN file's annotations, each under its tier's participant"
        elif fmt == "tei":
            described = "a TEI document's utterances, each under the person it points at"
        elif fmt == "xml":
            described = "an XML export's records, each with its speaker"
        elif fmt == "mbox":
            described = "a mailbox's messages, each under its sender"
        else:
            described = "subtitle cues" + (" with voices or name tags" if speakers else ", no speakers named")
        convention = Convention(
            fmt if fmt in ("json", "table", "chat", "talkbank", "elan", "tei", "xml", "mbox") else "cues",
            described,
            named,
            1.0,
        )
        # Cues carry their own speakers; a speaker labels pattern is for text transcripts.
        ignored = (
            [f"a speaker labels pattern is for text transcripts; this {fmt} file was read by its cues"]
            if labels
            else []
        )
        ignored.extend(notes_of_times)
        if chat is not None:
            ignored.extend(chat[2])
        if (unnamed := unnamed_speakers(cues, passages)) is not None:
            ignored.append(unnamed)
            convention.doubt()
        elif speakers and (dashed := dashes_naming_no_one(cues)):
            ignored.append(
                f"{dashed} caption line{'s' if dashed > 1 else ''} open{'' if dashed > 1 else 's'} with a dash, the "
                "mark for another voice, after a line of the same caption that names its speaker, and name"
                f"{'' if dashed > 1 else 's'} no one: read as no one's"
            )
        for doubted in doubts:
            ignored.append(doubted)
            convention.doubt()
        if (masked := masked_senders(passages)) is not None:
            ignored.append(masked)
            convention.doubt()
        if speakers and (doubt := says_its_labels_may_be_wrong([*tool_notes, *notes])) is not None:
            # (a speech tool's own warning in its JSON: "speaker assignment may be unreliable"; a captioner's in a
            # WebVTT NOTE: "the panellists' voices could not be told apart")
            ignored.append(f"the file says its speaker labels may be wrong ({doubt!r}): read as they stand")
            convention.doubt()
        head = " ".join(notes) + "\n" + "\n".join(p.text for p in passages[:8])
        title = title or file_title or (metadata.first_words(passages[0].text) if passages else path.stem)
        kind = metadata.guess_kind(
            fmt=fmt,
            speakers=list(speakers),
            title=title,
            head=head,
            file_name=path.name,
            speaker_page=False,
            dialogue=bool(speakers),
        )
        return ParsedDocument(
            title=title,
            kind=kind,
            passages=passages,
            speakers=speakers,
            date=metadata.find_date(head),
            url=metadata.find_source_url(notes),
            convention=convention.to_dict(),
            warnings=ignored,
        )
    html_title = html_url = None
    if fmt == "html":
        plain, html_title, html_url = html_to_text(owned.take())
        # (entities such as &shy; are read only now)
        owned = OwnedText(drop_invisible(plain))
        del plain
        html_title = metadata.page_title(html_title)
    try:
        result = parse_lines(owned, labels=labels, title=html_title)
    except PatternError as exc:
        raise ImportRefused(str(exc)) from None
    if fmt == "html":
        # (a paragraph wholly in bold came out in Markdown's marks, for the bold questions' reader: elsewhere the
        # marks are none of the page's words)
        for p in result.passages:
            if p.text.startswith("**") and p.text.endswith("**") and len(p.text) > 4 and "**" not in p.text[2:-2]:
                p.text = p.text[2:-2]
    title = (
        html_title
        or result.title
        or _first_heading(result)
        or file_title
        or (metadata.first_words(result.passages[0].text) if result.passages else path.stem)
    )
    # (a line of a document converted from Word, "Riunione  di  coordinamento", or laid out in columns; an ideographic
    # space stays, as Japanese titles set it: "衆議院\u3000国土交通委員会")
    title = _SPACES.sub(" ", title).strip()
    # (what metadata reads of the head: a line's first few thousand characters; a one-line book's head is a book)
    head = "\n".join(line[:HEAD_LINE] for line in result.header)
    if result.passages:
        head = head + "\n" + "\n".join(p.text for p in result.passages[:6])[:3000]
    speakers = result.speakers
    kind = metadata.guess_kind(
        fmt=fmt,
        speakers=list(speakers),
        title=title,
        head=head,
        file_name=path.name,
        speaker_page=result.speaker_page,
        dialogue=result.dialogue,
    )
    front = result.front_matter
    return ParsedDocument(
        title=title,
        kind=front.get("kind") or kind,
        passages=result.passages,
        speakers=speakers,
        date=front.get("date") or metadata.find_date(head),
        url=front.get("url") or front.get("source") or html_url or metadata.find_source_url(result.header),
        warnings=result.warnings,
        host=front.get("host") or "; ".join(result.hosts) or None,
        convention=result.convention.to_dict() if result.convention else None,
        dropped=[s.to_dict() for s in result.stripped],
    )


_SPACES = re.compile(r"[ \t\u00a0]+")


def _first_heading(result: TextResult) -> str | None:
    """The first section heading a passage stands under, before anyone speaks (a heading between turns,
    "ORAL ARGUMENT OF ...", names a part of the document, not the document)."""
    for p in result.passages:
        if p.speaker is not None:
            return None
        if p.heading:
            return p.heading
    return None
