"""Build ``normtext/fixers/_stylised_table.py`` from the Unicode Character Database.

Every table entry is derived from a character's *name* as ``unicodedata2`` reports it
(``MATHEMATICAL BOLD CAPITAL A`` → ``A``, ``DINGBAT NEGATIVE CIRCLED NUMBER TEN`` → ``10``),
never typed by hand, so a new Unicode version only needs ``unicodedata2`` upgraded and this
script run again. The output is sorted by code point, so regenerating it from the same
database gives the same bytes.

Usage::

    python tools/generate_stylised_table.py           # write the module
    python tools/generate_stylised_table.py --check   # exit 1 if the committed module is stale
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import unicodedata2  # type: ignore[import-not-found, unused-ignore]

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "normtext" / "fixers" / "_stylised_table.py"
SCRIPT_NAME = "tools/generate_stylised_table.py"

# --- number words --------------------------------------------------------------------------

_UNITS = ("ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE")
_TEENS = (
    "TEN", "ELEVEN", "TWELVE", "THIRTEEN", "FOURTEEN",
    "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN",
)
_TENS = ("TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY")


def number_from_words(words: str) -> str | None:
    """``"SEVEN"`` → ``"7"``, ``"TWENTY ONE"`` → ``"21"``; ``None`` for anything else."""
    parts = words.split()
    if len(parts) == 1:
        word = parts[0]
        if word in _UNITS:
            return str(_UNITS.index(word))
        if word in _TEENS:
            return str(10 + _TEENS.index(word))
        if word in _TENS:
            return str(20 + 10 * _TENS.index(word))
        return None
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS[1:]:
        return str(20 + 10 * _TENS.index(parts[0]) + _UNITS.index(parts[1]))
    return None


# --- name patterns -------------------------------------------------------------------------
# Each pattern must match a whole name. A ``letter`` group gives an A–Z letter whose case
# follows the ``case`` group (``CAPITAL`` or ``SMALL``; absent means the pattern's default);
# a ``number`` group gives number words.

_LETTER = r"(?P<case>CAPITAL|SMALL) (?:LETTER )?(?:DOTLESS )?(?P<letter>[A-Z])"
_NUMBER = r"(?:DIGIT|NUMBER) (?P<number>[A-Z]+(?: [A-Z]+)?)"


class Rule:
    """A whole-name regular expression and the case its letters take by default."""

    def __init__(self, pattern: str, lower: bool | None = None) -> None:
        self.regex = re.compile(pattern)
        # None: the name says the case; True/False: always small/capital.
        self.lower = lower

    def plain(self, name: str) -> str | None:
        """The ASCII letter or number ``name`` spells under this rule, or ``None``."""
        match = self.regex.fullmatch(name)
        if match is None:
            return None
        groups = match.groupdict()
        if groups.get("number"):
            return number_from_words(groups["number"])
        letter = groups["letter"]
        lower = self.lower if self.lower is not None else groups.get("case") == "SMALL"
        return letter.lower() if lower else letter


# Characters always mapped (SPEC §4, every class but super/subscripts and flags).
PLAIN_RULES: tuple[Rule, ...] = (
    # 13 styles of Mathematical Alphanumeric Symbols, letters, digits, dotless ı ȷ.
    Rule(rf"MATHEMATICAL (?:[A-Z-]+ )+?(?:{_LETTER}|{_NUMBER})"),
    # Fullwidth ASCII letters and digits.
    Rule(rf"FULLWIDTH (?:LATIN {_LETTER}|{_NUMBER})"),
    # Circled, negative circled, squared, negative squared and parenthesized letters.
    Rule(rf"(?:NEGATIVE )?(?:CIRCLED|SQUARED|PARENTHESIZED) LATIN {_LETTER}"),
    # Circled, negative circled, double circled and dingbat circled digits and numbers.
    Rule(rf"(?:DINGBAT )?(?:NEGATIVE )?(?:DOUBLE )?CIRCLED (?:SANS-SERIF )?{_NUMBER}"),
    # Small capitals: ɪ ʙ ᴄ ꜱ ꞯ (lower case), the capital Ɪ, and the modifier ones ᶦ ᶫ.
    Rule(r"LATIN LETTER SMALL CAPITAL (?P<letter>[A-Z])", lower=True),
    Rule(r"MODIFIER LETTER SMALL CAPITAL (?P<letter>[A-Z])", lower=True),
    Rule(r"LATIN CAPITAL LETTER SMALL CAPITAL (?P<letter>[A-Z])", lower=False),
    # Segmented digits (Unicode 13) and outlined letters and digits (Unicode 16).
    Rule(rf"(?:SEGMENTED|OUTLINED) (?:LATIN {_LETTER}|{_NUMBER})"),
)

# Letterlike Symbols that fill holes of the mathematical alphabets (ℬ ℭ ℂ ℎ…), the
# double-struck italic letters ⅅ ⅆ ⅇ ⅈ ⅉ and ℓ. Only letters (category L*): ℘ is named
# SCRIPT CAPITAL P but is the Weierstrass function symbol (category Sm).
LETTERLIKE_RULE = Rule(rf"(?:ITALIC|SCRIPT|BLACK-LETTER|DOUBLE-STRUCK(?: ITALIC)?) {_LETTER}")
# The one hole whose filler's name does not say its letter: ℎ stands in for the missing
# MATHEMATICAL ITALIC SMALL H.
NAME_ALIASES = {"PLANCK CONSTANT": "ITALIC SMALL H"}

# Typographic ligatures of the Alphabetic Presentation Forms block (ﬁ ﬄ ﬅ). Ĳ and Œ, in
# Latin Extended-A, are letters of Dutch and French and are not ligatures to undo.
LIGATURE_RE = re.compile(r"LATIN SMALL LIGATURE (?P<parts>[A-Z ]+)")
LIGATURE_BLOCK = range(0xFB00, 0xFB50)

# Superscript, subscript and modifier letters and digits (mapped only in runs of two or more).
SCRIPT_RULES: tuple[Rule, ...] = (
    Rule(rf"(?:SUPERSCRIPT|SUBSCRIPT) (?P<number>{'|'.join(_UNITS)})"),
    Rule(r"SUPERSCRIPT LATIN SMALL LETTER (?P<letter>[A-Z])", lower=True),
    Rule(r"LATIN SUBSCRIPT SMALL LETTER (?P<letter>[A-Z])", lower=True),
    Rule(r"MODIFIER LETTER (?P<case>CAPITAL|SMALL) (?P<letter>[A-Z])"),
    # Modifier small capitals also write superscript words (ˢᵘᵖᵉʳˢᶜʳᶦᵖᵗ has no other i).
    Rule(r"MODIFIER LETTER SMALL CAPITAL (?P<letter>[A-Z])", lower=True),
)

# Mathematical (and double-struck letterlike) Greek letters, and the symbol variants
# (MATHEMATICAL BOLD THETA SYMBOL 𝛝) folded to the ordinary letter (θ) as well.
GREEK_RE = re.compile(
    r"(?:MATHEMATICAL|DOUBLE-STRUCK) (?:[A-Z-]+ )*?"
    r"(?:(?P<case>CAPITAL|SMALL) (?P<letter>(?:FINAL )?[A-Z]{2,})(?: SYMBOL)?"
    r"|(?P<variant>[A-Z]{2,}) SYMBOL)"
)


# --- derivation ----------------------------------------------------------------------------


def iter_named() -> Iterator[tuple[int, str, str]]:
    """``(code point, character, name)`` for every named character of the database."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        name = unicodedata2.name(char, "")
        if name:
            yield code, char, name


