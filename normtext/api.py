"""The public Python API: ``normalize``, ``explain`` and the picklable ``Normalizer``."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from normtext import fixers as _fixers  # noqa: F401  (registers the fixers)
from normtext.pipeline import Pipeline, Step
from normtext.profiles import DEFAULT_PROFILE, build_pipeline


@lru_cache(maxsize=64)
def _cached_pipeline(profile: str, only: tuple[str, ...], skip: tuple[str, ...]) -> Pipeline:
    return build_pipeline(profile, only, skip)


def normalize(
    text: str,
    profile: str = DEFAULT_PROFILE,
    *,
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
) -> str:
    """Clean ``text`` with the fixers of ``profile`` (``repair``, ``search``, ``ascii``).

    Works line by line; line endings are kept as they are.

    >>> normalize("â€œ𝗕𝗿𝗲𝗮𝗸𝗶𝗻𝗴â€\\x9d &amp; more")
    '"Breaking" & more'
    >>> normalize("â€œ𝗕𝗿𝗲𝗮𝗸𝗶𝗻𝗴â€\\x9d", profile="repair")
    '“𝗕𝗿𝗲𝗮𝗸𝗶𝗻𝗴”'
    """
    return _cached_pipeline(profile, tuple(only), tuple(skip))(text)


def explain(
    text: str,
    profile: str = DEFAULT_PROFILE,
    *,
    only: Iterable[str] = (),
    skip: Iterable[str] = (),
) -> list[Step]:
    """The steps ``normalize`` takes on ``text``: ``(line, fixer, before, after, detail)``.

    >>> [step.fixer for step in explain("&lt;b&gt; 𝐁𝐨𝐥𝐝")]
    ['html_entities', 'stylised']
    """
    return _cached_pipeline(profile, tuple(only), tuple(skip)).explain(text)


class Normalizer:
    """A picklable, callable normaliser for multiprocessing and distributed engines.

    >>> import pickle
    >>> clean = pickle.loads(pickle.dumps(Normalizer(profile="ascii")))
    >>> clean("Ｆｕｌｌｗｉｄｔｈ café")
    'Fullwidth cafe'
    """

    def __init__(
        self,
        profile: str = DEFAULT_PROFILE,
        only: Iterable[str] = (),
        skip: Iterable[str] = (),
    ) -> None:
        self.profile = profile
        self.only = tuple(only)
        self.skip = tuple(skip)
        self.pipeline = build_pipeline(profile, self.only, self.skip)

    def __call__(self, text: str) -> str:
        return self.pipeline(text)

    def fix_line(self, line: str) -> str:
        """Normalise one line that holds no line ending."""
        return self.pipeline.fix_line(line)

    def explain(self, text: str) -> list[Step]:
        return self.pipeline.explain(text)

    def __reduce__(self) -> tuple[type[Normalizer], tuple[str, tuple[str, ...], tuple[str, ...]]]:
        # Rebuild from the settings: compiled patterns and functions stay out of the pickle.
        return (Normalizer, (self.profile, self.only, self.skip))

    def __repr__(self) -> str:
        return f"Normalizer(profile={self.profile!r}, only={self.only!r}, skip={self.skip!r})"
