"""Text from documents is untrusted: make control characters visible before it reaches a terminal or an export."""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls except tab and newline, DEL, C1 controls, the bidi marks, overrides and isolates
# (U+061C, U+200E/F, U+202A-E, U+2066-9), and the Unicode line/paragraph separators.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_UNSAFE_INLINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _picture(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ␁ ... ␛ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """`text` with every control, DEL, C1 and bidi-override character replaced by a visible stand-in."""
    pattern = _UNSAFE if keep_newlines else _UNSAFE_INLINE
    return pattern.sub(lambda m: _picture(m.group()), text)


def has_control(text: str) -> bool:
    """Whether `text` holds a character `visible` would replace (newlines and tabs allowed)."""
    return _UNSAFE.search(text) is not None


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def safe_json(data: Any, **kwargs: Any) -> str:
    """JSON that round-trips exactly but carries no raw control byte (C1, DEL and bidi escaped too)."""
    text = json.dumps(data, ensure_ascii=False, **kwargs)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
