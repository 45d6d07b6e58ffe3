"""Word documents (.docx): paragraphs to text, with bold or Strong-styled labels marked as labels.

Transcripts written in Word usually set each speaker's name in bold at the
start of the paragraph ("**Ada Park:** Hello" as it looks on the page), or
alone in bold on its own paragraph.  The text keeps every word; a leading
bold run becomes `**Name:**` so the label families read it as the bold form
of an inline label.  Tables stand where they stand among the paragraphs, read as doctables says (a transcript
laid out as a table becomes labelled lines).  The title comes from the document's properties when set.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from sayso.corpus.errors import ImportRefused
from sayso.corpus.importers.doctables import table_lines

#: A leading bold run longer than this is emphasis, not a name.
_LABEL_CHARS = 60


def is_docx(raw: bytes) -> bool:
    """A zip archive holding a Word document's body."""
    if not raw.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def docx_to_text(raw: bytes, name: str) -> tuple[str, str | None]:
    """The document's paragraphs as text (blank line between them) and its title property."""
    import docx  # python-docx: imported only when a .docx is read

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # noqa: BLE001  python-docx raises many kinds for a damaged file
        raise ImportRefused(f"{name}: a Word document that cannot be read ({type(exc).__name__})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():  # (paragraphs and tables in the document's order)
        if isinstance(block, docx.table.Table):
            for line in table_lines([_row_cells(row) for row in block.rows]):
                lines += [line, ""]
        else:
            lines += [_paragraph_text(block), ""]
    title = (document.core_properties.title or "").strip() or None
    return "\n".join(lines), title


def _row_cells(row: object) -> list[str]:
    """A row's cells' text, each cell once: python-docx gives a cell merged across columns once a column
    (the same cell), which is one cell of the row; cells that only read alike are each kept ("For | For")."""
    seen: set[int] = set()
    cells = []
    for cell in getattr(row, "cells", []):
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append("\n".join(" ".join(line.split()) for line in cell.text.split("\n")).strip())
    return cells


def _strong(run: object) -> bool:
    style = getattr(getattr(run, "style", None), "name", "") or ""
    return bool(getattr(run, "bold", False)) or style in {"Strong", "Speaker"}


def _paragraph_text(paragraph: object) -> str:
    runs = [(r.text, _strong(r)) for r in getattr(paragraph, "runs", []) if r.text]
    return labelled_paragraph(runs) if runs else getattr(paragraph, "text", "")


def labelled_paragraph(runs: Sequence[tuple[str, bool]]) -> str:
    """A paragraph's text from its runs (text, set in bold), a leading bold run written as a label.

    "**Name:** words" where the run or the words after it start with a colon, "**Name** words" where a
    bold name is simply followed by words that do not go on in small letters as a sentence would, and "**Name:**" for a bold line ending in a colon alone
    (a label above its words); any other bold line alone is a heading and stays as it is.
    """
    text = "".join(t for t, _ in runs)
    lead = ""
    k = 0
    while k < len(runs) and runs[k][1]:
        lead += runs[k][0]
        k += 1
    label = lead.strip().rstrip(":：").strip()
    if not label or len(label) > _LABEL_CHARS:
        return text
    rest = "".join(t for t, _ in runs[k:])
    colon = lead.rstrip().endswith((":", "：")) or rest.lstrip().startswith((":", "："))
    rest = rest.lstrip(" :：\t")
    if not rest:  # a bold line alone: a label above the words only when it ends in a colon, else a heading
        return f"**{label}:**" if colon else text
    if not colon and (rest[:1].islower() or any(c.isdigit() for c in label)):
        # (a sentence about someone, their name in bold: "**Jenny Osei** joins us as Tenancy Officer"; a diary's
        # "**Day 2** Broadway to Stanton": a heading run in)
        return text
    return f"**{label}:** {rest}" if colon else f"**{label}** {rest}"
