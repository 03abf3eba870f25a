"""Findings as a readable report (a summary first, then the findings by sheet), as JSON, or one line."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict

from openpyxl.utils.cell import range_boundaries

from .findings import ERROR, INFO, RULES, WARNING, Finding, counts

WORKBOOK_LABEL = "(workbook)"
WORST_REGIONS = 5
_SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary(findings: list[Finding]) -> str:
    errors, warnings = counts(findings)
    infos = sum(f.severity == INFO for f in findings)
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}" + (f", {infos} info" if infos else "")


def as_json(findings: list[Finding]) -> str:
    return json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2)


def _size(region: str) -> int:
    try:
        min_col, min_row, max_col, max_row = range_boundaries(region)
    except (ValueError, TypeError):
        return 1
    if None in (min_col, min_row, max_col, max_row):
        return 1
    return (max_row - min_row + 1) * (max_col - min_col + 1)


def _summary_lines(findings: list[Finding], axes: dict, facts: list, input_style: str) -> list[str]:
    lines = [f"Summary: {summary(findings)}"]
    if findings:
        lines.append("  By rule:")
        tally = Counter(f.rule for f in findings)
        for rule, n in sorted(tally.items(), key=lambda kv: (_SEVERITY_ORDER[RULES[kv[0]].severity], kv[0])):
            lines.append(f"    {rule:<26}  {RULES[rule].severity:<7}  {n}")
        lines.append("  By sheet:")
        for sheet in dict.fromkeys(f.sheet for f in findings):
            lines.append(f"    {sheet or WORKBOOK_LABEL}: {summary([f for f in findings if f.sheet == sheet])}")
        worst = sorted((f for f in findings if f.severity == ERROR and f.region),
                       key=lambda f: -_size(f.region))[:WORST_REGIONS]
        if worst:
            lines.append("  Worst regions:")
            for f in worst:
                lines.append(f"    {f.sheet}!{f.region}  {f.rule}  ({_plural(_size(f.region), 'cell')})")
    if axes:
        lines.append("  Time axes:")
        for sheet, described in axes.items():
            lines.append(f"    {sheet}: " + ("; ".join(described) if described else "none found"))
    if input_style:
        lines.append(f"  Input style (learnt from the typed numbers): {input_style}")
    if facts:
        lines.append("  Formulas (unique) / typed numbers (share hard-coded):")
        for s in facts:
            lines.append(f"    {s.title}: {s.formulas:,} ({s.unique_formulas:,}) / {s.typed_numbers:,} "
                         f"({s.hard_coded_share:.0%})")
    return lines


def as_table(findings: list[Finding], title: str, axes: dict | None = None, facts: list | None = None,
             input_style: str = "") -> str:
    lines = [title, ""] + _summary_lines(findings, axes or {}, facts or [], input_style) + [""]
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
    lines.append(f"Result: {summary(findings)}")
    return "\n".join(lines)
