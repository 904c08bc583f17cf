"""Print how well the mojibake repair undoes generated damage, per codec and mode.

Every line of the clean control corpus (``corpus/clean``) is garbled with each codec in
each way a decoder shows undefined bytes (see ``normtext.repair.simulate``), twice over
(double mojibake), and on half a line only; the report counts the lines repaired exactly
and, in the lossy modes, what became of the characters whose bytes were lost.

    python tools/mojibake_report.py            # Markdown table on stdout
    python tools/mojibake_report.py --summary  # one line per codec (the README's table)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from normtext.repair.accuracy import evaluate_all, format_summary, format_table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", default=str(Path(__file__).resolve().parent.parent / "corpus" / "clean")
    )
    parser.add_argument("--per-file", type=int, help="only the first N lines of each language")
    parser.add_argument("--codec", action="append", help="only these codecs")
    parser.add_argument("--summary", action="store_true", help="one line per codec")
    args = parser.parse_args()
    rows = evaluate_all(Path(args.corpus), args.per_file, args.codec)
    print(format_summary(rows) if args.summary else format_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
