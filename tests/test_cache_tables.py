"""babel's currency answers kept in the user's cache (lexicon._cldr_currency_answers): the
knowledge built from them is the one built from babel, and a damaged table is asked again."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from claimdiff import lexicon
from claimdiff.lexicon import load_knowledge

from .conftest import KNOWLEDGE


@pytest.fixture()
def fresh_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    lexicon._cldr_currency_answers.cache_clear()
    lexicon._other_currency_names.cache_clear()
    yield tmp_path / "claimdiff"
    lexicon._cldr_currency_answers.cache_clear()
    lexicon._other_currency_names.cache_clear()


def _currencies(knowledge: lexicon.Knowledge) -> list[Any]:
    return [(code, lexicon.currencies) for code, lexicon in knowledge.languages.items()]


def _saved(folder: Path) -> Path:
    lexicon._cldr_currency_answers().save()
    (table,) = folder.glob("cldr-currencies-*.json")
    return table


def test_the_cached_answers_give_the_same_knowledge(fresh_tables: Path) -> None:
    asked = load_knowledge()
    table = _saved(fresh_tables)
    lexicon._cldr_currency_answers.cache_clear()
    lexicon._other_currency_names.cache_clear()
    assert _currencies(load_knowledge()) == _currencies(asked) == _currencies(KNOWLEDGE)
    assert json.loads(table.read_text(encoding="utf-8"))["codes"]


def _shorter_names(answers: dict[str, Any]) -> None:
    for key in answers:
        if key.startswith("names:"):
            answers[key] = answers[key][:-1]


def _numbers_for_names(answers: dict[str, Any]) -> None:
    for key in answers:
        if key.startswith("others:"):
            answers[key] = [[1, 2]]


DAMAGE: list[tuple[str, Callable[[dict[str, Any]], None]]] = [
    ("codes-not-a-list", lambda answers: answers.update(codes="EUR")),
    ("a-name-missing", _shorter_names),
    ("numbers-for-names", _numbers_for_names),
]


@pytest.mark.parametrize("damage", [d[1] for d in DAMAGE], ids=[d[0] for d in DAMAGE])
def test_a_damaged_answer_is_asked_again(fresh_tables: Path, damage: Callable[[dict[str, Any]], None]) -> None:
    load_knowledge()
    table = _saved(fresh_tables)
    answers = json.loads(table.read_text(encoding="utf-8"))
    damage(answers)
    table.write_text(json.dumps(answers), encoding="utf-8")
    lexicon._cldr_currency_answers.cache_clear()
    lexicon._other_currency_names.cache_clear()
    assert _currencies(load_knowledge()) == _currencies(KNOWLEDGE)
