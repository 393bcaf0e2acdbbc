"""Output formats for ``check`` and ``gate``, dispatched through :data:`FORMATTERS`.

Every formatter takes a :class:`Findings` and returns the text to print. None of them
writes progress or anything else: machine formats stay machine-readable. Every string that
comes from a corpus (file names, quotes, entities, notes) goes through the encoder of its
format in :mod:`claimdiff.escape` before it is written.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from claimdiff import __version__, escape
from claimdiff.model import KINDS, SEVERITIES, Discrepancy, DiscrepancyKind
from claimdiff.sources import Source
from claimdiff.store import Ruling
from claimdiff.values import describe_value

if TYPE_CHECKING:
    from importlib.metadata import PackageMetadata

JSON_VERSION = 1
GITHUB_COMMENT_LIMIT = 65_000  # GitHub rejects comments over 65,536 characters
GITHUB_ANNOTATIONS_PER_KIND = 10  # GitHub shows at most ten of each level per step


@dataclass
class Findings:
    """What a check or gate found: the sources read and the discrepancies to show."""

    sources: list[Source]
    discrepancies: list[Discrepancy]
    new_claims: set[str] = field(default_factory=set)  # claim ids the gate is about
    warnings: list[str] = field(default_factory=list)
    title: str = "claimdiff check"
    orphans: list[Ruling] = field(default_factory=list)  # rulings that match no discrepancy
    colour: bool = False  # severity words in colour (text, on a terminal)


def to_json_document(findings: Findings) -> dict[str, Any]:
    """The JSON contract of PRODUCT.md."""
    return {
        "version": JSON_VERSION,
        "sources": [
            {
                "id": s.id,
                "path": s.path,
                "language": s.language,
                "published": s.published,
                "title": s.metadata.get("title", ""),
                # Added compatibly (new keys, "" when sources.toml says nothing):
                "publisher": s.metadata.get("publisher", ""),
                "url": s.metadata.get("url", ""),
            }
            for s in findings.sources
        ],
        "discrepancies": [d.to_json() for d in findings.discrepancies],
        # Added compatibly: the rulings that match no discrepancy any more, with their claims.
        "orphans": [r.to_json() for r in findings.orphans],
    }


def format_json(findings: Findings) -> str:
    document = json.dumps(to_json_document(findings), ensure_ascii=False, indent=2, sort_keys=False)
    return escape.json_text(document) + "\n"


def format_text(findings: Findings) -> str:
    orphans = _orphans_text(findings.orphans)
    if not findings.discrepancies:
        return f"No discrepancies in {len(findings.sources)} source(s).\n" + orphans
    blocks = []
    for d in findings.discrepancies:
        entity = d.subject["entity"] or "unknown entity"
        head = f"[{d.severity}] {d.kind} {d.id} ({d.status}): {d.subject['metric']} of {entity}"
        lines = [escape.terminal(head)]
        lines.append(f"  {d.explanation}")
        lines.append(f"  {d.why}")
        for claim in d.claims:
            marker = "*" if claim.id in findings.new_claims else " "
            quote = "" if claim.kind == "description" else f"  “{_one_line(claim.text)}”"
            lines.append(
                f" {marker} {claim.source}:{claim.line}:{claim.column}  [{d.positions.get(claim.id, 0)}] "
                f"{_one_line(describe_value(claim))}{quote}"
            )
        text = "\n".join([lines[0], *(escape.terminal(line) for line in lines[1:])])
        if findings.colour:  # the severity word only: the escaped text around it stays as it is
            word = f"[{d.severity}]"
            text = click.style(word, fg=SEVERITIES[d.severity].colour, bold=True) + text[len(word) :]
        blocks.append(text)
    counts = _counts(findings.discrepancies)
    return "\n\n".join(blocks) + f"\n\n{counts} in {len(findings.sources)} source(s).\n" + orphans


def _orphans_text(orphans: list[Ruling]) -> str:
    """The rulings that match no discrepancy: what was ruled, on which claims, and why."""
    if not orphans:
        return ""
    lines = [f"\n{len(orphans)} orphaned ruling(s): they match no discrepancy now; rule again or remove them:"]
    for ruling in orphans:
        lines.append(f"  {ruling.id} ({ruling.status}, {ruling.at}): {ruling.subject or 'no subject recorded'}")
        if ruling.note:
            lines.append(f"    note: {_one_line(ruling.note)}")
        lines.extend(f"    {c.source} [{c.position}] “{_one_line(c.text)}”" for c in ruling.claims)
    return "\n".join(escape.terminal(line) for line in lines) + "\n"


def _counts(discrepancies: list[Discrepancy]) -> str:
    by_kind: dict[str, int] = {}
    for d in discrepancies:
        by_kind[d.kind] = by_kind.get(d.kind, 0) + 1
    parts = [f"{n} {kind}" for kind, n in sorted(by_kind.items())]
    return f"{len(discrepancies)} discrepancies ({', '.join(parts)})"


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- --statistics ---------------------------------------------------------------------------


def statistics(findings: Findings) -> dict[str, Any]:
    """Counts, as ruff's --statistics gives them: per kind, severity and status (most first),
    and per source (the discrepancies each source takes part in)."""
    rows: dict[tuple[str, str, str], int] = {}
    per_source: dict[str, int] = {s.path: 0 for s in findings.sources}
    for d in findings.discrepancies:
        key = (d.kind, d.severity, d.status)
        rows[key] = rows.get(key, 0) + 1
        for source in d.sources:
            per_source[source] = per_source.get(source, 0) + 1
    ordered = sorted(rows.items(), key=lambda item: (-item[1], SEVERITIES[item[0][1]].order, item[0]))
    return {
        "discrepancies": len(findings.discrepancies),
        "orphans": len(findings.orphans),
        "by_kind": [{"count": n, "kind": k, "severity": sev, "status": st} for (k, sev, st), n in ordered],
        "by_source": [
            {"count": n, "source": src} for src, n in sorted(per_source.items(), key=lambda i: (-i[1], i[0]))
        ],
    }


def format_statistics(findings: Findings, fmt: str) -> str:
    """``--statistics`` in ``text`` (aligned columns) or ``json``."""
    counts = statistics(findings)
    if fmt == "json":
        return (
            escape.json_text(json.dumps({"version": JSON_VERSION, "statistics": counts}, ensure_ascii=False, indent=2))
            + "\n"
        )
    lines = [f"{r['count']:5}  {r['kind']:<13}  {r['severity']:<7}  {r['status']}" for r in counts["by_kind"]]
    lines.append(f"{counts['discrepancies']:5}  discrepancies in total")
    if counts["orphans"]:
        lines.append(f"{counts['orphans']:5}  orphaned ruling(s)")
    lines += ["", "per source:"]
    lines += [f"{r['count']:5}  {r['source']}" for r in counts["by_source"]]
    return "\n".join(escape.terminal(line) for line in lines) + "\n"


# --- markdown (pull-request comment) --------------------------------------------------------


def format_markdown(findings: Findings) -> str:
    head = [f"### {findings.title}: {len(findings.discrepancies)} discrepancies", ""]
    if not findings.discrepancies:
        return "\n".join(head + ["No conflicting claims found.", ""])
    head += ["| kind | subject | sources | explanation |", "| --- | --- | --- | --- |"]
    rows, details = [], []
    for d in findings.discrepancies:
        where = ", ".join(escape.markdown_code(f"{c.source}:{c.line}", in_table=True) for c in d.claims)
        subject = f"{_md(d.subject['metric'])} of {_md(d.subject['entity'])}"
        rows.append(f"| {d.kind} ({d.severity}) | {subject} | {where} | {_md(d.explanation)} |")
        quotes = "\n".join(
            f"- {escape.markdown_code(f'{c.source}:{c.line}')} position {d.positions.get(c.id, 0)}: "
            f"**{_md(describe_value(c))}** — “{_md(c.sentence)}”"
            for c in d.claims
        )
        details.append(f"<details><summary>{d.id}: {subject}</summary>\n\n{_md(d.why)}\n\n{quotes}\n\n</details>")
    budget = GITHUB_COMMENT_LIMIT - 300 - len("\n".join(head))
    kept = 0
    for row, detail in zip(rows, details, strict=True):
        budget -= len(row) + len(detail) + 3
        if budget < 0:
            break
        kept += 1
    text = "\n".join(head + rows[:kept]) + "\n\n" + "\n\n".join(details[:kept]) + "\n"
    if kept < len(rows):
        text += (
            f"\n_{len(rows) - kept} more discrepancies not shown: the comment would exceed GitHub's "
            "size limit. Run `claimdiff check` for the full list._\n"
        )
    return text


_md = escape.markdown


# --- GitHub workflow commands ---------------------------------------------------------------

_escape_data = escape.github_data
_escape_property = escape.github_property


def format_github(findings: Findings) -> str:
    """``::error file=...`` lines; beyond GitHub's per-step limit, the rest go to the summary."""
    shown: dict[str, int] = {}
    lines, overflow = [], []
    for d in findings.discrepancies:
        claim = _anchor(d, findings.new_claims)
        others = sorted({f"{c.source}:{c.line}" for c in d.claims if c.source != claim.source})
        message = f"{d.explanation} Conflicts with {', '.join(others) or 'the same source'}. ({d.id}, {d.status})"
        command = SEVERITIES[d.severity].github_command
        shown[command] = shown.get(command, 0) + 1
        if shown[command] > GITHUB_ANNOTATIONS_PER_KIND:
            overflow.append(f"- **{d.kind}** {escape.markdown_code(f'{claim.source}:{claim.line}')}: {_md(message)}")
            continue
        title = _escape_property(f"claimdiff {d.kind}: {d.subject['metric']}")
        props = f"file={_escape_property(claim.source)},line={claim.line},col={claim.column},title={title}"
        lines.append(f"::{command} {props}::{_escape_data(message)}")
    if overflow:
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        note = f"{len(overflow)} more discrepancies than GitHub shows as annotations"
        if summary:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(f"### claimdiff: {note}\n\n" + "\n".join(overflow) + "\n")
            lines.append(f"::notice::{_escape_data(note)}; see the step summary.")
        else:
            lines.append(f"::notice::{_escape_data(note)}:%0A" + "%0A".join(_escape_data(o) for o in overflow))
    return "\n".join(lines) + ("\n" if lines else "")


