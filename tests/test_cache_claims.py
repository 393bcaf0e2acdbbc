"""The per-source claims cache (claimdiff.claim_cache): a hit gives exactly what analysis
gives, a changed input is never served from it, a damaged entry is analysed again."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimdiff import claim_cache, pipeline
from claimdiff.cli import main
from claimdiff.lexicon import files, fingerprint, load_knowledge
from claimdiff.sources import iter_source_paths

from .conftest import KNOWLEDGE, ROOT, SEEDS

Analysis = claim_cache.Analysis


@pytest.fixture(autouse=True)
def claims_cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suite turns the cache off (conftest); these tests are about it."""
    monkeypatch.setenv(claim_cache.SWITCH, "on")


@pytest.fixture()
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "claimdiff" / claim_cache.FOLDER


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Arvela raised €900 million in 2024, with 120 employees.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Arvela raised €950 million in 2024.\n", encoding="utf-8")
    (folder / "sources.toml").write_text('["a.txt"]\npublished = "2025-01-02"\n', encoding="utf-8")
    return folder


def _analyse(path: Path, knowledge: object = KNOWLEDGE, max_bytes: int = 1_000_000) -> Analysis:
    pipeline._KNOWLEDGE[:] = [knowledge]
    pipeline._METADATA.clear()
    return pipeline._analyse_path((str(path), max_bytes, False))


def _entries(cache_home: Path) -> list[Path]:
    return sorted(cache_home.rglob("*.json")) if cache_home.exists() else []


def _key(path: Path, knowledge: object = KNOWLEDGE, max_bytes: int = 1_000_000) -> str | None:
    return claim_cache.entry_key(path, max_bytes, knowledge, {})  # type: ignore[arg-type]


def _forbid_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    def analysed(job: tuple[str, int, bool]) -> Analysis:
        raise AssertionError(f"{job[0]} analysed again")

    monkeypatch.setattr(pipeline, "_analyse_file", analysed)


def _same(cached: Analysis, fresh: Analysis) -> None:
    # repr tells a tuple from a list and 1 from 1.0, which == does not.
    assert repr(cached[1]) == repr(fresh[1])
    assert cached[2] == fresh[2]
    assert cached[0] is not None and fresh[0] is not None
    for name in ("path", "language", "metadata", "encoding", "warnings", "digest"):
        assert getattr(cached[0], name) == getattr(fresh[0], name), name


@pytest.mark.parametrize("path", sorted(iter_source_paths([str(SEEDS)], [])), ids=lambda p: p.name)
def test_a_hit_is_exactly_the_analysis(cache_home: Path, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    fresh = _analyse(path)
    assert len(_entries(cache_home)) == 1
    _forbid_analysis(monkeypatch)
    _same(_analyse(path), fresh)


def test_check_twice_is_byte_identical_and_the_second_analyses_nothing(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = CliRunner().invoke(main, ["check", str(SEEDS), "--format", "json"])
    assert first.exit_code == 1, first.output
    _forbid_analysis(monkeypatch)
    second = CliRunner().invoke(main, ["check", str(SEEDS), "--format", "json"])
    assert second.exit_code == 1, second.output
    assert second.output == first.output


def _change_text(folder: Path) -> None:
    (folder / "a.txt").write_text("Arvela raised €700 million in 2024, with 120 employees.\n", encoding="utf-8")


def _change_metadata(folder: Path) -> None:
    (folder / "sources.toml").write_text('["a.txt"]\npublished = "2025-03-04"\n', encoding="utf-8")


def _add_metadata_of_another_file(folder: Path) -> None:
    (folder / "sources.toml").write_text(
        '["a.txt"]\npublished = "2025-01-02"\n["b.txt"]\nlanguage = "fr"\n', encoding="utf-8"
    )


# (id, how the corpus changes, whether a.txt's entry still serves)
CHANGES: list[tuple[str, Callable[[Path], None], bool]] = [
    ("text-changed", _change_text, False),
    ("metadata-changed", _change_metadata, False),
    ("another-file's-metadata", _add_metadata_of_another_file, True),
    ("nothing", lambda folder: None, True),
]


@pytest.mark.parametrize(("change", "still_served"), [c[1:] for c in CHANGES], ids=[c[0] for c in CHANGES])
def test_a_changed_source_is_analysed_again(
    cache_home: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], None], still_served: bool
) -> None:
    _analyse(corpus / "a.txt")
    change(corpus)
    calls: list[str] = []
    original = pipeline._analyse_file
    monkeypatch.setattr(pipeline, "_analyse_file", lambda job: calls.append(job[0]) or original(job))
    result = _analyse(corpus / "a.txt")
    assert calls == ([] if still_served else [str(corpus / "a.txt")])
    monkeypatch.setattr(pipeline, "_analyse_file", original)
    assert result[1], "claims"
    assert repr(result[1]) == repr(original((str(corpus / "a.txt"), 1_000_000, False))[1])


