"""Which writing system a character belongs to, derived from its Unicode name.

Python's ``unicodedata`` has no Script property, but a character's name starts with its
script for every letter and mark that matters here (``LATIN SMALL LETTER E``, ``THAI
CHARACTER KO KAI``, ``CYRILLIC CAPITAL LETTER A``, ``CJK UNIFIED IDEOGRAPH-4E2D``). The
first word, with a few families folded together, is a good enough script label for
telling mojibake from real text.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Names whose first word is not a script, mapped to the script they write.
_FOLDED = {
    "CJK": "HAN",
    "HIRAGANA": "HAN",  # Japanese mixes kana and kanji inside one word
    "KATAKANA": "HAN",
    "KATAKANA-HIRAGANA": "HAN",  # the prolonged sound mark ー
    "HALFWIDTH": "HAN",
    "IDEOGRAPHIC": "HAN",
    "BOPOMOFO": "HAN",
    "HANGUL": "HANGUL",
    "MODIFIER": "LATIN",
    # Letters of Latin-1 whose names do not say their script: µ ª º.
    "MICRO": "LATIN",
    "FEMININE": "LATIN",
    "MASCULINE": "LATIN",
}

# Scripts whose words may contain ZWJ/ZWNJ (cursive joining, Indic conjuncts).
JOINING_SCRIPTS = frozenset(
    {
        "ARABIC",
        "SYRIAC",
        "NKO",
        "MONGOLIAN",
        "DEVANAGARI",
        "BENGALI",
        "GURMUKHI",
        "GUJARATI",
        "ORIYA",
        "TAMIL",
        "TELUGU",
        "KANNADA",
        "MALAYALAM",
        "SINHALA",
        "MYANMAR",
        "KHMER",
        "TIBETAN",
    }
)


@lru_cache(maxsize=65536)
def script_of(char: str) -> str:
    """The script of a letter or mark (``"LATIN"``, ``"THAI"``…), ``""`` for anything else.

    >>> script_of("é"), script_of("ж"), script_of("ก"), script_of("中"), script_of("1")
    ('LATIN', 'CYRILLIC', 'THAI', 'HAN', '')
    """
    category = unicodedata.category(char)
    if category[0] not in "LM":
        return ""
    name = unicodedata.name(char, "")
    if not name:
        return ""
    first = name.split(" ", 1)[0]
    if first == "COMBINING":
        return "INHERITED"
    if first == "LATIN" or first.startswith("LATIN"):
        return "LATIN"
    return _FOLDED.get(first, first)