def _anchor(d: Discrepancy, new_claims: set[str]):  # type: ignore[no-untyped-def]
    """The claim an annotation stands on: a new claim in a gate, else the first of the last position."""
    for claim in d.claims:
        if claim.id in new_claims:
            return claim
    last = max(d.positions.values(), default=0)
    return next(c for c in d.claims if d.positions.get(c.id, 0) == last)


# --- SARIF 2.1.0 ----------------------------------------------------------------------------


# What a reviewer does about each kind, for the SARIF rule's help (README explains each
# rule under a heading of its id and name; ``rule_anchor`` is that heading's anchor).
RULE_ADVICE = {
    "contradiction": "Read the quotes: if one figure is wrong or outdated, correct the source or rule "
    "`resolved` with a note naming the right value; if the figures measure different things, rule `dismissed`.",
    "scope": "Check whether the figures cover the same scope and period; if they do not, say so in the source "
    "or rule `dismissed`; if they should agree, treat it as a contradiction.",
    "description": "Compare the marked words: if the descriptions are compatible, rule `dismissed`; "
    "if one is wrong, correct it or rule `resolved` with a note.",
    "sum": "A total and the parts the same source lists: when the parts do not add up, check the total and each "
    "part; when they add up the finding only explains the figures.",
}
REVIEW_HINT = "Record a ruling with `claimdiff review ID --status confirmed|dismissed|resolved --note TEXT`."


