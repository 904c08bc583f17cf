"""Exotic spaces, runs of spaces and spaces at the ends of a line."""

from __future__ import annotations

import re

from normtext.pipeline import fixer

EXOTIC_SPACES = "\u00a0\u2000-\u200a\u202f\u205f\u3000"
EXOTIC_SPACE_RE = re.compile(f"[{EXOTIC_SPACES}]")
SPACE_RUN_RE = re.compile(" {2,}")


@fixer("spaces", guard=f"[{EXOTIC_SPACES}]|  |^ | $", order=60)
def normalize_spaces(line: str) -> str:
    """Make every space an ASCII space, collapse runs of them and trim both ends.

    No-break, thin, em and ideographic spaces look like spaces but do not match one in a
    search, and copy-paste leaves doubled or trailing spaces behind.

    >>> normalize_spaces("\\u00a0Price:\\u2009 10\\u202f€  ")
    'Price: 10 €'

    Tabs are data (TSV columns) and are never changed.
    """
    line = EXOTIC_SPACE_RE.sub(" ", line)
    return SPACE_RUN_RE.sub(" ", line).strip(" ")
