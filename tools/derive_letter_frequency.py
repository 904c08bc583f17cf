"""Build ``normtext/repair/_frequency.py`` from the word lists of the ``wordfreq`` package.

When mojibake repair has to restore a dropped byte, several characters can fill the gap
(Slovak ``Sloven?ina``: č, ď or ā; Russian ``ру?ский``: с, я or э). The generated module
gives the run-time code character and character-pair frequencies to choose between them.
``wordfreq`` is only needed to run this script; the package never imports it.

Method, for each language of :data:`LANGUAGES` that ``wordfreq`` has a word list for:

1. Take the top :data:`TOP_WORDS` words (``wordfreq.top_n_list``) with the frequency the
   word list stores for each (``wordfreq.get_frequency_dict``: the same number that
   ``wordfreq.word_frequency`` returns for a one-token word, without its tokenizer, which
   for ja, ko and zh would need MeCab or jieba, and without its rounding to 3 digits).
2. Weight every word by its frequency and count (a) each character of it and (b) each pair
   of adjacent characters, with a space standing for the word boundary on each side, so
   ``"с"`` yields the pairs ``" с"`` and ``"с "``.
3. Scale the language's counts so that its unigram total (its character mass) is
   :data:`LANGUAGE_MASS`; the pairs are scaled by the same factor, so that
   ``BIGRAM[ab] / UNIGRAM[a]`` stays an estimate of how often ``b`` follows ``a``.

The languages' scaled counts are summed, so each language weighs the same, and rounded to
integers. To keep the module small, ``UNIGRAM`` keeps every non-ASCII character with a
count of at least 1 and the ASCII letters, and ``BIGRAM`` keeps pairs with at least one
non-ASCII character and a count of at least :data:`MIN_BIGRAM` (:data:`MIN_BIGRAM_CJK`
for pairs with a Han, Hangul or kana character). ``ALPHABETS`` gives each list's own
non-ASCII letters of Latin, Greek, Cyrillic and Armenian script: those it counts at least
:data:`ALPHABET_MIN` times per million characters. ``ONE_LETTER_WORDS`` gives each list's
words of one such letter of its own alphabet, with ten times their Zipf value (for a
lost letter that is a word of its own: Serbian "у", not "с"). ``COMMON_WORDS`` gives, for
each list with such an alphabet, its :data:`COMMON_WORD_COUNT` most frequent words of
letters alone, with ten times their Zipf value: they tell which of those languages a line
is in, and how frequent a short word is in that language rather than in any. ``SYMBOLS``
gives every symbol of one character (emoji among them) that any list holds, with ten
times its highest Zipf value in any list: of two emoji that one lost byte leaves possible,
"⚽" is written, "⛽" hardly.

Words are counted as ``wordfreq`` stores them: case-folded, NFC (NFKC outside the Latin,
Greek and Cyrillic scripts), Arabic and Hebrew without combining marks, Chinese in
Simplified characters. Case folding wrote Greek final sigma as ``σ``; it is restored to
``ς`` at the end of Greek words (German ``ß`` became ``ss`` and cannot be restored).
Croatian and Serbian share ``wordfreq``'s Latin-script Serbo-Croatian list ``sh``, which
is counted once; since Serbian is written in Cyrillic as much as in Latin, the same list
is also counted transcribed letter for letter into Serbian Cyrillic (``lj`` → ``љ``,
``ć`` → ``ћ``, ``đ`` → ``ђ``…; words with letters outside Serbian Latin are left out),
as the list :data:`SERBIAN_CYRILLIC`. Thai, which ``wordfreq`` lacks, is counted from the
word frequencies of the Thai National Corpus that ``pythainlp`` ships (``tnc_freq.txt``,
CC0; Thai words only), as the list :data:`THAI_NATIONAL_CORPUS`. Other languages without a
list of their own are skipped and printed: the nearest-match lookup of ``wordfreq`` would
substitute another language (Nepali → English).

The output is sorted by key, so the same ``wordfreq`` version gives the same bytes.

Usage::

    pip install wordfreq pythainlp
    python tools/derive_letter_frequency.py           # write the module
    python tools/derive_letter_frequency.py --check   # exit 1 if the committed module is stale
"""

from __future__ import annotations

import argparse
import math
import sys
import textwrap
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib.metadata import version
from pathlib import Path

try:
    import wordfreq
except ImportError:  # pragma: no cover - depends on the environment
    sys.exit("tools/derive_letter_frequency.py needs wordfreq: pip install wordfreq")

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "normtext" / "repair" / "_frequency.py"
SCRIPT_NAME = "tools/derive_letter_frequency.py"

