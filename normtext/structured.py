"""Normalising chosen fields of JSON Lines records and chosen columns of CSV/TSV tables.

Scraped headlines sit next to URLs, ids and dates that must not change. Only the named
fields (JSON Lines) or columns (CSV/TSV) are normalised; everything else keeps its value,
and a record none of whose chosen fields changes is written back byte for byte. Like the
rest of the package these functions stream: one record at a time.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from normtext.files import FileReport, InputError, iter_text_lines

# (record number, field or column, before, after) for each value that changes.
ChangeCallback = Callable[[int, str, str, str], None]
TextFunction = Callable[[str], str]


@dataclass
class StructuredReport(FileReport):
    """A file report that also counts the records passed through unparsed."""

    kept_invalid: list[int] = field(default_factory=list)


def _field_path(name: str) -> list[str]:
    return name.split(".")


def _normalise_field(
    record: dict[str, Any], path: list[str], normalise: TextFunction
) -> tuple[str, str] | None:
    """Normalise the string at ``path`` in place; ``(before, after)`` if it changed."""
    holder: Any = record
    for key in path[:-1]:
        holder = holder.get(key) if isinstance(holder, dict) else None
    if not isinstance(holder, dict):
        return None
    value = holder.get(path[-1])
    if not isinstance(value, str):
        return None
    fixed = normalise(value)
    if fixed == value:
        return None
    holder[path[-1]] = fixed
    return value, fixed


def transform_jsonl(
    source: BinaryIO,
    sink: BinaryIO | None,
    name: str,
    normalise: TextFunction,
    fields: Sequence[str],
    *,
    keep_invalid: bool = False,
    on_change: ChangeCallback | None = None,
) -> StructuredReport:
    """Normalise the string ``fields`` (dotted paths) of each JSON Lines record.

    A changed record is written as compact JSON with non-ASCII characters as themselves and
    its keys in their order; an unchanged one keeps its bytes. A line that is not a JSON
    object is an error naming the line, unless ``keep_invalid`` passes it through as it is.
    Blank lines pass through.
    """
    report = StructuredReport(name)
    paths = [(dotted, _field_path(dotted)) for dotted in fields]
    for number, (line, ending) in enumerate(iter_text_lines(source, name), 1):
        report.lines = number
        output = line
        if line.strip():
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
            except ValueError as error:
                if not keep_invalid:
                    message = f"{name}: line {number}: not a JSON object ({error})"
                    raise InputError(message) from None
                report.kept_invalid.append(number)
            else:
                changes = [
                    (dotted, change)
                    for dotted, path in paths
                    if (change := _normalise_field(record, path, normalise))
                ]
                if changes:
                    report.changed.append(number)
                    output = json.dumps(record, ensure_ascii=False, separators=(", ", ": "))
                    for dotted, (before, after) in changes:
                        if on_change is not None:
                            on_change(number, dotted, before, after)
        if sink is not None:
            sink.write(output.encode("utf-8") + ending.encode("ascii"))
    return report


def delimiter_for(name: str, delimiter: str | None) -> str:
    """The delimiter given, or the one the file's extension implies (TSV: tab)."""
    if delimiter:
        return "\t" if delimiter in ("\\t", "tab") else delimiter
    return "\t" if name.lower().endswith((".tsv", ".tab")) else ","


class _RecordingLines:
    """Feeds lines to ``csv.reader`` and remembers the raw text of each record."""

    def __init__(self, lines: Iterator[tuple[str, str]]) -> None:
        self._lines = lines
        self.consumed: list[str] = []

    def __iter__(self) -> Iterator[str]:
        for line, ending in self._lines:
            self.consumed.append(line + ending)
            yield line + ending

    def take(self) -> str:
        raw, self.consumed = "".join(self.consumed), []
        return raw


def _ending_of(raw: str) -> str:
    for ending in ("\r\n", "\n", "\r"):
        if raw.endswith(ending):
            return ending
    return ""


def _write_row(row: list[str], delimiter: str, ending: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=ending).writerow(row)
    return buffer.getvalue()


def transform_csv(
    source: BinaryIO,
    sink: BinaryIO | None,
    name: str,
    normalise: TextFunction,
    columns: Sequence[str],
    *,
    delimiter: str | None = None,
    on_change: ChangeCallback | None = None,
) -> FileReport:
    """Normalise the named ``columns`` (by header) of a CSV or TSV table.

    The header and every row whose chosen cells do not change keep their bytes (quoting,
    delimiter and line endings included); a changed row is written with the same delimiter
    and line ending, quoting only where needed. A cell may span lines inside quotes.
    A column that the header does not have is an error naming it.
    """
    separator = delimiter_for(name, delimiter)
    report = FileReport(name)
    lines = _RecordingLines(iter_text_lines(source, name))
    reader = csv.reader(lines, delimiter=separator)
    indexes: list[tuple[str, int]] = []
    for number, row in enumerate(reader, 1):
        raw = lines.take()
        report.lines = number
        output = raw
        if number == 1:
            missing = [c for c in columns if c not in row]
            if missing:
                raise InputError(
                    f"{name}: no column named {', '.join(map(repr, missing))} "
                    f"(the header has {', '.join(map(repr, row))})"
                )
            indexes = [(column, row.index(column)) for column in columns]
        else:
            changed = False
            for column, index in indexes:
                if index < len(row):
                    fixed = normalise(row[index])
                    if fixed != row[index]:
                        if on_change is not None:
                            on_change(number, column, row[index], fixed)
                        row[index], changed = fixed, True
            if changed:
                report.changed.append(number)
                output = _write_row(row, separator, _ending_of(raw))
        if sink is not None:
            sink.write(output.encode("utf-8"))
    return report
