"""How odd a piece of text looks: the measure that tells mojibake from real text.

Mojibake is text whose characters are individually real but whose sequences are not:
Thai letters inside Latin words (``l'รฉlectricitรฉ``), box-drawing characters between
Cyrillic letters (``п╫п╟я┬``), ``€`` and ``™`` glued to letters, a capital ``Ä``
inside a lowercase word. Each such sequence is an *odd event*. Real text in any script
has almost none, so

* a line with no odd event needs no repair at all (one regex scan: the fast guard), and
* a repair is accepted only when it removes odd events and adds none.

ftfy's own measure of Latin-script mojibake (``ftfy.badness``) is one of the events.
"""

from __future__ import annotations

import re
import unicodedata

from ftfy.badness import BADNESS_RE

# Letter ranges of the scripts that matter for telling words apart. A word that mixes two
# of them letter-to-letter is odd, except Latin next to Han/kana or Hangul (brand names
# inside CJK text are normal).
SCRIPT_RANGES: dict[str, str] = {
    "LATIN": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff",
    "GREEK": "\u0370-\u0373\u0376\u0377\u037b-\u037d\u037f\u0386\u0388-\u03ff\u1f00-\u1ffc",
    "CYRILLIC": "\u0400-\u0481\u048a-\u052f\ua640-\ua66e\ua680-\ua69d",
    "ARMENIAN": "\u0531-\u0556\u0561-\u0587",
    "HEBREW": "\u05d0-\u05ea\u05ef-\u05f2\ufb1d-\ufb4f",
    "ARABIC": (
        "\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08c9"
        "\ufb50-\ufdfb\ufe70-\ufefc"
    ),
    "THAI": "\u0e01-\u0e30\u0e32\u0e33\u0e40-\u0e46",
    "DEVANAGARI": "\u0904-\u0939\u093d\u0950\u0958-\u0961\u0972-\u097f",
    "BENGALI": "\u0985-\u09b9",
    "TAMIL": "\u0b85-\u0bb9",
    "GEORGIAN": "\u10a0-\u10ff",
    "HAN": "\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    "HANGUL": "\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e",
}
ALLOWED_NEIGHBOURS = {("LATIN", "HAN"), ("HAN", "LATIN"), ("LATIN", "HANGUL"), ("HANGUL", "LATIN")}
ALL_LETTERS = "".join(SCRIPT_RANGES.values())
NON_ASCII_LETTERS_NOT_CJK = "".join(
    letters for script, letters in SCRIPT_RANGES.items() if script not in ("HAN", "HANGUL")
).replace("A-Za-z", "")


def _script_mixing_pattern() -> str:
    alternatives = []
    for script, letters in SCRIPT_RANGES.items():
        others = "".join(
            ranges
            for other, ranges in SCRIPT_RANGES.items()
            if other != script and (script, other) not in ALLOWED_NEIGHBOURS
        )
        alternatives.append(f"[{letters}](?=[{others}])")
    return "|".join(alternatives)


def _symbol_chars() -> str:
    """Non-ASCII symbols, controls and private-use characters below U+3000.

    These are what a wrong codec puts between letters (``€ ™ ¬ © ± √ ╫ ƒ``). Every one of
    them is a character no word is spelled with.
    """
    chars = []
    for code in range(0x80, 0x3000):
        char = chr(code)
        category = unicodedata.category(char)
        if category[0] == "S" or category in ("Cc", "Co") or char in "‚„†‡‰‹›¡¿¦§¨¶¸•":
            chars.append(re.escape(char))
    return "".join(chars)


SYMBOLS = _symbol_chars()
BOX_DRAWING = "\u2500-\u259f"


def _cased(start: int, end: int, upper: bool) -> str:
    """The upper- (or lower-) case letters between two code points, as a class body."""
    return "".join(
        re.escape(chr(code))
        for code in range(start, end)
        if (chr(code).isupper() if upper else chr(code).islower())
        and unicodedata.category(chr(code)) in ("Lu", "Ll")
    )


