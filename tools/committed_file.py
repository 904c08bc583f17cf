"""Write a generated file of the package, or with ``--check`` tell whether it is stale."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_or_check(
    description: str,
    target: Path,
    build: Callable[[], tuple[bytes, str]],
    argv: Sequence[str] | None = None,
) -> int:
    """Parse ``--check``; build the file's bytes and a summary, then write or compare.

    Exit status 1 when ``--check`` finds the committed file differs from a fresh build.
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    data, summary = build()
    relative = target.relative_to(ROOT)
    if args.check:
        if not target.is_file() or target.read_bytes() != data:
            print(f"{relative} is stale: rebuild it")
            return 1
        print(f"{relative} is up to date")
        return 0
    target.write_bytes(data)
    print(f"wrote {relative}: {summary}")
    return 0
