"""normtext on Dask (``normtext.dask``, the ``normtext-dask`` command) on a local cluster.

A ``dask.distributed`` cluster of two worker processes on this machine normalises a folder
of files, a bag of lines and a DataFrame column; files must come out byte for byte as
``python -m normtext FILE`` writes them, columns as ``normtext.normalize`` returns them.
These tests skip when Dask is not installed (``pip install -e '.[test]'`` installs it);
the test that the core package works without Dask always runs.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import run_normtext

import normtext
from normtext.dask import (
    FileResult,
    main,
    normalize_bag,
    normalize_dataframe,
    normalize_file,
    normalize_files,
    plan_outputs,
)

try:
    import dask
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, LocalCluster

    MISSING = ""
except ImportError as error:  # pragma: no cover  (CI installs them with the test extra)
    MISSING = f"Dask is not installed ({error}): pip install -e '.[test]'"

needs_dask = pytest.mark.skipif(bool(MISSING), reason=MISSING or "-")


def thai_mojibake(text: str) -> str:
    """UTF-8 read as Windows-874, cp1252 filling its holes, bytes neither defines lost."""
    out = []
    for byte in text.encode("utf-8"):
        for codec in ("cp874", "cp1252"):
            try:
                out.append(bytes([byte]).decode(codec))
                break
            except UnicodeDecodeError:
                pass
    return "".join(out)


def cp1252_mojibake(text: str) -> str:
    return text.encode("utf-8").decode("cp1252")


# Inputs of the folder tests, by path below the input folder.
GOOD_FILES: dict[str, bytes] = {
    "thai_mojibake.txt": (
        thai_mojibake("𝗕𝗿𝗲𝗮𝗸𝗶𝗻𝗴: “Storm Ciarán” hits the coast")
        + "\n"
        + thai_mojibake("𝗗𝗶𝘀𝗰𝘂𝘀𝘀𝗶𝗼𝗻 — the minister’s memo")
        + "\n"
    ).encode(),
    "latin_crlf.txt": (
        cp1252_mojibake("Café déjà vu") + "\r\n" + cp1252_mojibake(cp1252_mojibake("naïve “x"))
    ).encode()
    + b"\r\n",
    "stylised_cr.txt": "𝘐𝘵𝘢𝘭𝘪𝘤 & 𝓢𝓬𝓻𝓲𝓹𝓽\rＦｕｌｌｗｉｄｔｈ ⓒⓘⓡⓒⓛⓔⓓ\rꜱᴍᴀʟʟ ᴄᴀᴘꜱ\r".encode(),
    "no_final_newline.txt": "caf&eacute; 🅽🅴🅶🅰🆃🅸🆅🅴\n10² m² CO₂ …the end".encode(),
    # A blank line between a CR and an LF stays (emptied, it would fuse the two endings).
    "bom_mixed_endings.txt": (
        "\ufeffBOM\u00a0\u00a0line \r\nzero\u200bwidth\n\rlast\r \nend\r\n".encode()
    ),
    "clean.txt": b"Plain ASCII headline\nanother one\n",
    "empty.txt": b"",
    "sub/nested.txt": "𝐍𝐞𝐬𝐭𝐞𝐝 “quote”\r\n".encode(),
}
BROKEN = "broken.txt"
BINARY = "binary.txt"
BAD_FILES = {BROKEN: "fine\r\ncaf\xe9 ok ".encode() + b"\xff" + b"\n", BINARY: b"text\x00bin\n"}
SETTINGS = {  # name: (keyword arguments, the same as command-line options)
    "default": ({}, []),
    "ascii-skip": (
        {"profile": "ascii", "skip": ["punctuation"]},
        ["--ascii", "--skip", "punctuation"],
    ),
    "repair-only": (
        {"only": ["mojibake", "html_entities"]},
        ["--only", "mojibake", "--only", "html_entities"],
    ),
}
# Files compared with the command under each setting (every one under the default).
COMPARED = {
    "default": list(GOOD_FILES),
    "ascii-skip": ["thai_mojibake.txt", "stylised_cr.txt", "no_final_newline.txt"],
    "repair-only": ["thai_mojibake.txt", "bom_mixed_endings.txt", "no_final_newline.txt"],
}


def new_file_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("in")
    for name, data in {**GOOD_FILES, **BAD_FILES}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def cli_outputs(inputs: Path) -> dict[tuple[str, str], bytes]:
    """What ``python -m normtext [OPTIONS] FILE`` prints, by (settings, file); run once."""
    keys = [(setting, name) for setting, names in COMPARED.items() for name in names]

    def command(key: tuple[str, str]) -> bytes:
        setting, name = key
        run = run_normtext(*SETTINGS[setting][1], inputs / name)
        assert run.returncode == 0, run.stderr
        return run.stdout

    with ThreadPoolExecutor(max_workers=4) as pool:  # the runs are start-up bound
        outputs = dict(zip(keys, pool.map(command, keys), strict=True))
    assert outputs["default", "thai_mojibake.txt"].startswith(b'Breaking: "Storm Ciar\xc3\xa1n"')
    return outputs


@pytest.fixture(scope="module")
def cli_errors(inputs: Path) -> dict[str, str]:
    """The command's message for each bad input, without its ``normtext:`` prefix."""
    errors = {}
    for name in BAD_FILES:
        run = run_normtext(inputs / name)
        assert run.stdout == b""
        errors[name] = run.stderr.decode().strip().removeprefix("normtext: ")
    assert "line 2, byte 10" in errors[BROKEN]
    return errors


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """Two worker processes, one thread each, on loopback; no dashboard, quiet logs."""
    if MISSING:
        pytest.skip(MISSING)
    with (
        LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


# --- folders of files ------------------------------------------------------------------------


@needs_dask
@pytest.mark.parametrize("setting", list(SETTINGS))
def test_files_on_cluster_are_byte_identical_to_the_command(
    client: Client,
    inputs: Path,
    cli_outputs: dict[tuple[str, str], bytes],
    cli_errors: dict[str, str],
    tmp_path: Path,
    setting: str,
) -> None:
    kwargs, _options = SETTINGS[setting]
    pattern = str(inputs / "**" / "*.txt")
    results = normalize_files(pattern, tmp_path, scheduler=client, **kwargs)

    by_name = {Path(r.name).relative_to(inputs).as_posix(): r for r in results}
    assert sorted(by_name) == sorted({**GOOD_FILES, **BAD_FILES})
    for name in GOOD_FILES:
        result = by_name[name]
        assert result.error is None, result.error
        assert result.output == str(tmp_path / name)
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == new_file_mode()
    for name in COMPARED[setting]:
        assert (tmp_path / name).read_bytes() == cli_outputs[setting, name], name
    assert by_name["thai_mojibake.txt"].changed == 2
    assert by_name["clean.txt"].changed == 0
    for name in BAD_FILES:
        assert by_name[name].error == cli_errors[name]
        assert not (tmp_path / name).exists()
    assert by_name[BINARY].skipped and not by_name[BROKEN].skipped
    assert not [p for p in tmp_path.rglob(".*")]  # no temporary file left behind


@needs_dask
@pytest.mark.parametrize("scheduler", ["address", "processes"])
def test_command_matches_the_normtext_command(
    client: Client,
    inputs: Path,
    cli_outputs: dict[tuple[str, str], bytes],
    cli_errors: dict[str, str],
    tmp_path: Path,
    scheduler: str,
) -> None:
    address = client.scheduler.address if scheduler == "address" else scheduler
    pattern = str(inputs / "**" / "*.txt")
    options = ["--out", str(tmp_path), "--scheduler", address, "-j", "2"]
    run = subprocess.run(
        [sys.executable, "-m", "normtext.dask", pattern, *options],
        capture_output=True,
        timeout=120,
        check=False,
    )
    stderr = run.stderr.decode()
    assert run.returncode == 2, stderr  # the broken file is an error, as with normtext
    assert "Traceback" not in stderr
    assert sorted(stderr.splitlines()) == sorted(
        f"normtext-dask: {message}" for message in cli_errors.values()
    )
    assert run.stdout == b""
    for name in GOOD_FILES:
        assert (tmp_path / name).read_bytes() == cli_outputs["default", name], name


@needs_dask
def test_command_in_process_with_threads(
    inputs: Path, cli_outputs: dict[tuple[str, str], bytes], tmp_path: Path
) -> None:
    pattern = str(inputs / "[st]*.txt")  # stylised_cr, thai_mojibake: no bad file, exit 0
    options = ["--ascii", "--skip", "punctuation", "--scheduler", "threads"]
    result = CliRunner().invoke(main, [pattern, "--out", str(tmp_path), *options])
    assert result.exit_code == 0, result.output
    names = ["stylised_cr.txt", "thai_mojibake.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    for name in names:
        assert (tmp_path / name).read_bytes() == cli_outputs["ascii-skip", name]


@needs_dask
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{in}/nothing-*.txt"], "no file matches"),
        (["{in}/clean.txt", "--only", "no_such_fixer"], "unknown fixer 'no_such_fixer'"),
        (["{in}/clean.txt", "--encoding", "utf-16"], "not line-based"),
        (["{in}/clean.txt", "--scheduler", "proceses"], "nor an address like tcp://"),
    ],
)
def test_command_usage_errors(inputs: Path, tmp_path: Path, args: list[str], message: str) -> None:
    argv = [a.format(**{"in": inputs}) for a in args]
    result = CliRunner().invoke(main, [*argv, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "out").exists()


def test_plan_outputs_mirrors_folders_below_the_glob(inputs: Path, tmp_path: Path) -> None:
    pairs = plan_outputs(str(inputs / "**" / "*.txt"), tmp_path)
    assert (str(inputs / "sub" / "nested.txt"), str(tmp_path / "sub" / "nested.txt")) in pairs
    flat = plan_outputs([str(inputs / "clean.txt"), str(inputs / "sub" / "*.txt")], tmp_path)
    assert [target for _, target in flat] == [
        str(tmp_path / "clean.txt"),
        str(tmp_path / "nested.txt"),
    ]
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "clean.txt").write_bytes(b"x")
    with pytest.raises(ValueError, match="would both be written to"):
        plan_outputs([str(inputs / "*.txt"), str(tmp_path / "other" / "*.txt")], tmp_path / "o")
    with pytest.raises(ValueError, match="no file matches"):
        plan_outputs(str(inputs / "*.none"), tmp_path)


