"""Per-codec tables for turning mojibake back into the bytes it was decoded from.

For every single-byte codec a page or terminal may have used, the table is derived
from Python's own codec: which character each byte decodes to, which bytes the codec
leaves undefined, and what a decoder shows for those (nothing, a C1 control, cp1252's
character, or a replacement mark).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from normtext.repair.utf8 import sequence_length

# Codecs in order of preference when two decode a span equally well: the most common
# mix-ups on the web first (ftfy's order for the ones it knows), then the rest.
CODEC_NAMES = (
    "cp1252",
    "latin-1",
    "cp1251",
    "cp1250",
    "cp1253",
    "cp1254",
    "cp1257",
    "iso8859-2",
    "mac_roman",
    "cp437",
    "cp874",
    "cp1255",
    "cp1256",
    "cp1258",
    "iso8859-4",
    "iso8859-5",
    "iso8859-7",
    "iso8859-9",
    "iso8859-13",
    "iso8859-15",
    "koi8-r",
    "koi8-u",
    "cp850",
    "cp866",
)

# What a decoder writes for a byte it could not decode, in the lossy modes.
REPLACEMENT_MARKS = "\ufffd?"
# A question mark right after a non-ASCII character: the '?' a decoder wrote for a byte.
QUESTION_MARK_RE = re.compile("[^\x00-\x7f]\\?")
UTF8_LEADS = range(0xC2, 0xF5)
UTF8_CONTINUATIONS = range(0x80, 0xC0)
UNENCODABLE = "\uffff"  # (stands for a character a table does not hold)


def _continues(unit: int) -> bool:
    return unit < 0 or unit in UTF8_CONTINUATIONS


def _decode_byte(codec: str, byte: int) -> str | None:
    try:
        return bytes([byte]).decode(codec)
    except UnicodeDecodeError:
        return None


@dataclass(frozen=True)
class CodecTable:
    """How one codec maps the high bytes 0x80–0xFF, with its sloppy fill-ins."""

    name: str
    to_byte: dict[str, int]
    undefined: frozenset[int]
    undefined_in_cp1252_too: frozenset[int]
    fill_ins: frozenset[str]
    # cp1252's characters for undefined bytes that the codec itself shows for another
    # byte (cp1257's Š is 0xD0, and cp1252's 0x8A): the undefined byte, a UTF-8
    # continuation, is meant wherever a lead byte before it still needs one.
    shadowed_fill_ins: dict[str, int]
    lead_chars: str
    continuation_chars: str
    # For ``str.translate``: each character of ``to_byte`` to the Latin-1 character of
    # its byte, and every other Latin-1 character to one Latin-1 cannot encode.
    latin1_of: dict[int, str]

    def bytes_of(self, text: str) -> bytes | None:
        """The bytes ``text`` came from, its ASCII as is; None if a character of
        ``text`` is neither ASCII nor in ``to_byte``."""
        try:
            raw = text.translate(self.latin1_of).encode("latin-1")
        except UnicodeEncodeError:
            return None
        if self.shadowed_fill_ins and any(c in self.shadowed_fill_ins for c in text):
            return bytes(self.settle_shadowed(text, list(raw)))
        return raw

    def settle_shadowed(self, text: str, units: list[int]) -> list[int]:
        """``units``, one per character of ``text``, with each shadowed fill-in read as
        its undefined byte (a continuation) where a lead byte before it still needs one
        and the codec's own reading (a lead byte) would leave that one short: when it
        needs two or more, or when no continuation byte follows the fill-in.

        Negative units (a masked byte, a space that may be 0xA0) count as continuations.
        """
        settled = list(units)
        pending = 0  # continuations the last lead byte still needs
        for index, char in enumerate(text):
            shadow = self.shadowed_fill_ins.get(char)
            if shadow is not None and pending:
                following = settled[index + 1] if index + 1 < len(settled) else 0
                if pending > 1 or not _continues(following):
                    settled[index] = shadow
            unit = settled[index]
            pending = max(pending - 1, 0) if _continues(unit) else max(sequence_length(unit) - 1, 0)
        return settled

    def lost_byte_candidates(self, line: str) -> frozenset[int]:
        """Bytes that may have vanished from ``line``: ones this codec could not show.

        How the line shows the bytes it could show tells how its decoder treated the
        others: C1 controls, ``�`` or ``?`` glued to mojibake mean nothing was dropped;
        cp1252's characters in their place mean only bytes cp1252 leaves undefined too were
        dropped; otherwise any undefined byte may be missing.
        """
        if not self.undefined or QUESTION_MARK_RE.search(line) or "\ufffd" in line:
            return frozenset()
        if any(c in self.fill_ins for c in line):
            return self.undefined_in_cp1252_too
        if any("\x80" <= c <= "\x9f" and ord(c) in self.undefined for c in line):
            return frozenset()
        return self.undefined


@cache
def build_table(name: str) -> CodecTable:
    """Derive the sloppy table of codec ``name`` from Python's codec."""
    to_byte: dict[str, int] = {}
    undefined: set[int] = set()
    for byte in range(0x80, 0x100):
        char = _decode_byte(name, byte)
        if char is None:
            undefined.add(byte)
        else:
            to_byte.setdefault(char, byte)
    fill_ins: set[str] = set()
    shadowed: dict[str, int] = {}
    for byte in range(0x80, 0xA0):
        # ISO-8859 codecs show 0x80–0x9F as C1 controls, which a later cp1252 step (or
        # ftfy's C1 fix) turns into cp1252's characters: accept those for the byte too.
        if byte not in undefined and _decode_byte(name, byte) == chr(byte):
            fallback = _decode_byte("cp1252", byte)
            if fallback is not None:
                to_byte.setdefault(fallback, byte)
    for byte in sorted(undefined):
        # A decoder that keeps undefined bytes shows them as the C1 control of that value
        # (0x80–0x9F) or, in cp1252's "sloppy" fallback, as cp1252's character.
        if byte < 0xA0:
            to_byte.setdefault(chr(byte), byte)
        fallback = _decode_byte("cp1252", byte)
        if fallback is not None and fallback not in to_byte:
            to_byte[fallback] = byte
            fill_ins.add(fallback)
        elif fallback is not None and to_byte[fallback] != byte:
            shadowed[fallback] = byte
    undefined_in_cp1252_too = {b for b in undefined if _decode_byte("cp1252", b) is None}
    leads = "".join(sorted(c for c, b in to_byte.items() if b in UTF8_LEADS))
    continuations = "".join(sorted(c for c, b in to_byte.items() if b in UTF8_CONTINUATIONS))
    latin1_of = {code: UNENCODABLE for code in range(0x80, 0x100)}
    latin1_of.update((ord(char), chr(byte)) for char, byte in to_byte.items())
    return CodecTable(
        name,
        to_byte,
        frozenset(undefined),
        frozenset(undefined_in_cp1252_too),
        frozenset(fill_ins),
        shadowed,
        leads,
        continuations,
        latin1_of,
    )


def char_class(chars: str) -> str:
    """A regex character class body matching exactly ``chars``."""
    return "".join(re.escape(c) for c in chars)


TABLES: tuple[CodecTable, ...] = tuple(build_table(name) for name in CODEC_NAMES)
