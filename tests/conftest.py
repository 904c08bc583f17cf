"""Shared paths, fixtures and helpers for the test suite."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner, Result

from normtext.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
HEADLINES = CORPUS / "headlines"
CLEAN_CORPUS = CORPUS / "clean"
# ../shared beside the checkout: the product's seed document and peer suites. CI lays a copy
# of it next to the clone; a checkout on its own does not have it.
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed"

PROFILE_NAMES = ("repair", "search", "ascii")


def load_tool(name: str) -> ModuleType:
    """The script ``tools/NAME.py`` as a module (the tools are not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def seed_dir() -> Path:
    """The folder of the seed article and its expected outputs; skips when it is absent."""
    if not (SEED / "article.txt").is_file():
        pytest.skip(f"seed article not found: {SEED} (../shared is not beside this checkout)")
    return SEED


def run_normtext(
    *args: str | os.PathLike[str],
    stdin: bytes = b"",
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m normtext ARGS`` in a real subprocess, bytes in and out."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "normtext", *map(str, args)],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


def invoke(args: Sequence[str | os.PathLike[str]], stdin: bytes = b"") -> Result:
    """Run the command in-process through click's ``CliRunner`` (stderr kept apart)."""
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()  # click >= 8.2 always keeps stderr apart
    return runner.invoke(cli_main, [str(a) for a in args], input=stdin, catch_exceptions=False)


@dataclass
class Run:
    """The outcome of one command, however it was run."""

    code: int
    stdout: bytes
    stderr: str


Runner = Callable[..., Run]


def run_subprocess(args: Sequence[str | os.PathLike[str]], stdin: bytes = b"") -> Run:
    result = run_normtext(*args, stdin=stdin)
    return Run(result.returncode, result.stdout, result.stderr.decode("utf-8", "replace"))


def run_in_process(args: Sequence[str | os.PathLike[str]], stdin: bytes = b"") -> Run:
    result = invoke(args, stdin)
    return Run(result.exit_code, result.stdout_bytes, result.stderr)


@pytest.fixture(params=["subprocess", "clirunner"])
def cli(request: pytest.FixtureRequest) -> Runner:
    """Runs ``normtext ARGS`` through a real subprocess or in-process with ``CliRunner``."""
    runner: Runner = run_subprocess if request.param == "subprocess" else run_in_process
    return runner


def split_keepends(text: str) -> list[str]:
    """Lines with their endings, splitting only on LF, CRLF and CR (what normtext does)."""
    lines: list[str] = []
    start = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char in "\r\n":
            end = index + 2 if text.startswith("\r\n", index) else index + 1
            lines.append(text[start:end])
            start = index = end
        else:
            index += 1
    if start < len(text):
        lines.append(text[start:])
    return lines
