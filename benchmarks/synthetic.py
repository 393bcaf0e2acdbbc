"""A synthetic corpus for benchmarks and load tests: varied sentences, both languages.

Deterministic for a given seed. Entities and figures are made up; a share of sources
restate the same subject with a different figure so the comparison has work to do.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimdiff.model import Claim

# 16 x 16 = 256 made-up company names: a thousand news sources name many entities, each of
# them here about forty times.
STEMS = [
    "Arv",
    "Brisk",
    "Cobal",
    "Dunm",
    "Elsiv",
    "Fjord",
    "Gravi",
    "Helix",
    "Irid",
    "Jant",
    "Kelv",
    "Lum",
    "Mistf",
    "Nuvol",
    "Orbit",
    "Pellu",
]
ENDINGS = ["ela", "ix", "ora", "ata", "ance", "ium", "aro", "eon", "ity", "ova", "ux", "ent", "ar", "io", "yx", "an"]
COMPANIES = [stem + ending for stem in STEMS for ending in ENDINGS]
EN = [
    "{c} raised €{m} million in its latest funding round in {y}.",
    "In {y}, {c} announced a €{b} billion investment in data centers in France.",
    "{c} employs more than {n} researchers across {k} sites.",
    "The {c} campus will reach a capacity of {w} MW by {y}.",
    "{c} has more than {n} AI startups in its accelerator, up {p}% on last year.",
    "{c} is valued at about ${b} billion, according to investors.",
]
FR = [
    "{c} a levé {m} millions d'euros en {y}.",
    "En {y}, {c} a annoncé {b} milliards d'euros d'investissements dans les centres de données.",
    "{c} compte plus de {n} chercheurs répartis sur {k} sites.",
    "Le campus de {c} atteindra une puissance de {w} MW d'ici {y}.",
]


def sentence(rng: random.Random, language: str) -> str:
    template = rng.choice(EN if language == "en" else FR)
    return template.format(
        c=rng.choice(COMPANIES),
        m=rng.choice([120, 250, 385, 600, 1200]),
        y=rng.choice([2023, 2024, 2025]),
        b=rng.choice([1, 1.5, 2, 4, 6]),
        n=rng.choice([40, 120, 1000, 1500, 4000]),
        k=rng.choice([3, 5, 9]),
        w=rng.choice([100, 250, 500, 1000]),
        p=rng.choice([12, 18, 30]),
    )


def write_corpus(folder: Path, sources: int = 1000, sentences: int = 8, seed: int = 7) -> Path:
    """Write ``sources`` files of ``sentences`` sentences each; return the folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(sources):
        language = "fr" if index % 4 == 3 else "en"
        text = "\n".join(sentence(rng, language) for _ in range(sentences)) + "\n"
        (folder / f"source_{index:05d}.txt").write_text(text, encoding="utf-8")
    return folder


# --- claims without text, for the comparison at scale ------------------------------------------

# What the synthetic sentences state, as the comparison sees it: kind, canonical unit, metric,
# the figures a source picks from (distinct figures per subject stay few, as in the press: many
# sources restate one figure), the qualifiers it writes them with.
CLAIM_TEMPLATES = [
    ("money", "EUR", "funding", (120e6, 250e6, 385e6, 600e6, 1.2e9), ("exact", "about")),
    ("money", "EUR", "investment", (1e9, 1.5e9, 2e9, 4e9, 6e9), ("exact", "more_than")),
    ("count", "", "researchers", (40, 120, 1000, 1500, 4000), ("more_than", "exact")),
    ("quantity", "W", "capacity", (100e6, 250e6, 500e6, 1e9), ("exact", "up_to")),
    ("percent", "%", "growth", (12, 18, 30), ("exact",)),
    ("money", "EUR", "valuation", (1e9, 1.5e9, 2e9, 4e9, 6e9), ("about",)),
]
INFIXES = ["", "b", "d", "k", "l", "m", "n", "r", "s", "t"]


def company_names(count: int) -> list[str]:
    """``count`` made-up one-word company names (up to 2,560: 16 stems x 10 infixes x 16 endings)."""
    names = [stem + infix + ending for infix in INFIXES for stem in STEMS for ending in ENDINGS]
    if count > len(names):
        raise ValueError(f"at most {len(names)} synthetic entities")
    return names[:count]


def synthetic_claims(start: int, stop: int, entities: int, seed: int = 7, figures: int = 0) -> list[Claim]:
    """Claims ``start`` to ``stop`` of a synthetic corpus (8 claims a source), about ``entities``
    companies. Deterministic per claim index, so a cluster's workers can each build their slice.
    ``figures`` > 0 spreads each template's figures over that many distinct values instead."""
    from claimdiff.model import Claim

    names = company_names(entities)
    out = []
    for index in range(start, stop):
        rng = random.Random(seed * 1_000_003 + index)
        kind, unit, metric, values, qualifiers = CLAIM_TEMPLATES[rng.randrange(len(CLAIM_TEMPLATES))]
        value = rng.choice(values)
        if figures:
            value = round(value * (1 + rng.randrange(figures) / (4 * figures)), 6)
        qualifier = rng.choice(qualifiers)
        low = None if qualifier == "up_to" else value * (0.9 if qualifier == "about" else 1)
        high = None if qualifier == "more_than" else value * (1.1 if qualifier == "about" else 1)
        entity = names[rng.randrange(entities)]
        year = str(rng.choice((2023, 2024, 2025)))
        text = f"{value:g} {unit}".strip()
        out.append(
            Claim(
                id=f"c-{index:010d}",
                source=f"synthetic/source_{index // 8:07d}.txt",
                line=index % 8 + 1,
                column=1,
                text=text,
                sentence=f"In {year}, {entity} stated {text} of {metric}.",
                kind=kind,
                value=value,
                low=low,
                high=high,
                unit=unit,
                original={"value": value, "unit": unit},
                qualifier=qualifier,
                period=year,
                precision=value * 0.005,
                language="en",
                entity=entity,
                metric=metric,
            )
        )
    return out
