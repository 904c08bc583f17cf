"""The pipeline (SPEC §2, §7, §9): composition, line endings, explain, only/skip, pickling."""

from __future__ import annotations

import itertools
import multiprocessing
import pickle
import re

import pytest

import normtext
from normtext import FIXERS, Fixer, Normalizer, Pipeline, Step, build_pipeline, explain, normalize
from normtext.profiles import ASCII, REPAIR, SEARCH

# --- composition ---------------------------------------------------------------------------


def test_pipeline_from_names() -> None:
    pipeline = Pipeline(["html_entities", "punctuation"])
    assert pipeline.names == ["html_entities", "punctuation"]
    assert pipeline("&ldquo;Hi&rdquo; &amp; bye") == '"Hi" & bye'


def test_pipeline_from_fixer_objects_and_names_mixed() -> None:
    pipeline = Pipeline([FIXERS["spaces"], "punctuation"])
    assert pipeline.chain == (FIXERS["spaces"], FIXERS["punctuation"])
    assert pipeline("  “a”\u00a0\u00a0—  b ") == '"a" - b'


def test_pipeline_with_a_user_fixer() -> None:
    shout = Fixer("shout", str.upper, re.compile("[a-z]"), "Upper-case everything.")
    pipeline = Pipeline(["html_entities", shout])
    assert pipeline.names == ["html_entities", "shout"]
    assert pipeline("caf&eacute; &amp; bar\nOK") == "CAFÉ & BAR\nOK"
    assert "shout" not in FIXERS  # building a chain registers nothing


def test_pipeline_runs_fixers_in_the_order_given() -> None:
    # Transliterating mojibake first ruins it (SPEC §3); repairing first gives the word back.
    assert Pipeline(["mojibake", "transliterate"])("CafÃ©") == "Cafe"
    assert Pipeline(["transliterate", "mojibake"])("CafÃ©") == "CafA(c)"


def test_empty_pipeline_changes_nothing() -> None:
    text = "CafÃ© &amp; 𝐁\u200b\r\n"
    assert Pipeline([])(text) == text
    assert Pipeline([]).explain(text) == []


def test_pipeline_reaches_a_fixed_point() -> None:
    # An entity that decodes to mojibake: the chain runs again until nothing changes.
    assert normalize("Caf&Atilde;&copy; society") == "Café society"


def test_fast_path_guard() -> None:
    search = build_pipeline("search")
    assert not search.needs_work("Plain ASCII headline, 10% off (today)")
    assert search.needs_work("two  spaces")
    assert search.needs_work("Café")
    assert not build_pipeline("repair").needs_work("AT&T  and R&D ")


def test_profiles_are_the_documented_chains() -> None:
    assert build_pipeline("repair").names == list(REPAIR)
    assert build_pipeline("search").names == list(SEARCH)
    assert build_pipeline("ascii").names == list(ASCII)
    assert normtext.DEFAULT_PROFILE == "search"
    assert set(REPAIR) < set(SEARCH) < set(ASCII)
    assert ASCII[-1] == "transliterate"


def test_unknown_profile_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="nosuch"):
        build_pipeline("nosuch")
    with pytest.raises(ValueError, match="nosuch"):
        normalize("x", "nosuch")


# --- line endings (SPEC §7) ----------------------------------------------------------------


LINES_TO_JOIN = ["CafÃ© &amp; 𝐁𝐨𝐥𝐝  ", "", "  plain", "“quoted”"]


@pytest.mark.parametrize("final", [True, False], ids=["final-newline", "no-final-newline"])
@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize("profile", ["repair", "search", "ascii"])
def test_line_endings_kept(profile: str, ending: str, final: bool) -> None:
    text = ending.join(LINES_TO_JOIN) + (ending if final else "")
    result = normalize(text, profile)
    fixed = [normalize(line, profile) for line in LINES_TO_JOIN]
    assert result == ending.join(fixed) + (ending if final else "")
    assert result.count(ending) == text.count(ending)
    assert result.endswith(ending) == final


@pytest.mark.parametrize("profile", ["repair", "search", "ascii"])
def test_single_line_without_ending(profile: str) -> None:
    result = normalize("CafÃ© 𝐁", profile)
    assert result == {"repair": "Café 𝐁", "search": "Café B", "ascii": "Cafe B"}[profile]


@pytest.mark.parametrize(
    ("text", "profile"),
    [
        ("a\r \nb", "search"),  # the spaces fixer trims the middle line to nothing
        ("a\r\u200b\nb", "search"),  # invisible_chars empties it
        ("a\r&#8203;\nb", "ascii"),
        ("a\r\x00\nb", "repair"),  # control_chars empties it
    ],
)
def test_emptied_line_between_cr_and_lf_keeps_both_endings(text: str, profile: str) -> None:
    # Emptying the middle line would fuse "\r" + "\n" into one CRLF: it is kept as it was.
    result = normalize(text, profile)
    assert re.findall(r"\r\n|\r|\n", result) == ["\r", "\n"], repr(result)


def test_mixed_line_endings_kept() -> None:
    text = "a&amp;b\r\nc\u00a0\u00a0d\re\u200bf\ng"
    assert normalize(text) == "a&b\r\nc d\ref\ng"


def test_empty_and_blank_inputs() -> None:
    assert normalize("") == ""
    assert normalize("\n\n") == "\n\n"
    assert normalize("\r\n") == "\r\n"
    assert normalize("   \n") == "\n"  # trailing spaces trimmed, the line kept