# The languages whose letters mojibake repair must tell apart, grouped by script.
# fmt: off
LANGUAGES: tuple[str, ...] = (
    # Latin
    "en", "fr", "de", "es", "pt", "it", "nl", "pl", "cs", "sk", "sl", "hr", "ro", "hu",
    "tr", "vi", "lt", "lv", "et", "fi", "sv", "da", "nb", "is", "ca",
    # Cyrillic
    "ru", "uk", "bg", "sr", "mk",
    # Greek, Hebrew
    "el", "he",
    # Arabic script
    "ar", "fa", "ur",
    # Devanagari
    "hi", "mr", "ne",
    # Bengali, Tamil, Telugu, Thai, Georgian, Armenian, Hangul, Japanese, Han
    "bn", "ta", "te", "th", "ka", "hy", "ko", "ja", "zh",
)
# fmt: on
# Languages that wordfreq serves from a list under another code (its README, note [1]:
# Bosnian, Croatian and Serbian share the Latin-script Serbo-Croatian list).
WORDLIST_ALIASES: dict[str, str] = {"hr": "sh", "sr": "sh"}
# Serbian in Cyrillic: wordfreq's Serbo-Croatian list transcribed (see the module text).
SERBIAN_CYRILLIC = "sh-Cyrl"
SERBIAN_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ"}
# Thai: the Thai National Corpus word frequencies shipped with pythainlp.
THAI_NATIONAL_CORPUS = "th-tnc"
THAI_LETTERS = frozenset(chr(code) for code in range(0x0E01, 0x0E5C))
SERBIAN_LETTERS = dict(
    zip("abcčćdđefghijklmnoprsštuvzž", "абцчћдђефгхијклмнопрсштувзж", strict=True)
)

TOP_WORDS = 20_000
LANGUAGE_MASS = 1_000_000
MIN_BIGRAM = 2
# Han, Hangul and kana have thousands of characters whose pairs spread thin: their pairs
# need a higher count, which keeps the module under 600 KB (at 2 it would be about 1 MB).
MIN_BIGRAM_CJK = 10
CJK_NAME_PREFIXES = ("CJK ", "HANGUL ", "HIRAGANA ", "KATAKANA ", "KATAKANA-HIRAGANA ")
BOUNDARY = " "

GREEK_SMALL_SIGMA = "σ"
GREEK_FINAL_SIGMA = "ς"


# --- derivation ----------------------------------------------------------------------------


def resolve_languages(
    languages: Iterable[str] = LANGUAGES,
) -> tuple[dict[str, list[str]], list[str]]:
    """Map each word list to the requested languages it serves, and list the skipped ones.

    Only exact codes (or :data:`WORDLIST_ALIASES`) count: ``wordfreq``'s own nearest-match
    lookup would answer Nepali with English and Marathi with Hindi.
    """
    available = wordfreq.available_languages()
    lists: dict[str, list[str]] = {}
    skipped: list[str] = []
    for lang in languages:
        code = WORDLIST_ALIASES.get(lang, lang)
        if code in available:
            lists.setdefault(code, []).append(lang)
            if lang == "sr":
                lists[SERBIAN_CYRILLIC] = [lang]
        elif lang == "th":
            lists[THAI_NATIONAL_CORPUS] = [lang]
        else:
            skipped.append(lang)
    return lists, skipped


def to_serbian_cyrillic(word: str) -> str | None:
    """A Serbian Latin word in Serbian Cyrillic; ``None`` if it has another letter.

    >>> to_serbian_cyrillic("ljubav"), to_serbian_cyrillic("kuća"), to_serbian_cyrillic("wifi")
    ('љубав', 'кућа', None)
    """
    letters = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in SERBIAN_DIGRAPHS:
            letters.append(SERBIAN_DIGRAPHS[pair])
            i += 2
            continue
        letter = SERBIAN_LETTERS.get(word[i])
        if letter is None:
            return None
        letters.append(letter)
        i += 1
    return "".join(letters)


@cache
def thai_words() -> list[tuple[str, float]]:
    """Thai words of the Thai National Corpus with their counts, most frequent first."""
    try:
        from pythainlp.corpus import tnc
    except ImportError:  # pragma: no cover - depends on the environment
        sys.exit("the Thai word list needs pythainlp: pip install pythainlp")
    words = [(w, float(n)) for w, n in tnc.word_freqs() if w and set(w) <= THAI_LETTERS]
    return sorted(words, key=lambda pair: (-pair[1], pair[0]))


