"""The data tables: they load, and a malformed one names its file and line."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimdiff import lexicon
from claimdiff.errors import LexiconError

PACKAGE = Path(lexicon.__file__).parent
# Every table, in data/ or in a language's folder (data/<lang>/); an empty list would
# silently skip the test below, so the next test guards it.
TABLES = sorted(p.relative_to(PACKAGE / "data").as_posix() for p in (PACKAGE / "data").rglob("*.toml"))


def test_the_data_tables_are_found() -> None:
    assert len(TABLES) >= 5, TABLES


@pytest.mark.parametrize("name", TABLES)
def test_every_table_documents_its_syntax(name: str) -> None:
    header = (PACKAGE / "data" / name).read_text(encoding="utf-8").split("\n\n")[0]
    assert header.startswith("# ") and "Syntax" in header


@pytest.fixture()
def broken(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Replace data files with given texts, with every table cache cleared around the test."""
    replaced: dict[str, str] = {}
    original = lexicon.data_text
    monkeypatch.setattr(lexicon, "data_text", lambda name: replaced.get(name) or original(name))
    caches = [getattr(lexicon, n) for n in dir(lexicon) if hasattr(getattr(lexicon, n), "cache_clear")]
    for function in caches:
        function.cache_clear()
    yield replaced
    for function in caches:
        function.cache_clear()


def test_toml_syntax_error_names_file_and_line(broken: dict[str, str]) -> None:
    broken["scales.toml"] = '[[scale]]\nwords = ["bn"\nfactor = 1e9\n'
    with pytest.raises(LexiconError, match=r"data/scales.toml: Unclosed array \(at line 3"):
        lexicon.scales()


def test_unknown_qualifier_kind_names_file_and_line(broken: dict[str, str]) -> None:
    broken["qualifiers.toml"] = '# header\n\n[[en.before]]\nphrases = ["circa"]\nkind = "sometimes"\n'
    with pytest.raises(LexiconError, match=r"data/qualifiers.toml:5: unknown kind 'sometimes'"):
        lexicon.qualifiers("en")


def test_part_of_must_name_a_listed_entity(broken: dict[str, str]) -> None:
    broken["entities.toml"] = '[[entity]]\nname = "Acme"\nkind = "organisation"\naliases = []\npart_of = "Nowhere"\n'
    with pytest.raises(LexiconError, match=r"data/entities.toml:5: part_of names no entity"):
        lexicon.entities()


def test_adding_a_currency_is_a_data_change(broken: dict[str, str]) -> None:
    table = lexicon.data_text("currencies.toml") + '\n[[currency]]\ncode = "NOK"\nsymbols = ["NOK", "kr"]\n'
    broken["currencies.toml"] = table
    assert "NOK" in lexicon.currencies().codes
    assert any(s.surface == "kr" for s in lexicon.currencies().surfaces)


STAGES = [
    "sources",
    "extract",
    "normalize",
    "numbers",
    "dates",
    "fx",
    "subjects",
    "compare",
    "descriptions",
    "sums",
    "lexicon",
]


def _module_files(module: str) -> list[Path]:
    """The files of a stage, whether it is a module (extract.py) or a package (extract/)."""
    package = PACKAGE / module
    files = sorted(package.rglob("*.py")) if package.is_dir() else [PACKAGE / f"{module}.py"]
    assert files and all(f.is_file() for f in files), f"no source for claimdiff.{module}"
    return files


@pytest.mark.parametrize("module", STAGES)
def test_stages_never_import_the_cli_or_the_report(module: str) -> None:
    """A quick check the suite runs anywhere; the full layer contracts are import-linter's (pyproject)."""
    imported = set()
    for path in _module_files(module):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not imported & {"claimdiff.cli", "claimdiff.report", "claimdiff.formats", "claimdiff.gate"}