LATIN_LOWER_NON_ASCII = _cased(0xC0, 0x250, upper=False)
LATIN_UPPER_NON_ASCII = _cased(0xC0, 0x250, upper=True)
LOWER = "a-z" + LATIN_LOWER_NON_ASCII + _cased(0x370, 0x460, upper=False)
UPPER_NON_ASCII = LATIN_UPPER_NON_ASCII + _cased(0x370, 0x460, upper=True)
THAI_CONSONANTS = "\u0e01-\u0e2e"
THAI_MARKS = "\u0e31\u0e33-\u0e3a\u0e47-\u0e4e"
NON_ASCII_DIGITS = "\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u0e50-\u0e59"

ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
HEBREW_MARKS = "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
DEVANAGARI_MARKS = "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963"
CP1252_CONTINUATIONS = re.escape(
    "".join(
        c for c in bytes(range(0x80, 0xC0)).decode("cp1252", "ignore") if c not in "…‘’“”–—"
    )
)
# What cp1252 shows for continuation bytes, all but Š and Ž (Czech capitals "UBLÍŽÍŠ").
CP1252_SIGN_CONTINUATIONS = re.escape(
    "".join(c for c in bytes(range(0x80, 0xC0)).decode("cp1252", "ignore") if c not in "ŠŽ")
)
# What cp1255 shows for continuation bytes: signs and punctuation only.
CP1255_CONTINUATIONS = re.escape(bytes(range(0x80, 0xC0)).decode("cp1255", "ignore"))
# What cp1250 shows for continuation bytes where cp1252 shows something else or nothing.
CP1250_CONTINUATIONS = re.escape(
    "".join(
        c
        for c in bytes(range(0x80, 0xC0)).decode("cp1250", "ignore")
        if c not in bytes(range(0x80, 0xC0)).decode("cp1252", "ignore")
    )
)

# The letters of the scripts beside which a micro sign is never written.
FOREIGN_TO_MICRO = "".join(
    letters for script, letters in SCRIPT_RANGES.items() if script not in ("LATIN", "GREEK")
)

# Han and kana, and what cp1252 shows for the bytes 0x80–0x9F.
CJK_LETTERS = "\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
CP1252_C1_SIGNS = re.escape(bytes(range(0x80, 0xA0)).decode("cp1252", "ignore"))

