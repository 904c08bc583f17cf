"""The fast guard of the mojibake repair: :func:`plausibility.is_odd`, computed faster.

Scanning a whole line with the odd-event expression costs tens of microseconds, and real
corpora are mostly clean lines. Three facts about that expression let most lines skip it:

* **Words repeat.** Apart from the few patterns that look at an ASCII space (those that
  hold ``Ã Â Œ œ Ђ``), no odd event spans a space, so a line is odd exactly when one of
  its space-separated words is, read with the space before it (the first word, at the
  start of the line, without). A word's answer is kept, and the next line that uses the
  word pays one dictionary lookup.
* **Most words lack what any pattern needs.** ``[ÂÃ][ŒŠ]`` needs one of ``ÂÃ`` and one of
  ``ŒŠ``: :mod:`gate` reads such sets off every pattern, and a word that holds a
  character of each set of no pattern is clean without a scan.
* **Chinese and Japanese text is inert.** Han, kana, CJK punctuation and fullwidth forms
  (or Hangul with the same punctuation) take part in an odd event only next to a
  character of another kind, so a line of them and ASCII alone needs no scan at all.

Lines with the space-sensitive characters are scanned whole. Either way the answer is the
one :func:`is_odd` gives (``tests/test_screen.py`` checks this on generated text).
"""

from __future__ import annotations

import re

from normtext.repair.gate import Gate
from normtext.repair.plausibility import ODD_PATTERNS, ODD_RE, oddness

# The characters of the only odd patterns that see an ASCII space or the line's start.
SPACE_SENSITIVE = frozenset("ÃÂŒœЂ")

_CJK_PUNCTUATION_AND_FULLWIDTH = "\u3000-\u303f\uff00-\uffef"
# A character outside ASCII and one inert family: Han with kana, or Hangul.
_NOT_HAN = re.compile(
    f"[^\x00-\x7f{_CJK_PUNCTUATION_AND_FULLWIDTH}"
    "\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
_NOT_HANGUL = re.compile(
    f"[^\x00-\x7f{_CJK_PUNCTUATION_AND_FULLWIDTH}\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3]"
)

# The characters a text must hold for the odd-event expression to match in it.
GATE = Gate(ODD_PATTERNS.values())

# Words seen (with the space before them, but for a line's first word) and whether each
# is odd; emptied when full, so memory stays bounded.
MAX_REMEMBERED_WORDS = 100_000
_odd_words: dict[str, bool] = {}


def forget_words() -> None:
    """Empty the memory of words seen (for timing the guard on new text)."""
    _odd_words.clear()


def _odd_word(word: str) -> bool:
    odd = _odd_words.get(word)
    if odd is None:
        if len(_odd_words) >= MAX_REMEMBERED_WORDS:
            _odd_words.clear()
        odd = _odd_words[word] = _scan(word)
    return odd


def _scan(text: str) -> bool:
    """Whether the odd-event expression matches in ``text``, asking the gate first."""
    return GATE.may_match(text) and ODD_RE.search(text) is not None


def looks_odd(line: str) -> bool:
    """Whether ``line`` has an odd event: the answer of ``is_odd(line)``, found faster.

    >>> looks_odd("Le café est très bon"), looks_odd("cafÃ©"), looks_odd("東京の天気")
    (False, True, False)
    """
    if line.isascii():
        return False
    if _NOT_HAN.search(line) is None or _NOT_HANGUL.search(line) is None:
        return False
    if not SPACE_SENSITIVE.isdisjoint(line):
        return _scan(line)
    first, *others = line.split(" ")
    if not first.isascii() and _odd_word(first):
        return True
    return any(_odd_word(" " + word) for word in others if not word.isascii())


def odd_count(text: str) -> int:
    """``oddness(text)``, with no scan at all for text :func:`looks_odd` finds clean."""
    return oddness(text) if looks_odd(text) else 0
