"""The ``normtext`` command: a thin layer over :mod:`normtext.api` and :mod:`normtext.files`."""

from __future__ import annotations

import difflib
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

import click

from normtext import __version__
from normtext.api import Normalizer
from normtext.files import (
    BinaryFileError,
    FileReport,
    InputError,
    atomic_writer,
    resolve_encoding,
    transform_stream,
    validate,
)
from normtext.pipeline import FIXERS
from normtext.profiles import DEFAULT_PROFILE, PROFILES, memberships

EXIT_OK, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2
CHECK_LINES_SHOWN = 5


@dataclass
class Outcome:
    """What the run found, for the exit code."""

    changed: bool = False
    failed: bool = False
    reports: list[FileReport] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.failed:
            return EXIT_ERROR
        return EXIT_CHANGED if self.changed else EXIT_OK


def _list_fixers(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    width = max(len(name) for name in FIXERS)
    for fixer in sorted(FIXERS.values(), key=lambda f: f.order):
        profiles = ",".join(memberships(fixer.name)) or "-"
        click.echo(f"{fixer.name:<{width}}  {profiles:<20}  {fixer.summary}")
    ctx.exit(0)


class Explainer:
    """Writes ``--explain`` lines on stderr: line number, fixer, before → after."""

    def __init__(self, normalizer: Normalizer, name: str) -> None:
        self.normalizer = normalizer
        self.name = name

    def __call__(self, number: int, before: str, _after: str) -> None:
        for step in self.normalizer.pipeline.explain_line(before, number):
            detail = f" ({step.detail})" if step.detail else ""
            click.echo(f"{self.name}:{number}: {step.fixer}{detail}", err=True)
            click.echo(f"  - {step.before}", err=True)
            click.echo(f"  + {step.after}", err=True)


class CheckReporter:
    """Collects the first changed lines of a file for ``--check``."""

    def __init__(self, normalizer: Normalizer) -> None:
        self.normalizer = normalizer
        self.shown: list[str] = []

    def __call__(self, number: int, before: str, _after: str) -> None:
        if len(self.shown) < CHECK_LINES_SHOWN:
            fixers = ", ".join(s.fixer for s in self.normalizer.pipeline.explain_line(before))
            self.shown.append(f"  line {number}: {fixers}")


def _open_input(path: str) -> BinaryIO:
    if path == "-":
        return sys.stdin.buffer
    return open(path, "rb")


def _display(path: str) -> str:
    return "<stdin>" if path == "-" else path


def _diff(path: str, normalizer: Normalizer, encoding: str, outcome: Outcome) -> None:
    with _open_input(path) as source:
        original = source.read()
    text = original.decode(encoding)
    fixed = normalizer(text)
    if fixed != text:
        outcome.changed = True
        name = _display(path)
        lines = difflib.unified_diff(
            text.splitlines(keepends=True),
            fixed.splitlines(keepends=True),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
        )
        sys.stdout.write("".join(line if line.endswith("\n") else line + "\n" for line in lines))


def _process(
    path: str,
    *,
    normalizer: Normalizer,
    encoding: str,
    mode: str,
    output: BinaryIO | None,
    explain: bool,
    outcome: Outcome,
) -> None:
    name = _display(path)
    codec = encoding if path == "-" or encoding != "auto" else resolve_encoding(path, encoding)
    if codec == "auto":
        codec = "utf-8"
    explainer = Explainer(normalizer, name) if explain else None
    if mode == "diff":
        _diff(path, normalizer, codec, outcome)
        return
    if mode == "check":
        checker = CheckReporter(normalizer)
        with _open_input(path) as source:
            report = transform_stream(source, None, name, normalizer.fix_line, codec, checker)
        if report.was_changed:
            outcome.changed = True
            more = len(report.changed) - len(checker.shown)
            click.echo(f"{name}: would change {len(report.changed)} line(s)")
            for line in checker.shown:
                click.echo(line)
            if more > 0:
                click.echo(f"  … and {more} more")
        outcome.reports.append(report)
        return
    if mode == "in-place":
        validate(path, codec)
        with open(path, "rb") as source:
            report = transform_stream(source, None, name, normalizer.fix_line, codec)
        if report.was_changed or codec != "utf-8":
            with open(path, "rb") as source, atomic_writer(path) as sink:
                transform_stream(source, sink, name, normalizer.fix_line, codec, explainer)
            click.echo(f"Fixing {name}")
            outcome.changed = True
        outcome.reports.append(report)
        return
    assert output is not None
    if path != "-":
        validate(path, codec)  # nothing is written for a file that would fail half-way
    with _open_input(path) as source:
        report = transform_stream(source, output, name, normalizer.fix_line, codec, explainer)
    outcome.reports.append(report)


def _inputs(files: tuple[str, ...]) -> Iterator[str]:
    yield from files or ("-",)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
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
    except (KeyError, ValueError) as error:
        raise click.UsageError(str(error.args[0])) from None
    mode = modes[0] if modes else "output"
    outcome = Outcome()
    if output:
        try:
            with atomic_writer(output) as sink:
                _run_all(files, normalizer, encoding, mode, sink, explain, outcome)
                if outcome.failed:
                    raise InputError("")
        except InputError:
            click.echo(f"normtext: {output} not written", err=True)
        except OSError as error:
            click.echo(f"normtext: {output}: {error.strerror}", err=True)
            outcome.failed = True
    else:
        sink = sys.stdout.buffer if mode == "output" else None
        _run_all(files, normalizer, encoding, mode, sink, explain, outcome)
    sys.stdout.flush()
    raise SystemExit(outcome.exit_code)


def _run_all(
    files: tuple[str, ...],
    normalizer: Normalizer,
    encoding: str,
    mode: str,
    sink: BinaryIO | None,
    explain: bool,
    outcome: Outcome,
) -> None:
    for path in _inputs(files):
        try:
            _process(
                path,
                normalizer=normalizer,
                encoding=encoding,
                mode=mode,
                output=sink,
                explain=explain,
                outcome=outcome,
            )
        except BinaryFileError as error:
            click.echo(f"normtext: {error}", err=True)
        except InputError as error:
            click.echo(f"normtext: {error}", err=True)
            outcome.failed = True
        except OSError as error:
            reason = error.strerror or str(error)
            click.echo(f"normtext: {_display(path)}: {reason}", err=True)
            outcome.failed = True
        if isinstance(sink, io.BufferedWriter) or sink is sys.stdout.buffer:
            sink.flush()


if __name__ == "__main__":  # pragma: no cover
    main()