ODD_PATTERNS: dict[str, str] = {
    # ftfy's catalogue of Latin-1 / Windows-125x / MacRoman / cp437 mojibake sequences.
    "ftfy": f"(?x:{BADNESS_RE.pattern})",
    # Letters of two scripts glued together (rtl/ltr, Thai/Latin, Cyrillic/Latin…).
    "mixed-script": _script_mixing_pattern(),
    # A symbol, control or private-use character between two letters or digits.
    "symbol-in-word": (
        f"[{ALL_LETTERS}{NON_ASCII_DIGITS}][{SYMBOLS}]{{1,3}}"
        f"(?=[{ALL_LETTERS}{NON_ASCII_DIGITS}])"
    ),
    # A non-ASCII digit between two letters: "مج٥س" (ISO-8859-13 reading "مجلس").
    "digit-in-word": f"[{ALL_LETTERS}][{NON_ASCII_DIGITS}](?=[{ALL_LETTERS}])",
    # Windows-1251 reading UTF-8 Cyrillic or Latin: a capital (the lead byte) followed by
    # a character no Russian, Ukrainian or Bulgarian word has after it ("РЅР°" for
    # "на", "Г„" for "Ä", "вЂњ" for "“"). Serbian camel case "ПоздравЂаво" stays clean,
    # and so do Serbian and Macedonian capitals ("ТОЈ", "ЊЕГОШ"): only Р and С, the lead
    # bytes of Cyrillic, count before a letter; other capitals count before a sign.
    "cp1251-pair": (
        "[\u0420\u0421][„†‡€‰•™¤¦§¬®±µ¶·\u0402\u0403\u0409-\u040f\u0452\u0453"
        "\u0459-\u045f\u040e\u045e\u0408\u0405\u0455\u0458]"
        "|[\u0410-\u041f\u0422-\u042f][„†‡€‰•™¤¦§¬®±µ¶·]"
        "|\u0432\u0402[\u045a\u045c\u2122\u201c\u201d\u00a6\u045b\u2039\u203a]"
    ),
    # Box drawing touching a letter, or a no-break space between the two: KOI8-R,
    # cp866, cp437 reading UTF-8 ("Б\xa0╫" for "⚽").
    "box-by-letter": (
        f"[{ALL_LETTERS}]\u00a0?[{BOX_DRAWING}]|[{BOX_DRAWING}]\u00a0?[{ALL_LETTERS}]"
    ),
    # Windows-1251's В (0xC2) before a guillemet, glued to Latin text: "В»Vi" for "»Vi".
    "cp1251-guillemet": "[A-Za-z,.]\u0412[«»]|\u0412[«»][A-Za-z]",
    # A capital with an accent inside a lowercase word: a lead byte whose partner was lost.
    "capital-in-word": f"[{LOWER}][{UPPER_NON_ASCII}](?=[{LOWER}]|[^\\s\\x00-\\x7f])",
    # An accented capital ending a word of small Latin letters: a lead byte whose partner
    # was lost ("dupÄ" for "după" in cp1250, "pĆ" for "på" in cp1257).
    "capital-at-word-end": (
        f"[a-z{LATIN_LOWER_NON_ASCII}]{{2}}[{LATIN_UPPER_NON_ASCII}](?![^\\W\\d_])"
    ),
    # Windows-1257 reading the lead byte 0xC3 as Ć, glued to a letter or sign of a
    # continuation byte that no Polish or Croatian word puts after it ("KĆøbenhavn").
    "cp1257-lead": "\u0106[\u00f8\u00e6\u00d8\u00c6\u0156\u0157\u00a2-\u00a9\u00ab-\u00be]",
    # An accented lowercase Latin letter followed by a capital inside a word ("ÂťVi" for
    # "»Vi"). Cyrillic is left out: Serbian camel case ("ПоздравЂаво") is real.
    "case-flip": f"[{LATIN_LOWER_NON_ASCII}](?=[A-Z{LATIN_UPPER_NON_ASCII}])",
    # Dashes alternating with letters: Mac Roman reading Cyrillic ("–ù–∞—Ä").
    "dash-run": "(?:[\u2013\u2014][^\\s\\x00-\\x7f]){2}",
    # An accented capital followed by a character cp1252 shows for a continuation byte:
    # "ÄŒesku" for "Česku". Closing quotes, dashes and the ellipsis are left out: a word in
    # capitals ending in É may well be followed by one. So are É Í Ó Ô Ú Ý Ĺ Ā before Š
    # or Ž, which Czech, Slovak and Latvian capitals write ("NEJSPÍŠ", "TÉŽ", "MÔŽE",
    # "DĹŽKA", "ZINĀŠANAS").
    "latin-pair": (
        "(?:[\u00c2-\u00c8\u00ca-\u00cc\u00ce-\u00d2\u00d5\u00d6\u00d8\u00d9\u00db\u00dc\u00de"
        "\u0102\u0106]|[\u00c9\u00cd\u00d3\u00d4\u00da\u00dd\u0139\u0100](?![\u0160\u017d]))"
        "[\u0152\u0160\u017d\u0178\u0192\u02c6\u2030\u2039\u0161\u203a\u0153\u017e\u02dc"
        "\u00a6\u00a8\u00af\u00b4\u00b8]"
    ),
    # Windows-1250 / ISO-8859-2 reading UTF-8 Latin: the lead bytes 0xC3 and 0xC5 show as
    # Ă and Ĺ, glued to a character of a continuation byte that no word puts after them
    # ("DĂźsseldorf", "SĂŁo", "ĹĄalyje", "Ĺ‘sszel"). Romanian capitals ("PĂŞUNE",
    # "ROMÂNIĂ”", "NICIODATĂ" before a no-break space) and Slovak ones ("DĹŽKA") stay
    # clean.
    "latin2-lead": (
        "\u0102[\u0104\u0141\u013d\u015a\u0164\u0179\u017b\u0105\u0142\u013e\u015b\u0165"
        "\u017a\u017c\u02d8\u02c7\u02db\u02dd\u00b0\u00b1\u00b5\u00b6\u00b7\u00a4\u00a7"
        "\u00a9\u00ab\u00bb\u00ac\u00ae\u00ad]"
        "|\u0139[\u0104\u0141\u015a\u0179\u017b\u0105\u0142\u013e\u015b\u0165\u017a\u017c"
        "\u02d8\u02c7\u02db\u02dd\u00b0\u00b1\u00b5\u00b6\u00b7\u00a4\u00a7\u00a9\u00ab"
        "\u00bb\u00ac\u00ae\u00ad\u201a\u201e\u2018\u2020\u2021\u2022\u2122]"
        # "Ă" alone before a no-break space ("Ă\xa0 Nice" for "à Nice"), "Ăş" starting a
        # word ("Ăşrodu" for "úrodu"), and "Â" before a character of cp1250's own
        # ("ÂŁ250" for "£250"; not Ş or ş: Romanian "CÂŞTIG").
        "|\u0102(?<!\\S.)\u00a0|\u0102(?<![^\\W\\d_].)\u015f(?=[a-z])"
        f"|\u00c2(?![\u015e\u015f])[{CP1250_CONTINUATIONS}]"
    ),
    # A Latin-1 letter between Han or kana, or one of the leads 0xE0–0xEF before a sign of
    # cp1252's 0x80–0x9F after them: the lead byte of a CJK character whose other bytes
    # were lost or read apart ("引ã上" for "引き上", "上ã’" for "上げ"). "×" stands
    # between Han in real text ("縦×横").
    "latin-in-cjk": (
        f"[{CJK_LETTERS}](?:[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff](?=[{CJK_LETTERS}])"
        f"|[\u00e0-\u00ef][{CP1252_C1_SIGNS}])"
    ),
    # The multiplication sign (0xD7, the lead byte of Hebrew in Latin-1 codecs) glued to a
    # Hebrew letter: what is left of a Hebrew word that ftfy repaired only in part
    # ("×”×דינה" for "המדינה").
    "hebrew-lead": "\u00d7(?=[\u05d0-\u05ea])|\u00d7(?<=[\u05d0-\u05ea].)",
    # Windows-1255 reading UTF-8: the lead bytes 0xD7 and 0xD8 of Hebrew and Arabic show
    # as geresh "׳" and gershayim "״", which real text writes after a letter (ג׳ורג׳,
    # צה״ל), never before a sign of the continuation bytes or another of them ("׳”׳›׳\xa0"
    # for "הכנ"); the lead 0xD0 of Cyrillic shows as paseq "׀", which stands between
    # spaces; and the lead 0xE2 of dashes and quotes shows as "ג€" ("ג€”" for "—").
    "cp1255-lead": (
        "[\u05f3\u05f4](?<![\u05d0-\u05ea].)"
        f"[\u05c0\u05f3\u05f4{CP1255_CONTINUATIONS}]"
        f"|\u05c0[\u05c0\u05f3\u05f4{CP1255_CONTINUATIONS}]"
        f"|\u05d2\u20ac[{CP1255_CONTINUATIONS}]"
    ),
    # ISO-8859-13 reading the lead bytes 0xC2 and 0xE2 (Ā ā) glued to a sign no Latvian
    # or Lithuanian word puts after them: "Ā©" for "©", "Āæ" for "¿", "ā€”" for "—",
    # "āš½" for "⚽" once its C1 control became cp1252's character. Quotes and dashes are
    # left out: a word ending in ā may stand before one.
    "latin7-lead": (
        "\u0100[\u00a2-\u00a4\u00a6\u00a7\u00a9\u00ac\u00ae\u00b0-\u00b3"
        "\u00b5-\u00b7\u00b9\u00bc-\u00be\u00e6]"
        "|\u0101[\u20ac\u201a\u0192\u201e\u2020\u2021\u02c6\u2030\u2039\u2022"
        "\u2122\u203a\u00a2-\u00a4\u00a6\u00a7\u00a9\u00ac\u00ae\u00b0-\u00b3"
        "\u00b5-\u00b7\u00b9\u00bc-\u00be]"
    ),
    # ISO-8859-4 reading the lead bytes 0xC2, 0xC3, 0xC5 (Â Ã Å) glued to a Baltic letter
    # of a continuation byte: "DÃŧsseldorf", "ÃĄ" for "á", "ÅĄ" for "š", "ÂŠ" for "©".
    "latin4-lead": (
        "[\u00c2\u00c3\u00c5][\u0104\u0138\u0156\u0128\u013b\u0112\u0122\u0166\u017d"
        "\u0105\u0157\u0129\u013c\u0113\u0123\u0167\u014a\u017e\u014b\u0160\u0161]"
    ),
    # Windows-1250 reading the lead bytes 0xC4, 0xC8, 0xD0, 0xD1 (Ä Č Đ Ń) glued to a
    # character cp1250 alone shows for a continuation byte, or to a sign: "ÄŤempionate"
    # and "ÄŚiurlionio" (č, Č), "FinanČ›elor" (ț), "Đ·Đ°" and "ŃŃ‚" (Cyrillic). Ť and Ľ
    # after Ä only next to a lowercase letter: Slovak capitals write "PÄŤ".
    "cp1250-pair": (
        "\u00c4[\u015a\u0179\u015b\u017a\u02c7\u02d8\u0141\u0104\u015e\u017b\u02db"
        "\u0142\u0105\u015f\u02dd\u013e\u017c\u201a\u201e\u2020\u2021\u2030\u2039"
        "\u203a\u2122\u2022]"
        "|\u00c4[\u0164\u013d](?=[a-z])|\u00c4(?<=[a-z].)[\u0164\u013d]"
        "|\u010c[\u2122\u203a]"
        "|\u0110[\u00b7\u00b0\u00b1\u02db\u0142\u00b4\u00b5\u00b6\u00b8\u0105\u015f"
        "\u00bb\u013d\u02dd\u013e\u017c\u015a\u0164\u0179\u015b\u0165\u017a\u201a"
        "\u201e\u2026\u2020\u2021\u2030\u2039\u2018\u201c\u201d\u2022\u2122\u203a]"
        "|\u0143[\u20ac\u201a\u201e\u2020\u2021\u2030\u2039\u2018\u201c\u2022\u2122"
        "\u203a\u00b0\u00b1\u02c7\u02d8\u00a4\u00a6\u00a7\u00a8\u00a9\u00ab\u00ac"
        "\u00ae\u02db\u00b4\u00b5\u00b6\u00b8\u02dd]"
    ),
    # Windows-1256 reading UTF-8 Latin-1: the lead bytes 0xC2 and 0xC3 show as آ and أ,
    # glued to a Latin-1 sign ("آ£250", "أ³breyttum") or to the Arabic comma or
    # semicolon before Latin letters ("أ،rsins"). Not to guillemets, "؟" or a no-break
    # space, which do follow a word ending in أ.
    "arabic-lead": (
        "[\u0622\u0623][\u00a2-\u00a9\u00ac-\u00b9\u00bc-\u00be]"
        "|[\u0622\u0623][\u060c\u061b](?=[A-Za-z])"
    ),
    # A letter that starts a word, then a soft hyphen: no hyphenation splits off one
    # letter, but the lead byte 0xC3 of "í" shows so in many codecs ("Ć\xad" in cp1257).
    # Likewise Ć alone before a no-break space ("Ć\xa0 Nice" for "à Nice").
    "lead-soft-hyphen": "\u00ad(?<=[^\\x00-\\x7f]\u00ad)(?<!\\S..)|\u0106(?<!\\S.)\u00a0",
    # An accented capital, then punctuation from cp1252's 0x80–0x9F block, then a
    # lowercase letter: "Ã…sa" for "Åsa" (not an apostrophe: "Ã’s" is a plural).
    "latin-punct-letter": (
        "[\u00c2-\u00de][\u2026\u201c\u201d\u2022\u2013\u2014](?=[a-z])"
    ),
    # A Latin-1 letter followed by a character that cp1252 shows for bytes 0x80–0x9F and
    # no word continues with (quotes, dashes and the ellipsis excepted): "âš½" for "⚽".
    # (š and ž are left out: Czech "příští" and Slovak "môžu" put them there.)
    "latin-c1-pair": (
        "[\u00e0-\u00f4]"
        "[\u20ac\u201a\u0192\u201e\u2020\u2021\u02c6\u2030\u2039\u0152\u02dc\u203a\u0153\u0178]"
    ),
    # Two UTF-8 lead bytes in cp1252, each followed by a continuation byte that shows as
    # punctuation or a sign: the outer layer of two over a one-letter word ("Å…Æ’",
    # ISO-8859-4's "Ņƒ" for "у"). No word puts a capital, a sign, a capital, a sign.
    # (Š and Ž are letters there: Czech capitals write "UBLÍŽÍŠ".)
    "latin-pair-run": (
        f"[\u00c2-\u00df][{CP1252_SIGN_CONTINUATIONS}][\u00c2-\u00df]"
        f"[{CP1252_SIGN_CONTINUATIONS}]"
    ),
    # An accented Latin-1 lead (0xE0–0xEF) followed by two characters cp1252 or cp1250
    # shows for continuation bytes: the three bytes of one character ("âš½", "âš˝" for
    # "⚽"). Quotes,
    # dashes and the ellipsis are left out: "Brontë…”" is real, and so is Czech "déšť".
    "latin-triple": (
        f"[\u00e0-\u00ef](?!\u0161\u0165)[{CP1252_CONTINUATIONS}{CP1250_CONTINUATIONS}]{{2}}"
    ),
    # Thai spelling that no Thai writer produces: a vowel sign or tone mark with no
    # consonant to sit on, a leading vowel before a non-consonant, a Thai digit glued to a
    # symbol or letter, and more below. Windows-874 reading UTF-8 produces them all.
    "thai-spelling": (
        # (Each branch starts with the character it is about; a two-character lookbehind
        # after it then checks what precedes, which keeps the scan fast.)
        f"[{THAI_MARKS}](?<![{THAI_CONSONANTS}{THAI_MARKS}][{THAI_MARKS}])"
        f"|[\u0e40-\u0e44](?![{THAI_CONSONANTS}])"
        f"|[\u0e50-\u0e59](?=[{SYMBOLS}\u2010-\u2027{ALL_LETTERS}])"
        f"|[\u0e50-\u0e59](?<=[{SYMBOLS}\u2010-\u2027{ALL_LETTERS}][\u0e50-\u0e59])"
        # Sara a with no consonant, mark or sara aa before it ("ะฝะฐ", cp874's "на"),
        # the obsolete ฃ and ฅ glued to ASCII ("ยฃ250" for "£250"), ร alone before a
        # no-break space ("ร\xa0 Nice" for "à Nice").
        f"|\u0e30(?<![{THAI_CONSONANTS}{THAI_MARKS}\u0e32]\u0e30)"
        "|[\u0e03\u0e05](?=[0-9A-Za-z])|[\u0e03\u0e05](?<=[0-9A-Za-z].)"
        "|\u0e23(?<!\\S.)\u00a0"
        # The leads of Greek, 0xCE and 0xCF, show as ฮ and ฯ: ฮ starts a syllable before a
        # vowel (or ว), never before a consonant or a sign ("ฮฟ" for "ο", "ฮ—" for "Η");
        # the abbreviation mark ฯ ends a word, or stands in ฯลฯ.
        "|\u0e2e[\u0e0c-\u0e1f\u2018-\u201d\u2022\u2013\u2014\u00a0\u20ac]"
        "|\u0e2f(?=[\u0e01-\u0e2e\u20ac])(?!\u0e25)"
        # The lead 0xC2 of Latin-1 signs shows as ย, "€" that lost its 0x82 as โฌ, and "⚽"
        # or "₽" that lost their 0x9A or 0x82 as โฝ: a two-letter "word" of them standing
        # apart from Thai ("ยฉ 2025", "โฌ3.8", "tabulku โฝ").
        "|[\u0e22\u0e42](?<![\u0e01-\u0e5b].)"
        "(?:(?<=\u0e22)[\u0e02-\u0e1f]|(?<=\u0e42)[\u0e0c\u0e1d])"
        "(?![\u0e01-\u0e5b])"
    ),
    # An Arabic, Hebrew or Devanagari mark on a letter of another script (or on nothing).
    "foreign-mark": (
        f"[{ARABIC_MARKS}](?<![\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff{ARABIC_MARKS}]"
        f"[{ARABIC_MARKS}])"
        f"|[{HEBREW_MARKS}](?<![\u05d0-\u05ea\u05f0-\u05f2\u0591-\u05c7][{HEBREW_MARKS}])"
        f"|[{DEVANAGARI_MARKS}](?<![\u0900-\u097f][{DEVANAGARI_MARKS}])"
    ),
    # The micro sign glued to a letter of a script that is neither Latin nor Greek: it is
    # the byte 0xB5 of a Windows codec's reading ("ъµ", cp1250's "ŃŠ" and a stray "µ").
    "micro-by-letter": f"[{FOREIGN_TO_MICRO}]\u00b5|\u00b5(?=[{FOREIGN_TO_MICRO}])",
    # Characters no text means: C1 controls, replacement marks, unassigned or private use.
    "junk": "[\x80-\x9f\ufffd\ue000-\uf8ff]",
    # Windows-1253 / ISO-8859-7 reading UTF-8 Latin-1 and punctuation: the lead bytes
    # 0xC2/0xC3 show as Β/Γ glued to Latin text ("Β»Vi", "Γ–ffentlicher", "Γ³smo"), and
    # the dashes and quotes of U+2010–U+203F start with "β€". Β or Γ glued to a Latin-1
    # sign is one too ("Β£120", "Β°C", "cafΓ©"); not to a guillemet ("«Β»" is a letter).
    "greek-lead": (
        "[\u0392\u0393][^\\sA-Za-z0-9\u0370-\u03ff]?(?=[A-Za-z])|\u03b2\u20ac"
        "|[\u0392\u0393][\u00a3\u00a6-\u00a9\u00ac\u00b0-\u00b3\u00b7\u00bd]"
    ),
    # A word starting with a capital (or Thai ร, Arabic أ) and a dash glued to lowercase
    # Latin: the lead byte 0xC3 and the 0x96 of "Ö" or "Ü" ("Ă–lpreis", "Г–kostrom").
    "lead-dash-word": f"[{UPPER_NON_ASCII}\u0e23\u0623](?<!\\S.)[\u2013\u2014](?=[a-z])",
    # Mac Roman reading UTF-8: the lead bytes 0xC3, 0xC4, 0xC5, 0xC8 show as √ ƒ ≈ »,
    # glued to the next byte's character ("√úber", "priƒómƒó", "gyventoj≈≥", "a»õi").
    # (√ and ≈ only inside Latin words: "√π" and "≈½" are mathematics.)
    "mac-roman-lead": (
        "\u0192[^\\s\\x00-\\x7f]|[\u2248\u00bb](?<=[A-Za-z].)(?=[^\\s\\x00-\\x7f])"
        "|\u221a[^\\s\\x00-\\x7f](?=[a-z])"
    ),
    # The lead bytes of symbols and emoji (0xE2, 0xF0 0x9F) in DOS and KOI8 codecs: cp850
    # "ÔÇö" for "—" (the second byte of U+2000–U+27FF; not "Ôôô"), cp866 "ЁЯФе" and KOI8
    # "П÷■╔" for "🔥", KOI8 "Б\xa0Ґ" for "⚽".
    "symbol-lead": (
        "\u00d4[\u00c7\u00e9\u00e4\u00e5\u00dc\u00d8\u00a3\u00fb\u00d6][^\\s\\x00-\\x7f]"
        "|\u0401\u042f|\u041f\u00f7"
        "|\u0411\u00a0[^\\s\\x00-\\x7f]"
    ),
    # A "?" glued between a non-ASCII character and a non-ASCII letter: a byte a decoder
    # wrote as "?" inside a word ("×?ישרה" for "אישרה", "Ñ?Ð¸").
    # (Not before Han or Hangul, where an ASCII "?" may stand for the fullwidth one.)
    "question-mark-in-word": f"[^\\x00-\\x7f]\\?(?=[{NON_ASCII_LETTERS_NOT_CJK}])",
}

