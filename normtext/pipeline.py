"""Fixers and the pipeline that composes them.

A *fixer* is a named ``str -> str`` function that works on one line of text (no line
ending) plus a cheap guard that says whether it could change the line at all. A
:class:`Pipeline` applies a chain of fixers line by line, skips every fixer whose guard
does not match, and can explain what each step changed. The pipeline knows nothing of
files: it takes and returns strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

LineFunction = Callable[[str], str]

# The only line separators: everything else (U+2028, NEL, form feed…) is text.
LINE_ENDING_RE = re.compile(r"\r\n|\r|\n")

# A chain is applied again on its own output until nothing changes, so that one fixer
# revealing work for an earlier one (an entity that decodes to mojibake, say) still ends
# in a fixed point. Real text settles in one or two passes.
MAX_PASSES = 4


@dataclass(frozen=True)
class Fixer:
    """One named repair: ``fix(line) -> line`` guarded by a cheap ``may_apply`` test."""

    name: str
    fix: LineFunction
    guard: re.Pattern[str]
    summary: str
    order: int = 0

    def may_apply(self, line: str) -> bool:
        """True when the guard sees something this fixer might change."""
        return self.guard.search(line) is not None

    def __call__(self, line: str) -> str:
        if self.guard.search(line) is None:
            return line
        return self.fix(line)


FIXERS: dict[str, Fixer] = {}


def fixer(name: str, guard: str, order: int) -> Callable[[LineFunction], LineFunction]:
    """Register a function as the fixer ``name``.

    ``guard`` is a regular expression that matches somewhere in every line the fixer
    could change (it may also match lines it leaves alone). ``order`` places the fixer
    in any chain built from names: lower runs first.
    """

    def register(function: LineFunction) -> LineFunction:
        doc = (function.__doc__ or "").strip()
        if not doc:
            raise ValueError(f"fixer {name!r} needs a docstring")
        if name in FIXERS:
            raise ValueError(f"fixer {name!r} is registered twice")
        FIXERS[name] = Fixer(name, function, re.compile(guard), doc.splitlines()[0], order)
        return function

    return register


def get_fixer(name: str) -> Fixer:
    """The registered fixer called ``name``; ``KeyError`` names the known ones."""
    try:
        return FIXERS[name]
    except KeyError:
        known = ", ".join(sorted(FIXERS))
        raise KeyError(f"unknown fixer {name!r} (known: {known})") from None


class Step(NamedTuple):
    """What one fixer did to one line."""

    line: int
    fixer: str
    before: str
    after: str
    detail: str = ""


def split_lines(text: str) -> Iterator[tuple[str, str]]:
    """Yield ``(line, ending)`` pairs; ``ending`` is ``\\r\\n``, ``\\r``, ``\\n`` or ``""``."""
    start = 0
    for match in LINE_ENDING_RE.finditer(text):
        yield text[start : match.start()], match.group()
        start = match.end()
    if start < len(text):
        yield text[start:], ""


def keep_apart(previous_ending: str, line: str, fixed: str, ending: str) -> str:
    """``fixed``, unless emptying the line would fuse a CR before it with an LF after it.

    ``a\\r \\nb`` holds three lines; with the middle one emptied the bytes would read
    ``a\\r\\nb``, two lines. Such a line is left as it was, so no fixer joins lines.
    """
    if not fixed and line and previous_ending == "\r" and ending == "\n":
        return line
    return fixed


@dataclass
class Pipeline:
    """A chain of fixers applied line by line.

    >>> from normtext import Pipeline
    >>> Pipeline(["html_entities", "punctuation"])("&ldquo;Hi&rdquo; &amp; bye")
    '"Hi" & bye'
    """

    fixers: Sequence[Fixer | str]
    chain: tuple[Fixer, ...] = field(init=False)
    _guard: re.Pattern[str] = field(init=False, repr=False)
    _steps: tuple[tuple[Callable[[str], object], LineFunction], ...] = field(
        init=False, repr=False
    )

    def __post_init__(self) -> None:
        self.chain = tuple(f if isinstance(f, Fixer) else get_fixer(f) for f in self.fixers)
        # One regex that matches wherever any fixer of the chain might act: a line it
        # misses is returned as it is after a single scan (the fast path).
        combined = "|".join(f"(?:{f.guard.pattern})" for f in self.chain) or r"(?!)"
        self._guard = re.compile(combined)
        self._steps = tuple((f.guard.search, f.fix) for f in self.chain)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.chain]

    def needs_work(self, line: str) -> bool:
        """False when no fixer of the chain can change ``line`` (one regex scan)."""
        return self._guard.search(line) is not None

    def fix_line(self, line: str) -> str:
        """Apply the chain to one line (which must not contain a line ending)."""
        if self._guard.search(line) is None:
            return line
        for _ in range(MAX_PASSES):
            before = line
            for guard, fix in self._steps:
                if guard(line) is not None:
                    line = fix(line)
            if line == before:
                break
        return line

    def __call__(self, text: str) -> str:
        """Apply the chain to every line of ``text``, keeping line endings as they are."""
        if self._guard.search(text) is None:
            return text
        pieces = []
        previous_ending = ""
        for line, ending in split_lines(text):
            pieces.append(keep_apart(previous_ending, line, self.fix_line(line), ending))
            pieces.append(ending)
            previous_ending = ending
        return "".join(pieces)

    def explain_line(self, line: str, number: int = 1) -> list[Step]:
        """The steps that change ``line``, in order, each with its before and after."""
        steps: list[Step] = []
        if self._guard.search(line) is None:
            return steps
        for _ in range(MAX_PASSES):
            start = line
            for step in self.chain:
                after, detail = explained(step, line)
                if after != line:
                    steps.append(Step(number, step.name, line, after, detail))
                    line = after
            if line == start:
                break
        return steps

    def explain(self, text: str) -> list[Step]:
        """The steps that change each line of ``text`` (line numbers start at 1)."""
        steps: list[Step] = []
        for number, (line, _ending) in enumerate(split_lines(text), start=1):
            steps.extend(self.explain_line(line, number))
        return steps


def explained(step: Fixer, line: str) -> tuple[str, str]:
    """``step(line)`` and the fixer's own account of it, when it offers one.

    A fixer with an explainer runs once, through it: its result and its account come from
    the same run (the mojibake repair is too costly to run twice).
    """
    explain_function = EXPLAINERS.get(step.name)
    if explain_function is None or not step.may_apply(line):
        return step(line), ""
    return explain_function(line)


# Fixers that can say more than their name (the mojibake repairer names the codec chain):
# each maps a line to its fixed text and that account.
EXPLAINERS: dict[str, Callable[[str], tuple[str, str]]] = {}
