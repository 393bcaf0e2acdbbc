"""The values the stages pass on: claims and discrepancies, and the table of discrepancy kinds.

A :class:`Claim` is what the normalize stage makes of a figure (the subjects stage returns it
again with its entity and metric); a :class:`Discrepancy` is what the comparison finds among
claims. :data:`KINDS` is the one table of discrepancy kinds: ``compare`` takes a finding's
default severity from it, ``formats`` its SARIF rule and annotation level, ``gate`` (and
``check``) whether it fails a run under ``--fail-on``. Adding a kind is one row in it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path, PurePath
from typing import Any


@dataclass(frozen=True)
class Severity:
    """How serious a finding is, and how each output format spells that."""

    name: str
    order: int  # sort order of findings: most serious first
    sarif_level: str  # SARIF 2.1.0 result level
    github_command: str  # GitHub workflow command (``::error``, ``::warning``, ``::notice``)
    can_fail: bool  # False: the finding informs and never fails a run, whatever --fail-on says
    gitlab: str  # GitLab code-quality severity (info, minor, major, critical, blocker)
    colour: str  # the colour of the severity word on a terminal


SEVERITIES: dict[str, Severity] = {
    s.name: s
    for s in (
        Severity("error", 0, "error", "error", can_fail=True, gitlab="major", colour="red"),
        Severity("warning", 1, "warning", "warning", can_fail=True, gitlab="minor", colour="yellow"),
        Severity("info", 2, "note", "notice", can_fail=False, gitlab="info", colour="blue"),
    )
}


@dataclass(frozen=True)
class DiscrepancyKind:
    """One kind of discrepancy: its default severity, SARIF rule and place in --fail-on."""

    name: str
    severity: str  # the default; a finding may state another (a sum that does not add up warns)
    rule_id: str  # SARIF rule id; stable, since code-scanning alerts are keyed by it
    sarif_level: str  # the rule's default level (each result states its own)
    help: str  # one line: what a finding of this kind means
    fail_rank: int  # fails a run when at or below the --fail-on threshold of FAIL_ON

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"discrepancy kind {self.name!r}: unknown severity {self.severity!r}")
        if self.sarif_level not in {s.sarif_level for s in SEVERITIES.values()}:
            raise ValueError(f"discrepancy kind {self.name!r}: unknown SARIF level {self.sarif_level!r}")


KINDS: dict[str, DiscrepancyKind] = {
    k.name: k
    for k in (
        DiscrepancyKind("contradiction", "error", "CD001", "error", "Claims on one subject cannot all hold.", 1),
        DiscrepancyKind("scope", "warning", "CD002", "warning", "Figures on one metric differ in scope or period.", 2),
        DiscrepancyKind("description", "warning", "CD003", "warning", "Sources describe an entity differently.", 2),
        # The rule's level is the worst a sum reaches (parts that do not add up); most are info.
        DiscrepancyKind("sum", "info", "CD004", "warning", "A stated total against its itemised parts.", 2),
    )
}

# --fail-on choice -> the highest fail_rank that fails a run ("never": none does).
FAIL_ON: dict[str, int] = {"contradiction": 1, "any": 2, "never": 0}


def fails(kind: str, severity: str, fail_on: str) -> bool:
    """Whether a finding of ``kind`` and ``severity`` fails a run under ``--fail-on fail_on``.

    >>> fails("contradiction", "error", "contradiction"), fails("scope", "warning", "contradiction")
    (True, False)
    >>> fails("scope", "warning", "any"), fails("sum", "info", "any"), fails("sum", "warning", "any")
    (True, False, True)
    >>> fails("contradiction", "error", "never")
    False
    """
    return KINDS[kind].fail_rank <= FAIL_ON[fail_on] and SEVERITIES[severity].can_fail


# --- claims and discrepancies ---------------------------------------------------------------


@dataclass
class Claim:
    """One normalized claim. Field names follow the JSON contract of PRODUCT.md."""

    id: str
    source: str
    line: int
    column: int
    text: str
    sentence: str
    kind: str
    value: float
    low: float | None
    high: float | None
    unit: str
    original: dict[str, Any]
    qualifier: str
    period: str
    precision: float = 0.0
    noun: str = ""
    event: str = ""
    language: str = ""
    # What a mass is of ("CO2eq" in "21.3 gCO2eq/kWh"); "" for most claims.
    substance: str = ""
    flags: list[str] = field(default_factory=list)
    fx: dict[str, Any] | None = None
    entity: str = ""
    metric: str = ""
    topic: str = ""
    # Where the claim stands in the repaired text of its source (not serialized).
    start: int = 0
    end: int = 0
    sentence_start: int = 0

    def replaced(self, **changes: Any) -> Claim:
        """A copy with ``changes``: what ``dataclasses.replace`` gives (a shallow copy, an
        unknown field an error), five times quicker; the stages copy every claim a few times.

        >>> from dataclasses import replace
        >>> claim = Claim("", "a.txt", 1, 1, "5 GW", "5 GW.", "quantity", 5e9, 5e9, 5e9, "watt", {}, "exact", "")
        >>> claim.replaced(entity="France") == replace(claim, entity="France")
        True
        """
        unknown = changes.keys() - CLAIM_FIELDS
        if unknown:
            raise TypeError(f"Claim has no field {min(unknown)!r}")
        return Claim.from_fields({**self.__dict__, **changes})

    @staticmethod
    def from_fields(values: dict[str, Any]) -> Claim:
        """The claim of ``values``, one per field (the caller checks they are), built without
        the constructor's work: a copy or a cached claim is rebuilt field by field."""
        claim = object.__new__(Claim)
        claim.__dict__.update(values)
        return claim

    @property
    def reading_order(self) -> tuple[str, int, int, str, str]:
        """Sort key: by source, then where the claim stands in it (the store has no offsets)."""
        return self.source, self.line, self.column, self.kind, self.id

    def to_json(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "source": self.source,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "sentence": self.sentence,
            "kind": self.kind,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "original": self.original,
            "qualifier": self.qualifier,
            "period": self.period,
            "precision": self.precision,
            "entity": self.entity,
            "metric": self.metric,
            "flags": self.flags,
        }
        if self.fx:
            out["fx"] = self.fx
        if self.substance:
            # Only when there is one: the contract's other rows keep their fields.
            out["substance"] = self.substance
        return out


