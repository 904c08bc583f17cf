"""The ``normtext`` command: a thin layer over :mod:`normtext.parallel` and :mod:`normtext.files`.

Options become a :class:`~normtext.api.Normalizer`, an executor (``--jobs``) and one sink
per input (stdout, ``--in-place``, ``--check``); everything the run reports is printed by
:class:`Console`, on stderr except the data and the per-file results of --check/-i.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import BinaryIO

import click

from normtext import __version__
from normtext.api import Normalizer
from normtext.files import (
    BatchResult,
    BinaryFileError,
    CheckSink,
    InPlaceSink,
    InputError,
    RawBatch,
    Sink,
    StreamSink,
    atomic_writer,
    is_utf8,
    resolve_encoding,
)
from normtext.parallel import (
    BatchWork,
    Detail,
    Executor,
    Job,
    RunResult,
    RunSettings,
    RunStats,
    Task,
    make_executor,
    run_jobs,
)
from normtext.pipeline import FIXERS, Step
from normtext.profiles import DEFAULT_PROFILE, PROFILES, memberships

EXIT_OK, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2
CHECK_LINES_SHOWN = 5
MB = 1_000_000


def _list_fixers(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    width = max(len(name) for name in FIXERS)
    for fixer in sorted(FIXERS.values(), key=lambda f: f.order):
        profiles = ",".join(memberships(fixer.name)) or "-"
        click.echo(f"{fixer.name:<{width}}  {profiles:<20}  {fixer.summary}")
    ctx.exit(0)


class Console:
    """Prints what a run reports; keeps a progress bar (if any) out of the way."""

    def __init__(self) -> None:
        self.bar: click._termui_impl.ProgressBar[int] | None = None

    def echo(self, message: str, err: bool = False) -> None:
        if self.bar is not None:
            click.echo("\r\x1b[K", nl=False, err=True)  # clear the bar's line
        click.echo(message, err=err)

    # files.Reporter
    def fixed(self, name: str) -> None:
        self.echo(f"Fixing {name}")

    def would_change(
        self, name: str, count: int, samples: list[tuple[int, tuple[str, ...]]]
    ) -> None:
        self.echo(f"{name}: would change {count} line(s)")
        for number, fixers in samples:
            self.echo(f"  line {number}: {', '.join(fixers)}")
        if count > len(samples):
            self.echo(f"  … and {count - len(samples)} more")

    # parallel.RunReporter
    def error(self, job: Job, error: Exception) -> None:
        if isinstance(error, OSError):
            self.echo(f"normtext: {job.name}: {error.strerror or error}", err=True)
        else:
            self.echo(f"normtext: {error}", err=True)

    def explain(self, job: Job, steps: list[Step]) -> None:
        for step in steps:
            detail = f" ({step.detail})" if step.detail else ""
            self.echo(f"{job.name}:{step.line}: {step.fixer}{detail}", err=True)
            self.echo(f"  - {step.before}", err=True)
            self.echo(f"  + {step.after}", err=True)

    def progress(self, size: int) -> None:
        if self.bar is not None:
            self.bar.update(size)

    def stats(self, stats: RunStats) -> None:
        for line in format_stats(stats):
            self.echo(f"normtext: {line}", err=True)


def format_stats(stats: RunStats) -> list[str]:
    """``--stats`` as text: totals, then lines changed per fixer."""
    lines = [
        f"{stats.files} file(s), {stats.lines:,} lines read, {stats.changed:,} changed, "
        f"{stats.bytes / MB:.1f} MB in {stats.seconds:.2f} s "
        f"({stats.bytes_per_second / MB:.1f} MB/s)"
    ]
    width = max((len(name) for name in stats.fixers), default=0)
    for name, count in stats.fixers.most_common():
        lines.append(f"  {name:<{width}}  {count:,} line(s)")
    return lines


def _show_progress(files: tuple[str, ...], mode: str, explain: bool) -> bool:
    """A bar on stderr only for files, only on a terminal, never over text on the same one."""
    if not files or "-" in files or explain or mode == "diff":
        return False
    if not sys.stderr.isatty():
        return False
    return mode != "output" or not sys.stdout.isatty()


@contextlib.contextmanager
def _progress(console: Console, files: tuple[str, ...], shown: bool) -> Iterator[None]:
    if not shown:
        yield
        return
    total = 0
    for path in files:
        with contextlib.suppress(OSError):
            total += os.path.getsize(path)
    with click.progressbar(length=total, file=sys.stderr, label="normtext") as bar:
        console.bar = bar
        try:
            yield
        finally:
            console.bar = None


def _diff(path: str, work: BatchWork, encoding: str, console: Console, stats: RunStats) -> bool:
    """Print a unified diff of one file (read whole: a diff needs both sides); True if any."""
    job = Job(path)
    codec = "utf-8" if path == "-" and encoding == "auto" else resolve_encoding(path, encoding)
    with contextlib.nullcontext(sys.stdin.buffer) if path == "-" else open(path, "rb") as source:
        data = source.read()
    batch = RawBatch(data, 1, 0, "")
    result: BatchResult = work(Task(batch, codec, job.name, is_utf8(codec)))
    stats.add(batch, result)
    stats.files += 1
    if result.steps:
        console.explain(job, result.steps)
    if not result.changed:
        return False
    before = data.decode(codec).splitlines(keepends=True)
    after = (result.output or data).decode("utf-8", "surrogatepass").splitlines(keepends=True)
    diff = difflib.unified_diff(before, after, fromfile=f"a/{job.name}", tofile=f"b/{job.name}")
    text = "".join(line if line.endswith("\n") else line + "\n" for line in diff)
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8", "surrogatepass"))
    sys.stdout.buffer.flush()
    return True


def _run_diffs(
    files: tuple[str, ...], work: BatchWork, encoding: str, console: Console
) -> RunResult:
    run = RunResult()
    start = time.perf_counter()
    for path in files or ("-",):
        try:
            run.changed = _diff(path, work, encoding, console, run.stats) or run.changed
        except BinaryFileError as error:
            console.error(Job(path), error)
        except (InputError, OSError) as error:
            console.error(Job(path), error)
            run.failed = True
    run.stats.seconds = time.perf_counter() - start
    return run


def _sink_factory(mode: str, output: BinaryIO | None, console: Console) -> Callable[[Job], Sink]:
    """One sink per input: stdout (or --output), a file rewritten in place, or --check."""

    def make_sink(job: Job) -> Sink:
        if mode == "check":
            return CheckSink(job.name, console, CHECK_LINES_SHOWN)
        if mode == "in-place":
            return InPlaceSink(job.path, job.name, console)
        assert output is not None
        return StreamSink(output, flush=True)

    return make_sink


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "--profile",
    type=click.Choice(list(PROFILES)),
    default=DEFAULT_PROFILE,
    show_default=True,
    help="Fixer chain: repair (undo damage only), search (clean searchable text), ascii.",
)
@click.option("--ascii", "ascii_", is_flag=True, help="Same as --profile ascii.")
@click.option("--only", multiple=True, metavar="FIXER", help="Run only these fixers (repeatable).")
@click.option("--skip", multiple=True, metavar="FIXER", help="Leave out these fixers (repeatable).")
@click.option("-i", "--in-place", is_flag=True, help="Rewrite the files (atomically) that change.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write the result to this file instead of stdout.",
)
@click.option("--check", is_flag=True, help="Change nothing; exit 1 and list what would change.")
@click.option("--diff", is_flag=True, help="Print a unified diff instead of the text.")
@click.option("--explain", is_flag=True, help="On stderr: each changed line, fixers, before/after.")
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    metavar="NAME|auto",
    help="Input encoding (output is always UTF-8); auto guesses per file.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes (0: one per core); output order and bytes stay the same.",
)
@click.option(
    "--stats",
    is_flag=True,
    help="On stderr: lines read and changed, lines changed per fixer, throughput.",
)
@click.option(
    "--list-fixers",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_list_fixers,
    help="List the fixers with their profiles and exit.",
)
@click.version_option(__version__, prog_name="normtext")
def main(
    files: tuple[str, ...],
    profile: str,
    ascii_: bool,
    only: tuple[str, ...],
    skip: tuple[str, ...],
    in_place: bool,
    output: str | None,
    check: bool,
    diff: bool,
    explain: bool,
    encoding: str,
    jobs: int,
    stats: bool,
) -> None:
    """Clean broken scraped text: mojibake, stylised letters, entities, invisible characters.

    Reads FILES (or stdin) and writes the normalised text to stdout. Exit status: 0 when
    done (or clean), 1 when --check/--in-place found something to change, 2 on errors.
    """
    modes = [m for m, on in (("in-place", in_place), ("check", check), ("diff", diff)) if on]
    if len(modes) > 1:
        raise click.UsageError(f"choose one of --{', --'.join(modes)}")
    if output and modes:
        raise click.UsageError("--output goes with plain output, not --" + modes[0])
    if in_place and (not files or "-" in files):
        raise click.UsageError("--in-place needs FILE arguments")
    try:
        normalizer = Normalizer("ascii" if ascii_ else profile, only=only, skip=skip)
        if encoding != "auto":
            resolve_encoding("", encoding)  # an unknown codec is a usage error
    except (KeyError, ValueError, InputError) as error:
        raise click.UsageError(str(error.args[0])) from None
    mode = modes[0] if modes else "output"
    detail = Detail(explain, stats, CHECK_LINES_SHOWN if mode == "check" else 0)
    console = Console()
    try:
        code = _run(files, normalizer, mode, detail, encoding, jobs, output, console)
    except BrokenPipeError:
        # The reader went away (``normtext big.txt | head``): stop quietly.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_ERROR
    raise SystemExit(code)


def _run(
    files: tuple[str, ...],
    normalizer: Normalizer,
    mode: str,
    detail: Detail,
    encoding: str,
    jobs: int,
    output: str | None,
    console: Console,
) -> int:
    """Process every input; the exit status."""
    if mode == "diff":
        run = _run_diffs(files, BatchWork(normalizer, detail), encoding, console)
    else:
        inputs = [Job(path) for path in files or ("-",)]
        settings = RunSettings(encoding, validate_first=mode == "output")
        executor = make_executor(jobs, normalizer, detail)
        try:
            with _progress(console, files, _show_progress(files, mode, detail.explain)):
                run = _run_jobs(inputs, settings, executor, mode, output, console)
        except BaseException:
            executor.terminate()
            raise
        executor.close()
    if detail.count_fixers:
        console.stats(run.stats)
    if run.failed:
        return EXIT_ERROR
    return EXIT_CHANGED if run.changed else EXIT_OK


def _run_jobs(
    inputs: list[Job],
    settings: RunSettings,
    executor: Executor,
    mode: str,
    output: str | None,
    console: Console,
) -> RunResult:
    """Run to stdout, in place or --check; or into --output, written only if all went well."""
    if not output:
        stdout = sys.stdout.buffer if mode == "output" else None
        return run_jobs(inputs, settings, executor, _sink_factory(mode, stdout, console), console)
    run = RunResult()
    try:
        with atomic_writer(output) as sink:
            run = run_jobs(inputs, settings, executor, _sink_factory(mode, sink, console), console)
            if run.failed:
                raise InputError(output)
    except InputError:
        console.echo(f"normtext: {output} not written", err=True)
    except OSError as error:
        console.echo(f"normtext: {output}: {error.strerror}", err=True)
        run.failed = True
    return run


if __name__ == "__main__":  # pragma: no cover
    main()
