"""Mojibake: UTF-8 text that was decoded with the wrong codec."""

from __future__ import annotations

from normtext.pipeline import EXPLAINERS, fixer
from normtext.repair import repair_and_describe, repair_line

# Mojibake of UTF-8 always contains a non-ASCII character.
NON_ASCII = "[^\x00-\x7f]"


@fixer("mojibake", guard=NON_ASCII, order=20)
def repair_mojibake(line: str) -> str:
    """Undo UTF-8 read through a wrong single-byte codec, once or twice, even with lost bytes.

    Pages served as Windows-1252, Windows-874 (Thai), KOI8-R… while holding UTF-8 turn
    ``“café”`` into ``â€œcafÃ©â€\\x9d`` or ``โ€œcafรฉโ€``. ftfy's encoding repair runs
    first; then every run of characters that could be such a decoding is mapped back to
    bytes and decoded as UTF-8, restoring bytes the wrong codec dropped from context.

    >>> repair_mojibake("l'รฉlectricitรฉ โ€œcoรปteuseโ€")
    "l'électricité “coûteuse”"

    A run is replaced only when the repaired text is plausible and the original is not:
    real Thai, Russian, Greek or CJK text, and odd but genuine text, are never changed.
    """
    return repair_line(line)


EXPLAINERS["mojibake"] = repair_and_describe
