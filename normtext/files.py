"""Reading and writing text files for the command line: streaming, strict, atomic.

The pipeline works on strings; this module turns bytes into lines and back without
losing any: line endings (LF, CRLF, CR) and the final newline or its absence are kept,
invalid input is an error that names the file, line and byte, and a file is only ever
replaced whole (temporary file in the same folder, fsync, rename).

Input is read in *batches* of whole lines (about :data:`BATCH_SIZE` bytes each), so memory
stays flat whatever the size of a file; a batch is what :mod:`normtext.parallel` hands to
the pipeline, in this process or in a worker. The sinks at the end of this module take the
batches back, in order, and write them: to a stream, into a file rewritten in place, or
nowhere (``--check``).
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, NamedTuple, Protocol

from normtext.pipeline import Step, keep_apart, split_lines

CHUNK_SIZE = 1 << 16
SNIFF_SIZE = 1 << 16
# About this many bytes of whole lines make a batch: large enough that per-batch costs
# vanish, small enough that two workers share a 20 MB file evenly and memory stays flat.
BATCH_SIZE = 1 << 19
COPY_SIZE = 1 << 20
# Temporary files of atomic writes: ".NAME.normtext-PID-RANDOM.tmp" beside the target.
TEMPORARY_SUFFIX = ".tmp"
TEMPORARY_RE = re.compile(r"^\..+\.normtext-(?P<pid>\d+)-[^.]+\.tmp$")
PROCESS_START = time.time()


class InputError(Exception):
    """Input that cannot be processed; the message names the file and the place."""


class BinaryFileError(InputError):
    """A file with a NUL byte: binary, skipped."""


# --- lines -----------------------------------------------------------------------------


def iter_raw_lines(stream: BinaryIO, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """Yield the lines of ``stream`` as bytes, each with its ending (LF, CRLF or CR).

    Reads in chunks, so memory stays flat whatever the file size (one very long line is
    the only thing held whole).
    """
    pending = b""
    while True:
        chunk = stream.read(chunk_size)
        if not chunk:
            break
        data = pending + chunk
        start = 0
        length = len(data)
        while True:
            lf = data.find(b"\n", start)
            cr = data.find(b"\r", start, lf if lf >= 0 else length)
            if cr >= 0:
                if cr + 1 == length:
                    break  # a CR at the end of the chunk may be the start of CRLF
                end = cr + 2 if data[cr + 1] == 0x0A else cr + 1
            elif lf >= 0:
                end = lf + 1
            else:
                break
            yield data[start:end]
            start = end
        pending = data[start:]
    if pending:
        yield pending


def split_ending(raw: bytes) -> tuple[bytes, bytes]:
    """``(content, ending)`` of one raw line."""
    if raw.endswith(b"\r\n"):
        return raw[:-2], b"\r\n"
    if raw.endswith((b"\n", b"\r")):
        return raw[:-1], raw[-1:]
    return raw, b""


@dataclass
class Location:
    """Where the reader is: for error messages."""

    name: str
    line: int = 0
    offset: int = 0


def decode_line(content: bytes, encoding: str, where: Location) -> str:
    """Decode one line's content, or raise :class:`InputError` naming the place."""
    if b"\x00" in content:
        raise BinaryFileError(f"{where.name}: binary file (NUL byte at line {where.line}), skipped")
    try:
        return content.decode(encoding)
    except UnicodeDecodeError as error:
        bad = content[error.start]
        raise InputError(
            f"{where.name}: line {where.line}, byte {error.start + 1} "
            f"(file offset {where.offset + error.start}): invalid {encoding} byte 0x{bad:02x}"
        ) from None


def iter_text_lines(
    stream: BinaryIO, name: str, encoding: str = "utf-8"
) -> Iterator[tuple[str, str]]:
    """Yield ``(line, ending)`` strings; raises :class:`InputError` at the first bad byte."""
    where = Location(name)
    for raw in iter_raw_lines(stream):
        where.line += 1
        content, ending = split_ending(raw)
        yield decode_line(content, encoding, where), ending.decode("ascii")
        where.offset += len(raw)


# --- batches ---------------------------------------------------------------------------


class RawBatch(NamedTuple):
    """Whole lines of one input, as read: the unit of work of the pipeline."""

    data: bytes
    first_line: int  # number of its first line in the input (from 1)
    offset: int  # byte offset of ``data`` in the input
    previous_ending: str  # ending of the line before it ("" at the start of the input)


