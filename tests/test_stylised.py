"""Stylised → plain (SPEC §4): the generated table, the two fixers, their properties."""

from __future__ import annotations

import doctest
from pathlib import Path
from types import ModuleType

import pytest
from conftest import load_tool
from hypothesis import given
from hypothesis import strategies as st

from normtext.fixers import _stylised_table as table
from normtext.fixers import stylised
from normtext.fixers.stylised import remove_decorative_marks, stylised_to_plain
from normtext.pipeline import FIXERS

ROOT = Path(__file__).resolve().parent.parent
DIGIT_NAMES = ("ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE")


def _ucd() -> ModuleType:
    module: ModuleType = pytest.importorskip(
        "unicodedata2", reason="unicodedata2 (a test dependency) is needed to read Unicode 18"
    )
    return module


def _load_generator() -> ModuleType:
    _ucd()
    return load_tool("generate_stylised_table")


# --- (a) the committed table is what the generator builds ----------------------------------


def test_committed_table_matches_a_fresh_build() -> None:
    generator = _load_generator()
    committed = (ROOT / "normtext" / "fixers" / "_stylised_table.py").read_text(encoding="utf-8")
    assert generator.render() == committed, "run python tools/generate_stylised_table.py"


def test_generator_check_mode_reports_up_to_date() -> None:
    generator = _load_generator()
    messages: list[str] = []
    assert generator.main(["--check"], write=messages.append) == 0
    assert "up to date" in messages[0]


def test_generator_check_mode_fails_on_a_stale_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generator = _load_generator()
    stale = tmp_path / "normtext" / "fixers" / "_stylised_table.py"
    stale.parent.mkdir(parents=True)
    stale.write_text(generator.render() + "# edited by hand\n", encoding="utf-8")
    monkeypatch.setattr(generator, "ROOT", tmp_path)
    monkeypatch.setattr(generator, "TARGET", stale)
    messages: list[str] = []
    assert generator.main(["--check"], write=messages.append) == 1
    assert "out of date" in messages[0]
    assert generator.main([], write=messages.append) == 0
    assert generator.main(["--check"], write=messages.append) == 0


def test_table_is_for_the_installed_unicode_version() -> None:
    assert _ucd().unidata_version == table.UNICODE_VERSION


# --- (b) every maths letter/digit and small capital, checked against its name --------------


def _plain_from_name(name: str) -> str:
    """``MATHEMATICAL BOLD SMALL A`` → ``a``, ``… DIGIT SEVEN`` → ``7``, small capitals → lower."""
    words = name.split()
    if words[-2] == "DIGIT":
        return str(DIGIT_NAMES.index(words[-1]))
    letter = words[-1]
    if "SMALL CAPITAL" in name:
        return letter if name.startswith("LATIN CAPITAL LETTER") else letter.lower()
    return letter.lower() if "SMALL" in words else letter


def test_every_mathematical_letter_and_digit_maps_to_its_name() -> None:
    ucd = _ucd()
    checked, wrong = 0, []
    for code in range(0x1D400, 0x1D800):
        words = ucd.name(chr(code), "").split()
        if len(words) < 3 or words[-2] not in ("CAPITAL", "SMALL", "DOTLESS", "DIGIT"):
            continue  # unassigned, nabla, … LIGATURE LONG S WITH DESCENDER S
        if words[-2] != "DIGIT" and len(words[-1]) != 1:
            continue  # Greek
        name = " ".join(words)
        checked += 1
        if stylised_to_plain(chr(code)) != _plain_from_name(name):
            wrong.append((hex(code), name, stylised_to_plain(chr(code))))
    assert wrong == []
    assert checked == 52 * 13 - 24 + 2 + 50  # 13 alphabets less their 24 holes, ı ȷ, digits


def test_every_small_capital_maps_to_its_letter() -> None:
    ucd = _ucd()
    checked, wrong = 0, []
    for code in range(0x110000):
        name = ucd.name(chr(code), "")
        words = name.split()
        if not (name.startswith(("LATIN", "MODIFIER")) and "SMALL CAPITAL" in name):
            continue
        if words[-2] != "CAPITAL" or len(words[-1]) != 1:
            continue  # SMALL CAPITAL TURNED E, … WITH STROKE: letters of their own
        checked += 1
        if stylised_to_plain(chr(code)) != _plain_from_name(name):
            wrong.append((hex(code), name, stylised_to_plain(chr(code))))
    assert wrong == []
    assert checked >= 38


def test_coverage_report_is_complete_for_normtext() -> None:
    from normtext import coverage

    ucd = _ucd()
    tallies = coverage.collect(ucd)
    coverage.score(tallies, {"normtext": coverage.approaches(ucd)["normtext"]})
    for tally in tallies.values():
        assert tally.right["normtext"] == len(tally.members), tally.label
    assert sum(len(tallies[label].members) for label in coverage.CLASS_ORDER) > 1250


# --- (c) SPEC §4's examples -----------------------------------------------------------------

KEPT = [
    "10² m² CO₂",
    "footnote¹",
    "10²³ and x₁₂",
    "🅰️🅿️ 1️⃣ 🆗 🇺🇦",
    "Ⓜ️ ℹ️ 🆕 🆘",
    "½ ™ № ℃ ® © º ª ° µ",
    "Ⅻ ⅻ ℏ ℘",
    "ɐ ɥ ɯ",
    "①概要",
    "手順②を確認",
    "Nguyễn",
    "Nguye\u0302\u0303n",
    "हिन्दी",
    "كَتَبَ",
    "שָׁלוֹם",
    "Ĳsselmeer Œuvre",
    "plain ASCII text",
]


