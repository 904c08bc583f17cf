"""End to end: the hooks of ``.pre-commit-hooks.yaml`` run by the real ``pre-commit`` tool.

Each test makes a throwaway git repository, stages files in it and runs ``pre-commit`` there,
as a user of the hooks would. The hooks come from a *snapshot* of this checkout: its files as
they are on disk (tracked and untracked, ``.gitignore`` honoured) committed to a temporary
repository. ``pre-commit try-repo`` on the checkout itself would take the last commit plus
the changes to tracked files only, and miss any new file that is not committed yet.

pre-commit builds the hooks' environment by pip-installing that commit, so these tests need
PyPI (ftfy, Unidecode, click and the build backend). ``try-repo`` builds a fresh environment
on every call, in a temporary store of its own whatever ``PRE_COMMIT_HOME`` says, so it is
used for the two plain runs only. The other tests name the snapshot in a config file
(``repo:`` path and ``rev:``), which is also how ``args:`` reach a hook, and share one
``PRE_COMMIT_HOME``: their environment is built once for the module.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from normtext.repair.simulate import garble

TIMEOUT = 600  # seconds for one pre-commit command; building an environment needs PyPI
OLD_TIME = 1_000_000_000  # 2001-09-09: an mtime no run of the hooks could set
GIT_CONFIG = (
    "-c", "user.name=normtext tests",
    "-c", "user.email=tests@example.invalid",
    "-c", "commit.gpgsign=false",
    "-c", "init.defaultBranch=main",
)  # fmt: skip
# What a snapshot copies when this tree is not a git checkout (an unpacked sdist).
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "venv", "__pycache__", "*.egg-info", ".*_cache", ".hypothesis", "build", "dist"
)

HEADLINE = "“café” 𝗕𝗼𝗹𝗱 news\n"
BROKEN = garble(HEADLINE, "cp1252", "c1").encode("utf-8")  # â€œcafÃ©â€\x9d ð\x9d—•…
FIXED_SEARCH = b'"caf\xc3\xa9" Bold news\n'  # the default profile
FIXED_REPAIR = HEADLINE.encode("utf-8")  # repair: stylised letters and curly quotes stay
CLEAN = "Café in Zürich, 10 °C\nA second line\n".encode()
INVALID = b"Caf\xe9 au lait\n"  # Latin-1, not UTF-8: byte 4 of line 1
WITH_NUL = b"PK\x03\x04\x00\x00 looks like text by its name\n"


def _git(cwd: Path, *args: str, env: Mapping[str, str]) -> str:
    result = subprocess.run(
        ["git", *GIT_CONFIG, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT,
    )
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stderr}"
    return result.stdout


def _source_files() -> list[str] | None:
    """This checkout's files as git sees them (``.gitignore`` honoured), or None."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
            timeout=TIMEOUT,
        )
    except subprocess.CalledProcessError:
        return None
    return [name for name in os.fsdecode(listed.stdout).split("\0") if name]


def _snapshot(destination: Path, env: Mapping[str, str]) -> str:
    """Commit the working tree of this checkout to a new repository; return the commit."""
    names = _source_files()
    if names is None:
        shutil.copytree(ROOT, destination, ignore=NOT_SOURCE)
    else:
        for name in names:
            source = ROOT / name
            if source.is_file():  # a tracked file deleted on disk is left out
                target = destination / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
    _git(destination, "init", "-q", env=env)
    _git(destination, "add", "-A", env=env)
    _git(destination, "commit", "-q", "--no-verify", "-m", "snapshot", env=env)
    return _git(destination, "rev-parse", "HEAD", env=env).strip()


def _pre_commit_command() -> list[str]:
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    found = shutil.which("pre-commit")
    if found is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    return [found]


@dataclass
class Result:
    code: int
    output: str  # stdout and stderr together, as a person would see them