def test_a_larger_bound_or_another_path_is_another_entry(cache_home: Path, corpus: Path) -> None:
    moved = corpus / "c.txt"
    shutil.copy(corpus / "a.txt", moved)
    keys = {_key(corpus / "a.txt"), _key(corpus / "a.txt", max_bytes=2_000_000), _key(moved)}
    assert len(keys) == 3 and None not in keys
    _analyse(corpus / "a.txt")
    claims = _analyse(moved)[1]
    assert {c.source for c in claims} == {str(moved)}
    assert len(_entries(cache_home)) == 2


def test_the_cache_keeps_one_entry_a_file(cache_home: Path, corpus: Path) -> None:
    _analyse(corpus / "a.txt")
    (before,) = _entries(cache_home)
    _change_text(corpus)
    _analyse(corpus / "a.txt")
    (after,) = _entries(cache_home)
    assert after != before and after.parent == before.parent


def test_the_knowledge_names_the_entry(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimdiff.config import load_config

    config = corpus / "claimdiff.toml"
    config.write_text('[[entity]]\nname = "Arvela"\nkind = "organisation"\naliases = ["Arvela SA"]\n')
    with_entity = pipeline.knowledge_for(load_config(config))
    original = files.data_text
    monkeypatch.setattr(files, "data_text", lambda name: original(name) + ("\n# x\n" if name.endswith(".toml") else ""))
    with_data_changed = load_knowledge()
    monkeypatch.setattr(files, "data_text", original)
    knowledges = [KNOWLEDGE, with_entity, with_data_changed]
    assert len({fingerprint(k) for k in knowledges}) == 3
    assert len({_key(corpus / "a.txt", knowledge) for knowledge in knowledges}) == 3
    assert fingerprint(load_knowledge()) == fingerprint(KNOWLEDGE)


def test_a_knowledge_of_unknown_make_is_never_cached(cache_home: Path, corpus: Path) -> None:
    changed = dataclasses.replace(KNOWLEDGE, named_units={})
    assert fingerprint(changed) is None
    assert _analyse(corpus / "a.txt", changed)[1]
    assert not _entries(cache_home)


def test_the_fingerprint_is_the_same_in_every_process() -> None:
    # Sets iterate in another order in each process (string hashing is salted).
    script = (
        "from claimdiff.config import load_config; from claimdiff.pipeline import knowledge_for;"
        "from claimdiff.lexicon import fingerprint;"
        f"print(fingerprint(knowledge_for(load_config({str(SEEDS / 'claimdiff.toml')!r}))))"
    )
    seen = set()
    for seed in ("1", "2"):
        environment = os.environ | {"PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        seen.add(done.stdout.strip())
    assert len(seen) == 1 and len(seen.pop()) == 64


def _truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _flip_a_claim_value(data: bytes) -> bytes:
    return data.replace(b"900000000.0", b"800000000.0", 1)


def _well_formed_but_another_key(data: bytes) -> bytes:
    import hashlib

    check, _, body = data.partition(b"\n")
    document = json.loads(body)
    document["key"] = "0" * 64
    body = json.dumps(document).encode()
    return hashlib.sha256(body).hexdigest().encode() + b"\n" + body


def _well_formed_but_not_claims(data: bytes) -> bytes:
    import hashlib

    body = json.dumps({"key": "x", "claims": 3}).encode()
    return hashlib.sha256(body).hexdigest().encode() + b"\n" + body


DAMAGE: list[tuple[str, Callable[[bytes], bytes]]] = [
    ("empty", lambda data: b""),
    ("truncated", _truncate),
    ("not-json", lambda data: b"\x00\xff garbage"),
    ("a-value-changed", _flip_a_claim_value),
    ("another-analysis", _well_formed_but_another_key),
    ("no-analysis", _well_formed_but_not_claims),
]


@pytest.mark.parametrize("damage", [d[1] for d in DAMAGE], ids=[d[0] for d in DAMAGE])
def test_a_damaged_entry_is_analysed_again_and_replaced(
    cache_home: Path, corpus: Path, damage: Callable[[bytes], bytes]
) -> None:
    fresh = _analyse(corpus / "a.txt")
    (entry,) = _entries(cache_home)
    good = entry.read_bytes()
    damaged = damage(good)
    assert damaged != good
    entry.write_bytes(damaged)
    _same(_analyse(corpus / "a.txt"), fresh)
    assert entry.read_bytes() == good


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    result = CliRunner().invoke(main, ["check", str(SEEDS), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert json.loads(result.output)["discrepancies"]


def test_an_unreadable_source_is_reported_as_without_the_cache(cache_home: Path, corpus: Path) -> None:
    (corpus / "c.txt").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    result = CliRunner().invoke(main, ["check", str(corpus), "--format", "json"])
    again = CliRunner().invoke(main, ["check", str(corpus), "--format", "json"])
    assert result.exit_code == again.exit_code and result.output == again.output
    assert len(_entries(cache_home)) == 2  # a.txt and b.txt; c.txt is read each time


def test_a_file_changed_while_it_was_read_is_not_kept(
    cache_home: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = pipeline._analyse_file

    def changed_meanwhile(job: tuple[str, int, bool]) -> Analysis:
        _change_text(corpus)  # after the key was made of the file's first bytes
        return original(job)

    monkeypatch.setattr(pipeline, "_analyse_file", changed_meanwhile)
    assert _analyse(corpus / "a.txt")[1]
    assert not _entries(cache_home)


def test_entries_unused_for_a_month_are_swept_once_a_day(cache_home: Path, corpus: Path) -> None:
    import time

    _analyse(corpus / "a.txt")
    _analyse(corpus / "b.txt")
    old, kept = _entries(cache_home)[0], _entries(cache_home)[1]
    month_ago = time.time() - claim_cache.UNUSED_SECONDS - 60
    os.utime(old, (month_ago, month_ago))
    assert claim_cache.sweep() == 0  # the writes above swept already today
    (cache_home / claim_cache.SWEPT).unlink()
    assert claim_cache.sweep() == 1
    assert _entries(cache_home) == [kept] and not old.parent.exists()
    os.utime(kept, (month_ago, month_ago))
    assert claim_cache.sweep() == 0


def test_a_hit_marks_the_entry_used(cache_home: Path, corpus: Path) -> None:
    import time

    _analyse(corpus / "a.txt")
    (entry,) = _entries(cache_home)
    os.utime(entry, (0, 0))
    _analyse(corpus / "a.txt")
    assert entry.stat().st_mtime > time.time() - 3600


@pytest.mark.parametrize("value", ["off", "0", "No", "false"])
def test_the_switch_turns_the_cache_off(
    cache_home: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(claim_cache.SWITCH, value)
    assert _analyse(corpus / "a.txt")[1]
    assert not _entries(cache_home)


def test_installing_a_package_names_other_entries(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sysconfig
    import time

    packages = tmp_path / "site-packages"
    packages.mkdir()
    monkeypatch.setattr(sysconfig, "get_paths", lambda: {"purelib": str(packages), "platlib": str(packages)})
    keys = []
    for change in (lambda: None, lambda: (packages / "pint-99.dist-info").mkdir()):
        change()
        os.utime(packages, ns=(time.time_ns(), time.time_ns() + len(keys)))  # a coarse clock may not tick
        claim_cache.installed_stamp.cache_clear()
        keys.append(_key(corpus / "a.txt"))
    claim_cache.installed_stamp.cache_clear()
    assert keys[0] != keys[1]
