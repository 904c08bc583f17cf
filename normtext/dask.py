"""Run normtext on Dask: bags of lines, DataFrame columns, folders of files.

Install with ``pip install 'normtext[dask]'``. Importing this module never needs Dask
(so ``normtext-dask --help`` is quick); the functions that do need it say which
``pip install`` to run when it is missing, and so does the command.

Everything here is a thin layer over what the ``normtext`` command already uses: the
picklable :class:`~normtext.api.Normalizer` (built from ``profile``, ``only``, ``skip``)
and, for files, :func:`normtext.files.transform_stream` and
:func:`normtext.files.atomic_writer`, one Dask task per file. A file written by
:func:`normalize_files` therefore holds exactly the bytes ``normtext FILE > out/FILE``
writes: line endings, a final newline or its absence and the BOM rule are those of the
command, because the code is the command's.

Named ``normtext.dask`` like ``xgboost.dask`` and ``lightgbm.dask``; imports are
absolute, so ``import dask`` inside it is Dask itself.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from normtext import __version__
from normtext.api import Normalizer
from normtext.cli import encoding_option, fixer_selection
from normtext.files import (
    BinaryFileError,
    InputError,
    atomic_writer,
    resolve_encoding,
    transform_stream,
)
from normtext.profiles import DEFAULT_PROFILE

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag
    import dask.dataframe

__all__ = [
    "INSTALL_HINT",
    "FileResult",
    "MissingDaskError",
    "main",
    "normalize_bag",
    "normalize_dataframe",
    "normalize_file",
    "normalize_files",
    "plan_outputs",
]

INSTALL_HINT = "pip install 'normtext[dask]'"
EXIT_OK, EXIT_ERROR = 0, 2
GLOB_MAGIC = frozenset("*?[")
LOCAL_SCHEDULERS = ("processes", "threads", "sync")


class MissingDaskError(ImportError):
    """Dask (or pandas, for DataFrames) is not installed; the message says what to install."""


def _require(module: str = "dask") -> None:
    """Import ``module`` or raise :class:`MissingDaskError` naming the extra to install."""
    try:
        __import__(module)
    except ImportError:
        raise MissingDaskError(
            f"normtext.dask needs {module.split('.')[0]}, which is not installed: {INSTALL_HINT}"
        ) from None


# --- bags and DataFrames ---------------------------------------------------------------------


def normalize_bag(
    bag: dask.bag.Bag,
    profile: str = DEFAULT_PROFILE,
    *,
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
) -> dask.bag.Bag:
    """A bag of the elements of ``bag`` normalised; every element must be a string.

    An element may be one line without its ending, one line with it, or several lines:
    each line is cleaned on its own and every line ending (LF, CRLF, CR) is kept.

    To read files so that the joined result matches the ``normtext`` command, read them
    with ``dask.bag.read_text(paths, linedelimiter="\\n")``: Dask's default reads in
    universal-newline mode, which turns CRLF and CR into LF before normtext sees them.
    With ``"\\n"`` an element can still hold a bare CR; that is one more line to normtext,
    and it is kept. For a folder of files to a folder of files, use
    :func:`normalize_files`, which also reports invalid UTF-8 by file, line and byte.
    """
    result: dask.bag.Bag = bag.map(  # type: ignore[no-untyped-call, unused-ignore]
        Normalizer(profile, only, skip)
    )
    return result


def normalize_dataframe(
    frame: dask.dataframe.DataFrame,
    columns: str | Iterable[str],
    profile: str = DEFAULT_PROFILE,
    *,
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
) -> dask.dataframe.DataFrame:
    """``frame`` with the text of ``columns`` normalised; every other column untouched.

    The named columns must hold text (``object`` or a string dtype). Each string is
    cleaned as ``normtext.normalize`` would with the same settings; nulls (``None``,
    ``NaN``, ``pd.NA``) and any other non-string value are left as they are, and each
    column keeps its dtype. Raises ``KeyError`` for a missing column and ``TypeError``
    for a column that does not hold text (a categorical column: ``astype("string")``).
    """
    _require("pandas")
    from pandas.api.types import (  # type: ignore[import-untyped, unused-ignore]
        is_object_dtype,
        is_string_dtype,
    )

    names = [columns] if isinstance(columns, str) else list(columns)
    for name in names:
        if name not in frame.columns:
            raise KeyError(f"no column {name!r} (columns: {', '.join(map(str, frame.columns))})")
        dtype = frame.dtypes[name]
        if not (is_object_dtype(dtype) or is_string_dtype(dtype)):
            raise TypeError(f"column {name!r} has dtype {dtype}, not text")
    normalizer = Normalizer(profile, only, skip)
    result: dask.dataframe.DataFrame = frame.map_partitions(  # type: ignore[no-untyped-call, unused-ignore]
        _normalize_partition, normalizer, names, meta=frame._meta
    )
    return result


def _normalize_partition(partition: Any, normalizer: Normalizer, names: list[str]) -> Any:
    """One pandas partition with ``names`` normalised (a copy: the input may be shared)."""
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    result = partition.copy(deep=False)
    for name in names:
        column = partition[name]
        values = [normalizer(v) if isinstance(v, str) else v for v in column.tolist()]
        result[name] = pd.Series(values, index=column.index, name=column.name, dtype=column.dtype)
    return result


# --- files -------------------------------------------------------------------------------


class FileResult(NamedTuple):
    """What :func:`normalize_file` did with one input."""

    name: str
    """The input path as it was given (used in messages, as the command does)."""
    output: str
    """Where the result goes (written only when ``error`` is ``None``)."""
    lines: int = 0
    changed: int = 0
    """How many lines normalising changed."""
    error: str | None = None
    """Why nothing was written: an input or I/O error, or a binary file (``skipped``)."""
    skipped: bool = False
    """True for a binary file (a NUL byte), which the command skips too."""


def normalize_file(
    source: str,
    target: str,
    normalizer: Normalizer,
    encoding: str = "utf-8",
    name: str | None = None,
) -> FileResult:
    """Normalise the file ``source`` into ``target`` exactly as ``normtext`` would.

    The same reader, writer and line function as the command: ``target`` holds the bytes
    ``normtext SOURCE > TARGET`` writes. It is written atomically (temporary file in its
    folder, then a rename), so it is either complete or, after an error, not there (or
    as it was). Its folder is created when missing. Errors come back in the result,
    never raised; ``name`` is how ``source`` is called in them (default: ``source``).
    """
    name = source if name is None else name
    result = FileResult(name, target)
    try:
        if _same_file(source, target):
            return result._replace(
                error=f"{name}: output would replace the input (normtext -i does that)"
            )
        codec = resolve_encoding(source, encoding)
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
        with open(source, "rb") as stream, atomic_writer(target) as sink:
            report = transform_stream(stream, sink, name, normalizer.fix_line, codec)
    except BinaryFileError as error:
        return result._replace(error=str(error), skipped=True)
    except InputError as error:
        return result._replace(error=str(error))
    except OSError as error:
        reason = error.strerror or str(error)
        where = error.filename if error.filename not in (None, source) else name
        return result._replace(error=f"{where}: {reason}")
    return result._replace(lines=report.lines, changed=len(report.changed))


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _base_folder(pattern: str) -> str:
    """The leading folders of ``pattern`` that hold no glob magic: outputs mirror below it."""
    parts = pattern.split(os.sep)
    kept: list[str] = []
    for part in parts[:-1]:
        if GLOB_MAGIC.intersection(part):
            break
        kept.append(part)
    if not kept:
        return "."
    return os.sep.join(kept) or os.sep


def plan_outputs(
    patterns: str | Sequence[str], out: str | os.PathLike[str]
) -> list[tuple[str, str]]:
    """``(input, output)`` pairs for the files ``patterns`` match, in a stable order.

    Each file keeps its name, and its place below the part of its pattern that has no
    glob magic: ``in/*.txt`` writes ``out/a.txt``, ``in/**/*.txt`` writes ``out/sub/b.txt``
    (``**`` matches any depth). A pattern with no magic is a file name. Raises
    ``ValueError`` when nothing matches or when two inputs would write the same output.
    """
    patterns = [patterns] if isinstance(patterns, str) else list(patterns)
    out = os.fspath(out)
    pairs: list[tuple[str, str]] = []
    claimed: dict[str, str] = {}
    for pattern in patterns:
        base = _base_folder(pattern)
        matches = sorted(p for p in glob.glob(pattern, recursive=True) if os.path.isfile(p))
        if not matches:
            raise ValueError(f"no file matches {pattern!r}")
        for path in matches:
            target = os.path.normpath(os.path.join(out, os.path.relpath(path, base)))
            if target in claimed and claimed[target] != path:
                raise ValueError(f"{claimed[target]} and {path} would both be written to {target}")
            if target not in claimed:
                claimed[target] = path
                pairs.append((path, target))
    return pairs


def normalize_files(
    patterns: str | Sequence[str],
    out: str | os.PathLike[str],
    profile: str = DEFAULT_PROFILE,
    *,
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
    encoding: str = "utf-8",
    scheduler: Any = None,
    num_workers: int | None = None,
) -> list[FileResult]:
    """Normalise every file ``patterns`` match into the folder ``out``, one Dask task each.

    Outputs are named as :func:`plan_outputs` says, and hold exactly what
    ``normtext FILE > out/FILE`` would write (see :func:`normalize_file`). A file that
    is not valid in ``encoding`` is reported with its line and byte and not written; a
    binary file is skipped. ``scheduler`` is anything ``dask.compute`` takes:
    ``"processes"``, ``"threads"``, ``"sync"``, a ``distributed.Client``, or ``None``
    for Dask's default (the active ``Client`` if there is one). Workers on other
    machines must see the same paths (a shared file system) and have normtext
    installed. Returns one :class:`FileResult` per input, in input order.
    """
    _require("dask")
    normalizer = Normalizer(profile, only, skip)  # bad settings fail here, before any task
    if encoding != "auto":
        resolve_encoding("", encoding)
    return _run(plan_outputs(patterns, out), normalizer, encoding, scheduler, num_workers)


def _run(
    pairs: list[tuple[str, str]],
    normalizer: Normalizer,
    encoding: str,
    scheduler: Any,
    num_workers: int | None,
) -> list[FileResult]:
    _require("dask")
    from dask.base import compute
    from dask.delayed import delayed

    # Task arguments are absolute paths (a worker's folder is its own); messages and
    # results name the files as they were given.
    tasks = [
        delayed(normalize_file, pure=False)(
            os.path.abspath(source), os.path.abspath(target), normalizer, encoding, source
        )
        for source, target in pairs
    ]
    options: dict[str, Any] = {} if num_workers is None else {"num_workers": num_workers}
    results: tuple[FileResult, ...] = compute(  # type: ignore[no-untyped-call, unused-ignore]
        *tasks, scheduler=scheduler, **options
    )
    return [r._replace(output=target) for r, (_, target) in zip(results, pairs, strict=True)]


# --- the command -------------------------------------------------------------------------


class _Failure(click.ClickException):
    exit_code = EXIT_ERROR


def _scheduler_for(scheduler: str) -> tuple[Any, Any]:
    """``(scheduler for dask.compute, client to close)`` for the ``--scheduler`` value."""
    if scheduler in LOCAL_SCHEDULERS:
        return scheduler, None
    if ":" not in scheduler:  # tcp://host:8786, host:8786, tls://…, inproc://…
        raise click.BadParameter(
            f"{scheduler!r} is neither {', '.join(LOCAL_SCHEDULERS)} nor an address "
            "like tcp://host:8786",
            param_hint="'--scheduler'",
        )
    _require("distributed")
    from distributed import Client

    try:
        client = Client(  # type: ignore[no-untyped-call, unused-ignore]
            scheduler, set_as_default=False, timeout="10s"
        )
    except OSError as error:
        raise _Failure(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    return client, client


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("patterns", nargs=-1, required=True, metavar="GLOB...")
@click.option(
    "-o",
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the results; each file keeps its name (and its subfolder under a **).",
)
@click.option(
    "--scheduler",
    default="processes",
    show_default=True,
    metavar="processes|threads|sync|ADDRESS",
    help="Dask's local schedulers, or the address of a dask.distributed scheduler "
    "(tcp://host:8786) whose workers see the same files.",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Worker count for processes/threads."
)
@fixer_selection
@encoding_option
@click.version_option(__version__, prog_name="normtext-dask")
def main(
    patterns: tuple[str, ...],
    out: str,
    scheduler: str,
    jobs: int | None,
    profile: str,
    ascii_: bool,
    only: tuple[str, ...],
    skip: tuple[str, ...],
    encoding: str,
) -> None:
    """Normalise the files matching each GLOB into the folder --out, on Dask.

    Quote the GLOB so that the shell leaves it to normtext-dask ('in/*.txt',
    'in/**/*.txt'). Each output holds exactly what `normtext FILE > out/FILE` would
    write. Errors (named by file, line and byte) go to stderr and that file is not
    written; the others still are. Exit status: 0 done, 2 on any error.
    """
    try:
        _require("dask")
    except MissingDaskError as error:
        raise _Failure(str(error)) from None
    try:
        normalizer = Normalizer("ascii" if ascii_ else profile, only=only, skip=skip)
        if encoding != "auto":
            resolve_encoding("", encoding)
        pairs = plan_outputs(patterns, out)
    except (KeyError, ValueError, InputError) as error:
        raise click.UsageError(str(error.args[0])) from None
    dask_scheduler, client = _scheduler_for(scheduler)  # connects to a remote scheduler
    try:
        results = _run(
            pairs, normalizer, encoding, dask_scheduler, jobs if client is None else None
        )
    finally:
        if client is not None:
            client.close()
    failed = False
    for result in results:
        if result.error is not None:
            click.echo(f"normtext-dask: {result.error}", err=True)
            failed = failed or not result.skipped
    raise SystemExit(EXIT_ERROR if failed else EXIT_OK)


if __name__ == "__main__":  # pragma: no cover  (python -m normtext.dask)
    # Run the imported module's command, so that tasks refer to ``normtext.dask`` and not
    # to ``__main__``, which worker processes do not have.
    from normtext.dask import main as _main

    _main(prog_name="normtext-dask")