def rule_anchor(kind: DiscrepancyKind) -> str:
    """The README heading's anchor for a rule ("### CD001 contradiction" -> ``cd001-contradiction``)."""
    return f"{kind.rule_id}-{kind.name}".lower()


def metadata(name: str) -> PackageMetadata:
    """importlib.metadata's ``metadata``, imported when first asked (it costs a command 20 ms)."""
    from importlib.metadata import metadata as read

    return read(name)


def docs_url() -> str:
    """Where the README is published: the package's ``Documentation`` project URL, or "" when the
    project declares none (then rules carry no ``helpUri`` rather than a link to nowhere)."""
    from importlib.metadata import PackageNotFoundError

    try:
        urls = metadata("claimdiff").get_all("Project-URL") or []
    except PackageNotFoundError:
        return ""
    return next((u.split(",", 1)[1].strip() for u in urls if u.split(",", 1)[0].strip() == "Documentation"), "")


def sarif_rules(docs: str) -> list[dict[str, Any]]:
    """One SARIF rule per discrepancy kind, with help text and, when known, a link to README."""
    rules = []
    for kind in KINDS.values():
        advice = f"{kind.help} {RULE_ADVICE.get(kind.name, '')} {REVIEW_HINT}".replace("  ", " ")
        rule: dict[str, Any] = {
            "id": kind.rule_id,
            "name": kind.name,
            "shortDescription": {"text": kind.help},
            "fullDescription": {"text": advice},
            "help": {"text": advice, "markdown": f"**{kind.rule_id} {kind.name}**: {advice}"},
            "defaultConfiguration": {"level": kind.sarif_level},
        }
        if docs:
            rule["helpUri"] = f"{docs}#{rule_anchor(kind)}"
            rule["help"]["markdown"] += f"\n\n[{kind.rule_id} {kind.name} in the README]({rule['helpUri']})"
        rules.append(rule)
    return rules


