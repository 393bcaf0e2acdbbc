"""The data tables: they load, every language has every table, and a malformed one names its
file and line (and exits 2 through the command line)."""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import claimdiff
from claimdiff.cli import main
from claimdiff.errors import LexiconError
from claimdiff.lexicon import files, load_knowledge
from claimdiff.normalize import registry

from .conftest import KNOWLEDGE

PACKAGE = Path(claimdiff.__file__).parent
DATA = PACKAGE / "data"
TABLES = sorted(p.relative_to(DATA).as_posix() for p in DATA.glob("**/*.toml"))


def test_the_data_tables_are_found() -> None:
    assert len(TABLES) >= 20, TABLES


LANGUAGES = sorted(p.name for p in DATA.iterdir() if p.is_dir() and p.name not in ("common", "__pycache__"))


@pytest.mark.parametrize("name", TABLES)
def test_every_table_documents_its_syntax(name: str) -> None:
    header = (DATA / name).read_text(encoding="utf-8").split("\n\n")[0]
    assert header.startswith("# ") and "Syntax" in header


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_table(language: str) -> None:
    reference = sorted(p.name for p in (DATA / LANGUAGES[0]).iterdir())
    assert sorted(p.name for p in (DATA / language).iterdir()) == reference


@pytest.fixture()
def tables(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Replace data files with given texts (nothing is cached, so the next load reads them)."""
    replaced: dict[str, str] = {}
    original = files.data_text
    monkeypatch.setattr(files, "data_text", lambda name: replaced.get(name) or original(name))
    yield replaced


def _with(name: str, old: str, new: str) -> str:
    text = files.data_text(name)
    assert old in text, f"{old!r} not in {name}"
    return text.replace(old, new, 1)


BROKEN = [
    # (id, file, text as a function of the real one, expected message)
    (
        "toml-syntax",
        "common/scales.toml",
        lambda: '# h\n\n[[scale]]\nwords = ["bn"\nfactor = 1e9\n',
        r"data/common/scales.toml:5: Unclosed array",
    ),
    (
        "misspelt-section",
        "en/metrics.toml",
        lambda: _with("en/metrics.toml", "\n[money]\n", "\n[mony]\n"),
        r"data/en/metrics.toml:\d+: unknown key or section 'mony' \(did you mean 'money'\?\)",
    ),
    (
        "missing-key",
        "fr/time.toml",
        lambda: re.sub(r"(?m)^quarters = .*$", "", files.data_text("fr/time.toml")),
        r"data/fr/time.toml: missing key 'quarters'",
    ),
    (
        "number-as-string",
        "en/numbers.toml",
        lambda: _with("en/numbers.toml", "twelve = 12", 'twelve = "12"'),
        r"data/en/numbers.toml:\d+: cardinals.twelve must be a number, not str",
    ),
    (
        "string-for-a-list",
        "fr/words.toml",
        lambda: re.sub(r"(?m)^plurals = .*$", 'plurals = "gens"', files.data_text("fr/words.toml")),
        r"data/fr/words.toml:\d+: 'plurals' must be a list of strings",
    ),
    (
        "unknown-qualifier-kind",
        "en/qualifiers.toml",
        lambda: _with("en/qualifiers.toml", 'kind = "more_than"', 'kind = "sometimes"'),
        r"data/en/qualifiers.toml:\d+: 'kind' must be one of exact, approx, .*; got 'sometimes'",
    ),
    (
        "duplicate-word",
        "en/grammar.toml",
        lambda: _with("en/grammar.toml", 'range_connectors = ["to"]', 'range_connectors = ["to", "to"]'),
        r"data/en/grammar.toml:\d+: 'range_connectors' lists 'to' twice",
    ),
    (
        "duplicate-unit-block",
        "common/units.toml",
        lambda: files.data_text("common/units.toml") + '\n[[unit]]\npint = "watt"\nmetric = "power"\n',
        r"data/common/units.toml:\d+: unit 'watt' is listed twice",
    ),
    (
        "unknown-currency-code",
        "common/currencies.toml",
        lambda: files.data_text("common/currencies.toml") + '\n[[currency]]\ncode = "XQZ"\nsymbols = ["XQZ"]\n',
        r"data/common/currencies.toml:\d+: not an ISO 4217 code known to CLDR: 'XQZ'",
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_a_broken_table_names_its_file_and_line(tables: dict[str, str], name: str, text, message: str) -> None:  # type: ignore[no-untyped-def]
    tables[name] = text()
    with pytest.raises(LexiconError, match=message):
        load_knowledge()


def test_an_unknown_pint_unit_names_its_file_and_line(tables: dict[str, str]) -> None:
    tables["common/units.toml"] = _with("common/units.toml", 'hl = "hectoliter"', 'hl = "hectolitre_x"')
    knowledge = load_knowledge()
    with pytest.raises(LexiconError, match=r"data/common/units.toml:\d+: pint does not know the unit 'hectolitre_x'"):
        knowledge.check_units(registry().parse_units)


COMPARED_IN_BROKEN = [
    (
        "unlisted-unit",
        'mile = "meter"',
        'furlong = "meter"',
        r"\[compared_in\] maps 'furlong', which no \[\[unit\]\] lists",
    ),
    (
        "another-quantity",
        'acre = "meter ** 2"',
        'acre = "meter"',
        r"\[compared_in\] reports 'acre' in 'meter', another quantity",
    ),
]


@pytest.mark.parametrize(
    ("line", "broken", "message"), [c[1:] for c in COMPARED_IN_BROKEN], ids=[c[0] for c in COMPARED_IN_BROKEN]
)
def test_a_unit_compared_in_another_is_one_of_the_table_and_of_its_quantity(
    tables: dict[str, str], line: str, broken: str, message: str
) -> None:
    tables["common/units.toml"] = _with("common/units.toml", line, broken)
    with pytest.raises(LexiconError, match=r"data/common/units.toml:\d+: " + message):
        load_knowledge().check_units(registry().parse_units)


def test_a_broken_table_is_one_line_and_exit_2_on_the_command_line(tables: dict[str, str], tmp_path: Path) -> None:
    tables["en/metrics.toml"] = _with("en/metrics.toml", "\n[money]\n", "\n[mony]\n")
    (tmp_path / "a.txt").write_text("France invested €1 billion in 2024.", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert re.fullmatch(
        r"claimdiff: error: data/en/metrics.toml:\d+: unknown key or section 'mony' \(did you mean 'money'\?\)\n",
        result.output,
    )


def test_adding_a_currency_is_a_data_change(tables: dict[str, str]) -> None:
    tables["common/currencies.toml"] = files.data_text("common/currencies.toml") + (
        '\n[[currency]]\ncode = "ISK"\nsymbols = ["kr"]\n'
    )
    money = load_knowledge().lexicon("en").currencies
    assert "ISK" in money.codes
    assert any(s.surface == "kr" and s.code == "ISK" for s in money.surfaces)


def test_a_tiny_knowledge_reads_a_phrase_added_as_data(tables: dict[str, str]) -> None:
    tables["en/qualifiers.toml"] = _with("en/qualifiers.toml", '"more than", ', '"more than", "north of", ')
    from claimdiff.normalize import claims_of
    from claimdiff.sources import build_source

    knowledge = load_knowledge()
    source = build_source("t.txt", "They raised north of €5 billion.", knowledge, {"language": "en"})
    assert [c.qualifier for c in claims_of(source, knowledge)] == ["more_than"]


STAGES = ["sources", "extract", "normalize", "numbers", "dates", "fx", "subjects", "compare", "descriptions", "sums"]


def _module_files(module: str) -> list[Path]:
    """The files of a stage, whether it is a module (extract.py) or a package (extract/)."""
    package = PACKAGE / module
    found = sorted(package.rglob("*.py")) if package.is_dir() else [PACKAGE / f"{module}.py"]
    assert found and all(f.is_file() for f in found), f"no source for claimdiff.{module}"
    return found


@pytest.mark.parametrize("module", STAGES)
def test_stages_never_import_the_cli_or_the_report(module: str) -> None:
    """A quick check the suite runs anywhere; the full layer contracts are import-linter's (pyproject)."""
    imported: set[str] = set()
    for path in _module_files(module):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not imported & {"claimdiff.cli", "claimdiff.report", "claimdiff.formats", "claimdiff.gate"}


LANGUAGE_CODE = re.compile(r"""["'](?:en|fr|de)(?:_[A-Z]{2})?["']""")


def _docstring_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                lines.update(range(first.lineno, (first.end_lineno or first.lineno) + 1))
    return lines


def test_no_module_names_a_language() -> None:
    """Languages are data: no code of the package names one (the lexicon finds the folders);
    docstrings and their examples may."""
    offenders = []
    for path in sorted(PACKAGE.glob("**/*.py")):
        text = path.read_text(encoding="utf-8")
        examples = _docstring_lines(ast.parse(text))
        for number, line in enumerate(text.splitlines(), start=1):
            if number not in examples and LANGUAGE_CODE.search(line.split("#")[0]):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert not offenders


CORPUS_NAMES = [
    ("spellings-are-one", {"Saint Vardel": 2, "Saint-Vardel": 1}, "Saint-Vardel", "Saint Vardel", True),
    (
        "extension-is-the-same-thing",
        {"Choose France": 2, "Choose France Summit": 1},
        "Choose France Summit",
        "Choose France",
        True,
    ),
    ("capitals-for-emphasis", {"Hyperion": 3, "HYPERION Module": 1}, "HYPERION Module", "Hyperion", True),
    (
        "coordination-names-two",
        {"Microsoft": 3, "Microsoft and Orbitex": 1},
        "Microsoft and Orbitex",
        "Microsoft",
        False,
    ),
    ("place-prefix-is-another-thing", {"France": 3, "France Travail": 1}, "France Travail", "France", False),
    ("unrelated", {"Zorbix": 2, "Mistral AI": 2}, "Zorbix", "Mistral AI", False),
    (
        "acronym-of-a-name",
        {"RTE": 3, "Réseau de Transport d’Électricité": 1},
        "RTE",
        "Réseau de Transport d’Électricité",
        True,
    ),
    (
        "acronym-of-two-names-is-neither",
        {"ABC": 1, "Alpha Beta Corp": 1, "Acme Blue Cloud": 1},
        "ABC",
        "Alpha Beta Corp",
        False,
    ),
    ("surname-of-a-full-name", {"Ferrand": 1, "Tomas Ferrand": 2}, "Ferrand", "Tomas Ferrand", True),
    (
        "surname-of-two-full-names-is-neither",
        {"Martin": 1, "Anne Martin": 1, "Paul Martin": 1},
        "Martin",
        "Anne Martin",
        False,
    ),
    ("a-known-place-is-no-surname", {"France": 2, "Choose France": 1}, "France", "Choose France", False),
]


@pytest.mark.parametrize(("used", "a", "b", "same"), [c[1:] for c in CORPUS_NAMES], ids=[c[0] for c in CORPUS_NAMES])
def test_corpus_names_that_are_one_entity(used: dict[str, int], a: str, b: str, same: bool) -> None:

    table = KNOWLEDGE.entities.extended(Counter(used), frozenset({"and", "et"}))
    assert table.same(a, b) is same
    assert (b in table.lineage(a)) is same
