"""Figures that run from before their entity began: ``claimdiff.timeline``."""

from __future__ import annotations

import pytest

from claimdiff.model import Discrepancy

from .conftest import discrepancies_in


def _timeline(*texts: tuple[str, str]) -> list[Discrepancy]:
    return [d for d in discrepancies_in(*texts) if "before its entity began" in d.explanation]


# (id, texts as (text, language), the figures set against the start date)
FLAGGED = [
    (
        "one-source",
        [("Acme Robotics was founded in 2021. Since 2019, Acme Robotics has hired 300 engineers.", "en")],
        ["300 engineers"],
    ),
    (
        "across-sources",
        [
            ("Acme Robotics was founded in 2021.", "en"),
            ("Depuis 2019, Acme Robotics a recruté 300 ingénieurs.", "fr"),
        ],
        ["300 ingénieurs"],
    ),
    (
        "operated-since-then-a-pronoun",
        [
            (
                "Acme Grid is a supercomputer. Operated by Beta Labs since 2019, it has grown. "
                "Since 2018, Acme Grid has supported more than 1,200 projects.",
                "en",
            )
        ],
        ["more than 1,200 projects"],
    ),
]


@pytest.mark.parametrize(("texts", "figures"), [c[1:] for c in FLAGGED], ids=[c[0] for c in FLAGGED])
def test_a_figure_running_from_before_its_entity_began_is_a_contradiction(
    texts: list[tuple[str, str]], figures: list[str]
) -> None:
    (found,) = _timeline(*texts)
    assert found.kind == "contradiction"
    assert sorted(c.text for c in found.claims if found.positions[c.id] == 1) == figures
    assert all(c.kind == "date" for c in found.claims if found.positions[c.id] == 0)


NOT_FLAGGED = [
    ("since-after-the-start", [("Acme Robotics was founded in 2021. Since 2022, it has hired 300 engineers.", "en")]),
    ("a-year-not-a-span", [("Acme Robotics was founded in 2021. In 2019, Acme Robotics hired 300 engineers.", "en")]),
    (
        "another-entity",
        [("Acme Robotics was founded in 2021. Since 2019, Beta Labs has hired 300 engineers.", "en")],
    ),
    ("a-country-launching-something", [("France launched a plan in 2021. Since 2019, France has 300 startups.", "en")]),
    (
        "a-possibility",
        [("Acme Robotics was founded in 2021. Since 2019, Acme Robotics may have hired 300 engineers.", "en")],
    ),
]


@pytest.mark.parametrize("texts", [c[1] for c in NOT_FLAGGED], ids=[c[0] for c in NOT_FLAGGED])
def test_figures_that_fit_the_entitys_start_are_not_flagged(texts: list[tuple[str, str]]) -> None:
    assert _timeline(*texts) == []
