"""How much of Unicode's stylised Latin text each approach folds back to ASCII.

``python -m normtext.coverage`` lists, from the Unicode Character Database (through
``unicodedata2``, a development dependency), every character of each class of SPEC §4's
table, works out from its *name* the ASCII it stands for, and counts how many of them come
out right from normtext's ``stylised`` fixer, from NFKC, from Unidecode and from anyascii
(when it is installed). The classes and expected values are derived here on their own,
word by word, not from the generated table the fixer uses, so a gap in that table shows.
Superscript, subscript and modifier forms are tried in a run of two (``ˢˢ``), since a lone
one is kept on purpose.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from types import ModuleType

MATH_CLASS = "Mathematical Alphanumeric Symbols, 13 styles, letters and digits, dotless ı ȷ"
LETTERLIKE_CLASS = "Letterlike fillers of their holes, double-struck italic, ℓ"
FULLWIDTH_CLASS = "Fullwidth ASCII letters and digits"
ENCLOSED_CLASS = "Circled, negative circled, squared, negative squared letters"
PARENTHESIZED_CLASS = "Parenthesized letters"
NUMBER_CLASS = "Circled / negative / double / dingbat circled digits and numbers"
SMALL_CAPITAL_CLASS = "Latin small capitals, modifier small capitals"
SCRIPT_CLASS = "Superscript / subscript / modifier letters and digits (in a run of two)"
SEGMENTED_CLASS = "Segmented and outlined digits and letters"
LIGATURE_CLASS = "Latin ligatures"
REGIONAL_CLASS = "Regional indicator, alone"
GREEK_CLASS = "Mathematical Greek → Greek (not counted in §4)"

CLASS_ORDER = (
    MATH_CLASS, LETTERLIKE_CLASS, FULLWIDTH_CLASS, ENCLOSED_CLASS, PARENTHESIZED_CLASS,
    NUMBER_CLASS, SMALL_CAPITAL_CLASS, SCRIPT_CLASS, SEGMENTED_CLASS, LIGATURE_CLASS,
    REGIONAL_CLASS,
)
RUN_CLASSES = frozenset({SCRIPT_CLASS})

NUMBER_VALUES = {
    word: value
    for value, word in enumerate(
        (
            "ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE",
            "TEN", "ELEVEN", "TWELVE", "THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN",
            "SEVENTEEN", "EIGHTEEN", "NINETEEN",
        )
    )
} | {"TWENTY": 20, "THIRTY": 30, "FORTY": 40, "FIFTY": 50}

# What normtext leaves alone on purpose, with the reason (each is checked as it is listed).
KEPT_ON_PURPOSE: tuple[tuple[str, str], ...] = (
    ("10² m² CO₂ ¹", "a lone superscript or subscript is an exponent, index or footnote"),
    ("10²³ x₁₂", "a digit run attached to its base is an exponent or index"),
    ("🅰️ 🅿️ Ⓜ️ 1️⃣", "enclosed letters with VS16, keycaps: emoji"),
    ("🆗 🆕 🆘 🅎 🆎", "squared words are emoji or broadcast symbols, not letters"),
    ("🇺🇦 🇫🇷", "regional-indicator pairs are flags"),
    ("①概要 手順②を", "circled numbers numbering or referring to items in CJK text"),
    ("™ ® © 🄫 🄬", "trade and copyright marks"),
    ("½ № º ª ° ℃ µ", "fractions, numero, ordinal indicators, units"),
    ("Ⅻ ⅻ", "Roman numerals"),
    ("ɐ ɥ ɯ ʁ ᴁ ᴙ ɶ", "IPA and other real letters, also small capitals with a modification"),
    ("Ĳ ĳ Œ œ", "letters of Dutch and French, not typographic ligatures"),
    ("℘ ℏ ℮ ⅁", "symbols of the Letterlike block that are not a letter's stylised form"),
    ("𝚦 𝾕", "long s ligatures: historical letters, not a plain ASCII spelling"),
    ("⑴ ⒈ 🄁", "parenthesized numbers and numbers with full stop or comma: the punctuation is"
     " part of the list number (Unidecode gives (1) and 1. in the ascii profile)"),
    ("㉈ ㎏ ㍻ ｶ", "CJK compatibility forms"),
)


@dataclass
class Tally:
    """Characters of one class and how many each approach gets right."""

    label: str
    members: list[tuple[str, str]] = field(default_factory=list)
    right: dict[str, int] = field(default_factory=dict)


def number_value(words: Sequence[str]) -> str | None:
    """``["TWENTY", "ONE"]`` → ``"21"``; ``None`` unless every word is a number word."""
    if not words or any(word not in NUMBER_VALUES for word in words):
        return None
    return str(sum(NUMBER_VALUES[word] for word in words))


def spelled(words: Sequence[str]) -> str | None:
    """The letter or number a name's last words spell, case from its first CAPITAL/SMALL."""
    if len(words[-1]) == 1 and "A" <= words[-1] <= "Z":
        if len(words) < 2 or words[-2] not in ("CAPITAL", "SMALL", "LETTER", "DOTLESS"):
            return None  # MODIFIER LETTER SMALL TURNED R is not an r
        cases = [word for word in words if word in ("CAPITAL", "SMALL")]
        return words[-1].lower() if cases and cases[0] == "SMALL" else words[-1]
    for marker in ("DIGIT", "NUMBER"):
        if marker in words:
            return number_value(words[words.index(marker) + 1 :])
    if words[0] in ("SUPERSCRIPT", "SUBSCRIPT") and len(words) == 2:
        return number_value(words[1:])
    return None


