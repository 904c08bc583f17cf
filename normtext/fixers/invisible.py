"""Invisible characters: zero-width spaces, soft hyphens, bidi controls, TAG smuggling."""

from __future__ import annotations

import re
import unicodedata

from normtext.pipeline import fixer
from normtext.scripts import JOINING_SCRIPTS, script_of

ALWAYS_INVISIBLE = "\u200b\u00ad\u2060\ufeff\u2061-\u2064\u202a-\u202e\u2066-\u2069"
ALWAYS_RE = re.compile(f"[{ALWAYS_INVISIBLE}]")
# 🏴 + TAG letters/digits + CANCEL TAG spells the flags of England, Scotland and Wales.
TAG_SEQUENCE_OR_TAG_RE = re.compile(
    "(\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f)|[\U000e0000-\U000e007f]"
)
JOINER_RE = re.compile("[\u200c\u200d]")
BIDI_MARK_RE = re.compile("[\u200e\u200f]")
RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")

EMOJI_MODIFIERS = "\ufe0f\U0001f3fb-\U0001f3ff"


def _is_emoji_side(char: str) -> bool:
    if not char:
        return False
    code = ord(char)
    return (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or 0x2300 <= code <= 0x23FF
        or 0x2B00 <= code <= 0x2BFF
        or char in "\ufe0f\u2640\u2642\u2695\u2696\u2708\u2764"
        or 0x1F3FB <= code <= 0x1F3FF
    )


def _joins_letters(before: str, after: str) -> bool:
    if not before or not after:
        return False
    scripts = {script_of(before), script_of(after)}
    return bool(scripts & JOINING_SCRIPTS) and all(
        unicodedata.category(c)[0] in "LM" for c in (before, after)
    )


def _keep_joiner(line: str, index: int) -> bool:
    before = line[index - 1] if index > 0 else ""
    after = line[index + 1] if index + 1 < len(line) else ""
    if line[index] == "\u200d" and _is_emoji_side(before) and _is_emoji_side(after):
        return True
    return _joins_letters(before, after)


@fixer(
    "invisible_chars",
    guard=f"[{ALWAYS_INVISIBLE}\u200c\u200d\u200e\u200f\U000e0000-\U000e007f]",
    order=50,
)
def remove_invisible_chars(line: str) -> str:
    """Remove characters that are invisible and break search.

    Zero-width spaces, soft hyphens, word joiners, BOMs, invisible operators and bidi
    embeddings/overrides/isolates split words for a search engine without showing
    anything; TAG characters can smuggle hidden text into a page.

    >>> remove_invisible_chars("bre\\u200baking\\u00adnews\\U000e0068\\U000e0069")
    'breakingnews'

    Kept where they mean something: ZWJ inside emoji sequences (👨‍👩‍👧), ZWJ/ZWNJ between
    letters of Arabic, Persian and Indic words, LRM/RLM in a line with right-to-left text,
    and the TAG sequences that spell the flags of England, Scotland and Wales.
    """
    line = ALWAYS_RE.sub("", line)
    line = TAG_SEQUENCE_OR_TAG_RE.sub(lambda m: m.group(1) or "", line)
    if JOINER_RE.search(line):
        line = "".join(
            char
            for i, char in enumerate(line)
            if char not in "\u200c\u200d" or _keep_joiner(line, i)
        )
    if BIDI_MARK_RE.search(line) and not RTL_RE.search(line):
        line = BIDI_MARK_RE.sub("", line)
    return line