def top_words(code: str, count: int) -> list[tuple[str, float]]:
    """The ``count`` most frequent words of a word list, each with its frequency."""
    if code == THAI_NATIONAL_CORPUS:
        return thai_words()[:count]
    source = "sh" if code == SERBIAN_CYRILLIC else code
    frequencies = wordfreq.get_frequency_dict(source)
    words = []
    for listed in wordfreq.top_n_list(source, count):
        word: str | None = listed
        if code == SERBIAN_CYRILLIC:
            word = to_serbian_cyrillic(listed)
        elif code == "el":
            word = restore_final_sigma(listed)
        if word:
            words.append((word, frequencies[listed]))
    return words


def restore_final_sigma(word: str) -> str:
    """``"τησ"`` → ``"της"``: wordfreq's case folding wrote every final sigma as ``σ``."""
    if len(word) > 1 and word[-1] == GREEK_SMALL_SIGMA and word[-2].isalpha():
        return word[:-1] + GREEK_FINAL_SIGMA
    return word


def language_counts(code: str) -> tuple[dict[str, float], dict[str, float]]:
    """Unigram and bigram counts of one word list, scaled to :data:`LANGUAGE_MASS`."""
    unigrams: dict[str, float] = defaultdict(float)
    bigrams: dict[str, float] = defaultdict(float)
    for word, weight in top_words(code, TOP_WORDS):
        for char in word:
            unigrams[char] += weight
        bounded = BOUNDARY + word + BOUNDARY
        for i in range(len(bounded) - 1):
            bigrams[bounded[i : i + 2]] += weight
    scale = LANGUAGE_MASS / sum(unigrams.values())
    return (
        {k: v * scale for k, v in unigrams.items()},
        {k: v * scale for k, v in bigrams.items()},
    )


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _is_cjk(char: str) -> bool:
    return unicodedata.name(char, "").startswith(CJK_NAME_PREFIXES)


def _min_bigram(pair: str) -> int:
    return MIN_BIGRAM_CJK if any(_is_cjk(c) for c in pair) else MIN_BIGRAM


# A letter of Latin, Greek, Cyrillic or Armenian script that one list counts at least this
# often (per million characters) is part of that language's alphabet.
ALPHABET_MIN = 100
# Letters that case folding took out of a list (German "ß" became "ss").
FOLDED_AWAY = {"de": "ß"}


def in_alphabet_scripts(char: str) -> bool:
    """Latin (with Vietnamese's Latin Extended Additional), Greek, Cyrillic, Armenian."""
    return char < "\u0530" or "\u1e00" <= char <= "\u1eff"


def alphabet(unigrams: dict[str, float]) -> str:
    """The non-ASCII letters of a list's alphabet (see :data:`ALPHABET_MIN`)."""
    return "".join(
        sorted(
            char
            for char, count in unigrams.items()
            if not char.isascii()
            and in_alphabet_scripts(char)
            and char.isalpha()
            and count >= ALPHABET_MIN
        )
    )


def tenths_of_zipf(frequency: float) -> int:
    """Ten times the Zipf value of a word's share of all words (``log10`` of its frequency
    per billion words), rounded."""
    return round(10 * (math.log10(frequency) + 9))


def one_letter_words(code: str) -> dict[str, int]:
    """A list's words of one non-ASCII letter of the alphabet scripts, each with ten times
    its Zipf value (``log10`` of its frequency per billion words). The lists hold initials
    and symbols too ("в" in English, "ω" in Japanese): only letters of the list's own
    alphabet are kept."""
    if code == THAI_NATIONAL_CORPUS:
        return {}
    return {
        word: tenths_of_zipf(frequency)
        for word, frequency in sorted(top_words(code, TOP_WORDS))
        if len(word) == 1 and not word.isascii() and in_alphabet_scripts(word) and word.isalpha()
    }


# How many of a list's most frequent words ``COMMON_WORDS`` keeps.
COMMON_WORD_COUNT = 300


def common_words(code: str) -> dict[str, int]:
    """A list's :data:`COMMON_WORD_COUNT` most frequent words of letters alone, each with
    ten times its Zipf value, most frequent first."""
    words = [(word, frequency) for word, frequency in top_words(code, TOP_WORDS) if word.isalpha()]
    return {
        word: tenths_of_zipf(frequency)
        for word, frequency in words[:COMMON_WORD_COUNT]
    }


