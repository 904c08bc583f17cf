"""Throughput and memory of the ``normtext`` command next to ftfy (SPEC §11).

Builds two deterministic corpora in ``benchmarks/data/`` (git-ignored; see ``corpora.py``):
~50 MB of headline-like lines, ~90% plain ASCII, and ~20 MB where every line is non-ASCII.
Then, in the same run, on each corpus:

- ``normtext FILE`` (default profile) and ``normtext --jobs 2 FILE`` as subprocesses,
- the ``ftfy`` command (``ftfy FILE -o /dev/null``),
- ``ftfy.fix_text`` on every line in this process (only the loop is timed),

and prints MB/s, the ratios the targets are about, whether ``--jobs 2`` wrote the same
bytes as ``--jobs 1``, and the peak RSS of ``normtext`` on 50 MB and on 500 MB (the first
corpus repeated ten times; measured with GNU ``/usr/bin/time`` where it is installed).

normtext's output goes to a file beside the corpus, so that the two runs can be compared
byte for byte (that only makes normtext's times longer); ftfy's goes to /dev/null. Every
time is one run, wall clock. The commands run once on a small sample first, with bytecode
caching on (``PYTHONPYCACHEPREFIX`` under ``benchmarks/data/``), so that neither is timed
compiling its own source.

    python benchmarks/throughput.py                # the full run (a few minutes, 2 cores)
    python benchmarks/throughput.py --size-mb 5 --skip-500    # a quick look
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import ftfy
from corpora import DATA, MB, jsonl_corpus, mostly_ascii_corpus, non_ascii_corpus, repeated
from ftfy.badness import is_bad

from normtext.repair.screen import looks_odd

TARGET_VS_FTFY_CLI = 10.0  # mostly-ASCII corpus: normtext / ftfy command
TARGET_VS_FIX_TEXT = 1.0  # non-ASCII corpus: normtext / ftfy.fix_text line by line
TARGET_JOBS = 1.7  # non-ASCII corpus: --jobs 2 / --jobs 1
TARGET_MEMORY = 1.2  # peak RSS on 500 MB / on 50 MB


@dataclass
class Timing:
    """One measured run."""

    tool: str
    seconds: float
    size: int
    peak_rss: int = 0  # bytes; 0 when not measured (in-process loops)

    @property
    def mb_per_second(self) -> float:
        return self.size / MB / self.seconds


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(DATA / "pycache")
    return env


def _gnu_time() -> str | None:
    """``/usr/bin/time`` when it is GNU time (``-f``/``-o``), else None."""
    path = shutil.which("time", path="/usr/bin:/bin")
    if path is None:
        return None
    probe = subprocess.run(
        [path, "-f", "%M", "-o", os.devnull, "true"], capture_output=True, check=False
    )
    return path if probe.returncode == 0 else None


GNU_TIME = _gnu_time()


def run_measured(command: list[str], stdout: Path | None = None) -> tuple[float, int]:
    """Wall-clock seconds and peak RSS (bytes) of one command, its workers included.

    The peak comes from GNU time, which starts the command from a small process: the RSS
    that ``wait4`` reports for a child of this (large) Python process would include the
    pages it shared with this one before ``exec``. Without GNU time, that is the fallback.
    """
    report = DATA / "time-report.txt"
    prefix = [GNU_TIME, "-f", "%M", "-o", str(report)] if GNU_TIME else []
    with open(stdout or os.devnull, "wb") as sink:
        start = time.perf_counter()
        process = subprocess.Popen(
            [*prefix, *command], stdout=sink, stderr=subprocess.PIPE, env=_environment()
        )
        assert process.stderr is not None
        errors = process.stderr.read()
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({code}): {errors.decode()}")
    if GNU_TIME:
        peak_kib = int(report.read_text().split()[-1])
        report.unlink()
    else:
        peak_kib = usage.ru_maxrss
    return seconds, peak_kib * 1024  # Linux reports KiB


def normtext(corpus: Path, jobs: int, output: Path) -> Timing:
    command = [sys.executable, "-m", "normtext", "--jobs", str(jobs), str(corpus)]
    seconds, rss = run_measured(command, output)
    label = "normtext" if jobs == 1 else f"normtext --jobs {jobs}"
    return Timing(label, seconds, corpus.stat().st_size, rss)


def ftfy_command(corpus: Path) -> Timing:
    executable = shutil.which("ftfy", path=os.path.dirname(sys.executable)) or "ftfy"
    seconds, rss = run_measured([executable, str(corpus), "-o", os.devnull])
    return Timing("ftfy command", seconds, corpus.stat().st_size, rss)


def warm_up(corpus: Path) -> None:
    """Run both commands once on the start of ``corpus``: bytecode cached, nothing timed."""
    sample = DATA / "warm-up.txt"
    with corpus.open("rb") as stream:
        sample.write_bytes(stream.read(200_000).rpartition(b"\n")[0] + b"\n")
    normtext(sample, 1, Path(os.devnull))
    normtext(sample, 2, Path(os.devnull))
    ftfy_command(sample)
    sample.unlink()


def ftfy_fix_text(corpus: Path) -> Timing:
    with corpus.open(encoding="utf-8", newline="") as stream:
        lines = list(stream)
    fix_text = ftfy.fix_text
    start = time.perf_counter()
    for line in lines:
        fix_text(line)
    return Timing("ftfy.fix_text per line", time.perf_counter() - start, corpus.stat().st_size)


def same_bytes(first: Path, second: Path) -> bool:
    with first.open("rb") as a, second.open("rb") as b:
        while True:
            left, right = a.read(1 << 20), b.read(1 << 20)
            if left != right:
                return False
            if not left:
                return True


@dataclass
class CorpusResult:
    """The four timings on one corpus and the --jobs comparison."""

    name: str
    normtext: Timing
    parallel: Timing
    ftfy_command: Timing
    fix_text: Timing
    same_output: bool


def measure(name: str, corpus: Path, jobs: int) -> CorpusResult:
    print(f"measuring {name} ({corpus.stat().st_size / MB:.0f} MB) …", file=sys.stderr)
    serial_out = DATA / f"out-{corpus.stem}-j1.txt"
    parallel_out = DATA / f"out-{corpus.stem}-j{jobs}.txt"
    result = CorpusResult(
        name,
        normtext(corpus, 1, serial_out),
        normtext(corpus, jobs, parallel_out),
        ftfy_command(corpus),
        ftfy_fix_text(corpus),
        False,
    )
    result.same_output = same_bytes(serial_out, parallel_out)
    serial_out.unlink()
    parallel_out.unlink()
    return result


def verdict(value: float, target: float, higher_is_better: bool = True) -> str:
    met = value >= target if higher_is_better else value <= target
    return "met" if met else "MISSED"


def table(results: list[CorpusResult]) -> list[str]:
    rows = [
        "| corpus | tool | seconds | MB/s | × ftfy command | × ftfy.fix_text | peak RSS |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        for timing in (result.normtext, result.parallel, result.ftfy_command, result.fix_text):
            rss = f"{timing.peak_rss / MB:.0f} MB" if timing.peak_rss else "–"
            rows.append(
                f"| {result.name} | {timing.tool} | {timing.seconds:.2f} "
                f"| {timing.mb_per_second:.2f} "
                f"| {timing.mb_per_second / result.ftfy_command.mb_per_second:.2f} "
                f"| {timing.mb_per_second / result.fix_text.mb_per_second:.2f} | {rss} |"
            )
    return rows


def targets(ascii_run: CorpusResult, other: CorpusResult, jobs: int) -> list[str]:
    vs_cli = ascii_run.normtext.mb_per_second / ascii_run.ftfy_command.mb_per_second
    vs_fix = other.normtext.mb_per_second / other.fix_text.mb_per_second
    speedup = other.normtext.seconds / other.parallel.seconds
    return [
        "| target | measured | goal | |",
        "| --- | ---: | ---: | --- |",
        f"| mostly ASCII: normtext / ftfy command | {vs_cli:.2f}× | ≥ {TARGET_VS_FTFY_CLI:g}× "
        f"| {verdict(vs_cli, TARGET_VS_FTFY_CLI)} |",
        f"| non-ASCII: normtext / ftfy.fix_text per line | {vs_fix:.2f}× "
        f"| ≥ {TARGET_VS_FIX_TEXT:g}× | {verdict(vs_fix, TARGET_VS_FIX_TEXT)} |",
        f"| non-ASCII: --jobs {jobs} / --jobs 1 | {speedup:.2f}× | ≥ {TARGET_JOBS:g}× "
        f"| {verdict(speedup, TARGET_JOBS)} |",
        f"| --jobs {jobs} output = --jobs 1 output (both corpora) "
        f"| {'same bytes' if ascii_run.same_output and other.same_output else 'DIFFERENT'} "
        f"| same bytes | {'met' if ascii_run.same_output and other.same_output else 'MISSED'} |",
    ]


def ftfy_share(corpus: Path, cli: Timing) -> list[str]:
    """The time ftfy's own encoding repair takes on the lines normtext hands it.

    normtext's mojibake repair runs ``ftfy.fix_encoding`` first on every line that shows
    mojibake to both of them: that time alone bounds normtext's throughput from above.
    """
    with corpus.open(encoding="utf-8", newline="") as stream:
        lines = [line for line in stream if looks_odd(line) and is_bad(line)]
    fix_encoding = ftfy.fix_encoding_and_explain
    start = time.perf_counter()
    for line in lines:
        fix_encoding(line)
    seconds = time.perf_counter() - start
    ceiling = corpus.stat().st_size / MB / seconds / cli.mb_per_second
    return [
        f"ftfy's encoding repair of the {len(lines):,} lines with mojibake alone takes "
        f"{seconds:.2f} s: normtext, which runs it on each of them first, can reach at most "
        f"{ceiling:.1f}× the ftfy command on this corpus.",
    ]


def memory(corpus: Path, base: Timing) -> list[str]:
    large = repeated(corpus, 10)
    print(f"measuring memory on {large.stat().st_size / MB:.0f} MB …", file=sys.stderr)
    big = normtext(large, 1, Path(os.devnull))
    ratio = big.peak_rss / base.peak_rss
    return [
        "| input | seconds | MB/s | peak RSS |",
        "| --- | ---: | ---: | ---: |",
        f"| {base.size / MB:.0f} MB | {base.seconds:.2f} | {base.mb_per_second:.2f} "
        f"| {base.peak_rss / MB:.1f} MB |",
        f"| {big.size / MB:.0f} MB | {big.seconds:.2f} | {big.mb_per_second:.2f} "
        f"| {big.peak_rss / MB:.1f} MB |",
        "",
        f"Peak RSS ratio, 10× the input / 1×: {ratio:.2f} (goal ≤ {TARGET_MEMORY:g}: "
        f"{verdict(ratio, TARGET_MEMORY, higher_is_better=False)})",
    ]


def jsonl_table(corpus: Path, plain: Timing) -> list[str]:
    """normtext --jsonl-field title on the corpus as JSON Lines, beside the plain-text run."""
    records = jsonl_corpus(corpus)
    command = [sys.executable, "-m", "normtext", "--jsonl-field", "title", str(records)]
    seconds, rss = run_measured(command, Path(os.devnull))
    timing = Timing("normtext --jsonl-field title", seconds, records.stat().st_size, rss)
    return [
        "| input | tool | MB | MB/s |",
        "| --- | --- | ---: | ---: |",
        f"| plain text | normtext | {plain.size / MB:.0f} | {plain.mb_per_second:.2f} |",
        f"| JSON Lines | {timing.tool} | {timing.size / MB:.0f} | {timing.mb_per_second:.2f} |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--size-mb",
        type=float,
        default=50,
        help="size of the mostly-ASCII corpus (the non-ASCII one is 0.4 × this); default 50",
    )
    parser.add_argument("--jobs", type=int, default=2, help="workers of the parallel run")
    parser.add_argument(
        "--skip-500", action="store_true", help="skip the memory run on 10 × the corpus"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    mostly_ascii = mostly_ascii_corpus(args.size_mb)
    non_ascii = non_ascii_corpus(round(args.size_mb * 0.4, 3))
    warm_up(mostly_ascii)
    warm_up(non_ascii)
    ascii_run = measure("mostly ASCII", mostly_ascii, args.jobs)
    other = measure("non-ASCII", non_ascii, args.jobs)
    print(
        f"\n### Throughput (cores: {os.cpu_count()}, Python {sys.version.split()[0]}, "
        f"ftfy {ftfy.__version__})\n"
    )
    print("\n".join(table([ascii_run, other])))
    print()
    print("\n".join(targets(ascii_run, other, args.jobs)))
    print()
    print("\n".join(ftfy_share(mostly_ascii, ascii_run.ftfy_command)))
    print("\n### JSON Lines (the mostly-ASCII corpus as the `title` field of records)\n")
    print("\n".join(jsonl_table(mostly_ascii, ascii_run.normtext)))
    if not args.skip_500:
        print("\n### Memory (normtext, default profile, --jobs 1, mostly-ASCII corpus)\n")
        print("\n".join(memory(mostly_ascii, ascii_run.normtext)))
    print(f"\n(benchmark run: {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
