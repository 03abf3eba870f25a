"""Find a sheet's time axes anywhere on it: rows of period headers (`2025E`, `FY25`, `1H25`, dates,
years built by formulas such as `=H2+1` or linked from a timeline sheet), each applying to the
block of rows under it, down to the next header or a run of empty rows.

A header row is an increasing run of at least three periods along a row (two when they carry an A/E
mark), in columns at most three apart; plain numbers count only as consecutive years, so a row of
figures near 2,000 is not taken for years. A row just above or below that reads A/E, Actual /
Forecast marks the years. Each axis is a `headers.Header` with the block's last row.
"""
from __future__ import annotations

import re
from collections import defaultdict

from .headers import Header
from .periods import ACTUAL, ESTIMATE, UNKNOWN, period
from .reader import Book, Sheet
from .values import display

BLOCK_GAP = 6  # this many empty rows (in the axis's columns) end a block
_UNITS = re.compile(r"^\s*(units?|unit of measure|单位)\b", re.I)
_MARKS = re.compile(r"^\s*(?:(a|act|actual|actuals|hist|historical|历史|实际)|"
                    r"(e|f|p|b|est|estimate|estimates|fcst|forecast|proj|projected|budget|plan|预测))\.?\s*$", re.I)
_LINK = re.compile(r"^=\s*(?:'?([^'!]+)'?!)?\$?([A-Z]{1,3})\$?(\d+)\s*(\+\s*1)?\s*$")
_EDATE = re.compile(r"^=\s*(?:EDATE|EOMONTH)\(\s*\$?([A-Z]{1,3})\$?(\d+)\s*,\s*(-?\d+)\s*\)\s*$", re.I)


def _value(book: Book, sheet: Sheet, row: int, col: int, depth: int = 0):
    """A header cell's value: typed, stored, or (for a file saved without results) a link or `+1` followed."""
    cell = sheet.cells.get((row, col))
    if cell is None:
        return None
    if (row, col) not in sheet.formulas:
        return cell.value
    stored = sheet.stored.get((row, col))
    if stored is not None or depth > 40:
        return stored
    text = sheet.formulas[(row, col)]
    m = _LINK.match(text)
    if m:
        from openpyxl.utils.cell import column_index_from_string as index
        target = book.by_title.get(m.group(1)) if m.group(1) else sheet
        if target is None:
            return None
        value = _value(book, target, int(m.group(3)), index(m.group(2)), depth + 1)
        if m.group(4):
            found = period(value)
            return found[1] + 1 if found and isinstance(value, (int, float)) else None
        return value
    return None


def _runs(cells: list[tuple[int, tuple, object]]) -> list[list[tuple[int, tuple, object]]]:
    """Increasing runs along a row: (col, period, raw value), columns at most three apart."""
    runs: list[list] = []
    for item in cells:
        if runs and item[0] - runs[-1][-1][0] <= 3 and item[1][0] > runs[-1][-1][1][0]:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _is_header(run: list) -> bool:
    if len(run) < 2:
        return False
    plain = [p for _, p, raw in run if isinstance(raw, (int, float))]
    if plain and len(plain) == len(run):
        years = [p[1] for p in plain]
        if any(b - a != 1 for a, b in zip(years, years[1:])):
            return False
    marked = any(p[2] != UNKNOWN for _, p, _ in run)
    return len(run) >= 3 or (marked and all(isinstance(raw, str) for *_, raw in run))


def _candidates(book: Book, sheet: Sheet) -> dict[int, list]:
    by_row: dict[int, list] = defaultdict(list)
    for (row, col) in sheet.cells:
        value = _value(book, sheet, row, col)
        found = period(value)
        if found is not None:
            by_row[row].append((col, found, value))
    out = {}
    for row, cells in by_row.items():
        cells.sort(key=lambda item: item[0])
        runs = [r for r in _runs(cells) if _is_header(r)]
        if runs:
            out[row] = max(runs, key=len)
    return out


def _marks(sheet: Sheet, row: int, cols: list[int]) -> dict[int, str]:
    for r in (row - 1, row + 1):
        marks = {}
        for col in cols:
            cell = sheet.cells.get((r, col))
            m = _MARKS.match(cell.value) if cell is not None and isinstance(cell.value, str) else None
            if m:
                marks[col] = ACTUAL if m.group(1) else ESTIMATE
        if len(marks) * 2 >= len(cols):
            return marks
    return {}


def _units_col(sheet: Sheet, row: int, first_col: int) -> int | None:
    for r in (row, row - 1, row - 2, row + 1):
        for c in range(1, first_col):
            cell = sheet.cells.get((r, c))
            if cell is not None and isinstance(cell.value, str) and _UNITS.match(cell.value):
                return c
    return None


def _end_row(sheet: Sheet, start: int, stop: int, cols: set[int]) -> int:
    rows = sorted({r for (r, c) in sheet.cells if start < r < stop and c in cols})
    last = start
    for r in rows:
        if r - last > BLOCK_GAP:
            break
        last = r
    return last


def find_axes(book: Book, sheet: Sheet) -> list[Header]:
    """The sheet's time axes, top to bottom."""
    rows = _candidates(book, sheet)
    starts = sorted(rows)
    merged: list[int] = []
    for row in starts:  # a header made of two rows (years over dates, or dates over years): keep the lower
        if merged and row - merged[-1] <= 2 and abs(len(rows[row]) - len(rows[merged[-1]])) <= 2:
            merged[-1] = row
        else:
            merged.append(row)
    axes = []
    for i, row in enumerate(merged):
        run = rows[row]
        cols = [c for c, _, _ in run]
        marks = _marks(sheet, row, cols)
        years = {c: (p[1], marks.get(c, p[2]) if p[2] == UNKNOWN else p[2]) for c, p, _ in run}
        stop = merged[i + 1] - 1 if i + 1 < len(merged) else 10 ** 7
        header = Header(row, years, _units_col(sheet, row, min(cols)), labels={c: raw for c, _, raw in run},
                        grains={c: p[3] for c, p, _ in run})
        header.end_row = _end_row(sheet, row, stop + 1, set(cols))
        axes.append(header)
    return axes


def describe(header: Header, sheet: Sheet) -> str:
    """`row 4: 2022A..2026E in D:H, rows 5-60` for the report."""
    from openpyxl.utils.cell import get_column_letter as letter
    cols = header.year_cols
    first, last = (display(header.labels.get(c)).strip('"') for c in (cols[0], cols[-1]))
    rows = f"rows {header.row + 1}-{header.end_row}" if header.end_row > header.row else "nothing below it"
    return (f"row {header.row}: {first}..{last} ({len(cols)} periods) in "
            f"{letter(cols[0])}:{letter(cols[-1])}, {rows}")