def symbol_frequencies(lists: Iterable[str]) -> dict[str, int]:
    """The symbols of one character (category So: emoji, dingbats, signs) that the lists
    hold, each with ten times its highest Zipf value in any of them. The lists count the
    emoji of the chat and subtitles they were built from: "⚽" (3.0), not "⛽" (absent)."""
    best: dict[str, int] = {}
    for code in sorted(lists):
        if code in (SERBIAN_CYRILLIC, THAI_NATIONAL_CORPUS):
            continue  # (the one a transcription of "sh", the other without symbols)
        for word, frequency in sorted(wordfreq.get_frequency_dict(code).items()):
            if len(word) == 1 and unicodedata.category(word) == "So":
                zipf = tenths_of_zipf(frequency)
                best[word] = max(best.get(word, 0), zipf)
    return {symbol: zipf for symbol, zipf in sorted(best.items()) if zipf >= 1}


def build_tables(
    lists: Iterable[str],
) -> tuple[dict[str, int], dict[str, int], dict[str, str], dict[str, dict[str, int]]]:
    """Sum the word lists' scaled counts, round them and keep what the module keeps; and
    each list's alphabet and one-letter words."""
    unigram_sum: dict[str, float] = defaultdict(float)
    bigram_sum: dict[str, float] = defaultdict(float)
    alphabets: dict[str, str] = {}
    short_words: dict[str, dict[str, int]] = {}
    for code in sorted(lists):
        unigrams, bigrams = language_counts(code)
        alphabets[code] = "".join(sorted(alphabet(unigrams) + FOLDED_AWAY.get(code, "")))
        words = one_letter_words(code)
        if words := {word: zipf for word, zipf in words.items() if word in alphabets[code]}:
            short_words[code] = words
        for key in sorted(unigrams):
            unigram_sum[key] += unigrams[key]
        for key in sorted(bigrams):
            bigram_sum[key] += bigrams[key]
    unigram = {
        key: count
        for key in sorted(unigram_sum)
        if (count := round(unigram_sum[key])) >= 1 and (not key.isascii() or _is_ascii_letter(key))
    }
    bigram = {
        key: count
        for key in sorted(bigram_sum)
        if (count := round(bigram_sum[key])) >= _min_bigram(key) and not key.isascii()
    }
    return unigram, bigram, alphabets, short_words


# --- output --------------------------------------------------------------------------------

LINE_WIDTH = 99

HEADER = '''\
# ruff: noqa: E501
# Generated by {script} from wordfreq {version}. Do not edit.
# To regenerate: pip install wordfreq=={version} pythainlp=={thai_version}; python {script}
# (``python {script} --check`` tells whether this file is up to date).
#
# Derived from the word lists of wordfreq by Robyn Speer (code Apache-2.0; data CC BY-SA
# 4.0, from Wikipedia, OPUS OpenSubtitles 2018, SUBTLEX by Marc Brysbaert et al., Google
# Books Ngrams, NewsCrawl, GlobalVoices, OSCAR, ParaCrawl, the Leeds Internet Corpus,
# Twitter, Reddit and Jieba), and for Thai from the Thai National Corpus word frequencies
# of PyThaiNLP {thai_version} (tnc_freq.txt, CC0 1.0).
"""Character and character-pair frequencies, for choosing a character lost in mojibake.

{description}
"""

from __future__ import annotations

'''


def _char_literal(char: str) -> str:
    if char in '\\"':
        return "\\" + char
    if char != " " and unicodedata.category(char)[0] in "CZ":
        code = ord(char)
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return char


def _entries(table: dict[str, int]) -> Iterable[str]:
    for key, count in table.items():
        yield '"' + "".join(_char_literal(c) for c in key) + f'": {count},'


def _wrapped(entries: Iterable[str], indent: str) -> list[str]:
    """``entries`` as lines of at most :data:`LINE_WIDTH` characters, each after ``indent``."""
    lines = []
    line = ""
    for entry in entries:
        if line and len(line) + 1 + len(entry) > LINE_WIDTH:
            lines.append(line + "\n")
            line = ""
        line = f"{line} {entry}" if line else f"{indent}{entry}"
    if line:
        lines.append(line + "\n")
    return lines


def _table(name: str, comment: str, table: dict[str, int]) -> str:
    lines = [f"\n# {comment} ({len(table)} entries)\n", f"{name}: dict[str, int] = {{\n"]
    lines += _wrapped(_entries(table), "    ")
    lines.append("}\n")
    return "".join(lines)


def _alphabets(alphabets: dict[str, str]) -> str:
    lines = [
        f"\n# Each list's non-ASCII letters of Latin, Greek, Cyrillic and Armenian script, counted"
        f"\n# at least {ALPHABET_MIN} times per million characters ({len(alphabets)} lists)\n",
        "ALPHABETS: dict[str, str] = {\n",
    ]
    lines += [f'    "{code}": "{letters}",\n' for code, letters in sorted(alphabets.items())]
    lines.append("}\n")
    return "".join(lines)