def count_lines(data: bytes) -> int:
    """Lines in ``data``: endings (CRLF counted once) plus an unterminated last line."""
    endings = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    return endings + (not data.endswith((b"\n", b"\r")) and bool(data))


def ending_of(data: bytes) -> str:
    """The ending of the last line of ``data`` ("" when it has none)."""
    if data.endswith(b"\r\n"):
        return "\r\n"
    if data.endswith((b"\n", b"\r")):
        return chr(data[-1])
    return ""


def _last_line_end(buffer: bytearray, start: int = 0) -> int:
    """Length of the longest prefix of ``buffer`` that ends a line (0: none yet).

    Only ``buffer[start:]`` is searched (the caller knows there is no ending before it).
    A CR in the last byte may be the first half of a CRLF, so it does not count yet.
    """
    end = len(buffer) - 1 if buffer.endswith(b"\r") else len(buffer)
    return max(buffer.rfind(b"\n", start, end), buffer.rfind(b"\r", start, end)) + 1


def iter_batches(stream: BinaryIO, size: int = BATCH_SIZE) -> Iterator[RawBatch]:
    """Yield ``stream`` as batches of whole lines of about ``size`` bytes.

    A short read (a pipe, a terminal) ends a batch early at its last complete line, so
    ``tail -f log | normtext`` answers line by line; a line longer than ``size`` is held
    whole until its end.
    """
    read = getattr(stream, "read1", stream.read)
    buffer = bytearray()
    searched = 0  # no line ends before this index of ``buffer``
    first_line, offset, previous = 1, 0, ""
    while True:
        wanted = max(size - len(buffer), CHUNK_SIZE)
        chunk = read(wanted)
        if not chunk:
            if buffer:
                yield RawBatch(bytes(buffer), first_line, offset, previous)
            return
        buffer += chunk
        if len(buffer) < size and len(chunk) == wanted:
            continue
        cut = _last_line_end(buffer, searched)
        if cut == 0:
            searched = max(len(buffer) - 1, 0)
            continue
        data = bytes(buffer[:cut])
        del buffer[:cut]
        searched = 0
        yield RawBatch(data, first_line, offset, previous)
        first_line += count_lines(data)
        offset += cut
        previous = ending_of(data)


def decode_batch(batch: RawBatch, encoding: str, name: str) -> str:
    """The text of ``batch``; :class:`InputError` names the first bad line, byte and offset.

    The whole batch is decoded at once; only when that fails (or a NUL byte is there) are
    its lines decoded one by one, to report the place exactly as the line reader does.
    """
    data = batch.data
    if b"\x00" not in data:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    where = Location(name, batch.first_line - 1, batch.offset)
    for raw in iter_raw_lines(io.BytesIO(data)):
        where.line += 1
        decode_line(split_ending(raw)[0], encoding, where)
        where.offset += len(raw)
    # Only a stateful codec can fail on a batch whose every line decodes.
    raise InputError(f"{name}: cannot decode lines {batch.first_line}+ as {encoding}")


def validate(path: str, encoding: str = "utf-8") -> None:
    """Read the whole file once and raise :class:`InputError` if it cannot be decoded."""
    with open(path, "rb") as stream:
        for batch in iter_batches(stream):
            decode_batch(batch, encoding, path)


# --- encodings -------------------------------------------------------------------------


def resolve_encoding(path: str, encoding: str) -> str:
    """The codec to read ``path`` with: ``encoding`` itself, or a guess for ``auto``.

    ``auto`` keeps UTF-8 when the first 64 KiB decode as UTF-8, otherwise asks ftfy's
    ``guess_bytes`` (UTF-16 is refused: it is not a line-based byte encoding).
    """
    if encoding != "auto":
        _check_line_based(encoding)
        return encoding
    with open(path, "rb") as stream:
        sample = stream.read(SNIFF_SIZE)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from ftfy import guess_bytes

    _text, guessed = guess_bytes(sample)
    guessed = "cp1252" if guessed == "sloppy-windows-1252" else guessed
    _check_line_based(guessed)
    return guessed


def _check_line_based(encoding: str) -> None:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    if "\n".encode(info.name) != b"\n":
        raise InputError(f"encoding {encoding!r} is not line-based (UTF-16/32 are not supported)")


def is_utf8(encoding: str) -> bool:
    """True when ``encoding`` names plain UTF-8 (its bytes are already the output's)."""
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


# --- one stream, line by line (the library entry point) ------------------------------


