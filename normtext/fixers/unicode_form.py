"""Unicode normalisation form C."""

from __future__ import annotations

import unicodedata

from normtext.pipeline import fixer

# Combining marks and the few precomposed-looking sequences NFC may rewrite live at or
# above U+0300; an ASCII or Latin-1 line is already in NFC.
NFC_GUARD = "[\u0300-\U0010ffff]"


@fixer("nfc", guard=NFC_GUARD, order=40)
def normalize_nfc(line: str) -> str:
    """Compose letters and their combining marks (NFC).

    Text copied from macOS file names and some PDFs spells ``é`` as ``e`` + U+0301; search
    engines and string comparison treat the two as different words.

    >>> normalize_nfc("cafe\\u0301") == "café"
    True

    Compatibility forms (NFKC) are left alone: they would rewrite ½, ™ and 10².
    """
    if unicodedata.is_normalized("NFC", line):
        return line
    return unicodedata.normalize("NFC", line)
