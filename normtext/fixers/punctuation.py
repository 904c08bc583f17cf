"""Typographic punctuation folded to its ASCII form."""

from __future__ import annotations

from normtext.pipeline import fixer

SINGLE_QUOTES = "‘’‚‛′"
DOUBLE_QUOTES = "“”„‟″"
DASHES = "‐‑‒–—―−"
PUNCTUATION_TABLE = str.maketrans(
    {
        **dict.fromkeys(SINGLE_QUOTES, "'"),
        **dict.fromkeys(DOUBLE_QUOTES, '"'),
        **dict.fromkeys(DASHES, "-"),
        "…": "...",
    }
)


@fixer("punctuation", guard=f"[{SINGLE_QUOTES}{DOUBLE_QUOTES}{DASHES}…]", order=70)
def ascii_punctuation(line: str) -> str:
    """Fold curly quotes, primes, dashes and the ellipsis to ASCII.

    Word processors and CMSs curl quotes and lengthen dashes; a search for ``"don't"``
    or ``Russia-Ukraine`` then misses the typographic spelling.

    >>> ascii_punctuation("“Don’t” — Russia–Ukraine…")
    '"Don\\'t" - Russia-Ukraine...'

    Guillemets « » ‹ › are real punctuation in many languages and are kept.
    """
    return line.translate(PUNCTUATION_TABLE)