@dataclass
class FileReport:
    """What happened to one input."""

    name: str
    lines: int = 0
    changed: list[int] = field(default_factory=list)

    @property
    def was_changed(self) -> bool:
        return bool(self.changed)


def transform_stream(
    source: BinaryIO,
    sink: BinaryIO | None,
    name: str,
    fix_line: Callable[[str], str],
    encoding: str = "utf-8",
    on_change: Callable[[int, str, str], None] | None = None,
) -> FileReport:
    """Normalise ``source`` line by line into ``sink`` (UTF-8); ``None`` writes nothing.

    The general form for any ``str -> str`` line function; the command line runs the
    batched, screened form in :mod:`normtext.parallel`, which writes the same bytes.
    """
    report = FileReport(name)
    for batch in iter_batches(source):
        pieces: list[str] = []
        previous = batch.previous_ending
        for line, ending in split_lines(decode_batch(batch, encoding, name)):
            report.lines += 1
            fixed = keep_apart(previous, line, fix_line(line), ending)
            if fixed != line:
                report.changed.append(report.lines)
                if on_change is not None:
                    on_change(report.lines, line, fixed)
            pieces.append(fixed)
            pieces.append(ending)
            previous = ending
        if sink is not None:
            sink.write("".join(pieces).encode("utf-8", "surrogatepass"))
    return report


# --- atomic writes ---------------------------------------------------------------------


def _process_is_alive(pid: int) -> bool:
    """Whether ``pid`` runs; on Windows, where ``os.kill`` would end it, always assumed."""
    if os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def remove_stale_temporaries(folder: str) -> list[str]:
    """Remove temporary files that a killed normtext left in ``folder``; return their names.

    A file is stale when its name is one :class:`AtomicFile` makes, the process id in the
    name is not running and it is older than this process: a run killed by SIGKILL (or a
    power cut) cannot clean up after itself, so the next run in the folder does.
    """
    removed = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            match = TEMPORARY_RE.match(entry.name)
            if match is None or _process_is_alive(int(match["pid"])):
                continue
            with contextlib.suppress(OSError):
                if entry.stat(follow_symlinks=False).st_mtime < PROCESS_START:
                    os.unlink(entry.path)
                    removed.append(entry.name)
    return removed


_CLEANED_FOLDERS: set[str] = set()


def clean_folder_once(path: str) -> None:
    """Remove stale temporary files beside ``path`` (the real file), once per folder a run."""
    folder = os.path.dirname(os.path.realpath(path)) or "."
    if folder not in _CLEANED_FOLDERS:
        _CLEANED_FOLDERS.add(folder)
        remove_stale_temporaries(folder)


def new_file_mode() -> int:
    """The mode ``open(path, "w")`` gives a new file: 0o666 less the umask.

    Read from ``/proc`` where it can be: ``os.umask`` can only be read by setting it, and
    worker threads may be creating files meanwhile.
    """
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


