"""Findings as a readable table grouped by sheet (with counts by rule), as JSON, or as one line."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict

from .findings import RULES, Finding, counts

WORKBOOK_LABEL = "(workbook)"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary(findings: list[Finding]) -> str:
    errors, warnings = counts(findings)
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def as_json(findings: list[Finding]) -> str:
    return json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2)


def as_table(findings: list[Finding], title: str) -> str:
    lines = [title, ""]
    if not findings:
        lines.append("No findings.")
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.sheet, []).append(f)
    cell_w = max([len(f.cell) for f in findings] + [4])
    rule_w = max([len(f.rule) for f in findings] + [4])
    for sheet, items in groups.items():
        lines.append(f"{sheet or WORKBOOK_LABEL} ({summary(items)})")
        for f in items:
            lines.append(f"  {f.cell:<{cell_w}}  {f.severity:<7}  {f.rule:<{rule_w}}  {f.message}")
        lines.append("")
    if findings:
        lines.append("By rule:")
        tally = Counter(f.rule for f in findings)
        for rule, n in sorted(tally.items(), key=lambda kv: (RULES[kv[0]].severity != "error", kv[0])):
            lines.append(f"  {rule:<{rule_w}}  {RULES[rule].severity:<7}  {n}")
        lines.append("")
    lines.append(f"Result: {summary(findings)}")
    return "\n".join(lines)
