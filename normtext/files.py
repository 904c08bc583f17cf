"""Reading and writing text files for the command line: streaming, strict, atomic.

The pipeline works on strings; this module turns bytes into lines and back without
losing any: line endings (LF, CRLF, CR) and the final newline or its absence are kept,
invalid input is an error that names the file, line and byte, and a file is only ever
replaced whole (temporary file in the same folder, fsync, rename).
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

CHUNK_SIZE = 1 << 16
SNIFF_SIZE = 1 << 16


class InputError(Exception):
    """Input that cannot be processed; the message names the file and the place."""


class BinaryFileError(InputError):
    """A file with a NUL byte: binary, skipped."""


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


def validate(path: str, encoding: str = "utf-8") -> None:
    """Read the whole file once and raise :class:`InputError` if it cannot be decoded."""
    with open(path, "rb") as stream:
        for _ in iter_text_lines(stream, path, encoding):
            pass


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
    """Normalise ``source`` line by line into ``sink`` (UTF-8); ``None`` writes nothing."""
    report = FileReport(name)
    for report.lines, (line, ending) in enumerate(iter_text_lines(source, name, encoding), 1):
        fixed = fix_line(line)
        if fixed != line:
            report.changed.append(report.lines)
            if on_change is not None:
                on_change(report.lines, line, fixed)
        if sink is not None:
            sink.write(fixed.encode("utf-8", "surrogatepass") + ending.encode("ascii"))
    return report


@contextlib.contextmanager
def atomic_writer(path: str) -> Iterator[BinaryIO]:
    """Write ``path`` through a temporary file in its folder, replaced only on success.

    The temporary file is flushed and fsynced before ``os.replace``; the file's mode is
    kept; a symlink is followed, so its target is what gets replaced. On any exception the
    temporary file is removed and ``path`` is untouched.
    """
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    handle, temporary = tempfile.mkstemp(
        prefix=f".{os.path.basename(target)}.", suffix=".normtext-tmp", dir=folder
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