def format_sarif(findings: Findings) -> str:
    docs = docs_url()
    rules = sarif_rules(docs)
    results = []
    for d in findings.discrepancies:
        anchor = _anchor(d, findings.new_claims)
        result: dict[str, Any] = {
            "ruleId": KINDS[d.kind].rule_id,
            "ruleIndex": list(KINDS).index(d.kind),
            "level": SEVERITIES[d.severity].sarif_level,
            "message": {"text": escape.sarif_text(d.explanation)},
            "locations": [_location(anchor)],
            "relatedLocations": [
                dict(
                    _location(c),
                    id=index,
                    message={"text": escape.sarif_text(f"{describe_value(c)} (position {d.positions.get(c.id, 0)})")},
                )
                for index, c in enumerate(d.claims)
                if c is not anchor
            ],
            "partialFingerprints": {"claimdiffDiscrepancy/v1": d.id},
            "properties": {"subject": d.subject, "status": d.status},
        }
        if d.status in ("confirmed", "dismissed", "resolved"):
            result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": d.note or d.status}]
        results.append(result)
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "claimdiff",
                        "version": __version__,
                        # No package page exists: the README, when the project says where it is.
                        **({"informationUri": docs} if docs else {}),
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return escape.json_text(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def _location(claim) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": escape.sarif_uri(Path(claim.source).as_posix())},
            "region": {"startLine": claim.line, "startColumn": claim.column, "snippet": {"text": claim.text}},
        }
    }


# --- GitLab code quality --------------------------------------------------------------------


def format_gitlab(findings: Findings) -> str:
    """A GitLab code-quality report: one issue per discrepancy still to act on.

    Dismissed and resolved discrepancies are settled and left out (the format has no
    suppressions); the fingerprint is the discrepancy id's, so GitLab follows an issue from
    one pipeline to the next exactly as long as the id lasts.
    """
    issues = []
    for d in findings.discrepancies:
        if d.status not in ("open", "confirmed"):
            continue
        anchor = _anchor(d, findings.new_claims)
        kind = KINDS[d.kind]
        issues.append(
            {
                "description": f"{d.explanation} ({d.id}, {d.status})",
                "check_name": f"{kind.rule_id} {kind.name}",
                "fingerprint": hashlib.sha256(f"claimdiff|{d.id}".encode()).hexdigest(),
                "severity": SEVERITIES[d.severity].gitlab,
                "location": {"path": Path(anchor.source).as_posix(), "lines": {"begin": anchor.line}},
            }
        )
    return escape.json_text(json.dumps(issues, ensure_ascii=False, indent=2)) + "\n"


# --- JUnit XML --------------------------------------------------------------------------------


def format_junit(findings: Findings) -> str:
    """JUnit XML: one test case per discrepancy, failing while it is open (and failing at the
    threshold or not: the exit code decides the run), plus one failing case per orphaned ruling."""
    x = escape.xml_text
    cases = []
    for d in findings.discrepancies:
        anchor = _anchor(d, findings.new_claims)
        name = f"{d.id}: {d.subject['metric']} of {d.subject['entity'] or 'unknown entity'}"
        head = (
            f'    <testcase classname="claimdiff.{x(d.kind)}" name="{x(name)}" '
            f'file="{x(Path(anchor.source).as_posix())}" line="{anchor.line}">'
        )
        evidence = "\n".join(
            f"{c.source}:{c.line}:{c.column} [{d.positions.get(c.id, 0)}] {describe_value(c)}: {_one_line(c.sentence)}"
            for c in d.claims
        )
        if d.status == "open":
            body = f'      <failure type="{x(d.kind)}" message="{x(d.explanation)}">{x(evidence)}</failure>'
        else:
            body = f"      <system-out>{x(f'{d.status}: {d.note}' if d.note else d.status)}</system-out>"
        cases.append(f"{head}\n{body}\n    </testcase>")
    for ruling in findings.orphans:
        message = f"ruling {ruling.id} ({ruling.status}) matches no discrepancy: {ruling.note}"
        cases.append(
            f'    <testcase classname="claimdiff.ruling" name="{x(ruling.id)}: orphaned">\n'
            f'      <failure type="orphaned" message="{x(message)}">{x(ruling.subject)}</failure>\n    </testcase>'
        )
    failures = sum(1 for d in findings.discrepancies if d.status == "open") + len(findings.orphans)
    counts = f'tests="{len(cases)}" failures="{failures}" errors="0" skipped="0"'
    title = x(findings.title)
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<testsuites name="{title}" {counts}>',
            f'  <testsuite name="{title}" {counts}>',
            *cases,
            "  </testsuite>",
            "</testsuites>",
            "",
        ]
    )


# The one table of output formats of check and gate.
FORMATTERS: dict[str, Callable[[Findings], str]] = {
    "text": format_text,
    "json": format_json,
    "markdown": format_markdown,
    "github": format_github,
    "sarif": format_sarif,
    "gitlab": format_gitlab,
    "junit": format_junit,
}
