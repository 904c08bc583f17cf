"""Batches of lines through the pipeline, in order, in this process or in a pool of workers.

The command line reads its inputs as batches of whole lines (:func:`files.iter_batches`).
Each batch becomes a :class:`Task`; :class:`BatchWork` decodes it, finds the lines some
fixer of the chain could touch (:class:`LineScreen`, the fast path), runs the pipeline on
those only and encodes the result. A :class:`SerialExecutor` does that in this process; a
:class:`PoolExecutor` (``--jobs N``) in ``N`` worker processes that each hold their own
:class:`~normtext.api.Normalizer`, with a bounded number of batches in flight. Both hand the
results back in input order, and both run the same code on the same batches, so ``--jobs``
never changes a byte of the output.

:func:`run_jobs` ties it together: it reads the inputs, sends their batches through an
executor and feeds the results to each input's sink (:mod:`normtext.files`).
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import multiprocessing
import os
import re
import signal
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, BinaryIO, NamedTuple, Protocol

from normtext.api import Normalizer
from normtext.files import (
    BatchResult,
    BinaryFileError,
    InputError,
    RawBatch,
    Sink,
    decode_batch,
    is_utf8,
    iter_batches,
    resolve_encoding,
    validate,
)
from normtext.pipeline import LINE_ENDING_RE, Pipeline, Step, keep_apart

# --- the fast path -----------------------------------------------------------------------

# One bracket expression: it always matches exactly one character.
_ONE_CLASS_RE = re.compile(r"\[\^?\]?(?:[^\\\]]|\\.)*\]", re.DOTALL)
# Constructs that look beyond the line or at its very ends: such a pattern is not run over
# a whole batch at once, but line by line, exactly as the pipeline runs it.
_LINE_BOUND = ("\\A", "\\Z", "\\z", "(?=", "(?!", "(?<")


# A backreference counts groups: splitting the pattern would renumber them.
_BACKREFERENCE_RE = re.compile(r"\\[1-9]|\(\?P=")


def split_alternatives(pattern: str, flags: int = 0) -> list[str]:
    """The top-level alternatives of ``pattern`` (``a|b`` → ``["a", "b"]``).

    A ``|`` inside a group or a bracket expression does not split. A verbose pattern, one
    with a backreference, or one that cannot be read plainly is returned whole: splitting
    only ever happens where it surely keeps the meaning.
    """
    if flags & re.VERBOSE or _BACKREFERENCE_RE.search(pattern):
        return [pattern]
    parts, start, index, in_class, first, depth = [], 0, 0, False, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = not (char == "]" and index != first)
        elif char == "[":
            in_class = True
            first = index + 1 + pattern.startswith("^", index + 1)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return [pattern]
        elif char == "|" and not depth:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    if in_class or depth or index > len(pattern):
        return [pattern]
    return [*parts, pattern[start:]]


def _needs_non_ascii(alternative: str, flags: int) -> bool:
    """Whether ``alternative`` starts by looking ahead for a class of non-ASCII characters
    only (``(?=[\U00010000-\U0010ffff])…``): it cannot match in a pure-ASCII line."""
    if not alternative.startswith("(?="):
        return False
    bracket = _ONE_CLASS_RE.match(alternative, 3)
    if bracket is None or alternative[bracket.end() : bracket.end() + 1] != ")":
        return False
    return not _ascii_members(re.compile(bracket.group(), flags))


def _ascii_members(alternative: re.Pattern[str]) -> str:
    """The ASCII characters a one-character class matches (a line never holds CR or LF)."""
    return "".join(
        chr(c) for c in range(128) if chr(c) not in "\r\n" and alternative.fullmatch(chr(c))
    )


class LineScreen:
    """Finds, in a batch of lines, every line that some fixer of a pipeline might change.

    It answers the question ``Pipeline.needs_work`` answers for one line, for thousands at
    once, without running the combined guard (a slow alternation) on every line:

    - a line with a non-ASCII character is always a candidate (the pipeline decides);
    - for the pure-ASCII lines, only the guards' alternatives that can match ASCII text
      matter. A one-character class is reduced to its ASCII members (the stylised guard, a
      class of ~1,400 look-alikes, has none); every other alternative is kept as written.
      Those are run over the whole batch (multi-line mode, one line per ``\\n``), so a
      clean line costs a share of a few C-level scans and no Python at all.

    The screen may name a line that needs no work (the pipeline then leaves it as it is);
    it never misses one: every guard's match in a line is also found by one of the scans.
    """

    def __init__(self, pipeline: Pipeline) -> None:
        ascii_class: set[str] = set()
        self.scans: list[re.Pattern[str]] = []
        self.line_by_line: list[re.Pattern[str]] = []
        # A plain string at a line's start or end ("^ ", " $" of the space fixer) is found
        # as the string after or before a line feed, which is far quicker to search for:
        # each with whether it starts a line.
        self.line_edges: list[tuple[str, re.Pattern[str], bool]] = []
        for fixer in pipeline.chain:
            guard = fixer.guard
            for alternative in split_alternatives(guard.pattern, guard.flags):
                if _needs_non_ascii(alternative, guard.flags):
                    continue  # (a line with a non-ASCII character is a candidate anyway)
                if _ONE_CLASS_RE.fullmatch(alternative):
                    ascii_class.update(_ascii_members(re.compile(alternative, guard.flags)))
                elif _plain(alternative[1:], guard.flags) and alternative.startswith("^"):
                    start = alternative[1:]
                    self.line_edges.append((start, re.compile(re.escape("\n" + start)), True))
                elif _plain(alternative[:-1], guard.flags) and alternative.endswith("$"):
                    end = alternative[:-1]
                    self.line_edges.append((end, re.compile(re.escape(end + "\n")), False))
                elif any(mark in alternative for mark in _LINE_BOUND):
                    self.line_by_line.append(re.compile(alternative, guard.flags))
                else:
                    self.scans.append(re.compile(alternative, guard.flags | re.MULTILINE))
        # The one class of single ASCII characters: a batch holding none of them, as most
        # do, is told by deleting them from its UTF-8 bytes (much quicker than a search).
        self.members = "".join(sorted(ascii_class)).encode("ascii")
        if ascii_class:
            members = "".join(f"\\x{ord(c):02x}" for c in sorted(ascii_class))
            self.scans.insert(0, re.compile(f"[{members}]"))

    def candidates(
        self, lines: list[str], scan_text: Callable[[], str], utf8: bytes | None = None
    ) -> list[int]:
        """Indexes of the lines that may need work; ``scan_text()`` is ``"\\n".join(lines)``.

        ``utf8``, where given, is the batch as UTF-8 bytes (an ASCII character is one
        byte there, and no byte of another character is ASCII).
        """
        flagged = {index for index, line in enumerate(lines) if not line.isascii()}
        if self.scans or self.line_edges:
            text = scan_text()
            starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
            scans = self.scans
            if (
                self.members
                and utf8 is not None
                and len(utf8.translate(None, self.members)) == len(utf8)
            ):
                scans = scans[1:]  # (no character of the class in the batch)
            for pattern in scans:
                _flag_matches(pattern, text, starts, flagged)
            for plain, pattern, at_start in self.line_edges:
                # (The first line has no line feed before it, the last none after it.)
                if text.startswith(plain) if at_start else text.endswith(plain):
                    flagged.add(0 if at_start else len(lines) - 1)
                _flag_matches(pattern, text, starts, flagged, skip=int(at_start))
        for pattern in self.line_by_line:
            flagged.update(
                i for i, line in enumerate(lines) if i not in flagged and pattern.search(line)
            )
        return sorted(flagged)


def _plain(text: str, flags: int) -> bool:
    """Whether ``text`` is a non-empty string of ASCII that matches only itself."""
    return (
        bool(text)
        and text.isascii()
        and "\n" not in text
        and not flags & (re.IGNORECASE | re.VERBOSE)
        and re.escape(text) == text.replace(" ", "\\ ")  # (only spaces are escaped)
    )


def _flag_matches(
    pattern: re.Pattern[str], text: str, starts: list[int], flagged: set[int], skip: int = 0
) -> None:
    """Add the lines where ``pattern`` matches in ``text``; one search per matching line.

    The first ``skip`` characters of a match (a line feed before a line's start) do not
    count.
    """
    position, last_line = 0, len(starts) - 2
    while (match := pattern.search(text, position)) is not None:
        first = bisect.bisect_right(starts, match.start() + skip) - 1
        last = bisect.bisect_right(starts, max(match.end() - 1, match.start())) - 1
        flagged.update(range(first, min(last, last_line) + 1))
        if last >= last_line:
            return
        position = starts[last + 1] - skip


# --- one batch -----------------------------------------------------------------------------


class Task(NamedTuple):
    """A batch to normalise, with what it takes to decode it and name it in errors."""

    batch: RawBatch
    encoding: str
    name: str
    utf8: bool  # ``encoding`` is UTF-8: an unchanged batch needs no re-encoding


class Detail(NamedTuple):
    """What a result carries beyond the output and the changed line numbers."""

    explain: bool = False  # every step of every changed line (--explain)
    count_fixers: bool = False  # how many lines each fixer changed (--stats)
    samples: int = 0  # fixers of the first N changed lines (--check)


NO_DETAIL = Detail()


_ENDING_SPLIT_RE = re.compile(f"({LINE_ENDING_RE.pattern})")


class BatchLines:
    """The lines of a decoded batch, changeable in place and joined back with their endings."""

    def __init__(self, text: str, previous_ending: str) -> None:
        self.previous_ending = previous_ending
        self.text = text
        self.lf_only = "\r" not in text
        if self.lf_only:
            self.parts = text.split("\n")
            self.lines = self.parts
        else:
            self.parts = _ENDING_SPLIT_RE.split(text)  # line, ending, line, …, line
            self.lines = self.parts[::2]
        # A batch that ends with a line ending leaves an empty last piece: not a line.
        self.count = len(self.lines) - (self.lines[-1] == "")

    def scan_text(self) -> str:
        """The lines joined by ``\n`` (before any is replaced)."""
        return self.text if self.lf_only else "\n".join(self.lines)

    def ending(self, index: int) -> str:
        if index < 0:
            return self.previous_ending
        if index >= len(self.lines) - 1:
            return ""
        return "\n" if self.lf_only else self.parts[2 * index + 1]

    def replace(self, index: int, line: str) -> None:
        self.lines[index] = line
        if not self.lf_only:
            self.parts[2 * index] = line

    def join(self) -> str:
        return "\n".join(self.parts) if self.lf_only else "".join(self.parts)


class BatchWork:
    """Normalises batches with one normaliser: what runs in each worker (or inline)."""

    def __init__(self, normalizer: Normalizer, detail: Detail = NO_DETAIL) -> None:
        self.pipeline = normalizer.pipeline
        self.screen = LineScreen(self.pipeline)
        self.detail = detail

    def __call__(self, task: Task) -> BatchResult:
        batch = task.batch
        lines = BatchLines(decode_batch(batch, task.encoding, task.name), batch.previous_ending)
        result = BatchResult(lines.count, [], None)
        fix_line = self.pipeline.fix_line
        utf8 = batch.data if task.utf8 else None
        for index in self.screen.candidates(lines.lines, lines.scan_text, utf8):
            if index >= lines.count:
                break
            line = lines.lines[index]
            fixed = fix_line(line)
            if fixed == line:
                continue
            fixed = keep_apart(lines.ending(index - 1), line, fixed, lines.ending(index))
            if fixed == line:
                continue
            number = batch.first_line + index
            result.changed.append(number)
            self._describe(line, number, result)
            lines.replace(index, fixed)
        if result.changed or not task.utf8:
            output = lines.join().encode("utf-8", "surrogatepass")
            result.output = None if output == batch.data else output
        return result

    def _describe(self, line: str, number: int, result: BatchResult) -> None:
        detail = self.detail
        sample = len(result.samples) < detail.samples
        if not (detail.explain or detail.count_fixers or sample):
            return
        steps: list[Step] = self.pipeline.explain_line(line, number)
        if detail.explain:
            result.steps.extend(steps)
        if detail.count_fixers:
            for name in dict.fromkeys(step.fixer for step in steps):
                result.fixer_lines[name] = result.fixer_lines.get(name, 0) + 1
        if sample:
            result.samples.append((number, tuple(step.fixer for step in steps)))


# --- executors -----------------------------------------------------------------------------

Outcome = BatchResult | InputError


class Executor(Protocol):
    """Runs the tasks among ``items`` and yields every item with its outcome, in order."""

    def results(self, items: Iterable[Any]) -> Iterator[tuple[Any, Outcome | None]]: ...

    def close(self) -> None:
        """Wait for the work in flight and stop."""
        ...

    def terminate(self) -> None:
        """Stop at once (an error or Ctrl-C in the parent)."""
        ...


def _task_of(item: Any) -> Task | None:
    task = getattr(item, "task", None)
    return task if isinstance(task, Task) else None


def _run(work: BatchWork, task: Task) -> Outcome:
    try:
        return work(task)
    except InputError as error:
        return error


class SerialExecutor:
    """Runs every task in this process, as it comes."""

    def __init__(self, normalizer: Normalizer, detail: Detail) -> None:
        self.work = BatchWork(normalizer, detail)

    def results(self, items: Iterable[Any]) -> Iterator[tuple[Any, Outcome | None]]:
        for item in items:
            task = _task_of(item)
            yield item, None if task is None else _run(self.work, task)

    def close(self) -> None:
        pass

    def terminate(self) -> None:
        pass


_WORKER: BatchWork | None = None


def _start_worker(normalizer: Normalizer, detail: Detail) -> None:
    """Pool initializer: one normaliser per worker; Ctrl-C is the parent's to handle."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = BatchWork(normalizer, detail)


def _work_in_worker(task: Task) -> BatchResult:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER(task)


def start_method() -> str:
    """``fork`` where the platform has it (workers start at once), else ``spawn``."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


class PoolExecutor:
    """Runs tasks in ``jobs`` worker processes, a bounded number in flight, results in order.

    The pool starts with the second task: a single small input is done in this process.
    """

    def __init__(
        self, jobs: int, normalizer: Normalizer, detail: Detail, method: str | None = None
    ) -> None:
        self.jobs = jobs
        self.normalizer = normalizer
        self.detail = detail
        self.method = method or start_method()
        self.window = 2 * jobs + 2
        self.pool: Pool | None = None
        self._inline: BatchWork | None = None

    def _start(self) -> Pool:
        context = multiprocessing.get_context(self.method)
        self.pool = context.Pool(
            self.jobs, initializer=_start_worker, initargs=(self.normalizer, self.detail)
        )
        return self.pool

    def results(self, items: Iterable[Any]) -> Iterator[tuple[Any, Outcome | None]]:
        pending: deque[list[Any]] = deque()  # [item, task, AsyncResult or None]
        tasks = 0
        for item in items:
            task = _task_of(item)
            handle = None
            if task is not None:
                tasks += 1
                if self.pool is None and tasks == 2:
                    self._submit_waiting(pending)
                if self.pool is not None:
                    handle = self.pool.apply_async(_work_in_worker, (task,))
            pending.append([item, task, handle])
            while pending and (len(pending) > self.window or self._done(pending[0])):
                yield self._resolve(pending.popleft())
        while pending:
            yield self._resolve(pending.popleft())

    def _submit_waiting(self, pending: deque[list[Any]]) -> None:
        pool = self._start()
        for entry in pending:
            if entry[1] is not None and entry[2] is None:
                entry[2] = pool.apply_async(_work_in_worker, (entry[1],))

    @staticmethod
    def _done(entry: list[Any]) -> bool:
        _item, task, handle = entry
        return task is None or (handle is not None and handle.ready())

    def _resolve(self, entry: list[Any]) -> tuple[Any, Outcome | None]:
        item, task, handle = entry
        if task is None:
            return item, None
        if handle is None:  # the pool never started: one task only
            if self._inline is None:
                self._inline = BatchWork(self.normalizer, self.detail)
            return item, _run(self._inline, task)
        assert isinstance(handle, AsyncResult)
        try:
            return item, handle.get()
        except InputError as error:
            return item, error

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            self.pool = None

    def terminate(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None


def make_executor(
    jobs: int, normalizer: Normalizer, detail: Detail
) -> SerialExecutor | PoolExecutor:
    """An executor for ``--jobs``: 1 is this process, 0 one worker per core."""
    if jobs == 0:
        jobs = os.cpu_count() or 1
    if jobs <= 1:
        return SerialExecutor(normalizer, detail)
    return PoolExecutor(jobs, normalizer, detail)


# --- a run over many inputs --------------------------------------------------------------


@dataclass
class Job:
    """One input: a path, or ``-`` for stdin."""

    path: str
    failed: bool = False

    @property
    def name(self) -> str:
        return "<stdin>" if self.path == "-" else self.path


class Event(NamedTuple):
    """What the reader says about a job: a batch, a failure, or the end of it."""

    job: Job
    task: Task | None = None
    error: Exception | None = None
    end: bool = False


@dataclass
class RunStats:
    """Counts for ``--stats``; :meth:`as_dict` is the machine-readable form."""

    files: int = 0
    lines: int = 0
    changed: int = 0
    bytes: int = 0
    seconds: float = 0.0
    fixers: Counter[str] = field(default_factory=Counter)

    def add(self, batch: RawBatch, result: BatchResult) -> None:
        self.lines += result.lines
        self.changed += len(result.changed)
        self.bytes += len(batch.data)
        self.fixers.update(result.fixer_lines)

    @property
    def bytes_per_second(self) -> float:
        return self.bytes / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "lines_read": self.lines,
            "lines_changed": self.changed,
            "bytes_read": self.bytes,
            "seconds": round(self.seconds, 6),
            "bytes_per_second": round(self.bytes_per_second),
            "fixers": dict(self.fixers.most_common()),
        }


class RunReporter(Protocol):
    """What the command line is told during a run."""

    def error(self, job: Job, error: Exception) -> None: ...

    def explain(self, job: Job, steps: list[Step]) -> None: ...

    def progress(self, size: int) -> None: ...


@dataclass
class RunSettings:
    """How to read the inputs of one run."""

    encoding: str = "utf-8"
    validate_first: bool = False  # decode a whole file before any of it is written


def _open(path: str) -> contextlib.AbstractContextManager[BinaryIO]:
    if path == "-":
        return contextlib.nullcontext(sys.stdin.buffer)
    return open(path, "rb")


def _encoding_of(job: Job, encoding: str) -> str:
    if job.path == "-" and encoding == "auto":
        return "utf-8"  # stdin cannot be sniffed and read again
    return resolve_encoding(job.path, encoding)


def read_jobs(jobs: Iterable[Job], settings: RunSettings) -> Iterator[Event]:
    """Each job's batches as tasks, then its end; or its failure (it is not read further)."""
    for job in jobs:
        try:
            encoding = _encoding_of(job, settings.encoding)
            if settings.validate_first and job.path != "-":
                validate(job.path, encoding)
            utf8 = is_utf8(encoding)
            with _open(job.path) as stream:
                for batch in iter_batches(stream):
                    if job.failed:
                        break
                    yield Event(job, Task(batch, encoding, job.name, utf8))
        except (InputError, OSError) as error:
            yield Event(job, error=error)
            continue
        yield Event(job, end=True)


@dataclass
class RunResult:
    """How a run went: for the exit status and ``--stats``."""

    changed: bool = False  # some input was (or would be) changed
    failed: bool = False  # some input could not be processed (a binary file is no failure)
    stats: RunStats = field(default_factory=RunStats)


def run_jobs(
    jobs: list[Job],
    settings: RunSettings,
    executor: Executor,
    make_sink: Callable[[Job], Sink],
    reporter: RunReporter,
) -> RunResult:
    """Process ``jobs`` in order, each through its sink.

    A job that fails (bad bytes, binary, I/O) is reported and its sink aborted: a file
    being rewritten stays as it was; the other jobs go on.
    """
    run = RunResult()
    stats = run.stats
    start = time.perf_counter()
    sinks: dict[int, Sink] = {}
    for event, outcome in executor.results(read_jobs(jobs, settings)):
        job = event.job
        if job.failed:
            continue
        sink = sinks.get(id(job))
        error = event.error if event.error is not None else outcome
        try:
            if sink is None:
                sink = sinks[id(job)] = make_sink(job)
            if isinstance(error, Exception):
                raise error
            if event.end:
                del sinks[id(job)]
                stats.files += 1
                run.changed = sink.finish() or run.changed
                continue
            assert event.task is not None and isinstance(outcome, BatchResult)
            if outcome.steps:
                reporter.explain(job, outcome.steps)
            sink.feed(event.task.batch, outcome)
            stats.add(event.task.batch, outcome)
            reporter.progress(len(event.task.batch.data))
        except BrokenPipeError:
            raise
        except (InputError, OSError) as problem:
            job.failed = True
            run.failed = run.failed or not isinstance(problem, BinaryFileError)
            if sink is not None:
                sink.abort()
            sinks.pop(id(job), None)
            reporter.error(job, problem)
    stats.seconds = time.perf_counter() - start
    return run