CLAIM_FIELD_NAMES = tuple(f.name for f in fields(Claim))  # in the constructor's order
CLAIM_FIELDS = frozenset(CLAIM_FIELD_NAMES)


def with_ids(claims: list[Claim]) -> list[Claim]:
    """The claims with their stable ids: a hash of source, sentence (spaces folded), text, and
    how many times that text stood in that sentence before (the one id scheme of every kind)."""
    seen: Counter[str] = Counter()
    out = []
    for claim in claims:
        key = f"{claim.source}|{' '.join(claim.sentence.split())}|{claim.text}"
        seen[key] += 1
        out.append(claim.replaced(id="c-" + hashlib.sha256(f"{key}|{seen[key]}".encode()).hexdigest()[:12]))
    return out


def claim_key(claim: Claim) -> str:
    """A claim as a discrepancy id sees it: like its id, but by file name, not by the path as
    given, so ids do not depend on where the corpus lives or from where it is named."""
    key = f"{PurePath(claim.source).name}|{' '.join(claim.sentence.split())}|{claim.text}"
    return hashlib.sha256(key.encode()).hexdigest()


# Discrepancy kinds whose ids share one namespace: a scope note that becomes a contradiction
# (or back) when a source is added is still the same disagreement, with the same id.
_ID_FAMILIES = {"contradiction": "figures", "scope": "figures"}


def discrepancy_id(kind: str, claims: list[Claim], positions: dict[str, int]) -> str:
    """The id of a discrepancy: a hash of the claims that disagree, never of labels.

    The disagreement is the lowest position against the highest; each is stood for by the
    smallest :func:`claim_key` among its claims. So a better entity or metric label, a source
    that sides with either position or a figure between them keeps the id. When it still
    changes (a new claim takes the smallest key of a position), a ruling follows its claims
    (see ``claimdiff.gate.apply_rulings``).
    """
    by_position: dict[int, str] = {}
    for claim in claims:
        index, key = positions.get(claim.id, 0), claim_key(claim)
        by_position[index] = min(by_position.get(index, key), key)
    ends = sorted({by_position[min(by_position)], by_position[max(by_position)]}) if by_position else []
    key = "|".join([_ID_FAMILIES.get(kind, kind), *ends])
    return "d-" + hashlib.sha256(key.encode()).hexdigest()[:10]


