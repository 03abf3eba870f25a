"""Sensitivity grids on the Valuation sheet: target price and upside by target multiple and by
the basis metric, and by target multiple and FX (live formulas). Needs the inputs and the valuation."""
from __future__ import annotations

from typing import NamedTuple

from ...formula.expr import Cell, Expr, Line, LineAt, cell_or_one
from ...labels import Words, words as W
from ...assumptions.schema import Assumptions
from ..handles import InputHandles, SensitivityHandles, ValuationHandles
from ..sheet_writer import PCT, SheetWriter, unit
from ..valuation import ValuationMethod
from ..valuation.dcf import enterprise_value, last_year, terminal_value


class _Axis(NamedTuple):
    """The columns of one pair of grids (target price, upside)."""
    name: str                # in line keys: KPI_sens_tp_<name>_<row>
    words: Words             # what moves along the columns
    heading: Words           # the axis row's name
    unit: str
    fmt: str
    entry: Expr              # the axis row's value in every grid column
    changes: tuple           # the axis input's changes (one is 0: the base case)


def build_sensitivity(w: SheetWriter, a: Assumptions, method: ValuationMethod, inp: InputHandles,
                      val: ValuationHandles) -> SensitivityHandles:
    if method.is_dcf:
        return _dcf_grid(w, a, val)
    u, sens = a.units, a.sensitivity
    basis = _Axis(method.basis_axis, method.words("basis_change"),
                  W("val.sens_axis").format(axis=method.words("basis_change_input")), PCT, "pct",
                  Line(inp.sensitivity["basis"]), tuple(getattr(sens, method.basis_changes).values))
    axes = [basis]
    if val.fx:  # one currency: no FX, so no grid by FX
        axes.append(_Axis("fx", W("val.sens_fx"),
                          W("val.sens_fx_axis").format(market=u.market_currency, reporting=u.currency), "fx", "fx",
                          Cell(val.fx) * (1 + Line(inp.sensitivity["fx"])), tuple(sens.fx_changes.values)))
    tp_rows, up_rows = {}, {}
    for axis in axes:
        w.section("val", W("val.sens_tp").format(symbol=u.market_symbol, multiple=a.valuation.multiple,
                                                 axis=axis.words))
        axis_key = grid_line(w, f"sens_{axis.name}_axis", axis.heading, axis.unit, axis.fmt,
                              [None] + [axis.entry] * len(axis.changes))
        if axis is basis:  # the basis metric scales; FX is read from the axis row itself
            scale, fx_entry = 1 + Line(axis_key), cell_or_one(val.fx)
        else:
            scale, fx_entry = None, Line(axis_key)
        tp_rows[axis.name], up_rows[axis.name] = _grids(w, a, method, inp, val, axis, scale, fx_entry)
    return SensitivityHandles(tp_rows, up_rows)


def grid_line(w: SheetWriter, key: str, name: Words, unit: str, fmt: str, entries: list, highlight=None,
               first_fmt: str = "multiple") -> str:
    """A grid row (its entries are columns, not periods); `highlight` given: a row of the grid itself,
    whose column 0 is its target multiple and whose base-case column is marked."""
    col_fmts = {} if highlight is None else {0: first_fmt}
    return w.line("val", key, name, unit, fmt, entries, named=False, periodic=False, col_fmts=col_fmts,
                  highlight=frozenset(highlight or ())).key


