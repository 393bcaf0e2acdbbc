"""The kinds of discrepancy and their severities, as one table every stage and format reads.

``compare`` takes a finding's default severity from here, ``formats`` its SARIF rule and
annotation level, ``gate`` (and ``check``) whether it fails a run under ``--fail-on``. Adding
a kind is one row in :data:`KINDS`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Severity:
    """How serious a finding is, and how each output format spells that."""

    name: str
    order: int  # sort order of findings: most serious first
    sarif_level: str  # SARIF 2.1.0 result level
    github_command: str  # GitHub workflow command (``::error``, ``::warning``, ``::notice``)
    can_fail: bool  # False: the finding informs and never fails a run, whatever --fail-on says


SEVERITIES: dict[str, Severity] = {
    s.name: s
    for s in (
        Severity("error", 0, "error", "error", can_fail=True),
        Severity("warning", 1, "warning", "warning", can_fail=True),
        Severity("info", 2, "note", "notice", can_fail=False),
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
