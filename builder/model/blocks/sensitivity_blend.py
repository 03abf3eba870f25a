"""A blend's sensitivity grid on the Valuation sheet: the blended target price (and upside) with its first
part's own axis down the rows and its second part's across the columns (`valuation.blend.grid_parts`).

A multiple part moves its target multiple (sensitivity.multiple_changes); a DCF part its WACC (the DCF's
wacc_changes), every flow discounted again. The other parts stay at their own target price. Live formulas.
"""
from __future__ import annotations

from typing import NamedTuple

from ...formula.expr import Cell, Expr, Line, LineAt, cell_or_one
from ...labels import Words, words as W
from ...assumptions.schema import Assumptions
from ..handles import InputHandles, SensitivityHandles, ValuationHandles
from ..sheet_writer import PCT, SheetWriter, unit
from ..valuation import METHODS
from ..valuation.blend import grid_parts
from .sensitivity import grid_line, dcf_price_at


class _PartAxis(NamedTuple):
    method: str
    words: Words
    base: Expr           # the part's own multiple or WACC
    changes_row: str     # the input row of its changes (columns 1..n)
    changes: tuple
    unit: str
    fmt: str


def _axis(a: Assumptions, inp: InputHandles, val: ValuationHandles, name: str) -> _PartAxis:
    if name == "DCF":
        return _PartAxis(name, W("dcf.wacc"), Cell(val.dcf.wacc), val.dcf.wacc_changes,
                         tuple(a.valuation.dcf.wacc_changes.values), PCT, "pct")
    multiple = next(m for n, _, _, m, _ in val.blend if n == name)
    return _PartAxis(name, W("val.target_multiple").format(multiple=name), Cell(multiple),
                     inp.sensitivity["multiple"], tuple(a.sensitivity.multiple_changes.values), "x", "multiple")


def _part_price(w: SheetWriter, val: ValuationHandles, name: str, at: Expr) -> Expr:
    """A part's target price with its own axis at `at`."""
    m = METHODS[name]()
    if m.is_dcf:
        return dcf_price_at(w, val, at, Cell(val.dcf.terminal))
    return m.price(at, Cell(f"VAL_basis_{m.slug}"), cell_or_one(val.fx), Cell(val.shares),
                   bridge=Cell(val.bridge) if m.enterprise else None)


def build_blend_sensitivity(w: SheetWriter, a: Assumptions, inp: InputHandles,
                            val: ValuationHandles) -> SensitivityHandles:
    rows_axis, cols_axis = (_axis(a, inp, val, name) for name in grid_parts(a))
    sym, width, centre = a.units.market_symbol, len(cols_axis.changes), 1 + cols_axis.changes.index(0)
    names = {"rows": rows_axis.words, "columns": cols_axis.words}
    w.section("val", W("val.sens_blend").format(symbol=sym, **names))
    axis = grid_line(w, "sens_blend_axis", cols_axis.words, cols_axis.unit, cols_axis.fmt,
                      [None] + [cols_axis.base + Line(cols_axis.changes_row)] * width)
    tp_rows = []
    for i, change in enumerate(rows_axis.changes):
        key = f"KPI_sens_tp_blend_{i}"
        total = None
        for name, weight, tp, _, _ in val.blend:
            at = {rows_axis.method: LineAt(key, 0), cols_axis.method: Line(axis)}.get(name)
            price = Cell(tp) if at is None else _part_price(w, val, name, at)
            total = Cell(weight) * price if total is None else total + Cell(weight) * price
        tp_rows.append(grid_line(w, f"sens_tp_blend_{i}", W("val.sens_blend_row").format(number=i + 1, **names),
                                  unit("grid", symbol=sym), "price",
                                  [rows_axis.base + LineAt(rows_axis.changes_row, i + 1)] + [total] * width,
                                  (centre,) if change == 0 else (), first_fmt=rows_axis.fmt))
    w.section("val", W("val.sens_blend_up").format(**names))
    up_rows = [grid_line(w, f"sens_up_blend_{i}", W("val.sens_blend_up_row").format(number=i + 1, **names),
                          unit("grid", symbol=PCT), "pct", [LineAt(row, 0)] + [Line(row) / Cell(val.price) - 1] * width,
                          (centre,) if change == 0 else (), first_fmt=rows_axis.fmt)
               for i, (change, row) in enumerate(zip(rows_axis.changes, tp_rows))]
    return SensitivityHandles({"blend": tuple(tp_rows)}, {"blend": tuple(up_rows)})
