"""The header record (`Header`: a header row, its period columns, its units column and the block it
covers) and `find_header`, the first-ten-rows search that the audit now uses only for a sheet
without a time axis, to find its units column. `axis.find_axes` finds time axes anywhere.

`find_header` reads years from cells such as `2022A`, `2024E`, `FY2024`, `2025F`, `2026P`, a
quarter or half (`2024Q1A`, `2025H2E`), or a year typed as a number (2024) or a date. A = actual;
E, F and P = estimate; a year without a suffix is unknown. Its header row is the row among the
first ten with the most year cells (at least two).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .reader import Sheet

SCAN_ROWS = 10
_YEAR = re.compile(r"^\s*(?:FY\s*)?((?:19|20)\d{2})\s*(?:Q[1-4]|H[12])?\s*([AEFP])?\s*$", re.I)
_UNITS = re.compile(r"units?\b|单位", re.I)

ACTUAL, ESTIMATE, UNKNOWN = "A", "E", "?"


@dataclass
class Header:
    row: int | None = None
    years: dict[int, tuple[int, str]] = field(default_factory=dict)  # column -> (year, ACTUAL/ESTIMATE/UNKNOWN)
    units_col: int | None = None
    end_row: int = 10 ** 7  # the last row the header applies to
    labels: dict = field(default_factory=dict)  # column -> the header's value as read (typed or stored)
    grains: dict = field(default_factory=dict)  # column -> Y, H, Q or D (a date); empty: all alike

    def by_grain(self, cols: list[int]) -> list[list[int]]:
        """Columns split by period length: a row's quarters and its annual totals are judged apart."""
        groups: dict[str, list[int]] = {}
        for col in cols:
            groups.setdefault(self.grains.get(col, ""), []).append(col)
        return list(groups.values())

    @property
    def marked(self) -> bool:
        """Whether the header says which years are actuals and which estimates."""
        return any(kind != UNKNOWN for _, kind in self.years.values())

    @property
    def estimate_cols(self) -> list[int]:
        return sorted(c for c, (_, kind) in self.years.items() if kind == ESTIMATE)

    @property
    def year_cols(self) -> list[int]:
        return sorted(self.years)


def year_of(value) -> tuple[int, str] | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer() and 1900 <= value <= 2100:
        return int(value), UNKNOWN
    if isinstance(value, (dt.datetime, dt.date)):
        return value.year, UNKNOWN
    if isinstance(value, str):
        m = _YEAR.match(value)
        if m:
            suffix = (m.group(2) or "").upper()
            return int(m.group(1)), ACTUAL if suffix == "A" else ESTIMATE if suffix else UNKNOWN
    return None


def find_header(sheet: Sheet) -> Header:
    rows: dict[int, dict[int, tuple[int, str]]] = {}
    units: dict[int, int] = {}
    for (row, col), cell in sheet.cells.items():
        if row > SCAN_ROWS or (row, col) in sheet.formulas:
            continue
        year = year_of(cell.value)
        if year is not None:
            rows.setdefault(row, {})[col] = year
        elif isinstance(cell.value, str) and _UNITS.search(cell.value) and row not in units:
            units[row] = col
    candidates = [(len(cols), -row) for row, cols in rows.items() if len(cols) >= 2]
    if candidates:
        _, neg_row = max(candidates)
        row = -neg_row
        above = [r for r in units if r <= row]
        return Header(row, dict(sorted(rows[row].items())), units[max(above)] if above else None)
    if units:
        row = min(units)
        return Header(row, {}, units[row])
    return Header()
