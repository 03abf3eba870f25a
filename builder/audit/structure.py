"""Rules on the workbook's structure: hidden sheets, rows and columns; iterative calculation;
external-link parts and defined names that point outside the workbook or at #REF!."""
from __future__ import annotations

from openpyxl.utils.cell import column_index_from_string, get_column_letter

from .findings import WORKBOOK, Finding, finding
from .reader import Book


def _blocks(numbers: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def structure_rules(book: Book) -> list[Finding]:
    out: list[Finding] = []
    if book.iterate:
        out.append(finding("iterative-calculation", WORKBOOK, "",
                           "iterative calculation is on: circular references would be silently iterated"))
    for target in book.external_links:
        out.append(finding("external-link", WORKBOOK, "", f"the workbook links to {target}"))
    for _, rule, message in book.name_problems:
        out.append(finding(rule, WORKBOOK, "", message))
    for title, state in [(s.title, s.state) for s in book.sheets] + book.other_sheets:
        if state != "visible":
            out.append(finding("hidden-sheet", title, "", f"sheet is {state}"))
    for sheet in book.sheets:
        ws = sheet.ws
        rows = [r for r, d in ws.row_dimensions.items() if d.hidden]
        for a, b in _blocks(rows):
            out.append(finding("hidden-row", sheet.title, f"{a}:{b}",
                               f"row {a} is hidden" if a == b else f"rows {a}-{b} are hidden"))
        cols = []
        for key, d in ws.column_dimensions.items():
            if d.hidden:
                first = d.min or column_index_from_string(key)
                last = d.max or first
                cols.extend(range(first, last + 1))
        for a, b in _blocks(cols):
            span = f"{get_column_letter(a)}:{get_column_letter(b)}"
            out.append(finding("hidden-column", sheet.title, span,
                               f"column {get_column_letter(a)} is hidden" if a == b else f"columns {span} are hidden"))
    return out
