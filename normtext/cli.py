"""The ``normtext`` command: a thin layer over :mod:`normtext.parallel` and :mod:`normtext.files`.

Options become a :class:`~normtext.api.Normalizer`, an executor (``--jobs``) and one sink
per input (stdout, ``--in-place``, ``--check``); everything the run reports is printed by
:class:`Console`, on stderr except the data and the per-file results of --check/-i.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, NamedTuple, TypeVar

import click

from normtext import __version__
from normtext.api import Normalizer
from normtext.files import (
    BatchResult,
    BinaryFileError,
    CheckSink,
    FileReport,
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
from normtext.structured import transform_csv, transform_jsonl

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
    """Prints what a run reports; keeps a progress bar (if any) out of the way.

    ``json_explain`` and ``json_stats`` write ``--explain`` and ``--stats`` as JSON (one
    object per changed line or field; one object for the totals) for review with jq.
    """

    def __init__(self, json_explain: bool = False, json_stats: bool = False) -> None:
        self.bar: click._termui_impl.ProgressBar[int] | None = None
        self.json_explain = json_explain
        self.json_stats = json_stats

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

    def would_recode(self, name: str) -> None:
        self.echo(f"{name}: would be rewritten as UTF-8")

    # parallel.RunReporter
    def error(self, job: Job, error: Exception) -> None:
        if isinstance(error, OSError):
            self.echo(f"normtext: {job.name}: {error.strerror or error}", err=True)
        else:
            self.echo(f"normtext: {error}", err=True)

    def explain(self, job: Job, steps: list[Step]) -> None:
        if self.json_explain:
            for number in dict.fromkeys(step.line for step in steps):
                mine = [step for step in steps if step.line == number]
                self.explain_json(job.name, number, None, mine)
            return
        for step in steps:
            detail = f" ({step.detail})" if step.detail else ""
            self.echo(f"{job.name}:{step.line}: {step.fixer}{detail}", err=True)
            self.echo(f"  - {step.before}", err=True)
            self.echo(f"  + {step.after}", err=True)

    def explain_json(self, name: str, number: int, field: str | None, steps: list[Step]) -> None:
        """One JSON object for a changed line (or field): file, line, fixers, before, after."""
        record: dict[str, object] = {"file": name, "line": number}
        if field is not None:
            record["field"] = field
        record["fixers"] = [step.fixer for step in steps]
        details = {step.fixer: step.detail for step in steps if step.detail}
        if details:
            record["details"] = details
        record["before"] = steps[0].before
        record["after"] = steps[-1].after
        self.echo(json.dumps(record, ensure_ascii=False), err=True)

    def progress(self, size: int) -> None:
        if self.bar is not None:
            self.bar.update(size)

    def stats(self, stats: RunStats) -> None:
        if self.json_stats:
            self.echo(json.dumps(stats.as_dict(), ensure_ascii=False), err=True)
            return
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


class Structured(NamedTuple):
    """Which fields (JSON Lines) or columns (CSV/TSV) to normalise, and how."""

    jsonl_fields: tuple[str, ...]
    csv_columns: tuple[str, ...]
    delimiter: str | None
    keep_invalid: bool

    def transform(
        self,
        source: BinaryIO,
        sink: BinaryIO | None,
        name: str,
        normalizer: Normalizer,
        on_change: Callable[[int, str, str, str], None] | None,
    ) -> FileReport:
        if self.jsonl_fields:
            return transform_jsonl(
                source,
                sink,
                name,
                normalizer,
                self.jsonl_fields,
                keep_invalid=self.keep_invalid,
                on_change=on_change,
            )
        return transform_csv(
            source,
            sink,
            name,
            normalizer,
            self.csv_columns,
            delimiter=self.delimiter,
            on_change=on_change,
        )


def _structured_file(
    path: str,
    structured: Structured,
    normalizer: Normalizer,
    mode: str,
    output: BinaryIO | None,
    console: Console,
    explain: bool,
) -> FileReport:
    """Normalise the chosen fields of one JSON Lines or CSV/TSV input."""
    name = "<stdin>" if path == "-" else path

    def on_change(number: int, field: str, before: str, after: str) -> None:
        steps = normalizer.pipeline.explain_line(before, number) if "\n" not in before else []
        steps = steps or [Step(number, "normtext", before, after)]
        if console.json_explain:
            console.explain_json(name, number, field, steps)
        else:
            fixers = ", ".join(step.fixer for step in steps)
            console.echo(f"{name}:{number}: {field}: {fixers}", err=True)
            console.echo(f"  - {before}", err=True)
            console.echo(f"  + {after}", err=True)

    report_change = on_change if explain else None
    if path == "-":
        return structured.transform(
            sys.stdin.buffer,
            output if mode == "output" else None,
            name,
            normalizer,
            report_change,
        )
    fields: dict[int, list[str]] = {}

    def note(number: int, field: str, _before: str, _after: str) -> None:
        fields.setdefault(number, []).append(field)

    with open(path, "rb") as source:
        # A first pass checks the whole input, so nothing is written for a bad file.
        report = structured.transform(source, None, name, normalizer, note)
    if mode == "check":
        if report.changed:
            shown = [(n, tuple(fields[n])) for n in report.changed[:CHECK_LINES_SHOWN]]
            console.would_change(name, len(report.changed), shown)
        return report
    if mode == "in-place":
        if report.changed:
            with open(path, "rb") as source, atomic_writer(path) as sink:
                structured.transform(source, sink, name, normalizer, report_change)
            console.fixed(name)
        return report
    assert output is not None
    with open(path, "rb") as source:
        return structured.transform(source, output, name, normalizer, report_change)


def _run_structured(
    files: tuple[str, ...],
    structured: Structured,
    normalizer: Normalizer,
    mode: str,
    output: BinaryIO | None,
    console: Console,
    explain: bool,
) -> RunResult:
    run = RunResult()
    start = time.perf_counter()
    for path in files or ("-",):
        try:
            report = _structured_file(path, structured, normalizer, mode, output, console, explain)
        except BinaryFileError as error:
            console.error(Job(path), error)
            continue
        except (InputError, OSError) as error:
            console.error(Job(path), error)
            run.failed = True
            continue
        # Only --check and --in-place report a change in the exit status.
        run.changed = run.changed or (bool(report.changed) and mode != "output")
        run.stats.files += 1
        if path != "-":
            run.stats.bytes += os.path.getsize(path)
        run.stats.lines += report.lines
        run.stats.changed += len(report.changed)
    run.stats.seconds = time.perf_counter() - start
    return run


F = TypeVar("F", bound=Callable[..., Any])


def fixer_selection(command: F) -> F:
    """The options that choose the fixers: --profile, --ascii, --only, --skip.

    Shared by ``normtext`` and ``normtext-dask``, so that both mean the same by them.
    """
    options = [
        click.option(
            "--profile",
            type=click.Choice(list(PROFILES)),
            default=DEFAULT_PROFILE,
            show_default=True,
            help="Fixer chain: repair (undo damage only), search (clean searchable text), ascii.",
        ),
        click.option("--ascii", "ascii_", is_flag=True, help="Same as --profile ascii."),
        click.option(
            "--only", multiple=True, metavar="FIXER", help="Run only these fixers (repeatable)."
        ),
        click.option(
            "--skip", multiple=True, metavar="FIXER", help="Leave out these fixers (repeatable)."
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


# --encoding, shared by normtext and normtext-dask.
encoding_option = click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    metavar="NAME|auto",
    help="Input encoding (output is always UTF-8); auto guesses per file.",
)


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
@fixer_selection
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
@encoding_option
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
    "--jsonl-field",
    multiple=True,
    metavar="KEY",
    help="JSON Lines input: normalise only this field (dotted path; repeatable).",
)
@click.option(
    "--csv-column",
    multiple=True,
    metavar="NAME",
    help="CSV/TSV input: normalise only this column, by header name (repeatable).",
)
@click.option(
    "--delimiter",
    metavar="CHAR",
    help="CSV delimiter (default: tab for .tsv files, else a comma); '\\t' for tab.",
)
@click.option(
    "--on-error",
    type=click.Choice(["fail", "keep"]),
    default="fail",
    show_default=True,
    help="JSON Lines: a line that is not a JSON object fails the file, or is kept as it is.",
)
@click.option(
    "--explain-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="--explain as text, or as one JSON object per changed line or field.",
)
@click.option(
    "--stats-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="--stats as text, or as one JSON object.",
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
    jsonl_field: tuple[str, ...],
    csv_column: tuple[str, ...],
    delimiter: str | None,
    on_error: str,
    explain_format: str,
    stats_format: str,
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
    if jsonl_field and csv_column:
        raise click.UsageError("choose --jsonl-field or --csv-column, not both")
    structured = None
    if jsonl_field or csv_column:
        if modes and modes[0] == "diff":
            raise click.UsageError("--diff works on plain text, not with fields or columns")
        structured = Structured(jsonl_field, csv_column, delimiter, on_error == "keep")
    mode = modes[0] if modes else "output"
    detail = Detail(explain, stats, CHECK_LINES_SHOWN if mode == "check" else 0)
    console = Console(explain_format == "json", stats_format == "json")
    try:
        if structured is not None:
            code = _run_fields(files, structured, normalizer, mode, detail, output, console)
        else:
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


def _run_fields(
    files: tuple[str, ...],
    structured: Structured,
    normalizer: Normalizer,
    mode: str,
    detail: Detail,
    output: str | None,
    console: Console,
) -> int:
    """JSON Lines fields or CSV/TSV columns: one file at a time (records may span lines)."""
    if output:
        try:
            with atomic_writer(output) as sink:
                run = _run_structured(
                    files, structured, normalizer, mode, sink, console, detail.explain
                )
                if run.failed:
                    raise InputError(output)
        except InputError:
            console.echo(f"normtext: {output} not written", err=True)
            run.failed = True
    else:
        stdout = sys.stdout.buffer if mode == "output" else None
        run = _run_structured(files, structured, normalizer, mode, stdout, console, detail.explain)
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
