"""ELAN annotation files (`.eaf`): the Max Planck Institute's annotator, which linguists and oral historians
transcribe recordings in.

An EAF file is XML: a list of time slots (`<TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1200"/>`, milliseconds),
then tiers, each a layer of annotations (`<TIER TIER_ID="INT" PARTICIPANT="Kovács Eszter">`).  A speaker's
tier holds their utterances, each aligned to two time slots; a tier under another (`PARENT_REF`) annotates its
parent's annotations (a translation, a gloss) and is the corpus's analysis, not words said, so it is left out.

Each utterance of a top-level tier is a cue under the tier's participant; where no tier names a participant, the
tier's id is the speaker (ELAN's users name tiers after speakers).  A tier without a participant beside tiers
that have one holds notes (laughter, a dog barking): no one's words.  The cues are put in the order of their
times, a tier's order breaking ties.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from sayso.corpus.errors import ImportRefused
from sayso.corpus.importers.cues import Cue
from sayso.corpus.importers.names import is_name_like

#: What may stand before an XML document's root: a declaration, comments, processing instructions, space.
XML_PROLOGUE = re.compile(r"\A\ufeff?\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*", re.S)


#: Tiers that translate, gloss or annotate the words, by their name or their type, in a few languages.
_ANALYSIS = re.compile(r"transl|gloss|übersetz|traduc|tradu[zç]|fordítás|перевод|morph|\bpos\b", re.I)
#: Tiers of notes: comments, noises, events.
_NOTES = re.compile(r"comment|\bcmt\b|note|nois|event|sound|non-?verbal|megjegyz|kommentar|anmerk|nota", re.I)


def looks_like_eaf(head: str, suffix: str = "") -> bool:
    """Whether a file's first characters open an ELAN annotation document: its root element first (not a sample
    of one quoted in notes)."""
    prologue = XML_PROLOGUE.match(head[:3000])
    return head.startswith("<ANNOTATION_DOCUMENT", prologue.end() if prologue else 0)


def parse_eaf(text: str, name: str) -> tuple[list[Cue], str | None]:
    """The utterances of an ELAN file as cues under their speakers (see the module), and no title (an EAF file
    has none); `name`, the file's, is for a refusal."""
    try:
        root = ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError as exc:
        raise ImportRefused(f"{name}: an ELAN file (.eaf) that is not well-formed XML ({exc})") from None
    times: dict[str, float] = {}
    for slot in root.iter("TIME_SLOT"):
        value = slot.get("TIME_VALUE")
        if value is not None and value.strip().lstrip("-").isdigit():
            times[slot.get("TIME_SLOT_ID", "")] = int(value) / 1000.0
    tiers = [
        tier
        for tier in root.iter("TIER")
        if not tier.get("PARENT_REF")
        # (a translation or a gloss on a tier of its own, not under its speaker's: the corpus's, not said)
        and not _ANALYSIS.search(f"{tier.get('TIER_ID') or ''} {tier.get('LINGUISTIC_TYPE_REF') or ''}")
    ]
    named = any((tier.get("PARTICIPANT") or "").strip() for tier in tiers)
    found: list[tuple[float, int, int, Cue]] = []
    for order, tier in enumerate(tiers):
        participant = (tier.get("PARTICIPANT") or "").strip()
        tier_id = (tier.get("TIER_ID") or "").strip()
        # (beside tiers that name their participant, one that does not is notes, unless its name is a person's)
        own = tier_id if tier_id and (not named or (is_name_like(tier_id) and not _NOTES.search(tier_id))) else None
        who = participant or own
        for k, annotation in enumerate(tier.iter("ALIGNABLE_ANNOTATION")):
            value = annotation.findtext("ANNOTATION_VALUE") or ""
            said = " ".join(value.split())
            if not said:
                continue
            start = times.get(annotation.get("TIME_SLOT_REF1", ""))
            end = times.get(annotation.get("TIME_SLOT_REF2", ""))
            # (a cue's words are read as markup: "<3" and "&" stay as written)
            cue = Cue(start, end, html.escape(said, quote=False), who, nobody=who is None)
            found.append((start if start is not None else float("inf"), order, k, cue))
    if not found:
        raise ImportRefused(f"{name}: an ELAN file (.eaf) with no annotations on its speakers' tiers")
    found.sort(key=lambda item: item[:3])
    return [cue for *_, cue in found], None
