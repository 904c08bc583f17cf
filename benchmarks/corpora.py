"""Deterministic synthetic corpora for the throughput benchmark (SPEC §11).

Two files, built from seeded random draws over the words of ``corpus/clean`` (30 languages
of real-looking headlines) so that nearly every line is new while the vocabulary is real:

- **mostly ASCII**: headline-like lines, ~90% plain ASCII; the rest accented Latin,
  stylised (Mathematical Alphanumeric bold/italic/sans-serif bold words) and mojibake
  (accented lines garbled as UTF-8 read through cp1252, C1 controls kept).
- **non-ASCII**: every line holds non-ASCII text: accented Latin, Cyrillic, Greek, CJK, and
  some mojibake of the first two.

The same arguments always give the same bytes; files are cached in ``benchmarks/data/``
(git-ignored) under a name that carries the generator version and the size.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

from normtext.repair.simulate import garble

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
CLEAN = HERE.parent / "corpus" / "clean"
GENERATOR_VERSION = 1
MB = 1_000_000

ACCENTED_LATIN = ("cs", "de", "es", "fr", "hu", "pl", "pt", "ro", "tr", "vi", "is", "da")
CYRILLIC = ("ru", "uk", "bg", "sr")
GREEK = ("el",)
CJK = ("zh", "ja", "ko")
ASCII_SOURCES = ("en", "fr", "de", "es", "pt", "da")

# Mathematical Alphanumeric Symbols: offset of capital A in each style used for "stylised".
STYLES = {
    "bold": 0x1D400,
    "italic": 0x1D434,
    "sans-serif bold": 0x1D5D4,
    "sans-serif italic": 0x1D608,
}
ITALIC_HOLES = {"h": "\u210e"}  # the italic small h lives in Letterlike Symbols

Line = Callable[[random.Random], str]


def _words(language: str) -> list[str]:
    """The words (CJK: runs of two to four characters) of one clean-corpus file."""
    text = (CLEAN / f"{language}.txt").read_text("utf-8")
    if language in ("zh", "ja"):
        chunks: list[str] = []
        for line in text.splitlines():
            chunks.extend(line[i : i + 3] for i in range(0, len(line), 3))
        return [c for c in chunks if c.strip()]
    return text.split()


class Vocabulary:
    """Word pools per language, read once."""

    def __init__(self) -> None:
        languages = {*ACCENTED_LATIN, *CYRILLIC, *GREEK, *CJK, *ASCII_SOURCES}
        self.words = {lang: _words(lang) for lang in sorted(languages)}
        self.ascii_words = sorted(
            {w for lang in ASCII_SOURCES for w in self.words[lang] if w.isascii() and w.isalnum()}
        )
        self.accented = {
            lang: [w for w in self.words[lang] if not w.isascii()] for lang in ACCENTED_LATIN
        }

    def headline(self, rng: random.Random, language: str) -> str:
        """A line of 6–14 words of ``language`` (CJK: 8–20 character runs, no spaces)."""
        words = self.words[language]
        if language in ("zh", "ja"):
            return "".join(rng.choice(words) for _ in range(rng.randint(8, 20)))
        return " ".join(rng.choice(words) for _ in range(rng.randint(6, 14)))

    def ascii_headline(self, rng: random.Random) -> str:
        words = [rng.choice(self.ascii_words) for _ in range(rng.randint(6, 14))]
        words[0] = words[0].capitalize()
        if rng.random() < 0.2:
            words.insert(rng.randint(1, len(words) - 1), str(rng.randint(2, 2030)))
        line = " ".join(words)
        return line + ":" if rng.random() < 0.05 else line

    def accented_headline(self, rng: random.Random, languages: tuple[str, ...]) -> str:
        """A headline of one accented-Latin language with at least one non-ASCII word."""
        language = rng.choice(languages)
        line = self.headline(rng, language)
        if line.isascii():
            line += " " + rng.choice(self.accented[language])
        return line


def stylise(word: str, style: str) -> str:
    """``word`` with its ASCII letters written in a Mathematical Alphanumeric style."""
    base = STYLES[style]
    out = []
    for char in word:
        if style == "italic" and char in ITALIC_HOLES:
            out.append(ITALIC_HOLES[char])
        elif "A" <= char <= "Z":
            out.append(chr(base + ord(char) - ord("A")))
        elif "a" <= char <= "z":
            out.append(chr(base + 26 + ord(char) - ord("a")))
        else:
            out.append(char)
    return "".join(out)


def _stylised_line(vocabulary: Vocabulary, rng: random.Random) -> str:
    words = vocabulary.ascii_headline(rng).split(" ")
    style = rng.choice(sorted(STYLES))
    count = rng.randint(1, 3)
    return " ".join(stylise(w, style) if i < count else w for i, w in enumerate(words))


def mostly_ascii_line(vocabulary: Vocabulary, rng: random.Random) -> str:
    """One line of the mostly-ASCII corpus: 90% ASCII, 4% accented, 3% stylised, 3% mojibake."""
    draw = rng.random()
    if draw < 0.90:
        return vocabulary.ascii_headline(rng)
    if draw < 0.94:
        return vocabulary.accented_headline(rng, ACCENTED_LATIN)
    if draw < 0.97:
        return _stylised_line(vocabulary, rng)
    return garble(vocabulary.accented_headline(rng, ACCENTED_LATIN), "cp1252", "c1")


def non_ascii_line(vocabulary: Vocabulary, rng: random.Random) -> str:
    """One line of the all-non-ASCII corpus: Latin, Cyrillic, Greek, CJK, 10% mojibake."""
    draw = rng.random()
    if draw < 0.30:
        return vocabulary.accented_headline(rng, ACCENTED_LATIN)
    if draw < 0.50:
        return vocabulary.headline(rng, rng.choice(CYRILLIC))
    if draw < 0.65:
        return vocabulary.headline(rng, rng.choice(GREEK))
    if draw < 0.90:
        return vocabulary.headline(rng, rng.choice(CJK))
    if draw < 0.95:
        return garble(vocabulary.accented_headline(rng, ACCENTED_LATIN), "cp1252", "c1")
    return garble(vocabulary.headline(rng, rng.choice(CYRILLIC)), "cp1252", "c1")


def write_corpus(path: Path, size: int, make_line: Callable[..., str], seed: int) -> Path:
    """Write lines from ``make_line`` until ``size`` bytes; cached when ``path`` exists."""
    if path.exists() and path.stat().st_size >= size:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    vocabulary = Vocabulary()
    rng = random.Random(seed)
    partial = path.with_suffix(".partial")
    written = 0
    with partial.open("wb") as stream:
        while written < size:
            block = "".join(make_line(vocabulary, rng) + "\n" for _ in range(2000)).encode()
            stream.write(block)
            written += len(block)
    partial.replace(path)
    return path


def mostly_ascii_corpus(size_mb: float) -> Path:
    """The mostly-ASCII headline corpus of about ``size_mb`` MB."""
    name = f"mostly-ascii-v{GENERATOR_VERSION}-{size_mb:g}mb.txt"
    return write_corpus(DATA / name, int(size_mb * MB), mostly_ascii_line, seed=5)


def non_ascii_corpus(size_mb: float) -> Path:
    """The all-non-ASCII corpus of about ``size_mb`` MB."""
    name = f"non-ascii-v{GENERATOR_VERSION}-{size_mb:g}mb.txt"
    return write_corpus(DATA / name, int(size_mb * MB), non_ascii_line, seed=11)


def repeated(source: Path, times: int) -> Path:
    """``source`` concatenated ``times`` times (the large-input memory check)."""
    path = source.with_name(f"{source.stem}-x{times}.txt")
    if path.exists() and path.stat().st_size == source.stat().st_size * times:
        return path
    partial = path.with_suffix(".partial")
    data = source.read_bytes()
    with partial.open("wb") as stream:
        for _ in range(times):
            stream.write(data)
    partial.replace(path)
    return path


def jsonl_corpus(source: Path) -> Path:
    """``source`` as JSON Lines: each line the ``title`` of a record with an id and a URL."""
    path = source.with_name(f"{source.stem}.jsonl")
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    with source.open(encoding="utf-8", newline="\n") as lines, partial.open("wb") as stream:
        for number, line in enumerate(lines, 1):
            record = {
                "id": number,
                "title": line.rstrip("\n"),
                "url": f"https://example.org/{number}",
            }
            stream.write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
    partial.replace(path)
    return path
