"""Libraries the command line's and the app's tests both read."""

from __future__ import annotations

from sayso.corpus.library import Library
from sayso.corpus.models import ParsedDocument, ParsedPassage

#: The title the House's and the Senate's Congressional Records of one day share.
SHARED_TITLE = "Congressional Record, Volume 151 Issue 99 (Wednesday, July 20, 2005)"


def import_records_of_one_title(library: Library) -> None:
    """Two documents of one title (crec-house.htm, crec-senate.htm) and one of its own (other.htm)."""
    for source in ("crec-house.htm", "crec-senate.htm"):
        library.import_parsed(
            ParsedDocument(title=SHARED_TITLE, kind="hearing", passages=[ParsedPassage("Mr. Warner", "I rise.")]),
            source=f"/records/{source}",
        )
    library.import_parsed(
        ParsedDocument(title="Another record", kind="hearing", passages=[ParsedPassage("Mr. Levin", "I agree.")]),
        source="/records/other.htm",
    )