def _grids(w: SheetWriter, a: Assumptions, method: ValuationMethod, inp: InputHandles, val: ValuationHandles,
           axis: _Axis, scale: Expr | None, fx: Expr) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One axis's target-price rows (below its axis row) and upside rows; column 0 holds each row's
    target multiple."""
    multiple, sym = a.valuation.multiple, a.units.market_symbol
    changes = a.sensitivity.multiple_changes.values
    width, centre = len(axis.changes), 1 + axis.changes.index(0)

    def row_name(key: str, i: int) -> Words:
        return W(key).format(axis=axis.words, multiple=multiple, number=i + 1)

    tp_rows = []
    for i, change in enumerate(changes):
        key = f"KPI_sens_tp_{axis.name}_{i}"
        price = method.price(LineAt(key, 0), Cell(val.basis), fx, Cell(val.shares), scale,
                             Cell(val.bridge) if val.bridge else None)
        multiple_at = Cell(val.target_multiple) + LineAt(inp.sensitivity["multiple"], i + 1)
        tp_rows.append(grid_line(w, f"sens_tp_{axis.name}_{i}", row_name("val.sens_tp_row", i),
                                  unit("grid", symbol=sym), "price", [multiple_at] + [price] * width,
                                  (centre,) if change == 0 else ()))
    w.section("val", W("val.sens_up").format(multiple=multiple, axis=axis.words))
    up_rows = [grid_line(w, f"sens_up_{axis.name}_{i}", row_name("val.sens_up_row", i), unit("grid", symbol=PCT),
                          "pct", [LineAt(row, 0)] + [Line(row) / Cell(val.price) - 1] * width,
                          (centre,) if change == 0 else ())
               for i, (change, row) in enumerate(zip(changes, tp_rows))]
    return tuple(tp_rows), tuple(up_rows)


def dcf_price_at(w: SheetWriter, val: ValuationHandles, wacc: Expr, terminal: Expr) -> Expr:
    """The DCF's target price discounting every flow again at `wacc`, with `terminal` growth or exit multiple."""
    dcf, last = val.dcf, w.n - 1
    tv = terminal_value(dcf.by_growth, last_year(dcf.fcff, last, w.ppy), last_year(dcf.ebitda, last, w.ppy), wacc,
                        terminal)
    ev = enterprise_value(dcf.fcff, dcf.period, range(w.n_act, w.n), wacc, tv,
                          LineAt(dcf.period, last) + Cell(dcf.mid_year))
    return (ev - Cell(val.bridge)) * cell_or_one(val.fx) / Cell(val.shares)


def _dcf_grid(w: SheetWriter, a: Assumptions, val: ValuationHandles) -> SensitivityHandles:
    """Target price and upside by WACC (rows; column 0 holds each row's WACC) and terminal growth or exit
    multiple (columns): each cell discounts every flow again, a live formula."""
    d, dcf, sym = a.valuation.dcf, val.dcf, a.units.market_symbol
    terminal = W(f"dcf.{'terminal_growth' if dcf.by_growth else 'exit_multiple'}")
    wacc_steps, term_steps = d.wacc_changes.values, d.terminal_changes.values
    centre = 1 + term_steps.index(0)
    w.section("val", W("val.sens_dcf").format(symbol=sym, terminal=terminal))
    axis = grid_line(w, "sens_dcf_axis", W("val.sens_dcf_axis").format(terminal=terminal),
                      PCT if dcf.by_growth else "x", "pct" if dcf.by_growth else "multiple",
                      [None] + [Cell(dcf.terminal) + Line(dcf.terminal_changes)] * len(term_steps))
    tp_rows = []
    for i, change in enumerate(wacc_steps):
        key = f"KPI_sens_tp_dcf_{i}"
        price = dcf_price_at(w, val, LineAt(key, 0), Line(axis))
        tp_rows.append(grid_line(w, f"sens_tp_dcf_{i}", W("val.sens_dcf_row").format(number=i + 1),
                                  unit("grid", symbol=sym), "price",
                                  [Cell(dcf.wacc) + LineAt(dcf.wacc_changes, i + 1)] + [price] * len(term_steps),
                                  (centre,) if change == 0 else (), first_fmt="pct"))
    w.section("val", W("val.sens_dcf_up").format(terminal=terminal))
    up_rows = [grid_line(w, f"sens_up_dcf_{i}", W("val.sens_dcf_up_row").format(number=i + 1),
                          unit("grid", symbol=PCT), "pct", [LineAt(row, 0)] + [Line(row) / Cell(val.price) - 1]
                          * len(term_steps), (centre,) if change == 0 else (), first_fmt="pct")
               for i, (change, row) in enumerate(zip(wacc_steps, tp_rows))]
    return SensitivityHandles({"dcf": tuple(tp_rows)}, {"dcf": tuple(up_rows)})
