"""A document's speaker convention as the importers record it, and how front ends describe it.

Reading a recorded convention needs none of the importers (see corpus.importers.grammar, which infers
it): listing documents or opening the app loads this, not them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Descriptions shown to the user, by family.
DESCRIPTIONS = {
    "inline": "label then text on the same line (Name: text)",
    "record": "record style: label ending in a full stop (Mr. SMITH. text)",
    "bracket": "label in brackets ([Name] text)",
    "alone": "label alone on its line, then text",
    "separated": "label, then a mark, then text (Name — text)",
    "qa": "question and answer markers (Q:/A:)",
    "title": "one speaker, whom the title names (a speech, a talk)",
    "pattern": "the speaker labels pattern given for it",
    "none": "no speaker labels",
    "unknown": "lines look labelled but no convention fits",
}


@dataclass
class Convention:
    """The labelling convention applied to a document, and how sure the importer is of it."""

    shape: str
    description: str
    turns: int = 0
    confidence: float = 1.0
    pattern: str | None = None
    #: lines in the conversation read as labels but not taken as speakers (their words go to the one before)
    unread: list[str] = field(default_factory=list)
    #: a warning says some turns may have gone to the wrong person (see DOUBTED): the labels were read as
    #: written, and stating them otherwise would not help
    doubted: bool = False

    def doubt(self) -> None:
        """Lower the confidence to DOUBTED, as a warning that some turns may be the wrong person's does."""
        self.confidence = min(self.confidence, DOUBTED)
        self.doubted = True

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "shape": self.shape,
            "description": self.description,
            "turns": self.turns,
            "confidence": round(self.confidence, 2),
        }
        if self.pattern:
            out["pattern"] = self.pattern
        if self.doubted:
            out["doubted"] = True
        return out


#: Below this confidence a document's speakers are called uncertain.
UNCERTAIN = 0.5

#: The confidence a warning leaves where it says some turns may be given to the wrong person (one label for
#: several people, labels stopping inside a turn): below UNCERTAIN, so the document is marked for the user.
DOUBTED = 0.4


def confidence_of(convention: dict[str, object]) -> float:
    value = convention.get("confidence", 0)
    if not isinstance(value, (int, float, str)):
        return 0.0
    try:
        return float(value)
    except ValueError:
        return 0.0


def is_uncertain(convention: dict[str, object] | None) -> bool:
    """Whether a document's recorded convention is too unsure to trust its speakers."""
    return convention is not None and convention.get("shape") != "none" and confidence_of(convention) < UNCERTAIN


def describe(convention: dict[str, object] | None, remedy: str = "") -> str:
    """One line for people: how a document's speakers were found, and how sure sayso is.

    `remedy` is the front end's way of stating the convention ("state it with --labels" on the command
    line), added where sayso is unsure: the library names no command."""
    if not convention:
        return "speakers: not recorded (imported by an earlier sayso; import it again to see)"
    if convention.get("shape") == "none":
        return "speakers: none labelled"
    if convention.get("shape") == "unknown":
        return f"speakers: uncertain, {convention.get('description')}" + (f"; {remedy}" if remedy else "")
    if not convention.get("turns") and not is_uncertain(convention):
        return f"speakers: none named ({convention.get('description')})"
    line = (
        f"speakers: {convention.get('description')}, {convention.get('turns')} turns, "
        f"confidence {confidence_of(convention):.0%}"
    )
    if is_uncertain(convention) and convention.get("doubted"):
        line += " (uncertain: some turns may be the wrong person's, see the import's warnings)"
    elif is_uncertain(convention):
        line += f" (uncertain: {remedy})" if remedy else " (uncertain)"
    return line