def plain_form(code: int, char: str, name: str) -> str | None:
    """The ASCII text a stylised character always maps to, ``None`` if it is no such thing."""
    if code in LIGATURE_BLOCK:
        match = LIGATURE_RE.fullmatch(name)
        if match:
            letters = match["parts"].replace("LONG S", "S").replace(" ", "").lower()
            return letters if letters.isascii() and letters.isalpha() else None
    for rule in PLAIN_RULES:
        plain = rule.plain(name)
        if plain is not None:
            return plain
    if unicodedata2.category(char) in ("Lu", "Ll") and 0x2100 <= code <= 0x214F:
        return LETTERLIKE_RULE.plain(NAME_ALIASES.get(name, name))
    return None


def script_form(name: str) -> str | None:
    """The ASCII letter or digit a superscript, subscript or modifier letter stands for."""
    for rule in SCRIPT_RULES:
        plain = rule.plain(name)
        if plain is not None:
            return plain
    return None


def _lookup(name: str) -> str | None:
    try:
        return str(unicodedata2.lookup(name))
    except KeyError:
        return None


def greek_form(name: str) -> str | None:
    """The ordinary Greek letter a mathematical Greek letter is styled from (𝛂 → α)."""
    match = GREEK_RE.fullmatch(name)
    if match is None:
        return None
    case = match["case"] or "SMALL"
    letter = match["letter"] or match["variant"]
    # The capital digamma is plain GREEK LETTER DIGAMMA (its small one has SMALL).
    return _lookup(f"GREEK {case} LETTER {letter}") or _lookup(f"GREEK LETTER {letter}")