ODD_RE = re.compile("|".join(f"(?:{p})" for p in ODD_PATTERNS.values()))
RARE_CATEGORIES = frozenset({"Cn", "Co", "Cs", "Cc"})


def is_odd(text: str) -> bool:
    """True when ``text`` has at least one odd event (the fast guard of the repairer)."""
    return ODD_RE.search(text) is not None


def oddness(text: str) -> int:
    """The number of odd events in ``text``; 0 for real text in any script.

    >>> oddness("Le café est très bon"), oddness("Москва"), oddness("กรุงเทพมหานคร")
    (0, 0, 0)
    >>> oddness("l'รฉlectricitรฉ") > 0, oddness("п╫п╟я┬п╩п╦") > 0, oddness("cafÃ©") > 0
    (True, True, True)
    """
    return sum(1 for _ in ODD_RE.finditer(text))


def is_meaningful(char: str) -> bool:
    """False for characters a repair must never produce: controls, unassigned, private use.

    C1 controls are allowed: in two layers of mojibake the inner layer's bytes 0x80–0x9F
    surface as C1 controls, which the next layer turns back into bytes. Left over, they
    count as odd, so a repair that only produces them is not taken.
    """
    if "\x80" <= char <= "\x9f":
        return True
    return unicodedata.category(char) not in RARE_CATEGORIES and char not in "\ufffe\uffff"
