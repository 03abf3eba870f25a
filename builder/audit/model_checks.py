"""The model's own checks: rows or cells it labels as checks, read where the model put them.

A row whose label (text left of its first formula) reads like a check (`Balance check`, `Out of
balance`, `Imbalance`, `Error check`, 检查, 校验, 核对) fails where a formula shows FALSE, a cross
(✗, "ERROR", "FAIL") or a number beyond 0.01; a row labelled just `Check` is judged on numbers only
when another of its periods shows 0. A row labelled only as a difference
(`Difference`, 差额) fails on FALSE or a cross, not on a number: a model may show known differences
from a source on purpose. Any formula showing a cross (✗, ✘) fails, whatever its label. One finding
per row, naming its periods.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .findings import Finding, finding
from .headers import Header
from .reader import Book, Sheet, is_error
from .scan import a1, short
from .values import display

TOLERANCE = 0.01
_CROSSES = ("✗", "✘")
_NUMERIC_LABEL = re.compile(r"balance check|check ?sum|imbalance|out of balance|\berrors? check|"
                            r"检查|校验|核对|勾稽", re.I)
_CHECK_WORD = re.compile(r"\bchecks?\b", re.I)  # judged on numbers only when another period passes
_DIFF_LABEL = re.compile(r"\bdiff(?:erence)?s?\b|\bvariance\b|差额|差异|\bbalanced?\?", re.I)
_CROSS = re.compile(r"^\s*(✗|✘|×|x|ERROR|ERR|FAIL(?:ED)?|FALSE|NOT OK|NO|CHECK|错误|不平)\s*!?\s*$", re.I)


def _labels(sheet: Sheet) -> dict[int, list[tuple[int, str]]]:
    """Row -> its typed text cells, left to right."""
    out: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for (row, col), cell in sheet.cells.items():
        if isinstance(cell.value, str) and (row, col) not in sheet.formulas:
            out[row].append((col, cell.value))
    for items in out.values():
        items.sort()
    return out


def _label(texts: list[tuple[int, str]], cols: list[int]) -> str:
    first = min(cols)
    return " ".join(text.strip() for col, text in texts if col < first)


def _fails(value, numeric: bool) -> bool:
    if value is False or is_error(value):
        return True
    if isinstance(value, str):
        return bool(_CROSS.match(value))
    if numeric and isinstance(value, (int, float)) and not isinstance(value, bool):
        return abs(value) > TOLERANCE
    return False


def _some_pass(sheet: Sheet, row: int, cols: list[int]) -> bool:
    """A row labelled just "check" is a numeric check only if some period shows 0: a row of figures
    that happens to be called "check" (e.g. a cross-check of two totals shown side by side) is not."""
    values = [sheet.stored.get((row, c)) for c in cols]
    return any(isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) <= TOLERANCE for v in values)


def _period(axes: list[Header], sheet: Sheet, row: int, col: int) -> str:
    for header in reversed(axes):
        if header.row < row <= header.end_row and col in header.years:
            cell = sheet.cells.get((header.row, col))
            value = sheet.stored.get((header.row, col)) if (header.row, col) in sheet.formulas else cell.value
            return display(value).strip('"')
    return a1(row, col)


def model_check_rules(book: Book, axes: dict[str, list[Header]], known: set) -> list[Finding]:
    """`known`: (sheet position, row, col) of cells the `check-false` rule already judges."""
    out: list[Finding] = []
    for sheet in book.sheets:
        rows: dict[int, list[int]] = defaultdict(list)
        for (row, col) in sheet.formulas:
            rows[row].append(col)
        labels = _labels(sheet) if rows else {}
        for row, cols in sorted(rows.items()):
            label = _label(labels.get(row, []), cols)
            numeric = bool(_NUMERIC_LABEL.search(label)) or (bool(_CHECK_WORD.search(label))
                                                              and _some_pass(sheet, row, cols))
            labelled = numeric or bool(_DIFF_LABEL.search(label) or _CHECK_WORD.search(label))
            bad = [c for c in sorted(cols) if (sheet.position, row, c) not in known
                   and (_fails(sheet.stored.get((row, c)), numeric) if labelled
                        else sheet.stored.get((row, c)) in _CROSSES)]
            if bad:
                out.append(_row_finding(sheet, axes.get(sheet.title, []), row, label, bad))
    return out


def _row_finding(sheet: Sheet, axes: list[Header], row: int, label: str, bad: list[int]) -> Finding:
    periods = [_period(axes, sheet, row, c) for c in bad]
    values = [display(sheet.stored.get((row, c))) for c in bad]
    shown = ", ".join(f"{p} ({v})" for p, v in list(zip(periods, values))[:6]) + (", ..." if len(bad) > 6 else "")
    region = a1(row, bad[0]) if len(bad) == 1 else f"{a1(row, bad[0])}:{a1(row, bad[-1])}"
    return finding("model-check", sheet.title, a1(row, bad[0]),
                   f"the model's check '{short(label, 50)}' fails in {shown}", region)