def test_unicode_line_separators_do_not_split_lines() -> None:
    # Only LF, CRLF and CR end a line: U+2028, NEL and form feed are text.
    text = "a\u2028b\x0cc"
    assert len(explain("&amp;" + text)) >= 1
    assert all(step.line == 1 for step in explain("&amp;" + text))


# --- explain -------------------------------------------------------------------------------


def test_explain_names_each_step_with_before_and_after() -> None:
    steps = explain("Caf&eacute; 𝐁𝐨𝐥𝐝\nplain\n“CafÃ©”")
    assert [(s.line, s.fixer) for s in steps] == [
        (1, "html_entities"),
        (1, "stylised"),
        (3, "mojibake"),
        (3, "punctuation"),
    ]
    assert steps[0].before == "Caf&eacute; 𝐁𝐨𝐥𝐝"
    assert steps[0].after == "Café 𝐁𝐨𝐥𝐝"
    assert steps[1].before == steps[0].after
    assert steps[1].after == "Café Bold"
    assert steps[2] == Step(3, "mojibake", "“CafÃ©”", "“Café”", steps[2].detail)
    assert steps[3].after == '"Café"'
    assert all(isinstance(s, Step) for s in steps)


def test_explain_replays_to_normalize() -> None:
    text = "ð——ð—¶ð˜€ð—°ð˜‚ð˜€ð˜€ð—¶ð—¼ð—» &amp;rsquo; x\u200by"
    steps = explain(text)
    assert steps[0].before == text
    assert steps[-1].after == normalize(text)
    for earlier, later in itertools.pairwise(steps):
        assert earlier.after == later.before


def test_explain_is_empty_for_clean_text() -> None:
    assert explain("Plain text.\nNothing to do here.") == []
    assert explain("Grüße — “quoted”", "repair") == []


def test_explain_respects_only_and_skip() -> None:
    text = "&amp; 𝐁"
    assert [s.fixer for s in explain(text, only=["stylised"])] == ["stylised"]
    assert [s.fixer for s in explain(text, skip=["stylised"])] == ["html_entities"]


# --- only / skip ---------------------------------------------------------------------------


def test_only_picks_fixers_in_pipeline_order() -> None:
    assert build_pipeline(only=["punctuation"]).names == ["punctuation"]
    assert build_pipeline(only=["punctuation", "html_entities"]).names == [
        "html_entities",
        "punctuation",
    ]


def test_only_may_name_fixers_outside_the_profile() -> None:
    pipeline = build_pipeline("repair", only=["transliterate"])
    assert pipeline.names == ["transliterate"]
    assert normalize("Crème 𝐁", "repair", only=["stylised"]) == "Crème B"


def test_skip_removes_fixers_from_the_profile() -> None:
    names = build_pipeline("search", skip=["stylised", "punctuation"]).names
    assert names == [n for n in SEARCH if n not in ("stylised", "punctuation")]
    assert normalize("“𝐁𝐨𝐥𝐝”", skip=["stylised"]) == '"𝐁𝐨𝐥𝐝"'
    assert normalize("“𝐁𝐨𝐥𝐝”", skip=["punctuation"]) == "“Bold”"


def test_only_and_skip_together() -> None:
    pipeline = build_pipeline(only=["spaces", "punctuation"], skip=["spaces"])
    assert pipeline.names == ["punctuation"]


@pytest.mark.parametrize(
    "call",
    [
        lambda: build_pipeline(only=["nosuch"]),
        lambda: build_pipeline(skip=["nosuch"]),
        lambda: Pipeline(["nosuch"]),
        lambda: normtext.get_fixer("nosuch"),
        lambda: normalize("x", only=["nosuch"]),
        lambda: Normalizer(skip=["nosuch"]),
    ],
)
def test_unknown_fixer_is_a_key_error(call: object) -> None:
    with pytest.raises(KeyError, match="nosuch"):
        call()  # type: ignore[operator]


def test_key_error_lists_the_known_fixers() -> None:
    with pytest.raises(KeyError) as info:
        normtext.get_fixer("nosuch")
    assert "html_entities" in str(info.value)


# --- Normalizer: picklable, for multiprocessing --------------------------------------------

LINES = [
    "ð——ð—¶ð˜€ð—°ð˜‚ð˜€ð˜€ð—¶ð—¼ð—» &amp; more",
    "Ｆｕｌｌｗｉｄｔｈ café\u00a0\u00a0now",
    "Break\u200bing: “quotes” — dashes…",
    "Плавный русский текст",
    "plain",
]


@pytest.mark.parametrize("profile", ["repair", "search", "ascii"])
def test_normalizer_matches_normalize(profile: str) -> None:
    normalizer = Normalizer(profile)
    for line in LINES:
        assert normalizer(line) == normalize(line, profile)
        assert normalizer.fix_line(line) == normalize(line, profile)
    assert normalizer.explain(LINES[0]) == explain(LINES[0], profile)


def test_normalizer_pickle_round_trip() -> None:
    original = Normalizer("ascii", only=(), skip=("punctuation",))
    clone = pickle.loads(pickle.dumps(original))
    assert isinstance(clone, Normalizer)
    assert (clone.profile, clone.only, clone.skip) == ("ascii", (), ("punctuation",))
    assert clone.pipeline.names == original.pipeline.names
    for line in LINES:
        assert clone(line) == original(line)
    assert repr(clone) == repr(original)


def test_normalizer_in_a_process_pool() -> None:
    normalizer = Normalizer("search")
    # "spawn" starts fresh interpreters, so the normaliser really crosses a pickle boundary.
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.map(normalizer, LINES * 2, chunksize=1)
    assert results == [normalize(line) for line in LINES * 2]
    assert results[0] == "Discussion & more"