@pytest.mark.parametrize("text", KEPT)
def test_real_text_is_kept(text: str) -> None:
    assert stylised_to_plain(text) == text
    assert remove_decorative_marks(text) == text
    assert FIXERS["stylised"](text) == text
    assert FIXERS["decorative_marks"](text) == text


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("𝐁𝐑𝐄𝐀𝐊𝐈𝐍𝐆", "BREAKING"),
        ("𝘚𝘵𝘰𝘤𝘬𝘴", "Stocks"),
        ("𝗗𝗶𝘀𝗰𝘂𝘀𝘀𝗶𝗼𝗻", "Discussion"),
        ("𝓢𝓬𝓻𝓲𝓹𝓽 𝔉𝔯𝔞𝔨𝔱𝔲𝔯 𝕯 𝙼𝚘𝚗𝚘 𝟏𝟐", "Script Fraktur D Mono 12"),
        ("ℎ ℬ ℭ ℂ ℍ ℝ ⅅ ⅆ ℓ", "h B C C H R D d l"),
        ("ｓｌｉｄｅ Ｆｕ５", "slide Fu5"),
        ("Ⓒⓘⓡⓒⓛⓔⓓ 🅝 🄰 🅰 ⒜ 🄐", "Circled N A A a A"),
        ("🅽🅴🅶🅰🆃🅸🆅🅴", "NEGATIVE"),
        ("① ❶ ⓵ ➀ ⑳ ㉑", "1 1 1 1 20 21"),
        ("ᴍᴀʀᴋᴇᴛꜱ", "markets"),
        ("ʙ ᴄ ꜱ ꞯ ᶦ", "b c s q i"),
        ("ˢᵘᵖᵉʳ ₜₒₚ", "super top"),
        ("1ˢᵗ place", "1st place"),
        ("🯱🯲 𜳖", "12 A"),
        ("ﬁnal ﬄ", "final ffl"),
        ("𝚤𝚥", "ij"),
        ("🇺🇦🇺", "🇺🇦U"),
        ("🇦", "A"),
        ("𝛂𝚩𝛝", "αΒθ"),
    ],
)
def test_stylised_text_is_mapped(text: str, plain: str) -> None:
    assert stylised_to_plain(text) == plain
    assert FIXERS["stylised"](text) == plain


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("S̶t̶r̶i̶k̶e̶", "Strike"),
        ("U̲n̲d̲e̲r̲", "Under"),
        ("S̶t̶r̶i̶k̶e̶ ̶t̶h̶i̶s̶ now", "Strike this now"),
        ("O̅v̅e̅r̅ and S̸l̸a̸s̸h̸", "Over and Slash"),
        ("A⃝B⃝C⃝", "ABC"),
        ("c̲a̲f̲é̲", "café"),
    ],
)
def test_decorative_marks_are_removed(text: str, plain: str) -> None:
    assert remove_decorative_marks(text) == plain
    assert FIXERS["decorative_marks"](text) == plain


@pytest.mark.parametrize(
    "text",
    ["x̲", "a≠b", "S̶t̶rike", "Ab̲c", "t̲ ̲", "ḵ ṯ"],
)
def test_decorative_marks_that_may_be_meant_are_kept(text: str) -> None:
    assert remove_decorative_marks(text) == text


def test_fixers_are_registered_in_order() -> None:
    assert FIXERS["decorative_marks"].order < FIXERS["nfc"].order < FIXERS["stylised"].order
    assert FIXERS["stylised"].fix is stylised_to_plain
    assert not FIXERS["stylised"].may_apply("BREAKING news, 10 x 2 = 20 (ok)")
    assert FIXERS["stylised"].may_apply("𝐁")


def test_docstring_examples() -> None:
    assert doctest.testmod(stylised).failed == 0


# --- (d) properties --------------------------------------------------------------------------

STYLISED = sorted({*table.PLAIN, *table.SCRIPT_FORMS, *table.MATH_GREEK})
OTHERS = (
    "abcXYZ019 .,()-'\tÉéßжΩกא中概要かカ한\u0301\u0302\u0303\u064e\u093f\u094d"
    "\ufe0e\ufe0f\u20e3\u200d"
    "\u0305\u0331\u0332\u0335\u0336\u0338\u033d\u0489\u20dd\u20e2"
    "\U0001f1e6\U0001f1fa\U0001f197"
)
ALPHABET = st.one_of(
    st.sampled_from([chr(code) for code in STYLISED]),
    st.sampled_from(OTHERS),
)
MIXED_TEXT = st.text(alphabet=ALPHABET, max_size=40)


@given(MIXED_TEXT)
def test_stylised_to_plain_is_idempotent(text: str) -> None:
    once = stylised_to_plain(text)
    assert stylised_to_plain(once) == once


@given(MIXED_TEXT)
def test_remove_decorative_marks_is_idempotent(text: str) -> None:
    once = remove_decorative_marks(text)
    assert remove_decorative_marks(once) == once


@given(st.text())
def test_fixers_never_raise(text: str) -> None:
    assert isinstance(stylised_to_plain(text), str)
    assert isinstance(remove_decorative_marks(text), str)
