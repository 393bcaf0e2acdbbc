"""README.md's "Command line" section is the CLI's real --help, as tools/readme_cli.py writes it."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import ROOT

FIX = "run `python tools/readme_cli.py` and commit README.md"


def _load_script() -> ModuleType:
    """tools/ is no package: load the script from its file, as `python tools/readme_cli.py` does."""
    spec = importlib.util.spec_from_file_location("readme_cli", ROOT / "tools" / "readme_cli.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


readme_cli = _load_script()
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = [readme_cli.command_name(path) for path in readme_cli.commands()]


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_shows_the_real_help(command: str) -> None:
    expected = readme_cli.expected_blocks()[command]
    found = readme_cli.readme_blocks(README).get(command)
    assert found is not None, f"README.md does not show `{command} --help`: {FIX}"
    assert found == expected, f"README.md's `{command} --help` differs from the CLI: {FIX}"


def test_readme_shows_no_other_command_and_nothing_else_in_the_section() -> None:
    extra = sorted(set(readme_cli.readme_blocks(README)) - set(COMMANDS))
    assert extra == [], f"README.md shows the help of commands the CLI no longer has {extra}: {FIX}"
    assert readme_cli.stale_commands(README) == [], FIX


def test_the_top_level_and_every_subcommand_are_covered() -> None:
    assert COMMANDS[0] == "claimdiff"
    assert {"claimdiff report", "claimdiff extract", "claimdiff check", "claimdiff gate"} <= set(COMMANDS)


def test_the_help_does_not_depend_on_the_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    renders = []
    for columns in ("40", "300"):
        monkeypatch.setenv("COLUMNS", columns)
        renders.append(readme_cli.render())
    assert renders[0] == renders[1]


def test_a_stale_block_is_named_and_rewritten(tmp_path: Path) -> None:
    current = readme_cli.update(README)
    stale = current.replace("Show tracebacks on errors.", "Show tracebacks.", 1)
    assert stale != current
    assert readme_cli.stale_commands(stale) == ["claimdiff"]
    assert readme_cli.update(stale) == current
    readme = tmp_path / "README.md"
    readme.write_text(stale, encoding="utf-8")
    assert readme_cli.run(["--check", "--readme", str(readme)]) == 1
    assert readme_cli.run(["--readme", str(readme)]) == 0
    assert readme.read_text(encoding="utf-8") == current
    assert readme_cli.run(["--check", "--readme", str(readme)]) == 0


def test_a_readme_without_markers_is_an_error_not_a_rewrite(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# project\n\nNo generated section here.\n", encoding="utf-8")
    assert readme_cli.run(["--readme", str(readme)]) == 2
    assert readme.read_text(encoding="utf-8") == "# project\n\nNo generated section here.\n"