@dataclass
class PreCommit:
    """The real pre-commit tool, pointed at a snapshot of this repository."""

    command: list[str]
    env: dict[str, str]
    hooks_repo: Path
    rev: str
    config: Path

    def _run(self, work: Path, args: Sequence[str], env: Mapping[str, str]) -> Result:
        result = subprocess.run(
            [*self.command, *args],
            cwd=work,
            env={**self.env, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            check=False,
            timeout=TIMEOUT,
        )
        output = result.stdout.decode("utf-8", "replace")
        assert "Traceback" not in output, output
        return Result(result.returncode, output)

    def try_repo(self, work: Path, hook: str) -> Result:
        """``pre-commit try-repo <this repository> HOOK --all-files``."""
        args = ["try-repo", str(self.hooks_repo), hook, "--all-files", "--color", "never"]
        return self._run(work, args, {})

    def run(self, work: Path, hooks: list[dict[str, Any]], **env: str) -> Result:
        """``pre-commit run --all-files`` with a config that lists ``hooks`` of this repository."""
        config = {"repos": [{"repo": str(self.hooks_repo), "rev": self.rev, "hooks": hooks}]}
        self.config.write_text(json.dumps(config), encoding="utf-8")  # JSON is YAML
        args = ["run", "--config", str(self.config), "--all-files", "--color", "never"]
        return self._run(work, args, env)


@pytest.fixture(scope="module")
def pre_commit(tmp_path_factory: pytest.TempPathFactory) -> PreCommit:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    command = _pre_commit_command()
    base = tmp_path_factory.mktemp("pre-commit")
    # Nothing from a calling git (GIT_DIR when run from a git hook…) or a user's SKIP list.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.pop("SKIP", None)
    env["PRE_COMMIT_HOME"] = str(base / "home")  # one cache for the module, out of ~
    rev = _snapshot(base / "normtext", env)
    return PreCommit(command, env, base / "normtext", rev, base / "config.yaml")


class Workspace:
    """A throwaway git repository with staged files."""

    def __init__(self, root: Path, env: Mapping[str, str]) -> None:
        self.root = root
        self.env = env
        _git(root, "init", "-q", env=env)

    def stage(self, files: Mapping[str, bytes]) -> None:
        """Write the files (name to content), give them an old mtime and ``git add`` them."""
        for name, content in files.items():
            path = self.root / name
            path.write_bytes(content)
            os.utime(path, (OLD_TIME, OLD_TIME))
        _git(self.root, "add", "-A", env=self.env)

    def read(self, name: str) -> bytes:
        return (self.root / name).read_bytes()

    def state(self) -> dict[str, tuple[bytes, int]]:
        """Bytes and mtime of every file outside ``.git``."""
        return {
            str(path.relative_to(self.root)): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(self.root.rglob("*"))
            if path.is_file() and ".git" not in path.relative_to(self.root).parts
        }


@pytest.fixture
def work(tmp_path: Path, pre_commit: PreCommit) -> Workspace:
    root = tmp_path / "work"
    root.mkdir()
    return Workspace(root, pre_commit.env)


def test_normtext_fixes_files_in_place(pre_commit: PreCommit, work: Workspace) -> None:
    work.stage({"broken.txt": BROKEN, "clean.txt": CLEAN})
    clean_before = work.state()["clean.txt"]

    first = pre_commit.try_repo(work.root, "normtext")

    assert first.code == 1, first.output
    assert "Fixing broken.txt" in first.output
    assert "files were modified by this hook" in first.output
    assert "clean.txt" not in first.output
    assert work.read("broken.txt") == FIXED_SEARCH
    assert work.state()["clean.txt"] == clean_before  # bytes and mtime

    again = pre_commit.try_repo(work.root, "normtext")

    assert again.code == 0, again.output
    assert "Fixing" not in again.output
    assert work.read("broken.txt") == FIXED_SEARCH


def test_normtext_check_reports_and_changes_nothing(pre_commit: PreCommit, work: Workspace) -> None:
    work.stage({"broken.txt": BROKEN, "clean.txt": CLEAN})
    before = work.state()

    result = pre_commit.try_repo(work.root, "normtext-check")

    assert result.code == 1, result.output
    assert "broken.txt: would change 1 line(s)" in result.output
    assert "  line 1: mojibake" in result.output
    assert "clean.txt" not in result.output
    assert "files were modified" not in result.output
    assert work.state() == before


def test_args_profile_repair_keeps_stylised_letters(pre_commit: PreCommit, work: Workspace) -> None:
    work.stage({"broken.txt": BROKEN, "bold.txt": FIXED_REPAIR, "clean.txt": CLEAN})
    untouched = {name: work.state()[name] for name in ("bold.txt", "clean.txt")}
    hooks = [{"id": "normtext", "args": ["--profile", "repair"]}]

    result = pre_commit.run(work.root, hooks)

    assert result.code == 1, result.output
    assert "Fixing broken.txt" in result.output
    assert work.read("broken.txt") == FIXED_REPAIR  # mojibake undone, 𝗕𝗼𝗹𝗱 and “” kept
    assert {name: work.state()[name] for name in untouched} == untouched

    again = pre_commit.run(work.root, hooks)

    assert again.code == 0, again.output
    assert work.read("broken.txt") == FIXED_REPAIR


@pytest.mark.parametrize(
    ("args", "content", "fixer"),
    [
        (["--profile", "repair"], "𝗕𝗿𝗲𝗮𝗸𝗶𝗻𝗴 news\n", "stylised"),
        (["--skip", "punctuation"], "“Quoted” headline — with a dash\n", "punctuation"),
    ],
    ids=["profile-repair", "skip-punctuation"],
)
def test_args_reach_normtext_check(
    pre_commit: PreCommit, work: Workspace, args: list[str], content: str, fixer: str
) -> None:
    work.stage({"headline.txt": content.encode("utf-8")})
    before = work.state()

    flagged = pre_commit.run(work.root, [{"id": "normtext-check"}])
    passed = pre_commit.run(work.root, [{"id": "normtext-check", "args": args}])

    assert flagged.code == 1, flagged.output
    assert f"headline.txt: would change 1 line(s)\n  line 1: {fixer}" in flagged.output
    assert passed.code == 0, passed.output
    assert "would change" not in passed.output
    assert work.state() == before


@pytest.mark.parametrize("hook", ["normtext", "normtext-check"])
def test_binary_and_invalid_files_are_reported_and_left_alone(
    pre_commit: PreCommit, work: Workspace, hook: str
) -> None:
    # scan.txt has a NUL byte: text by its name for pre-commit, binary for normtext.
    # image.bin is binary by its name: pre-commit never passes it to a `types: [text]` hook.
    work.stage(
        {
            "broken.txt": BROKEN,
            "clean.txt": CLEAN,
            "latin1.txt": INVALID,
            "scan.txt": WITH_NUL,
            "image.bin": WITH_NUL,
        }
    )
    before = work.state()

    # No concurrency: one normtext process gets every file, the bad ones with the good.
    result = pre_commit.run(work.root, [{"id": hook}], PRE_COMMIT_NO_CONCURRENCY="1")

    assert result.code == 1, result.output
    assert "exit code: 2" in result.output  # normtext's error status
    assert "latin1.txt: line 1, byte 4 (file offset 3): invalid utf-8 byte 0xe9" in result.output
    assert "scan.txt: binary file (NUL byte at line 1), skipped" in result.output
    assert "image.bin" not in result.output
    after = work.state()
    if hook == "normtext":
        assert "Fixing broken.txt" in result.output
        assert after.pop("broken.txt")[0] == FIXED_SEARCH
        before.pop("broken.txt")
    else:
        assert "broken.txt: would change 1 line(s)" in result.output
    assert after == before
