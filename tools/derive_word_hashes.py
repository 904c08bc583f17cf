"""Build ``normtext/repair/_words.bin``: hashes of real words that hold a non-ASCII letter.

When a lost byte leaves several characters possible and letter-pair counts cannot decide
(Russian ``рус?кий``: с or я), the word that one of them spells may be a known word
(``русский``) while the others are not. The file holds the CRC-32 of every word with a
non-ASCII letter (or a German "ss", see :data:`SHARP_S_LANGUAGES`) among the top
:data:`TOP_WORDS` words of each language's list (the lists of
``tools/derive_letter_frequency.py``: ``wordfreq``'s, and the Thai National Corpus), as
sorted unsigned 32-bit little-endian integers: about 3.9 MB, looked up by binary search.
A 32-bit hash of about a million words gives a false match about once in 4,400 lookups;
a lookup is only made between characters that context has already narrowed down.

After the hashes, one byte per hash, in the same order, gives how frequent the word is:
ten times its Zipf value (``log10`` of its frequency per billion words), the highest of
any list that holds it, at least 1. Where two known words fit (Hebrew ``?מנים``: אמנים
or ממנים), a word ten times as frequent as the other is taken.

Usage::

    pip install wordfreq pythainlp
    python tools/derive_word_hashes.py           # write the file
    python tools/derive_word_hashes.py --check   # exit 1 if the committed file is stale
"""

from __future__ import annotations

import math
import sys
import zlib
from array import array
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from committed_file import write_or_check
from derive_letter_frequency import THAI_NATIONAL_CORPUS, resolve_languages, thai_words, top_words

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "normtext" / "repair" / "_words.bin"
TOP_WORDS = 50_000
# The lists are case-folded, which writes German "ß" as "ss" ("schliesst"): in these
# languages a word with "ss" is kept too, and a word with "ß" is looked up folded.
SHARP_S_LANGUAGES = frozenset({"de"})


def word_frequencies() -> dict[int, int]:
    """The hash of each chosen word, with ten times its highest Zipf value."""
    lists, skipped = resolve_languages()
    if skipped:
        print(f"no word list of their own, skipped: {', '.join(skipped)}", file=sys.stderr)
    frequencies: dict[int, int] = {}
    for code in sorted(lists):
        # (wordfreq gives each word's share of all words; the Thai corpus gives counts.)
        total = sum(n for _word, n in thai_words()) if code == THAI_NATIONAL_CORPUS else 1.0
        for word, frequency in top_words(code, TOP_WORDS):
            sharp_s = code in SHARP_S_LANGUAGES and "ss" in word
            if sharp_s or any(c.isalpha() and not c.isascii() for c in word):
                key = zlib.crc32(word.encode("utf-8"))
                zipf = round(10 * (math.log10(frequency / total) + 9))
                frequencies[key] = max(frequencies.get(key, 1), min(zipf, 255))
    return frequencies


def _build() -> tuple[bytes, str]:
    frequencies = word_frequencies()
    hashes = array("I", sorted(frequencies))
    if sys.byteorder != "little":
        hashes.byteswap()
    data = hashes.tobytes() + bytes(frequencies[key] for key in sorted(frequencies))
    return data, f"{len(frequencies)} words, {len(data)} bytes"


def main(argv: Sequence[str] | None = None) -> int:
    return write_or_check(__doc__.splitlines()[0], TARGET, _build, argv)


if __name__ == "__main__":
    raise SystemExit(main())
