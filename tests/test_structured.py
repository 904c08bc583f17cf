"""JSON Lines fields and CSV/TSV columns: only the named ones change."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import run_normtext

from normtext import Normalizer
from normtext.files import InputError
from normtext.repair.simulate import garble
from normtext.structured import delimiter_for, transform_csv, transform_jsonl

NORMALISE = Normalizer()
BROKEN_TITLE = garble("“Café” — 𝗕𝗿𝗲𝗮𝗸𝗶𝗻𝗴 news", "cp1252")

RECORDS = [
    {
        "id": 1,
        "title": BROKEN_TITLE,
        "meta": {"title": "Ｆｕｌｌ &amp; ｗｉｄｅ", "lang": "fr"},
        "url": "https://example.org/caf%C3%A9?q=“x”",
        "score": 1.5,
        "tags": ["“a”", None],
    },
    {"id": 2, "title": "already clean", "meta": {"title": None}, "note": "ÃŸ untouched"},
    {"title": 42, "meta": "not an object", "ünïcode": "Ãœ stays"},
]


def _jsonl(records: list[dict[str, object]], ending: str = "\n") -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + ending for r in records).encode()


def _run_jsonl(data: bytes, **options: object) -> tuple[bytes, object]:
    sink = io.BytesIO()
    report = transform_jsonl(io.BytesIO(data), sink, "dump.jsonl", NORMALISE, **options)  # type: ignore[arg-type]
    return sink.getvalue(), report


def test_jsonl_only_named_fields_change() -> None:
    data = _jsonl(RECORDS)
    output, report = _run_jsonl(data, fields=["title", "meta.title"])
    before = [json.loads(line) for line in data.decode().splitlines()]
    after = [json.loads(line) for line in output.decode().splitlines()]
    assert after[0]["title"] == '"Café" - Breaking news'
    assert after[0]["meta"]["title"] == "Full & wide"
    for old, new in zip(before, after, strict=True):
        assert list(old) == list(new)  # key order kept
        for key in old:
            if key not in ("title", "meta"):
                assert old[key] == new[key]
    assert after[0]["meta"]["lang"] == "fr"
    assert after[1] == before[1] and after[2] == before[2]
    assert report.changed == [1]  # type: ignore[attr-defined]
    # Unchanged records keep their bytes; non-ASCII is written as itself.
    assert output.splitlines()[1:] == data.splitlines()[1:]
    assert "Café".encode() in output.splitlines()[0]


def test_jsonl_line_endings_kept() -> None:
    data = _jsonl(RECORDS, "\r\n") + b'{"title": "no final newline \xc3\x83\xc2\xa9"}'
    output, _ = _run_jsonl(data, fields=["title"])
    assert output.count(b"\r\n") == 3
    assert output.endswith(b'"no final newline \xc3\xa9"}')


def test_jsonl_malformed_line_is_an_error_naming_it() -> None:
    data = _jsonl(RECORDS[:1]) + b'{"title": "broken\n' + _jsonl(RECORDS[1:2])
    with pytest.raises(InputError, match=r"dump\.jsonl: line 2"):
        _run_jsonl(data, fields=["title"])


def test_jsonl_malformed_line_kept_on_request() -> None:
    bad = b'{"title": "broken \xc3\x83\xc2\xa9\n'
    data = _jsonl(RECORDS[:1]) + bad + b"[1, 2]\n"
    output, report = _run_jsonl(data, fields=["title"], keep_invalid=True)
    lines = output.splitlines(keepends=True)
    assert lines[1] == bad and lines[2] == b"[1, 2]\n"
    assert report.kept_invalid == [2, 3]  # type: ignore[attr-defined]


def test_jsonl_reports_each_change() -> None:
    changes: list[tuple[int, str, str, str]] = []
    _run_jsonl(
        _jsonl(RECORDS), fields=["title", "meta.title"], on_change=lambda *c: changes.append(c)
    )
    assert [(n, f) for n, f, _, _ in changes] == [(1, "title"), (1, "meta.title")]
    assert changes[0][2] == BROKEN_TITLE


CSV_TEXT = (
    "id,title,url\r\n"
    f'1,"{BROKEN_TITLE.replace(chr(34), chr(34) * 2)}, with a comma","https://x/?a=1,b=2"\r\n'
    '2,"two\r\nlines ÃŸ keep? no: CafÃ©",plain\r\n'
    '3,clean title,"quoted, untouched Ã©"\r\n'
)


def _run_csv(text: str, name: str = "table.csv", **options: object) -> bytes:
    sink = io.BytesIO()
    transform_csv(io.BytesIO(text.encode()), sink, name, NORMALISE, **options)  # type: ignore[arg-type]
    return sink.getvalue()


def test_csv_only_named_column_changes() -> None:
    output = _run_csv(CSV_TEXT, columns=["title"]).decode()
    before = list(csv.reader(io.StringIO(CSV_TEXT, newline="")))
    after = list(csv.reader(io.StringIO(output, newline="")))
    assert len(before) == len(after) == 4
    for old, new in zip(before, after, strict=True):
        assert old[0] == new[0] and old[2] == new[2]  # other cells identical
    assert after[1][1] == '"Café" - Breaking news, with a comma'
    assert after[2][1] == "two\r\nlines ß keep? no: Café"
    # The header and the unchanged row keep their bytes, CRLF endings everywhere.
    assert output.startswith("id,title,url\r\n")
    assert output.endswith('3,clean title,"quoted, untouched Ã©"\r\n')
    assert output.count("\r\n") == CSV_TEXT.count("\r\n")


def test_tsv_by_extension() -> None:
    text = "id\ttitle\n1\tCafÃ© &amp; co\n"
    assert _run_csv(text, "t.tsv", columns=["title"]) == "id\ttitle\n1\tCafé & co\n".encode()
    assert delimiter_for("t.tsv", None) == "\t" and delimiter_for("t.csv", "\\t") == "\t"


def test_csv_missing_column_is_an_error_naming_it() -> None:
    with pytest.raises(InputError, match="'headline'"):
        _run_csv(CSV_TEXT, columns=["headline"])


# --- through the command line ----------------------------------------------------------------


def test_cli_jsonl_fields_in_place_and_check(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    data = _jsonl(RECORDS)
    path.write_bytes(data)
    check = run_normtext("--jsonl-field", "title", "--jsonl-field", "meta.title", "--check", path)
    assert check.returncode == 1
    assert b"dump.jsonl: would change 1 line(s)" in check.stdout
    assert b"line 1: title, meta.title" in check.stdout
    assert path.read_bytes() == data
    fixed = run_normtext("--jsonl-field", "title", "--jsonl-field", "meta.title", "-i", path)
    assert fixed.returncode == 1 and b"Fixing" in fixed.stdout
    after = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert after[0]["title"] == '"Café" - Breaking news'
    again = run_normtext("--jsonl-field", "title", "--jsonl-field", "meta.title", "-i", path)
    assert again.returncode == 0


def test_cli_malformed_jsonl_line(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    data = _jsonl(RECORDS[:1]) + b"{oops\n"
    path.write_bytes(data)
    failed = run_normtext("--jsonl-field", "title", "-i", path)
    assert failed.returncode == 2
    assert b"dump.jsonl: line 2" in failed.stderr
    assert path.read_bytes() == data  # the file is not rewritten
    kept = run_normtext("--jsonl-field", "title", "--on-error", "keep", path)
    assert kept.returncode == 0
    assert kept.stdout.splitlines(keepends=True)[1] == b"{oops\n"


def test_cli_explain_json_parses_and_names_fixers(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_bytes(_jsonl(RECORDS))
    run = run_normtext("--jsonl-field", "title", "--explain", "--explain-format", "json", path)
    records = [json.loads(line) for line in run.stderr.decode().splitlines()]
    assert records and records[0]["field"] == "title" and records[0]["line"] == 1
    assert "mojibake" in records[0]["fixers"] and records[0]["before"] == BROKEN_TITLE
    plain = run_normtext(
        "--explain", "--explain-format", "json", stdin="x &amp; 𝐁𝐨𝐥𝐝\nclean\n".encode()
    )
    lines = [json.loads(line) for line in plain.stderr.decode().splitlines()]
    assert lines == [
        {
            "file": "<stdin>",
            "line": 1,
            "fixers": ["html_entities", "stylised"],
            "before": "x &amp; 𝐁𝐨𝐥𝐝",
            "after": "x & Bold",
        }
    ]


def test_cli_stats_json(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text(CSV_TEXT, "utf-8", newline="")
    run = run_normtext("--csv-column", "title", "--stats", "--stats-format", "json", path)
    stats = json.loads(run.stderr.decode().strip().splitlines()[-1])
    assert stats["files"] == 1 and stats["lines_changed"] == 2
    plain = run_normtext("--stats", "--stats-format", "json", stdin=b"a &amp; b\nc\n")
    totals = json.loads(plain.stderr.decode())
    assert totals["lines_read"] == 2 and totals["lines_changed"] == 1
    assert totals["fixers"] == {"html_entities": 1}


def test_cli_csv_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text(CSV_TEXT, "utf-8", newline="")
    run = run_normtext("--csv-column", "headline", "-i", path)
    assert run.returncode == 2 and b"'headline'" in run.stderr
    assert path.read_bytes() == CSV_TEXT.encode()
