"""A reproducible generator of English-like transcript passages, shared by the benchmarks.

    from bench.corpus_gen import generate_passages, write_corpus
    turns = generate_passages(1000, seed=1)          # [(speaker, text), ...]
    files = write_corpus(folder, 100_000, seed=1)    # labelled .txt transcripts

Turns are 20 to 150 words of sentences built from a Zipf-weighted vocabulary
(function words common, topic words rare, a few names and numbers), so word
frequencies, sentence lengths and passage sizes look like real panels and
interviews.  The same seed always gives the same corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

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
    "we",
    "for",
    "this",
    "on",
    "with",
    "as",
    "be",
    "are",
    "have",
    "was",
    "not",
    "but",
    "what",
    "they",
    "at",
    "so",
    "if",
    "can",
    "do",
    "there",
    "about",
    "all",
    "just",
    "one",
    "which",
    "like",
    "from",
    "or",
    "my",
    "an",
    "would",
    "more",
    "think",
    "our",
    "people",
    "by",
    "how",
    "when",
    "your",
    "will",
    "know",
    "very",
    "some",
    "because",
    "me",
    "really",
    "then",
    "no",
    "been",
    "were",
    "them",
    "could",
    "these",
    "has",
    "who",
    "also",
    "going",
    "those",
    "had",
    "than",
    "its",
    "into",
    "other",
    "where",
    "here",
    "even",
    "much",
    "now",
    "well",
    "only",
    "over",
    "most",
]

CONTENT_WORDS = [
    "time",
    "year",
    "world",
    "question",
    "thing",
    "way",
    "model",
    "data",
    "work",
    "problem",
    "system",
    "government",
    "company",
    "power",
    "country",
    "market",
    "policy",
    "research",
    "answer",
    "point",
    "future",
    "energy",
    "technology",
    "change",
    "money",
    "question",
    "decision",
    "history",
    "system",
    "risk",
    "value",
    "growth",
    "idea",
    "example",
    "language",
    "machine",
    "network",
    "science",
    "number",
    "school",
    "city",
    "health",
    "water",
    "climate",
    "security",
    "freedom",
    "trust",
    "evidence",
    "problem",
    "process",
    "society",
    "economy",
    "industry",
    "student",
    "teacher",
    "computer",
    "software",
    "hardware",
    "chip",
    "memory",
    "training",
    "safety",
    "law",
    "regulation",
    "competition",
    "open",
    "weights",
    "source",
    "community",
    "platform",
    "product",
    "customer",
    "engineer",
    "team",
    "building",
    "experiment",
    "result",
    "paper",
    "theory",
    "argument",
    "debate",
    "election",
    "vote",
    "campaign",
    "budget",
    "tax",
    "border",
    "trade",
    "war",
    "peace",
    "nation",
    "leader",
    "president",
    "minister",
    "parliament",
    "court",
    "judge",
    "rights",
    "privacy",
    "internet",
    "phone",
    "screen",
    "video",
    "podcast",
    "interview",
    "panel",
    "audience",
    "moment",
    "story",
    "book",
    "article",
    "word",
]

VERBS = [
    "say",
    "think",
    "make",
    "know",
    "see",
    "get",
    "take",
    "want",
    "look",
    "give",
    "use",
    "find",
    "tell",
    "ask",
    "work",
    "seem",
    "feel",
    "try",
    "leave",
    "call",
    "build",
    "train",
    "believe",
    "understand",
    "happen",
    "change",
    "grow",
    "move",
    "pay",
    "hear",
    "play",
    "run",
    "mean",
    "keep",
    "start",
    "show",
    "learn",
    "lead",
    "decide",
    "argue",
    "suggest",
    "explain",
    "agree",
    "disagree",
    "worry",
    "expect",
    "remember",
    "measure",
    "release",
]

ADJECTIVES = [
    "good",
    "new",
    "first",
    "last",
    "long",
    "great",
    "little",
    "own",
    "other",
    "old",
    "right",
    "big",
    "high",
    "different",
    "small",
    "large",
    "next",
    "early",
    "young",
    "important",
    "few",
    "public",
    "bad",
    "same",
    "able",
    "open",
    "closed",
    "real",
    "clear",
    "hard",
    "better",
    "best",
    "certain",
    "free",
    "human",
    "local",
    "national",
    "global",
    "whole",
    "serious",
    "fair",
    "simple",
    "safe",
    "dangerous",
    "powerful",
    "careful",
]

FILLERS = ("you know,", "I mean,", "actually,", "frankly,", "look,", "well,", "so,", "honestly,", "right,")

FIRST_NAMES = [
    "Nick",
    "Kai-Fu",
    "Yann",
    "Sam",
    "Demis",
    "Fei-Fei",
    "Andrew",
    "Timnit",
    "Geoffrey",
    "Yoshua",
    "Margaret",
    "Stuart",
    "Mustafa",
    "Daphne",
    "Ilya",
    "Emily",
    "Arthur",
    "Rana",
    "Joy",
    "Kate",
    "Marcus",
    "Priya",
    "Tom",
    "Lena",
    "Omar",
    "Grace",
    "Hiro",
    "Sofia",
    "Diego",
    "Amara",
]

LAST_NAMES = [
    "Thompson",
    "Lee",
    "LeCun",
    "Altman",
    "Hassabis",
    "Li",
    "Ng",
    "Gebru",
    "Hinton",
    "Bengio",
    "Mitchell",
    "Russell",
    "Suleyman",
    "Koller",
    "Sutskever",
    "Bender",
    "Mensch",
    "Kaliouby",
    "Buolamwini",
    "Crawford",
    "Rivera",
    "Shah",
    "Okafor",
    "Berg",
    "Haddad",
    "Nakamura",
]

TOPICS = (
    "open source AI",
    "energy policy",
    "climate finance",
    "chip export controls",
    "the future of work",
    "online privacy",
    "election security",
    "public health",
    "space exploration",
    "urban housing",
)


def _zipf_weights(n: int) -> list[float]:
    return [1.0 / (rank + 2) for rank in range(n)]


@dataclass
class _Vocabulary:
    words: list[str]
    weights: list[float]


def _vocabulary() -> _Vocabulary:
    words = FUNCTION_WORDS + CONTENT_WORDS + VERBS + ADJECTIVES
    weights = (
        [w * 6 for w in _zipf_weights(len(FUNCTION_WORDS))]
        + _zipf_weights(len(CONTENT_WORDS))
        + [w * 1.5 for w in _zipf_weights(len(VERBS))]
        + _zipf_weights(len(ADJECTIVES))
    )
    return _Vocabulary(words, weights)


_VOCAB = _vocabulary()


def speaker_names(count: int, seed: int = 0) -> list[str]:
    """`count` distinct full names (first + last), reproducible."""
    rng = random.Random(seed * 7919 + count)
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _sentence(rng: random.Random, pool: list[str]) -> str:
    length = rng.randint(5, 22)
    words = pool[-length:]
    del pool[-length:]
    if rng.random() < 0.15:
        words.insert(rng.randrange(1, len(words)), rng.choice(FILLERS))
    if rng.random() < 0.08:
        words.insert(rng.randrange(len(words)), str(rng.choice([2, 10, 50, 100, 2019, 2023, 2024, 40, 70])))
    if rng.random() < 0.1 and len(words) > 8:
        words[rng.randrange(3, len(words) - 2)] += ","
    text = " ".join(words)
    end = "." if rng.random() < 0.85 else rng.choice("?!")
    text = text.rstrip(",") + end
    text = text.replace(" i ", " I ")
    return text[0].upper() + text[1:]


def generate_turn(rng: random.Random, min_words: int = 20, max_words: int = 150) -> str:
    """One passage of `min_words`..`max_words` words (skewed towards shorter turns, like speech)."""
    target = int(min_words + (max_words - min_words) * (rng.random() ** 1.6))
    pool = rng.choices(_VOCAB.words, weights=_VOCAB.weights, k=target + 40)
    sentences: list[str] = []
    count = 0
    while count < target and len(pool) > 25:
        sentence = _sentence(rng, pool)
        words = sentence.count(" ") + 1
        if count + words > max_words:
            if count >= min_words:
                break
            sentence = " ".join(sentence.split()[: max_words - count]).rstrip(",") + "."
            words = max_words - count
        sentences.append(sentence)
        count += words
    return " ".join(sentences)


def generate_passages(n: int, seed: int = 0, speakers: int = 24) -> list[tuple[str, str]]:
    """`n` turns as (speaker, text): a few speakers per conversation, alternating like a panel."""
    rng = random.Random(seed)
    names = speaker_names(speakers, seed)
    out: list[tuple[str, str]] = []
    while len(out) < n:
        cast = rng.sample(names, rng.randint(2, min(6, len(names))))
        for _ in range(min(rng.randint(150, 450), n - len(out))):
            out.append((rng.choice(cast), generate_turn(rng)))
    return out


def write_corpus(
    folder: Path, n: int, seed: int = 0, per_document: tuple[int, int] = (150, 450), speakers: int = 24
) -> list[Path]:
    """Write `n` passages as labelled transcripts (`Name: words` paragraphs) into `folder`; returns the files.

    Each file is one conversation of a few hundred turns among 2-6 speakers,
    with a title line, as a user would bring from a transcription service.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    names = speaker_names(speakers, seed)
    files: list[Path] = []
    written = 0
    number = 0
    while written < n:
        number += 1
        size = min(rng.randint(*per_document), n - written)
        cast = rng.sample(names, rng.randint(2, min(6, len(names))))
        topic = rng.choice(TOPICS)
        lines = [f"Panel {number} on {topic}", "", "Transcript:", ""]
        for _ in range(size):
            lines.append(f"{rng.choice(cast)}: {generate_turn(rng)}")
            lines.append("")
        path = folder / f"panel-{number:05d}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        files.append(path)
        written += size
    return files


if __name__ == "__main__":
    for speaker, text in generate_passages(3, seed=1):
        print(f"{speaker}: {text}\n")
