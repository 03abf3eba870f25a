"""Scenario analysis on the Valuation sheet: every case's target price and rating at once.

Needs the inputs (each case's own input rows), the revenue build and the valuation; the
valuation method rebuilds each case's basis metric.
"""
from __future__ import annotations

from ...formula.expr import INDEX, MATCH, Cell, CellRange, cell_or_one
from ...labels import words as W
from ...assumptions.schema import Assumptions
from ..handles import InputHandles, RevenueHandles, ScenarioHandles, ValuationHandles
from ..input_writer import InputWriter
from ..sheet_writer import MONEY, PCT, SheetWriter, source_note
from ..valuation import ValuationMethod
from .scenario_cases import CaseFigures, case_target_price, computed_rows
from .target import rating_text


def build_scenarios(w: SheetWriter, inputs: InputWriter, a: Assumptions, method: ValuationMethod,
                    inp: InputHandles, rb: RevenueHandles, val: ValuationHandles,
                    case_basis: dict[str, CaseFigures] | None = None) -> ScenarioHandles:
    """`case_basis`: each case's basis metric computed at build time with that case live (methods
    without a live copy of their chain per case); None for a nested build that values one case only."""
    if not a.scenarios.cases or (not method.scenario_chain and case_basis is None):
        return ScenarioHandles({})
    by_parts = method.is_dcf or method.is_blend  # no single multiple: the case's DCF or weighted parts
    if by_parts:
        computed = computed_rows(w, a, inputs, case_basis)
    else:
        computed = _computed_basis(w, a, method, inputs, case_basis) if not method.scenario_chain else {}
    mkt, sym = a.units.market_currency.lower(), a.units.market_symbol
    w.section("val", W("val.scenarios"))
    target_prices = {}
    for c in inputs.case_keys:
        def cell(key, words, unit, fmt, entry, **fields) -> str:
            name = W("val.case_line").format(case=inputs.case_names[c], name=words)
            return w.cell("val", f"scenario_{c}_{key}", name, unit, fmt, entry, prefix="VAL", **fields).key

        def case_cell(address: str) -> Cell:
            return Cell(inputs.case_input(address, c))

        if by_parts:
            price = case_target_price(w, a, method, inputs, val, c, computed[c], cell)
        else:
            price = _multiple_price(w, a, method, inputs, inp, rb, val, c, computed, cell)
        tp = cell(f"target_price_{mkt}", W("val.target_price"), sym, "price", price, total=True)
        up = cell("upside", W("val.upside"), PCT, "pct", Cell(tp) / case_cell("market.price") - 1, total=True)
        idx = MATCH(Cell(up), CellRange(inp.rating_min), 1)
        cell("rating", W("val.rating_short"), "text", "text",
             rating_text(a.languages, INDEX(CellRange(inp.rating_zh), idx), INDEX(CellRange(inp.rating_en), idx)))
        target_prices[c] = tp
    return ScenarioHandles(target_prices)


def _multiple_price(w: SheetWriter, a: Assumptions, method: ValuationMethod, inputs: InputWriter,
                    inp: InputHandles, rb: RevenueHandles, val: ValuationHandles, c: str, computed: dict, cell):
    """A multiple method's case price: the case's multiple on its basis metric (a live chain or computed)."""
    basis_line = method.scenario_basis_line(w, inputs, a, inp, rb, c) if method.scenario_chain else None

    def case_cell(address: str) -> Cell:
        return Cell(inputs.case_input(address, c))

    multiple = cell(f"target_{method.slug}", W("val.target_multiple").format(multiple=a.valuation.multiple), "x",
                    "multiple", case_cell("valuation.target_multiple"))
    basis_entry = (w.basis_value(basis_line, Cell(val.basis_year), inp.year) if basis_line
                   else Cell(computed[c]))
    basis = cell(f"basis_{method.basis_slug}", method.words("basis"), *_basis_unit(a, method), basis_entry)
    fx = case_cell("market.fx") if inp.fx else cell_or_one(None)  # one currency: no FX input
    return method.price(Cell(multiple), Cell(basis), fx, case_cell("market.shares_outstanding_m"),
                        bridge=Cell(val.bridge) if val.bridge else None)


def _basis_unit(a: Assumptions, method: ValuationMethod) -> tuple:
    return (a.units.currency, "eps") if method.per_share_basis else (MONEY, "money")


def _computed_basis(w: SheetWriter, a: Assumptions, method: ValuationMethod, inputs: InputWriter,
                    case_basis: dict[str, CaseFigures]) -> dict[str, str]:
    """Each case's basis metric as computed at build time (an input row labelled so): the
    Checks sheet's scenario check shows when the live case's row no longer equals the live model."""
    w.section("in", W("in.scenario_basis"))
    return {c: w.cell("in", f"scenario_{c}_basis", W("in.scenario_basis_case").format(
        case=inputs.case_names[c], basis=method.words("basis")), *_basis_unit(a, method), case_basis[c].basis,
        named=False, source=source_note("scenario_basis_computed"), input_kind="computed").key
        for c in inputs.case_keys}
