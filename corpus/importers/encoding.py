"""Bytes to text: encodings, byte-order marks, line endings, and refusing what is not text."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import charset_normalizer

from sayso.corpus.errors import ImportRefused

#: Every line-ending style folds to "\n" so CRLF, CR, mixed and U+2028 files give the same passages.
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x0c|\x0b|\x85")
_BREAK_MARKS = ("\r", "\u2028", "\u2029", "\x0c", "\x0b", "\x85")

# Control characters that are rare in text files (tab, newline, CR, FF, VT and ESC are allowed).
_BINARY_CONTROLS = set(range(9)) | {14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31, 127}
_BINARY_CONTROL_BYTES = bytes(sorted(_BINARY_CONTROLS))

#: Terminal escape sequences (CSI, OSC ended by BEL or ST, two-byte escapes): text copied from a terminal
#: holds them, binary data does not, so their bytes never count as binary.
_ESCAPE_SEQUENCE = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)|\x1b[ -~]")

#: Share of stray control bytes above which valid UTF-8 is still data, not text.
_UTF8_CONTROL_SHARE = 0.25

_MAGIC = (
    (b"%PDF", "a PDF"),
    (b"PK\x03\x04", "a zip archive (not a Word document)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"RIFF", "a RIFF audio/video file"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)


@dataclass
class Decoded:
    """Text of a file with its line endings folded, and what decoding it took."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def normalise_newlines(text: str) -> str:
    """Fold CRLF, CR, U+2028/U+2029, form feed and NEL to "\\n"."""
    # (most text has none of them: looking for each is much quicker than the pattern's pass over the whole text)
    if not any(mark in text for mark in _BREAK_MARKS):
        return text
    return _LINE_BREAKS.sub("\n", text)


def _looks_binary(raw: bytes) -> bool:
    """Whether the start of `raw` is data rather than text that happens to hold control characters.

    NUL bytes mean data.  Escape sequences are text.  Other control bytes are tolerated in valid
    UTF-8 up to a quarter of the sample; in other bytes (which nothing decodes exactly) above 1%.
    """
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    stray = _ESCAPE_SEQUENCE.sub(b"", sample)
    bad = len(stray) - len(stray.translate(None, _BINARY_CONTROL_BYTES))  # (the bytes that are such controls)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return bad > max(2, len(stray) // 100)
    return bad > max(2, len(stray) * _UTF8_CONTROL_SHARE)


def decode_bytes(raw: bytes, name: str = "file", encoding: str | None = None) -> Decoded:
    """Decode a file's bytes, or raise ImportRefused with one clear line.

    UTF-8 (with or without BOM) and UTF-16/32 with BOM are read exactly; other
    bytes are read in the encoding charset-normalizer detects (Windows-1251,
    Shift-JIS...; cp1252 when it cannot tell), flagged, and bytes nothing can
    decode are replaced with U+FFFD (flagged).  `encoding` (any Python codec name) reads
    the file in that encoding instead, without the binary guess.
    """
    if not raw.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportRefused(f"{name}: file is empty")
    warnings: list[str] = []
    if encoding:
        return _decode_as(raw, name, encoding)
    if raw.startswith(b"\xef\xbb\xbf"):
        text, encoding = raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text, encoding = raw.decode("utf-32", errors="replace"), "utf-32"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if raw.startswith(b"\xff\xfe") else "utf-16-be"
        body = raw[2:]
        if len(body) % 2:
            body = body[:-1]
            warnings.append("odd number of bytes in a UTF-16 file; the last byte was dropped")
        text = body.decode(encoding, errors="replace")
        encoding = "utf-16"
    else:
        for label, kind in _MAGIC:
            if raw.startswith(label):
                raise ImportRefused(f"{name}: this is {kind}, not a transcript")
        if _looks_binary(raw):
            raise ImportRefused(f"{name}: looks like a binary file, not a transcript")
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            guess = detect_encoding(raw)
            try:
                text, encoding = raw.decode(guess), guess
                shown = "Windows-1252 (cp1252)" if guess == "cp1252" else guess
                warnings.append(
                    f"not valid UTF-8; read as {shown}, detected from the bytes: check accented letters "
                    "and other scripts, or state the file's encoding"
                )
            except (UnicodeDecodeError, LookupError):
                text, encoding = raw.decode("utf-8", errors="replace"), "utf-8"
                warnings.append("some bytes could not be decoded and were replaced with \ufffd")
    if "\ufffd" in text and not any("replaced" in w for w in warnings) and "\ufffd".encode() not in raw:
        warnings.append("some bytes could not be decoded and were replaced with \ufffd")
    if "\x00" in text:
        if text.count("\x00") > max(2, len(text) // 100):
            raise ImportRefused(f"{name}: looks like a binary file, not a transcript")
        text = text.replace("\x00", "")
    text = normalise_newlines(text).lstrip("\ufeff")
    if not text.strip():
        raise ImportRefused(f"{name}: file is empty")
    return Decoded(text=text, encoding=encoding, warnings=warnings)


#: Single-byte Latin code pages that short Western European text cannot tell apart; Windows-1252,
#: by far the most common of them, is read when it fits as well as the detector's first choice.
_LATIN_PAGES = {
    "cp1250",
    "cp1252",
    "cp1254",
    "cp1257",
    "latin_1",
    "iso8859_2",
    "iso8859_3",
    "iso8859_4",
    "iso8859_9",
    "iso8859_10",
    "iso8859_13",
    "iso8859_14",
    "iso8859_15",
    "iso8859_16",
    "mac_latin2",
    "mac_roman",
}


def detect_encoding(raw: bytes) -> str:
    """The encoding of bytes that are not UTF-8, as charset-normalizer judges it (cp1252 when it cannot tell).

    A guess counts when its reading is recognisably a language or free of mess (charset-normalizer's
    coherence and chaos; CJK text scores no coherence).
    """
    matches = charset_normalizer.from_bytes(raw[:400_000])
    best = matches.best()
    if best is None or (best.coherence < 0.1 and best.chaos > 0.02):
        return "cp1252"  # no language recognised in any reading (a few stray bytes): the old default
    if best.encoding in _LATIN_PAGES and any(m.encoding == "cp1252" for m in matches):
        return "cp1252"
    return str(best.encoding)


def _decode_as(raw: bytes, name: str, encoding: str) -> Decoded:
    """Decode with the encoding the user named; undecodable bytes become U+FFFD (flagged)."""
    try:
        codec = codecs.lookup(encoding)
        text = raw.decode(codec.name, errors="replace")
    except (LookupError, ValueError):
        raise ImportRefused(f"{name}: unknown encoding {encoding!r}") from None
    warnings = []
    if "\ufffd" in text and "\ufffd" not in raw.decode(codec.name, errors="ignore"):
        warnings.append(f"some bytes are not valid {codec.name} and were replaced with \ufffd")
    text = normalise_newlines(text.replace("\x00", "")).lstrip("\ufeff")
    if not text.strip():
        raise ImportRefused(f"{name}: file is empty")
    return Decoded(text=text, encoding=codec.name, warnings=warnings)
