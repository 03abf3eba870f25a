"""The football field on the Valuation sheet: per-share value ranges as cells the native and PNG charts
read. Each valuation method with a sensitivity grid gives a bar (a blend: one for the blend and one
for each of its parts, `football_parts.py`) from the grid's lowest to its highest
target price (MIN/MAX over the grid, so the bar moves with every input); the 52-week price range
(`market.week52`, an input) another; the share price and the target price are marked. Needs the
valuation and the sensitivity grids."""
from __future__ import annotations

from ...formula.expr import MAX, MIN, Cell, Grid
from ...labels import words as W
from ...assumptions.schema import Assumptions
from ..handles import FootballHandles, InputHandles, SensitivityHandles, ValuationHandles
from ..sheet_writer import SheetWriter, source_note
from .football_parts import blend_part_bars


def build_football(w: SheetWriter, a: Assumptions, inp: InputHandles, val: ValuationHandles,
                   sens: SensitivityHandles) -> FootballHandles:
    sym = a.units.market_symbol
    bars = []  # (key, words, low entry, high entry)
    if sens.target_price_rows:  # the method's own grid: the first axis (a blend: the blend's grid)
        rows = next(iter(sens.target_price_rows.values()))
        last = len(w.line_item(rows[0]).entries) - 1  # column 0 holds each row's multiple or WACC
        name = W("val.ff.method").format(multiple=a.valuation.multiple)
        bars.append(("method", name, MIN(Grid(tuple(rows), 1, last)), MAX(Grid(tuple(rows), 1, last))))
    if val.blend:  # and each part's own range
        bars += blend_part_bars(w, a, inp, val)
    week52 = a.market.week52
    if week52 is not None:
        source = week52.source or source_note("week52_unsourced")
        w.section("in", W("in.week52"))
        low = w.cell("in", "week52_low", W("in.week52_low"), sym, "price", week52.low, named=False, source=source,
                     input_kind="price", origin=("market", "week52", "low"))
        high = w.cell("in", "week52_high", W("in.week52_high"), sym, "price", week52.high, named=False,
                      source=source, input_kind="price", origin=("market", "week52", "high"))
        bars.append(("week52", W("val.ff.week52"), Cell(low.key), Cell(high.key)))
    w.section("val", W("val.ff.title").format(symbol=sym))

    def cell(key: str, name, entry) -> str:  # single valuation cells are VAL_ names
        return w.cell("val", f"ff_{key}", name, sym, "price", entry, prefix="VAL").key

    starts = [cell(f"{key}_low", name, low) for key, name, low, _ in bars]
    price = cell("price", W("val.ff.price"), Cell(val.price))
    target = cell("target_price", W("val.ff.target_price"), Cell(val.target_price))
    ends = [cell(f"{key}_high", W("val.ff.high").format(name=name), high) for key, name, _, high in bars]
    widths = [cell(f"{key}_width", W("val.ff.width").format(name=name), Cell(end) - Cell(start))
              for (key, name, _, _), start, end in zip(bars, starts, ends)]
    w.note("val", W("val.ff.note"))
    return FootballHandles(tuple(starts), tuple(ends), tuple(widths), price, target)
