"""normtext: turn broken scraped text into clean, searchable text.

>>> import normtext
>>> normtext.normalize("Caf&eacute; ð——ð—¶ð˜€ð—°ð˜‚ð˜€ð˜€ð—¶ð—¼ð—» – “quoted”")
'Café Discussion - "quoted"'
"""

from __future__ import annotations

from normtext import fixers
from normtext.api import Normalizer, explain, normalize
from normtext.pipeline import FIXERS, Fixer, Pipeline, Step, fixer, get_fixer
from normtext.profiles import DEFAULT_PROFILE, PROFILES, build_pipeline

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_PROFILE",
    "FIXERS",
    "PROFILES",
    "Fixer",
    "Normalizer",
    "Pipeline",
    "Step",
    "__version__",
    "build_pipeline",
    "explain",
    "fixer",
    "fixers",
    "get_fixer",
    "normalize",
]