def classify(code: int, name: str) -> tuple[str, str] | None:
    """``(class, expected ASCII)`` for a character of SPEC §4's table, from its name."""
    words = name.split()
    first, latin = words[0], "LATIN" in words
    if first == "REGIONAL" and name.startswith("REGIONAL INDICATOR SYMBOL LETTER"):
        return REGIONAL_CLASS, words[-1]
    if "LIGATURE" in words and latin and 0xFB00 <= code <= 0xFB4F:
        tail = " ".join(words[words.index("LIGATURE") + 1 :]).replace("LONG S", "S")
        return LIGATURE_CLASS, tail.replace(" ", "").lower()
    plain = spelled(words)
    if plain is None:
        return None
    if first == "MATHEMATICAL":
        return MATH_CLASS, plain
    if first == "FULLWIDTH":
        return FULLWIDTH_CLASS, plain
    if first in ("SEGMENTED", "OUTLINED"):
        return SEGMENTED_CLASS, plain
    if "SMALL CAPITAL" in name and first in ("LATIN", "MODIFIER"):
        return SMALL_CAPITAL_CLASS, plain
    if first == "PARENTHESIZED" and latin:
        return PARENTHESIZED_CLASS, plain
    enclosure = {"NEGATIVE", "CIRCLED", "SQUARED"}
    if latin and set(words) <= enclosure | {"LATIN", "CAPITAL", "SMALL", "LETTER", words[-1]}:
        return (ENCLOSED_CLASS, plain) if set(words) & {"CIRCLED", "SQUARED"} else None
    number_words = enclosure | {"DINGBAT", "DOUBLE", "SANS-SERIF", "DIGIT", "NUMBER"}
    if "CIRCLED" in words and all(w in number_words or w in NUMBER_VALUES for w in words):
        return NUMBER_CLASS, plain
    script_start = first in ("SUPERSCRIPT", "SUBSCRIPT") or name.startswith(
        ("LATIN SUBSCRIPT SMALL LETTER", "MODIFIER LETTER CAPITAL", "MODIFIER LETTER SMALL")
    )
    if script_start:
        return SCRIPT_CLASS, plain
    return None


def letterlike_fillers(ucd: ModuleType) -> Iterator[tuple[int, str]]:
    """Letterlike characters standing in for the reserved holes of the maths alphabets.

    A hole's style comes from its assigned neighbours (``MATHEMATICAL SCRIPT CAPITAL A``),
    its letter from its position in the 52-letter run; the filler is the letterlike
    character of that style and letter (``SCRIPT CAPITAL B``; BLACK-LETTER for Fraktur).
    The double-struck italic letters and ℓ are letters of the same kind without a hole.
    """
    styles = {"FRAKTUR": "BLACK-LETTER"}
    for code in range(0x1D400, 0x1D6A4):
        if ucd.name(chr(code), ""):
            continue
        start = code - (code - 0x1D400) % 52
        neighbour = next(ucd.name(chr(c)) for c in range(start, start + 52) if ucd.name(chr(c), ""))
        words = neighbour.split()[1:]
        style = " ".join(words[: words.index("CAPITAL" if "CAPITAL" in words else "SMALL")])
        index = (code - 0x1D400) % 52
        case, letter = ("CAPITAL" if index < 26 else "SMALL"), chr(ord("A") + index % 26)
        candidates = [f"{styles.get(style, style)} {case} {letter}"]
        if (style, case, letter) == ("ITALIC", "SMALL", "H"):
            candidates.append("PLANCK CONSTANT")
        for candidate in candidates:
            try:
                yield ord(ucd.lookup(candidate)), letter if case == "CAPITAL" else letter.lower()
                break
            except KeyError:
                continue
    for code in range(0x2100, 0x2150):
        name = ucd.name(chr(code), "")
        if name.startswith("DOUBLE-STRUCK ITALIC") or name == "SCRIPT SMALL L":
            yield code, spelled(name.split()) or ""


