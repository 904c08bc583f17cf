"""The fast guard gives the answer of the full odd-event scan, on any text."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normtext.repair.codecs import CODEC_NAMES, TABLES
from normtext.repair.plausibility import is_odd
from normtext.repair.screen import SPACE_SENSITIVE, looks_odd, odd_count
from normtext.repair.simulate import garble

CLEAN = Path(__file__).resolve().parent.parent / "corpus" / "clean"

# Every character a supported codec shows, plus spaces, CJK and Hangul (the inert
# families), marks, replacement and private-use characters: where odd events come from.
ALPHABET = sorted(
    {char for table in TABLES for char in table.to_byte}
    | set(" \t\u00a0aZe.,?!1-")
    | set("中国の東京한국어、。「」ＡＢ１")
    | set("–—…’”“«»€™╫│ўαβΑΒ\ufffd\ue000ก่ัเ\u0301\u05b7\u064e")
    | SPACE_SENSITIVE
)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=12))
def test_same_answer_as_the_full_scan(text: str) -> None:
    assert looks_odd(text) == is_odd(text)


# Han, kana, Hangul and CJK punctuation with ASCII: the lines the guard lets through unseen.
CJK_WITH_ASCII = sorted(
    set("中国の東京カナ한국어、。「」ＡＢ１") | {chr(code) for code in range(0x20, 0x7F)}
)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(CJK_WITH_ASCII), max_size=10))
def test_same_answer_on_cjk_text_with_ascii(text: str) -> None:
    assert looks_odd(text) == is_odd(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(ALPHABET), max_size=5), max_size=6))
def test_same_answer_on_words_seen_before(words: list[str]) -> None:
    # Words are remembered: the answer must not depend on the line a word was first met in.
    for line in (" ".join(words), " ".join(reversed(words)), "".join(words)):
        assert looks_odd(line) == is_odd(line)


@lru_cache(maxsize=1)
def _corpus_words() -> list[str]:
    return sorted({word for line in _corpus_lines() for word in line.split()})


@st.composite
def _damaged_word(draw: st.DrawFn) -> str:
    """A real word, maybe garbled through a codec, maybe with a character slipped in."""
    word = draw(st.sampled_from(_corpus_words()))
    if draw(st.booleans()):
        word = garble(word, draw(st.sampled_from(CODEC_NAMES)))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(word)))
        word = word[:at] + draw(st.sampled_from(ALPHABET)) + word[at:]
    return word


@settings(max_examples=1500, deadline=None)
@given(st.lists(_damaged_word(), min_size=1, max_size=6), st.sampled_from(["", " "]))
def test_same_answer_on_lines_of_real_and_damaged_words(words: list[str], edge: str) -> None:
    line = edge + " ".join(words)
    assert looks_odd(line) == is_odd(line)


@lru_cache(maxsize=1)
def _corpus_lines() -> list[str]:
    return [
        line
        for path in sorted(CLEAN.glob("*.txt"))
        for line in path.read_text("utf-8").splitlines()
        if not line.isascii()
    ]


@pytest.mark.parametrize("codec", CODEC_NAMES)
def test_same_answer_on_the_corpus_and_its_mojibake(codec: str) -> None:
    for line in _corpus_lines():
        broken = garble(line, codec)
        half = line[: len(line) // 2] + broken[len(broken) // 2 :]
        for text in (line, broken, half):
            assert looks_odd(text) == is_odd(text), text


def test_clean_text_is_clean_and_mojibake_is_counted() -> None:
    assert not looks_odd("Le café est très bon")
    assert not looks_odd("東京の天気は晴れ、気温は２０度")
    assert not looks_odd("서울의 날씨")
    assert looks_odd("cafÃ© au lait") and looks_odd("Ð¼Ð¾ÑÐºÐ²Ð°")
    assert odd_count("Le café") == 0 and odd_count("cafÃ© et thÃ©") >= 2