def test_normalize_file_never_replaces_its_input(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"caf&eacute;\n")
    result = normalize_file(str(path), str(path), normtext.Normalizer())
    assert result == FileResult(
        str(path),
        str(path),
        error=f"{path}: output would replace the input (normtext -i does that)",
    )
    assert path.read_bytes() == b"caf&eacute;\n"


# --- bags -------------------------------------------------------------------------------


@needs_dask
@pytest.mark.parametrize("blocksize", [None, 64])
def test_bag_read_with_lf_delimiter_joins_to_the_command_output(
    client: Client,
    inputs: Path,
    cli_outputs: dict[tuple[str, str], bytes],
    blocksize: int | None,
) -> None:
    names = [name for name in GOOD_FILES if GOOD_FILES[name]]  # read_text refuses no file
    bags = [
        normalize_bag(db.read_text(str(inputs / n), linedelimiter="\n", blocksize=blocksize))
        for n in names
    ]
    results = dask.compute(*bags)
    for name, lines in zip(names, results, strict=True):
        assert "".join(lines).encode() == cli_outputs["default", name], name


@needs_dask
def test_bag_of_lines_without_endings(client: Client) -> None:
    lines = [thai_mojibake("“Storm Ciarán”"), "𝗕𝗼𝗹𝗱 ", "&lt;b&gt;", "", "plain"]
    normalizer = normtext.Normalizer(profile="ascii")
    bag = normalize_bag(db.from_sequence(lines, npartitions=2), "ascii")
    assert bag.compute() == [normalizer.fix_line(line) for line in lines]


