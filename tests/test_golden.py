"""Golden tests over corpus/: the broken headlines and the clean control corpus."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import CLEAN_CORPUS, HEADLINES, PROFILE_NAMES, run_normtext, split_keepends

from normtext import normalize

INPUT = HEADLINES / "input.txt"
CLEAN_FILES = sorted(CLEAN_CORPUS.glob("*.txt"))


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def expected(profile: str) -> Path:
    return HEADLINES / f"expected-{profile}.txt"


# --- corpus/headlines ----------------------------------------------------------------------


def test_headline_corpus_is_laid_out() -> None:
    lines = split_keepends(read(INPUT))
    assert len(lines) >= 35
    assert all(line.endswith("\n") and not line.endswith("\r\n") for line in lines)
    for profile in PROFILE_NAMES:
        assert len(split_keepends(read(expected(profile)))) == len(lines), profile


@pytest.mark.parametrize("profile", PROFILE_NAMES)
def test_headlines_through_the_api(profile: str) -> None:
    want = split_keepends(read(expected(profile)))
    got = split_keepends(normalize(read(INPUT), profile))
    assert len(got) == len(want)
    wrong = [(n, g, w) for n, (g, w) in enumerate(zip(got, want, strict=True), start=1) if g != w]
    assert wrong == []


@pytest.mark.parametrize("profile", PROFILE_NAMES)
def test_headlines_through_the_cli(profile: str) -> None:
    result = run_normtext("--profile", profile, INPUT)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout == expected(profile).read_bytes()


def test_headline_expectations_are_consistent() -> None:
    """Cross-checks of the expected files themselves: what each profile must have done."""
    source = read(INPUT)
    repair, search, ascii_text = (read(expected(p)) for p in PROFILE_NAMES)
    assert repair != source and search != repair and ascii_text != search
    assert ascii_text.isascii()
    for profile, text in (("repair", repair), ("search", search), ("ascii", ascii_text)):
        assert normalize(text, profile) == text, f"expected-{profile}.txt is not a fixed point"
    # search and ascii start from repair's output: repairing it again changes nothing.
    assert normalize(repair, "search") == search
    # Nothing of what search removes is left in its output.
    assert not any(c in search for c in "\u200b\u00ad\u2060\u202a\u2066\u00a0\u3000“”’—…")
    assert "𝗕" not in search and "Ⓦ" not in search and "ᴇ" not in search


# --- corpus/clean: the control corpus no fixer may damage ----------------------------------


def test_clean_corpus_is_there() -> None:
    assert len(CLEAN_FILES) >= 30


def _letters(line: str) -> str:
    return "".join(c for c in line if unicodedata.category(c)[0] in "LM")


@pytest.mark.parametrize("path", CLEAN_FILES, ids=lambda p: p.stem)
def test_repair_changes_no_clean_line(path: Path) -> None:
    text = read(path)
    lines = split_keepends(text)
    changed = [line for line in lines if normalize(line, "repair") != line]
    assert changed == []
    assert normalize(text, "repair") == text


@pytest.mark.parametrize("path", CLEAN_FILES, ids=lambda p: p.stem)
def test_search_changes_no_clean_letter(path: Path) -> None:
    damaged = []
    for number, line in enumerate(split_keepends(read(path)), start=1):
        after = normalize(line, "search")
        if _letters(after) != _letters(line):
            damaged.append((number, line, after))
    assert damaged == []
