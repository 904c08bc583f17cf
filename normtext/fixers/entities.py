"""HTML character references left in scraped text."""

from __future__ import annotations

import html
import re

from normtext.pipeline import fixer

# Named references need their semicolon: without it ``AT&T``, ``R&D`` or ``&copy`` in a
# URL would be rewritten (HTML5 accepts ``&copy`` bare; scraped prose rarely means it).
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
# A reference that would decode to a control character (a line break, a tab that would add
# a TSV column, NUL) is kept as written: decoding it would change the shape of the data.
CONTROL_RESULT_RE = re.compile("[\x00-\x1f\x7f-\x9f]")
# ``&amp;rsquo;`` was escaped twice; a few rounds undo any realistic nesting.
MAX_ROUNDS = 4


def _decode_one(match: re.Match[str]) -> str:
    reference = match.group()
    decoded = html.unescape(reference)
    if decoded == reference or CONTROL_RESULT_RE.search(decoded) or "\ufffd" in decoded:
        return reference
    return decoded


@fixer("html_entities", guard=r"&[#A-Za-z]", order=10)
def decode_html_entities(line: str) -> str:
    """Decode HTML references: named, decimal and hex, also when escaped twice.

    Scrapers often store a page's text without unescaping it, or escape it once more
    (``&amp;rsquo;``), so the entity survives as literal text.

    >>> decode_html_entities("Caf&eacute; &#8220;open&#x201D; &amp;amp; AT&T")
    'Café “open” & AT&T'

    A bare ``&`` (``AT&T``, ``R&D``), unknown names and references to control characters
    are left as they are.
    """
    for _ in range(MAX_ROUNDS):
        decoded = ENTITY_RE.sub(_decode_one, line)
        if decoded == line:
            break
        line = decoded
    return line
