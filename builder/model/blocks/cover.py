"""The Cover sheet's headline figures (links). Needs the valuation and the checks."""
from __future__ import annotations

from ...formula.expr import Cell
from ...labels import words as W
from ...assumptions.schema import Assumptions
from ..handles import CheckHandles, CoverHandles, ValuationHandles
from ..sheet_writer import PCT, SheetWriter, unit


def build_cover(w: SheetWriter, a: Assumptions, val: ValuationHandles, chk: CheckHandles) -> CoverHandles:
    sym = a.units.market_symbol

    def cell(key, unit, fmt, source_key, **fields) -> str:
        return w.cell("cover", key, W(f"cover.{key}"), unit, fmt, Cell(source_key), named=False, **fields).key

    w.section("cover", W("cover.summary"))
    rating = cell("rating", "text", "text", val.rating)
    tp = cell("target_price", sym, "price", val.target_price)
    upside = cell("upside", PCT, "pct", val.upside)
    cell("target_market_cap", unit("millions", symbol=sym), "money", val.target_market_cap)
    cell("price", sym, "price", val.price)
    cell("price_date", "date", "date", val.price_date)
    cell("master_check", unit("bool"), "bool", chk.master, check=True)
    return CoverHandles(rating, tp, upside)
