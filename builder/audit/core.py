"""`audit_workbook`: read a workbook, run every rule, optionally recalculate, return sorted findings.

`audit_report` returns the same findings with what the report's summary shows besides them: each
sheet's time axes, the learnt input style and per-sheet facts.
"""
from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils.cell import column_index_from_string

from .axis import describe, find_axes
from .cells import cell_rules
from .checks import check_cells
from .facts import SheetFacts, fact_findings, sheet_facts
from .findings import Finding, finding
from .graph import cycles
from .group import group
from .headers import Header, find_header
from .model_checks import model_check_rules
from .prose_rule import prose_findings
from .reader import Book, load
from .recalc_check import recalc_findings
from .referee import approximate, referee_findings, unverifiable
from .regions import region_rules
from .rows import row_rules
from .scan import Scan, a1, scan
from .structure import structure_rules

MAX_CYCLE_LISTED = 6


@dataclass
class Report:
    findings: list[Finding]
    axes: dict[str, list[str]] = field(default_factory=dict)  # sheet -> descriptions of its time axes
    facts: list[SheetFacts] = field(default_factory=list)
    input_style: str = ""  # the learnt input convention, e.g. "blue font and light yellow fill"


def audit_workbook(path: str | Path, recalc: bool = True) -> list[Finding]:
    """Findings for any .xlsx. Raises `WorkbookError` if the file is missing or unreadable."""
    return audit_report(path, recalc).findings


def audit_report(path: str | Path, recalc: bool = True) -> Report:
    # The cycle collector is paused while the workbook is read and checked: openpyxl and the rules make
    # millions of objects that all stay alive, so its passes find nothing and cost a third of the time.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _audit(path, recalc)
    finally:
        if paused:
            gc.enable()


def _audit(path: str | Path, recalc: bool) -> Report:
    book = load(path)
    result = scan(book)
    axes = {sheet.title: find_axes(book, sheet) for sheet in book.sheets}
    notes: dict = {}
    findings = rule_findings(book, result, axes, notes)
    facts = sheet_facts(book, result)
    findings += fact_findings(book, facts, _period_cells(book, axes), result.referenced)
    if recalc:
        findings += recalc_findings(book, skip=unverifiable(book, result), loose=approximate(result))
    described = {s.title: [describe(h, s) for h in axes[s.title]] for s in book.sheets}
    return Report(_sorted(book, group(_unique(findings))), described, facts, notes.get("input_style", ""))


def rule_findings(book: Book, result: Scan, axes: dict[str, list[Header]], notes: dict | None = None
                  ) -> list[Finding]:
    findings = list(result.findings) + list(book.package)
    findings += _circular(book, result)
    first_rows = {}
    for sheet in book.sheets:
        headers = axes[sheet.title] or [_units_only(find_header(sheet))]
        first_rows[sheet.title] = headers[0].row or 0
        for header in headers:
            findings += row_rules(sheet, header, result)
        findings += region_rules(sheet, result)
        if not axes[sheet.title]:
            findings += _no_axis(sheet, result)
    findings += cell_rules(book, first_rows, result, _period_cells(book, axes), notes)
    findings += model_check_rules(book, axes, set(check_cells(book)))
    findings += referee_findings(book, result)
    findings += structure_rules(book)
    findings += prose_findings(book, axes)
    return findings


def _units_only(header: Header) -> Header:
    """No time axis: the header row may still name a units column."""
    return Header(header.row, {}, header.units_col)


def _period_cells(book: Book, axes: dict[str, list[Header]]) -> set:
    return {(s.position, h.row, c) for s in book.sheets for h in axes[s.title] for c in h.years}


def _no_axis(sheet, result: Scan) -> list[Finding]:
    """A time-axis note for a sheet with a row of three or more copies of one formula and no header."""
    rows: dict[tuple[int, str], list[int]] = {}
    for (row, col) in sheet.formulas:
        shape = result.shapes.get((sheet.position, row, col))
        if shape is not None and shape.refs:
            rows.setdefault((row, shape.r1c1), []).append(col)
    copied = sorted(row for (row, _), cols in rows.items() if len(cols) >= 3)
    if not copied:
        return []
    return [finding("time-axis", sheet.title, "", f"no period header found (rows of copied formulas from row "
                                                  f"{copied[0]}): inconsistent-formula by year, plug by year and "
                                                  f"missing-units were skipped; the region rules still ran")]


def _unique(findings: list[Finding]) -> list[Finding]:
    """One finding per sheet, cell and rule: the first (the header-based row rules come first)."""
    seen, out = set(), []
    for f in findings:
        key = (f.sheet, f.cell, f.rule) if f.cell else (f.sheet, f.cell, f.rule, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _circular(book: Book, result: Scan) -> list[Finding]:
    out = []
    for component in cycles(result.edges):
        members = sorted(component)
        names = [f"{book.sheets[p].title}!{a1(r, c)}" for p, r, c in members]
        listed = ", ".join(names[:MAX_CYCLE_LISTED]) + (", ..." if len(names) > MAX_CYCLE_LISTED else "")
        for (p, r, c) in members:
            text = ("reads itself" if len(members) == 1
                    else f"on a circular reference of {len(members)} cells: {listed}")
            out.append(finding("circular-reference", book.sheets[p].title, a1(r, c), text))
    return out


_CELL = re.compile(r"^([A-Z]+)?(\d+)?")


def _position(cell: str) -> tuple[int, int]:
    m = _CELL.match(cell.replace("$", ""))
    letters, digits = m.groups() if m else (None, None)
    row = int(digits) if digits else 0
    col = column_index_from_string(letters) if letters else 0
    return row, col


def _sorted(book: Book, findings: list[Finding]) -> list[Finding]:
    order = {s.title: s.position for s in book.sheets}
    unique = dict.fromkeys(findings)  # first of any duplicate, order kept

    def key(f: Finding):
        return (order.get(f.sheet, -1 if not f.sheet else len(order)), _position(f.cell), f.rule, f.message)
    return sorted(unique, key=key)
