"""Make mojibake on purpose: UTF-8 text decoded with a wrong codec, the way real decoders do.

Used to build test cases and the accuracy report; also handy for checking a pipeline on
damage of a known kind.

>>> garble("“café”", "cp1252", "c1")
'â€œcafÃ©â€\\x9d'
>>> garble("“café”", "cp874", "cp1252")
'โ€œcafรฉโ€'
"""

from __future__ import annotations

from normtext.repair.codecs import build_table

# How a decoder shows a byte its codec leaves undefined.
MODES = {
    "c1": "kept as the C1 control of the same value (U+0080–U+009F)",
    "cp1252": "taken from cp1252 where it defines the byte, else dropped",
    "drop": "dropped",
    "replace": "replaced by U+FFFD",
    "question": "replaced by '?'",
}
LOSSLESS_MODES = ("c1",)


def _show_undefined(byte: int, mode: str) -> str:
    if mode == "c1":
        return chr(byte) if byte < 0xA0 else "\ufffd"
    if mode == "cp1252":
        try:
            return bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            return ""
    return {"drop": "", "replace": "\ufffd", "question": "?"}[mode]


def garble(text: str, codec: str, mode: str = "c1") -> str:
    """``text`` encoded as UTF-8 and decoded with ``codec``, undefined bytes per ``mode``."""
    table = build_table(codec)
    # A defined byte shows as the codec's own character: the C1 control of an ISO-8859
    # codec's 0x80–0x9F, not the cp1252 character its sloppy table also accepts.
    shown = {
        byte: bytes([byte]).decode(codec)
        for byte in range(0x80, 0x100)
        if byte not in table.undefined
    }
    pieces = []
    for byte in text.encode("utf-8"):
        if byte < 0x80:
            pieces.append(chr(byte))
        elif byte in table.undefined:
            pieces.append(_show_undefined(byte, mode))
        else:
            pieces.append(shown[byte])
    return "".join(pieces)


def lost_characters(text: str, codec: str, mode: str) -> list[int]:
    """Indexes of the characters of ``text`` that ``garble`` cannot show whole."""
    undefined = build_table(codec).undefined
    if mode == "c1":
        undefined = frozenset(b for b in undefined if b >= 0xA0)
    elif mode == "cp1252":
        undefined = build_table(codec).undefined_in_cp1252_too
    return [i for i, c in enumerate(text) if any(b in undefined for b in c.encode("utf-8"))]
