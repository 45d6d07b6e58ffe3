"""Which parser a file needs, judged from its content first and its name second."""

from __future__ import annotations

import json
import re

from sayso.corpus.importers.srt import SBV_TIMING
from sayso.corpus.importers.ttml import looks_like_ttml

_SRT_TIMING = re.compile(r"^\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}", re.M)
#: (Teams writes "0:0:4.10 --> 0:0:5.800": single digits and fewer decimals)
_VTT_TIMING = re.compile(
    r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{1,2}\.\d{1,3}\s*-->\s*(?:\d{1,2}:)?\d{1,2}:\d{1,2}\.\d{1,3}", re.M
)
_HTML_TAG = re.compile(
    r"<(?:p|br|div|span|strong|b|i|em|a|li|ul|ol|h[1-6]|font|table|tr|td|body|html|head|article|section|blockquote)\b[^>]*>",
    re.I,
)
_CLOSING = re.compile(
    r"</(?:p|div|span|strong|b|i|em|a|li|ul|ol|h[1-6]|font|table|tr|td|body|html)\s*>|<br\s*/?>", re.I
)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")


_JSON_START = re.compile(r'^(?:\{\s*"|\[\s*[\[{"])')


def _parses_as_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


_LEADING_SPACE = re.compile("[\ufeff \t\n]*")


def detect_format(text: str, suffix: str = "") -> str:
    """One of "vtt", "srt", "sbv", "ttml", "html", "json", "text"."""
    lead = _LEADING_SPACE.match(text)
    start = lead.end() if lead else 0
    head = text[start : start + 4000]  # (sliced, not lstripped: lstrip copied the whole text)
    if suffix == ".json" or (_JSON_START.match(head) and _parses_as_json(text)):
        return "json"  # a Whisper transcript, or JSON sayso refuses in one line (see whisper)
    if head.startswith("WEBVTT"):
        return "vtt"
    # (both kinds of cue timing have an arrow: most text has none, and is not read for them)
    arrows = "-->" in text[:20000]
    cues = len(_SRT_TIMING.findall(text[:20000])) if arrows else 0
    if cues >= 1 and re.match(r"^\s*\d+\s*\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->", head):
        return "srt"
    if cues >= 2 and "," in (_SRT_TIMING.search(text) or [""])[0]:
        return "srt"
    if (
        len(SBV_TIMING.findall(text[:20000])) >= (1 if suffix == ".sbv" else 2)
        and (first := SBV_TIMING.match(head)) is not None
        and (words := head[first.end() :].lstrip("\n").split("\n", 1)[0].strip())
        and not SBV_TIMING.match(words)
    ):
        return "sbv"  # (YouTube's captions: "0:00:05.500,0:00:12.000" over each caption's lines; not a list of times)
    vtt_cues = len(_VTT_TIMING.findall(text[:20000])) if arrows else 0
    if vtt_cues >= 2:
        return "vtt" if suffix != ".srt" else "srt"
    if looks_like_ttml(head):
        return "ttml"
    low = head.lower()
    if low.startswith(("<!doctype html", "<html", "<?xml")) and "<" in low:
        return "html"
    sample = text[:50000]
    tags = len(_HTML_TAG.findall(sample))
    lines = max(1, sample.count("\n"))
    html_name = suffix in {".html", ".htm", ".php", ".xhtml"}
    # Outside an .html file, opening tags alone ("<A> hi", "<B> hello" as speaker marks) are not HTML:
    # real markup closes its elements or breaks lines.
    if tags >= 3 and (html_name or (tags >= lines * 0.2 and _CLOSING.search(sample))):
        return "html"
    if tags >= 1 and suffix in {".html", ".htm", ".php", ".xhtml"} and _ENTITY.search(sample):
        return "html"
    return "text"
