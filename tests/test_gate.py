"""The gate: the sets of characters a text must hold for an odd pattern to match."""

from __future__ import annotations

import json
import re

import pytest
from conftest import SHARED
from hypothesis import given, settings
from hypothesis import strategies as st
from test_screen import ALPHABET, _corpus_lines

from normtext.repair.codecs import CODEC_NAMES
from normtext.repair.gate import Gate, alternatives, required_sets
from normtext.repair.plausibility import ODD_PATTERNS, ODD_RE
from normtext.repair.screen import GATE
from normtext.repair.simulate import garble


def _sets(pattern: str) -> list[set[str]]:
    (alternative,) = alternatives(pattern)
    return [
        {chr(code) for low, high in intervals for code in range(low, high + 1)}
        for intervals in required_sets(alternative)
    ]


def test_what_each_construct_requires() -> None:
    assert _sets("[ÂÃ][ŒŠ]") == [{"Â", "Ã"}, {"Œ", "Š"}]
    assert _sets("a(?=b)") == [{"a"}, {"b"}]  # a lookahead sees characters of the text
    assert _sets("(?<=[xy])z") == [{"x", "y"}, {"z"}]
    assert _sets("[^x]y") == [{"y"}]  # a negated class requires nothing
    assert _sets("x?y") == [{"y"}]  # nor does an optional part
    assert _sets("(?!z)w\\s") == [{"w"}]  # nor a negative lookahead, nor \s
    assert _sets("q(?:ab|c)") == [{"q"}, {"a", "c"}]  # a branch: the least of each
    assert _sets("x(?:ab|.)") == [{"x"}]  # a branch of which one requires nothing
    assert _sets("(?i:é)") == []  # a case-blind class matches more than it lists


def test_a_pattern_that_requires_nothing_opens_the_gate() -> None:
    assert Gate(["[^a]"]).may_match("xyz")
    gate = Gate(["[ÂÃ][ŒŠ]", "ЁЯ"])
    assert gate.may_match("ÃŠ") and gate.may_match("ЯЁ") and not gate.may_match("ÃЁ")


def test_every_odd_pattern_is_gated() -> None:
    # Only a gate with something to ask lets clean words skip the scan.
    assert not GATE.open
    for name, pattern in ODD_PATTERNS.items():
        for alternative in alternatives(pattern):
            assert required_sets(alternative), name


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=16))
def test_the_gate_lets_every_match_through(text: str) -> None:
    assert GATE.may_match(text) or ODD_RE.search(text) is None


@pytest.mark.parametrize("codec", CODEC_NAMES)
def test_the_gate_lets_the_corpus_mojibake_through(codec: str) -> None:
    for line in _corpus_lines():
        for text in (garble(line, codec), garble(garble(line, codec), "cp1252")):
            assert GATE.may_match(text) or ODD_RE.search(text) is None, text


def test_the_gate_lets_the_peer_suite_through() -> None:
    folder = SHARED / "peer-suites" / "ftfy"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent (a clone without ../shared)")
    texts = [
        case[key]
        for path in sorted(folder.glob("*.json"))
        for case in json.loads(path.read_text("utf-8"))
        for key in ("original", "fixed", "fixed-encoding")
        if isinstance(case, dict) and isinstance(case.get(key), str)
    ]
    assert texts
    missed = [t for t in texts if re.search(ODD_RE, t) and not GATE.may_match(t)]
    assert missed == []
