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

Usage::

    pip install wordfreq pythainlp
    python tools/derive_word_hashes.py           # write the file
    python tools/derive_word_hashes.py --check   # exit 1 if the committed file is stale
"""

from __future__ import annotations

import sys
import zlib
from array import array
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from committed_file import write_or_check
from derive_letter_frequency import resolve_languages, top_words

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "normtext" / "repair" / "_words.bin"
TOP_WORDS = 50_000
# The lists are case-folded, which writes German "ß" as "ss" ("schliesst"): in these
# languages a word with "ss" is kept too, and a word with "ß" is looked up folded.
SHARP_S_LANGUAGES = frozenset({"de"})


def word_hashes() -> array:
    """The sorted, unique CRC-32 hashes of the chosen words."""
    lists, skipped = resolve_languages()
    if skipped:
        print(f"no word list of their own, skipped: {', '.join(skipped)}", file=sys.stderr)
    hashes = set()
    for code in sorted(lists):
        for word, _frequency in top_words(code, TOP_WORDS):
            sharp_s = code in SHARP_S_LANGUAGES and "ss" in word
            if sharp_s or any(c.isalpha() and not c.isascii() for c in word):
                hashes.add(zlib.crc32(word.encode("utf-8")))
    table = array("I", sorted(hashes))
    if sys.byteorder != "little":
        table.byteswap()
    return table


def _build() -> tuple[bytes, str]:
    data = word_hashes().tobytes()
    return data, f"{len(data) // 4} words, {len(data)} bytes"


def main(argv: Sequence[str] | None = None) -> int:
    return write_or_check(__doc__.splitlines()[0], TARGET, _build, argv)


if __name__ == "__main__":
    raise SystemExit(main())