# --- DataFrames -----------------------------------------------------------------------------


TITLES = [
    thai_mojibake("𝗕𝗿𝗲𝗮𝗸𝗶𝗻𝗴: “Storm Ciarán” hits the coast"),
    None,
    "Ｆｕｌｌｗｉｄｔｈ &amp; 𝓢𝓬𝓻𝓲𝓹𝓽",
    float("nan"),
    "two\r\nlines\u00a0 ",
    "clean title",
    cp1252_mojibake("Café"),
]


@needs_dask
@pytest.mark.parametrize("convert_string", [True, False], ids=["string-dtype", "object-dtype"])
@pytest.mark.parametrize("setting", ["default", "ascii-skip"])
def test_dataframe_column_on_cluster(client: Client, convert_string: bool, setting: str) -> None:
    kwargs, _options = SETTINGS[setting]
    frame = pd.DataFrame(
        {
            "title": pd.Series(TITLES, dtype=object),  # None and NaN kept apart
            "body": [cp1252_mojibake("Café")] * len(TITLES),  # text too, but not named
            "views": range(len(TITLES)),
        }
    )
    with dask.config.set({"dataframe.convert-string": convert_string}):
        source = dd.from_pandas(frame, npartitions=3)
    before = source.compute()
    after = normalize_dataframe(source, ["title"], **kwargs).compute()

    normalizer = normtext.Normalizer(**kwargs)
    for original, cleaned in zip(before["title"], after["title"], strict=True):
        if isinstance(original, str):
            assert cleaned == normalizer(original)
            assert cleaned == normtext.normalize(original, **kwargs)
        else:  # None stays None, NaN stays NaN, pd.NA stays pd.NA
            assert type(cleaned) is type(original) and pd.isna(cleaned)
    assert after["title"].dtype == before["title"].dtype
    assert (after["title"].dtype == object) is not convert_string
    pd.testing.assert_frame_equal(after[["body", "views"]], before[["body", "views"]])
    assert after["title"].iloc[0] == normtext.normalize(TITLES[0], **kwargs)


