"""The store's index changes what the gate reads, never what it says.

Random corpora and new sources: the gate through the index prints byte for byte what the gate
reading the whole store prints. An index that does not fit its store (the store rewritten,
rows edited behind a kept file status, a damaged or foreign index, a link in its place) is
seen, and the gate still says what the full read says. The index lives in the user's cache:
each test here has a cache folder of its own.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from claimdiff import gate as gate_module
from claimdiff import store_index
from claimdiff.cli import main
from claimdiff.store import CLAIMS_FILE, SOURCES_FILE

# A few entities and sentences about them, so that random sources often disagree.
ENTITIES = ["Arvela", "Brisko", "Cobalto", "Dunmore Energy"]
SENTENCES = {
    "en": [
        "{c} raised €{m} million in its latest funding round in {y}.",
        "In {y}, {c} announced a €{b} billion investment in data centers in France.",
        "{c} employs {n} researchers across {s} sites.",
        "{c} plans a {g} GW data center near Lyon by {y}.",
        "{c} was founded in {y} in Paris.",
        "{c}: Specializes in {activity}.",
    ],
    "fr": [
        "{c} a levé {m} millions d'euros lors de son dernier tour de table en {y}.",
        "En {y}, {c} a annoncé un investissement de {b} milliards d'euros dans des centres de données.",
        "{c} emploie {n} chercheurs sur {s} sites.",
    ],
}
ACTIVITIES = ["cloud computing for banks", "sailing boats for ocean racing", "solar panels for farms"]


def sentence(rng: random.Random) -> str:
    language = rng.choice(["en", "en", "fr"])
    return rng.choice(SENTENCES[language]).format(
        c=rng.choice(ENTITIES),
        m=rng.choice([40, 45, 120, 600]),
        b=rng.choice([1, 2, 5]),
        y=rng.choice([2023, 2024]),
        n=rng.choice([40, 60, 300]),
        s=rng.choice([3, 9]),
        g=rng.choice([1, 1.4, 2]),
        activity=rng.choice(ACTIVITIES),
    )


def write_source(path: Path, rng: random.Random, sentences: int) -> None:
    language_lines = [sentence(rng) for _ in range(sentences)]
    path.write_text("\n".join(language_lines) + "\n", encoding="utf-8")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 1, 2), result.output
    return result.exit_code, result.stdout, result.stderr


def gate(new: str, *, indexed: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """The gate's exit code, JSON and warnings, through the index or reading the whole store."""
    with monkeypatch.context() as patch:
        if not indexed:
            patch.setattr(gate_module, "open_store", lambda folder: None)
        return invoke("gate", new, "--corpus", "corpus", "--format", "json")


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's indexes in a cache folder of its own (the index lives in the user's cache)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def index_file(store: Path) -> Path:
    return store_index.index_path(store)


