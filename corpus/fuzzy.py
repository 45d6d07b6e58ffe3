"""Small rapidfuzz helpers for anchoring quotes (corpus.anchoring stays free of rapidfuzz).

corpus/search.py owns rapidfuzz for searching; this module holds the few
character-level helpers that re-anchoring needs: best approximate alignment of
a needle in a haystack, a similarity ratio, and a position map between an old
and a new version of a string.
"""

from __future__ import annotations

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein


def similarity(a: str, b: str) -> float:
    """Normalised Indel similarity of two strings, 0.0 (nothing shared) to 1.0 (equal)."""
    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def partial_similarity(needle: str, haystack: str) -> float:
    """How well `needle` matches the best same-length part of `haystack` (0.0 to 1.0)."""
    if not needle:
        return 1.0
    if not haystack:
        return 0.0
    return fuzz.partial_ratio(needle, haystack) / 100.0


def align(needle: str, haystack: str, cutoff: float = 0.0) -> tuple[float, int, int] | None:
    """Best approximate place of `needle` in `haystack`: (score 0..1, start, end) or None.

    The span covers about `len(needle)` characters of `haystack`; callers refine
    its edges.  `haystack` must be at least as long as `needle` (rapidfuzz swaps
    the roles otherwise), so a shorter haystack returns None.
    """
    if not needle or len(haystack) < len(needle):
        return None
    found = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=cutoff * 100.0)
    if found is None:
        return None
    return found.score / 100.0, found.dest_start, found.dest_end


def map_positions(old: str, new: str, positions: list[int]) -> list[int]:
    """Where each character position of `old` lands in `new`, by a minimal edit script.

    A position inside an unchanged run moves with it; one inside a replaced run
    lands proportionally inside the replacement; one inside a deleted run lands
    where the deletion happened.  `len(old)` maps to the end of the last aligned run.
    """
    blocks = list(Levenshtein.opcodes(old, new))
    result: list[int] = []
    for pos in positions:
        mapped = len(new)
        for op in blocks:
            if op.src_start <= pos < op.src_end:
                if op.tag == "equal":
                    mapped = op.dest_start + (pos - op.src_start)
                elif op.tag == "replace":
                    span_old = op.src_end - op.src_start
                    span_new = op.dest_end - op.dest_start
                    mapped = op.dest_start + min(span_new, (pos - op.src_start) * span_new // max(span_old, 1))
                else:  # delete
                    mapped = op.dest_start
                break
            if pos == len(old) and op.src_end == pos and op.tag != "insert":
                mapped = op.dest_end
        result.append(mapped)
    return result
