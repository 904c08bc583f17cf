"""Choosing a lost character from its context.

When a byte was lost, several characters can fill the gap. The right one is written in
the same style as its neighbours (a 𝘁 among MATHEMATICAL SANS-SERIF BOLD letters), in
their script and letter case, and is a letter where letters surround it. What context
leaves open, a per-script letter frequency settles when one candidate is clearly more
common; otherwise the character is written as ``�``.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
import re
import sys
import unicodedata
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from normtext.repair._emoji import EMOJI_RANGES
from normtext.scripts import script_of

REPLACEMENT = "\ufffd"
# A candidate must be at least this many times as likely as all the others together to be
# chosen on letter statistics alone.
FREQUENCY_MARGIN = 5.0
STYLE_RE = re.compile(r"^(MATHEMATICAL .*?) (?:(?:CAPITAL|SMALL) (\w+)|DIGIT|NABLA|PARTIAL)")
COMMON_SCRIPTS = frozenset(
    {
        "LATIN",
        "GREEK",
        "CYRILLIC",
        "ARMENIAN",
        "HEBREW",
        "ARABIC",
        "THAI",
        "DEVANAGARI",
        "BENGALI",
        "GURMUKHI",
        "GUJARATI",
        "TAMIL",
        "TELUGU",
        "KANNADA",
        "MALAYALAM",
        "GEORGIAN",
        "HAN",
        "HANGUL",
        "INHERITED",
        "MATHEMATICAL",
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


# A letter seen fewer times than this (per million letters, summed over ~40 languages) in
# real words is implausible as the result of a repair.
RARE_LETTER_COUNT = 10


# Punctuation of a script that everyday text uses: Arabic comma, semicolon and question
# mark, Hebrew geresh and gershayim, Devanagari danda, Greek ano teleia, Armenian marks.
EVERYDAY_PUNCTUATION = frozenset("،؛؟٪٫٬۔׳״।॥·՝՜՞։")
COMMON_DIGIT_NAMES = frozenset({"DIGIT", "ARABIC-INDIC", "EXTENDED", "FULLWIDTH"})
# Marks that text in decomposed form (NFD) writes: the accents above and below of Latin,
# Greek and Cyrillic letters (not the rest of the block, such as U+034A, which is
# cp1252's reading of "ÍŠ"), Arabic and Hebrew vowel points.
COMMON_MARKS_RE = re.compile(
    "[\u0300-\u0314\u031b\u0323-\u0328\u032d\u032e\u0330\u0331\u0342\u0345"
    "\u064b-\u0652\u0670\u05b0-\u05c7]"
)


@lru_cache(maxsize=1)
def _letter_counts() -> tuple[dict[str, int], frozenset[str]]:
    """Letter counts, and the scripts they cover (only those can call a letter rare)."""
    from normtext.repair._frequency import UNIGRAM  # large: load when first needed

    return UNIGRAM, frozenset(script_of(c) for c in UNIGRAM) - {"", "INHERITED"}


@lru_cache(maxsize=65536)
def is_rare(char: str) -> bool:
    """A character a repair should hardly ever produce.

    Invisible and format characters, letters of scripts seldom written today, and letters
    of well-covered scripts that real words almost never contain (ſ, ў, ŉ).
    """
    category = unicodedata.category(char)
    if category in ("Cf", "Zs", "Zl", "Zp", "Me", "Cn", "Co") or "\u0483" <= char <= "\u0489":
        return True  # invisible, unassigned, enclosing or Old Church Slavonic marks
    if "\u27c0" <= char <= "\u27ef" or "\u2980" <= char <= "\u2aff":
        return True  # advanced mathematical operators: ⨽ is no one's lost ⚽
    if category in ("So", "Sk", "Sm") or (category == "Po" and not char.isascii()):
        # A symbol or punctuation mark of one script (ARABIC POETIC VERSE SIGN, HEBREW
        # PUNCTUATION NUN HAFUKHA) is rare unless it is everyday punctuation of it.
        return script_of_name(char) in COMMON_SCRIPTS and char not in EVERYDAY_PUNCTUATION
    if category == "Nd" and not char.isascii():
        # A decimal digit of a script seldom written (N'Ko ߁, Osmanya) is as rare as its
        # letters; Arabic-Indic, Persian, Indic, Thai and fullwidth digits are not.
        return script_of_name(char) not in COMMON_SCRIPTS | COMMON_DIGIT_NAMES
    if category[0] not in "LM":
        return False
    script = script_of(char)
    if script not in COMMON_SCRIPTS:
        return True
    if script == "INHERITED":
        # Marks of every script, which no word list counts: the accents of decomposed
        # text, variation selectors and the emoji keycap are everyday ones.
        return not (COMMON_MARKS_RE.match(char) or "\ufe00" <= char <= "\ufe0f" or char == "\u20e3")
    counts, covered = _letter_counts()
    if script not in covered:
        return False
    if category[0] == "M":
        # Word lists drop Arabic and Hebrew vowel points; those and the combining
        # diacritics are normal, other marks must have been seen.
        return not COMMON_MARKS_RE.match(char) and counts.get(char, 0) < RARE_LETTER_COUNT
    if counts.get(char.lower()[0], 0) >= RARE_LETTER_COUNT:
        return False
    # The word lists are case-folded: ß is counted as "ss".
    folded = char.casefold()
    return len(folded) < 2 or any(counts.get(c, 0) < RARE_LETTER_COUNT for c in folded)


def script_of_name(char: str) -> str:
    """The first word of a character's name, folded like :func:`script_of`."""
    return unicodedata.name(char, "").split(" ", 1)[0]


NON_ASCII_CHAR = re.compile("[^\x00-\x7f]")
# Invisible characters that are everyday text between the right neighbours: the emoji
# presentation selectors after a symbol ("❄️"), the zero-width joiner and non-joiner
# inside a word or an emoji sequence ("راه‌های", "👨‍👩‍👧").
PRESENTATION_SELECTORS = frozenset("\ufe0e\ufe0f")
JOINERS = frozenset("\u200c\u200d")


EMOJI_STARTS = [start for start, _ in EMOJI_RANGES]
ZERO_WIDTH_JOINER = "\u200d"
ZERO_WIDTH_NON_JOINER = "\u200c"


def is_emoji(char: str) -> bool:
    """Whether ``char`` is an emoji on its own (with or without the emoji selector)."""
    if len(char) != 1 or char < "\u00a9":
        return False
    code = ord(char)
    index = bisect.bisect_right(EMOJI_STARTS, code) - 1
    return index >= 0 and code <= EMOJI_RANGES[index][1]


def _rare_at(text: str, index: int) -> bool:
    """Whether ``text[index]`` is rare where it stands (see :func:`is_rare`)."""
    char = text[index]
    before = text[index - 1] if index else ""
    if char in PRESENTATION_SELECTORS:
        return not before or unicodedata.category(before) != "So"
    if char in JOINERS:
        after = text[index + 1 : index + 2]
        return not all(c and not c.isascii() and not c.isspace() for c in (before, after))
    if unicodedata.category(char) in ("Mn", "Mc") and (
        not before or before.isspace() or unicodedata.category(before)[0] == "S"
    ):
        return True  # a combining mark with nothing to sit on: "̴r", "⻄︬" (kaomoji's "'̀" is fine)
    return is_rare(char)


def rarity(text: str) -> int:
    """How many characters of ``text`` are rare where they stand (see :func:`is_rare`).

    A character's neighbours count for invisible joiners and selectors, and for
    combining marks, which need a letter or punctuation mark to sit on.
    """
    if text.isascii():
        return 0
    return sum(
        1
        for match in NON_ASCII_CHAR.finditer(text)
        if not _common_anywhere(match.group()) and _rare_at(text, match.start())
    )


