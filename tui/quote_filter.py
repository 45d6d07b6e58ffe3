"""The quote filter typed in the Quotes pane and the export dialog.

    open data  tag:climate  speaker:"Ada Lovelace"  doc:panel  #policy  is:review

Words left over are a typo-tolerant text filter (QuoteBook.list(text=...)).
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass


@dataclass(frozen=True)
class QuoteFilter:
    """Keyword arguments for QuoteBook.list, parsed from one line."""

    text: str = ""
    tag: str | None = None
    speaker: str | None = None
    doc: str | None = None
    status: str | None = None

    def list_kwargs(self) -> dict[str, str | None]:
        return {
            "text": self.text or None,
            "tag": self.tag,
            "speaker": self.speaker,
            "doc": self.doc,
            "status": self.status,
        }

    @property
    def empty(self) -> bool:
        return not (self.text or self.tag or self.speaker or self.doc or self.status)


def parse_filter(line: str) -> QuoteFilter:
    """Split `tag:`, `#tag`, `speaker:`, `doc:` and `is:review` out of `line`; the rest is text."""
    try:
        words = shlex.split(line)
    except ValueError:  # an unclosed quote while typing
        words = line.replace('"', " ").replace("'", " ").split()
    fields: dict[str, str] = {}
    rest: list[str] = []
    for word in words:
        key, sep, value = word.partition(":")
        key = key.casefold()
        if sep and value and key in ("tag", "speaker", "doc", "is", "status"):
            fields["status" if key in ("is", "status") else key] = value
        elif word.startswith("#") and len(word) > 1:
            fields["tag"] = word[1:]
        else:
            rest.append(word)
    return QuoteFilter(
        text=" ".join(rest),
        tag=fields.get("tag"),
        speaker=fields.get("speaker"),
        doc=fields.get("doc"),
        status=fields.get("status"),
    )
