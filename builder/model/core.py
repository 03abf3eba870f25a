"""The model: sheets of rows, each row a line item defined once, evaluated in Python.

Pure computation, no I/O. A `LineItem` has one entry per period: an `Expr` (a formula),
a number (an input), or None (blank). A `CellItem` is a single value (market data,
valuation). Renderers read the same definitions to write formulas; `Model.values`
gives the numbers they store beside them. `Model.handles` names the lines each block
defined (see `assemble.py`), for readers that want them by role rather than by key.
"""
from __future__ import annotations

from ..formula.expr import Expr, XLError
from .handles import ModelHandles
from .items import CellItem, LineItem, Period, Sheet


class ModelError(Exception):
    pass


class Model:
    def __init__(self, periods: list[Period], sheets: list[Sheet], handles: ModelHandles | None = None):
        self.periods = periods
        self.handles = handles
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
            if isinstance(item, LineItem):
                for p, name in item.cell_names.items():
                    out[name] = self.line_value(item.key, p)
            if item.defined_name:
                value = self.series(item.key) if isinstance(item, LineItem) else self.value(item.key)
                for name in (item.defined_name, *item.aliases):
                    out[name] = value
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