@lru_cache(maxsize=65536)
def _common_anywhere(char: str) -> bool:
    """Whether ``char`` is not rare whatever its neighbours (most characters)."""
    return not (
        char in PRESENTATION_SELECTORS
        or char in JOINERS
        or unicodedata.category(char) in ("Mn", "Mc")
        or is_rare(char)
    )


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
        for key in sorted(styles - {""}):  # (sorted: ties go the same way in every run)
            counts[key] = counts.get(key, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""


def fit(candidate: str, left: str, right: str, surrounding: str = "", capital: bool = False) -> int:
    """How well ``candidate`` fits between neighbours ``left`` and ``right`` ("" if none).

    ``surrounding`` is the dominant style or script of the text around (see
    :func:`dominant_style`); ``capital`` says a word starting here starts a sentence.
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
    elif case and right and _case(right) == "lower":
        # A word starts here: with a capital if it starts a sentence, else most often not.
        score += 1 if (case == "upper") == capital else -1
    return score


# Closing quotation marks and the openers they close.
CLOSERS = {"”": "“„", "“": "„", "’": "‘‚", "»": "«", "›": "‹", "」": "「", "』": "『"}


def closing_quote(candidates: tuple[str, ...], before: str) -> str | None:
    """The closing quote among ``candidates`` that an unclosed opener in ``before`` calls for.

    ``â€`` is ``”`` with its last byte lost when a ``“`` earlier in the line is still open.
    """
    for closer, openers in CLOSERS.items():
        if closer in candidates:
            opened = sum(before.count(o) for o in openers)
            if opened > before.count(closer):
                return closer
    return None


def choose(
    candidates: tuple[str, ...],
    left: str,
    right: str,
    surrounding: str = "",
    before: str = "",
    after: str = "",
) -> str:
    """The candidate that context supports, or ``�`` when context cannot decide.

    ``before`` is the line up to this character (as repaired so far), ``after`` the line
    after it, for quotes, brackets and capitals.
    """
    if len(candidates) == 1:
        return candidates[0]
    quote = closing_quote(candidates, before) or opening_mark(candidates, left, after)
    if quote:
        return quote
    if apostrophe(candidates, left, right):
        return APOSTROPHE
    quote = lone_quote(candidates, left, right)
    if quote:
        return quote
    if EMOJI_SELECTOR in candidates and left and unicodedata.category(left) == "So":
        return EMOJI_SELECTOR  # "❤️", not "❤︐": a symbol asks for its emoji presentation
    if right == EMOJI_SELECTOR:
        pictographs = [c for c in candidates if is_emoji(c)]
        if len(pictographs) == 1:
            return pictographs[0]  # "❄️", not "➄️": only an emoji takes the selector
        if pictographs:
            return REPLACEMENT  # several emoji fit, and nothing else does
    if ZERO_WIDTH_JOINER in candidates and is_emoji(left) and is_emoji(right):
        return ZERO_WIDTH_JOINER  # "👨‍👩", not "👨”👩": the joiner of an emoji sequence
    if ZERO_WIDTH_NON_JOINER in candidates and _arabic_letter(left) and _arabic_letter(right):
        return ZERO_WIDTH_NON_JOINER  # Persian "راه‌های": between letters, not a quote
    pictograph = lone_emoji(candidates, left, right, before)
    if pictograph:
        return pictograph
    mark = glued_mark(candidates, left, right)
    if mark:
        return mark
    if ideographic_comma(candidates, left):
        return IDEOGRAPHIC_COMMA
    if fullwidth_colon(candidates, left, right):
        return FULLWIDTH_COLON
    if MINUS_SIGN in candidates and right.isdigit() and not is_letter(left or " "):
        return MINUS_SIGN  # "−52 °C", not "⁒52" or "☒52"
    capital = starts_sentence(before)
    scored = sorted(
        ((fit(c, left, right, surrounding, capital), c) for c in candidates), reverse=True
    )
    best_score = scored[0][0]
    tied = [c for score, c in scored if score == best_score]
    if len(tied) == 1:
        return tied[0]
    if not any(is_letter(c) or c.isdigit() for c in tied):
        # Word lists count next to no symbols: "♬" is no likelier than "€" for having
        # been seen in a few words. A currency sign beside a number is the one exception.
        return _currency_beside_number(tied, before, right)
    if any(script_of(c) == "THAI" for c in tied):
        # Thai runs its words together: the letter beside a lost one may end or start
        # another word, and its pairs say little. Only a word decides a Thai letter.
        return REPLACEMENT
    measure = likelihood
    if not any(seen_in_pairs(c, left, right) for c in tied):
        # No pair with these neighbours was ever counted (Han text, mostly): how often
        # each candidate is written at all is the only evidence left.
        measure = letter_count
    ranked = sorted(tied, key=lambda c: measure(c, left, right), reverse=True)
    if is_emoji(ranked[0]):
        return REPLACEMENT  # (an emoji in a word list is a token of chat, not spelling)
    # Far likelier than all the others together, not just than the next: of the sixteen
    # Cyrillic letters one byte lost through cp874 may give, the likeliest may be five
    # times as likely as the next and still less likely than the rest together.
    first = measure(ranked[0], left, right)
    others = sum(measure(c, left, right) for c in ranked[1:])
    if first > 0 and first >= FREQUENCY_MARGIN * others:
        return ranked[0]  # (with nothing counted for any, nothing is known)
    return REPLACEMENT


MINUS_SIGN = "\u2212"


def _arabic_letter(char: str) -> bool:
    """Whether ``char`` is a letter of the Arabic script (Persian and Urdu included)."""
    return is_letter(char or " ") and script_of(char) == "ARABIC"


def _currency_beside_number(candidates: list[str], before: str, right: str) -> str:
    """The one currency sign among ``candidates`` if a number stands beside it, else ``�``."""
    signs = [c for c in candidates if unicodedata.category(c) == "Sc"]
    beside = before.rstrip()[-1:].isdigit() or right.lstrip()[:1].isdigit()
    return signs[0] if len(signs) == 1 and beside else REPLACEMENT


# Opening quotation marks and brackets, and the marks that may close each.
OPENERS = {
    "“": "”",
    "„": "“”",
    "‘": "’",
    "‚": "‘’",
    "«": "»",
    "‹": "›",
    "「": "」",
    "『": "』",
}


def opening_mark(candidates: tuple[str, ...], left: str, after: str) -> str | None:
    """The one opening quote or bracket among ``candidates`` that a closing mark later in
    the line calls for ("„Wir…“" and "首相「国民…」", not "�Wir…“" and "首相、国民…」").

    An opener starts a word: it stands before the letters or digits it quotes (a letter
    still undecided counts), not after a letter (but in Han or Hangul text). A closer
    that follows another opener of the same kind first closes that one.
    """
    if not after or (is_letter(left or " ") and script_of(left) not in UNSPACED_SCRIPTS):
        return None
    if not (is_letter(after[0]) or after[0].isdigit() or after[0] == REPLACEMENT):
        return None
    fitting = []
    for opener, closers in OPENERS.items():
        if opener not in candidates:
            continue
        ends = [index for index in map(after.find, closers) if index >= 0]
        if ends and opener not in after[: min(ends)]:
            fitting.append(opener)
    return fitting[0] if len(fitting) == 1 else None


APOSTROPHE = "’"
# Scripts written with an apostrophe inside words (Persian, Arabic and Indic scripts put
# a zero-width non-joiner there, which shares the apostrophe's first bytes).
APOSTROPHE_SCRIPTS = frozenset({"LATIN", "CYRILLIC"})


# Scripts whose quotations the edge rule below knows (opener before a word, closer after).
QUOTED_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "HEBREW"})
WORD_EDGE_AFTER = " \u00a0,.;:!?)…-"


def lone_quote(candidates: tuple[str, ...], left: str, right: str) -> str | None:
    """The quotation mark a lost character at a word's edge must be, where it is the one
    opener (before a word) or the one closer (after one) among ``candidates``.

    cp1254 loses the last byte of "„" and "”" alike, and of the characters those bytes
    can give only "„" opens a quotation and only "”" closes one (the rest are invisible
    marks and rare spaces); cp874 loses "“" and "‘" too, and there the rule stays out.
    """
    if any(is_letter(c) for c in candidates):
        return None
    edge = quote_edge(left, right)
    if edge is None:
        return None
    kinds = [c for c in candidates if c in (OPENERS if edge == "open" else CLOSERS)]
    return kinds[0] if len(kinds) == 1 else None


def quote_edge(left: str, right: str) -> str | None:
    """"open" where a quotation mark between ``left`` and ``right`` would start a word,
    "close" where it would end one, None where it would do neither."""
    if (not left or left in " \u00a0([") and script_of(right or " ") in QUOTED_SCRIPTS:
        return "open"
    if (
        left
        and (script_of(left) in QUOTED_SCRIPTS or left in ".,!?…")
        and (not right or right in WORD_EDGE_AFTER)
    ):
        return "close"
    return None


# The double quotation marks a language writes, where a line's alphabet or common words
# tell its language (see line_language); a line of any other is taken to write English
# ones. (Cyrillic text writes "„…“" where it does not write "«…»", which loses no byte.)
LOW_HIGH_REVERSED = ("„", "“")
LOW_HIGH = ("„", "”")
ENGLISH_QUOTATION = ("“", "”")
QUOTATION_MARKS = {
    **dict.fromkeys(
        ("bg", "cs", "da", "de", "is", "lt", "mk", "ru", "sh", "sh-Cyrl", "sk", "sl", "uk"),
        LOW_HIGH_REVERSED,
    ),
    **dict.fromkeys(("hu", "pl", "ro"), LOW_HIGH),
    **dict.fromkeys(("fi", "sv"), ("”", "”")),
}
# Scripts whose every language quotes alike: Cyrillic text with "„…“", Hebrew with "„…”".
QUOTATION_MARKS_BY_SCRIPT = {"CYRILLIC": LOW_HIGH_REVERSED, "HEBREW": LOW_HIGH}


def quotation_pair(
    opening: tuple[str, ...], closing: tuple[str, ...], text: str
) -> tuple[str, str] | None:
    """The opening and closing marks of a quotation in ``text`` whose marks were both lost,
    from the candidates for each: the one pair of them that go together, or where several
    do, the double quotation marks the language of ``text`` writes ("„Jedermann“" in
    German, "“naïve”" in English); None where those are not among them.

    Where single quotation marks fit too (cp874 and cp1253 lose "‘" and "“" alike), the
    double ones are taken: news text quotes with them far more often."""
    pairs = [(o, c) for o in opening if o in OPENERS for c in closing if c in OPENERS[o]]
    if len(pairs) < 2:
        return pairs[0] if pairs else None
    words = LETTER_RUN.findall(text)
    by_script = [QUOTATION_MARKS_BY_SCRIPT.get(script_of(word[0])) for word in words]
    usual = next((marks for marks in by_script if marks), None)
    if usual is None:
        language = line_language(text) or _language_of_most_words(words)
        usual = QUOTATION_MARKS.get(language.code if language else "", ENGLISH_QUOTATION)
    return usual if usual in pairs else None


def _language_of_most_words(words: list[str]) -> Language | None:
    """:func:`language_of_words`, where half of ``words`` or more are common words of
    that language: a line of English, which has no list of common words here, shares a
    few with many ("in" is Dutch and German too)."""
    language = language_of_words(words)
    if language is None:
        return None
    common = sum(word.lower() in language.common_words for word in words)
    return language if 2 * common >= len(words) else None


def lone_emoji(
    candidates: tuple[str, ...], left: str, right: str, before: str = ""
) -> str | None:
    """The one emoji among ``candidates`` where neither a letter follows nor a digit is
    beside it, and every other candidate is a symbol, a rare letter or a styled one unlike
    ``left``: a headline ends in "⚽" or "🔥", not in "☽", "𝔥" or the Han extension
    character "𪔥" that the same bytes, one lost, can give. Of several emoji, the one
    written far more often than each other (see :func:`most_used_symbol`). A quotation
    mark, dash or everyday punctuation mark among them is likelier than any emoji, and so
    is a currency sign after a number (``before``, the line before it, ends in a digit)."""
    pictographs = [c for c in candidates if is_emoji(c)]
    if len(pictographs) > 1 and all(ord(c) <= 0xFFFF for c in pictographs):
        # (Only among the older emoji of the Basic Multilingual Plane: one of the later
        # ones, "🥇" of 2016, may be missing from the lists for being new, not rare.)
        pictographs = most_used_symbol(pictographs)
    if len(pictographs) != 1 or is_letter(right or " ") or left.isdigit() or right.isdigit():
        return None
    after_number = before.rstrip()[-1:].isdigit()
    for other in candidates:
        category = unicodedata.category(other)
        if category in ("Pi", "Pf", "Pd") or (category == "Sc" and after_number):
            return None
        if category == "Po" and not is_rare(other):
            return None
        if other == pictographs[0] or not (is_letter(other) or category == "Nd"):
            continue
        if not is_rare(other) and not (style_of(other) and style_of(other) != style_of(left)):
            return None
    return pictographs[0]


def most_used_symbol(symbols: list[str]) -> list[str]:
    """The one of ``symbols`` that the word lists hold :data:`WORD_FREQUENCY_MARGIN` more
    often than each other ("⚽", not "⛽", where a lost byte leaves both), or all of them."""
    from normtext.repair._frequency import SYMBOLS  # large: load when first needed

    ranked = sorted(((SYMBOLS.get(s, 0), s) for s in symbols), reverse=True)
    if ranked[0][0] - ranked[1][0] >= WORD_FREQUENCY_MARGIN:
        return [ranked[0][1]]
    return symbols


def glued_mark(candidates: tuple[str, ...], left: str, right: str) -> str | None:
    """The everyday punctuation mark among ``candidates`` where a mark goes and a letter
    does not: glued to a mark or digit before it, with no letter after it ("»، يقول",
    "۱۵٪"; a lone "ء" is no word). ``�`` where several such marks fit; None where none
    does, or a letter or space stands before it."""
    if not left or left.isspace() or is_letter(left) or is_letter(right or " "):
        return None
    marks = [c for c in candidates if c in EVERYDAY_PUNCTUATION]
    if not marks:
        return None
    return marks[0] if len(marks) == 1 else REPLACEMENT


def apostrophe(candidates: tuple[str, ...], left: str, right: str) -> bool:
    """Whether a lost punctuation mark between two letters is the apostrophe
    ("minister’s", Ukrainian "м’ясо"): of the marks sharing its first bytes, only it and
    the hyphen stand inside words, and the hyphen is written as ASCII."""
    return (
        APOSTROPHE in candidates
        and not any(is_letter(c) for c in candidates)
        and script_of(left or " ") in APOSTROPHE_SCRIPTS
        and script_of(right or " ") in APOSTROPHE_SCRIPTS
    )


IDEOGRAPHIC_COMMA = "、"
EMOJI_SELECTOR = "\ufe0f"


FULLWIDTH_COLON = "："
# The marks that stand between two words of Chinese or Japanese as often as the colon.
CJK_PAUSES = frozenset("，、；")


def fullwidth_colon(candidates: tuple[str, ...], left: str, right: str) -> bool:
    """Whether a lost mark between two Han or kana characters is the fullwidth colon.

    cp1258 loses the 0x9A of "：" (EF BC 9A), and its other candidates are "！＊－．／０＝＞"
    and characters no text writes: between two words of a headline ("国家统计局：居民消费")
    the colon it is. Where a comma or another pause may stand there too (cp874, cp1253,
    cp1255 and cp1257 lose "，" as well), it is too close to call.
    """
    return (
        FULLWIDTH_COLON in candidates
        and CJK_PAUSES.isdisjoint(candidates)
        and not any(is_letter(c) and script_of(c) in UNSPACED_SCRIPTS for c in candidates)
        and all(script_of(c or " ") in UNSPACED_SCRIPTS and is_letter(c) for c in (left, right))
    )


def ideographic_comma(candidates: tuple[str, ...], left: str) -> bool:
    """Whether a lost CJK punctuation mark after Han or kana is the ideographic comma.

    ``、`` shares its first two bytes with ``」 』 【 〝``: the closing brackets are taken
    only when an opener calls for them (:func:`closing_quote`), and an opening bracket
    rarely follows a word, so after Han or kana the comma it is (the other readings of the
    bytes are rare characters, legacy enclosed or squared forms such as ``㈀ ㍀``, or kana far
    rarer than the comma, such as ``ダ`` where 0x83 was lost too).
    """
    return (
        IDEOGRAPHIC_COMMA in candidates
        and all(
            "\u3000" <= c <= "\u30ff" or "\u3200" <= c <= "\u33ff" or is_rare(c) for c in candidates
        )
        and bool(left)
        and script_of(left) == "HAN"
    )


def seen_in_pairs(candidate: str, left: str, right: str) -> bool:
    """Whether the counts hold ``candidate`` next to either neighbour."""
    from normtext.repair._frequency import BIGRAM  # large: load when first needed

    char = candidate.lower()
    before, after = _neighbour(left), _neighbour(right)
    return (before is not None and before + char in BIGRAM) or (
        after is not None and char + after in BIGRAM
    )


# How many of the likeliest fillings a word search keeps after each letter, once there
# are more than its limit: as many lines come back exact as with the whole limit kept
# (32,768), in half the time (Cyrillic through cp874, bytes dropped: 53 ms a line, not 99).
BEAM_WIDTH = 8192


def fillings_in_pairs(
    word: str, positions: list[int], letters: list[list[str]], limit: int
) -> list[str]:
    """The fillings of ``word``'s lost ``positions`` (one letter of each list, in order)
    that put no letter beside a neighbour the letter-pair counts never hold it beside;
    of more than ``limit``, the :data:`BEAM_WIDTH` likeliest by those counts.

    It narrows a word-list search to spellings a real word could have, which keeps wide
    searches in reach and false matches of the word keys rare: the pairs of real words
    with letters of alphabetic scripts are nearly all counted (Han and Hangul pairs less
    so). A word that lost five letters through cp874 (Russian ``об?за?ел???ва``, 23
    candidates each) has some 170,000 such fillings; the search keeps the likeliest of
    them after each letter, each scored by the chance of every pair it forms given the
    pair's first letter (a beam search).
    """
    from normtext.repair._frequency import BIGRAM, UNIGRAM  # large: load when first needed

    lost = set(positions)
    padded = " " + word.lower() + " "

    def seen(pair: str) -> bool:
        return pair.isascii() or pair in BIGRAM

    def weight(pair: str) -> float:
        return math.log((BIGRAM.get(pair, 0) + 1) / (UNIGRAM.get(pair[0], 0) + 1))

    partial: list[tuple[float, str]] = [(0.0, "")]
    for number, position in enumerate(positions):
        after = padded[position + 2]
        # The letters that may stand here beside the known letter after it (if any)...
        allowed = {
            letter: 0.0 if position + 1 in lost else weight(letter.lower() + after)
            for letter in letters[number]
            if position + 1 in lost or seen(letter.lower() + after)
        }
        # ...and after the letter before it: known, or the one this filling put there.
        follows_lost = position - 1 in lost and number > 0
        fixed = (
            []
            if follows_lost
            else [
                (score + weight(padded[position] + c.lower()), c)
                for c, score in allowed.items()
                if seen(padded[position] + c.lower())
            ]
        )
        by_previous: dict[str, list[tuple[float, str]]] = {}
        grown: list[tuple[float, str]] = []
        for total, filling in partial:
            if follows_lost:
                previous = filling[-1].lower()
                if previous not in by_previous:
                    by_previous[previous] = [
                        (score + weight(previous + c.lower()), c)
                        for c, score in allowed.items()
                        if seen(previous + c.lower())
                    ]
                choices = by_previous[previous]
            else:
                choices = fixed
            grown += [(total + score, filling + letter) for score, letter in choices]
        if len(grown) > limit:
            grown = heapq.nlargest(min(limit, BEAM_WIDTH), grown)
        partial = grown
    return [filling for _score, filling in partial]


def letter_count(candidate: str, left: str = "", right: str = "") -> float:
    """How often ``candidate`` is written (smoothed by one); the neighbours are ignored."""
    counts, _covered = _letter_counts()
    return float(counts.get(candidate.lower(), 0) + 1)


def word_key(word: str) -> tuple[int, int]:
    """The 40-bit key of a listed word (as the lists write it): its CRC-32, which the table
    is sorted by, and the low byte of its Adler-32, which tells apart the few words whose
    CRC-32 is the same (two checksums of the standard library, both fast)."""
    return _key(word.encode("utf-8"))


def _key(data: bytes) -> tuple[int, int]:
    return zlib.crc32(data), zlib.adler32(data) & 0xFF


@lru_cache(maxsize=1)
def _word_table() -> tuple[array[int], bytes, bytes]:
    """The keys of real words with a non-ASCII letter, sorted (32-bit parts, then 8-bit
    parts), and for each the word's frequency as ten times its Zipf value
    (``tools/derive_word_hashes.py``)."""
    data = resources.files("normtext.repair").joinpath("_words.bin").read_bytes()
    count = len(data) // 6
    table: array[int] = array("I")
    table.frombytes(data[: 4 * count])
    if sys.byteorder != "little":
        table.byteswap()
    return table, data[4 * count : 5 * count], data[5 * count :]


@lru_cache(maxsize=1)
def _word_buckets() -> array[int]:
    """Where the keys with each value of their top 16 bits start in the table (one more
    entry for the end): a lookup searches only its own few keys."""
    table = _word_table()[0]
    starts: array[int] = array(
        "I", (bisect.bisect_left(table, top << 16) for top in range(1 << 16))
    )
    starts.append(len(table))
    return starts


def _listed_frequency(data: bytes) -> int:
    """The frequency byte of the word whose UTF-8 form (as the lists write it) is
    ``data``; 0 if it is not listed."""
    table, low_parts, frequencies = _word_table()
    buckets = _word_buckets()
    high, low = _key(data)
    end = buckets[(high >> 16) + 1]
    index = bisect.bisect_left(table, high, buckets[high >> 16], end)
    while index < end and table[index] == high:
        if low_parts[index] == low:
            return frequencies[index]
        index += 1
    return 0


# Marks the word lists leave out (Arabic vowel signs, shadda and tanwin, and the tatweel):
# "يقرّ" is looked up as "يقر". A lost character is never filled in with one of them.
UNLISTED_MARKS = frozenset(chr(c) for c in (*range(0x064B, 0x0660), 0x0670, 0x0640))
_WITHOUT_UNLISTED_MARKS = dict.fromkeys(map(ord, UNLISTED_MARKS))


def word_frequency(word: str) -> int:
    """Ten times the Zipf value of ``word`` (any case) in the word lists; 0 if not listed.

    A Zipf value is ``log10`` of a word's frequency per billion words: about 7.6 for "и"
    in Russian, 3 for a word seen once in a million.
    """
    # (The lists are case-folded, "ß" included: "schließt" is listed as "schliesst".)
    # ("İ" lowercases to "i" and a combining dot; the Turkish lists write "i".)
    word = word.replace("İ", "i").translate(_WITHOUT_UNLISTED_MARKS)
    return _listed_frequency((word.casefold() if "ß" in word else word.lower()).encode("utf-8"))


def is_known_word(word: str) -> bool:
    """Whether ``word`` (any case) is among the real words the word lists hold."""
    return word_frequency(word) > 0


def listed_fillings(word: str, positions: list[int], fillings: list[str]) -> list[str]:
    """The ``fillings`` (one letter for each of ``word``'s ``positions``) that make a
    listed word: :func:`is_known_word` for a wide search at once, with the word brought
    to the lists' form by lowercasing alone where that is all it needs."""
    if _needs_folding(word + "".join(set("".join(fillings)))):
        return [f for f in fillings if is_known_word(filled(word, positions, f))]
    template = list(word)
    for position in positions:
        template[position] = "{}"
    pattern = "".join(template)
    return [f for f in fillings if _listed_frequency(pattern.format(*f).lower().encode("utf-8"))]


def _needs_folding(text: str) -> bool:
    """Whether :func:`word_frequency` would do more to ``text`` than lowercase it (or
    ``text`` holds a brace, which the fast path's template cannot)."""
    return any(c in "İß{}" or c in UNLISTED_MARKS for c in text)


def filled(word: str, positions: list[int], filling: str) -> str:
    """``word`` with the letters of ``filling`` at ``positions``."""
    chars = list(word)
    for position, char in zip(positions, filling, strict=True):
        chars[position] = char
    return "".join(chars)


# Of several known words that fit, one at least this much more frequent (in tenths of a
# Zipf value: 10 is ten times as frequent) is taken.
WORD_FREQUENCY_MARGIN = 10


def most_frequent_spellings(
    spellings: list[str], word_of: Callable[[str], str], language: Language | None = None
) -> list[str]:
    """``spellings`` narrowed to the one (up to case) whose word is far more frequent.

    ``word_of`` gives the word each spelling makes. Where the words of two or more
    spellings are listed, one :data:`WORD_FREQUENCY_MARGIN` more frequent than every other
    wins (Hebrew "אמנים", artists, not "ממנים", appointing); otherwise all are kept.
    Frequencies are those of the line's ``language`` where it is known.
    """
    distinct = list(dict.fromkeys(s.lower() for s in spellings))
    if len(distinct) < 2:
        return spellings
    ranked = sorted((frequency_in(word_of(s), language), s) for s in distinct)
    if ranked[-1][0] - ranked[-2][0] < WORD_FREQUENCY_MARGIN:
        return spellings
    return [s for s in spellings if s.lower() == ranked[-1][1]]


def known_words(text: str) -> int:
    """How many words of ``text`` that have a non-ASCII letter are real words.

    Words of one letter are left out: too many letters are a word in some language.

    Sibling codecs (cp1250 and ISO-8859-2) read one line into two equally plausible
    strings of letters, and letter pairs pooled over many languages may favour the wrong
    one (Turkish "iş" over Polish "iż"); the word lists tell "obniżeniu" from "obnişeniu".
    """
    return sum(1 for word in _non_ascii_words(text) if is_known_word(word))


def listed_frequency(text: str) -> int:
    """The frequencies (see :func:`word_frequency`) of the words of ``text`` that have a
    non-ASCII letter, summed: "về" (66) outweighs "vá" that "vá»" shows."""
    return sum(word_frequency(word) for word in _non_ascii_words(text))


def _non_ascii_words(text: str) -> Iterator[str]:
    """The words of two or more letters of ``text`` that have a non-ASCII letter."""
    word: list[str] = []
    for char in text + " ":
        if is_letter(char):
            word.append(char)
            continue
        if word:
            spelled = "".join(word)
            if len(spelled) > 1 and not spelled.isascii():
                yield spelled
            word.clear()


class Language(NamedTuple):
    """A word list with an alphabet: its code, its non-ASCII letters, its one-letter words
    and its most common words (frequencies as :func:`word_frequency` gives them), the
    rarest of which is ``rarest_common``."""

    code: str
    alphabet: frozenset[str]
    one_letter_words: dict[str, int]
    common_words: dict[str, int]
    rarest_common: int


@lru_cache(maxsize=1)
def _languages() -> tuple[Language, ...]:
    """Each word list that has an alphabet."""
    from normtext.repair._frequency import ALPHABETS, COMMON_WORDS, ONE_LETTER_WORDS

    return tuple(
        Language(
            code,
            frozenset(letters),
            ONE_LETTER_WORDS.get(code, {}),
            COMMON_WORDS[code],
            min(COMMON_WORDS[code].values()),
        )
        for code, letters in ALPHABETS.items()
        if letters
    )


def _languages_holding(context: str) -> list[Language]:
    """The languages of :func:`_languages` whose alphabet holds every letter of
    ``context`` (none where it has no such letter)."""
    letters = _alphabet_letters(context)
    if not letters:
        return []
    return [language for language in _languages() if letters <= language.alphabet]


# The common words of a line's language must outweigh another's by this much (in tenths of
# a Zipf value, summed over the line's words) for the line to be taken as in it.
LANGUAGE_MARGIN = 30
LETTER_RUN = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=256)
def line_language(context: str) -> Language | None:
    """The language ``context`` is written in, where its alphabet and common words tell.

    Of the languages whose alphabet holds every letter of ``context``, the one whose
    common words it uses most (weighed by their frequency) by :data:`LANGUAGE_MARGIN`:
    "Цене станова у Новом Саду порасле су за 11 %" is Serbian for its "су". None where
    no language stands out.
    """
    holding = _languages_holding(context)
    if len(holding) < 2:
        return holding[0] if holding else None
    return _most_used(LETTER_RUN.findall(context), holding)


def language_of_words(words: Iterable[str]) -> Language | None:
    """The language whose common words ``words`` use most, whatever their letters (see
    :func:`line_language`): the words two readings of a line share tell its language
    ("Der Dirigent wurde … sein Lebenswerk mit dem" is German whether the word between
    is "für" or "får"). None where no language stands out."""
    return _most_used(words, _languages())


def _most_used(words: Iterable[str], languages: Sequence[Language]) -> Language | None:
    """Of two or more ``languages``, the one whose common words ``words`` use most
    (weighed by their frequency) by :data:`LANGUAGE_MARGIN` (the first of equals)."""
    lowered = [word.lower() for word in words]
    scored = sorted(
        ((sum(held.common_words.get(word, 0) for word in lowered), held) for held in languages),
        key=lambda item: item[0],
        reverse=True,
    )
    (best, language), (second, _other) = scored[:2]
    return language if best - second >= LANGUAGE_MARGIN else None


def letters_foreign_to(text: str, language: Language | None) -> int:
    """How many distinct letters of ``text`` (of alphabet scripts) ``language`` lacks; 0
    if it is None."""
    if language is None:
        return 0
    return len(_alphabet_letters(text) - language.alphabet)


def frequency_in(word: str, language: Language | None) -> int:
    """:func:`word_frequency` of ``word`` in ``language``: as its common words give it, or
    at most the least frequent of them (which it is not among); in any language if None."""
    frequency = word_frequency(word)
    if language is None or not frequency:
        return frequency
    return language.common_words.get(word.lower(), min(frequency, language.rarest_common))


def _in_alphabet_scripts(char: str) -> bool:
    return char < "\u0530" or "\u1e00" <= char <= "\u1eff"


def foreign_letters(text: str) -> int:
    """How many distinct letters of ``text`` the language that writes most of them lacks.

    Only non-ASCII letters of Latin, Greek, Cyrillic and Armenian script count, against the
    alphabets of the word lists. Sibling codecs read "obniżeniu" as Polish or as
    "obnişeniu", and letter pairs pooled over many languages may like Turkish "iş" better;
    but no language writes ş beside the ę and ł of the rest of the line.
    """
    letters = _alphabet_letters(text)
    if not letters:
        return 0
    return min(len(letters - language.alphabet) for language in _languages())


def _alphabet_letters(text: str) -> set[str]:
    return {
        char.lower()
        for char in text
        if not char.isascii() and _in_alphabet_scripts(char) and char.isalpha()
    }


# Of one language's words, one at least this much more frequent is taken (Bulgarian "с",
# 7.1, not "я", 6.2): pooled over languages, the margin is WORD_FREQUENCY_MARGIN.
ONE_LANGUAGE_MARGIN = 5


def one_letter_word(candidates: tuple[str, ...], context: str) -> str | None:
    """The candidate that is a word of one letter far more frequent than the others, in
    the languages whose alphabet holds every letter of ``context``.

    Serbian "у" (in) is the word, not "с": pooled over Russian and Bulgarian too, the two
    are about as frequent. None where no such language is known, or none stands out.
    """
    language = line_language(context)
    holding = (
        [language.one_letter_words]
        if language
        else [held.one_letter_words for held in _languages_holding(context)]
    )
    scores = {
        candidate: max((words.get(candidate.lower(), 0) for words in holding), default=0)
        for candidate in candidates
        if is_letter(candidate)
    }
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    if not ranked or not ranked[0][1]:
        return None
    margin = ONE_LANGUAGE_MARGIN if language else WORD_FREQUENCY_MARGIN
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < margin:
        return None
    return ranked[0][0]


def in_line_alphabet(candidates: tuple[str, ...], context: str) -> tuple[str, ...]:
    """``candidates`` without the letters that no alphabet holding ``context``'s holds.

    A Czech line ("vůči … 25,30 K?") writes "č", not the Latvian "ā" that letter pairs
    pooled over many languages may prefer. Only where some alphabet holds every letter of
    the context (mojibake still in it, or two languages, decide nothing), and only if one
    of the candidate letters that such alphabets judge is left.
    """
    candidates = in_arabic_spelling(candidates, context)
    holding = [language.alphabet for language in _languages_holding(context)]
    judged = [c for c in candidates if _alphabet_letters(c)]
    foreign = {c for c in judged if not any(c.lower() in alphabet for alphabet in holding)}
    if not holding or len(foreign) == len(judged):
        return candidates
    return tuple(c for c in candidates if c not in foreign)


# Letters of the Arabic script that only Arabic writes, and those that only Persian and
# Urdu write: each spells "yeh" and "kaf" its own way (Arabic "وزير", Persian "وزیر").
ARABIC_ONLY = frozenset("يكىة")
PERSIAN_OR_URDU_ONLY = frozenset("یکگپچژہےٹڈڑںھ")


def in_arabic_spelling(candidates: tuple[str, ...], context: str) -> tuple[str, ...]:
    """``candidates`` without the letters of the other spelling of the Arabic script
    than the one ``context`` uses, if it uses just one and a candidate is left."""
    arabic = any(c in ARABIC_ONLY for c in context)
    persian = any(c in PERSIAN_OR_URDU_ONLY for c in context)
    if arabic == persian:
        return candidates
    other = PERSIAN_OR_URDU_ONLY if arabic else ARABIC_ONLY
    kept = tuple(c for c in candidates if c not in other)
    return kept if kept else candidates


GREEK_VOWELS = frozenset("αεηιουωάέήίόύώϊϋΐΰ")
GREEK_ACCENTED = frozenset("άέήίόύώΐΰΆΈΉΊΌΎΏ")


def greek_accent_fit(candidates: tuple[str, ...], start: str, end: str) -> tuple[str, ...]:
    """``candidates`` narrowed to those that give the Greek word ``start + c + end`` one
    accent, as monotonic Greek writes every word of two syllables or more ("σαύρας", not
    "σαρρας"; "Καύσωνας", not "Καρσωνας").

    Only for words of Greek letters, capitals aside (which drop the accent), and only if
    a candidate is left.
    """
    fitting = tuple(c for c in candidates if _one_accent(start + c + end))
    return fitting or candidates


def _one_accent(word: str) -> bool:
    """Whether ``word`` keeps the rule of one accent (True if it is no word the rule is
    for: not all Greek letters, capitals, or one syllable)."""
    if not word or any(script_of(c) != "GREEK" or not is_letter(c) for c in word):
        return True
    if sum(c.isupper() for c in word) > 1:
        return True
    lower = word.lower()
    # (a syllable per run of vowels: "μιας", "ποιος" are one, and written without accent)
    syllables = sum(
        1
        for k, c in enumerate(lower)
        if c in GREEK_VOWELS and (not k or lower[k - 1] not in GREEK_VOWELS)
    )
    return syllables < 2 or sum(c in GREEK_ACCENTED for c in word) == 1


def case_surprises(text: str, across_words: bool = True) -> int:
    """How many non-ASCII capitals of ``text`` stand where a capital is unusual.

    That is inside a word after a lowercase letter ("MeteorologovÊ", "ЮеЮ"), or, where
    ``across_words``, starting a word that follows a lowercase word ("liliac În
    Apuseni"). Sibling codecs differ in case only: cp1250 reads Romanian "în" as "În",
    ISO-8859-2 reads it right.
    """
    count = 0
    for index, char in enumerate(text):
        if char.isascii() or not char.isupper() or not index:
            continue
        before = text[index - 1]
        if before.islower() or (
            across_words and before == " " and text[index - 2 : index - 1].islower()
        ):
            count += 1
    return count


def text_style_pictographs(text: str) -> int:
    """How many symbols of ``text`` that could be emoji show as text, with no selector.

    Sibling codecs may read one emoji two ways (cp1252 "⚜" or ISO-8859-15 "⚽" for the
    same bytes): headlines use the pictographs that show as emoji by default (East Asian
    width "W") far more, and write the others ("❄️") with the emoji selector U+FE0F.
    """
    count = 0
    for index, char in enumerate(text):
        if char < "\u2190" or "\u2bff" < char < "\U0001f000":
            continue  # (arrows, mathematical and technical symbols, dingbats, emoji)
        if unicodedata.category(char) in ("So", "Sk") and unicodedata.east_asian_width(char) != "W":
            count += text[index + 1 : index + 2] != "\ufe0f"
    return count


def word_list_choice(
    candidates: Iterable[str],
    left: str,
    right: str,
    capital: bool = False,
    language: Language | None = None,
) -> str | None:
    """The one candidate that makes ``left + candidate + right`` a known word, if just one
    (or one far more frequent than the others: see :func:`most_frequent_spellings`).

    Two that differ only in case (``č``, ``Č``) count as one, in the case of the word
    (a ``capital`` if the word starts a sentence and the candidate starts the word).
    """
    if not left and not right:
        return None
    spelled = [
        c
        for c in candidates
        if is_letter(c) and c not in UNLISTED_MARKS and is_known_word(left + c + right)
    ]
    return in_case_of(
        most_frequent_spellings(spelled, lambda c: left + c + right, language),
        left + right,
        capital and not left,
    )


def less_frequent_spelling(
    choice: str,
    candidates: Iterable[str],
    left: str,
    right: str,
    language: Language | None = None,
) -> bool:
    """Whether ``choice`` (made by letter pairs) spells a rarer word than another of the
    ``candidates`` that make known words between ``left`` and ``right``, or none where
    two do. Of known words within ten times of each other (which the word lookup leaves
    open), letter pairs may pick only the most frequent, not "сдаст" for "сдают"; the
    letter stays "�" where the lists, pooled over languages, rank another language's
    word first (Bulgarian "моят" before Russian "мост")."""
    frequencies: dict[str, int] = {}
    for candidate in candidates:
        if is_letter(candidate) and candidate not in UNLISTED_MARKS:
            frequency = frequency_in(left + candidate + right, language)
            if frequency:
                frequencies[candidate.lower()] = frequency
    if len(frequencies) < 2:
        return False
    return frequencies.get(choice.lower(), 0) < max(frequencies.values())


# Scripts whose words are looked up inside a run of letters: Chinese and Japanese have
# no spaces, Korean glues particles and compounds together ("작년보다", "소비자물가").
UNSPACED_SCRIPTS = frozenset({"HAN", "HANGUL"})
# The longest stretch of an unspaced run looked up as a word around a lost character.
LONGEST_UNSPACED_WORD = 8
# (Two lost characters of 19 or 23 options each, as cp874 leaves Thai, are not tried.)
MAX_UNSPACED_FILLINGS = 100
# Thai is written without spaces too, but its word list holds many fragments ("นัญ",
# "แหม่"): a Thai word settles a lost letter only where it stands out (see thai_filling).
THAI_WORD = 4  # letters: a word at least this long...
THAI_WORD_MARGIN = 2  # ...and this much longer than any other filling's wins
THAI_FREQUENCY_MARGIN = 20  # or one 100 times as frequent (tenths of a Zipf value)
# With more fillings than this (cp874 loses 23 consonants alike), words by chance abound:
# the longest must stand out by one more letter, and frequency alone decides nothing.
THAI_FREQUENCY_FILLINGS = 16
LONGEST_THAI_WORD = 12
LOOKED_UP_RUNS = UNSPACED_SCRIPTS | {"THAI"}


def unspaced_word_choice(
    candidates: Iterable[str], left: str, right: str, shortest: int = 2
) -> str | None:
    """The one candidate inside the longest known word of Chinese, Japanese, Korean or
    Thai: :func:`unspaced_filling` of one lost character between ``left`` and ``right``,
    the letters of the same run before and after it ("同比" beside "上涨", not "匈比";
    "소비자", not "소비읍")."""
    found = unspaced_filling([tuple(candidates)], f"{left}\0{right}", [len(left)], shortest)
    return found[0] if found else None


def unspaced_filling(
    options: list[tuple[str, ...]], text: str, positions: list[int], shortest: int = 2
) -> tuple[str, ...] | None:
    """The one filling of the lost ``positions`` of an unspaced run ``text`` (characters
    of ``options`` each) that alone makes the longest known word through them all.

    Words of up to :data:`LONGEST_UNSPACED_WORD` characters are tried; None when no word
    of ``shortest`` characters or more is known, two fillings tie (and the split of the
    run into words does not settle it, see :func:`_best_segmented`), or there are more than
    :data:`MAX_UNSPACED_FILLINGS`. Thai, whose word list holds fragments, needs more (see
    :func:`thai_filling`).
    """
    if any(script_of(c) == "THAI" for choices in options for c in choices):
        return thai_filling(options, text, positions)
    letters = [
        # (compatibility and extension ideographs are no one's lost letter)
        [c for c in choices if script_of(c) in UNSPACED_SCRIPTS and not is_rare(c)]
        for choices in options
    ]
    if math.prod(len(choices) for choices in letters) > MAX_UNSPACED_FILLINGS:
        return None
    best_length, best = shortest - 1, []
    for filling in itertools.product(*letters):
        length = _longest_word_over(filled(text, positions, "".join(filling)), positions)
        if length > best_length:
            best_length, best = length, [filling]
        elif length == best_length and best:
            best.append(filling)
    if len(best) == 1:
        return best[0]
    if any(not is_letter(c) for choices in options for c in choices):
        return None  # (word lists count no punctuation: "、" is as likely as nothing)
    return _best_segmented(best, text, positions)


# Where fillings tie for the longest word, one is taken if the likeliest split of its
# stretch of the run into listed words is this much likelier than with any other (tenths
# of a Zipf value: 20 is a hundred times).
SEGMENTATION_MARGIN = 20
# A Zipf value of 9, in tenths: a word of every billion. A listed word costs its distance
# below it; a character no listed word holds costs it all, as a word never seen would.
ZIPF_CEILING = 90


def _best_segmented(
    fillings: list[tuple[str, ...]], text: str, positions: list[int]
) -> tuple[str, ...] | None:
    """The one of ``fillings`` (tied for the longest word) whose stretch of ``text``
    splits into far likelier listed words than with any other: "云南发现", not "云南向现",
    though "南向" is a word as long as "发现"; None if none stands out."""
    if len(fillings) < 2:
        return None
    start = max(0, positions[0] - LONGEST_UNSPACED_WORD + 1)
    end = min(len(text), positions[-1] + LONGEST_UNSPACED_WORD)
    scored = sorted(
        (_split_cost(filled(text, positions, "".join(f))[start:end]), f) for f in fillings
    )
    if scored[1][0] - scored[0][0] >= SEGMENTATION_MARGIN:
        return scored[0][1]
    return None


def _split_cost(text: str) -> int:
    """How unlikely the likeliest split of ``text`` into listed words is (the sum of each
    word's distance below :data:`ZIPF_CEILING`; "\\0" is a character not yet known)."""
    best = [0] + [ZIPF_CEILING * len(text)] * len(text)
    for end in range(1, len(text) + 1):
        for start in range(max(0, end - LONGEST_UNSPACED_WORD), end):
            word = text[start:end]
            frequency = 0 if "\0" in word else word_frequency(word)
            if frequency or len(word) == 1:
                best[end] = min(best[end], best[start] + ZIPF_CEILING - frequency)
    return best[-1]


def _longest_word_over(text: str, positions: list[int]) -> int:
    """The length of the longest known word of ``text`` through all ``positions``."""
    first, last = positions[0], positions[-1]
    longest = 1
    for start in range(max(0, last + 1 - LONGEST_UNSPACED_WORD), first + 1):
        for end in range(min(len(text), start + LONGEST_UNSPACED_WORD), last, -1):
            if end - start <= longest:
                break
            if is_known_word(text[start:end]):
                longest = end - start
    return longest


def thai_filling(
    options: list[tuple[str, ...]], text: str, positions: list[int]
) -> tuple[str, ...] | None:
    """The one filling of the lost ``positions`` of a Thai run ``text`` that spells a known
    word through them all, far better than any other filling does.

    Each filling is known by the longest word it spells through the positions that fits
    between known words (the letters before it end one, or are none; those after it
    start one), the most frequent of the longest. It wins with a word of
    :data:`THAI_WORD` letters or more, longer by :data:`THAI_WORD_MARGIN` than any other
    filling's ("รัฐสภา", not "รัก"); or with a word no shorter than any other's and
    :data:`THAI_FREQUENCY_MARGIN` more frequent than each ("ใหม่", not the fragment
    "แหม่"); with more than :data:`THAI_FREQUENCY_FILLINGS` fillings, only with a word
    one letter longer still. None otherwise, and where there are more than
    :data:`MAX_UNSPACED_FILLINGS`.
    """
    letters = [[c for c in o if script_of(c) == "THAI" and not is_rare(c)] for o in options]
    if math.prod(len(choices) for choices in letters) > MAX_UNSPACED_FILLINGS:
        return None
    found = {
        filling: _longest_thai_word(filled(text, positions, "".join(filling)), positions)
        for filling in itertools.product(*letters)
    }
    if len(found) < 2:
        return None
    by_length = sorted(found, key=lambda f: found[f], reverse=True)
    length, other_length = found[by_length[0]][0], found[by_length[1]][0]
    many = len(found) > THAI_FREQUENCY_FILLINGS
    if length >= THAI_WORD and length - other_length >= THAI_WORD_MARGIN + many:
        return by_length[0]
    if many:
        return None
    by_frequency = sorted(found, key=lambda f: found[f][1], reverse=True)
    best, runner_up = found[by_frequency[0]], found[by_frequency[1]]
    if best[0] >= max(n for n, _ in found.values()) and (
        best[1] - runner_up[1] >= THAI_FREQUENCY_MARGIN
    ):
        return by_frequency[0]
    return None


def _longest_thai_word(text: str, positions: list[int]) -> tuple[int, int]:
    """The length and frequency of the longest known word of ``text`` through all
    ``positions`` that fits between known words, the most frequent of the longest
    ((1, 0) if none)."""
    first, last = positions[0], positions[-1]
    best = (1, 0)
    for start in range(max(0, last + 1 - LONGEST_THAI_WORD), first + 1):
        for end in range(min(len(text), start + LONGEST_THAI_WORD), last, -1):
            if end - start < max(best[0], 2):
                break  # (a lone letter is no evidence: "ๆ" is a word of its own)
            word = text[start:end]
            frequency = word_frequency(word)
            if (
                frequency
                and (end - start, frequency) > best
                and (not start or _ends_a_word(text[:start]))
                and (end == len(text) or _starts_a_word(text[end:]))
            ):
                best = (end - start, frequency)
    return best


def _ends_a_word(text: str) -> bool:
    """Whether ``text`` ends in a known word of two letters or more."""
    longest = min(len(text), LONGEST_THAI_WORD)
    return any(is_known_word(text[len(text) - n :]) for n in range(2, longest + 1))


def _starts_a_word(text: str) -> bool:
    """Whether ``text`` starts with a known word of two letters or more."""
    return any(is_known_word(text[:n]) for n in range(2, min(len(text), LONGEST_THAI_WORD) + 1))


def in_case_of(spellings: list[str], word: str, capital: bool = False) -> str | None:
    """The one spelling of ``spellings`` (up to case) in the case ``word`` is written in.

    A word of capitals (two or more) takes capitals; otherwise small letters, but for a
    first letter that is a ``capital`` (the word starts a sentence).

    >>> in_case_of(["č", "Č"], "rozpotu"), in_case_of(["č", "Č"], "ROZPOTU")
    ('č', 'Č')
    >>> in_case_of(["č", "Č"], "K"), in_case_of(["č", "Č"], "eská", capital=True)
    ('č', 'Č')
    """
    if len({s.lower() for s in spellings}) != 1:
        return None
    if len(spellings) == 1:
        return spellings[0]
    cased = [c for c in word if c.isupper() or c.islower()]
    if len(cased) > 1 and all(c.isupper() for c in cased):
        matching = [s for s in spellings if s.isupper()]
    elif capital:
        matching = [s for s in spellings if s[0].isupper() and s[1:] == s[1:].lower()]
    else:
        matching = [s for s in spellings if s.islower()]
    return matching[0] if len(matching) == 1 else None


# What may stand between the end of a sentence and the first letter of the next.
SENTENCE_OPENERS = " \"'“„«‘‚([¿¡"


def starts_sentence(before: str) -> bool:
    """Whether a word after ``before`` (the line up to it) starts a sentence."""
    stripped = before.rstrip(SENTENCE_OPENERS)
    return not stripped or stripped[-1] in ".!?"


def _likelihood_token(char: str, symbols: bool) -> str:
    """``char`` as :func:`word_likelihood` sees it: a letter, a symbol, or a word boundary.

    Non-ASCII symbols and digits stay themselves (digits as "0"), so that one glued to a
    letter ("÷rsins", "تغ٦٦ر", "۱ۓ۰۵") is scored as a pair no word has; punctuation,
    spaces and ASCII characters other than letters are word boundaries.
    """
    if is_letter(char):
        lower = char.lower()
        return lower if len(lower) == 1 else char  # "İ" lowercases to two characters
    if not symbols or char.isascii():
        return " "
    category = unicodedata.category(char)
    if category == "Nd":
        return "0"  # digits of any script alike: a number is free, a digit in a word is not
    return char if category[0] in "SN" else " "


def word_likelihood(text: str, symbols: bool = True) -> float:
    """Log-likelihood of the letter pairs of ``text`` that involve a non-ASCII character.

    Used to choose between codecs that both decode a line into plausible letters
    (cp1252 or ISO-8859-15, cp1253 or ISO-8859-7): the right one spells real words. A pair
    is scored given its first letter (its second at a word start). A symbol, digit or
    mark that no word contains cannot be conditioned on: such a pair is scored given its
    other character, so that "÷" or a stray combining mark inside a word costs what an
    unseen pair costs rather than nothing.

    With ``symbols`` false, symbols and digits are word boundaries and unseen characters
    cost nothing: for a line with mojibake still to undo, whose symbols glued to letters
    are bytes of the next layer rather than spelling.
    """
    from normtext.repair._frequency import BIGRAM, UNIGRAM

    total = 0.0
    previous = " "
    for char in text:
        current = _likelihood_token(char, symbols)
        if current != " " or previous != " ":
            pair = previous + current
            if not pair.isascii():
                first, second = (previous, current) if previous != " " else (current, previous)
                base = UNIGRAM.get(first, 0)
                if not base and symbols and unicodedata.category(first)[0] in "SNM":
                    base = UNIGRAM.get(second, 0)
                total += math.log((BIGRAM.get(pair, 0) + 1) / (base + 1))
        previous = current
    return total


def _neighbour(char: str) -> str | None:
    """A neighbour as the frequency tables spell it: a lowercase letter, or a word edge."""
    if not char:
        return None  # unknown (itself lost): says nothing
    return char.lower() if is_letter(char) else " "


def likelihood(candidate: str, left: str, right: str) -> float:
    """How often ``candidate`` is written between ``left`` and ``right`` in real words.

    Proportional to P(left, candidate) · P(candidate, right) / P(candidate), from the
    letter and letter-pair counts derived from wordfreq's word lists (see
    ``tools/derive_letter_frequency.py``); counts are smoothed by one.
    """
    from normtext.repair._frequency import UNIGRAM  # large: load when first needed

    char = candidate.lower()
    unigram = UNIGRAM.get(char, 0) + 1
    score = float(unigram)
    before, after = _neighbour(left), _neighbour(right)
    if before is not None:
        score *= (_pair_count(before, char) + 1) / unigram
    if after is not None:
        score *= (_pair_count(char, after) + 1) / unigram
    return score


# Scripts whose word lists are cut finer than the text is spaced: Chinese and Japanese
# by a segmenter, Korean with its particles apart ("에" is a word of the list, "역에" not).
SEGMENTED_SCRIPTS = frozenset({"HAN", "HANGUL"})


def _pair_count(first: str, second: str) -> float:
    """How often ``second`` follows ``first``: inside a word, and in the scripts of
    :data:`SEGMENTED_SCRIPTS` also across the boundary of two words ("数が", "역에": a
    noun, then a particle that the word lists count as a word of its own)."""
    from normtext.repair._frequency import BIGRAM

    count = float(BIGRAM.get(first + second, 0))
    script = script_of(second)
    if script in SEGMENTED_SCRIPTS and script_of(first) == script:
        count += BIGRAM.get(first + " ", 0) * BIGRAM.get(" " + second, 0) / _word_starts(script)
    return count


@cache
def _word_starts(script: str) -> int:
    """How many words of ``script`` the letter-pair counts saw start (at least one)."""
    from normtext.repair._frequency import BIGRAM

    return max(
        1, sum(n for pair, n in BIGRAM.items() if pair[0] == " " and script_of(pair[1]) == script)
    )
