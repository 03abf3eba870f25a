"""The model: sheets of rows, each row a line item defined once, evaluated in Python.

Pure computation, no I/O. A `LineItem` has one entry per period: an `Expr` (a formula),
a number (an input), or None (blank). A `CellItem` is a single value (market data,
valuation). Renderers read the same definitions to write formulas; `Model.values`
gives the numbers they store beside them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Union

from ..expr import Expr, XLError

Entry = Union[Expr, float, int, str, bool, dt.date, None]

@dataclass(frozen=True)
class Period:
    year: int
    actual: bool
    quarter: int | None = None

    @property
    def label(self) -> str:
        q = f"Q{self.quarter}" if self.quarter else ""
        return f"{self.year}{q}{'A' if self.actual else 'E'}"

    @property
    def year_end(self) -> bool:
        return self.quarter in (None, 4)


@dataclass
class LineItem:
    key: str
    name_zh: str
    name_en: str
    unit: str
    fmt: str
    entries: list[Entry]
    defined_name: str | None = None
    source: str = ""
    total: bool = False      # subtotal styling
    check: bool = False      # check styling
    cell_names: dict[int, str] = field(default_factory=dict)  # period -> single-cell defined name
    input_kind: str = ""     # inputs only: what kind of value, for data validation
    periodic: bool = True    # False: a grid row whose entries are columns, not periods
    col_fmts: dict[int, str] = field(default_factory=dict)  # per-column number format overrides
    highlight: set[int] = field(default_factory=set)       # columns to mark (a grid's base case)
    origins: list = field(default_factory=list)  # inputs: per entry, its path in the assumptions


@dataclass
class CellItem:
    key: str
    name_zh: str
    name_en: str
    unit: str
    fmt: str
    entry: Entry
    defined_name: str | None = None
    source: str = ""
    total: bool = False
    check: bool = False
    input_kind: str = ""
    choices: tuple[str, ...] = ()  # a list input: keys of the cells holding the allowed values
    origin: tuple | None = None    # inputs: the path of the value in the assumptions


@dataclass
class Section:
    title_zh: str
    title_en: str


@dataclass
class Note:
    text: str


@dataclass
class Header:
    """Column headings inside a sheet (a grid's axis names); texts by column index."""
    label_zh: str
    label_en: str
    texts: dict[int, str]


Row = Union[LineItem, CellItem, Section, Note, Header, None]  # None is a blank spacer row


@dataclass
class Sheet:
    id: str
    title: str          # the Excel sheet name
    title_zh: str
    prefix: str         # defined-name prefix of its lines
    rows: list[Row] = field(default_factory=list)
    time_series: bool = True

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row


class ModelError(Exception):
    pass


class Model:
    def __init__(self, periods: list[Period], sheets: list[Sheet]):
        self.periods = periods
        self.sheets = sheets
        self.lines: dict[str, LineItem] = {}
        self.cells: dict[str, CellItem] = {}
        self.sheet_of: dict[str, Sheet] = {}
        for sheet in sheets:
            for row in sheet.rows:
                if isinstance(row, (LineItem, CellItem)):
                    if row.key in self.lines or row.key in self.cells:
                        raise ModelError(f"line key defined twice: {row.key}")
                    if isinstance(row, LineItem):
                        if row.periodic and len(row.entries) != len(periods):
                            raise ModelError(f"{row.key}: {len(row.entries)} entries for {len(periods)} periods")
                        self.lines[row.key] = row
                    else:
                        self.cells[row.key] = row
                    self.sheet_of[row.key] = sheet
        self._line_values: dict[tuple[str, int], object] = {}
        self._cell_values: dict[str, object] = {}
        self._evaluate_all()

    # -- evaluation -------------------------------------------------------------------
    def _evaluate_all(self):
        for key, line in self.lines.items():
            for p in range(len(line.entries)):
                self.line_value(key, p)
        for key in self.cells:
            self.cell_value(key)

    def line_value(self, key: str, period: int):
        done = self._line_values.get((key, period), _IN_PROGRESS)
        if done is not _IN_PROGRESS:  # the common case, read tens of thousands of times by the writers
            return done
        line = self.lines.get(key)
        if line is None:
            raise ModelError(f"unknown line {key}")
        if not 0 <= period < len(line.entries):
            raise ModelError(f"{key}: column {period} is outside the line")
        return self._memoised(self._line_values, (key, period), f"{key} [{period}]", line.entries[period], period)

    def cell_value(self, key: str):
        cell = self.cells.get(key)
        if cell is None:
            raise ModelError(f"unknown cell {key}")
        return self._memoised(self._cell_values, key, key, cell.entry, 0)

    def _memoised(self, store: dict, memo, label: str, entry, period: int):
        """Evaluate an entry once; meeting it again while it is being evaluated is a circular reference."""
        if memo in store:
            value = store[memo]
            if value is _IN_PROGRESS:
                raise ModelError(f"circular reference at {label}")
            return value
        store[memo] = _IN_PROGRESS
        value = store[memo] = entry.evaluate(_Ctx(self, period)) if isinstance(entry, Expr) else entry
        return value

    # -- reading ----------------------------------------------------------------------
    def series(self, key: str) -> list:
        return [self.line_value(key, p) for p in range(len(self.lines[key].entries))]

    def value(self, key: str):
        return self.cell_value(key)

    def named(self) -> dict[str, object]:
        """Defined name -> value(s), as the workbook publishes them."""
        out = {}
        for item in list(self.lines.values()) + list(self.cells.values()):
            for p, name in getattr(item, "cell_names", {}).items():
                out[name] = self.line_value(item.key, p)
            if item.defined_name:
                out[item.defined_name] = self.series(item.key) if isinstance(item, LineItem) else self.value(item.key)
        return out

    def errors(self) -> list[str]:
        """Cells whose value is a spreadsheet error."""
        bad = [f"{k} [{p}]" for (k, p), v in self._line_values.items() if isinstance(v, XLError)]
        bad += [k for k, v in self._cell_values.items() if isinstance(v, XLError)]
        return bad


class _InProgress:
    pass


_IN_PROGRESS = _InProgress()


class _Ctx:
    def __init__(self, model: Model, period: int):
        self.model = model
        self._period = period

    def period(self):
        return self._period

    def period_count(self):
        return len(self.model.periods)

    def line_value(self, key, period):
        return self.model.line_value(key, period)

    def cell_value(self, key):
        return self.model.cell_value(key)