@pytest.fixture()
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled at once, so the index records their status (the path that skips
    reading unchanged files is the one under test)."""
    monkeypatch.setattr(store_index, "RACY_NANOSECONDS", -(10**18))


def make_corpus(root: Path, seed: int, sources: int = 12) -> random.Random:
    rng = random.Random(seed)
    (root / "corpus").mkdir()
    for number in range(sources):
        write_source(root / "corpus" / f"source_{number:02}.txt", rng, rng.randint(1, 4))
    code, _, stderr = invoke("extract", "corpus", "--write")
    assert code == 0, stderr
    return rng


# --- random stores ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(8), ids=[f"seed-{n}" for n in range(8)])
def test_the_index_changes_nothing_the_gate_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settled: None, seed: int
) -> None:
    monkeypatch.chdir(tmp_path)
    rng = make_corpus(tmp_path, seed)
    if seed % 2:  # some sources change after the store was written: they are extracted again
        for number in rng.sample(range(12), 3):
            write_source(tmp_path / "corpus" / f"source_{number:02}.txt", rng, 2)
    write_source(tmp_path / "corpus" / "new.txt", rng, 3)
    full = gate("corpus/new.txt", indexed=False, monkeypatch=monkeypatch)
    assert not (index_file(tmp_path / "claims")).exists()
    first = gate("corpus/new.txt", indexed=True, monkeypatch=monkeypatch)  # builds the index
    stamps = json.loads((index_file(tmp_path / "claims")).read_text(encoding="utf-8"))["stamps"]
    assert sum(1 for stamp in stamps if stamp) == 12 - 3 * (seed % 2)  # unchanged files: status kept
    again = gate("corpus/new.txt", indexed=True, monkeypatch=monkeypatch)  # reads it
    assert first == full
    assert again == full


def test_the_gate_reads_only_the_rows_it_can_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    make_corpus(tmp_path, 3, sources=20)
    (tmp_path / "corpus" / "new.txt").write_text("Arvela employs 500 researchers across 9 sites.\n", encoding="utf-8")
    read: list[set[str]] = []
    rows_of = store_index.IndexedStore.rows_of

    def counting(self: store_index.IndexedStore, sources: set[str]) -> list[dict[str, object]]:
        read.append(set(sources))
        return rows_of(self, sources)

    monkeypatch.setattr(store_index.IndexedStore, "rows_of", counting)
    gate("corpus/new.txt", indexed=True, monkeypatch=monkeypatch)
    stored = {json.loads(line)["source"] for line in (tmp_path / "claims" / CLAIMS_FILE).open(encoding="utf-8")}
    arvela_counts = {
        json.loads(line)["source"]
        for line in (tmp_path / "claims" / CLAIMS_FILE).open(encoding="utf-8")
        if json.loads(line)["entity"] == "Arvela" and json.loads(line)["unit"] == "count"
    }
    assert read == [arvela_counts]
    assert arvela_counts < stored


# --- an index that does not fit its store ------------------------------------------------------------


class Damage(NamedTuple):
    how: str
    rebuilt: bool  # whether the next gate finds a fresh index in its place


def _rewrite_store(store: Path) -> None:
    """Another extraction's store: one source's rows and manifest entry gone (both files change)."""
    manifest = json.loads((store / SOURCES_FILE).read_text(encoding="utf-8"))
    gone = sorted(manifest)[0]
    del manifest[gone]
    (store / SOURCES_FILE).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    rows = (store / CLAIMS_FILE).read_text(encoding="utf-8").splitlines(keepends=True)
    (store / CLAIMS_FILE).write_text("".join(r for r in rows if json.loads(r)["source"] != gone), encoding="utf-8")


def _edit_rows_keeping_status(store: Path) -> None:
    """Every row edited, and the index made to vouch for the edited file (as if its size, times
    and inode had been kept): only the rows' hashes against the manifest tell."""
    path = store / CLAIMS_FILE
    path.write_text(path.read_text(encoding="utf-8").replace('"precision": ', '"precision": -'), encoding="utf-8")
    document = json.loads((index_file(store)).read_text(encoding="utf-8"))
    document["claims"]["stamp"] = store_index.stamp_of(os.stat(path))
    (index_file(store)).write_text(json.dumps(document), encoding="utf-8")


def _damage_index(store: Path, content: bytes) -> None:
    (index_file(store)).write_bytes(content)


def _foreign_columns(store: Path) -> None:
    document = json.loads((index_file(store)).read_text(encoding="utf-8"))
    document["rows"] = [1 for _ in document["rows"]]
    (index_file(store)).write_text(json.dumps(document), encoding="utf-8")


def _wrong_runs(store: Path) -> None:
    document = json.loads((index_file(store)).read_text(encoding="utf-8"))
    document["runs"] = ["0+10" for _ in document["runs"]]
    (index_file(store)).write_text(json.dumps(document), encoding="utf-8")


DAMAGES = {
    "store-rewritten": (Damage("store", True), _rewrite_store),
    "rows-edited-status-kept": (Damage("rows", False), _edit_rows_keeping_status),
    "index-not-json": (Damage("index", True), lambda s: _damage_index(s, b"\x00not json")),
    "index-truncated": (Damage("index", True), lambda s: _damage_index(s, (index_file(s)).read_bytes()[:100])),
    "index-of-another-format": (Damage("index", True), lambda s: _damage_index(s, b'{"format": "v0"}')),
    "index-columns-foreign": (Damage("index", False), _foreign_columns),
    "index-runs-wrong": (Damage("index", False), _wrong_runs),
}


