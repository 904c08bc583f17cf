"""List the real words that each odd-event pattern of the mojibake guard matches.

An odd event is meant to be something real text never writes. This runs every pattern of
``normtext.repair.plausibility.ODD_PATTERNS`` over the top words of each language's list
(the lists of ``tools/derive_letter_frequency.py``), each in lower case, capitals and
title case, and prints how many it matches, with a few examples. A match is not a bug in
itself: the acceptance rules of the repair keep such words (mostly words in capitals)
unchanged, and the clean control corpus proves it line by line. A new pattern should
match none.

Usage::

    pip install -e '.[tables]'
    python tools/odd_words.py                      # every pattern
    python tools/odd_words.py latin2-lead arabic-lead
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from derive_letter_frequency import resolve_languages, top_words

from normtext.repair.plausibility import ODD_PATTERNS

TOP_WORDS = 50_000
EXAMPLES = 8


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("patterns", nargs="*", help="pattern names (default: all)")
    args = parser.parse_args()
    unknown = set(args.patterns) - set(ODD_PATTERNS)
    if unknown:
        parser.error(f"no such pattern: {', '.join(sorted(unknown))}")
    chosen = {
        name: re.compile(pattern)
        for name, pattern in ODD_PATTERNS.items()
        if not args.patterns or name in args.patterns
    }
    lists, _skipped = resolve_languages()
    matches: dict[str, list[str]] = {name: [] for name in chosen}
    for code in sorted(lists):
        for word, _frequency in top_words(code, TOP_WORDS):
            if word.isascii():
                continue
            for form in {word, word.upper(), word.title()}:
                for name, pattern in chosen.items():
                    if pattern.search(form):
                        matches[name].append(f"{code}:{form}")
    for name, found in matches.items():
        print(f"{name}: {len(found)}" + (f"  e.g. {' '.join(found[:EXAMPLES])}" if found else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
