"""A blend's parts on the Valuation sheet: each method's own target price, its weight, and the weighted
target price (`VAL_weight_<slug>`, `VAL_target_price_<slug>`)."""
from __future__ import annotations

from ...formula.expr import Cell, Expr, cell_or_one
from ...labels import words as W
from ...assumptions.schema import Assumptions
from ..handles import DcfHandles, InputHandles
from ..sheet_writer import MONEY, PCT, SheetWriter
from ..valuation import METHODS, BasisLines


def blend_parts(w: SheetWriter, a: Assumptions, inp: InputHandles, lines: BasisLines, dcf: DcfHandles | None,
                cell, market: dict, bridge: str | None) -> tuple[Expr, tuple]:
    """Write every part; return the weighted target price and the parts for the Checks sheet: (method name,
    weight cell, target price cell, target multiple cell or None, basis line or "")."""
    w.section("val", W("val.blend"))
    fx, shares = cell_or_one(market["fx"]), Cell(market["shares"])
    total, parts = None, []
    for name, weight_input, multiple_input in inp.blend:
        m = METHODS[name]()
        words = {"method": name}
        multiple, basis_line = None, ""
        if m.is_dcf:
            ev = cell(f"enterprise_value_{m.slug}", W("val.enterprise_value"), MONEY, "money",
                      Cell(dcf.pv_sum) + Cell(dcf.pv_terminal))
            price = (Cell(ev) - Cell(bridge)) * fx / shares
        else:
            multiple = cell(f"target_{m.slug}", W("val.target_multiple").format(multiple=name), "x", "multiple",
                            Cell(multiple_input))
            basis_line = m.basis_line(lines)
            per_share = m.per_share_basis
            basis = cell(f"basis_{m.slug}", m.words("basis"), a.units.currency if per_share else MONEY,
                         "eps" if per_share else "money", w.basis_value(basis_line, Cell(market["basis_year"]),
                                                                        inp.year, m.basis_is_stock))
            price = m.price(Cell(multiple), Cell(basis), fx, shares, bridge=Cell(bridge) if m.enterprise else None)
        weight = cell(f"weight_{m.slug}", W("val.blend_weight").format(**words), PCT, "pct", Cell(weight_input))
        tp = cell(f"target_price_{m.slug}", W("val.blend_target_price").format(**words), a.units.market_symbol,
                  "price", price, total=True)
        term = Cell(weight) * Cell(tp)
        total = term if total is None else total + term
        parts.append((name, weight, tp, multiple, basis_line))
    return total, tuple(parts)