@pytest.mark.parametrize("damage", [d for d, _ in DAMAGES.values()], ids=DAMAGES.keys())
def test_an_index_that_does_not_fit_is_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settled: None, damage: Damage, request: pytest.FixtureRequest
) -> None:
    monkeypatch.chdir(tmp_path)
    rng = make_corpus(tmp_path, 11)
    write_source(tmp_path / "corpus" / "new.txt", rng, 4)
    gate("corpus/new.txt", indexed=True, monkeypatch=monkeypatch)  # builds the index
    DAMAGES[request.node.callspec.id][1](tmp_path / "claims")
    if damage.how == "rows":
        # The edited rows no longer hash to the manifest: the full read extracts every source again.
        full = gate("corpus/new.txt", indexed=False, monkeypatch=monkeypatch)
        assert "do not match sources.json" in full[2]
    else:
        full = gate("corpus/new.txt", indexed=False, monkeypatch=monkeypatch)
    assert gate("corpus/new.txt", indexed=True, monkeypatch=monkeypatch) == full
    # Rebuilt at once when the index is seen not to fit on opening; discarded (to be rebuilt by
    # the next run) when only its entries or the rows it leads to show it.
    assert (store_index.load_index(tmp_path / "claims") is not None) is damage.rebuilt
    assert gate("corpus/new.txt", indexed=True, monkeypatch=monkeypatch) == full
    assert store_index.load_index(tmp_path / "claims") is not None


def test_a_changed_source_file_is_hashed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settled: None) -> None:
    """A source whose status differs from the one recorded is read and hashed, not trusted."""
    monkeypatch.chdir(tmp_path)
    rng = make_corpus(tmp_path, 5)
    write_source(tmp_path / "corpus" / "new.txt", rng, 4)
    gate("corpus/new.txt", indexed=True, monkeypatch=monkeypatch)
    changed = tmp_path / "corpus" / "source_00.txt"
    info = os.stat(changed)
    changed.write_text("Arvela raised €999 million in its latest funding round in 2024.\n", encoding="utf-8")
    os.utime(changed, ns=(info.st_atime_ns, info.st_mtime_ns))  # the time kept: size and ctime tell
    full = gate("corpus/new.txt", indexed=False, monkeypatch=monkeypatch)
    assert gate("corpus/new.txt", indexed=True, monkeypatch=monkeypatch) == full


def test_a_link_in_place_of_the_index_is_replaced_not_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    rng = make_corpus(tmp_path, 2)
    write_source(tmp_path / "corpus" / "new.txt", rng, 2)
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me\n", encoding="utf-8")
    index_file(tmp_path / "claims").parent.mkdir(parents=True)
    index_file(tmp_path / "claims").symlink_to(target)
    full = gate("corpus/new.txt", indexed=False, monkeypatch=monkeypatch)
    assert gate("corpus/new.txt", indexed=True, monkeypatch=monkeypatch) == full
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert not (index_file(tmp_path / "claims")).is_symlink()


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    rng = make_corpus(tmp_path, 4)
    write_source(tmp_path / "corpus" / "new.txt", rng, 2)
    full = gate("corpus/new.txt", indexed=False, monkeypatch=monkeypatch)
    monkeypatch.setattr(store_index, "write_table", lambda path, data: False)  # as when not writable
    assert gate("corpus/new.txt", indexed=True, monkeypatch=monkeypatch) == full
    assert not (index_file(tmp_path / "claims")).exists()


def test_a_malformed_store_is_the_error_it_always_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    rng = make_corpus(tmp_path, 6)
    write_source(tmp_path / "corpus" / "new.txt", rng, 2)
    with (tmp_path / "claims" / CLAIMS_FILE).open("a", encoding="utf-8") as handle:
        handle.write('{"not": "a claim"}\n')
    full = gate("corpus/new.txt", indexed=False, monkeypatch=monkeypatch)
    indexed = gate("corpus/new.txt", indexed=True, monkeypatch=monkeypatch)
    assert indexed == full
    assert full[0] == 2 and "claims.jsonl:" in full[2] and "Traceback" not in full[2]
