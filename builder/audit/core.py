"""`audit_workbook`: read a workbook, run every rule, optionally recalculate, return sorted findings."""
from __future__ import annotations

import re
from pathlib import Path

from openpyxl.utils.cell import column_index_from_string

from .cells import cell_rules
from .findings import Finding, finding
from .graph import cycles
from .headers import find_header
from ..xlsx_guard import check_xlsx
from .reader import Book, WorkbookError, load
from .recalc_check import recalc_findings
from .rows import row_rules
from .scan import Scan, a1, scan
from .structure import structure_rules

MAX_CYCLE_LISTED = 6


def audit_workbook(path: str | Path, recalc: bool = True) -> list[Finding]:
    """Findings for any .xlsx. Raises `WorkbookError` if the file is missing or unreadable."""
    check_xlsx(path, WorkbookError)  # zip bombs and oversized workbooks refused before any parse
    book = load(path)
    findings = rule_findings(book)
    if recalc:
        findings += recalc_findings(book)
    return _sorted(book, findings)


def rule_findings(book: Book) -> list[Finding]:
    headers = {sheet.title: find_header(sheet) for sheet in book.sheets}
    result = scan(book)
    findings = list(result.findings)
    findings += _circular(book, result)
    for sheet in book.sheets:
        findings += row_rules(sheet, headers[sheet.title], result)
    findings += cell_rules(book, headers, result)
    findings += structure_rules(book)
    return findings


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
