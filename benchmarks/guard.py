"""How much the mojibake fixer costs on clean non-ASCII text, next to ftfy.fix_encoding.

Every clean line of ``corpus/clean`` (30 languages) that contains a non-ASCII character is
run through ``normtext.fixers.repair_mojibake`` and through ``ftfy.fix_encoding``, many
times over, in the same process; the script prints microseconds per line for each and
the ratio. The guard is the test that lets a clean line through without any decoding
attempt; the target is a ratio of at most 2. The guard remembers the words it has seen
(``normtext.repair.screen``), so the best of many rounds is its cost on words met before;
the first round, with nothing remembered, is timed apart: its cost on all-new words.

    python benchmarks/guard.py [--rounds N]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import ftfy

from normtext.fixers import repair_mojibake
from normtext.repair import screen
from normtext.repair.plausibility import is_odd

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "clean"


def clean_non_ascii_lines() -> list[str]:
    lines = []
    for path in sorted(CORPUS.glob("*.txt")):
        lines.extend(line for line in path.read_text("utf-8").splitlines() if not line.isascii())
    return lines


def per_line_seconds(function: Callable[[str], str], lines: list[str], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for line in lines:
            function(line)
        best = min(best, time.perf_counter() - start)
    return best / len(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="repetitions; the best counts")
    args = parser.parse_args()
    lines = clean_non_ascii_lines()
    flagged = [line for line in lines if is_odd(line)]
    screen.forget_words()
    first = per_line_seconds(repair_mojibake, lines, 1)
    ours = per_line_seconds(repair_mojibake, lines, args.rounds)
    theirs = per_line_seconds(ftfy.fix_encoding, lines, args.rounds)
    print(f"clean non-ASCII lines: {len(lines)} (flagged by the guard: {len(flagged)})")
    print(f"normtext repair_mojibake, all words new: {first * 1e6:8.2f} µs/line")
    print(f"normtext repair_mojibake, words seen:    {ours * 1e6:8.2f} µs/line")
    print(f"ftfy.fix_encoding:                       {theirs * 1e6:8.2f} µs/line")
    print(f"ratio normtext/ftfy, all words new:      {first / theirs:8.2f} (target ≤ 2)")
    print(f"ratio normtext/ftfy, words seen:         {ours / theirs:8.2f} (target ≤ 2)")


if __name__ == "__main__":
    main()
