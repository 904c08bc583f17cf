"""Corpora at scale (SPEC §7, §8, §11): streaming, --jobs, atomic in-place writes, --stats.

Speed itself is measured by ``benchmarks/throughput.py``, never here; these tests check
what must hold whatever the speed: a killed rewrite leaves the original intact, --jobs
writes the same bytes as one process, errors name the same place, nothing is held whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import multiprocessing
import os
import random
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_subprocess
from hypothesis import given, settings
from hypothesis import strategies as st

from normtext import Normalizer
from normtext.files import (
    BATCH_SIZE,
    InputError,
    RawBatch,
    decode_batch,
    iter_batches,
    iter_raw_lines,
    iter_text_lines,
    remove_stale_temporaries,
    transform_stream,
)
from normtext.parallel import (
    BatchWork,
    Detail,
    Event,
    Job,
    LineScreen,
    PoolExecutor,
    SerialExecutor,
    Task,
    split_alternatives,
)
from normtext.profiles import PROFILES
from normtext.repair.simulate import garble

OLD_TIME = 1_000_000_000
TEMPORARY = re.compile(r"\.normtext-\d+-.*\.tmp$")

MIXED_LINES = [
    "Parliament approves the budget after a late-night vote",
    "x &amp; y &lt;b&gt;",
    garble("Grève à la SNCF : trafic très perturbé jusqu’à jeudi", "cp1252"),
    "𝗕𝗿𝗲𝗮𝗸𝗶𝗻𝗴 𝗡𝗲𝘄𝘀: markets slide",
    "Ｆｕｌｌｗｉｄｔｈ\u00a0\u00a0spaces  and trailing   ",
    "Центробанк сохранил ключевую ставку",
    "東京都で初雪を観測",
    "“quoted” — dash… ellipsis",
    "plain line with numbers 2024",
    "zero\u200bwidth soft\u00adhyphen",
    " leading space",
    "",
    *["Plain ASCII headline number"] * 12,  # most lines of a real corpus need no work
]


def mixed_text(size: int, seed: int = 7) -> bytes:
    """About ``size`` bytes of mixed lines with LF, CRLF and CR endings, no final newline."""
    rng = random.Random(seed)
    pieces: list[bytes] = []
    total = 0
    number = 0
    while total < size:
        number += 1
        line = rng.choice(MIXED_LINES)
        if rng.random() < 0.5:
            line = f"{line} #{number}"
        ending = rng.choice(["\n"] * 8 + ["\r\n", "\r"])
        piece = (line + ending).encode()
        pieces.append(piece)
        total += len(piece)
    return b"".join(pieces) + b"last line without an ending &amp;"


def expected_output(data: bytes) -> bytes:
    return Normalizer()(data.decode()).encode("utf-8", "surrogatepass")


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if TEMPORARY.search(p.name)]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- a rewrite killed half-way ------------------------------------------------------------


def _big_dirty_file(path: Path, size: int) -> bytes:
    line = b"Breaking &amp; more: the markets moved again in early trading today\n"
    clean = b"Plain ASCII headline that no fixer of the default chain will touch\n"
    block = (line + clean * 19) * 64
    data = block * (size // len(block) + 1)
    path.write_bytes(data)
    return data


def test_sigkill_during_in_place_rewrite(tmp_path: Path) -> None:
    """SIGKILL half-way through ``-i``: original intact; the next run removes the debris.

    A killed process cannot delete its own temporary file. Its name says who made it
    (``.NAME.normtext-PID-RANDOM.tmp``); the next ``normtext -i`` in the folder removes
    such files whose process is gone and that are older than itself.
    """
    big = tmp_path / "big.txt"
    original = _big_dirty_file(big, 40_000_000)
    before = digest(big)
    process = subprocess.Popen(
        [sys.executable, "-m", "normtext", "-i", str(big)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    # Wait until the temporary file holds some bytes: killed half-way, not at its start.
    while process.poll() is None and time.monotonic() < deadline:
        with contextlib.suppress(FileNotFoundError):  # renamed in between: finished
            if any(path.stat().st_size > 0 for path in temporaries(tmp_path)):
                break
        time.sleep(0.002)
    assert process.poll() is None, "the rewrite finished before it could be killed"
    assert temporaries(tmp_path), "no temporary file appeared"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert digest(big) == before  # the original is intact
    (stale,) = temporaries(tmp_path)
    assert 0 < stale.stat().st_size < len(original)  # it really was half-way

    small = tmp_path / "small.txt"
    small.write_bytes(b"x &amp; y\n")
    run = run_subprocess(["-i", small])
    assert run.code == 1
    assert small.read_bytes() == b"x & y\n"
    assert temporaries(tmp_path) == []  # the stale file of the killed run is gone
    assert digest(big) == before

    run = run_subprocess(["-i", big])  # the same command again, to the end
    assert run.code == 1
    assert big.read_bytes() == original.replace(b"&amp;", b"&")
    assert temporaries(tmp_path) == []


def test_stale_temporaries_of_live_processes_are_kept(tmp_path: Path) -> None:
    mine = tmp_path / f".a.txt.normtext-{os.getpid()}-abc.tmp"
    dead = tmp_path / ".a.txt.normtext-999999999-abc.tmp"
    fresh = tmp_path / ".b.txt.normtext-999999998-abc.tmp"
    other = tmp_path / ".a.txt.other-1-abc.tmp"
    for path in (mine, dead, fresh, other):
        path.write_bytes(b"partial")
    for path in (mine, dead, other):
        os.utime(path, (OLD_TIME, OLD_TIME))
    os.utime(fresh, (time.time() + 3600,) * 2)  # newer than this process
    assert remove_stale_temporaries(str(tmp_path)) == [dead.name]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (mine, fresh, other)
    )


# --- in place: links, modes, line endings, encodings --------------------------------------


def test_in_place_through_a_symlink_updates_the_target(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_bytes(b"a &amp; b\r\nno final newline &amp;")
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    run = run_subprocess(["-i", link])
    assert run.code == 1
    assert link.is_symlink() and os.readlink(link) == target.name
    assert target.read_bytes() == b"a & b\r\nno final newline &"
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o755])
def test_in_place_keeps_mode_crlf_and_missing_final_newline(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "text.txt"
    path.write_bytes(b"one &amp;\r\ntwo\rthree  \r\nfour")
    path.chmod(mode)
    assert run_subprocess(["-i", "--jobs", "2", path]).code == 1
    assert path.read_bytes() == b"one &\r\ntwo\rthree\r\nfour"
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_encoding_cp1252_is_converted_to_utf8(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(b"caf\xe9 \x93quoted\x94 \x96 na\xefve\r\n")
    run = run_subprocess(["--encoding", "cp1252", path])
    assert run.code == 0
    assert run.stdout == 'café "quoted" - naïve\r\n'.encode()
    run = run_subprocess(["--encoding", "cp1252", "--profile", "repair", "-i", path])
    assert run.code == 1
    assert path.read_bytes() == "café “quoted” – naïve\r\n".encode()


def test_encoding_auto_guesses_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(b"Grand caf\xe9 on the \x93corner\x94\n" * 3)
    run = run_subprocess(["--encoding", "auto", "--profile", "repair", path])
    assert run.code == 0
    assert run.stdout == "Grand café on the “corner”\n".encode() * 3


def test_check_reports_a_file_that_would_be_rewritten_as_utf8(tmp_path: Path) -> None:
    # Text that needs no fix, but is not UTF-8: --in-place would rewrite it, so --check
    # must say so; a pure-ASCII file reads the same in both and is left alone.
    recoded, ascii_only = tmp_path / "old.txt", tmp_path / "plain.txt"
    recoded.write_bytes(b"Grand caf\xe9 cr\xe8me\n")
    ascii_only.write_bytes(b"Grand cafe\n")
    for jobs in ("1", "2"):
        run = run_subprocess(["--encoding", "auto", "--check", "-j", jobs, recoded, ascii_only])
        assert run.code == 1
        assert run.stdout == f"{recoded}: would be rewritten as UTF-8\n".encode()
    assert recoded.read_bytes() == b"Grand caf\xe9 cr\xe8me\n"
    run = run_subprocess(["--encoding", "auto", "-i", recoded])
    assert run.code == 1 and recoded.read_bytes() == "Grand café crème\n".encode()
    run = run_subprocess(["--encoding", "auto", "--check", recoded, ascii_only])
    assert run.code == 0 and run.stdout == b""


def test_unknown_encoding_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"a\n")
    run = run_subprocess(["--encoding", "no-such-codec", path])
    assert run.code == 2
    assert "no-such-codec" in run.stderr


# --- binary and unreadable inputs ---------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [[], ["-i"], ["--check"], ["--diff"], ["--jobs", "2"], ["-i", "--jobs", "2"]],
    ids=["stdout", "in-place", "check", "diff", "jobs", "in-place-jobs"],
)
def test_binary_file_is_skipped_untouched_in_every_mode(tmp_path: Path, options: list[str]) -> None:
    binary = tmp_path / "data.bin"
    # The NUL byte sits in the second batch: the first batch of the file is clean text.
    payload = b"clean &amp; line\n" * (BATCH_SIZE // 17 + 10) + b"bin\x00ary &amp;\n"
    binary.write_bytes(payload)
    os.utime(binary, (OLD_TIME, OLD_TIME))
    good = tmp_path / "good.txt"
    good.write_bytes(b"x &amp; y\n")
    run = run_subprocess([*options, binary, good])
    assert f"{binary}: binary file (NUL byte at line {BATCH_SIZE // 17 + 11})" in run.stderr
    assert binary.read_bytes() == payload
    assert binary.stat().st_mtime == OLD_TIME
    assert temporaries(tmp_path) == []
    assert str(binary) not in run.stdout.decode()
    if options in ([], ["--jobs", "2"]):
        assert run.stdout == b"x & y\n"
        assert run.code == 0  # skipping a binary file is not an error


def _unreadable(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.txt"
    if kind == "directory":
        path.mkdir()
    elif kind == "dangling-symlink":
        path.symlink_to(tmp_path / "nowhere.txt")
    elif kind == "symlink-loop":
        path.symlink_to(path.name)
    else:
        path.write_bytes(b"secret &amp;\n")
        path.chmod(0)
    return path


@pytest.mark.parametrize("kind", ["directory", "dangling-symlink", "symlink-loop", "no-permission"])
@pytest.mark.parametrize("options", [[], ["-i"], ["--check"], ["-i", "--jobs", "2"]])
def test_unreadable_input_is_reported_and_the_others_processed(
    tmp_path: Path, kind: str, options: list[str]
) -> None:
    """A path that cannot be read: exit 2, a message naming it, the other files done.

    Root reads a file of mode 000 anyway, so that case is skipped as root; a directory, a
    dangling symlink and a symlink loop cannot be read by anyone.
    """
    if kind == "no-permission" and getattr(os, "geteuid", lambda: -1)() == 0:
        pytest.skip("root reads files of mode 000")
    bad = _unreadable(tmp_path, kind)
    first = tmp_path / "a.txt"
    last = tmp_path / "z.txt"
    first.write_bytes(b"a &amp; b\n")
    last.write_bytes(b"y &amp; z\n")
    run = run_subprocess([*options, first, bad, last])
    assert run.code == 2
    assert f"normtext: {bad}:" in run.stderr
    if options == []:
        assert run.stdout == b"a & b\ny & z\n"
    elif "-i" in options:
        assert first.read_bytes() == b"a & b\n" and last.read_bytes() == b"y & z\n"
    else:
        out = run.stdout.decode()
        assert str(first) in out and str(last) in out


# --- --jobs: the same bytes, the same errors ----------------------------------------------


@pytest.fixture(scope="module")
def mixed_data() -> bytes:
    return mixed_text(1_600_000)  # two batches


def test_jobs_writes_the_same_bytes_to_stdout(tmp_path: Path, mixed_data: bytes) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(mixed_data)
    serial = run_subprocess([path])
    parallel = run_subprocess(["--jobs", "2", path])
    assert serial.code == parallel.code == 0
    assert parallel.stdout == serial.stdout == expected_output(mixed_data)
    piped = run_subprocess(["--jobs", "2"], stdin=mixed_data)  # stdin too
    assert piped.stdout == serial.stdout


def test_jobs_in_place_and_check(tmp_path: Path, mixed_data: bytes) -> None:
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    for path in (one, two):
        path.write_bytes(mixed_data)
    check_serial = run_subprocess(["--check", one])
    check_parallel = run_subprocess(["--check", "--jobs", "2", two])
    assert check_serial.code == check_parallel.code == 1
    assert check_parallel.stdout.replace(b"two.txt", b"one.txt") == check_serial.stdout
    assert b"would change" in check_serial.stdout
    assert run_subprocess(["-i", one]).code == 1
    assert run_subprocess(["-i", "--jobs", "0", two]).code == 1
    assert one.read_bytes() == two.read_bytes() == expected_output(mixed_data)
    assert temporaries(tmp_path) == []


def test_jobs_reports_a_bad_byte_in_a_late_batch_exactly(tmp_path: Path, mixed_data: bytes) -> None:
    bad = tmp_path / "bad.txt"
    cut = mixed_data.index(b"\n", 1_300_000) + 1
    data = mixed_data[:cut] + b"ok then \xff here\n" + mixed_data[cut:]
    bad.write_bytes(data)
    os.utime(bad, (OLD_TIME, OLD_TIME))
    line = len(list(iter_raw_lines(io.BytesIO(data[:cut])))) + 1
    message = f"{bad}: line {line}, byte 9 (file offset {cut + 8}): invalid utf-8 byte 0xff"
    for options in ([], ["--jobs", "2"], ["-i"], ["-i", "--jobs", "2"], ["--check", "-j", "2"]):
        run = run_subprocess([*options, bad])
        assert run.code == 2, options
        assert message in run.stderr, options
        assert run.stdout == b"", options  # nothing of a file that fails is written
        assert bad.read_bytes() == data and bad.stat().st_mtime == OLD_TIME
        assert temporaries(tmp_path) == []


def test_many_files_with_jobs_keep_their_order(tmp_path: Path) -> None:
    paths = []
    for index in range(12):
        path = tmp_path / f"f{index:02}.txt"
        path.write_bytes(f"file {index} &amp; 𝐁𝐨𝐥𝐝\n".encode() * (index + 1))
        paths.append(path)
    serial = run_subprocess(paths)
    parallel = run_subprocess(["--jobs", "2", *paths])
    assert parallel.stdout == serial.stdout
    assert serial.stdout.startswith(b"file 0 & Bold\nfile 1 & Bold\nfile 1 & Bold\n")


# --- stats, progress, streaming ------------------------------------------------------------


def test_stats_prints_lines_and_counts_per_fixer(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes("plain\nx &amp; 𝐁𝐨𝐥𝐝\n“q”\nCafÃ©\n".encode())
    for options in ([], ["--jobs", "2"], ["--check"], ["--diff"]):
        run = run_subprocess(["--stats", *options, path])
        err = run.stderr
        assert "1 file(s), 4 lines read, 3 changed" in err, options
        assert re.search(r"html_entities\s+1 line", err), options
        assert re.search(r"stylised\s+1 line", err), options
        assert re.search(r"punctuation\s+1 line", err), options
        assert re.search(r"mojibake\s+1 line", err), options
        assert "MB/s" in err


def test_no_progress_bar_on_a_pipe(tmp_path: Path) -> None:
    path = tmp_path / "text.txt"
    path.write_bytes(b"plain line\n" * 300_000 + b"x &amp; y\n")
    run = run_subprocess(["--check", path])
    assert run.stderr == ""


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    pty = pytest.importorskip("pty")
    path = tmp_path / "text.txt"
    path.write_bytes(b"x &amp; y\n" * 1000)
    controller, terminal = pty.openpty()
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "normtext", path],
            stdout=subprocess.PIPE,
            stderr=terminal,
            timeout=60,
            check=False,
        )
        os.close(terminal)
        terminal = -1
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
        if terminal >= 0:
            os.close(terminal)
    assert completed.returncode == 0
    assert completed.stdout == b"x & y\n" * 1000
    assert b"normtext" in shown and b"100%" in shown


def test_stdin_is_streamed_line_by_line() -> None:
    """A line written to stdin comes out before stdin is closed: nothing waits for the end."""
    process = subprocess.Popen(
        [sys.executable, "-m", "normtext"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(b"first &amp; line\n")
        process.stdin.flush()
        assert process.stdout.readline() == b"first & line\n"
        process.stdin.write("second 𝐁𝐨𝐥𝐝\r\n".encode())
        process.stdin.flush()
        assert process.stdout.readline() == b"second Bold\r\n"
    finally:
        process.stdin.close()
        process.wait(timeout=60)
    assert process.returncode == 0


# --- batches ---------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="ab\r\n&; \u00e9", max_size=200),
    st.integers(min_value=1, max_value=16),
)
def test_batches_are_whole_lines_with_exact_numbers(text: str, size: int) -> None:
    data = text.encode()
    batches = list(iter_batches(io.BytesIO(data), size))
    assert b"".join(b.data for b in batches) == data
    raw = list(iter_raw_lines(io.BytesIO(data)))
    line, offset, previous = 1, 0, ""
    for batch in batches:
        assert (batch.first_line, batch.offset, batch.previous_ending) == (line, offset, previous)
        lines = list(iter_raw_lines(io.BytesIO(batch.data)))
        assert lines == raw[line - 1 : line - 1 + len(lines)]  # no line is cut in two
        line += len(lines)
        offset += len(batch.data)
        previous = lines[-1][len(lines[-1].rstrip(b"\r\n")) :].decode()


def test_decode_error_names_the_same_place_as_the_line_reader() -> None:
    data = b"one\r\ntwo\rthr\xe9e\nfour\n"
    with pytest.raises(InputError) as by_lines:
        list(iter_text_lines(io.BytesIO(data), "f.txt"))
    batches = list(iter_batches(io.BytesIO(data), 4))
    with pytest.raises(InputError) as by_batch:
        for batch in batches:
            decode_batch(batch, "utf-8", "f.txt")
    assert str(by_batch.value) == str(by_lines.value)
    assert "line 3, byte 4 (file offset 12)" in str(by_batch.value)


def test_a_line_emptied_between_cr_and_lf_across_batches_stays() -> None:
    """``a\\r \\nb``: emptying the middle line would fuse CR and LF into one line ending."""
    work = BatchWork(Normalizer())
    first = work(Task(RawBatch(b"a\r", 1, 0, ""), "utf-8", "x", True))
    second = work(Task(RawBatch(b" \nb", 2, 2, "\r"), "utf-8", "x", True))
    assert first.output is None and second.output is None
    sink = io.BytesIO()
    transform_stream(io.BytesIO(b"a\r \nb"), sink, "x", Normalizer().fix_line)
    assert sink.getvalue() == b"a\r \nb"


# --- the fast path --------------------------------------------------------------------------


def test_split_alternatives() -> None:
    assert split_alternatives("[ab]|  |^ | $") == ["[ab]", "  ", "^ ", " $"]
    assert split_alternatives(r"[|\]]|\||x") == [r"[|\]]", r"\|", "x"]
    assert split_alternatives("[]|]|a") == ["[]|]", "a"]
    assert split_alternatives("(?:a|b)|c") == ["(?:a|b)", "c"]  # (no split inside a group)
    assert split_alternatives(r"(a)\1|b") == [r"(a)\1|b"]  # a backreference: kept whole
    assert split_alternatives("(a|b") == ["(a|b"]  # unbalanced: kept whole
    assert split_alternatives("a|b", 64) == ["a|b"]  # re.VERBOSE: kept whole


CHAINS = [
    *PROFILES,
    ("spaces",),
    ("html_entities", "control_chars"),
    ("punctuation", "stylised"),
    ("invisible_chars",),
]
LINE_ALPHABET = "ab &#;\t\x01\x7f\x85é\u00a0\u200b\u2019𝐁Ｆ\u0336\U000e0041"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=LINE_ALPHABET, max_size=12), min_size=1, max_size=12))
def test_the_screen_never_misses_a_line_the_pipeline_would_touch(lines: list[str]) -> None:
    for chain in CHAINS:
        normalizer = Normalizer(chain) if isinstance(chain, str) else Normalizer(only=chain)
        pipeline = normalizer.pipeline
        screen = LineScreen(pipeline)
        text = "\n".join(lines)
        needed = {i for i, line in enumerate(lines) if pipeline.needs_work(line)}
        assert needed <= set(screen.candidates(lines, text.__str__)), (chain, lines)
        # With the batch's bytes at hand, a class of characters absent from them is skipped.
        utf8 = text.encode("utf-8")
        assert needed <= set(screen.candidates(lines, text.__str__, utf8)), (chain, lines)


def test_the_screen_lets_clean_ascii_lines_through() -> None:
    lines = ["plain words", "more plain words", "x &amp; y", "two  spaces", " lead", "end "]
    screen = LineScreen(Normalizer().pipeline)
    assert screen.candidates(lines, lambda: "\n".join(lines)) == [2, 3, 4, 5]
    # The stylised guard's astral part looks ahead for a non-ASCII character: no ASCII
    # line is searched with it one by one.
    assert screen.line_by_line == []
    # A space at a line's start or end is found around the line feeds, on every line.
    lines = [" a", " b", " c", "d", "e ", " f", "g", "h ", "i "]
    assert screen.candidates(lines, lambda: "\n".join(lines)) == [0, 1, 2, 4, 5, 7, 8]
    lines = ["clean", "a\x01b", "clean"]
    utf8 = "\n".join(lines).encode()
    assert screen.candidates(lines, lambda: "\n".join(lines), utf8) == [1]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_pool_gives_the_serial_results_with_either_start_method(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method here")
    data = mixed_text(300_000, seed=3) + b"\nbad \xff byte\n"
    tasks = [Task(b, "utf-8", "m.txt", True) for b in iter_batches(io.BytesIO(data), 40_000)]
    items = [Event(Job("m.txt"), task) for task in tasks]
    detail = Detail(explain=True, count_fixers=True, samples=5)

    def outcomes(executor: SerialExecutor | PoolExecutor) -> list[object]:
        try:
            return [
                str(outcome) if isinstance(outcome, InputError) else outcome
                for _item, outcome in executor.results(items)
            ]
        finally:
            executor.close()

    serial = outcomes(SerialExecutor(Normalizer(), detail))
    pooled = outcomes(PoolExecutor(2, Normalizer(), detail, method=method))
    assert pooled == serial
    assert isinstance(serial[-1], str) and "invalid utf-8 byte 0xff" in serial[-1]
