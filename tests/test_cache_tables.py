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


# py3langid's model, kept unpacked (claimdiff.sources.language): the tables read back from the
# cache classify as the model does, the automaton is mapped rather than read, and a damaged or
# missing table sends the next run back to the model.

LANGUAGES = ("en", "fr", "de")
SAMPLES = [
    pytest.param("Zorbix Labs raised €40 million in a funding round led by Orbitex.", "en", id="en"),
    pytest.param("La société Orbitex a levé 40 millions d'euros auprès de ses actionnaires.", "fr", id="fr"),
    pytest.param("Die Firma Orbitex hat 40 Millionen Euro bei ihren Investoren eingesammelt.", "de", id="de"),
]


@pytest.fixture()
def fresh_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    from claimdiff.sources import language

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    language._identifier.cache_clear()
    yield tmp_path / "claimdiff"
    language._identifier.cache_clear()


def _model_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from py3langid.langid import LanguageIdentifier

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the packed model was read")

    monkeypatch.setattr(LanguageIdentifier, "from_model_file", classmethod(refuse))


@pytest.mark.parametrize(("text", "expected"), SAMPLES)
def test_the_cached_model_classifies_as_the_model(
    fresh_model: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    from claimdiff.sources import language

    assert language.detect_language(text, LANGUAGES, "en") == expected  # from the model, saved
    (folder,) = fresh_model.glob("langid-*")
    assert sorted(p.name for p in folder.iterdir()) == ["nextmove.I", "output.q", "row.H", "scores-en-fr-de.npz"]
    language._identifier.cache_clear()
    with monkeypatch.context() as patched:
        _model_not_read(patched)
        identifier = language._identifier(LANGUAGES)
        assert isinstance(identifier.tk_nextmove, memoryview)
        assert language.detect_language(text, LANGUAGES, "en") == expected


@pytest.mark.parametrize("damage", ["scores", "scores cut short", "automaton", "automaton cut short"])
def test_a_damaged_model_table_is_built_again(fresh_model: Path, damage: str) -> None:
    from claimdiff.sources import language

    language._identifier(LANGUAGES)
    (folder,) = fresh_model.glob("langid-*")
    scores = folder / "scores-en-fr-de.npz"
    if damage == "scores":
        scores.write_bytes(b"not a zip")
    elif damage == "scores cut short":
        scores.write_bytes(scores.read_bytes()[:1000])
    elif damage == "automaton":
        (folder / "nextmove.I").unlink()
    else:
        with (folder / "nextmove.I").open("r+b") as table:
            table.truncate(4096)
    language._identifier.cache_clear()
    assert language.detect_language("La société a levé 40 millions d'euros cette année.", LANGUAGES, "en") == "fr"
    assert (folder / "nextmove.I").stat().st_size > 4096
    assert scores.read_bytes().startswith(b"PK") and scores.stat().st_size > 1000
