"""Properties that hold for every input (SPEC §7): no crash, idempotence, lines kept."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from normtext import normalize
from normtext.fixers._stylised_table import PLAIN
from normtext.repair.simulate import MODES, garble

PROFILES = ("repair", "search", "ascii")
LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

ASCII_WORDS = st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=8)
ACCENTED = st.sampled_from(list("éèêëàâäôöüûçñßøåÉÀÖÜłęąśćżźőűğışİễốạ"))
STYLISED = st.text(alphabet=st.sampled_from([chr(code) for code in sorted(PLAIN)]), max_size=6)
ENTITIES = st.sampled_from(
    ["&amp;", "&rsquo;", "&#8220;", "&#x201D;", "&amp;quot;", "&eacute;", "AT&T", "&#10;", "&lt;"]
)
INVISIBLE = st.sampled_from(
    [
        "\u200b",  # zero-width space
        "\u00ad",  # soft hyphen
        "\u200c",  # ZWNJ
        "\u200d",  # ZWJ
        "\u200e",  # LRM
        "\u2060",  # word joiner
        "\ufeff",  # BOM
        "\u202a",  # LRE
        "\u2066",  # LRI
        "\U000e0041",  # TAG LATIN CAPITAL LETTER A
        "\U000e007f",  # CANCEL TAG
        "\U0001f3f4",  # black flag (starts a tag sequence)
        "\u00a0",
        "\u2009",
        "\u3000",
        "\t",
    ]
)
PUNCTUATION = st.sampled_from(list("“”‘’„—–…«»‹›′″−"))
OTHER_TEXT = st.sampled_from(
    [
        " ",
        "  ",
        "Москва",
        "Αθήνα",
        "ภาษาไทย",
        "東京",
        "שלום",
        "می\u200cشود",
        "👨\u200d👩\u200d👧",
        "🇺🇦",
        "🅰\ufe0f",
        "10²",
        "CO₂",
        "①概要",
        "S̶t̶r̶i̶k̶e̶",
        "cafe\u0301",
        "\x85",
        "\x00",
    ]
)
CLEAN_PIECE = st.lists(
    st.one_of(
        ASCII_WORDS,
        ACCENTED,
        STYLISED,
        PUNCTUATION,
        st.just(" "),
        st.sampled_from(["Москва", "Αθήνα", "Hà Nội", "Łódź", "“Olé”", "𝗗𝗶𝘀𝗰𝘂𝘀𝘀𝗶𝗼𝗻", "€"]),
    ),
    min_size=1,
    max_size=5,
).map("".join)
CODECS = st.sampled_from(
    ["cp1252", "latin-1", "cp1251", "cp1250", "cp874", "koi8-r", "mac_roman", "cp437", "cp1253"]
)
MOJIBAKE = st.one_of(
    st.builds(garble, CLEAN_PIECE, CODECS, st.sampled_from(sorted(MODES))),
    st.builds(lambda text, codec: garble(garble(text, codec), "cp1252"), CLEAN_PIECE, CODECS),
)
LINE_BREAKS = st.sampled_from(["\n", "\r\n", "\r"])

MESSY_TEXT = st.lists(
    st.one_of(
        ASCII_WORDS,
        ACCENTED,
        STYLISED,
        ENTITIES,
        INVISIBLE,
        PUNCTUATION,
        OTHER_TEXT,
        MOJIBAKE,
        LINE_BREAKS,
    ),
    max_size=14,
).map("".join)


def line_count(text: str) -> int:
    return len(LINE_BREAK_RE.split(text))


def lines_not_kept_apart(text: str, result: str, profile: str) -> list[str]:
    """The lines of ``result``, less those left whole so that a CR and an LF stay apart.

    A line between ``\\r`` and ``\\n`` that fixing would empty is kept as it was (emptying it
    would join two lines): the line count outranks the other properties there.
    """
    endings = LINE_BREAK_RE.findall(text)
    before, after = LINE_BREAK_RE.split(text), LINE_BREAK_RE.split(result)
    return [
        line
        for index, line in enumerate(after)
        if not (
            0 < index < len(endings)
            and endings[index - 1] == "\r"
            and endings[index] == "\n"
            and line == before[index]
            and normalize(line, profile) == ""
        )
    ]


def check(text: str, profile: str) -> str:
    """The properties every profile keeps for ``text``; returns the normalised text."""
    once = normalize(text, profile)
    assert isinstance(once, str)
    assert normalize(once, profile) == once, "not idempotent"
    assert line_count(once) == line_count(text), "line count changed"
    assert LINE_BREAK_RE.findall(once) == LINE_BREAK_RE.findall(text), "endings changed"
    return once


@pytest.mark.parametrize("profile", PROFILES)
@SETTINGS
@given(text=st.text())
def test_any_text(profile: str, text: str) -> None:
    check(text, profile)


@pytest.mark.parametrize("profile", PROFILES)
@SETTINGS
@given(text=MESSY_TEXT)
def test_messy_text(profile: str, text: str) -> None:
    check(text, profile)


@SETTINGS
@given(text=MESSY_TEXT)
def test_ascii_profile_gives_ascii(text: str) -> None:
    assert check(text, "ascii").isascii()


@SETTINGS
@given(text=st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E)))
def test_repair_leaves_printable_ascii_alone(text: str) -> None:
    assert normalize(text, "repair") == text


@SETTINGS
@given(text=MESSY_TEXT)
@example(text="a\r\u200b\u00a0\nb")  # a line kept whole between CR and LF
def test_search_output_has_no_invisible_characters(text: str) -> None:
    result = check(text, "search")
    for line in lines_not_kept_apart(text, result, "search"):
        assert not re.search("[\u200b\u00ad\u2060\ufeff\u202a-\u202e\u2066-\u2069]", line)
        assert not re.search("[\u00a0\u2000-\u200a\u202f\u205f\u3000]", line)
        assert "  " not in line
        assert line == line.strip(" ")