class AtomicFile:
    """A file written through a temporary file in its folder and replaced on :meth:`commit`.

    The temporary file (``.NAME.normtext-PID-RANDOM.tmp``) is flushed and fsynced before
    ``os.replace``; the target's mode is kept; a symlink is followed, so its target is what
    gets replaced and the link stays a link. :meth:`abort` (or an exception inside a
    ``with`` block) removes the temporary file and leaves the target untouched. Stale
    temporary files of killed runs in the folder are removed first (once per folder).
    """

    def __init__(self, path: str) -> None:
        self.target = os.path.realpath(path)
        folder = os.path.dirname(self.target) or "."
        clean_folder_once(self.target)
        try:
            self.mode: int | None = stat.S_IMODE(os.stat(self.target).st_mode)
        except FileNotFoundError:
            self.mode = None
        handle, self.temporary = tempfile.mkstemp(
            prefix=f".{os.path.basename(self.target)}.normtext-{os.getpid()}-",
            suffix=TEMPORARY_SUFFIX,
            dir=folder,
        )
        self.stream: BinaryIO = os.fdopen(handle, "wb")

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def commit(self) -> None:
        """Flush, fsync and move the temporary file over the target."""
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            # The temporary file is private (0600): give the target its old mode, or the
            # mode a new file gets (0666 less the umask), as a shell redirect would.
            os.chmod(self.temporary, self.mode if self.mode is not None else new_file_mode())
            os.replace(self.temporary, self.target)
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Drop the temporary file; the target stays as it was."""
        self.stream.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.temporary)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind: object, _value: object, _traceback: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.abort()


@contextlib.contextmanager
def atomic_writer(path: str) -> Iterator[BinaryIO]:
    """Write ``path`` through a temporary file in its folder, replaced only on success.

    The temporary file is flushed and fsynced before ``os.replace``; the file's mode is
    kept; a symlink is followed, so its target is what gets replaced. On any exception the
    temporary file is removed and ``path`` is untouched.
    """
    with AtomicFile(path) as atomic:
        yield atomic.stream


# --- where batches go -------------------------------------------------------------------


@dataclass
class BatchResult:
    """What the pipeline made of one :class:`RawBatch`."""

    lines: int
    changed: list[int]  # line numbers in the input
    output: bytes | None  # None: the same bytes as the input
    steps: list[Step] = field(default_factory=list)  # --explain: every step of every line
    fixer_lines: dict[str, int] = field(default_factory=dict)  # --stats: lines per fixer
    samples: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)  # --check


class Reporter(Protocol):
    """Where sinks report what they did (the command line prints it)."""

    def fixed(self, name: str) -> None: ...

    def would_change(
        self, name: str, count: int, samples: list[tuple[int, tuple[str, ...]]]
    ) -> None: ...

    def would_recode(self, name: str) -> None: ...


class Sink(Protocol):
    """Takes the batches of one input in order."""

    def feed(self, batch: RawBatch, result: BatchResult) -> None: ...

    def finish(self) -> bool:
        """Done: True when the input was (or would be) changed."""
        ...

    def abort(self) -> None: ...


class StreamSink:
    """Writes every batch to a stream (stdout or ``--output``)."""

    def __init__(self, stream: BinaryIO, flush: bool = False) -> None:
        self.stream = stream
        self.flush = flush  # after each batch: for pipes read as they are written

    def feed(self, batch: RawBatch, result: BatchResult) -> None:
        self.stream.write(batch.data if result.output is None else result.output)
        if self.flush:
            self.stream.flush()

    def finish(self) -> bool:
        self.stream.flush()
        return False

    def abort(self) -> None:
        self.stream.flush()


class CheckSink:
    """Writes nothing; counts the lines that would change (``--check``).

    A file read with ``--encoding`` whose text needs no fix would still be rewritten, as
    UTF-8, by ``--in-place``: that is a change too.
    """

    def __init__(self, name: str, reporter: Reporter, shown: int) -> None:
        self.name = name
        self.reporter = reporter
        self.shown = shown
        self.count = 0
        self.recoded = False
        self.samples: list[tuple[int, tuple[str, ...]]] = []

    def feed(self, batch: RawBatch, result: BatchResult) -> None:
        self.count += len(result.changed)
        self.recoded = self.recoded or result.output is not None
        self.samples.extend(result.samples[: self.shown - len(self.samples)])

    def finish(self) -> bool:
        if self.count:
            self.reporter.would_change(self.name, self.count, self.samples)
        elif self.recoded:
            self.reporter.would_recode(self.name)
        return bool(self.count) or self.recoded

    def abort(self) -> None:
        pass


class InPlaceSink:
    """Rewrites a file atomically, and only if its bytes change.

    Nothing is written while the batches come back unchanged; at the first batch that
    differs, a temporary file is opened, the unchanged bytes before it are copied from the
    original, and from then on every batch goes there. :meth:`finish` moves it into place.
    """

    def __init__(self, path: str, name: str, reporter: Reporter) -> None:
        self.path = path
        self.name = name
        self.reporter = reporter
        self.atomic: AtomicFile | None = None
        clean_folder_once(path)

    def feed(self, batch: RawBatch, result: BatchResult) -> None:
        if self.atomic is None:
            if result.output is None:
                return
            self.atomic = AtomicFile(self.path)
            self._copy_prefix(batch.offset)
        self.atomic.write(batch.data if result.output is None else result.output)

    def _copy_prefix(self, length: int) -> None:
        assert self.atomic is not None
        with open(self.path, "rb") as original:
            while length > 0:
                chunk = original.read(min(COPY_SIZE, length))
                if not chunk:
                    raise InputError(f"{self.name}: changed while being read")
                self.atomic.write(chunk)
                length -= len(chunk)

    def finish(self) -> bool:
        if self.atomic is None:
            return False
        self.atomic.commit()
        self.reporter.fixed(self.name)
        return True

    def abort(self) -> None:
        if self.atomic is not None:
            self.atomic.abort()
