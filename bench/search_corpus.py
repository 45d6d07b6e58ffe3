"""Generated English-like corpora and typo'd queries for the search benchmark.

The text is not real English but behaves like it where search cares: a
Zipf-distributed vocabulary (the common function words of English at the top,
then ~80,000 pronounceable made-up words, short ones more frequent), sentences
with capitals and punctuation, passages of 20-150 words, speakers with first
and last names.  Everything is derived from the seed, so every engine and
baseline sees the same corpus and queries.
"""

from __future__ import annotations

import operator
import random
from dataclasses import dataclass

import numpy as np

FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "is",
    "it",
    "you",
    "i",
    "was",
    "for",
    "on",
    "are",
    "with",
    "as",
    "he",
    "be",
    "at",
    "by",
    "this",
    "have",
    "from",
    "or",
    "one",
    "had",
    "not",
    "but",
    "what",
    "all",
    "were",
    "we",
    "when",
    "your",
    "can",
    "said",
    "there",
    "use",
    "an",
    "each",
    "which",
    "she",
    "do",
    "how",
    "their",
    "if",
    "will",
    "up",
    "other",
    "about",
    "out",
    "many",
    "then",
    "them",
    "these",
    "so",
    "some",
    "her",
    "would",
    "make",
    "like",
    "him",
    "into",
    "time",
    "has",
    "look",
    "two",
    "more",
    "write",
    "go",
    "see",
    "number",
    "no",
    "way",
    "could",
    "people",
    "my",
    "than",
    "first",
    "been",
    "call",
    "who",
    "its",
    "now",
    "find",
    "long",
    "down",
    "day",
    "did",
    "get",
    "come",
    "made",
    "may",
    "part",
    "over",
    "new",
    "after",
    "also",
    "just",
    "only",
    "because",
    "very",
    "know",
    "think",
    "really",
    "going",
    "well",
    "right",
    "don't",
    "it's",
    "that's",
    "i'm",
    "we're",
    "they're",
    "there's",
    "can't",
    "yeah",
    "okay",
    "so",
    "actually",
    "mean",
    "lot",
    "thing",
    "things",
]

FIRST_NAMES = [
    "Ada",
    "Alan",
    "Amara",
    "Andrew",
    "Aidan",
    "Bea",
    "Ben",
    "Carla",
    "Chen",
    "Daphne",
    "Dmitri",
    "Elena",
    "Emeka",
    "Farah",
    "Grace",
    "Hiro",
    "Ines",
    "Jamal",
    "Julia",
    "Kai",
    "Kenji",
    "Lars",
    "Leila",
    "Maya",
    "Marco",
    "Nadia",
    "Nick",
    "Omar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sam",
    "Sofia",
    "Tariq",
    "Uma",
    "Viktor",
    "Wen",
    "Yann",
    "Yusuf",
    "Zoe",
]
LAST_NAMES = [
    "Abebe",
    "Alvarez",
    "Brennan",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fujita",
    "Gomez",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lee",
    "LeCun",
    "Moreau",
    "Nakamura",
    "Ng",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rahman",
    "Schmidt",
    "Thompson",
    "Koller",
    "Ueda",
    "Vasquez",
    "Walsh",
    "Xu",
    "Yilmaz",
    "Zhang",
]

_ONSETS = (
    "",
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "w",
    "z",
    "br",
    "cr",
    "dr",
    "fr",
    "gr",
    "pr",
    "tr",
    "st",
    "sp",
    "ch",
    "sh",
    "th",
    "pl",
    "cl",
    "bl",
    "gl",
    "sl",
    "qu",
)
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "ee", "oo", "y", "a", "e", "i", "o")
_CODAS = ("", "", "", "n", "r", "s", "t", "l", "m", "nd", "nt", "st", "ck", "ng", "rd", "ss", "ll")
_SUFFIXES = ("", "", "", "", "ing", "ed", "s", "tion", "ly", "er", "ment", "ness", "able", "ism", "ity")


@dataclass
class GeneratedPassage:
    """One generated passage: its document number, speaker and text."""

    doc: int
    index: int
    speaker: str
    text: str


def lexicon(size: int, seed: int) -> list[str]:
    """Function words, then `size` made-up words roughly ordered short (frequent) to long (rare)."""
    rng = random.Random(seed)
    words: dict[str, None] = dict.fromkeys(FUNCTION_WORDS)
    made: dict[str, None] = {}
    while len(made) < size:
        syllables = rng.choices((1, 2, 3, 4), weights=(3, 5, 3, 1))[0]
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables))
        word += rng.choice(_SUFFIXES)
        if 2 <= len(word) <= 16 and word not in words:
            made[word] = None
    ordered = sorted(made, key=lambda w: len(w) + rng.random() * 6)
    return list(words) + ordered


