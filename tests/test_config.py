"""The corpus config: discovery, command-line defaults and their precedence, and one-line errors
for bad configs and bad data tables; the world's general knowledge and the seeds' own cast."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdiff.cli import main
from claimdiff.config import FAIL_ON_CHOICES, FORMAT_CHOICES, SCHEMA, discover, find_config, load_config
from claimdiff.errors import ExitCode, LexiconError
from claimdiff.formats import FORMATTERS
from claimdiff.lexicon import data_text, world
from claimdiff.lexicon import files as data_files
from claimdiff.model import FAIL_ON
from claimdiff.schema import Field, Table, parse, validate, words

from .conftest import ROOT, SEEDS

# Two sources that contradict each other, about no entity claimdiff knows beforehand.
RAISED_150 = "Acme Robotics raised €150 million in 2024.\n"
RAISED_109 = "Acme Robotics raised €109 million in 2024.\n"


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git-like folder (discovery stops here) holding a contradicting corpus; the current folder.

    It lies one level inside the test's own folder, so that a case writing "../claimdiff.toml"
    writes nowhere another test looks.
    """
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "corpus").mkdir()
    (root / "corpus" / "a.txt").write_text(RAISED_150, encoding="utf-8")
    (root / "corpus" / "b.txt").write_text(RAISED_109, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# --- discovery ----------------------------------------------------------------------------

TOOL_TABLE = '[tool.claimdiff.defaults]\nformat = "json"\n'
OTHER_PYPROJECT = '[project]\nname = "x"\n'


@dataclass(frozen=True)
class Discovery:
    id: str
    files: dict[str, str]
    start: str
    found: str | None  # the config file found, relative to the repo; None: no config


DISCOVERY = [
    Discovery("claimdiff.toml in the corpus folder", {"corpus/claimdiff.toml": ""}, "corpus", "corpus/claimdiff.toml"),
    Discovery("from a file, its folder", {"corpus/claimdiff.toml": ""}, "corpus/a.txt", "corpus/claimdiff.toml"),
    Discovery("claimdiff.toml in a parent", {"claimdiff.toml": ""}, "corpus/a.txt", "claimdiff.toml"),
    Discovery("pyproject with [tool.claimdiff]", {"pyproject.toml": TOOL_TABLE}, "corpus", "pyproject.toml"),
    Discovery(
        "pyproject without [tool.claimdiff] is passed over",
        {"corpus/pyproject.toml": OTHER_PYPROJECT, "claimdiff.toml": ""},
        "corpus",
        "claimdiff.toml",
    ),
    Discovery(
        "pyproject naming claimdiff elsewhere is passed over",
        {"corpus/pyproject.toml": '[project]\ndependencies = ["claimdiff"]\n', "claimdiff.toml": ""},
        "corpus",
        "claimdiff.toml",
    ),
    Discovery(
        "claimdiff.toml before pyproject in one folder",
        {"corpus/pyproject.toml": TOOL_TABLE, "corpus/claimdiff.toml": ""},
        "corpus",
        "corpus/claimdiff.toml",
    ),
    Discovery(
        "the nearest folder wins",
        {"corpus/claimdiff.toml": "", "claimdiff.toml": ""},
        "corpus",
        "corpus/claimdiff.toml",
    ),
    Discovery(
        "a path that does not exist yet looks from its folder", {"claimdiff.toml": ""}, "new/a.txt", "claimdiff.toml"
    ),
    Discovery("no config", {}, "corpus", None),
    Discovery("stops at the folder holding .git", {"../claimdiff.toml": ""}, "corpus", None),
    Discovery(
        "a .git file (worktree) stops it too", {"corpus/.git": "gitdir: x", "claimdiff.toml": ""}, "corpus", None
    ),
]


@pytest.mark.parametrize("case", DISCOVERY, ids=[c.id for c in DISCOVERY])
def test_discovery(case: Discovery, repo: Path) -> None:
    write(repo, case.files)
    found = discover(case.start)
    assert (found.relative_to(repo).as_posix() if found else None) == case.found


def test_no_config_means_none(repo: Path) -> None:
    assert find_config("corpus") is None


# --- defaults and their precedence through the CLI -------------------------------------------


@dataclass(frozen=True)
class Precedence:
    id: str
    config: str | None  # claimdiff.toml at the repo root
    args: tuple[str, ...]
    code: int
    stdout_has: str = ""
    creates: str = ""  # a file the command must write
    cwd: str = "."


PRECEDENCE = [
    Precedence("no config: text, fail on contradiction", None, ("check", "corpus"), 1, "[error] contradiction"),
    Precedence("config format", '[defaults]\nformat = "json"\n', ("check", "corpus"), 1, '"version": 1'),
    Precedence(
        "flag beats config format",
        '[defaults]\nformat = "json"\n',
        ("check", "corpus", "--format", "text"),
        1,
        "[error]",
    ),
    Precedence("config fail_on", '[defaults]\nfail_on = "never"\n', ("check", "corpus"), 0, "[error]"),
    Precedence(
        "flag beats config fail_on",
        '[defaults]\nfail_on = "never"\n',
        ("check", "corpus", "--fail-on", "contradiction"),
        1,
    ),
    Precedence("no path, no config: seeds/ (absent here)", None, ("check",), 2),
    Precedence("config paths", '[defaults]\npaths = ["corpus"]\n', ("check",), 1, "corpus/a.txt"),
    Precedence(
        "config paths are relative to the config's folder",
        '[defaults]\npaths = ["corpus"]\n',
        ("check",),
        1,
        "../corpus/a.txt",
        cwd="sub",
    ),
    Precedence(
        "arguments beat config paths", '[defaults]\npaths = ["elsewhere"]\n', ("check", "corpus"), 1, "corpus/b.txt"
    ),
    Precedence("report: built-in output", None, ("report", "corpus"), 0, creates="reports/discrepancies.html"),
    Precedence(
        "report: config output", '[defaults]\nreport = "out/r.html"\n', ("report", "corpus"), 0, creates="out/r.html"
    ),
    Precedence(
        "report: -o beats config",
        '[defaults]\nreport = "out/r.html"\n',
        ("report", "corpus", "-o", "mine.html"),
        0,
        creates="mine.html",
    ),
    Precedence("report: config paths", '[defaults]\npaths = ["corpus"]\n', ("report",), 0, "2 sources"),
    Precedence("store: built-in", None, ("extract", "corpus", "--write"), 0, creates="claims/claims.jsonl"),
    Precedence(
        "store: config",
        '[defaults]\nstore = "kept"\n',
        ("extract", "corpus", "--write"),
        0,
        creates="kept/claims.jsonl",
    ),
    Precedence(
        "store: --store beats config",
        '[defaults]\nstore = "kept"\n',
        ("--store", "mine", "extract", "corpus", "--write"),
        0,
        creates="mine/claims.jsonl",
    ),
    Precedence("max_bytes: config", "[defaults]\nmax_bytes = 10\n", ("check", "corpus/a.txt"), 2),
    Precedence(
        "max_bytes: --max-bytes beats config",
        "[defaults]\nmax_bytes = 10\n",
        ("--max-bytes", "1000", "check", "corpus/a.txt"),
        0,
    ),
    Precedence(
        "gate: config paths are the corpus, config format",
        '[defaults]\npaths = ["corpus"]\nformat = "json"\n',
        ("gate", "corpus/b.txt"),
        1,
        '"version": 1',
    ),
    Precedence(
        "gate: --corpus and --format beat config",
        '[defaults]\npaths = ["elsewhere"]\nformat = "json"\n',
        ("gate", "corpus/b.txt", "--corpus", "corpus", "--format", "text"),
        1,
        "[error]",
    ),
    Precedence(
        "gate: config fail_on", '[defaults]\npaths = ["corpus"]\nfail_on = "never"\n', ("gate", "corpus/b.txt"), 0
    ),
]


@pytest.mark.parametrize("case", PRECEDENCE, ids=[c.id for c in PRECEDENCE])
def test_defaults_precedence(case: Precedence, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if case.config is not None:
        write(repo, {"claimdiff.toml": case.config})
    (repo / case.cwd).mkdir(exist_ok=True)
    monkeypatch.chdir(repo / case.cwd)
    code, out, err = run(*case.args)
    assert code == case.code, err
    assert case.stdout_has in out
    if case.creates:
        assert (repo / case.creates).is_file()


def test_explicit_config_beats_discovery(repo: Path) -> None:
    write(
        repo,
        {"corpus/claimdiff.toml": '[defaults]\nformat = "json"\n', "other.toml": '[defaults]\nfail_on = "never"\n'},
    )
    code, out, _ = run("--config", "other.toml", "check", "corpus")
    assert code == 0 and out.startswith("[error]")


def test_explicit_pyproject(repo: Path) -> None:
    write(repo, {"conf/pyproject.toml": TOOL_TABLE})
    code, out, _ = run("--config", "conf/pyproject.toml", "check", "corpus")
    assert code == 1 and json.loads(out)["version"] == 1


def test_config_reaches_the_pipeline(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``load_corpus`` receives the config (the subjects stage will read its cast from it)."""
    write(repo, {"corpus/claimdiff.toml": '[[entity]]\nname = "Acme Robotics"\nkind = "organisation"\n'})
    seen = []
    import claimdiff.cli

    original = claimdiff.cli.load_corpus
    monkeypatch.setattr(claimdiff.cli, "load_corpus", lambda *a, **k: seen.append(k["config"]) or original(*a, **k))
    assert run("check", "corpus")[0] == 1
    assert [e.name for e in seen[0].entities] == ["Acme Robotics"]


def test_choices_match_the_cli() -> None:
    assert FAIL_ON_CHOICES == tuple(FAIL_ON) and FORMAT_CHOICES == tuple(sorted(FORMATTERS))


def test_config_contents(repo: Path) -> None:
    write(
        repo,
        {
            "claimdiff.toml": """\
[defaults]
paths = ["corpus", "more/"]

[[entity]]
name = "Acme Robotics"
kind = "organisation"
aliases = ["Acme"]
part_of = "Germany"

[metrics.en.money]
investment = ["capex", "Outlays"]
[metrics.de.other]
capacity = ["Leistung"]
"""
        },
    )
    config = load_config("claimdiff.toml")
    assert config.path == Path("claimdiff.toml") and config.defaults.paths == ("corpus", "more")
    (entity,) = config.entities
    assert (entity.name, entity.kind, entity.aliases, entity.part_of) == (
        "Acme Robotics",
        "organisation",
        ("Acme",),
        "Germany",
    )
    assert config.metric_words["en"].money == {"capex": "investment", "outlays": "investment"}
    assert config.metric_words["de"].other == {"leistung": "capacity"}


def test_readme_example_is_valid_and_documents_every_key(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Corpus configuration", 1)[1].split("\n## ", 1)[0]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "claimdiff.toml").write_text(example, encoding="utf-8")
    config = load_config(tmp_path / "claimdiff.toml")
    assert config.entities[0].part_of == "France" and config.defaults.max_bytes == 52428800
    documented = set(tomllib.loads(example)) | set(tomllib.loads(example)["defaults"])
    assert documented >= set(SCHEMA.fields) | set(SCHEMA.fields["defaults"].table.fields)  # type: ignore[union-attr]


# --- errors: one line, file:line, exit 2 ----------------------------------------------------

ENTITY = '[[entity]]\nname = "Mistral AI"\nkind = "organisation"\n'
PART_OF_FRANCE = '[[entity]]\nname = "Acme"\nkind = "organisation"\npart_of = "France"\n'


def run_config(repo: Path, name: str, text: str) -> tuple[int, str]:
    """A bad corpus config (found by discovery, or named with --config)."""
    write(repo, {f"corpus/{name}": text})
    args = (
        ("check", "corpus") if name in ("claimdiff.toml", "pyproject.toml") else ("--config", f"corpus/{name}", "check")
    )
    code, _, err = run(*args)
    return code, err


def run_missing(repo: Path, name: str, text: str) -> tuple[int, str]:
    """--config naming a file that is not there."""
    code, _, err = run("--config", name, "check", "corpus")
    return code, err


def run_world(repo: Path, name: str, text: str) -> tuple[int, str]:
    """A bad data/world.toml, met by a config whose part_of needs the world."""
    write(repo, {"corpus/claimdiff.toml": PART_OF_FRANCE})
    original = data_files.data_text
    data_files.data_text = lambda n: text if n == "common/world.toml" else original(n)  # type: ignore[assignment]
    try:
        code, _, err = run("check", "corpus")
    finally:
        data_files.data_text = original  # type: ignore[assignment]
    return code, err


# Tables shaped like data/units.toml and data/currencies.toml, checked by the named checks.
UNITS = Table(
    {
        "unit": Field(
            "list",
            items=Field(
                "table", table=Table({"pint": Field("string", required=True, check="pint_unit"), "symbols": words()})
            ),
        )
    }
)
CURRENCIES = Table(
    {"currency": Field("list", items=Field("table", table=Table({"code": Field("string", check="currency_code")})))}
)
TABLE_SCHEMAS = {"units.toml": UNITS, "currencies.toml": CURRENCIES}


def run_table(repo: Path, name: str, text: str) -> tuple[int, str]:
    """A bad data table of the package, validated as the lexicon loader will."""
    try:
        validate(parse(text, f"data/{name}"), TABLE_SCHEMAS[name])
    except LexiconError as exc:
        return exc.exit_code, f"claimdiff: error: {exc}\n"
    return ExitCode.OK, ""


@dataclass(frozen=True)
class Bad:
    id: str
    run: Callable[[Path, str, str], tuple[int, str]]
    name: str
    text: str
    message: str
    marks: list[pytest.MarkDecorator] = field(default_factory=list)


WORLD = data_text("common/world.toml")
WORLD_LOADED = world.load_world()
BAD = [
    # corpus configs
    Bad(
        "misspelt section",
        run_config,
        "claimdiff.toml",
        '[defauts]\nformat = "json"\n',
        "corpus/claimdiff.toml:1: unknown section [defauts] (did you mean [defaults]?)",
    ),
    Bad(
        "misspelt array section",
        run_config,
        "claimdiff.toml",
        '[[entities]]\nname = "X"\n',
        "corpus/claimdiff.toml:1: unknown section [[entities]] (did you mean [[entity]]?)",
    ),
    Bad(
        "misspelt key",
        run_config,
        "claimdiff.toml",
        '[defaults]\nfail-on = "any"\n',
        "corpus/claimdiff.toml:2: unknown key 'fail-on' in [defaults] (did you mean 'fail_on'?)",
    ),
    Bad(
        "unknown root key",
        run_config,
        "claimdiff.toml",
        'colour = "red"\n',
        "corpus/claimdiff.toml:1: unknown key 'colour'",
    ),
    Bad(
        "missing key",
        run_config,
        "claimdiff.toml",
        ENTITY + '\n[[entity]]\nkind = "place"\n',
        "corpus/claimdiff.toml:5: [[entity]] is missing the required key 'name'",
    ),
    Bad(
        "aliases as a string",
        run_config,
        "claimdiff.toml",
        ENTITY + 'aliases = "Mistral"\n',
        "corpus/claimdiff.toml:4: [[entity]] 'aliases' must be a list of strings; got the string 'Mistral'",
    ),
    Bad(
        "a number written as a string",
        run_config,
        "claimdiff.toml",
        '[defaults]\nmax_bytes = "5"\n',
        "corpus/claimdiff.toml:2: [defaults] 'max_bytes' must be an integer; got the string '5'",
    ),
    Bad(
        "a boolean for a number",
        run_config,
        "claimdiff.toml",
        "[defaults]\nmax_bytes = true\n",
        "corpus/claimdiff.toml:2: [defaults] 'max_bytes' must be an integer; got the boolean true",
    ),
    Bad(
        "max_bytes below 1",
        run_config,
        "claimdiff.toml",
        "[defaults]\nmax_bytes = 0\n",
        "corpus/claimdiff.toml:2: [defaults] 'max_bytes' must be at least 1; got 0",
    ),
    Bad(
        "unknown kind",
        run_config,
        "claimdiff.toml",
        '[[entity]]\nname = "Mistral AI"\nkind = "compnay"\n',
        "corpus/claimdiff.toml:3: [[entity]] 'kind' must be one of organisation, place, event, programme, facility, person; got 'compnay'",
    ),
    Bad(
        "unknown fail_on",
        run_config,
        "claimdiff.toml",
        '[defaults]\nfail_on = "all"\n',
        "corpus/claimdiff.toml:2: [defaults] 'fail_on' must be one of contradiction, any, never; got 'all'",
    ),
    Bad(
        "empty name",
        run_config,
        "claimdiff.toml",
        '[[entity]]\nname = " "\nkind = "place"\n',
        "corpus/claimdiff.toml:2: [[entity]] 'name' must not be empty",
    ),
    Bad(
        "empty alias",
        run_config,
        "claimdiff.toml",
        ENTITY + 'aliases = [\n  "Mistral",\n  "",\n]\n',
        "corpus/claimdiff.toml:6: [[entity]] 'aliases' item 2 must not be empty",
    ),
    Bad(
        "part_of naming nothing",
        run_config,
        "claimdiff.toml",
        ENTITY + 'part_of = "Atlantis"\n',
        "corpus/claimdiff.toml:4: [[entity]] 'part_of' names no entity of this file or a built-in one: 'Atlantis'",
    ),
    Bad(
        "part_of misspelt",
        run_config,
        "claimdiff.toml",
        ENTITY + 'part_of = "Frnace"\n',
        "corpus/claimdiff.toml:4: [[entity]] 'part_of' names no entity of this file or a built-in one: 'Frnace' (did you mean 'France'?)",
    ),
    Bad(
        "part_of naming an alias",
        run_config,
        "claimdiff.toml",
        ENTITY + 'part_of = "USA"\n',
        "corpus/claimdiff.toml:4: [[entity]] 'part_of' names no entity of this file or a built-in one: 'USA' (did you mean 'United States'?)",
    ),
    Bad(
        "part_of in a cycle",
        run_config,
        "claimdiff.toml",
        '[[entity]]\nname = "A"\nkind = "place"\npart_of = "B"\n[[entity]]\nname = "B"\nkind = "place"\npart_of = "A"\n',
        "corpus/claimdiff.toml:4: [[entity]] 'part_of' makes a cycle: A -> B -> A",
    ),
    Bad(
        "duplicate alias in a list",
        run_config,
        "claimdiff.toml",
        ENTITY + 'aliases = [\n  "Mistral",\n  "Mistral AI",\n  "Mistral",\n]\n',
        "corpus/claimdiff.toml:7: [[entity]] 'aliases' lists 'Mistral' twice",
    ),
    Bad(
        "duplicate alias across entities",
        run_config,
        "claimdiff.toml",
        ENTITY + 'aliases = ["Mistral"]\n[[entity]]\nname = "Mistral Wind"\nkind = "event"\naliases = ["mistral"]\n',
        "corpus/claimdiff.toml:8: [[entity]] 'aliases' lists 'mistral', already an alias of 'Mistral AI'",
    ),
    Bad(
        "duplicate entity",
        run_config,
        "claimdiff.toml",
        ENTITY + ENTITY,
        "corpus/claimdiff.toml:5: [[entity]] 'Mistral AI' is listed twice",
    ),
    Bad(
        "metrics: unknown language",
        run_config,
        "claimdiff.toml",
        '[metrics.es.money]\ninvestment = ["inversión"]\n',
        "corpus/claimdiff.toml:1: unknown section [metrics.es]",
    ),
    Bad(
        "metrics: misspelt section",
        run_config,
        "claimdiff.toml",
        '[metrics.en.mony]\ninvestment = ["capex"]\n',
        "corpus/claimdiff.toml:1: unknown section [metrics.en.mony] (did you mean [metrics.en.money]?)",
    ),
    Bad(
        "metrics: words as a string",
        run_config,
        "claimdiff.toml",
        '[metrics.en.money]\ninvestment = "capex"\n',
        "corpus/claimdiff.toml:2: [metrics.en.money] 'investment' must be a list of strings; got the string 'capex'",
    ),
    Bad(
        "metrics: one word, two metrics",
        run_config,
        "claimdiff.toml",
        '[metrics.fr.money]\ninvestment = ["capex"]\nbudget = ["dotation", "Capex"]\n',
        "corpus/claimdiff.toml:3: [metrics.fr.money] 'budget' lists 'Capex', already a word of 'investment'",
    ),
    Bad(
        "TOML syntax error",
        run_config,
        "claimdiff.toml",
        '[defaults]\npaths = ["a"\nformat = "json"\n',
        "corpus/claimdiff.toml:3: invalid TOML: Unclosed array at column 1",
    ),
    Bad(
        "TOML syntax error at the end",
        run_config,
        "claimdiff.toml",
        "[defaults]\npaths = [\n",
        "corpus/claimdiff.toml:2: invalid TOML: Invalid value at the end of the file",
    ),
    Bad(
        "TOML duplicate key",
        run_config,
        "claimdiff.toml",
        "[defaults]\nmax_bytes = 1\nmax_bytes = 2\n",
        "corpus/claimdiff.toml:3: invalid TOML: Cannot overwrite a value at column 14",
    ),
    Bad(
        "pyproject: bad choice",
        run_config,
        "pyproject.toml",
        '[tool.claimdiff.defaults]\nformat = "yaml"\n',
        "corpus/pyproject.toml:2: [tool.claimdiff.defaults] 'format' must be one of github, gitlab, json, junit, markdown, sarif, text; got 'yaml'",
    ),
    Bad(
        "pyproject: misspelt section",
        run_config,
        "pyproject.toml",
        '[tool.claimdiff.default]\nformat = "json"\n',
        "corpus/pyproject.toml:1: unknown section [tool.claimdiff.default] (did you mean [tool.claimdiff.defaults]?)",
    ),
    Bad(
        "--config: no [tool.claimdiff]",
        run_config,
        "conf/pyproject.toml",
        OTHER_PYPROJECT,
        "corpus/conf/pyproject.toml: no [tool.claimdiff] table",
    ),
    Bad(
        "--config: no such file",
        run_missing,
        "nope/x.toml",
        "",
        "nope/x.toml: cannot be read (No such file or directory)",
    ),
    # the package's data tables
    Bad(
        "world: unknown territory",
        run_world,
        "world.toml",
        WORLD + '\n[territory.XY]\nname = "Nowhere"\n',
        "data/common/world.toml:{[territory.XY]}: [territory] names 'XY', which is not an ISO 3166 territory code CLDR knows",
    ),
    Bad(
        "world: demonym of two countries",
        run_world,
        "world.toml",
        WORLD.replace('en = ["Swiss"]', 'en = ["Swiss", "French"]'),
        "data/common/world.toml:{\"Swiss\", \"French\"}: 'French' would name both 'Switzerland' and 'France'",
    ),
    Bad(
        "world: body of unknown kind",
        run_world,
        "world.toml",
        WORLD + '\n[[body]]\nname = "Nowhere"\nkind = "club"\n',
        "data/common/world.toml:{club}: [[body]] 'kind' must be one of organisation, place, event, programme, facility, person; got 'club'",
    ),
    Bad(
        "world: part_of names no body",
        run_world,
        "world.toml",
        WORLD + '\n[[body]]\nname = "Nowhere"\nkind = "place"\npart_of = "Atlantis"\n',
        "data/common/world.toml:{Atlantis}: [[body]] 'part_of' names no entity: 'Atlantis'",
    ),
    Bad(
        "world: misspelt section",
        run_world,
        "world.toml",
        WORLD.replace("[inflection.fr]", "[inflexion.fr]"),
        "data/common/world.toml:{inflexion}: unknown section [inflexion] (did you mean [inflection]?)",
    ),
    Bad(
        "world: a language it does not know",
        run_world,
        "world.toml",
        WORLD.replace("articles.de", "articles.dk"),
        "data/common/world.toml:{articles.dk}: unknown key 'dk' in [settings.articles]",
    ),
    Bad(
        "units: unknown pint unit",
        run_table,
        "units.toml",
        '[[unit]]\npint = "watt"\n\n[[unit]]\npint = "gigawat"\nsymbols = ["GW"]\n',
        "data/units.toml:5: [[unit]] 'pint' is not a unit pint knows: 'gigawat'",
    ),
    Bad(
        "units: missing pint",
        run_table,
        "units.toml",
        '[[unit]]\nsymbols = ["W"]\n',
        "data/units.toml:1: [[unit]] is missing the required key 'pint'",
    ),
    Bad(
        "currencies: unknown code",
        run_table,
        "currencies.toml",
        '[[currency]]\ncode = "EUR"\n[[currency]]\ncode = "EURO"\n',
        "data/currencies.toml:4: [[currency]] 'code' is not a currency code babel knows: 'EURO'",
    ),
    Bad(
        "currencies: misspelt array",
        run_table,
        "currencies.toml",
        '[[currencies]]\ncode = "EUR"\n',
        "data/currencies.toml:1: unknown section [[currencies]] (did you mean [[currency]]?)",
    ),
]


def expected_line(message: str, text: str) -> str:
    """Fill {needle} in a message with the number of the first line of ``text`` holding the needle."""
    lines = text.splitlines()
    start, end = message.find(":{"), message.find("}:")
    if start < 0:
        return message
    needle = message[start + 2 : end]
    number = next(i for i, line in enumerate(lines, start=1) if needle in line)
    return f"{message[: start + 1]}{number}{message[end + 1 :]}"


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=c.marks) for c in BAD])
def test_bad_config_or_table(case: Bad, repo: Path) -> None:
    code, err = case.run(repo, case.name, case.text)
    assert code == ExitCode.ERROR
    assert err == f"claimdiff: error: {expected_line(case.message, case.text)}\n"


# --- the world: general knowledge -----------------------------------------------------------

LOOKUPS = {
    "France": "France",
    "la France": "France",
    "Frankreich": "France",
    "l'Hexagone": "France",
    "französischen": "France",
    "françaises": "France",
    "the French": "France",
    "USA": "United States",
    "U.S.": "United States",
    "les États-Unis": "United States",
    "den Vereinigten Staaten": "United States",
    "U.K.": "United Kingdom",
    "Großbritannien": "United Kingdom",
    "the Netherlands": "Netherlands",
    "les Pays-Bas": "Netherlands",
    "Niederlande": "Netherlands",
    "l'Allemagne": "Germany",
    "deutsche": "Germany",
    "Schweizer": "Switzerland",
    "die Schweiz": "Switzerland",
    "Trinidad and Tobago": "Trinidad & Tobago",
    "Côte d'Ivoire": "Côte d’Ivoire",
    "Ivory Coast": "Côte d’Ivoire",
    "RDC": "Democratic Republic of the Congo",
    "Congolese": "Democratic Republic of the Congo",
    "EU": "European Union",
    "Union européenne": "European Union",
    "EZB": "European Central Bank",
    "OTAN": "NATO",
    "Vereinten Nationen": "United Nations",
    "Commission européenne": "European Commission",
    "FMI": "International Monetary Fund",
}


@pytest.mark.parametrize(("surface", "name"), LOOKUPS.items(), ids=list(LOOKUPS))
def test_world_lookup(surface: str, name: str) -> None:
    found = WORLD_LOADED.lookup(surface)
    assert found is not None and found.name == name


def test_demonyms_are_not_aliases() -> None:
    france = WORLD_LOADED.lookup("France")
    assert france is not None and france.code == "FR"
    assert {"French", "französische", "françaises"} <= set(france.demonyms)
    assert not {"French", "français", "französisch"} & set(france.aliases)


def test_every_cldr_territory_is_a_place() -> None:
    entities = WORLD_LOADED.entities
    codes = {e.code for e in entities if e.code}
    assert len(codes) > 240 and {"FR", "DE", "GF", "PF", "GL"} <= codes
    assert not {"EU", "EZ", "UN", "QO", "ZZ"} & codes
    assert all(e.kind == "place" for e in entities if e.code)


# (id, surface, the city it names, the country it lies in; "" when no city)
CITIES = [
    ("english-name", "Paris", "Paris", "France"),
    ("french-name", "Londres", "London", "United Kingdom"),
    ("german-name", "Wien", "Vienna", "Austria"),
    ("two-words", "Mexico City", "Mexico City", "Mexico"),
    ("a-zone-of-three-parts", "Buenos Aires", "Buenos Aires", "Argentina"),
    ("an-ocean-zone", "Auckland", "Auckland", "New Zealand"),
    ("a-word-more-often-than-a-city", "Oral", "", ""),
    ("a-person-more-often-than-a-city", "Darwin", "", ""),
    ("a-city-written-with-its-region", "Knox, Indiana", "", ""),
    ("country-name-stays-the-country", "Mexico", "", ""),
    ("city-state-stays-the-country", "Singapore", "", ""),
    ("antarctic-station-named-after-a-person", "Casey", "", ""),
    ("ocean-island", "Christmas Island", "", ""),
]


@pytest.mark.parametrize(("surface", "city", "country"), [c[1:] for c in CITIES], ids=[c[0] for c in CITIES])
def test_cities_are_places_of_a_country(surface: str, city: str, country: str) -> None:
    found = WORLD_LOADED.lookup(surface)
    if not city:
        assert found is None or found.code
        return
    assert found is not None and (found.name, found.kind, found.part_of, found.code) == (city, "place", "", "")
    countries = {e.code: e.name for e in WORLD_LOADED.entities if e.code}
    assert countries[found.country] == country


# The 60 most populous countries (UN estimates, 2024) and the EU members: demonyms in en, fr, de.
POPULOUS = "IN CN US ID PK NG BR BD RU ET MX JP EG PH CD VN IR TR DE TH TZ GB FR ZA IT KE MM CO KR SD UG ES DZ IQ AR AF YE CA AO UA MA PL UZ MY MZ GH PE SA MG CI NP CM VE NE AU KP SY ML BF TW"
EU_MEMBERS = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"


@pytest.mark.parametrize("code", sorted(set(POPULOUS.split()) | set(EU_MEMBERS.split())))
def test_demonyms_in_three_languages(code: str) -> None:
    table = tomllib.loads(data_text("common/world.toml"))["territory"][code]
    assert set(table["demonyms"]) == {"en", "fr", "de"}


def test_languages_are_a_parameter() -> None:
    in_french = world.load_world(languages=("fr",))
    french = {e.name: e for e in in_french.entities}
    assert "Allemagne" in french["Germany"].aliases and "Deutschland" not in french["Germany"].aliases
    assert "allemandes" in french["Germany"].demonyms and "deutsche" not in french["Germany"].demonyms
    assert in_french.lookup("Deutschland") is None


def test_world_holds_no_corpus_cast() -> None:
    kinds = {e.kind for e in WORLD_LOADED.entities}
    assert kinds <= {"place", "organisation"}


# --- the seeds' own cast ---------------------------------------------------------------------


def test_seeds_cast_is_not_in_the_world() -> None:
    config = load_config(SEEDS / "claimdiff.toml")
    assert len(config.entities) >= 15
    known = {e.name for e in WORLD_LOADED.entities}
    for entity in config.entities:
        assert entity.name not in known
        assert [a for a in (entity.name, *entity.aliases) if WORLD_LOADED.lookup(a)] == [], entity.name


def test_seeds_config_is_found_from_the_seeds() -> None:
    assert discover(SEEDS / "000_c4af9ef9ed814ed7.txt") == SEEDS / "claimdiff.toml"
