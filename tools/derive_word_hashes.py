"""Build ``normtext/repair/_words.bin``: keys of real words that hold a non-ASCII letter.

When a lost byte leaves several characters possible and letter-pair counts cannot decide
(Russian ``рус?кий``: с or я), the word that one of them spells may be a known word
(``русский``) while the others are not. The file holds a 40-bit key (CRC-32 and 8 bits
of Adler-32, ``normtext.repair.context.word_key``) of every word with a non-ASCII letter
(or a German "ss", see :data:`SHARP_S_LANGUAGES`) among the top :data:`TOP_WORDS` words
of each language's list (the lists of ``tools/derive_letter_frequency.py``:
``wordfreq``'s, and the Thai National Corpus), sorted: first the 32-bit parts as
unsigned little-endian integers, looked up by binary search, then the 8-bit parts, in
the same order. 40 bits for about 1.5 million words give a false match about once in
750,000 lookups, so that a word can be searched with thousands of fillings (32 bits would
give one in 2,900).

After those, one byte per word, in the same order, gives how frequent the word is:
ten times its Zipf value (``log10`` of its frequency per billion words), the highest of
any list that holds it, at least 1. Where two known words fit (Hebrew ``?מנים``: אמנים
or ממנים), a word ten times as frequent as the other is taken.

Usage::

    pip install wordfreq pythainlp
    python tools/derive_word_hashes.py           # write the file
    python tools/derive_word_hashes.py --check   # exit 1 if the committed file is stale
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from committed_file import write_or_check
from derive_letter_frequency import (
    THAI_NATIONAL_CORPUS,
    resolve_languages,
    tenths_of_zipf,
    thai_words,
    top_words,
)

from normtext.repair.context import word_key

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "normtext" / "repair" / "_words.bin"
TOP_WORDS = 100_000
# The lists are case-folded, which writes German "ß" as "ss" ("schliesst"): in these
# languages a word with "ss" is kept too, and a word with "ß" is looked up folded.
SHARP_S_LANGUAGES = frozenset({"de"})


def word_frequencies() -> dict[tuple[int, int], int]:
    """The key of each chosen word, with ten times its highest Zipf value."""
    lists, skipped = resolve_languages()
    if skipped:
        print(f"no word list of their own, skipped: {', '.join(skipped)}", file=sys.stderr)
    frequencies: dict[tuple[int, int], int] = {}
    for code in sorted(lists):
        # (wordfreq gives each word's share of all words; the Thai corpus gives counts.)
        total = sum(n for _word, n in thai_words()) if code == THAI_NATIONAL_CORPUS else 1.0
        for word, frequency in top_words(code, TOP_WORDS):
            sharp_s = code in SHARP_S_LANGUAGES and "ss" in word
            if sharp_s or any(c.isalpha() and not c.isascii() for c in word):
                key = word_key(word)
                zipf = tenths_of_zipf(frequency / total)
                frequencies[key] = max(frequencies.get(key, 1), min(zipf, 255))
    return frequencies


def _build() -> tuple[bytes, str]:
    frequencies = word_frequencies()
    keys = sorted(frequencies)
    highs = array("I", (high for high, _low in keys))
    if sys.byteorder != "little":
        highs.byteswap()
    lows = bytes(low for _high, low in keys)
    data = highs.tobytes() + lows + bytes(frequencies[key] for key in keys)
    return data, f"{len(frequencies)} words, {len(data)} bytes"


def main(argv: Sequence[str] | None = None) -> int:
    return write_or_check(__doc__.splitlines()[0], TARGET, _build, argv)


if __name__ == "__main__":
    raise SystemExit(main())
