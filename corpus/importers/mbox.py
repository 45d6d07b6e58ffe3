"""E-mail threads saved as a mailbox (mbox: each message after a "From " line, then its headers, a blank line and
its body), as mail programs export a conversation and as records requests are answered: each message is its
sender's turn, the sender named as the "From:" header gives them, its time the "Date:".  The quoted copy of an
earlier message at a reply's foot ("> ..." under "On ..., Ada Park wrote:") is that message again, not the
replier's words: it stays, as no one's."""

from __future__ import annotations

import email
import email.policy
import email.utils
import html
import re
from email.message import EmailMessage

from sayso.corpus.importers.cues import Cue

#: An mbox's separator line: "From sender@example.org Wed, 8 Jan 2025 10:14:32 +0000" (the date in any form).
_SEPARATOR = re.compile(r"^From \S+ .*\d", re.M)
#: A header of a message, to be sure the separator opens one.
_FROM_HEADER = re.compile(r"^From:[ \t]*\S", re.M | re.I)


def looks_like_mbox(text: str) -> bool:
    """Whether `text` opens as a mailbox: a separator line first, a "From:" header among the lines after it, and
    a second message further on."""
    head = text.lstrip("\ufeff")[:2000]
    return (
        _SEPARATOR.match(head) is not None
        and _FROM_HEADER.search(head) is not None
        and len(_SEPARATOR.findall(text)) >= 2
    )


def _body(message: EmailMessage, raw: str) -> str:
    """A message's text: as the file gives it after the headers where it is not encoded (the file is read already,
    in its own encoding), else its plain part decoded (quoted-printable, base64); nothing for an attachment or an
    HTML part alone."""
    encoding = str(message.get("Content-Transfer-Encoding") or "").strip().casefold()
    if not message.is_multipart() and encoding in ("", "7bit", "8bit", "binary"):
        return raw.replace("\r\n", "\n").split("\n\n", 1)[1] if "\n\n" in raw.replace("\r\n", "\n") else ""
    message = email.message_from_bytes(raw.encode("utf-8", "surrogateescape"), policy=email.policy.default)
    part = message.get_body(preferencelist=("plain",)) if message.is_multipart() else message
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload or "")
    return content if isinstance(content, str) else ""


def _split_quote(body: str) -> tuple[str, str]:
    """(the reply's own words, the quoted earlier message with the line that introduces it): the quote starts at
    the first line opening with ">", taking the line before it that ends with a colon ("On ..., X wrote:")."""
    lines = body.split("\n")
    at = next((i for i, line in enumerate(lines) if line.startswith(">")), None)
    if at is None:
        return body.strip(), ""
    start = at
    while start > 0 and not lines[start - 1].strip():
        start -= 1
    if start > 0 and lines[start - 1].rstrip().endswith(":"):
        start -= 1
    return "\n".join(lines[:start]).strip(), "\n".join(lines[start:]).strip()


def read_mbox(text: str) -> tuple[list[Cue], str | None] | None:
    """The messages of a mailbox as cues, each under its sender, and the thread's subject; None where `text` is not
    one."""
    if not looks_like_mbox(text):
        return None
    starts = [m.start() for m in _SEPARATOR.finditer(text)]
    cues: list[Cue] = []
    subject = None
    first: float | None = None
    for a, b in zip(starts, [*starts[1:], len(text)], strict=True):
        raw = text[a:b].split("\n", 1)[1] if "\n" in text[a:b] else ""
        message = email.message_from_string(raw, policy=email.policy.default)
        if not isinstance(message, EmailMessage) or message.get("From") is None:
            continue
        name, address = email.utils.parseaddr(str(message.get("From")))
        who = " ".join((name or address).split()) or None
        subject = subject or (" ".join(str(message.get("Subject") or "").split()) or None)
        when = None
        if message.get("Date"):
            try:
                stamp = email.utils.parsedate_to_datetime(str(message.get("Date"))).timestamp()
            except (TypeError, ValueError, IndexError):
                stamp = None
            if stamp is not None:
                first = stamp if first is None else first
                when = max(0.0, stamp - first)
        own, quoted = _split_quote(_body(message, raw).replace("\r\n", "\n"))
        if own:
            cues.append(Cue(when, None, html.escape(own, quote=False), who))
        if quoted:
            cues.append(Cue(None, None, html.escape(quoted, quote=False), None, nobody=True))
    if sum(1 for cue in cues if cue.voice) < 2:
        return None
    return cues, subject
