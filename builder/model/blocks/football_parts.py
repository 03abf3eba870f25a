"""The football field's bar for each part of a blend: the part's own value range, as rows of target prices
on the Valuation sheet that MIN and MAX read. A multiple part: its target price at each step of its
multiple axis (sensitivity.multiple_changes); a DCF part: its WACC x terminal grid (the DCF's
wacc_changes and terminal_changes), every flow discounted again. Live formulas; the blend's own grid
gives the blend's bar."""
from __future__ import annotations

from ...formula.expr import MAX, MIN, Cell, Expr, Grid, Line, LineAt, cell_or_one
from ...labels import words as W
from ...assumptions.schema import Assumptions
from ..handles import InputHandles, ValuationHandles
from ..sheet_writer import PCT, SheetWriter, unit
from ..valuation import METHODS
from .sensitivity import dcf_price_at, grid_line

Bar = tuple  # (key, words, low entry, high entry)


def blend_part_bars(w: SheetWriter, a: Assumptions, inp: InputHandles, val: ValuationHandles) -> list[Bar]:
    bars = []
    for name, _, _, multiple, _ in val.blend:
        method = METHODS[name]()
        rows = _dcf_rows(w, a, val) if method.is_dcf else (_multiple_row(w, a, inp, val, name, multiple),)
        width = len(w.line_item(rows[0]).entries) - 1  # column 0: the row's WACC, or nothing
        block = Grid(tuple(rows), 1, width)
        bars.append((f"part_{method.slug}", W("val.ff.part").format(multiple=name), MIN(block), MAX(block)))
    return bars


def _multiple_row(w: SheetWriter, a: Assumptions, inp: InputHandles, val: ValuationHandles, name: str,
                  multiple: str) -> str:
    """The part's target price at each step of the multiple axis (the axis input's columns 1..n)."""
    m, sym = METHODS[name](), a.units.market_symbol
    price: Expr = m.price(Cell(multiple) + Line(inp.sensitivity["multiple"]), Cell(f"VAL_basis_{m.slug}"),
                          cell_or_one(val.fx), Cell(val.shares), bridge=Cell(val.bridge) if m.enterprise else None)
    steps = len(a.sensitivity.multiple_changes.values)
    w.section("val", W("val.ff.part_axis").format(multiple=name, symbol=sym))
    return grid_line(w, f"ff_part_{m.slug}", W("val.ff.part_row").format(multiple=name), unit("grid", symbol=sym),
                     "price", [None] + [price] * steps)


def _dcf_rows(w: SheetWriter, a: Assumptions, val: ValuationHandles) -> tuple[str, ...]:
    """The DCF part's target price by WACC (rows, column 0 the WACC) and terminal growth or exit multiple."""
    d, dcf, sym = a.valuation.dcf, val.dcf, a.units.market_symbol
    terminal = W(f"dcf.{'terminal_growth' if dcf.by_growth else 'exit_multiple'}")
    steps = len(d.terminal_changes.values)
    w.section("val", W("val.ff.part_dcf").format(symbol=sym, terminal=terminal))
    axis = grid_line(w, "ff_part_dcf_axis", W("val.sens_dcf_axis").format(terminal=terminal),
                     PCT if dcf.by_growth else "x", "pct" if dcf.by_growth else "multiple",
                     [None] + [Cell(dcf.terminal) + Line(dcf.terminal_changes)] * steps)
    rows = []
    for i in range(len(d.wacc_changes.values)):
        key = f"KPI_ff_part_dcf_{i}"
        rows.append(grid_line(w, f"ff_part_dcf_{i}", W("val.sens_dcf_row").format(number=i + 1),
                              unit("grid", symbol=sym), "price",
                              [Cell(dcf.wacc) + LineAt(dcf.wacc_changes, i + 1)]
                              + [dcf_price_at(w, val, LineAt(key, 0), Line(axis))] * steps,
                              (), first_fmt="pct"))
    return tuple(rows)
