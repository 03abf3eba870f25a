"""Rules that read a sheet row by row against its header: one formula per forecast row, no plugs, units.

Forecast years are the header's estimate columns (`2024E`, `2025F`, `2026P`). When the header
has years without A/E marks, every year column counts, and the boundary between actuals and
forecasts is taken to be the first change of formula (or the first formula after typed numbers).
"""
from __future__ import annotations

from collections import Counter, defaultdict

from .findings import Finding, finding
from .headers import Header
from .reader import Sheet, is_number
from .scan import Scan, a1, short
from .values import display


def row_rules(sheet: Sheet, header: Header, scan: Scan) -> list[Finding]:
    out: list[Finding] = []
    if header.row is None:
        return out
    if header.years:
        groups = header.by_grain(header.estimate_cols if header.marked else header.year_cols)
        for cols in groups:
            # Quarters between annual columns: a reference to the previous quarter counts in quarters.
            index = {c: i for i, c in enumerate(sorted(c for c, g in header.grains.items()
                                                        if g == header.grains.get(cols[0])))}
            key = _grain_key(index) if len(groups) > 1 else _r1c1
            by_row = _cells_by_row(sheet, header, set(cols))
            for row, cells in sorted(by_row.items()):
                out += _one_formula_per_row(sheet, row, cells, header.marked, scan, key)
                out += _plugs(sheet, row, cells, header.marked)
    if header.units_col is not None:
        out += _units(sheet, header)
    return out


def _cells_by_row(sheet: Sheet, header: Header, cols: set[int]) -> dict[int, dict[int, object]]:
    """The block's time-series rows: those filled in at least 60% of the judged period columns. A small
    table set under the same columns (WACC inputs, a sensitivity grid) is not judged as years."""
    rows: dict[int, dict[int, object]] = defaultdict(dict)
    for (row, col), cell in sheet.cells.items():
        if header.row < row <= header.end_row and col in cols:
            rows[row][col] = cell
    least = max(2, -(-len(cols) * 3 // 5))
    return {row: cells for row, cells in rows.items() if len(cells) >= least}


def _r1c1(row: int, col: int, shape) -> str:
    return shape.r1c1


def _grain_key(index: dict[int, int]):
    """A formula's key with same-row column offsets counted in periods of its own length."""
    def key(row: int, col: int, shape) -> str:
        parts = []
        for piece in shape.pieces:
            ref = shape.refs[piece] if isinstance(piece, int) else None
            if ref is None or ref.sheet is not None or ref.name is not None:
                parts.append(piece if ref is None else ref.prefix + (
                    ref.name if ref.name is not None else ":".join(c.r1c1() for c in ref.corners)))
                continue
            for corner in ref.corners:
                r = corner.r1c1().split("C")[0] if corner.row is not None else ""
                target = None if corner.col is None or corner.col_abs else col + corner.col
                if target in index and col in index:
                    parts.append(f"{r}P[{index[target] - index[col]}]:")
                else:
                    parts.append(corner.r1c1() + ":")
        return "".join(parts)
    return key


def _one_formula_per_row(sheet: Sheet, row: int, cells: dict, marked: bool, scan: Scan, key=_r1c1
                         ) -> list[Finding]:
    forms = [(col, scan.shapes.get((sheet.position, row, col))) for col in sorted(cells)
             if (row, col) in sheet.formulas]
    forms = [(col, key(row, col, shape)) for col, shape in forms if shape is not None]
    if not marked and forms:
        # Unknown boundary: the first run of one formula may be the actual years.
        first = forms[0][1]
        run = next((i for i, (_, k) in enumerate(forms) if k != first), len(forms))
        if run < len(forms):
            forms = forms[run:]
    if len({k for _, k in forms}) < 2:
        return []
    tally = Counter(k for _, k in forms)
    top = max(tally.values())
    expected_col = next(c for c, k in forms if tally[k] == top)  # ties: the earliest
    expected_key, expected = dict(forms)[expected_col], scan.shapes[(sheet.position, row, expected_col)]
    out = []
    for col, k in forms:
        if k != expected_key:
            want = expected.render(row, col) or expected.r1c1
            out.append(finding("inconsistent-formula", sheet.title, a1(row, col),
                               f"{short(sheet.formulas[(row, col)], 60)} differs from the row's forecast formula "
                               f"(as in {a1(row, expected_col)}: {short(want, 60)})"))
    return out


def _plugs(sheet: Sheet, row: int, cells: dict, marked: bool) -> list[Finding]:
    formula_cols = [col for col in cells if (row, col) in sheet.formulas]
    if not formula_cols:
        return []
    first = min(formula_cols)
    out = []
    for col, cell in sorted(cells.items()):
        if (row, col) in sheet.formulas or not is_number(cell.value):
            continue
        if marked or col > first:
            out.append(finding("plug", sheet.title, a1(row, col),
                               f"typed number {display(cell.value)} among the row's forecast formulas"))
    return out


def _units(sheet: Sheet, header: Header) -> list[Finding]:
    units = header.units_col
    data_cols = set(header.year_cols) if header.years else None
    numeric_rows: set[int] = set()
    for (row, col), cell in sheet.cells.items():
        if row <= header.row or row > header.end_row or row in numeric_rows:
            continue
        if (data_cols is not None and col not in data_cols) or (data_cols is None and col <= units):
            continue
        if (row, col) in sheet.formulas or is_number(cell.value):
            numeric_rows.add(row)
    out = []
    for row in sorted(numeric_rows):
        cell = sheet.cells.get((row, units))
        if cell is None or (isinstance(cell.value, str) and not cell.value.strip()):
            out.append(finding("missing-units", sheet.title, a1(row, units), f"row {row} has figures but no units"))
    return out
