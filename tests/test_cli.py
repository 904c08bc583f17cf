"""The command line (SPEC §7, §8), through a real subprocess and through click's CliRunner.

Every test that takes the ``cli`` fixture runs twice: ``python -m normtext`` in a child
process (real stdin/stdout bytes, real exit status) and ``CliRunner`` in this process.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import PROFILE_NAMES, Runner, run_subprocess

import normtext
from normtext import FIXERS
from normtext.profiles import memberships

OLD_TIME = 1_000_000_000  # 2001-09-09: an mtime no test run can produce by itself


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- basics --------------------------------------------------------------------------------


def test_version(cli: Runner) -> None:
    run = cli(["--version"])
    assert run.code == 0
    assert normtext.__version__ in run.stdout.decode()
    assert b"normtext" in run.stdout


def test_help(cli: Runner) -> None:
    run = cli(["--help"])
    assert run.code == 0
    text = run.stdout.decode()
    for option in ("--profile", "--ascii", "--only", "--skip", "--in-place", "--check", "--diff"):
        assert option in text
    assert "--explain" in text and "--list-fixers" in text


def test_stdin_to_stdout_keeps_crlf_exactly(cli: Runner) -> None:
    run = cli([], stdin=b"a\r\nb")
    assert run.code == 0
    assert run.stdout == b"a\r\nb"


def test_stdin_dash_and_changes(cli: Runner) -> None:
    run = cli(["-"], stdin="caf&eacute;\r\n𝐁𝐨𝐥𝐝\rCafÃ©".encode())
    assert run.code == 0
    assert run.stdout == "café\r\nBold\rCafé".encode()


def test_default_profile_is_search(cli: Runner) -> None:
    data = "“𝐁𝐨𝐥𝐝” &amp; Ｆｕｌｌ\u200b\u00a0\u00a0x\n".encode()
    assert cli([], stdin=data).stdout == b'"Bold" & Full x\n'
    assert cli(["--profile", "search"], stdin=data).stdout == b'"Bold" & Full x\n'


def test_bom_kept_by_repair_removed_by_search(cli: Runner) -> None:
    data = b"\xef\xbb\xbfhello\r\n"
    assert cli(["--profile", "repair"], stdin=data).stdout == data
    assert cli(["--profile", "search"], stdin=data).stdout == b"hello\r\n"


def test_encoding_option_reads_another_codec(cli: Runner, tmp_path: Path) -> None:
    path = write(tmp_path / "latin1.txt", b"caf\xe9 \x93q\x94\n")
    run = cli(["--encoding", "cp1252", "--profile", "repair", path])
    assert run.code == 0
    assert run.stdout == "café “q”\n".encode()  # output is always UTF-8


# --- in place ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(b"x &amp; y\n\xf0\x9d\x90\x81\n", b"x & y\nB\n", id="LF"),
        pytest.param("CafÃ©\r𝐁\rplain".encode(), "Café\rB\rplain".encode(), id="CR-no-final"),
        pytest.param(b"a&amp;\r\n\r\nb  \r\n", b"a&\r\n\r\nb\r\n", id="CRLF"),
        pytest.param(b"one&amp;\rtwo\r\nthree\n", b"one&\rtwo\r\nthree\n", id="mixed"),
    ],
)
def test_in_place_keeps_line_endings(
    cli: Runner, tmp_path: Path, before: bytes, after: bytes
) -> None:
    path = write(tmp_path / "text.txt", before)
    run = cli(["--in-place", path])
    assert run.code == 1
    assert path.read_bytes() == after
    assert f"Fixing {path}" in run.stdout.decode() + run.stderr


def test_in_place_leaves_a_clean_file_alone(cli: Runner, tmp_path: Path) -> None:
    clean = write(tmp_path / "clean.txt", "Grüße aus Zürich\r\nplain\rlast".encode())
    os.utime(clean, (OLD_TIME, OLD_TIME))
    run = cli(["-i", clean])
    assert run.code == 0
    assert clean.stat().st_mtime == OLD_TIME
    assert clean.read_bytes() == "Grüße aus Zürich\r\nplain\rlast".encode()
    assert "Fixing" not in run.stdout.decode() + run.stderr


def test_in_place_prints_only_the_changed_files(cli: Runner, tmp_path: Path) -> None:
    clean = write(tmp_path / "clean.txt", b"plain\n")
    dirty = write(tmp_path / "dirty.txt", b"dirty&amp;\n")
    os.utime(clean, (OLD_TIME, OLD_TIME))
    run = cli(["--in-place", clean, dirty])
    assert run.code == 1
    out = run.stdout.decode() + run.stderr
    assert f"Fixing {dirty}" in out
    assert str(clean) not in out
    assert dirty.read_bytes() == b"dirty&\n"
    assert clean.stat().st_mtime == OLD_TIME


def test_in_place_keeps_the_file_mode(cli: Runner, tmp_path: Path) -> None:
    path = write(tmp_path / "script.txt", b"x&amp;\n")
    path.chmod(0o640)
    assert cli(["-i", path]).code == 1
    assert path.stat().st_mode & 0o777 == 0o640
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_in_place_needs_files(cli: Runner) -> None:
    run = cli(["--in-place"], stdin=b"x\n")
    assert run.code == 2


# --- check ---------------------------------------------------------------------------------


def test_check_reports_and_changes_nothing(cli: Runner, tmp_path: Path) -> None:
    dirty = write(tmp_path / "dirty.txt", b"fine\nx &amp; y\n")
    os.utime(dirty, (OLD_TIME, OLD_TIME))
    run = cli(["--check", dirty])
    assert run.code == 1
    out = run.stdout.decode() + run.stderr
    assert str(dirty) in out
    assert "line 2" in out and "html_entities" in out
    assert dirty.read_bytes() == b"fine\nx &amp; y\n"
    assert dirty.stat().st_mtime == OLD_TIME


def test_check_is_quiet_and_zero_on_clean_files(cli: Runner, tmp_path: Path) -> None:
    clean = write(tmp_path / "clean.txt", "Grüße — “quoted”\n".encode())
    run = cli(["--check", "--profile", "repair", clean])
    assert run.code == 0
    assert run.stdout == b""
    run = cli(["--check", write(tmp_path / "ascii.txt", b"plain text\n")])
    assert run.code == 0


# --- explain -------------------------------------------------------------------------------


def test_explain_names_fixers_with_before_and_after(cli: Runner) -> None:
    run = cli(["--explain"], stdin="plain\nGet &amp; 𝐁𝐨𝐥𝐝\n".encode())
    assert run.code == 0
    assert run.stdout == b"plain\nGet & Bold\n"
    err = run.stderr
    assert "html_entities" in err and "stylised" in err
    assert "Get &amp; 𝐁𝐨𝐥𝐝" in err  # before
    assert "Get & 𝐁𝐨𝐥𝐝" in err  # after the first fixer, before the second
    assert "Get & Bold" in err  # after
    assert re.search(r":2:", err)  # the line number
    assert "plain" not in err  # unchanged lines are not explained


# --- errors: invalid UTF-8, binary files ---------------------------------------------------

BAD_UTF8 = b"ok\nbad \xff byte\n"


def _assert_names_the_bad_byte(err: str, path: Path) -> None:
    assert str(path) in err
    assert "line 2" in err
    assert "byte 5" in err  # the 5th byte of line 2 ("bad " is 4 bytes)


def test_invalid_utf8_to_stdout(cli: Runner, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.txt", BAD_UTF8)
    good = write(tmp_path / "good.txt", b"x &amp; y\n")
    run = cli([bad, good])
    assert run.code == 2
    _assert_names_the_bad_byte(run.stderr, bad)
    assert run.stdout == b"x & y\n"  # nothing of the bad file, all of the good one
    assert bad.read_bytes() == BAD_UTF8


def test_invalid_utf8_in_place(cli: Runner, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.txt", BAD_UTF8)
    good = write(tmp_path / "good.txt", b"x &amp; y\n")
    os.utime(bad, (OLD_TIME, OLD_TIME))
    run = cli(["--in-place", bad, good])
    assert run.code == 2
    _assert_names_the_bad_byte(run.stderr, bad)
    assert bad.read_bytes() == BAD_UTF8
    assert bad.stat().st_mtime == OLD_TIME
    assert good.read_bytes() == b"x & y\n"


def test_invalid_utf8_in_check_mode(cli: Runner, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.txt", BAD_UTF8)
    good = write(tmp_path / "good.txt", b"x &amp; y\n")
    run = cli(["--check", bad, good])
    assert run.code == 2
    _assert_names_the_bad_byte(run.stderr, bad)
    assert str(good) in run.stdout.decode() + run.stderr
    assert good.read_bytes() == b"x &amp; y\n"


def test_invalid_utf8_in_diff_mode(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.txt", BAD_UTF8)
    good = write(tmp_path / "good.txt", b"x &amp; y\n")
    run = run_subprocess(["--diff", bad, good])
    assert "Traceback" not in run.stderr
    assert run.code == 2
    _assert_names_the_bad_byte(run.stderr, bad)
    assert b"+x & y" in run.stdout


def test_nul_byte_file_is_skipped(cli: Runner, tmp_path: Path) -> None:
    binary = write(tmp_path / "data.bin", b"abc\x00def &amp;\n")
    good = write(tmp_path / "good.txt", b"x &amp; y\n")
    os.utime(binary, (OLD_TIME, OLD_TIME))
    run = cli([binary, good])
    assert str(binary) in run.stderr
    assert "binary" in run.stderr.lower() or "nul" in run.stderr.lower()
    assert run.stdout == b"x & y\n"
    run = cli(["--in-place", binary, good])
    assert binary.read_bytes() == b"abc\x00def &amp;\n"
    assert binary.stat().st_mtime == OLD_TIME
    assert good.read_bytes() == b"x & y\n"


def test_nul_byte_file_is_skipped_by_diff(tmp_path: Path) -> None:
    binary = write(tmp_path / "data.bin", b"abc\x00def &amp;\n")
    run = run_subprocess(["--diff", binary])
    assert str(binary) in run.stderr
    assert run.stdout == b""


def test_missing_file_is_an_error_that_names_it(cli: Runner, tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", b"x &amp; y\n")
    missing = tmp_path / "missing.txt"
    run = cli([missing, good])
    assert run.code == 2
    assert "missing.txt" in run.stderr


# --- profiles and fixer selection ----------------------------------------------------------

MIXED = "“𝐁𝐨𝐥𝐝” CafÃ© &amp; Crème\u00a0\u00a0brûlée\n".encode()


def test_profile_repair_keeps_stylised_letters(cli: Runner) -> None:
    run = cli(["--profile", "repair"], stdin=MIXED)
    assert run.code == 0
    assert run.stdout == "“𝐁𝐨𝐥𝐝” Café &amp; Crème\u00a0\u00a0brûlée\n".encode()


def test_ascii_flag(cli: Runner) -> None:
    expected = b'"Bold" Cafe & Creme brulee\n'
    assert cli(["--ascii"], stdin=MIXED).stdout == expected
    assert cli(["--profile", "ascii"], stdin=MIXED).stdout == expected


def test_only(cli: Runner) -> None:
    run = cli(["--only", "html_entities"], stdin=MIXED)
    assert run.stdout == "“𝐁𝐨𝐥𝐝” CafÃ© & Crème\u00a0\u00a0brûlée\n".encode()
    run = cli(["--only", "stylised", "--only", "punctuation"], stdin=MIXED)
    assert run.stdout == '"Bold" CafÃ© &amp; Crème\u00a0\u00a0brûlée\n'.encode()


def test_skip(cli: Runner) -> None:
    run = cli(["--skip", "stylised", "--skip", "spaces"], stdin=MIXED)
    assert run.code == 0
    assert run.stdout == '"𝐁𝐨𝐥𝐝" Café & Crème\u00a0\u00a0brûlée\n'.encode()


@pytest.mark.parametrize("option", ["--only", "--skip"])
def test_unknown_fixer_is_a_usage_error(cli: Runner, option: str) -> None:
    run = cli([option, "no_such_fixer"], stdin=b"x\n")
    assert run.code == 2
    assert "no_such_fixer" in run.stderr
    assert run.stdout == b""


def test_unknown_profile_is_a_usage_error(cli: Runner) -> None:
    run = cli(["--profile", "nosuch"], stdin=b"x\n")
    assert run.code == 2
    assert "nosuch" in run.stderr


def test_list_fixers(cli: Runner) -> None:
    run = cli(["--list-fixers"])
    assert run.code == 0
    lines = run.stdout.decode().splitlines()
    assert len(lines) >= len(FIXERS)
    for name, fixer in FIXERS.items():
        line = next((ln for ln in lines if ln.split()[0] == name), None)
        assert line is not None, name
        for profile in memberships(name):
            assert profile in line, (name, profile)
        assert fixer.summary in line


# --- diff and output file ------------------------------------------------------------------


def test_diff(cli: Runner, tmp_path: Path) -> None:
    path = write(tmp_path / "news.txt", b"same\nx &amp; y\nsame again\n")
    run = cli(["--diff", path])
    assert run.code == 1
    diff = run.stdout.decode()
    assert re.search(r"^--- .*news\.txt", diff, re.MULTILINE)
    assert re.search(r"^\+\+\+ .*news\.txt", diff, re.MULTILINE)
    assert "@@" in diff
    assert "\n-x &amp; y\n" in diff and "\n+x & y\n" in diff
    assert path.read_bytes() == b"same\nx &amp; y\nsame again\n"


def test_diff_of_a_clean_file_is_empty(cli: Runner, tmp_path: Path) -> None:
    run = cli(["--diff", write(tmp_path / "clean.txt", b"plain\n")])
    assert run.code == 0
    assert run.stdout == b""


def test_output_file(cli: Runner, tmp_path: Path) -> None:
    source = write(tmp_path / "in.txt", "CafÃ©\r\n𝐁\n".encode())
    out = tmp_path / "out.txt"
    run = cli([source, "-o", out])
    assert run.code == 0
    assert run.stdout == b""
    assert out.read_bytes() == "Café\r\nB\n".encode()
    assert source.read_bytes() == "CafÃ©\r\n𝐁\n".encode()


def test_output_file_not_written_on_error(cli: Runner, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.txt", BAD_UTF8)
    out = tmp_path / "out.txt"
    run = cli([bad, "--output", out])
    assert run.code == 2
    assert not out.exists()
    assert "bad.txt" in run.stderr


# --- the seed article (SPEC §1) ------------------------------------------------------------


@pytest.mark.parametrize("profile", PROFILE_NAMES)
def test_seed_article(seed_dir: Path, profile: str) -> None:
    article = (seed_dir / "article.txt").read_bytes()
    run = run_subprocess(["--profile", profile], stdin=article)
    assert run.code == 0, run.stderr
    assert run.stdout == (seed_dir / f"expected-{profile}.txt").read_bytes()


STYLISED_HEADLINE = "𝐁𝐑𝐄𝐀𝐊𝐈𝐍𝐆: 𝘚𝘵𝘰𝘤𝘬𝘴 ｓｌｉｄｅ — ᴍᴀʀᴋᴇᴛꜱ “ᴄʀᴀꜱʜ” 🔥\n"


def test_stylised_headline_made_searchable(cli: Runner) -> None:
    run = cli([], stdin=STYLISED_HEADLINE.encode())
    assert run.code == 0
    assert run.stdout.decode() == 'BREAKING: Stocks slide - markets "crash" 🔥\n'
    run = cli(["--ascii"], stdin=STYLISED_HEADLINE.encode())
    assert run.stdout.decode() == 'BREAKING: Stocks slide - markets "crash"\n'


def test_output_file_gets_a_new_files_mode(tmp_path: Path) -> None:
    # Written through a private temporary file, the result still gets the mode a shell
    # redirect would give it (0666 less the umask), not 0600.
    umask = os.umask(0o022)
    os.umask(umask)
    target = tmp_path / "out.txt"
    run = run_subprocess(["-o", target], stdin=b"a &amp; b\n")
    assert run.code == 0 and target.read_bytes() == b"a & b\n"
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