def build_tables() -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """``(PLAIN, SCRIPT_FORMS, MATH_GREEK)`` derived from the names in the database."""
    plain: dict[int, str] = {}
    scripts: dict[int, str] = {}
    greek: dict[int, str] = {}
    for code, char, name in iter_named():
        if (form := plain_form(code, char, name)) is not None:
            plain[code] = form
        if (form := script_form(name)) is not None:
            scripts[code] = form
        if code not in plain and (form := greek_form(name)) is not None:
            greek[code] = form
    _check_tables(plain, scripts, greek)
    return plain, scripts, greek


def _check_tables(plain: dict[int, str], scripts: dict[int, str], greek: dict[int, str]) -> None:
    """Fail loudly if a new Unicode version makes a name rule produce nonsense."""
    for table in (plain, scripts):
        bad = {hex(k): v for k, v in table.items() if not (v.isascii() and v.isalnum())}
        if bad:
            raise SystemExit(f"non-ASCII or empty plain forms: {bad}")
    shared = plain.keys() & scripts.keys()
    odd = [hex(k) for k in shared if "SMALL CAPITAL" not in unicodedata2.name(chr(k))]
    if odd:
        raise SystemExit(f"characters in both PLAIN and SCRIPT_FORMS: {odd}")
    if plain.keys() & greek.keys():
        raise SystemExit("characters in both PLAIN and MATH_GREEK")


# --- output --------------------------------------------------------------------------------

HEADER = '''\
# Generated by {script} from the Unicode Character Database
# (Unicode {version}, read through unicodedata2). Do not edit: run the script again.
"""Stylised letters and digits → plain ones, for :mod:`normtext.fixers.stylised`.

``PLAIN`` maps a stylised Latin letter or digit to the ASCII it spells (always applied);
``SCRIPT_FORMS`` a superscript, subscript or modifier letter or digit to its ASCII (applied
to runs of two or more; the modifier small capitals are in both tables); ``MATH_GREEK`` a
mathematical Greek letter to the ordinary Greek letter, case kept.
"""

from __future__ import annotations

UNICODE_VERSION = "{version}"
'''


def _entry(code: int, value: str) -> str:
    char = chr(code)
    return f"    0x{code:04X}: \"{value}\",  # {char} {unicodedata2.name(char)}\n"


def _table(name: str, comment: str, table: dict[int, str]) -> str:
    lines = [f"\n# {comment} ({len(table)} characters)\n", f"{name}: dict[int, str] = {{\n"]
    lines.extend(_entry(code, table[code]) for code in sorted(table))
    lines.append("}\n")
    return "".join(lines)


def render() -> str:
    """The text of the generated module for the installed ``unicodedata2``."""
    plain, scripts, greek = build_tables()
    version = unicodedata2.unidata_version
    return (
        HEADER.format(script=SCRIPT_NAME, version=version)
        + _table("PLAIN", "Stylised letters and digits, always mapped", plain)
        + _table("SCRIPT_FORMS", "Superscript, subscript and modifier forms", scripts)
        + _table("MATH_GREEK", "Mathematical Greek letters", greek)
    )


def main(argv: Sequence[str] | None = None, write: Callable[[str], object] = print) -> int:
    """Write the table module, or with ``--check`` report whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the committed module differs"
    )
    args = parser.parse_args(argv)
    text = render()
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else None
    relative = TARGET.relative_to(ROOT)
    if args.check:
        if current != text:
            write(f"{relative} is out of date: run python {SCRIPT_NAME}")
            return 1
        write(f"{relative} is up to date (Unicode {unicodedata2.unidata_version})")
        return 0
    if current != text:
        TARGET.write_text(text, encoding="utf-8", newline="\n")
        write(f"wrote {relative} (Unicode {unicodedata2.unidata_version})")
    else:
        write(f"{relative} unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
