"""Measure the mojibake repair on generated damage (used by the report and the tests)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from normtext.repair.codecs import CODEC_NAMES, build_table
from normtext.repair.context import REPLACEMENT
from normtext.repair.engine import repair_line
from normtext.repair.simulate import LOSSLESS_MODES, MODES, garble, lost_characters


@dataclass
class Score:
    """Results for one codec and one kind of damage."""

    codec: str
    mode: str
    lines: int = 0
    exact: int = 0
    lost: int = 0
    restored: int = 0
    unknown: int = 0
    wrong: int = 0

    @property
    def exact_share(self) -> float:
        return self.exact / self.lines if self.lines else 1.0

    @property
    def wrong_share(self) -> float:
        decided = self.restored + self.unknown + self.wrong
        return self.wrong / decided if decided else 0.0

    @property
    def lossless(self) -> bool:
        return self.mode in (*LOSSLESS_MODES, "double", "partial")


def clean_lines(folder: Path, per_file: int | None = None) -> list[str]:
    """The non-ASCII lines of the clean corpus (an ASCII line cannot be garbled).

    ``per_file`` keeps only the first lines of each language, for a quicker sample.
    """
    lines = []
    for path in sorted(folder.glob("*.txt")):
        found = [line for line in path.read_text("utf-8").splitlines() if not line.isascii()]
        lines.extend(found[:per_file])
    return lines


def _half_garbled(line: str, codec: str) -> str:
    middle = line.find(" ", len(line) // 2)
    if middle < 0:
        return garble(line, codec)
    return line[:middle] + garble(line[middle:], codec)


def _damage(line: str, codec: str, mode: str) -> str:
    if mode == "double":
        return garble(garble(line, codec), "cp1252" if codec != "cp1252" else "latin-1")
    if mode == "partial":
        return _half_garbled(line, codec)
    return garble(line, codec, mode)


def score(lines: Iterable[str], codec: str, mode: str) -> Score:
    """Garble each line, repair it, and count what came back."""
    result = Score(codec, mode)
    for line in lines:
        broken = _damage(line, codec, mode)
        if broken == line:
            continue
        if result.lossless and lost_characters(line, codec, "c1"):
            # A byte the codec leaves undefined above 0x9F cannot be kept as a C1
            # control: such a line is lossy whatever the mode, and is counted there.
            continue
        result.lines += 1
        fixed = repair_line(broken)
        result.exact += fixed == line
        if mode in MODES and mode not in LOSSLESS_MODES:
            lost = lost_characters(line, codec, mode)
            result.lost += len(lost)
            if fixed != broken and lost:
                _count_lost(result, line, fixed, set(lost))
    return result


def _count_lost(result: Score, line: str, fixed: str, lost: set[int]) -> None:
    """Sort the lost characters of ``line`` by what ``fixed`` made of them.

    The repaired line is aligned with the original; a lost character in an equal stretch
    was restored, one replaced one-for-one by ``�`` is unknown, one replaced one-for-one
    by another character is wrong. One left inside unrepaired mojibake counts in none.
    """
    matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for index in range(i1, i2):
            if index not in lost:
                continue
            if tag == "equal":
                result.restored += 1
            elif tag == "replace" and i2 - i1 == j2 - j1:
                made = fixed[j1 + index - i1]
                if made == REPLACEMENT:
                    result.unknown += 1
                elif made not in garble(line[index], result.codec, result.mode):
                    result.wrong += 1  # (a character of the mojibake left as it was is not)


def modes_for(codec: str) -> list[str]:
    """The kinds of damage that differ for ``codec`` (lossy modes need undefined bytes)."""
    modes = ["c1", "double", "partial"]
    if build_table(codec).undefined:
        modes[1:1] = [m for m in MODES if m not in LOSSLESS_MODES]
    return modes


def evaluate_all(
    folder: Path, per_file: int | None = None, codecs: list[str] | None = None
) -> list[Score]:
    lines = clean_lines(folder, per_file)
    chosen = codecs or CODEC_NAMES
    return [score(lines, codec, mode) for codec in chosen for mode in modes_for(codec)]


def format_table(rows: list[Score]) -> str:
    out = [
        "| codec | damage | lines | exact | lost chars | restored | U+FFFD | wrong |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lossy = not row.lossless
        out.append(
            f"| {row.codec} | {row.mode} | {row.lines} | {row.exact_share:.1%} | "
            + (
                f"{row.lost} | {row.restored} | {row.unknown} | {row.wrong_share:.1%} |"
                if lossy
                else "– | – | – | – |"
            )
        )
    return "\n".join(out)


def format_summary(rows: list[Score]) -> str:
    """One line per codec: lossless damage exact, lossy damage exact, lost characters."""
    out = [
        "| codec | C1 kept | two layers | part of line | lossy (4 modes) exact "
        "| lost chars restored / U+FFFD / wrong |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for codec in dict.fromkeys(row.codec for row in rows):
        mine = {row.mode: row for row in rows if row.codec == codec}
        lossy = [row for row in mine.values() if not row.lossless]
        if lossy:
            lines = sum(r.lines for r in lossy)
            exact = f"{sum(r.exact for r in lossy) / lines:.1%}"
            restored = sum(r.restored for r in lossy)
            unknown = sum(r.unknown for r in lossy)
            wrong = sum(r.wrong for r in lossy)
            decided = restored + unknown + wrong
            share = wrong / decided if decided else 0.0
            lost = f"{restored} / {unknown} / {wrong} ({share:.2%} wrong)"
        else:
            exact, lost = "no undefined bytes", "–"
        out.append(
            f"| {codec} | {mine['c1'].exact_share:.1%} | {mine['double'].exact_share:.1%} "
            f"| {mine['partial'].exact_share:.1%} | {exact} | {lost} |"
        )
    return "\n".join(out)