def generate_passages(n: int, seed: int = 1, passages_per_doc: int = 100) -> list[GeneratedPassage]:
    """`n` passages of 20-150 words in documents of `passages_per_doc`, deterministic for a seed."""
    rng = np.random.default_rng(seed)
    words = lexicon(80_000, seed)
    ranks = np.arange(len(words), dtype=np.float64)
    weights = 1.0 / np.power(ranks + 2.7, 1.07)
    weights /= weights.sum()
    speakers = [f"{a} {b}" for a in FIRST_NAMES for b in LAST_NAMES]
    order = np.random.default_rng(seed + 1).permutation(len(speakers))
    speakers = [speakers[i] for i in order[:300]]
    lengths = rng.integers(20, 151, size=n)
    all_ids = rng.choice(len(words), size=int(lengths.sum()), p=weights)
    sentence_breaks = rng.integers(5, 26, size=int(lengths.sum()) // 5 + 10)
    comma_flags = rng.random(int(lengths.sum())) < 0.06
    passages: list[GeneratedPassage] = []
    at = 0
    sb = 0
    doc_speakers: list[str] = []
    for i in range(n):
        length = int(lengths[i])
        ids = all_ids[at : at + length]
        got = operator.itemgetter(*ids.tolist())(words) if length > 1 else (words[int(ids[0])],)
        tokens = list(got)
        # Sentences: capital first letters, commas now and then, a full stop or question mark.
        pos = 0
        while pos < length:
            end = min(length, pos + int(sentence_breaks[sb % len(sentence_breaks)]))
            sb += 1
            tokens[pos] = tokens[pos][:1].upper() + tokens[pos][1:]
            tokens[end - 1] = tokens[end - 1] + ("?" if (sb % 7) == 0 else ".")
            pos = end
        for j in np.flatnonzero(comma_flags[at : at + length - 1]).tolist():
            if not tokens[j].endswith((".", "?", ",")):
                tokens[j] += ","
        if rng.random() < 0.05:
            tokens[int(rng.integers(0, length))] = speakers[int(rng.integers(0, len(speakers)))]
        at += length
        doc = i // passages_per_doc
        if i % passages_per_doc == 0:
            doc_speakers = [speakers[int(k)] for k in rng.integers(0, len(speakers), size=4)]
        passages.append(
            GeneratedPassage(doc, i % passages_per_doc, doc_speakers[i % 3 if i % 5 else 3], " ".join(tokens))
        )
    return passages


def typo(word: str, rng: random.Random) -> str:
    """`word` with one random insertion, deletion, substitution or transposition."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    i = rng.randrange(len(word))
    op = rng.choice(("insert", "delete", "substitute", "transpose"))
    if op == "insert":
        return word[:i] + rng.choice(letters) + word[i:]
    if op == "delete":
        return word[:i] + word[i + 1 :]
    if op == "substitute":
        choices = [c for c in letters if c != word[i]]
        return word[:i] + rng.choice(choices) + word[i + 1 :]
    if i == len(word) - 1:
        i -= 1
    if word[i] == word[i + 1]:
        return word[:i] + rng.choice(letters) + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def make_queries(passages: list[GeneratedPassage], count: int, seed: int = 7) -> list[dict[str, object]]:
    """Queries of 2-4 consecutive content words from random passages: clean, and with one typo per word of 4+ letters.

    Content words are the passage's words of 3+ letters outside the most common
    English function words (what people type when they look for something).
    """
    rng = random.Random(seed)
    stop = set(FUNCTION_WORDS)
    queries: list[dict[str, object]] = []
    while len(queries) < count:
        slot = rng.randrange(len(passages))
        raw = [w.strip(".,?").lower() for w in passages[slot].text.split()]
        content = [w for w in raw if len(w) >= 3 and w not in stop and w.isalpha()]
        size = rng.randint(2, 4)
        if len(content) < size:
            continue
        start = rng.randrange(len(content) - size + 1)
        words = content[start : start + size]
        typed = [typo(w, rng) if len(w) >= 4 else w for w in words]
        queries.append({"slot": slot, "clean": " ".join(words), "typo": " ".join(typed)})
    return queries
