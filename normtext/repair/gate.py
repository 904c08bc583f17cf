"""Which characters a text must hold for the odd-event expression to match in it.

Every pattern of :data:`plausibility.ODD_PATTERNS` consumes or looks at certain characters
whatever else it matches: ``[ÂÃ][ŒŠ]`` needs one of ``ÂÃ`` *and* one of ``ŒŠ``; a
lookahead needs its characters too. Those requirements are read off Python's own parse of
each alternative, so they cannot drift from the patterns. A word that meets the
requirements of no alternative cannot match, and the guard skips the scan for it: about
four clean words in five meet none.

The rules are conservative. A construct whose characters cannot be listed (a negated
class, ``\\s``, a wildcard) requires nothing; an alternative of a group requires what
each of its branches requires at the least; a negative lookaround requires nothing. So
the test may let through a word that cannot match (the scan then says no), never the
reverse.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

try:
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as sre
    import sre_parse

Intervals = tuple[tuple[int, int], ...]  # sorted, non-overlapping code-point ranges
# Characters below this code point get their sets from a table built once; others, from
# a search of the intervals (Han, Hangul and emoji rarely reach the word test).
TABLE_LIMIT = 0x3000
# Combinations of sets met, each with its answer; emptied when full.
MAX_REMEMBERED_SETS = 100_000


def _class_intervals(items: Iterable[tuple[object, object]]) -> Intervals | None:
    """The characters of a bracket expression, or None where they cannot be listed."""
    ranges = []
    for op, value in items:
        if op is sre.LITERAL:
            assert isinstance(value, int)
            ranges.append((value, value))
        elif op is sre.RANGE:
            assert isinstance(value, tuple)
            ranges.append(value)
        else:
            return None  # a negated class, a category such as \s
    return _merged(ranges)


def _merged(ranges: Iterable[tuple[int, int]]) -> Intervals:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return tuple(merged)


def _size(intervals: Intervals) -> int:
    return sum(high - low + 1 for low, high in intervals)


def required_sets(sequence: Sequence[tuple[object, object]]) -> list[Intervals]:
    """Sets of characters of which any text matching ``sequence`` holds one each."""
    required: list[Intervals] = []
    for op, value in sequence:
        if op is sre.LITERAL:
            assert isinstance(value, int)
            required.append(((value, value),))
        elif op is sre.IN:
            assert isinstance(value, list)
            found = _class_intervals(value)
            if found is not None:
                required.append(found)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
            assert isinstance(value, tuple)
            low, _high, item = value
            if low >= 1:
                required.extend(required_sets(list(item)))
        elif op is sre.SUBPATTERN:
            assert isinstance(value, tuple)
            _group, add_flags, _del_flags, item = value
            if not add_flags & sre.SRE_FLAG_IGNORECASE:  # (it changes what a class matches)
                required.extend(required_sets(list(item)))
        elif op is sre.ASSERT:  # a lookahead or lookbehind sees characters of the text
            assert isinstance(value, tuple)
            required.extend(required_sets(list(value[1])))
        elif op is sre.BRANCH:
            assert isinstance(value, tuple)
            least = [required_sets(list(branch)) for branch in value[1]]
            if all(least):
                # One branch matches: the text holds a character of the smallest set of
                # that branch, so of the union of those.
                smallest = [min(sets, key=_size) for sets in least]
                required.append(_merged(r for sets in smallest for r in sets))
    return required


def alternatives(pattern: str) -> list[list[tuple[object, object]]]:
    """The top-level alternatives of ``pattern``, groups around them unwrapped."""
    sequence = list(sre_parse.parse(pattern))
    while (
        len(sequence) == 1
        and sequence[0][0] is sre.SUBPATTERN
        and not sequence[0][1][1] & sre.SRE_FLAG_IGNORECASE
    ):
        sequence = list(sequence[0][1][-1])
    if len(sequence) == 1 and sequence[0][0] is sre.BRANCH:
        return [list(branch) for branch in sequence[0][1][1]]
    return [sequence]


class Gate:
    """Answers, for a text, whether some alternative of the patterns could match in it."""

    def __init__(self, patterns: Iterable[str]) -> None:
        sets: dict[Intervals, int] = {}  # each distinct required set and its bit
        needs: set[int] = set()  # per alternative: the bits of the sets it requires
        self.open = False  # an alternative that requires nothing: every text may match
        for pattern in patterns:
            for alternative in alternatives(pattern):
                bits = 0
                for intervals in required_sets(alternative):
                    bits |= 1 << sets.setdefault(intervals, len(sets))
                needs.add(bits)
                self.open = self.open or not bits
        self.sets = list(sets)
        # Each alternative filed under its smallest set: a text holding none of a file's
        # sets meets none of its alternatives.
        self.filed: dict[int, list[int]] = {}
        for bits in sorted(needs):
            own = [bit for bit in range(len(self.sets)) if bits >> bit & 1]
            if own:
                smallest = min(own, key=lambda bit: _size(self.sets[bit]))
                self.filed.setdefault(smallest, []).append(bits)
        self.filed_bits = sum(1 << bit for bit in self.filed)
        self.table = [0] * TABLE_LIMIT
        for intervals, bit in sets.items():
            for low, high in intervals:
                for code in range(low, min(high, TABLE_LIMIT - 1) + 1):
                    self.table[code] |= 1 << bit
        # Above the table: the code points where some set starts or ends, and the sets
        # that hold each stretch between two of them.
        edges = sorted(
            {TABLE_LIMIT}
            | {edge for intervals in sets for low, high in intervals for edge in (low, high + 1)}
        )
        self.edges = [edge for edge in edges if edge >= TABLE_LIMIT]
        self.stretches = [0] * len(self.edges)
        for intervals, bit in sets.items():
            for low, high in intervals:
                if high < TABLE_LIMIT:
                    continue
                first = bisect.bisect_right(self.edges, max(low, TABLE_LIMIT)) - 1
                last = bisect.bisect_left(self.edges, high + 1)
                for index in range(first, last):
                    self.stretches[index] |= 1 << bit
        self._answers: dict[int, bool] = {}

    def _high(self, code: int) -> int:
        """The sets that hold the code point ``code`` (at least :data:`TABLE_LIMIT`)."""
        return self.stretches[bisect.bisect_right(self.edges, code) - 1]

    def may_match(self, text: str) -> bool:
        """False when no alternative finds in ``text`` a character of each set it needs."""
        if self.open:
            return True
        held = 0
        table = self.table
        for char in text:
            code = ord(char)
            held |= table[code] if code < TABLE_LIMIT else self._high(code)
        answer = self._answers.get(held)
        if answer is None:
            if len(self._answers) >= MAX_REMEMBERED_SETS:
                self._answers.clear()
            answer = self._answers[held] = self._meets_one(held)
        return answer

    def _meets_one(self, held: int) -> bool:
        """Whether ``held`` (a bit per set) holds every set of some alternative."""
        files = held & self.filed_bits
        while files:
            lowest = files & -files
            for bits in self.filed[lowest.bit_length() - 1]:
                if bits & held == bits:
                    return True
            files ^= lowest
        return False
