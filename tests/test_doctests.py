"""The examples in the package's docstrings are run as tests."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import normtext

# Modules that run something when imported, or need an optional extra.
SKIPPED = {"normtext.__main__", "normtext.dask", "normtext.distributed"}


def _modules() -> list[str]:
    names = ["normtext"]
    for info in pkgutil.walk_packages(normtext.__path__, prefix="normtext."):
        if info.name not in SKIPPED:
            names.append(info.name)
    return names


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_docstrings_have_examples() -> None:
    attempted = sum(
        doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS).attempted
        for name in _modules()
    )
    assert attempted >= 20