def greek_letters(ucd: ModuleType) -> Iterator[tuple[int, str]]:
    """Mathematical Greek letters and the ordinary Greek letter of the same name."""
    for code in range(0x1D6A8, 0x1D7CC):
        words = ucd.name(chr(code), "").split()
        if "CAPITAL" not in words and "SMALL" not in words and words[-1:] != ["SYMBOL"]:
            continue  # nabla, partial differential
        case = "CAPITAL" if "CAPITAL" in words else "SMALL"
        index = words.index(case) + 1 if case in words else len(words) - 2
        letter = " ".join(w for w in words[index:] if w != "SYMBOL")
        for candidate in (f"GREEK {case} LETTER {letter}", f"GREEK LETTER {letter}"):
            try:
                yield code, ucd.lookup(candidate)
                break
            except KeyError:
                continue


def collect(ucd: ModuleType) -> dict[str, Tally]:
    """Every character of every class, with the ASCII its name says it stands for."""
    tallies = {label: Tally(label) for label in (*CLASS_ORDER, GREEK_CLASS)}
    for code in range(sys.maxunicode + 1):
        name = ucd.name(chr(code), "")
        found = classify(code, name) if name else None
        if found is not None:
            tallies[found[0]].members.append((chr(code), found[1]))
    for code, plain in letterlike_fillers(ucd):
        tallies[LETTERLIKE_CLASS].members.append((chr(code), plain))
    for code, greek in greek_letters(ucd):
        tallies[GREEK_CLASS].members.append((chr(code), greek))
    return tallies


def approaches(ucd: ModuleType) -> dict[str, Callable[[str], str] | None]:
    """The folding functions compared, ``None`` for one that is not installed."""
    from unidecode import unidecode

    from normtext.fixers import stylised  # noqa: F401  (registers the fixer)
    from normtext.pipeline import get_fixer

    any_ascii: Callable[[str], str] | None
    try:  # optional: only for the comparison column
        any_ascii = importlib.import_module("anyascii").anyascii
    except ImportError:
        any_ascii = None
    return {
        "normtext": get_fixer("stylised"),
        "NFKC": lambda text: ucd.normalize("NFKC", text),
        "Unidecode": unidecode,
        "anyascii": any_ascii,
    }


def score(tallies: dict[str, Tally], functions: dict[str, Callable[[str], str] | None]) -> None:
    """Fill in how many characters of each class every approach maps right."""
    for tally in tallies.values():
        times = 2 if tally.label in RUN_CLASSES else 1
        for column, function in functions.items():
            if function is not None:
                tally.right[column] = sum(
                    function(char * times) == plain * times for char, plain in tally.members
                )


def _cell(tally: Tally, column: str) -> str:
    if column not in tally.right:
        return "n/a"
    right, count = tally.right[column], len(tally.members)
    if right == count:
        return f"{right} (100%)"
    # Rounded down, so that 702 of 704 never reads as 100%.
    return f"{right} ({1000 * right // count / 10:g}%)"


def report(ucd: ModuleType) -> str:
    """The Markdown report: the coverage table, then what is left alone and why."""
    functions = approaches(ucd)
    tallies = collect(ucd)
    score(tallies, functions)
    columns = list(functions)
    lines = [
        f"## Stylised → plain coverage (Unicode {ucd.unidata_version})",
        "",
        "| class | chars | " + " | ".join(columns) + " |",
        "| --- | ---: |" + " ---: |" * len(columns),
    ]
    total = Tally("**Total**")
    for label in CLASS_ORDER:
        tally = tallies[label]
        total.members.extend(tally.members)
        for column, right in tally.right.items():
            total.right[column] = total.right.get(column, 0) + right
        lines.append(f"| {label} | {len(tally.members)} | "
                     + " | ".join(_cell(tally, c) for c in columns) + " |")
    lines.append(f"| **Total** | {len(total.members)} | "
                 + " | ".join(_cell(total, c) for c in columns) + " |")
    greek = tallies[GREEK_CLASS]
    lines.append(f"| {GREEK_CLASS} | {len(greek.members)} | "
                 + " | ".join(_cell(greek, c) for c in columns) + " |")
    fixer = functions["normtext"]
    assert fixer is not None
    lines += ["", "### Left alone on purpose", ""]
    for text, reason in KEPT_ON_PURPOSE:
        status = "kept" if fixer(text) == text else f"**changed** to `{fixer(text)}`"
        lines.append(f"- `{text}` ({status}): {reason}.")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the coverage report; 2 when ``unicodedata2`` is not installed."""
    del argv  # no options
    try:
        import unicodedata2  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        print("normtext.coverage needs unicodedata2: pip install unicodedata2", file=sys.stderr)
        return 2
    print(report(unicodedata2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
