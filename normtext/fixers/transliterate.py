"""Transliteration of whatever is left to ASCII."""

from __future__ import annotations

import re

from unidecode import unidecode

from normtext.pipeline import fixer

# Unidecode spells a few characters (U+2028, NEL…) as line breaks; a fixer never
# splits a line, so those become spaces.
LINE_BREAK_RE = re.compile("[\r\n]+")


@fixer("transliterate", guard="[^\x00-\x7f]", order=90)
def transliterate_to_ascii(line: str) -> str:
    """Transliterate every non-ASCII character with Unidecode.

    For systems that only take ASCII: accents are dropped, other scripts are romanised
    (Cyrillic, Greek, Thai, Arabic, CJK as Mandarin pinyin), symbols get an ASCII name.

    >>> transliterate_to_ascii("Crème brûlée in Αθήνα")
    'Creme brulee in Athena'

    Emoji and characters Unidecode does not know are removed. Run it only after mojibake
    repair: on mojibake it turns ``â€œ`` into ``aEURoe``.
    """
    return LINE_BREAK_RE.sub(" ", unidecode(line))
