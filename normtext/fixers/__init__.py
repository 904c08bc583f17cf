"""The fixers. Importing this package registers every one of them in ``FIXERS``."""

from normtext.fixers import (  # noqa: F401  (imported to register)
    controls,
    entities,
    invisible,
    mojibake,
    punctuation,
    spaces,
    stylised,
    transliterate,
    unicode_form,
)
from normtext.fixers.controls import remove_control_chars
from normtext.fixers.entities import decode_html_entities
from normtext.fixers.invisible import remove_invisible_chars
from normtext.fixers.mojibake import repair_mojibake
from normtext.fixers.punctuation import ascii_punctuation
from normtext.fixers.spaces import normalize_spaces
from normtext.fixers.stylised import remove_decorative_marks, stylised_to_plain
from normtext.fixers.transliterate import transliterate_to_ascii
from normtext.fixers.unicode_form import normalize_nfc

__all__ = [
    "ascii_punctuation",
    "decode_html_entities",
    "normalize_nfc",
    "normalize_spaces",
    "remove_control_chars",
    "remove_decorative_marks",
    "remove_invisible_chars",
    "repair_mojibake",
    "stylised_to_plain",
    "transliterate_to_ascii",
]
