"""Choosing a lost character from its context.

When a byte was lost, several characters can fill the gap. The right one is written in
the same style as its neighbours (a 𝘁 among MATHEMATICAL SANS-SERIF BOLD letters), in
their script and letter case, and is a letter where letters surround it. What context
leaves open, a per-script letter frequency settles when one candidate is clearly more
common; otherwise the character is written as ``�``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from normtext.repair._frequency import FREQUENCY
from normtext.scripts import script_of

REPLACEMENT = "\ufffd"
# A candidate must be at least this many times as frequent as the next one to be chosen
# on frequency alone.
FREQUENCY_MARGIN = 2.0
STYLE_RE = re.compile(r"^(MATHEMATICAL .*?) (?:(?:CAPITAL|SMALL) (\w+)|DIGIT|NABLA|PARTIAL)")
COMMON_SCRIPTS = frozenset(
    {
        "LATIN", "GREEK", "CYRILLIC", "ARMENIAN", "HEBREW", "ARABIC", "THAI", "DEVANAGARI",
        "BENGALI", "GURMUKHI", "GUJARATI", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM",
        "GEORGIAN", "HAN", "HANGUL", "INHERITED", "MATHEMATICAL",
    }
)


@lru_cache(maxsize=4096)
def style_of(char: str) -> str:
    """The typeface and alphabet of a Mathematical Alphanumeric character, else ``""``.

    >>> style_of("𝘁"), style_of("𝝘")
    ('MATHEMATICAL SANS-SERIF BOLD LATIN', 'MATHEMATICAL SANS-SERIF BOLD GREEK')
    """
    match = STYLE_RE.match(unicodedata.name(char, ""))
    if not match:
        return ""
    letter = match.group(2)
    alphabet = "GREEK" if letter and len(letter) > 1 else "LATIN"
    return f"{match.group(1)} {alphabet}"


def is_letter(char: str) -> bool:
    return unicodedata.category(char)[0] in "LM"


def is_rare(char: str) -> bool:
    """A letter of a script seldom written today, or an invisible/format character."""
    category = unicodedata.category(char)
    if category in ("Cf", "Zs", "Zl", "Zp"):
        return True
    return category[0] in "LM" and script_of(char) not in COMMON_SCRIPTS


def _case(char: str) -> str:
    if char.islower():
        return "lower"
    if char.isupper():
        return "upper"
    return ""


def dominant_style(option_sets: Iterable[Iterable[str]]) -> str:
    """The typeface (or else script) that the most characters could be written in.

    Each character votes once for every style among its possible readings, so a run of
    characters that each lost a byte still agrees on the one style they all allow.
    """
    counts: dict[str, int] = {}
    for options in option_sets:
        styles = {style_of(c) or script_of(c) for c in options if is_letter(c) or c.isdigit()}
        for key in styles - {""}:
            counts[key] = counts.get(key, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""


def fit(candidate: str, left: str, right: str, surrounding: str = "") -> int:
    """How well ``candidate`` fits between neighbours ``left`` and ``right`` ("" if none).

    ``surrounding`` is the dominant style or script of the text around (see
    :func:`dominant_style`).
    """
    score = 0
    if surrounding and surrounding in (style_of(candidate), script_of(candidate)):
        score += 2
    if is_rare(candidate):
        score -= 3
    letter = is_letter(candidate) or unicodedata.category(candidate) == "Nd"
    neighbours = [n for n in (left, right) if n and (is_letter(n) or n.isdigit())]
    if len(neighbours) == 2 and not letter:
        score -= 3
    style = style_of(candidate)
    for neighbour in neighbours:
        if style and style == style_of(neighbour):
            score += 4
        if letter and is_letter(neighbour):
            score += 2 if script_of(candidate) == script_of(neighbour) else -2
    case = _case(candidate)
    if case and left and _case(left):
        score += 1 if case == _case(left) or case == "lower" else -1
    elif case == "upper" and right and _case(right) == "lower":
        score += 1  # a capital starting a word
    return score


def choose(candidates: tuple[str, ...], left: str, right: str, surrounding: str = "") -> str:
    """The candidate that context supports, or ``�`` when context cannot decide."""
    if len(candidates) == 1:
        return candidates[0]
    scored = sorted(((fit(c, left, right, surrounding), c) for c in candidates), reverse=True)
    best_score = scored[0][0]
    tied = [c for score, c in scored if score == best_score]
    if len(tied) == 1:
        return tied[0]
    ranked = sorted(tied, key=lambda c: FREQUENCY.get(c.lower(), 0), reverse=True)
    first = FREQUENCY.get(ranked[0].lower(), 0)
    second = FREQUENCY.get(ranked[1].lower(), 0)
    if first > 0 and first >= FREQUENCY_MARGIN * second:
        return ranked[0]
    return REPLACEMENT
