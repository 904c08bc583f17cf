"""Named fixer chains (SPEC §2)."""

from __future__ import annotations

from collections.abc import Iterable

from normtext.pipeline import FIXERS, Pipeline, get_fixer

REPAIR = ("mojibake", "control_chars", "nfc")
SEARCH = (
    "html_entities",
    "mojibake",
    "control_chars",
    "decorative_marks",
    "stylised",
    "nfc",
    "invisible_chars",
    "spaces",
    "punctuation",
)
ASCII = (*SEARCH, "transliterate")

PROFILES: dict[str, tuple[str, ...]] = {"repair": REPAIR, "search": SEARCH, "ascii": ASCII}
DEFAULT_PROFILE = "search"


def profile_fixers(profile: str) -> tuple[str, ...]:
    """The fixer names of ``profile``; ``ValueError`` for an unknown profile."""
    try:
        return PROFILES[profile]
    except KeyError:
        raise ValueError(
            f"unknown profile {profile!r} (choose from {', '.join(PROFILES)})"
        ) from None


def build_pipeline(
    profile: str = DEFAULT_PROFILE,
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
) -> Pipeline:
    """The pipeline for ``profile``, narrowed to ``only`` and without ``skip``.

    ``only`` picks fixers by name from any profile (they run in pipeline order); ``skip``
    removes fixers from the result. Unknown names raise ``KeyError``.
    """
    only, skip = list(only), set(skip)
    for name in [*only, *skip]:
        get_fixer(name)
    names = sorted(only, key=lambda n: FIXERS[n].order) if only else list(profile_fixers(profile))
    return Pipeline([n for n in names if n not in skip])


def memberships(name: str) -> list[str]:
    """The profiles that include fixer ``name``."""
    return [profile for profile, names in PROFILES.items() if name in names]
