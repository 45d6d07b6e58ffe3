"""Markdown export: each quote a blockquote with who, where, the note, tags and a formatted citation.

Every quote sits between markers carrying its id:

    <!-- sayso:quote 3f2a9c -->
    ...
    <!-- /sayso:quote -->

so `merge(existing, fresh)` can update those quotes in place when the user
exports into the same file again, leaving their own writing outside the
markers untouched.

Each quote is cited once, in the form chosen (`CITE_FORMS`): `text` (the
default) writes the citation the style formats (a note style's note, else the
reference-list entry, its URL a `<https://...>` link), so the file reads on
its own; `pandoc` writes only the key of the quote's item, `[@sayso-doc-speaker]`,
for `pandoc --citeproc --bibliography quotes.json` to cite in any style.
Fields the style prints but sayso lacks are named on a line of their own.

Text from documents and notes is escaped so it reads as the same words and
cannot become a link, an image, HTML, a heading, a list or a pandoc citation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sayso.corpus.errors import SaysoError
from sayso.corpus.export.cite import ITALIC_OFF, ITALIC_ON
from sayso.corpus.export.entries import Entry
from sayso.corpus.safety import visible

#: How a quote is cited: the formatted citation (`text`) or a pandoc citation key (`pandoc`).
CITE_FORMS = ("text", "pandoc")
DEFAULT_CITE = "text"

OPEN_MARKER = "<!-- sayso:quote {id} -->"
CLOSE_MARKER = "<!-- /sayso:quote -->"
HEADER = (
    "# Quotes\n\n"
    "<!-- Exported by sayso. Blocks between sayso:quote markers are replaced when you export into this file "
    "again; write your own text outside them. -->\n"
)
WARNING_SIGN = "\u26a0"

_OPEN_RE = re.compile(r"^<!-- sayso:quote (\S+) -->\s*$")
_CLOSE_RE = re.compile(r"^<!-- /sayso:quote -->\s*$")

# Characters with a meaning in CommonMark, GitHub Markdown or pandoc's Markdown inline syntax, wherever they are.
# Parentheses are not among them: they mean something only after a link's `]`, which is escaped there.
# `{` starts attributes (`word{.class}`, `*a*{#id}`) in pandoc's commonmark_x and Markdown's bracketed spans.
_SPECIAL = re.compile(r"[\\`*_<>!#|~&$@^{]|(?P<bracket>[\[\]])")
# Square brackets are escaped only where a Markdown reader could take them as syntax: a `]` that closes an inline
# link or image `](`, a reference link `][ref]` (or `] [ref]`, pandoc's spaced references), a link reference
# definition `]:`, a pandoc span `]{.class}` or an Obsidian wikilink `]]`, or that ends a text put inside a line
# (what follows it there is not known; text that begins lines ends one); a `[` next to another bracket
# (`[[wikilink`, `][`), first on a line (a definition, a task, an Obsidian callout `[!note]`), or opening a pandoc
# citation or footnote (`[see @key]`, `[^1]`; their `@` and `^` are escaped as well).  A lone `[Broadcast]` is left
# as it is: it is a link only where the file defines that label, and no definition can come from exported text.
# In a link's own text (`escape(link_text=True)`) every bracket is escaped.
_CLOSE_AS_SYNTAX = re.compile(r"\](?:[(\[\]{:]|\s+\[)")
_OPEN_AS_SYNTAX = re.compile(r"\[(?:[\[\]]|[^\[\]]*[@^])")
# Bare addresses that GitHub and pandoc would turn into links.
_AUTOLINK = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*):(//)|\b(www)\.")
# What makes a line a heading, list item, rule or definition when it starts one.
_LINE_START = re.compile(r"^(\s*)([-+=:]|\d+(?=[.)]))")


def escape(text: str, *, line_starts: bool = True, link_text: bool = False) -> str:
    """`text` as literal Markdown: control characters made visible, syntax characters backslash-escaped.

    With `line_starts` (text that begins lines of the file) a leading `-`,
    `+`, `=`, `:`, `[` or `1.` is escaped too, so it cannot start a list, heading or definition.
    With `link_text` (the text of a link, `[text](…)`) every square bracket is escaped.
    """

    def escaped(m: re.Match[str]) -> str:
        if m["bracket"] and not link_text and not _syntax_bracket(m, line_starts):
            return m[0]
        return "\\" + m[0]

    safe = _SPECIAL.sub(escaped, visible(text))
    safe = _AUTOLINK.sub(lambda m: f"{m.group(1)}\\:{m.group(2)}" if m.group(1) else f"{m.group(3)}\\.", safe)
    if not line_starts:
        return safe
    return "\n".join(_escape_line_start(line) for line in safe.split("\n"))


def _syntax_bracket(m: re.Match[str], line_starts: bool) -> bool:
    """Whether the bracket `m` found could be read as Markdown syntax where it is (see `_CLOSE_AS_SYNTAX`)."""
    text, at = m.string, m.start()
    if m[0] == "]":
        return _CLOSE_AS_SYNTAX.match(text, at) is not None or (not line_starts and m.end() == len(text))
    line_start = text.rfind("\n", 0, at) + 1
    if (line_starts or line_start > 0) and not text[line_start:at].strip(" \t"):
        return True
    return _OPEN_AS_SYNTAX.match(text, at) is not None or (at > 0 and text[at - 1] in "[]")


def _escape_line_start(line: str) -> str:
    m = _LINE_START.match(line)
    if not m:
        return line
    lead, mark = m.groups()
    if mark.isdigit():
        # "1." or "1)" would start an ordered list: escape the punctuation after the number.
        end = m.end()
        return line[:end] + "\\" + line[end:]
    return f"{lead}\\{line[len(lead) :]}"


def _inline(text: str) -> str:
    """A one-line field (speaker, title, tag): newlines and tabs folded into spaces, then escaped."""
    return escape(" ".join(visible(text, keep_newlines=False).split()), line_starts=False)


def marker_id(quote_id: str) -> str:
    """The quote id as it appears in a marker (anything but [A-Za-z0-9._:-] replaced)."""
    return re.sub(r"[^A-Za-z0-9._:-]", "_", quote_id) or "_"


def cite_form(cite: str | None) -> str:
    """The citation form the user typed (`CITE_FORMS`); SaysoError for another."""
    key = (cite or DEFAULT_CITE).strip().casefold()
    if key not in CITE_FORMS:
        raise SaysoError(f"unknown citation form {cite!r}; choose one of: {', '.join(CITE_FORMS)}")
    return key


#: A URL that can be a Markdown autolink as it is: http(s), nothing that ends or breaks one.
_LINKABLE = re.compile(r"https?://[^\s<>`\\\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)


def cited(text: str, url: str | None = None, italics: Sequence[tuple[str, int]] = ()) -> str:
    """A formatted citation on one line as literal Markdown, with the item's `url` in it an autolink (`<https://…>`)
    and the runs its style sets in italics (`italics`, in order: a title) emphasised."""
    flat = " ".join(visible(text, keep_newlines=False).split())
    link = (url or "").strip()
    linked = bool(link) and _LINKABLE.fullmatch(link) is not None and link in flat
    flat = _mark_italics(flat, italics, link if linked else "")
    if not linked:
        return _emphasised(escape(flat, line_starts=False))
    return f"<{link}>".join(_emphasised(escape(part, line_starts=False)) for part in flat.split(link))


#: Where a run in italics starts and ends while a citation is escaped: characters that are not Markdown syntax and
#: that no citation holds (citeproc-py's own italic marks; `cite._Marked` keeps them out of the data).
_EM_ON, _EM_OFF = ITALIC_ON, ITALIC_OFF


def _mark_italics(flat: str, italics: Sequence[tuple[str, int]], link: str) -> str:
    """`flat` with each run of `italics` (its words, and how many times they occur before it) found in it, in
    order, between the two marks; a run not found there (or holding the link) is left plain.  The marks' own
    characters in `flat` (from a document's fields) are dropped first: only the style's italics are emphasised."""
    flat = flat.replace(_EM_ON, "").replace(_EM_OFF, "")
    pieces: list[str] = []
    at = 0
    for run, before in italics:
        run = run.strip()
        found = flat.find(run) if run else -1
        for _ in range(before):
            found = flat.find(run, found + 1) if found >= 0 else -1
        if found < at or (link and link in run):
            continue
        pieces += [flat[at:found], _EM_ON, run, _EM_OFF]
        at = found + len(run)
    return "".join(pieces) + flat[at:]


def _emphasised(escaped: str) -> str:
    """Escaped Markdown with the italic marks made emphasis (`*…*`); marks that do not pair up (a run the link
    cut through) are dropped, so no stray asterisk is left."""
    paired = re.fullmatch(
        f"[^{_EM_ON}{_EM_OFF}]*(?:{_EM_ON}[^{_EM_ON}{_EM_OFF}]+{_EM_OFF}[^{_EM_ON}{_EM_OFF}]*)*", escaped
    )
    if paired is None:
        return escaped.replace(_EM_ON, "").replace(_EM_OFF, "")
    return escaped.replace(_EM_ON, "*").replace(_EM_OFF, "*")


def render_entry(entry: Entry, cite: str = DEFAULT_CITE) -> str:
    """One quote's block, markers included, cited in the form `cite` (`CITE_FORMS`)."""
    q = entry.quote
    lines = [OPEN_MARKER.format(id=marker_id(q.id)), ""]
    for line in escape(q.exact).split("\n"):
        lines.append(f"> {line}" if line.strip() else ">")
    lines.append(">")
    where = []
    if entry.speaker:
        where.append(f"**{_inline(entry.speaker)}**" + (f" ({_inline(entry.about)})" if entry.about else ""))
    if entry.document is not None:
        where.append(f"*{_inline(entry.document.title)}*")
    if entry.locator:
        where.append(escape(entry.locator, line_starts=False))
    lines.append("> \u2014 " + (", ".join(where) if where else "unattributed"))
    lines.append("")
    details = []
    if entry.problem:
        details.append(
            f"{WARNING_SIGN} **{escape(entry.problem, line_starts=False)}**: check these words against the document before using them"
        )
    if entry.edited:
        details.append(f"{escape(entry.edited.capitalize(), line_starts=False)}: [brackets] mark the words replaced")
    if q.note.strip():
        note_lines = escape(q.note.strip()).split("\n")
        details.append("Note: " + "\n  ".join(note_lines))
    if q.tags:
        details.append("Tags: " + ", ".join(_inline(t) for t in q.tags))
    if entry.document is None:
        details.append("Citation: none (the document is no longer in the library)")
    elif cite_form(cite) == "pandoc" and entry.key:
        details.append(f"Citation: [@{entry.key}]")
    elif entry.citation:
        details.append(f"Citation: {cited(entry.citation, (entry.item or {}).get('URL'), entry.italics)}")
    else:
        details.append(
            f"Citation: none ({escape(entry.cite_error or 'the style cites nothing for it', line_starts=False)})"
        )
    if entry.moment_link:
        details.append(f"Recording: <{entry.moment_link}>")
    if entry.gaps:
        them = "it" if len(entry.gaps) == 1 else "them"
        details.append(
            f"Citation lacks: {', '.join(entry.gaps)} (the style would print {them}; sayso has none and invents none)"
        )
    lines.extend(f"- {d}" for d in details)
    lines.extend(["", CLOSE_MARKER])
    return "\n".join(lines)


def render(entries: Sequence[Entry], cite: str = DEFAULT_CITE) -> str:
    """A fresh Markdown file for these quotes, each cited in the form `cite` (`CITE_FORMS`)."""
    form = cite_form(cite)
    blocks = [render_entry(e, form) for e in entries]
    return HEADER + "\n" + "\n\n".join(blocks) + ("\n" if blocks else "")


def split_blocks(text: str) -> list[tuple[str | None, str]]:
    """`text` cut into (quote id, block) and (None, the user's own text) pieces, in order.

    Raises SaysoError when a start marker has no end marker, rather than
    guessing where the user's text begins.
    """
    pieces: list[tuple[str | None, str]] = []
    lines = text.splitlines(keepends=True)
    own: list[str] = []
    i = 0
    while i < len(lines):
        m = _OPEN_RE.match(lines[i])
        if not m:
            if _CLOSE_RE.match(lines[i]):
                raise SaysoError(f"line {i + 1}: a sayso:quote end marker without its start marker")
            own.append(lines[i])
            i += 1
            continue
        end = i + 1
        while end < len(lines) and not _CLOSE_RE.match(lines[end]):
            if _OPEN_RE.match(lines[end]):
                break
            end += 1
        if end >= len(lines) or not _CLOSE_RE.match(lines[end]):
            raise SaysoError(f"line {i + 1}: sayso:quote {m.group(1)} has no end marker (<!-- /sayso:quote -->)")
        if own:
            pieces.append((None, "".join(own)))
            own = []
        block = "".join(lines[i : end + 1])
        pieces.append((m.group(1), block))
        i = end + 1
    if own:
        pieces.append((None, "".join(own)))
    return pieces


def merge(existing: str, fresh: str) -> str:
    """`existing` with the quote blocks of `fresh` replacing the blocks of the same ids.

    Quotes new to the file are appended at its end; blocks of quotes not in
    this export (another filter, or since deleted) and all text outside the
    markers stay exactly as they were.
    """
    if not existing.strip():
        return fresh
    fresh_blocks: dict[str, str] = {}
    for quote_id, block in split_blocks(fresh):
        if quote_id is not None:
            fresh_blocks[quote_id] = block.rstrip("\n")
    out: list[str] = []
    used: set[str] = set()
    for quote_id, piece in split_blocks(existing):
        if quote_id is not None and quote_id in fresh_blocks:
            newline = "\n" if piece.endswith(("\n", "\r")) else ""
            out.append(fresh_blocks[quote_id] + newline)
            used.add(quote_id)
        else:
            out.append(piece)
    merged = "".join(out)
    added = [block for quote_id, block in fresh_blocks.items() if quote_id not in used]
    if added:
        merged = merged.rstrip("\n") + "\n\n" + "\n\n".join(added) + "\n"
    return merged
