"""Scenario analysis on the Valuation sheet: every case's target price and rating at once.

Needs the inputs (each case's own input rows), the revenue build and the valuation; the
valuation method rebuilds each case's basis metric.
"""
from __future__ import annotations

from ...expr import INDEX, MATCH, Cell, CellRange
from ...labels import words as W
from ...schema import Assumptions
from ..handles import InputHandles, RevenueHandles, ScenarioHandles, ValuationHandles
from ..input_writer import InputWriter
from ..sheet_writer import MONEY, PCT, SheetWriter
from ..valuation import ValuationMethod
from .valuation import rating_text


def build_scenarios(w: SheetWriter, inputs: InputWriter, a: Assumptions, method: ValuationMethod,
                    inp: InputHandles, rb: RevenueHandles, val: ValuationHandles) -> ScenarioHandles:
    if not a.scenarios.cases:
        return ScenarioHandles({})
    mkt, sym = a.units.market_currency.lower(), a.units.market_symbol
    w.section("val", W("val.scenarios"))
    target_prices = {}
    for c in inputs.case_keys:
        basis_line = method.scenario_basis_line(w, inputs, a, inp, rb, c)

        def cell(key, words, unit, fmt, entry, **fields) -> str:
            name = W("val.case_line").format(case=inputs.case_names[c], name=words)
            return w.cell("val", f"scenario_{c}_{key}", name, unit, fmt, entry, prefix="VAL", **fields).key

        def case_cell(address: str) -> Cell:
            return Cell(inputs.case_input(address, c))

        multiple = cell(f"target_{method.slug}", W("val.target_multiple").format(multiple=a.valuation.multiple), "x",
                        "multiple", case_cell("valuation.target_multiple"))
        basis = cell(f"basis_{method.basis_slug}", method.words("basis"), MONEY, "money",
                     w.basis_value(basis_line, Cell(val.basis_year), inp.year))
        tp = cell(f"target_price_{mkt}", W("val.target_price"), sym, "price",
                  method.per_share(method.target_value(Cell(multiple), Cell(basis), case_cell("market.fx")),
                                   case_cell("market.shares_outstanding_m")), total=True)
        up = cell("upside", W("val.upside"), PCT, "pct", Cell(tp) / case_cell("market.price") - 1, total=True)
        idx = MATCH(Cell(up), CellRange(inp.rating_min), 1)
        cell("rating", W("val.rating_short"), "text", "text",
             rating_text(a.languages, INDEX(CellRange(inp.rating_zh), idx), INDEX(CellRange(inp.rating_en), idx)))
        target_prices[c] = tp
    return ScenarioHandles(target_prices)
