"""Approximate string matching: the one module that imports rapidfuzz.

Search (typo-tolerant words, facet values), anchoring (finding a quote's words
again in changed text), quote filters and the app's tag picker all match
approximately through these few functions, so the dependency has one owner.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import OSA

#: Optimal-string-alignment distance (an adjacent transposition is one edit):
#: `osa_distance(a, b, score_cutoff=k)` is at most k + 1 when the strings are further apart.
#: Bound directly (no wrapper) because search calls it in its innermost loop.
osa_distance = OSA.distance


def fuzzy_choices(query: str, choices: list[str], limit: int = 5, cutoff: float = 60) -> list[int]:
    """Indexes of the `choices` that best match `query` (typo-tolerant), best first."""
    found = process.extract(query, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff)
    return [index for _, _, index in found]


def closest_word(query: str, words: list[str], cutoff: float = 0.6) -> int | None:
    """Index of the word in `words` fewest edits from `query` relative to its length (a swap of two
    neighbouring letters is one edit), or None when none is at least `cutoff` alike (0.0 to 1.0)."""
    found = process.extractOne(query, words, scorer=OSA.normalized_similarity, score_cutoff=cutoff)
    return None if found is None else int(found[2])


def holding_closest_word(query: str, word_lists: list[list[str]], min_length: int = 3) -> list[int]:
    """Indexes of the `word_lists` (each a name's words, say) that hold the word closest to `query` (see
    `closest_word`; words shorter than `min_length` left out): every name with that word, not the first found,
    so a misspelt "kenedy" is each Kennedy."""
    words = [w for ws in word_lists for w in ws if len(w) >= min_length]
    closest = closest_word(query, words)
    if closest is None:
        return []
    return [i for i, ws in enumerate(word_lists) if words[closest] in ws]


def similarity(a: str, b: str) -> float:
    """Normalised Indel similarity of two strings, 0.0 (nothing shared) to 1.0 (equal)."""
    if not a and not b:
        return 1.0
    return float(fuzz.ratio(a, b)) / 100.0


def partial_similarity(needle: str, haystack: str) -> float:
    """How well `needle` matches the best same-length part of `haystack` (0.0 to 1.0)."""
    if not needle:
        return 1.0
    if not haystack:
        return 0.0
    return float(fuzz.partial_ratio(needle, haystack)) / 100.0


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
    return float(found.score) / 100.0, found.dest_start, found.dest_end


def ranked_choices(query: str, choices: list[str], limit: int = 5, cutoff: float = 60) -> list[int]:
    """Indexes of the `choices` that best match `query`, ignoring case and punctuation, best first.

    For names made of words and hyphens (citation style ids and titles, locale codes):
    "modern langauge association" finds `modern-language-association`.
    """
    found = process.extract(
        query, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit, score_cutoff=cutoff
    )
    return [index for _, _, index in found]


def similar_words(word: str, vocabulary: list[str], cutoff: float = 0.75) -> dict[int, float]:
    """The words of `vocabulary` alike to `word` despite a typo or two: {index: similarity 0..1}, at least `cutoff`."""
    found = process.extract(word, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff * 100.0, limit=None)
    return {index: float(score) / 100.0 for _, score, index in found}
