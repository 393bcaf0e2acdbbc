"""A synthetic corpus for benchmarks and load tests: varied sentences, both languages.

Deterministic for a given seed. Entities and figures are made up; a share of sources
restate the same subject with a different figure so the comparison has work to do.
"""

from __future__ import annotations

import random
from pathlib import Path

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