@dataclass
class Discrepancy:
    """Claims on one subject that cannot all hold, grouped into positions."""

    id: str
    kind: str
    subject: dict[str, str]
    explanation: str
    claims: list[Claim]
    positions: dict[str, int]
    severity: str = ""
    status: str = "open"
    note: str = ""
    highlights: dict[str, list[str]] = field(default_factory=dict)
    attribute: str = ""  # a description's: which fact about the entity the sources disagree on

    def __post_init__(self) -> None:
        self.severity = self.severity or KINDS[self.kind].severity

    @property
    def sources(self) -> list[str]:
        return sorted({c.source for c in self.claims})

    def to_json(self) -> dict[str, Any]:
        claims = []
        for claim in self.claims:
            row = claim.to_json()
            row["position"] = self.positions.get(claim.id, 0)
            if claim.id in self.highlights:
                row["highlights"] = self.highlights[claim.id]
            claims.append(row)
        return {
            "id": self.id,
            "kind": self.kind,
            "severity": self.severity,
            "subject": self.subject,
            "status": self.status,
            "note": self.note,
            "explanation": self.explanation,
            "evidence": self.evidence,
            "confidence": self.confidence,
            **({"attribute": self.attribute} if self.attribute else {}),
            "claims": claims,
        }

    @property
    def evidence(self) -> dict[str, Any]:
        """Why these claims were compared: the subject, and what each source's claims were read
        as (entities, metrics and periods), so a reader can check the match."""
        by_source: dict[str, dict[str, set[str]]] = {}
        for claim in self.claims:
            seen = by_source.setdefault(claim.source, {"entities": set(), "metrics": set(), "periods": set()})
            seen["entities"].add(claim.entity)
            seen["metrics"].add(claim.metric)
            seen["periods"].add(claim.period or "undated")
        return {
            **self.subject,
            "sources": [
                {"source": source, **{key: sorted(values) for key, values in seen.items()}}
                for source, seen in sorted(by_source.items())
            ],
        }

    @property
    def why(self) -> str:
        """One line saying why the claims were compared and how sure the match is: the subject,
        what a source read differently (its entity, metric or period), and the confidence."""
        subject = self.subject
        entity, period = subject["entity"] or "an unknown entity", subject["period"] or "any period"
        expected = {"entities": [subject["entity"]], "periods": [subject["period"]]}
        readings = []
        for seen in self.evidence["sources"]:
            keys = ("entities", "metrics") if self.claims[0].kind == "date" else ("entities", "metrics", "periods")
            own = [
                "/".join(seen[key])
                for key in keys
                if seen[key] != expected.get(key)
                and not (key == "metrics" and all(_names_metric(subject["metric"], m) for m in seen[key]))
            ]
            if own and self.kind not in ("sum", "description"):
                readings.append(f"{Path(seen['source']).name}: {', '.join(own)}")
        read = f"; read as {'; '.join(readings)}" if readings else ""
        metric = f"the {self.attribute}" if self.attribute else subject["metric"]
        return f"Compared as {metric} of {entity}, {period}{read} (confidence {self.confidence:.2f})."

    @property
    def confidence(self) -> float:
        """How sure the match is, from 0 to 1: lower when the claims were linked only through a
        wider entity, when a metric is generic ("amount"), a figure undated or hedged, or the
        values a power of ten apart. A sum is arithmetic; a description compares wording."""
        if self.kind == "sum":
            return 1.0
        if self.kind == "description":
            return 0.5
        score = 1.0
        if len({c.entity for c in self.claims}) > 1:
            score *= 0.8
        if any(c.metric == "amount" for c in self.claims):
            score *= 0.7
        if any(not c.period for c in self.claims):
            score *= 0.85
        if any(is_possible(c.metric) for c in self.claims):
            score *= 0.8
        if "scale error" in self.explanation:
            score *= 0.7
        return round(score, 2)


# What a hedge adds to a metric: "funds raised (possible)" is a forecast or an estimate of
# what might be, not the figure (see :mod:`claimdiff.subjects.metrics`).
POSSIBLE = " (possible)"


# A figure a sentence gives as the earlier value of another ("312 deaths, against 187 on
# Tuesday", "rose from $5 million to $8 million") is of another time than the sentence's: it is
# compared only with other earlier values.
EARLIER_VALUE = "earlier value in a change"
EARLIER = " (earlier)"


def is_possible(metric: str) -> bool:
    """Whether a metric is marked as a possibility."""
    return metric.endswith(POSSIBLE)


def _names_metric(subject_metric: str, metric: str) -> bool:
    """Whether a claim's metric is the subject's, maybe narrowed by a topic ("investment" of
    "investment (infrastructure)")."""
    return subject_metric == metric or subject_metric.startswith(f"{metric} (")
