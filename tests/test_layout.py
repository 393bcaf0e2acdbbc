"""The package docstring is the map of the code: it names every module, so a new one cannot hide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import claimdiff

PACKAGE = Path(claimdiff.__file__).parent


def _module_names() -> list[str]:
    """Dotted names below ``claimdiff`` ("sources", "extract.figures"); packages by their folder."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts and not parts[-1].startswith("__"):  # the root package itself and __main__
            names.append(".".join(parts))
    return names


MODULES = _module_names()


def test_the_walk_finds_the_stage_packages_and_their_parts() -> None:
    assert {"sources", "sources.repairs", "extract", "extract.figures", "lexicon.files"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_the_package_map_names_every_module(module: str) -> None:
    # ":mod:`claimdiff.store`", "``extract.figures``" and "``claimdiff/data``" all count.
    named = re.search(rf"[`./]{re.escape(module)}`", claimdiff.__doc__ or "")
    assert named, f"claimdiff.{module} is missing from the map in src/claimdiff/__init__.py: add a line for it"