@needs_dask
def test_dataframe_refuses_missing_and_non_text_columns() -> None:
    source = dd.from_pandas(pd.DataFrame({"title": ["a"], "views": [1]}), npartitions=1)
    with pytest.raises(KeyError, match="no column 'headline'"):
        normalize_dataframe(source, "headline")
    with pytest.raises(TypeError, match="'views' has dtype int64"):
        normalize_dataframe(source, ["title", "views"])
    with pytest.raises(ValueError, match="unknown profile"):
        normalize_dataframe(source, "title", "fancy")


# --- without Dask ------------------------------------------------------------------------


BLOCK_DASK = """
import sys

class BlockDask:
    '''Makes dask, distributed and pandas unimportable, as on a machine without them.'''

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("dask", "distributed", "pandas"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, BlockDask())
"""


def run_without_dask(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    code = BLOCK_DASK + textwrap.dedent(script)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_core_and_kind_messages_without_dask(tmp_path: Path) -> None:
    run = run_without_dask(
        """
        import normtext
        assert normtext.normalize("caf&eacute; 𝐁𝐨𝐥𝐝") == "café Bold"
        import normtext.dask  # importable: Dask is imported only when it is needed
        assert not [m for m in sys.modules if m.split(".")[0] in ("dask", "pandas")]
        for call in (
            lambda: normtext.dask.normalize_files("*.txt", "out"),
            lambda: normtext.dask.normalize_dataframe(None, "title"),
        ):
            try:
                call()
            except ImportError as error:
                print(error)
            else:
                raise AssertionError("no ImportError")
        """
    )
    assert run.returncode == 0, run.stderr
    hint = "pip install 'normtext[dask]'"
    assert run.stdout.splitlines() == [
        f"normtext.dask needs dask, which is not installed: {hint}",
        f"normtext.dask needs pandas, which is not installed: {hint}",
    ]

    (tmp_path / "a.txt").write_text("x\n")
    command = run_without_dask(
        """
        import runpy
        sys.argv[0] = "normtext-dask"
        runpy.run_module("normtext.dask", run_name="__main__")
        """,
        str(tmp_path / "*.txt"),
        "--out",
        str(tmp_path / "out"),
    )
    assert command.returncode == 2
    assert "Traceback" not in command.stderr
    assert f"Error: normtext.dask needs dask, which is not installed: {hint}" in command.stderr
    assert not (tmp_path / "out").exists()