def _one_letter_words(short_words: dict[str, dict[str, int]]) -> str:
    lines = [
        "\n# Each list's words of one non-ASCII letter of its alphabet, with ten times their"
        f"\n# Zipf value ({len(short_words)} lists)\n",
        "ONE_LETTER_WORDS: dict[str, dict[str, int]] = {\n",
    ]
    for code, words in sorted(short_words.items()):
        entries = ", ".join(f'"{word}": {zipf}' for word, zipf in words.items())
        lines.append(f'    "{code}": {{{entries}}},\n')
    lines.append("}\n")
    return "".join(lines)


def _common_words(common: dict[str, dict[str, int]]) -> str:
    lines = [
        f"\n# The {COMMON_WORD_COUNT} most frequent words of letters alone of each list that has"
        f"\n# an alphabet, with ten times their Zipf value ({len(common)} lists)\n",
        "COMMON_WORDS: dict[str, dict[str, int]] = {\n",
    ]
    for code, words in sorted(common.items()):
        lines.append(f'    "{code}": {{\n')
        lines += _wrapped(_entries(words), "        ")
        lines.append("    },\n")
    lines.append("}\n")
    return "".join(lines)


def render(
    unigram: dict[str, int],
    bigram: dict[str, int],
    alphabets: dict[str, str],
    lists: dict[str, list[str]],
    short_words: dict[str, dict[str, int]],
    common: dict[str, dict[str, int]],
    symbols: dict[str, int],
) -> str:
    """The text of the generated module."""
    names = [
        code if langs == [code] else f"{code} (for {', '.join(langs)})"
        for code, langs in sorted(lists.items())
    ]
    description = (
        f"Each of {len(lists)} word lists (the top {TOP_WORDS:,} words of {', '.join(names)}) "
        f"counts {LANGUAGE_MASS:,} characters, weighted by word frequency. ``UNIGRAM`` maps "
        "a character to its summed count (every non-ASCII character counted at least once, "
        "and the ASCII letters). ``BIGRAM`` maps two adjacent characters of a word to "
        'theirs, a space standing for the word boundary (``" с"``: a word starting with с), '
        f"for pairs with a non-ASCII character counted at least {MIN_BIGRAM} times "
        f"({MIN_BIGRAM_CJK} times for pairs with a Han, Hangul or kana character). Words "
        "are lower case, as wordfreq stores them."
    )
    header = HEADER.format(
        script=SCRIPT_NAME,
        version=version("wordfreq"),
        thai_version=version("pythainlp"),
        description=textwrap.fill(description, width=LINE_WIDTH - 8, break_on_hyphens=False),
    )
    return (
        header
        + "# fmt: off\n"
        + _table("UNIGRAM", "Characters", unigram)
        + _table("BIGRAM", "Adjacent pairs, a space for the word boundary", bigram)
        + _alphabets(alphabets)
        + _one_letter_words(short_words)
        + _common_words(common)
        + _table(
            "SYMBOLS",
            "Symbols of one character (emoji, dingbats, signs), ten times their highest Zipf"
            " value in any list",
            symbols,
        )
        + "# fmt: on\n"
        + "\n# The name that older code uses for UNIGRAM.\nFREQUENCY = UNIGRAM\n"
    )


def generate(write: Callable[[str], object] = print) -> str:
    """Derive the tables and return the module text, reporting skipped languages."""
    lists, skipped = resolve_languages()
    if skipped:
        write(f"skipped (no wordfreq list): {' '.join(skipped)}")
    for code, langs in sorted(lists.items()):
        if langs != [code]:
            write(f"{' and '.join(langs)}: word list {code!r}, counted once")
    unigram, bigram, alphabets, short_words = build_tables(lists)
    common = {code: common_words(code) for code in sorted(lists) if alphabets[code]}
    symbols = symbol_frequencies(lists)
    return render(unigram, bigram, alphabets, lists, short_words, common, symbols)


def main(argv: Sequence[str] | None = None, write: Callable[[str], object] = print) -> int:
    """Write the frequency module, or with ``--check`` report whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else "")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the committed module differs"
    )
    args = parser.parse_args(argv)
    text = generate(write)
    relative = TARGET.relative_to(ROOT)
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else None
    if args.check:
        if current != text:
            write(
                f"{relative} is out of date for wordfreq {version('wordfreq')}: "
                f"run python {SCRIPT_NAME}"
            )
            return 1
        write(f"{relative} is up to date (wordfreq {version('wordfreq')})")
        return 0
    if current != text:
        TARGET.write_text(text, encoding="utf-8", newline="\n")
        write(f"wrote {relative} ({len(text.encode('utf-8')):,} bytes)")
    else:
        write(f"{relative} unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
