"""Span-wise mojibake repair, layered around ftfy's encoding repair.

For one line:

1. The fast guard: a line with no odd event (see :mod:`plausibility`) is returned as is.
2. ftfy's ``fix_encoding`` runs first: what it repairs, it repairs as it always has. When
   its repair had to write ``�`` for lost bytes, our repair of the original is preferred
   if it restores more.
3. For every codec, each run of characters that codec could have produced is mapped
   back to bytes and decoded as UTF-8, restoring dropped or masked bytes. The decoded
   runs of one word are accepted when they make it less odd and add nothing odd; once a
   codec has shown it is at work in the line, runs that are merely no worse are taken
   too. The codec that leaves the line least odd wins; this repeats for a second and third
   layer of mojibake. A run whose decoding is itself mojibake counts as a repair when the
   next layer's reading makes its words less odd; and where a reading leaves mojibake,
   the best two are each followed one layer further before one is kept.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

import ftfy

from normtext.repair.codecs import REPLACEMENT_MARKS, TABLES, CodecTable, char_class
from normtext.repair.context import (
    EMOJI_SELECTOR,
    FULLWIDTH_COLON,
    LETTER_RUN,
    LONGEST_THAI_WORD,
    LONGEST_UNSPACED_WORD,
    LOOKED_UP_RUNS,
    OPENERS,
    REPLACEMENT,
    UNLISTED_MARKS,
    UNSPACED_SCRIPTS,
    WORD_FREQUENCY_MARGIN,
    case_surprises,
    choose,
    dominant_style,
    filled,
    fillings_in_pairs,
    foreign_letters,
    fullwidth_colon,
    greek_accent_fit,
    in_arabic_spelling,
    in_case_of,
    in_line_alphabet,
    is_known_word,
    is_letter,
    is_rare,
    known_words,
    language_of_words,
    less_frequent_spelling,
    letters_foreign_to,
    line_language,
    listed_fillings,
    listed_frequency,
    most_frequent_spellings,
    one_letter_word,
    quotation_pair,
    quote_edge,
    rarity,
    starts_sentence,
    style_of,
    text_style_pictographs,
    thai_filling,
    unspaced_filling,
    unspaced_word_choice,
    word_frequency,
    word_likelihood,
    word_list_choice,
)
from normtext.repair.plausibility import oddness
from normtext.repair.screen import looks_odd, odd_count
from normtext.repair.utf8 import MASKED, SPACE, Decoded, decode_runs
from normtext.scripts import script_of

MAX_LAYERS = 3
C1_RE = re.compile("[\x80-\x9f]")
WHITESPACE = frozenset(" \t\u00a0\u3000")
THAI = frozenset({"THAI"})


def _in_unlisted_run(text: str) -> bool:
    """Whether ``text`` has a letter of a script written without spaces between words
    (:data:`LOOKED_UP_RUNS`; Korean spaces phrases, not words): a run of their letters is
    seldom a word a list holds."""
    return any(script_of(c) in LOOKED_UP_RUNS for c in text)


@dataclass(frozen=True)
class Patch:
    """Replace ``line[start:end]`` with ``text``."""

    start: int
    end: int
    text: str
    restored: int
    unknown: int
    # Every character written as "�" was surely not a letter (a quotation mark or dash
    # whose last byte was lost).
    lost_only_punctuation: bool = False
    # Where in ``text`` the characters stand of which only the lead byte was left.
    guessed_at: tuple[int, ...] = ()
    # Where in ``text`` the characters stand that lost a byte.
    restored_at: tuple[int, ...] = ()


@dataclass
class Layer:
    """One undone layer of mojibake: which codec, how many bytes restored or unknown."""

    codec: str
    restored: int = 0
    unknown: int = 0

    def __str__(self) -> str:
        text = f"utf-8 read as {self.codec}"
        if self.restored:
            text += f", {self.restored} lost byte{'s' * (self.restored != 1)} restored"
        if self.unknown:
            text += f", {self.unknown} lost for good (written as U+FFFD)"
        return text


@dataclass
class Repaired:
    """A repaired line and the chain that was undone."""

    text: str
    layers: list[Layer] = field(default_factory=list)
    ftfy_steps: list[str] = field(default_factory=list)

    def describe(self) -> str:
        parts = [str(layer) for layer in self.layers]
        if self.ftfy_steps:
            parts.insert(0, "ftfy: " + ", ".join(self.ftfy_steps))
        return "; ".join(parts)


def _run_pattern(table: CodecTable) -> re.Pattern[str]:
    alphabet = char_class("".join(table.to_byte) + "\ufffd")
    # A space between two such characters may be a no-break space (byte 0xA0) that a
    # later step turned into a plain one.
    space = f" (?=[{alphabet}])|" if table.to_byte.get("\u00a0") == 0xA0 else ""
    # A "?" (a byte the decoder could not show) may start a word too: "?…" for Arabic "م",
    # whose lead byte cp1255 leaves undefined.
    masked_start = f"(?:(?<!\\S)\\?+(?=[{alphabet}]))?"
    return re.compile(f"{masked_start}[{alphabet}](?:[{alphabet}]|{space}\\?)*")


RUN_PATTERNS = {table.name: _run_pattern(table) for table in TABLES}
TABLES_BY_NAME = {table.name: table for table in TABLES}
CODEC_RANK = {table.name: rank for rank, table in enumerate(TABLES)}


# Two codecs are siblings when they decode this many of the 64 bytes 0xC0–0xFF (the UTF-8
# leads of letters) alike: cp1250 and ISO-8859-2, cp1252 and ISO-8859-15...
SIBLING_AGREEMENT = 58


def _siblings(table: CodecTable) -> list[CodecTable]:
    """The codecs that decode the lead bytes of letters as ``table`` does."""
    leads = _lead_chars(table)
    return [
        other
        for other in TABLES
        if other is not table
        and sum(a == b for a, b in zip(leads, _lead_chars(other), strict=True))
        >= SIBLING_AGREEMENT
    ]


def _lead_chars(table: CodecTable) -> list[str | None]:
    """What ``table`` decodes each byte 0xC0–0xFF to (None where it holds no character)."""
    by_byte: dict[int, str] = {}
    for char, byte in table.to_byte.items():
        by_byte.setdefault(byte, char)
    return [by_byte.get(byte) for byte in range(0xC0, 0x100)]


SIBLINGS = {table.name: frozenset(o.name for o in _siblings(table)) for table in TABLES}


def _unit(table: CodecTable, char: str, nbsp: bool = True) -> int:
    if char in REPLACEMENT_MARKS:
        return MASKED
    if char == " ":
        return SPACE if nbsp else 0x20  # (a plain space ends the run)
    return table.to_byte[char]


def _window(line: str, start: int, end: int) -> tuple[int, int]:
    """The words around ``line[start:end]`` plus one character each side."""
    while start > 0 and line[start - 1] not in WHITESPACE:
        start -= 1
    while end < len(line) and line[end] not in WHITESPACE:
        end += 1
    return max(start - 1, 0), min(end + 1, len(line))


def _resolve(
    line: str,
    offset: int,
    run: list[Decoded],
    line_style: str,
    before: str,
    after: str | None = None,
) -> Patch:
    """A decoded run as a patch, its lost characters chosen from context.

    ``before`` is the line before the run, with the runs before it decoded; ``after`` the
    line after it, as decoded so far (by default, as it stands).
    """
    chars = [d.options[0] if len(d.options) == 1 else "" for d in run]
    start, end = offset + run[0].start, offset + run[-1].end
    rest, rest_decoded = (line[end:], False) if after is None else (after, True)
    _spell_jointly(run, chars, before, rest)
    _spell_number(run, chars, before[-1:], rest[:1])
    surrounding = dominant_style([c] for c in chars if c) or line_style
    for index, decoded in enumerate(run):
        if chars[index]:
            continue
        left = chars[index - 1] if index else (line[start - 1] if start else "")
        right = chars[index + 1] if index + 1 < len(chars) else rest[:1]
        if not right and index + 1 < len(chars) and EMOJI_SELECTOR in run[index + 1].options:
            right = EMOJI_SELECTOR  # (a selector that lost a byte too: "â„ï¸" is "❄️")
        prefix = before + "".join(chars[:index])
        # (Mojibake after the run, not yet decoded, would only blur the alphabet.)
        context = prefix + "".join(chars[index + 1 :]) + (rest if rest_decoded else "")
        options = in_line_alphabet(decoded.options, context)
        word_start, word_end = _word_around(prefix), _word_after(chars[index + 1 :], rest)
        if word_end is not None:
            options = greek_accent_fit(options, word_start, word_end)
        capital = starts_sentence(prefix[: len(prefix) - len(word_start)])
        language = line_language(context)
        spelled = word_end is not None and word_list_choice(
            options, word_start, word_end, capital, language
        )
        if not spelled and word_start == word_end == "":
            spelled = one_letter_word(options, context)
        if not spelled:
            spelled = _unspaced_choice(options, prefix, chars[index + 1 :], rest, rest_decoded)
        if not spelled and _bare_lead(run):
            # A lone lead byte is repaired only into a known word (or one-letter word), or
            # into the one letter of the line's alphabet that fits the case of its word
            # (Hungarian "lakhatás": á, not å or ß, beside "nőttek").
            spelled = _only_letter_of_alphabet(decoded.options, options, word_start, word_end)
        # (Only decoded text tells which quotes close later: cp874's "โ€“" holds a "“".)
        following = "".join(c or REPLACEMENT for c in chars[index + 1 :]) + (
            rest if rest_decoded else ""
        )
        chars[index] = spelled or choose(options, left, right, surrounding, prefix, following)
        if not spelled and decoded.restored > 1 and len(decoded.options) > MANY_CANDIDATES:
            # (Letter pairs cannot single out one of so many: "教育た" for "教育が".)
            chars[index] = REPLACEMENT
        if not spelled and (
            _runs_into_mojibake(chars[index + 1 :], rest, rest_decoded)
            or (
                word_end is not None
                and less_frequent_spelling(chars[index], options, word_start, word_end, language)
            )
        ):
            chars[index] = REPLACEMENT
    for index, decoded in enumerate(run):
        if decoded.restored and _out_of_place(chars, index, line[start - 1 : start], rest):
            chars[index] = REPLACEMENT
    _spell_unspaced_pairs(run, chars, before, rest, rest_decoded)
    # A lost Han, kana or Hangul character is looked up again among those decided after
    # it ("受" of "の受け入れ", where "け" had lost a byte too; "プ" of "でプログラミング",
    # where "でし" was the one word before the rest was read).
    for index, decoded in enumerate(run):
        if chars[index] == REPLACEMENT or (decoded.restored and len(decoded.options) > 1):
            prefix = before + "".join(chars[:index])
            found = _unspaced_choice(
                decoded.options, prefix, chars[index + 1 :], rest, rest_decoded
            )
            chars[index] = found or chars[index]
            right = chars[index + 1] if index + 1 < len(chars) else rest[:1]
            if chars[index] == REPLACEMENT and fullwidth_colon(
                decoded.options, prefix[-1:], right
            ):
                chars[index] = FULLWIDTH_COLON  # ("提醒：夏季", where "夏" lost a byte too)
    restored = sum(d.restored for d in run)
    punctuation_only = all(
        not any(unicodedata.category(option)[0] in "LM" for option in d.options)
        for d, c in zip(run, chars, strict=True)
        if c == REPLACEMENT
    )
    return Patch(
        start,
        end,
        "".join(chars),
        restored,
        chars.count(REPLACEMENT),
        punctuation_only,
        tuple(index for index, char in enumerate(chars) if _lead_only(run[index], char)),
        tuple(index for index, decoded in enumerate(run) if decoded.restored),
    )


def _runs_into_mojibake(following: list[str], rest: str, rest_decoded: bool) -> bool:
    """Whether the word goes on into mojibake not decoded yet (Turkish "Bo?azÄ±’nda"):
    the letter is left open until the word can be looked up whole (see
    :func:`_decoded_patches`)."""
    if rest_decoded or not all(c and is_letter(c) for c in following):
        return False
    return not (_word_after([], rest) or "").isascii()


def _out_of_place(chars: list[str], index: int, before: str, rest: str) -> bool:
    """Whether restored ``chars[index]`` is what no text writes there: a symbol outside
    the blocks running text uses (cp1253's lost "“" read by ISO-8859-7 as "⤮"), a rare
    Han character (the extension ideographs that kana which lost a byte in the middle
    can give, "翔平鮸手"), or a digit glued to a letter (Tamil "ப்" read as "ம௮")."""
    char = chars[index]
    if _exotic(char) or (script_of(char) == "HAN" and is_rare(char)):
        return True
    if unicodedata.category(char) != "Nd" or char.isascii():
        return False
    left = chars[index - 1] if index else before
    right = chars[index + 1] if index + 1 < len(chars) else rest[:1]
    return is_letter(left or " ") or is_letter(right or " ")


def _lead_only(decoded: Decoded, char: str) -> bool:
    """Whether every byte of ``char`` after its lead byte was restored."""
    return decoded.restored > 0 and decoded.restored >= len(char.encode("utf-8")) - 1


# The digits of Arabic script, each family with its decimal and thousands separators.
EASTERN_DIGITS = ("\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669", "۰۱۲۳۴۵۶۷۸۹")
NUMBER_SEPARATORS = "\u066b\u066c"


def _spell_number(run: list[Decoded], chars: list[str], before: str, after: str) -> None:
    """Write a run that can only be a number in Arabic-script digits as that number.

    cp1255 leaves the lead bytes of Arabic script undefined, and cp874 that of Persian
    digits: "۴۰" (DB B4 DB B0) shows as two masks and their continuation bytes, each of
    which may as well be a rare letter or mark (ڴ, ٰ). A run standing apart from letters,
    each of whose characters is a digit of one family or may be one (or, between two of
    them, the decimal or thousands separator ٫ ٬), is that number ("۱٫۸", "۲ بر ۱").
    """
    if is_letter(before or " ") or is_letter(after or " "):
        return
    for digits in EASTERN_DIGITS:
        number: list[str] = []
        for index, decoded in enumerate(run):
            inner = 0 < index < len(run) - 1
            found = [c for c in decoded.options if c in digits]
            if not found and inner:
                found = [c for c in decoded.options if c in NUMBER_SEPARATORS]
            if len(found) != 1 or (chars[index] and chars[index] != found[0]):
                break
            number.append(found[0])
        else:
            if any(c in digits for c in number) and not any(
                a in NUMBER_SEPARATORS and b in NUMBER_SEPARATORS
                for a, b in itertools.pairwise(number)
            ):
                chars[:] = number
            return


# Most letter combinations tried for one word with several lost characters.
MAX_SPELLINGS = 32768


def _spell_jointly(run: list[Decoded], chars: list[str], before: str, rest: str) -> None:
    """Fill in a word's lost letters together, where just one filling spells a known word.

    A word that lost two or more letters (Russian ``ожидае??ся``) gives letter-pair counts
    too little to go on, one letter at a time; the whole word, looked up, often settles it.
    """
    index = 0
    while index < len(chars):
        if chars[index]:
            index += 1
            continue
        first = index
        while first and is_letter(chars[first - 1]):
            first -= 1
        last = index
        while last < len(chars) and (not chars[last] or is_letter(chars[last])):
            last += 1
        lost = [k for k in range(first, last) if not chars[k]]
        index = last + 1
        if len(lost) < 2:
            continue
        prefix = before + "".join(chars[:first])
        left = _word_around(prefix)
        right = (_word_after([], rest) or "") if last == len(chars) else ""
        word = left + "".join(c or REPLACEMENT for c in chars[first:last]) + right
        positions = [len(left) + k - first for k in lost]
        capital = starts_sentence(prefix[: len(prefix) - len(left)])
        context = before + "".join(chars) + rest
        options = [in_arabic_spelling(run[k].options, context) for k in lost]
        found = _spelling(word, positions, options, capital)
        if found is not None:
            for k, char in zip(lost, found, strict=True):
                chars[k] = char  # ("" where the known words disagree)


def _spelling(
    word: str, positions: list[int], options: list[tuple[str, ...]], capital: bool = False
) -> list[str] | None:
    """The letters for ``word``'s lost ``positions`` that spell a known word.

    Each position takes a letter of its options in the word's case (any case first; a
    first letter, if lost, a ``capital`` where the word starts a sentence); spellings
    that differ only in case count as one. Where several known words fit, one
    ten times as frequent as each other wins (see :func:`most_frequent_spellings`);
    failing that (Russian "инфл??ия" is "инфляция" or "инфляцию"), a position gets the
    letter they all put there and the others stay open (""). Only fillings whose letter
    pairs real words have are tried, at most the :data:`MAX_SPELLINGS` likeliest (every
    filling in Han, Hangul and Thai runs). None if no filling is known, or if a Han,
    Hangul or Thai run has more than :data:`MAX_SPELLINGS` to try.
    """
    known = "".join(c for i, c in enumerate(word) if i not in positions)
    letters = [
        [
            c
            for c in choices
            if is_letter(c) and c not in UNLISTED_MARKS and _case_fits(c, known, position > 0)
        ]
        for position, choices in zip(positions, options, strict=True)
    ]
    if _in_unlisted_run(known):
        if math.prod(len(choices) for choices in letters) > MAX_SPELLINGS:
            return None
        fillings = ["".join(filling) for filling in itertools.product(*letters)]
    else:
        # Only the fillings whose letter pairs real words have are looked up: that keeps
        # wide searches in reach (Serbian capitals through cp1253, "ΠΠΠ’Π" for "НОВИ"),
        # and made-up spellings out of the look-ups.
        fillings = fillings_in_pairs(word, positions, letters, MAX_SPELLINGS)

    spellings = listed_fillings(word, positions, fillings)
    if not spellings:
        return None
    spellings = most_frequent_spellings(spellings, lambda f: filled(word, positions, f))
    initial = capital and positions[0] == 0
    whole = in_case_of(spellings, known, initial)
    if whole is not None:
        return list(whole)
    agreed = []
    for index in range(len(positions)):
        chars = list(dict.fromkeys(spelling[index] for spelling in spellings))
        agreed.append(in_case_of(chars, known, initial and index == 0) or "")
    return agreed if any(agreed) else None


def _bare_lead(run: list[Decoded]) -> bool:
    """A run of one lead byte whose continuation bytes were all lost."""
    return len(run) == 1 and run[0].end - run[0].start == 1 and run[0].restored > 0


def _only_letter_of_alphabet(
    options: tuple[str, ...], in_alphabet: tuple[str, ...], start: str, end: str | None
) -> str:
    """The one letter of ``in_alphabet`` (``options`` narrowed to the line's alphabet) that
    fits the case of the word between ``start`` and ``end``; ``�`` if not just one, or
    if the alphabet ruled nothing out."""
    if end is None or len(in_alphabet) == len(options) or not start + end:
        return REPLACEMENT
    fitting = [c for c in in_alphabet if is_letter(c) and _case_fits(c, start + end, True)]
    return fitting[0] if len(fitting) == 1 else REPLACEMENT


def _case_fits(letter: str, word: str, inside: bool) -> bool:
    """Whether ``letter`` can stand in ``word``: inside it, in the case of its letters."""
    cased = [c for c in word if c.isupper() or c.islower()]
    if not inside or not cased or (not letter.isupper() and not letter.islower()):
        return True
    if all(c.islower() for c in cased):
        return letter.islower()
    if all(c.isupper() for c in cased) and len(cased) > 1:
        return letter.isupper()
    return True


def _unspaced_choice(
    options: tuple[str, ...], prefix: str, following: list[str], rest: str, decoded: bool
) -> str | None:
    """:func:`unspaced_word_choice` between the letters before and after a character
    (``following`` are the run's next characters, "" where still undecided; ``rest``
    the line after the run, ``decoded`` or as it stands)."""
    if not any(script_of(c) in LOOKED_UP_RUNS for c in options):
        return None
    thai = any(script_of(c) == "THAI" for c in options)
    after = "".join(c or "\0" for c in following)
    left, right = _run_around(thai, prefix, after, rest, decoded)
    return unspaced_word_choice(options, left, right, _shortest_word(options))


# More candidates for one lost character than the 81 that the pairs of cp1258's nine
# undefined continuation bytes give: a character that lost two bytes through a codec
# that leaves more undefined (cp1253, cp1255, cp1257), or two masked ones.
MANY_CANDIDATES = 81


def _shortest_word(options: tuple[str, ...]) -> int:
    """The fewest characters of a known word that may decide a lost character of an
    unspaced run: three where it has more than :data:`MANY_CANDIDATES`, one of which
    makes some word of two with almost any neighbour ("引き上げ", but not "教育た")."""
    return 3 if len(options) > MANY_CANDIDATES else 2


def _run_around(
    thai: bool, prefix: str, following: str, rest: str, decoded: bool
) -> tuple[str, str]:
    """The letters of the unspaced run (Han, kana and Hangul, or ``thai``) that end
    ``prefix`` and start ``following + rest``.

    Mojibake after the run, not yet ``decoded``, is no Thai text, though cp874 reads it
    as Thai letters: there a Thai run ends in a "\\0" that no word holds.
    """
    scripts = THAI if thai else UNSPACED_SCRIPTS
    if thai and not decoded and rest[:1] and not rest[:1].isascii():
        rest = "\0"
    return _unspaced_run(prefix[::-1], scripts)[::-1], _unspaced_run(following + rest, scripts)


def _spell_unspaced_pairs(
    run: list[Decoded], chars: list[str], before: str, rest: str, decoded: bool
) -> None:
    """Fill in two characters of an unspaced run given up near each other together, where
    one pair of them alone makes the longest word ("厳重" that lost a byte of each;
    Thai "ใหม่" that lost its first letter and its tone mark)."""
    lost = [k for k, char in enumerate(chars) if char == REPLACEMENT]
    for first, second in itertools.pairwise(lost):
        options = [run[first].options, run[second].options]
        thai = any(script_of(c) == "THAI" for choices in options for c in choices)
        scripts = THAI if thai else UNSPACED_SCRIPTS
        between = "".join(chars[first + 1 : second])
        if (
            chars[first] != REPLACEMENT
            or second - first >= (LONGEST_THAI_WORD if thai else LONGEST_UNSPACED_WORD)
            or _unspaced_run(between, scripts) != between
        ):
            continue
        prefix = before + "".join(chars[:first])
        left, right = _run_around(thai, prefix, "".join(chars[second + 1 :]), rest, decoded)
        text = f"{left}\0{between}\0{right}"
        found = unspaced_filling(options, text, [len(left), len(left) + 1 + len(between)])
        if found:
            chars[first], chars[second] = found


def _unspaced_run(text: str, scripts: frozenset[str] = UNSPACED_SCRIPTS) -> str:
    """The Han, kana or Hangul letters (or those of ``scripts``) that start ``text``."""
    end = 0
    while end < len(text) and is_letter(text[end]) and script_of(text[end]) in scripts:
        end += 1
    return text[:end]


def _word_around(prefix: str) -> str:
    """The letters that end ``prefix``: the start of the word being repaired."""
    start = len(prefix)
    while start and is_letter(prefix[start - 1]):
        start -= 1
    return prefix[start:]


def _word_after(chars: list[str], rest: str) -> str | None:
    """The letters that follow, or None when one of them is itself still undecided."""
    letters = []
    for char in [*chars, *rest]:
        if not char:
            return None
        if not is_letter(char):
            break
        letters.append(char)
    return "".join(letters)


def _mostly_lost(patch: Patch) -> bool:
    """A quarter or more of the characters unknown: that is no repair, just noise."""
    return patch.unknown > 0 and 4 * patch.unknown >= len(patch.text)


def _lost_punctuation(patch: Patch) -> bool:
    """A quotation mark or dash that lost its last byte (``โ€`` before a word)."""
    return patch.text == REPLACEMENT and patch.lost_only_punctuation and patch.end - patch.start > 1


def _decoded_patches(line: str, table: CodecTable, nbsp: bool = True) -> list[Patch]:
    """Every run of ``line`` that decodes as UTF-8 bytes seen through ``table``.

    With ``nbsp`` false, no space is taken for a no-break space.
    """
    dropped = table.lost_byte_candidates(line)
    runs: list[tuple[int, list[Decoded]]] = []
    for match in RUN_PATTERNS[table.name].finditer(line):
        units = [_unit(table, c, nbsp) for c in match.group()]
        if table.shadowed_fill_ins:
            units = table.settle_shadowed(match.group(), units)
        start, end = match.span()
        glued = line[start - 1 : start].isalpha(), line[end : end + 1].isalpha()
        runs.extend(
            (start, run) for run in decode_runs(units, dropped, table.undefined, *glued)
        )
    # The style that most decoded characters allow guides the choice of lost ones.
    line_style = dominant_style(d.options for _, run in runs for d in run)
    patches: list[Patch] = []
    for offset, run in runs:
        before = _apply(line[: offset + run[0].start], patches)
        patches.append(_resolve(line, offset, run, line_style, before))
    # A run decided before the runs after it were: with their letters decoded, the word it
    # is part of may now be known ("st?tního" once "ní" is read).
    for number, ((offset, run), patch) in enumerate(zip(runs, patches, strict=True)):
        if patch.unknown:
            before = _apply(line[: patch.start], patches[:number])
            later = [
                replace(p, start=p.start - patch.end, end=p.end - patch.end)
                for p in patches[number + 1 :]
            ]
            after = _apply(line[patch.end :], later)
            patches[number] = _resolve(line, offset, run, line_style, before, after)
    return _pair_lost_quotes(line, runs, _spell_across_runs(line, runs, patches))


def _pair_lost_quotes(
    line: str, runs: list[tuple[int, list[Decoded]]], patches: list[Patch]
) -> list[Patch]:
    """Fill in the two marks of a quotation that both lost a byte, as a pair.

    Neither mark of ``ג€�naֳ¯veג€�`` (cp1255 loses "“" and "”" alike) is decided alone:
    each may open or close a quotation, and each side waits for the other. A lost mark
    that starts a word and the next one that ends a word are the pair of marks their
    candidates and the line's language allow (see :func:`quotation_pair`).
    """
    if not any(patch.unknown for patch in patches):
        return patches
    text = _apply(line, patches)
    slots = _lost_slots(runs, patches)
    fills: dict[int, str] = {}
    opened: int | None = None
    for position, (_number, _k, options) in slots.items():
        if not any(option in OPENERS for option in options):
            continue
        edge = quote_edge(text[position - 1 : position], text[position + 1 : position + 2])
        if edge == "open":
            opened = position
        elif edge == "close" and opened is not None:
            pair = quotation_pair(slots[opened][2], options, text)
            if pair is not None:
                fills[opened], fills[position] = pair
            opened = None
    return _filled(patches, slots, fills)


def _spell_across_runs(
    line: str, runs: list[tuple[int, list[Decoded]]], patches: list[Patch]
) -> list[Patch]:
    """Fill in the letters still lost in words that span several runs, as one word.

    ``zůst?v?`` (Czech through cp1257, both ``á`` lost) is two runs, each a lone lead
    byte: neither is decided alone, but only ``zůstává`` is a known word.
    """
    if not any(patch.unknown for patch in patches):
        return patches
    text = _apply(line, patches)
    slots = {p: slot for p, slot in _lost_slots(runs, patches).items() if len(slot[2]) > 1}
    fills: dict[int, str] = {}
    for first, last in _words_with(text, slots):
        if last - first < 2 and text[first - 1 : first].strip():
            continue  # glued to a mark or digit: no word stands there ("»، يقول")
        positions = [p for p in range(first, last) if p in slots]
        options = [in_arabic_spelling(slots[p][2], text) for p in positions]
        capital = starts_sentence(text[:first])
        found = _spelling(text[first:last], [p - first for p in positions], options, capital)
        if found is not None:
            fills.update((p, c) for p, c in zip(positions, found, strict=True) if c)
    return _filled(patches, slots, fills)


Slot = tuple[int, int, tuple[str, ...]]


def _lost_slots(runs: list[tuple[int, list[Decoded]]], patches: list[Patch]) -> dict[int, Slot]:
    """Where the patches, applied, still write "�": each position in the line with the
    number of its patch, its place in the patch and the characters it may be."""
    slots: dict[int, Slot] = {}
    shift = 0
    for number, ((_offset, run), patch) in enumerate(zip(runs, patches, strict=True)):
        for k, (decoded, char) in enumerate(zip(run, patch.text, strict=True)):
            if char == REPLACEMENT:
                slots[patch.start + shift + k] = (number, k, decoded.options)
        shift += len(patch.text) - (patch.end - patch.start)
    return slots


def _filled(patches: list[Patch], slots: dict[int, Slot], fills: dict[int, str]) -> list[Patch]:
    """``patches`` with the characters ``fills`` gives for some of their ``slots``."""
    changed = {slots[p][0]: list(patches[slots[p][0]].text) for p in fills}
    for position, char in fills.items():
        number, k, _options = slots[position]
        changed[number][k] = char
    for number, chars in changed.items():
        text_now = "".join(chars)
        patches[number] = replace(
            patches[number], text=text_now, unknown=text_now.count(REPLACEMENT)
        )
    return patches


def _words_with(text: str, slots: Container[int]) -> list[tuple[int, int]]:
    """The spans of the words of ``text`` (letters and ``�``) that hold a slot."""
    spans = []
    start = None
    for position, char in enumerate([*text, " "]):
        if is_letter(char) or char == REPLACEMENT:
            if start is None:
                start = position
            continue
        if start is not None and any(p in slots for p in range(start, position)):
            spans.append((start, position))
        start = None
    return spans


def _apply(line: str, patches: list[Patch]) -> str:
    pieces, position = [], 0
    for patch in patches:
        pieces.append(line[position : patch.start])
        pieces.append(patch.text)
        position = patch.end
    pieces.append(line[position:])
    return "".join(pieces)


# A rare letter in a repair weighs as much as this many odd events: a decoding that
# produces ſ or ў is almost always the wrong one.
RARE_WEIGHT = 3


def _penalty(line: str, patches: list[Patch]) -> int:
    """Rare characters a group of patches adds, less the rare ones it removes.

    Each patch is judged with the character before it, on which a mark it starts with sits.
    """
    added = 0
    for patch in patches:
        before = line[max(patch.start - 1, 0) : patch.start]
        added += rarity(before + patch.text) - rarity(line[patch.start - len(before) : patch.end])
    return RARE_WEIGHT * added


def _guessed(line: str, patch: Patch) -> bool:
    """Whether ``patch`` restored a byte with no mark ("?", "�") where it was lost.

    Such a byte is a guess that a decoder dropped it, which must earn its place.
    """
    return patch.restored > 0 and not any(
        mark in line[patch.start : patch.end] for mark in REPLACEMENT_MARKS
    )


# Punctuation that stands glued to the edge of a word: quotes, brackets, dashes.
EDGE_PUNCTUATION = frozenset({"Pi", "Pf", "Ps", "Pe", "Pd"})
# An apostrophe stands inside a word ("firm’s", "l’inflation", "Karadeniz’de").
APOSTROPHES = frozenset("’'")
# Signs that end a name ("SmartHome™").
NAME_MARKS = frozenset("™®")


def _fits_a_word_edge(char: str) -> bool:
    """Whether ``char`` is punctuation that words carry glued to an edge: a quote,
    bracket or dash, a low quote, the ellipsis, a Spanish opening mark."""
    return unicodedata.category(char) in EDGE_PUNCTUATION or char in "‚„…¿¡"


def _unlettered(line: str, patch: Patch) -> bool:
    """Whether ``patch`` writes a symbol into a word where only letters stood (cp866's
    clean "Москве" read as "Мо᪢е"): no harmless change does that. A whole word may
    become a symbol ("вљЅ" is cp1251's "⚽"), a word's edge a quote ("ÂĢEin"), a
    Spanish opening mark ("ÂŋCuándo") or a trademark sign, and its inside an apostrophe
    (cp850's "firmÔÇÖs")."""
    if not all(is_letter(c) for c in line[patch.start : patch.end]):
        return False
    written = [c for c in patch.text if not is_letter(c) and c not in APOSTROPHES]
    left = is_letter(line[patch.start - 1 : patch.start] or " ")
    right = is_letter(line[patch.end : patch.end + 1] or " ")
    if not written or not (left or right):
        return False
    return (left and right) or any(
        not _fits_a_word_edge(c) and not (c in NAME_MARKS and left) for c in written
    )


def _exotic(char: str) -> bool:
    """A symbol or punctuation mark outside the blocks running text uses: Latin-1, Arabic
    (its comma, question mark, percent sign and decimal separator: "، ؟ ٪ ٫"), general
    punctuation, currency, letterlike, arrows and mathematical operators, dingbats and
    miscellaneous symbols, CJK punctuation, fullwidth forms and emoji."""
    if unicodedata.category(char)[0] not in "SP":
        return False
    return not (
        char < "\u0100"
        or "\u0600" <= char <= "\u06ff"
        or "\u2000" <= char <= "\u22ff"
        or "\u2600" <= char <= "\u27bf"
        or "\u3000" <= char <= "\u303f"
        or "\uff00" <= char <= "\uffef"
        or char >= "\U0001f000"
    )


def _earns_place(line: str, patch: Patch, group: list[Patch]) -> bool:
    """Whether ``patch`` shares a word with another patch of ``group`` (no space between
    them), or repairs its own word or does it no harm."""
    for other in group:
        if other is patch:
            continue
        low, high = sorted((other, patch), key=lambda p: p.start)
        if not any(c in WHITESPACE for c in line[low.end : high.start]):
            return True
    return _judge(line, [patch]) is not None


def _grouped_by_word(line: str, patches: list[Patch]) -> list[list[Patch]]:
    groups: list[list[Patch]] = []
    last_end = -1
    for patch in patches:
        start, end = _window(line, patch.start, patch.end)
        if groups and start < last_end:
            groups[-1].append(patch)
        else:
            groups.append([patch])
        last_end = end
    return groups


def _scripts(text: str) -> set[str]:
    """The scripts of the letters in ``text`` (Mathematical Alphanumerics count as one)."""
    found = set()
    for char in text:
        script = style_of(char)[:12] or script_of(char)
        if script and script != "INHERITED":
            found.add(script)
    return found


def _read_with(table: CodecTable, text: str) -> str | None:
    """``text`` read back as UTF-8 bytes seen through ``table``, if it is that whole."""
    raw = table.bytes_of(text)
    if raw is None:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _judge_as_inner_layer(line: str, group: list[Patch], start: int, end: int) -> bool:
    """Whether the group, though odd itself, is the inner layer of double mojibake.

    The outer layer of ``ÃŽâ€”`` decodes to ``Î—``, itself UTF-8 read with a wrong codec:
    it mixes scripts and rare letters as any mojibake does and may look no better than
    before. It is a repair when its every run, read as UTF-8 once more with one codec,
    leaves the words less odd than they were (which codec did it is the next layer's
    to decide).
    """
    before = oddness(line[start:end])
    for table in _candidate_tables("".join(p.text for p in group)):
        twice = []
        for patch in group:
            text = _read_with(table, patch.text)
            if text is None or text == patch.text:
                break
            shifted = replace(patch, start=patch.start - start, end=patch.end - start, text=text)
            twice.append(shifted)
        else:
            if oddness(_apply(line[start:end], twice)) < before:
                return True
    return False


def _judge(line: str, group: list[Patch]) -> bool | None:
    """True if the group repairs its words, False if it does no harm, None to reject it."""
    verdict = _judge_alone(line, group)
    if verdict is None and not any(p.unknown or p.restored for p in group):
        start, end = _window(line, group[0].start, group[-1].end)
        if _judge_as_inner_layer(line, group, start, end):
            return True
    return verdict


def _judge_alone(line: str, group: list[Patch]) -> bool | None:
    """:func:`_judge` on what the group itself makes of its words."""
    if len(_scripts("".join(p.text for p in group))) > 1:
        return None  # a real word is written in one script; random bytes are not
    start, end = _window(line, group[0].start, group[-1].end)
    covered = sum(p.end - p.start for p in group)
    if 2 * covered < sum(1 for c in line[start:end] if not c.isascii()):
        return None  # fragments decoded out of a larger mess: a coincidence, not a repair
    unlettered = any(_unlettered(line, p) for p in group)
    if unlettered and (
        len(_scripts(line[start:end])) <= 1 or any(_exotic(c) for p in group for c in p.text)
    ):
        # Letters turned into a symbol inside their word, where the word was in one script
        # or the symbol is one nobody writes in a word: ISO-8859-5's reading of Macedonian
        # capitals ("ТАЈНАТА" as "°ЈНА°"), cp866's of Ukrainian with a Latin "i" ("тобi"
        # as "⮡i"), not a repair.
        return None
    before = oddness(line[start:end])
    shifted = [replace(p, start=p.start - start, end=p.end - start) for p in group]
    penalty = _penalty(line, group)
    repaired = _apply(line[start:end], shifted)
    if any(p.restored for p in group) and case_surprises(repaired, across_words=False) > (
        case_surprises(line[start:end], across_words=False)
    ):
        # Bytes made up into capitals after small letters of the same word ("ЮеЮ" for
        # "НСИ"): a guess that writes no real word.
        return None
    if _made_up_words(repaired, shifted):
        return None
    after = oddness(repaired) + penalty
    if after < before:
        return True
    if (
        after == before
        and penalty <= 0
        and not unlettered
        and not any(p.unknown for p in group)
        and len(_scripts(repaired)) <= 1  # harmless only if it leaves words in one script
        and (
            # A byte guessed dropped must make the words likelier: "ŮŮŠ" is "في", but
            # "Свиленград" is no "јвиленград"; or spell far more frequent words ("vá»"
            # reads as a word and a guillemet, but "về" is ten times as frequent as "vá").
            not any(_guessed(line, p) for p in group)
            or _one_letter_word(repaired)
            or word_likelihood(repaired) > word_likelihood(line[start:end])
            or listed_frequency(repaired)
            >= listed_frequency(line[start:end]) + WORD_FREQUENCY_MARGIN
        )
    ):
        return False
    return None


def _one_letter_word(text: str) -> bool:
    """Whether ``text`` is a word of one letter alone, one its language writes (cp1257's
    "į»" is Vietnamese "ở", at; it reads as "į" and a guillemet, which nothing marks as
    odd)."""
    words = LETTER_RUN.findall(text)
    return (
        len(words) == 1
        and len(words[0]) == 1
        and one_letter_word((words[0],), words[0]) is not None
    )


def _made_up_words(text: str, patches: list[Patch]) -> bool:
    """Whether a word of ``text`` (the patches applied) is no known word though half its
    letters, two or more, were restored from a lone lead byte: letter pairs alone cannot
    vouch for so many guesses (ISO-8859-7 reads Serbian capitals through cp1253, "ΠΠΠ’Π"
    for "НОВИ", as "ЮЮТЮ", every lost byte its 0xAE)."""
    restored: set[int] = set()
    shift = 0
    for patch in patches:
        restored.update(patch.start + shift + k for k in patch.guessed_at)
        shift += len(patch.text) - (patch.end - patch.start)
    for start, end in _words_with(text, restored):
        word = text[start:end]
        if _in_unlisted_run(word):
            continue
        guesses = sum(1 for k in range(start, end) if k in restored)
        if guesses >= 2 and 2 * guesses >= len(word) and not is_known_word(word):
            return True
    return False


def _reads_space_as_nbsp(line: str, patch: Patch) -> bool:
    """Whether ``patch`` took a plain space for a no-break space (byte 0xA0)."""
    return " " in line[patch.start : patch.end]


def _accepted(line: str, table: CodecTable) -> list[Patch]:
    """The patches of ``table`` that make ``line`` less odd (see the module doc)."""
    strong: list[Patch] = []
    weak: list[Patch] = []
    decoded = _decoded_patches(line, table)
    patches = [p for p in decoded if not _mostly_lost(p)]
    # Reading a space as 0xA0 is a guess that joins two words: in ISO-8859-5 or cp866
    # every word of real Cyrillic that ends in а–п would otherwise read as one letter
    # before the next word. Such a patch must repair its words on its own; where it does
    # not, the words it joined are decoded apart.
    # (Nor when reading the space as a space does as well: "падна аПаОаД" ends in a
    # clean "а", not in the lead byte of "Р".)
    spaced = [p for p in patches if _reads_space_as_nbsp(line, p)]
    patches = [p for p in patches if p not in spaced]
    rejected: list[Patch] = []
    unspaced = (
        [p for p in _decoded_patches(line, table, nbsp=False) if not _mostly_lost(p)]
        if spaced
        else []
    )
    for patch in spaced:
        apart = [p for p in unspaced if patch.start <= p.start and p.end <= patch.end]
        if (
            _judge(line, [patch])
            and _penalty(line, [patch]) <= 0  # (no rare letter: "краѠна" is "края на")
            and (not apart or _reads_better_joined(line, patch, apart))
        ):
            strong.append(patch)
        else:
            rejected.append(patch)
    if rejected:
        patches += [
            p for p in unspaced if any(r.start <= p.start and p.end <= r.end for r in rejected)
        ]
        patches.sort(key=lambda p: p.start)
    for group in _grouped_by_word(line, patches):
        verdict = _judge(line, group)
        if verdict is None and len(group) > 1:
            # One bad run must not sink the good ones of the same word: judge each alone.
            for patch in group:
                alone = _judge(line, [patch])
                (strong if alone else weak if alone is False else []).append(patch)
            continue
        if verdict and len(group) > 1:
            # A patch rides on its neighbours' repair only inside the same word: a clean
            # word next to a garbled one is not changed unless that does no harm on its
            # own ("Свиленград Рµ" is not read as lossy, cp866's "нарасна ╤Б" is not
            # read as "нара᭠").
            group = [p for p in group if _earns_place(line, p, group)]
        (strong if verdict else weak if verdict is False else []).extend(group)
    if not strong:
        return []
    accepted = sorted(strong + weak, key=lambda p: p.start)
    lost = [p for p in decoded if _lost_punctuation(p)]
    if lost:
        # A lone "�" for lost punctuation is written only where it finishes the job: in a
        # line that would stay garbled it just adds noise.
        with_lost = sorted(accepted + lost, key=lambda p: p.start)
        if not _remaining(line, _apply(line, with_lost)):
            accepted = with_lost
    return _with_lost_letters(line, accepted, decoded)


def _reads_better_joined(line: str, patch: Patch, apart: list[Patch]) -> bool:
    """Whether ``patch``, which takes a space for a no-break space, reads better than the
    ``apart`` patches that keep the space: less odd, or as odd with far more frequent
    words ("Ð ÑƒÑ�Ñ�ÐºÐ¸Ð¹" is "Русский", not a stray "Ð" before "усякий")."""
    joined, separate = _apply(line, [patch]), _apply(line, apart)
    odd_joined, odd_separate = odd_count(joined), odd_count(separate)
    return odd_separate > odd_joined or (
        odd_separate == odd_joined
        and listed_frequency(joined) >= listed_frequency(separate) + WORD_FREQUENCY_MARGIN
    )


def _with_lost_letters(line: str, accepted: list[Patch], decoded: list[Patch]) -> list[Patch]:
    """``accepted``, plus a "�" for each lone lead byte that is odd where it stands.

    In ``vÄasné`` the ``Ä`` is a letter's first byte whose second was lost (``č``, ``ć``
    or ``ď``; no known word decides): once the rest of the line is repaired, the ``Ä``
    is written as ``�``, but only where it was itself an odd event (``Ärger`` stays).
    """
    remaining = _remaining(line, _apply(line, accepted))
    for patch in decoded:
        if patch.text != REPLACEMENT or patch.end - patch.start != 1 or not patch.restored:
            continue
        trial = sorted([*accepted, patch], key=lambda p: p.start)
        left = _remaining(line, _apply(line, trial))
        if left < remaining:
            accepted, remaining = trial, left
    return accepted


def _remaining(before: str, after: str) -> int:
    """Odd events of ``after`` that are mojibake still to undo.

    C1 controls a layer leaves are the bytes of the next one, and a ``�`` it writes is a
    character known to be lost (counted apart, as unknown): neither counts against it.
    """
    introduced_c1 = max(0, len(C1_RE.findall(after)) - len(C1_RE.findall(before)))
    introduced_lost = max(0, after.count(REPLACEMENT) - before.count(REPLACEMENT))
    return odd_count(after) - introduced_c1 - introduced_lost


def _pair_pattern(table: CodecTable) -> re.Pattern[str]:
    leads = char_class(table.lead_chars + "\ufffd")
    continuations = char_class(table.continuation_chars + "\ufffd")
    return re.compile(f"[{leads}][{continuations}?]")


# A codec can only have made a line if it shows a lead byte followed by a continuation
# byte (or a mask) somewhere in it: one scan rules most codecs out.
PAIR_PATTERNS = {table.name: _pair_pattern(table) for table in TABLES}


def _bare_lead_pattern(table: CodecTable) -> re.Pattern[str]:
    """A lead byte of ``table`` inside a Latin word, or ending or starting a word of
    small letters."""
    leads = char_class(table.lead_chars)
    return re.compile(
        f"(?<=[A-Za-z])[{leads}](?=[A-Za-z])|(?<=[a-z]{{2}})[{leads}](?![^\\W\\d_])"
        f"|(?<!\\w)[{leads}](?=[a-z]{{2}})"
    )


# Or, for a codec that loses bytes, a lead byte inside a Latin word, or ending or
# starting one of small letters: all that is left of "ß" in "beschlieΓt" (cp1253 drops
# its 0x9F), of "ă" in "dupÄ" (cp1250 drops its 0x83), of "Ä" in "รpfel" (cp874 drops
# its 0x84). ("SENSЕ" is a Latin word with a Cyrillic letter, not cp1251's "Ř" that
# lost its 0x98.)
BARE_LEAD_PATTERNS = {table.name: _bare_lead_pattern(table) for table in TABLES if table.undefined}


def _candidate_tables(line: str) -> list[CodecTable]:
    """The codecs whose decoding of some UTF-8 lead and continuation byte is in ``line``
    (or of a lead byte alone, glued to a word, for a codec that loses bytes)."""
    found = [table for table in TABLES if PAIR_PATTERNS[table.name].search(line)]
    if found:
        return found
    return [
        table
        for table in TABLES
        if (pattern := BARE_LEAD_PATTERNS.get(table.name)) and pattern.search(line)
    ]


class Rank(NamedTuple):
    """How good a one-codec reading of a line is; smaller is better, field by field."""

    odd_events: int  # left in the line
    unknown: int  # characters given up as "�"
    rare: int  # rare letters written
    unknown_words: int  # minus the known words spelled
    unlikelihood: float  # minus the letter-pair log-likelihood, to one decimal
    misplaced_capitals: int
    text_style_pictographs: int
    made_up: int  # bytes restored
    codec_rank: int
    # Letters that no single alphabet holds with the rest: not part of the order, it picks
    # between readings about as likely (see _prefer_one_alphabet).
    foreign_letters: int

    def rivals(self, other: Rank) -> bool:
        """Whether ``other`` reads about as well: as odd, as many unknown, rare and known,
        about as likely, no more foreign letters, capitals and pictographs as fitting."""
        return (
            other[:4] == self[:4]
            and other.unlikelihood - self.unlikelihood < LIKELIHOOD_MARGIN
            and other.foreign_letters <= self.foreign_letters
            and other[5:7] == self[5:7]
        )


Candidate = tuple[Rank, str, Layer]


def _reading(line: str, chars: list[str], masked: bool, table: CodecTable) -> tuple[object, ...]:
    """The parts of ``table`` that :func:`_accepted` reads for ``line``: the byte of each
    of its non-ASCII ``chars``, whether a space may be a no-break space, the bytes that
    may have been lost, and (where the line is ``masked``) those a "�" or "?" may stand
    for."""
    return (
        tuple(table.to_byte.get(c) for c in chars),
        tuple(table.shadowed_fill_ins.get(c) for c in chars if c in table.shadowed_fill_ins),
        table.to_byte.get("\u00a0") == 0xA0,
        table.lost_byte_candidates(line),
        table.undefined if masked else None,
    )


def _layer_options(line: str) -> list[Candidate]:
    """The one-codec repairs of ``line`` that make it less odd, best first.

    Each is ranked by the odd events it leaves, then the characters it gives up, the rare
    letters it writes, the known words it spells, how likely its words are (where others
    are about as likely, the letters that no single alphabet holds with the rest decide
    first), its capitals out of place and its text-style pictographs, the bytes it makes
    up, and the codec's rank (see :class:`Rank`). A best repair that removes a single odd
    event needs more: no other codec reading the line differently and about as well, and
    no typographic punctuation left intact around it; without that, there is no option at
    all. (A sibling codec's reading does not count: it only tells which of the two codecs
    it was.)
    """
    current = odd_count(line)
    candidates: list[Candidate] = []
    patches_of: dict[str, list[Patch]] = {}
    accepted_by_reading: dict[tuple[object, ...], list[Patch]] = {}
    chars = sorted({c for c in line if not c.isascii()})
    masked = any(mark in line for mark in REPLACEMENT_MARKS)
    for table in _candidate_tables(line):
        # Codecs that map every character of the line alike (cp1252 and cp1254 on most
        # lines) make the same patches: each reading is worked out once.
        reading = _reading(line, chars, masked, table)
        if reading not in accepted_by_reading:
            accepted_by_reading[reading] = _accepted(line, table)
        patches = patches_of[table.name] = accepted_by_reading[reading]
        if patches:
            candidate = _ranked(line, table.name, patches)
            if candidate[0].odd_events < current:
                candidates.append(candidate)
    if not candidates:
        return []
    candidates.sort(key=lambda c: c[0])
    _prefer_one_alphabet(candidates)
    _prefer_frequent_words(candidates)
    key, fixed, best = candidates[0]
    if current - key.odd_events < 2:
        # One odd event is thin evidence: it must not be contradicted by typographic
        # punctuation that came through intact, nor be read as well by another codec.
        if _intact_punctuation(line, patches_of[best.codec], best.codec):
            return []
        if any(
            text != fixed
            and layer.codec not in SIBLINGS[best.codec]  # (siblings differ in a letter or two)
            and key.rivals(other)
            and other.made_up <= key.made_up
            for other, text, layer in candidates
        ):
            return []
    merged = _with_superset_letters(line, best.codec, patches_of)
    if merged is not None:
        candidates.insert(0, _ranked(line, *merged))
    return candidates


def _ranked(line: str, codec: str, patches: list[Patch]) -> Candidate:
    """``line`` repaired by ``patches`` of ``codec``, with its :class:`Rank`."""
    fixed = _apply(line, patches)
    remaining = _remaining(line, fixed)
    layer = Layer(codec, sum(p.restored for p in patches), sum(p.unknown for p in patches))
    key = Rank(
        remaining,
        layer.unknown,
        rarity(fixed),
        -known_words(fixed),
        -round(word_likelihood(fixed, symbols=remaining == 0), 1),
        case_surprises(fixed),
        text_style_pictographs(fixed),
        layer.restored,
        CODEC_RANK[codec],
        foreign_letters(fixed),
    )
    return key, fixed, layer


def _with_superset_letters(
    line: str, codec: str, patches_of: dict[str, list[Patch]]
) -> tuple[str, list[Patch]] | None:
    """``codec``'s patches, with lost letters that a codec losing more bytes puts back
    where the words favour them: that codec, and those patches; None if none changes.

    cp1258 leaves undefined 0x8A, 0x8E, 0x9A and 0x9E, which cp1252 defines: a line of
    Hebrew, Thai or Han through cp1258 that lost such a byte often holds nothing else that
    tells the two apart, and cp1252's reading, which loses fewer bytes, wins, though it
    can only put back its own ("האדינה", "ต่างญาติ"). A codec that reads every patch from
    the same bytes and may have lost every byte ``codec`` may, and more, reads the line
    as well; a letter restored with one of ``codec``'s lost bytes gives way to one
    restored with a byte only that codec loses where its word is
    :data:`WORD_FREQUENCY_MARGIN` more frequent than with any other of the letters
    ("המדינה"), or, in Thai, Han and Hangul, where the word lookup picks it ("ต่างชาติ").
    """
    lost = _losable(TABLES_BY_NAME[codec], line)
    ours = patches_of[codec]
    pieces = [line[p.start : p.end] for p in ours]
    raw = [TABLES_BY_NAME[codec].bytes_of(piece) for piece in pieces]
    supersets = [
        (losable, table)
        for table in TABLES
        if lost < (losable := _losable(table, line))
        and all(table.bytes_of(piece) == b for piece, b in zip(pieces, raw, strict=True))
    ]
    chosen: tuple[str, list[Patch]] | None = None
    for losable, superset in sorted(supersets, key=lambda pair: len(pair[0])):
        letters = list(_apply(line, ours))
        slots = _restored_slots(ours, lost, losable - lost)
        theirs = _letters_at(ours, patches_of.get(superset.name, []))
        if not _take_favoured_letters(letters, slots, theirs):
            continue
        ours = [
            replace(patch, text="".join(letters[start : start + len(patch.text)]))
            for patch, start in _placed(ours)
        ]
        chosen = (superset.name, ours)
    return chosen


def _placed(patches: list[Patch]) -> Iterator[tuple[Patch, int]]:
    """Each of ``patches`` with the index its text starts at in the repaired line."""
    shift = 0
    for patch in patches:
        yield patch, patch.start + shift
        shift += len(patch.text) - (patch.end - patch.start)


def _letters_at(ours: list[Patch], theirs: list[Patch]) -> dict[int, str]:
    """The letters of ``theirs`` by index in the line repaired by ``ours``, where a patch
    of each covers the same span with as many characters."""
    by_span = {(p.start, p.end): p for p in theirs}
    letters: dict[int, str] = {}
    for patch, start in _placed(ours):
        other = by_span.get((patch.start, patch.end))
        if other is not None and len(other.text) == len(patch.text):
            letters.update((start + k, char) for k, char in enumerate(other.text))
    return letters


def _losable(table: CodecTable, line: str) -> frozenset[int]:
    """The bytes ``table`` may have lost in ``line``: dropped, or shown as "�" or "?"."""
    if any(mark in line for mark in REPLACEMENT_MARKS):
        return table.lost_byte_candidates(line) | table.undefined
    return table.lost_byte_candidates(line)


def _restored_slots(
    patches: list[Patch], lost: frozenset[int], extra: frozenset[int]
) -> list[tuple[int, tuple[str, ...]]]:
    """The letters restored by ``patches`` (with a byte of ``lost``) in the repaired line,
    each with the letters of its script that a byte of ``extra`` instead would make:
    (index, letters), the restored letter first."""
    slots = []
    for patch, start in _placed(patches):
        for k in patch.restored_at:
            letter = patch.text[k]
            if not is_letter(letter):
                continue
            raw = letter.encode()
            others = []
            for position, byte in enumerate(raw):
                if byte not in lost:
                    continue
                for other in sorted(extra):
                    try:
                        char = (raw[:position] + bytes([other]) + raw[position + 1 :]).decode()
                    except UnicodeDecodeError:
                        continue
                    if is_letter(char) and script_of(char) == script_of(letter):
                        others.append(char)
            if others:
                slots.append((start + k, (letter, *others)))
    return slots


def _take_favoured_letters(
    letters: list[str], slots: list[tuple[int, tuple[str, ...]]], theirs: dict[int, str]
) -> bool:
    """Put in ``letters`` the letters of ``slots`` that the words favour over the one in
    place (see :func:`_with_superset_letters`); whether any was taken.

    A Thai, Han or Hangul letter is taken only where the other codec's own reading
    (``theirs``, by index) wrote it too: the lookup of one letter among several, without
    the choices around it, finds words by chance ("电影肝" for "电影节").
    """
    taken = False
    spaced = [(index, options) for index, options in slots if not _in_unlisted_run(options[0])]
    for index, options in slots:
        script = script_of(options[0])
        if script not in LOOKED_UP_RUNS:
            continue
        scripts = THAI if script == "THAI" else UNSPACED_SCRIPTS
        left = _unspaced_run("".join(letters[:index])[::-1], scripts)[::-1]
        right = _unspaced_run("".join(letters[index + 1 :]), scripts)
        if script == "THAI":
            found = thai_filling([options], f"{left}\0{right}", [len(left)])
            choice = found[0] if found else None
        else:
            choice = unspaced_word_choice(options, left, right)
        if choice and choice != options[0] and theirs.get(index) == choice:
            letters[index], taken = choice, True
    for start, end in _words_with("".join(letters), {index for index, _options in spaced}):
        word_slots = [(index, options) for index, options in spaced if start <= index < end]
        if math.prod(len(options) for _index, options in word_slots) > MAX_SPELLINGS:
            continue
        positions = [index - start for index, _options in word_slots]
        word = "".join(letters[start:end])
        fillings = ["".join(f) for f in itertools.product(*(o for _i, o in word_slots))]
        frequency = {f: word_frequency(filled(word, positions, f)) for f in fillings}
        best = max(fillings, key=lambda f: frequency[f])
        if best != fillings[0] and all(
            frequency[best] >= frequency[f] + WORD_FREQUENCY_MARGIN for f in fillings if f != best
        ):
            letters[start:end], taken = filled(word, positions, best), True
    return taken


LATIN1_FAMILY = SIBLINGS["cp1252"] | {"cp1252"}


def _intact_punctuation(line: str, patches: list[Patch], codec: str) -> bool:
    """Whether non-ASCII punctuation of ``line`` lies outside every patch of a repair.

    In ``Bremer/Mccoy – DrÃ¥ber`` the en dash came through a decoder that would have
    garbled it too, had the line been decoded wrongly: the ``Ã¥`` is likely meant. Only
    readings of cp1252 and its siblings are in such doubt, whose pairs of Latin-1
    characters real text may have; the pairs of other codecs ("afirmĂł", "FinanČ›elor")
    are mojibake on part of a line.
    """
    if codec not in LATIN1_FAMILY:
        return False
    made = "".join(patch.text for patch in patches)
    if made and all(unicodedata.category(c)[0] == "P" for c in made):
        return False  # the repair itself is punctuation, e.g. the ” that “ opened
    untouched, position = [], 0
    for patch in patches:
        untouched.append(line[position : patch.start])
        position = patch.end
    untouched.append(line[position:])
    return any(
        not c.isascii() and unicodedata.category(c)[0] == "P" for c in "".join(untouched)
    )


def _prefer_one_alphabet(candidates: list[Candidate]) -> None:
    """Bring to the front, of the readings as good as the best and about as likely, the
    one with the fewest capitals out of place, then the one whose letters the language of
    the words they all share holds (German "für", not ISO-8859-2's "får"), then the one
    whose letters a single alphabet holds best (Polish "obniżeniu", not cp1250's
    "obnişeniu": letter pairs pooled over many languages hardly tell them apart; Ukrainian
    "зміцнився до", not cp1257's "зміцнився Го")."""
    best = candidates[0][0]
    close = [
        c
        for c in candidates
        if c[0][:4] == best[:4]
        and c[0].unlikelihood - best.unlikelihood < LIKELIHOOD_MARGIN
        and c[0].misplaced_capitals <= best.misplaced_capitals
        and c[0].text_style_pictographs == best.text_style_pictographs
    ]
    if len(close) < 2:
        return
    # The words all of them share tell the line's language ("für", not "får", among
    # German words).
    shared = set.intersection(*(set(LETTER_RUN.findall(text)) for _key, text, _layer in close))
    language = language_of_words(shared)
    # (the first of equals)
    chosen = min(
        close,
        key=lambda c: (
            c[0].misplaced_capitals,
            letters_foreign_to(c[1], language),
            c[0].foreign_letters,
        ),
    )
    if chosen is not candidates[0]:
        candidates.remove(chosen)
        candidates.insert(0, chosen)


def _prefer_frequent_words(candidates: list[Candidate]) -> None:
    """Bring to the front a sibling codec's reading that spells words the best one misses.

    A codec that leaves a byte undefined which its sibling defines (cp1254 and the 0x9E
    of Hebrew "מ" and Thai "พ", which cp1252 shows as "ž") reads lines with that byte
    dropped as well as the sibling, whose reading can only put back its own lost bytes.
    Of the readings that rival the best, one that spells words ten times as frequent
    ("המדינה" and "מול", not cp1252's "האדינה" and "אול") comes first, or one whose Thai
    letters the word lookup alone favours ("พฤษภาคม", not "กฤษภาคม"); failing those, one
    that gives up one more letter of a spaced script but spells more and far more
    frequent words.
    """
    best_key, best_text, best_layer = candidates[0]
    threshold = listed_frequency(best_text) + WORD_FREQUENCY_MARGIN
    rivals = [
        (listed_frequency(text), number)
        for number, (key, text, layer) in enumerate(candidates)
        if layer.codec in SIBLINGS[best_layer.codec] and best_key.rivals(key)
    ]
    if _bring_forward_most_frequent(candidates, rivals, threshold):
        return
    for _frequency, number in rivals:
        if number and _thai_words_favour(best_text, candidates[number][1]):
            candidates.insert(0, candidates.pop(number))
            return
    # Sibling readings that give up one more letter of a spaced script, and no more.
    one_more_lost = [
        (number, key, text)
        for number, (key, text, layer) in enumerate(candidates)
        if layer.codec in SIBLINGS[best_layer.codec]
        and key.odd_events == best_key.odd_events
        and key.unknown == best_key.unknown + 1
        and _differ_in_spaced_letters(best_text, text)
    ]
    # (Hebrew "�רחיבות את מרכזי", the first letter "מ" or "א", not "ארחיבות את ארכזי".)
    spellers = [
        (listed_frequency(text), number)
        for number, key, text in one_more_lost
        if key.unknown_words < best_key.unknown_words
    ]
    if _bring_forward_most_frequent(candidates, spellers, threshold):
        return
    # (Icelandic "�orskkvótinn … á næsta", not ISO-8859-7's "îorskkvótinn … õ næsta".)
    for number, key, _text in one_more_lost:
        if (
            key.unknown_words <= best_key.unknown_words
            and key.foreign_letters < best_key.foreign_letters
            and best_key.unlikelihood - key.unlikelihood >= LIKELIHOOD_MARGIN
        ):
            candidates.insert(0, candidates.pop(number))
            return


def _bring_forward_most_frequent(
    candidates: list[Candidate], scored: list[tuple[int, int]], threshold: int
) -> bool:
    """Move to the front the candidate whose number has the highest word frequency of
    ``scored`` (the first of equals), if that reaches ``threshold``."""
    if not scored:
        return False
    frequency, number = max(scored, key=lambda r: (r[0], -r[1]))
    if frequency < threshold:
        return False
    candidates.insert(0, candidates.pop(number))
    return True


def _differ_in_spaced_letters(ours: str, other: str) -> bool:
    """Whether two readings of a line differ only in letters of scripts written with
    spaces (or a ``�``), whose words the word lists hold."""
    return len(ours) == len(other) and all(
        a == b or (_spaced_letter(a) and _spaced_letter(b))
        for a, b in zip(ours, other, strict=True)
    )


def _spaced_letter(char: str) -> bool:
    """A letter of a script written with spaces, or a ``�``."""
    return char == REPLACEMENT or (is_letter(char) and script_of(char) not in LOOKED_UP_RUNS)


def _thai_words_favour(ours: str, other: str) -> bool:
    """Whether Thai words favour ``other`` over ``ours``, two readings of a line that
    differ only in Thai letters: at some letter where they differ, the word lookup of
    :func:`thai_filling` picks ``other``'s, and at none ``ours``' (cp1254's `พ`, which
    lost its 0x9E, where cp1252 can only put back `ก`)."""
    if len(ours) != len(other):
        return False
    favoured = False
    for index, (mine, theirs) in enumerate(zip(ours, other, strict=True)):
        if mine == theirs:
            continue
        if script_of(mine) != "THAI" or script_of(theirs) != "THAI":
            return False
        left = _unspaced_run(ours[:index][::-1], THAI)[::-1]
        right = _unspaced_run(ours[index + 1 :], THAI)
        found = thai_filling([(mine, theirs)], f"{left}\0{right}", [len(left)])
        if found == (mine,):
            return False
        favoured = favoured or found == (theirs,)
    return favoured


# How many of the best distinct readings of a line that leaves mojibake behind are each
# followed one layer further before one is chosen.
LOOKAHEAD = 4


def _options_after(line: str) -> list[Candidate]:
    """The options of the next layer: none for a line that no longer looks odd."""
    return _layer_options(line) if looks_odd(line) else []


def _looking_ahead(options: list[Candidate]) -> tuple[Candidate, list[Candidate]]:
    """The option whose text the next layer repairs best, and that layer's options.

    A reading that leaves mojibake is the first of several layers, and the layer that
    leaves the fewest odd events now need not be the right one: taking an outer layer of
    cp1252 for ISO-8859-15 decodes stray pieces of the inner layer and leaves junk, while
    the right reading leaves the inner layer whole, for the next step to undo entirely.
    """
    best: tuple[tuple[float, ...], int] | None = None
    chosen: tuple[Candidate, list[Candidate]] = (options[0], [])
    # (Codecs that agree on the bytes in question give the same text: it is followed once.)
    distinct: list[Candidate] = []
    for option in options:
        if all(option[1] != other[1] for other in distinct):
            distinct.append(option)
    for number, option in enumerate(distinct[:LOOKAHEAD]):
        following = _options_after(option[1])
        final = following[0][0] if following else option[0]
        score = (final[:5], number)  # (odd events to letter-pair likelihood)
        if best is None or score < best:
            best, chosen = score, (option, following)
    return chosen


def _lossless(option: Candidate) -> bool:
    """Whether a reading kept every byte: no byte of it is made up or lost.

    Only such a reading is followed a layer further: a decoder that lost bytes leaves odd
    events of its own, which are no sign of a layer under it.
    """
    layer = option[2]
    return not layer.restored and not layer.unknown


def _may_follow_lossy(option: Candidate, lossy: Layer) -> bool:
    """Whether ``option`` may be undone after ``lossy``, a layer that lost bytes."""
    codec = option[2].codec
    return codec == lossy.codec or (_lossless(option) and codec not in SIBLINGS[lossy.codec])


def _repair_layers(line: str) -> Repaired:
    result = Repaired(line)
    options = _options_after(line)
    for depth in range(MAX_LAYERS):
        if not options:
            break
        option, following = options[0], None
        lossless = [o for o in options if _lossless(o)]
        if option[0][0] > 0 and depth + 1 < MAX_LAYERS and lossless:
            # A best reading that lost bytes is weighed against the lossless ones: the
            # outer layer of two, read right, leaves the inner one whole but more odd.
            pool = lossless if _lossless(option) else [option, *lossless]
            option, following = _looking_ahead(pool)
        _key, result.text, layer = option
        result.layers.append(layer)
        options = _options_after(result.text) if following is None else following
        if not _lossless(option):
            # What a reading that lost bytes left undone is its own mojibake, not a layer
            # under it: a sibling codec, or another that loses bytes, would misread it
            # ("ŃŃĐżĐľŃ€Đ¸Đ»Đ°" of cp1250 as ISO-8859-2's "ŃŃпериĐ»а"); the same codec may
            # settle what it left open.
            options = [o for o in options if _may_follow_lossy(o, layer)]
    return result


def _ftfy(line: str) -> Repaired:
    # (ftfy's own first step returns a line its badness measure finds clean as it is.)
    fixed = ftfy.fix_encoding_and_explain(line)
    steps = [f"{step.action} {step.parameter}" for step in fixed.explanation or []]
    return Repaired(fixed.text, ftfy_steps=steps)


def _cost(text: str) -> tuple[int, int]:
    """How wrong a repaired line still looks: odd events (``�`` aside), rare letters.

    The odd events are counted between the ``�``: one event may hold two of them and a
    letter ("に��"), so subtracting their number would count less than nothing.
    """
    return sum(odd_count(piece) for piece in text.split(REPLACEMENT)), rarity(text)


def _restores(candidate: str, reference: str) -> bool:
    """``candidate`` is ``reference`` with some ``�`` filled in, and nothing else changed."""
    return (
        len(candidate) == len(reference)
        and candidate.count(REPLACEMENT) < reference.count(REPLACEMENT)
        and all(a == b or b == REPLACEMENT for a, b in zip(candidate, reference, strict=True))
    )


# How much more likely (in nats of letter-pair log-likelihood) our reading of a line must
# be than ftfy's before it replaces it, when neither looks wrong.
LIKELIHOOD_MARGIN = 3.0


# ftfy steps that rewrite characters one by one without decoding a whole line: after
# them, C1 controls that told one codec from its sibling are gone.
PIECEWISE_STEPS = ("transcode fix_c1_controls", "apply decode_inconsistent_utf8")
# The step in which ftfy writes "�" for each character whose bytes it cannot restore.
LOSSY_STEP = "transcode replace_lossy_sequences"
# ftfy steps after which our reading is worth trying too: the piecewise ones, and taking a
# space for a lost no-break-space byte.
SECOND_LOOK_STEPS = (*PIECEWISE_STEPS, "transcode restore_byte_a0")


def _completes(ours: str, theirs: str, codec: str) -> bool:
    """Whether ``ours`` is ``theirs`` with more of the same mojibake undone.

    ftfy's piecewise repair may leave a short word of a garbled stretch as it was ("Đľ"
    between repaired Russian words). When every stretch where the two differ is, in
    ``theirs``, the UTF-8 bytes of ``ours`` read with ``codec``, ours finished the job.
    """
    table = TABLES_BY_NAME[codec]
    matcher = difflib.SequenceMatcher(None, theirs, ours, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        garbled = theirs[i1:i2]
        if not garbled or _read_with(table, garbled) != ours[j1:j2]:
            return False
    return True


def _better(ours: str, theirs: str, ftfy_steps: list[str], codecs: list[str]) -> bool:
    """Whether our repair of a line beats ftfy's (see :func:`repair`).

    ``codecs`` are the layers our repair undid.
    """
    if ours == theirs:
        return False
    if _restores(ours, theirs):
        return True
    ours_lost, theirs_lost = ours.count(REPLACEMENT), theirs.count(REPLACEMENT)
    ours_cost, theirs_cost = _cost(ours), _cost(theirs)
    if ours_lost > theirs_lost and ours_cost[0] >= theirs_cost[0]:
        # More characters given up is worse, unless theirs still shows mojibake: a "�"
        # is better than a "Ñ" left in a Russian word.
        return False
    if theirs_lost > ours_lost and theirs_cost[0] >= ours_cost[0]:
        return True  # the same, the other way round
    if (
        ours_lost == theirs_lost
        and len(codecs) == 1
        and ours_cost <= theirs_cost
        and _completes(ours, theirs, codecs[0])
    ):
        return True
    if ours_cost != theirs_cost:
        return ours_cost < theirs_cost
    if _unclosed(ours) < _unclosed(theirs):
        return True  # "“Hi,” he said", not ftfy's "“Hi,†he said" (a space read as a lost byte)
    piecewise = any(step in PIECEWISE_STEPS for step in ftfy_steps)
    if piecewise and len(codecs) == 1 and _remnants(ours, codecs[0]) < _remnants(theirs, codecs[0]):
        # ftfy's piecewise repair left a lead and a continuation byte of our codec, which
        # its measure does not see beside Hangul or Han ("경주ì—서", "广å·å¡”"): ours
        # decoded them.
        return True
    # Where ftfy only patched the line piece by piece, ours, which read it whole, wins at
    # equal length, and otherwise if it spells more known words. Two readings of equal
    # length differ character for character, as sibling codecs do (cp1250 and
    # ISO-8859-2): the one that spells more known words wins, then, between about as
    # likely words, the one whose letters one alphabet holds better, then the one with
    # fewer capitals out of place, then the one with likelier words, by a margin.
    if len(ours) == len(theirs) and piecewise:
        return True
    ours_known, theirs_known = known_words(ours), known_words(theirs)
    if (len(ours) == len(theirs) or piecewise) and ours_known != theirs_known:
        return ours_known > theirs_known
    if (
        "transcode restore_byte_a0" in ftfy_steps
        and len(ours) > len(theirs)
        and case_surprises(ours) <= case_surprises(theirs)
        and (
            ours_known > theirs_known
            or (
                ours_known == theirs_known
                and word_likelihood(ours) > word_likelihood(theirs) + LIKELIHOOD_MARGIN
            )
        )
    ):
        # ftfy took a space for a lost no-break-space byte where ours read a letter that
        # lost a byte before a real space ("đề xuất", not "đỠxuất"; in Thai, which no
        # word list holds, "อีก 50", not "อีภ50", by its letter pairs).
        return True
    if len(ours) != len(theirs):
        return False
    ours_likelihood, theirs_likelihood = word_likelihood(ours), word_likelihood(theirs)
    ours_foreign, theirs_foreign = foreign_letters(ours), foreign_letters(theirs)
    if ours_foreign != theirs_foreign and (
        abs(ours_likelihood - theirs_likelihood) < LIKELIHOOD_MARGIN
    ):
        return ours_foreign < theirs_foreign
    if ours.lower() == theirs.lower():
        return case_surprises(ours) < case_surprises(theirs)
    if _letters(ours) < _letters(theirs):
        # A letter read as a symbol leaves no word to score: ISO-8859-2's "÷" for the
        # Icelandic "á" of cp1250 is no likelier for that.
        return False
    return ours_likelihood > theirs_likelihood + LIKELIHOOD_MARGIN


def _letters(text: str) -> int:
    """How many letters ``text`` has."""
    return sum(map(is_letter, text))


def _remnants(text: str, codec: str) -> int:
    """How many pairs of a lead and a continuation byte (or a mask) ``codec`` shows in
    ``text``: pieces of a character still to decode."""
    return len(PAIR_PATTERNS[codec].findall(text))


BRACKET_PAIRS = (("「", "」"), ("『", "』"))


def _unclosed(text: str) -> int:
    """How many double quotation marks or CJK brackets ``text`` opens and never closes.

    ``“`` opens (English) or closes a ``„`` (German, Czech…); ``”`` closes either.
    """
    low = high = 0
    for char in text:
        if char == "„":
            low += 1
        elif char == "“":
            low, high = (low - 1, high) if low else (low, high + 1)
        elif char == "”":
            low, high = (low, high - 1) if high else (max(low - 1, 0), high)
    brackets = sum(max(0, text.count(o) - text.count(c)) for o, c in BRACKET_PAIRS)
    return low + high + brackets


# ftfy's names for the codecs it reads mojibake with, as ours.
FTFY_CODECS = {
    "latin-1": "latin-1",
    "sloppy-windows-1252": "cp1252",
    "sloppy-windows-1251": "cp1251",
    "sloppy-windows-1250": "cp1250",
    "sloppy-windows-1253": "cp1253",
    "sloppy-windows-1254": "cp1254",
    "sloppy-windows-1257": "cp1257",
    "iso-8859-2": "iso8859-2",
    "macroman": "mac_roman",
    "cp437": "cp437",
}


def _sibling_clues(table: CodecTable) -> frozenset[str]:
    """Characters ``table`` and a sibling both show, for different bytes.

    A line ftfy read with ``table`` that has none of them reads the same with every
    sibling; one that has some may be a sibling's mojibake (ftfy tries cp1250 before
    ISO-8859-2 and knows no ISO-8859-15).
    """
    siblings = [TABLES_BY_NAME[name] for name in SIBLINGS[table.name]]
    return frozenset(
        char
        for char, byte in table.to_byte.items()
        if any(other.to_byte.get(char, byte) != byte for other in siblings)
    )


SIBLING_CLUES = {codec: _sibling_clues(TABLES_BY_NAME[codec]) for codec in FTFY_CODECS.values()}


def _may_be_sibling(line: str, ftfy_steps: list[str]) -> bool:
    """Whether a codec ftfy read ``line`` with has a sibling that reads it differently.

    For an inner layer the clues are in text ftfy does not show: a codec with a sibling
    is reason enough there.
    """
    outer = True
    for step in ftfy_steps:
        action, _, codec = step.partition(" ")
        if action != "encode":
            continue
        clues = SIBLING_CLUES.get(FTFY_CODECS.get(codec, ""))
        if clues and (not outer or not clues.isdisjoint(line)):
            return True
        outer = False
    return False


def _glued_symbols(text: str) -> int:
    """Non-ASCII symbols and punctuation of ``text`` where real text does not put them:
    glued to a letter, unless a quote, bracket, dash, apostrophe or trademark sign (see
    :func:`_unlettered`), and exotic ones (see :func:`_exotic`) anywhere."""
    count = 0
    for index, char in enumerate(text):
        if char.isascii() or unicodedata.category(char)[0] not in "SP":
            continue
        glued = is_letter(text[index - 1 : index] or " ") or is_letter(
            text[index + 1 : index + 2] or " "
        )
        count += _exotic(char) or (
            glued
            and not _fits_a_word_edge(char)
            and char not in APOSTROPHES
            and char not in NAME_MARKS
        )
    return count


def _as_good(reading: str, theirs: str, measured: dict[int, float]) -> bool:
    """Whether ``reading`` may be judged better than ``theirs`` by a second look: it has
    no more odd events, rare letters, glued or exotic symbols and unknown words (the
    cheap measures first: most rival readings fail on the first), and, where those tie,
    it is about as likely or likelier, with no more foreign letters and capitals out of
    place (the tie-breaks of :func:`_better`). ``measured`` keeps the measures of
    ``theirs`` from one call to the next."""

    def measure(number: int, function: Callable[[str], float]) -> tuple[float, float]:
        if number not in measured:
            measured[number] = function(theirs)
        return function(reading), measured[number]

    for number, function in enumerate((odd_count, rarity, _glued_symbols, known_words)):
        ours, other = measure(number, function)
        if ours != other:
            return ours > other if function is known_words else ours < other
    ours, other = measure(4, word_likelihood)
    if abs(ours - other) >= LIKELIHOOD_MARGIN:
        return ours > other
    foreign = measure(5, foreign_letters)
    capitals = measure(6, case_surprises)
    return (foreign[0], capitals[0]) <= (foreign[1], capitals[1])


@lru_cache(maxsize=65536)
def _tables_by_byte(char: str) -> tuple[int, dict[int, int]]:
    """Which tables hold ``char`` (a bit per table of :data:`TABLES`), and, for each byte
    they map it to, which of them map it to that byte."""
    holders, by_byte = 0, dict[int, int]()
    for number, table in enumerate(TABLES):
        byte = table.to_byte.get(char)
        if byte is not None:
            holders |= 1 << number
            by_byte[byte] = by_byte.get(byte, 0) | 1 << number
    return holders, by_byte


def _other_readers(line: str, table: CodecTable) -> list[CodecTable]:
    """The tables other than ``table`` that hold every non-ASCII character of ``line``
    and map one of them to another byte (the others read the line the same)."""
    holding, differing = (1 << len(TABLES)) - 1, 0
    for char in {c for c in line if not c.isascii()}:
        holders, by_byte = _tables_by_byte(char)
        holding &= holders
        differing |= holders & ~by_byte.get(table.to_byte.get(char, -1), 0)
    found = holding & differing
    return [t for number, t in enumerate(TABLES) if found >> number & 1]


def _rivalled(line: str, codec: str) -> bool:
    """Whether another codec reads ``line`` too, differently and as well as ``codec``
    does (see :func:`_as_good`).

    Only such a codec can beat the reading ftfy made with ``codec``: one that cannot read
    every garbled word leaves mojibake behind. (A UTF-8 sequence holds no space, so the
    line reads as a whole exactly when each word does.) A line ``codec`` cannot read
    counts as rivalled.
    """
    table = TABLES_BY_NAME[codec]
    theirs = _read_with(table, line)
    if theirs is None:
        return True
    measured: dict[int, float] = {}
    for other in _other_readers(line, table):
        text = _read_with(other, line)
        if text is not None and text != theirs and _as_good(text, theirs, measured):
            return True
    return False


def _worth_second_look(line: str, repaired: str, ftfy_steps: list[str]) -> bool:
    """Whether ftfy's repair may be beaten: it still looks wrong, lost bytes, patched,
    took a space for a lost no-break-space byte, read with a codec whose sibling reads
    the line differently, or wrote a capital out of place ("lygis Ŕalyje": cp1252's
    reading of ISO-8859-13's "šalyje").

    Where ftfy undid one layer only and the result looks right, the two last become one
    question, whether another codec reads the line as well (see :func:`_rivalled`),
    which is far quicker to answer than a second repair.
    """
    if (
        REPLACEMENT in repaired
        or any(step in SECOND_LOOK_STEPS for step in ftfy_steps)
        or looks_odd(repaired)  # (a text it finds clean has no odd events to count)
        or rarity(repaired)
    ):
        return True
    codec = _first_layer(ftfy_steps)
    if len(ftfy_steps) == 2 and codec in FTFY_CODECS:
        return _rivalled(line, FTFY_CODECS[codec])
    return _may_be_sibling(line, ftfy_steps) or case_surprises(repaired) > 0


def _first_layer(ftfy_steps: list[str]) -> str | None:
    """ftfy's codec, where its steps begin by reading the line as UTF-8 through one."""
    if len(ftfy_steps) < 2 or ftfy_steps[1] != "decode utf-8":
        return None
    action, _, codec = ftfy_steps[0].partition(" ")
    return codec if action == "encode" else None


def repair(line: str) -> Repaired:
    """Repair the mojibake in one line and say how.

    ftfy's repair runs first and ours on what it leaves. Where ftfy changed the line, the
    other order is tried too, and kept when it fills in bytes ftfy wrote as ``�`` and
    changes nothing else, when it leaves the line less odd, or when it spells clearly
    more likely words (ftfy knows fewer codecs and may pick a sibling of the right one).
    """
    if not looks_odd(line):
        return Repaired(line)
    first = _ftfy(line)
    result = _repair_layers(first.text)
    if _reads_marks_ftfy_wrote(first, result.text):
        result = Repaired(first.text)
    result.ftfy_steps = first.ftfy_steps
    if first.text == line or not _worth_second_look(line, result.text, first.ftfy_steps):
        return result
    ours = _repair_layers(line)
    if ours.layers:
        after = _ftfy(ours.text)
        codecs = [layer.codec for layer in ours.layers]
        if _better(after.text, result.text, first.ftfy_steps, codecs):
            ours.text, ours.ftfy_steps = after.text, after.ftfy_steps
            return ours
    outer = _outer_layer(line, first.ftfy_steps)
    if outer is not None:
        # ftfy undid an outer layer, then patched the inner one piece by piece: our reading
        # of the inner layer whole may be the better ("gegužę", not "geguŞę").
        inner = _repair_layers(outer)
        codecs = [layer.codec for layer in inner.layers]
        if inner.layers and _better(inner.text, result.text, first.ftfy_steps, codecs):
            inner.ftfy_steps = first.ftfy_steps[:2]
            return inner
    return result


def _reads_marks_ftfy_wrote(theirs: Repaired, repaired: str) -> bool:
    """Whether ``repaired``, our repair of ftfy's, took a "�" that ftfy wrote for a lost
    character as one masked byte of another: "НС�", ftfy's "НСИ" that lost its "И", is
    no cp1251 "Ну"."""
    if LOSSY_STEP not in theirs.ftfy_steps:
        return False
    return repaired.count(REPLACEMENT) < theirs.text.count(REPLACEMENT)


def _outer_layer(line: str, ftfy_steps: list[str]) -> str | None:
    """The line with only ftfy's first layer undone, where ftfy went on after it."""
    codec = _first_layer(ftfy_steps)
    if len(ftfy_steps) < 3 or codec is None:
        return None
    try:
        return ftfy.apply_plan(line, [("encode", codec), ("decode", "utf-8")])
    except (UnicodeError, LookupError):
        return None


def repair_line(line: str) -> str:
    """The line with its mojibake repaired (see :func:`repair`)."""
    return repair(line).text


def repair_and_describe(line: str) -> tuple[str, str]:
    """The repaired line and what was undone, from one run of :func:`repair`."""
    result = repair(line)
    return result.text, result.describe()


def describe_repair(line: str) -> str:
    """What :func:`repair` undid, e.g. ``utf-8 read as cp874, 3 lost bytes restored``."""
    return repair(line).describe()
