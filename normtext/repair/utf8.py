"""Decoding UTF-8 bytes that went through a lossy codec: some bytes dropped or masked.

The input is a sequence of byte values where ``MASKED`` stands for a byte the wrong
decoder replaced with ``�`` or ``?``. A character whose sequence is one byte short had
that byte dropped; a continuation byte with no lead byte before it, its lead byte (where
the codec leaves lead bytes undefined, as cp1255 and cp874 do). Either way the missing
byte is one the wrong codec could not show, so the few candidates are tried and every
valid character they give is kept, to be chosen between by context later.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import product

from normtext.repair.plausibility import is_meaningful

MASKED = -1
# A plain space where a no-break space (0xA0) may have been: only ever the second byte of
# a two-byte character (``Ð `` for Р, ``Ã `` for à), as ftfy's ``restore_byte_a0`` has it.
SPACE = -2
# A character may miss one more byte than it still has continuation bytes (two happen in
# 4-byte characters such as 𝘁, F0 9D 98 81, read as Windows-874 that drops 0x9D and
# 0x81); a lead byte that kept none is tried only when other mojibake surrounds it.


# One well-formed multi-byte UTF-8 sequence (RFC 3629), as bytes.
COMPLETE_SEQUENCE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


@dataclass(frozen=True)
class Decoded:
    """One character decoded from a UTF-8 sequence.

    ``options`` holds one character when the bytes were all there, or every character a
    restored byte could give (most often still one). ``restored`` counts missing bytes.
    """

    options: tuple[str, ...]
    start: int
    end: int
    restored: int


def sequence_length(lead: int) -> int:
    """Bytes in a UTF-8 sequence that starts with ``lead``; 0 if it cannot start one."""
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _is_continuation(unit: int) -> bool:
    return unit == MASKED or 0x80 <= unit <= 0xBF


def _characters(
    lead: int, continuations: Sequence[int], masked_options: Iterable[int], restoring: bool = False
) -> set[str]:
    """Every meaningful character that ``lead`` + ``continuations`` can spell.

    Where bytes are being restored (``restoring``, or a masked unit), a character that
    normalization replaces is left out: a CJK compatibility ideograph such as U+F97C,
    the twin of 良, is no likely reading of a lost byte.
    """
    restoring = restoring or MASKED in continuations
    choices = [list(masked_options) if unit == MASKED else [unit] for unit in continuations]
    found = set()
    for tail in product(*choices):
        try:
            char = bytes([lead, *tail]).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(char) != 1 or not is_meaningful(char):
            continue
        if restoring and unicodedata.normalize("NFC", char) != char:
            continue
        found.add(char)
    return found


def _continuations(candidates: frozenset[int]) -> list[int]:
    return [b for b in candidates if 0x80 <= b <= 0xBF]


def _with_insertions(present: list[int], count: int, options: list[int]) -> set[tuple[int, ...]]:
    """Every sequence made by inserting ``count`` bytes of ``options`` into ``present``."""
    results = {tuple(present)}
    for _ in range(count):
        results = {
            (*seq[:position], byte, *seq[position:])
            for seq in results
            for position in range(len(seq) + 1)
            for byte in options
        }
    return results


# A three-byte character that kept only its lead byte may have lost both others when the
# codec leaves few continuation bytes undefined (cp1252: き, E3 81 8D, shows as "ã";
# cp1254 shows the "자" of "삼성전자", EC 9E 90, as "ì"; up to cp1253's fifteen, 225 pairs
# to try, of which only a word of three characters or more may pick one: see
# engine._shortest_word). cp874's 23 give 529, and more wrong guesses than right ones.
FEW_UNDEFINED_CONTINUATIONS = 15


def _may_miss(missing: int, present: list[int], dropped: frozenset[int]) -> bool:
    """Whether a character can have lost ``missing`` bytes and kept ``present``."""
    if missing <= len(present) + 1:
        return True
    return (
        missing == 2
        and not present
        and len(_continuations(dropped)) <= FEW_UNDEFINED_CONTINUATIONS
    )


def decode_at(
    units: Sequence[int],
    start: int,
    dropped: frozenset[int],
    masked: frozenset[int],
    bare_lead_ok: bool = False,
) -> Decoded | None:
    """Decode the character whose lead byte is ``units[start]``, or None if none fits.

    A lead byte with none of its continuation bytes left is tried only when
    ``bare_lead_ok``: inside a run of other mojibake, not alone in a word. A masked lead
    byte (``�`` where the codec has no character for a lead byte) is tried as each of the
    lead bytes the codec could not show.
    """
    if units[start] == MASKED:
        return _decode_masked_lead(units, start, dropped, masked, bare_lead_ok)
    lead = units[start]
    length = sequence_length(lead)
    if length == 0:
        return None
    end = start + 1
    # Where bytes may have been dropped, "× " is as likely a letter that lost its second
    # byte before a real space: the no-break-space reading is only taken where none were.
    if length == 2 and not dropped and end < len(units) and units[end] == SPACE:
        end += 1
    while end < len(units) and end - start < length and _is_continuation(units[end]):
        end += 1
    present = [0xA0 if unit == SPACE else unit for unit in units[start + 1 : end]]
    missing = length - 1 - len(present)
    restored = missing + present.count(MASKED)
    if missing == 0:
        options = _characters(lead, present, masked)
    elif dropped and (present or bare_lead_ok) and _may_miss(missing, present, dropped):
        # Put the missing continuation bytes back at every possible place.
        options = set()
        for tail in _with_insertions(present, missing, sorted(_continuations(dropped))):
            options |= _characters(lead, tail, masked, restoring=True)
    else:
        return None
    if not options:
        return None
    return Decoded(tuple(sorted(options)), start, end, restored)


def _decode_masked_lead(
    units: Sequence[int],
    start: int,
    dropped: frozenset[int],
    masked: frozenset[int],
    bare_lead_ok: bool,
) -> Decoded | None:
    following = units[start + 1] if start + 1 < len(units) else None
    if following is None or not (following == MASKED or 0x80 <= following <= 0xBF):
        return None  # with nothing real after it, a mask says nothing
    if not 0x80 <= following <= 0x9F and not _beside_mojibake(units, start, start + 2):
        # A no-break space or another Latin-1 character often follows a "�"; a second
        # mask (cp1255's "��" for the D9 8A of Arabic "ي") says nothing more. Such a
        # pair counts only between other mojibake (cp1255's "�©" for Persian "ک").
        return None
    found: list[Decoded] = []
    for lead in sorted(b for b in masked if sequence_length(b)):
        trial = [*units[:start], lead, *units[start + 1 :]]
        decoded = decode_at(trial, start, dropped, masked, bare_lead_ok)
        if decoded is not None:
            found.append(decoded)
    if not found or len({d.end for d in found}) > 1:
        return None
    options = tuple(sorted({c for d in found for c in d.options}))
    return Decoded(options, start, found[0].end, 1 + max(d.restored for d in found))


def _beside_mojibake(units: Sequence[int], start: int, end: int) -> bool:
    """Whether a byte of mojibake or a mask stands just before ``start`` or at ``end``."""
    return any(
        0 <= i < len(units) and (units[i] >= 0x80 or units[i] == MASKED) for i in (start - 1, end)
    )


def _decode_lost_lead(units: Sequence[int], index: int, leads: list[int]) -> Decoded | None:
    """The two-byte character of the continuation byte ``units[index]`` whose lead byte was
    dropped (cp1255 drops the D9 of Arabic "ق", D9 82, leaving "‚"), next to other mojibake;
    ``leads`` are the two-byte lead bytes that may have been dropped.

    Only tried in units that hold a whole character too: cp1253 shows the "šš" of Slovak
    "najvyššiu" as two continuation bytes, but nothing else around them is mojibake.
    """
    unit = units[index]
    if not 0x80 <= unit <= 0xBF or not _beside_mojibake(units, index, index + 1):
        return None
    options = set()
    for lead in leads:
        options |= _characters(lead, [unit], (), restoring=True)
    if not options:
        return None
    return Decoded(tuple(sorted(options)), index, index + 1, 1)


def _after_space(units: Sequence[int], index: int) -> bool:
    """Whether ``units[index]`` follows a space that is no no-break space of a letter."""
    return (
        index >= 1
        and units[index - 1] == SPACE
        and not (index >= 2 and 0xC2 <= units[index - 2] <= 0xDF)
    )


def decode_runs(
    units: Sequence[int],
    dropped: frozenset[int],
    masked: frozenset[int],
    letter_before: bool = False,
    letter_after: bool = False,
) -> list[list[Decoded]]:
    """Split ``units`` into maximal runs of decodable characters.

    Units that start no valid character are skipped: they stay as the text they were.
    ``letter_before`` and ``letter_after`` say the units are glued to letters: then a lead
    byte that lost its continuation bytes is tried too where it is the one character of
    that word (``Ãslandi``, or ``Ã¡ Ãslandi``, where a space parts it from the rest).
    """
    in_word = letter_before or letter_after
    runs: list[list[Decoded]] = []
    current: list[Decoded] = []
    index = 0
    # Complete sequences are recognised by one compiled pattern over the plain bytes;
    # only the places where it fails go through the slow search for lost bytes.
    plain = bytes(0x20 if unit < 0 else unit for unit in units)
    # (A lost lead byte is looked for only where the units hold a whole character too.)
    lost_leads = sorted(b for b in dropped if sequence_length(b) == 2)
    if lost_leads and not COMPLETE_SEQUENCE_RE.search(plain):
        lost_leads = []
    while index < len(units):
        match = COMPLETE_SEQUENCE_RE.match(plain, index)
        if match and MASKED not in units[index : match.end()]:
            char = match.group().decode("utf-8")
            if is_meaningful(char):
                current.append(Decoded((char,), index, match.end(), 0))
                index = match.end()
                continue
        # A lead byte that lost all its continuation bytes is only believable between
        # other mojibake, not alone.
        # (Or, a two-byte lead, as a word of its own after a word of mojibake, which
        # ends in a continuation byte: Serbian "Ń" for "у". A clean one-letter word read
        # through the same codec follows a word that ends in a letter: "България се".)
        alone = (
            not in_word
            and 0xC2 <= units[index] <= 0xDF
            and index >= 2
            and units[index - 1] == SPACE
            and 0x80 <= units[index - 2] <= 0xBF
            and (index == len(units) - 1 or units[index + 1] == SPACE)
        ) or (
            # (Or the first word, before a word of mojibake: Greek "Ξ Ο€Ξ»" for "Ο πλ".)
            not letter_before
            and index == 0
            and 0xC2 <= units[0] <= 0xDF
            and len(units) > 2
            and units[1] == SPACE
            and 0xC2 <= units[2] <= 0xF4
        )
        bare_lead_ok = (
            (in_word and len(units) == 1)
            or (letter_after and index == len(units) - 1 and _after_space(units, index))
            or (letter_before and index == 0 and len(units) > 1 and units[1] == SPACE)
            or alone
            or any(0 <= i < len(units) and units[i] >= 0x80 for i in (index - 1, index + 1))
        )
        decoded = decode_at(units, index, dropped, masked, bare_lead_ok)
        if decoded is None and lost_leads:
            decoded = _decode_lost_lead(units, index, lost_leads)
        if decoded is None:
            if current:
                runs.append(current)
                current = []
            index += 1
            continue
        current.append(decoded)
        index = decoded.end
    if current:
        runs.append(current)
    return runs
