"""Control characters and lone surrogates: bytes that no text meant to contain."""

from __future__ import annotations

import re

from normtext.pipeline import fixer

# C0 except tab (LF and CR never reach a fixer: they end lines), DEL, C1, lone surrogates.
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@fixer("control_chars", guard=CONTROL_RE.pattern, order=30)
def remove_control_chars(line: str) -> str:
    """Remove C0/C1 control characters (tab kept) and lone surrogates.

    They come from binary junk, broken decoders and mojibake that could not be undone;
    no reader sees them and they break search and XML.

    >>> remove_control_chars("bad\\x00 \\x85bytes\\tkept")
    'bad bytes\\tkept'

    Tabs are data (TSV columns) and stay.
    """
    return CONTROL_RE.sub("", line)
