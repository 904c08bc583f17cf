"""Stylised look-alike letters folded to plain ones, and decorative combining marks removed.

"Bold", "italic", "script", fullwidth, circled and small-capital text (𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠, Ｆｕｌｌ,
Ⓒⓘⓡⓒⓛⓔⓓ, ꜱᴍᴀʟʟ ᴄᴀᴘꜱ) is typed with Unicode characters that no search engine matches
against the plain word. The tables come from ``_stylised_table``, generated from the Unicode
Character Database by ``tools/generate_stylised_table.py``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from normtext.fixers._stylised_table import MATH_GREEK, PLAIN, SCRIPT_FORMS
from normtext.pipeline import fixer


def _char_class(code_points: Iterable[int]) -> str:
    """The body of a regex character class matching exactly ``code_points`` (as ranges)."""
    ranges: list[list[int]] = []
    for code in sorted(set(code_points)):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(
        f"\\U{low:08x}" if low == high else f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges
    )


# Always mapped, with one str.translate: stylised Latin letters and digits, maths Greek.
TRANSLATE_TABLE: dict[int, str] = {**PLAIN, **MATH_GREEK}

# The 26 regional indicator symbols spell flags in pairs; a lone one is a capital letter.
REGIONAL_INDICATORS: dict[int, str] = {
    ord(unicodedata.lookup(f"REGIONAL INDICATOR SYMBOL LETTER {letter}")): letter
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
}

# Circled numbers (①, ❶, ⓵…) that may number the items of a Chinese/Japanese/Korean list.
ENCLOSED_NUMBERS = [
    code
    for code, plain in PLAIN.items()
    if plain.isdigit() and "CIRCLED" in unicodedata.name(chr(code), "")
]

# Han ideographs, kana and Hangul (letters of CJK text, not its punctuation).
CJK_LETTER = (
    "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff66-\uff9d\U00020000-\U0003ffff"
)

_MAPPED = _char_class([*TRANSLATE_TABLE, *SCRIPT_FORMS])
_REGIONAL = _char_class(REGIONAL_INDICATORS)
_SCRIPT = _char_class(SCRIPT_FORMS)
_NUMBERED = _char_class(ENCLOSED_NUMBERS)

# Where a character's neighbours decide whether it is mapped; between matches, every
# character of TRANSLATE_TABLE is mapped.
CONTEXT_RE = re.compile(
    # An enclosed letter asked to look like an emoji (🅰️ Ⓜ️) or like text (U+FE0E).
    f"(?P<emoji>[{_MAPPED}](?=[\ufe0e\ufe0f]))"
    # Regional indicators pair up from the left: a pair is a flag, a leftover a letter.
    f"|(?P<flag>[{_REGIONAL}]{{2}})"
    f"|(?P<regional>[{_REGIONAL}])"
    # ①概要, 手順②: circled numbers are at home in CJK text.
    f"|(?P<numbered>(?<=[{CJK_LETTER}])[{_NUMBERED}]|[{_NUMBERED}](?=[{CJK_LETTER}]))"
    f"|(?P<script>[{_SCRIPT}]+)"
)
# Split in two so that most non-ASCII text (all in the Basic Multilingual Plane) is
# tested against the small BMP class only; the astral class is reached by a lookahead.
_GUARDED = [*TRANSLATE_TABLE, *SCRIPT_FORMS, *REGIONAL_INDICATORS]
GUARD = (
    f"[{_char_class([c for c in _GUARDED if c < 0x10000])}]"
    f"|(?=[\U00010000-\U0010ffff])[{_char_class([c for c in _GUARDED if c >= 0x10000])}]"
)


def _script_run(run: str, before: str) -> str:
    """Map a run of superscript/subscript/modifier characters when it is stylised text.

    A lone one is an exponent, an index or a footnote (``10²``, ``CO₂``, ``¹``) and stays;
    a run with a letter is a word (``ˢᵘᵖᵉʳ``, ``1ˢᵗ``); a run of digits stays when it is
    attached to what it raises or lowers (``10²³``, ``x₁₂``).
    """
    if len(run) == 1:
        # Only a modifier small capital (ᶦ) changes: it is also in TRANSLATE_TABLE.
        return run.translate(TRANSLATE_TABLE)
    plain = run.translate(SCRIPT_FORMS)
    if plain.isdigit() and before and (
        before.isalnum() or before in ")]}" or unicodedata.category(before)[0] == "M"
    ):
        return run
    return plain


@fixer("stylised", guard=GUARD, order=45)
def stylised_to_plain(line: str) -> str:
    """Fold stylised look-alike letters and digits to the plain ASCII ones, keeping case.

    Headlines and social posts fake bold, italic, script, fullwidth, circled, squared or
    small-capital type with Unicode look-alikes; a search for "breaking" misses all of them.

    >>> stylised_to_plain("𝐁𝐑𝐄𝐀𝐊𝐈𝐍𝐆: 𝘚𝘵𝘰𝘤𝘬𝘴 ｓｌｉｄｅ as ᴍᴀʀᴋᴇᴛꜱ 🅵🅰🅻🅻 ˢᵘᵖᵉʳ fast")
    'BREAKING: Stocks slide as markets FALL super fast'

    Left alone: lone superscripts and subscripts (``10²``, ``CO₂``), emoji (🅰️, 🆗, flags
    such as 🇺🇦), circled numbers in CJK text (``①概要``), real letters of any script (IPA
    ɐ ɥ ɯ too), and symbols such as ™ © ½ № ℃ µ and Roman numerals.
    """
    parts: list[str] = []
    position = 0
    for match in CONTEXT_RE.finditer(line):
        parts.append(line[position : match.start()].translate(TRANSLATE_TABLE))
        kind, text = match.lastgroup, match.group()
        if kind == "regional":
            parts.append(REGIONAL_INDICATORS[ord(text)])
        elif kind == "script":
            before = line[match.start() - 1] if match.start() else ""
            parts.append(_script_run(text, before))
        else:  # emoji, flag, numbered: kept as they are
            parts.append(text)
        position = match.end()
    if not parts:
        return line.translate(TRANSLATE_TABLE)
    parts.append(line[position:].translate(TRANSLATE_TABLE))
    return "".join(parts)


# Marks that style a word rather than spell it: overlines, low lines, strokes, slashes,
# x above, enclosing circles and squares (the combining characters "fancy text" tools add).
DECORATIVE_MARKS = (
    "\u0305\u0331-\u0338\u033d-\u033f\u0347\u034e\u0353\u0359\u035f\u0489\u20dd-\u20e2"
)
DECORATIVE_RE = re.compile(f"[{DECORATIVE_MARKS}]")


def _clusters(line: str) -> list[list[str]]:
    """Split ``line`` into ``[base, mark, mark…]`` clusters (base ``""`` before a first mark)."""
    clusters: list[list[str]] = []
    for char in line:
        if DECORATIVE_RE.match(char) or unicodedata.category(char)[0] == "M":
            if clusters:
                clusters[-1].append(char)
            else:
                clusters.append(["", char])
        else:
            clusters.append([char])
    return clusters


# Stylised letters (🄰, Ⓐ, most of them symbols to Python) count as letters here too.
_LETTER_LIKE = frozenset(
    chr(code) for code in (*TRANSLATE_TABLE, *SCRIPT_FORMS, *REGIONAL_INDICATORS)
)


def _is_letter(base: str) -> bool:
    """True for a letter or digit, stylised or not (the base of a cluster)."""
    return base.isalnum() or base in _LETTER_LIKE


def _strip_styled_runs(clusters: list[list[str]], mark: str) -> None:
    """Remove ``mark`` from every maximal run of clusters that carry it and style whole words."""
    count = len(clusters)
    start = 0
    while start < count:
        if mark not in clusters[start][1:]:
            start += 1
            continue
        end = start
        while end < count and mark in clusters[end][1:]:
            end += 1
        letters = sum(1 for cluster in clusters[start:end] if _is_letter(cluster[0]))
        whole_words = (start == 0 or not _is_letter(clusters[start - 1][0])) and (
            end == count or not _is_letter(clusters[end][0])
        )
        if letters >= 2 and whole_words:
            for index in range(start, end):
                base, *marks = clusters[index]
                clusters[index] = [base, *(m for m in marks if m != mark)]
        start = end


@fixer("decorative_marks", guard=f"[{DECORATIVE_MARKS}]", order=35)
def remove_decorative_marks(line: str) -> str:
    """Remove strike-through, underline and similar marks put on every letter of a word.

    "Fancy text" generators fake struck-out or underlined type by adding the same
    combining mark after each letter; the marks split the word for a search engine (and
    NFC would even compose ``=`` + U+0338 into ``≠``).

    >>> remove_decorative_marks("S̶t̶r̶i̶k̶e̶ ̶t̶h̶i̶s̶ and U̲n̲d̲e̲r̲")
    'Strike this and Under'

    A mark on a single letter is never removed, nor one on only part of a word: it may
    be a real diacritic. Accents, Vietnamese tones, Indic vowel signs, Arabic harakat
    and Hebrew niqqud are not decorative marks and are never touched.
    """
    clusters = _clusters(line)
    for mark in sorted(set(DECORATIVE_RE.findall(line))):
        _strip_styled_runs(clusters, mark)
    return "".join("".join(cluster) for cluster in clusters)
